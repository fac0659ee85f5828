"""Rename the Python 2 function and method attributes.

What it does
    ``f.func_name`` → ``f.__name__``, ``func_doc`` → ``__doc__``, ``func_defaults`` →
    ``__defaults__``, ``func_code`` → ``__code__``, ``func_globals`` → ``__globals__``,
    ``func_closure`` → ``__closure__``, ``func_dict`` → ``__dict__``; ``m.im_func`` →
    ``m.__func__``, ``m.im_self`` → ``m.__self__``. ``getattr(f, "func_name")`` with a literal
    name is rewritten too.

Why
    Python 3 dropped the ``func_*`` and ``im_*`` spellings (AttributeError).

When it is unsafe
    The type of ``f`` is not known: an object of the module's own class that defines an
    attribute with one of these names (``self.func_name = ...``) keeps it — such a file is
    left alone for that name. ``m.im_class`` has no equivalent (unbound methods are plain
    functions now; for a bound method it was ``type(m.__self__)``): review.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._index import index
from codemods.py2._syntax import scope_of, string_value

RENAMES = {
    "func_name": "__name__", "func_doc": "__doc__", "func_defaults": "__defaults__", "func_code": "__code__",
    "func_globals": "__globals__", "func_closure": "__closure__", "func_dict": "__dict__",
    "im_func": "__func__", "im_self": "__self__",
}


class FunctionAttributes(Codemod):
    ID = "PY113"
    NAME = "function-attributes"
    DESCRIPTION = "func_*/im_* attribute → __*__"
    TRIGGERS = frozenset(RENAMES) | {"im_class"}
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example("log(f.func_name, f.func_defaults)\n", "log(f.__name__, f.__defaults__)\n"),
        Example("fn = meth.im_func\nobj = meth.im_self\n", "fn = meth.__func__\nobj = meth.__self__\n"),
        Example("name = getattr(f, 'func_name', '?')\n", "name = getattr(f, '__name__', '?')\n"),
        Example("cls = meth.im_class\n", review=("PY113",)),
        Example(
            """
            class Job(object):
                def __init__(self, f):
                    self.func_name = f.__name__
            def run():
                pass
            print(job.func_name, run.func_name)
            """,
            """
            class Job(object):
                def __init__(self, f):
                    self.func_name = f.__name__
            def run():
                pass
            print(job.func_name, run.__name__)
            """,
        ),
    )

    def prepare(self, module: cst.Module) -> None:
        self._own = index(module).class_members()

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        name = original_node.attr.value
        if name in self._own and not self._is_function(original_node.value):
            return updated_node
        if name in RENAMES:
            self.changed(original_node, f"{name} → {RENAMES[name]}")
            return updated_node.with_changes(attr=cst.Name(RENAMES[name]))
        if name == "im_class":
            self.review(original_node, "im_class is gone: type(m.__self__) for a bound method")
        return updated_node

    def _is_function(self, node: cst.BaseExpression) -> bool:
        """``node`` is certainly a function or method: a name bound only by ``def``, or
        ``m.im_func``."""
        if isinstance(node, cst.Attribute):
            return node.attr.value in ("im_func", "__func__")
        if not isinstance(node, cst.Name):
            return False
        scope = scope_of(self, node)
        if scope is None:
            return False
        found = scope[node.value]
        return bool(found) and all(isinstance(getattr(a, "node", None), cst.FunctionDef) for a in found)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        func = original_node.func
        if not (isinstance(func, cst.Name) and func.value in ("getattr", "hasattr", "setattr")):
            return updated_node
        if len(updated_node.args) < 2:
            return updated_node
        value = string_value(updated_node.args[1].value)
        if value not in RENAMES or (value in self._own and not self._is_function(original_node.args[0].value)):
            return updated_node
        literal = updated_node.args[1].value
        quote = literal.quote
        new = literal.with_changes(value=f"{literal.prefix}{quote}{RENAMES[value]}{quote}")
        args = list(updated_node.args)
        args[1] = args[1].with_changes(value=new)
        self.changed(original_node, f"{func.value}(…, '{value}') → '{RENAMES[value]}'")
        return updated_node.with_changes(args=args)
