"""Trial 23 (session 25): a county 河长办 clerk with her own list and her units' real returns.  Every judgement was
right; what follows is what a unit typed and the clerk could not see, and one fact said two ways."""
from __future__ import annotations

import json

import openpyxl
from docx import Document

from returns_factory import fill_issued, write_rule_list
from test_bulletin_wording import run

LEAD, HELPER = "县公安局", "县水利局"


def test_the_pressed_reason_is_one_fact_in_the_letter_the_sheet_and_the_json(tmp_path, monkeypatch):
    """Task 1 is past due; its lead sent nothing, its co-unit reported 「已完成」.  The 督办通知 said so
    (「…本期未报送（县水利局报「已完成」、完成100%）」); the 汇总's 督办 sheet and the JSON gave only 「…本期未报送」, so a
    clerk working from the sheet did not see the task may be done.  The three now give one reason (Month.pressed_reason)."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["开展河道非法采砂专项整治", "2026年10月底前", LEAD, "", HELPER],
                                                 "2": ["完成水库除险加固", "2027年6月底前", HELPER, "", ""]},
                          [LEAD, HELPER], settings=[("汇总单位", "县河长制办公室")])
    run("split", lst, "--period", "2026-11", "--out", tmp_path / "下发", "--date", "2026-11-01")
    fill_issued(tmp_path / "下发", tmp_path / "收回", "2026-11", {HELPER: {"1": ("已完成", 1, "配合完成整治"),
                                                                         "2": ("序时推进", 0.5, "主体工程施工")}})
    month = [lst, tmp_path / "收回", "--period", "2026-11", "--date", "2026-11-30"]
    run("collect", *month, "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json", code=0)
    run("docs", *month, "--out", tmp_path / "文书", code=0)
    said = f"本期未报送（{HELPER}报「已完成」、完成100%）"
    [p] = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["pressed"][LEAD]
    assert said in p["reason"]
    rows = list(openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)["督办"].iter_rows(values_only=True))
    head = next(r for r in rows if r and r[0] == "单位")
    [row] = [r for r in rows[rows.index(head) + 1:] if r and r[0] == LEAD]
    assert row[head.index("督办原因")] == p["reason"]
    [letter] = (tmp_path / "文书" / "督办通知").glob(f"*{LEAD}*.docx")
    cells = [c.text for t in Document(letter).tables for r in t.rows for c in r.cells]
    assert any(p["reason"] in c for c in cells), cells


def test_a_status_in_the_units_own_words_stays_visible_beside_the_option_it_is_read_as(tmp_path, monkeypatch):
    """A unit typed 「正在推进」 (read as 序时推进, like 推进中); the 汇总, the reasons and `history` showed only
    「序时推进」, quoted as if the unit had written it, its own words being in the JSON only."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["完成城区雨污分流改造", "2026年11月底前", LEAD, "", ""],
                                                 "2": ["完成水库除险加固", "2027年6月底前", HELPER, "", ""]},
                          [LEAD, HELPER], settings=[("汇总单位", "县河长制办公室")])
    run("split", lst, "--period", "2026-11", "--out", tmp_path / "下发", "--date", "2026-11-01")
    fill_issued(tmp_path / "下发", tmp_path / "收回", "2026-11", {LEAD: {"1": ("正在推进", 0.6, "完成管网改造六成")},
                                                                         HELPER: {"2": ("序时推进", 0.5, "主体工程施工")}})
    run("collect", lst, tmp_path / "收回", "--period", "2026-11", "--date", "2026-12-01",
        "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json")
    rows = list(openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)["汇总"].iter_rows(values_only=True))
    head = rows[0]
    cells = {r[0]: r for r in rows[1:] if r and r[0]}
    assert cells["1"][head.index("牵头（负责）单位报送")].startswith(f"{LEAD}：序时推进（原文「正在推进」），60%")
    assert cells["2"][head.index("牵头（负责）单位报送")].startswith(f"{HELPER}：序时推进，50%")   # the option itself
    t1 = next(t for t in json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["tasks"] if t["seq"] == "1")
    assert t1["status"] == "逾期" and f"{LEAD}报「正在推进」（按序时推进）、完成60%" in t1["reason"]
    out = run("history", lst, "--unit", LEAD, "--task", "1")
    assert "完成状态：序时推进（原文「正在推进」）" in out
