"""One month, computed once: collect -> history -> status -> who is chased, pressed and ranked.

Every output (the result workbook, the JSON, the 督办台账 after a click, the 催报通知,
each 督办通知, the 通报) presents this object and computes nothing of its own, so
their counts and unit lists cannot disagree.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .archives import locate
from .changes import Change, compare_month
from .changes import counts as change_counts
from .bulk import paused_gc
from .checks import cn_date, unit_findings
from .collect import Collection, adopted_files, collect, period_label
from .decisions import EXT_PENDING, EXT_REFUSED, PENDING
from .errors import ZhishuiError
from .findings import INFO, WARNING, Finding, code_cn
from . import historydb
from .history import History, PrevTask
from .listchanges import ADDED, DROPPED, MERGED, MODIFIED, RENUMBERED_KIND, SPLIT
from .plans import PlanIdentity, identity_of
from .ranking import Ranking, Scheme, rank_units
from .recall import MonthView, without_comparison
from .yearrules import EARLIER_EVIDENCE, ExtensionRequest, closeout_state, extension_requests, measure
from .returnsheet import period_cn, period_key
from .split import report_due
from .status import (PRESSED, STATUSES, Share, TaskStatus, before_plan_note, decide, month_end, totals, unasked_why,
                     totals_from_statuses)
from .tasks import TaskList, unit_names
from .workdays import SETTINGS_FILE, SETTINGS_SHEET, add_workdays, rest_day_text, weekend_only_note

UNIT_STATES = ["已报送", "逾期报送", "未报送", "空表", "无法读取"]
# how a unit's state is said wherever a person reads it (pages, workbooks, documents): the on-time state is kept as
# 「已报送」 (history, JSON, the add-in's keys) but said 「按时报送」, so that 「已报送」 alone only ever means «sent, on
# time or late» (所有单位都已报送) and never the on-time part as well (the session-19 trial: the page's 已报送 8
# beside the 催报's 「已报送9个」 for the same month)
STATE_WORDS = {"已报送": "按时报送"}


def state_word(state: str) -> str:
    """按时报送 for the on-time state; the others as they are (逾期报送, 未报送, 空表, 无法读取)."""
    return STATE_WORDS.get(state, state)


def sent_words(on_time: int, late: int) -> str:
    """「按时报送8个、逾期报送1个」 (「按时报送8个」 when none was late): the units that sent a return, said in these
    words wherever a document gives the count."""
    return f"{state_word('已报送')}{on_time}个" + (f"、{state_word('逾期报送')}{late}个" if late else "")

DATE_SLACK_DAYS = 92     # a month's report date: in the month, or at most about a quarter after it
RETURN_STATUSES = ("counted", "empty", "superseded", "other_period", "unexpected_unit", "unidentified", "other_plan")


@dataclass
class UnitReport:
    """How one expected unit stands this period (报送情况)."""
    unit: str
    tasks: int
    state: str                 # 已报送 | 逾期报送 | 未报送 | 空表 | 无法读取 (a file came but cannot be opened)
    file: str = ""
    received: dt.datetime | None = None
    received_how: str = ""     # 邮件 | 收件记录 | 填报日期 | "" (unknown)
    received_source: str = ""
    received_date_only: bool = False
    versions: int = 0
    rows: int = 0
    contact: str = ""
    phone: str = ""
    check: str = ""            # what the clerk should look at: an uncertain plan, a file attributed by hand
    other_period: str = ""     # 2020年10月: what the unit sent was another period's return (kept, not this period's)
    refused_upload: str = ""   # why the unit's upload through its link was not adopted (这是「X」的报送表…)
    sent_other: str = ""       # the unit whose sheet came from this unit's own mailbox (it is not this unit's return)
    # why its file cannot be opened, as the unit is told (trial 25: a password was 「可能已损坏」 and 「本期未报送」)
    unreadable: str = ""
    # 填报人、联系电话、填报日期 as the adopted return gives them (trial 25: they were in the history only, the 联系人
    # column showing the 名录's)
    filled_by: str = ""
    silent_before: list = field(default_factory=list)   # the periods just before this one it sent nothing for either
    first_received: dt.datetime | None = None   # when its first return with content came (what punctuality is judged by)

    @property
    def silent_months(self) -> int:
        """Consecutive periods without a usable return, this one included (0 when it reported)."""
        return len(self.silent_before) + 1 if self.missing else 0

    @property
    def missing(self) -> bool:
        return self.state in ("未报送", "空表", "无法读取")

    @property
    def silent_text(self) -> str:
        """「已连续2个月未报送（自2026年11月起）」: said beside the unit in the 报送情况 tables (workbook, ledger, web page)
        as the 催报, 督办 and 通报 say it, from the one count (silent_before); "" for a first silent month."""
        if not (self.missing and self.silent_before):
            return ""
        first = self.silent_before[0]
        return f"已连续{self.silent_months}个月未报送（自{int(first[:4])}年{int(first[5:7])}月起）"

    @property
    def check_text(self) -> str:
        """The 核对 column: the run of silent months first, then what the clerk should look at."""
        return "；".join(x for x in (self.silent_text, self.check) if x)

    @property
    def received_text(self) -> str:
        if self.received is None:
            return "" if self.missing else "收到时间不明"
        return f"{self.received:%Y-%m-%d}" if self.received_date_only else f"{self.received:%Y-%m-%d %H:%M}"

    def to_dict(self):
        return {"unit": self.unit, "tasks": self.tasks, "state": self.state, "file": self.file,
                "received": self.received.isoformat(sep=" ") if self.received else None,
                "received_how": self.received_how or ("" if self.missing else "不明"),
                "received_source": self.received_source,
                "versions": self.versions, "rows": self.rows, "contact": self.contact, "phone": self.phone,
                "check": self.check, "silent_months": self.silent_months, "silent_before": list(self.silent_before)}


@dataclass
class Pressed:
    """One task in one unit's 督办通知."""
    ts: TaskStatus
    share: Share
    role: str                  # 牵头 | 共同负责
    reason: str = ""           # why, as the 督办通知, the 督办 sheet and the JSON say it (Month._pressed_reason)


