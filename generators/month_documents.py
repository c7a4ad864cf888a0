"""The month's documents, presenting the month object (zhishui.month.Month) and nothing
else: the 催报通知 to the units it chases, one 督办通知 per unit it presses, the 进展通报
with its totals, ranking and task lists.  Nothing here decides a status, a lateness or
who is named: those are the month's facts, so every document agrees with the result
workbook, the JSON and the 督办台账.

The same function serves the command line and the add-in's one-click action.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from zhishui.changes import changes_text, copied_only
from zhishui.fileutil import atomic_path
from zhishui.month import Month, Pressed, state_word
from zhishui.office import PLACEHOLDER, office_gap
from zhishui.status import totals
from zhishui.values import state_as_written

from .contexts import basis_text, chase_message, grouped
from .official import cn_date
from .doc_numbers import DocNumbers
from .render import TemplateRenderer, document_filename, render_many

UNITS_INLINE_MAX = 20     # more units than this: the 通报's unit table goes to an annex
# more overdue + lagging tasks than this: their tables go to annexes and the body counts them by unit (trial 25's
# 220-task 通报 was 29 pages, 18 of them these two tables in the body)
PROBLEMS_INLINE_MAX = 20
KIND_FOLDERS = {"chase": "催报通知", "supervise": "督办通知", "bulletin": "进展通报"}
# only what every office does; anything stronger (考核, 约谈) is the office's to write in 设置
DEFAULT_CONSEQUENCE = "逾期仍未报送的，将在工作进展情况通报中予以通报"
DEFAULT_REQUIREMENTS = [
    "各牵头单位要对照责任清单，逐项梳理逾期和滞后任务，查找原因，制定切实可行的整改措施，确保按期完成。",
    "各责任单位要严格按照时间节点推进工作，按时、如实报送进展情况，不得漏报、迟报。",
    "对连续逾期、整改不力的单位，将按规定督办，并在下期通报中予以通报。",
]
# the reply deadline, the signature and what to do when a task cannot be finished are in the
# template's own paragraph after these: not repeated here
SUPERVISE_REQUIREMENTS = [
    "请对照督办事项，逐项查找原因，明确整改措施、责任人和完成时限，一项一项抓落实。",
    "已经完成的任务，请一并报送佐证材料（文件、照片、验收资料等），申请销号。",
]


def office_name(settings) -> str:
    """发文单位: set explicitly, or 地区 + 汇总单位 (重庆市永川区 + 区生态环境局 -> 重庆市永川区生态环境局)."""
    if settings.office_full:
        return settings.office_full
    office, region = settings.office, settings.region
    if office and region and office[0] in "区县市" and region.endswith(office[0]):
        return region + office[1:]
    return office or region or PLACEHOLDER


def _split(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"[、，,；;\n]", text or "") if x.strip()]


def _common_settings(tl, date: dt.date) -> dict:
    """What every document takes from the 设置 sheet, dated ``date``."""
    st = tl.settings
    return {"office": office_name(st), "date": date, "plan_name": st.plan_name,
            "notice_title": st.notice_title, "notice_number": st.notice_number,
            "contact": st.contact, "phone": st.phone, "email": st.email, "signer": st.signer,
            "cc": _split(st.cc)}


def _common(m: Month) -> dict:
    return {**_common_settings(m.tl, m.report_date), "period": m.period, "lead_word": m.tl.lead_word}


def _workday_extras(m: Month) -> dict:
    st = m.tl.settings
    return {"extra_holidays": st.holidays or [], "extra_workdays": st.workdays or []}


# --- 催报通知 -------------------------------------------------------------------------

def chase_context(m: Month, *, per_unit: str | None = None) -> dict:
    st = m.tl.settings
    expected = m.unit_counts["应报"]
    return {**_common(m), "recipients": [per_unit] if per_unit else [u.unit for u in m.chase],
            "cutoff": m.report_date, "original_deadline": m.due,
            "missing": [{"name": u.unit, "tasks": u.tasks, "contact": u.contact, "phone": u.phone,
                         "empty": u.state == "空表", "unreadable": u.state == "无法读取", "unreadable_why": u.unreadable,
                         "other_period": u.other_period, "refused_upload": u.refused_upload,
                         "sent_other": u.sent_other,
                         "silent_before": u.silent_before, "silent_months": u.silent_months} for u in m.chase],
            "expected_count": expected, "reported_count": m.reported_count, "late_count": m.unit_counts["逾期报送"],
            "office_left_out": m.office_unit if m.office_not_reported else "",
            "report_rate": m.reported_count / expected if expected else 0.0, "new_deadline": m.chase_due,
            "channel": st.channel or (f"电子邮箱（{st.email}）" if st.email else ""),
            "consequence": st.consequence or DEFAULT_CONSEQUENCE, "per_unit": bool(per_unit), "unit": per_unit}


# --- 督办通知 -------------------------------------------------------------------------

def _own_report_text(p: Pressed) -> str:
    r = p.share.report
    if r is None:
        return p.share.silent
    bits = [state_as_written(r.state, r.state_raw)]
    if r.percent is not None:
        bits.append(f"完成{r.percent:.0%}")
    text = "已报送：" + "，".join(bits)
    # the unit's own words whole (a cut at 60 characters lost the end of a long 进展), and its own 下步打算: the
    # letter asks it for a written reply on its measures, to be read against what it said it would do next
    for label, said in (("", r.progress), ("下步打算：", r.next_steps)):
        said = (said or "").strip().rstrip("。")
        if said:
            text += f"。{label}{said}"
    return text


def _matter(m: Month, items: list[Pressed]) -> str:
    """What the 督办通知's title names: the plan's task by its number (its text, cut to fit a
    title, reads badly), or the plan's overdue/lagging tasks."""
    name = (m.tl.settings.plan_name or "").strip()
    plan = re.sub(r"(工作)?(实施|行动)?方案$", "", name)
    # the name without its 方案 when what is left names a work (河道整治第1项); else whole: 「卫星湖流域水污染第8项任务」
    # read as a task of the pollution (trial 28), 「…目标任务分解第5项」 as a task of the 分解 (trial 20)
    if not re.search(r"(?:整改|整治|治理|防治|攻坚|行动|建设|提升|保护|改造|修复|管理|推进|计划|工程)$", plan):
        plan = name
    if len(items) == 1:
        t = items[0].ts.task
        return f"{plan}第{t.seq}项" if t.seq else f"{plan}{t.label}"
    kinds = {p.ts.status for p in items}
    which = "逾期" if kinds == {"逾期"} else "滞后" if kinds == {"进度滞后"} else "逾期和滞后"
    return f"{plan}{which}"


