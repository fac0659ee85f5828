"""The idiom codemods together with every other codemod: one run, then a second run that
changes nothing; plus the shape of the idiom codemods themselves."""
from __future__ import annotations

import inspect

import pytest
from _idioms import check, idiom_codemods, run

SUITE = [
    # the renames and the folding of duplicates happen in one traversal
    ("ok = isinstance(x, (int, long)) and isinstance(y, (str, unicode))\n",
     "ok = isinstance(x, int) and isinstance(y, str)\n"),
    # lazy itertools stay lazy and are not re-wrapped by the list() passes on a later run
    ("from itertools import imap, izip\nfor a, b in izip(xs, ys):\n    print(a, b)\nout = list(imap(str, xs))\n",
     "for a, b in zip(xs, ys):\n    print(a, b)\nout = list(map(str, xs))\n"),
    ("import itertools\ndef pairs(a, b):\n    it = itertools.izip(a, b)\n    first = it.next()\n    return first, list(it)\n",
     "import itertools\nimport builtins\n\ndef pairs(a, b):\n    it = builtins.zip(a, b)\n    first = next(it)\n    return first, list(it)\n"),
    ("import itertools\ntotal = sum(itertools.imap(f, xs, itertools.repeat(2)))\n",
     "import itertools\ntotal = sum(itertools.starmap(f, zip(xs, itertools.repeat(2))))\n"),
    # raw_input / input in a lifted Python 2 file
    ("print 'go'\nname = raw_input('n? ')\nage = input('a? ')\n",
     "print('go')\nname = input('n? ')\nage = eval(input('a? '))\n"),
    # an import line mixing several families
    ("import os, urllib2, Queue, md5\nq = Queue.Queue()\nr = urllib2.urlopen(u)\nh = md5.new('x')\n",
     "import os, urllib.request, queue, hashlib\nq = queue.Queue()\nr = urllib.request.urlopen(u)\nh = hashlib.md5(b'x')\n"),
    # has_key inside a negation produced by the lift
    ("if not d.has_key(k) <> True:\n    pass\n", None),
    # future imports with classic division kept marked
    ("from __future__ import division, print_function\nx = a / b\n", "from __future__ import division\nx = a / b\n"),
    # string constants, functions and maketrans together
    ("import string\nt = string.maketrans(string.lowercase, string.uppercase)\nu = string.translate(s, t)\n",
     "import string\nt = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)\nu = s.translate(t)\n"),
]


@pytest.mark.parametrize("before,after", SUITE, ids=[f"suite-{i}" for i in range(len(SUITE))])
def test_all_codemods_together(before, after):
    if after is None:
        result = run(before)
        assert run(result.text).text == result.text
        return
    check(None, before, after)


@pytest.mark.parametrize("cls", idiom_codemods(), ids=lambda c: c.ID)
def test_idiom_codemod_shape(cls):
    assert 101 <= int(cls.ID[2:]) <= 199
    assert cls.TRIGGERS, "TRIGGERS keep the engine from parsing files the codemod cannot touch"
    for part in ("What it does", "Why", "When it is unsafe"):
        assert part in (inspect.getmodule(cls).__doc__ or ""), part
    assert any(ex.after is None or ex.after == ex.before for ex in cls.EXAMPLES), "an example that must stay unchanged"
    for ex in cls.EXAMPLES:
        for code in (ex.before, ex.after):
            # a multi-line example that does not start with a newline is taken verbatim by
            # the example runner only if inspect.cleandoc leaves it alone
            if code and "\n" in code.strip() and not code.startswith("\n"):
                assert inspect.cleandoc(code) + "\n" == code, f"{cls.ID}: indent-sensitive example {code!r}"


def test_every_idiom_codemod_triggers_on_its_own_examples():
    from migrator.engine import triggered

    for cls in idiom_codemods():
        for ex in cls.EXAMPLES:
            if ex.after is not None and ex.after != ex.before:
                assert triggered([cls], inspect.cleandoc(ex.before)), (cls.ID, ex.before)
