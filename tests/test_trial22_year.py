"""Trial 22 (session 25): a year's end (September to December) run by a new user against hand-computed truth.  Every
judgement was right; these are what its documents said wrong."""
from __future__ import annotations

from returns_factory import fill_issued, write_rule_list
from test_bulletin_wording import run

LEAD, OTHER = "县水利局", "县住建局"


def test_documents_dated_before_a_decision_they_print_say_so(tmp_path, monkeypatch):
    """September's 通报, dated 30 September, printed 「于2020年10月9日经审核批准销号」 with no word to the clerk; the
    documents now say that they print a decision made after their date."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["完成河道清淤", "2020年9月底前", LEAD, "", ""],
                                                 "2": ["完成管网改造", "2020年12月底前", OTHER, "", ""]},
                          [LEAD, OTHER], settings=[("汇总单位", "县河长制办公室")])
    run("split", lst, "--period", "2020-09", "--out", tmp_path / "下发", "--date", "2020-09-01")
    fill_issued(tmp_path / "下发", tmp_path / "收回", "2020-09", {LEAD: {"1": ("已完成", 1, "清淤完成")},
                                                                         OTHER: {"2": ("序时推进", 0.8, "改造过半")}})
    month = [lst, tmp_path / "收回", "--period", "2020-09", "--date", "2020-09-30"]
    run("collect", *month, "--out", tmp_path / "汇总.xlsx")
    out = run("docs", *month, "--out", tmp_path / "文书0")
    assert "以后的" not in out                                    # (nothing decided yet)
    run("close", lst, "1", "--period", "2020-09", "--by", "郑强", "--date", "2020-10-09")
    out = run("docs", *month, "--out", tmp_path / "文书")
    assert "注意：文书写进了报告日期（2020年9月30日）以后的1项办理（最晚2020年10月9日）" in out, out
    out = run("docs", *month[:-1], "2020-10-09", "--out", tmp_path / "文书2")
    assert "以后的" not in out                                    # dated on the decision's day: nothing to say
