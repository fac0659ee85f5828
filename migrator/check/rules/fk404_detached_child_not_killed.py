"""FK404 detached-child-not-killed."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import SUBPROCESS_CALLS, is_true, keyword, walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, fork_sites, process_child_code


class DetachedChildNotKilled(ForkRule):
    """
    What it does
        Flags children put in a session or process group of their own —
        a ``subprocess.Popen(start_new_session=True | process_group=... |
        preexec_fn=os.setsid/os.setpgrp)`` that is not waited for in the same function (it
        outlives the call), ``os.setsid()``/``os.setpgrp()`` in an ``os.fork()`` child or a
        Process ``run()``/``target`` — in a module that never calls ``os.killpg()`` (nor
        ``os.kill()`` with a negative pid) to clean the group up. The daemonising fork
        (the parent exits, the child calls ``setsid()`` and carries on as the program) is
        not flagged: detaching is its purpose; nor is a detached child that is run to
        completion in the same function (``subprocess.run``, a Popen that is waited for).

    Why is this bad
        A child in its own session or group no longer receives the signals sent to the
        parent's group (Ctrl-C, ``kill -TERM -PGID``, systemd's stop of the parent's group
        in ``KillMode=process``), and its own children are not the parent's to kill. When the
        parent dies or is restarted, the whole detached tree survives unnoticed.

    Example
        ::

            p = subprocess.Popen(cmd, start_new_session=True)
            ...
            p.terminate()              # the grandchildren live on in the session

    How to fix
        Keep the group id and clean the whole group up on shutdown:
        ``os.killpg(p.pid, signal.SIGTERM)``, wait with a deadline, then
        ``os.killpg(p.pid, signal.SIGKILL)``. Or let the service manager own the tree
        (systemd ``KillMode=control-group``, a cgroup).
    """

    ID = "FK404"
    NAME = "detached-child-not-killed"
    GROUP = "subprocess"
    MESSAGE = "this child gets its own session/process group but nothing here ever kills that group (os.killpg): when the parent stops, the detached tree survives; track the pgid and os.killpg() it with SIGTERM, then SIGKILL, on shutdown"
    TRIGGERS = frozenset({"start_new_session", "process_group", "setsid", "setpgrp"})
    VALID = (
        """
        import subprocess
        def run(cmd):                      # waited for here: tracked
            p = subprocess.Popen(cmd, start_new_session=True)
            return p.wait()
        """,
        """
        import os, signal, subprocess

        def run(cmd):
            p = subprocess.Popen(cmd, start_new_session=True)
            try:
                return p.wait(timeout=60)
            finally:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGTERM)
                    p.wait()
        """,
        """
        import os, sys

        def daemonize():
            if os.fork() > 0:
                sys.exit(0)
            os.setsid()
            if os.fork() > 0:
                os._exit(0)
        """,
    )
    INVALID = (
        Invalid(
            """
            import subprocess

            class Service(object):
                def start(self, cmd):
                    self.proc = subprocess.Popen(cmd, start_new_session=True)

                def stop(self):
                    self.proc.terminate()
                    self.proc.wait()
            """,
            line=5,
        ),
        Invalid(
            """
            import os
            def spawn(argv):
                pid = os.fork()
                if pid == 0:
                    os.setsid()
                    os.execvp(argv[0], argv)
                return pid
            """,
            line=5,
        ),
    )

    def check(self) -> None:
        m = self.model
        if self._kills_groups():
            return
        for call, scope in m.calls:
            name = m.call_name(call, scope)
            if name not in SUBPROCESS_CALLS and name not in ("asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell"):
                continue
            if not self._detaches(call):
                continue
            if name != "subprocess.Popen" or self._waited(call, scope):
                continue  # run to completion here: tracked (FK105 covers a lost Popen)
            self.report(call)
        daemonising = set()
        for site in fork_sites(m):
            if site.kind == "fork" and site.child_continues:
                for s in site.child:
                    daemonising.update(id(n) for n in walk(s))
        for site in fork_sites(m):
            if site.kind == "fork" and (site.child_continues or not site.child_known):
                continue  # daemonising: detaching is the point
            code = site.child
            if site.kind == "process" and not code:
                code, _ = process_child_code(m, site.construction)
            for s in code:
                for n in walk(s):
                    if isinstance(n, cst.Call) and id(n) not in daemonising and m.call_name(n) in ("os.setsid", "os.setpgrp"):
                        self.report(n)

    def _detaches(self, call: cst.Call) -> bool:
        m = self.model
        sns = keyword(call, "start_new_session")
        if sns is not None and is_true(sns.value):
            return True
        pg = keyword(call, "process_group")
        if pg is not None and not (isinstance(pg.value, cst.Name) and pg.value.value == "None"):
            return True
        pre = keyword(call, "preexec_fn")
        ref = m.resolve(pre.value) if pre is not None else None
        return ref is not None and ref.name in ("os.setsid", "os.setpgrp")

    def _waited(self, call: cst.Call, scope) -> bool:
        from migrator.check.flow import dotted
        from migrator.check.rules._base import lifecycle_handled

        m = self.model
        parent = m.parent_of(call)
        if isinstance(parent, cst.WithItem):
            return True
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and dotted(parent.targets[0].target):
            target = parent.targets[0].target
            if "." in (dotted(target) or ""):
                return False
            from migrator.check.rules._base import escapes

            if escapes(m, dotted(target), scope):
                return False  # handed on: it may outlive this function
            return lifecycle_handled(m, call, target, scope, ("wait", "communicate"))
        return False

    def _kills_groups(self) -> bool:
        m = self.model
        if m.find_calls("os.killpg"):
            return True
        for call in m.find_calls("os.kill"):
            if call.args and isinstance(call.args[0].value, cst.UnaryOperation) and isinstance(call.args[0].value.operator, cst.Minus):
                return True
        return False
