"""Turn ``apply(f, args, kwargs)`` into a direct call.

What it does
    ``apply(f, args)`` → ``f(*args)``, ``apply(f, args, kw)`` → ``f(*args, **kw)``; a
    literal tuple of arguments is spread out (``apply(f, (a, b))`` → ``f(a, b)``). Only the
    builtin is rewritten, not a function of that name defined or imported in the file.

Why
    ``apply`` was removed in Python 3 (NameError).

When it is unsafe
    Never for the forms above. ``apply`` called with keyword arguments or ``*``-forms is
    left alone with a review.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._syntax import is_free_builtin, positional, receiver, with_commas


class ApplyCall(Codemod):
    ID = "PY107"
    NAME = "apply"
    DESCRIPTION = "apply(f, args, kwargs) → f(*args, **kwargs)"
    TRIGGERS = frozenset({"apply"})
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example("r = apply(f, args)\n", "r = f(*args)\n"),
        Example("r = apply(obj.method, args, kwargs)\n", "r = obj.method(*args, **kwargs)\n"),
        Example("r = apply(f, (1, x))\nq = apply(g, ())\n", "r = f(1, x)\nq = g()\n"),
        Example("r = apply(lambda *a: a, xs)\n", "r = (lambda *a: a)(*xs)\n"),
        Example("r = apply(f, a + b)\n", "r = f(*a + b)\n"),
        Example("r = apply(f)\n", "r = f()\n"),
        Example("r = apply(f, *rest)\n", review=("PY107",)),
        Example(
            """
            def apply(f, xs):
                return [f(x) for x in xs]
            r = apply(f, xs)
            """
        ),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not (isinstance(func, cst.Name) and func.value == "apply" and is_free_builtin(self, func)):
            return updated_node
        args = positional(updated_node)
        if args is None or not 1 <= len(args) <= 3:
            self.review(original_node, "apply() is gone in Python 3: call f(*args, **kwargs) directly")
            return updated_node
        target = receiver(args[0])
        new_args: list[cst.Arg] = []
        if len(args) >= 2:
            spread = args[1]
            if isinstance(spread, cst.Tuple):
                new_args.extend(cst.Arg(value=e.value) for e in spread.elements if not isinstance(e, cst.StarredElement))
                if any(isinstance(e, cst.StarredElement) for e in spread.elements):
                    new_args = [cst.Arg(value=spread, star="*")]
            else:
                new_args.append(cst.Arg(value=spread, star="*"))
        if len(args) == 3:
            new_args.append(cst.Arg(value=args[2], star="**"))
        self.changed(original_node)
        return cst.Call(func=target, args=with_commas(new_args)).with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
