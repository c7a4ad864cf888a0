"""The 通报 of a month with 销号 and 延期, as a new-user trial found it (清溪县's list, February 2021).

The clerk splits, the units send their returns back, the clerk collects, agrees two extensions
(task 5: 2021年2月底 → 2021-03-31; task 6: 2021年3月底 → 2021-04-30), approves two close-outs (task 4
with no 办理人 given: the login name is kept in the history only; task 9 with --by 陈静) and writes
the 通报.  What the document must say is written here by hand from the list and the decisions
(the oracle), never computed by the code under test:

* the 销号 rows: Chinese dates, the period as 2021年2月, no login name, the named 办理人;
* 「下月（2021年3月）到期任务」: tasks judged by their extended deadline (5 in, 6 out) and showing it;
* no two tables touching; no ISO date anywhere in the document.
"""
from __future__ import annotations

import datetime as dt
import getpass
import re
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from returns_factory import fill_return
from zhishui.cli import cli

D = dt.date
PLAN = "清溪县2021年治水重点工作责任清单"
# seq -> (工作任务, 牵头部门, 办结时限)
TASKS = {
    "1": ("完成县城区污水管网排查，建立管网地理信息系统台账", "县住建局", "2021年3月底"),
    "4": ("制定农村生活污水治理设施运维管理办法", "县农业农村局", "2021年1月底"),
    "5": ("完成沿河畜禽养殖场关停搬迁", "城关镇", "2021年2月底"),
    "6": ("完成工业园区污水处理厂提标改造", "县经信局", "2021年3月底"),
    "7": ("完成城区老旧小区雨污分流改造一期工程", "县住建局", "2021年4月15日"),
    "8": ("每月开展河道保洁专项检查并通报", "县水利局", "每月25日前"),
    "9": ("编制河道保洁考核办法", "桥头镇", "2021年2月底"),
}
UNITS = [("清溪县住房和城乡建设局", "县住建局"), ("清溪县经济和信息化局", "县经信局"), ("清溪县水利局", "县水利局"),
         ("清溪县农业农村局", "县农业农村局"), ("城关镇", ""), ("桥头镇", "")]
EXTENDED = {"5": D(2021, 3, 31), "6": D(2021, 4, 30)}
DECIDED_ON = D(2021, 3, 1)
# the oracle: March 2021's tasks by hand. 1 is due 2021-03-31; 5 was moved to 2021-03-31; 8 recurs
# on the 25th; 6 was moved to April; 4 and 9 are closed; 7 is due in April.
DUE_IN_MARCH = {"1": "2021年3月底", "5": "2021年2月底（已延期至2021年3月31日）", "8": "每月25日前（2021年3月25日）"}   # (the day it falls on: trial 29)


def run(*args, code=0):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r.output


def write_list(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "工作任务", "牵头部门", "办结时限"])
    for seq, (text, lead, due) in TASKS.items():
        ws.append([int(seq), text, lead, due])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "简称/别名", "类型"])
    for name, alias in UNITS:
        d.append([name, alias, "镇" if name.endswith("镇") else "部门"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    for k, v in [("发文机关", "清溪县治水办"), ("文件标题", "关于印发清溪县2021年治水重点工作责任清单的通知"),
                 ("文号", "清治水办〔2020〕12号"), ("成文日期", dt.datetime(2020, 12, 15)), ("方案名称", PLAN),
                 ("汇总单位", "县治水办"), ("发文单位", "清溪县治水办"), ("联系人", "陈静"), ("联系电话", "0571-9999")]:
        s.append([k, v])
    wb.save(path)


def values(i, seq, unit):
    if seq in ("4", "9"):
        return {"完成状态": "已完成", "完成比例": 1, "进展情况": "已印发", "佐证材料": "印发文件.pdf"}
    out = {"完成状态": "序时推进", "进展情况": f"{unit}按计划推进"}
    if seq in EXTENDED:
        out.update({"申请延期至": EXTENDED[seq], "延期理由": "受雨季影响"})
    return out


@pytest.fixture(scope="module")
def february(tmp_path_factory):
    root = tmp_path_factory.mktemp("qingxi")
    lst = root / "清溪县责任清单.xlsx"
    write_list(lst)
    run("split", lst, "--period", "2021-02", "--out", root / "下发", "--date", D(2021, 2, 1))
    inbox = root / "收回"
    for p in sorted((root / "下发").glob("*.xlsx")):
        fill_return(p, inbox / p.name, p.name.split("_")[1], values=values, report_date=D(2021, 2, 20),
                    mtime=dt.datetime(2021, 2, 20, 10))
    run("collect", lst, inbox, "--period", "2021-02", "--date", D(2021, 2, 28), "--out", root / "汇总.xlsx")
    for seq in EXTENDED:
        run("extend", lst, seq, "--period", "2021-02", "--date", DECIDED_ON)
    run("close", lst, "4", "--period", "2021-02", "--date", DECIDED_ON)                  # no 办理人: the login
    run("close", lst, "9", "--period", "2021-02", "--date", DECIDED_ON, "--by", "陈静")
    out = root / "文书"
    terminal = run("docs", lst, inbox, "--period", "2021-02", "--date", D(2021, 2, 28), "--out", out)
    [bulletin] = (out / "进展通报").glob("*.docx")
    return {"root": root, "list": lst, "bulletin": Document(bulletin), "terminal": terminal, "out": out}


def table_rows(doc, *header: str) -> list[list[str]]:
    """The rows of the one table with exactly this header."""
    found = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == list(header)]
    assert len(found) == 1, header
    return [[c.text for c in r.cells] for r in found[0].rows[1:]]


def all_text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs) + "\n" + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_closeout_rows_are_worded_officially(february):
    rows = {r[0]: r for r in table_rows(february["bulletin"], "序号", "销号任务", "牵头单位", "批准情况")}
    assert set(rows) == {"4", "9"}
    assert rows["4"][3] == "2021年2月报送的完成情况于2021年3月1日经审核批准销号"
    assert rows["9"][3] == "2021年2月报送的完成情况于2021年3月1日经审核批准销号（办理人：陈静）"
    text = all_text(february["bulletin"])
    login = getpass.getuser()
    assert not re.search(rf"(?<![A-Za-z]){re.escape(login)}(?![A-Za-z])", text), login
    assert not re.search(r"(?<!\d)20\d\d-\d{1,2}", text), re.findall(r".{10}20\d\d-\d{1,2}.{10}", text)


