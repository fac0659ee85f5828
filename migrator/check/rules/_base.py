"""What the fork-safety rules share: the per-file model, fork sites, child code, signal facts.

Every rule here derives from :class:`ForkRule`: on ``visit_Module`` it fetches the model of
the file (:mod:`migrator.check.flow`, built once per file and shared through the rule
context) and "where code runs" (:mod:`migrator.check.where`), then runs :meth:`check`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Iterable, Iterator, Optional, Sequence

import libcst as cst

from migrator.check.flow import (
    EXEC_PREFIXES,
    FORK_CALLS,
    Model,
    Scope,
    block_of,
    calls_in,
    dotted,
    keyword,
    method_call,
    suite,
    walk,
)
from migrator.check.rule import Rule
from migrator.check.where import Where, where

MODEL_KEY = "fork-safety.model"

#: Signals a server uses for graceful shutdown (and whose inherited handlers matter).
SHUTDOWN_SIGNALS = frozenset({"SIGTERM", "SIGINT"})
EXIT_CALLS = frozenset({"sys.exit", "os._exit", "os.abort", "os.kill", "os.killpg", "signal.raise_signal", "thread.interrupt_main", "_thread.interrupt_main", "exit", "quit"})


def model_of(rule: Rule) -> Model:
    cache = rule.context.cache
    m = cache.get(MODEL_KEY)
    if m is None:
        m = Model(
            rule.context.module,
            rule,
            path=rule.context.path,
            python2=rule.context.python2,
            target_version=rule.context.target_version,
        )
        cache[MODEL_KEY] = m
    return m


class ForkRule(Rule):
    """Base of the fork-safety rules (not itself a rule: no ID)."""

    #: Only fires where the code runs on Python 2 (see :attr:`Model.python2`).
    PYTHON2_ONLY: ClassVar[bool] = False

    model: Model
    where: Where

    def visit_Module(self, node: cst.Module) -> None:
        self.model = model_of(self)
        if self.PYTHON2_ONLY and not self.model.python2:
            return
        self.where = where(self.model)
        self.check()

    def check(self) -> None:  # pragma: no cover - every rule overrides
        raise NotImplementedError

    def name_of(self, call: cst.Call, scope: Optional[Scope] = None) -> Optional[str]:
        return self.model.call_name(call, scope)


# -- fork sites ---------------------------------------------------------------------------
@dataclass
class ForkSite:
    """A place where this process forks without exec'ing (or might)."""

    node: cst.Call  # the call that forks (os.fork(), p.start(), Pool(...))
    kind: str  # "fork" | "process" | "pool" | "ppe"
    scope: Scope
    method: Optional[str] = None  # start method: None = platform default (fork on Linux < 3.14)
    construction: Optional[cst.Call] = None  # Process(...)/Pool(...) call
    child: list[cst.CSTNode] = field(default_factory=list)  # code that runs in the child, when known
    child_known: bool = False
    child_continues: bool = False  # os.fork(): the parent branch exits and the child carries on (daemonising)

    @property
    def forks_without_exec(self) -> bool:
        if self.kind == "fork":
            return True
        return self.method in (None, "fork")

    def describe(self) -> str:
        return {"fork": "os.fork()", "process": "Process.start()", "pool": "Pool()", "ppe": "ProcessPoolExecutor()"}[self.kind]


def construction_of(model: Model, receiver: cst.CSTNode, scope: Scope) -> Optional[cst.Call]:
    """The constructor call whose result ``receiver`` (``p``, ``self._p``) holds, if simple."""
    values: Sequence[cst.CSTNode] = ()
    if isinstance(receiver, cst.Call):
        return receiver
    if isinstance(receiver, cst.Name):
        values = model.lookup(receiver.value, scope)
    elif isinstance(receiver, cst.Attribute) and isinstance(receiver.value, cst.Name) and receiver.value.value == "self":
        cls = model.class_of(scope)
        values = cls.attrs.get(receiver.attr.value, ()) if cls else ()
    for value in values:
        if isinstance(value, cst.WithItem):
            value = value.item
        if isinstance(value, cst.Call) and model.constructed_kind(value):
            return value
    return None


