"""Rewrite ``d.iterkeys()/itervalues()/iteritems()`` and ``d.viewkeys()/viewvalues()/viewitems()``.

What it does
    ``viewX()`` becomes ``X()`` (Python 2 views are Python 3 views). ``iterX()`` becomes
    ``X()`` where the iterator is only walked once — ``for``, comprehensions, known
    consumers (``sorted``, ``list``, ``dict`` …), ``x in``; where the code relies on it
    being an iterator — ``next()``/``.next()``, truth value (an iterator is always true),
    returned, stored and consumed in several places, passed to an unknown function — it
    becomes ``iter(d.X())``. ``x in d.iterkeys()`` becomes ``x in d``. Where the
    result would look like Python 2's list-returning ``d.X()`` to PY202 (returned, stored
    in an attribute…), the view is spelled ``dict.X(d)`` and the iterator ``iter(d.X())``,
    so that a second run leaves them alone.

Why
    The ``iter*`` and ``view*`` methods do not exist in Python 3 (AttributeError).

When it is unsafe
    A user class with its own ``iteritems`` method is only recognised when it is ``self``
    or an instance of a class of this module (then nothing is changed).
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Example
from codemods.py2._listwrap import ListWrapCodemod, CONTAINS, ITER, LIST, Decision, shadowed, wrap

_RENAME = {
    "iterkeys": "keys", "itervalues": "values", "iteritems": "items",
    "viewkeys": "keys", "viewvalues": "values", "viewitems": "items",
}


class DictIterMethods(ListWrapCodemod):
    ID = "PY201"
    NAME = "dict-iter-methods"
    DESCRIPTION = "iterkeys/itervalues/iteritems/view* → keys/values/items"
    TRIGGERS = frozenset(_RENAME)
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            """
            for k, v in d.iteritems():
                print(k, v)
            """,
            """
            for k, v in d.items():
                print(k, v)
            """,
        ),
        Example("total = sum(d.itervalues())\n", "total = sum(d.values())\n"),
        Example(
            """
            def common(d, other):
                return d.viewkeys() & other
            """,
            """
            def common(d, other):
                return d.keys() & other
            """,
        ),
        Example(
            """
            def live(d):
                return d.viewvalues()
            """,
            """
            def live(d):
                return dict.values(d)
            """,
        ),
        Example("first = next(d.iterkeys())\n", "first = next(iter(d.keys()))\n"),
        Example(
            """
            def pairs(d):
                return d.iteritems()
            """,
            """
            def pairs(d):
                return iter(d.items())
            """,
        ),
        Example(
            """
            it = d.itervalues()
            head = next(it)
            for rest in it:
                print(rest)
            """,
            """
            it = iter(d.values())
            head = next(it)
            for rest in it:
                print(rest)
            """,
        ),
        Example("found = key in d.iterkeys()\n", "found = key in d\n"),
        Example("table = dict((v, k) for k, v in d.iteritems())\n", "table = dict((v, k) for k, v in d.items())\n"),
        Example(
            """
            class Rows(object):
                def iteritems(self):
                    return iter([])
                def dump(self):
                    for k, v in self.iteritems():
                        print(k, v)
            """
        ),
    )

    def _candidate(self, node: cst.Call) -> bool:
        return self.method_call(node, _RENAME)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self._candidate(original_node) or not isinstance(updated_node.func, cst.Attribute):
            return updated_node
        old = original_node.func.attr.value
        new = _RENAME[old]
        renamed = updated_node.with_changes(func=updated_node.func.with_changes(attr=cst.Name(new)))
        # PY202 reads `d.keys()` as Python 2 code: where it would add list(), spell the
        # result so that it does not (idempotence): the view as `dict.keys(d)`, the
        # iterator as `iter(d.keys())`.
        as_view = self.decider.view(original_node, new)
        if old.startswith("view"):
            if as_view.action == LIST:
                self.changed(original_node, f"{old}() → dict.{new}(...): a live view, as in Python 2")
                return cst.Call(
                    func=cst.Attribute(cst.Name("dict"), cst.Name(new)),
                    args=[cst.Arg(updated_node.func.value.with_changes(lpar=[], rpar=[]))],
                    lpar=updated_node.lpar, rpar=updated_node.rpar,
                )
            self.changed(original_node, f"{old}() → {new}()")
            return renamed
        decision = self.decider.iter_method(original_node)
        if decision.action != ITER and as_view.action == LIST:
            if not shadowed(self.decider.flow, original_node, "list"):
                # walked while the dict may change: Python 2 raised RuntimeError if its size
                # changed; a copy is what PY202 would make of it on a later run anyway
                self.changed(original_node, f"{old}() → list({new}()): {as_view.reason}")
                return wrap("list", renamed)
            decision = Decision(ITER, as_view.reason)
        if decision.action == ITER and not shadowed(self.decider.flow, original_node, "iter"):
            self.changed(original_node, f"{old}() → iter({new}()): {decision.reason}")
            return wrap("iter", renamed)
        self.changed(original_node, f"{old}() → {new}()")
        return renamed

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.Comparison:
        new_targets = []
        touched = False
        for orig, upd in zip(original_node.comparisons, updated_node.comparisons):
            comp = orig.comparator
            if (
                isinstance(orig.operator, (cst.In, cst.NotIn))
                and isinstance(comp, cst.Call)
                and self._candidate(comp)
                and comp.func.attr.value in ("iterkeys", "viewkeys")
                and isinstance(upd.comparator, cst.Call)
                and isinstance(upd.comparator.func, cst.Attribute)
                and (comp.func.attr.value == "viewkeys" or self.decider.iter_method(comp).action == CONTAINS)
            ):
                receiver = upd.comparator.func.value
                if comp.lpar:
                    receiver = receiver.with_changes(lpar=upd.comparator.lpar, rpar=upd.comparator.rpar)
                new_targets.append(upd.with_changes(comparator=receiver))
                touched = True
            else:
                new_targets.append(upd)
        return updated_node.with_changes(comparisons=new_targets) if touched else updated_node
