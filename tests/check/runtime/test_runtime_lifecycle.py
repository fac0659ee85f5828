"""Rules 3, 4, 5 and 6 of the incident's section 7, made to happen for real.

FK101 terminate-without-reap, FK102 child-loop-without-exit, FK103 parent-side-state,
FK104 process-never-joined. Each test runs the hazardous program and the fixed one, asserts
what happened, and runs the rule on the same source texts.
"""
from __future__ import annotations

from forkharness import findings, program, run_program

# -- rule 3: terminate() with no bounded join, no is_alive(), no escalation ------------------
FK101_HAZARD = program(
    """
    import multiprocessing, signal, time

    FORK = multiprocessing.get_context("fork")


    class GracefulWorker(object):              # the server worker's flag-setting handler
        alive = True

        def handle_exit(self, sig, frame):
            self.alive = False


    signal.signal(signal.SIGTERM, GracefulWorker().handle_exit)


    def poll(ready):
        ready.set()
        while True:
            time.sleep(0.01)


    def quiet(ready):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        ready.set()
        while True:
            time.sleep(0.01)


    class Manager(object):                     # like Ansible 2.1's TaskQueueManager
        def __init__(self, target):
            self._target = target

        def start(self):
            ready = FORK.Event()
            self._proc = FORK.Process(target=self._target, args=(ready,), daemon=True)
            self._proc.start()
            announce(self._proc.pid)
            ready.wait(20)                     # the child is in its loop

        def cleanup(self):
            self._proc.terminate()


    if __name__ == "__main__":
        stubborn, obedient = Manager(poll), Manager(quiet)
        stubborn.start()
        obedient.start()
        stubborn.cleanup()
        obedient.cleanup()
        time.sleep(1.0)
        result(stubborn=state(stubborn._proc.pid), obedient=state(obedient._proc.pid))
        if running(stubborn._proc.pid):        # or the interpreter's exit would hang on it too
            os.kill(stubborn._proc.pid, signal.SIGKILL)
    """
)
FK101_FIXED = FK101_HAZARD.replace(
    "    def cleanup(self):\n        self._proc.terminate()\n",
    "    def cleanup(self):\n"
    "        self._proc.terminate()\n"
    "        self._proc.join(0.5)\n"
    "        if self._proc.is_alive():\n"
    "            self._proc.kill()\n"
    "            self._proc.join(5)\n",
)


