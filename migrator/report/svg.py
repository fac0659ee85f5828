"""Inline SVG charts for the HTML report: drawn here, as text, so the report needs no
script to show them (and a browser with scripts off shows them too).

Every chart is a function from plain numbers to an ``<svg>`` string with a ``role="img"``,
an ``aria-label`` and a ``data-chart`` name (the rendering test looks for those).
"""
from __future__ import annotations

from html import escape
from typing import Optional, Sequence

FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\""

PHASE_COLORS = {
    "python2": "#d64541",  # red: does not parse as Python 3
    "fixable": "#f08c2e",  # orange: migrator fix will do it
    "review": "#f2c230",  # yellow: a person must look
    "done": "#2e9e5b",  # green
    "failed": "#7b8794",  # grey
}
KIND_COLORS = {"change": "#3b7dd8", "review": "#e0a21b", "hazard": "#c8372d", "error": "#7b8794"}
STATUS_COLORS = {
    "ready": "#2e9e5b", "upgrade": "#f08c2e", "replace": "#d64541", "drop": "#b84a8f",
    "blocked": "#8b1e1e", "unknown": "#9aa5b1", "excluded": "#cbd2d9",
}


def _attr(text: str) -> str:
    return escape(str(text), quote=True)


def _text_width(text: str, size: float) -> float:
    """A rough width estimate for laying out labels (no font metrics in here)."""
    return len(text) * size * 0.58


def phase_bar(
    phases: Sequence[tuple[str, str, int]],
    width: int = 1000,
    height: int = 46,
    colors: Optional[dict] = None,
    name: str = "phase-bar",
    unit: str = "file(s)",
    font: int = 15,
) -> str:
    """One stacked bar: (id, label, count) in order; a legend below it."""
    colors = colors or PHASE_COLORS
    total = sum(n for _, _, n in phases) or 1
    legend_h = 26
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {_attr(name)}" data-chart="{_attr(name)}" role="img" '
        f'viewBox="0 0 {width} {height + legend_h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-label="{_attr(", ".join(f"{label}: {n}" for _, label, n in phases))}" {FONT}>'
    ]
    parts.append(f'<defs><clipPath id="{_attr(name)}-clip"><rect x="0" y="0" width="{width}" height="{height}" rx="7"/></clipPath></defs>')
    parts.append(f'<g clip-path="url(#{_attr(name)}-clip)">')
    x = 0.0
    shown = [(pid, label, n) for pid, label, n in phases if n]
    if not shown:
        parts.append(f'<rect x="0" y="0" width="{width}" height="{height}" rx="6" fill="#e5e7eb"/>')
    for i, (pid, label, n) in enumerate(shown):
        w = width * n / total
        if i == len(shown) - 1:
            w = width - x  # no rounding gap at the end
        color = colors.get(pid, "#999")
        parts.append(
            f'<rect class="seg seg-{pid}" data-phase="{pid}" x="{x:.2f}" y="0" width="{max(w, 0):.2f}" height="{height}" '
            f'fill="{color}"><title>{_attr(label)}: {n} {unit} ({100 * n / total:.0f}%)</title></rect>'
        )
        caption = f"{n} ({100 * n / total:.0f}%)"
        if _text_width(caption, font) + 12 > w:
            caption = str(n)
        if _text_width(caption, font) + 8 < w:
            fg = "#1f2328" if _light(color) else "#ffffff"
            parts.append(
                f'<text x="{x + w / 2:.2f}" y="{height / 2 + font / 3:.2f}" text-anchor="middle" font-size="{font}" '
                f'font-weight="600" fill="{fg}">{caption}</text>'
            )
        x += w
    parts.append("</g>")
    lx = 0.0
    for pid, label, n in phases:
        color = colors.get(pid, "#999")
        text = f"{label} · {n}"
        parts.append(f'<rect x="{lx:.1f}" y="{height + 9}" width="12" height="12" rx="2" fill="{color}"/>')
        parts.append(f'<text x="{lx + 17:.1f}" y="{height + 20}" font-size="13" fill="#374151">{_attr(text)}</text>')
        lx += 17 + _text_width(text, 13) + 22
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    rows: Sequence[tuple[str, str, Sequence[tuple[int, str, str]]]],
    width: int = 560,
    bar_h: int = 20,
    gap: int = 6,
    name: str = "bars",
    aria: str = "",
) -> str:
    """Horizontal stacked bars, one row per (label, sublabel, [(value, color, tooltip), ...])."""
    if not rows:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{_attr(name)}" role="img" '
            f'viewBox="0 0 {width} 40" width="100%" aria-label="{_attr(aria)}: nothing" {FONT}>'
            f'<text x="0" y="24" font-size="14" fill="#6b7280">Nothing found.</text></svg>'
        )
    totals = [sum(v for v, _, _ in parts) for _, _, parts in rows]
    top = max(totals) or 1
    size = 12.5
    value_w = int(_text_width(str(top), size)) + 12
    label_w = int(min(width * 0.5, max(_text_width(f"{a} {b}", size) for a, b, _ in rows) + 14))
    plot_w = width - label_w - value_w
    height = len(rows) * (bar_h + gap) + gap
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{_attr(name)}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" aria-label="{_attr(aria)}" {FONT}>'
    ]
    for i, ((label, sub, parts), total) in enumerate(zip(rows, totals)):
        y = gap + i * (bar_h + gap)
        room = label_w - 10 - _text_width(label + " ", size)
        if sub and _text_width(sub, size) > room:
            keep = max(0, int(room / (size * 0.58)) - 1)
            sub = (sub[:keep] + "…") if keep > 3 else ""
        out.append(
            f'<text x="{label_w - 8}" y="{y + bar_h / 2 + 4.5:.1f}" text-anchor="end" font-size="{size}" fill="#1f2328">'
            f'<tspan font-weight="600">{_attr(label)}</tspan>'
            + (f'<tspan fill="#6b7280"> {_attr(sub)}</tspan>' if sub else "")
            + "</text>"
        )
        x = float(label_w)
        for value, color, tip in parts:
            if not value:
                continue
            w = max(2.0, plot_w * value / top)
            out.append(
                f'<rect class="bar" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}">'
                f"<title>{_attr(tip)}</title></rect>"
            )
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + bar_h / 2 + 4.5:.1f}" font-size="{size}" fill="#374151">{total}</text>')
    out.append("</svg>")
    return "".join(out)


