"""The consolidated result workbook, for people: a new file, written atomically with XlsxWriter.

概况 · 汇总 (one row per task) · 报送情况 (every expected unit) · 督办 (who is pressed
for what) · 排名 · 收到文件 · 异常清单 · 原始数据 (every value read that was NOT used,
with its source and why; ``all_values`` writes every non-empty cell read instead).
Every number comes from the month object; nothing is computed here.
Tables have Chinese headers, frozen header rows, filters, widths and print setup
(A4 landscape, header repeated, fit to width); 原始数据 is kept for the record and is
not the sheet that prints.

Why not every value by default (measured, README 「速度」): at province scale 98% of the
cells read are the issued task text, the hidden identity and values already shown with
their source in 汇总; writing them was two thirds of the command's time and most of its
memory.  Every value stays in the history database (cell_values) and every file in its
archive; the sheet keeps what a person has to look at.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import xlsxwriter

from .collect import HOW_CN, status_cn
from .fileutil import atomic_path, xlsx_print_readably
from .month import Month, state_word, summary_lines
from .sheettext import workbook_text, workbook_value
from .status import LIGHT_COLORS, STATUS_COLORS
from .split import row_height
from .tables import (CLOSEOUT_HEADERS, EVIDENCE_HEADERS, EVIDENCE_WIDTHS, FIELD_CN, FINDING_HEADERS, FINDING_WIDTHS,
                     SUMMARY_CHANGES_COL, SUMMARY_CLOSEOUT_COL, SUMMARY_HEADERS, SUMMARY_LIGHT_COL, SUMMARY_OPTIONAL, SUMMARY_PREVIOUS_COL,
                     SUMMARY_PRINTED, SUMMARY_STATUS_COL, SUMMARY_TARGET_COL, SUMMARY_WIDTHS, SUMMARY_WRAP, TARGET_HEADERS,
                     TARGET_WIDTHS, UNIT_HEADERS, UNIT_WIDTHS, closeout_rows, evidence_rows, extension_rows,
                     finding_rows, summary_rows, target_rows, unit_rows)

# by the words the sheet shows (month.state_word)
UNIT_STATE_COLORS = {"按时报送": "B7EB8F", "逾期报送": "FFE58F", "未报送": "FFA39E", "空表": "FFD8BF", "无法读取": "FFD8BF"}
SEVERITY_COLORS = {"错误": "FFA39E", "警告": "FFE58F", "提示": "E6F7FF"}
CHANGE_COLOR = "FFC069"
CLOSEOUT_COLORS = {"已销号": "B7EB8F", "待销号": "91D5FF", "退回": "FFA39E", "缺佐证": "FFE58F"}
VERDICT_COLORS = {"达标": "B7EB8F", "未达标（符合序时）": "FFE58F", "未达标（落后序时）": "FFA39E", "未达标": "FFA39E",
                  "未报数值": "D9D9D9"}
REQUEST_COLORS = {"待审批": "91D5FF", "已同意": "B7EB8F", "不同意": "FFA39E", "申请无效": "FFE58F", "在执行": "B7EB8F"}
OVERVIEW_WIDTH = 75     # one column as wide as a portrait A4 page (LibreOffice prints it unscaled)
PLAN_COLORS = {"其他方案": "FFA39E", "不确定": "FFE58F"}
RAW_HEADERS = ["文件", "工作表", "单元格", "单位", "任务序号", "字段", "原始值", "规范值", "是否采用", "说明"]
RAW_WIDTHS = [45, 12, 8, 20, 8, 10, 50, 20, 8, 30]


class _Sheets:
    """Formats made once per workbook; one method per kind of table."""

    def __init__(self, wb):
        self.wb = wb
        base = {"font_name": "宋体", "font_size": 10, "valign": "top"}
        self.head = wb.add_format({**base, "bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True,
                                   "align": "center", "valign": "vcenter"})
        self.text = wb.add_format({**base, "border": 1})
        self.wrap = wb.add_format({**base, "border": 1, "text_wrap": True})
        self.date = wb.add_format({**base, "border": 1, "num_format": "yyyy-mm-dd hh:mm"})
        self.day = wb.add_format({**base, "border": 1, "num_format": "yyyy-mm-dd"})
        self.plain = wb.add_format({**base, "text_wrap": True})
        self.title = wb.add_format({**base, "bold": True, "font_size": 14})
        self.fills = {}

    def fill(self, colour: str, bold=False):
        key = (colour, bold)
        if key not in self.fills:
            self.fills[key] = self.wb.add_format({"font_name": "宋体", "font_size": 10, "valign": "top", "border": 1,
                                                  "bg_color": "#" + colour, "bold": bold, "text_wrap": True})
        return self.fills[key]

    def table(self, name: str, headers: list[str], widths: list[float], rows, *, wrap_cols=(), fills=None,
              date_cols=(), print_cols: int | None = None, hide_empty=(), title_cols: int = 1):
        """One table sheet; rows as tall as their wrapped text in the printed columns (LibreOffice
        and WPS do not size rows written without a height).  ``hide_empty``: columns hidden when no row
        has a value in them (a month with no 销号 or 延期: the printed 汇总 is less small).  ``title_cols``: the
        first columns (序号 and the task, the unit) printed beside every column group when it prints wider than
        a page."""
        ws = self.wb.add_worksheet(name)
        if hide_empty:
            rows = list(rows)
        empty = {c for c in hide_empty if all(r[c] in (None, "") for r in rows)}
        for i, w in enumerate(widths):
            ws.set_column(i, i, w, None, {"hidden": True} if i in empty else {})
        ws.write_row(0, 0, headers, self.head)
        ws.set_row(0, row_height([(h, widths[i]) for i, h in enumerate(headers)]))
        ws.freeze_panes(1, 0)
        printed = print_cols or len(headers)
        plain = [self.wrap if c in wrap_cols else self.text for c in range(len(headers))]
        n = 0
        for n, row in enumerate(rows, 1):
            ws.set_row(n, row_height([(v, widths[c]) for c, v in enumerate(row[:printed])
                                      if c in wrap_cols and isinstance(v, str)]))
            for c, v in enumerate(row):
                fmt = (fills(c, v) if fills else None) or plain[c]
                # the typed writers directly: ws.write() would work out the type of each cell again
                if v is None or v == "":
                    ws.write_blank(n, c, None, fmt)
                elif type(v) is str:
                    ws.write_string(n, c, workbook_text(v), fmt)
                elif type(v) in (int, float):
                    ws.write_number(n, c, v, fmt)
                elif isinstance(v, dt.date) and c in date_cols:
                    ws.write_datetime(n, c, v, self.date if isinstance(v, dt.datetime) else self.day)
                else:
                    ws.write(n, c, workbook_value(v), fmt)
        _print_setup(ws, n, len(headers), [0 if c in empty else w for c, w in enumerate(widths[:printed])],
                     title_cols)
        return ws


def _print_setup(ws, rows: int, ncols: int, widths: list[float], title_cols: int) -> None:
    """Filter on the header; printed on A4 as fileutil.xlsx_print_readably lays it out: the header on every
    page, one page wide while the text prints at 7 pt or more, else column groups side by side with the
    ``title_cols`` on each (trial 15: 收到文件's 14 columns on one page printed at about 3 pt)."""
    ws.autofilter(0, 0, max(rows, 1), ncols - 1)
    xlsx_print_readably(ws, widths, max(rows, 1), title_cols=title_cols)


def write_result(m: Month, target, *, all_values: bool = False) -> Path:
    """The result workbook; ``all_values`` puts every value read into 原始数据 (not only those not used)."""
    with atomic_path(target) as tmp:
        # constant_memory: each row goes to disk as it is written (rows are written in order), so a
        # province's 汇总 does not sit in memory twice (measured at 10×: 130 MB less, same time)
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False, "constant_memory": True})
        # the same month gives the same bytes: no clock time in the file (a re-run after a kill compares equal)
        wb.set_properties({"title": "报送汇总结果", "creator": "治水督办助手",
                           "created": dt.datetime.combine(m.report_date, dt.time())})
        sh = _Sheets(wb)
        _overview(sh, m)
        summ = sh.table("汇总", SUMMARY_HEADERS, SUMMARY_WIDTHS, summary_rows(m.statuses, m.changes),
                        wrap_cols=SUMMARY_WRAP, print_cols=SUMMARY_PRINTED, hide_empty=SUMMARY_OPTIONAL,
                        title_cols=SUMMARY_HEADERS.index("具体举措") + 1,
                        fills=lambda c, v: (sh.fill(STATUS_COLORS[v], bold=True) if c == SUMMARY_STATUS_COL
                                            else sh.fill(LIGHT_COLORS[v]) if c == SUMMARY_LIGHT_COL
                                            else sh.fill(STATUS_COLORS[v]) if c == SUMMARY_PREVIOUS_COL and v in STATUS_COLORS
                                            else sh.fill(CHANGE_COLOR) if c == SUMMARY_CHANGES_COL and v
                                            else sh.fill(CLOSEOUT_COLORS[v]) if c == SUMMARY_CLOSEOUT_COL and v in CLOSEOUT_COLORS
                                            else _verdict_fill(sh, v) if c == SUMMARY_TARGET_COL and v else None))
        summ.activate()
        sh.table("报送情况", UNIT_HEADERS, UNIT_WIDTHS, unit_rows(m.units), wrap_cols=(0, 3, 5, 10, 11), date_cols=(4,),
                 fills=lambda c, v: (sh.fill(UNIT_STATE_COLORS[v]) if c == 2 and v in UNIT_STATE_COLORS
                                     else sh.fill(PLAN_COLORS["不确定"]) if c == 10 and v else None))
        sh.table("督办", ["单位", "序号", "任务内容", "本单位角色", "任务状态", "本单位情况", "督办原因"],
                 [28, 6, 50, 10, 9, 9, 50], _pressed_rows(m), wrap_cols=(0, 2, 6), title_cols=3,
                 fills=lambda c, v: sh.fill(STATUS_COLORS[v[:3]]) if c in (4, 5) and v[:3] in STATUS_COLORS else None)
        sh.table("排名", ["排名", "单位", "得分", "报送得分", "进度得分", "逾期扣分", "督办扣分", "目标加分", "年度累计得分",
                        "年度排名", "累计月数", "名次变化", "报送情况", "负责任务数", "已完成", "长期坚持",
                        "序时推进", "临期", "进度滞后", "逾期", "未报送"],
                 [6, 28, 7, 8, 8, 8, 8, 8, 10, 8, 8, 8, 9, 9, 7, 8, 8, 6, 8, 6, 7], _ranking_rows(m), title_cols=2)
        if m.requests or m.extended or any(ts.closeout for ts in m.statuses):
            sh.table("销号延期", ["事项"] + CLOSEOUT_HEADERS[:5] + ["依据或办理情况"],
                     [6, 6, 44, 20, 9, 12, 60], _decision_rows(m), wrap_cols=(2, 3, 6), title_cols=3,
                     fills=lambda c, v: sh.fill((CLOSEOUT_COLORS | REQUEST_COLORS)[v])
                     if c == 5 and v in (CLOSEOUT_COLORS | REQUEST_COLORS) else None)
        if m.measured:
            sh.table("目标", TARGET_HEADERS, TARGET_WIDTHS, target_rows(m), wrap_cols=(1, 10), title_cols=2,
                     fills=lambda c, v: _verdict_fill(sh, v) if c == 8 else None)
        if m.evidence:
            sh.table("佐证材料", EVIDENCE_HEADERS, EVIDENCE_WIDTHS, evidence_rows(m), wrap_cols=(0, 3, 4))
        if m.list_changes:
            from .listchanges import CHANGE_HEADERS, CHANGE_WIDTHS, change_rows
            rv = m.recalled
            sh.table("清单变更", CHANGE_HEADERS, CHANGE_WIDTHS, change_rows(m.list_changes, rv.line.prev_tasks,
                                                                          rv.line.tasks), wrap_cols=(2, 4, 5),
                     title_cols=2)
        sh.table("收到文件", ["文件", "单位", "识别方式", "报送期", "方案", "方案依据", "处理结果", "逾期", "报送行数",
                          "收到时间", "时间依据", "发件人", "格式", "SHA-256"],
                 [50, 24, 10, 10, 12, 30, 14, 6, 8, 17, 40, 24, 8, 66], _file_rows(m), wrap_cols=(0, 4, 5, 10),
                 title_cols=2,
                 date_cols=(9,), fills=lambda c, v: next((sh.fill(col) for k, col in PLAN_COLORS.items()
                                                          if c == 4 and isinstance(v, str) and v.startswith(k)), None))
        sh.table("异常清单", FINDING_HEADERS, FINDING_WIDTHS, finding_rows(m.anomalies + m.unknown_units),
                 wrap_cols=(1, 6, 7, 8), title_cols=3,   # (the kind: its Chinese name and its code, longer than one line)
                 fills=lambda c, v: sh.fill(SEVERITY_COLORS[v]) if c == 0 and v in SEVERITY_COLORS else None)
        _raw_sheet(sh, m, all_values)
        wb.close()
    return Path(target)


