"""``PlaybookExecutor`` / ``TaskQueueManager`` signatures and custom stdout callbacks (map rows B13, B14, B15, C11).

What it does
    * ``PlaybookExecutor(..., options=o, ...)`` (keyword or 5th positional) and
      ``TaskQueueManager(..., options=o, ...)`` (4th positional) lose ``options``; the TQM
      gets ``forks=`` (from ``context.CLIARGS`` when ``o`` became it, else ``o.forks``),
      because its default is 5, not the configured forks. A dropped ``options``
      expression that does something (``options=build_options()``) is kept as a
      statement before the call.
    * ``TaskQueueManager(stdout_callback='name')`` → ``stdout_callback_name='name'``
      (the 2.1 callbacks that moved to collections get their FQCN, C11).
    * A callback *instance* — ``TaskQueueManager(stdout_callback=cb)`` in
      ``tqm = TaskQueueManager(...)``, or the 2.x hack ``pbex._tqm._stdout_callback = cb`` —
      becomes the recipe that works on 2.19::

          add_all_plugin_dirs(os.path.dirname(os.path.abspath(playbook)))  # PlaybookExecutor only
          tqm.load_callbacks()
          cb._init_callback_methods()
          cb.set_options()
          tqm._callback_plugins[0] = cb

      (``load_callbacks`` loads the configured stdout callback and the other enabled
      callbacks, then the instance takes the stdout slot; ``run()`` keeps the list. For a
      ``PlaybookExecutor`` built with a literal list of playbooks, each playbook's folder is
      added to the plugin loaders first — ``PlaybookExecutor.run()`` does that only when it
      loads the playbook, after this ``load_callbacks()``, so callbacks in the playbook's
      ``callback_plugins/`` would be missing; with another playbooks expression a review
      says so.)

Why
    ``options`` left both signatures in 2.8 (``context.CLIARGS`` replaced it). 2.19.0
    renamed ``stdout_callback`` to ``stdout_callback_name`` and accepts only a plugin name
    (``TypeError`` otherwise); without ``_init_callback_methods()`` an instance gets no
    events at all.

When it is unsafe
    The recipe uses private attributes of the TaskQueueManager: every use is flagged
    for review. A dropped ``options`` that did not come from the ``Options`` namedtuple
    is flagged: its settings must reach ``context.CLIARGS``.
"""
from __future__ import annotations


import libcst as cst

from codemods.ansible._api import (
    AnsibleCodemod,
    code_of,
    drop_args,
    expr,
    find_arg,
    has_side_effects,
    kwarg,
    options_bindings,
    options_classes,
    positional,
    stmt,
    string_value,
    walk,
)
from codemods.base import Example
from codemods.names import dotted

PBEX = "ansible.executor.playbook_executor.PlaybookExecutor"
TQM = "ansible.executor.task_queue_manager.TaskQueueManager"
MOVED_CALLBACKS = {
    **{n: "ansible.posix." + n for n in ("json", "profile_tasks", "timer", "skippy")},
    **{n: "community.general." + n for n in (
        "mail", "slack", "hipchat", "log_plays", "logentries", "syslog_json", "osx_say", "actionable", "context_demo")},
}
REVIEW_B15 = ("B15: the callback instance is installed through private TaskQueueManager attributes "
              "(_init_callback_methods, _callback_plugins): there is no public way in ansible-core 2.19")


def _plugin_dirs(playbooks: list[str]) -> list[cst.BaseStatement]:
    """``add_all_plugin_dirs(<folder of each playbook>)``: what ``Playbook.load()`` does in
    ``PlaybookExecutor.run()`` — needed before ``load_callbacks()``, or a callback plugin in the
    playbook's ``callback_plugins/`` is not loaded (``load_callbacks`` runs once per TQM)."""
    return [stmt(f"add_all_plugin_dirs(os.path.dirname(os.path.abspath({pb})))\n") for pb in playbooks]


def _recipe(tqm: str, cb: str, playbooks: list[str] = ()) -> list[cst.BaseStatement]:
    return [
        *_plugin_dirs(list(playbooks)),
        stmt(f"{tqm}.load_callbacks()\n"),
        stmt(f"{cb}._init_callback_methods()\n"),
        stmt(f"{cb}.set_options()\n"),
        stmt(f"{tqm}._callback_plugins[0] = {cb}\n"),
    ]


