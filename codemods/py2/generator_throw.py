"""Turn ``gen.throw(E, V[, tb])`` into ``gen.throw(E(V)[.with_traceback(tb)])``.

What it does
    ``g.throw(ValueError, "bad")`` → ``g.throw(ValueError("bad"))``; a literal tuple value is
    spread (``g.throw(E, (a, b))`` → ``g.throw(E(a, b))``); a traceback argument becomes
    ``.with_traceback(tb)``; ``g.throw(E, None)`` → ``g.throw(E)``.

Why
    The separate-value form is deprecated since Python 3.12 and will be removed; the
    traceback argument form is the Python 2 ``raise E, V, T`` spelling.

When it is unsafe
    The receiver's type is not known; a module that defines a ``throw`` method of its own is
    left alone. When ``E`` may already be an instance (``g.throw(exc, None)``) only the
    ``None`` form is rewritten.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2._index import index
from codemods.py2._syntax import arg, positional, receiver, with_commas


class GeneratorThrow(Codemod):
    ID = "PY120"
    NAME = "generator-throw"
    DESCRIPTION = "gen.throw(E, V) → gen.throw(E(V))"
    TRIGGERS = frozenset({"throw"})
    EXAMPLES = (
        Example("g.throw(ValueError, 'bad')\n", "g.throw(ValueError('bad'))\n"),
        Example("g.throw(E, (1, 2))\n", "g.throw(E(1, 2))\n"),
        Example("g.throw(E, msg, tb)\n", "g.throw(E(msg).with_traceback(tb))\n"),
        Example("g.throw(exc, None)\n", "g.throw(exc)\n"),
        Example("g.throw(E('x'))\n"),
        Example(
            """
            class Ball(object):
                def throw(self, a, b):
                    return a
            ball.throw(1, 2)
            """
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        self._own = "throw" in index(module).class_members()

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = updated_node.func
        if self._own or not (isinstance(func, cst.Attribute) and func.attr.value == "throw"):
            return updated_node
        args = positional(updated_node)
        if args is None or not 2 <= len(args) <= 3:
            return updated_node
        exc, value = args[0], args[1]
        if isinstance(value, cst.Name) and value.value == "None":
            if len(args) == 3:
                return updated_node
            new = exc
        else:
            if isinstance(value, cst.Tuple):
                inner = [arg(e.value) for e in value.elements if isinstance(e, cst.Element)]
                if len(inner) != len(value.elements):
                    return updated_node
            else:
                inner = [arg(value)]
            new = cst.Call(func=receiver(exc), args=with_commas(inner))
        if len(args) == 3:
            new = cst.Call(func=cst.Attribute(value=new, attr=cst.Name("with_traceback")), args=[arg(args[2])])
        self.changed(original_node)
        return updated_node.with_changes(args=[arg(new)])
