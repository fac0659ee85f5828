"""Which codemods and rules a file can concern at all: a cheap test before the parse.

Each codemod and rule names its ``TRIGGERS``: the identifiers (a builtin, a method, a
module) whose presence in a file may make it act. The engine runs only the ones whose
triggers occur, and parses nothing with libcst when none do.

Occur *in the code*: the words come from Python's own parser (``ast``, in C) — names,
attributes, imported modules, definitions, parameters and keywords — so a word in a
docstring, a comment or a sentence in a string (ansible modules carry pages of YAML
documentation) triggers nothing; a string that is itself a (dotted) name, as in
``getattr(f, 'func_name')``, counts. ``"/"`` means a division operator. A trigger that is neither (``kill(``)
is looked for in the text. Text that ``ast`` cannot parse (the checker reads files as
they are, Python 2 included) falls back to every word of the text.
"""
from __future__ import annotations

import ast
import re
from typing import Iterable, Optional

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Words:
    """The words (and operators) a file's code contains."""

    def __init__(self, text: str, tree: Optional[ast.AST] = None) -> None:
        self.text = text
        self.divides = False
        if tree is None:
            try:
                tree = ast.parse(text)
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                tree = None
        self.exact = tree is not None
        self.words = self._from_tree(tree) if tree is not None else set(_WORD.findall(text))

    def _from_tree(self, tree: ast.AST) -> set[str]:
        out: set[str] = set()
        add = out.add
        for node in ast.walk(tree):
            t = type(node)
            if t is ast.Name:
                add(node.id)
            elif t is ast.Attribute:
                add(node.attr)
            elif t is ast.Constant:
                value = node.value
                if value is None:
                    add("None")
                elif type(value) is str and len(value) < 80 and value.replace(".", "_").isidentifier():
                    # getattr(f, 'func_name'), 'ansible.plugins.callback': a name in a string
                    out.update(value.split("."))
            elif t is ast.alias:
                out.update(node.name.split("."))
                if node.asname:
                    add(node.asname)
            elif t is ast.ImportFrom:
                if node.module:
                    out.update(node.module.split("."))
            elif t is ast.FunctionDef or t is ast.ClassDef or t is ast.AsyncFunctionDef:
                add(node.name)
            elif t is ast.arg:
                add(node.arg)
            elif t is ast.keyword:
                if node.arg:
                    add(node.arg)
            elif t is ast.Div:
                self.divides = True
            elif t is ast.Global or t is ast.Nonlocal:
                out.update(node.names)
        return out

    def has(self, trigger: str) -> bool:
        if trigger.isidentifier():
            return trigger in self.words
        if trigger == "/" and self.exact:
            return self.divides
        return trigger in self.text


def triggered(classes: Iterable, text: str, words: Optional[Words] = None) -> list:
    """The classes whose TRIGGERS occur in ``text`` (or that have none: they always run)."""
    out = []
    for cls in classes:
        triggers = cls.TRIGGERS
        if not triggers:
            out.append(cls)
            continue
        if words is None:
            words = Words(text)
        if any(words.has(t) for t in triggers):
            out.append(cls)
    return out
