"""A return belongs to one plan (README 「报送表属于哪个方案」).

Two plans with the same units and the same 序号 (a 整改方案 and a flood-season campaign) are
split for the same month; the units' returns of both end up in one folder.  Each plan adopts
only its own, reports the other's with the plan it belongs to and keeps their values unused.
Then the README's table, row by row, from real files shaped the way they arrive (copied into a
new workbook, a column deleted, the title removed, a round-1 return, a list edited after split).
"""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import readme_rows
from plan_lists import PLAN_A, PLAN_B, TASKS_A, TASKS_B, UNITS, write_list
from returns_factory import copy_to_new_workbook, fill_return
from zhishui.cli import cli
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list

NOV = dt.date(2020, 11, 1)
NOV30 = dt.date(2020, 11, 30)
MONTH = ["--period", "2020-11", "--date", "2020-11-30"]


def fill_a(i, seq, unit):
    """Plan A's units: work under way."""
    if seq == "4":
        return {"完成状态": "持续推进", "进展情况": f"{unit}本月巡河20次"}
    return {"完成状态": "序时推进", "完成比例": 0.8, "进展情况": f"{unit}第{seq}项正按计划推进"}


def fill_b(i, seq, unit):
    """Plan B's units: everything done (if A adopted one of these, A would show 已完成)."""
    return {"完成状态": "已完成", "完成比例": 1, "进展情况": f"{unit}第{seq}项已完成", "佐证材料": "验收单.pdf"}


# plan A's statuses on 2020-11-30 with only its own returns, from the README's decision table:
# dated tasks reported 序时推进 at 80% (above time-proportional progress, more than 15 days left),
# the ongoing task reported 持续推进
ORACLE_A = {"1": "序时推进", "2": "序时推进", "3": "序时推进", "4": "长期坚持", "5": "序时推进", "6": "序时推进"}
ORACLE_B = {"1": "已完成", "2": "已完成", "3": "已完成", "4": "长期坚持", "5": "已完成", "6": "已完成"}


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory):
    root = tmp_path_factory.mktemp("plans")
    la = write_list(root / "甲" / "整改任务清单.xlsx", TASKS_A, plan_name=PLAN_A)
    lb = write_list(root / "乙" / "汛期整治任务清单.xlsx", TASKS_B, plan_name=PLAN_B)
    for lst, folder in ((la, "甲下发"), (lb, "乙下发")):
        r = CliRunner().invoke(cli, ["split", str(lst), "--period", "2020-11", "--out", str(root / folder)])
        assert r.exit_code == 0, r.output
    inbox = root / "收件箱"
    issued_a = {f.stem.split("_")[1]: f for f in (root / "甲下发").glob("*.xlsx")}
    issued_b = {f.stem.split("_")[1]: f for f in (root / "乙下发").glob("*.xlsx")}
    for unit in UNITS:
        fill_return(issued_a[unit], inbox / f"{unit}.xlsx", unit, values=fill_a, mtime=None)
    for unit in UNITS[:3]:   # the same file names as plan A's but for 乙: the clerk saved them apart
        fill_return(issued_b[unit], inbox / "汛期" / f"{unit}.xlsx", unit, values=fill_b, mtime=None)
    # 区水利局's plan-B return arrives copied into a new workbook: no hidden identity left
    tmp = fill_return(issued_b["区水利局"], root / "tmp.xlsx", "区水利局", values=fill_b, mtime=None).path
    copy_to_new_workbook(tmp, inbox / "汛期" / "区水利局（复制）.xlsx", mtime=None)
    return root, la, lb, inbox


def _collect(root, lst, inbox, name):
    out = root / name
    r = CliRunner().invoke(cli, ["collect", str(lst), str(inbox), *MONTH, "--out", str(out / "汇总.xlsx"),
                                 "--json", str(out / "r.json")])
    assert r.exit_code == 0, r.output
    return json.loads((out / "r.json").read_text(encoding="utf-8")), r.output


