#!/usr/bin/env python3
"""The least any libcst-based fixer must spend on a tree: the floor under ``migrator fix``.

    python benchmarks/floor.py DIR [-j N] [--no-lift]

For every ``.py`` file under DIR, in a pool of N processes (as ``migrator fix -j N``
and ``2to3 -j N`` use): read it, lift it to Python 3 grammar (migrator's own lift: the
Python 2 files need it before libcst can read them), parse it with libcst, run one
transformer that changes nothing over the whole tree (what the single traversal of all
codemods costs before any codemod does anything) and generate the code again. Nothing is
written. ``benchmarks/run.py`` times this beside 2to3 and ``migrator fix``: the ratio to
2to3 is the lowest a design that parses whole files with libcst can reach.
"""
from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor

_LIFT = True


def _init(lift: bool) -> None:
    global _LIFT
    _LIFT = lift


def _one(path: str) -> int:
    import libcst as cst

    from migrator.read import read_source

    text = read_source(path).text
    if _LIFT:
        from migrator.lift import lift

        text = lift(text, path=path).text
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError:
        return 0
    return len(module.visit(cst.CSTTransformer()).code)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-lift", action="store_true", help="parse the files as they are (Python 3 sources)")
    args = ap.parse_args()
    files = sorted(
        (os.path.join(d, f) for d, _, fs in os.walk(args.dir) for f in fs if f.endswith(".py")),
        key=os.path.getsize, reverse=True,
    )
    with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(not args.no_lift,)) as pool:
        total = sum(pool.map(_one, files, chunksize=8))
    print(f"{len(files)} files, {total} characters generated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
