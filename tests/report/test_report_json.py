"""The JSON report: validates against its schema and says the right things about a small
repository with one file per kind of finding — without touching any file."""
from __future__ import annotations

import hashlib
import json
import os

import jsonschema
import pytest
from report_helpers import report_json

from migrator.report import SCHEMA_PATH, schema


def _tree_digest(root: str) -> dict[str, str]:
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as fh:
                out[os.path.relpath(path, root)] = hashlib.sha256(fh.read()).hexdigest()
    return out


@pytest.fixture(scope="module")
def report(sample_repo):
    before = _tree_digest(sample_repo)
    model = report_json(sample_repo)
    assert _tree_digest(sample_repo) == before, "the report must be a dry run: no file may change"
    return model


def _file(model: dict, path: str) -> dict:
    return next(f for f in model["files"] if f["path"] == path)


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(schema())
    assert SCHEMA_PATH.endswith("report-v1.schema.json")


def test_report_validates_against_the_schema(report):
    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:10])
    assert report["schema_version"] == 1


def test_schema_rejects_a_broken_report(report):
    broken = json.loads(json.dumps(report))
    broken["files"][0]["phase"] = "nearly"
    del broken["summary"]["score"]
    validator = jsonschema.Draft202012Validator(schema())
    assert len(list(validator.iter_errors(broken))) >= 2


def test_python2_file_does_not_parse_and_says_why(report):
    legacy = _file(report, "app/legacy.py")
    assert legacy["parses"] is False
    assert legacy["phase"] == "python2"
    assert legacy["parse_error"]["line"] == 5
    assert legacy["parse_error"]["source"] == 'print "hello", name'
    assert legacy["python2"] is True
    # Python 2 constructs counted by codemod id (lift rewrites included)
    assert legacy["changes"]["L101"] == 1
    assert legacy["changes"]["PY104"] == 1
    print_change = next(x for x in legacy["findings"] if x["code"] == "L101")
    assert print_change["line"] == 5 and print_change["kind"] == "change"


def test_review_findings_carry_line_reason_and_source(report):
    division = _file(report, "app/division.py")
    assert division["parses"] is True
    assert division["phase"] == "review"
    review = [x for x in division["findings"] if x["kind"] == "review"]
    assert review and review[0]["line"] == 2 and review[0]["source"] == "return n / m"
    assert "division" in review[0]["message"]
    model = _file(report, "app/model.py")
    assert any(x["kind"] == "review" and "__hash__" in x["message"] for x in model["findings"])


def test_fork_hazards_are_reported_by_rule(report):
    worker = _file(report, "app/worker.py")
    hazards = [x for x in worker["findings"] if x["kind"] == "hazard"]
    assert hazards and all(x["code"].startswith("FK") for x in hazards)
    assert worker["phase"] == "review"
    rows = [c for c in report["codes"] if c["kind"] == "hazard"]
    assert rows and all(c["family"] == "fork" for c in rows)


def test_ansible_uses_say_when_they_break_and_whether_a_codemod_handles_them(report):
    uses = [u for u in report["ansible"]["uses"] if u["path"] == "deploy/runner.py"]
    assert uses, report["ansible"]
    assert all(u["code"].startswith("AN") for u in uses)
    assert all(u["breaks_in"] for u in uses), uses
    assert any(u["handled"] for u in uses)
    lines = {u["line"] for u in uses}
    assert {1, 2} <= lines  # the two imports
    releases = [r["release"] for r in report["ansible"]["by_release"]]
    from packaging.version import Version

    assert releases == sorted(releases, key=Version)
    modules = {i["module"]: i for i in report["ansible"]["imports"]}
    assert modules["ansible.inventory"]["flagged"] == 1


def test_phases_and_summary_add_up(report):
    s = report["summary"]
    assert s["files"] == len(report["files"]) == 6
    assert sum(s["phases"].values()) == s["files"]
    assert s["phases"]["python2"] == 1
    assert s["parses"] == s["files"] - 1
    assert _file(report, "clean.py")["phase"] == "done"
    assert _file(report, "clean.py")["score"] == 10
    assert _file(report, "deploy/runner.py")["phase"] == "fixable"
    assert s["findings"]["change"] == sum(f["counts"]["change"] for f in report["files"])
    assert 0 <= s["score"] < 10
    assert report["formula"]["text"].startswith("score =")
    dirs = {d["path"]: d for d in report["directories"]}
    assert dirs["app"]["files"] == 4 and dirs["."]["files"] == 1


def test_score_follows_the_published_formula(report):
    w = report["formula"]["weights"]
    for f in report["files"]:
        c = f["counts"]
        expected = max(0.0, 10 - 10 * (w["change"] * c["change"] + w["review"] * c["review"] + w["hazard"] * c["hazard"]) / max(10, f["statements"]))
        assert f["score"] == pytest.approx(expected, abs=0.01), f["path"]


def test_dependencies_from_requirements(report):
    items = {i["key"]: i for i in report["dependencies"]["items"]}
    assert items["ansible"]["status"] == "upgrade"
    assert items["ansible"]["line"] == 1 and items["ansible"]["file"] == "requirements.txt"
    assert items["gunicorn"]["status"] == "upgrade"
    assert items["pyyaml"]["status"] == "ready"
    assert items["futures"]["status"] == "excluded"  # its marker keeps it off Python 3
    assert items["subprocess32"]["status"] == "drop"
    assert report["summary"]["dependencies"]["not_ready"] == 3


def test_target_version_reaches_the_dependency_verdicts(sample_repo):
    model = report_json(sample_repo, "--target-version", "3.12")
    assert model["settings"]["target_version"] == "3.12"
    items = {i["key"]: i for i in model["dependencies"]["items"]}
    assert "3.12" in items["gunicorn"]["reason"]
