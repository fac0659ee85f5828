"""Where nodes start, for findings: one code-generation pass that tracks only starts.

libcst's ``PositionProvider`` computes a full start/end range for every node of the tree
through a generator-based context manager per node; findings need the start line and
column of a few nodes. :func:`starts` makes the same pass with a lighter state and gives
exactly the start ``PositionProvider`` would give (the syntactic start: leading
whitespace and comments excluded), as ``(line, column)`` with the column 0-based.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata.position_provider import NEWLINE_RE

from migrator.findings import Finding


@dataclass
class _StartState(CodegenState):
    line: int = 1
    column: int = 0
    starts: dict = field(default_factory=dict)  # node -> (line, column), syntactic
    _open: list = field(default_factory=list)  # pending record_syntactic_position calls
    _stack: list = field(default_factory=list)  # positions at before_codegen

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        if "\n" in value or "\r" in value:
            segments = NEWLINE_RE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._stack.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self._stack.pop()
        if node not in self.starts:  # no syntactic start recorded: whitespace-inclusive
            self.starts[node] = start

    # ``with state.record_syntactic_position(node, start_node=...)``: the state is its own
    # context manager (no generator per node)
    def record_syntactic_position(self, node, *, start_node=None, end_node=None):
        self._open.append((node, start_node, (self.line, self.column)))
        return self

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc) -> None:
        node, start_node, start = self._open.pop()
        if start_node is not None and start_node in self.starts:
            start = self.starts[start_node]
        self.starts[node] = start


def starts(module: cst.Module) -> dict:
    """``node -> (line, column)`` (1-based line, 0-based column) for every node of ``module``."""
    state = _StartState(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    return state.starts


def place(module: cst.Module, pending) -> list[Finding]:
    """Findings for ``pending`` ``(node, code, message, kind)`` recorded by the codemods or
    rules against ``module``: one :func:`starts` pass for all of them (line 0 for a node
    not in ``module``)."""
    if not pending:
        return []
    where = starts(module)
    out = []
    for node, code, message, kind in pending:
        line, column = where.get(node, (0, -1))
        out.append(Finding(line=line, col=column + 1, code=code, message=message, kind=kind))
    return out
