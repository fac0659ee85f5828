"""The HTML report: one self-contained file (inline CSS, inline SVG charts, a little inline
script for sorting and filtering; no external script, font, stylesheet or image).

Layout: summary (score, phase counts, totals) → phase bar → trend (with --baseline) →
charts (findings by codemod/rule, per-directory heat) → what blocks Python 3 → what needs a
person → Ansible API by release → fork hazards → dependencies → the file table (sortable,
filterable, each file's findings linked to their lines) → the score formula.
"""
from __future__ import annotations

import os
import posixpath
from html import escape
from typing import Optional
from urllib.parse import quote

from migrator.report import deps as _deps
from migrator.report import score as _score
from migrator.report import svg

_STATUS_COLORS = svg.STATUS_COLORS
CHART_ROWS = 18
_KIND_WORD = {"change": "automatic change(s)", "review": "place(s) to review", "hazard": "hazard(s)"}
_FAMILY_LABEL = {
    "lift": "Python 2 syntax", "py2": "Python 2 idiom", "ansible": "Ansible API", "fork": "fork safety",
    "error": "error", "other": "other",
}


def e(text) -> str:
    return escape("" if text is None else str(text), quote=True)


class Links:
    """``path`` (relative to the report's base folder) + line → href."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix

    def __call__(self, path: str, line: int = 0) -> str:
        href = self.prefix + quote(path)
        return href + (f"#L{line}" if line else "")


def link_prefix(root: str, output: Optional[str]) -> str:
    """Relative path from the report file's folder (or the current folder) to ``root``."""
    start = os.path.dirname(os.path.abspath(output)) if output else os.getcwd()
    try:
        rel = os.path.relpath(root, start).replace(os.sep, "/")
    except ValueError:
        return "file://" + quote(root.replace(os.sep, "/")) + "/"
    return "" if rel == "." else rel + "/"


