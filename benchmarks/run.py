#!/usr/bin/env python3
"""Benchmarks for migrator, measured against 2to3 in the same run (so machine noise cancels).

    python benchmarks/run.py [--runs 3] [--corpus DIR]

Fetches ansible 2.1.0.0 (968 files of real Python 2) with
``pip download --no-deps --no-binary :all: ansible==2.1.0.0`` into a cache folder
(``$MIGRATOR_CORPUS_DIR`` or ``~/.cache/migrator-corpus``) and prints, as medians of
``--runs`` runs:

1. ``migrator fix`` over the whole tree (cold: no cache) vs ``python -m lib2to3 -w -n -j N``
   with the same number of processes — the target is a ratio of at most 0.5;
2. ``migrator check`` on one file, the whole process from start-up (pre-commit's case) —
   target under 0.3 s;
3. a warm re-run of ``migrator fix`` over the unchanged, already-migrated tree vs the cold
   run — target at most 0.1;
4. peak memory of a worker migrating the largest file — target under 300 MB;
5. ``migrator report`` over the tree vs ``migrator fix`` (the report must be faster);
6. the floor under any fixer that parses whole files with libcst (``benchmarks/floor.py``:
   lift, libcst parse, one traversal that changes nothing, code generation) vs 2to3.

lib2to3 ships with Python up to 3.12; on newer Pythons set ``--lib2to3-python``.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus(cache: str) -> str:
    target = os.path.join(cache, "ansible-2.1.0.0")
    if os.path.isdir(target):
        return target
    os.makedirs(cache, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", "ansible==2.1.0.0", "-d", cache],
        check=True,
    )
    with tarfile.open(os.path.join(cache, "ansible-2.1.0.0.tar.gz")) as tar:
        tar.extractall(cache, filter="data")
    return target


def timed(cmd: list[str], cwd: str | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, proc


def fresh_copy(src: str, work: str, name: str) -> str:
    dst = os.path.join(work, name)
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, symlinks=True)
    return dst


def migrator_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "migrator", *args]


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak RSS of the largest child process tree member, via wait4's rusage."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss / 1024.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--corpus", default=os.environ.get("MIGRATOR_CORPUS_DIR", os.path.expanduser("~/.cache/migrator-corpus")))
    ap.add_argument("--lib2to3-python", default=sys.executable)
    args = ap.parse_args()

    src = corpus(args.corpus)
    files = [os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith(".py")]
    lines = sum(open(f, "rb").read().count(b"\n") for f in files)
    largest = max(files, key=os.path.getsize)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}")
    print(f"corpus: ansible 2.1.0.0, {len(files)} .py files, {lines} lines; jobs={args.jobs}; runs={args.runs} (medians)\n")

    work = tempfile.mkdtemp(prefix="migrator-bench-")
    try:
        t2to3, tfix, twarm, treport, tfloor = [], [], [], [], []
        for _ in range(args.runs):
            tree = fresh_copy(src, work, "lib2to3")
            t, proc = timed([args.lib2to3_python, "-W", "ignore", "-m", "lib2to3", "-w", "-n", "-j", str(args.jobs), tree])
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
                return 1
            t2to3.append(t)

            tree = fresh_copy(src, work, "migrator")
            t, proc = timed(migrator_cmd("fix", "-q", "--no-cache", "-j", str(args.jobs), tree))
            tfix.append(t)
            tree = fresh_copy(src, work, "report")
            t, proc = timed(migrator_cmd("report", "--no-cache", "-j", str(args.jobs), "--format", "json", "-o", os.path.join(work, "r.json"), tree))
            treport.append(t)
            t, proc = timed([sys.executable, os.path.join(HERE, "floor.py"), "-j", str(args.jobs), src])
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
                return 1
            tfloor.append(t)

        # Warm: a tree already migrated once with the cache on; then re-run over it unchanged.
        tree = fresh_copy(src, work, "warm")
        subprocess.run(migrator_cmd("fix", "-q", "-j", str(args.jobs), tree), capture_output=True)
        cold_again = []
        for _ in range(args.runs):
            t, _ = timed(migrator_cmd("fix", "-q", "-j", str(args.jobs), tree))
            twarm.append(t)
            t, _ = timed(migrator_cmd("fix", "-q", "--no-cache", "-j", str(args.jobs), tree))
            cold_again.append(t)

        one = os.path.join(work, "one.py")
        shutil.copy(os.path.join(src, "lib", "ansible", "executor", "process", "worker.py"), one)
        # An installed tool has its bytecode compiled (pip does it at install time; an
        # editable install writes it on first import unless PYTHONDONTWRITEBYTECODE is set).
        import codemods
        import migrator

        for pkg in (migrator, codemods):
            subprocess.run(
                [sys.executable, "-m", "compileall", "-q", os.path.dirname(pkg.__file__)],
                capture_output=True, env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            )
        tcheck = [timed(migrator_cmd("check", "--no-cache", one))[0] for _ in range(max(5, args.runs))]

        big = os.path.join(work, "big.py")
        shutil.copy(largest, big)
        rss = peak_rss_mb(migrator_cmd("fix", "--no-cache", "-j", "1", big))

        m = statistics.median
        rows = [
            ("2to3 -w -n -j N, whole tree", f"{m(t2to3):.2f} s", "1.00x", ""),
            ("migrator fix, whole tree (cold)", f"{m(tfix):.2f} s", f"{m(tfix) / m(t2to3):.2f}x", "target <= 0.50x"),
            ("floor: lift + libcst parse + 1 pass + codegen", f"{m(tfloor):.2f} s", f"{m(tfloor) / m(t2to3):.2f}x", "(no codemod runs)"),
            ("migrator report, whole tree (cold)", f"{m(treport):.2f} s", f"{m(treport) / m(tfix):.2f}x of fix", "target < 1.00x of fix"),
            ("migrator fix, migrated tree, no cache", f"{m(cold_again):.2f} s", "1.00x", ""),
            ("migrator fix, migrated tree, warm cache", f"{m(twarm):.2f} s", f"{m(twarm) / m(cold_again):.2f}x", "target <= 0.10x"),
            ("migrator check, one file, whole process", f"{m(tcheck):.3f} s", "", "target < 0.300 s"),
            (f"peak RSS, fix of largest file ({os.path.getsize(largest) // 1024} KiB)", f"{rss:.0f} MB", "", "target < 300 MB"),
        ]
        width = max(len(r[0]) for r in rows)
        for name, value, ratio, target in rows:
            print(f"{name:<{width}}  {value:>10}  {ratio:>14}  {target}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