def fork_sites(model: Model) -> list[ForkSite]:
    cache = getattr(model, "_fork_sites", None)
    if cache is not None:
        return cache
    w = where(model)
    sites: list[ForkSite] = []
    for call, scope in model.calls:
        name = model.call_name(call, scope)
        if name in FORK_CALLS:
            branch = fork_child_branch(model, call)
            child, continues = branch if branch is not None else ([], False)
            sites.append(ForkSite(call, "fork", scope, "fork", None, child, branch is not None, continues))
            continue
        kind = model.constructed_kind(call, scope)
        if kind in ("pool", "ppe"):
            site = ForkSite(call, kind, scope, model.start_method(call, scope), call)
            init = keyword(call, "initializer")
            if kind == "pool" and init is None and call.args and call.args[0].keyword is None and len(call.args) > 1:
                init = call.args[1] if call.args[1].keyword is None else None
            f = w.function(init.value, scope) if init is not None else None
            if f is not None:
                site.child, site.child_known = list(f.body()), True
            sites.append(site)
            continue
        mc = method_call(call, ("start",))
        if mc is None:
            continue
        receiver = mc[0]
        if model.kind(receiver, scope) != "process":
            continue
        built = construction_of(model, receiver, scope)
        method = model.start_method(built, model.scope_of(built)) if built is not None else model.default_start_method()
        site = ForkSite(call, "process", scope, method, built)
        site.child, site.child_known = process_child_code(model, built)
        sites.append(site)
    model._fork_sites = sites
    return sites


def process_child_code(model: Model, built: Optional[cst.Call]) -> tuple[list[cst.CSTNode], bool]:
    """The code a Process runs: its ``target`` (a function of this module) or the ``run()``
    of its class (a subclass defined in this module)."""
    if built is None:
        return [], False
    w = where(model)
    scope = model.scope_of(built)
    target = keyword(built, "target")
    if target is not None:
        f = w.function(target.value, scope)
        return (list(f.body()), True) if f is not None else ([], False)
    ref = model.resolve(built.func, scope)
    if ref is not None and ref.local is not None and id(ref.local) in model.classes:
        run = w.method(model.classes[id(ref.local)], "run")
        if run is not None:
            return list(run.body()), True
    return [], False


# -- os.fork() branches --------------------------------------------------------------------
def _pid_test(model: Model, test: cst.BaseExpression, pid: Optional[str], call: cst.Call) -> Optional[bool]:
    """True if ``test`` holds in the child (pid == 0), False if in the parent, None if unknown."""

    def is_pid(e) -> bool:
        return e is call or (pid is not None and dotted(e) == pid)

    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = _pid_test(model, test.expression, pid, call)
        return None if inner is None else not inner
    if is_pid(test):
        return False  # truthy pid: parent
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        comp = test.comparisons[0]
        left, right, op = test.left, comp.comparator, comp.operator
        if is_pid(right) and isinstance(left, cst.Integer):
            left, right = right, left
            op = {cst.GreaterThan: cst.LessThan(), cst.LessThan: cst.GreaterThan()}.get(type(op), op)
        if not (is_pid(left) and isinstance(right, cst.Integer) and right.value == "0"):
            return None
        if isinstance(op, (cst.Equal, cst.Is)):
            return True
        if isinstance(op, (cst.NotEqual, cst.IsNot, cst.GreaterThan)):
            return False
    return None


def fork_child_branch(model: Model, call: cst.Call) -> Optional[tuple[list[cst.CSTNode], bool]]:
    """The statements the child runs after ``os.fork()`` (until they leave the branch) and
    whether the child simply carries on after an ``if`` whose parent branch exits
    (daemonising); None when the code does not test the pid in a way we understand."""
    stmt = model.statement_of(call)
    pid: Optional[str] = None
    if isinstance(stmt, cst.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0].target
        if isinstance(target, cst.Tuple) and target.elements:
            target = target.elements[0].value  # pid, fd = os.forkpty()
        pid = dotted(target)
    elif isinstance(stmt, cst.If):
        pass
    else:
        return None
    candidates: list[cst.CSTNode] = []
    if isinstance(stmt, cst.If):
        candidates = [stmt]
    else:
        block = _rest_of_block(model, stmt)
        candidates = block
    for i, s in enumerate(candidates):
        if not isinstance(s, cst.If):
            if pid and any(dotted(n) == pid for n in walk(s) if isinstance(n, (cst.Name, cst.Attribute))):
                # used before any test (e.g. `if pid: ...` inside a try) — give up
                if isinstance(s, (cst.Try, cst.With)):
                    for inner in block_of(getattr(s.body, "body", ())):
                        if isinstance(inner, cst.If) and _pid_test(model, inner.test, pid, call) is not None:
                            return _branch(model, inner, pid, call, block_of(getattr(s.body, "body", ())))
                return None
            continue
        verdict = _pid_test(model, s.test, pid, call)
        if verdict is None:
            continue
        return _branch(model, s, pid, call, candidates[i + 1:] if not isinstance(stmt, cst.If) else _rest_of_block(model, stmt))
    return None


