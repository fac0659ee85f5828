"""One flat walk of a parsed module that the codemods and the engine share.

Codemods plan their rewrites by looking at the whole module first (which names are
imported, where a dict is mutated, what a class defines). Each such look used to be a
libcst visitor pass over the whole tree, and a libcst pass rebuilds every node it visits
even when nothing changes: about twenty of them per file cost more than parsing it.

:func:`tree` walks the module once, reading each node's child fields directly, and keeps

* ``nodes``: every node in source order (what a pre-order visitor sees),
* ``parent``: node → the node that contains it (what ``ParentNodeProvider`` answers),
* ``end``: node → the index in ``nodes`` just after its subtree, so the descendants of
  any node are one slice of ``nodes``.

The order of a node's children is read once per node type from libcst's own
``_visit_and_replace_children`` (the order its visitors use), so the walk matches a
visitor exactly; a type whose source cannot be read falls back to ``node.children``.
"""
from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Callable, Optional

import libcst as cst

_CST = cst.CSTNode
_ORDER: dict[type, Optional[tuple[str, ...]]] = {}


def _child_fields(tp: type) -> Optional[tuple[str, ...]]:
    """The names of ``tp``'s child fields in visiting order (None: use ``children``)."""
    try:
        return _ORDER[tp]
    except KeyError:
        pass
    order: Optional[tuple[str, ...]] = None
    try:
        source = textwrap.dedent(inspect.getsource(tp._visit_and_replace_children))
        calls = [
            n
            for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Name)
            and n.func.id.startswith("visit_")
            and len(n.args) >= 2
            and isinstance(n.args[1], ast.Constant)
        ]
        calls.sort(key=lambda n: (n.lineno, n.col_offset))
        names = []
        for c in calls:
            if c.args[1].value not in names:
                names.append(c.args[1].value)
        order = tuple(names)
    except (OSError, TypeError, SyntaxError):
        order = None
    _ORDER[tp] = order
    return order


_IS_NODE: dict[type, bool] = {}  # isinstance() against libcst's ABC, asked once per class


def _is_node(value: object) -> bool:
    tp = type(value)
    known = _IS_NODE.get(tp)
    if known is None:
        known = _IS_NODE[tp] = issubclass(tp, _CST)
    return known


def _children(node: cst.CSTNode) -> list:
    order = _child_fields(type(node))
    if order is None:
        return list(node.children)
    out = []
    for name in order:
        value = getattr(node, name)
        if type(value) in (list, tuple):
            out.extend(v for v in value if _is_node(v))
        elif _is_node(value):
            out.append(value)
    return out


class Tree:
    __slots__ = ("root", "nodes", "parent", "index", "end")

    def __init__(self, root: cst.CSTNode) -> None:
        self.root = root
        nodes: list = []
        parent: dict = {}
        index: dict = {}
        end: dict = {}
        # iterative pre-order; a marker closes a subtree (records its end index)
        stack: list = [root]
        closing = object()
        while stack:
            item = stack.pop()
            if item is closing:
                end[stack.pop()] = len(nodes)
                continue
            index[item] = len(nodes)
            nodes.append(item)
            kids = _children(item)
            stack.append(item)
            stack.append(closing)
            for kid in reversed(kids):
                parent[kid] = item
                stack.append(kid)
        self.nodes, self.parent, self.index, self.end = nodes, parent, index, end

    def below(self, node: cst.CSTNode) -> list:
        """``node`` and everything under it, in source order."""
        return self.nodes[self.index[node]: self.end[node]]

    def __contains__(self, node: object) -> bool:
        return node in self.index


_last: list = [None]


def tree(module: cst.CSTNode) -> Tree:
    """The shared walk of ``module`` (computed once per tree object)."""
    current = _last[0]
    if current is not None and current.root is module:
        return current
    current = _last[0] = Tree(module)
    return current


def below(node: cst.CSTNode) -> list:
    """``node`` and all its descendants in source order: a slice of the shared walk when
    ``node`` belongs to the module being analysed, else a walk of its own."""
    current = _last[0]
    if current is not None and node in current.index:
        return current.below(node)
    if isinstance(node, cst.Module):
        return tree(node).nodes
    return Tree(node).nodes


def walk(node: cst.CSTNode, fn: Callable[[cst.CSTNode], object]) -> None:
    """Call ``fn`` on ``node`` and every node under it (pre-order, source order)."""
    for n in below(node):
        fn(n)


def contains(outer: cst.CSTNode, inner: cst.CSTNode) -> bool:
    """``inner`` is ``outer`` or one of its descendants (by the spans of the shared walk
    when both belong to it)."""
    current = _last[0]
    if current is not None and outer in current.index and inner in current.index:
        return current.index[outer] <= current.index[inner] < current.end[outer]
    return any(n is inner for n in below(outer))


def in_source_order(items, module: cst.Module, node: Callable = lambda item: getattr(item, "node", None)) -> list:
    """``items`` (libcst's scope answers: sets of assignments or accesses, ordered by
    memory address; or anything with a node of ``module``) sorted by where their node is
    in ``module``'s shared walk, so what a codemod finds first does not depend on how the
    tree was allocated. Items without a node of ``module`` come last."""
    index = tree(module).index
    last = len(index)

    def key(item):
        n = node(item)
        i = index.get(n) if n is not None else None
        return last if i is None else i

    return sorted(items, key=key)
