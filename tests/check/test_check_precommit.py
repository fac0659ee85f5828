"""The published hooks work with the real pre-commit tool: ``pre-commit try-repo`` on a
temporary clone of this working tree (its current files committed there, never here)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_check_cli import CLEAN, HAZARD

ROOT = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "migrator tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "migrator tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, **GIT_ENV)
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=120).stdout


def _hook_repo(dest: Path) -> Path:
    """A git repository holding the working tree's current files (tracked and new, not ignored)."""
    listed = _git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z").split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "snapshot of the working tree for pre-commit try-repo")
    return dest


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    return _hook_repo(tmp_path_factory.mktemp("hookrepo"))


def _try_repo(hook_repo: Path, work: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", **GIT_ENV)
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--verbose", "--files", *files],
        cwd=work, env=env, capture_output=True, text=True, timeout=900,
    )


def test_migrator_check_hook_fails_on_a_hazard_and_passes_a_clean_file(hook_repo, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    (work / "bad.py").write_text(HAZARD)
    (work / "good.py").write_text(CLEAN)
    (work / "stub.pyi").write_text("def run(cmd: list[str]) -> int: ...\n")
    _git(work, "add", "-A")
    home = tmp_path / "pre-commit-home"

    bad = _try_repo(hook_repo, work, home, "migrator-check", "bad.py")
    out = bad.stdout + bad.stderr
    if bad.returncode != 0 and "bad.py:" not in out and ("pip" in out or "network" in out.lower()):
        pytest.skip(f"pre-commit could not install the hook environment:\n{out[-2000:]}")
    assert bad.returncode == 1, out
    assert "migrator check" in out and "Failed" in out
    assert "bad.py:" in out and "FK201" in out

    good = _try_repo(hook_repo, work, home, "migrator-check", "good.py", "stub.pyi")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
