"""``Inventory(...)`` → ``InventoryManager(...)`` arguments and the Inventory methods that changed (map rows B2, B3).

What it does
    Constructor (matched by qualified name ``ansible.inventory.Inventory``; the import and
    class name are renamed by AN001)::

        Inventory(loader=l, variable_manager=vm, host_list=['a', 'b'])  → (loader=l, sources='a,b,')
        Inventory(loader=l, variable_manager=vm, host_list=hosts)       → (loader=l, sources=hosts if isinstance(hosts, str) else ','.join(hosts) + ',')
        Inventory(loader=l, variable_manager=vm)                        → (loader=l, sources=C.DEFAULT_HOST_LIST)

    Methods, on objects built by that constructor in this file (or spelled ``inventory``,
    ``inv``, ``self._inventory`` …): ``get_hosts(p, ignore_limits_and_restrictions=x)`` →
    ``get_hosts(p, ignore_limits=x, ignore_restrictions=x)``; ``get_group(n)`` →
    ``groups.get(n)``; ``get_groups()`` → ``groups``; ``add_group(Group(n))`` →
    ``add_group(n)``; ``groups_for_host(h)`` → ``get_host(h).get_groups()``;
    ``set_playbook_basedir(d)`` statements are removed (PlaybookExecutor sets the basedir).

Why
    2.4 turned the inventory into plugins: ``InventoryManager(loader, sources=None, parse=True,
    cache=True)`` has no ``variable_manager`` and no default source (2.1 defaulted to
    ``/etc/ansible/hosts``). A list of hostnames is no longer a source: 2.19 tries to read
    ``localhost`` as a file and ends with an empty inventory; a comma-terminated string is
    the host-list form.

When it is unsafe
    Variable lookups on the inventory (``get_vars``, ``get_host_vars`` …) moved to vars
    plugins and the VariableManager; ``add_group`` of an existing ``Group`` object and the
    removed file/dir helpers have no mechanical replacement: all flagged for review.
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
    has_side_effects,
    kwarg,
    positional,
    receivers,
    string_value,
)
from codemods.base import Example
from codemods.names import dotted

INVENTORY = "ansible.inventory.Inventory"
GROUP = {"ansible.inventory.group.Group", "ansible.inventory.Group"}
HOST_LIST_DEFAULT = "ansible.constants.DEFAULT_HOST_LIST"
LIKELY = {"inventory", "inv", "_inventory", "_inv"}
VARS_METHODS = {"get_vars", "get_host_vars", "get_group_vars", "get_host_variables", "get_group_variables"}
GONE_METHODS = {"basedir", "src", "is_file", "is_directory", "parse_inventory", "serialize", "deserialize",
                "get_variables", "set_playbook_basedir", "playbook_basedir"}


class InventoryManagerCalls(AnsibleCodemod):
    ID = "AN010"
    NAME = "ansible-inventory-manager"
    DESCRIPTION = "Inventory(host_list=...) → InventoryManager(sources=...) and the changed Inventory methods"
    BREAKS_IN = "2.4"
    TRIGGERS = frozenset({"Inventory", "inventory", "get_group", "get_groups", "groups_for_host",
                          "ignore_limits_and_restrictions", "set_playbook_basedir"})
    EXAMPLES = (
        Example(
            """
            from ansible.inventory import Inventory
            inventory = Inventory(loader=loader, variable_manager=vm, host_list=['web1', 'db1'])
            """,
            """
            from ansible.inventory import Inventory
            inventory = Inventory(loader=loader, sources='web1,db1,')
            """,
        ),
        Example(
            """
            import ansible.inventory
            inv = ansible.inventory.Inventory(loader, vm, list(hosts))
            """,
            """
            import ansible.inventory
            inv = ansible.inventory.Inventory(loader, sources=','.join(list(hosts)) + ',')
            """,
        ),
        Example(
            """
            from ansible.inventory import Inventory as Inv
            def build(loader, vm, hosts):
                return Inv(loader=loader, variable_manager=vm, host_list=hosts)
            """,
            """
            from ansible.inventory import Inventory as Inv
            def build(loader, vm, hosts):
                return Inv(loader=loader, sources=hosts if isinstance(hosts, str) else ','.join(hosts) + ',')
            """,
        ),
        Example(
            """
            import ansible.constants as C
            from ansible.inventory import Inventory
            inventory = Inventory(loader=loader, variable_manager=vm)
            inventory.set_playbook_basedir('/srv/pb')
            web = inventory.get_group('web')
            names = sorted(inventory.get_groups())
            hosts = inventory.get_hosts('all', ignore_limits_and_restrictions=True)
            groups = inventory.groups_for_host('web1')
            """,
            """
            import ansible.constants as C
            from ansible.inventory import Inventory
            inventory = Inventory(loader=loader, sources=C.DEFAULT_HOST_LIST)
            web = inventory.groups.get('web')
            names = sorted(inventory.groups)
            hosts = inventory.get_hosts('all', ignore_limits=True, ignore_restrictions=True)
            groups = inventory.get_host('web1').get_groups()
            """,
        ),
        Example(
            """
            from ansible.inventory import Inventory
            from ansible.inventory.group import Group
            inventory = Inventory(loader, vm, 'hosts.ini')
            inventory.add_group(Group('extra'))
            hv = inventory.get_host_vars(inventory.get_host('web1'))
            """,
            """
            from ansible.inventory import Inventory
            from ansible.inventory.group import Group
            inventory = Inventory(loader, sources='hosts.ini')
            inventory.add_group('extra')
            hv = inventory.get_host_vars(inventory.get_host('web1'))
            """,
            review=("AN010",),
        ),
        # our own Inventory class
        Example("class Inventory(object):\n    def get_groups(self):\n        return []\n\nInventory().get_groups()\n"),
        Example("from ansible.inventory import Inventory\ni = Inventory(loader, vm, ['a'])\n", ansible_target="2.3"),
    )

    def analyze(self, module: cst.Module) -> None:
        self.receivers = receivers(self, module, {INVENTORY})
        self.tree = module

    def _is_inventory(self, node: cst.BaseExpression) -> bool:
        spelled = dotted(node)
        if spelled is None:
            return False
        return spelled in self.receivers or spelled.rpartition(".")[2] in LIKELY

    # -- constructor ---------------------------------------------------------------------
    def _sources(self, value: cst.BaseExpression, where: cst.CSTNode) -> Optional[cst.BaseExpression]:
        if string_value(value) is not None or self.refers(value, {HOST_LIST_DEFAULT}):
            return value
        if isinstance(value, (cst.List, cst.Tuple)):
            items = [string_value(e.value) for e in value.elements]
            if all(i is not None for i in items) and not any(isinstance(e, cst.StarredElement) for e in value.elements):
                return cst.SimpleString(repr(",".join(items) + ","))
            return expr(f"','.join({code_of(value)}) + ','")
        if isinstance(value, (cst.ListComp, cst.GeneratorExp)) or (
            isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in ("list", "sorted")
        ):
            return expr(f"','.join({code_of(value)}) + ','")
        if isinstance(value, (cst.Name, cst.Attribute)) and not has_side_effects(value):
            spelled = code_of(value)
            return expr(f"{spelled} if isinstance({spelled}, str) else ','.join({spelled}) + ','")
        self.review(where, "B2: host_list may be a list of hostnames: ansible-core needs a comma-terminated string "
                           "('a,b,') or an inventory path as sources")
        return None

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if self.callee(original_node, {INVENTORY}):
            return self._constructor(original_node, updated_node)
        func = original_node.func
        if isinstance(func, cst.Attribute) and self._is_inventory(func.value):
            return self._method(original_node, updated_node)
        return updated_node

    def _constructor(self, original: cst.Call, call: cst.Call) -> cst.Call:
        if find_arg(original, "sources") is not None:
            return call  # already the InventoryManager form
        if len(original.args) != len(call.args):
            return call  # another codemod changed the arguments first
        index = {id(o): u for o, u in zip(original.args, call.args)}
        drop, add = [], []
        vm = find_arg(original, "variable_manager", 1)
        if vm is not None:
            drop.append(index[id(vm)])
        hl = find_arg(original, "host_list", 2)
        if hl is not None:
            drop.append(index[id(hl)])
            sources = self._sources(index[id(hl)].value, hl)
            add.append(kwarg("sources", sources if sources is not None else index[id(hl)].value))
        elif not any(a.star for a in original.args):
            alias = self.module_alias(self.tree, "ansible.constants")
            if alias is None:
                self.add_import("ansible", "constants", "C")
                alias = "C"
            add.append(kwarg("sources", expr(f"{alias}.DEFAULT_HOST_LIST")))
        if not drop and not add:
            return call
        self.changed(original)
        return add_args(drop_args(call, drop), add)

    # -- methods -------------------------------------------------------------------------
    def _method(self, original: cst.Call, call: cst.Call):
        func: cst.Attribute = call.func
        name = original.func.attr.value
        receiver = func.value
        if name == "get_hosts":
            arg = find_arg(original, "ignore_limits_and_restrictions", 1)
            if arg is None:
                return call
            if has_side_effects(arg.value):
                self.review(original, "B3: ignore_limits_and_restrictions became ignore_limits= and ignore_restrictions=")
                return call
            if len(original.args) != len(call.args):
                return call  # another codemod changed the arguments first
            index = {id(o): u for o, u in zip(original.args, call.args)}
            value = index[id(arg)].value
            self.changed(original)
            return add_args(drop_args(call, [index[id(arg)]]),
                            [kwarg("ignore_limits", value), kwarg("ignore_restrictions", value)])
        if name == "get_group" and len(call.args) == 1:
            self.changed(original)
            return call.with_changes(func=cst.Attribute(value=cst.Attribute(value=receiver, attr=cst.Name("groups")),
                                                        attr=cst.Name("get")))
        if name == "get_groups" and not call.args:
            self.changed(original)
            return cst.Attribute(value=receiver, attr=cst.Name("groups"))
        if name == "groups_for_host" and len(call.args) == 1:
            self.changed(original)
            get_host = cst.Call(func=cst.Attribute(value=receiver, attr=cst.Name("get_host")),
                                args=[call.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
            return cst.Call(func=cst.Attribute(value=get_host, attr=cst.Name("get_groups")))
        if name == "add_group" and len(original.args) == 1:
            inner = original.args[0].value
            if isinstance(inner, cst.Call) and self.callee(inner, GROUP) and len(positional(inner)) >= 1:
                self.changed(original)
                return call.with_changes(args=[call.args[0].with_changes(value=call.args[0].value.args[0].value)])
            self.review(original, "B3: InventoryManager.add_group takes a group name and returns it")
            return call
        if name in VARS_METHODS:
            self.review(original, f"B3: Inventory.{name} is gone: host and group variables come from vars plugins; "
                                  "use variable_manager.get_vars(host=inventory.get_host(name))")
        elif name in GONE_METHODS and name != "set_playbook_basedir":
            self.review(original, f"B3: Inventory.{name}() was removed in 2.4 (see InventoryManager.parse_sources)")
        return call

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if len(original_node.body) != 1 or len(updated_node.body) != 1 or not isinstance(original_node.body[0], cst.Expr):
            return updated_node
        call = original_node.body[0].value
        if (
            isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "set_playbook_basedir"
            and self._is_inventory(call.func.value)
        ):
            self.changed(original_node)
            return cst.RemoveFromParent()
        return updated_node
