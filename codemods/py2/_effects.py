"""Side effects, for the PY2xx analyses: what may change an object, what is pure.

:class:`Effects` is mixed into :class:`codemods.py2._flow.Flow`: ``mutates`` /
``mutated_after`` find a possible change of an object (``d``, ``self.hosts``) in a
region of code — ``del d[k]``, ``d.pop(k)``, ``d`` passed to an unknown function, a
method of the same class or a function of this module that changes it — and
``is_pure_callable`` says whether calling a function can have side effects worth
ordering (a lambda of pure operations, a pure builtin, ``str.strip``, ``os.path.*``…).
"""
from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst
from libcst.metadata.scope_provider import GlobalScope

from codemods.names import qualified_names
from migrator.walk import contains


#: Methods that change their receiver (lists, dicts, sets).
MUTATORS = frozenset(
    {
        "pop", "popitem", "clear", "update", "setdefault", "append", "extend", "insert", "remove",
        "sort", "reverse", "add", "discard", "difference_update", "intersection_update",
        "symmetric_difference_update", "__setitem__", "__delitem__", "__delslice__", "__setslice__",
    }
)
#: Builtins that neither change their arguments nor have side effects worth ordering.
PURE_BUILTINS = frozenset(
    {
        "len", "str", "repr", "int", "float", "bool", "abs", "ord", "chr", "hex", "oct", "hash", "id",
        "type", "isinstance", "issubclass", "callable", "round", "min", "max", "sum", "sorted", "list",
        "tuple", "set", "frozenset", "dict", "unicode", "long", "unichr", "divmod", "pow", "any", "all",
        "format", "bin", "basestring", "complex", "bytes", "range", "xrange", "zip", "enumerate",
        "reversed", "iter", "getattr", "hasattr", "vars", "dir", "cmp",
    }
)
#: Methods of str/dict/tuple that only read.
PURE_METHODS = frozenset(
    {
        "strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "swapcase", "split",
        "rsplit", "splitlines", "join", "replace", "startswith", "endswith", "find", "rfind", "index",
        "rindex", "count", "format", "encode", "decode", "get", "keys", "values", "items", "copy",
        "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "partition", "rpartition",
        "ljust", "rjust", "center", "zfill", "expandtabs", "group", "groups", "groupdict",
        "translate", "casefold", "has_key", "iterkeys", "itervalues", "iteritems",
    }
)
_PURE_MODULE_PREFIXES = ("os.path.", "operator.", "string.", "math.", "posixpath.", "ntpath.")


def code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node).strip()


