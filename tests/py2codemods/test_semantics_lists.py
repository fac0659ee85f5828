"""The list() decision table for PY201–PY206 (dict views, iter methods, map, filter, zip,
range): which contexts wrap, which stay quiet. Every case runs the six codemods together
(as the pipeline does) and checks idempotence."""
from __future__ import annotations

import textwrap

import pytest

from codemods.registry import by_id
from migrator.config import Settings
from migrator.engine import fix_text

IDS = ("PY201", "PY202", "PY203", "PY204", "PY205", "PY206")


def run(src: str) -> str:
    classes = [by_id()[i] for i in IDS]
    result = fix_text(src, "t.py", Settings(cache_dir=""), codemods=classes)
    again = fix_text(result.text, "t.py", Settings(cache_dir=""), codemods=classes)
    assert again.text == result.text, "second run changed the output"
    return result.text


def d(s: str) -> str:
    return textwrap.dedent(s).lstrip("\n")


WRAP = [
    ("x = d.keys()[0]\n", "x = list(d.keys())[0]\n"),
    ("x = d.values()[1:]\n", "x = list(d.values())[1:]\n"),
    ("x = d.items() + other\n", "x = list(d.items()) + other\n"),
    ("x = other + d.keys()\n", "x = other + list(d.keys())\n"),
    ("m = dict(a.items() + b.items())\n", "m = dict(list(a.items()) + list(b.items()))\n"),
    ("ks = d.keys()\nks.sort()\n", "ks = list(d.keys())\nks.sort()\n"),
    ("for k in d.keys():\n    del d[k]\n", "for k in list(d.keys()):\n    del d[k]\n"),
    ("for k in d.keys():\n    d.pop(k)\n", "for k in list(d.keys()):\n    d.pop(k)\n"),
    ("for k, v in d.items():\n    d.update(x=v)\n", "for k, v in list(d.items()):\n    d.update(x=v)\n"),
    ("for k, v in d.items():\n    d[v] = k\n", "for k, v in list(d.items()):\n    d[v] = k\n"),
    ("for v in d.values():\n    d.clear()\n", "for v in list(d.values()):\n    d.clear()\n"),
    ("def f(d):\n    return d.keys()\n", "def f(d):\n    return list(d.keys())\n"),
    ("self.names = d.keys()\n", "self.names = list(d.keys())\n"),
    ("print(d.keys())\n", "print(list(d.keys()))\n"),
    ("import json\njson.dumps(d.keys())\n", "import json\njson.dumps(list(d.keys()))\n"),
    ("s = '%s' % d.keys()\n", "s = '%s' % list(d.keys())\n"),
    ("handle(d.keys())\n", "handle(list(d.keys()))\n"),
    ("same = d.keys() == ['a']\n", "same = list(d.keys()) == ['a']\n"),
    ("n = len(map(f, xs))\n", "n = len(list(map(f, xs)))\n"),
    ("if filter(None, xs):\n    pass\n", "if list(filter(None, xs)):\n    pass\n"),
    ("first = zip(a, b)[0]\n", "first = list(zip(a, b))[0]\n"),
    ("r = range(3) + [5]\n", "r = list(range(3)) + [5]\n"),
    ("r = range(3)\nr.append(3)\n", "r = list(range(3))\nr.append(3)\n"),
    ("KEYS = d.keys()\nfor k in KEYS:\n    pass\n", "KEYS = list(d.keys())\nfor k in KEYS:\n    pass\n"),
    ("map(f, xs)\n", "list(map(f, xs))\n"),
    ("m = map(str, xs)\nprint(m)\n", "m = list(map(str, xs))\nprint(m)\n"),
    (
        "z = zip(a, b)\nfor p in z:\n    pass\nfor p in z:\n    pass\n",
        "z = list(zip(a, b))\nfor p in z:\n    pass\nfor p in z:\n    pass\n",
    ),
    (
        "for x in map(lambda v: v, xs):\n    xs.append(x)\n",
        "for x in list(map(lambda v: v, xs)):\n    xs.append(x)\n",
    ),
    (
        "ks = d.keys()\nd['new'] = 1\nfor k in ks:\n    pass\n",
        "ks = list(d.keys())\nd['new'] = 1\nfor k in ks:\n    pass\n",
    ),
    ("get = lambda: d.keys()\n", "get = lambda: list(d.keys())\n"),
    ("def g(d):\n    yield d.keys()\n", "def g(d):\n    yield list(d.keys())\n"),
    ("box = [d.keys()]\n", "box = [list(d.keys())]\n"),
    ("import random\nrandom.shuffle(range(10))\n", "import random\nrandom.shuffle(list(range(10)))\n"),
    ("def f(d):\n    x = d.keys()\n    return x\n", "def f(d):\n    x = list(d.keys())\n    return x\n"),
    ("rev = reversed(map(f, xs))\n", "rev = reversed(list(map(f, xs)))\n"),
    ("i = d.keys().index('a')\n", "i = list(d.keys()).index('a')\n"),
    ("part = range(5)[1:3]\n", "part = list(range(5))[1:3]\n"),
    (
        "try:\n    nums = map(int, xs)\nexcept ValueError:\n    nums = []\nfor n in nums:\n    pass\n",
        "try:\n    nums = list(map(int, xs))\nexcept ValueError:\n    nums = []\nfor n in nums:\n    pass\n",
    ),
    ("for x in map(process, items):\n    print(x)\n", "for x in list(map(process, items)):\n    print(x)\n"),
    ("ok = any(map(check, xs))\n", "ok = any(list(map(check, xs)))\n"),
    (
        "def f(d):\n    keys = d.keys()\n    def g():\n        return keys\n    return g\n",
        "def f(d):\n    keys = list(d.keys())\n    def g():\n        return keys\n    return g\n",
    ),
    ("x = map(int, xs) if c else []\ny = x[0]\n", "x = list(map(int, xs)) if c else []\ny = x[0]\n"),
    ("n = len(zip(a, b))\n", "n = len(list(zip(a, b)))\n"),
    ("b = bool(filter(f, xs))\n", "b = bool(list(filter(f, xs)))\n"),
    ("t = isinstance(d.keys(), list)\n", "t = isinstance(list(d.keys()), list)\n"),
    ("f(key=d.values())\n", "f(key=list(d.values()))\n"),
    ("lst += d.keys()\n", "lst += list(d.keys())\n"),
    (
        """
        class C(object):
            def drop(self, k):
                del self.hosts[k]
            def clean(self):
                for k in self.hosts.keys():
                    self.drop(k)
        """,
        """
        class C(object):
            def drop(self, k):
                del self.hosts[k]
            def clean(self):
                for k in list(self.hosts.keys()):
                    self.drop(k)
        """,
    ),
    (
        """
        REG = {}
        def unregister(k):
            del REG[k]
        def clear():
            for k in REG.keys():
                unregister(k)
        """,
        """
        REG = {}
        def unregister(k):
            del REG[k]
        def clear():
            for k in list(REG.keys()):
                unregister(k)
        """,
    ),
    (
        """
        class C(Base):
            def clean(self):
                for k in self.hosts.keys():
                    self.forget(k)
        """,
        """
        class C(Base):
            def clean(self):
                for k in list(self.hosts.keys()):
                    self.forget(k)
        """,
    ),
    ("vals = [d.pop(k) for k in d.keys()]\n", "vals = [d.pop(k) for k in list(d.keys())]\n"),
    ("for i, k in enumerate(d.keys()):\n    d.pop(k)\n", "for i, k in enumerate(list(d.keys())):\n    d.pop(k)\n"),
    ("for k in d.keys():\n    forget(d, k)\n", "for k in list(d.keys()):\n    forget(d, k)\n"),
    ("it = d.iteritems()\nfirst = it.next()\n", "it = iter(d.items())\nfirst = it.next()\n"),
    ("if d.iterkeys():\n    pass\n", "if iter(d.keys()):\n    pass\n"),
]

