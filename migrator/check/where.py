"""Where code runs: which functions of a module run in a request, a server hook, a forked
child, a thread, or the main program.

Roots (recognised by shape, not by spelling alone):

* ``request`` — a WSGI callable (parameters ``environ, start_response``; a module-level
  ``application(a, b)``), an ASGI callable (``async def f(scope, receive, send)``), a route
  view (``@app.route("/x")``, ``@bp.get("/x")``, ``@router.post("/x")``, bottle ``@route``,
  pyramid ``@view_config``), a Django view (first parameter ``request`` in a ``views.py`` or a
  module importing django; ``get``/``post``/... methods of a ``*View``/``*ViewSet``/
  ``*RequestHandler`` class), a Celery task (``@app.task``, ``@shared_task``).
* ``hook`` — a gunicorn server hook (``post_fork(server, worker)``, ``pre_fork``,
  ``when_ready``, ``worker_int``, ...), uWSGI ``@postfork``, Celery ``worker_process_init``.
* ``child`` — ``run()`` of a ``multiprocessing.Process`` subclass, a ``target=`` given to a
  Process, a function handed to a process pool (``pool.map(f, ...)``).
* ``thread`` — ``run()`` of a ``threading.Thread`` subclass, a Thread/Timer ``target``, a
  function submitted to a thread pool, ``asyncio.to_thread(f)``, ``start_new_thread(f, ...)``.
* ``main`` — a module-level ``main()``, what ``if __name__ == "__main__":`` calls, ``run()``
  of an Ansible ``CLI`` subclass.

Each context then flows along calls inside the module (``f()`` of a module function,
``self.m()`` of a method of the same class or a base class defined here, ``C()`` to
``C.__init__``). Calls into other modules are not followed.
"""
from __future__ import annotations

import os
from typing import Iterable, Optional

import libcst as cst

from migrator.check.flow import Model, Scope, keyword, literal_str, method_call, positional

REQUEST, HOOK, CHILD, THREAD, MAIN = "request", "hook", "child", "thread", "main"
SERVER = frozenset({REQUEST, HOOK})

GUNICORN_HOOKS = frozenset(
    {
        "on_starting", "on_reload", "when_ready", "pre_fork", "post_fork", "post_worker_init", "worker_int",
        "worker_abort", "pre_exec", "pre_request", "post_request", "child_exit", "worker_exit",
        "nworkers_changed", "on_exit", "ssl_context",
    }
)
ROUTE_ATTRS = frozenset({"route", "get", "post", "put", "patch", "delete", "head", "options", "api_route", "websocket"})
HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "dispatch"})
VIEW_SUFFIXES = ("View", "ViewSet", "APIView", "RequestHandler", "Resource", "MethodView")
POOL_METHODS = frozenset({"map", "map_async", "imap", "imap_unordered", "apply", "apply_async", "starmap", "starmap_async", "submit"})


