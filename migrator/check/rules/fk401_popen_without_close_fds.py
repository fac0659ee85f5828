"""FK401 popen-without-close-fds (Python 2)."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import SOCKET_CALLS, SUBPROCESS_CALLS, keyword
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, server_reason


class PopenWithoutCloseFds(ForkRule):
    """
    What it does
        Python 2 only. Flags ``subprocess.Popen``/``call``/``check_call``/``check_output``
        without ``close_fds=True`` when the process holds sockets or pipes of its own: the
        call runs in server worker code (a WSGI callable, a view, a gunicorn hook), the
        module imports a server framework, or it creates sockets or ``os.pipe()``s.

        Python 2 means: the file needed the lift, or it imports Python 2 compatibility
        ``__future__`` features (``print_function``, ``absolute_import``, ``division``,
        ``unicode_literals``...), or ``[tool.migrator] target-version`` is ``2.x``.

    Why is this bad
        Python 2's ``close_fds`` defaults to ``False`` and its file descriptors are
        inheritable: every program started gets a copy of the server's listening socket, the
        client connections and user pipes. Measured: the port cannot be re-bound while the
        child lives, and the reader of a pipe sees EOF only when the unrelated child exits
        (a 3 s stall in the demo).

    Example
        ::

            subprocess.Popen(["ansible-playbook", "site.yml"])   # inherits the listen socket

    How to fix
        Pass ``close_fds=True`` (the Python 3 default). Pass the descriptors a child really
        needs explicitly (stdin/stdout/stderr, or ``pass_fds`` on Python 3).
    """

    ID = "FK401"
    NAME = "popen-without-close-fds"
    GROUP = "subprocess"
    MESSAGE = "Python 2 subprocess keeps close_fds=False: the child inherits this process's sockets and pipes (the port cannot be re-bound, readers miss EOF); pass close_fds=True"
    PYTHON2_ONLY = True
    TRIGGERS = frozenset({"subprocess", "subprocess32"})
    VALID = (
        """
        import subprocess

        def application(environ, start_response):
            subprocess.check_call(["true"], close_fds=True)
            start_response("200 OK", [])
            return [b"ok"]
        """,
        """
        import subprocess
        subprocess.call(["ls"])                  # Python 3: close_fds=True is the default
        """,
        """
        from __future__ import print_function
        import subprocess
        def build():                             # no sockets or pipes of its own
            return subprocess.call(["make"])
        """,
    )
    INVALID = (
        Invalid(
            """
            import subprocess

            def application(environ, start_response):
                print "deploying"
                subprocess.call(["ansible-playbook", "site.yml"])
                start_response("200 OK", [])
                return ["ok"]
            """,
            line=5,
            python2=True,
        ),
        Invalid(
            """
            from __future__ import print_function
            import os, subprocess
            r, w = os.pipe()
            child = subprocess.Popen(["sleep", "3"])
            """,
            line=4,
        ),
    )

    def check(self) -> None:
        m = self.model
        module_holds = None
        for call, scope in m.calls:
            name = m.call_name(call, scope)
            if name not in SUBPROCESS_CALLS or name in ("subprocess.getoutput", "subprocess.getstatusoutput", "subprocess.run"):
                continue
            kw = keyword(call, "close_fds")
            if kw is not None and not (isinstance(kw.value, cst.Name) and kw.value.value == "False"):
                continue
            if server_reason(self.where, call) is None:
                if module_holds is None:
                    module_holds = self._holds_fds()
                if not module_holds:
                    continue
            self.report(call)

    def _holds_fds(self) -> bool:
        m = self.model
        if self.where.server_module:
            return True
        for call, scope in m.calls:
            name = m.call_name(call, scope)
            if name in SOCKET_CALLS or name == "os.pipe" or m.constructed_kind(call, scope) == "server":
                return True
        return False
