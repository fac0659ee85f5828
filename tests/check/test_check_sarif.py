"""``migrator check --format sarif`` validates against the SARIF 2.1.0 schema and carries
what code-scanning services need (stable rule ids, relative URIs, fingerprints)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from test_check_cli import HAZARD

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"


def sarif(cwd: Path, *paths: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", "check", "--no-cache", "--format", "sarif", *paths],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode in (0, 1, 2), proc.stderr  # 2: the unparsable file in the fixture
    return json.loads(proc.stdout)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "src" / "svc").mkdir(parents=True)
    (tmp_path / "src" / "svc" / "app.py").write_text(HAZARD)
    (tmp_path / "src" / "svc" / "broken.py").write_text("import os\ndef f(:\n    os.fork()\n")
    return tmp_path


def test_sarif_validates_against_the_schema(repo):
    doc = sarif(repo, "src")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker()).validate(doc)


def test_sarif_content(repo):
    doc = sarif(repo / "src", "svc")  # run from a subfolder: URIs stay repository-relative
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "migrator" and driver["version"] and driver["informationUri"]
    ids = [r["id"] for r in driver["rules"]]
    assert "FK201" in ids and len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    results = run["results"]
    assert results
    for res in results:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note") and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "src/svc/app.py", "uriBaseId": "%SRCROOT%"}
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
        assert res["partialFingerprints"]["primaryLocationLineHash"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["FK201"] == "error" and levels["FK102"] == "warning"
    # the unparsable file is reported as a tool notification, and the run as not successful
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "src/svc/broken.py"


def test_fingerprints_do_not_depend_on_line_numbers(repo):
    def prints(doc):
        return sorted((r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]) for r in doc["runs"][0]["results"])

    before = sarif(repo, "src/svc/app.py")
    app = repo / "src" / "svc" / "app.py"
    app.write_text("# a comment\n# and another\n\n" + app.read_text())
    after = sarif(repo, "src/svc/app.py")
    assert prints(before) == prints(after)
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after["runs"][0]["results"]] != [
        r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before["runs"][0]["results"]
    ]
