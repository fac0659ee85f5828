"""Keep ``d.keys()`` / ``d.values()`` / ``d.items()`` working where the code needs a list.

What it does
    Python 2 returned a new list from these methods; Python 3 returns a live view. The
    call is wrapped in ``list()`` only where the view would behave differently: indexed or
    sliced (``d.keys()[0]``), concatenated (``a.items() + b.items()``), given list methods
    (``ks = d.keys(); ks.sort()``), compared, printed or formatted, returned, stored in an
    attribute or container, passed to a function that is not a known consumer, or walked
    while the same dict is changed (``for k in d.keys(): del d[k]``) — including a view
    stored in a variable when the dict is changed later. ``x in d.keys()`` becomes
    ``x in d``. Iteration (``for``, comprehensions), ``len()``, truth tests and known
    consumers (``sorted``, ``list``, ``set``, ``tuple``, ``dict``, ``sum``, ``min``,
    ``max``, ``any``, ``all``, ``''.join``, ``enumerate``, ``f(*x)``, unpacking) stay as
    they are.

Why
    A view cannot be indexed, concatenated or sorted in place, prints as
    ``dict_keys([...])`` and raises ``RuntimeError: dictionary changed size during
    iteration`` when the dict changes under a loop.

When it is unsafe
    A method called ``keys``/``values``/``items`` on something that is not a dict is
    treated as one (the extra ``list()`` is harmless) unless it is ``self.keys()`` in a
    class defining ``keys``, or an instance of such a class of this module. A dict changed
    through an alias or by a function this module cannot see is not detected. ``x in
    obj.keys()`` becomes ``x in obj``, which needs ``obj`` to support ``in``.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Example
from codemods.py2._listwrap import ListWrapCodemod, CONTAINS, LIST, shadowed, wrap

_METHODS = frozenset({"keys", "values", "items"})


class DictViews(ListWrapCodemod):
    ID = "PY202"
    NAME = "dict-views"
    DESCRIPTION = "keys()/values()/items() wrapped in list() where a list is needed"
    TRIGGERS = frozenset({"keys", "values", "items"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example("first = d.keys()[0]\n", "first = list(d.keys())[0]\n"),
        # an explicit iterator (what PY201 writes for iterkeys() in a loop) is left alone
        Example("\nfor k in iter(d.keys()):\n    d[k] = fix(d[k])\n"),
        Example("merged = dict(a.items() + b.items())\n", "merged = dict(list(a.items()) + list(b.items()))\n"),
        Example(
            """
            for k in hosts.keys():
                if k.startswith('tmp'):
                    del hosts[k]
            """,
            """
            for k in list(hosts.keys()):
                if k.startswith('tmp'):
                    del hosts[k]
            """,
        ),
        Example(
            """
            def names(d):
                keys = d.keys()
                keys.sort()
                return keys
            """,
            """
            def names(d):
                keys = list(d.keys())
                keys.sort()
                return keys
            """,
        ),
        Example(
            """
            if name in registry.keys():
                pass
            """,
            """
            if name in registry:
                pass
            """,
        ),
        Example("print(d.keys())\n", "print(list(d.keys()))\n"),
        Example("import json\njson.dumps(d.values())\n", "import json\njson.dumps(list(d.values()))\n"),
        Example(
            """
            def f(d):
                return d.items()
            """,
            """
            def f(d):
                return list(d.items())
            """,
        ),
        # stays: iteration without mutation, known consumers, len(), truth
        Example(
            """
            for k, v in d.items():
                print(k, v)
            """
        ),
        Example(
            """
            for k in d.keys():
                d[k] = d[k].strip()
            """
        ),
        Example("names = sorted(d.keys())\ntotal = sum(d.values())\nn = len(d.keys())\n"),
        Example(
            """
            s = ', '.join(d.keys())
            if d.keys():
                pass
            """
        ),
        Example("squares = [v * v for v in d.values()]\n"),
        Example(
            """
            class Table(object):
                def keys(self):
                    return ['a', 'b']
                def first(self):
                    return self.keys()[0]
            """
        ),
        Example("opts = parser.items('main')\nfirst = opts[0]\n"),
    )

    def _candidate(self, node: cst.Call) -> bool:
        return self.method_call(node, _METHODS)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if not self._candidate(original_node):
            return updated_node
        decision = self.decider.view(original_node, original_node.func.attr.value)
        if decision.action != LIST:
            return updated_node
        if shadowed(self.decider.flow, original_node, "list"):
            self.review(original_node, f"needs list() ({decision.reason}) but `list` is rebound here")
            return updated_node
        self.changed(original_node, f"{original_node.func.attr.value}() wrapped in list(): {decision.reason}")
        return wrap("list", updated_node)

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.Comparison:
        new_targets = []
        touched = False
        for orig, upd in zip(original_node.comparisons, updated_node.comparisons):
            comp = orig.comparator
            if (
                isinstance(orig.operator, (cst.In, cst.NotIn))
                and isinstance(comp, cst.Call)
                and self._candidate(comp)
                and comp.func.attr.value == "keys"
                and isinstance(upd.comparator, cst.Call)
                and isinstance(upd.comparator.func, cst.Attribute)
                and self.decider.view(comp, "keys").action == CONTAINS
            ):
                receiver = upd.comparator.func.value
                if comp.lpar:
                    receiver = receiver.with_changes(lpar=upd.comparator.lpar, rpar=upd.comparator.rpar)
                new_targets.append(upd.with_changes(comparator=receiver))
                self.changed(comp, "`x in d.keys()` → `x in d`")
                touched = True
            else:
                new_targets.append(upd)
        return updated_node.with_changes(comparisons=new_targets) if touched else updated_node
