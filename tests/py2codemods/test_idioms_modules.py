"""Module moves (PY101 stdlib renames, PY102 urllib, PY103 removed modules, PY111 renamed
attributes, PY121 types, PY112 sys): every import form, aliases, shadowing, compat fallbacks."""
from __future__ import annotations

import pytest
from _idioms import check, run

CASES = [
    # -- PY101: plain, aliased, from, dotted, star, in functions, conflicts
    ("PY101", "import Queue\nq = Queue.Queue(5)\n", "import queue\nq = queue.Queue(5)\n"),
    ("PY101", "import Queue as Q\nq = Q.LifoQueue()\n", "import queue as Q\nq = Q.LifoQueue()\n"),
    ("PY101", "import Queue as queue\nq = queue.Queue()\n", "import queue\nq = queue.Queue()\n"),
    ("PY101", "from Queue import Queue, Empty\n", "from queue import Queue, Empty\n"),
    ("PY101", "from Queue import *\n", "from queue import *\n"),
    ("PY101", "import os, Queue, sys\n", "import os, queue, sys\n"),
    ("PY101", "import SocketServer\nclass H(SocketServer.BaseRequestHandler):\n    pass\n",
     "import socketserver\nclass H(socketserver.BaseRequestHandler):\n    pass\n"),
    ("PY101", "import httplib\nx = httplib.responses[404]\n", "import http.client\nx = http.client.responses[404]\n"),
    ("PY101", "import Cookie, cookielib\nc = Cookie.SimpleCookie()\nj = cookielib.CookieJar()\n",
     "import http.cookies, http.cookiejar\nc = http.cookies.SimpleCookie()\nj = http.cookiejar.CookieJar()\n"),
    ("PY101", "import xmlrpclib\ns = xmlrpclib.ServerProxy(u)\n", "import xmlrpc.client\ns = xmlrpc.client.ServerProxy(u)\n"),
    ("PY101", "import SimpleHTTPServer, BaseHTTPServer\nh = SimpleHTTPServer.SimpleHTTPRequestHandler\ns = BaseHTTPServer.HTTPServer\n",
     "import http.server\nh = http.server.SimpleHTTPRequestHandler\ns = http.server.HTTPServer\n"),
    ("PY101", "import thread\nlock = thread.allocate_lock()\n", "import _thread\nlock = _thread.allocate_lock()\n"),
    ("PY101", "import Tkinter as tk\nw = tk.Tk()\n", "import tkinter as tk\nw = tk.Tk()\n"),
    ("PY101", "import tkMessageBox\ntkMessageBox.showinfo('a', 'b')\n",
     "import tkinter.messagebox\ntkinter.messagebox.showinfo('a', 'b')\n"),
    ("PY101", "from email.MIMEMultipart import MIMEMultipart\n", "from email.mime.multipart import MIMEMultipart\n"),
    ("PY101", "import email.Utils\nd = email.Utils.formatdate()\n", "import email.utils\nd = email.utils.formatdate()\n"),
    ("PY101", "import anydbm\ndb = anydbm.open(p, 'c')\n", "import dbm\ndb = dbm.open(p, 'c')\n"),
    ("PY101", "import whichdb\nk = whichdb.whichdb(p)\n", "import dbm\nk = dbm.whichdb(p)\n"),
    ("PY101", "import dummy_threading as threading\nt = threading.Thread()\n", "import threading\nt = threading.Thread()\n"),
    ("PY101", "def f():\n    import cPickle\n    return cPickle.loads(s)\n",
     "def f():\n    import pickle\n    return pickle.loads(s)\n"),
    ("PY101", "import ConfigParser\nConfigParser = None\n", "import configparser as ConfigParser\nConfigParser = None\n"),
    ("PY101", "import copy_reg\ncopy_reg.pickle(C, f)\n", "import copyreg\ncopyreg.pickle(C, f)\n"),
    ("PY101", "import UserList, UserString\nclass L(UserList.UserList): pass\nclass S(UserString.UserString): pass\n",
     "import collections\nclass L(collections.UserList): pass\nclass S(collections.UserString): pass\n"),
    ("PY101", "import dbm\ndb = dbm.open(p)\n", None),
    ("PY101", "x.Queue.Queue()\n", None),
    ("PY101", "import queue as Queue\nq = Queue.Queue()\n", None),
    # -- PY102: urllib family
    ("PY102", "import urllib2\nr = urllib2.urlopen(urllib2.Request(u, data))\n",
     "import urllib.request\nr = urllib.request.urlopen(urllib.request.Request(u, data))\n"),
    ("PY102", "import urllib, urllib2\nq = urllib.urlencode(d)\no = urllib2.build_opener(urllib2.HTTPCookieProcessor())\n",
     "import urllib.parse, urllib.request\nq = urllib.parse.urlencode(d)\no = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())\n"),
    ("PY102", "from urllib import urlencode, quote_plus, urlretrieve\n",
     "from urllib.parse import urlencode, quote_plus\nfrom urllib.request import urlretrieve\n"),
    ("PY102", "from urllib2 import URLError\ntry:\n    go()\nexcept URLError:\n    pass\n",
     "from urllib.error import URLError\ntry:\n    go()\nexcept URLError:\n    pass\n"),
    ("PY102", "import urlparse as up\nh = up.urlsplit(x).hostname\n", "import urllib.parse as up\nh = up.urlsplit(x).hostname\n"),
    ("PY102", "import urllib\nb = urllib.basejoin(a, c)\n", "import urllib.parse\nb = urllib.parse.urljoin(a, c)\n"),
    ("PY102", "import urllib2\n", "import urllib.request\n"),
    ("PY102", "import urllib.request\nurllib.request.urlopen(u)\n", None),
    ("PY102", "import urllib\nx = urllib.parse.quote(u)\n", None),
    # -- PY103: removed modules
    ("PY103", "import md5, os\nd = md5.new()\nd.update(x)\n", "import hashlib, os\nd = hashlib.md5()\nd.update(x)\n"),
    ("PY103", "import hashlib\nimport md5\nd = md5.new()\n", "import hashlib\nd = hashlib.md5()\n"),
    ("PY103", "import sha\nn = sha.digest_size\n", "import hashlib\nn = hashlib.sha1().digest_size\n"),
    ("PY103", "from sets import Set as S\nx = S([1])\n", "x = set([1])\n"),
    ("PY103", "import sets\nclass Tags(sets.Set):\n    pass\n", "class Tags(set):\n    pass\n"),
    ("PY103", "import exceptions\ntry:\n    go()\nexcept exceptions.KeyError:\n    pass\n",
     "try:\n    go()\nexcept KeyError:\n    pass\n"),
    ("PY103", "import pipes as p\ns = p.quote(a)\n", "import shlex\ns = shlex.quote(a)\n"),
    ("PY103", "import rfc822\nt = rfc822.parsedate_tz(s)\n", "import email.utils\nt = email.utils.parsedate_tz(s)\n"),
    ("PY103", "import new\nm = new.module('x')\n", "import types\nm = types.ModuleType('x')\n"),
    # -- PY111: renamed attributes of surviving modules
    ("PY111", "import os as o\np = o.getcwdu()\n", "import os as o\np = o.getcwd()\n"),
    ("PY111", "from sys import maxint\nbig = maxint\n", "from sys import maxsize\nbig = maxsize\n"),
    ("PY111", "from sys import maxint\nmaxsize = 1\nbig = maxint\n", "from sys import maxsize as maxint\nmaxsize = 1\nbig = maxint\n"),
    ("PY111", "from string import letters as L\n", "from string import ascii_letters as L\n"),
    ("PY111", "from string import maketrans\nt = maketrans('a', 'b')\n", "t = str.maketrans('a', 'b')\n"),
    ("PY111", "from itertools import izip_longest\nz = izip_longest(a, b)\n", "from itertools import zip_longest\nz = zip_longest(a, b)\n"),
    ("PY111", "import itertools\nz = list(itertools.ifilterfalse(p, xs))\n", "import itertools\nz = list(itertools.filterfalse(p, xs))\n"),
    ("PY111", "import time\nt0 = time.clock()\n", "import time\nt0 = time.process_time()\n"),
    ("PY111", "import base64\nb = base64.decodestring(s)\n", "import base64\nb = base64.decodebytes(s)\n"),
    ("PY111", "import configparser\nc = configparser.SafeConfigParser()\n", "import configparser\nc = configparser.ConfigParser()\n"),
    ("PY111", "import os\nos.getcwd()\nos.path.join(a, b)\n", None),
    # -- PY112 / PY121
    ("PY112", "from sys import exc_value\nv = exc_value\n", None),
    ("PY121", "import types as t\nok = isinstance(x, t.UnicodeType)\n", "import types as t\nok = isinstance(x, str)\n"),
    ("PY121", "from types import *\n", None),
]


