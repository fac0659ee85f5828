"""FK205 blocked-signal-inherited."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, fork_sites, spawn_calls

_WATCHED = frozenset({"SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT", "SIGCHLD", "SIGUSR1", "SIGUSR2", "SIGALRM"})


class BlockedSignalInherited(ForkRule):
    """
    What it does
        Flags ``signal.pthread_sigmask(signal.SIG_BLOCK, sigs)`` (or ``SIG_SETMASK``) whose
        set holds SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1/2 or SIGALRM (or is not
        a literal set), in a module that forks or starts programs, unless the same function
        unblocks them again before any fork/spawn (a spawn between block and unblock is still
        flagged).

    Why is this bad
        The signal mask is inherited through ``fork()`` *and* kept across ``exec``
        (measured on Python 3.11): children start with SIGTERM blocked and
        ``terminate()``/``kill PID`` wait forever in their pending set. Code that blocks
        signals to ``sigwait()`` for them is the usual source.

    Example
        ::

            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            subprocess.Popen(["worker"])          # worker cannot be terminated

    How to fix
        Unblock before spawning (``signal.pthread_sigmask(signal.SIG_UNBLOCK, sigs)``), or in
        the child (``preexec_fn`` / at the top of ``run()``); keep the blocked window as
        small as the code that needs it.
    """

    ID = "FK205"
    NAME = "blocked-signal-inherited"
    GROUP = "signals"
    MESSAGE = "the blocked-signal mask is inherited through fork and kept across exec: children start with these signals blocked and cannot be terminated; unblock (SIG_UNBLOCK) before spawning or in the child"
    TRIGGERS = frozenset({"pthread_sigmask"})
    VALID = (
        """
        import signal, subprocess

        def critical(work):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
            try:
                work()
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
            subprocess.run(["true"])
        """,
        """
        import signal
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})   # no child processes here
        signal.sigwait({signal.SIGTERM})
        """,
    )
    INVALID = (
        Invalid(
            """
            import signal, subprocess
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})

            def start():
                return subprocess.Popen(["worker"])
            """,
            line=2,
        ),
        Invalid(
            """
            import os, signal
            def serve(sigs):
                signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                signal.sigwait(sigs)
                os.waitpid(pid, 0)
            """,
            line=3,
        ),
    )

    def check(self) -> None:
        m = self.model
        starts = [c for c, _ in spawn_calls(m)] + [s.node for s in fork_sites(m)]
        if not starts:
            return
        for call in m.find_calls("signal.pthread_sigmask"):
            if len(call.args) < 2:
                continue
            how = m.signal_name(call.args[0].value)
            if how not in ("SIG_BLOCK", "SIG_SETMASK"):
                continue
            sigs = self._signals(call.args[1].value)
            if sigs is not None and not (sigs & _WATCHED):
                continue
            relevant = starts
            undo = self._unblocked_after(call)
            if undo is not None:
                lo, hi = m.pos(call), m.pos(undo)
                relevant = [c for c in starts if lo < m.pos(c) < hi and m.function_of(c) is m.function_of(call)]
            if relevant:
                self.report(call)

    def _signals(self, node: cst.BaseExpression) -> Optional[set[str]]:
        if isinstance(node, (cst.Set, cst.List, cst.Tuple)):
            out = set()
            for el in node.elements:
                name = self.model.signal_name(el.value)
                if name is None:
                    return None
                out.add(name)
            return out
        return None

    def _unblocked_after(self, call: cst.Call) -> Optional[cst.Call]:
        m = self.model
        f = m.function_of(call)
        here = m.pos(call)
        for other in m.find_calls("signal.pthread_sigmask", f or m.root):
            if other is call or not other.args:
                continue
            if m.signal_name(other.args[0].value) in ("SIG_UNBLOCK", "SIG_SETMASK") and m.pos(other) > here:
                return other
        return None
