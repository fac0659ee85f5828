"""Rewrite the Python 2 builtin ``basestring`` as ``str``.

What it does
    ``isinstance(x, basestring)`` becomes ``isinstance(x, str)``. Only the builtin is
    touched: a parameter, variable or import called ``basestring`` stays as it is.

Why
    ``basestring`` does not exist in Python 3 (NameError at run time). Text is ``str``.

When it is unsafe
    Code that also accepted byte strings through ``basestring`` now rejects ``bytes``;
    where bytes reach such a check, use ``(str, bytes)`` by hand.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._syntax import is_free_builtin


class Basestring(Codemod):
    ID = "PY104"
    NAME = "basestring"
    DESCRIPTION = "basestring → str"
    TRIGGERS = frozenset({"basestring"})
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example("isinstance(x, basestring)\n", "isinstance(x, str)\n"),
        Example("ok = isinstance(x, (basestring, int))  # keep\n", "ok = isinstance(x, (str, int))  # keep\n"),
        Example(
            """
            def f(basestring):
                return basestring
            """
        ),
        Example("from compat import basestring\nisinstance(x, basestring)\n"),
        Example("basestring = (str, bytes)\nisinstance(x, basestring)\n"),
        Example("ok = x.basestring or f(basestring=1)\n"),
    )

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if original_node.value == "basestring" and is_free_builtin(self, original_node):
            self.changed(original_node)
            return updated_node.with_changes(value="str")
        return updated_node