@pytest.mark.parametrize("which", ["A", "B"])
def test_each_plan_adopts_only_its_own(two_plans, which):
    root, la, lb, inbox = two_plans
    lst, oracle, own_name, other_name = ((la, ORACLE_A, PLAN_A, PLAN_B) if which == "A" else (lb, ORACLE_B, PLAN_B, PLAN_A))
    d, output = _collect(root, lst, inbox, f"汇总{which}")
    assert {t["seq"]: t["status"] for t in d["tasks"]} == oracle
    files = {s["file"]: s for s in d["received"]}
    mine = {f for f in files if ("汛期" in f) == (which == "B")}
    assert {f for f, s in files.items() if s["status"] == "counted"} == mine
    assert {f for f, s in files.items() if s["status"] == "other_plan"} == set(files) - mine
    # every unit reported (its own plan's return), none late, nothing missing
    assert d["missing_units"] == [] and {u["state"] for u in d["units"]} == {"已报送"}
    # the other plan's returns are reported with the plan they belong to ...
    other = [a for a in d["anomalies"] if a["code"] == "OTHER_PLAN"]
    assert sorted(a["file"] for a in other) == sorted(set(files) - mine)
    with_identity = [a for a in other if "复制" not in a["file"]]
    assert with_identity and all(other_name in a["message"] and own_name in a["message"] for a in with_identity)
    # ... and their values are kept, never used
    wb = openpyxl.load_workbook(root / f"汇总{which}" / "汇总.xlsx", read_only=True)
    raw = [r for r in wb["原始数据"].iter_rows(min_row=2, values_only=True)]
    theirs = [r for r in raw if r[0] not in mine and r[1] != "_zhishui"]
    assert theirs and all(r[8] == "否" and "其他方案" in (r[9] or "") for r in theirs)
    received = {r[0]: r for r in wb["收到文件"].iter_rows(min_row=2, values_only=True)}
    assert all(received[f][4] == "本方案" for f in mine)
    assert all(str(received[f][4]).startswith("其他方案") and received[f][6] == "其他方案（未采用）"
               for f in set(files) - mine)
    assert "新建" in output     # the first month of each plan starts its history, and says so


# --- the README's table, row by row --------------------------------------------------------------

@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    """Plan A split once from its list, once from a later version (task 5 reworded); plan B split."""
    root = tmp_path_factory.mktemp("rules")
    la = write_list(root / "甲.xlsx", TASKS_A, plan_name=PLAN_A)
    edited = dict(TASKS_A, **{"5": ("编制水库消落带生态修复专项规划", "2021年6月底", "区水利局")})
    la2 = write_list(root / "甲（修订）.xlsx", edited, plan_name=PLAN_A)
    lb = write_list(root / "乙.xlsx", TASKS_B, plan_name=PLAN_B)
    out = {}
    for key, lst in (("A", la), ("B", lb)):
        for f in split_returns(load_list(lst), NOV, root / key):
            out[(key, f.unit)] = f.path
    return root, load_list(la), load_list(la2), out


def _drop_identity_rows(path, keys):
    wb = openpyxl.load_workbook(path)
    ws = wb["_zhishui"]
    for r in range(ws.max_row, 0, -1):
        if ws.cell(r, 1).value in keys:
            ws.delete_rows(r)
    wb.save(path)


def _edit(path, fn):
    wb = openpyxl.load_workbook(path)
    fn(wb.active)
    wb.save(path)


