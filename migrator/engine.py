"""The pipeline for one file, and the driver that runs it over many.

    read → lift → parse once → fix (all codemods) | check (all rules) → verify → write

:func:`fix_text` and :func:`check_text` are the in-memory pipeline; :func:`process_file`
adds reading, the cache and writing; :func:`run` runs ``process_file`` over many files in
a process pool started once. Nothing here knows any particular idiom: codemods and rules
come from their registries and are filtered by the settings and by a cheap pre-check
(their ``TRIGGERS``), so files nothing would touch are never parsed by libcst.
"""
from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Sequence

from migrator.config import Settings
from migrator.findings import Finding, Kind, MigratorError
from migrator.trigger import Words, triggered

FIX, CHECK, REPORT = "fix", "check", "report"


@dataclass
class FileResult:
    path: str
    status: str  # "changed" | "unchanged" | "failed"
    findings: list[Finding] = field(default_factory=list)
    error: Optional[Finding] = None
    diff: Optional[str] = None
    python2: bool = False  # the file needed the Python 2 lift
    text: Optional[str] = None  # new text (in-memory API only)
    cached: bool = False
    info: dict = field(default_factory=dict)  # per-mode extras (report: parses, parse_error, lines)

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "findings": [f.to_dict() for f in self.findings],
            "error": self.error.to_dict() if self.error else None,
            "python2": self.python2,
            "info": self.info,
        }

    @classmethod
    def from_dict(cls, path: str, d: dict) -> "FileResult":
        return cls(
            path=path,
            status=d["status"],
            findings=[Finding.from_dict(f) for f in d["findings"]],
            error=Finding.from_dict(d["error"]) if d["error"] else None,
            python2=d.get("python2", False),
            cached=True,
            info=d.get("info", {}),
        )


# -- selection ---------------------------------------------------------------------------
def ansible_target(settings: Settings):
    from packaging.version import Version

    if settings.ansible_target:
        return Version(settings.ansible_target)
    try:
        from importlib.metadata import version

        return Version(version("ansible-core"))
    except Exception:
        return Version("2.19")


def selected_codemods(settings: Settings, path: Optional[str] = None) -> list:
    from packaging.version import Version

    from codemods.registry import all_codemods

    target = ansible_target(settings)
    out = []
    for cls in all_codemods():
        if not settings.selects(cls.ID, path):
            continue
        if cls.BREAKS_IN is not None and target < Version(cls.BREAKS_IN):
            continue
        out.append(cls)
    return out


def selected_rules(settings: Settings, path: Optional[str] = None) -> list:
    from migrator.check.registry import all_rules

    return [r for r in all_rules() if settings.selects(r.ID, path)]


# -- in-memory pipeline ------------------------------------------------------------------
def _lift(text: str, path: str, parsed=None):
    from migrator.lift import lift

    return lift(text, path=path, parsed=parsed)


def _remap(findings: Iterable[Finding], lifted) -> list[Finding]:
    if lifted.line_map is None:
        return list(findings)
    return [
        Finding(line=lifted.original_line(f.line), col=f.col, code=f.code, message=f.message, kind=f.kind)
        for f in findings
    ]


def fix_text(text: str, path: str, settings: Settings, codemods: Optional[Sequence] = None) -> FileResult:
    """Lift, parse and fix ``text``; the result carries the new text. Raises MigratorError."""
    lifted = _lift(text, path)
    findings = list(lifted.changes)
    classes = selected_codemods(settings, path) if codemods is None else list(codemods)
    active = triggered(classes, lifted.text, Words(lifted.text, lifted.tree))
    new_text = lifted.text
    if active:
        from migrator.fix import fix_module
        from migrator.parse import parse

        module = parse(lifted.text)
        options = {"ansible_target": ansible_target(settings), "target_version": settings.target_version, "path": path, "python2": lifted.changed}
        new_module, more = fix_module(module, active, filename=path, options=options)
        new_text = new_module.code
        findings.extend(_remap(more, lifted))
    if new_text != text:
        from migrator.verify import verify

        verify(new_text, path)
    return FileResult(
        path=path,
        status="changed" if new_text != text else "unchanged",
        findings=sorted(set(findings)),
        python2=lifted.changed,
        text=new_text,
    )


def check_text(text: str, path: str, settings: Settings, rules: Optional[Sequence] = None) -> FileResult:
    """Lift (in memory), parse and run the checker rules over ``text``. Raises MigratorError."""
    classes = selected_rules(settings, path) if rules is None else list(rules)
    active = triggered(classes, text)
    if not active:
        return FileResult(path=path, status="unchanged")
    lifted = _lift(text, path)
    from migrator.check import check_module
    from migrator.check.suppress import scan
    from migrator.parse import parse

    module = parse(lifted.text)
    found = _remap(
        check_module(module, active, path=path, python2=lifted.changed, target_version=settings.target_version), lifted
    )
    suppressions = scan(text)
    found = [f for f in found if not suppressions.covers(f.line, f.code)]
    return FileResult(path=path, status="unchanged", findings=found, python2=lifted.changed)


