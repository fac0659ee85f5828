"""Real-world Python 2 corpora for the tests: ansible 2.1.0.0 and Fabric 1.14.1.

``corpus_dir("ansible")`` returns the extracted source tree, downloading the sdists once
with ``pip download --no-deps --no-binary :all: ansible==2.1.0.0 Fabric==1.14.1`` into
the cache folder ``$MIGRATOR_CORPUS_DIR`` (default ``~/.cache/migrator-corpus``) and
extracting them there.  Without network the calling test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest

#: name -> (pip requirement, directory the sdist extracts to)
CORPORA = {
    "ansible": ("ansible==2.1.0.0", "ansible-2.1.0.0"),
    "fabric": ("Fabric==1.14.1", "Fabric-1.14.1"),
}


class CorpusUnavailable(RuntimeError):
    """The corpus is not in the cache and could not be downloaded."""


def cache_dir() -> Path:
    """The folder the corpora are downloaded to and extracted in."""
    return Path(
        os.environ.get("MIGRATOR_CORPUS_DIR")
        or Path.home() / ".cache" / "migrator-corpus"
    )


def corpus_dir(name: str, *, skip: bool = True) -> Path:
    """The extracted source tree of corpus ``name`` ("ansible" or "fabric", any case).

    Downloads and extracts on first use.  When that fails the current test is skipped
    (``skip=True``) or :class:`CorpusUnavailable` is raised.
    """
    try:
        return _ensure(name.lower().split("-")[0])
    except CorpusUnavailable as exc:
        if skip:
            pytest.skip(str(exc))
        raise


def python_files(root: Path) -> list[Path]:
    """Every ``.py`` file under ``root``, sorted."""
    return sorted(p for p in root.rglob("*.py") if p.is_file())


def _ensure(key: str) -> Path:
    if key not in CORPORA:
        raise KeyError(f"unknown corpus {key!r}; known: {', '.join(CORPORA)}")
    cache = cache_dir()
    target = cache / CORPORA[key][1]
    if target.is_dir():
        return target
    archive = _archive(cache, key)
    if archive is None:
        _download(cache)
        archive = _archive(cache, key)
        if archive is None:
            raise CorpusUnavailable(
                f"pip download left no sdist for {CORPORA[key][0]} in {cache}"
            )
    _extract(archive, cache, target.name)
    if not target.is_dir():
        raise CorpusUnavailable(f"{archive.name} did not extract to {target.name}")
    return target


def _archive(cache: Path, key: str) -> Path | None:
    stem = CORPORA[key][1].lower()
    if cache.is_dir():
        for path in cache.iterdir():
            if path.name.lower() in (stem + ".tar.gz", stem + ".tgz"):
                return path
    return None


def _download(cache: Path) -> None:
    """Fetch every corpus sdist in one ``pip download`` run."""
    cache.mkdir(parents=True, exist_ok=True)
    requirements = [req for req, _ in CORPORA.values()]
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "-q",
        "--no-deps",
        "--no-binary",
        ":all:",
    ]
    command += [*requirements, "-d", str(cache)]
    try:
        proc = subprocess.run(
            command, check=False, capture_output=True, text=True, timeout=600
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CorpusUnavailable(f"could not download the corpora ({exc})") from exc
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise CorpusUnavailable(
            f"could not download the corpora (no network?): {tail[0]}"
        )


def _extract(archive: Path, cache: Path, top: str) -> None:
    """Extract ``archive`` next to it; atomic, so a half extraction is never seen."""
    tmp = Path(tempfile.mkdtemp(prefix=".extract-", dir=cache))
    try:
        with tarfile.open(archive) as tar:
            try:
                tar.extractall(tmp, filter="data")
            except TypeError:  # Python without extraction filters
                tar.extractall(tmp)
        extracted = tmp / top
        if not extracted.is_dir():  # some sdists spell the folder differently
            dirs = [
                p for p in tmp.iterdir() if p.is_dir() and p.name.lower() == top.lower()
            ]
            extracted = dirs[0] if dirs else extracted
        if extracted.is_dir() and not (cache / top).exists():
            extracted.rename(cache / top)
    except (tarfile.TarError, OSError) as exc:
        raise CorpusUnavailable(f"could not extract {archive.name}: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
