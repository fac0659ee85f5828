"""Indentation that mixes tabs and spaces the way Python 2 allowed.

Python 2 reads a tab as "advance to the next multiple of 8".  Python 3 measures every
indentation twice, with tabs as 8 columns and as 1 column, and rejects a line (TabError)
when the two measures disagree about how it compares with the enclosing block.  Where
Python 3 accepts the indentation it reads the same block structure as Python 2.

So this pass replays Python 3's check over the logical lines and re-indents only the
lines that fail it, keeping their Python 2 column: a line at an existing level gets that
level's indentation string, a line opening a deeper level gets spaces.  Continuation
lines, comments and blank lines are never checked by Python and are left alone.
"""

from __future__ import annotations

import re

from fissix import pytree
from fissix.pgen2 import token

from migrator.lift import codes
from migrator.lift.tree import Context

_TABSIZE = 8
# Quick test for "some line is indented with a tab somewhere": without one nothing can mix.
TAB_INDENT = re.compile(r"^[ \f]*\t", re.MULTILINE)


def _measure(ws: str) -> tuple[int, int]:
    """(column with tabs as 8, column with tabs as 1) of an indentation string."""
    col = alt = 0
    for ch in ws:
        if ch == "\t":
            col = (col // _TABSIZE + 1) * _TABSIZE
            alt += 1
        elif ch == "\f":
            col = alt = 0
        else:
            col += 1
            alt += 1
    return col, alt


def fix_indentation(tree: pytree.Node, ctx: Context) -> None:
    """Re-indent the logical lines of ``tree`` that Python 3 would reject."""
    # Each level: (column, column with tabs as 1, indentation string as now written).
    stack: list[tuple[int, int, str]] = [(0, 0, "")]
    at_line_start = True
    group: list[pytree.Leaf] = []  # INDENT/DEDENT leaves before the line's first token
    for leaf in tree.leaves():
        kind = leaf.type
        if at_line_start:
            if kind == token.INDENT or kind == token.DEDENT:
                group.append(leaf)
                continue
            if kind == token.ENDMARKER:
                break
            _check_line(group, leaf, stack, ctx)
            group = []
            at_line_start = False
        if kind == token.NEWLINE:
            at_line_start = True


def _check_line(
    group: list[pytree.Leaf],
    leaf: pytree.Leaf,
    stack: list[tuple[int, int, str]],
    ctx: Context,
) -> None:
    """Python 3's indentation check for one logical line; fix the line if it fails."""
    text = "".join(g.prefix + g.value for g in group) + leaf.prefix
    ws = text[text.rfind("\n") + 1 :]
    col, alt = _measure(ws)
    top_col, top_alt, _ = stack[-1]
    if col > top_col:
        if alt > top_alt:
            stack.append((col, alt, ws))
            return
        new_ws = " " * col
        stack.append((col, col, new_ws))
    else:
        while len(stack) > 1 and col < stack[-1][0]:
            stack.pop()
        level_col, level_alt, level_ws = stack[-1]
        if col != level_col or alt == level_alt:
            return  # consistent (or an error Python 2 would have reported too)
        new_ws = level_ws
    _rewrite_indent(group, leaf, len(ws), new_ws)
    ctx.changes.append(codes.MIXED_INDENTATION.finding(leaf.lineno, 1))


def _rewrite_indent(
    group: list[pytree.Leaf], leaf: pytree.Leaf, old_len: int, new_ws: str
) -> None:
    """Replace the last ``old_len`` characters before ``leaf`` (its indentation) by ``new_ws``."""
    remaining = old_len
    prefix = leaf.prefix
    cut = min(remaining, len(prefix))
    leaf.prefix = prefix[: len(prefix) - cut]
    remaining -= cut
    for g in reversed(group):
        if not remaining:
            break
        for attr in ("value", "prefix"):
            s = getattr(g, attr)
            cut = min(remaining, len(s))
            setattr(g, attr, s[: len(s) - cut])
            remaining -= cut
            if not remaining:
                break
    leaf.prefix += new_ws
