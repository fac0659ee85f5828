"""``PlaybookCLI(argv).parse()`` + ``.run()`` and ``cli.options`` (map row B18).

What it does
    For objects built from an ``ansible.cli`` class (``PlaybookCLI``, ``AdHocCLI`` …):
    a ``cli.parse()`` statement right before the statement that calls ``cli.run()`` is
    removed (``run()`` parses since 2.8); ``cli.options.forks`` → ``context.CLIARGS['forks']``
    and a bare ``cli.options`` → ``context.CLIARGS``. The removed CLI helpers
    (``read_vault_password_file``, ``ask_vault_passwords``, ``base_parser``) are flagged.

Why
    2.8 moved the parsed options into the global ``context.CLIARGS`` and made ``run()``
    call ``parse()``.

When it is unsafe
    In 2.19 a second CLI run in the same process raises ``RuntimeError: The
    VaultSecretsContext context is already initialized`` (2.1 allowed it), and
    ``CLIARGS`` is process-wide: a CLI built inside a function (a service handling
    requests) is flagged — run each invocation in a subprocess
    (``subprocess.run(['ansible-playbook', ...])``).
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, expr, walk
from codemods.base import Example
from codemods.names import dotted

GONE = {"read_vault_password_file", "ask_vault_passwords", "base_parser"}


def _calls_method(node: cst.CSTNode, receiver: str, method: str) -> bool:
    found = []

    def fn(n: cst.CSTNode) -> None:
        if (isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == method
                and dotted(n.func.value) == receiver):
            found.append(n)

    walk(node, fn)
    return bool(found)


class PlaybookCliRun(AnsibleCodemod):
    ID = "AN015"
    NAME = "ansible-cli-run"
    DESCRIPTION = "PlaybookCLI: drop parse() before run(), cli.options → context.CLIARGS"
    BREAKS_IN = "2.4"
    TRIGGERS = frozenset({"PlaybookCLI", "AdHocCLI", "CLI", "cli"})
    EXAMPLES = (
        Example(
            """
            import sys
            from ansible.cli.playbook import PlaybookCLI
            cli = PlaybookCLI(['ansible-playbook', '-i', 'localhost,', 'site.yml'])
            cli.parse()
            print(cli.options.forks)
            rc = cli.run()
            """,
            """
            import sys
            from ansible.cli.playbook import PlaybookCLI
            from ansible import context

            cli = PlaybookCLI(['ansible-playbook', '-i', 'localhost,', 'site.yml'])
            cli.parse()
            print(context.CLIARGS['forks'])
            rc = cli.run()
            """,
        ),
        Example(
            """
            from ansible.cli.playbook import PlaybookCLI

            def deploy(args):
                cli = PlaybookCLI(['ansible-playbook'] + args)
                cli.parse()
                return cli.run()
            """,
            """
            from ansible.cli.playbook import PlaybookCLI

            def deploy(args):
                cli = PlaybookCLI(['ansible-playbook'] + args)
                return cli.run()
            """,
            review=("AN015",),
        ),
        Example(
            """
            from ansible.cli import CLI
            pw = CLI.read_vault_password_file('/etc/vault.txt', loader)
            """,
            review=("AN015",),
        ),
        Example("class PlaybookCLI(object):\n    pass\n\ncli = PlaybookCLI()\ncli.parse()\ncli.run()\n"),
    )

    def _is_cli_class(self, node: cst.CSTNode) -> bool:
        return any(q.startswith("ansible.cli") and q.endswith("CLI") for q in self.qnames(node))

    def analyze(self, module: cst.Module) -> None:
        self.clis: set[str] = set()
        self.depth = 0

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call) and self._is_cli_class(node.value.func):
                for t in node.targets:
                    spelled = dotted(t.target)
                    if spelled:
                        self.clis.add(spelled)

        walk(module, fn)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def leave_FunctionDef(self, original_node, updated_node):
        self.depth -= 1
        return updated_node

    def visit_Call(self, node: cst.Call) -> None:
        if self._is_cli_class(node.func) and self.depth > 0 and self.at_least("2.19"):
            self.review(node, "B18: in ansible-core 2.19 a second CLI run in the same process raises RuntimeError "
                              "(VaultSecretsContext already initialized) and CLIARGS is process-wide: run each "
                              "invocation in a subprocess (subprocess.run(['ansible-playbook', ...]))")
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in GONE and self._is_cli_class(func.value):
            self.review(node, f"B18: CLI.{func.attr.value} was removed in 2.4/2.8: use CLI.setup_vault_secrets(loader, "
                              "vault_ids, vault_password_files=...) / argparse")

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if not self.at_least("2.8"):
            return updated_node
        inner = original_node.value
        if (isinstance(inner, cst.Attribute) and inner.attr.value == "options" and dotted(inner.value) in self.clis):
            self.changed(original_node)
            self.add_import("ansible", "context")
            return expr(f"context.CLIARGS[{original_node.attr.value!r}]")
        return updated_node

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if node.attr.value == "options" and dotted(node.value) in self.clis and self.at_least("2.8"):
            return False
        return True

    def leave_Module(self, original_node, updated_node):
        return updated_node.with_changes(body=self._block(original_node.body, updated_node.body))

    def leave_IndentedBlock(self, original_node, updated_node):
        return updated_node.with_changes(body=self._block(original_node.body, updated_node.body))

    def _block(self, orig, body) -> list:
        out = list(body)
        same = len(orig) == len(body)
        if not self.at_least("2.8"):
            return out
        for i in range(len(out) - 1, -1, -1):
            s = out[i]
            if not (isinstance(s, cst.SimpleStatementLine) and len(s.body) == 1 and isinstance(s.body[0], cst.Expr)):
                continue
            call = s.body[0].value
            if not (isinstance(call, cst.Call) and not call.args and isinstance(call.func, cst.Attribute)
                    and call.func.attr.value == "parse"):
                continue
            receiver = dotted(call.func.value)
            if receiver in self.clis and i + 1 < len(out) and _calls_method(out[i + 1], receiver, "run"):
                self.changed(orig[i] if same else s)
                nxt = out[i + 1]
                out[i + 1] = nxt.with_changes(leading_lines=list(s.leading_lines) + list(nxt.leading_lines))
                del out[i]
        return out
