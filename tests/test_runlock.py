"""Two runs at once on one list, with real processes: the second waits, then says in Chinese
who holds the lock (process, start time, machine) and what to do; a lock left by a killed
run is recognised and taken over."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from conftest import SAMPLES, list001_without_its_slip

INBOX = SAMPLES / "seed001" / "2020年11月报送"


def collect(work: Path, out: str, **env) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "zhishui.cli", "collect", str(work / "清单.xlsx"), str(INBOX), "--period", "2020-11",
           "--date", "2020-11-30", "--out", str(work / out)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "ZHISHUI_LOCK_WAIT": "2", **env})


def wait_for_holder(lock: Path, pid: int, timeout=60) -> dict:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            info = json.loads(lock.read_text(encoding="utf-8") or "{}")
        except (OSError, ValueError):
            info = {}
        if info.get("pid") == pid:
            return info
        time.sleep(0.05)
    raise AssertionError("the first run never took the lock")


def test_second_run_waits_then_says_who_holds_the_lock(tmp_path):
    list001_without_its_slip(tmp_path / "清单.xlsx")
    lock = tmp_path / "清单_督办档案.lock"
    first = collect(tmp_path, "一.xlsx")
    info = wait_for_holder(lock, first.pid)
    os.kill(first.pid, signal.SIGSTOP)          # the first run holds the lock and makes no progress
    try:
        t = time.monotonic()
        second = collect(tmp_path, "二.xlsx")
        _, err = second.communicate(timeout=120)
        waited = time.monotonic() - t
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert second.returncode == 2 and waited >= 2
    assert f"进程{first.pid}" in err and info["started"] in err and socket.gethostname() in err
    assert "另一次运行" in err and "请等它完成后再运行" in err and "Traceback" not in err
    assert not (tmp_path / "二.xlsx").exists()
    out, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert (tmp_path / "一.xlsx").exists()
    # the lock is free again: a run now goes through, and finds no lock left behind
    third = collect(tmp_path, "三.xlsx")
    _, err3 = third.communicate(timeout=300)
    assert third.returncode == 0 and "已接管" not in err3, err3
    assert lock.read_text(encoding="utf-8") == ""


def test_stale_lock_of_a_killed_run_is_taken_over(tmp_path):
    list001_without_its_slip(tmp_path / "清单.xlsx")
    lock = tmp_path / "清单_督办档案.lock"
    first = collect(tmp_path, "一.xlsx")
    info = wait_for_holder(lock, first.pid)
    first.kill()
    first.communicate(timeout=60)
    assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == first.pid   # the lock file is still there
    t = time.monotonic()
    second = collect(tmp_path, "二.xlsx")
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert time.monotonic() - t < 120
    assert "没有正常结束" in err and "已接管" in err and f"进程{first.pid}" in err and info["started"] in err
    assert (tmp_path / "二.xlsx").exists()
