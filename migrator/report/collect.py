"""Run the one-parse dry run over every file and aggregate it into the report model.

The model is a plain dict — exactly the JSON the report writes (``schema/report-v1.schema.json``
documents it) — so the HTML and Markdown renderers, the trend comparison and the tests all
read one shape. Nothing here writes a source file: the engine's REPORT mode lifts, parses
and runs the codemods (findings only, no code generation) and the checker rules.
"""
from __future__ import annotations

import ast
import datetime as _dt
import os
import posixpath
import re
from collections import Counter
from typing import Callable, Iterable, Optional, Sequence

from migrator import __version__
from migrator.config import Settings
from migrator.report import catalog, deps, score

SCHEMA_VERSION = 1
SCHEMA_ID = "https://migrator.invalid/schema/report-v1.schema.json"
KINDS = ("change", "review", "hazard")
_MAX_SOURCE = 240
_ANSIBLE_IMPORT = re.compile(r"^\s*(?:from\s+(ansible(?:\.\w+)*)\s+import\b|import\s+(ansible(?:\.\w+)*))")


def collect(
    files: Sequence[str],
    settings: Settings,
    *,
    paths: Sequence[str] = (),
    jobs: int = 0,
    results: Optional[Iterable] = None,
    wrap: Callable[[Iterable], Iterable] = lambda it: it,
) -> dict:
    """The report model for ``files`` (found under ``paths``, which are also searched for
    dependency files). ``results`` may hand in engine results already computed."""
    from migrator.engine import REPORT, Job, ansible_target, run

    paths = list(paths) or [settings.root]
    base = base_folder(paths)

    def rel(path: str) -> str:
        try:
            r = os.path.relpath(os.path.abspath(path), base)
        except ValueError:
            return path.replace(os.sep, "/")
        return r.replace(os.sep, "/")

    if results is None:
        job = Job(mode=REPORT, settings=settings, write=False)
        results = run(list(files), job, jobs=jobs or settings.jobs)
    file_rows = [_file_row(result, rel) for result in wrap(results)]
    file_rows.sort(key=lambda f: f["path"])
    dependencies = deps.analyse(
        paths, rel, settings.target_version, settings.exclude, also=deps.project_files(base, settings.root)
    )
    model = {
        "$schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "migrator", "version": __version__},
        "generated": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "root": base,
        "paths": [rel(p) for p in paths],
        "settings": {
            "target_version": settings.target_version,
            "ansible_target": str(ansible_target(settings)),
            "select": list(settings.select),
            "ignore": list(settings.ignore),
        },
        "formula": score.formula(),
        "files": file_rows,
    }
    model["codes"] = _codes(file_rows)
    model["ansible"] = _ansible(file_rows, model["settings"]["ansible_target"])
    model["directories"] = _directories(file_rows)
    model["dependencies"] = dependencies.to_dict()
    model["summary"] = _summary(file_rows, model)
    return model


def base_folder(paths: Sequence[str]) -> str:
    """The folder report paths are relative to: the folder named, or the common folder."""
    absolute = [os.path.abspath(p) for p in paths] or [os.getcwd()]
    base = absolute[0] if len(absolute) == 1 else os.path.commonpath(absolute)
    return base if os.path.isdir(base) else os.path.dirname(base)


# -- one file ----------------------------------------------------------------------------
def _read_text(path: str) -> Optional[str]:
    from migrator.findings import MigratorError
    from migrator.read import read_source

    try:
        return read_source(path).text
    except (MigratorError, OSError):
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                return fh.read()
        except OSError:
            return None


def _parses(text: str) -> tuple[bool, Optional[dict]]:
    try:
        ast.parse(text)
        return True, None
    except SyntaxError as exc:
        return False, {"line": exc.lineno or 0, "message": exc.msg}
    except ValueError as exc:
        return False, {"line": 0, "message": str(exc)}