def _role_text(items: list[Pressed]) -> str:
    roles = {p.role for p in items}
    return "牵头" if roles == {"牵头"} else "共同负责" if roles == {"共同负责"} else "牵头或共同负责"


def supervise_contexts(m: Month) -> list[dict]:
    """One context per unit the month presses (Month.pressed), listing its own shares."""
    st = m.tl.settings
    extras = _workday_extras(m)
    out = []
    for unit, items in m.pressed.items():
        tasks = [{"seq": p.ts.task.seq or p.ts.task.label, "content": p.ts.task.full_content,
                  "deadline_raw": p.ts.deadline_text, "due": p.ts.due,
                  "days_overdue": p.ts.days_overdue if p.share.status == "逾期" else None,
                  # (a unit whose upload was refused, or who sent another period's sheet, did send something)
                  "reason": p.reason,
                  "reported": _own_report_text(p), "role": p.role,
                  "status": p.share.status_text} for p in items]
        out.append({**_common(m), "recipients": [unit], "matter": _matter(m, items), "unit": unit, "tasks": tasks, "role_text": _role_text(items),
                    "reply_workdays": st.reply_workdays, "reply_deadline": m.reply_due,    # counted once, in Month
                    "requirements": SUPERVISE_REQUIREMENTS,
                    "report_date": m.report_date, **extras})
    return out


# --- 进展通报 ------------------------------------------------------------------------

