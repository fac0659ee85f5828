"""What moved since the last report: compare the model with a baseline report (JSON).

Files are matched by their path relative to the report's base folder, so a baseline made
in another checkout (or on the copy before ``migrator fix``) still lines up. Findings are
compared as counts per file and code, not by line number, which shifts with every edit.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Optional

from migrator.findings import MigratorError
from migrator.report import score

KINDS = ("change", "review", "hazard")


def load_baseline(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise MigratorError(f"--baseline {path}: cannot read: {exc.strerror}")
    except ValueError as exc:
        raise MigratorError(f"--baseline {path}: not JSON ({exc})")
    if not isinstance(data, dict) or data.get("schema_version") != 1 or not isinstance(data.get("files"), list):
        raise MigratorError(f"--baseline {path}: not a migrator report (JSON, schema version 1)")
    return data


def _delta(before, after) -> dict:
    return {"before": before, "after": after, "delta": round(after - before, 2) if isinstance(after, (int, float)) else None}


def compare(current: dict, baseline: dict, baseline_path: Optional[str] = None) -> dict:
    before_files = {f["path"]: f for f in baseline["files"]}
    after_files = {f["path"]: f for f in current["files"]}
    b_sum, a_sum = baseline.get("summary", {}), current["summary"]

    phases = {}
    for p in score.PHASES:
        phases[p] = _delta(b_sum.get("phases", {}).get(p, 0), a_sum["phases"].get(p, 0))
    findings = {k: _delta(b_sum.get("findings", {}).get(k, 0), a_sum["findings"].get(k, 0)) for k in (*KINDS, "error")}

    def code_counts(model: dict) -> Counter:
        c: Counter = Counter()
        for f in model["files"]:
            for x in f["findings"]:
                c[(x["code"], x["kind"])] += 1
        return c

    b_codes, a_codes = code_counts(baseline), code_counts(current)
    codes = [
        {"code": code, "kind": kind, **_delta(b_codes.get((code, kind), 0), a_codes.get((code, kind), 0))}
        for code, kind in sorted(set(b_codes) | set(a_codes))
        if b_codes.get((code, kind), 0) != a_codes.get((code, kind), 0)
    ]
    codes.sort(key=lambda r: (r["delta"], r["code"]))

    moved = []
    for path in sorted(set(before_files) & set(after_files)):
        b, a = before_files[path], after_files[path]
        if b.get("phase") != a["phase"] or abs(b.get("score", 0) - a["score"]) >= 0.01 or b.get("counts") != a["counts"]:
            moved.append({
                "path": path,
                "phase_before": b.get("phase"),
                "phase_after": a["phase"],
                "score_before": b.get("score"),
                "score_after": a["score"],
                "counts_before": {k: b.get("counts", {}).get(k, 0) for k in KINDS},
                "counts_after": a["counts"],
            })
    order = {p: i for i, p in enumerate(("failed", "python2", "fixable", "review", "done"))}
    moved.sort(key=lambda m: (-(order.get(m["phase_after"], 0) - order.get(m["phase_before"], 0)), m["path"]))

    def dep_key(item: dict) -> tuple:
        return (item["file"], item["key"], item.get("extra") or "")

    b_deps = {dep_key(i): i for i in baseline.get("dependencies", {}).get("items", [])}
    a_deps = {dep_key(i): i for i in current["dependencies"]["items"]}
    dependencies = []
    for key in sorted(set(b_deps) | set(a_deps)):
        b, a = b_deps.get(key), a_deps.get(key)
        if b and a and b["status"] == a["status"] and b["spec"] == a["spec"]:
            continue
        dependencies.append({
            "file": key[0],
            "name": (a or b)["name"],
            "before": {"spec": b["spec"], "status": b["status"]} if b else None,
            "after": {"spec": a["spec"], "status": a["status"]} if a else None,
        })

    return {
        "baseline": {
            "path": baseline_path,
            "generated": baseline.get("generated"),
            "root": baseline.get("root"),
            "files": len(before_files),
        },
        "score": _delta(b_sum.get("score", 0.0), a_sum["score"]),
        "parses": _delta(b_sum.get("parses", 0), a_sum["parses"]),
        "phases": phases,
        "findings": findings,
        "codes": codes,
        "files_added": sorted(set(after_files) - set(before_files)),
        "files_removed": sorted(set(before_files) - set(after_files)),
        "files_moved": moved,
        "dependencies": dependencies,
    }
