"""The month's documents from the consolidated state: 催报通知 to units that did not
report, one 督办通知 per lead unit with overdue or lagging tasks, and the 进展通报.

Builds the contexts (see contexts.py for the contract) from a MonthResult and
the settings, and renders them: the same function serves the command line and
the add-in's one-click action.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from zhishui.fileutil import atomic_path
from zhishui.month import MonthResult
from zhishui.status import TaskStatus
from zhishui.workdays import add_workdays

from . import charts
from .contexts import chase_message
from .render import TemplateRenderer, document_filename, render_many

KIND_FOLDERS = {"chase": "催报通知", "supervise": "督办通知", "bulletin": "进展通报"}
DEFAULT_CONSEQUENCE = "逾期仍未报送的，将在全区通报，并纳入年度目标考核"
DEFAULT_REQUIREMENTS = [
    "各牵头单位要对照责任清单，逐项梳理逾期和滞后任务，查找原因，制定切实可行的整改措施，确保按期完成。",
    "各责任单位要严格按照时间节点推进工作，按时、如实报送进展情况，不得漏报、迟报。",
    "对连续逾期、整改不力的单位，将按规定约谈督办，并纳入年度目标考核。",
]
SUPERVISE_REQUIREMENTS = [
    "请对照督办事项，逐项查找原因，明确整改措施、责任人和完成时限。",
    "请在反馈期限前书面报告办理情况（一事一文），经单位主要负责人签字并加盖公章。",
    "确有困难不能按期完成的，请说明原因并提出新的完成时限。",
]


def office_name(settings) -> str:
    """发文单位: set explicitly, or 地区 + 汇总单位 (重庆市永川区 + 区生态环境局 -> 重庆市永川区生态环境局)."""
    if settings.office_full:
        return settings.office_full
    office, region = settings.office, settings.region
    if office and region and office[0] in "区县市" and region.endswith(office[0]):
        return region + office[1:]
    return office or region or "（请在设置中填写汇总单位）"


def _split(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"[、，,；;\n]", text or "") if x.strip()]


def _number(prefix: str, year: int, n: int, fallback: str) -> str:
    return f"{prefix or fallback}〔{year}〕{n}号"


def _common(res: MonthResult) -> dict:
    st = res.tl.settings
    return {"office": office_name(st), "date": res.report_date, "plan_name": st.plan_name,
            "notice_title": st.notice_title, "notice_number": st.notice_number, "period": res.period,
            "contact": st.contact, "phone": st.phone, "email": st.email, "signer": st.signer,
            "cc": _split(st.cc)}


def _workday_extras(res: MonthResult) -> dict:
    st = res.tl.settings
    return {"extra_holidays": st.holidays or [], "extra_workdays": st.workdays or []}


# --- 催报通知 -------------------------------------------------------------------------

def chase_context(res: MonthResult, *, per_unit: str | None = None) -> dict:
    st = res.tl.settings
    missing = [u for u in res.units if u.state in ("未报送", "空表")]
    extras = _workday_extras(res)
    new_deadline = add_workdays(res.report_date, st.chase_workdays, extras["extra_holidays"], extras["extra_workdays"])
    reported = len(res.units) - len(missing)
    ctx = {**_common(res), "doc_number": _number(st.chase_prefix, res.report_date.year, st.chase_next, "催报"),
           "recipients": [per_unit] if per_unit else [u.unit for u in missing],
           "cutoff": dt.datetime.combine(res.report_date, dt.time(17, 0)), "original_deadline": res.due,
           "missing": [{"name": u.unit, "tasks": u.tasks, "contact": u.contact, "phone": u.phone} for u in missing],
           "expected_count": len(res.units), "reported_count": reported,
           "report_rate": reported / len(res.units) if res.units else 0.0, "new_deadline": new_deadline,
           "channel": st.channel or (f"电子邮箱（{st.email}）" if st.email else ""),
           "consequence": st.consequence or DEFAULT_CONSEQUENCE, "per_unit": bool(per_unit), "unit": per_unit}
    return ctx


# --- 督办通知 -------------------------------------------------------------------------

def needs_supervision(ts: TaskStatus) -> bool:
    return ts.status == "逾期" or ts.lagging or (ts.status == "未报送" and bool(ts.days_overdue))


def _own_report_text(ts: TaskStatus, unit: str) -> str:
    r = next((x for x in ts.lead_reports if x.unit == unit), None)
    if r is None:
        return "未报送"
    bits = [r.state or r.state_raw or "未填状态"]
    if r.percent is not None:
        bits.append(f"完成{r.percent:.0%}")
    text = "已报送：" + "，".join(bits)
    if r.progress:
        text += f"。{r.progress[:60]}"
    return text


def supervise_contexts(res: MonthResult) -> list[dict]:
    """One context per lead unit that has overdue or lagging tasks (joint leads each answer for their own)."""
    st = res.tl.settings
    per_unit: dict[str, list[dict]] = {}
    for ts in res.statuses:
        if not needs_supervision(ts):
            continue
        t = ts.task
        for unit in t.lead_units():
            own = next((x for x in ts.lead_reports if x.unit == unit), None)
            if own is not None and own.state == "已完成":
                continue   # this unit has done its share of a joint task
            mine = [r for r in ts.reasons if r.startswith(unit)]
            if own is None:
                mine.insert(0, "本期未报送")
            per_unit.setdefault(unit, []).append({
                "seq": t.seq or t.label, "content": t.full_content, "deadline_raw": t.deadline_text,
                "due": ts.due, "days_overdue": ts.days_overdue, "reason": "；".join(mine),
                "reported": _own_report_text(ts, unit)})
    order = {u.unit: i for i, u in enumerate(res.units)}
    extras = _workday_extras(res)
    out = []
    for n, unit in enumerate(sorted(per_unit, key=lambda u: (order.get(u, 10 ** 6), u))):
        out.append({**_common(res), "doc_number": _number(st.supervise_prefix, res.report_date.year,
                                                           st.supervise_next + n, "督办"),
                    "recipients": [unit], "unit": unit, "tasks": per_unit[unit],
                    "reply_workdays": st.reply_workdays, "requirements": SUPERVISE_REQUIREMENTS,
                    "report_date": res.report_date, **extras})
    return out


# --- 进展通报 ------------------------------------------------------------------------

STATUS_KEYS = {"已完成": "completed", "序时推进": "on_schedule", "临期": "due_soon", "逾期": "overdue",
               "长期坚持": "ongoing", "未报送": "not_reported"}


def _counts(statuses) -> dict:
    c = {k: 0 for k in STATUS_KEYS.values()}
    for ts in statuses:
        c[STATUS_KEYS[ts.status]] += 1
    c["total"] = len(statuses)
    c["completion_rate"] = c["completed"] / len(statuses) if statuses else 0.0
    return c


def bulletin_context(res: MonthResult, charts_dir) -> dict:
    st = res.tl.settings
    cats: dict[str, list] = {}
    for ts in res.statuses:
        cats.setdefault(ts.task.category or "（未分类）", []).append(ts)
    by_category = [{"category": c, **_counts(v)} for c, v in cats.items()]
    unit_state = {u.unit: u.state for u in res.units}
    lead_of: dict[str, list] = {}
    for ts in res.statuses:
        for u in ts.task.lead_units():
            lead_of.setdefault(u, []).append(ts)
    by_unit = []
    for unit, sts in lead_of.items():
        c = _counts(sts)
        by_unit.append({"unit": unit, "tasks": c["total"], "completed": c["completed"], "overdue": c["overdue"],
                        "due_soon": c["due_soon"], "not_reported": c["not_reported"],
                        "completion_rate": c["completion_rate"],
                        "reported": {"已报送": "按时报送", "逾期报送": "逾期报送"}.get(unit_state.get(unit, ""), "未报送")})
    by_unit.sort(key=lambda r: (-r["completion_rate"], r["overdue"], r["not_reported"], r["unit"]))
    for i, r in enumerate(by_unit, 1):
        r["rank"] = i

    def problem(ts):
        return {"seq": ts.task.seq or ts.task.label, "content": ts.task.full_content,
                "lead": "、".join(ts.task.lead_units()), "deadline_raw": ts.task.deadline_text, "due": ts.due,
                "days_overdue": ts.days_overdue, "reason": ts.reason}
    next_month = (res.report_date.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    due_next = [{"seq": ts.task.seq or ts.task.label, "content": ts.task.full_content,
                 "lead": "、".join(ts.task.lead_units()), "due": ts.due, "deadline_raw": ts.task.deadline_text}
                for ts in res.statuses if ts.due and (ts.due.year, ts.due.month) == (next_month.year, next_month.month)
                and ts.status != "已完成"]
    previous = None
    if res.previous:
        p = res.previous
        previous = {"total": p.get("任务总数", 0), **{STATUS_KEYS[k]: p.get(k, 0) for k in STATUS_KEYS},
                    "completion_rate": p.get("完成率", 0.0),
                    "period": dt.date(int(res.previous_period[:4]), int(res.previous_period[5:7]), 1)}
    charts_dir = Path(charts_dir)
    charts_dir.mkdir(parents=True, exist_ok=True)
    chart_files = {"status_by_category": charts.status_by_category(by_category, charts_dir / "分类推进情况.png"),
                   "units_ranked": charts.units_ranked(by_unit, charts_dir / "单位完成率排名.png")}
    return {**_common(res), "doc_number": _number(st.bulletin_prefix, res.report_date.year, st.bulletin_next, "通报"),
            "recipients": _split(st.bulletin_recipients) or ["各有关单位"], "report_date": res.report_date,
            "totals": _counts(res.statuses), "previous": previous, "by_category": by_category, "by_unit": by_unit,
            "overdue_tasks": [problem(ts) for ts in res.statuses if ts.status == "逾期"],
            "lagging_tasks": [problem(ts) for ts in res.statuses if ts.lagging and ts.status != "逾期"],
            "due_next_month": due_next, "requirements": DEFAULT_REQUIREMENTS, "charts": chart_files}


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


def make_documents(res: MonthResult, out_dir, kinds=("chase", "supervise", "bulletin")) -> MadeDocuments:
    out_dir = Path(out_dir)
    made = MadeDocuments()
    st = res.tl.settings
    if "chase" in kinds:
        folder = out_dir / KIND_FOLDERS["chase"]
        missing = [u for u in res.units if u.state in ("未报送", "空表")]
        if not missing:
            made.files["chase"] = []
            made.notes.append("所有单位都已报送，不需要催报")
        else:
            r = TemplateRenderer("chase")
            if st.chase_mode == "逐个":
                contexts = [chase_context(res, per_unit=u.unit) for u in missing]
                for i, c in enumerate(contexts):
                    c["doc_number"] = _number(st.chase_prefix, res.report_date.year, st.chase_next + i, "催报")
            else:
                contexts = [chase_context(res)]
            made.files["chase"] = [r.render(c, folder / document_filename("chase", c)) for c in contexts]
            base = chase_context(res)
            text = "\n\n".join(chase_message(base, {"name": u.unit, "tasks": u.tasks}) for u in missing)
            made.messages = folder / "催报消息.txt"
            with atomic_path(made.messages) as tmp:
                tmp.write_text(text + "\n", encoding="utf-8")
    if "supervise" in kinds:
        contexts = supervise_contexts(res)
        made.files["supervise"] = render_many("supervise", contexts, out_dir / KIND_FOLDERS["supervise"])
        if not contexts:
            made.notes.append("没有逾期或滞后的任务，不需要督办")
    if "bulletin" in kinds:
        folder = out_dir / KIND_FOLDERS["bulletin"]
        c = bulletin_context(res, folder / "图表")
        made.files["bulletin"] = [TemplateRenderer("bulletin").render(c, folder / document_filename("bulletin", c))]
    return made
