"""Callback helpers and display: ``self._options``, ``_get_item``, the ``display`` import idiom, ``Display(verbosity=)`` (map rows C7, C8, C10, D1).

What it does
    * C7 — in a callback class, ``self._options.tags`` → ``context.CLIARGS.get('tags')``
      (and the ``from ansible import context`` import).
    * C8 — ``self._get_item(res)`` → ``self._get_item_label(res)``.
    * C10 — the 2.x idiom ::

          try:
              from __main__ import display
          except ImportError:
              from ansible.utils.display import Display
              display = Display()

      becomes the two statements of its ``except`` branch.
    * D1 — ``display = Display(verbosity=3)`` → ``display = Display()`` and
      ``display.verbosity = 3``.

Why
    2.8 removed the optparse values that callbacks found in ``self._options`` (they are
    in ``context.CLIARGS``) and made ``Display`` a singleton: importing ansible creates
    it, later constructor arguments are ignored (``Display(verbosity=3).verbosity == 0``),
    and ``__main__`` no longer has a ``display``. ``_get_item`` was removed in 2.11.

When it is unsafe
    ``display.verbosity = 3`` changes the process-wide display, which is what the 2.1
    code got when it created the first Display. A bare ``self._options`` (not an
    attribute read) is flagged.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, callback_classes, code_of, expr, find_arg, stmt
from codemods.base import Example
from codemods.names import dotted

DISPLAY = "ansible.utils.display.Display"


def _display_idiom(node: cst.Try) -> Optional[list]:
    """The except-branch statements of ``try: from __main__ import display / except ImportError: …``."""
    if len(node.body.body) != 1 or len(node.handlers) != 1 or node.orelse or node.finalbody:
        return None
    first = node.body.body[0]
    if not (isinstance(first, cst.SimpleStatementLine) and len(first.body) == 1
            and isinstance(first.body[0], cst.ImportFrom) and dotted(first.body[0].module) == "__main__"):
        return None
    names = first.body[0].names
    if isinstance(names, cst.ImportStar) or [a.name.value for a in names] != ["display"]:
        return None
    handler = node.handlers[0]
    if handler.type is None or dotted(handler.type) != "ImportError":
        return None
    return list(handler.body.body)


class CallbackHelpers(AnsibleCodemod):
    ID = "AN022"
    NAME = "ansible-callback-helpers"
    DESCRIPTION = "self._options → context.CLIARGS, _get_item → _get_item_label, display import idiom, Display(verbosity=)"
    BREAKS_IN = "2.8"
    TRIGGERS = frozenset({"_options", "_get_item", "display", "Display"})
    EXAMPLES = (
        Example(
            """
            from ansible.plugins.callback import CallbackBase
            try:
                from __main__ import display
            except ImportError:
                from ansible.utils.display import Display
                display = Display()

            class CallbackModule(CallbackBase):
                def v2_runner_on_ok(self, result):
                    if self._options.check:
                        display.display('check mode: %s' % self._get_item(result._result))
            """,
            """
            from ansible.plugins.callback import CallbackBase
            from ansible.utils.display import Display
            from ansible import context

            display = Display()

            class CallbackModule(CallbackBase):
                def v2_runner_on_ok(self, result):
                    if context.CLIARGS.get('check'):
                        display.display('check mode: %s' % self._get_item_label(result._result))
            """,
        ),
        Example(
            """
            from ansible.utils.display import Display
            display = Display(verbosity=3)
            """,
            """
            from ansible.utils.display import Display
            display = Display()
            display.verbosity = 3
            """,
        ),
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                def v2_playbook_on_start(self, playbook):
                    self.opts = self._options
            """,
            """
            from ansible.plugins.callback import CallbackBase
            from ansible import context

            class CB(CallbackBase):
                def v2_playbook_on_start(self, playbook):
                    self.opts = context.CLIARGS
            """,
            review=("AN022",),
        ),
        # _options of a class that is not a callback
        Example(
            """
            class Parser(object):
                def tags(self):
                    return self._options.tags
            """
        ),
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                def v2_runner_on_ok(self, result):
                    return self._get_item(result._result)
            """,
            ansible_target="2.10",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self.callbacks, _ = callback_classes(self, module)
        self.stack: list[bool] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.stack.append(id(node) in self.callbacks)

    def leave_ClassDef(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    @property
    def _in_callback(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def _self_options(self, node: cst.CSTNode) -> bool:
        return (isinstance(node, cst.Attribute) and node.attr.value == "_options"
                and isinstance(node.value, cst.Name) and node.value.value == "self")

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return not (self._in_callback and self._self_options(node.value))

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if not self._in_callback:
            return updated_node
        if self._self_options(original_node.value):
            self.changed(original_node)
            self.add_import("ansible", "context")
            return expr(f"context.CLIARGS.get({original_node.attr.value!r})")
        if self._self_options(original_node):
            self.changed(original_node)
            self.review(original_node, "C7: self._options is gone since 2.8: the command line values are in "
                                       "context.CLIARGS (a mapping)")
            self.add_import("ansible", "context")
            return expr("context.CLIARGS")
        if (original_node.attr.value == "_get_item" and isinstance(original_node.value, cst.Name)
                and original_node.value.value == "self" and self.at_least("2.11")):
            self.changed(original_node)
            return updated_node.with_changes(attr=cst.Name("_get_item_label"))
        return updated_node

    def leave_Try(self, original_node: cst.Try, updated_node: cst.Try):
        body = _display_idiom(updated_node)
        if body is None:
            return updated_node
        self.changed(original_node)
        body[0] = body[0].with_changes(leading_lines=updated_node.leading_lines)
        return cst.FlattenSentinel(body)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if len(original_node.body) != 1 or len(updated_node.body) != 1 or not isinstance(original_node.body[0], cst.Assign):
            return updated_node
        assign = original_node.body[0]
        if not (isinstance(assign.value, cst.Call) and self.callee(assign.value, {DISPLAY})):
            return updated_node
        verbosity = find_arg(assign.value, "verbosity", 0)
        if verbosity is None or len(assign.targets) != 1:
            return updated_node
        target = dotted(assign.targets[0].target)
        if target is None:
            return updated_node
        self.changed(original_node)
        new_assign = updated_node.body[0]
        call = new_assign.value.with_changes(args=[])
        return cst.FlattenSentinel([
            updated_node.with_changes(body=[new_assign.with_changes(value=call)]),
            stmt(f"{target}.verbosity = {code_of(verbosity.value)}\n"),
        ])
