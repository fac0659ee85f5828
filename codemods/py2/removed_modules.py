"""Replace modules that Python 3 removed by the module that took over their names.

What it does
    ``md5.new(s)``/``md5.md5(s)`` → ``hashlib.md5(s)``; ``sha.new(s)``/``sha.sha(s)`` →
    ``hashlib.sha1(s)``; ``sets.Set``/``sets.ImmutableSet`` → ``set``/``frozenset``;
    ``exceptions.ValueError`` → ``ValueError`` (``exceptions.StandardError`` → ``Exception``);
    ``pipes.quote`` → ``shlex.quote``; ``new.classobj``/``new.function``/``new.module``/
    ``new.instancemethod`` → ``type``/``types.FunctionType``/``types.ModuleType``/
    ``types.MethodType``; ``rfc822.parsedate``-style helpers → ``email.utils``; ``imp.reload``
    → ``importlib.reload``. The import is replaced by what the file uses (``import md5`` →
    ``import hashlib``; ``from sets import Set`` disappears and ``Set`` becomes ``set``).

Why
    These modules are gone: ``md5``, ``sha``, ``sets``, ``exceptions``, ``new``, ``rfc822``,
    ``mimetools`` and ``posixfile`` in 3.0, ``imp`` in 3.12, ``pipes`` in 3.13.

When it is unsafe
    ``new.instancemethod(f, obj, cls)`` loses its class argument (``types.MethodType`` has
    none); with ``obj`` ``None`` (an unbound method) it becomes plain ``f``, as in Python 3.
    ``sets.Set``/``ImmutableSet`` become the builtin types, so ``isinstance`` checks against
    ``set``/``frozenset`` now succeed where they failed. Hash functions want bytes in Python 3 (PY127 handles literals). ``pipes.Template``,
    ``mimetools``, ``rfc822.Message``, ``posixfile`` and most of ``imp`` have no drop-in
    replacement: reviews say what to use. A user class called ``Set`` deriving from
    ``sets.Set`` keeps working with ``set`` except for the ``sets``-only methods
    (``union_update``…): review those by hand.
"""
from __future__ import annotations

import libcst as cst

from codemods.base import Example
from codemods.py2._moves import Gone, Moves, Spec, To

_IMP = "imp is gone in 3.12: use importlib (importlib.util.spec_from_file_location, importlib.import_module)"

MODULES = {
    "md5": Spec(attrs={"new": To("hashlib", "md5"), "md5": To("hashlib", "md5"),
                       "digest_size": To("hashlib", "md5().digest_size")}),
    "sha": Spec(attrs={"new": To("hashlib", "sha1"), "sha": To("hashlib", "sha1"),
                       "digest_size": To("hashlib", "sha1().digest_size")}),
    "sets": Spec(attrs={"Set": To("builtins", "set"), "ImmutableSet": To("builtins", "frozenset"),
                        "BaseSet": Gone("sets.BaseSet is gone: use collections.abc.Set")}),
    "exceptions": Spec(default="builtins", attrs={"StandardError": To("builtins", "Exception")}),
    "pipes": Spec(attrs={"quote": To("shlex", "quote"),
                         "Template": Gone("pipes.Template is gone in 3.13: build the pipeline with subprocess")}),
    "new": Spec(attrs={
        "classobj": To("builtins", "type"), "function": To("types", "FunctionType"),
        "module": To("types", "ModuleType"), "code": To("types", "CodeType", review="types.CodeType takes other arguments"),
        "instancemethod": To("types", "MethodType"),
        "instance": Gone("new.instance is gone: use object.__new__(cls) and set __dict__"),
    }),
    "rfc822": Spec(attrs={
        n: To("email.utils") for n in ("parsedate", "parsedate_tz", "mktime_tz", "formatdate", "parseaddr", "quote", "unquote")
    } | {"dump_address_pair": To("email.utils", "formataddr"),
         "Message": Gone("rfc822.Message is gone: use email.message_from_string / email.message.Message")}),
    "mimetools": Spec(attrs={"Message": Gone("mimetools.Message is gone: use email.message.Message")}),
    "posixfile": Spec(attrs={"open": Gone("posixfile is gone: use open() and fcntl.lockf")}),
    "imp": Spec(attrs={"reload": To("importlib", "reload")} | {
        n: Gone(_IMP) for n in ("load_source", "load_module", "find_module", "new_module", "load_compiled",
                                  "load_dynamic", "get_suffixes", "acquire_lock", "release_lock", "lock_held",
                                  "PY_SOURCE", "PY_COMPILED", "C_EXTENSION", "PKG_DIRECTORY", "NullImporter",
                                  "get_magic", "cache_from_source", "source_from_cache", "is_builtin", "is_frozen",
                                  "init_builtin", "init_frozen", "get_frozen_object", "get_tag")
    }),
}


class RemovedModules(Moves):
    ID = "PY103"
    NAME = "removed-modules"
    DESCRIPTION = "name from a removed module moved to its Python 3 home"
    MODULES = MODULES
    TRIGGERS = frozenset(MODULES)
    EXAMPLES = (
        Example("import md5\nh = md5.new(data).hexdigest()\n", "import hashlib\nh = hashlib.md5(data).hexdigest()\n"),
        Example("import sha as s\nh = s.sha(data)\n", "import hashlib\nh = hashlib.sha1(data)\n"),
        Example("from md5 import md5\nh = md5(data)\n", "from hashlib import md5\nh = md5(data)\n"),
        Example(
            "import sets\na = sets.Set([1])\nb = sets.ImmutableSet(a)\n",
            "a = set([1])\nb = frozenset(a)\n",
        ),
        Example(
            "from sets import Set, ImmutableSet as Frozen\nx = Frozen(Set())\n",
            "x = frozenset(set())\n",
        ),
        Example(
            """
            from sets import Set
            def f(set):
                return Set(set)
            """,
            """
            from builtins import set as Set
            def f(set):
                return Set(set)
            """,
        ),
        Example(
            """
            import exceptions
            class E(exceptions.StandardError):
                pass
            """,
            """
            class E(Exception):
                pass
            """,
        ),
        Example("from exceptions import ValueError\nraise ValueError\n", "raise ValueError\n"),
        Example("import pipes\ncmd = 'ls ' + pipes.quote(p)\n", "import shlex\ncmd = 'ls ' + shlex.quote(p)\n"),
        Example("from pipes import quote\n", "from shlex import quote\n"),
        Example("import pipes\nt = pipes.Template()\n", review=("PY103",)),
        Example(
            "import new\nm = new.instancemethod(f, obj, cls)\nu = new.instancemethod(f, None, cls)\n",
            "import types\nm = types.MethodType(f, obj)\nu = f\n",
        ),
        Example("import imp\nimp.reload(m)\n", "import importlib\nimportlib.reload(m)\n"),
        Example("import hashlib\nh = hashlib.md5(b'x')\n"),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        if "new.instancemethod" not in self._import_qnames(original_node.func):
            return updated_node
        args = list(updated_node.args)
        if len(args) != 3 or any(a.keyword or a.star for a in args):
            return updated_node
        if isinstance(args[1].value, cst.Name) and args[1].value.value == "None":
            self.changed(original_node, "new.instancemethod(f, None, cls) → f (unbound methods are functions)")
            return args[0].value
        return updated_node.with_changes(args=[args[0], args[1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
