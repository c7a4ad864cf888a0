"""A period that ends before the plan's 成文日期 (trial 15, problem 5).

The trial ran seed 001's 永川 list (成文日期 2020年9月23日 in its 设置) from July 2020: `split` and `collect` for
July and August said nothing, and every task's 序时进度 was 0% (it counts from the 成文日期), so nothing could lag
behind it.  Now the month says it once — the command line's split, collect and docs, the 汇总's 「概况」, the JSON,
the web period page and the add-in's 控制台 — and never in a letter the units receive.  The list is the seed's own
file (openpyxl wrote it as Excel keeps it); the months run on the returns split writes, sent back unfilled.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from docx import Document

from conftest import ROOT, list001_without_its_slip
from zhishui.cli import cli

SAID = "在方案成文日期（2020年9月23日）之前"


def run(*args, code=0) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r.output


def returned(tmp_path: Path, lst: Path, period: str) -> Path:
    """split's returns for ``period``; two units send theirs back filled in on the 20th, the others nothing."""
    from returns_factory import fill_return
    y, m = (int(x) for x in period.split("-"))
    issued, back = tmp_path / "下发", tmp_path / "收回"
    if not issued.exists():
        run("split", lst, "--period", period, "--date", f"{period}-01", "--out", issued)
    back.mkdir(exist_ok=True)
    for unit in ("区水利局", "区农业农村委"):
        src = next(issued.glob(f"*_{unit}_*.xlsx"))
        fill_return(src, back / src.name, unit, report_date=dt.date(y, m, 20), mtime=dt.datetime(y, m, 20, 10))
    return back


def overview(path: Path) -> str:
    ws = openpyxl.load_workbook(path)["概况"]
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_july_before_the_plan_is_said_once_by_split_collect_and_docs(tmp_path):
    lst = list001_without_its_slip(tmp_path / "永川区整改任务分解表.xlsx")
    out = run("split", lst, "--period", "2020-07", "--date", "2020-07-01", "--out", tmp_path / "下发")
    [line] = [x for x in out.splitlines() if SAID in x]
    assert line.startswith("报送期2020年7月") and "序时进度从成文日期算起，本期为0" in line
    assert "进度滞后" in line and "项任务" in line
    back = returned(tmp_path, lst, "2020-07")
    text = run("collect", lst, back, "--period", "2020-07", "--date", "2020-07-31",
               "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json")
    assert text.count(SAID) == 1
    js = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))
    assert SAID in js["plan_date_note"] and js["plan_date_note"] in text
    assert overview(tmp_path / "汇总.xlsx").count(SAID) == 1
    # the 序时进度 it speaks of is 0 for every task it counts
    counted = int(js["plan_date_note"].split("没有写开始日期的")[1].split("项")[0])
    zero = [t for t in js["tasks"] if t.get("expected_progress") == 0]
    assert counted == len(zero) > 0
    docs = tmp_path / "文书"
    said = run("docs", lst, back, "--period", "2020-07", "--date", "2020-07-31", "--no-history",
               "--out", docs)
    assert said.count(SAID) == 1
    letters = list(docs.rglob("*.docx"))
    assert letters
    for p in letters:
        body = "\n".join(par.text for par in Document(p).paragraphs)
        body += "\n".join(c.text for t in Document(p).tables for r in t.rows for c in r.cells)
        assert "成文日期" not in body, p.name


def test_a_period_after_the_plan_says_nothing(tmp_path):
    lst = list001_without_its_slip(tmp_path / "永川区整改任务分解表.xlsx")
    out = run("split", lst, "--period", "2020-09", "--date", "2020-09-01", "--out", tmp_path / "下发")
    assert "成文日期" not in out
    text = run("collect", lst, returned(tmp_path, lst, "2020-09"), "--period", "2020-09", "--date", "2020-09-30",
               "--no-history",
               "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json")
    assert "成文日期" not in text and "成文日期）之前" not in overview(tmp_path / "汇总.xlsx")
    assert json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["plan_date_note"] == ""


def test_collected_after_the_plan_date_it_counts_the_days_since(tmp_path):
    # August collected late, on 2020-09-30: the 序时进度 is not 0 then, and the sentence does not say it is
    lst = list001_without_its_slip(tmp_path / "永川区整改任务分解表.xlsx")
    text = run("collect", lst, returned(tmp_path, lst, "2020-08"), "--period", "2020-08", "--date", "2020-09-30",
               "--no-history",
               "--out", tmp_path / "汇总.xlsx")
    [line] = [x for x in text.splitlines() if SAID in x]
    assert "本期为0" not in line and "成文日期以后的7天" in line


def test_web_period_page_says_it(tmp_path):
    from web_helpers import clerk_client
    lst = list001_without_its_slip(tmp_path / "永川区整改任务分解表.xlsx")
    app, c, tok = clerk_client(tmp_path / "data")
    r = c.post("/list", data={"csrf_token": tok, "list": (lst.open("rb"), lst.name)}, content_type="multipart/form-data")
    assert r.status_code == 302
    for period, before in (("2020-08", True), ("2020-11", False)):
        r = c.post("/periods/new", data={"csrf_token": tok, "period": period, "due": f"{period}-25"})
        assert r.status_code == 302, r.get_data(as_text=True)
        c.post(f"/p/{period}/settings", data={"csrf_token": tok, "report_date": f"{period}-28"})
        page = c.get(f"/p/{period}").get_data(as_text=True)
        assert ('id="plan-date-note"' in page) == before and (SAID in page) == before
        assert page.count(SAID) == (1 if before else 0)


def test_addin_control_sheet_says_it(tmp_path):
    from zhishui.addin.macros import run as run_addin
    from zhishui.addin.remote import Replay, remote_book
    from zhishui.master import RESULT_ROW
    lst = list001_without_its_slip(tmp_path / "永川区整改任务分解表.xlsx")
    sys.path.insert(0, str(ROOT / "workbook_templates"))
    import build_master
    master = tmp_path / "永川督办台账.xlsx"
    build_master.main(["--from-list", str(lst), "--out", str(master), "--period", "2020-08",
                       "--report-date", "2020-08-31"])

    received = tmp_path / "收回"
    received.mkdir()

    def click(action):
        cells = {("控制台", "B4"): action, ("控制台", "B5"): "2020-08", ("控制台", "B6"): "2020-08-31",
                 ("控制台", "B8"): str(received), ("控制台", "B9"): str(tmp_path / "输出")}
        book, payload = remote_book(master, cells)
        run_addin(book, today=dt.date(2020, 8, 31))
        return Replay(payload, book.json()["actions"]).cell("控制台", f"B{RESULT_ROW['note']}") or ""
    note = click("生成报送表")
    assert note.count(SAID) == 1, note
    from returns_factory import fill_return
    src = next((tmp_path / "输出").rglob("*_区水利局_*.xlsx"))
    fill_return(src, received / src.name, "区水利局", report_date=dt.date(2020, 8, 20), mtime=dt.datetime(2020, 8, 20, 10))
    note = click("汇总报送")
    assert note.count(SAID) == 1, note
