"""Custom modules: the bottom ``from ansible.module_utils.basic import *`` → explicit imports and a main guard (map rows E1, E4).

What it does
    In a module that star-imports ``ansible.module_utils.basic`` (the 2.1 boilerplate at
    the bottom of the file), every name the module uses without defining it and that the
    2.1 star import provided gets an explicit import at the top (``AnsibleModule`` and the
    other helpers from ``basic``; ``os``, ``json``, ``re`` … as plain imports;
    ``literal_eval`` from ``ast``; ``iteritems`` from ``six``), ``pipes.quote`` becomes
    ``shlex.quote``, the constants that are gone get their 2.1 values, the star import is
    removed, and the final ``main()`` runs under ``if __name__ == '__main__':``.

Why
    The star import still works in 2.19 but no longer brings ``get_exception``,
    ``pipes``, ``datetime``, ``types``, ``chain``, ``repeat``, ``iteritems``,
    ``literal_eval``, ``return_values``, ``EXEC_PERM_BITS`` or ``NUMBERTYPES``: the 2.1 module
    fails with ``NameError: name 'pipes' is not defined``. ``pipes`` itself is gone from
    Python 3.13.

When it is unsafe
    Names used only through ``eval``/``globals()`` are not seen. ``get_exception`` is
    left to the get_exception codemod (AN031); ``return_values`` has no replacement and
    is flagged. Names the module defines itself win over the star import, as in 2.1.
"""
from __future__ import annotations

import libcst as cst
from libcst.metadata import QualifiedNameProvider

from codemods.ansible._api import AnsibleCodemod, stmt, walk
from codemods.base import Example
from codemods.names import dotted

BASIC = "ansible.module_utils.basic"
STDLIB = set("datetime errno grp hashlib json locale os platform pwd re select shlex shutil stat subprocess sys "
             "syslog tempfile time traceback types".split())
FROM_BASIC = set("AVAILABLE_HASH_ALGORITHMS AnsibleFallbackNotFound AnsibleModule BOOLEANS BOOLEANS_FALSE BOOLEANS_TRUE "
                 "DEFAULT_PERM FILE_COMMON_ARGUMENTS HAS_SYSLOG HAVE_SELINUX PASSWD_ARG_RE PERM_BITS env_fallback "
                 "get_all_subclasses get_distribution get_distribution_version get_module_path get_platform has_journal "
                 "heuristic_log_sanitize is_executable json_dict_bytes_to_unicode json_dict_unicode_to_bytes "
                 "load_platform_subclass remove_values".split())
FROM_OTHER = {"Mapping": "collections.abc", "Sequence": "collections.abc", "chain": "itertools",
              "repeat": "itertools", "literal_eval": "ast", "iteritems": "ansible.module_utils.six"}
VALUES = {"NUMBERTYPES": "(int, float)", "EXEC_PERM_BITS": "0o111", "NoneType": "type(None)", "imap": "map"}
STAR_21 = STDLIB | FROM_BASIC | set(FROM_OTHER) | set(VALUES) | {"pipes", "get_exception", "return_values"}


def _is_star_basic(node: cst.CSTNode) -> bool:
    return (isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1
            and isinstance(node.body[0], cst.ImportFrom) and isinstance(node.body[0].names, cst.ImportStar)
            and not node.body[0].relative and dotted(node.body[0].module) == BASIC)


def _is_main_call(node: cst.CSTNode) -> bool:
    return (isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1 and isinstance(node.body[0], cst.Expr)
            and isinstance(node.body[0].value, cst.Call) and isinstance(node.body[0].value.func, cst.Name))


