"""The lift's contract: fast path, losslessness, line endings, line map, positions, errors."""

from __future__ import annotations

import ast

import pytest

from migrator.findings import Kind, MigratorError
from migrator.lift import Lifted, detect, grammar, lift

PY2_SAMPLE = """\
#!/usr/bin/env python
# -*- coding: utf-8 -*-
\"\"\"A module docstring.\"\"\"
import sys  # a trailing comment

CONSTANT = {'a': 1,   # odd   spacing kept
            'b': 2}


def main(argv):
    # a comment line
    for arg in argv:
        print arg,   # trailing comma
    print
    try:
        value = int(argv[0])
    except (IndexError, ValueError), err:
        print >>sys.stderr, "bad:", err
        return 1
    return 0 if value <> 0 else 2
"""


# -- fast path: Python 3 text comes back untouched ---------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "x = 1",
        'print("a", "b")\n',
        "print()\n",
        'name = "x"\nprint(f"{name!r}")\n',
        "async def f():\n    await g()\n",
        "def f(x):\n\tif x:\n\t\treturn 1\n",
        "x = 1\r\ny = 2\r\n",
        "def f(*, a, b=1, **kw):\n    return a\n",
        "f = print\nprint(end='')\n",
        'x = "\\d"  # an invalid escape is a warning, not an error\n',
    ],
)
def test_python3_text_is_returned_unchanged(text):
    result = lift(text)
    assert result.text is text
    assert result.changes == []
    assert result.line_map is None
    assert not result.changed


def test_second_run_is_a_no_op():
    first = lift(PY2_SAMPLE)
    assert first.changed
    second = lift(first.text)
    assert second.text == first.text
    assert not second.changed


# -- Python 3 syntax that only makes sense as Python 2 -----------------------------------
@pytest.mark.parametrize(
    "before, after",
    [
        ("print >>sys.stderr, 'x'\n", "print('x', file=sys.stderr)\n"),
        ("print >>f\n", "print(file=f)\n"),
        ("print\n", "print()\n"),
        ("if x: print\n", "if x: print()\n"),
        ("print ('a'), 'b'\n", "print(('a'), 'b')\n"),
        (
            "print ('a'),\nprint('b', 'c')\n",
            "print(('a'), end=\" \")\nprint(('b', 'c'))\n",
        ),
    ],
)
def test_print_statements_that_parse_as_python3_are_python2(before, after):
    assert lift(before).text == after


def test_odd_python3_with_a_print_shift_stays_python3():
    text = "match x:\n    case 1:\n        pass\nprint >>f, x\n"  # fissix cannot read match: Python 3
    assert lift(text).text is text


# -- losslessness ------------------------------------------------------------------------
def test_untouched_lines_are_byte_identical():
    result = lift(PY2_SAMPLE)
    assert result.line_map is None
    touched = {f.line for f in result.changes}
    old_lines = PY2_SAMPLE.splitlines(keepends=True)
    new_lines = result.text.splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    for number, (old, new) in enumerate(zip(old_lines, new_lines), start=1):
        if number not in touched:
            assert old == new, f"line {number} changed"
    assert touched == {13, 14, 17, 18, 20}
    assert '        print(arg, end=" ")   # trailing comma\n' in new_lines
    assert "    return 0 if value != 0 else 2\n" in new_lines


def test_crlf_line_endings_are_kept():
    text = PY2_SAMPLE.replace("\n", "\r\n")
    result = lift(text)
    assert result.text == lift(PY2_SAMPLE).text.replace("\n", "\r\n")
    assert result.text.count("\r\n") == text.count("\r\n")
    assert "\n" not in result.text.replace("\r\n", "")


def test_crlf_in_added_lines():
    result = lift("def f((a, b)):\r\n    return a\r\n")
    assert result.text == "def f(a_b):\r\n    (a, b) = a_b\r\n    return a\r\n"


