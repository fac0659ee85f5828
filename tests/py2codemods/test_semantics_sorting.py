"""PY210 (cmp= sorts) and PY211 (the cmp builtin): before → after tables, idempotence."""
from __future__ import annotations

import pytest

from codemods.registry import by_id
from migrator.config import Settings
from migrator.engine import fix_text

IDS = ("PY210", "PY211")
FT = "import functools\n\n"


def run(src: str) -> str:
    classes = [by_id()[i] for i in IDS]
    result = fix_text(src, "t.py", Settings(cache_dir=""), codemods=classes)
    again = fix_text(result.text, "t.py", Settings(cache_dir=""), codemods=classes)
    assert again.text == result.text, "second run changed the output"
    return result.text


CASES = [
    ("xs.sort(cmp=f)\n", FT + "xs.sort(key=functools.cmp_to_key(f))\n"),
    ("xs.sort(f)\n", FT + "xs.sort(key=functools.cmp_to_key(f))\n"),
    ("xs.sort(f, reverse=True)\n", FT + "xs.sort(key=functools.cmp_to_key(f), reverse=True)\n"),
    ("xs.sort(f, None, True)\n", FT + "xs.sort(key=functools.cmp_to_key(f), reverse=True)\n"),
    ("xs.sort(None, len)\n", "xs.sort(key=len)\n"),
    ("xs.sort(cmp=None)\n", "xs.sort()\n"),
    ("xs.sort(cmp)\n", "xs.sort()\n"),
    ("ys = sorted(xs, cmp=f)\n", FT + "ys = sorted(xs, key=functools.cmp_to_key(f))\n"),
    ("ys = sorted(xs, f)\n", FT + "ys = sorted(xs, key=functools.cmp_to_key(f))\n"),
    ("ys = sorted(xs, f, g, True)\n", FT + "ys = sorted(xs, key=lambda v: functools.cmp_to_key(f)(g(v)), reverse=True)\n"),
    ("ys = sorted(xs, cmp=f, key=lambda x: x.v)\n",
     FT + "ys = sorted(xs, key=lambda v: functools.cmp_to_key(f)((lambda x: x.v)(v)))\n"),
    ("ys = sorted(xs, cmp=v, key=k)\n", FT + "ys = sorted(xs, key=lambda v1: functools.cmp_to_key(v)(k(v1)))\n"),
    ("ys = sorted(xs, cmp=cmp, reverse=True)\n", "ys = sorted(xs, reverse=True)\n"),
    ("ys = sorted(xs, cmp=lambda a, b: cmp(a.n, b.n))\n", "ys = sorted(xs, key=lambda a: a.n)\n"),
    ("ys = sorted(xs, cmp=lambda a, b: cmp(b.n, a.n))\n", "ys = sorted(xs, key=lambda a: a.n, reverse=True)\n"),
    ("ys = sorted(xs, cmp=lambda a, b: cmp(len(a), len(b)))\n", "ys = sorted(xs, key=lambda a: len(a))\n"),
    ("ys = sorted(xs, cmp=lambda a, b: cmp(b, a), reverse=False)\n",
     FT + "ys = sorted(xs, key=functools.cmp_to_key(lambda a, b: ((b > a) - (b < a))), reverse=False)\n"),
    ("ys = sorted(xs, cmp=lambda a, b: cmp(a.n, b.m))\n",
     FT + "ys = sorted(xs, key=functools.cmp_to_key(lambda a, b: ((a.n > b.m) - (a.n < b.m))))\n"),
    ("ys = sorted(xs, cmp=lambda a, b: a - b)\n", FT + "ys = sorted(xs, key=functools.cmp_to_key(lambda a, b: a - b))\n"),
    ("c = cmp(a, b)\n", "c = ((a > b) - (a < b))\n"),
    ("c = cmp(a.x, b[0])\n", "c = ((a.x > b[0]) - (a.x < b[0]))\n"),
    ("c = cmp(-a, 3)\n", "c = ((-a > 3) - (-a < 3))\n"),
    ("c = cmp((a, b), (c, d))\n", "c = (((a, b) > (c, d)) - ((a, b) < (c, d)))\n"),
    ("c = cmp(a + 1, b)\n", "c = (((a + 1) > b) - ((a + 1) < b))\n"),
    ("c = cmp(f(), b)\n", "c = (lambda a, b: (a > b) - (a < b))(f(), b)\n"),
    ("c = cmp(x.pop(), x.pop())\n", "c = (lambda a, b: (a > b) - (a < b))(x.pop(), x.pop())\n"),
    ("c = -cmp(a, b)\n", "c = -((a > b) - (a < b))\n"),
    ("fs = [cmp]\n", "fs = [lambda a, b: (a > b) - (a < b)]\n"),
    ("c = reduce(cmp, xs)\n", "c = reduce(lambda a, b: (a > b) - (a < b), xs)\n"),
]

UNCHANGED = [
    "xs.sort()\n",
    "xs.sort(key=len, reverse=True)\n",
    "ys = sorted(xs)\n",
    "ys = sorted(xs, key=str.lower)\n",
    "def cmp(a, b):\n    return 0\nc = cmp(1, 2)\n",
    "from compat import cmp\nc = cmp(1, 2)\n",
    "obj.cmp(a, b)\nf(cmp=g)\n",
    "class D(object):\n    def sort(self, how):\n        pass\n    def go(self):\n        self.sort(3)\n",
    "def f(xs, sorted):\n    return sorted(xs, lambda a, b: 0)\n",
]


@pytest.mark.parametrize("before,after", CASES, ids=[f"case-{i}" for i in range(len(CASES))])
def test_rewrites(before, after):
    assert run(before) == after


@pytest.mark.parametrize("src", UNCHANGED, ids=[f"same-{i}" for i in range(len(UNCHANGED))])
def test_unchanged(src):
    assert run(src) == src


def test_cmp_of_side_effects_evaluates_once():
    ns: dict = {}
    out = run("calls = []\ndef f(x):\n    calls.append(x)\n    return x\nr = cmp(f(1), f(2))\n")
    exec(out, ns)
    assert ns["r"] == -1 and ns["calls"] == [1, 2]
