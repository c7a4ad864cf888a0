"""Trial 28 (session 26): the 督办通知's title named 「卫星湖流域水污染第8项任务」 — the plan's name cut before 整改方案, a
task of the pollution.  What is left of a name without its 方案 must name a work; otherwise the name stays whole."""
from __future__ import annotations

import pytest
from docx import Document

from returns_factory import issued_month
from test_bulletin_wording import run

A = "区水利局"


@pytest.mark.parametrize("plan, matter", [
    ("卫星湖流域水污染整改方案", "卫星湖流域水污染整改第1项"),
    ("河道整治工作方案", "河道整治第1项"),
    ("水污染防治攻坚行动方案", "水污染防治攻坚第1项"),
    ("卫星湖流域综合方案", "卫星湖流域综合方案第1项"),          # nothing left that names a work: whole
])
def test_the_supervision_title_names_a_work_of_the_plan(tmp_path, monkeypatch, plan, matter):
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年9月底前", A, "", ""]}, [A], "2020-10",
                       {A: {"1": ("序时推进", 0.6, "清淤过半")}}, settings=[("汇总单位", "区河长办"), ("方案名称", plan)])
    run("docs", lst, tmp_path / "收回", "--period", "2020-10", "--date", "2020-10-31", "--out", tmp_path / "文书")
    paras = [p.text for p in Document(next((tmp_path / "文书" / "督办通知").glob("*.docx"))).paragraphs]
    title = next(t for t in paras if t.startswith("关于"))
    assert title.replace("\n", "") == f"关于加快推进{matter}任务的督办通知"
