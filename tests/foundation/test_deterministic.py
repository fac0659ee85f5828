"""The same input gives the same output and the same findings on every run.

Python randomises string hashing per process, so anything that picks "the first" element
of a set (the qualified names of a conditionally imported function, the uses the scope
analysis lists) can differ from run to run. Run the command line under several hash
seeds and compare everything it prints.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

SOURCE = """\
try:
    from hashlib import sha1 as sha_new
except ImportError:
    from sha import new as sha_new
import sha

def digest(s):
    return sha_new(s).hexdigest(), sha.sha(s).hexdigest()

def pick(d, xs):
    ys = map(str, xs)
    if ys:
        print ys[0], len(ys), ys[1:]
    for k in d.keys():
        del d[k]
    return filter(None, xs)
"""


def run(path, seed):
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", "fix", "--diff", "-v", "--no-cache", str(path)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    timing = re.compile(r" in \d+(\.\d+)?s")  # the summary's elapsed time
    return proc.returncode, timing.sub("", proc.stdout), timing.sub("", proc.stderr)


def test_same_output_and_findings_under_every_hash_seed(tmp_path):
    f = tmp_path / "legacy.py"
    f.write_text(SOURCE)
    results = {run(f, seed) for seed in (0, 1, 2, 3, 4, 5)}
    assert len(results) == 1, "\n----\n".join(out + err for _, out, err in results)
    code, out, err = results.pop()
    assert "list(map(str, xs))" in out and "for k in list(d.keys()):" in out, out
