"""Month over month, per task: what went backwards since last period (README 「与上期比较」).

Computed once for the month (Month.changes) from this period's statuses and last
period's, as the history holds them (History.tasks_of); the 汇总, the JSON, the
add-in's table and the 通报 present it.  A flag never changes a status.
"""
from __future__ import annotations

from dataclasses import dataclass

from .history import PrevTask
from .status import DONE, OVERDUE, TaskStatus
from .unitnames import norm

BACK, NEWLY_OVERDUE, PERCENT_DOWN, COPIED = "完成后倒退", "转为逾期", "完成比例下降", "进展照抄上期"
KINDS = [BACK, NEWLY_OVERDUE, PERCENT_DOWN, COPIED]
MIN_COPIED = 5      # shorter texts (「无」「正在推进」) are the same every month by nature


@dataclass
class Change:
    kind: str           # one of KINDS (the README table's rows, in order)
    text: str           # Chinese, for the 汇总 and the 通报
    unit: str = ""      # the unit whose report it is about (比例, 进展)


def compare(ts: TaskStatus, prev: PrevTask | None) -> list[Change]:
    """The flags of one task against last period (README table, every row that applies)."""
    if prev is None:
        return []
    out = []
    if prev.status == DONE and ts.status != DONE:
        out.append(Change(BACK, f"{BACK}（上期已完成，本期{ts.status_text}）"))
    elif ts.status == OVERDUE and prev.status != OVERDUE:
        out.append(Change(NEWLY_OVERDUE, f"{NEWLY_OVERDUE}（上期{prev.status}）"))
    for share in ts.shares:
        before = prev.shares.get(share.unit)
        now = share.report
        if before is None or now is None:
            continue
        if now.percent is not None and before.percent is not None and now.percent < before.percent - 1e-9:
            out.append(Change(PERCENT_DOWN, f"{PERCENT_DOWN}（{share.unit}由{before.percent:.0%}降到{now.percent:.0%}）",
                              share.unit))
        text = norm(now.progress)
        if ts.status != DONE and len(text) >= MIN_COPIED and text == norm(before.progress):
            out.append(Change(COPIED, f"{COPIED}（{share.unit}的进展情况与上期一字不差）", share.unit))
    return out


def compare_month(statuses: list[TaskStatus], previous: dict[str, PrevTask] | None) -> dict[str, list[Change]]:
    """task key -> its flags (only tasks with at least one)."""
    if not previous:
        return {}
    out = {}
    for ts in statuses:
        flags = compare(ts, previous.get(ts.task.key))
        if flags:
            out[ts.task.key] = flags
    return out


def changes_text(flags: list[Change]) -> str:
    return "；".join(c.text for c in flags)


def counts(changes: dict[str, list[Change]]) -> dict[str, int]:
    """How many tasks carry each flag."""
    return {k: sum(1 for flags in changes.values() if any(c.kind == k for c in flags)) for k in KINDS}
