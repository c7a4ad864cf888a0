"""The result workbook (a new file, written atomically) and the JSON report.

概况 · 月评价 (one row per section, monthly means coloured by class) · 日均值 (each
section and day; every cell coloured by its class, with where its readings came
from) · 预警 · 季度 · 问题清单 (file, sheet, cell of every value not used) ·
数据来源 (what became of every value of every sheet read) · 标准限值.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..fileutil import atomic_path, print_readably, save_workbook
from ..findings import ERROR, INFO, WARNING
from ..tables import FINDING_HEADERS, FINDING_WIDTHS, finding_rows
from .judge import ALERT_KINDS, KIND_SAID, WaterResult, gaps_text, no_data_note, run_break, short_text, unlisted_notes, value_text
from .readings import KIND_NAMES, unpack
from .standard import BY_KEY, TABLE1, class_name, places_for

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(ws, value, fill: str | None = None, bold=False, wrap=False, fmt: str | None = None):
    """A write-only cell; user text that starts with "=" stays text (never a formula)."""
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        c.data_type = "s"
    if fill:
        c.fill = PatternFill("solid", fgColor=fill)
    if bold:
        c.font = BOLD
    if wrap:
        c.alignment = WRAP
    if fmt:
        c.number_format = fmt
    return c

# light tints of the usual map colours: Ⅰ-Ⅱ blue, Ⅲ green, Ⅳ yellow, Ⅴ orange, 劣Ⅴ red
CLASS_FILLS = {1: "9FD9F6", 2: "CDEBF9", 3: "C6EFCE", 4: "FFEB9C", 5: "F8CBAD", 6: "FF9999"}
CLASS_FILL_BY_NAME_TEXT = {f"{class_name(k)}类": v for k, v in CLASS_FILLS.items()}   # "Ⅲ类" -> fill
OK_FILL, BAD_FILL, SHORT_FILL = "C6EFCE", "FF9999", "EDEDED"
HEAD_FILL = "D9E1F2"
SEVERITY_COLORS = {ERROR: "FFA39E", WARNING: "FFE58F", INFO: "E6F7FF"}
ALERT_FILLS = {"日超标": "FFEB9C", "连续3日超标": "F8CBAD", "月均值超标": "F8CBAD", "季度劣Ⅴ类": "FF9999",
               "连续两季度超标": "FF9999"}
COUNT_LABELS = [("used", "采用"), ("marker", "缺测标记（--、*、维护）"), ("bad", "不是数值"), ("unit", "单位不对"),
                ("implausible", "数值不可能"), ("unknown_section", "断面不在清单"), ("no_section", "没有断面名称"),
                ("bad_time", "时间写法不对"), ("out_of_period", "不在判定时间范围"), ("station_status", "站点维护或故障"),
                ("duplicate", "重复读数"), ("superseded", "同日有自动监测数据"), ("unknown_item", "不是评价项目"),
                ("footer", "表尾签名行")]


class _Cells:
    """Styled cells for one write-only sheet.  openpyxl registers a style by hashing it for
    every cell; a month of 300 sections is 200,000 coloured cells, so each combination is
    registered once and its style index copied."""

    def __init__(self, ws):
        self.ws = ws
        self.styles: dict = {}

    def __call__(self, value, fill=None, bold=False, wrap=False, fmt=None):
        key = (fill, bold, wrap, fmt)
        if key == (None, False, False, None):
            return _cell(self.ws, value)
        style = self.styles.get(key)
        if style is None:
            style = self.styles[key] = _cell(self.ws, None, fill, bold, wrap, fmt)._style
        c = _cell(self.ws, value)
        c._style = copy.copy(style)
        return c


def _print(ws, title_rows: str | None = "1:1") -> None:
    """A4 landscape, every column on one page wide, the header row on every page, page numbers:
    what the collect workbook does (result_writer._print_setup); fileutil.print_landscape's settings,
    written out because a write-only sheet lacks the PAPERSIZE_ constants it uses."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"        # A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _header(ws, names, widths, rows: int, title_cols: str | None = "A:A", freeze="A2"):
    """The header row and the print set-up of a table of ``rows`` rows (header included): the month
    workbooks' rule (fileutil.print_readably: A4 landscape, one page wide only while the text stays at 7 pt
    or more, else column groups side by side with ``title_cols`` repeated; trial 17's 月评价 and 日均值
    fitted 26 columns to one page wide at 3–4 pt).  Set before the first row: a write-only sheet writes
    its properties with it."""
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = freeze
    print_readably(ws, widths, max(rows, 1), title_cols=title_cols)
    ws.append([_cell(ws, n, HEAD_FILL, bold=True, wrap=True) for n in names])


