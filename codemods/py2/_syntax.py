"""Small libcst helpers shared by the Python 2 idiom codemods (not a codemod itself)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import libcst as cst
from libcst.metadata import BuiltinAssignment, ImportAssignment, ScopeProvider

# Expressions that can take ``.method()`` / ``[i]`` / ``(args)`` without parentheses.
_ATOMS = (
    cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString, cst.FormattedString,
    cst.List, cst.Dict, cst.Set, cst.Tuple, cst.ListComp, cst.DictComp, cst.SetComp, cst.Ellipsis,
)


def expr(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)


def code_of(node: cst.CSTNode) -> str:
    return cst.Module(body=()).code_for_node(node)


def parenthesized(node: cst.BaseExpression) -> bool:
    return bool(getattr(node, "lpar", ()))


def paren(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` wrapped in parentheses (unless it already is)."""
    if parenthesized(node):
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def receiver(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` made safe to be followed by ``.attr``: atoms stay, the rest gets parentheses."""
    if parenthesized(node) or (isinstance(node, _ATOMS) and not isinstance(node, cst.Tuple)):
        return node
    if isinstance(node, cst.Tuple):
        return paren(node)
    return paren(node)


def operand(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` made safe as an operand of a comparison (``k in d``)."""
    if parenthesized(node):
        return node
    if isinstance(node, (cst.BooleanOperation, cst.UnaryOperation, cst.Comparison, cst.IfExp, cst.Lambda,
                         cst.NamedExpr, cst.Yield, cst.Await)):
        if isinstance(node, cst.UnaryOperation) and not isinstance(node.operator, cst.Not):
            return node
        return paren(node)
    return node


def bare(node: cst.BaseExpression) -> cst.BaseExpression:
    """``node`` without its outer parentheses."""
    if parenthesized(node):
        return node.with_changes(lpar=[], rpar=[])
    return node


def keep_parens(new: cst.BaseExpression, old: cst.BaseExpression) -> cst.BaseExpression:
    if parenthesized(old) and hasattr(new, "lpar") and not parenthesized(new):
        return new.with_changes(lpar=old.lpar, rpar=old.rpar)
    return new


def arg(value: cst.BaseExpression, keyword: str | None = None, star: str = "") -> cst.Arg:
    return cst.Arg(value=value, keyword=cst.Name(keyword) if keyword else None, star=star,
                   equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")) if keyword
                   else cst.MaybeSentinel.DEFAULT)


def call(func: cst.BaseExpression | str, args: Sequence[cst.Arg] = ()) -> cst.Call:
    if isinstance(func, str):
        func = expr(func)
    return cst.Call(func=func, args=with_commas(args))


def with_commas(args: Sequence[cst.Arg]) -> list[cst.Arg]:
    """``args`` with ``, `` between them and no trailing comma."""
    out = []
    for i, a in enumerate(args):
        last = i == len(args) - 1
        out.append(a.with_changes(comma=cst.MaybeSentinel.DEFAULT if last else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))))
    return out


def positional(call_node: cst.Call) -> list[cst.BaseExpression] | None:
    """The positional argument values of a call that has only plain positional arguments."""
    out = []
    for a in call_node.args:
        if a.keyword is not None or a.star:
            return None
        out.append(a.value)
    return out


def string_value(node: cst.CSTNode) -> str | None:
    """The value of a plain (non-f, non-concatenated) string literal."""
    if isinstance(node, cst.SimpleString):
        try:
            return node.evaluated_value if isinstance(node.evaluated_value, str) else None
        except (ValueError, SyntaxError, UnicodeError):
            return None
    return None


def first_name(node: cst.CSTNode) -> cst.Name | None:
    """The leftmost Name of an ``a.b.c`` chain."""
    while isinstance(node, cst.Attribute):
        node = node.value
    return node if isinstance(node, cst.Name) else None


def scope_of(visitor, node: cst.CSTNode):
    try:
        return visitor.get_metadata(ScopeProvider, node)
    except KeyError:
        return None


def free_builtin(visitor, site: cst.CSTNode, name: str) -> bool:
    """At ``site``, ``name`` would mean the builtin (nothing in any enclosing scope binds it)."""
    scope = scope_of(visitor, site)
    if scope is None:
        return False
    return all(isinstance(a, BuiltinAssignment) for a in scope[name])


def free_module(visitor, site: cst.CSTNode, top: str) -> bool:
    """At ``site``, ``top`` is unbound or bound only by ``import top[.x]`` (so an added
    ``import top.x`` makes ``top.x`` work there)."""
    scope = scope_of(visitor, site)
    if scope is None:
        return False
    for a in scope[top]:
        if isinstance(a, ImportAssignment) and isinstance(a.node, cst.Import) and any(
            al.asname is None and _full(al.name).split(".")[0] == top for al in a.node.names
        ):
            continue
        return False
    return True


def _full(node: cst.CSTNode) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_full(node.value)}.{node.attr.value}"
    return ""


full_name = _full


def names_in(nodes: Iterable[cst.CSTNode]) -> set[str]:
    out: set[str] = set()

    class V(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            out.add(node.value)

    for n in nodes:
        n.visit(V())
    return out


def is_free_builtin(visitor, node: cst.CSTNode, name: str | None = None) -> bool:
    """``node`` is a Name *read* as a free name that only a builtin (of Python 2 or 3) can
    satisfy: not an attribute name, keyword, import alias, parameter, local, global or import.
    The visitor must declare ScopeProvider."""
    if not isinstance(node, cst.Name) or (name is not None and node.value != name):
        return False
    scope = scope_of(visitor, node)
    if scope is None:
        return False
    if not any(acc.node is node for acc in scope.accesses[node.value]):
        return False
    return all(isinstance(a, BuiltinAssignment) for a in scope[node.value])
