"""The ``cmp()`` builtin → ``((a > b) - (a < b))``.

What it does
    ``cmp(a, b) == 0`` (``!=``, ``<``, ``<=``, ``>``, ``>=`` against ``0``) becomes
    ``a == b`` (…). Otherwise ``cmp(a, b)`` becomes ``((a > b) - (a < b))`` when evaluating
    ``a`` and ``b`` twice is harmless (names, attributes, literals, subscripts, arithmetic
    and cheap builtins such as ``len`` of those); otherwise
    ``(lambda a, b: (a > b) - (a < b))(f(), g())`` so each argument is evaluated once, in
    order. ``cmp`` used as a value (``compare = cmp``) becomes ``lambda a, b: (a > b) - (a <
    b)``. The ``cmp=`` argument of sorts is PY210's.

Why
    ``cmp`` does not exist in Python 3 (NameError).

When it is unsafe
    Python 2's ``cmp`` ordered values of different types (``cmp(None, 1) == -1``);
    Python 3's ``<`` raises TypeError for them. Objects with ``__cmp__`` need PY212's
    rich comparisons.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Codemod, Example
from codemods.names import qualified_names

_CMP = "lambda a, b: (a > b) - (a < b)"
#: Builtins cheap and pure enough to evaluate twice.
_CHEAP = frozenset({"len", "str", "repr", "int", "float", "bool", "abs", "ord", "chr", "type", "id", "hash",
                    "hex", "oct", "unicode", "long"})
_OPS = {cst.Equal: cst.Equal, cst.NotEqual: cst.NotEqual, cst.LessThan: cst.LessThan,
        cst.LessThanEqual: cst.LessThanEqual, cst.GreaterThan: cst.GreaterThan,
        cst.GreaterThanEqual: cst.GreaterThanEqual}


def _simple(expr: cst.BaseExpression, depth: int = 0) -> bool:
    if depth > 4:
        return False
    if isinstance(expr, (cst.Name, cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString)):
        return True
    if isinstance(expr, cst.Attribute):
        return _simple(expr.value, depth + 1)
    if isinstance(expr, cst.Subscript):
        return _simple(expr.value, depth + 1) and all(
            isinstance(e.slice, cst.Index) and _simple(e.slice.value, depth + 1) for e in expr.slice
        )
    if isinstance(expr, cst.UnaryOperation):
        return _simple(expr.expression, depth + 1)
    if isinstance(expr, cst.BinaryOperation):
        return _simple(expr.left, depth + 1) and _simple(expr.right, depth + 1)
    if isinstance(expr, (cst.Tuple, cst.List)):
        return all(not isinstance(e, cst.StarredElement) and _simple(e.value, depth + 1) for e in expr.elements)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in _CHEAP:
        return all(not a.star and not a.keyword and _simple(a.value, depth + 1) for a in expr.args)
    return False


def _paren(expr: cst.BaseExpression) -> cst.BaseExpression:
    if expr.lpar or isinstance(
        expr, (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.Integer, cst.Float, cst.SimpleString,
               cst.ConcatenatedString, cst.Tuple, cst.List)
    ):
        return expr
    if isinstance(expr, cst.UnaryOperation) and not isinstance(expr.operator, cst.Not):
        return expr
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _compare(op, a: cst.BaseExpression, b: cst.BaseExpression) -> cst.Comparison:
    return cst.Comparison(
        left=a, comparisons=[cst.ComparisonTarget(op, b)], lpar=[cst.LeftParen()], rpar=[cst.RightParen()]
    )


def _gt() -> cst.GreaterThan:
    return cst.GreaterThan()


def _lt() -> cst.LessThan:
    return cst.LessThan()


class CmpBuiltin(Codemod):
    ID = "PY211"
    NAME = "cmp-builtin"
    DESCRIPTION = "cmp(a, b) → ((a > b) - (a < b))"
    TRIGGERS = frozenset({"cmp"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example("order = cmp(a, b)\n", "order = ((a > b) - (a < b))\n"),
        Example("c = cmp(self.size, other.size)\n", "c = ((self.size > other.size) - (self.size < other.size))\n"),
        Example("c = cmp(len(x), len(y)) or cmp(x[0], y[0])\n",
                "c = ((len(x) > len(y)) - (len(x) < len(y))) or ((x[0] > y[0]) - (x[0] < y[0]))\n"),
        Example("c = cmp(next_id(), last)\n", "c = (lambda a, b: (a > b) - (a < b))(next_id(), last)\n"),
        Example("same = cmp(sorted(a), sorted(b)) == 0\n", "same = sorted(a) == sorted(b)\n"),
        Example("older = cmp(x.version, y.version) < 0\n", "older = x.version < y.version\n"),
        Example("compare = cmp\n", "compare = lambda a, b: (a > b) - (a < b)\n"),
        Example("compare = cmp if up else other\n", "compare = (lambda a, b: (a > b) - (a < b)) if up else other\n"),
        Example(
            """
            def cmp(a, b):
                return 0
            c = cmp(x, y)
            """
        ),
        Example("f(cmp=by_name)\nobj.cmp(a, b)\n"),
    )

    def _is_builtin_load(self, node: cst.Name) -> bool:
        if node.value != "cmp" or qualified_names(self, node):
            return False
        parent = self.get_metadata(ParentNodeProvider, node, None)
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            return False
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            return False
        if isinstance(parent, (cst.Param, cst.FunctionDef, cst.ClassDef, cst.ImportAlias, cst.AssignTarget)):
            return False
        return True

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not (isinstance(func, cst.Name) and self._is_builtin_load(func)):
            return updated_node
        if len(original_node.args) != 2 or any(a.star or a.keyword for a in original_node.args):
            return updated_node
        if self._against_zero(original_node) is not None:
            return updated_node  # `cmp(a, b) == 0` → `a == b`: leave_Comparison
        a, b = (arg.value for arg in updated_node.args)
        a = a.with_changes(lpar=[], rpar=[]) if a.lpar and isinstance(a, (cst.Name, cst.Attribute)) else a
        b = b.with_changes(lpar=[], rpar=[]) if b.lpar and isinstance(b, (cst.Name, cst.Attribute)) else b
        if all(_simple(arg.value) for arg in original_node.args):
            self.changed(original_node, "cmp(a, b) → ((a > b) - (a < b))")
            return cst.BinaryOperation(
                left=_compare(_gt(), _paren(a), _paren(b)),
                operator=cst.Subtract(),
                right=_compare(_lt(), _paren(a), _paren(b)),
                lpar=[cst.LeftParen()],
                rpar=[cst.RightParen()],
            )
        self.changed(original_node, "cmp(f(), g()) → (lambda a, b: (a > b) - (a < b))(f(), g())")
        return updated_node.with_changes(
            func=cst.parse_expression(_CMP).with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        )

    def _against_zero(self, call: cst.Call):
        """The operator when ``call`` is the left side of ``cmp(a, b) OP 0``, else None."""
        parent = self.get_metadata(ParentNodeProvider, call, None)
        if not isinstance(parent, cst.Comparison) or parent.left is not call or len(parent.comparisons) != 1:
            return None
        target = parent.comparisons[0]
        if type(target.operator) in _OPS and isinstance(target.comparator, cst.Integer) and target.comparator.value == "0":
            return target.operator
        return None

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.BaseExpression:
        left = original_node.left
        if not (isinstance(left, cst.Call) and isinstance(left.func, cst.Name) and self._is_builtin_load(left.func)):
            return updated_node
        if len(left.args) != 2 or any(a.star or a.keyword for a in left.args):
            return updated_node
        op = self._against_zero(left)
        new_left = updated_node.left
        if op is None or not isinstance(new_left, cst.Call) or len(new_left.args) != 2:
            return updated_node
        a, b = (_paren(arg.value) if isinstance(arg.value, (cst.Comparison, cst.BooleanOperation, cst.IfExp,
                                                              cst.Lambda, cst.UnaryOperation, cst.NamedExpr))
                else arg.value for arg in new_left.args)
        if isinstance(a, cst.UnaryOperation) and isinstance(a.operator, cst.Not):
            a = a.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        if isinstance(b, cst.UnaryOperation) and isinstance(b.operator, cst.Not):
            b = b.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        self.changed(left, "cmp(a, b) OP 0 → a OP b")
        old = updated_node.comparisons[0]
        return updated_node.with_changes(
            left=a, comparisons=[old.with_changes(operator=_OPS[type(op)](
                whitespace_before=old.operator.whitespace_before, whitespace_after=old.operator.whitespace_after),
                comparator=b)]
        )

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if not self._is_builtin_load(original_node):
            return updated_node
        parent = self.get_metadata(ParentNodeProvider, original_node, None)
        if isinstance(parent, cst.Call) and parent.func is original_node:
            return updated_node  # handled by leave_Call
        if isinstance(parent, cst.Arg):
            call = self.get_metadata(ParentNodeProvider, parent, None)
            if isinstance(call, cst.Call):
                f = call.func
                if (isinstance(f, cst.Name) and f.value == "sorted") or (isinstance(f, cst.Attribute) and f.attr.value == "sort"):
                    return updated_node  # the sort's cmp argument: PY210 drops it
        self.changed(original_node, "cmp → lambda a, b: (a > b) - (a < b)")
        value = cst.parse_expression(_CMP)
        if not isinstance(parent, (cst.Arg, cst.Assign, cst.Return, cst.Element, cst.DictElement, cst.AnnAssign)):
            value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return value
