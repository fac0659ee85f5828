#!/usr/bin/env python3
"""Issue 6 end to end on the bundled legacy service: reproduce, diagnose, migrate, prove.

    pip install ".[example]" && python examples/legacy_vesemir/scripts/demo.py

1. Reproduce (only where Python 2.7 is found, the same search as ``py2env.py``): build the
   Python 2.7 environment and measure the legacy service with ``reproduce.py``.
2. Diagnose: ``migrator check`` on the service (and on the Ansible 2.1 executor it embeds),
   ``migrator report`` (JSON + HTML).
3. Migrate: copy the service to ``--out``/service, ``migrator fix`` it, list what needs review,
   apply the documented hand-finishing (printed as patches; currently none), check that a second
   ``fix`` changes nothing, report before/after.
4. Prove: ``reproduce.py`` on the migrated copy with this interpreter (Python 3 + ansible-core +
   gunicorn), ``--requests`` deploys (default 50), then a legacy-vs-migrated table.

Exit status 0 only when step 4 shows: every deploy answered, the same API answers as the legacy
service (``legacy_api_answers.json``) and every notification sent, no leftover processes, an
in-flight deploy completes after SIGTERM to its worker and the worker exits, nothing survives the
stop and the port is free, and every deployment record is there. 1 otherwise, 2 on usage errors.
Python 3 standard library + migrator; every child process has a timeout.
"""
from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
APP_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(APP_DIR))
REPRODUCE = os.path.join(HERE, "reproduce.py")
LEGACY_ANSWERS = os.path.join(HERE, "legacy_api_answers.json")
MARKER = ".vesemir-demo"  # marks an --out folder this script made (and may empty again)
ANSIBLE_21 = "ansible==2.1.0.0"
# The Ansible 2.1 files that make up the incident (ResultProcess, TaskQueueManager cleanup).
ANSIBLE_21_FILES = (
    "ansible/executor/task_queue_manager.py",
    "ansible/executor/process/result.py",
    "ansible/executor/process/worker.py",
)
FINDING = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<message>.*)$")
REVIEW = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) needs review: (?P<message>.*)$")
CHANGED = re.compile(r"^changed (?P<path>\S+) \((?P<codes>[^)]*)\)$")

# The hand-finishing of step 3: edits a person makes after `migrator fix`, each the decision on a
# "needs review" item the tool reported (code, file). Applied in order, printed as a diff, listed
# in the example README. Empty: the tool's output runs as it is.
#   (review code, file relative to the service, text before, text after, why)
HAND_FINISHING: tuple[tuple[str, str, str, str, str], ...] = ()


# ----------------------------------------------------------------------------------- helpers
def say(text: str = "") -> None:
    print(text, flush=True)


def heading(text: str) -> None:
    say()
    say("=" * 100)
    say(text)
    say("=" * 100)


def run(cmd, *, cwd=None, timeout=600, env=None) -> subprocess.CompletedProcess:
    """Run a command to completion (bounded), output captured."""
    try:
        return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:  # subprocess.run kills the child on timeout
        return subprocess.CompletedProcess(cmd, 124, exc.stdout or "", (exc.stderr or "") + f"\ntimed out after {timeout}s")


