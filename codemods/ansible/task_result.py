"""``TaskResult`` private attributes → the public properties of ansible-core 2.19 (map rows C4, B21).

What it does
    In callback classes, on the result argument of ``v2_runner_*`` / ``v2_on_file_diff``
    methods and on any method parameter called ``result``: ``result._host`` →
    ``result.host``, ``result._task`` → ``result.task``, ``result._result`` →
    ``result.result``, ``result._task_fields`` → ``result.task_fields``. Building a
    ``TaskResult`` by hand and ``clean_copy()`` are flagged.

Why
    2.19 gives callbacks a ``CallbackTaskResult`` with public properties; the
    underscore attributes still work but are marked for deprecation (2.23).
    ``TaskResult(host, task, return_data)`` now needs ``task_fields`` and the class is
    final; ``clean_copy()`` is gone.

When it is unsafe
    Only for code that must keep running on ansible-core older than 2.19 (the
    properties do not exist there): that is why this applies from a 2.19 target on.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, callback_classes
from codemods.base import Example

PUBLIC = {"_host": "host", "_task": "task", "_result": "result", "_task_fields": "task_fields"}
TASK_RESULT = {"ansible.executor.task_result.TaskResult"}


class TaskResultProperties(AnsibleCodemod):
    ID = "AN018"
    NAME = "ansible-task-result-properties"
    DESCRIPTION = "result._host/_task/_result/_task_fields → result.host/task/result/task_fields in callbacks"
    BREAKS_IN = "2.19"
    TRIGGERS = frozenset({"_host", "_task", "_result", "_task_fields", "TaskResult", "clean_copy"})
    EXAMPLES = (
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                def v2_runner_on_ok(self, res, **kwargs):
                    self.ok[res._host.get_name()] = (res._task.get_name(), res._result)

                def _record(self, status, result):
                    return result._task_fields.get('action')

                def other(self, x):
                    return x._result
            """,
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                def v2_runner_on_ok(self, res, **kwargs):
                    self.ok[res.host.get_name()] = (res.task.get_name(), res.result)

                def _record(self, status, result):
                    return result.task_fields.get('action')

                def other(self, x):
                    return x._result
            """,
        ),
        Example(
            """
            from ansible.executor.task_result import TaskResult
            tr = TaskResult(host, task, {'changed': True})
            """,
            review=("AN018",),
        ),
        Example(
            """
            class Worker(object):
                def v2_runner_on_ok(self, result):
                    return result._result
            """
        ),
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                def v2_runner_on_ok(self, result):
                    return result._result
            """,
            ansible_target="2.18",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self.callbacks, _ = callback_classes(self, module)
        self.classes: list[bool] = []
        self.params: list[set[str]] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(id(node) in self.callbacks)

    def leave_ClassDef(self, original_node, updated_node):
        self.classes.pop()
        return updated_node

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        names: set[str] = set()
        if self.classes and self.classes[-1]:
            params = [p.name.value for p in node.params.params]
            name = node.name.value
            if len(params) >= 2 and (name.startswith("v2_runner_") or name == "v2_on_file_diff"):
                names.add(params[1])
            names.update(p for p in params if p == "result")
        self.params.append(names)

    def leave_FunctionDef(self, original_node, updated_node):
        self.params.pop()
        return updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        attr = original_node.attr.value
        if (
            attr in PUBLIC
            and self.params
            and isinstance(original_node.value, cst.Name)
            and original_node.value.value in self.params[-1]
        ):
            self.changed(original_node)
            return updated_node.with_changes(attr=cst.Name(PUBLIC[attr]))
        if attr == "clean_copy" and self.params and isinstance(original_node.value, cst.Name) \
                and original_node.value.value in self.params[-1]:
            self.review(original_node, "B21: TaskResult.clean_copy() is gone in 2.19")
        return updated_node

    def visit_Call(self, node: cst.Call) -> None:
        if self.callee(node, TASK_RESULT):
            self.review(node, "B21: TaskResult is the final CallbackTaskResult(host, task, return_data, task_fields) "
                              "in 2.19: task_fields is required; results built by hand need porting")
