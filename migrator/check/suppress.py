"""Suppression comments: ``# migrator: ignore[ID,...]`` / ``# noqa: ID`` on a line, and
``# migrator: ignore-file`` / ``# migrator: ignore-file[ID,...]`` anywhere in a file."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(
    r"#\s*(?:migrator:\s*ignore(?!-file)(?:\[(?P<ids>[^\]]*)\])?|noqa(?::\s*(?P<noqa>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?)",
    re.IGNORECASE,
)
_FILE = re.compile(r"#\s*migrator:\s*ignore-file(?:\[(?P<ids>[^\]]*)\])?", re.IGNORECASE)
ALL = "*"


def _ids(group: str | None) -> set[str]:
    if not group:
        return {ALL}
    return {part.strip().upper() for part in re.split(r"[\s,]+", group) if part.strip()}


@dataclass
class Suppressions:
    per_line: dict[int, set[str]] = field(default_factory=dict)
    whole_file: set[str] = field(default_factory=set)

    def covers(self, line: int, code: str) -> bool:
        for ids in (self.whole_file, self.per_line.get(line, ())):
            if ALL in ids or code in ids or any(code.startswith(i) for i in ids):
                return True
        return False


def scan(text: str) -> Suppressions:
    """Find suppression comments. Cheap: only lines containing '#' are looked at."""
    result = Suppressions()
    if "#" not in text:
        return result
    for number, line in enumerate(text.splitlines(), start=1):
        if "#" not in line:
            continue
        m = _FILE.search(line)
        if m:
            result.whole_file |= _ids(m.group("ids"))
            continue
        m = _LINE.search(line)
        if m:
            result.per_line.setdefault(number, set()).update(_ids(m.group("ids") or m.group("noqa")))
    return result