STATUS_KEYS = {"已完成": "completed", "序时推进": "on_schedule", "进度滞后": "lagging", "临期": "due_soon",
               "逾期": "overdue", "长期坚持": "ongoing", "未报送": "not_reported"}


def _counts(t: dict) -> dict:
    """Month totals (status -> n) under the template's English keys."""
    c = {v: t.get(k, 0) for k, v in STATUS_KEYS.items()}
    c["total"] = t["任务总数"]
    c["completion_rate"] = t["完成率"]
    return c


def _problem(ts) -> dict:
    return {"seq": ts.task.seq or ts.task.label, "content": ts.task.full_content,
            "lead": ts.task.answering_text + _behind_of(ts), "deadline_raw": ts.deadline_text, "due": ts.due,
            "days_overdue": ts.days_overdue, "reason": ts.reason}


def _behind_of(ts) -> str:
    """（其中白沙乡逾期）: which of a task's answering units are behind, where not all of them are (trial 23: the 通报's
    逾期 table printed 「各乡镇」 for a task only 白沙乡 was late on, its two other towns having reported it done)."""
    behind = ts.pressed_shares
    if not behind or len(ts.shares) == 1:
        return ""       # (one unit: the row's reason says what it did — not 「县财政局（其中县财政局未报送）」, trial 32)
    # (each by what it did: a unit that sent nothing on a lagging task did not lag — trial 29's 通报 printed 「鹤溪街道、
    # 红星街道（共同负责）」 in the 滞后 table, only 红星街道 having reported 进度滞后)
    by = grouped(("未报送" if s.report is None else ts.status, s.unit) for s in behind)
    if len(behind) == len(ts.shares) and [st for st, _ in by] == [ts.status]:
        return ""
    return "（其中" + "，".join(f"{'、'.join(us[:3])}{'等' if len(us) > 3 else ''}{st}" for st, us in by) + "）"


def _behind_for(m: Month, status: str, reported: bool | None = None) -> list[str]:
    """The units the 通报 names for its overdue (or lagging) tasks: those whose own share is behind, the 汇总单位
    among them (it is not sent a 督办通知, but its own tasks are reported like any other: a new-user trial).
    ``reported``: only those that reported the task (True) or sent nothing on it (False)."""
    return [u for u, items in m.behind.items()
            if any(p.ts.status == status and (reported is None or (p.share.report is not None) == reported)
                   for p in items)]


def _behind_units(m: Month) -> list[dict]:
    """The 通报's count by unit when the task tables are annexed: each unit behind (Month.behind: the units sent a
    督办, and the 汇总单位) with its overdue and lagging tasks; most overdue first, then most lagging."""
    rows = []
    for unit, items in m.behind.items():
        tasks = list({id(p.ts): p.ts for p in items}.values())
        seqs = {st: [ts.task.seq or ts.task.label for ts in tasks if ts.status == st] for st in ("逾期", "进度滞后")}
        if any(seqs.values()):
            rows.append({"unit": unit, "overdue": len(seqs["逾期"]), "lagging": len(seqs["进度滞后"]),
                         "overdue_seqs": _seq_list(seqs["逾期"]), "lagging_seqs": _seq_list(seqs["进度滞后"])})
    rows.sort(key=lambda r: (-r["overdue"], -r["lagging"]))
    return rows


def _seq_list(seqs) -> str:
    """4、20、113: the list's 序号 in order (numbers as numbers, labels after)."""
    def key(x):
        return (0, float(x), "") if re.fullmatch(r"\d+(\.\d+)?", str(x)) else (1, 0.0, str(x))
    return "、".join(str(x) for x in sorted(seqs, key=key))


def _regression(ts, flags) -> dict:
    """One task flagged against last period (Month.regressions); a task many units answer for jointly names three
    of them and how many (the trial-21 通报 listed sixteen names in each of 35 rows)."""
    units = [s.unit for s in ts.shares]
    lead = "、".join(units) if len(units) <= JOINT_NAMED else f"{'、'.join(units[:3])}等{len(units)}个单位"
    return {"seq": ts.task.seq or ts.task.label, "content": ts.task.full_content,
            "lead": lead + ("（共同负责）" if ts.task.lead_implied and len(units) > 1 else ""),
            "previous": ts.previous or "", "status": ts.status_text, "changes": changes_text(flags)}


