"""The score formula and the phases (the numbers the report prints)."""
from __future__ import annotations

from migrator.report import score


def test_formula_values():
    assert score.file_score({"change": 0, "review": 0, "hazard": 0}, 50) == 10
    assert score.file_score({"change": 10, "review": 0, "hazard": 0}, 100) == 9
    assert score.file_score({"change": 0, "review": 2, "hazard": 0}, 100) == 9
    assert score.file_score({"change": 0, "review": 0, "hazard": 1}, 10) == 5
    assert score.file_score({"change": 100, "review": 0, "hazard": 0}, 10) == 0  # never below 0
    assert score.file_score({"change": 0}, 10, failed=True) == 0
    # S is at least 10: one change in an almost empty file costs what it costs in 10 lines
    assert score.file_score({"change": 1}, 0) == 9 and score.file_score({}, 0) == 10
    assert score.file_score({"review": 1}, 2) == score.file_score({"review": 1}, 10) == 5


def test_formula_text_matches_the_weights():
    f = score.formula()
    for kind, letter in (("change", "C"), ("review", "R"), ("hazard", "H")):
        assert f"{score.WEIGHTS[kind]}*{letter}" in f["text"]
        assert letter in f["terms"]


def test_overall_is_the_statement_weighted_mean():
    files = [{"score": 10.0, "statements": 300}, {"score": 4.0, "statements": 100}]
    assert score.overall_score(files) == 8.5
    assert score.overall_score([]) == 10


def test_phases_in_order():
    none = {"change": 0, "review": 0, "hazard": 0}
    assert score.phase(False, False, {"change": 3}) == "python2"
    assert score.phase(True, False, {"change": 1, "review": 4}) == "fixable"
    assert score.phase(True, False, {"review": 1}) == "review"
    assert score.phase(True, False, {"hazard": 1}) == "review"
    assert score.phase(True, False, none) == "done"
    assert score.phase(None, True, none) == "failed"
    assert score.PHASES[:4] == ("python2", "fixable", "review", "done")


def test_statements_skip_blank_and_comment_lines():
    assert score.statements("# c\n\nx = 1\n  # c\ny = '''doc\n'''\n") == 3
