"""The Markdown report suits a pull-request comment: well-formed tables, links to lines,
long lists folded and cut, small enough for a comment."""
from __future__ import annotations

import re

import pytest
from report_helpers import migrator, report_json

from migrator.report import markdown


@pytest.fixture(scope="module")
def md(sample_repo):
    # the default: Markdown on stdout, links relative to the current folder
    code, out, err = migrator("report", "--no-cache", ".", cwd=sample_repo)
    assert code == 0, err
    return out


def _tables(text: str):
    """Each table as a list of rows (cells split on unescaped pipes)."""
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append([c for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def test_markdown_is_the_default_and_has_the_sections(md):
    assert md.startswith("## Migration readiness: repo")
    for heading in ("### What blocks Python 3 (1)", "### What `migrator fix` will change", "### Needs a person",
                    "### Fork hazards", "### Ansible 2.1 API", "### Dependencies"):
        assert heading in md, heading
    assert re.search(r"\*\*Score \d+\.\d / 10\*\*", md)
    assert "| Parses as Python 3 | 5 / 6 |" in md
    assert "score = max(0, 10 - 10 * (1*C + 5*R + 5*H) / S)" in md


def test_tables_are_well_formed(md):
    tables = _tables(md)
    assert len(tables) >= 5
    for table in tables:
        width = len(table[0])
        assert all(len(row) == width for row in table), table
        assert all(re.fullmatch(r"-+:?|:?-+:?", c.strip()) for c in table[1]), table[1]


def test_findings_link_to_their_lines(md):
    assert "[`app/legacy.py:5`](app/legacy.py#L5)" in md
    assert "[`app/division.py:2`](app/division.py#L2)" in md
    assert "`print \"hello\", name`" in md


def test_details_blocks_are_balanced(md):
    assert md.count("<details>") == md.count("</details>") > 0
    assert md.count("<summary>") == md.count("</summary>")


def test_long_lists_are_cut_and_the_comment_stays_small(sample_repo):
    model = report_json(sample_repo)
    many = dict(model)
    f = dict(model["files"][0])
    f["findings"] = [dict(line=i, col=1, code="PY220", kind="review", message="classic division | pipe", source="a / b")
                     for i in range(1, 2001)]
    many["files"] = [f] + model["files"][1:]
    text = markdown.render(many, limit=25)
    assert re.search(r"… and 19\d\d more", text)
    assert text.count("classic division") <= 110
    assert len(text.encode()) < 60_000
    assert "classic division \\| pipe" in text


def test_links_prefix(sample_repo):
    code, out, err = migrator("report", "--no-cache", "--links", "https://git.example.invalid/o/r/blob/main/", sample_repo)
    assert code == 0, err
    assert "(https://git.example.invalid/o/r/blob/main/app/legacy.py#L5)" in out
