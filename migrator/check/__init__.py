"""Stage 4b — check: run every selected rule over one parsed tree in one traversal."""
from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst

from migrator.check.rule import Rule, RuleContext
from migrator.findings import Finding
from migrator.metadata import LazyMetadata
from migrator.parse import wrap
from migrator.position import place


def check_module(
    module: cst.Module,
    rules: Iterable[type[Rule]],
    *,
    path: str = "<string>",
    python2: bool = False,
    target_version: Optional[str] = None,
    metadata: Optional[LazyMetadata] = None,
) -> list[Finding]:
    """Run ``rules`` over ``module`` in one batched traversal; their findings, placed.

    Metadata is resolved lazily (:mod:`migrator.metadata`); ``metadata`` shares what the
    codemods of a report resolved over the same tree."""
    classes = list(rules)
    if not classes:
        return []
    if metadata is None or metadata.wrapper.module is not module:
        metadata = LazyMetadata(wrap(module))
    context = RuleContext(path=path, module=module, python2=python2, target_version=target_version)
    visitors = [cls(context) for cls in classes]
    for v in visitors:
        metadata.providers |= set(v.get_inherited_dependencies())
        v.metadata = metadata
    cst.visit_batched(module, visitors)
    context.findings.extend(place(module, context.pending))
    return sorted(set(context.findings))
