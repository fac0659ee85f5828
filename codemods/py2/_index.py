"""One walk of the module that every idiom codemod's ``prepare`` shares (not a codemod).

The engine parses a file once and hands the same tree to every codemod; the idiom
codemods need the same few lists (imports, attribute references, names, class bodies) to
plan their rewrites. :func:`index` walks the tree once and keeps the result for that tree,
so eight module-moving codemods cost one walk, not twenty-four.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst


@dataclass
class Index:
    imports: list = field(default_factory=list)  # Import nodes
    import_froms: list = field(default_factory=list)  # ImportFrom nodes
    attributes: list = field(default_factory=list)  # Attribute nodes outside imports, pre-order
    names: dict = field(default_factory=dict)  # value -> [Name nodes outside imports]
    classes: list = field(default_factory=list)  # ClassDef nodes
    self_attributes: set = field(default_factory=set)  # X in ``self.X = ...`` / ``cls.X = ...``
    divides: bool = False  # the module has ``/`` or ``/=``
    zero_arg_method_calls: dict = field(default_factory=dict)  # attr name -> [Call nodes ``x.attr()``]
    method_calls: dict = field(default_factory=dict)  # attr name -> [Call nodes ``x.attr(...)`` with args]
    function_calls: dict = field(default_factory=dict)  # name -> [Call nodes ``name(...)``]

    _class_members: set | None = None

    def class_members(self) -> set:
        """Names defined directly in any class body (methods, class attributes) and
        attributes assigned on ``self``/``cls``: what the module's own classes define."""
        if self._class_members is None:
            found = set(self.self_attributes)
            for cls in self.classes:
                if not isinstance(cls.body, cst.IndentedBlock):
                    continue
                for stmt in cls.body.body:
                    if isinstance(stmt, cst.FunctionDef):
                        found.add(stmt.name.value)
                    elif isinstance(stmt, cst.SimpleStatementLine):
                        for small in stmt.body:
                            targets = small.targets if isinstance(small, cst.Assign) else (
                                [small] if isinstance(small, cst.AnnAssign) else [])
                            for t in targets:
                                if isinstance(t.target, cst.Name):
                                    found.add(t.target.value)
            self._class_members = found
        return self._class_members


class _Walk(cst.CSTVisitor):
    def __init__(self, out: Index) -> None:
        super().__init__()
        self.out = out

    def visit_Import(self, node: cst.Import) -> bool:
        self.out.imports.append(node)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        self.out.import_froms.append(node)
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.out.attributes.append(node)

    def visit_Name(self, node: cst.Name) -> None:
        self.out.names.setdefault(node.value, []).append(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.out.classes.append(node)

    def visit_Divide(self, node: cst.Divide) -> None:
        self.out.divides = True

    def visit_DivideAssign(self, node: cst.DivideAssign) -> None:
        self.out.divides = True

    def visit_Call(self, node: cst.Call) -> None:
        f = node.func
        if isinstance(f, cst.Attribute):
            table = self.out.method_calls if node.args else self.out.zero_arg_method_calls
            table.setdefault(f.attr.value, []).append(node)
        elif isinstance(f, cst.Name):
            self.out.function_calls.setdefault(f.value, []).append(node)

    def _self_target(self, t: cst.BaseExpression) -> None:
        if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value in ("self", "cls"):
            self.out.self_attributes.add(t.attr.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._self_target(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._self_target(node.target)


_last: list = [None, None]


def index(module: cst.Module) -> Index:
    """The index of ``module`` (computed once per tree)."""
    if _last[0] is module:
        return _last[1]
    out = Index()
    module.visit(_Walk(out))
    _last[0], _last[1] = module, out
    return out
