"""Load / store / del for every name, as libcst's ``ExpressionContextProvider`` says it.

libcst's scope analysis (the qualified names every codemod matches by) first runs the
expression-context provider: a visitor that starts a new visitor object for each
assignment target, parameter and attribute, through libcst's general traversal. This is
the same decision table, read off the node fields directly in one loop. The answers are
the provider's, node for node (``tests/foundation/test_expression_context.py`` compares
them on real code); :mod:`migrator.metadata` hands them to libcst so that the scope
analysis does not compute them again.

The table (from ``libcst/metadata/expression_context_provider.py``): targets of
assignments, ``for`` loops, comprehensions, ``as`` names, walrus, the names of ``def``,
``class`` and parameters are stored; ``del`` targets are deleted; the value and slice of an
attribute or subscript are loaded whatever the context of the whole; ``Attribute.attr``
gets no context (``ast`` has a string there); ``Name``, ``Attribute``, ``Subscript``,
``Tuple``, ``List`` and ``StarredElement`` get the context they are in.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ExpressionContext

from migrator.walk import _children

LOAD, STORE, DEL = ExpressionContext.LOAD, ExpressionContext.STORE, ExpressionContext.DEL


def expression_contexts(module: cst.Module) -> dict:
    out: dict = {}
    stack: list = [(module, LOAD)]
    push = stack.append
    while stack:
        node, ctx = stack.pop()
        t = type(node)
        if t is cst.Name:
            out[node] = ctx
        elif t is cst.Attribute:
            out[node] = ctx
            push((node.value, LOAD))
        elif t is cst.Subscript:
            out[node] = ctx
            push((node.value, LOAD))
            for element in node.slice:
                push((element, LOAD))
        elif t is cst.Tuple or t is cst.List or t is cst.StarredElement:
            out[node] = ctx
            for child in _children(node):
                push((child, ctx))
        elif t is cst.Assign:
            for target in node.targets:
                push((target, STORE))
            push((node.value, ctx))
        elif t is cst.AnnAssign:
            push((node.target, STORE))
            push((node.annotation, ctx))
            if node.value:
                push((node.value, ctx))
        elif t is cst.AugAssign or t is cst.NamedExpr:
            push((node.target, STORE))
            push((node.value, ctx))
        elif t is cst.AsName:
            push((node.name, STORE))
        elif t is cst.CompFor:
            push((node.target, STORE))
            push((node.iter, ctx))
            for test in node.ifs:
                push((test, ctx))
            if node.inner_for_in:
                push((node.inner_for_in, ctx))
        elif t is cst.For:
            push((node.target, STORE))
            push((node.iter, ctx))
            push((node.body, ctx))
            if node.orelse:
                push((node.orelse, ctx))
        elif t is cst.Del:
            push((node.target, DEL))
        elif t is cst.ClassDef:
            push((node.name, STORE))
            push((node.body, ctx))
            for part in (*node.bases, *node.keywords, *node.decorators):
                push((part, ctx))
        elif t is cst.FunctionDef:
            push((node.name, STORE))
            push((node.params, ctx))
            push((node.body, ctx))
            for decorator in node.decorators:
                push((decorator, ctx))
            if node.returns:
                push((node.returns, ctx))
        elif t is cst.Param:
            push((node.name, STORE))
            if node.annotation:
                push((node.annotation, ctx))
            if node.default:
                push((node.default, ctx))
        else:
            for child in _children(node):
                push((child, ctx))
    return out
