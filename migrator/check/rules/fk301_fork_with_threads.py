"""FK301 fork-with-threads."""
from __future__ import annotations

from typing import Optional


from migrator.check.flow import dotted, keyword, method_call
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, at_import_time, fork_sites, thread_starts
from migrator.check.where import THREAD


class ForkWithThreads(ForkRule):
    """
    What it does
        Flags a fork without exec (``os.fork()``, ``Process.start()``/``Pool()`` with the
        ``fork`` start method) when the process may already run other threads:

        * the fork runs in a thread (a Thread ``target``/``run()``, a thread-pool job);
        * this module starts a thread or creates a thread pool at import time;
        * the same function started a thread earlier and has not joined it.

        Not flagged when the module holds locks across the fork with
        ``os.register_at_fork(before=...)``.

    Why is this bad
        ``fork()`` copies only the calling thread. Locks that other threads held at that
        moment stay locked forever in the child: its first ``logging`` call (Python 2),
        ``print``, allocator, or your own lock deadlocks. Python 3.12+ warns
        ("This process is multi-threaded, use of fork() may lead to deadlocks in the child").
        gthread workers, thread pools, metrics and logging threads started at import with
        ``--preload``, and multiprocessing's own Queue feeder threads all count.

    Example
        ::

            threading.Thread(target=ship_metrics, daemon=True).start()   # at import time
            ...
            def handle(job):
                multiprocessing.Process(target=job).start()              # forks with a thread running

    How to fix
        Use ``multiprocessing.get_context("spawn")`` or ``"forkserver"`` (a clean process, no
        inherited locks); or fork before any thread starts; or hold the relevant locks across
        the fork with ``os.register_at_fork(before=..., after_in_parent=..., after_in_child=...)``
        (what ansible-core does with its display lock).
    """

    ID = "FK301"
    NAME = "fork-with-threads"
    GROUP = "fork with threads/sockets"
    MESSAGE = "forks while other threads may run: locks they hold stay locked forever in the child, which can deadlock (Python 3.12+ warns); use get_context(\"spawn\"/\"forkserver\"), fork before starting threads, or hold the locks across the fork (os.register_at_fork)"
    SEVERITY = "error"
    TRIGGERS = frozenset({"fork", "Process", "Process(", "Pool", "ProcessPoolExecutor"})
    VALID = (
        """
        import multiprocessing, threading

        threading.Thread(target=print, daemon=True).start()

        def handle(job):
            ctx = multiprocessing.get_context("forkserver")
            p = ctx.Process(target=job)
            p.start()
            p.join()
        """,
        """
        import os, threading

        def run(work):
            pid = os.fork()                  # before any thread exists
            if pid == 0:
                os._exit(0)
            os.waitpid(pid, 0)
            t = threading.Thread(target=work)
            t.start()
            t.join()
        """,
    )
    INVALID = (
        Invalid(
            """
            import multiprocessing, threading, time

            def ship_metrics():
                while True:
                    time.sleep(10)

            threading.Thread(target=ship_metrics, daemon=True).start()

            def handle(job):
                p = multiprocessing.Process(target=job)
                p.start()
                p.join()
            """,
            line=11,
        ),
        Invalid(
            """
            import os, threading

            def run(work):
                t = threading.Thread(target=work)
                t.start()
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                os.waitpid(pid, 0)
                t.join()
            """,
            line=6,
        ),
        Invalid(
            """
            import os
            from concurrent.futures import ThreadPoolExecutor

            def job():
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                return os.waitpid(pid, 0)

            with ThreadPoolExecutor(4) as ex:
                ex.submit(job)
            """,
            line=5,
        ),
    )

    def check(self) -> None:
        m = self.model
        sites = [s for s in fork_sites(m) if s.forks_without_exec]
        if not sites or self._locks_held_across_fork():
            return
        starts = thread_starts(m)
        for site in sites:
            at_import = next((c for c, _ in starts if at_import_time(m, c, unless_reaches=site.node)), None)
            why = self._why(site, starts, at_import)
            if why:
                self.report(site.node, f"{site.describe()} forks while other threads may run ({why}): locks they hold stay locked forever in the child, which can deadlock (Python 3.12+ warns); use get_context(\"spawn\"/\"forkserver\"), fork before starting threads, or hold the locks across the fork (os.register_at_fork)")

    def _why(self, site, starts, at_import) -> Optional[str]:
        m = self.model
        scope = site.scope
        if THREAD in self.where.of(scope):
            return f"it runs in {self.where.why(scope, THREAD) or 'a thread'}"
        if at_import is not None and at_import is not site.node:
            return f"a thread is started at import time, line {m.pos(at_import)[0]}"
        here = m.pos(site.node)
        f = m.function_of(site.node)
        for call, _ in starts:
            if m.function_of(call) is not f or f is None or m.pos(call) >= here:
                continue
            mc = method_call(call, ("start",))
            name = dotted(mc[0]) if mc else None
            if name and any(
                (j := method_call(c, ("join",))) and dotted(j[0]) == name and m.pos(call) < m.pos(c) < here for c in f.calls
            ):
                continue
            return f"a thread is started earlier in this function, line {m.pos(call)[0]}"
        return None

    def _locks_held_across_fork(self) -> bool:
        m = self.model
        return any(keyword(c, "before") is not None for c in m.find_calls("os.register_at_fork"))
