"""Keep ``filter()`` calls behaving as they did in Python 2.

What it does
    ``filter(f, xs)`` stays lazy where it is iterated once, right away, by code that cannot
    tell (see PY203 for the rules), and becomes ``list(filter(f, xs))`` everywhere else —
    notably ``if filter(...)`` and ``len(filter(...))``. When the filtered object is
    certainly a string (a literal, ``str()``, ``s.strip()`` …) the result, where a value
    is needed, is
    ``''.join(filter(f, s))``; when it is certainly a tuple, ``tuple(filter(f, t))``:
    Python 2 returned the same type it was given.

Why
    Python 3's ``filter`` returns a lazy iterator that is always true, has no ``len()`` and
    cannot be indexed.

When it is unsafe
    ``filter`` over a str or tuple whose type this module cannot see (a parameter, an
    attribute) is treated as a list filter: the result is a list, not a str/tuple.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Example
from codemods.py2._listwrap import ListWrapCodemod, LIST, shadowed, wrap


class FilterBuiltin(ListWrapCodemod):
    ID = "PY204"
    NAME = "filter"
    DESCRIPTION = "filter() wrapped in list() (or ''.join/tuple) where Python 2's result is needed"
    TRIGGERS = frozenset({"filter"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            """
            if not filter(None, values):
                print('empty')
            """,
            """
            if not list(filter(None, values)):
                print('empty')
            """,
        ),
        Example("count = len(filter(is_up, hosts))\n", "count = len(list(filter(is_up, hosts)))\n"),
        Example("digits = filter(str.isdigit, 'a1b2')\n", "digits = ''.join(filter(str.isdigit, 'a1b2'))\n"),
        Example("kept = filter(None, (0, 1, 2))\n", "kept = tuple(filter(None, (0, 1, 2)))\n"),
        Example(
            """
            def live(hosts):
                return filter(lambda h: h.up, hosts)
            """,
            """
            def live(hosts):
                return list(filter(lambda h: h.up, hosts))
            """,
        ),
        # stays lazy
        Example(
            """
            for line in filter(None, lines):
                print(line)
            """
        ),
        Example("names = sorted(filter(None, names))\n"),
        Example("word = ''.join(filter(str.isalpha, 'a1b2'))\n"),
        Example("total = sum(filter(lambda x: x > 0, xs))\n"),
        Example("filtered = obj.filter(x)[0]\n"),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self.builtin_call(original_node, "filter"):
            return updated_node
        flow = self.decider.flow
        if len(original_node.args) != 2:
            return updated_node
        if any(a.keyword or a.star for a in original_node.args):
            return updated_node
        decision = self.decider.iterator(original_node)
        if decision.action != LIST:
            return updated_node
        kind = self.decider.types.of(original_node.args[1].value)
        if kind == "str":
            self.changed(original_node, "filter() of a str returned a str: ''.join(filter(...))")
            inner = updated_node.with_changes(lpar=[], rpar=[])
            joined = cst.Call(
                func=cst.Attribute(cst.SimpleString("''"), cst.Name("join")), args=[cst.Arg(inner)],
                lpar=updated_node.lpar, rpar=updated_node.rpar,
            )
            return joined
        if kind == "tuple":
            if shadowed(flow, original_node, "tuple"):
                return updated_node
            self.changed(original_node, "filter() of a tuple returned a tuple: tuple(filter(...))")
            return wrap("tuple", updated_node)
        if shadowed(flow, original_node, "list"):
            self.review(original_node, f"filter() needs list() ({decision.reason}) but `list` is rebound here")
            return updated_node
        self.changed(original_node, f"filter() wrapped in list(): {decision.reason}")
        return wrap("list", updated_node)