def param_columns(res: WaterResult) -> list[str]:
    """Every parameter with data this month at any section, in the standard's order."""
    have = {k for r in res.results for k, m in r.month.means.items() if m.days}
    return [k for k in BY_KEY if k in have]


def _num_format(key: str, value: float | None = None, dl: float | None = None) -> str:
    """The parameter's decimals; more for a value they would show as 0 (0.005, ½ of 0.01L); a value
    whose readings were all below the detection limit shows as 「<0.01」 (the cell keeps the ½ DL used)."""
    if dl is not None:
        return f'"<{dl:g}"'
    d = BY_KEY[key].decimals
    if value is not None and value > 0:
        d = places_for(value, d)
    return "0" if d == 0 else "0." + "0" * d


def exceed_text(sec, means: dict, keys) -> str:
    return "；".join(value_text(sec, means[k]) for k in keys)


def source_text(res: WaterResult, first: int, last: int) -> str:
    b0, r0, c0 = unpack(first)
    b1, r1, c1 = unpack(last)
    f0, s0, a = res.readings.where(first)
    f1, s1, b = res.readings.where(last)
    if b0 == b1:
        return f"{Path(f0).name}｜{s0}｜{a}" + (f":{b}" if a != b else "")
    return f"{Path(f0).name}｜{s0}｜{a} 至 {Path(f1).name}｜{s1}｜{b}"


def summary_lines(res: WaterResult) -> list[str]:
    n = len(res.results)
    judged = [r for r in res.results if r.month.cls]
    ok = [r for r in judged if r.section.target and r.month.cls <= r.section.target]
    bad = [r for r in judged if r.section.target and r.month.cls > r.section.target]
    lines = [f"{res.period.year}年{res.period.month}月：断面{n}个，有数据{len(judged)}个，月均值达标{len(ok)}个、超标{len(bad)}个"
             + (f"（{'、'.join(r.section.name for r in bad)}）" if bad else "") + "。"]
    counts = {k: sum(1 for a in res.alerts if a.kind == k) for k in ALERT_KINDS}
    over, third = res.exceed_counts()
    # 「日超标 27 条」 read as 27 letters sent (the trial's 月报 said 发出预警21次、督办34次 for 3 and 3 letters)
    lines.append(f"日均值超标 {over} 个断面·日（其中连续超标第3日及以后 {third} 个）；「预警」表："
                 + "，".join(f"{KIND_SAID.get(k, k)} {v} 条" for k, v in counts.items() if k != "日超标")
                 + "。印发的预警、督办文书以文号登记为准（见水质月报）。")
    f = res.findings
    lines.append(f"读到监测数据文件{len(res.readings.files)}个、数据表{len(res.readings.blocks)}张，采用数值"
                 f"{res.readings.total('used')}个；问题清单：错误 {sum(x.severity == ERROR for x in f)}，"
                 f"警告 {sum(x.severity == WARNING for x in f)}，提示 {sum(x.severity == INFO for x in f)}。")
    lines.append(f"判定时间范围 {res.readings.window.start.isoformat()} 至 {res.readings.window.end.isoformat()}；"
                 f"文书日期 {res.report_date.isoformat()}。")
    empty = no_data_note(res)
    if empty:
        lines.append(empty)
    lines += unlisted_notes(res)        # not only an error count: the section shows 无数据 and misses its warnings
    lines += res.readings.guessed       # a section read from a contained name: a guess, said where the counts are
    gaps = gaps_text(res)
    if gaps:
        lines.append(gaps)
    day = res.report_date
    for r in res.results:      # a day with readings too few for a mean is not a day without data
        d = r.day(day)
        few = short_text(r.section, d) if d is not None and d.cls is None else ""
        if few:
            lines.append(f"  {r.section.name}：{day.month}月{day.day}日{few}；当日不判定超标，连续超标天数重新计。")
    return lines


