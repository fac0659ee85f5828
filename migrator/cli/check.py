"""``migrator check``: report fork/multiprocessing/subprocess/signal hazards (Python 2 or 3)."""
from __future__ import annotations

import sys

from migrator.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_common


def add_parser(sub) -> None:
    p = sub.add_parser("check", help="find fork/subprocess/signal hazards", description=__doc__)
    add_common(p)
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    p.set_defaults(run=run)


def run(args) -> int:
    from migrator.cli.common import discover_files, display, progress, settings_from
    from migrator.engine import CHECK, Job, run as run_files

    settings = settings_from(args)
    files, missing = discover_files(args, settings)
    job = Job(mode=CHECK, settings=settings, write=False)
    errors = 0
    results = []
    for result in progress(run_files(files, job, jobs=settings.jobs), len(files), args):
        if result.status == "failed":
            errors += 1
            err = result.error
            print(f"{display(result.path)}:{err.line if err else 0}: error: {err.message if err else 'failed'}", file=sys.stderr)
        results.append(result)
    findings = sorted(((display(r.path), f) for r in results for f in r.findings), key=lambda x: (x[0], x[1]))
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for name, f in findings:
            out.write(f"{name}:{f.line}:{f.col}: {f.code} {f.message}\n")
    finally:
        if args.output:
            out.close()
    if errors or missing:
        return EXIT_USAGE
    return EXIT_FINDINGS if findings else EXIT_OK
