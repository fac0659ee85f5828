"""FK103 parent-side-state."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule

_BEFORE_FORK = frozenset({"__init__", "__new__", "__setstate__", "__getstate__", "__reduce__", "start", "__repr__", "__str__"})


class ParentSideState(ForkRule):
    """
    What it does
        In a ``multiprocessing.Process`` subclass, flags ``self.x = ...`` in a method that
        runs in the parent (``terminate``, ``stop``, ``close``, ... — any method other than
        ``__init__`` that ``run()`` does not call) when ``run()`` (or what it calls) reads
        ``self.x``.

    Why is this bad
        After ``start()`` the child has its own copy of the object. Setting an attribute in
        the parent changes the parent's copy only: the child's loop never sees
        ``self._terminated = True`` and keeps running (Ansible 2.1's ``ResultProcess``).

    Example
        ::

            class Worker(multiprocessing.Process):
                def run(self):
                    while not self._stopped:
                        ...
                def stop(self):
                    self._stopped = True        # the child never sees this

    How to fix
        Share the state through the process boundary: a ``multiprocessing.Event``
        (``self._stop = multiprocessing.Event()`` in ``__init__``, ``self._stop.set()`` in
        ``stop()``, ``while not self._stop.is_set()`` in ``run()``), a ``multiprocessing.Value``,
        or a sentinel message on the work queue.
    """

    ID = "FK103"
    NAME = "parent-side-state"
    GROUP = "process lifecycle"
    MESSAGE = "this attribute is set in the parent but read by run() in the child, which only has its own copy: use a multiprocessing.Event/Value or a queue message instead"
    TRIGGERS = frozenset({"Process", "Process("})
    VALID = (
        """
        import multiprocessing

        class Worker(multiprocessing.Process):
            def __init__(self):
                super().__init__()
                self._stop = multiprocessing.Event()
                self.count = 0

            def run(self):
                while not self._stop.is_set():
                    self._step()

            def _step(self):
                self.count += 1          # child-side state, set in the child

            def stop(self):
                self._stop.set()
                self.result = None       # parent-side only: run() never reads it
        """,
    )
    INVALID = (
        Invalid(
            """
            import multiprocessing, time

            class ResultProcess(multiprocessing.Process):
                def __init__(self, final_q):
                    super(ResultProcess, self).__init__()
                    self._final_q = final_q
                    self._terminated = False

                def terminate(self):
                    self._terminated = True
                    super(ResultProcess, self).terminate()

                def run(self):
                    while not self._terminated:
                        time.sleep(0.0001)
            """,
            line=10,
        ),
    )

    def check(self) -> None:
        m = self.model
        for info in m.classes.values():
            if "process" not in info.kinds or "run" not in info.methods:
                continue
            child_side = self._reachable(info, "run")
            read = set()
            for scope in child_side:
                for n in walk(scope.node):
                    if isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == "self":
                        read.add(n.attr.value)
            for name, scope in info.methods.items():
                if name in _BEFORE_FORK or scope in child_side:
                    continue
                for n in walk(scope.node):
                    targets = []
                    if isinstance(n, cst.Assign):
                        targets = [t.target for t in n.targets]
                    elif isinstance(n, (cst.AugAssign, cst.AnnAssign)):
                        targets = [n.target]
                    for t in targets:
                        if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value == "self" and t.attr.value in read:
                            self.report(n, f"self.{t.attr.value} is set in {name}() in the parent but read by run() in the child, which only has its own copy: use a multiprocessing.Event/Value or a queue message instead")

    def _reachable(self, info, start: str) -> list:
        first = self.where.method(info, start)
        out, todo = [], [first] if first else []
        while todo:
            scope = todo.pop()
            if scope in out:
                continue
            out.append(scope)
            todo.extend(self.where.callees(scope))
        return out
