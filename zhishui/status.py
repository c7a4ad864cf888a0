"""Each task's one status on the report date, and its traffic light.

The rules are the decision table in the README (「任务状态怎么定」), implemented
here and nowhere else:

* A task is answered for by its 牵头单位; with none, by its 责任单位 jointly
  (each answers for its own share).  Other units' reports sit beside it.
* Each answering unit's *share* gets a status from the table (first row that
  applies wins); the task takes the worst share status (``SEVERITY``).
* The light follows from the status alone (``LIGHT``).

Statuses: 已完成, 序时推进, 进度滞后, 临期, 逾期, 长期坚持, 未报送.  A task
past its deadline stays 逾期 when its unit does not report (未报送 is shown
beside it, never instead of it).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .decisions import EXT_PENDING
from .deadlines import Deadline
from .tasks import Task
from .values import state_as_written

if TYPE_CHECKING:    # annotations only: split reads the history (recall) without loading collect
    from .collect import Report

DONE, ON_SCHEDULE, LAGGING, DUE_SOON, OVERDUE, ONGOING, MISSING = (
    "已完成", "序时推进", "进度滞后", "临期", "逾期", "长期坚持", "未报送")
STATUSES = [DONE, ON_SCHEDULE, LAGGING, DUE_SOON, OVERDUE, ONGOING, MISSING]
# worst first: a task takes the worst status among its answering units' shares
SEVERITY = [OVERDUE, LAGGING, MISSING, DUE_SOON, ON_SCHEDULE, ONGOING, DONE]
RED, YELLOW, GREEN = "红", "黄", "绿"
LIGHT = {DONE: GREEN, ON_SCHEDULE: GREEN, ONGOING: GREEN, DUE_SOON: YELLOW, LAGGING: YELLOW,
         MISSING: YELLOW, OVERDUE: RED}
LIGHT_COLORS = {RED: "FF4D4F", YELLOW: "FFD666", GREEN: "73D13D"}
STATUS_COLORS = {DONE: "B7EB8F", ON_SCHEDULE: "91D5FF", LAGGING: "FFC069", DUE_SOON: "FFE58F",
                 OVERDUE: "FFA39E", ONGOING: "87E8DE", MISSING: "D9D9D9"}
# statuses for which the answering units are pressed (督办)
PRESSED = (OVERDUE, LAGGING)
# README 「各单位报的不一致（分歧）」: the reported states fall into three bands; units of one task in different bands,
# or in one band with 完成比例 DISAGREE_GAP or more apart, disagree
STATE_BAND = {"已完成": "完成", "序时推进": "推进", "持续推进": "推进", "进度滞后": "滞后", "未启动": "滞后"}
DISAGREE_GAP = 0.30
LAG_STATES = ("进度滞后", "未启动")
LAG_TOLERANCE = 0.10
# a 存在问题 cell that says there is none (无, 暂无, /): no reason given
NO_PROBLEM = re.compile(r"(无|暂无|没有|无问题|暂无问题|没有问题|否|/|／|-|－|—|——)?")

# deadline kinds (the table's first column)
ONE_OFF, STAGED, ONGOING_ONLY = "一次性", "阶段完成后长期坚持", "长期或周期"


def deadline_kind(d: Deadline) -> str:
    if d.ongoing and d.due:
        return STAGED
    if d.ongoing or d.recurrence:
        return ONGOING_ONLY
    return ONE_OFF


def expected_progress(d: Deadline, on: dt.date, plan_date: dt.date | None, due: dt.date | None = None) -> float | None:
    """Time-proportional progress (序时进度) from the start (or the plan's date) to the due date
    (``due``: an approved extension's date instead of the list's)."""
    start = d.start or plan_date
    due = due or d.due
    if not due or not start or due <= start or deadline_kind(d) == ONGOING_ONLY:
        return None
    x = (on - start).days / (due - start).days
    return round(min(1.0, max(0.0, x)), 4)


def month_end(d: dt.date) -> dt.date:
    """The last day of ``d``'s month."""
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def before_plan_note(tasks, plan_date: dt.date | None, period: dt.date, on: dt.date | None = None,
                     added=frozenset()) -> str:
    """「报送期2020年7月在方案成文日期（2020年9月23日）之前：…序时进度从成文日期算起，本期为0…」, "" otherwise: a
    period that ends before the plan's date, said once by every front (command line, 概况, 控制台, web page), never in
    a letter.  ``tasks``: those whose 序时进度 starts at ``plan_date`` are counted (a deadline, no start of their own,
    not added by a revision: ``added`` keys); ``on``: the report date (split has none: the period's own 序时进度).
    (Trial 15: July and August ran without a word, every task 序时推进 at 0%, nothing could lag.)"""
    if plan_date is None:
        return ""
    if month_end(period) >= plan_date:
        return ""
    n = sum(1 for t in tasks if t.key not in added and t.deadline.start is None
            and expected_progress(t.deadline, plan_date, plan_date) is not None)
    if not n:
        return ""
    head = (f"报送期{period.year}年{period.month}月在方案成文日期（{plan_date.year}年{plan_date.month}月"
            f"{plan_date.day}日）之前：没有写开始日期的{n}项任务，序时进度从成文日期算起，")
    if on is None or on <= plan_date:
        return head + "本期为0，不会因完成比例低于序时进度判为进度滞后（进度滞后只看单位自己报的状态）"
    return head + f"到报告日期只计成文日期以后的{(on - plan_date).days}天"


# what a share with no report on it says of the unit, and beside 未报送 the short of it
SILENT, SENT_BLANK, LEFT_BLANK = "本期未报送", "本期报来的是空表", "本期报送表这一项未填写"
SENT_UNREADABLE = "本期报来的文件无法打开"      # (trial 25: a password-protected file was 「本期未报送」 in the 督办)
SILENT_SHORT = {SENT_BLANK: "空表", LEFT_BLANK: "这一项未填写", SENT_UNREADABLE: "文件无法打开"}


@dataclass
class Share:
    """One answering unit's part of a task, and its status (one row of the decision table)."""
    unit: str
    status: str
    rule: int                       # the row of the decision table that decided it
    reason: str                     # Chinese, why
    report: Report | None = None    # this period's report, if the unit reported
    carried: bool = False           # done in an earlier period (history), not reported again
    said: str = ""                  # what the unit reported, short: 报「持续推进」、完成50%
    silent: str = SILENT         # no report on it: what did come (空表, the row left empty), said alike everywhere

    @property
    def status_text(self) -> str:
        """未报送（空表）: the status beside a reason that says the unit sent a blank sheet (the trial-19 督办 sheet put
        「未报送」 beside 「报来的是空表」)."""
        short = SILENT_SHORT.get(self.silent)
        return f"{MISSING}（{short}）" if self.status == MISSING and short else self.status

    @property
    def reported(self) -> bool:
        return self.report is not None

    @property
    def words(self) -> str:
        """市住建局：黄梅港排放口新址涉及征地，群众意见较大 — the unit's own reason (its 存在问题) on a share that is
        behind (逾期, 进度滞后), whole and attributed, so the 督办通知 and the 通报 give it (the session-19 trial found
        only 「市住建局报「进度滞后」」 there); only the closing mark goes, as the reasons are joined by 「；」."""
        if self.status not in PRESSED or self.report is None:
            return ""
        text = (self.report.problems or "").strip().rstrip("。；;，,").rstrip()
        return "" if NO_PROBLEM.fullmatch(text) else f"{self.unit}：{text}"

    @property
    def full_reason(self) -> str:
        """The decision table's reason, then the unit's own words when it gave any."""
        return self.reason + (f"；{self.words}" if self.words else "")


def reported_text(report: Report, returned: bool = False) -> str:
    """报「进度滞后」、完成40%: what a unit reported, as the reasons quote it (``returned``: its close-out was sent back)."""
    raw = (report.state_raw or "").strip()
    # the unit's own words in the quotation marks, the option they were read as after them (trial 23)
    said = f"报「{raw}」（按{report.state}）" if report.state and state_as_written(report.state, raw) != report.state \
        else f"报「{report.state or raw}」" if report.state or raw else "未填写完成状态"
    return said + \
        ("（销号已退回）" if returned and report.state == "已完成" else "") + \
        (f"、完成{report.percent:.0%}" if report.percent is not None else "")


def silent_words(left_blank: bool, sent_blank: bool, sent_unreadable: bool = False) -> str:
    # (its sheet came in with this task's row empty: not reported on, though the unit did report)
    # (its whole sheet came back blank, or a file that cannot be opened: it sent something, as the 催报 says)
    return LEFT_BLANK if left_blank else SENT_BLANK if sent_blank else SENT_UNREADABLE if sent_unreadable else SILENT


def decide_share(unit: str, kind: str, due: dt.date | None, report: Report | None, done_before: bool,
                 on: dt.date, *, due_soon_days: int, progress: float | None, returned: bool = False,
                 left_blank: bool = False, sent_blank: bool = False, sent_unreadable: bool = False) -> Share:
    """The decision table, row by row (README 「任务状态怎么定」); the first row that applies wins.
    ``returned``: the clerk returned this period's close-out: its 已完成 does not count (README
    「销号、延期和状态」 row 3)."""
    state = report.state if report else None
    silent = silent_words(left_blank, sent_blank, sent_unreadable)
    done_now = state == "已完成" and not returned
    stage_done = kind == STAGED and (done_now or done_before)
    if stage_done:    # the dated stage is done: from now on an ongoing duty
        kind, due, progress = ONGOING_ONLY, None, None
    said = ""
    if report is not None:
        said = reported_text(report, returned=returned)
    days_left = (due - on).days if due else None
    # 1. one-off task reported done (now, or earlier and not reported since)
    if kind == ONE_OFF and (done_now or (report is None and done_before)):
        if done_now:
            return Share(unit, DONE, 1, f"{unit}报告已完成", report, said=said)
        return Share(unit, DONE, 1, f"{unit}往期已报完成，本期未再报送", None, carried=True, silent=silent)
    # 2. ongoing duty (or a stage already done) reported done for this period
    if kind == ONGOING_ONLY and done_now:
        return Share(unit, ONGOING, 2, f"{unit}{'阶段任务已完成，' if stage_done else ''}本期报「已完成」", report)
    # 3. past the deadline and not done: overdue, reported or not
    if days_left is not None and days_left < 0:
        stage = "阶段任务" if kind == STAGED else ""
        if report is None:
            return Share(unit, OVERDUE, 3, f"{stage}到期未完成，{unit}{silent}", None, silent=silent)
        return Share(unit, OVERDUE, 3, f"{stage}到期未完成（{unit}{said}）", report, said=said)
    # 4. not reported
    if report is None:
        what = "阶段任务已完成，本期未报送长期坚持的落实情况" if stage_done else silent
        return Share(unit, MISSING, 4, f"{unit}{what}", None, carried=stage_done, silent=silent)
    # 5. the unit says it lags, or its 完成比例 is well below time-proportional progress
    if state in LAG_STATES:
        return Share(unit, LAGGING, 5, f"{unit}报「{state}」", report, said=said)
    pct = report.percent
    # 低10个百分点以上: ten points behind is behind (以上 includes the number; compared in whole
    # hundredths of a point, so 0.9 against 1.0 is ten points as 0.7 against 0.8 is)
    if pct is not None and progress is not None and round((progress - pct) * 10000) >= round(LAG_TOLERANCE * 10000):
        return Share(unit, LAGGING, 5, f"{unit}完成比例{pct:.0%}，低于序时进度{progress:.0%}", report,
                     said=f"完成{pct:.0%}，序时进度{progress:.0%}")
    # 6. due soon
    if days_left is not None and days_left <= due_soon_days:
        return Share(unit, DUE_SOON, 6, f"距完成时限还有{days_left}天，尚未完成（{unit}{said}）", report, said=said)
    # 7. an ongoing duty reported this period
    if kind == ONGOING_ONLY:
        return Share(unit, ONGOING, 7, f"{unit}本期报送了落实情况（{said}）", report, said=said)
    # 8. reported, not done, on time
    tail = f"，距完成时限{days_left}天" if days_left is not None else "，未定完成日期"
    return Share(unit, ON_SCHEDULE, 8, f"{unit}{said}{tail}", report, said=said)


@dataclass
class TaskStatus:
    task: Task
    status: str
    shares: list[Share]
    due: dt.date | None = None              # the date this status is measured against
    days_left: int | None = None
    days_overdue: int | None = None
    expected_progress: float | None = None
    other_reports: list[Report] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    previous: str | None = None             # last period's status, from the history
    original_due: dt.date | None = None     # the list's deadline, when an approved extension moved it
    extension: object = None                # the agreed 延期 (decisions.Decision) in force
    closeout: str = ""                      # 已销号 | 退回 | 待销号 | 缺佐证 | "" (README 「销号」)
    closeout_rule: int = 0
    closeout_note: str = ""
    measured: object = None                 # the target this period (targets.Measured)
    requests: list = field(default_factory=list)   # this period's extension requests on it (yearrules.ExtensionRequest)
    # the task's intermediate nodes (6月30日前完成方案、12月底前全面施行: the first) already past while it is not done:
    # the status is judged on the final date (one state a unit reports is for the whole task), the node is said
    nodes_passed: list = field(default_factory=list)

    @property
    def nodes_text(self) -> str:
        """6月30日前完成方案 (the node's own words), several joined by ；."""
        return "；".join(m.text for m in self.nodes_passed)

    def asked_text(self) -> str:
        """申请延期至2021-03-31（区住房城乡建委，待审批）: the requests still to be decided."""
        return "；".join(f"申请延期至{r.asked:%Y-%m-%d}（{r.unit}，{r.state}）" for r in self.requests
                        if r.state == EXT_PENDING and r.asked)

    @property
    def light(self) -> str:
        return LIGHT[self.status]

    @property
    def deadline_text(self) -> str:
        """The 完成时限 as a document prints it: the list's words, and the date an approved
        extension moved it to (the task is judged, listed and due by that date)."""
        text = self.task.deadline_text
        if self.extension is not None and self.due is not None:
            moved = f"已延期至{self.due.year}年{self.due.month}月{self.due.day}日"
            return f"{text}（{moved}）" if text else moved
        return text

    @property
    def lead_reports(self) -> list[Report]:
        return [s.report for s in self.shares if s.report is not None]

    @property
    def missing_units(self) -> list[str]:
        """Answering units that did not report this period (shown beside the status)."""
        return [s.unit for s in self.shares if s.report is None and not (s.carried and s.status == DONE)]

    @property
    def not_reported(self) -> bool:
        return bool(self.missing_units)

    @property
    def pressed_shares(self) -> list[Share]:
        """Who answers for this task in a 督办通知: only units whose own share lags, is overdue or missing."""
        if self.status not in PRESSED:
            return []
        return [s for s in self.shares if s.status in (OVERDUE, LAGGING, MISSING)]

    @property
    def carried(self) -> bool:
        return bool(self.shares) and all(s.carried for s in self.shares) and self.status == DONE

    @property
    def stage_done(self) -> bool:
        """A dated stage (「2020年底前完成，并长期坚持」) every answering unit has finished: its
        date is no longer one to work towards (each share is 长期坚持, or done earlier and not reported)."""
        return (deadline_kind(self.task.deadline) == STAGED and bool(self.shares)
                and all(s.status == ONGOING or s.carried for s in self.shares))

    @property
    def reason(self) -> str:
        """Why this status, from the shares that decide it; a joint task with many such units
        is summed up (the 汇总 lists every unit's report beside it)."""
        if not self.shares:
            return f"没有下发报送表：{unasked_why(self.task)}，请在清单或单位名录中改正"
        deciding = [s for s in self.shares if s.status == self.status] or self.shares
        if len(deciding) <= JOINT_LISTED:
            # (two joint units closed out by one decision share one reason, said once: trial 21)
            return "；".join(dict.fromkeys(s.full_reason for s in deciding)) + self.others_said(deciding)
        reported = [s for s in deciding if s.report is not None]
        silent = [s for s in deciding if s.report is None]
        parts = []
        if reported:
            what = {OVERDUE: "到期未完成", LAGGING: "进度滞后"}.get(self.status, f"为{self.status}")
            parts.append(f"{len(reported)}个单位{what}（" + _some(s.unit for s in reported) + "）")
        if silent:
            parts.append(f"{len(silent)}个单位本期未报送（" + _some(s.unit for s in silent) + "）")
        # each unit that said why keeps its words, however many answer for the task
        return "；".join(parts + [s.words for s in reported if s.words])

    def others_said(self, deciding: list) -> str:
        """（县水利局报「已完成」、完成100%）: when an answering unit did not report, what the task's other units
        (responsible or co-operating, who do not decide it) said of it, so that the 督办 and the 通报 do not read as
        if nobody had (README 「谁被催报、谁被督办」)."""
        if not self.other_reports or not any(s.report is None for s in deciding):
            return ""
        said = [r.unit + reported_text(r) for r in self.other_reports[:JOINT_LISTED]]
        return "（" + "；".join(said) + ("等" if len(self.other_reports) > JOINT_LISTED else "") + "）"

    @property
    def status_text(self) -> str:
        """The status as printed: 逾期 with 未报送 beside it when the unit did not report (「空表」 when what came was a
        blank sheet: trial 22's 通报 said 「逾期（未报送）」 beside 「报来的是空表」)."""
        if self.status == OVERDUE and self.not_reported:
            missing = set(self.missing_units)
            shorts = {SILENT_SHORT.get(s.silent, "未报送") for s in self.shares if s.unit in missing}
            return f"逾期（{shorts.pop() if len(shorts) == 1 else '未报送'}）"
        return self.status

    def to_dict(self) -> dict:
        t = self.task
        return {"seq": t.seq, "key": t.key, "category": t.category, "content": t.content,
                "deadline": t.deadline_text, "due": self.due.isoformat() if self.due else None,
                "status": self.status, "light": self.light, "not_reported": self.not_reported,
                "previous_status": self.previous,
                "days_left": self.days_left, "days_overdue": self.days_overdue,
                "expected_progress": self.expected_progress, "reason": self.reason,
                "lead_units": [s.unit for s in self.shares], "missing_units": self.missing_units,
                "pressed_units": [s.unit for s in self.pressed_shares],
                "shares": [{"unit": s.unit, "status": s.status, "rule": s.rule, "reason": s.reason,
                            "carried": s.carried} for s in self.shares],
                "disagreements": self.disagreements, "carried": self.carried,
                "nodes_passed": [{"due": m.due.isoformat(), "text": m.text} for m in self.nodes_passed],
                "original_due": self.original_due.isoformat() if self.original_due else None,
                "extension": self.extension.to_dict() if self.extension else None,
                "closeout": self.closeout, "closeout_rule": self.closeout_rule, "closeout_note": self.closeout_note,
                "extras": dict(t.extras),
                "reports": [dict(r.to_dict(), role="lead") for r in self.lead_reports]
                + [dict(r.to_dict(), role="other") for r in self.other_reports]}


JOINT_LISTED = 3      # up to this many deciding units are each given with their reason


def unasked_why(task: Task) -> str:
    """Why no unit was sent a sheet for a task (its answering names are groups the directory cannot open, or names
    it lacks): said wherever the task is counted 未报送 or 逾期, so that nobody reads it as a unit that did not report
    (the trial-19 通报 counted 「各乡(镇)人民政府、街道办事处」's task 未报送 and named no reason)."""
    refs = task.lead or task.responsible
    groups = [r.raw for r in refs if r.is_group and not r.members]
    unknown = [r.raw for r in refs if r.how == "unknown"]
    said = []
    if groups:
        said.append("「" + "」「".join(groups) + "」是统称，单位名录中没有写明包含哪些单位")
    if unknown:
        said.append("「" + "」「".join(unknown) + "」不在单位名录中")
    return "；".join(said) or "没有牵头单位，也没有责任单位"


def _some(items, n: int = 3) -> str:
    items = list(items)
    return "、".join(items[:n]) + ("等" if len(items) > n else "")


def worst(statuses) -> str:
    return min(statuses, key=SEVERITY.index)


def decide(task: Task, reports: dict[str, Report], on: dt.date, *, answering: list[str],
           due_soon_days: int = 15, plan_date: dt.date | None = None,
           done_before: set[str] | frozenset = frozenset(), previous: str | None = None,
           closed=None, extension=None, returned: bool = False,
           stage_done_before: set[str] | frozenset = frozenset(),
           sent_blank: set[str] | frozenset = frozenset(), sent_unreadable: set[str] | frozenset = frozenset()) -> TaskStatus:
    """One task: ``answering`` are the units whose shares decide it (known units only);
    ``done_before`` the units that reported it 已完成 in an earlier period (and still count).
    The README's 「销号、延期和状态」 applies first: ``closed`` (the approving decisions.Decision) makes
    a one-off task 已完成 with nothing asked; ``extension`` (the agreed Decision) moves its deadline;
    ``returned`` cancels this period's 已完成.  ``stage_done_before``: the units that reported it 已完成 in any
    earlier period (not only their last report): a staged task's stage done once stays done (README rule 2).
    ``sent_blank``: the units whose whole sheet came back blank (空表), said so in their shares' reasons."""
    d = task.deadline
    kind = deadline_kind(d)
    filled = {u: r for u, r in reports.items() if r.filled}
    if closed is not None and kind == ONE_OFF:      # 销号 row 1: closed out, no longer asked for
        why = f"已销号（{closed.period}报送的完成情况，{closed.named_by + '，' if closed.named_by else ''}{closed.when}批准）"
        # the report the close-out was approved on stays this period's report (the history answers
        # "what did the unit say, and who approved it"); later periods ask nothing
        shares = [Share(u, DONE, 0, why, filled.get(u), carried=u not in filled) for u in answering]
        ts = TaskStatus(task, DONE, shares, due=d.due, previous=previous,
                        other_reports=[r for u, r in filled.items() if u not in answering])
        ts.closeout, ts.closeout_rule, ts.closeout_note = "已销号", 1, closed.text()
        # (a close-out does not hide that its co-operating units reported otherwise: README 「分歧」 has no exception,
        # and the trial-21 clerk approved one the 汇总 had not yet flagged)
        _disagreements(ts)
        return ts
    list_due = d.due
    moved = extension is not None and extension.new_due is not None and kind != ONGOING_ONLY and d.due is not None
    stage_due = extension.new_due if moved else d.due           # 销号、延期和状态 row 2
    due = stage_due if kind != ONGOING_ONLY else (d.recurrence.next_due(on) if d.recurrence else None)
    progress = expected_progress(d, on, plan_date, stage_due)
    shares = [decide_share(u, kind, stage_due if kind != ONGOING_ONLY else None, filled.get(u),
                           u in done_before or kind == STAGED and u in stage_done_before,
                           on, due_soon_days=due_soon_days, progress=progress, returned=returned,
                           left_blank=u in reports and u not in filled, sent_blank=u in sent_blank,
                           sent_unreadable=u in sent_unreadable)
              for u in answering]
    if shares:
        status = worst(s.status for s in shares)
    else:   # nobody known answers for it: judged on the deadline alone
        status = OVERDUE if stage_due and stage_due < on and kind != ONGOING_ONLY else MISSING
    ts = TaskStatus(task, status, shares, due=due, expected_progress=progress, previous=previous,
                    other_reports=[r for u, r in filled.items() if u not in answering],
                    original_due=list_due if moved else None, extension=extension if moved else None)
    if due:
        ts.days_left = (due - on).days
        if due < on and status == OVERDUE:
            ts.days_overdue = (on - due).days
    if kind == ONE_OFF and status not in (DONE, OVERDUE) and stage_due:
        ts.nodes_passed = [m for m in d.milestones if m.due < on and m.due < stage_due]
    _disagreements(ts)
    return ts


def _disagreements(ts: TaskStatus) -> None:
    """README 「各单位报的不一致（分歧）」: the units that reported on the task this period (answering, responsible
    and co-operating alike) in different state bands (row 1), or in one band with 完成比例 30 points or more apart
    (row 2), make the task 分歧, said once with who said what; the status stays the answering units' (the table
    above: a co-operating unit's report does not decide it)."""
    reports = [r for r in ts.lead_reports + ts.other_reports if r.state in STATE_BAND or r.percent is not None]
    bands = {STATE_BAND[r.state] for r in reports if r.state in STATE_BAND}
    pcts = [r.percent for r in reports if r.percent is not None]
    # (in whole hundredths of a point, as the lag rule: 0.5 against 0.8 is thirty points)
    if len(bands) < 2 and not (len(pcts) > 1 and round((max(pcts) - min(pcts)) * 10000) >= round(DISAGREE_GAP * 10000)):
        return
    roles = ts.task.unit_roles()
    order = {u: i for i, u in enumerate(roles)}      # the list's order: leads, then responsible, then co-operating
    reports.sort(key=lambda r: order.get(r.unit, len(order)))
    joint = ts.task.lead_implied and len(ts.task.answering_units()) > 1
    named = {"lead": "共同负责" if joint else "牵头", "responsible": "责任", "cooperating": "配合"}
    said: dict[str, list[str]] = {}
    for r in reports:
        said.setdefault(reported_text(r), []).append(f"{r.unit}（{named.get(roles.get(r.unit, ''), '报送')}）")
    ts.disagreements.append("；".join("、".join(units) + text for text, units in said.items()))


def totals(statuses: list[TaskStatus]) -> dict:
    """Counts by status (each task counted once), and the completion rate."""
    out = {s: 0 for s in STATUSES}
    for ts in statuses:
        out[ts.status] += 1
    n = len(statuses)
    out["任务总数"] = n
    out["逾期未报送"] = sum(1 for ts in statuses if ts.status == OVERDUE and ts.not_reported)
    out["完成率"] = round(out[DONE] / n, 4) if n else 0.0
    return out


def totals_from_statuses(by_task: dict[str, str]) -> dict:
    """The same counts from a stored period (task -> status)."""
    out = {s: 0 for s in STATUSES}
    for st in by_task.values():
        if st in out:
            out[st] += 1
    n = len(by_task)
    out["任务总数"] = n
    out["完成率"] = round(out[DONE] / n, 4) if n else 0.0
    return out
