"""The checker on real code: the incident's own findings in Ansible 2.1.0.0, and the
installed ansible-core (a careful code base) — exact expectations, so a change that makes a
rule cry wolf, or go blind, shows up here."""
from __future__ import annotations

import os

import pytest

from corpus import corpus_dir
from migrator.config import Settings
from migrator.engine import check_text
from migrator.read import read_source


def _check(path: str) -> list[tuple[int, str]]:
    result = check_text(read_source(path).text, path, Settings(cache_dir=""))
    return sorted((f.line, f.code) for f in result.findings if f.code.startswith("FK"))


@pytest.mark.corpus
def test_ansible_21_result_process_and_cleanup():
    root = corpus_dir("ansible") / "lib" / "ansible" / "executor"
    # ResultProcess.run(): `while True` busy poll, left only by an exception
    assert (105, "FK102") in _check(str(root / "process" / "result.py"))
    # TaskQueueManager._cleanup_processes(): terminate() and nothing after it
    tqm = _check(str(root / "task_queue_manager.py"))
    assert (273, "FK101") in tqm and (279, "FK101") in tqm
    assert {c for _, c in tqm} == {"FK101"}


def test_ansible_core_executor_is_clean_but_for_the_unreaped_terminate():
    ansible = pytest.importorskip("ansible")
    root = os.path.dirname(ansible.__file__)
    tqm = _check(os.path.join(root, "executor", "task_queue_manager.py"))
    assert [c for _, c in tqm] == ["FK101"]  # _cleanup_processes(): terminate() is not reaped
    for rel in ("executor/process/worker.py", "executor/playbook_executor.py", "plugins/strategy/__init__.py",
                "cli/playbook.py", "utils/multiprocessing.py", "module_utils/facts/timeout.py"):
        assert _check(os.path.join(root, rel)) == [], rel
