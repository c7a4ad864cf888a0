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
