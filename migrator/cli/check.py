"""``migrator check``: report fork/multiprocessing/subprocess/signal hazards (Python 2 or 3).

Output: ``path:line:col: ID message`` (text), ``--format json`` or ``--format sarif`` (SARIF
2.1.0). Exit status: 0 no findings, 1 findings, 2 usage or read errors.
"""
from __future__ import annotations

import sys

from migrator.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_common


def add_parser(sub) -> None:
    p = sub.add_parser(
        "check",
        help="find fork/subprocess/signal hazards",
        description=__doc__,
        epilog="Suppress one finding with '# migrator: ignore[FK101]' (or '# noqa: FK101') on its line, "
        "a file with '# migrator: ignore-file[FK1]', paths with [tool.migrator] per-file-ignores. "
        "'migrator rules' lists the checks, 'migrator explain ID' documents one.",
    )
    add_common(p)
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="report format (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of stdout")
    p.add_argument("--baseline", metavar="FILE", help="report only findings that FILE (from --write-baseline or --format json) does not hold")
    p.add_argument("--write-baseline", metavar="FILE", help="write every current finding to FILE as a baseline and exit 0")
    p.set_defaults(run=run)


def run(args) -> int:
    from migrator.check import baseline as bl
    from migrator.check import output
    from migrator.cli.common import discover_files, display, progress, settings_from
    from migrator.engine import CHECK, Job, run as run_files, selected_rules

    settings = settings_from(args)
    known = bl.load(args.baseline) if args.baseline else None
    files, missing = discover_files(args, settings)
    job = Job(mode=CHECK, settings=settings, write=False)
    results = list(progress(run_files(files, job, jobs=settings.jobs), len(files), args))
    report = output.collect(results, settings.root, display)
    for failure in report.failures:
        where = f"{failure.display}:{failure.line}" if failure.line else failure.display
        print(f"{where}: error: {failure.message}", file=sys.stderr)

    rules = selected_rules(settings)
    by_id = {r.ID: r for r in rules}
    if args.write_baseline:
        bl.write(args.write_baseline, report, by_id)
        if args.quiet < 2:
            print(f"migrator: wrote {len(report.items)} finding(s) to {args.write_baseline}", file=sys.stderr)
        return EXIT_USAGE if (report.failures or missing) else EXIT_OK
    if known is not None:
        bl.apply(report, known)

    if args.format == "json":
        text = output.as_json(report, by_id)
    elif args.format == "sarif":
        text = output.sarif(report, rules)
    else:
        text = output.text(report)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as out:
                out.write(text)
        except OSError as exc:
            print(f"migrator: error: {args.output}: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
    else:
        sys.stdout.write(text)
    if args.format == "text" and not args.quiet and (report.items or report.baselined) and sys.stderr.isatty():
        extra = f" ({report.baselined} known from the baseline)" if report.baselined else ""
        print(f"{len(report.items)} finding(s){extra}", file=sys.stderr)
    if report.failures or missing:
        return EXIT_USAGE
    return EXIT_FINDINGS if report.items else EXIT_OK
