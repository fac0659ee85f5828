"""Rename the standard-library modules that Python 3 renamed or folded into others.

What it does
    Every reference to a renamed module moves to the new name, found by qualified name:
    ``import Queue`` → ``import queue`` with ``Queue.Queue()`` → ``queue.Queue()``;
    ``import cPickle as pickle`` → ``import pickle``; ``from StringIO import StringIO`` →
    ``from io import StringIO``; ``import ConfigParser`` … ``ConfigParser.SafeConfigParser``
    → ``configparser.ConfigParser``; ``httplib``, ``Cookie``, ``cookielib``, ``HTMLParser``,
    ``htmlentitydefs``, ``xmlrpclib``, ``SimpleHTTPServer``/``BaseHTTPServer``/``CGIHTTPServer``,
    ``SocketServer``, ``copy_reg``, ``repr``, ``thread``, ``__builtin__``, ``UserDict``/``UserList``/
    ``UserString``, ``anydbm``/``whichdb``/``dbhash``/``gdbm``/``dumbdbm``, the Tkinter family,
    the Python 2 ``email.MIMEText``-style module names and ``xml.etree.cElementTree``. Where
    the new name is already taken in a scope that uses the module (``queue =
    Queue.Queue()``) the old binding is kept: ``import queue as Queue``.

    ``dummy_thread`` and ``dummy_threading`` (gone in 3.9, together with ``_dummy_thread``)
    become ``threading``, the module the 3.9 release notes point to; threads always exist
    on Python 3.7+. ``_thread`` would be wrong in spirit: it is the low-level real-thread
    module. ``dummy_thread.start_new_thread`` ran the function synchronously; a review is
    recorded there, because the port now really starts a thread.

Why
    The old names raise ImportError on Python 3. ``SafeConfigParser`` was an alias removed in
    3.12, and so was ``readfp``, which becomes ``read_file`` in files that import
    ``ConfigParser``; ``xml.etree.cElementTree`` and ``dummy_thread`` were removed in 3.9.
    ``dbm`` is not renamed: Python 3 has a ``dbm`` package (Python 2's ``dbm`` is its
    ``dbm.ndbm``), so the name cannot tell which one is meant.

When it is unsafe
    ``StringIO.StringIO``/``cStringIO.StringIO`` accepted bytes; ``io.StringIO`` takes only
    text: a review is recorded where a StringIO is built from something other than a string
    literal, or in a module that also uses gzip/pickle/tarfile/zipfile/struct/zlib (use
    ``io.BytesIO`` there). ``UserDict.DictMixin`` becomes ``collections.abc.MutableMapping``,
    which also needs ``__iter__`` and ``__len__`` (review). Module names written in strings
    (``mock.patch("urllib2.urlopen")``, ``__import__``) are not changed.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Example
from codemods.py2._index import index
from codemods.py2._moves import Gone, Moves, Spec, To
from codemods.py2._syntax import full_name, string_value

_BYTES_IO = "StringIO.StringIO accepted bytes; io.StringIO takes only text: use io.BytesIO if bytes go in"
_BINARY_MODULES = frozenset({"gzip", "pickle", "cPickle", "tarfile", "zipfile", "struct", "zlib", "marshal"})

_RENAMED = {
    "__builtin__": "builtins", "copy_reg": "copyreg", "Queue": "queue", "SocketServer": "socketserver",
    "ConfigParser": "configparser", "repr": "reprlib", "cPickle": "pickle", "StringIO": "io",
    "cStringIO": "io", "thread": "_thread", "markupbase": "_markupbase", "_winreg": "winreg",
    "httplib": "http.client", "htmlentitydefs": "html.entities", "HTMLParser": "html.parser",
    "Cookie": "http.cookies", "cookielib": "http.cookiejar", "BaseHTTPServer": "http.server",
    "SimpleHTTPServer": "http.server", "CGIHTTPServer": "http.server", "xmlrpclib": "xmlrpc.client",
    "DocXMLRPCServer": "xmlrpc.server", "SimpleXMLRPCServer": "xmlrpc.server", "UserDict": "collections",
    "UserList": "collections", "UserString": "collections", "anydbm": "dbm", "whichdb": "dbm",
    "dbhash": "dbm.bsd", "gdbm": "dbm.gnu", "dumbdbm": "dbm.dumb",
    "robotparser": "urllib.robotparser", "Tkinter": "tkinter", "Tkconstants": "tkinter.constants",
    "Tix": "tkinter.tix", "ttk": "tkinter.ttk", "tkFileDialog": "tkinter.filedialog",
    "FileDialog": "tkinter.filedialog", "tkSimpleDialog": "tkinter.simpledialog",
    "SimpleDialog": "tkinter.simpledialog", "tkColorChooser": "tkinter.colorchooser",
    "tkCommonDialog": "tkinter.commondialog", "Dialog": "tkinter.dialog", "Tkdnd": "tkinter.dnd",
    "tkFont": "tkinter.font", "tkMessageBox": "tkinter.messagebox", "ScrolledText": "tkinter.scrolledtext",
    "dummy_threading": "threading", "dummy_thread": "threading",
    "xml.etree.cElementTree": "xml.etree.ElementTree",
    "email.MIMEText": "email.mime.text", "email.MIMEMultipart": "email.mime.multipart",
    "email.MIMEBase": "email.mime.base", "email.MIMEImage": "email.mime.image",
    "email.MIMEAudio": "email.mime.audio", "email.MIMEMessage": "email.mime.message",
    "email.Utils": "email.utils", "email.Encoders": "email.encoders", "email.Header": "email.header",
    "email.Charset": "email.charset", "email.Parser": "email.parser", "email.Generator": "email.generator",
    "email.Message": "email.message", "email.Errors": "email.errors", "email.Iterators": "email.iterators",
}

_ATTRS = {
    "ConfigParser": {"SafeConfigParser": To("configparser", "ConfigParser")},
    "__builtin__": {
        "unicode": To("builtins", "str"), "basestring": To("builtins", "str"), "long": To("builtins", "int"),
        "unichr": To("builtins", "chr"), "raw_input": To("builtins", "input"), "xrange": To("builtins", "range"),
        "StandardError": To("builtins", "Exception"), "buffer": To("builtins", "memoryview"),
        "file": To("builtins", "open"), "intern": To("sys", "intern"), "reduce": To("functools", "reduce"),
        "reload": To("importlib", "reload"),
        "apply": Gone("__builtin__.apply is gone: call f(*args, **kwargs)"),
        "execfile": Gone("__builtin__.execfile is gone: exec(compile(open(f).read(), f, 'exec'))"),
        "cmp": Gone("__builtin__.cmp is gone: (a > b) - (a < b)"),
        "coerce": Gone("__builtin__.coerce is gone"),
    },
    "UserDict": {
        "IterableUserDict": To("collections", "UserDict"),
        "DictMixin": To("collections.abc", "MutableMapping",
                        review="DictMixin → MutableMapping: the class must also define __iter__ and __len__"),
    },
    "UserString": {"MutableString": Gone("UserString.MutableString is gone: use a list of str or io.StringIO")},
    "whichdb": {"whichdb": To("dbm", "whichdb")},
    "cStringIO": {"InputType": Gone("cStringIO.InputType is gone: use io.StringIO"),
                  "OutputType": Gone("cStringIO.OutputType is gone: use io.StringIO")},
    "dummy_thread": {
        "allocate_lock": To("threading", "Lock"), "LockType": To("threading", "Lock"),
        "error": To("threading", "ThreadError"), "start_new_thread": Gone(
            "dummy_thread ran the function at once, in this thread; start a threading.Thread or call it directly"),
        "exit": To("sys", "exit"), "interrupt_main": To("_thread", "interrupt_main"),
    },
    "dummy_threading": {},
}

MODULES = {old: Spec(new=new, attrs=_ATTRS.get(old, {})) for old, new in _RENAMED.items()}


class StdlibRenames(Moves):
    ID = "PY101"
    NAME = "stdlib-renames"
    DESCRIPTION = "renamed standard-library module"
    MODULES = MODULES
    TRIGGERS = frozenset({m.split(".")[-1] for m in _RENAMED})
    EXAMPLES = (
        Example("import Queue\nq = Queue.Queue()\n", "import queue\nq = queue.Queue()\n"),
        Example(
            """
            import Queue
            queue = Queue.Queue()
            """,
            """
            import queue as Queue
            queue = Queue.Queue()
            """,
        ),
        Example(
            """
            import Queue
            def f(queue=None):
                return queue or Queue.Queue()
            """,
            """
            import queue as Queue
            def f(queue=None):
                return queue or Queue.Queue()
            """,
        ),
        Example("import cPickle as pickle\ns = pickle.dumps(1)\n", "import pickle\ns = pickle.dumps(1)\n"),
        Example("import cPickle as cp\ns = cp.dumps(1)\n", "import pickle as cp\ns = cp.dumps(1)\n"),
        Example(
            """
            try:
                import cPickle as pickle
            except ImportError:
                import pickle
            """,
            """
            try:
                import pickle
            except ImportError:
                import pickle
            """,
        ),
        Example("from StringIO import StringIO\nbuf = StringIO()\n", "from io import StringIO\nbuf = StringIO()\n"),
        Example(
            "import StringIO\nbuf = StringIO.StringIO(data)\n",
            "import io\nbuf = io.StringIO(data)\n",
            review=("PY101",),
        ),
        Example(
            """
            import ConfigParser, os
            cp = ConfigParser.SafeConfigParser()
            err = ConfigParser.NoSectionError
            """,
            """
            import configparser, os
            cp = configparser.ConfigParser()
            err = configparser.NoSectionError
            """,
        ),
        Example(
            "import ConfigParser\ncp = ConfigParser.RawConfigParser()\ncp.readfp(fh)\n",
            "import configparser\ncp = configparser.RawConfigParser()\ncp.read_file(fh)\n",
        ),
        Example(
            "from ConfigParser import SafeConfigParser, NoOptionError\ncp = SafeConfigParser()\n",
            "from configparser import ConfigParser, NoOptionError\ncp = ConfigParser()\n",
        ),
        Example(
            "import httplib as h\nc = h.HTTPConnection('x')\n",
            "import http.client as h\nc = h.HTTPConnection('x')\n",
        ),
        Example(
            "import httplib\nc = httplib.HTTPConnection('x')\nok = httplib.OK\n",
            "import http.client\nc = http.client.HTTPConnection('x')\nok = http.client.OK\n",
        ),
        Example(
            "import xml.etree.cElementTree as ET\nt = ET.parse(f)\n",
            "import xml.etree.ElementTree as ET\nt = ET.parse(f)\n",
        ),
        Example(
            "from xml.etree import cElementTree as ET\n",
            "from xml.etree import ElementTree as ET\n",
        ),
        Example(
            "import email.MIMEText\nm = email.MIMEText.MIMEText('hi')\n",
            "import email.mime.text\nm = email.mime.text.MIMEText('hi')\n",
        ),
        Example(
            "import __builtin__\n__builtin__.open = fake\nt = __builtin__.unicode\n",
            "import builtins\nbuiltins.open = fake\nt = builtins.str\n",
        ),
        Example(
            """
            import UserDict
            class D(UserDict.DictMixin):
                pass
            """,
            """
            import collections, collections.abc
            class D(collections.abc.MutableMapping):
                pass
            """,
            review=("PY101",),
        ),
        Example(
            "from UserDict import UserDict, IterableUserDict\n",
            "from collections import UserDict, UserDict as IterableUserDict\n",
        ),
        Example("import dummy_thread\nlock = dummy_thread.allocate_lock()\n",
                "import threading\nlock = threading.Lock()\n"),
        Example("import thread\nthread.start_new_thread(f, ())\n", "import _thread\n_thread.start_new_thread(f, ())\n"),
        # already Python 3, or not the stdlib module: unchanged
        Example("import queue\nq = queue.Queue()\n"),
        Example("from .Queue import Queue\nq = Queue()\n"),
        Example(
            """
            def f(Queue):
                return Queue.Queue()
            """
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        super().prepare(module)
        idx = index(module)
        heads = {full_name(n.name).split(".")[0] for i in idx.imports for n in i.names}
        heads |= {full_name(i.module).split(".")[0] for i in idx.import_froms if i.module is not None and not i.relative}
        self._binary = bool(heads & _BINARY_MODULES)
        self._config = bool(heads & {"ConfigParser", "configparser"}) and "readfp" not in idx.class_members()

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = updated_node.func
        if self._config and isinstance(func, cst.Attribute) and func.attr.value == "readfp":
            # RawConfigParser.readfp (removed in 3.12) is read_file since 3.2.
            self.changed(original_node, "ConfigParser readfp() → read_file()")
            return updated_node.with_changes(func=func.with_changes(attr=cst.Name("read_file")))
        qnames = self._import_qnames(original_node.func)
        if qnames & {"StringIO.StringIO", "cStringIO.StringIO"}:
            reason = self._bytes_reason(original_node)
            if reason:
                self.review(original_node, reason)
        return updated_node

    def _bytes_reason(self, node: cst.Call) -> str | None:
        if self._binary:
            return _BYTES_IO + " (this module also handles binary data)"
        for a in node.args:
            if string_value(a.value) is None:
                return _BYTES_IO
        return None

