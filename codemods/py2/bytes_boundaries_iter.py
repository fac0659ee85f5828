"""``iter(read, '')`` over a binary file or socket: the sentinel becomes ``b''``.

What it does
    ``iter(callable, '')`` whose callable reads bytes — ``lambda: f.read(n)`` (or
    ``functools.partial(f.read, n)``, ``f.read``) where ``f`` is bound in the same function
    (or module) only by ``open(..., 'rb')``/``io.open(..., 'rb')``, also ``with open(...,
    'rb') as f``; or ``.recv(...)`` (a socket) — gets the sentinel ``b''``. A file opened in
    text mode stays as it is (it reads ``str`` on Python 3 too). Any other callable with a
    ``''`` sentinel is reported for review.

Why
    On Python 2 ``f.read()`` at end of file returned ``''`` for every file. On Python 3 a
    binary file returns ``b''``, which never equals ``''``: the loop never ends.

When it is unsafe
    It is not: a binary read cannot return ``''``. The review cases need a person to know
    what the callable returns.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst
from libcst.metadata import QualifiedNameProvider, ScopeProvider

from codemods.base import Codemod, Example
from codemods.names import qualified_names
from codemods.py2._bytes_boundaries import walk
from codemods.py2._syntax import is_free_builtin

_OPENS = frozenset({"builtins.open", "io.open", "codecs.open", "os.fdopen"})


class IterSentinelBytes(Codemod):
    ID = "PY303"
    NAME = "iter-sentinel-bytes"
    DESCRIPTION = "iter(<binary read>, '') → iter(..., b'')"
    TRIGGERS = frozenset({"iter"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            """
            def sha1_of(path):
                f = open(path, 'rb')
                for chunk in iter(lambda: f.read(65536), ''):
                    pass
            """,
            """
            def sha1_of(path):
                f = open(path, 'rb')
                for chunk in iter(lambda: f.read(65536), b''):
                    pass
            """,
        ),
        Example(
            """
            import functools

            def copy(src, sock):
                with open(src, mode='rb') as fh:
                    for chunk in iter(functools.partial(fh.read, 4096), ""):
                        sock.send(chunk)
                data = ''.join(iter(lambda: sock.recv(1024), ''))
            """,
            """
            import functools

            def copy(src, sock):
                with open(src, mode='rb') as fh:
                    for chunk in iter(functools.partial(fh.read, 4096), b""):
                        sock.send(chunk)
                data = ''.join(iter(lambda: sock.recv(1024), b''))
            """,
        ),
        # text-mode file: '' is right on Python 3 too
        Example(
            """
            def lines(path):
                f = open(path)
                return list(iter(f.readline, ''))
            """
        ),
        # unknown callable or unknown file: review
        Example("chunks = list(iter(lambda: stream.read(10), ''))\n", review=("PY303",)),
        Example("items = list(iter(next_item, ''))\n", review=("PY303",)),
        # not the builtin, not a '' sentinel, already bytes
        Example(
            """
            def iter(a, b):
                return a
            iter(lambda: f.read(1), '')
            """
        ),
        Example(
            """
            def f(s):
                for c in iter(lambda: s.recv(9), b''):
                    pass
                iter(g, None)
            """
        ),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._scopes: list[cst.CSTNode] = []

    def visit_Module(self, node: cst.Module) -> None:
        self._scopes.append(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append(node)

    def leave_FunctionDef(self, original_node, updated_node):
        self._scopes.pop()
        return updated_node

    def _mode(self, call: cst.Call) -> Optional[str]:
        """The mode literal of an open() call ('r' when absent), None when not an open/unknown."""
        if not (qualified_names(self, call.func) & _OPENS):
            return None
        names = qualified_names(self, call.func)
        pos = 0 if "os.fdopen" in names else 1
        positional = [a for a in call.args if a.keyword is None and not a.star]
        value = None
        if len(positional) > pos:
            value = positional[pos].value
        else:
            value = next((a.value for a in call.args if a.keyword and a.keyword.value == "mode"), None)
            if value is None:
                return "r"
        if isinstance(value, cst.SimpleString):
            try:
                return str(value.evaluated_value)
            except Exception:
                return None
        return None

    def _file_kind(self, name: str) -> Optional[str]:
        """'binary' / 'text' when every binding of ``name`` in the current scope is an open()."""
        scope = self._scopes[-1] if self._scopes else None
        if scope is None:
            return None
        modes: list[Optional[str]] = []
        body = scope.body if isinstance(scope, cst.FunctionDef) else scope
        for n in walk(body):
            if isinstance(n, cst.Assign):
                for t in n.targets:
                    if isinstance(t.target, cst.Name) and t.target.value == name:
                        modes.append(self._mode(n.value) if isinstance(n.value, cst.Call) else None)
                    elif any(isinstance(m, cst.Name) and m.value == name for m in walk(t.target)):
                        modes.append(None)
            elif isinstance(n, cst.WithItem) and n.asname is not None:
                if isinstance(n.asname.name, cst.Name) and n.asname.name.value == name:
                    modes.append(self._mode(n.item) if isinstance(n.item, cst.Call) else None)
            elif isinstance(n, (cst.AugAssign, cst.For)) and any(
                    isinstance(m, cst.Name) and m.value == name for m in walk(n.target)):
                modes.append(None)
        if isinstance(scope, cst.FunctionDef):
            p = scope.params
            if name in [x.name.value for x in (*p.posonly_params, *p.params, *p.kwonly_params)]:
                modes.append(None)
        if not modes or any(m is None for m in modes):
            return None
        if all("b" in m for m in modes):
            return "binary"
        if all("b" not in m for m in modes):
            return "text"
        return None

    def _reader(self, node: cst.BaseExpression) -> Optional[cst.Attribute]:
        """The ``x.read``/``x.recv`` attribute the callable calls, if it is that simple."""
        if isinstance(node, cst.Lambda) and isinstance(node.body, cst.Call):
            node = node.body.func
        elif isinstance(node, cst.Call) and qualified_names(self, node.func) & {"functools.partial"} and node.args:
            node = node.args[0].value
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            return node
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if not (isinstance(func, cst.Name) and func.value == "iter" and is_free_builtin(self, func)):
            return updated_node
        if len(original_node.args) != 2 or any(a.keyword or a.star for a in original_node.args):
            return updated_node
        sentinel = original_node.args[1].value
        if not isinstance(sentinel, cst.SimpleString) or "b" in sentinel.prefix.lower():
            return updated_node
        try:
            if sentinel.evaluated_value != "":
                return updated_node
        except Exception:
            return updated_node
        reader = self._reader(original_node.args[0].value)
        kind = None
        if reader is not None:
            if reader.attr.value in ("recv",):
                kind = "binary"
            elif reader.attr.value in ("read", "readline", "read1"):
                kind = self._file_kind(reader.value.value)
        if kind == "text":
            return updated_node
        if kind != "binary":
            self.review(original_node, "iter(callable, ''): on Python 3 a binary read ends with b'', never '' "
                                       "(an endless loop): use b'' if the callable returns bytes")
            return updated_node
        args = list(updated_node.args)
        new = args[1].value
        args[1] = args[1].with_changes(value=new.with_changes(value="b" + new.value))
        self.changed(original_node)
        return updated_node.with_changes(args=args)
