"""The 2.1 ``Options`` namedtuple → ``context.CLIARGS = ImmutableDict(...)`` (map rows B12, B8).

What it does
    Finds ``Options = namedtuple('Options', [...])`` (any namedtuple with two or more of
    the fields the 2.1 executors read: connection, forks, module_path, become, check, …)
    and turns each construction into an assignment of the process-wide CLI arguments::

        options = Options(connection='local', module_path='/a:/b', forks=5, tags='x,y', ...)
        →
        context.CLIARGS = ImmutableDict(connection='local', module_path=['/a', '/b'], forks=5,
                                        tags=('x', 'y'), ..., syntax=False, start_at_task=None, ...)

    ``return Options(...)`` becomes the assignment followed by ``return context.CLIARGS``.
    Positional arguments are named from the namedtuple's fields. Values are converted the
    way 2.19 reads them: ``module_path`` ``'a:b'`` → ``['a', 'b']``, ``tags``/``skip_tags``
    ``'a,b'`` → ``('a', 'b')``, ``extra_vars`` list → tuple; a variable gets a run-time
    conversion. Keys 2.19 needs and 2.1 did not (``syntax``, ``start_at_task``, ``check``,
    ``diff``) are added with their 2.1 meaning (off). Reads ``options.forks`` of that
    variable become ``context.CLIARGS['forks']``; the namedtuple definition goes once it
    is unused. ``load_extra_vars(loader, options)`` / ``load_options_vars(options)`` lose
    the ``options`` argument (B8; the version for ``load_options_vars`` is None).

Why
    2.8 replaced the ``options`` object passed to every executor by the global
    ``context.CLIARGS``; the executors no longer accept ``options``. A string
    ``module_path`` or ``tags`` is iterated character by character in 2.19, and a
    missing ``syntax``/``start_at_task`` key raises ``KeyError`` in ``PlaybookExecutor``.

When it is unsafe
    ``context.CLIARGS`` is process-global: two runs with different options in one
    process must each assign it again before building their VariableManager and
    executors (the variable_manager codemod moves the assignment before the
    VariableManager). The variable that held the namedtuple is gone; other uses of it
    (passed to your own functions, ``_replace``) are rewritten to ``context.CLIARGS`` and
    flagged. A missing ``connection`` is flagged: 2.19 then fails every task.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.ansible._api import (
    AnsibleCodemod,
    add_args,
    drop_args,
    expr,
    find_arg,
    kwarg,
    options_bindings,
    options_classes,
    string_value,
    walk,
)
from codemods.base import Example

API_CALLS = {
    "ansible.executor.playbook_executor.PlaybookExecutor",
    "ansible.executor.task_queue_manager.TaskQueueManager",
    "ansible.playbook.play_context.PlayContext",
    "ansible.utils.vars.load_extra_vars",
    "ansible.utils.vars.load_options_vars",
}
LOAD_VARS = {"ansible.utils.vars.load_extra_vars", "ansible.utils.vars.load_options_vars"}
# keys ansible-core reads with [] (KeyError when missing) or whose absence changes behaviour
REQUIRED = (("check", "False"), ("diff", "False"), ("syntax", "False"), ("start_at_task", "None"))
CLIARGS = "context.CLIARGS"


class OptionsToCliargs(AnsibleCodemod):
    ID = "AN012"
    NAME = "ansible-options-cliargs"
    DESCRIPTION = "Options namedtuple → context.CLIARGS = ImmutableDict(...) with 2.19 value types"
    BREAKS_IN = "2.8"
    TRIGGERS = frozenset({"namedtuple", "load_extra_vars", "load_options_vars"})
    EXAMPLES = (
        Example(
            """
            from collections import namedtuple
            from ansible.executor.playbook_executor import PlaybookExecutor
            Options = namedtuple('Options', ['connection', 'module_path', 'forks', 'check', 'tags'])
            options = Options(connection='local', module_path='/opt/lib:/srv/lib', forks=5, check=False, tags='a,b')
            print(options.forks)
            pbex = PlaybookExecutor(playbooks=p, inventory=i, variable_manager=v, loader=l, options=options, passwords={})
            """,
            """
            from ansible.executor.playbook_executor import PlaybookExecutor
            from ansible import context
            from ansible.module_utils.common.collections import ImmutableDict

            context.CLIARGS = ImmutableDict(connection='local', module_path=['/opt/lib', '/srv/lib'], forks=5, check=False, tags=('a', 'b'), diff=False, syntax=False, start_at_task=None)
            print(context.CLIARGS['forks'])
            pbex = PlaybookExecutor(playbooks=p, inventory=i, variable_manager=v, loader=l, options=options, passwords={})
            """,
        ),
        Example(
            """
            import collections
            Opts = collections.namedtuple('Opts', 'connection forks become module_path')

            def build(conn, path):
                return Opts(conn, 10, False, path)
            """,
            """
            import os
            from ansible import context
            from ansible.module_utils.common.collections import ImmutableDict

            def build(conn, path):
                context.CLIARGS = ImmutableDict(connection=conn, forks=10, become=False, module_path=[p for p in (path or '').split(os.pathsep) if p], check=False, diff=False, syntax=False, start_at_task=None)
                return context.CLIARGS
            """,
        ),
        Example(
            """
            from collections import namedtuple
            Options = namedtuple('Options', ['forks', 'become'])
            options = Options(forks=5, become=False)
            helper(options)
            """,
            """
            from ansible import context
            from ansible.module_utils.common.collections import ImmutableDict

            context.CLIARGS = ImmutableDict(forks=5, become=False, check=False, diff=False, syntax=False, start_at_task=None)
            helper(context.CLIARGS)
            """,
            review=("AN012", "AN012"),
        ),
        Example(
            "from ansible.utils.vars import load_extra_vars\nev = load_extra_vars(loader=loader, options=options)\n",
            "from ansible.utils.vars import load_extra_vars\nev = load_extra_vars(loader=loader)\n",
        ),
        Example(
            "from ansible.utils.vars import load_options_vars\nov = load_options_vars(options)\n",
            "from ansible.utils.vars import load_options_vars\nov = load_options_vars(None)\n",
        ),
        # a namedtuple that is not the executors' options
        Example("from collections import namedtuple\nPoint = namedtuple('Point', ['x', 'y'])\np = Point(1, 2)\n"),
        Example(
            "from collections import namedtuple\nOptions = namedtuple('Options', ['connection', 'forks'])\n"
            "options = Options(connection='local', forks=5)\n",
            ansible_target="2.7",
        ),
    )

    # -- analysis ------------------------------------------------------------------------
    def analyze(self, module: cst.Module) -> None:
        self.classes = options_classes(self, module)
        self.bindings = options_bindings(self, module, self.classes)
        self.class_defs: set[int] = set()  # id() of the Assign statements defining the classes
        self.doomed: set[int] = set()
        self.quiet_refs: set[int] = set()  # bare references that the executors codemods drop
        other_class_refs = []

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
                if self.qnames(node.targets[0].target) & set(self.classes):
                    self.class_defs.add(id(node))
            if isinstance(node, cst.Call) and self.callee(node, API_CALLS):
                for arg in node.args:
                    self.quiet_refs.add(id(arg.value))
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "set_options":
                for arg in node.args:
                    self.quiet_refs.add(id(arg.value))
            if isinstance(node, cst.Name) and self.qnames(node) & set(self.classes):
                other_class_refs.append(node)

        walk(module, fn)
        self.drop_class = True
        # the class stays if it is used other than by being called (isinstance, _make, …)
        calls: set[int] = set()

        def calls_fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.Call) and self.callee(node, self.classes):
                calls.add(id(node.func))

        walk(module, calls_fn)
        defs_targets = set()

        def defs_fn(node: cst.CSTNode) -> None:
            if id(node) in self.class_defs:
                defs_targets.add(id(node.targets[0].target))

        walk(module, defs_fn)
        leftover = [n for n in other_class_refs if id(n) not in calls and id(n) not in defs_targets]
        self.drop_class = not leftover

    # -- the construction --------------------------------------------------------------------
    def _fields(self, call: cst.Call) -> Optional[list[str]]:
        q = self.callee(call, self.classes)
        return self.classes.get(q) if q else None

    def _cliargs(self, original: cst.Call, call: cst.Call) -> cst.Call:
        fields = self._fields(original) or []
        pos = 0
        args: list[cst.Arg] = []
        seen = set()
        no_space = cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(""))
        for o_arg, arg in zip(original.args, call.args):
            if arg.star:
                args.append(arg)
                seen.add("**")
                continue
            if arg.keyword is None:
                if pos >= len(fields):
                    self.review(o_arg, "B12: positional Options argument beyond the namedtuple's fields")
                    continue
                name = fields[pos]
                pos += 1
                arg = arg.with_changes(keyword=cst.Name(name), equal=no_space)
            else:
                name = arg.keyword.value
            seen.add(name)
            args.append(arg.with_changes(value=self._convert(name, arg.value, o_arg)))
        new = call.with_changes(func=cst.Name("ImmutableDict"), args=args)
        if "**" not in seen:
            new = add_args(new, [kwarg(key, expr(default)) for key, default in REQUIRED if key not in seen])
            if "connection" not in seen:
                self.review(original, "B12: no 'connection' in the options: ansible-core 2.19 fails every task with "
                                      "'A non-empty plugin name is required' unless it is set (e.g. connection='local')")
        self.add_import("ansible", "context")
        self.add_import("ansible.module_utils.common.collections", "ImmutableDict")
        return new

    def _convert(self, name: str, value: cst.BaseExpression, where: cst.CSTNode) -> cst.BaseExpression:
        text = string_value(value)
        if isinstance(value, cst.Name) and value.value == "None":
            return value
        if name == "module_path":
            if text is not None:
                return cst.List([cst.Element(cst.SimpleString(repr(p))) for p in text.split(":") if p]) if text else expr("None")
            if not isinstance(value, (cst.List, cst.Tuple)):
                # 2.1 split it with os.pathsep itself, so it was a string (or None)
                self.add_import("os")
                spelled = cst.Module([]).code_for_node(value)
                if not isinstance(value, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)):
                    spelled = f"({spelled})"
                return expr(f"[p for p in ({spelled} or '').split(os.pathsep) if p]")
        elif name in ("tags", "skip_tags"):
            if text is not None:
                parts = [p.strip() for p in text.split(",") if p.strip()]
                return expr("(" + ", ".join(repr(p) for p in parts) + ("," if len(parts) == 1 else "") + ")")
            if isinstance(value, (cst.Name, cst.Attribute)):
                spelled = cst.Module([]).code_for_node(value)
                return expr(f"tuple({spelled}.split(',')) if isinstance({spelled}, str) else {spelled}")
            if not isinstance(value, (cst.List, cst.Tuple)):
                self.review(where, f"B12: {name} must be a list or tuple in ansible-core (a string becomes a set of characters)")
        elif name == "extra_vars" and isinstance(value, cst.List):
            return cst.Tuple(value.elements if len(value.elements) != 1 else
                             [value.elements[0].with_changes(comma=cst.Comma())])
        elif name == "connection" and text == "smart" and self.at_least("2.20"):
            return cst.SimpleString("'ssh'")
        return value

    # -- statements ----------------------------------------------------------------------
    def leave_Module(self, original_node, updated_node):
        return updated_node.with_changes(body=self._drop_doomed(updated_node.body))

    def leave_IndentedBlock(self, original_node, updated_node):
        body = self._drop_doomed(updated_node.body)
        return updated_node.with_changes(body=body or [cst.SimpleStatementLine([cst.Pass()])])

    def _drop_doomed(self, body) -> list:
        out, lead = [], []
        for s in body:
            if id(s) in getattr(self, "doomed", ()):
                lead.extend(s.leading_lines)
                continue
            if lead:
                s = s.with_changes(leading_lines=[*lead, *s.leading_lines])
                lead = []
            out.append(s)
        return out

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if len(original_node.body) != 1 or len(updated_node.body) != 1:
            return updated_node
        o_small, small = original_node.body[0], updated_node.body[0]
        if isinstance(o_small, cst.Assign) and id(o_small) in self.class_defs:
            if self.drop_class:
                self.changed(o_small)
                self.remove_import("collections", "namedtuple")
                self.remove_import("collections")
                self.doomed.add(id(updated_node))  # removed by the block, which keeps its comments
            return updated_node
        if isinstance(o_small, cst.Assign) and len(o_small.targets) == 1 and self._fields(o_small.value) is not None:
            self.changed(o_small)
            value = self._cliargs(o_small.value, small.value)
            return updated_node.with_changes(body=[cst.Assign(targets=[cst.AssignTarget(expr(CLIARGS))], value=value)])
        if isinstance(o_small, cst.Return) and o_small.value is not None and self._fields(o_small.value) is not None:
            self.changed(o_small)
            value = self._cliargs(o_small.value, small.value)
            return cst.FlattenSentinel([
                updated_node.with_changes(body=[cst.Assign(targets=[cst.AssignTarget(expr(CLIARGS))], value=value)]),
                cst.SimpleStatementLine(body=[cst.Return(value=expr(CLIARGS))]),
            ])
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        which = self.callee(original_node, LOAD_VARS)
        if which:
            if which.endswith("load_extra_vars"):
                drop = [a for a in [find_arg(original_node, "options", 1)] if a is not None]
                if drop:
                    self.changed(original_node)
                    return drop_args(updated_node, [updated_node.args[original_node.args.index(a)] for a in drop])
            else:
                arg = find_arg(original_node, "options", 0)
                if arg is not None:
                    self.changed(original_node)
                    new = cst.Arg(value=expr("None"), comma=arg.comma)
                    return updated_node.with_changes(
                        args=[new if o is arg else u for o, u in zip(original_node.args, updated_node.args)]
                    )
            return updated_node
        return updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if isinstance(original_node.value, cst.Name) and self.qnames(original_node.value) & self.bindings:
            if original_node.attr.value.startswith("_"):
                self.review(original_node, f"B12: options.{original_node.attr.value}: the options object is now "
                                           "context.CLIARGS, an immutable mapping")
                return updated_node
            self.changed(original_node)
            return expr(f"{CLIARGS}[{original_node.attr.value!r}]")
        return updated_node

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return not (isinstance(node.value, cst.Name) and self.qnames(node.value) & self.bindings)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name):
        if self.qnames(original_node) & self.bindings and id(original_node) not in self.quiet_refs:
            if not self._is_target(original_node):
                self.review(original_node, "B12: the options object is now context.CLIARGS, an immutable mapping: "
                                           "read keys with ['key'] where it is used")
                return expr(CLIARGS)
        return updated_node

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._targets = getattr(self, "_targets", set())
        walk(node, lambda n: self._targets.add(id(n)))

    def _is_target(self, node: cst.CSTNode) -> bool:
        return id(node) in getattr(self, "_targets", set())
