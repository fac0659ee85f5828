"""The analysis under the rules: name resolution, data flow inside a function, and where
code runs — each case checked through the rule that depends on it."""
from __future__ import annotations

import inspect

import pytest

from migrator.check.registry import all_rules
from migrator.config import Settings
from migrator.engine import check_text


def codes(code: str, *ids: str, path: str = "mod.py", settings: Settings | None = None) -> list[tuple[int, str]]:
    rules = [r for r in all_rules() if not ids or r.ID in ids]
    result = check_text(inspect.cleandoc(code) + "\n", path, settings or Settings(cache_dir=""), rules=rules)
    return [(f.line, f.code) for f in result.findings]


# -- names ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "imports, call",
    [
        ("from multiprocessing import Pool as P", "P(4)"),
        ("import multiprocessing as mp", "mp.Pool(4)"),
        ("import multiprocessing.pool", "multiprocessing.pool.Pool(4)"),
        ("import multiprocessing\nctx = multiprocessing.get_context('fork')", "ctx.Pool(4)"),
        ("from billiard import Pool", "Pool(4)"),
    ],
)
def test_pool_spellings(imports, call):
    code = f"{imports}\n\ndef compute(xs):\n    pool = {call}\n    return pool.map(abs, xs)\n"
    assert [c for _, c in codes(code, "FK109")] == ["FK109"]


def test_a_local_name_that_shadows_an_import_is_not_the_import():
    code = """
    from multiprocessing import Pool

    def compute(xs, Pool=None):
        pool = Pool(4)
        return pool.map(abs, xs)
    """
    assert codes(code, "FK109") == []


def test_subprocess_alias_and_backport():
    code = """
    import subprocess as sp
    import subprocess32

    def notify(url):
        sp.Popen(["curl", url])
        subprocess32.Popen(["curl", url])
    """
    assert codes(code, "FK105") == [(5, "FK105"), (6, "FK105")]


def test_context_start_methods():
    template = """
    import multiprocessing

    def application(environ, start_response):
        ctx = multiprocessing.get_context({method})
        p = ctx.Process(target=print)
        p.start()
        p.join()
        return []
    """
    assert codes(template.format(method='"fork"'), "FK201") == [(6, "FK201")]
    assert codes(template.format(method='"spawn"'), "FK201") == []
    assert codes(template.format(method='"forkserver"'), "FK201") == []
    assert codes(template.format(method="METHOD"), "FK201") == []  # unknown: no guess


def test_set_start_method_at_module_level():
    code = """
    import multiprocessing
    multiprocessing.set_start_method("spawn")

    def application(environ, start_response):
        p = multiprocessing.Process(target=print)
        p.start()
        p.join()
        return []
    """
    assert codes(code, "FK201", "FK302") == []


def test_process_subclass_defined_in_the_module():
    code = """
    import multiprocessing

    class Base(multiprocessing.Process):
        pass

    class Worker(Base):
        def run(self):
            while True:
                pass

    def start():
        w = Worker()
        w.start()
        return w
    """
    assert codes(code, "FK102") == [(8, "FK102")]


# -- data flow -----------------------------------------------------------------------------
def test_join_on_all_paths():
    code = """
    from multiprocessing import Process

    def both(job, fast):
        p = Process(target=job)
        p.start()
        if fast:
            p.join(1)
        else:
            p.join()

    def one(job, fast):
        p = Process(target=job)
        p.start()
        if fast:
            p.join(1)

    def early_return(job, fast):
        p = Process(target=job)
        p.start()
        if fast:
            return
        p.join()

    def in_finally(job):
        p = Process(target=job)
        p.start()
        try:
            return job()
        finally:
            p.join()

    def in_try_else(job):
        try:
            p = Process(target=job)
            p.start()
        except OSError:
            raise
        else:
            p.join()
    """
    assert codes(code, "FK104") == [(13, "FK104"), (19, "FK104")]