@dataclass
class Month:
    """``recalled``: what the history says for this month (recall.MonthView); ``scheme``: the 考核
    weights of the 设置 sheet; ``requests``: the extension requests of this period."""
    tl: TaskList
    period: dt.date
    report_date: dt.date
    due: dt.date
    col: Collection
    statuses: list[TaskStatus]
    units: list[UnitReport]
    unknown_units: list[Finding] = field(default_factory=list)   # list names the directory lacks
    previous: dict | None = None           # totals of the previous period, from the history
    previous_period: str | None = None
    new_files: list[str] = field(default_factory=list)
    # (file, earlier file, its period): the same bytes received before (README 「报送情况和收到时间」: not 新文件)
    repeated_files: list = field(default_factory=list)
    not_read_files: list = field(default_factory=list)   # (file, unit, received): History.earlier_not_read
    later_periods: list = field(default_factory=list)    # YYYY-MM recorded on this month's former result
    history_folder: Path | None = None
    history_db: str = ""            # the PostgreSQL database holding the history (password hidden), if any
    history_url: str | None = field(default=None, repr=False)    # its address, to open it again
    plan: PlanIdentity | None = None
    history_note: str = ""                 # said to the clerk when the history is new or found elsewhere
    previous_tasks: dict[str, PrevTask] | None = None   # last period, per task (History.tasks_of)
    open_history: History | None = field(default=None, repr=False)   # recorded, not yet committed
    recalled: MonthView | None = field(default=None, repr=False)
    scheme: Scheme = field(default_factory=Scheme)
    requests: list[ExtensionRequest] = field(default_factory=list)

    def commit_history(self) -> None:
        """Commit the month's history (a run that asked for commit_later calls this once its
        outputs are written)."""
        if self.open_history is not None:
            self.open_history.commit()
            self.open_history.close()
            self.open_history = None
    # derived once in __post_init__
    changes: dict[str, list[Change]] = field(init=False)   # task key -> flags against last period
    totals: dict = field(init=False)
    unit_counts: dict = field(init=False)
    chase: list[UnitReport] = field(init=False)
    chase_due: dt.date = field(init=False)    # the 催报通知's deadline (README 「催报的报送期限」)
    reply_due: dt.date | None = field(init=False)   # the 督办通知's 反馈期限: 回复时限工作日 after the report date
    # the working-day deadlines above counted by weekends alone (a year the holiday table lacks): said once by
    # every front, "" when none was (the session-19 trial's 催报期限 fell in 2026's National Day, unsaid)
    calendar_note: str = field(init=False)
    pressed: dict[str, list[Pressed]] = field(init=False)
    # the units whose own share of an overdue or lagging task is overdue, lagging or missing, the 汇总单位 among
    # them: whom the 通报 names for those tasks (pressed is these less the 汇总单位, which signs the 督办通知)
    behind: dict[str, list[Pressed]] = field(init=False)
    office_unit: str = field(init=False)      # the 汇总单位 as the directory names it ("" when not a unit of it)
    ranking: Ranking = field(init=False)

    def __post_init__(self):
        by_key = {ts.task.key: ts for ts in self.statuses}
        for r in self.requests:
            # each task carries its own requests: the 汇总 and the 督办 say a pending one (the session-16 trial found a
            # request only in the 销号延期 sheet, the task pressed as 逾期 without a word of it)
            by_key[r.task.key].requests.append(r)
        self.totals = totals(self.statuses)
        self.unit_counts = {s: sum(u.state == s for u in self.units) for s in UNIT_STATES}
        self.unit_counts["应报"] = len(self.units)
        self.unit_counts["时间不明"] = sum(1 for u in self.units if not u.missing and u.received is None)
        self.office_unit = office_unit(self.tl)
        self.not_reported = [u for u in self.units if u.missing]
        # README 「谁被催报」: the 催报 is signed by the 汇总单位, so it is never one of its recipients (counted, named
        # in the 通报 and the 汇总 as not reported all the same — the session-16 trial found it chasing itself)
        self.chase = [u for u in self.not_reported if u.unit != self.office_unit]
        self.chase_due = chase_due(self.report_date, self.due, self.tl.settings)
        self.behind = pressed_units(self.statuses, [u.unit for u in self.units])
        self.pressed = {u: ps for u, ps in self.behind.items() if u != self.office_unit}
        for ps in self.pressed.values():
            for p in ps:
                p.reason = self._pressed_reason(p)
        self.reply_due = reply_due(self)
        self.calendar_note = deadline_note(self)
        met: dict[str, int] = {}
        for ts in self.statuses:
            if ts.measured is not None:
                for unit, x in ts.measured.by_unit.items():
                    if ts.measured.target.meets(x):
                        met[unit] = met.get(unit, 0) + 1
        rv = self.recalled
        self.ranking = rank_units(self.statuses, {u.unit: u.state for u in self.units}, self.scheme,
                                  pressed={u: len(ps) for u, ps in self.pressed.items()}, targets_met=met,
                                  earlier=rv.scores if rv else None, previous_ranks=rv.prev_ranks if rv else None)
        self.changes = compare_month(self.statuses, self.previous_tasks)

    @property
    def recorded(self) -> bool:
        """The month was recorded in a history (not a --no-history trial): it knows which files are new."""
        return self.history_folder is not None

    @property
    def before_due(self) -> bool:
        """The report is dated on or before the returns' deadline: nobody is late yet, a
        reminder asks for the return by the deadline itself."""
        return self.report_date <= self.due

    @property
    def regressions(self) -> list[tuple[TaskStatus, list[Change]]]:
        """The tasks flagged against last period, in list order."""
        return [(ts, self.changes[ts.task.key]) for ts in self.statuses if ts.task.key in self.changes]

    @property
    def anomalies(self) -> list[Finding]:
        return self.col.anomalies

    @property
    def missing_units(self) -> list[str]:
        """Every unit that has not reported (the 汇总单位 too): the fact; ``chase`` is whom the 催报 goes to."""
        return [u.unit for u in self.not_reported]

    @property
    def units_line(self) -> str:
        """「应报单位 52 个：按时报送 46，逾期报送 2，未报送 3，空表 1」: how the units stand (README 「报送情况和收到时间」),
        one sentence for the command line and the 控制台 (the trial-12 ledger counted a blank return as 未报送)."""
        u = self.unit_counts
        return (f"应报单位 {u['应报']} 个：" + "，".join(f"{state_word(s)} {u[s]}" for s in UNIT_STATES[:4])
                + (f"，文件无法读取 {u['无法读取']}" if u["无法读取"] else "")
                + (f"（其中 {u['时间不明']} 个单位的收到时间不明，未判逾期）" if u["时间不明"] else ""))

    @property
    def not_reported_line(self) -> str:
        """「未报送或空表单位：区新城建管委（连续2个月）、…（空表：区司法局）；催报期限：…」, "" when every unit sent a
        return: the units to chase, said alike by the command line and the 控制台."""
        if not self.not_reported:
            return ""
        empty = [u.unit for u in self.not_reported if u.state == "空表"]
        broken = [u.unit for u in self.not_reported if u.state == "无法读取"]
        return (("未报送或空表单位：" if empty else "未报送单位：")
                + "、".join(u.unit + (f"（连续{u.silent_months}个月）" if u.silent_before else "") for u in self.not_reported)
                + (f"（空表：{'、'.join(empty)}）" if empty else "")
                + (f"（文件无法读取，请其重新报送：{'、'.join(broken)}）" if broken else "")
                + f"；催报期限：{self.chase_due.month}月{self.chase_due.day}日"
                + ("（报送截止日就是今天，催报只是提醒，期限仍是截止日）" if self.report_date == self.due
                   else "（报送截止日还没到，催报只是提醒，期限仍是截止日）" if self.before_due else ""))

    @property
    def office_not_reported(self) -> bool:
        return any(u.unit == self.office_unit for u in self.not_reported)

    def _pressed_reason(self, p: Pressed) -> str:
        """Why the unit is pressed on this task, once for the 督办通知, the 督办 sheet and the JSON (trial 23: the sheet
        and the JSON left out that the co-unit had reported 「已完成」, which the letter said): the rule's reason and
        the unit's own words, what it sent if nothing counted, what the task's other units reported, and its own
        extension request on the task."""
        unit = p.share.unit
        came = "" if p.share.reported else _what_came(next((u for u in self.units if u.unit == unit), None))
        others = p.ts.others_said([p.share])
        if came and others:     # one bracket, not two side by side (trial 34)
            came, others = came[:-1] + "；" + others[1:], ""
        return (p.share.full_reason + came + others
                + "".join(_request_said(r) for r in p.ts.requests if r.unit == unit)
                # (what the task's units reported differently: the 督办 is where the unit is asked to set it right; a
                # disagreement naming twenty units is said, not copied into the letter's row — the 汇总 has it whole)
                + "".join(f"；各单位报的不一致：{_first_parts(d, DISAGREEMENT_SHOWN)}" for d in p.ts.disagreements))

    @property
    def office_pressed(self) -> list[TaskStatus]:
        """The 汇总单位's own tasks that are overdue or behind: in the 通报 as any other, no 督办 to itself."""
        return [ts for ts in self.statuses if any(s.unit == self.office_unit for s in ts.pressed_shares)] \
            if self.office_unit else []

    @property
    def nodes_passed(self) -> list[TaskStatus]:
        """Tasks past an intermediate node and not done (README 「任务状态怎么定」): said in the 汇总, the 通报, the CLI."""
        return [ts for ts in self.statuses if ts.nodes_passed]

    @property
    def unasked(self) -> list[TaskStatus]:
        """Tasks no unit was sent a sheet for (every answering name a group the directory cannot open, or a name it
        lacks): counted 未报送 (逾期 when past due) since nothing was reported, and said so with the reason wherever
        that count is printed (README 「任务状态怎么定」)."""
        return [ts for ts in self.statuses if not ts.shares]

    @property
    def unasked_rows(self) -> list[dict]:
        """Each such task, its status and why: the JSON's ``unasked``, the 通报's sentence (contexts._totals_text)."""
        return [{"task": ts.task.seq or ts.task.label, "key": ts.task.key, "status": ts.status,
                 "why": unasked_why(ts.task)} for ts in self.unasked]

    @property
    def unasked_line(self) -> str:
        """「其中 1 项任务没有下发报送表（序号6：「各乡镇」是统称，…），计入未报送」: one sentence for the command line,
        the 汇总's 概况 and the 控制台; the 通报 says the same in its own words (contexts._totals_text)."""
        rows = self.unasked_rows
        if not rows:
            return ""
        counted = "、".join(dict.fromkeys(r["status"] for r in rows))
        return (f"其中 {len(rows)} 项任务没有下发报送表，没有单位报送，计入{counted}（"
                + "；".join(f"序号{r['task']}：{r['why']}" for r in rows[:10])
                + ("等" if len(rows) > 10 else "") + "）：请在清单或单位名录中改正")

    @property
    def reported_count(self) -> int:
        return self.unit_counts["已报送"] + self.unit_counts["逾期报送"]

    def tasks_with(self, *statuses: str) -> list[TaskStatus]:
        return [ts for ts in self.statuses if ts.status in statuses]

    def closeouts(self, *states: str) -> list[TaskStatus]:
        """Tasks in these close-out states (README 「销号」), in list order."""
        return [ts for ts in self.statuses if ts.closeout in states]

    @property
    def closed_now(self) -> list[TaskStatus]:
        """Tasks whose close-out is news this month (recall.is_news, as the extensions' decisions): approved for this
        period's report, or for an earlier one after this period was collected (``Decision.news_in``; that month's
        files stay as reported), or for last period's after its documents were made (trial 33: approved on 5 November
        for October, whose 通报 had gone out, and said in no 通报 at all)."""
        rv = self.recalled
        return [ts for ts in self.closeouts("已销号") if rv and ts.task.key in rv.closed and rv.is_news(rv.closed[ts.task.key])]

    @property
    def returned_now(self) -> list[TaskStatus]:
        """Tasks whose close-out was returned as news this month (as ``closed_now``): a return stays the task's state
        until it is done again, but the 通报 says it once (trial 20: October's 通报 said September's return again)."""
        rv = self.recalled
        return [ts for ts in self.closeouts("退回")
                if rv and ts.task.key in rv.returned and rv.is_news(rv.returned[ts.task.key])]

    @property
    def decided_after_report(self) -> list:
        """The decisions this month's documents print that were made after its report date (trial 22: a 通报 dated
        30 September said 「于2020年10月9日经审核批准销号」): said to the clerk when the documents are made."""
        if not self.recalled:
            return []
        ds = [self.recalled.closed[ts.task.key] for ts in self.closed_now] + \
            [self.recalled.returned[ts.task.key] for ts in self.returned_now] + \
            [r.decision for r in self.requests if r.decision is not None]
        day = self.report_date.isoformat()
        return [d for d in ds if d.when and d.when > day]

    @property
    def extended(self) -> list[TaskStatus]:
        """Tasks judged against an approved extension."""
        return [ts for ts in self.statuses if ts.extension is not None]

    @property
    def pending_requests(self) -> list[ExtensionRequest]:
        """Requests the clerk has not decided, this period's and those carried from earlier periods (README
        「延期申请带到以后各期」 rule 6): the 汇总, the 督办通知 and the 通报 all say these."""
        return [r for r in self.requests if r.state == EXT_PENDING and r.asked]

    @property
    def measured(self) -> list[TaskStatus]:
        return [ts for ts in self.statuses if ts.measured is not None]

    @property
    def list_changes(self) -> list:
        """What changed in the list since last period (listchanges.Change), when it changed."""
        rv = self.recalled
        return [c for c in rv.line.changes if c.kind != "相同"] if rv and rv.list_changed else []

    @property
    def list_change_line(self) -> str:
        """「责任清单有修订：与上期（2026年11月）相比修改1项（对应关系见汇总结果的「清单变更」表）」, "" when the list did not
        change since last period: said by the command line, the 概况 and the 控制台's 说明 in these words, from the month
        itself.  (Trial 14: the ledger's 概况 said 「历史记录：清单有改动（新的版本）」 and the command line's nothing,
        because its history had met the revised list at an earlier `zhishui close`: a fact of the history, not the month.)"""
        changes = self.list_changes
        if not changes:
            return ""
        kinds = [k for k in (ADDED, DROPPED, MODIFIED, SPLIT, MERGED, RENUMBERED_KIND) if any(c.kind == k for c in changes)]
        return (f"责任清单有修订：与上期（{period_cn(_start_of(self.recalled.prev_period))}）相比"
                + "、".join(f"{k}{sum(c.kind == k for c in changes)}项" for k in kinds)
                + "（对应关系见汇总结果的「清单变更」表）")

    @property
    def due_rest_note(self) -> str:
        """A 报送截止日 on a day off, said with the units it made late by a working day (README 「报送情况和收到时间」):
        a unit that sent on the Monday after a Sunday deadline is 逾期报送 by the rule, which the clerk may not have
        meant; "" when the deadline is a working day."""
        st = self.tl.settings
        rest = rest_day_text(self.due, st.holidays or [], st.workdays or [])
        if not rest:
            return ""
        nxt = add_workdays(self.due, 1, st.holidays or [], st.workdays or [])
        near = [u.unit for u in self.units if u.state == "逾期报送" and u.first_received
                and u.first_received.date() <= nxt]
        return (f"报送截止日{rest}"
                + (f"；{len(near)}个单位到{nxt.month}月{nxt.day}日才报来，按逾期报送算：{'、'.join(near)}" if near else "")
                + "。如果下发报送表时已告知各单位顺延，请把报送截止日改为顺延后的日期。")

    @property
    def plan_date_note(self) -> str:
        """The period ended before the plan's 成文日期, so its 序时进度 is 0 (status.before_plan_note), "" otherwise:
        said by the command line, the 概况, the 控制台's 说明 and the web page; never in a letter."""
        rv = self.recalled
        return before_plan_note(self.tl.tasks, self.tl.ref_date, self.period, self.report_date,
                                added=frozenset(rv.added) if rv else frozenset())

    @property
    def evidence(self) -> list:
        return self.col.evidence

    @property
    def next_month(self) -> dt.date:
        """The first day of the month after the 报送期: the 通报's 「下月」, whatever day the 通报 is dated (the
        session-20 trial: November's 通报 dated 12月5日 said 「下月（2027年1月）到期任务：无」 and left out the tasks
        falling due in December)."""
        return (self.period.replace(day=1) + dt.timedelta(days=32)).replace(day=1)

    @property
    def due_next_month(self) -> list[TaskStatus]:
        """The 通报's 「下月到期任务」."""
        return self.due_in_month(self.next_month)

    def due_in_month(self, month: dt.date) -> list[TaskStatus]:
        """Tasks not yet done whose deadline (or next stage or occurrence) falls in ``month``: a
        stage already finished is not one (its task is 长期坚持 from then on)."""
        return [ts for ts in self.statuses if self.due_date_in(ts, month) and ts.status != "已完成" and not ts.stage_done]

    def due_date_in(self, ts: TaskStatus, month: dt.date) -> dt.date | None:
        """The task's date in ``month`` on or after the report date: its deadline, or for a recurring task (每月, 每季度末)
        the occurrence after the one this period judged (trial 23: a monthly task was never in 「下月到期」, its
        judged occurrence being this month's, while README says 「下一次周期在这个月」)."""
        rec = ts.task.deadline.recurrence if ts.task.deadline is not None else None
        dates = [ts.due] + ([rec.next_due(ts.due + dt.timedelta(days=1))] if rec and ts.due else []) \
            + [n.due for n in self.node_in(ts, month)]
        return next((d for d in dates if d and (d.year, d.month) == (month.year, month.month)
                     and d >= self.report_date), None)

    def node_in(self, ts: TaskStatus, month: dt.date) -> list:
        """The task's intermediate nodes (「2026年底开工建设，2027年底前建成投运」) falling in ``month`` on or after the
        report date: a node is due then though the task is not (trial 27: December's 开工 was in no 「下月到期」)."""
        nodes = ts.task.deadline.milestones if ts.task.deadline is not None else []
        return [n for n in nodes if n.due != ts.due and (n.due.year, n.due.month) == (month.year, month.month)
                and n.due >= self.report_date]

    @property
    def facts(self) -> dict:
        """What a 汇总 or a set of documents made from this month says, in brief: the counts, each task's status,
        close-out and deadline, each extension request's state, each unit's 报送情况.  Two files written for one
        period agree when their facts do (outputs.py: the trial-15 September 汇总 said 已完成5 and the 通报, made
        after a close-out was returned, 已完成4, and nothing said so)."""
        t = self.totals
        return {"report_date": self.report_date.isoformat(),
                "totals": {**{s: t[s] for s in STATUSES}, "任务总数": t["任务总数"], "完成率": round(t["完成率"], 4)},
                "tasks": {ts.task.key: [ts.task.seq or ts.task.label, ts.status, ts.closeout or "",
                                        ts.due.isoformat() if ts.due else ""] for ts in self.statuses},
                "requests": sorted([r.task.seq or r.task.label, r.unit, r.state] for r in self.requests),
                "units": {u.unit: u.state for u in self.units}}

    def to_dict(self) -> dict:
        return {
            "period": period_key(self.period), "report_date": self.report_date.isoformat(),
            "due": self.due.isoformat(), "chase_due": self.chase_due.isoformat(), "before_due": self.before_due,
            "reply_due": self.reply_due.isoformat() if self.reply_due else None, "calendar_note": self.calendar_note,
            "plan_date_note": self.plan_date_note, "due_rest_note": self.due_rest_note,
            "list": str(self.tl.path), "list_fingerprint": self.tl.fingerprint,
            "expected_units": [u.unit for u in self.units],
            "received": [s.to_dict() for s in self.col.submissions],
            "missing_units": self.missing_units,
            "office_unit": self.office_unit, "chased_units": [u.unit for u in self.chase],
            "unit_counts": self.unit_counts,
            "units": [u.to_dict() for u in self.units],
            "unknown_units": [f.to_dict() for f in self.unknown_units],
            "anomalies": [a.to_dict() for a in self.col.anomalies],
            "tasks": [ts.to_dict() for ts in self.statuses],
            "totals": self.totals,
            "unasked": self.unasked_rows,
            "pressed": {u: [{"task": p.ts.task.label, "role": p.role, "status": p.share.status,
                             "reason": p.reason} for p in ps] for u, ps in self.pressed.items()},
            "ranking": [s.to_dict() for s in self.ranking.scores],
            "scores": [{"unit": s.unit, "score": s.score, "rank": s.rank, "parts": s.parts,
                        "ytd": s.ytd, "ytd_rank": s.ytd_rank, "months": s.months} for s in self.ranking.scores],
            "scheme": dict((item, value) for item, value, _ in self.scheme.rows()),
            "targets": [ts.measured.to_dict(ts.task) for ts in self.measured],
            "closeouts": [{"task": ts.task.seq or ts.task.label, "key": ts.task.key, "state": ts.closeout,
                           "rule": ts.closeout_rule, "note": ts.closeout_note} for ts in self.statuses if ts.closeout],
            "extensions": [r.to_dict() for r in self.requests]
            + [{"task": ts.task.seq or ts.task.label, "key": ts.task.key, "state": "在执行",
                "original_due": ts.original_due.isoformat(), "due": ts.due.isoformat() if ts.due else None,
                "decision": ts.extension.to_dict()} for ts in self.extended],
            "list_changes": [c.to_dict() for c in self.list_changes],
            "evidence": [{"file": s.file, "unit": s.unit, "task": next((t.seq or t.label for t in self.tl.tasks
                                                                       if t.key == s.task), ""),
                          "rule": s.task_rule, "how": s.task_how, "sha256": s.sha256} for s in self.evidence],
            "previous": {"period": self.previous_period, "totals": self.previous} if self.previous else None,
            "changes": {ts.task.seq or ts.task.label: [{"kind": c.kind, "text": c.text, "unit": c.unit} for c in flags]
                        for ts, flags in self.regressions},
            "plan": {"id": self.plan.plan_id, "name": self.plan.name, "ids": sorted(self.plan.ids),
                     "list_versions": len(self.plan.fingerprints)} if self.plan else None,
            "history": {"folder": str(self.history_folder) if self.history_folder else None, "note": self.history_note,
                        "db": self.history_db or None},
            "new_files": self.new_files,
            "repeated_files": [{"file": f, "same_as": e, **({"same_as_period": p} if p != period_key(self.period) else {})}
                               for f, e, p in self.repeated_files],
            "not_read_files": [{"file": f, "unit": u, "received": r} for f, u, r in self.not_read_files],
            "values": len(self.col.values),
        }


