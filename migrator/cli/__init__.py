"""The command line: argument parsing and wiring only. Each subcommand lives in its own
module with ``add_parser(subparsers)`` and ``run(args) -> int``; the module is imported
only for the subcommand that runs, so ``migrator check one.py`` stays fast."""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Optional, Sequence

from migrator import __version__

SUBCOMMANDS = ("fix", "check", "report", "docs")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def add_common(parser: argparse.ArgumentParser, *, paths: bool = True) -> None:
    if paths:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--select", action="append", metavar="ID,...", help="only these codemod/rule ids or prefixes")
    parser.add_argument("--ignore", action="append", metavar="ID,...", help="leave these ids or prefixes out")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores)")
    parser.add_argument("--config", metavar="FILE", help="pyproject.toml to read [tool.migrator] from")
    parser.add_argument("--ansible-target", metavar="VERSION", help="ansible-core release to migrate to (default: installed, else 2.19)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write .migrator_cache")
    parser.add_argument("--force-exclude", action="store_true", help="apply excludes to files named on the command line too")
    parser.add_argument("-q", "--quiet", action="count", default=0, help="less output")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more output")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="migrator",
        description="Move Python 2 + Ansible 2.1 deploy services to Python 3 + ansible-core, and keep them from leaking processes.",
    )
    parser.add_argument("--version", action="version", version=f"migrator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in SUBCOMMANDS:
        importlib.import_module(f"migrator.cli.{name}").add_parser(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from migrator.findings import MigratorError

    try:
        return args.run(args)
    except MigratorError as exc:
        print(f"migrator: error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("migrator: interrupted", file=sys.stderr)
        return 130
