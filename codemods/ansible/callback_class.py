"""Callback plugin classes: ``super().__init__()``, ``CALLBACK_NEEDS_ENABLED``, ``DOCUMENTATION`` (map rows C1, C5, C9, C12).

What it does
    For a class derived from ``CallbackBase`` or a bundled callback (by qualified name):

    * C1 — an ``__init__`` that never calls the base ``__init__`` gets
      ``super().__init__()`` as its first statement (``display=display`` when it takes one).
    * C5 — ``CALLBACK_NEEDS_WHITELIST = …`` → ``CALLBACK_NEEDS_ENABLED = …``.
    * C9 — a subclass of a bundled callback (``ansible.plugins.callback.default`` …) in a
      file without ``DOCUMENTATION`` gets one that extends the ``default_callback`` and
      ``result_format_callback`` fragments, named after its ``CALLBACK_NAME``.
    * C12 — a ``CallbackModule`` class that does not derive from ``CallbackBase`` is flagged.

Why
    2.19 reads ``plugin.disabled`` and friends directly: a callback whose ``__init__``
    skips the base one aborts the whole run (``AttributeError: … no attribute
    'disabled'``). The whitelist name was replaced in 2.11 (still read as a fallback).
    Since 2.4 options of bundled callbacks come from their documentation: a subclass
    without it fails every event with ``KeyError: 'display_ok_hosts'`` and the like.
    2.19 refuses callbacks that are not ``CallbackBase`` subclasses.

When it is unsafe
    ``super().__init__()`` runs before the rest of ``__init__``; code that set attributes
    the base ``__init__`` also sets (``_display``, ``disabled``) keeps its own values
    because it runs afterwards, which is what it meant.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, stmt, string_value, walk
from codemods.base import Example

CALLBACK_BASE = "ansible.plugins.callback.CallbackBase"
DOC = '''DOCUMENTATION = """
    name: {name}
    type: {type}
    short_description: {name} callback (migrated from Ansible 2.1)
    description:
        - Subclass of a bundled callback; its options come from these fragments.
    extends_documentation_fragment:
      - default_callback
      - result_format_callback
