"""``e = get_exception()`` → ``except … as e`` (map row E2).

What it does
    In an ``except`` handler whose first statement is ``NAME = get_exception()``, the
    statement goes and the handler binds ``as NAME`` (a bare ``except:`` becomes
    ``except BaseException as NAME:``). Any other call of ``get_exception()`` becomes
    ``sys.exc_info()[1]``. Imports of ``get_exception`` (from ``basic`` or ``pycompat24``)
    are removed. Matched by qualified name, or as the free name a module gets from
    ``from ansible.module_utils.basic import *``.

Why
    ``get_exception`` existed for Python 2.4 compatibility; it was deprecated in 2.17 and
    removed, with ``module_utils.pycompat24``, in 2.19.

When it is unsafe
    Never for the value: ``except … as e`` binds the same exception. Python 3 deletes
    ``e`` at the end of the handler; code that read it after the handler needs a
    second name (flagged by Python as a NameError at run time, not by this codemod).
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, expr, walk
from codemods.base import Example
from codemods.names import dotted

QUALIFIED = {"ansible.module_utils.basic.get_exception", "ansible.module_utils.pycompat24.get_exception"}


class GetException(AnsibleCodemod):
    ID = "AN031"
    NAME = "ansible-get-exception"
    DESCRIPTION = "e = get_exception() → except ... as e (get_exception is gone in 2.19)"
    BREAKS_IN = "2.19"
    TRIGGERS = frozenset({"get_exception"})
    EXAMPLES = (
        Example(
            """
            from ansible.module_utils.basic import AnsibleModule, get_exception
            try:
                os.unlink(path)
            except (IOError, OSError):
                e = get_exception()
                module.fail_json(msg=str(e))
            """,
            """
            from ansible.module_utils.basic import AnsibleModule
            try:
                os.unlink(path)
            except (IOError, OSError) as e:
                module.fail_json(msg=str(e))
            """,
        ),
        Example(
            """
            from ansible.module_utils.pycompat24 import get_exception
            try:
                run()
            except:
                log('failed')
                err = get_exception()
            """,
            """
            import sys

            try:
                run()
            except:
                log('failed')
                err = sys.exc_info()[1]
            """,
        ),
        Example(
            """
            def main():
                try:
                    run()
                except ValueError:
                    e = get_exception()
                    fail(e)
            from ansible.module_utils.basic import *
            main()
            """,
            """
            def main():
                try:
                    run()
                except ValueError as e:
                    fail(e)
            from ansible.module_utils.basic import *
            main()
            """,
        ),
        Example("def get_exception():\n    return None\n\nx = get_exception()\n"),
    )

    def analyze(self, module: cst.Module) -> None:
        self.star = False

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.ImportFrom) and isinstance(node.names, cst.ImportStar) and not node.relative \
                    and dotted(node.module) == "ansible.module_utils.basic":
                self.star = True

        walk(module, fn)

    def _is_get_exception(self, node: cst.CSTNode) -> bool:
        if not (isinstance(node, cst.Call) and not node.args):
            return False
        if self.refers(node.func, QUALIFIED):
            return True
        return self.star and isinstance(node.func, cst.Name) and node.func.value == "get_exception" \
            and not self.qnames(node.func)

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        if isinstance(original_node.names, cst.ImportStar) or original_node.relative:
            return updated_node
        module = dotted(original_node.module)
        if module in ("ansible.module_utils.basic", "ansible.module_utils.pycompat24"):
            if any(a.name.value == "get_exception" for a in original_node.names):
                self.remove_import(module, "get_exception")
        return updated_node

    def leave_ExceptHandler(self, original_node: cst.ExceptHandler, updated_node: cst.ExceptHandler):
        if original_node.name is not None or not isinstance(original_node.body, cst.IndentedBlock):
            return updated_node
        body = original_node.body.body
        if not body or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1:
            return updated_node
        first = body[0].body[0]
        if not (isinstance(first, cst.Assign) and len(first.targets) == 1 and isinstance(first.targets[0].target, cst.Name)
                and self._is_get_exception(first.value)):
            return updated_node
        self.changed(first)
        name = first.targets[0].target.value
        new_body = updated_node.body.with_changes(body=updated_node.body.body[1:])
        if not new_body.body:
            new_body = new_body.with_changes(body=[cst.SimpleStatementLine([cst.Pass()])])
        return updated_node.with_changes(
            type=updated_node.type if updated_node.type is not None else cst.Name("BaseException"),
            name=cst.AsName(name=cst.Name(name)),
            whitespace_after_except=cst.SimpleWhitespace(" "),
            body=new_body,
        )

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if not self._is_get_exception(original_node):
            return updated_node
        # the first-statement form is handled with its handler; this is any other use
        return updated_node if self._in_first_statement(original_node) else self._exc_info(original_node)

    def _exc_info(self, original: cst.Call):
        self.changed(original)
        self.add_import("sys")
        return expr("sys.exc_info()[1]")

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._firsts = getattr(self, "_firsts", set())
        if node.name is None and isinstance(node.body, cst.IndentedBlock) and node.body.body:
            first = node.body.body[0]
            if isinstance(first, cst.SimpleStatementLine) and len(first.body) == 1 and isinstance(first.body[0], cst.Assign) \
                    and len(first.body[0].targets) == 1 and isinstance(first.body[0].targets[0].target, cst.Name):
                self._firsts.add(id(first.body[0].value))

    def _in_first_statement(self, node: cst.Call) -> bool:
        return id(node) in getattr(self, "_firsts", set())
