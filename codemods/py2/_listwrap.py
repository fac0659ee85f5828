"""The ``list()`` decisions shared by the dict-view, iter-method, map, filter, zip and range
codemods (PY201–PY206). Quiet where it can be, right first:

* a dict view (``d.keys()``) is kept where it is iterated, tested with ``in``/``len``/truth,
  or fed to a known consumer — unless the dict is changed while the view is being walked,
  or the view is stored and the dict changed later (views are live, lists were copies);
* a lazy iterator (``map``/``filter``/``zip``) is kept where it is iterated exactly once,
  right away, by code that cannot observe the laziness: its function must be pure when
  the iteration interleaves with other code, its sources must not change meanwhile, and an
  exception it raises must land in the same ``try``;
* a ``range`` object is kept wherever it is not printed, compared, concatenated, sliced,
  mutated or escaping;
* everything else — indexing, slicing, ``len()`` of an iterator, concatenation, list
  methods, comparison, printing, returning, storing in an attribute, passing to an
  unknown function — gets ``list()``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst
from libcst.metadata import ParentNodeProvider, QualifiedNameProvider, ScopeProvider
from libcst.metadata.scope_provider import BuiltinAssignment

from codemods.base import Codemod

from codemods.py2 import _flow as F
from codemods.py2._flow import Flow, code, sources

KEEP, LIST, ITER, CONTAINS = "keep", "list", "iter", "contains"


@dataclass(frozen=True)
class Decision:
    action: str
    reason: str = ""


def wrap(name: str, node: cst.BaseExpression) -> cst.Call:
    """``name(node)``, moving the node's own parentheses outside."""
    inner = node.with_changes(lpar=[], rpar=[]) if getattr(node, "lpar", None) else node
    return cst.Call(func=cst.Name(name), args=[cst.Arg(inner)], lpar=node.lpar, rpar=node.rpar)


def shadowed(flow: Flow, node: cst.CSTNode, name: str) -> bool:
    scope = flow.scope(node)
    if scope is None:
        return False
    try:
        found = scope[name]
    except Exception:
        return False
    return any(not isinstance(a, BuiltinAssignment) for a in found)


