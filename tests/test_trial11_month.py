"""The session-19 trial's first month (an imported 南湖 plan), as the clerk reads it.

A list with the plan table's extra columns (工程目的, 投资估算) is split; the units fill their returns the way they
would (openpyxl writing into split's workbooks; one saved by LibreOffice as .xls), the folder is collected and the
documents made (the command line, as the clerk runs it).  The expected values are written here from what the units
typed and from the README, not computed by the code under test.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from conftest import office_convert
from returns_factory import fill_return
from zhishui.cli import cli

PERIOD, DATE = "2014-01", "2014-01-31"
# seq -> (具体举措, 完成时限, 牵头单位, 责任单位, 配合单位, 工程目的, 投资估算（万元）)
TASKS = {
    "1": ("完善管网规划", "2013年底完成", "市规划局", "", "市住建局、市环保局", "雨污分流全面截污", "50"),
    "6": ("罗家坡、黄梅港污水处理厂污水排放口改址", "2015年前完成", "市住建局", "", "", "削减南湖纳污量", "15000"),
    "8": ("草拟划定牲猪禁养区、限养区文件报市政府审议印发", "2013年完成", "市环保局", "", "", "按规定实行禁养、限养", "--"),
    "12": ("环湖截污干管联合建设", "2014年底前完成", "", "市住建局、市环保局", "", "截污干管贯通", "8000"),
    "13": ("管网巡查", "2014年底前完成", "市规划局", "", "", "确保正常运行", "10"),
}
UNITS = ["市规划局", "市住建局", "市环保局"]
ZJ = "黄梅港排放口新址涉及征地，群众意见较大"
HB = "部分区对限养区范围有异议，未能按期报市政府"
# user text is data: markup, an ampersand, template braces and a leading = (a formula in Excel) survive; long text
# stays whole
JOINT_ZJ = ("=资金缺口<3000万元>&配套{{ 待定 }}，需市财政协调；" + "沿线涉及拆迁房屋四十二户、管线迁改九处，" * 3
            + "已多次协调仍未解决")
JOINT_HB = "管网施工受汛期影响"
# unit -> {seq: {header: value}}
FILLS = {
    "市住建局": {"1": {"完成状态": "序时推进", "完成比例": 0.8, "进展情况": "配合完成规划初稿审查"},
                 "6": {"完成状态": "进度滞后", "完成比例": 0.2, "进展情况": "罗家坡排放口改址选址已定，黄梅港尚未确定",
                       "存在问题": ZJ, "下步打算": "提请市政府协调"},
                 "12": {"完成状态": "进度滞后", "完成比例": 0.3, "进展情况": "完成干管设计", "存在问题": JOINT_ZJ}},
    "市环保局": {"1": {"完成状态": "序时推进", "完成比例": 0.8, "进展情况": "对规划环评提出意见"},
                 "8": {"完成状态": "进度滞后", "完成比例": 0.7, "进展情况": "文件已起草，征求各区意见",
                       "存在问题": HB + "。", "下步打算": "2月底前报市政府审议"},
                 "12": {"完成状态": "进度滞后", "完成比例": 0.4, "进展情况": "配合完成勘测", "存在问题": JOINT_HB}},
    "市规划局": {"1": {"完成状态": "已完成", "完成比例": 1, "进展情况": "专项规划已经市规委会审议通过"},
                 "13": {"完成状态": "进度滞后", "完成比例": 0.1, "进展情况": "巡查队伍组建中", "存在问题": "无"}},
}


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    root = tmp_path_factory.mktemp("nanhu")
    lst = root / "南湖责任清单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位", "工程目的", "投资估算（万元）"])
    for seq, row in TASKS.items():
        ws.append([seq, *row])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for u in UNITS:
        d.append([u, "部门"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["方案名称", "南湖流域截污与养殖污染整治工程实施方案"])
    s.append(["成文日期", dt.datetime(2013, 5, 20)])
    s.append(["汇总单位", "市南湖治理办"])
    wb.save(lst)
    run = CliRunner().invoke(cli, ["split", str(lst), "--period", PERIOD, "--out", str(root / "下发")],
                             catch_exceptions=False)
    assert run.exit_code == 0, run.output
    inbox = root / "收回"
    for unit, rows in FILLS.items():
        src = next((root / "下发").glob(f"*_{unit}_*.xlsx"))

        def values(i, seq, unit, rows=rows):
            return rows.get(seq, {})

        def text_stays_text(wb, ws):
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, str) and c.value.startswith("="):
                        c.data_type = "s"       # what Excel keeps when the unit typed it as text ('=…)
        fill_return(src, inbox / src.name, unit, values=values, report_date=dt.date(2014, 1, 20),
                    mtime=dt.datetime(2014, 1, 20, 16, 30), edit=text_stays_text)
    # 市环保局 saved its return with LibreOffice as .xls (the trial's)
    hb = next(inbox.glob("*_市环保局_*.xlsx"))
    office_convert(hb, "xls", inbox)
    hb.unlink()
    r = CliRunner().invoke(cli, ["collect", str(lst), str(inbox), "--period", PERIOD, "--date", DATE,
                                 "--out", str(root / "汇总.xlsx"), "--json", str(root / "汇总.json")],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    d = CliRunner().invoke(cli, ["docs", str(lst), str(inbox), "--period", PERIOD, "--date", DATE,
                                 "--out", str(root / "文书")], catch_exceptions=False)
    assert d.exit_code == 0, d.output
    return root, r.output


def _table(doc, last_header: str) -> dict[str, list[str]]:
    """序号 -> the row's cells, of the document's table whose header ends with ``last_header``."""
    for t in Document(doc).tables:
        head = [c.text for c in t.rows[0].cells]
        if head[-1] == last_header or last_header in head:
            col = head.index(last_header)
            return {r.cells[0].text: r.cells[col].text for r in t.rows[1:]}
    raise AssertionError(f"no table headed {last_header} in {doc.name}")


def test_the_units_own_reasons_are_in_the_supervision_notices_and_the_bulletin(month):
    """The trial: 市住建局 wrote 「黄梅港排放口新址涉及征地，群众意见较大」 in 存在问题; the 督办通知's and the 通报's reason
    column said only 「市住建局报「进度滞后」」. Now each unit's words are quoted whole, attributed, each unit its own."""
    root, _ = month
    zj = _table(root / "文书" / "督办通知" / "督办通知_市住建局.docx", "逾期天数或滞后原因")
    assert zj["6"] == f"市住建局报「进度滞后」；市住建局：{ZJ}"
    # a joint task: its own words only, all of them, the markup, braces and = as typed
    assert zj["12"] == f"市住建局报「进度滞后」；市住建局：{JOINT_ZJ}"
    hb = _table(root / "文书" / "督办通知" / "督办通知_市环保局.docx", "逾期天数或滞后原因")
    assert hb["8"] == f"逾期31天；到期未完成（市环保局报「进度滞后」、完成70%）；市环保局：{HB}"     # (its closing 。 goes)
    assert hb["12"] == f"市环保局报「进度滞后」；市环保局：{JOINT_HB}"
    # 「无」 is no reason: nothing quoted
    gh = _table(root / "文书" / "督办通知" / "督办通知_市规划局.docx", "逾期天数或滞后原因")
    assert gh["13"] == "市规划局报「进度滞后」"
    bulletin = root / "文书" / "进展通报" / "2014年1月工作进展情况通报.docx"
    lag = _table(bulletin, "滞后原因")
    assert lag["6"] == f"市住建局报「进度滞后」；市住建局：{ZJ}"
    assert lag["12"] == f"市住建局报「进度滞后」；市住建局：{JOINT_ZJ}；市环保局报「进度滞后」；市环保局：{JOINT_HB}"
    assert _table(bulletin, "逾期天数及原因")["8"].endswith(f"；市环保局：{HB}")
    # the same fact in the 汇总 (说明) and the JSON: computed once
    ws = openpyxl.load_workbook(root / "汇总.xlsx")["汇总"]
    head = [c.value for c in ws[1]]
    said = {str(r[0]): r[head.index("说明")] for r in ws.iter_rows(min_row=2, values_only=True) if r[0]}
    assert said["6"] == lag["6"] and said["12"] == lag["12"]
    import json
    j = json.loads((root / "汇总.json").read_text(encoding="utf-8"))
    assert {p["task"]: p["reason"] for p in j["pressed"]["市住建局"]}["6"] == zj["6"]


