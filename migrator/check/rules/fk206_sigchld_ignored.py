"""FK206 sigchld-ignored."""
from __future__ import annotations

from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, signal_calls


class SigchldIgnored(ForkRule):
    """
    What it does
        Flags ``signal.signal(signal.SIGCHLD, signal.SIG_IGN)`` (and ``SIGCLD``).

    Why is this bad
        With SIGCHLD ignored the kernel reaps children by itself: ``Popen.wait()``,
        ``Process.join()`` and ``os.waitpid()`` fail with ``ECHILD`` or lose the exit status,
        and the setting survives ``exec``, so every program started afterwards (and its own
        ``wait()``) inherits the breakage.

    Example
        ::

            signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # "avoid zombies"
            rc = subprocess.call(["make"])                  # ECHILD / wrong status

    How to fix
        Leave SIGCHLD at its default and reap children explicitly (``wait()``,
        ``communicate()``, ``join()``, ``os.waitpid(pid, 0)``; a SIGCHLD handler that calls
        ``os.waitpid(-1, os.WNOHANG)`` in a loop if you must reap asynchronously).
    """

    ID = "FK206"
    NAME = "sigchld-ignored"
    GROUP = "signals"
    MESSAGE = "SIGCHLD set to SIG_IGN auto-reaps children (wait()/join() fail with ECHILD, inherited across exec): leave SIGCHLD at SIG_DFL and reap explicitly"
    SEVERITY = "warning"
    TRIGGERS = frozenset({"SIGCHLD", "SIGCLD"})
    VALID = (
        """
        import signal, os
        def reap(signum, frame):
            while True:
                try:
                    pid, _ = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    return
                if pid == 0:
                    return
        signal.signal(signal.SIGCHLD, reap)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        """,
    )
    INVALID = (
        Invalid(
            """
            import signal
            signal.signal(signal.SIGCHLD, signal.SIG_IGN)
            """,
            line=2,
        ),
        Invalid(
            """
            from signal import signal as install, SIGCLD, SIG_IGN
            def daemonize():
                install(SIGCLD, SIG_IGN)
            """,
            line=3,
        ),
        Invalid(
            """
            import signal
            signal.signal(signal.SIGCHLD, signal.SIG_IGN)
            print "children are reaped by the kernel"
            """,
            line=2,
            python2=True,
        ),
    )

    def check(self) -> None:
        for call, sig, handler in signal_calls(self.model):
            if sig in ("SIGCHLD", "SIGCLD") and self.model.signal_name(handler) == "SIG_IGN":
                self.report(call)
