"""Behaviour is the proof: each Python 2 program under ``tests/programs/py2/`` runs under
Python 2.7, is migrated with every codemod, runs under Python 3, and must print the same
(stdout) and exit with the same status. Programs must be deterministic: no dict-order or
hash-order dependence in what they print, no time, no randomness without a seed.

A program may carry a first-line comment ``# stdin: <text>`` to feed standard input.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from py2 import find_python2, requires_python2
from migrator.config import Settings
from migrator.engine import fix_text

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs", "py2")
PROGRAMS = sorted(f for f in os.listdir(HERE) if f.endswith(".py")) if os.path.isdir(HERE) else []


def _run(interpreter: str, path: str, stdin: str):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    env.pop("PYTHONPATH", None)
    proc = subprocess.run(
        [interpreter, path], input=stdin.encode(), capture_output=True, timeout=60, env=env, cwd=os.path.dirname(path)
    )
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


@requires_python2
@pytest.mark.python2
@pytest.mark.parametrize("name", PROGRAMS)
def test_program_behaves_the_same(name, tmp_path):
    source_path = os.path.join(HERE, name)
    with open(source_path, encoding="utf-8") as fh:
        source = fh.read()
    stdin = ""
    first = source.splitlines()[0] if source else ""
    if first.startswith("# stdin:"):
        stdin = first[len("# stdin:"):].strip().replace("\\n", "\n") + "\n"
    py2 = _run(find_python2(), source_path, stdin)
    assert py2[0] == 0 or "expected-exit" in source, f"the Python 2 program itself fails:\n{py2[2]}"
    result = fix_text(source, name, Settings(cache_dir=""))
    migrated = tmp_path / name
    migrated.write_text(result.text, encoding="utf-8")
    py3 = _run(sys.executable, str(migrated), stdin)
    assert py3[1] == py2[1], f"stdout differs\n--- migrated source ---\n{result.text}\n--- py3 stderr ---\n{py3[2]}"
    assert py3[0] == py2[0], f"exit status differs: py2 {py2[0]}, py3 {py3[0]}\n{py3[2]}"
    again = fix_text(result.text, name, Settings(cache_dir=""))
    assert again.text == result.text, "a second run changed the migrated program"
