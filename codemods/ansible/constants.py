"""Renamed and removed ``ansible.constants`` names (map rows G1–G14).

What it does
    Renames, by qualified name (``C.X`` after any ``import ansible.constants as C``,
    ``from ansible import constants``, ``from ansible.constants import X``)::

        DEFAULT_CALLBACK_WHITELIST → CALLBACKS_ENABLED          (G1, 2.11)
        ANSIBLE_COW_WHITELIST / DEFAULT_COW_WHITELIST → ANSIBLE_COW_ACCEPTLIST (G2)
        BLACKLIST_EXTS → REJECT_EXTS                             (G3, 2.11)
        DEFAULT_INVENTORY_IGNORE → INVENTORY_IGNORE_EXTS          (G4, 2.4)
        DEFAULT_SUDO_USER/EXE/FLAGS/PASS, DEFAULT_ASK_SUDO_PASS → DEFAULT_BECOME_…  (G6, flagged)

    and flags, with the map's reason, every use of a constant that was removed without a
    mechanical replacement (G5, G6 ``su``, G7–G12), and assignments to ``C.X`` (G14:
    plugins read their options, not the constant). ``C.mk_boolean`` is AN004's.

Why
    The constants moved to ``config/base.yml`` in 2.4 and several were renamed in 2.11;
    the old names raise ``AttributeError`` (``ansible.constants`` has no module
    ``__getattr__`` for them).

When it is unsafe
    The ``BECOME`` values apply to every become method, not only sudo: flagged. Values
    changed type too (G13: ``DEFAULT_HOST_LIST`` and ``DEFAULT_MODULE_PATH`` are lists,
    ``LOCALHOST`` is a tuple, every value is a tagged subclass in 2.19).
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod
from codemods.base import Example
from codemods.names import dotted

C = "ansible.constants"
# name -> (new name, release, review reason or None)
RENAMES = {
    "DEFAULT_CALLBACK_WHITELIST": ("CALLBACKS_ENABLED", "2.11", None),
    "ANSIBLE_COW_WHITELIST": ("ANSIBLE_COW_ACCEPTLIST", "2.11", None),
    "DEFAULT_COW_WHITELIST": ("ANSIBLE_COW_ACCEPTLIST", "2.4", None),
    "BLACKLIST_EXTS": ("REJECT_EXTS", "2.11", None),
    "DEFAULT_INVENTORY_IGNORE": ("INVENTORY_IGNORE_EXTS", "2.4", None),
    **{f"DEFAULT_SUDO_{s}": (f"DEFAULT_BECOME_{s}", "2.8",
                             "G6: the become setting applies to every become method, not only sudo")
       for s in ("EXE", "FLAGS", "USER")},
    "DEFAULT_SUDO_PASS": ("DEFAULT_BECOME_PASS", "2.9", "G6: the become setting applies to every become method"),
    "DEFAULT_ASK_SUDO_PASS": ("DEFAULT_BECOME_ASK_PASS", "2.9", "G6: the become setting applies to every become method"),
}
GONE = {
    "DEFAULT_CALLABLE_WHITELIST": ("2.11", "G5: removed (no replacement since 2.13)"),
    "DEFAULT_SUDO": ("2.8", "G6: use C.DEFAULT_BECOME with C.DEFAULT_BECOME_METHOD == 'sudo'"),
    **{n: ("2.9", "G6: su settings are become settings now (C.DEFAULT_BECOME_* with become_method 'su')")
       for n in ("DEFAULT_SU", "DEFAULT_SU_EXE", "DEFAULT_SU_FLAGS", "DEFAULT_SU_USER", "DEFAULT_SU_PASS",
                 "DEFAULT_ASK_SU_PASS")},
    "BECOME_METHODS": ("2.11", "G7: become methods are become plugins (become_loader)"),
    "BECOME_ERROR_STRINGS": ("2.8", "G7: handled by the become plugins"),
    "BECOME_MISSING_STRINGS": ("2.8", "G7: handled by the become plugins"),
    **{n: ("2.11", "G8: an ssh connection plugin option now: C.config.get_config_value(..., plugin_type='connection', "
                   "plugin_name='ssh') after loading the plugin, or the ansible_ssh_* variables")
       for n in ("ANSIBLE_SSH_ARGS", "ANSIBLE_SSH_CONTROL_PATH", "ANSIBLE_SSH_RETRIES", "DEFAULT_SCP_IF_SSH",
                 "DEFAULT_SFTP_BATCH_MODE")},
    "ANSIBLE_SSH_PIPELINING": ("2.5", "G8: use C.ANSIBLE_PIPELINING"),
    **{n: ("2.5", "G8: a paramiko connection plugin option now") for n in
       ("PARAMIKO_PTY", "PARAMIKO_RECORD_HOST_KEYS", "PARAMIKO_PROXY_COMMAND")},
    "DEFAULT_REMOTE_TMP": ("2.5", "G9: the shell plugin option remote_tmp (variable ansible_remote_tmp)"),
    "ALLOW_WORLD_READABLE_TMPFILES": ("2.14", "G9: the shell plugin option world_readable_temp"),
    "COMMAND_WARNINGS": ("2.14", "G10: removed"),
    "DEFAULT_SQUASH_ACTIONS": ("2.11", "G10: removed"),
    "DEFAULT_TASK_INCLUDES_STATIC": ("2.12", "G10: removed: use import_* / include_*"),
    "DEFAULT_HANDLER_INCLUDES_STATIC": ("2.12", "G10: removed: use import_* / include_*"),
    "DEFAULT_GATHER_SUBSET": ("2.18", "G10: removed: use module_defaults for setup"),
    "DEFAULT_MODULE_LANG": ("2.9", "G10: removed"),
    "DEFAULT_MODULE_SET_LOCALE": ("2.9", "G10: removed"),
    "ZEROMQ_PORT": ("2.3", "G11: removed: delete the usage"),
    **{n: ("2.4", "G11: removed: delete the usage") for n in
       ("DEFAULT_PATTERN", "DEPRECATED_HOST_LIST", "DEFAULT_VAR_COMPRESSION_LEVEL", "GALAXY_SCMS")},
    "get_config": ("2.11", "G12: use C.config.get_config_value('NAME', plugin_type=..., plugin_name=...)"),
    **{n: ("2.4", "G12: removed: use C.config") for n in ("load_config_file", "shell_expand", "DEFAULTS", "p")},
}


class Constants(AnsibleCodemod):
    ID = "AN050"
    NAME = "ansible-constants"
    DESCRIPTION = "renamed ansible.constants names; removed ones and runtime assignments flagged"
    BREAKS_IN = "2.3"
    TRIGGERS = frozenset({"constants", "C"} | set(RENAMES) | set(GONE))
    EXAMPLES = (
        Example(
            """
            import ansible.constants as C
            enabled = C.DEFAULT_CALLBACK_WHITELIST or []
            skip = C.DEFAULT_INVENTORY_IGNORE + C.BLACKLIST_EXTS
            """,
            """
            import ansible.constants as C
            enabled = C.CALLBACKS_ENABLED or []
            skip = C.INVENTORY_IGNORE_EXTS + C.REJECT_EXTS
            """,
        ),
        Example(
            """
            from ansible.constants import DEFAULT_SUDO_USER
            user = DEFAULT_SUDO_USER
            """,
            """
            from ansible.constants import DEFAULT_BECOME_USER
            user = DEFAULT_BECOME_USER
            """,
            review=("AN050",),
        ),
        Example(
            """
            from ansible import constants as C
            C.HOST_KEY_CHECKING = False
            args = C.ANSIBLE_SSH_ARGS
            """,
            review=("AN050", "AN050"),
        ),
        Example("class C(object):\n    BLACKLIST_EXTS = ()\n\nx = C.BLACKLIST_EXTS\n"),
        Example("import ansible.constants as C\nx = C.BLACKLIST_EXTS\n", ansible_target="2.10"),
    )

    def _name(self, node: cst.CSTNode):
        for q in sorted(self.qnames(node)):
            parent, _, name = q.rpartition(".")
            if parent == C:
                return name
        return None

    def _rename(self, original: cst.CSTNode, name: str):
        row = RENAMES.get(name)
        if row and self.at_least(row[1]):
            if row[2]:
                self.review(original, row[2])
            self.changed(original)
            return row[0]
        gone = GONE.get(name)
        if gone and self.at_least(gone[0]):
            self.review(original, gone[1])
        return None

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        if original_node.relative or dotted(original_node.module) != C or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        names = []
        for alias in updated_node.names:
            row = RENAMES.get(alias.name.value)
            if row and self.at_least(row[1]):
                alias = alias.with_changes(name=cst.Name(row[0]))
            names.append(alias)
        return updated_node.with_changes(names=names)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        name = self._name(original_node)
        if name is None or name != original_node.attr.value:
            return updated_node
        new = self._rename(original_node, name)
        return updated_node.with_changes(attr=cst.Name(new)) if new else updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name):
        name = self._name(original_node)
        if name is None or name != original_node.value:
            return updated_node
        new = self._rename(original_node, name)
        return updated_node.with_changes(value=new) if new else updated_node

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        target = node.target
        if isinstance(target, cst.Attribute) and self.refers(target.value, {C}) and self.at_least("2.11"):
            self.review(node, "G14: assigning ansible.constants at run time has no effect on plugins that read "
                              "their options (ssh since 2.11): set ANSIBLE_* environment variables before importing "
                              "ansible, use ansible.cfg or inventory variables")
