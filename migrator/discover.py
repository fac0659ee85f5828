"""Stage 1a — discover: the Python files under the paths a user names.

Walks folders without following symlinks, drops default excludes (VCS folders, virtual
environments — any folder holding ``pyvenv.cfg`` —, build output, site-packages), the
configured excludes and whatever ``.gitignore`` files ignore. Files named explicitly are
taken as they are unless ``--force-exclude`` (what a pre-commit hook passes) applies the
excludes to them too. A symlink is never followed out of the tree it was found in.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from typing import Iterator, Sequence

from migrator.config import DEFAULT_EXCLUDE, Settings


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


def _gitignore_spec(folder: str):
    path = os.path.join(folder, ".gitignore")
    if not os.path.isfile(path):
        return None
    import pathspec  # imported only where a .gitignore exists

    with open(path, encoding="utf-8", errors="replace") as fh:
        return pathspec.PathSpec.from_lines("gitwildmatch", fh)


def _excluded(rel: str, name: str, patterns: Sequence[str]) -> bool:
    for pattern in patterns:
        if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern.rstrip("/") + "/*"):
            return True
    return False


def _is_included(name: str, include: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in include)


def discover(paths: Sequence[str], settings: Settings) -> Iterator[str | Skipped]:
    root = os.path.abspath(settings.root)
    excludes = tuple(DEFAULT_EXCLUDE) + tuple(settings.exclude)
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            yield Skipped(given, "no such file or directory")
            continue
        if os.path.isdir(given) and not os.path.islink(given):
            yield from _walk(given, settings, excludes, seen)
            continue
        if os.path.islink(given):
            yield Skipped(given, "symlink: not followed (migrate the file it points to)")
            continue
        if settings.force_exclude:
            rel = settings.relpath(given)
            if _excluded(rel, os.path.basename(given), excludes) or _ignored_by_git(given, root):
                continue
        real = os.path.realpath(given)
        if real not in seen:
            seen.add(real)
            yield given


def _ignored_by_git(path: str, root: str) -> bool:
    folder = os.path.dirname(os.path.abspath(path))
    while folder.startswith(root):
        spec = _gitignore_spec(folder)
        if spec is not None and spec.match_file(os.path.relpath(os.path.abspath(path), folder)):
            return True
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return False


def _walk(top: str, settings: Settings, excludes: Sequence[str], seen: set[str]) -> Iterator[str | Skipped]:
    specs: list[tuple[str, object]] = []  # (folder, PathSpec) for .gitignore files above
    for folder in _parents_within(top, settings.root):
        spec = _gitignore_spec(folder)
        if spec is not None:
            specs.append((folder, spec))
    yield from _walk_dir(top, settings, excludes, seen, specs)


def _parents_within(top: str, root: str) -> list[str]:
    top, root = os.path.abspath(top), os.path.abspath(root)
    chain = []
    folder = os.path.dirname(top)
    while folder.startswith(root) and folder != os.path.dirname(folder):
        chain.append(folder)
        if folder == root:
            break
        folder = os.path.dirname(folder)
    return list(reversed(chain))


def _git_ignored(path: str, is_dir: bool, specs) -> bool:
    for folder, spec in specs:
        rel = os.path.relpath(path, folder).replace(os.sep, "/")
        if spec.match_file(rel + ("/" if is_dir else "")):
            return True
    return False


def _walk_dir(folder: str, settings, excludes, seen, specs) -> Iterator[str | Skipped]:
    spec = _gitignore_spec(folder)
    if spec is not None:
        specs = specs + [(os.path.abspath(folder), spec)]
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(folder, f"cannot list folder: {exc.strerror}")
        return
    for entry in entries:
        path = os.path.join(folder, entry.name)
        abspath = os.path.abspath(path)
        rel = settings.relpath(path)
        if entry.is_symlink():
            if entry.is_dir() or _is_included(entry.name, settings.include):
                yield Skipped(path, "symlink: not followed")
            continue
        if entry.is_dir():
            if _excluded(rel, entry.name, excludes) or os.path.exists(os.path.join(path, "pyvenv.cfg")):
                continue
            if specs and _git_ignored(abspath, True, specs):
                continue
            yield from _walk_dir(path, settings, excludes, seen, specs)
        elif entry.is_file() and _is_included(entry.name, settings.include):
            if _excluded(rel, entry.name, excludes) or (specs and _git_ignored(abspath, False, specs)):
                continue
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                yield path
