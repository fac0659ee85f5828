"""FK202 signal-handler-does-not-exit."""
from __future__ import annotations

from migrator.check.rule import Invalid
from migrator.check.rules._base import SHUTDOWN_SIGNALS, ForkRule, child_resets, delegates, fork_sites, handler_exits, module_resets_in_child, signal_calls


class HandlerDoesNotExit(ForkRule):
    """
    What it does
        In a module that forks without exec (``os.fork()``, ``Process.start()``, ``Pool()``
        with the ``fork`` start method), flags ``signal.signal(SIGTERM|SIGINT, handler)``
        whose handler — a function or lambda of this module — neither exits
        (``sys.exit``, ``os._exit``, re-``kill``ing itself, restoring ``SIG_DFL``) nor
        raises, unless every fork in the module resets the signals in the child (or hands the
        child over to an object of a class from another module, which may do it).

    Why is this bad
        A "graceful" handler that only sets a flag (``self.alive = False``), logs, or does
        nothing is right for the process that installed it and wrong for every child forked
        from it: the child inherits the handler, sets the flag on its own copy, and carries
        on. SIGTERM — what ``terminate()``, ``kill PID`` and systemd send — no longer stops it.

    Example
        ::

            def handle_exit(sig, frame):
                state.alive = False                  # fine here, useless in a child
            signal.signal(signal.SIGTERM, handle_exit)
            ...
            multiprocessing.Process(target=job).start()

    How to fix
        Make the handler fork-aware::

            OWNER = os.getpid()
            def handle_exit(sig, frame):
                if os.getpid() != OWNER:             # a forked child: die as SIGTERM should
                    signal.signal(sig, signal.SIG_DFL)
                    os.kill(os.getpid(), sig)
                    return
                state.alive = False

        or reset the signal to ``SIG_DFL`` in every child (FK201).
    """

    ID = "FK202"
    NAME = "signal-handler-does-not-exit"
    GROUP = "signals"
    MESSAGE = "this SIGTERM/SIGINT handler neither exits nor raises and forked children inherit it, so they become immune to the signal: make it fork-aware (if os.getpid() != OWNER_PID: signal.signal(sig, SIG_DFL); os.kill(os.getpid(), sig)) or reset the signal in the children"
    TRIGGERS = frozenset({"SIGTERM", "SIGINT"})
    VALID = (
        """
        import os, signal, multiprocessing

        OWNER = os.getpid()

        class State(object):
            alive = True

        def handle_exit(sig, frame):
            if os.getpid() != OWNER:
                signal.signal(sig, signal.SIG_DFL)
                os.kill(os.getpid(), sig)
                return
            State.alive = False

        signal.signal(signal.SIGTERM, handle_exit)

        def go():
            p = multiprocessing.Process(target=print)
            p.start()
            p.join()
        """,
        """
        import signal
        def on_term(sig, frame):          # no fork in this module
            print("bye")
        signal.signal(signal.SIGTERM, on_term)
        """,
    )
    INVALID = (
        Invalid(
            """
            import signal, multiprocessing

            class State(object):
                alive = True

            def handle_exit(sig, frame):
                State.alive = False

            signal.signal(signal.SIGTERM, handle_exit)

            def go(job):
                p = multiprocessing.Process(target=job)
                p.start()
                p.join()
            """,
            line=9,
        ),
        Invalid(
            """
            import os, signal
            signal.signal(signal.SIGINT, lambda s, f: None)
            def run():
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                os.waitpid(pid, 0)
            """,
            line=2,
        ),
    )

    def check(self) -> None:
        m = self.model
        sites = [s for s in fork_sites(m) if s.forks_without_exec]
        if not sites or module_resets_in_child(m):
            return
        if all(s.child_known and (child_resets(m, s) or delegates(m, s.child)) for s in sites):
            return
        for call, sig, handler in signal_calls(m):
            if sig not in SHUTDOWN_SIGNALS:
                continue
            if m.signal_name(handler) in ("SIG_DFL", "SIG_IGN", "default_int_handler"):
                continue
            if handler_exits(m, handler, m.scope_of(call)) is False:
                self.report(call)
