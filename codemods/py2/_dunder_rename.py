"""The shared engine of the rename-a-special-method codemods (PY213, PY216)."""
from __future__ import annotations

import libcst as cst

from codemods.py2 import _classes as C


class RenameMixin:
    """Subclasses set ``RENAMES = {old: new}``; call :meth:`rename_in` from ``leave_ClassDef``."""

    RENAMES: dict = {}

    def prepare(self, module: cst.Module) -> None:
        self._refs = C.referenced_names(module)

    def rename_in(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        if not isinstance(original_node.body, cst.IndentedBlock):
            return updated_node
        own = C.members(original_node)
        result = updated_node
        done = []
        for old, new in self.RENAMES.items():
            if old not in own or new in own:
                continue
            result = C.rename_member(result, old, new)
            # keep the old name for code that calls it (x.__div__(y), Base.__nonzero__(self), old = ...)
            if getattr(self, "_refs", {}).get(old, 0) > 0:
                result = C.insert_after(result, new, [C.alias_statement(old, new)])
            done.append(f"{old} → {new}")
        if done:
            self.changed(original_node, ", ".join(done))
        return result
