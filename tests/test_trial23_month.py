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
