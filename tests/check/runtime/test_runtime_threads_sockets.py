"""Rules 7 and 9 of the incident's section 7, made to happen for real.

FK302 fork-keeps-sockets (a listening socket on 127.0.0.1 survives in a forked child) and
FK301 fork-with-threads (a lock held by another thread at fork time stays locked forever in
the child). Each test runs the hazardous program and the fixed one, asserts what happened,
and runs the rule on the same source texts.
"""
from __future__ import annotations

from forkharness import findings, program, run_program

# -- rule 7: fork without exec from a process that owns a listening socket -------------------
FK302_HAZARD = program(
    """
    import multiprocessing, socket, time


    def helper():
        time.sleep(30)


    def main():
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen(5)
        port = srv.getsockname()[1]
        p = multiprocessing.get_context("fork").Process(target=helper, daemon=True)
        p.start()
        announce(p.pid)
        srv.close()                            # the server stops
        again = socket.socket()
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            again.bind(("127.0.0.1", port))
            again.listen(5)
            rebind = "ok"
        except OSError as exc:
            rebind = "failed: %s" % exc
        finally:
            again.close()
        result(rebind=rebind)
        p.kill()
        p.join(5)


    if __name__ == "__main__":
        main()
    """
)
FK302_FIXED = FK302_HAZARD.replace('get_context("fork")', 'get_context("spawn")')


def test_fk302_listening_socket_survives_in_forked_child(tmp_path):
    assert FK302_FIXED != FK302_HAZARD
    hazard = run_program(FK302_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    assert hazard.result["rebind"].startswith("failed"), hazard.output  # the child still listens
    fixed = run_program(FK302_FIXED, tmp_path / "fixed")
    assert not fixed.timed_out, fixed.output
    assert fixed.result["rebind"] == "ok", fixed.output
    assert findings(FK302_HAZARD, "FK302")
    assert findings(FK302_FIXED, "FK302") == []


# -- rule 9: fork while another thread holds a lock --------------------------------------------
FK301_HAZARD = program(
    """
    import multiprocessing, threading, time

    LOCK = threading.Lock()


    def holder():
        with LOCK:                             # e.g. a metrics or logging thread mid-write
            time.sleep(1.0)


    def child():
        with LOCK:                             # copied in the locked state; its owner is not here
            pass


    def main():
        t = threading.Thread(target=holder, daemon=True)
        t.start()
        time.sleep(0.2)
        p = multiprocessing.get_context("fork").Process(target=child, daemon=True)
        p.start()
        announce(p.pid)
        p.join(2.5)                            # the parent's holder released the lock long ago
        if p.is_alive():
            p.join(5)                          # a slow start is not a deadlock: wait some more
        deadlocked = p.is_alive()
        result(deadlocked=deadlocked, exitcode=p.exitcode)
        if deadlocked:
            p.kill()
        p.join(5)
        t.join(5)


    if __name__ == "__main__":
        main()
    """
)
FK301_FIXED = FK301_HAZARD.replace('get_context("fork")', 'get_context("forkserver")')


def test_fk301_lock_held_by_a_thread_deadlocks_the_fork_child(tmp_path):
    assert FK301_FIXED != FK301_HAZARD
    hazard = run_program(FK301_HAZARD, tmp_path / "hazard")
    assert not hazard.timed_out, hazard.output
    assert hazard.result["deadlocked"] is True, hazard.output
    fixed = run_program(FK301_FIXED, tmp_path / "fixed")
    assert not fixed.timed_out, fixed.output
    assert fixed.result == {"deadlocked": False, "exitcode": 0}, fixed.output
    assert findings(FK301_HAZARD, "FK301")
    assert findings(FK301_FIXED, "FK301") == []
