"""FK101 terminate-without-reap."""
from __future__ import annotations


import libcst as cst

from migrator.check.flow import FORK_CALLS, dotted, mentions, method_call
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, is_param, later_calls

_PROCESS_METHODS = frozenset({"is_alive", "join", "start", "exitcode", "pid", "poll", "wait", "communicate", "returncode"})
_REAPS = frozenset({"join", "wait", "communicate", "is_alive", "poll", "kill", "close", "exitcode", "returncode"})
_WAITS = frozenset({"os.waitpid", "os.wait", "os.wait3", "os.wait4", "multiprocessing.active_children", "os.kill", "os.killpg"})


class TerminateWithoutReap(ForkRule):
    """
    What it does
        Flags ``p.terminate()`` on a process, Popen or process pool, and
        ``os.kill(pid, SIGTERM)`` on a child's pid (``p.pid``, or what ``os.fork()``
        returned), when nothing after it in the function waits for the
        child (``join``/``wait``/``waitpid``), checks that it died (``is_alive()``/``poll()``)
        or escalates (``kill()``/SIGKILL).

    Why is this bad
        ``terminate()`` is one SIGTERM and no more. A child that inherited a non-fatal
        SIGTERM handler (a gunicorn worker's, for instance) shrugs it off and runs on unseen;
        one that did die stays a ``<defunct>`` zombie until somebody reaps it. Ansible 2.1's
        ``TaskQueueManager._cleanup_processes()`` did exactly this and leaked one
        CPU-burning process per request.

    Example
        ::

            def cleanup(self):
                self._result_prc.terminate()        # never joined, never re-checked

    How to fix
        Bound the wait, verify, escalate, reap::

            p.terminate()
            p.join(5)
            if p.is_alive():
                p.kill()                 # Python 2: os.kill(p.pid, signal.SIGKILL)
                p.join()

        A function that only receives the process as a parameter is not flagged: its caller
        owns the reaping. A plain ``p.join()`` after ``terminate()`` counts as reaping (it
        waits visibly instead of leaking silently).
    """

    ID = "FK101"
    NAME = "terminate-without-reap"
    GROUP = "process lifecycle"
    MESSAGE = "terminate() sends one SIGTERM and never waits: a child that handles SIGTERM survives unnoticed and a dead one stays a zombie; follow with join(timeout), check is_alive() and escalate to kill(), then join()"
    TRIGGERS = frozenset({"terminate(", "SIGTERM"})
    VALID = (
        """
        import multiprocessing
        def run(job):
            p = multiprocessing.Process(target=job)
            p.start()
            p.terminate()
            p.join(5)
            if p.is_alive():
                p.kill()
                p.join()
        """,
        """
        import subprocess
        def stop(proc):            # the caller reaps
            proc.terminate()

        def run():
            p = subprocess.Popen(["sleep", "10"])
            p.terminate()
            p.wait()
        """,
        """
        import os, signal
        def stop(pid):
            os.kill(pid, signal.SIGTERM)      # a pid from elsewhere (a parameter, a pid file)
        def restart(arbiter):
            os.kill(arbiter.pid, signal.SIGTERM)     # not a child of ours
        def stop_all(procs):
            for p in procs:
                p.terminate()
            for p in procs:
                p.join()
        """,
        """
        class Session(object):
            def terminate(self):
                self.conn.terminate()     # not a process: nothing says so
        """,
    )
    INVALID = (
        Invalid(
            """
            import multiprocessing

            class Manager(object):
                def start(self):
                    self._result_prc = multiprocessing.Process(target=print)
                    self._result_prc.start()

                def cleanup(self):
                    self._result_prc.terminate()
            """,
            line=9,
        ),
        Invalid(
            """
            from ansible.executor.process.result import ResultProcess

            class TaskQueueManager:
                def _initialize_processes(self, num):
                    self._result_prc = ResultProcess(self._final_q, self._workers)
                    self._result_prc.start()

                def _cleanup_processes(self):
                    if self._result_prc:
                        self._result_prc.terminate()
                        for (worker_prc, rslt_q) in self._workers:
                            rslt_q.close()
                            if worker_prc and worker_prc.is_alive():
                                worker_prc.terminate()
            """,
            line=10,
        ),
        Invalid(
            """
            import os, signal, time
            def run_for(seconds, work):
                pid = os.fork()
                if pid == 0:
                    try:
                        work()
                    finally:
                        os._exit(0)
                time.sleep(seconds)
                os.kill(pid, signal.SIGTERM)
                print("stopped")
            """,
            line=10,
        ),
    )

    def check(self) -> None:
        m = self.model
        for call, scope in m.calls:
            mc = method_call(call, ("terminate",))
            if mc is not None:
                receiver = mc[0]
                name = dotted(receiver)
                if name is None or is_param(scope, name):
                    continue
                kind = m.kind(receiver, scope)
                if kind not in ("process", "popen", "pool") and not self._duck_process(receiver, scope):
                    continue
                if not self._reaped(call, scope, name):
                    self.report(call)
                continue
            if m.call_name(call, scope) == "os.kill" and len(call.args) >= 2 and m.signal_name(call.args[1].value) == "SIGTERM":
                target = call.args[0].value
                tname = dotted(target)
                if tname is None or is_param(scope, tname) or not self._child_pid(target, scope):
                    continue
                if not self._reaped(call, scope, tname):
                    self.report(call, "os.kill(pid, SIGTERM) sends one signal and never waits: a child that handles SIGTERM survives unnoticed and a dead one stays a zombie; os.waitpid() with a deadline, then SIGKILL and reap")

    def _child_pid(self, target: cst.BaseExpression, scope) -> bool:
        """The pid is one of this process's children: ``p.pid`` of a Process/Popen, or a
        value ``os.fork()`` returned (a pid from elsewhere — the arbiter's, a pid file's —
        is not ours to reap)."""
        m = self.model
        if isinstance(target, cst.Attribute) and target.attr.value == "pid":
            return m.kind(target.value, scope) in ("process", "popen") or self._duck_process(target.value, scope)
        values = []
        if isinstance(target, cst.Name):
            values = m.lookup(target.value, scope)
        elif isinstance(target, cst.Attribute) and dotted(target.value) == "self":
            cls = m.class_of(scope)
            values = cls.attrs.get(target.attr.value, []) if cls else []
        for value in values:
            if isinstance(value, cst.Assign):  # pid, fd = os.forkpty()
                value = value.value
            if isinstance(value, cst.Call) and m.call_name(value) in FORK_CALLS:
                return True
            if isinstance(value, cst.Attribute) and value.attr.value == "pid" and m.kind(value.value) in ("process", "popen"):
                return True
        return False

    def _duck_process(self, receiver: cst.BaseExpression, scope) -> bool:
        """The function also calls is_alive()/join()/poll()... on the same receiver."""
        name = dotted(receiver)
        for call in scope.calls:
            mc = method_call(call)
            if mc and mc[1] in ("is_alive", "poll", "communicate") and dotted(mc[0]) == name:
                return True
        return False

    def _reaped(self, call: cst.Call, scope, name: str) -> bool:
        m = self.model
        owners = {name}
        if name.endswith(".pid"):
            owners.add(name[: -len(".pid")])  # os.kill(p.pid, ...) then p.wait()/p.join()
        loop_var = self._loop_target(call, name)
        here = m.pos(call)
        for later in later_calls(m, call, scope):
            if loop_var and m.pos(later) < here:
                continue  # an earlier statement of the loop runs for the *next* item
            mc = method_call(later)
            if mc and mc[1] in _REAPS and dotted(mc[0]) in owners:
                return True
            cname = m.call_name(later, scope)
            if cname in _WAITS:
                if cname in ("os.kill", "os.killpg"):
                    # os.kill(pid, 0) liveness probe or SIGKILL escalation
                    if len(later.args) >= 2 and (m.signal_name(later.args[1].value) in ("SIGKILL",) or _is_zero(later.args[1].value)):
                        return True
                    continue
                return True
            # handed to something else (a reaper, a wait-until helper, a list to wait for)
            if any(mentions(a.value, o) for a in later.args for o in owners):
                return True
        return False

    def _loop_target(self, call: cst.Call, name: str) -> bool:
        """``name`` is (an attribute of) the variable of a ``for`` loop around ``call``."""
        for anc in self.model.ancestors(call):
            if isinstance(anc, cst.For):
                target = dotted(anc.target)
                if target and (name == target or name.startswith(target + ".")):
                    return True
                if isinstance(anc.target, cst.Tuple) and any(dotted(e.value) == name.split(".")[0] for e in anc.target.elements):
                    return True
            if isinstance(anc, (cst.FunctionDef, cst.Lambda)):
                return False
        return False


def _is_zero(node) -> bool:
    return isinstance(node, cst.Integer) and node.value == "0"
