#!/usr/bin/env python3
"""Reproduce and measure the fork leak of a gunicorn-served vesemir deploy service (stdlib only).

Works for the legacy Python 2.7 + Ansible 2.1 service and for its migrated Python 3 form: the service is
started as ``<python> -c "from gunicorn.app.wsgiapp import run; run()" ... vesemir.app:application`` with
``--chdir <app-dir>``, so any interpreter that can import gunicorn and the app will do.

What it does (every wait is bounded, every process it started is killed at the end):

1. starts gunicorn (sync workers) on 127.0.0.1 in its own session / process group, waits for ``GET /health``
   (with ``--notify``, the service's notification hook points at a sink in this process);
2. with ``--api-check`` / ``--api-expected FILE``: probes every route and error status once and compares the
   normalised answers with FILE (``legacy_api_answers.json`` holds the legacy service's); then sends
   ``--requests`` deploys one after another (``POST /deploy``);
3. leftovers: live processes of the service's tree beyond the master and its workers (from /proc), their
   CPU use over ``--cpu-window`` seconds, their signal dispositions;
4. sends SIGTERM to each leftover and checks, after ``--sigterm-wait`` seconds, which are still alive;
5. graceful shutdown: a deploy whose playbook sleeps ``--delay`` seconds is in flight when its worker
   gets SIGTERM; does it still complete with 200?
6. stops gunicorn with SIGTERM to the master, times it, then checks which processes of the tree survive
   and whether the port is still held (bind test, owner of the LISTEN socket);
7. compares the deployment records in the service's sqlite database with the successful requests (and, with
   ``--notify``, the notifications received with them); reads the audit trail the callback plugin wrote;
8. SIGKILLs everything that is left (process group, every PID it saw, anything carrying its token).

Prints a ``metric | value`` table and writes the full report with ``--json``. Exit status 0 when it
measured (whatever it measured), 1 when the service could not be started or measured.
"""
import argparse
import http.client
import http.server
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_APP_DIR = os.path.dirname(HERE)
CLK_TCK = os.sysconf('SC_CLK_TCK')
GUNICORN_BOOT = ("import sys; sys.argv[0] = 'gunicorn'; "
                 "from gunicorn.app.wsgiapp import run; sys.exit(run())")
VERSION_PROBE = ("import sys, gunicorn; print(sys.version.split()[0]); print(gunicorn.__version__); "
                 "print(sys.executable)")
TOKEN_VAR = 'MIGRATOR_REPRO_TOKEN'
SIGNAMES = {s.value: s.name for s in signal.Signals}


# --------------------------------------------------------------------------------------------- /proc
class Proc:
    __slots__ = ('comm', 'pgrp', 'pid', 'ppid', 'session', 'start', 'state', 'ticks')

    def __init__(self, pid, comm, state, ppid, pgrp, session, ticks, start):
        self.pid, self.comm, self.state, self.ppid = pid, comm, state, ppid
        self.pgrp, self.session, self.ticks, self.start = pgrp, session, ticks, start


def read_stat(pid):
    try:
        with open('/proc/%d/stat' % pid, 'rb') as f:
            data = f.read().decode('utf-8', 'replace')
    except OSError:
        return None
    lp, rp = data.find('('), data.rfind(')')
    fields = data[rp + 2:].split()
    try:
        return Proc(pid, data[lp + 1:rp], fields[0], int(fields[1]), int(fields[2]), int(fields[3]),
                    int(fields[11]) + int(fields[12]), int(fields[19]))
    except (IndexError, ValueError):
        return None


def scan():
    procs = {}
    for name in os.listdir('/proc'):
        if name.isdigit():
            p = read_stat(int(name))
            if p is not None:
                procs[p.pid] = p
    return procs


def children_map(procs):
    kids = {}
    for p in procs.values():
        kids.setdefault(p.ppid, []).append(p.pid)
    return kids


def descendants(pid, procs):
    kids, out, todo = children_map(procs), [], [pid]
    while todo:
        for c in kids.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return sorted(out)


def status_fields(pid, keys=('Threads', 'SigBlk', 'SigIgn', 'SigCgt')):
    out = {}
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                k, _, v = line.partition(':')
                if k in keys:
                    out[k] = v.strip()
    except OSError:
        pass
    return out