def write_result(res: WaterResult, target) -> Path:
    wb = Workbook(write_only=True)
    keys = param_columns(res)

    ws = wb.create_sheet("概况")
    ws.column_dimensions["A"].width = 120
    _print(ws, None)
    ws.append([_cell(ws, f"{res.period.year}年{res.period.month}月 地表水断面水质研判结果", bold=True)])
    for line in summary_lines(res):
        ws.append([_cell(ws, line, wrap=True)])
    ws.append([_cell(ws, f"断面清单：{Path(res.readings.sections.file).name}（工作表「{res.readings.sections.sheet}」）")])
    ws.append([_cell(ws, "评价依据：GB 3838-2002 表1；单因子评价（环办〔2011〕22号）；规则见 README「水质研判的规则」。")])
    ws.append([_cell(ws, f"生成时间：{dt.datetime.now():%Y-%m-%d %H:%M}")])

    _month_sheet(wb, res, keys)
    _daily_sheet(wb, res, keys)
    _alert_sheet(wb, res)
    _quarter_sheet(wb, res, keys)

    ws = wb.create_sheet("问题清单")
    rows = finding_rows(res.findings)
    _header(ws, FINDING_HEADERS, FINDING_WIDTHS, len(rows) + 1)
    for row in rows:
        ws.append([_cell(ws, v, SEVERITY_COLORS.get(v) if i == 0 else None, wrap=i in (1, 6, 7)) for i, v in enumerate(row)])

    ws = wb.create_sheet("数据来源")
    heads = ["文件", "工作表", "数据类型", "表头行", "断面数", "最早时间", "最晚时间", "读到的值"] + [lbl for _, lbl in COUNT_LABELS]
    _header(ws, heads, [40, 14, 10, 7, 7, 17, 17, 10] + [9] * len(COUNT_LABELS), len(res.readings.blocks) + 1, "A:B")
    for b in res.readings.blocks:
        total = sum(b.counts[k] for k, _ in COUNT_LABELS)
        ws.append([_cell(ws, Path(b.file).name), _cell(ws, b.sheet), b.kind_name, b.header_row, len(b.sections),
                   _cell(ws, b.first, fmt="yyyy-mm-dd hh:mm"), _cell(ws, b.last, fmt="yyyy-mm-dd hh:mm"), total]
                  + [b.counts[k] for k, _ in COUNT_LABELS])

    ws = wb.create_sheet("标准限值")
    _header(ws, ["序号", "项目", "单位", "Ⅰ类", "Ⅱ类", "Ⅲ类", "Ⅳ类", "Ⅴ类", "说明"], [6, 18, 9, 10, 10, 10, 10, 10, 50],
            len(TABLE1) + 1, "A:B")
    for p in TABLE1:
        note = {"max": "≤", "min": "≥（溶解氧越高越好）", "range": "6～9", "none": "不分类别"}[p.direction]
        if p.lake_limits:
            note += "；湖、库：" + "、".join(f"{x:g}" for x in p.lake_limits)
        if not p.assessed:
            note += "；不参与断面水质类别评价（环办〔2011〕22号）"
        lims = list(p.limits) if p.limits and p.direction != "range" else ["6～9"] * 5 if p.direction == "range" \
            else [""] * 5
        ws.append([p.item, p.name, p.unit] + lims + [note])
    return save_workbook(wb, target)