class ModuleStarImport(AnsibleCodemod):
    ID = "AN030"
    NAME = "ansible-module-star-import"
    DESCRIPTION = "module boilerplate: bottom 'from ansible.module_utils.basic import *' → explicit imports + main guard"
    BREAKS_IN = "2.19"
    METADATA_DEPENDENCIES = (QualifiedNameProvider,)
    TRIGGERS = frozenset({"module_utils"})
    EXAMPLES = (
        Example(
            """
            #!/usr/bin/python
            DOCUMENTATION = '''
            module: greet
            '''
            import hashlib

            def main():
                module = AnsibleModule(argument_spec=dict(name=dict(required=True)))
                cmd = 'echo %s' % pipes.quote(module.params['name'])
                rc, out, err = module.run_command(cmd)
                module.exit_json(changed=False, out=out, digest=hashlib.sha1(out).hexdigest(), cwd=os.getcwd())

            # import module snippets
            from ansible.module_utils.basic import *
            main()
            """,
            """
            #!/usr/bin/python
            import os
            import shlex
            from ansible.module_utils.basic import AnsibleModule

            DOCUMENTATION = '''
            module: greet
            '''
            import hashlib

            def main():
                module = AnsibleModule(argument_spec=dict(name=dict(required=True)))
                cmd = 'echo %s' % shlex.quote(module.params['name'])
                rc, out, err = module.run_command(cmd)
                module.exit_json(changed=False, out=out, digest=hashlib.sha1(out).hexdigest(), cwd=os.getcwd())

            # import module snippets
            if __name__ == '__main__':
                main()
            """,
        ),
        Example(
            """
            def main():
                m = AnsibleModule(argument_spec={})
                if isinstance(m.params.get('x'), NUMBERTYPES):
                    m.exit_json(data=literal_eval('[1]'))
            from ansible.module_utils.basic import *
            if __name__ == '__main__':
                main()
            """,
            """
            from ansible.module_utils.basic import AnsibleModule
            from ast import literal_eval

            def main():
                m = AnsibleModule(argument_spec={})
                if isinstance(m.params.get('x'), (int, float)):
                    m.exit_json(data=literal_eval('[1]'))
            if __name__ == '__main__':
                main()
            """,
        ),
        Example(
            """
            from ansible.module_utils.basic import AnsibleModule
            AnsibleModule(argument_spec={}).exit_json()
            """
        ),
        Example(
            """
            def main():
                AnsibleModule(argument_spec={}).exit_json()
            from ansible.module_utils.basic import *
            main()
            """,
            ansible_target="2.18",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self.star = any(_is_star_basic(s) for s in module.body)
        self.free: dict[str, list[cst.Name]] = {}
        self.pipes_other = False
        if not self.star:
            return
        skip: set[int] = set()

        def mark(node: cst.CSTNode) -> None:
            if isinstance(node, cst.Attribute):
                skip.add(id(node.attr))
            elif isinstance(node, cst.Arg) and node.keyword is not None:
                skip.add(id(node.keyword))
            elif isinstance(node, (cst.Import, cst.ImportFrom)):
                walk(node, lambda n: skip.add(id(n)))
            elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                skip.add(id(node.name))
            elif isinstance(node, cst.Param):
                skip.add(id(node.name))

        walk(module, mark)

        def collect(node: cst.CSTNode) -> None:
            if isinstance(node, cst.Name) and id(node) not in skip and node.value in STAR_21 and not self.qnames(node):
                self.free.setdefault(node.value, []).append(node)

        walk(module, collect)
        if "pipes" in self.free:
            uses = []

            def pipes_use(node: cst.CSTNode) -> None:
                if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == "pipes":
                    uses.append(node.attr.value)

            walk(module, pipes_use)
            self.pipes_other = len(uses) != len(self.free["pipes"]) or any(u != "quote" for u in uses)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module):
        if not self.star:
            return updated_node
        for name in sorted(self.free):
            if name in STDLIB:
                self.add_import(name)
            elif name in FROM_BASIC:
                self.add_import(BASIC, name)
            elif name in FROM_OTHER:
                self.add_import(FROM_OTHER[name], name)
            elif name == "pipes":
                self.add_import("pipes" if self.pipes_other else "shlex")
                if self.pipes_other:
                    self.review(self.free[name][0], "E4: the pipes module is gone from Python 3.13: use shlex.quote")
            elif name == "get_exception" and not self.at_least("2.19"):
                self.add_import(BASIC, name)
            elif name == "return_values":
                self.review(self.free[name][0], "E1: return_values is gone from module_utils.basic: no replacement")
        body = []
        for i, s in enumerate(updated_node.body):
            if _is_star_basic(s):
                self.changed(original_node.body[i] if len(original_node.body) == len(updated_node.body) else s)
                if s.leading_lines and i + 1 < len(updated_node.body):
                    # keep the comment above the star import for the statement after it
                    nxt = updated_node.body[i + 1]
                    updated_node = updated_node.with_changes(body=[
                        *updated_node.body[: i + 1],
                        nxt.with_changes(leading_lines=[*s.leading_lines, *nxt.leading_lines]),
                        *updated_node.body[i + 2:],
                    ])
                continue
            body.append(updated_node.body[i])
        if body and _is_main_call(body[-1]):
            last = body[-1]
            guard = stmt("if __name__ == '__main__':\n    pass\n")
            body[-1] = guard.with_changes(
                body=guard.body.with_changes(body=[last.with_changes(leading_lines=())]),
                leading_lines=last.leading_lines)
        return updated_node.with_changes(body=body)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name):
        if self.star and original_node.value in VALUES and original_node in self.free.get(original_node.value, ()):
            self.changed(original_node)
            return cst.parse_expression(VALUES[original_node.value])
        return updated_node

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute):
        if (self.star and not self.pipes_other and isinstance(original_node.value, cst.Name)
                and original_node.value.value == "pipes" and original_node.value in self.free.get("pipes", ())):
            self.changed(original_node)
            return updated_node.with_changes(value=cst.Name("shlex"))
        return updated_node
