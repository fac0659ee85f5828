"""``migrator rules`` / ``migrator codemods`` / ``migrator explain ID``: the catalogue."""
from __future__ import annotations

import sys


def add_parser(sub) -> None:
    p = sub.add_parser("rules", help="list every checker rule and codemod")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run_rules, what="all")
    p = sub.add_parser("codemods", help="list every codemod")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run_rules, what="codemods")
    p = sub.add_parser("explain", help="print the documentation of a rule or codemod")
    p.add_argument("id", metavar="ID")
    p.set_defaults(run=run_explain)


def _catalogue(what: str) -> list[dict]:
    from codemods.registry import all_codemods

    items = []
    if what == "all":
        from migrator.check.registry import all_rules

        for r in all_rules():
            items.append({"id": r.ID, "name": r.NAME, "kind": "rule", "group": r.GROUP, "summary": r.MESSAGE, "cls": r})
    for c in all_codemods():
        items.append({"id": c.ID, "name": c.NAME, "kind": "codemod", "group": c.FAMILY, "summary": c.DESCRIPTION, "cls": c})
    from migrator.lift.codes import ALL as LIFT_REWRITES

    for rewrite in LIFT_REWRITES:
        items.append({"id": rewrite.code, "name": rewrite.name, "kind": "lift", "group": "python2-grammar", "summary": rewrite.summary, "cls": None})
    return items


def run_rules(args) -> int:
    items = _catalogue(args.what)
    if args.format == "json":
        import json

        print(json.dumps([{k: v for k, v in i.items() if k != "cls"} for i in items], indent=2))
        return 0
    group = None
    for item in items:
        heading = f"{item['kind']}s: {item['group']}"
        if heading != group:
            group = heading
            print(f"\n{heading}")
        print(f"  {item['id']:<6} {item['name']:<36} {item['summary']}")
    return 0


def explain_text(code: str) -> str | None:
    import inspect  # here, not at the top: every command's start-up imports this module

    code = code.upper()
    for item in _catalogue("all"):
        if item["id"] != code:
            continue
        cls = item["cls"]
        lines = [f"{item['id']} {item['name']} ({item['kind']}, {item['group']})", ""]
        if cls is None:
            lines.append(item["summary"])
            return "\n".join(lines)
        lines.append(inspect.cleandoc(cls.__doc__ or item["summary"]))
        if item["kind"] == "codemod":
            lines += ["", "Examples:"]
            for ex in cls.EXAMPLES:
                lines += ["", "  before:", *("    " + l for l in inspect.cleandoc(ex.before).splitlines())]
                if ex.after is None:
                    lines.append("  after: unchanged")
                else:
                    lines += ["  after:", *("    " + l for l in inspect.cleandoc(ex.after).splitlines())]
                if ex.review:
                    lines.append("  needs review: " + ", ".join(ex.review))
        else:
            lines += ["", f"Message: {cls.MESSAGE}"]
        return "\n".join(lines)
    return None


def run_explain(args) -> int:
    text = explain_text(args.id)
    if text is None:
        print(f"migrator: error: no rule or codemod {args.id!r} (see 'migrator rules')", file=sys.stderr)
        return 2
    print(text)
    return 0
