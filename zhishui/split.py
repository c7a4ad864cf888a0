"""Split: one return workbook (报送表) per unit that has tasks, holding only its tasks.

Reference columns are locked and grey; only the fill cells are editable; the
identity needed to read a return back is hidden in the file (see returnsheet).
Only features Excel and WPS both support: cell protection, list and decimal
validation, hidden columns, a very-hidden sheet, number formats.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import returnsheet as rs
from .fileutil import safe_filename, save_workbook, unique_path
from .tasks import TaskList

GREY = PatternFill("solid", fgColor="EDEDED")
HEAD = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
WIDTHS = {"seq": 6, "category": 16, "content": 42, "deadline": 14, "role": 8, "state": 11, "percent": 9,
          "progress": 40, "problems": 24, "next_steps": 24, "evidence": 22, "key": 10}


def report_due(period: dt.date, settings, override: dt.date | None = None) -> dt.date:
    """When returns for a period are due: --due, else day 报送截止日 (default 25) of the period's month."""
    if override:
        return override
    day = settings.report_day
    import calendar
    last = calendar.monthrange(period.year, period.month)[1]
    return period.replace(day=min(max(day, 1), last))


def row_height(cells: list[tuple[str, float]], line_pt: float = 15.0) -> float:
    """Row height that shows wrapped Chinese text: LibreOffice and WPS do not
    recompute heights of rows written without one."""
    import math
    lines = 1
    for text, width in cells:
        chars_per_line = max(1.0, width / 2.1)   # a CJK character is about two width units
        n = sum(max(1, math.ceil(len(part) / chars_per_line)) for part in str(text or "").split("\n"))
        lines = max(lines, n)
    return min(409.0, lines * line_pt + 4)


@dataclass
class SplitFile:
    unit: str
    path: Path
    tasks: int
    known: bool          # the unit is in the directory

    def to_dict(self):
        return {"unit": self.unit, "file": str(self.path), "tasks": self.tasks, "in_directory": self.known}


def split_returns(tl: TaskList, period: dt.date, out_dir, *, due: dt.date | None = None,
                  generated: dt.datetime | None = None, links: dict[str, str] | None = None) -> list[SplitFile]:
    """``links``: unit -> its own upload page (zhishui serve), written into its workbook."""
    out_dir = Path(out_dir)
    due = report_due(period, tl.settings, due)
    generated = generated or dt.datetime.now().replace(microsecond=0)
    units = tl.units()
    order = {u.name: i for i, u in enumerate(tl.directory.units)}
    taken: set = set()
    made = []
    for unit in sorted(units, key=lambda u: (order.get(u, 10 ** 6), u)):
        roles = units[unit]
        tasks = [t for t in tl.tasks if t.key in roles]
        wb = build_return(tl, unit, tasks, roles, period, due, generated, link=(links or {}).get(unit))
        stem = safe_filename(f"{rs.period_cn(period)}_{unit}_进展情况报送表")
        path = unique_path(out_dir, stem, ".xlsx", taken)
        save_workbook(wb, path)
        made.append(SplitFile(unit, path, len(tasks), tl.directory.get(unit) is not None))
    return made


