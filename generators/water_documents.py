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
from zhishui.errors import ZhishuiError
from zhishui.water.judge import (SectionResult, WaterResult, data_gaps, gaps_text, no_data_note,
                                 rejected_text, run_break, short_text, unlisted_reason, value_text,
                                 value_word)
from zhishui.water.readings import AUTO, DAILY
from zhishui.water.sections import Section
from zhishui.water.standard import BY_KEY, class_name, fmt, limit_of
from zhishui.workdays import add_workdays, weekend_only_note

from .contexts import _clean, book_title  # the same cleaning and title marks as the month documents
from .official import cn_date, pct, title_lines
from .render import TEMPLATE_DIR, TemplateRenderer
from .water_charts import panel_spec, section_month_chart

TEMPLATES = {"warning": "水质预警.docx", "report": "水质月报.docx"}
FOLDERS = {"warning": "水质预警", "report": "水质月报"}
ACTIONS = {"连续3日超标": "督办", "月均值超标": "通报", "劣Ⅴ类": "约谈督办", "连续两季度超标": "定点督察"}
# the 月报's 情形 column: 「劣Ⅴ类」 alone read as the month's or a day's class; it is the quarter's mean
KIND_SHOWN = {"劣Ⅴ类": "季度均值劣Ⅴ类", "连续两季度超标": "连续两季度均值超标"}
# completes 「经…，」 (the template no longer adds 监测: 「经手工监测监测」)
SOURCE_NAMES = {AUTO: "水质自动监测站监测", DAILY: "手工监测", 2: "实验室采样分析"}
REGISTER = "水质文号登记"       # the numbers' history beside the documents folder (see DocNumbers)
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
        basis = book_title(st.plan_name or st.notice_title) + (f"（{st.notice_number}）" if st.notice_number else "")
    return {"office": _office(st), "date": res.report_date, "contact": st.contact if st else "",
            "phone": st.phone if st else "", "email": st.email if st else "", "cc": _split(st.cc) if st else [],
            "basis": basis, "plan_text": book_title(st.plan_name) if st is not None and st.plan_name else "有关规定"}


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


def _days_text(days: list[dt.date]) -> str:
    """8月10日 / 8月10日至12日 / 8月10日、12日 / 6月1日至7月13日: the days an indicator exceeded."""
    runs: list[list[dt.date]] = []
    for d in sorted(days):
        if runs and (d - runs[-1][1]).days == 1:
            runs[-1][1] = d
        else:
            runs.append([d, d])
    out = []
    for a, b in runs:
        head = f"{a.month}月{a.day}日"
        if a == b:
            out.append(head)
        else:
            out.append(head + "至" + (f"{b.day}日" if b.month == a.month else f"{b.month}月{b.day}日"))
    return "、".join(out)


def measured_word(x) -> str:
    """日均值 for a mean of the day's readings; 监测值 for a single hand or lab sample."""
    return "监测值" if x.single else "日均值"


def _measured_text(s: Section, sd, keys) -> str:
    """高锰酸盐指数日均值7.3mg/L（Ⅳ类，超标0.22倍）; 化学需氧量监测值34.0mg/L（Ⅴ类，超标0.13倍）."""
    out = []
    for k in keys:
        x = sd.params[k]
        text = value_text(s, x)
        name = BY_KEY[k].name
        out.append(name + measured_word(x) + text[len(name):])
    return "，".join(out)


def _setting(st, item: str):
    if st is None:
        return None
    from zhishui.settings import ITEMS
    if item in ITEMS:
        return getattr(st, ITEMS[item][0])
    return st.extra.get(item)


@dataclass
class Issued:
    """The water letters the 文号 register holds for a month: what was actually sent, as opposed to
    the days over target (a letter goes out only on the mornings the tool is run)."""
    registered: bool                                        # False: no register, or no 文号 prefix set
    warning: list = field(default_factory=list)             # [(day, section, 文号)]
    supervise: list = field(default_factory=list)


