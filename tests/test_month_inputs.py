"""Input that cannot be right stops before anything is written, in Chinese, with exit code 2
(README 「会拦下的输入」); a unit the directory lacks is never a recipient."""
from __future__ import annotations

import csv
import datetime as dt
import re
import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import LIST001, SAMPLES
from returns_factory import blank_in_place_of, fill_return
from zhishui.cli import cli
from zhishui.split import split_returns
from zhishui.tasks import load_list
from zhishui.findings import code_cn

RETURNS = SAMPLES / "seed001" / "2020年11月报送"
MONTH = ["--period", "2020-11", "--date", "2020-11-30", "--due", "2020-11-25"]


def list_without(tmp_path, *headers: str):
    """Seed 001's list with the named columns removed (as a clerk's list that lacks them)."""
    wb = openpyxl.load_workbook(LIST001)
    ws = wb["整改任务分解表"]
    for h in headers:
        col = next(c.column for c in ws[3] if c.value == h)
        ws.delete_cols(col)
    p = tmp_path / "清单.xlsx"
    wb.save(p)
    return p


def written(tmp_path) -> list[str]:
    return sorted(p.name for p in tmp_path.rglob("*") if p.name not in ("清单.xlsx", "收到") and "收到" not in p.parts)


@pytest.mark.parametrize("command", ["collect", "docs"])
@pytest.mark.parametrize("headers, said", [
    (("完成时限",), "找不到「完成时限」列"),
    (("重点任务", "具体举措"), "任务内容"),      # no text column at all: the list itself cannot be read
    (("牵头单位", "责任单位"), "找不到「牵头单位或责任单位」列"),
])
def test_list_without_a_needed_column_stops(tmp_path, command, headers, said):
    lst = list_without(tmp_path, *headers)
    out = tmp_path / ("汇总.xlsx" if command == "collect" else "文书")
    r = CliRunner().invoke(cli, [command, str(lst), str(RETURNS), *MONTH, "--out", str(out)])
    assert r.exit_code == 2, r.output
    assert said in r.output and re.search("[能可]识别的列名", r.output) and "Traceback" not in r.output
    assert not out.exists() and not (tmp_path / "清单_督办档案").exists()
    chk = CliRunner().invoke(cli, ["check", str(lst), "--date", "2020-09-24"])
    assert (chk.exit_code, code_cn("LIST_COLUMN_MISSING") in chk.output) == (1, True) or (
        chk.exit_code == 2 and "找不到责任清单的表头" in chk.output)


def test_empty_folder_stops_unless_told(tmp_path):
    lst = tmp_path / "清单.xlsx"
    shutil.copy(LIST001, lst)
    empty = tmp_path / "收到"
    empty.mkdir()
    r = CliRunner().invoke(cli, ["docs", str(lst), str(empty), *MONTH, "--out", str(tmp_path / "文书")])
    assert r.exit_code == 2 and "没有任何报送表" in r.output and "--allow-empty" in r.output
    assert not (tmp_path / "文书").exists() and not (tmp_path / "清单_督办档案").exists()
    r = CliRunner().invoke(cli, ["docs", str(lst), str(empty), *MONTH, "--out", str(tmp_path / "文书"),
                                 "--allow-empty", "--kind", "催报通知"])
    assert r.exit_code == 1, r.output            # done; the list's slip is reported
    assert "催报通知 1 份" in r.output


def test_returns_of_another_period_stop(tmp_path):
    lst = tmp_path / "清单.xlsx"
    shutil.copy(LIST001, lst)
    tl = load_list(lst)
    inbox = tmp_path / "收到"
    inbox.mkdir()
    oct_files = split_returns(tl, dt.date(2020, 10, 1), tmp_path / "下发10月")
    for f in oct_files[:4]:
        fill_return(f.path, inbox / f.path.name, f.unit, report_date=dt.date(2020, 10, 20))
    out = tmp_path / "汇总.xlsx"
    r = CliRunner().invoke(cli, ["collect", str(lst), str(inbox), *MONTH, "--out", str(out)])
    assert r.exit_code == 2 and "不是2020年11月的" in r.output and "--period 2020-10" in r.output
    assert not out.exists() and not (tmp_path / "清单_督办档案").exists()


