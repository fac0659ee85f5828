"""Rename the Python 2 builtins that Python 3 kept under another name.

What it does
    ``unicode`` → ``str``, ``unichr`` → ``chr``, ``long`` → ``int``, ``raw_input`` → ``input``,
    ``StandardError`` → ``Exception``, ``buffer`` → ``memoryview`` (``buffer(b, i)`` →
    ``memoryview(b)[i:]``, ``buffer(b, i, n)`` → ``memoryview(b)[i:i + n]``). Only free
    names that nothing in the file binds are renamed: a parameter, variable, import or
    compatibility shim (``unicode = str``) called ``unicode`` stays as it is. ``u''``
    prefixes are kept; they are valid Python 3.

Why
    The old names raise NameError on Python 3.

When it is unsafe
    ``unicode(b)`` of a byte string decoded it (ASCII); ``str(b)`` of bytes gives ``"b'...'"``:
    where bytes reach it, use ``b.decode()``. ``memoryview`` needs a bytes-like object, not
    text (review). Duplicates such as ``isinstance(x, (int, long))`` → ``(int, int)`` are
    folded by PY116.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._syntax import is_free_builtin, paren, positional, receiver

RENAMES = {
    "unicode": "str",
    "unichr": "chr",
    "long": "int",
    "raw_input": "input",
    "StandardError": "Exception",
    "buffer": "memoryview",
}


class RenamedBuiltins(Codemod):
    ID = "PY105"
    NAME = "renamed-builtins"
    DESCRIPTION = "Python 2 builtin renamed"
    TRIGGERS = frozenset(RENAMES)
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example("s = unicode(x)\nc = unichr(65)\n", "s = str(x)\nc = chr(65)\n"),
        Example("n = long(x) + 10\nok = isinstance(n, (int, long))\n", "n = int(x) + 10\nok = isinstance(n, (int, int))\n"),
        Example("name = raw_input('name? ')\n", "name = input('name? ')\n"),
        Example(
            """
            try:
                go()
            except StandardError as e:
                pass
            """,
            """
            try:
                go()
            except Exception as e:
                pass
            """,
        ),
        Example("s = u'caf\\xe9'.encode('utf-8')\n"),
        Example(
            "v = buffer(data, 4, size)\n",
            "v = memoryview(data)[4:4 + size]\n",
            review=("PY105",),
        ),
        # bound names are not the builtins
        Example(
            """
            try:
                unicode
            except NameError:
                unicode = str
            s = unicode(x)
            """
        ),
        Example(
            """
            def f(long, unicode=None):
                return long, unicode
            """
        ),
        Example("from six import text_type as unicode\ns = unicode(x)\n"),
        Example("obj.unicode(x).long\n"),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not (isinstance(func, cst.Name) and func.value == "buffer" and is_free_builtin(self, func)):
            return updated_node
        args = positional(updated_node)
        self.review(original_node, "buffer → memoryview: the argument must be bytes-like (bytes, bytearray), not str")
        if args is None or len(args) == 1 or len(args) > 3:
            return updated_node
        view = cst.Call(func=cst.Name("memoryview"), args=[cst.Arg(args[0])])
        start = args[1]
        if len(args) == 2:
            upper = None
        else:
            upper = cst.BinaryOperation(
                left=receiver(start) if isinstance(start, cst.BinaryOperation) else start,
                operator=cst.Add(),
                right=paren(args[2]) if isinstance(args[2], (cst.BinaryOperation, cst.IfExp, cst.Lambda)) else args[2],
            )
        slice_ = cst.Slice(lower=start, upper=upper)
        return cst.Subscript(value=view, slice=[cst.SubscriptElement(slice_)])

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        new = RENAMES.get(original_node.value)
        if new is not None and is_free_builtin(self, original_node):
            self.changed(original_node, f"{original_node.value} → {new}")
            return updated_node.with_changes(value=new)
        return updated_node


