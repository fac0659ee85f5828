"""``ansible.utils.unicode`` text helpers → the ``converters`` module, keeping 2.1's error handling (map row A5).

What it does
    ``from ansible.utils.unicode import to_unicode, to_str, to_bytes`` becomes
    ``from ansible.module_utils.common.text.converters import to_text, to_native, to_bytes``
    (``ansible.module_utils._text`` when the target is 2.5–2.7), every use of a renamed
    function is renamed, and every call that does not pass ``errors`` gets
    ``errors='replace'``.

Why
    ``ansible.utils.unicode`` was deprecated in 2.2 and removed in 2.5 (only
    ``unicode_wrap`` is left). The 2.1 functions defaulted to ``errors='replace'``; the new
    ones default to surrogate-or-strict and raise on undecodable bytes, so the keyword is
    what keeps a program's behaviour (the 2.2–2.4 shims did the same).

When it is unsafe
    A function passed around uncalled (``map(to_unicode, xs)``) is renamed but cannot
    get the keyword: flagged for review. ``to_str`` returned bytes on Python 2; on
    Python 3 ``to_native`` returns text, which is what Python 3 code wants.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, add_args, expr, find_arg, kwarg
from codemods.base import Example
from codemods.names import dotted

OLD = "ansible.utils.unicode"
RENAMES = {"to_unicode": "to_text", "to_str": "to_native", "to_bytes": "to_bytes"}


class TextConverters(AnsibleCodemod):
    ID = "AN003"
    NAME = "ansible-text-converters"
    DESCRIPTION = "ansible.utils.unicode.to_unicode/to_str/to_bytes → converters.to_text/to_native/to_bytes with errors='replace'"
    BREAKS_IN = "2.5"
    TRIGGERS = frozenset({"to_unicode", "to_str", "to_bytes"})
    EXAMPLES = (
        Example(
            """
            from ansible.utils.unicode import to_unicode, to_bytes
            print(to_unicode(e))
            b = to_bytes(s, 'ascii')
            t = to_unicode(s, errors='strict')
            """,
            """
            from ansible.module_utils.common.text.converters import to_text, to_bytes
            print(to_text(e, errors='replace'))
            b = to_bytes(s, 'ascii', errors='replace')
            t = to_text(s, errors='strict')
            """,
        ),
        Example(
            "from ansible.utils.unicode import to_str as s\nx = s(v, 'utf-8', 'ignore')\n",
            "from ansible.module_utils.common.text.converters import to_native as s\nx = s(v, 'utf-8', 'ignore')\n",
        ),
        Example(
            "import ansible.utils.unicode\nx = ansible.utils.unicode.to_unicode(v)\n",
            "import ansible.utils.unicode\nfrom ansible.module_utils.common.text.converters import to_text\n\n"
            "x = to_text(v, errors='replace')\n",
        ),
        Example(
            "from ansible.utils.unicode import to_unicode\nnames = map(to_unicode, xs)\n",
            "from ansible.module_utils.common.text.converters import to_text\nnames = map(to_text, xs)\n",
            review=("AN003",),
        ),
        Example(
            "from ansible.utils.unicode import to_unicode\n",
            "from ansible.module_utils._text import to_text\n",
            ansible_target="2.5",
        ),
        Example(
            """
            from ansible.utils.unicode import unicode_wrap, to_unicode
            t = to_unicode(v)
            """,
            """
            from ansible.utils.unicode import unicode_wrap
            from ansible.module_utils.common.text.converters import to_text

            t = to_text(v, errors='replace')
            """,
        ),
        # somebody else's to_unicode
        Example("from mylib import to_unicode\nto_unicode(x)\n"),
        Example("from ansible.utils.unicode import to_unicode\n", ansible_target="2.4"),
    )

    @property
    def _new_module(self) -> str:
        return "ansible.module_utils.common.text.converters" if self.at_least("2.8") else "ansible.module_utils._text"

    def _old(self, node: cst.CSTNode):
        for q in sorted(self.qnames(node)):
            parent, _, name = q.rpartition(".")
            if parent == OLD and name in RENAMES:
                return name
        return None

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom):
        if original_node.relative or dotted(original_node.module) != OLD or isinstance(original_node.names, cst.ImportStar):
            return updated_node
        if not all(a.name.value in RENAMES for a in updated_node.names):
            # unicode_wrap stays in ansible.utils.unicode (2.19 still has it): the
            # converters leave this import for one of their own
            keep = [a for a in updated_node.names if a.name.value not in RENAMES]
            moved = [a for a in updated_node.names if a.name.value in RENAMES]
            if not moved:
                return updated_node
            for alias in moved:
                asname = alias.asname.name.value if alias.asname else None
                self.add_import(self._new_module, RENAMES[alias.name.value], asname)
            keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            self.changed(original_node)
            return updated_node.with_changes(names=keep)
        names = [a.with_changes(name=cst.Name(RENAMES[a.name.value])) for a in updated_node.names]
        self.changed(original_node)
        return updated_node.with_changes(module=expr(self._new_module), names=names)

    def visit_Call(self, node: cst.Call) -> None:
        pass

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        old = self._old(original_node.func)
        if old is None:
            return updated_node
        call = updated_node
        if isinstance(original_node.func, cst.Attribute):
            call = call.with_changes(func=cst.Name(RENAMES[old]))
            self.add_import(self._new_module, RENAMES[old])
        if find_arg(original_node, "errors", 2) is None and not any(a.star for a in original_node.args):
            call = add_args(call, [kwarg("errors", cst.SimpleString("'replace'"))])
        if call is not updated_node:
            self.changed(original_node)
        return call

    def visit_Arg(self, node: cst.Arg) -> None:
        # a converter passed uncalled cannot get errors='replace'
        if isinstance(node.value, (cst.Name, cst.Attribute)) and self._old(node.value):
            self.review(node, "A5: %s passed as a value: the ansible-core version defaults to errors='strict'-like "
                              "handling, 2.1 used errors='replace'" % dotted(node.value))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        old = self._old(original_node)
        if old and original_node.value == old and RENAMES[old] != old:
            return updated_node.with_changes(value=RENAMES[old])
        return updated_node
