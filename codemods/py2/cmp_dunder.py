"""Classes with ``__cmp__`` get ``__eq__``/``__ne__``/``__lt__``/``__le__``/``__gt__``/``__ge__``.

What it does
    For a class defining ``__cmp__``, adds each rich comparison it (and its bases in this
    module) does not define, derived from ``__cmp__`` — ``__lt__`` returns
    ``self.__cmp__(other) < 0`` and so on — right after ``__cmp__``, which is kept for
    direct callers. If ``__cmp__`` can return ``NotImplemented`` that is passed on.
    Defining ``__eq__`` makes Python 3 set ``__hash__`` to None; Python 2 (new-style
    classes) kept hashing by identity, so ``__hash__ = object.__hash__`` is added (or
    ``def __hash__(self): return super().__hash__()`` when the class has other bases).
    A Python 2 classic class (no bases) with ``__cmp__`` was unhashable already: no
    ``__hash__`` is added. A class that defines ``__eq__`` itself but no ``__hash__`` gets
    a finding instead.

Why
    Python 3 never calls ``__cmp__``: ``==`` falls back to identity and ``<``/``sorted()``
    raise TypeError.

When it is unsafe
    A base class from another module that defines rich comparisons is not seen (Python 2
    would have used them before ``__cmp__``).
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2 import _classes as C
from codemods.py2._flow import code

_OPS = {"__eq__": "==", "__ne__": "!=", "__lt__": "<", "__le__": "<=", "__gt__": ">", "__ge__": ">="}


class CmpDunder(Codemod):
    ID = "PY212"
    NAME = "cmp-dunder"
    DESCRIPTION = "__cmp__ classes get rich comparisons (and keep their hash)"
    TRIGGERS = frozenset({"__cmp__"})
    EXAMPLES = (
        Example(
            """
            class Version(object):
                def __init__(self, n):
                    self.n = n

                def __cmp__(self, other):
                    return cmp(self.n, other.n)
            """,
            """
            class Version(object):
                def __init__(self, n):
                    self.n = n

                def __cmp__(self, other):
                    return cmp(self.n, other.n)

                def __eq__(self, other):
                    return self.__cmp__(other) == 0

                def __ne__(self, other):
                    return self.__cmp__(other) != 0

                def __lt__(self, other):
                    return self.__cmp__(other) < 0

                def __le__(self, other):
                    return self.__cmp__(other) <= 0

                def __gt__(self, other):
                    return self.__cmp__(other) > 0

                def __ge__(self, other):
                    return self.__cmp__(other) >= 0

                __hash__ = object.__hash__
            """,
        ),
        Example(
            """
            class Key:
                def __cmp__(self, other):
                    if not isinstance(other, Key):
                        return NotImplemented
                    return 0
                def __lt__(self, other):
                    return False
            """,
            """
            class Key:
                def __cmp__(self, other):
                    if not isinstance(other, Key):
                        return NotImplemented
                    return 0
                def __eq__(self, other):
                    c = self.__cmp__(other)
                    return c if c is NotImplemented else c == 0
                def __ne__(self, other):
                    c = self.__cmp__(other)
                    return c if c is NotImplemented else c != 0
                def __le__(self, other):
                    c = self.__cmp__(other)
                    return c if c is NotImplemented else c <= 0
                def __gt__(self, other):
                    c = self.__cmp__(other)
                    return c if c is NotImplemented else c > 0
                def __ge__(self, other):
                    c = self.__cmp__(other)
                    return c if c is NotImplemented else c >= 0
                def __lt__(self, other):
                    return False
            """,
        ),
        Example(
            """
            class Node(Base):
                def __cmp__(self, other):
                    return 0
                def __eq__(self, other):
                    return True
            """,
            """
            class Node(Base):
                def __cmp__(self, other):
                    return 0
                def __ne__(self, other):
                    return self.__cmp__(other) != 0
                def __lt__(self, other):
                    return self.__cmp__(other) < 0
                def __le__(self, other):
                    return self.__cmp__(other) <= 0
                def __gt__(self, other):
                    return self.__cmp__(other) > 0
                def __ge__(self, other):
                    return self.__cmp__(other) >= 0
                def __eq__(self, other):
                    return True
            """,
            review=("PY212",),
        ),
        Example(
            """
            class Plain(object):
                def compare(self, other):
                    return 0
            """
        ),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._classes: dict = {}
        self._new_style_module = False

    def prepare(self, module: cst.Module) -> None:
        self._classes = C.module_classes(module)
        self._new_style_module = C.module_metaclass(module)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        own = C.members(original_node)
        cmp_def = own.get("__cmp__")
        if not isinstance(cmp_def, cst.FunctionDef) or not isinstance(original_node.body, cst.IndentedBlock):
            return updated_node
        from_bases = C.inherited(original_node, self._classes)
        missing = [m for m in C.RICH if m not in own and m not in from_bases]
        passes_on = "NotImplemented" in code(cmp_def)
        new: list[cst.BaseStatement] = []
        for name in missing:
            op = _OPS[name]
            if passes_on:
                body = f"    c = self.__cmp__(other)\n    return c if c is NotImplemented else c {op} 0\n"
            else:
                body = f"    return self.__cmp__(other) {op} 0\n"
            stmt = C.statements(f"def {name}(self, other):\n{body}")[0]
            new.append(stmt)
        hash_note = ""
        if "__hash__" not in own:
            if "__eq__" in own:
                self.review(
                    original_node,
                    f"class {original_node.name.value} defines __eq__ without __hash__: its instances are "
                    "unhashable in Python 3 (add __hash__ if they go in sets or dict keys)",
                )
            elif "__eq__" in missing and not C.is_old_style(original_node, self._classes, self._new_style_module):
                if C.has_plain_bases(original_node):
                    stmt = C.statements("__hash__ = object.__hash__\n")[0]
                else:
                    stmt = C.statements("def __hash__(self):\n    return super().__hash__()\n")[0]
                new.append(stmt)
                hash_note = " (and __hash__, kept from Python 2)"
        if not new:
            return updated_node
        self.changed(original_node, f"rich comparisons derived from __cmp__ added{hash_note}")
        return C.insert_after(updated_node, "__cmp__", new)