def _month_sheet(wb, res: WaterResult, keys):
    ws = wb.create_sheet("月评价")
    heads = ["序号", "断面名称", "所在河流（湖库）", "级别", "水质目标", "本月类别", "是否达标", "超标指标及超标倍数", "定类指标",
             "有效天数", "超标天数", "本季度类别", "上季度类别"]
    heads += [f"{BY_KEY[k].name}({BY_KEY[k].unit})" for k in keys]
    _header(ws, heads, [5, 16, 14, 6, 8, 8, 8, 40, 14, 8, 8, 10, 10] + [13] * len(keys), len(res.results) + 1, "A:B",
            freeze="C2")
    cell = _Cells(ws)
    for i, r in enumerate(res.results, 1):
        s, m = r.section, r.month
        judged = bool(m.cls and s.target)
        verdict = ("达标" if m.cls <= s.target else "超标") if judged else ("无数据" if not m.cls else "无目标")
        days = max((x.days for x in m.means.values()), default=0)
        nbad = sum(1 for d in r.days if d.exceeding)
        row = [i, cell(s.name), cell(s.river), s.level, cell(f"{s.target_name}类" if s.target else ""),
               cell(f"{class_name(m.cls)}类" if m.cls else "无数据", CLASS_FILLS.get(m.cls), bold=True),
               cell(verdict, OK_FILL if verdict == "达标" else BAD_FILL if verdict == "超标" else None),
               cell(exceed_text(s, m.means, m.exceeding), wrap=True),
               "、".join(BY_KEY[k].name for k in m.deciding), days, nbad,
               cell(f"{class_name(r.quarter.cls)}类" if r.quarter.cls else "", CLASS_FILLS.get(r.quarter.cls)),
               cell(f"{class_name(r.prev_quarter.cls)}类" if r.prev_quarter.cls else "",
                     CLASS_FILLS.get(r.prev_quarter.cls))]
        for k in keys:
            x = m.means.get(k)
            if x is None or x.value is None:
                row.append(None)
            else:
                fill = CLASS_FILLS.get(x.cls) if k in s.params or k in s.reference else None
                row.append(cell(x.value, fill, fmt=_num_format(k, x.value, x.dl)))
        ws.append(row)


def _daily_sheet(wb, res: WaterResult, keys):
    ws = wb.create_sheet("日均值")
    heads = ["断面名称", "日期", "当日类别", "超标指标", "连续超标天数"] + [f"{BY_KEY[k].name}({BY_KEY[k].unit})" for k in keys] \
        + ["数据", "来源（第一个和最后一个读数）"]
    _header(ws, heads, [16, 11, 8, 30, 8] + [13] * len(keys) + [10, 60], sum(len(r.days) for r in res.results) + 1,
            "A:B", freeze="C2")
    cell = _Cells(ws)
    for r in res.results:
        s = r.section
        for d in r.days:
            run = r.run_on(d.day) if d.exceeding else 0
            row = [cell(s.name), cell(d.day, fmt="yyyy-mm-dd"),
                   cell(f"{class_name(d.cls)}类" + ("（不含" + "、".join(BY_KEY[k].name for k in d.rejected) + "）"
                                                   if d.rejected else "") if d.cls else "", CLASS_FILLS.get(d.cls)),
                   cell("、".join(f"{BY_KEY[k].name}" + (f"（{d.params[k].multiple:.2f}倍）"
                                                              if d.params[k].multiple is not None else "")
                                      for k in d.exceeding), BAD_FILL if d.exceeding else None),
                   run or None]
            first = last = None
            kinds = set()
            for k in keys:
                x = d.params.get(k)
                if x is None:
                    # a value found but rejected (总磷 24 mg/L: 单位可疑): not an empty cell beside the day's class
                    row.append(cell(f"未采用（{d.rejected[k]}）", SHORT_FILL) if k in d.rejected else None)
                    continue
                kinds.add(x.kind)
                first = x.first_src if first is None else min(first, x.first_src)
                last = x.last_src if last is None else max(last, x.last_src)
                if x.value is None:
                    row.append(cell(f"数据不足（{x.n}个）", SHORT_FILL))
                    continue
                fill = CLASS_FILLS.get(x.cls) if k in s.params or k in s.reference else None
                row.append(cell(x.value, fill, fmt=_num_format(k, x.value, x.dl)))
            if d.note and not kinds:      # the remark of a row without values (未测（采样人员外出）) and its cell
                row.append(cell("无数据"))
                where = f"（{res.readings.where_text(d.note_src)}）" if d.note_src is not None else ""
                row.append(cell(d.note + where))
                ws.append(row)
                continue
            row.append("、".join(KIND_NAMES[k] for k in sorted(kinds)))
            row.append(cell(source_text(res, first, last)) if first is not None else None)
            ws.append(row)