def _file_row(result, rel: Callable[[str], str]) -> dict:
    text = _read_text(result.path)
    lines = text.splitlines() if text is not None else []
    info = result.info or {}
    failed = result.status == "failed"
    parses, parse_error = info.get("parses"), info.get("parse_error")
    if parses is None and text is not None:
        parses, parse_error = _parses(text)

    def source(line: int) -> str:
        if 0 < line <= len(lines):
            s = lines[line - 1].strip()
            return s if len(s) <= _MAX_SOURCE else s[: _MAX_SOURCE - 1] + "…"
        return ""

    findings = []
    counts = Counter()
    changes = Counter()
    for f in result.findings:
        kind = f.kind.value
        if kind not in KINDS:
            continue
        counts[kind] += 1
        if kind == "change":
            changes[f.code] += 1
        findings.append({"line": f.line, "col": f.col, "code": f.code, "kind": kind, "message": f.message, "source": source(f.line)})
    error = None
    if result.error is not None:
        error = {"line": result.error.line, "code": result.error.code, "message": result.error.message, "source": source(result.error.line)}
    if parse_error is not None:
        parse_error = dict(parse_error, source=source(parse_error.get("line", 0)))
    statements = score.statements(text) if text is not None else 0
    full_counts = {k: counts.get(k, 0) for k in KINDS}
    imports = _ansible_imports(lines, {x["line"] for x in findings if catalog.family_of(x["code"]) == "ansible"})
    return {
        "path": rel(result.path),
        "lines": info.get("lines", len(lines)),
        "statements": statements,
        "parses": parses,
        "parse_error": parse_error,
        "python2": bool(result.python2),
        "status": result.status,
        "error": error,
        "phase": score.phase(parses, failed, full_counts),
        "score": score.file_score(full_counts, statements, failed),
        "counts": full_counts,
        "changes": dict(sorted(changes.items())),
        "findings": findings,
        "ansible_imports": imports,
    }


def _ansible_imports(lines: list[str], flagged_lines: set[int]) -> list[dict]:
    """The ``ansible.*`` modules a file imports; "flagged" when an Ansible codemod reported
    something inside the import statement."""
    out: dict[str, dict] = {}
    for n, line in enumerate(lines, 1):
        match = _ANSIBLE_IMPORT.match(line)
        if not match:
            continue
        module = match.group(1) or match.group(2)
        end = n
        if "(" in line and ")" not in line:
            while end < len(lines) and ")" not in lines[end - 1]:
                end += 1
        elif line.rstrip().endswith("\\"):
            while end < len(lines) and lines[end - 1].rstrip().endswith("\\"):
                end += 1
        flagged = any(n <= x <= end for x in flagged_lines)
        row = out.setdefault(module, {"module": module, "line": n, "flagged": False})
        row["flagged"] = row["flagged"] or flagged
    return sorted(out.values(), key=lambda r: r["line"])


# -- aggregates --------------------------------------------------------------------------
def _codes(files: list[dict]) -> list[dict]:
    per: dict[tuple[str, str], dict] = {}
    for f in files:
        for finding in f["findings"]:
            key = (finding["code"], finding["kind"])
            row = per.get(key)
            if row is None:
                meta = catalog.describe(finding["code"])
                row = per[key] = {
                    "code": finding["code"],
                    "kind": finding["kind"],
                    "family": meta["family"],
                    "name": meta["name"],
                    "description": meta["description"],
                    "breaks_in": catalog.breaks_in(finding["code"], finding["message"]) if meta["family"] == "ansible" else None,
                    "count": 0,
                    "files": 0,
                    "_files": set(),
                }
            row["count"] += 1
            row["_files"].add(f["path"])
    out = []
    for row in per.values():
        row["files"] = len(row.pop("_files"))
        out.append(row)
    out.sort(key=lambda r: (-r["count"], r["code"], r["kind"]))
    return out


def _release_key(release: Optional[str]):
    from packaging.version import InvalidVersion, Version

    try:
        return (0, Version(release or ""))
    except InvalidVersion:
        return (1, Version("0"))


