"""Find every codemod class: one class per module under ``codemods.py2`` and ``codemods.ansible``."""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from codemods.base import Codemod

FAMILIES = ("py2", "ansible")


@lru_cache(maxsize=None)
def all_codemods() -> tuple[type[Codemod], ...]:
    found: dict[str, type[Codemod]] = {}
    for family in FAMILIES:
        package = importlib.import_module(f"codemods.{family}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"codemods.{family}.{info.name}")
            for obj in vars(module).values():
                if (
                    isinstance(obj, type)
                    and issubclass(obj, Codemod)
                    and obj.__module__ == module.__name__
                    and obj.ID
                ):
                    if obj.ID in found and found[obj.ID] is not obj:
                        raise RuntimeError(f"duplicate codemod id {obj.ID}: {found[obj.ID]} and {obj}")
                    if not obj.FAMILY:
                        obj.FAMILY = family
                    found[obj.ID] = obj
    return tuple(sorted(found.values(), key=lambda c: c.ID))


def by_id() -> dict[str, type[Codemod]]:
    return {c.ID: c for c in all_codemods()}
