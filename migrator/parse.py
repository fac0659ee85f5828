"""Stage 3 — parse once: lifted text to a libcst tree wrapped for metadata.

Every codemod and every checker rule works on the one tree made here; the metadata they
declare is computed once per pass by the :class:`libcst.metadata.MetadataWrapper`.
"""
from __future__ import annotations

from types import MappingProxyType

import libcst as cst
from libcst.metadata import ExpressionContextProvider, MetadataWrapper, QualifiedNameProvider, ScopeProvider

try:  # a libcst internal: without it, the wrapper is libcst's own
    from libcst.metadata.wrapper import _gather_providers
except ImportError:  # pragma: no cover - depends on the libcst release
    _gather_providers = None

from migrator.findings import MigratorError
from migrator.traversal import install

install()  # visit-only traversals for the passes over the tree (see migrator.traversal)


def parse(text: str) -> cst.Module:
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        error = exc
    if "\t" in text:
        # CPython accepts some tab/space mixes that libcst's tokenizer rejects ("no
        # matching outer block for dedent"): expand tabs in indentation and try again.
        try:
            return cst.parse_module(expand_indentation_tabs(text))
        except cst.ParserSyntaxError:
            pass
    raise MigratorError(f"libcst cannot parse the lifted text: {error.message}", error.raw_line, error.raw_column)


def expand_indentation_tabs(text: str) -> str:
    """Tabs in the indentation of code lines → spaces (a tab advances to the next multiple
    of 8, as CPython counts it). Lines inside multi-line strings are left alone."""
    import io
    import tokenize

    inside_strings: set[int] = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.STRING and tok.end[0] > tok.start[0]:
                inside_strings.update(range(tok.start[0] + 1, tok.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):
        return text
    lines = text.splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if number in inside_strings:
            continue
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent:
            lines[number - 1] = indent.expandtabs(8) + stripped
    return "".join(lines)


class Wrapper(MetadataWrapper):
    """libcst's wrapper, resolving the scope analysis the codemods depend on for less:

    * the expression contexts it is built on come from :mod:`migrator.expression_context`
      (the same answers, one loop instead of a visitor per assignment target);
    * a provider that does all its work in ``visit_Module`` (``ScopeProvider``,
      ``QualifiedNameProvider``) is run on the module directly: libcst runs it inside a
      batched traversal of the whole tree that, after ``visit_Module``, calls nothing.
    """

    def resolve_many(self, providers):
        done = getattr(self, "_metadata", None)
        if _gather_providers is None or not isinstance(done, dict):
            return super().resolve_many(providers)
        needed = _gather_providers(set(providers), set())
        if ExpressionContextProvider in needed and ExpressionContextProvider not in done:
            from migrator.expression_context import expression_contexts

            done[ExpressionContextProvider] = expression_contexts(self.module)
        for provider in _MODULE_ONLY:
            if provider in needed and provider not in done and all(d in done for d in provider.METADATA_DEPENDENCIES):
                instance = provider()
                with instance.resolve(self):
                    instance.visit_Module(self.module)
                done[provider] = MappingProxyType(dict(instance._computed))
        return super().resolve_many(providers)


# Providers whose only hook is visit_Module, in dependency order.
_MODULE_ONLY = (ScopeProvider, QualifiedNameProvider)


def wrap(module: cst.Module) -> MetadataWrapper:
    # The module was just parsed (or just produced by a pass) and nobody else holds it:
    # skip the defensive deep copy.
    return Wrapper(module, unsafe_skip_copy=True)
