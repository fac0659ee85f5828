"""``migrator check`` end to end: formats, exit codes, suppression, configuration, baseline,
and the catalogue commands (``migrator rules`` / ``migrator explain``)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from migrator.cli import main

HAZARD = textwrap.dedent(
    """\
    import multiprocessing, time


    def busy_poller():
        while True:
            time.sleep(0.0001)


    def application(environ, start_response):
        p = multiprocessing.Process(target=busy_poller)
        p.start()
        p.terminate()
        start_response("200 OK", [])
        return [b"done"]
    """
)
CLEAN = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd, check=True)\n"


def check(*args: str, cwd: Path) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", "check", "--no-cache", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120,
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # a repository root for relative paths
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "app.py").write_text(HAZARD)
    (tmp_path / "pkg" / "clean.py").write_text(CLEAN)
    return tmp_path


def test_text_output_has_the_flake8_shape_and_exit_1(repo):
    rc, out, err = check("pkg", cwd=repo)
    assert rc == 1, err
    lines = out.splitlines()
    assert lines and all(l.startswith("pkg/app.py:") for l in lines)
    codes = {l.split(": ", 1)[1].split()[0] for l in lines}
    assert {"FK101", "FK102", "FK201", "FK302"} <= codes
    first = lines[0].split(":")
    assert first[1].isdigit() and first[2].isdigit()


def test_clean_file_exits_0_and_missing_file_exits_2(repo):
    assert check("pkg/clean.py", cwd=repo)[:2] == (0, "")
    rc, _, err = check("pkg/nope.py", cwd=repo)
    assert rc == 2 and "no such file" in err


def test_unparsable_file_is_a_read_error(repo):
    # (a file no rule has a trigger word for is never parsed: it cannot have findings)
    (repo / "pkg" / "broken.py").write_text("import os\ndef f(:\n    os.fork()\n")
    rc, out, err = check("pkg/broken.py", cwd=repo)
    assert rc == 2 and "error" in err


def test_usage_error_exits_2(repo):
    rc, _, _ = check("--format", "xml", "pkg", cwd=repo)
    assert rc == 2


def test_json_output(repo):
    rc, out, _ = check("--format", "json", "pkg", cwd=repo)
    assert rc == 1
    doc = json.loads(out)
    assert doc["version"] == 1 and doc["errors"] == []
    f = doc["findings"][0]
    assert set(f) >= {"path", "line", "col", "code", "name", "message", "severity", "fingerprint"}
    assert f["path"] == "pkg/app.py"


def test_line_suppressions_noqa_and_file_level(repo):
    app = repo / "pkg" / "app.py"
    text = HAZARD.replace("p.terminate()", "p.terminate()  # migrator: ignore[FK101]")
    text = text.replace("    while True:", "    while True:  # noqa: FK102")
    app.write_text(text)
    _, out, _ = check("pkg/app.py", cwd=repo)
    codes = [l.split(": ", 1)[1].split()[0] for l in out.splitlines()]
    assert "FK101" not in codes and "FK102" not in codes and "FK201" in codes
    app.write_text("# migrator: ignore-file[FK2, FK3]\n" + text)
    rc, out, _ = check("pkg/app.py", cwd=repo)
    assert rc == 0 and out == ""


def test_pyproject_select_ignore_and_per_file_ignores(repo):
    (repo / "pyproject.toml").write_text('[tool.migrator]\nignore = ["FK3"]\nper-file-ignores = { "pkg/app.py" = ["FK10"] }\n')
    _, out, _ = check("pkg", cwd=repo)
    codes = {l.split(": ", 1)[1].split()[0] for l in out.splitlines()}
    assert codes == {"FK201"}
    _, out, _ = check("--select", "FK102", "pkg", cwd=repo)
    assert out == ""  # FK102 is selected, but per-file-ignores still drops it for app.py
    (repo / "pyproject.toml").write_text('[tool.migrator]\nselect = ["FK30"]\n')
    _, out, _ = check("pkg", cwd=repo)
    assert {l.split(": ", 1)[1].split()[0] for l in out.splitlines()} == {"FK302"}


def test_baseline_survives_unrelated_edits_and_catches_new_findings(repo):
    rc, _, err = check("--write-baseline", "baseline.json", "pkg", cwd=repo)
    assert rc == 0 and "wrote" in err
    known = json.loads((repo / "baseline.json").read_text())["findings"]
    assert known
    assert check("--baseline", "baseline.json", "pkg", cwd=repo)[:2] == (0, "")
    app = repo / "pkg" / "app.py"
    app.write_text('"""A docstring and\nsome lines\nadded above."""\n\n' + app.read_text())
    assert check("--baseline", "baseline.json", "pkg", cwd=repo)[:2] == (0, "")  # lines moved, still known
    app.write_text(app.read_text() + "\n\ndef again():\n    q = multiprocessing.Process(target=busy_poller)\n    q.start()\n    q.terminate()\n")
    rc, out, _ = check("--baseline", "baseline.json", "pkg", cwd=repo)
    assert rc == 1
    new_lines = {int(l.split(":")[1]) for l in out.splitlines()}
    assert min(new_lines) > len(HAZARD.splitlines())  # only the new function's findings
    # --format json output is a baseline too
    rc, out, _ = check("--format", "json", "-o", "all.json", "pkg", cwd=repo)
    assert check("--baseline", "all.json", "pkg", cwd=repo)[:2] == (0, "")


def test_same_line_twice_is_two_occurrences(repo):
    from migrator.check.output import Item, fingerprint
    from migrator.findings import Finding

    lines = ["p.terminate()", "p.terminate()", "  p.terminate()  "]
    items = [Item("a.py", "a.py", Finding(n, 1, "FK101", "m")) for n in (1, 2, 3)]
    fingerprint(items, lines)
    assert [i.fingerprint.split(":")[1] for i in items] == ["0", "1", "2"]
    assert len({i.fingerprint.split(":")[0] for i in items}) == 1


def test_bad_baseline_is_a_usage_error(repo):
    (repo / "b.json").write_text("{}")
    rc, _, err = check("--baseline", "b.json", "pkg", cwd=repo)
    assert rc == 2 and "baseline" in err


def test_force_exclude_applies_to_named_files(repo):
    (repo / "pyproject.toml").write_text('[tool.migrator]\nexclude = ["pkg/app.py"]\n')
    assert check("pkg/app.py", cwd=repo)[0] == 1
    assert check("--force-exclude", "pkg/app.py", cwd=repo)[:2] == (0, "")


def test_rules_lists_every_check_and_explain_prints_the_docs(capsys):
    from migrator.check.registry import all_rules

    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in all_rules():
        assert rule.ID in out and rule.NAME in out
    assert main(["explain", "fk201"]) == 0
    doc = capsys.readouterr().out
    for heading in ("What it does", "Why is this bad", "Example", "How to fix"):
        assert heading in doc
    assert main(["explain", "FK999"]) == 2


def test_rule_ids_are_grouped_and_documented():
    from migrator.check import rules as pkg
    from migrator.check.registry import all_rules

    groups = {"1": "process lifecycle", "2": "signals", "3": "fork with threads/sockets", "4": "subprocess", "5": "ansible-in-server"}
    doc = pkg.__doc__ or ""
    for rule in all_rules():
        assert rule.ID.startswith("FK") and len(rule.ID) == 5
        assert rule.GROUP == groups[rule.ID[2]], rule.ID
        assert rule.ID in doc and rule.NAME in doc, f"{rule.ID} missing from migrator/check/rules/__init__.py"
    assert len(all_rules()) >= 22
