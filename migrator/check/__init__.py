"""Stage 4b — check: run every selected rule over one parsed tree in one traversal."""
from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst
from libcst.metadata import MetadataWrapper

from migrator.check.rule import Rule, RuleContext
from migrator.findings import Finding
from migrator.parse import wrap


def check_module(
    module: cst.Module,
    rules: Iterable[type[Rule]],
    *,
    path: str = "<string>",
    python2: bool = False,
    target_version: Optional[str] = None,
    wrapper: Optional[MetadataWrapper] = None,
) -> list[Finding]:
    """``wrapper``: a metadata wrapper of ``module`` shared with other passes (the report
    runs the codemods over the same tree first): what they resolved is not resolved again."""
    classes = list(rules)
    if not classes:
        return []
    if wrapper is None or wrapper.module is not module:
        wrapper = wrap(module)
    context = RuleContext(path=path, module=wrapper.module, python2=python2, target_version=target_version)
    wrapper.visit_batched([cls(context) for cls in classes])
    return sorted(set(context.findings))
