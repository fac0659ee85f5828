"""Encode the text body items a WSGI callable returns (Python 2's ``str`` body was bytes).

What it does
    In a function that takes ``start_response`` as a parameter and calls it (a WSGI
    application ``app(environ, start_response)``, or a helper such as
    ``respond(start_response, code, payload)`` whose result the application returns), the
    items of a returned ``[...]``/``(...)`` body and yielded items that are certainly text —
    a ``str`` literal, ``json.dumps(...)`` (by qualified name), ``'%s' % ...``, ``str(...)``,
    ``'...'.format(...)``, ``'...'.join(...)``, or a concatenation with one of these — become
    bytes: ``.encode('utf-8')`` (an ASCII literal becomes ``b'...'``). A local ``body = <text>``
    bound once and used only in the returned list and in ``len(body)`` is encoded at its
    assignment, so a ``Content-Length`` computed from it becomes the byte length. Items that
    are not certainly text or bytes are reported for review.

Why
    PEP 3333: a WSGI body is an iterable of bytes. On Python 2 ``json.dumps()`` and ``'...'``
    were byte strings; on Python 3 they are text and the server fails (gunicorn:
    ``TypeError: ... is not a byte``).

When it is unsafe
    UTF-8 is assumed, as it is what a Python 2 ``str`` built from UTF-8 source and
    ``json.dumps`` (ASCII by default) held. A ``Content-Type`` declaring another charset needs
    that encoding instead. A body returned by a delegated call (``return app(environ,
    start_response)``) is left to the callee.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import QualifiedNameProvider

from codemods.base import Codemod, Example
from codemods.py2._bytes_boundaries import encoded, is_bytes, is_text, params, single_binding, walk

REVIEW = "WSGI body items must be bytes on Python 3: encode this if it is text (.encode('utf-8'))"


def _calls(fn: cst.FunctionDef, name: str) -> bool:
    return any(isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value == name for n in walk(fn.body))


def _passes(call: cst.CSTNode, name: str) -> bool:
    return isinstance(call, cst.Call) and any(isinstance(a.value, cst.Name) and a.value.value == name for a in call.args)


class WsgiBodyBytes(Codemod):
    ID = "PY301"
    NAME = "wsgi-body-bytes"
    DESCRIPTION = "WSGI body item that is text → .encode('utf-8')"
    TRIGGERS = frozenset({"start_response"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)
    EXAMPLES = (
        Example(
            """
            import json

            def respond(start_response, code, payload):
                body = json.dumps(payload, sort_keys=True) + '\\n'
                start_response(code, [('Content-Length', str(len(body)))])
                return [body]
            """,
            """
            import json

            def respond(start_response, code, payload):
                body = (json.dumps(payload, sort_keys=True) + '\\n').encode('utf-8')
                start_response(code, [('Content-Length', str(len(body)))])
                return [body]
            """,
        ),
        Example(
            """
            def app(environ, start_response):
                start_response('200 OK', [])
                return ['hello %s' % environ['PATH_INFO'], 'bye\\n', str(1)]
            """,
            """
            def app(environ, start_response):
                start_response('200 OK', [])
                return [('hello %s' % environ['PATH_INFO']).encode('utf-8'), b'bye\\n', str(1).encode('utf-8')]
            """,
        ),
        Example(
            """
            import json as j

            def app(environ, start_response):
                start_response('200 OK', [])
                yield j.dumps({})
                yield '{}'.format(1)
            """,
            """
            import json as j

            def app(environ, start_response):
                start_response('200 OK', [])
                yield j.dumps({}).encode('utf-8')
                yield '{}'.format(1).encode('utf-8')
            """,
        ),
        # not certainly text: review
        Example(
            """
            def app(environ, start_response):
                start_response('200 OK', [])
                return [render(environ)]
            """,
            review=("PY301",),
        ),
        # body used as text elsewhere: review, not a change
        Example(
            """
            def app(environ, start_response):
                body = 'x' * 3
                body = body.upper()
                start_response('200 OK', [])
                return [body]
            """,
            review=("PY301",),
        ),
        # bytes already, delegation, not WSGI: unchanged
        Example(
            """
            import json

            def app(environ, start_response):
                start_response('200 OK', [])
                return [b'ok', json.dumps({}).encode('utf-8')]

            def outer(environ, start_response):
                return app(environ, start_response)

            def helper(payload):
                return [json.dumps(payload)]

            def other(environ, start_response):
                return ['not called']
            """
        ),
    )

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._encode: set[int] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if "start_response" not in params(node) or not _calls(node, "start_response"):
            return
        for n in walk(node.body):
            if isinstance(n, cst.Return) and n.value is not None:
                self._body(node, n.value)
            elif isinstance(n, cst.Yield) and isinstance(n.value, cst.BaseExpression):
                self._item(node, n.value, n)

    def _body(self, fn: cst.FunctionDef, value: cst.BaseExpression) -> None:
        if isinstance(value, (cst.List, cst.Tuple)):
            for el in value.elements:
                if isinstance(el, (cst.StarredElement,)):
                    self.review(el, REVIEW)
                    continue
                self._item(fn, el.value, el.value)
        elif _passes(value, "start_response"):
            return  # delegated: the callee's body
        elif isinstance(value, cst.Name) and value.value in params(fn):
            return
        else:
            if not is_bytes(self, value):
                self.review(value, "WSGI body must be an iterable of bytes on Python 3: check what this returns")

    def _item(self, fn: cst.FunctionDef, item: cst.BaseExpression, site: cst.CSTNode) -> None:
        if is_bytes(self, item):
            return
        if is_text(self, item):
            self._encode.add(id(item))
            return
        if isinstance(item, cst.Name):
            assign = single_binding(fn, item.value)
            if assign is not None and is_bytes(self, assign.value):
                return
            if assign is not None and is_text(self, assign.value) and self._only_len_and_body(fn, item.value, assign):
                self._encode.add(id(assign.value))
                return
        self.review(site, REVIEW)

    @staticmethod
    def _only_len_and_body(fn: cst.FunctionDef, name: str, assign: cst.Assign) -> bool:
        allowed: set[int] = {id(assign.targets[0].target)}
        for n in walk(fn.body):
            if isinstance(n, cst.Call) and isinstance(n.func, cst.Name) and n.func.value == "len" and len(n.args) == 1:
                allowed.add(id(n.args[0].value))
            elif isinstance(n, cst.Return) and isinstance(n.value, (cst.List, cst.Tuple)):
                allowed.update(id(e.value) for e in n.value.elements)
            elif isinstance(n, cst.Yield) and n.value is not None:
                allowed.add(id(n.value))
        uses = [n for n in walk(fn.body) if isinstance(n, cst.Name) and n.value == name]
        # also nested functions may use it
        nested = [n for n in walk(fn.body, into_functions=True) if isinstance(n, cst.Name) and n.value == name]
        return len(nested) == len(uses) and all(id(u) in allowed for u in uses)

    def _maybe(self, original_node, updated_node):
        if id(original_node) in self._encode:
            self.changed(original_node)
            return encoded(updated_node)
        return updated_node

    leave_Call = leave_BinaryOperation = leave_SimpleString = leave_ConcatenatedString = leave_FormattedString = _maybe
