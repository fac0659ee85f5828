"""What each finding code means: family, name, description and, for the Ansible codemods,
the ansible-core release in which the old spelling breaks.

Built from the registries (codemods, checker rules) and the lift's catalogue, so the report
never keeps its own copy of a description. A code nobody registered (a codemod may report
a review under a code of its own) is described by its prefix.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

FAMILIES = {
    "lift": "Python 2 syntax (lift)",
    "py2": "Python 2 idioms (codemods)",
    "ansible": "Ansible 2.1 API (codemods)",
    "fork": "Fork safety (checker)",
    "error": "Errors",
    "other": "Other",
}

_RELEASE = re.compile(r"\b(?:breaks?|broke|removed|changed|gone)\s+(?:in\s+)?(?:ansible(?:-core)?\s+)?(2\.\d+)\b", re.I)


def family_of(code: str) -> str:
    if code.startswith("AN"):
        return "ansible"
    if code.startswith("PY"):
        return "py2"
    if code.startswith("FK"):
        return "fork"
    if code.startswith("L") and code[1:].isdigit():
        return "lift"
    if code.startswith("E") and code[1:].isdigit():
        return "error"
    return "other"


@lru_cache(maxsize=None)
def catalog() -> dict[str, dict]:
    """code -> {code, family, name, description, breaks_in, doc}."""
    out: dict[str, dict] = {}
    try:
        from migrator.lift import codes as lift_codes

        for value in vars(lift_codes).values():
            if isinstance(value, lift_codes.Rewrite):
                out[value.code] = _entry(value.code, "lift", value.name, value.summary)
    except Exception:  # the lift is optional for the catalogue: codes then describe themselves
        pass
    try:
        from codemods.registry import all_codemods

        for cls in all_codemods():
            entry = _entry(cls.ID, cls.FAMILY or family_of(cls.ID), cls.NAME, cls.DESCRIPTION, cls.BREAKS_IN)
            entry["doc"] = _first_paragraph(cls.__doc__ or "")
            out[cls.ID] = entry
    except Exception:
        pass
    try:
        from migrator.check.registry import all_rules

        for rule in all_rules():
            entry = _entry(rule.ID, "fork", rule.NAME, rule.MESSAGE)
            entry["group"] = rule.GROUP
            entry["severity"] = rule.SEVERITY
            out[rule.ID] = entry
    except Exception:
        pass
    out.setdefault("E001", _entry("E001", "error", "error", "the file could not be read, lifted, parsed or verified"))
    out.setdefault("E002", _entry("E002", "error", "read-only", "read-only file"))
    return out


def _entry(code: str, family: str, name: str, description: str, breaks_in: Optional[str] = None) -> dict:
    return {"code": code, "family": family, "name": name or "", "description": description or "", "breaks_in": breaks_in}


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def describe(code: str) -> dict:
    """The catalogue entry for ``code``; unknown codes borrow from the codemod whose ID is
    their longest prefix (``AN101a`` from ``AN101``), else describe themselves."""
    known = catalog().get(code)
    if known is not None:
        return known
    for length in range(len(code) - 1, 1, -1):
        parent = catalog().get(code[:length])
        if parent is not None:
            return dict(parent, code=code)
    return _entry(code, family_of(code), "", "")


def breaks_in(code: str, message: str = "") -> Optional[str]:
    """The release an Ansible finding breaks in: the codemod's BREAKS_IN, else one named in
    the message ("removed in 2.4"), else None."""
    known = describe(code).get("breaks_in")
    if known:
        return known
    match = _RELEASE.search(message or "")
    return match.group(1) if match else None
