"""Name resolution helpers shared by codemods and rules (libcst metadata, not spelling).

``QualifiedNameProvider`` answers ``builtins.len`` for a Python 3 builtin, ``urllib.quote``
for ``u.quote`` after ``import urllib as u``, ``f.<locals>.file`` for a local variable, and
nothing at all for a free name that Python 3 does not define — which is exactly what a
Python 2 builtin such as ``basestring`` or ``xrange`` looks like after the lift.
"""
from __future__ import annotations

from typing import Collection

import libcst as cst
from libcst import MetadataDependent
from libcst.metadata import QualifiedNameProvider


def qualified_names(visitor: MetadataDependent, node: cst.CSTNode) -> set[str]:
    try:
        names = visitor.get_metadata(QualifiedNameProvider, node)
    except KeyError:
        return set()
    return {q.name for q in names}


def is_builtin(visitor: MetadataDependent, node: cst.CSTNode, name: str) -> bool:
    """``node`` (a Name) refers to the builtin ``name`` of Python 2 or 3, not to a local,
    global, parameter or import of that spelling."""
    if not isinstance(node, cst.Name) or node.value != name:
        return False
    names = qualified_names(visitor, node)
    return not names or names == {f"builtins.{name}"}


def refers_to(visitor: MetadataDependent, node: cst.CSTNode, targets: Collection[str]) -> str | None:
    """The first of ``targets`` (dotted qualified names) that ``node`` refers to, else None."""
    names = qualified_names(visitor, node)
    for target in targets:
        if target in names:
            return target
    return None


def dotted(node: cst.CSTNode) -> str | None:
    """``a.b.c`` for an Attribute/Name chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None
