"""Writing without losing anything: real files through the real command line.

Each case puts a file on disk, runs ``migrator fix`` on it (in a subprocess, as a user
would), and checks the bytes, mode, exit status and message that come out.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

PY2_PRINT = b"print 'hello'\n"


def migrator(*args, cwd=None):
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_latin1_with_coding_cookie(tmp_path):
    f = tmp_path / "latin.py"
    f.write_bytes(b"# -*- coding: latin-1 -*-\nname = 'Jos\xe9'\nprint name\n")
    code, out, err = migrator("fix", "--no-cache", str(f))
    assert code == 0, err
    assert f.read_bytes() == b"# -*- coding: latin-1 -*-\nname = 'Jos\xe9'\nprint(name)\n"


def test_crlf_stays_crlf_and_untouched_lines_stay_byte_identical(tmp_path):
    f = tmp_path / "crlf.py"
    f.write_bytes(b"import os\r\nx = 1   # spacing kept\r\nprint x\r\n")
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 0, err
    assert f.read_bytes() == b"import os\r\nx = 1   # spacing kept\r\nprint(x)\r\n"


def test_bom_is_kept(tmp_path):
    f = tmp_path / "bom.py"
    f.write_bytes(b"\xef\xbb\xbfprint 'caf\xc3\xa9'\n")
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 0, err
    assert f.read_bytes() == b"\xef\xbb\xbfprint('caf\xc3\xa9')\n"


def test_tab_indentation(tmp_path):
    f = tmp_path / "tabs.py"
    # Python 2 accepted a tab-indented line next to an 8-space-indented one in one block.
    f.write_bytes(b"def f():\n\tx = 1\n        return x\nprint f()\n")
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 0, err
    new = f.read_text()
    compile(new, str(f), "exec")
    run = subprocess.run([sys.executable, str(f)], capture_output=True, text=True, timeout=30)
    assert run.stdout == "1\n"


def test_binary_file_named_py_is_reported_and_run_goes_on(tmp_path):
    (tmp_path / "blob.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    good = tmp_path / "good.py"
    good.write_bytes(PY2_PRINT)
    code, _, err = migrator("fix", "--no-cache", str(tmp_path))
    assert code == 1
    assert "blob.py" in err and "binary" in err
    assert good.read_bytes() == b"print('hello')\n"
    assert (tmp_path / "blob.py").read_bytes() == b"\x89PNG\r\n\x1a\n\x00\x00\x00"


def test_syntax_error_names_file_and_line_and_leaves_it(tmp_path):
    bad = tmp_path / "bad.py"
    content = b"x = 1\ny = (\ndef broken(:\n"
    bad.write_bytes(content)
    code, _, err = migrator("fix", "--no-cache", str(bad))
    assert code == 1
    assert f"{bad.name}:" in err and "error" in err
    line = err.split(f"{bad.name}:")[1].split(":")[0]
    assert line.isdigit() and int(line) >= 2
    assert bad.read_bytes() == content


def test_undecodable_file(tmp_path):
    f = tmp_path / "undecodable.py"
    f.write_bytes(b"x = 1\ns = '\xff\xfe'\n")
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 1
    assert "undecodable.py:2" in err and "decode" in err
    assert f.read_bytes() == b"x = 1\ns = '\xff\xfe'\n"


def test_symlink_pointing_outside_tree_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "secret.py"
    target.write_bytes(PY2_PRINT)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.py").symlink_to(target)
    (tree / "linkdir").symlink_to(outside, target_is_directory=True)
    (tree / "real.py").write_bytes(PY2_PRINT)
    code, _, err = migrator("fix", "--no-cache", str(tree))
    assert code == 0, err
    assert target.read_bytes() == PY2_PRINT
    assert os.path.islink(tree / "link.py")
    assert (tree / "real.py").read_bytes() == b"print('hello')\n"


def test_read_only_file_is_not_rewritten(tmp_path):
    f = tmp_path / "ro.py"
    f.write_bytes(PY2_PRINT)
    f.chmod(0o444)
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 1
    assert "ro.py" in err and "read-only" in err
    assert f.read_bytes() == PY2_PRINT
    assert stat.S_IMODE(f.stat().st_mode) == 0o444


def test_executable_script_keeps_its_mode(tmp_path):
    f = tmp_path / "tool.py"
    f.write_bytes(b"#!/usr/bin/env python\nprint 'hi'\n")
    f.chmod(0o751)
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 0, err
    assert stat.S_IMODE(f.stat().st_mode) == 0o751
    assert f.read_bytes() == b"#!/usr/bin/env python\nprint('hi')\n"


def test_empty_file(tmp_path):
    f = tmp_path / "__init__.py"
    f.write_bytes(b"")
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 0, err
    assert f.read_bytes() == b""
    assert "0 file(s) changed, 1 unchanged, 0 failed" in err


def test_no_temporary_files_left_behind(tmp_path):
    for i in range(6):
        (tmp_path / f"m{i}.py").write_bytes(PY2_PRINT)
    code, _, err = migrator("fix", "--no-cache", "-j", "2", str(tmp_path))
    assert code == 0, err
    assert sorted(os.listdir(tmp_path)) == [f"m{i}.py" for i in range(6)]


def test_second_run_changes_nothing(tmp_path):
    f = tmp_path / "twice.py"
    f.write_bytes(b"import urllib2\nd = {}\nfor k, v in d.iteritems():\n    print k, v\n")
    assert migrator("fix", "--no-cache", str(f))[0] == 0
    first = f.read_bytes()
    code, _, err = migrator("fix", "--check", "--no-cache", str(f))
    assert code == 0, err
    assert f.read_bytes() == first


def test_check_mode_writes_nothing_and_exits_1(tmp_path):
    f = tmp_path / "pending.py"
    f.write_bytes(PY2_PRINT)
    code, out, _ = migrator("fix", "--check", "--no-cache", str(f))
    assert code == 1
    assert "would change" in out
    assert f.read_bytes() == PY2_PRINT


def test_diff_mode_prints_unified_diff_and_writes_nothing(tmp_path):
    f = tmp_path / "d.py"
    f.write_bytes(PY2_PRINT)
    code, out, _ = migrator("fix", "--diff", "--no-cache", str(f))
    assert code == 0
    assert "-print 'hello'" in out and "+print('hello')" in out
    assert f.read_bytes() == PY2_PRINT


def test_usage_error_exit_2(tmp_path):
    code, _, err = migrator("fix")
    assert code == 2
    code, _, err = migrator("fix", "--ansible-target", "not-a-version", str(tmp_path))
    assert code == 2 and "not a version" in err


def test_missing_path_is_an_error(tmp_path):
    code, _, err = migrator("fix", str(tmp_path / "nope.py"))
    assert code == 1 and "nope.py" in err


def test_default_excludes_and_gitignore(tmp_path):
    for folder in (".git", "venv_like", "build", "node_modules", "pkg", "ignored"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "m.py").write_bytes(PY2_PRINT)
    (tmp_path / "venv_like" / "pyvenv.cfg").write_text("home = /usr\n")
    (tmp_path / ".gitignore").write_text("ignored/\n")
    code, _, err = migrator("fix", "--no-cache", str(tmp_path))
    assert code == 0, err
    assert (tmp_path / "pkg" / "m.py").read_bytes() == b"print('hello')\n"
    for folder in (".git", "venv_like", "build", "node_modules", "ignored"):
        assert (tmp_path / folder / "m.py").read_bytes() == PY2_PRINT, folder


def test_pyproject_select_and_command_line_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.migrator]\nignore = ["PY104"]\n')
    f = tmp_path / "m.py"
    f.write_bytes(b"ok = isinstance(x, basestring)\n")
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 0, err
    assert f.read_bytes() == b"ok = isinstance(x, basestring)\n"
    # The command line wins: an explicit --select replaces the file's select and ignore.
    code, _, err = migrator("fix", "--no-cache", "--select", "PY104", str(f))
    assert code == 0, err
    assert f.read_bytes() == b"ok = isinstance(x, str)\n"


def test_bad_config_is_a_usage_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.migrator]\nselekt = ["PY"]\n')
    (tmp_path / "m.py").write_bytes(PY2_PRINT)
    code, _, err = migrator("fix", str(tmp_path / "m.py"))
    assert code == 2 and "selekt" in err


def test_version():
    code, out, _ = migrator("--version")
    assert code == 0 and out.startswith("migrator ")


def test_tab_indentation_cpython_accepts_but_libcst_rejects(tmp_path):
    # From ansible 2.1 contrib/inventory/zabbix.py: a one-line block indented "\t" + 8 spaces
    # under an 8-space 'if'. CPython reads it; libcst's tokenizer does not (``unicode`` makes
    # a codemod act, so the file goes through libcst).
    f = tmp_path / "zabbix_like.py"
    f.write_bytes(
        b"def read(path, seen):\n"
        b"        if not seen:\n"
        b"\t        path = unicode(path) + '/x'\n"
        b"        return path\n"
        b"print read('a', False)\n"
    )
    code, _, err = migrator("fix", "--no-cache", str(f))
    assert code == 0, err
    assert f.read_bytes() == (
        b"def read(path, seen):\n"
        b"        if not seen:\n"
        b"                path = str(path) + '/x'\n"
        b"        return path\n"
        b"print(read('a', False))\n"
    )
    assert migrator("fix", "--check", "--no-cache", str(f))[0] == 0
