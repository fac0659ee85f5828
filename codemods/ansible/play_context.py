"""``PlayContext(options=...)`` and ``set_options(options)`` → the CLIARGS-based forms (map row B19).

What it does
    ``PlayContext(play=p, options=o, passwords=pw)`` (``options`` by keyword or as the
    2nd positional argument) loses ``options``; ``pc.set_options(o)`` on a PlayContext
    built in this file becomes ``pc.set_attributes_from_cli()``.

Why
    Since 2.8 ``PlayContext`` reads the command-line values from ``context.CLIARGS``
    (``PlayContext(play=None, passwords=None, connection_lockfd=None)``) and
    ``set_options`` became ``set_attributes_from_cli``.

When it is unsafe
    The values must be in ``context.CLIARGS`` by then (the options codemod does that for
    the 2.1 ``Options`` namedtuple).
"""
from __future__ import annotations

import libcst as cst

from codemods.ansible._api import AnsibleCodemod, drop_args, find_arg, positional, receivers
from codemods.base import Example
from codemods.names import dotted

PLAY_CONTEXT = {"ansible.playbook.play_context.PlayContext"}


class PlayContextOptions(AnsibleCodemod):
    ID = "AN016"
    NAME = "ansible-play-context"
    DESCRIPTION = "PlayContext(options=...) → PlayContext(...); set_options(options) → set_attributes_from_cli()"
    BREAKS_IN = "2.8"
    TRIGGERS = frozenset({"PlayContext"})
    EXAMPLES = (
        Example(
            """
            from ansible.playbook.play_context import PlayContext
            pc = PlayContext(play, options, passwords)
            pc2 = PlayContext(play=play, options=options)
            pc2.set_options(options)
            """,
            """
            from ansible.playbook.play_context import PlayContext
            pc = PlayContext(play, passwords=passwords)
            pc2 = PlayContext(play=play)
            pc2.set_attributes_from_cli()
            """,
        ),
        Example("class PlayContext(object):\n    pass\n\nPlayContext(options=o).set_options(o)\n"),
        Example(
            "from ansible.playbook.play_context import PlayContext\n"
            "pc = PlayContext(new_play, self._options, self.passwords, self._lock.fileno())\n",
            "from ansible.playbook.play_context import PlayContext\n"
            "pc = PlayContext(new_play, passwords=self.passwords, connection_lockfd=self._lock.fileno())\n",
        ),
        Example(
            "from ansible.playbook.play_context import PlayContext\npc = PlayContext(play=p, options=o)\n",
            ansible_target="2.7",
        ),
    )

    def analyze(self, module: cst.Module) -> None:
        self.contexts = receivers(self, module, PLAY_CONTEXT)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call):
        if self.callee(original_node, PLAY_CONTEXT):
            arg = find_arg(original_node, "options")
            pos = positional(original_node)
            if arg is None and len(pos) >= 3:
                arg = pos[1]
            elif arg is None and len(pos) == 2 and "option" in (dotted(pos[1].value) or "").rpartition(".")[2]:
                arg = pos[1]
            if arg is None:
                return updated_node
            self.changed(original_node)
            index = list(original_node.args).index(arg)
            new = drop_args(updated_node, [updated_node.args[index]])
            if arg in pos:
                # The arguments after a dropped positional ``options`` are named, so that the
                # 2.19 call cannot be read as 2.1's (play, options, passwords) on a second run.
                names = iter(("passwords", "connection_lockfd"))
                args = list(new.args)
                for i in range(index, len(args)):
                    a = args[i]
                    if a.keyword is not None or a.star:
                        break
                    name = next(names, None)
                    if name is None:
                        break
                    args[i] = a.with_changes(keyword=cst.Name(name), equal=cst.AssignEqual(
                        whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))
                new = new.with_changes(args=args)
            return new
        func = original_node.func
        if (isinstance(func, cst.Attribute) and func.attr.value == "set_options"
                and dotted(func.value) in self.contexts):
            self.changed(original_node)
            return updated_node.with_changes(
                func=updated_node.func.with_changes(attr=cst.Name("set_attributes_from_cli")), args=[])
        return updated_node