def test_every_return_received_after_the_report_date_stops(tmp_path):
    lst = tmp_path / "清单.xlsx"
    shutil.copy(LIST001, lst)
    inbox = tmp_path / "收到"
    shutil.copytree(RETURNS, inbox)
    log = inbox / "收件记录.csv"
    with open(log, encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    with open(log, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([rows[0]] + [[r[0], "2020-12-05 09:00"] for r in rows[1:]])
    for eml in inbox.glob("*.eml"):
        eml.unlink()
    r = CliRunner().invoke(cli, ["collect", str(lst), str(inbox), *MONTH, "--out", str(tmp_path / "汇总.xlsx")])
    assert r.exit_code == 2 and "都是在报告日期2020-11-30之后收到的" in r.output and "--date" in r.output
    assert not (tmp_path / "汇总.xlsx").exists()


@pytest.mark.parametrize("option, name", [("--out", "汇总.docx"), ("--json", "r.xlsx")])
def test_wrong_output_extension_is_refused(tmp_path, option, name):
    args = ["collect", str(LIST001), str(RETURNS), *MONTH, "--no-history"]
    args += ["--out", str(tmp_path / "汇总.xlsx")] if option == "--json" else []
    r = CliRunner().invoke(cli, args + [option, str(tmp_path / name)])
    assert r.exit_code == 2 and "应是" in r.output and "扩展名" in r.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_unit_gets_no_return_and_no_letter(tmp_path):
    """The list names 区市场管理局, which the directory lacks (it has 区市场监管局)."""
    split = CliRunner().invoke(cli, ["split", str(LIST001), "--period", "2020-11", "--out", str(tmp_path / "下发")])
    assert split.exit_code == 1
    assert "配合单位「区市场管理局」不在单位名录中" in split.stderr and "整改任务分解表!G13" in split.stderr
    assert "是否为「区市场监管局」" in split.stderr
    assert not [p for p in (tmp_path / "下发").iterdir() if "市场管理局" in p.name]
    inbox = tmp_path / "收到"
    shutil.copytree(RETURNS, inbox)
    docs = CliRunner().invoke(cli, ["docs", str(LIST001), str(inbox), *MONTH, "--out", str(tmp_path / "文书"),
                                    "--no-history"])
    assert docs.exit_code == 1 and "G13" in docs.stderr
    from docx import Document
    for p in (tmp_path / "文书").rglob("*.docx"):
        text = "".join(par.text for par in Document(p).paragraphs) + "".join(
            c.text for t in Document(p).tables for row in t.rows for c in row.cells)
        assert "区市场管理局" not in text, p.name
    assert "区市场管理局" not in (tmp_path / "文书" / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("date", ["2021-11-30", "2020-10-31"])
def test_a_report_date_far_from_the_period_stops(tmp_path, date):
    """A year typed wrong (--date 2021-11-30 for --period 2020-11) would turn on-schedule tasks overdue."""
    out = tmp_path / "汇总.xlsx"
    r = CliRunner().invoke(cli, ["collect", str(LIST001), str(RETURNS), "--period", "2020-11", "--date", date,
                                 "--out", str(out), "--no-history"])
    assert r.exit_code == 2 and f"报告日期{date}不在报送期2020年11月之内" in r.output
    assert "--date" in r.output and "如 2020-11-30" in r.output and "--period" in r.output
    assert not out.exists()


def test_a_late_date_is_accepted_when_the_returns_came_in_then(tmp_path):
    """An old period consolidated today with files that arrived today: the date is no typing mistake."""
    import shutil
    inbox = tmp_path / "收到"
    inbox.mkdir()
    names = [p.name for p in RETURNS.glob("*.xlsx") if not p.name.startswith("~$")]
    for n in names:
        shutil.copy(RETURNS / n, inbox / n)
    today = dt.date.today()
    # the clerk's receipt log says they came in this morning (a copy's file time would not count)
    (inbox / "收件记录.csv").write_text("文件,收到时间\n" + "".join(f"{n},{today} 09:00\n" for n in names),
                                       encoding="utf-8-sig")
    args = ["collect", str(LIST001), str(inbox), "--period", "2020-11", "--due", "2020-11-25", "--no-history"]
    r = CliRunner().invoke(cli, [*args, "--date", today.isoformat(), "--out", str(tmp_path / "a.xlsx")])
    assert r.exit_code in (0, 1) and "DATE_FAR" not in r.output and "不在报送期" not in r.output, r.output
    far = today + dt.timedelta(days=400)
    r = CliRunner().invoke(cli, [*args, "--date", far.isoformat(), "--out", str(tmp_path / "b.xlsx")])
    assert r.exit_code == 2 and "不在报送期2020年11月之内" in r.output


def test_a_unit_that_sent_a_blank_form_is_not_told_nothing_arrived(tmp_path):
    """An empty return is chased (it counts as not reported), but its reminder says the form came back blank."""
    inbox = tmp_path / "收到"
    shutil.copytree(RETURNS, inbox)
    unit = "区水利局"
    blank_in_place_of(inbox, unit, LIST001, tmp_path / "下发")
    r = CliRunner().invoke(cli, ["docs", str(LIST001), str(inbox), "--period", "2020-11", "--date", "2020-11-30",
                                 "--due", "2020-11-25", "--out", str(tmp_path / "文书"), "--no-history", "--kind", "chase"])
    assert r.exit_code in (0, 1), r.output
    msgs = (tmp_path / "文书" / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    mine_msg = next(ln for ln in msgs.splitlines() if f"】{unit}：" in ln)
    assert "报来的报送表是空表" in mine_msg and "尚未收到" not in mine_msg
    other = next(ln for ln in msgs.splitlines() if "】区金融办：" in ln)
    assert "尚未收到你单位报送材料" in other
    from docx import Document
    [notice] = (tmp_path / "文书" / "催报通知").glob("*.docx")
    text = "".join(p.text for p in Document(notice).paragraphs)
    assert f"其中{unit}报来的是空表" in text


def test_a_unit_whose_file_cannot_be_opened_is_named_and_asked_to_send_again(tmp_path):
    """A return cut to half its bytes (a broken transfer) is that unit's 无法读取, known from its
    file name: the anomaly names the unit, 报送情况 says 无法读取, the reminder and the 催报通知
    say the file could not be opened, the 通报 does not say it sent nothing, and 考核 gives 0 for
    报送 as for a unit that sent nothing (README 「报送情况和收到时间」)."""
    import json

    import openpyxl
    inbox = tmp_path / "收到"
    shutil.copytree(RETURNS, inbox)
    unit = "区公安局"
    [mine] = list(inbox.glob(f"*{unit}*"))
    data = mine.read_bytes()
    mine.write_bytes(data[:len(data) // 2])
    out = tmp_path / "文书"
    args = [str(LIST001), str(inbox), "--period", "2020-11", "--date", "2020-11-30", "--due", "2020-11-25",
            "--no-history"]
    r = CliRunner().invoke(cli, ["collect", *args, "--out", str(tmp_path / "汇总.xlsx"), "--json", str(tmp_path / "r.json")])
    assert r.exit_code in (0, 1), r.output
    assert f"文件无法读取，请其重新报送：{unit}" in r.output
    d = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    [u] = [u for u in d["units"] if u["unit"] == unit]
    assert u["state"] == "无法读取" and u["file"].endswith(mine.name)
    assert d["unit_counts"]["无法读取"] == 1 and unit in d["missing_units"]
    [a] = [a for a in d["anomalies"] if a["file"].endswith(mine.name) and a["severity"] == "错误"]
    assert f"文件对应单位「{unit}」" in a["message"]
    [score] = [s for s in d["scores"] if s["unit"] == unit]
    assert score["parts"]["报送"] == 0
    ws = openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)["报送情况"]
    assert any(row[0] == unit and "无法读取" in row for row in ws.iter_rows(values_only=True))
    r = CliRunner().invoke(cli, ["docs", *args, "--out", str(out), "--kind", "chase", "--kind", "bulletin"])
    assert r.exit_code in (0, 1), r.output
    msgs = (out / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    mine_msg = next(ln for ln in msgs.splitlines() if f"】{unit}：" in ln)
    assert "报来的文件无法打开" in mine_msg and "尚未收到" not in mine_msg
    from docx import Document
    [notice] = (out / "催报通知").glob("*.docx")
    assert f"其中{unit}报来的文件无法打开" in "".join(p.text for p in Document(notice).paragraphs)
    [bulletin] = (out / "进展通报").glob("*.docx")
    text = "".join(p.text for p in Document(bulletin).paragraphs)
    assert f"{unit}（报来的文件无法打开）" in text


def test_the_clerks_receipt_log_is_not_counted_among_the_files_units_sent(tmp_path):
    # trial 19: 「收到文件 5 个，其中新文件 5 个」 counted the clerk's own 收件记录.csv in the folder as a received file
    r = CliRunner().invoke(cli, ["collect", str(LIST001), str(RETURNS), *MONTH, "--no-history",
                                 "--out", str(tmp_path / "汇总.xlsx")])
    assert r.exit_code in (0, 1), r.output
    ws = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["收到文件"]
    col = {c.value: c.column for c in ws[1]}
    results = [ws.cell(i, col["处理结果"]).value for i in range(2, ws.max_row + 1) if ws.cell(i, col["文件"]).value]
    logs = results.count("收件记录")
    assert logs == 1
    line = next(x for x in r.output.splitlines() if x.startswith("收到文件"))
    assert line.startswith(f"收到文件 {len(results) - logs} 个（另有收件记录 {logs} 个）"), line