QUIET = [
    "for k in d.keys():\n    print(k)\n",
    "for k, v in d.items():\n    d[k] = v * 2\n",
    "for k in d.keys():\n    d[k] = d[k].strip()\n",
    "names = sorted(d.keys())\n",
    "pairs = sorted(d.items(), key=lambda kv: kv[1])\n",
    "a = set(d.keys())\nb = list(d.keys())\nc = tuple(d.values())\n",
    "t = sum(d.values())\nm = max(d.values())\nn = min(map(len, xs))\n",
    "s = ', '.join(d.keys())\nt = ', '.join(map(str, xs))\n",
    "n = len(d.keys())\n",
    "if d.keys():\n    pass\n",
    "ks = [k for k in d.keys()]\ninv = {v: k for k, v in d.items()}\n",
    "ok = any(x > 1 for x in d.values())\n",
    "for i, k in enumerate(d.keys()):\n    print(i, k)\n",
    "table = dict(zip(a, b))\n",
    "a, b = map(int, s.split())\n",
    "f(*d.keys())\n",
    "for i in range(10):\n    print(i)\n",
    "third = range(10)[2]\n",
    "ok = 3 in range(5)\n",
    "n = len(range(5))\n",
    "for i in reversed(range(5)):\n    print(i)\n",
    "for x in map(str.strip, lines):\n    print(x)\n",
    "found = x in d.values()\n",
    "def f(d):\n    ks = d.keys()\n    for k in ks:\n        print(k)\n",
    "def f(parts):\n    nums = map(int, parts)\n    return sum(nums)\n",
    "_nums = map(int, parts)\ntotal = sum(_nums)\n",
    "def f(xs):\n    result = map(int, xs)\n    result = sorted(result)\n    return result\n",
    "for a, b in zip(xs, ys):\n    print(a, b)\n",
    "pairs = sorted(zip(a, b))\n",
    "x = list(map(f, xs))\n",
    "ok = all(v for v in d.values())\n",
    "class T(object):\n    def keys(self):\n        return [1]\n    def first(self):\n        return self.keys()[0]\n",
    "first = config.items('main')[0]\n",
    d("""
    class C(object):
        def show(self, k):
            print(k)
        def dump(self):
            for k in self.hosts.keys():
                self.show(k)
    """),
    "for k in d.keys():\n    other[k] = d[k]\n",
    "diff = set(d.keys()) - set(e.keys())\n",
    "import heapq\ntop = heapq.nlargest(3, d.values())\n",
    "import collections\nc = collections.Counter(d.values())\n",
    "import itertools\nfor k in itertools.chain(d.keys(), e.keys()):\n    print(k)\n",
    "first = next(iter(d.values()))\n",
    "xs.extend(map(str, ys))\n",
    "best = min(d.items(), key=lambda kv: kv[1])\n",
    "def f(map):\n    return map(1)[0]\n",
    "for k in d.keys():\n    if k in d:\n        print(d[k])\n",
    "keys, values = zip(*d.items())\n",
    "s = frozenset(filter(None, xs))\n",
    "import random\npick = random.choice(range(10))\n",
    "for k, v in d.iteritems():\n    d[k] = v + 1\n",
]