def test_with_pool_exit_terminates_instead_of_joining():
    code = """
    from multiprocessing import Pool

    def fire(items):
        with Pool(4) as pool:
            res = pool.map_async(abs, items)
        return res.get()

    def waits(items):
        with Pool(4) as pool:
            res = pool.map_async(abs, items)
            return res.get(60)

    def graceful(items):
        with Pool(4) as pool:
            res = pool.map_async(abs, items)
            pool.close()
            pool.join()
        return res.get()
    """
    assert codes(code, "FK109") == [(5, "FK109")]


def test_popen_handed_on_is_not_ours():
    code = """
    import subprocess

    def start(cmd, children):
        p = subprocess.Popen(cmd)
        children.append(p)

    def keep(self, cmd):
        self.proc = subprocess.Popen(cmd)
        return self.proc.wait()
    """
    assert codes(code, "FK105") == []


# -- where code runs -----------------------------------------------------------------------
SERVER_FORK = """
import os

def work():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
"""


@pytest.mark.parametrize(
    "entry, path",
    [
        ("def application(environ, start_response):\n    work()\n", "mod.py"),
        ("class App:\n    def __call__(self, environ, start_response):\n        work()\n", "mod.py"),
        ("async def app(scope, receive, send):\n    work()\n", "mod.py"),
        ("from flask import Flask\napp = Flask(__name__)\n\n@app.route('/deploy', methods=['POST'])\ndef deploy():\n    work()\n", "mod.py"),
        ("from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/deploy')\ndef deploy():\n    work()\n", "mod.py"),
        ("def deploy(request):\n    work()\n", "myapp/views.py"),
        ("from django.views import View\n\nclass Deploy(View):\n    def post(self, request):\n        work()\n", "myapp/api.py"),
        ("from celery import shared_task\n\n@shared_task\ndef deploy():\n    work()\n", "tasks.py"),
        ("def post_fork(server, worker):\n    work()\n", "gunicorn.conf.py"),
    ],
)
def test_server_entry_points(entry, path):
    code = SERVER_FORK + "\n\n" + entry
    assert [c for _, c in codes(code, "FK201", path=path)] == ["FK201"], entry


def test_not_a_server():
    code = SERVER_FORK + "\n\ndef main():\n    work()\n\nif __name__ == '__main__':\n    main()\n"
    assert codes(code, "FK201") == []
    # a function named like a view outside a views module with no django import
    assert codes(SERVER_FORK + "\n\ndef deploy(request):\n    work()\n", "FK201", path="lib.py") == []


def test_thread_contexts():
    code = """
    import signal, threading
    from concurrent.futures import ThreadPoolExecutor

    class Poller(threading.Thread):
        def run(self):
            self.setup()

        def setup(self):
            signal.signal(signal.SIGUSR1, signal.SIG_DFL)

    def job():
        signal.signal(signal.SIGUSR2, signal.SIG_DFL)

    with ThreadPoolExecutor(2) as ex:
        ex.submit(job)
    """
    assert codes(code, "FK203") == [(9, "FK203"), (12, "FK203")]


def test_python2_only_rules_follow_the_lift_future_imports_or_target():
    py3 = "import os, subprocess\nr, w = os.pipe()\nsubprocess.call(['ls'])\n"
    assert codes(py3, "FK401") == []
    assert codes("from __future__ import print_function\n" + py3, "FK401") == [(4, "FK401")]
    assert codes(py3 + "print 'py2'\n", "FK401") == [(3, "FK401")]
    assert codes(py3, "FK401", settings=Settings(cache_dir="", target_version="2.7")) == [(3, "FK401")]


def test_rules_name_the_same_hooks_as_libcst():
    """``Rule.get_visitors`` reads the rule's own classes instead of libcst's
    ``inspect.getmembers`` over every attribute: the same methods for every rule."""
    import libcst as cst

    from migrator.check.registry import all_rules
    from migrator.check.rule import RuleContext

    for cls in all_rules():
        rule = cls(RuleContext(module=cst.parse_module(""), path="x.py"))
        theirs = cst.BatchableCSTVisitor.get_visitors(rule)
        ours = rule.get_visitors()
        assert list(ours) == list(theirs), cls.ID
        assert all(ours[n].__func__ is theirs[n].__func__ and ours[n].__self__ is rule for n in ours)
        assert ours, cls.ID
