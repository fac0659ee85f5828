"""FK102 child-loop-without-exit."""
from __future__ import annotations

from typing import Iterator

import libcst as cst

from migrator.check.flow import is_while_true, method_call, walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import EXIT_CALLS, ForkRule, fork_sites
from migrator.check.where import CHILD

_POLLS = frozenset({"empty", "get_nowait", "poll", "qsize", "full"})


class ChildLoopWithoutExit(ForkRule):
    """
    What it does
        Flags a ``while True:`` loop in code that runs in a child process (``Process.run``,
        a Process ``target``, a pool function, the child branch of ``os.fork()``) that has no
        way out in normal flow: no ``break``, ``return``, ``raise`` or exit call outside an
        ``except`` handler.

    Why is this bad
        Such a loop ends only when a signal kills the process (or raises inside it). If the
        child inherited a handler that swallows SIGTERM, nothing ends it: it runs forever,
        and with a short ``time.sleep()`` or ``q.empty()``/``get_nowait()`` polling it burns a
        CPU core. Ansible 2.1's ``ResultProcess.run()`` was this loop (``sleep(0.0001)``).

    Example
        ::

            def run(self):
                while True:
                    result = self._read_worker_result()
                    if result is None:
                        time.sleep(0.0001)
                        continue
                    ...

    How to fix
        Give the loop an exit condition the parent controls: block on
        ``q.get(timeout=...)`` and stop on a sentinel (``None``) or a
        ``multiprocessing.Event``; also stop when ``os.getppid()`` changes (the parent is
        gone), or ask the kernel for ``prctl(PR_SET_PDEATHSIG)`` on Linux.
    """

    ID = "FK102"
    NAME = "child-loop-without-exit"
    GROUP = "process lifecycle"
    MESSAGE = "this loop in a child process has no exit condition (only a signal ends it): block on q.get(timeout=...) and stop on a sentinel or a multiprocessing.Event, and stop when os.getppid() changes"
    TRIGGERS = frozenset({"Process", "Process(", "fork", "Pool", "ProcessPoolExecutor"})
    VALID = (
        """
        import multiprocessing, queue

        def consumer(q, stop):
            while True:
                try:
                    item = q.get(timeout=1)
                except queue.Empty:
                    if stop.is_set():
                        break
                    continue
                if item is None:
                    break
                print(item)

        def start():
            q, stop = multiprocessing.Queue(), multiprocessing.Event()
            p = multiprocessing.Process(target=consumer, args=(q, stop))
            p.start()
            return p, q, stop
        """,
        """
        import time
        def serve_forever():          # not a child process: the main program's loop
            while True:
                time.sleep(1)
        """,
    )
    INVALID = (
        Invalid(
            """
            import multiprocessing, time

            class ResultProcess(multiprocessing.Process):
                def run(self):
                    while True:
                        try:
                            result = self._read_worker_result()
                            if result is None:
                                time.sleep(0.0001)
                                continue
                            self._send_result(result)
                        except (IOError, EOFError, KeyboardInterrupt, SystemExit):
                            break
            """,
            line=5,
        ),
        Invalid(
            """
            import multiprocessing, time

            def poller(q):
                while True:
                    if not q.empty():
                        print(q.get_nowait())
                    time.sleep(0.001)

            def start():
                q = multiprocessing.Queue()
                p = multiprocessing.Process(target=poller, args=(q,))
                p.start()
                return p, q
            """,
            line=4,
        ),
        Invalid(
            """
            import os, time
            def spawn():
                pid = os.fork()
                if pid == 0:
                    while 1:
                        time.sleep(0.01)
                return pid
            """,
            line=5,
        ),
    )

    def check(self) -> None:
        m = self.model
        seen = set()
        for scope in m.functions():
            if CHILD not in self.where.of(scope):
                continue
            for stmt in scope.body():
                for loop in _loops(stmt):
                    if id(loop) not in seen and self._endless(loop):
                        seen.add(id(loop))
                        self.report(loop, self._message(loop))
        for site in fork_sites(m):
            if site.kind != "fork":
                continue
            for stmt in site.child:
                for loop in _loops(stmt):
                    if id(loop) not in seen and self._endless(loop):
                        seen.add(id(loop))
                        self.report(loop, self._message(loop))

    def _endless(self, loop: cst.While) -> bool:
        for n in _own_nodes(loop.body, in_handler=False):
            node, in_handler = n
            if in_handler:
                continue
            if isinstance(node, (cst.Break, cst.Return, cst.Raise)):
                return False
            if isinstance(node, cst.Call):
                name = self.model.call_name(node) or ""
                if name in EXIT_CALLS or name.startswith(("os.exec",)):
                    return False
        return True

    def _message(self, loop: cst.While) -> str:
        for node, _ in _own_nodes(loop.body, in_handler=False):
            if isinstance(node, cst.Call):
                name = self.model.call_name(node) or ""
                mc = method_call(node, _POLLS)
                if mc is not None or (name == "time.sleep" and node.args and _short(node.args[0].value)):
                    return "this child process busy-polls in a loop with no exit condition (it burns CPU and only a signal ends it): block on q.get(timeout=...) and stop on a sentinel or a multiprocessing.Event, and stop when os.getppid() changes"
        return self.MESSAGE


def _short(node) -> bool:
    try:
        return isinstance(node, (cst.Float, cst.Integer)) and float(node.value) < 0.01
    except ValueError:
        return False


def _loops(stmt: cst.CSTNode) -> Iterator[cst.While]:
    for n in walk(stmt):
        if is_while_true(n):
            yield n


def _own_nodes(node: cst.CSTNode, in_handler: bool):
    """Nodes of a loop body that belong to this loop: nested loops' break/continue and
    nested defs are skipped; ``in_handler`` tells whether a node sits in an except handler."""
    from migrator.check.flow import children

    stack = [(node, in_handler)]
    while stack:
        current, handler = stack.pop()
        yield current, handler
        for child in children(current):
            if isinstance(child, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                continue
            if isinstance(child, (cst.For, cst.While)):
                # a nested loop: its break/continue are its own; return/raise still leave
                for sub, h in _own_nodes(child, handler):
                    if isinstance(sub, (cst.Return, cst.Raise, cst.Call)):
                        stack.append((sub, h))
                continue
            stack.append((child, handler or isinstance(child, (cst.ExceptHandler, cst.ExceptStarHandler))))
