"""Keep the program's SIGTERM/SIGINT handlers when it builds a PlaybookExecutor or TaskQueueManager in process.

What it does
    Finds every construction of ``PlaybookExecutor(...)`` or ``TaskQueueManager(...)``
    (matched by qualified name, so ``import ... as`` works and look-alikes are left
    alone) and wraps the statement that builds it in a save/restore of the SIGTERM and
    SIGINT handlers::

        saved_sigterm = signal.getsignal(signal.SIGTERM)
        saved_sigint = signal.getsignal(signal.SIGINT)
        try:
            pbex = PlaybookExecutor(...)
        finally:
            signal.signal(signal.SIGTERM, saved_sigterm)
            signal.signal(signal.SIGINT, saved_sigint)

    ``import signal`` is added when the module has none. When the executor is built
    and run in one statement (``rc = PlaybookExecutor(...).run()``, ``return
    TaskQueueManager(...).run(play)``, or the same as an expression statement), the
    construction is first split into a statement of its own (``executor = ...``), so that
    the run itself happens under the program's handlers too. This covers ``pbex.run()``
    after ``pbex = PlaybookExecutor(...)`` in the same or in another function: the
    handlers are replaced when the executor is *built*, not when it runs.

Why
    Since ansible-core 2.19 (the 2.19 backport of ansible/ansible#85907, and 2.20)
    ``TaskQueueManager.__init__`` — also called by ``PlaybookExecutor.__init__`` —
    installs its own SIGTERM/SIGINT handlers in the calling process and never puts the
    old ones back. Inside a server worker that silently replaces the server's graceful
    shutdown handler (gunicorn's ``handle_exit``): from the first deploy on, a SIGTERM
    to the worker (stop, HUP, ``max_requests``) kills it at once and cuts off the
    requests in flight, including a deploy that is half done. Put back right after the
    construction, the server's handler is in effect for the whole run, so a SIGTERM lets
    the current deploy finish. ansible-core's worker processes install their own
    handlers first thing in ``WorkerProcess.run()``, so they still stop on SIGTERM.

When it is unsafe
    * The TaskQueueManager's handler is what forwards a SIGTERM/SIGINT to the worker
      processes (each in its own session since 2.19). Without it, workers of a run whose
      parent is killed outright (SIGKILL after a graceful timeout) finish their current
      task before they exit. A program that *wants* Ansible's behaviour (a CLI) should
      not take this rewrite (``--ignore AN900``).
    * ``signal.signal`` works only in the main thread. Built in any other thread
      (gthread workers, thread pools), the constructor already raises ``ValueError`` and
      the restore raises it again: such code must run the playbook in a subprocess or
      on the main thread (the checker flags it); this rewrite does not make it work.
    * A construction that is not a statement of its own — in the header of an ``if``,
      ``while``, ``for`` or ``with``, in a lambda, a default argument, a one-line
      ``if x: y`` body — is reported for review and left alone.
    * Only SIGTERM and SIGINT are kept: they are the two ansible-core replaces.
"""
from __future__ import annotations

from typing import Iterator, Optional

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, stmt
from codemods.base import Example
from codemods.names import dotted

EXECUTORS = frozenset({
    "ansible.executor.playbook_executor.PlaybookExecutor",
    "ansible.executor.task_queue_manager.TaskQueueManager",
})
SAVED = ("SIGTERM", "SIGINT")
COMMENT = "# ansible-core >= 2.19: building the executor replaces these handlers; keep ours (AN900)"
REVIEW = ("the executor is not built in a statement of its own: save the SIGTERM/SIGINT handlers "
          "(signal.getsignal) before it is built and put them back (signal.signal) in a finally block")


def _nodes(node: cst.CSTNode, skip_lambdas: bool = True) -> Iterator[cst.CSTNode]:
    """``node`` and everything under it (not into lambdas: they run later)."""
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        if skip_lambdas and isinstance(n, cst.Lambda):
            continue
        todo.extend(reversed(n.children))


def _restores_sigterm(finalbody: Optional[cst.Finally]) -> bool:
    """The ``finally`` block calls ``signal.signal(<...>SIGTERM, ...)`` (any spelling of the module)."""
    if finalbody is None:
        return False
    for n in _nodes(finalbody):
        if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "signal" and n.args:
            first = dotted(n.args[0].value) or ""
            if first.split(".")[-1] == "SIGTERM":
                return True
    return False


