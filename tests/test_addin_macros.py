"""Every action of the add-in, run on Linux through xlwings' own remote engine
(xw.Book(json=...) made the caller with set_mock_caller), checked against the
command line on the same data and against what the shipped clients execute."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from conftest import LIST001, SAMPLES
from zhishui.addin.remote import Replay, remote_book
from zhishui.addin.macros import run
from zhishui.addin.xlwings_clients import client_actions, emitted_actions
from zhishui.cli import cli
from zhishui.tables import SUMMARY_LIGHT_COL, SUMMARY_STATUS_COL

MASTER = SAMPLES / "seed001" / "永川区督办台账.xlsx"
RETURNS = SAMPLES / "seed001" / "2020年11月报送"
SUPPORTED = client_actions("vba") & client_actions("js")


@pytest.fixture(scope="module")
def received(tmp_path_factory):
    d = tmp_path_factory.mktemp("addin") / "收到的报送表"
    shutil.copytree(RETURNS, d)
    return d


def go(tmp_path, received, action, workbook=MASTER, **edits):
    cells = {("控制台", "B4"): action, ("控制台", "B8"): str(received), ("控制台", "B9"): str(tmp_path / "输出")}
    cells.update({("控制台", k): v for k, v in edits.items()})
    book, payload = remote_book(workbook, cells)
    outcome = run(book, today=dt.date(2020, 11, 30))
    actions = book.json()["actions"]
    return outcome, actions, Replay(payload, actions)


def assert_clients_execute(actions):
    funcs = emitted_actions({"actions": actions})
    assert funcs and set(funcs) <= SUPPORTED, set(funcs) - SUPPORTED


def test_check_writes_findings_with_their_cells(tmp_path, received):
    outcome, actions, x = go(tmp_path, received, "校验清单")
    assert_clients_execute(actions)
    from zhishui.findings import code_cn
    rows = x.table("校验结果")
    cli = CliRunner().invoke(cli_main(), ["check", str(MASTER), "--date", "2020-11-30", "--json"])
    expected = json.loads(cli.output)["findings"]
    # (the 代码 column names the kind in Chinese with the code beside it: 单位不在名录中（UNKNOWN_UNIT）)
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [(f["severity"], f"{code_cn(f['code'])}（{f['code']}）", f["task"],
                                                         f["cell"]) for f in expected]
    slip = next(r for r in rows if r[1] == "单位不在名录中（UNKNOWN_UNIT）")
    assert (slip[4], slip[5]) == ("任务清单", "G13") and "区市场监管局" in slip[7]
    assert x.cell("控制台", "B14") == "完成（有错误）" and x.colors[("控制台", 13, 1)] == "#FFE58F"
    assert x.alerts and "校验结果" in x.alerts[0]["prompt"]


def cli_main():
    return cli


def test_collect_writes_summary_units_and_list_statuses_like_the_cli(tmp_path, received):
    outcome, actions, x = go(tmp_path, received, "汇总报送")
    assert_clients_execute(actions)
    r = CliRunner().invoke(cli, ["collect", str(MASTER), str(received), "--period", "2020-11", "--date", "2020-11-30",
                                 "--due", "2020-11-25", "--out", str(tmp_path / "cli.xlsx"),
                                 "--json", str(tmp_path / "cli.json"), "--no-history"])
    assert r.exit_code == 1, r.output       # done, with the list's unknown unit reported
    cli_tasks = json.loads((tmp_path / "cli.json").read_text(encoding="utf-8"))["tasks"]
    summary = x.table("汇总")
    assert [(row[0], row[SUMMARY_STATUS_COL], row[SUMMARY_LIGHT_COL]) for row in summary] == \
        [(t["seq"], t["status"], t["light"]) for t in cli_tasks]
    units = x.table("报送情况")
    assert [u[0] for u in units if u[2] == "未报送"] == ["区金融办"]     # 区市场管理局 is not a unit
    # 任务清单: status and light beside each task's first row (J, K), nothing on continuation rows
    tl_rows = openpyxl.load_workbook(MASTER)["任务清单"]
    for t in cli_tasks:
        row = next(c.row for c in tl_rows["A"] if str(c.value) == t["seq"])
        assert x.cell("任务清单", f"J{row}") == t["status"] and x.cell("任务清单", f"K{row}") == t["light"]
    assert x.cell("任务清单", "J3") == "本期状态"
    assert x.cell("控制台", "B14") == "完成（有错误）" and x.colors[("控制台", 13, 1)] == "#FFE58F"
    assert "单位名录中没有区市场管理局" in x.cell("控制台", "B19")
    assert "已完成" in x.cell("控制台", "B16") and (tmp_path / "输出" / "2020年11月汇总结果.xlsx").exists()


def test_lights_are_coloured_by_the_workbooks_rules():
    """The macros write 红/黄/绿 and the statuses; the master workbook colours them."""
    from zhishui.status import LIGHT_COLORS, STATUS_COLORS
    wb = openpyxl.load_workbook(MASTER)
    from openpyxl.utils import get_column_letter
    light, state = get_column_letter(SUMMARY_LIGHT_COL + 1), get_column_letter(SUMMARY_STATUS_COL + 1)
    for sheet, col, colours in [("汇总", light, LIGHT_COLORS), ("汇总", state, STATUS_COLORS),
                                ("任务清单", "K", LIGHT_COLORS), ("任务清单", "J", STATUS_COLORS)]:
        rules = {}
        for rng, rs in wb[sheet].conditional_formatting._cf_rules.items():
            if str(rng.sqref).startswith(col):
                for rule in rs:
                    rules[rule.formula[0].strip('"')] = rule.dxf.fill.bgColor.rgb[-6:]
        assert rules == {k: v.upper() for k, v in colours.items()}, (sheet, col)


def test_one_click_gives_the_same_documents_as_the_command_line(tmp_path, received):
    outcome, actions, x = go(tmp_path, received, "一键生成")
    assert_clients_execute(actions)
    assert outcome.outcome == "完成（有错误）"      # the list's one error (区市场管理局) is reported, the month still runs
    r = CliRunner().invoke(cli, ["docs", str(MASTER), str(received), "--period", "2020-11", "--date", "2020-11-30",
                                 "--due", "2020-11-25", "--out", str(tmp_path / "cli文书"), "--no-history"])
    assert r.exit_code == 1, r.output
    mine = sorted((tmp_path / "输出" / "文书").rglob("*.docx"))
    theirs = sorted((tmp_path / "cli文书").rglob("*.docx"))
    assert [p.relative_to(tmp_path / "输出" / "文书") for p in mine] == [p.relative_to(tmp_path / "cli文书") for p in theirs]
    assert len(mine) > 3
    for a, b in zip(mine, theirs):
        ta = [p.text for p in Document(a).paragraphs] + [c.text for t in Document(a).tables for row in t.rows for c in row.cells]
        tb = [p.text for p in Document(b).paragraphs] + [c.text for t in Document(b).tables for row in t.rows for c in row.cells]
        assert ta == tb, a.name
    assert x.table("校验结果") and x.table("汇总") and x.table("报送情况")


def test_actions_do_not_grow_with_the_number_of_tasks(tmp_path, received):
    small_list = tmp_path / "小清单.xlsx"
    wb = openpyxl.load_workbook(LIST001)
    ws = wb["整改任务分解表"]
    ws.delete_rows(14, ws.max_row)          # keep tasks 1-10 (10 has the list's one error)
    wb.save(small_list)
    small_master = tmp_path / "小台账.xlsx"
    subprocess_build(small_list, small_master)
    for action in ("校验清单", "汇总报送", "一键生成", "生成督办通知"):
        _, big, _ = go(tmp_path / "big", received, action)
        _, small, _ = go(tmp_path / "small", received, action, workbook=small_master)
        assert emitted_actions({"actions": big}) == emitted_actions({"actions": small}), action


def subprocess_build(list_path: Path, out: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workbook_templates"))
    import build_master
    build_master.main(["--from-list", str(list_path), "--out", str(out), "--period", "2020-11",
                       "--report-date", "2020-11-30"])


def test_split_from_excel(tmp_path, received):
    outcome, actions, x = go(tmp_path, received, "生成报送表")
    assert_clients_execute(actions)
    made = sorted((tmp_path / "输出" / "2020年11月报送表").glob("*.xlsx"))
    assert len(made) == 52 and x.cell("控制台", "B14") == "完成（有错误）"   # none for 区市场管理局
    assert "生成报送表 52 份" in x.cell("控制台", "B15")


@pytest.mark.parametrize("edits, words", [
    ({"B4": ""}, "没有选择要执行的操作"),
    ({"B4": "汇总报送", "B5": "十一月"}, "B5"),
    ({"B4": "汇总报送", "B8": "/没有/这个/文件夹"}, "工作表「控制台」单元格 B8：填的报送表文件夹「/没有/这个/文件夹」不存在"),
    ({"B4": "生成报送表", "B5": ""}, "报送期"),
    ({"B4": "汇总报送", "B6": "2021-11-30"}, "请检查控制台的「报告日期」"),    # a year typed wrong
])
def test_errors_reach_the_clerk_as_a_chinese_alert(tmp_path, received, edits, words):
    cells = {("控制台", "B4"): "汇总报送", ("控制台", "B8"): str(received), ("控制台", "B9"): str(tmp_path)}
    cells.update({("控制台", k): v for k, v in edits.items()})
    book, payload = remote_book(MASTER, cells)
    assert run(book) is None
    actions = book.json()["actions"]
    assert_clients_execute(actions)
    x = Replay(payload, actions)
    assert x.alerts and words in x.alerts[-1]["prompt"] and "Traceback" not in x.alerts[-1]["prompt"]
    assert x.cell("控制台", "B14") == "失败" and x.colors[("控制台", 13, 1)] == "#FFA39E"


def test_a_workbook_that_is_not_the_master(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    p = tmp_path / "别的工作簿.xlsx"
    wb.save(p)
    book, payload = remote_book(p)
    assert run(book) is None
    x = Replay(payload, book.json()["actions"])
    assert x.alerts and "控制台" in x.alerts[0]["prompt"]


def test_text_that_looks_like_a_formula_stays_text(tmp_path, received):
    from zhishui.addin.macros import _rows_safe
    assert _rows_safe([["=SUM(A1)", "+86 123", "正常", 5, None]]) == [["'=SUM(A1)", "'+86 123", "正常", 5, None]]


def test_ribbon_entry_point_is_zhishui_main(tmp_path, received):
    """RunMain does `import zhishui; zhishui.main()`: main finds the caller and runs the chosen action."""
    import zhishui
    cells = {("控制台", "B4"): "校验清单", ("控制台", "B8"): str(received), ("控制台", "B9"): str(tmp_path)}
    book, payload = remote_book(MASTER, cells)
    zhishui.main()
    x = Replay(payload, book.json()["actions"])
    assert x.table("校验结果")
    assert re.match(r"\d{4}-\d{2}-\d{2}", str(x.cell("控制台", "B12")))


def test_close_out_and_extension_from_the_ledger(tmp_path):
    """销号 and 延期 decided in the 督办台账 (a 销号延期 sheet the clerk adds, action 办理销号延期): recorded
    in the history as the command line records them, each row's outcome written beside it."""
    import openpyxl as ox
    from returns_factory import default_fill, fill_return
    ledger = tmp_path / "督办台账.xlsx"
    wb = ox.load_workbook(MASTER)
    wb.create_sheet("销号延期").append(["序号", "报送期", "办理", "单位", "延期至", "理由", "办理人", "结果"])
    wb.save(ledger)
    blank, inbox = tmp_path / "下发", tmp_path / "收回"
    r = CliRunner().invoke(cli_main(), ["split", str(ledger), "--period", "2020-11", "--out", str(blank)])
    assert r.exit_code in (0, 1), r.output
    asked = {}

    def values(i, seq, unit):
        out = default_fill(i, seq, unit)
        if i % 3 == 1 and not asked:          # one unit asks for more time on one task
            asked[seq] = unit
            out.update({"申请延期至": dt.date(2022, 6, 30), "延期理由": "征地拆迁未完成"})
        return out
    for p in sorted(blank.glob("*.xlsx")):
        fill_return(p, inbox / p.name, p.name.split("_")[1], values=values)
    out_dir = tmp_path / "输出"
    base = {("控制台", "B8"): str(inbox), ("控制台", "B9"): str(out_dir), ("控制台", "B5"): "2020-11",
            ("控制台", "B6"): "2020-11-30"}
    book, _ = remote_book(ledger, {**base, ("控制台", "B4"): "汇总报送"})
    assert run(book, today=dt.date(2020, 11, 30)).outcome in ("成功", "完成（有错误）")
    res = json.loads(next(out_dir.glob("*汇总结果.json")).read_text(encoding="utf-8"))
    pending = [c["task"] for c in res["closeouts"] if c["state"] == "待销号"]
    (ext_task, ext_unit), = asked.items()
    assert [(e["task"], e["unit"], e["state"]) for e in res["extensions"]] == [(ext_task, ext_unit, "待审批")]
    not_done_task = next(t for t in res["tasks"] if t["status"] != "已完成")
    not_done = not_done_task["seq"]
    # (a 长期坚持 task reported 已完成 is refused as such, since session 17; another as not pending)
    refusal = "长期坚持的任务" if not_done_task["status"] == "长期坚持" else "不是待销号的任务"
    rows = {("销号延期", f"{c}{n}"): v for n, row in enumerate([
        [pending[0], "2020-11", "批准销号", "", "", "", "王芳"],
        [pending[1], "2020-11", "退回销号", "", "", "验收报告未盖章", "王芳"],
        [ext_task, "2020-11", "同意延期", ext_unit, "2022-03-31", "", "王芳"],
        [not_done, "2020-11", "批准销号", "", "", "", "王芳"]], start=2) for c, v in zip("ABCDEFG", row)}
    book, payload = remote_book(ledger, {**base, ("控制台", "B4"): "办理销号延期", **rows})
    outcome = run(book, today=dt.date(2020, 12, 2))
    actions = book.json()["actions"]
    assert_clients_execute(actions)
    x = Replay(payload, actions)
    result = [x.cell("销号延期", f"H{n}") for n in range(2, 6)]
    assert "已批准销号" in result[0] and "销号已退回（验收报告未盖章）" in result[1]
    assert "调整为2022-03-31" in result[2]
    assert result[3].startswith("未办理：") and refusal in result[3] and result[3].count("才能") <= 1
    assert outcome.outcome == "完成（有错误）" and x.cell("控制台", "B14") == "完成（有错误）"
    # the history has them, as the command line would show them
    hist = json.loads(CliRunner().invoke(cli_main(), [
        "history", str(ledger), "--task", pending[1], "--period", "2020-11", "--history", str(out_dir / "督办档案"),
        "--json"]).output)
    decided = {(d["decision"], d["by"], d["reason"]) for r in hist for d in r["decisions"]}
    assert decided == {("退回", "王芳", "验收报告未盖章")}
    # a second click decides nothing again
    book, payload = remote_book(ledger, {**base, ("控制台", "B4"): "办理销号延期", **rows,
                                       **{("销号延期", f"H{n}"): t for n, t in zip(range(2, 6), result)}})
    again = run(book, today=dt.date(2020, 12, 3))
    assert "没有新的决定" in "；".join(again.notes)
