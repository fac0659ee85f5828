"""``isinstance(x, AnsibleUnicode/AnsibleMapping/AnsibleSequence)`` → the plain types (map rows A11, A10).

What it does
    In ``isinstance``/``issubclass`` checks, the YAML object classes of
    ``ansible.parsing.yaml.objects`` (matched by qualified name) become ``str``, ``dict``
    and ``list``; each rewrite is flagged for review. A use of ``AnsibleBaseYAMLObject``
    (gone) is flagged.

Why
    Since 2.19 loaded data is plain ``str``/``dict``/``list`` carrying tags; the old classes
    only remain as constructors for compatibility, so ``isinstance(value, AnsibleUnicode)``
    is silently False for everything the loader returns.

When it is unsafe
    The check now also matches strings/dicts/lists that did not come from YAML: if the
    code used the class to tell the two apart, it needs another way (data tags): flagged.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod
from codemods.base import Example

OBJECTS = "ansible.parsing.yaml.objects"
PLAIN = {"AnsibleUnicode": "str", "AnsibleMapping": "dict", "AnsibleSequence": "list"}


class YamlObjectChecks(AnsibleCodemod):
    ID = "AN005"
    NAME = "ansible-yaml-object-checks"
    DESCRIPTION = "isinstance(x, AnsibleUnicode/AnsibleMapping/AnsibleSequence) → str/dict/list (2.19 data tagging)"
    BREAKS_IN = "2.19"
    TRIGGERS = frozenset({"AnsibleUnicode", "AnsibleMapping", "AnsibleSequence", "AnsibleBaseYAMLObject"})
    EXAMPLES = (
        Example(
            """
            from ansible.parsing.yaml.objects import AnsibleUnicode, AnsibleMapping
            if isinstance(value, (AnsibleUnicode, AnsibleMapping)):
                pass
            """,
            """
            from ansible.parsing.yaml.objects import AnsibleUnicode, AnsibleMapping
            if isinstance(value, (str, dict)):
                pass
            """,
            review=("AN005", "AN005"),
        ),
        Example(
            """
            from ansible.parsing.yaml.objects import AnsibleBaseYAMLObject
            ok = isinstance(v, AnsibleBaseYAMLObject)
            """,
            review=("AN005",),
        ),
        Example("class AnsibleUnicode(str):\n    pass\n\nisinstance(x, AnsibleUnicode)\n"),
    )

    def analyze(self, module: cst.Module) -> None:
        self.depth = 0

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Name) and node.func.value in ("isinstance", "issubclass") and len(node.args) == 2:
            self.depth += 1
            self._checks = getattr(self, "_checks", set())
            self._checks.add(id(node))

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if id(original_node) in getattr(self, "_checks", set()):
            self.depth -= 1
        return updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name):
        for q in sorted(self.qnames(original_node)):
            parent, _, name = q.rpartition(".")
            if parent != OBJECTS:
                continue
            if name == "AnsibleBaseYAMLObject":
                self.review(original_node, "A11: AnsibleBaseYAMLObject is gone in 2.19: loaded data is plain "
                                           "str/dict/list with data tags")
            elif name in PLAIN and self.depth > 0:
                self.review(original_node, f"A11: {name} → {PLAIN[name]}: the check now matches every "
                                           f"{PLAIN[name]}, not only data that came from YAML")
                self.changed(original_node)
                return cst.Name(PLAIN[name])
        return updated_node

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False