def issued_letters(res: WaterResult, out_dir, settings=None, until: dt.date | None = None,
                   register=None) -> Issued:
    """The 预警 and 督办 letters of ``res``'s month (up to ``until``, default the report date) in the
    register DocNumbers keeps; read only (no register is made by asking)."""
    from zhishui.history import History
    from zhishui.historydb import DB_NAME
    until = until or res.report_date
    folder = Path(register) if register is not None else DocNumbers.folder_for(res, out_dir)
    codes = {kind: str(_setting(settings, DocNumbers.KINDS[kind][0]) or "").strip() for kind in DocNumbers.KINDS}
    out = Issued(registered=(folder / DB_NAME).is_file() and any(codes.values()))
    if not out.registered:
        return out
    try:
        hist = History(folder, readonly=True)
    except ZhishuiError:
        return Issued(False)
    try:
        first = res.period.replace(day=1)
        for kind, (_item, _start, hist_kind, _cn) in DocNumbers.KINDS.items():
            rows = hist.db.execute("SELECT year, seq, period, recipient FROM doc_numbers WHERE kind=? AND period >= ? "
                                   "AND period <= ? ORDER BY seq", (hist_kind, f"水质{first.isoformat()}",
                                                                    f"水质{until.isoformat()}")).fetchall()
            getattr(out, kind).extend((dt.date.fromisoformat(p[2:]), sec, f"{codes[kind]}〔{y}〕{seq}号")
                                      for y, seq, p, sec in rows)
    finally:
        hist.db.close()
    return out


class DocNumbers:
    """发文字号 of the water letters: the office's code from 设置 (预警文号前缀, 督办文号前缀) + 〔year〕 + a
    number that continues across the year's mornings — the monthly letters' mechanism
    (History.doc_number: the same letter of the same day keeps its number when made again).

    Kept in the history beside the 断面清单 when there is one (the 督办台账 that is also the
    list: its 督办 letters and the water 督办 share 督办文号前缀 and one sequence), else in
    「水质文号登记」 beside the documents folder.  Without a code the number is left to fill in by hand."""

    KINDS = {"warning": ("预警文号前缀", "预警起始编号", "water_warning", "预警"),
             "supervise": ("督办文号前缀", "督办起始编号", "supervise", "督办")}

    def __init__(self, res: WaterResult, out_dir, settings=None, register=None):
        from zhishui.history import History
        self.st = settings
        self.notes: list[str] = []
        self._said: set[str] = set()
        # ``register``: a folder the caller keeps for the year (the browser desk's data folder, whose document
        # folders are one per run); else beside the documents (folder_for)
        self.folder = Path(register) if register is not None else self.folder_for(res, out_dir)
        self.hist = None
        try:
            self.hist = History(self.folder)
        except ZhishuiError as e:
            self.notes.append(f"文号登记打不开（{e.what}），文号从设置中的起始编号开始，不会接着以前的编号")
        self._counters: dict[str, int] = {}

    @staticmethod
    def folder_for(res: WaterResult, out_dir) -> Path:
        from zhishui.history import default_folder
        from zhishui.historydb import DB_NAME
        src = res.readings.sections.file
        here = default_folder(src) if src else None
        # beside the documents folder, not in it: a clerk who gives each morning a folder of its own
        # (水质文书/8月12日, 水质文书/8月13日) still numbers on from the day before
        return here if here is not None and (here / DB_NAME).is_file() else Path(out_dir).resolve().parent / REGISTER

    def _setting(self, item: str):
        return _setting(self.st, item)

    def number(self, kind: str, day: dt.date, section: str) -> str:
        item, start_item, hist_kind, cn = self.KINDS[kind]
        code = str(self._setting(item) or "").strip()
        if not code:
            if kind not in self._said:
                self._said.add(kind)
                self.notes.append(f"设置中没有填写「{item}」（发文机关代字），{cn}文号留空，印发前手工填写")
            return f"〔{day.year}〕　　号"
        try:
            start = int(str(self._setting(start_item) or 1).strip() or 1)
        except ValueError:
            start = 1
        if self.hist is not None:
            seq = self.hist.doc_number(hist_kind, day.year, f"水质{day.isoformat()}", section, start)
        else:
            seq = start + self._counters.get(kind, 0)
            self._counters[kind] = self._counters.get(kind, 0) + 1
        return f"{code}〔{day.year}〕{seq}号"

    def close(self, commit: bool = True) -> None:
        if self.hist is not None:
            if commit:
                self.hist.commit()
            self.hist.close()


