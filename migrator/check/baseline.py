"""``--baseline FILE``: adopt the checker on an old codebase and fail only on new findings.

A baseline is the JSON that ``migrator check --write-baseline FILE`` (or
``--format json``) writes. A finding is *known* when the baseline holds one with the same
repository-relative path, rule id and fingerprint (see :mod:`migrator.check.output`: a hash
of the rule and the normalised source line plus an occurrence index — no line number), so
edits elsewhere in the file do not resurrect it, while a second copy of the same hazard on
an identical line is new (its occurrence index is).
"""
from __future__ import annotations

import json
from collections import Counter

from migrator.check.output import JSON_VERSION, Item, Report, as_json
from migrator.findings import MigratorError

Key = tuple[str, str, str]


def load(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except OSError as exc:
        raise MigratorError(f"{path}: cannot read baseline: {exc.strerror}") from None
    except ValueError as exc:
        raise MigratorError(f"{path}: baseline is not JSON: {exc}") from None
    findings = doc.get("findings") if isinstance(doc, dict) else None
    if not isinstance(findings, list):
        raise MigratorError(f"{path}: not a migrator baseline (no 'findings' list)")
    keys: Counter = Counter()
    for entry in findings:
        try:
            keys[(entry["path"], entry["code"], entry["fingerprint"])] += 1
        except (KeyError, TypeError):
            raise MigratorError(f"{path}: baseline entry without path/code/fingerprint: {entry!r}") from None
    return keys


def key(item: Item) -> Key:
    return (item.path, item.code, item.fingerprint)


def apply(report: Report, known: Counter) -> Report:
    """Drop the findings the baseline knows; count them in ``report.baselined``."""
    left = Counter(known)
    kept: list[Item] = []
    for item in report.items:
        k = key(item)
        if left[k] > 0:
            left[k] -= 1
            report.baselined += 1
        else:
            kept.append(item)
    report.items = kept
    return report


def write(path: str, report: Report, rules: dict) -> None:
    text = as_json(report, rules)
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise MigratorError(f"{path}: cannot write baseline: {exc.strerror}") from None


__all__ = ["load", "apply", "write", "key", "JSON_VERSION"]
