"""Turn ``d.has_key(k)`` into ``k in d``.

What it does
    ``d.has_key(k)`` → ``k in d`` and ``not d.has_key(k)`` → ``k not in d``, with
    parentheses wherever the ``in`` comparison would otherwise bind differently
    (``x + d.has_key(k)`` → ``x + (k in d)``, ``d.has_key(a or b)`` → ``(a or b) in d``).

Why
    ``dict.has_key`` was removed in Python 3 (AttributeError).

When it is unsafe
    The receiver's type is not known. A module that defines a ``has_key`` method of its own
    (a user class) is left alone entirely: ``obj.has_key(k)`` there may be that method.
    ``has_key`` used without calling it (``f = d.has_key``) gets a review: use
    ``d.__contains__``.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider

from codemods.base import Codemod, Example
from codemods.py2._index import index
from codemods.py2._syntax import operand, paren

# Parents under which ``k in d`` needs no parentheses (by the field the call sits in).
_SAFE = {
    (cst.If, "test"), (cst.While, "test"), (cst.Assert, "test"), (cst.Return, "value"), (cst.Assign, "value"),
    (cst.AnnAssign, "value"), (cst.Arg, "value"), (cst.Element, "value"), (cst.StarredElement, "value"),
    (cst.Expr, "value"), (cst.IfExp, "test"), (cst.IfExp, "body"), (cst.IfExp, "orelse"), (cst.Lambda, "body"),
    (cst.CompIf, "test"), (cst.DictElement, "value"), (cst.DictElement, "key"), (cst.BooleanOperation, "left"),
    (cst.BooleanOperation, "right"), (cst.Yield, "value"), (cst.SubscriptElement, "slice"), (cst.Index, "value"),
    (cst.ListComp, "elt"), (cst.SetComp, "elt"), (cst.GeneratorExp, "elt"),
}


class HasKey(Codemod):
    ID = "PY115"
    NAME = "has-key"
    DESCRIPTION = "d.has_key(k) → k in d"
    TRIGGERS = frozenset({"has_key"})
    METADATA_DEPENDENCIES = (ParentNodeProvider,)
    EXAMPLES = (
        Example("if d.has_key(k):\n    go()\nelse:\n    stop()\n", "if k in d:\n    go()\nelse:\n    stop()\n"),
        Example("ok = not os.environ.has_key('HOME')\n", "ok = 'HOME' not in os.environ\n"),
        Example("n = x + d.has_key(k)\n", "n = x + (k in d)\n"),
        Example("ok = d.has_key(a or b) and self.cache.has_key(k.lower())\n",
                "ok = (a or b) in d and k.lower() in self.cache\n"),
        Example("ok = (a + b).has_key(k)\n", "ok = k in (a + b)\n"),
        Example("ok = d.has_key(k) == flag\n", "ok = (k in d) == flag\n"),
        Example("check = d.has_key\n", review=("PY115",)),
        Example(
            """
            class Store(object):
                def has_key(self, k):
                    return False
            if store.has_key(k):
                pass
            """
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        self._own = "has_key" in index(module).class_members()

    def _parent(self, node: cst.CSTNode):
        try:
            return self.get_metadata(ParentNodeProvider, node)
        except KeyError:
            return None

    def _safe(self, node: cst.CSTNode) -> bool:
        """``node`` sits where a comparison needs no parentheses."""
        parent = self._parent(node)
        for kind, name in _SAFE:
            if isinstance(parent, kind) and getattr(parent, name, None) is node:
                return True
        return False

    def _is_has_key_call(self, node: cst.CSTNode) -> bool:
        return (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "has_key"
            and len(node.args) == 1
            and node.args[0].keyword is None
            and not node.args[0].star
        )

    def _negation(self, node: cst.CSTNode) -> bool:
        parent = self._parent(node)
        return isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        if self._own or original_node.attr.value != "has_key":
            return updated_node
        parent = self._parent(original_node)
        if not (isinstance(parent, cst.Call) and parent.func is original_node):
            self.review(original_node, "has_key used as a value: it is gone in Python 3, use d.__contains__")
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if self._own or not self._is_has_key_call(original_node):
            return updated_node
        key = operand(updated_node.args[0].value)
        container = updated_node.func.value
        self.changed(original_node)
        comparison = cst.Comparison(left=key, comparisons=[cst.ComparisonTarget(operator=cst.In(), comparator=container)])
        if updated_node.lpar:
            return comparison.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        if self._negation(original_node) or self._safe(original_node):
            return comparison
        return paren(comparison)

    def leave_UnaryOperation(self, original_node: cst.UnaryOperation, updated_node: cst.UnaryOperation):
        inner = updated_node.expression
        if (self._own or not isinstance(original_node.operator, cst.Not)
                or not self._is_has_key_call(original_node.expression) or not isinstance(inner, cst.Comparison)
                or inner.lpar):
            return updated_node
        target = inner.comparisons[0].with_changes(operator=cst.NotIn())
        new = inner.with_changes(comparisons=[target])
        if updated_node.lpar:
            return new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)
        return new if self._safe(original_node) or self._negation(original_node) else paren(new)
