"""``AnsibleModule(..., check_invalid_arguments=...)`` → the keyword removed (map row E3).

What it does
    Drops the ``check_invalid_arguments`` keyword from ``AnsibleModule(...)`` (matched by
    qualified name, including the free name a module gets from the 2.1 star import).
    A value other than ``True`` is flagged.

Why
    The keyword was deprecated in 2.9 and removed in 2.10 (``TypeError: unexpected keyword
    argument``); unknown arguments are always an error now.

When it is unsafe
    ``check_invalid_arguments=False`` let a module accept arguments it did not declare;
    such a module must declare them (or take ``free_form``) by hand.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, drop_args, find_arg, walk
from codemods.base import Example
from codemods.names import dotted

MODULE = {"ansible.module_utils.basic.AnsibleModule"}


class AnsibleModuleKeywords(AnsibleCodemod):
    ID = "AN032"
    NAME = "ansible-module-keywords"
    DESCRIPTION = "AnsibleModule(check_invalid_arguments=...) → keyword dropped (removed in 2.10)"
    BREAKS_IN = "2.10"
    TRIGGERS = frozenset({"check_invalid_arguments"})
    EXAMPLES = (
        Example(
            """
            from ansible.module_utils.basic import AnsibleModule
            module = AnsibleModule(argument_spec=spec, check_invalid_arguments=True, supports_check_mode=True)
            """,
            """
            from ansible.module_utils.basic import AnsibleModule
            module = AnsibleModule(argument_spec=spec, supports_check_mode=True)
            """,
        ),
        Example(
            """
            def main():
                module = AnsibleModule(argument_spec={}, check_invalid_arguments=False)
            from ansible.module_utils.basic import *
            main()
            """,
            """
            def main():
                module = AnsibleModule(argument_spec={})
            from ansible.module_utils.basic import *
            main()
            """,
            review=("AN032",),
        ),
        Example("def AnsibleModule(**kw):\n    return kw\n\nAnsibleModule(check_invalid_arguments=False)\n"),
    )

    def analyze(self, module: cst.Module) -> None:
        self.star = []
        walk(module, lambda n: self.star.append(n) if isinstance(n, cst.ImportFrom) and isinstance(
            n.names, cst.ImportStar) and dotted(n.module) == "ansible.module_utils.basic" else None)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        func = original_node.func
        if not (self.callee(original_node, MODULE) or (
                self.star and isinstance(func, cst.Name) and func.value == "AnsibleModule" and not self.qnames(func))):
            return updated_node
        arg = find_arg(original_node, "check_invalid_arguments")
        if arg is None:
            return updated_node
        if not (isinstance(arg.value, cst.Name) and arg.value.value == "True"):
            self.review(arg, "E3: check_invalid_arguments=False no longer exists: declare every argument the module "
                             "accepts in argument_spec")
        self.changed(original_node)
        return drop_args(updated_node, [updated_node.args[list(original_node.args).index(arg)]])
