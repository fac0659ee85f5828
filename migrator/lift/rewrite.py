"""Walking the fissix tree once and applying every rewrite.

One pre-order pass collects the names in use (for fresh names) and the nodes some rewrite
cares about.  They are then handled in reverse order, so a node's descendants and later
siblings are rewritten before the node itself: a rewrite that rebuilds a statement from
its children's text sees them already lifted, and one that inserts a statement at the top
of a block (tuple parameters, ``except E, (a, b):``) sees that block in its final shape.
"""

from __future__ import annotations

from collections.abc import Callable

from fissix import pytree
from fissix.pgen2 import token

from migrator.lift import expressions, literals, names, params, statements
from migrator.lift.grammar import syms
from migrator.lift.tree import Context

Handler = Callable[[pytree.Base, Context], None]


def _name(leaf: pytree.Leaf, ctx: Context) -> None:
    if leaf.value == "print":
        statements.bare_print(leaf, ctx)
    else:
        names.async_await(leaf, ctx)


_HANDLERS: dict[int, Handler] = {
    token.NAME: _name,
    token.NUMBER: literals.number,
    token.STRING: literals.string,
    token.NOTEQUAL: expressions.not_equal,
    syms.atom: expressions.backticks,
    syms.comp_for: expressions.comprehension_tuple,
    syms.print_stmt: statements.print_statement,
    syms.exec_stmt: statements.exec_statement,
    syms.raise_stmt: statements.raise_statement,
    syms.except_clause: statements.except_clause,
    syms.funcdef: params.function_parameters,
    syms.lambdef: params.lambda_parameters,
    syms.old_lambdef: params.lambda_parameters,
}


_NAMES = names.RENAMED | {"print"}


def collect(tree: pytree.Node) -> tuple[list[pytree.Base], set[str]]:
    """Nodes and leaves some rewrite may change, in pre-order, and every NAME in the tree.

    Cheap tests weed out most leaves here, so the handlers run on few of them.
    """
    handlers = _HANDLERS
    found: list[pytree.Base] = []
    add = found.append
    seen_names: set[str] = set()
    stack: list[pytree.Base] = [tree]
    pop, push = stack.pop, stack.extend
    NAME, NUMBER, STRING, NOTEQUAL = (
        token.NAME,
        token.NUMBER,
        token.STRING,
        token.NOTEQUAL,
    )
    atom, backquote = syms.atom, token.BACKQUOTE
    while stack:
        node = pop()
        kind = node.type
        if kind < 256:
            if kind == NAME:
                value = node.value
                seen_names.add(value)
                if value in _NAMES:
                    add(node)
            elif kind == NUMBER:
                value = node.value
                if value[0] == "0" or value[-1] in "lL":
                    add(node)
            elif kind == STRING:
                value = node.value
                if value[0] not in "'\"" or "\\" in value:
                    add(node)
            elif kind == NOTEQUAL:
                add(node)
        else:
            children = node.children
            if kind in handlers and (kind != atom or children[0].type == backquote):
                add(node)
            push(reversed(children))
    return found, seen_names


def apply(found: list[pytree.Base], ctx: Context) -> None:
    """Run the rewrites on the collected nodes, innermost and last first."""
    handlers = _HANDLERS
    for node in reversed(found):
        handlers[node.type](node, ctx)
