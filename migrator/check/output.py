"""Reports of ``migrator check``: text, JSON and SARIF 2.1.0, with stable fingerprints.

A finding's **fingerprint** does not involve its line number, so that unrelated edits above
it do not make it look new (for ``--baseline`` and for code-scanning services that
de-duplicate across runs): it hashes the rule id and the finding's source line with its
whitespace normalised, and adds the *occurrence index* — the how-many-th finding of that
rule on an identical line in that file (``<sha256 prefix>:<n>``).

Paths in JSON and SARIF are relative to the repository (the folder holding ``.git`` above
the configuration root; else the configuration root) with forward slashes; SARIF also names
that folder as ``%SRCROOT%`` in ``originalUriBaseIds``.
"""
from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from migrator.findings import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
JSON_VERSION = 1
_SPACE = re.compile(r"\s+")
SECTIONS = ("What it does", "Why is this bad", "Example", "How to fix")


@dataclass
class Item:
    """One finding of one file, with what the reports need about it."""

    path: str  # repository-relative, forward slashes
    display: str  # as the user named it (text output)
    finding: Finding
    fingerprint: str = ""
    line_hash: str = ""

    @property
    def code(self) -> str:
        return self.finding.code

    def to_dict(self, rules: dict) -> dict:
        rule = rules.get(self.code)
        f = self.finding
        return {
            "path": self.path,
            "line": f.line,
            "col": f.col,
            "code": f.code,
            "name": getattr(rule, "NAME", ""),
            "severity": getattr(rule, "SEVERITY", "warning"),
            "message": f.message,
            "fingerprint": self.fingerprint,
        }


@dataclass
class Failure:
    path: str
    display: str
    line: int
    message: str


@dataclass
class Report:
    items: list[Item] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    root: str = "."
    baselined: int = 0  # findings hidden by --baseline


# -- paths and fingerprints ----------------------------------------------------------------
def repository_root(start: str) -> str:
    """The folder holding ``.git`` at or above ``start``; ``start`` itself if there is none."""
    here = os.path.abspath(start)
    probe = here
    while True:
        if os.path.exists(os.path.join(probe, ".git")):
            return probe
        parent = os.path.dirname(probe)
        if parent == probe:
            return here
        probe = parent


def relative(path: str, root: str) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive (Windows)
        rel = path
    return rel.replace(os.sep, "/")


def normalise(line: str) -> str:
    return _SPACE.sub(" ", line.strip())


