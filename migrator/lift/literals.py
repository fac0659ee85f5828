"""Rewrites of Python 2 literals: long and octal integers, ``ur''`` strings, escapes in byte strings.

All of these change only the token itself.
"""

from __future__ import annotations

import re

from fissix import pytree

from migrator.lift import codes
from migrator.lift.grammar import syms
from migrator.lift.tree import Context

# A backslash and the character it escapes (pairs, so "\\\\u" is not an escape of u).
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# A run of backslashes followed by u/U; the run's length decides if it is an escape.
_UNICODE_ESCAPE_RUN = re.compile(r"(\\+)[uU]")


def number(leaf: pytree.Leaf, ctx: Context) -> None:
    """``10L`` → ``10``; ``0777`` → ``0o777`` (``0777L`` gets both)."""
    value = leaf.value
    long_suffix = value[-1] in "lL"
    if long_suffix:
        value = value[:-1]
        ctx.record(codes.LONG_SUFFIX, leaf)
    if len(value) > 1 and value[0] == "0" and value.isdigit() and value.strip("0"):
        value = "0o" + value[1:]
        ctx.record(codes.OCTAL_LITERAL, leaf)
    elif (
        long_suffix and value.isdigit()
    ):  # 7L.real was fine, 7.real is not: keep the dot apart
        after = leaf.next_sibling
        if (
            after is not None
            and after.type == syms.trailer
            and after.children[0].value == "."
            and not after.prefix
        ):
            after.prefix = " "
    leaf.value = value


def string(leaf: pytree.Leaf, ctx: Context) -> None:
    """``ur'..'`` strings, and ``\\u``/``\\U``/``\\N`` inside Python 2 byte strings."""
    value = leaf.value
    if value[0] in "'\"":  # no prefix: a byte string in Python 2
        if not ctx.unicode_literals and "\\" in value:
            new = _ESCAPE.sub(_double_unicode_escape, value)
            if new != value:
                leaf.value = new
                ctx.record(codes.STR_UNICODE_ESCAPE, leaf)
        return
    quote_at = min(i for i in (value.find("'"), value.find('"')) if i >= 0)
    prefix = value[:quote_at]
    lowered = prefix.lower()
    if "u" in lowered and "r" in lowered:
        leaf.value = _lift_ur_string(prefix, value[quote_at:])
        ctx.record(codes.UR_PREFIX, leaf)


def _double_unicode_escape(match: re.Match[str]) -> str:
    char = match.group(1)
    if char in "uUN":
        return "\\\\" + char
    return match.group(0)


def _lift_ur_string(prefix: str, quoted: str) -> str:
    """The Python 3 spelling of the Python 2 ``ur`` literal ``prefix + quoted``.

    In Python 2 a ``ur''`` string is raw except that ``\\uXXXX`` and ``\\UXXXXXXXX`` are
    still decoded when preceded by an odd number of backslashes.  Without such an escape
    the literal is just a raw string (``r'...'``); with one, it becomes an ordinary string
    with every other backslash doubled.
    """
    quote = quoted[:3] if quoted[:3] in ("'''", '"""') else quoted[0]
    body = quoted[len(quote) : -len(quote)]
    raw_prefix = prefix.replace("u", "").replace("U", "")
    if not any(len(m.group(1)) % 2 for m in _UNICODE_ESCAPE_RUN.finditer(body)):
        return raw_prefix + quoted
    u_prefix = prefix.replace("r", "").replace("R", "")
    return u_prefix + quote + _unraw(body, quote) + quote


def _unraw(body: str, quote: str) -> str:
    """Body of a raw-unicode literal spelled as a non-raw literal with the same value."""
    out: list[str] = []
    i, n = 0, len(body)
    triple = len(quote) == 3
    while i < n:
        ch = body[i]
        if ch == "\\":
            j = i
            while j < n and body[j] == "\\":
                j += 1
            run = j - i
            if run % 2 and j < n and body[j] in "uU":
                width = 4 if body[j] == "u" else 8
                out.append("\\\\" * (run - 1))
                out.append("\\" + body[j : j + 1 + width])
                i = j + 1 + width
            else:
                out.append("\\\\" * run)
                i = j
            continue
        if ch == quote[0]:
            out.append("\\" + ch)
        elif ch in "\r\n" and not triple:
            # a raw string keeps backslash-newline; spell the newline as \n and continue
            # the literal on the next line so the line count stays the same
            end = i + 2 if body.startswith("\r\n", i) else i + 1
            out.append("\\n\\" + body[i:end])
            i = end
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out)
