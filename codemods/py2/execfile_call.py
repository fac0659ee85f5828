"""Turn ``execfile(path[, globals[, locals]])`` into ``exec(compile(...))``.

What it does
    ``execfile(fn)`` → ``exec(compile(open(fn, "rb").read(), fn, "exec"))``, passing the
    globals/locals on. The file is read as bytes so that its coding cookie is honoured, as
    ``execfile`` did. Only the builtin is rewritten.

Why
    ``execfile`` was removed in Python 3 (NameError).

When it is unsafe
    ``fn`` is evaluated twice: a review is recorded when it is not a plain name, attribute or
    literal. Inside a function without explicit globals, Python 2 could add local variables;
    ``exec`` in Python 3 cannot (review). The file object is closed by the garbage collector,
    not at once.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import FunctionScope, ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._syntax import arg, call, is_free_builtin, positional, scope_of


class ExecfileCall(Codemod):
    ID = "PY108"
    NAME = "execfile"
    DESCRIPTION = "execfile() → exec(compile(open(f, 'rb').read(), f, 'exec'))"
    TRIGGERS = frozenset({"execfile"})
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example(
            "execfile(path)\n",
            'exec(compile(open(path, "rb").read(), path, "exec"))\n',
        ),
        Example(
            "execfile('settings.py', conf)\n",
            "exec(compile(open('settings.py', \"rb\").read(), 'settings.py', \"exec\"), conf)\n",
        ),
        Example(
            "execfile(self.path, g, l)\n",
            'exec(compile(open(self.path, "rb").read(), self.path, "exec"), g, l)\n',
        ),
        Example(
            "execfile(find(), g)\n",
            'exec(compile(open(find(), "rb").read(), find(), "exec"), g)\n',
            review=("PY108",),
        ),
        Example(
            """
            def load(p):
                execfile(p)
            """,
            """
            def load(p):
                exec(compile(open(p, "rb").read(), p, "exec"))
            """,
            review=("PY108",),
        ),
        Example(
            """
            from compat import execfile
            execfile(path)
            """
        ),
    )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        func = original_node.func
        if not (isinstance(func, cst.Name) and func.value == "execfile" and is_free_builtin(self, func)):
            return updated_node
        args = positional(updated_node)
        if args is None or not 1 <= len(args) <= 3:
            self.review(original_node, "execfile() is gone: exec(compile(open(f, 'rb').read(), f, 'exec'))")
            return updated_node
        fn = args[0]
        if not isinstance(fn, (cst.Name, cst.Attribute, cst.SimpleString)):
            self.review(original_node, "the file name expression is now evaluated twice")
        if len(args) == 1 and isinstance(scope_of(self, original_node), FunctionScope):
            self.review(original_node, "exec() in a function cannot create local variables as execfile() did; pass a dict")
        read = call(cst.Attribute(value=call("open", [arg(fn), arg(cst.SimpleString('"rb"'))]), attr=cst.Name("read")))
        code = call("compile", [arg(read), arg(fn), arg(cst.SimpleString('"exec"'))])
        self.changed(original_node)
        return call("exec", [arg(code), *(arg(a) for a in args[1:])])
