"""Plays built in Python for ``Play().load(...)``: task action mappings and trusted templates (map row B16).

What it does
    In the play data passed to ``Play().load(data, ...)`` — a dict literal or ``dict(...)``
    call, inline or assigned to a variable of the same file:

    * a task ``action=dict(module='shell', args='ls')`` becomes ``shell='ls'``
      (``{'action': {'module': M, 'args': A}}`` becomes ``{M: A}``);
    * every literal string that contains ``{{`` or ``{%``, and every literal condition
      (``when``, ``changed_when``, ``failed_when``, ``until``), is wrapped in
      ``trust_as_template(...)``.

Why
    2.19 deprecates a mapping as a task's ``action`` (removal 2.23) and, with data
    tagging, no longer renders templates found in data built in Python: ``'{{ out.stdout }}'``
    prints literally, silently, and an untrusted ``when:`` fails with "Encountered
    untrusted template or expression". Playbooks loaded from YAML files are trusted and
    need nothing.

When it is unsafe
    Strings computed at run time (variables, ``%`` formatting) cannot be wrapped here:
    flagged. 2.19 renders templates natively (``'{{ 1 + 1 }}'`` is the int 2, not
    ``'2'``). A failed task with ``ignore_errors`` counts as changed on 2.19 and not on
    2.1: no rewrite restores that.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, string_value, walk
from codemods.base import Example
from codemods.names import dotted

PLAY = {"ansible.playbook.play.Play"}
CONDITIONS = {"when", "changed_when", "failed_when", "until"}
TASK_LISTS = {"tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always"}


def _is_dict_call(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "dict" \
        and all(a.keyword is not None or a.star == "**" for a in node.args)


def _wrap(node: cst.BaseExpression) -> cst.BaseExpression:
    return cst.Call(func=cst.Name("trust_as_template"), args=[cst.Arg(node)])


def _is_wrapped(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) and dotted(node.func) == "trust_as_template"


class _Data:
    """Rewrites one play's data (syntactic: literal dicts, lists and strings)."""

    def __init__(self, codemod: "PlayLoadData", report: cst.CSTNode):
        self.codemod = codemod
        self.report = report
        self.wrapped = 0
        self.actions = 0

    def value(self, node: cst.BaseExpression, key: Optional[str]) -> cst.BaseExpression:
        if _is_wrapped(node):
            return node
        if isinstance(node, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            text = string_value(node) if not isinstance(node, cst.FormattedString) else cst.Module([]).code_for_node(node)
            if text is not None and (key in CONDITIONS or "{{" in text or "{%" in text):
                self.wrapped += 1
                return _wrap(node)
            return node
        if isinstance(node, cst.Dict):
            return self.mapping(node)
        if _is_dict_call(node):
            return self.call(node)
        if isinstance(node, (cst.List, cst.Tuple)):
            return node.with_changes(elements=[e.with_changes(value=self.value(e.value, key)) if isinstance(e, cst.Element)
                                               else e for e in node.elements])
        templated = []
        walk(node, lambda n: templated.append(n) if isinstance(n, (cst.SimpleString, cst.FormattedString)) and (
            "{{" in cst.Module([]).code_for_node(n) or "{%" in cst.Module([]).code_for_node(n)) else None)
        if templated or (key in CONDITIONS and not isinstance(node, (cst.Integer, cst.Name))):
            self.codemod.review(self.report, "B16: a string built at run time in a Python-built play is not trusted "
                                             "as a template in 2.19: wrap it in trust_as_template()")
        return node

    # -- dict literal -------------------------------------------------------------------------
    def mapping(self, node: cst.Dict) -> cst.Dict:
        elements = []
        for el in node.elements:
            if not isinstance(el, cst.DictElement):
                elements.append(el)
                continue
            key = string_value(el.key)
            if key == "action":
                split = self._action(el.value)
                if split is not None:
                    module, args = split
                    self.actions += 1
                    elements.append(el.with_changes(key=module, value=self.value(args, module_key(module))))
                    continue
            elements.append(el.with_changes(value=self.value(el.value, key)))
        return node.with_changes(elements=elements)

    # -- dict(...) call -------------------------------------------------------------------------
    def call(self, node: cst.Call) -> cst.Call:
        args = []
        for arg in node.args:
            if arg.keyword is None:
                args.append(arg)
                continue
            key = arg.keyword.value
            if key == "action":
                split = self._action(arg.value)
                if split is not None:
                    module, margs = split
                    name = string_value(module)
                    if name is not None and name.isidentifier():
                        self.actions += 1
                        args.append(arg.with_changes(keyword=cst.Name(name), value=self.value(margs, name)))
                        continue
                    if isinstance(margs, cst.Dict) or _is_dict_call(margs):
                        self.actions += 1
                        args.append(arg.with_changes(value=module, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))))
                        args.append(cst.Arg(keyword=cst.Name("args"), value=self.value(margs, None), comma=arg.comma,
                                            equal=arg.equal))
                        continue
                    self.codemod.review(self.report, "B16: action given as a mapping with a module name that is not a "
                                                     "literal: use {module: args}")
            args.append(arg.with_changes(value=self.value(arg.value, key)))
        return node.with_changes(args=args)

    def _action(self, node: cst.BaseExpression):
        """(module expr, args expr) of ``dict(module=M, args=A)`` / ``{'module': M, 'args': A}``."""
        items = {}
        if _is_dict_call(node):
            for a in node.args:
                if a.keyword is None:
                    return None
                items[a.keyword.value] = a.value
            if set(items) - {"module", "args"} or "module" not in items:
                return None
            module = items["module"]
            if string_value(module) is None:
                return None
            return cst.SimpleString(repr(string_value(module))), items.get("args", cst.Dict([]))
        if isinstance(node, cst.Dict):
            for el in node.elements:
                if not isinstance(el, cst.DictElement) or string_value(el.key) is None:
                    return None
                items[string_value(el.key)] = el.value
            if set(items) - {"module", "args"} or "module" not in items:
                return None
            return items["module"], items.get("args", cst.Dict([]))
        return None