def _ansible(files: list[dict], target: str) -> dict:
    uses = []
    for f in files:
        for finding in f["findings"]:
            if catalog.family_of(finding["code"]) != "ansible" or finding["kind"] == "hazard":
                continue
            meta = catalog.describe(finding["code"])
            uses.append({
                "path": f["path"],
                "line": finding["line"],
                "col": finding["col"],
                "code": finding["code"],
                "name": meta["name"],
                "breaks_in": catalog.breaks_in(finding["code"], finding["message"]),
                "handled": finding["kind"] == "change",
                "message": finding["message"],
                "source": finding["source"],
            })
    releases: dict[Optional[str], dict] = {}
    for use in uses:
        row = releases.setdefault(use["breaks_in"], {"release": use["breaks_in"], "uses": 0, "handled": 0, "review": 0})
        row["uses"] += 1
        row["handled" if use["handled"] else "review"] += 1
    imports: dict[str, dict] = {}
    for f in files:
        for imp in f["ansible_imports"]:
            row = imports.setdefault(imp["module"], {"module": imp["module"], "files": 0, "flagged": 0})
            row["files"] += 1
            row["flagged"] += imp["flagged"]
    return {
        "target": target,
        "uses": sorted(uses, key=lambda u: (_release_key(u["breaks_in"]), u["path"], u["line"])),
        "by_release": sorted(releases.values(), key=lambda r: _release_key(r["release"])),
        "imports": sorted(imports.values(), key=lambda r: (-r["files"], r["module"])),
    }


def _directories(files: list[dict]) -> list[dict]:
    dirs: dict[str, dict] = {}
    for f in files:
        d = posixpath.dirname(f["path"]) or "."
        row = dirs.setdefault(d, {"path": d, "files": 0, "statements": 0, "change": 0, "review": 0, "hazard": 0,
                                  "python2": 0, "failed": 0, "_score": 0.0, "_weight": 0})
        row["files"] += 1
        row["statements"] += f["statements"]
        for k in KINDS:
            row[k] += f["counts"][k]
        row["python2"] += f["phase"] == "python2"
        row["failed"] += f["phase"] == "failed"
        row["_score"] += f["score"] * max(1, f["statements"])
        row["_weight"] += max(1, f["statements"])
    out = []
    for row in dirs.values():
        weight = row.pop("_weight")
        row["score"] = round(row.pop("_score") / weight, 2) if weight else score.SCALE
        out.append(row)
    return sorted(out, key=lambda r: r["path"])


def _summary(files: list[dict], model: dict) -> dict:
    phases = {p: 0 for p in score.PHASES}
    for f in files:
        phases[f["phase"]] += 1
    findings = {k: sum(f["counts"][k] for f in files) for k in KINDS}
    findings["error"] = sum(1 for f in files if f["status"] == "failed")
    ans = model["ansible"]
    dep_summary = model["dependencies"]["summary"]
    return {
        "files": len(files),
        "lines": sum(f["lines"] for f in files),
        "statements": sum(f["statements"] for f in files),
        "score": score.overall_score(files),
        "parses": sum(1 for f in files if f["parses"] is True),
        "python2": sum(1 for f in files if f["python2"]),
        "phases": phases,
        "files_to_review": sum(1 for f in files if f["counts"]["review"] or f["counts"]["hazard"]),
        "findings": findings,
        "ansible": {
            "uses": len(ans["uses"]),
            "handled": sum(1 for u in ans["uses"] if u["handled"]),
            "review": sum(1 for u in ans["uses"] if not u["handled"]),
        },
        "dependencies": {
            "total": sum(dep_summary.values()),
            "ready": dep_summary.get("ready", 0),
            "not_ready": sum(dep_summary.get(s, 0) for s in deps.NOT_READY),
            "unknown": dep_summary.get("unknown", 0),
        },
    }
