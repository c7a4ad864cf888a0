"""The browser desk over two months with the clerk's 销号 and 延期 (tests/test_web_decisions.py and the browser test
in tests/test_web_browser.py share it).

A city 河长办's list and 名录 as a clerk makes them in Excel (openpyxl writes the same workbooks); the units' returns
are the sheets the desk issued, filled as a unit fills them.  Dates follow the wall clock: the first period is last
month (its one-off tasks due at its end), the second this month, so 「逾期」 and the extension dates hold whatever day
the tests run.

What each unit reports in the first month (README 「销号」「延期」):

* 1 (市住建局, one-off, due last month): 已完成 with 佐证材料 — 待销号, the clerk approves it;
* 2 (市生态环境局, one-off): 已完成 with 佐证材料 — 待销号, the clerk returns it (请补充竣工验收报告);
* 3 (市工信局, one-off): 已完成 without 佐证材料 — 缺佐证: approving it is refused, nothing is recorded;
* 4 (市农业农村局, due last month): 序时推进, asks to extend to ASKED_4 — agreed to AGREED_4 (another date);
* 5 (市水利局 and 市公安局 both lead, due last month): both ask — 市水利局's is refused, 市公安局's waits and is agreed on
  the second month's page (a request carried to a later period);
* 6 (市河长办, 长期坚持): 已完成 — 长期坚持, no close-out;
* 7 (市住建局): 序时推进.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import openpyxl

from returns_factory import fill_return

TODAY = dt.date.today()
END_1 = TODAY.replace(day=1) - dt.timedelta(days=1)          # the last day of last month
KEY_1 = f"{END_1:%Y-%m}"
KEY_2 = f"{TODAY:%Y-%m}"
FAR = f"{TODAY.year + 1}年12月底"
ASKED_4 = TODAY + dt.timedelta(days=60)
AGREED_4 = TODAY + dt.timedelta(days=90)
ASKED_5 = TODAY + dt.timedelta(days=120)
RETURN_REASON = "请补充竣工验收报告"
REFUSE_REASON = "工期安排可以调整，不同意延期"
BY = "王科长"

ZJ, HB, GX, NY, SL, GA, HZ = ("市住房和城乡建设局", "市生态环境局", "市工业和信息化局", "市农业农村局", "市水利局", "市公安局",
                              "市河长制办公室")


def write_list(path: Path) -> Path:
    end = f"{END_1.year}年{END_1.month}月底"
    rows = [(1, "城乡生活污水治理", "完成城区雨污分流管网改造工程并通过竣工验收", end, "市住建局", "", ""),
            (2, "工业污染治理", "完成工业园区污水集中处理设施提标改造", FAR, "市生态环境局", "", ""),
            (3, "工业污染治理", "完成沿江化工企业搬迁改造", FAR, "市工信局", "", ""),
            (4, "农业面源污染治理", "规模养殖场粪污处理设施装备配套率达到97%", end, "市农业农村局", "", ""),
            (5, "河道管理", "开展河道非法采砂专项整治行动，完成整治验收", end, "市水利局、市公安局", "", ""),
            (6, "河湖长制基础工作", "强化督察督办：对各级河长履职情况开展暗访督查", "长期坚持", "市河长办", "", ""),
            (7, "城乡生活污水治理", "完成12个乡镇污水处理设施提标改造", FAR, "市住建局", "", "")]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["某市河湖长制重点任务责任清单"])
    ws.merge_cells("A1:G1")
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"])
    for r in rows:
        ws.append(list(r))
    s = wb.create_sheet("设置")
    for row in [("项目", "值"), ("方案名称", "某市河湖长制重点任务"), ("汇总单位", HZ), ("发文机关", "某市河长制办公室"),
                ("地区", "某省某市"), ("成文日期", f"{TODAY.year - 1}-01-15")]:
        s.append(list(row))
    wb.save(path)
    return path


def write_directory(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "单位名录"
    ws.append(["单位名称", "简称/别名", "类型", "分组", "联系人", "联系电话", "电子邮箱"])
    for name, alias in [(HZ, "市河长办"), (ZJ, "市住建局"), (HB, ""), (GX, "市工信局"), (NY, ""), (SL, ""), (GA, "")]:
        ws.append([name, alias, "部门", "", "联系人", "0792-1000001", ""])
    wb.save(path)
    return path


# what each unit types in the first month: unit -> {序号: {header: value}}
MONTH_1 = {
    ZJ: {"1": {"完成状态": "已完成", "完成比例": 1, "进展情况": "管网改造完成，已通过竣工验收", "佐证材料": "竣工验收报告.pdf"},
         "7": {"完成状态": "序时推进", "完成比例": 0.5, "进展情况": "完成6个乡镇"}},
    HB: {"2": {"完成状态": "已完成", "完成比例": 1, "进展情况": "提标改造完成", "佐证材料": "现场照片.jpg"}},
    GX: {"3": {"完成状态": "已完成", "完成比例": 1, "进展情况": "搬迁改造全部完成"}},
    NY: {"4": {"完成状态": "序时推进", "完成比例": 0.8, "进展情况": "配套率90%", "申请延期至": ASKED_4,
               "延期理由": "设备采购周期延长"}},
    SL: {"5": {"完成状态": "序时推进", "完成比例": 0.7, "进展情况": "整治进行中", "申请延期至": ASKED_5,
               "延期理由": "汛期停工"}},
    GA: {"5": {"完成状态": "序时推进", "完成比例": 0.7, "进展情况": "联合执法12次", "申请延期至": ASKED_5,
               "延期理由": "案件侦办未结"}},
    HZ: {"6": {"完成状态": "已完成", "完成比例": 1, "进展情况": "暗访督查完成"}},
}


def filled_sheet(issued: Path, dst: Path, unit: str, rows: dict) -> Path:
    """The sheet the desk issued to ``unit``, filled with ``rows`` as the unit fills it (openpyxl, as Excel saves)."""
    return fill_return(issued, dst, unit, values=lambda i, seq, u: rows.get(seq, {}), reporter="张三",
                       report_date=TODAY, mtime=None).path


def issued_sheet(ws, store, key: str, unit: str) -> Path:
    return next(ws.issued_folder(store.period(key)).glob(f"*_{unit}_*"))


def return_rows(path: Path) -> dict[str, dict]:
    """序号 -> {header: value} of an issued return sheet's task rows (openpyxl: an independent reading)."""
    from returns_factory import HEADER_ROW, header_columns, task_rows
    ws = openpyxl.load_workbook(path)["报送表"]
    cols = header_columns(ws)
    return {str(ws.cell(r, 1).value): {h: ws.cell(r, c).value for h, c in cols.items()} for r in task_rows(ws)
            if ws.cell(HEADER_ROW, 1).value}


def text_of_html(page: str) -> str:
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
