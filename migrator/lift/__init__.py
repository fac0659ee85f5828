"""The lift: Python 2 source in, text that parses as Python 3 out, with the same meaning.

The pipeline parses every file once with libcst, which only reads Python 3.  The lift
runs before that and removes the Python 2 *syntax* (print and exec statements,
backticks, ``<>``, ``0777``, ``10L``, ``ur''``, ``except E, e``, ``raise E, V, T``, tuple
parameters, ``async``/``await`` as names, tab/space indentation Python 3 rejects ...),
keeping the Python 2 meaning and every untouched line byte for byte.  Each rewrite is
reported as a CHANGE :class:`~migrator.findings.Finding` (codes in
:mod:`migrator.lift.codes`) at its position in the original text.

A text that already parses as Python 3 is read as Python 3 and returned unchanged, which
also makes lifting idempotent.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from migrator.findings import Finding, MigratorError
from migrator.lift import detect

# grammar, indent, rewrite and tree (fissix) are imported where a file needs lifting: a
# file that is Python 3 already (what a pre-commit hook mostly sees) never loads them.

__all__ = ["Lifted", "lift"]

_BOM = "\ufeff"


@dataclass
class Lifted:
    """The result of lifting one file."""

    #: Valid Python 3 source (``ast.parse`` succeeds on the running Python 3.10+).
    text: str
    #: One CHANGE finding per rewrite, line/col in the original text.
    changes: list[Finding] = field(default_factory=list)
    #: None when lines correspond 1:1; else new 1-based line -> original line (index 0 unused).
    line_map: list[int] | None = None
    #: ``ast`` tree of :attr:`text`, made while checking it (the engine's pre-check reads it).
    tree: ast.Module | None = field(default=None, compare=False, repr=False)

    def original_line(self, new_line: int) -> int:
        """The line of the original text that line ``new_line`` of :attr:`text` comes from."""
        line_map = self.line_map
        if line_map is None or new_line < 1:
            return new_line
        if new_line < len(line_map):
            return line_map[new_line]
        return line_map[-1] + (new_line - (len(line_map) - 1))

    @property
    def changed(self) -> bool:
        """True when the lift rewrote anything."""
        return bool(self.changes)


def lift(text: str, *, path: str | None = None, parsed: tuple | None = None) -> Lifted:
    """Lift ``text`` (a decoded source file) to Python 3 syntax.

    ``path`` is only used to name the file in parser messages. ``parsed``: what
    ``detect.parse_python3(text)`` already answered, when the caller asked it first.  Raises
    :class:`~migrator.findings.MigratorError` when the text is neither Python 2.7 nor
    Python 3, or (should a construct be missed) when the lifted text still does not parse.
    """
    filename = path or "<lift>"
    bom = text.startswith(_BOM)
    body = text[1:] if bom else text
    if parsed is not None and not bom:
        py3_tree, py3_error = parsed
    else:
        py3_tree, py3_error = detect.parse_python3(body, filename)
    if py3_tree is not None:
        if not detect.reads_as_python2(body, py3_tree):
            return Lifted(text, tree=py3_tree)
        try:
            lifted = _lift_python2(body, None, filename)
        except MigratorError:
            return Lifted(text, tree=py3_tree)  # it is Python 3 after all, if an odd one
    else:
        lifted = _lift_python2(body, py3_error, filename)
    if bom:
        lifted.text = _BOM + lifted.text
    return lifted


def _lift_python2(text: str, py3_error: SyntaxError | None, filename: str) -> Lifted:
    """Parse ``text`` as Python 2, rewrite the tree, turn it back into text and check it."""
    from migrator.lift import grammar, indent, rewrite
    from migrator.lift.tree import Context

    features = grammar.future_features(text)
    print_statement = "print_function" not in features
    added_newline = not text.endswith("\n")
    source = text + "\n" if added_newline else text
    try:
        tree = grammar.parse_python2(source, print_statement=print_statement)
    except grammar.Python2SyntaxError as exc:
        raise _neither(exc, py3_error) from None
    found, names = rewrite.collect(tree)
    ctx = Context(
        print_statement=print_statement,
        unicode_literals="unicode_literals" in features,
        newline="\r\n" if "\r\n" in text else "\n",
        names=names | {n + "_" for n in ("async", "await")},
    )
    if "\t" in text and indent.TAB_INDENT.search(text):
        indent.fix_indentation(tree, ctx)
    rewrite.apply(found, ctx)
    new_text = str(tree)
    if added_newline and new_text.endswith("\n"):
        new_text = new_text[:-1]
    ctx.changes.sort()
    line_map = _line_map(text, new_text, ctx.insertions) if ctx.insertions else None
    tree, error = detect.parse_python3(new_text, filename)
    lifted = Lifted(new_text, ctx.changes, line_map, tree)
    if error is not None:
        line = lifted.original_line(error.lineno or 0)
        message = (
            f"lifted text is still not Python 3: {error.msg} (original line {line})"
        )
        raise MigratorError(message, line, error.offset or 0)
    return lifted


def _neither(
    exc: "grammar.Python2SyntaxError", py3_error: SyntaxError | None  # noqa: F821
) -> MigratorError:
    """The error for a text that is neither Python 2 nor Python 3.

    The parser that got further into the file is more likely reading the language it is
    written in, so its position is reported; but when Python 2 only noticed at the end
    (an unclosed bracket or string), Python 3's position of the opening is more useful.
    """
    line, col, detail = exc.line, exc.col, f"Python 2: {exc.message} at line {exc.line}"
    if py3_error is not None:
        py3_line = py3_error.lineno or 0
        detail += f"; Python 3: {py3_error.msg} at line {py3_line}"
        if py3_line > line or (exc.at_end and py3_line):
            line, col = py3_line, py3_error.offset or 0
    return MigratorError(f"invalid syntax (not Python 2 or 3): {detail}", line, col)


def _line_map(old: str, new: str, insertions: list[tuple[int, int, int]]) -> list[int]:
    """New line -> original line, given the lines inserted after original lines."""
    after: dict[int, list[int]] = {}
    for after_line, count, source_line in insertions:
        after.setdefault(after_line, []).extend([source_line] * count)
    old_lines = old.count("\n") + (0 if old.endswith("\n") else 1)
    new_lines = new.count("\n") + (0 if new.endswith("\n") else 1)
    line_map = [0]
    line_map.extend(after.get(0, ()))
    for line in range(1, old_lines + 1):
        line_map.append(line)
        line_map.extend(after.get(line, ()))
    # A rewrite that moved lines around unexpectedly must not break callers: pad or trim.
    while len(line_map) <= new_lines:
        line_map.append(line_map[-1])
    del line_map[new_lines + 1 :]
    return line_map
