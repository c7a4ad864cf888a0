"""The return workbook as split wrote it with XlsxWriter alone (before zhishui.xlsxparts): the
oracle tests/test_split_writer.py compares the workbooks split writes now with, part by part
and cell by cell.  Kept as it was; only the names it takes from split are imported."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from zhishui import returnsheet as rs
from zhishui.plans import PlanIdentity
from zhishui.sheettext import workbook_text
from zhishui.split import DATE_MIN, EXTRA_WIDTH, GREY, HEAD, LINE, WIDTHS, role_text, row_height
from zhishui.tasks import TaskList


TEXT_FIELDS = ("progress", "problems", "next_steps", "evidence", "extend_reason")

class _Formats:
    """The cell formats of a return workbook (XlsxWriter makes them per workbook)."""

    def __init__(self, wb):
        box = {"border": 1, "border_color": LINE}
        wrap = {"text_wrap": True, "valign": "top"}
        self.title = wb.add_format({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter",
                                    "text_wrap": True})
        self.bold = wb.add_format({"bold": True})
        self.note = wb.add_format(wrap)
        self.head = wb.add_format({"bold": True, "bg_color": HEAD, "align": "center", "valign": "vcenter",
                                   "text_wrap": True, **box})
        self.ref = wb.add_format({"bg_color": GREY, **wrap, **box})             # locked: Excel's default
        self.fill = wb.add_format({"locked": False, **wrap, **box})
        self.percent = wb.add_format({"locked": False, "num_format": "0%", **wrap, **box})
        # (session 25: the columns a unit types words in are text cells, so 「=…」 stays as typed)
        self.text = wb.add_format({"locked": False, "num_format": "@", **wrap, **box})
        self.footer = wb.add_format({"locked": False, "bottom": 1, "bottom_color": LINE})
        self.footer_date = wb.add_format({"locked": False, "bottom": 1, "bottom_color": LINE,
                                          "num_format": "yyyy-mm-dd"})
        self.date = wb.add_format({"locked": False, "num_format": "yyyy-mm-dd", **wrap, **box})



def write_return(target, tl: TaskList, unit: str, tasks, roles: dict, period: dt.date, due: dt.date,
                 generated: dt.datetime, plan: PlanIdentity, link: str | None = None,
                 notices: dict[str, str] | None = None) -> Path:
    """Write one unit's return workbook to ``target`` (a new file); ``notices``: task key -> the
    clerk's word on it for this unit (办理意见)."""
    from zhishui.targets import target_of
    notices = notices or {}
    wb = xlsxwriter.Workbook(str(target), {"in_memory": True})
    fm = _Formats(wb)
    ws = wb.add_worksheet(rs.SHEET)
    ncol = len(rs.COLUMNS)
    col = {f: i for i, (f, _) in enumerate(rs.COLUMNS)}          # 0-based, as XlsxWriter counts
    last_visible = ncol - 1     # the title and notes span every column (the hidden 任务编号 too)
    title_r, info_r, note_r, head_r = rs.TITLE_ROW - 1, rs.INFO_ROW - 1, 2, rs.HEADER_ROW - 1

    ws.merge_range(title_r, 0, title_r, last_visible, workbook_text(rs.title_text(tl.settings.plan_name, period)),
                   fm.title)
    ws.merge_range(info_r, 0, info_r, last_visible, rs.info_text(unit, period, due), fm.bold)
    ws.merge_range(note_r, 0, note_r, last_visible,
                   "填表说明：灰色部分为下发内容，请勿修改；请在白色单元格中填写。「完成状态」请从下拉列表中选择（"
                   + "；".join(f"{k}：{v}" for k, v in rs.STATE_HELP.items()) + "）；「完成比例」填0%—100%；"
                   "选「已完成」的请在「佐证材料」中列明材料名称（材料文件可随本表一并报送，文件名写明序号）。"
                   "有「目标值」的任务请在「本期数值」填写本期实际达到的数值（单位同目标值）。"
                   "确需延期的，在「申请延期至」填写新的完成日期，并写明延期理由。"
                   + (f"填好后可在本单位专用网页上传本表（也可在网页上直接填写）：{link}" if link else ""), fm.note)
    ws.set_row(note_r, 80 if link else 64)

    for f, header in rs.COLUMNS:
        ws.write_string(head_r, col[f], header, fm.head)
        ws.set_column(col[f], col[f], WIDTHS[f], None, {"hidden": f == "key"})

    # columns of the list no role claims (工程目的, 投资估算 …): shown for reference,
    # grey and locked like the issued text, after the columns the unit fills
    extra_heads = list(dict.fromkeys(h for t in tasks for h in t.extras if h not in rs.CLERK_ONLY_EXTRAS))
    extra_col = {h: ncol + i for i, h in enumerate(extra_heads)}
    for h, c in extra_col.items():
        ws.write_string(head_r, c, rs.EXTRA_PREFIX + h, fm.head)
        ws.set_column(c, c, EXTRA_WIDTH)

    first = rs.FIRST_TASK_ROW - 1
    reference = rs.REFERENCE_FIELDS
    digests = []
    for i, t in enumerate(tasks):
        r = first + i
        measured = target_of(t)
        ref = {"seq": t.seq, "category": t.category, "content": t.full_content, "deadline": t.deadline_text,
               "role": role_text(t, roles[t.key]), "notice": notices.get(t.key, ""),
               "target": measured.label if measured else "", "key": t.key}
        for f in reference:   # write_string: user text is data, "=…" never becomes a formula
            ws.write_string(r, col[f], workbook_text(str(ref[f] or "")), fm.ref)
        for h, c in extra_col.items():
            ws.write_string(r, c, workbook_text(str(t.extras.get(h, "") or "")), fm.ref)
        for f in rs.FILL_FIELDS:
            ws.write_blank(r, col[f], None, fm.percent if f == "percent" else fm.date if f == "extend_to"
                           else fm.text if f in TEXT_FIELDS else fm.fill)
        ws.set_row(r, row_height([(ref["content"], WIDTHS["content"]), (ref["category"], WIDTHS["category"]),
                                  (ref["deadline"], WIDTHS["deadline"]), (ref["notice"], WIDTHS["notice"])]
                                 + [(t.extras.get(h, ""), EXTRA_WIDTH) for h in extra_col]))
        digests.append(rs.reference_digest(t.seq, t.category, t.full_content, str(ref["deadline"] or "")))
    last_task = first + len(tasks) - 1

    footer_r = first + len(tasks) + 1
    for i, (f, label) in enumerate(rs.FOOTER_FIELDS):
        ws.write_string(footer_r, i * 4, label + "：", fm.bold)
        ws.merge_range(footer_r, 1 + i * 4, footer_r, 2 + i * 4, None,
                       fm.footer_date if f == "report_date" else fm.footer)

    if tasks:
        ws.data_validation(first, col["state"], last_task, col["state"], {
            "validate": "list", "source": list(rs.STATES), "ignore_blank": True,
            "error_title": "完成状态", "error_message": "请从下拉列表中选择：" + "、".join(rs.STATES),
            "input_title": "完成状态", "input_message": "请从下拉列表中选择"})
        ws.data_validation(first, col["percent"], last_task, col["percent"], {
            "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1, "ignore_blank": True,
            "error_title": "完成比例", "error_message": "请填写0%到100%之间的比例，如80%"})
        ws.data_validation(first, col["extend_to"], last_task, col["extend_to"], {
            "validate": "date", "criteria": ">", "value": DATE_MIN, "ignore_blank": True,
            "error_title": "申请延期至", "error_message": "请填写申请延期到的日期，如2020-12-31",
            "input_title": "申请延期至", "input_message": "确需延期时填写新的完成日期，并在「延期理由」中说明"})
        ws.data_validation(footer_r, 9, footer_r, 9, {
            "validate": "date", "criteria": ">", "value": DATE_MIN, "ignore_blank": True,
            "error_title": "填报日期", "error_message": "请填写日期，如2020-11-20"})

    ws.freeze_panes(first, 0)
    ws.repeat_rows(head_r)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect(rs.PASSWORD, {"format_columns": True, "format_rows": True})   # resizing stays allowed
    ws.activate()

    idn = wb.add_worksheet(rs.IDENTITY_SHEET)
    rows = [["magic", rs.IDENTITY_MAGIC], ["unit", unit], ["period", rs.period_key(period)],
            ["fingerprint", tl.fingerprint], ["list", Path(tl.path).name], ["due", due.isoformat()],
            ["generated", generated.isoformat()], ["plan", plan.plan_id], ["plan_name", plan.name],
            [], ["task_key", "seq", "row", "digest", "role"]]
    rows += [[t.key, t.seq, first + 1 + i, digests[i], roles[t.key]] for i, t in enumerate(tasks)]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, int):
                idn.write_number(r, c, v)
            else:
                idn.write_string(r, c, workbook_text(str(v)))
    idn.very_hidden()
    idn.protect(rs.PASSWORD)

    wb.set_properties({"title": f"{unit} {rs.period_cn(period)} 进展情况报送表", "author": "治水督办助手",
                       "created": generated})
    wb.close()
    return Path(target)