# ---------------------------------------------------------------- 水质预警 / 督办

def warning_contexts(res: WaterResult, settings=None, day: dt.date | None = None, numbers: DocNumbers | None = None) \
        -> list[dict]:
    """One context per section exceeding on ``day`` (default: the report date)."""
    day = day or res.report_date
    st = settings
    out = []
    extras = {"extra_holidays": (st.holidays or []) if st else [], "extra_workdays": (st.workdays or []) if st else []}
    for r in res.results:
        sd = r.day(day)
        if sd is None or not sd.exceeding:
            continue
        s = r.section
        run = r.run_on(day)
        supervise = r.letter_on(day) == "督办"
        kinds = {sd.params[k].kind for k in sd.exceeding}
        run_start = day - dt.timedelta(days=run - 1)
        run_days = [run_start + dt.timedelta(days=i) for i in range(run)]
        # the run, day by day: which indicator exceeded with its value, limit and 倍数 (the section's run
        # counts any assessed indicator, so the days may differ in indicator - README 连续3日超标)
        shown_days = run_days[-MAX_TABLE_DAYS:]
        cells = [(d, k, x) for d in shown_days for k, x in r.exceeded(d).items()]
        single = all(sd.params[k].single for k in sd.exceeding)
        # a sample among means is marked in its cell; a table of one kind says it in its header (value_head)
        mixed = not single and any(x.single for _d, _k, x in cells)
        params = [{"day": f"{d.month}月{d.day}日", "name": BY_KEY[k].name,
                   "value_text": f"{fmt(BY_KEY[k], x.value)}{_unit(k)}" + ("（监测值）" if mixed and x.single else ""),
                   "limit_text": _limit_text(s, k), "class_text": f"{class_name(x.cls)}类",
                   "multiple_text": f"{x.multiple:.2f}" if x.multiple is not None else "—"} for d, k, x in cells]
        by_key: dict[str, list[dt.date]] = {}
        for d in run_days:
            for k in r.exceeded(d):
                by_key.setdefault(k, []).append(d)
        order = sorted(by_key, key=lambda k: (by_key[k][0], list(BY_KEY).index(k)))    # as the days went
        # (a hand sheet's or a lab's one value a day is a 监测值, not a 日均值: trial 24's letters said both)
        run_word = value_word(x for d in run_days for x in r.exceeded(d).values())
        per_param = "；".join(f"{BY_KEY[k].name}超标{len(by_key[k])}日（{_days_text(by_key[k])}）" for k in order)
        if run > 1:
            run_text = (f"该断面自{cn_date(run_start)}起已连续{run}日超标（任一参评指标{run_word}超标即为超标日，各日超标指标"
                        + ("相同" if len(order) == 1 else "不同") + f"），其中{per_param}。")
        else:
            run_text = ""
        gap = run_break(r, run_start)
        if gap:       # the run was broken by missing data (short or none), not by clean water: the reader should know
            run_text += f"{gap}，按规定不算超标日，连续超标天数自{run_start.month}月{run_start.day}日重新计。"
        table_note = (f"连续超标共{run}日，下表列出最近{len(shown_days)}日，其余各日见研判结果工作簿「日均值」表。"
                      if len(shown_days) < run else "")
        recent = _recent_text(r, order, day)
        kind = "supervise" if supervise else "warning"
        if numbers is not None:
            number = numbers.number(kind, day, s.name)
        else:
            number = f"〔{day.year}〕　　号"
        if supervise:
            title = f"关于{s.name}断面水质连续{run}日超标的督办通知"
        else:
            title = f"关于{s.name}断面水质超标的预警通知"
        workdays = ((st.reply_workdays if st else 5) or 5) if supervise else 2
        out.append({**_common(res, st), "date": day, "doc_number": number, "title": title,
                    "urgency": "特急" if supervise else "加急",
                    "recipients": s.units or ["有关乡镇和部门"], "section": s.name, "section_text": section_label(s),
                    "source_text": "、".join(SOURCE_NAMES[k] for k in sorted(kinds)), "day_cn": cn_date(day),
                    "exceed_text": _measured_text(s, sd, sd.exceeding),
                    "class_text": f"{class_name(sd.cls)}类", "supervise": supervise, "run_days": run,
                    "run_start_cn": cn_date(run_start), "run_text": run_text, "table_note": table_note,
                    "value_head": "监测值" if single else "日均值或监测值", "run_word": run_word,
                    "params": params, "recent": bool(recent),
                    "recent_text": recent, "requirements": _requirements(s, supervise, single),
                    "reply_workdays": workdays, "reply_deadline": add_workdays(day, workdays, **extras)})
    return out