def decode_sigmask(hexmask):
    try:
        m = int(hexmask, 16)
    except (TypeError, ValueError):
        return []
    return [SIGNAMES.get(i, str(i)) for i in range(1, 65) if m & (1 << (i - 1))]


def has_token(pid, token):
    try:
        with open('/proc/%d/environ' % pid, 'rb') as f:
            return ('%s=%s' % (TOKEN_VAR, token)).encode() in f.read().split(b'\0')
    except OSError:
        return False


def cmdline(pid):
    try:
        with open('/proc/%d/cmdline' % pid, 'rb') as f:
            return f.read().replace(b'\0', b' ').decode('utf-8', 'replace').strip()
    except OSError:
        return ''


def cpu_percent(pids, window):
    """CPU use of each pid over `window` seconds, in % of one core (None if it vanished)."""
    before = {p: read_stat(p) for p in pids}
    t0 = time.monotonic()
    time.sleep(window)
    elapsed = time.monotonic() - t0
    out = {}
    for p in pids:
        a, b = before[p], read_stat(p)
        if a is None or b is None or a.start != b.start:
            out[p] = None
        else:
            out[p] = round(100.0 * (b.ticks - a.ticks) / CLK_TCK / elapsed, 1)
    return out


def tcp_inodes(port, listen_only=False, remote_port=None):
    """Inodes of IPv4 sockets bound to 127.0.0.1-or-any:port (optionally LISTEN / to a remote port)."""
    found = []
    try:
        with open('/proc/net/tcp') as f:
            next(f)
            for line in f:
                parts = line.split()
                local, remote, state, inode = parts[1], parts[2], parts[3], parts[9]
                if int(local.split(':')[1], 16) != port:
                    continue
                if listen_only and state != '0A':
                    continue
                if remote_port is not None and int(remote.split(':')[1], 16) != remote_port:
                    continue
                found.append(inode)
    except OSError:
        pass
    return found


def pids_holding(inodes, pids):
    wanted = {'socket:[%s]' % i for i in inodes}
    out = []
    for pid in pids:
        try:
            fds = os.listdir('/proc/%d/fd' % pid)
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink('/proc/%d/fd/%s' % (pid, fd)) in wanted:
                    out.append(pid)
                    break
            except OSError:
                continue
    return sorted(out)


# ------------------------------------------------------------------------------------ process tracking
class Tracker:
    """Remembers every process that belongs to the service: the master's tree, its process group, and
    anything carrying our token in its environment. Identity = (pid, start time), so a recycled PID is
    never signalled."""

    def __init__(self, token):
        self.token = token
        self.master = None
        self.pgid = None
        self.seen = {}

    def refresh(self):
        procs = scan()
        if self.master is not None:
            for pid in [self.master] + descendants(self.master, procs):
                if pid in procs:
                    self.seen.setdefault(pid, procs[pid].start)
        for p in procs.values():
            if p.pid in self.seen or p.pid == os.getpid():
                continue
            if (self.pgid is not None and p.pgrp == self.pgid) or has_token(p.pid, self.token):
                self.seen[p.pid] = p.start
        return procs

    def is_ours(self, pid, procs=None):
        p = procs.get(pid) if procs is not None else read_stat(pid)
        return p is not None and self.seen.get(pid) == p.start

    def alive(self, pid, procs=None):
        p = procs.get(pid) if procs is not None else read_stat(pid)
        return p is not None and self.seen.get(pid) == p.start and p.state not in ('Z', 'X')

    def live(self, exclude=()):
        procs = self.refresh()
        return sorted(p for p in self.seen if p not in exclude and self.alive(p, procs))

    def kill_all(self, deadline_secs=10.0):
        """SIGKILL the process group and every live tracked process; returns (killed, remaining)."""
        killed = set()
        end = time.monotonic() + deadline_secs
        while True:
            procs = self.refresh()
            targets = [p for p in self.seen if p != os.getpid() and self.alive(p, procs)]
            if not targets:
                return sorted(killed), []
            if time.monotonic() > end:
                return sorted(killed), sorted(targets)
            if self.pgid is not None and any(procs[p].pgrp == self.pgid for p in targets):
                try:
                    os.killpg(self.pgid, signal.SIGKILL)
                except OSError:
                    pass
            for pid in targets:
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed.add(pid)
                except OSError:
                    pass
            time.sleep(0.2)


