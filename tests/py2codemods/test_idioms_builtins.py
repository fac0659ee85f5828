"""Builtins (PY104–PY110, PY116): renamed, moved, apply, execfile, input, file, duplicates.
Only the free builtin changes; anything the file binds under that name stays."""
from __future__ import annotations

import pytest
from _idioms import check, run

CASES = [
    ("PY104", "ok = isinstance(s, basestring)\n", "ok = isinstance(s, str)\n"),
    ("PY104", "def f():\n    basestring = str\n    return basestring\n", None),
    ("PY104", "class C:\n    basestring = 1\n    def m(self):\n        return basestring\n",
     "class C:\n    basestring = 1\n    def m(self):\n        return str\n"),
    ("PY105", "u = unicode\nc = unichr\n", "u = str\nc = chr\n"),
    ("PY105", "x = [long(v) for v in vs]\n", "x = [int(v) for v in vs]\n"),
    ("PY105", "class E(StandardError): pass\n", "class E(Exception): pass\n"),
    ("PY105", "ok = issubclass(E, (StandardError, Warning))\n", "ok = issubclass(E, (Exception, Warning))\n"),
    ("PY105", "line = raw_input()\n", "line = input()\n"),
    ("PY105", "v = buffer(b)\n", "v = memoryview(b)\n"),
    ("PY105", "v = buffer(b, 2)\n", "v = memoryview(b)[2:]\n"),
    ("PY105", "v = buffer(b, i + 1, n - 1)\n", "v = memoryview(b)[i + 1:(i + 1) + (n - 1)]\n"),
    ("PY105", "import six\nunicode = six.text_type\ns = unicode(x)\n", None),
    ("PY105", "def f(unicode):\n    return unicode(1)\n", None),
    ("PY105", "s = x.unicode\nd = dict(long=1)\n", None),
    ("PY105", "for long in xs:\n    print(long)\n", None),
    ("PY106", "def f(xs):\n    return reduce(max, xs)\n", "from functools import reduce\n\ndef f(xs):\n    return reduce(max, xs)\n"),
    ("PY106", "import sys\ns = intern(name)\n", "import sys\nfrom sys import intern\n\ns = intern(name)\n"),
    ("PY106", "def f(reduce):\n    return reduce(1)\n", None),
    ("PY107", "x = apply(f, args, kw)\n", "x = f(*args, **kw)\n"),
    ("PY107", "x = apply(getattr(o, n), (a,))\n", "x = getattr(o, n)(a)\n"),
    ("PY107", "x = apply(f if c else g, args)\n", "x = (f if c else g)(*args)\n"),
    ("PY107", "x = apply(f, [1, 2])\n", "x = f(*[1, 2])\n"),
    ("PY108", "execfile(p, g, l)\n", 'exec(compile(open(p, "rb").read(), p, "exec"), g, l)\n'),
    ("PY110", "with file(p) as fh:\n    pass\n", "with open(p) as fh:\n    pass\n"),
    ("PY110", "ok = issubclass(type(x), file)\n", "import io\n\nok = issubclass(type(x), io.IOBase)\n"),
    ("PY110", "def f(file=None):\n    return file or open('x')\n", None),
    ("PY110", "import io\nfile = io.open\nf = file('x')\n", None),
    ("PY116", "ok = isinstance(x, (int, float, int, float))\n", "ok = isinstance(x, (int, float))\n"),
    ("PY116", "ok = isinstance(x, (a, (b, (a,))))\n", "ok = isinstance(x, (a, b))\n"),
    ("PY116", "def isinstance(a, b):\n    return 1\nok = isinstance(x, (int, int))\n", None),
]


@pytest.mark.parametrize("code,before,after", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_builtins(code, before, after):
    check([code], before, after)


def test_renames_fold_duplicates_in_one_run():
    """PY105 renames and PY116 folds in the same traversal."""
    check(["PY104", "PY105", "PY116"], "ok = isinstance(x, (int, long))\nt = isinstance(s, (str, unicode, basestring))\n",
          "ok = isinstance(x, int)\nt = isinstance(s, str)\n")


def test_input_rewritten_only_in_python2_files():
    python2 = "print 'n?'\nn = input()\n"
    assert run(python2, ["PY109"]).text == "print('n?')\nn = eval(input())\n"
    assert run("n = input()\n", ["PY109"]).text == "n = input()\n"
    assert run("s = raw_input()\nn = input()\n", ["PY109"]).text == "s = raw_input()\nn = eval(input())\n"


def test_raw_input_and_input_together_are_stable():
    """The input() that raw_input became is never wrapped in eval() on a later run."""
    first = run("s = raw_input()\nn = input()\n", ["PY105", "PY109"])
    assert first.text == "s = input()\nn = eval(input())\n"
    assert run(first.text, ["PY105", "PY109"]).text == first.text


def test_coerce_and_bare_apply_are_reviewed():
    result = run("a = coerce(1, 2.0)\nb = apply(*xs)\n", ["PY106", "PY107"])
    assert sorted(f.code for f in result.findings if f.kind.value == "review") == ["PY106", "PY107"]
