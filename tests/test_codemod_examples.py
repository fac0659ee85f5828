"""Every codemod's inline EXAMPLES are its specification: run them all.

For each example: the codemod alone (plus the lift, so examples may be Python 2) turns
``before`` into exactly ``after`` (or leaves it unchanged when ``after`` is None), produces
exactly the "needs review" codes listed, and a second run changes nothing.
"""
from __future__ import annotations

import inspect

import pytest

from codemods.registry import all_codemods
from migrator.config import Settings
from migrator.engine import fix_text

CASES = [
    pytest.param(cls, i, ex, id=f"{cls.ID}-{cls.NAME}-{i}")
    for cls in all_codemods()
    for i, ex in enumerate(cls.EXAMPLES)
]


def _clean(code: str) -> str:
    return inspect.cleandoc(code) + "\n" if "\n" in code.strip() or code.startswith("\n") else code


@pytest.mark.parametrize("cls,index,example", CASES)
def test_example(cls, index, example):
    settings = Settings(cache_dir="", ansible_target=example.ansible_target)
    before = _clean(example.before)
    result = fix_text(before, "example.py", settings, codemods=[cls])
    expected = before if example.after is None else _clean(example.after)
    assert result.text == expected
    reviews = sorted(f.code for f in result.findings if f.kind.value == "review")
    assert reviews == sorted(example.review)
    changes = [f for f in result.findings if f.kind.value == "change" and f.code == cls.ID]
    if example.after is not None and example.after != example.before:
        assert changes, "a rewrite must be recorded with self.changed()"
        assert all(f.line >= 1 for f in changes)
    again = fix_text(result.text, "example.py", settings, codemods=[cls])
    assert again.text == result.text, "second run changed the output"


def test_every_codemod_is_documented():
    ids = set()
    for cls in all_codemods():
        assert cls.ID and cls.ID not in ids
        ids.add(cls.ID)
        assert cls.NAME and cls.DESCRIPTION and cls.EXAMPLES, cls
        assert cls.__doc__ and "Why" in cls.__doc__, f"{cls.ID} docstring needs What/Why/When unsafe"
