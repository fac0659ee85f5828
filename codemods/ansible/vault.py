"""Vault passwords → vault secrets (map rows B1, F7).

What it does
    ``loader.set_vault_password(pw)`` (a statement) becomes::

        vault_secrets = [('default', VaultSecret(to_bytes(pw)))]
        loader.set_vault_secrets(vault_secrets)
        if VaultSecretsContext.current(optional=True) is None:
            VaultSecretsContext.initialize(VaultSecretsContext(vault_secrets))

    (the last two lines only for a 2.19+ target), and ``VaultLib(pw)`` /
    ``VaultLib(password=pw)`` becomes ``VaultLib(secrets=[('default', VaultSecret(to_bytes(pw)))])``.

Why
    2.4 replaced the single vault password by a list of (vault id, secret) pairs:
    ``set_vault_password`` and ``VaultLib(password)`` are gone. Since 2.19 inline
    ``!vault`` values are decrypted through a process-wide ``VaultSecretsContext``
    (``ReferenceError: A required VaultSecretsContext context is not active`` without it);
    it can be initialised only once per process, hence the guard.

When it is unsafe
    A process that uses several different vault passwords one after the other keeps
    the first one in the ``VaultSecretsContext`` (whole-file vaults still use the
    loader's secrets); ``VaultEditor(password)`` is flagged.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, code_of, expr, find_arg, stmt, walk
from codemods.base import Example

VAULT_LIB = {"ansible.parsing.vault.VaultLib"}
VAULT_EDITOR = {"ansible.parsing.vault.VaultEditor"}


class VaultSecrets(AnsibleCodemod):
    ID = "AN017"
    NAME = "ansible-vault-secrets"
    DESCRIPTION = "set_vault_password(pw) / VaultLib(pw) → vault secrets (+ VaultSecretsContext on 2.19)"
    BREAKS_IN = "2.4"
    TRIGGERS = frozenset({"set_vault_password", "VaultLib", "VaultEditor"})
    EXAMPLES = (
        Example(
            """
            from ansible.parsing.dataloader import DataLoader
            loader = DataLoader()
            loader.set_vault_password(os.environ['VAULT_PASS'])
            """,
            """
            from ansible.parsing.dataloader import DataLoader
            from ansible.module_utils.common.text.converters import to_bytes
            from ansible.parsing.vault import VaultSecret, VaultSecretsContext

            loader = DataLoader()
            vault_secrets = [('default', VaultSecret(to_bytes(os.environ['VAULT_PASS'])))]
            loader.set_vault_secrets(vault_secrets)
            if VaultSecretsContext.current(optional=True) is None:
                VaultSecretsContext.initialize(VaultSecretsContext(vault_secrets))
            """,
        ),
        Example(
            """
            from ansible.parsing.vault import VaultLib
            plain = VaultLib(password).decrypt(data)
            """,
            """
            from ansible.parsing.vault import VaultSecret, VaultLib
            from ansible.module_utils.common.text.converters import to_bytes

            plain = VaultLib(secrets=[('default', VaultSecret(to_bytes(password)))]).decrypt(data)
            """,
        ),
        Example(
            """
            loader.set_vault_password(pw)
            """,
            """
            from ansible.module_utils._text import to_bytes
            from ansible.parsing.vault import VaultSecret

            vault_secrets = [('default', VaultSecret(to_bytes(pw)))]
            loader.set_vault_secrets(vault_secrets)
            """,
            ansible_target="2.5",
        ),
        Example("class VaultLib(object):\n    pass\n\nVaultLib('pw')\n"),
    )

    def analyze(self, module: cst.Module) -> None:
        self.taken: set[str] = set()
        walk(module, lambda n: self.taken.add(n.value) if isinstance(n, cst.Name) else None)

    def _secret(self, pw: cst.BaseExpression) -> cst.BaseExpression:
        converters = "ansible.module_utils.common.text.converters" if self.at_least("2.8") else "ansible.module_utils._text"
        self.add_import(converters, "to_bytes")
        self.add_import("ansible.parsing.vault", "VaultSecret")
        return expr(f"[('default', VaultSecret(to_bytes({code_of(pw)})))]")

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if self.callee(original_node, VAULT_EDITOR):
            self.review(original_node, "F7: VaultEditor takes vault secrets since 2.4: VaultEditor(VaultLib(secrets=...))")
            return updated_node
        if not self.callee(original_node, VAULT_LIB):
            return updated_node
        arg = find_arg(original_node, "password", 0)
        if arg is None or find_arg(original_node, "secrets") is not None:
            return updated_node
        value = updated_node.args[list(original_node.args).index(arg)].value
        self.changed(original_node)
        new = cst.Arg(keyword=cst.Name("secrets"), value=self._secret(value),
                      equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                            whitespace_after=cst.SimpleWhitespace("")))
        return updated_node.with_changes(args=[new])

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if len(original_node.body) != 1 or len(updated_node.body) != 1 or not isinstance(original_node.body[0], cst.Expr):
            return updated_node
        call = updated_node.body[0].value
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == "set_vault_password" and len(call.args) == 1):
            return updated_node
        name = "vault_secrets"
        while name in self.taken:
            name += "_"
        loader = code_of(call.func.value)
        lines = [
            updated_node.with_changes(body=[cst.Assign([cst.AssignTarget(cst.Name(name))],
                                                       self._secret(call.args[0].value))]),
            stmt(f"{loader}.set_vault_secrets({name})\n"),
        ]
        if self.at_least("2.19"):
            self.add_import("ansible.parsing.vault", "VaultSecretsContext")
            lines.append(stmt(f"if VaultSecretsContext.current(optional=True) is None:\n"
                              f"    VaultSecretsContext.initialize(VaultSecretsContext({name}))\n"))
        self.changed(original_node)
        return cst.FlattenSentinel(lines)
