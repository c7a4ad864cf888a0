"""Issue 16: responsibility tables typed from real public documents, read by what their columns hold.

The truth (which column holds which role, which rows are tasks) is in
tests/data/lists/sources/*.json, written from the source, not from the
reader; a third of the tables is held out (``split: test``).
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import ROOT, office_convert
from zhishui.cli import cli
from zhishui.tasks import load_list

sys.path.insert(0, str(ROOT / "tests" / "data" / "lists"))
import build  # noqa: E402

AIM = 0.95
SOURCES = build.load_sources()


def _score(split: str, tmp_path) -> dict:
    tot = {"tasks": 0, "found": 0, "roles": 0, "roles_right": 0, "misses": []}
    for src in SOURCES:
        if src["split"] != split:
            continue
        p = tmp_path / f"{src['id']}.xlsx"
        build.build_workbook(src).save(p)
        sc = build.score(src, load_list(p))
        for k in ("tasks", "found", "roles", "roles_right"):
            tot[k] += sc[k]
        tot["misses"] += [f"{src['id']}: {m}" for m in sc["misses"]]
    return tot


def test_sources_are_labelled_and_a_third_is_held_out():
    assert len(SOURCES) >= 35
    held = [s for s in SOURCES if s["split"] in ("test", "test2", "test3", "test4")]
    assert len(held) >= len(SOURCES) // 3
    # the tables added later (n*) have their own held-out third, fixed before the reader saw them
    new = [s for s in SOURCES if s["id"].startswith("n")]
    assert len(new) >= 12 and 3 * sum(s["split"] == "test2" for s in new) >= len(new)
    for s in SOURCES:
        assert s["source"]["url"].startswith("http") and s["split"] in ("train", "test", "test2", "test3", "test4")
        assert "content" in s["truth"].values()


@pytest.mark.parametrize("split", ["test", "test2"])
def test_held_out_tables_meet_the_aim(split, tmp_path):
    """test: the first third set aside; test2: the later tables' third (first run in
    tests/data/lists/test2_first_run.txt).  What was missed is not shown: rules are
    written on the train part only."""
    sc = _score(split, tmp_path)
    assert sc["tasks"] >= 20 and sc["roles"] >= 40
    assert sc["found"] / sc["tasks"] >= AIM, (sc["found"], sc["tasks"])
    assert sc["roles_right"] / sc["roles"] >= AIM, (sc["roles_right"], sc["roles"])


def test_third_held_out_part_reads_as_after_its_first_run(tmp_path):
    """test3 (q*, session 23: six tables from pages the store cut after a few rows, with header words the corpus had
    not: 建設時間, 项目业主, 牵头协调部门, 主管領導, 進度安排, 牵头负责 …). First run 8/15 tasks, 16/23 roles: the two tables a
    site had converted to traditional characters (責任單位) were refused with 「找不到责任清单的表头」; header words are now
    read as simplified (the only thing learnt from it: what was missed is not shown). tests/data/lists/test3_first_run.txt"""
    sc = _score("test3", tmp_path)
    assert sc["tasks"] >= 15 and sc["roles"] >= 23
    assert (sc["found"], sc["roles_right"]) == (sc["tasks"], sc["roles"]), (sc["found"], sc["roles_right"])
    assert "tasks found 8/15 = 53.3%, unit roles right 16/23 = 69.6%" in \
        (ROOT / "tests" / "data" / "lists" / "test3_first_run.txt").read_text(encoding="utf-8")


def test_fourth_held_out_part_reads_as_at_its_first_run(tmp_path):
    """test4 (r*, session 24: eight tables with header words the corpus had not — 主要责任单位, 协同配合单位, 牵头责任单位,
    协同责任单位, 项目责任人, 目前完成情况、存在问题及下一步工作措施 — a unit's report sheet with a 单位(盖章) line above its
    header, one in traditional characters). First run on the code it was gathered against: 24/24 tasks, 108/108 roles
    (21/24 and 97/102 on round 13's reader, which refused the traditional one). tests/data/lists/test4_first_run.txt"""
    sc = _score("test4", tmp_path)
    assert sc["tasks"] >= 24 and sc["roles"] >= 108
    assert (sc["found"], sc["roles_right"]) == (sc["tasks"], sc["roles"]), (sc["found"], sc["roles_right"])
    assert "tasks found 24/24 = 100.0%, unit roles right 108/108 = 100.0%" in \
        (ROOT / "tests" / "data" / "lists" / "test4_first_run.txt").read_text(encoding="utf-8")


def test_training_tables_meet_the_aim(tmp_path):
    sc = _score("train", tmp_path)
    assert sc["found"] / sc["tasks"] >= AIM, sc["misses"]
    assert sc["roles_right"] / sc["roles"] >= AIM, sc["misses"]


def _named(kind: str) -> dict:
    return next(s for s in SOURCES if s.get("named") == kind)


def _gbk_csv(src: dict, path: Path) -> Path:
    """The table as Excel saves it as CSV on a Chinese Windows: GBK, merged cells empty but the first."""
    wb = build.build_workbook(src)
    ws = wb.active
    with open(path, "w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        for row in ws.iter_rows(values_only=True):
            w.writerow(["" if v is None else v for v in row])
    return path


def _formats(src: dict, tmp_path) -> list[Path]:
    x = tmp_path / f"{src['id']}.xlsx"
    build.build_workbook(src).save(x)
    xls = office_convert(x, "xls", tmp_path / "xls")
    return [x, xls, _gbk_csv(src, tmp_path / f"{src['id']}.csv")]


@pytest.mark.parametrize("kind", ["issue16-project", "issue16-target"])
def test_the_two_tables_of_the_issue_in_every_format(kind, tmp_path):
    src = _named(kind)
    exp = build.expected(src)
    for path in _formats(src, tmp_path):
        tl = load_list(path)
        by_row = {t.row: t for t in tl.tasks}
        assert sorted(by_row) == [e["row"] for e in exp], path.name
        for e in exp:
            t = by_row[e["row"]]
            assert t.content == e["content"], path.name
            for role, names in e["units"].items():
                assert [r.raw for r in getattr(t, role)] == names, (path.name, role)
            if e["deadline"] is not None:
                assert t.deadline_text == e["deadline"], path.name
        extras = set(tl.tasks[0].extras)
        if kind == "issue16-project":
            assert {"工程目的", "投资估算(万元)"} <= {h.replace("\n", "") for h in extras}, extras
            assert tl.tasks[2].extras["工程目的"] == "铺设供水主干管道50公里。"
        else:
            assert {"考核河流", "考核断面"} <= extras, extras
            assert tl.tasks[1].extras["考核断面"] == "中山村"
            if path.suffix != ".csv":   # a CSV keeps a merged cell's text on its first row only
                assert tl.tasks[1].extras["考核河流"] == "碧流河"


# --- ask, never refuse -------------------------------------------------------

AMBIGUOUS = [  # 立山区2023年重点工作任务分解 (p18), headed with words that name no role
    ["立山区政府2023年重点工作任务分解"],
    ["序号", "重点工作", "单位甲", "单位乙"],
    ["1", "努力实现地区生产总值增长6.2%左右。", "区发改局", "立山经济开发区,全区经济运行各专班"],
    ["2", "规模上工业增加值增长5%左右。", "区工信局", "立山经济开发区"],
    ["3", "固定资产投资增长15%左右。", "区发改局", "立山经济开发区,各街道、区直各部门"],
    ["4", "社会消费品零售总额增长9%左右。", "区商务局", "各街道,区市场局"],
]


def _ambiguous_book(path: Path, settings: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    for r in AMBIGUOUS:
        ws.append(r)
    if settings:
        st = wb.create_sheet("设置")
        st.append(["项目", "值"])
        st.append(["列对应", settings])
    wb.save(path)
    return path


def _tasks_json(res) -> dict:
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_ambiguous_columns_are_said_then_fixed_once_and_remembered(tmp_path):
    p = _ambiguous_book(tmp_path / "立山清单.xlsx")
    runner = CliRunner()
    first = runner.invoke(cli, ["tasks", str(p), "--json"])
    assert first.exit_code == 0, first.output
    assert "有的列不能确定" in first.stderr and "C列「单位甲」" in first.stderr and "--columns" in first.stderr
    assert "立山清单_督办档案" in first.stderr and "列对应.json" in first.stderr

    fixed = _tasks_json(runner.invoke(cli, ["tasks", str(p), "--json", "--columns", "内容=B,牵头=C,责任=D"]))
    assert "已记住" in runner.invoke(cli, ["tasks", str(p), "--columns", "内容=B,牵头=C,责任=D"]).stderr
    t1 = fixed["tasks"][0]
    assert t1["lead"] == ["区发改局"] and t1["responsible"] == ["立山经济开发区", "全区经济运行各专班"]
    store = tmp_path / "立山清单_督办档案" / "列对应.json"
    assert "牵头=C" in store.read_text(encoding="utf-8")

    again = runner.invoke(cli, ["tasks", str(p), "--json"])   # no option: the mapping is remembered
    assert "以前给定并记住" in again.stderr and "有的列不能确定" not in again.stderr
    assert _tasks_json(again)["tasks"] == fixed["tasks"]


def test_mapping_in_the_settings_sheet(tmp_path):
    p = _ambiguous_book(tmp_path / "清单.xlsx", settings="内容=B,牵头=C,配合=D")
    tl = load_list(p)
    assert [r.raw for r in tl.tasks[3].lead] == ["区商务局"]
    assert [r.raw for r in tl.tasks[3].cooperating] == ["各街道", "区市场局"]
    assert any(n.code == "COLUMN_MAPPING" and "设置表" in n.message for n in tl.notes)


def test_a_wrong_mapping_is_a_clear_message(tmp_path):
    p = _ambiguous_book(tmp_path / "清单.xlsx")
    res = CliRunner().invoke(cli, ["tasks", str(p), "--columns", "内容=第二列"])
    assert res.exit_code == 2 and "列对应写法有误" in res.stderr and "Traceback" not in res.output


# --- extras travel with the task ---------------------------------------------

def test_extras_in_json_and_in_the_return_sheet(tmp_path):
    src = _named("issue16-project")
    p = tmp_path / "工程.xlsx"
    build.build_workbook(src).save(p)
    runner = CliRunner()
    data = _tasks_json(runner.invoke(cli, ["tasks", str(p), "--json"]))
    assert data["tasks"][0]["extras"]["工程目的"] == "委托咨询公司编制恩平市区供水专项规划。"
    out = tmp_path / "out"
    res = runner.invoke(cli, ["split", str(p), "--period", "2020-11", "--out", str(out), "--date", "2020-11-02"])
    assert res.exit_code == 0, res.output
    f = next(out.glob("*.xlsx"))
    ws = openpyxl.load_workbook(f)["报送表"]
    heads = {ws.cell(4, c).value: c for c in range(1, ws.max_column + 1)}
    c = heads["参考：工程目的"]
    cell = ws.cell(5, c)
    assert cell.value == "委托咨询公司编制恩平市区供水专项规划。"
    assert cell.protection.locked and cell.fill.fgColor.rgb.endswith("EDEDED")
    assert ws.cell(5, heads["参考：投资估算\n(万元)"] if "参考：投资估算\n(万元)" in heads
                   else heads["参考：投资估算(万元)"]).value == "55"


def test_columns_rescue_a_header_of_words_nobody_knows(tmp_path):
    """A header of 甲乙丙丁 is refused with the sheets looked at and the --columns way out; given
    --columns, the first row with its own text in each named column is the header."""
    import openpyxl
    p = tmp_path / "甲乙丙丁.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工"
    ws.append(["某某区2020年重点工作分工"])
    ws.merge_cells("A1:D1")
    ws.append(["甲", "乙", "丙", "丁"])
    ws.append([1, "建成城南污水处理厂", "2020年12月底", "区住房城乡建委"])
    ws.append([2, "完成屠宰场布点规划", "2020年9月底", "区农业农村委"])
    wb.save(p)
    runner = CliRunner()
    refused = runner.invoke(cli, ["tasks", str(p), "--json"])
    assert refused.exit_code == 2 and "找不到责任清单的表头" in refused.stderr
    assert "「分工」" in refused.stderr and "--columns" in refused.stderr
    got = _tasks_json(runner.invoke(cli, ["tasks", str(p), "--json", "--columns", "序号=A,内容=B,时限=C,牵头=D"]))
    assert [(t["seq"], t["content"], t["deadline"]["raw"], t["lead"]) for t in got["tasks"]] == [
        ("1", "建成城南污水处理厂", "2020年12月底", ["区住房城乡建委"]),
        ("2", "完成屠宰场布点规划", "2020年9月底", ["区农业农村委"])]
