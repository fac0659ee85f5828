"""PY230 (bytes at I/O), PY232 (mixed-type ordering), PY233 (round): report-only codemods.
Each case: the code is unchanged, and exactly the listed codes are reported."""
from __future__ import annotations

import textwrap

import pytest

from codemods.registry import by_id
from migrator.config import Settings
from migrator.engine import fix_text

IDS = ("PY230", "PY232", "PY233")


def reviews(src: str):
    src = textwrap.dedent(src).lstrip("\n")
    classes = [by_id()[i] for i in IDS]
    result = fix_text(src, "t.py", Settings(cache_dir=""), codemods=classes)
    assert result.text == src
    return sorted(f.code for f in result.findings if f.kind.value == "review")


CASES = [
    # sockets
    ("import socket\ns = socket.socket()\ns.send('hello')\n", ["PY230"]),
    ("import socket\ns = socket.socket()\ns.sendall(b'hello')\n", []),
    ("import socket\ns = socket.socket()\ns.sendall(msg.encode('utf-8'))\n", []),
    ("import socket\ns = socket.socket()\ndata = s.recv(10)\nif data == 'OK':\n    pass\n", ["PY230"]),
    ("import socket\ns = socket.socket()\nbuf = ''\nbuf += s.recv(10)\n", ["PY230"]),
    ("import socket\ns = socket.socket()\ndata = s.recv(10).decode('ascii')\nok = data == 'OK'\n", []),
    ("import socket\ns = socket.socket()\nprint(s.recv(4))\n", ["PY230"]),
    ("import socket\ns = socket.socket()\nfirst = s.recv(4)[0]\n", ["PY230"]),
    ("def f(q):\n    q.send('x')\n", []),  # no socket module in sight
    # binary files
    ("with open(p, 'rb') as f:\n    head = f.read(4)\n    ok = head.startswith('PK')\n", ["PY230"]),
    ("f = open(p, 'rb')\ntext = f.read() + '\\n'\n", ["PY230"]),
    ("with open(p, 'rb') as f:\n    n = len(f.read())\n", []),
    ("with open(p, 'r') as f:\n    ok = f.read().startswith('#!')\n", []),
    ("with open(p, 'wb') as f:\n    f.write('text')\n", ["PY230"]),
    ("with open(p, 'wb') as f:\n    f.write(b'bytes')\n    f.write(data)\n", []),
    ("for line in open(p, 'rb'):\n    pass\n", []),
    ("for line in open(p, 'rb').readlines():\n    fields = line.strip().split(':')\n", ["PY230"]),
    ("for line in open(p, 'rb').readlines():\n    n = len(line)\n", []),
    ("f = open(p, 'rb')\nlines = f.readlines()\nok = lines[-1].endswith('\\n')\n", ["PY230"]),
    ("f = open(p, 'rb')\nlines = f.readlines()\nfirst = lines[0]\n", []),
    ("with open(p, 'rb') as f:\n    for line in f:\n        if line.strip() == 'end':\n            break\n", ["PY230"]),
    # subprocess
    ("import subprocess\nout = subprocess.check_output(['ls'])\nlines = out.split('\\n')\n", ["PY230"]),
    ("import subprocess\nout = subprocess.check_output(['ls'], universal_newlines=True)\nlines = out.split('\\n')\n", []),
    ("import subprocess\nout = subprocess.check_output(['ls']).strip()\nok = out == 'x'\n", ["PY230"]),
    (
        "import subprocess\np = subprocess.Popen(['ls'], stdout=subprocess.PIPE)\nout, err = p.communicate()\nmsg = 'got ' + out\n",
        ["PY230"],
    ),
    (
        "import subprocess\np = subprocess.Popen(['ls'], stdout=subprocess.PIPE, text=True)\nout, err = p.communicate()\nmsg = 'got ' + out\n",
        [],
    ),
    ("from subprocess import check_output\nv = check_output(['id'])\nprint('%s' % v)\n", ["PY230"]),
    # mixed ordering
    ("xs = sorted([1, None])\n", ["PY232"]),
    ("xs = sorted([1, 'a'])\n", ["PY232"]),
    ("xs = sorted([1, 2.5, True])\n", []),
    ("m = max(a, None)\n", ["PY232"]),
    ("m = min([None, None])\n", []),
    ("vals = [3]\nvals.append(None)\nvals.sort()\n", ["PY232"]),
    ("vals = [3]\nvals += ['x']\nlow = min(vals)\n", ["PY232"]),
    ("xs.sort(key=lambda r: r.get('k'))\n", ["PY232"]),
    ("xs.sort(key=lambda r: r.get('k', 0))\n", []),
    ("xs = sorted(objs, key=lambda o: getattr(o, 'x', None))\n", ["PY232"]),
    ("xs = sorted(objs, key=lambda o: o.x if o else None)\n", ["PY232"]),
    ("xs = sorted({'a': 1, 'b': None}.values())\n", ["PY232"]),
    ("ok = x < None\n", ["PY232"]),
    ("ok = x is None or x < 3\n", []),
    ("ys = sorted([b, a])\n", []),
    # round
    ("r = round(x)\n", ["PY233"]),
    ("r = round(x, 2)\n", ["PY233"]),
    ("def round(x):\n    return x\nr = round(2.5)\n", []),
    ("import numpy\nr = numpy.round(x)\n", []),
]


@pytest.mark.parametrize("src,codes", CASES, ids=[f"case-{i}" for i in range(len(CASES))])
def test_reports(src, codes):
    assert reviews(src) == sorted(codes)
