"""Where does a value go? The use-site analysis behind the PY2xx ``list()`` decisions.

Python 2 returned lists from ``dict.keys()/values()/items()``, ``map``, ``filter``,
``zip`` and ``range``; Python 3 returns views, one-shot iterators and ``range`` objects.
Whether the Python 3 object is good enough depends on what the code does with it, so the
codemods ask :class:`Flow` for the *uses* of an expression: every place its value ends up,
following parentheses, conditional expressions, lazy wrappers (``enumerate``, ``iter``,
``reversed``, ``itertools.*``, the lazy builtins themselves) and simple local variables.

Each use is classified (:data:`ITERATE`, :data:`CONTAINS`, :data:`LEN`, :data:`BOOL`,
:data:`INDEX`, :data:`SLICE`, :data:`REVERSED`, :data:`SHORT`, :data:`NEXT`,
:data:`METHOD`, :data:`DISCARD`, :data:`SETOP` or :data:`LIST`) and carries the *region* in which the
value is being consumed (a ``for`` body, a comprehension) so the producer can ask whether
its source is mutated meanwhile — the ``for k in d.keys(): del d[k]`` bug.

Side effects (what may change the source, what is pure) live in :mod:`._effects`.

Policy for calls (documented in ``docs`` of each codemod): a value passed to a known
consumer that iterates it at once (``sorted``, ``list``, ``tuple``, ``set``,
``frozenset``, ``dict``, ``sum``, one-argument ``min``/``max``, ``str.join``,
``.extend``/``.update``/set methods, ``itertools.product``…, ``f(*x)``) is iterated; a
value passed to anything else — ``print``, ``json.dumps``, ``str``, a user function, a
keyword argument — is used as a list, because the callee may index, print, store or
iterate it twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

import libcst as cst
from libcst.metadata import (
    ParentNodeProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)
from libcst.metadata.scope_provider import ClassScope, ComprehensionScope, GlobalScope

from migrator.walk import contains, in_source_order, tree
from codemods.names import qualified_names

# -- use kinds ----------------------------------------------------------------------------
ITERATE = "iterate"  # iterated completely, once
SHORT = "short"  # iterated partly (any/all/`in`/next on a wrapper): may stop early
CONTAINS = "contains"  # `x in E`
LEN = "len"  # len(E)
BOOL = "bool"  # truth value
INDEX = "index"  # E[i], random.choice(E)
SLICE = "slice"  # E[i:j]
REVERSED = "reversed"  # reversed(E)
NEXT = "next"  # next(E) / E.next()
METHOD = "method"  # E.name(...) / E.name
DISCARD = "discard"  # evaluated for its side effects only
SETOP = "setop"  # d.keys() & other: only views (and sets) have these operators
LIST = "list"  # needs a real list (printed, compared, concatenated, returned, stored...)

ALL_PY2_BUILTINS = frozenset(
    {"xrange", "unicode", "long", "basestring", "cmp", "reduce", "unichr", "raw_input", "execfile",
     "file", "apply", "buffer", "coerce", "intern", "reload"}
)

_EAGER_FIRST = frozenset(
    {
        "builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.sorted",
        "builtins.sum", "builtins.dict", "builtins.bytearray",
        "collections.deque", "collections.Counter", "collections.OrderedDict",
        "itertools.product", "itertools.permutations", "itertools.combinations",
        "itertools.combinations_with_replacement", "dict.fromkeys", "os.path.commonprefix",
        "statistics.mean", "statistics.median", "math.fsum",
    }
)
_EAGER_SECOND = frozenset({"heapq.nlargest", "heapq.nsmallest", "builtins.reduce", "functools.reduce"})
_LAZY = frozenset(
    {
        "builtins.enumerate", "builtins.iter", "builtins.reversed",
        "itertools.chain", "itertools.chain.from_iterable", "itertools.islice", "itertools.imap",
        "itertools.ifilter", "itertools.ifilterfalse", "itertools.filterfalse", "itertools.izip",
        "itertools.izip_longest", "itertools.zip_longest", "itertools.starmap", "itertools.groupby",
        "itertools.takewhile", "itertools.dropwhile", "itertools.cycle", "itertools.compress",
        "itertools.accumulate", "itertools.tee",
    }
)
LAZY_BUILTINS = frozenset({"builtins.map", "builtins.filter", "builtins.zip"})
_INDEXING = frozenset({"random.choice", "random.sample"})
_EAGER_METHODS = frozenset(
    {
        "join", "extend", "update", "writelines", "union", "intersection", "difference",
        "symmetric_difference", "issubset", "issuperset", "isdisjoint", "intersection_update",
        "difference_update", "symmetric_difference_update", "fromkeys",
    }
)
from codemods.py2._effects import (  # noqa: F401  (re-exported)
    MUTATORS,
    PURE_BUILTINS,
    PURE_METHODS,
    Effects,
    code,
)

@dataclass(frozen=True)
class Use:
    kind: str
    site: cst.CSTNode  # the node through which the value is used (for messages)
    reason: str = ""
    region: tuple = ()  # nodes executed while the value is being consumed
    region_owner: Optional[cst.CSTNode] = None  # the For / comprehension doing the consuming
    stores: tuple = ()  # assignment statements the value passed through
    multi: bool = False  # may be consumed more than once (stored and read twice, or in a loop)
    method: str = ""  # for METHOD


@dataclass
class _Ctx:
    seen: set = field(default_factory=set)
    stores: tuple = ()
    multi: bool = False
    depth: int = 0


class Flow(Effects):
    """Use-site analysis over the ORIGINAL tree of a codemod (needs Parent/Scope/Position metadata)."""

    DEPENDENCIES = (ParentNodeProvider, ScopeProvider)

    def __init__(self, visitor) -> None:
        self.v = visitor
        self._memo: dict[int, list[Use]] = {}
        self.iterator_decider = None  # set by the map/filter/zip codemods' shared helper

    # -- basic navigation -------------------------------------------------------------------
    def parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        try:
            return self.v.get_metadata(ParentNodeProvider, node)
        except KeyError:
            return None

    def ancestors(self, node: cst.CSTNode) -> Iterator[tuple[cst.CSTNode, cst.CSTNode]]:
        """(child, parent) pairs going up."""
        child = node
        parent = self.parent(child)
        while parent is not None:
            yield child, parent
            child, parent = parent, self.parent(parent)

    def order(self, node: cst.CSTNode) -> Optional[int]:
        """Where ``node`` starts in source order (its index in the shared walk), else None."""
        root = self.module(node)
        return None if root is None else tree(root).index.get(node)

    def in_order(self, items, near: cst.CSTNode, node=lambda item: getattr(item, "node", None)) -> list:
        """``items`` (scope answers, uses) in source order, whatever order the scope analysis
        listed them in (sets: the first one found must not change from run to run);
        ``near``: a node of the module they belong to."""
        root = self.module(near)
        return list(items) if root is None else in_source_order(items, root, node)

    def end_order(self, node: cst.CSTNode) -> Optional[int]:
        """The source-order index just after ``node`` and everything in it, else None."""
        root = self.module(node)
        return None if root is None else tree(root).end.get(node)

    def scope(self, node: cst.CSTNode):
        try:
            return self.v.get_metadata(ScopeProvider, node)
        except KeyError:
            return None

    def statement(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The innermost statement (simple or compound) containing ``node``."""
        for child, parent in self.ancestors(node):
            if isinstance(parent, (cst.IndentedBlock, cst.Module)):
                return child
            if isinstance(parent, cst.SimpleStatementSuite):
                return parent
        return None

    def scope_root(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The FunctionDef/Lambda/Module whose body ``node`` runs in (classes are skipped)."""
        for child, parent in self.ancestors(node):
            if isinstance(parent, (cst.FunctionDef, cst.Lambda)) and child is not parent.params and not (
                isinstance(parent, cst.FunctionDef) and child in parent.decorators
            ):
                return parent
            if isinstance(parent, cst.Module):
                return parent
        return None

    def enclosing_class(self, node: cst.CSTNode) -> Optional[cst.ClassDef]:
        for _, parent in self.ancestors(node):
            if isinstance(parent, cst.ClassDef):
                return parent
        return None

    def module(self, node: cst.CSTNode) -> Optional[cst.Module]:
        last = node
        for _, parent in self.ancestors(node):
            last = parent
        return last if isinstance(last, cst.Module) else None

    def loops_around(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """Loops (and comprehensions) that may evaluate ``node`` more than once, innermost first."""
        out = []
        for child, parent in self.ancestors(node):
            if isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Module)):
                break
            if isinstance(parent, cst.For) and child is parent.body:
                out.append(parent)
            elif isinstance(parent, cst.While) and (child is parent.body or child is parent.test):
                out.append(parent)
            elif isinstance(parent, cst.CompFor) and child is not parent.iter:
                out.append(parent)
            elif isinstance(parent, (cst.ListComp, cst.SetComp, cst.GeneratorExp)) and child is parent.elt:
                out.append(parent)
            elif isinstance(parent, cst.DictComp) and (child is parent.key or child is parent.value):
                out.append(parent)
        return out

    # -- callee names -------------------------------------------------------------------------
    def callee(self, call: cst.Call) -> str:
        """``builtins.len``, ``json.dumps``, ``.join`` (a method of an unknown receiver) or ''."""
        func = call.func
        if isinstance(func, cst.Name):
            names = qualified_names(self.v, func)
            if not names and func.value in ALL_PY2_BUILTINS:
                return f"builtins.{func.value}"
            for n in names:
                if n.startswith("builtins."):
                    return n
            if self._imported(func):
                return sorted(names)[0]
            return ""
        if isinstance(func, cst.Attribute):
            names = {n for n in qualified_names(self.v, func) if "<locals>" not in n}
            mods = [n for n in names if not n.startswith("builtins.") and "." in n]
            base = func.value
            if isinstance(base, cst.Name) and qualified_names(self.v, base) == {"builtins"}:
                return f"builtins.{func.attr.value}"  # `import builtins; builtins.map(...)`
            if isinstance(base, (cst.SimpleString, cst.ConcatenatedString)):
                return f".{func.attr.value}"
            if mods and self._imported(func):
                # an import: `json.dumps`, `os.path.join`, `it.chain` (import itertools as it)
                return sorted(mods)[0]
            if isinstance(base, cst.Name) and base.value == "dict" and func.attr.value == "fromkeys":
                return "dict.fromkeys"
            return f".{func.attr.value}"
        return ""

    def _imported(self, node: cst.CSTNode) -> bool:
        """``node``'s qualified name comes from an import (not a variable of this module)."""
        try:
            names = self.v.get_metadata(QualifiedNameProvider, node)
        except KeyError:
            return False
        return any(q.source == QualifiedNameSource.IMPORT for q in names)

    def is_builtin_name(self, node: cst.CSTNode, name: str) -> bool:
        if not isinstance(node, cst.Name) or node.value != name:
            return False
        names = qualified_names(self.v, node)
        return not names or names == {f"builtins.{name}"}

    # -- uses -----------------------------------------------------------------------------------
    def uses(self, node: cst.CSTNode) -> list[Use]:
        key = id(node)
        if key not in self._memo:
            found = self.in_order(self._uses(node, _Ctx()), node, lambda u: u.site)
            self._memo[key] = found
        return self._memo[key]

    def _uses(self, node: cst.CSTNode, ctx: _Ctx) -> list[Use]:
        if ctx.depth > 12:
            return [self._use(LIST, node, ctx, "too deep to follow")]
        parent = self.parent(node)
        if parent is None:
            return [self._use(LIST, node, ctx, "unknown use")]
        p = parent
        if isinstance(p, cst.Arg):
            return self._arg_use(node, p, ctx)
        if isinstance(p, cst.For) and p.iter is node:
            return [self._use(ITERATE, node, ctx, region=(p.body,), owner=p)]
        if isinstance(p, cst.CompFor) and p.iter is node:
            return self._comp_use(node, p, ctx)
        if isinstance(p, cst.Expr):
            return [self._use(DISCARD, node, ctx, "evaluated for its side effects")]
        if isinstance(p, (cst.Return, cst.Yield)):
            return [self._use(LIST, node, ctx, "returned" if isinstance(p, cst.Return) else "yielded")]
        if isinstance(p, cst.Lambda) and p.body is node:
            return [self._use(LIST, node, ctx, "returned by a lambda")]
        if isinstance(p, (cst.Assign, cst.AnnAssign)) and p.value is node:
            return self._assign_use(node, p, ctx)
        if isinstance(p, cst.AugAssign) and p.value is node:
            return [self._use(LIST, node, ctx, "concatenated")]
        if isinstance(p, cst.Subscript) and p.value is node:
            if any(isinstance(e.slice, cst.Slice) for e in p.slice):
                return [self._use(SLICE, p, ctx, "sliced")]
            return [self._use(INDEX, p, ctx, "indexed")]
        if isinstance(p, cst.Attribute) and p.value is node:
            method = p.attr.value
            gp = self.parent(p)
            if method == "next" and isinstance(gp, cst.Call) and gp.func is p and not gp.args:
                return [self._use(NEXT, gp, ctx, "next() called on it")]
            return [self._use(METHOD, p, ctx, f".{method}() used", method=method)]
        if isinstance(p, cst.ComparisonTarget) and p.comparator is node:
            if isinstance(p.operator, (cst.In, cst.NotIn)):
                return [self._use(CONTAINS, p, ctx)]
            return [self._use(LIST, node, ctx, "compared")]
        if isinstance(p, cst.Comparison) and p.left is node:
            return [self._use(LIST, node, ctx, "compared")]
        truth = "truth value tested"
        if isinstance(p, cst.UnaryOperation) and isinstance(p.operator, cst.Not):
            return [self._use(BOOL, node, ctx, truth)]
        if isinstance(p, (cst.If, cst.While)) and p.test is node:
            return [self._use(BOOL, node, ctx, truth)]
        if isinstance(p, cst.Assert) and p.test is node:
            return [self._use(BOOL, node, ctx, truth)]
        if isinstance(p, cst.IfExp):
            if p.test is node:
                return [self._use(BOOL, node, ctx, truth)]
            return self._follow(p, ctx)
        if isinstance(p, cst.BooleanOperation):
            out = self._follow(p, ctx)
            if p.left is node:
                out = [self._use(BOOL, node, ctx, truth)] + out
            return out
        if isinstance(p, cst.BinaryOperation):
            if isinstance(p.operator, (cst.BitAnd, cst.BitOr, cst.BitXor, cst.Subtract)):
                return [self._use(SETOP, node, ctx, "used with a set operator")]
            if isinstance(p.operator, cst.Modulo) and p.right is node:
                return [self._use(LIST, node, ctx, "formatted with %")]
            return [self._use(LIST, node, ctx, "used in arithmetic (concatenation)")]
        if isinstance(p, cst.StarredElement):
            gp = self.parent(p)
            if isinstance(gp, (cst.List, cst.Tuple, cst.Set)) and not self._is_target(gp):
                return [self._use(ITERATE, node, ctx)]
            return [self._use(LIST, node, ctx, "unpacked")]
        if isinstance(p, (cst.Element, cst.DictElement)):
            return [self._use(LIST, node, ctx, "stored in a container")]
        return [self._use(LIST, node, ctx, "used as a value")]

    def _use(self, kind, site, ctx, reason="", region=(), owner=None, method="") -> Use:
        return Use(kind, site, reason, tuple(region), owner, ctx.stores, ctx.multi, method)

    def _follow(self, node: cst.CSTNode, ctx: _Ctx) -> list[Use]:
        return self._uses(node, _Ctx(ctx.seen, ctx.stores, ctx.multi, ctx.depth + 1))

    def _is_target(self, node) -> bool:
        p = self.parent(node)
        if isinstance(p, (cst.AssignTarget, cst.For)) and getattr(p, "target", None) is node:
            return True
        return False

    def _comp_use(self, node, compfor: cst.CompFor, ctx: _Ctx) -> list[Use]:
        # The first `for` of a comprehension is evaluated once, where the comprehension is;
        # an inner `for`'s iterable is evaluated once per outer element.
        outer = self.parent(compfor)
        comp = outer
        while isinstance(comp, cst.CompFor):
            comp = self.parent(comp)
        region = []
        if isinstance(comp, cst.DictComp):
            region += [comp.key, comp.value]
        elif comp is not None and hasattr(comp, "elt"):
            region.append(comp.elt)
        region += list(compfor.ifs)
        if compfor.inner_for_in is not None:
            region.append(compfor.inner_for_in)
        if isinstance(outer, cst.CompFor):
            return [self._use(ITERATE, node, ctx, region=region, owner=compfor)]
        if isinstance(comp, cst.GeneratorExp):
            # lazy: consumed where the generator expression is consumed
            follow = self._follow(comp, ctx)
            return self._through_lazy(node, follow, ctx, extra_region=region, owner=compfor)
        return [self._use(ITERATE, node, ctx, region=region, owner=compfor)]

    def _through_lazy(self, node, wrapper_uses: list[Use], ctx: _Ctx, extra_region=(), owner=None,
                      escape_ok: bool = False) -> list[Use]:
        """Uses of an argument of a lazy wrapper, derived from the wrapper's uses.

        ``escape_ok``: ``iter(d.items())`` that escapes (returned, stored) is what PY201
        writes for an escaping ``d.iteritems()`` — a live iterator, as in Python 2 — so it
        is taken as intended and never asks for ``list()``.
        """
        out = []
        for u in wrapper_uses:
            region = tuple(extra_region) + u.region
            if escape_ok and u.kind not in (ITERATE, DISCARD):
                out.append(Use(SHORT, u.site, u.reason, region, owner, (), u.multi))
            elif u.kind == ITERATE:
                out.append(Use(ITERATE, u.site, u.reason, region, u.region_owner or owner, u.stores, u.multi))
            elif u.kind == DISCARD:
                out.append(Use(DISCARD, u.site, u.reason, region, owner, u.stores, u.multi))
            elif u.kind in (SHORT, CONTAINS, NEXT, BOOL):
                out.append(Use(SHORT, u.site, u.reason, region, owner, u.stores, u.multi))
            else:
                reason = u.reason or "used"
                out.append(Use(LIST, u.site, f"iterated lazily ({reason})", region, owner, u.stores, u.multi))
        return out

    def _arg_use(self, node, arg: cst.Arg, ctx: _Ctx) -> list[Use]:
        call = self.parent(arg)
        if not isinstance(call, cst.Call) or arg.value is not node:
            return [self._use(LIST, node, ctx, "used as a value")]
        if arg.star == "*":
            return [self._use(ITERATE, node, ctx)]
        if arg.star == "**":
            return [self._use(LIST, node, ctx, "unpacked as keywords")]
        name = self.callee(call)
        short = name.rsplit(".", 1)[-1] if name else code(call.func).rsplit(".", 1)[-1][:40]
        positional = [a for a in call.args if a.keyword is None and not a.star]
        if arg.keyword is not None:
            if name in ("builtins.sorted", "builtins.list") and arg.keyword.value == "iterable":
                return [self._use(ITERATE, node, ctx)]
            return [self._use(LIST, node, ctx, f"passed to {short}()")]
        pos = positional.index(arg) if arg in positional else -1
        if name in _EAGER_FIRST and pos == 0:
            return [self._use(ITERATE, node, ctx)]
        if name in _EAGER_SECOND and pos == 1:
            return [self._use(ITERATE, node, ctx)]
        if name in ("builtins.min", "builtins.max"):
            if len(positional) == 1 and not any(a.star for a in call.args):
                return [self._use(ITERATE, node, ctx)]
            return [self._use(LIST, node, ctx, f"compared by {short}()")]
        if name in ("builtins.any", "builtins.all") and pos == 0:
            return [self._use(SHORT, node, ctx)]
        if name == "builtins.len" and pos == 0:
            return [self._use(LEN, node, ctx, "len() taken")]
        if name == "builtins.bool" and pos == 0:
            return [self._use(BOOL, node, ctx, "truth value taken")]
        if name == "builtins.next" and pos == 0:
            return [self._use(NEXT, node, ctx, "next() called on it")]
        if name in _INDEXING and pos == 0:
            return [self._use(INDEX, node, ctx, f"passed to {short}(), which needs a sequence")]
        if name == "builtins.reversed" and pos == 0:
            return [self._use(REVERSED, node, ctx, "reversed")] + self._through_lazy(
                node, self._follow(call, ctx), ctx
            )
        if name in _LAZY and pos >= 0:
            if name == "itertools.islice" and pos > 0:
                return [self._use(LIST, node, ctx, "used as an islice() bound")]
            return self._through_lazy(node, self._follow(call, ctx), ctx, escape_ok=name == "builtins.iter")
        if name in LAZY_BUILTINS and (pos >= 1 or name != "builtins.map"):
            if name == "builtins.filter" and pos == 0:
                return [self._use(LIST, node, ctx, "used as a filter() predicate")]
            decider = self.iterator_decider
            if decider is not None and decider(call) is not None:
                return [self._use(ITERATE, node, ctx)]  # the lazy call itself gets list()
            return self._through_lazy(node, self._follow(call, ctx), ctx)
        if name.startswith(".") and name[1:] in _EAGER_METHODS and pos == 0 and len(positional) == 1:
            if name == ".join" and self._is_path_join(call):
                return [self._use(LIST, node, ctx, "passed to os.path.join()")]
            return [self._use(ITERATE, node, ctx)]
        if name == ".format" or name == "builtins.print":
            return [self._use(LIST, node, ctx, "printed")]
        return [self._use(LIST, node, ctx, f"passed to {short}()")]

    def _is_path_join(self, call: cst.Call) -> bool:
        names = qualified_names(self.v, call.func)
        return any(n.endswith("path.join") for n in names)

    def _assign_use(self, node, assign, ctx: _Ctx) -> list[Use]:
        targets = [t.target for t in assign.targets] if isinstance(assign, cst.Assign) else [assign.target]
        out: list[Use] = []
        for target in targets:
            if isinstance(target, (cst.Tuple, cst.List)):
                out.append(self._use(ITERATE, node, ctx))
            elif isinstance(target, cst.Name):
                out.extend(self._name_uses(target, assign, ctx))
            else:
                out.append(self._use(LIST, node, ctx, f"stored in {code(target)}"))
        return out

    def _name_uses(self, target: cst.Name, assign, ctx: _Ctx) -> list[Use]:
        scope = self.scope(target)
        if scope is None or isinstance(scope, ClassScope):
            return [self._use(LIST, target, ctx, f"stored in class attribute {target.value}")]
        key = (id(scope), target.value)
        if key in ctx.seen:
            return []
        seen = set(ctx.seen) | {key}
        stmt = self.statement(assign)
        accesses = []
        for assignment in self.in_order(scope.assignments[target.value], target):
            for access in self.in_order(assignment.references, target):
                if access.node not in [a.node for a in accesses]:
                    accesses.append(access)
        reached = [a for a in accesses if self._reaches(stmt, a.node, scope, target.value)]
        stores = ctx.stores + ((stmt,) if stmt is not None else ())
        if isinstance(scope, GlobalScope) and not target.value.startswith("_"):
            # a public module-level name: other modules may import it and use it as a list
            return [Use(LIST, target, f"stored in module-level {target.value} (importable)", (), None, stores, True)]
        if not reached:
            return [Use(DISCARD, target, f"stored in {target.value} and never read", (), None, stores, ctx.multi)]
        out: list[Use] = []
        multi = ctx.multi or len(reached) > 1
        assign_loops = set(map(id, self.loops_around(assign)))
        for access in reached:
            if access.scope is not scope and not isinstance(access.scope, ComprehensionScope):
                out.append(Use(LIST, access.node, f"{target.value} is used in a nested function", (), None, stores, True))
                continue
            repeated = any(id(loop) not in assign_loops for loop in self.loops_around(access.node))
            sub = _Ctx(seen, stores, multi or repeated, ctx.depth + 1)
            out.extend(self._uses(access.node, sub))
        return out

    def _reaches(self, stmt, access: cst.CSTNode, scope, name: str) -> bool:
        """False when another plain assignment of ``name`` certainly comes between the
        statement ``stmt`` and ``access`` in straight-line code (same block, later)."""
        if stmt is None:
            return True
        block = self.parent(stmt)
        body = getattr(block, "body", None)
        if not isinstance(body, (list, tuple)) or stmt not in body:
            return True
        i = body.index(stmt)
        # which statement of `block` contains the access?
        j = None
        for child, parent in self.ancestors(access):
            if parent is block:
                j = body.index(child) if child in body else None
                break
        if j is None:
            return True  # elsewhere (an enclosing block): be conservative
        if j == i:
            # the access is inside the assigning statement itself: `x = f(x)` reads an older x
            return not isinstance(stmt, cst.SimpleStatementLine)
        if j < i:
            return any(self._contains(loop, stmt) for loop in self.loops_around(stmt))
        for k in range(i + 1, j + 1):
            other = body[k]
            if isinstance(other, cst.SimpleStatementLine) and self._assigns(other, name):
                if k < j:
                    return False
                # same statement: the access is in its value (`x = sorted(x)`) => reached
                return True
        return True

    _contains = staticmethod(contains)

    @staticmethod
    def _assigns(stmt: cst.SimpleStatementLine, name: str) -> bool:
        for small in stmt.body:
            if isinstance(small, cst.Assign):
                for t in small.targets:
                    if isinstance(t.target, cst.Name) and t.target.value == name:
                        return True
            if isinstance(small, cst.AnnAssign) and small.value is not None:
                if isinstance(small.target, cst.Name) and small.target.value == name:
                    return True
        return False

def sources(flow: Flow, expr: cst.BaseExpression) -> list[str]:
    """Spellings of the objects ``expr`` reads lazily: ``d`` for ``d.keys()``, the
    iterables of ``zip(a, b)`` / ``map(f, a)`` ..."""
    if isinstance(expr, (cst.Name, cst.Attribute)):
        text = code(expr)
        return [text] if _is_plain_ref(expr) else []
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in VIEW_METHODS and not expr.args:
            base = func.value
            return [code(base)] if _is_plain_ref(base) else []
        name = flow.callee(expr)
        if name in LAZY_BUILTINS or name in _LAZY:
            out = []
            for i, a in enumerate(expr.args):
                if name == "builtins.map" and i == 0 or name == "builtins.filter" and i == 0:
                    continue
                out += sources(flow, a.value)
            return out
    return []


VIEW_METHODS = frozenset(
    {"keys", "values", "items", "iterkeys", "itervalues", "iteritems", "viewkeys", "viewvalues", "viewitems"}
)


def _is_plain_ref(expr: cst.BaseExpression) -> bool:
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name)
