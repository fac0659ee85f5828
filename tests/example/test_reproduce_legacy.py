"""Step 1 of issue 6: reproduce the fork leak of the legacy vesemir service (Python 2.7 + Ansible 2.1 +
gunicorn 19) with examples/legacy_vesemir/scripts/reproduce.py and assert the incident.

Needs Python 2.7 (found like py2env.py does; skipped otherwise) and PyPI access on the first run to build
the cached environment (about 20 s; later runs reuse it in well under a second).
"""
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.python2      # registered in pyproject.toml; this test is NOT marked slow

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
APP_DIR = os.path.join(REPO, 'examples', 'legacy_vesemir')
SCRIPTS = os.path.join(APP_DIR, 'scripts')
LEGACY_ANSWERS = os.path.join(SCRIPTS, 'legacy_api_answers.json')   # recorded from this service
REQUESTS = 3


def _load_py2env():
    spec = importlib.util.spec_from_file_location('vesemir_py2env', os.path.join(SCRIPTS, 'py2env.py'))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope='module')
def py2_python():
    py2env = _load_py2env()
    try:
        py2env.find_python2()
    except py2env.NoPython2 as e:
        pytest.skip('Python 2.7 is needed to run the legacy service: %s' % e)
    proc = subprocess.run([sys.executable, os.path.join(SCRIPTS, 'py2env.py')], capture_output=True, text=True,
                          timeout=600, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, 'py2env.py failed:\n%s' % proc.stderr[-3000:]
    python = proc.stdout.strip().splitlines()[-1]
    assert os.access(python, os.X_OK), python
    return python


def _processes_with_token(token):
    marker = ('MIGRATOR_REPRO_TOKEN=%s' % token).encode()
    found = []
    for name in os.listdir('/proc'):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open('/proc/%s/environ' % name, 'rb') as f:
                if marker in f.read().split(b'\0'):
                    found.append(int(name))
        except OSError:
            continue
    return found


def _state(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0]
    except OSError:
        return None


@pytest.fixture(scope='module')
def legacy_report(py2_python, tmp_path_factory):
    out = tmp_path_factory.mktemp('repro') / 'report.json'
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, os.path.join(SCRIPTS, 'reproduce.py'), '--python', py2_python,
                           '--app-dir', APP_DIR, '--requests', str(REQUESTS), '--graceful-timeout', '5',
                           '--notify', '--api-expected', LEGACY_ANSWERS, '--json', str(out)],
                          capture_output=True, text=True, timeout=200, stdin=subprocess.DEVNULL)
    elapsed = time.monotonic() - t0
    print(proc.stdout)
    assert out.exists(), 'no report; stdout:\n%s\nstderr:\n%s' % (proc.stdout, proc.stderr[-3000:])
    report = json.loads(out.read_text())
    # independent safety net: nothing started for this run may outlive the harness
    leaked = [p for p in _processes_with_token(report['token']) if _state(p) not in (None, 'Z')]
    for pid in leaked:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert not leaked, 'reproduce.py left processes behind: %s' % leaked
    assert proc.returncode == 0, 'reproduce.py failed (%s):\n%s\n%s' % (
        proc.returncode, report.get('error'), proc.stderr[-3000:])
    report['elapsed'] = elapsed
    return report


def test_service_ran_and_recorded_every_deploy(legacy_report):
    m = legacy_report['metrics']
    assert m['python'].startswith('2.7'), m
    assert m['ansible'] == '2.1.0.0' and m['gunicorn'] == '19.10.0', m
    assert m['deploy_ok'] == REQUESTS, legacy_report['deploys']
    # the API probe's deploy and the graceful-shutdown request completed too: two more records
    assert m['graceful_inflight_completed'] is True, legacy_report.get('graceful_response')
    assert m['records_expected'] == REQUESTS + 2
    assert m['records_in_db'] == m['records_expected'] and m['records_match'] is True, legacy_report
    assert m['notifications_match'] is True, legacy_report.get('notifications')
    assert m['audit_log_complete'] is True and m['audit_log_bytes_reprs'] == 0


def test_api_answers_are_the_documented_ones(legacy_report):
    # scripts/legacy_api_answers.json is what this service answers (the migrated one is held to it)
    m = legacy_report['metrics']
    assert m['api_probes'] == 9
    assert m['api_same_as_expected'] is True, legacy_report['api']['differences']
    assert m['api_additions'] == 0, legacy_report['api']['additions']


def test_each_deploy_leaks_a_cpu_burning_child_that_ignores_sigterm(legacy_report):
    m = legacy_report['metrics']
    assert m['leftover_children'] >= REQUESTS + 1, legacy_report['leftovers']   # + the API probe's deploy
    assert m['leftover_per_request'] >= 1.0
    # Ansible 2.1's ResultProcess busy-polls (time.sleep(0.0001)): a few % of a core each
    assert m['leftover_cpu_percent_min'] > 0.5, legacy_report['leftovers']
    assert m['leftover_cpu_percent_total'] > 2.0, legacy_report['leftovers']
    # it inherited gunicorn's worker handler, which swallows SIGTERM
    assert m['leftover_sigterm_caught'] is True, legacy_report['leftovers']
    assert m['sigterm_sent'] == m['leftover_children']
    assert m['sigterm_survivors'] == m['leftover_children']
    assert m['sigterm_stops_leftovers'] is False


def test_leftovers_outlive_gunicorn_and_hold_its_port(legacy_report):
    m = legacy_report['metrics']
    assert m['master_exited'] is True
    assert m['survivors_after_stop'] >= REQUESTS, legacy_report['survivors']
    assert m['port_free_after_stop'] is False, legacy_report.get('port_bind_error')


def test_harness_cleaned_up_and_was_quick(legacy_report):
    m = legacy_report['metrics']
    assert m['cleanup_remaining'] == 0, legacy_report['cleanup']
    assert legacy_report['elapsed'] < 150
