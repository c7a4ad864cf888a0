"""The consolidated result workbook (a new file, written atomically).

概况 · 汇总 (one row per task, status and light as fill colours, every unit's
report with its source) · 报送情况 (every expected unit) · 收到文件 · 异常清单 ·
原始数据 (every non-empty cell read, with its source).  Written in openpyxl's
write-only mode: a province-scale month has a six-figure number of values.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from .collect import STATUS_CN
from .fileutil import atomic_path, save_workbook
from .month import MonthResult, summary_lines
from .sheettext import workbook_text, workbook_value
from .status import LIGHT_COLORS, STATUS_COLORS
from .tables import (FINDING_HEADERS, FINDING_WIDTHS, SUMMARY_HEADERS, SUMMARY_WIDTHS, UNIT_HEADERS, UNIT_WIDTHS,
                     finding_rows, summary_rows, unit_rows)

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
UNIT_STATE_COLORS = {"已报送": "B7EB8F", "逾期报送": "FFE58F", "未报送": "FFA39E", "空表": "FFD8BF"}
SEVERITY_COLORS = {"错误": "FFA39E", "警告": "FFE58F", "提示": "E6F7FF"}


def _plain(ws, value):
    """A value as is, unless it is text that openpyxl would take for a formula."""
    if isinstance(value, str):
        value = workbook_text(value)   # the writer boundary: what a cell cannot hold (kept verbatim in the history)
        if value.startswith("="):
            return _cell(ws, value)
    return value


def _cell(ws, value, fill: str | None = None, bold=False, wrap=False, fmt: str | None = None):
    value = workbook_value(value)
    c = WriteOnlyCell(ws, value=value)
    if isinstance(value, str) and value.startswith("="):
        c.data_type = "s"   # user text is data: never let it become a formula
    if fill:
        c.fill = PatternFill("solid", fgColor=fill)
    if bold:
        c.font = BOLD
    if wrap:
        c.alignment = WRAP
    if fmt:
        c.number_format = fmt
    return c


def _header(ws, names, widths):
    from openpyxl.utils import get_column_letter
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, n, HEAD_FILL.fgColor.rgb[-6:], bold=True) for n in names])


def write_result(res: MonthResult, target) -> Path:
    wb = Workbook(write_only=True)

    ws = wb.create_sheet("概况")
    ws.column_dimensions["A"].width = 120
    ws.append([_cell(ws, f"{res.tl.settings.plan_name or Path(res.tl.path).stem} 报送汇总结果", bold=True)])
    for line in summary_lines(res):
        ws.append([_cell(ws, line, wrap=True)])
    ws.append([_cell(ws, f"责任清单：{Path(res.tl.path).name}（版本指纹 {res.tl.fingerprint}）")])
    if res.history_folder:
        ws.append([_cell(ws, f"历史记录与存档：{res.history_folder}")])

    ws = wb.create_sheet("汇总")
    _header(ws, SUMMARY_HEADERS, SUMMARY_WIDTHS)
    for ts, row in zip(res.statuses, summary_rows(res.statuses)):
        fills = {5: STATUS_COLORS[ts.status], 6: LIGHT_COLORS[ts.light], 13: "FFE58F" if ts.disagreements else None}
        ws.append([_cell(ws, v, fills.get(i), bold=(i == 5), wrap=i in (1, 2, 3, 4, 9, 10, 11, 12, 13))
                   for i, v in enumerate(row)])

    ws = wb.create_sheet("报送情况")
    _header(ws, UNIT_HEADERS, UNIT_WIDTHS)
    for row in unit_rows(res.units):
        ws.append([_cell(ws, v, UNIT_STATE_COLORS.get(v) if i == 2 else None,
                         fmt="yyyy-mm-dd hh:mm" if i == 4 else None) for i, v in enumerate(row)])

    ws = wb.create_sheet("收到文件")
    _header(ws, ["文件", "单位", "识别方式", "报送期", "处理结果", "逾期", "报送行数", "收到时间", "格式", "SHA-256"],
            [50, 24, 10, 10, 14, 6, 8, 18, 8, 66])
    how = {"identity": "隐藏标识", "title": "标题", "sheet": "工作表名", "filename": "文件名", "": ""}
    for s in res.col.submissions:
        ws.append([_cell(ws, s.file), _cell(ws, s.unit or ""), _cell(ws, how.get(s.unit_how, s.unit_how)),
                   _cell(ws, s.period or ""), _cell(ws, STATUS_CN.get(s.status, s.status)),
                   _cell(ws, "是" if s.late else ""), _cell(ws, s.rows),
                   _cell(ws, s.received, fmt="yyyy-mm-dd hh:mm"), _cell(ws, s.format), _cell(ws, s.sha256)])

    ws = wb.create_sheet("异常清单")
    _header(ws, FINDING_HEADERS, FINDING_WIDTHS)
    for row in finding_rows(res.anomalies):
        ws.append([_cell(ws, v, SEVERITY_COLORS.get(v) if i == 0 else None, wrap=i in (6, 7)) for i, v in enumerate(row)])

    ws = wb.create_sheet("原始数据")
    _header(ws, ["文件", "工作表", "单元格", "单位", "任务", "字段", "原始值", "规范值", "是否采用", "说明"],
            [45, 12, 8, 20, 8, 10, 50, 20, 8, 30])
    seq_of = {t.key: t.label for t in res.tl.tasks}
    for v in res.col.values:
        n = v.normalized
        if isinstance(n, float) and v.field == "percent":
            n = f"{n:.0%}"
        elif isinstance(n, (dt.date, dt.datetime)):
            n = n.isoformat()
        # plain values (no styles): this sheet is the largest by far
        ws.append([_plain(ws, x) for x in (v.file, v.sheet, v.cell, v.unit, seq_of.get(v.task, v.task), v.field,
                                          v.raw, n if isinstance(n, (str, int, float)) or n is None else str(n),
                                          "是" if v.used else "否", v.note)])
    # no wall-clock time inside: the same month and --date give the same bytes (a re-run after a crash too)
    return save_workbook(wb, target, when=dt.datetime.combine(res.report_date, dt.time()))


def write_json(res: MonthResult, target) -> Path:
    """The JSON report of the month (same content as the workbook, for other programs)."""
    import json
    with atomic_path(target) as tmp:
        tmp.write_text(json.dumps(res.to_dict(), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return Path(target)
