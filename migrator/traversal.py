"""libcst traversals at the cost of the walk alone: what every pass over the tree pays.

Several things libcst does on every pass cost more than the pass's own work, and none
changes what a visitor sees or what a transformer returns:

* **A read-only visitor rebuilds the tree.** ``CSTNode.visit`` calls the node type's
  ``_visit_and_replace_children``, which visits the children *and* constructs (and
  validates) a new node from them, even for a ``CSTVisitor``, whose result is thrown away
  (libcst's own source says "TODO: provide traversal where children are not replaced").
  The metadata providers (scopes), the import gatherers and every visitor a codemod
  starts are such visitors. Here each node type gets a *visit-only* twin of that method,
  generated from libcst's own source: the same helper calls in the same order
  (``on_visit_attribute``, the child's ``visit``, ``on_leave_attribute``), no
  construction. A type gets its twin after a few dozen visits (making one costs about a
  third of a millisecond: not worth it for the few nodes of a one-file check).
* **Attribute callbacks nobody listens to.** Two calls per child field, each formatting
  a method name and looking it up. A visitor whose ``on_*_attribute`` are libcst's own
  and that has no ``visit_<Type>_<attr>`` hook for a node type gets a twin without them.
* **A transformer rebuilds nodes nothing changed under.** The transformer twin evaluates
  the same fields in the same order and returns the node itself when every visited child
  came back as the very same object (``updated_node is original_node``), so the result is
  the same tree, sharing what did not change with the input.
* **Matcher discovery per instance.** Every ``MatcherDecoratableVisitor`` /
  ``Transformer`` (``AddImportsVisitor``, ``RemoveImportsVisitor`` and their gatherers,
  all codemods) looks through ``dir(self)`` three times when it is made, for decorated
  methods. What it finds depends only on the class: it is looked up once per class and
  bound to each new instance.

``tests/foundation/test_traversal.py`` records every callback with libcst's traversal and
with these on real files and compares them, compares the scopes libcst computes, and the
trees transformers return. :func:`install` puts it all in place (idempotent);
``MIGRATOR_PLAIN_LIBCST=1`` in the environment leaves libcst as it is. A node type whose
method cannot be read or rewritten keeps libcst's own traversal.
"""
from __future__ import annotations

import ast
import os
import re
import sys
import threading
from typing import Callable, Optional

from libcst import (
    CSTNode,
    CSTValidationError,
    CSTVisitor,
    FlattenSentinel,
    MaybeSentinel,
    RemovalSentinel,
)

try:  # libcst internals: if a release moves them, libcst's own traversal is used
    from libcst._batched_visitor import _BatchedCSTVisitor as _BatchedVisitor
except ImportError:  # pragma: no cover - depends on the libcst release
    _BatchedVisitor = None

# on_*_attribute implementations that only call visit/leave_<Type>_<attr> hooks, by
# qualified name (libcst.matchers is not imported for this: it alone costs 0.2 s of start-up)
_STANDARD = frozenset(
    f"{owner}.{hook}"
    for owner in ("CSTVisitor", "MatcherDecoratableVisitor", "_BatchedCSTVisitor")
    for hook in ("on_visit_attribute", "on_leave_attribute")
)

_HELPERS = {
    "visit_required": "_child",
    "visit_optional": "_child",
    "visit_sentinel": "_child",
    "visit_sequence": "_children",
    "visit_iterable": "_children",
    "visit_body_sequence": "_children",
    "visit_body_iterable": "_children",
}


def _child(parent: CSTNode, field: str, node, visitor) -> None:
    visitor.on_visit_attribute(parent, field)
    if node is not None and type(node) is not MaybeSentinel:  # else: the attribute hooks only
        node.visit(visitor)
    visitor.on_leave_attribute(parent, field)


def _children(parent: CSTNode, field: str, nodes, visitor) -> None:
    visitor.on_visit_attribute(parent, field)
    for node in nodes:
        node.visit(visitor)
    visitor.on_leave_attribute(parent, field)


def _bare_child(parent: CSTNode, field: str, node, visitor) -> None:
    if node is not None and type(node) is not MaybeSentinel:
        node.visit(visitor)


def _bare_children(parent: CSTNode, field: str, nodes, visitor) -> None:
    for node in nodes:
        node.visit(visitor)


