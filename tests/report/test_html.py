"""The HTML report: one self-contained file with a summary, inline SVG charts, a sortable
and filterable file table and every finding linked to its line — and, opened in headless
Chromium, the summary and the charts really render."""
from __future__ import annotations

import html as html_lib
import json
import os
import re

import pytest
from browser import (
    count_color,
    dump_dom,
    find_chromium,
    read_png,
    rows_with_color,
    screenshot,
)
from report_helpers import migrator

from migrator.report import svg


@pytest.fixture(scope="module")
def built(sample_repo, tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    html_path = out / "sub" / "report.html"
    json_path = out / "report.json"
    code, _, err = migrator("report", "--no-cache", "-o", str(html_path), sample_repo)
    assert code == 0, err
    code, _, err = migrator("report", "--no-cache", "-o", str(json_path), sample_repo)
    assert code == 0, err
    return str(html_path), json.loads(json_path.read_text()), sample_repo


def test_self_contained(built):
    path, _, _ = built
    text = _read(path)
    assert text.startswith("<!DOCTYPE html>")
    assert "<script src" not in text and "<link" not in text and "@import" not in text
    assert not re.search(r"url\((?!#)", text)  # only local fragments (the SVG clip path)
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", text), "no external resources or CDNs"
    assert "<style>" in text and "<script>" in text


def test_summary_and_charts_are_inline_svg(built):
    path, model, _ = built
    text = _read(path)
    for chart in ("score-gauge", "phase-bar", "findings-by-code", "directory-heat"):
        assert f'data-chart="{chart}"' in text, chart
    for phase, n in model["summary"]["phases"].items():
        if n:
            assert f'data-phase="{phase}"' in text
    assert 'id="summary"' in text and "Parse as Python 3" in text
    assert model["formula"]["text"] in html_lib.unescape(text)


def test_every_finding_links_to_its_line_relative_to_the_report(built):
    path, model, repo = built
    text = html_lib.unescape(_read(path))
    prefix = os.path.relpath(repo, os.path.dirname(path)).replace(os.sep, "/") + "/"
    for f in model["files"]:
        for x in f["findings"]:
            assert f'href="{prefix}{f["path"]}#L{x["line"]}"' in text, (f["path"], x)
    # and the link resolves to the file
    assert os.path.isfile(os.path.normpath(os.path.join(os.path.dirname(path), prefix, "app/legacy.py")))
    assert 'print "hello", name' in text  # the line's source is shown


def test_file_table_is_sortable_and_filterable(built):
    path, model, _ = built
    text = _read(path)
    assert 'id="file-table" class="sortable' in text
    assert 'id="file-filter"' in text and 'id="phase-filter"' in text
    rows = re.findall(r'<tr data-path="([^"]+)" data-codes="([^"]*)" data-phase="([^"]+)"', text)
    assert [r[0] for r in rows] == [f["path"] for f in model["files"]]
    legacy = next(r for r in rows if r[0] == "app/legacy.py")
    assert "L101" in legacy[1].split() and legacy[2] == "python2"


CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs the Debian package)")


@needs_chromium
def test_rendered_in_headless_chromium(built, tmp_path):
    path, model, _ = built
    png = tmp_path / "shot.png"
    screenshot(path, str(png), width=1400, height=1800)
    width, height, rows = read_png(str(png))
    assert (width, height) == (1400, 1800)
    # the phase bar: a wide band of each non-empty phase's colour near the top of the page
    for phase, n in model["summary"]["phases"].items():
        if not n:
            continue
        ys = rows_with_color(rows, svg.PHASE_COLORS[phase], min_run=60)
        assert len(ys) >= 25, f"phase bar segment {phase} not rendered"
        assert min(ys) < 800, f"phase bar segment {phase} is not in the summary area"
    # the findings chart: bars of each kind that occurs
    kinds = {c["kind"] for c in model["codes"]}
    for kind in kinds:
        assert count_color(rows, svg.KIND_COLORS[kind], tolerance=4) > 300, f"no {kind} bars"
    # the score gauge in the colour of the score
    assert count_color(rows, svg.score_color(model["summary"]["score"]), tolerance=3, y1=400) > 300
    # not a blank page: plenty of dark text pixels in the summary area
    assert count_color(rows, "#1f2328", tolerance=40, y1=300) > 2000


@needs_chromium
def test_scripts_ran_and_svg_elements_exist_after_rendering(built):
    path, model, _ = built
    dom = dump_dom(path)
    assert dom, "chromium printed no DOM"
    n = len(model["files"])
    assert f'id="file-count" class="hint">{n} of {n} files<' in dom  # written by the inline script
    phase_svg = _svg(dom, "phase-bar")
    assert len(re.findall(r'<rect class="seg seg-', phase_svg)) == sum(1 for v in model["summary"]["phases"].values() if v)
    totals: dict = {}
    for c in model["codes"]:
        totals.setdefault(c["code"], [0, 0])
        totals[c["code"]][0] += c["count"]
        totals[c["code"]][1] += 1
    top = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))[:18]
    assert len(re.findall(r'<rect class="bar"', _svg(dom, "findings-by-code"))) == sum(kinds for _, (_, kinds) in top)
    assert len(re.findall(r'<rect class="cell"', _svg(dom, "directory-heat"))) == 5 * len(model["directories"])
    assert len(re.findall(r'<rect class="seg seg-', _svg(dom, "dependency-status"))) == sum(
        1 for v in model["dependencies"]["summary"].values() if v)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in dom


def _svg(dom: str, chart: str) -> str:
    """The markup of the chart ``chart`` in the rendered DOM."""
    start = dom.index(f'data-chart="{chart}"')
    return dom[start:dom.index("</svg>", start)]


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as fh:
        return fh.read()
