"""What an expression certainly is, as far as one module can tell (PY2xx helpers).

:meth:`Types.of` answers ``"int"``, ``"float"``, ``"complex"``, ``"bool"``, ``"str"``,
``"list"``, ``"tuple"``, ``"dict"``, ``"set"`` or None (unknown). It only answers when the
answer is certain under Python 2 semantics: literals, the results of builtins with a fixed
result type, arithmetic on known operands, loop counters over ``range``/``xrange``/
``enumerate``, and local variables every assignment of which has the same known type
(found with libcst's scope analysis; cycles such as ``i = 0 … i += 1`` are resolved
optimistically, which is sound because the operations involved are closed over the type).
Function parameters, attributes and anything from another module are unknown.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst
from libcst.metadata.scope_provider import Assignment, ClassScope

from codemods.names import qualified_names

_NUMERIC = ("int", "bool", "float", "complex")
_INT_BUILTINS = frozenset({"len", "int", "long", "ord", "hash", "id"})
_FLOAT_BUILTINS = frozenset({"float"})
_STR_BUILTINS = frozenset({"str", "unicode", "repr", "chr", "unichr", "hex", "oct", "format", "bin"})
_STR_METHODS = frozenset(
    {"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "swapcase", "replace", "format",
     "ljust", "rjust", "center", "zfill", "expandtabs", "translate"}
)
_INT_METHODS = frozenset({"find", "rfind", "count", "index", "rindex"})
_MATH_INT = frozenset({"factorial", "gcd", "isqrt", "comb", "perm", "trunc"})


_BINARY = {
    cst.AddAssign: cst.Add(), cst.SubtractAssign: cst.Subtract(), cst.MultiplyAssign: cst.Multiply(),
    cst.DivideAssign: cst.Divide(), cst.FloorDivideAssign: cst.FloorDivide(), cst.ModuloAssign: cst.Modulo(),
    cst.PowerAssign: cst.Power(), cst.LeftShiftAssign: cst.LeftShift(), cst.RightShiftAssign: cst.RightShift(),
    cst.BitAndAssign: cst.BitAnd(), cst.BitOrAssign: cst.BitOr(), cst.BitXorAssign: cst.BitXor(),
    cst.MatrixMultiplyAssign: cst.MatrixMultiply(),
}


class Types:
    def __init__(self, visitor, flow) -> None:
        self.v = visitor
        self.flow = flow
        self._memo: dict[int, Optional[str]] = {}
        self._busy: set[int] = set()

    def of(self, expr: cst.CSTNode) -> Optional[str]:
        key = id(expr)
        if key in self._memo:
            return self._memo[key]
        result = self._of(expr)
        if not self._busy:  # results that leaned on an optimistic assumption are not kept
            self._memo[key] = result
        return result

    def is_int(self, expr) -> bool:
        return self.of(expr) in ("int", "bool")

    def is_float(self, expr) -> bool:
        return self.of(expr) in ("float", "complex")

    # -- expressions --------------------------------------------------------------------------
    def _of(self, e: cst.CSTNode) -> Optional[str]:
        if isinstance(e, cst.Integer):
            return "int"
        if isinstance(e, cst.Float):
            return "float"
        if isinstance(e, cst.Imaginary):
            return "complex"
        if isinstance(e, cst.SimpleString):
            return "bytes" if "b" in e.prefix.lower() else "str"
        if isinstance(e, cst.ConcatenatedString):
            kinds = {self.of(e.left), self.of(e.right)}
            return kinds.pop() if len(kinds) == 1 else None
        if isinstance(e, cst.FormattedString):
            return "str"
        if isinstance(e, (cst.Tuple,)):
            return "tuple"
        if isinstance(e, (cst.List, cst.ListComp)):
            return "list"
        if isinstance(e, (cst.Dict, cst.DictComp)):
            return "dict"
        if isinstance(e, (cst.Set, cst.SetComp)):
            return "set"
        if isinstance(e, cst.Comparison):
            return "bool"
        if isinstance(e, cst.UnaryOperation):
            if isinstance(e.operator, cst.Not):
                return "bool"
            inner = self.of(e.expression)
            if inner == "bool":
                return "int"
            return inner if inner in _NUMERIC else None
        if isinstance(e, cst.BinaryOperation):
            return self._binop(self.of(e.left), e.operator, self.of(e.right), e.right)
        if isinstance(e, cst.IfExp):
            a, b = self.of(e.body), self.of(e.orelse)
            return a if a == b else None
        if isinstance(e, cst.Call):
            return self._call(e)
        if isinstance(e, cst.Name):
            if e.value in ("True", "False"):
                return "bool"
            return self._name(e)
        return None

    def _binop(self, left, op, right, right_node=None) -> Optional[str]:
        if "?" in (left, right):
            # one side is a variable still being resolved (a loop like `i = i + 1`)
            other = right if left == "?" else left
            if other == "?" or other in ("int", "bool") and not isinstance(op, (cst.Power, cst.MatrixMultiply)):
                return "?"
            if other == "float" and isinstance(op, (cst.Add, cst.Subtract, cst.Multiply, cst.Divide,
                                                    cst.FloorDivide, cst.Modulo, cst.Power)):
                return "float"
            return None
        if left == "bool":
            left = "int"
        if right == "bool":
            right = "int"
        if isinstance(op, cst.Power):
            if left == "int" and isinstance(right_node, cst.Integer):
                return "int"
            if left in ("float", "complex") or right in ("float", "complex"):
                return "complex" if "complex" in (left, right) else ("float" if left and right else None)
            return None
        if isinstance(op, cst.Modulo) and left in ("str", "bytes"):
            return left
        if isinstance(op, (cst.LeftShift, cst.RightShift, cst.BitAnd, cst.BitOr, cst.BitXor)):
            return "int" if left == right == "int" else None
        if isinstance(op, cst.MatrixMultiply):
            return None
        if isinstance(op, (cst.Add, cst.Subtract, cst.Multiply, cst.Divide, cst.FloorDivide)) and (
            left in ("float", "complex") or right in ("float", "complex")
        ) and (left in _NUMERIC or left is None) and (right in _NUMERIC or right is None):
            # `x * 1.0 / y`: arithmetic with a float is float (or an error) whatever x is
            return "complex" if "complex" in (left, right) else "float"
        if left in _NUMERIC and right in _NUMERIC:
            if "complex" in (left, right):
                return "complex"
            if "float" in (left, right):
                return "float"
            return "int"
        if isinstance(op, cst.Add) and left == right and left in ("str", "bytes", "list", "tuple"):
            return left
        if isinstance(op, cst.Multiply):
            for seq, n in ((left, right), (right, left)):
                if seq in ("str", "bytes", "list", "tuple") and n == "int":
                    return seq
        return None

    def _call(self, call: cst.Call) -> Optional[str]:
        func = call.func
        if isinstance(func, cst.Name):
            names = qualified_names(self.v, func)
            builtin = not names or names == {f"builtins.{func.value}"}
            if builtin:
                name = func.value
                if name in _INT_BUILTINS:
                    return "int"
                if name in _FLOAT_BUILTINS:
                    return "float"
                if name in _STR_BUILTINS:
                    return "str"
                if name in ("list", "sorted", "range"):
                    return "list"
                if name == "tuple":
                    return "tuple"
                if name == "dict":
                    return "dict"
                if name in ("set", "frozenset"):
                    return "set"
                if name in ("bool", "isinstance", "issubclass", "callable", "hasattr"):
                    return "bool"
                if name == "abs" and len(call.args) == 1:
                    t = self.of(call.args[0].value)
                    return t if t in ("int", "float") else ("int" if t == "bool" else None)
                if name in ("min", "max") and len(call.args) >= 2 and not any(a.star or a.keyword for a in call.args):
                    kinds = {self.of(a.value) for a in call.args}
                    kinds = {"int" if k == "bool" else k for k in kinds}
                    if len(kinds) == 1 and kinds <= {"int", "float", "str"}:
                        return kinds.pop()
                return None
            for n in names:
                if n.startswith("math."):
                    return "int" if n[5:] in _MATH_INT else "float"
                if n in ("time.time", "time.clock", "random.random", "random.uniform"):
                    return "float"
            return None
        if isinstance(func, cst.Attribute):
            names = qualified_names(self.v, func)
            for n in names:
                if n.startswith("math."):
                    return "int" if n[5:] in _MATH_INT else "float"
                if n in ("time.time", "time.clock", "random.random", "random.uniform"):
                    return "float"
            attr = func.attr.value
            if attr in _STR_METHODS:
                base = self.of(func.value)
                return "bytes" if base == "bytes" else "str"
            if attr == "join" and isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)):
                return self.of(func.value)
            if attr == "encode":
                return "bytes"
            if attr == "decode":
                return "str"
            if attr in _INT_METHODS and self.of(func.value) in ("str", "list", "tuple"):
                return "int"
            if attr in ("split", "rsplit", "splitlines") and self.of(func.value) == "str":
                return "list"
        return None

    # -- names ----------------------------------------------------------------------------------
    def _name(self, name: cst.Name) -> Optional[str]:
        scope = self.flow.scope(name)
        if scope is None:
            return None
        try:
            assignments = list(scope[name.value])
        except Exception:
            return None
        if not assignments:
            return None
        key = (id(scope), name.value)
        if key in self._busy:
            return "?"  # optimistic: resolved by the other assignments
        self._busy.add(key)
        try:
            kinds = set()
            for a in assignments:
                if not isinstance(a, Assignment) or isinstance(a.scope, ClassScope):
                    return None
                kinds.add(self._assigned(a.node))
                if None in kinds:
                    return None
            kinds.discard("?")
            kinds = {"int" if k == "bool" else k for k in kinds}
            if len(kinds) == 1:
                return kinds.pop()
            if kinds <= {"int", "float"} and kinds:
                return None
            return None
        finally:
            self._busy.discard(key)

    def _assigned(self, target: cst.CSTNode) -> Optional[str]:
        """The type of the value bound to the Name ``target`` by its assignment."""
        node = target
        parent = self.flow.parent(node)
        path = []
        while isinstance(parent, (cst.Tuple, cst.List, cst.Element, cst.StarredElement)):
            if isinstance(parent, cst.StarredElement):
                return None
            if isinstance(parent, (cst.Tuple, cst.List)):
                path.append(next(i for i, el in enumerate(parent.elements) if el is node))
            node = parent
            parent = self.flow.parent(node)
        path.reverse()
        if isinstance(parent, cst.AssignTarget):
            assign = self.flow.parent(parent)
            value = getattr(assign, "value", None)
            for i in path:
                if isinstance(value, (cst.Tuple, cst.List)) and i < len(value.elements) and not any(
                    isinstance(el, cst.StarredElement) for el in value.elements
                ):
                    value = value.elements[i].value
                else:
                    return None
            return self.of(value) if value is not None else None
        if isinstance(parent, cst.AnnAssign) and parent.target is node and not path:
            return self.of(parent.value) if parent.value is not None else None
        if isinstance(parent, cst.AugAssign) and parent.target is node:
            current = self.of(node)
            right = self.of(parent.value)
            if current == "?":
                # the variable's own type, whatever the other assignments make it
                if right in ("int", "bool") and not isinstance(parent.operator, cst.PowerAssign):
                    return "?"
                if right == "float" and not isinstance(parent.operator, (cst.LeftShiftAssign, cst.RightShiftAssign,
                                                                         cst.BitAndAssign, cst.BitOrAssign,
                                                                         cst.BitXorAssign)):
                    return "float"
                return None
            return self._binop(current, _BINARY.get(type(parent.operator)), right, parent.value)
        if isinstance(parent, (cst.For, cst.CompFor)) and parent.target is node or (
            isinstance(parent, (cst.For, cst.CompFor)) and path
        ):
            return self._loop_target(parent.iter, path)
        return None

    def _loop_target(self, iterable: cst.CSTNode, path: list[int]) -> Optional[str]:
        if not isinstance(iterable, cst.Call) or not isinstance(iterable.func, cst.Name):
            return None
        func = iterable.func
        names = qualified_names(self.v, func)
        builtin = not names or names == {f"builtins.{func.value}"}
        if not builtin:
            return None
        if func.value in ("range", "xrange") and not path:
            if all(self.is_int(a.value) for a in iterable.args if not a.keyword) and iterable.args:
                return "int"
            return None
        if func.value == "enumerate" and path[:1] == [0] and len(path) == 1:
            return "int"
        return None