def _is_construction(call: ast.Call) -> bool:
    """``Name(field=…, …)`` or ``self.__class__(field=…)``: the node being rebuilt."""
    if call.args or not call.keywords:
        return False
    func = call.func
    if isinstance(func, ast.Name):
        return func.id[:1].isupper()
    return isinstance(func, ast.Attribute) and func.attr == "__class__"


class _VisitOnly(ast.NodeTransformer):
    """``return Node(a=visit_required(…), b=…)`` → evaluate the visits in the same order,
    build nothing, ``return self``."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in _HELPERS:
            node.func.id = _HELPERS[node.func.id]
            return node
        if _is_construction(node):
            # keyword values are evaluated left to right, as a tuple's elements are
            return ast.Tuple(elts=[k.value for k in node.keywords], ctx=ast.Load())
        return node

    def visit_Return(self, node: ast.Return):
        self.generic_visit(node)
        done = ast.Return(value=ast.Name("self", ast.Load()))
        if node.value is None or isinstance(node.value, ast.Name):
            return done
        return [ast.Expr(node.value), done]


def _libcst_method(tp: type) -> Optional[Callable]:
    for klass in tp.__mro__:
        if "_visit_and_replace_children" in klass.__dict__:
            return klass.__dict__["_visit_and_replace_children"]
    return None


class _KeepUnchanged(ast.NodeTransformer):
    """``return Node(a=visit_required(…), b=self.b)`` → evaluate the fields in the same
    order into locals; if every visited field came back as the very same object (a
    sequence: the same objects), ``return self``; else build the node as libcst does."""

    def visit_Return(self, node: ast.Return):
        if isinstance(node.value, ast.Call) and _is_construction(node.value):
            return self._split(node.value, lambda value: ast.Return(value=value))
        return node

    def visit_Assign(self, node: ast.Assign):
        if isinstance(node.value, ast.Call) and _is_construction(node.value):
            return self._split(node.value, lambda value: ast.Assign(targets=node.targets, value=value))
        return node

    @staticmethod
    def _split(call: ast.Call, use: Callable) -> list:
        out: list = []
        same = []
        for keyword in call.keywords:
            local = f"_field_{keyword.arg}"
            out.append(ast.Assign(targets=[ast.Name(local, ast.Store())], value=keyword.value))
            visited = any(
                isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in _HELPERS
                for n in ast.walk(keyword.value)
            )
            if visited:
                same.append(ast.Call(
                    func=ast.Name("_same", ast.Load()),
                    args=[ast.Name(local, ast.Load()), ast.Attribute(ast.Name("self", ast.Load()), keyword.arg, ast.Load())],
                    keywords=[],
                ))
            keyword.value = ast.Name(local, ast.Load())
        test = ast.BoolOp(op=ast.And(), values=same) if len(same) > 1 else (same[0] if same else ast.Constant(True))
        out.append(ast.If(test=test, body=[use(ast.Name("self", ast.Load()))], orelse=[use(call)]))
        return out


def _same(new, old) -> bool:
    if new is old:
        return True
    if type(new) is tuple and type(old) in (tuple, list):
        return len(new) == len(old) and all(a is b for a, b in zip(new, old))
    return False


_VISIT_ONLY: dict[type, Optional[Callable]] = {}  # visitors, with the attribute callbacks
_BARE: dict[type, Optional[Callable]] = {}  # visitors, without them
_KEEP: dict[type, Optional[Callable]] = {}  # transformers


_SOURCES: dict[Callable, str] = {}
_MAKING = threading.Lock()
_NAMESPACES: dict[tuple[str, tuple], dict] = {}


def _twin(tp: type, rewrite: ast.NodeTransformer, helpers: dict) -> Optional[Callable]:
    """``tp._visit_and_replace_children``, rewritten by ``rewrite`` and compiled in the
    namespace of libcst's module (None if its source cannot be read or rewritten)."""
    method = _libcst_method(tp)
    try:
        if method is None:
            raise TypeError(tp)
        source = _SOURCES.get(method)
        if source is None:
            import inspect  # only to make twins (5 ms of a one-file check's start-up otherwise)
            import textwrap

            source = _SOURCES[method] = textwrap.dedent(inspect.getsource(method))
        tree = ast.parse(source)
        definition = tree.body[0]
        if not isinstance(definition, ast.FunctionDef):
            raise TypeError(tp)
        definition.name = "_twin"
        definition.decorator_list = []
        definition.returns = None
        for arg in definition.args.args:
            arg.annotation = None
        tree = ast.fix_missing_locations(rewrite.visit(tree))
        key = (method.__module__, tuple(sorted((k, id(v)) for k, v in helpers.items())))
        namespace = _NAMESPACES.get(key)
        if namespace is None:  # one copy of libcst's module namespace per set of helpers
            namespace = _NAMESPACES[key] = {**vars(sys.modules[method.__module__]), **helpers}
        code = compile(tree, f"<{type(rewrite).__name__} {tp.__qualname__}>", "exec")
        with _MAKING:  # the namespace is shared: one definition at a time (threads)
            exec(code, namespace)
            return namespace.pop("_twin")
    except (OSError, TypeError, SyntaxError, KeyError):
        return None


