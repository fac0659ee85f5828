"""Replace ``os.popen2/3/4`` and the ``popen2`` module by ``subprocess.Popen``.

What it does
    The statement ``fin, fout = os.popen2(cmd)`` (the usual shape) becomes::

        proc = subprocess.Popen(cmd, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, universal_newlines=True)
        fin, fout = proc.stdin, proc.stdout

    with the streams in the order each function returned them: ``os.popen2`` → (stdin,
    stdout), ``os.popen3`` → (stdin, stdout, stderr), ``os.popen4`` → (stdin, stdout+stderr),
    ``popen2.popen2`` → (stdout, stdin), ``popen2.popen3`` → (stdout, stdin, stderr),
    ``popen2.popen4`` → (stdout+stderr, stdin). ``shell`` is ``True`` for a string command,
    ``False`` for a list (as Python 2 decided at run time); the process object gets a fresh
    name so that it can be waited for.

Why
    These functions are gone in Python 3 (AttributeError / ImportError).

When it is unsafe
    Every rewrite gets a review: the old functions gave no handle to wait for the child, so
    the code probably never reaps it — add ``proc.wait()`` after reading (zombie processes
    in a long-running service). Other shapes (``popen2.Popen3``, the result not unpacked, a
    command whose type is unknown) are reviews only.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import QualifiedNameProvider, ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._index import index
from codemods.py2._syntax import code_of, free_module

# function -> names of the streams it returned, in order
_SHAPES = {
    "os.popen2": ("stdin", "stdout"), "os.popen3": ("stdin", "stdout", "stderr"), "os.popen4": ("stdin", "stdout"),
    "popen2.popen2": ("stdout", "stdin"), "popen2.popen3": ("stdout", "stdin", "stderr"),
    "popen2.popen4": ("stdout", "stdin"),
}
_MERGED = {"os.popen4", "popen2.popen4"}
_OTHER = {"popen2.Popen3", "popen2.Popen4"}
_REAP = "subprocess.Popen: wait for the child (proc.wait()) after reading, or it stays a zombie"


class PopenFamily(Codemod):
    ID = "PY124"
    NAME = "popen-family"
    DESCRIPTION = "os.popen2/3/4, popen2.* → subprocess.Popen"
    TRIGGERS = frozenset({"popen2", "popen3", "popen4", "Popen3", "Popen4"})
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider)
    EXAMPLES = (
        Example(
            "import os\nfin, fout = os.popen2('sort')\n",
            "import os\nimport subprocess\n\n"
            "proc = subprocess.Popen('sort', shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, universal_newlines=True)\n"
            "fin, fout = proc.stdin, proc.stdout\n",
            review=("PY124",),
        ),
        Example(
            "import popen2\nproc = 1\nout, inp, err = popen2.popen3(['ls', '-l'])\n",
            "import subprocess\n\nproc = 1\n"
            "proc_1 = subprocess.Popen(['ls', '-l'], shell=False, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)\n"
            "out, inp, err = proc_1.stdout, proc_1.stdin, proc_1.stderr\n",
            review=("PY124",),
        ),
        Example(
            "import os\nfin, fout = os.popen4(cmd)\n",
            "import os\nimport subprocess\n\n"
            "proc = subprocess.Popen(cmd, shell=isinstance(cmd, str), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)\n"
            "fin, fout = proc.stdin, proc.stdout\n",
            review=("PY124",),
        ),
        Example("import os\npipes = os.popen3(cmd)\n", review=("PY124",)),
        Example("import os\nf = os.popen('ls')\n"),
    )

    def prepare(self, module: cst.Module) -> None:
        self._names = set(index(module).names)
        self._done: set[int] = set()

    def _kind(self, func: cst.CSTNode) -> str | None:
        try:
            names = self.get_metadata(QualifiedNameProvider, func)
        except KeyError:
            return None
        for q in names:
            if q.name in _SHAPES or q.name in _OTHER:
                return q.name
        return None

    def _fresh(self) -> str:
        name, i = "proc", 0
        while name in self._names:
            i += 1
            name = f"proc_{i}"
        self._names.add(name)
        return name

    def _shell(self, cmd: cst.BaseExpression) -> str | None:
        if isinstance(cmd, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return "True"
        if isinstance(cmd, cst.BinaryOperation) and isinstance(cmd.left, (cst.SimpleString, cst.FormattedString)):
            return "True"
        if isinstance(cmd, (cst.List, cst.Tuple)):
            return "False"
        if isinstance(cmd, (cst.Name, cst.Attribute)):
            return f"isinstance({code_of(cmd)}, str)"
        return None

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if len(original_node.body) != 1 or not isinstance(original_node.body[0], cst.Assign):
            return updated_node
        assign = original_node.body[0]
        call = assign.value
        if not isinstance(call, cst.Call) or len(assign.targets) != 1:
            return updated_node
        kind = self._kind(call.func)
        if kind not in _SHAPES or not call.args or call.args[0].keyword or call.args[0].star:
            return updated_node
        target = assign.targets[0].target
        streams = _SHAPES[kind]
        if not (isinstance(target, (cst.Tuple, cst.List)) and len(target.elements) == len(streams)):
            return updated_node
        cmd = updated_node.body[0].value.args[0].value
        shell = self._shell(cmd)
        if shell is None or not free_module(self, call.func if isinstance(call.func, cst.Name) else call, "subprocess"):
            return updated_node
        proc = self._fresh()
        pipes = "stdin=subprocess.PIPE, stdout=subprocess.PIPE"
        if "stderr" in streams:
            pipes += ", stderr=subprocess.PIPE"
        elif kind in _MERGED:
            pipes += ", stderr=subprocess.STDOUT"
        start = cst.parse_statement(
            f"{proc} = subprocess.Popen({code_of(cmd)}, shell={shell}, {pipes}, universal_newlines=True)\n"
        )
        value = ", ".join(f"{proc}.{s}" for s in streams)
        unpack = updated_node.with_changes(body=[updated_node.body[0].with_changes(value=cst.parse_expression(value))])
        self.add_import("subprocess")
        if kind.startswith("popen2."):
            self.remove_import("popen2")
            self.remove_import("popen2", kind.split(".")[1])
        self.changed(original_node)
        self.review(original_node, _REAP)
        self._done.add(id(call))
        return cst.FlattenSentinel([start.with_changes(leading_lines=updated_node.leading_lines),
                                    unpack.with_changes(leading_lines=[])])

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        kind = self._kind(original_node.func)
        if kind is not None and id(original_node) not in self._done:
            self._pending = getattr(self, "_pending", [])
            self._pending.append((original_node, kind))
        return updated_node

    def leave_Module(self, original_node, updated_node):
        for node, kind in getattr(self, "_pending", []):
            if id(node) not in self._done:
                self.review(node, f"{kind} is gone: use subprocess.Popen(..., stdin=PIPE, stdout=PIPE) and wait for it")
        return updated_node
