"""The README's main job, examples/legacy_vesemir/scripts/demo.py: its pieces that do not need a
service (the steps themselves are covered by test_reproduce_legacy.py, test_diagnosis.py,
test_migration.py and test_migrated_service.py, which run them the same way)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from vesemir_helpers import SCRIPTS

GOOD = {
    "service_started": True,
    "deploy_ok": 50, "deploy_requests": 50, "api_same_as_expected": True, "api_differences": 0, "api_additions": 4,
    "notifications_match": True, "notifications_received": 52, "leftover_children": 0,
    "graceful_inflight_completed": True, "graceful_inflight_status": 200, "graceful_worker_exited": True,
    "survivors_after_stop": 0, "port_free_after_stop": True, "records_match": True, "records_in_db": 52,
    "records_expected": 52,
}


def test_help():
    proc = subprocess.run([sys.executable, os.path.join(SCRIPTS, "demo.py"), "--help"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and "--requests" in proc.stdout and "--out" in proc.stdout


def test_verdict_passes_only_when_every_step4_check_holds(demo):
    assert all(ok for _, ok, _ in demo.verdict(GOOD, 50))
    for key, bad in (("leftover_children", 1), ("port_free_after_stop", False), ("records_match", False),
                     ("graceful_inflight_completed", False), ("graceful_worker_exited", False),
                     ("api_same_as_expected", False), ("deploy_ok", 49), ("notifications_match", None),
                     ("survivors_after_stop", 2)):
        failed = [name for name, ok, _ in demo.verdict({**GOOD, key: bad}, 50) if not ok]
        assert len(failed) == 1, (key, failed)
    assert not any(ok for _, ok, _ in demo.verdict({}, 50))  # nothing measured: nothing passes


def test_comparison_without_step1(demo):
    text = demo.comparison({"step1": {"skipped": "no Python 2.7"}, "step4": {"metrics": GOOD}})
    assert "n/a (step 1 skipped)" in text and "port free after stop" in text
    assert "50/None" not in text and "not measured" not in text


def test_out_folder_is_only_emptied_when_the_demo_made_it(demo, tmp_path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not the demo's")
    with pytest.raises(SystemExit):
        demo.prepare_out(str(foreign))
    assert (foreign / "keep.txt").exists()
    out = tmp_path / "demo"
    service, reports = demo.prepare_out(str(out))
    os.makedirs(service)
    (out / "reports" / "old.json").write_text("{}")
    service, reports = demo.prepare_out(str(out))  # its own folder: emptied and reused
    assert os.listdir(reports) == [] and not os.path.exists(service)
