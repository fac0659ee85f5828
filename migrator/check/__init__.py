"""Stage 4b — check: run every selected rule over one parsed tree in one traversal."""
from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst

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
) -> list[Finding]:
    classes = list(rules)
    if not classes:
        return []
    wrapper = wrap(module)
    context = RuleContext(path=path, module=wrapper.module, python2=python2, target_version=target_version)
    wrapper.visit_batched([cls(context) for cls in classes])
    return sorted(set(context.findings))
