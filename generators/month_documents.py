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

from zhishui.fileutil import atomic_path
from zhishui.month import Month, Pressed
from zhishui.status import totals
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


def _common(m: Month) -> dict:
    st = m.tl.settings
    return {"office": office_name(st), "date": m.report_date, "plan_name": st.plan_name,
            "notice_title": st.notice_title, "notice_number": st.notice_number, "period": m.period,
            "contact": st.contact, "phone": st.phone, "email": st.email, "signer": st.signer,
            "cc": _split(st.cc)}


def _workday_extras(m: Month) -> dict:
    st = m.tl.settings
    return {"extra_holidays": st.holidays or [], "extra_workdays": st.workdays or []}


# --- 催报通知 -------------------------------------------------------------------------

def chase_context(m: Month, *, per_unit: str | None = None) -> dict:
    st = m.tl.settings
    extras = _workday_extras(m)
    new_deadline = add_workdays(m.report_date, st.chase_workdays, extras["extra_holidays"], extras["extra_workdays"])
    expected = m.unit_counts["应报"]
    return {**_common(m), "doc_number": _number(st.chase_prefix, m.report_date.year, st.chase_next, "催报"),
            "recipients": [per_unit] if per_unit else [u.unit for u in m.chase],
            "cutoff": dt.datetime.combine(m.report_date, dt.time(17, 0)), "original_deadline": m.due,
            "missing": [{"name": u.unit, "tasks": u.tasks, "contact": u.contact, "phone": u.phone} for u in m.chase],
            "expected_count": expected, "reported_count": m.reported_count,
            "report_rate": m.reported_count / expected if expected else 0.0, "new_deadline": new_deadline,
            "channel": st.channel or (f"电子邮箱（{st.email}）" if st.email else ""),
            "consequence": st.consequence or DEFAULT_CONSEQUENCE, "per_unit": bool(per_unit), "unit": per_unit}


# --- 督办通知 -------------------------------------------------------------------------

def _own_report_text(p: Pressed) -> str:
    r = p.share.report
    if r is None:
        return "本期未报送"
    bits = [r.state or (f"「{r.state_raw}」" if r.state_raw else "未填状态")]
    if r.percent is not None:
        bits.append(f"完成{r.percent:.0%}")
    text = "已报送：" + "，".join(bits)
    if r.progress:
        text += f"。{r.progress[:60]}"
    return text


def _role_text(items: list[Pressed]) -> str:
    roles = {p.role for p in items}
    return "牵头" if roles == {"牵头"} else "共同负责" if roles == {"共同负责"} else "牵头或共同负责"


