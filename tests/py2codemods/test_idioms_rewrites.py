"""Expression and statement rewrites (PY112–PY127) with the cases that must stay."""
from __future__ import annotations

import pytest
from _idioms import check, run

CASES = [
    # sys attributes
    ("PY112", "import sys as s\ns.exitfunc = f\n", "import sys as s\nimport atexit\n\natexit.register(f)\n"),
    ("PY112", "import sys\ntb = sys.exc_traceback\n", "import sys\ntb = sys.exc_info()[2]\n"),
    ("PY112", "exc_type = 1\nsys = None\nx = sys.exc_type\n", None),
    # function attributes
    ("PY113", "f.func_globals['x'] = 1\n", "f.__globals__['x'] = 1\n"),
    ("PY113", "c = f.func_closure\nd = f.func_dict\n", "c = f.__closure__\nd = f.__dict__\n"),
    ("PY113", "ok = hasattr(m, 'im_self')\n", "ok = hasattr(m, '__self__')\n"),
    # future imports
    ("PY114", "from __future__ import (absolute_import,\n                        division)\nx = 1\n", "x = 1\n"),
    ("PY114", "from __future__ import generators, nested_scopes, with_statement\n", "\n"),
    ("PY114", "from __future__ import division\nx /= 2\n", None),
    # has_key
    ("PY115", "ok = d.has_key(k) or e.has_key(k)\n", "ok = k in d or k in e\n"),
    ("PY115", "ok = [d.has_key(x) for x in xs]\n", "ok = [x in d for x in xs]\n"),
    ("PY115", "ok = d.has_key(not x)\n", "ok = (not x) in d\n"),
    ("PY115", "ok = d.has_key(x if y else z)\n", "ok = (x if y else z) in d\n"),
    ("PY115", "ok = f(d.has_key(k), 1)\n", "ok = f(k in d, 1)\n"),
    ("PY115", "assert not d.has_key(k)\n", "assert k not in d\n"),
    ("PY115", "n = -d.has_key(k)\n", "n = -(k in d)\n"),
    ("PY115", "ok = d.has_key(k, 1)\n", None),
    # metaclass
    ("PY117", "class C(A, B):\n    x = 1; __metaclass__ = M\n", "class C(A, B, metaclass=M):\n    x = 1\n"),
    ("PY117", "class C(object, **kw):\n    __metaclass__ = M\n", "class C(object, **kw, metaclass=M):\n    pass\n"),
    ("PY117", "class C(object):\n    pass\n", None),
    # next
    ("PY118", "x = (a or b).next()\n", "x = next((a or b))\n"),
    ("PY118", "for row in reader:\n    header = reader.next()\n", "for row in reader:\n    header = next(reader)\n"),
    ("PY118", "x = it.next(1)\n", None),
    ("PY118", "next = 5\nx = it.next()\n", "next = 5\nx = it.__next__()\n"),
    # operator
    ("PY119", "from operator import isCallable\nok = isCallable(f)\n", "ok = callable(f)\n"),
    ("PY119", "import operator\nf = operator.irepeat\n", "import operator\nf = operator.imul\n"),
    # throw
    ("PY120", "g.throw(E, V, tb)\n", "g.throw(E(V).with_traceback(tb))\n"),
    ("PY120", "g.throw(mod.E, (a,))\n", "g.throw(mod.E(a))\n"),
    ("PY120", "g.throw(E)\n", None),
    # types
    ("PY121", "import types\nok = type(x) in (types.ListType, types.TupleType)\n", "import types\nok = type(x) in (list, tuple)\n"),
    ("PY121", "import types\nt = types.SliceType\n", "import types\nt = slice\n"),
    # xreadlines
    ("PY122", "lines = [l for l in sys.stdin.xreadlines()]\n", "lines = [l for l in sys.stdin]\n"),
    # commands
    ("PY123", "import commands\nif commands.getstatusoutput(c)[0]:\n    pass\n",
     "import subprocess\nif subprocess.getstatusoutput(c)[0]:\n    pass\n"),
    ("PY123", "import commands as c\ns, o = c.getstatusoutput(x)\nif not s:\n    pass\n",
     "import subprocess\ns, o = subprocess.getstatusoutput(x)\nif not s:\n    pass\n"),
    # exception message
    ("PY125", "try:\n    go()\nexcept (IOError, OSError):\n    x = e.message\n", None),
    ("PY125", "try:\n    go()\nexcept ValueError as e:\n    def f():\n        return e.message\n",
     "try:\n    go()\nexcept ValueError as e:\n    def f():\n        return str(e)\n"),
    ("PY125", "try:\n    go()\nexcept ValueError as e:\n    pass\nx = e.message\n", None),
    # string functions
    ("PY126", "import string\nx = string.rjust(s, 5, '0')\n", "import string\nx = s.rjust(5, '0')\n"),
    ("PY126", "import string\nx = string.join([a, b], '')\n", "import string\nx = ''.join([a, b])\n"),
    ("PY126", "import string\nx = string.join(parts, sep or ',')\n", "import string\nx = (sep or ',').join(parts)\n"),
    ("PY126", "import string\nx = string.lower(s)[0]\n", "import string\nx = s.lower()[0]\n"),
    ("PY126", "import string\nx = string.strip(-n)\n", "import string\nx = (-n).strip()\n"),
    ("PY126", "import string\nx = string.capwords(s)\n", None),
    ("PY126", "x = s.translate(table)\ny = s.translate(None)\n", None),
    # bytes arguments
    ("PY127", "import hashlib\nh = hashlib.sha256(data=u'abc')\n", "import hashlib\nh = hashlib.sha256(data=b'abc')\n"),
    ("PY127", "import base64 as b\ns = b.urlsafe_b64encode('a' 'b')\n", "import base64 as b\ns = b.urlsafe_b64encode(b'a' b'b')\n"),
    ("PY127", "from hashlib import md5\nh = md5(bytes(x))\n", None),
]


@pytest.mark.parametrize("code,before,after", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rewrites(code, before, after):
    check([code], before, after)


REVIEWS = [
    ("PY112", "import sys\ny = sys.exc_clear()\n", ["PY112"]),
    ("PY113", "c = m.im_class\n", ["PY113"]),
    ("PY115", "f = d.has_key\n", ["PY115"]),
    ("PY117", "class C(object, metaclass=A):\n    __metaclass__ = B\n", ["PY117"]),
    ("PY119", "import operator\nx = operator.getslice(a, 1, 2)\n", ["PY119"]),
    ("PY123", "import commands\nr = commands.getstatusoutput(c)\n", ["PY123"]),
    ("PY124", "import popen2\np = popen2.Popen3('ls')\n", ["PY124"]),
    ("PY125", "import socket\ntry:\n    go()\nexcept socket.error as e:\n    print(e.message)\n", ["PY125"]),
    ("PY125", "try:\n    go()\nexcept Exception as e:\n    print(e.message)\n", []),
    ("PY125", "try:\n    go()\nexcept (ValueError, IOError) as e:\n    print(e.message)\n", ["PY125"]),
    ("PY127", "import hashlib\nh = hashlib.md5(name)\n", ["PY127"]),
]


@pytest.mark.parametrize("code,before,reviews", REVIEWS, ids=[f"{c[0]}-review-{i}" for i, c in enumerate(REVIEWS)])
def test_reviews(code, before, reviews):
    result = run(before, [code])
    assert sorted(f.code for f in result.findings if f.kind.value == "review") == sorted(reviews)
    assert run(result.text, [code]).text == result.text