# the name every caller used in round 1
MonthResult = Month


def office_unit(tl: TaskList) -> str:
    """The 汇总单位 (or 发文单位) of 设置 as the directory names it, or "" when the directory has no such unit."""
    for name in (tl.settings.office, tl.settings.office_full):
        unit = tl.directory.find(name) if name else None
        if unit is not None:
            return unit.name
    return ""


def _what_came(u) -> str:
    """（报来的是2020年10月的报送表） / （已连续2个月未报送）: what a silent unit did send, and since when it has not."""
    if u is None or not u.missing:
        return ""
    # (what came and since when in one bracket, not two side by side: trial 29)
    streak = f"已连续{u.silent_months}个月未报送" if u.silent_before else ""
    if u.refused_upload:
        came = f"通过报送链接上传的文件未能采用：{u.refused_upload}"
    elif u.state == "无法读取":
        came = u.unreadable or ""      # (the share says 「报来的文件无法打开」)
    elif u.sent_other:
        came = f"报来的是{u.sent_other}的报送表"     # (not 「本单位」: in a letter it reads as the signer — trial 36)
    else:
        came = f"报来的是{u.other_period}的报送表" if u.other_period else ""
    bits = [x for x in (came, streak) if x]
    return f"（{('；' if '：' in came else '，').join(bits)}）" if bits else ""


