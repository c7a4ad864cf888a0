"""The browser desk over three months, with the facts a leader asks the clerk about afterwards (README 「随时查」):
tests/test_trial11_web_query.py (the page against ``zhishui history`` on the same history, SQLite and PostgreSQL) and
the browser test in tests/test_web_browser.py share it.

The city list and 名录 of tests/decisions_desk.py, made with openpyxl as a clerk makes them in Excel; each unit's return
is the sheet the desk issued it, filled as a unit fills it, handed in through the unit's own link
(``Workspace.receive``, what the upload page calls).  Months follow the wall clock: P0 two months ago, P1 last month,
P2 this month.

* P0: every unit reports (decisions_desk.MONTH_1).  Task 1 (市住建局, 已完成 with 佐证材料) is approved for 销号 by
  王科长, then the approval is returned (「验收报告缺少签章」); 市农业农村局's request on task 4 is agreed to AGREED_4.
* P1: 市水利局 sends nothing; 市公安局 hands back the sheet it was issued, nothing filled in (空表); the others
  report month_text.
* Between P1 and P2 the list is revised as a clerk does it in Excel: task 7 (市住建局's 12 乡镇) deleted, and
  市工业和信息化局 renamed 市经济和信息化局 in the 名录 (the old name kept as 别名).  P2 starts on the revised list.
* P2: 市水利局 sends nothing again (已连续2个月未报送, from P1); 市生态环境局 reports task 2 已完成 with 佐证材料
  (待销号, not decided yet); the others report month_text.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from decisions_desk import (AGREED_4, BY, GA, GX, HB, HZ, MONTH_1, NY, SL, TODAY, ZJ, filled_sheet, issued_sheet,
                            write_directory, write_list)

P2_DAY = TODAY.replace(day=1)
P1_DAY = P2_DAY - dt.timedelta(days=1)
P0_DAY = P1_DAY.replace(day=1) - dt.timedelta(days=1)
P0, P1, P2 = f"{P0_DAY:%Y-%m}", f"{P1_DAY:%Y-%m}", f"{P2_DAY:%Y-%m}"
BEFORE = f"{(P0_DAY.replace(day=1) - dt.timedelta(days=1)):%Y-%m}"      # a month the desk never collected
GX_NEW = "市经济和信息化局"
RETURNED = "验收报告缺少签章"
DELETED = "7"
DONE_EVIDENCE = "提标改造验收意见.pdf"
LIST_NAME = "某市河湖长制重点任务责任清单.xlsx"
REVISED_NAME = "某市河湖长制重点任务责任清单（修订）.xlsx"


def cn(period: str) -> str:
    return f"{int(period[:4])}年{int(period[5:])}月"


def month_text(unit: str, seq: str, period: str) -> dict:
    return {"完成状态": "序时推进", "完成比例": 0.6, "进展情况": f"{unit}第{seq}项{cn(period)}进展"}


def revised_files(root: Path) -> tuple[Path, Path]:
    """The list without task 7, and the 名录 with 市工业和信息化局 renamed (its old names kept as 别名)."""
    lst = write_list(root / "原清单.xlsx")
    wb = openpyxl.load_workbook(lst)
    ws = wb["责任清单"]
    [row] = [r for r in range(3, ws.max_row + 1) if str(ws.cell(r, 1).value) == DELETED]
    ws.delete_rows(row)
    wb.save(root / REVISED_NAME)
    names = write_directory(root / "原名录.xlsx")
    wb = openpyxl.load_workbook(names)
    ws = wb["单位名录"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == GX:
            ws.cell(r, 1).value = GX_NEW
            ws.cell(r, 2).value = f"{GX}、市工信局"
    wb.save(root / "某市单位名录（修订）.xlsx")
    return root / REVISED_NAME, root / "某市单位名录（修订）.xlsx"


def build(app, root: Path) -> dict:
    """The three months on ``app``'s desk; returns what the tests ask about."""
    ws, store = app.config["WORKSPACE"], app.config["STORE"]
    root.mkdir(parents=True, exist_ok=True)
    lst, names = write_list(root / LIST_NAME), write_directory(root / "某市单位名录.xlsx")
    ws.add_list(lst.name, lst.read_bytes(), "办事员", (names.name, names.read_bytes()))

    def month(key: str, due: dt.date, reports: dict) -> dict:
        row = ws.start_period(key, due, None)
        for unit, rows in reports.items():
            sheet = issued_sheet(ws, store, key, unit) if rows is None else \
                filled_sheet(issued_sheet(ws, store, key, unit), root / key / f"{key}_{unit}报送表.xlsx", unit, rows)
            ws.receive(store.period(key), unit, sheet.name, sheet.read_bytes())
        ws.month(store.period(key))             # the 报送情况 page opened: the month is recorded
        return row

    (root / P0).mkdir(exist_ok=True)
    month(P0, P0_DAY + dt.timedelta(days=5), MONTH_1)
    p0 = store.period(P0)
    ws.decide(p0, "销号", "1", True, by=BY, login="办事员")
    ws.decide(p0, "销号", "1", False, reason=RETURNED, by=BY, login="办事员")
    ws.decide(p0, "延期", "4", True, unit=NY, to=AGREED_4, by=BY, login="办事员")

    (root / P1).mkdir(exist_ok=True)
    p1 = {u: {s: month_text(u, s, P1) for s in rows} for u, rows in MONTH_1.items() if u not in (SL, GA)}
    p1[GA] = None                                # the sheet it was issued, handed back as it came (空表)
    month(P1, P1_DAY + dt.timedelta(days=5), p1)

    new_list, new_names = revised_files(root)
    ws.add_list(new_list.name, new_list.read_bytes(), "办事员", (new_names.name, new_names.read_bytes()))
    (root / P2).mkdir(exist_ok=True)
    p2 = {(GX_NEW if u == GX else u): {s: month_text(GX_NEW if u == GX else u, s, P2) for s in rows if s != DELETED}
          for u, rows in MONTH_1.items() if u != SL}
    p2[HB]["2"] = {"完成状态": "已完成", "完成比例": 1, "进展情况": "提标改造完成并通过验收", "佐证材料": DONE_EVIDENCE}
    month(P2, TODAY + dt.timedelta(days=10), p2)
    current = store.current_list()
    return {"ws": ws, "store": store, "list": ws.list_path(current), "directory": ws.directory_path(current),
            "units": (ZJ, HB, GX, NY, SL, GA, HZ)}
