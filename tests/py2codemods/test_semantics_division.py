"""PY220 classic division: which `/` become `//`, which stay, which are reported."""
from __future__ import annotations

import textwrap

import pytest

from codemods.registry import by_id
from migrator.config import Settings
from migrator.engine import fix_text


def run(src: str):
    cls = [by_id()["PY220"]]
    result = fix_text(src, "t.py", Settings(cache_dir=""), codemods=cls)
    again = fix_text(result.text, "t.py", Settings(cache_dir=""), codemods=cls)
    assert again.text == result.text
    reviews = [f for f in result.findings if f.kind.value == "review"]
    return result.text, reviews


def d(s):
    return textwrap.dedent(s).lstrip("\n")


FLOOR = [
    ("x = 7 / 2\n", "x = 7 // 2\n"),
    ("x = len(a) / 2\n", "x = len(a) // 2\n"),
    ("x = int(s) / 3\n", "x = int(s) // 3\n"),
    ("x = (len(a) + 1) / 2\n", "x = (len(a) + 1) // 2\n"),
    ("x = ord(c) / 16\n", "x = ord(c) // 16\n"),
    ("x = -len(a) / 2\n", "x = -len(a) // 2\n"),
    ("x = 2 ** 10 / 3\n", "x = 2 ** 10 // 3\n"),
    ("x = len(a) / 2 if a else 0\n", "x = len(a) // 2 if a else 0\n"),
    ("n = 10\nm = n / 3\n", "n = 10\nm = n // 3\n"),
    ("n = len(a)\nn /= 2\n", "n = len(a)\nn //= 2\n"),
    ("for i in range(10):\n    print(i / 2)\n", "for i in range(10):\n    print(i // 2)\n"),
    ("for i in xrange(len(a)):\n    print(i / 2)\n", "for i in xrange(len(a)):\n    print(i // 2)\n"),
    ("for i, x in enumerate(a):\n    print(i / 2)\n", "for i, x in enumerate(a):\n    print(i // 2)\n"),
    ("i = 0\nwhile i < 9:\n    i += 2\nprint(i / 2)\n", "i = 0\nwhile i < 9:\n    i += 2\nprint(i // 2)\n"),
    ("def f(a):\n    n = len(a) * 3\n    return n / 4\n", "def f(a):\n    n = len(a) * 3\n    return n // 4\n"),
    ("x = abs(len(a) - 5) / 2\n", "x = abs(len(a) - 5) // 2\n"),
    ("x = 'banana'.count('a') / 2\n", "x = 'banana'.count('a') // 2\n"),
    ("x = 'abc'.find('b') / 2\n", "x = 'abc'.find('b') // 2\n"),
    ("x = max(3, 4) / 2\n", "x = max(3, 4) // 2\n"),
    ("x = hash(s) / 7\n", "x = hash(s) // 7\n"),
]

TRUE = [
    "x = a / 2.0\n",
    "x = float(a) / b\n",
    "x = a * 1.0 / b\n",
    "import math\nx = math.sqrt(a) / 2\n",
    "import time\nx = time.time() / 60\n",
    "x = 7.5 / 2\n",
    "f = 0.5\nx = f / 2\n",
    "x = 1j / 2\n",
    "from __future__ import division\nx = a / b\ny = 7 / 2\n",
    "from __future__ import absolute_import, division\nx = a / b\n",
]

REVIEW = [
    "x = a / b\n",
    "def f(n):\n    return n / 2\n",
    "x = self.total / self.count\n",
    "x = sum(values) / len(values)\n",
    "x = a\nx /= 2\n",
    "n = 1\nn = 'a'\ny = n / 2\n",
    "x = (a + 1) / 2\n",
    "x = obj.size() / 1024\n",
    "def f(x=1):\n    return x / 2\n",
    "x = 2 ** -1 / 2\n",
]


@pytest.mark.parametrize("before,after", FLOOR, ids=[f"floor-{i}" for i in range(len(FLOOR))])
def test_floor(before, after):
    text, reviews = run(before)
    assert text == after
    assert not reviews


@pytest.mark.parametrize("src", TRUE, ids=[f"true-{i}" for i in range(len(TRUE))])
def test_true_division_stays_silent(src):
    text, reviews = run(src)
    assert text == src and not reviews


@pytest.mark.parametrize("src", REVIEW, ids=[f"review-{i}" for i in range(len(REVIEW))])
def test_unknown_operands_are_reported(src):
    text, reviews = run(src)
    assert text == src
    assert [r.code for r in reviews] == ["PY220"]
    assert reviews[0].message.startswith("classic division: `")
    assert "floors when both are ints in Python 2" in reviews[0].message
    assert reviews[0].line >= 1
