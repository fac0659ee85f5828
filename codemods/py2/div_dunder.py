"""``__div__``/``__idiv__``/``__rdiv__`` → ``__truediv__``/``__itruediv__``/``__rtruediv__``.

What it does
    In a class that defines ``__div__`` (or ``__idiv__``, ``__rdiv__``) but not the
    ``true`` counterpart, the method is renamed; if the old name is used anywhere in the
    module (``x.__div__(y)``, ``__rdiv__ = __div__``, ``Base.__div__(self, o)``) an alias
    ``__div__ = __truediv__`` keeps it working. ``__floordiv__`` is untouched.

Why
    Python 3's ``/`` calls ``__truediv__`` only; a class with just ``__div__`` raises
    ``TypeError: unsupported operand type(s) for /``.

When it is unsafe
    Code in other modules calling ``obj.__div__`` directly breaks unless the alias was
    added (it is added only when this module uses the name).
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2._dunder_rename import RenameMixin


class DivDunder(RenameMixin, Codemod):
    ID = "PY213"
    NAME = "div-dunder"
    DESCRIPTION = "__div__/__idiv__/__rdiv__ → __truediv__/__itruediv__/__rtruediv__"
    TRIGGERS = frozenset({"__div__", "__idiv__", "__rdiv__"})
    RENAMES = {"__div__": "__truediv__", "__idiv__": "__itruediv__", "__rdiv__": "__rtruediv__"}
    EXAMPLES = (
        Example(
            """
            class Money(object):
                def __div__(self, n):
                    return Money(self.cents // n)
            """,
            """
            class Money(object):
                def __truediv__(self, n):
                    return Money(self.cents // n)
            """,
        ),
        Example(
            """
            class Vec(object):
                def __div__(self, n):
                    return Vec(self.x / n)
                __rdiv__ = __div__
            """,
            """
            class Vec(object):
                def __truediv__(self, n):
                    return Vec(self.x / n)
                __div__ = __truediv__
                __rtruediv__ = __div__
            """,
        ),
        Example(
            """
            class Both(object):
                def __div__(self, n):
                    return 1
                __truediv__ = __div__
            """
        ),
    )

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        return self.rename_in(original_node, updated_node)
