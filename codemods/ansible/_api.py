"""Helpers shared by the Ansible codemods (not a codemod: the registry skips ``_`` modules).

:class:`AnsibleCodemod` adds what every Ansible codemod needs on top of
:class:`codemods.base.Codemod`: the ``--ansible-target`` (``self.target``, a packaging
``Version``; ``self.at_least("2.8")`` gates one map row inside a codemod whose class-level
``BREAKS_IN`` is the earliest of its rows), qualified-name matching, and small tools to
read and edit call arguments without disturbing the surrounding layout.
"""
from __future__ import annotations

import functools
from typing import Collection, Iterable, Optional, Sequence

import libcst as cst
from libcst.metadata import QualifiedNameProvider
from packaging.version import Version

from migrator.walk import walk  # noqa: F401  (re-exported for the Ansible codemods)
from codemods.base import Codemod
from codemods.names import dotted, qualified_names

DEFAULT_TARGET = Version("2.19")


@functools.lru_cache(maxsize=None)
def _version(text: str) -> Version:
    return Version(text)


class AnsibleCodemod(Codemod):
    FAMILY = "ansible"
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    @property
    def target(self) -> Version:
        value = self.options.get("ansible_target")
        if value is None:
            return DEFAULT_TARGET
        return value if isinstance(value, Version) else _version(str(value))

    def at_least(self, version: str) -> bool:
        return self.target >= _version(version)

    # -- the target gates the whole codemod, also when it is run from an explicit list ----
    @property
    def active(self) -> bool:
        cached = self.__dict__.get("_active")
        if cached is None:
            cached = self.__dict__["_active"] = self.BREAKS_IN is None or self.at_least(self.BREAKS_IN)
        return cached

    def prepare(self, module: cst.Module) -> None:
        """Whole-module analysis before the traversal (called by the batch; see ``analyze``)."""
        if self.active:
            self.analyze(module)

    def analyze(self, module: cst.Module) -> None:
        pass

    def transform_module(self, tree: cst.Module) -> cst.Module:
        # Run alone (BATCHABLE = False): the engine adds/removes the requested imports once
        # after every codemod; libcst's CodemodCommand would do it here as well (twice the work).
        from libcst.codemod import Codemod as _LibcstCodemod

        return _LibcstCodemod.transform_module(self, tree)

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        # Used when the codemod runs on its own (BATCHABLE = False).
        if not self.active:
            return tree
        self.analyze(tree)
        return self.finish(tree.visit(self))

    def finish(self, module: cst.Module) -> cst.Module:
        """After the traversal (called by the batch): place the ansible imports asked for."""
        return self._place_imports(module)

    # -- imports of ansible names: never above the program's own setup ----------------------
    def add_import(self, module: str, obj: Optional[str] = None, asname: Optional[str] = None) -> None:
        """Imports from ``ansible`` wait for the end of the module: a program that sets
        ``ANSIBLE_*`` variables before it imports ansible must not get an ansible import
        above that (``ansible.constants`` reads the environment once, when first imported)."""
        if module == "ansible" or module.startswith("ansible."):
            pending = self.__dict__.setdefault("_pending_imports", [])
            if (module, obj, asname) not in pending:
                pending.append((module, obj, asname))
            return
        super().add_import(module, obj, asname)

    def _place_imports(self, module: cst.Module) -> cst.Module:
        pending = self.__dict__.pop("_pending_imports", [])
        if not pending:
            return module
        anchor = late_ansible_import(module)
        if anchor is None:
            for item in pending:
                Codemod.add_import(self, *item)
            return module
        have = top_level_imports(module)
        lines = []
        for mod, obj, asname in pending:
            if (mod, obj, asname) in have:
                continue
            have.add((mod, obj, asname))
            if obj is None:
                alias = cst.ImportAlias(name=expr(mod), asname=cst.AsName(cst.Name(asname)) if asname else None)
                lines.append(cst.SimpleStatementLine([cst.Import(names=[alias])]))
            else:
                alias = cst.ImportAlias(name=cst.Name(obj), asname=cst.AsName(cst.Name(asname)) if asname else None)
                lines.append(cst.SimpleStatementLine([cst.ImportFrom(module=expr(mod), names=[alias])]))
        body = list(module.body)
        return module.with_changes(body=body[: anchor + 1] + lines + body[anchor + 1:])
    # -- names ---------------------------------------------------------------------------
    def qnames(self, node: cst.CSTNode) -> set[str]:
        return qualified_names(self, node)

    def refers(self, node: cst.CSTNode, targets: Collection[str]) -> Optional[str]:
        """The qualified name in ``targets`` that ``node`` (Name/Attribute) stands for."""
        for name in sorted(self.qnames(node)):
            if name in targets:
                return name
        return None

    def callee(self, call: cst.CSTNode, targets: Collection[str]) -> Optional[str]:
        """For ``call`` = ``X(...)`` with X one of ``targets`` (qualified), that name."""
        if isinstance(call, cst.Call):
            return self.refers(call.func, targets)
        return None

    def module_alias(self, module: cst.Module, qualified: str) -> Optional[str]:
        """The local name bound to module ``qualified`` at module level, if any
        (``import ansible.constants as C`` → ``C``)."""
        parent, _, last = qualified.rpartition(".")
        for stmt in module.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                continue
            for small in stmt.body:
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        if dotted(alias.name) == qualified:
                            return alias.asname.name.value if alias.asname else qualified
                elif isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None:
                    if dotted(small.module) == parent and not isinstance(small.names, cst.ImportStar):
                        for alias in small.names:
                            if alias.name.value == last:
                                return alias.asname.name.value if alias.asname else last
        return None


