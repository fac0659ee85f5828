"""Stage 3 — parse once: lifted text to a libcst tree wrapped for metadata.

Every codemod and every checker rule works on the one tree made here; the metadata they
declare is computed once per pass by the :class:`libcst.metadata.MetadataWrapper`.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper

from migrator.findings import MigratorError


def parse(text: str) -> cst.Module:
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        raise MigratorError(f"libcst cannot parse the lifted text: {exc.message}", exc.raw_line, exc.raw_column)


def wrap(module: cst.Module) -> MetadataWrapper:
    # The module was just parsed (or just produced by a pass) and nobody else holds it:
    # skip the defensive deep copy.
    return MetadataWrapper(module, unsafe_skip_copy=True)
