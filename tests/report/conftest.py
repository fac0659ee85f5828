"""A small repository with one file per kind of finding, and a helper that runs the
command line in a subprocess (as a user would)."""
from __future__ import annotations

import os
import textwrap

import pytest

SAMPLE = {
    "app/legacy.py": """\
        import os

        def greet(name):
            if isinstance(name, basestring):
                print "hello", name
            return name
        """,
    "app/division.py": """\
        def half(n, m):
            return n / m
        """,
    "app/model.py": """\
        class Point(object):
            def __eq__(self, other):
                return True
        """,
    "app/worker.py": """\
        import subprocess

        def stop():
            p = subprocess.Popen(["sleep", "60"])
            p.terminate()
        """,
    "deploy/runner.py": """\
        from ansible.utils.unicode import to_unicode
        from ansible.inventory import Inventory

        def hosts(loader, vm):
            inv = Inventory(loader=loader, variable_manager=vm, host_list=["a", "b"])
            return [to_unicode(h) for h in inv.get_hosts()]
        """,
    "clean.py": """\
        def add(a, b):
            return a + b
        """,
    "requirements.txt": """\
        ansible==2.1.0.0
        gunicorn==19.10.0
        PyYAML>=6
        futures==3.2.0; python_version < "3"
        subprocess32==3.5.4
        """,
}


def make_repo(root, files=SAMPLE) -> str:
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(textwrap.dedent(text))
    return str(root)


@pytest.fixture(scope="module")
def sample_repo(tmp_path_factory):
    """Shared by the tests of a module: they must not change it."""
    return make_repo(tmp_path_factory.mktemp("sample") / "repo")


@pytest.fixture
def own_repo(tmp_path):
    """A fresh copy a test may change."""
    return make_repo(tmp_path / "repo")
