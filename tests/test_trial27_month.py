"""Trial 27 (session 26): the first month run from an imported plan, against hand-computed truth.  Every judgement
matched; what its documents said wrong."""
from __future__ import annotations

import pytest
from docx import Document

from returns_factory import issued_month
from test_bulletin_wording import run

A, B = "县水利局", "县住建局"


@pytest.mark.parametrize("channel, said", [
    ("电子邮件报送至县治水办", "通过电子邮件报送至县治水办。"),      # a whole clause, as a clerk writes it
    ("政务邮箱", "通过政务邮箱报送。"),                             # the way only
])
def test_the_way_to_report_is_said_once_as_the_clerk_wrote_it(tmp_path, monkeypatch, channel, said):
    # 「请于…前通过电子邮件报送至县治水办报送」 in the 催报通知 and the 催报消息
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年12月底前", A, "", ""],
                                  "2": ["完成管网改造", "2020年12月底前", B, "", ""]}, [A, B], "2020-10",
                       {A: {"1": ("序时推进", 0.5, "清淤过半")}},
                       settings=[("汇总单位", "县治水办"), ("报送方式", channel)])
    run("docs", lst, tmp_path / "收回", "--period", "2020-10", "--date", "2020-10-31", "--out", tmp_path / "文书")
    letter = "".join(p.text for p in Document(next((tmp_path / "文书" / "催报通知").glob("*.docx"))).paragraphs)
    message = (tmp_path / "文书" / "催报通知" / "催报消息.txt").read_text("utf-8")
    for text in (letter, message):
        assert said in text, text
        assert "报送至县治水办报送" not in text


def test_a_node_due_next_month_is_in_due_next_month(tmp_path, monkeypatch):
    # 「2026年底开工建设，2027年底前建成投运」: December's 开工 was in no 11月通报's 「下月到期任务」
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["建设城东污水处理厂二期工程", "2020年11月底开工建设，2021年12月底前建成投运", A, "", ""],
                                  "2": ["完成管网改造", "2021年12月底前", B, "", ""]}, [A, B], "2020-10",
                       {A: {"1": ("序时推进", 0.1, "完成立项")}, B: {"2": ("序时推进", 0.2, "设计中")}},
                       settings=[("汇总单位", "县治水办")])
    run("docs", lst, tmp_path / "收回", "--period", "2020-10", "--date", "2020-10-31", "--out", tmp_path / "文书")
    doc = Document(next((tmp_path / "文书" / "进展通报").glob("*.docx")))
    rows = [[c.text.replace("\u200b", "") for c in r.cells] for t in doc.tables for r in t.rows]
    due = [r for r in rows if r[0] == "1" and "建设城东污水处理厂" in r[1] and len(r) == 4]
    assert due and due[0][3] == "2020年11月底开工建设，2021年12月底前建成投运（11月到期的是「2020年11月底开工建设」）", due
    assert not [r for r in rows if r[0] == "2" and len(r) == 4 and r[3] == "2021年12月底前"]    # (not due next month)
