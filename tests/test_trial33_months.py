"""What the session-27 trial 33 (a list revised between September and November, month after month) found wrong,
each checked against the README sentence it contradicted:

- a sheet issued before the list was revised was read by its old 序号: a unit's report went on the task that now has
  that number (another unit's), its own task was 未报送 and it was told it had edited the issued text (README
  「清单改了以后」「报送表属于哪个方案」);
- a 销号 approved after that month's documents had gone out was said in no 通报 (README 「延期申请带到以后各期」:
  「销号的批准和退回也一样」);
- a copy of the folder (list and its archive) used the original archive the machine index knew of, not the copy
  beside the list (README 「历史记录跟着方案走」 查找顺序).
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from plan_lists import write_list
from returns_factory import fill_issued, fill_return
from zhishui.cli import cli

A, B, C = "县建设局", "县水利局", "县农业农村局"
SETTINGS = {"文号": "青治水办〔2026〕3号", "汇总单位": "县治水办"}
V1 = {
    "1": ("完成城区截污干管改造8公里", "2026年12月底", A),
    "2": ("开展城中村截污纳管排查整治", "2026年12月底", B),
    "3": ("完成农村生活污水处理设施运维移交", "2026年12月底", C),
}
# the revision puts a new task first: every old task moves down one number
V2 = {"1": ("修复城区老旧破损污水管网5公里", "2026年12月底", C),
      **{str(int(k) + 1): v for k, v in V1.items()}}


@pytest.fixture(autouse=True)
def own_machine(tmp_path, monkeypatch):
    # each test on a computer of its own: the lists share a 文号, and the machine index would find another test's record
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))


def run(*args, code=(0, 1)) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code in code, r.output
    return r.output


def revised_after_split(tmp_path, old: dict, new: dict, fills: dict):
    """September collected on the list ``old``, October's sheets split from it, then the list revised to ``new`` (the
    old file gone) and the units of ``fills`` filling their October sheets issued before the revision into 收回."""
    v1 = write_list(tmp_path / "清单.xlsx", old, plan_name="青溪县截污纳管方案", units=[A, B, C], settings=SETTINGS)
    (tmp_path / "九月").mkdir()
    run("collect", v1, tmp_path / "九月", "--period", "2026-09", "--date", "2026-09-30", "--out", tmp_path / "九月.xlsx",
        "--allow-empty")
    run("split", v1, "--period", "2026-10", "--out", tmp_path / "下发")     # issued, then the list is revised
    v2 = write_list(tmp_path / "清单（10月修订）.xlsx", new, plan_name="青溪县截污纳管方案", units=[A, B, C], settings=SETTINGS)
    v1.unlink()
    fill_issued(tmp_path / "下发", tmp_path / "收回", "2026-10", fills)
    return v2


def test_a_sheet_issued_before_a_revision_is_read_by_its_tasks_not_their_old_numbers(tmp_path):
    v2 = revised_after_split(tmp_path, V1, V2, {B: {"2": ("序时推进", 0.8, "城中村排查完成八成")}})
    run("collect", v2, tmp_path / "收回", "--period", "2026-10", "--date", "2026-10-30", "--out", tmp_path / "十月.xlsx",
        "--json", tmp_path / "r.json")
    d = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    tasks = {t["seq"]: t for t in d["tasks"]}
    # 开展城中村截污纳管排查整治 is 序号3 now: 县水利局's report is on it, not on 序号2 (县建设局's task)
    assert "城中村排查完成八成" in json.dumps(tasks["3"], ensure_ascii=False) and tasks["3"]["status"] != "未报送"
    assert "城中村排查完成八成" not in json.dumps(tasks["2"], ensure_ascii=False) and tasks["2"]["status"] == "未报送"
    assert {u["unit"]: u["state"] for u in d["units"]}[B] == "已报送"
    codes = [a["code"] for a in d["anomalies"]]
    assert "REFERENCE_EDITED" not in codes and "TASK_NOT_ASSIGNED" not in codes and "LIST_CHANGED" in codes


def test_a_close_out_approved_after_the_month_s_documents_is_said_in_the_next_bulletin(tmp_path):
    lst = write_list(tmp_path / "清单.xlsx", V1, plan_name="青溪县截污纳管方案", units=[A, B, C], settings=SETTINGS)
    fills = {A: {"1": ("已完成", 1.0, "干管改造完工验收")}, B: {"2": ("序时推进", 0.8, "排查完成八成")},
             C: {"3": ("序时推进", 0.8, "运维移交八成")}}
    for period, on in (("2026-09", "2026-09-30"), ("2026-10", "2026-10-30")):
        here = tmp_path / period
        run("split", lst, "--period", period, "--out", here / "下发")
        fill_issued(here / "下发", here / "收回", period,
                    fills if period == "2026-09" else {u: r for u, r in fills.items() if u != A})
        run("collect", lst, here / "收回", "--period", period, "--date", on, "--out", here / "汇总.xlsx")
        run("docs", lst, here / "收回", "--period", period, "--date", on, "--out", here / "文书")
        if period == "2026-09":
            # approved on 5 October, after September's documents went out; they are not made again
            out = run("close", lst, "1", "--period", "2026-09", "--by", "周敏", "--date", "2026-10-05")
            assert "已批准销号" in out

    def bulletin(period) -> str:
        [f] = (tmp_path / period / "文书").rglob("*通报*.docx")
        return "\n".join(p.text for p in Document(f).paragraphs)
    assert "批准销号" not in bulletin("2026-09")
    assert "本期批准销号1项（序号1）" in bulletin("2026-10")


def test_a_copied_folder_uses_the_archive_beside_its_list(tmp_path):
    # (named so that, with both records' last runs in the same second, the old order — rule, then last use, then the
    # folder's path — chose the live one, as the trial's did)
    live = tmp_path / "A工作" / "清单.xlsx"
    write_list(live, V1, plan_name="青溪县截污纳管方案", units=[A, B, C], settings=SETTINGS)
    (tmp_path / "空").mkdir()
    run("collect", live, tmp_path / "空", "--period", "2026-09", "--date", "2026-09-30",
        "--out", live.parent / "九月.xlsx", "--allow-empty")
    copy = tmp_path / "Z副本"
    shutil.copytree(live.parent, copy)
    (copy / "清单.xlsx").rename(copy / "清单（副本）.xlsx")       # no archive of its own name beside it
    # the live folder used again since: the machine index holds it as the most recently used record
    run("collect", live, tmp_path / "空", "--period", "2026-09", "--date", "2026-09-30",
        "--out", live.parent / "九月2.xlsx", "--allow-empty")
    out = run("collect", copy / "清单（副本）.xlsx", tmp_path / "空", "--period", "2026-10", "--date", "2026-10-30",
              "--out", copy / "十月.xlsx", "--allow-empty")
    assert f"沿用「{copy / '清单_督办档案'}」" in out, out
    assert "2026-10" not in _periods(live.parent / "清单_督办档案")


def _periods(archive: Path) -> set:
    import sqlite3
    con = sqlite3.connect(archive / "history.sqlite")
    try:
        return {p for (p,) in con.execute("SELECT DISTINCT period FROM task_status")}
    finally:
        con.close()


def test_a_trial_run_of_a_revised_list_reads_the_sheets_as_the_real_run_does(tmp_path):
    # (README: 「--no-history 是试算…所以试算的状态、催报和督办与正式汇总一样」; trial 33's trial run called the sheets
    # issued from the earlier version another plan's and stopped, where the real run took them)
    v2 = revised_after_split(tmp_path, V1, V2, {B: {"2": ("序时推进", 0.8, "城中村排查完成八成")}})
    results = {}
    for how in ("试算", "正式"):
        run("collect", v2, tmp_path / "收回", "--period", "2026-10", "--date", "2026-10-30",
            "--out", tmp_path / f"{how}.xlsx", "--json", tmp_path / f"{how}.json", *(["--no-history"] if how == "试算" else []))
        d = json.loads((tmp_path / f"{how}.json").read_text(encoding="utf-8"))
        results[how] = ({u["unit"]: u["state"] for u in d["units"]}, {t["seq"]: t["status"] for t in d["tasks"]})
    assert results["试算"] == results["正式"] and results["试算"][0][B] == "已报送"


def test_history_of_a_split_task_says_its_old_rows_are_the_task_before_the_split(tmp_path):
    v1 = write_list(tmp_path / "清单.xlsx", {**V1, "2": ("开展城中村截污纳管排查，完成排查发现问题的整改", "2026年12月底", B)},
                    plan_name="青溪县截污纳管方案", units=[A, B, C], settings=SETTINGS)
    run("split", v1, "--period", "2026-09", "--out", tmp_path / "下发")
    fill_issued(tmp_path / "下发", tmp_path / "收回", "2026-09", {B: {"2": ("序时推进", 0.8, "排查完成八成")}})
    run("collect", v1, tmp_path / "收回", "--period", "2026-09", "--date", "2026-09-30", "--out", tmp_path / "九月.xlsx")
    # task 2 split into 2 (the survey) and 3 (the fixes); 3 moves to 4
    v2 = write_list(tmp_path / "清单（10月修订）.xlsx",
                    {"1": V1["1"], "2": ("开展城中村截污纳管排查", "2026年12月底", B),
                     "3": ("完成城中村截污纳管排查发现问题的整改", "2026年12月底", B), "4": V1["3"]},
                    plan_name="青溪县截污纳管方案", units=[A, B, C], settings=SETTINGS)
    v1.unlink()
    (tmp_path / "十月").mkdir()
    out = run("collect", v2, tmp_path / "十月", "--period", "2026-10", "--date", "2026-10-30",
              "--out", tmp_path / "十月.xlsx", "--allow-empty")
    assert "拆分1项" in out, out
    said = run("history", v2, "--task", "3")
    rows = [x for x in said.splitlines() if "2026年9月" in x]
    assert rows and all("原序号2（这项任务拆分或合并前的任务）" in x for x in rows), said


def test_history_names_a_month_s_sheet_that_came_with_a_later_month(tmp_path):
    lst = write_list(tmp_path / "清单.xlsx", V1, plan_name="青溪县截污纳管方案", units=[A, B, C], settings=SETTINGS)
    for period, on in (("2026-10", "2026-10-30"), ("2026-11", "2026-11-30")):
        here = tmp_path / period
        run("split", lst, "--period", period, "--out", here / "下发")
        fills = {A: {"1": ("序时推进", 0.8, "施工中")}}
        fill_issued(here / "下发", here / "收回", period, fills)
    # 县水利局 sends nothing in October; its October sheet arrives with November's files
    fill_issued(tmp_path / "2026-10" / "下发", tmp_path / "2026-11" / "收回", "2026-10", {B: {"2": ("序时推进", 0.5, "排查中")}})
    for period, on in (("2026-10", "2026-10-30"), ("2026-11", "2026-11-30")):
        here = tmp_path / period
        run("collect", lst, here / "收回", "--period", period, "--date", on, "--out", here / "汇总.xlsx")
    said = run("history", lst, "--unit", B, "--period", "2026-10")
    assert "它的2026年10月报送表后来在2026年11月的文件里" in said and "没有计入2026年10月" in said, said


def test_a_stale_sheet_s_row_of_a_split_task_goes_to_the_unit_s_part(tmp_path):
    # (trial 36: 鹤溪街道's row of old task 5, split into 5 and 6 after the sheet went out, was 「not its task」 and
    # 鹤溪街道 was asked to 补报 6, its part of 5)
    old = {"1": ("完成城区截污干管改造8公里", "2026年12月底", A),
           "2": ("推进城区雨污分流改造，修复老旧破损污水管网", "2026年12月底", A, B)}
    new = {"1": old["1"], "2": ("推进城区雨污分流改造", "2026年12月底", A),
           "3": ("修复城区老旧破损污水管网5公里", "2026年12月底", C, B)}
    v2 = revised_after_split(tmp_path, old, new, {B: {"2": ("序时推进", 0.7, "配合完成管网修复七成")}})
    run("collect", v2, tmp_path / "收回", "--period", "2026-10", "--date", "2026-10-30", "--out", tmp_path / "十月.xlsx",
        "--json", tmp_path / "r.json")
    d = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    codes = [a["code"] for a in d["anomalies"]]
    assert "TASK_NOT_ASSIGNED" not in codes and "TASK_MISSING_IN_RETURN" not in codes, d["anomalies"]
    assert "配合完成管网修复七成" in json.dumps({t["seq"]: t for t in d["tasks"]}["3"], ensure_ascii=False)


def test_check_does_not_offer_a_close_out_that_lacks_its_evidence(tmp_path):
    # (trial 36: a task reported 已完成 without 佐证 was 「待销号」 in check, 「核对佐证材料后办理销号」, which close refuses)
    rows = {"1": ("完成城区截污干管改造8公里", "2026年9月20日前", A), "2": V1["2"]}
    lst = write_list(tmp_path / "清单.xlsx", rows, plan_name="青溪县截污纳管方案", units=[A, B, C], settings=SETTINGS)
    run("split", lst, "--period", "2026-09", "--out", tmp_path / "下发")
    [sheet] = (tmp_path / "下发").glob(f"*{A}*.xlsx")
    fill_return(sheet, tmp_path / "收回" / f"{A}.xlsx", A, report_date=dt.date(2026, 9, 21),
                values=lambda i, seq, unit: {"完成状态": "已完成", "完成比例": 1, "进展情况": "已完工"} if seq == "1" else {})
    run("collect", lst, tmp_path / "收回", "--period", "2026-09", "--date", "2026-09-30", "--out", tmp_path / "九月.xlsx")
    out = run("check", lst, "--date", "2026-10-01")
    assert "2026年9月报了已完成，但缺少佐证材料，不能批准销号" in out and "已报完成但缺佐证1项" in out, out
    assert "待销号" not in out, out