"""
'''


def _calls_base_init(body: cst.CSTNode) -> bool:
    found = []

    def fn(node: cst.CSTNode) -> None:
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "__init__":
            found.append(node)

    walk(body, fn)
    return bool(found)


def _class_attr(node: cst.ClassDef, name: str):
    if not isinstance(node.body, cst.IndentedBlock):
        return None
    for s in node.body.body:
        if isinstance(s, cst.SimpleStatementLine):
            for small in s.body:
                if isinstance(small, cst.Assign) and any(
                        isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets):
                    return small.value
    return None


class CallbackClass(AnsibleCodemod):
    ID = "AN021"
    NAME = "ansible-callback-class"
    DESCRIPTION = "callback classes: super().__init__(), CALLBACK_NEEDS_ENABLED, DOCUMENTATION for bundled subclasses"
    BREAKS_IN = "2.4"
    TRIGGERS = frozenset({"CallbackBase", "CallbackModule", "CALLBACK_NEEDS_WHITELIST"})
    EXAMPLES = (
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CallbackModule(CallbackBase):
                CALLBACK_VERSION = 2.0
                CALLBACK_NEEDS_WHITELIST = True

                def __init__(self):
                    '''collects results'''
                    self.results = []
            """,
            """
            from ansible.plugins.callback import CallbackBase

            class CallbackModule(CallbackBase):
                CALLBACK_VERSION = 2.0
                CALLBACK_NEEDS_ENABLED = True

                def __init__(self):
                    '''collects results'''
                    super().__init__()
                    self.results = []
            """,
        ),
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class Quiet(CallbackBase):
                def __init__(self, display=None):
                    super(Quiet, self).__init__(display)
                    self.n = 0

            class Louder(Quiet):
                def __init__(self, display=None): self.loud = True
            """,
            """
            from ansible.plugins.callback import CallbackBase

            class Quiet(CallbackBase):
                def __init__(self, display=None):
                    super(Quiet, self).__init__(display)
                    self.n = 0

            class Louder(Quiet):
                def __init__(self, display=None):
                    super().__init__(display=display)
                    self.loud = True
            """,
        ),
        Example(
            """
            from ansible.plugins.callback.default import CallbackModule as Default

            class CallbackModule(Default):
                CALLBACK_NAME = 'terse'
                CALLBACK_TYPE = 'stdout'
            """,
            '''
            from ansible.plugins.callback.default import CallbackModule as Default

            DOCUMENTATION = """
                name: terse
                type: stdout
                short_description: terse callback (migrated from Ansible 2.1)
                description:
                    - Subclass of a bundled callback; its options come from these fragments.
                extends_documentation_fragment:
                  - default_callback
                  - result_format_callback
            """

            class CallbackModule(Default):
                CALLBACK_NAME = 'terse'
                CALLBACK_TYPE = 'stdout'
            ''',
        ),
        Example(
            """
            class CallbackModule(object):
                def runner_on_ok(self, host, res):
                    pass
            """,
            review=("AN021",),
        ),
        # C1 is a 2.19 break; C5 is from 2.11
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                CALLBACK_NEEDS_WHITELIST = False

                def __init__(self):
                    self.x = 1
            """,
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                CALLBACK_NEEDS_ENABLED = False

                def __init__(self):
                    self.x = 1
            """,
            ansible_target="2.18",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self.callback_classes: set[int] = set()
        self.bundled: list[cst.ClassDef] = []
        local: set[str] = set()
        self.has_doc = False
        for s in module.body:
            if isinstance(s, cst.SimpleStatementLine):
                for small in s.body:
                    if isinstance(small, cst.Assign) and any(
                            isinstance(t.target, cst.Name) and t.target.value == "DOCUMENTATION" for t in small.targets):
                        self.has_doc = True

        def fn(node: cst.CSTNode) -> None:
            if not isinstance(node, cst.ClassDef):
                return
            is_cb = False
            for base in node.bases:
                names = self.qnames(base.value)
                if CALLBACK_BASE in names or (isinstance(base.value, cst.Name) and base.value.value in local):
                    is_cb = True
                elif any(q.startswith("ansible.plugins.callback.") for q in names):
                    is_cb = True
                    self.bundled.append(node)
            if is_cb:
                self.callback_classes.add(id(node))
                local.add(node.name.value)
            elif node.name.value == "CallbackModule":
                self.review(node, "C12: a callback plugin must derive from CallbackBase in ansible-core 2.19 "
                                  "(other classes fail to load)")

        walk(module, fn)
        self.stack: list[bool] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.stack.append(id(node) in self.callback_classes)

    def leave_ClassDef(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign):
        if not (self.stack and self.stack[-1]) or not self.at_least("2.11"):
            return updated_node
        targets = []
        for t in updated_node.targets:
            if isinstance(t.target, cst.Name) and t.target.value == "CALLBACK_NEEDS_WHITELIST":
                t = t.with_changes(target=cst.Name("CALLBACK_NEEDS_ENABLED"))
                self.changed(original_node)
            targets.append(t)
        return updated_node.with_changes(targets=targets)

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef):
        if original_node.name.value != "__init__" or not (self.stack and self.stack[-1]) or not self.at_least("2.19"):
            return updated_node
        if _calls_base_init(original_node.body):
            return updated_node
        names = [p.name.value for p in original_node.params.params]
        call = "super().__init__(display=display)\n" if "display" in names else "super().__init__()\n"
        from codemods.ansible.callback_methods import _insert_prologue

        self.changed(original_node)
        return updated_node.with_changes(body=_insert_prologue(updated_node.body, [stmt(call)]))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module):
        if self.has_doc or not self.bundled:
            return updated_node
        cls = self.bundled[0]
        name = string_value(_class_attr(cls, "CALLBACK_NAME") or cst.SimpleString("''")) or "custom"
        ctype = string_value(_class_attr(cls, "CALLBACK_TYPE") or cst.SimpleString("''")) or "stdout"
        body = list(updated_node.body)
        index = next((i for i, s in enumerate(original_node.body) if isinstance(s, cst.ClassDef) and s is cls), None)
        if index is None:
            index = next((i for i, s in enumerate(original_node.body) if isinstance(s, (cst.ClassDef, cst.FunctionDef))), len(body))
        if len(body) != len(original_node.body):
            index = min(index, len(body))
        doc = cst.parse_module(DOC.format(name=name, type=ctype)).body[0]
        body.insert(index, doc.with_changes(leading_lines=[cst.EmptyLine()]))
        self.changed(cls, "C9: DOCUMENTATION added: options of a bundled callback's subclass come from it")
        return updated_node.with_changes(body=body)
