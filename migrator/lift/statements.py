"""Rewrites of Python 2 statements: ``print``, ``exec``, ``raise E, V[, T]`` and ``except E, e``.

Each keeps the statement on the lines it had, except an ``except`` clause whose target is
not a plain name: that one binds a fresh name and adds one line at the top of its block.
"""

from __future__ import annotations

from fissix import pytree
from fissix.pgen2 import token

from migrator.lift import codes
from migrator.lift.grammar import syms
from migrator.lift.tree import (
    Context,
    bare,
    insert_at_body_start,
    is_tuple_atom,
    keep_break,
    replace_with_text,
    scope_names,
    without_prefix,
)

_END_SPACE = 'end=" "'


def bare_print(leaf: pytree.Leaf, ctx: Context) -> None:
    """A ``print`` statement with nothing after it → ``print()``."""
    if (
        ctx.print_statement
        and leaf.value == "print"
        and leaf.parent.type == syms.simple_stmt
    ):
        leaf.value = "print()"
        ctx.record(codes.PRINT_STATEMENT, leaf)


def print_statement(node: pytree.Node, ctx: Context) -> None:
    """``print x, y`` → ``print(x, y)``; ``print >>f, x,`` → ``print(x, end=" ", file=f)``.

    ``print (x)`` is left alone, but a print of a parenthesized tuple keeps its Python 2
    meaning: ``print ("a", "b")`` printed ``('a', 'b')``, so it becomes
    ``print(("a", "b"))``; likewise ``print ()`` → ``print(())``.
    """
    children = node.children
    args = children[1:]
    kept_breaks = ""
    file_text = None
    if args and args[0].type == token.RIGHTSHIFT:
        kept_breaks = keep_break(args[0].prefix)
        file_text = bare(args[1])
        if len(args) > 2:  # the comma after the file
            kept_breaks += keep_break(args[2].prefix)
        args = args[3:]
    elif (
        len(args) == 1
        and args[0].type == syms.atom
        and args[0].children[0].type == token.LPAR
    ):
        if not is_tuple_atom(args[0]):
            return  # print (x): the same in Python 2 and 3
        ctx.record(codes.PRINT_TUPLE, node)
        replace_with_text(node, "print(" + bare(args[0]) + ")")
        return
    trailing_comma = bool(args) and args[-1].type == token.COMMA
    if trailing_comma:
        kept_breaks += keep_break(args[-1].prefix)
        args = args[:-1]
    parts = []
    if args:
        parts.append(bare(args[0]) + "".join(str(a) for a in args[1:]))
    if trailing_comma:
        parts.append(_END_SPACE)
    if file_text is not None:
        parts.append("file=" + file_text)
    ctx.record(codes.PRINT_STATEMENT, node)
    replace_with_text(node, "print(" + kept_breaks + ", ".join(parts) + ")")


def exec_statement(node: pytree.Node, ctx: Context) -> None:
    """``exec code`` → ``exec(code)``; ``exec code in g, l`` → ``exec(code, g, l)``.

    ``exec (code)`` and ``exec (code, g)`` are left alone: Python 2 reads the tuple form
    the same way Python 3 reads the call.
    """
    children = node.children
    code = children[1]
    if (
        len(children) == 2
        and code.type == syms.atom
        and code.children[0].type == token.LPAR
    ):
        return
    text = "exec(" + bare(code)
    if len(children) > 2:  # 'in' globals [, locals]
        text += "," + keep_break(children[2].prefix) + " " + bare(children[3])
        text += "".join(str(c) for c in children[4:])
    ctx.record(codes.EXEC_STATEMENT, node)
    replace_with_text(node, text + ")")


def raise_statement(node: pytree.Node, ctx: Context) -> None:
    """``raise E, V`` → ``raise E(V)`` and ``raise E, V, T`` → ``raise E(V).with_traceback(T)``.

    As in Python 2, a tuple V gives the arguments (``raise E(*V)``) and ``None`` gives none.
    """
    children = node.children
    if len(children) < 4 or children[2].type != token.COMMA:
        return  # raise, raise E, raise E from C
    exc, value = children[1], children[3]
    exc_text = without_prefix(exc)
    if not _is_primary(exc):
        exc_text = "(" + exc_text + ")"
    if value.type == token.NAME and value.value == "None":
        args = keep_break(value.prefix)
    elif is_tuple_atom(value):
        args = "" if len(value.children) == 2 else "*" + bare(value)
    else:
        args = bare(value)
    text = (
        "raise"
        + exc.prefix
        + exc_text
        + keep_break(children[2].prefix)
        + "("
        + args
        + ")"
    )
    if len(children) > 4:
        text += (
            keep_break(children[4].prefix)
            + ".with_traceback("
            + bare(children[5])
            + ")"
        )
        ctx.record(codes.RAISE_TRACEBACK, node)
    else:
        ctx.record(codes.RAISE_COMMA, node)
    replace_with_text(node, text)


def _is_primary(node: pytree.Base) -> bool:
    """True if ``node(...)`` calls ``node`` as written (a name, attribute, call, subscript, atom)."""
    if node.type in (token.NAME, syms.atom):
        return True
    return node.type == syms.power and not any(
        c.type == token.DOUBLESTAR for c in node.children
    )


def except_clause(node: pytree.Node, ctx: Context) -> None:
    """``except E, e:`` → ``except E as e:``.

    A target that is not a plain name (``except E, (a, b):``, ``except E, self.err:``) is
    replaced by a fresh name, assigned at the top of the block: a tuple or list target
    unpacks the exception's ``.args`` as Python 2 did.
    """
    children = node.children
    if len(children) != 4 or children[2].type != token.COMMA:
        return
    comma, target = children[2], children[3]
    comma.value = "as"
    if not comma.prefix:
        comma.prefix = " "
    if target.type == token.NAME:
        if not target.prefix:
            target.prefix = " "
        ctx.record(codes.EXCEPT_COMMA, node)
        return
    name = ctx.fresh_name("exc", scope_names(node, ctx))
    unpack = target.type == syms.atom and target.children[0].type in (
        token.LPAR,
        token.LSQB,
    )
    statement = without_prefix(target) + " = " + name + (".args" if unpack else "")
    replace_with_text(target, name, prefix=target.prefix or " ")
    body = node.next_sibling.next_sibling  # past the ':'
    insert_at_body_start(body, [statement], ctx, node, after_docstring=False)
    ctx.record(codes.EXCEPT_TUPLE_TARGET, node)
