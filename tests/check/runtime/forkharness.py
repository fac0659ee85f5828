"""Run a small hazard program for real, bounded and cleaned up, and check its source.

Each runtime test hands :func:`run_program` the complete text of a Python 3 program. The
program is written to a temporary file and started in a session of its own; it prints
``PID <n>`` for every process it starts and one ``RESULT {json}`` line with what it measured.
Every wait is bounded (the program's own deadlines, and ``timeout`` for the whole run);
afterwards every announced PID that still belongs to the program's process group is
SIGKILLed, then the group itself (for anything that was never announced), and the
program is reaped.

:func:`findings` runs the checker on *the very same text* with one rule, so a test shows
both that the hazard happens and that the rule sees it — and that the suggested fix removes
both the behaviour and the finding.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from migrator.config import Settings
from migrator.engine import check_text

#: Put at the top of every program: how it reports back. No fork/signal code in here.
PRELUDE = '''\
import json, os, sys, time


def announce(pid):
    print("PID", pid, flush=True)


def result(**values):
    print("RESULT", json.dumps(values), flush=True)


def state(pid):
    """'R', 'S', 'Z', ... or None when the process is gone."""
    try:
        with open("/proc/%d/stat" % pid) as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def running(pid):
    return state(pid) not in (None, "Z", "X")


def cpu_ticks(pid):
    try:
        with open("/proc/%d/stat" % pid) as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return 0


def wait_until(predicate, deadline):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
'''


@dataclass
class Outcome:
    result: dict = field(default_factory=dict)
    returncode: Optional[int] = None
    timed_out: bool = False
    seconds: float = 0.0
    output: str = ""
    pids: list[int] = field(default_factory=list)


def program(body: str) -> str:
    import inspect

    return PRELUDE + "\n\n" + inspect.cleandoc(body) + "\n"


def _group_of(pid: int) -> Optional[int]:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[2])
    except (OSError, ValueError, IndexError):
        return None


def run_program(code: str, workdir: Path, timeout: float = 15.0, name: str = "prog.py") -> Outcome:
    workdir.mkdir(parents=True, exist_ok=True)
    script = workdir / name
    script.write_text(code)
    out_path = workdir / (name + ".out")
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    started = time.monotonic()
    with open(out_path, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(script)], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=str(workdir), env=env, start_new_session=True,
        )
    outcome = Outcome()
    try:
        try:
            outcome.returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            outcome.timed_out = True
        outcome.seconds = time.monotonic() - started
    finally:
        text = out_path.read_text(errors="replace") if out_path.exists() else ""
        outcome.output = text
        outcome.pids = [int(line.split()[1]) for line in text.splitlines() if line.startswith("PID ") and line.split()[1].isdigit()]
        cleanup(proc, outcome.pids)
    for line in text.splitlines():
        if line.startswith("RESULT "):
            outcome.result = json.loads(line[len("RESULT "):])
    return outcome


def cleanup(proc: subprocess.Popen, pids: list[int]) -> None:
    """SIGKILL every announced PID still in the program's group, then the group; reap."""
    group = proc.pid
    for pid in pids + [proc.pid]:
        if _group_of(pid) == group:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL cannot be ignored
        pass


def findings(code: str, rule_id: str, path: str = "prog.py") -> list:
    """The findings of rule ``rule_id`` on ``code`` (the program text as executed)."""
    from migrator.check.registry import all_rules

    rules = [r for r in all_rules() if r.ID == rule_id]
    assert rules, rule_id
    return [f for f in check_text(code, path, Settings(cache_dir=""), rules=rules).findings if f.code == rule_id]