class Decider:
    """One per codemod instance; all decisions are made on ORIGINAL nodes."""

    def __init__(self, visitor) -> None:
        self.flow = Flow(visitor)
        self.flow.iterator_decider = self._iterator_listed
        self._memo: dict[int, Decision] = {}
        self._busy: set[int] = set()
        self._types = None

    @property
    def types(self):
        if self._types is None:
            from codemods.py2._types import Types

            self._types = Types(self.flow.v, self.flow)
        return self._types

    # -- shared pieces -----------------------------------------------------------------------
    def _safe_key(self, use: F.Use, method: str) -> Optional[str]:
        """``k`` when the loop walks the keys (or items) of the dict as ``k`` and never rebinds it."""
        owner = use.region_owner
        target = getattr(owner, "target", None)
        if method in ("values", "itervalues", "viewvalues"):
            return None
        if method in ("items", "iteritems", "viewitems"):
            if isinstance(target, (cst.Tuple, cst.List)) and target.elements:
                target = target.elements[0].value
            else:
                return None
        if not isinstance(target, cst.Name):
            return None
        name = target.value
        for n in use.region:
            if _rebinds(n, name):
                return None
        return name

    def _mutation(self, use: F.Use, srcs: list[str], method: str = "", site=None) -> Optional[str]:
        for src in srcs:
            if use.region:
                key = self._safe_key(use, method) if method else None
                hit = self.flow.mutates(use.region, src, safe_key=key, site=site)
                if hit is not None:
                    return f"{src} is changed while it is being iterated"
            for stmt in use.stores:
                hit = self.flow.mutated_after(stmt, src)
                if hit is not None:
                    return f"stored, and {src} is changed afterwards"
        return None

    # -- dict views: keys()/values()/items() ----------------------------------------------------
    def view(self, call: cst.Call, method: str) -> Decision:
        if self._explicit_iter(call):
            # ``iter(d.keys())`` asks for an iterator (what PY201 writes for iterkeys() in a
            # loop): it already behaves like Python 2's iterkeys(), leave it.
            return Decision(KEEP)
        srcs = sources(self.flow, call)
        uses = self.flow.uses(call)
        contains_ok = method == "keys"
        for u in uses:
            if u.kind == F.METHOD and u.method == "isdisjoint" and not method.endswith("values"):
                continue  # a set method of keys/items views (a py2 list has none)
            if u.kind in (F.LIST, F.INDEX, F.SLICE, F.NEXT, F.METHOD):
                return Decision(LIST, u.reason or "used as a list")
            if u.kind == F.SETOP and method.endswith("values"):
                return Decision(LIST, u.reason)
            if u.kind == F.CONTAINS and u.stores:
                contains_ok = False
            if u.kind != F.CONTAINS:
                contains_ok = False
            why = self._mutation(u, srcs, method, call)
            if why:
                return Decision(LIST, why)
        if contains_ok and uses:
            return Decision(CONTAINS, "membership test on the dict itself")
        return Decision(KEEP)

    def _explicit_iter(self, call: cst.Call) -> bool:
        arg = self.flow.parent(call)
        outer = self.flow.parent(arg) if isinstance(arg, cst.Arg) else None
        return (
            isinstance(outer, cst.Call)
            and len(outer.args) == 1
            and isinstance(outer.func, cst.Name)
            and outer.func.value == "iter"
            and not shadowed(self.flow, outer.func, "iter")
        )

    # -- iterkeys()/itervalues()/iteritems(): Python 2 iterators --------------------------------
    def iter_method(self, call: cst.Call) -> Decision:
        uses = self.flow.uses(call)
        contains_ok = bool(uses)
        for u in uses:
            if u.kind in (F.NEXT, F.BOOL, F.LIST, F.INDEX, F.SLICE, F.METHOD, F.LEN, F.SETOP):
                return Decision(ITER, u.reason or "used as an iterator")
            if u.multi:
                return Decision(ITER, "the iterator is consumed in several places")
            if u.kind != F.CONTAINS or u.stores:
                contains_ok = False
        method = call.func.attr.value if isinstance(call.func, cst.Attribute) else ""
        if contains_ok and method == "iterkeys":
            return Decision(CONTAINS, "membership test on the dict itself")
        return Decision(KEEP)

    # -- range() ------------------------------------------------------------------------------
    def range_(self, call: cst.Call) -> Decision:
        for u in self.flow.uses(call):
            if u.kind == F.METHOD and u.method in ("index", "count"):
                continue
            if u.kind in (F.LIST, F.SLICE, F.NEXT, F.METHOD, F.SETOP):
                return Decision(LIST, u.reason or "used as a list")
        return Decision(KEEP)

    # -- map()/filter()/zip() -------------------------------------------------------------------
    def _iterator_listed(self, call: cst.Call) -> Optional[str]:
        if not isinstance(call.func, cst.Name):
            return None  # `builtins.map(...)` is Python 3 already: never wrapped
        d = self.iterator(call)
        return d.reason if d.action == LIST else None

    def iterator(self, call: cst.Call) -> Decision:
        key = id(call)
        if key in self._memo:
            return self._memo[key]
        if key in self._busy:
            return Decision(KEEP)
        self._busy.add(key)
        try:
            decision = self._iterator(call)
        finally:
            self._busy.discard(key)
        self._memo[key] = decision
        return decision

    def _iterator(self, call: cst.Call) -> Decision:
        name = self.flow.callee(call)
        func = call.args[0].value if name in ("builtins.map", "builtins.filter") and call.args else None
        if name == "builtins.map" and is_none(func) and len(call.args) == 2 and not call.args[1].star:
            return Decision(LIST, "map(None, x) is a copy of x")
        if is_none(func):
            func = None
        pure = func is None or self.flow.is_pure_callable(func)
        srcs = sources(self.flow, call)
        try_body = self.flow.try_body_around(call) if func is not None else None
        for u in self.flow.uses(call):
            if u.kind in (F.LIST, F.INDEX, F.SLICE, F.NEXT, F.METHOD, F.LEN, F.BOOL, F.REVERSED, F.SETOP):
                return Decision(LIST, u.reason or "used as a list")
            if u.kind == F.DISCARD:
                return Decision(LIST, "evaluated for its side effects")
            if u.multi:
                return Decision(LIST, "iterated more than once")
            if not pure:
                if u.kind in (F.SHORT, F.CONTAINS):
                    return Decision(LIST, "its function must run on every element, as in Python 2")
                if u.region or u.stores:
                    return Decision(LIST, "its function would run later, interleaved with other code")
            if try_body is not None and not Flow._contains(try_body, u.site):
                return Decision(LIST, "an exception it raises must stay inside the try")
            why = self._mutation(u, srcs, site=call)
            if why:
                return Decision(LIST, why)
        return Decision(KEEP)


