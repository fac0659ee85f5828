"""Keep ``zip()`` calls behaving as they did in Python 2.

What it does
    ``zip(a, b)`` stays lazy where it is iterated once, right away (``for``, ``dict(zip(...))``,
    ``sorted``, unpacking …) and becomes ``list(zip(a, b))`` where a list is needed:
    ``zip(...)[0]``, ``len()``, truth value, concatenation, returned, stored and read twice,
    printed, passed to an unknown function, or walked while ``a``/``b`` are changed.

Why
    Python 3's ``zip`` returns a one-shot lazy iterator.

When it is unsafe
    Iterables changed through aliases while a lazy ``zip`` walks them are not seen.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Example
from codemods.py2._listwrap import ListWrapCodemod, LIST, shadowed, wrap


class ZipBuiltin(ListWrapCodemod):
    ID = "PY205"
    NAME = "zip"
    DESCRIPTION = "zip() wrapped in list() where a list is needed"
    TRIGGERS = frozenset({"zip"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example("first = zip(names, ages)[0]\n", "first = list(zip(names, ages))[0]\n"),
        Example("columns = zip(*rows)\nprint(columns)\n", "columns = list(zip(*rows))\nprint(columns)\n"),
        Example(
            """
            pairs = zip(a, b)
            for x, y in pairs:
                print(x)
            for x, y in pairs:
                print(y)
            """,
            """
            pairs = list(zip(a, b))
            for x, y in pairs:
                print(x)
            for x, y in pairs:
                print(y)
            """,
        ),
        Example(
            """
            for x, y in zip(xs, ys):
                xs.append(y)
            """,
            """
            for x, y in list(zip(xs, ys)):
                xs.append(y)
            """,
        ),
        # stays lazy
        Example("table = dict(zip(keys, values))\n"),
        Example(
            """
            for name, age in zip(names, ages):
                print(name, age)
            """
        ),
        Example("names, ages = zip(*people)\n"),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self.builtin_call(original_node, "zip"):
            return updated_node
        flow = self.decider.flow
        if any(a.keyword for a in original_node.args):
            return updated_node
        decision = self.decider.iterator(original_node)
        if decision.action != LIST:
            return updated_node
        if shadowed(flow, original_node, "list"):
            self.review(original_node, f"zip() needs list() ({decision.reason}) but `list` is rebound here")
            return updated_node
        self.changed(original_node, f"zip() wrapped in list(): {decision.reason}")
        return wrap("list", updated_node)
