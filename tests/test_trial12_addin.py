"""What the session-20 trial found driving the 督办台账 through xlwings' remote engine for months: the add-in
must do what the command line does on the same ledger and history. Two months are collected from the ledger
(a unit silent both months, one sending a blank return), the clerk approves a 销号 and an extension in the
「销号延期」 sheet, then checks and splits the next month; every click is saved back onto the ledger file as Excel
saves it, the history beside it."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import SAMPLES
from returns_factory import default_fill, fill_return
from zhishui.addin.macros import run
from zhishui.addin.remote import Replay, remote_book, save_replayed
from zhishui.addin.xlwings_clients import client_actions, emitted_actions
from zhishui.cli import cli

MASTER = SAMPLES / "seed001" / "永川区督办台账.xlsx"
SUPPORTED = client_actions("vba") & client_actions("js")
SILENT, BLANK = "区金融办", "区司法局"       # silent both months; a blank return in November
CLOSED, EXTENDED, EXT_UNIT = "8", "33", "区住房城乡建委"
MONTHS = {"2020-10": dt.date(2020, 10, 30), "2020-11": dt.date(2020, 11, 30)}


def click(ledger: Path, action: str, today: dt.date, cells: dict | None = None, **control):
    """One click of 运行 on the saved ledger (its fullname is its path, as in desktop Excel), saved back onto it;
    ``control``: 控制台 cells (B5=…), ``cells``: (sheet, cell) -> value elsewhere."""
    edits = {("控制台", "B4"): action, **{("控制台", k): v for k, v in control.items()}, **(cells or {})}
    book, payload = remote_book(ledger, edits, full_path=True)
    outcome = run(book, today=today)
    actions = book.json()["actions"]
    assert set(emitted_actions({"actions": actions})) <= SUPPORTED
    x = Replay(payload, actions)
    save_replayed(ledger, x, ledger)
    return outcome, x


def answer(blank: Path, inbox: Path, period: str) -> None:
    """Every unit but SILENT answers; BLANK sends its November sheet back untouched; task 8 is reported done with
    its evidence, and in November the lead of task 33 asks for more time."""
    on = MONTHS[period] - dt.timedelta(days=10)

    def values(i, seq, unit):
        out = default_fill(i, seq, unit)
        if seq == CLOSED:
            out = {"完成状态": "已完成", "完成比例": 1, "进展情况": "规划已编制完成并印发", "存在问题": "无",
                   "佐证材料": "任务8_规划印发文件.pdf"}
        if seq == EXTENDED and unit == EXT_UNIT:
            out = {"完成状态": "进度滞后", "完成比例": 0.8, "进展情况": "规划已提交专家评审", "存在问题": "专家评审推迟到12月"}
            if period == "2020-11":
                out.update({"申请延期至": dt.date(2020, 12, 31), "延期理由": "市级专家评审排期在12月"})
        return out
    inbox.mkdir(parents=True)
    for p in sorted(blank.glob("*.xlsx")):
        unit = p.name.split("_")[1]
        if unit == SILENT:
            continue
        if unit == BLANK and period == "2020-11":
            shutil.copy(p, inbox / p.name)
            continue
        fill_return(p, inbox / p.name, unit, values=values, report_date=on,
                    mtime=dt.datetime.combine(on, dt.time(10, 30)))


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """The ledger after October and November were collected in it (汇总报送), and the 控制台 of November's click."""
    root = tmp_path_factory.mktemp("trial12")
    ledger = root / "台账" / "督办台账.xlsx"
    ledger.parent.mkdir()
    wb = openpyxl.load_workbook(MASTER)
    wb.create_sheet("销号延期").append(["序号", "报送期", "办理", "单位", "延期至", "理由", "办理人", "结果"])
    wb.save(ledger)
    shown = {}
    for period, on in MONTHS.items():
        blank, inbox = root / "下发" / period, ledger.parent / "收回" / period
        r = CliRunner().invoke(cli, ["split", str(ledger), "--period", period, "--out", str(blank)])
        assert r.exit_code in (0, 1), r.output
        answer(blank, inbox, period)
        outcome, x = click(ledger, "汇总报送", on, B5=period, B6=on.isoformat(), B7="", B8=str(inbox),
                           B9=str(ledger.parent / "输出" / period))
        assert outcome is not None, x.alerts
        shown[period] = x
    return root, ledger, shown


