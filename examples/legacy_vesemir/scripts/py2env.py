#!/usr/bin/env python3
"""Create (or reuse) the Python 2.7 environment that runs the legacy vesemir service.

Prints the path of the interpreter to use (``<env>/bin/python``) on stdout; progress goes to stderr.

The environment is "virtualenv-like" and needs nothing but the Python 2.7 interpreter and its pip:

    <env>/lib/python2.7/site-packages   requirements.txt installed with ``python2.7 -m pip install --target``
    <env>/bin/python                    sh wrapper: PYTHONPATH=<site-packages> exec <real python2.7> "$@"
    <env>/bin/gunicorn                  sh wrapper running gunicorn 19 with that interpreter
    <env>/.py2env-stamp.json            what it was built from (requirements hash, interpreter)

Where the environment lives: ``--env-dir``, else ``$MIGRATOR_CACHE_DIR/py2-vesemir``, else
``~/.cache/migrator/py2-vesemir``.

How Python 2.7 is found: ``--python2`` if given (an error if it does not work), else the first of these that
answers ``sys.version_info[:2] == (2, 7)``: env ``MIGRATOR_PYTHON2``, ``pyenv prefix 2.7.18``,
``$PYENV_ROOT/versions/2.7.18/bin/python2.7``, ``~/.pyenv/versions/2.7.18/bin/python2.7``, ``python2.7`` on PATH.

Idempotent: a second call with the same requirements and interpreter only checks the stamp and that the
environment imports (well under a second). Concurrent calls are serialised with a lock file.

Exit status: 0 ok, 1 install failed, 3 no Python 2.7 found.
"""
import argparse
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
APP_DIR = os.path.dirname(HERE)
DEFAULT_REQUIREMENTS = os.path.join(APP_DIR, 'requirements.txt')
ENV_NAME = 'py2-vesemir'
LAYOUT = 1                      # bump when the layout of the environment changes
PY2_VERSION = '2.7.18'
SITE = os.path.join('lib', 'python2.7', 'site-packages')
STAMP = '.py2env-stamp.json'
IMPORT_CHECK = 'import ansible, gunicorn, jinja2, yaml, paramiko, Crypto; print(ansible.__version__)'
INSTALL_TIMEOUT = 900


class NoPython2(Exception):
    pass


def log(msg):
    sys.stderr.write('[py2env] %s\n' % msg)
    sys.stderr.flush()


def _clean_env():
    env = dict(os.environ)
    for var in ('PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PIP_REQUIRE_VIRTUALENV', 'PIP_USER',
                'PIP_TARGET', 'PIP_PREFIX', 'VIRTUAL_ENV'):
        env.pop(var, None)
    env.setdefault('PYENV_VERSION', PY2_VERSION)   # lets a pyenv shim resolve to 2.7.18
    return env


