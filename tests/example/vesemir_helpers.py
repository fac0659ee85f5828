"""Helpers of the issue-6 example tests (tests/example/): paths, the example's scripts loaded as
modules, the real ``migrator`` command line, and a safety net that kills, by PID, anything a
reproduce.py run left behind."""
from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP_DIR = os.path.join(REPO, "examples", "legacy_vesemir")
SCRIPTS = os.path.join(APP_DIR, "scripts")
README = os.path.join(APP_DIR, "README.md")
LEGACY_ANSWERS = os.path.join(SCRIPTS, "legacy_api_answers.json")


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"vesemir_{name}", os.path.join(SCRIPTS, f"{name}.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def migrator(*args: str, cwd: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """The real command line, in a subprocess, this checkout first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = REPO + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return subprocess.run([sys.executable, "-m", "migrator", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)


def line_of(path: str, text: str, after: str = "") -> int:
    """1-based number of the only line of ``path`` that contains ``text`` (counting only the lines
    after the first one that contains ``after``, when given)."""
    with open(path, encoding="utf-8") as fh:
        lines = list(enumerate(fh, 1))
    if after:
        start = next(i for i, line in lines if after in line)
        lines = [(i, line) for i, line in lines if i > start]
        hits = [i for i, line in lines if text in line][:1]
    else:
        hits = [i for i, line in lines if text in line]
    assert len(hits) == 1, (path, text, hits)
    return hits[0]


def processes_with_token(token: str) -> list[int]:
    marker = ("MIGRATOR_REPRO_TOKEN=%s" % token).encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open("/proc/%s/environ" % name, "rb") as f:
                if marker in f.read().split(b"\0"):
                    found.append(int(name))
        except OSError:
            continue
    return found


def state(pid: int):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def kill_leftovers(token: str) -> list[int]:
    """SIGKILL (by PID) every live process that carries this reproduce.py run's token; returns them."""
    leaked = [p for p in processes_with_token(token) if state(p) not in (None, "Z")]
    for pid in leaked:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return leaked
