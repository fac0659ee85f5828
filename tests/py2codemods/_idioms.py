"""Helpers for the idiom codemod tables (PY101–PY199): run codemods by id, check idempotence."""
from __future__ import annotations

import inspect

from codemods.registry import all_codemods, by_id
from migrator.config import Settings
from migrator.engine import fix_text


def clean(code: str) -> str:
    return inspect.cleandoc(code) + "\n" if code.startswith("\n") else code


def run(code: str, ids=None):
    """Fix ``code`` with the codemods ``ids`` (None: all of them)."""
    classes = None if ids is None else [by_id()[i] for i in ids]
    return fix_text(clean(code), "table.py", Settings(cache_dir=""), codemods=classes)


def check(ids, before: str, after, reviews=None):
    """``before`` becomes ``after`` (None: unchanged); a second run changes nothing."""
    result = run(before, ids)
    expected = clean(before) if after is None else clean(after)
    assert result.text == expected
    if reviews is not None:
        got = sorted(f.code for f in result.findings if f.kind.value == "review")
        assert got == sorted(reviews)
    again = run(result.text, ids)
    assert again.text == result.text, "not idempotent"
    return result


def idiom_codemods():
    return [c for c in all_codemods() if c.ID.startswith("PY1")]
