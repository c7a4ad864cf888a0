"""Build the master workbook (督办台账) from this script, so it can always be regenerated.

    python workbook_templates/build_master.py                 # the empty template we hand out
    python workbook_templates/build_master.py --from-list samples/seed001/永川区整改任务分解表.xlsx \
        --out samples/seed001/永川区督办台账.xlsx --period 2020-11 --report-date 2020-11-30 \
        --due 2020-11-25 --returns 2020年11月报送

Colours of statuses and lights come from conditional-formatting rules in the
workbook, so the add-in only writes values (one range write per table) and
Excel, WPS and LibreOffice all show the colours.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import openpyxl
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhishui import master as m  # noqa: E402
from zhishui.directory import DIR_FIELDS  # noqa: E402
from zhishui.fileutil import print_landscape, print_readably, save_workbook  # noqa: E402
from zhishui.findings import ERROR, INFO, WARNING  # noqa: E402
from zhishui.settings import ITEMS  # noqa: E402
from zhishui.status import LIGHT_COLORS, STATUS_COLORS  # noqa: E402
from zhishui.tables import (FINDING_HEADERS, FINDING_WIDTHS, LIST_STATUS_HEADERS, SUMMARY_HEADERS,  # noqa: E402
                            SUMMARY_LIGHT_COL, SUMMARY_PRINTED, SUMMARY_STATUS_COL, SUMMARY_WIDTHS, SUMMARY_WRAP,
                            UNIT_HEADERS, UNIT_WIDTHS)
from zhishui.water import output as water_out  # noqa: E402
from zhishui.water import sections as water_sections  # noqa: E402

TEMPLATE = ROOT / "workbook_templates" / "督办台账.xlsx"
HEAD = PatternFill("solid", fgColor="D9E1F2")
INPUT = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
LIST_HEADERS = ["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "责任人", "配合单位"]
LIST_WIDTHS = [6, 16, 44, 16, 16, 22, 14, 22]
# by the words the 报送情况 sheet shows (zhishui.month.state_word: the on-time state is said 按时报送)
UNIT_STATE_COLORS = {"按时报送": "B7EB8F", "逾期报送": "FFE58F", "未报送": "FFA39E", "空表": "FFD8BF", "无法读取": "FFD8BF"}
SEVERITY_COLORS = {ERROR: "FFA39E", WARNING: "FFE58F", INFO: "E6F7FF"}
FIXED = dt.datetime(2020, 1, 1)
TABLE_ROWS = 5000     # rows of a result sheet the colour rules cover and the add-in clears (addin.macros.CLEAR_ROWS)
SETTING_HELP = {
    "发文机关": "印发责任清单的机关", "文件标题": "印发清单的通知标题（催报通知中引用）", "文号": "印发通知的文号，如 永川府办发〔2020〕82号",
    "成文日期": "「今年」「年底前」等相对时限按此日期理解", "方案名称": "方案名称（报送表标题和通报中使用）", "地区": "如 重庆市永川区",
    "方案编号": "方案的编号（软件第一次汇总时生成，见汇总结果「概况」）；填上后清单改名、移动、另存，历史记录都能找回",
    "汇总单位": "收集报送、发催报和督办通知的单位", "发文单位": "文书上的机关名称（全称），留空则由地区和汇总单位组成",
    "催报期限工作日": "催报通知给的补报期限（工作日）", "逾期后果": "催报通知中逾期未报的后果", "通报主送": "进展通报的主送机关",
    "抄送": "文书抄送单位，用顿号分隔", "联系人": "催报、督办通知中的联系人", "联系电话": "联系电话", "电子邮箱": "报送邮箱",
    "临期天数": "距完成时限不超过这么多天算「临期」", "汛期开始": "本地汛期开始日期（「汛期前」类时限用）", "汛期结束": "本地汛期结束日期",
    "报送截止日": "每月几号前报送（默认25）", "报送方式": "如 政务邮箱、纸质件加盖公章", "督办文号前缀": "如 永环督",
    "督办起始编号": "本期第一份督办通知的编号", "催报文号前缀": "如 永环催", "催报起始编号": "催报通知编号", "通报文号前缀": "如 永环通",
    "通报起始编号": "通报编号", "预警文号前缀": "水质预警的发文机关代字，如 代水预（水质的督办通知用督办文号前缀）",
    "预警起始编号": "今年第一份水质预警的编号（以后全年接着编）", "签发人": "签发人", "回复时限工作日": "督办通知要求几个工作日内书面反馈", "催报方式": "合并（一份列出全部未报单位）或 逐个（每单位一份）",
    "节假日": "内置表没有的法定节假日，用顿号分隔", "调休上班日": "调休上班的周末日期，用顿号分隔",
}


def header(ws, row, names, widths, start_col=1):
    for i, (n, w) in enumerate(zip(names, widths)):
        c = ws.cell(row, start_col + i, n)
        c.font, c.fill, c.border = Font(bold=True), HEAD, BOX
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(start_col + i)].width = w


def colour_rules(ws, rng: str, colours: dict) -> None:
    for value, colour in colours.items():
        ws.conditional_formatting.add(rng, CellIsRule(operator="equal", formula=[f'"{value}"'],
                                                      fill=PatternFill("solid", fgColor=colour,
                                                                       bgColor=colour)))


def build(list_path: Path | None, control: dict, sections_path: Path | None = None) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    guide = wb.active
    guide.title = "使用说明"
    guide.column_dimensions["A"].width = 110
    lines = [
        ("治水督办助手 · 督办台账 使用说明", True),
        ("这个工作簿是全年使用的督办台账：在「任务清单」放责任清单，在「单位名录」放各单位名称和联系方式，在「设置」填写方案信息。", False),
        ("每月的操作都在「控制台」：选择要执行的操作、填写报送期和文件夹，然后点击功能区「治水督办」选项卡的「运行」按钮。", False),
        ("", False),
        ("各个操作：", True),
        *[(f"· {a}：{h}", False) for a, h in m.ACTION_HELP.items()],
        ("", False),
        ("一个月的顺序：月初「生成报送表」→ 各单位填报交回，放进报送表文件夹 → 月底「一键生成」（校验、汇总、催报、督办、通报）。", False),
        ("结果写在「校验结果」「报送情况」「汇总」以及「任务清单」右侧的状态列；红黄绿灯的颜色由工作簿自动显示。", False),
        ("", False),
        ("没有Excel（用WPS或Linux）时：同一个工作簿可以用命令行处理，结果写入新文件，例如：", True),
        ("zhishui check 督办台账.xlsx --date 2020-11-30", False),
        ("zhishui split 督办台账.xlsx --period 2020-11 --out 输出/报送表", False),
        ("zhishui collect 督办台账.xlsx 报送表文件夹 --period 2020-11 --date 2020-11-30 --out 输出/汇总结果.xlsx", False),
        ("zhishui docs 督办台账.xlsx 报送表文件夹 --period 2020-11 --date 2020-11-30 --out 输出/文书", False),
        ("zhishui water 监测数据文件夹 --sections 督办台账.xlsx --period 2021-07 --docs 输出/水质文书", False),
        ("", False),
        ("注意：「任务清单」的表头（序号、重点任务、具体举措、完成时限、牵头单位、责任单位、责任人、配合单位）可以有标题行，列名可用常见同义词；"
         "不要在「本期状态」等灰色表头的列里手工填写，每次汇总都会覆盖。", False),
    ]
    for text, bold in lines:
        guide.append([text])
        guide.cell(guide.max_row, 1).font = Font(bold=bold, size=14 if guide.max_row == 1 else 11)
        guide.cell(guide.max_row, 1).alignment = WRAP

    ws = wb.create_sheet(m.CONTROL)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60
    ws["A1"] = "治水督办助手 · 控制台"
    ws["A1"].font = Font(bold=True, size=16)
    ws["A2"] = "选择操作、填写黄色单元格，然后点击功能区「治水督办」→「运行」。"
    header(ws, 3, ["项目", "填写", "说明"], [34, 60, 60])
    for key, label, row, help_ in m.INPUTS:
        ws.cell(row, 1, label).font = Font(bold=True)
        c = ws.cell(row, 2, control.get(key))
        c.fill, c.border = INPUT, BOX
        if isinstance(control.get(key), dt.date):
            c.number_format = "yyyy-mm-dd"
        ws.cell(row, 3, help_).alignment = WRAP
    dv = DataValidation(type="list", formula1='"' + ",".join(m.ACTIONS) + '"', allow_blank=False,
                        showErrorMessage=True, errorTitle="操作", error="请从下拉列表选择")
    dv.add(f"B{m.INPUT_ROW['action']}")
    ws.add_data_validation(dv)
    ws.cell(m.INPUT_ROW["period"], 2).number_format = "@"
    ws.cell(m.RESULT_TITLE_ROW, 1, "上次运行结果（由加载项填写）").font = Font(bold=True, size=12)
    for key, label, row in m.RESULTS:
        ws.cell(row, 1, label).font = Font(bold=True)
        ws.cell(row, 1).alignment = Alignment(vertical="top")     # beside the first line of a tall result
        ws.cell(row, 2).alignment = WRAP
        ws.cell(row, 2).border = BOX
    # printed as one page (it came out as five: 项目, 填写 and 说明 each on pages of their own), one page tall too
    # however long the result rows grow (trial 14: a 说明 of ~650 characters went on to a second page)
    print_readably(ws, [34, 60, 60], m.RESULTS[-1][2], title_rows=None, title_cols=None)
    ws.page_setup.fitToHeight = 1

    lst = wb.create_sheet(m.LIST_SHEET)
    dir_ws = wb.create_sheet("单位名录")
    set_ws = wb.create_sheet("设置")
    copy_list(list_path, lst, dir_ws, set_ws)
    first_status = m.LIST_STATUS_FIRST_COL
    header_row = 3
    header(lst, header_row, LIST_STATUS_HEADERS, [9, 5, 6, 40], start_col=first_status)
    for i in range(4):
        lst.cell(header_row, first_status + i).fill = PatternFill("solid", fgColor="D9D9D9")
    status_col = get_column_letter(first_status)
    light_col = get_column_letter(first_status + 1)
    colour_rules(lst, f"{status_col}{header_row + 1}:{status_col}5000", STATUS_COLORS)
    colour_rules(lst, f"{light_col}{header_row + 1}:{light_col}5000", LIGHT_COLORS)

    sections_sheet(wb.create_sheet(m.SECTIONS_SHEET), sections_path)

    chk = wb.create_sheet(m.CHECK_SHEET)
    header(chk, 1, FINDING_HEADERS, FINDING_WIDTHS)
    colour_rules(chk, "A2:A5000", SEVERITY_COLORS)
    chk.freeze_panes = "A2"
    units = wb.create_sheet(m.UNITS_SHEET)
    header(units, 1, UNIT_HEADERS, UNIT_WIDTHS)
    colour_rules(units, "C2:C2000", UNIT_STATE_COLORS)
    units.freeze_panes = "A2"
    summ = wb.create_sheet(m.SUMMARY_SHEET)
    header(summ, 1, SUMMARY_HEADERS, SUMMARY_WIDTHS)
    status_col, light_col = get_column_letter(SUMMARY_STATUS_COL + 1), get_column_letter(SUMMARY_LIGHT_COL + 1)
    colour_rules(summ, f"{status_col}2:{status_col}5000", STATUS_COLORS)
    colour_rules(summ, f"{light_col}2:{light_col}5000", LIGHT_COLORS)
    summ.freeze_panes = "A2"
    # the printed columns wrap (a column's style is what Excel gives the cells the add-in writes, whose rows it then
    # autofits); those after them (距期限, 其他单位报送, 分歧, 来源) do not, or their long text would make every row
    # tall and the printed pages mostly empty (one task to a page).  The same columns print as in 汇总结果.
    for i in range(len(SUMMARY_HEADERS)):
        summ.column_dimensions[get_column_letter(i + 1)].alignment = Alignment(
            vertical="top", wrap_text=i in SUMMARY_WRAP and i < SUMMARY_PRINTED)
    print_readably(summ, SUMMARY_WIDTHS[:SUMMARY_PRINTED], TABLE_ROWS)
    summ.row_dimensions[1].height = 30       # headers of two lines (本期未报送单位 over 11 characters' width)

    alerts = wb.create_sheet(m.WATER_SHEET)
    header(alerts, 1, water_out.ALERT_HEADERS, water_out.ALERT_WIDTHS)
    colour_rules(alerts, "C2:C5000", water_out.ALERT_FILLS)
    alerts.freeze_panes = "A2"

    review = wb.create_sheet(m.IMPORT_REVIEW_SHEET)
    header(review, 1, m.IMPORT_REVIEW_HEADERS, m.IMPORT_REVIEW_WIDTHS)
    for i in range(len(m.IMPORT_REVIEW_HEADERS)):
        # a column's style is what Excel gives the cells the add-in writes into it
        review.column_dimensions[get_column_letter(i + 1)].alignment = Alignment(vertical="top", wrap_text=True)
    review.freeze_panes = "A2"
    print_landscape(review)

    # the imported plan read through: yellow where the document's words are in no task (plan/readthrough.py)
    read = wb.create_sheet(m.READ_THROUGH_SHEET)
    header(read, 1, m.READ_THROUGH_HEADERS, m.READ_THROUGH_WIDTHS)
    for i in range(len(m.READ_THROUGH_HEADERS)):
        read.column_dimensions[get_column_letter(i + 1)].alignment = Alignment(vertical="top", wrap_text=True)
    last = get_column_letter(len(m.READ_THROUGH_HEADERS))
    read.conditional_formatting.add(f"A2:{last}5000", FormulaRule(
        formula=['OR(LEFT($D2,3)="未导入",LEFT($D2,5)="部分未导入")'], fill=PatternFill("solid", fgColor="FFF2CC")))
    read.auto_filter.ref = f"A1:{last}5000"
    read.freeze_panes = "A2"
    print_landscape(read)

    wb.active = 1
    wb.properties.creator = "治水督办助手"
    wb.properties.created = wb.properties.modified = FIXED
    return wb


def sections_sheet(ws, sections_path: Path | None) -> None:
    """断面: the sections and their targets (filled from a sections workbook when given), and
    grey status columns the add-in's 水质研判 fills, coloured by class by the workbook."""
    header(ws, 1, water_sections.HEADERS, water_sections.WIDTHS)
    if sections_path:
        for row in water_sections.template_rows(water_sections.read_sections(sections_path).sections):
            ws.append(row)
            for c in ws[ws.max_row]:
                c.border, c.alignment = BOX, WRAP
    first = m.SECTION_STATUS_FIRST_COL
    header(ws, 1, water_out.SECTION_STATUS_HEADERS, [9, 9, 30, 30], start_col=first)
    for i in range(4):
        ws.cell(1, first + i).fill = PatternFill("solid", fgColor="D9D9D9")
    cls_col, ok_col = get_column_letter(first), get_column_letter(first + 1)
    colour_rules(ws, f"{cls_col}2:{cls_col}1000", water_out.CLASS_FILL_BY_NAME_TEXT)
    colour_rules(ws, f"{ok_col}2:{ok_col}1000", {"达标": water_out.OK_FILL, "超标": water_out.BAD_FILL})
    ws.freeze_panes = "C2"


