"""Parsing Python 2 source with fissix, and finding its ``from __future__`` imports.

fissix (a maintained copy of lib2to3) is used only as a parser here: its pgen driver and
grammar give a lossless concrete syntax tree (``str(tree)`` reproduces the input byte for
byte), which the lift then edits.  The two Driver objects are built once per process.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from fissix import pygram, pytree
from fissix.pgen2 import driver as pgen_driver
from fissix.pgen2 import parse as pgen_parse
from fissix.pgen2 import token
from fissix.pgen2 import tokenize as pgen_tokenize

#: Symbol numbers of the grammar's nonterminals (``syms.print_stmt`` ...).
syms = pygram.python_symbols

_DRIVERS: dict[bool, pgen_driver.Driver] = {
    True: pgen_driver.Driver(pygram.python_grammar, convert=pytree.convert),
    False: pgen_driver.Driver(
        pygram.python_grammar_no_print_statement, convert=pytree.convert
    ),
}


@dataclass
class Python2SyntaxError(Exception):
    """fissix could not parse the text as Python 2; ``line``/``col`` are 1-based."""

    message: str
    line: int
    col: int
    at_end: bool = False  # the text ended inside a bracket, string or statement

    def __str__(self) -> str:  # pragma: no cover - trivial
        return f"{self.message} (line {self.line})"


def future_features(text: str) -> frozenset[str]:
    """The names imported by the ``from __future__ import ...`` statements at the top of ``text``.

    Only the statements Python honours are read: after an optional docstring, comments and
    blank lines, as long as every statement is a future import.  Scanning stops at the first
    other statement, so the cost is a few tokens for any file.
    """
    if "__future__" not in text:
        return frozenset()
    found: set[str] = set()
    tokens = pgen_tokenize.generate_tokens(io.StringIO(text).readline)
    skip = (
        pgen_tokenize.COMMENT,
        pgen_tokenize.NL,
        token.NEWLINE,
        token.INDENT,
        token.DEDENT,
    )
    seen_docstring = False
    try:
        while True:
            tok = next(tokens)
            if tok[0] in skip or (tok[0] == token.OP and tok[1] == ";"):
                continue
            if tok[0] == token.STRING and not seen_docstring and not found:
                seen_docstring = True
                continue
            if tok[0] != token.NAME or tok[1] != "from":
                break
            if next(tokens)[1] != "__future__" or next(tokens)[1] != "import":
                break
            expect_name = True
            while True:
                tok = next(tokens)
                if tok[0] == token.NAME and tok[1] != "as" and expect_name:
                    found.add(tok[1])
                    expect_name = False
                elif tok[0] == token.NAME and tok[1] == "as":
                    next(tokens)  # the alias
                elif tok[0] == token.OP and tok[1] == ",":
                    expect_name = True
                elif tok[0] in (pgen_tokenize.NL, pgen_tokenize.COMMENT) or tok[1] in (
                    "(",
                    ")",
                ):
                    continue
                else:  # NEWLINE, ';' or ENDMARKER ends the statement
                    break
            if tok[0] == token.ENDMARKER:
                break
    except (StopIteration, pgen_tokenize.TokenError, IndentationError):
        pass
    return frozenset(found)


def parse_python2(text: str, *, print_statement: bool) -> pytree.Node:
    """Parse ``text`` (which must end with a newline) with the Python 2 grammar.

    ``print_statement`` is False when the file imports ``print_function`` from
    ``__future__``.  Raises :class:`Python2SyntaxError` when the text is not Python 2.
    """
    try:
        return _DRIVERS[print_statement].parse_string(text)
    except pgen_parse.ParseError as exc:
        line, col = exc.context[1]
        if exc.type == token.ENDMARKER:
            raise Python2SyntaxError(
                "unexpected end of input", line, col + 1, at_end=True
            ) from None
        if exc.type == token.INDENT:
            message = "unexpected indent"
        elif exc.type == token.DEDENT:
            message = "unexpected dedent"
        else:
            message = f"unexpected {exc.value!r}"
        raise Python2SyntaxError(message, line, col + 1) from None
    except pgen_tokenize.TokenError as exc:
        message, (line, col) = exc.args
        raise Python2SyntaxError(str(message), line, col + 1, at_end=True) from None
    except IndentationError as exc:
        raise Python2SyntaxError(
            exc.msg, exc.lineno or 0, (exc.offset or 0) + 1
        ) from None
    except RecursionError:
        raise Python2SyntaxError("nesting too deep to parse", 0, 0) from None