def line_hash(code: str, text: str) -> str:
    return hashlib.sha256(f"{code}\0{normalise(text)}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprint(items: Sequence[Item], lines: Sequence[str]) -> None:
    """Fill ``fingerprint``/``line_hash`` of the items of ONE file, given its lines."""
    seen: dict[tuple[str, str], int] = {}
    for item in sorted(items, key=lambda i: (i.finding.line, i.finding.col, i.code)):
        text = lines[item.finding.line - 1] if 0 < item.finding.line <= len(lines) else ""
        h = line_hash(item.code, text)
        n = seen.get((item.code, h), 0)
        seen[(item.code, h)] = n + 1
        item.line_hash = h
        item.fingerprint = f"{h}:{n}"


def read_lines(path: str) -> list[str]:
    try:
        from migrator.read import read_source

        return read_source(path).text.splitlines()
    except Exception:  # the file vanished or cannot be decoded: fingerprints on empty text
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                return fh.read().splitlines()
        except OSError:
            return []


# -- rule documentation --------------------------------------------------------------------
def sections(rule) -> dict[str, str]:
    """The docstring's four sections, by heading."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    out: dict[str, str] = {}
    current: Optional[str] = None
    buf: list[str] = []
    for line in doc.splitlines():
        if line.strip() in SECTIONS and not line.startswith(" "):
            if current:
                out[current] = inspect.cleandoc("\n".join(buf))
            current, buf = line.strip(), []
        else:
            buf.append(line)
    if current:
        out[current] = inspect.cleandoc("\n".join(buf))
    return out


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    m = re.match(r"(.+?\.)(\s|$)", flat)
    return m.group(1) if m else flat


def markdown(rule) -> str:
    parts = [f"**{rule.ID} {rule.NAME}** ({rule.GROUP})", ""]
    for title, text in sections(rule).items():
        body = text.replace("::\n", ":\n")
        parts += [f"### {title}", "", body, ""]
    return "\n".join(parts).strip() + "\n"


# -- formats -------------------------------------------------------------------------------
def text(report: Report) -> str:
    out = []
    for item in sorted(report.items, key=lambda i: (i.display, i.finding.line, i.finding.col, i.code)):
        f = item.finding
        out.append(f"{item.display}:{f.line}:{f.col}: {f.code} {f.message}\n")
    return "".join(out)


def as_json(report: Report, rules: dict) -> str:
    doc = {
        "version": JSON_VERSION,
        "tool": "migrator",
        "findings": [i.to_dict(rules) for i in sorted(report.items, key=lambda i: (i.path, i.finding.line, i.finding.col, i.code))],
        "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in report.failures],
    }
    return json.dumps(doc, indent=2) + "\n"


def _information_uri() -> str:
    """The project's home page from its metadata; else where the running tool lives."""
    try:
        from importlib.metadata import metadata

        meta = metadata("migrator")
        for entry in meta.get_all("Project-URL") or ():
            _, _, url = entry.partition(",")
            if url.strip().startswith(("http://", "https://")):
                return url.strip()
        home = meta.get("Home-page")
        if home and home.startswith(("http://", "https://")):
            return home
    except Exception:
        pass
    import pathlib

    import migrator

    return pathlib.Path(os.path.dirname(os.path.abspath(migrator.__file__))).as_uri() + "/"


def sarif(report: Report, rules: Sequence) -> str:
    from migrator import __version__

    index = {r.ID: n for n, r in enumerate(rules)}
    descriptors = []
    for r in rules:
        sec = sections(r)
        descriptors.append(
            {
                "id": r.ID,
                "name": r.NAME,
                "shortDescription": {"text": _first_sentence(sec.get("What it does", r.MESSAGE))},
                "fullDescription": {"text": "\n\n".join(f"{t}\n{b}" for t, b in sec.items()) or r.MESSAGE},
                "help": {"text": f"{r.MESSAGE}\n\n{sec.get('How to fix', '')}\n\n(migrator explain {r.ID})", "markdown": markdown(r)},
                "defaultConfiguration": {"level": _level(r.SEVERITY)},
                "properties": {"tags": [r.GROUP, "fork-safety"], "problem.severity": "error" if r.SEVERITY == "error" else "warning"},
            }
        )
    results = []
    for item in sorted(report.items, key=lambda i: (i.path, i.finding.line, i.finding.col, i.code)):
        f = item.finding
        rule = next((r for r in rules if r.ID == f.code), None)
        result = {
            "ruleId": f.code,
            "level": _level(rule.SEVERITY if rule else "warning"),
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": item.path, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": max(f.line, 1), "startColumn": max(f.col, 1)},
                    }
                }
            ],
            "partialFingerprints": {
                "primaryLocationLineHash": item.fingerprint,
                "migrator/v1": f"{f.code}:{item.fingerprint}",
            },
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": e.path, "uriBaseId": "%SRCROOT%"},
                        **({"region": {"startLine": e.line}} if e.line > 0 else {}),
                    }
                }
            ],
        }
        for e in report.failures
    ]
    import pathlib

    doc = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "migrator",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": _information_uri(),
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": pathlib.Path(os.path.abspath(report.root)).as_uri() + "/"}},
                "invocations": [{"executionSuccessful": not report.failures, "toolExecutionNotifications": notifications}],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(doc, indent=2) + "\n"


def _level(severity: str) -> str:
    return severity if severity in ("error", "warning", "note") else "warning"


def collect(results: Iterable, settings_root: str, display) -> Report:
    """Turn engine FileResults into a :class:`Report` with repository-relative paths and
    fingerprints (reads each file with findings once more, for its lines)."""
    root = repository_root(settings_root)
    report = Report(root=root)
    for r in results:
        rel = relative(r.path, root)
        if r.status == "failed":
            err = r.error
            report.failures.append(Failure(rel, display(r.path), err.line if err else 0, err.message if err else "failed"))
            continue
        if not r.findings:
            continue
        items = [Item(rel, display(r.path), f) for f in r.findings]
        fingerprint(items, read_lines(r.path))
        report.items.extend(items)
    return report