@pytest.mark.parametrize(
    "before, after",
    [
        ('print "a"', 'print("a")'),
        ("if x:\n    print 'a'", "if x:\n    print('a')"),
        ("print 'a'  # done", "print('a')  # done"),
        ("def f((a, b)):\n    return a", "def f(a_b):\n    (a, b) = a_b\n    return a"),
        ("x = 0777\n# last line is a comment", "x = 0o777\n# last line is a comment"),
    ],
)
def test_text_without_final_newline(before, after):
    result = lift(before)
    assert result.text == after
    assert lift(result.text).text == after


def test_byte_order_mark_is_kept():
    result = lift("\ufeffprint 'a'\n")
    assert result.text == "\ufeffprint('a')\n"
    assert lift("\ufeffx = 1\n").text == "\ufeffx = 1\n"


def test_non_ascii_text_survives():
    text = "# -*- coding: utf-8 -*-\nprint 'café ☕'\ns = u'ü'\n"
    assert lift(text).text == "# -*- coding: utf-8 -*-\nprint('café ☕')\ns = u'ü'\n"


# -- findings and the line map -----------------------------------------------------------
def test_findings_point_at_the_original_text():
    result = lift("x = 1\ny = a <> b\nprint `y`\n")
    got = [(f.line, f.col, f.code) for f in result.changes]
    assert got == [(2, 7, "L105"), (3, 1, "L101"), (3, 7, "L104")]
    assert all(f.kind is Kind.CHANGE for f in result.changes)
    assert result.changes[0].message.startswith("not-equal: ")


def test_line_map_for_added_lines():
    text = (
        "def f(a, (b, c)):\n"  # 1
        '    """Doc."""\n'  # 2
        "    return b\n"  # 3
        "try:\n"  # 4
        "    pass\n"  # 5
        "except E, (x, y):\n"  # 6
        "    pass\n"  # 7
        "z = 0777\n"  # 8
    )
    result = lift(text)
    assert result.text.splitlines() == [
        "def f(a, b_c):",
        '    """Doc."""',
        "    (b, c) = b_c",
        "    return b",
        "try:",
        "    pass",
        "except E as exc:",
        "    (x, y) = exc.args",
        "    pass",
        "z = 0o777",
    ]
    assert result.line_map == [0, 1, 2, 1, 3, 4, 5, 6, 6, 7, 8]
    assert [result.original_line(n) for n in range(1, 11)] == [
        1,
        2,
        1,
        3,
        4,
        5,
        6,
        6,
        7,
        8,
    ]
    # findings keep their original lines
    assert [(f.line, f.code) for f in result.changes] == [
        (1, "L113"),
        (6, "L110"),
        (8, "L106"),
    ]


def test_original_line_without_a_map():
    result = Lifted("x = 1\n")
    assert result.line_map is None
    assert result.original_line(7) == 7


def test_original_line_past_the_end():
    result = Lifted("a\nb\nc\n", line_map=[0, 1, 1, 2])
    assert result.original_line(4) == 3


def test_no_line_map_when_lines_correspond():
    assert lift(PY2_SAMPLE).line_map is None


# -- errors ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, line",
    [
        ("x = 1\ny = 2\ndef f(:\n    pass\n", 3),
        ("print 'a'\nthis is not python at all\n", 2),
        ("x = (1,\n", 1),
        ("if x:\npass\n", 2),
        ("print 'a'\nx = 1 +\n", 2),
        ("{% if x %}\nx = 1\n{% endif %}\n", 1),
        ("x = 1\0\n", 0),
    ],
)
def test_neither_python2_nor_python3_is_an_error(text, line):
    with pytest.raises(MigratorError) as info:
        lift(text)
    assert "invalid syntax (not Python 2 or 3)" in info.value.message
    if line:
        assert info.value.line == line


def test_error_reports_the_parser_that_got_further():
    text = "print 'python 2'\nx = 1\nx = 2\nfoo(:\n"
    with pytest.raises(MigratorError) as info:
        lift(text)
    assert info.value.line == 4
    assert "Python 2:" in info.value.message and "Python 3:" in info.value.message


