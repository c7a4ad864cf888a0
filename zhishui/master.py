"""The master workbook (督办台账) a clerk keeps all year: its layout, and reading its 控制台.

Sheets: 使用说明 · 控制台 · 任务清单 · 单位名录 · 设置 · 断面 · 校验结果 · 报送情况 · 汇总 · 水质预警.
The add-in reads the 控制台 cells to know what to run and writes its results
back into the last three sheets, the status columns of 任务清单 and the
控制台's result cells.  The command line reads the same workbook (it is also a
responsibility-list workbook) and writes results to new files.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .errors import ZhishuiError
from .settings import parse_date
from .status import month_end
from .workbook_reader import cell_text

SHEETS = ["使用说明", "控制台", "任务清单", "单位名录", "设置", "断面", "校验结果", "报送情况", "汇总", "水质预警", "导入核对", "原文对照"]
# the add-in's 导入方案 writes what the clerk must check of an imported plan here: laid out (widths,
# wrapped text, landscape A4) in the template, since the add-in only writes values
IMPORT_REVIEW_SHEET = "导入核对"
IMPORT_REVIEW_HEADERS, IMPORT_REVIEW_WIDTHS = ["位置", "原文", "说明"], [22, 50, 80]
# the imported plan read through: every paragraph and table row beside the tasks it became (plan/readthrough.py)
READ_THROUGH_SHEET = "原文对照"
READ_THROUGH_HEADERS, READ_THROUGH_WIDTHS = ["位置", "原文", "导入为（序号）", "说明"], [22, 80, 14, 44]
CONTROL = "控制台"
LIST_SHEET = "任务清单"
CHECK_SHEET, UNITS_SHEET, SUMMARY_SHEET = "校验结果", "报送情况", "汇总"
SECTIONS_SHEET, WATER_SHEET = "断面", "水质预警"       # the assessed sections; the add-in's 水质研判 alerts
DECISIONS_SHEET = "销号延期"   # optional, added by the clerk: 序号 | 报送期 | 办理 | 单位 | 延期至 | 理由 | 办理人 | 结果
RECEIPTS_SHEET = "收件记录"   # optional, added by the clerk: 文件 | 单位 | 收到时间 (receipts.py)

ACTIONS = ["一键生成", "校验清单", "生成报送表", "汇总报送", "生成催报通知", "生成督办通知", "生成进展通报", "导入方案",
           "水质研判", "办理销号延期"]
ACTION_HELP = {
    "一键生成": "校验清单、汇总报送，并生成催报通知、督办通知和进展通报（月底用）",
    "校验清单": "检查任务清单的单位、牵头单位、完成时限、序号，结果写入「校验结果」",
    "生成报送表": "为每个有任务的单位生成本期报送表，放在输出文件夹（月初用）",
    "汇总报送": "读取报送表文件夹中各单位交回的文件，结果写入「汇总」「报送情况」和任务清单的状态列",
    "生成催报通知": "给未报送的单位生成催报通知（Word）和可复制到工作群的催报消息",
    "生成督办通知": "给有逾期或滞后任务的牵头单位各生成一份督办通知（Word）",
    "生成进展通报": "生成本期工作进展情况通报（Word，含图表）",
    "导入方案": "从方案文件（Word/WPS、PDF、网页、文本）读出任务和分工，填入「任务清单」（原有任务会被替换）；"
            "要核对的写进「导入核对」，原文逐段写进「原文对照」，黄色的几段是没有导入任何任务的文字，请看一遍",
    "办理销号延期": "按「销号延期」表每行的决定（批准销号、退回销号、同意延期、不同意延期）办理，结果写在每行的「结果」列",
    "水质研判": "读取水质监测数据，按「断面」表的水质目标评价各断面，结果写入「断面」右侧和「水质预警」，"
            "并生成水质预警/督办、水质日报和水质月报（报告日期即预警日期）",
}

# 控制台 inputs: label in column A, value in column B (Excel rows)
INPUTS = [  # (key, label, row, help)
    ("action", "要执行的操作", 4, "从下拉列表选择，然后点功能区「治水督办」→「运行」"),
    ("period", "报送期（年-月）", 5, "如 2020-11"),
    ("report_date", "报告日期", 6, "判断逾期、临期的日期，一般为月底"),
    ("due", "报送截止日期", 7, "晚于此日期收到的报送算逾期报送；留空则为报送期当月25日"),
    ("returns", "报送表文件夹（各单位交回的文件）", 8, "可以是文件夹，文件夹里可有zip压缩包"),
    ("output", "输出文件夹", 9, "报送表、汇总结果和Word文件都放在这里；留空则为本工作簿旁的「输出」文件夹"),
    ("source", "方案文件或水质监测数据", 10,
     "导入方案、水质研判时填写。导入方案：Word、WPS、PDF、网页或文本格式的方案文件；"
     "水质研判：自动站导出、手工日报、化验结果（文件或文件夹）"),
]
INPUT_ROW = {k: r for k, _, r, _ in INPUTS}
RESULT_TITLE_ROW = 11
RESULTS = [  # (key, label, row)
    ("time", "运行时间", 12), ("action", "执行的操作", 13), ("outcome", "结果", 14), ("counts", "数量", 15),
    ("statuses", "任务状态", 16), ("files", "生成的文件", 17), ("folder", "文件位置", 18), ("note", "说明", 19),
]
RESULT_ROW = {k: r for k, _, r in RESULTS}
LIST_STATUS_FIRST_COL = 10   # 任务清单: J:M hold 本期状态 | 灯 | 滞后 | 说明 (after the 8 list columns + a gap)
SECTION_STATUS_FIRST_COL = 13   # 断面: M:P hold 本月类别 | 是否达标 | 超标指标 | 预警 (after 11 columns + a gap)


@dataclass
class Control:
    action: str
    period: dt.date | None
    report_date: dt.date | None
    due: dt.date | None
    returns: Path | None
    output: Path | None
    source: Path | None = None     # the plan file (导入方案) or the monitoring data (水质研判)

    def need(self, *keys: str) -> None:
        labels = {k: lbl for k, lbl, _, _ in INPUTS}
        for k in keys:
            if getattr(self, k) in (None, ""):
                raise ZhishuiError(f"控制台「{labels[k]}」没有填写", sheet=CONTROL, cell=f"B{INPUT_ROW[k]}",
                                   hint="请在该单元格填写后再运行")


def parse_period(v) -> dt.date | None:
    if isinstance(v, (dt.date, dt.datetime)):
        return dt.date(v.year, v.month, 1)
    s = cell_text(v).strip()
    if not s:
        return None
    import re
    m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?", s)
    if not m or not 1 <= int(m.group(2)) <= 12:
        t = dt.date.today()     # an example of this year, not one long past (see example_date)
        raise ZhishuiError(f"报送期「{s}」写法不对", sheet=CONTROL, cell=f"B{INPUT_ROW['period']}",
                           hint=f"请写成 {t:%Y-%m} 或 {t.year}年{t.month}月")
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def read_control(values: dict, base: Path | None) -> Control:
    """values: key -> raw cell value of column B.  Relative folders are relative to the workbook."""
    action = cell_text(values.get("action")).strip()
    if action not in ACTIONS:
        raise ZhishuiError(f"操作「{action}」不在可选范围内" if action else "没有选择要执行的操作",
                           sheet=CONTROL, cell=f"B{INPUT_ROW['action']}",
                           hint="请从下拉列表选择：" + "、".join(ACTIONS))

    period = parse_period(values.get("period"))

    def date_of(key):
        raw = values.get(key)
        if raw in (None, ""):
            return None
        d = parse_date(raw)
        if d is None:
            ex = example_date(key, period)
            raise ZhishuiError(f"「{cell_text(raw)}」不是日期", sheet=CONTROL, cell=f"B{INPUT_ROW[key]}",
                               hint=f"请写成 {ex:%Y-%m-%d} 或 {ex.year}年{ex.month}月{ex.day}日 这样的日期（年、月、日都写上）")
        return d

    def folder(key):
        s = cell_text(values.get(key)).strip().strip('"')
        if not s:
            return None
        p = Path(s)
        return p if p.is_absolute() or base is None else base / p

    return Control(action, period, date_of("report_date"), date_of("due"),
                   folder("returns"), folder("output"), folder("source"))


def example_date(key: str, period: dt.date | None) -> dt.date:
    """The date a hint shows for a 控制台 date typed wrong: in the 报送期's own month (this month when it has none),
    the month's last day for the 报告日期, its 25th (the default deadline) for the 报送截止日期 — not a year long past
    (trial 14: a clerk in 2026 was told 「请写成 2020-11-30」)."""
    first = period or dt.date.today().replace(day=1)
    if key == "due":
        return first.replace(day=25)
    return month_end(first)
