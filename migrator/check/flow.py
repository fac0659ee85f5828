"""What the fork-safety rules know about one module: names, bindings, types, paths.

Built once per file (the first rule that asks builds it, the others reuse it through the
shared :class:`~migrator.check.rule.RuleContext`) from one walk over the libcst tree. Names
are resolved from the file's own imports, assignments and parameters, scope by scope,
rather than with libcst's ``ScopeProvider``/``QualifiedNameProvider``: the same answers for
what the rules ask (a local name shadows the module's import), and on ansible-core those two
providers took about two thirds of the checker's time per file.

* **names** — :meth:`Model.resolve` turns an expression into a canonical dotted name:
  ``P`` after ``from multiprocessing import Pool as P`` is ``multiprocessing.Pool``,
  ``sp.Popen`` after ``import subprocess as sp`` is ``subprocess.Popen``, ``ctx.Process``
  after ``ctx = multiprocessing.get_context("fork")`` is ``multiprocessing.Process`` with
  start method ``fork``; ``billiard``/``multiprocess`` count as ``multiprocessing`` and
  ``subprocess32`` as ``subprocess``.
* **bindings** — the simple assignments of each scope (``x = ...``, ``with ... as x``,
  ``for x in ...``, ``def``/``class``) and the ``self.x = ...`` of each class.
* **types** — :meth:`Model.kind` says what an expression holds (a process, a pool, a
  Popen, a queue, a socket, ...) from what constructed it, including classes of this module
  that derive from ``multiprocessing.Process`` or ``threading.Thread``.
* **paths** — :func:`after` answers "does every normal path from this statement to the end
  of the function pass a statement the predicate accepts?" on the structured statement
  tree: both branches of an ``if``, ``finally`` blocks, early ``return``. Exceptions that
  propagate are not paths (a rule that required ``try/finally`` everywhere would cry wolf).

Nothing here reports: rules do (``migrator/check/rules/``), and "where code runs" lives in
:mod:`migrator.check.where`.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional, Sequence, Union

import libcst as cst

from migrator.position import starts

# -- canonical names ---------------------------------------------------------------------
_MODULE_ALIASES = {
    "billiard": "multiprocessing",  # celery's fork of multiprocessing
    "multiprocess": "multiprocessing",  # dill-based fork
    "subprocess32": "subprocess",  # the Python 2 backport
    "thread": "_thread",  # Python 2 name
    "Queue": "queue",
}
_CANONICAL = {
    # processes
    "multiprocessing.context.Process": "multiprocessing.Process",
    "multiprocessing.process.Process": "multiprocessing.Process",
    "multiprocessing.process.BaseProcess": "multiprocessing.Process",
    "multiprocessing.context.ForkProcess": "multiprocessing.Process",
    "multiprocessing.context.SpawnProcess": "multiprocessing.Process",
    "multiprocessing.context.ForkServerProcess": "multiprocessing.Process",
    # pools
    "multiprocessing.pool.Pool": "multiprocessing.Pool",
    "multiprocessing.context.BaseContext.Pool": "multiprocessing.Pool",
    "multiprocessing.dummy.Pool": "multiprocessing.pool.ThreadPool",
    "concurrent.futures.process.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.thread.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    # queues
    "multiprocessing.queues.Queue": "multiprocessing.Queue",
    "multiprocessing.queues.JoinableQueue": "multiprocessing.JoinableQueue",
    "multiprocessing.queues.SimpleQueue": "multiprocessing.SimpleQueue",
    # threads
    "threading._start_new_thread": "_thread.start_new_thread",
    "_thread.start_new": "_thread.start_new_thread",
    # ansible
    "ansible.executor.playbook_executor.PlaybookExecutor": "ansible.PlaybookExecutor",
    "ansible.executor.task_queue_manager.TaskQueueManager": "ansible.TaskQueueManager",
}
_FORKED_CLASS = {
    "multiprocessing.context.ForkProcess": "fork",
    "multiprocessing.context.SpawnProcess": "spawn",
    "multiprocessing.context.ForkServerProcess": "forkserver",
}

#: What a constructor call makes.
CLASS_KINDS = {
    "multiprocessing.Process": "process",
    "multiprocessing.Pool": "pool",
    "multiprocessing.pool.ThreadPool": "threadpool",
    "concurrent.futures.ProcessPoolExecutor": "ppe",
    "concurrent.futures.ThreadPoolExecutor": "tpe",
    "multiprocessing.Queue": "queue",
    "multiprocessing.JoinableQueue": "queue",
    "multiprocessing.SimpleQueue": "queue",
    "multiprocessing.Event": "event",
    "threading.Thread": "thread",
    "threading.Timer": "thread",
    "subprocess.Popen": "popen",
    "socket.socket": "socket",
    "socket.create_server": "socket",
    "socket.create_connection": "socket",
    "socket.fromfd": "socket",
    "socket.socketpair": "socket",
    "ansible.PlaybookExecutor": "ansible",
    "ansible.TaskQueueManager": "ansible",
}

FORK_CALLS = frozenset({"os.fork", "os.forkpty", "pty.fork"})
EXEC_PREFIXES = ("os.exec", "os.spawn", "os.posix_spawn")
SUBPROCESS_CALLS = frozenset(
    {
        "subprocess.Popen", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
        "subprocess.run", "subprocess.getoutput", "subprocess.getstatusoutput",
    }
)
#: Everything that starts another program (fork + exec).
SPAWN_CALLS = SUBPROCESS_CALLS | frozenset(
    {
        "os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "commands.getoutput",
        "commands.getstatusoutput", "popen2.popen2", "popen2.popen3", "popen2.popen4", "popen2.Popen3",
        "popen2.Popen4", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell", "pty.spawn",
    }
)
THREAD_START_CALLS = frozenset({"_thread.start_new_thread"})
SOCKET_CALLS = frozenset(
    {"socket.socket", "socket.create_server", "socket.create_connection", "socket.fromfd", "socket.socketpair"}
)
SERVER_CLASSES_PREFIXES = ("socketserver.", "SocketServer.", "http.server.", "BaseHTTPServer.", "wsgiref.simple_server.")
#: Modules whose import marks "this code runs inside a web/worker server".
SERVER_MODULES = (
    "gunicorn", "flask", "django", "celery", "uwsgi", "uwsgidecorators", "bottle", "pyramid", "tornado",
    "aiohttp", "falcon", "fastapi", "starlette", "quart", "sanic", "cherrypy", "web", "werkzeug",
)
PY2_FUTURES = frozenset({"print_function", "absolute_import", "division", "unicode_literals", "with_statement", "generators", "nested_scopes"})

Scopeish = Union[cst.Module, cst.FunctionDef, cst.Lambda, cst.ClassDef]
FUNCS = (cst.FunctionDef, cst.Lambda)


def canonical(name: str) -> str:
    head, _, rest = name.partition(".")
    if head in _MODULE_ALIASES:
        name = _MODULE_ALIASES[head] + ("." + rest if rest else "")
    return _CANONICAL.get(name, name)


@dataclass(frozen=True)
class Imported:
    """A binding made by ``import``: the dotted name it stands for."""

    name: str


@dataclass(frozen=True)
class Ref:
    """A resolved name; ``method`` is the multiprocessing start method when it is known
    (``"fork"``, ``"spawn"``, ``"forkserver"``; ``"?"`` when given but not a literal)."""

    name: str
    method: Optional[str] = None
    local: Optional[cst.CSTNode] = None  # the ClassDef/FunctionDef of this module it names


# -- the tree walk -----------------------------------------------------------------------
_SKIP_FIELDS = (
    "whitespace", "lpar", "rpar", "lbracket", "rbracket", "lbrace", "rbrace", "comma", "semicolon",
    "colon", "equal", "dot", "leading_lines", "lines_after_decorators", "header", "footer",
    "trailing_whitespace", "newline", "operator", "asynchronous", "first_line", "star_tok",
)


@lru_cache(maxsize=None)
def _fields(cls: type) -> tuple[str, ...]:
    if not dataclasses.is_dataclass(cls):
        return ()
    return tuple(f.name for f in dataclasses.fields(cls) if not f.name.startswith(_SKIP_FIELDS))


def children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    for name in _fields(type(node)):
        value = getattr(node, name, None)
        if isinstance(value, cst.CSTNode):
            yield value
        elif isinstance(value, (tuple, list)):
            for item in value:
                if isinstance(item, cst.CSTNode):
                    yield item


def walk(node: cst.CSTNode, *, into_defs: bool = False) -> Iterator[cst.CSTNode]:
    """``node`` and its descendants in source order; nested def/lambda/class bodies only
    when ``into_defs`` (code in them does not run where ``node`` runs)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if current is not node and not into_defs and isinstance(current, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            continue
        stack.extend(reversed(list(children(current))))


def calls_in(node: cst.CSTNode) -> Iterator[cst.Call]:
    for n in walk(node):
        if isinstance(n, cst.Call):
            yield n


# -- scopes ------------------------------------------------------------------------------
@dataclass(eq=False)
class Scope:
    node: Scopeish
    parent: Optional["Scope"]
    cls: Optional["ClassInfo"] = None  # for a method: its class
    bindings: dict[str, list[cst.CSTNode]] = field(default_factory=dict)
    calls: list[cst.Call] = field(default_factory=list)

    @property
    def name(self) -> str:
        node = self.node
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            return node.name.value
        return "<lambda>" if isinstance(node, cst.Lambda) else "<module>"

    @property
    def is_function(self) -> bool:
        return isinstance(self.node, FUNCS)

    def params(self) -> list[str]:
        if not self.is_function:
            return []
        ps = self.node.params
        out = [p.name.value for p in (*ps.posonly_params, *ps.params)]
        if isinstance(ps.star_arg, cst.Param):
            out.append(ps.star_arg.name.value)
        out += [p.name.value for p in ps.kwonly_params]
        if ps.star_kwarg is not None:
            out.append(ps.star_kwarg.name.value)
        return out

    def args(self) -> list[str]:
        """Parameters without ``self``/``cls`` of a method."""
        ps = self.params()
        if self.cls is not None and ps and ps[0] in ("self", "cls"):
            return ps[1:]
        return ps

    def body(self) -> Sequence[cst.CSTNode]:
        node = self.node
        if isinstance(node, cst.Lambda):
            return [node.body]
        if isinstance(node, cst.Module):
            return node.body
        body = node.body
        return body.body if isinstance(body, cst.IndentedBlock) else [body]


@dataclass(eq=False)
class ClassInfo:
    node: cst.ClassDef
    scope: Scope  # the class body
    bases: list[Ref] = field(default_factory=list)
    methods: dict[str, Scope] = field(default_factory=dict)
    attrs: dict[str, list[cst.CSTNode]] = field(default_factory=dict)  # self.x = value
    kinds: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.node.name.value


class Model:
    """See the module docstring. ``visitor`` is any rule of this file: its resolved
    metadata (positions) is shared by all rules."""

    def __init__(self, module: cst.Module, visitor, *, path: str = "<string>", python2: bool = False, target_version: Optional[str] = None) -> None:
        self.module = module
        self.path = path
        self._visitor = visitor  # any rule of this file: metadata is resolved once, shared
        self._starts: Optional[dict] = None  # node -> (line, column), computed on first use
        self.parent: dict[int, cst.CSTNode] = {}
        self.scopes: dict[int, Scope] = {}
        self.classes: dict[int, ClassInfo] = {}
        self.calls: list[tuple[cst.Call, Scope]] = []
        self.future_imports: set[str] = set()
        self.imported_modules: set[str] = set()
        self._resolving: set[int] = set()
        self._kind_cache: dict[int, Optional[str]] = {}
        self.lifted = python2
        self.target_version = target_version
        self.root = Scope(module, None)
        self.scopes[id(module)] = self.root
        self._build()
        self._link_classes()

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        stack: list[tuple[cst.CSTNode, Scope]] = [(self.module, self.root)]
        while stack:
            node, scope = stack.pop()
            inner = scope
            if node is not self.module and isinstance(node, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                    self._bind(scope, node.name.value, node)
                enclosing_class = self.classes.get(id(scope.node)) if isinstance(scope.node, cst.ClassDef) else None
                inner = Scope(node, scope, cls=enclosing_class)
                self.scopes[id(node)] = inner
                if not isinstance(node, cst.ClassDef):
                    ps = node.params  # parameters shadow outer names
                    for param in (*ps.posonly_params, *ps.params, *ps.kwonly_params, ps.star_arg, ps.star_kwarg):
                        if isinstance(param, cst.Param):
                            self._bind(inner, param.name.value, param)
                if isinstance(node, cst.ClassDef):
                    self.classes[id(node)] = ClassInfo(node, inner)
                elif enclosing_class is not None and isinstance(node, cst.FunctionDef):
                    enclosing_class.methods.setdefault(node.name.value, inner)
            elif isinstance(node, cst.Call):
                scope.calls.append(node)
                self.calls.append((node, scope))
            elif isinstance(node, (cst.Assign, cst.AnnAssign, cst.AugAssign)):
                self._assignment(node, scope)
            elif isinstance(node, cst.WithItem) and node.asname is not None:
                self._target(node.asname.name, node, scope)
            elif isinstance(node, (cst.For, cst.CompFor)):
                self._target(node.target, node, scope)
            elif isinstance(node, cst.ImportFrom):
                mod = _dotted(node.module) if node.module is not None else None
                if node.relative:
                    mod = "." * len(node.relative) + (mod or "")
                if mod == "__future__" and not isinstance(node.names, cst.ImportStar):
                    self.future_imports |= {a.name.value for a in node.names if isinstance(a.name, cst.Name)}
                elif mod:
                    self.imported_modules.add(mod)
                    if not isinstance(node.names, cst.ImportStar):
                        for alias in node.names:
                            name = _dotted(alias.name)
                            local = _dotted(alias.asname.name) if alias.asname else name
                            if name and local:
                                self._bind(scope, local, Imported(f"{mod}.{name}"))
            elif isinstance(node, cst.Import):
                for alias in node.names:
                    name = _dotted(alias.name)
                    if not name:
                        continue
                    self.imported_modules.add(name)
                    if alias.asname is not None:
                        self._bind(scope, _dotted(alias.asname.name) or name, Imported(name))
                    else:
                        head = name.split(".")[0]
                        self._bind(scope, head, Imported(head))
            # Decorators and defaults run in the enclosing scope, the body in the new one.
            for child in reversed(list(children(node))):
                self.parent[id(child)] = node
                child_scope = inner
                if inner is not scope and isinstance(child, (cst.Decorator, cst.Arg)):
                    child_scope = scope
                elif inner is not scope and isinstance(node, cst.ClassDef) and child is not node.body:
                    child_scope = scope
                elif inner is not scope and isinstance(child, cst.Parameters):
                    child_scope = scope
                stack.append((child, child_scope))

    def _bind(self, scope: Scope, name: str, value: cst.CSTNode) -> None:
        scope.bindings.setdefault(name, []).append(value)

    def _assignment(self, node, scope: Scope) -> None:
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
            value = node.value
        elif isinstance(node, cst.AnnAssign):
            if node.value is None:
                return
            targets, value = [node.target], node.value
        else:
            return
        for target in targets:
            if isinstance(target, cst.Name):
                self._bind(scope, target.value, value)
            elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
                cls = self.class_of(scope)
                if cls is not None:
                    cls.attrs.setdefault(target.attr.value, []).append(value)
            elif isinstance(target, (cst.Tuple, cst.List)):
                for el in target.elements:
                    self._target(el.value, node, scope)

    def _target(self, target: cst.CSTNode, node: cst.CSTNode, scope: Scope) -> None:
        if isinstance(target, cst.Name):
            self._bind(scope, target.value, node)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for el in target.elements:
                self._target(el.value, node, scope)

    def _link_classes(self) -> None:
        # Bases first, then kinds to a fixed point (a class may derive from a later one).
        for info in self.classes.values():
            info.bases = [r for r in (self.resolve(b.value, info.scope.parent) for b in info.node.bases) if r]
        changed = True
        while changed:
            changed = False
            for info in self.classes.values():
                kinds = set(info.kinds)
                for base in info.bases:
                    if base.local is not None and id(base.local) in self.classes:
                        kinds |= self.classes[id(base.local)].kinds
                    elif base.name in CLASS_KINDS:
                        kinds.add(CLASS_KINDS[base.name])
                    elif base.name.startswith(SERVER_CLASSES_PREFIXES):
                        kinds.add("server")
                if kinds != info.kinds:
                    info.kinds = kinds
                    changed = True

    # -- tree navigation ---------------------------------------------------------------------
    def parent_of(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        return self.parent.get(id(node))

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        current = self.parent.get(id(node))
        while current is not None:
            yield current
            current = self.parent.get(id(current))

    def scope_of(self, node: cst.CSTNode) -> Scope:
        for anc in self.ancestors(node):
            scope = self.scopes.get(id(anc))
            if scope is not None:
                # a decorator/default belongs to the enclosing scope; close enough for rules
                return scope
        return self.root

    def function_of(self, node: cst.CSTNode) -> Optional[Scope]:
        scope = self.scope_of(node)
        while scope is not None and not scope.is_function:
            scope = scope.parent
        return scope

    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode:
        """The innermost statement (small or compound) holding ``node``."""
        current = node
        while current is not None and not isinstance(current, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            current = self.parent.get(id(current))
        return current if current is not None else node

    def class_of(self, scope: Optional[Scope]) -> Optional[ClassInfo]:
        while scope is not None:
            if scope.cls is not None:
                return scope.cls
            scope = scope.parent
        return None

    def functions(self) -> Iterator[Scope]:
        for scope in self.scopes.values():
            if scope.is_function:
                yield scope

    def module_functions(self) -> dict[str, Scope]:
        return {
            n.name.value: self.scopes[id(n)]
            for n in self.module.body
            if isinstance(n, cst.FunctionDef)
        }

    def pos(self, node: cst.CSTNode) -> tuple[int, int]:
        """(line, column) where ``node`` starts."""
        if self._starts is None:
            self._starts = starts(self.module)
        return self._starts.get(node, (0, 0))

    # -- names ---------------------------------------------------------------------------------
    def lookup(self, name: str, scope: Optional[Scope]) -> list[cst.CSTNode]:
        """The values bound to ``name`` in the nearest function/module scope that binds it."""
        while scope is not None:
            if isinstance(scope.node, cst.ClassDef):
                scope = scope.parent
                continue
            if name in scope.bindings:
                return scope.bindings[name]
            scope = scope.parent
        return []

    def resolve(self, expr: Optional[cst.CSTNode], scope: Optional[Scope] = None) -> Optional[Ref]:
        if expr is None:
            return None
        if scope is None:
            scope = self.scope_of(expr)
        key = id(expr)
        if key in self._resolving:
            return None
        self._resolving.add(key)
        try:
            return self._resolve(expr, scope)
        finally:
            self._resolving.discard(key)

    def _resolve(self, expr: cst.CSTNode, scope: Scope) -> Optional[Ref]:
        if isinstance(expr, cst.Call):
            func = self.resolve(expr.func, scope)
            if func is None:
                return None
            if func.name == "multiprocessing.get_context":
                return Ref("multiprocessing", method=_start_method(expr))
            if func.name == "multiprocessing.Manager":
                return Ref("multiprocessing.managers.SyncManager")
            return None
        if isinstance(expr, cst.Name):
            values = self.lookup(expr.value, scope)
            for value in values:
                if isinstance(value, Imported):
                    name = canonical(value.name)
                    return Ref(name, method=_FORKED_CLASS.get(name))
            for value in values:
                if isinstance(value, (cst.ClassDef, cst.FunctionDef)):
                    return Ref(expr.value, local=value)
                if isinstance(value, cst.BaseExpression):
                    ref = self.resolve(value, self.scope_of(value))
                    if ref is not None and (ref.local is not None or ref.method is not None or ref.name in ("multiprocessing",) or ref.name in CLASS_KINDS or ref.name in FORK_CALLS or ref.name in SPAWN_CALLS):
                        return ref
            return None
        if isinstance(expr, cst.Attribute):
            base = self.resolve(expr.value, scope)
            if base is not None and base.local is None:
                name = canonical(f"{base.name}.{expr.attr.value}")
                return Ref(name, method=base.method or _FORKED_CLASS.get(name))
            return None
        return None

    def call_name(self, call: cst.Call, scope: Optional[Scope] = None) -> Optional[str]:
        ref = self.resolve(call.func, scope)
        return ref.name if ref else None

    # -- types -----------------------------------------------------------------------------------
    def kind(self, expr: Optional[cst.CSTNode], scope: Optional[Scope] = None) -> Optional[str]:
        """"process", "pool", "threadpool", "ppe", "tpe", "queue", "thread", "popen",
        "socket", "server", "ansible", "event" — or None when unknown."""
        if expr is None:
            return None
        key = id(expr)
        if key in self._kind_cache:
            return self._kind_cache[key]
        self._kind_cache[key] = None  # cycle guard
        result = self._kind(expr, scope or self.scope_of(expr))
        self._kind_cache[key] = result
        return result

    def _kind(self, expr: cst.CSTNode, scope: Scope) -> Optional[str]:
        if isinstance(expr, cst.Call):
            return self.constructed_kind(expr, scope)
        if isinstance(expr, cst.Name):
            for value in self.lookup(expr.value, scope):
                k = None
                if isinstance(value, cst.BaseExpression):
                    k = self.kind(value, self.scope_of(value))
                elif isinstance(value, cst.WithItem):
                    k = self.kind(value.item, self.scope_of(value))
                elif isinstance(value, (cst.For, cst.CompFor)) and _dotted(value.target) == expr.value:
                    k = self.element_kind(value.iter, self.scope_of(value))
                if k:
                    return k
            return None
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self":
            cls = self.class_of(scope)
            if cls is not None:
                for value in cls.attrs.get(expr.attr.value, ()):
                    k = self.kind(value, self.scope_of(value))
                    if k:
                        return k
        return None

    def element_kind(self, expr: cst.CSTNode, scope: Scope) -> Optional[str]:
        """What the items of a list/tuple/comprehension (or a name bound to one, or a list
        that ``.append()`` fills) are."""
        if isinstance(expr, (cst.ListComp, cst.GeneratorExp, cst.SetComp)):
            return self.kind(expr.elt, scope)
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            for el in expr.elements:
                k = self.kind(el.value, scope)
                if k:
                    return k
            return None
        name = _dotted(expr)
        if name is None:
            return None
        values: Sequence[cst.CSTNode] = ()
        if isinstance(expr, cst.Name):
            values = self.lookup(name, scope)
        elif name.startswith("self."):
            cls = self.class_of(scope)
            values = cls.attrs.get(name[5:], ()) if cls else ()
        for value in values:
            if isinstance(value, cst.BaseExpression) and not isinstance(value, cst.Name):
                k = self.element_kind(value, self.scope_of(value))
                if k:
                    return k
        for call, _ in self.calls:
            if isinstance(call.func, cst.Attribute) and call.func.attr.value in ("append", "add", "insert") and _dotted(call.func.value) == name and call.args:
                k = self.kind(call.args[-1].value)
                if k:
                    return k
        return None

    def constructed_kind(self, call: cst.Call, scope: Optional[Scope] = None) -> Optional[str]:
        ref = self.resolve(call.func, scope)
        if ref is None:
            return None
        if ref.local is not None:
            info = self.classes.get(id(ref.local))
            if info is not None:
                for k in ("process", "thread", "popen", "server"):
                    if k in info.kinds:
                        return k
            return None
        if ref.name in CLASS_KINDS:
            return CLASS_KINDS[ref.name]
        if ref.name.startswith(SERVER_CLASSES_PREFIXES) and ref.name.endswith("Server"):
            return "server"
        last = ref.name.rsplit(".", 1)[-1]
        # An imported class named like a process (ansible 2.1's ResultProcess, WorkerProcess):
        # by convention a multiprocessing.Process subclass.
        if last.endswith("Process") and last[:1].isupper() and "Pool" not in last:
            return "process"
        return None

    def start_method(self, call: cst.Call, scope: Optional[Scope] = None) -> Optional[str]:
        """The start method of a Process/Pool construction or of an executor's mp_context."""
        ref = self.resolve(call.func, scope)
        method = ref.method if ref else None
        if ref is not None and ref.local is not None:
            info = self.classes.get(id(ref.local))
            for base in info.bases if info else ():
                if base.method:
                    return base.method
        ctx = keyword(call, "mp_context") or keyword(call, "context")
        if ctx is not None:
            ctx_ref = self.resolve(ctx.value, scope)
            method = ctx_ref.method if ctx_ref else "?"
        return method or self.default_start_method()

    def default_start_method(self) -> Optional[str]:
        """A module-level ``multiprocessing.set_start_method("spawn")`` in this file."""
        for call, _ in self.calls:
            if self.call_name(call) == "multiprocessing.set_start_method" and call.args:
                return _literal_str(call.args[0].value) or "?"
        return None

    # -- facts about the file -------------------------------------------------------------------
    @property
    def python2(self) -> bool:
        """The code runs on Python 2: it needed the lift, the configured target-version is
        2.x, or it imports Python-2 compatibility ``__future__`` features (no-ops on 3)."""
        if self.lifted:
            return True
        if self.target_version and self.target_version.strip().startswith("2"):
            return True
        return bool(self.future_imports & PY2_FUTURES)

    def imports_any(self, prefixes: Iterable[str]) -> bool:
        prefixes = tuple(prefixes)
        return any(m == p or m.startswith(p + ".") for m in self.imported_modules for p in prefixes)

    def find_calls(self, names: Union[str, Iterable[str]], scope: Optional[Scope] = None) -> list[cst.Call]:
        wanted = {names} if isinstance(names, str) else set(names)
        pool = scope.calls if scope is not None else [c for c, _ in self.calls]
        return [c for c in pool if self.call_name(c) in wanted]

    def calls_named(self, predicate: Callable[[str], bool]) -> list[tuple[cst.Call, Scope]]:
        out = []
        for call, scope in self.calls:
            name = self.call_name(call, scope)
            if name and predicate(name):
                out.append((call, scope))
        return out

    def signal_name(self, expr: Optional[cst.CSTNode]) -> Optional[str]:
        """``"SIGTERM"`` for ``signal.SIGTERM``/``SIGTERM``/``15``; ``"SIG_DFL"``/``"SIG_IGN"``."""
        if expr is None:
            return None
        ref = self.resolve(expr)
        if ref and ref.name.startswith("signal."):
            return ref.name.split(".", 1)[1].replace("Signals.", "")
        if isinstance(expr, cst.Integer):
            return _SIGNUMS.get(expr.value)
        return None


_SIGNUMS = {"1": "SIGHUP", "2": "SIGINT", "3": "SIGQUIT", "9": "SIGKILL", "13": "SIGPIPE", "15": "SIGTERM", "17": "SIGCHLD"}


# -- small helpers -----------------------------------------------------------------------
def _dotted(node: Optional[cst.CSTNode]) -> Optional[str]:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


dotted = _dotted


def _literal_str(node: Optional[cst.CSTNode]) -> Optional[str]:
    if isinstance(node, cst.SimpleString):
        try:
            value = node.evaluated_value
        except Exception:  # pragma: no cover - malformed literal
            return None
        return value if isinstance(value, str) else value.decode("latin-1")
    return None


literal_str = _literal_str


def _start_method(call: cst.Call) -> Optional[str]:
    arg = call.args[0].value if call.args else None
    if arg is None:
        kw = keyword(call, "method")
        arg = kw.value if kw else None
    if arg is None:
        return None
    return _literal_str(arg) or "?"


def keyword(call: cst.Call, name: str) -> Optional[cst.Arg]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def positional(call: cst.Call, index: int) -> Optional[cst.Arg]:
    pos = [a for a in call.args if a.keyword is None and not a.star]
    return pos[index] if index < len(pos) else None


def argument(call: cst.Call, index: int, name: str) -> Optional[cst.BaseExpression]:
    arg = keyword(call, name) or positional(call, index)
    return arg.value if arg is not None else None


def is_true(node: Optional[cst.CSTNode]) -> bool:
    return (isinstance(node, cst.Name) and node.value == "True") or (isinstance(node, cst.Integer) and node.value != "0")


def is_false(node: Optional[cst.CSTNode]) -> bool:
    return (isinstance(node, cst.Name) and node.value in ("False", "None")) or (isinstance(node, cst.Integer) and node.value == "0")


def method_call(node: cst.CSTNode, names: Optional[Iterable[str]] = None) -> Optional[tuple[cst.BaseExpression, str]]:
    """``(receiver, method)`` for ``receiver.method(...)``."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        attr = node.func.attr.value
        if names is None or attr in names:
            return node.func.value, attr
    return None


def same(a: Optional[cst.CSTNode], b: Optional[cst.CSTNode]) -> bool:
    """Two receiver expressions spell the same variable (``p``, ``self._proc``)."""
    da, db = _dotted(a), _dotted(b)
    return da is not None and da == db


def mentions(node: cst.CSTNode, name: str) -> bool:
    """``node`` uses the dotted ``name`` (``p`` or ``self._proc``) somewhere."""
    for n in walk(node, into_defs=True):
        if isinstance(n, (cst.Name, cst.Attribute)) and _dotted(n) == name:
            return True
    return False


def is_while_true(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.While) and (is_true(node.test))


# -- paths -------------------------------------------------------------------------------
Pred = Callable[[cst.CSTNode], bool]


def block_of(stmts: Sequence[cst.CSTNode]) -> list[cst.CSTNode]:
    """Flatten ``SimpleStatementLine``s into their small statements."""
    out: list[cst.CSTNode] = []
    for s in stmts:
        if isinstance(s, cst.SimpleStatementLine):
            out.extend(s.body)
        else:
            out.append(s)
    return out


def suite(node: Optional[cst.CSTNode]) -> list[cst.CSTNode]:
    if node is None:
        return []
    if isinstance(node, cst.IndentedBlock):
        return block_of(node.body)
    if isinstance(node, cst.SimpleStatementSuite):
        return list(node.body)
    if isinstance(node, (cst.Else, cst.Finally, cst.ExceptHandler, cst.ExceptStarHandler)):
        return suite(node.body)
    return []


@dataclass
class Flow:
    done: bool  # no normal completion without a hit
    leak: bool  # some `return` leaves the function before a hit


def flow_block(stmts: Sequence[cst.CSTNode], hit: Pred) -> Flow:
    leak = False
    for s in stmts:
        f = flow_stmt(s, hit)
        leak = leak or f.leak
        if f.done:
            return Flow(True, leak)
    return Flow(False, leak)


def _expr_hits(node: Optional[cst.CSTNode], hit: Pred) -> bool:
    return node is not None and any(hit(n) for n in walk(node))


def flow_stmt(s: cst.CSTNode, hit: Pred) -> Flow:
    if hit(s):
        return Flow(True, False)
    if isinstance(s, cst.Return):
        return Flow(True, not _expr_hits(s.value, hit))
    if isinstance(s, cst.Raise):
        return Flow(True, False)
    if isinstance(s, (cst.FunctionDef, cst.ClassDef)):
        return Flow(False, False)
    if isinstance(s, cst.BaseSmallStatement):
        return Flow(_expr_hits(s, hit), False)
    if isinstance(s, cst.If):
        if _expr_hits(s.test, hit):
            return Flow(True, False)
        body = flow_block(suite(s.body), hit)
        other = flow_stmt(s.orelse, hit) if isinstance(s.orelse, cst.If) else (flow_block(suite(s.orelse), hit) if s.orelse else Flow(False, False))
        return Flow(body.done and other.done, body.leak or other.leak)
    if isinstance(s, (cst.For, cst.While)):
        head = s.iter if isinstance(s, cst.For) else s.test
        if _expr_hits(head, hit):
            return Flow(True, False)
        body = flow_block(suite(s.body), hit)
        # a loop body may run zero times; `while True` only ends through break/return
        return Flow(body.done and is_while_true(s), body.leak)
    if isinstance(s, cst.With):
        if any(_expr_hits(item.item, hit) for item in s.items):
            return Flow(True, False)
        return flow_block(suite(s.body), hit)
    if isinstance(s, (cst.Try, cst.TryStar)):
        body = flow_block(suite(s.body) + suite(s.orelse), hit)
        handlers = [flow_block(suite(h), hit) for h in s.handlers]
        final = flow_block(suite(s.finalbody), hit) if s.finalbody else Flow(False, False)
        if final.done:
            return Flow(True, final.leak)
        done = body.done and all(h.done for h in handlers)
        return Flow(done, body.leak or any(h.leak for h in handlers) or final.leak)
    if isinstance(s, cst.Match):
        cases = [flow_block(suite(c.body), hit) for c in s.cases]
        return Flow(False, any(c.leak for c in cases))
    return Flow(False, False)


def after(model: Model, node: cst.CSTNode, hit: Pred, *, stop: Optional[cst.CSTNode] = None) -> Flow:
    """From just after the statement holding ``node`` to the end of its function (or of
    ``stop``): does every normal path pass a statement accepted by ``hit``?"""
    current = model.statement_of(node)
    leak = False
    while current is not None and current is not stop:
        parent = model.parent_of(current)
        if parent is None:
            break
        block = _containing_block(model, current)
        if block is not None:
            rest = block[block.index(current) + 1:] if current in block else []
            f = flow_block(rest, hit)
            leak = leak or f.leak
            if f.done:
                return Flow(True, leak)
        # climb to the enclosing compound statement
        owner = parent
        while owner is not None and not isinstance(owner, (cst.BaseCompoundStatement, cst.FunctionDef, cst.Module, cst.Lambda)):
            owner = model.parent_of(owner)
        if owner is None or isinstance(owner, (cst.FunctionDef, cst.Module, cst.Lambda)):
            break
        if isinstance(owner, (cst.Try, cst.TryStar)):
            # leaving the try body normally runs `else`, then `finally`
            if owner.orelse is not None and _inside(model, current, owner.body):
                f = flow_block(suite(owner.orelse), hit)
                leak = leak or f.leak
                if f.done:
                    return Flow(True, leak)
            if owner.finalbody is not None and not _inside(model, current, owner.finalbody):
                fin = flow_block(suite(owner.finalbody), hit)
                if fin.done:
                    return Flow(True, leak)
        current = owner
    return Flow(False, leak)


def _inside(model: Model, node: cst.CSTNode, container: cst.CSTNode) -> bool:
    return node is container or any(a is container for a in model.ancestors(node))


def _containing_block(model: Model, stmt: cst.CSTNode) -> Optional[list[cst.CSTNode]]:
    parent = model.parent_of(stmt)
    if isinstance(parent, cst.SimpleStatementLine):
        grand = model.parent_of(parent)
        if isinstance(grand, (cst.IndentedBlock, cst.Module)):
            return block_of(grand.body)
        return list(parent.body)
    if isinstance(parent, (cst.IndentedBlock, cst.Module)):
        return block_of(parent.body)
    if isinstance(parent, cst.SimpleStatementSuite):
        return list(parent.body)
    return None


def before(model: Model, node: cst.CSTNode, within: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Statements of ``within`` that come before the statement holding ``node`` in source
    order (whatever branch they are on)."""
    target = model.statement_of(node)
    for n in walk(within):
        if n is target:
            return
        if isinstance(n, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
            yield n
