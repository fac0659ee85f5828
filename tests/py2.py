"""Find a Python 2.7 interpreter for the tests that compare Python 2 and Python 3 behaviour.

Order: $MIGRATOR_PYTHON2, ``pyenv prefix 2.7.18``, $PYENV_ROOT/versions/2.7.18,
~/.pyenv/versions/2.7.18, ``python2.7`` on PATH. Tests that need it skip with a reason
when none is found (``requires_python2``).
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest


def _candidates():
    env = os.environ.get("MIGRATOR_PYTHON2")
    if env:
        yield env
    if shutil.which("pyenv"):
        try:
            prefix = subprocess.run(
                ["pyenv", "prefix", "2.7.18"], capture_output=True, text=True, timeout=20
            ).stdout.strip()
            if prefix:
                yield os.path.join(prefix, "bin", "python2.7")
        except (OSError, subprocess.TimeoutExpired):
            pass
    root = os.environ.get("PYENV_ROOT")
    if root:
        yield os.path.join(root, "versions", "2.7.18", "bin", "python2.7")
    yield os.path.expanduser("~/.pyenv/versions/2.7.18/bin/python2.7")
    found = shutil.which("python2.7")
    if found:
        yield found


@functools.lru_cache(maxsize=None)
def find_python2() -> str | None:
    for path in _candidates():
        if not path or not os.path.isfile(path):
            continue
        try:
            out = subprocess.run(
                [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                capture_output=True, text=True, timeout=30,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if out.returncode == 0 and out.stdout.strip() == "2.7":
            return path
    return None


requires_python2 = pytest.mark.skipif(
    find_python2() is None,
    reason="no Python 2.7 interpreter (set MIGRATOR_PYTHON2 or install 2.7.18 with pyenv)",
)
