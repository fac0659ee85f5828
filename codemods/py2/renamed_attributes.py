"""Rename module attributes that Python 3 renamed or moved, in modules that still exist.

What it does
    By qualified name, through any import form: ``os.getcwdu`` → ``os.getcwd``,
    ``sys.maxint`` → ``sys.maxsize``, ``itertools.imap/ifilter/izip`` → the builtins
    ``map/filter/zip``, ``itertools.ifilterfalse/izip_longest`` → ``filterfalse/zip_longest``,
    ``string.letters/lowercase/uppercase`` → ``string.ascii_letters/…``,
    ``string.maketrans`` → ``str.maketrans``, ``base64.encodestring/decodestring`` →
    ``encodebytes/decodebytes``, ``configparser.SafeConfigParser`` → ``ConfigParser``,
    ``os.errno`` → ``errno``, ``time.clock`` → ``time.process_time``, ``cgi.escape(s)`` →
    ``html.escape(s, quote=False)``, ``inspect.getargspec`` gets a review.

    ``imap``/``ifilter``/``izip`` were lazy, like Python 3 ``map``/``filter``/``zip``; the
    passes that give Python 2 ``map``/``filter``/``zip`` their *list* semantics (PY203–PY205)
    would mistake the renamed call for Python 2 code on a later run. So where those passes
    would add ``list()`` the call is written ``builtins.zip(...)`` (lazy, left alone), and
    ``imap(f, a, b)`` of several iterables — which stopped at the shortest, unlike Python 2
    ``map`` — is written ``itertools.starmap(f, zip(a, b))``.

Why
    The old names raise AttributeError on Python 3 (``string.letters``, ``sys.maxint``,
    ``itertools.imap``…) or were removed later: ``base64.encodestring`` and ``os.errno`` in
    3.9/3.7, ``time.clock`` in 3.8, ``SafeConfigParser`` and ``inspect.getargspec`` in 3.12
    / 3.11, ``cgi`` in 3.13.

When it is unsafe
    ``sys.maxsize`` is the largest container index, which equals the old ``sys.maxint`` on
    every 64-bit CPython but is not a bound on ints any more. ``string.letters`` followed the
    locale; ``ascii_letters`` does not. ``time.clock`` measured CPU time on Unix, which is what
    ``process_time`` measures (Windows code wanted ``perf_counter``). ``string.maketrans``
    built a 256-byte table for ``str.translate``; ``str.maketrans`` builds a dict for text —
    code translating bytes needs ``bytes.maketrans``.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from codemods.base import Example
from codemods.py2._moves import Gone, Moves, Spec, To
from codemods.py2._syntax import (
    arg,
    expr,
    first_name,
    free_builtin,
    free_module,
    with_commas,
)

MODULES = {
    "os": Spec(removed=False, attrs={"getcwdu": To("os", "getcwd"), "errno": To("errno", "")}),
    "sys": Spec(removed=False, attrs={"maxint": To("sys", "maxsize")}),
    "itertools": Spec(removed=False, attrs={
        "imap": To("builtins", "map"), "ifilter": To("builtins", "filter"), "izip": To("builtins", "zip"),
        "ifilterfalse": To("itertools", "filterfalse"), "izip_longest": To("itertools", "zip_longest"),
    }),
    "string": Spec(removed=False, attrs={
        "letters": To("string", "ascii_letters"), "lowercase": To("string", "ascii_lowercase"),
        "uppercase": To("string", "ascii_uppercase"), "maketrans": To("builtins", "str.maketrans"),
    }),
    "base64": Spec(removed=False, attrs={"encodestring": To("base64", "encodebytes"),
                                         "decodestring": To("base64", "decodebytes")}),
    "configparser": Spec(removed=False, attrs={"SafeConfigParser": To("configparser", "ConfigParser")}),
    "time": Spec(removed=False, attrs={"clock": To("time", "process_time")}),
    "inspect": Spec(removed=False, attrs={"getargspec": Gone(
        "inspect.getargspec is gone in 3.11: inspect.getfullargspec returns 7 fields (unpack .args, .varargs, .varkw, .defaults)")}),
    "platform": Spec(removed=False, attrs={
        "linux_distribution": Gone("platform.linux_distribution is gone in 3.8: use platform.freedesktop_os_release()"),
        "dist": Gone("platform.dist is gone in 3.8: use platform.freedesktop_os_release()"),
    }),
}


_LAZY = {"itertools.imap": "map", "itertools.ifilter": "filter", "itertools.izip": "zip"}
# Calls that consume an iterator at once, completely: a lazy map/filter/zip passed to them
# behaves the same in Python 2 and 3, and no later pass wraps it.
_CONSUMERS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "dict", "sum", "min", "max"})


class RenamedAttributes(Moves):
    ID = "PY111"
    NAME = "renamed-attributes"
    DESCRIPTION = "module attribute renamed in Python 3"
    MODULES = MODULES
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider, ParentNodeProvider)
    TRIGGERS = frozenset({
        "getcwdu", "errno", "maxint", "imap", "ifilter", "izip", "ifilterfalse", "izip_longest", "letters",
        "lowercase", "uppercase", "maketrans", "encodestring", "decodestring", "SafeConfigParser", "clock",
        "getargspec", "linux_distribution", "dist", "escape",
    })
    EXAMPLES = (
        Example("import os\nhere = os.getcwdu()\n", "import os\nhere = os.getcwd()\n"),
        Example("from os import getcwdu\nhere = getcwdu()\n", "from os import getcwd\nhere = getcwd()\n"),
        Example("import sys\nbig = sys.maxint\n", "import sys\nbig = sys.maxsize\n"),
        Example(
            "import itertools as it\nfor a, b in it.izip(xs, ys):\n    pass\n",
            "import itertools as it\nfor a, b in zip(xs, ys):\n    pass\n",
        ),
        Example(
            "from itertools import imap, chain, izip_longest\nnames = sorted(imap(str, chain(a, b)))\n",
            "from itertools import chain, zip_longest\nnames = sorted(map(str, chain(a, b)))\n",
        ),
        Example(
            "import string\nok = c in string.letters + string.digits\nt = string.maketrans('ab', 'cd')\n",
            "import string\nok = c in string.ascii_letters + string.digits\nt = str.maketrans('ab', 'cd')\n",
        ),
        Example("import base64\ns = base64.encodestring(b)\n", "import base64\ns = base64.encodebytes(b)\n"),
        Example("import os\ne = os.errno.ENOENT\n", "import os\nimport errno\n\ne = errno.ENOENT\n"),
        Example("import cgi\ns = cgi.escape(text)\n", "import cgi\nimport html\n\ns = html.escape(text, quote=False)\n"),
        Example("import cgi\ns = cgi.escape(text, True)\n", "import cgi\nimport html\n\ns = html.escape(text, True)\n"),
        Example("import inspect\nspec = inspect.getargspec(f)\n", review=("PY111",)),
        # compat fallbacks and locals stay
        Example(
            """
            try:
                from itertools import izip
            except ImportError:
                izip = zip
            pairs = dict(izip(a, b))
            """,
            """
            try:
                from builtins import zip as izip
            except ImportError:
                izip = zip
            pairs = dict(izip(a, b))
            """,
        ),
        Example(
            """
            def f(zip):
                import itertools
                return list(itertools.izip(zip))
            """,
            """
            import builtins

            def f(zip):
                import itertools
                return list(builtins.zip(zip))
            """,
        ),
        Example("import sys\nbig = sys.maxsize\n"),
        Example(
            """
            import itertools
            def pairs(a, b):
                return itertools.izip(a, b)
            """,
            """
            import itertools
            import builtins

            def pairs(a, b):
                return builtins.zip(a, b)
            """,
        ),
        Example(
            "from itertools import imap, repeat\nout = list(imap(f, d, repeat(enc)))\n",
            "from itertools import repeat\nimport itertools\n\nout = list(itertools.starmap(f, zip(d, repeat(enc))))\n",
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not node.args:
            return
        if (isinstance(func, cst.Name) and func.value in _CONSUMERS) or (
            isinstance(func, cst.Attribute) and func.attr.value == "join"
        ):
            self._consumed_calls.add(id(node.args[0].value))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        qnames = self._import_qnames(original_node.func)
        lazy = qnames & _LAZY.keys()
        if lazy:
            if lazy == {"itertools.imap"} and len(updated_node.args) > 2:
                return self._imap(original_node, updated_node)
            return self._lazy(original_node, updated_node, _LAZY[min(lazy)])
        if "cgi.escape" not in qnames:
            return updated_node
        args = list(updated_node.args)
        if any(a.star for a in args):
            self.review(original_node, "cgi.escape is gone in 3.13: html.escape(s, quote=False)")
            return updated_node
        if len(args) == 1 and args[0].keyword is None:
            args.append(arg(cst.Name("False"), keyword="quote"))
        self.add_import("html")
        self.changed(original_node, "cgi.escape → html.escape")
        return updated_node.with_changes(func=expr("html.escape"), args=with_commas(args))

    def prepare(self, module: cst.Module) -> None:
        super().prepare(module)
        self._consumed_calls: set[int] = set()
        self._decider = None

    def _keeps_lazy(self, call: cst.Call, builtin: str) -> bool:
        """Whether the passes that give Python 2 ``map``/``filter``/``zip`` their list
        semantics (PY203–PY205) leave ``builtin(...)`` at this place as it is. They read every
        builtin call as Python 2 code; an ``imap`` turned into ``map`` is Python 3 already, so
        where they would add ``list()`` (on a later run) the call is spelled ``builtins.map``."""
        if id(call) in self._consumed_calls:
            return True
        try:
            from codemods.py2._listwrap import KEEP, Decider
        except ImportError:  # pragma: no cover - the list-wrapping passes are not installed
            return True
        if self._decider is None:
            self._decider = Decider(self)
        if self._decider.iterator(call).action != KEEP:
            return False
        if builtin == "zip" or not call.args:
            return True
        func = call.args[0].value
        return (isinstance(func, cst.Name) and func.value == "None") or self._decider.flow.is_pure_callable(func)

    def _lazy(self, original_node: cst.Call, updated_node: cst.Call, builtin: str) -> cst.BaseExpression:
        func = updated_node.func
        if not (isinstance(func, cst.Name) and func.value == builtin) or self._keeps_lazy(original_node, builtin):
            return updated_node
        if not free_module(self, first_name(original_node.func) or original_node.func, "builtins"):
            return updated_node
        self.add_import("builtins")
        return updated_node.with_changes(func=expr(f"builtins.{builtin}"))

    def _imap(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        """``imap(f, a, b)`` stops at the shortest iterable, like Python 3 ``map``; it is spelled
        ``itertools.starmap(f, zip(a, b))`` so that no later pass mistakes it for the padding
        Python 2 ``map(f, a, b)``."""
        args = list(updated_node.args)
        if len(args) < 3 or any(a.keyword or a.star for a in args):
            return updated_node
        site = original_node.func
        if not (free_builtin(self, site, "zip") and free_module(self, first_name(site) or site, "itertools")):
            return updated_node
        self.add_import("itertools")
        zipped = cst.Call(func=cst.Name("zip"), args=with_commas([a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in args[1:]]))
        return updated_node.with_changes(func=expr("itertools.starmap"), args=with_commas([args[0], arg(zipped)]))
