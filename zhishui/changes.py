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
        # (a unit whose own part is done — 已完成, a 长期坚持 task's stage kept up — has nothing new to say: the
        # session-17 trial found 23 towns' 已完成 flagged every month)
        if ts.status != DONE and now.state != DONE and len(text) >= MIN_COPIED and text == norm(before.progress):
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
    """The flags of one task as the 汇总 and the 通报 say them; copied progress once for all its units."""
    copied = [c.unit for c in flags if c.kind == COPIED]
    out, said = [], False
    for c in flags:
        if c.kind != COPIED or len(copied) == 1:
            out.append(c.text)
        elif not said:
            names = "、".join(copied[:5]) + (f"等{len(copied)}个单位" if len(copied) > 5 else "")
            out.append(f"{COPIED}（{names}的进展情况与上期一字不差）")
            said = True
    return "；".join(out)


def copied_only(flags: list[Change]) -> bool:
    """The task's only flag is progress copied from last month: the 通报 says such tasks in one sentence."""
    return all(c.kind == COPIED for c in flags)


def counts(changes: dict[str, list[Change]]) -> dict[str, int]:
    """How many tasks carry each flag."""
    return {k: sum(1 for flags in changes.values() if any(c.kind == k for c in flags)) for k in KINDS}
