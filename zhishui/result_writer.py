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
from .fileutil import save_workbook
from .month import MonthResult, summary_lines
from .status import LIGHT_COLORS, STATUS_COLORS

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
WRAP = Alignment(wrap_text=True, vertical="top")
UNIT_STATE_COLORS = {"已报送": "B7EB8F", "逾期报送": "FFE58F", "未报送": "FFA39E", "空表": "FFD8BF"}
SEVERITY_COLORS = {"错误": "FFA39E", "警告": "FFE58F", "提示": "E6F7FF"}


def _cell(ws, value, fill: str | None = None, bold=False, wrap=False, fmt: str | None = None):
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


def _report_text(r) -> str:
    bits = [r.state or (f"「{r.state_raw}」" if r.state_raw else "未填状态")]
    if r.percent is not None:
        bits.append(f"{r.percent:.0%}")
    elif r.percent_raw:
        bits.append(f"比例「{r.percent_raw}」")
    text = f"{r.unit}：{'，'.join(bits)}"
    if r.progress:
        text += f"；进展：{r.progress}"
    if r.problems:
        text += f"；问题：{r.problems}"
    if r.evidence:
        text += f"；佐证：{r.evidence}"
    return text


def _source(r) -> str:
    cells = "、".join(f"{k}={v}" for k, v in r.cells.items())
    return f"{r.file}｜{r.sheet}｜第{r.row}行（{cells}）"


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
    ws.append([_cell(ws, f"生成时间：{dt.datetime.now():%Y-%m-%d %H:%M}")])

    ws = wb.create_sheet("汇总")
    _header(ws, ["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "状态", "灯", "滞后", "距期限（天）", "说明",
                 "牵头单位报送", "来源", "其他单位报送", "分歧"],
            [6, 16, 40, 14, 16, 9, 5, 6, 8, 30, 50, 40, 50, 30])
    for ts in res.statuses:
        t = ts.task
        ws.append([
            _cell(ws, t.seq), _cell(ws, t.category, wrap=True), _cell(ws, t.full_content, wrap=True),
            _cell(ws, t.deadline.raw, wrap=True), _cell(ws, "、".join(t.lead_units()), wrap=True),
            _cell(ws, ts.status, STATUS_COLORS[ts.status], bold=True), _cell(ws, ts.light, LIGHT_COLORS[ts.light]),
            _cell(ws, "滞后" if ts.lagging else ""), _cell(ws, ts.days_left),
            _cell(ws, ts.reason, wrap=True),
            _cell(ws, "\n".join(_report_text(r) for r in ts.lead_reports), wrap=True),
            _cell(ws, "\n".join(_source(r) for r in ts.lead_reports + ts.other_reports), wrap=True),
            _cell(ws, "\n".join(_report_text(r) for r in ts.other_reports), wrap=True),
            _cell(ws, "；".join(ts.disagreements), "FFE58F" if ts.disagreements else None, wrap=True),
        ])

    ws = wb.create_sheet("报送情况")
    _header(ws, ["单位", "应报任务数", "报送情况", "采用的文件", "收到时间", "收到份数", "报送行数", "联系人", "联系电话"],
            [28, 10, 10, 50, 18, 8, 8, 10, 14])
    for u in res.units:
        ws.append([_cell(ws, u.unit), _cell(ws, u.tasks), _cell(ws, u.state, UNIT_STATE_COLORS.get(u.state)),
                   _cell(ws, u.file), _cell(ws, u.received, fmt="yyyy-mm-dd hh:mm"), _cell(ws, u.versions),
                   _cell(ws, u.rows), _cell(ws, u.contact), _cell(ws, u.phone)])

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
    _header(ws, ["严重程度", "代码", "文件", "工作表", "单元格", "序号", "字段", "说明", "建议"],
            [8, 22, 45, 12, 8, 6, 10, 60, 45])
    for a in res.anomalies:
        ws.append([_cell(ws, a.severity, SEVERITY_COLORS.get(a.severity)), _cell(ws, a.code), _cell(ws, a.file),
                   _cell(ws, a.sheet), _cell(ws, a.cell), _cell(ws, a.task), _cell(ws, a.field),
                   _cell(ws, a.message, wrap=True), _cell(ws, a.suggestion, wrap=True)])

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
        ws.append([_cell(ws, v.file), _cell(ws, v.sheet), _cell(ws, v.cell), _cell(ws, v.unit),
                   _cell(ws, seq_of.get(v.task, v.task)), _cell(ws, v.field), _cell(ws, v.raw),
                   _cell(ws, n if isinstance(n, (str, int, float)) or n is None else str(n)),
                   _cell(ws, "是" if v.used else "否"), _cell(ws, v.note)])
    return save_workbook(wb, target)
