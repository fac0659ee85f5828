"""Report ``round()``: Python 3 rounds half to even and returns an int.

What it does
    Nothing is rewritten; every call of the builtin ``round`` gets a PY233 finding.

Why
    Python 2's ``round(2.5)`` is ``3.0`` (half away from zero, always a float); Python
    3's is ``2`` (half to even, an int without ``ndigits``). Printed values, ``%d``/``%s``
    formatting and tie-breaking all change. Which one the code needs is not decidable
    from the code: ``int(math.floor(x + 0.5))`` keeps Python 2's rule for positives,
    ``decimal`` with ``ROUND_HALF_UP`` in general.

When it is unsafe
    It is a report.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import QualifiedNameProvider

from codemods.base import Codemod, Example
from codemods.names import is_builtin


class RoundBuiltin(Codemod):
    ID = "PY233"
    NAME = "round"
    DESCRIPTION = "report round(): half-to-even and int result in Python 3"
    TRIGGERS = frozenset({"round"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)
    EXAMPLES = (
        Example("pct = round(done * 100.0 / total)\n", review=("PY233",)),
        Example("x = round(price, 2)\n", review=("PY233",)),
        Example(
            """
            def round(x):
                return x
            y = round(2.5)
            """
        ),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if is_builtin(self, original_node.func, "round"):
            self.review(
                original_node,
                "round() rounds half to even in Python 3 and returns an int without ndigits "
                "(Python 2: half away from zero, always a float)",
            )
        return updated_node
