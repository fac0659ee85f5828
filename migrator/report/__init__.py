"""The migration readiness report (``migrator report``).

    collect.py   run the one-parse dry run (engine REPORT mode) and aggregate: the model
    catalog.py   what each finding code means (registries + lift catalogue)
    score.py     the score formula and the phases
    deps.py      dependency readiness (requirements*.txt, setup.py AST, setup.cfg, pyproject)
    deptable.json  the deploy-stack table deps.py judges pins against
    trend.py     comparison with a baseline report (--baseline previous.json)
    html.py / markdown.py / svg.py   the renderers; JSON is the model itself
    schema/report-v1.schema.json     the JSON schema, versioned

The model is a plain dict shaped as the JSON schema says; :func:`render` turns it into
``html``, ``md`` or ``json`` text.
"""
from __future__ import annotations

import json
import os
from typing import Optional

FORMATS = ("html", "md", "json")
SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema", "report-v1.schema.json")


def render(model: dict, fmt: str, output: Optional[str] = None, link_prefix: Optional[str] = None) -> str:
    """The report as text. Links to source lines are relative to ``output``'s folder (or the
    current folder), unless ``link_prefix`` (e.g. a repository URL ending in /) is given."""
    if fmt == "json":
        return json.dumps(model, indent=1, ensure_ascii=False) + "\n"
    from migrator.report import html

    prefix = link_prefix if link_prefix is not None else html.link_prefix(model["root"], output)
    links = html.Links(prefix)
    if fmt == "html":
        return html.render(model, links)
    if fmt == "md":
        from migrator.report import markdown

        return markdown.render(model, links)
    raise ValueError(f"unknown report format {fmt!r}")


def schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as fh:
        return json.load(fh)
