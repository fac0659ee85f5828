"""``VariableManager`` construction order and the VariableManager methods that changed (map rows B4–B11).

What it does
    Runs on its own after the other codemods (it moves statements), per block of
    statements:

    * B4 — ``vm = VariableManager()`` … ``inv = Inventory(...)`` … ``vm.set_inventory(inv)``
      becomes ``inv = InventoryManager(...)`` … ``vm = VariableManager(loader=loader,
      inventory=inv)``: the constructor (and the statements between it and the inventory
      that use ``vm``) move below the inventory, the loader is passed, and
      ``set_inventory`` goes. A statement that assigns ``context.CLIARGS`` (or calls a
      function of this file that does) and comes after the VariableManager is moved
      before it.
    * B5 — ``vm.extra_vars = {...}`` → ``vm._extra_vars = {...}`` (flagged: private).
    * B6/B7 — ``vm.options_vars = load_options_vars(...)`` and
      ``vm.extra_vars = load_extra_vars(...)`` are deleted (the constructor does it).
    * B9 — ``vm.get_vars(loader, ...)`` loses ``loader`` (and ``include_delegate_to``, 2.19).
    * B10 — ``vm.set_host_variable(host, …)`` / ``set_host_facts`` / ``set_nonpersistent_facts``
      take the host *name*: ``getattr(host, 'name', host)``.
    * B11 — ``add_host_vars_file`` / ``add_group_vars_file`` are flagged (vars plugins now).

Why
    Since 2.4 the VariableManager takes its loader and inventory in the constructor,
    since 2.8 the constructor reads ``context.CLIARGS`` (extra vars, option vars), and
    the ``extra_vars`` setter is gone (``AttributeError: property 'extra_vars' … has no
    setter``).

When it is unsafe
    ``_extra_vars`` is private. Since 2.15 the extra vars and option vars read from
    ``context.CLIARGS`` are computed once per process: code that runs playbooks more than
    once per process and relied on ``load_extra_vars(options)`` per run must set
    ``vm._extra_vars`` per run instead (flagged where it happens inside a function).
    Statements are only moved when no statement left in between reads what they define;
    otherwise ``set_inventory`` stays and the spot is flagged.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.ansible._api import (
    AnsibleCodemod,
    add_args,
    code_of,
    drop_args,
    expr,
    find_arg,
    kwarg,
    positional,
    receivers,
    walk,
)
from codemods.base import Example
from codemods.names import dotted

VM = {"ansible.vars.manager.VariableManager", "ansible.vars.VariableManager"}
INV = {"ansible.inventory.manager.InventoryManager", "ansible.inventory.Inventory"}
LOADER = {"ansible.parsing.dataloader.DataLoader"}
LIKELY = {"variable_manager", "vm", "_variable_manager", "_vm", "var_manager"}
HOST_METHODS = {"set_host_variable", "set_host_facts", "set_nonpersistent_facts"}
MEMO = ("B5/B7: since 2.15 the extra vars and option vars taken from context.CLIARGS are computed once per "
        "process; a second run in this process sees the first run's values: set vm._extra_vars per run instead")


def _spellings(node: cst.CSTNode) -> set[str]:
    out: set[str] = set()

    def fn(n: cst.CSTNode) -> None:
        d = dotted(n) if isinstance(n, (cst.Name, cst.Attribute)) else None
        if d:
            out.add(d)

    walk(node, fn)
    return out


def _mentions(node: cst.CSTNode, spelled: str) -> bool:
    return any(s == spelled or s.startswith(spelled + ".") for s in _spellings(node))


def _defines(node: cst.CSTNode) -> set[str]:
    out: set[str] = set()

    def fn(n: cst.CSTNode) -> None:
        if isinstance(n, (cst.AssignTarget,)):
            walk(n.target, lambda t: out.add(t.value) if isinstance(t, cst.Name) else None)
        elif isinstance(n, (cst.AugAssign, cst.AnnAssign)):
            walk(n.target, lambda t: out.add(t.value) if isinstance(t, cst.Name) else None)
        elif isinstance(n, (cst.For, cst.CompFor)):
            walk(n.target, lambda t: out.add(t.value) if isinstance(t, cst.Name) else None)
        elif isinstance(n, (cst.FunctionDef, cst.ClassDef)):
            out.add(n.name.value)
        elif isinstance(n, cst.AsName):
            walk(n.name, lambda t: out.add(t.value) if isinstance(t, cst.Name) else None)

    walk(node, fn)
    return out


def _uses(node: cst.CSTNode) -> set[str]:
    out: set[str] = set()
    walk(node, lambda n: out.add(n.value) if isinstance(n, cst.Name) else None)
    return out


def _single(node: cst.CSTNode):
    if isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1:
        return node.body[0]
    return None


class VariableManagerSetup(AnsibleCodemod):
    ID = "AN011"
    NAME = "ansible-variable-manager"
    DESCRIPTION = "VariableManager(loader=, inventory=) built after the inventory and CLIARGS; extra_vars and method changes"
    BREAKS_IN = "2.4"
    BATCHABLE = False
    TRIGGERS = frozenset({"VariableManager", "variable_manager", "set_host_variable", "set_host_facts",
                          "set_nonpersistent_facts", "add_host_vars_file", "add_group_vars_file"})
    EXAMPLES = (
        Example(
            """
            from ansible.parsing.dataloader import DataLoader
            from ansible.vars import VariableManager
            from ansible.inventory import Inventory
            loader = DataLoader()
            variable_manager = VariableManager()
            variable_manager.extra_vars = {'env': 'prod'}
            inventory = Inventory(loader=loader, host_list='hosts')
            variable_manager.set_inventory(inventory)
            """,
            """
            from ansible.parsing.dataloader import DataLoader
            from ansible.vars import VariableManager
            from ansible.inventory import Inventory
            loader = DataLoader()
            inventory = Inventory(loader=loader, host_list='hosts')
            variable_manager = VariableManager(loader=loader, inventory=inventory)
            variable_manager._extra_vars = {'env': 'prod'}
            """,
            review=("AN011",),
        ),
        Example(
            """
            from ansible.vars.manager import VariableManager
            from ansible.inventory.manager import InventoryManager

            def run(settings, loader):
                vm = VariableManager()
                inv = InventoryManager(loader=loader, sources='a,')
                vm.set_inventory(inv)
                vm.options_vars = load_options_vars(None)
                vm.extra_vars = load_extra_vars(loader=loader)
                build_options(settings)
                return vm

            def build_options(settings):
                context.CLIARGS = ImmutableDict(forks=settings.forks)
            """,
            """
            from ansible.vars.manager import VariableManager
            from ansible.inventory.manager import InventoryManager

            def run(settings, loader):
                inv = InventoryManager(loader=loader, sources='a,')
                build_options(settings)
                vm = VariableManager(loader=loader, inventory=inv)
                return vm

            def build_options(settings):
                context.CLIARGS = ImmutableDict(forks=settings.forks)
            """,
            review=("AN011",),
        ),
        Example(
            """
            from ansible.vars import VariableManager
            vm = VariableManager()
            hv = vm.get_vars(loader, host=h, include_delegate_to=False)
            vm.set_host_variable(h, 'x', 1)
            vm.set_host_facts('web1', facts)
            vm.add_host_vars_file('host_vars/web1', loader)
            """,
            """
            from ansible.vars import VariableManager
            vm = VariableManager()
            hv = vm.get_vars(host=h)
            vm.set_host_variable(getattr(h, 'name', h), 'x', 1)
            vm.set_host_facts('web1', facts)
            vm.add_host_vars_file('host_vars/web1', loader)
            """,
            review=("AN011",),
        ),
        # the VariableManager is read between its construction and the inventory: left alone
        Example(
            """
            from ansible.vars import VariableManager
            vm = VariableManager()
            snapshot = vm
            inv = Inventory(loader=loader, host_list='h')
            vm.set_inventory(inv)
            """,
            review=("AN011",),
        ),
        Example("from ansible.vars import VariableManager\nvm = VariableManager()\nvm.extra_vars = {}\n",
                ansible_target="2.7"),
    )

    # -- analysis ------------------------------------------------------------------------
    def analyze(self, module: cst.Module) -> None:
        self.vms = receivers(self, module, VM)
        self.loaders = receivers(self, module, LOADER)
        self.setters: set[str] = set()

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.FunctionDef):
                def inner(n: cst.CSTNode) -> None:
                    if isinstance(n, cst.AssignTarget) and dotted(n.target) == "context.CLIARGS":
                        self.setters.add(node.name.value)
                walk(node.body, inner)

        walk(module, fn)
        self.depth = 0

    def _is_vm(self, node: cst.BaseExpression) -> bool:
        spelled = dotted(node)
        return bool(spelled) and (spelled in self.vms or spelled.rpartition(".")[2] in LIKELY)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def leave_FunctionDef(self, original_node, updated_node):
        self.depth -= 1
        return updated_node

    # -- expressions ---------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        func = original_node.func
        if not (isinstance(func, cst.Attribute) and self._is_vm(func.value)):
            return updated_node
        name = func.attr.value
        if len(original_node.args) != len(updated_node.args):
            return updated_node  # another codemod changed the arguments first
        index = {id(o): u for o, u in zip(original_node.args, updated_node.args)}
        if name == "get_vars":
            drop = []
            loader = find_arg(original_node, "loader")
            pos = positional(original_node)
            if loader is None and pos:
                loader = pos[0]
            if loader is not None:
                drop.append(index[id(loader)])
            deleg = find_arg(original_node, "include_delegate_to")
            if deleg is not None and self.at_least("2.19"):
                drop.append(index[id(deleg)])
            if drop:
                self.changed(original_node)
                return drop_args(updated_node, drop)
        elif name in HOST_METHODS and self.at_least("2.9"):
            host = find_arg(original_node, "host", 0)
            if host is None or host.value.__class__ in (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString):
                return updated_node
            if isinstance(host.value, cst.Attribute) and host.value.attr.value == "name":
                return updated_node
            if isinstance(host.value, cst.Call) and dotted(host.value.func) in ("getattr", "str"):
                return updated_node
            value = index[id(host)].value
            new = expr(f"getattr({code_of(value)}, 'name', {code_of(value)})") if isinstance(
                value, (cst.Name, cst.Attribute)) else cst.Attribute(value=value, attr=cst.Name("name"))
            self.changed(original_node)
            return updated_node.with_changes(
                args=[a.with_changes(value=new) if a is index[id(host)] else a for a in updated_node.args])
        elif name in ("add_host_vars_file", "add_group_vars_file"):
            self.review(original_node, f"B11: VariableManager.{name} was removed in 2.4: host_vars/group_vars are "
                                       "read by the host_group_vars vars plugin next to the inventory or playbook")
        return updated_node

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign):
        if len(original_node.targets) != 1 or not self.at_least("2.8"):
            return updated_node
        target = original_node.targets[0].target
        if (
            isinstance(target, cst.Attribute)
            and target.attr.value == "extra_vars"
            and self._is_vm(target.value)
            and not self._is_load(original_node.value, "load_extra_vars")
        ):
            self.changed(original_node)
            self.review(original_node, "B5: the extra_vars setter is gone since 2.8: the private _extra_vars is set "
                                       "instead (context.CLIARGS['extra_vars'] is read once per process since 2.15)")
            new_target = updated_node.targets[0].target.with_changes(attr=cst.Name("_extra_vars"))
            return updated_node.with_changes(targets=[updated_node.targets[0].with_changes(target=new_target)])
        return updated_node

    def _is_load(self, value: cst.BaseExpression, name: str) -> bool:
        return isinstance(value, cst.Call) and (dotted(value.func) or "").rpartition(".")[2] == name

    # -- statement roles -------------------------------------------------------------------
    def _role(self, node: cst.CSTNode) -> Optional[tuple]:
        small = _single(node)
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            target = dotted(small.targets[0].target)
            value = small.value
            if target == "context.CLIARGS":
                return ("cliargs",)
            if target and isinstance(value, cst.Call) and self.callee(value, VM):
                return ("vm", target, value)
            if target and isinstance(value, cst.Call) and self.callee(value, INV):
                loader = find_arg(value, "loader", 0)
                return ("inv", target, dotted(loader.value) if loader is not None else None)
            t = small.targets[0].target
            if isinstance(t, cst.Attribute) and self._is_vm(t.value) and self.at_least("2.8"):
                if t.attr.value == "options_vars" or (
                        t.attr.value == "extra_vars" and self._is_load(value, "load_extra_vars")):
                    return ("delete", t.attr.value)
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
            call = small.value
            if isinstance(call.func, cst.Attribute) and call.func.attr.value == "set_inventory" and len(call.args) == 1:
                return ("set_inventory", dotted(call.func.value), dotted(call.args[0].value))
            if isinstance(call.func, cst.Name) and call.func.value in self.setters:
                return ("cliargs",)
        return None

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module):
        return updated_node.with_changes(body=self._block(original_node.body, updated_node.body))

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock):
        return updated_node.with_changes(body=self._block(original_node.body, updated_node.body))

    def _block(self, orig: tuple, upd: tuple) -> list:
        if len(orig) != len(upd):
            return list(upd)
        roles = [self._role(s) for s in orig]
        if not any(roles):
            return list(upd)
        items = list(zip(orig, upd, roles))  # (original, updated, role)
        # B6/B7: statements the constructor does now
        kept = []
        for o, u, r in items:
            if r and r[0] == "delete":
                self.changed(o)
                if r[1] == "extra_vars" and self.depth > 0:
                    self.review(o, MEMO)
                continue
            kept.append((o, u, r))
        items = kept
        for vm in [o for o, _, r in items if r and r[0] == "vm"]:
            index = next(i for i, (o, _, _) in enumerate(items) if o is vm)
            items = self._order(items, index)
        return [u for _, u, _ in items]

    def _order(self, items: list, iv: int) -> list:
        o_vm, u_vm, (_, vm_name, call) = items[iv]
        present = {a.keyword.value for a in call.args if a.keyword is not None}
        if call.args and (positional(call) or "inventory" in present):
            return items  # already the 2.4+ form
        # the set_inventory and inventory statements of this VariableManager
        i_set = next((i for i, (_, _, r) in enumerate(items)
                      if r and r[0] == "set_inventory" and r[1] == vm_name and i > iv), None)
        inv_name = items[i_set][2][2] if i_set is not None else None
        i_inv = next((i for i, (_, _, r) in enumerate(items)
                      if r and r[0] == "inv" and r[1] == inv_name), None) if inv_name else None
        loader = items[i_inv][2][2] if i_inv is not None else None
        if loader is None:
            loader = next((name for name in sorted(self.loaders) if name and "." not in name), None)
        args: list[cst.Arg] = []
        if loader and "loader" not in present:
            args.append(kwarg("loader", expr(loader)))
        if i_inv is not None and i_set is not None and i_inv < i_set:
            if i_inv > iv:
                moved = self._move_after(items, iv, i_inv, vm_name)
                if moved is None:
                    self.review(o_vm, "B4: the VariableManager must be built after the inventory (with "
                                      "inventory=): statements in between need it, so this was left for you")
                    return self._with_args(items, iv, args)
                items = moved
            args.append(kwarg("inventory", expr(inv_name)))
            i_set = next(i for i, (_, _, r) in enumerate(items) if r and r[0] == "set_inventory" and r[1] == vm_name)
            self.changed(items[i_set][0])
            del items[i_set]
        elif i_set is not None:
            self.review(o_vm, "B4: build the VariableManager after the inventory with "
                              "VariableManager(loader=loader, inventory=inventory)")
        iv = next(i for i, (o, _, _) in enumerate(items) if o is o_vm)
        items = self._with_args(items, iv, args)
        return self._cliargs_first(items, iv)

    def _with_args(self, items: list, iv: int, args: list) -> list:
        if not args:
            return items
        o, u, r = items[iv]
        assign = u.body[0]
        new = u.with_changes(body=[assign.with_changes(value=add_args(assign.value, args))])
        self.changed(o)
        items = list(items)
        items[iv] = (o, new, r)
        return items

    def _move_after(self, items: list, iv: int, i_inv: int, vm_name: str) -> Optional[list]:
        moving = [iv] + [i for i in range(iv + 1, i_inv) if _mentions(items[i][0], vm_name)]
        staying = [i for i in range(iv + 1, i_inv + 1) if i not in moving]
        defined = set().union(*(_defines(items[i][0]) for i in moving))
        root = vm_name.partition(".")[0]
        for i in staying:
            if _mentions(items[i][0], vm_name) or (_uses(items[i][0]) & (defined - {root})):
                return None
        block = [items[i] for i in staying] + [items[i] for i in moving]
        first = items[iv][1]
        out = items[:iv] + block + items[i_inv + 1:]
        # keep the blank lines / comments above the first statement where they were
        if block[0][1] is not items[iv][1]:
            lead = first.leading_lines
            o0, u0, r0 = out[iv]
            out[iv] = (o0, u0.with_changes(leading_lines=lead), r0)
            j = next(k for k, (o, _, _) in enumerate(out) if o is items[iv][0])
            oj, uj, rj = out[j]
            out[j] = (oj, uj.with_changes(leading_lines=()), rj)
        return out

    def _cliargs_first(self, items: list, iv: int) -> list:
        """A CLIARGS statement after the VariableManager moves right before it."""
        for ic in range(iv + 1, len(items)):
            o, u, r = items[ic]
            if not (r and r[0] == "cliargs"):
                continue
            between = set().union(set(), *(_defines(items[k][0]) for k in range(iv, ic)))
            if _uses(o) & between:
                self.review(o, "B12: context.CLIARGS is set after the VariableManager was built; the "
                               "VariableManager reads it when it is built")
                return items
            self.changed(o)
            items = items[:iv] + [(o, u.with_changes(leading_lines=()), r)] + items[iv:ic] + items[ic + 1:]
            return items
        return items
