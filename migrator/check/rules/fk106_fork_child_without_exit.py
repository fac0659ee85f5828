"""FK106 fork-child-without-os-exit."""
from __future__ import annotations

from typing import Sequence

import libcst as cst

from migrator.check.flow import EXEC_PREFIXES, dotted, flow_block, walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, fork_sites

_END = ("os._exit", "os.abort")
_SETUP = frozenset({
    "os.close", "os.closerange", "os.dup2", "os.setsid", "os.setpgrp", "os.setpgid", "os.umask", "os.chdir",
    "signal.signal", "signal.set_wakeup_fd", "os.write", "os.open", "os.setuid", "os.setgid", "os.setgroups",
    "os.nice", "os.environ.update", "sys.stdout.flush", "sys.stderr.flush", "os.getpid", "os.getppid",
    "time.time", "time.monotonic",
})


class ForkChildWithoutExit(ForkRule):
    """
    What it does
        Looks at the child branch of ``os.fork()`` (``if pid == 0:``, ``if not pid:``, the
        ``else`` of ``if pid:``) and flags it when some path can leave the branch without
        ``os._exit()`` (or an ``os.exec*``): it falls through, ``return``s, calls
        ``sys.exit()``, or does real work before ``os._exit()`` with no ``try/finally``
        around it, so an exception escapes past the ``os._exit()``. A child that
        ``exec``s at once, and the daemonising fork whose parent exits, are not flagged.

    Why is this bad
        The child is a copy of the parent, mid-function. If it leaves its branch it runs the
        parent's code: it returns into the caller (a second server loop, a second response),
        runs ``finally`` blocks and atexit handlers twice, and flushes the parent's buffered
        output twice. ``sys.exit()`` raises ``SystemExit``, which unwinds through exactly that
        code.

    Example
        ::

            pid = os.fork()
            if pid == 0:
                do_work()          # an exception here escapes into the parent's code
                os._exit(0)

    How to fix
        End the child on every path, exceptions included::

            pid = os.fork()
            if pid == 0:
                rc = 1
                try:
                    do_work()
                    rc = 0
                finally:
                    os._exit(rc)
    """

    ID = "FK106"
    NAME = "fork-child-without-os-exit"
    GROUP = "process lifecycle"
    MESSAGE = "the os.fork() child can leave its branch and run the parent's code (returns, falls through, sys.exit() or an exception before os._exit()): wrap it as try: ... finally: os._exit(rc)"
    TRIGGERS = frozenset({"fork", "forkpty"})
    VALID = (
        """
        import os

        def run(work):
            pid = os.fork()
            if pid == 0:
                rc = 1
                try:
                    work()
                    rc = 0
                finally:
                    os._exit(rc)
            return os.waitpid(pid, 0)

        def spawn(argv):
            pid = os.fork()
            if not pid:
                os.setsid()
                os.execvp(argv[0], argv)
            return pid

        def tiny():
            pid = os.fork()
            if pid == 0:
                os._exit(0)
            os.waitpid(pid, 0)
        """,
    )
    INVALID = (
        Invalid(
            """
            import os
            def run(work):
                pid = os.fork()
                if pid == 0:
                    work()
                    os._exit(0)
                os.waitpid(pid, 0)
            """,
            line=3,
        ),
        Invalid(
            """
            import os, sys
            def run(work):
                pid = os.fork()
                if pid:
                    os.waitpid(pid, 0)
                else:
                    work()
                    sys.exit(0)
            """,
            line=3,
        ),
        Invalid(
            """
            import os
            def run(work):
                if os.fork() == 0:
                    work()
                    return
                os.wait()
            """,
            line=3,
        ),
    )

    def check(self) -> None:
        m = self.model
        for site in fork_sites(m):
            if site.kind != "fork" or not site.child_known or not site.child:
                continue
            if self._continuing_process(site):
                continue
            child = site.child
            if self._fork_wrapper(site):
                continue
            if not self._safe(child):
                self.report(site.node)

    def _fork_wrapper(self, site) -> bool:
        """A function that forks and *returns the pid* to both processes (like os.fork()
        itself, e.g. a double-fork helper): the child is meant to fall through to
        ``return pid`` and its caller deals with it."""
        from migrator.check.rules._base import _rest_of_block

        m = self.model
        branch_if = next((a for a in m.ancestors(site.child[0]) if isinstance(a, cst.If)), None)
        if branch_if is None:
            return False
        rest = _rest_of_block(m, branch_if)
        if not rest or not isinstance(rest[0], cst.Return) or rest[0].value is None:
            return False
        returned = dotted(rest[0].value)
        stmt = m.statement_of(site.node)
        return isinstance(stmt, cst.Assign) and returned is not None and any(dotted(t.target) == returned for t in stmt.targets)

    def _continuing_process(self, site) -> bool:
        """`if pid: <exit>` with the child carrying on after the `if`: daemonising."""
        return site.child_continues

    def _ended(self, n: cst.CSTNode) -> bool:
        if isinstance(n, cst.Call):
            name = self.model.call_name(n) or ""
            return name in _END or name.startswith(EXEC_PREFIXES)
        return False

    def _safe(self, child: Sequence[cst.CSTNode]) -> bool:
        m = self.model
        # sys.exit() in the child unwinds through the parent's frames
        for s in child:
            for n in walk(s):
                if isinstance(n, cst.Call) and m.call_name(n) in ("sys.exit", "exit", "quit"):
                    return False
        f = flow_block(list(child), lambda n: isinstance(n, cst.BaseSmallStatement) and any(self._ended(c) for c in walk(n)) or self._final_end(n))
        if not f.done or f.leak:
            return False
        # os._exit() reached only after work that may raise, with nothing catching it
        for s in child:
            if self._final_end(s) or (isinstance(s, cst.BaseSmallStatement) and any(self._ended(c) for c in walk(s))):
                return True
            if self._risky(s):
                return False
        return True

    def _final_end(self, n: cst.CSTNode) -> bool:
        """try/finally: os._exit() — or a try whose handlers catch everything and exit."""
        if not isinstance(n, (cst.Try, cst.TryStar)):
            return False
        if n.finalbody is not None and any(self._ended(c) for c in walk(n.finalbody)):
            return True
        for h in n.handlers:
            # `except Exception:` / `except BaseException:` / bare, ending the child too
            if (h.type is None or (isinstance(h.type, cst.Name) and h.type.value in ("BaseException", "Exception"))) and any(self._ended(c) for c in walk(h)):
                return any(self._ended(c) for c in walk(n.body)) or bool(n.orelse and any(self._ended(c) for c in walk(n.orelse)))
        return False

    def _risky(self, s: cst.CSTNode) -> bool:
        """Work that may raise: any call other than plain fd/signal/session setup."""
        if isinstance(s, cst.BaseCompoundStatement):
            return any(self._risky(x) for x in walk(s) if isinstance(x, cst.BaseSmallStatement))
        for n in walk(s):
            if isinstance(n, cst.Call):
                name = self.model.call_name(n) or ""
                if name in _SETUP or self._ended(n):
                    continue
                return True
        return False