def _request_said(r) -> str:
    """What is said of the unit's own extension request on a pressed task: waiting, or refused (the unit's reason
    alone, after a refusal, read as if the request were still pending: trial 18); an agreed one shows in the
    完成时限 column."""
    if r.state == EXT_PENDING and r.asked:
        return f"；{r.when_text}已申请延期至{cn_date(r.asked)}（待审批），未批准前仍按原时限督办"
    if r.state == EXT_REFUSED and r.decision is not None:
        asked = f"延期至{cn_date(r.asked)}" if r.asked else "延期"
        why = f"（{r.decision.reason}）" if r.decision.reason else ""
        try:
            when = cn_date(dt.date.fromisoformat(r.decision.when))
        except ValueError:
            when = r.decision.when          # (kept as recorded: never a date guessed)
        return f"；{r.when_text}申请{asked}，{when}经审核不同意{why}，仍按原时限督办"
    return ""


def pressed_units(statuses: list[TaskStatus], order: list[str], skip: str = "") -> dict[str, list[Pressed]]:
    """unit -> the tasks its 督办通知 lists: tasks 逾期 or 进度滞后, for the units whose own share
    is overdue, lagging or missing (README 「谁收到督办通知」); never the 汇总单位 (``skip``), which signs the
    督办通知 and would be writing to itself."""
    out: dict[str, list[Pressed]] = {}
    for ts in statuses:
        if ts.status not in PRESSED:
            continue
        # a task's 牵头单位, or its only 责任单位 (which leads it: check says so, the return says 牵头)
        answering = ts.task.answering_units()
        leads = set(unit_names(ts.task.lead)) if ts.task.lead else set(answering if len(answering) == 1 else ())
        for share in ts.pressed_shares:
            if share.unit == skip:
                continue
            out.setdefault(share.unit, []).append(Pressed(ts, share, "牵头" if share.unit in leads else "共同负责"))
    pos = {u: i for i, u in enumerate(order)}
    return {u: out[u] for u in sorted(out, key=lambda u: (pos.get(u, 10 ** 6), u))}