def visit_only(tp: type, attributes: bool = True) -> Optional[Callable]:
    """The visit-only twin of ``tp._visit_and_replace_children`` (None: keep libcst's);
    ``attributes=False``: one that skips ``on_visit_attribute``/``on_leave_attribute``, for
    visitors that have no attribute hook for ``tp``."""
    table = _VISIT_ONLY if attributes else _BARE
    try:
        return table[tp]
    except KeyError:
        pass
    helpers = {"_child": _child, "_children": _children} if attributes else {"_child": _bare_child, "_children": _bare_children}
    fn = table[tp] = _twin(tp, _VisitOnly(), helpers)
    return fn


def keep_unchanged(tp: type) -> Optional[Callable]:
    """The twin of ``tp._visit_and_replace_children`` for transformers that returns the
    node itself when no child changed (None: keep libcst's)."""
    try:
        return _KEEP[tp]
    except KeyError:
        pass
    fn = _KEEP[tp] = _twin(tp, _KeepUnchanged(), {"_same": _same})
    return fn


_ATTRIBUTE_HOOK = re.compile(r"^(?:visit|leave)_([A-Z][A-Za-z]*)_[a-z_]+$")
_ATTRIBUTE_TYPES: dict[type, Optional[frozenset]] = {}
_HOOK_NAMES: dict[type, tuple[str, ...]] = {}


def hook_names(cls: type) -> tuple[str, ...]:
    """The ``visit_*`` / ``leave_*`` methods of ``cls``, sorted, without libcst's typed
    no-op stubs (``visit_Add_whitespace_before``, …): what libcst's ``get_visitors`` and
    its attribute dispatch would find, read from the class dictionaries along the MRO
    (the first definition of a name wins) once per class, instead of a ``getattr`` on
    each of the ~2,000 attributes of a visitor."""
    found = _HOOK_NAMES.get(cls)
    if found is None:
        seen: set[str] = set()
        hooks = []
        for klass in cls.__mro__:
            for name, value in vars(klass).items():
                if name in seen or not name.startswith(("visit_", "leave_")):
                    continue
                seen.add(name)
                if callable(value) and not getattr(value, "_is_no_op", False):
                    hooks.append(name)
        found = _HOOK_NAMES[cls] = tuple(sorted(hooks))
    return found


def hook_types(names) -> frozenset:
    """The node type names among ``names`` that have an attribute hook (``visit_<Type>_<attr>``)."""
    return frozenset(m.group(1) for m in map(_ATTRIBUTE_HOOK.match, names) if m)


def attribute_types(visitor: CSTVisitor) -> Optional[frozenset]:
    """The node type names for which ``visitor`` may act on ``on_visit_attribute`` /
    ``on_leave_attribute`` (None: any type; it overrides them with code of its own)."""
    cls = type(visitor)
    try:
        found = _ATTRIBUTE_TYPES[cls]
    except KeyError:
        callbacks = (cls.on_visit_attribute, cls.on_leave_attribute)
        if all(c.__module__.startswith("libcst.") and c.__qualname__ in _STANDARD for c in callbacks):
            found = hook_types(hook_names(cls))
        else:
            found = None
        _ATTRIBUTE_TYPES[cls] = found
    if cls is _BatchedVisitor:  # dispatches to the hooks of the visitors it batches
        return hook_types(visitor.visitor_methods)
    if found is not None and vars(visitor) and hook_types(vars(visitor)):
        return None  # a hook set on the instance itself
    return found


_libcst_visit = CSTNode.visit
_SEEN: dict[type, int] = {}  # visits of each node type by visitors before its twin is made
_WARM = 48
# isinstance() against libcst's abstract classes goes through ABCMeta: ask once per class
_IS_VISITOR: dict[type, bool] = {}


