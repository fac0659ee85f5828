"""Stage 6 — write: atomically, keeping mode and ownership.

The new bytes go to a temporary file in the same folder, which is flushed, given the
original mode, and renamed over the original: a reader sees either the old file or the
new one, never half of one, and a crash leaves the original intact.
"""
from __future__ import annotations

import os
import stat
import tempfile


def write_atomic(path: str, data: bytes, mode: int) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".migrator-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(mode) if mode else 0o644)
        try:
            st = os.stat(path)
            if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