ALERT_HEADERS = ["断面名称", "级别", "预警类型", "开始", "结束", "指标", "说明", "责任乡镇", "责任部门"]
ALERT_WIDTHS = [16, 6, 14, 11, 11, 20, 60, 24, 30]
SECTION_STATUS_HEADERS = ["本月类别", "是否达标", "超标指标（超标倍数）", "本月预警"]


def alert_rows(res: WaterResult) -> list[list]:
    """The 预警 table (the result workbook and the 督办台账's 水质预警 sheet)."""
    by_name = {r.section.name: r.section for r in res.results}
    return [[a.section, by_name[a.section].level, KIND_SAID.get(a.kind, a.kind), a.start, a.end,
             "、".join(BY_KEY[k].name for k in a.params),
             a.detail, "、".join(by_name[a.section].towns), "、".join(by_name[a.section].departments)]
            for a in res.alerts]


def section_status(res: WaterResult) -> dict[str, list]:
    """{section name: [本月类别, 是否达标, 超标指标, 本月预警]} for the 断面 sheet's status columns."""
    out = {}
    for r in res.results:
        s, m = r.section, r.month
        verdict = ("达标" if m.cls <= s.target else "超标") if m.cls and s.target else ("无数据" if not m.cls else "无目标")
        counts = {}
        for a in r.alerts:
            counts[a.kind] = counts.get(a.kind, 0) + 1
        out[s.name] = [f"{class_name(m.cls)}类" if m.cls else "无数据", verdict,
                       "、".join(f"{BY_KEY[k].name}（{m.means[k].multiple:.2f}倍）" if m.means[k].multiple is not None
                                else BY_KEY[k].name for k in m.exceeding),
                       "，".join(f"{k}{v}次" if k == "日超标" else k for k, v in counts.items())]
    return out


def day_status(res: WaterResult) -> list[dict]:
    """Each section on the report date and in the month so far: what the clerk reads in the morning (the
    browser desk shows it from the JSON).  The day's class and verdict (达标/超标/数据不足/无数据/无目标),
    the exceeding indicators with value, class and 超标倍数, the exceeding days in a row with each day's
    indicators (and the day of too few readings that restarted the count), the letter the day brings (SectionResult.letter_on) and to whom; the month's columns are
    the 断面 sheet's (section_status)."""
    day = res.report_date
    month = section_status(res)
    out = []
    for r in res.results:
        s = r.section
        sd = r.day(day)
        cls = sd.cls if sd is not None else None
        few = short_text(s, sd) if sd is not None and cls is None else ""
        if cls is None:
            verdict = "数据不足" if few else "无数据"
        elif not s.target:
            verdict = "无目标"
        else:
            verdict = "超标" if cls > s.target else "达标"
        letter = r.letter_on(day)
        n = r.run_on(day)
        run = [{"date": (day - dt.timedelta(days=i)).isoformat(),
                "params": [BY_KEY[k].name for k in r.exceeded(day - dt.timedelta(days=i))]} for i in range(n - 1, -1, -1)]
        # a run broken by missing data, not by clean water (as the 预警/督办 letter says it: judge.run_break)
        broken = run_break(r, day - dt.timedelta(days=n - 1)) if n else ""
        m = month[s.name]
        out.append({"name": s.name, "level": s.level, "river": s.river,
                    "target": f"{s.target_name}类" if s.target else None,
                    "class": f"{class_name(cls)}类" if cls else None, "verdict": verdict,
                    "exceeding": [value_text(s, sd.params[k]) for k in sd.exceeding] if cls else [],
                    "short": few, "run_days": n, "run": run,
                    "run_restarted": broken,
                    "letter": letter or None,
                    "recipients": s.units if letter else [],
                    "month_class": m[0], "month_verdict": m[1], "month_exceeding": m[2], "month_alerts": m[3]})
    return out


