"""Action and connection plugin internals that changed (map rows H1–H5).

What it does
    In classes derived from ``ActionBase`` (``ansible.plugins.action``):

    * H1 — ``self._task.async`` (which the lift turns into ``self._task.async_``, because
      ``async`` is a keyword in Python 3.7+) → ``self._task.async_val``; also
      ``getattr(task, 'async')``.
    * H2 — ``self._remote_chmod(mode, path, sudoable=…)`` → ``self._remote_chmod([path], mode, sudoable=…)``
      (a ``recursive=`` argument is flagged).
    * H3 — ``self._fixup_perms(path, user, execute=…, recursive=…)`` →
      ``self._fixup_perms2([path], user, execute=…)``; ``execute`` defaulted to False
      in 2.1 and to True now, so the 2.1 default is written out.
    * H4 — ``self._execute_module(..., tmp=…, delete_remote_tmp=…)`` loses both keywords
      (also ``tmp`` passed as the 3rd positional argument).
    * H5 — a ``ConnectionBase`` subclass using ``new_stdin`` / ``self._new_stdin`` is flagged.

Why
    ``Task.async`` became ``async_val`` in 2.5 (``x.async`` is a SyntaxError on Python 3.7+);
    ``_remote_chmod`` swapped its arguments and takes a list since 2.2; ``_fixup_perms``
    was removed in 2.7; ``tmp`` is ignored with a warning since 2.5; ``new_stdin`` is gone
    in 2.19.

When it is unsafe
    A non-default ``recursive`` has no equivalent: flagged.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import (
    AnsibleCodemod,
    add_args,
    drop_args,
    expr,
    find_arg,
    kwarg,
    positional,
    string_value,
    walk,
)
from codemods.base import Example
from codemods.names import dotted


def _self_method(node: cst.Call, name: str) -> bool:
    return (isinstance(node.func, cst.Attribute) and node.func.attr.value == name
            and isinstance(node.func.value, cst.Name) and node.func.value.value == "self")


class ActionPluginCalls(AnsibleCodemod):
    ID = "AN060"
    NAME = "ansible-action-plugin-internals"
    DESCRIPTION = "action/connection plugins: task.async, _remote_chmod, _fixup_perms, _execute_module(tmp=), new_stdin"
    BREAKS_IN = "2.2"
    TRIGGERS = frozenset({"ActionBase", "ConnectionBase", "async_", "async"})
    EXAMPLES = (
        Example(
            """
            from ansible.plugins.action import ActionBase

            class ActionModule(ActionBase):
                def run(self, tmp=None, task_vars=None):
                    if self._task.async:
                        pass
                    self._remote_chmod('0755', tmp_src, sudoable=True)
                    self._fixup_perms(tmp, remote_user, recursive=True)
                    return self._execute_module(module_name='copy', module_args=args, tmp=tmp, task_vars=task_vars,
                                                delete_remote_tmp=False)
            """,
            """
            from ansible.plugins.action import ActionBase

            class ActionModule(ActionBase):
                def run(self, tmp=None, task_vars=None):
                    if self._task.async_val:
                        pass
                    self._remote_chmod([tmp_src], '0755', sudoable=True)
                    self._fixup_perms2([tmp], remote_user, execute=False)
                    return self._execute_module(module_name='copy', module_args=args, task_vars=task_vars)
            """,
        ),
        Example(
            """
            from ansible.plugins.action import ActionBase

            class ActionModule(ActionBase):
                def run(self, tmp=None, task_vars=None):
                    self._remote_chmod('0700', path, recursive=False)
            """,
            review=("AN060",),
        ),
        Example(
            """
            from ansible.plugins.connection import ConnectionBase

            class Connection(ConnectionBase):
                def __init__(self, play_context, new_stdin, *args, **kwargs):
                    super(Connection, self).__init__(play_context, new_stdin, *args, **kwargs)
            """,
            review=("AN060",),
        ),
        Example(
            """
            class Helper(object):
                def go(self):
                    self._remote_chmod('0755', 'x')
            """
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self.actions: set[int] = set()
        self.connections: list[cst.ClassDef] = []

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.ClassDef):
                for base in node.bases:
                    names = self.qnames(base.value)
                    if any(q.startswith("ansible.plugins.action") for q in names):
                        self.actions.add(id(node))
                    if any(q.startswith("ansible.plugins.connection") for q in names):
                        self.connections.append(node)

        walk(module, fn)
        for cls in self.connections:
            used = []
            walk(cls, lambda n: used.append(n) if isinstance(n, cst.Name) and n.value in ("new_stdin", "_new_stdin")
                 else None)
            if used and self.at_least("2.19"):
                self.review(cls, "H5: ConnectionBase.__init__(play_context, *args, **kwargs) has no new_stdin in 2.19 "
                                 "and self._new_stdin is gone: exec_command(cmd, in_data=None, sudoable=True)")
        self.stack: list[bool] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.stack.append(id(node) in self.actions)

    def leave_ClassDef(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    @property
    def _in_action(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if self._in_action and original_node.attr.value in ("async_", "async") and self.at_least("2.5") \
                and (dotted(original_node.value) or "").endswith("task"):
            self.changed(original_node)
            return updated_node.with_changes(attr=cst.Name("async_val"))
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if not self._in_action:
            return updated_node
        if len(original_node.args) != len(updated_node.args):
            return updated_node  # another codemod changed the arguments first
        index = {id(o): u for o, u in zip(original_node.args, updated_node.args)}
        if _self_method(original_node, "getattr") or (
                isinstance(original_node.func, cst.Name) and original_node.func.value == "getattr"
                and len(original_node.args) == 2 and string_value(original_node.args[1].value) == "async"
                and self.at_least("2.5")):
            self.changed(original_node)
            return cst.Attribute(value=updated_node.args[0].value, attr=cst.Name("async_val"))
        if _self_method(original_node, "_remote_chmod"):
            pos = positional(original_node)
            mode = find_arg(original_node, "mode", 0)
            path = find_arg(original_node, "path", 1)
            if mode is None or path is None or find_arg(original_node, "paths") is not None:
                return updated_node
            if isinstance(mode.value, (cst.List, cst.Tuple, cst.ListComp)):
                return updated_node  # already (paths, mode)
            recursive = find_arg(original_node, "recursive", 2 if len(pos) > 2 else None)
            if recursive is not None:
                self.review(original_node, "H2: _remote_chmod has no recursive argument since 2.2")
                return updated_node
            rest = [index[id(a)] for a in original_node.args if a is not mode and a is not path]
            new_args = [cst.Arg(cst.List([cst.Element(index[id(path)].value)])), cst.Arg(index[id(mode)].value)]
            self.changed(original_node)
            return add_args(updated_node.with_changes(args=[]), new_args + [a.with_changes(comma=cst.MaybeSentinel.DEFAULT)
                                                                             for a in rest])
        if _self_method(original_node, "_fixup_perms") and self.at_least("2.7"):
            path = find_arg(original_node, "remote_path", 0)
            if path is None:
                return updated_node
            recursive = find_arg(original_node, "recursive", 3)
            drop = [index[id(recursive)]] if recursive is not None else []
            if recursive is not None and not (isinstance(recursive.value, cst.Name) and recursive.value.value == "True"):
                self.review(original_node, "H3: _fixup_perms2 has no recursive argument")
            call = drop_args(updated_node, drop)
            call = call.with_changes(func=call.func.with_changes(attr=cst.Name("_fixup_perms2")), args=[
                a.with_changes(value=cst.List([cst.Element(a.value)])) if a is index[id(path)] else a for a in call.args])
            if find_arg(original_node, "execute", 2) is None:
                call = add_args(call, [kwarg("execute", expr("False"))])
            self.changed(original_node)
            return call
        if _self_method(original_node, "_execute_module") and self.at_least("2.5"):
            drop = []
            tmp = find_arg(original_node, "tmp", 2)
            if tmp is not None:
                drop.append(index[id(tmp)])
            keep_pos = tmp is not None and tmp.keyword is None
            delete = find_arg(original_node, "delete_remote_tmp", 5 if not keep_pos else None)
            if delete is not None and self.at_least("2.19"):
                drop.append(index[id(delete)])
            if keep_pos:
                # positional arguments after tmp would shift: name them
                names = ["module_name", "module_args", "tmp", "task_vars", "persist_files", "delete_remote_tmp"]
                args = []
                for i, a in enumerate(updated_node.args):
                    o = original_node.args[i]
                    if o.keyword is None and not o.star and i < len(names) and i > 2:
                        a = a.with_changes(keyword=cst.Name(names[i]), equal=cst.AssignEqual(
                            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))
                    args.append(a)
                updated_node = updated_node.with_changes(args=args)
                if len(original_node.args) != len(updated_node.args):
                    return updated_node  # another codemod changed the arguments first
                index = {id(o): u for o, u in zip(original_node.args, updated_node.args)}
                drop = [index[id(tmp)]] + ([index[id(delete)]] if delete is not None and self.at_least("2.19") else [])
            if drop:
                self.changed(original_node)
                return drop_args(updated_node, drop)
        return updated_node
