"""``migrator report`` on the command line: formats, output files, exit statuses."""
from __future__ import annotations

import json
import os

from report_helpers import migrator


def test_output_format_follows_the_extension(sample_repo, tmp_path):
    for name, check in (("r.html", lambda t: t.startswith("<!DOCTYPE html>")),
                        ("r.md", lambda t: t.startswith("## Migration readiness")),
                        ("r.json", lambda t: json.loads(t)["schema_version"] == 1)):
        out = tmp_path / name
        code, stdout, err = migrator("report", "--no-cache", "-q", "-q", "-o", str(out), sample_repo)
        assert code == 0, err
        assert stdout == ""
        assert check(out.read_text(encoding="utf-8")), name


def test_format_wins_over_the_extension_and_dash_is_stdout(sample_repo, tmp_path):
    out = tmp_path / "report.txt"
    code, _, err = migrator("report", "--no-cache", "--format", "json", "-o", str(out), sample_repo)
    assert code == 0, err
    assert json.loads(out.read_text())["summary"]["files"] == 6
    code, stdout, err = migrator("report", "--no-cache", "--format", "html", "-o", "-", sample_repo)
    assert code == 0 and stdout.startswith("<!DOCTYPE html>")


def test_html_without_output_goes_to_the_default_file(sample_repo, tmp_path):
    code, stdout, err = migrator("report", "--no-cache", "--format", "html", sample_repo, cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "migrator-report.html").read_text().startswith("<!DOCTYPE html>")
    assert "migrator-report.html" in err  # says where it went
    assert stdout == ""


def test_usage_errors_exit_2(sample_repo, tmp_path):
    code, _, err = migrator("report", "--no-cache", str(tmp_path / "missing"))
    assert code == 2 and "no such file" in err
    code, _, err = migrator("report", "--no-cache", "--target-version", "three", sample_repo)
    assert code == 2 and "--target-version" in err
    code, _, err = migrator("report", "--no-cache", "--format", "pdf", sample_repo)
    assert code == 2
    code, _, err = migrator("report", "--no-cache", "--ansible-target", "soon", sample_repo)
    assert code == 2


def test_files_that_cannot_be_processed_are_in_the_report_not_an_error(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "binary.py").write_bytes(b"x = 1\0\n")
    (repo / "ok.py").write_text("x = 1\n")
    code, stdout, err = migrator("report", "--no-cache", "--format", "json", str(repo))
    assert code == 0, err
    model = json.loads(stdout)
    failed = [f for f in model["files"] if f["status"] == "failed"]
    assert [f["path"] for f in failed] == ["binary.py"]
    assert failed[0]["phase"] == "failed" and failed[0]["score"] == 0 and failed[0]["error"]["message"]
    assert model["summary"]["phases"]["failed"] == 1


def test_help_documents_the_default(tmp_path):
    code, stdout, _ = migrator("report", "--help")
    assert code == 0
    assert "Markdown on standard output" in stdout and "migrator-report.html" in stdout
    assert "--baseline" in stdout and "--target-version" in stdout and "--ansible-target" in stdout


def test_cache_is_shared_and_reused(sample_repo, tmp_path):
    repo = tmp_path / "cached"
    os.makedirs(repo)
    for name in ("app/legacy.py", "clean.py"):
        src = os.path.join(sample_repo, name)
        dst = repo / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        with open(src, "rb") as fh:
            dst.write_bytes(fh.read())
    first = migrator("report", "--format", "json", str(repo))
    second = migrator("report", "--format", "json", str(repo))
    assert first[0] == second[0] == 0
    a, b = json.loads(first[1]), json.loads(second[1])
    assert (repo / ".migrator_cache").is_dir()
    assert a["files"] == b["files"]
