"""One month, one truth: every count and every unit list agree across the result workbook, the
JSON, the 督办台账 after a click, the 催报通知, each 督办通知 and the 通报.

Run on the demo month (samples/seed001) and on a generated month built to hold every status,
a late return, a missing unit and a joint task.  Each output is read back the way a person or
another program would read it (openpyxl, json, python-docx, the add-in's replayed actions).
"""
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

from conftest import LIST001, ROOT, SAMPLES
from returns_factory import fill_return, state_values
from zhishui.addin.macros import run as click_run
from zhishui.addin.remote import Replay, remote_book
from zhishui.cli import cli
from zhishui.split import split_returns
from zhishui.tables import SUMMARY_STATUS_COL
from zhishui.tasks import load_list

STATUSES = ["已完成", "序时推进", "进度滞后", "临期", "逾期", "长期坚持", "未报送"]


def build_master(list_path: Path, out: Path, period: str, report_date: str) -> Path:
    sys.path.insert(0, str(ROOT / "workbook_templates"))
    import build_master as bm
    bm.main(["--from-list", str(list_path), "--out", str(out), "--period", period, "--report-date", report_date])
    return out


def docx_texts(path: Path) -> tuple[str, list[list[list[str]]]]:
    d = Document(path)
    text = "".join(p.text for p in d.paragraphs)
    tables = [[[c.text.strip() for c in row.cells] for row in t.rows] for t in d.tables]
    return text, tables


def table_with(tables, header: str) -> list[dict]:
    for t in tables:
        if header in t[0]:
            return [dict(zip(t[0], row)) for row in t[1:]]
    return []


def sheet_dicts(ws) -> list[dict]:
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    return [dict(zip(rows[0], r)) for r in rows[1:] if any(v not in (None, "") for v in r)]


def run_everything(tmp_path: Path, list_path: Path, inbox: Path, period: str, date: str, due: str) -> dict:
    """Every output of one month: CLI collect (workbook + JSON), CLI docs, and the add-in's one click."""
    args = [str(list_path), str(inbox), "--period", period, "--date", date, "--due", due, "--no-history"]
    r = CliRunner().invoke(cli, ["collect", *args, "--out", str(tmp_path / "汇总.xlsx"),
                                 "--json", str(tmp_path / "r.json")])
    assert r.exit_code in (0, 1), r.output
    r = CliRunner().invoke(cli, ["docs", *args, "--out", str(tmp_path / "文书")])
    assert r.exit_code in (0, 1), r.output
    master = build_master(list_path, tmp_path / "台账.xlsx", period, date)
    book, payload = remote_book(master, {("控制台", "B4"): "一键生成", ("控制台", "B6"): dt.date.fromisoformat(date),
                                         ("控制台", "B7"): dt.date.fromisoformat(due),
                                         ("控制台", "B8"): str(inbox), ("控制台", "B9"): str(tmp_path / "台账输出")})
    assert click_run(book, today=dt.date.fromisoformat(date)) is not None
    return {"json": json.loads((tmp_path / "r.json").read_text(encoding="utf-8")),
            "xlsx": openpyxl.load_workbook(tmp_path / "汇总.xlsx"),
            "docs": tmp_path / "文书", "master": Replay(payload, book.json()["actions"])}