MAX_TABLE_DAYS = 10       # days of a long run listed in the letter's table (the workbook has all)


def _recent_text(r: SectionResult, keys: list[str], day: dt.date, n: int = 7) -> str:
    """近7日 values of the indicators that exceeded in the run, so the reader sees the trend; a day
    with too few readings is said as such (数据不足), not as a day without data."""
    days = [day - dt.timedelta(days=i) for i in range(n - 1, -1, -1)]
    days = [d for d in days if r.day(d) is not None]
    if len(days) < 2:
        return ""
    parts = []
    seen_trend = False
    values = []
    for k in keys:
        vals = []
        seen_trend = seen_trend or sum(1 for d in days if (r.day(d).params.get(k) is not None
                                                         and r.day(d).params[k].value is not None)) >= 2
        for d in days:
            x = r.day(d).params.get(k)
            if x is not None and x.value is not None:
                values.append(x)
                vals.append(f"{d.day}日{fmt(BY_KEY[k], x.value)}" + ("（超标）" if k in r.day(d).exceeding else ""))
            elif x is not None and x.short:
                vals.append(f"{d.day}日数据不足（{x.n}个）")
            else:
                vals.append(f"{d.day}日无数据" + (f"（{r.day(d).note}）" if r.day(d).note else ""))
        parts.append(f"{BY_KEY[k].name}（{_unit(k) or '无量纲'}）：" + "、".join(vals))
    if not seen_trend:
        return ""         # one weekly sample among 「无数据」 days: no trend to show
    return f"近{len(days)}日（{cn_date(days[0])}至{cn_date(days[-1])}）{value_word(values)}：" + "；".join(parts) + "。"


def _requirements(s: Section, supervise: bool, single: bool = False) -> list[str]:
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
        # a single sample (a lake's weekly lab result) has no daily mean to run for 3 days
        out.append("密切关注断面水质变化，尽快加密采样监测，确认水质是否恢复。" if single
                   else "密切关注断面水质变化，防止出现日均值连续3日超标。")
    return out


# ---------------------------------------------------------------- 水质日报

