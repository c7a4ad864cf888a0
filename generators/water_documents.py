"""The water-quality documents from a judged month (zhishui.water.judge.WaterResult):

* 水质预警 — one letter per section exceeding its target on the report date, to its
  responsible towns and departments; from the third consecutive exceeding day it is
  a 督办 (seed 002: 断面水质出现恶化时，实时发布预警信息; 日均值不出现连续3日超标);
* 水质日报 — the text published every day (seed 002: 每日发布重点断面…水质信息);
* 水质月报 — the 水质 part of the monthly 通报, as a document of its own.

Rendering goes through the shared renderer (generators/render.py: autoescape, broken-
template checks, atomic writes); only the context preparation is water's own.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from zhishui.fileutil import atomic_path, safe_filename
from zhishui.water.judge import RUN_DAYS, SectionResult, WaterResult, value_text
from zhishui.water.readings import AUTO, DAILY
from zhishui.water.sections import Section
from zhishui.water.standard import BY_KEY, class_name, fmt, limit_of
from zhishui.workdays import add_workdays

from .contexts import _clean  # the same cleaning as the month documents
from .official import cn_date, pct, title_lines
from .render import TEMPLATE_DIR, TemplateRenderer
from .water_charts import panel_spec, section_month_chart

TEMPLATES = {"warning": "水质预警.docx", "report": "水质月报.docx"}
FOLDERS = {"warning": "水质预警", "report": "水质月报"}
ACTIONS = {"连续3日超标": "督办", "月均值超标": "通报", "劣Ⅴ类": "约谈督办", "连续两季度超标": "定点督察"}
SOURCE_NAMES = {AUTO: "水质自动监测站", DAILY: "手工监测", 2: "实验室分析"}
# seed 002, 六、（一）: who does what when a section's water worsens
DUTIES = [
    (("生态环境",), "生态环境部门加强重点工业企业驻点盯防和入河排污口巡查，严禁雨水和各类废水混排入河"),
    (("住建", "住房和城乡建设", "城建"), "住建部门加强城镇污水处理厂驻点盯防，确保小雨、中雨污水全收集、全处理，"
                                  "非紧急状态下严禁进水溢流口直排生活污水"),
    (("农业农村", "农业"), "农业农村部门加强畜禽养殖场驻点盯防，严禁畜禽粪污、尿液随雨水入河"),
    (("水利",), "水利部门加强退水渠巡查盯防，利用闸坝切断污染物下移途径，对重污染退水渠予以闸堵"),
    (("气象",), "气象部门及时发布降雨预警信息"),
]


class WaterRenderer(TemplateRenderer):
    """The shared renderer with water's context preparation."""

    def __init__(self, kind: str, template_path=None):
        super().__init__("bulletin", template_path or TEMPLATE_DIR / TEMPLATES[kind])
        self.kind = kind

    def prepare(self, context: dict) -> dict:
        return prepare(self.kind, context)


def prepare(kind: str, context: dict) -> dict:
    """A cleaned copy with the derived fields both templates use."""
    c = _clean(copy.copy(context))
    charts = context.get("charts")
    if charts is not None:
        c["charts"] = charts                    # paths / images, not text
    for k in ("recipients", "cc"):
        c[k] = [x for x in (c.get(k) or []) if x]
    c.setdefault("office", "")
    c["office_mark"] = c.get("office_mark") or c["office"]
    c["date_cn"] = cn_date(c["date"])
    c["recipients_text"] = "、".join(c["recipients"])
    c["cc_text"] = ("，".join(c["cc"]) + "。") if c["cc"] else ""
    for k in ("urgency", "doc_number", "contact", "phone", "email", "basis"):
        c.setdefault(k, "")
    if kind == "warning":
        c["reply_deadline_cn"] = cn_date(c["reply_deadline"])
    c["title"] = "\n".join(title_lines(c.get("title") or ""))
    return c


# ---------------------------------------------------------------- common fields

def _office(settings) -> str:
    if settings is None:
        return "（请在设置中填写发文单位）"
    from .month_documents import office_name
    return office_name(settings)


