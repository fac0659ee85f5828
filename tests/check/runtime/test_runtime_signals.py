"""Rules 1, 2 and 8 of the incident's section 7, made to happen for real.

FK201 fork-inherits-signal-handlers, FK202 signal-handler-does-not-exit,
FK203 signal-handler-in-request, FK501 ansible-executor-in-server (with the installed
ansible-core). Each test runs the hazardous program and the fixed one, asserts what happened,
and runs the rule on the same source texts: it fires on the first and not on the second.
"""
from __future__ import annotations

import pytest

from forkharness import findings, program, run_program

# -- rule 1: a fork child inherits a flag-setting SIGTERM handler ---------------------------
FK201_HAZARD = program(
    """
    import multiprocessing, signal, time


    class Worker(object):                      # what a gunicorn worker installs in init_signals()
        alive = True

        def handle_exit(self, sig, frame):
            self.alive = False


    WORKER = Worker()
    signal.signal(signal.SIGTERM, WORKER.handle_exit)


    def busy_poller(ready):
        ready.set()
        while True:
            time.sleep(0.01)


    def main():
        ctx = multiprocessing.get_context("fork")
        ready = ctx.Event()
        p = ctx.Process(target=busy_poller, args=(ready,), daemon=True)
        p.start()
        announce(p.pid)
        ready.wait(20)                         # the child is in its loop
        p.terminate()
        survived = not wait_until(lambda: not running(p.pid), 2.0)
        result(survived_terminate=survived, exitcode=p.exitcode)
        if p.is_alive():
            p.kill()
        p.join(5)


    if __name__ == "__main__":
        main()
    """
)
FK201_FIXED = FK201_HAZARD.replace(
    "def busy_poller(ready):\n    ready.set()",
    "def busy_poller(ready):\n    signal.signal(signal.SIGTERM, signal.SIG_DFL)   # the fix: reset in the child\n    ready.set()",
)


