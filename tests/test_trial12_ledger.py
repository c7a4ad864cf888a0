"""The 督办台账 through the months (session 20's add-in trial, xlwings' remote engine, saved onto the same ledger).

1. The ledger's own result columns (任务清单 J:M: 本期状态｜灯｜未报送单位｜说明, which the add-in writes after every
   汇总) were read back as the list's extra columns: the next month's return sheets carried last month's results
   (other units' names among them) as 「参考：…」, and once the next 汇总 had rewritten them every return was said to
   have 「改动了下发内容」 (1,154 warnings in the trial), by the add-in and by `zhishui collect` alike.
2. 「报送表文件夹」 (B8) given the folder 生成报送表 had just written (the blank sheets going out) was a green 「成功」:
   49 空表, the ledger's 汇总 and statuses overwritten.  Now it stops before anything is written, as a folder of
   last month's sheets does, in the add-in and on the command line (one check, zhishui/month.py).
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from returns_factory import fill_return
from zhishui.addin.macros import run
from zhishui.addin.remote import Replay, remote_book, save_replayed
from zhishui.cli import cli
from zhishui.tables import LIST_STATUS_HEADERS

MASTER = SAMPLES / "seed001" / "永川区督办台账.xlsx"
RETURNS = SAMPLES / "seed001" / "2020年11月报送"
STATUS_REFS = [f"参考：{h}" for h in LIST_STATUS_HEADERS]


def click(ledger: Path, action: str, today: dt.date, **cells) -> tuple[object, Replay]:
    """One click in Excel: the book as the add-in sees it, the macro, its writes saved onto the same file."""
    edits = {("控制台", "B4"): action, **{("控制台", k): v for k, v in cells.items()}}
    book, payload = remote_book(ledger, edits, full_path=True)
    outcome = run(book, today=today)
    replay = Replay(payload, book.json()["actions"])
    save_replayed(ledger, replay, ledger)
    return outcome, replay


def headers(path: Path) -> list[str]:
    return [str(c.value) for c in openpyxl.load_workbook(path)["报送表"][4] if c.value not in (None, "")]


def cli_collect(ledger: Path, inbox: Path, period: str, date: str, out: Path) -> dict:
    r = CliRunner().invoke(cli, ["collect", str(ledger), str(inbox), "--period", period, "--date", date,
                                 "--no-history", "--out", str(out / "汇总结果.xlsx"), "--json", str(out / "汇总.json")])
    assert r.exit_code in (0, 1), r.output
    return json.loads((out / "汇总.json").read_text(encoding="utf-8"))


def codes(js: dict) -> list[str]:
    return [a["code"] for a in js["anomalies"]]


def fill_december(issued: Path, inbox: Path) -> None:
    for f in sorted(issued.glob("*.xlsx")):
        fill_return(f, inbox / f.name, f.stem.split("_")[1], report_date=dt.date(2020, 12, 20),
                    mtime=dt.datetime(2020, 12, 20, 9, 30))


@pytest.fixture(scope="module")
def after_a_month(tmp_path_factory):
    """The sample ledger after November's 汇总报送 in Excel: 任务清单 J:M hold November's results."""
    root = tmp_path_factory.mktemp("ledger")
    ledger = root / "督办台账.xlsx"
    shutil.copy(MASTER, ledger)
    shutil.copytree(RETURNS, root / "收回" / "2020-11")
    outcome, _ = click(ledger, "汇总报送", dt.date(2020, 11, 30), B5="2020-11", B6="2020-11-30",
                       B8=str(root / "收回" / "2020-11"), B9=str(root / "输出" / "2020-11"))
    assert outcome is not None and outcome.outcome in ("成功", "完成（有错误）"), outcome
    ws = openpyxl.load_workbook(ledger)["任务清单"]
    assert [ws.cell(3, 10 + i).value for i in range(4)] == LIST_STATUS_HEADERS
    said = [ws.cell(r, 13).value for r in range(4, ws.max_row + 1) if ws.cell(r, 13).value]
    assert len(said) > 20 and any("未报送" in s for s in said)    # other units' names, as in the trial
    return root, ledger


def test_the_ledgers_status_columns_never_reach_a_return_sheet(after_a_month, tmp_path):
    root, ledger = after_a_month
    work = tmp_path / "督办台账.xlsx"
    shutil.copy(ledger, work)
    outcome, _ = click(work, "生成报送表", dt.date(2020, 12, 1), B5="2020-12", B6="", B9=str(tmp_path / "输出"))
    assert outcome is not None and outcome.outcome in ("成功", "完成（有错误）"), outcome
    issued = sorted((tmp_path / "输出").rglob("*.xlsx"))
    assert len(issued) > 40
    r = CliRunner().invoke(cli, ["split", str(work), "--period", "2020-12", "--out", str(tmp_path / "cli")])
    assert r.exit_code in (0, 1), r.output
    by_cli = sorted((tmp_path / "cli").glob("*.xlsx"))
    assert [p.name for p in by_cli] == [p.name for p in issued]
    for path in issued + by_cli:
        assert not [h for h in headers(path) if h.startswith("参考：")], path.name
    # nor is any of it written on the sheet under another heading
    ws = openpyxl.load_workbook(issued[0])["报送表"]
    sheet_text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert "本期状态" not in sheet_text and "未报送单位" not in sheet_text


def test_a_plans_own_note_column_stays_an_extra_and_only_the_run_of_status_columns_is_output(tmp_path):
    from zhishui.tasks import load_list
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    # the ledger's eight list columns, the clerk's own 「说明」 in the gap column I, the add-in's J:M
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "责任人", "配合单位", "说明"]
              + LIST_STATUS_HEADERS)
    ws.append([1, "一、污水治理", "建成污水处理厂一座", "2020年12月底", "区水利局", None, None, "区财政局", "含配套管网",
               "逾期", "红", "区财政局", "到期未完成（区水利局报「进度滞后」）"])
    ws.append([2, "一、污水治理", "开展河道巡查", "长期坚持", "区城市管理局", None, None, None, "每月一次",
               "持续推进", "绿", None, "区城市管理局报「持续推进」"])
    wb.save(tmp_path / "清单.xlsx")
    tl = load_list(tmp_path / "清单.xlsx")
    assert [t.extras for t in tl.tasks] == [{"说明": "含配套管网"}, {"说明": "每月一次"}]
    # a list that is not the ledger keeps a 「说明」 of its own wherever it stands
    ws.delete_cols(9)
    for c in range(9, 13):
        ws.cell(1, c).value = None if c < 12 else "说明"
    wb.save(tmp_path / "清单2.xlsx")
    assert [t.extras for t in load_list(tmp_path / "清单2.xlsx").tasks] == [{"说明": "到期未完成（区水利局报「进度滞后」）"},
                                                                           {"说明": "区城市管理局报「持续推进」"}]


def test_a_second_month_run_twice_finds_nothing_changed_by_the_add_in_or_the_cli(after_a_month, tmp_path):
    root, ledger = after_a_month
    work = tmp_path / "督办台账.xlsx"
    shutil.copy(ledger, work)
    click(work, "生成报送表", dt.date(2020, 12, 1), B5="2020-12", B6="", B9=str(tmp_path / "输出"))
    [issued] = [d for d in (tmp_path / "输出").iterdir() if d.is_dir() and d.name.endswith("报送表")]
    fill_december(issued, tmp_path / "收回")
    runs = []
    for n in (1, 2):     # 一键生成 again (a fix, a second click): the ledger's statuses now hold December's
        outcome, x = click(work, "汇总报送", dt.date(2020, 12, 31), B5="2020-12", B6="2020-12-31",
                           B8=str(tmp_path / "收回"), B9=str(tmp_path / f"输出{n}"))
        assert outcome is not None, x.alerts
        runs.append(x.cell("控制台", "B15"))
        book = openpyxl.load_workbook(tmp_path / f"输出{n}" / "2020年12月汇总结果.xlsx")
        kinds = [str(r[1]) for r in book["异常清单"].iter_rows(min_row=2, values_only=True) if r[1]]
        assert not [k for k in kinds if "REFERENCE_EDITED" in k or "UNUSED_CELLS" in k], kinds
    assert runs[0].split("用时")[0] == runs[1].split("用时")[0]
    js = cli_collect(work, tmp_path / "收回", "2020-12", "2020-12-31", tmp_path)
    assert "REFERENCE_EDITED" not in codes(js) and "UNUSED_CELLS" not in codes(js), codes(js)
    assert all(not t["extras"] for t in js["tasks"])


def test_returns_split_before_the_fix_have_their_status_columns_set_aside(after_a_month, tmp_path):
    """Sheets already out with 「参考：本期状态…」 (split by the version before): those cells are the ledger's old
    results, read and kept in the raw values, never compared as 下发内容 nor reported as content of no task."""
    root, ledger = after_a_month
    work = tmp_path / "督办台账.xlsx"
    shutil.copy(ledger, work)
    r = CliRunner().invoke(cli, ["split", str(work), "--period", "2020-12", "--out", str(tmp_path / "下发")])
    assert r.exit_code in (0, 1), r.output
    old = {"本期状态": "逾期", "灯": "红", "未报送单位": "临江镇", "说明": "5个单位到期未完成（卫星湖街道、吉安镇等）"}

    def as_split_before(wb, ws):      # the four columns the version before appended after the last one
        last = ws.max_column
        for i, h in enumerate(LIST_STATUS_HEADERS, 1):
            ws.cell(4, last + i, f"参考：{h}")
            r = 5
            while ws.cell(r, 1).value not in (None, ""):
                ws.cell(r, last + i, old[h])
                r += 1

    for f in sorted((tmp_path / "下发").glob("*.xlsx")):
        fill_return(f, tmp_path / "收回" / f.name, f.stem.split("_")[1], report_date=dt.date(2020, 12, 20),
                    mtime=dt.datetime(2020, 12, 20, 9, 30), edit=as_split_before)
    assert headers(next((tmp_path / "收回").glob("*.xlsx")))[-4:] == STATUS_REFS
    js = cli_collect(work, tmp_path / "收回", "2020-12", "2020-12-31", tmp_path)
    assert "REFERENCE_EDITED" not in codes(js) and "UNUSED_CELLS" not in codes(js), codes(js)
    # in 原始数据 (file, sheet, cell, unit, 序号, 字段, 原始值, 规范值, 采用, 说明), each with why it was not used
    raw = openpyxl.load_workbook(tmp_path / "汇总结果.xlsx")["原始数据"]
    kept = [r for r in raw.iter_rows(min_row=2, values_only=True) if r[6] == "临江镇"]
    assert kept and all(r[8] == "否" and "台账「未报送单位」" in r[9] and "不比较" in r[9] for r in kept), kept[:3]


def ledger_state(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {name: [[c.value for c in row] for row in wb[name].iter_rows()] for name in ("汇总", "任务清单", "报送情况")}


def test_the_outgoing_blank_sheets_in_b8_stop_before_anything_is_written(after_a_month, tmp_path):
    root, ledger = after_a_month
    work = tmp_path / "督办台账.xlsx"
    shutil.copy(ledger, work)
    click(work, "生成报送表", dt.date(2020, 12, 1), B5="2020-12", B6="", B9=str(tmp_path / "输出"))
    issued = tmp_path / "输出" / "2020年12月报送表"
    assert len(list(issued.glob("*.xlsx"))) > 40
    before = ledger_state(work)
    for action in ("汇总报送", "一键生成"):
        outcome, x = click(work, action, dt.date(2020, 12, 31), B5="2020-12", B6="2020-12-31", B8=str(issued),
                           B9=str(tmp_path / "汇总"))
        assert outcome is None and x.cell("控制台", "B14") == "失败"
        [alert] = [a["prompt"] for a in x.alerts]
        for words in ("本软件下发的2020年12月空白报送表", "一项也没有填写", "不是各单位交回的文件",
                      "控制台的「报送表文件夹（各单位交回的文件）」（B8）", "不要填「生成报送表」输出报送表的文件夹（如「2020年12月报送表」）",
                      "本次什么都没有写入"):
            assert words in alert, (words, alert)
        assert ledger_state(work) == before and not (tmp_path / "汇总").exists()
    # the command line, on the same folder (a copy is byte-identical to what went out): the same stop
    files = sorted(tmp_path.rglob("*"))
    for cmd, out in (("collect", "汇总结果.xlsx"), ("docs", "文书")):
        r = CliRunner().invoke(cli, [cmd, str(work), str(issued), "--period", "2020-12", "--date", "2020-12-31",
                                     "--out", str(tmp_path / out)])
        assert r.exit_code == 2, r.output
        assert "空白报送表" in r.output and "collect、docs 的第二个参数" in r.output and "（B8）" not in r.output
        assert sorted(tmp_path.rglob("*")) == files      # no result, no letters, no history


def test_a_few_units_sending_their_sheet_back_blank_are_still_empty_returns(after_a_month, tmp_path):
    root, ledger = after_a_month
    work = tmp_path / "督办台账.xlsx"
    shutil.copy(ledger, work)
    r = CliRunner().invoke(cli, ["split", str(work), "--period", "2020-12", "--out", str(tmp_path / "下发")])
    assert r.exit_code in (0, 1), r.output
    sheets = sorted((tmp_path / "下发").glob("*.xlsx"))
    fill_december(tmp_path / "下发", tmp_path / "收回")
    for f in sheets[:3]:        # attached the blank sheet instead of the filled one
        shutil.copy(f, tmp_path / "收回" / f.name)
    js = cli_collect(work, tmp_path / "收回", "2020-12", "2020-12-31", tmp_path)
    assert codes(js).count("EMPTY_RETURN") == 3