def render(model: dict, links: Optional[Links] = None) -> str:
    links = links or Links()
    s = model["summary"]
    title = f"Migration readiness — {posixpath.basename(model['root'].rstrip('/')) or model['root']}"
    out: list[str] = []
    w = out.append
    w("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
    w('<meta name="viewport" content="width=device-width, initial-scale=1">')
    w(f"<title>{e(title)}</title><style>{CSS}</style></head><body>")
    w('<main class="page">')
    # -- header + summary --------------------------------------------------------------
    st = model["settings"]
    w(f'<header><h1>{e(title)}</h1><p class="meta">{e(model["root"])} · generated {e(model["generated"])} by migrator {e(model["tool"]["version"])} · '
      f'target Python {e(st["target_version"])}, ansible-core {e(st["ansible_target"])}</p></header>')
    w('<section id="summary" class="summary">')
    w(f'<div class="gauge-box">{svg.gauge(s["score"])}<div class="gauge-cap">readiness score<br><a href="#formula">how it is computed</a></div></div>')
    ph = s["phases"]
    cards = [
        ("Files", f'{s["files"]:,}', f'{s["lines"]:,} lines · {s["statements"]:,} statements', ""),
        ("Parse as Python 3", f'{s["parses"]:,} / {s["files"]:,}', f'{ph["python2"]} need the Python 2 lift', "python2" if ph["python2"] else "done"),
        ("Fixable automatically", f'{ph["fixable"]:,}', f'files · {s["findings"]["change"]:,} changes in all, by migrator fix', "fixable"),
        ("Needs review", f'{ph["review"]:,}', f'files · after the fix {s["files_to_review"]:,} files, {s["findings"]["review"]:,} places', "review"),
        ("Done", f'{ph["done"]:,}', "files with nothing to change or review", "done"),
        ("Fork hazards", f'{s["findings"]["hazard"]:,}', "checker findings", "hazard" if s["findings"]["hazard"] else ""),
        ("Ansible 2.1 API", f'{s["ansible"]["uses"]:,}', f'{s["ansible"]["handled"]:,} handled by codemods · {s["ansible"]["review"]:,} by hand', ""),
        ("Dependencies not ready", f'{s["dependencies"]["not_ready"]:,} / {s["dependencies"]["total"]:,}', f'{s["dependencies"]["unknown"]:,} unknown', "python2" if s["dependencies"]["not_ready"] else ""),
    ]
    if s["phases"]["failed"]:
        cards.insert(5, ("Failed", f'{ph["failed"]:,}', "migrator could not process them", "failed"))
    w('<div class="cards">')
    for label, value, sub, tone in cards:
        w(f'<div class="card tone-{tone}"><div class="card-label">{e(label)}</div><div class="card-value">{e(value)}</div><div class="card-sub">{e(sub)}</div></div>')
    w("</div></section>")
    # -- phases --------------------------------------------------------------------------
    w('<section id="phases"><h2>Phases <span class="hint">parses → fixable automatically → needs review → done</span></h2>')
    phases = [(p, _score.PHASE_LABELS[p], ph[p]) for p in _score.PHASES if p != "failed" or ph[p]]
    w(svg.phase_bar(phases))
    w("</section>")
    if model.get("trend"):
        _trend(w, model["trend"], links)
    # -- charts --------------------------------------------------------------------------
    w('<div class="grid2">')
    w('<section id="by-code"><h2>Findings by codemod and rule</h2>')
    by_code: dict[str, dict] = {}
    for c in model["codes"]:
        row = by_code.setdefault(c["code"], {"code": c["code"], "name": c["name"] or _FAMILY_LABEL.get(c["family"], ""), "total": 0, "parts": {}})
        row["total"] += c["count"]
        row["parts"][c["kind"]] = c
    ranked = sorted(by_code.values(), key=lambda r: (-r["total"], r["code"]))
    shown = ranked[:CHART_ROWS]
    rows = []
    for r in shown:
        parts = []
        for kind in ("change", "review", "hazard"):
            c = r["parts"].get(kind)
            if c:
                tip = f'{c["code"]} {c["name"]}: {c["description"]} — {c["count"]} {_KIND_WORD[kind]} in {c["files"]} file(s)'
                parts.append((c["count"], svg.KIND_COLORS[kind], tip))
        rows.append((r["code"], r["name"], parts))
    w(svg.bar_chart(rows, name="findings-by-code", aria="findings by codemod and rule"))
    w('<p class="legend">' + " ".join(f'<span class="sw" style="background:{svg.KIND_COLORS[k]}"></span>{lab}' for k, lab in (("change", "automatic change"), ("review", "needs review"), ("hazard", "fork hazard"))) + "</p>")
    if len(ranked) > len(shown):
        w(f'<p class="hint">the {len(shown)} most frequent of {len(ranked)} codes; the file table below filters by code</p>')
    w("</section>")
    w('<section id="heat"><h2>Per-directory heat</h2>')
    dirs, depth = _heat_rows(model["directories"])
    cols = [("python2", "Py2 files", svg.PHASE_COLORS["python2"]), ("change", "changes", svg.KIND_COLORS["change"]),
            ("review", "review", svg.KIND_COLORS["review"]), ("hazard", "hazards", svg.KIND_COLORS["hazard"]), ("score", "score", "")]
    w(svg.heatmap(dirs, cols, aria="findings per directory"))
    if depth is not None:
        w(f'<p class="hint">folders grouped {depth} level(s) deep</p>')
    dep_counts = model["dependencies"]["summary"]
    if sum(dep_counts.values()):
        w(f'<h3>Dependencies for Python {e(st["target_version"])}</h3>')
        segs = [(k, k, dep_counts.get(k, 0)) for k in ("ready", "upgrade", "replace", "drop", "blocked", "unknown", "excluded") if dep_counts.get(k, 0)]
        w(svg.phase_bar(segs, width=560, height=30, colors=svg.STATUS_COLORS, name="dependency-status", unit="requirement(s)", font=13))
    releases = model["ansible"]["by_release"]
    if releases:
        w('<h3>Ansible 2.1 API uses by the release they break in</h3>')
        rel_rows = [(r["release"] or "?", "", [(r["handled"], svg.KIND_COLORS["change"], f'{r["handled"]} rewritten by a codemod'),
                                               (r["review"], svg.KIND_COLORS["review"], f'{r["review"]} need a person')]) for r in releases]
        w(svg.bar_chart(rel_rows, name="ansible-by-release", aria="Ansible API uses by release", bar_h=16, gap=5))
        w('<p class="legend">' + " ".join(f'<span class="sw" style="background:{svg.KIND_COLORS[k]}"></span>{lab}' for k, lab in (("change", "a codemod rewrites it"), ("review", "needs a person"))) + "</p>")
    w("</section></div>")
    # -- blockers ------------------------------------------------------------------------
    files = model["files"]
    blockers = [f for f in files if f["parses"] is False or f["status"] == "failed"]
    w(f'<section id="blockers"><h2>What blocks Python 3 <span class="count">{len(blockers)}</span></h2>')
    if blockers:
        w('<p class="hint">Files that do not parse as Python 3 today (the first error), and files migrator could not process. '
          '<code>migrator fix</code> lifts the Python 2 syntax of the former.</p><ul class="findings">')
        for f in blockers:
            if f["status"] == "failed" and f["error"]:
                err = f["error"]
                w(_finding_li(links, f["path"], err["line"], "E001", "error", f'migrator cannot process it: {err["message"]}', err.get("source", "")))
            if f["parses"] is False and f["parse_error"]:
                pe = f["parse_error"]
                w(_finding_li(links, f["path"], pe["line"], "", "python2", f'does not parse as Python 3: {pe["message"]}', pe.get("source", "")))
        w("</ul>")
    else:
        w('<p class="ok">Every file parses as Python 3.</p>')
    w("</section>")
    # -- needs a person --------------------------------------------------------------------
    reviews = _group(files, "review")
    n_review = sum(len(v) for v in reviews.values())
    w(f'<section id="review"><h2>Needs a person <span class="count">{n_review}</span></h2>')
    if reviews:
        w('<p class="hint">What the codemods saw but must not decide alone (classic division, bytes/text, <code>__eq__</code> without <code>__hash__</code>, Ansible uses with no mechanical rewrite …).</p>')
        _grouped(w, reviews, links, model, open_limit=40)
    else:
        w('<p class="ok">Nothing needs review.</p>')
    w("</section>")
    # -- ansible ---------------------------------------------------------------------------
    _ansible(w, model, links)
    # -- hazards ---------------------------------------------------------------------------
    hazards = _group(files, "hazard")
    n_haz = sum(len(v) for v in hazards.values())
    w(f'<section id="hazards"><h2>Fork hazards <span class="count">{n_haz}</span></h2>')
    if hazards:
        w('<p class="hint">Fork / subprocess / signal patterns the checker flags (<code>migrator check</code>), by rule.</p>')
        _grouped(w, hazards, links, model, open_limit=40)
    else:
        w('<p class="ok">The checker found no fork hazard.</p>')
    w("</section>")
    # -- dependencies ----------------------------------------------------------------------
    _dependencies(w, model["dependencies"], links, st["target_version"])
    # -- files -----------------------------------------------------------------------------
    _file_table(w, files, links)
    # -- formula -----------------------------------------------------------------------------
    fm = model["formula"]
    w('<section id="formula"><h2>How the score is computed</h2>')
    w(f'<pre class="formula">{e(fm["text"])}</pre><dl class="terms">')
    for k, v in fm["terms"].items():
        w(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>")
    w("</dl><p>" + " ".join(e(n) for n in fm["notes"]) + "</p>")
    w("<p>Phases, in the order a migration moves a file through them: "
      + ", ".join(f"<b>{e(_score.PHASE_LABELS[p])}</b>" for p in _score.PHASES)
      + ". A file is in the first phase it has not passed; hazards count as needing review.</p></section>")
    w(f'<footer>migrator {e(model["tool"]["version"])} · report schema v{model["schema_version"]} · dependency data: {e(model["dependencies"]["table_source"])}</footer>')
    w("</main>")
    w(f"<script>{JS}</script></body></html>\n")
    return "".join(out)


# -- pieces ------------------------------------------------------------------------------
def _finding_li(links: Links, path: str, line: int, code: str, kind: str, message: str, source: str) -> str:
    where = f"{path}:{line}" if line else path
    code_html = f'<span class="code k-{e(kind)}">{e(code)}</span> ' if code else ""
    src = f'<code class="src">{e(source)}</code>' if source else ""
    return f'<li class="k-{e(kind)}"><a href="{e(links(path, line))}">{e(where)}</a> {code_html}<span class="msg">{e(message)}</span>{src}</li>'


def _group(files: list[dict], kind: str) -> dict[str, list[tuple[str, dict]]]:
    out: dict[str, list[tuple[str, dict]]] = {}
    for f in files:
        for x in f["findings"]:
            if x["kind"] == kind:
                out.setdefault(x["code"], []).append((f["path"], x))
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _grouped(w, groups: dict, links: Links, model: dict, open_limit: int) -> None:
    meta = {(c["code"], c["kind"]): c for c in model["codes"]}
    total = sum(len(v) for v in groups.values())
    for code, items in groups.items():
        kind = items[0][1]["kind"]
        c = meta.get((code, kind), {})
        head = f'<span class="code k-{kind}">{e(code)}</span> <b>{e(c.get("name", ""))}</b> <span class="desc">{e(c.get("description", ""))}</span>'
        if c.get("breaks_in"):
            head += f' <span class="pill">breaks in {e(c["breaks_in"])}</span>'
        opened = " open" if total <= open_limit else ""
        w(f'<details class="group"{opened}><summary>{head} <span class="count">{len(items)}</span></summary><ul class="findings">')
        for path, x in items:
            w(_finding_li(links, path, x["line"], x["code"], x["kind"], x["message"], x["source"]))
        w("</ul></details>")


def _heat_rows(directories: list[dict], limit: int = 22) -> tuple[list[dict], Optional[int]]:
    """Directories for the heat map: all of them if few, else grouped to the deepest level
    that gives at most ``limit`` rows (then the busiest ``limit``)."""
    if len(directories) <= limit:
        return directories, None
    keys = ("files", "statements", "change", "review", "hazard", "python2", "failed")
    max_depth = max(d["path"].count("/") + 1 for d in directories)
    best: list[dict] = []
    best_depth = 1
    for depth in range(1, max_depth + 1):
        groups: dict[str, dict] = {}
        for d in directories:
            key = "/".join(d["path"].split("/")[:depth]) if d["path"] != "." else "."
            g = groups.setdefault(key, {"path": key, **{k: 0 for k in keys}, "_s": 0.0, "_w": 0})
            for k in keys:
                g[k] += d[k]
            weight = max(1, d["statements"])
            g["_s"] += d["score"] * weight
            g["_w"] += weight
        if len(groups) > limit and best:
            break
        best, best_depth = list(groups.values()), depth
        if len(groups) > limit:
            break
    for g in best:
        g["score"] = round(g.pop("_s") / g.pop("_w"), 2) if g["_w"] else 10.0
    if len(best) > limit:
        best.sort(key=lambda g: -(g["change"] + 5 * g["review"] + 5 * g["hazard"]))
        best = best[:limit]
    best.sort(key=lambda g: g["path"])
    return best, best_depth


def _trend(w, t: dict, links: Links) -> None:
    def delta(d: dict, good_up: bool = True, fmt: str = "{:+g}") -> str:
        v = d.get("delta") or 0
        cls = "flat" if not v else ("up" if (v > 0) == good_up else "down")
        return f'<span class="delta {cls}">{fmt.format(v)}</span>'

    b = t["baseline"]
    w(f'<section id="trend"><h2>Since the last report <span class="hint">baseline: {e(b.get("path") or "")} · {e(b.get("generated") or "")}</span></h2>')
    w('<div class="cards">')
    w(f'<div class="card"><div class="card-label">Score</div><div class="card-value">{t["score"]["after"]:.1f} {delta(t["score"], True, "{:+.1f}")}</div><div class="card-sub">was {t["score"]["before"]:.1f}</div></div>')
    w(f'<div class="card"><div class="card-label">Parse as Python 3</div><div class="card-value">{t["parses"]["after"]} {delta(t["parses"])}</div><div class="card-sub">was {t["parses"]["before"]}</div></div>')
    for p, good in (("fixable", False), ("review", False), ("done", True)):
        d = t["phases"][p]
        w(f'<div class="card"><div class="card-label">{e(_score.PHASE_LABELS[p])}</div><div class="card-value">{d["after"]} {delta(d, good)}</div><div class="card-sub">was {d["before"]}</div></div>')
    for k, label in (("change", "Automatic changes"), ("review", "Review findings"), ("hazard", "Fork hazards")):
        d = t["findings"][k]
        w(f'<div class="card"><div class="card-label">{label}</div><div class="card-value">{d["after"]} {delta(d, False)}</div><div class="card-sub">was {d["before"]}</div></div>')
    w("</div>")
    if t["files_moved"]:
        w(f'<details class="group" open><summary><b>Files that moved</b> <span class="count">{len(t["files_moved"])}</span></summary>')
        w('<table class="sortable"><thead><tr><th>File</th><th>Phase before</th><th>Phase now</th><th class="num">Score before</th><th class="num">Score now</th></tr></thead><tbody>')
        for m in t["files_moved"][:500]:
            w(f'<tr><td><a href="{e(links(m["path"]))}">{e(m["path"])}</a></td><td>{_phase_badge(m["phase_before"])}</td><td>{_phase_badge(m["phase_after"])}</td>'
              f'<td class="num">{_num(m["score_before"])}</td><td class="num">{_num(m["score_after"])}</td></tr>')
        w("</tbody></table></details>")
    if t["codes"]:
        w(f'<details class="group"><summary><b>Codes that changed</b> <span class="count">{len(t["codes"])}</span></summary><table class="sortable"><thead><tr><th>Code</th><th>Kind</th><th class="num">Before</th><th class="num">Now</th><th class="num">Δ</th></tr></thead><tbody>')
        for c in t["codes"]:
            w(f'<tr><td>{e(c["code"])}</td><td>{e(c["kind"])}</td><td class="num">{c["before"]}</td><td class="num">{c["after"]}</td><td class="num">{c["delta"]:+d}</td></tr>')
        w("</tbody></table></details>")
    if t["files_added"] or t["files_removed"]:
        w(f'<p>{len(t["files_added"])} file(s) new, {len(t["files_removed"])} gone since the baseline.</p>')
    if t["dependencies"]:
        w('<details class="group"><summary><b>Dependencies that changed</b></summary><ul>')
        for d in t["dependencies"]:
            before = f'{d["before"]["spec"] or "any"} ({d["before"]["status"]})' if d["before"] else "—"
            after = f'{d["after"]["spec"] or "any"} ({d["after"]["status"]})' if d["after"] else "—"
            w(f"<li>{e(d['file'])}: <b>{e(d['name'])}</b> {e(before)} → {e(after)}</li>")
        w("</ul></details>")
    w("</section>")


def _num(v) -> str:
    return "—" if v is None else f"{v:.1f}"


def _phase_badge(phase: Optional[str]) -> str:
    if not phase:
        return "—"
    return f'<span class="phase ph-{e(phase)}">{e(_score.PHASE_LABELS.get(phase, phase))}</span>'


def _ansible(w, model: dict, links: Links) -> None:
    a = model["ansible"]
    w(f'<section id="ansible"><h2>Ansible 2.1 API <span class="count">{len(a["uses"])}</span> <span class="hint">target ansible-core {e(a["target"])}</span></h2>')
    w(f'<p class="hint">Every use an Ansible codemod recognised, by the ansible-core release whose API no longer has it; uses that break only after {e(a["target"])} are not listed (see <code>--ansible-target</code>).</p>')
    if a["uses"]:
        w('<table class="release"><thead><tr><th>Breaks in</th><th class="num">Uses</th><th class="num">Handled by a codemod</th><th class="num">Needs a person</th></tr></thead><tbody>')
        for r in a["by_release"]:
            w(f'<tr><td>{e(r["release"] or "—")}</td><td class="num">{r["uses"]}</td><td class="num">{r["handled"]}</td><td class="num">{r["review"]}</td></tr>')
        w("</tbody></table>")
        w(f'<details class="group"{" open" if len(a["uses"]) <= 60 else ""}><summary><b>Every use</b> <span class="count">{len(a["uses"])}</span></summary>')
        w('<table class="sortable"><thead><tr><th>Where</th><th>Code</th><th>Breaks in</th><th>Codemod</th><th>What</th></tr></thead><tbody>')
        for u in a["uses"]:
            where = f'{u["path"]}:{u["line"]}'
            handled = '<span class="yes">rewrites it</span>' if u["handled"] else '<span class="no">needs a person</span>'
            w(f'<tr><td><a href="{e(links(u["path"], u["line"]))}">{e(where)}</a></td><td><span class="code k-{"change" if u["handled"] else "review"}">{e(u["code"])}</span></td>'
              f'<td data-v="{e(u["breaks_in"] or "")}">{e(u["breaks_in"] or "—")}</td><td>{handled}</td><td>{e(u["message"])}<code class="src">{e(u["source"])}</code></td></tr>')
        w("</tbody></table></details>")
    else:
        w('<p class="ok">No use of the Ansible 2.1 API that breaks by the target release was found.</p>')
    unflagged = [i for i in a["imports"] if i["flagged"] < i["files"]]
    if a["imports"]:
        w(f'<details class="group"><summary><b>ansible modules imported</b> <span class="count">{len(a["imports"])}</span> '
          f'<span class="hint">{len(unflagged)} imported somewhere without a codemod finding on the import</span></summary>')
        w('<table class="sortable"><thead><tr><th>Module</th><th class="num">Files</th><th class="num">Flagged by a codemod</th></tr></thead><tbody>')
        for i in a["imports"]:
            w(f'<tr><td><code>{e(i["module"])}</code></td><td class="num">{i["files"]}</td><td class="num">{i["flagged"]}</td></tr>')
        w("</tbody></table></details>")
    w("</section>")


def _dependencies(w, d: dict, links: Links, target: str) -> None:
    items = d["items"]
    not_ready = sum(1 for i in items if i["status"] in _deps.NOT_READY)
    w(f'<section id="dependencies"><h2>Dependencies <span class="count">{not_ready} of {len(items)} not ready</span> <span class="hint">for Python {e(target)}</span></h2>')
    if not d["files"]:
        w("<p>No requirements*.txt, setup.py, setup.cfg or pyproject.toml found.</p></section>")
        return
    files_line = ", ".join(f'<a href="{e(links(f["path"]))}">{e(f["path"])}</a>' for f in d["files"])
    w(f"<p class=\"hint\">Read from {files_line} (never executed). Verdicts from the project's deploy-stack table ({e(d['table_source'])}) and, for packages installed here, their metadata; no network.</p>")
    notes = [(f["path"], n) for f in d["files"] for n in f["notes"]]
    if notes:
        w('<ul class="notes">' + "".join(f"<li>{e(p)}: {e(n)}</li>" for p, n in notes) + "</ul>")
    if items:
        order = {s: i for i, s in enumerate(("blocked", "replace", "drop", "upgrade", "unknown", "ready", "excluded"))}
        w('<table class="sortable"><thead><tr><th>Package</th><th>Pin</th><th>Where</th><th>Status</th><th>Python 3</th><th>Runs on the target from</th><th>Why</th></tr></thead><tbody>')
        for i in sorted(items, key=lambda i: (order.get(i["status"], 9), i["key"])):
            color = _STATUS_COLORS.get(i["status"], "#999")
            where = f'{i["file"]}:{i["line"]}' if i["line"] else i["file"]
            extra = f' <span class="hint">[{e(i["extra"])}]</span>' if i.get("extra") else ""
            w(f'<tr><td><b>{e(i["name"])}</b>{extra}</td><td><code>{e(i["spec"] or "any")}</code></td>'
              f'<td><a href="{e(links(i["file"], i["line"]))}">{e(where)}</a></td>'
              f'<td data-v="{order.get(i["status"], 9)}"><span class="status" style="background:{color}">{e(i["status"])}</span></td>'
              f'<td>{e(i["python3"] or "unknown")}</td><td>{e(i["target_ok_from"] or "—")}</td><td>{e(i["reason"])}'
              + (f' <span class="hint">(installed here: {e(i["installed"])})</span>' if i.get("installed") and "installed here" not in i["reason"] else "")
              + "</td></tr>")
        w("</tbody></table>")
    w("</section>")


def _file_table(w, files: list[dict], links: Links) -> None:
    w(f'<section id="files"><h2>Files <span class="count">{len(files)}</span></h2>')
    w('<div class="filters"><input id="file-filter" type="search" placeholder="filter: path or code (e.g. vesemir/ or PY104)" aria-label="filter files">'
      '<select id="phase-filter" aria-label="phase"><option value="">all phases</option>'
      + "".join(f'<option value="{p}">{e(_score.PHASE_LABELS[p])}</option>' for p in _score.PHASES)
      + '</select><label><input id="work-filter" type="checkbox"> only files with findings</label><span id="file-count" class="hint"></span></div>')
    w('<table id="file-table" class="sortable files"><thead><tr><th>File</th><th>Phase</th><th class="num">Score</th><th class="num">Statements</th>'
      '<th class="num">Changes</th><th class="num">Review</th><th class="num">Hazards</th><th>Parses as Python 3</th></tr></thead><tbody>')
    for f in files:
        codes = " ".join(sorted({x["code"] for x in f["findings"]}))
        c = f["counts"]
        n = len(f["findings"])
        if f["parses"] is True:
            parses = '<span class="yes">yes</span>'
        elif f["parses"] is False:
            pe = f["parse_error"] or {}
            parses = f'<a class="no" href="{e(links(f["path"], pe.get("line", 0)))}">no: line {pe.get("line", "?")}, {e(pe.get("message", ""))}</a>'
        else:
            parses = "?"
        if n or f["error"]:
            items = []
            if f["error"]:
                items.append(_finding_li(links, f["path"], f["error"]["line"], f["error"]["code"], "error", f["error"]["message"], f["error"].get("source", "")))
            items += [_finding_li(links, f["path"], x["line"], x["code"], x["kind"], x["message"], x["source"]) for x in f["findings"]]
            cell = f'<details><summary><a href="{e(links(f["path"]))}">{e(f["path"])}</a> <span class="count">{n}</span></summary><ul class="findings">{"".join(items)}</ul></details>'
        else:
            cell = f'<a href="{e(links(f["path"]))}">{e(f["path"])}</a>'
        order = _score.PHASES.index(f["phase"])
        w(f'<tr data-path="{e(f["path"])}" data-codes="{e(codes)}" data-phase="{e(f["phase"])}" data-n="{n}">'
          f'<td>{cell}</td><td data-v="{order}">{_phase_badge(f["phase"])}</td><td class="num" data-v="{f["score"]}">'
          f'<span class="score" style="background:{svg.score_color(f["score"])}">{f["score"]:.1f}</span></td>'
          f'<td class="num">{f["statements"]}</td><td class="num">{c["change"]}</td><td class="num">{c["review"]}</td><td class="num">{c["hazard"]}</td><td>{parses}</td></tr>')
    w("</tbody></table></section>")


CSS = """
:root{--fg:#1f2328;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff;--accent:#3b7dd8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:1320px;margin:0 auto;padding:22px 28px 40px}
header h1{font-size:26px;margin:0 0 4px}
.meta{color:var(--muted);margin:0 0 18px;font-size:13px}
h2{font-size:18px;margin:0 0 12px}
h3{font-size:14px;margin:18px 0 8px;color:#374151}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:0 0 16px}
.summary{display:flex;gap:22px;align-items:center}
.gauge-box{display:flex;flex-direction:column;align-items:center;min-width:150px}
.gauge-cap{color:var(--muted);font-size:12px;text-align:center;margin-top:4px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px;flex:1}
.card{border:1px solid var(--line);border-left:5px solid #cbd5e1;border-radius:8px;padding:8px 12px;background:#fff}
.card-label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.03em}
.card-value{font-size:24px;font-weight:700;line-height:1.25}
.card-sub{color:var(--muted);font-size:12px}
.tone-python2{border-left-color:#d64541}.tone-fixable{border-left-color:#f08c2e}.tone-review{border-left-color:#f2c230}
.tone-done{border-left-color:#2e9e5b}.tone-failed{border-left-color:#7b8794}.tone-hazard{border-left-color:#c8372d}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.grid2 section{margin:0 0 16px}
@media (max-width:1000px){.grid2{grid-template-columns:1fr}.summary{flex-direction:column}}
.hint{color:var(--muted);font-size:12.5px;font-weight:400}
h2 .hint{margin-left:8px}
.count{display:inline-block;background:#eef2f7;color:#374151;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;margin-left:4px}
.legend{margin:6px 0 0;color:var(--muted);font-size:12.5px}
.sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin:0 5px 0 12px;vertical-align:-1px}
.legend .sw:first-child{margin-left:0}
.ok{color:#2e7d4f}
ul.findings{list-style:none;margin:6px 0;padding:0}
ul.findings li{padding:4px 0 4px 10px;border-left:3px solid var(--line);margin:2px 0}
ul.findings li.k-review{border-left-color:#e0a21b}ul.findings li.k-hazard{border-left-color:#c8372d}
ul.findings li.k-change{border-left-color:#3b7dd8}ul.findings li.k-python2,ul.findings li.k-error{border-left-color:#d64541}
ul.findings a{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
code.src{display:block;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f4f6;border-radius:4px;padding:2px 6px;margin-top:2px;white-space:pre-wrap;word-break:break-all;color:#374151}
.code{font:600 11.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-radius:4px;padding:1px 5px;background:#e5e7eb}
.code.k-change{background:#dbe7f9;color:#1e4f91}.code.k-review{background:#fbefd0;color:#7a5506}
.code.k-hazard{background:#f8d9d6;color:#8b1e1e}.code.k-error{background:#e5e7eb}
.pill{font-size:11.5px;background:#eef2f7;border-radius:8px;padding:1px 7px;color:#374151}
.desc{color:var(--muted)}
details.group{margin:6px 0;border:1px solid var(--line);border-radius:8px;padding:6px 10px}
details.group>summary{cursor:pointer}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f9fafb;font-weight:600;position:sticky;top:0}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th:after{content:" ↕";color:#c0c4cc;font-size:11px}
table.sortable th.asc:after{content:" ↑";color:var(--fg)}table.sortable th.desc:after{content:" ↓";color:var(--fg)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
table.release{width:auto;min-width:50%}
.phase{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;white-space:nowrap}
.ph-python2{background:#f8d9d6;color:#8b1e1e}.ph-fixable{background:#fde3c8;color:#8a4b09}.ph-review{background:#fbefc4;color:#6f5703}
.ph-done{background:#d3efdd;color:#1d6b3e}.ph-failed{background:#e5e7eb;color:#374151}
.score{display:inline-block;min-width:38px;text-align:center;border-radius:6px;padding:0 5px;font-weight:600;color:#1f2328}
.status{color:#fff;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600}
.yes{color:#2e7d4f}.no{color:#b42318}
.delta{font-size:15px;font-weight:600;margin-left:4px}.delta.up{color:#2e7d4f}.delta.down{color:#b42318}.delta.flat{color:var(--muted)}
.filters{display:flex;gap:12px;align-items:center;margin:0 0 10px;flex-wrap:wrap}
.filters input[type=search]{flex:1;min-width:260px;padding:6px 10px;border:1px solid #cbd5e1;border-radius:6px;font:inherit}
.filters select{padding:5px 8px;border:1px solid #cbd5e1;border-radius:6px;font:inherit}
table.files details summary{cursor:pointer}
pre.formula{background:#f3f4f6;border-radius:6px;padding:10px 14px;font-size:14px}
dl.terms{display:grid;grid-template-columns:40px 1fr;margin:0 0 8px}dl.terms dt{font-weight:700}dl.terms dd{margin:0}
ul.notes{color:var(--muted);font-size:12.5px}
footer{color:var(--muted);font-size:12px;text-align:center;margin-top:12px}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
"""

JS = r"""
(function(){
  function key(td){
    if(!td) return "";
    var v = td.getAttribute("data-v"); if(v===null) v = td.textContent.trim();
    var n = parseFloat(v); return (v!=="" && !isNaN(n) && /^-?[\d.]+$/.test(v)) ? n : v.toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function(table){
    var ths = table.querySelectorAll("thead th");
    ths.forEach(function(th, i){
      th.addEventListener("click", function(){
        var asc = !th.classList.contains("asc");
        ths.forEach(function(h){ h.classList.remove("asc","desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        rows.sort(function(a, b){
          var x = key(a.cells[i]), y = key(b.cells[i]);
          if(typeof x !== typeof y){ x = String(x); y = String(y); }
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function(r){ body.appendChild(r); });
      });
    });
  });
  var table = document.getElementById("file-table");
  if(!table) return;
  var text = document.getElementById("file-filter"), phase = document.getElementById("phase-filter"),
      work = document.getElementById("work-filter"), count = document.getElementById("file-count");
  function apply(){
    var q = text.value.trim().toLowerCase(), p = phase.value, only = work.checked, shown = 0, rows = table.tBodies[0].rows;
    for(var i = 0; i < rows.length; i++){
      var r = rows[i], hay = (r.getAttribute("data-path") + " " + r.getAttribute("data-codes")).toLowerCase();
      var ok = (!q || hay.indexOf(q) >= 0) && (!p || r.getAttribute("data-phase") === p) && (!only || r.getAttribute("data-n") !== "0");
      r.style.display = ok ? "" : "none"; if(ok) shown++;
    }
    count.textContent = shown + " of " + rows.length + " files";
  }
  text.addEventListener("input", apply); phase.addEventListener("change", apply); work.addEventListener("change", apply);
  var hash = decodeURIComponent(location.hash || "");
  if(hash.indexOf("#files:") === 0){ text.value = hash.slice(7); }
  apply();
})();
"""