# -- Python 2 grammar details ------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("x = 1\n", frozenset()),
        ("from __future__ import print_function\n", {"print_function"}),
        (
            '"""Doc."""\n# c\nfrom __future__ import division, print_function\n',
            {"division", "print_function"},
        ),
        (
            "from __future__ import (absolute_import,\n    unicode_literals)\n",
            {"absolute_import", "unicode_literals"},
        ),
        (
            "from __future__ import print_function as pf; from __future__ import division\n",
            {"print_function", "division"},
        ),
        ("import os\nfrom __future__ import print_function\n", frozenset()),
        ("x = '__future__'\n", frozenset()),
    ],
)
def test_future_features(text, expected):
    assert grammar.future_features(text) == expected


def test_drivers_are_built_once():
    assert grammar._DRIVERS[True] is grammar._DRIVERS[True]
    assert {d.grammar for d in grammar._DRIVERS.values()} == {
        grammar.pygram.python_grammar,
        grammar.pygram.python_grammar_no_print_statement,
    }


# -- PEP 758 (Python 3.14: "except A, B:" means "except (A, B):") -------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("try:\n    pass\nexcept E, e:\n    pass\n", True),
        ("try: pass\nexcept (A, B), e: pass\n", True),
        ("try: pass\nexcept E, (a, b): pass\n", True),
        ("try: pass\nexcept A, B, C: pass\n", False),
        ("try: pass\nexcept (A, B) as e: pass\n", False),
        ("try: pass\nexcept E as e: pass\n", False),
        ("try: pass\nexcept: pass\n", False),
        ("try: pass\nexcept f(a, b): pass\n", False),
        ("x = 'except E, e:'\n", False),
        ("except_ = a, b\n", False),
    ],
)
def test_python2_except_comma_detection(text, expected):
    assert detect.has_python2_except_comma(text) is expected


def test_pep758_file_is_read_as_python2(monkeypatch):
    text = "try:\n    pass\nexcept ValueError, e:\n    pass\n"
    monkeypatch.setattr(detect, "_PEP758", True)
    monkeypatch.setattr(
        detect,
        "parse_python3",
        lambda t, f="<lift>": (ast.Module(body=[], type_ignores=[]), None),
    )
    assert detect.pep758_ambiguous(text)
    assert not detect.pep758_ambiguous("try:\n    pass\nexcept (A, B):\n    pass\n")
    result = lift(text)
    assert result.text == "try:\n    pass\nexcept ValueError as e:\n    pass\n"
    assert [f.code for f in result.changes] == ["L109"]


def test_pep758_check_is_off_before_314(monkeypatch):
    monkeypatch.setattr(detect, "_PEP758", False)
    assert not detect.pep758_ambiguous("try: pass\nexcept E, e: pass\n")


# -- indentation: Python 2's reading (tab = next multiple of 8) is kept --------------------
MIXED = [
    "def f(x):\n\tif x:\n\t\treturn 1\n        return 2\n",
    "def f(x):\n    if x:\n\ty = 1\n\treturn y\n    return 0\n",
    "class A:\n\tdef f(self):\n\t\tif self:\n\t\t\treturn 1\n        # c\n        def g(self):\n\t\tpass\nx = 1\n",
    "if 1:\n        if 2:\n\t    pass\n\telse:\n                pass\n",
    "def f():\n  \tx = 1\n\ty = 2\n\tif x:\n\t  \t  return [x,\n\ty]\n",
    "for i in x:\n\tif i:\n\t\tcontinue\n        else:\n    \t\tbreak\n",
]


def _expand_indentation(text: str) -> str:
    """Python 2's reading: leading tabs expanded to the next multiple of 8."""
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        stripped = line.lstrip(" \t")
        out.append(line[: len(line) - len(stripped)].expandtabs(8) + stripped)
    return "".join(out)


@pytest.mark.parametrize("text", MIXED)
def test_reindented_code_has_python2_structure(text):
    with pytest.raises(SyntaxError):
        ast.parse(text)
    result = lift(text)
    assert {f.code for f in result.changes} == {"L116"}
    assert ast.dump(ast.parse(result.text)) == ast.dump(
        ast.parse(_expand_indentation(text))
    )
    touched = {f.line for f in result.changes}
    for number, (old, new) in enumerate(
        zip(text.splitlines(), result.text.splitlines()), start=1
    ):
        if number not in touched:
            assert old == new
        else:
            assert old.lstrip(" \t") == new.lstrip(" \t")