def daily_text(res: WaterResult, settings=None, day: dt.date | None = None) -> str:
    """The day's publication: every section's class against its target, exceedances with values."""
    day = day or res.report_date
    office = _office(settings) if settings is not None else ""
    head = (f"{cn_date(day)}重点断面水质信息" + (f"（{office}）" if office else ""))
    if not res.has_data_on(day):
        # 「5个断面中0个有监测数据」 under a publishable heading read as a day without exceedances
        return "\n".join([head, "", no_data_note(res) if day == res.report_date
                          else f"{cn_date(day)}各断面都没有监测数据，不能发布当日水质信息。"]) + "\n"
    rows, ok, bad, none, short = [], 0, 0, [], 0
    gaps = data_gaps(res)
    for i, r in enumerate(res.results, 1):
        s = r.section
        sd = r.day(day)
        few = short_text(s, sd) if sd is not None else ""
        if sd is None or sd.cls is None:
            gap = next(((a, why) for g, a, b, why in gaps if g is r and a <= day <= b), None)
            if few:       # readings there, too few for a daily mean: not a day without data
                short += 1
                rows.append(f"{len(rows) + 1}. {section_label(s)}：{few}；当日不评价类别，连续超标天数重新计。")
            elif gap:     # a section measured daily gone dark (a station down for a week) is news, not a footnote
                a, why = gap
                n = (day - a).days + 1
                rows.append(f"{len(rows) + 1}. {section_label(s)}：当日没有有效监测数据" + (f"（{why}）" if why else "")
                            + (f"，自{a.month}月{a.day}日起已连续{n}日" if n > 1 else "") + "。")
            else:
                none.append(s.name)
            continue
        if s.target and sd.cls > s.target:
            bad += 1
            run = r.run_on(day)
            text = (f"{class_name(sd.cls)}类，超标" + (f"，已连续{run}日超标{run_days_note(r, day, run)}" if run >= 2 else "")
                    + "。" + _measured_text(s, sd, sd.exceeding) + "。")
        else:
            ok += 1
            text = f"{class_name(sd.cls)}类，" + ("达标。" if s.target else "（未设水质目标）。")
        if few:
            text += f"另有{few}，不计入当日类别。"
        if rejected_text(sd):
            text += rejected_text(sd) + "。"
        rows.append(f"{len(rows) + 1}. {section_label(s)}：{text}")
    judged = ok + bad
    lines = [head, "",
             f"{cn_date(day)}，{len(res.results)}个断面中{judged}个有监测数据，达到水质目标{ok}个，超标{bad}个"
             + (f"，{short}个数据不足" if short else "") + "。"]
    lines += rows
    if none:
        lines.append(f"当日无有效监测数据：{'、'.join(_with_reason(res, n, day) for n in none)}。")
    lines += ["", "说明：按《地表水环境质量标准》（GB 3838-2002）单因子评价，日均值为当日有效监测数据的算术平均，"
                  "低于检出限的按检出限的一半计。"]
    return "\n".join(lines) + "\n"


def _with_reason(res: WaterResult, name: str, day: dt.date | None = None) -> str:
    """A section without data that day, with why when known: the remark of its row, or its name in the data."""
    r = next(x for x in res.results if x.section.name == name)
    sd = r.day(day) if day is not None else None
    why = "；".join(x for x in ((sd.note if sd is not None else ""), unlisted_reason(res, name)) if x)
    return f"{name}（{why}）" if why else name


def run_days_note(r: SectionResult, day: dt.date, run: int) -> str:
    """（10日总磷；11日氨氮；12日高锰酸盐指数） when the run's days differ in indicator (days apart by ；, a
    day's indicators by 、: 11日氨氮、总磷；12日氨氮)."""
    days = [day - dt.timedelta(days=i) for i in range(run - 1, -1, -1)]
    sets = [tuple(r.exceeded(d)) for d in days]
    if len(set(sets)) <= 1:
        return ""
    if run > MAX_TABLE_DAYS:
        return "（各日超标指标不同）"
    return "（" + "；".join(f"{d.day}日" + "、".join(BY_KEY[k].name for k in ks) for d, ks in zip(days, sets)) + "）"


def short_days_text(res: WaterResult) -> str:
    """The month's days with too few readings at a section, and what those readings were."""
    parts = []
    for r in res.results:
        for d in r.days:
            if d.cls is None:
                few = short_text(r.section, d)
                if few:
                    parts.append(f"{r.section.name}{d.day.month}月{d.day.day}日{few}")
    if not parts:
        return ""
    return ("自动监测有效读数少于4个的日子不算日均值、不判定超标，连续超标天数重新计：" + "；".join(parts) + "。")


# ---------------------------------------------------------------- 水质月报

