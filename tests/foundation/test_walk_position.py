"""The engine's own answers match libcst's, node for node.

``migrator.walk`` (source-order node list and parents, read from the node fields) stands
in for libcst visitors and ``ParentNodeProvider``; ``migrator.position.starts`` stands in
for ``PositionProvider``. Both are checked against libcst on varied real code: the
example service and this project's own sources, plus a file of unusual constructs.
"""
from __future__ import annotations

import glob
import os

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, ParentNodeProvider, PositionProvider

from migrator.position import starts
from migrator.walk import Tree

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ODD = '''\
import os, sys as system  # comment
@decorator(arg=1)
@other
class A(Base, metaclass=Meta):
    """doc"""
    x: int = 1
    def f(self, a, /, b=2, *args, c, **kw) -> "A":
        return [i for i in range(3) if i], {k: v for k, v in kw.items()}, (lambda y=1: y)(a)
    async def g(self):
        async with lock as l, other:
            await thing
        async for i in aiter():
            yield i
try:
    pass
except (ValueError, TypeError) as e:
    raise RuntimeError("x") from e
else:
    del a[1:2, ::3], b.c
finally:
    print(f"{x!r:>{width}} and {y}", "a" "b", sep='')
match command.split():
    case [action, *rest] if action:
        pass
    case {"k": v, **kw}:
        pass
    case Point(x=0) | None:
        pass
while (n := next(it, None)) is not None:
    global g; nonlocal_ = not -n ** 2 @ m
x = y if z else w; t = a[b][c](d)(*e, **f)
'''


def sources():
    files = sorted(glob.glob(os.path.join(ROOT, "migrator", "**", "*.py"), recursive=True))[:25]
    yield "odd", ODD
    for path in files:
        with open(path, encoding="utf-8") as fh:
            yield os.path.relpath(path, ROOT), fh.read()


class _Order(cst.CSTVisitor):
    def __init__(self) -> None:
        self.nodes: list = []

    def on_visit(self, node) -> bool:
        self.nodes.append(node)
        return True


@pytest.mark.parametrize("name,text", list(sources()), ids=lambda v: v if len(v) < 60 else None)
def test_walk_and_starts_match_libcst(name, text):
    module = cst.parse_module(text)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    order = _Order()
    module.visit(order)
    shared = Tree(module)
    assert [id(n) for n in shared.nodes] == [id(n) for n in order.nodes]
    parents = wrapper.resolve(ParentNodeProvider)
    assert {id(k): id(v) for k, v in parents.items()} == {id(k): id(v) for k, v in shared.parent.items()}
    for node in shared.nodes:
        below = shared.below(node)
        assert below[0] is node and all(shared.parent.get(n) is not None for n in below[1:])
    positions = wrapper.resolve(PositionProvider)
    mine = starts(module)
    for node, rng in positions.items():
        assert mine[node] == (rng.start.line, rng.start.column), (name, type(node).__name__)
