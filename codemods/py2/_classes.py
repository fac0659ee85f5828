"""Class-body helpers for the dunder codemods (PY212–PY216, PY231)."""
from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst

RICH = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")


def members(cls: cst.ClassDef) -> dict[str, cst.CSTNode]:
    """Names bound directly in the class body: methods and ``name = ...`` assignments."""
    out: dict[str, cst.CSTNode] = {}
    if not isinstance(cls.body, cst.IndentedBlock):
        return out
    for stmt in cls.body.body:
        if isinstance(stmt, cst.FunctionDef):
            out[stmt.name.value] = stmt
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                targets = []
                if isinstance(small, cst.Assign):
                    targets = [t.target for t in small.targets]
                elif isinstance(small, cst.AnnAssign):
                    targets = [small.target]
                for t in targets:
                    if isinstance(t, cst.Name):
                        out[t.value] = stmt
        elif isinstance(stmt, (cst.If, cst.Try)):
            # conditional definitions: count them as defined
            for inner in _walk_defs(stmt):
                out.setdefault(inner.name.value, stmt)
    return out


def _walk_defs(node: cst.CSTNode) -> Iterable[cst.FunctionDef]:
    found = []

    class _V(cst.CSTVisitor):
        def visit_FunctionDef(self, n: cst.FunctionDef) -> bool:
            found.append(n)
            return False

        def visit_ClassDef(self, n) -> bool:
            return False

    node.visit(_V())
    return found


def module_classes(module: cst.Module) -> dict[str, cst.ClassDef]:
    return {s.name.value: s for s in module.body if isinstance(s, cst.ClassDef)}


def module_metaclass(module: cst.Module) -> bool:
    """A module-level ``__metaclass__ = ...`` makes bare classes new-style in Python 2."""
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign) and any(
                    isinstance(t.target, cst.Name) and t.target.value == "__metaclass__" for t in small.targets
                ):
                    return True
    return False


def base_names(cls: cst.ClassDef) -> list[Optional[str]]:
    out = []
    for b in cls.bases:
        if b.keyword is not None or b.star:
            continue
        v = b.value
        out.append(v.value if isinstance(v, cst.Name) else None)
    return out


def is_old_style(cls: cst.ClassDef, classes: dict[str, cst.ClassDef], new_style_module: bool, depth: int = 0) -> bool:
    """True when the class is a Python 2 classic class: no bases (and no module-level
    ``__metaclass__``/class ``__metaclass__``), or only classic bases of this module."""
    if new_style_module or depth > 10 or "__metaclass__" in members(cls):
        return False
    if any(b.keyword is not None for b in cls.bases):
        return False
    names = base_names(cls)
    if not names:
        return not cls.bases
    for n in names:
        if n is None or n not in classes or classes[n] is cls:
            return False
        if not is_old_style(classes[n], classes, new_style_module, depth + 1):
            return False
    return True


def inherited(cls: cst.ClassDef, classes: dict[str, cst.ClassDef], depth: int = 0) -> set[str]:
    """Names defined by the module-local bases of ``cls`` (recursively)."""
    out: set[str] = set()
    if depth > 10:
        return out
    for n in base_names(cls):
        if n and n in classes and classes[n] is not cls:
            out |= set(members(classes[n]))
            out |= inherited(classes[n], classes, depth + 1)
    return out


def has_plain_bases(cls: cst.ClassDef) -> bool:
    """No bases, or only ``object``."""
    names = base_names(cls)
    return len(names) == len(cls.bases) and all(n == "object" for n in names)


def insert_after(cls: cst.ClassDef, anchor_name: str, new: list[cst.BaseStatement]) -> cst.ClassDef:
    """``new`` statements right after the definition of ``anchor_name`` (else at the end)."""
    body = list(cls.body.body)
    index = len(body)
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value == anchor_name:
            index = i + 1
        elif isinstance(stmt, cst.SimpleStatementLine) and any(
            isinstance(s, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == anchor_name for t in s.targets)
            for s in stmt.body
        ):
            index = i + 1
    # keep the class's spacing: a blank line before each new statement if the anchor has one
    anchor = body[index - 1] if 0 < index <= len(body) else None
    if anchor is not None and any(line.comment is None for line in getattr(anchor, "leading_lines", ())):
        new = [
            n.with_changes(leading_lines=[cst.EmptyLine(indent=False)]) if not n.leading_lines else n for n in new
        ]
    body[index:index] = new
    return cls.with_changes(body=cls.body.with_changes(body=body))


def statements(text: str) -> list[cst.BaseStatement]:
    return list(cst.parse_module(text).body)


def referenced_names(module: cst.Module) -> dict[str, int]:
    """How often each identifier is used as a name or attribute name (``def`` names and
    assignment targets in class bodies are not uses)."""
    counts: dict[str, int] = {}

    class _V(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            counts[node.name.value] = counts.get(node.name.value, 0) - 1

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            if isinstance(node.target, cst.Name):
                counts[node.target.value] = counts.get(node.target.value, 0) - 1

        def visit_Name(self, node: cst.Name) -> None:
            counts[node.value] = counts.get(node.value, 0) + 1

    module.visit(_V())
    return counts


def rename_member(cls: cst.ClassDef, old: str, new: str) -> cst.ClassDef:
    """``def old`` → ``def new`` and ``old = ...`` → ``new = ...`` in the class body."""
    body = []
    for stmt in cls.body.body:
        if isinstance(stmt, cst.FunctionDef) and stmt.name.value == old:
            stmt = stmt.with_changes(name=stmt.name.with_changes(value=new))
        elif isinstance(stmt, cst.SimpleStatementLine):
            smalls = []
            for small in stmt.body:
                if isinstance(small, cst.Assign):
                    small = small.with_changes(
                        targets=[
                            t.with_changes(target=cst.Name(new))
                            if isinstance(t.target, cst.Name) and t.target.value == old
                            else t
                            for t in small.targets
                        ]
                    )
                smalls.append(small)
            stmt = stmt.with_changes(body=smalls)
        body.append(stmt)
    return cls.with_changes(body=cls.body.with_changes(body=body))


def alias_statement(old: str, new: str, like: Optional[cst.CSTNode] = None) -> cst.BaseStatement:
    stmt = statements(f"{old} = {new}\n")[0]
    return stmt
