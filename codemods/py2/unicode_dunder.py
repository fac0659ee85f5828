"""``__unicode__`` → ``__str__`` (the old byte-string ``__str__`` → ``__bytes__``).

What it does
    A class with ``__unicode__`` and no ``__str__``: ``__unicode__`` is renamed
    ``__str__``. A class with both: the text one wins — ``__unicode__`` becomes
    ``__str__`` and the old ``__str__`` (which returned a byte string in Python 2, usually
    ``unicode(self).encode('utf-8')``) becomes ``__bytes__``. When ``__unicode__`` is used
    elsewhere in the module (``self.__unicode__()``) an alias ``__unicode__ = __str__`` is
    kept.

Why
    Python 3 never calls ``__unicode__``; ``str(obj)`` would use the byte-string
    ``__str__`` (or the default repr) and lose the text.

When it is unsafe
    An old ``__str__`` that does not end in ``.encode(...)`` may return text, which
    ``bytes(obj)`` rejects: reported. A class whose body refers to ``__str__`` by name
    (``__repr__ = __str__``) is only reported.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2 import _classes as C


def _returns_encoded(func: cst.FunctionDef) -> bool:
    found = []

    class _V(cst.CSTVisitor):
        def visit_Return(self, node: cst.Return) -> None:
            v = node.value
            found.append(isinstance(v, cst.Call) and isinstance(v.func, cst.Attribute) and v.func.attr.value == "encode")

        def visit_FunctionDef(self, node) -> bool:
            return node is func

    func.visit(_V())
    return bool(found) and all(found)


def _class_uses_name(cls: cst.ClassDef, name: str) -> bool:
    """``name`` used as a bare name in the class body itself (``__repr__ = __str__``)."""
    found = False

    class _V(cst.CSTVisitor):
        def visit_FunctionDef(self, node) -> bool:
            return False

        def visit_AssignTarget(self, node) -> bool:
            return False

        def visit_Name(self, node: cst.Name) -> None:
            nonlocal found
            if node.value == name:
                found = True

    for stmt in cls.body.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            stmt.visit(_V())
    return found


class UnicodeDunder(Codemod):
    ID = "PY215"
    NAME = "unicode-dunder"
    DESCRIPTION = "__unicode__ → __str__ (old byte-string __str__ → __bytes__)"
    TRIGGERS = frozenset({"__unicode__"})
    EXAMPLES = (
        Example(
            """
            class Host(object):
                def __unicode__(self):
                    return u'host %s' % self.name
            """,
            """
            class Host(object):
                def __str__(self):
                    return u'host %s' % self.name
            """,
        ),
        Example(
            """
            class Host(object):
                def __unicode__(self):
                    return u'host'
                def __str__(self):
                    return self.__unicode__().encode('utf-8')
            """,
            """
            class Host(object):
                def __str__(self):
                    return u'host'
                __unicode__ = __str__
                def __bytes__(self):
                    return self.__unicode__().encode('utf-8')
            """,
        ),
        Example(
            """
            class Tag(object):
                def __str__(self):
                    return self.name
                def __unicode__(self):
                    return u'tag'
            """,
            """
            class Tag(object):
                def __bytes__(self):
                    return self.name
                def __str__(self):
                    return u'tag'
            """,
            review=("PY215",),
        ),
        Example(
            """
            class Odd(object):
                def __str__(self):
                    return 'x'
                __repr__ = __str__
                def __unicode__(self):
                    return u'x'
            """,
            review=("PY215",),
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        self._refs = C.referenced_names(module)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        if not isinstance(original_node.body, cst.IndentedBlock):
            return updated_node
        own = C.members(original_node)
        uni = own.get("__unicode__")
        if not isinstance(uni, cst.FunctionDef):
            return updated_node
        old_str = own.get("__str__")
        result = updated_node
        if old_str is not None:
            if not isinstance(old_str, cst.FunctionDef) or _class_uses_name(original_node, "__str__") or "__bytes__" in own:
                self.review(
                    original_node,
                    f"class {original_node.name.value} has __str__ and __unicode__: Python 3's __str__ must "
                    "return the text of __unicode__ (rename by hand: __str__ is referenced in the class body)",
                )
                return updated_node
            if not _returns_encoded(old_str):
                self.review(
                    old_str,
                    "the Python 2 __str__ is kept as __bytes__: check that it returns bytes",
                )
            result = C.rename_member(result, "__str__", "__bytes__")
        result = C.rename_member(result, "__unicode__", "__str__")
        if getattr(self, "_refs", {}).get("__unicode__", 0) > 0:
            result = C.insert_after(result, "__str__", [C.alias_statement("__unicode__", "__str__")])
        self.changed(original_node, "__unicode__ → __str__" + (", old __str__ → __bytes__" if old_str is not None else ""))
        return result
