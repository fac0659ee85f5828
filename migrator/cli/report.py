"""``migrator report``: the migration readiness report for a repository.

What blocks Python 3, what ``migrator fix`` will change by itself (counted by codemod, from a
dry run: nothing is written), what needs a person, which Ansible 2.1 API uses break at which
ansible-core release, which fork hazards exist, which dependencies are not ready, a score
per file and overall (the formula is printed in the report) and, with --baseline, what
moved since the last report.

Output: without -o and --format, Markdown on standard output (for a terminal or a
pull-request comment). With -o FILE the format follows the extension (.html, .md, .json)
unless --format says otherwise; --format html without -o writes migrator-report.html.
"-o -" is standard output. Exit status 0 when the report was produced, 2 on usage errors.
"""
from __future__ import annotations

import argparse
import os
import re
import sys

from migrator.cli import EXIT_OK, EXIT_USAGE, add_common

DEFAULT_HTML = "migrator-report.html"
_EXT = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


def add_parser(sub) -> None:
    p = sub.add_parser(
        "report",
        help="migration readiness report (HTML, Markdown or JSON)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(p)
    p.add_argument("--format", choices=("html", "md", "json"), help="report format (default: from -o's extension, else md)")
    p.add_argument("-o", "--output", metavar="FILE", help=f"write the report here ('-': standard output; html default: {DEFAULT_HTML})")
    p.add_argument("--baseline", metavar="PREVIOUS.json", help="a JSON report from before: show what moved since")
    p.add_argument("--target-version", metavar="3.X", help="Python version the code must run on (default: [tool.migrator] target-version, else 3.11)")
    p.add_argument("--links", metavar="PREFIX", help="prefix for links to source lines, e.g. https://host/org/repo/blob/main/ (default: paths relative to the report file)")
    p.set_defaults(run=run)


def _choose(args) -> tuple[str, str]:
    """(format, output path or '-')."""
    output = args.output
    fmt = args.format
    if fmt is None:
        fmt = _EXT.get(os.path.splitext(output)[1].lower(), "md") if output and output != "-" else "md"
    if output is None:
        output = DEFAULT_HTML if fmt == "html" else "-"
    return fmt, output


def run(args) -> int:
    from migrator import config
    from migrator.cli.common import discover_files, progress, settings_from
    from migrator.findings import MigratorError
    from migrator.report import render
    from migrator.report.collect import collect

    fmt, output = _choose(args)
    if args.target_version is not None and not re.fullmatch(r"3\.\d{1,2}", args.target_version):
        raise MigratorError(f"--target-version {args.target_version!r}: expected 3.X (e.g. 3.11)")
    baseline = None
    if args.baseline:
        from migrator.report.trend import load_baseline

        baseline = load_baseline(args.baseline)
    settings = settings_from(args)
    if args.target_version:
        settings = config.override(settings, target_version=args.target_version)
    files, missing = discover_files(args, settings)
    if missing:
        return EXIT_USAGE
    model = collect(files, settings, paths=args.paths, wrap=lambda results: progress(results, len(files), args))
    if baseline is not None:
        from migrator.report.trend import compare

        model["trend"] = compare(model, baseline, args.baseline)
    text = render(model, fmt, output=None if output == "-" else output, link_prefix=args.links)
    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        folder = os.path.dirname(os.path.abspath(output))
        try:
            os.makedirs(folder, exist_ok=True)
            tmp = f"{output}.tmp{os.getpid()}"
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, output)
        except OSError as exc:
            raise MigratorError(f"{output}: cannot write: {exc.strerror}")
    if args.quiet < 2:
        s = model["summary"]
        where = "" if output == "-" else f" → {output}"
        print(
            f"report{where}: {s['files']} file(s), score {s['score']:.1f}/10, {s['parses']} parse as Python 3, "
            f"{s['phases']['fixable']} fixable, {s['phases']['review']} need review, {s['phases']['done']} done",
            file=sys.stderr,
        )
    return EXIT_OK
