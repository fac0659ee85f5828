"""Behaviour is the proof for the Ansible codemods.

Each folder under ``programs/`` is a deploy-service-like program written for Python 2.7 +
Ansible 2.1 (``main.py`` plus its playbook, inventory, custom module, callback plugin or
vault file). For each one:

* with Python 2.7 present, ``ansible==2.1.0.0`` is installed once into a cache folder
  (see ``ansible21.py``) and the original program runs on it: its output must be the one
  recorded in ``expected.out`` / ``expected.rc`` (so the record stays true);
* every ``.py`` file of the program is migrated with ALL codemods (``fix_text`` with the
  default settings), the result runs on this Python with the installed ansible-core, and
  it must print what the original printed and exit with the same status (the live 2.1
  run when there is one, else the record); a second migration must change nothing.

Only connection ``local`` is used; playbooks work in a temporary folder passed in
``WORK_DIR``; every folder Ansible writes to is under the test's ``tmp_path``.

The section K pair of the reference (``section_k/``) is checked too: K.1 migrated must
print exactly what the hand-migrated K.2 prints on ansible-core.
"""
from __future__ import annotations

import os
import shutil
import sys

import pytest

from ansible21 import clean_env, install_ansible21, run
from migrator.config import Settings
from migrator.engine import fix_text
from py2 import find_python2

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS_DIR = os.path.join(HERE, "programs")
PROGRAMS = sorted(
    d for d in os.listdir(PROGRAMS_DIR) if os.path.isfile(os.path.join(PROGRAMS_DIR, d, "main.py"))
)


@pytest.fixture(scope="session")
def ansible21_site():
    python2 = find_python2()
    if python2 is None:
        pytest.skip("no Python 2.7 interpreter (set MIGRATOR_PYTHON2 or install 2.7.18 with pyenv): "
                    "the Ansible 2.1 half is not run")
    site, message = install_ansible21(python2)
    if site is None:
        pytest.skip("Ansible 2.1.0.0 could not be installed for Python 2.7: " + message)
    return python2, site


def _normalise(text: str, program: str, work: str) -> str:
    # The original and the migrated copy run from different temporary folders: the only
    # thing that may differ is where they are, so absolute paths are replaced by names.
    return text.replace(work, "<WORK>").replace(program, "<PROGRAM>")


def _copy(name: str, dest: str) -> str:
    shutil.copytree(os.path.join(PROGRAMS_DIR, name), dest,
                    ignore=shutil.ignore_patterns("expected.*", "__pycache__", "*.pyc"))
    return dest


def _migrate(folder: str) -> dict[str, str]:
    """Migrate every .py file under ``folder`` in place; returns path -> migrated text."""
    out = {}
    for root, _, files in os.walk(folder):
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            path = os.path.join(root, f)
            with open(path, encoding="utf-8") as fh:
                source = fh.read()
            rel = os.path.relpath(path, folder)
            result = fix_text(source, rel, Settings(cache_dir=""))
            again = fix_text(result.text, rel, Settings(cache_dir=""))
            assert again.text == result.text, f"{rel}: a second migration changed the migrated file"
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(result.text)
            out[rel] = result.text
    return out


def _record(name: str) -> tuple[int, str]:
    with open(os.path.join(PROGRAMS_DIR, name, "expected.out"), encoding="utf-8") as fh:
        out = fh.read()
    with open(os.path.join(PROGRAMS_DIR, name, "expected.rc"), encoding="utf-8") as fh:
        rc = int(fh.read().strip())
    return rc, out


_ORIGINAL_RUNS: dict[str, tuple[int, str, str]] = {}  # one 2.1 run per program and session


def _run_original(name: str, tmp_path, python2: str, site: str) -> tuple[int, str, str]:
    if name not in _ORIGINAL_RUNS:
        _ORIGINAL_RUNS[name] = _run_original_now(name, tmp_path, python2, site)
    return _ORIGINAL_RUNS[name]


