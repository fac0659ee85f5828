"""FK107 child-loop-swallows-exit."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import EXIT_CALLS, ForkRule, fork_sites, in_loop
from migrator.check.where import CHILD

_BROAD = frozenset({"BaseException", "SystemExit", "KeyboardInterrupt", "GeneratorExit"})


class ChildLoopSwallowsExit(ForkRule):
    """
    What it does
        In code that runs in a child process (``Process.run``, a Process ``target``, a pool
        function, an ``os.fork()`` child branch), flags an ``except:`` /
        ``except BaseException:`` (or one naming ``SystemExit``/``KeyboardInterrupt``) inside
        a loop whose handler carries on (``continue``, ``pass``, logging) instead of
        re-raising, breaking out, returning or exiting.

    Why is this bad
        Signal handlers stop a process by raising: ``sys.exit()`` raises ``SystemExit``,
        SIGINT raises ``KeyboardInterrupt``. A loop that catches and ignores them turns
        SIGINT/SIGQUIT/SIGTERM-with-handler into no-ops: the child can only be SIGKILLed.

    Example
        ::

            def run(self):
                while True:
                    try:
                        self.step()
                    except:                 # also swallows SystemExit from a handler
                        continue

    How to fix
        Catch ``Exception`` (what you mean by "any error") and let ``SystemExit`` and
        ``KeyboardInterrupt`` propagate; if you must catch them, ``break`` or ``raise``.
    """

    ID = "FK107"
    NAME = "child-loop-swallows-exit"
    GROUP = "process lifecycle"
    MESSAGE = "this handler in a child process loop also swallows SystemExit/KeyboardInterrupt raised by signal handlers, so the child cannot be stopped: catch Exception and let SystemExit/KeyboardInterrupt propagate"
    TRIGGERS = frozenset({"Process", "Process(", "fork", "Pool", "ProcessPoolExecutor"})
    VALID = (
        """
        import multiprocessing, logging

        def worker(q):
            while True:
                try:
                    item = q.get()
                    if item is None:
                        break
                    print(item)
                except Exception:
                    logging.exception("job failed")
                    continue
                except (KeyboardInterrupt, SystemExit):
                    break

        def start(q):
            p = multiprocessing.Process(target=worker, args=(q,))
            p.start()
            return p
        """,
        """
        def main_loop(step):              # not a child process
            while True:
                try:
                    step()
                except:
                    continue
        """,
    )
    INVALID = (
        Invalid(
            """
            import multiprocessing

            class Worker(multiprocessing.Process):
                def run(self):
                    while True:
                        try:
                            self.step()
                        except:
                            continue
            """,
            line=8,
        ),
        Invalid(
            """
            import os
            def spawn(step):
                pid = os.fork()
                if pid == 0:
                    try:
                        for i in range(100):
                            try:
                                step(i)
                            except BaseException as e:
                                print(e)
                    finally:
                        os._exit(0)
                return pid
            """,
            line=9,
        ),
    )

    def check(self) -> None:
        m = self.model
        regions = []
        for scope in m.functions():
            if CHILD in self.where.of(scope):
                regions.append((list(scope.body()), scope.node))
        for site in fork_sites(m):
            if site.kind == "fork" and site.child and not site.child_continues:
                regions.append((site.child, None))
        seen = set()
        for stmts, stop in regions:
            for s in stmts:
                for n in walk(s):
                    if not isinstance(n, cst.ExceptHandler) or id(n) in seen or not self._broad(n) or self._leaves(n):
                        continue
                    loop = in_loop(m, n, stop)
                    # the loop must be the child's own, not one around the fork
                    if loop is not None and (loop is s or any(a is s for a in m.ancestors(loop))):
                        seen.add(id(n))
                        self.report(n)

    def _broad(self, handler: cst.ExceptHandler) -> bool:
        t = handler.type
        if t is None:
            return True
        names = [el.value for el in t.elements] if isinstance(t, cst.Tuple) else [t]
        for name in names:
            ref = self.model.resolve(name)
            last = (ref.name if ref else getattr(name, "value", "")).rsplit(".", 1)[-1]
            if last in _BROAD:
                return True
        return False

    def _leaves(self, handler: cst.ExceptHandler) -> bool:
        for n in walk(handler.body):
            if isinstance(n, (cst.Raise, cst.Break, cst.Return)):
                return True
            if isinstance(n, cst.Call) and (self.model.call_name(n) or "") in EXIT_CALLS:
                return True
        return False
