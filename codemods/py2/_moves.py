"""Shared machinery for the codemods that move names between modules (not a codemod itself).

A subclass declares ``MODULES``: for each Python 2 module it owns, a :class:`Spec` saying
where the module went as a whole (``new``), where single attributes went (``attrs``:
:class:`To` or :class:`Gone`), and whether the module still exists in Python 3
(``removed``).  The machinery then rewrites, by qualified name:

* attribute references through any binding (``import urllib as u; u.quote`` → ``urllib.parse.quote``),
* ``import M`` / ``import M as x`` statements in place (``import Queue`` → ``import queue``),
* ``from M import a, b as c`` (split over several statements when the names went to
  several modules; a name that became a builtin is dropped from the import and its
  references renamed),
* bare references to a module that was split (``urllib2`` passed as an object).

A renamed module keeps its old binding (``import queue as Queue``) wherever the new name
is already taken in the scope of a reference (``queue = Queue.Queue()``); a module whose
binding is shared with another import (``try: import urllib2 except ImportError: import
urllib.request as urllib2``) is left alone: that code already runs on Python 3.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

import libcst as cst
from libcst.metadata import (
    ImportAssignment,
    ParentNodeProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from codemods.base import Codemod
from codemods.py2._index import index
from codemods.py2._syntax import (
    expr,
    first_name,
    free_builtin,
    free_module,
    full_name,
    keep_parens,
)

BUILTINS = "builtins"


@dataclass(frozen=True)
class To:
    """The Python 3 home of one name: ``module`` (``builtins`` for a builtin) and ``name``
    (None: unchanged; may be dotted, or a template where ``{}`` is the module binding)."""

    module: str
    name: str | None = None
    review: str | None = None  # rewritten, and a person should look at this


@dataclass(frozen=True)
class Gone:
    """No Python 3 equivalent that keeps the meaning: leave it, tell a person."""

    review: str


@dataclass(frozen=True)
class Spec:
    new: str | None = None  # where the whole module went (None: it was split)
    attrs: Mapping[str, To | Gone] = field(default_factory=dict)
    removed: bool = True  # False: the module exists in Python 3, only ``attrs`` moved
    primary: str | None = None  # what a bare reference to a split module becomes
    keep: frozenset = frozenset()  # attributes that are valid as they are in Python 3 (submodules)
    default: str | None = None  # module of every attribute not in ``attrs`` (same name)


def _free_names(node: cst.CSTNode) -> set[str]:
    """The names an expression reads (not the attribute names after a dot)."""
    out: set[str] = set()

    class V(cst.CSTVisitor):
        def visit_Attribute(self, n: cst.Attribute) -> bool:
            n.value.visit(self)
            return False

        def visit_Name(self, n: cst.Name) -> None:
            out.add(n.value)

    node.visit(V())
    return out


def _top(dotted: str) -> str:
    return dotted.split(".")[0]


def _parent(dotted: str) -> str:
    return dotted.rpartition(".")[0]


@dataclass
class _Site:
    node: cst.CSTNode  # Attribute ``X.attr`` or a bare module reference
    module: str
    attr: str | None  # None: the module itself
    head: cst.Name
    compat: bool  # the same binding also names something we do not own


@dataclass
class _Group:
    module: str
    binding: str
    sites: list = field(default_factory=list)
    imports: list = field(default_factory=list)  # Import nodes binding it
    plan: str = ""  # rename | alias | split | blocked | leave
    needs: list = field(default_factory=list)  # extra modules the import must bring


class Moves(Codemod):
    """Base class; subclasses set MODULES (and ID, NAME, ...)."""

    MODULES: ClassVar[Mapping[str, Spec]] = {}
    METADATA_DEPENDENCIES = (QualifiedNameProvider, ScopeProvider, ParentNodeProvider)

    # -- hooks for subclasses ------------------------------------------------------------
    def site_review(self, module: str, attr: str | None, node: cst.CSTNode) -> str | None:
        """An extra "needs review" reason for one reference (e.g. bytes into StringIO)."""
        return None

    # -- lookup --------------------------------------------------------------------------
    def _owned(self, dotted: str) -> str | None:
        """The owned module that ``dotted`` is or lies in (longest match)."""
        parts = dotted.split(".")
        for i in range(len(parts), 0, -1):
            cand = ".".join(parts[:i])
            if cand in self.MODULES:
                return cand
        return None

    def _target(self, module: str, attr: str) -> To | Gone | None:
        spec = self.MODULES[module]
        if attr in spec.attrs:
            return spec.attrs[attr]
        if spec.new:
            return To(spec.new, attr)
        if spec.default:
            return To(spec.default, attr)
        if spec.removed:
            return Gone(f"{module}.{attr} has no known Python 3 home; port it by hand")
        return None

    def _import_qnames(self, node: cst.CSTNode) -> set[str]:
        try:
            names = self.get_metadata(QualifiedNameProvider, node)
        except KeyError:
            return set()
        return {q.name for q in names if q.source is QualifiedNameSource.IMPORT}

    # -- preparation: one look at the whole module ---------------------------------------
    def prepare(self, module: cst.Module) -> None:
        self._groups: dict[tuple[str, str], _Group] = {}
        self._site_of: dict[int, tuple[_Group, _Site]] = {}
        self._consumed: set[int] = set()
        self._renames: dict[int, cst.BaseExpression] = {}  # Name node id -> replacement
        self._from_plans: dict[int, list] = {}  # ImportFrom id -> [(kind, module, aliases)]
        self._reviews: list = []
        self._emitted: set = set()
        bindings: set[str] = set()
        imports: list = []
        froms: list = []
        idx = index(module)
        surviving = {m for m, sp in self.MODULES.items() if not sp.removed}
        for spec_mod in surviving:
            bindings.add(_top(spec_mod))
        for node in idx.imports:
            for al in node.names:
                name = full_name(al.name)
                owned = self._owned(name)
                if owned == name and self.MODULES[name].removed:
                    binding = al.evaluated_alias or _top(name)
                    bindings.add(binding)
                    imports.append((node, al, name, binding))
                elif owned in surviving and al.asname:
                    bindings.add(al.evaluated_alias)
        for node in idx.import_froms:
            if node.relative or node.module is None:
                continue
            mod = full_name(node.module)
            if self._owned(mod) == mod:
                froms.append(node)
            elif not isinstance(node.names, cst.ImportStar):
                for al in node.names:
                    sub = f"{mod}.{full_name(al.name)}"
                    if sub in self.MODULES and self.MODULES[sub].new:
                        froms.append(node)
                        bindings.add(al.evaluated_alias or full_name(al.name))
                        break
        self._collect_sites(module, bindings)
        for node, al, name, binding in imports:
            mod = self._owned(name)
            group = self._group(mod, binding)
            group.imports.append(node)
        for group in self._groups.values():
            self._plan(group)
        for node in froms:
            self._plan_from(node)

    def _group(self, module: str, binding: str) -> _Group:
        key = (module, binding)
        if key not in self._groups:
            self._groups[key] = _Group(module, binding)
        return self._groups[key]

    def _collect_sites(self, module: cst.Module, bindings: set[str]) -> None:
        idx = index(module)
        sites: list[_Site] = []
        for node in idx.attributes:
            head = first_name(node)
            if head is not None and head.value in bindings:
                self._classify(node, head, sites)
        for binding in bindings:
            for node in idx.names.get(binding, ()):
                self._classify(node, node, sites)
        for site in sites:
            if site.attr is None and id(site.node) in self._consumed:
                continue
            group = self._group(site.module, site.head.value)
            group.sites.append(site)
            self._site_of[id(site.node)] = (group, site)

    def _classify(self, node: cst.CSTNode, head: cst.Name, sites: list) -> None:
        qnames = self._import_qnames(node)
        if not qnames:
            return
        owned = []
        foreign = False
        for q in sorted(qnames):
            mod = self._owned(q)
            if mod is None:
                foreign = True
                continue
            rest = q[len(mod) + 1:] if q != mod else ""
            owned.append((mod, rest))
        if not owned:
            return
        if len({m for m, _ in owned}) > 1:
            foreign = True
        mod, rest = owned[0]
        spec = self.MODULES[mod]
        first = rest.split(".")[0]
        if first in spec.keep or (not spec.removed and (first not in spec.attrs or self._target(mod, first) is None)):
            return
        if isinstance(node, cst.Attribute):
            if rest == "":
                # ``email.MIMEText`` itself: a module reference; its inner parts are not.
                self._consumed.add(id(node.value))
                sites.append(_Site(node, mod, None, head, foreign))
            elif "." not in rest:
                self._consumed.add(id(node.value))
                sites.append(_Site(node, mod, rest, head, foreign))
            else:
                self._consumed.add(id(node.value))
        elif rest == "":
            sites.append(_Site(node, mod, None, head, foreign))

    # -- plans -------------------------------------------------------------------------------
    def _plan(self, group: _Group) -> None:
        spec = self.MODULES[group.module]
        if not spec.removed:
            group.plan = "site"
            return
        compat = any(s.compat for s in group.sites) or self._shared_binding(group)
        if spec.new:
            mod, new = group.module, spec.new
            aliased = group.binding != _top(mod)
            if aliased:
                group.plan = "alias"
            elif _top(new) == _top(mod):
                group.plan = "rename"
            elif compat or not all(free_module(self, n, _top(new)) for n in self._places(group)):
                group.plan = "alias" if "." not in mod else "blocked"
            else:
                group.plan = "rename"
        else:
            if compat:
                group.plan = "leave"
                return
            group.plan = "split"
        for site in group.sites:
            if self._render(group, site) is None and spec.new is None:
                group.plan = "blocked"
                break
        if group.plan == "split" and not group.needs and not group.sites and spec.primary:
            group.needs.append(spec.primary)
        if group.plan == "blocked":
            group.needs = []
            for node in group.imports[:1]:
                self._reviews.append((node, f"{group.module}: some uses have no safe Python 3 spelling here; port this module's uses by hand"))

    def _shared_binding(self, group: _Group) -> bool:
        """The binding is also made by something other than an import of this module."""
        for node in group.imports:
            scope = self._scope(node)
            if scope is None:
                continue
            for a in scope[group.binding]:
                if not (isinstance(a, ImportAssignment) and isinstance(a.node, cst.Import)):
                    return True
                if not any(self._owned(full_name(al.name)) == group.module for al in a.node.names):
                    return True
        return False

    def _scope(self, node):
        try:
            return self.get_metadata(ScopeProvider, node)
        except KeyError:
            return None

    def _places(self, group: _Group):
        for s in group.sites:
            yield s.head
        yield from group.imports

    def _binding_expr(self, group: _Group) -> str:
        spec = self.MODULES[group.module]
        if group.plan == "rename":
            return spec.new or group.module
        if group.plan == "alias":
            return group.binding
        return group.module

    def _render(self, group: _Group, site: _Site) -> str | None:
        """The Python 3 text for ``site`` (None: cannot be rewritten); records needed imports."""
        spec = self.MODULES[group.module]
        if site.attr is None:
            if spec.new:
                return self._binding_expr(group)
            if spec.primary and free_module(self, site.head, _top(spec.primary)):
                self._need(group, spec.primary)
                return spec.primary
            return None
        target = self._target(group.module, site.attr)
        if target is None or isinstance(target, Gone):
            return None
        if target.name == "":  # the attribute is a module of its own now (os.errno → errno)
            if not free_module(self, site.head, _top(target.module)):
                return None
            self._need(group, target.module)
            return target.module
        name = target.name or site.attr
        if spec.new and target.module == spec.new and group.plan in ("rename", "alias"):
            binding = self._binding_expr(group)
            return name.format(binding) if "{}" in name else f"{binding}.{name}"
        if target.module == BUILTINS:
            if self._builtins_free(site.node, name):
                return name
            if name.isidentifier() and free_module(self, site.head, BUILTINS):
                self._need(group, BUILTINS)
                return f"builtins.{name}"
            return None
        if not spec.removed and target.module == group.module:
            binding = full_name(site.node.value) if isinstance(site.node, cst.Attribute) else group.module
        else:
            if not free_module(self, site.head, _top(target.module)):
                return None
            self._need(group, target.module)
            binding = target.module
        if "{}" in name:
            return name.format(binding)
        return f"{binding}.{name}"

    def _need(self, group: _Group, module: str) -> None:
        if group.plan == "site":
            self.add_import(module)
        elif module not in group.needs:
            group.needs.append(module)

    # -- from-imports ------------------------------------------------------------------------
    def _plan_from(self, node: cst.ImportFrom) -> None:
        mod = full_name(node.module)
        owned = self._owned(mod) == mod
        spec = self.MODULES.get(mod)
        if isinstance(node.names, cst.ImportStar):
            if spec is not None and spec.new:
                self._from_plans[id(node)] = [("star", spec.new, [])]
            elif spec is not None and spec.removed:
                self._reviews.append((node, f"from {mod} import *: import the names you use from their Python 3 modules"))
            return
        out: list = []  # (kind, module, [aliases])
        changed = False

        def put(kind: str, module: str, alias: cst.ImportAlias) -> None:
            for entry in out:
                if entry[0] == kind == "from" and entry[1] == module:
                    entry[2].append(alias)
                    return
            out.append((kind, module, [alias]))

        for al in node.names:
            name = full_name(al.name)
            binding = al.evaluated_alias or name
            sub = f"{mod}.{name}"
            if not owned:
                sub_spec = self.MODULES.get(sub)
                if sub_spec is None or not sub_spec.new:
                    put("from", mod, al)
                    continue
                new = sub_spec.new
                changed = True
                if _parent(new) == mod:
                    leaf = new.rpartition(".")[2]
                    put("from", mod, self._alias(leaf, binding))
                else:
                    out.append(("import", new, [self._alias(new, binding)]))
                continue
            target = self._target(mod, name)
            if target is None:
                put("from", mod, al)
                continue
            if isinstance(target, Gone):
                self._reviews.append((al, target.review))
                put("from", mod, al)
                continue
            new_name = target.name or name
            if "{}" in new_name:
                self._reviews.append((al, f"{mod}.{name}: no from-import form in Python 3; {target.review or 'port by hand'}"))
                put("from", mod, al)
                continue
            if target.review:
                self._reviews.append((al, target.review))
            refs, shared = self._refs(node, binding)
            changed = True
            if target.module == BUILTINS:
                if binding == new_name:
                    continue  # ``from sets import set``: the builtin is already there
                if not shared and all(self._builtins_free(r, new_name) for r in refs):
                    for r in refs:
                        self._renames[id(r)] = expr(new_name)
                    continue
                if not new_name.isidentifier():
                    if not (shared and self._guarded(node)):  # a try/except ImportError fallback covers it
                        self._reviews.append((al, f"{mod}.{name} is {new_name} in Python 3; rename its uses by hand"))
                    put("from", mod, al)
                    continue
                put("from", BUILTINS, self._alias(new_name, binding))
                continue
            renamable = al.asname is None and new_name != name and not shared and "." not in new_name
            if renamable and all(self._free_name(r, new_name) for r in [node, *refs]):
                for r in refs:
                    self._renames[id(r)] = cst.Name(new_name)
                put("from", target.module, cst.ImportAlias(name=cst.Name(new_name)))
                continue
            if "." in new_name:
                self._reviews.append((al, f"{mod}.{name} is {target.module}.{new_name} in Python 3; rename its uses by hand"))
                put("from", mod, al)
                continue
            put("from", target.module, self._alias(new_name, binding))
        unchanged = len(out) == 1 and out[0][0] == "from" and out[0][1] == mod and len(out[0][2]) == len(node.names) \
            and all(a is b for a, b in zip(out[0][2], node.names))
        if changed and not unchanged:
            self._from_plans[id(node)] = out

    def _builtins_free(self, site: cst.CSTNode, code: str) -> bool:
        """Every name in the expression ``code`` (``str``, ``str.maketrans``, ``type(None)``)
        means the builtin at ``site``."""
        return all(free_builtin(self, site, n) for n in _free_names(expr(code)))

    def _guarded(self, node: cst.CSTNode) -> bool:
        """``node`` is in the body of a ``try`` that catches ImportError (or anything)."""
        child = node
        while True:
            try:
                parent = self.get_metadata(ParentNodeProvider, child)
            except KeyError:
                return False
            if parent is None or isinstance(parent, cst.Module):
                return False
            if isinstance(parent, cst.Try) and parent.body is child:
                for h in parent.handlers:
                    names = _free_names(h.type) if h.type is not None else {"ImportError"}
                    if names & {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}:
                        return True
            child = parent

    def _free_name(self, site: cst.CSTNode, name: str) -> bool:
        scope = self._scope(site)
        return scope is not None and not scope[name]

    def _refs(self, node: cst.ImportFrom, binding: str) -> tuple[list, bool]:
        """The Name nodes that use ``binding`` as bound by ``node``; and whether the binding
        is also made by something else (a compat fallback)."""
        scope = self._scope(node)
        if scope is None:
            return [], True
        refs: list = []
        shared = False
        for a in scope[binding]:
            if a.node is node:
                refs.extend(acc.node for acc in a.references)
            else:
                shared = True
        return [r for r in refs if isinstance(r, cst.Name)], shared

    @staticmethod
    def _alias(name: str, binding: str) -> cst.ImportAlias:
        node = cst.parse_expression(name) if "." in name else cst.Name(name)
        asname = None if binding == name else cst.AsName(name=cst.Name(binding))
        return cst.ImportAlias(name=node, asname=asname)

    # -- rewriting ---------------------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        for node, reason in self._reviews:
            self.review(node, reason)
        return updated_node

    def _rewrite_site(self, original: cst.CSTNode, updated: cst.BaseExpression) -> cst.BaseExpression:
        entry = self._site_of.get(id(original))
        if entry is None:
            return updated
        group, site = entry
        extra = self.site_review(site.module, site.attr, original)
        if extra:
            self.review(original, extra)
        if group.plan in ("leave",):
            return updated
        if group.plan == "blocked":
            return updated
        text = self._render(group, site)
        if text is None:
            if site.attr is not None:
                target = self._target(group.module, site.attr)
                if isinstance(target, Gone):
                    self.review(original, target.review)
                else:
                    self.review(original, f"{group.module}.{site.attr}: cannot be rewritten here (a name it needs is taken)")
            elif self.MODULES[group.module].new is None:
                self.review(original, f"module {group.module} used as an object; it was split in Python 3")
            return updated
        if site.attr is None and self.MODULES[group.module].new is None:
            self.review(original, f"module {group.module} used as an object: now {text}; check the attributes used on it")
        if site.attr is not None:
            target = self._target(group.module, site.attr)
            if isinstance(target, To) and target.review:
                self.review(original, target.review)
        old = full_name(original) if not isinstance(original, cst.Name) else original.value
        if text == old:
            return updated
        self.changed(original, f"{self.DESCRIPTION}: {old} → {text}")
        return keep_parens(expr(text), updated)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        return self._rewrite_site(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        new = self._renames.get(id(original_node))
        if new is not None:
            self.changed(original_node, f"{self.DESCRIPTION}: {original_node.value} → {full_name(new)}")
            return new
        return self._rewrite_site(original_node, updated_node)

    def _already(self, node: cst.CSTNode, module: str) -> bool:
        """``import module`` is already in effect in the scope of ``node`` (from the original
        file or from an import this codemod wrote): true only for module-level scopes."""
        scope = self._scope(node)
        key = (id(scope), module)
        if key in self._emitted:
            return True
        self._emitted.add(key)
        if scope is None:
            return False
        top = _top(module)
        for a in scope[top]:
            if (isinstance(a, ImportAssignment) and isinstance(a.node, cst.Import) and a.node is not node
                    and any(al.asname is None and full_name(al.name) == module for al in a.node.names)):
                return True
        return False

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import):
        names: list[cst.ImportAlias] = []
        changed = False
        for al in updated_node.names:
            name = full_name(al.name)
            mod = self._owned(name)
            if mod is None or mod != name or not self.MODULES[mod].removed:
                names.append(al)
                continue
            binding = al.evaluated_alias or _top(name)
            group = self._groups.get((mod, binding))
            spec = self.MODULES[mod]
            if group is None or group.plan in ("blocked", "leave", ""):
                names.append(al)
                continue
            if group.plan == "rename":
                new_aliases = [self._alias(spec.new, spec.new)]
            elif group.plan == "alias":
                new_aliases = [self._alias(spec.new, binding)]
            else:  # split
                new_aliases = [self._alias(m, m) for m in group.needs
                               if m != BUILTINS and not self._already(original_node, m)]
            for m in group.needs:
                if group.plan != "split" and m != BUILTINS and m != spec.new:
                    new_aliases.append(self._alias(m, m))
                if m == BUILTINS:
                    self.add_import(BUILTINS)
            changed = True
            self.changed(original_node, f"{self.DESCRIPTION}: import {name}")
            if new_aliases:
                new_aliases[-1] = new_aliases[-1].with_changes(comma=al.comma)
            names.extend(new_aliases)
        if not changed:
            return updated_node
        seen: set = set()
        unique = []
        for a in names:
            key = (full_name(a.name), a.evaluated_alias)
            if key not in seen:
                seen.add(key)
                unique.append(a)
        names = unique
        if not names:
            return cst.RemoveFromParent()
        names = [
            a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            if i < len(names) - 1 and a.comma is cst.MaybeSentinel.DEFAULT else a
            for i, a in enumerate(names)
        ]
        last = names[-1]
        if isinstance(last.comma, cst.Comma):
            names[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=names)

    def _from_statements(self, original: cst.ImportFrom, updated: cst.ImportFrom) -> list | None:
        plan = self._from_plans.get(id(original))
        if plan is None:
            return None
        out = []
        for kind, module, aliases in plan:
            if kind == "import":
                out.append(cst.Import(names=aliases))
                continue
            if kind == "star":
                out.append(updated.with_changes(module=expr(module)))
                continue
            aliases = [
                a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")) if i < len(aliases) - 1
                               else cst.MaybeSentinel.DEFAULT)
                for i, a in enumerate(aliases)
            ]
            if len(plan) == 1 and not isinstance(updated.names, cst.ImportStar) and updated.lpar:
                out.append(updated.with_changes(module=expr(module), names=aliases))
            else:
                out.append(cst.ImportFrom(module=expr(module), names=aliases))
        return out

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        stmts = self._from_statements(original_node, updated_node)
        if stmts is None:
            return updated_node
        self.changed(original_node, f"{self.DESCRIPTION}: from {full_name(original_node.module)} import")
        if not stmts:
            return cst.RemoveFromParent()
        if len(stmts) == 1:
            return stmts[0]
        return cst.FlattenSentinel(stmts)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        # Several small statements produced for one from-import: one line each.
        if len(updated_node.body) <= 1 or len(original_node.body) != 1:
            return updated_node
        if not isinstance(original_node.body[0], cst.ImportFrom) or id(original_node.body[0]) not in self._from_plans:
            return updated_node
        lines = []
        for i, small in enumerate(updated_node.body):
            small = small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            line = cst.SimpleStatementLine(body=[small])
            if i == 0:
                line = line.with_changes(leading_lines=updated_node.leading_lines)
            if i == len(updated_node.body) - 1:
                line = line.with_changes(trailing_whitespace=updated_node.trailing_whitespace)
            lines.append(line)
        return cst.FlattenSentinel(lines)