def _split(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"[、，,；;\n]", text or "") if x.strip()]


def _common(res: WaterResult, settings) -> dict:
    st = settings
    basis = ""
    if st is not None and (st.plan_name or st.notice_title):
        basis = f"《{st.plan_name or st.notice_title}》" + (f"（{st.notice_number}）" if st.notice_number else "")
    return {"office": _office(st), "date": res.report_date, "contact": st.contact if st else "",
            "phone": st.phone if st else "", "email": st.email if st else "", "cc": _split(st.cc) if st else [],
            "basis": basis, "plan_text": f"《{st.plan_name}》" if st is not None and st.plan_name else "有关规定"}


def section_label(s: Section) -> str:
    name = s.name if s.name.endswith(("断面", "点位", "水库", "湖")) else f"{s.name}断面"
    river = s.river if s.river and s.river != s.name else ""
    bits = [b for b in (river, f"{s.level}断面" if s.level else "", f"水质目标{s.target_name}类" if s.target else "")
            if b]
    return f"{name}（{'，'.join(bits)}）" if bits else name


def _unit(key: str) -> str:
    u = BY_KEY[key].unit
    return "" if u == "无量纲" else u


def _limit_text(s: Section, key: str) -> str:
    p = BY_KEY[key]
    lim = limit_of(p, s.target, s.lake)
    if p.direction == "range":
        return "6～9"
    if p.direction == "min":
        return f"≥{lim:g}{_unit(key)}"
    return f"≤{lim:g}{_unit(key)}"


def _param_run(r: SectionResult, key: str, day: dt.date) -> int:
    """Consecutive days ending on ``day`` on which this parameter exceeded."""
    n = 0
    d = day
    while True:
        sd = r.day(d)
        if sd is None or key not in sd.exceeding:
            break
        n += 1
        d -= dt.timedelta(days=1)
    return n


# ---------------------------------------------------------------- 水质预警 / 督办

def warning_contexts(res: WaterResult, settings=None, day: dt.date | None = None) -> list[dict]:
    """One context per section exceeding on ``day`` (default: the report date)."""
    day = day or res.report_date
    st = settings
    out = []
    extras = {"extra_holidays": (st.holidays or []) if st else [], "extra_workdays": (st.workdays or []) if st else []}
    n_warn = n_sup = 0
    for r in res.results:
        sd = r.day(day)
        if sd is None or not sd.exceeding:
            continue
        s = r.section
        run = r.run_on(day)
        supervise = run >= RUN_DAYS
        kinds = {sd.params[k].kind for k in sd.exceeding}
        params = []
        for k in sd.exceeding:
            x = sd.params[k]
            params.append({"name": BY_KEY[k].name, "value_text": f"{fmt(BY_KEY[k], x.value)}{_unit(k)}",
                           "limit_text": _limit_text(s, k), "class_text": f"{class_name(x.cls)}类",
                           "multiple_text": f"{x.multiple:.2f}" if x.multiple is not None else "—",
                           "run_text": f"{_param_run(r, k, day)}日"})
        recent = _recent_text(r, sd.exceeding, day)
        if supervise:
            n_sup += 1
            prefix = (st.supervise_prefix if st else "") or "水质督办"
            number = f"{prefix}〔{day.year}〕{((st.supervise_next if st else 1) or 1) + n_sup - 1}号"
            title = f"关于{s.name}断面水质连续{run}日超标的督办通知"
        else:
            n_warn += 1
            prefix = ((st.extra.get("预警文号前缀") if st else "") or "水质预警")
            number = f"{prefix}〔{day.year}〕{n_warn}号"
            title = f"关于{s.name}断面水质超标的预警通知"
        workdays = ((st.reply_workdays if st else 5) or 5) if supervise else 2
        run_start = day - dt.timedelta(days=run - 1)
        out.append({**_common(res, st), "date": day, "doc_number": number, "title": title,
                    "urgency": "特急" if supervise else "加急",
                    "recipients": s.units or ["有关乡镇和部门"], "section": s.name, "section_text": section_label(s),
                    "source_text": "、".join(SOURCE_NAMES[k] for k in sorted(kinds)), "day_cn": cn_date(day),
                    "exceed_text": "，".join(value_text(s, sd.params[k]) for k in sd.exceeding),
                    "class_text": f"{class_name(sd.cls)}类", "supervise": supervise, "run_days": run,
                    "run_start_cn": cn_date(run_start), "params": params, "recent": bool(recent),
                    "recent_text": recent, "requirements": _requirements(s, supervise),
                    "reply_workdays": workdays, "reply_deadline": add_workdays(day, workdays, **extras)})
    return out


