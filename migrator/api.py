"""The library API. The command line calls these; so can your own scripts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from migrator import config as _config
from migrator.findings import Finding


@dataclass(frozen=True)
class FixResult:
    text: str
    findings: list[Finding]

    @property
    def changed(self) -> list[Finding]:
        return [f for f in self.findings if f.kind.value == "change"]

    @property
    def needs_review(self) -> list[Finding]:
        return [f for f in self.findings if f.kind.value == "review"]


def _settings(
    select: Optional[Iterable[str]] = None,
    ignore: Optional[Iterable[str]] = None,
    ansible_target: Optional[str] = None,
    settings: Optional[_config.Settings] = None,
) -> _config.Settings:
    s = settings or _config.Settings(cache_dir="")
    return _config.override(
        s,
        select=_config.split_ids(select),
        ignore=_config.split_ids(ignore),
        ansible_target=ansible_target,
    )


def fix_source(
    text: str,
    *,
    path: Optional[str] = None,
    select: Optional[Iterable[str]] = None,
    ignore: Optional[Iterable[str]] = None,
    ansible_target: Optional[str] = None,
) -> FixResult:
    """Migrate one module's text. Raises :class:`migrator.findings.MigratorError` on bad input."""
    from migrator.engine import fix_text

    result = fix_text(text, path or "<string>", _settings(select, ignore, ansible_target))
    return FixResult(text=result.text or text, findings=result.findings)


def check_source(text: str, *, path: Optional[str] = None, select: Optional[Iterable[str]] = None, ignore: Optional[Iterable[str]] = None) -> list[Finding]:
    """Fork-safety findings for one module's text (Python 2 or 3)."""
    from migrator.engine import check_text

    return check_text(text, path or "<string>", _settings(select, ignore)).findings


def _paths_run(mode: str, paths: Sequence[str], write: bool, diff: bool, jobs: int, **kw):
    from migrator.discover import Skipped, discover
    from migrator.engine import Job, run

    settings = _config.load(list(paths))
    settings = _settings(kw.get("select"), kw.get("ignore"), kw.get("ansible_target"), settings)
    files = [p for p in discover(paths, settings) if not isinstance(p, Skipped)]
    return list(run(files, Job(mode=mode, settings=settings, write=write, diff=diff), jobs=jobs))


def fix_paths(paths: Sequence[str], *, write: bool = True, diff: bool = False, jobs: int = 0, **selection):
    """Migrate files and folders in place (``write=False`` for a dry run); returns FileResults."""
    from migrator.engine import FIX

    return _paths_run(FIX, paths, write, diff, jobs, **selection)


def check_paths(paths: Sequence[str], *, jobs: int = 0, **selection):
    from migrator.engine import CHECK

    return _paths_run(CHECK, paths, False, False, jobs, **selection)


__all__ = ["FixResult", "fix_source", "check_source", "fix_paths", "check_paths"]