def test_extension_rows(february):
    rows = {r[0]: r for r in table_rows(february["bulletin"], "序号", "延期任务", "申请单位", "原时限", "调整后时限", "办理")}
    assert {k: (r[2], r[3], r[4], r[5]) for k, r in rows.items()} == {
        "5": ("城关镇", "2021年2月28日", "2021年3月31日", "已同意"),
        "6": ("清溪县经济和信息化局", "2021年3月31日", "2021年4月30日", "已同意")}


def test_due_next_month_by_the_extended_deadline(february):
    doc = february["bulletin"]
    assert any(p.text.endswith("下月（2021年3月）到期任务") for p in doc.paragraphs)
    rows = table_rows(doc, "序号", "任务内容", "牵头单位", "完成时限")
    assert {r[0]: r[3] for r in rows} == DUE_IN_MARCH


def test_no_two_tables_touch(february):
    body = february["bulletin"].element.body
    kids = [k for k in body.iterchildren() if k.tag in (qn("w:p"), qn("w:tbl"))]
    for a, b in zip(kids, kids[1:]):
        assert not (a.tag == qn("w:tbl") and b.tag == qn("w:tbl")), "two tables touch"
    # the sentence before each decision table
    captions = {p.text: p for p in february["bulletin"].paragraphs
                if p.text in ("本期批准销号的任务如下表。", "延期申请办理情况如下表。")}
    assert len(captions) == 2
    for text, p in captions.items():      # a caption stays on the page of its table
        nxt = p._p.getnext()
        assert nxt is not None and nxt.tag == qn("w:tbl"), text
        assert p._p.pPr is not None and p._p.pPr.find(qn("w:keepNext")) is not None, text


def test_the_history_still_knows_the_login(february):
    """The login is not lost: the history command (for the clerk, not a document) still says who."""
    out = run("history", february["list"], "--task", "4", "--period", "2021-02")
    login = getpass.getuser()
    assert login in out


def test_a_second_decision_on_one_extension_says_it_replaces_the_first(february, tmp_path):
    # on a copy of the month (list, returns, history beside the list): the fixture's history stays as it was
    root = tmp_path / "copy"
    shutil.copytree(february["root"], root)
    lst = root / february["list"].name
    r = CliRunner().invoke(cli, ["extend", str(lst), "5", "--period", "2021-02", "--to", "2021-04-30", "--date", "2021-03-02"])
    assert r.exit_code == 0, r.output
    assert "调整为2021-04-30" in r.output and "此前（2021-03-01）已同意延期至2021-03-31，以这次为准" in r.output, r.output
    r = CliRunner().invoke(cli, ["extend", str(lst), "5", "--period", "2021-02", "--refuse", "--date", "2021-03-03"])
    assert "不同意城关镇的延期申请" in r.output and "此前（2021-03-02）已同意延期至2021-04-30，以这次为准" in r.output, r.output


def test_the_summary_workbook_does_not_print_the_login(february, tmp_path):
    """Trial 18: with no 办理人 given, the 汇总 and 销号延期 sheets of 汇总结果.xlsx said 「已销号（2020-12报送的
    完成情况，clerkwang，2021-01-04批准）」 and 「不同意（clerkwang，2020-11-02）」.  The workbook the clerk hands
    out is a document: the login stays in the history only; a named 办理人 (陈静) is printed."""
    login = getpass.getuser()
    book = tmp_path / "汇总结果.xlsx"         # the command line's 汇总 after the decisions (the web's is the same call)
    run("collect", february["list"], february["root"] / "收回", "--period", "2021-02", "--date", D(2021, 2, 28),
        "--out", book)
    wb = openpyxl.load_workbook(book)
    cells = {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    said = {k: v for k, v in cells.items() if k[0] in ("汇总", "销号延期")
            and re.search(rf"(?<![A-Za-z/]){re.escape(login)}(?![A-Za-z/])", v)}
    assert not said, said
    closed = [v for (sheet, _), v in cells.items() if sheet == "汇总" and v.startswith("已销号（2021-02报送的完成情况")]
    assert sorted(closed) == ["已销号（2021-02报送的完成情况，2021-03-01批准）",
                              "已销号（2021-02报送的完成情况，陈静，2021-03-01批准）"], closed
    agreed = [v for (sheet, _), v in cells.items() if sheet == "销号延期" and "已同意（" in v]
    assert agreed and all("已同意（2021-03-01）" in v for v in agreed), agreed