def _recent_text(r: SectionResult, keys: list[str], day: dt.date, n: int = 7) -> str:
    """近7日日均值 of the exceeding parameters, so the reader sees the trend."""
    days = [day - dt.timedelta(days=i) for i in range(n - 1, -1, -1)]
    days = [d for d in days if r.day(d) is not None]
    if len(days) < 2:
        return ""
    parts = []
    for k in keys:
        vals = []
        for d in days:
            x = r.day(d).params.get(k)
            vals.append(f"{d.day}日{fmt(BY_KEY[k], x.value)}" if x is not None and x.value is not None
                        else f"{d.day}日无数据")
        parts.append(f"{BY_KEY[k].name}（{_unit(k) or '无量纲'}）：" + "、".join(vals))
    return f"近{len(days)}日（{cn_date(days[0])}至{cn_date(days[-1])}）日均值：" + "；".join(parts) + "。"


def _requirements(s: Section, supervise: bool) -> list[str]:
    out = []
    towns = "、".join(s.towns)
    out.append(f"{towns or '属地乡镇'}要立即组织对断面上游重点区域、重点河流、重点企业、重点环节开展排查，"
               "及时发现并处置影响断面水质的水污染问题，确保排查不留死角。")
    duties = [text for words, text in DUTIES if any(w in d for d in s.departments for w in words)]
    if duties:
        out.append("；".join(duties) + "。")
    if supervise:
        out.append("对超标原因逐项溯源，明确整改措施、责任人和完成时限，每日跟踪断面水质变化，确保尽快恢复达标。")
    else:
        out.append("密切关注断面水质变化，防止出现日均值连续3日超标。")
    return out


# ---------------------------------------------------------------- 水质日报

