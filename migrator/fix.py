"""Stage 4a — fix: run every selected codemod over one parsed tree in one traversal.

Codemods are libcst transformers. :class:`Batch` drives all of them through a single walk
of the tree: on the way down each codemod's ``visit_*`` runs (a codemod that returns
False stops seeing that subtree; the others go on), on the way up the ``leave_*``
results are chained, each codemod receiving the node as the previous one left it. A
codemod that replaces a node by one of another type ends the chain for that node; the
rest see it on the next run (the engine reports that as "changes pending" on a second
run, which the idempotence tests catch).

Metadata is resolved once for the union of what the codemods declare. Imports the
codemods asked for are added/removed afterwards by libcst's own
``AddImportsVisitor`` / ``RemoveImportsVisitor``.

Codemods that cannot work node by node set ``BATCHABLE = False`` and run after the batch
with their own ``transform_module``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Optional, Sequence, Union

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from codemods.base import FINDINGS_KEY, Codemod
from migrator.findings import Finding
from migrator.parse import wrap

_Result = Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]


class Batch(cst.CSTTransformer):
    def __init__(self, members: Sequence[cst.CSTTransformer]) -> None:
        super().__init__()
        self.members = list(members)
        self._pruned_at: dict[int, cst.CSTNode] = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        descend = False
        for i, member in enumerate(self.members):
            if i in self._pruned_at:
                continue
            if member.on_visit(node) is False:
                self._pruned_at[i] = node
            else:
                descend = True
        return descend

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> _Result:
        result: _Result = updated_node
        for i, member in enumerate(self.members):
            pruned = self._pruned_at.get(i)
            if pruned is not None:
                if pruned is not original_node:
                    continue
                del self._pruned_at[i]
            if type(result) is not type(original_node):
                continue
            result = member.on_leave(original_node, result)
        return result

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        for i, member in enumerate(self.members):
            if i not in self._pruned_at:
                member.on_visit_attribute(node, attribute)

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        for i, member in enumerate(self.members):
            if i not in self._pruned_at:
                member.on_leave_attribute(original_node, attribute)


def fix_module(
    module: cst.Module,
    codemods: Iterable[type[Codemod]],
    *,
    filename: Optional[str] = None,
    options: Optional[dict] = None,
) -> tuple[cst.Module, list[Finding]]:
    """Apply ``codemods`` to ``module``; return the new module and the findings recorded."""
    classes = list(codemods)
    context = CodemodContext(filename=filename)
    batchable = [c for c in classes if getattr(c, "BATCHABLE", True)]
    solo = [c for c in classes if not getattr(c, "BATCHABLE", True)]
    if batchable:
        wrapper = wrap(module)
        ctx = replace(context, wrapper=wrapper)
        members = [cls(ctx, options) for cls in batchable]
        deps = set()
        for m in members:
            deps |= set(m.get_inherited_dependencies())
        resolved = wrapper.resolve_many(deps)
        for m in members:
            m.metadata = {k: resolved[k] for k in m.get_inherited_dependencies()}
            if hasattr(m, "prepare"):
                m.prepare(wrapper.module)
        module = wrapper.module.visit(Batch(members))
        for m in members:
            m.metadata = {}
    for cls in solo:
        module = cls(context, options).transform_module(module)
    if context.scratch.get(AddImportsVisitor.CONTEXT_KEY):
        module = AddImportsVisitor(context).transform_module(module)
    if context.scratch.get(RemoveImportsVisitor.CONTEXT_KEY):
        module = RemoveImportsVisitor(context).transform_module(module)
    return module, list(context.scratch.get(FINDINGS_KEY, []))
