"""Settings: defaults < ``[tool.migrator]`` in the target's pyproject.toml < command line.

Keys (kebab-case, underscores accepted)::

    [tool.migrator]
    include = ["*.py", "*.pyi"]          # globs of files to take when walking folders
    exclude = ["legacy/vendor/*"]        # added to the default excludes
    select = ["PY", "AN", "FK"]          # codemod / rule ids or prefixes
    ignore = ["PY301"]
    per-file-ignores = { "tests/*" = ["FK114"] }
    target-version = "3.11"              # Python the migrated code must run on
    ansible-target = "2.19"              # ansible-core release the Ansible codemods aim at
    jobs = 2
    cache-dir = ".migrator_cache"        # relative to the pyproject.toml's folder
"""
from __future__ import annotations

import fnmatch
import os
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
from dataclasses import dataclass, fields, replace
from typing import Any, Iterable, Optional, Sequence

from migrator.findings import MigratorError

DEFAULT_INCLUDE = ("*.py", "*.pyi")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", ".eggs", "*.egg-info", "__pycache__",
    "build", "dist", "site-packages", "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".migrator_cache",
)
CACHE_DIR = ".migrator_cache"


@dataclass(frozen=True)
class Settings:
    root: str = "."
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    target_version: str = "3.11"
    ansible_target: Optional[str] = None
    jobs: int = 0  # 0: all cores
    cache_dir: Optional[str] = None  # None: <root>/.migrator_cache; "" disables
    force_exclude: bool = False
    config_file: Optional[str] = None

    # -- selection -----------------------------------------------------------------------
    def selects(self, code: str, path: Optional[str] = None) -> bool:
        """Whether a codemod/rule ``code`` applies (to ``path``, for per-file ignores)."""
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(s) for s in self.ignore):
            return False
        if path is not None and self.per_file_ignores:
            rel = self.relpath(path)
            for pattern, codes in self.per_file_ignores:
                if fnmatch.fnmatch(rel, pattern) and any(code.startswith(c) for c in codes):
                    return False
        return True

    def relpath(self, path: str) -> str:
        try:
            rel = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root))
        except ValueError:
            return path
        return rel.replace(os.sep, "/")

    def resolved_cache_dir(self) -> Optional[str]:
        if self.cache_dir == "":
            return None
        return os.path.join(self.root, self.cache_dir or CACHE_DIR)

    def fingerprint(self) -> str:
        """What the cache key must include so that a change of settings invalidates it."""
        return repr((self.select, self.ignore, self.per_file_ignores, self.target_version, self.ansible_target))


def _as_tuple(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise MigratorError(f"[tool.migrator] {key} must be a list of strings")
    return tuple(value)


def find_pyproject(start: str) -> Optional[str]:
    here = os.path.abspath(start)
    if os.path.isfile(here):
        here = os.path.dirname(here)
    while True:
        candidate = os.path.join(here, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        if os.path.isdir(os.path.join(here, ".git")):
            return None
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def load(paths: Sequence[str], config_file: Optional[str] = None) -> Settings:
    """Settings for a run over ``paths``: the nearest pyproject.toml above the first path."""
    start = paths[0] if paths else "."
    config_file = config_file or find_pyproject(start)
    if config_file is None:
        root = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
        # With several paths the root is their common folder: relative paths in reports.
        if len(paths) > 1:
            root = os.path.commonpath([os.path.abspath(p) for p in paths])
            if os.path.isfile(root):
                root = os.path.dirname(root)
        return Settings(root=root)
    try:
        with open(config_file, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MigratorError(f"{config_file}: cannot read configuration: {exc}")
    table = data.get("tool", {}).get("migrator", {})
    return apply(Settings(root=os.path.dirname(os.path.abspath(config_file)), config_file=config_file), table, config_file)


def apply(settings: Settings, table: dict, origin: str = "[tool.migrator]") -> Settings:
    known = {f.name for f in fields(Settings)} - {"root", "config_file", "force_exclude"}
    changes: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in known:
            raise MigratorError(f"{origin}: unknown key {raw_key!r} in [tool.migrator]")
        if key in ("include", "exclude", "select", "ignore"):
            changes[key] = _as_tuple(value, raw_key)
        elif key == "per_file_ignores":
            if not isinstance(value, dict):
                raise MigratorError(f"{origin}: per-file-ignores must be a table of glob = [ids]")
            changes[key] = tuple((k, _as_tuple(v, raw_key)) for k, v in value.items())
        elif key == "jobs":
            if not isinstance(value, int) or value < 0:
                raise MigratorError(f"{origin}: jobs must be a non-negative integer")
            changes[key] = value
        else:
            if not isinstance(value, str):
                raise MigratorError(f"{origin}: {raw_key} must be a string")
            changes[key] = value
    return replace(settings, **changes)


def override(settings: Settings, **cli: Any) -> Settings:
    """Command-line values win over the file; ``None`` means "not given"."""
    return replace(settings, **{k: v for k, v in cli.items() if v is not None})


def split_ids(values: Optional[Iterable[str]]) -> Optional[tuple[str, ...]]:
    if values is None:
        return None
    out: list[str] = []
    for value in values:
        out.extend(v.strip().upper() for v in value.split(",") if v.strip())
    return tuple(out)
