"""The Markdown report: fits a pull-request comment (GitHub-flavoured tables, long lists
folded into ``<details>`` and cut at ``limit`` rows, about 60 kB at most)."""
from __future__ import annotations

import posixpath
from typing import Callable, Optional

from migrator.report import deps as _deps
from migrator.report import score as _score

LIMIT = 25
BUDGET = 60_000  # characters: GitHub caps a comment at 65,536


def render(model: dict, link: Optional[Callable[[str, int], str]] = None, limit: int = LIMIT) -> str:
    """The Markdown report; lists are cut at ``limit`` rows (less if the text would pass
    the comment budget)."""
    text = _render(model, link, limit)
    while len(text) > BUDGET and limit > 3:
        limit = max(3, limit * 2 // 3)
        text = _render(model, link, limit)
    return text


def _cell(text) -> str:
    """Text safe inside a table cell."""
    s = "" if text is None else str(text)
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    text = (text or "").replace("\n", " ").replace("|", "\\|")
    if not text:
        return ""
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _delta(d: dict, fmt: str = "{:+g}") -> str:
    v = d.get("delta") or 0
    return "±0" if not v else fmt.format(v)


def _render(model: dict, link: Optional[Callable[[str, int], str]], limit: int) -> str:
    link = link or (lambda path, line=0: f"{path}#L{line}" if line else path)
    s = model["summary"]
    st = model["settings"]
    ph = s["phases"]
    name = posixpath.basename(model["root"].rstrip("/")) or model["root"]
    out: list[str] = []
    w = out.append

    def where(path: str, line: int) -> str:
        label = f"{path}:{line}" if line else path
        return f"[`{label}`]({link(path, line)})"

    w(f"## Migration readiness: {name}\n")
    w(f"**Score {s['score']:.1f} / 10** · {s['files']:,} files · {s['lines']:,} lines · target Python {st['target_version']}, "
      f"ansible-core {st['ansible_target']} · migrator {model['tool']['version']}\n")
    w("| Phase | Files |\n|---|---:|")
    w(f"| Parses as Python 3 | {s['parses']} / {s['files']} |")
    w(f"| ↳ does not parse yet (Python 2 syntax) | {ph['python2']} |")
    w(f"| Fixable automatically | {ph['fixable']} |")
    w(f"| Needs review | {ph['review']} |")
    w(f"| Done | {ph['done']} |")
    if ph["failed"]:
        w(f"| Failed (migrator could not process) | {ph['failed']} |")
    f = s["findings"]
    w("")
    w(f"{f['change']:,} automatic changes pending · {f['review']:,} places need review · {f['hazard']:,} fork hazards · "
      f"{s['ansible']['uses']:,} Ansible 2.1 API uses ({s['ansible']['handled']:,} handled by codemods) · "
      f"{s['dependencies']['not_ready']} of {s['dependencies']['total']} dependencies not ready\n")

    t = model.get("trend")
    if t:
        w("### Since the last report\n")
        w(f"Baseline: {_cell(t['baseline'].get('path') or '')} ({_cell(t['baseline'].get('generated') or '')})\n")
        w("| | Before | Now | Δ |\n|---|---:|---:|---:|")
        w(f"| Score | {t['score']['before']:.1f} | {t['score']['after']:.1f} | {_delta(t['score'], '{:+.1f}')} |")
        w(f"| Parses as Python 3 | {t['parses']['before']} | {t['parses']['after']} | {_delta(t['parses'])} |")
        for p in ("python2", "fixable", "review", "done", "failed"):
            d = t["phases"][p]
            if d["before"] or d["after"]:
                label = _score.PHASE_LABELS[p]
                w(f"| {label[0].upper() + label[1:]} | {d['before']} | {d['after']} | {_delta(d)} |")
        for k, label in (("change", "Automatic changes"), ("review", "Review findings"), ("hazard", "Fork hazards")):
            d = t["findings"][k]
            w(f"| {label} | {d['before']} | {d['after']} | {_delta(d)} |")
        w("")
        if t["files_moved"]:
            w(f"<details><summary>{len(t['files_moved'])} file(s) moved</summary>\n")
            w("| File | Before | Now |\n|---|---|---|")
            for m in t["files_moved"][:limit * 2]:
                w(f"| {where(m['path'], 0)} | {_score.PHASE_LABELS.get(m['phase_before'], m['phase_before'])} ({_num(m['score_before'])}) | "
                  f"{_score.PHASE_LABELS.get(m['phase_after'], m['phase_after'])} ({_num(m['score_after'])}) |")
            _more(w, len(t["files_moved"]), limit * 2)
            w("\n</details>\n")

    files = model["files"]
    blockers = [x for x in files if x["parses"] is False or x["status"] == "failed"]
    w(f"### What blocks Python 3 ({len(blockers)})\n")
    if blockers:
        w("| File | Why |\n|---|---|")
        for x in blockers[:limit]:
            if x["status"] == "failed" and x["error"]:
                w(f"| {where(x['path'], x['error']['line'])} | migrator cannot process it: {_cell(x['error']['message'])} |")
            elif x["parse_error"]:
                pe = x["parse_error"]
                w(f"| {where(x['path'], pe['line'])} | {_cell(pe['message'])} {_code(pe.get('source', ''))} |")
        _more(w, len(blockers), limit)
        w("")
    else:
        w("Every file parses as Python 3.\n")

    changes = [c for c in model["codes"] if c["kind"] == "change"]
    w(f"### What `migrator fix` will change ({s['findings']['change']:,})\n")
    if changes:
        w("| Code | What | Count | Files |\n|---|---|---:|---:|")
        for c in changes[:limit]:
            w(f"| {c['code']} | {_cell(c['name'] or c['description'])} | {c['count']} | {c['files']} |")
        _more(w, len(changes), limit)
        w("")
    else:
        w("Nothing.\n")

    for kind, title, empty in (("review", "Needs a person", "Nothing needs review."), ("hazard", "Fork hazards", "No fork hazard.")):
        rows = [(x["path"], y) for x in files for y in x["findings"] if y["kind"] == kind]
        codes = [c for c in model["codes"] if c["kind"] == kind]
        w(f"### {title} ({len(rows)})\n")
        if not rows:
            w(f"{empty}\n")
            continue
        w("| Code | What | Count |\n|---|---|---:|")
        for c in codes[:limit]:
            w(f"| {c['code']} | {_cell(c['name'] or c['description'])} | {c['count']} |")
        _more(w, len(codes), limit)
        w(f"\n<details><summary>Every place ({len(rows)})</summary>\n")
        for path, y in rows[: limit * 4]:
            w(f"- {where(path, y['line'])} **{y['code']}** {_cell(y['message'])} {_code(y['source'])}")
        _more(w, len(rows), limit * 4, bullet=True)
        w("\n</details>\n")

    a = model["ansible"]
    w(f"### Ansible 2.1 API ({len(a['uses'])}, target ansible-core {a['target']})\n")
    w(f"Uses that break by ansible-core {a['target']}, by the release that removed them (later breaks: `--ansible-target`).\n")
    if a["uses"]:
        w("| Breaks in | Uses | Handled by a codemod | Needs a person |\n|---|---:|---:|---:|")
        for r in a["by_release"]:
            w(f"| {r['release'] or '—'} | {r['uses']} | {r['handled']} | {r['review']} |")
        w(f"\n<details><summary>Every use ({len(a['uses'])})</summary>\n")
        w("| Where | Code | Breaks in | Codemod | What |\n|---|---|---|---|---|")
        for u in a["uses"][: limit * 4]:
            w(f"| {where(u['path'], u['line'])} | {u['code']} | {u['breaks_in'] or '—'} | {'rewrites it' if u['handled'] else '**needs a person**'} | {_cell(u['message'])} |")
        _more(w, len(a["uses"]), limit * 4)
        w("\n</details>\n")
    else:
        w("No use of the Ansible 2.1 API that breaks by the target release was found.\n")

    d = model["dependencies"]
    items = d["items"]
    not_ready = [i for i in items if i["status"] in _deps.NOT_READY or i["status"] == "unknown"]
    w(f"### Dependencies ({s['dependencies']['not_ready']} of {len(items)} not ready for Python {st['target_version']})\n")
    if not d["files"]:
        w("No requirements*.txt, setup.py, setup.cfg or pyproject.toml found.\n")
    elif not_ready:
        w("| Package | Pin | Where | Status | Why |\n|---|---|---|---|---|")
        for i in not_ready[: limit * 2]:
            w(f"| {_cell(i['name'])} | {_code(i['spec'] or 'any')} | {where(i['file'], i['line'])} | **{i['status']}** | {_cell(i['reason'])} |")
        _more(w, len(not_ready), limit * 2)
        ready = len(items) - len(not_ready)
        w(f"\n{ready} other requirement(s) ready or not installed on Python {st['target_version']}. "
          f"Data: the deploy-stack table ({d['table_source']}) and installed metadata; no network.\n")
    else:
        w("Every requirement is ready.\n")

    worst = sorted((x for x in files if x["phase"] != "done"), key=lambda x: (x["score"], x["path"]))
    if worst:
        w(f"<details><summary>Files with the most left to do ({len(worst)} not done)</summary>\n")
        w("| File | Phase | Score | Changes | Review | Hazards |\n|---|---|---:|---:|---:|---:|")
        for x in worst[:limit]:
            c = x["counts"]
            w(f"| {where(x['path'], 0)} | {_score.PHASE_LABELS[x['phase']]} | {x['score']:.1f} | {c['change']} | {c['review']} | {c['hazard']} |")
        _more(w, len(worst), limit)
        w("\n</details>\n")

    fm = model["formula"]
    w("<details><summary>How the score is computed</summary>\n")
    w(f"```\n{fm['text']}\n```\n")
    for k, v in fm["terms"].items():
        w(f"- **{k}**: {v}")
    w("\n" + " ".join(fm["notes"]) + "\n\n</details>\n")
    return "\n".join(out).rstrip() + "\n"


def _num(v) -> str:
    return "—" if v is None else f"{v:.1f}"


def _more(w, total: int, shown: int, bullet: bool = False) -> None:
    if total > shown:
        w(f"{'- ' if bullet else chr(10)}… and {total - shown} more (the HTML or JSON report lists all)")
