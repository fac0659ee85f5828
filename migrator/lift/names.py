"""Identifiers that became keywords: ``async`` and ``await`` (reserved since Python 3.7).

Every use as a name (variable, attribute, keyword argument, function or parameter name)
gets a trailing underscore, so the file stays consistent with itself.  Names spelled
inside strings (``getattr(x, "async")``) are not touched.
"""

from __future__ import annotations

from fissix import pytree

from migrator.lift import codes
from migrator.lift.tree import Context

RENAMED = frozenset({"async", "await"})


def async_await(leaf: pytree.Leaf, ctx: Context) -> None:
    """``async`` → ``async_``, ``await`` → ``await_``."""
    if leaf.value in RENAMED:
        leaf.value += "_"
        ctx.record(codes.ASYNC_AWAIT_NAME, leaf)
