"""Fold duplicate types in ``isinstance``/``issubclass`` tuples left by the renames.

What it does
    After ``long`` → ``int`` and ``unicode``/``basestring`` → ``str``,
    ``isinstance(x, (int, long))`` reads ``isinstance(x, (int, int))``: duplicates are
    dropped and a single type is unwrapped (``isinstance(x, int)``). Nested literal tuples
    (``((str,), int)``, left by ``types.StringTypes``) are flattened first.

Why
    The duplicates are harmless but look like a bug to the next reader, and linters flag them.

When it is unsafe
    Never: only plain names and dotted names are compared, and a tuple is only rewritten when
    something in it was duplicated or nested.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._syntax import code_of, full_name, is_free_builtin


def _flatten(elements, out: list, nested: list) -> None:
    for e in elements:
        if isinstance(e, cst.Element) and isinstance(e.value, cst.Tuple):
            nested.append(True)
            _flatten(e.value.elements, out, nested)
        else:
            out.append(e)


class IsinstanceDupes(Codemod):
    ID = "PY116"
    NAME = "isinstance-duplicates"
    DESCRIPTION = "duplicate types in isinstance() folded"
    TRIGGERS = frozenset({"isinstance", "issubclass"})
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example("ok = isinstance(x, (int, int))\n", "ok = isinstance(x, int)\n"),
        Example("ok = isinstance(x, (str, int, str, float))\n", "ok = isinstance(x, (str, int, float))\n"),
        Example("ok = issubclass(C, ((str,), bytes))\n", "ok = issubclass(C, (str, bytes))\n"),
        Example("ok = isinstance(x, (str,))\n"),
        Example("ok = isinstance(x, (a.T, b.T, a.T))\n", "ok = isinstance(x, (a.T, b.T))\n"),
        Example("ok = isinstance(x, (int, float))\n"),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if not (isinstance(func, cst.Name) and func.value in ("isinstance", "issubclass")):
            return updated_node
        if len(updated_node.args) != 2 or not is_free_builtin(self, func):
            return updated_node
        types = updated_node.args[1].value
        if not isinstance(types, cst.Tuple) or any(not isinstance(e, cst.Element) for e in types.elements):
            return updated_node
        flat: list = []
        nested: list = []
        _flatten(types.elements, flat, nested)
        seen: set = set()
        unique = []
        for e in flat:
            key = full_name(e.value) or code_of(e.value) + f"#{id(e)}"
            if key in seen:
                continue
            seen.add(key)
            unique.append(e)
        if len(unique) == len(flat) and not nested:
            return updated_node
        self.changed(original_node)
        if len(unique) == 1:
            new_types: cst.BaseExpression = unique[0].value
        else:
            elements = [
                e.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if i < len(unique) - 1
                               else cst.MaybeSentinel.DEFAULT)
                for i, e in enumerate(unique)
            ]
            new_types = types.with_changes(elements=elements)
        args = list(updated_node.args)
        args[1] = args[1].with_changes(value=new_types)
        return updated_node.with_changes(args=args)
