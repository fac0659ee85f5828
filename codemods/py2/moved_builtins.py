"""Import the Python 2 builtins that Python 3 moved into modules.

What it does
    ``reduce`` comes from ``functools``, ``intern`` from ``sys`` and ``reload`` from
    ``importlib``: where the free builtin is used, ``from functools import reduce`` (etc.)
    is added and the uses stay as they are. ``coerce`` has no replacement: a review.

Why
    The names raise NameError on Python 3.

When it is unsafe
    ``importlib.reload`` takes a module object, like Python 2 ``reload``; it does not reset
    names removed from the module source (neither did ``reload``). ``coerce(a, b)`` existed for
    classic numeric coercion; decide by hand (usually the call can go).
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._syntax import is_free_builtin

MOVED = {"reduce": "functools", "intern": "sys", "reload": "importlib"}


class MovedBuiltins(Codemod):
    ID = "PY106"
    NAME = "moved-builtins"
    DESCRIPTION = "Python 2 builtin imported from its Python 3 module"
    TRIGGERS = frozenset(MOVED) | {"coerce"}
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example(
            "total = reduce(lambda a, b: a + b, xs, 0)\n",
            "from functools import reduce\n\ntotal = reduce(lambda a, b: a + b, xs, 0)\n",
        ),
        Example(
            '''
            """Doc."""
            import os
            key = intern(os.sep)
            reload(os)
            ''',
            '''
            """Doc."""
            import os
            from importlib import reload
            from sys import intern

            key = intern(os.sep)
            reload(os)
            ''',
        ),
        Example("from functools import reduce\ntotal = reduce(f, xs)\n"),
        Example(
            """
            def reduce(f, xs):
                return f(xs)
            total = reduce(f, xs)
            """
        ),
        Example("a, b = coerce(1, 2.0)\n", review=("PY106",)),
    )

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        name = original_node.value
        if name in MOVED and is_free_builtin(self, original_node):
            self.add_import(MOVED[name], name)
            self.changed(original_node, f"{name} imported from {MOVED[name]}")
        elif name == "coerce" and is_free_builtin(self, original_node):
            self.review(original_node, "coerce() is gone in Python 3: drop the call or convert the operands explicitly")
        return updated_node
