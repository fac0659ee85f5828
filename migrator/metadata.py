"""Metadata for the codemods and rules of one file, resolved lazily and once per provider.

libcst resolves every declared provider before a traversal. Here the first
``get_metadata`` call for a provider resolves it, so a file whose codemods never ask (a
trigger word that turns out to be something else) pays nothing, and the codemods and the
rules of one report share what either resolved. Two providers are answered more cheaply
than libcst does:

* ``ParentNodeProvider`` from the shared flat walk (:mod:`migrator.walk`), which knows
  every node's parent already;
* ``QualifiedNameProvider`` for the nodes asked about only, from the scopes
  (the provider walks the whole tree to attach a lazy value to every node).
"""
from __future__ import annotations

from typing import Iterable, Mapping

from libcst.metadata import MetadataWrapper, ParentNodeProvider, QualifiedNameProvider, ScopeProvider

from migrator.walk import tree


class LazyMetadata(dict):
    """``provider -> {node: value}`` for the tree of ``wrapper``, each provider resolved the
    first time a codemod or rule asks for it (``providers``: those they declared)."""

    def __init__(self, wrapper: MetadataWrapper, providers: Iterable = ()) -> None:
        super().__init__()
        self.wrapper = wrapper
        self.providers = set(providers)

    def __missing__(self, provider):
        if provider not in self.providers:
            raise KeyError(provider)
        if provider is ParentNodeProvider:
            # the codemods' shared walk already knows every node's parent
            self[provider] = tree(self.wrapper.module).parent
            return self[provider]
        if provider is QualifiedNameProvider:
            # what libcst's provider answers, for the nodes asked about only (the provider
            # walks the whole tree to attach a lazy value to every node)
            self[provider] = _QualifiedNames(self.wrapper.resolve(ScopeProvider), tree(self.wrapper.module).index)
            return self[provider]
        # One provider at a time (libcst resolves what it depends on): batching the
        # union measured slower, most files never ask for parents.
        self.update(self.wrapper.resolve_many({provider}))
        return dict.__getitem__(self, provider)

    def __contains__(self, provider) -> bool:  # libcst's get_metadata asks before it reads
        return provider in self.providers


class _QualifiedNames(Mapping):
    def __init__(self, scopes: Mapping, nodes: Mapping) -> None:
        self.scopes, self.nodes, self.memo = scopes, nodes, {}

    def __getitem__(self, node):
        try:
            return self.memo[node]
        except KeyError:
            pass
        scope = self.scopes.get(node)
        if scope is None:
            if node not in self.nodes:
                raise KeyError(node)
            value: set = set()
        else:
            value = scope.get_qualified_names_for(node)
        self.memo[node] = value
        return value

    def __iter__(self):
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)