def chase_due(report_date: dt.date, due: dt.date, settings) -> dt.date:
    """README 「催报的报送期限」: up to the returns' deadline a reminder keeps that deadline (an
    earlier one would shorten the time the units were given); after it, the chase gives
    「催报期限工作日」 working days from the report date, which is always later."""
    if report_date <= due:
        return due
    return add_workdays(report_date, max(settings.chase_workdays, 1), settings.holidays or [], settings.workdays or [])


def reply_due(m: Month) -> dt.date | None:
    """The 督办通知's 反馈期限: 「回复时限工作日」 working days after the report date (the letter's date); None
    when 设置 gives no positive number (the letter then asks for it)."""
    st = m.tl.settings
    n = st.reply_workdays
    return add_workdays(m.report_date, n, st.holidays or [], st.workdays or []) if n and n > 0 else None


def deadline_note(m: Month) -> str:
    """The month's working-day deadlines counted by weekends alone, said once (workdays.weekend_only_note): the
    催报期限 when it was counted (after the returns' deadline, someone to chase), the 督办 反馈期限 when someone is
    pressed."""
    st = m.tl.settings
    counted = ([("催报期限", m.report_date, m.chase_due)] if m.chase and not m.before_due else []) \
        + ([("督办通知的反馈期限", m.report_date, m.reply_due)] if m.pressed and m.reply_due else [])
    return weekend_only_note(counted, st.holidays or [], st.workdays or [],
                             SETTINGS_FILE if m.tl.no_settings_sheet else SETTINGS_SHEET)


# characters of a 分歧 a 督办 reason quotes; a longer one is cut after a whole unit's part (trial 34: one of 90 was said
# as 「各单位报的情况不一致」 only, without who reported what)
DISAGREEMENT_SHOWN = 80


def _counted(part: str) -> str:
    """「A（共同负责）、B（共同负责）报「序时推进」、完成80%」 as 「2个单位报「序时推进」、完成80%」."""
    names, said, rest = part.rpartition("报「")
    n = names.count("、") + 1
    return f"{n}个单位{said}{rest}" if said and n > 2 else part


def _first_parts(text: str, limit: int) -> str:
    """「A报「已完成」；B、C报「序时推进」」 cut after its last whole 「；」 part within ``limit`` characters (how many
    were left out said)."""
    if len(text) <= limit:
        return text
    parts, out = text.split("；"), []
    if len(parts[0]) > limit:
        # a group of many units (twenty 镇街 共同负责): counted, not listed — the 汇总「分歧」 column has every name
        parts = [_counted(p) for p in parts]
    for part in parts:
        if out and len("；".join(out + [part])) > limit:
            break
        out.append(part)
    return "；".join(out) + (f"；另有{len(parts) - len(out)}组单位报的情况未列出" if len(out) < len(parts) else "")


# the reason a file cannot be opened, in the words a 催报 or 督办 gives the unit (collect's anomaly codes)
UNREADABLE_WHY = {"PASSWORD": "设置了打开密码", "CORRUPT": "文件已损坏", "CORRUPT_ARCHIVE": "压缩包已损坏",
                  "NOT_SPREADSHEET": "不是表格文件", "EMPTY_FILE": "是空文件", "READ_TIMEOUT": "文件读取不了",
                  "READ_ABORTED": "文件读取不了"}


def unit_reports(col: Collection) -> list[UnitReport]:
    expected = col.expected or col.tl.units()
    order = {u.name: i for i, u in enumerate(col.tl.directory.units)}
    by_unit: dict[str, list] = {}
    other_period: dict[str, object] = {}     # a unit's return of another period (kept, not this period's)
    others_count: dict[str, int] = {}          # (counted among the files it sent: trial 33 read 「收到份数 1」 of two)
    for s in col.submissions:
        if s.unit and s.status in ("counted", "superseded", "empty", "unreadable"):
            by_unit.setdefault(s.unit, []).append(s)
        elif s.unit and s.status == "other_period":
            other_period.setdefault(s.unit, s)
            others_count[s.unit] = others_count.get(s.unit, 0) + 1
    adopted = adopted_files(col.submissions)     # the one rule of which file counts (collect.adopted_of)
    by_sender: dict[str, list] = {}     # unit -> the other units' sheets that came from its mailbox
    for s in col.submissions:
        if s.sender_unit and s.status in ("counted", "superseded", "empty"):
            by_sender.setdefault(s.sender_unit, []).append(s)
    out = []
    for unit in sorted(expected, key=lambda u: (order.get(u, 10 ** 6), u)):
        subs = by_unit.get(unit, [])
        counted = next((s for s in subs if s.status == "counted"), None)
        # a blank or readable return says more than a file that cannot be opened
        shown = adopted.get(unit)
        d = col.tl.directory.get(unit)
        ur = UnitReport(unit, len(expected[unit]), "未报送", versions=len(subs) + others_count.get(unit, 0),
                        contact=d.contact if d else "", phone=d.phone if d else "")
        if shown is not None:
            # the return's own 填报人/联系电话 where the directory has none (the trial of session 13 filled them and
            # found them nowhere in the 汇总)
            ur.contact, ur.phone = ur.contact or shown.reporter, ur.phone or shown.phone
            ur.check = ("方案不确定：" + shown.plan_how if shown.plan_verdict == "不确定"
                        else "人工指定单位" if shown.unit_how in ("assigned", "receipts") else "")
            # punctuality is the unit's first return with content (README 「报送情况和收到时间」): a
            # correction sent after the deadline is noted, its content adopted, the unit not late
            filled = [s for s in subs if s.status == "counted" or (s.status == "superseded" and s.was_counted)]
            late = bool(filled) and all(s.late for s in filled)
            ur.first_received = min((s.received for s in filled if s.received), default=None)
            if counted and counted.late and not late:
                first = min((s for s in filled if not s.late), key=lambda s: s.received or dt.datetime.min)
                ur.check = "；".join(x for x in (ur.check, "逾期更正：首次报送" + (
                    f"{first.received.month}月{first.received.day}日收到（按时）" if first.received else "收到时间不明（未判逾期）")
                    + f"，更正版{counted.received.month}月{counted.received.day}日收到，采用更正版") if x)
            ur.state = (("逾期报送" if late else "已报送") if counted
                        else "无法读取" if shown.status == "unreadable" else "空表")
            if ur.state == "无法读取":
                ur.unreadable = UNREADABLE_WHY.get(getattr(shown.unreadable_finding, "code", ""), "")
            ur.file, ur.rows = shown.file, shown.rows
            ur.filled_by = "，".join(x for x in (shown.reporter, shown.phone,
                                                 shown.report_date.isoformat() if shown.report_date else "") if x)
            ur.received, ur.received_how = shown.received, shown.received_how
            ur.received_source, ur.received_date_only = shown.received_source, shown.received_date_only
            if shown.sender_unit:
                ur.check = "；".join(x for x in (ur.check, f"报送表从「{shown.sender_unit}」的邮箱发来，请核实是否本单位填报") if x)
        elif (old := other_period.get(unit)) is not None:
            # (a browser trial of session 15: a unit that sent last month's sheet was told nothing had come)
            # (its file is named in 核对, not under 采用的文件, and its time with it: trial 20 found the August file
            # in 「采用的文件」 and the 收到时间 column empty)
            ur.other_period = period_label(old.period)
            when = f"，{old.received.month}月{old.received.day}日收到" if old.received else ""
            ur.check = f"收到的是{ur.other_period}的报送表，不是本期的（{Path(old.file).name}{when}；已存档，未采用）"
        elif refused := col.refused.get(unit):
            # (the browser trial of session 15: a unit that uploaded another unit's sheet through its link was
            # told nothing had come)
            last = max(refused, key=lambda e: e.arrival.when)
            ur.refused_upload = last.refused
            ur.check = (f"网页上传的文件未采用：{ur.refused_upload}（{last.arrival.when:%m月%d日 %H:%M}收到"
                        + (f"，共{len(refused)}次" if len(refused) > 1 else "") + "，已存档）")
        if ur.missing and (theirs := by_sender.get(unit)):
            # (trial 34: its mailbox sent another unit's sheet; it was chased as if nothing had come)
            ur.sent_other = "、".join(dict.fromkeys(s.unit for s in theirs))
            ur.check = "；".join(x for x in (ur.check, f"本单位邮箱发来的是「{ur.sent_other}」的报送表"
                                             f"（{Path(theirs[0].file).name}），已按「{ur.sent_other}」汇总") if x)
        out.append(ur)
    return out


