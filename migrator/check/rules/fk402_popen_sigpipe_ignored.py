"""FK402 popen-sigpipe-ignored (Python 2)."""
from __future__ import annotations

import libcst as cst

from migrator.check.flow import SUBPROCESS_CALLS, is_true, keyword, literal_str, positional
from migrator.check.rule import Invalid
from migrator.check.rules._base import ForkRule

_SHELL_CALLS = frozenset({"os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "commands.getoutput", "commands.getstatusoutput", "popen2.popen2", "popen2.popen3", "popen2.popen4"})


class PopenSigpipeIgnored(ForkRule):
    """
    What it does
        Python 2 only (see FK401 for what counts as Python 2). Flags a shell pipeline
        started without restoring SIGPIPE: ``subprocess.*(..., shell=True)`` without
        ``preexec_fn``, or ``os.system``/``os.popen``/``commands.getoutput``, whose literal
        command contains ``|``.

    Why is this bad
        CPython ignores SIGPIPE at startup, and Python 2's ``subprocess`` does not restore it
        before ``exec``: the children start with SIGPIPE ignored. In ``producer | head -1``
        the producer does not die when ``head`` exits; it gets ``EPIPE`` on every write and
        either spins, fills the logs with "Broken pipe", or runs to the end for nothing.

    Example
        ::

            out = subprocess.check_output("zcat big.gz | head -1", shell=True)

    How to fix
        Restore the default in the child::

            subprocess.check_output(cmd, shell=True,
                preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL))

        (Python 3 does this by default: ``restore_signals=True``.)
    """

    ID = "FK402"
    NAME = "popen-sigpipe-ignored"
    GROUP = "subprocess"
    MESSAGE = "Python 2 starts children with SIGPIPE ignored, so the writer of this pipeline does not die when the reader exits: pass preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL)"
    PYTHON2_ONLY = True
    TRIGGERS = frozenset({"shell", "system", "popen", "getoutput", "getstatusoutput", "popen2", "popen3"})
    VALID = (
        """
        import signal, subprocess
        def first_line(path):
            return subprocess.check_output("zcat %s | head -1" % path, shell=True,
                                           preexec_fn=lambda: signal.signal(signal.SIGPIPE, signal.SIG_DFL))
        def listing():
            print "listing"
            return subprocess.check_output(["ls", "-l"])
        """,
        """
        import subprocess
        out = subprocess.check_output("yes | head -1", shell=True)    # Python 3 restores SIGPIPE
        """,
    )
    INVALID = (
        Invalid(
            """
            import subprocess
            def first_line():
                print "reading"
                return subprocess.check_output("yes | head -1", shell=True)
            """,
            line=4,
            python2=True,
        ),
        Invalid(
            """
            from __future__ import print_function
            import os
            os.system("dmesg | grep -m1 error")
            """,
            line=3,
        ),
    )

    def check(self) -> None:
        m = self.model
        for call, scope in m.calls:
            name = m.call_name(call, scope)
            if name in SUBPROCESS_CALLS:
                shell = keyword(call, "shell")
                if shell is None or not is_true(shell.value) or keyword(call, "preexec_fn") is not None:
                    continue
            elif name not in _SHELL_CALLS:
                continue
            first = positional(call, 0) or keyword(call, "args") or keyword(call, "cmd")
            if first is not None and _pipeline(first.value):
                self.report(call)


def _pipeline(node: cst.BaseExpression) -> bool:
    for n in _strings(node):
        text = literal_str(n)
        if text and "|" in text.replace("||", ""):
            return True
    return False


def _strings(node: cst.BaseExpression):
    if isinstance(node, cst.SimpleString):
        yield node
    elif isinstance(node, cst.ConcatenatedString):
        yield from _strings(node.left)
        yield from _strings(node.right)
    elif isinstance(node, cst.BinaryOperation):
        yield from _strings(node.left)
        yield from _strings(node.right)
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
        yield from _strings(node.func.value)
