"""Replace the ``sys`` attributes Python 3 removed.

What it does
    ``sys.exc_type`` / ``sys.exc_value`` / ``sys.exc_traceback`` → ``sys.exc_info()[0]`` /
    ``[1]`` / ``[2]``; ``sys.exitfunc = f`` → ``atexit.register(f)`` (``import atexit``
    added); a statement ``sys.exc_clear()`` is removed. Found by qualified name
    (``import sys as s`` works too).

Why
    These attributes do not exist in Python 3: reading them raises AttributeError, and
    assigning ``sys.exitfunc`` silently does nothing any more — the exit handler never runs.

When it is unsafe
    ``atexit.register`` adds a handler where ``sys.exitfunc = f`` replaced the previous one:
    code that chained the old handler by hand (``old = sys.exitfunc``) gets a review.
    ``sys.exc_clear()`` used as an expression and ``sys.setdefaultencoding`` get a review.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Example
from codemods.py2._moves import Gone, Moves, Spec, To
from codemods.py2._syntax import expr, first_name, free_module

MODULES = {
    "sys": Spec(removed=False, attrs={
        "exc_type": To("sys", "{}.exc_info()[0]"),
        "exc_value": To("sys", "{}.exc_info()[1]"),
        "exc_traceback": To("sys", "{}.exc_info()[2]"),
        "exitfunc": Gone("sys.exitfunc is gone: register exit handlers with atexit.register"),
        "exc_clear": Gone("sys.exc_clear() is gone: the exception is cleared when the handler ends"),
        "setdefaultencoding": Gone("sys.setdefaultencoding is gone: text is str (Unicode) in Python 3; decode/encode at the edges"),
    }),
}


class SysAttributes(Moves):
    ID = "PY112"
    NAME = "sys-attributes"
    DESCRIPTION = "removed sys attribute replaced"
    MODULES = MODULES
    TRIGGERS = frozenset({"exc_type", "exc_value", "exc_traceback", "exitfunc", "exc_clear", "setdefaultencoding"})
    EXAMPLES = (
        Example(
            "import sys\nname = sys.exc_type.__name__\nlog(sys.exc_value, sys.exc_traceback)\n",
            "import sys\nname = sys.exc_info()[0].__name__\nlog(sys.exc_info()[1], sys.exc_info()[2])\n",
        ),
        Example("import sys as s\nv = s.exc_value\n", "import sys as s\nv = s.exc_info()[1]\n"),
        Example("import sys\nsys.exitfunc = cleanup\n", "import sys\nimport atexit\n\natexit.register(cleanup)\n"),
        Example(
            """
            import sys
            try:
                go()
            except Exception:
                sys.exc_clear()
            """,
            """
            import sys
            try:
                go()
            except Exception:
                pass
            """,
        ),
        Example("import sys\nold = getattr(sys, 'exitfunc', None)\nprev = sys.exitfunc\n", review=("PY112",)),
        Example("import sys\nt, v, tb = sys.exc_info()\n"),
    )

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign):
        if len(original_node.targets) != 1:
            return updated_node
        target = original_node.targets[0].target
        if "sys.exitfunc" not in self._import_qnames(target):
            return updated_node
        if not free_module(self, first_name(target) or target, "atexit"):
            return updated_node
        self.add_import("atexit")
        self.changed(original_node, "sys.exitfunc = f → atexit.register(f)")
        return cst.Expr(cst.Call(func=expr("atexit.register"), args=[cst.Arg(updated_node.value)]))

    def visit_Assign(self, node: cst.Assign) -> None:
        # the target is handled by leave_Assign, not as a reference
        for t in node.targets:
            if "sys.exitfunc" in self._import_qnames(t.target):
                self._site_of.pop(id(t.target), None)

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr):
        value = original_node.value
        if isinstance(value, cst.Call) and not value.args and "sys.exc_clear" in self._import_qnames(value.func):
            self.changed(original_node, "sys.exc_clear() removed")
            return cst.RemoveFromParent()
        return updated_node

    def visit_Call(self, node: cst.Call) -> None:
        if "sys.exc_clear" in self._import_qnames(node.func):
            self._site_of.pop(id(node.func), None)
            self._exc_clear_calls.add(id(node))

    def prepare(self, module: cst.Module) -> None:
        super().prepare(module)
        self._exc_clear_calls: set[int] = set()
        self._exc_clear_stmts: set[int] = set()

    def visit_Expr(self, node: cst.Expr) -> None:
        self._exc_clear_stmts.add(id(node.value))

    def leave_Module(self, original_node, updated_node):
        for_review = self._exc_clear_calls - self._exc_clear_stmts
        if for_review:
            self.review(original_node, "sys.exc_clear() used as a value: it is gone in Python 3")
        return super().leave_Module(original_node, updated_node)