def test_a_returns_own_reference_columns_are_not_content_left_over(month, tmp_path):
    """The trial: every return raised 「未归入任务的内容」 for the grey 「参考：工程目的」「参考：投资估算」 columns split itself
    wrote. They are the issued text; what a unit types in a column of its own is still kept and said."""
    root, said = month
    assert "未归入任务的内容" not in said, said
    ws = openpyxl.load_workbook(root / "汇总.xlsx")["异常清单"]
    assert not [r for r in ws.iter_rows(min_row=2, values_only=True) if "UNUSED_CELLS" in r[1] or "REFERENCE_EDITED" in r[1]]
    # a unit that adds a column of its own and changes a 参考 cell: both kept, both said
    inbox = tmp_path / "收回"
    shutil.copytree(root / "收回", inbox)
    zj = next(inbox.glob("*_市住建局_*.xlsx"))
    wb = openpyxl.load_workbook(zj)
    ws = wb["报送表"]
    head = {c.value: c.column for c in ws[4] if c.value}
    extra = max(head.values()) + 1
    ws.cell(4, extra, "备注")
    ws.cell(5, extra, "已报市政府专题会")
    row6 = next(r for r in range(5, 10) if str(ws.cell(r, 1).value) == "6")
    ws.cell(row6, head["参考：投资估算（万元）"], "18000")
    wb.save(zj)
    r = CliRunner().invoke(cli, ["collect", str(root / "南湖责任清单.xlsx"), str(inbox), "--period", PERIOD,
                                 "--date", DATE, "--out", str(tmp_path / "汇总.xlsx"), "--no-history"],
                           catch_exceptions=False)
    assert "提示「未归入任务的内容」1条" in r.output and "警告「改动了下发内容」1条" in r.output, r.output
    wb = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    found = [r for r in wb["异常清单"].iter_rows(min_row=2, values_only=True) if r[1] == "未归入任务的内容（UNUSED_CELLS）"]
    assert len(found) == 1 and re.search(r"有2个单元格.*（[A-Z]+4、[A-Z]+5）", found[0][6]), found
    edited = next(r for r in wb["异常清单"].iter_rows(min_row=2, values_only=True) if r[1] == "改动了下发内容（REFERENCE_EDITED）")
    assert "原为「15000」，现为「18000」" in edited[6] and edited[2] == "6"
    raw = {r[6]: r for r in wb["原始数据"].iter_rows(min_row=2, values_only=True)}
    assert raw["已报市政府专题会"][8] == "否" and raw["备注"][8] == "否"
    assert raw["18000"][8] == "否" and "改动了下发的参考内容" in raw["18000"][9]