def is_none(node) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _rebinds(node: cst.CSTNode, name: str) -> bool:
    found = False

    class _V(cst.CSTVisitor):
        def _target(self, t) -> None:
            nonlocal found
            if isinstance(t, cst.Name) and t.value == name:
                found = True
            elif isinstance(t, (cst.Tuple, cst.List)):
                for e in t.elements:
                    self._target(e.value)

        def visit_AssignTarget(self, n: cst.AssignTarget) -> None:
            self._target(n.target)

        def visit_AugAssign(self, n: cst.AugAssign) -> None:
            self._target(n.target)

        def visit_For(self, n: cst.For) -> None:
            self._target(n.target)

        def visit_AnnAssign(self, n: cst.AnnAssign) -> None:
            self._target(n.target)

    node.visit(_V())
    return found


def receiver_has_own(flow: Flow, receiver: cst.BaseExpression, method: str) -> bool:
    """``self.keys()`` inside a class that defines ``keys`` (or an instance of a class of
    this module that defines it): not a dict, leave it alone."""
    if isinstance(receiver, cst.Name):
        if receiver.value in ("self", "cls"):
            cls = flow.enclosing_class(receiver)
            return _class_defines(flow, cls, method)
        scope = flow.scope(receiver)
        if scope is None:
            return False
        try:
            assignments = scope[receiver.value]
        except Exception:
            return False
        for a in assignments:
            node = getattr(a, "node", None)
            if isinstance(node, cst.ClassDef):
                return False
            parent = flow.parent(node) if node is not None else None
            if isinstance(parent, cst.AssignTarget):
                assign = flow.parent(parent)
                value = getattr(assign, "value", None)
                if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
                    cls = _module_class(flow, receiver, value.func.value)
                    if cls is not None and _class_defines(flow, cls, method):
                        return True
    return False


def _module_class(flow: Flow, node, name: str) -> Optional[cst.ClassDef]:
    mod = flow.module(node)
    if mod is None:
        return None
    for stmt in mod.body:
        if isinstance(stmt, cst.ClassDef) and stmt.name.value == name:
            return stmt
    return None


def _class_defines(flow: Flow, cls: Optional[cst.ClassDef], method: str, depth: int = 0) -> bool:
    if cls is None or depth > 5:
        return False
    if flow.class_method(cls, method) is not None:
        return True
    for base in cls.bases:
        if isinstance(base.value, cst.Name):
            other = _module_class(flow, cls, base.value.value)
            if other is not None and other is not cls and _class_defines(flow, other, method, depth + 1):
                return True
    return False


__all__ = ["Decider", "Decision", "KEEP", "LIST", "ITER", "CONTAINS", "wrap", "shadowed", "is_none", "receiver_has_own", "code"]


class ListWrapCodemod(Codemod):
    """Base of the codemods that decide where Python 2 code needed a real list (PY201-PY206):
    one :class:`Decider` per file, made on first use, and the test for the calls they treat."""

    METADATA_DEPENDENCIES = (QualifiedNameProvider, ParentNodeProvider, ScopeProvider)

    def __init__(self, context, options=None) -> None:
        super().__init__(context, options)
        self._decider: Optional[Decider] = None

    @property
    def decider(self) -> Decider:
        if self._decider is None:
            self._decider = Decider(self)
        return self._decider

    def method_call(self, node: cst.Call, methods) -> bool:
        """``x.m()`` with ``m`` in ``methods``, no arguments, on an object whose class (in
        this module) does not define ``m`` itself."""
        func = node.func
        return (
            isinstance(func, cst.Attribute)
            and func.attr.value in methods
            and not node.args
            and not receiver_has_own(self.decider.flow, func.value, func.attr.value)
        )

    def builtin_call(self, node: cst.Call, name: str) -> bool:
        """``name(...)`` where ``name`` is the builtin (not a local, an import or a def)."""
        return (
            isinstance(node.func, cst.Name)
            and node.func.value == name
            and self.decider.flow.callee(node) == f"builtins.{name}"
        )
