"""FK201 fork-inherits-signal-handlers."""
from __future__ import annotations

from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, child_resets, delegates, fork_sites, installs_shutdown_handler, server_reason


class ForkInheritsSignalHandlers(ForkRule):
    """
    What it does
        Flags a fork without exec — ``os.fork()``, ``Process.start()`` or ``Pool()`` with the
        ``fork`` start method (the default on Linux before Python 3.14) — made from a server
        worker (a WSGI/ASGI callable, a view, a Celery task, a gunicorn hook, and what they
        call in the module) or from a module that installs its own SIGTERM/SIGINT handler
        that does not end the process (then only for a child whose code is in this module and
        does not hand over to an object of a class from elsewhere, like gunicorn's
        ``worker.init_process()``, which may reset them),
        when the child does not reset those signals: no ``signal.signal(SIGTERM, SIG_DFL)``
        (or a handler that exits) in the Process ``run()``/``target``/pool initializer or the
        fork child branch, no ``os.register_at_fork(after_in_child=...)`` /
        ``multiprocessing.util.register_after_fork`` in the module, and no exec.

    Why is this bad
        ``fork()`` copies the parent's signal dispositions, Python-level handlers included.
        A gunicorn worker's SIGTERM handler only sets ``self.alive = False``; in the child it
        sets a flag on a copy nobody reads, so ``p.terminate()`` and ``kill PID`` do nothing.
        This is the root cause of the incident: one immortal, CPU-burning child per request,
        orphaned to PID 1 when the server stops. Python 3 does not change it.

    Example
        ::

            def application(environ, start_response):
                p = multiprocessing.Process(target=poll_forever)
                p.start()
                ...
                p.terminate()        # SIGTERM swallowed by the inherited handler

    How to fix
        Reset the signals first thing in the child::

            def poll_forever():
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                ...

        or once for every child (``os.register_at_fork(after_in_child=reset)`` on Python
        3.7+; ``multiprocessing.util.register_after_fork(obj, reset)`` on Python 2); or use
        ``multiprocessing.get_context("spawn")``/``"forkserver"``; or run the job out of
        process (a subprocess, a job queue).
    """

    ID = "FK201"
    NAME = "fork-inherits-signal-handlers"
    GROUP = "signals"
    MESSAGE = "the child inherits this process's Python SIGTERM/SIGINT handlers, so terminate()/kill PID may do nothing: reset SIGTERM/SIGINT to SIG_DFL first thing in the child (os.register_at_fork(after_in_child=...); Py2: multiprocessing.util.register_after_fork), or use get_context(\"spawn\"/\"forkserver\") or a subprocess"
    SEVERITY = "error"
    TRIGGERS = frozenset({"fork", "Process", "Process(", "Pool", "ProcessPoolExecutor"})
    VALID = (
        """
        import multiprocessing, signal, time

        def poll_forever():
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            while True:
                time.sleep(1)

        def application(environ, start_response):
            p = multiprocessing.Process(target=poll_forever)
            p.start()
            p.terminate()
            p.join()
            start_response("200 OK", [])
            return [b"ok"]
        """,
        """
        import multiprocessing

        def application(environ, start_response):
            ctx = multiprocessing.get_context("spawn")
            p = ctx.Process(target=print)
            p.start()
            p.join()
            start_response("200 OK", [])
            return [b"ok"]
        """,
        """
        import os, signal

        def reset():
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

        os.register_at_fork(after_in_child=reset)

        def application(environ, start_response):
            pid = os.fork()
            if pid == 0:
                os._exit(0)
            os.waitpid(pid, 0)
            start_response("200 OK", [])
            return [b"ok"]
        """,
        """
        import os
        def main():                       # a command-line program: no server handlers
            pid = os.fork()
            if pid == 0:
                os._exit(0)
            os.waitpid(pid, 0)
        """,
    )
    INVALID = (
        Invalid(
            """
            import multiprocessing, time

            def busy_poller():
                while True:
                    time.sleep(0.0001)

            def application(environ, start_response):
                ctx = multiprocessing.get_context("fork")
                p = ctx.Process(target=busy_poller)
                p.start()
                p.terminate()
                p.join(2)
                start_response("200 OK", [])
                return [b"done"]
            """,
            line=10,
        ),
        Invalid(
            """
            import os, signal

            class Server(object):
                def __init__(self):
                    self.alive = True
                    signal.signal(signal.SIGTERM, self.handle_exit)

                def handle_exit(self, sig, frame):
                    self.alive = False

                def spawn(self, work):
                    pid = os.fork()
                    if pid == 0:
                        try:
                            work()
                        finally:
                            os._exit(0)
                    return pid
            """,
            line=12,
        ),
        Invalid(
            """
            from flask import Flask
            from multiprocessing import Pool

            app = Flask(__name__)

            @app.route("/report")
            def report():
                with Pool(2) as pool:
                    return ",".join(pool.map(str, range(4)))
            """,
            line=8,
        ),
    )

    def check(self) -> None:
        m = self.model
        handler = None
        for site in fork_sites(m):
            if not site.forks_without_exec:
                continue
            why = server_reason(self.where, site.node)
            if why is None:
                if handler is None:
                    handler = installs_shutdown_handler(m, non_exiting=True) or False
                if not handler:
                    continue
                # the handler is this module's: judge only a child whose code we can see
                if not site.child_known or delegates(m, site.child):
                    continue
                why = "a module that installs its own SIGTERM/SIGINT handler"
            if child_resets(m, site):
                continue
            self.report(site.node, f"{site.describe()} forks from {why} and the child inherits its Python SIGTERM/SIGINT handlers, so terminate()/kill PID may do nothing: reset them to SIG_DFL first thing in the child (os.register_at_fork(after_in_child=...); Py2: multiprocessing.util.register_after_fork), or use get_context(\"spawn\"/\"forkserver\") or a subprocess")