def hand_made(path, unit: str, rows, title: str = "11月工作进展情况"):
    """A table a unit made itself: a title, its name, 序号 / 具体举措 / 完成状态 / 完成比例 / 进展情况."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append([f"填报单位：{unit}" if unit else ""])
    ws.append([])
    ws.append(["序号", "具体举措", "完成状态", "完成比例", "进展情况"])
    for row in rows:
        ws.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


OTHER_TEXT = "开展入河排污口排查整治并建立动态管理台账"


def make_case(rule: int, issued, tmp):
    """(list, file, unit, --assign pairs) for one row of the table."""
    root, tl, tl2, out = issued
    unit = "区住房城乡建委"   # tasks 1 and 6 in both plans
    src_a, src_b = out[("A", unit)], out[("B", unit)]
    f = tmp / "收件" / f"规则{rule}.xlsx"
    f.parent.mkdir(parents=True)
    assign = ()
    if rule == 1:       # a hand-made return nothing identifies: the clerk attributes it
        hand_made(f, "", [(1, "城南污水厂", "序时推进", 0.8, "设备安装中")], title="进展")
        assign = ((f.name, unit),)
    elif rule in (2, 3):
        fill_return(src_a, f, unit, values=fill_a, mtime=None)
        if rule == 3:   # a return from before plans were numbered: only the list version
            _drop_identity_rows(f, {"plan", "plan_name"})
    elif rule == 4:     # the list was edited after split (task 5 reworded): collected with the new version
        fill_return(out[("A", "区水利局")], f, "区水利局", values=fill_a, mtime=None)
        return tl2, f, "区水利局", assign
    elif rule == 5:
        fill_return(src_b, f, unit, values=fill_b, mtime=None)
    elif rule in (6, 7):
        t = fill_return(src_a if rule == 6 else src_b, tmp / "t.xlsx", unit,
                        values=fill_a if rule == 6 else fill_b, mtime=None).path
        copy_to_new_workbook(t, f, mtime=None)
    elif rule == 8:     # three rows, one of them this plan's task
        hand_made(f, unit, [(1, TASKS_A["1"][0], "序时推进", 0.8, "设备安装中"),
                            (6, OTHER_TEXT, "序时推进", 0.5, "推进中"), (2, TASKS_B["2"][0], "已完成", 1, "完成")])
    elif rule in (9, 10, 11):
        t = fill_return(src_a if rule != 10 else src_b, tmp / "t.xlsx", unit,
                        values=fill_a if rule != 10 else fill_b, mtime=None).path
        copy_to_new_workbook(t, f, mtime=None)

        def cut(ws, rule=rule):
            ws.delete_cols(3)            # 具体举措 deleted
            if rule == 11:
                ws["A1"] = None          # and the title
        _edit(f, cut)
    return tl, f, unit, assign


PLAN_RULES = readme_rows("报送表属于哪个方案")


def test_readme_table_has_every_rule():
    assert sorted(PLAN_RULES) == list(range(1, 12)), PLAN_RULES
    assert set(PLAN_RULES.values()) == {"本方案", "其他方案", "不确定"}


@pytest.mark.parametrize("rule", range(1, 12))
def test_plan_rule(issued, tmp_path, rule, monkeypatch):
    # (on a computer of its own: a trial run judges by the plan a record of it on this computer knows, and another
    # test's record of plan 甲 would make rule 4's revised list rule 2's)
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    tl, f, unit, assign = make_case(rule, issued, tmp_path)
    m = run_month(tl, [f.parent], NOV, NOV30, use_history=False, allow_empty=True, assign=assign)
    (sub,) = [s for s in m.col.submissions if s.file.endswith(f.name)]
    assert (sub.plan_rule, sub.plan_verdict) == (rule, PLAN_RULES[rule]), sub.plan_how
    codes = [a.code for a in m.anomalies if a.file == sub.file]
    ur = next(u for u in m.units if u.unit == unit)
    if PLAN_RULES[rule] == "其他方案":
        assert sub.status == "other_plan" and "OTHER_PLAN" in codes
        assert ur.state == "未报送" and not any(v.used for v in m.col.values if v.file == sub.file and v.field != "identity")
    else:
        assert sub.status == "counted" and sub.unit == unit and ur.state == "已报送"
        assert ("PLAN_UNCERTAIN" in codes) == (PLAN_RULES[rule] == "不确定")
        assert ur.check.startswith("方案不确定") == (PLAN_RULES[rule] == "不确定")
    if rule == 5:
        assert PLAN_B in next(a.message for a in m.anomalies if a.code == "OTHER_PLAN")


def test_uncertain_match_is_flagged_in_the_tables(issued, tmp_path):
    tl, f, unit, _ = make_case(11, issued, tmp_path)
    from zhishui.result_writer import write_result
    m = run_month(tl, [f.parent], NOV, NOV30, use_history=False, allow_empty=True)
    wb = openpyxl.load_workbook(write_result(m, tmp_path / "汇总.xlsx"), read_only=True)
    units = {r[0]: r for r in wb["报送情况"].iter_rows(min_row=2, values_only=True)}
    assert units[unit][2] == "按时报送" and units[unit][10].startswith("方案不确定")
    files = list(wb["收到文件"].iter_rows(min_row=2, values_only=True))
    assert files[0][4] == "不确定" and "序号" in files[0][5]


def test_a_folder_of_another_plan_stops(issued, tmp_path):
    """Every return is another plan's: the clerk picked the wrong folder; nothing is written."""
    root, tl, tl2, out = issued
    inbox = tmp_path / "乙的收件"
    for unit in UNITS:
        fill_return(out[("B", unit)], inbox / f"{unit}.xlsx", unit, values=fill_b, mtime=None)
    lst = write_list(tmp_path / "甲.xlsx", TASKS_A, plan_name=PLAN_A)
    r = CliRunner().invoke(cli, ["collect", str(lst), str(inbox), *MONTH, "--out", str(tmp_path / "汇总.xlsx")])
    assert r.exit_code == 2 and "都不是本方案" in r.stderr and PLAN_B in r.stderr, r.output
    assert not (tmp_path / "汇总.xlsx").exists() and not (tmp_path / "甲_督办档案").exists()