def report_context(res: WaterResult, charts_dir, settings=None, *, heading: str = "一、",
                   figure_start: int = 1, issued: Issued | None = None) -> dict:
    """Context of 水质月报.docx; ``water`` (and ``charts``) are what the 通报 template needs.
    ``issued``: the month's letters in the 文号 register (issued_letters); without it the 月报 counts the
    days over target only."""
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
                       "caption": f"{r.section.name}断面{'、'.join(BY_KEY[k].name for k in keys)}{chart_word(r, keys)}变化"
                                  f"（{y}年{m}月）"})
    alerts = []
    for a in res.alerts:
        if a.kind == "日超标":
            continue
        period = (f"{a.start.month}月{a.start.day}日至{a.end.month}月{a.end.day}日"
                  + (f"（{(a.end - a.start).days + 1}日）" if a.kind == "连续3日超标" else ""))
        alerts.append({"section": a.section, "kind": KIND_SHOWN.get(a.kind, a.kind), "period": period,
                       "params": "、".join(BY_KEY[k].name for k in a.params), "action": ACTIONS.get(a.kind, "")})
    daily = [a for a in res.alerts if a.kind == "日超标"]
    runs = [a for a in res.alerts if a.kind == "连续3日超标"]
    nat = [r for r in res.results if r.section.level == "国考"]
    nat_ok = [r for r in nat if r.month.cls and r.month.cls <= r.section.target]
    # (every 国考 section counted, one without data said: trial 24's 月报 said 「其中国考断面2个」 of the county's 3)
    nat_none = [r for r in nat if not r.month.cls]
    main = []
    for r in bad:
        main.extend(k for k in r.month.exceeding if k not in main)
    summary = (f"{y}年{m}月" + ("" if res.through >= res.month_end else f"（截至{res.through.day}日）")
               + f"，{len(res.results)}个断面中{len(judged)}个有监测数据，月均值达到水质目标的{len(ok)}个"
               + (f"，达标率{pct(len(ok) / len(judged))}" if judged else "") + "；"
               + (f"超标{len(bad)}个（{'、'.join(r.section.name for r in bad)}），主要超标指标为"
                  f"{'、'.join(BY_KEY[k].name for k in main)}。" if bad else "没有月均值超标的断面。")
               + (f"其中国考断面{len(nat)}个"
                  + (f"（{'、'.join(r.section.name for r in nat_none)}本月没有监测数据）" if nat_none else "")
                  + f"，达标{len(nat_ok)}个。" if nat else "")
               + (f"本月{len({a.section for a in daily})}个断面出现日均值超标，累计{len(daily)}个断面·日"
                  + (f"；{len({a.section for a in runs})}个断面出现日均值连续3日超标，共{len(runs)}次。" if runs else "。")
                  if daily else "本月各断面日均值均未超标。")
               + short_days_text(res) + gaps_text(res)
               # (what the clerk is to do about it is the terminal's and the workbook's: not in the leaders' 月报)
               + "".join(f"{r.section.name}本月没有参与评价的监测数据。" for r in res.results
                         if not r.month.cls and r.section.level != "国考" and unlisted_reason(res, r.section.name)))
    water = {"heading": heading, "summary_text": summary, "sections": sections, "charts": charts,
             "chart_text": "超标断面超标指标的逐日变化见下图（红色虚线为水质目标类别的标准限值，红点为超标日）。",
             "figure_start": figure_start, "alerts": alerts,
             "alert_text": _letters_text(res, issued) + "需要督办、通报、约谈督办或定点督察的情形如下表。",
             "next_text": ("请超标断面所在乡镇和有关部门对照超标指标，抓紧溯源排查，落实驻点盯防和整改措施，"
                           "确保下月断面水质稳定达标。" if bad or daily else "")}
    st = settings
    title = f"{y}年{m}月地表水断面水质月报"
    intro = (f"根据{_common(res, st)['basis']}要求，" if _common(res, st)["basis"] else "") + \
        f"现将{y}年{m}月" + ("" if res.through >= res.month_end else f"（截至{m}月{res.through.day}日）") + \
        "各断面水质情况通报如下。"
    return {**_common(res, st), "date": res.report_date, "title": title, "intro_text": intro, "water": water,
            "charts": chart_files}


