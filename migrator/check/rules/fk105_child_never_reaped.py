"""FK105 child-never-reaped."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import dotted, walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, escapes, fork_sites, lifecycle_handled

_POPEN_DONE = ("wait", "communicate", "poll", "__exit__", "kill", "terminate")
_WAITPID = frozenset({"os.waitpid", "os.wait", "os.wait3", "os.wait4", "os.waitid"})


class ChildNeverReaped(ForkRule):
    """
    What it does
        Flags fire-and-forget children: a ``subprocess.Popen(...)`` whose result is
        dropped, or that is neither used as a context manager nor waited for
        (``wait()``/``communicate()``/``poll()``) on every path of the function, nor handed on;
        and an ``os.fork()`` whose parent never calls ``os.waitpid()``/``os.wait()`` and does
        not hand the pid on. (``multiprocessing.Process.start()`` without ``join()`` is
        FK104.) The classic daemonising fork, whose parent exits at once, is not flagged.

    Why is this bad
        A child that exits before anybody waits for it stays in the process table as a
        ``<defunct>`` zombie for as long as the parent lives; in a long-running server they
        pile up with every request until the PID or process limit is hit.

    Example
        ::

            def notify(url):
                subprocess.Popen(["curl", "-s", url])      # never waited for

    How to fix
        ``with subprocess.Popen(...) as p:`` (Python 3), ``p.communicate()``/``p.wait()``, or
        ``subprocess.run(...)``; after ``os.fork()`` call ``os.waitpid(pid, 0)`` in the parent.
        For a child that must outlive the request, hand it to something that reaps it (a
        job queue, a supervisor) instead of dropping it.
    """

    ID = "FK105"
    NAME = "child-never-reaped"
    GROUP = "process lifecycle"
    MESSAGE = "this child is never waited for and stays a <defunct> zombie: use `with Popen(...)`, communicate()/wait() or subprocess.run(); after os.fork() call os.waitpid(pid, 0) in the parent"
    TRIGGERS = frozenset({"Popen", "fork"})
    VALID = (
        """
        import os, subprocess

        def run(cmd):
            with subprocess.Popen(cmd) as p:
                pass
            q = subprocess.Popen(cmd, stdout=subprocess.PIPE)
            out, _ = q.communicate()
            return out

        def start(cmd):
            return subprocess.Popen(cmd)          # the caller owns it

        def forked(work):
            pid = os.fork()
            if pid == 0:
                try:
                    work()
                finally:
                    os._exit(0)
            os.waitpid(pid, 0)

        def daemonize():
            if os.fork() > 0:
                os._exit(0)                       # the parent leaves at once
            os.setsid()
        """,
    )
    INVALID = (
        Invalid(
            """
            import subprocess
            def notify(url):
                subprocess.Popen(["curl", "-s", url])
            """,
            line=3,
        ),
        Invalid(
            """
            import subprocess as sp
            def run(cmd, check):
                p = sp.Popen(cmd)
                if check:
                    return p.wait()
                return None
            """,
            line=3,
        ),
        Invalid(
            """
            import os
            def handle(work):
                pid = os.fork()
                if pid == 0:
                    try:
                        work()
                    finally:
                        os._exit(0)
                return "ok"
            """,
            line=3,
        ),
    )

    def check(self) -> None:
        m = self.model
        for call, scope in m.calls:
            if m.call_name(call, scope) != "subprocess.Popen":
                continue
            parent = m.parent_of(call)
            if isinstance(parent, cst.Expr):
                self.report(call)
                continue
            if isinstance(parent, cst.WithItem):
                continue
            target = None
            if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
                target = parent.targets[0].target
            if target is None or dotted(target) is None:
                continue  # passed on / returned / used in an expression: someone else owns it
            waits = lambda c: m.call_name(c) in _WAITPID  # noqa: E731 - os.waitpid(p.pid) etc.
            if not lifecycle_handled(m, call, target, scope, _POPEN_DONE, extra=waits):
                self.report(call)
        for site in fork_sites(m):
            if site.kind != "fork":
                continue
            self._fork(site)

    def _fork(self, site) -> None:
        m = self.model
        stmt = m.statement_of(site.node)
        scope = site.scope
        # daemonising: the parent branch ends in exit — the child is the program now
        if site.child_continues or self._parent_exits(site):
            return
        if not site.child_known:
            return
        pid = None
        if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1:
            pid = dotted(stmt.targets[0].target)
            if isinstance(stmt.targets[0].target, cst.Tuple):
                pid = dotted(stmt.targets[0].target.elements[0].value)
        if pid and "." not in pid and escapes(m, pid, scope):
            return
        if pid and "." in pid:
            return
        body = scope.node if scope.is_function else m.module
        for call in walk(body):
            if isinstance(call, cst.Call) and m.call_name(call) in _WAITPID:
                return
        # a SIGCHLD handler that reaps
        for n in m.find_calls("signal.signal"):
            if len(n.args) >= 2 and m.signal_name(n.args[0].value) in ("SIGCHLD", "SIGCLD"):
                return
        self.report(site.node, "os.fork() child is never waited for and stays a <defunct> zombie: call os.waitpid(pid, 0) in the parent (or hand the pid to whatever reaps children)")

    def _parent_exits(self, site) -> bool:
        """`if os.fork(): os._exit(0)` written as one statement."""
        from migrator.check.flow import suite
        from migrator.check.rules._base import _pid_test, exits_process

        stmt = self.model.statement_of(site.node)
        if isinstance(stmt, cst.If) and _pid_test(self.model, stmt.test, None, site.node) is False:
            return exits_process(self.model, suite(stmt.body))
        return False
