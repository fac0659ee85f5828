"""``ansible.utils.boolean.boolean`` and ``C.mk_boolean`` → ``convert_bool.boolean(v, strict=False)`` (map rows A8, G12).

What it does
    ``from ansible.utils.boolean import boolean`` becomes
    ``from ansible.module_utils.parsing.convert_bool import boolean``; every call of it, and
    every ``C.mk_boolean(v)`` (``ansible.constants.mk_boolean``), becomes
    ``boolean(v, strict=False)`` unless the call already says ``strict=``.

Why
    ``ansible/utils/boolean.py`` is gone since 2.3 and ``C.mk_boolean`` since 2.11. The 2.1
    functions never raised: anything not in the true list was False. The replacement
    defaults to ``strict=True`` and raises ``TypeError`` on unknown strings.

When it is unsafe
    ``'on'`` was False in 2.1 (its true list was true/t/y/1/yes) and is True now; other
    values give what 2.1 gave. With a target of 2.3 (before ``convert_bool`` existed)
    the import becomes ``from ansible.constants import mk_boolean as boolean``.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, add_args, expr, find_arg, kwarg
from codemods.base import Example
from codemods.names import dotted

OLD = "ansible.utils.boolean"
NEW = "ansible.module_utils.parsing.convert_bool"
FUNCS = {"ansible.utils.boolean.boolean", "ansible.constants.mk_boolean"}


class Boolean(AnsibleCodemod):
    ID = "AN004"
    NAME = "ansible-boolean"
    DESCRIPTION = "ansible.utils.boolean.boolean / C.mk_boolean → convert_bool.boolean(v, strict=False)"
    BREAKS_IN = "2.3"
    TRIGGERS = frozenset({"boolean", "mk_boolean"})
    EXAMPLES = (
        Example(
            "from ansible.utils.boolean import boolean\nif boolean(os.environ.get('X', 'no')):\n    pass\n",
            "from ansible.module_utils.parsing.convert_bool import boolean\n"
            "if boolean(os.environ.get('X', 'no'), strict=False):\n    pass\n",
        ),
        Example(
            "import ansible.constants as C\nflag = C.mk_boolean(value)\n",
            "import ansible.constants as C\nfrom ansible.module_utils.parsing.convert_bool import boolean\n\n"
            "flag = boolean(value, strict=False)\n",
        ),
        Example(
            "from ansible.utils.boolean import boolean\n",
            "from ansible.constants import mk_boolean as boolean\n",
            ansible_target="2.3",
        ),
        # C.mk_boolean still exists before 2.11
        Example("import ansible.constants as C\nflag = C.mk_boolean(value)\n", ansible_target="2.10"),
        Example("def boolean(v):\n    return bool(v)\n\nboolean('x')\n"),
    )

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        if original_node.relative or dotted(original_node.module) != OLD or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        self.changed(original_node)
        if not self.at_least("2.4"):
            names = [a.with_changes(name=cst.Name("mk_boolean"), asname=a.asname or cst.AsName(name=cst.Name("boolean")))
                     for a in updated_node.names]
            return updated_node.with_changes(module=expr("ansible.constants"), names=names)
        return updated_node.with_changes(module=expr(NEW))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        which = self.callee(original_node, FUNCS)
        if which is None or not self.at_least("2.4"):
            return updated_node
        call = updated_node
        if which.endswith("mk_boolean"):
            if not self.at_least("2.11"):
                return updated_node
            call = call.with_changes(func=cst.Name("boolean"))
            self.add_import(NEW, "boolean")
        if find_arg(original_node, "strict", 1) is None and not any(a.star for a in original_node.args):
            call = add_args(call, [kwarg("strict", cst.Name("False"))])
        if call is not updated_node:
            self.changed(original_node)
        return call
