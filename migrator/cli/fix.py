"""``migrator fix``: rewrite Python 2 (and Ansible 2.1 API) code as Python 3 in place."""
from __future__ import annotations

import sys
import time

from migrator.cli import EXIT_FINDINGS, EXIT_OK, add_common


def add_parser(sub) -> None:
    p = sub.add_parser("fix", help="rewrite files in place (or show a diff)", description=__doc__)
    add_common(p)
    p.add_argument("--diff", action="store_true", help="print a unified diff, write nothing")
    p.add_argument("--check", action="store_true", help="write nothing; exit 1 if anything would change")
    p.set_defaults(run=run)


def run(args) -> int:
    from migrator.cli.common import discover_files, display, progress, settings_from
    from migrator.engine import FIX, Job, run as run_files

    started = time.monotonic()
    settings = settings_from(args)
    files, missing = discover_files(args, settings)
    job = Job(mode=FIX, settings=settings, write=not (args.diff or args.check), diff=args.diff)
    changed = unchanged = failed = reviews = 0
    for result in progress(run_files(files, job, jobs=settings.jobs), len(files), args):
        name = display(result.path)
        if result.status == "failed":
            failed += 1
            err = result.error
            where = f"{name}:{err.line}" if err and err.line else name
            print(f"{where}: error: {err.message if err else 'failed'}", file=sys.stderr)
            continue
        review = [f for f in result.findings if f.kind.value == "review"]
        reviews += len(review)
        if result.status == "changed":
            changed += 1
            if result.diff:
                sys.stdout.write(result.diff)
            elif args.check and not args.quiet:
                print(f"would change {name}")
            elif args.verbose and not args.diff:
                codes = sorted({f.code for f in result.findings if f.kind.value == "change"})
                print(f"{'changed' if job.write else 'would change'} {name} ({', '.join(codes)})")
        else:
            unchanged += 1
        if args.verbose:
            for f in review:
                print(f"{name}:{f.line}:{f.col}: {f.code} needs review: {f.message}")
    elapsed = time.monotonic() - started
    if args.quiet < 2:
        verb = "changed" if job.write else "would change"
        line = f"{changed} file(s) {verb}, {unchanged} unchanged, {failed + missing} failed"
        if reviews:
            line += f", {reviews} place(s) need review" + ("" if args.verbose else " (-v lists them)")
        print(f"{line} in {elapsed:.2f}s", file=sys.stderr)
    if failed or missing:
        return EXIT_FINDINGS
    if args.check and changed:
        return EXIT_FINDINGS
    return EXIT_OK