class Where:
    def __init__(self, model: Model) -> None:
        self.model = model
        self._ctx: dict[int, set[str]] = {}
        self._why: dict[tuple[int, str], str] = {}
        self._roots()
        self._propagate()

    # -- queries -------------------------------------------------------------------------
    def of(self, scope: Optional[Scope]) -> set[str]:
        """Contexts of the function ``scope`` (or of the innermost function around it)."""
        while scope is not None and not scope.is_function:
            scope = scope.parent
        if scope is None:
            return set()
        return self._ctx.get(id(scope.node), set())

    def at(self, node: cst.CSTNode) -> set[str]:
        return self.of(self.model.scope_of(node))

    def why(self, scope: Optional[Scope], context: str) -> str:
        while scope is not None and not scope.is_function:
            scope = scope.parent
        if scope is None:
            return ""
        return self._why.get((id(scope.node), context), "")

    def reached(self, node: cst.CSTNode, contexts: Iterable[str]) -> Optional[str]:
        """The first of ``contexts`` the code at ``node`` runs in, else None."""
        mine = self.at(node)
        for c in contexts:
            if c in mine:
                return c
        return None

    @property
    def server_module(self) -> bool:
        """The module holds request handlers or server hooks, or imports a server framework."""
        from migrator.check.flow import SERVER_MODULES

        if any(c & SERVER for c in self._ctx.values()):
            return True
        return self.model.imports_any(SERVER_MODULES)

    # -- roots ---------------------------------------------------------------------------
    def _mark(self, scope: Optional[Scope], context: str, why: str) -> None:
        if scope is None or not scope.is_function:
            return
        ctx = self._ctx.setdefault(id(scope.node), set())
        if context not in ctx:
            ctx.add(context)
            self._why[(id(scope.node), context)] = why

    def _roots(self) -> None:
        m = self.model
        path = m.path.replace(os.sep, "/")
        base = os.path.basename(path)
        djangoish = base == "views.py" or base.endswith("_views.py") or m.imports_any(("django", "rest_framework"))
        gunicorn_conf = "gunicorn" in base or base.endswith(".conf.py") or m.imports_any(("gunicorn",))
        for scope in list(m.functions()):
            node = scope.node
            if not isinstance(node, cst.FunctionDef):
                continue
            name = node.name.value
            args = scope.args()
            toplevel = scope.parent is m.root
            if args[:2] == ["environ", "start_response"] or (toplevel and name == "application" and len(args) == 2):
                self._mark(scope, REQUEST, f"the WSGI callable {name}()")
            elif node.asynchronous is not None and args[:3] == ["scope", "receive", "send"]:
                self._mark(scope, REQUEST, f"the ASGI callable {name}()")
            for deco in node.decorators:
                why = self._decorator(deco.decorator)
                if why:
                    self._mark(scope, why[0], why[1].format(name=name))
            if toplevel and name in GUNICORN_HOOKS and (gunicorn_conf or (args[:1] and args[0] in ("server", "arbiter", "worker"))):
                self._mark(scope, HOOK, f"the gunicorn hook {name}()")
            if toplevel and djangoish and args[:1] == ["request"]:
                self._mark(scope, REQUEST, f"the Django view {name}()")
            if toplevel and name == "main":
                self._mark(scope, MAIN, "main()")
            cls = scope.cls
            if cls is not None:
                if name == "run" and "process" in cls.kinds:
                    self._mark(scope, CHILD, f"{cls.name}.run() (a multiprocessing child)")
                if name == "run" and "thread" in cls.kinds:
                    self._mark(scope, THREAD, f"{cls.name}.run() (a thread)")
                if name in HTTP_METHODS and any(b.name.rsplit(".", 1)[-1].endswith(VIEW_SUFFIXES) for b in cls.bases):
                    self._mark(scope, REQUEST, f"the view method {cls.name}.{name}()")
                if name in HTTP_METHODS and any(b.name.rsplit(".", 1)[-1] == "RequestHandler" for b in cls.bases):
                    self._mark(scope, REQUEST, f"the request handler {cls.name}.{name}()")
                if name in ("handle", "handle_one_request") and "server" in cls.kinds:
                    self._mark(scope, REQUEST, f"the request handler {cls.name}.{name}()")
                if name == "run" and any(b.name.rsplit(".", 1)[-1] == "CLI" for b in cls.bases):
                    self._mark(scope, MAIN, f"{cls.name}.run() (a command-line entry point)")
        for call, scope in m.calls:
            self._callbacks(call, scope)
        self._main_block()

    def _decorator(self, deco: cst.BaseExpression) -> Optional[tuple[str, str]]:
        m = self.model
        target = deco.func if isinstance(deco, cst.Call) else deco
        ref = m.resolve(target)
        name = ref.name if ref else ""
        last = target.attr.value if isinstance(target, cst.Attribute) else (target.value if isinstance(target, cst.Name) else "")
        if isinstance(deco, cst.Call) and last in ROUTE_ATTRS:
            first = positional(deco, 0)
            rule = literal_str(first.value) if first else literal_str((keyword(deco, "rule") or keyword(deco, "path") or cst.Arg(cst.Name("x"))).value)
            if rule is not None and rule.startswith("/"):
                return REQUEST, "the route view {name}()"
        if name.endswith("view_config") or name in ("bottle.route", "bottle.get", "bottle.post"):
            return REQUEST, "the view {name}()"
        if last in ("task", "shared_task") and (
            name.startswith("celery") or (not name and (last == "shared_task" or isinstance(target, cst.Attribute)))
        ):
            # @shared_task, @app.task on a Celery app — not invoke's/fabric's @task (CLI tasks)
            return REQUEST, "the Celery task {name}()"
        if name.endswith("postfork") or name.startswith("uwsgidecorators."):
            return HOOK, "the uWSGI hook {name}()"
        if isinstance(target, cst.Attribute) and target.attr.value == "connect" and "worker_process_init" in (m.resolve(target.value) or _NoRef).name:
            return HOOK, "the Celery worker_process_init handler {name}()"
        return None

    def function(self, expr: Optional[cst.CSTNode], scope: Scope) -> Optional[Scope]:
        """The function of this module that ``expr`` (a callable reference) names."""
        m = self.model
        if expr is None:
            return None
        if isinstance(expr, cst.Lambda):
            return m.scopes.get(id(expr))
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value in ("self", "cls"):
            return self.method(m.class_of(scope), expr.attr.value)
        ref = m.resolve(expr, scope)
        if ref is not None and isinstance(ref.local, cst.FunctionDef):
            return m.scopes.get(id(ref.local))
        return None

    def method(self, cls, name: str, seen: Optional[set] = None) -> Optional[Scope]:
        m = self.model
        seen = seen or set()
        while cls is not None and id(cls) not in seen:
            seen.add(id(cls))
            if name in cls.methods:
                return cls.methods[name]
            for base in cls.bases:
                if base.local is not None and id(base.local) in m.classes:
                    found = self.method(m.classes[id(base.local)], name, seen)
                    if found is not None:
                        return found
            return None
        return None

    def _callbacks(self, call: cst.Call, scope: Scope) -> None:
        m = self.model
        name = m.call_name(call, scope)
        kind = m.constructed_kind(call, scope)
        if kind == "process":
            target = keyword(call, "target")
            f = self.function(target.value if target else None, scope)
            self._mark(f, CHILD, "the target of a multiprocessing child")
        elif kind == "thread":
            target = keyword(call, "target") or keyword(call, "function")
            if target is None and name == "threading.Timer":
                target = positional(call, 1)
            f = self.function(target.value if target else None, scope)
            self._mark(f, THREAD, "the target of a thread")
        elif name == "_thread.start_new_thread" or name == "asyncio.to_thread":
            first = positional(call, 0)
            self._mark(self.function(first.value if first else None, scope), THREAD, "a function run in a thread")
        mc = method_call(call, POOL_METHODS | {"run_in_executor"})
        if mc is not None:
            receiver, meth = mc
            rkind = m.kind(receiver, scope)
            if meth == "run_in_executor":
                fn = positional(call, 1)
                self._mark(self.function(fn.value if fn else None, scope), THREAD, "a function run in an executor")
            elif rkind in ("pool", "ppe"):
                fn = positional(call, 0)
                self._mark(self.function(fn.value if fn else None, scope), CHILD, "a function run in a process pool")
            elif rkind in ("tpe", "threadpool"):
                fn = positional(call, 0)
                self._mark(self.function(fn.value if fn else None, scope), THREAD, "a function run in a thread pool")

    def _main_block(self) -> None:
        m = self.model
        for stmt in m.module.body:
            if isinstance(stmt, cst.If) and _is_main_test(stmt.test):
                for call in _calls(stmt):
                    f = self.function(call.func, m.root)
                    self._mark(f, MAIN, "the __main__ block")

    # -- propagation ---------------------------------------------------------------------
    def callees(self, scope: Scope) -> list[Scope]:
        m = self.model
        out = []
        for call in scope.calls:
            f = self.function(call.func, scope)
            if f is None:
                ref = m.resolve(call.func, scope)
                if ref is not None and isinstance(ref.local, cst.ClassDef) and id(ref.local) in m.classes:
                    f = self.method(m.classes[id(ref.local)], "__init__")
            if f is not None and f is not scope:
                out.append(f)
        return out

    def _propagate(self) -> None:
        m = self.model
        work = [m.scopes[k] for k in self._ctx]
        while work:
            scope = work.pop()
            mine = self._ctx.get(id(scope.node), set())
            for callee in self.callees(scope):
                theirs = self._ctx.setdefault(id(callee.node), set())
                new = mine - theirs
                if new:
                    for c in new:  # keep the root's description: "reachable from <root>"
                        self._why[(id(callee.node), c)] = self._why.get((id(scope.node), c), "")
                    theirs |= new
                    work.append(callee)


class _NoRef:
    name = ""


def _is_main_test(test: cst.BaseExpression) -> bool:
    if isinstance(test, cst.Comparison) and isinstance(test.left, cst.Name) and test.left.value == "__name__":
        return any(literal_str(c.comparator) == "__main__" for c in test.comparisons)
    return False


def _calls(node: cst.CSTNode):
    from migrator.check.flow import calls_in

    return calls_in(node)


def where(model: Model) -> Where:
    cached = getattr(model, "_where", None)
    if cached is None:
        cached = Where(model)
        model._where = cached
    return cached
