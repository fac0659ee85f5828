"""``xrange()`` → ``range()``; ``range()`` wrapped in ``list()`` where a list is needed.

What it does
    ``xrange(...)`` becomes ``range(...)`` (Python 3's ``range`` does everything ``xrange``
    did) — spelled ``builtins.range(...)`` where a Python 2 ``range()`` would get
    ``list()`` (returned, stored at module level…), so that a second run leaves it lazy. A Python 2 ``range(...)`` — a list — becomes ``list(range(...))`` only where a
    ``range`` object would differ: concatenated (``range(3) + [5]``), given list methods
    (``append``, ``remove``, ``sort``…), sliced, compared, printed, returned, stored in an
    attribute or container, or passed to an unknown function or one that mutates it
    (``random.shuffle``). Iteration, ``len()``, indexing, ``in``, ``reversed()``,
    ``.index()``/``.count()`` keep the ``range`` object.

Why
    ``xrange`` does not exist in Python 3; ``range`` no longer returns a list.

When it is unsafe
    A ``range`` passed to a function of this or another module that mutates it is wrapped
    (safe); one stored in a local variable is followed through that variable only.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Example
from codemods.py2._listwrap import ListWrapCodemod, LIST, shadowed, wrap


class RangeBuiltin(ListWrapCodemod):
    ID = "PY206"
    NAME = "range"
    DESCRIPTION = "xrange() → range(); range() wrapped in list() where a list is needed"
    TRIGGERS = frozenset({"range", "xrange"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            """
            for i in xrange(10):
                print(i)
            """,
            """
            for i in range(10):
                print(i)
            """,
        ),
        Example("ports = range(3) + [5]\n", "ports = list(range(3)) + [5]\n"),
        Example(
            """
            order = range(5)
            order.reverse()
            """,
            """
            order = list(range(5))
            order.reverse()
            """,
        ),
        Example("print(range(3))\n", "print(list(range(3)))\n"),
        Example("import random\nrandom.shuffle(range(9))\n", "import random\nrandom.shuffle(list(range(9)))\n"),
        Example("evens = range(0, 10, 2)[1:]\n", "evens = list(range(0, 10, 2))[1:]\n"),
        Example("n = len(xrange(3))\n", "n = len(range(3))\n"),
        Example(
            """
            def indexes(n):
                return xrange(n)
            """,
            """
            import builtins

            def indexes(n):
                return builtins.range(n)
            """,
        ),
        # stays
        Example(
            """
            for i in range(len(items)):
                print(items[i])
            """
        ),
        Example(
            """
            def pick(xs):
                idx = range(10)
                return xs[idx[2]] if 3 in idx else None
            """
        ),
        Example(
            """
            def range(n):
                return [n]
            range(3) + [1]
            """
        ),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not (isinstance(func, cst.Name) and func.value in ("range", "xrange")):
            return updated_node
        flow = self.decider.flow
        if not flow.is_builtin_name(func, func.value):
            return updated_node
        if func.value == "xrange":
            if shadowed(flow, original_node, "range"):
                self.review(original_node, "xrange() needs to become range() but `range` is rebound here")
                return updated_node
            if self.decider.range_(original_node).action == LIST:
                # where a Python 2 range() would get list() (returned, stored at module
                # level...), a later run must not mistake this lazy object for one
                self.add_import("builtins")
                self.changed(original_node, "xrange() → builtins.range() (a range object, as xrange was)")
                return updated_node.with_changes(func=cst.Attribute(cst.Name("builtins"), cst.Name("range")))
            self.changed(original_node, "xrange() → range()")
            return updated_node.with_changes(func=cst.Name("range"))
        decision = self.decider.range_(original_node)
        if decision.action != LIST:
            return updated_node
        if shadowed(flow, original_node, "list"):
            self.review(original_node, f"range() needs list() ({decision.reason}) but `list` is rebound here")
            return updated_node
        self.changed(original_node, f"range() wrapped in list(): {decision.reason}")
        return wrap("list", updated_node)
