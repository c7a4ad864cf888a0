"""The add-in's 水质研判 action, run through xlwings' own remote engine on a 督办台账 whose 断面
sheet holds the factory's three sections: same judgement as the command line, written back
with calls the shipped clients execute, and the 断面 sheet in the master workbook."""
from __future__ import annotations

import datetime as dt
import json
import sys

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import ROOT
from water_factory import A, B, C, make_month
from zhishui import master as m
from zhishui.addin.macros import run
from zhishui.addin.remote import Replay, remote_book
from zhishui.addin.xlwings_clients import client_actions, emitted_actions
from zhishui.cli import cli
from zhishui.tasks import load_list
from zhishui.water.judge import KIND_SAID

sys.path.insert(0, str(ROOT / "workbook_templates"))
import build_master  # noqa: E402

SUPPORTED = client_actions("vba") & client_actions("js")


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("water_addin")
    sections, data = make_month(root)
    master = root / "代县督办台账.xlsx"
    build_master.main(["--sections", str(sections), "--out", str(master), "--action", "水质研判",
                       "--period", "2021-07", "--report-date", "2021-07-13", "--water-data", str(data)])
    return {"root": root, "sections": sections, "data": data, "master": master}


def click(setup, **cells):
    edits = {("控制台", "B9"): str(setup["root"] / "输出")}
    edits.update({("控制台", k): v for k, v in cells.items()})
    book, payload = remote_book(setup["master"], edits)
    outcome = run(book, today=dt.date(2021, 8, 2))
    actions = book.json()["actions"]
    return outcome, actions, Replay(payload, actions)


def test_master_has_the_sections_sheet_filled_from_the_list(setup):
    wb = openpyxl.load_workbook(setup["master"])
    assert wb.sheetnames == m.SHEETS
    ws = wb[m.SECTIONS_SHEET]
    assert [c.value for c in ws[1]][:6] == ["序号", "断面名称", "所在河流（湖库）", "断面级别", "水体类型", "水质目标"]
    assert [(r[1], r[5]) for r in ws.iter_rows(min_row=2, values_only=True)] == [(A, "Ⅲ类"), (B, "Ⅲ类"), (C, "Ⅱ类")]
    assert ws.cell(1, m.SECTION_STATUS_FIRST_COL).value == "本月类别"
    assert wb[m.CONTROL].cell(m.INPUT_ROW["source"], 2).value == str(setup["data"])


def test_the_list_reader_still_finds_the_task_list(tmp_path):
    """A 断面 sheet beside 任务清单 does not take its place."""
    from conftest import LIST001
    from water_factory import write_sections
    secs = write_sections(tmp_path)
    master = tmp_path / "台账.xlsx"
    build_master.main(["--from-list", str(LIST001), "--sections", str(secs), "--out", str(master)])
    tl = load_list(master)
    assert tl.sheet == m.LIST_SHEET and len(tl.tasks) == 63


def test_water_action_writes_what_the_command_line_judges(setup):
    outcome, actions, x = click(setup)
    funcs = emitted_actions({"actions": actions})
    assert funcs and set(funcs) <= SUPPORTED, set(funcs) - SUPPORTED
    r = CliRunner().invoke(cli, ["water", str(setup["data"]), "--sections", str(setup["sections"]), "--period", "2021-07",
                                 "--date", "2021-07-13", "--out", str(setup["root"] / "cli.xlsx"),
                                 "--json", str(setup["root"] / "cli.json")])
    assert r.exit_code == 0, r.output
    cli_json = json.loads((setup["root"] / "cli.json").read_text(encoding="utf-8"))
    col = m.SECTION_STATUS_FIRST_COL - 1
    status = [x.values[m.SECTIONS_SHEET][row][col:col + 2] for row in (1, 2, 3)]
    assert status == [[f"{s['class']}类", "达标" if not s["exceeding"] else "超标"] for s in cli_json["sections"]]
    alerts = x.table(m.WATER_SHEET)
    assert [(a[0], a[2], str(a[3])[:10], str(a[4])[:10]) for a in alerts] == \
        [(a["section"], KIND_SAID.get(a["kind"], a["kind"]), a["start"], a["end"]) for a in cli_json["alerts"]]   # (季度劣Ⅴ类)
    assert x.cell("控制台", "B14") == "成功" and "峨口（督办）" in x.cell("控制台", "B16")
    made = {p.name for p in (setup["root"] / "输出" / "水质文书").rglob("*.docx")}
    assert made == {"水质预警_阳明堡_7月13日.docx", "水质督办_峨口_7月13日.docx", "水质预警_上馆水库_7月13日.docx",
                    "2021年7月水质月报（截至7月31日，报告日期7月13日）.docx"}     # the data reach the month's end
    assert (setup["root"] / "输出" / "2021年7月水质研判结果.xlsx").exists()


def test_water_action_calls_do_not_grow_with_sections_or_alerts(setup, tmp_path):
    from water_factory import write_sections
    small = tmp_path / "小台账.xlsx"
    secs = write_sections(tmp_path)
    wb = openpyxl.load_workbook(secs)
    wb["断面"].delete_rows(3, 2)                     # only 阳明堡
    wb.save(secs)
    build_master.main(["--sections", str(secs), "--out", str(small), "--action", "水质研判", "--period", "2021-07",
                       "--report-date", "2021-07-13", "--water-data", str(setup["data"])])
    _, big, _ = click(setup)
    book, _ = remote_book(small, {("控制台", "B9"): str(tmp_path / "输出"),
                                  ("控制台", "B10"): str(setup["data"] / "自动监测数据_2021年7月.xlsx")})
    assert run(book).outcome == "成功"
    assert emitted_actions({"actions": big}) == emitted_actions(book.json())


@pytest.mark.parametrize("cells, words", [
    ({"B10": ""}, "方案文件或水质监测数据"),
    ({"B10": "/没有/这个/文件夹"}, "工作表「控制台」单元格 B10：填的水质监测数据文件或文件夹「/没有/这个/文件夹」不存在"),
    ({"B6": "2021-08-02"}, "不在报送期"),
])
def test_water_action_errors_reach_the_clerk(setup, cells, words):
    outcome, actions, x = click(setup, **cells)
    assert outcome is None
    assert set(emitted_actions({"actions": actions})) <= SUPPORTED
    assert x.alerts and words in x.alerts[-1]["prompt"] and "Traceback" not in x.alerts[-1]["prompt"]
    assert x.cell("控制台", "B14") == "失败"
