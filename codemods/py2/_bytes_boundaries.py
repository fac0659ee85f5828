"""Shared helpers of the bytes-boundary codemods (PY301–PY304): is an expression certainly
text, certainly bytes, and how to encode it. Names are matched by qualified name."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.names import qualified_names
from codemods.py2._syntax import receiver

TEXT_FUNCTIONS = frozenset({"json.dumps", "simplejson.dumps", "urllib.urlencode", "urllib.parse.urlencode"})
BYTES_METHODS = frozenset({"encode", "tobytes", "to_bytes", "digest", "pack"})


def _is_str_literal(node: cst.CSTNode) -> bool:
    if isinstance(node, cst.SimpleString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.ConcatenatedString):
        return _is_str_literal(node.left)
    return isinstance(node, cst.FormattedString)


def is_bytes_literal(node: cst.CSTNode) -> bool:
    if isinstance(node, cst.SimpleString):
        return "b" in node.prefix.lower()
    if isinstance(node, cst.ConcatenatedString):
        return is_bytes_literal(node.left)
    return False


def is_text(visitor, node: cst.CSTNode) -> bool:
    """``node`` certainly evaluates to ``str`` on Python 3 (when it evaluates at all)."""
    if _is_str_literal(node):
        return True
    if isinstance(node, cst.BinaryOperation):
        if isinstance(node.operator, cst.Modulo):
            return _is_str_literal(node.left)
        if isinstance(node.operator, cst.Add):
            return is_text(visitor, node.left) or is_text(visitor, node.right)
        return False
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("format", "join") and _is_str_literal(func.value):
            return True
        names = qualified_names(visitor, func)
        if names & TEXT_FUNCTIONS:
            return True
        if isinstance(func, cst.Name) and func.value in ("str", "unicode") and (
                not names or names <= {"builtins.str", "builtins.unicode"}) and len(node.args) <= 1:
            return True
    return False


def is_bytes(visitor, node: cst.CSTNode) -> bool:
    """``node`` is visibly bytes already."""
    if is_bytes_literal(node):
        return True
    if isinstance(node, cst.Call):
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in BYTES_METHODS:
            return True
        if isinstance(func, cst.Name) and func.value in ("bytes", "bytearray", "memoryview"):
            return True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Add, cst.Modulo)):
        return is_bytes_literal(node.left)
    return False


def encoded(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` as bytes: an ASCII literal becomes a bytes literal, the rest gets ``.encode('utf-8')``."""
    if isinstance(node, cst.SimpleString) and not node.lpar:
        prefix = node.prefix.lower()
        try:
            value = node.evaluated_value
        except Exception:
            value = None
        if "f" not in prefix and isinstance(value, str) and value.isascii():
            new_prefix = node.prefix.replace("u", "").replace("U", "")
            return node.with_changes(value="b" + new_prefix + node.value[len(node.prefix):])
    return cst.Call(
        func=cst.Attribute(value=receiver(node), attr=cst.Name("encode")),
        args=[cst.Arg(cst.SimpleString("'utf-8'"))],
    )


def params(fn: cst.FunctionDef) -> list[str]:
    p = fn.params
    return [x.name.value for x in (*p.posonly_params, *p.params, *p.kwonly_params)]


def walk(node: cst.CSTNode, into_functions: bool = False):
    """Every node under ``node`` (pre-order), not entering nested functions/classes/lambdas."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        for child in reversed(n.children):
            if not into_functions and isinstance(child, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
                continue
            stack.append(child)


def single_binding(fn: cst.FunctionDef, name: str) -> Optional[cst.Assign]:
    """The only binding of local ``name`` in ``fn`` when it is one plain ``name = value``."""
    found: list[cst.CSTNode] = []
    for n in walk(fn.body):
        if isinstance(n, cst.Assign):
            for t in n.targets:
                for m in walk(t.target):
                    if isinstance(m, cst.Name) and m.value == name:
                        found.append(n)
        elif isinstance(n, (cst.AugAssign, cst.AnnAssign)) and isinstance(n.target, cst.Name) and n.target.value == name:
            found.append(n)
        elif isinstance(n, (cst.For, cst.CompFor)):
            if any(isinstance(m, cst.Name) and m.value == name for m in walk(n.target)):
                found.append(n)
        elif isinstance(n, cst.AsName) and isinstance(n.name, cst.Name) and n.name.value == name:
            found.append(n)
        elif isinstance(n, (cst.Global, cst.Nonlocal)) and any(x.name.value == name for x in n.names):
            found.append(n)
    if name in params(fn):
        return None
    if len(found) == 1 and isinstance(found[0], cst.Assign) and len(found[0].targets) == 1 \
            and isinstance(found[0].targets[0].target, cst.Name):
        return found[0]
    return None
