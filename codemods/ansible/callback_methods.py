"""v1 callback methods → v2 methods with an argument prologue; removed v2 methods renamed (map rows C2, C3).

What it does
    In a class derived from ``CallbackBase`` (directly or through a class of this file),
    each v1 method becomes its v2 method; the prologue recreates the v1 arguments from
    the v2 ones exactly as 2.1's ``CallbackBase`` did, so the body runs unchanged::

        def runner_on_ok(self, host, res):          def v2_runner_on_ok(self, result):
            ...                               →         host = result.host.get_name()
                                                        res = result.result
                                                        ...

    ``playbook_on_task_start(name, …)`` gets ``name = task`` (2.1 passed the Task object,
    whose text is ``TASK: <name>``), ``playbook_on_play_start(name)`` gets
    ``name = play.name``, ``runner_on_skipped(host, item)`` gets ``item = None`` (what
    2.1 passed), ``on_file_diff`` returns early when there is no diff (as 2.1 did).
    Removed v2 methods: ``v2_runner_on_file_diff(result, diff)`` → ``v2_on_file_diff(result)``,
    ``v2_runner_on_no_hosts(task)`` → ``v2_playbook_on_no_hosts_matched()``,
    ``v2_playbook_on_notify(result, handler)`` → ``v2_playbook_on_notify(handler, host)``.

Why
    ansible-core 2.19 still calls v1 methods but warns on every run (removal in 2.23);
    the v2 methods above were removed or changed in 2.5 and are never called now. Before
    2.19 the prologue uses ``result._host`` / ``result._result`` (the public properties
    are new in 2.19).

When it is unsafe
    A class that defines both the v1 and the v2 method kept only the v2 one alive in 2.1:
    the v1 method is left alone and flagged. ``on_any``, ``playbook_on_setup`` and the
    import-for-host hooks have no v2 equivalent: flagged. A subclass of a bundled
    callback (e.g. ``default``) is flagged instead of rewritten: its v1 methods were not
    called in 2.1.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, stmt, walk
from codemods.base import Example

CALLBACK_BASE = "ansible.plugins.callback.CallbackBase"
R, H, RES, JID = "{r}", "{r}.{host}.get_name()", "{r}.{result}", "{r}.{result}.get('ansible_job_id')"
# v1 name -> (v2 name, v2 parameters after self, [prologue values for the v1 parameters, by position])
V1 = {
    "runner_on_ok": ("v2_runner_on_ok", ["{r}"], [H, RES]),
    "runner_on_failed": ("v2_runner_on_failed", ["{r}", "ignore_errors=False"], [H, RES, None]),
    "runner_on_skipped": ("v2_runner_on_skipped", ["{r}"], [H, "None"]),
    "runner_on_unreachable": ("v2_runner_on_unreachable", ["{r}"], [H, RES]),
    "runner_on_no_hosts": ("v2_playbook_on_no_hosts_matched", [], []),
    "runner_on_async_poll": ("v2_runner_on_async_poll", ["{r}"], [H, RES, JID, "0"]),
    "runner_on_async_ok": ("v2_runner_on_async_ok", ["{r}"], [H, RES, JID]),
    "runner_on_async_failed": ("v2_runner_on_async_failed", ["{r}"], [H, RES, JID]),
    "playbook_on_start": ("v2_playbook_on_start", ["playbook"], []),
    "playbook_on_notify": ("v2_playbook_on_notify", ["handler", "{h}"], ["{h}.get_name()", "handler"]),
    "playbook_on_no_hosts_matched": ("v2_playbook_on_no_hosts_matched", [], []),
    "playbook_on_no_hosts_remaining": ("v2_playbook_on_no_hosts_remaining", [], []),
    "playbook_on_task_start": ("v2_playbook_on_task_start", ["task", "is_conditional"], ["task", None]),
    "playbook_on_play_start": ("v2_playbook_on_play_start", ["play"], ["play.name"]),
    "playbook_on_stats": ("v2_playbook_on_stats", ["stats"], [None]),
    "on_file_diff": ("v2_on_file_diff", ["{r}"], [H, "{r}.{result}['diff']"]),
}
VARS_PROMPT = "playbook_on_vars_prompt"
NO_EQUIVALENT = {
    "on_any": "C2: on_any has no v2 equivalent worth keeping (v2_on_any is deprecated): implement the specific v2 methods",
    "playbook_on_setup": "C3: there is no setup callback any more: gathering facts is an ordinary task",
    "playbook_on_import_for_host": "C3: import-for-host callbacks were never called and are gone",
    "playbook_on_not_import_for_host": "C3: import-for-host callbacks were never called and are gone",
    "v2_playbook_on_setup": "C3: v2_playbook_on_setup is never called: gathering facts is an ordinary task",
    "v2_playbook_on_cleanup_task_start": "C3: v2_playbook_on_cleanup_task_start was never called and is gone",
    "v2_playbook_on_import_for_host": "C3: v2_playbook_on_import_for_host was never called and is gone",
    "v2_playbook_on_not_import_for_host": "C3: v2_playbook_on_not_import_for_host was never called and is gone",
}


def _param(code: str) -> cst.Param:
    return cst.parse_statement(f"def f({code}):\n    pass\n").params.params[0]


def _body_names(node: cst.CSTNode) -> set[str]:
    out: set[str] = set()
    walk(node, lambda n: out.add(n.value) if isinstance(n, cst.Name) else None)
    return out


def _fresh(preferred: str, taken: set[str]) -> str:
    name = preferred
    while name in taken:
        name += "_"
    return name


def _as_block(body: cst.BaseSuite) -> cst.IndentedBlock:
    if isinstance(body, cst.IndentedBlock):
        return body
    return cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[s.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)])
                                   for s in body.body])


def _insert_prologue(body: cst.BaseSuite, lines: list[cst.BaseStatement]) -> cst.IndentedBlock:
    block = _as_block(body)
    stmts = list(block.body)
    at = 0
    if stmts and isinstance(stmts[0], cst.SimpleStatementLine) and isinstance(stmts[0].body[0], cst.Expr) \
            and isinstance(stmts[0].body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        at = 1
    return block.with_changes(body=stmts[:at] + lines + stmts[at:])


class CallbackV2Methods(AnsibleCodemod):
    ID = "AN020"
    NAME = "ansible-callback-v2-methods"
    DESCRIPTION = "v1 callback methods → v2 methods with the 2.1 argument prologue; removed v2 methods renamed"
    BREAKS_IN = "2.5"
    TRIGGERS = frozenset({"CallbackBase", "CallbackModule"})
    EXAMPLES = (
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CallbackModule(CallbackBase):
                def runner_on_ok(self, host, res):
                    print(host, res.get('msg'))

                def runner_on_failed(self, host, res, ignore_errors=False):
                    '''failures'''
                    print('FAILED', host)

                def playbook_on_task_start(self, name, is_conditional):
                    print(name)

                def playbook_on_stats(self, stats):
                    print(sorted(stats.processed))
            """,
            """
            from ansible.plugins.callback import CallbackBase

            class CallbackModule(CallbackBase):
                def v2_runner_on_ok(self, result):
                    host = result.host.get_name()
                    res = result.result
                    print(host, res.get('msg'))

                def v2_runner_on_failed(self, result, ignore_errors=False):
                    '''failures'''
                    host = result.host.get_name()
                    res = result.result
                    print('FAILED', host)

                def v2_playbook_on_task_start(self, task, is_conditional):
                    name = task
                    print(name)

                def v2_playbook_on_stats(self, stats):
                    print(sorted(stats.processed))
            """,
        ),
        Example(
            """
            from ansible.plugins.callback import CallbackBase as Base

            class Audit(Base):
                def runner_on_async_ok(self, host, res, jid): log(host, jid)
                def playbook_on_notify(self, host, handler):
                    log(host, handler)
            """,
            """
            from ansible.plugins.callback import CallbackBase as Base

            class Audit(Base):
                def v2_runner_on_async_ok(self, result):
                    host = result.host.get_name()
                    res = result.result
                    jid = result.result.get('ansible_job_id')
                    log(host, jid)
                def v2_playbook_on_notify(self, handler, host):
                    host = host.get_name()
                    log(host, handler)
            """,
        ),
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CallbackModule(CallbackBase):
                def v2_runner_on_file_diff(self, result, diff):
                    show(diff)

                def v2_playbook_on_notify(self, result, handler):
                    print(result._host.get_name(), handler)

                def on_any(self, *args, **kwargs):
                    pass
            """,
            """
            from ansible.plugins.callback import CallbackBase

            class CallbackModule(CallbackBase):
                def v2_on_file_diff(self, result):
                    diff = result.result['diff']
                    show(diff)

                def v2_playbook_on_notify(self, handler, host):
                    print(host.get_name(), handler)

                def on_any(self, *args, **kwargs):
                    pass
            """,
            review=("AN020",),
        ),
        # both spellings: the v1 one was dead code in 2.1
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                def v2_runner_on_ok(self, result):
                    pass

                def runner_on_ok(self, host, res):
                    pass
            """,
            review=("AN020",),
        ),
        # not a callback
        Example(
            """
            class Handler(object):
                def runner_on_ok(self, host, res):
                    pass
            """
        ),
        # before 2.19 the v1 methods work silently; the removed v2 ones are renamed (2.5)
        Example(
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                def runner_on_ok(self, host, res):
                    pass

                def v2_runner_on_file_diff(self, result, diff):
                    pass
            """,
            """
            from ansible.plugins.callback import CallbackBase

            class CB(CallbackBase):
                def runner_on_ok(self, host, res):
                    pass

                def v2_on_file_diff(self, result):
                    diff = result._result['diff']
                    pass
            """,
            ansible_target="2.18",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self.callback_classes: set[int] = set()
        self.foreign: set[int] = set()
        local: set[str] = set()

        def fn(node: cst.CSTNode) -> None:
            if isinstance(node, cst.ClassDef):
                for base in node.bases:
                    if self.refers(base.value, {CALLBACK_BASE}) or (
                            isinstance(base.value, cst.Name) and base.value.value in local):
                        self.callback_classes.add(id(node))
                        local.add(node.name.value)
                    elif any(q.startswith("ansible.plugins.callback.") for q in self.qnames(base.value)):
                        self.foreign.add(id(node))

        walk(module, fn)
        self.stack: list[Optional[set[str]]] = []

    @property
    def _acc(self) -> dict:
        new = self.at_least("2.19")
        return {"host": "host" if new else "_host", "result": "result" if new else "_result"}

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        methods = {s.name.value for s in node.body.body if isinstance(s, cst.FunctionDef)} \
            if isinstance(node.body, cst.IndentedBlock) else set()
        if id(node) in self.foreign:
            for name in sorted(methods & (set(V1) | {VARS_PROMPT})):
                self.review(node, f"C2: {name} in a subclass of a bundled callback was not called in 2.1 (the "
                                  "parent's v2 methods did not call it); port it to the v2 method by hand")
        self.stack.append(methods if id(node) in self.callback_classes else None)

    def leave_ClassDef(self, original_node, updated_node):
        self.stack.pop()
        return updated_node

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef):
        if not self.stack or self.stack[-1] is None:
            return updated_node
        methods = self.stack[-1]
        name = original_node.name.value
        if name in NO_EQUIVALENT:
            self.review(original_node, NO_EQUIVALENT[name])
            return updated_node
        if name == "v2_runner_on_file_diff":
            return self._file_diff(original_node, updated_node)
        if name == "v2_runner_on_no_hosts":
            if "v2_playbook_on_no_hosts_matched" in methods:
                return updated_node
            params = updated_node.params.params
            if len(params) == 2 and params[1].name.value in _body_names(original_node.body):
                self.review(original_node, "C3: v2_runner_on_no_hosts(task) became v2_playbook_on_no_hosts_matched(), "
                                           "which gets no task")
                return updated_node
            self.changed(original_node)
            return updated_node.with_changes(name=cst.Name("v2_playbook_on_no_hosts_matched"),
                                             params=updated_node.params.with_changes(params=params[:1]))
        if name == "v2_playbook_on_notify":
            return self._notify(original_node, updated_node)
        if name == VARS_PROMPT and "v2_" + name not in methods and self.at_least("2.19"):
            self.changed(original_node)
            params = list(updated_node.params.params)
            if not any(p.name.value == "unsafe" for p in params):
                params[-1] = params[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                params.append(_param("unsafe=None"))
            return updated_node.with_changes(name=cst.Name("v2_" + name),
                                             params=updated_node.params.with_changes(params=params))
        if name not in V1 or not self.at_least("2.19"):
            return updated_node
        v2, v2_params, values = V1[name]
        if v2 in methods:
            self.review(original_node, f"C2: {name} is shadowed by {v2} in this class (it was not called in 2.1); "
                                       "merge it by hand or delete it")
            return updated_node
        return self._to_v2(original_node, updated_node, v2, v2_params, values)

    def _to_v2(self, original, node, v2, v2_params, values):
        params = list(node.params.params)
        if node.params.star_arg is not cst.MaybeSentinel.DEFAULT or node.params.star_kwarg is not None \
                or len(params) - 1 > max(len(values), 0) and any(p.default is None for p in params[1 + len(values):]):
            self.review(original, f"C2: {original.name.value} has a signature 2.1 never called it with; port it by hand")
            return node
        old = [p.name.value for p in params[1:]]
        taken = _body_names(original.body) | set(old)
        r = _fresh("result", taken)
        h = _fresh("host", taken - {"host"}) if "host" not in old else "host"
        acc = self._acc
        lines = []
        new_params = [params[0]]
        for p in v2_params:
            new_params.append(_param(p.format(r=r, h=h)))
        if original.name.value == "on_file_diff":
            lines.append(stmt(f"if 'diff' not in {r}.{acc['result']}:\n    return\n"))
        for i, pname in enumerate(old):
            if i >= len(values) or values[i] is None:
                continue
            value = values[i].format(r=r, h=h, **acc).format(r=r, **acc)
            if value != pname:
                lines.append(stmt(f"{pname} = {value}\n"))
        for i, p in enumerate(new_params[:-1]):
            new_params[i] = p.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        new_params[-1] = new_params[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        self.changed(original)
        return node.with_changes(
            name=cst.Name(v2),
            params=node.params.with_changes(params=new_params),
            body=_insert_prologue(node.body, lines) if lines else node.body,
        )

    def _file_diff(self, original, node):
        params = node.params.params
        if len(params) != 3:
            return node
        r, diff = params[1].name.value, params[2].name.value
        self.changed(original)
        lines = [stmt(f"{diff} = {r}.{self._acc['result']}['diff']\n")]
        return node.with_changes(name=cst.Name("v2_on_file_diff"),
                                 params=node.params.with_changes(params=[params[0], params[1].with_changes(
                                     comma=cst.MaybeSentinel.DEFAULT)]),
                                 body=_insert_prologue(node.body, lines))

    def _notify(self, original, node):
        params = node.params.params
        if len(params) != 3 or params[1].name.value in ("handler",):
            return node  # already (self, handler, host)
        r, handler = params[1].name.value, params[2].name.value
        host = _fresh("host", _body_names(original.body) - {r})

        class Swap(cst.CSTTransformer):
            left: list = []

            def leave_Attribute(self, o, u):
                if isinstance(u.value, cst.Name) and u.value.value == r and u.attr.value in ("_host", "host"):
                    return cst.Name(host)
                return u

        body = node.body.visit(Swap())
        if r in _body_names(body):
            self.review(original, "C3: v2_playbook_on_notify is now (handler, host): the result object is gone")
            return node
        self.changed(original)
        new_params = [params[0],
                      params[2].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                      _param(host)]
        if handler != "handler":
            pass
        return node.with_changes(params=node.params.with_changes(params=new_params), body=body)