JOINT_NAMED = 5


def _copied_only(m: Month) -> dict:
    """Tasks whose only flag is progress copied word for word from last month, by unit: the 通报 says them in one
    sentence (a leader reads what went backwards; the 汇总's 与上期比较 column lists every one)."""
    by_unit: dict[str, int] = {}
    tasks = 0
    for _ts, flags in m.regressions:
        if copied_only(flags):
            tasks += 1
            for u in dict.fromkeys(c.unit for c in flags):
                by_unit[u] = by_unit.get(u, 0) + 1
    return {"tasks": tasks, "by_unit": sorted(by_unit.items(), key=lambda x: -x[1])}


def bulletin_context(m: Month, charts_dir) -> dict:
    st = m.tl.settings
    cats: dict[str, list] = {}
    for ts in m.statuses:
        cats.setdefault(ts.task.category or "（未分类）", []).append(ts)
    by_category = [{"category": c, **_counts(totals(v))} for c, v in cats.items()]
    by_unit = [{"rank": s.rank, "unit": s.unit, "tasks": s.tasks, "score": f"{s.score:g}",
                "completed": s.counts.get("已完成", 0), "overdue": s.counts.get("逾期", 0),
                "lagging": s.counts.get("进度滞后", 0), "due_soon": s.counts.get("临期", 0),
                "on_track": sum(s.counts.get(k, 0) for k in ("序时推进", "临期", "长期坚持")),
                "not_reported": s.counts.get("未报送", 0),
                "completion_rate": s.counts.get("已完成", 0) / s.tasks if s.tasks else None,
                "reported": state_word(s.state)} for s in m.ranking.scores]
    due_next = [{"seq": ts.task.seq or ts.task.label, "content": ts.task.full_content,
                 "lead": ts.task.answering_text, "due": m.due_date_in(ts, m.next_month),
                 "deadline_raw": ts.deadline_text + "".join(f"（{n.due.month}月到期的是「{n.text}」）"
                                                            for n in m.node_in(ts, m.next_month))}
                for ts in m.due_next_month]
    previous = None
    if m.previous:
        previous = {**_counts(m.previous),
                    "period": dt.date(int(m.previous_period[:4]), int(m.previous_period[5:7]), 1)}
    from . import charts   # matplotlib only when a 通报 is made (0.3 s of import)
    charts_dir = Path(charts_dir)
    charts_dir.mkdir(parents=True, exist_ok=True)
    chart_files = {"status_by_category": charts.status_by_category(by_category, charts_dir / "分类推进情况.png"),
                   "units_ranked": charts.units_ranked(by_unit, charts_dir / "单位得分.png",
                                                       out_of_100=m.scheme.is_default)}
    rk = m.ranking
    annexed = len(by_unit) > UNITS_INLINE_MAX
    overdue, lagging = [_problem(ts) for ts in m.tasks_with("逾期")], [_problem(ts) for ts in m.tasks_with("进度滞后")]
    problems_annexed = len(overdue) + len(lagging) > PROBLEMS_INLINE_MAX
    behind = _behind_units(m) if problems_annexed else []
    lagging_units = _behind_for(m, "进度滞后", reported=True)
    ranked, roles = {s.unit for s in rk.scores}, m.tl.units()
    unranked = [u.unit for u in m.units if u.unit not in ranked]
    year = _year_parts(m)
    return {**_common(m), "recipients": _split(st.bulletin_recipients) or ["各有关单位"], "report_date": m.report_date,
            "totals": _counts(m.totals), "previous": previous, "by_category": by_category, "by_unit": by_unit,
            "units_annexed": annexed, "problems_annexed": problems_annexed,
            # (more units behind than the body's unit table holds: their counts are in the annexed 各单位推进情况表)
            "behind_units": behind if problems_annexed and len(behind) <= UNITS_INLINE_MAX else [],
            "attachments": (["各单位推进情况表"] if annexed else [])
            + (["逾期未完成任务清单"] if problems_annexed and overdue else [])
            + (["进度滞后任务清单"] if problems_annexed and lagging else []),
            "units_chart_partial": charts.ranked_selection(by_unit)[1],
            # units sent a sheet with no task of their own to answer: not ranked, said (a new user read 「参加排名的2个
            # 单位」 beside 9 units issued sheets)
            "unranked_units": unranked,
            # (责任单位 under a 牵头单位 are not ranked either: trial 25's 60 镇街 were called 「只做配合的」)
            "unranked_co_only": all(set(roles.get(u, {}).values()) <= {"cooperating"} for u in unranked),
            "named_top": rk.top, "named_bottom": rk.bottom, "top_count": rk.top_count,
            "bottom_count": rk.bottom_count, "scores_equal": rk.all_equal,
            "late_units": [u.unit for u in m.units if u.state == "逾期报送"],
            "missing_units": m.missing_units,
            "silent_units": {u.unit: u.silent_months for u in m.not_reported if u.silent_before},
            "unreadable_units": [u.unit for u in m.not_reported if u.state == "无法读取"],
            "empty_units": [u.unit for u in m.not_reported if u.state == "空表"],
            "old_sheet_units": {u.unit: u.other_period for u in m.not_reported if u.other_period},
            "other_unit_sheets": {u.unit: u.sent_other for u in m.not_reported if u.sent_other},
            # (a unit that sent nothing on a lagging task did not lag: named apart — trial 29/30)
            "overdue_units": _behind_for(m, "逾期"), "lagging_units": lagging_units,
            "lagging_silent": [u for u in _behind_for(m, "进度滞后", reported=False) if u not in lagging_units],
            "unasked": m.unasked_rows,
            "disagreeing": [ts.task.seq or ts.task.label for ts in m.statuses if ts.disagreements],
            "overdue_tasks": overdue, "lagging_tasks": lagging,
            "next_month": m.next_month, "due_next_month": due_next,
            "nodes_passed": [_node_row(ts) for ts in m.nodes_passed],
            "requirements": [r.replace("各牵头单位", "各" + m.tl.lead_word) for r in DEFAULT_REQUIREMENTS],
            "charts": chart_files,
            "regressions": [_regression(ts, flags) for ts, flags in m.regressions if not copied_only(flags)],
            "copied_only": _copied_only(m), **year}


