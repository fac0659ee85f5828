"""The readiness score and the phases, with the formula the report prints.

Score (0-10, after pylint's ``--py3k`` evaluation: findings weighted, per statement)::

    score = max(0, 10 - 10 * (1*C + 5*R + 5*H) / S)

    C  automatic changes still pending (lift rewrites + codemod changes)
    R  places that need review (codemod "needs review" findings)
    H  fork-safety hazards (checker findings)
    S  statements, counted as code lines (non-blank lines that are not only a comment),
       at least 10 (so that one finding in a two-line file does not sink it to 0)

A file migrator cannot process scores 0. The overall score is the files' scores averaged,
weighted by their statements (equal to the formula over the summed counts when no file is
at 0). 10 means: nothing to change, nothing to review, no hazard.

Phases, in the order a migration moves a file through them:

    python2  does not parse as Python 3 yet          (migrator fix lifts it)
    fixable  parses; codemods would still change it  (migrator fix)
    review   nothing automatic left; a person must look (review findings or hazards)
    done     nothing to change, review or fix
    failed   migrator could not process it (read, lift or parse error)

"Parses" (the first thing teams track) is every file that is not python2 or failed.
"""
from __future__ import annotations

WEIGHTS = {"change": 1, "review": 5, "hazard": 5}
SCALE = 10.0
PHASES = ("python2", "fixable", "review", "done", "failed")
PHASE_LABELS = {
    "python2": "does not parse as Python 3",
    "fixable": "fixable automatically",
    "review": "needs review",
    "done": "done",
    "failed": "failed",
}
FORMULA = "score = max(0, 10 - 10 * (1*C + 5*R + 5*H) / S)"
FORMULA_TERMS = {
    "C": "automatic changes pending (lift rewrites + codemod changes)",
    "R": "places that need review",
    "H": "fork-safety hazards",
    "S": "statements (non-blank lines that are not only a comment), at least 10",
}
FORMULA_NOTES = (
    "A file migrator cannot process scores 0.",
    "Overall: the files' scores averaged, weighted by statements.",
    "10 = nothing to change, review or fix.",
)


def formula() -> dict:
    return {"text": FORMULA, "terms": FORMULA_TERMS, "weights": WEIGHTS, "scale": SCALE, "notes": list(FORMULA_NOTES)}


def weighted(counts: dict) -> float:
    return sum(WEIGHTS[k] * counts.get(k, 0) for k in WEIGHTS)


MIN_STATEMENTS = 10


def file_score(counts: dict, statements: int, failed: bool = False) -> float:
    if failed:
        return 0.0
    return round(max(0.0, SCALE - SCALE * weighted(counts) / max(statements, MIN_STATEMENTS)), 2)


def overall_score(files: list[dict]) -> float:
    """Statement-weighted mean of the files' scores (files without statements count 1)."""
    total = sum(max(1, f["statements"]) for f in files)
    if not total:
        return SCALE
    return round(sum(f["score"] * max(1, f["statements"]) for f in files) / total, 2)


def phase(parses, failed: bool, counts: dict) -> str:
    if failed:
        return "failed"
    if parses is False:
        return "python2"
    if counts.get("change", 0):
        return "fixable"
    if counts.get("review", 0) or counts.get("hazard", 0):
        return "review"
    return "done"


def statements(text: str) -> int:
    """Code lines: non-blank lines that are not only a comment (docstrings count)."""
    n = 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            n += 1
    return n
