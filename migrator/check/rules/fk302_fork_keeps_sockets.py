"""FK302 fork-keeps-sockets."""
from __future__ import annotations

from typing import Optional

import libcst as cst

from migrator.check.flow import SOCKET_CALLS, dotted, method_call, walk
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule, fork_sites, server_reason


class ForkKeepsSockets(ForkRule):
    """
    What it does
        Flags a fork without exec (``os.fork()``, ``Process.start()``/``Pool()`` with the
        ``fork`` start method) from a process that owns sockets: server worker code (a
        WSGI/ASGI callable, a view, a gunicorn hook — the worker holds the listening socket
        and the client connection), or a module that creates sockets
        (``socket.socket()``, ``create_server``, ``socketserver``/``http.server`` servers)
        before forking, when the child does not close them (``sock.close()``,
        ``os.closerange()``) first.

    Why is this bad
        A forked child shares every open file descriptor with its parent; PEP 446
        (non-inheritable fds) and ``close_fds`` only apply to ``exec``. A long-lived child
        keeps the server's listening socket: after the server stops the port stays in
        LISTEN, new connections are accepted by the kernel and hang, and a restarted server
        cannot bind. It also keeps the client connection of the request that forked it open.

    Example
        ::

            def application(environ, start_response):
                multiprocessing.Process(target=long_job).start()   # holds the listen socket

    How to fix
        Start children with ``multiprocessing.get_context("spawn")``/``"forkserver"`` or as a
        subprocess (exec closes them: ``close_fds=True`` is the Python 3 default); or close
        the inherited sockets first thing in the child (``os.closerange(3, maxfd)`` keeping
        what you need).
    """

    ID = "FK302"
    NAME = "fork-keeps-sockets"
    GROUP = "fork with threads/sockets"
    MESSAGE = "forks without exec from a process that owns sockets: the child keeps the listening socket and client connections open, so the port stays in LISTEN after the server stops and restarts cannot bind; use spawn/forkserver or a subprocess, or close the inherited sockets in the child"
    SEVERITY = "error"
    TRIGGERS = frozenset({"fork", "Process", "Process(", "Pool", "ProcessPoolExecutor"})
    VALID = (
        """
        import multiprocessing, subprocess

        def application(environ, start_response):
            ctx = multiprocessing.get_context("spawn")
            p = ctx.Process(target=print)
            p.start()
            p.join()
            subprocess.run(["true"])
            start_response("200 OK", [])
            return [b"ok"]
        """,
        """
        import os, socket

        def serve():
            srv = socket.socket()
            srv.bind(("127.0.0.1", 0))
            srv.listen(5)
            pid = os.fork()
            if pid == 0:
                srv.close()
                os._exit(0)
            os.waitpid(pid, 0)
        """,
    )
    INVALID = (
        Invalid(
            """
            import socket, multiprocessing, time

            def helper():
                time.sleep(60)

            def serve():
                srv = socket.socket()
                srv.bind(("127.0.0.1", 0))
                srv.listen(5)
                p = multiprocessing.Process(target=helper)
                p.start()
                return srv, p
            """,
            line=11,
        ),
        Invalid(
            """
            import multiprocessing

            def application(environ, start_response):
                p = multiprocessing.Process(target=print)
                p.start()
                p.join()
                start_response("200 OK", [])
                return [b"ok"]
            """,
            line=5,
        ),
    )

    def check(self) -> None:
        m = self.model
        sockets = [c for c, s in m.calls if m.call_name(c, s) in SOCKET_CALLS or m.constructed_kind(c, s) == "server"]
        for site in fork_sites(m):
            if not site.forks_without_exec:
                continue
            why = server_reason(self.where, site.node)
            if why is not None:
                why = f"{why}, whose worker holds the listening socket and the client connection"
            else:
                created = self._socket_before(site, sockets)
                if created is None:
                    continue
                why = f"a socket created on line {m.pos(created)[0]}"
            if self._child_closes(site):
                continue
            self.report(site.node, f"{site.describe()} forks without exec from a process that owns sockets ({why}): the child keeps them open, so the port stays in LISTEN after the server stops and restarts cannot bind; use spawn/forkserver or a subprocess, or close the inherited sockets in the child")

    def _socket_before(self, site, sockets) -> Optional[cst.Call]:
        m = self.model
        here = m.pos(site.node)
        f = m.function_of(site.node)
        for c in sockets:
            cf = m.function_of(c)
            # the same function before the fork, or module level (lives for the whole program)
            if (cf is f and m.pos(c) < here) or (cf is None and f is not None):
                return c
            if cf is not None and f is not None and cf.cls is not None and cf.cls is f.cls and cf.name == "__init__":
                return c
        return None

    def _child_closes(self, site) -> bool:
        m = self.model
        for s in site.child:
            for n in walk(s):
                if isinstance(n, cst.Call):
                    name = m.call_name(n) or ""
                    if name in ("os.closerange", "os.close"):
                        return True
                    mc = method_call(n, ("close", "shutdown"))
                    if mc is not None and m.kind(mc[0]) in ("socket", "server"):
                        return True
                    if mc is not None and dotted(mc[0]) and any(w in dotted(mc[0]).lower() for w in ("sock", "srv", "server", "listen", "conn")):
                        return True
        return False
