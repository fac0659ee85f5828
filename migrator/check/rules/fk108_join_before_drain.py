"""FK108 join-before-queue-drained."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import dotted, mentions, method_call
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, construction_of

_GETS = ("get", "get_nowait", "recv")


class JoinBeforeQueueDrained(ForkRule):
    """
    What it does
        In one function that creates a ``multiprocessing.Queue`` (also ``JoinableQueue``,
        ``SimpleQueue``), hands it to a child process and later reads it with ``q.get()``:
        flags a ``p.join()`` of that child that comes *before* the first ``q.get()``.

    Why is this bad
        A child that ``put()`` data on a queue cannot exit until the data is flushed into
        the underlying pipe (its feeder thread is joined at exit). Once the pipe buffer
        (64 KiB on Linux) is full, the child waits for the parent to read, while the parent
        waits in ``join()`` for the child to exit: a deadlock, with any item larger than the
        buffer or enough small ones. Measured on Python 2.7 and 3.11 alike.

    Example
        ::

            q = multiprocessing.Queue()
            p = multiprocessing.Process(target=producer, args=(q,))
            p.start()
            p.join()              # waits forever once the child has put 1 MiB
            data = q.get()

    How to fix
        Drain first, then join::

            data = q.get()        # or loop until a sentinel / as many items as expected
            p.join()

        ``q.cancel_join_thread()`` in the child lets it exit without flushing, but loses
        the data: only when that is acceptable.
    """

    ID = "FK108"
    NAME = "join-before-queue-drained"
    GROUP = "process lifecycle"
    MESSAGE = "join() before draining the queue this child put() to: once the pipe buffer is full the child cannot exit and join() waits forever; get() everything first, then join()"
    TRIGGERS = frozenset({"Queue"})
    VALID = (
        """
        import multiprocessing

        def producer(q):
            q.put("x" * (1 << 20))

        def main():
            q = multiprocessing.Queue()
            p = multiprocessing.Process(target=producer, args=(q,))
            p.start()
            data = q.get()
            p.join()
            return data
        """,
        """
        import multiprocessing
        def fan_out(n):
            q = multiprocessing.Queue()
            procs = [multiprocessing.Process(target=print, args=(q,)) for _ in range(n)]
            for p in procs:
                p.start()
            results = [q.get() for _ in procs]
            for p in procs:
                p.join()
            return results
        """,
    )
    INVALID = (
        Invalid(
            """
            import multiprocessing

            def producer(q):
                q.put("x" * (1 << 20))

            def main():
                q = multiprocessing.Queue()
                p = multiprocessing.Process(target=producer, args=(q,))
                p.start()
                p.join()
                return q.get()
            """,
            line=10,
        ),
        Invalid(
            """
            from multiprocessing import Process, Queue
            def fan_out(jobs):
                results = Queue()
                procs = []
                for job in jobs:
                    p = Process(target=job, kwargs={"out": results})
                    p.start()
                    procs.append(p)
                for p in procs:
                    p.join()
                return [results.get() for _ in jobs]
            """,
            line=10,
        ),
    )

    def check(self) -> None:
        m = self.model
        for scope in m.functions():
            queues = {
                name for name, values in scope.bindings.items()
                if any(isinstance(v, cst.Call) and m.constructed_kind(v, scope) == "queue" for v in values)
            }
            if not queues:
                continue
            fed = {q for q in queues if any(m.constructed_kind(c, scope) == "process" and any(mentions(a.value, q) for a in c.args) for c in scope.calls)}
            for q in fed:
                gets = [m.pos(c) for c in scope.calls if (mc := method_call(c, _GETS)) and dotted(mc[0]) == q]
                if not gets:
                    continue
                first_get = min(gets)
                for c in scope.calls:
                    mc = method_call(c, ("join",))
                    if mc is None or m.kind(mc[0], scope) != "process":
                        continue
                    built = construction_of(m, mc[0], scope)
                    if built is not None and not any(mentions(a.value, q) for a in built.args):
                        continue
                    if m.pos(c) < first_get:
                        self.report(c)
