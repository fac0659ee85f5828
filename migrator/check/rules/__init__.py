"""Fork-safety rules, one class per module. Discovered by :mod:`migrator.check.registry`.

Ids are ``FK`` + three digits and never change meaning; the hundreds digit is the group.
The patterns are those of the incident report's section 7 (``rule N`` below); rules 8 and 11
each became two checks.

FK1xx — process lifecycle: children that are never stopped, reaped or joined
    FK101 terminate-without-reap           terminate()/os.kill(SIGTERM) with no wait, check or escalation (rule 3)
    FK102 child-loop-without-exit          ``while True`` in a child with no way out: only a signal ends it (rule 4)
    FK103 parent-side-state                a Process subclass sets ``self.x`` in the parent for run() to read (rule 5)
    FK104 process-never-joined             non-daemonic Process not joined on every path: the parent hangs at exit (rule 6)
    FK105 child-never-reaped               Popen/os.fork() child never waited for: zombies (rule 14)
    FK106 fork-child-without-os-exit       the os.fork() child can run back into the parent's code (rule 15)
    FK107 child-loop-swallows-exit         bare except/BaseException in a child's loop eats SystemExit (rule 16)
    FK108 join-before-queue-drained        join() before get() on the queue the child put() to: deadlock (rule 17)
    FK109 pool-lifecycle                   Pool per request, never closed/joined, or work lost to ``with Pool()`` (rule 18)

FK2xx — signals: handlers and dispositions that children inherit
    FK201 fork-inherits-signal-handlers    fork from a server worker/handler-installing module, no reset in the child (rule 1)
    FK202 signal-handler-does-not-exit     SIGTERM/SIGINT handler that neither exits nor raises, in code that forks (rule 2)
    FK203 signal-handler-in-request        signal.signal() in request or thread code (rule 8)
    FK204 ignored-signal-inherited         SIG_IGN in force while programs are started: survives exec (rule 11)
    FK205 blocked-signal-inherited         pthread_sigmask(SIG_BLOCK) while forking/spawning (rule 12)
    FK206 sigchld-ignored                  SIGCHLD set to SIG_IGN: auto-reaping breaks wait()/join() (rule 13)
    FK207 wakeup-fd-inherited              set_wakeup_fd() in a process that forks (rule 19)

FK3xx — fork with threads/sockets: what a fork without exec copies
    FK301 fork-with-threads                fork while other threads may hold locks (rule 9)
    FK302 fork-keeps-sockets               fork from a process that owns listening/client sockets (rule 7)

FK4xx — subprocess: starting other programs
    FK401 popen-without-close-fds          Python 2 subprocess inherits sockets and pipes (rule 10, Python 2 only)
    FK402 popen-sigpipe-ignored            Python 2 pipeline children start with SIGPIPE ignored (rule 11, Python 2 only)
    FK403 preexec-fn-in-threaded-program   preexec_fn where threads may run; a keyword does it safely (rule 21, Python 3)
    FK404 detached-child-not-killed        own session/process group and no os.killpg() cleanup (rule 20)
    FK405 signal-to-reaped-child           Python 2 Popen.kill()/terminate() without a poll() check (rule 22, Python 2 only)

FK5xx — ansible-in-server: Ansible's Python API inside long-lived processes
    FK501 ansible-executor-in-server       PlaybookExecutor/TaskQueueManager in request, thread or library code (rule 8)

Python 2-only rules (``PYTHON2_ONLY = True``) fire where the code runs on Python 2: the file
needed the lift, or it imports Python 2 compatibility ``__future__`` features
(``print_function``, ``absolute_import``, ``division``, ``unicode_literals``, ...: no-ops that
only Python 2-compatible code writes), or ``[tool.migrator] target-version`` is ``2.x``.
FK403 is the reverse: Python 3 only (on Python 2 ``preexec_fn`` has no replacement).

Start methods: ``Process``/``Pool`` without an explicit context fork on Linux before Python
3.14, and the rules assume so; ``get_context("spawn"/"forkserver")``, ``mp_context=`` and a
module-level ``set_start_method()`` are followed.

Where code runs (request, server hook, child, thread, main) is worked out per module by
:mod:`migrator.check.where`; data flow inside a function by :mod:`migrator.check.flow`; the
helpers the rules share are in ``_base.py`` (a leading underscore keeps it out of the
registry).
"""
