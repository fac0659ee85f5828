"""``__getslice__``/``__setslice__``/``__delslice__`` → slice handling in ``__getitem__``/….

What it does
    Python 2 called ``obj.__getslice__(i, j)`` for ``obj[i:j]`` (no step), passing ``0``
    for an omitted start, ``sys.maxsize`` for an omitted end, and adding ``len(obj)`` to a
    negative bound when the class has a ``__len__``. For a class defining
    ``__getslice__``, ``__getitem__`` (created if missing, delegating other keys to the
    base class) now starts with a branch that does exactly that for a step-less slice
    object and calls ``__getslice__``, which is kept. Likewise ``__setslice__`` through
    ``__setitem__`` and ``__delslice__`` through ``__delitem__``. Calls of the builtin
    types' slice methods (``list.__getslice__(self, i, j)``,
    ``super(C, self).__getslice__(i, j)``) become ``__getitem__(slice(i, j))``.

Why
    Python 3 never calls the ``*slice__`` methods: ``obj[i:j]`` reaches ``__getitem__``
    with a ``slice`` object, which code written for integer keys mishandles.

When it is unsafe
    Python 2 sent non-integer slice bounds (``obj['a':'b']``) to ``__getitem__``; here
    they go to ``__getslice__``.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2 import _classes as C

_PAIRS = {
    "__getslice__": ("__getitem__", "index", ""),
    "__setslice__": ("__setitem__", "index, value", ", value"),
    "__delslice__": ("__delitem__", "index", ""),
}
_SEQUENCES = frozenset({"list", "tuple", "str", "unicode", "bytearray", "bytes", "UserList", "UserString", "basestring"})


def _names_in(node: cst.CSTNode) -> set[str]:
    found: set[str] = set()

    class _V(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            found.add(n.value)

    node.visit(_V())
    return found


class GetsliceDunder(Codemod):
    ID = "PY214"
    NAME = "getslice-dunder"
    DESCRIPTION = "__getslice__/__setslice__/__delslice__ served through __getitem__/__setitem__/__delitem__"
    TRIGGERS = frozenset({"__getslice__", "__setslice__", "__delslice__"})
    EXAMPLES = (
        Example(
            """
            class Rows(object):
                def __init__(self, rows):
                    self.rows = rows
                def __len__(self):
                    return len(self.rows)
                def __getitem__(self, i):
                    return self.rows[i]
                def __getslice__(self, i, j):
                    return Rows(self.rows[i:j])
            """,
            """
            import sys

            class Rows(object):
                def __init__(self, rows):
                    self.rows = rows
                def __len__(self):
                    return len(self.rows)
                def __getitem__(self, i):
                    if isinstance(i, slice) and i.step is None:  # Python 2 called __getslice__ for obj[i:j]
                        lo = 0 if i.start is None else i.start
                        hi = sys.maxsize if i.stop is None else i.stop
                        if lo < 0:
                            lo += len(self)
                        if hi < 0:
                            hi += len(self)
                        return self.__getslice__(lo, hi)
                    return self.rows[i]
                def __getslice__(self, i, j):
                    return Rows(self.rows[i:j])
            """,
        ),
        Example(
            """
            class Window(object):
                def __getslice__(self, i, j):
                    return (i, j)
            """,
            """
            import sys

            class Window(object):
                def __getslice__(self, i, j):
                    return (i, j)
                def __getitem__(self, index):
                    if isinstance(index, slice) and index.step is None:  # Python 2 called __getslice__ for obj[i:j]
                        lo = 0 if index.start is None else index.start
                        hi = sys.maxsize if index.stop is None else index.stop
                        return self.__getslice__(lo, hi)
                    return super().__getitem__(index)
            """,
        ),
        Example(
            """
            class Log(list):
                def __delslice__(self, i, j):
                    list.__delslice__(self, i, j)
            """,
            """
            import sys

            class Log(list):
                def __delslice__(self, i, j):
                    list.__delitem__(self, slice(i, j))
                def __delitem__(self, index):
                    if isinstance(index, slice) and index.step is None:  # Python 2 called __delslice__ for obj[i:j]
                        lo = 0 if index.start is None else index.start
                        hi = sys.maxsize if index.stop is None else index.stop
                        if lo < 0:
                            lo += len(self)
                        if hi < 0:
                            hi += len(self)
                        return self.__delslice__(lo, hi)
                    return super().__delitem__(index)
            """,
        ),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._classes: dict = {}
        self._class_stack: list = []

    def prepare(self, module: cst.Module) -> None:
        self._classes = C.module_classes(module)

    def _has_len(self, cls: cst.ClassDef) -> bool:
        if "__len__" in C.members(cls) or "__len__" in C.inherited(cls, self._classes):
            return True
        todo = [cls]
        seen = set()
        while todo:
            c = todo.pop()
            if id(c) in seen:
                continue
            seen.add(id(c))
            for b in C.base_names(c):
                if b in _SEQUENCES:
                    return True
                if b in self._classes:
                    todo.append(self._classes[b])
        return False

    def _branch(self, param: str, slice_method: str, extra: str, has_len: bool, taken: set[str]) -> list[cst.BaseStatement]:
        lo, hi = "lo", "hi"
        while lo in taken or hi in taken:
            lo, hi = "_" + lo, "_" + hi
        text = (
            f"if isinstance({param}, slice) and {param}.step is None:  # Python 2 called {slice_method} for obj[i:j]\n"
            f"    {lo} = 0 if {param}.start is None else {param}.start\n"
            f"    {hi} = sys.maxsize if {param}.stop is None else {param}.stop\n"
        )
        if has_len:
            text += f"    if {lo} < 0:\n        {lo} += len(self)\n    if {hi} < 0:\n        {hi} += len(self)\n"
        text += f"    return self.{slice_method}({lo}, {hi}{extra})\n"
        return C.statements(text)

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        if not isinstance(original_node.body, cst.IndentedBlock):
            return updated_node
        own = C.members(original_node)
        result = updated_node
        done = []
        for slice_method, (item_method, params, extra) in _PAIRS.items():
            if not isinstance(own.get(slice_method), cst.FunctionDef):
                continue
            has_len = self._has_len(original_node)
            existing = self._find(result, item_method)
            if existing is not None and slice_method in _names_in(existing):
                continue  # already serves the slice method (a previous run, or by hand)
            if existing is not None:
                ps = existing.params.params
                if len(ps) < (3 if extra else 2):
                    continue
                param = ps[1].name.value
                value = ps[2].name.value if extra else ""
                branch = self._branch(param, slice_method, f", {value}" if extra else "", has_len, _names_in(existing))
                result = self._prepend(result, existing, branch)
            else:
                text = f"def {item_method}(self, {params}):\n    pass\n"
                func = C.statements(text)[0]
                branch = self._branch("index", slice_method, extra, has_len, set())
                fallback = C.statements(f"return super().{item_method}({params})\n")
                func = func.with_changes(body=func.body.with_changes(body=branch + fallback))
                result = C.insert_after(result, slice_method, [func])
            done.append(f"{slice_method} served by {item_method}")
        if not done:
            return updated_node
        self.add_import("sys")
        self.changed(original_node, "; ".join(done))
        return result

    @staticmethod
    def _find(cls: cst.ClassDef, name: str) -> Optional[cst.FunctionDef]:
        for stmt in cls.body.body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == name:
                return stmt
        return None

    @staticmethod
    def _prepend(cls: cst.ClassDef, func: cst.FunctionDef, branch: list[cst.BaseStatement]) -> cst.ClassDef:
        body = func.body
        if isinstance(body, cst.SimpleStatementSuite):
            inner = [cst.SimpleStatementLine(body=list(body.body))]
            body = cst.IndentedBlock(body=inner)
        stmts = list(body.body)
        start = 0
        if stmts and isinstance(stmts[0], cst.SimpleStatementLine) and len(stmts[0].body) == 1:
            first = stmts[0].body[0]
            if isinstance(first, cst.Expr) and isinstance(first.value, (cst.SimpleString, cst.ConcatenatedString)):
                start = 1  # keep the docstring first
        stmts[start:start] = branch
        new_func = func.with_changes(body=body.with_changes(body=stmts))
        return cls.with_changes(
            body=cls.body.with_changes(body=[new_func if s is func else s for s in cls.body.body])
        )

    # -- calls of the builtin sequences' slice methods ---------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = updated_node.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _PAIRS:
            return updated_node
        item_method = _PAIRS[func.attr.value][0]
        base = func.value
        args = list(updated_node.args)
        if any(a.star or a.keyword for a in args):
            return updated_node
        if isinstance(base, cst.Name) and base.value in _SEQUENCES:
            offset = 1  # list.__getslice__(self, i, j)
        elif isinstance(base, cst.Call) and isinstance(base.func, cst.Name) and base.func.value == "super":
            offset = 0  # super(C, self).__getslice__(i, j)
        else:
            return updated_node
        need = 2 + (1 if func.attr.value == "__setslice__" else 0)
        if len(args) != offset + need:
            return updated_node
        i, j = args[offset].value, args[offset + 1].value
        sl = cst.Call(func=cst.Name("slice"), args=[cst.Arg(i, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), cst.Arg(j)])
        new_args = args[:offset] + [cst.Arg(sl)]
        if need == 3:
            new_args[-1] = new_args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            new_args.append(args[offset + 2].with_changes(comma=cst.MaybeSentinel.DEFAULT))
        else:
            new_args[-1] = new_args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        if offset:
            new_args[0] = new_args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        self.changed(original_node, f"{func.attr.value}(i, j) → {item_method}(slice(i, j))")
        return updated_node.with_changes(func=func.with_changes(attr=cst.Name(item_method)), args=new_args)
