"""Step 2 of issue 6: `migrator check` points at the causes of the incident, `migrator report`
shows what the migration of the legacy service involves.

The causes, and the rule that names each:

* the service runs Ansible's executor inside the gunicorn worker (its children inherit the
  worker's flag-setting SIGTERM handler; ansible-core 2.19 would replace that handler): FK501 on
  ``vesemir/runner.py``;
* the process that leaks is Ansible 2.1's ``ResultProcess``, a busy loop with no exit condition
  (FK102 on ``ansible/executor/process/result.py``), stopped with one ``terminate()`` that is never
  waited for (FK101 on ``ansible/executor/task_queue_manager.py``).

The Ansible 2.1 sources come from the Python 2.7 environment of step 1 when it exists, else from
the ansible 2.1.0.0 sdist the corpus tests use (downloaded once; skipped without network).
"""
from __future__ import annotations

import json
import os

import pytest
from vesemir_helpers import APP_DIR, line_of, load_script, migrator

RUNNER = os.path.join(APP_DIR, "vesemir", "runner.py")


@pytest.fixture(scope="module")
def check():
    proc = migrator("check", "--no-cache", ".", cwd=APP_DIR, timeout=300)
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)  # 1: findings
    return proc.stdout.splitlines()


def test_the_rules_exist():
    from migrator.check.registry import all_rules

    ids = {r.ID for r in all_rules()}
    assert {"FK101", "FK102", "FK501"} <= ids


def test_check_points_at_ansible_run_in_the_server_worker(check):
    line = line_of(RUNNER, "pbex = PlaybookExecutor(")
    hits = [f for f in check if f.startswith(f"vesemir/runner.py:{line}:") and " FK501 " in f]
    assert hits, check
    assert "signal handlers" in hits[0] and "subprocess" in hits[0]  # the cause and the fix are named


def test_check_finds_nothing_else_in_the_service(check):
    # the service's own code does not fork or install handlers: FK501 is the whole story there
    assert [f.split(" ")[1] for f in check] == ["FK501"], check


def _ansible21_tree():
    py2env = load_script("py2env")
    site = os.path.join(py2env.default_env_dir(), "lib", "python2.7", "site-packages")
    if os.path.isfile(os.path.join(site, "ansible", "executor", "process", "result.py")):
        return site
    from corpus import (
        corpus_dir,  # tests/corpus.py: downloads the sdist once, skips without network
    )

    return str(corpus_dir("ansible") / "lib")


def test_check_points_at_the_leaking_result_process_of_ansible_21():
    tree = _ansible21_tree()
    result = os.path.join("ansible", "executor", "process", "result.py")
    tqm = os.path.join("ansible", "executor", "task_queue_manager.py")
    proc = migrator("check", "--no-cache", result, tqm, cwd=tree, timeout=300)
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    out = proc.stdout.splitlines()
    # ResultProcess.run(): `while True:` polling the queues with time.sleep(0.0001), no way out
    loop = line_of(os.path.join(tree, result), "while True:", after="def run(self):")
    assert any(f.startswith(f"{result}:{loop}:") and " FK102 " in f for f in out), out
    # TaskQueueManager._cleanup_processes(): self._result_prc.terminate(), never joined
    term = line_of(os.path.join(tree, tqm), "self._result_prc.terminate()")
    assert any(f.startswith(f"{tqm}:{term}:") and " FK101 " in f for f in out), out


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    proc = migrator("report", "--no-cache", ".", "--format", "json", "-o", str(out / "report.json"),
                    cwd=APP_DIR, timeout=300)
    assert proc.returncode == 0, proc.stderr
    html = migrator("report", "--no-cache", ".", "-o", str(out / "report.html"), cwd=APP_DIR, timeout=300)
    assert html.returncode == 0, html.stderr
    with open(out / "report.json", encoding="utf-8") as fh:
        return json.load(fh), (out / "report.html").read_text(encoding="utf-8")


def test_report_json_has_the_expected_sections(report):
    model, _ = report
    for key in ("summary", "files", "codes", "ansible", "dependencies", "formula", "settings"):
        assert key in model, key
    from migrator.report import SCHEMA_PATH, schema

    if os.path.exists(SCHEMA_PATH):
        import jsonschema

        jsonschema.validate(model, schema())


def test_report_shows_what_the_migration_involves(report):
    model, html = report
    files = {f["path"]: f for f in model["files"]}
    assert "scripts/reproduce.py" not in files  # the example's pyproject.toml excludes the harness
    for path in ("vesemir/app.py", "vesemir/runner.py", "vesemir/settings.py", "vesemir/notify.py"):
        assert files[path]["python2"] is True, files[path]
    for path in ("vesemir/app.py", "vesemir/runner.py", "vesemir/notify.py"):  # `except X, e:`
        assert files[path]["parses"] is False, files[path]
    codes = {c["code"]: c for c in model["codes"]}
    assert codes["FK501"]["kind"] == "hazard"
    assert codes["AN900"]["kind"] == "change" and codes["AN900"]["count"] == 1
    assert any(c.startswith("PY") for c in codes) and any(c.startswith("AN0") for c in codes)
    summary = model["summary"]
    assert summary["findings"]["hazard"] >= 1 and summary["findings"]["change"] > 20
    assert summary["ansible"]["uses"] > 0
    deps = {d["name"].lower(): d for d in model["dependencies"]["items"]}
    assert "ansible" in deps and "gunicorn" in deps
    assert "<html" in html.lower() and "FK501" in html
