"""Replace ``e.message`` (removed in Python 3) inside the handler that bound ``e``.

What it does
    In ``except ValueError as e:``, ``e.message`` → ``str(e)``. The caught types decide:
    builtin exceptions, and classes of this file that derive from them without defining a
    ``message`` of their own, are rewritten; a class of this file that sets ``self.message``
    (or defines ``message``) keeps it — that attribute still works; an imported exception
    class gets a review (it may or may not define ``message``).

Why
    ``BaseException.message`` was deprecated in 2.6 and removed in 3.0: AttributeError,
    usually inside an error handler, which hides the original error.

When it is unsafe
    Python 2's ``message`` was ``args[0]`` for one argument and ``''`` otherwise; ``str(e)``
    is the same text for the usual ``raise E("text")``, but quotes a ``KeyError`` key and
    formats ``OSError``/``IOError`` as ``[Errno n] text``: those handlers get a review.
    ``e.message`` outside an ``except ... as e`` handler (or one that starts with
    ``e = get_exception()`` / ``e = sys.exc_info()[1]``) is not touched.
"""
from __future__ import annotations

import builtins

import libcst as cst
from libcst.metadata import ScopeProvider

from codemods.base import Codemod, Example
from codemods.py2._syntax import is_free_builtin, scope_of

_PY2_ONLY = {"StandardError"}
# builtin exceptions whose str() is not their Python 2 .message (a quoted key, "[Errno n] ...",
# a formatted codec error)
_DIFFERENT = {"KeyError", "EnvironmentError", "IOError", "OSError", "WindowsError", "UnicodeDecodeError",
              "UnicodeEncodeError", "UnicodeTranslateError"}
BUILTIN, OWN, UNKNOWN = "builtin", "own", "unknown"


def _defines_message(cls: cst.ClassDef) -> bool:
    found = []

    class V(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            if node.name.value == "message":
                found.append(node)

        def visit_Attribute(self, node: cst.Attribute) -> None:
            pass

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            t = node.target
            if isinstance(t, cst.Name) and t.value == "message":
                found.append(t)
            if isinstance(t, cst.Attribute) and t.attr.value == "message":
                found.append(t)

    cls.body.visit(V())
    return bool(found)


def _fetched_name(handler: cst.ExceptHandler) -> str | None:
    """``e`` in a handler that starts with ``e = get_exception()`` or ``e = sys.exc_info()[1]``
    — the Python 2.4-compatible spellings of ``except E as e`` (Ansible modules use the first)."""
    body = handler.body.body if isinstance(handler.body, cst.IndentedBlock) else []
    if not body or not isinstance(body[0], cst.SimpleStatementLine) or not body[0].body:
        return None
    first = body[0].body[0]
    if not (isinstance(first, cst.Assign) and len(first.targets) == 1 and isinstance(first.targets[0].target, cst.Name)):
        return None
    value = first.value
    if isinstance(value, cst.Call) and not value.args:
        f = value.func
        if (isinstance(f, cst.Name) and f.value == "get_exception") or (
            isinstance(f, cst.Attribute) and f.attr.value == "get_exception"
        ):
            return first.targets[0].target.value
    if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Call) and len(value.slice) == 1:
        call, index = value.value, value.slice[0].slice
        if (isinstance(call.func, cst.Attribute) and call.func.attr.value == "exc_info"
                and isinstance(index, cst.Index) and isinstance(index.value, cst.Integer) and index.value.value == "1"):
            return first.targets[0].target.value
    return None


