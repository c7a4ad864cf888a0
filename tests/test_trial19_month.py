"""Trial 19 (session 23), the month: a task whose only responsible name is a group the directory cannot open
(「各乡(镇)人民政府、街道办事处」) was sent to nobody, yet the 通报 counted it 未报送 beside the units that did not
report, and nothing said why.  It stays counted (nothing was reported on it) and every place that prints the count
says which task was sent to nobody and why (README 「任务状态怎么定」)."""
from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from conftest import LIST001, SAMPLES
from zhishui.cli import cli

MONTH = ["--period", "2020-11", "--date", "2020-11-30", "--due", "2020-11-25", "--no-history"]
SAID = "序号2：「各社区居委会」是统称，单位名录中没有写明包含哪些单位"


@pytest.fixture
def month(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    wb = openpyxl.load_workbook(LIST001)
    ws = wb["整改任务分解表"]
    assert ws["F5"].value == "卫星湖街道"      # task 2: no 牵头单位, one 责任单位
    ws["F5"] = "各社区居委会"                  # the seed's directory has no 社区 at all
    ws["G13"] = "区市场监管局"                 # the seed's own unknown name (exit 1) is not this test's matter
    wb.save(tmp_path / "清单.xlsx")
    shutil.copytree(SAMPLES / "seed001" / "2020年11月报送", tmp_path / "收到")
    return tmp_path


def test_a_task_sent_to_nobody_is_said_so_wherever_it_is_counted(month):
    lst, inbox = str(month / "清单.xlsx"), str(month / "收到")
    res = CliRunner().invoke(cli, ["collect", lst, inbox, *MONTH, "--out", str(month / "汇总.xlsx"),
                                   "--json", str(month / "汇总.json")])
    assert res.exit_code == 0, res.output
    data = json.loads((month / "汇总.json").read_text(encoding="utf-8"))
    task2 = next(t for t in data["tasks"] if t["seq"] == "2")
    assert task2["status"] == "未报送" and task2["lead_units"] == []
    assert data["unasked"] == [{"task": "2", "key": task2["key"], "status": "未报送",
                                "why": "「各社区居委会」是统称，单位名录中没有写明包含哪些单位"}]
    # every other 未报送 task was asked of someone: the one unit that sent nothing
    assert all(t["lead_units"] for t in data["tasks"] if t["seq"] != "2")
    line = f"其中 1 项任务没有下发报送表，没有单位报送，计入未报送（{SAID}）：请在清单或单位名录中改正"
    assert line in res.stdout
    wb = openpyxl.load_workbook(month / "汇总.xlsx", read_only=True)
    assert any(line in "".join(str(v or "") for v in r) for r in wb["概况"].iter_rows(values_only=True))
    rows = list(wb["汇总"].iter_rows(values_only=True))
    head = rows[0]
    row2 = next(r for r in rows if r[0] == "2")
    assert row2[head.index("说明")].startswith("没有下发报送表：「各社区居委会」是统称")

    docs = CliRunner().invoke(cli, ["docs", lst, inbox, *MONTH, "--out", str(month / "文书")])
    assert docs.exit_code == 0, docs.output
    text = "".join(p.text for p in Document(next((month / "文书" / "进展通报").glob("*.docx"))).paragraphs)
    assert "未报送1项" in text
    assert f"其中1项任务没有下发报送表（{SAID}），没有单位报送，计入未报送。" in text
    # nobody is chased or pressed for it
    chase = (month / "文书" / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    assert "社区" not in chase


def test_the_list_as_issued_says_nothing_of_it(tmp_path, monkeypatch):
    """The control: on the seed's own list every task has a unit, and no document says otherwise."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    shutil.copytree(SAMPLES / "seed001" / "2020年11月报送", tmp_path / "收到")
    res = CliRunner().invoke(cli, ["collect", str(LIST001), str(tmp_path / "收到"), *MONTH,
                                   "--out", str(tmp_path / "汇总.xlsx"), "--json", str(tmp_path / "汇总.json")])
    assert "没有下发报送表" not in res.stdout + res.stderr
    assert json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["unasked"] == []


def test_a_pressed_unit_that_sent_a_blank_sheet_is_not_said_to_have_sent_nothing(tmp_path, monkeypatch):
    """Trial 19: the 督办 sheet put 「未报送」 beside the reason 「本期报来的是空表」, and the unit's 督办通知 said
    「本期未报送」 in its own row.  朱沱镇 answers jointly for task 50, which three other towns leave lagging."""
    from returns_factory import blank_in_place_of
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    inbox = tmp_path / "收到"
    shutil.copytree(SAMPLES / "seed001" / "2020年11月报送", inbox)
    unit = "朱沱镇"
    blank_in_place_of(inbox, unit, LIST001, tmp_path / "下发")
    lst = str(LIST001)
    res = CliRunner().invoke(cli, ["collect", lst, str(inbox), *MONTH, "--out", str(tmp_path / "汇总.xlsx")])
    assert res.exit_code in (0, 1), res.output      # (the seed's own unknown 区市场管理局)
    rows = list(openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)["督办"].iter_rows(values_only=True))
    head = next(r for r in rows if r and r[0] == "单位")
    mine = [r for r in rows if r and r[0] == unit]
    assert "50" in [r[head.index("序号")] for r in mine]
    state = {r[head.index("序号")]: r[head.index("本单位情况")] for r in mine}
    why = {r[head.index("序号")]: r[head.index("督办原因")] for r in mine}
    # (and, as the 督办通知 says it since trial 23, what the task's other units reported: Month._pressed_reason, kept as Pressed.reason)
    assert state["50"] == "未报送（空表）" and why["50"].startswith(f"{unit}本期报来的是空表（区委编办报「持续推进」")
    # where its staged share is past due it is 逾期, and the reason says what came
    assert state["24"] == "逾期" and why["24"].startswith(f"阶段任务到期未完成，{unit}本期报来的是空表（")
    # a unit that sent nothing at all stays plain 未报送 (区金融办 has no file in the seed's folder)
    other = next(r for r in rows if r and r[0] == "区金融办")
    assert other[head.index("本单位情况")] in ("逾期", "未报送")
    docs = CliRunner().invoke(cli, ["docs", lst, str(inbox), *MONTH, "--out", str(tmp_path / "文书"),
                                    "--kind", "supervise"])
    assert docs.exit_code in (0, 1), docs.output
    letter = Document(next((tmp_path / "文书" / "督办通知").glob(f"*{unit}*.docx")))
    text = "".join(c.text for t in letter.tables for row in t.rows for c in row.cells)
    assert "本期报来的是空表" in text and "本期未报送" not in text


def test_the_desks_period_page_says_it_too(month):
    """The browser desk's 报送期 page, on the same list and the same returns (the page and the command line are one
    engine; the line is Month.unasked_line)."""
    import re
    from zhishui.web.app import create_app
    app = create_app(month / "data", setup_code="UNASK001", testing=True)
    c = app.test_client()

    def tok(resp):
        return re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True)).group(1)
    c.post("/setup", data={"csrf_token": tok(c.get("/setup")), "code": "UNASK001", "name": "办事员",
                           "password": "p" * 10, "again": "p" * 10})
    t = tok(c.get("/list"))
    lst = month / "清单.xlsx"
    assert c.post("/list", data={"csrf_token": t, "list": (lst.open("rb"), lst.name)},
                  content_type="multipart/form-data").status_code == 302
    r = c.post("/periods/new", data={"csrf_token": t, "period": "2020-11", "due": "2020-11-25",
                                     "inbox": str(month / "收到")})
    assert r.status_code == 302, r.get_data(as_text=True)
    page = c.get("/p/2020-11").get_data(as_text=True)
    app.config["STORE"].close()
    assert 'id="unasked"' in page
    # (the desk's report date is today's: task 2, due at the end of 2021, is 逾期 there)
    assert re.search(rf"其中 1 项任务没有下发报送表，没有单位报送，计入(?:未报送|逾期)（{SAID}）", page)
