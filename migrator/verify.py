"""Stage 5 — verify: nothing is written unless the new text parses as Python 3."""
from __future__ import annotations

import ast
import warnings

from migrator.findings import MigratorError


def verify(text: str, path: str = "<string>") -> None:
    """Raise :class:`MigratorError` (with the line) if ``text`` is not valid Python 3."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences etc. are not our business here
        try:
            compile(text, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        except SyntaxError as exc:
            raise MigratorError(
                f"result does not parse as Python 3: {exc.msg}", exc.lineno or 0, exc.offset or 0
            ) from None
        except ValueError as exc:  # e.g. "source code string cannot contain null bytes"
            raise MigratorError(f"result does not parse as Python 3: {exc}") from None