def _node_row(ts) -> dict:
    """A task past an intermediate node and not done: the node's words and what its units reported."""
    said = "；".join(f"{s.unit}{'报「' + s.report.state + '」' if s.report is not None and s.report.state else '未报送'}"
                    for s in ts.shares)
    return {"seq": ts.task.seq or ts.task.label, "content": ts.task.full_content, "lead": ts.task.answering_text,
            "nodes": ts.nodes_text, "reported": said}


def _num(x) -> str:
    """A figure as printed: at most two decimals (94.9008 -> 94.9)."""
    return f"{round(x, 2):g}" if isinstance(x, (int, float)) else ""


def period_text(key: str) -> str:
    """2021-02 -> 2021年2月 (a 报送期 as the history keeps it)."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", key or "")
    return f"{m.group(1)}年{int(m.group(2))}月" if m else (key or "")


def closeout_note(d) -> str:
    """批准情况 of a 销号 as an official document words it: Chinese dates, the period as 2021年2月,
    the 办理人 only when the clerk named one (decisions.Decision.named_by), never a login name."""
    when = cn_date(d.when) if d.when else ""
    done = "批准销号" if d.approved else "退回销号"
    text = f"{period_text(d.period)}报送的完成情况" + (f"于{when}" if when else "") + f"经审核{done}"
    if d.named_by:
        text += f"（办理人：{d.named_by}）"
    return text + (f"，理由：{d.reason}" if d.reason and not d.approved else "")


def _unique_seqs(tasks) -> list:
    """序号 of these tasks, each once, in the order given."""
    out = []
    for t in tasks:
        if (t.seq or t.label) not in out:
            out.append(t.seq or t.label)
    return out


def _year_parts(m: Month) -> dict:
    """The year's parts of the 通报: close-outs, extensions, measured targets, the 晾晒 of scores and
    the list's revision (all from the month object)."""
    def task_row(task, **more):
        return {"seq": task.seq or task.label, "content": task.full_content, "lead": task.answering_text, **more}
    closed = m.recalled.closed if m.recalled else {}
    closed_now = [task_row(ts.task, note=closeout_note(closed[ts.task.key])) for ts in m.closed_now]
    targets = []
    for ts in m.measured:
        ms, unit = ts.measured, ts.measured.target.unit
        targets.append({"seq": ts.task.seq or ts.task.label, "indicator": ms.target.indicator,
                        "target": ms.target.label, "value": f"{_num(ms.value)}{unit}" if ms.value is not None else "未报",
                        "path": f"{_num(ms.path)}{unit}" if ms.path is not None else "—", "verdict": ms.verdict,
                        "gap": ms.gap_text, "met": ms.met, "source": ms.target.source})
    ext = []
    for r in m.requests:
        # only the decisions that are news this period (README 「延期申请带到以后各期」 rule 4): one decided before
        # the last period's report was said then (rule 3) and is not among m.requests; an agreed date in force
        # shows in the 时限 columns (「已延期至…」), not here again as if newly granted (the trial-15 通报 said
        # 「经审核同意延期1项」 of an August decision in October and November)
        if r.state in ("已同意", "不同意"):
            # the date agreed may differ from the one asked (extend --to)
            agreed = (r.decision.new_due if r.decision is not None and r.decision.new_due else r.asked)
            # (a unit renamed since it asked is named as it is now: the session-17 trial)
            ext.append(task_row(r.task, unit=m.tl.directory.current(r.unit), original=r.due,
                                adjusted=agreed if r.state == "已同意" else None, decision=r.state, reason=r.reason))
    sun = [{"rank": s.rank, "unit": s.unit, "score": f"{s.score:g}", "ytd": f"{s.ytd:g}", "ytd_rank": s.ytd_rank,
            "months": s.months, "change": s.rank_change or "—"} for s in m.ranking.scores]
    sun.sort(key=lambda r: (r["ytd_rank"], r["rank"], r["unit"]))
    changes: dict[str, int] = {}
    for c in m.list_changes:
        changes[c.kind] = changes.get(c.kind, 0) + 1
    return {"closed_now": closed_now, "closed_total": len(m.closeouts("已销号")),
            "closeout_pending": [ts.task.seq or ts.task.label for ts in m.closeouts("待销号")],
            "closeout_returned": [ts.task.seq or ts.task.label for ts in m.returned_now],
            "closeout_no_evidence": [ts.task.seq or ts.task.label for ts in m.closeouts("缺佐证")],
            "extensions": ext, "extension_pending": len(m.pending_requests),
            "extension_pending_tasks": _unique_seqs(r.task for r in m.pending_requests),
            "targets": targets, "sunning": sun, "scheme_default": m.scheme.is_default,
            "scheme": [{"item": item, "value": f"{value:g}"} for item, value, _ in m.scheme.rows()],
            "list_changes": changes}


