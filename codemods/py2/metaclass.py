"""Turn the ``__metaclass__`` class attribute into the ``metaclass=`` keyword.

What it does
    ``class C(Base):`` with ``__metaclass__ = M`` in its body → ``class C(Base,
    metaclass=M):`` and the assignment goes (``pass`` is left if the body is empty).

Why
    Python 3 ignores a ``__metaclass__`` attribute: the class is silently built by ``type``,
    so registries, ABC checks and ORMs built on the metaclass stop working.

When it is unsafe
    When ``M`` names something defined inside the class body (it is evaluated outside the
    body now) or the class already has a ``metaclass=`` keyword: review, no rewrite. An
    assignment under ``if`` in the class body is not seen. A module-level ``__metaclass__ =
    type`` (the Ansible boilerplate that made classic classes new-style) is harmless in
    Python 3 and stays; any other module-level ``__metaclass__`` no longer applies to the
    classes below it: review.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Codemod, Example
from codemods.py2._syntax import names_in


def _is_meta_assign(small: cst.CSTNode) -> bool:
    return (
        isinstance(small, cst.Assign)
        and len(small.targets) == 1
        and isinstance(small.targets[0].target, cst.Name)
        and small.targets[0].target.value == "__metaclass__"
    )


class _Bound(cst.CSTVisitor):
    """Names bound directly in a class body (not in nested functions)."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.names.add(node.name.value)
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.names.add(node.name.value)
        return False

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.names |= names_in([node.target])

    def visit_Import(self, node: cst.Import) -> None:
        for al in node.names:
            self.names.add(al.evaluated_alias or al.evaluated_name.split(".")[0])

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if not isinstance(node.names, cst.ImportStar):
            for al in node.names:
                self.names.add(al.evaluated_alias or al.evaluated_name)


class Metaclass(Codemod):
    ID = "PY117"
    NAME = "metaclass"
    DESCRIPTION = "__metaclass__ = M → class C(metaclass=M)"
    TRIGGERS = frozenset({"__metaclass__"})
    EXAMPLES = (
        Example(
            """
            class Plugin(Base):
                __metaclass__ = Registry
                name = 'x'
            """,
            """
            class Plugin(Base, metaclass=Registry):
                name = 'x'
            """,
        ),
        Example(
            """
            class Shape:
                '''A shape.'''
                __metaclass__ = abc.ABCMeta
            """,
            """
            class Shape(metaclass=abc.ABCMeta):
                '''A shape.'''
            """,
        ),
        Example(
            """
            class Empty(object):
                __metaclass__ = M
            """,
            """
            class Empty(object, metaclass=M):
                pass
            """,
        ),
        Example(
            """
            class C(object):
                Meta = make_meta()
                __metaclass__ = Meta
            """,
            review=("PY117",),
        ),
        Example("__metaclass__ = Registry\n", review=("PY117",)),
        Example("__metaclass__ = type\n"),
    )

    def visit_Module(self, node: cst.Module) -> None:
        for stmt in node.body:
            if isinstance(stmt, cst.SimpleStatementLine) and any(
                _is_meta_assign(s) and not (isinstance(s.value, cst.Name) and s.value.value == "type") for s in stmt.body
            ):
                self.review(stmt, "a module-level __metaclass__ has no effect in Python 3: set metaclass= on each class")

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        body = updated_node.body
        if not isinstance(body, cst.IndentedBlock):
            return updated_node
        found = None
        for i, stmt in enumerate(body.body):
            if isinstance(stmt, cst.SimpleStatementLine):
                for j, small in enumerate(stmt.body):
                    if _is_meta_assign(small):
                        found = (i, j, small)
        if found is None:
            return updated_node
        i, j, assign = found
        meta = assign.value
        bound = _Bound()
        for stmt in body.body:
            stmt.visit(bound)
        bound.names.discard("__metaclass__")
        clash = names_in([meta]) & bound.names
        if clash or any(k.keyword and k.keyword.value == "metaclass" for k in updated_node.keywords):
            self.review(original_node, "__metaclass__ cannot move to the class line here; write class C(..., metaclass=M) by hand")
            return updated_node
        stmt = body.body[i]
        rest = [s for k, s in enumerate(stmt.body) if k != j]
        new_body = list(body.body)
        if rest:
            rest[-1] = rest[-1].with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            new_body[i] = stmt.with_changes(body=rest)
        else:
            del new_body[i]
        if not new_body:
            new_body = [cst.SimpleStatementLine(body=[cst.Pass()])]
        bases = list(updated_node.bases)
        if bases:
            bases[-1] = bases[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        keyword = cst.Arg(value=meta, keyword=cst.Name("metaclass"),
                          equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
        keywords = list(updated_node.keywords)
        if keywords:
            keywords[-1] = keywords[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        self.changed(original_node)
        return updated_node.with_changes(
            bases=bases,
            keywords=[*keywords, keyword],
            lpar=cst.LeftParen() if isinstance(updated_node.lpar, cst.MaybeSentinel) else updated_node.lpar,
            rpar=cst.RightParen() if isinstance(updated_node.rpar, cst.MaybeSentinel) else updated_node.rpar,
            body=body.with_changes(body=new_body),
        )
