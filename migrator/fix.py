"""Stage 4a — fix: run every selected codemod over one parsed tree in one traversal.

Codemods are libcst transformers. :class:`Batch` drives all of them through a single walk
of the tree: on the way down each codemod's ``visit_*`` runs (a codemod that returns
False stops seeing that subtree; the others go on), on the way up the ``leave_*``
results are chained, each codemod receiving the node as the previous one left it. A
codemod that replaces a node by one of another type ends the chain for that node; the
rest see it on the next run (the engine reports that as "changes pending" on a second
run, which the idempotence tests catch).

Metadata is resolved lazily and once per provider: the first time any codemod asks for
it. A file whose codemods never ask (a trigger word that turns out to be something
else; no parent lookups) pays for none of it.
Imports the codemods asked for are added/removed afterwards by libcst's own
``AddImportsVisitor`` / ``RemoveImportsVisitor``, run on the tree without the defensive
deep copy ``transform_module`` makes.

Codemods that cannot work node by node set ``BATCHABLE = False`` and run after the batch
with their own ``transform_module``.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Optional, Sequence, Union

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.matchers import MatcherDecoratableTransformer

from codemods.base import FINDINGS_KEY, PENDING_KEY, Codemod
from migrator.findings import Finding
from migrator.metadata import LazyMetadata
from migrator.parse import wrap
from migrator.position import place
from migrator.traversal import hook_names, hook_types

_Result = Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel]


class Batch(cst.CSTTransformer):
    """Drive several transformers through one traversal (see the module docstring).

    Dispatch is by node type: for each type the batch looks up, once, which members have a
    ``visit_<Type>`` / ``leave_<Type>`` (or attribute hooks), and calls only those. Members
    that use libcst matcher decorators get every node through their own ``on_visit`` /
    ``on_leave`` (that is how the decorators work).
    """

    def __init__(self, members: Sequence[cst.CSTTransformer]) -> None:
        super().__init__()
        self.members = list(members)
        self._generic = [self._uses_matchers(m) for m in self.members]
        self._pruned_at: dict[int, cst.CSTNode] = {}
        self._visit_table: dict[type, list[tuple[int, Callable]]] = {}
        self._leave_table: dict[type, list[tuple[int, Callable]]] = {}
        self._attr_table: dict[tuple[type, str, str], list[tuple[int, Callable]]] = {}
        # Attribute hooks (visit_<Type>_<attr>) are rare: only members that define one, or
        # that dispatch generically, are asked about attributes at all.
        self._attr_members = [
            i for i, m in enumerate(self.members)
            if self._generic[i] or hook_types(hook_names(type(m)))
        ]

    @staticmethod
    def _uses_matchers(member: cst.CSTTransformer) -> bool:
        """Whether ``member`` needs every node through its own on_visit/on_leave: it uses
        matcher decorators or overrides the generic hooks itself."""
        cls = type(member)
        for hook in ("on_visit", "on_leave", "on_visit_attribute", "on_leave_attribute"):
            if getattr(cls, hook) not in (getattr(MatcherDecoratableTransformer, hook), getattr(cst.CSTTransformer, hook)):
                return True
        if isinstance(member, MatcherDecoratableTransformer):
            return bool(member._matchers or member._extra_visit_funcs or member._extra_leave_funcs)
        return False

    def _hooks(self, table: dict, key, prefix: str, name: str) -> list[tuple[int, Callable]]:
        hooks = table.get(key)
        if hooks is None:
            hooks = []
            for i, member in enumerate(self.members):
                if self._generic[i]:
                    hooks.append((i, getattr(member, prefix)))
                else:
                    fn = getattr(member, name, None)
                    if fn is not None:
                        hooks.append((i, fn))
            table[key] = hooks
        return hooks

    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = type(node)
        hooks = self._visit_table.get(kind)
        if hooks is None:
            hooks = self._hooks(self._visit_table, kind, "on_visit", f"visit_{kind.__name__}")
        pruned = self._pruned_at
        for i, fn in hooks:
            if i in pruned:
                continue
            if fn(node) is False:
                pruned[i] = node
        # Descend unless every member has pruned this subtree.
        return len(pruned) < len(self.members)

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> _Result:
        kind = type(original_node)
        pruned = self._pruned_at
        if pruned:
            for i in [i for i, at in pruned.items() if at is original_node]:
                del pruned[i]  # leave hooks still run for the node where a member pruned
        result: _Result = updated_node
        hooks = self._leave_table.get(kind)
        if hooks is None:
            hooks = self._hooks(self._leave_table, kind, "on_leave", f"leave_{kind.__name__}")
        for i, fn in hooks:
            if i in pruned:
                continue
            if type(result) is not kind:
                break
            result = fn(original_node, result)
        return result

    def _attribute(self, node: cst.CSTNode, attribute: str, phase: str) -> None:
        if not self._attr_members:
            return
        kind = type(node)
        hooks = self._attr_table.get((kind, attribute, phase))
        if hooks is None:
            hooks = []
            for i in self._attr_members:
                member = self.members[i]
                if self._generic[i]:
                    hooks.append((i, getattr(member, f"on_{phase}_attribute")))
                else:
                    fn = getattr(member, f"{phase}_{kind.__name__}_{attribute}", None)
                    if fn is not None:
                        hooks.append((i, lambda n, _a, fn=fn: fn(n)))
            self._attr_table[(kind, attribute, phase)] = hooks
        for i, fn in hooks:
            if i not in self._pruned_at:
                fn(node, attribute)

    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        self._attribute(node, attribute, "visit")

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        self._attribute(original_node, attribute, "leave")


def fix_module(
    module: cst.Module,
    codemods: Iterable[type[Codemod]],
    *,
    filename: Optional[str] = None,
    options: Optional[dict] = None,
    imports: bool = True,
    metadata: Optional[LazyMetadata] = None,
) -> tuple[cst.Module, list[Finding]]:
    """Apply ``codemods`` to ``module``; return the new module and the findings recorded.

    ``imports=False`` skips adding/removing the imports the codemods asked for (two more
    passes over the tree): for dry runs that want the findings only (the report).
    ``metadata``: the lazily resolved metadata of ``module`` (with its wrapper), shared with
    the other passes over the same tree (the checker, in the report)."""
    classes = list(codemods)
    context = CodemodContext(filename=filename)
    batchable = [c for c in classes if getattr(c, "BATCHABLE", True)]
    solo = [c for c in classes if not getattr(c, "BATCHABLE", True)]
    if batchable:
        if metadata is None or metadata.wrapper.module is not module:
            metadata = LazyMetadata(wrap(module))
        wrapper = metadata.wrapper
        ctx = replace(context, wrapper=wrapper)
        members = [m for m in (cls(ctx, options) for cls in batchable) if m.active]
        deps: set = set()
        for m in members:
            deps |= set(m.get_inherited_dependencies())
        metadata.providers |= deps
        for m in members:
            m.metadata = metadata
            if hasattr(m, "prepare"):
                m.prepare(wrapper.module)
        module = wrapper.module.visit(Batch(members))
        for m in members:
            finish = getattr(m, "finish", None)
            if finish is not None:
                module = finish(module)
            m.metadata = {}
        _settle(context, wrapper.module)
    for cls in solo:
        before = module
        module = transform(cls(context, options), module)
        _settle(context, before)
    if not imports:
        return module, list(context.scratch.get(FINDINGS_KEY, []))
    if context.scratch.get(AddImportsVisitor.CONTEXT_KEY):
        module = add_imports(context, module)
    if context.scratch.get(RemoveImportsVisitor.CONTEXT_KEY):
        module = transform(RemoveImportsVisitor(context), module)
    return module, list(context.scratch.get(FINDINGS_KEY, []))


def _settle(context: CodemodContext, module: cst.Module) -> None:
    """Turn the nodes the codemods recorded findings at into lines and columns of
    ``module`` (the tree they were recorded against), all in one pass."""
    pending = context.scratch.pop(PENDING_KEY, None)
    if pending:
        context.scratch.setdefault(FINDINGS_KEY, []).extend(place(module, pending))


_HIDDEN = "__migrator_hidden_statement_{}__"


def add_imports(context: CodemodContext, module: cst.Module) -> cst.Module:
    """Run libcst's ``AddImportsVisitor`` for the imports the codemods asked for.

    It reads and edits only the module's top-level statements but walks the whole tree
    twice to do so; it gets the module with every top-level compound statement (def,
    class, if, try, …) stood in for by a one-line placeholder, and the statements are put
    back afterwards — the same result for a fraction of the walk."""
    body = list(module.body)
    hidden: dict[str, cst.BaseStatement] = {}
    shallow = []
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.BaseCompoundStatement):
            name = _HIDDEN.format(i)
            hidden[name] = stmt
            stmt = cst.SimpleStatementLine(body=[cst.Expr(cst.Name(name))], leading_lines=stmt.leading_lines)
        shallow.append(stmt)
    if not hidden:
        return transform(AddImportsVisitor(context), module)
    added = transform(AddImportsVisitor(context), module.with_changes(body=shallow))
    restored = []
    for stmt in added.body:
        if (
            isinstance(stmt, cst.SimpleStatementLine)
            and len(stmt.body) == 1
            and isinstance(stmt.body[0], cst.Expr)
            and isinstance(stmt.body[0].value, cst.Name)
            and stmt.body[0].value.value in hidden
        ):
            original = hidden.pop(stmt.body[0].value.value)
            if stmt.leading_lines != original.leading_lines:
                original = original.with_changes(leading_lines=stmt.leading_lines)
            stmt = original
        restored.append(stmt)
    if hidden:  # a placeholder went missing: never lose code, take the long way
        return transform(AddImportsVisitor(context), module)
    return added.with_changes(body=restored)


def transform(codemod: cst.CSTTransformer, module: cst.Module) -> cst.Module:
    """``codemod.transform_module(module)`` without libcst's deep copy of the tree (the
    tree is ours, freshly made, and nobody else holds it)."""
    wrapper = wrap(module)
    old = codemod.context.wrapper
    with codemod.resolve(wrapper):
        codemod.context = replace(codemod.context, wrapper=wrapper)
        try:
            return codemod.transform_module_impl(wrapper.module)
        finally:
            codemod.context = replace(codemod.context, wrapper=old)