class Effects:
    """Mixin of :class:`~codemods.py2._flow.Flow` (needs its navigation helpers)."""

    # -- mutation ---------------------------------------------------------------------------
    def mutates(self, nodes: Iterable[cst.CSTNode], source: str, *, safe_key: Optional[str] = None,
                site: Optional[cst.CSTNode] = None) -> Optional[cst.CSTNode]:
        """The first node in ``nodes`` that may change the object spelled ``source``
        (``d``, ``self.hosts``), else None. ``d[safe_key] = v`` is not counted (it replaces
        the value of a key that exists: no size change)."""
        finder = _MutationFinder(self, source, safe_key, site)
        for n in nodes:
            n.visit(finder)
            if finder.found is not None:
                return finder.found
        return None

    def mutated_after(self, stmt: cst.CSTNode, source: str) -> Optional[cst.CSTNode]:
        """A possible mutation of ``source`` in the scope of ``stmt`` after it (or anywhere
        in a loop around it)."""
        root = self.scope_root(stmt)
        if root is None:
            return None
        body = root.body if not isinstance(root, cst.Lambda) else root.body
        loops = self.loops_around(stmt)
        finder = _MutationFinder(self, source, None, None)
        finder.after = self.end_order(stmt)
        finder.loops = loops
        finder.skip = stmt
        (body if isinstance(body, cst.CSTNode) else root).visit(finder)
        return finder.found

    # -- functions ----------------------------------------------------------------------------
    def module_function(self, node: cst.CSTNode, name: str) -> Optional[cst.FunctionDef]:
        mod = self.module(node)
        if mod is None:
            return None
        for stmt in mod.body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == name:
                return stmt
        return None

    def class_method(self, cls: Optional[cst.ClassDef], name: str, inherited: bool = False,
                     depth: int = 0) -> Optional[cst.FunctionDef]:
        """The method ``name`` of ``cls`` (with ``inherited``: or of its bases in this module)."""
        if cls is None or depth > 8 or not isinstance(cls.body, cst.IndentedBlock):
            return None
        for stmt in cls.body.body:
            if isinstance(stmt, cst.FunctionDef) and stmt.name.value == name:
                return stmt
        if inherited:
            mod = self.module(cls)
            for base in cls.bases:
                if isinstance(base.value, cst.Name) and mod is not None:
                    for stmt in mod.body:
                        if isinstance(stmt, cst.ClassDef) and stmt.name.value == base.value.value and stmt is not cls:
                            found = self.class_method(stmt, name, True, depth + 1)
                            if found is not None:
                                return found
        return None

    def is_pure_callable(self, func: cst.BaseExpression) -> bool:
        """Calling ``func`` has no side effect worth ordering (a lambda over pure
        operations, a pure builtin, ``str.strip``, ``os.path.basename``, ``operator.*``...)."""
        if isinstance(func, cst.Name):
            if func.value == "None":
                return True
            names = qualified_names(self.v, func)
            if not names:
                return func.value in PURE_BUILTINS
            if any(n.startswith(_PURE_MODULE_PREFIXES) for n in names):
                return True
            return any(n.startswith("builtins.") and n[9:] in PURE_BUILTINS for n in names)
        if isinstance(func, cst.Attribute):
            names = qualified_names(self.v, func)
            if any(n.startswith(_PURE_MODULE_PREFIXES) for n in names):
                return True
            if isinstance(func.value, cst.Name) and func.value.value in ("str", "unicode", "dict", "bytes"):
                return True
            if isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)):
                return True
            return func.attr.value in PURE_METHODS and isinstance(func.value, (cst.Name, cst.Attribute))
        if isinstance(func, cst.Lambda):
            return self.is_pure_expression(func.body)
        if isinstance(func, cst.Call):
            names = qualified_names(self.v, func.func)
            if names & {"operator.itemgetter", "operator.attrgetter", "operator.methodcaller"}:
                return True
        return False

    def is_pure_expression(self, expr: cst.BaseExpression) -> bool:
        ok = True
        flow = self

        class _V(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> bool:
                nonlocal ok
                if isinstance(node.func, cst.Name) and node.func.value in PURE_BUILTINS:
                    names = qualified_names(flow.v, node.func)
                    if not names or names == {f"builtins.{node.func.value}"}:
                        return True
                if isinstance(node.func, cst.Attribute) and node.func.attr.value in PURE_METHODS:
                    return True
                if flow.is_pure_callable(node.func):
                    return True
                ok = False
                return False

            def visit_Yield(self, node) -> bool:
                nonlocal ok
                ok = False
                return False

            def visit_NamedExpr(self, node) -> bool:
                nonlocal ok
                ok = False
                return False

        expr.visit(_V())
        return ok

    def try_body_around(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The body of the innermost ``try`` (with ``except`` clauses) that ``node`` is in."""
        for child, parent in self.ancestors(node):
            if isinstance(parent, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                return None
            if isinstance(parent, cst.Try) and child is parent.body and parent.handlers:
                return parent.body
        return None


class _MutationFinder(cst.CSTVisitor):
    def __init__(self, flow: "Effects", source: str, safe_key: Optional[str], site, depth: int = 0) -> None:
        super().__init__()
        self.flow = flow
        self.source = source
        self.safe_key = safe_key
        self.site = site
        self.found: Optional[cst.CSTNode] = None
        self.depth = depth
        self.after = None
        self.loops: list = []
        self.skip = None
        self._visited_funcs: set = set()

    def _source_is_global(self) -> bool:
        """The source is a module-level variable (a function of the module may change it)."""
        site = self.site
        if site is None:
            return False
        scope = self.flow.scope(site)
        if scope is None:
            return False
        try:
            found = list(scope[self.source])
        except Exception:
            return False
        return bool(found) and all(isinstance(getattr(a, "scope", None), GlobalScope) for a in found)

    def _counts(self, node: cst.CSTNode) -> bool:
        if self.after is None:
            return True
        order = self.flow.order(node)
        if order is None or order >= self.after:
            return True
        return any(contains(loop, node) for loop in self.loops)

    def _hit(self, node: cst.CSTNode) -> None:
        if self.found is None and self._counts(node):
            self.found = node

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.found is not None:
            return False
        if node is self.skip:
            return False
        return super().on_visit(node)

    def _is_source(self, node: cst.CSTNode) -> bool:
        return isinstance(node, (cst.Name, cst.Attribute)) and code(node) == self.source

    def visit_Del(self, node: cst.Del) -> None:
        self._check_target(node.target, deleting=True)

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            self._check_target(t.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if self._is_source(node.target):
            self._hit(node)  # `lst += x` extends in place
        self._check_target(node.target)

    def _check_target(self, target: cst.CSTNode, deleting: bool = False) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            for e in target.elements:
                self._check_target(e.value, deleting)
            return
        if isinstance(target, cst.Subscript) and self._is_source(target.value):
            if (
                not deleting
                and self.safe_key is not None
                and len(target.slice) == 1
                and isinstance(target.slice[0].slice, cst.Index)
                and code(target.slice[0].slice.value) == self.safe_key
            ):
                return
            self._hit(target)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and self._is_source(func.value) and func.attr.value in MUTATORS:
            self._hit(node)
            return
        # passing the object to a function that is not known to be harmless
        for a in node.args:
            if self._is_source(a.value):
                if isinstance(func, cst.Name) and func.value in PURE_BUILTINS:
                    continue
                if isinstance(func, cst.Attribute) and func.attr.value in PURE_METHODS:
                    continue
                if self.flow.is_pure_callable(func):
                    continue
                self._hit(node)
                return
        # a method of the same object / a module function that mutates it
        if self.depth >= 3:
            return
        target_def = None
        prefix = self.source.split(".")[0]
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == prefix:
            if prefix in ("self", "cls") and "." in self.source:
                cls = self.flow.enclosing_class(node) or self.flow.enclosing_class(self.site or node)
                target_def = self.flow.class_method(cls, func.attr.value, inherited=True)
                if target_def is None and cls is not None and func.attr.value not in PURE_METHODS:
                    # a method this module does not define (inherited from elsewhere): it may
                    # change the attribute
                    self._hit(node)
                    return
        elif isinstance(func, cst.Name) and "." not in self.source and self._source_is_global():
            target_def = self.flow.module_function(node, func.value)
            if target_def is not None and _binds_locally(target_def, self.source):
                target_def = None
        if target_def is not None and id(target_def) not in self._visited_funcs:
            self._visited_funcs.add(id(target_def))
            inner = _MutationFinder(self.flow, self.source, None, self.site, self.depth + 1)
            inner._visited_funcs = self._visited_funcs
            target_def.body.visit(inner)
            if inner.found is not None:
                self._hit(node)


def _binds_locally(func: cst.FunctionDef, name: str) -> bool:
    """``name`` is a parameter or a local variable of ``func`` (no ``global`` declaration)."""
    params = func.params
    every = list(params.params) + list(params.kwonly_params) + list(params.posonly_params)
    for extra in (params.star_arg, params.star_kwarg):
        if isinstance(extra, cst.Param):
            every.append(extra)
    if any(p.name.value == name for p in every):
        return True
    declared_global = False
    assigned = False

    class _V(cst.CSTVisitor):
        def visit_Global(self, node: cst.Global) -> None:
            nonlocal declared_global
            if any(n.name.value == name for n in node.names):
                declared_global = True

        def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
            nonlocal assigned
            if isinstance(node.target, cst.Name) and node.target.value == name:
                assigned = True

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is func

    func.visit(_V())
    return assigned and not declared_global
