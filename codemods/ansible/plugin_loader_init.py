"""Call ``init_plugin_loader()`` once in a program that runs playbooks or plays itself (map row A4).

What it does
    In a file that builds a ``PlaybookExecutor`` or ``TaskQueueManager`` (matched by
    qualified name) and does not call ``init_plugin_loader`` yet, inserts
    ``init_plugin_loader()`` right after the last top-level ``ansible`` import (after the
    imports at the top when there is none), and the import
    ``from ansible.plugins.loader import init_plugin_loader``. A program that sets
    ``ANSIBLE_*`` environment variables before it imports ansible keeps that order: the
    new ansible imports go after its own (see ``_api.AnsibleCodemod.add_import``).

Why
    Since ansible-core 2.15 only ``CLI.run()`` installs the collection loader. A program that
    embeds the executors without it fails every task with "unable to locate collection
    ansible.builtin" (checked on 2.19).

When it is unsafe
    The call runs at import time of that module. A second call in the same process only
    warns ("AnsibleCollectionFinder has already been configured"), so files that use the
    ``ansible.cli`` classes (whose ``run()`` calls it) are left alone. If several files
    of one program embed the executors, keep the call in the one that is imported first.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, ansible_import_anchor, stmt, walk
from codemods.base import Example

EXECUTORS = {
    "ansible.executor.playbook_executor.PlaybookExecutor",
    "ansible.executor.task_queue_manager.TaskQueueManager",
}
INIT = "ansible.plugins.loader.init_plugin_loader"


def _is_import_line(node: cst.CSTNode) -> bool:
    if isinstance(node, cst.SimpleStatementLine):
        return all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in node.body)
    if isinstance(node, cst.Try):  # try: import x / except ImportError: …
        return all(_is_import_line(s) for s in node.body.body)
    return False


def _is_docstring(node: cst.CSTNode) -> bool:
    return (
        isinstance(node, cst.SimpleStatementLine)
        and len(node.body) == 1
        and isinstance(node.body[0], cst.Expr)
        and isinstance(node.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


class InitPluginLoader(AnsibleCodemod):
    ID = "AN002"
    NAME = "ansible-init-plugin-loader"
    DESCRIPTION = "call init_plugin_loader() once in a program that embeds the executors (2.15+)"
    BREAKS_IN = "2.15"
    TRIGGERS = frozenset({"PlaybookExecutor", "TaskQueueManager"})
    EXAMPLES = (
        Example(
            """
            import os
            from ansible.executor.playbook_executor import PlaybookExecutor

            def run(pb):
                return PlaybookExecutor(playbooks=[pb], inventory=i, variable_manager=v, loader=l, passwords={}).run()
            """,
            """
            import os
            from ansible.executor.playbook_executor import PlaybookExecutor
            from ansible.plugins.loader import init_plugin_loader

            init_plugin_loader()

            def run(pb):
                return PlaybookExecutor(playbooks=[pb], inventory=i, variable_manager=v, loader=l, passwords={}).run()
            """,
        ),
        Example(
            """
            import ansible.executor.task_queue_manager as tqm_mod
            tqm = tqm_mod.TaskQueueManager(inventory=i, variable_manager=v, loader=l, passwords={})
            """,
            """
            import ansible.executor.task_queue_manager as tqm_mod
            from ansible.plugins.loader import init_plugin_loader

            init_plugin_loader()
            tqm = tqm_mod.TaskQueueManager(inventory=i, variable_manager=v, loader=l, passwords={})
            """,
        ),
        # already there
        Example(
            """
            from ansible.plugins.loader import init_plugin_loader
            from ansible.executor.playbook_executor import PlaybookExecutor
            init_plugin_loader()
            PlaybookExecutor([pb], i, v, l, {})
            """
        ),
        # the environment is set up before ansible is imported: nothing ansible goes above it
        Example(
            """
            import os
            os.environ['ANSIBLE_STDOUT_CALLBACK'] = 'audit'
            from ansible.executor.playbook_executor import PlaybookExecutor

            def run(pb):
                return PlaybookExecutor([pb], i, v, l, {}).run()
            """,
            """
            import os
            os.environ['ANSIBLE_STDOUT_CALLBACK'] = 'audit'
            from ansible.executor.playbook_executor import PlaybookExecutor
            from ansible.plugins.loader import init_plugin_loader
            init_plugin_loader()

            def run(pb):
                return PlaybookExecutor([pb], i, v, l, {}).run()
            """,
        ),
        # somebody else's PlaybookExecutor
        Example("class PlaybookExecutor(object):\n    pass\n\nPlaybookExecutor()\n"),
        Example(
            "from ansible.executor.playbook_executor import PlaybookExecutor\nPlaybookExecutor([pb], i, v, l, o, {})\n",
            ansible_target="2.14",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self._insert = False
        self._node = None
        uses_executor, has_init, uses_cli = [], [], []

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.Call):
                if self.callee(node, EXECUTORS):
                    uses_executor.append(node)
                if self.callee(node, {INIT}):
                    has_init.append(node)
            if isinstance(node, (cst.Name, cst.Attribute)):
                if any(q.startswith("ansible.cli.") or q == "ansible.cli" for q in self.qnames(node)):
                    uses_cli.append(node)

        walk(module, fn)
        self._insert = bool(uses_executor) and not has_init and not uses_cli
        self._node = uses_executor[0] if uses_executor else None

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self._insert:
            return updated_node
        body = list(updated_node.body)
        anchor = ansible_import_anchor(updated_node)
        index = 0
        if anchor is not None:
            index = anchor + 1
        else:
            for i, node in enumerate(body):
                if _is_import_line(node):
                    index = i + 1
                elif i == 0 and _is_docstring(node):
                    index = 1
                else:
                    break
        body.insert(index, stmt("init_plugin_loader()\n"))
        self.add_import("ansible.plugins.loader", "init_plugin_loader")
        self.changed(self._node, "A4: init_plugin_loader() inserted after the imports (2.15+ needs it to run tasks)")
        return updated_node.with_changes(body=body)