def build_return(tl: TaskList, unit: str, tasks, roles: dict, period: dt.date, due: dt.date,
                 generated: dt.datetime, link: str | None = None) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = rs.SHEET
    ncol = len(rs.COLUMNS)
    last_visible = get_column_letter(ncol - 1)
    col = {f: i + 1 for i, (f, _) in enumerate(rs.COLUMNS)}

    ws.cell(rs.TITLE_ROW, 1, rs.title_text(tl.settings.plan_name, period)).font = Font(bold=True, size=14)
    ws.cell(rs.TITLE_ROW, 1).alignment = CENTER
    ws.merge_cells(f"A{rs.TITLE_ROW}:{last_visible}{rs.TITLE_ROW}")
    ws.cell(rs.INFO_ROW, 1, rs.info_text(unit, period, due)).font = Font(bold=True)
    ws.merge_cells(f"A{rs.INFO_ROW}:{last_visible}{rs.INFO_ROW}")
    ws.cell(3, 1, "填表说明：灰色部分为下发内容，请勿修改；请在白色单元格中填写。「完成状态」请从下拉列表中选择（"
            + "；".join(f"{k}：{v}" for k, v in rs.STATE_HELP.items()) + "）；「完成比例」填0%—100%；"
            "选「已完成」的请在「佐证材料」中列明材料名称。"
            + (f"填好后可在本单位专用网页上传本表（也可在网页上直接填写）：{link}" if link else "")).alignment = WRAP
    ws.merge_cells(f"A3:{last_visible}3")
    ws.row_dimensions[3].height = 64 if link else 48

    for f, header in rs.COLUMNS:
        c = ws.cell(rs.HEADER_ROW, col[f], header)
        c.font, c.fill, c.alignment, c.border = Font(bold=True), HEAD, CENTER, BOX
        ws.column_dimensions[get_column_letter(col[f])].width = WIDTHS[f]
    ws.column_dimensions[get_column_letter(col["key"])].hidden = True

    # columns of the list no role claims (工程目的, 投资估算 …): shown for reference,
    # grey and locked like the issued text, after the columns the unit fills
    extra_heads = list(dict.fromkeys(h for t in tasks for h in t.extras))
    extra_col = {h: ncol + 1 + i for i, h in enumerate(extra_heads)}
    for h, c in extra_col.items():
        cell = ws.cell(rs.HEADER_ROW, c, rs.EXTRA_PREFIX + h)
        cell.font, cell.fill, cell.alignment, cell.border = Font(bold=True), HEAD, CENTER, BOX
        ws.column_dimensions[get_column_letter(c)].width = 16

    r = rs.FIRST_TASK_ROW
    for t in tasks:
        ref = {"seq": t.seq, "category": t.category, "content": t.full_content,
               "deadline": t.deadline_text,
               "role": rs.ROLE_CN[roles[t.key]], "key": t.key}
        for f, _ in rs.REFERENCE + [("key", "")]:
            c = ws.cell(r, col[f], ref[f])
            c.fill, c.alignment, c.border = GREY, WRAP, BOX
            c.protection = Protection(locked=True)
            if isinstance(c.value, str) and c.value.startswith("="):
                c.data_type = "s"   # user text is data, never a formula
        for h, c_ in extra_col.items():
            c = ws.cell(r, c_, t.extras.get(h, ""))
            c.fill, c.alignment, c.border = GREY, WRAP, BOX
            c.protection = Protection(locked=True)
            c.data_type = "s"
        for f in rs.FILL_FIELDS:
            c = ws.cell(r, col[f])
            c.alignment, c.border = WRAP, BOX
            c.protection = Protection(locked=False)
        ws.cell(r, col["percent"]).number_format = "0%"
        ws.row_dimensions[r].height = row_height([(ref["content"], WIDTHS["content"]),
                                                  (ref["category"], WIDTHS["category"]),
                                                  (ref["deadline"], WIDTHS["deadline"])]
                                                 + [(t.extras.get(h, ""), 16) for h in extra_col])
        r += 1
    last_task_row = r - 1

    footer_row = r + 1
    for i, (f, label) in enumerate(rs.FOOTER_FIELDS):
        lc = ws.cell(footer_row, 1 + i * 4, label + "：")
        lc.font = Font(bold=True)
        vc = ws.cell(footer_row, 2 + i * 4)
        vc.protection = Protection(locked=False)
        vc.border = Border(bottom=THIN)
        if f == "report_date":
            vc.number_format = "yyyy-mm-dd"
    ws.merge_cells(start_row=footer_row, start_column=2, end_row=footer_row, end_column=3)
    ws.merge_cells(start_row=footer_row, start_column=6, end_row=footer_row, end_column=7)
    ws.merge_cells(start_row=footer_row, start_column=10, end_row=footer_row, end_column=11)

    if tasks:
        states = DataValidation(type="list", formula1='"' + ",".join(rs.STATES) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="完成状态",
                                error="请从下拉列表中选择：" + "、".join(rs.STATES),
                                showInputMessage=True, promptTitle="完成状态", prompt="请从下拉列表中选择")
        states.add(f"{get_column_letter(col['state'])}{rs.FIRST_TASK_ROW}:{get_column_letter(col['state'])}{last_task_row}")
        pct = DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True,
                             showErrorMessage=True, errorTitle="完成比例", error="请填写0%到100%之间的比例，如80%")
        pct.add(f"{get_column_letter(col['percent'])}{rs.FIRST_TASK_ROW}:{get_column_letter(col['percent'])}{last_task_row}")
        date_dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                 showErrorMessage=True, errorTitle="填报日期", error="请填写日期，如2020-11-20")
        date_dv.add(ws.cell(footer_row, 10).coordinate)
        for dv in (states, pct, date_dv):
            ws.add_data_validation(dv)

    ws.freeze_panes = ws.cell(rs.FIRST_TASK_ROW, 1)
    ws.print_title_rows = f"{rs.HEADER_ROW}:{rs.HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
    ws.protection.password = rs.PASSWORD
    ws.protection.formatColumns = False   # allowed: resizing columns and rows
    ws.protection.formatRows = False

    idn = wb.create_sheet(rs.IDENTITY_SHEET)
    idn.sheet_state = "veryHidden"
    meta = [("magic", rs.IDENTITY_MAGIC), ("unit", unit), ("period", rs.period_key(period)),
            ("fingerprint", tl.fingerprint), ("list", Path(tl.path).name), ("due", due.isoformat()),
            ("generated", generated.isoformat())]
    for k, v in meta:
        idn.append([k, v])
    idn.append([])
    idn.append(["task_key", "seq", "row", "digest", "role"])
    for i, t in enumerate(tasks):
        ref_deadline = ws.cell(rs.FIRST_TASK_ROW + i, col["deadline"]).value or ""
        idn.append([t.key, t.seq, rs.FIRST_TASK_ROW + i,
                    rs.reference_digest(t.seq, t.category, t.full_content, str(ref_deadline)), roles[t.key]])
    idn.protection.sheet = True
    idn.protection.password = rs.PASSWORD

    wb.properties.creator = "治水督办助手"
    wb.properties.title = f"{unit} {rs.period_cn(period)} 进展情况报送表"
    wb.properties.created = wb.properties.modified = generated
    return wb
