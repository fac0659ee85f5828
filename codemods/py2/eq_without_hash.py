"""Report classes that define ``__eq__`` but not ``__hash__``.

What it does
    Nothing is rewritten; a new-style class (a class with bases, or in a module with
    ``__metaclass__``) that defines ``__eq__`` and neither defines ``__hash__`` nor
    ``__cmp__`` (PY212 handles those) gets a PY231 finding.

Why
    Python 2 kept such instances hashable by identity; Python 3 sets ``__hash__`` to None
    when a class defines ``__eq__``, so putting instances in a set or using them as dict
    keys raises ``TypeError: unhashable type``. Whether to add ``__hash__ =
    object.__hash__`` (Python 2's behaviour) or a value-based hash is a design decision.

When it is unsafe
    It is a report. Python 2 classic classes (no bases) were unhashable already and are
    not reported.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2 import _classes as C


class EqWithoutHash(Codemod):
    ID = "PY231"
    NAME = "eq-without-hash"
    DESCRIPTION = "report __eq__ without __hash__ (unhashable in Python 3)"
    TRIGGERS = frozenset({"__eq__"})
    EXAMPLES = (
        Example(
            """
            class Host(object):
                def __eq__(self, other):
                    return self.name == other.name
            """,
            review=("PY231",),
        ),
        Example(
            """
            class Host(object):
                def __eq__(self, other):
                    return self.name == other.name
                def __hash__(self):
                    return hash(self.name)
            """
        ),
        Example(
            """
            class Classic:
                def __eq__(self, other):
                    return True
            """
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        self._classes = C.module_classes(module)
        self._new_style_module = C.module_metaclass(module)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        own = C.members(original_node)
        if "__eq__" not in own or "__hash__" in own or "__cmp__" in own:
            return updated_node
        if C.is_old_style(original_node, getattr(self, "_classes", {}), getattr(self, "_new_style_module", False)):
            return updated_node
        self.review(
            original_node,
            f"class {original_node.name.value} defines __eq__ without __hash__: its instances are unhashable in "
            "Python 3 (Python 2 hashed them by identity)",
        )
        return updated_node
