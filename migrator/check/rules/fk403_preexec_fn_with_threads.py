"""FK403 preexec-fn-in-threaded-program (Python 3)."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from migrator.check.flow import SUBPROCESS_CALLS, keyword
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, server_reason, thread_starts
from migrator.check.where import THREAD

_REPLACEMENTS = {
    "os.setsid": "start_new_session=True",
    "os.setpgrp": "process_group=0 (Python 3.11+)",
    "os.umask": "umask=...",
    "os.setuid": "user=...",
    "os.setgid": "group=...",
    "os.setgroups": "extra_groups=...",
}


class PreexecFnWithThreads(ForkRule):
    """
    What it does
        Python 3 only (Python 2 has no alternative to ``preexec_fn``; there it is the fix
        of FK402). Flags ``preexec_fn=`` on ``subprocess`` calls when the program may be
        multi-threaded: the call runs in a thread or in server worker code, or the module
        starts threads. When the function only does what a keyword does safely the message
        names the keyword (``os.setsid`` → ``start_new_session=True``, ``os.setpgrp`` →
        ``process_group=0``, ``os.umask`` → ``umask=``, ``os.setuid``/``setgid``/``setgroups``
        → ``user=``/``group=``/``extra_groups=``). A single-threaded program (a script, an
        Ansible module) is not flagged: there is nothing to deadlock on.

    Why is this bad
        ``preexec_fn`` runs Python code in the child between ``fork()`` and ``exec()``. In a
        multi-threaded parent the child holds copies of locks other threads had taken
        (the GIL's helpers, the allocator's, logging's, yours), and the Python code can
        deadlock on one before ``exec`` ever happens. The documentation says it is not
        thread-safe and it is slated for deprecation.

    Example
        ::

            subprocess.Popen(cmd, preexec_fn=os.setsid)

    How to fix
        Use the keyword that does the same in C: ``start_new_session=True``,
        ``process_group=0`` (3.11+), ``restore_signals=True`` (the default), ``user=``,
        ``group=``, ``extra_groups=``, ``umask=``, ``pass_fds=``. Do anything else before
        starting the thread pool, or in the program you exec.
    """

    ID = "FK403"
    NAME = "preexec-fn-in-threaded-program"
    GROUP = "subprocess"
    MESSAGE = "preexec_fn runs Python code between fork and exec and can deadlock the child of a multi-threaded program: use start_new_session=True, process_group=0, restore_signals, user/group/umask keywords instead"
    TRIGGERS = frozenset({"preexec_fn"})
    VALID = (
        """
        import subprocess
        def run(cmd):
            return subprocess.run(cmd, start_new_session=True)
        """,
        """
        import os, subprocess
        def run(cmd, log_fd):
            return subprocess.call(cmd, preexec_fn=lambda: os.dup2(log_fd, 2))   # single-threaded
        def detach(cmd):
            return subprocess.call(cmd, preexec_fn=os.setsid)                     # single-threaded
        """,
        """
        import signal, subprocess
        def run(cmd):
            print "py2"
            return subprocess.call(cmd, preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL))
        """,
    )
    INVALID = (
        Invalid(
            """
            import os, subprocess

            def application(environ, start_response):
                subprocess.Popen(["worker"], preexec_fn=os.setsid).wait()
                start_response("200 OK", [])
                return [b"ok"]
            """,
            line=4,
        ),
        Invalid(
            """
            import os, subprocess, threading

            def drop_privileges():
                os.nice(10)

            def run(cmd):
                return subprocess.call(cmd, preexec_fn=drop_privileges)

            threading.Thread(target=run, args=(["ls"],)).start()
            """,
            line=7,
        ),
    )

    def check(self) -> None:
        m = self.model
        if m.python2:
            return
        threaded = None
        for call, scope in m.calls:
            if m.call_name(call, scope) not in SUBPROCESS_CALLS:
                continue
            kw = keyword(call, "preexec_fn")
            if kw is None or (isinstance(kw.value, cst.Name) and kw.value.value == "None"):
                continue
            replacement = self._replacement(kw.value)
            why = None
            if THREAD in self.where.of(scope):
                why = "it runs in a thread"
            elif server_reason(self.where, call):
                why = "it runs in server worker code"
            else:
                if threaded is None:
                    threaded = bool(thread_starts(m))
                if threaded:
                    why = "this module starts threads"
            if why and replacement:
                self.report(call, f"preexec_fn runs Python code between fork and exec and can deadlock the child when other threads hold locks ({why}); this one only does what {replacement} does safely: use that keyword")
            elif why:
                self.report(call, f"preexec_fn runs Python code between fork and exec and can deadlock the child when other threads hold locks ({why}): use start_new_session=True, process_group=0, restore_signals, user/group/umask keywords instead")

    def _replacement(self, value: cst.BaseExpression) -> Optional[str]:
        m = self.model
        ref = m.resolve(value)
        if ref and ref.name in _REPLACEMENTS:
            return _REPLACEMENTS[ref.name]
        if isinstance(value, cst.Lambda) and isinstance(value.body, cst.Call):
            name = m.call_name(value.body)
            if name == "os.setpgid" and all(isinstance(a.value, cst.Integer) and a.value.value == "0" for a in value.body.args):
                return _REPLACEMENTS["os.setpgrp"]
            if name in _REPLACEMENTS:
                return _REPLACEMENTS[name]
        return None
