"""Results cache: one small JSON file per (file content, tool version, settings, mode).

Kept in the target repository under ``.migrator_cache/`` (delete the folder to clear it;
it carries a ``CACHEDIR.TAG`` and a ``.gitignore`` of its own). Only results that need no
further work are stored: an unchanged file under ``fix``, any file under ``check``.
"""
from __future__ import annotations

import hashlib
import json
import os
from typing import Optional

from migrator import __version__

_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache made by migrator.\n"


def code_fingerprint() -> str:
    """Identify the code that produced a result: the version, plus the size and mtime of
    every module of migrator and the codemods (so an edited rule or codemod — in a
    development checkout — never serves a stale result). Costs a stat per module."""
    import codemods
    import migrator

    h = hashlib.sha256(__version__.encode())
    for package in (migrator, codemods):
        top = os.path.dirname(package.__file__)
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json")):
                    st = os.stat(os.path.join(folder, name))
                    h.update(f"{os.path.relpath(os.path.join(folder, name), top)}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


class Cache:
    def __init__(self, folder: Optional[str], fingerprint: str) -> None:
        self.folder = folder
        self.salt = f"{code_fingerprint()}\0{fingerprint}\0".encode()

    def key(self, mode: str, raw: bytes) -> str:
        return hashlib.sha256(self.salt + mode.encode() + b"\0" + raw).hexdigest()

    def _path(self, key: str) -> str:
        assert self.folder is not None
        return os.path.join(self.folder, "v1", key[:2], key + ".json")

    def get(self, key: str) -> Optional[dict]:
        if not self.folder:
            return None
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict) -> None:
        if not self.folder:
            return
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            self._mark()
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                json.dump(value, fh, separators=(",", ":"))
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written is only a slower run

    def _mark(self) -> None:
        assert self.folder is not None
        tag = os.path.join(self.folder, "CACHEDIR.TAG")
        if not os.path.exists(tag):
            with open(tag, "w") as fh:
                fh.write(_TAG)
            with open(os.path.join(self.folder, ".gitignore"), "w") as fh:
                fh.write("# created by migrator\n*\n")