# the add-in's action that takes a folder without returns (everyone is chased), as --allow-empty does
ADDIN_CHASE_ALL = "生成催报通知"
# Where the clerk corrects each input, in the words of the front end in use: a hint names what
# the clerk can change there, not another front end's option.
FRONT_WORDS = {
    "cli": {"date": "--date", "period": "--period", "period_as": "--period {p}",
            "assign": "请用 --assign 「文件名=单位」指定", "empty": "请加 --allow-empty",
            "returns": "请把命令里的报送表文件夹（collect、docs 的第二个参数）换成{right}，不要用{wrong}"},
    "addin": {"date": "控制台的「报告日期」", "period": "控制台的「报送期」", "period_as": "「报送期」填 {p}",
              "assign": "请在命令行用 zhishui collect --assign 「文件名=单位」指定一次（记入历史记录，以后自动采用）",
              # the clerk in Excel has no --allow-empty: choosing 生成催报通知 is saying «chase them all»
              "empty": f"请在控制台「要执行的操作」选「{ADDIN_CHASE_ALL}」再点「运行」，全部单位按未报送催报",
              "returns": "请在控制台的「报送表文件夹（各单位交回的文件）」（B8）填{right}，不要填{wrong}"},
    "web": {"date": "报告日期", "period": "报送期", "period_as": "报送期应为 {p}",
            "assign": "请在本期页面「认不出单位的文件」处指定单位", "empty": "", "returns": ""},
}


READ_THROUGH = ("counted", "empty", "superseded")   # returns whose every row and footer was read (not another plan's)


def untouched(s) -> bool:
    """A return sheet as split issued it for its period: zhishui's hidden identity, no fill cell on any row
    (a task's or not) and no 填报人/联系电话/填报日期 filled in (a file byte-identical to the issued one is one)."""
    return (s.has_identity and bool(s.unit) and not s.filled_any and not any(r.filled for r in s.reports)
            and not (s.reporter or s.phone or s.report_date))


def check_inputs(col: Collection, report_date: dt.date, *, allow_empty: bool = False, front: str = "cli",
                 date_typed: bool = True) -> None:
    """Input that cannot be right stops the month before anything is written (README 「会拦下的输入」).
    ``date_typed``: the report date was written by the clerk (a year or month mistyped is caught);
    the web page's live view dates the month today, which is no typing mistake."""
    w = FRONT_WORDS[front]
    period_end = month_end(col.period)
    returns = [s for s in col.submissions if s.status in RETURN_STATUSES]
    # returns that arrived within days of the report date make it no typing mistake (an old period
    # consolidated late, with what came in late)
    arrived = [s.received.date() for s in returns if s.received]
    near = bool(arrived) and abs((max(arrived) - report_date).days) <= DATE_SLACK_DAYS
    if date_typed and (report_date < col.period or ((report_date - period_end).days > DATE_SLACK_DAYS and not near)):
        raise ZhishuiError(f"报告日期{report_date:%Y-%m-%d}不在报送期{period_cn(col.period)}之内或之后{DATE_SLACK_DAYS}天内",
                           code="DATE_FAR", hint=f"请检查{w['date']}和{w['period']}是否写对（报告日期一般是报送期当月月底，"
                                                 f"如 {period_end:%Y-%m-%d}）")
    empty = f"；如果确实一份本方案的报送表都没有收到，{w['empty']}" if w["empty"] else ""
    if returns and all(s.status == "other_plan" for s in returns) and not allow_empty:
        others = "、".join(dict.fromkeys(s.plan_other or "（不明）" for s in returns))
        raise ZhishuiError(f"收到的{len(returns)}份报送表都不是本方案{col.plan.label}的（是{others}的）",
                           code="OTHER_PLAN_FOLDER",
                           hint=f"请确认清单和报送表文件夹是同一个方案的；如确是本方案的自制表格，{w['assign']}{empty}")
    if not returns and not allow_empty:
        names = "、".join(s.file for s in col.submissions[:5])
        raise ZhishuiError("报送表文件夹里没有任何报送表" + (f"（只有：{names}）" if names else "（文件夹是空的）"),
                           code="NO_RETURNS",
                           hint="请确认文件夹选对了" + (f"；如果确实一份都没有收到、要向全部单位催报，{w['empty']}"
                                                       if w["empty"] else ""))
    periods = [s.period for s in returns if s.period and s.status != "unidentified"]
    here = period_key(col.period)
    others = [p for p in periods if p != here]
    if periods and len(others) * 2 > len(periods):
        common = max(set(others), key=others.count)
        raise ZhishuiError(f"收到的{len(periods)}份报送表中有{len(others)}份不是{period_cn(col.period)}的"
                           f"（大多是{common[:4]}年{int(common[5:])}月的）", code="WRONG_PERIOD",
                           hint=f"请检查{w['period']}是否写对（是否应为{w['period_as'].format(p=common)}），或文件夹是否选对")
    # the folder split wrote, given for the returns (B8 = the outgoing 「2026年12月报送表」): every unit's sheet, none
    # filled in. Summed up, every unit but those waiting for 销号 would be 空表 and the ledger's statuses overwritten.
    # It takes more than half of the files and of the units asked: a few units that send their sheet back blank
    # stay 空表 as before
    blank = [s for s in returns if s.status in READ_THROUGH and s.period == here and s.unit in col.expected
             and untouched(s)]
    if len(blank) * 2 > len(returns) and len({s.unit for s in blank}) * 2 > max(len(col.expected), 1):
        where_to = w["returns"].format(
            right="各单位交回的文件所在的文件夹（如邮件附件另存到的文件夹）",
            wrong=f"「生成报送表」输出报送表的文件夹（如「{period_cn(col.period)}报送表」）") \
            if w["returns"] else "请让各单位填写报送表后再上传"
        how_many = (f"报送表文件夹里的{len(blank)}份报送表都是" if len(blank) == len(returns)
                    else f"收到的{len(returns)}份报送表中有{len(blank)}份是")
        raise ZhishuiError(f"{how_many}本软件下发的{period_cn(col.period)}空白报送表，一项也没有填写（任务行、填报人、"
                           f"联系电话、填报日期都是空的，如「{Path(blank[0].file).name}」）：这是生成报送表时输出的文件夹，"
                           f"不是各单位交回的文件", code="ISSUED_BLANK_FOLDER", hint=f"{where_to}；本次什么都没有写入")
    times = [s.received for s in returns if s.received]
    if times and min(times).date() > report_date:
        raise ZhishuiError(f"所有有收到时间的报送表都是在报告日期{report_date:%Y-%m-%d}之后收到的"
                           f"（最早{min(times):%Y-%m-%d %H:%M}）", code="DATE_BEFORE_RECEIPTS",
                           hint=f"请检查{w['date']}是否写对：报告日期应当是统计截止的那一天")


