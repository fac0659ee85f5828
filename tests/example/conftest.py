"""Fixtures of the issue-6 example tests: the demo script as a module, and the migrated copy of the
legacy service (step 3 exactly as the demo does it, made once per session with the real
``migrator fix``)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vesemir_helpers import APP_DIR, load_script, migrator


@pytest.fixture(scope="session")
def demo():
    return load_script("demo")


@dataclass
class Migrated:
    path: str
    proc: subprocess.CompletedProcess
    changed: dict = field(default_factory=dict)  # file -> codes
    reviews: list = field(default_factory=list)  # {"path", "line", "code", "message"}
    hand_finishing: list = field(default_factory=list)


@pytest.fixture(scope="session")
def migrated(tmp_path_factory, demo) -> Migrated:
    """A copy of the service (without scripts/), `migrator fix -v`, then the documented
    hand-finishing (demo.HAND_FINISHING)."""
    path = str(tmp_path_factory.mktemp("migrated") / "service")
    shutil.copytree(APP_DIR, path, ignore=shutil.ignore_patterns("scripts", ".migrator_cache", "__pycache__", "*.pyc"))
    proc = migrator("fix", "--no-cache", "-v", ".", cwd=path, timeout=600)
    result = Migrated(path, proc)
    for line in proc.stdout.splitlines():
        m = demo.CHANGED.match(line)
        if m:
            result.changed[m["path"]] = [c.strip() for c in m["codes"].split(",") if c.strip()]
            continue
        m = demo.REVIEW.match(line)
        if m:
            result.reviews.append({"path": m["path"], "line": int(m["line"]), "code": m["code"], "message": m["message"]})
    if proc.returncode == 0:
        result.hand_finishing = demo.apply_hand_finishing(path, result.reviews)
    return result
