"""Stage 1 — read: bytes from disk to text, remembering everything needed to write them back.

A :class:`Source` keeps the raw bytes, the decoded text (line endings untouched, so CRLF
stays CRLF), the encoding named by the PEP 263 cookie (Python 2's rule: none means ASCII,
which we read as its superset UTF-8), whether the file began with a UTF-8 BOM, and the
file mode. :func:`encode` turns new text back into bytes the same way.
"""
from __future__ import annotations

import codecs
import io
import os
import stat
import tokenize
from dataclasses import dataclass

from migrator.findings import MigratorError


@dataclass(frozen=True)
class Source:
    path: str
    raw: bytes
    text: str
    encoding: str  # codec name used to decode, e.g. "utf-8", "iso-8859-1"
    bom: bool
    mode: int  # st_mode of the file (0 for in-memory sources)


def decode(raw: bytes, path: str = "<string>", mode: int = 0) -> Source:
    """Decode Python source bytes; raise :class:`MigratorError` for binary or undecodable input."""
    nul = raw.find(b"\0")
    if nul != -1:
        line = raw.count(b"\n", 0, nul) + 1
        raise MigratorError("binary file (NUL byte), not Python source", line)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as exc:
        raise MigratorError(f"bad encoding declaration: {exc.msg}", getattr(exc, "lineno", 0) or 1)
    bom = raw.startswith(codecs.BOM_UTF8)
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    body = raw[len(codecs.BOM_UTF8):] if bom else raw
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise MigratorError(
            f"cannot decode as {codec} (byte 0x{body[exc.start]:02x}); add a coding cookie such as"
            " '# -*- coding: latin-1 -*-'",
            line,
        )
    return Source(path=path, raw=raw, text=text, encoding=codec, bom=bom, mode=mode)


def read_source(path: str) -> Source:
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise MigratorError("not a regular file")
    with open(path, "rb") as fh:
        raw = fh.read()
    return decode(raw, path, st.st_mode)


def encode(source: Source, text: str) -> bytes:
    """New text to bytes, in the source's encoding and with its BOM if it had one."""
    try:
        data = text.encode(source.encoding)
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise MigratorError(f"new text cannot be encoded as {source.encoding}", line)
    return (codecs.BOM_UTF8 + data) if source.bom else data
