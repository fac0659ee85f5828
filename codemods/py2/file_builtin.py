"""Replace the Python 2 ``file`` builtin.

What it does
    ``file(path, mode)`` → ``open(path, mode)``; ``isinstance(x, file)`` →
    ``isinstance(x, io.IOBase)`` (``import io`` is added). Only the builtin changes: a
    variable, parameter or attribute called ``file`` (very common) is never touched.

Why
    ``file`` does not exist in Python 3 (NameError); ``open`` is the way to open files and
    ``io.IOBase`` the base class of file objects.

When it is unsafe
    A class deriving from ``file`` or other uses of the type (``file.write(f, s)``) have no
    one-to-one replacement: review. Files opened in text mode now return ``str`` decoded
    with the locale encoding; binary data needs ``'rb'``/``'wb'``.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._syntax import expr, free_module, is_free_builtin


class FileBuiltin(Codemod):
    ID = "PY110"
    NAME = "file-builtin"
    DESCRIPTION = "file builtin → open / io.IOBase"
    TRIGGERS = frozenset({"file"})
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example("f = file('/etc/hosts')\ndata = file(p, 'rb').read()\n",
                "f = open('/etc/hosts')\ndata = open(p, 'rb').read()\n"),
        Example("ok = isinstance(f, file)\n", "import io\n\nok = isinstance(f, io.IOBase)\n"),
        Example("ok = isinstance(f, (file, str))\n", "import io\n\nok = isinstance(f, (io.IOBase, str))\n"),
        Example(
            """
            def read(file):
                return file.read()
            for file in files:
                print(file)
            """
        ),
        Example("args.file.close()\nopen(file=p)\n"),
        Example(
            """
            class Log(file):
                pass
            """,
            review=("PY110",),
        ),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._type_positions: set[int] = set()
        self._calls: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Name):
            if func.value == "file":
                self._calls.add(id(func))
            elif func.value in ("isinstance", "issubclass") and len(node.args) == 2:
                types = node.args[1].value
                elements = [e.value for e in types.elements] if isinstance(types, cst.Tuple) else [types]
                self._type_positions.update(id(e) for e in elements)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if original_node.value != "file" or not is_free_builtin(self, original_node):
            return updated_node
        if id(original_node) in self._calls:
            self.changed(original_node, "file(...) → open(...)")
            return updated_node.with_changes(value="open")
        if id(original_node) in self._type_positions and free_module(self, original_node, "io"):
            self.changed(original_node, "file type → io.IOBase")
            self.add_import("io")
            return expr("io.IOBase")
        self.review(original_node, "the file type is gone: use open() to open files, io.IOBase as the type")
        return updated_node
