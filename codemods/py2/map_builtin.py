"""Keep ``map()`` calls behaving as they did in Python 2.

What it does
    ``map(f, xs)`` stays lazy where the result is iterated once, right away, by code that
    cannot tell the difference (``for`` over a pure function, ``sorted``, ``''.join`` …),
    and becomes ``list(map(f, xs))`` everywhere else: indexed, ``len()``-ed, truth-tested,
    returned, stored and read twice, printed, passed to an unknown function, evaluated for
    its side effects (``map(log, items)`` as a statement), or walked while its function
    has side effects that would interleave with the loop body. ``map(None, xs)`` becomes
    ``list(xs)``; ``map(None, a, b)`` becomes ``itertools.zip_longest(a, b)``; ``map(f, a,
    b)`` with iterables that may differ in length becomes ``itertools.starmap(f,
    itertools.zip_longest(a, b))`` (each wrapped in ``list()`` where needed).

Why
    Python 3's ``map`` is a one-shot lazy iterator: it has no ``len()``, is always true,
    cannot be indexed, runs its function only when consumed (a ``map`` used for its side
    effects does nothing) and stops at the shortest iterable — Python 2 padded the shorter
    ones with ``None``.

When it is unsafe
    A function is considered pure only when it is a lambda of pure operations, a pure
    builtin or a known pure library function; a ``map`` over an impure function in a loop
    therefore gets ``list()`` (safe, not lazy). Sources changed through aliases are not
    seen.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Example
from codemods.py2._listwrap import ListWrapCodemod, LIST, code, is_none, shadowed, wrap


def dotted_call(dotted: str, args) -> cst.Call:
    parts = dotted.split(".")
    func: cst.BaseExpression = cst.Name(parts[0])
    for p in parts[1:]:
        func = cst.Attribute(func, cst.Name(p))
    args = list(args)
    if args:
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return cst.Call(func=func, args=args)


class MapBuiltin(ListWrapCodemod):
    ID = "PY203"
    NAME = "map"
    DESCRIPTION = "map() wrapped in list() where a list is needed; None/padding forms rewritten"
    TRIGGERS = frozenset({"map"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example("names = map(str, ids)\nprint(names[0])\n", "names = list(map(str, ids))\nprint(names[0])\n"),
        Example("n = len(map(int, parts))\n", "n = len(list(map(int, parts)))\n"),
        Example("map(register, plugins)\n", "list(map(register, plugins))\n"),
        Example("pairs = map(None, keys, values)\n", "import itertools\n\npairs = list(itertools.zip_longest(keys, values))\n"),
        Example("copy = map(None, items)\n", "copy = list(items)\n"),
        Example(
            "sums = map(lambda a, b: a + b, xs, ys)\n",
            "import itertools\n\nsums = list(itertools.starmap(lambda a, b: a + b, itertools.zip_longest(xs, ys)))\n",
        ),
        Example(
            """
            def doubled(xs):
                return map(lambda x: x * 2, xs)
            """,
            """
            def doubled(xs):
                return list(map(lambda x: x * 2, xs))
            """,
        ),
        Example(
            """
            for host in map(lookup, names):
                print(host)
            """,
            """
            for host in list(map(lookup, names)):
                print(host)
            """,
        ),
        Example(
            """
            try:
                ports = map(int, args)
            except ValueError:
                ports = []
            for p in ports:
                print(p)
            """,
            """
            try:
                ports = list(map(int, args))
            except ValueError:
                ports = []
            for p in ports:
                print(p)
            """,
        ),
        # stays lazy: iterated once, right away, by code that cannot tell
        Example(
            """
            for line in map(str.strip, lines):
                print(line)
            """
        ),
        Example("text = ', '.join(map(str, ids))\nbiggest = max(map(len, names))\n"),
        Example("a, b = map(int, s.split(':'))\n"),
        Example(
            """
            def total(same):
                squares = map(lambda x: x * x, same, same)
                return sum(squares)
            """
        ),
        Example(
            "DEFAULTS = map(str, range(3))\n",
            "DEFAULTS = list(map(str, range(3)))\n",
        ),
        Example("from itertools import imap as map\nmap(f, xs)[0]\n"),
        Example(
            """
            def map(f, xs):
                return [f(x) for x in xs]
            map(str, [1])[0]
            """
        ),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self.builtin_call(original_node, "map"):
            return updated_node
        flow = self.decider.flow
        if not original_node.args:
            return updated_node
        if any(a.keyword or a.star == "**" for a in original_node.args) or original_node.args[0].star:
            return updated_node
        decision = self.decider.iterator(original_node)
        args = list(updated_node.args)
        iterables = args[1:]
        new: cst.BaseExpression = updated_node
        note = ""
        if not iterables:
            return updated_node
        if is_none(original_node.args[0].value):
            if len(iterables) == 1 and not iterables[0].star:
                value = iterables[0].value
                if shadowed(flow, original_node, "list"):
                    return updated_node
                self.changed(original_node, "map(None, x) → list(x)")
                out = wrap("list", value)
                return out.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
            new = dotted_call("itertools.zip_longest", iterables)
            self.add_import("itertools")
            note = "map(None, ...) → itertools.zip_longest(...)"
        elif len(iterables) >= 2 or any(a.star for a in iterables):
            texts = {code(a.value) for a in original_node.args[1:]}
            if any(a.star for a in iterables) or len(texts) > 1:
                new = dotted_call(
                    "itertools.starmap",
                    [args[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                     cst.Arg(dotted_call("itertools.zip_longest", iterables))],
                )
                self.add_import("itertools")
                note = "map() of several iterables pads with None: itertools.starmap(f, itertools.zip_longest(...))"
        if new is not updated_node:
            new = new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        if decision.action == LIST:
            if shadowed(flow, original_node, "list"):
                self.review(original_node, f"map() needs list() ({decision.reason}) but `list` is rebound here")
            else:
                new = wrap("list", new)
                note = (note + "; " if note else "") + f"wrapped in list(): {decision.reason}"
        if new is updated_node:
            return updated_node
        self.changed(original_node, note)
        return new
