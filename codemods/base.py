"""The contract every codemod keeps.

A codemod is a libcst ``VisitorBasedCodemodCommand`` with a stable ``ID`` (``PY###`` for
Python 2 idioms, ``AN###`` for the Ansible API), a kebab-case ``NAME``, a one-line
``DESCRIPTION`` and a docstring in the shape *what it does / why / when it is unsafe*.
``EXAMPLES`` are the specification: each :class:`Example` is run by the test suite
(``before`` must become exactly ``after``; an example with ``after=None`` must stay as it is;
``review`` lists the codes of the "needs review" findings it must produce).

A codemod never reads files, prints or exits. It reports what it did with
:meth:`Codemod.changed` and what a person must decide with :meth:`Codemod.review`; both
land in ``context.scratch`` where the engine collects them. Imports are added and removed
with ``AddImportsVisitor`` / ``RemoveImportsVisitor`` (``self.add_import`` /
``self.remove_import``), never by editing strings.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Optional, Sequence

import libcst as cst
from libcst.codemod import CodemodContext, VisitorBasedCodemodCommand
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from migrator.findings import Kind
from migrator.traversal import install

install()

FINDINGS_KEY = "migrator.findings"  # [Finding]
PENDING_KEY = "migrator.pending"  # [(node, code, message, kind)], placed by the engine



@dataclass(frozen=True)
class Example:
    """One executable specification case for a codemod."""

    before: str
    after: Optional[str] = None  # None: the code must come out unchanged
    review: Sequence[str] = field(default_factory=tuple)  # codes of expected review findings
    ansible_target: Optional[str] = None  # run with this --ansible-target (Ansible codemods)


class Codemod(VisitorBasedCodemodCommand):
    """Base class of all migrator codemods (see module docstring)."""

    ID: ClassVar[str] = ""
    NAME: ClassVar[str] = ""
    DESCRIPTION: ClassVar[str] = ""
    FAMILY: ClassVar[str] = ""  # "py2" or "ansible"
    EXAMPLES: ClassVar[Sequence[Example]] = ()
    # Identifiers (names, attribute names, module names) whose presence in a file may make
    # this codemod act. The engine skips a file for which no selected codemod has a trigger
    # among the file's NAME tokens. Empty means "always run".
    TRIGGERS: ClassVar[frozenset[str]] = frozenset()
    # For Ansible codemods: the first ansible-core release in which the old spelling breaks.
    # The rewrite applies only when the --ansible-target is at least this version.
    BREAKS_IN: ClassVar[Optional[str]] = None

    def __init_subclass__(cls, **kwargs) -> None:
        # One codemod per module: a class without a docstring of its own is documented by
        # its module's docstring (what it does / why / when it is unsafe).
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("__doc__"):
            import sys

            module = sys.modules.get(cls.__module__)
            if module is not None and module.__doc__:
                cls.__doc__ = module.__doc__

    def __init__(self, context: CodemodContext, options: Optional[dict] = None) -> None:
        # libcst's matcher discovery (``dir()`` over every attribute, three times) runs once
        # per class: see migrator.traversal.
        super().__init__(context)
        self.options = options or {}

    # -- engine hooks (all optional) ------------------------------------------------------
    # ``active``: False leaves the codemod out of the traversal (e.g. below its target).
    # ``prepare(module)``: whole-module analysis before the shared traversal.
    # ``finish(module) -> module``: a last rewrite of the whole module after the traversal.
    active: bool = True

    # -- reporting ---------------------------------------------------------------------
    def _record(self, node: cst.CSTNode, message: str, kind: Kind, code: Optional[str]) -> None:
        # The engine turns the node into a line and column once, after the traversal, for
        # all findings of the file together (one light code-generation pass).
        self.context.scratch.setdefault(PENDING_KEY, []).append((node, code or self.ID, message, kind))

    def changed(self, node: cst.CSTNode, message: Optional[str] = None) -> None:
        """Record that ``node`` (an ORIGINAL node, so it has a position) was rewritten."""
        self._record(node, message or self.DESCRIPTION, Kind.CHANGE, None)

    def review(self, node: cst.CSTNode, reason: str, code: Optional[str] = None) -> None:
        """Record something at ``node`` that a person has to decide."""
        self._record(node, reason, Kind.REVIEW, code)

    # -- imports -------------------------------------------------------------------------
    def add_import(self, module: str, obj: Optional[str] = None, asname: Optional[str] = None) -> None:
        AddImportsVisitor.add_needed_import(self.context, module, obj, asname)

    def remove_import(self, module: str, obj: Optional[str] = None, asname: Optional[str] = None) -> None:
        RemoveImportsVisitor.remove_unused_import(self.context, module, obj, asname)

    @classmethod
    def summary(cls) -> str:
        return f"{cls.ID} {cls.NAME}: {cls.DESCRIPTION}"