def _branch(model: Model, s: cst.If, pid, call, rest: list[cst.CSTNode]) -> tuple[list[cst.CSTNode], bool]:
    """(child statements, parent exits) — when the parent's branch ends the *process*
    (``os._exit``, ``sys.exit``, a function of this module that always exits), the child is
    the program from now on: daemonising, not a child to be reaped or ``_exit``ed."""
    verdict = _pid_test(model, s.test, pid, call)
    body = suite(s.body)
    orelse: list[cst.CSTNode] = []
    if isinstance(s.orelse, cst.Else):
        orelse = suite(s.orelse)
    elif isinstance(s.orelse, cst.If):
        orelse = [s.orelse]
    if verdict:
        return body, exits_process(model, orelse)
    if s.orelse is not None:
        return orelse, exits_process(model, body)
    # `if pid: <parent ...; return/exit>` and the child carries on after the `if`
    if ends(body, model):
        return rest, exits_process(model, body)
    return [], False


def exits_process(model: Model, stmts: Sequence[cst.CSTNode]) -> bool:
    """The block ends the process on every path (not merely the function)."""
    return ends(stmts, model) and not _returns(stmts)


def _returns(stmts: Sequence[cst.CSTNode]) -> bool:
    """Some path leaves the block without ending the process: a ``return``, or a
    ``break``/``continue`` of a loop around the block."""
    for s in stmts:
        for n in walk(s):
            if isinstance(n, cst.Return):
                return True
    loops_inside = set()
    for s in stmts:
        for n in walk(s):
            if isinstance(n, (cst.For, cst.While)):
                loops_inside.update(id(x) for x in walk(n.body))
    for s in stmts:
        for n in walk(s):
            if isinstance(n, (cst.Continue, cst.Break)) and id(n) not in loops_inside:
                return True
    return False


def _rest_of_block(model: Model, stmt: cst.CSTNode) -> list[cst.CSTNode]:
    from migrator.check.flow import _containing_block

    block = _containing_block(model, stmt) or []
    return block[block.index(stmt) + 1:] if stmt in block else []


_NORETURN = frozenset({"os._exit", "sys.exit", "exit", "quit", "_exit", "os.abort"})