@pytest.mark.parametrize("before,after", WRAP, ids=[f"wrap-{i}" for i in range(len(WRAP))])
def test_wraps(before, after):
    assert run(d(before)) == d(after)


@pytest.mark.parametrize("src", QUIET, ids=[f"quiet-{i}" for i in range(len(QUIET))])
def test_stays_quiet(src):
    out = run(d(src))
    assert out.count("list(") == d(src).count("list("), out
    assert out.count("iter(") == d(src).count("iter("), out


def test_table_is_big_enough():
    assert len(WRAP) + len(QUIET) >= 40


REWRITES = [
    ("ok = 'a' in d.keys()\n", "ok = 'a' in d\n"),
    ("ok = 'a' not in d.keys()\n", "ok = 'a' not in d\n"),
    ("ok = 'a' in d.iterkeys()\n", "ok = 'a' in d\n"),
    ("for k, v in d.iteritems():\n    pass\n", "for k, v in d.items():\n    pass\n"),
    ("v = d.viewvalues()\n", "v = dict.values(d)\n"),
    ("def f(d):\n    v = d.viewvalues()\n    return sum(v)\n", "def f(d):\n    v = d.values()\n    return sum(v)\n"),
    ("KEYS = d.iterkeys()\n", "KEYS = iter(d.keys())\n"),
    ("for i in xrange(3):\n    pass\n", "for i in range(3):\n    pass\n"),
    ("pairs = map(None, a, b)\n", "import itertools\n\npairs = list(itertools.zip_longest(a, b))\n"),
    ("c = map(None, a)\n", "c = list(a)\n"),
    ("for x, y in map(None, a, b):\n    pass\n", "import itertools\n\nfor x, y in itertools.zip_longest(a, b):\n    pass\n"),
    ("s = ''.join(map(max, a, b))\n", "import itertools\n\ns = ''.join(itertools.starmap(max, itertools.zip_longest(a, b)))\n"),
    ("s = filter(str.isalnum, name.strip())\n", "s = ''.join(filter(str.isalnum, name.strip()))\n"),
    ("t = filter(None, (1, 0))\n", "t = tuple(filter(None, (1, 0)))\n"),
    ("def it(d):\n    return d.iteritems()\n", "def it(d):\n    return iter(d.items())\n"),
    ("x = next(d.itervalues())\n", "x = next(iter(d.values()))\n"),
    ("for k in d.keys():\n    d.pop(k)\nfor k in d.iterkeys():\n    pass\n", "for k in list(d.keys()):\n    d.pop(k)\nfor k in d.keys():\n    pass\n"),
    ("r = map(f, d.keys())\nreturn_value = r[0]\n", "r = list(map(f, d.keys()))\nreturn_value = r[0]\n"),
    # a module function with a local of the same name does not change the caller's dict
    (
        "def blank(d):\n    result = d\n    for k in result.iterkeys():\n        result[k] = blank(result[k])\n    return result\n",
        "def blank(d):\n    result = d\n    for k in result.keys():\n        result[k] = blank(result[k])\n    return result\n",
    ),
    (
        "REG = {}\ndef drop(REG, k):\n    del REG[k]\ndef f():\n    for k in REG.keys():\n        drop({}, k)\n",
        "REG = {}\ndef drop(REG, k):\n    del REG[k]\ndef f():\n    for k in REG.keys():\n        drop({}, k)\n",
    ),
    (
        "def f(d):\n    for k in d.iterkeys():\n        d.pop(k)\n",
        "def f(d):\n    for k in list(d.keys()):\n        d.pop(k)\n",
    ),
]


@pytest.mark.parametrize("before,after", REWRITES, ids=[f"rewrite-{i}" for i in range(len(REWRITES))])
def test_rewrites(before, after):
    assert run(d(before)) == d(after)
