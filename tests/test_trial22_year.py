"""Trial 22 (session 25): a year's end (September to December) run by a new user against hand-computed truth.  Every
judgement was right; these are what its documents said wrong."""
from __future__ import annotations

from returns_factory import fill_issued, issued_month, write_rule_list
from test_bulletin_wording import run

LEAD, OTHER = "县水利局", "县住建局"
OFFICE = [("汇总单位", "县河长制办公室")]


def test_documents_dated_before_a_decision_they_print_say_so(tmp_path, monkeypatch):
    """September's 通报, dated 30 September, printed 「于2020年10月9日经审核批准销号」 with no word to the clerk; the
    documents now say that they print a decision made after their date."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年9月底前", LEAD, "", ""],
                                  "2": ["完成管网改造", "2020年12月底前", OTHER, "", ""]}, [LEAD, OTHER], "2020-09",
                       {LEAD: {"1": ("已完成", 1, "清淤完成")}, OTHER: {"2": ("序时推进", 0.8, "改造过半")}}, settings=OFFICE)
    month = [lst, tmp_path / "收回", "--period", "2020-09", "--date", "2020-09-30"]
    run("collect", *month, "--out", tmp_path / "汇总.xlsx")
    out = run("docs", *month, "--out", tmp_path / "文书0")
    assert "以后的" not in out                                    # (nothing decided yet)
    run("close", lst, "1", "--period", "2020-09", "--by", "郑强", "--date", "2020-10-09")
    out = run("docs", *month, "--out", tmp_path / "文书")
    assert "注意：文书写进了报告日期（2020年9月30日）以后的1项办理（最晚2020年10月9日）" in out, out
    out = run("docs", *month[:-1], "2020-10-09", "--out", tmp_path / "文书2")
    assert "以后的" not in out                                    # dated on the decision's day: nothing to say


def test_an_overdue_task_whose_unit_sent_a_blank_sheet_says_so(tmp_path):
    """October's 通报 printed 序号10 「逾期（未报送）」 while the same 通报, the 催报 and the 督办通知 said its unit
    「报来的是空表」: the status beside it now says 空表 (未报送 stays for a unit that sent nothing)."""
    import datetime as dt
    import shutil
    from zhishui.month import run_month
    from zhishui.split import split_returns
    from zhishui.tasks import load_list
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["完成河道清淤", "2020年9月底前", LEAD, "", ""],
                                                 "2": ["完成管网改造", "2020年9月底前", OTHER, "", ""],
                                                 "3": ["完成水库除险加固", "2021年6月底前", "县应急局", "", ""]},
                          [LEAD, OTHER, "县应急局"])
    tl = load_list(lst)
    issued = {f.unit: f.path for f in split_returns(tl, dt.date(2020, 10, 1), tmp_path / "下发")}
    inbox = tmp_path / "收回"
    inbox.mkdir()
    shutil.copy(issued[LEAD], inbox / f"{LEAD}.xlsx")            # sent back as issued: a blank sheet
    fill_issued(tmp_path / "下发", inbox, "2020-10", {"县应急局": {"3": ("序时推进", 0.5, "施工")}})   # OTHER: nothing
    m = run_month(tl, [inbox], dt.date(2020, 10, 1), dt.date(2020, 10, 31), use_history=False, allow_empty=True)
    by = {ts.task.seq: ts for ts in m.statuses}
    assert [u.state for u in m.units if u.unit == LEAD] == ["空表"]
    assert (by["1"].status_text, by["2"].status_text) == ("逾期（空表）", "逾期（未报送）")


def test_check_does_not_ask_to_confirm_a_task_reported_done_and_waiting_for_its_close_out(tmp_path, monkeypatch):
    """`check` warned 「完成时限已过…确认任务是否已完成」 of two tasks every unit had reported done (待销号) the month
    before, though it had read the history; it now says they wait for their 销号.  A task past due and not reported
    done is still a warning (the control)."""
    import json
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2020年9月底前", LEAD, "", ""],
                                  "2": ["完成管网改造", "2020年9月底前", OTHER, "", ""]}, [LEAD, OTHER], "2020-09",
                       {LEAD: {"1": ("已完成", 1, "清淤完成")}, OTHER: {"2": ("序时推进", 0.8, "改造过半")}}, settings=OFFICE)
    run("collect", lst, tmp_path / "收回", "--period", "2020-09", "--date", "2020-09-30", "--out", tmp_path / "汇总.xlsx")
    out = json.loads(run("check", lst, "--date", "2020-10-10", "--json"))
    past = {f["task"]: (f["severity"], f["message"]) for f in out["findings"] if f["code"] == "DEADLINE_PAST"}
    assert past["1"] == ("提示", "完成时限2020年9月30日已过；2020年9月各单位已报完成，待销号")
    assert past["2"][0] == "警告" and "确认" not in past["2"][1]
    assert out["settled"]["1"] == {"kind": "待销号", "new_due": None, "period": "2020-09"}
    assert "已报完成待销号1项" in run("check", lst, "--date", "2020-10-10")


def test_the_return_sheet_shows_a_listed_target_once(tmp_path):
    """The list's 目标值 column was on the return sheet twice: the sheet's own 目标值 「≥95%」 and 「参考：目标值 95%」.
    It is shown once; its 基期值 stays as 参考; a figure the sheet cannot read as a target stays as 参考 too."""
    import datetime as dt
    import openpyxl
    from zhishui.split import split_returns
    from zhishui.tasks import load_list
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "目标值", "基期值"])
    ws.append([1, "全区城市污水处理率达到95%", "2020年12月底", LEAD, "95%", "88%"])
    ws.append([2, "完成管网改造", "2020年12月底", LEAD, "", ""])
    wb.save(tmp_path / "清单.xlsx")
    [sheet] = split_returns(load_list(tmp_path / "清单.xlsx"), dt.date(2020, 11, 1), tmp_path / "下发")
    head = [c.value for c in openpyxl.load_workbook(sheet.path)["报送表"][4]]
    assert head.count("目标值") == 1 and "参考：目标值" not in head and "参考：基期值" in head, head
    ws.cell(3, 5, "逐步提高")                     # a figure no target reads: the sheet's own column is empty for it
    wb.save(tmp_path / "清单2.xlsx")
    [sheet] = split_returns(load_list(tmp_path / "清单2.xlsx"), dt.date(2020, 11, 1), tmp_path / "下发2")
    assert "参考：目标值" in [c.value for c in openpyxl.load_workbook(sheet.path)["报送表"][4]]
