"""Trial 31 (session 26): the month run by a scheduled job every night, each night into a folder of its own."""
from __future__ import annotations

from returns_factory import issued_month
from test_bulletin_wording import run

A, B = "县水利局", "县住建局"


def test_a_nightly_run_is_told_of_the_latest_earlier_night_not_of_every_one(tmp_path, monkeypatch):
    # night after night the terminal text grew by the earlier nights' 「注意：…不一致」 paragraphs, one per night and kind
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年10月28日前", A, "", ""],
                                  "2": ["完成管网改造", "2020年12月底前", B, "", ""]}, [A, B], "2020-10",
                       {A: {"1": ("序时推进", 0.5, "清淤过半")}, B: {"2": ("序时推进", 0.5, "改造过半")}},
                       settings=[("汇总单位", "县治水办")])
    outs = []
    for day in (26, 27, 28, 29, 30):
        outs.append(run("docs", lst, tmp_path / "收回", "--period", "2020-10", "--date", f"2020-10-{day}",
                        "--out", tmp_path / f"文书{day}"))
    last = outs[-1]
    assert last.count("注意：本期另一份文书") == 1, last          # the night before, with its command
    assert "另有3份本期更早写出的汇总结果或文书也与这次不一致" in last, last


def test_on_the_deadline_day_the_summary_says_today_not_not_yet(tmp_path, monkeypatch):
    # 「报送截止：11月25日（还没到，没有单位逾期）」 on the 25th itself
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年12月底前", A, "", ""]}, [A, B], "2020-10",
                       {A: {"1": ("序时推进", 0.5, "清淤过半")}}, settings=[("汇总单位", "县治水办")])
    said = run("collect", lst, tmp_path / "收回", "--period", "2020-10", "--date", "2020-10-25", "--due", "2020-10-25",
               "--out", tmp_path / "汇总.xlsx")
    assert "报送截止：10月25日（就是今天：今天收到的都算按时，没有单位逾期）" in said, said
    said = run("collect", lst, tmp_path / "收回", "--period", "2020-10", "--date", "2020-10-24", "--due", "2020-10-25",
               "--out", tmp_path / "汇总2.xlsx", "--no-history")
    assert "（还没到，没有单位逾期）" in said


def test_an_older_file_replaced_by_an_agreeing_one_is_not_named(tmp_path, monkeypatch):
    # trial 32: each night's docs named the night before's 汇总 beside that night's own, agreeing 汇总
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年10月28日前", A, "", ""]}, [A, B], "2020-10",
                       {A: {"1": ("序时推进", 0.5, "清淤过半")}}, settings=[("汇总单位", "县治水办")])
    for day in (27, 28):
        month = [lst, tmp_path / "收回", "--period", "2020-10", "--date", f"2020-10-{day}"]
        run("collect", *month, "--out", tmp_path / f"{day}" / "汇总.xlsx")
        said = run("docs", *month, "--out", tmp_path / f"{day}" / "文书")
    assert "汇总结果" not in said, said                  # the 28th's own 汇总 agrees; the 27th's is not named
    assert said.count("注意：本期另一份文书") == 1          # the 27th's documents, once