def module_key(node: cst.BaseExpression) -> Optional[str]:
    return string_value(node)


class PlayLoadData(AnsibleCodemod):
    ID = "AN014"
    NAME = "ansible-play-load-data"
    DESCRIPTION = "Play().load(data): action=dict(module=, args=) → {module: args}; literal templates → trust_as_template()"
    BREAKS_IN = "2.19"
    TRIGGERS = frozenset({"Play"})
    EXAMPLES = (
        Example(
            """
            from ansible.playbook.play import Play
            play_source = dict(
                name="Ansible Play",
                hosts='localhost',
                gather_facts='no',
                tasks=[
                    dict(action=dict(module='shell', args='echo {{ greeting }}'), register='out'),
                    dict(action=dict(module='debug', args=dict(msg='{{ out.stdout }}')), when=u'out.rc == 0'),
                ],
            )
            play = Play().load(play_source, variable_manager=vm, loader=loader)
            """,
            """
            from ansible.playbook.play import Play
            from ansible.template import trust_as_template

            play_source = dict(
                name="Ansible Play",
                hosts='localhost',
                gather_facts='no',
                tasks=[
                    dict(shell=trust_as_template('echo {{ greeting }}'), register='out'),
                    dict(debug=dict(msg=trust_as_template('{{ out.stdout }}')), when=trust_as_template(u'out.rc == 0')),
                ],
            )
            play = Play().load(play_source, variable_manager=vm, loader=loader)
            """,
        ),
        Example(
            """
            from ansible.playbook.play import Play
            play = Play().load({'hosts': 'all', 'tasks': [{'action': {'module': 'command', 'args': cmd}}]},
                               variable_manager=vm, loader=loader)
            """,
            """
            from ansible.playbook.play import Play
            play = Play().load({'hosts': 'all', 'tasks': [{'command': cmd}]},
                               variable_manager=vm, loader=loader)
            """,
        ),
        Example(
            """
            from ansible.playbook.play import Play
            play = Play().load(dict(hosts='all', tasks=[dict(debug=dict(msg='{{ x }}' + suffix))]),
                               variable_manager=vm, loader=loader)
            """,
            review=("AN014",),
        ),
        Example("play = Play().load(dict(tasks=[dict(action=dict(module='shell', args='ls'))]))\n"),
        Example(
            """
            from ansible.playbook.play import Play
            play = Play().load(dict(tasks=[dict(action=dict(module='shell', args='ls'))]))
            """,
            ansible_target="2.18",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self.roots: set[int] = set()
        names: set[str] = set()

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "load" \
                    and node.args:
                receiver = node.func.value
                if (isinstance(receiver, cst.Call) and self.callee(receiver, PLAY)) or self.refers(receiver, PLAY):
                    data = node.args[0].value
                    if isinstance(data, cst.Name):
                        names.update(self.qnames(data) or {data.value})
                    elif isinstance(data, cst.Dict) or _is_dict_call(data):
                        self.roots.add(id(data))
                    else:
                        self.review(node, "B16: play data built in Python is not trusted as templates in 2.19: "
                                          "wrap template strings in trust_as_template() or load the play from YAML")

        walk(module, fn)

        def assigned(node: cst.CSTNode) -> None:
            if isinstance(node, cst.Assign) and (isinstance(node.value, cst.Dict) or _is_dict_call(node.value)):
                for t in node.targets:
                    if isinstance(t.target, cst.Name) and (self.qnames(t.target) or {t.target.value}) & names:
                        self.roots.add(id(node.value))

        walk(module, assigned)

    def _fix(self, original: cst.CSTNode, updated: cst.BaseExpression) -> cst.BaseExpression:
        data = _Data(self, original)
        new = data.mapping(updated) if isinstance(updated, cst.Dict) else data.call(updated)
        if data.wrapped:
            self.add_import("ansible.template", "trust_as_template")
        if data.wrapped or data.actions:
            self.changed(original)
        return new

    def leave_Dict(self, original_node: cst.Dict, updated_node: cst.Dict):
        if id(original_node) in self.roots:
            return self._fix(original_node, updated_node)
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if id(original_node) in self.roots:
            return self._fix(original_node, updated_node)
        return updated_node
