"""Helpers the report tests share (a module of its own: every test folder has a
``conftest``, so ``from conftest import …`` depends on which folder pytest read first)."""
from __future__ import annotations

import json
import subprocess
import sys


def migrator(*args, cwd=None, timeout=600):
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return proc.returncode, proc.stdout, proc.stderr


def report_json(path, *extra, cwd=None) -> dict:
    code, out, err = migrator("report", "--no-cache", "--format", "json", "-o", "-", *extra, path, cwd=cwd)
    assert code == 0, err
    return json.loads(out)
