"""Three months of one plan with the list revised before the third, as the session-17 new-user trial ran them
(October, November, December), with the README's own commands.

What the trial found wrong, each checked here against what the README's rules say, written out in this file:
- two near-identical tasks left as they were (查找双石污水处理厂… / 查找石庙污水处理站…) were reported 「合并」 and one
  「新增」 (README 「清单改了以后」 row 2: same 序号, similar text is 相同); the task lost its 上期状态;
- December's 通报 rewrote November's published 完成率 (the previous totals are last period's own);
- a task the revision added was judged against the plan's date (its 序时进度 starts in its first period);
- a unit renamed in the 单位名录 (old name kept as 别名) was ranked twice in the year and its history split;
- a unit silent two months running was never said to be so;
- `close` refused a 长期坚持 task with a false reason and did not say the other task was not closed either;
- `check` asked about the deadline of a task closed out;
- the year summary listed 长期坚持 tasks as unfinished.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from plan_lists import write_list
from returns_factory import fill_issued, fill_return
from zhishui.cli import cli

D = dt.date
A, B_OLD, B_NEW, C, W = "区住房城乡建委", "区新城建管委", "区新城管委", "区金融办", "区水利局"
PLAN_DATE = D(2020, 9, 1)
# seq -> (task, deadline, lead)
V1 = {
    "1": ("完成城区截污干管改造", "2020年11月20日前", A),
    "2": ("查找生活污水长期排入杨家河暗渠的原因，完成整改", "2021年3月底", B_OLD),
    "3": ("查找双石污水处理厂污水溢流原因,制定整改措施,解决污水溢流问题。", "2021年6月底", W),
    "4": ("查找石庙污水处理站经常污水溢流原因,制定整改措施,解决污水溢流问题。", "2021年6月底", W),
    "5": ("开展城区排水管网日常巡查", "长期坚持", A),
    "6": ("引导社会资本参与水环境治理", "2021年6月底", C),
}
V2 = {**V1, "2": (V1["2"][0], V1["2"][1], B_NEW), "7": ("开展全区入河排污口排查整治", "2021年3月底", A)}
# period -> (report date, {unit: {seq: (state, 完成比例, 进展情况)}}); 区金融办 sends nothing in October and November
MONTHS = {
    "2020-10": (D(2020, 10, 31), {
        A: {"1": ("序时推进", 0.8, "干管施工过八成"), "5": ("已完成", None, "巡查制度已建立并落实")},
        B_OLD: {"2": ("序时推进", 0.3, "暗渠排查中")},
        W: {"3": ("序时推进", 0.2, "溢流原因排查中"), "4": ("序时推进", 0.2, "溢流原因排查中")}}),
    "2020-11": (D(2020, 11, 30), {
        A: {"1": ("已完成", 1.0, "干管改造完工验收"), "5": ("已完成", None, "巡查制度已建立并落实")},
        B_OLD: {"2": ("序时推进", 0.5, "暗渠排查完成，整改施工中")},
        W: {"3": ("序时推进", 0.4, "已制定整改措施"), "4": ("序时推进", 0.4, "已制定整改措施")}}),
    "2020-12": (D(2020, 12, 31), {
        A: {"5": ("已完成", None, "巡查制度已建立并落实"), "7": ("序时推进", 0.3, "排查已启动")},
        B_NEW: {"2": ("序时推进", 0.7, "整改施工过半")},
        W: {"3": ("序时推进", 0.6, "整改施工中"), "4": ("序时推进", 0.6, "整改施工中")},
        C: {"6": ("序时推进", 0.5, "政策文件起草中")}}),
}
PERIODS = list(MONTHS)


def _list(path: Path, rows: dict, renamed: bool) -> Path:
    units = [A, B_NEW if renamed else B_OLD, C, W]
    write_list(path, rows, plan_name="永川区水污染防治整改方案", doc_date=PLAN_DATE, units=units)
    if renamed:      # the old name kept as an alias of the unit, as the README says to rename a unit
        wb = openpyxl.load_workbook(path)
        ws = wb["单位名录"]
        ws.cell(1, 3, "简称/别名")
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, 1).value == B_NEW:
                ws.cell(r, 3, B_OLD)
        wb.save(path)
    return path


def run(*args, code=(0,)) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code in code, r.output
    return r.output


def _month(root: Path, lst: Path, period: str) -> dict:
    on, fills = MONTHS[period]
    here = root / period
    run("split", lst, "--period", period, "--out", here / "下发")
    fill_issued(here / "下发", here / "收到", period, fills)
    out = run("collect", lst, here / "收到", "--period", period, "--date", on.isoformat(), "--out", here / "汇总.xlsx",
              "--json", here / "r.json", code=(0, 1))
    docs = run("docs", lst, here / "收到", "--period", period, "--date", on.isoformat(), "--out", here / "文书",
               code=(0, 1))
    return {"json": json.loads((here / "r.json").read_text(encoding="utf-8")), "collect": out, "docs": docs,
            "xlsx": here / "汇总.xlsx", "docs_dir": here / "文书"}


@pytest.fixture(scope="module")
def months(tmp_path_factory):
    root = tmp_path_factory.mktemp("修订")
    lst = _list(root / "整改任务清单.xlsx", V1, renamed=False)
    out = {p: _month(root, lst, p) for p in PERIODS[:2]}
    # 11月 close-out of task 1 (a one-off reported 已完成 with its evidence), before the list is revised
    out["close1"] = run("close", lst, "1", "--period", "2020-11")
    lst2 = _list(root / "整改任务清单（12月修订）.xlsx", V2, renamed=True)
    lst.unlink()
    out["2020-12"] = _month(root, lst2, "2020-12")
    out["lists"] = (lst, lst2)
    out["root"] = root
    return out


def _docx_text(folder: Path, word: str) -> str:
    f = next(p for p in folder.rglob("*.docx") if word in p.name)
    d = Document(f)
    return "\n".join(p.text for p in d.paragraphs) + "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)


def test_unchanged_near_identical_tasks_are_the_same_tasks(months):
    dec = months["2020-12"]["json"]
    kinds = sorted((c["kind"], tuple(c["old"]), tuple(c["new"])) for c in dec["list_changes"] if c["kind"] != "相同")
    # README 「清单改了以后」: task 7 is new (row 5); 3 and 4 are each the same; task 2's unit was renamed in the 名录
    # with its old name as 别名, the same unit: no 修改 (the second session-17 trial)
    assert [k for k, _o, _n in kinds] == ["新增"], kinds
    prev = {t["seq"]: t["previous_status"] for t in dec["tasks"]}
    nov = {t["seq"]: t["status"] for t in months["2020-11"]["json"]["tasks"]}
    assert prev["3"] == nov["3"] and prev["4"] == nov["4"] == "序时推进"


def test_last_month_s_figures_are_the_ones_it_published(months):
    nov, dec = months["2020-11"]["json"], months["2020-12"]["json"]
    assert dec["previous"]["totals"]["完成率"] == nov["totals"]["完成率"]
    assert dec["previous"]["totals"]["任务总数"] == nov["totals"]["任务总数"] == 6
    assert f"上期（2020-11）完成率 {nov['totals']['完成率']:.1%}" in months["2020-12"]["collect"]


def test_a_task_the_revision_added_starts_its_clock_in_its_first_month(months):
    t = next(t for t in months["2020-12"]["json"]["tasks"] if t["seq"] == "7")
    # 序时进度 from 2020-12-01 to 2021-03-31 on 2020-12-31: 30/120 = 25%; reported 30%: on schedule
    # (from the plan's date 2020-09-01 it would be 121/211 = 57%, and 30% behind by more than 10 points)
    assert t["status"] == "序时推进" and abs(t["expected_progress"] - 30 / 120) < 0.01


def test_a_renamed_unit_is_one_unit_over_the_year(months):
    lst2 = months["lists"][1]
    out = months["root"] / "年度"
    run("docs", lst2, "--year", "2020", "--out", out)
    wb = openpyxl.load_workbook(next(out.glob("*考核结果.xlsx")), read_only=True)
    names = [str(v) for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for v in r if v]
    assert B_NEW in names and B_OLD not in names
    text = _docx_text(out, "考核结果")
    assert B_NEW in text and B_OLD not in text
    said = run("history", lst2, "--unit", B_NEW, "--task", "2")
    assert "2020年10月" in said and "2020年12月" in said
    # its rows from before the rename under today's name, the name it reported under said (it printed the old one)
    assert f"{B_NEW}（报送时名为{B_OLD}）　2020年10月" in said and f"{B_NEW}　2020年12月" in said, said


def test_a_unit_silent_months_running_is_said_so(months):
    nov = months["2020-11"]
    assert f"{C}（连续2个月）" in nov["collect"]
    chat = (nov["docs_dir"] / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    assert "你单位已连续2个月（自2020年10月起）未报送" in chat
    assert f"{C}已连续2个月未报送" in _docx_text(nov["docs_dir"], "催报")
    assert f"{C}（已连续2个月未报送）" in _docx_text(nov["docs_dir"], "通报")
    oct_ = months["2020-10"]
    assert "连续" not in oct_["collect"].split("未报送单位：", 1)[-1].split("\n", 1)[0]


def test_close_says_why_and_what_was_not_done(months):
    lst2 = months["lists"][1]
    assert "已批准销号" in months["close1"]
    r = CliRunner().invoke(cli, ["close", str(lst2), "5", "--period", "2020-12"])
    assert r.exit_code == 2 and "长期坚持的任务" in r.output and "没有销号" in r.output
    r = CliRunner().invoke(cli, ["close", str(lst2), "1", "5", "--period", "2020-11"])
    assert r.exit_code == 2 and "序号1已经销号" in r.output and "序号5" in r.output and "长期坚持" in r.output


def test_check_does_not_ask_about_a_task_closed_out(months):
    lst2 = months["lists"][1]
    r = CliRunner().invoke(cli, ["check", str(lst2), "--date", "2020-12-01", "--json"])
    j = json.loads(r.output)
    assert j["settled"]["1"]["kind"] == "销号"
    assert not [f for f in j["findings"] if f["code"] == "DEADLINE_PAST" and f["task"] == "1"]


def test_the_year_does_not_call_kept_up_tasks_unfinished(months):
    out = months["root"] / "年度"
    if not out.exists():
        run("docs", months["lists"][1], "--year", "2020", "--out", out)
    text = _docx_text(out, "工作总结")
    # task 5 is 长期坚持 kept up every month: not among the unfinished; 2, 3, 4, 6, 7 are open one-off tasks
    assert "截至年底尚未完成的任务5项" in text and "另有长期坚持的任务1项" in text


def test_docs_do_not_say_nothing_is_behind_when_only_the_office_s_own_task_is(tmp_path):
    # the trial's December: 「没有逾期或滞后的任务，不需要督办」 beside a 通报 listing the 汇总单位's own lagging task
    lst = write_list(tmp_path / "清单.xlsx", {"1": ("开展全区入河排污口排查整治", "2021年3月底", A),
                                             "2": ("查找双石污水处理厂污水溢流原因", "2021年6月底", W)},
                     plan_name="永川区水污染防治整改方案", doc_date=PLAN_DATE, units=[A, W], settings={"汇总单位": A})
    run("split", lst, "--period", "2020-12", "--out", tmp_path / "下发")
    for f in (tmp_path / "下发").glob("*.xlsx"):
        unit = f.stem.split("_")[1]
        state = ("进度滞后", 0.2, "排查刚启动") if unit == A else ("序时推进", 0.6, "整改施工中")
        fill_return(f, tmp_path / "收到" / f.name, unit, values=lambda i, seq, u, s=state: {
            "完成状态": s[0], "完成比例": s[1], "进展情况": s[2]}, report_date=D(2020, 12, 20), mtime=None)
    said = run("docs", lst, tmp_path / "收到", "--period", "2020-12", "--date", "2020-12-31", "--out", tmp_path / "文书",
               code=(0, 1))
    assert "没有逾期或滞后的任务" not in said
    assert f"都是汇总单位「{A}」自己的" in said and "序号1" in said


def test_a_rank_moved_only_by_others_is_not_an_arrow():
    # 区金融办 at 0 in October and November went from 46th to 44th: 「↑2」 read as its own progress
    from zhishui.ranking import UnitScore
    u = UnitScore(C, "未报送", {"未报送": 1}, 0.0, previous_rank=46)
    u.rank, u.previous_score = 44, 0.0
    assert u.rank_change == "得分未变"
    u.previous_score = 20.0
    u.score, u.rank = 30.0, 44
    assert u.rank_change == "↑2"


def test_a_stage_reported_done_once_stays_done(tmp_path):
    # README 「任务状态怎么定」: 「X完成,并长期坚持」 — 本期或以前报过「已完成」之后按长期坚持算.  The second session-17 trial: a
    # task whose stage was reported 已完成 went back to 逾期 two months later, once its unit reported a 完成比例 again
    lst = write_list(tmp_path / "清单.xlsx", {"1": ("建成城南污水处理厂并长期稳定运行", "2020年10月底完成,并长期坚持", A)},
                     plan_name="永川区水污染防治整改方案", doc_date=PLAN_DATE, units=[A])
    fills = {"2020-10": ("已完成", 1.0, "城南污水处理厂建成通水"), "2020-11": ("序时推进", 0.6, "稳定运行，提标改造六成"),
             "2020-12": ("序时推进", 0.7, "稳定运行，提标改造七成")}
    got = {}
    for period, row in fills.items():
        here = tmp_path / period
        run("split", lst, "--period", period, "--out", here / "下发")
        fill_issued(here / "下发", here / "收到", period, {A: {"1": row}})
        y, m = map(int, period.split("-"))
        run("collect", lst, here / "收到", "--period", period, "--date", f"{period}-28", "--out", here / "汇总.xlsx",
            "--json", here / "r.json", code=(0, 1))
        got[period] = json.loads((here / "r.json").read_text(encoding="utf-8"))["tasks"][0]["status"]
    assert got == {"2020-10": "长期坚持", "2020-11": "长期坚持", "2020-12": "长期坚持"}



def test_close_names_the_unit_without_evidence_and_history_says_who_did_not_report(tmp_path):
    # the second trial: 「有单位没有填写佐证材料」 did not say which; 「没有符合条件的报送」 for a unit that sent nothing
    lst = write_list(tmp_path / "清单.xlsx", {"1": ("完成城区截污干管改造", "2020年12月底", "", f"{A}、{W}")},
                     plan_name="永川区水污染防治整改方案", doc_date=PLAN_DATE, units=[A, W])
    run("split", lst, "--period", "2020-11", "--out", tmp_path / "下发")
    for f in (tmp_path / "下发").glob("*.xlsx"):
        unit = f.stem.split("_")[1]
        ev = {"佐证材料": "验收报告.pdf"} if unit == A else {}
        fill_return(f, tmp_path / "收到" / f.name, unit, values=lambda i, seq, u, ev=ev: {
            "完成状态": "已完成", "完成比例": 1, "进展情况": "改造完成", **ev}, report_date=D(2020, 11, 20), mtime=None)
    run("collect", lst, tmp_path / "收到", "--period", "2020-11", "--date", "2020-11-30", "--out", tmp_path / "汇总.xlsx",
        code=(0, 1))
    r = CliRunner().invoke(cli, ["close", str(lst), "1", "--period", "2020-11"])
    assert r.exit_code == 2 and f"但{W}没有填写佐证材料" in r.output
    said = run("history", lst, "--unit", A, "--period", "2020-10")
    # (what the record knows: that month was never consolidated — the trial-15 year asked for what it knows)
    assert "历史记录里没有2020年10月的汇总结果（已汇总的报送期：2020-11）" in said, said
    # a name found from what was typed (区住房城乡建委 for 住房城乡建委) is said, not taken silently
    said = run("history", lst, "--unit", "住房城乡建委", "--period", "2020-11")
    assert said.startswith(f"单位「住房城乡建委」按「{A}」查") and f"{A}　2020年11月" in said, said


def test_the_chase_names_whom_the_unit_wrote_last_time(tmp_path):
    # the first trial: the 催报's 联系人/联系电话 were empty, though the unit had written them on its earlier returns
    lst = write_list(tmp_path / "清单.xlsx", {"1": ("完成城区截污干管改造", "2021年6月底", A),
                                             "2": ("查找双石污水处理厂污水溢流原因", "2021年6月底", W)},
                     plan_name="永川区水污染防治整改方案", doc_date=PLAN_DATE, units=[A, W])
    for period, who in (("2020-10", (A, W)), ("2020-11", (A,))):
        here = tmp_path / period
        run("split", lst, "--period", period, "--out", here / "下发")
        fill_issued(here / "下发", here / "收到", period, {u: {s: ("序时推进", 0.3, "推进中")} for u, s in
                                                        ((A, "1"), (W, "2")) if u in who})
        run("collect", lst, here / "收到", "--period", period, "--date", f"{period}-28", "--out", here / "汇总.xlsx",
            code=(0, 1))
    here = tmp_path / "2020-11"
    run("docs", lst, here / "收到", "--period", "2020-11", "--date", "2020-11-28", "--out", here / "文书", code=(0, 1))
    rows = [[c.text for c in r.cells] for t in Document(next((here / "文书" / "催报通知").glob("*.docx"))).tables
            for r in t.rows]
    assert [W, "张三", "023-49880000"] == [rows[1][1], rows[1][3], rows[1][4]]


def test_a_file_received_twice_is_not_new(tmp_path):
    # session 17's trial: the same return sent again under another name (「…(1).xlsx」) was counted as 新文件; it is kept
    # (nothing a unit sent is lost) and said to be the same as the one received before
    lst = write_list(tmp_path / "清单.xlsx", {"1": ("完成城区截污干管改造", "2020年12月底", A)},
                     plan_name="永川区水污染防治整改方案", doc_date=PLAN_DATE, units=[A])
    run("split", lst, "--period", "2020-11", "--out", tmp_path / "下发")
    [issued] = (tmp_path / "下发").glob("*.xlsx")
    inbox = tmp_path / "收到"
    fill_return(issued, inbox / issued.name, A, values=lambda i, seq, u: {"完成状态": "序时推进", "进展情况": "施工中"},
                report_date=D(2020, 11, 20), mtime=None)
    first = run("collect", lst, inbox, "--period", "2020-11", "--date", "2020-11-30", "--out", tmp_path / "汇总.xlsx")
    assert "其中新文件 1 个；" in first
    copy = inbox / f"{issued.stem}(1).xlsx"
    copy.write_bytes((inbox / issued.name).read_bytes())
    again = run("collect", lst, inbox, "--period", "2020-11", "--date", "2020-11-30", "--out", tmp_path / "汇总.xlsx",
                "--json", tmp_path / "r.json")
    # (the first file is still this period's new one: 新文件 does not depend on how often the month was run)
    assert f"收到文件 2 个，其中新文件 1 个（另有 1 个与本期已收到的文件内容相同：「{copy.name}」同「{issued.name}」）" in again, again
    import json
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["repeated_files"] == [
        {"file": f"收到/{copy.name}", "same_as": f"收到/{issued.name}"}]        # (as 收到文件 names them)
    # last month's sheet sent again in December (the same bytes): kept, not new, said to be November's
    dec = tmp_path / "收到12月"
    dec.mkdir()
    (dec / "上月的表.xlsx").write_bytes((inbox / issued.name).read_bytes())
    run("split", lst, "--period", "2020-12", "--out", tmp_path / "下发12")
    fill_return(next((tmp_path / "下发12").glob("*.xlsx")), dec / "本月.xlsx", A,
                values=lambda i, seq, u: {"完成状态": "序时推进", "进展情况": "验收中"},
                report_date=D(2020, 12, 20), mtime=None)
    out = run("collect", lst, dec, "--period", "2020-12", "--date", "2020-12-31", "--out", tmp_path / "汇总12.xlsx",
              code=(0, 1))
    assert (f"收到文件 2 个，其中新文件 1 个（另有 1 个与以前收到的文件内容相同：「上月的表.xlsx」同2020年11月收到的"
            f"「{issued.name}」）") in out, out
