"""Keep the meaning of Python 2 ``input()``: it evaluated what the user typed.

What it does
    In a file that is Python 2, ``input(prompt)`` → ``eval(input(prompt))``. A file counts
    as Python 2 when the lift had to rewrite it (print statements, ``except E, e`` ...) or
    when it uses the Python 2-only ``raw_input``. ``raw_input`` itself becomes ``input``
    (PY105). Calls already wrapped in ``eval(...)`` and a user's own ``input`` are left alone.

Why
    Python 2 ``input(p)`` was ``eval(raw_input(p))``; Python 3 ``input`` returns the text.

When it is unsafe
    ``eval`` of user input was always dangerous; the rewrite keeps the behaviour so that the
    port changes nothing, and records a review: prefer ``ast.literal_eval`` or ``int(...)``.
    A Python 2 file with neither lifted syntax nor ``raw_input`` is indistinguishable from
    Python 3 code and is not changed.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._index import index
from codemods.py2._syntax import is_free_builtin


class InputEval(Codemod):
    ID = "PY109"
    NAME = "input-eval"
    DESCRIPTION = "Python 2 input() → eval(input())"
    TRIGGERS = frozenset({"input"})
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example(
            """
            n = input('how many? ')
            name = raw_input('name? ')
            """,
            """
            n = eval(input('how many? '))
            name = raw_input('name? ')
            """,
            review=("PY109",),
        ),
        Example(
            """
            print 'go'
            n = input()
            """,
            """
            print('go')
            n = eval(input())
            """,
            review=("PY109",),
        ),
        # Python 3 code (nothing lifted, no raw_input): unchanged
        Example("n = input('how many? ')\n"),
        Example("name = raw_input('name? ')\nn = eval(input('n? '))\n"),
        Example(
            """
            def input(p):
                return p
            x = raw_input('a') + input('b')
            """
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        self._python2 = bool(self.options.get("python2"))
        self._wrapped: set[int] = set()
        if not self._python2:
            self._python2 = any(is_free_builtin(self, n) for n in index(module).names.get("raw_input", ()))

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value == "eval" and len(node.args) >= 1:
            self._wrapped.add(id(node.args[0].value))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not (self._python2 and isinstance(func, cst.Name) and func.value == "input"):
            return updated_node
        if id(original_node) in self._wrapped or not is_free_builtin(self, func):
            return updated_node
        self.changed(original_node)
        self.review(original_node, "Python 2 input() evaluated the text typed; prefer ast.literal_eval(input(...))")
        return cst.Call(func=cst.Name("eval"), args=[cst.Arg(updated_node.with_changes(lpar=[], rpar=[]))],
                        lpar=updated_node.lpar, rpar=updated_node.rpar)