def migrator_env() -> dict:
    """This checkout's migrator first on the path (works installed or not)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = REPO + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def migrator(*args, cwd, timeout=900) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "migrator", *args], cwd=cwd, timeout=timeout, env=migrator_env())


def load_py2env():
    spec = importlib.util.spec_from_file_location("vesemir_py2env", os.path.join(HERE, "py2env.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def table(rows, headers) -> str:
    rows = [[str(c) for c in r] for r in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(str(h)) for i, h in enumerate(headers)]
    out = [" | ".join(str(h).ljust(w) for h, w in zip(headers, widths)),
           "-|-".join("-" * w for w in widths)]
    out += [" | ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(out)


def findings_of(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        m = FINDING.match(line)
        if m:
            d = m.groupdict()
            d["line"], d["col"] = int(d["line"]), int(d["col"])
            out.append(d)
    return out


def short(text: str, n: int = 150) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# ------------------------------------------------------------------------- step 1: reproduce
def step1(a, reports: str, results: dict) -> None:
    heading("STEP 1  Reproduce the leak: legacy service (Python 2.7 + Ansible 2.1 + gunicorn 19)")
    if a.skip_legacy:
        results["step1"] = {"skipped": "--skip-legacy"}
        say("skipped (--skip-legacy)")
        return
    py2env = load_py2env()
    try:
        real = py2env.find_python2()
    except py2env.NoPython2 as exc:
        results["step1"] = {"skipped": str(exc)}
        say(f"skipped: {exc}")
        say("(step 1 needs Python 2.7.18, e.g. `pyenv install 2.7.18`; steps 2-4 do not)")
        return
    say(f"Python 2.7: {real}")
    say("building/reusing the Python 2.7 environment (py2env.py; the first build needs PyPI and ~20 s) ...")
    proc = run([sys.executable, os.path.join(HERE, "py2env.py")], timeout=1200)
    if proc.returncode != 0:
        reason = (proc.stderr.strip().splitlines() or ["py2env.py failed"])[-1]
        results["step1"] = {"skipped": f"py2env.py failed: {reason}"}
        say(f"skipped: the Python 2.7 environment could not be built: {reason}")
        return
    python2 = proc.stdout.strip().splitlines()[-1]
    out = os.path.join(reports, "reproduce-legacy.json")
    say(f"reproduce.py --python {python2} --requests {a.legacy_requests} --notify --api-expected ... (about a minute)")
    report = reproduce(python2, APP_DIR, a.legacy_requests, out, a)
    results["step1"] = {"python2": python2, "report": out, "metrics": report.get("metrics", {}),
                        "error": report.get("error")}


def reproduce(python: str, app_dir: str, requests: int, out: str, a) -> dict:
    cmd = [sys.executable, REPRODUCE, "--python", python, "--app-dir", app_dir, "--requests", str(requests),
           "--notify", "--api-expected", LEGACY_ANSWERS, "--graceful-timeout", str(a.graceful_timeout),
           # a deploy takes seconds; one that hangs (a broken port) must not hold the demo for hours
           "--request-timeout", "90", "--max-failures", "3", "--json", out]
    t0 = time.monotonic()
    proc = run(cmd, timeout=300 + 90 * requests)
    say(proc.stdout.rstrip())
    if proc.returncode != 0 and proc.stderr.strip():
        say(proc.stderr.rstrip()[-2000:])
    try:
        with open(out) as fh:
            report = json.load(fh)
    except (OSError, ValueError):
        report = {"metrics": {}, "error": f"reproduce.py wrote no report (exit {proc.returncode})"}
    report["elapsed"] = round(time.monotonic() - t0, 1)
    if report.get("error"):
        tail = report.get("gunicorn_log_tail") or []
        errors = [line for line in tail if re.match(r"^\w*(Error|Exception)\b", line)]
        say(f"the service could not be measured: {report['error']}")
        if errors:
            say(f"  the service's log says: {short(errors[-1], 300)}")
    failed = [r for r in report.get("deploys") or [] if r.get("status") != 200][:1]
    for r in failed:
        say(f"first failed deploy: status {r.get('status')}, {short(json.dumps(r.get('body') or r.get('error')), 300)}")
    api = report.get("api") or {}
    if api.get("differences"):
        say("API differences from the legacy answers:")
        for d in api["differences"][:20]:
            say(f"  {short(d, 200)}")
    if api.get("additions"):
        say("fields the legacy answers do not have (additions, allowed): " + ", ".join(api["additions"]))
    return report


# -------------------------------------------------------------------------- step 2: diagnose
def ansible21_sources(results: dict) -> tuple[str | None, str]:
    """A folder holding ansible/executor/... of Ansible 2.1.0.0, and where it came from."""
    site = os.path.join(load_py2env().default_env_dir(), "lib", "python2.7", "site-packages")
    if all(os.path.isfile(os.path.join(site, f)) for f in ANSIBLE_21_FILES):
        return site, "the Python 2.7 environment of step 1"
    cache = os.environ.get("MIGRATOR_CORPUS_DIR") or os.path.expanduser("~/.cache/migrator-corpus")
    tree = os.path.join(cache, "ansible-2.1.0.0", "lib")
    if not os.path.isdir(tree):
        os.makedirs(cache, exist_ok=True)
        archive = os.path.join(cache, "ansible-2.1.0.0.tar.gz")
        if not os.path.isfile(archive):
            say(f"downloading the {ANSIBLE_21} sdist (source only, not installed) into {cache} ...")
            proc = run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        ANSIBLE_21, "-d", cache], timeout=600)
            if proc.returncode != 0 or not os.path.isfile(archive):
                tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
                return None, f"could not download {ANSIBLE_21} (no network?): {tail[0]}"
        tmp = tempfile.mkdtemp(prefix=".extract-", dir=cache)
        try:
            with tarfile.open(archive) as tar:
                try:
                    tar.extractall(tmp, filter="data")
                except TypeError:
                    tar.extractall(tmp)
            if not os.path.exists(os.path.join(cache, "ansible-2.1.0.0")):
                os.rename(os.path.join(tmp, "ansible-2.1.0.0"), os.path.join(cache, "ansible-2.1.0.0"))
        except (OSError, tarfile.TarError) as exc:
            return None, f"could not extract {archive}: {exc}"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return tree, f"the {ANSIBLE_21} sdist in {cache}"


def report_json(target: str, out_json: str, out_html: str) -> dict:
    proc = migrator("report", "--no-cache", ".", "--format", "json", "-o", out_json, cwd=target)
    if proc.returncode != 0:
        say(f"migrator report failed ({proc.returncode}): {proc.stderr.strip()[-1500:]}")
        return {}
    html = migrator("report", "--no-cache", ".", "--format", "html", "-o", out_html, cwd=target)
    if html.returncode != 0:
        say(f"migrator report (html) failed ({html.returncode}): {html.stderr.strip()[-500:]}")
    with open(out_json, encoding="utf-8") as fh:
        return json.load(fh)


def report_summary(model: dict) -> dict:
    s = model.get("summary", {})
    f = s.get("findings", {})
    an = s.get("ansible", {})
    return {
        "files": s.get("files"),
        "score (0-10)": s.get("score"),
        "parse as Python 3": s.get("parses"),
        "Python 2 files": s.get("python2"),
        "automatic changes pending": f.get("change"),
        "need review": f.get("review"),
        "fork-safety hazards": f.get("hazard"),
        "Ansible 2.1 API uses (handled)": f"{an.get('uses')} ({an.get('handled')})" if an else None,
        "dependencies not ready": (s.get("dependencies") or {}).get("not_ready"),
    }


def step2(a, reports: str, results: dict) -> None:
    heading("STEP 2  Diagnose: migrator check + migrator report on the legacy service")
    say("$ migrator check examples/legacy_vesemir")
    proc = migrator("check", "--no-cache", ".", cwd=APP_DIR)
    found = findings_of(proc.stdout)
    for f in found:
        say(f"  {f['path']}:{f['line']}:{f['col']}: {f['code']} {short(f['message'], 400)}")
    if proc.returncode not in (0, 1):
        say(f"  migrator check failed ({proc.returncode}): {proc.stderr.strip()[-1000:]}")
    say(f"  -> {len(found)} finding(s) in the service's own code")
    say()
    where, origin = ansible21_sources(results)
    ansible = []
    if where is None:
        say(f"the Ansible 2.1 executor is not checked: {origin}")
    else:
        say(f"$ migrator check <Ansible 2.1 executor the service embeds>   (from {origin})")
        proc = migrator("check", "--no-cache", *ANSIBLE_21_FILES, cwd=where)
        ansible = findings_of(proc.stdout)
        for f in ansible:
            say(f"  {f['path']}:{f['line']}:{f['col']}: {f['code']} {short(f['message'], 300)}")
        say(f"  -> {len(ansible)} finding(s) in Ansible 2.1's executor")
    say()
    say("$ migrator report examples/legacy_vesemir   (JSON + HTML)")
    legacy = report_json(APP_DIR, os.path.join(reports, "report-legacy.json"), os.path.join(reports, "report-legacy.html"))
    if legacy:
        say(table(report_summary(legacy).items(), ("legacy service", "")))
        codes = sorted(legacy.get("codes", []), key=lambda c: (-c.get("count", 0), c.get("code", "")))
        say()
        say("what the migration involves (finding codes, most frequent first):")
        say(table([(c.get("code"), c.get("kind"), c.get("count"), short(c.get("description") or c.get("name") or "", 90))
                   for c in codes], ("code", "kind", "count", "what")))
        say(f"HTML report: {os.path.join(reports, 'report-legacy.html')}")
    results["step2"] = {"check": found, "ansible21_check": ansible, "ansible21_source": origin,
                        "report": report_summary(legacy) if legacy else None}


# --------------------------------------------------------------------------- step 3: migrate
def prepare_out(out: str) -> tuple[str, str]:
    if os.path.exists(out):
        if os.listdir(out) and not os.path.exists(os.path.join(out, MARKER)):
            raise SystemExit(f"demo: {out} exists and was not made by this script; choose another --out")
        for name in ("service", "reports"):
            shutil.rmtree(os.path.join(out, name), ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, MARKER), "w") as fh:
        fh.write("made by examples/legacy_vesemir/scripts/demo.py; emptied again by its next run\n")
    service, reports = os.path.join(out, "service"), os.path.join(out, "reports")
    os.makedirs(reports)
    return service, reports


def apply_hand_finishing(service: str, reviews: list[dict]) -> list[dict]:
    applied = []
    for code, rel, before, after, why in HAND_FINISHING:
        path = os.path.join(service, rel)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if not any(r["code"] == code and r["path"] == rel for r in reviews):
            raise SystemExit(f"demo: hand-finishing for {code} in {rel}, but migrator fix did not ask for it")
        if text.count(before) != 1:
            raise SystemExit(f"demo: hand-finishing for {code}: the text to replace is not (once) in {rel}")
        new = text.replace(before, after)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(new)
        diff = "".join(difflib.unified_diff(text.splitlines(True), new.splitlines(True), f"a/{rel}", f"b/{rel}"))
        say(f"hand-finishing for {code} ({why}):")
        say(diff.rstrip())
        applied.append({"code": code, "path": rel, "why": why, "diff": diff})
    return applied


def step3(a, service: str, reports: str, results: dict) -> dict:
    heading("STEP 3  Migrate: migrator fix on a copy")
    shutil.copytree(APP_DIR, service, ignore=shutil.ignore_patterns("scripts", ".migrator_cache", "__pycache__", "*.pyc"))
    say(f"copied examples/legacy_vesemir (without scripts/) to {service}")
    say(f"$ migrator fix -v {service}")
    t0 = time.monotonic()
    proc = migrator("fix", "--no-cache", "-v", ".", cwd=service)
    elapsed = time.monotonic() - t0
    changed = {}
    reviews = []
    for line in proc.stdout.splitlines():
        m = CHANGED.match(line)
        if m:
            changed[m["path"]] = [c.strip() for c in m["codes"].split(",") if c.strip()]
            continue
        m = REVIEW.match(line)
        if m:
            reviews.append({"path": m["path"], "line": int(m["line"]), "code": m["code"], "message": m["message"]})
    summary = (proc.stderr.strip().splitlines() or [""])[-1]
    say(table([(p, ", ".join(c)) for p, c in sorted(changed.items())], ("file changed", "codemods / lift rewrites")))
    say(f"migrator fix: {summary}  (exit {proc.returncode}, {elapsed:.1f}s)")
    if proc.returncode != 0:
        say(proc.stderr.strip()[-2000:])
    say()
    say(f"needs review ({len(reviews)}):")
    for r in reviews:
        say(f"  {r['path']}:{r['line']}: {r['code']} {short(r['message'], 300)}")
    an900 = "AN900" in changed.get("vesemir/runner.py", [])
    say(f"AN900 (keep the server's SIGTERM/SIGINT handlers across PlaybookExecutor()) applied: {an900}")

    say()
    applied = apply_hand_finishing(service, reviews)
    if not applied:
        say("hand-finishing: none (the migrated service is used exactly as migrator fix wrote it)")

    # every file compiles under this Python 3
    bad = []
    for root, dirs, files in os.walk(service):
        dirs[:] = [d for d in dirs if d not in ("__pycache__", ".migrator_cache")]
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(root, name)
                try:
                    with open(path, "rb") as fh:
                        compile(fh.read(), path, "exec", dont_inherit=True)
                except SyntaxError as exc:
                    bad.append(f"{os.path.relpath(path, service)}:{exc.lineno}: {exc.msg}")
    say(f"every .py file compiles under Python {sys.version.split()[0]}: {not bad}" + (f" {bad}" if bad else ""))
    again = migrator("fix", "--no-cache", "--check", ".", cwd=service)
    idempotent = again.returncode == 0
    say(f"a second `migrator fix --check` changes nothing: {idempotent}"
        + ("" if idempotent else "\n" + (again.stdout + again.stderr).strip()[-1500:]))
    after = migrator("check", "--no-cache", ".", cwd=service)
    hazards = findings_of(after.stdout)
    say(f"`migrator check` on the migrated service: {len(hazards)} finding(s)")
    for f in hazards:
        say(f"  {f['path']}:{f['line']}: {f['code']} {short(f['message'], 200)}")

    say()
    say(f"$ migrator report {service}   (after)")
    before_model = results.get("step2", {}).get("report") or {}
    model = report_json(service, os.path.join(reports, "report-migrated.json"), os.path.join(reports, "report-migrated.html"))
    now = report_summary(model) if model else {}
    say(table([(k, before_model.get(k, "n/a"), v) for k, v in now.items()], ("readiness report", "legacy", "migrated")))
    step = {"changed": changed, "reviews": reviews, "an900": an900, "hand_finishing": applied,
            "compile_errors": bad, "idempotent": idempotent, "fix_exit": proc.returncode,
            "check_after": hazards, "report": now}
    results["step3"] = step
    return step


# ----------------------------------------------------------------------------- step 4: prove
def step4(a, service: str, reports: str, results: dict) -> dict:
    heading(f"STEP 4  Prove: the migrated service under Python {sys.version.split()[0]} + ansible-core + gunicorn, "
            f"{a.requests} deploys")
    probe = run([sys.executable, "-c", "import ansible, gunicorn; print(ansible.__version__, gunicorn.__version__)"],
                timeout=120)
    if probe.returncode != 0:
        say("ansible-core and gunicorn are not importable here: pip install '.[example]' first")
        say(probe.stderr.strip()[-500:])
        results["step4"] = {"error": "ansible-core/gunicorn missing"}
        return results["step4"]
    say(f"ansible-core {probe.stdout.split()[0]}, gunicorn {probe.stdout.split()[1]}")
    out = os.path.join(reports, "reproduce-migrated.json")
    say(f"reproduce.py --python {sys.executable} --app-dir {service} --requests {a.requests} --notify "
        f"--api-expected scripts/legacy_api_answers.json   (several minutes)")
    report = reproduce(sys.executable, service, a.requests, out, a)
    results["step4"] = {"report": out, "metrics": report.get("metrics", {}), "error": report.get("error"),
                        "elapsed": report.get("elapsed")}
    return results["step4"]


# ---------------------------------------------------------------------------------- verdict
def verdict(metrics: dict, requests: int) -> list[tuple[str, bool, str]]:
    m = metrics
    return [
        ("every deploy answered 200/success", m.get("deploy_ok") == requests, f"{m.get('deploy_ok')}/{requests}"),
        ("same API answers as the legacy service", m.get("api_same_as_expected") is True,
         f"{m.get('api_differences')} difference(s), {m.get('api_additions')} added field(s)"),
        ("every deploy notified the hook", m.get("notifications_match") is True,
         f"{m.get('notifications_received')} received"),
        ("0 leftover processes", m.get("leftover_children") == 0, str(m.get("leftover_children"))),
        ("in-flight deploy completes after SIGTERM to its worker", m.get("graceful_inflight_completed") is True,
         str(m.get("graceful_inflight_status"))),
        ("the worker then exits", m.get("graceful_worker_exited") is True, str(m.get("graceful_worker_exited"))),
        ("nothing survives the stop", m.get("survivors_after_stop") == 0, str(m.get("survivors_after_stop"))),
        ("port free after stop", m.get("port_free_after_stop") is True, str(m.get("port_free_after_stop"))),
        ("every deployment record is there", m.get("records_match") is True,
         f"{m.get('records_in_db')}/{m.get('records_expected')}"),
    ]


def fmt(v) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    return str(v)


def comparison(results: dict) -> str:
    legacy = (results.get("step1") or {}).get("metrics") or {}
    new = (results.get("step4") or {}).get("metrics") or {}

    def column(m, missing):
        return (lambda fn: fn(m)) if m.get("service_started") else (lambda fn: missing)
    left = column(legacy, "n/a (step 1 skipped)" if not legacy else "not measured")
    right = column(new, "not measured")

    def both(label, fn):
        return (label, left(fn), right(fn))

    def g(key):
        return lambda m: fmt(m.get(key))
    rows = [
        both("stack", lambda m: f"Python {m.get('python')}, Ansible {m.get('ansible')}, gunicorn {m.get('gunicorn')}"),
        both("deploys answered 200/success", lambda m: f"{m.get('deploy_ok')}/{m.get('deploy_requests')}"),
        both("API answers as documented (differences)", lambda m: f"{fmt(m.get('api_same_as_expected'))} ({m.get('api_differences')})"),
        both("  fields added to the answers", g("api_additions")),
        both("notifications sent / match", lambda m: f"{m.get('notifications_received')} / {fmt(m.get('notifications_match'))}"),
        both("avg deploy time (s)", g("deploy_secs_avg")),
        both("leftover processes (per deploy)", lambda m: f"{m.get('leftover_children')} ({fmt(m.get('leftover_per_request'))})"),
        both("leftover CPU, % of a core (total)", g("leftover_cpu_percent_total")),
        both("SIGTERM stops the leftovers", g("sigterm_stops_leftovers")),
        both("in-flight deploy completes after SIGTERM", g("graceful_inflight_completed")),
        both("worker exits after that request", g("graceful_worker_exited")),
        both("master stop time after SIGTERM (s)", g("master_stop_secs")),
        both("processes surviving the stop", g("survivors_after_stop")),
        both("port free after stop", g("port_free_after_stop")),
        both("deployment records (in db / expected)", lambda m: f"{m.get('records_in_db')}/{m.get('records_expected')} match={fmt(m.get('records_match'))}"),
        both("audit trail: every deploy / text lines", lambda m: f"{fmt(m.get('audit_log_complete'))} / {m.get('audit_log_lines', 0) - (m.get('audit_log_bytes_reprs') or 0)} of {m.get('audit_log_lines')}"),
    ]
    return table(rows, ("", "legacy (step 1)", "migrated (step 4)"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    ap.add_argument("--out", default="vesemir-migrated",
                    help="output folder: service/ (the migrated copy) and reports/ (JSON, HTML, logs)")
    ap.add_argument("--requests", type=int, default=50, help="deploys sent to the migrated service (step 4)")
    ap.add_argument("--legacy-requests", type=int, default=5, help="deploys sent to the legacy service (step 1)")
    ap.add_argument("--graceful-timeout", type=int, default=10, help="gunicorn's --graceful-timeout in steps 1 and 4")
    ap.add_argument("--skip-legacy", action="store_true", help="skip step 1 even where Python 2.7 is found")
    a = ap.parse_args(argv)
    if a.requests < 1 or a.legacy_requests < 1:
        ap.error("--requests and --legacy-requests must be at least 1")
    out = os.path.abspath(a.out)
    if os.path.isdir(out) and os.listdir(out) and not os.path.exists(os.path.join(out, MARKER)):
        ap.error(f"{out} exists and was not made by this script; choose another --out")
    t0 = time.monotonic()
    service, reports = prepare_out(out)
    results: dict = {"out": out, "service": service, "reports": reports, "requests": a.requests}
    say(f"migrator demo on examples/legacy_vesemir -> {out}   (Python {sys.version.split()[0]})")

    step1(a, reports, results)
    step2(a, reports, results)
    step3(a, service, reports, results)
    step4(a, service, reports, results)

    heading("RESULT  legacy vs migrated")
    say(comparison(results))
    checks = verdict((results.get("step4") or {}).get("metrics") or {}, a.requests)
    s3 = results.get("step3") or {}
    checks = [
        ("migrated code compiles, fix is idempotent, AN900 applied",
         not s3.get("compile_errors") and bool(s3.get("idempotent")) and bool(s3.get("an900")),
         f"compile errors {len(s3.get('compile_errors') or [])}, idempotent {fmt(s3.get('idempotent'))}, AN900 {fmt(s3.get('an900'))}"),
        *checks,
    ]
    say()
    say(table([(name, "ok" if ok else "FAILED", detail) for name, ok, detail in checks], ("step 3/4 check", "", "measured")))
    m4 = (results.get("step4") or {}).get("metrics") or {}
    if m4 and (m4.get("audit_log_complete") is False or (m4.get("audit_log_bytes_reprs") or 0) > 0):
        say("note: the audit trail (audit.log, written by playbooks/callback_plugins/vesemir_audit.py) differs from the "
            "legacy service's: see the README")
    ok = all(c[1] for c in checks)
    results["checks"] = [{"check": n, "ok": o, "measured": d} for n, o, d in checks]
    results["ok"] = ok
    results["elapsed"] = round(time.monotonic() - t0, 1)
    with open(os.path.join(reports, "demo.json"), "w") as fh:
        json.dump(results, fh, indent=1, default=str)
    say()
    say(f"{'OK' if ok else 'FAILED'}: reports in {reports}, migrated service in {service} ({results['elapsed']:.0f}s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