# -- where imports go ------------------------------------------------------------------------
def _imports_ansible(node: cst.CSTNode) -> bool:
    if not isinstance(node, cst.SimpleStatementLine):
        return False
    for small in node.body:
        if isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None:
            name = dotted(small.module) or ""
            if name == "ansible" or name.startswith("ansible."):
                return True
        if isinstance(small, cst.Import):
            for alias in small.names:
                name = dotted(alias.name) or ""
                if name == "ansible" or name.startswith("ansible."):
                    return True
    return False


def _is_plain_import(node: cst.CSTNode) -> bool:
    if isinstance(node, cst.SimpleStatementLine):
        if all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in node.body):
            return True
        # a docstring
        return len(node.body) == 1 and isinstance(node.body[0], cst.Expr) and isinstance(
            node.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    return False


def ansible_import_anchor(module: cst.Module) -> Optional[int]:
    """Index of the last top-level ``ansible`` import above the first def/class."""
    anchor = None
    for i, node in enumerate(module.body):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            break
        if _imports_ansible(node):
            anchor = i
    return anchor


def late_ansible_import(module: cst.Module) -> Optional[int]:
    """The anchor when the program runs code of its own before it imports ansible
    (``os.environ[...] = …`` then ``from ansible …``), else None."""
    anchor = ansible_import_anchor(module)
    if anchor is None:
        return None
    first = next(i for i, node in enumerate(module.body) if _imports_ansible(node))
    if any(not _is_plain_import(node) for node in module.body[:first]):
        return anchor
    return None


def top_level_imports(module: cst.Module) -> set[tuple]:
    out: set[tuple] = set()
    for node in module.body:
        if not isinstance(node, cst.SimpleStatementLine):
            continue
        for small in node.body:
            if isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None \
                    and not isinstance(small.names, cst.ImportStar):
                for a in small.names:
                    out.add((dotted(small.module), a.name.value, a.asname.name.value if a.asname else None))
            elif isinstance(small, cst.Import):
                for a in small.names:
                    out.add((dotted(a.name), None, a.asname.name.value if a.asname else None))
    return out


# -- code snippets ---------------------------------------------------------------------------
def expr(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)


def stmt(code: str) -> cst.BaseStatement:
    return cst.parse_statement(code)


def code_of(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def string_value(node: cst.CSTNode) -> Optional[str]:
    """The value of a plain (non f-) string literal, else None."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        if isinstance(value, bytes):
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                return None
        return value
    return None


# -- call arguments --------------------------------------------------------------------------
def positional(call: cst.Call) -> list[cst.Arg]:
    return [a for a in call.args if a.keyword is None and not a.star]


def find_arg(call: cst.Call, keyword: Optional[str] = None, position: Optional[int] = None) -> Optional[cst.Arg]:
    """The argument passed as ``keyword=`` or, failing that, at ``position`` (0-based)."""
    if keyword is not None:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == keyword:
                return arg
    if position is not None:
        pos = positional(call)
        if position < len(pos):
            return pos[position]
    return None


def has_star(call: cst.Call) -> bool:
    return any(a.star for a in call.args)


def drop_args(call: cst.Call, drop: Iterable[cst.Arg]) -> cst.Call:
    """``call`` without the given Arg nodes (identity), tidying the trailing comma."""
    drop_ids = {id(a) for a in drop}
    if not drop_ids & {id(a) for a in call.args}:
        return call
    kept: list[cst.Arg] = []
    for arg in call.args:
        if id(arg) not in drop_ids:
            kept.append(arg)
        elif kept and isinstance(arg.comma, cst.Comma) and "\n" in code_of(arg.comma):
            # the dropped argument ended a line: the one before it ends the line now
            kept[-1] = kept[-1].with_changes(comma=arg.comma)
    if kept and len(kept) < len(call.args) and call.args[-1] is not kept[-1]:
        last = kept[-1]
        if isinstance(last.comma, cst.Comma):
            kept[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return call.with_changes(args=kept)


def kwarg(name: str, value: cst.BaseExpression) -> cst.Arg:
    return cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )


def add_args(call: cst.Call, new: Sequence[cst.Arg]) -> cst.Call:
    """``call`` with ``new`` arguments appended (after a comma and a space)."""
    if not new:
        return call
    args = list(call.args)
    if args and not isinstance(args[-1].comma, cst.Comma):
        args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    new = list(new)
    for i, arg in enumerate(new[:-1]):
        new[i] = arg.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    new[-1] = new[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return call.with_changes(args=args + new)


def replace_arg(call: cst.Call, old: cst.Arg, new: cst.Arg) -> cst.Call:
    return call.with_changes(args=[new.with_changes(comma=a.comma) if a is old else a for a in call.args])


def has_side_effects(node: cst.CSTNode) -> bool:
    """Whether evaluating ``node`` may do something (it contains a call, await, yield, …)."""
    found = []

    class _V(cst.CSTVisitor):
        def visit_Call(self, n):
            found.append(n)

        def visit_Await(self, n):
            found.append(n)

        def visit_Yield(self, n):
            found.append(n)

        def visit_NamedExpr(self, n):
            found.append(n)

    node.visit(_V())
    return bool(found)


# -- bindings --------------------------------------------------------------------------------
def assigned_targets(node: cst.CSTNode) -> list[cst.BaseExpression]:
    if isinstance(node, cst.Assign):
        return [t.target for t in node.targets]
    if isinstance(node, cst.AnnAssign) and node.value is not None:
        return [node.target]
    return []


def receivers(codemod: AnsibleCodemod, module: cst.Module, targets: Collection[str]) -> set[str]:
    """Spellings (``inventory``, ``self._inv``) that are assigned the result of a call to
    one of ``targets`` anywhere in ``module`` — the objects of that class in this file."""
    found: set[str] = set()

    def fn(node: cst.CSTNode) -> None:
        if isinstance(node, (cst.Assign, cst.AnnAssign)) and isinstance(node.value, cst.Call):
            if codemod.callee(node.value, targets):
                for target in assigned_targets(node):
                    spelled = dotted(target)
                    if spelled:
                        found.add(spelled)

    walk(module, fn)
    return found


OPTION_FIELDS = frozenset(
    "connection module_path forks become become_method become_user check listhosts listtasks listtags "
    "syntax remote_user private_key_file ssh_common_args ssh_extra_args sftp_extra_args scp_extra_args "
    "verbosity diff tags skip_tags extra_vars timeout".split()
)


def namedtuple_fields(codemod: AnsibleCodemod, value: cst.BaseExpression) -> Optional[list[str]]:
    """Field names of ``namedtuple('X', <literal fields>)``, else None."""
    if not isinstance(value, cst.Call) or not codemod.callee(value, {"collections.namedtuple"}):
        return None
    fields_arg = find_arg(value, "field_names", 1)
    if fields_arg is None:
        return None
    node = fields_arg.value
    text = string_value(node)
    if text is not None:
        return text.replace(",", " ").split()
    if isinstance(node, (cst.List, cst.Tuple)):
        out = []
        for el in node.elements:
            s = string_value(el.value)
            if s is None:
                return None
            out.append(s)
        return out
    return None


def options_classes(codemod: AnsibleCodemod, module: cst.Module) -> dict[str, list[str]]:
    """Qualified name → field list of every ``namedtuple`` that looks like the 2.1
    ``Options`` (two or more of the option fields the executors read)."""
    found: dict[str, list[str]] = {}

    def fn(node: cst.CSTNode) -> None:
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            fields = namedtuple_fields(codemod, node.value)
            if fields and len(OPTION_FIELDS.intersection(fields)) >= 2:
                for q in codemod.qnames(node.targets[0].target) or {node.targets[0].target.value}:
                    found[q] = fields

    walk(module, fn)
    return found


def options_bindings(codemod: AnsibleCodemod, module: cst.Module, classes: Collection[str]) -> set[str]:
    """Qualified names of variables assigned an instance of one of ``classes``."""
    found: set[str] = set()

    def fn(node: cst.CSTNode) -> None:
        if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call) and codemod.callee(node.value, classes):
            for t in node.targets:
                if isinstance(t.target, cst.Name):
                    found.update(codemod.qnames(t.target) or {t.target.value})

    walk(module, fn)
    return found


CALLBACK_BASE = "ansible.plugins.callback.CallbackBase"


def callback_classes(codemod: AnsibleCodemod, module: cst.Module) -> tuple[set[int], set[int]]:
    """``id()`` of the classes derived from ``CallbackBase`` (directly, through a class of
    this file, or through a bundled callback), and the subset derived from a bundled one."""
    found: set[int] = set()
    bundled: set[int] = set()
    local: set[str] = set()

    def fn(node: cst.CSTNode) -> None:
        if not isinstance(node, cst.ClassDef):
            return
        for base in node.bases:
            names = codemod.qnames(base.value)
            if CALLBACK_BASE in names or (isinstance(base.value, cst.Name) and base.value.value in local):
                found.add(id(node))
            elif any(q.startswith("ansible.plugins.callback.") for q in names):
                found.add(id(node))
                bundled.add(id(node))
        if id(node) in found:
            local.add(node.name.value)

    walk(module, fn)
    return found, bundled


def names_in(node: cst.CSTNode) -> set[str]:
    """Every Name spelled inside ``node``."""
    out: set[str] = set()

    def fn(n: cst.CSTNode) -> None:
        if isinstance(n, cst.Name):
            out.add(n.value)

    walk(node, fn)
    return out
