"""FK501 ansible-executor-in-server."""
from __future__ import annotations

import os
from typing import Optional

import libcst as cst

from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, saves_and_restores_signals
from migrator.check.where import CHILD, HOOK, MAIN, REQUEST, THREAD

_EXECUTORS = {"ansible.PlaybookExecutor": "PlaybookExecutor", "ansible.TaskQueueManager": "TaskQueueManager"}
#: Ansible's own packages construct these for its command-line tools.
_ANSIBLE_OWN = ("ansible/executor/", "ansible/cli/", "ansible/plugins/", "ansible_test/")


class AnsibleExecutorInServer(ForkRule):
    """
    What it does
        Flags ``PlaybookExecutor(...)`` and ``TaskQueueManager(...)`` (Ansible's in-process
        executors, matched by qualified name) where they run inside a long-lived process
        rather than a command-line tool's main thread:

        * in a thread (a Thread target, a thread-pool job) — always;
        * in request/worker code (a WSGI/ASGI callable, a view, a Celery task, a gunicorn
          hook) or a forked child, unless the function saves the signal handlers and
          restores them in ``finally``;
        * in a library function that nothing in its module calls from ``main()``/the
          ``__main__`` block/a ``CLI.run()``: such a "runner" module is what web apps import.

        Ansible's own sources (``ansible/cli``, ``ansible/executor``, ``ansible/plugins``)
        are not flagged.

    Why is this bad
        Both fork worker processes from the calling process, so they inherit its signal
        handlers and sockets. With Ansible 2.1 the per-play ``ResultProcess`` inherits a
        gunicorn worker's SIGTERM handler, survives its ``terminate()`` and leaks one
        CPU-burning process per request (the incident). ansible-core ≥ 2.19's
        ``TaskQueueManager.__init__`` calls ``signal.signal(SIGTERM/SIGINT, ...)``: off the
        main thread that raises ``ValueError`` (every gthread request fails); on the main
        thread it replaces the server's graceful-shutdown handler for good, so the next
        SIGTERM kills the worker mid-request.

    Example
        ::

            def deploy(environ, start_response):
                pbex = PlaybookExecutor(playbooks=[...], inventory=inventory, ...)
                rc = pbex.run()

    How to fix
        Run Ansible out of process: ``subprocess.run(["ansible-playbook", ...])`` or
        ansible-runner, from a job queue rather than the request. If it must stay
        in-process: main thread only (sync workers), save and restore the handlers around
        the run, and reset SIGTERM in the children it forks (Ansible ≥ 2.2 / ansible-core
        2.19 does)::

            saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
            try:
                rc = pbex.run()
            finally:
                for s, h in saved.items():
                    signal.signal(s, h)
    """

    ID = "FK501"
    NAME = "ansible-executor-in-server"
    GROUP = "ansible-in-server"
    MESSAGE = "Ansible's executor forks workers and (ansible-core >= 2.19) installs SIGTERM/SIGINT handlers in the calling process: off the main thread it raises ValueError, in a server it hijacks graceful shutdown and leaks children; run ansible-playbook/ansible-runner as a subprocess, or save and restore the signal handlers around run() on the main thread"
    SEVERITY = "error"
    TRIGGERS = frozenset({"PlaybookExecutor", "TaskQueueManager"})
    VALID = (
        """
        from ansible.executor.playbook_executor import PlaybookExecutor

        def run(inventory, variable_manager, loader):
            pbex = PlaybookExecutor(playbooks=["site.yml"], inventory=inventory,
                                    variable_manager=variable_manager, loader=loader, passwords={})
            return pbex.run()

        def main():
            run(None, None, None)

        if __name__ == "__main__":
            main()
        """,
        """
        import signal
        from ansible.executor.playbook_executor import PlaybookExecutor

        def application(environ, start_response):
            saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
            try:
                rc = PlaybookExecutor(playbooks=["site.yml"], inventory=None, variable_manager=None,
                                      loader=None, passwords={}).run()
            finally:
                for s, h in saved.items():
                    signal.signal(s, h)
            start_response("200 OK", [])
            return [str(rc).encode()]
        """,
        """
        import subprocess

        def application(environ, start_response):
            rc = subprocess.call(["ansible-playbook", "site.yml"])
            start_response("200 OK", [])
            return [str(rc).encode()]
        """,
    )
    INVALID = (
        Invalid(
            """
            from ansible.executor.playbook_executor import PlaybookExecutor

            def run_playbook(inventory, variable_manager, loader):
                pbex = PlaybookExecutor(playbooks=["site.yml"], inventory=inventory,
                                        variable_manager=variable_manager, loader=loader, passwords={})
                return pbex.run()

            def application(environ, start_response):
                rc = run_playbook(None, None, None)
                start_response("200 OK", [])
                return [str(rc).encode()]
            """,
            line=4,
        ),
        Invalid(
            """
            from concurrent.futures import ThreadPoolExecutor
            from ansible.executor.task_queue_manager import TaskQueueManager as TQM

            def run(play, **kw):
                tqm = TQM(**kw)
                try:
                    return tqm.run(play)
                finally:
                    tqm.cleanup()

            pool = ThreadPoolExecutor(4)
            pool.submit(run, None)
            """,
            line=5,
        ),
        Invalid(
            """
            from ansible.executor.playbook_executor import PlaybookExecutor

            def run_deploy(settings, hosts):
                pbex = PlaybookExecutor(playbooks=[settings.playbook], inventory=None,
                                        variable_manager=None, loader=None, options=None, passwords={})
                try:
                    rc = pbex.run()
                except Exception, e:
                    rc = 2
                return rc
            """,
            line=4,
            python2=True,
        ),
    )

    def check(self) -> None:
        m = self.model
        path = m.path.replace(os.sep, "/")
        if any(part in path for part in _ANSIBLE_OWN):
            return
        for call, scope in m.calls:
            name = m.call_name(call, scope)
            if name not in _EXECUTORS:
                continue
            what = _EXECUTORS[name]
            message = self._verdict(call, scope, what)
            if message:
                self.report(call, message)

    def _verdict(self, call: cst.Call, scope, what: str) -> Optional[str]:
        w = self.where
        contexts = w.of(scope)
        fix = "run ansible-playbook/ansible-runner as a subprocess (from a job queue), or save and restore the SIGTERM/SIGINT handlers around run() on the main thread"
        if THREAD in contexts:
            return f"{what} in {w.why(scope, THREAD) or 'a thread'}: ansible-core >= 2.19 calls signal.signal() here, which raises ValueError off the main thread, and forking from a threaded process can deadlock; run ansible-playbook/ansible-runner as a subprocess instead"
        f = self.model.function_of(call)
        restored = f is not None and saves_and_restores_signals(self.model, f)
        for ctx, label in ((REQUEST, "request code"), (HOOK, "a server hook"), (CHILD, "a forked child")):
            if ctx in contexts:
                if restored:
                    return None
                return f"{what} in {w.why(scope, ctx) or label}: it forks workers that inherit the server's signal handlers and sockets (Ansible 2.1 leaks one busy process per request) and, in ansible-core >= 2.19, replaces the server's SIGTERM/SIGINT handlers; {fix}"
        if MAIN in contexts or scope is self.model.root or restored:
            return None
        if f is not None and any(MAIN in w.of(s) for s in self._callers(f)):
            return None
        return f"{what} in a library function that is not a command-line entry point: if a web app, worker or thread calls it, it forks children that inherit the server's signal handlers and sockets and (ansible-core >= 2.19) hijacks SIGTERM/SIGINT; {fix} (suppress with # migrator: ignore[FK501] if it only ever runs from a CLI main thread)"

    def _callers(self, f):
        return [s for s in self.model.functions() if f in self.where.callees(s)]
