"""The bundled legacy service, before and after ``migrator fix``: the report shows the
migration (Python 2 files that do not parse → all parse, automatic changes → none)."""
from __future__ import annotations

import json
import os
import shutil

import jsonschema
from report_helpers import migrator

from migrator.report import schema

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(REPO, "examples", "legacy_vesemir")


def test_vesemir_before_and_after(tmp_path):
    copy = tmp_path / "legacy_vesemir"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns(".migrator_cache", "__pycache__", "*.pyc"))
    before_json = tmp_path / "before.json"
    code, _, err = migrator("report", "--no-cache", "-o", str(before_json), str(copy))
    assert code == 0, err
    before = json.loads(before_json.read_text())
    jsonschema.validate(before, schema())
    b = before["summary"]
    assert b["phases"]["python2"] >= 4  # app.py, runner.py, notify.py, vesemir_release.py
    assert b["findings"]["change"] > 20
    assert b["ansible"]["uses"] > 5 and b["ansible"]["handled"] > 0
    assert {"app.py", "runner.py", "notify.py"} <= {os.path.basename(f["path"]) for f in before["files"] if f["parses"] is False}
    deps = {i["key"]: i["status"] for i in before["dependencies"]["items"]}
    assert deps["ansible"] == "upgrade" and deps["pycrypto"] == "replace"

    code, _, err = migrator("fix", "--no-cache", str(copy))
    assert code == 0, err

    after_html = tmp_path / "after.html"
    code, _, err = migrator("report", "--no-cache", "--baseline", str(before_json), "-o", str(after_html), str(copy))
    assert code == 0, err
    code, out, err = migrator("report", "--no-cache", "--format", "json", "--baseline", str(before_json), str(copy))
    assert code == 0, err
    after = json.loads(out)
    jsonschema.validate(after, schema())
    a = after["summary"]
    assert a["parses"] == a["files"] == b["files"]
    assert a["phases"]["python2"] == 0 and a["phases"]["fixable"] == 0
    assert a["findings"]["change"] == 0
    assert a["score"] > b["score"]
    t = after["trend"]
    assert t["parses"]["delta"] == b["phases"]["python2"]
    assert t["findings"]["change"]["delta"] == -b["findings"]["change"]
    assert len(t["files_moved"]) >= b["phases"]["python2"] + b["phases"]["fixable"]
    assert t["dependencies"] == []  # requirements.txt is not code: migrator fix leaves it alone
    assert 'id="trend"' in after_html.read_text()
