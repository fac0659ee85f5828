"""FK204 ignored-signal-inherited."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from migrator.check.flow import keyword
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, fork_sites, signal_calls, spawn_calls

#: Signals whose SIG_IGN disposition breaks children (SIGCHLD is FK206).
_WATCHED = frozenset({"SIGHUP", "SIGTERM", "SIGINT", "SIGQUIT", "SIGPIPE", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGXFSZ"})
#: What Python 3's subprocess (restore_signals=True) puts back by itself.
_RESTORED_BY_PY3 = frozenset({"SIGPIPE", "SIGXFSZ"})


class IgnoredSignalInherited(ForkRule):
    """
    What it does
        Flags ``signal.signal(SIG, signal.SIG_IGN)`` for SIGHUP, SIGTERM, SIGINT, SIGQUIT,
        SIGPIPE, SIGUSR1/2, SIGALRM or SIGXFSZ in a module that starts other programs
        (``subprocess``, ``os.system``, ``os.popen``, ``os.exec*``, ``os.spawn*``) or forks.
        If the same function sets the signal back later, only a spawn *between* the two
        counts. SIGPIPE/SIGXFSZ are not flagged for Python 3 ``subprocess`` calls, which
        restore them (``restore_signals=True``).

    Why is this bad
        ``SIG_IGN`` is the one disposition that survives ``exec``: every program started
        while it is in force starts with the signal ignored. Children then ignore
        ``kill PID``/``terminate()`` (SIGTERM), Ctrl-C (SIGINT) or the hang-up of their
        session (SIGHUP), and ``cmd | head`` leaves ``cmd`` writing into a broken pipe
        (SIGPIPE) instead of dying.

    Example
        ::

            signal.signal(signal.SIGHUP, signal.SIG_IGN)     # "nohup" the service
            subprocess.Popen(["worker"])                     # worker ignores SIGHUP too

    How to fix
        Do not ignore the signal process-wide; if you must, restore the default for the
        children: ``preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL)``
        (Python 2), or restore it around the spawn. On Python 3 keep
        ``restore_signals=True``.
    """

    ID = "FK204"
    NAME = "ignored-signal-inherited"
    GROUP = "signals"
    MESSAGE = "SIG_IGN survives exec: children started while it is in force ignore this signal too (kill/terminate/Ctrl-C/hang-up stop working); restore SIG_DFL for the children (preexec_fn on Py2, or reset it before spawning)"
    TRIGGERS = frozenset({"SIG_IGN"})
    VALID = (
        """
        import signal, subprocess

        signal.signal(signal.SIGPIPE, signal.SIG_IGN)    # Python 3 subprocess restores SIGPIPE
        subprocess.run(["ls"])

        def interactive(cmd):
            old = signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGINT, old)
            subprocess.call(cmd)                           # after the handler is back
        """,
        """
        import signal
        signal.signal(signal.SIGHUP, signal.SIG_IGN)      # nothing is started from here
        """,
    )
    INVALID = (
        Invalid(
            """
            import signal, subprocess
            signal.signal(signal.SIGHUP, signal.SIG_IGN)

            def start():
                return subprocess.Popen(["worker"])
            """,
            line=2,
        ),
        Invalid(
            """
            import os, signal
            def edit(path):
                old = signal.signal(signal.SIGINT, signal.SIG_IGN)
                try:
                    os.system("vi " + path)
                finally:
                    signal.signal(signal.SIGINT, old)
            """,
            line=3,
        ),
        Invalid(
            """
            import signal, subprocess
            signal.signal(signal.SIGPIPE, signal.SIG_IGN)
            print "listing"
            subprocess.call("ls | head -1", shell=True)
            """,
            line=2,
            python2=True,
        ),
    )

    def check(self) -> None:
        m = self.model
        spawns = spawn_calls(m)
        forks = [s for s in fork_sites(m) if s.kind == "fork"]
        if not spawns and not forks:
            return
        for call, sig, handler in signal_calls(m):
            if sig not in _WATCHED or m.signal_name(handler) != "SIG_IGN":
                continue
            relevant = [c for c, _ in spawns if not self._restores(c, sig)] + [s.node for s in forks]
            restore = self._restored_after(call, sig)
            if restore is not None:
                lo, hi = m.pos(call), m.pos(restore)
                relevant = [c for c in relevant if lo < m.pos(c) < hi and m.function_of(c) is m.function_of(call)]
            if relevant:
                self.report(call, f"{sig} set to SIG_IGN survives exec: programs started while it is in force ignore {sig} too; restore SIG_DFL for the children (preexec_fn on Py2, or reset it before spawning)")

    def _restores(self, spawn: cst.Call, sig: str) -> bool:
        """The spawn puts the signal back in the child by itself."""
        m = self.model
        name = m.call_name(spawn) or ""
        if sig in _RESTORED_BY_PY3 and name.startswith("subprocess.") and not m.python2:
            kw = keyword(spawn, "restore_signals")
            return kw is None or not (isinstance(kw.value, cst.Name) and kw.value.value == "False")
        return keyword(spawn, "preexec_fn") is not None

    def _restored_after(self, call: cst.Call, sig: str) -> Optional[cst.Call]:
        """A later signal.signal(sig, <not SIG_IGN>) in the same function."""
        m = self.model
        f = m.function_of(call)
        here = m.pos(call)
        best = None
        for other, osig, handler in signal_calls(m, f or m.root):
            if other is call or osig != sig or m.signal_name(handler) == "SIG_IGN":
                continue
            if m.pos(other) > here and (best is None or m.pos(other) < m.pos(best)):
                best = other
        return best
