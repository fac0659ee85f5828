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


class Cache:
    def __init__(self, folder: Optional[str], fingerprint: str) -> None:
        self.folder = folder
        self.salt = f"{__version__}\0{fingerprint}\0".encode()

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