def ends(stmts: Sequence[cst.CSTNode], model: Optional[Model] = None, _seen: Optional[set] = None) -> bool:
    """The block cannot complete normally (ends in return/raise/exit/continue/break, or a
    call of a function of this module that always exits)."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, (cst.Return, cst.Raise, cst.Continue, cst.Break)):
        return True
    if isinstance(last, cst.Expr) and isinstance(last.value, cst.Call):
        call = last.value
        name = (model.call_name(call) if model is not None else None) or dotted(call.func) or ""
        if name in _NORETURN or name.startswith(("os.exec", "os.spawn")):
            return True
        if model is not None:
            f = where(model).function(call.func, model.scope_of(call))
            seen = _seen or set()
            if f is not None and id(f.node) not in seen:
                seen.add(id(f.node))
                body = block_of(f.body()) if isinstance(f.node, cst.FunctionDef) else []
                return ends(body, model, seen) and not any(isinstance(n, cst.Return) for s in body for n in walk(s))
        return False
    if isinstance(last, cst.If) and last.orelse is not None:
        other = suite(last.orelse) if isinstance(last.orelse, cst.Else) else [last.orelse]
        return ends(suite(last.body), model, _seen) and ends(other, model, _seen)
    if isinstance(last, (cst.Try, cst.TryStar)) and last.finalbody is not None:
        return ends(suite(last.finalbody), model, _seen)
    return False


def execs_first(model: Model, stmts: Sequence[cst.CSTNode]) -> bool:
    """The child code replaces itself with another program (``os.exec*``) on every path."""
    from migrator.check.flow import flow_block

    def hit(n: cst.CSTNode) -> bool:
        if isinstance(n, cst.Call):
            name = model.call_name(n) or dotted(n.func) or ""
            return name.startswith(EXEC_PREFIXES) or name in ("os._exit",)
        return False

    return bool(stmts) and flow_block(list(stmts), hit).done and any(
        (model.call_name(c) or "").startswith(EXEC_PREFIXES) for s in stmts for c in calls_in(s)
    )


# -- signals -------------------------------------------------------------------------------
def signal_calls(model: Model, scope: Optional[Scope] = None) -> Iterator[tuple[cst.Call, Optional[str], cst.BaseExpression]]:
    """``signal.signal(sig, handler)`` calls: (call, signal name or None, handler)."""
    for call in model.find_calls("signal.signal", scope):
        if len(call.args) < 2:
            continue
        yield call, model.signal_name(call.args[0].value), call.args[1].value


def handler_function(model: Model, handler: cst.BaseExpression, scope: Scope) -> Optional[Scope]:
    return where(model).function(handler, scope)


def handler_exits(model: Model, handler: cst.BaseExpression, scope: Scope, _seen: Optional[set] = None) -> Optional[bool]:
    """Does the handler end the process (exit, raise, re-kill itself, restore SIG_DFL)?
    None when it is not a function of this module."""
    if model.signal_name(handler) in ("SIG_DFL",):
        return True
    if model.signal_name(handler) == "SIG_IGN":
        return False
    ref = model.resolve(handler, scope)
    if ref is not None and ref.name in ("sys.exit", "os._exit", "_thread.interrupt_main", "signal.default_int_handler"):
        return True
    f = handler_function(model, handler, scope)
    if f is None:
        return None
    seen = _seen or set()
    if id(f.node) in seen:
        return False
    seen.add(id(f.node))
    for n in walk(f.node) if isinstance(f.node, cst.Lambda) else (n for s in f.body() for n in walk(s)):
        if isinstance(n, cst.Raise):
            return True
        if isinstance(n, cst.Call):
            name = model.call_name(n, f) or dotted(n.func) or ""
            if name in EXIT_CALLS or name.endswith(("._exit", ".exit")):
                return True
            if name == "signal.signal" and len(n.args) >= 2 and model.signal_name(n.args[1].value) == "SIG_DFL":
                return True
            callee = where(model).function(n.func, f)
            if callee is not None and handler_exits(model, n.func, f, seen):
                return True
    return False


def resets_in(model: Model, stmts: Sequence[cst.CSTNode], scope: Optional[Scope] = None, depth: int = 2) -> bool:
    """The code resets SIGTERM in the child: ``signal.signal(SIGTERM, SIG_DFL)`` (also in a
    loop over several signals), or installs a handler that exits; also in the functions of
    this module it calls, up to ``depth`` calls deep."""
    w = None
    for s in stmts:
        for call in calls_in(s):
            name = model.call_name(call)
            if name == "signal.signal" and len(call.args) >= 2:
                sig = model.signal_name(call.args[0].value)
                if sig is None or sig == "SIGTERM":
                    if handler_exits(model, call.args[1].value, scope or model.scope_of(call)):
                        return True
            elif depth > 0:
                w = w or where(model)
                f = w.function(call.func, scope or model.scope_of(call))
                if f is not None and resets_in(model, f.body(), f, depth - 1):
                    return True
    return False


def module_resets_in_child(model: Model) -> bool:
    """``os.register_at_fork(after_in_child=...)`` / ``multiprocessing.util.register_after_fork``."""
    for call, _ in model.calls:
        name = model.call_name(call)
        if name == "os.register_at_fork" and keyword(call, "after_in_child") is not None:
            return True
        if name == "multiprocessing.util.register_after_fork":
            return True
    return False


def installs_shutdown_handler(model: Model, *, non_exiting: bool = False) -> Optional[cst.Call]:
    """A ``signal.signal(SIGTERM|SIGINT, fn)`` with a Python function (not SIG_DFL/SIG_IGN);
    with ``non_exiting``, only one whose handler is not known to end the process."""
    for call, sig, handler in signal_calls(model):
        if sig in SHUTDOWN_SIGNALS and model.signal_name(handler) not in ("SIG_DFL", "SIG_IGN", "default_int_handler"):
            if non_exiting and handler_exits(model, handler, model.scope_of(call)):
                continue
            return call
    return None


def delegates(model: Model, stmts: Sequence[cst.CSTNode]) -> bool:
    """The child code hands control to an object whose class lives elsewhere (gunicorn's
    ``worker = self.worker_class(...); worker.init_process()``): that code may well reset the
    signals itself, and we cannot see it."""
    from migrator.check.flow import CLASS_KINDS

    for s in stmts:
        for call in calls_in(s):
            mc = method_call(call)
            if mc is None or not isinstance(mc[0], cst.Name):
                continue
            for value in model.lookup(mc[0].value, model.scope_of(call)):
                if isinstance(value, cst.Call):
                    ref = model.resolve(value.func)
                    if ref is None or (ref.local is None and ref.name not in CLASS_KINDS):
                        return True
    return False


def child_resets(model: Model, site: ForkSite) -> bool:
    if module_resets_in_child(model):
        return True
    if site.kind == "fork":
        return resets_in(model, site.child, site.scope) or execs_first(model, site.child)
    return resets_in(model, site.child)


def spawn_calls(model: Model) -> list[tuple[cst.Call, Scope]]:
    from migrator.check.flow import SPAWN_CALLS

    return model.calls_named(lambda n: n in SPAWN_CALLS or n.startswith(EXEC_PREFIXES))


def thread_starts(model: Model) -> list[tuple[cst.Call, Scope]]:
    """Calls that start a thread: ``t.start()`` on a Thread, ``start_new_thread``, a thread
    pool/executor construction."""
    out = []
    for call, scope in model.calls:
        name = model.call_name(call, scope)
        if name == "_thread.start_new_thread":
            out.append((call, scope))
            continue
        kind = model.constructed_kind(call, scope)
        if kind in ("tpe", "threadpool"):
            out.append((call, scope))
            continue
        mc = method_call(call, ("start",))
        if mc is not None and model.kind(mc[0], scope) == "thread":
            out.append((call, scope))
    return out


def at_import_time(model: Model, node: cst.CSTNode, unless_reaches: Optional[cst.CSTNode] = None) -> bool:
    """``node`` runs when the module is imported: module level, or a function called from
    module level — unless that function also reaches ``unless_reaches`` (then the module is
    a script whose ``main()`` does both, and their order is not known)."""
    scope = model.function_of(node)
    if scope is None:
        # module level, outside `if __name__ == "__main__":`
        for anc in model.ancestors(node):
            if isinstance(anc, cst.If) and _main_test(anc.test):
                return False
        return True
    w = where(model)
    other = model.function_of(unless_reaches) if unless_reaches is not None else None
    for stmt in model.module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            continue
        if isinstance(stmt, cst.If) and _main_test(stmt.test):
            continue
        for call in calls_in(stmt):
            root = w.function(call.func, model.root)
            if root is None:
                continue
            reached = _reachable(w, root)
            if scope in reached and (other is None or other not in reached):
                return True
    return False


def _reachable(w: Where, start: Scope) -> list[Scope]:
    out: list[Scope] = []
    todo = [start]
    while todo:
        f = todo.pop()
        if any(f is o for o in out):
            continue
        out.append(f)
        todo.extend(w.callees(f))
    return out


def _main_test(test) -> bool:
    from migrator.check.where import _is_main_test

    return _is_main_test(test)


def in_loop(model: Model, node: cst.CSTNode, stop: Optional[cst.CSTNode] = None) -> Optional[cst.CSTNode]:
    for anc in model.ancestors(node):
        if anc is stop or isinstance(anc, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            return None
        if isinstance(anc, (cst.For, cst.While)):
            return anc
    return None


def escapes(model: Model, name: str, scope: Scope, exclude: Iterable[cst.CSTNode] = ()) -> bool:
    """The object named ``name`` (``p``) leaves the function's care: returned, yielded,
    stored in an attribute/container/global, passed to a call (other than as receiver), or
    used by a nested function."""
    excluded = {id(n) for n in exclude}
    body = scope.body()
    for stmt in body:
        for n in walk(stmt, into_defs=True):
            if id(n) in excluded:
                continue
            if isinstance(n, (cst.FunctionDef, cst.Lambda)) and n is not scope.node:
                if any(isinstance(x, cst.Name) and x.value == name for x in walk(n, into_defs=True)):
                    return True
            if not (isinstance(n, cst.Name) and n.value == name):
                continue
            parent = model.parent_of(n)
            if isinstance(parent, cst.Attribute) and (parent.value is n or parent.attr is n):
                continue  # p.start(), p.pid — or some other object's attribute named p
            if isinstance(parent, (cst.Arg, cst.Param)) and getattr(parent, "keyword", None) is n:
                continue  # f(p=...): a keyword, not the variable
            if isinstance(parent, cst.AssignTarget) or (isinstance(parent, cst.AnnAssign) and parent.target is n):
                continue
            if isinstance(parent, cst.With) or isinstance(parent, cst.AsName):
                continue
            if isinstance(parent, (cst.For, cst.CompFor)) and (parent.target is n or parent.iter is n):
                continue
            if isinstance(parent, (cst.Comparison, cst.ComparisonTarget, cst.If, cst.While, cst.UnaryOperation, cst.BooleanOperation)):
                continue
            if isinstance(parent, cst.Del):
                continue
            if isinstance(parent, cst.Arg) and _harmless_call(model.parent_of(parent)):
                continue
            return True
    return False


_HARMLESS = frozenset({"len", "print", "repr", "str", "bool", "isinstance", "id", "hash", "type", "format", "getattr", "hasattr"})
_LOGGING = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "display", "vvv", "vvvv"})


def _harmless_call(call) -> bool:
    """Passing an object to these does not hand it on to a new owner."""
    if not isinstance(call, cst.Call):
        return False
    if isinstance(call.func, cst.Name):
        return call.func.value in _HARMLESS
    if isinstance(call.func, cst.Attribute):
        return call.func.attr.value in _LOGGING
    return False


def is_param(scope: Optional[Scope], name: Optional[str]) -> bool:
    return bool(scope is not None and name and name.split(".")[0] in scope.params() and name.split(".")[0] not in ("self", "cls"))


def later_calls(model: Model, node: cst.CSTNode, scope: Scope) -> Iterator[cst.Call]:
    """Calls of ``scope`` after ``node`` in source order, plus all calls of a loop around it
    (the next iteration runs them after ``node`` too)."""
    here = model.pos(node)
    loop = in_loop(model, node)
    for call in scope.calls:
        if call is node:
            continue
        if model.pos(call) > here or (loop is not None and any(a is loop for a in model.ancestors(call))):
            yield call


def saves_and_restores_signals(model: Model, scope: Scope) -> bool:
    """The function saves the current handlers (``signal.getsignal`` or the value
    ``signal.signal`` returns) and sets them again in a ``finally`` block."""
    saved = bool(model.find_calls("signal.getsignal", scope))
    if not saved:
        for stmt in walk(scope.node):
            if isinstance(stmt, cst.Assign) and isinstance(stmt.value, cst.Call) and model.call_name(stmt.value) == "signal.signal":
                saved = True
                break
    if not saved:
        return False
    for n in walk(scope.node):
        if isinstance(n, cst.Finally) and any(model.call_name(c) == "signal.signal" for c in calls_in(n)):
            return True
    return False


def server_reason(w: Where, node: cst.CSTNode) -> Optional[str]:
    from migrator.check.where import HOOK, REQUEST

    scope = w.model.scope_of(node)
    for ctx in (REQUEST, HOOK):
        if ctx in w.of(scope):
            return w.why(scope, ctx) or ctx
    return None


def loop_source(model: Model, name: str, scope: Scope, node: cst.CSTNode) -> Optional[str]:
    """For a loop variable ``p`` of ``for p in procs`` (or a comprehension) around ``node``:
    ``"procs"``."""
    for anc in model.ancestors(node):
        fors = []
        if isinstance(anc, cst.For):
            fors = [anc]
        elif isinstance(anc, (cst.ListComp, cst.GeneratorExp, cst.SetComp)):
            f = anc.for_in
            while f is not None:
                fors.append(f)
                f = f.inner_for_in
        for f in fors:
            if dotted(f.target) == name:
                return dotted(f.iter)
        if anc is scope.node:
            break
    return None


def calls_method_on(node: cst.CSTNode, name: str, methods: Iterable[str]) -> bool:
    methods = set(methods)
    for n in walk(node):
        mc = method_call(n, methods)
        if mc and dotted(mc[0]) == name:
            return True
    return False


def _loop_over(node: cst.CSTNode, collection: str, methods) -> bool:
    """``for x in collection: x.join()`` or ``[x.join() for x in collection]``."""
    fors = []
    if isinstance(node, cst.For):
        fors = [(node, node.body)]
    elif isinstance(node, (cst.ListComp, cst.GeneratorExp, cst.SetComp)):
        fors = [(node.for_in, node.elt)]
    for f, body in fors:
        if dotted(f.iter) == collection and dotted(f.target) and calls_method_on(body, dotted(f.target), methods):
            return True
    return False


def lifecycle_handled(model: Model, site: cst.CSTNode, receiver: cst.BaseExpression, scope: Scope, methods: Iterable[str], *, extra=None) -> bool:
    """After ``site`` (a start/creation), is ``receiver`` finished on every normal path by one
    of ``methods`` (``join``, ``wait``, ...)? Also True when the object leaves the
    function's care (returned, stored, passed on) — its new owner is responsible then."""
    from migrator.check.flow import after

    methods = set(methods)
    name = dotted(receiver)
    if name is None:
        return False
    if name.startswith("self."):
        cls = model.class_of(scope)
        if cls is None:
            return True
        return any(calls_method_on(m.node, name, methods) for m in cls.methods.values()) or _passed_anywhere(cls, name)
    if "." in name:
        return True  # some other object's attribute: not ours to judge
    collection = loop_source(model, name, scope, site)
    tracked = [name] + ([collection] if collection else [])
    for t in tracked:
        if "." not in t and escapes(model, t, scope, exclude=()):
            return True
    if collection and "." in collection:
        return True

    def hit(n: cst.CSTNode) -> bool:
        if isinstance(n, cst.Call):
            mc = method_call(n, methods)
            if mc and dotted(mc[0]) == name:
                return True
            if extra is not None and extra(n):
                return True
        if collection is not None:
            for sub in walk(n) if isinstance(n, cst.BaseSmallStatement) else [n]:
                if _loop_over(sub, collection, methods):
                    return True
        return False

    if scope.is_function or scope is model.root:
        f = after(model, site, hit)
        return f.done and not f.leak
    return True