def _alert_sheet(wb, res: WaterResult):
    ws = wb.create_sheet("预警")
    _header(ws, ALERT_HEADERS, ALERT_WIDTHS, len(res.alerts) + 1)
    for row in alert_rows(res):
        ws.append([_cell(ws, row[0]), row[1], _cell(ws, row[2], ALERT_FILLS.get(row[2]), bold=True),
                   _cell(ws, row[3], fmt="yyyy-mm-dd"), _cell(ws, row[4], fmt="yyyy-mm-dd"), row[5],
                   _cell(ws, row[6], wrap=True), _cell(ws, row[7]), _cell(ws, row[8])])


def _quarter_sheet(wb, res: WaterResult, keys):
    ws = wb.create_sheet("季度")
    heads = ["断面名称", "水质目标", "季度", "起", "止", "类别", "超标指标及超标倍数"] + [BY_KEY[k].name for k in keys]
    _header(ws, heads, [16, 8, 16, 11, 11, 8, 40] + [10] * len(keys),
            sum(1 for r in res.results for q in r.quarters if q.has_data) + 1, "A:C")
    cell = _Cells(ws)
    for r in res.results:
        s = r.section
        for q in r.quarters:
            if not q.has_data:
                continue
            row = [cell(s.name), f"{s.target_name}类" if s.target else "",
                   q.label + ("" if q.complete else "（至今）"), cell(q.start, fmt="yyyy-mm-dd"),
                   cell(q.end, fmt="yyyy-mm-dd"),
                   cell(f"{class_name(q.cls)}类" if q.cls else "", CLASS_FILLS.get(q.cls)),
                   cell(exceed_text(s, q.means, q.exceeding), wrap=True)]
            for k in keys:
                x = q.means.get(k)
                row.append(cell(x.value, CLASS_FILLS.get(x.cls) if k in s.params else None,
                                fmt=_num_format(k, x.value, x.dl))
                           if x is not None and x.value is not None else None)
            ws.append(row)


def to_dict(res: WaterResult) -> dict:
    """The JSON report: sections with their monthly class and means, and the alerts."""
    sections = []
    for r in res.results:
        s, m = r.section, r.month
        sections.append({
            "name": s.name, "target": s.target_name or None, "class": class_name(m.cls) or None,
            "monthly_mean": {BY_KEY[k].name: x.value for k, x in m.means.items() if x.value is not None},
            "exceeding": [BY_KEY[k].name for k in m.exceeding],
            "river": s.river, "level": s.level, "water": s.water_text,
            "deciding": [BY_KEY[k].name for k in m.deciding],
            "exceeding_days": [d.day.isoformat() for d in r.days if d.exceeding],
            "quarter_class": class_name(r.quarter.cls) or None,
            "previous_quarter_class": class_name(r.prev_quarter.cls) or None,
        })
    return {"period": res.period.strftime("%Y-%m"), "report_date": res.report_date.isoformat(),
            "window": [res.readings.window.start.isoformat(), res.readings.window.end.isoformat()],
            "sections": sections, "report_day": day_status(res),
            # no reading at all on the report date: what to say instead of 「没有超标断面」 (the web page shows it)
            "report_day_empty": no_data_note(res) or None,
            "alerts": [a.to_dict() for a in res.alerts],
            "findings": [f.to_dict() for f in res.findings],
            "sources": [{"file": b.file, "sheet": b.sheet, "kind": b.kind_name, "counts": dict(b.counts)}
                        for b in res.readings.blocks]}


def write_json(res: WaterResult, target) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(json.dumps(to_dict(res), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return Path(target)


__all__ = ["write_result", "write_json", "to_dict", "summary_lines", "CLASS_FILLS", "ALERT_HEADERS", "alert_rows",
           "SECTION_STATUS_HEADERS", "section_status", "day_status"]
