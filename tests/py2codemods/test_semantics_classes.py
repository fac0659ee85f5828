"""PY212–PY216 and PY231: special methods of classes. Tables plus run-the-result checks."""
from __future__ import annotations

import textwrap

import pytest

from codemods.registry import by_id
from migrator.config import Settings
from migrator.engine import fix_text

IDS = ("PY211", "PY212", "PY213", "PY214", "PY215", "PY216", "PY231")


def run(src: str, ids=IDS):
    classes = [by_id()[i] for i in ids]
    result = fix_text(textwrap.dedent(src).lstrip("\n"), "t.py", Settings(cache_dir=""), codemods=classes)
    again = fix_text(result.text, "t.py", Settings(cache_dir=""), codemods=classes)
    assert again.text == result.text, "second run changed the output"
    return result


def execute(src: str) -> dict:
    ns: dict = {}
    exec(compile(run(src).text, "t.py", "exec"), ns)
    return ns


def reviews(result):
    return sorted(f.code for f in result.findings if f.kind.value == "review")


# -- __cmp__ -------------------------------------------------------------------------------
CMP_CLASS = """
class V(object):
    def __init__(self, n):
        self.n = n
    def __cmp__(self, other):
        return cmp(self.n, other.n)
"""


def test_cmp_class_orders_and_compares_like_python2():
    ns = execute(CMP_CLASS)
    V = ns["V"]
    vs = [V(3), V(1), V(2)]
    assert [v.n for v in sorted(vs)] == [1, 2, 3]
    assert V(1) == V(1) and not (V(1) != V(1)) and V(1) < V(2) <= V(2) and V(3) > V(2) >= V(2)
    assert max(vs).n == 3
    assert len({V(1), V(1)}) == 2  # identity hash, as in Python 2


def test_cmp_classic_class_stays_unhashable():
    ns = execute("class C:\n    def __cmp__(self, o):\n        return 0\n")
    with pytest.raises(TypeError):
        hash(ns["C"]())


def test_cmp_with_other_bases_keeps_the_inherited_hash():
    ns = execute(
        """
        class B(object):
            def __hash__(self):
                return 42
        class C(B):
            def __cmp__(self, o):
                return 0
        """
    )
    assert hash(ns["C"]()) == 42


def test_cmp_not_implemented_is_passed_on():
    ns = execute(
        """
        class K(object):
            def __cmp__(self, other):
                if not isinstance(other, K):
                    return NotImplemented
                return 0
        """
    )
    K = ns["K"]
    assert K() == K() and (K() == "x") is False


def test_rich_methods_of_a_base_in_the_module_are_not_overridden():
    out = run(
        """
        class Base(object):
            def __eq__(self, other):
                return True
            def __hash__(self):
                return 1
        class Child(Base):
            def __cmp__(self, other):
                return 1
        """
    ).text
    assert out.count("def __eq__") == 1 and "def __lt__" in out


def test_cmp_with_own_eq_and_no_hash_is_reported():
    r = run("class C(object):\n    def __cmp__(self, o):\n        return 0\n    def __eq__(self, o):\n        return True\n")
    assert reviews(r) == ["PY212"]


def test_cmp_idempotent_and_complete():
    out = run(CMP_CLASS).text
    for name in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
        assert out.count(f"def {name}") == 1
    assert "__hash__ = object.__hash__" in out and "def __cmp__" in out


# -- __div__ / __nonzero__ / __unicode__ ---------------------------------------------------------
def test_div_family_behaves():
    ns = execute(
        """
        class M(object):
            def __init__(self, v):
                self.v = v
            def __div__(self, n):
                return M(self.v // n)
            def __rdiv__(self, n):
                return n // self.v
            def __idiv__(self, n):
                self.v = self.v // n
                return self
        """
    )
    M = ns["M"]
    m = M(10)
    assert (m / 3).v == 3 and 100 / m == 10
    m /= 2
    assert m.v == 5


def test_nonzero_and_alias():
    ns = execute(
        """
        class P(object):
            def __nonzero__(self):
                return False
        class Q(P):
            def __nonzero__(self):
                return not P.__nonzero__(self)
        """
    )
    assert not ns["P"]() and bool(ns["Q"]())


def test_unicode_with_bytes_str():
    ns = execute(
        """
        class H(object):
            def __unicode__(self):
                return u'h\\xe9'
            def __str__(self):
                return self.__unicode__().encode('utf-8')
        """
    )
    h = ns["H"]()
    assert str(h) == "h\xe9" and bytes(h) == "h\xe9".encode("utf-8")


UNCHANGED = [
    "class A(object):\n    def __truediv__(self, o):\n        return 1\n    __div__ = __truediv__\n",
    "class A(object):\n    def __bool__(self):\n        return True\n    __nonzero__ = __bool__\n",
    "class A(object):\n    def __str__(self):\n        return 'a'\n",
    "class A(object):\n    def __eq__(self, o):\n        return True\n    __hash__ = None\n",
    "class A(object):\n    def compare(self, o):\n        return 0\n",
]


@pytest.mark.parametrize("src", UNCHANGED, ids=[f"same-{i}" for i in range(len(UNCHANGED))])
def test_unchanged(src):
    r = run(src)
    assert r.text == src and not reviews(r)


def test_eq_without_hash_is_reported_for_new_style_only():
    assert reviews(run("class A(object):\n    def __eq__(self, o):\n        return True\n")) == ["PY231"]
    assert reviews(run("class A:\n    def __eq__(self, o):\n        return True\n")) == []
    assert reviews(run("__metaclass__ = type\nclass A:\n    def __eq__(self, o):\n        return True\n")) == ["PY231"]


# -- __getslice__ -----------------------------------------------------------------------------
SLICER = """
class S(object):
    def __init__(self):
        self.calls = []
    def __len__(self):
        return 10
    def __getitem__(self, i):
        return ('item', i)
    def __getslice__(self, i, j):
        return ('slice', i, j)
    def __setslice__(self, i, j, seq):
        self.calls.append(('set', i, j, list(seq)))
    def __delslice__(self, i, j):
        self.calls.append(('del', i, j))
"""


def test_getslice_bounds_like_python2():
    import sys

    ns = execute(SLICER)
    s = ns["S"]()
    assert s[2:5] == ("slice", 2, 5)
    assert s[:3] == ("slice", 0, 3)
    assert s[4:] == ("slice", 4, sys.maxsize)
    assert s[-3:-1] == ("slice", 7, 9)
    assert s[::2] == ("item", slice(None, None, 2))
    assert s[1] == ("item", 1)
    s[1:2] = "ab"
    del s[-1:]
    assert s.calls == [("set", 1, 2, ["a", "b"]), ("del", 9, sys.maxsize)]


def test_getslice_without_len_passes_negative_bounds():
    ns = execute("class R(object):\n    def __getslice__(self, i, j):\n        return (i, j)\n")
    assert ns["R"]()[-2:3] == (-2, 3)


def test_list_subclass_slice_calls():
    ns = execute(
        """
        class L(list):
            def __getslice__(self, i, j):
                return L(list.__getslice__(self, i, j))
        """
    )
    out = ns["L"]([1, 2, 3])[1:]
    assert type(out).__name__ == "L" and out == [2, 3]