@pytest.mark.parametrize("code,before,after", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_module_moves(code, before, after):
    check([code], before, after)


REVIEWS = [
    ("PY101", "import StringIO\nbuf = StringIO.StringIO(sock.recv(10))\n", ["PY101"]),
    ("PY101", "import cPickle, StringIO\nbuf = StringIO.StringIO()\n", ["PY101"]),
    ("PY101", "import StringIO\nbuf = StringIO.StringIO('text')\n", []),
    ("PY101", "import UserString\ns = UserString.MutableString('x')\n", ["PY101"]),
    ("PY101", "import dummy_thread\ndummy_thread.start_new_thread(f, ())\n", ["PY101"]),
    ("PY102", "from urllib2 import *\n", ["PY102"]),
    ("PY102", "import urllib2\nx = urllib2.SomethingUnknown\n", ["PY102"]),
    ("PY103", "import mimetools\nm = mimetools.Message(fp)\n", ["PY103"]),
    ("PY111", "import platform\nd = platform.linux_distribution()\n", ["PY111"]),
    ("PY112", "import sys\nsys.setdefaultencoding('utf-8')\n", ["PY112"]),
    ("PY121", "import types\nt = types.FileType\n", ["PY121"]),
]


@pytest.mark.parametrize("code,before,reviews", REVIEWS, ids=[f"{c[0]}-review-{i}" for i, c in enumerate(REVIEWS)])
def test_module_reviews(code, before, reviews):
    result = run(before, [code])
    got = sorted(f.code for f in result.findings if f.kind.value == "review")
    assert got == sorted(reviews)
    assert run(result.text, [code]).text == result.text