def test_fk101_terminate_alone_leaves_survivors_and_zombies(tmp_path):
    assert FK101_FIXED != FK101_HAZARD
    hazard = run_program(FK101_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    # the child with the inherited handler runs on unnoticed; the one that died is a zombie
    assert hazard.result["stubborn"] in ("R", "S"), hazard.output
    assert hazard.result["obedient"] == "Z", hazard.output
    fixed = run_program(FK101_FIXED, tmp_path / "fixed")
    assert not fixed.timed_out, fixed.output
    assert fixed.result == {"stubborn": None, "obedient": None}, fixed.output  # both gone and reaped
    assert findings(FK101_HAZARD, "FK101")
    assert findings(FK101_FIXED, "FK101") == []


# -- rule 4: an endless polling loop in a child ------------------------------------------------
FK102_HAZARD = program(
    """
    import multiprocessing, queue, time


    def poller(q):
        while True:
            if not q.empty():
                item = q.get_nowait()
                print("got", item, flush=True)
            time.sleep(0.0001)


    def main():
        ctx = multiprocessing.get_context("fork")
        q = ctx.Queue()
        p = ctx.Process(target=poller, args=(q,), daemon=True)
        p.start()
        announce(p.pid)
        time.sleep(0.2)
        q.put(None)                            # "stop, please"
        exited = wait_until(lambda: not running(p.pid), 3.0)
        before = cpu_ticks(p.pid)
        time.sleep(1.0)
        burned = cpu_ticks(p.pid) - before
        result(exited=exited, cpu_ticks_per_second=burned, exitcode=p.exitcode)
        if p.is_alive():
            p.kill()
        p.join(5)


    if __name__ == "__main__":
        main()
    """
)
FK102_FIXED = FK102_HAZARD.replace(
    """def poller(q):
    while True:
        if not q.empty():
            item = q.get_nowait()
            print("got", item, flush=True)
        time.sleep(0.0001)
""",
    """def poller(q):
    parent = os.getppid()
    while True:
        try:
            item = q.get(timeout=1.0)          # block, no busy poll
        except queue.Empty:
            if os.getppid() != parent:         # the parent is gone
                break
            continue
        if item is None:                       # the sentinel: an exit condition
            break
        print("got", item, flush=True)
""",
)


def test_fk102_endless_poll_loop_never_exits_and_burns_cpu(tmp_path):
    assert FK102_FIXED != FK102_HAZARD
    hazard = run_program(FK102_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    assert hazard.result["exited"] is False, hazard.output
    assert hazard.result["cpu_ticks_per_second"] >= 1, hazard.output  # busy: it keeps using CPU
    fixed = run_program(FK102_FIXED, tmp_path / "fixed")
    assert not fixed.timed_out, fixed.output
    assert fixed.result["exited"] is True and fixed.result["exitcode"] == 0, fixed.output
    assert findings(FK102_HAZARD, "FK102")
    assert findings(FK102_FIXED, "FK102") == []


# -- rule 5: a Process subclass that sets self.x in the parent for run() to read -------------
FK103_HAZARD = program(
    """
    import multiprocessing, time

    FORK = multiprocessing.get_context("fork")


    class Worker(FORK.Process):
        def __init__(self):
            super().__init__(daemon=True)
            self._stopped = False

        def run(self):
            while not self._stopped:
                time.sleep(0.01)

        def stop(self):
            self._stopped = True


    if __name__ == "__main__":
        w = Worker()
        w.start()
        announce(w.pid)
        time.sleep(0.2)
        w.stop()
        stopped = wait_until(lambda: not running(w.pid), 3.0)
        result(stopped=stopped)
        if w.is_alive():
            w.kill()
        w.join(5)
    """
)
FK103_FIXED = (
    FK103_HAZARD.replace("self._stopped = False", "self._stopped = FORK.Event()")
    .replace("while not self._stopped:", "while not self._stopped.is_set():")
    .replace("self._stopped = True", "self._stopped.set()")
)


def test_fk103_flag_set_in_parent_never_reaches_the_child(tmp_path):
    assert FK103_FIXED != FK103_HAZARD
    hazard = run_program(FK103_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    assert hazard.result["stopped"] is False, hazard.output
    fixed = run_program(FK103_FIXED, tmp_path / "fixed")
    assert not fixed.timed_out, fixed.output
    assert fixed.result["stopped"] is True, fixed.output
    assert findings(FK103_HAZARD, "FK103")
    assert findings(FK103_FIXED, "FK103") == []


# -- rule 6: a non-daemonic child never joined blocks the parent's exit -----------------------
FK104_HAZARD = program(
    """
    import multiprocessing, time


    def job():
        time.sleep(30)


    def handle():
        p = multiprocessing.get_context("fork").Process(target=job)
        p.start()
        announce(p.pid)
        return "accepted"


    if __name__ == "__main__":
        handle()
        print("main returned", flush=True)     # the interpreter now joins the child at exit
    """
)
FK104_FIXED = FK104_HAZARD.replace(".Process(target=job)", ".Process(target=job, daemon=True)")


def test_fk104_unjoined_child_hangs_interpreter_exit(tmp_path):
    assert FK104_FIXED != FK104_HAZARD
    hazard = run_program(FK104_HAZARD, tmp_path / "hazard", timeout=5.0)
    assert "main returned" in hazard.output
    assert hazard.timed_out, "the parent should hang at exit in multiprocessing's atexit join()"
    assert hazard.pids
    fixed = run_program(FK104_FIXED, tmp_path / "fixed", timeout=20.0)
    assert not fixed.timed_out and fixed.returncode == 0, fixed.output  # the 30 s child did not hold it up
    assert findings(FK104_HAZARD, "FK104")
    assert findings(FK104_FIXED, "FK104") == []


# -- rule 17 (not one of the first nine, but the classic): join() before draining a Queue -----
FK108_HAZARD = program(
    """
    import multiprocessing


    def producer(q):
        q.put("x" * (1 << 20))                 # 1 MiB: more than the pipe buffer


    def main():
        ctx = multiprocessing.get_context("fork")
        q = ctx.Queue()
        p = ctx.Process(target=producer, args=(q,), daemon=True)
        p.start()
        announce(p.pid)
        p.join(3)
        hung = p.is_alive()                    # still flushing into a full pipe
        data = q.get(timeout=20)
        p.join(20)
        result(hung=hung, got=len(data), exitcode=p.exitcode)


    if __name__ == "__main__":
        main()
    """
)
FK108_FIXED = FK108_HAZARD.replace(
    "    p.join(3)\n    hung = p.is_alive()                    # still flushing into a full pipe\n    data = q.get(timeout=20)\n",
    "    data = q.get(timeout=20)               # drain first\n    p.join(3)\n    hung = p.is_alive()\n",
)


def test_fk108_join_before_get_hangs(tmp_path):
    assert FK108_FIXED != FK108_HAZARD
    hazard = run_program(FK108_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    assert hazard.result["hung"] is True, hazard.output
    fixed = run_program(FK108_FIXED, tmp_path / "fixed")
    assert not fixed.timed_out, fixed.output
    assert fixed.result == {"hung": False, "got": 1 << 20, "exitcode": 0}, fixed.output
    assert findings(FK108_HAZARD, "FK108")
    assert findings(FK108_FIXED, "FK108") == []