def test_fk201_child_with_inherited_handler_survives_terminate(tmp_path):
    assert FK201_FIXED != FK201_HAZARD
    hazard = run_program(FK201_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    assert hazard.result["survived_terminate"] is True, hazard.output
    fixed = run_program(FK201_FIXED, tmp_path / "fixed")
    assert not fixed.timed_out, fixed.output
    assert fixed.result["survived_terminate"] is False, fixed.output
    assert fixed.result["exitcode"] == -15
    assert [f.line for f in findings(FK201_HAZARD, "FK201")], "FK201 must see the hazard"
    assert findings(FK201_FIXED, "FK201") == []


# -- rule 2: a SIGTERM handler that neither exits nor raises, in code that forks ------------
FK202_HAZARD = program(
    """
    import os, signal, time

    STATE = {"alive": True}


    def handle_exit(sig, frame):
        STATE["alive"] = False


    signal.signal(signal.SIGTERM, handle_exit)


    def spawn():
        pid = os.fork()
        if pid == 0:
            try:
                while True:
                    time.sleep(0.01)
            finally:
                os._exit(0)
        return pid


    def main():
        pid = spawn()
        announce(pid)
        time.sleep(0.3)
        os.kill(pid, signal.SIGTERM)
        survived = not wait_until(lambda: not running(pid), 2.0)
        if survived:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        result(survived_sigterm=survived, signal=os.WTERMSIG(status) if os.WIFSIGNALED(status) else None)


    if __name__ == "__main__":
        main()
    """
)
FK202_FIXED = FK202_HAZARD.replace(
    'STATE = {"alive": True}\n\n\ndef handle_exit(sig, frame):\n',
    'STATE = {"alive": True}\nOWNER = os.getpid()\n\n\ndef handle_exit(sig, frame):\n'
    "    if os.getpid() != OWNER:                  # the fix: a forked child dies as SIGTERM should\n"
    "        signal.signal(sig, signal.SIG_DFL)\n"
    "        os.kill(os.getpid(), sig)\n"
    "        return\n",
)


def test_fk202_flag_setting_handler_makes_fork_children_immune(tmp_path):
    assert FK202_FIXED != FK202_HAZARD
    hazard = run_program(FK202_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    assert hazard.result == {"survived_sigterm": True, "signal": 9}, hazard.output
    fixed = run_program(FK202_FIXED, tmp_path / "fixed")
    assert not fixed.timed_out, fixed.output
    assert fixed.result == {"survived_sigterm": False, "signal": 15}, fixed.output
    assert findings(FK202_HAZARD, "FK202")
    assert findings(FK202_FIXED, "FK202") == []


# -- rule 8: signal.signal() in request code ------------------------------------------------
FK203_HAZARD = program(
    """
    import signal, threading


    def graceful(sig, frame):                  # the server's graceful-shutdown handler
        pass


    signal.signal(signal.SIGTERM, graceful)


    def on_term(sig, frame):
        raise SystemExit(0)


    def application(environ, start_response):
        signal.signal(signal.SIGTERM, on_term)
        start_response("200 OK", [])
        return [b"ok"]


    def start_response(status, headers):
        pass


    ERRORS = []


    def serve_in_thread():                     # gthread worker / thread pool
        try:
            application({}, start_response)
        except ValueError as exc:
            ERRORS.append(str(exc))


    def main():
        t = threading.Thread(target=serve_in_thread)
        t.start()
        t.join(5)
        application({}, start_response)        # sync worker: main thread
        result(thread_errors=ERRORS, graceful_kept=signal.getsignal(signal.SIGTERM) is graceful)


    if __name__ == "__main__":
        main()
    """
)
# Fix on the main thread: save the handler and restore it in finally.
FK203_FIXED_RESTORE = program(
    """
    import signal


    def graceful(sig, frame):
        pass


    signal.signal(signal.SIGTERM, graceful)


    def on_term(sig, frame):
        raise SystemExit(0)


    def application(environ, start_response):
        old = signal.signal(signal.SIGTERM, on_term)
        try:
            start_response("200 OK", [])
            body = [b"ok"]
        finally:
            signal.signal(signal.SIGTERM, old)
        return body


    def start_response(status, headers):
        pass


    if __name__ == "__main__":
        application({}, start_response)
        result(thread_errors=[], graceful_kept=signal.getsignal(signal.SIGTERM) is graceful)
    """
)
# Fix for threads: handlers are installed once at startup; request code leaves them alone.
FK203_FIXED_STARTUP = program(
    """
    import signal, threading


    def on_term(sig, frame):
        raise SystemExit(0)


    signal.signal(signal.SIGTERM, on_term)     # once, at startup, on the main thread


    def application(environ, start_response):
        start_response("200 OK", [])
        return [b"ok"]


    def start_response(status, headers):
        pass


    ERRORS = []


    def serve_in_thread():
        try:
            application({}, start_response)
        except ValueError as exc:
            ERRORS.append(str(exc))


    if __name__ == "__main__":
        t = threading.Thread(target=serve_in_thread)
        t.start()
        t.join(5)
        result(thread_errors=ERRORS, graceful_kept=signal.getsignal(signal.SIGTERM) is on_term)
    """
)


def test_fk203_signal_in_request_fails_off_main_thread_and_hijacks_on_it(tmp_path):
    hazard = run_program(FK203_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    assert hazard.result["thread_errors"] and "main thread" in hazard.result["thread_errors"][0], hazard.output
    assert hazard.result["graceful_kept"] is False, hazard.output
    lines = {f.line for f in findings(FK203_HAZARD, "FK203")}
    assert lines, "FK203 must see the hazard"
    for fixed_code, name in ((FK203_FIXED_RESTORE, "restore"), (FK203_FIXED_STARTUP, "startup")):
        fixed = run_program(fixed_code, tmp_path / name)
        assert not fixed.timed_out, fixed.output
        assert fixed.result == {"thread_errors": [], "graceful_kept": True}, fixed.output
        assert findings(fixed_code, "FK203") == [], name


# -- rule 8 with the real thing: ansible-core's TaskQueueManager in request code -------------
FK501_HAZARD = program(
    """
    import signal, threading

    from ansible.executor.task_queue_manager import TaskQueueManager


    def graceful(sig, frame):
        pass


    signal.signal(signal.SIGTERM, graceful)


    def run_play():
        tqm = TaskQueueManager(inventory=None, variable_manager=None, loader=None, passwords={})
        try:
            return "ran"
        finally:
            tqm.cleanup()


    def application(environ, start_response):
        body = run_play()
        start_response("200 OK", [])
        return [body.encode()]


    def start_response(status, headers):
        pass


    ERRORS = []


    def serve_in_thread():
        try:
            application({}, start_response)
        except ValueError as exc:
            ERRORS.append(str(exc))


    if __name__ == "__main__":
        t = threading.Thread(target=serve_in_thread)
        t.start()
        t.join(30)
        application({}, start_response)
        handler = signal.getsignal(signal.SIGTERM)
        result(thread_errors=ERRORS, graceful_kept=handler is graceful,
               handler=getattr(handler, "__qualname__", str(handler)))
    """
)
FK501_FIXED = program(
    """
    import signal, subprocess, sys, threading

    from ansible.executor.task_queue_manager import TaskQueueManager


    def graceful(sig, frame):
        pass


    signal.signal(signal.SIGTERM, graceful)


    def run_play():                            # main thread: save and restore the handlers
        saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            tqm = TaskQueueManager(inventory=None, variable_manager=None, loader=None, passwords={})
            try:
                return "ran"
            finally:
                tqm.cleanup()
        finally:
            for s, h in saved.items():
                signal.signal(s, h)


    def application(environ, start_response):
        body = run_play()
        start_response("200 OK", [])
        return [body.encode()]


    def start_response(status, headers):
        pass


    OUT_OF_PROCESS = (
        "from ansible.executor.task_queue_manager import TaskQueueManager as T\\n"
        "T(inventory=None, variable_manager=None, loader=None, passwords={}).cleanup()\\n"
    )
    ERRORS = []


    def serve_in_thread():                     # threads: run Ansible in a subprocess
        try:
            subprocess.run([sys.executable, "-c", OUT_OF_PROCESS], check=True, timeout=60)
        except (ValueError, subprocess.SubprocessError) as exc:
            ERRORS.append(str(exc))


    if __name__ == "__main__":
        t = threading.Thread(target=serve_in_thread)
        t.start()
        t.join(90)
        application({}, start_response)
        handler = signal.getsignal(signal.SIGTERM)
        result(thread_errors=ERRORS, graceful_kept=handler is graceful,
               handler=getattr(handler, "__qualname__", str(handler)))
    """
)


def test_fk501_task_queue_manager_in_request_code(tmp_path):
    pytest.importorskip("ansible.executor.task_queue_manager")
    hazard = run_program(FK501_HAZARD, tmp_path / "hazard", timeout=45)
    assert not hazard.timed_out, hazard.output
    assert hazard.result["thread_errors"] and "main thread" in hazard.result["thread_errors"][0], hazard.output
    assert hazard.result["graceful_kept"] is False
    assert hazard.result["handler"] == "TaskQueueManager._signal_handler"
    assert findings(FK501_HAZARD, "FK501"), "FK501 must see the hazard"
    fixed = run_program(FK501_FIXED, tmp_path / "fixed", timeout=45)
    assert not fixed.timed_out, fixed.output
    assert fixed.result["thread_errors"] == [] and fixed.result["graceful_kept"] is True, fixed.output
    assert findings(FK501_FIXED, "FK501") == []
