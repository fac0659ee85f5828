"""Rewrites of Python 2 expression syntax: backticks, ``<>``, ``for x in 1, 2`` in comprehensions.

None of these changes the line count.
"""

from __future__ import annotations

from fissix import pytree
from fissix.pgen2 import token

from migrator.lift import codes
from migrator.lift.grammar import syms
from migrator.lift.tree import Context, replace_with_text, without_prefix


def not_equal(leaf: pytree.Leaf, ctx: Context) -> None:
    """``a <> b`` → ``a != b``."""
    if leaf.value == "<>":
        leaf.value = "!="
        ctx.record(codes.NOT_EQUAL, leaf)


def backticks(node: pytree.Node, ctx: Context) -> None:
    """```x``` → ``repr(x)`` (```a, b``` → ``repr((a, b))``)."""
    children = node.children
    if children[0].type != token.BACKQUOTE:
        return
    inner = "".join(str(c) for c in children[1:-1])
    if children[1].type == syms.testlist1:
        inner = "(" + inner + ")"
    ctx.record(codes.BACKTICKS, node)
    replace_with_text(node, "repr(" + inner + children[-1].prefix + ")")


def comprehension_tuple(node: pytree.Node, ctx: Context) -> None:
    """``[x for x in 1, 2]`` → ``[x for x in (1, 2)]`` (Python 2 allowed the bare tuple)."""
    iterable = node.children[3]
    if iterable.type == syms.testlist_safe:
        ctx.record(codes.COMPREHENSION_TUPLE, iterable)
        replace_with_text(iterable, "(" + without_prefix(iterable) + ")")
