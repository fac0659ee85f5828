"""Helpers shared by the rewrites: the per-file context and small pytree operations.

The rewrites edit the fissix tree in place.  Most change a leaf's value; the ones that
restructure a statement build the new source text from the (already rewritten) text of
its children and put it in a single leaf in place of the statement.  The tree is only
turned back into text afterwards, so such a leaf needs the right text, prefix and
original position, nothing else.

Whitespace between tokens lives in the *prefix* of the following leaf.  When a rewrite
drops or moves a token, the part of its prefix that carries a line break (a backslash
continuation) is kept where it was, so the line count only changes where a rewrite means
to add lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fissix import pytree
from fissix.pgen2 import token

from migrator.findings import Finding
from migrator.lift.codes import Rewrite
from migrator.lift.grammar import syms

NL_TYPES = (token.NEWLINE, token.INDENT, token.DEDENT)
_IDENTIFIER = re.compile(r"[^\W\d]\w*")


@dataclass
class Context:
    """What the rewrites of one file share: settings, names in use, and what they did."""

    print_statement: bool
    unicode_literals: bool
    newline: str
    names: set[str]
    changes: list[Finding] = field(default_factory=list)
    #: (original line after which lines are inserted, how many, original line they stem from)
    insertions: list[tuple[int, int, int]] = field(default_factory=list)

    def record(
        self, rewrite: Rewrite, at: pytree.Base, detail: str | None = None
    ) -> None:
        """Report one rewrite at the position of ``at``'s first token."""
        leaf = first_leaf(at)
        self.changes.append(rewrite.finding(leaf.lineno, leaf.column + 1, detail))

    def fresh_name(self, base: str, taken: set[str] | None = None) -> str:
        """A name not in ``taken`` (default: every name in the file), ``base`` if possible.

        The name is added to ``taken`` and to the file's names.
        """
        if taken is None:
            taken = self.names
        if not base.isidentifier():
            base = "arg"
        name = base
        n = 0
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        self.names.add(name)
        return name

    def inserted_lines(self, after_line: int, count: int, source_line: int) -> None:
        """Note that ``count`` new lines now follow original line ``after_line``."""
        self.insertions.append((after_line, count, source_line))


def names_in(node: pytree.Base) -> set[str]:
    """Every identifier spelled in ``node``, including in text put there by earlier rewrites."""
    out: set[str] = set()
    for leaf in node.leaves():
        if leaf.type == token.NAME:
            value = leaf.value
            if value.isidentifier():
                out.add(value)
            else:
                out.update(_IDENTIFIER.findall(value))
    return out


def scope_names(node: pytree.Base, ctx: Context) -> set[str]:
    """The names a new local of the scope around ``node`` must avoid.

    That is every name spelled in the enclosing ``def`` or ``class`` (nested scopes
    included: they may use the local as a free variable), or in the file at module level.
    """
    scope = node.parent
    while scope is not None and scope.type not in (syms.funcdef, syms.classdef):
        scope = scope.parent
    return set(ctx.names) if scope is None else names_in(scope)


def first_leaf(node: pytree.Base) -> pytree.Leaf:
    """The first leaf of ``node`` (``node`` itself for a leaf)."""
    while not isinstance(node, pytree.Leaf):
        node = node.children[0]
    return node


def keep_break(prefix: str) -> str:
    """The prefix of a token being dropped, reduced to nothing unless it carries a line break."""
    return prefix if "\n" in prefix else ""


def bare(node: pytree.Base) -> str:
    """``str(node)`` without its leading whitespace (kept if it carries a line break)."""
    text = str(node)
    prefix = node.prefix
    if prefix and "\n" not in prefix:
        return text[len(prefix) :]
    return text


def without_prefix(node: pytree.Base) -> str:
    """``str(node)`` without its prefix, whatever the prefix holds."""
    return str(node)[len(node.prefix) :]


def replace_with_text(
    node: pytree.Base, text: str, prefix: str | None = None
) -> pytree.Leaf:
    """Put a leaf holding ``text`` in place of ``node``, keeping its prefix and position."""
    leaf = first_leaf(node)
    new = pytree.Leaf(
        token.NAME,
        text,
        context=(node.prefix if prefix is None else prefix, (leaf.lineno, leaf.column)),
    )
    node.replace(new)
    return new


def is_tuple_atom(node: pytree.Base) -> bool:
    """True for a parenthesized tuple display: ``()``, ``(a,)``, ``(a, b)``."""
    if node.type != syms.atom or node.children[0].type != token.LPAR:
        return False
    children = node.children
    if len(children) == 2:
        return True
    inner = children[1]
    return inner.type == syms.testlist_gexp and any(
        c.type == token.COMMA for c in inner.children
    )


def is_docstring(stmt: pytree.Base) -> bool:
    """True when the simple statement ``stmt`` starts with a bare string (a docstring)."""
    if stmt.type != syms.simple_stmt:
        return False
    head = stmt.children[0]
    if head.type == token.STRING:
        return True
    return head.type == syms.atom and all(c.type == token.STRING for c in head.children)


def suite_indent(suite: pytree.Node) -> str:
    """The indentation (whitespace string) of the statements of an indented block."""
    text = []
    for child in suite.children:
        if child.type in NL_TYPES:
            text.append(child.prefix + child.value)
            continue
        text.append(first_leaf(child).prefix)
        break
    joined = "".join(text)
    return joined[joined.rfind("\n") + 1 :]


def insert_at_body_start(
    body: pytree.Base,
    statements: list[str],
    ctx: Context,
    source: pytree.Base,
    *,
    after_docstring: bool,
) -> None:
    """Insert ``statements`` (source text, no newline) at the start of a block.

    ``body`` is what follows the ``:`` of a compound statement: an indented ``suite`` (one
    new line per statement, with the block's indentation, recorded for the line map) or a
    ``simple_stmt`` on the same line (joined with ``;``, no new line).  With
    ``after_docstring`` the statements go after a leading docstring.  ``source`` is the
    node the new lines are attributed to in the line map.
    """
    source_line = first_leaf(source).lineno
    if body.type == syms.suite:
        stmts = [c for c in body.children if c.type not in NL_TYPES]
        head = stmts[0]
        if after_docstring and is_docstring(head):
            if len(head.children) > 2:  # '"doc"; more' on one line: stay on it
                _inline_after(head.children[1], statements)
                return
            newline_leaf = head.children[-1]
            indent = suite_indent(body)
            nl = newline_leaf.value or ctx.newline
            newline_leaf.value = nl + "".join(
                indent + s + ctx.newline for s in statements
            )
            ctx.inserted_lines(
                newline_leaf.lineno, _line_count(statements), source_line
            )
            return
        indent = suite_indent(body)
        leaf = first_leaf(head)
        leaf.prefix = leaf.prefix + "".join(
            s + ctx.newline + indent for s in statements
        )
        ctx.inserted_lines(leaf.lineno - 1, _line_count(statements), source_line)
        return
    # simple_stmt on the same line as the colon
    if after_docstring and is_docstring(body):
        _inline_after(body.children[1], statements)
        return
    leaf = first_leaf(body)
    leaf.prefix = leaf.prefix + "".join(s + "; " for s in statements)


def _line_count(statements: list[str]) -> int:
    return sum(1 + s.count("\n") for s in statements)


def _inline_after(separator: pytree.Leaf, statements: list[str]) -> None:
    """Insert ``; stmt`` text just before ``separator`` (the ``;`` or NEWLINE after a docstring)."""
    separator.prefix = "".join("; " + s for s in statements) + separator.prefix
