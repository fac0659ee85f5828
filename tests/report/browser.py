"""Headless Chromium for the HTML report tests, and a PNG reader (stdlib only: zlib + struct)."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from typing import Optional

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--force-device-scale-factor=1",
]


def find_chromium() -> Optional[str]:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


def _run(args: list[str], timeout: int) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="migrator-chromium-") as profile:
        return subprocess.run(
            [find_chromium() or "chromium", *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL,
        )


def screenshot(html_path: str, png_path: str, width: int = 1400, height: int = 1800, timeout: int = 180) -> None:
    proc = _run([f"--screenshot={png_path}", f"--window-size={width},{height}", "file://" + os.path.abspath(html_path)], timeout)
    if not os.path.exists(png_path):
        raise RuntimeError(f"chromium wrote no screenshot (exit {proc.returncode}): {proc.stderr.decode(errors='replace')[-2000:]}")


def dump_dom(html_path: str, timeout: int = 180) -> str:
    proc = _run(["--dump-dom", "file://" + os.path.abspath(html_path)], timeout)
    return proc.stdout.decode("utf-8", "replace")


def read_png(path: str) -> tuple[int, int, list[bytearray]]:
    """(width, height, rows of RGB bytes) of an 8-bit RGB/RGBA, non-interlaced PNG."""
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, []
    width = height = color = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or color not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG: depth {depth}, color type {color}, interlace {interlace}")
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    bpp = 3 if color == 2 else 4
    stride = width * bpp
    rows: list[bytearray] = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if kind == 1:
            for x in range(bpp, stride):
                line[x] = (line[x] + line[x - bpp]) & 0xFF
        elif kind == 2:
            for x in range(stride):
                line[x] = (line[x] + prev[x]) & 0xFF
        elif kind == 3:
            for x in range(stride):
                left = line[x - bpp] if x >= bpp else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 0xFF
        elif kind == 4:
            for x in range(stride):
                a = line[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        prev = line
        if bpp == 4:
            rgb = bytearray(width * 3)
            rgb[0::3], rgb[1::3], rgb[2::3] = line[0::4], line[1::4], line[2::4]
            rows.append(rgb)
        else:
            rows.append(line)
    return width, height, rows


def hex_rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def count_color(rows: list[bytearray], color: str, tolerance: int = 6, y0: int = 0, y1: Optional[int] = None) -> int:
    """Pixels within ``tolerance`` (per channel) of ``color`` in rows y0..y1."""
    r, g, b = hex_rgb(color)
    n = 0
    for row in rows[y0:y1]:
        for x in range(0, len(row), 3):
            if abs(row[x] - r) <= tolerance and abs(row[x + 1] - g) <= tolerance and abs(row[x + 2] - b) <= tolerance:
                n += 1
    return n


def rows_with_color(rows: list[bytearray], color: str, tolerance: int = 6, min_run: int = 40) -> list[int]:
    """The y of every row holding a horizontal run of at least ``min_run`` pixels of ``color``."""
    r, g, b = hex_rgb(color)
    out = []
    for y, row in enumerate(rows):
        run = 0
        for x in range(0, len(row), 3):
            if abs(row[x] - r) <= tolerance and abs(row[x + 1] - g) <= tolerance and abs(row[x + 2] - b) <= tolerance:
                run += 1
                if run >= min_run:
                    out.append(y)
                    break
            else:
                run = 0
    return out