# --- all of them ----------------------------------------------------------------------

@dataclass
class MadeDocuments:
    files: dict = field(default_factory=dict)     # kind -> [paths]
    messages: Path | None = None
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for kind, paths in self.files.items():
            out.append(f"{KIND_FOLDERS[kind]} {len(paths)} 份" + (f"：{paths[0].parent}" if paths else ""))
        if self.messages:
            out.append(f"催报消息（可复制到工作群）：{self.messages}")
        out.extend(self.notes)
        return out

    def listing(self) -> list[str]:
        """What the command line prints: each kind with its files right under it, then the 催报消息 and the notes
        (the trial-15 run printed the file names after 「所有单位都已报送，不需要催报」, as if they were its)."""
        out = []
        for kind, paths in self.files.items():
            out.append(f"{KIND_FOLDERS[kind]} {len(paths)} 份" + (f"：{paths[0].parent}" if paths else ""))
            out.extend(f"  {Path(p).name}" for p in paths)
        if self.messages:
            out.append(f"催报消息（可复制到工作群）：{self.messages}")
        out.extend(self.notes)
        return out


def make_documents(m: Month, out_dir, kinds=("chase", "supervise", "bulletin"), progress=None,
                   links: dict[str, str] | None = None) -> MadeDocuments:
    """``progress(done, total)``, if given, is told of each document written; ``links``: unit -> its
    own upload page (zhishui serve), added to its 催报消息."""
    numbers = DocNumbers(m)
    out_dir = Path(out_dir)
    existed = out_dir.exists()
    marker = _unfinished_marker(m, out_dir)
    try:
        made = _make(m, out_dir, kinds, numbers, progress, links or {})
    finally:
        numbers.close()
    # (reached only when every document was written: a killed or failed run leaves the marker, so a folder holding
    # part of a set says so — trial 31's killed nightly run left three of five documents without a word)
    marker.unlink(missing_ok=True)
    if not existed and not any(out_dir.iterdir()):
        out_dir.rmdir()      # nothing to write (no one to chase or press): no empty folder left behind
    made.notes.extend(numbers.notes)
    gap = office_gap(m.tl.settings, m.tl.no_settings_sheet)
    if gap and made.files:
        made.notes.insert(0, f"注意：{gap[0]}。{gap[1]}，然后重新生成文书")
    basis = basis_gap(m.tl.settings, m.tl.no_settings_sheet)
    if basis and made.files:
        made.notes.append(basis)
    later = m.decided_after_report
    if later and made.files:
        last = max(d.when for d in later)
        made.notes.append(f"注意：文书写进了报告日期（{cn_date(m.report_date)}）以后的{len(later)}项办理（最晚{cn_date(last)}），"
                          "文书的成文日期仍是报告日期；要按办理后的日期发文，请改报告日期后重新生成")
    return made