# ---------------------------------------------------------------------------------------------- HTTP
def http_call(port, method, path, body=None, timeout=60.0, on_connect=None, raw_body=None):
    t0 = time.monotonic()
    out = {'method': method, 'path': path, 'status': None, 'body': None, 'error': None}
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)
    try:
        conn.connect()
        if on_connect is not None:
            on_connect(conn.sock.getsockname()[1])
        data = json.dumps(body).encode() if body is not None else raw_body
        headers = {'Content-Type': 'application/json'} if data is not None else {}
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        out['status'] = resp.status
        out['content_type'] = resp.getheader('Content-Type')
        try:
            out['body'] = json.loads(raw.decode('utf-8'))
        except ValueError:
            out['body'] = raw.decode('utf-8', 'replace')[:500]
    except Exception as e:                      # any failure is a measurement, not a crash
        out['error'] = '%s: %s' % (type(e).__name__, e)
    finally:
        conn.close()
    out['secs'] = round(time.monotonic() - t0, 2)
    return out


# ----------------------------------------------------------------------------------------------- API
# Values that differ from run to run or between Python/Ansible versions: compared by JSON type only
# ('type'), or only up to the first ': ' ('prefix'; the rest is an exception message of the runtime).
API_VOLATILE = {
    'health': {'ansible': 'type', 'python': 'type', 'pid': 'type'},
    'deploy_invalid_json': {'error': 'prefix'},
    'deploy': {'id': 'type', 'duration': 'type', 'worker_pid': 'type'},
    'deployment': {'created_at': 'type', 'finished_at': 'type', 'worker_pid': 'type'},
}


def api_probe(port, a):
    """The API, request by request: every route, the validation errors and the error statuses.
    Returns the raw calls (in order). Runs before the deploys, so its deploy is the first one of the
    service's (fresh) work folder and its 'changed' counts are deterministic."""
    hosts = [h for h in a.hosts.split(',') if h]
    calls = []

    def call(name, method, path, body=None, raw=None):
        r = http_call(port, method, path, body, timeout=a.request_timeout, raw_body=raw)
        r['name'] = name
        calls.append(r)
        return r
    call('health', 'GET', '/health')
    call('deploy_invalid_json', 'POST', '/deploy', raw=b'{"application": ')
    call('deploy_empty', 'POST', '/deploy', body={})
    call('deploy_invalid_fields', 'POST', '/deploy',
         body={'application': 'shop', 'version': '1.0', 'hosts': [42], 'delay': 99})
    d = call('deploy', 'POST', '/deploy', body={'application': 'api', 'version': '0.1.0', 'hosts': hosts})
    did = d['body'].get('id') if isinstance(d.get('body'), dict) else None
    call('deployment', 'GET', '/deployments/%s' % (did or 'missing'))
    call('deployment_unknown', 'GET', '/deployments/0000000000000000')
    call('wrong_method', 'GET', '/deploy')
    call('not_found', 'GET', '/nothing/here')
    return calls


def _json_type(v):
    return {bool: 'bool', int: 'int', float: 'float', str: 'str', list: 'list', dict: 'dict',
            type(None): 'null'}.get(type(v), type(v).__name__)


def normalise_answers(calls):
    """{probe name: {status, content_type, body}} with the volatile values replaced by '<type>'."""
    out = {}
    deploy_id = None
    for r in calls:
        body = r.get('body')
        if r['name'] == 'deploy' and isinstance(body, dict):
            deploy_id = body.get('id')
        if isinstance(body, dict):
            body = dict(body)
            for key, how in API_VOLATILE.get(r['name'], {}).items():
                if key not in body:
                    continue
                if how == 'prefix' and isinstance(body[key], str) and ': ' in body[key]:
                    body[key] = body[key].split(': ', 1)[0] + ': <%s>' % _json_type(body[key])
                else:
                    body[key] = '<%s>' % _json_type(body[key])
            if r['name'] == 'deployment' and 'id' in body:
                body['id'] = '<id of the deploy probe>' if body['id'] == deploy_id else body['id']
        out[r['name']] = {'status': r.get('status'), 'content_type': r.get('content_type'),
                          'body': body if r.get('error') is None else 'ERROR %s' % r['error']}
    return out