def _overview(sh: _Sheets, m: Month) -> None:
    ws = sh.wb.add_worksheet("概况")
    ws.set_column(0, 0, OVERVIEW_WIDTH)
    lines = [f"责任清单：{Path(m.tl.path).name}（版本指纹 {m.tl.fingerprint}）"]
    if m.plan:
        lines.append(f"方案：{m.plan.name or '（设置表未填方案名称）'}，方案编号 {m.plan.plan_id}"
                     + ("" if m.tl.settings.plan_id else "（可填入设置表「方案编号」，清单改名、移动、另存后历史记录仍能找回）")
                     + f"；清单共 {len(m.plan.fingerprints)} 个版本")
    if m.history_folder:
        where = f"数据库「{m.history_db}」" if m.history_db else "history.sqlite"
        lines.append(f"历史记录与存档：{m.history_folder}（读到的全部 {len(m.col.values)} 个值及出处在 {where} 的"
                     f" cell_values 表，收到的文件原样存档）")
    else:
        lines.append("本次没有保存历史记录（--no-history）：未采用的值见「原始数据」，其余的值见各报送表原文件")
    ws.write(0, 0, f"{m.tl.settings.plan_name or Path(m.tl.path).stem} 报送汇总结果", sh.title)
    for i, line in enumerate(summary_lines(m) + lines, 1):
        ws.write(i, 0, workbook_text(line), sh.plain)
        ws.set_row(i, row_height([(line, OVERVIEW_WIDTH)]))
    ws.set_portrait()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def _pressed_rows(m: Month) -> list[list]:
    # (the unit's own words on why, as the 督办通知 and the 通报 quote them: trial 20)
    return [[unit, p.ts.task.label, p.ts.task.full_content, p.role, p.ts.status, p.share.status_text, p.reason]
            for unit, items in m.pressed.items() for p in items]


