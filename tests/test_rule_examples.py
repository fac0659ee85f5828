"""Every checker rule's VALID / INVALID snippets are its specification: run them all."""
from __future__ import annotations

import inspect

import pytest

from migrator.check.registry import all_rules
from migrator.config import Settings
from migrator.engine import check_text


def _clean(code: str) -> str:
    return inspect.cleandoc(code) + "\n"


VALID = [pytest.param(r, i, code, id=f"{r.ID}-valid-{i}") for r in all_rules() for i, code in enumerate(r.VALID)]
INVALID = [pytest.param(r, i, case, id=f"{r.ID}-invalid-{i}") for r in all_rules() for i, case in enumerate(r.INVALID)]


@pytest.mark.parametrize("rule,index,code", VALID)
def test_valid(rule, index, code):
    result = check_text(_clean(code), "valid.py", Settings(cache_dir=""), rules=[rule])
    assert [f for f in result.findings if f.code == rule.ID] == []


@pytest.mark.parametrize("rule,index,case", INVALID)
def test_invalid(rule, index, case):
    result = check_text(_clean(case.code), "invalid.py", Settings(cache_dir=""), rules=[rule])
    hits = [f for f in result.findings if f.code == rule.ID]
    assert hits, f"{rule.ID} did not fire on:\n{case.code}"
    if case.line is not None:
        assert case.line in [f.line for f in hits]


def test_every_rule_is_documented():
    for rule in all_rules():
        doc = rule.__doc__ or ""
        for heading in ("What it does", "Why is this bad", "Example", "How to fix"):
            assert heading in doc, f"{rule.ID} docstring lacks {heading!r}"
        assert rule.MESSAGE and rule.VALID and rule.INVALID and rule.GROUP and rule.NAME