def report_text(text: str, path: str, settings: Settings) -> FileResult:
    """Fix and check as one dry run for the readiness report: lift once, parse once, run
    the codemods (their findings, no code generation) and the rules over the same tree."""
    info: dict = {"lines": text.count("\n") + (0 if text.endswith("\n") or not text else 1)}
    from migrator.lift.detect import parse_python3

    tree, error = parse_python3(text, path)
    info["parses"] = tree is not None
    if error is not None:
        info["parse_error"] = {"line": error.lineno or 0, "message": error.msg or str(error)}
    lifted = _lift(text, path, parsed=(tree, error))
    findings = list(lifted.changes)
    words = Words(lifted.text, lifted.tree)
    codemods = triggered(selected_codemods(settings, path), lifted.text, words)
    # the rules read the file as it is: the same words when the lift left it alone
    rules = triggered(selected_rules(settings, path), text, words if lifted.text == text else None)
    if codemods or rules:
        from migrator.metadata import LazyMetadata
        from migrator.parse import parse, wrap

        module = parse(lifted.text)
        shared = LazyMetadata(wrap(module))  # the codemods and the rules share what is resolved
        if codemods:
            from migrator.fix import fix_module

            options = {"ansible_target": ansible_target(settings), "target_version": settings.target_version, "path": path, "python2": lifted.changed}
            _, more = fix_module(module, codemods, filename=path, options=options, imports=False, metadata=shared)
            findings.extend(_remap(more, lifted))
        if rules:
            from migrator.check import check_module
            from migrator.check.suppress import scan

            hazards = _remap(
                check_module(
                    module, rules, path=path, python2=lifted.changed, target_version=settings.target_version, metadata=shared
                ),
                lifted,
            )
            suppressions = scan(text)
            findings.extend(f for f in hazards if not suppressions.covers(f.line, f.code))
    changed = any(f.kind is Kind.CHANGE for f in findings)
    return FileResult(
        path=path, status="changed" if changed else "unchanged", findings=sorted(set(findings)),
        python2=lifted.changed, info=info,
    )


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{path}", f"b/{path}"
        )
    )


# -- one file on disk --------------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    mode: str  # FIX or CHECK
    settings: Settings
    write: bool = True  # fix: write the file (False for --diff / --check / dry runs)
    diff: bool = False  # fix: return a unified diff


def _error(path: str, exc: MigratorError) -> FileResult:
    return FileResult(
        path=path,
        status="failed",
        error=Finding(line=exc.line, col=exc.col, code="E001", message=exc.message, kind=Kind.ERROR),
    )


def _cache_mode(job: Job, path: str) -> str:
    """What, besides the content, a cached result depends on: for ``check`` also the path
    (per-file-ignores and path-dependent rules give two copies of a file different results)."""
    return f"{CHECK}\0{job.settings.relpath(path)}" if job.mode == CHECK else job.mode


def process_file(path: str, job: Job, cache=None) -> FileResult:
    from migrator.read import encode, read_source

    try:
        source = read_source(path)
    except MigratorError as exc:
        return _error(path, exc)
    except OSError as exc:
        return _error(path, MigratorError(f"cannot read: {exc.strerror}"))
    key = None
    if cache is not None:
        key = cache.key(_cache_mode(job, path), source.raw)
        hit = cache.get(key)
        if hit is not None:
            return FileResult.from_dict(path, hit)
    try:
        if job.mode == CHECK:
            result = check_text(source.text, path, job.settings)
        elif job.mode == REPORT:
            result = report_text(source.text, path, job.settings)
        else:
            result = fix_text(source.text, path, job.settings)
    except MigratorError as exc:
        return _error(path, exc)
    except RecursionError:
        return _error(path, MigratorError("too deeply nested for the parser"))
    if job.mode == FIX and result.status == "changed":
        new_text = result.text or ""
        if job.diff:
            result.diff = unified_diff(job.settings.relpath(path), source.text, new_text)
        if job.write:
            if not source.mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
                result.status = "failed"
                result.error = Finding(0, 0, "E002", "read-only file: not rewritten (make it writable to migrate it)", Kind.ERROR)
            else:
                try:
                    from migrator.write import write_atomic

                    write_atomic(path, encode(source, new_text), source.mode)
                except MigratorError as exc:
                    return _error(path, exc)
                except OSError as exc:
                    return _error(path, MigratorError(f"cannot write: {exc.strerror}"))
    result.text = None
    if key is not None and (job.mode != FIX or result.status == "unchanged"):
        cache.put(key, result.to_dict())
    return result


# -- many files --------------------------------------------------------------------------
_worker_job: Optional[Job] = None
_worker_cache = None


def _init_worker(job: Job) -> None:
    global _worker_job, _worker_cache
    _worker_job = job
    _worker_cache = _make_cache(job)


def _work(path: str) -> FileResult:
    assert _worker_job is not None
    return process_file(path, _worker_job, _worker_cache)


def _make_cache(job: Job):
    folder = job.settings.resolved_cache_dir()
    if not folder:
        return None
    from migrator.cache import Cache

    return Cache(folder, job.settings.fingerprint() + ("write" if job.write else ""))


def run(paths: Sequence[str], job: Job, jobs: int = 0, on_result: Optional[Callable[[FileResult], None]] = None) -> Iterator[FileResult]:
    """Process ``paths``; yields results as they complete (largest files are started first)."""
    cache = _make_cache(job)
    pending: list[str] = []
    # Cache hits are answered here, without starting workers or importing libcst.
    for path in paths:
        if cache is not None:
            try:
                with open(path, "rb") as fh:
                    raw = fh.read()
            except OSError:
                pending.append(path)
                continue
            hit = cache.get(cache.key(_cache_mode(job, path), raw))
            if hit is not None:
                yield FileResult.from_dict(path, hit)
                continue
        pending.append(path)
    if not pending:
        return
    workers = jobs or os.cpu_count() or 1
    workers = min(workers, len(pending))
    if workers <= 1 or len(pending) < 4:
        for path in pending:
            yield process_file(path, job, cache)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    def size(p: str) -> int:
        try:
            return os.path.getsize(p)
        except OSError:
            return 0

    pending.sort(key=size, reverse=True)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["migrator.engine", "migrator.fix", "migrator.check", "migrator.lift"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(job,)) as pool:
        yield from pool.map(_work, pending, chunksize=max(1, min(16, len(pending) // (workers * 8))))
