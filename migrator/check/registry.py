"""Find every checker rule: one class per module under ``migrator.check.rules``."""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from migrator.check import rules as _rules_pkg
from migrator.check.rule import Rule


@lru_cache(maxsize=None)
def all_rules() -> tuple[type[Rule], ...]:
    found: dict[str, type[Rule]] = {}
    for info in sorted(pkgutil.iter_modules(_rules_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_rules_pkg.__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == module.__name__ and obj.ID:
                if obj.ID in found and found[obj.ID] is not obj:
                    raise RuntimeError(f"duplicate rule id {obj.ID}")
                found[obj.ID] = obj
    return tuple(sorted(found.values(), key=lambda r: r.ID))
