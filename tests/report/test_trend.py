"""--baseline: make a report, change the code, make another against the first, and read
what moved."""
from __future__ import annotations

import json
import os

import jsonschema
from report_helpers import migrator

from migrator.report import schema


def test_baseline_shows_what_moved(own_repo, tmp_path):
    before = tmp_path / "week1.json"
    code, _, err = migrator("report", "--no-cache", "-o", str(before), own_repo)
    assert code == 0, err
    # a week of work: legacy.py is ported by hand, division is decided, a new file appears
    with open(os.path.join(own_repo, "app", "legacy.py"), "w") as fh:
        fh.write("import os\n\ndef greet(name):\n    if isinstance(name, str):\n        print('hello', name)\n    return name\n")
    with open(os.path.join(own_repo, "app", "division.py"), "w") as fh:
        fh.write("def half(n, m):\n    return n // m\n")
    with open(os.path.join(own_repo, "app", "new.py"), "w") as fh:
        fh.write("x = 1\n")
    with open(os.path.join(own_repo, "requirements.txt"), "a") as fh:
        fh.write("pycryptodome==3.20.0\n")
    after = tmp_path / "week2.json"
    code, _, err = migrator("report", "--no-cache", "--baseline", str(before), "-o", str(after), own_repo)
    assert code == 0, err
    model = json.loads(after.read_text())
    jsonschema.validate(model, schema())
    t = model["trend"]
    assert t["baseline"]["path"] == str(before)
    assert t["score"]["after"] > t["score"]["before"] and t["score"]["delta"] > 0
    assert t["parses"] == {"before": 5, "after": 7, "delta": 2}
    assert t["phases"]["python2"]["delta"] == -1
    assert t["phases"]["done"]["delta"] == 3  # legacy.py, division.py, new.py
    assert t["findings"]["review"]["delta"] < 0
    moved = {m["path"]: m for m in t["files_moved"]}
    assert moved["app/legacy.py"]["phase_before"] == "python2" and moved["app/legacy.py"]["phase_after"] == "done"
    assert moved["app/division.py"]["phase_before"] == "review" and moved["app/division.py"]["phase_after"] == "done"
    assert "clean.py" not in moved
    assert t["files_added"] == ["app/new.py"] and t["files_removed"] == []
    codes = {(c["code"], c["kind"]): c for c in t["codes"]}
    assert codes[("L101", "change")]["delta"] == -1
    assert [d["name"] for d in t["dependencies"]] == ["pycryptodome"]
    # the other formats show the trend too
    code, md, err = migrator("report", "--no-cache", "--baseline", str(before), own_repo)
    assert code == 0, err
    assert "### Since the last report" in md and "| Parses as Python 3 | 5 | 7 | +2 |" in md
    html_path = tmp_path / "r.html"
    code, _, err = migrator("report", "--no-cache", "--baseline", str(before), "-o", str(html_path), own_repo)
    assert code == 0, err
    assert 'id="trend"' in html_path.read_text()


def test_a_baseline_from_another_checkout_lines_up_by_relative_path(own_repo, tmp_path):
    before = tmp_path / "b.json"
    code, _, err = migrator("report", "--no-cache", "-o", str(before), own_repo)
    assert code == 0, err
    data = json.loads(before.read_text())
    data["root"] = "/somewhere/else/repo"
    before.write_text(json.dumps(data))
    code, out, err = migrator("report", "--no-cache", "--format", "json", "--baseline", str(before), own_repo)
    assert code == 0, err
    t = json.loads(out)["trend"]
    assert t["files_moved"] == [] and t["files_added"] == [] and t["files_removed"] == []


def test_bad_baselines_are_usage_errors(own_repo, tmp_path):
    missing = tmp_path / "nope.json"
    code, _, err = migrator("report", "--no-cache", "--baseline", str(missing), own_repo)
    assert code == 2 and "cannot read" in err
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    code, _, err = migrator("report", "--no-cache", "--baseline", str(junk), own_repo)
    assert code == 2 and "not JSON" in err
    other = tmp_path / "other.json"
    other.write_text('{"version": 2.1}')
    code, _, err = migrator("report", "--no-cache", "--baseline", str(other), own_repo)
    assert code == 2 and "not a migrator report" in err
