"""``__nonzero__`` → ``__bool__``.

What it does
    In a class that defines ``__nonzero__`` (a method or ``__nonzero__ = ...``) and no
    ``__bool__``, the name becomes ``__bool__``; if ``__nonzero__`` is used elsewhere in
    the module (``Base.__nonzero__(self)``, ``x.__nonzero__()``) an alias
    ``__nonzero__ = __bool__`` is kept.

Why
    Python 3 never calls ``__nonzero__``: every instance becomes true (or falls back to
    ``__len__``).

When it is unsafe
    Direct calls of ``obj.__nonzero__()`` in other modules break unless the alias was
    added.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2._dunder_rename import RenameMixin


class NonzeroDunder(RenameMixin, Codemod):
    ID = "PY216"
    NAME = "nonzero-dunder"
    DESCRIPTION = "__nonzero__ → __bool__"
    TRIGGERS = frozenset({"__nonzero__"})
    RENAMES = {"__nonzero__": "__bool__"}
    EXAMPLES = (
        Example(
            """
            class Pool(object):
                def __nonzero__(self):
                    return bool(self.members)
            """,
            """
            class Pool(object):
                def __bool__(self):
                    return bool(self.members)
            """,
        ),
        Example(
            """
            class Empty(object):
                __nonzero__ = lambda self: False
            """,
            """
            class Empty(object):
                __bool__ = lambda self: False
            """,
        ),
        Example(
            """
            class Base(object):
                def __nonzero__(self):
                    return True
            class Child(Base):
                def __nonzero__(self):
                    return Base.__nonzero__(self) and self.ok
            """,
            """
            class Base(object):
                def __bool__(self):
                    return True
                __nonzero__ = __bool__
            class Child(Base):
                def __bool__(self):
                    return Base.__nonzero__(self) and self.ok
                __nonzero__ = __bool__
            """,
        ),
        Example(
            """
            class Compat(object):
                def __bool__(self):
                    return True
                __nonzero__ = __bool__
            """
        ),
    )

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        return self.rename_in(original_node, updated_node)
