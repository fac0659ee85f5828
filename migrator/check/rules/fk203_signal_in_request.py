"""FK203 signal-handler-in-request."""
from __future__ import annotations

from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, saves_and_restores_signals
from migrator.check.where import CHILD, REQUEST, THREAD


class SignalHandlerInRequest(ForkRule):
    """
    What it does
        Flags ``signal.signal(...)`` in code that runs off the main thread (a Thread
        ``target``/``run()``, a function submitted to a thread pool, ``asyncio.to_thread``)
        or in request code (a WSGI/ASGI callable, a view, a Celery task, and what they call
        in the module). In request code, a function that saves the old handler
        (``signal.getsignal()`` or the value ``signal.signal()`` returns) and sets it back in
        a ``finally`` block is not flagged.

    Why is this bad
        On Python 3, ``signal.signal()`` raises
        ``ValueError: signal only works in main thread of the main interpreter`` off the
        main thread: under gunicorn's gthread worker, a thread pool or ``asyncio.to_thread``
        every such request fails. On the main thread (sync worker) it silently replaces the
        server's graceful-shutdown handler for the rest of the worker's life: the next
        SIGTERM (deploy, HUP, ``max_requests``) kills the worker at once and cuts off the
        requests in flight.

    Example
        ::

            def application(environ, start_response):
                signal.signal(signal.SIGTERM, on_term)     # replaces gunicorn's handler
                ...

    How to fix
        Install handlers once, at program start, on the main thread. If request code must
        change one, save and restore it (main thread only)::

            old = signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                run_job()
            finally:
                signal.signal(signal.SIGTERM, old)

        or run the job in a subprocess, which gets its own handlers.
    """

    ID = "FK203"
    NAME = "signal-handler-in-request"
    GROUP = "signals"
    MESSAGE = "signal.signal() in request/worker code replaces the server's graceful-shutdown handler (and raises ValueError off the main thread): install handlers once at startup, save and restore them around the call, or run the job in a subprocess"
    TRIGGERS = frozenset({"signal("})
    VALID = (
        """
        import signal

        def on_term(sig, frame):
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, on_term)     # once, at import, on the main thread

        def application(environ, start_response):
            old = signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                body = b"ran"
            finally:
                signal.signal(signal.SIGTERM, old)
            start_response("200 OK", [])
            return [body]
        """,
        """
        import multiprocessing, signal

        def child():
            signal.signal(signal.SIGTERM, signal.SIG_DFL)   # in a child process: the fix for FK201

        def main():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            multiprocessing.Process(target=child).start()
        """,
    )
    INVALID = (
        Invalid(
            """
            import signal

            def on_term(sig, frame):
                raise SystemExit(0)

            def application(environ, start_response):
                signal.signal(signal.SIGTERM, on_term)
                start_response("200 OK", [])
                return [b"ok"]
            """,
            line=7,
        ),
        Invalid(
            """
            import signal, threading

            def job():
                signal.signal(signal.SIGALRM, lambda s, f: None)

            threading.Thread(target=job).start()
            """,
            line=4,
        ),
        Invalid(
            """
            import signal
            from concurrent.futures import ThreadPoolExecutor

            def with_timeout(seconds):
                signal.alarm(seconds)
                signal.signal(signal.SIGALRM, signal.SIG_DFL)

            executor = ThreadPoolExecutor(4)
            executor.submit(with_timeout, 5)
            """,
            line=6,
        ),
    )

    def check(self) -> None:
        m = self.model
        for call in m.find_calls("signal.signal"):
            scope = m.scope_of(call)
            contexts = self.where.of(scope)
            if CHILD in contexts:
                continue
            if THREAD in contexts:
                why = self.where.why(scope, THREAD)
                self.report(call, f"signal.signal() in {why or 'thread code'} raises ValueError: signal only works in the main thread: install handlers once at startup on the main thread, or run the job in a subprocess")
            elif REQUEST in contexts:
                f = m.function_of(call)
                if f is not None and saves_and_restores_signals(m, f):
                    continue
                why = self.where.why(scope, REQUEST)
                self.report(call, f"signal.signal() in {why or 'request code'} replaces the server's graceful-shutdown handler for the rest of the worker's life (and raises ValueError off the main thread): install handlers once at startup, save and restore them in finally, or run the job in a subprocess")
