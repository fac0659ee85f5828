"""Classic division: ``/`` of two ints becomes ``//``; every other ``/`` is reported.

What it does
    In a module without ``from __future__ import division``, ``a / b`` (and ``a /= b``)
    where both operands are certainly integers — int literals, ``len()``, ``int()``,
    ``ord()``, arithmetic on such values, loop counters over ``range``/``xrange``/
    ``enumerate``, local variables assigned only such values — becomes ``a // b``. Where an
    operand is certainly a float (a float literal, ``float()``, ``math.*``, ``time.time()``)
    nothing changes. Every other ``/`` gets a "needs review" finding (PY220).

Why
    Python 2's ``/`` floors when both operands are ints (``7 / 2 == 3``); Python 3's
    ``/`` always returns a float (``3.5``) — silently different numbers, indices that are
    floats (``TypeError: list indices must be integers``), ``range(n / 2)`` failing.

When it is unsafe
    It is not: only certain ints are rewritten. The findings are the part a person must
    decide (``//`` when the operands are ints at run time, ``/`` otherwise).
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._flow import Flow, code
from codemods.py2._types import Types


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ClassicDivision(Codemod):
    ID = "PY220"
    NAME = "classic-division"
    DESCRIPTION = "int / int → int // int; other / reported (classic division)"
    TRIGGERS = frozenset({"/"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example("half = len(items) / 2\n", "half = len(items) // 2\n"),
        Example(
            """
            total = 0
            for i in range(10):
                total += i
            mean = total / 10
            """,
            """
            total = 0
            for i in range(10):
                total += i
            mean = total // 10
            """,
        ),
        Example("n = int(s)\nn /= 2\n", "n = int(s)\nn //= 2\n"),
        Example("pages = (count + 9) / 10\n", "pages = (count + 9) / 10\n", review=("PY220",)),
        Example("ratio = done / 3.0\nrate = float(done) / total\n"),
        Example(
            """
            def mean(values):
                return sum(values) / len(values)
            """,
            review=("PY220",),
        ),
        Example("from __future__ import division\nhalf = n / 2\n"),
        Example("x = 7 / 2\n", "x = 7 // 2\n"),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._future = False
        self._flow = None
        self._types = None

    def prepare(self, module: cst.Module) -> None:
        for stmt in module.body:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.ImportFrom) and isinstance(small.module, cst.Name) and small.module.value == "__future__":
                        if not isinstance(small.names, cst.ImportStar) and any(
                            isinstance(a.name, cst.Name) and a.name.value == "division" for a in small.names
                        ):
                            self._future = True

    @property
    def types(self) -> Types:
        if self._types is None:
            self._flow = Flow(self)
            self._types = Types(self, self._flow)
        return self._types

    def _verdict(self, left, right) -> str:
        lt, rt = self.types.of(left), self.types.of(right)
        if lt in ("float", "complex") or rt in ("float", "complex"):
            return "true"
        if lt in ("int", "bool") and rt in ("int", "bool"):
            return "floor"
        return "unknown"

    def leave_BinaryOperation(self, original_node: cst.BinaryOperation, updated_node: cst.BinaryOperation) -> cst.BaseExpression:
        if self._future or not isinstance(original_node.operator, cst.Divide):
            return updated_node
        verdict = self._verdict(original_node.left, original_node.right)
        if verdict == "floor":
            op = original_node.operator
            self.changed(original_node, "int / int → int // int (classic division)")
            return updated_node.with_changes(
                operator=cst.FloorDivide(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)
            )
        if verdict == "unknown":
            self.review(
                original_node,
                f"classic division: `{_short(code(original_node))}` floors when both are ints in Python 2",
            )
        return updated_node

    def leave_AugAssign(self, original_node: cst.AugAssign, updated_node: cst.AugAssign) -> cst.AugAssign:
        if self._future or not isinstance(original_node.operator, cst.DivideAssign):
            return updated_node
        verdict = self._verdict(original_node.target, original_node.value)
        if verdict == "floor":
            op = original_node.operator
            self.changed(original_node, "int /= int → int //= int (classic division)")
            return updated_node.with_changes(
                operator=cst.FloorDivideAssign(whitespace_before=op.whitespace_before, whitespace_after=op.whitespace_after)
            )
        if verdict == "unknown":
            text = f"{code(original_node.target)} /= {code(original_node.value)}"
            self.review(original_node, f"classic division: `{_short(text)}` floors when both are ints in Python 2")
        return updated_node
