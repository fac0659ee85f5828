"""The every-construct program behaves the same under Python 2.7 and, lifted, under Python 3.

``programs/every_construct.py`` uses every construct the lift rewrites and prints to
stdout and stderr.  It runs under Python 2.7, is lifted (only the lift: no codemods),
runs under this Python 3, and the output and exit status must be identical.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from py2 import find_python2, requires_python2

from migrator.lift import lift
from migrator.lift.codes import ALL

PROGRAM = Path(__file__).parent / "programs" / "every_construct.py"


def _run(interpreter: str, path: Path) -> tuple[int, str, str]:
    env = dict(
        os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8"
    )
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONWARNINGS", None)
    proc = subprocess.run(
        [interpreter, str(path)],
        check=False,
        capture_output=True,
        timeout=60,
        env=env,
        cwd=path.parent,
    )
    return (
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def test_program_uses_every_listed_construct():
    result = lift(PROGRAM.read_text(encoding="utf-8"))
    used = {f.code for f in result.changes}
    assert used == {r.code for r in ALL}
    assert result.line_map is not None  # tuple parameters added lines


@requires_python2
@pytest.mark.python2
def test_lifted_program_behaves_like_python2(tmp_path):
    source = PROGRAM.read_text(encoding="utf-8")
    py2 = _run(find_python2(), PROGRAM)
    assert py2[1], "the program printed nothing under Python 2"
    lifted = tmp_path / PROGRAM.name
    lifted.write_text(lift(source).text, encoding="utf-8")
    py3 = _run(sys.executable, lifted)
    assert py3[1] == py2[1], f"stdout differs\n--- py3 stderr ---\n{py3[2]}"
    assert py3[2] == py2[2], "stderr differs"
    assert py3[0] == py2[0], f"exit status differs: py2 {py2[0]}, py3 {py3[0]}"


def test_program_is_not_python3():
    with pytest.raises(SyntaxError):
        compile(PROGRAM.read_text(encoding="utf-8"), str(PROGRAM), "exec")