@pytest.fixture(scope="module")
def decided(year, tmp_path_factory):
    """A copy of the ledger (history beside it) where the clerk approved 销号 of task 8 and the extension of task 33
    on 2 December, 控制台 still holding November's report date."""
    root, ledger, _ = year
    here = tmp_path_factory.mktemp("decided") / "台账"
    shutil.copytree(ledger.parent, here)
    ledger = here / ledger.name
    rows = [[CLOSED, "2020-11", "批准销号", "", "", "", "郑强"],
            [EXTENDED, "2020-11", "同意延期", EXT_UNIT, "", "市级专家评审排期在12月", "郑强"]]
    cells = {("销号延期", f"{c}{n}"): v for n, row in enumerate(rows, 2) for c, v in zip("ABCDEFG", row)}
    outcome, x = click(ledger, "办理销号延期", dt.date(2020, 12, 2), cells, B5="2020-11", B6="2020-11-30")
    assert outcome.outcome == "成功", [x.cell("销号延期", f"H{n}") for n in (2, 3)]
    return ledger, x


def sheet_rows(folder: Path) -> dict[str, list[tuple[str, str]]]:
    """unit -> [(序号, 办理意见)] of each return in a split folder."""
    out = {}
    for p in sorted(folder.glob("*.xlsx")):
        ws = openpyxl.load_workbook(p)["报送表"]
        cols = {c.value: c.column for c in ws[4] if c.value}
        rows, r = [], 5
        while ws.cell(r, 1).value not in (None, ""):
            rows.append((str(ws.cell(r, 1).value), ws.cell(r, cols["办理意见"]).value or ""))
            r += 1
        out[p.name.split("_")[1]] = rows
    return out


# --- problem 1: the add-in's 生成报送表 and 校验清单 obey 销号 and 延期 -----------------------------------------

def test_split_in_the_ledger_leaves_out_a_closed_task_and_says_the_extension(decided, tmp_path):
    ledger, _ = decided
    out_dir = ledger.parent / "输出" / "2020-12"
    outcome, x = click(ledger, "生成报送表", dt.date(2020, 12, 2), B5="2020-12", B6="", B9=str(out_dir))
    mine = sheet_rows(out_dir / "2020年12月报送表")
    assert CLOSED not in [seq for seq, _ in mine["区农业农村委"]]
    notice = dict(mine[EXT_UNIT])[EXTENDED]
    assert notice.startswith("延期已同意：完成时限调整为2020年12月31日（原时限2020年9月30日）"), notice
    assert "已销号的1项任务不再列出" in x.cell("控制台", "B15")
    # the command line's split on the same ledger and history writes the same returns
    r = CliRunner().invoke(cli, ["split", str(ledger), "--period", "2020-12", "--out", str(tmp_path / "cli")])
    assert r.exit_code in (0, 1) and "已销号的1项任务不再列出" in r.output, r.output
    assert sheet_rows(tmp_path / "cli") == mine


def test_check_in_the_ledger_knows_the_closed_and_the_extended_task(decided):
    ledger, _ = decided
    outcome, x = click(ledger, "校验清单", dt.date(2020, 12, 2), B5="2020-12", B6="2020-11-30")
    rows = x.table("校验结果")
    past = {r[2] for r in rows if "DEADLINE_PAST" in str(r[1])}
    assert past and CLOSED not in past and EXTENDED not in past
    assert "历史记录：已销号1项、已同意延期1项" in x.cell("控制台", "B19")
    r = CliRunner().invoke(cli, ["check", str(ledger), "--date", "2020-11-30", "--json"])
    expected = json.loads(r.output)["findings"]
    assert [(r[2], r[5], r[6]) for r in rows] == [(f["task"], f["cell"], f["message"]) for f in expected]


# --- problem 2: the 控制台 says what the command line says of the units -------------------------------------------

def test_console_counts_a_blank_return_apart_from_the_units_that_sent_nothing(year, tmp_path):
    root, ledger, shown = year
    x = shown["2020-11"]
    units = {r[0]: r for r in x.table("报送情况")}
    assert units[BLANK][2] == "空表" and units[SILENT][2] == "未报送"
    # the command line on a copy of the same ledger, history and returns
    copy = tmp_path / "台账"
    shutil.copytree(ledger.parent, copy)
    r = CliRunner().invoke(cli, ["collect", str(copy / ledger.name), str(copy / "收回" / "2020-11"), "--period", "2020-11",
                                 "--date", "2020-11-30", "--out", str(tmp_path / "汇总结果.xlsx")])
    assert r.exit_code in (0, 1), r.output
    said = {line.split("：")[0].split(" ")[0]: line for line in r.output.splitlines()}
    counts, chase = said["应报单位"], said["未报送或空表单位"]
    assert "未报送 1，空表 1" in counts and f"{SILENT}（连续2个月）" in chase and f"（空表：{BLANK}）" in chase
    assert x.cell("控制台", "B15").startswith(counts + "；")
    assert chase in x.cell("控制台", "B19")


