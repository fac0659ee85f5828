"""The catalogue of lift rewrites: one stable code and short name per construct.

Every rewrite the lift makes is reported as a :class:`~migrator.findings.Finding` whose
``code`` is one of the codes below and whose ``message`` starts with the short name, so a
report can be filtered either way.  Codes are never renumbered: new constructs get new
codes at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrator.findings import Finding, Kind


@dataclass(frozen=True)
class Rewrite:
    """One kind of lift rewrite."""

    code: str
    name: str
    summary: str

    def finding(self, line: int, col: int, detail: str | None = None) -> Finding:
        """A CHANGE finding for this rewrite at ``line``/``col`` (1-based, original text)."""
        message = f"{self.name}: {detail or self.summary}"
        return Finding(
            line=line, col=col, code=self.code, message=message, kind=Kind.CHANGE
        )


PRINT_STATEMENT = Rewrite(
    "L101", "print-statement", "print statement rewritten as a print() call"
)
PRINT_TUPLE = Rewrite(
    "L102",
    "print-tuple",
    "print of a parenthesized tuple keeps its Python 2 meaning (prints the tuple)",
)
EXEC_STATEMENT = Rewrite(
    "L103", "exec-statement", "exec statement rewritten as an exec() call"
)
BACKTICKS = Rewrite("L104", "backticks", "backticks rewritten as repr()")
NOT_EQUAL = Rewrite("L105", "not-equal", "'<>' rewritten as '!='")
OCTAL_LITERAL = Rewrite("L106", "octal-literal", "octal literal given the 0o prefix")
LONG_SUFFIX = Rewrite("L107", "long-suffix", "long integer suffix L removed")
UR_PREFIX = Rewrite(
    "L108", "ur-prefix", "ur'' string rewritten without the ur prefix, same value"
)
EXCEPT_COMMA = Rewrite(
    "L109", "except-comma", "'except E, e:' rewritten as 'except E as e:'"
)
EXCEPT_TUPLE_TARGET = Rewrite(
    "L110",
    "except-tuple-target",
    "except target that is not a plain name bound through a fresh name",
)
RAISE_COMMA = Rewrite("L111", "raise-comma", "'raise E, V' rewritten as 'raise E(V)'")
RAISE_TRACEBACK = Rewrite(
    "L112",
    "raise-traceback",
    "'raise E, V, T' rewritten as 'raise E(V).with_traceback(T)'",
)
TUPLE_PARAMETER = Rewrite(
    "L113",
    "tuple-parameter",
    "tuple parameter replaced by a name unpacked at the top of the body",
)
LAMBDA_TUPLE_PARAMETER = Rewrite(
    "L114",
    "lambda-tuple-parameter",
    "lambda tuple parameter replaced by a name unpacked in a one-item comprehension",
)
ASYNC_AWAIT_NAME = Rewrite(
    "L115", "async-await-name", "identifier 'async'/'await' renamed with a trailing _"
)
MIXED_INDENTATION = Rewrite(
    "L116",
    "mixed-indentation",
    "indentation mixing tabs and spaces re-indented (tab = next multiple of 8)",
)
STR_UNICODE_ESCAPE = Rewrite(
    "L117",
    "str-unicode-escape",
    "\\u, \\U or \\N in a Python 2 byte string is literal text: backslash doubled",
)
COMPREHENSION_TUPLE = Rewrite(
    "L118",
    "comprehension-tuple",
    "unparenthesized tuple after 'in' in a comprehension parenthesized",
)

ALL: tuple[Rewrite, ...] = (
    PRINT_STATEMENT,
    PRINT_TUPLE,
    EXEC_STATEMENT,
    BACKTICKS,
    NOT_EQUAL,
    OCTAL_LITERAL,
    LONG_SUFFIX,
    UR_PREFIX,
    EXCEPT_COMMA,
    EXCEPT_TUPLE_TARGET,
    RAISE_COMMA,
    RAISE_TRACEBACK,
    TUPLE_PARAMETER,
    LAMBDA_TUPLE_PARAMETER,
    ASYNC_AWAIT_NAME,
    MIXED_INDENTATION,
    STR_UNICODE_ESCAPE,
    COMPREHENSION_TUPLE,
)

BY_CODE: dict[str, Rewrite] = {r.code: r for r in ALL}
BY_NAME: dict[str, Rewrite] = {r.name: r for r in ALL}