def daily_text(res: WaterResult, settings=None, day: dt.date | None = None) -> str:
    """The day's publication: every section's class against its target, exceedances with values."""
    day = day or res.report_date
    office = _office(settings) if settings is not None else ""
    rows, ok, bad, none = [], 0, 0, []
    for i, r in enumerate(res.results, 1):
        s = r.section
        sd = r.day(day)
        if sd is None or sd.cls is None:
            none.append(s.name)
            continue
        if s.target and sd.cls > s.target:
            bad += 1
            run = r.run_on(day)
            text = (f"{class_name(sd.cls)}类，超标" + (f"，已连续{run}日超标" if run >= 2 else "") + "。"
                    + "；".join(value_text(s, sd.params[k]) for k in sd.exceeding) + "。")
        else:
            ok += 1
            text = f"{class_name(sd.cls)}类，" + ("达标。" if s.target else "（未设水质目标）。")
        rows.append(f"{len(rows) + 1}. {section_label(s)}：{text}")
    judged = ok + bad
    head = (f"{cn_date(day)}重点断面水质信息" + (f"（{office}）" if office else ""))
    lines = [head, "",
             f"{cn_date(day)}，{len(res.results)}个断面中{judged}个有监测数据，达到水质目标{ok}个，超标{bad}个。"]
    lines += rows
    if none:
        lines.append(f"当日无有效监测数据：{'、'.join(none)}。")
    lines += ["", "说明：按《地表水环境质量标准》（GB 3838-2002）单因子评价，日均值为当日有效监测数据的算术平均，"
                  "低于检出限的按检出限的一半计。"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- 水质月报

def report_context(res: WaterResult, charts_dir, settings=None, *, heading: str = "一、",
                   figure_start: int = 1) -> dict:
    """Context of 水质月报.docx; ``water`` (and ``charts``) are what the 通报 template needs."""
    charts_dir = Path(charts_dir)
    y, m = res.period.year, res.period.month
    judged = [r for r in res.results if r.month.cls and r.section.target]
    ok = [r for r in judged if r.month.cls <= r.section.target]
    bad = [r for r in judged if r.month.cls > r.section.target]
    sections = []
    for i, r in enumerate(res.results, 1):
        s, mm = r.section, r.month
        verdict = ("达标" if mm.cls <= s.target else "超标") if mm.cls and s.target else ("无数据" if not mm.cls else "—")
        sections.append({"seq": i, "name": s.name, "river": s.river, "level": s.level,
                         "target": f"{s.target_name}类" if s.target else "—",
                         "cls": f"{class_name(mm.cls)}类" if mm.cls else "无数据", "verdict": verdict,
                         "exceed_text": "、".join(_short_exceed(s, mm.means[k]) for k in mm.exceeding) or "—"})
    charts, chart_files = [], {}
    for r in res.results:
        keys = [k for k in BY_KEY if k in r.month.exceeding or any(k in d.exceeding for d in r.days)]
        if not keys:
            continue
        key = f"water_{len(charts) + 1}"
        chart_files[key], panels = _chart(r, keys, res, charts_dir / safe_filename(f"{r.section.name}_{y}年{m}月.png"))
        charts.append({"key": key, "section": r.section.name, "params": [BY_KEY[k].name for k in keys],
                       "limits": {BY_KEY[p["key"]].name: [y_ for y_, _ in p["limits"]] for p in panels},
                       "caption": f"{r.section.name}断面{'、'.join(BY_KEY[k].name for k in keys)}日均值变化"
                                  f"（{y}年{m}月）"})
    alerts = []
    for a in res.alerts:
        if a.kind == "日超标":
            continue
        period = (f"{a.start.month}月{a.start.day}日至{a.end.month}月{a.end.day}日"
                  + (f"（{(a.end - a.start).days + 1}日）" if a.kind == "连续3日超标" else ""))
        alerts.append({"section": a.section, "kind": a.kind, "period": period,
                       "params": "、".join(BY_KEY[k].name for k in a.params), "action": ACTIONS.get(a.kind, "")})
    daily = [a for a in res.alerts if a.kind == "日超标"]
    runs = [a for a in res.alerts if a.kind == "连续3日超标"]
    nat = [r for r in judged if r.section.level == "国考"]
    nat_ok = [r for r in nat if r.month.cls <= r.section.target]
    main = []
    for r in bad:
        main.extend(k for k in r.month.exceeding if k not in main)
    summary = (f"{y}年{m}月，{len(res.results)}个断面中{len(judged)}个有监测数据，月均值达到水质目标的{len(ok)}个"
               + (f"，达标率{pct(len(ok) / len(judged))}" if judged else "") + "；"
               + (f"超标{len(bad)}个（{'、'.join(r.section.name for r in bad)}），主要超标指标为"
                  f"{'、'.join(BY_KEY[k].name for k in main)}。" if bad else "没有月均值超标的断面。")
               + (f"其中国考断面{len(nat)}个，达标{len(nat_ok)}个。" if nat else "")
               + (f"本月{len({a.section for a in daily})}个断面出现日均值超标，累计{len(daily)}个断面·日"
                  + (f"；{len({a.section for a in runs})}个断面出现日均值连续3日超标，共{len(runs)}次。" if runs else "。")
                  if daily else "本月各断面日均值均未超标。"))
    water = {"heading": heading, "summary_text": summary, "sections": sections, "charts": charts,
             "chart_text": "超标断面超标指标的逐日变化见下图（红色虚线为水质目标类别的标准限值，红点为超标日）。",
             "figure_start": figure_start, "alerts": alerts,
             "alert_text": f"本月共发出水质预警{len(daily) - _supervised(res)}次、督办{_supervised(res)}次。"
                           "需要督办、通报、约谈督办或定点督察的情形如下表。",
             "next_text": ("请超标断面所在乡镇和有关部门对照超标指标，抓紧溯源排查，落实驻点盯防和整改措施，"
                           "确保下月断面水质稳定达标。" if bad or daily else "")}
    st = settings
    title = f"{y}年{m}月地表水断面水质月报"
    intro = (f"根据{_common(res, st)['basis']}要求，" if _common(res, st)["basis"] else "") + \
        f"现将{y}年{m}月各断面水质情况通报如下。"
    return {**_common(res, st), "date": res.report_date, "title": title, "intro_text": intro, "water": water,
            "charts": chart_files}


def _supervised(res: WaterResult) -> int:
    """Exceeding days that were the third (or later) consecutive one: the days a 督办 went out."""
    n = 0
    for r in res.results:
        for d in r.days:
            if d.exceeding and r.run_on(d.day) >= RUN_DAYS:
                n += 1
    return n


def _short_exceed(s: Section, x) -> str:
    p = BY_KEY[x.key]
    if x.multiple is not None:
        return f"{p.name}（{x.multiple:.2f}倍）"
    if p.direction == "min":
        return f"{p.name}（低于限值）"
    return f"{p.name}（超出6～9）"


def _chart(r: SectionResult, keys, res: WaterResult, out: Path) -> tuple[Path, list[dict]]:
    s = r.section
    days = [d.day.day for d in r.days]
    panels = []
    for k in keys:
        vals, ex = [], []
        for d in r.days:
            x = d.params.get(k)
            vals.append(x.value if x is not None else None)
            ex.append(k in d.exceeding)
        panels.append(panel_spec(k, BY_KEY[k].name, BY_KEY[k].unit, days, vals, ex, limit_of(BY_KEY[k], s.target, s.lake),
                                 class_name(s.target), BY_KEY[k].direction))
    title = f"{s.name}断面 {res.period.year}年{res.period.month}月日均值（水质目标{s.target_name}类）"
    return section_month_chart(title, res.period.month, len(days), panels, out), panels


# ---------------------------------------------------------------- all of them

@dataclass
class MadeWaterDocuments:
    files: dict = field(default_factory=dict)       # kind -> [paths]
    daily: Path | None = None
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        w = self.files.get("warning", [])
        if w:
            out.append(f"水质预警/督办 {len(w)} 份：{w[0].parent}")
        if self.daily:
            out.append(f"水质日报：{self.daily}")
        for p in self.files.get("report", []):
            out.append(f"水质月报：{p}")
        return out + self.notes


def make_water_documents(res: WaterResult, out_dir, settings=None) -> MadeWaterDocuments:
    out_dir = Path(out_dir)
    made = MadeWaterDocuments()
    contexts = warning_contexts(res, settings)
    if contexts:
        r = WaterRenderer("warning")
        paths = []
        for c in contexts:
            kind = "督办" if c["supervise"] else "预警"
            name = safe_filename(f"水质{kind}_{c['section']}_{res.report_date.month}月{res.report_date.day}日") + ".docx"
            paths.append(r.render(c, out_dir / FOLDERS["warning"] / name))
        made.files["warning"] = paths
    else:
        made.files["warning"] = []
        made.notes.append(f"{cn_date(res.report_date)}没有超标断面，不需要预警")
    made.daily = out_dir / safe_filename(f"水质日报_{cn_date(res.report_date)}.txt")
    with atomic_path(made.daily) as tmp:
        tmp.write_text(daily_text(res, settings), encoding="utf-8")
    folder = out_dir / FOLDERS["report"]
    ctx = report_context(res, folder / "图表", settings)
    target = folder / safe_filename(f"{res.period.year}年{res.period.month}月水质月报.docx")
    made.files["report"] = [WaterRenderer("report").render(ctx, target)]
    return made


__all__ = ["WaterRenderer", "warning_contexts", "daily_text", "report_context", "make_water_documents",
           "section_label"]