def run_month(tl: TaskList, returns, period: dt.date, report_date: dt.date, *, due: dt.date | None = None,
              history_folder=None, use_history: bool = True, receipts=(), allow_empty: bool = False,
              assign=(), commit_later: bool = False, progress=None, history_db: str | None = None,
              front: str = "cli", date_typed: bool = True) -> Month:
    """``assign``: (file, unit) pairs the clerk attributes (--assign), remembered in the history;
    ``progress(done, total)`` is told of each file read (see zhishui.progress); ``history_db``: the
    history on a PostgreSQL database (archives.locate); ``front`` and ``date_typed``: see check_inputs."""
    due = report_due(period, tl.settings, due)
    scheme = Scheme.from_settings(tl.settings)
    found = locate(tl, history_folder, history_db)       # read-only until the checks pass
    place = found if use_history else None
    # (a trial run judges the files as the plan its history knows: trial 33's first run of a revised list called the
    # sheets issued from the earlier version another plan's, which the real run then took)
    plan = found.plan if use_history or not found.new else identity_of(tl)
    recalled = place.recall(tl, period_key(period)) if place else None
    trial_note, assigned = "", place.assignments() if place else {}
    if not use_history:     # a trial run still obeys the clerk's 销号 and 延期 (read, never written)
        recalled, assigned, trial_note = _history_for_trial(tl, period_key(period), found)
    with paused_gc():
        col = collect(tl, returns, period, due=due, receipts=receipts, plan=plan,
                      assigned=assigned, assign=assign, progress=progress,
                      closed=recalled.closed_keys() if recalled else frozenset(),
                      settled=recalled.done_before if recalled else None)
    check_inputs(col, report_date, allow_empty=allow_empty, front=front, date_typed=date_typed)
    hist = place.open(tl) if place else None
    try:
        month = _judge(tl, col, period, report_date, due, hist, place, commit_later, recalled, scheme)
        month.history_note = month.history_note or trial_note
    except BaseException:
        if hist is not None:
            hist.close()     # an open transaction is rolled back: the month is not recorded
        raise
    if hist is not None:
        if commit_later:
            month.open_history = hist
        else:
            hist.close()
    return month


def _history_for_trial(tl: TaskList, key: str, place):
    """--no-history: this plan's history (``place``, as archives.locate found it), if it has one, read and never
    written: the 销号 and 延期 decisions, units' earlier 已完成 and the files attributed before still apply; last
    period is not compared.  Returns (view or None, attributions, the line telling the clerk so)."""
    skipped = "不与上期比较，本期结果不保存、收到的文件不存档"
    if place.new:
        return None, {}, f"试算（--no-history）：没有这个方案的历史记录；{skipped}"
    mv = without_comparison(place.recall(tl, key))
    # (a record found away from the list is said with how it was found: the session-19 trial, run in another folder,
    # did not see why that folder's record was read)
    beside = Path(place.folder).resolve().parent == Path(tl.path).resolve().parent
    found = (f"（{'清单旁另一个名字的记录' if beside else '不在清单旁，是这个方案在别处的记录'}：按{place.why}找到）"
             if place.rule else "")
    return mv, place.assignments(), (
        f"试算（--no-history）：只读取了历史记录「{place.folder}」{found}——已销号{len(mv.closed)}项、同意延期"
        f"{len(mv.extension)}项、以前报的「已完成」照常算数；{skipped}")


def _judge(tl: TaskList, col: Collection, period: dt.date, report_date: dt.date, due: dt.date, hist, place,
           commit_later: bool, recalled: MonthView | None, scheme: Scheme) -> Month:
    key = period_key(period)
    rv = recalled
    if hist is not None:
        for sha, (unit, file) in col.assigned_now.items():
            hist.assign(sha, unit, file, "命令行 --assign")
    reports = col.reports()
    soon = tl.settings.due_soon_days
    units = unit_reports(col)
    # a unit whose sheet came back blank (空表) did send something: its shares say so, as the 催报 does
    # (the session-18 re-trial: 「应急管理局本期未报送」 in the task row, 「报来的是空表」 in the 催报)
    blank = frozenset(u.unit for u in units if u.state == "空表")
    unreadable = frozenset(u.unit for u in units if u.state == "无法读取")
    statuses = []
    for t in tl.tasks:
        k = t.key
        returned = rv.returned.get(k) if rv else None
        ts = decide(t, reports.get(k, {}), report_date, answering=t.answering_units(), due_soon_days=soon,
                    plan_date=_start_of(rv.added[k]) if rv and k in rv.added else tl.ref_date,
                    done_before=(rv.done_before.get(k, set()) if rv else set()),
                    stage_done_before=(rv.done_ever.get(k, set()) if rv else set()),
                    previous=(rv.prev_statuses.get(k) if rv else None),
                    closed=rv.closed.get(k) if rv else None, extension=rv.extension.get(k) if rv else None,
                    returned=returned is not None and returned.period == key, sent_blank=blank,
                    sent_unreadable=unreadable)
        ts.closeout, ts.closeout_rule, ts.closeout_note = closeout_state(ts, rv)
        ts.measured = measure(ts, rv, report_date, tl.ref_date)
        statuses.append(ts)
    note_after_date(col, units, report_date)
    # (「销号需要佐证」 of a task whose evidence came with its earlier 已完成 and counts: trial 30)
    carried = {ts.task.label for ts in statuses if ts.closeout == PENDING and EARLIER_EVIDENCE in (ts.closeout_note or "")}
    for a in col.anomalies:
        if a.code == "COMPLETED_NO_EVIDENCE" and a.task in carried:
            a.severity = INFO
            a.message = "完成状态为「已完成」，本期没有再填佐证材料（以前报「已完成」时填过，销号按以前的佐证）"
            a.suggestion = "不用补报；佐证有变化的，请在「佐证材料」中列明"
    for u in units:
        if u.missing and rv:
            # (the session-17 trial: 区金融办 silent in October and November was never said to be so)
            u.silent_before = list(rv.silent.get(u.unit, []))
            # (and the 催报's 联系人/联系电话 were empty where the unit had written them on an earlier return)
            before = rv.contact.get(u.unit, ("", ""))
            u.contact, u.phone = u.contact or before[0], u.phone or before[1]
    month = Month(tl, period, report_date, due, col, statuses, units, unknown_units=unit_findings(tl),
                  # (last period's totals as its own documents published them: a list revised since does not
                  # rewrite them, the session-17 trial found November's 19.1% become 17.7% in December's 通报)
                  previous=totals_from_statuses(rv.prev_published) if rv and rv.prev_statuses else None,
                  previous_period=rv.prev_period if rv and rv.prev_statuses else None, plan=col.plan,
                  history_note=place.note if place else "", previous_tasks=rv.prev_tasks if rv else None,
                  recalled=rv, scheme=scheme, requests=extension_requests(statuses, rv, col))
    if hist is not None:
        data = {rec.display: rec for rec in col.received}   # archived as streams, never all in memory
        month.new_files = hist.record(col, statuses, report_date, data, commit=not commit_later,
                                      scores=month.ranking.scores, units=units)
        month.repeated_files = hist.repeated
        month.not_read_files = hist.not_read
        month.later_periods = hist.later_periods
        month.history_folder = hist.folder
        month.history_db = historydb.shown(hist.url) if hist.url else ""
        month.history_url = hist.url
    return month


