"""Deciding whether a text is already Python 3 (the lift's fast path).

A text that ``ast.parse`` accepts on the running interpreter is read as Python 3 and left
alone, with two exceptions where Python 3 accepts the syntax but the file can only mean
its Python 2 reading:

* from Python 3.14 on (PEP 758) ``except A, B:`` is legal and means "catch A or B", while
  in Python 2 it means "catch A and bind it to B".  On 3.14+ the tokenizer is used to spot
  that form;
* ``print >>f, x`` parses in Python 3 as a shift inside a tuple, a bare ``print``
  statement as a name, and ``print ("a"), "b"`` as a tuple holding a call; all are no-ops
  or TypeErrors there or print something else, so a statement of such a form marks a
  Python 2 file.  A regular expression rules them out for most files before the AST's
  statements are looked at.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
import warnings

_PEP758 = sys.version_info >= (3, 14)
_OPEN = {"(", "[", "{"}
_CLOSE = {")", "]", "}"}
_STATEMENT_START = (
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENCODING,
)
_SKIP = (tokenize.NL, tokenize.COMMENT)
# "except" starting a line with a comma before the next colon: worth tokenizing.
_EXCEPT_COMMA_HINT = re.compile(r"^[ \t]*except\b[^:]*,", re.M)
# "print" at the start of a statement (of a line, or after ":" or ";"): worth a closer look.
_PRINT_STATEMENT_HINT = re.compile(r"(?:^|[:;])[ \t]*print\b", re.MULTILINE)


def parse_python3(
    text: str, filename: str = "<lift>"
) -> tuple[ast.Module | None, SyntaxError | None]:
    """``(tree, None)`` if ``ast.parse`` accepts ``text`` on this Python, else ``(None, error)``.

    Warnings (invalid escape sequences and the like) are silenced: they do not make the text
    any less Python 3, and a ``-W error`` setting must not turn them into failures here.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text, filename), None
    except SyntaxError as exc:
        return None, exc
    except (
        ValueError,
        MemoryError,
        RecursionError,
    ) as exc:  # null bytes, absurd nesting
        return None, SyntaxError(str(exc))


def is_python3(text: str, filename: str = "<lift>") -> bool:
    """True when ``text`` is to be read as Python 3 (see the module docstring)."""
    tree, _ = parse_python3(text, filename)
    return tree is not None and not reads_as_python2(text, tree)


def reads_as_python2(text: str, tree: ast.Module) -> bool:
    """True when ``text``, which parses as Python 3 into ``tree``, only makes sense as Python 2."""
    return pep758_ambiguous(text) or has_print_statement(text, tree)


def pep758_ambiguous(text: str) -> bool:
    """True on Python 3.14+ when ``text`` (which parses) has the Python 2 ``except X, name:``."""
    return _PEP758 and has_python2_except_comma(text)


def has_print_statement(text: str, tree: ast.Module) -> bool:
    """True if a statement can only be a Python 2 print statement read as Python 3.

    That is a bare ``print``, ``print >>f, ...``, or ``print (x), y`` / ``print (x),``
    (a tuple whose first item is a print call).  Only statements are visited, and only
    when the word ``print`` starts a statement somewhere.
    """
    if "print" not in text or not _PRINT_STATEMENT_HINT.search(text):
        return False
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Expr):
            if _is_print_statement(node.value):
                return True
            continue
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            block = getattr(node, name, None)
            if block:
                stack.extend(block)
    return False


def _is_print_statement(value: ast.expr) -> bool:
    if isinstance(value, ast.Name):
        return value.id == "print"
    if isinstance(value, ast.Tuple) and value.elts:
        first = value.elts[0]
        if (
            isinstance(first, ast.Call)
            and isinstance(first.func, ast.Name)
            and first.func.id == "print"
        ):
            return True
        value = first
    return (
        isinstance(value, ast.BinOp)
        and isinstance(value.op, ast.RShift)
        and isinstance(value.left, ast.Name)
        and value.left.id == "print"
    )


def has_python2_except_comma(text: str) -> bool:
    """True when ``text`` has an ``except X, name:`` clause (exactly one top-level comma, no ``as``).

    Works on any Python 3: it only uses the tokenizer.  Three or more comma-separated types
    (``except A, B, C:``) cannot be Python 2 and do not count.
    """
    if "except" not in text or not _EXCEPT_COMMA_HINT.search(text):
        return False
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    at_start = True
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.type in _STATEMENT_START:
            at_start = True
        elif tok.type in _SKIP:
            pass
        elif at_start and tok.type == tokenize.NAME and tok.string == "except":
            if _except_clause_has_one_comma(tokens, i + 1):
                return True
            at_start = False
        else:
            at_start = False
        i += 1
    return False


def _except_clause_has_one_comma(tokens: list[tokenize.TokenInfo], i: int) -> bool:
    """Scan an except clause from token ``i`` to its ``:``; True if it is ``except X, Y:``."""
    depth = 0
    commas = 0
    first = True
    for tok in tokens[i:]:
        if tok.type in _SKIP:
            continue
        s = tok.string
        if first and tok.type == tokenize.OP and s in ("*", ":"):
            return False  # except* (never Python 2) or bare except
        first = False
        if tok.type == tokenize.OP:
            if s in _OPEN:
                depth += 1
            elif s in _CLOSE:
                depth -= 1
            elif depth == 0 and s == ",":
                commas += 1
            elif depth == 0 and s == ":":
                return commas == 1
        elif (
            depth == 0
            and tok.type == tokenize.NAME
            and s == "as"
            or tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER)
        ):
            return False
    return False
