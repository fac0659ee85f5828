"""``Templar`` construction and calls, ``listify_lookup_plugin_terms`` (map rows F1–F5, F8).

What it does
    On Templar objects (built by ``Templar(...)`` in this file, or spelled ``templar`` /
    ``self._templar``):

    * F1 — ``Templar(loader, shared_loader_obj, variables)``: ``shared_loader_obj`` goes
      (keyword or 2nd positional; a 3rd positional becomes ``variables=``).
    * F2 — ``t.set_available_variables(v)`` → ``t.available_variables = v``.
    * F3 — ``t.template(...)`` loses ``bare_deprecated``, ``cache`` and ``static_vars``;
      ``t.template(x, convert_bare=True)`` → ``t.evaluate_expression(trust_as_template(x))``.
    * F4 — a literal template string given to ``t.template`` is wrapped in
      ``trust_as_template(...)`` (flagged: 2.19 returns native types).
    * F5 — ``listify_lookup_plugin_terms(terms, templar, loader, …)`` loses ``loader`` and
      ``convert_bare`` and gets 2.1's ``fail_on_undefined=False`` when it did not say; since
      2.19 it no longer templates, so a literal template ``terms`` becomes
      ``templar.template(trust_as_template(terms))`` (what 2.1 did inside), other terms are
      flagged.
    * F8 — ``loader.load_from_file(...)`` is flagged (its data is not trusted as templates).

Why
    ``shared_loader_obj`` was removed in 2.16, ``set_available_variables`` in 2.13, the
    ``template`` keywords in 2.8/2.18/2.19, ``listify``'s ``loader`` in 2.18. Since 2.19 a
    plain ``str`` is not a template: ``Templar.template('{{ x }}')`` returns it unchanged,
    without a warning.

When it is unsafe
    ``'{{ x + 1 }}'`` now renders to the int 2 instead of ``u'2'``: code that did string
    operations on the result needs ``str()``. Templates that come from variables must be
    trusted by hand.
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import (
    AnsibleCodemod,
    add_args,
    drop_args,
    expr,
    find_arg,
    kwarg,
    positional,
    receivers,
    string_value,
)
from codemods.base import Example
from codemods.names import dotted

TEMPLAR = {"ansible.template.Templar"}
LISTIFY = {"ansible.utils.listify.listify_lookup_plugin_terms"}
LOADER = {"ansible.parsing.dataloader.DataLoader"}
LIKELY = {"templar", "_templar"}


def _templated(node: cst.BaseExpression) -> bool:
    text = string_value(node)
    return text is not None and ("{{" in text or "{%" in text)


def _trusted_template(node: cst.CSTNode) -> bool:
    """``templar.template(trust_as_template(...))`` (already migrated)."""
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "template" \
        and bool(node.args) and _trusted(node.args[0].value)


def _trusted(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) and dotted(node.func) == "trust_as_template"


class TemplarCalls(AnsibleCodemod):
    ID = "AN040"
    NAME = "ansible-templar"
    DESCRIPTION = "Templar: shared_loader_obj, set_available_variables, template() keywords, trusted literal templates"
    BREAKS_IN = "2.8"
    TRIGGERS = frozenset({"Templar", "templar", "_templar", "listify_lookup_plugin_terms", "load_from_file"})
    EXAMPLES = (
        Example(
            """
            from ansible.template import Templar
            templar = Templar(loader, None, {'x': 1})
            templar.set_available_variables({'x': 41})
            value = templar.template('{{ x + 1 }}', bare_deprecated=False, cache=False)
            bare = templar.template('x', convert_bare=True)
            """,
            """
            from ansible.template import trust_as_template, Templar
            templar = Templar(loader, variables={'x': 1})
            templar.available_variables = {'x': 41}
            value = templar.template(trust_as_template('{{ x + 1 }}'))
            bare = templar.evaluate_expression(trust_as_template('x'))
            """,
            review=("AN040",),
        ),
        Example(
            """
            from ansible.utils.listify import listify_lookup_plugin_terms
            items = listify_lookup_plugin_terms('{{ names }}', templar, loader)
            more = listify_lookup_plugin_terms(terms, templar=templar, loader=loader, fail_on_undefined=True)
            """,
            """
            from ansible.utils.listify import listify_lookup_plugin_terms
            from ansible.template import trust_as_template

            items = listify_lookup_plugin_terms(templar.template(trust_as_template('{{ names }}')), templar, fail_on_undefined=False)
            more = listify_lookup_plugin_terms(terms, templar=templar, fail_on_undefined=True)
            """,
            review=("AN040",),
        ),
        Example(
            """
            from ansible.template import Templar
            t = Templar(loader=loader, shared_loader_obj=None, variables=v)
            t.set_available_variables(v)
            """,
            """
            from ansible.template import Templar
            t = Templar(loader=loader, shared_loader_obj=None, variables=v)
            t.available_variables = v
            """,
            ansible_target="2.15",
        ),
        Example("class Templar(object):\n    def template(self, x):\n        return x\n\nTemplar().template('{{ x }}')\n"),
    )

    def analyze(self, module: cst.Module) -> None:
        self.templars = receivers(self, module, TEMPLAR)
        self.loaders = receivers(self, module, LOADER)

    def _is_templar(self, node: cst.BaseExpression) -> bool:
        spelled = dotted(node)
        return bool(spelled) and (spelled in self.templars or spelled.rpartition(".")[2] in LIKELY)

    def _trust(self, node: cst.BaseExpression) -> cst.BaseExpression:
        self.add_import("ansible.template", "trust_as_template")
        return cst.Call(func=cst.Name("trust_as_template"), args=[cst.Arg(node)])

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if self.callee(original_node, TEMPLAR):
            return self._constructor(original_node, updated_node)
        if self.callee(original_node, LISTIFY):
            return self._listify(original_node, updated_node)
        func = original_node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "template" and self._is_templar(func.value):
            return self._template(original_node, updated_node)
        if isinstance(func, cst.Attribute) and func.attr.value == "load_from_file" \
                and dotted(func.value) in self.loaders and self.at_least("2.19"):
            self.review(original_node, "F8: data from loader.load_from_file() is not trusted as templates in 2.19 "
                                       "(pass trusted_as_template=True when it is your own file)")
        return updated_node

    def _constructor(self, original: cst.Call, call: cst.Call) -> cst.Call:
        if not self.at_least("2.16"):
            return call
        if len(original.args) != len(call.args):
            return call  # another codemod changed the arguments first
        index = {id(o): u for o, u in zip(original.args, call.args)}
        pos = positional(original)
        drop, add = [], []
        shared = find_arg(original, "shared_loader_obj")
        if shared is None and len(pos) >= 2:
            shared = pos[1]
            if len(pos) >= 3:
                drop.append(index[id(pos[2])])
                add.append(kwarg("variables", index[id(pos[2])].value))
        if shared is None:
            return call
        drop.append(index[id(shared)])
        self.changed(original)
        return add_args(drop_args(call, drop), add)

    def _template(self, original: cst.Call, call: cst.Call):
        if len(original.args) != len(call.args):
            return call  # another codemod changed the arguments first
        index = {id(o): u for o, u in zip(original.args, call.args)}
        first = find_arg(original, "variable", 0)
        new = call
        if self.at_least("2.19") and first is not None:
            bare = find_arg(original, "convert_bare")
            if bare is not None and isinstance(bare.value, cst.Name) and bare.value.value == "True":
                others = [a for a in original.args if a is not first and a is not bare
                          and not (a.keyword and a.keyword.value in ("bare_deprecated", "cache", "static_vars"))]
                if not others:
                    self.changed(original)
                    value = index[id(first)].value
                    return cst.Call(func=call.func.with_changes(attr=cst.Name("evaluate_expression")),
                                    args=[cst.Arg(value if _trusted(value) else self._trust(value))])
            if _templated(first.value):
                self.review(original, "F4: the template is now trusted explicitly; ansible-core 2.19 renders it to a "
                                      "native type (an int, a list …) where 2.1 returned text")
                wrapped = index[id(first)].with_changes(value=self._trust(index[id(first)].value))
                new = call.with_changes(args=[wrapped if a is index[id(first)] else a for a in call.args])
                index[id(first)] = wrapped
            elif not _trusted(first.value) and string_value(first.value) is None:
                self.review(original, "F4: a template string that is not a literal is not trusted in 2.19 and is "
                                      "returned unchanged: wrap it in trust_as_template() if it is yours")
        drop = []
        for name, version in (("bare_deprecated", "2.8"), ("cache", "2.18"), ("static_vars", "2.19")):
            arg = find_arg(original, name)
            if arg is not None and self.at_least(version):
                drop.append(index[id(arg)])
        new = drop_args(new, drop)
        if new is not call:
            self.changed(original)
        return new

    def _listify(self, original: cst.Call, call: cst.Call):
        if len(original.args) != len(call.args):
            return call  # another codemod changed the arguments first
        index = {id(o): u for o, u in zip(original.args, call.args)}
        drop, add = [], []
        loader = find_arg(original, "loader", 2)
        if loader is not None and self.at_least("2.18"):
            drop.append(index[id(loader)])
        bare = find_arg(original, "convert_bare", 4)
        if bare is not None and self.at_least("2.19"):
            drop.append(index[id(bare)])
        if find_arg(original, "fail_on_undefined", 3) is None and (drop or self.at_least("2.19")) \
                and not any(a.star for a in original.args):
            add.append(kwarg("fail_on_undefined", expr("False")))
        terms = find_arg(original, "terms", 0)
        templar = find_arg(original, "templar", 1)
        new = call
        if terms is not None and self.at_least("2.19") and not _trusted_template(terms.value):
            if _templated(terms.value) and templar is not None and isinstance(templar.value, (cst.Name, cst.Attribute)):
                # 2.19's listify no longer templates: do what 2.1 did before listifying
                value = cst.Call(func=cst.Attribute(value=index[id(templar)].value, attr=cst.Name("template")),
                                 args=[cst.Arg(self._trust(index[id(terms)].value))])
                wrapped = index[id(terms)].with_changes(value=value)
                new = call.with_changes(args=[wrapped if a is index[id(terms)] else a for a in call.args])
            elif not isinstance(terms.value, (cst.List, cst.Tuple)) and string_value(terms.value) is None:
                self.review(original, "F5: listify_lookup_plugin_terms no longer templates its terms in 2.19 (lookup "
                                      "terms arrive templated); template them first if they come from elsewhere")
        new = add_args(drop_args(new, drop), add)
        if new is not call:
            self.changed(original)
        return new

    def leave_Expr(self, original_node: cst.Expr, updated_node: cst.Expr):
        call = original_node.value
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
                and call.func.attr.value == "set_available_variables" and self._is_templar(call.func.value)
                and len(call.args) == 1 and self.at_least("2.13")):
            return updated_node
        new_call = updated_node.value
        self.changed(original_node)
        target = cst.Attribute(value=new_call.func.value, attr=cst.Name("available_variables"))
        return cst.Assign(targets=[cst.AssignTarget(target)], value=new_call.args[0].value,
                          semicolon=updated_node.semicolon)
