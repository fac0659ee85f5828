"""Replace ``f.xreadlines()`` by the file itself.

What it does
    ``for line in f.xreadlines():`` → ``for line in f:``; any ``x.xreadlines()`` → ``x``;
    ``x.xreadlines`` without a call → ``x.__iter__``.

Why
    File objects lost ``xreadlines`` in Python 3 (AttributeError); a file iterates over its
    lines lazily by itself.

When it is unsafe
    A module that defines its own ``xreadlines`` method is left alone.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2._index import index


class Xreadlines(Codemod):
    ID = "PY122"
    NAME = "xreadlines"
    DESCRIPTION = "f.xreadlines() → f"
    TRIGGERS = frozenset({"xreadlines"})
    EXAMPLES = (
        Example("for line in f.xreadlines():\n    n += 1\nx = 0\n", "for line in f:\n    n += 1\nx = 0\n"),
        Example("it = open(p).xreadlines()\n", "it = open(p)\n"),
        Example("step = f.xreadlines\n", "step = f.__iter__\n"),
        Example(
            """
            class Feed(object):
                def xreadlines(self):
                    return []
            for x in feed.xreadlines():
                pass
            """
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        self._own = "xreadlines" in index(module).class_members()
        self._calls: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "xreadlines" and not node.args:
            self._calls.add(id(node.func))

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        if self._own or original_node.attr.value != "xreadlines" or id(original_node) in self._calls:
            return updated_node
        self.changed(original_node)
        return updated_node.with_changes(attr=cst.Name("__iter__"))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if self._own or id(original_node.func) not in self._calls:
            return updated_node
        self.changed(original_node)
        value = updated_node.func.value
        if updated_node.lpar and not getattr(value, "lpar", None):
            value = value.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        return value
