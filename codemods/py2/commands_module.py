"""Replace the ``commands`` module by its ``subprocess`` equivalents, keeping the results.

What it does
    ``commands.getoutput(cmd)`` → ``subprocess.getoutput(cmd)`` (same shell, stderr merged,
    one trailing newline stripped). ``commands.getstatusoutput(cmd)`` →
    ``subprocess.getstatusoutput(cmd)``, whose status is the *exit code* where Python 2 gave
    the raw *wait status* (exit code × 256, or the signal number). So:

    * ``status, out = ...`` where ``status`` is only tested against zero (``if status:``,
      ``status != 0``): the two agree, nothing else changes;
    * ``status, out = ...`` with any other use (``status >> 8``, ``os.WEXITSTATUS(status)``,
      printing it, ``sys.exit(status)``): a line ``status = status << 8 if status >= 0 else
      -status`` follows, giving back exactly the Python 2 value;
    * any other shape (``r = commands.getstatusoutput(c)``): a review.

    ``commands.getstatus`` and ``commands.mkarg`` get reviews (``shlex.quote`` replaces mkarg).

Why
    The ``commands`` module is gone in Python 3 (ImportError).

When it is unsafe
    The output is text decoded with the locale encoding (Python 2 returned bytes). A core
    dump flag (128) in the Python 2 wait status is not reproduced.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    QualifiedNameProvider,
    ScopeProvider,
)

from codemods.base import Example
from codemods.py2._moves import Gone, Moves, Spec, To

MODULES = {
    "commands": Spec(attrs={
        "getoutput": To("subprocess"), "getstatusoutput": To("subprocess"),
        "getstatus": Gone("commands.getstatus is gone: subprocess.getoutput('ls -ld ' + shlex.quote(path))"),
        "mkarg": Gone("commands.mkarg is gone: use ' ' + shlex.quote(arg)"),
    }),
}
_STATUS = "commands.getstatusoutput"
_REVIEW = "subprocess.getstatusoutput returns the exit code; commands.getstatusoutput returned the wait status (exit code << 8)"


class CommandsModule(Moves):
    ID = "PY123"
    NAME = "commands-module"
    DESCRIPTION = "commands → subprocess"
    MODULES = MODULES
    TRIGGERS = frozenset({"commands"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider, ParentNodeProvider)
    EXAMPLES = (
        Example(
            "import commands\nout = commands.getoutput('uptime')\n",
            "import subprocess\nout = subprocess.getoutput('uptime')\n",
        ),
        Example(
            """
            import commands
            status, out = commands.getstatusoutput(cmd)
            if status != 0:
                fail(out)
            """,
            """
            import subprocess
            status, out = subprocess.getstatusoutput(cmd)
            if status != 0:
                fail(out)
            """,
        ),
        Example(
            """
            import commands, os
            rc, out = commands.getstatusoutput(cmd)
            print(os.WEXITSTATUS(rc))
            """,
            """
            import subprocess, os
            rc, out = subprocess.getstatusoutput(cmd)
            rc = rc << 8 if rc >= 0 else -rc
            print(os.WEXITSTATUS(rc))
            """,
        ),
        Example(
            "from commands import getstatusoutput\nresult = getstatusoutput(cmd)\n",
            "from subprocess import getstatusoutput\nresult = getstatusoutput(cmd)\n",
            review=("PY123",),
        ),
        Example("import commands\nq = commands.mkarg(x)\n", review=("PY123",)),
        Example("import subprocess\nout = subprocess.getoutput('uptime')\n"),
    )

    def prepare(self, module: cst.Module) -> None:
        super().prepare(module)
        self._unpacked: dict[int, str | None] = {}  # Call id -> status name needing conversion (or None)
        self._convert: dict[int, str] = {}  # SimpleStatementLine id -> status name

    def _is_status_call(self, node: cst.CSTNode) -> bool:
        return isinstance(node, cst.Call) and _STATUS in self._import_qnames(node.func)

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        for small in node.body:
            if not (isinstance(small, cst.Assign) and self._is_status_call(small.value) and len(small.targets) == 1):
                continue
            target = small.targets[0].target
            if not (isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) == 2):
                continue
            status = target.elements[0].value
            if not isinstance(status, cst.Name):
                continue
            zero_only = self._zero_tests_only(status)
            if zero_only is None:
                continue
            self._unpacked[id(small.value)] = None if zero_only else status.value
            if not zero_only and len(node.body) == 1:
                self._convert[id(node)] = status.value
            elif not zero_only:
                self._unpacked.pop(id(small.value))

    def _zero_tests_only(self, name: cst.Name) -> bool | None:
        try:
            scope = self.get_metadata(ScopeProvider, name)
        except KeyError:
            return None
        if scope is None:
            return None
        refs = []
        for a in scope.assignments[name.value]:
            if getattr(a, "node", None) is name:
                refs = [acc.node for acc in a.references]
        return all(self._zero_test(r) for r in refs)

    def _zero_test(self, node: cst.CSTNode) -> bool:
        parent = self.get_metadata(ParentNodeProvider, node, None)
        if isinstance(parent, (cst.If, cst.While, cst.Assert)) and parent.test is node:
            return True
        if isinstance(parent, cst.IfExp) and parent.test is node:
            return True
        if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
            return True
        if isinstance(parent, cst.BooleanOperation):
            grand = self.get_metadata(ParentNodeProvider, parent, None)
            return isinstance(grand, (cst.If, cst.While, cst.UnaryOperation, cst.BooleanOperation))
        if isinstance(parent, cst.ComparisonTarget):
            parent = self.get_metadata(ParentNodeProvider, parent, None)
        if isinstance(parent, cst.Comparison) and len(parent.comparisons) == 1:
            op = parent.comparisons[0].operator
            other = parent.comparisons[0].comparator if parent.left is node else parent.left
            return isinstance(op, (cst.Equal, cst.NotEqual)) and isinstance(other, cst.Integer) and other.value == "0"
        return False

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if self._is_status_call(original_node) and id(original_node) not in self._unpacked:
            self.review(original_node, _REVIEW)
        return updated_node

    def leave_SimpleStatementLine(self, original_node, updated_node):
        name = self._convert.get(id(original_node))
        if name is None:
            return super().leave_SimpleStatementLine(original_node, updated_node)
        self.changed(original_node, "Python 2 wait status kept: status = status << 8 if status >= 0 else -status")
        convert = cst.parse_statement(f"{name} = {name} << 8 if {name} >= 0 else -{name}\n")
        return cst.FlattenSentinel([updated_node, convert])
