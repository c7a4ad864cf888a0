"""The year, read from the history: what the annual report (`zhishui docs --year`) and the yearly
考核 present (README 「一年的总结和考核」).

Every month's statuses, scores and decisions are in the history (history.py); here they are read
back by the tasks of the list as it is now (through lineage ids, so a task renumbered, split or
merged in the year is one row), and summed up: month by month counts, completion by category
and by unit at the year's end, targets at their last figure, tasks still open, the close-outs,
extensions and revisions of the list, and each unit's monthly scores with their mean (the
year's 考核 score) and rank.  Nothing is judged again: a month's status is what was recorded.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace

from .archives import locate
from .decisions import APPROVE, CLOSE, EXTEND, latest
from .errors import ZhishuiError
from .history import TID, History
from .ranking import Scheme, _ranks, tenth
from .recall import decisions_of
from .status import DONE, ONGOING, OVERDUE, STATUSES, SEVERITY, totals_from_statuses


@dataclass
class TaskYear:
    key: str                     # in the list as it is now ("" for a task dropped in the year)
    seq: str
    content: str
    category: str
    units: list
    months: dict                 # period -> status recorded that month
    closeout: str = ""           # the last month's close-out state
    target: dict | None = None   # {"indicator", "target", "value", "verdict"} at its last figure
    dropped: bool = False
    tids: tuple = ()             # its lineage id and its sources' (a decision on any of them is on this task)

    @property
    def last(self) -> str:
        return self.months[max(self.months)] if self.months else ""

    @property
    def done(self) -> bool:
        return self.last == DONE


# what UnitYear.late_months counts, named for it: months the unit's return was late or missing, not its overdue
# tasks (the trial-15 annual table put 「逾期或未报送月数」 beside 「年底逾期」, and 年底逾期1 with 0 such months read as
# a contradiction)
LATE_MONTHS = "报送不及时月数"
LATE_STATES = ("逾期报送", "未报送", "空表", "无法读取")
LATE_MONTHS_KINDS = "、".join(LATE_STATES)


@dataclass
class UnitYear:
    unit: str
    tasks: int = 0
    done: int = 0
    overdue: int = 0
    months: dict = field(default_factory=dict)       # period -> (score, rank, state)
    score: float = 0.0
    rank: int = 0

    @property
    def late_months(self) -> int:
        """报送不及时月数: months whose return came late, never, blank or unreadable (LATE_STATES)."""
        return sum(1 for _, _, st in self.months.values() if st in LATE_STATES)


@dataclass
class RevisionYear:
    """One change of a revision of the list in the year (README 「清单改了以后」), in words a reader needs: the
    tasks' 序号 in each version, the task's words and the 说明 (listchanges.change_note)."""
    period: str                   # YYYY-MM the revised list was first used
    kind: str
    old: list                     # 序号 in the list before
    new: list                     # 序号 in the revised list
    content: str
    note: str


@dataclass
class Year:
    year: int
    periods: list                 # YYYY-MM recorded this year, in order
    tasks: list                   # TaskYear, list order (dropped ones last)
    by_month: dict                # period -> totals (status -> n, 任务总数, 完成率)
    units: list                   # UnitYear, by 考核 rank
    decisions: list               # decisions.Decision of the year
    changes: list                 # RevisionYear, by the month the revised list was first used
    scheme: Scheme
    plan_name: str = ""
    # (old name, name now, first period reported under it): units renamed in the 名录 this year (trial 22: the rename
    # was in no 清单调整 while the 考核 table printed a name no earlier 通报 had)
    renamed: list = field(default_factory=list)

    @property
    def last_period(self) -> str:
        return self.periods[-1]

    def by_category(self) -> list[dict]:
        out: dict[str, dict] = {}
        for t in self.tasks:
            if t.dropped:
                continue
            r = out.setdefault(t.category or "（未分类）", {"category": t.category or "（未分类）", "tasks": 0,
                                                           "done_start": 0, "done": 0, "closed": 0, "open": 0,
                                                           "kept_up": 0, "overdue": 0})
            r["tasks"] += 1
            first = t.months.get(self.periods[0])
            r["done_start"] += first == DONE
            r["done"] += t.done
            r["closed"] += t.closeout == "已销号"
            r["open"] += not t.done and t.last != ONGOING       # (as open_tasks: 长期坚持 kept up is counted apart)
            r["kept_up"] += t.last == ONGOING
            r["overdue"] += t.last == OVERDUE
        for r in out.values():
            r["rate"] = r["done"] / r["tasks"] if r["tasks"] else None
        return list(out.values())

    def open_tasks(self) -> list[TaskYear]:
        """Tasks not finished at the year's end; a 长期坚持 one kept up (its last month 长期坚持) is not among them
        (the session-17 trial found 45 of 48 「尚未完成」 tasks were being kept up as they should)."""
        return [t for t in self.tasks if not t.dropped and not t.done and t.last != ONGOING]

    def kept_up(self) -> list[TaskYear]:
        """Tasks whose last month was 长期坚持: carried on next year as they are."""
        return [t for t in self.tasks if not t.dropped and t.last == ONGOING]

    def targets(self) -> list[TaskYear]:
        return [t for t in self.tasks if t.target and not t.dropped]


def load_year(tl, year: int, history_dir=None, db: str | None = None) -> Year:
    place = locate(tl, history_dir, db)
    if place.stored is None:
        raise ZhishuiError("这份清单还没有历史记录（还没有汇总过），写不出年度报告", code="NO_HISTORY",
                           hint="年度报告由各月的汇总结果累计而成：请先逐月汇总（zhishui collect）")
    h = place.history(readonly=True)
    try:
        return _read(h, tl, year)
    finally:
        h.close()


def _read(h: History, tl, year: int) -> Year:
    periods = [p for p in h.periods() if p.startswith(f"{year}-")]
    if not periods:
        known = "、".join(h.periods()[-6:]) or "（还没有）"
        raise ZhishuiError(f"历史记录里没有{year}年的汇总结果", code="NO_YEAR",
                           hint=f"已汇总的报送期：{known}")
    if not h.has_year:
        raise ZhishuiError("历史记录是旧版本建的，没有逐月的年度数据", code="OLD_HISTORY",
                           hint="用本版本重新汇总本年各月后再生成年度报告")
    _check_last_list(h, tl, year, periods)
    line = h.lineage_for(tl)
    rows: dict[str, dict] = {}          # tid -> period -> (status, closeout, target value, verdict, task key)
    for tid, period, status, closeout, value, verdict, key in h.db.execute(
            f"SELECT {TID}, period, status, closeout, target_value, target_verdict, task FROM task_status "
            f"WHERE period >= ? AND period <= ? ORDER BY period", (periods[0], periods[-1])):
        rows.setdefault(tid, {})[period] = (status, closeout or "", value, verdict, key)
    by_month = {}
    for p in periods:
        by_month[p] = totals_from_statuses({t: v[p][0] for t, v in rows.items() if p in v})
    from .targets import target_of
    tasks, used = [], set()
    for t in tl.tasks:
        tid = line.tids.get(t.key, t.key)
        chain = [tid] + line.sources(tid)
        months: dict[str, str] = {}
        last = None
        for p in periods:
            found = [rows[x][p] for x in chain if x in rows and p in rows[x]]
            own = rows.get(tid, {}).get(p)
            got = own or (min(found, key=lambda v: SEVERITY.index(v[0]) if v[0] in SEVERITY else 99) if found else None)
            if got:
                months[p] = got[0]
                last = got
        used.update(chain)
        tgt = target_of(t)
        target = None
        if tgt is not None:
            figures = [(p, rows[tid][p]) for p in periods if tid in rows and p in rows[tid] and rows[tid][p][2] is not None]
            value, verdict = (figures[-1][1][2], figures[-1][1][3]) if figures else (None, "未报数值")
            target = {"indicator": tgt.indicator, "target": tgt.label, "unit": tgt.unit, "value": value,
                      "verdict": verdict, "met": verdict == "达标"}
        tasks.append(TaskYear(t.key, t.seq or t.label, t.full_content, t.category, t.answering_units(), months,
                              last[1] if last else "", target, tids=tuple(chain)))
    # tasks dropped in the year: still in the report, as they were
    versions = {fp: h._version_tasks(fp) for fp, in h.db.execute("SELECT DISTINCT fingerprint FROM version_tasks")}
    for tid, months in rows.items():
        if tid in used:
            continue
        vt = next((v for vs in versions.values() for v in vs if v.tid == tid), None)
        tasks.append(TaskYear("", vt.seq if vt else tid, vt.content if vt else "", vt.category if vt else "", [],
                              {p: v[0] for p, v in months.items()}, dropped=True, tids=(tid,)))
    decisions = [d for d in decisions_of(h) if d.period.startswith(f"{year}-")]
    changes = []
    firsts = dict(h.db.execute("SELECT fingerprint, MIN(period) FROM task_status WHERE fingerprint IS NOT NULL "
                               "GROUP BY fingerprint").fetchall())
    from .history import current_names
    from .listchanges import Change, change_note, change_task_words
    named = {}                  # fingerprint -> key -> VersionTask, its units as the 名录 names them now

    def of(fp: str) -> dict:
        if fp not in named:
            named[fp] = {v.key: replace(v, units=current_names(v.units, tl)) for v in versions.get(fp, [])}
        return named[fp]
    for kind, rule, old, new, detail, from_fp, to_fp in h.db.execute(
            "SELECT kind, rule, old_tasks, new_tasks, detail, from_fp, to_fp FROM list_changes WHERE from_fp <> ''"):
        first = firsts.get(to_fp, "")
        if first.startswith(f"{year}-") and kind != "相同":
            c = Change(kind, rule, json.loads(old or "[]"), json.loads(new or "[]"), detail or "")
            o_by, n_by = of(from_fp), of(to_fp)
            changes.append(RevisionYear(first, kind, [o_by[k].seq or k if k in o_by else k for k in c.old],
                                        [n_by[k].seq or k if k in n_by else k for k in c.new],
                                        change_task_words(c, o_by, n_by), change_note(c, o_by, n_by)))
    units: dict[str, UnitYear] = {}
    stored: dict[str, set] = {}         # name now -> the names it was stored under
    since: dict[str, str] = {}          # name now -> the first period stored under it
    for period, unit, score, rank, state in h.db.execute(
            "SELECT period, unit, score, rank, state FROM unit_scores WHERE period >= ? AND period <= ? ORDER BY period",
            (periods[0], periods[-1])):
        # (a unit renamed during the year, its old name kept as an alias, is one unit: the session-17 trial found
        # 区新城建管委 and 区新城管委 ranked apart)
        now = tl.directory.current(unit)
        stored.setdefault(now, set()).add(unit)
        if unit == now:
            since.setdefault(now, period)
        unit = now
        units.setdefault(unit, UnitYear(unit)).months[period] = (score, rank, state)
    renamed = [(old, now, since.get(now, "")) for now, names in stored.items() for old in sorted(names - {now})]
    for t in tasks:
        if t.dropped:
            continue
        for u in dict.fromkeys(tl.directory.current(x) for x in t.units):
            uy = units.setdefault(u, UnitYear(u))
            uy.tasks += 1
            uy.done += t.done
            uy.overdue += t.last == OVERDUE
    ranked = [u for u in units.values() if u.months]
    for u in ranked:
        u.score = tenth(sum(s for s, _, _ in u.months.values()) / len(u.months))
    ranked.sort(key=lambda u: (-u.score, u.unit))
    for u, r in zip(ranked, _ranks([u.score for u in ranked])):
        u.rank = r
    return Year(year, periods, tasks, by_month, ranked + [u for u in units.values() if not u.months], decisions,
                sorted(changes, key=lambda x: x.period), Scheme.from_settings(tl.settings), tl.settings.plan_name,
                renamed)


def _check_last_list(h: History, tl, year: int, periods: list) -> None:
    """The year is reported on the list its last period used: its tasks (added, deleted) and its 单位名录 (a unit
    renamed, its old name an alias) are the year's end.  Another version of the list stops here, naming the one
    to use (the trial-15 year: the July list, still on disk, silently made a report with the renamed unit split
    in two, the task deleted in October live and the one added missing, beside a revision table saying so)."""
    from pathlib import Path

    from .collect import period_label
    last = periods[-1]
    used = dict(h.db.execute("SELECT fingerprint, COUNT(*) FROM task_status WHERE period=? AND fingerprint IS NOT NULL "
                             "GROUP BY fingerprint", (last,)).fetchall())
    if not used or tl.fingerprint in used:
        return          # (a month recorded before list versions were kept says nothing: read as before)
    want = max(used, key=used.get)
    row = h.db.execute("SELECT list_path FROM list_versions WHERE fingerprint=? ORDER BY last_seen DESC LIMIT 1",
                       (want,)).fetchone()
    path = (row[0] if row else "") or ""
    given = [p for p, in h.db.execute("SELECT DISTINCT period FROM task_status WHERE fingerprint=? ORDER BY period",
                                      (tl.fingerprint,))]
    months = "、".join(period_label(p) if i == 0 or p[:4] != given[i - 1][:4] else f"{int(p[5:])}月"
                      for i, p in enumerate(given))
    then = (f"这一版清单汇总过{months}" if given
            else "这一版清单还没有汇总过任何一期")
    where = f"「{path}」" if path else "另一版清单"
    gone = "（这个文件已不在那里，请找到最后一期用的那一版清单）" if path and not Path(path).exists() else ""
    raise ZhishuiError(
        f"这份清单不是{year}年最后一期（{period_label(last)}）汇总时用的清单：{then}，{period_label(last)}用的是{where}{gone}；"
        "年度报告按最后一期用的清单写（任务的增删、单位改名都以它为准），没有生成文书",
        file=tl.path, code="NOT_LAST_LIST",
        hint=f"请改用那一版清单：zhishui docs \"{path}\" --year {year}" if path
        else f"请改用{period_label(last)}汇总时用的清单")


def closed_in(y: Year) -> list:
    return [d for d in y.decisions if d.kind == CLOSE and d.decision == APPROVE]


def returned_in(y: Year) -> list:
    """The close-outs sent back during the year (each return once; trial 26: the year said 「全年批准销号3项」 of a
    year whose October 通报 had said 「销号被退回1项」)."""
    return [d for d in y.decisions if d.kind == CLOSE and d.decision != APPROVE]


def extensions_in(y: Year) -> list:
    """Each unit's request on each task once, as finally decided: a decision made again on the same
    request (the clerk corrected a date) replaces the earlier one (README 「延期」)."""
    asked = {(d.tid, d.unit, d.period) for d in y.decisions if d.kind == EXTEND}
    final = [latest(y.decisions, kind=EXTEND, tid=t, unit=u, period=p) for t, u, p in asked]
    return sorted(final, key=lambda d: (d.period, d.seq))


def month_label(period: str) -> str:
    return f"{int(period[5:])}月"


def status_order() -> list[str]:
    return list(STATUSES)


def default_report_date(year: int, today: dt.date) -> dt.date:
    """The date a year's report carries when none is typed: today when today is 1–20 January after the year
    (the report is made in the window seed 003 gives, 每年1月20日前, and dated the day it is made: the trial's
    report made on 10 January said 20 January); otherwise the 20th itself — a draft made during the year or a
    report made late has no better date than the one it is due, and the clerk can type another."""
    due = dt.date(year + 1, 1, 20)
    return today if dt.date(year + 1, 1, 1) <= today <= due else due


def report_date(y: Year, given: dt.date | None, today: dt.date | None = None) -> dt.date:
    """The report's date: given, else ``default_report_date``."""
    return given or default_report_date(y.year, today or dt.date.today())


def task_of(y: Year, tid: str):
    """The year's task a decision on ``tid`` is about: the task whose own id it is, else the one it was renumbered,
    split or merged into (a decision keeps the 序号 of the list it was made on, which a revision may give to
    another task: the session-17 trial's 销号 table showed old 33's number with new 33's text)."""
    own = next((t for t in y.tasks if t.tids[:1] == (tid,)), None)
    return own or next((t for t in y.tasks if tid in t.tids), None)