def assert_one_truth(out: dict) -> dict:
    j = out["json"]
    totals = {s: j["totals"][s] for s in STATUSES}
    status = {t["seq"]: t["status"] for t in j["tasks"]}
    units = {u["unit"]: u["state"] for u in j["units"]}
    missing = [u["unit"] for u in j["units"] if u["state"] in ("未报送", "空表", "无法读取")]
    late = [u["unit"] for u in j["units"] if u["state"] == "逾期报送"]
    pressed = {u: [p["task"] for p in ps] for u, ps in j["pressed"].items()}
    assert j["missing_units"] == missing
    assert sum(totals.values()) == len(status) and totals == {s: list(status.values()).count(s) for s in STATUSES}
    assert j["unit_counts"]["逾期报送"] == len(late) and j["unit_counts"]["应报"] == len(units)

    # the result workbook
    wb = out["xlsx"]
    assert {str(r["序号"]): r["状态"] for r in sheet_dicts(wb["汇总"])} == status
    # (the on-time state is said 按时报送 wherever a person reads it; the JSON keeps its key 已报送)
    said = {u: {"已报送": "按时报送"}.get(s, s) for u, s in units.items()}
    assert {r["单位"]: r["报送情况"] for r in sheet_dicts(wb["报送情况"])} == said
    by_unit: dict[str, list[str]] = {}
    for r in sheet_dicts(wb["督办"]):
        by_unit.setdefault(r["单位"], []).append(str(r["序号"]))
    assert by_unit == pressed
    ranked = sheet_dicts(wb["排名"])
    assert [(r["单位"], r["排名"], r["得分"]) for r in ranked] == [(s["unit"], s["rank"], s["score"]) for s in j["ranking"]]
    overview = " ".join(str(r[0].value) for r in wb["概况"].iter_rows())
    assert f"逾期报送 {len(late)}" in overview and f"未报送 {j['unit_counts']['未报送']}" in overview
    for s in STATUSES:
        assert f"{s} {totals[s]}" in overview, s

    # the 督办台账 after the click
    x = out["master"]
    assert {str(r[0]): r[SUMMARY_STATUS_COL] for r in x.table("汇总")} == status
    assert {r[0]: r[2] for r in x.table("报送情况")} == said
    counts = x.cell("控制台", "B15")
    uc = j["unit_counts"]      # 空表 apart from 未报送, as the command line says (README 「报送情况和收到时间」)
    assert f"逾期报送 {len(late)}，未报送 {uc['未报送']}，空表 {uc['空表']}" in counts
    for s in STATUSES:
        assert f"{s} {totals[s]}" in x.cell("控制台", "B16"), s

    # the 催报通知 and the chat messages
    docs = out["docs"]
    chase = sorted((docs / "催报通知").glob("*.docx"))
    # README 「谁被催报」: every unit not reported but the 汇总单位, which signs the 催报
    chased = [u for u in missing if u != j["office_unit"]]
    assert j["chased_units"] == chased
    if chased:
        text, tables = docx_texts(chase[0])
        assert [r["单位"] for r in table_with(tables, "应报任务数")] == chased
        uc = j["unit_counts"]
        assert (f"应报送单位{len(units)}个，按时报送{uc['已报送']}个"
                + (f"、逾期报送{uc['逾期报送']}个" if uc["逾期报送"] else "") + "，") in text
        assert (f"另有汇总单位{j['office_unit']}未报送，不列入" in text) == (len(chased) < len(missing))
        msgs = (docs / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
        assert msgs.count("【催报提醒】") == len(chased)
    else:
        assert not chase

    # each 督办通知: exactly the units pressed, each with exactly its tasks and a reason
    letters = {p.stem.split("_", 1)[1]: p for p in (docs / "督办通知").glob("*.docx")}
    assert set(letters) == set(pressed)
    for unit, path in letters.items():
        text, tables = docx_texts(path)
        rows = table_with(tables, "任务内容")
        assert [r["序号"] for r in rows] == pressed[unit], unit
        assert all(r["逾期天数或滞后原因"] for r in rows), unit            # never a blank reason
        assert f"{unit}：" in text

    # the 通报
    [bulletin] = (docs / "进展通报").glob("*.docx")
    text, tables = docx_texts(bulletin)
    sentence = re.search(r"共有任务(\d+)项(，其中([^。]*?))?(，完成率|。)", text)
    assert int(sentence.group(1)) == len(status)
    for s in STATUSES:
        m = re.search(s + r"(\d+)项", sentence.group(3) or "")
        assert (int(m.group(1)) if m else 0) == totals[s], s
    cat_total = next(r for r in table_with(tables, "重点任务") if r["重点任务"] == "合计")
    assert [int(cat_total[s]) for s in STATUSES] == [totals[s] for s in STATUSES]
    assert [r["序号"] for r in table_with(tables, "逾期天数及原因")] == [k for k, v in status.items() if v == "逾期"]
    assert [r["序号"] for r in table_with(tables, "滞后原因")] == [k for k, v in status.items() if v == "进度滞后"]
    unit_rows = table_with(tables, "得分")
    assert [(r["单位"], int(r["排名"])) for r in unit_rows] == [(s["unit"], s["rank"]) for s in j["ranking"]]
    if late:
        assert "逾期报送的单位：" + "、".join(late) in text
    if missing:
        assert "未报送的单位：" + "、".join(missing) in text
    return {"status": status, "units": units, "pressed": pressed, "totals": totals}


def test_demo_month_agrees_everywhere(tmp_path):
    inbox = tmp_path / "收到"
    shutil.copytree(SAMPLES / "seed001" / "2020年11月报送", inbox)
    lst = tmp_path / "永川区整改任务分解表.xlsx"
    shutil.copy(LIST001, lst)
    facts = assert_one_truth(run_everything(tmp_path, lst, inbox, "2020-11", "2020-11-30", "2020-11-25"))
    assert facts["units"]["区金融办"] == "未报送" and "区市场管理局" not in facts["units"]


# a month made to hold every status: (seq, text, deadline, lead, responsible)
GEN_TASKS = [
    ("1", "建成城南污水处理厂", "2020年12月底", "区住房城乡建委", ""),
    ("2", "完成屠宰场布点规划", "2020年9月底", "区农业农村委", ""),
    ("3", "开展日常巡河", "长期坚持", "区河长办", ""),
    ("4", "启动引水工程前期工作", "适时启动", "区水利局", ""),
    ("5", "完成管网清淤", "2020年12月10日前", "区城市管理局", ""),
    ("6", "建成场镇污水管网", "2020年12月底", "", "何埂镇、双石镇"),
    ("7", "清理河道垃圾", "2020年9月底完成,并长期坚持", "区河长办", ""),
    ("8", "编制水质达标方案", "2020年12月底", "区生态环境局", ""),
]
GEN_UNITS = ["区住房城乡建委", "区农业农村委", "区河长办", "区水利局", "区城市管理局", "何埂镇", "双石镇", "区生态环境局"]
# unit -> ({seq: (state, pct)}, 填报日期) ; 区生态环境局 sends nothing, 何埂镇 is late
GEN_REPORTS = {
    "区住房城乡建委": ({"1": ("已完成", 1)}, dt.date(2020, 11, 20)),
    "区农业农村委": ({"2": ("序时推进", 0.7)}, dt.date(2020, 11, 20)),
    "区河长办": ({"3": ("持续推进", None), "7": ("持续推进", 0.4)}, dt.date(2020, 11, 21)),
    "区水利局": ({"4": ("序时推进", None)}, dt.date(2020, 11, 22)),
    "区城市管理局": ({"5": ("序时推进", 0.95)}, dt.date(2020, 11, 23)),
    "何埂镇": ({"6": ("进度滞后", 0.3)}, dt.date(2020, 11, 27)),
    "双石镇": ({"6": ("序时推进", 0.95)}, dt.date(2020, 11, 24)),
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("gen")
    lst = root / "清单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位"])
    for seq, text, deadline, lead, resp in GEN_TASKS:
        ws.append([int(seq), "一、治污" if int(seq) <= 4 else "二、管网", text, deadline, lead, resp])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型", "联系人", "联系电话"])
    for n in GEN_UNITS:
        d.append([n, "镇" if n.endswith("镇") else "部门", "王某", "023-1234567"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    for k, v in [("成文日期", dt.datetime(2020, 1, 1)), ("方案名称", "治水方案"), ("汇总单位", "区生态环境局")]:
        s.append([k, v])
    wb.save(lst)
    tl = load_list(lst)
    issued = {f.unit: f.path for f in split_returns(tl, dt.date(2020, 11, 1), root / "下发")}
    inbox = root / "收到"
    inbox.mkdir()
    for unit, (rows, filled_on) in GEN_REPORTS.items():
        fill_return(issued[unit], inbox / f"{unit}.xlsx", unit, values=state_values(rows), report_date=filled_on, mtime=None)
    return root, lst, inbox


def test_generated_month_with_every_status_agrees_everywhere(generated, tmp_path):
    root, lst, inbox = generated
    facts = assert_one_truth(run_everything(tmp_path, lst, inbox, "2020-11", "2020-11-30", "2020-11-25"))
    # the month really holds every status, a late unit, a missing one and a joint task pressed on one unit only
    assert set(facts["status"].values()) == set(STATUSES)
    assert facts["status"] == {"1": "已完成", "2": "逾期", "3": "长期坚持", "4": "序时推进", "5": "临期",
                               "6": "进度滞后", "7": "逾期", "8": "未报送"}
    assert facts["units"]["何埂镇"] == "逾期报送" and facts["units"]["区生态环境局"] == "未报送"
    assert facts["pressed"] == {"区农业农村委": ["2"], "区河长办": ["7"], "何埂镇": ["6"]}
