"""FK109 pool-lifecycle."""
from __future__ import annotations


import libcst as cst

from migrator.check.flow import dotted, method_call, walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, lifecycle_handled, server_reason

_ASYNC = frozenset({"apply_async", "map_async", "starmap_async", "imap", "imap_unordered"})
_CONSUME = frozenset({"get", "wait", "ready", "successful", "next"})


class PoolLifecycle(ForkRule):
    """
    What it does
        Flags a ``multiprocessing.Pool`` (also through a context, ``ctx.Pool``) that is

        * created in request/worker code (a WSGI callable, a view, a Celery task): one pool
          per request;
        * bound to a local name outside ``with`` and not ``close()``d + ``join()``ed (or
          ``terminate()``d) on every path, nor handed on; or used unnamed
          (``Pool(4).map(...)``);
        * a ``with Pool() as pool:`` block that starts asynchronous work (``apply_async``,
          ``map_async``, ``imap``...) and does not wait for its results inside the block —
          ``Pool.__exit__`` calls ``terminate()``, not ``close()`` + ``join()``, so that work is
          killed unfinished.

    Why is this bad
        Worker processes leak when an exception skips the cleanup, and an unclosed pool
        hangs the interpreter at exit (bpo-38501). A pool per request forks a set of workers
        from the server worker on every request — each inheriting its signal handlers
        (FK201) and sockets (FK302).

    Example
        ::

            with multiprocessing.Pool(4) as pool:
                pool.map_async(send_mail, users)    # terminate() at the end of the block

    How to fix
        Create the pool once, at startup, with a spawn context
        (``ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn"))``), and close
        it at shutdown. For a local pool: ``with Pool() as pool: results = pool.map(...)``
        (results read inside the block), or ``pool.close(); pool.join()`` in ``finally``.
    """

    ID = "FK109"
    NAME = "pool-lifecycle"
    GROUP = "process lifecycle"
    MESSAGE = "this Pool is not closed and joined on every path (its workers leak, and an unclosed pool can hang the interpreter at exit): use `with Pool() as pool:` and read the results inside the block, or close() and join() it in finally"
    TRIGGERS = frozenset({"Pool"})
    VALID = (
        """
        import multiprocessing

        def square(x):
            return x * x

        def compute(xs):
            with multiprocessing.Pool(4) as pool:
                return pool.map(square, xs)

        def compute_async(xs):
            with multiprocessing.Pool(4) as pool:
                res = pool.map_async(square, xs)
                return res.get(timeout=60)

        def manual(xs):
            pool = multiprocessing.Pool(2)
            try:
                return pool.map(square, xs)
            finally:
                pool.close()
                pool.join()
        """,
        """
        from multiprocessing import get_context

        POOL = get_context("spawn").Pool(4)     # created once, at startup
        """,
    )
    INVALID = (
        Invalid(
            """
            from multiprocessing import Pool as P

            def compute(xs):
                pool = P(4)
                return pool.map(abs, xs)
            """,
            line=4,
        ),
        Invalid(
            """
            import multiprocessing

            def notify(users):
                with multiprocessing.Pool(4) as pool:
                    pool.map_async(print, users)
            """,
            line=5,
        ),
        Invalid(
            """
            import multiprocessing

            def application(environ, start_response):
                with multiprocessing.Pool(2) as pool:
                    body = pool.map(str, range(10))
                start_response("200 OK", [])
                return [", ".join(body).encode()]
            """,
            line=4,
        ),
    )

    def check(self) -> None:
        m = self.model
        for call, scope in m.calls:
            if m.constructed_kind(call, scope) != "pool":
                continue
            why = server_reason(self.where, call)
            if why:
                self.report(call, f"a Pool is created per request in {why}: it forks a set of workers from the server worker on every call (each inherits its signal handlers and sockets); create the pool once at startup with a spawn context, or run the work in a job queue")
                continue
            parent = m.parent_of(call)
            if isinstance(parent, cst.WithItem):
                self._with(parent, scope)
                continue
            if isinstance(parent, cst.Attribute) and parent.value is call:
                self.report(call)  # Pool(4).map(...): never closed
                continue
            if not scope.is_function:
                continue  # module level: a pool created once, lives as long as the program
            if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
                target = parent.targets[0].target
                if isinstance(target, cst.Name) and not lifecycle_handled(m, call, target, scope, ("join", "terminate")):
                    self.report(call)

    def _with(self, item: cst.WithItem, scope) -> None:
        m = self.model
        if item.asname is None or not isinstance(item.asname.name, cst.Name):
            return
        pool = item.asname.name.value
        block = m.parent_of(item)
        if not isinstance(block, cst.With):
            return
        for n in walk(block.body):
            mc = method_call(n, _ASYNC)
            if mc is None or dotted(mc[0]) != pool:
                continue
            parent = m.parent_of(n)
            if isinstance(parent, cst.Expr):
                self.report(n, f"{mc[1]}() result is dropped inside `with Pool()`: the block's exit calls terminate(), killing unfinished work; wait for the result inside the block (.get()), or close() and join() the pool before leaving it")
                continue
            if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
                res = parent.targets[0].target.value
                if not self._consumed(block.body, res, n):
                    self.report(n, f"{mc[1]}() result is not waited for inside `with Pool()`: the block's exit calls terminate(), killing unfinished work; call .get() inside the block, or close() and join() the pool before leaving it")
            elif isinstance(parent, (cst.Arg, cst.For, cst.Return, cst.CompFor)):
                continue  # consumed at once

    def _consumed(self, body: cst.CSTNode, name: str, origin: cst.CSTNode) -> bool:
        for n in walk(body):
            if n is origin:
                continue
            mc = method_call(n, _CONSUME)
            if mc and dotted(mc[0]) == name:
                return True
            if isinstance(n, (cst.For, cst.CompFor)) and dotted(n.iter) == name:
                return True
            if isinstance(n, cst.Arg) and dotted(n.value) == name:
                return True
            if isinstance(n, cst.Return) and n.value is not None and dotted(n.value) == name:
                return False
        # close() + join() inside the block waits for everything
        joined = any(method_call(n, ("join",)) and dotted(method_call(n)[0]) == dotted(getattr(origin.func, "value", None)) for n in walk(body))
        return joined
