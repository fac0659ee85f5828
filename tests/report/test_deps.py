"""Dependency readiness: every place requirements are read from (statically), and the
verdicts from the deploy-stack table and from installed metadata."""
from __future__ import annotations

import json
import os
import textwrap

import pytest

from migrator.report import deps


def write(folder, name, text):
    path = os.path.join(folder, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(textwrap.dedent(text))
    return path


def analyse(folder, target="3.11"):
    return deps.analyse([str(folder)], lambda p: os.path.relpath(p, folder).replace(os.sep, "/"), target)


def by_key(report):
    return {(i.key, i.extra): i for i in report.items}


def test_requirements_txt_with_includes_options_hashes_and_editables(tmp_path):
    write(tmp_path, "requirements.txt", """\
        # the service
        -r requirements/base.txt
        --index-url https://example.invalid/simple
        paramiko==1.16.0 \\
            --hash=sha256:abc
        -e git+https://example.invalid/x.git@v1#egg=internal-lib
        Jinja2 >= 2.7, < 3   # inline comment
        """)
    write(tmp_path, "requirements/base.txt", "PyYAML==3.11\n")
    report = analyse(tmp_path)
    items = by_key(report)
    assert items[("paramiko", None)].spec == "==1.16.0"
    assert items[("paramiko", None)].line == 4
    assert items[("internal-lib", None)].status == "unknown"
    assert items[("jinja2", None)].spec in ("<3,>=2.7", ">=2.7,<3")
    assert items[("pyyaml", None)].file == "requirements/base.txt"
    assert [f["path"] for f in report.files] == ["requirements.txt", "requirements/base.txt"]


def test_setup_py_is_read_from_the_ast_never_executed(tmp_path):
    write(tmp_path, "setup.py", """\
        import sys
        from setuptools import setup
        open("EXECUTED", "w").write("setup.py ran")  # must never run
        BASE = ["paramiko", "jinja2"]
        if sys.version_info < (2, 6):
            install_requires = BASE + ["simplejson"]
        else:
            install_requires = BASE + ["PyYAML", 'pycrypto >= 2.6']
        setup(
            name="svc",
            install_requires=install_requires,
            extras_require={"mysql": ["MySQL-python==1.2.5"], "dyn": compute()},
        )
        """)
    report = analyse(tmp_path)
    assert not os.path.exists(tmp_path / "EXECUTED")
    items = by_key(report)
    assert set(items) >= {("paramiko", None), ("jinja2", None), ("pyyaml", None), ("pycrypto", None), ("mysql-python", "mysql")}
    assert ("simplejson", None) not in items  # the else branch wins (last binding)
    assert items[("pycrypto", None)].status == "replace"
    assert items[("mysql-python", "mysql")].status == "replace"
    assert items[("mysql-python", "mysql")].replacement == "mysqlclient"
    assert any("computed at run time" in n for n in report.files[0]["notes"])


def test_python2_setup_py_is_lifted_first(tmp_path):
    write(tmp_path, "setup.py", """\
        from distutils.core import setup
        print "building"
        setup(name="old", install_requires=["futures", "enum34"])
        """)
    items = by_key(analyse(tmp_path))
    assert items[("futures", None)].status == "drop"
    assert items[("enum34", None)].status == "drop"


def test_setup_cfg_and_pyproject(tmp_path):
    write(tmp_path, "setup.cfg", """\
        [metadata]
        name = svc
        [options]
        install_requires =
            requests>=2.28
            six
        [options.extras_require]
        cache = python-memcached==1.48
        """)
    write(tmp_path, "pyproject.toml", """\
        [project]
        name = "svc"
        dependencies = ["Django==1.11.29", "celery>=5.3"]
        [project.optional-dependencies]
        db = ["SQLAlchemy<1.4"]
        [tool.poetry.dependencies]
        python = "^3.11"
        redis = "^4.5"
        """)
    items = by_key(analyse(tmp_path))
    assert items[("requests", None)].status == "ready"
    assert items[("six", None)].status == "ready"
    assert items[("python-memcached", "cache")].status == "upgrade"
    assert items[("django", None)].status == "upgrade"
    assert items[("django", None)].line == 3
    assert items[("celery", None)].status == "ready"
    assert items[("sqlalchemy", "db")].status == "upgrade"
    assert items[("redis", None)].status == "ready"
    assert ("python", None) not in items


@pytest.mark.parametrize(
    "line, status",
    [
        ("gunicorn==19.10.0", "upgrade"),
        ("gunicorn>=19", "ready"),
        ("gunicorn", "ready"),
        ("ansible-core==2.19.4", "ready"),
        ("ansible-core>=2.20", "upgrade"),  # 2.20 needs Python 3.12: dropped 3.11
        ("ansible==2.1.0.0", "upgrade"),
        ("MySQL-python", "replace"),
        ("mysqlclient==2.2.4", "ready"),
        ("subprocess32", "drop"),
        ('enum34; python_version < "3.4"', "excluded"),
        ("boto==2.49.0", "replace"),
        ("Fabric==1.14.1", "upgrade"),
        ("no-such-package-anywhere==1.0", "unknown"),
        ("this is not a requirement", "unknown"),
    ],
)
def test_verdicts_from_the_table(line, status):
    item = deps.judge(deps.Raw(line, 1), "requirements.txt", "3.11")
    assert item.status == status, item.reason
    assert item.reason


def test_installed_metadata_is_used_when_the_table_does_not_know():
    # pytest is installed wherever these tests run, and it is not in the table
    assert deps.table_entry("pytest") is None
    item = deps.judge(deps.Raw("pytest", 1), "requirements.txt", "3.11")
    assert item.status == "ready" and item.source == "installed" and item.installed
    old = deps.judge(deps.Raw("pytest==2.9.0", 1), "requirements.txt", "3.11")
    assert old.status == "unknown"  # only the installed release's metadata is known
    assert "installed here" in old.reason


def test_the_table_covers_the_deploy_stack_and_says_where_it_comes_from():
    path = os.path.join(os.path.dirname(deps.__file__), "deptable.json")
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    assert "not fetched" in data["source"]
    need = """ansible ansible-core gunicorn paramiko jinja2 PyYAML MarkupSafe pycrypto pycryptodome MySQL-python
        mysqlclient futures subprocess32 six requests urllib3 simplejson httplib2 boto Fabric enum34 configparser
        argparse ordereddict python-memcached supervisor celery redis SQLAlchemy Flask Django""".split()
    for name in need:
        entry = deps.table_entry(name)
        assert entry is not None, name
        assert "python3" in entry and "note" in entry and entry["note"], name
        assert entry.get("action") in (None, "replace", "drop"), name
        if entry.get("action") == "replace":
            assert entry.get("replacement"), name


def test_default_excludes_apply_to_dependency_files(tmp_path):
    write(tmp_path, "requirements.txt", "six\n")
    write(tmp_path, ".venv/lib/requirements.txt", "boto\n")
    write(tmp_path, "build/requirements.txt", "boto\n")
    report = analyse(tmp_path)
    assert [f["path"] for f in report.files] == ["requirements.txt"]
