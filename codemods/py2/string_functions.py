"""Replace the ``string`` module functions Python 3 removed by ``str`` methods.

What it does
    By qualified name (any import form): ``string.join(words, sep)`` → ``sep.join(words)``
    (``' '`` by default), ``string.split(s, sep, n)`` → ``s.split(sep, n)``,
    ``string.upper/lower/strip/lstrip/rstrip/replace/find/rfind/index/rindex/count/
    capitalize/swapcase/ljust/rjust/center/zfill/expandtabs/translate(s, ...)`` →
    ``s.method(...)``, ``string.atoi/atol(s, base)`` → ``int(s, base)``, ``string.atof(s)``
    → ``float(s)``. The first argument is parenthesized where needed (``string.upper(a +
    b)`` → ``(a + b).upper()``). Also ``s.translate(None, chars)`` (delete characters) →
    ``s.translate(str.maketrans('', '', chars))``.

Why
    The functions were removed in Python 3 (AttributeError); the constants are handled by
    PY111 (``string.letters`` → ``string.ascii_letters``, ``string.maketrans`` →
    ``str.maketrans``).

When it is unsafe
    ``string.translate(s, table, deletechars)`` with a table and deletions has no one-call
    form: review. ``x.translate(None, chars)`` of *bytes* was already valid Python 3; the
    rewrite assumes text (the common case once strings are ``str``) — review a bytes receiver.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from codemods.base import Codemod, Example
from codemods.py2._syntax import (
    arg,
    call,
    expr,
    free_builtin,
    positional,
    receiver,
    with_commas,
)

_METHODS = {
    "split": "split", "splitfields": "split", "rsplit": "rsplit", "upper": "upper", "lower": "lower",
    "strip": "strip", "lstrip": "lstrip", "rstrip": "rstrip", "replace": "replace", "find": "find",
    "rfind": "rfind", "index": "index", "rindex": "rindex", "count": "count", "capitalize": "capitalize",
    "swapcase": "swapcase", "ljust": "ljust", "rjust": "rjust", "center": "center", "zfill": "zfill",
    "expandtabs": "expandtabs", "translate": "translate",
}
_CONVERT = {"atoi": "int", "atol": "int", "atof": "float"}
_JOIN = {"join", "joinfields"}


class StringFunctions(Codemod):
    ID = "PY126"
    NAME = "string-functions"
    DESCRIPTION = "string module function → str method"
    TRIGGERS = frozenset(_METHODS) | frozenset(_CONVERT) | _JOIN
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            "import string\nline = string.join(parts, ', ')\nwords = string.join(ws)\n",
            "import string\nline = ', '.join(parts)\nwords = ' '.join(ws)\n",
        ),
        Example(
            "import string\nhost = string.split(string.strip(line), ':', 1)[0]\n",
            "import string\nhost = line.strip().split(':', 1)[0]\n",
        ),
        Example("import string as s\nu = s.upper(a + b)\n", "import string as s\nu = (a + b).upper()\n"),
        Example(
            "from string import atoi, lower\nn = atoi(x, 16) + atoi(y)\nl = lower(name)\n",
            "n = int(x, 16) + int(y)\nl = name.lower()\n",
        ),
        Example("import string\nv = string.atof(s)\n", "import string\nv = float(s)\n"),
        Example(
            "clean = name.translate(None, '-_')\n",
            "clean = name.translate(str.maketrans('', '', '-_'))\n",
        ),
        Example("import string\nt = string.translate(s, table, 'x')\n", review=("PY126",)),
        Example("import string\nok = string.ascii_letters\nx = text.split(',')\n"),
        Example(
            """
            def join(a, b):
                return a + b
            s = join('a', 'b')
            """
        ),
    )

    def _function(self, func: cst.BaseExpression):
        try:
            names = self.get_metadata(QualifiedNameProvider, func)
        except KeyError:
            return None
        for q in sorted(names, key=lambda q: q.name):
            if q.source is QualifiedNameSource.IMPORT and q.name.startswith("string."):
                return q.name[len("string."):]
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "translate":
            new = self._translate_none(original_node, updated_node)
            if new is not None:
                return new
        name = self._function(func)
        if name is None:
            return updated_node
        args = positional(updated_node)
        if args is None or not args:
            return updated_node
        new = self._rewrite(original_node, name, args)
        if new is None:
            return updated_node
        self.changed(original_node, f"string.{name}() → str method")
        if isinstance(func, cst.Name):  # from string import join [as j]: drop it once unused
            self.remove_import("string", name, func.value if func.value != name else None)
        return new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def _rewrite(self, node: cst.Call, name: str, args: list):
        if name in _JOIN and len(args) <= 2:
            sep = args[1] if len(args) == 2 else cst.SimpleString("' '")
            return call(cst.Attribute(value=receiver(sep), attr=cst.Name("join")), [arg(args[0])])
        if name in _CONVERT and len(args) <= (1 if name == "atof" else 2):
            target = _CONVERT[name]
            if not free_builtin(self, node, target):
                return None
            return call(target, [arg(a) for a in args])
        if name in _METHODS:
            if name == "translate" and len(args) > 2:
                self.review(node, "string.translate with deletechars: s.translate({**table, **str.maketrans('', '', chars)})")
                return None
            return call(cst.Attribute(value=receiver(args[0]), attr=cst.Name(_METHODS[name])), [arg(a) for a in args[1:]])
        return None

    def _translate_none(self, original_node: cst.Call, updated_node: cst.Call):
        args = positional(updated_node)
        if args is None or len(args) != 2 or not (isinstance(args[0], cst.Name) and args[0].value == "None"):
            return None
        if not free_builtin(self, original_node, "str"):
            return None
        table = call(expr("str.maketrans"), [arg(cst.SimpleString("''")), arg(cst.SimpleString("''")), arg(args[1])])
        self.changed(original_node, "s.translate(None, chars) → s.translate(str.maketrans('', '', chars))")
        return updated_node.with_changes(args=with_commas([arg(table)]))