def probe(candidate):
    """Return the real executable of a working Python 2.7 behind ``candidate``, or None."""
    if not candidate:
        return None
    try:
        code = 'import sys; print(sys.version_info[:2] == (2, 7)); print(sys.executable)'
        out = subprocess.run([candidate, '-c', code], capture_output=True, text=True, timeout=30,
                             env=_clean_env(), stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.stdout.split()
    if out.returncode != 0 or len(lines) != 2 or lines[0] != 'True':
        return None
    return os.path.realpath(lines[1])


def _pyenv_prefix():
    pyenv = shutil.which('pyenv')
    if not pyenv:
        return None
    try:
        out = subprocess.run([pyenv, 'prefix', PY2_VERSION], capture_output=True, text=True, timeout=30,
                             stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0 or not out.stdout.strip():
        return None
    return os.path.join(out.stdout.strip().splitlines()[0], 'bin', 'python2.7')


def find_python2(explicit=None):
    """Locate Python 2.7 (see the module docstring for the order). Raises NoPython2."""
    if explicit:
        real = probe(explicit)
        if real is None:
            raise NoPython2('%s (from --python2) is not a working Python 2.7' % explicit)
        return real
    candidates = [os.environ.get('MIGRATOR_PYTHON2'), _pyenv_prefix()]
    if os.environ.get('PYENV_ROOT'):
        candidates.append(os.path.join(os.environ['PYENV_ROOT'], 'versions', PY2_VERSION, 'bin', 'python2.7'))
    candidates.append(os.path.expanduser('~/.pyenv/versions/%s/bin/python2.7' % PY2_VERSION))
    candidates.append(shutil.which('python2.7'))
    tried = []
    for cand in candidates:
        if not cand or cand in tried:
            continue
        tried.append(cand)
        real = probe(cand)
        if real:
            return real
        if cand == os.environ.get('MIGRATOR_PYTHON2'):
            log('MIGRATOR_PYTHON2=%s is not a working Python 2.7, looking further' % cand)
    raise NoPython2('no Python 2.7 found (tried: %s)' % (', '.join(tried) or 'nothing: no pyenv, no python2.7'))


def default_env_dir():
    root = os.environ.get('MIGRATOR_CACHE_DIR') or os.path.expanduser('~/.cache/migrator')
    return os.path.join(root, ENV_NAME)


def stamp_for(python2, requirements_text):
    return {
        'layout': LAYOUT,
        'python2': python2,
        'requirements_sha256': hashlib.sha256(requirements_text.encode()).hexdigest(),
    }


def read_stamp(env_dir):
    try:
        with open(os.path.join(env_dir, STAMP)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


WRAPPER = '''#!/bin/sh
# Python 2.7 with the legacy vesemir requirements (generated by scripts/py2env.py; do not edit).
env_dir=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
PYTHONPATH="$env_dir/{site}${{PYTHONPATH:+:$PYTHONPATH}}"
export PYTHONPATH
exec {target} "$@"
'''


def _write_exec(path, text):
    with open(path, 'w') as f:
        f.write(text)
    os.chmod(path, 0o755)


def _shquote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def check_env(env_dir, timeout=60):
    """Does <env>/bin/python import the stack? Returns the ansible version or None."""
    py = os.path.join(env_dir, 'bin', 'python')
    if not os.access(py, os.X_OK):
        return None
    env = _clean_env()
    env.pop('PYENV_VERSION', None)
    try:
        out = subprocess.run([py, '-c', IMPORT_CHECK], capture_output=True, text=True, timeout=timeout,
                             env=env, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def build(env_dir, python2, requirements, stamp):
    tmp = '%s.tmp-%d' % (env_dir, os.getpid())
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, 'bin'))
    site = os.path.join(tmp, SITE)
    os.makedirs(site)
    logfile = env_dir + '-install.log'
    cmd = [python2, '-m', 'pip', 'install', '--disable-pip-version-check', '--no-warn-script-location',
           '--target', site, '-r', requirements]
    log('installing %s with %s -m pip --target (log: %s)' % (requirements, python2, logfile))
    t0 = time.time()
    with open(logfile, 'w') as out:
        out.write('$ %s\n' % ' '.join(cmd))
        out.flush()
        try:
            rc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, env=_clean_env(),
                                stdin=subprocess.DEVNULL, timeout=INSTALL_TIMEOUT).returncode
        except subprocess.TimeoutExpired:
            rc = 'timeout after %ds' % INSTALL_TIMEOUT
    if rc != 0:
        with open(logfile) as f:
            tail = f.read()[-3000:]
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError('pip install failed (%s); last lines of %s:\n%s' % (rc, logfile, tail))
    _write_exec(os.path.join(tmp, 'bin', 'python'), WRAPPER.format(site=SITE, target=_shquote(python2)))
    _write_exec(os.path.join(tmp, 'bin', 'gunicorn'),
                WRAPPER.format(site=SITE, target='%s "$env_dir/%s/bin/gunicorn"' % (_shquote(python2), SITE)))
    with open(os.path.join(tmp, STAMP), 'w') as f:
        json.dump(dict(stamp, installed_at=time.strftime('%Y-%m-%dT%H:%M:%S'),
                       install_seconds=round(time.time() - t0, 1)), f, indent=1)
    version = check_env(tmp)
    if not version:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError('the new environment does not import ansible/gunicorn')
    if os.path.lexists(env_dir):
        old = '%s.old-%d' % (env_dir, os.getpid())
        os.rename(env_dir, old)
        shutil.rmtree(old, ignore_errors=True)
    os.rename(tmp, env_dir)
    log('installed in %.1fs (ansible %s)' % (time.time() - t0, version))


def ensure(env_dir=None, requirements=DEFAULT_REQUIREMENTS, python2=None, force=False):
    """Make sure the environment exists and is current; return the path of its bin/python."""
    env_dir = os.path.abspath(env_dir or default_env_dir())
    python2 = find_python2(python2)
    with open(requirements) as f:
        stamp = stamp_for(python2, f.read())
    os.makedirs(os.path.dirname(env_dir), exist_ok=True)
    py = os.path.join(env_dir, 'bin', 'python')

    def current():
        old = read_stamp(env_dir)
        return (old is not None and all(old.get(k) == v for k, v in stamp.items())
                and check_env(env_dir) is not None)

    if not force and current():
        return py
    with open(env_dir + '.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)          # another process may be building it right now
        try:
            if force or not current():
                build(env_dir, python2, requirements, stamp)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return py


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--env-dir', help='environment folder (default: %s)' % default_env_dir())
    ap.add_argument('--requirements', default=DEFAULT_REQUIREMENTS, help='default: %(default)s')
    ap.add_argument('--python2', help='Python 2.7 interpreter (default: see the search order)')
    ap.add_argument('--force', action='store_true', help='rebuild even if the environment is current')
    a = ap.parse_args(argv)
    try:
        print(ensure(a.env_dir, a.requirements, a.python2, a.force))
    except NoPython2 as e:
        log(str(e))
        return 3
    except (RuntimeError, OSError) as e:
        log('failed: %s' % e)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