def _passed_anywhere(cls, name: str) -> bool:
    """``self._p`` handed to a call or returned somewhere in the class."""
    for m in cls.methods.values():
        for n in walk(m.node):
            if isinstance(n, cst.Call) and any(dotted(a.value) == name for a in n.args):
                return True
            if isinstance(n, cst.Return) and n.value is not None and dotted(n.value) == name:
                return True
    return False


def is_daemon(model: Model, construction: Optional[cst.Call], receiver: cst.BaseExpression, scope: Scope) -> bool:
    from migrator.check.flow import is_true

    if construction is not None:
        kw = keyword(construction, "daemon")
        if kw is not None:
            return is_true(kw.value)
        ref = model.resolve(construction.func)
        if ref is not None and ref.local is not None and id(ref.local) in model.classes:
            info = model.classes[id(ref.local)]
            for n in walk(info.node, into_defs=True):
                if isinstance(n, cst.Assign) and any(dotted(t.target) in ("self.daemon", "daemon") for t in n.targets) and is_true(n.value):
                    return True
                if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "setDaemon":
                    return True
    name = dotted(receiver)
    where_ = model.class_of(scope).node if name and name.startswith("self.") and model.class_of(scope) else scope.node
    for n in walk(where_, into_defs=True):
        if isinstance(n, cst.Assign) and any(dotted(t.target) == f"{name}.daemon" for t in n.targets):
            return is_true(n.value)
        mc = method_call(n, ("setDaemon",))
        if mc and dotted(mc[0]) == name and n.args:
            return is_true(n.args[0].value)
    return False
