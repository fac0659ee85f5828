"""Shared test setup: make the helpers in tests/ (py2.py, corpus.py) importable from any test folder."""
from __future__ import annotations

import os
import sys

TESTS = os.path.dirname(os.path.abspath(__file__))
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
