"""FK405 signal-to-reaped-child (Python 2)."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import dotted, method_call, walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule


class SignalToReapedChild(ForkRule):
    """
    What it does
        Python 2 only (see FK401 for what counts as Python 2). Flags
        ``p.send_signal()``/``p.terminate()``/``p.kill()`` on a ``subprocess.Popen`` that is
        not guarded by a ``p.poll() is None`` (or ``p.returncode is None``) check and not
        inside ``try/except OSError``.

    Why is this bad
        Python 2's ``Popen.send_signal`` calls ``os.kill(self.pid, sig)`` without checking
        whether the child was already reaped. After an earlier ``wait()``/``poll()`` that
        reaped it, the call raises ``OSError: [Errno 3] No such process`` (seen in the
        incident), or, once the pid is recycled, signals an unrelated process. Python 3
        checks ``returncode`` first.

    Example
        ::

            p.wait(timeout)          # or a poll() loop that reaped it
            p.kill()                 # ESRCH, or someone else's process

    How to fix
        ::

            if p.poll() is None:
                p.kill()

        or catch ``OSError`` (errno ``ESRCH``) around the call.
    """

    ID = "FK405"
    NAME = "signal-to-reaped-child"
    GROUP = "subprocess"
    MESSAGE = "Python 2 Popen.send_signal/terminate/kill does not check whether the child was already reaped (ESRCH, or a recycled pid): guard with `if p.poll() is None:`"
    PYTHON2_ONLY = True
    TRIGGERS = frozenset({"send_signal", "kill(", "terminate("})
    VALID = (
        """
        import subprocess
        def stop(cmd):
            print "stopping"
            p = subprocess.Popen(cmd)
            if p.poll() is None:
                p.terminate()
            try:
                p.kill()
            except OSError:
                pass
            p.wait()
        """,
    )
    INVALID = (
        Invalid(
            """
            import subprocess, time
            def run(cmd):
                print "running"
                p = subprocess.Popen(cmd)
                time.sleep(1)
                p.poll()
                p.kill()
                p.wait()
            """,
            line=7,
            python2=True,
        ),
        Invalid(
            """
            from __future__ import print_function
            import signal, subprocess
            def stop(p):
                p = subprocess.Popen(["sleep", "1"])
                p.wait()
                p.send_signal(signal.SIGTERM)
            """,
            line=6,
        ),
    )

    def check(self) -> None:
        m = self.model
        for call, scope in m.calls:
            mc = method_call(call, ("send_signal", "terminate", "kill"))
            if mc is None or m.kind(mc[0], scope) != "popen":
                continue
            name = dotted(mc[0])
            if name is None or self._guarded(call, name):
                continue
            self.report(call)

    def _guarded(self, call: cst.Call, name: str) -> bool:
        m = self.model
        for anc in m.ancestors(call):
            if isinstance(anc, (cst.If, cst.While)) and _checks_alive(anc.test, name):
                return True
            if isinstance(anc, cst.Try) and any(_catches_oserror(h) for h in anc.handlers):
                return True
            if isinstance(anc, (cst.FunctionDef, cst.Lambda)):
                break
        return False


def _checks_alive(test: cst.CSTNode, name: str) -> bool:
    for n in walk(test):
        mc = method_call(n, ("poll",))
        if mc and dotted(mc[0]) == name:
            return True
        if isinstance(n, cst.Attribute) and n.attr.value == "returncode" and dotted(n.value) == name:
            return True
    return False


def _catches_oserror(handler: cst.ExceptHandler) -> bool:
    t = handler.type
    if t is None:
        return True
    names = [el.value for el in t.elements] if isinstance(t, cst.Tuple) else [t]
    return any((dotted(n) or "").rsplit(".", 1)[-1] in ("OSError", "EnvironmentError", "Exception", "BaseException", "ProcessLookupError") for n in names)