def _letters_text(res: WaterResult, issued: Issued | None) -> str:
    """The days over target (counted from the data) and, apart, the letters sent (from the 文号 register):
    the two are not the same number — a letter goes out only on a morning the tool is run."""
    over, third = res.exceed_counts()
    text = (f"本月日均值超标共{over}个断面·日，其中连续超标第3日及以后{third}个断面·日（应督办）。" if over
            else "")
    if issued is None:
        return text
    if not issued.registered:
        return text + "印发的水质预警、督办通知份数以发文登记为准（设置中没有填写预警、督办文号前缀，本工具没有登记文号）。"
    return (text + f"按文号登记，本月印发水质预警{len(issued.warning)}份" + _numbers_text(issued.warning)
            + f"、督办通知{len(issued.supervise)}份" + _numbers_text(issued.supervise) + "。")


def _numbers_text(letters: list) -> str:
    """（云水预〔2026〕11～13号） / （云水督〔2026〕18号、20号）: the 文号 of the letters, runs joined."""
    if not letters:
        return ""
    groups: list[list] = []            # [code〔year〕, first, last]
    for _d, _s, number in letters:
        m = re.fullmatch(r"(.*〔\d+〕)(\d+)号", number)
        head, seq = m.group(1), int(m.group(2))
        if groups and groups[-1][0] == head and groups[-1][2] + 1 == seq:
            groups[-1][2] = seq
        else:
            groups.append([head, seq, seq])
    parts = []
    for i, (head, a, b) in enumerate(groups):
        lead = head if i == 0 or groups[i - 1][0] != head else ""
        parts.append(f"{lead}{a}号" if a == b else f"{lead}{a}～{b}号")
    return "（" + "、".join(parts) + "）"


def _short_exceed(s: Section, x) -> str:
    p = BY_KEY[x.key]
    if x.multiple is not None:
        return f"{p.name}（{x.multiple:.2f}倍）"
    if p.direction == "min":
        return f"{p.name}（低于限值）"
    return f"{p.name}（超出6～9）"


def chart_word(r: SectionResult, keys) -> str:
    """日均值 / 监测值 (a lake's weekly lab samples are single values, README) / 日均值或监测值 for a chart's values."""
    return value_word(x for d in r.days for k, x in d.params.items() if k in keys and x.value is not None)


def _chart(r: SectionResult, keys, res: WaterResult, out: Path) -> tuple[Path, list[dict]]:
    s = r.section
    days = [d.day.day for d in r.days]
    panels = []
    word = chart_word(r, keys)
    for k in keys:
        vals, ex = [], []
        for d in r.days:
            x = d.params.get(k)
            vals.append(x.value if x is not None else None)
            ex.append(k in d.exceeding)
        panels.append(panel_spec(k, BY_KEY[k].name, BY_KEY[k].unit, days, vals, ex, limit_of(BY_KEY[k], s.target, s.lake),
                                 class_name(s.target), BY_KEY[k].direction, word))
    title = f"{s.name}断面 {res.period.year}年{res.period.month}月{word}（水质目标{s.target_name}类）"
    return section_month_chart(title, res.period.month, len(days), panels, out), panels


# ---------------------------------------------------------------- all of them

@dataclass
class MadeWaterDocuments:
    files: dict = field(default_factory=dict)       # kind -> [paths]
    daily: Path | None = None
    notes: list[str] = field(default_factory=list)
    # the day's letters as made: {section, kind (预警/督办), doc_number, title, recipients, run_days, file}
    letters: list[dict] = field(default_factory=list)

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


