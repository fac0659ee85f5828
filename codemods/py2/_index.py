"""What the idiom codemods' ``prepare`` needs to know of a module, read off the shared walk
(:mod:`migrator.walk`) once (not a codemod).

The engine parses a file once and hands the same tree to every codemod; the idiom
codemods need the same few lists (imports, attribute references, names, class bodies) to
plan their rewrites. :func:`index` walks the tree once and keeps the result for that tree,
so eight module-moving codemods cost one walk, not twenty-four.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from migrator.walk import tree


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


def _build(module: cst.Module) -> Index:
    out = Index()
    shared = tree(module)
    nodes, end = shared.nodes, shared.end
    names, calls = out.names, out.function_calls
    i, n = 0, len(nodes)
    while i < n:
        node = nodes[i]
        tp = type(node)
        if tp is cst.Name:
            names.setdefault(node.value, []).append(node)
        elif tp is cst.Attribute:
            out.attributes.append(node)
        elif tp is cst.Call:
            f = node.func
            if type(f) is cst.Attribute:
                table = out.method_calls if node.args else out.zero_arg_method_calls
                table.setdefault(f.attr.value, []).append(node)
            elif type(f) is cst.Name:
                calls.setdefault(f.value, []).append(node)
        elif tp is cst.Import or tp is cst.ImportFrom:
            (out.imports if tp is cst.Import else out.import_froms).append(node)
            i = end[node]  # names inside imports are not references
            continue
        elif tp is cst.ClassDef:
            out.classes.append(node)
        elif tp is cst.Divide or tp is cst.DivideAssign:
            out.divides = True
        elif tp is cst.AssignTarget or tp is cst.AnnAssign:
            t = node.target
            if type(t) is cst.Attribute and type(t.value) is cst.Name and t.value.value in ("self", "cls"):
                out.self_attributes.add(t.attr.value)
        i += 1
    return out


_last: list = [None, None]


def index(module: cst.Module) -> Index:
    """The index of ``module`` (computed once per tree)."""
    if _last[0] is module:
        return _last[1]
    out = _build(module)
    _last[0], _last[1] = module, out
    return out
