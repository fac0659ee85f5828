"""Runtime hazard tests: Linux only (they read /proc and fork)."""
from __future__ import annotations

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)


def pytest_collection_modifyitems(config, items):
    if sys.platform.startswith("linux") and os.path.isdir("/proc/self"):
        return
    skip = pytest.mark.skip(reason="runtime fork/signal tests need Linux with /proc")
    for item in items:
        if "runtime" in str(item.fspath):
            item.add_marker(skip)