def _identifiers(module: cst.Module) -> set[str]:
    """Every variable-like name of the module (not attribute names, not imported module paths)."""
    skip: set[int] = set()
    out: set[str] = set()
    for n in _nodes(module, skip_lambdas=False):
        if isinstance(n, cst.Attribute):
            skip.add(id(n.attr))
        elif isinstance(n, cst.ImportFrom):
            if n.module is not None:
                skip.update(id(x) for x in _nodes(n.module))
            if not isinstance(n.names, cst.ImportStar):
                for alias in n.names:
                    if alias.asname is not None:
                        skip.update(id(x) for x in _nodes(alias.name))
        elif isinstance(n, cst.Import):
            for alias in n.names:
                if alias.asname is not None or isinstance(alias.name, cst.Attribute):
                    skip.update(id(x) for x in _nodes(alias.name))
                    if alias.asname is None:
                        out.add(dotted(alias.name).split(".")[0])
        elif isinstance(n, cst.Name) and id(n) not in skip:
            out.add(n.value)
    return out


class RestoreSignalHandlers(AnsibleCodemod):
    ID = "AN900"
    NAME = "restore-signal-handlers"
    DESCRIPTION = "keep the caller's SIGTERM/SIGINT handlers across PlaybookExecutor()/TaskQueueManager() (2.19+)"
    BREAKS_IN = "2.19"
    TRIGGERS = frozenset({"PlaybookExecutor", "TaskQueueManager"})
    EXAMPLES = (
        # built in one statement, run in a later one (the usual embedding)
        Example(
            """
            from ansible.executor.playbook_executor import PlaybookExecutor

            def deploy(inventory, variable_manager, loader):
                # one run per request
                pbex = PlaybookExecutor(playbooks=['site.yml'], inventory=inventory,
                                        variable_manager=variable_manager, loader=loader,
                                        passwords={})
                return pbex.run()
            """,
            """
            from ansible.executor.playbook_executor import PlaybookExecutor
            import signal

            def deploy(inventory, variable_manager, loader):
                # one run per request
                # ansible-core >= 2.19: building the executor replaces these handlers; keep ours (AN900)
                saved_sigterm = signal.getsignal(signal.SIGTERM)
                saved_sigint = signal.getsignal(signal.SIGINT)
                try:
                    pbex = PlaybookExecutor(playbooks=['site.yml'], inventory=inventory,
                                            variable_manager=variable_manager, loader=loader,
                                            passwords={})
                finally:
                    signal.signal(signal.SIGTERM, saved_sigterm)
                    signal.signal(signal.SIGINT, saved_sigint)
                return pbex.run()
            """,
        ),
        # built and run in one statement: the construction gets a statement of its own
        Example(
            """
            import signal
            from ansible.executor import playbook_executor as pe

            def run(pb, inv, vm, loader):
                rc = pe.PlaybookExecutor([pb], inv, vm, loader, {}).run()
                return rc
            """,
            """
            import signal
            from ansible.executor import playbook_executor as pe

            def run(pb, inv, vm, loader):
                # ansible-core >= 2.19: building the executor replaces these handlers; keep ours (AN900)
                saved_sigterm = signal.getsignal(signal.SIGTERM)
                saved_sigint = signal.getsignal(signal.SIGINT)
                try:
                    executor = pe.PlaybookExecutor([pb], inv, vm, loader, {})
                finally:
                    signal.signal(signal.SIGTERM, saved_sigterm)
                    signal.signal(signal.SIGINT, saved_sigint)
                rc = executor.run()
                return rc
            """,
        ),
        # the TaskQueueManager recipe of the API docs, with an aliased signal module
        Example(
            """
            import signal as sig
            from ansible.executor.task_queue_manager import TaskQueueManager as TQM

            def play(play, inventory, variable_manager, loader):
                tqm = None
                try:
                    tqm = TQM(inventory=inventory, variable_manager=variable_manager, loader=loader, passwords={})
                    return tqm.run(play)
                finally:
                    if tqm is not None:
                        tqm.cleanup()
            """,
            """
            import signal as sig
            from ansible.executor.task_queue_manager import TaskQueueManager as TQM

            def play(play, inventory, variable_manager, loader):
                tqm = None
                try:
                    # ansible-core >= 2.19: building the executor replaces these handlers; keep ours (AN900)
                    saved_sigterm = sig.getsignal(sig.SIGTERM)
                    saved_sigint = sig.getsignal(sig.SIGINT)
                    try:
                        tqm = TQM(inventory=inventory, variable_manager=variable_manager, loader=loader, passwords={})
                    finally:
                        sig.signal(sig.SIGTERM, saved_sigterm)
                        sig.signal(sig.SIGINT, saved_sigint)
                    return tqm.run(play)
                finally:
                    if tqm is not None:
                        tqm.cleanup()
            """,
        ),
        # `return Executor(...).run(...)` in a method; the names in use are avoided
        Example(
            """
            import signal
            import ansible.executor.task_queue_manager

            class Runner:
                def go(self, play, executor, saved_sigterm):
                    return ansible.executor.task_queue_manager.TaskQueueManager(self.inv, self.vm, self.loader, {}).run(play)
            """,
            """
            import signal
            import ansible.executor.task_queue_manager

            class Runner:
                def go(self, play, executor, saved_sigterm):
                    # ansible-core >= 2.19: building the executor replaces these handlers; keep ours (AN900)
                    saved_sigterm_1 = signal.getsignal(signal.SIGTERM)
                    saved_sigint = signal.getsignal(signal.SIGINT)
                    try:
                        executor_1 = ansible.executor.task_queue_manager.TaskQueueManager(self.inv, self.vm, self.loader, {})
                    finally:
                        signal.signal(signal.SIGTERM, saved_sigterm_1)
                        signal.signal(signal.SIGINT, saved_sigint)
                    return executor_1.run(play)
            """,
        ),
        # a local `import signal` elsewhere does not bind the module here: the import is added
        Example(
            """
            from ansible.executor.playbook_executor import PlaybookExecutor

            def on_hup():
                import signal
                return signal.SIGHUP

            def run(pb, inv, vm, loader):
                return PlaybookExecutor([pb], inv, vm, loader, {}).run()
            """,
            """
            from ansible.executor.playbook_executor import PlaybookExecutor
            import signal

            def on_hup():
                import signal
                return signal.SIGHUP

            def run(pb, inv, vm, loader):
                # ansible-core >= 2.19: building the executor replaces these handlers; keep ours (AN900)
                saved_sigterm = signal.getsignal(signal.SIGTERM)
                saved_sigint = signal.getsignal(signal.SIGINT)
                try:
                    executor = PlaybookExecutor([pb], inv, vm, loader, {})
                finally:
                    signal.signal(signal.SIGTERM, saved_sigterm)
                    signal.signal(signal.SIGINT, saved_sigint)
                return executor.run()
            """,
        ),
        # already saved and restored around it: left alone
        Example(
            """
            import signal
            from ansible.executor.playbook_executor import PlaybookExecutor

            def run(pb, inv, vm, loader):
                old = signal.getsignal(signal.SIGTERM)
                try:
                    return PlaybookExecutor([pb], inv, vm, loader, {}).run()
                finally:
                    signal.signal(signal.SIGTERM, old)
            """
        ),
        # not a statement of its own: reported, left alone
        Example(
            """
            from ansible.executor.playbook_executor import PlaybookExecutor

            def run(pb, inv, vm, loader):
                if PlaybookExecutor([pb], inv, vm, loader, {}).run() != 0:
                    raise SystemExit(1)
            """,
            review=("AN900",),
        ),
        # `signal` is something else here: reported, left alone
        Example(
            """
            from signal import signal, SIGTERM
            from ansible.executor.playbook_executor import PlaybookExecutor
            pbex = PlaybookExecutor([pb], inv, vm, loader, {})
            """,
            review=("AN900",),
        ),
        # somebody else's PlaybookExecutor
        Example(
            """
            class PlaybookExecutor:
                def run(self):
                    return 0

            rc = PlaybookExecutor().run()
            """
        ),
        # ansible-core before 2.19 does not touch the handlers
        Example(
            """
            from ansible.executor.playbook_executor import PlaybookExecutor
            pbex = PlaybookExecutor([pb], inv, vm, loader, {})
            """,
            ansible_target="2.18",
        ),
    )

    # -- whole-module facts ----------------------------------------------------------------
    def analyze(self, module: cst.Module) -> None:
        self._names: set[str] = _identifiers(module)
        self._signal: Optional[str] = None  # local name of the signal module
        self._signal_taken = False  # `signal` is bound to something else
        for line in module.body:  # `import signal [as x]` at module level: usable everywhere
            for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        if dotted(alias.name) == "signal":
                            self._signal = alias.asname.name.value if alias.asname else "signal"
        for n in _nodes(module, skip_lambdas=False):
            if isinstance(n, cst.Import) and self._signal is None:
                for alias in n.names:  # a local `import signal as x`: x is not the module elsewhere
                    if dotted(alias.name) == "signal" and alias.asname is not None and alias.asname.name.value == "signal":
                        self._signal_taken = True
            elif isinstance(n, cst.ImportFrom) and not isinstance(n.names, cst.ImportStar):
                for alias in n.names:
                    bound = alias.asname.name.value if alias.asname else alias.name.value
                    if bound == "signal":
                        self._signal_taken = True
            elif isinstance(n, (cst.FunctionDef, cst.ClassDef)) and n.name.value == "signal":
                self._signal_taken = True
            elif isinstance(n, cst.AssignTarget) and isinstance(n.target, cst.Name) and n.target.value == "signal":
                self._signal_taken = True
        if self._signal is not None:
            self._signal_taken = False
        self._pending: dict[int, cst.Call] = {}  # id(updated call) -> original call (for its position)
        self._guard: list[bool] = []  # per open block: already inside a try/finally that restores SIGTERM
        self._protected_blocks: set[int] = set()
        self._function_blocks: set[int] = set()

    def _fresh(self, base: str) -> str:
        name, n = base, 0
        while name in self._names:
            n += 1
            name = f"{base}_{n}"
        self._names.add(name)
        return name

    # -- where we are -------------------------------------------------------------------------
    def visit_Try(self, node: cst.Try) -> None:
        if _restores_sigterm(node.finalbody):
            self._protected_blocks.add(id(node.body))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._function_blocks.add(id(node.body))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._function_blocks.add(id(node.body))

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        if id(node) in self._function_blocks:
            self._guard.append(id(node) in self._protected_blocks)
        else:
            self._guard.append(id(node) in self._protected_blocks or (bool(self._guard) and self._guard[-1]))

    # -- the constructions ----------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if self.callee(original_node, EXECUTORS) is None:
            return updated_node
        if self._guard and self._guard[-1]:
            return updated_node  # the code already puts the handlers back
        if self._signal_taken:
            self.review(original_node, "the name 'signal' is not the signal module here: " + REVIEW)
            return updated_node
        self._pending[id(updated_node)] = original_node
        return updated_node

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        self._guard.pop()
        body = self._rewrite_body(updated_node.body)
        return updated_node if body is None else updated_node.with_changes(body=body)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        body = self._rewrite_body(updated_node.body)
        for original in self._pending.values():
            self.review(original, REVIEW)
        self._pending = {}
        return updated_node if body is None else updated_node.with_changes(body=body)

    # -- the rewrite ----------------------------------------------------------------------------
    def _rewrite_body(self, body) -> Optional[list]:
        if not self._pending:
            return None
        out: list = []
        touched = False
        for statement in body:
            if not isinstance(statement, cst.SimpleStatementLine):
                out.append(statement)
                continue
            calls = [n for n in _nodes(statement) if isinstance(n, cst.Call) and id(n) in self._pending]
            if not calls:
                out.append(statement)
                continue
            originals = [self._pending.pop(id(c)) for c in calls]
            out.extend(self._wrap(statement, calls))
            for original in originals:
                self.changed(original)
            touched = True
        return out if touched else None

    def _signal_module(self) -> str:
        if self._signal is None:
            self.add_import("signal")
            self._signal = "signal"
        return self._signal

    def _wrap(self, statement: cst.SimpleStatementLine, calls: list[cst.Call]) -> list[cst.BaseStatement]:
        sig = self._signal_module()
        saved = {name: self._fresh(f"saved_{name.lower()}") for name in SAVED}
        save = [stmt(f"{saved[name]} = {sig}.getsignal({sig}.{name})\n") for name in SAVED]
        restore = [stmt(f"{sig}.signal({sig}.{name}, {saved[name]})\n") for name in SAVED]
        save[0] = save[0].with_changes(
            leading_lines=[*statement.leading_lines, cst.EmptyLine(comment=cst.Comment(COMMENT))]
        )
        statement = statement.with_changes(leading_lines=())
        built, after = statement, []
        split = self._split(statement, calls)
        if split is not None:
            built, after = split
        guarded = cst.Try(
            body=cst.IndentedBlock(body=[built]),
            finalbody=cst.Finally(body=cst.IndentedBlock(body=restore)),
        )
        return [*save, guarded, *after]

    def _split(self, statement: cst.SimpleStatementLine, calls: list[cst.Call]):
        """``[x =] Executor(...).run(...)`` / ``return ...``: (``executor = Executor(...)``,
        [the statement with ``executor`` in place of the construction])."""
        if len(calls) != 1 or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if not isinstance(small, (cst.Expr, cst.Return, cst.Assign, cst.AnnAssign)):
            return None
        value = small.value
        ctor = calls[0]
        if not (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and value.func.value is ctor
            and value.func.attr.value == "run"
        ):
            return None
        name = self._fresh("executor")
        built = cst.SimpleStatementLine(
            body=[cst.Assign(targets=[cst.AssignTarget(target=cst.Name(name))], value=ctor)]
        )
        run = value.with_changes(func=value.func.with_changes(value=cst.Name(name)))
        return built, [statement.with_changes(body=[small.with_changes(value=run)])]