def _visit(self: CSTNode, visitor):
    vtype = type(visitor)
    is_visitor = _IS_VISITOR.get(vtype)
    if is_visitor is None:
        is_visitor = _IS_VISITOR[vtype] = issubclass(vtype, CSTVisitor)
    if not is_visitor:
        return _transform(self, visitor)
    tp = type(self)
    try:
        types = visitor.__dict__["_migrator_attribute_types"]
    except (KeyError, AttributeError):
        types = attribute_types(visitor)
        try:
            visitor.__dict__["_migrator_attribute_types"] = types
        except AttributeError:
            pass
    table = _VISIT_ONLY if types is None or tp.__name__ in types else _BARE
    children = table.get(tp)
    if children is None:
        if tp in table:  # no twin for this type
            return _libcst_visit(self, visitor)
        # A twin costs about a third of a millisecond to make: worth it for a type seen
        # often, not for the few nodes of a one-file check (pre-commit's case).
        seen = _SEEN[tp] = _SEEN.get(tp, 0) + 1
        if seen < _WARM:
            return _libcst_visit(self, visitor)
        children = visit_only(tp, attributes=table is _VISIT_ONLY)
        if children is None:
            return _libcst_visit(self, visitor)
    if visitor.on_visit(self):
        children(self, visitor)
    visitor.on_leave(self)
    return self


def _transform(self: CSTNode, visitor):
    """libcst's ``visit`` for a transformer, except that a node none of whose children
    changed is not rebuilt (``updated_node is original_node``), and with its result check
    asked once per class."""
    if visitor.on_visit(self):
        tp = type(self)
        children = _KEEP.get(tp) if tp in _KEEP else keep_unchanged(tp)
        updated = children(self, visitor) if children is not None else self._visit_and_replace_children(visitor)
    else:
        updated = self
    result = visitor.on_leave(self, updated)
    rtype = type(result)
    ok = _RESULT_TYPES.get(rtype)
    if ok is None:
        ok = _RESULT_TYPES[rtype] = issubclass(rtype, (CSTNode, RemovalSentinel, FlattenSentinel))
    if not ok:
        raise CSTValidationError(
            "Expected a node of type CSTNode or a RemovalSentinel, "
            + f"but got a return value of {rtype.__name__}"
        )
    return result


_RESULT_TYPES: dict[type, bool] = {}


# -- matcher discovery once per class ------------------------------------------------------
_PLANS: dict[tuple[str, type], tuple] = {}


def _per_class(kind: str, gather: Callable) -> Callable:
    def cached(obj: object):
        key = (kind, type(obj))
        plan = _PLANS.get(key)
        if plan is None:
            found = gather(obj)
            if kind == "matchers":
                plan = tuple(found)
            else:  # matcher -> bound methods: keep the names, bind to each instance
                plan = tuple((m, tuple(f.__name__ for f in fs)) for m, fs in found.items())
                if any(getattr(obj, n) != f for (m, names), fs in zip(plan, found.values()) for n, f in zip(names, fs)):
                    _PLANS[key] = plan = ("uncached",)
                    return found
            _PLANS[key] = plan
            return found
        if plan == ("uncached",):
            return gather(obj)
        if kind == "matchers":
            return dict.fromkeys(plan)
        return {m: tuple(getattr(obj, n) for n in names) for m, names in plan}

    cached.__wrapped__ = gather  # type: ignore[attr-defined]
    return cached


_installed: set = set()


def install() -> None:
    """Use the visit-only traversal and the per-class matcher discovery (see above).
    Idempotent; the matcher part waits until something has imported ``libcst.matchers``
    (the checker never does: call again after importing it)."""
    if os.environ.get("MIGRATOR_PLAIN_LIBCST") or _BatchedVisitor is None:
        return
    if "traversal" not in _installed:
        _installed.add("traversal")
        CSTNode.visit = _visit  # type: ignore[method-assign]
    matchers = sys.modules.get("libcst.matchers._visitors")
    if matchers is not None and "matchers" not in _installed:
        _installed.add("matchers")
        matchers._gather_matchers = _per_class("matchers", matchers._gather_matchers)
        matchers._gather_constructed_visit_funcs = _per_class("visit", matchers._gather_constructed_visit_funcs)
        matchers._gather_constructed_leave_funcs = _per_class("leave", matchers._gather_constructed_leave_funcs)