def supervise_contexts(m: Month) -> list[dict]:
    """One context per unit the month presses (Month.pressed), listing its own shares."""
    st = m.tl.settings
    extras = _workday_extras(m)
    out = []
    for n, (unit, items) in enumerate(m.pressed.items()):
        tasks = [{"seq": p.ts.task.seq or p.ts.task.label, "content": p.ts.task.full_content,
                  "deadline_raw": p.ts.task.deadline_text, "due": p.ts.due,
                  "days_overdue": p.ts.days_overdue if p.share.status == "逾期" else None,
                  "reason": p.share.reason, "reported": _own_report_text(p), "role": p.role,
                  "status": p.share.status} for p in items]
        out.append({**_common(m), "doc_number": _number(st.supervise_prefix, m.report_date.year,
                                                        st.supervise_next + n, "督办"),
                    "recipients": [unit], "unit": unit, "tasks": tasks, "role_text": _role_text(items),
                    "reply_workdays": st.reply_workdays, "requirements": SUPERVISE_REQUIREMENTS,
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
            "lead": "、".join(s.unit for s in ts.shares), "deadline_raw": ts.task.deadline_text, "due": ts.due,
            "days_overdue": ts.days_overdue, "reason": ts.reason}


def bulletin_context(m: Month, charts_dir) -> dict:
    st = m.tl.settings
    cats: dict[str, list] = {}
    for ts in m.statuses:
        cats.setdefault(ts.task.category or "（未分类）", []).append(ts)
    by_category = [{"category": c, **_counts(totals(v))} for c, v in cats.items()]
    by_unit = [{"rank": s.rank, "unit": s.unit, "tasks": s.tasks, "score": s.score,
                "completed": s.counts.get("已完成", 0), "overdue": s.counts.get("逾期", 0),
                "lagging": s.counts.get("进度滞后", 0), "due_soon": s.counts.get("临期", 0),
                "not_reported": s.counts.get("未报送", 0),
                "completion_rate": s.counts.get("已完成", 0) / s.tasks if s.tasks else None,
                "reported": {"已报送": "按时报送"}.get(s.state, s.state)} for s in m.ranking.scores]
    next_month = (m.report_date.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    due_next = [{"seq": ts.task.seq or ts.task.label, "content": ts.task.full_content,
                 "lead": "、".join(s.unit for s in ts.shares), "due": ts.due, "deadline_raw": ts.task.deadline_text}
                for ts in m.due_in_month(next_month)]
    previous = None
    if m.previous:
        previous = {**_counts(m.previous),
                    "period": dt.date(int(m.previous_period[:4]), int(m.previous_period[5:7]), 1)}
    charts_dir = Path(charts_dir)
    charts_dir.mkdir(parents=True, exist_ok=True)
    chart_files = {"status_by_category": charts.status_by_category(by_category, charts_dir / "分类推进情况.png"),
                   "units_ranked": charts.units_ranked(by_unit, charts_dir / "单位完成率排名.png")}
    rk = m.ranking
    return {**_common(m), "doc_number": _number(st.bulletin_prefix, m.report_date.year, st.bulletin_next, "通报"),
            "recipients": _split(st.bulletin_recipients) or ["各有关单位"], "report_date": m.report_date,
            "totals": _counts(m.totals), "previous": previous, "by_category": by_category, "by_unit": by_unit,
            "named_top": rk.top, "named_bottom": rk.bottom, "top_count": rk.top_count,
            "bottom_count": rk.bottom_count, "scores_equal": rk.all_equal,
            "late_units": [u.unit for u in m.units if u.state == "逾期报送"],
            "missing_units": m.missing_units,
            "overdue_tasks": [_problem(ts) for ts in m.tasks_with("逾期")],
            "lagging_tasks": [_problem(ts) for ts in m.tasks_with("进度滞后")],
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


def make_documents(m: Month, out_dir, kinds=("chase", "supervise", "bulletin"),
                   links: dict[str, str] | None = None) -> MadeDocuments:
    """``links``: unit -> its own upload page (zhishui serve), added to its 催报消息."""
    out_dir = Path(out_dir)
    made = MadeDocuments()
    st = m.tl.settings
    if "chase" in kinds:
        folder = out_dir / KIND_FOLDERS["chase"]
        missing = m.chase
        if not missing:
            made.files["chase"] = []
            made.notes.append("所有单位都已报送，不需要催报")
        else:
            r = TemplateRenderer("chase")
            if st.chase_mode == "逐个":
                contexts = [chase_context(m, per_unit=u.unit) for u in missing]
                for i, c in enumerate(contexts):
                    c["doc_number"] = _number(st.chase_prefix, m.report_date.year, st.chase_next + i, "催报")
            else:
                contexts = [chase_context(m)]
            made.files["chase"] = [r.render(c, folder / document_filename("chase", c)) for c in contexts]
            base = chase_context(m)
            text = "\n\n".join(chase_message(base, {"name": u.unit, "tasks": u.tasks})
                                 + (f"\n本单位专用报送网页：{links[u.unit]}" if u.unit in (links or {}) else "")
                                 for u in missing)
            made.messages = folder / "催报消息.txt"
            with atomic_path(made.messages) as tmp:
                tmp.write_text(text + "\n", encoding="utf-8")
    if "supervise" in kinds:
        contexts = supervise_contexts(m)
        made.files["supervise"] = render_many("supervise", contexts, out_dir / KIND_FOLDERS["supervise"])
        if not contexts:
            made.notes.append("没有逾期或滞后的任务，不需要督办")
    if "bulletin" in kinds:
        folder = out_dir / KIND_FOLDERS["bulletin"]
        c = bulletin_context(m, folder / "图表")
        made.files["bulletin"] = [TemplateRenderer("bulletin").render(c, folder / document_filename("bulletin", c))]
    return made
