"""Decide each task's status on the report date, and its traffic light.

已完成 / 序时推进 / 临期 / 逾期 / 长期坚持 / 未报送.  One status per task, from
its lead unit's report (or, with no 牵头单位, its responsible units jointly:
each answers for its share, all must be done); the other units' reports sit
beside it and disagreements are flagged.  A task is also marked 滞后 (lagging)
when its unit says so or its 完成比例 is well below time-proportional progress
(序时进度).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .collect import Collection, Report
from .tasks import Task

STATUSES = ["已完成", "序时推进", "临期", "逾期", "长期坚持", "未报送"]
RED, YELLOW, GREEN = "红", "黄", "绿"
LIGHT_COLORS = {RED: "FF4D4F", YELLOW: "FFD666", GREEN: "73D13D"}
STATUS_COLORS = {"已完成": "B7EB8F", "序时推进": "91D5FF", "临期": "FFE58F", "逾期": "FFA39E",
                 "长期坚持": "87E8DE", "未报送": "D9D9D9"}
# how far along a reported state says the task is, to spot disagreements
STATE_RANK = {"已完成": 4, "持续推进": 3, "序时推进": 3, "进度滞后": 1, "未启动": 0}
WORST_FIRST = ["逾期", "未报送", "临期", "序时推进", "长期坚持", "已完成"]
LAG_TOLERANCE = 0.10


@dataclass
class TaskStatus:
    task: Task
    status: str
    light: str
    due: dt.date | None = None             # the date this status is measured against
    days_left: int | None = None
    days_overdue: int | None = None
    lagging: bool = False
    reasons: list[str] = field(default_factory=list)     # Chinese, why this status
    lead_reports: list[Report] = field(default_factory=list)
    other_reports: list[Report] = field(default_factory=list)
    missing_leads: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    expected_progress: float | None = None
    carried: bool = False                   # completed in an earlier period (history)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)

    def to_dict(self) -> dict:
        t = self.task
        return {"seq": t.seq, "key": t.key, "category": t.category, "content": t.content,
                "deadline": t.deadline.raw, "due": self.due.isoformat() if self.due else None,
                "status": self.status, "light": self.light, "lagging": self.lagging,
                "days_left": self.days_left, "days_overdue": self.days_overdue,
                "expected_progress": self.expected_progress, "reason": self.reason,
                "lead_units": t.lead_units(), "missing_units": self.missing_leads,
                "disagreements": self.disagreements, "carried": self.carried,
                "extras": dict(t.extras),
                "reports": [dict(r.to_dict(), role="lead") for r in self.lead_reports]
                + [dict(r.to_dict(), role="other") for r in self.other_reports]}


def effective_due(task: Task, on: dt.date) -> dt.date | None:
    d = task.deadline
    if d.recurrence and (d.due is None or d.due < on):
        return d.recurrence.next_due(on)
    return d.due


def expected_progress(task: Task, on: dt.date, plan_date: dt.date | None) -> float | None:
    d = task.deadline
    start = d.start or plan_date
    if not d.due or not start or d.due <= start:
        return None
    x = (on - start).days / (d.due - start).days
    return round(min(1.0, max(0.0, x)), 4)


def decide(task: Task, reports: dict[str, Report], on: dt.date, *, due_soon_days: int = 15,
           plan_date: dt.date | None = None, previous: str | None = None) -> TaskStatus:
    leads = task.lead_units()
    lead_reps = [reports[u] for u in leads if u in reports and reports[u].filled]
    others = [r for u, r in reports.items() if u not in leads and r.filled]
    missing = [u for u in leads if u not in reports or not reports[u].filled]
    d = task.deadline
    due = effective_due(task, on)
    ts = TaskStatus(task, "未报送", YELLOW, due=due, lead_reports=lead_reps, other_reports=others,
                    missing_leads=missing, expected_progress=expected_progress(task, on, plan_date))
    if due:
        ts.days_left = (due - on).days
        if due < on:
            ts.days_overdue = (on - due).days
    states = [r.state for r in lead_reps]

    if not lead_reps:
        if previous == "已完成" and not d.ongoing:
            ts.status, ts.light, ts.carried = "已完成", GREEN, True
            ts.reasons.append("往期已报完成（已销号），本期未再报送")
            return ts
        ts.status = "未报送"
        ts.light = RED if ts.days_overdue else YELLOW
        ts.reasons.append(f"牵头单位（{'、'.join(leads) or '未明确'}）本期未报送")
        if ts.days_overdue:
            ts.reasons.append(f"且已超过完成时限{ts.days_overdue}天")
        _disagreements(ts)
        return ts

    all_done = all(s == "已完成" for s in states) and not missing
    keep_going = all(s in ("已完成", "持续推进", "序时推进") for s in states)
    if all_done and not d.ongoing and not d.recurrence:
        ts.status, ts.light = "已完成", GREEN
        ts.reasons.append("牵头单位报告已完成")
    elif (d.ongoing or d.recurrence) and (all_done or (keep_going and (due is None or due >= on or d.ongoing))):
        ts.status, ts.light = "长期坚持", GREEN
        ts.reasons.append("长期坚持的任务，本期已报送落实情况" + ("（阶段任务已完成）" if all_done and d.due else ""))
    elif due and due < on:
        ts.status, ts.light = "逾期", RED
        ts.reasons.append(f"已超过完成时限{ts.days_overdue}天仍未完成")
    elif due and (due - on).days <= due_soon_days:
        ts.status, ts.light = "临期", YELLOW
        ts.reasons.append(f"距完成时限还有{(due - on).days}天，尚未完成")
    else:
        ts.status, ts.light = "序时推进", GREEN
        ts.reasons.append("正在推进" + (f"，距完成时限{ts.days_left}天" if ts.days_left is not None else ""))

    if ts.status not in ("已完成",):
        for r in lead_reps:
            if r.state in ("进度滞后", "未启动"):
                ts.lagging = True
                ts.reasons.append(f"{r.unit}报「{r.state}」")
            pct = r.percent if r.percent is not None else (0.0 if r.state == "未启动" else None)
            if (pct is not None and ts.expected_progress is not None and ts.status != "长期坚持"
                    and pct + LAG_TOLERANCE < ts.expected_progress):
                ts.lagging = True
                ts.reasons.append(f"{r.unit}完成比例{pct:.0%}，低于序时进度{ts.expected_progress:.0%}")
        if ts.lagging and ts.light == GREEN:
            ts.light = YELLOW
    if missing:
        ts.reasons.append(f"{'、'.join(missing[:5])}{'等' if len(missing) > 5 else ''}{len(missing)}个单位未报送")
        if ts.light == GREEN:
            ts.light = YELLOW
    _disagreements(ts)
    return ts


def _disagreements(ts: TaskStatus) -> None:
    base = ts.lead_reports + ts.other_reports
    for a in ts.lead_reports:
        for b in base:
            if b is a or b.unit == a.unit:
                continue
            ra, rb = STATE_RANK.get(a.state or ""), STATE_RANK.get(b.state or "")
            if ra is not None and rb is not None and abs(ra - rb) >= 2:
                msg = f"{a.unit}报「{a.state}」，{b.unit}报「{b.state}」"
                rev = f"{b.unit}报「{b.state}」，{a.unit}报「{a.state}」"
                if msg not in ts.disagreements and rev not in ts.disagreements:
                    ts.disagreements.append(msg)
            elif a.percent is not None and b.percent is not None and abs(a.percent - b.percent) >= 0.3:
                msg = f"{a.unit}报完成{a.percent:.0%}，{b.unit}报完成{b.percent:.0%}"
                if msg not in ts.disagreements:
                    ts.disagreements.append(msg)


def decide_all(col: Collection, on: dt.date, previous: dict[str, str] | None = None) -> list[TaskStatus]:
    reports = col.reports()
    soon = col.tl.settings.due_soon_days
    return [decide(t, reports.get(t.key, {}), on, due_soon_days=soon, plan_date=col.tl.ref_date,
                   previous=(previous or {}).get(t.key)) for t in col.tl.tasks]


def totals(statuses: list[TaskStatus]) -> dict:
    out = {s: 0 for s in STATUSES}
    for ts in statuses:
        out[ts.status] += 1
    n = len(statuses)
    out["任务总数"] = n
    out["滞后"] = sum(1 for ts in statuses if ts.lagging)
    out["完成率"] = round(out["已完成"] / n, 4) if n else 0.0
    return out
