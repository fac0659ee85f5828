"""FK101 terminate-without-reap."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from migrator.check.flow import dotted, method_call, walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, is_param, later_calls

_PROCESS_METHODS = frozenset({"is_alive", "join", "start", "exitcode", "pid", "poll", "wait", "communicate", "returncode"})
_REAPS = frozenset({"join", "wait", "communicate", "is_alive", "poll", "kill", "close", "exitcode", "returncode"})
_WAITS = frozenset({"os.waitpid", "os.wait", "os.wait3", "os.wait4", "multiprocessing.active_children", "os.kill", "os.killpg"})


class TerminateWithoutReap(ForkRule):
    """
    What it does
        Flags ``p.terminate()`` on a process, Popen or process pool, and
        ``os.kill(pid, SIGTERM)``, when nothing after it in the function waits for the
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
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
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
            import os, signal
            def shutdown(pids):
                for pid in pids:
                    os.kill(pid, signal.SIGTERM)
                print("stopped")
            """,
            line=4,
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
                tname = dotted(target) or (dotted(target.func) if isinstance(target, cst.Call) else None)
                if tname in ("os.getpid", "os.getppid") or isinstance(target, (cst.Integer, cst.UnaryOperation)):
                    continue
                if tname is None or is_param(scope, tname):
                    continue
                if not self._reaped(call, scope, tname):
                    self.report(call, "os.kill(pid, SIGTERM) sends one signal and never waits: a child that handles SIGTERM survives unnoticed and a dead one stays a zombie; os.waitpid() with a deadline, then SIGKILL and reap")

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
        for later in later_calls(m, call, scope):
            mc = method_call(later)
            if mc and mc[1] in _REAPS and dotted(mc[0]) == name:
                return True
            cname = m.call_name(later, scope)
            if cname in _WAITS:
                if cname in ("os.kill", "os.killpg"):
                    # os.kill(pid, 0) liveness probe or SIGKILL escalation
                    if len(later.args) >= 2 and (m.signal_name(later.args[1].value) in ("SIGKILL",) or _is_zero(later.args[1].value)):
                        return True
                    continue
                return True
            # handed to something else (a reaper, a list of children to wait for)
            if any(isinstance(a.value, (cst.Name, cst.Attribute)) and dotted(a.value) == name for a in later.args):
                return True
        return False


def _is_zero(node) -> bool:
    return isinstance(node, cst.Integer) and node.value == "0"