def note_after_date(col: Collection, units: list[UnitReport], report_date: dt.date) -> None:
    """A return received after the report date is counted (the month is what the folder holds,
    so a re-run with the same date on the same files gives the same month), and said so: in
    异常清单 for each such file, in the 核对 column for its unit (README 「报送情况和收到时间」)."""
    for s in col.submissions:
        if s.status in ("counted", "empty", "superseded") and s.received and s.received.date() > report_date:
            when = f"{s.received:%Y-%m-%d}" if s.received_date_only else f"{s.received:%Y-%m-%d %H:%M}"
            col.anomalies.append(Finding(
                WARNING, "RECEIVED_AFTER_DATE",
                f"「{s.file}」（{s.unit}）{when}收到（依据：{s.received_source or s.received_how}），"
                f"晚于报告日期{report_date:%Y-%m-%d}，仍按收到的文件汇总"
                + ("（已采用）" if s.status == "counted" else ""),
                "报告日期是统计截止的那一天：如果这份不该算进本次结论，请把它移出报送表文件夹再汇总，或核对报告日期",
                file=s.file))
    for u in units:
        if u.received and u.received.date() > report_date:
            u.check = "；".join(x for x in (u.check, f"收到时间晚于报告日期{report_date.month}月{report_date.day}日") if x)


def summary_lines(m: Month) -> list[str]:
    t = m.totals
    rd = m.report_date
    lines = [f"报送期：{period_cn(m.period)}　报告日期：{rd.year}年{rd.month}月{rd.day}日"
             f"　报送截止：{m.due.month}月{m.due.day}日"
             + ("（就是今天：今天收到的都算按时，没有单位逾期）" if m.report_date == m.due
                else "（还没到，没有单位逾期）" if m.before_due else ""),
             m.units_line,
             received_files_text(m) + (new_files_text(m) if m.recorded else "")
             + f"；读取单元格 {len(m.col.values)} 个",
             f"任务 {t['任务总数']} 项：" + "，".join(f"{s} {t[s]}" for s in STATUSES)
             + (f"（逾期中 {t['逾期未报送']} 项本期未报送）" if t["逾期未报送"] else "") + f"；完成率 {t['完成率']:.1%}"]
    if m.unasked:
        lines.append(m.unasked_line)
    if m.history_note:
        lines.append(m.history_note)
    if m.not_read_files:
        lines.append(not_read_text(m.not_read_files))
    if m.later_periods:
        lines.append(later_text(m))
    if m.plan_date_note:
        lines.append(m.plan_date_note)
    if m.list_change_line:
        lines.append(m.list_change_line)
    if m.previous:
        lines.append(f"上期（{m.previous_period}）完成率 {m.previous['完成率']:.1%}")
        c = change_counts(m.changes)
        lines.append(f"与上期比较：{len(m.changes)} 项任务有标记（" + "，".join(f"{k} {n}" for k, n in c.items()) + "）"
                     + ("：" + "、".join(f"序号{ts.task.label}" for ts, _ in m.regressions[:20])
                        + ("等" if len(m.regressions) > 20 else "") if m.regressions else ""))
    if m.pressed:
        lines.append(f"督办：{len(m.pressed)} 个单位（" + "、".join(m.pressed) + "）")
    split = [ts for ts in m.statuses if ts.disagreements]
    if split:     # README 「各单位报的不一致（分歧）」: said here too, or the clerk would have to find the column
        lines.append(f"分歧：{len(split)} 项任务各单位报的不一致（状态按牵头或责任单位的报送定，详见汇总「分歧」列）："
                     + "、".join(f"序号{ts.task.label}" for ts in split[:20]) + ("等" if len(split) > 20 else ""))
    nodes = m.nodes_passed
    if nodes:
        lines.append(f"已过阶段节点、本期未报完成的任务 {len(nodes)} 项（状态按最终时限判，请核实节点）："
                     + "；".join(f"序号{ts.task.label}「{ts.nodes_text}」" for ts in nodes[:10]) + ("等" if len(nodes) > 10 else ""))
    own = m.office_pressed
    if own:
        lines.append(f"汇总单位「{m.office_unit}」自己的 {len(own)} 项任务逾期或进度滞后（序号"
                     + "、".join(ts.task.label for ts in own) + "）：照常写进通报，不给自己发督办通知")
    by = {}
    for a in m.anomalies:
        by[(a.severity, a.code)] = by.get((a.severity, a.code), 0) + 1
    if by:
        lines.append("异常（详见「异常清单」）：" + "；".join(f"{s}「{code_cn(c)}」{n}条" for (s, c), n in sorted(by.items())))
    if m.office_not_reported:
        lines.append(f"汇总单位「{m.office_unit}」自己本期未报送：照常算未报送、写进通报，不给自己发催报")
    if m.not_reported:
        lines.append(m.not_reported_line)
    if m.calendar_note:
        lines.append(m.calendar_note)
    if m.due_rest_note:
        lines.append(m.due_rest_note)
    return lines


def received_files_text(m: Month) -> str:
    """「收到文件 4 个（另有收件记录 1 个）」: the clerk's own receipt log in the folder is no file a unit sent (a
    trial's 收件记录.csv was counted among the returns)."""
    logs = sum(1 for s in m.col.submissions if s.status == "receipts")
    return f"收到文件 {len(m.col.submissions) - logs} 个" + (f"（另有收件记录 {logs} 个）" if logs else "")


def later_text(m: Month) -> str:
    """A month run again after later ones, with another result: they were judged on the former one (trial 29 re-ran
    January after April; April's 年度累计得分 would change by 22.5 points, nothing said so)."""
    names = "、".join(period_cn(_start_of(p)) for p in m.later_periods)
    return (f"注意：历史记录里已有以后的报送期（{names}），它们的「与上期比较」「连续未报送」和年度累计得分是按"
            f"{period_cn(m.period)}原来的结果算的；这次{period_cn(m.period)}的结果变了，以后各期按顺序重新汇总"
            "（已生成的文书也重新生成）后才会跟着变")


def not_read_text(files: list, desk: bool = False) -> str:
    """Said wherever the month is: earlier runs of this period read returns this one did not (another folder, the
    desk's uploads): the month now recorded is without them (trial 28: the desk and the command line each wrote its own
    picture of one month into a shared database, neither saying a word)."""
    named = "、".join(f"{u}「{f}」" + (f"（{r[5:7].lstrip('0')}月{r[8:10].lstrip('0')}日收到）" if len(r) >= 10 else "")
                     for f, u, r in files[:5]) + ("等" if len(files) > 5 else "")
    how = ("要算进来，请把这些文件在下面「添加邮件或其他方式收到的文件」加入（命令行汇总时读的文件在那次汇总的文件夹里）"
           if desk else "要算进来，请把它们和这次的文件放在一起再汇总（督办台收到的在督办台本期「收到的文件」里导出）")
    return (f"注意：本期以前的汇总（或督办台）读到过、这次没有读到的报送 {len(files)} 份：{named}。这次的结论没有算它们，"
            f"历史记录里本期的结果现在也是这次的。{how}；确实不要的，不用管")


def new_files_text(m: Month) -> str:
    """「，其中新文件 12 个（另有 1 个与本期已收到的文件内容相同：「a(1).xlsx」同「a.xlsx」）」: 新文件 are this period's
    files whose content the history had not received before (History.first_received), whenever the month is
    recorded; a file received again is named with the one it repeats (and that one's period when another)."""
    key = period_key(m.period)
    rep = m.repeated_files
    where = "本期已收到的" if all(p == key for _f, _e, p in rep) else "以前收到的"
    logs = {s.file for s in m.col.submissions if s.status == "receipts"}
    return (f"，其中新文件 {sum(1 for f in m.new_files if f not in logs)} 个"
            + (f"（另有 {len(rep)} 个与{where}文件内容相同：" + "、".join(
                f"「{Path(f).name}」同" + (f"{period_cn(_start_of(p))}收到的" if p != key else "")
                # (the same name in two folders: the other's folder said, not 「a.eml」同「a.eml」: trial 28)
                + f"「{e if Path(e).name == Path(f).name and e != f else Path(e).name}」"
                for f, e, p in rep[:3]) + ("等" if len(rep) > 3 else "") + "）" if rep else ""))


def _start_of(period: str) -> dt.date:
    """The first day of a period (YYYY-MM): where a task a revision added starts its 序时进度."""
    y, m = (int(x) for x in period.split("-")[:2])
    return dt.date(y, m, 1)