def _run_original_now(name: str, tmp_path, python2: str, site: str) -> tuple[int, str, str]:
    program = _copy(name, str(tmp_path / "py2" / name))
    work = str(tmp_path / "py2-work")
    env = clean_env(str(tmp_path / "py2-env"), work, {"PYTHONPATH": site})
    rc, out, err = run([python2, "-W", "ignore"], os.path.join(program, "main.py"), env)
    return rc, _normalise(out, program, work), err


def _run_migrated(name: str, tmp_path) -> tuple[int, str, str, dict]:
    program = _copy(name, str(tmp_path / "py3" / name))
    migrated = _migrate(program)
    work = str(tmp_path / "py3-work")
    env = clean_env(str(tmp_path / "py3-env"), work)
    rc, out, err = run([sys.executable], os.path.join(program, "main.py"), env)
    return rc, _normalise(out, program, work), err, migrated


@pytest.mark.python2
@pytest.mark.parametrize("name", PROGRAMS)
def test_original_prints_the_record_on_ansible21(name, tmp_path, ansible21_site):
    python2, site = ansible21_site
    rc, out, err = _run_original(name, tmp_path, python2, site)
    expected_rc, expected_out = _record(name)
    assert out == expected_out, f"the 2.1 program's output is not the recorded one\n--- stderr ---\n{err}"
    assert rc == expected_rc, err


@pytest.mark.parametrize("name", PROGRAMS)
def test_migrated_prints_the_same_on_ansible_core(name, tmp_path):
    python2 = find_python2()
    reference = None
    if python2 is not None:
        from ansible21 import install_ansible21 as _install

        site, _ = _install(python2)
        if site is not None:
            rc2, out2, err2 = _run_original(name, tmp_path, python2, site)
            reference = (rc2, out2, "the original on Python 2.7 + Ansible 2.1.0.0")
    if reference is None:
        rc2, out2 = _record(name)
        reference = (rc2, out2, "the recorded output of the original on Python 2.7 + Ansible 2.1.0.0")
    rc, out, err, migrated = _run_migrated(name, tmp_path)
    listing = "\n".join(f"--- migrated {k} ---\n{v}" for k, v in migrated.items())
    assert out == reference[1], f"stdout differs from {reference[2]}\n--- stderr ---\n{err}\n{listing}"
    assert rc == reference[0], f"exit status {rc}, {reference[2]}: {reference[0]}\n{err}"


def test_section_k_migrates_to_what_the_hand_port_prints(tmp_path):
    folder = str(tmp_path / "k")
    shutil.copytree(os.path.join(HERE, "section_k"), folder)
    with open(os.path.join(folder, "run_21.py"), encoding="utf-8") as fh:
        source = fh.read()
    result = fix_text(source, "run_21.py", Settings(cache_dir=""))
    assert fix_text(result.text, "run_21.py", Settings(cache_dir="")).text == result.text
    with open(os.path.join(folder, "run_migrated.py"), "w", encoding="utf-8") as fh:
        fh.write(result.text)
    work = str(tmp_path / "work")
    hand = run([sys.executable], os.path.join(folder, "run_219.py"), clean_env(str(tmp_path / "env1"), work))
    ours = run([sys.executable], os.path.join(folder, "run_migrated.py"), clean_env(str(tmp_path / "env2"), work))
    assert hand[0] == 0 and "rc: 0" in hand[1], hand[2]
    assert ours[1] == hand[1], f"--- migrated ---\n{result.text}\n--- stderr ---\n{ours[2]}"
    assert ours[0] == hand[0]
    # nothing of the 2.1 API is left
    for old in ("from ansible.vars import", "from ansible.inventory import", "options=options", "_stdout_callback",
                "ansible.utils.unicode", ".extra_vars = {", "set_inventory", "namedtuple", "playbook_on_stats(self"):
        assert old not in result.text.replace("v2_playbook_on_stats(self", ""), old
