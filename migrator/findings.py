"""What the pipeline reports about a file: changes made, things that need a person, hazards, errors.

Every stage speaks in :class:`Finding` records so the command line, the cache and the
report aggregate one shape.  Line and column are 1-based and always refer to the file as
the user has it on disk (the lift keeps a line map so findings on lifted text point back
at the original lines).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Kind(str, Enum):
    CHANGE = "change"  # a codemod or the lift rewrote something
    REVIEW = "review"  # a codemod saw something it must not decide alone
    HAZARD = "hazard"  # a checker rule fired
    ERROR = "error"  # the file could not be read, lifted, parsed or verified


@dataclass(frozen=True, order=True)
class Finding:
    line: int
    col: int
    code: str
    message: str
    kind: Kind = field(default=Kind.CHANGE, compare=False)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["kind"] = self.kind.value
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        return cls(
            line=d["line"], col=d["col"], code=d["code"], message=d["message"], kind=Kind(d["kind"])
        )


class MigratorError(Exception):
    """A problem with one input file; carries the line it happened on (1-based, 0 if unknown)."""

    def __init__(self, message: str, line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message