def _ranking_rows(m: Month) -> list[list]:
    order = ["已完成", "长期坚持", "序时推进", "临期", "进度滞后", "逾期", "未报送"]
    return [[s.rank, s.unit, s.score, s.parts["报送"], s.parts["进度"], s.parts["逾期扣分"], s.parts["督办扣分"],
             s.parts["目标加分"], s.ytd, s.ytd_rank, s.months, s.rank_change, state_word(s.state), s.tasks]
            + [s.counts.get(k, 0) for k in order] for s in m.ranking.scores]


def _verdict_fill(sh: _Sheets, v):
    verdict = next((k for k in sorted(VERDICT_COLORS, key=len, reverse=True) if isinstance(v, str) and k in v), None)
    return sh.fill(VERDICT_COLORS[verdict]) if verdict else None


def _decision_rows(m: Month) -> list[list]:
    """销号 (each task with a close-out state) and 延期 (each request, each extension in force)."""
    rows = [["销号", *r[:5], r[5] + (f"；佐证文件：{r[6]}" if r[6] else "")] for r in closeout_rows(m)]
    rows += [["延期", r[0], r[1], r[2], f"原时限{r[3]}", r[6],
              f"申请延期至{r[4]}" + (f"，理由：{r[5]}" if r[5] else "") + (f"；{r[7]}" if r[7] else "")]
             for r in extension_rows(m)]
    return rows


