"""Move iterators to the Python 3 protocol: ``it.next()`` → ``next(it)``, ``def next(self)``
→ ``def __next__(self)``.

What it does
    A zero-argument ``x.next()`` call becomes ``next(x)`` (``x.__next__()`` where a local
    called ``next`` hides the builtin). A method ``def next(self)`` taking only ``self`` is
    renamed ``__next__``. If the file also uses ``.next`` in a way that cannot be rewritten
    (``callback = it.next``, ``getattr(obj, "next")``) the class keeps ``next = __next__``
    so that those uses — and callers outside the file — still work.

Why
    Python 3 calls ``__next__``: an iterator class with only ``next`` fails with
    "TypeError: iter() returned non-iterator", and generators and files have no ``.next()``.

When it is unsafe
    The receiver's type is not known: a user object whose ``next()`` is not an iterator
    step would be called through ``next(x)``, which needs ``__next__`` — that is why a file
    that defines a ``next`` method taking more than ``self`` is left alone (review).
    Callers in other files that call ``.next()`` on these classes need the same migration.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._index import index
from codemods.py2._syntax import free_builtin, string_value


def _plan(module: cst.Module) -> tuple[set, bool, bool]:
    """(ids of ``def next(self)`` in classes without ``__next__``; whether another ``next``
    method exists; whether ``.next`` is used other than as ``x.next()``)."""
    idx = index(module)
    renamable: set = set()
    other = False
    for cls in idx.classes:
        if not isinstance(cls.body, cst.IndentedBlock):
            continue
        names = {s.name.value for s in cls.body.body if isinstance(s, cst.FunctionDef)}
        for s in cls.body.body:
            if isinstance(s, cst.FunctionDef) and s.name.value == "next":
                p = s.params
                simple = (len(p.params) == 1 and not p.posonly_params and not p.kwonly_params
                          and isinstance(p.star_arg, cst.MaybeSentinel) and p.star_kwarg is None)
                if simple and "__next__" not in names:
                    renamable.add(id(s))
                elif not simple:
                    other = True
    zero_arg = {id(c.func) for c in idx.zero_arg_method_calls.get("next", ())}
    loose = any(a.attr.value == "next" and id(a) not in zero_arg for a in idx.attributes)
    for name in ("getattr", "hasattr"):
        for call in idx.function_calls.get(name, ()):
            if len(call.args) >= 2 and string_value(call.args[1].value) == "next":
                loose = True
    return renamable, other, loose


class NextMethod(Codemod):
    ID = "PY118"
    NAME = "next"
    DESCRIPTION = "iterator next() → __next__ / next(it)"
    TRIGGERS = frozenset({"next"})
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example("line = f.next()\nfirst = iter(xs).next()\n", "line = next(f)\nfirst = next(iter(xs))\n"),
        Example(
            """
            class Countdown(object):
                def __iter__(self):
                    return self
                def next(self):
                    return 1
            c = Countdown()
            c.next()
            """,
            """
            class Countdown(object):
                def __iter__(self):
                    return self
                def __next__(self):
                    return 1
            c = Countdown()
            next(c)
            """,
        ),
        Example(
            """
            class Reader(object):
                def next(self):
                    return 1
            step = Reader().next
            """,
            """
            class Reader(object):
                def __next__(self):
                    return 1
                next = __next__
            step = Reader().next
            """,
        ),
        Example(
            """
            def walk(it, next=None):
                return it.next()
            """,
            """
            def walk(it, next=None):
                return it.__next__()
            """,
        ),
        Example(
            """
            class Pager(object):
                def next(self, n=1):
                    return n
            p.next()
            """,
            review=("PY118",),
        ),
        Example("node = node.next\nnext(it)\n"),
        Example(
            """
            class Both(object):
                def __next__(self):
                    return 1
                next = __next__
            """
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        renamable, other, loose = _plan(module)
        self._rename = renamable
        self._blocked = other
        # Uses of ``.next`` that stay: keep ``next = __next__`` on the renamed classes.
        self._loose = other or loose
        self._reviewed = False

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef):
        if id(original_node) not in self._rename:
            return updated_node
        self.changed(original_node, "def next(self) → def __next__(self)")
        renamed = updated_node.with_changes(name=cst.Name("__next__"))
        if self._loose:
            alias = cst.SimpleStatementLine(body=[cst.Assign(targets=[cst.AssignTarget(cst.Name("next"))],
                                                             value=cst.Name("__next__"))])
            return cst.FlattenSentinel([renamed, alias])
        return renamed

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "next" and not original_node.args):
            return updated_node
        if self._blocked:
            if not self._reviewed:
                self._reviewed = True
                self.review(original_node, "this file defines a next() method that is not an iterator step: .next() calls left as they are")
            return updated_node
        receiver = updated_node.func.value
        self.changed(original_node, "x.next() → next(x)")
        if free_builtin(self, original_node, "next"):
            return cst.Call(func=cst.Name("next"), args=[cst.Arg(receiver)], lpar=updated_node.lpar, rpar=updated_node.rpar)
        return updated_node.with_changes(func=updated_node.func.with_changes(attr=cst.Name("__next__")))