def compare_answers(expected, actual):
    """(differences, additions): an addition is a key that only the actual answer has (a client of
    the expected API never reads it); everything else that differs is a difference."""
    diffs, adds = [], []

    def walk(path, e, a):
        if isinstance(e, dict) and isinstance(a, dict):
            for k in e:
                if k not in a:
                    diffs.append('%s.%s: missing' % (path, k))
                else:
                    walk('%s.%s' % (path, k), e[k], a[k])
            adds.extend('%s.%s' % (path, k) for k in a if k not in e)
        elif isinstance(e, list) and isinstance(a, list) and len(e) == len(a):
            for i, (x, y) in enumerate(zip(e, a)):
                walk('%s[%d]' % (path, i), x, y)
        elif e != a:
            diffs.append('%s: expected %s, got %s' % (path, json.dumps(e), json.dumps(a)))
    for name in expected:
        if name not in actual:
            diffs.append('%s: not probed' % name)
        else:
            walk(name, expected[name], actual[name])
    return diffs, adds


class NotifySink:
    """A local HTTP endpoint for the service's notification hook ($VESEMIR_NOTIFY_URL): records every
    JSON body POSTed to it. Runs in a daemon thread of this process; stopped by close()."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get('Content-Length') or 0))
                try:
                    received.append(json.loads(raw.decode('utf-8')))
                except ValueError:
                    received.append({'_unparsable': raw[:200].decode('utf-8', 'replace')})
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d/notify' % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={'poll_interval': 0.2},
                                       daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


def free_port():
    s = socket.socket()
    try:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]
    finally:
        s.close()


def port_bindable(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # like gunicorn: only a live bind blocks it
    try:
        s.bind(('127.0.0.1', port))
        s.listen(1)
        return True, None
    except OSError as e:
        return False, str(e)
    finally:
        s.close()


def wait_until(pred, timeout, step=0.1):
    end = time.monotonic() + timeout
    while True:
        v = pred()
        if v or time.monotonic() > end:
            return v
        time.sleep(step)


# --------------------------------------------------------------------------------------------- main
def tail(path, n=60):
    try:
        with open(path, 'rb') as f:
            return f.read().decode('utf-8', 'replace').splitlines()[-n:]
    except OSError:
        return []


def run(a, rep, tracker, work):
    m = rep['metrics']
    t_all = time.monotonic()
    # interpreter under test
    try:
        probe = subprocess.run([a.python, '-c', VERSION_PROBE], capture_output=True, text=True, timeout=60,
                               env=service_env(a, work, tracker.token), stdin=subprocess.DEVNULL)
        lines = probe.stdout.split('\n')
        if probe.returncode == 0:
            m['python'], m['gunicorn'] = lines[0], lines[1]
        else:
            rep['error'] = 'cannot import gunicorn with %s: %s' % (a.python, probe.stderr[-500:])
            return False
    except (OSError, subprocess.SubprocessError) as e:
        rep['error'] = 'cannot run %s: %s' % (a.python, e)
        return False

    port = a.port or free_port()
    rep['port'] = port
    cmd = [a.python, '-c', GUNICORN_BOOT]
    if a.config:
        cmd += ['-c', a.config]
    cmd += ['--chdir', a.app_dir, '-b', '127.0.0.1:%d' % port, '-w', str(a.workers), '-k', 'sync',
            '--timeout', str(a.worker_timeout), '--graceful-timeout', str(a.graceful_timeout), a.app]
    rep['command'] = cmd
    t0 = time.monotonic()
    with open(os.path.join(work, 'gunicorn.log'), 'wb') as log:
        master = subprocess.Popen(cmd, cwd=a.app_dir, env=service_env(a, work, tracker.token),
                                  stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    rep['_master'] = master
    tracker.master = master.pid
    tracker.pgid = master.pid                # start_new_session: setsid() -> pgid == sid == pid
    tracker.refresh()
    rep['master_pid'] = master.pid

    # 1. wait for /health
    health = None
    end = time.monotonic() + a.startup_timeout
    while time.monotonic() < end and master.poll() is None:
        r = http_call(port, 'GET', '/health', timeout=2)
        if r['status'] == 200:
            health = r
            break
        time.sleep(0.2)
    m['service_started'] = health is not None
    if health is None:
        if master.poll() is not None:
            rep['error'] = 'gunicorn exited with code %s before answering /health (see gunicorn_log_tail)' % (
                master.poll())
        else:
            rep['error'] = 'service did not answer /health within %ss' % a.startup_timeout
        return False
    m['startup_secs'] = round(time.monotonic() - t0, 2)
    if isinstance(health['body'], dict):
        m['ansible'] = health['body'].get('ansible')

    def workers_now():
        procs = tracker.refresh()
        return sorted(p for p in procs if procs[p].ppid == master.pid and procs[p].state != 'Z')
    workers = wait_until(lambda: len(workers_now()) >= a.workers and workers_now(), 15) or workers_now()
    rep['workers'] = workers
    m['workers'] = len(workers)

    # 2a. the API, answer by answer (normalised), compared with the expected answers if given
    api_calls = []
    if a.api_check:
        api_calls = api_probe(port, a)
        answers = normalise_answers(api_calls)
        rep['api'] = {'calls': api_calls, 'answers': answers}
        m['api_probes'] = len(api_calls)
        if a.api_record:
            with open(a.api_record, 'w') as f:
                json.dump(answers, f, indent=1, sort_keys=True)
                f.write('\n')
        if a.api_expected:
            with open(a.api_expected) as f:
                expected = json.load(f)
            diffs, adds = compare_answers(expected, answers)
            rep['api'].update({'expected': a.api_expected, 'differences': diffs, 'additions': adds})
            m['api_same_as_expected'] = not diffs
            m['api_differences'] = len(diffs)
            m['api_additions'] = len(adds)

    # 2. deploys, one after another
    hosts = [h for h in a.hosts.split(',') if h]
    responses = []
    failed = 0
    for i in range(a.requests):
        body = {'application': 'shop', 'version': '1.0.%d' % i, 'hosts': hosts}
        r = http_call(port, 'POST', '/deploy', body, timeout=a.request_timeout)
        responses.append(r)
        if not (r['status'] == 200 and isinstance(r['body'], dict) and r['body'].get('status') == 'success'):
            failed += 1
            if a.max_failures and failed >= a.max_failures:
                m['deploys_aborted'] = 'after %d failed deploys (--max-failures)' % failed
                break
    rep['deploys'] = responses
    ok = [r for r in responses if r['status'] == 200 and isinstance(r['body'], dict)
          and r['body'].get('status') == 'success']
    m['deploy_requests'] = a.requests
    m['deploy_ok'] = len(ok)
    m['deploy_secs_avg'] = round(sum(r['secs'] for r in responses) / max(len(responses), 1), 2)

    # 3. leftovers
    time.sleep(a.settle)
    procs = tracker.refresh()
    workers = sorted(p for p in procs if procs[p].ppid == master.pid and procs[p].state != 'Z')
    tree = descendants(master.pid, procs)
    extra = [p for p in tree if p not in workers]
    live = [p for p in extra if procs[p].state not in ('Z', 'X')]
    m['leftover_children'] = len(live)
    m['leftover_zombies'] = len(extra) - len(live)
    # per successful deploy so far (the API probe's deploy, if any, ran before them)
    done = len(ok) + sum(1 for r in api_calls if r.get('method') == 'POST' and r.get('status') == 200)
    m['leftover_per_request'] = round(len(live) / float(done), 2) if done else None
    cpu = cpu_percent(live + workers, a.cpu_window)
    left_cpu = [cpu[p] for p in live if cpu.get(p) is not None]
    m['leftover_cpu_percent_total'] = round(sum(left_cpu, 0.0), 1)
    m['leftover_cpu_percent_min'] = min(left_cpu) if left_cpu else None
    m['leftover_cpu_percent_max'] = max(left_cpu) if left_cpu else None
    m['worker_cpu_percent_total'] = round(sum(cpu[p] or 0.0 for p in workers), 1)
    details = []
    for p in extra:
        st = status_fields(p)
        details.append({'pid': p, 'ppid': procs[p].ppid, 'state': procs[p].state, 'pgrp': procs[p].pgrp,
                        'cpu_percent': cpu.get(p), 'threads': st.get('Threads'),
                        'caught': decode_sigmask(st.get('SigCgt')), 'blocked': decode_sigmask(st.get('SigBlk')),
                        'ignored': decode_sigmask(st.get('SigIgn')), 'cmdline': cmdline(p)[:160]})
    rep['leftovers'] = details
    m['leftover_sigterm_caught'] = (all('SIGTERM' in d['caught'] for d in details if d['pid'] in live)
                                    if live else None)
    m['worker_threads_max'] = max([int(status_fields(w).get('Threads') or 0) for w in workers] or [0])

    # 4. SIGTERM each leftover
    for p in live:
        if tracker.alive(p):
            try:
                os.kill(p, signal.SIGTERM)
            except OSError:
                pass
    wait_until(lambda: not any(tracker.alive(p) for p in live), a.sigterm_wait)
    survivors = [p for p in live if tracker.alive(p)]
    m['sigterm_sent'] = len(live)
    m['sigterm_survivors'] = len(survivors)
    m['sigterm_stops_leftovers'] = (not survivors) if live else None

    # 5. graceful shutdown of a worker with a request in flight
    if 'deploys_aborted' in m:
        graceful = {'graceful_inflight_status': 'not measured: deploys fail'}
    else:
        graceful = graceful_check(a, port, master, tracker)
    rep['_graceful_response'] = graceful.pop('_response', None)
    m.update(graceful)

    # 6. stop gunicorn: SIGTERM to the master
    tracker.refresh()
    t0 = time.monotonic()
    os.kill(master.pid, signal.SIGTERM)
    try:
        master.wait(timeout=a.graceful_timeout + a.stop_margin)
        m['master_exited'] = True
    except subprocess.TimeoutExpired:
        m['master_exited'] = False
    m['master_stop_secs'] = round(time.monotonic() - t0, 2)
    time.sleep(a.settle)
    after = tracker.live(exclude=(master.pid,))
    m['survivors_after_stop'] = len(after)
    procs = scan()
    rep['survivors'] = [{'pid': p, 'ppid': procs[p].ppid if p in procs else None,
                         'state': procs[p].state if p in procs else None, 'cmdline': cmdline(p)[:160]}
                        for p in after]
    if after:
        scpu = cpu_percent(after, 1.0)
        m['survivors_cpu_percent_total'] = round(sum(v or 0.0 for v in scpu.values()), 1)
        # orphans: their parent (a worker) is gone, they were re-parented to init or a subreaper
        m['survivors_orphaned'] = sum(1 for s in rep['survivors'] if not tracker.alive(s['ppid'] or 0))
    free, err = port_bindable(port)
    m['port_free_after_stop'] = free
    holders = pids_holding(tcp_inodes(port, listen_only=True), [p for p in tracker.seen if tracker.alive(p)])
    m['port_listen_held_by'] = len(holders)
    rep['port_bind_error'] = err
    rep['port_holders'] = holders

    # 7. deployment records
    # every deploy answered with 200 and an id must have its record (GETs of /deployments/<id> are not deploys)
    expected = [r for r in api_calls + responses + [rep.get('_graceful_response') or {}]
                if r.get('method') == 'POST' and r.get('status') == 200 and isinstance(r.get('body'), dict)
                and r['body'].get('id')]
    m['records_expected'] = len(expected)
    try:
        conn = sqlite3.connect('file:%s?mode=ro' % a.db_path, uri=True, timeout=10)
        try:
            ids = dict(conn.execute('SELECT id, status FROM deployments').fetchall())
        finally:
            conn.close()
        m['records_in_db'] = len(ids)
        rep['_records'] = ids
        by_status = {}
        for status in ids.values():
            by_status[status] = by_status.get(status, 0) + 1
        m['records_by_status'] = dict(sorted(by_status.items()))
        missing = [r['body']['id'] for r in expected if ids.get(r['body']['id']) != r['body'].get('status')]
        m['records_match'] = not missing and len(ids) == len(expected)
        rep['records_missing_or_different'] = missing
    except sqlite3.Error as e:
        m['records_in_db'] = None
        m['records_match'] = False
        rep['records_error'] = str(e)
    # 7b. notifications: one POST of the finished record per deploy, as the sink received them
    if a.notify_sink is not None:
        got = list(a.notify_sink.received)
        ids = rep.pop('_records', None) or {}
        m['notifications_received'] = len(got)
        m['notifications_match'] = ((sorted(n.get('id') or '' for n in got) == sorted(r['body']['id'] for r in expected)
                                     and all(ids.get(n.get('id')) == n.get('status') for n in got))
                                    if expected else None)
        rep['notifications'] = got[-3:]
    rep.pop('_records', None)

    # 8. the audit trail the callback plugin writes (one line per task result)
    audit = os.path.join(work, 'work', 'audit.log')
    try:
        with open(audit, 'rb') as f:
            lines = f.read().decode('utf-8', 'replace').splitlines()
    except OSError:
        lines = []
    m['audit_log_lines'] = len(lines)
    # one STATS line per host and deploy: does every deploy (every host) have its audit trail?
    stats = sum(1 for line in lines if ' STATS ' in line)
    m['audit_log_stats_lines'] = stats
    m['audit_log_complete'] = stats == m['records_expected'] * len(hosts)
    # a Python 3 port that str()s bytes writes "b'...'" where the legacy service wrote the text
    m['audit_log_bytes_reprs'] = sum(1 for line in lines if " b'" in line or ' b"' in line)
    rep['audit_log_tail'] = lines[-5:]
    m['total_secs'] = round(time.monotonic() - t_all, 1)
    return True


def graceful_check(a, port, master, tracker):
    out = {}
    state = {}
    body = {'application': 'shop', 'version': '2.0.0', 'hosts': [h for h in a.hosts.split(',') if h],
            'delay': a.delay}

    def client():
        state['response'] = http_call(port, 'POST', '/deploy', body, timeout=a.request_timeout,
                                      on_connect=lambda p: state.__setitem__('client_port', p))
    th = threading.Thread(target=client, daemon=True)
    th.start()

    def serving_worker():
        cport = state.get('client_port')
        if cport is None:
            return None
        procs = tracker.refresh()
        workers = [p for p in procs if procs[p].ppid == master.pid and procs[p].state != 'Z']
        held = pids_holding(tcp_inodes(port, remote_port=cport), workers)
        return held[0] if len(held) == 1 else None
    worker = wait_until(serving_worker, 10)
    out['graceful_delay_secs'] = a.delay
    if worker is None:
        th.join(a.request_timeout)
        out['graceful_inflight_status'] = None
        out['graceful_note'] = 'could not tell which worker serves the request'
        out['_response'] = state.get('response')
        return out
    time.sleep(min(1.0, a.delay / 3.0))               # let the playbook get going
    out['graceful_inflight_at_sigterm'] = th.is_alive()
    t0 = time.monotonic()
    try:
        os.kill(worker, signal.SIGTERM)
    except OSError:
        pass
    th.join(a.request_timeout + 5)
    r = state.get('response') or {'status': None, 'error': 'no response (client still waiting)'}
    out['graceful_inflight_status'] = r['status'] if r['status'] is not None else r.get('error')
    out['graceful_inflight_completed'] = (r['status'] == 200 and isinstance(r.get('body'), dict)
                                          and r['body'].get('status') == 'success')
    out['graceful_response_after_sigterm_secs'] = round(time.monotonic() - t0, 2)
    out['graceful_worker_exited'] = bool(wait_until(lambda: not tracker.alive(worker), a.sigterm_wait))
    out['_response'] = r
    return out


def service_env(a, work, token):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('ANSIBLE_', 'VESEMIR_', 'PYTHON', 'GUNICORN_', 'VIRTUAL_ENV'))}
    env.update({
        'HOME': os.path.join(work, 'home'),
        'VESEMIR_WORK_DIR': os.path.join(work, 'work'),
        'VESEMIR_DB': a.db_path,
        'VESEMIR_NOTIFY_URL': a.notify_url or '',
        'PYTHONUNBUFFERED': '1',
        'PYTHONDONTWRITEBYTECODE': '1',
        TOKEN_VAR: token,
    })
    return env


def print_table(rep):
    rows = [('metric', 'value')] + [(k, json.dumps(v) if not isinstance(v, str) else v)
                                    for k, v in rep['metrics'].items()]
    if rep.get('error'):
        rows.append(('error', rep['error']))
    w = max(len(r[0]) for r in rows)
    print('%-*s | %s' % (w, rows[0][0], rows[0][1]))
    print('%s-|-%s' % ('-' * w, '-' * 12))
    for k, v in rows[1:]:
        print('%-*s | %s' % (w, k, v))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument('--python', default=sys.executable,
                    help='interpreter whose gunicorn runs the service (e.g. the one py2env.py prints)')
    ap.add_argument('--app-dir', default=DEFAULT_APP_DIR, help='folder with the vesemir package')
    ap.add_argument('--app', default='vesemir.app:application', help='WSGI application')
    ap.add_argument('--config', default=None,
                    help='gunicorn config file (default: <app-dir>/gunicorn.conf.py if it exists; "" for none)')
    ap.add_argument('--requests', type=int, default=4, help='deploy requests to send')
    ap.add_argument('--hosts', default='localhost', help='comma-separated hosts of each deploy')
    ap.add_argument('--port', type=int, default=0, help='port on 127.0.0.1 (default: a free one)')
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--graceful-timeout', type=int, default=10, help="gunicorn's --graceful-timeout")
    ap.add_argument('--worker-timeout', type=int, default=120, help="gunicorn's --timeout")
    ap.add_argument('--delay', type=int, default=4, help='playbook delay of the in-flight graceful request')
    ap.add_argument('--cpu-window', type=float, default=2.0)
    ap.add_argument('--sigterm-wait', type=float, default=3.0)
    ap.add_argument('--settle', type=float, default=1.0, help='pause before looking at the process tree')
    ap.add_argument('--max-failures', type=int, default=0,
                    help='stop sending deploys after this many failed ones, and skip the graceful check (0: never)')
    ap.add_argument('--startup-timeout', type=float, default=60.0)
    ap.add_argument('--request-timeout', type=float, default=120.0)
    ap.add_argument('--stop-margin', type=float, default=10.0,
                    help='wait this long beyond the graceful timeout for the master to exit')
    ap.add_argument('--api-check', action='store_true',
                    help='before the deploys, probe every route and error status and normalise the answers')
    ap.add_argument('--api-expected', metavar='FILE',
                    help='compare the normalised answers with these (implies --api-check), e.g. '
                         'scripts/legacy_api_answers.json')
    ap.add_argument('--api-record', metavar='FILE', help='write the normalised answers here (implies --api-check)')
    ap.add_argument('--notify', action='store_true',
                    help="point the service's notification hook at a local sink and check that every deploy "
                         'notified it')
    ap.add_argument('--json', dest='json_out', help='write the full report here')
    ap.add_argument('--keep-workdir', action='store_true', help='keep the temporary folder (logs, db)')
    a = ap.parse_args(argv)
    a.app_dir = os.path.abspath(a.app_dir)
    a.api_check = bool(a.api_check or a.api_expected or a.api_record)
    if a.config is None:
        conf = os.path.join(a.app_dir, 'gunicorn.conf.py')
        a.config = conf if os.path.exists(conf) else ''
    elif a.config:
        a.config = os.path.abspath(a.config)

    work = tempfile.mkdtemp(prefix='vesemir-repro-')
    os.makedirs(os.path.join(work, 'home'))
    os.makedirs(os.path.join(work, 'work'))
    a.db_path = os.path.join(work, 'work', 'vesemir.db')
    token = uuid.uuid4().hex
    tracker = Tracker(token)
    rep = {'args': {k: v for k, v in vars(a).items()}, 'token': token, 'workdir': work, 'metrics': {}}

    def on_signal(signum, frame):
        raise KeyboardInterrupt('signal %d' % signum)
    old = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGHUP)}
    measured = False
    a.notify_sink = NotifySink() if a.notify else None
    a.notify_url = a.notify_sink.url if a.notify_sink else None
    try:
        measured = run(a, rep, tracker, work)
    except KeyboardInterrupt as e:
        rep['error'] = 'interrupted: %s' % e
    except Exception as e:
        import traceback
        rep['error'] = 'harness error: %s: %s' % (type(e).__name__, e)
        rep['traceback'] = traceback.format_exc()
    finally:
        killed, remaining = tracker.kill_all()
        if a.notify_sink is not None:
            a.notify_sink.close()
        master = rep.pop('_master', None)
        if master is not None:
            try:
                master.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        rep['metrics']['cleanup_killed'] = len(killed)
        rep['metrics']['cleanup_remaining'] = len(remaining)
        rep['cleanup'] = {'killed': killed, 'remaining': remaining, 'tracked': sorted(tracker.seen)}
        rep['graceful_response'] = rep.pop('_graceful_response', None)
        rep['gunicorn_log_tail'] = tail(os.path.join(work, 'gunicorn.log'))
        for s, h in old.items():
            signal.signal(s, h)
        if not a.keep_workdir:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rep)
    if a.json_out:
        with open(a.json_out, 'w') as f:
            json.dump(rep, f, indent=1, default=str)
    return 0 if measured else 1


if __name__ == '__main__':
    sys.exit(main())
