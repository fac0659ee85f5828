"""Drop Python 2's ``if isinstance(x, unicode): x = x.encode(...)`` before text formatting.

What it does
    The Python 2 normalisation ::

        if isinstance(data, unicode):
            data = data.encode('utf-8')

    (directly in a function body, no ``else``) is removed when every later use of ``data``
    in that function is a text context: ``str(data)``, ``'...%s...' % data`` (or inside the
    ``%`` tuple), ``'...'.format(data)``, an f-string, ``print(data)``. When ``data`` is used
    otherwise (passed on, written, compared, or assigned again) the statement is reported
    for review instead.

Why
    On Python 2 this turned ``unicode`` into a byte ``str`` so that ``str(data)`` and ``%s``
    did not raise ``UnicodeEncodeError``. After ``unicode`` → ``str`` (PY105) it encodes
    *every* text value, and ``str(b'...')``/``'%s' % b'...'`` give ``"b'...'"`` — the repr
    ends up in logs and messages. Text formatting on Python 3 needs no encoding at all.

When it is unsafe
    Only the listed text contexts are trusted; the branch stays (with a review) whenever
    ``data`` could also go somewhere that needs bytes.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst
from libcst.metadata import QualifiedNameProvider, ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._bytes_boundaries import walk
from codemods.py2._syntax import is_free_builtin

REVIEW = ("on Python 3 this encodes every str to bytes (Python 2 only encoded unicode): where the value then "
          "goes into str()/%s/text, drop the encode; where bytes are needed, keep it")


def _is_str_lit(node: cst.CSTNode) -> bool:
    if isinstance(node, cst.SimpleString):
        return "b" not in node.prefix.lower()
    if isinstance(node, cst.ConcatenatedString):
        return _is_str_lit(node.left)
    return False


class EncodeBeforeText(Codemod):
    ID = "PY304"
    NAME = "encode-before-text"
    DESCRIPTION = "drop 'if isinstance(x, unicode): x = x.encode()' before text formatting"
    TRIGGERS = frozenset({"unicode"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            """
            def log(host, data):
                if isinstance(data, unicode):
                    data = data.encode('utf-8')
                line = "%s %s\\n" % (host, str(data).replace('\\n', ' ')[:200])
                return line
            """,
            """
            def log(host, data):
                line = "%s %s\\n" % (host, str(data).replace('\\n', ' ')[:200])
                return line
            """,
        ),
        Example(
            """
            def show(msg):
                x = 1
                if isinstance(msg, unicode):
                    msg = msg.encode('utf-8', 'replace')
                print('[%s] %s' % (x, msg))
                print("{}".format(msg))
            """,
            """
            def show(msg):
                x = 1
                print('[%s] %s' % (x, msg))
                print("{}".format(msg))
            """,
        ),
        # goes on to something that may need bytes: review
        Example(
            """
            def send(sock, data):
                if isinstance(data, unicode):
                    data = data.encode('utf-8')
                sock.sendall(data)
            """,
            review=("PY304",),
        ),
        # not the idiom: else branch, another name, a local unicode
        Example(
            """
            def f(data, unicode):
                if isinstance(data, unicode):
                    data = data.encode('utf-8')
                return str(data)

            def g(data):
                if isinstance(data, unicode):
                    other = data.encode('utf-8')
                else:
                    other = data
                return str(other)
            """
        ),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._drop: set[int] = set()

    def _idiom(self, node: cst.CSTNode) -> Optional[str]:
        """The variable name when ``node`` is ``if isinstance(x, unicode): x = x.encode(...)``."""
        if not isinstance(node, cst.If) or node.orelse is not None:
            return None
        test = node.test
        if not (isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value == "isinstance"
                and len(test.args) == 2 and isinstance(test.args[0].value, cst.Name)):
            return None
        kind = test.args[1].value
        if not (isinstance(kind, cst.Name) and kind.value == "unicode" and is_free_builtin(self, kind)):
            return None
        name = test.args[0].value.value
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else None
        if not body or len(body) != 1 or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1:
            return None
        assign = body[0].body[0]
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1
                and isinstance(assign.targets[0].target, cst.Name) and assign.targets[0].target.value == name):
            return None
        v = assign.value
        if not (isinstance(v, cst.Call) and isinstance(v.func, cst.Attribute) and v.func.attr.value == "encode"
                and isinstance(v.func.value, cst.Name) and v.func.value.value == name):
            return None
        return name

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        stmts = list(node.body.body) if isinstance(node.body, cst.IndentedBlock) else []
        for i, stmt in enumerate(stmts):
            name = self._idiom(stmt)
            if name is None:
                continue
            if self._text_only(stmts[i + 1:], name):
                self._drop.add(id(stmt))
            else:
                self.review(stmt, REVIEW)

    @staticmethod
    def _text_only(rest: list[cst.CSTNode], name: str) -> bool:
        ok: set[int] = set()
        uses: list[cst.Name] = []
        for stmt in rest:
            for n in walk(stmt, into_functions=True):
                if isinstance(n, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.For, cst.WithItem, cst.Del)):
                    targets = []
                    if isinstance(n, cst.Assign):
                        targets = [t.target for t in n.targets]
                    elif isinstance(n, (cst.AugAssign, cst.AnnAssign, cst.For, cst.Del)):
                        targets = [n.target]
                    elif n.asname is not None:
                        targets = [n.asname.name]
                    if any(isinstance(m, cst.Name) and m.value == name for t in targets for m in walk(t)):
                        return False
                if isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value in ("str", "print"):
                    ok.update(id(a.value) for a in n.args if not a.keyword)
                elif isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "format" \
                        and _is_str_lit(n.func.value):
                    ok.update(id(a.value) for a in n.args)
                elif isinstance(n, cst.BinaryOperation) and isinstance(n.operator, cst.Modulo) and _is_str_lit(n.left):
                    ok.add(id(n.right))
                    if isinstance(n.right, cst.Tuple):
                        ok.update(id(e.value) for e in n.right.elements)
                elif isinstance(n, cst.FormattedStringExpression) and n.conversion is None:
                    ok.add(id(n.expression))
                elif isinstance(n, cst.Name) and n.value == name:
                    uses.append(n)
        return bool(uses) and all(id(u) in ok for u in uses)

    def leave_If(self, original_node, updated_node):
        if id(original_node) in self._drop:
            self.changed(original_node)
            return cst.RemoveFromParent()
        return updated_node
