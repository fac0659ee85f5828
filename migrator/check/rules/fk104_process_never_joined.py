"""FK104 process-never-joined."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import method_call
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, fork_sites, is_daemon, lifecycle_handled


class ProcessNeverJoined(ForkRule):
    """
    What it does
        Flags ``p.start()`` of a non-daemonic ``multiprocessing.Process`` when ``p`` is not
        joined (or terminated) on every path after it, in the same function — or, for
        ``self._p``, nowhere in the class — and the process object is not handed on
        (returned, stored, passed to a call). ``Process(...).start()`` without a name can
        never be joined and is always flagged.

    Why is this bad
        ``multiprocessing`` registers an atexit handler that ``join()``s every non-daemonic
        child. A child still running when the parent exits therefore blocks the parent's
        exit: a gunicorn worker hangs for the whole ``graceful_timeout``, is SIGKILLed, and
        the child is re-parented to PID 1 — still running, still holding the server's
        sockets.

    Example
        ::

            def deploy(environ, start_response):
                p = multiprocessing.Process(target=run_playbook)
                p.start()
                return respond(start_response, 202)      # p is never joined

    How to fix
        ``join()`` the child on every path (``try: ... finally: p.join()``), after
        ``terminate()`` when you need it gone; or pass ``daemon=True`` for a helper that
        must die with its parent. Long-running background work belongs in a job queue.
    """

    ID = "FK104"
    NAME = "process-never-joined"
    GROUP = "process lifecycle"
    MESSAGE = "non-daemonic process is not joined on every path: multiprocessing's atexit handler will join() it and the parent hangs at exit; join() it (after terminate() if needed) or pass daemon=True for a helper that must die with the parent"
    TRIGGERS = frozenset({"Process", "Process("})
    VALID = (
        """
        from multiprocessing import Process

        def run(job):
            p = Process(target=job)
            p.start()
            try:
                print("waiting")
            finally:
                p.join()

        def helper(job):
            p = Process(target=job, daemon=True)
            p.start()

        def spawn(job):
            p = Process(target=job)
            p.start()
            return p                      # the caller owns it

        def many(jobs):
            procs = [Process(target=j) for j in jobs]
            for p in procs:
                p.start()
            for p in procs:
                p.join()
        """,
        """
        import multiprocessing

        class Service(object):
            def start(self):
                self._proc = multiprocessing.Process(target=print)
                self._proc.start()

            def stop(self):
                self._proc.terminate()
                self._proc.join(5)
        """,
    )
    INVALID = (
        Invalid(
            """
            from multiprocessing import Process

            def deploy(environ, start_response):
                p = Process(target=print)
                p.start()
                start_response("202 Accepted", [])
                return [b"started"]
            """,
            line=5,
        ),
        Invalid(
            """
            import multiprocessing as mp

            def kick(job, wait):
                p = mp.get_context("fork").Process(target=job)
                p.start()
                if wait:
                    p.join()
            """,
            line=5,
        ),
        Invalid(
            """
            from multiprocessing import Process
            def many(jobs):
                procs = [Process(target=j) for j in jobs]
                for p in procs:
                    p.start()
                print("started", len(procs))
            """,
            line=5,
        ),
        Invalid(
            """
            import multiprocessing
            def fire(job):
                multiprocessing.Process(target=job).start()
            """,
            line=3,
        ),
    )

    def check(self) -> None:
        m = self.model
        for site in fork_sites(m):
            if site.kind != "process":
                continue
            receiver = method_call(site.node)[0]
            if is_daemon(m, site.construction, receiver, site.scope):
                continue
            if isinstance(receiver, cst.Call):
                self.report(site.node)
                continue
            if not lifecycle_handled(m, site.node, receiver, site.scope, ("join", "terminate", "kill")):
                self.report(site.node)
