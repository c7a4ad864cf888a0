"""One month's consolidation: collect -> history -> status, shared by the CLI and the add-in."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .collect import Collection, collect
from .findings import Finding
from .history import History, default_folder
from .returnsheet import period_cn, period_key
from .split import report_due
from .status import TaskStatus, decide_all, totals
from .tasks import TaskList


@dataclass
class UnitReport:
    """How one expected unit stands this period (报送情况)."""
    unit: str
    tasks: int
    state: str                 # 已报送 | 逾期报送 | 未报送 | 空表
    file: str = ""
    received: dt.datetime | None = None
    versions: int = 0
    rows: int = 0
    contact: str = ""
    phone: str = ""

    def to_dict(self):
        return {"unit": self.unit, "tasks": self.tasks, "state": self.state, "file": self.file,
                "received": self.received.isoformat(sep=" ") if self.received else None,
                "versions": self.versions, "rows": self.rows, "contact": self.contact, "phone": self.phone}


@dataclass
class MonthResult:
    tl: TaskList
    period: dt.date
    report_date: dt.date
    due: dt.date
    col: Collection
    statuses: list[TaskStatus]
    units: list[UnitReport]
    previous: dict | None = None           # totals of the previous period, from the history
    previous_period: str | None = None
    new_files: list[str] = field(default_factory=list)
    history_folder: Path | None = None
    open_history: History | None = field(default=None, repr=False)   # recorded, not yet committed

    def commit_history(self) -> None:
        """Commit the month's history (a run that asked for commit_later calls this once its
        outputs are written)."""
        if self.open_history is not None:
            self.open_history.commit()
            self.open_history.close()
            self.open_history = None

    @property
    def anomalies(self) -> list[Finding]:
        return self.col.anomalies

    @property
    def missing_units(self) -> list[str]:
        return [u.unit for u in self.units if u.state in ("未报送", "空表")]

    @property
    def totals(self) -> dict:
        return totals(self.statuses)

    def to_dict(self) -> dict:
        return {
            "period": period_key(self.period), "report_date": self.report_date.isoformat(),
            "due": self.due.isoformat(), "list": str(self.tl.path), "list_fingerprint": self.tl.fingerprint,
            "expected_units": [u.unit for u in self.units],
            "received": [s.to_dict() for s in self.col.submissions],
            "missing_units": self.missing_units,
            "units": [u.to_dict() for u in self.units],
            "anomalies": [a.to_dict() for a in self.col.anomalies],
            "tasks": [ts.to_dict() for ts in self.statuses],
            "totals": self.totals,
            "previous": {"period": self.previous_period, "totals": self.previous} if self.previous else None,
            "new_files": self.new_files,
            "values": len(self.col.values),
        }


def unit_reports(col: Collection) -> list[UnitReport]:
    expected = col.tl.units()
    order = {u.name: i for i, u in enumerate(col.tl.directory.units)}
    by_unit: dict[str, list] = {}
    for s in col.submissions:
        if s.unit and s.status in ("counted", "superseded", "empty"):
            by_unit.setdefault(s.unit, []).append(s)
    out = []
    for unit in sorted(expected, key=lambda u: (order.get(u, 10 ** 6), u)):
        subs = by_unit.get(unit, [])
        counted = next((s for s in subs if s.status == "counted"), None)
        d = col.tl.directory.get(unit)
        ur = UnitReport(unit, len(expected[unit]), "未报送", versions=len(subs),
                        contact=d.contact if d else "", phone=d.phone if d else "")
        if counted:
            ur.state = "逾期报送" if counted.late else "已报送"
            ur.file, ur.received, ur.rows = counted.file, counted.received, counted.rows
        elif subs:
            last = max(subs, key=lambda s: s.received)
            ur.state, ur.file, ur.received = "空表", last.file, last.received
        out.append(ur)
    return out


def run_month(tl: TaskList, returns, period: dt.date, report_date: dt.date, *, due: dt.date | None = None,
              history_folder=None, use_history: bool = True, commit_later: bool = False) -> MonthResult:
    due = report_due(period, tl.settings, due)
    col = collect(tl, returns, period, due=due)
    hist = None
    previous_statuses: dict[str, str] = {}
    prev_totals = prev_period = None
    if use_history:
        hist = History(history_folder or default_folder(tl.path))
        key = period_key(period)
        previous_statuses = hist.ever_completed(key)
        prev_period = hist.previous_period(key)
    statuses = decide_all(col, report_date, previous_statuses)
    result = MonthResult(tl, period, report_date, due, col, statuses, unit_reports(col))
    if hist is not None:
        if prev_period:
            prev = hist.statuses(prev_period)
            if prev:
                from .status import STATUSES
                counts = {s: 0 for s in STATUSES}
                for st in prev.values():
                    counts[st] = counts.get(st, 0) + 1
                counts["任务总数"] = len(prev)
                counts["完成率"] = round(counts["已完成"] / len(prev), 4)
                prev_totals = counts
        data = {rec.display: rec for rec in col.received}   # archived as streams, never all in memory
        result.new_files = hist.record(col, statuses, report_date, data, commit=not commit_later)
        result.previous, result.previous_period = prev_totals, prev_period
        result.history_folder = hist.folder
        if commit_later:
            result.open_history = hist
        else:
            hist.close()
    return result


def summary_lines(res: MonthResult) -> list[str]:
    t = res.totals
    lines = [f"报送期：{period_cn(res.period)}　报告日期：{res.report_date.year}年{res.report_date.month}月{res.report_date.day}日"
             f"　报送截止：{res.due.month}月{res.due.day}日",
             f"应报单位 {len(res.units)} 个：已报送 {sum(u.state == '已报送' for u in res.units)}，"
             f"逾期报送 {sum(u.state == '逾期报送' for u in res.units)}，未报送 {sum(u.state == '未报送' for u in res.units)}，"
             f"空表 {sum(u.state == '空表' for u in res.units)}",
             f"收到文件 {len(res.col.submissions)} 个，其中新文件 {len(res.new_files)} 个；读取单元格 {len(res.col.values)} 个",
             f"任务 {t['任务总数']} 项：已完成 {t['已完成']}，序时推进 {t['序时推进']}，临期 {t['临期']}，逾期 {t['逾期']}，"
             f"长期坚持 {t['长期坚持']}，未报送 {t['未报送']}（其中滞后 {t['滞后']}）；完成率 {t['完成率']:.1%}"]
    if res.previous:
        lines.append(f"上期（{res.previous_period}）完成率 {res.previous['完成率']:.1%}")
    by = {}
    for a in res.anomalies:
        by[(a.severity, a.code)] = by.get((a.severity, a.code), 0) + 1
    if by:
        lines.append("异常：" + "；".join(f"{s}{c}×{n}" for (s, c), n in sorted(by.items())))
    missing = res.missing_units
    if missing:
        lines.append("未报送单位：" + "、".join(missing))
    return lines