def _light(color: str) -> bool:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b > 170


def _mix(c1: str, c2: str, t: float) -> str:
    t = max(0.0, min(1.0, t))
    a = [int(c1[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(c2[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def score_color(score: float, scale: float = 10.0) -> str:
    """Red (0) through yellow (5) to green (10)."""
    t = score / scale
    if t < 0.5:
        return _mix("#d64541", "#f2c230", t * 2)
    return _mix("#f2c230", "#2e9e5b", (t - 0.5) * 2)


def heatmap(
    rows: Sequence[dict],
    columns: Sequence[tuple[str, str, str]],
    width: int = 560,
    row_h: int = 24,
    name: str = "directory-heat",
    aria: str = "",
) -> str:
    """A matrix: one row per directory, one column per metric. ``columns`` are (key, title,
    color); a cell's shade is its value relative to the column's largest. A column whose key
    is "score" is coloured red→green by the score itself."""
    if not rows:
        return bar_chart([], width=width, name=name, aria=aria)
    def row_label(row: dict) -> str:
        return "(top level)" if row["path"] in (".", "") else row["path"]

    label_w = int(min(width * 0.46, max(_text_width(row_label(r), 12) for r in rows) + 16))
    cell_w = (width - label_w) / len(columns)
    head_h = 30
    height = head_h + len(rows) * row_h + 2
    tops = {key: max((r.get(key, 0) for r in rows), default=0) or 1 for key, _, _ in columns}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="{_attr(name)}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" aria-label="{_attr(aria)}" {FONT}>'
    ]
    for j, (key, title, _) in enumerate(columns):
        cx = label_w + j * cell_w + cell_w / 2
        parts.append(f'<text x="{cx:.1f}" y="{head_h - 10}" text-anchor="middle" font-size="12" font-weight="600" fill="#374151">{_attr(title)}</text>')
    for i, row in enumerate(rows):
        y = head_h + i * row_h
        label = row_label(row)
        if _text_width(label, 12) > label_w - 14:
            keep = max(4, int((label_w - 14) / (12 * 0.58)) - 1)
            label = "…" + label[-keep:]
        parts.append(f'<text x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end" font-size="12" fill="#1f2328">{_attr(label)}<title>{_attr(row["path"])}</title></text>')
        for j, (key, title, color) in enumerate(columns):
            value = row.get(key, 0)
            if key == "score":
                fill = score_color(value)
                fg = "#1f2328"
                shown = f"{value:.1f}"
            else:
                t = (value / tops[key]) if value else 0.0
                fill = _mix("#f3f4f6", color, 0.15 + 0.85 * t) if value else "#f3f4f6"
                fg = "#ffffff" if t > 0.55 else "#1f2328"
                shown = str(value)
            x = label_w + j * cell_w
            parts.append(
                f'<rect class="cell" x="{x + 1:.1f}" y="{y + 1}" width="{cell_w - 2:.1f}" height="{row_h - 2}" rx="3" fill="{fill}">'
                f'<title>{_attr(row["path"])} — {_attr(title)}: {shown}</title></rect>'
            )
            parts.append(f'<text x="{x + cell_w / 2:.1f}" y="{y + row_h / 2 + 4:.1f}" text-anchor="middle" font-size="12" fill="{fg}">{shown}</text>')
    parts.append("</svg>")
    return "".join(parts)


def gauge(score: float, scale: float = 10.0, size: int = 132) -> str:
    """The overall score as a ring."""
    r = size / 2 - 10
    c = 2 * 3.14159265 * r
    frac = max(0.0, min(1.0, score / scale))
    color = score_color(score, scale)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gauge" data-chart="score-gauge" role="img" '
        f'viewBox="0 0 {size} {size}" width="{size}" height="{size}" aria-label="score {score:.1f} of {scale:g}" {FONT}>'
        f'<circle cx="{size / 2}" cy="{size / 2}" r="{r:.1f}" fill="none" stroke="#e5e7eb" stroke-width="12"/>'
        f'<circle cx="{size / 2}" cy="{size / 2}" r="{r:.1f}" fill="none" stroke="{color}" stroke-width="12" '
        f'stroke-linecap="round" stroke-dasharray="{c * frac:.1f} {c:.1f}" transform="rotate(-90 {size / 2} {size / 2})"/>'
        f'<text x="{size / 2}" y="{size / 2 + 4}" text-anchor="middle" font-size="30" font-weight="700" fill="#1f2328">{score:.1f}</text>'
        f'<text x="{size / 2}" y="{size / 2 + 24}" text-anchor="middle" font-size="12" fill="#6b7280">of {scale:g}</text>'
        "</svg>"
    )
