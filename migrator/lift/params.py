"""Tuple parameters (``def f(a, (b, c)):`` and ``lambda (x, y): ...``), gone in Python 3.

A ``def`` gets a fresh parameter name and an unpacking statement at the top of its body,
after the docstring: ``def f(a, b_c): ... (b, c) = b_c``.  That statement needs a line
of its own when the body is an indented block; the line map records it.

A ``lambda`` has no body to put a statement in, so the unpacking is done by a one-item
list comprehension, whose target unpacks exactly like Python 2 did (same nesting, same
ValueError on a length mismatch): ``lambda (x, y): x + y`` →
``lambda x_y: [x + y for (x, y) in [x_y]][0]``.
"""

from __future__ import annotations

from fissix import pytree
from fissix.pgen2 import token

from migrator.lift import codes
from migrator.lift.grammar import syms
from migrator.lift.tree import (
    Context,
    insert_at_body_start,
    names_in,
    replace_with_text,
    without_prefix,
)

_TUPLE = (syms.tfpdef, syms.vfpdef)
_LIST = (syms.tfplist, syms.vfplist)


def function_parameters(node: pytree.Node, ctx: Context) -> None:
    """Tuple parameters of a ``def``."""
    params = node.children[2]
    if len(params.children) != 3:
        return
    tuples = _tuples(params.children[1], syms.tfpdef, syms.typedargslist)
    if not tuples:
        return
    statements = []
    taken = names_in(node)
    for tup in tuples:
        core = _unwrap(tup)
        if isinstance(core, pytree.Leaf):  # (a) is just a
            ctx.record(
                codes.TUPLE_PARAMETER, tup, "parenthesized parameter name unwrapped"
            )
            replace_with_text(tup, core.value)
            continue
        text = without_prefix(core)
        name = ctx.fresh_name(_joined_names(core), taken)
        statements.append(text + " = " + name)
        ctx.record(codes.TUPLE_PARAMETER, tup)
        replace_with_text(tup, name + ctx.newline * text.count("\n"))
    if statements:
        insert_at_body_start(
            node.children[-1], statements, ctx, node, after_docstring=True
        )


def lambda_parameters(node: pytree.Node, ctx: Context) -> None:
    """Tuple parameters of a ``lambda``."""
    if len(node.children) < 4:
        return  # lambda: x
    tuples = _tuples(node.children[1], syms.vfpdef, syms.varargslist)
    if not tuples:
        return
    unpack: list[tuple[pytree.Node, str]] = []
    taken = names_in(node)
    for tup in tuples:
        core = _unwrap(tup)
        if isinstance(core, pytree.Leaf):
            ctx.record(
                codes.LAMBDA_TUPLE_PARAMETER,
                tup,
                "parenthesized parameter name unwrapped",
            )
            replace_with_text(tup, core.value)
            continue
        name = ctx.fresh_name(_joined_names(core), taken)
        unpack.append((core, name))
        ctx.record(codes.LAMBDA_TUPLE_PARAMETER, tup)
        replace_with_text(tup, name)  # line breaks inside the tuple move into the body
    if not unpack:
        return
    children = node.children
    body = children[3]
    loops = " ".join(f"for {without_prefix(core)} in [{name}]" for core, name in unpack)
    head = "".join(str(c) for c in children[:3])[len(node.prefix) :]
    replace_with_text(
        node, head + body.prefix + "[" + without_prefix(body) + " " + loops + "][0]"
    )


def _tuples(params: pytree.Base, tuple_type: int, list_type: int) -> list[pytree.Node]:
    """The top-level tuple parameters in a parameter list (or a lone parameter)."""
    if params.type == tuple_type:
        return [params]
    if params.type == list_type:
        return [c for c in params.children if c.type == tuple_type]
    return []


def _unwrap(node: pytree.Base) -> pytree.Base:
    """Strip parentheses around a single item: ``((a))`` → ``a``, ``((a, b))`` → ``(a, b)``."""
    while node.type in _TUPLE and node.children[1].type not in _LIST:
        node = node.children[1]
    return node


def _joined_names(node: pytree.Base) -> str:
    """``(a, (b, c))`` → ``a_b_c``: the base of the fresh parameter name."""
    return "_".join(leaf.value for leaf in node.leaves() if leaf.type == token.NAME)
