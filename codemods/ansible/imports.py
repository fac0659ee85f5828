"""Move imports of Ansible 2.1 names to where ansible-core keeps them (map rows A1–A3, A6, A7, A9, A10, A12).

What it does
    Rewrites the module part of ``from … import …`` and ``import …`` statements and every
    reference to a moved name, matched by qualified name (aliases, ``import ansible.x`` +
    ``ansible.x.Name`` and ``from ansible import x as y`` + ``y.Name`` all count; a class of
    your own that happens to be called ``Inventory`` does not)::

        from ansible.inventory import Inventory        → from ansible.inventory.manager import InventoryManager
        from ansible.vars import VariableManager       → from ansible.vars.manager import VariableManager
        from ansible.plugins import callback_loader    → from ansible.plugins.loader import callback_loader
        from ansible.compat.six import iteritems       → from ansible.module_utils.six import iteritems
        from ansible.compat.tests import mock          → from unittest import mock
        from ansible.vars.unsafe_proxy import wrap_var → from ansible.utils.unsafe_proxy import wrap_var
        from ansible.module_utils.ec2 import …         → from ansible_collections.amazon.aws.plugins.module_utils.ec2 import …

    A renamed class (``Inventory`` → ``InventoryManager``) is renamed at every use when it
    was imported without an alias; with an alias the alias stays. One statement that
    imports names which now live in different modules is split into one per module.

Why
    These modules were reorganised in 2.4 (inventory and vars into plugins, loaders into
    ``ansible.plugins.loader``; hard breaks), ``ansible.compat.*`` went away in 2.4/2.8, the
    old ``unsafe_proxy`` path in 2.8, and most network/cloud ``module_utils`` moved to
    collections in 2.10. The old spellings raise ``ImportError`` on ansible-core.

When it is unsafe
    Constructors and methods of the moved classes changed too (see the inventory,
    variable_manager and executors codemods). ``unsafe_proxy`` is a data tag in 2.19 (A9),
    and the collection module_utils (A12) need the collection installed and may differ
    from the 2.1 flat files: both are flagged for review. ``ansible.utils.module_docs``
    (A10) and flat module_utils without a route are flagged, not rewritten.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, expr
from codemods.base import Example
from codemods.names import dotted

_LOADERS = (
    "callback_loader module_loader action_loader connection_loader lookup_loader filter_loader test_loader "
    "strategy_loader shell_loader cache_loader vars_loader fragment_loader PluginLoader get_all_plugin_loaders"
).split()

# old qualified name -> (new qualified name, first release where the old one breaks)
NAME_MOVES: dict[str, tuple[str, str]] = {
    "ansible.inventory.Inventory": ("ansible.inventory.manager.InventoryManager", "2.4"),
    "ansible.inventory.Host": ("ansible.inventory.host.Host", "2.4"),
    "ansible.inventory.Group": ("ansible.inventory.group.Group", "2.4"),
    "ansible.vars.VariableManager": ("ansible.vars.manager.VariableManager", "2.4"),
    "ansible.vars.combine_vars": ("ansible.utils.vars.combine_vars", "2.4"),
    "ansible.vars.wrap_var": ("ansible.utils.unsafe_proxy.wrap_var", "2.4"),
    "ansible.compat.six": ("ansible.module_utils.six", "2.4"),
    "ansible.compat.tests.mock": ("unittest.mock", "2.8"),
    "ansible.compat.tests.unittest": ("unittest", "2.8"),
    **{f"ansible.plugins.{n}": (f"ansible.plugins.loader.{n}", "2.4") for n in _LOADERS},
}

_A12 = {
    "ec2": "amazon.aws", "azure_rm_common": "azure.azcollection", "cloudstack": "ngine_io.cloudstack",
    "database": "community.general", "gce": "community.google", "known_hosts": "community.general",
    "mysql": "community.mysql", "openstack": "openstack.cloud", "rax": "community.general",
    "redhat": "community.general", "vca": "community.vmware", "vmware": "community.vmware",
}
# old module -> (new module, release, review reason or None)
MODULE_MOVES: dict[str, tuple[str, str, Optional[str]]] = {
    "ansible.compat.six": ("ansible.module_utils.six", "2.4", None),
    "ansible.compat.tests.mock": ("unittest.mock", "2.8", None),
    "ansible.vars.unsafe_proxy": (
        "ansible.utils.unsafe_proxy", "2.4",
        "A9: in ansible-core 2.19 'unsafe' is a data tag; wrap_var/AnsibleUnsafeText still work but check "
        "isinstance() tests and anything that relies on the proxy classes",
    ),
    "ansible.module_utils.ismount": (
        "ansible_collections.ansible.posix.plugins.module_utils.mount", "2.10",
        "A12: module_utils moved to the ansible.posix collection (install it; its API was not checked against 2.1)",
    ),
    **{
        f"ansible.module_utils.{n}": (
            f"ansible_collections.{c}.plugins.module_utils.{n}", "2.10",
            f"A12: module_utils moved to the {c} collection (install it; its API was not checked against 2.1)",
        )
        for n, c in _A12.items()
    },
}
# modules that have no mechanical replacement: review only
REVIEW_MODULES: dict[str, tuple[str, str]] = {
    "ansible.utils.module_docs": ("2.4", "A10: ansible.utils.module_docs became ansible.utils.plugin_docs with a different API"),
    **{
        f"ansible.module_utils.{n}": ("2.10", f"A12/E7: flat module_utils '{n}' has no route in ansible-core; "
                                             "port to the collection that replaced it")
        for n in "a10 docker_common eos ios iosxr junos nxos netcfg openswitch shell f5".split()
    },
}


def _split(q: str) -> tuple[str, str]:
    parent, _, last = q.rpartition(".")
    return parent, last


def _dotted_node(q: str) -> cst.BaseExpression:
    return expr(q)


class ImportMoves(AnsibleCodemod):
    ID = "AN001"
    NAME = "ansible-import-moves"
    DESCRIPTION = "Ansible 2.1 import paths → their ansible-core modules (Inventory, VariableManager, loaders, compat, module_utils)"
    BREAKS_IN = "2.4"
    # the last part of every moved or flagged path: ``from ansible.module_utils.basic
    # import *`` (every 2.1 module) triggers nothing, ``from ansible.inventory import
    # Inventory`` / ``import ansible.compat.six`` / ``module_utils.ec2`` do
    TRIGGERS = frozenset(q.rpartition(".")[2] for q in (*NAME_MOVES, *MODULE_MOVES, *REVIEW_MODULES))
    EXAMPLES = (
        Example(
            "from ansible.inventory import Inventory\ninv = Inventory(loader=l, variable_manager=v, host_list='h')\n",
            "from ansible.inventory.manager import InventoryManager\n"
            "inv = InventoryManager(loader=l, variable_manager=v, host_list='h')\n",
        ),
        Example(
            "from ansible.inventory import Inventory as Inv\nx = Inv\n",
            "from ansible.inventory.manager import InventoryManager as Inv\nx = Inv\n",
        ),
        Example(
            "import ansible.inventory\nx = ansible.inventory.Inventory\n",
            "import ansible.inventory\nimport ansible.inventory.manager\n\nx = ansible.inventory.manager.InventoryManager\n",
        ),
        Example(
            "from ansible.vars import VariableManager\nfrom ansible.plugins import callback_loader, module_loader\n",
            "from ansible.vars.manager import VariableManager\nfrom ansible.plugins.loader import callback_loader, module_loader\n",
        ),
        Example(
            "from ansible.inventory import Inventory, Host\n",
            "from ansible.inventory.manager import InventoryManager\nfrom ansible.inventory.host import Host\n",
        ),
        Example(
            "from ansible.compat.six import iteritems, string_types\nfrom ansible.compat.six.moves import urllib\n",
            "from ansible.module_utils.six import iteritems, string_types\nfrom ansible.module_utils.six.moves import urllib\n",
        ),
        Example(
            "import ansible.compat.six\nx = ansible.compat.six.PY3\n",
            "import ansible.module_utils.six\nx = ansible.module_utils.six.PY3\n",
        ),
        Example(
            "from ansible.compat.tests import mock, unittest\nfrom ansible.compat.tests.mock import patch\n",
            "from unittest import mock\nimport unittest\nfrom unittest.mock import patch\n",
        ),
        Example(
            "from ansible.vars.unsafe_proxy import wrap_var\n",
            "from ansible.utils.unsafe_proxy import wrap_var\n",
            review=("AN001",),
        ),
        Example(
            "from ansible.module_utils.ec2 import ec2_argument_spec\n",
            "from ansible_collections.amazon.aws.plugins.module_utils.ec2 import ec2_argument_spec\n",
            review=("AN001",),
        ),
        Example("from ansible.module_utils.ios import get_module\n", review=("AN001",)),
        # a class of our own called Inventory is not Ansible's
        Example("class Inventory(object):\n    pass\n\ninv = Inventory()\n"),
        # the target decides: Inventory still exists in 2.3
        Example("from ansible.inventory import Inventory\n", ansible_target="2.3"),
        Example(
            "from ansible.compat.tests import mock\nfrom ansible.plugins import action_loader\n",
            "from ansible.compat.tests import mock\nfrom ansible.plugins.loader import action_loader\n",
            ansible_target="2.7",
        ),
    )

    # -- tables with the target applied --------------------------------------------------
    def _name_move(self, old: str) -> Optional[str]:
        row = NAME_MOVES.get(old)
        return row[0] if row and self.at_least(row[1]) else None

    def _module_move(self, module: str) -> Optional[tuple[str, Optional[str]]]:
        """(new module, review reason) for ``module`` or a submodule of a moved module."""
        for old, (new, version, reason) in MODULE_MOVES.items():
            if (module == old or module.startswith(old + ".")) and self.at_least(version):
                return new + module[len(old):], reason
        return None

    def _review_module(self, module: str) -> Optional[str]:
        for old, (version, reason) in REVIEW_MODULES.items():
            if (module == old or module.startswith(old + ".")) and self.at_least(version):
                return reason
        return None

    # -- import statements ---------------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> bool:
        return False  # names inside import statements are handled with the statement

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if not any(isinstance(s, (cst.Import, cst.ImportFrom)) for s in updated_node.body):
            return updated_node
        smalls: list[cst.BaseSmallStatement] = []
        changed = False
        for orig, small in zip(original_node.body, updated_node.body):
            result = None
            if isinstance(small, cst.ImportFrom):
                result = self._import_from(orig, small)
            elif isinstance(small, cst.Import):
                result = self._import(orig, small)
            if result is None:
                smalls.append(small)
            else:
                changed = True
                smalls.extend(result)
        if not changed:
            return updated_node
        self.changed(original_node)
        if len(smalls) == len(updated_node.body):
            return updated_node.with_changes(body=smalls)
        lines = []
        for i, small in enumerate(smalls):
            small = small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
            lines.append(updated_node.with_changes(body=[small], leading_lines=updated_node.leading_lines if i == 0 else ()))
        return cst.FlattenSentinel(lines)

    def _import(self, orig: cst.Import, node: cst.Import) -> Optional[list]:
        names = []
        changed = False
        for alias in node.names:
            spelled = dotted(alias.name)
            moved = self._module_move(spelled) if spelled else None
            if moved:
                changed = True
                names.append(alias.with_changes(name=_dotted_node(moved[0])))
                if moved[1]:
                    self.review(orig, moved[1])
            else:
                reason = self._review_module(spelled or "")
                if reason:
                    self.review(orig, reason)
                names.append(alias)
        return [node.with_changes(names=names)] if changed else None

    def _import_from(self, orig: cst.ImportFrom, node: cst.ImportFrom) -> Optional[list]:
        if node.relative or node.module is None:
            return None
        module = dotted(node.module)
        if module is None:
            return None
        moved = self._module_move(module)
        if isinstance(node.names, cst.ImportStar):
            if moved:
                if moved[1]:
                    self.review(orig, moved[1])
                return [node.with_changes(module=_dotted_node(moved[0]))]
            gone = sorted(q for q in NAME_MOVES if q.rpartition(".")[0] == module and self._name_move(q))
            if gone:
                self.review(orig, "A1-A3: star import from %s: %s moved; import them from their new modules"
                            % (module, ", ".join(q.rpartition(".")[2] for q in gone)))
            return None
        reason = self._review_module(module)
        if reason:
            self.review(orig, reason)
            return None
        groups: dict[tuple[str, bool], list[cst.ImportAlias]] = {}
        changed = False
        for alias in node.names:
            name = alias.name.value
            new_q = self._name_move(f"{module}.{name}")
            if new_q:
                changed = True
                parent, last = _split(new_q)
                if parent:
                    groups.setdefault((parent, True), []).append(alias.with_changes(name=cst.Name(last)))
                else:  # the name is now a top-level module: `import unittest`
                    groups.setdefault((last, False), []).append(alias.with_changes(name=cst.Name(last)))
            elif moved:
                changed = True
                groups.setdefault((moved[0], True), []).append(alias)
            else:
                groups.setdefault((module, True), []).append(alias)
        if not changed:
            return None
        if moved and moved[1]:
            self.review(orig, moved[1])
        out: list[cst.BaseSmallStatement] = []
        first = True
        for (target, is_from), aliases in groups.items():
            aliases = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in aliases]
            aliases[-1] = aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            if is_from:
                if first:
                    out.append(node.with_changes(module=_dotted_node(target), names=aliases))
                else:
                    out.append(cst.ImportFrom(module=_dotted_node(target), names=aliases))
            else:
                for a in aliases:
                    out.append(cst.Import(names=[a.with_changes(comma=cst.MaybeSentinel.DEFAULT)]))
            first = False
        return out

    # -- references ----------------------------------------------------------------------
    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        for q in sorted(self.qnames(original_node)):
            new_q = self._name_move(q)
            if new_q and q.rpartition(".")[2] == original_node.value:
                last = new_q.rpartition(".")[2]
                if last != original_node.value:
                    return updated_node.with_changes(value=last)
        return updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        spelled = dotted(original_node)
        if spelled is None:
            return updated_node
        for q in sorted(self.qnames(original_node)):
            if q in MODULE_MOVES:
                moved = self._module_move(q)
                if moved:
                    if spelled != q:
                        self.add_import(moved[0])
                    self.changed(original_node)
                    return _dotted_node(moved[0])
            new_q = self._name_move(q)
            if new_q:
                parent, _ = _split(new_q)
                if parent:
                    self.add_import(parent)
                self.changed(original_node)
                return _dotted_node(new_q)
        return updated_node
