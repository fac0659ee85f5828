"""``--ansible-target`` decides which Ansible rewrites apply: a team can stop at an
intermediate release. Checked on the section K script of the reference (K.1), migrated
with ALL codemods through the same entry point the command line uses."""
from __future__ import annotations

import os

import pytest

from codemods.registry import all_codemods
from migrator.config import Settings
from migrator.engine import fix_text, selected_codemods

HERE = os.path.dirname(os.path.abspath(__file__))


def _k1() -> str:
    with open(os.path.join(HERE, "section_k", "run_21.py"), encoding="utf-8") as fh:
        return fh.read()


def _migrate(target: str | None) -> str:
    return fix_text(_k1(), "run_21.py", Settings(cache_dir="", ansible_target=target)).text


def test_every_ansible_codemod_declares_where_it_applies():
    from packaging.version import Version

    ansible = [c for c in all_codemods() if c.ID.startswith("AN")]
    assert len(ansible) >= 20
    for cls in ansible:
        assert cls.BREAKS_IN, cls.ID
        Version(cls.BREAKS_IN)  # a real version
        assert cls.TRIGGERS, cls.ID


def test_selection_follows_the_target():
    early = {c.ID for c in selected_codemods(Settings(cache_dir="", ansible_target="2.3"))}
    late = {c.ID for c in selected_codemods(Settings(cache_dir="", ansible_target="2.19"))}
    assert "AN010" not in early and "AN010" in late  # Inventory still exists in 2.3
    assert "AN012" not in early and "AN012" in late  # Options → CLIARGS is a 2.8 change
    assert {c.ID for c in all_codemods() if c.ID.startswith("AN")} <= late


@pytest.mark.parametrize("target,present,absent", [
    # 2.3: nothing of the 2.4 reorganisation yet; only what broke by then (ansible.utils.boolean …)
    ("2.3", ["from ansible.inventory import Inventory", "options=options", "set_inventory",
             "from ansible.utils.unicode import to_unicode"], ["InventoryManager", "CLIARGS"]),
    # 2.7: inventory/vars moved, the loaders moved, but options and the extra_vars setter still exist
    ("2.7", ["InventoryManager(loader=loader, sources='localhost,')", "options=options",
             "variable_manager.extra_vars = {", "from ansible.module_utils._text import to_text"],
            ["CLIARGS", "init_plugin_loader", "set_inventory"]),
    # 2.14: CLIARGS, no init_plugin_loader yet, the underscore TaskResult attributes
    ("2.14", ["context.CLIARGS = ImmutableDict(", "result._host", "playbook_on_stats(self, stats)"],
             ["init_plugin_loader", "options=options", "result.host"]),
    # 2.19: everything
    ("2.19", ["init_plugin_loader()", "result.host", "v2_playbook_on_stats", "_callback_plugins[0]"],
             ["result._host", "_stdout_callback"]),
])
def test_k1_migrated_for_a_target(target, present, absent):
    text = _migrate(target)
    for snippet in present:
        assert snippet in text, f"{target}: expected {snippet!r}\n{text}"
    for snippet in absent:
        assert snippet not in text, f"{target}: did not expect {snippet!r}\n{text}"
