"""``migrator report``: the migration readiness report (built in its own issue)."""
from __future__ import annotations


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="migration readiness report for a repository")
    p.add_argument("paths", nargs="+")
    p.set_defaults(run=run)


def run(args) -> int:
    raise SystemExit("migrator report: not built yet")
