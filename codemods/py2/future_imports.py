"""Remove ``from __future__`` imports that are no-ops in Python 3.

What it does
    ``nested_scopes``, ``generators``, ``with_statement``, ``absolute_import``,
    ``print_function``, ``unicode_literals`` and ``generator_stop`` are dropped from
    ``from __future__ import ...``; the statement goes when nothing is left. ``division`` is
    dropped only when the file has no ``/`` or ``/=`` left: while it has, the import is what
    tells a reader — and PY220, on every later run — that ``/`` there is true division.
    ``annotations`` (and anything unknown) stays.

Why
    These features are always on in Python 3; the imports are noise that also makes tools
    believe the file must still run on Python 2.

When it is unsafe
    When the file must keep running on Python 2: then do not run the py2 codemods at all.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2._index import index

NO_OPS = frozenset({
    "nested_scopes", "generators", "with_statement", "absolute_import", "print_function",
    "unicode_literals", "generator_stop",
})


class FutureImports(Codemod):
    ID = "PY114"
    NAME = "future-imports"
    DESCRIPTION = "no-op __future__ import removed"
    TRIGGERS = frozenset({"__future__"})
    EXAMPLES = (
        Example(
            '''
            """Doc."""
            from __future__ import print_function, unicode_literals
            import os
            ''',
            '''
            """Doc."""
            import os
            ''',
        ),
        Example(
            "from __future__ import absolute_import, annotations\n",
            "from __future__ import annotations\n",
        ),
        Example("from __future__ import division\nhalf = n / 2\n"),
        Example(
            "from __future__ import division, print_function\nhalf = n / 2\n",
            "from __future__ import division\nhalf = n / 2\n",
        ),
        Example("from __future__ import division\nhalf = n // 2\n", "half = n // 2\n"),
        Example("from __future__ import annotations\n"),
    )

    def prepare(self, module: cst.Module) -> None:
        self._divides = index(module).divides

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        module = original_node.module
        if not (isinstance(module, cst.Name) and module.value == "__future__") or original_node.relative:
            return updated_node
        if isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        keep = []
        for al in updated_node.names:
            name = al.name.value if isinstance(al.name, cst.Name) else ""
            if name in NO_OPS or (name == "division" and not self._divides):
                continue
            keep.append(al)
        if len(keep) == len(updated_node.names):
            return updated_node
        self.changed(original_node)
        if not keep:
            return cst.RemoveFromParent()
        keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=keep)