def copy_list(list_path: Path | None, lst, dir_ws, set_ws) -> None:
    """任务清单, 单位名录 and 设置 from an existing list workbook (values, merges,
    widths), or empty ones with the standard headers."""
    src = openpyxl.load_workbook(list_path) if list_path else None
    if src is not None:
        from zhishui.tasks import load_list
        tl = load_list(list_path)
        s = src[tl.sheet]
        for row in s.iter_rows():
            for c in row:
                if c.value is not None:
                    d = lst.cell(c.row, c.column, c.value)
                    d.alignment, d.border = WRAP, BOX
                    if c.font and c.font.b:
                        d.font = Font(bold=True)
        for rng in s.merged_cells.ranges:
            lst.merge_cells(str(rng))
        for key, dim in s.column_dimensions.items():
            lst.column_dimensions[key].width = dim.width
        for r, dim in s.row_dimensions.items():
            if dim.height:
                lst.row_dimensions[r].height = dim.height
    else:
        lst["A1"] = "责任清单"
        lst["A1"].font = Font(bold=True, size=14)
        header(lst, 3, LIST_HEADERS, LIST_WIDTHS)
    lst.freeze_panes = "A4"

    names = ["单位名称", "简称/别名", "类型", "分组", "联系人", "联系电话", "电子邮箱"]
    header(dir_ws, 1, names, [30, 30, 12, 14, 10, 16, 24])
    if src is not None and "单位名录" in src.sheetnames:
        for row in list(src["单位名录"].iter_rows(values_only=True))[1:]:
            dir_ws.append(list(row[:7]))
    assert set(names[:1]) <= set(DIR_FIELDS["name"])

    header(set_ws, 1, ["项目", "值", "说明"], [18, 50, 60])
    given = {}
    if src is not None and "设置" in src.sheetnames:
        for row in list(src["设置"].iter_rows(values_only=True))[1:]:
            if row and row[0]:
                given[str(row[0])] = row[1]
    for item, (_, typ, default) in ITEMS.items():
        v = given.get(item, default if typ is not list else None)
        set_ws.append([item, v, SETTING_HELP.get(item, "")])
        if isinstance(v, (dt.date, dt.datetime)):
            set_ws.cell(set_ws.max_row, 2).number_format = 'yyyy"年"m"月"d"日"'


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="生成督办台账（主工作簿）")
    ap.add_argument("--from-list", type=Path, help="用这个责任清单工作簿填充任务清单、单位名录和设置")
    ap.add_argument("--out", type=Path, default=TEMPLATE)
    ap.add_argument("--action", default="一键生成")
    ap.add_argument("--period", default="")
    ap.add_argument("--report-date", type=dt.date.fromisoformat)
    ap.add_argument("--due", type=dt.date.fromisoformat)
    ap.add_argument("--returns", default="")
    ap.add_argument("--output", default="输出")
    ap.add_argument("--sections", type=Path, help="用这个断面清单工作簿填充「断面」表")
    ap.add_argument("--source", "--water-data", dest="source", default="",
                    help="控制台的「方案文件或水质监测数据」")
    a = ap.parse_args(argv)
    control = {"action": a.action, "period": a.period, "report_date": a.report_date, "due": a.due,
               "returns": a.returns, "output": a.output, "source": a.source}
    save_workbook(build(a.from_list, control, a.sections), a.out)
    print(f"已生成 {a.out}")


if __name__ == "__main__":
    main()
