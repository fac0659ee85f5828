"""Before/after tests for every construct the lift rewrites.

Each case gives the Python 2 text, the exact expected text and the codes reported.  A
text that parses as Python 3 is left alone, so cases whose construct is valid Python 3
syntax (``print("a", "b")``, ``exec(code)``) carry a second line with an unambiguous
Python 2 statement (``print "2"``) to make the file Python 2.

Every case is also lifted a second time: the output must come back unchanged.
"""

from __future__ import annotations

import ast
import warnings

import pytest

from migrator.lift import lift

P2 = 'print "2"\n'  # makes a file Python 2
P3 = 'print("2")\n'  # ... and what that line becomes

CASES = [
    # -- L101 print statement --------------------------------------------------------
    ("print-simple", 'print "a"\n', 'print("a")\n', ["L101"]),
    ("print-several", 'print "a", 1, x\n', 'print("a", 1, x)\n', ["L101"]),
    ("print-expression", 'print "%s!" % name\n', 'print("%s!" % name)\n', ["L101"]),
    ("print-trailing-comma", 'print "a",\n', 'print("a", end=" ")\n', ["L101"]),
    (
        "print-trailing-comma-mid-line",
        'print "a",; print "b"\n',
        'print("a", end=" "); print("b")\n',
        ["L101", "L101"],
    ),
    (
        "print-trailing-comma-two",
        'print "a", "b",\n',
        'print("a", "b", end=" ")\n',
        ["L101"],
    ),
    ("print-bare", "if x:\n    print\n", "if x:\n    print()\n", ["L101"]),
    ("print-bare-alone", "print\n", "print()\n", ["L101"]),
    (
        "print-bare-semicolon",
        'print; print "a"\n',
        'print(); print("a")\n',
        ["L101", "L101"],
    ),
    (
        "print-file",
        'print >>sys.stderr, "a"\n',
        'print("a", file=sys.stderr)\n',
        ["L101"],
    ),
    ("print-file-nospace", 'print>>f,"a"\n', 'print("a", file=f)\n', ["L101"]),
    (
        "print-file-trailing",
        'print >>f, "a", x,\n',
        'print("a", x, end=" ", file=f)\n',
        ["L101"],
    ),
    ("print-file-only", "print >>f\n", "print(file=f)\n", ["L101"]),
    ("print-comment", 'print "a"  # say a\n', 'print("a")  # say a\n', ["L101"]),
    ("print-inline-if", 'if x: print "a"\n', 'if x: print("a")\n', ["L101"]),
    (
        "print-continuation",
        'print "a", \\\n    "b"\n',
        'print("a", \\\n    "b")\n',
        ["L101"],
    ),
    ("print-paren-then-more", 'print ("a"), "b"\n', 'print(("a"), "b")\n', ["L101"]),
    (
        "print-paren-trailing",
        'print ("a"),\n' + P2,
        'print(("a"), end=" ")\n' + P3,
        ["L101", "L101"],
    ),
    ("print-backticks", "print `x`\n", "print(repr(x))\n", ["L101", "L104"]),
    ("print-no-eol", 'print "a"', 'print("a")', ["L101"]),
    # -- L102 print of a parenthesized tuple keeps its Python 2 meaning --------------
    (
        "print-tuple",
        'print("a", "b")\n' + P2,
        'print(("a", "b"))\n' + P3,
        ["L102", "L101"],
    ),
    (
        "print-tuple-space",
        'print ("a", x)\n' + P2,
        'print(("a", x))\n' + P3,
        ["L102", "L101"],
    ),
    ("print-empty-tuple", "print()\n" + P2, "print(())\n" + P3, ["L102", "L101"]),
    (
        "print-one-tuple",
        'print ("a",)\n' + P2,
        'print(("a",))\n' + P3,
        ["L102", "L101"],
    ),
    ("print-paren-single", 'print("a")\n' + P2, 'print("a")\n' + P3, ["L101"]),
    ("print-paren-name", "print (x)\n" + P2, "print (x)\n" + P3, ["L101"]),
    (
        "print-paren-genexp",
        "print (c for c in s)\n" + P2,
        "print (c for c in s)\n" + P3,
        ["L101"],
    ),
    (
        "print-function-future",
        'from __future__ import print_function\nprint("a", "b")\nexec "x = 1"\n',
        'from __future__ import print_function\nprint("a", "b")\nexec("x = 1")\n',
        ["L103"],
    ),
    (
        "print-function-future-parens",
        'from __future__ import (absolute_import,\n    print_function)\nprint()\nexec "pass"\n',
        'from __future__ import (absolute_import,\n    print_function)\nprint()\nexec("pass")\n',
        ["L103"],
    ),
    # -- L103 exec statement ---------------------------------------------------------
    ("exec", "exec code\n", "exec(code)\n", ["L103"]),
    ("exec-string", 'exec "x = 1"\n', 'exec("x = 1")\n', ["L103"]),
    ("exec-globals", "exec code in ns\n", "exec(code, ns)\n", ["L103"]),
    ("exec-globals-locals", "exec code in g, l\n", "exec(code, g, l)\n", ["L103"]),
    (
        "exec-in-function",
        "def f():\n    exec s in {}\n",
        "def f():\n    exec(s, {})\n",
        ["L103"],
    ),
    ("exec-call-form", "exec(code)\n" + P2, "exec(code)\n" + P3, ["L101"]),
    ("exec-tuple-form", "exec (code, g)\n" + P2, "exec (code, g)\n" + P3, ["L101"]),
    # -- L104 backticks --------------------------------------------------------------
    ("backticks", "s = `x`\n", "s = repr(x)\n", ["L104"]),
    ("backticks-tuple", "s = `a, b`\n", "s = repr((a, b))\n", ["L104"]),
    (
        "backticks-expr",
        's = "<" + `x + 1` + ">"\n',
        's = "<" + repr(x + 1) + ">"\n',
        ["L104"],
    ),
    ("backticks-method", "s = `x`.upper()\n", "s = repr(x).upper()\n", ["L104"]),
    ("backticks-two", "s = `a` + `b`\n", "s = repr(a) + repr(b)\n", ["L104", "L104"]),
    # -- L105 <> ---------------------------------------------------------------------
    ("not-equal", "if a <> b:\n    pass\n", "if a != b:\n    pass\n", ["L105"]),
    ("not-equal-tight", "c = a<>b\n", "c = a!=b\n", ["L105"]),
    ("not-equal-already", "c = a != b\n" + P2, "c = a != b\n" + P3, ["L101"]),
    # -- L106 octal, L107 long -------------------------------------------------------
    ("octal", "os.chmod(p, 0777)\n", "os.chmod(p, 0o777)\n", ["L106"]),
    ("octal-small", "m = 0644\n", "m = 0o644\n", ["L106"]),
    ("octal-leading-zeros", "m = 00755\n", "m = 0o0755\n", ["L106"]),
    ("long", "n = 10L\n", "n = 10\n", ["L107"]),
    ("long-lower", "n = 10l\n", "n = 10\n", ["L107"]),
    ("long-zero", "n = 0L\n", "n = 0\n", ["L107"]),
    ("long-octal", "n = 0777L\n", "n = 0o777\n", ["L106", "L107"]),
    ("long-hex", "n = 0XFFL\n", "n = 0XFF\n", ["L107"]),
    ("long-hex-lower", "n = 0xffl\n", "n = 0xff\n", ["L107"]),
    (
        "numbers-already-fine",
        "a = (0, 00, 0.5, 0e0, 0j, 07.5, 0x1F, 0o17, 0b101, 1e10)\n" + P2,
        "a = (0, 00, 0.5, 0e0, 0j, 07.5, 0x1F, 0o17, 0b101, 1e10)\n" + P3,
        ["L101"],
    ),
    # -- L108 ur'' -------------------------------------------------------------------
    ("ur-raw", "r = ur'\\d+'\n", "r = r'\\d+'\n", ["L108"]),
    ("ur-upper", 'r = UR"\\d+"\n', 'r = R"\\d+"\n', ["L108"]),
    ("ur-mixed-case", "r = uR'\\w'\n", "r = R'\\w'\n", ["L108"]),
    ("ur-unicode-escape", "r = ur'\\u00e9'\n", "r = u'\\u00e9'\n", ["L108"]),
    ("ur-escape-and-raw", "r = ur'\\d\\u00e9'\n", "r = u'\\\\d\\u00e9'\n", ["L108"]),
    ("ur-even-backslashes", "r = ur'\\\\u00e9'\n", "r = r'\\\\u00e9'\n", ["L108"]),
    (
        "ur-odd-backslashes",
        "r = ur'\\\\\\u00e9'\n",
        "r = u'\\\\\\\\\\u00e9'\n",
        ["L108"],
    ),
    ("ur-long-escape", "r = ur'\\U0001F600'\n", "r = u'\\U0001F600'\n", ["L108"]),
    ("ur-escaped-quote", "r = ur'a\\'\\u00e9'\n", "r = u'a\\\\\\'\\u00e9'\n", ["L108"]),
    (
        "ur-triple",
        "r = ur'''a\\u00e9\nb\\c'''\n",
        "r = u'''a\\u00e9\nb\\\\c'''\n",
        ["L108"],
    ),
    # -- L109 except E, e ------------------------------------------------------------
    (
        "except",
        "try:\n    pass\nexcept E, e:\n    pass\n",
        "try:\n    pass\nexcept E as e:\n    pass\n",
        ["L109"],
    ),
    (
        "except-tuple-types",
        "try: pass\nexcept (A, B), e: pass\n",
        "try: pass\nexcept (A, B) as e: pass\n",
        ["L109"],
    ),
    (
        "except-tight",
        "try: pass\nexcept E,e: pass\n",
        "try: pass\nexcept E as e: pass\n",
        ["L109"],
    ),
    (
        "except-dotted",
        "try: pass\nexcept os.error, e: pass\n",
        "try: pass\nexcept os.error as e: pass\n",
        ["L109"],
    ),
    (
        "except-as-already",
        "try: pass\nexcept E as e: pass\n" + P2,
        "try: pass\nexcept E as e: pass\n" + P3,
        ["L101"],
    ),
    # -- L110 except E, (a, b) -------------------------------------------------------
    (
        "except-tuple-target",
        "try:\n    pass\nexcept E, (a, b):\n    print a\n",
        "try:\n    pass\nexcept E as exc:\n    (a, b) = exc.args\n    print(a)\n",
        ["L101", "L110"],
    ),
    (
        "except-tuple-target-inline",
        "try: pass\nexcept E, (a, b): pass\n",
        "try: pass\nexcept E as exc: (a, b) = exc.args; pass\n",
        ["L110"],
    ),
    (
        "except-list-target",
        "try: pass\nexcept E, [a, b]: pass\n",
        "try: pass\nexcept E as exc: [a, b] = exc.args; pass\n",
        ["L110"],
    ),
    (
        "except-attribute-target",
        "try: pass\nexcept E, self.err: pass\n",
        "try: pass\nexcept E as exc: self.err = exc; pass\n",
        ["L110"],
    ),
    (
        "except-tuple-target-fresh-name",
        "exc = 1\ntry: pass\nexcept E, (a, b): pass\n",
        "exc = 1\ntry: pass\nexcept E as exc_1: (a, b) = exc_1.args; pass\n",
        ["L110"],
    ),
    # -- L111 raise E, V -------------------------------------------------------------
    ("raise", 'raise ValueError, "bad"\n', 'raise ValueError("bad")\n', ["L111"]),
    (
        "raise-dotted",
        "raise mod.Error, msg % x\n",
        "raise mod.Error(msg % x)\n",
        ["L111"],
    ),
    ("raise-tuple", "raise E, (1, 2)\n", "raise E(*(1, 2))\n", ["L111"]),
    ("raise-empty-tuple", "raise E, ()\n", "raise E()\n", ["L111"]),
    ("raise-none", "raise E, None\n", "raise E()\n", ["L111"]),
    ("raise-expression-class", "raise a or b, x\n", "raise (a or b)(x)\n", ["L111"]),
    ("raise-plain", "raise E\n" + P2, "raise E\n" + P3, ["L101"]),
    # -- L112 raise E, V, T ----------------------------------------------------------
    ("raise-traceback", "raise E, V, T\n", "raise E(V).with_traceback(T)\n", ["L112"]),
    (
        "raise-exc-info",
        "raise e[0], e[1], e[2]\n",
        "raise e[0](e[1]).with_traceback(e[2])\n",
        ["L112"],
    ),
    (
        "raise-traceback-tuple",
        "raise E, (1, 2), tb\n",
        "raise E(*(1, 2)).with_traceback(tb)\n",
        ["L112"],
    ),
    (
        "raise-traceback-none",
        "raise E, None, tb\n",
        "raise E().with_traceback(tb)\n",
        ["L112"],
    ),
    # -- L113 tuple parameters -------------------------------------------------------
    (
        "tuple-param",
        "def f(a, (b, c)):\n    return a + b + c\n",
        "def f(a, b_c):\n    (b, c) = b_c\n    return a + b + c\n",
        ["L113"],
    ),
    (
        "tuple-param-default",
        "def f(a, (b, c)=(1, 2)):\n    return b\n",
        "def f(a, b_c=(1, 2)):\n    (b, c) = b_c\n    return b\n",
        ["L113"],
    ),
    (
        "tuple-param-nested",
        "def f((a, (b, c)), d):\n    return a\n",
        "def f(a_b_c, d):\n    (a, (b, c)) = a_b_c\n    return a\n",
        ["L113"],
    ),
    (
        "tuple-param-two",
        "def f((a, b), (c, d)):\n    return a\n",
        "def f(a_b, c_d):\n    (a, b) = a_b\n    (c, d) = c_d\n    return a\n",
        ["L113", "L113"],
    ),
    (
        "tuple-param-docstring",
        'def f((a, b)):\n    """Doc."""\n    return a\n',
        'def f(a_b):\n    """Doc."""\n    (a, b) = a_b\n    return a\n',
        ["L113"],
    ),
    (
        "tuple-param-docstring-only",
        'def f((a, b)):\n    """Doc."""\n',
        'def f(a_b):\n    """Doc."""\n    (a, b) = a_b\n',
        ["L113"],
    ),
    (
        "tuple-param-comment-first",
        "def f((a, b)):\n    # note\n    return a\n",
        "def f(a_b):\n    # note\n    (a, b) = a_b\n    return a\n",
        ["L113"],
    ),
    (
        "tuple-param-one-line",
        "def f((a, b)): return a\n",
        "def f(a_b): (a, b) = a_b; return a\n",
        ["L113"],
    ),
    (
        "tuple-param-one-line-docstring",
        "def f((a, b)): 'doc'; return a\n",
        "def f(a_b): 'doc'; (a, b) = a_b; return a\n",
        ["L113"],
    ),
    (
        "tuple-param-method",
        "class C:\n    def m(self, (x, y)):\n        return x\n",
        "class C:\n    def m(self, x_y):\n        (x, y) = x_y\n        return x\n",
        ["L113"],
    ),
    (
        "tuple-param-name-taken",
        "def f((a, b)):\n    a_b = 1\n",
        "def f(a_b_1):\n    (a, b) = a_b_1\n    a_b = 1\n",
        ["L113"],
    ),
    (
        "tuple-param-one-element",
        "def f((a,)):\n    return a\n",
        "def f(a_1):\n    (a,) = a_1\n    return a\n",
        ["L113"],
    ),
    (
        "paren-param",
        "def f((a)):\n    return a\n",
        "def f(a):\n    return a\n",
        ["L113"],
    ),
    # -- L114 lambda tuple parameters ------------------------------------------------
    (
        "lambda-tuple",
        "f = lambda (a, b): a + b\n",
        "f = lambda a_b: [a + b for (a, b) in [a_b]][0]\n",
        ["L114"],
    ),
    (
        "lambda-tuple-more",
        "f = lambda x, (a, b), y=1: a + x\n",
        "f = lambda x, a_b, y=1: [a + x for (a, b) in [a_b]][0]\n",
        ["L114"],
    ),
    (
        "lambda-tuple-nested",
        "f = lambda (a, (b, c)): a + b\n",
        "f = lambda a_b_c: [a + b for (a, (b, c)) in [a_b_c]][0]\n",
        ["L114"],
    ),
    (
        "lambda-tuple-two",
        "f = lambda (a, b), (c, d): a + c\n",
        "f = lambda a_b, c_d: [a + c for (a, b) in [a_b] for (c, d) in [c_d]][0]\n",
        ["L114", "L114"],
    ),
    (
        "lambda-tuple-default",
        "f = lambda (a, b)=(1, 2): a\n",
        "f = lambda a_b=(1, 2): [a for (a, b) in [a_b]][0]\n",
        ["L114"],
    ),
    (
        "lambda-sorted-key",
        "items.sort(key=lambda (k, v): v)\n",
        "items.sort(key=lambda k_v: [v for (k, v) in [k_v]][0])\n",
        ["L114"],
    ),
    (
        "lambda-paren-param",
        "f = lambda (a): a\n" + P2,
        "f = lambda a: a\n" + P3,
        ["L114", "L101"],
    ),
    # -- L115 async / await as names -------------------------------------------------
    ("async-name", "async = 1\n", "async_ = 1\n", ["L115"]),
    (
        "await-def",
        "def await(x):\n    return x\n",
        "def await_(x):\n    return x\n",
        ["L115"],
    ),
    (
        "async-keyword-argument",
        "run(cmd, async=True)\n",
        "run(cmd, async_=True)\n",
        ["L115"],
    ),
    (
        "async-attribute",
        "if task.async > 0:\n    pass\n",
        "if task.async_ > 0:\n    pass\n",
        ["L115"],
    ),
    (
        "async-parameter",
        "def f(async=0):\n    return async\n",
        "def f(async_=0):\n    return async_\n",
        ["L115", "L115"],
    ),
    (
        "async-string-untouched",
        'x = getattr(t, "async")\nawait = 2\n',
        'x = getattr(t, "async")\nawait_ = 2\n',
        ["L115"],
    ),
    # -- L116 indentation mixing tabs and spaces -------------------------------------
    (
        "indent-tab-then-spaces",
        "def f(x):\n\tif x:\n\t\treturn 1\n        return 2\n",
        "def f(x):\n\tif x:\n\t\treturn 1\n\treturn 2\n",
        ["L116"],
    ),
    (
        "indent-spaces-then-tab",
        "def f(x):\n        y = 1\n\treturn y\n",
        "def f(x):\n        y = 1\n        return y\n",
        ["L116"],
    ),
    (
        "indent-deeper-tab",
        "def f(x):\n    if x:\n\ty = 1\n\treturn y\n    return 0\n",
        "def f(x):\n    if x:\n        y = 1\n        return y\n    return 0\n",
        ["L116", "L116"],
    ),
    (
        "indent-space-and-tab",
        "class C:\n    def m(self):\n    \treturn 1\n    def n(self):\n\treturn 2\n",
        "class C:\n    def m(self):\n    \treturn 1\n    def n(self):\n        return 2\n",
        ["L116"],
    ),
    (
        "indent-comments-and-continuations-untouched",
        "def f(x):\n\ty = (1,\n        2)\n        # comment\n        return y\n",
        "def f(x):\n\ty = (1,\n        2)\n        # comment\n\treturn y\n",
        ["L116"],
    ),
    (
        "indent-consistent-tabs",
        "def f(x):\n\tif x:\n\t\tprint x\n",
        "def f(x):\n\tif x:\n\t\tprint(x)\n",
        ["L101"],
    ),
    # -- L117 \u, \U, \N in Python 2 byte strings ------------------------------------
    ("str-backslash-u", 'p = "C:\\Users\\me"\n', 'p = "C:\\\\Users\\me"\n', ["L117"]),
    (
        "str-unicode-escape",
        "s = '\\u00e9'\n" + P2,
        "s = '\\\\u00e9'\n" + P3,
        ["L117", "L101"],
    ),
    ("str-named-escape", "s = '\\N'\n", "s = '\\\\N'\n", ["L117"]),
    (
        "str-escaped-backslash",
        "s = '\\\\u00e9'\n" + P2,
        "s = '\\\\u00e9'\n" + P3,
        ["L101"],
    ),
    ("str-unicode-prefix", "s = u'\\u00e9'\n" + P2, "s = u'\\u00e9'\n" + P3, ["L101"]),
    ("str-raw", "s = r'\\u'\n" + P2, "s = r'\\u'\n" + P3, ["L101"]),
    ("str-bytes", "s = b'\\u'\n" + P2, "s = b'\\u'\n" + P3, ["L101"]),
    (
        "str-unicode-literals",
        "from __future__ import unicode_literals\ns = '\\u00e9'\n" + P2,
        "from __future__ import unicode_literals\ns = '\\u00e9'\n" + P3,
        ["L101"],
    ),
    # -- L118 comprehension over an unparenthesized tuple ----------------------------
    (
        "comprehension-tuple",
        "l = [x for x in 1, 2]\n",
        "l = [x for x in (1, 2)]\n",
        ["L118"],
    ),
    (
        "comprehension-tuple-if",
        "l = [x for x in a, b if x]\n",
        "l = [x for x in (a, b) if x]\n",
        ["L118"],
    ),
]


@pytest.mark.parametrize(
    "before, after, codes", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_construct(before, after, codes):
    result = lift(before)
    assert result.text == after
    assert sorted(f.code for f in result.changes) == sorted(codes)
    assert result.changed == bool(codes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes kept from the Python 2 source
        ast.parse(result.text)
    again = lift(result.text)
    assert again.text == result.text
    assert not again.changed


def test_case_ids_are_unique():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_code_has_a_case():
    from migrator.lift.codes import ALL

    covered = {code for case in CASES for code in case[3]}
    assert covered == {r.code for r in ALL}
