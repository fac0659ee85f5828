"""Lift every file of ansible 2.1.0.0 and Fabric 1.14.1.

Every file that Python 2.7 or Python 3 accepts must come out compiling under Python 3
(``compile(..., "exec")``), and lifting the result again must change nothing.  A file
the lift rejects must be one that neither Python accepts.  The corpora are downloaded
once into a cache folder (see ``tests/corpus.py``); the test skips without network.
"""

from __future__ import annotations

import json
import subprocess
import time
import warnings

import pytest
from corpus import corpus_dir, python_files
from py2 import find_python2

from migrator.findings import MigratorError
from migrator.lift import lift

# Compiles each file named on stdin with Python 2.7; prints the ones it rejects as JSON.
_PY2_COMPILE_ALL = r"""
import json, sys
bad = {}
for path in sys.stdin.read().splitlines():
    try:
        compile(open(path, 'rb').read(), path, 'exec')
    except SyntaxError as exc:
        bad[path] = '%s (line %s)' % (exc.msg, exc.lineno)
sys.stdout.write(json.dumps(bad))
"""


def _python2_rejects(paths: list[str]) -> dict[str, str] | None:
    """Files Python 2.7 does not compile, with the reason; None without a Python 2.7."""
    python2 = find_python2()
    if python2 is None:
        return None
    proc = subprocess.run(
        [python2, "-c", _PY2_COMPILE_ALL],
        input="\n".join(paths),
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _compiles_as_python3(text: str, path: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return str(exc)
    return None


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["ansible", "fabric"])
def test_corpus_lifts_to_python3(name, record_property):
    root = corpus_dir(name)
    files = python_files(root)
    assert files, f"no .py files under {root}"
    sources = {str(p): p.read_bytes().decode("utf-8", "surrogateescape") for p in files}

    start = time.perf_counter()
    results: dict[str, object] = {}
    for path, text in sources.items():
        try:
            results[path] = lift(text, path=path)
        except MigratorError as exc:
            results[path] = exc
    elapsed = time.perf_counter() - start

    py2_rejects = _python2_rejects(list(sources))
    problems = []
    counts = {"lifted": 0, "unchanged": 0, "failed": 0}
    for path, result in results.items():
        rel = path[len(str(root)) + 1 :]
        if isinstance(result, MigratorError):
            counts["failed"] += 1
            if _compiles_as_python3(sources[path], path) is None:
                problems.append(
                    f"{rel}: Python 3 accepts it but the lift failed: {result} (line {result.line})"
                )
            elif py2_rejects is None:
                problems.append(
                    f"{rel}: the lift failed ({result}) and there is no Python 2.7 to check it"
                )
            elif path not in py2_rejects:
                problems.append(
                    f"{rel}: Python 2.7 accepts it but the lift failed: {result} (line {result.line})"
                )
            continue
        counts["lifted" if result.changed else "unchanged"] += 1
        error = _compiles_as_python3(result.text, path)
        if error is not None:
            problems.append(f"{rel}: lifted text does not compile: {error}")
            continue
        again = lift(result.text, path=path)
        if again.changed or again.text != result.text:
            problems.append(f"{rel}: lifting the result again changed it")
        if result.line_map is None and result.text.count("\n") != sources[path].count(
            "\n"
        ):
            problems.append(f"{rel}: line count changed but there is no line map")

    not_python2 = sorted(p[len(str(root)) + 1 :] for p in (py2_rejects or {}))
    summary = f"{name}: {len(files)} files, {counts} in {elapsed:.2f}s; not Python 2.7: {not_python2 or 'none'}"
    record_property("lift_summary", summary)
    print(summary)
    assert not problems, "\n".join(problems[:50])
