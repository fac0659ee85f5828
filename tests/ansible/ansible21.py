"""Run programs on Python 2.7 + Ansible 2.1.0.0 and on this Python + ansible-core, in a clean environment.

``install_ansible21()`` installs ``ansible==2.1.0.0`` and the versions of its dependencies
that still install with the Python 2.7 pip here, with ``pip install --target``, into
``$MIGRATOR_CACHE_DIR/py2-ansible21`` (default ``~/.cache/migrator/py2-ansible21``). A
finished install is reused; a lock file keeps two test processes from installing at once.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import time
from typing import Optional

# Versions of 2016 that ansible 2.1.0.0 was released with; each installs with pip 19 on
# Python 2.7 (pycrypto and MarkupSafe/PyYAML build their C parts with gcc).
PACKAGES = (
    "ansible==2.1.0.0",
    "Jinja2==2.8",
    "MarkupSafe==0.23",
    "PyYAML==3.11",
    "paramiko==1.16.0",
    "pycrypto==2.6.1",
    "ecdsa==0.13",
    "setuptools==44.1.1",
)


def cache_root() -> str:
    return os.environ.get("MIGRATOR_CACHE_DIR") or os.path.expanduser("~/.cache/migrator")


def install_ansible21(python2: str) -> tuple[Optional[str], str]:
    """(site folder, message). The site folder is None when the install failed."""
    root = cache_root()
    target = os.path.join(root, "py2-ansible21")
    site = os.path.join(target, "site")
    marker = os.path.join(target, "installed.txt")
    os.makedirs(root, exist_ok=True)
    if os.path.isfile(marker):
        return site, "reused " + target
    with open(os.path.join(root, "py2-ansible21.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if os.path.isfile(marker):
                return site, "reused " + target
            tmp = f"{target}.tmp-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            cmd = [python2, "-m", "pip", "install", "--disable-pip-version-check", "--no-warn-script-location",
                   "--target", os.path.join(tmp, "site"), *PACKAGES]
            started = time.time()
            try:
                proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
            except (OSError, subprocess.TimeoutExpired) as exc:
                return None, f"pip could not run: {exc}"
            seconds = time.time() - started
            with open(os.path.join(root, "py2-ansible21-install.log"), "w") as log:
                log.write("$ " + " ".join(cmd) + "\n" + proc.stdout + proc.stderr)
            if proc.returncode != 0:
                shutil.rmtree(tmp, ignore_errors=True)
                tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
                return None, "pip install failed: " + " | ".join(tail)
            check = subprocess.run([python2, "-W", "ignore", "-c", "import ansible; print(ansible.__version__)"],
                                   capture_output=True, text=True, env={"PYTHONPATH": os.path.join(tmp, "site"),
                                                                        "PATH": os.environ.get("PATH", "")})
            if check.stdout.strip() != "2.1.0.0":
                shutil.rmtree(tmp, ignore_errors=True)
                return None, "installed ansible does not import: " + check.stderr.strip()[-300:]
            with open(os.path.join(tmp, "installed.txt"), "w") as fh:
                fh.write(f"{' '.join(PACKAGES)}\ninstalled in {seconds:.1f}s\n")
            shutil.rmtree(target, ignore_errors=True)
            os.rename(tmp, target)
            return site, f"installed in {seconds:.1f}s into {target}"
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def clean_env(tmp: str, work: str, extra: Optional[dict] = None) -> dict:
    """A minimal environment: nothing from the caller's ANSIBLE_* or PYTHON* settings, and
    every place Ansible writes to (home, local and remote temp, retry files) under ``tmp``."""
    home = os.path.join(tmp, "home")
    tmpdir = os.path.join(tmp, "tmp")  # module payloads (AnsiballZ) unpack under TMPDIR
    for d in (home, work, tmpdir):
        os.makedirs(d, exist_ok=True)
    config = os.path.join(tmp, "ansible.cfg")  # an empty config: nothing from /etc/ansible or ~
    with open(config, "w") as fh:
        fh.write("[defaults]\n")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "TMPDIR": tmpdir,
        "USER": os.environ.get("USER", "root"),
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_HOME": os.path.join(tmp, "ansible-home"),
        "ANSIBLE_LOCAL_TEMP": os.path.join(tmp, "ansible-local"),
        "ANSIBLE_REMOTE_TEMP": os.path.join(tmp, "ansible-remote"),
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_CONFIG": config,
        "WORK_DIR": work,
    }
    env.update(extra or {})
    return env


def run(interpreter: list[str], script: str, env: dict, timeout: int = 180) -> tuple[int, str, str]:
    proc = subprocess.run(interpreter + [os.path.basename(script)], cwd=os.path.dirname(script), env=env,
                          capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")
