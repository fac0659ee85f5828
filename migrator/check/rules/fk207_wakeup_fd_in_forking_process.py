"""FK207 wakeup-fd-inherited."""
from __future__ import annotations

import libcst as cst

from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, fork_sites


class WakeupFdInherited(ForkRule):
    """
    What it does
        Flags ``signal.set_wakeup_fd(fd)`` (any fd other than ``-1``) in a module that forks
        without exec, unless the module also calls ``signal.set_wakeup_fd(-1)`` (in the
        child, or in an at-fork hook).

    Why is this bad
        A forked child inherits both the wakeup fd setting and the pipe behind it. Every
        signal the child receives makes CPython write a byte into the *parent's* wakeup pipe
        (seen with strace in the incident): the parent's event loop wakes up for signals that
        were not its own, and once the pipe fills up the child's writes fail or block.

    Example
        ::

            signal.set_wakeup_fd(self.PIPE[1])       # gunicorn worker
            ...
            multiprocessing.Process(target=job).start()

    How to fix
        Call ``signal.set_wakeup_fd(-1)`` first thing in the child (together with resetting
        the handlers, FK201), or start children with ``spawn``/``forkserver``.
    """

    ID = "FK207"
    NAME = "wakeup-fd-inherited"
    GROUP = "signals"
    MESSAGE = "forked children inherit the signal wakeup fd and write into this process's wakeup pipe on every signal they get: call signal.set_wakeup_fd(-1) in the child, or use spawn/forkserver"
    TRIGGERS = frozenset({"set_wakeup_fd"})
    VALID = (
        """
        import os, signal, multiprocessing

        def child():
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

        r, w = os.pipe()
        os.set_blocking(w, False)
        signal.set_wakeup_fd(w)
        multiprocessing.Process(target=child, daemon=True).start()
        """,
        """
        import os, signal
        r, w = os.pipe()
        os.set_blocking(w, False)
        signal.set_wakeup_fd(w)              # no fork here
        """,
    )
    INVALID = (
        Invalid(
            """
            import os, signal, multiprocessing

            r, w = os.pipe()
            os.set_blocking(w, False)
            signal.set_wakeup_fd(w)

            def go(job):
                p = multiprocessing.Process(target=job)
                p.start()
                p.join()
            """,
            line=5,
        ),
    )

    def check(self) -> None:
        m = self.model
        if not any(s.forks_without_exec for s in fork_sites(m)):
            return
        calls = m.find_calls("signal.set_wakeup_fd")
        if any(c.args and _minus_one(c.args[0].value) for c in calls):
            return
        for call in calls:
            if call.args:
                self.report(call)


def _minus_one(node) -> bool:
    return isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus) and isinstance(node.expression, cst.Integer) and node.expression.value == "1"
