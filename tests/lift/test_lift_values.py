"""Lifted literals and expressions have the values Python 2.7 gives the originals.

Each expression is evaluated by Python 2.7 and, lifted, by this Python; strings are
compared code point by code point (a Python 2 byte string of ASCII text and the Python 3
str the lift makes of it hold the same characters).
"""

from __future__ import annotations

import json
import subprocess
import warnings

import pytest
from py2 import find_python2, requires_python2

from migrator.lift import lift

EXPRESSIONS = [
    "0777",
    "0777L",
    "10L",
    "0L",
    "0XFFL",
    "-7L .real",
    "`42`",
    "`(1, 'a')`",
    "`'q'` + `1 + 2`",
    "1 <> 2",
    "3 <> 3",
    r"ur'\d+\w'",
    r"ur'caf\u00e9'",
    r"UR'\U0001F600!'",
    r"ur'\\u00e9'",
    r"ur'\\\u00e9'",
    r"ur'a\'\u00e9'",
    r"ur'''x\u00e9" + "\n" + r"\y'''",
    r"ur'a\u00e9\n\t'",
    r"'C:\Users\name\new'",
    r"'\u00e9 \U0001F600 \N'",
    r"'\\u00e9'",
    r"u'\u00e9'",
    "[x * 2 for x in 1, 2, 3]",
    "(lambda (a, (b, c)): [a, b, c])((1, (2, 3)))",
    "(lambda (a, b)=(5, 6): a - b)()",
]

# Evaluates each expression and prints a JSON list of normalised values.
_PY2_EVAL = r"""
import json, sys
out = []
for expr in json.loads(sys.stdin.read()):
    value = eval(expr)
    if isinstance(value, basestring):
        value = [ord(c) for c in value]
    elif isinstance(value, (int, long)) and not isinstance(value, bool):
        value = int(value)
    out.append(value)
sys.stdout.write(json.dumps(out))
"""


def _normalise(value):
    if isinstance(value, (str, bytes)):
        return list(value) if isinstance(value, bytes) else [ord(c) for c in value]
    if isinstance(value, tuple):
        return [_normalise(v) for v in value]
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def _lifted_expression(expr: str) -> str:
    text = lift(f"value = {expr}\nprint 'make it Python 2'\n").text
    assert text.endswith("\nprint('make it Python 2')\n")
    return text[len("value = ") : -len("\nprint('make it Python 2')\n")]


@requires_python2
@pytest.mark.python2
def test_lifted_values_match_python2():
    proc = subprocess.run(
        [find_python2(), "-c", _PY2_EVAL],
        input=json.dumps(EXPRESSIONS),
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    expected = json.loads(proc.stdout)
    for expr, want in zip(EXPRESSIONS, expected):
        lifted = _lifted_expression(expr)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = _normalise(eval(lifted))
        assert got == want, f"{expr!r} lifted to {lifted!r}"


def test_every_expression_lifts():
    for expr in EXPRESSIONS:
        lifted = _lifted_expression(expr)
        compile(lifted, "<expr>", "eval")