UNFINISHED = "文书没有生成完（请重新生成）.txt"


def _unfinished_marker(m: Month, out_dir: Path) -> Path:
    """Written before the first document and removed after the last (make_documents): a folder a run left half made
    says so where the clerk looks, in the folder itself."""
    marker = out_dir / UNFINISHED
    with atomic_path(marker) as tmp:
        tmp.write_text(f"这个文件夹里的{m.period.year}年{m.period.month}月文书（报告日期{cn_date(m.report_date)}）"
                       "生成时被中断（程序被关闭或出错），文书可能不全，有的可能还是上一次生成的。\r\n"
                       "请按原来的报送期和报告日期重新生成文书；生成完成后这个文件会自动删除。\r\n", encoding="utf-8-sig")
    return marker


def basis_gap(st, no_sheet: bool = False) -> str:
    """What the letters' opening sentence (根据《文件标题》（文号）要求) lacks, said once; "" when 设置 has both.
    ``no_sheet``: a CSV list, whose 设置 comes with --settings."""
    missing = [k for k, v in (("文件标题", st.notice_title), ("文号", st.notice_number)) if not (v or "").strip()]
    if not missing:
        return ""
    basis = basis_text(st.notice_title or "", st.notice_number or "", st.plan_name or "")
    how = f"正文开头的依据写作「{basis}」" if basis else "正文开头不引用依据文件"
    where = "请在设置工作簿中填写，运行时加 --settings 设置.xlsx，再重新生成文书" if no_sheet \
        else "请在「设置」工作表填写后重新生成文书"
    return f"注意：设置中没有填写「{'」「'.join(missing)}」，{how}；{where}"


def reachable(url: str) -> bool:
    """A link another office's computer can open: not this machine's own address (127.0.0.1, localhost)."""
    host = (urlsplit(url).hostname or "").lower()
    return not (host in ("localhost", "::1") or host.startswith("127."))