def make_water_documents(res: WaterResult, out_dir, settings=None, register=None) -> MadeWaterDocuments:
    """``register``: the folder of the 文号 register (default: see DocNumbers)."""
    out_dir = Path(out_dir)
    made = MadeWaterDocuments()
    day = res.report_date
    numbers = DocNumbers(res, out_dir, settings, register) if any(
        (r.day(day) is not None and r.day(day).exceeding) for r in res.results) else None
    done = False
    empty = res.report_day_empty
    try:
        contexts = warning_contexts(res, settings, numbers=numbers)
        if contexts:
            r = WaterRenderer("warning")
            paths = []
            for c in contexts:
                kind = "督办" if c["supervise"] else "预警"
                name = safe_filename(f"水质{kind}_{c['section']}_{day.month}月{day.day}日") + ".docx"
                paths.append(r.render(c, out_dir / FOLDERS["warning"] / name))
                made.letters.append({"section": c["section"], "kind": kind, "doc_number": c["doc_number"],
                                     "title": c["title"], "recipients": list(c["recipients"]),
                                     "run_days": c["run_days"], "file": paths[-1]})
            made.files["warning"] = paths
            # the letters' 反馈期限 counted in a year the holiday table lacks: said once (workdays.weekend_only_note)
            st = settings
            counted = sorted({("水质督办通知的反馈期限" if c["supervise"] else "水质预警通知的反馈期限", c["date"],
                               c["reply_deadline"]) for c in contexts})
            note = weekend_only_note(counted, (st.holidays or []) if st else [], (st.workdays or []) if st else [])
            if note:
                made.notes.append(note)
        elif empty:
            # no reading yet on the report date: 「没有超标断面」 would be said on no data
            made.files["warning"] = []
            newest = f"（本期最新数据为{res.latest.month}月{res.latest.day}日）" if res.latest else ""
            made.notes.append(f"{cn_date(day)}各断面都还没有监测数据{newest}，没有写当日的预警和水质日报。")
        else:
            made.files["warning"] = []
            few = [f"{r.section.name}{short_text(r.section, r.day(day))}" for r in res.results
                   if r.day(day) is not None and r.day(day).cls is None and short_text(r.section, r.day(day))]
            made.notes.append(f"{cn_date(day)}没有超标断面，不需要预警"
                              + "".join(f"；{x}，当日不判定超标，连续超标天数重新计" for x in few) + "。")
        done = True
    finally:
        if numbers is not None:
            numbers.close(commit=done)      # the numbers of letters not written are not used up
            made.notes.extend(numbers.notes)
    if not empty:
        made.daily = out_dir / safe_filename(f"水质日报_{cn_date(res.report_date)}.txt")
        with atomic_path(made.daily) as tmp:
            tmp.write_text(daily_text(res, settings), encoding="utf-8")
    folder = out_dir / FOLDERS["report"]
    ctx = report_context(res, folder / "图表", settings, issued=issued_letters(res, out_dir, settings, register=register))
    target = folder / report_name(res)
    whole = folder / safe_filename(f"{res.period.year}年{res.period.month}月水质月报.docx")
    made.files["report"] = [WaterRenderer("report").render(ctx, target)]
    if target != whole and whole.exists():
        made.notes.append(f"水质月报按数据截至的日期命名：这次的数据截至{res.through.month}月{res.through.day}日，"
                          f"整月的「{whole.name}」没有改动。")
    return made


def report_name(res: WaterResult) -> str:
    """2026年5月水质月报.docx for the whole month; 2026年5月水质月报（截至5月16日）.docx before its end —
    re-running a past morning made a 5-16 report over the month-end one, silently.  A report date
    before the data's newest day (a past morning re-run on a later data folder) is named too."""
    y, m, through, day = res.period.year, res.period.month, res.through, res.report_date
    tail = "" if through >= res.month_end else f"（截至{m}月{through.day}日）"
    if day < through:
        tail = f"（截至{m}月{through.day}日，报告日期{m}月{day.day}日）"
    return safe_filename(f"{y}年{m}月水质月报{tail}.docx")


__all__ = ["WaterRenderer", "warning_contexts", "daily_text", "report_context", "make_water_documents",
           "section_label"]
