"""Report bytes/text mix-ups at I/O boundaries: sockets, binary files, subprocess output.

What it does
    Nothing is rewritten; it reports (PY230), with the reason, where data that is
    ``bytes`` in Python 3 meets text:

    * ``sock.send(x)`` / ``sendall`` / ``sendto`` (in a module using ``socket``, ``ssl``,
      ``SocketServer``/``socketserver``, ``asyncore``/``asynchat`` or ``paramiko``) when
      ``x`` is not certainly bytes (a ``b''`` literal, ``.encode()``, ``bytes()``…);
    * the result of ``recv()``/``recvfrom()``, of reading a file opened in binary mode
      (``open(p, 'rb')``: ``f.read()``, ``f.readline()``, ``for line in f``), of
      ``subprocess.check_output()`` or ``Popen(...).communicate()`` without
      ``universal_newlines``/``text``/``encoding`` — when it is concatenated or compared
      with text, searched with a text argument (``data.split('\\n')``,
      ``'x' in data``), formatted or printed (shows ``b'...'``), indexed (an int now) or
      iterated (ints), following simple local variables and ``strip()``-like calls;
    * text written to a file opened in binary mode (``f.write('abc')`` after
      ``open(p, 'wb')``).

Why
    Python 2's ``str`` was bytes; in Python 3 these values are ``bytes`` and every mix
    with ``str`` is a TypeError or a silent inequality (``b'ok' == 'ok'`` is False).

When it is unsafe
    It is a report: values passed through other functions or attributes are not followed.
    hashlib/base64 inputs are reported by the PY1xx codemods.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from codemods.base import Codemod, Example
from codemods.names import qualified_names
from codemods.py2._flow import Flow, code
from codemods.py2._types import Types

_SOCKET_MODULES = ("socket", "ssl", "SocketServer", "socketserver", "asyncore", "asynchat", "paramiko")
_TEXT_KWARGS = frozenset({"universal_newlines", "text", "encoding", "errors"})
_KEEPS_BYTES = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "swapcase",
                          "ljust", "rjust", "center", "zfill", "expandtabs"})
_SEARCH = frozenset({"split", "rsplit", "splitlines", "partition", "rpartition", "startswith", "endswith", "find",
                     "rfind", "index", "rindex", "count", "replace", "strip", "lstrip", "rstrip", "join"})
_READS = frozenset({"read", "readline", "read1", "recv", "recvfrom"})


class BytesIO(Codemod):
    ID = "PY230"
    NAME = "bytes-at-io"
    DESCRIPTION = "report bytes/text mixes at sockets, binary files and subprocess output"
    TRIGGERS = frozenset({"send", "sendall", "sendto", "recv", "recvfrom", "open", "check_output", "communicate"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            """
            import socket
            s = socket.create_connection(('h', 1))
            s.sendall('PING\\r\\n')
            reply = s.recv(1024)
            if reply.startswith('+OK'):
                pass
            """,
            review=("PY230", "PY230"),
        ),
        Example(
            """
            import subprocess
            out = subprocess.check_output(['uname'])
            if 'Linux' in out:
                pass
            """,
            review=("PY230",),
        ),
        Example(
            """
            with open(path, 'rb') as f:
                for line in f:
                    key, _, value = line.partition('=')
            """,
            review=("PY230",),
        ),
        Example(
            """
            with open(path, 'wb') as f:
                f.write('header\\n')
            """,
            review=("PY230",),
        ),
        # no finding: bytes stay bytes, text mode, decoded
        Example(
            """
            import subprocess
            out = subprocess.check_output(['uname'], universal_newlines=True)
            if 'Linux' in out:
                pass
            raw = subprocess.check_output(['uname']).decode('utf-8')
            with open(path, 'rb') as f:
                data = f.read()
                size = len(data)
            """
        ),
        Example(
            """
            import socket
            s = socket.socket()
            s.sendall(b'PING')
            s.send('x'.encode('ascii'))
            """
        ),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._sockets = False
        self._flow: Optional[Flow] = None
        self._types: Optional[Types] = None
        self._reported: set[int] = set()

    def prepare(self, module: cst.Module) -> None:
        found = False

        class _V(cst.CSTVisitor):
            def visit_Import(self, node: cst.Import) -> None:
                nonlocal found
                for a in node.names:
                    if code(a.name).split(".")[0] in _SOCKET_MODULES:
                        found = True

            def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
                nonlocal found
                if node.module is not None and code(node.module).split(".")[0] in _SOCKET_MODULES:
                    found = True

        module.visit(_V())
        self._sockets = found

    @property
    def flow(self) -> Flow:
        if self._flow is None:
            self._flow = Flow(self)
            self._types = Types(self, self._flow)
        return self._flow

    @property
    def types(self) -> Types:
        _ = self.flow
        assert self._types is not None
        return self._types

    # -- what is text, what is bytes --------------------------------------------------------
    def _is_text(self, node: cst.CSTNode) -> bool:
        if self.types.of(node) == "str":
            return True
        if isinstance(node, cst.Name):
            # a buffer started as text: `buf = ''` ... `buf += data`
            scope = self.flow.scope(node)
            if scope is None:
                return False
            for a in scope.assignments[node.value]:
                parent = self.flow.parent(a.node) if a.node is not None else None
                assign = self.flow.parent(parent) if isinstance(parent, cst.AssignTarget) else None
                if isinstance(assign, cst.Assign) and self.types.of(assign.value) == "str":
                    return True
        return False

    def _is_bytes(self, node: cst.CSTNode) -> bool:
        if self.types.of(node) == "bytes":
            return True
        if isinstance(node, cst.Call):
            f = node.func
            if isinstance(f, cst.Name) and f.value in ("bytes", "bytearray", "memoryview"):
                return True
            if isinstance(f, cst.Attribute) and f.attr.value in ("encode", "pack", "dumps", "recv", "read", "tobytes"):
                return True
        return False

    def _report(self, node: cst.CSTNode, reason: str) -> None:
        if id(node) in self._reported:
            return
        self._reported.add(id(node))
        self.review(node, reason)

    # -- following a bytes value ------------------------------------------------------------------
    def _follow_lines(self, expr: cst.CSTNode, what: str, depth: int = 0) -> Optional[tuple[cst.CSTNode, str]]:
        """``expr`` is a list of bytes (``f.readlines()``, ``data.split()``): follow its items."""
        if depth > 6:
            return None
        flow = self.flow
        p = flow.parent(expr)
        if isinstance(p, cst.For) and p.iter is expr and isinstance(p.target, cst.Name):
            return self._follow_name(p.target, p, what, depth, bound_by_loop=True)
        if isinstance(p, cst.Subscript) and p.value is expr:
            if all(isinstance(e.slice, cst.Index) for e in p.slice):
                return self._follow(p, what, depth + 1)
            return self._follow_lines(p, what, depth + 1)
        if isinstance(p, cst.Assign) and p.value is expr:
            for t in p.targets:
                if isinstance(t.target, cst.Name):
                    hit = self._follow_name(t.target, p, what, depth, lines=True)
                    if hit:
                        return hit
        return None

    def _follow(self, expr: cst.CSTNode, what: str, depth: int = 0) -> Optional[tuple[cst.CSTNode, str]]:
        """The first place where the bytes value ``expr`` meets text, with the reason."""
        if depth > 6:
            return None
        flow = self.flow
        p = flow.parent(expr)
        if p is None:
            return None
        if isinstance(p, cst.BinaryOperation) and isinstance(p.operator, (cst.Add, cst.Modulo)):
            other = p.right if p.left is expr else p.left
            if isinstance(p.operator, cst.Modulo) and p.right is expr and self._is_text(p.left):
                return p, f"{what} is bytes in Python 3: formatted into text it shows as b'...'"
            if self._is_text(other):
                return p, f"{what} is bytes in Python 3: it cannot be combined with text"
            if isinstance(p.operator, cst.Add):
                return self._follow(p, what, depth + 1)
            return None
        if isinstance(p, cst.ComparisonTarget) or isinstance(p, cst.Comparison):
            comp = p if isinstance(p, cst.Comparison) else flow.parent(p)
            if isinstance(comp, cst.Comparison):
                operands = [comp.left] + [t.comparator for t in comp.comparisons]
                if any(o is not expr and self._is_text(o) for o in operands):
                    return comp, f"{what} is bytes in Python 3: compared with text it is never equal (`in` raises)"
            return None
        if isinstance(p, cst.Attribute) and p.value is expr:
            call = flow.parent(p)
            if not (isinstance(call, cst.Call) and call.func is p):
                return None
            m = p.attr.value
            if m == "decode":
                return None
            if m in _SEARCH and any(self._is_text(a.value) for a in call.args):
                return call, f"{what} is bytes in Python 3: .{m}() with a text argument raises TypeError"
            if m in _KEEPS_BYTES:
                return self._follow(call, what, depth + 1)
            if m in ("split", "rsplit", "splitlines", "readlines"):
                return self._follow_lines(call, what, depth + 1)
            return None
        if isinstance(p, cst.Subscript) and p.value is expr:
            if all(isinstance(e.slice, cst.Index) for e in p.slice):
                return p, f"{what} is bytes in Python 3: indexing it gives an int, not a character"
            return self._follow(p, what, depth + 1)
        if isinstance(p, cst.For) and p.iter is expr:
            return p, f"{what} is bytes in Python 3: iterating it gives ints"
        if isinstance(p, cst.Arg):
            call = flow.parent(p)
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value in ("print", "str"):
                if not qualified_names(self, call.func) - {f"builtins.{call.func.value}"}:
                    return call, f"{what} is bytes in Python 3: {call.func.value}() shows it as b'...'"
            return None
        if isinstance(p, cst.AugAssign) and p.value is expr:
            if self._is_text(p.target):
                return p, f"{what} is bytes in Python 3: it cannot be appended to text"
            return None
        if isinstance(p, cst.Assign) and p.value is expr:
            for t in p.targets:
                if isinstance(t.target, cst.Name):
                    hit = self._follow_name(t.target, p, what, depth)
                    if hit:
                        return hit
            return None
        return None

    def _follow_name(self, target: cst.Name, assign: cst.CSTNode, what: str, depth: int,
                     lines: bool = False, bound_by_loop: bool = False):
        flow = self.flow
        scope = flow.scope(target)
        if scope is None:
            return None
        stmt = flow.statement(assign)
        for assignment in flow.in_order(scope.assignments[target.value], target):
            if assignment.node is not target:
                continue
            for access in flow.in_order(assignment.references, target):
                if not bound_by_loop and not flow._reaches(stmt, access.node, scope, target.value):
                    continue
                if bound_by_loop and not Flow._contains(assign.body, access.node):
                    continue
                follow = self._follow_lines if lines else self._follow
                hit = follow(access.node, what, depth + 1)
                if hit:
                    return hit
        return None

    def _follow_targets(self, target: cst.CSTNode, assign, what: str):
        """``out, err = p.communicate()``: follow each name."""
        if isinstance(target, cst.Name):
            return self._follow_name(target, assign, what, 0)
        if isinstance(target, (cst.Tuple, cst.List)):
            for el in target.elements:
                hit = self._follow_targets(el.value, assign, what)
                if hit:
                    return hit
        return None

    # -- sources ------------------------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if isinstance(func, cst.Attribute):
            m = func.attr.value
            if self._sockets and m in ("send", "sendall", "sendto") and original_node.args:
                arg = original_node.args[0].value
                if not self._is_bytes(arg):
                    self._report(original_node, f"socket .{m}() needs bytes in Python 3: encode text first")
                return updated_node
            if self._sockets and m in ("recv", "recvfrom"):
                self._source(original_node, f"socket .{m}() data")
                return updated_node
            if m == "communicate" and self._popen_without_text(func.value):
                self._source(original_node, "subprocess output", tuple_result=True)
                return updated_node
        names = qualified_names(self, func)
        if "subprocess.check_output" in names and not self._text_mode(original_node):
            self._source(original_node, "subprocess.check_output() output")
        elif isinstance(func, cst.Name) and func.value == "open" and (not names or names == {"builtins.open"}):
            self._binary_file(original_node)
        return updated_node

    def _source(self, call: cst.Call, what: str, tuple_result: bool = False) -> None:
        p = self.flow.parent(call)
        if tuple_result:
            if isinstance(p, cst.Assign) and p.value is call:
                for t in p.targets:
                    hit = self._follow_targets(t.target, p, what)
                    if hit:
                        self._report(hit[0], hit[1])
                        return
            if isinstance(p, cst.Subscript):
                hit = self._follow(p, what)
                if hit:
                    self._report(hit[0], hit[1])
            return
        hit = self._follow(call, what)
        if hit:
            self._report(hit[0], hit[1])

    @staticmethod
    def _text_mode(call: cst.Call) -> bool:
        return any(a.keyword is not None and a.keyword.value in _TEXT_KWARGS for a in call.args) or any(
            a.star == "**" for a in call.args
        )

    def _popen_without_text(self, receiver: cst.CSTNode) -> bool:
        call = receiver
        if isinstance(receiver, cst.Name):
            scope = self.flow.scope(receiver)
            if scope is None:
                return False
            call = None
            for a in self.flow.in_order(scope.assignments[receiver.value], receiver):
                parent = self.flow.parent(a.node)
                assign = self.flow.parent(parent) if isinstance(parent, cst.AssignTarget) else None
                if isinstance(assign, cst.Assign) and isinstance(assign.value, cst.Call):
                    call = assign.value
        if not isinstance(call, cst.Call):
            return False
        return "subprocess.Popen" in qualified_names(self, call.func) and not self._text_mode(call)

    def _mode(self, call: cst.Call) -> Optional[str]:
        mode = None
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if len(positional) >= 2:
            mode = positional[1].value
        for a in call.args:
            if a.keyword is not None and a.keyword.value == "mode":
                mode = a.value
        if isinstance(mode, cst.SimpleString):
            try:
                return str(mode.evaluated_value)
            except Exception:
                return None
        return None

    def _binary_file(self, call: cst.Call) -> None:
        mode = self._mode(call)
        if not mode or "b" not in mode:
            return
        reading = "r" in mode or "+" in mode
        writing = any(c in mode for c in "wax+")
        flow = self.flow
        p = flow.parent(call)
        names: list[tuple[cst.Name, cst.CSTNode]] = []
        if isinstance(p, cst.WithItem) and p.asname is not None and isinstance(p.asname.name, cst.Name):
            names.append((p.asname.name, p))
        elif isinstance(p, cst.Assign):
            names += [(t.target, p) for t in p.targets if isinstance(t.target, cst.Name)]
        elif isinstance(p, cst.Attribute) and p.value is call and reading:
            outer = flow.parent(p)
            if isinstance(outer, cst.Call) and p.attr.value == "readlines":
                hit = self._follow_lines(outer, f"a line of a file opened {mode!r}")
                if hit:
                    self._report(hit[0], hit[1])
            elif isinstance(outer, cst.Call) and p.attr.value in _READS:
                self._source(outer, f"data read from a file opened {mode!r}")
            return
        for name, _ in names:
            scope = flow.scope(name)
            if scope is None:
                continue
            for assignment in flow.in_order(scope.assignments[name.value], name):
                if assignment.node is not name:
                    continue
                for access in flow.in_order(assignment.references, name):
                    self._file_use(access.node, mode, reading, writing)

    def _file_use(self, node: cst.CSTNode, mode: str, reading: bool, writing: bool) -> None:
        flow = self.flow
        p = flow.parent(node)
        what = f"data read from a file opened {mode!r}"
        if isinstance(p, cst.Attribute) and p.value is node:
            call = flow.parent(p)
            if not isinstance(call, cst.Call) or call.func is not p:
                return
            if reading and p.attr.value == "readlines":
                hit = self._follow_lines(call, what)
                if hit:
                    self._report(hit[0], hit[1])
            elif reading and p.attr.value in _READS:
                self._source(call, what)
            elif writing and p.attr.value in ("write", "writelines") and call.args:
                arg = call.args[0].value
                if self._is_text(arg) and not self._is_bytes(arg):
                    self._report(call, f"text written to a file opened {mode!r}: Python 3 needs bytes (encode it)")
        elif isinstance(p, cst.For) and p.iter is node and reading:
            target = p.target
            if isinstance(target, cst.Name):
                scope = flow.scope(target)
                if scope is None:
                    return
                for assignment in flow.in_order(scope.assignments[target.value], target):
                    if assignment.node is not target:
                        continue
                    for access in flow.in_order(assignment.references, target):
                        hit = self._follow(access.node, "a line of a file opened " + repr(mode))
                        if hit:
                            self._report(hit[0], hit[1])
                            return