def _web_channel(st, links: dict, whose: str) -> dict:
    """A period the units report through their own web links (``links``): the 催报 names that way, not only the
    e-mail (the browser trial of session 15); a 报送方式 the clerk wrote in 设置 stays as written.  ``whose``: the
    unit's own link, 「各单位」 (a notice to all: the links are on the issued sheets) or 「本单位」 (a chat message,
    the link follows it)."""
    if not links or st.channel or not any(reachable(u) for u in links.values()):
        return {}       # (links to this machine's own address, 127.0.0.1: no unit can open them)
    way = (f"本单位专用报送网页（{whose}）" if whose.startswith("http") else
           "各单位的专用报送网页（链接在下发的报送表第3行）" if whose == "各单位" else "本单位专用报送网页")
    return {"channel": way + (f"或电子邮箱（{st.email}）" if st.email else "")}


def _make(m: Month, out_dir: Path, kinds, numbers: DocNumbers, progress, links: dict) -> MadeDocuments:
    made = MadeDocuments()
    st = m.tl.settings
    chase = supervise = None
    if "chase" in kinds and m.chase:
        if st.chase_mode == "逐个":
            chase = [{**chase_context(m, per_unit=u.unit), **numbers.fields("chase", u.unit),
                      **_web_channel(st, links, links.get(u.unit, ""))} for u in m.chase]
        else:
            chase = [{**chase_context(m), **numbers.fields("chase", "（合并）"), **_web_channel(st, links, "各单位")}]
    if "supervise" in kinds:
        supervise = [{**c, **numbers.fields("supervise", c["unit"])} for c in supervise_contexts(m)]
    total = len(chase or []) + len(supervise or []) + ("bulletin" in kinds)
    done = 0

    def tick():
        nonlocal done
        done += 1
        if progress:
            progress(done, total)
    if "chase" in kinds:
        folder = out_dir / KIND_FOLDERS["chase"]
        if not chase:
            made.files["chase"] = []
            made.notes.append(f"只有汇总单位「{m.office_unit}」自己未报送，不给自己发催报" if m.office_not_reported
                              else "所有单位都已报送，不需要催报")
        else:
            r = TemplateRenderer("chase")
            made.files["chase"] = []
            for c in chase:
                made.files["chase"].append(r.render(c, folder / document_filename("chase", c)))
                tick()
            base = {**chase_context(m), **_web_channel(st, links, "本单位")}
            # a link to this machine's own address (127.0.0.1) is one no unit can open: left out, and said
            own = {u: url for u, url in links.items() if reachable(url)}
            text = "\n\n".join(chase_message(base, {"name": u.unit, "tasks": u.tasks})
                                 + (f"\n本单位专用报送网页：{own[u.unit]}" if u.unit in own else "")
                                 for u in m.chase)
            if any(u.unit in links and u.unit not in own for u in m.chase):
                made.notes.append("催报消息里没有写各单位的报送链接：链接的地址是本机自己的（"
                                  f"{urlsplit(next(iter(links.values()))).netloc}），别的单位打不开；"
                                  "要让各单位网上报送，请按「报送链接」页的说明重新启动督办台，再生成文书")
            made.messages = folder / "催报消息.txt"
            with atomic_path(made.messages) as tmp:
                tmp.write_text(text + "\n", encoding="utf-8")
    if "supervise" in kinds:
        made.files["supervise"] = render_many("supervise", supervise, out_dir / KIND_FOLDERS["supervise"], each=tick)
        if not supervise:
            own = m.office_pressed
            # (the session-17 trial: 「没有逾期或滞后的任务」 beside a 通报 listing the 汇总单位's own lagging task)
            made.notes.append(f"逾期或滞后的 {len(own)} 项任务（序号{'、'.join(ts.task.label for ts in own)}）都是汇总单位"
                              f"「{m.office_unit}」自己的：写进通报，不给自己发督办通知" if own
                              else "没有逾期或滞后的任务，不需要督办")
    if "bulletin" in kinds:
        folder = out_dir / KIND_FOLDERS["bulletin"]
        c = {**bulletin_context(m, folder / "图表"), **numbers.fields("bulletin", "通报")}
        made.files["bulletin"] = [TemplateRenderer("bulletin").render(c, folder / document_filename("bulletin", c))]
        tick()
    return made