# --- problem 3: what the 控制台 says, and the day a decision is recorded -------------------------------------------

def test_a_decision_is_recorded_on_the_day_of_the_click(decided):
    """README: 日期默认今天 — the click on 2 December, not 控制台's 报告日期 (30 November) of the month decided."""
    ledger, x = decided
    for task in (CLOSED, EXTENDED):
        r = CliRunner().invoke(cli, ["history", str(ledger), "--task", task, "--period", "2020-11", "--json"])
        decisions = [d for row in json.loads(r.output) for d in row["decisions"]]
        assert decisions and {d["at"][:10] for d in decisions} == {"2020-12-02"}, decisions
    assert "办理日期 2020-12-02" in x.cell("控制台", "B15")


def test_the_units_sheet_says_how_long_a_unit_has_sent_nothing(year):
    """The 通报 and the command line say 「连续2个月」; so do the ledger's 报送情况 and 控制台 说明."""
    _, _, shown = year
    units = {r[0]: r for r in shown["2020-11"].table("报送情况")}
    assert units[SILENT][10].startswith("已连续2个月未报送")
    assert not units[BLANK][10].startswith("已连续")          # it sent something in October
    assert f"{SILENT}（连续2个月）" in shown["2020-11"].cell("控制台", "B19")
    assert "连续" not in str({r[0]: r[10] for r in shown["2020-10"].table("报送情况")})


def test_a_folder_that_is_not_there_is_said_as_the_console_cell(year, tmp_path):
    _, ledger, _ = year
    copy = tmp_path / ledger.name
    shutil.copy(ledger, copy)
    typed = tmp_path / "督办" / "收回" / "12月"
    outcome, x = click(copy, "汇总报送", dt.date(2020, 12, 31), B5="2020-12", B6="2020-12-31", B8=str(typed),
                       B9=str(tmp_path / "输出"))
    said = x.alerts[-1]["prompt"]
    assert outcome is None and said.startswith(f"工作表「控制台」单元格 B8：填的报送表文件夹「{typed}」不存在"), said
    assert "文件「" not in said


def test_an_empty_folder_is_chased_from_the_ledger_not_the_command_line(tmp_path):
    """No returns at all: the clerk is told what to choose in the ledger, and 生成催报通知 on that folder chases
    every unit (what --allow-empty does on the command line)."""
    ledger = tmp_path / "台账" / "督办台账.xlsx"
    ledger.parent.mkdir()
    shutil.copy(MASTER, ledger)
    empty = ledger.parent / "收回" / "空"
    empty.mkdir(parents=True)
    base = dict(B5="2020-11", B6="2020-11-30", B7="", B8=str(empty), B9=str(ledger.parent / "输出"))
    outcome, x = click(ledger, "一键生成", dt.date(2020, 11, 30), **base)
    said = x.alerts[-1]["prompt"]
    assert outcome is None and "没有任何报送表" in said, said
    assert "命令行" not in said and "--allow-empty" not in said
    assert "选「生成催报通知」再点「运行」" in said
    outcome, x = click(ledger, "生成催报通知", dt.date(2020, 11, 30), **base)
    assert outcome is not None and "未报送 52" in x.cell("控制台", "B15"), x.alerts
    assert "全部52个单位按未报送催报" in x.cell("控制台", "B19")
    assert list((ledger.parent / "输出" / "文书" / "催报通知").glob("催报通知_*.docx"))


@pytest.mark.parametrize("typed", ["12月31日", "31/12/2026"])
def test_a_date_typed_wrong_is_shown_in_the_periods_own_month(typed, tmp_path):
    """Trial 14: 「12月31日」 and 「31/12/2026」 in B6 (报告日期) for 2026-12 were answered 「请写成 2020-11-30 这样的
    日期」, a year the clerk of 2026 never typed.  The example is the 报送期's own month, in both forms the ledger reads;
    so for B7 (报送截止日期), its 25th."""
    ledger = tmp_path / "督办台账.xlsx"
    shutil.copy(MASTER, ledger)
    for cell, example in (("B6", ("2026-12-31", "2026年12月31日")), ("B7", ("2026-12-25", "2026年12月25日"))):
        dates = {"B6": "2026-12-31", "B7": "", cell: typed}
        outcome, x = click(ledger, "汇总报送", dt.date(2026, 12, 31), B5="2026-12", B8=str(tmp_path), **dates)
        said = x.alerts[-1]["prompt"]
        assert outcome is None and said.startswith(f"工作表「控制台」单元格 {cell}：「{typed}」不是日期"), said
        assert all(e in said for e in example) and "2020" not in said, said
        assert x.cell("控制台", "B19") == said
