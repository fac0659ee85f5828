"""``sorted(x, cmp=f)`` / ``x.sort(cmp=f)`` / ``x.sort(f)`` → ``key=functools.cmp_to_key(f)``.

What it does
    The ``cmp`` argument of ``sorted()`` and ``list.sort()`` — by keyword or by position
    (``x.sort(f)``, ``sorted(x, f, k, True)``) — becomes ``key=functools.cmp_to_key(f)``,
    adding ``import functools``. With ``key=k`` as well, Python 2 compared the keys with
    ``cmp``: the result is ``key=lambda v: functools.cmp_to_key(f)(k(v))``. ``reverse``
    stays. ``cmp=cmp`` (the builtin) and ``cmp=None`` are dropped: that is the default
    order. A comparison lambda of the form ``lambda a, b: cmp(E(a), E(b))`` becomes
    ``key=lambda a: E(a)`` (and ``cmp(E(b), E(a))`` adds ``reverse=True``).

Why
    Python 3 removed the ``cmp`` parameter (TypeError: 'cmp' is an invalid keyword
    argument; sort() takes no positional arguments).

When it is unsafe
    A ``sort`` method of a user class that takes a positional argument is only left
    alone when it is ``self.sort(...)`` in a class defining ``sort`` or an instance of a
    class of this module defining it.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._flow import Flow, code
from codemods.py2._listwrap import receiver_has_own

_SORTED_ORDER = ("iterable", "cmp", "key", "reverse")
_SORT_ORDER = ("cmp", "key", "reverse")


def _comma() -> cst.Comma:
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _kw(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(
        value=value,
        keyword=cst.Name(name),
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )


def _atom(expr: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(expr, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) or expr.lpar:
        return expr
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


class SortCmp(Codemod):
    ID = "PY210"
    NAME = "sort-cmp"
    DESCRIPTION = "cmp= of sorted()/list.sort() → key=functools.cmp_to_key(...)"
    TRIGGERS = frozenset({"sort", "sorted"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            "items.sort(cmp=by_size)\n",
            "import functools\n\nitems.sort(key=functools.cmp_to_key(by_size))\n",
        ),
        Example(
            "items.sort(by_size)\n",
            "import functools\n\nitems.sort(key=functools.cmp_to_key(by_size))\n",
        ),
        Example(
            "out = sorted(items, cmp=by_size, reverse=True)\n",
            "import functools\n\nout = sorted(items, key=functools.cmp_to_key(by_size), reverse=True)\n",
        ),
        Example(
            "out = sorted(items, by_size, len)\n",
            "import functools\n\nout = sorted(items, key=lambda v: functools.cmp_to_key(by_size)(len(v)))\n",
        ),
        Example(
            "rows.sort(cmp=lambda a, b: cmp(a.name, b.name))\n",
            "rows.sort(key=lambda a: a.name)\n",
        ),
        Example(
            "rows.sort(lambda x, y: cmp(y[1], x[1]))\n",
            "rows.sort(key=lambda x: x[1], reverse=True)\n",
        ),
        Example("names.sort(cmp)\n", "names.sort()\n"),
        Example("out = sorted(items, key=len, reverse=True)\n"),
        Example(
            """
            class Deck(object):
                def sort(self, how):
                    pass
                def shuffle(self):
                    self.sort(random)
            """
        ),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._flow: Optional[Flow] = None

    @property
    def flow(self) -> Flow:
        if self._flow is None:
            self._flow = Flow(self)
        return self._flow

    def _kind(self, call: cst.Call) -> Optional[str]:
        func = call.func
        if isinstance(func, cst.Name) and func.value == "sorted" and self.flow.is_builtin_name(func, "sorted"):
            return "sorted"
        if isinstance(func, cst.Attribute) and func.attr.value == "sort":
            if receiver_has_own(self.flow, func.value, "sort"):
                return None
            return "sort"
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        kind = self._kind(original_node)
        if kind is None:
            return updated_node
        order = _SORTED_ORDER if kind == "sorted" else _SORT_ORDER
        # map parameter name -> (original arg, updated arg)
        named: dict[str, tuple[cst.Arg, cst.Arg]] = {}
        positional = 0
        for orig, upd in zip(original_node.args, updated_node.args):
            if orig.star:
                return updated_node
            if orig.keyword is None:
                if positional >= len(order):
                    return updated_node
                named[order[positional]] = (orig, upd)
                positional += 1
            else:
                named[orig.keyword.value] = (orig, upd)
        if "cmp" not in named:
            return updated_node
        cmp_orig, cmp_upd = named.pop("cmp")
        key = named.pop("key", None)
        if key is not None and isinstance(key[0].value, cst.Name) and key[0].value.value == "None":
            key = None
        reverse = named.pop("reverse", None)
        iterable = named.pop("iterable", None)
        if named:
            return updated_node  # unknown keywords: leave for a person
        cmp_value = cmp_orig.value
        new_args: list[cst.Arg] = []
        if iterable is not None:
            new_args.append(iterable[1].with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)
                            if iterable[0].keyword is None else iterable[1])
        note = "cmp= → key=functools.cmp_to_key(...)"
        add_reverse = False
        if isinstance(cmp_value, cst.Name) and cmp_value.value == "None" or self.flow.is_builtin_name(cmp_value, "cmp"):
            new_key = key[1].value if key is not None else None
            note = "cmp= of the default order dropped"
        else:
            simple = self._as_key(cmp_value) if key is None else None
            if simple is not None:
                new_key, add_reverse = simple
                note = "cmp=lambda a, b: cmp(E(a), E(b)) → key=lambda a: E(a)"
                if add_reverse and reverse is not None:
                    simple = None
            if simple is None:
                self.add_import("functools")
                add_reverse = False
                wrapped = cst.Call(
                    func=cst.Attribute(cst.Name("functools"), cst.Name("cmp_to_key")),
                    args=[cst.Arg(cmp_upd.value.with_changes(lpar=[], rpar=[]) if isinstance(cmp_upd.value, cst.Lambda) and cmp_upd.value.lpar else cmp_upd.value)],
                )
                if key is None:
                    new_key = wrapped
                else:
                    param = self._fresh("v", _names(key[0].value) | _names(cmp_value))
                    new_key = cst.Lambda(
                        params=cst.Parameters(params=[cst.Param(cst.Name(param))]),
                        body=cst.Call(func=wrapped, args=[cst.Arg(cst.Call(func=_atom(key[1].value), args=[cst.Arg(cst.Name(param))]))]),
                    )
        if new_key is not None:
            new_args.append(_kw("key", new_key))
        if reverse is not None:
            new_args.append(_kw("reverse", reverse[1].value))
        elif add_reverse:
            new_args.append(_kw("reverse", cst.Name("True")))
        new_args = [a.with_changes(comma=_comma()) for a in new_args[:-1]] + [
            a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in new_args[-1:]
        ]
        self.changed(original_node, note)
        return updated_node.with_changes(args=new_args)

    @staticmethod
    def _fresh(base: str, used: set) -> str:
        name = base
        i = 0
        while name in used:
            i += 1
            name = f"{base}{i}"
        return name

    def _as_key(self, cmp_value: cst.BaseExpression):
        """``lambda a, b: cmp(E(a), E(b))`` → (``lambda a: E(a)``, reverse?) or None."""
        if not isinstance(cmp_value, cst.Lambda):
            return None
        params = cmp_value.params
        if len(params.params) != 2 or params.star_arg is not cst.MaybeSentinel.DEFAULT and params.star_arg is not None:
            return None
        if params.kwonly_params or params.star_kwarg or params.posonly_params or any(p.default for p in params.params):
            return None
        a, b = params.params[0].name.value, params.params[1].name.value
        body = cmp_value.body
        if not (isinstance(body, cst.Call) and self.flow.is_builtin_name(body.func, "cmp") and len(body.args) == 2):
            return None
        if any(arg.keyword or arg.star for arg in body.args):
            return None
        first, second = body.args[0].value, body.args[1].value
        for x, y, reverse in ((first, second, False), (second, first, True)):
            if _uses_only(x, a, b) and _uses_only(y, b, a) and _rename(x, a, b) == code(y):
                key = cst.Lambda(params=cst.Parameters(params=[cst.Param(cst.Name(a))]), body=x)
                return key, reverse
        return None


def _names(expr: cst.CSTNode) -> set[str]:
    found: set[str] = set()

    class _V(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)
            return False

    expr.visit(_V())
    return found


def _uses_only(expr, mine: str, other: str) -> bool:
    names = _names(expr)
    return mine in names and other not in names


def _rename(expr: cst.BaseExpression, old: str, new: str) -> str:
    class _T(cst.CSTTransformer):
        def leave_Attribute(self, original_node, updated_node):
            return updated_node.with_changes(attr=original_node.attr)

        def leave_Name(self, original_node, updated_node):
            return updated_node.with_changes(value=new) if updated_node.value == old else updated_node

    return code(expr.visit(_T()))