class ExecutorSignatures(AnsibleCodemod):
    ID = "AN013"
    NAME = "ansible-executor-signatures"
    DESCRIPTION = "PlaybookExecutor/TaskQueueManager: drop options, forks=, stdout_callback → name or instance recipe"
    BREAKS_IN = "2.8"
    TRIGGERS = frozenset({"PlaybookExecutor", "TaskQueueManager", "_stdout_callback"})
    EXAMPLES = (
        Example(
            """
            from ansible.executor.playbook_executor import PlaybookExecutor
            pbex = PlaybookExecutor(playbooks=[pb], inventory=inv, variable_manager=vm, loader=loader,
                                    options=options, passwords={})
            pbex._tqm._stdout_callback = collector
            """,
            """
            from ansible.executor.playbook_executor import PlaybookExecutor
            import os
            from ansible.plugins.loader import add_all_plugin_dirs

            pbex = PlaybookExecutor(playbooks=[pb], inventory=inv, variable_manager=vm, loader=loader,
                                    passwords={})
            add_all_plugin_dirs(os.path.dirname(os.path.abspath(pb)))
            pbex._tqm.load_callbacks()
            collector._init_callback_methods()
            collector.set_options()
            pbex._tqm._callback_plugins[0] = collector
            """,
            review=("AN013", "AN013"),
        ),
        Example(
            """
            from ansible.executor.playbook_executor import PlaybookExecutor

            def run(settings):
                return PlaybookExecutor([pb], inv, vm, loader, build_options(settings), {}).run()
            """,
            """
            from ansible.executor.playbook_executor import PlaybookExecutor

            def run(settings):
                build_options(settings)
                return PlaybookExecutor([pb], inv, vm, loader, {}).run()
            """,
            review=("AN013",),
        ),
        Example(
            """
            from collections import namedtuple
            from ansible.executor.task_queue_manager import TaskQueueManager
            Options = namedtuple('Options', ['connection', 'forks'])
            options = Options(connection='local', forks=10)
            tqm = TaskQueueManager(inventory=inv, variable_manager=vm, loader=loader, options=options,
                                   passwords=passwords, stdout_callback=results_callback)
            """,
            """
            from collections import namedtuple
            from ansible.executor.task_queue_manager import TaskQueueManager
            from ansible import context

            Options = namedtuple('Options', ['connection', 'forks'])
            options = Options(connection='local', forks=10)
            tqm = TaskQueueManager(inventory=inv, variable_manager=vm, loader=loader,
                                   passwords=passwords, forks=context.CLIARGS.get('forks'))
            tqm.load_callbacks()
            results_callback._init_callback_methods()
            results_callback.set_options()
            tqm._callback_plugins[0] = results_callback
            """,
            review=("AN013",),
        ),
        Example(
            """
            import ansible.executor.task_queue_manager as q
            tqm = q.TaskQueueManager(inventory=inv, variable_manager=vm, loader=loader, options=opts,
                                     passwords={}, stdout_callback='json')
            """,
            """
            import ansible.executor.task_queue_manager as q
            tqm = q.TaskQueueManager(inventory=inv, variable_manager=vm, loader=loader,
                                     passwords={}, stdout_callback_name='ansible.posix.json', forks=opts.forks)
            """,
            review=("AN013", "AN013"),
        ),
        # somebody else's executor
        Example("class PlaybookExecutor(object):\n    pass\n\nPlaybookExecutor(options=o)\n"),
        Example(
            "from ansible.executor.playbook_executor import PlaybookExecutor\nPlaybookExecutor([p], i, v, l, o, {})\n",
            ansible_target="2.7",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        classes = options_classes(self, module)
        self.bindings = options_bindings(self, module, classes)
        self.classes = set(classes)
        self.factories: set[str] = set()

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.FunctionDef):
                def ret(n: cst.CSTNode) -> None:
                    if isinstance(n, cst.Return) and n.value is not None and self.callee(n.value, self.classes):
                        self.factories.update(self.qnames(node.name) or {node.name.value})
                walk(node.body, ret)

        walk(module, fn)
        self.frames: list[dict] = []

    def _converted(self, value: cst.BaseExpression) -> bool:
        if isinstance(value, cst.Name):
            return bool(self.qnames(value) & self.bindings)
        if isinstance(value, cst.Call):
            return bool(self.callee(value, self.classes) or self.callee(value, self.factories))
        return False

    # -- statement frames ---------------------------------------------------------------
    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.frames.append({"before": [], "after": [], "replace": None})

    def leave_SimpleStatementLine(self, original_node, updated_node):
        frame = self.frames.pop()
        if frame["replace"] is not None:
            lines = frame["before"] + frame["replace"]
            lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines)
            return cst.FlattenSentinel(lines)
        if not frame["before"] and not frame["after"]:
            return updated_node
        lines = frame["before"] + [updated_node] + frame["after"]
        if frame["before"]:
            lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines)
            lines[len(frame["before"])] = updated_node.with_changes(leading_lines=())
        return cst.FlattenSentinel(lines)

    def _hoist(self, original: cst.CSTNode, value: cst.BaseExpression) -> bool:
        if not self.frames:
            self.review(original, "B13: the dropped options expression has side effects and could not be kept")
            return False
        self.frames[-1]["before"].append(cst.SimpleStatementLine(body=[cst.Expr(value)]))
        return True

    # -- calls ---------------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        which = self.callee(original_node, {PBEX, TQM})
        if which is None:
            return updated_node
        pos_index = 4 if which == PBEX else 3
        o_opt = find_arg(original_node, "options")
        if o_opt is None and len(positional(original_node)) > pos_index + 1:
            o_opt = positional(original_node)[pos_index]
        if len(original_node.args) != len(updated_node.args):
            return updated_node  # another codemod changed the arguments first
        index = {id(o): u for o, u in zip(original_node.args, updated_node.args)}
        drop: list[cst.Arg] = []
        add: list[cst.Arg] = []
        call = updated_node
        if o_opt is not None:
            drop.append(index[id(o_opt)])
            converted = self._converted(o_opt.value)
            if has_side_effects(o_opt.value):
                self._hoist(o_opt, index[id(o_opt)].value)
            if not converted:
                self.review(o_opt, "B12/B13: the options object is no longer passed to the executors; its settings "
                                   "must be in context.CLIARGS before the VariableManager and executors are built")
            if which == TQM and find_arg(original_node, "forks") is None:
                if converted:
                    self.add_import("ansible", "context")
                    add.append(kwarg("forks", expr("context.CLIARGS.get('forks')")))
                elif isinstance(o_opt.value, (cst.Name, cst.Attribute)):
                    add.append(kwarg("forks", expr(code_of(index[id(o_opt)].value) + ".forks")))
        if which == TQM:
            o_cb = find_arg(original_node, "stdout_callback", 5 if o_opt is not None else None)
            if o_cb is not None:
                drop.append(index[id(o_cb)])
                name = string_value(o_cb.value)
                if name is not None:
                    if name in MOVED_CALLBACKS:
                        self.review(o_cb, f"C11: the '{name}' callback moved to a collection: install "
                                          f"{MOVED_CALLBACKS[name].rpartition('.')[0]}")
                        name = MOVED_CALLBACKS[name]
                    add.insert(0, kwarg("stdout_callback_name", cst.SimpleString(repr(name))))
                elif not self._install_instance(original_node, index[id(o_cb)].value):
                    drop.remove(index[id(o_cb)])
        if not drop and not add:
            return updated_node
        self.changed(original_node)
        call = drop_args(call, drop)
        if add:
            from codemods.ansible._api import add_args

            call = add_args(call, add)
        return call

    def _install_instance(self, original_call: cst.Call, cb: cst.BaseExpression) -> bool:
        """TQM(stdout_callback=<instance>) inside ``x = TaskQueueManager(...)``: recipe after it."""
        target = self._assigned_to.get(id(original_call)) if hasattr(self, "_assigned_to") else None
        if target is None or not self.frames:
            self.review(original_call, "B15: stdout_callback is an instance: build the TaskQueueManager in an "
                                       "assignment and install the instance with the load_callbacks recipe")
            return False
        frame = self.frames[-1]
        cb_code = code_of(cb)
        if has_side_effects(cb):
            frame["before"].append(cst.SimpleStatementLine(body=[cst.Assign([cst.AssignTarget(cst.Name("stdout_callback"))], cb)]))
            cb_code = "stdout_callback"
        frame["after"].extend(_recipe(target, cb_code))
        self.review(original_call, REVIEW_B15)
        return True

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.value, cst.Call):
            spelled = dotted(node.targets[0].target)
            if spelled:
                self._assigned_to = getattr(self, "_assigned_to", {})
                self._assigned_to[id(node.value)] = spelled
                if self.callee(node.value, {PBEX}) is not None:
                    self._playbooks = getattr(self, "_playbooks", {})
                    self._playbooks[spelled] = find_arg(node.value, "playbooks", 0)

    def _playbook_dirs(self, original: cst.CSTNode, tqm: str) -> list[str]:
        """The playbook expressions of the PlaybookExecutor whose ``_tqm`` is ``tqm``."""
        owner, _, attr = tqm.rpartition(".")
        if attr != "_tqm" or owner not in getattr(self, "_playbooks", {}):
            return []
        arg = self._playbooks[owner]
        value = arg.value if arg is not None else None
        if isinstance(value, (cst.List, cst.Tuple)) and value.elements and all(
                isinstance(e, cst.Element) and not has_side_effects(e.value) for e in value.elements):
            self.add_import("os")
            self.add_import("ansible.plugins.loader", "add_all_plugin_dirs")
            return [code_of(e.value) for e in value.elements]
        self.review(original, "B15: call add_all_plugin_dirs(<playbook folder>) before load_callbacks(), or the "
                              "playbook's callback_plugins/ are not loaded (PlaybookExecutor.run() adds them later)")
        return []

    # -- pbex._tqm._stdout_callback = cb ------------------------------------------------------
    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign):
        if len(original_node.targets) != 1:
            return updated_node
        target = original_node.targets[0].target
        if not (isinstance(target, cst.Attribute) and target.attr.value == "_stdout_callback"):
            return updated_node
        tqm = dotted(target.value)
        if tqm is None or not self.frames:
            self.review(original_node, "B15: _stdout_callback no longer exists: install the callback with the "
                                       "load_callbacks recipe")
            return updated_node
        frame = self.frames[-1]
        cb = updated_node.value
        cb_code = code_of(cb)
        before = []
        if has_side_effects(cb):
            before.append(cst.SimpleStatementLine(body=[cst.Assign([cst.AssignTarget(cst.Name("stdout_callback"))], cb)]))
            cb_code = "stdout_callback"
        frame["before"].extend(before)
        frame["replace"] = _recipe(tqm, cb_code, self._playbook_dirs(original_node, tqm))
        self.changed(original_node)
        self.review(original_node, REVIEW_B15)
        return updated_node
