#!/usr/bin/env python3
"""How well migrator and 2to3 migrate real Python 2, measured on the same files.

    pip install -e ".[test]"       # includes ruff, for the undefined-name count
    python benchmarks/quality.py [--corpus DIR] [--jobs N]

Fetches ansible 2.1.0.0 and Fabric 1.14.1 with
``pip download --no-deps --no-binary :all: <name>==<version>`` into a cache folder
(``$MIGRATOR_CORPUS_DIR`` or ``~/.cache/migrator-corpus``), copies each tree three times
(untouched, ``python -m lib2to3 -w -n``, ``migrator fix``) and prints, per tree:

* ``.py`` files that do not compile under this Python 3;
* ``ruff check --select F821`` (undefined name) hits for the Python 2 builtins that
  Python 3 removed: unicode, basestring, long, xrange, raw_input, unichr, reduce, file,
  execfile, cmp, buffer, apply, intern, coerce, reload, StandardError;
* ``list(`` calls added (2to3 wraps every dict view / map / filter / zip in ``list()``;
  migrator only where the code needs a list) and ``iter(`` calls added;
* for migrator, what a second ``migrator fix --check`` would still change (must be 0).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import warnings

CORPORA = (("ansible", "2.1.0.0"), ("Fabric", "1.14.1"))
NAMES = (
    "unicode basestring long xrange raw_input unichr reduce file execfile cmp buffer apply intern "
    "coerce reload StandardError"
).split()


def corpus(cache: str, name: str, version: str) -> str:
    target = os.path.join(cache, f"{name}-{version}")
    if os.path.isdir(target):
        return target
    os.makedirs(cache, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", f"{name}=={version}", "-d", cache],
        check=True,
    )
    with tarfile.open(os.path.join(cache, f"{name}-{version}.tar.gz")) as tar:
        tar.extractall(cache, filter="data")
    return target


def py_files(root: str) -> list[str]:
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".py"))


def not_compiling(root: str) -> list[str]:
    bad = []
    for path in py_files(root):
        with open(path, "rb") as fh:
            data = fh.read()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compile(data, path, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            bad.append(os.path.relpath(path, root))
    return bad


def undefined(root: str) -> dict[str, int]:
    proc = subprocess.run(
        ["ruff", "check", "--isolated", "--no-cache", "--select", "F821", "--output-format", "json", "--exit-zero", root],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"ruff failed: {proc.stderr[-500:]}")
    counts = dict.fromkeys(NAMES, 0)
    for item in json.loads(proc.stdout or "[]"):
        m = re.search(r"`(\w+)`", item.get("message", ""))
        if m and m.group(1) in counts:
            counts[m.group(1)] += 1
    return counts


def calls(root: str, name: str) -> int:
    pattern = re.compile(rb"(?<![\w.])" + name.encode() + rb"\(")
    total = 0
    for path in py_files(root):
        with open(path, "rb") as fh:
            total += len(pattern.findall(fh.read()))
    return total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=os.environ.get("MIGRATOR_CORPUS_DIR", os.path.expanduser("~/.cache/migrator-corpus")))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--lib2to3-python", default=sys.executable)
    args = ap.parse_args()
    if shutil.which("ruff") is None:
        print("needs ruff on PATH: pip install ruff (or pip install -e '.[bench]')", file=sys.stderr)
        return 2

    work = tempfile.mkdtemp(prefix="migrator-quality-")
    rows = []
    try:
        for name, version in CORPORA:
            src = corpus(args.corpus, name, version)
            trees = {}
            for tool in ("original", "2to3", "migrator"):
                trees[tool] = os.path.join(work, f"{name}-{tool}")
                shutil.copytree(src, trees[tool], symlinks=True)
            start = time.perf_counter()
            subprocess.run(
                [args.lib2to3_python, "-W", "ignore", "-m", "lib2to3", "-w", "-n", "-j", str(args.jobs), trees["2to3"]],
                capture_output=True,
            )
            t2to3 = time.perf_counter() - start
            start = time.perf_counter()
            fix = subprocess.run(
                [sys.executable, "-m", "migrator", "fix", "--no-cache", "-j", str(args.jobs), trees["migrator"]],
                capture_output=True,
                text=True,
            )
            tfix = time.perf_counter() - start
            second = subprocess.run(
                [sys.executable, "-m", "migrator", "fix", "--check", "--no-cache", "-j", str(args.jobs), trees["migrator"]],
                capture_output=True,
                text=True,
            )
            pending = [ln for ln in second.stdout.splitlines() if ln.startswith("would change")]
            count = len(py_files(src))
            base_list, base_iter = calls(trees["original"], "list"), calls(trees["original"], "iter")
            for tool in ("original", "2to3", "migrator"):
                bad = not_compiling(trees[tool])
                und = undefined(trees[tool])
                rows.append(
                    {
                        "corpus": f"{name} {version}",
                        "tool": tool,
                        "files": count,
                        "not_compiling": bad,
                        "undefined": und,
                        "list_added": calls(trees[tool], "list") - base_list,
                        "iter_added": calls(trees[tool], "iter") - base_iter,
                        "seconds": {"2to3": t2to3, "migrator": tfix}.get(tool),
                        "second_run_changes": (len(pending) if second.returncode in (0, 1) else None) if tool == "migrator" else None,
                        "summary": fix.stderr.strip().splitlines()[-1:] if tool == "migrator" else None,
                    }
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("| corpus | tool | .py files | do not compile | F821 for the 16 removed builtins | list( added | iter( added | second run changes |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        und = r["undefined"]
        total = sum(und.values())
        detail = ", ".join(f"{k} {v}" for k, v in und.items() if v)
        print(
            f"| {r['corpus']} | {r['tool']} | {r['files']} | {len(r['not_compiling'])} | {total}"
            f"{' (' + detail + ')' if detail else ''} | {r['list_added'] if r['tool'] != 'original' else ''} "
            f"| {r['iter_added'] if r['tool'] != 'original' else ''} "
            f"| {'' if r['second_run_changes'] is None else r['second_run_changes']} |"
        )
    for r in rows:
        if r["tool"] != "original" and r["not_compiling"]:
            print(f"\n{r['tool']} on {r['corpus']}: does not compile: " + ", ".join(r["not_compiling"]))
        if r["summary"]:
            print(f"\nmigrator fix on {r['corpus']}: {r['summary'][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
