"""The contract every checker rule keeps.

A rule is a libcst ``BatchableCSTVisitor`` (all rules run in one traversal of the tree)
with a stable ``ID`` (``FK###``), a kebab-case ``NAME``, a ``GROUP``, a ``MESSAGE`` that
names the fix, and a docstring in the shape::

    What it does
    Why is this bad
    Example
    How to fix

``VALID`` snippets must produce no finding; each :class:`Invalid` must produce at least
one finding of this rule (on ``line`` when given). The test suite runs them all.

A rule never reads files, prints or exits: it calls :meth:`Rule.report`. Where a rule
needs to follow data flow inside a function it may walk that function's subtree itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Optional, Sequence

import libcst as cst

from migrator.findings import Finding, Kind
from migrator.traversal import hook_names


@dataclass(frozen=True)
class Invalid:
    code: str
    line: Optional[int] = None  # expected line of the (first) finding
    python2: bool = False  # the snippet is Python 2 source (lifted before checking)


@dataclass
class RuleContext:
    path: str
    module: cst.Module
    python2: bool = False  # the file was Python 2 (lifted before checking)
    findings: list[Finding] = field(default_factory=list)
    target_version: Optional[str] = None  # [tool.migrator] target-version ("2.7" makes Python 2-only rules apply)
    cache: dict = field(default_factory=dict)  # per-file analyses shared by the rules (see check/flow.py)
    pending: list = field(default_factory=list)  # (node, code, message, kind) reported, not yet placed


class Rule(cst.BatchableCSTVisitor):
    ID: ClassVar[str] = ""
    NAME: ClassVar[str] = ""
    GROUP: ClassVar[str] = ""
    MESSAGE: ClassVar[str] = ""
    SEVERITY: ClassVar[str] = "warning"  # "error" | "warning" | "note" (SARIF levels)
    VALID: ClassVar[Sequence[str]] = ()
    INVALID: ClassVar[Sequence[Invalid]] = ()
    TRIGGERS: ClassVar[frozenset[str]] = frozenset()  # see codemods.base.Codemod.TRIGGERS

    def __init__(self, context: RuleContext) -> None:
        super().__init__()
        self.context = context

    def get_visitors(self):
        """What libcst's ``get_visitors`` answers, from :func:`migrator.traversal.hook_names`
        (once per class): libcst runs ``inspect.getmembers`` over the ~2,000 attributes of
        every visitor, about 4 ms a rule, a tenth of a one-file check."""
        return {name: getattr(self, name) for name in hook_names(type(self))}

    def report(self, node: cst.CSTNode, message: Optional[str] = None) -> None:
        # placed (line, column) by check_module after the traversal, all in one pass
        self.context.pending.append((node, self.ID, message or self.MESSAGE, Kind.HAZARD))

    @classmethod
    def summary(cls) -> str:
        return f"{cls.ID} {cls.NAME}: {cls.MESSAGE}"