class ExceptionMessage(Codemod):
    ID = "PY125"
    NAME = "exception-message"
    DESCRIPTION = "e.message → str(e) in the handler that bound e"
    TRIGGERS = frozenset({"message"})
    METADATA_DEPENDENCIES = (ScopeProvider,)
    EXAMPLES = (
        Example(
            """
            try:
                go()
            except ValueError as e:
                log(e.message)
            """,
            """
            try:
                go()
            except ValueError as e:
                log(str(e))
            """,
        ),
        Example(
            """
            class DeployError(RuntimeError):
                pass
            try:
                go()
            except (DeployError, TypeError) as err:
                print(err.message)
            """,
            """
            class DeployError(RuntimeError):
                pass
            try:
                go()
            except (DeployError, TypeError) as err:
                print(str(err))
            """,
        ),
        Example(
            """
            class AppError(Exception):
                def __init__(self, message):
                    self.message = message
            try:
                go()
            except AppError as e:
                print(e.message)
            """
        ),
        Example(
            """
            from ansible.errors import AnsibleError
            try:
                go()
            except AnsibleError as e:
                print(e.message)
            """,
            review=("PY125",),
        ),
        Example(
            """
            try:
                go()
            except KeyError as e:
                print(e.message)
            """,
            """
            try:
                go()
            except KeyError as e:
                print(str(e))
            """,
            review=("PY125",),
        ),
        Example(
            """
            try:
                go()
            except TypeError:
                e = get_exception()
                fail(msg=e.message)
            """,
            """
            try:
                go()
            except TypeError:
                e = get_exception()
                fail(msg=str(e))
            """,
        ),
        Example("print(msg.message, record.message)\n"),
    )

    def prepare(self, module: cst.Module) -> None:
        self._handlers: list[tuple[str, str, bool]] = []  # (name, kind, differs)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        name = node.name.name.value if node.name is not None and isinstance(node.name.name, cst.Name) else None
        if name is None:
            name = _fetched_name(node)
        kind, differs = self._classify(node.type) if node.type is not None else (UNKNOWN, False)
        self._handlers.append((name, kind, differs))

    def leave_ExceptHandler(self, original_node, updated_node):
        self._handlers.pop()
        return updated_node

    def _classify(self, types: cst.BaseExpression) -> tuple[str, bool]:
        items = [e.value for e in types.elements] if isinstance(types, cst.Tuple) else [types]
        kinds, differs = set(), False
        for t in items:
            k = self._kind(t, 0)
            kinds.add(k)
            if isinstance(t, cst.Name) and t.value in _DIFFERENT:
                differs = True
        if UNKNOWN in kinds:
            return UNKNOWN, differs
        if OWN in kinds:
            return OWN, differs
        return BUILTIN, differs

    def _kind(self, t: cst.BaseExpression, depth: int) -> str:
        if not isinstance(t, cst.Name) or depth > 10:
            return UNKNOWN
        if is_free_builtin(self, t):
            obj = getattr(builtins, t.value, None)
            ok = t.value in _PY2_ONLY or (isinstance(obj, type) and issubclass(obj, BaseException))
            return BUILTIN if ok else UNKNOWN
        cls = self._module_class(t)
        if cls is None:
            return UNKNOWN
        if _defines_message(cls):
            return OWN
        kinds = {self._kind(b.value, depth + 1) for b in cls.bases} or {UNKNOWN}
        if UNKNOWN in kinds:
            return UNKNOWN
        return OWN if OWN in kinds else BUILTIN

    def _module_class(self, name: cst.Name) -> cst.ClassDef | None:
        scope = scope_of(self, name)
        if scope is None:
            return None
        found = [a.node for a in scope[name.value] if isinstance(getattr(a, "node", None), cst.ClassDef)]
        return found[0] if len(found) == 1 and len(scope[name.value]) == 1 else None

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        if original_node.attr.value != "message" or not isinstance(original_node.value, cst.Name):
            return updated_node
        name = original_node.value.value
        for bound, kind, differs in reversed(self._handlers):
            if bound is None:
                continue
            if bound != name:
                continue
            if kind == OWN:
                return updated_node
            if kind == UNKNOWN:
                self.review(original_node, "exception .message is gone in Python 3 unless the class defines it: str(e) or e.args[0]")
                return updated_node
            if differs:
                self.review(original_node, "str(e) differs from Python 2 e.message for this exception type (args[0] / '')")
            self.changed(original_node)
            return cst.Call(func=cst.Name("str"), args=[cst.Arg(updated_node.value)])
        return updated_node
