"""Report orderings that may mix types: ``sorted``/``.sort()``/``min``/``max``, ``< None``.

What it does
    Nothing is rewritten; a PY232 finding marks

    * ``sorted(x)``, ``x.sort()``, ``min(x)``, ``max(x)``, ``min(a, b)``, ``max(a, b)``
      whose values visibly mix ``None`` with other values, or numbers with strings —
      literal lists/tuples/sets, local variables built from them (``append``,
      ``extend``, ``+=``), ``d.values()``/``d.keys()`` of a dict literal, comprehensions
      yielding ``None`` in one branch;
    * a ``key=`` function that can return ``None`` for some items (``lambda h:
      h.get('port')``, ``getattr(o, 'x', None)``, ``... if ... else None``);
    * an ordering comparison with ``None`` (``x > None``).

Why
    Python 2 ordered values of different types (``None`` before numbers before strings);
    Python 3 raises ``TypeError: '<' not supported between instances of ...``.

When it is unsafe
    It is a report; values that mix types at run time without a visible hint are not
    found.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Codemod, Example
from codemods.names import is_builtin
from codemods.py2._flow import Flow
from codemods.py2._listwrap import receiver_has_own
from codemods.py2._types import Types

_ORDER_OPS = (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual)
_FAMILY = {"int": "number", "bool": "number", "float": "number", "str": "text", "bytes": "bytes",
           "tuple": "tuple", "list": "list", "dict": "dict", "set": "set"}


def _is_none(node) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


class MixedOrdering(Codemod):
    ID = "PY232"
    NAME = "mixed-type-ordering"
    DESCRIPTION = "report sorts/min/max/comparisons that may order None or mixed types"
    TRIGGERS = frozenset({"sorted", "sort", "min", "max", "None"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example("ports = sorted([8080, None, 22])\n", review=("PY232",)),
        Example(
            """
            values = []
            values.append(3)
            values.append(None)
            values.sort()
            """,
            review=("PY232",),
        ),
        Example("hosts.sort(key=lambda h: h.get('port'))\n", review=("PY232",)),
        Example("lowest = min(limit, None)\n", review=("PY232",)),
        Example("ok = count > None\n", review=("PY232",)),
        Example("mixed = max(['a', 1])\n", review=("PY232",)),
        Example("names = sorted(['b', 'a'])\nfirst = min(3, 4)\nhosts.sort(key=lambda h: h.get('port', 0))\n"),
        Example("ok = x is None or x > 3\n"),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._flow: Optional[Flow] = None
        self._types: Optional[Types] = None

    @property
    def flow(self) -> Flow:
        if self._flow is None:
            self._flow = Flow(self)
            self._types = Types(self, self._flow)
        return self._flow

    def _kinds(self, elements) -> set[str]:
        _ = self.flow
        out = set()
        for e in elements:
            if _is_none(e):
                out.add("None")
            elif isinstance(e, cst.IfExp):
                out |= self._kinds([e.body, e.orelse])
            else:
                t = self._types.of(e) if self._types else None
                if t in _FAMILY:
                    out.add(_FAMILY[t])
                else:
                    out.add("?")
        return out

    @staticmethod
    def _mixed(kinds: set[str]) -> Optional[str]:
        known = kinds - {"?"}
        if "None" in known and len(kinds) > 1:
            return "None with other values"
        known.discard("None")
        if len(known) > 1:
            return " with ".join(sorted(known))
        return None

    def _elements(self, expr: cst.CSTNode, depth: int = 0) -> list:
        if depth > 3:
            return []
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            return [e.value for e in expr.elements if isinstance(e, cst.Element)]
        if isinstance(expr, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
            return [expr.elt]
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and not expr.args:
            if expr.func.attr.value in ("values", "itervalues", "keys", "iterkeys"):
                d = expr.func.value
                want_keys = expr.func.attr.value in ("keys", "iterkeys")
                if isinstance(d, cst.Dict):
                    return [(el.key if want_keys else el.value) for el in d.elements if isinstance(el, cst.DictElement)]
            return []
        if isinstance(expr, cst.Name):
            return self._name_elements(expr, depth)
        return []

    def _name_elements(self, name: cst.Name, depth: int) -> list:
        flow = self.flow
        scope = flow.scope(name)
        if scope is None:
            return []
        out = []
        try:
            assignments = list(scope[name.value])
        except Exception:
            return []
        for a in assignments:
            node = getattr(a, "node", None)
            parent = flow.parent(node) if node is not None else None
            if isinstance(parent, cst.AssignTarget):
                assign = flow.parent(parent)
                out += self._elements(getattr(assign, "value", None), depth + 1)
            elif isinstance(parent, cst.AugAssign) and parent.target is node:
                out += self._elements(parent.value, depth + 1)
            for access in getattr(a, "references", ()):
                p = flow.parent(access.node)
                if isinstance(p, cst.Attribute) and p.value is access.node:
                    call = flow.parent(p)
                    if isinstance(call, cst.Call) and call.args:
                        if p.attr.value in ("append", "add", "insert"):
                            out.append(call.args[-1].value)
                        elif p.attr.value == "extend":
                            out += self._elements(call.args[0].value, depth + 1)
                elif isinstance(p, cst.AugAssign) and p.target is access.node:
                    out += self._elements(p.value, depth + 1)
        return out

    def _key_may_be_none(self, key: cst.CSTNode) -> Optional[str]:
        if not isinstance(key, cst.Lambda):
            return None
        body = key.body
        if isinstance(body, cst.IfExp) and (_is_none(body.body) or _is_none(body.orelse)):
            return "the key function returns None for some items"
        if isinstance(body, cst.Call):
            f = body.func
            if isinstance(f, cst.Attribute) and f.attr.value == "get" and len(body.args) == 1:
                return "the key function uses .get() without a default: None for missing keys"
            if isinstance(f, cst.Name) and f.value == "getattr" and len(body.args) == 3 and _is_none(body.args[2].value):
                return "the key function returns None for missing attributes"
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        args = original_node.args
        what = None
        values: list = []
        if isinstance(func, cst.Name) and func.value in ("sorted", "min", "max") and is_builtin(self, func, func.value):
            what = f"{func.value}()"
            positional = [a for a in args if a.keyword is None and not a.star]
            if func.value != "sorted" and len(positional) >= 2:
                values = [a.value for a in positional]
            elif positional:
                values = self._elements(positional[0].value)
        elif isinstance(func, cst.Attribute) and func.attr.value == "sort" and not receiver_has_own(self.flow, func.value, "sort"):
            what = ".sort()"
            values = self._elements(func.value)
        if what is None:
            return updated_node
        for a in args:
            if a.keyword is not None and a.keyword.value == "key":
                why = self._key_may_be_none(a.value)
                if why:
                    self.review(original_node, f"{what}: {why}; Python 3 cannot order None with other values")
                    return updated_node
        mix = self._mixed(self._kinds(values)) if values else None
        if mix:
            self.review(original_node, f"{what} orders values that mix {mix}: Python 3 raises TypeError")
        return updated_node

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.Comparison:
        left = original_node.left
        for target in original_node.comparisons:
            if isinstance(target.operator, _ORDER_OPS) and (_is_none(left) or _is_none(target.comparator)):
                self.review(
                    original_node,
                    "ordering comparison with None: Python 3 raises TypeError (Python 2: None is smaller than everything)",
                )
                break
            left = target.comparator
        return updated_node
