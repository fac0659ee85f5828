"""``migrator.expression_context`` answers what libcst's ExpressionContextProvider answers,
node for node, on varied real code (the scope analysis is built on it)."""
from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import ExpressionContextProvider, MetadataWrapper
from test_traversal import SOURCES

from migrator.expression_context import expression_contexts

MORE = """\
a, *b = c[d:e, f] = g.h = [i, (j, k)] = l
m += n; o: p = q; r: s
del t, u.v, w[x]
for (y, z) in aa: pass
[bb for cc, dd in ee if ff for gg in hh]
with ii as (jj, kk), ll as mm.nn: pass
import oo.pp as qq, rr.ss
from tt import uu as vv
try: pass
except ww as xx: pass
if (yy := zz): pass
def f(a: int = b, *c: d, e=f, **g) -> h: global i; nonlocal j
class C(D, metaclass=E): k = l
lambda m, n=o: p
print(*q, **r)
match s:
    case [t, *u] if v: pass
    case {"w": x, **y}: pass
    case Z(a=b) as c: pass
"""


@pytest.mark.parametrize("name,text", SOURCES + [("more", MORE)], ids=[n for n, _ in SOURCES] + ["more"])
def test_same_contexts_as_libcst(name, text):
    module = cst.parse_module(text)
    theirs = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ExpressionContextProvider)
    mine = expression_contexts(module)
    assert name != "more" or len(theirs) > 90
    assert {id(k): v for k, v in mine.items()} == {id(k): v for k, v in theirs.items()}