def _file_rows(m: Month) -> list[list]:
    return [[s.file, s.unit or "", HOW_CN.get(s.unit_how, s.unit_how), s.period or "", s.plan_text, s.plan_how,
             status_cn(s),
             "是" if s.late else "", s.rows,
             (s.received.date() if s.received_date_only else s.received) if s.received
             else ("" if s.status in ("receipts", "ignored") else "不明"),
             f"{s.received_how}：{s.received_source}" if s.received_how else "", s.sender, s.format, s.sha256]
            for s in m.col.submissions]


def _raw_sheet(sh: _Sheets, m: Month, all_values: bool) -> None:
    """The values read and not used (or, with all_values, every value): plain cells, no per-cell formats."""
    ws = sh.wb.add_worksheet("原始数据")
    for i, w in enumerate(RAW_WIDTHS):
        ws.set_column(i, i, w)
    ws.write_row(0, 0, RAW_HEADERS, sh.head)
    ws.freeze_panes(1, 0)
    seq_of = {t.key: t.label for t in m.tl.tasks}
    r = 0
    for v in m.col.values:
        if v.used and not all_values:
            continue
        r += 1
        n = v.normalized
        if isinstance(n, float) and v.field == "percent":
            n = f"{n:.0%}"
        elif isinstance(n, (dt.date, dt.datetime)):
            n = n.isoformat()
        elif n is not None and not isinstance(n, (str, int, float)):
            n = str(n)
        ws.write_row(r, 0, [workbook_value(x) for x in (
            v.file, v.sheet, v.cell, v.unit, seq_of.get(v.task, v.task), FIELD_CN.get(v.field, v.field),
            v.raw, n if n is not None else "", "是" if v.used else "否", v.note)])
    _print_setup(ws, r, len(RAW_HEADERS), RAW_WIDTHS, 3)


def write_json(m: Month, target) -> Path:
    """The JSON report of the month (same content as the workbook, for other programs).
    Compact, written piece by piece: json's C encoder runs only on whole objects without indent
    (10× faster than indented), and the text of a province's month is never one string."""
    d = m.to_dict()
    with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8") as f:
        f.write("{")
        for i, (k, v) in enumerate(d.items()):
            f.write((", " if i else "") + _dumps(k) + ": ")
            if isinstance(v, list):
                f.write("[")
                for j, item in enumerate(v):
                    f.write((", " if j else "") + _dumps(item))
                f.write("]")
            else:
                f.write(_dumps(v))
            d[k] = None   # what is written need not stay
        f.write("}")
    return Path(target)


def _dumps(v) -> str:
    return json.dumps(v, ensure_ascii=False, default=str)
