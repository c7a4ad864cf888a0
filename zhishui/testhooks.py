"""Crash points for the kill tests: a run can be made to kill itself at its N-th write.

Honoured only when pytest runs the process (PYTEST_CURRENT_TEST is inherited by the
commands a test starts), so no setting of a clerk's machine can trigger it:
  ZHISHUI_TEST_KILL_AFTER=N   SIGKILL this process at the N-th crash point
  ZHISHUI_TEST_STEPS=path     append the name of every crash point passed (to count them)
"""
from __future__ import annotations

import os
import signal

_count = 0


def crash_point(name: str) -> None:
    """A moment where a real crash (power cut, killed task) could happen."""
    global _count
    env = os.environ
    if "PYTEST_CURRENT_TEST" not in env:
        return
    log = env.get("ZHISHUI_TEST_STEPS")
    kill = env.get("ZHISHUI_TEST_KILL_AFTER")
    if not log and not kill:
        return
    _count += 1
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{_count}\t{name}\n")
    if kill and _count == int(kill):
        os.kill(os.getpid(), signal.SIGKILL)
