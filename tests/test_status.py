"""The status decision table (README 「任务状态怎么定」), row by row, from real return files.

Every case splits the list's returns, fills the return of each reporting unit the
way the unit would (state and 完成比例 typed into its row), collects the folder
and reads the task's status, its light, the table row that decided each share and
who is pressed.  The expected values are written here from the README's table
(the oracle): they are not computed by the code under test.  A test also checks
that every row of the README's table is exercised and says the same status.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil

import openpyxl
import pytest

from conftest import ROOT
from returns_factory import fill_return, state_values, write_rule_list
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list

D = dt.date
NOV = D(2020, 11, 1)
LIGHT = {"已完成": "绿", "序时推进": "绿", "长期坚持": "绿", "临期": "黄", "进度滞后": "黄", "未报送": "黄", "逾期": "红"}

# seq -> (task text, 完成时限, 牵头单位, 责任单位, 配合单位); 成文日期 2020-01-01
TASKS = {
    "1": ("建成城南污水处理厂", "2020年12月底", "区住房城乡建委", "", "区生态环境局"),
    "2": ("完成屠宰场布点规划", "2020年9月底", "区农业农村委", "", ""),
    "3": ("清理河道两岸垃圾", "2020年9月底完成,并长期坚持", "区河长办", "", ""),
    "4": ("开展日常巡河", "长期坚持", "区河长办", "", ""),
    "5": ("报送年度工作总结", "每年1月20日前", "区生态环境局", "", ""),
    "6": ("启动长征渠引水工程前期工作", "适时启动", "区水利局", "", ""),
    "7": ("建成场镇污水管网", "2020年12月底", "", "何埂镇、双石镇", ""),
    "8": ("完成管网清淤", "2020年12月10日前", "区城市管理局", "", ""),
    "9": ("制定并实施农村生活污水治理方案", "6月30日前完成方案、12月底前全面施行", "区水利局", "", ""),
}
UNITS = ["区住房城乡建委", "区生态环境局", "区农业农村委", "区河长办", "区水利局", "何埂镇", "双石镇", "区城市管理局"]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("table")
    p = root / "清单.xlsx"
    write_rule_list(p, TASKS, UNITS, settings=[("临期天数", 15)])
    tl = load_list(p)
    return root, tl, {}


def _issued(plan, period, unit):
    root, tl, issued = plan
    if (period, unit) not in issued:
        for f in split_returns(tl, period, root / f"下发{period:%Y%m}"):
            issued[(period, f.unit)] = f.path
    return issued[(period, unit)]


def _month(plan, tmp_path, on, reports: dict, history):
    """The month of ``on`` (returns due on the 25th); reports: unit -> {seq: (state, percent)};
    a unit absent sends nothing.  Each return carries the 填报日期 of the day before ``on``."""
    root, tl, _ = plan
    period = on.replace(day=1)
    inbox = tmp_path / f"收到{period:%Y%m}"
    inbox.mkdir()
    for unit, rows in reports.items():
        fill_return(_issued(plan, period, unit), inbox / f"{unit}.xlsx", unit, values=state_values(rows),
                    report_date=max(period, on - dt.timedelta(days=1)), mtime=None)
    return run_month(tl, [inbox], period, on, history_folder=history, allow_empty=True)


# (id, seq, report date, this month's reports, October's reports (history) or None,
#  expected status, {unit: decision-table row}, pressed units)
NOV30 = D(2020, 11, 30)
CASES = [
    ("1 一次性报已完成", "1", NOV30, {"区住房城乡建委": {"1": ("已完成", 1)}}, None, "已完成",
     {"区住房城乡建委": 1}, []),
    ("1 往期已完成本期未报", "1", NOV30, {}, {"区住房城乡建委": {"1": ("已完成", 1)}}, "已完成",
     {"区住房城乡建委": 1}, []),
    ("2 长期坚持报已完成", "4", NOV30, {"区河长办": {"4": ("已完成", None)}}, None, "长期坚持", {"区河长办": 2}, []),
    ("2 阶段到期后报已完成", "3", NOV30, {"区河长办": {"3": ("已完成", 1)}}, None, "长期坚持", {"区河长办": 2}, []),
    ("3 过期报序时推进", "2", NOV30, {"区农业农村委": {"2": ("序时推进", 0.6)}}, None, "逾期",
     {"区农业农村委": 3}, ["区农业农村委"]),
    ("3 过期未报仍是逾期", "2", NOV30, {}, None, "逾期", {"区农业农村委": 3}, ["区农业农村委"]),
    ("3 阶段过期报持续推进30%", "3", NOV30, {"区河长办": {"3": ("持续推进", 0.3)}}, None, "逾期",
     {"区河长办": 3}, ["区河长办"]),
    ("3 阶段过期报进度滞后80%", "3", NOV30, {"区河长办": {"3": ("进度滞后", 0.8)}}, None, "逾期",
     {"区河长办": 3}, ["区河长办"]),
    ("3 往期已完成本期又报未完成", "2", NOV30, {"区农业农村委": {"2": ("序时推进", 0.9)}},
     {"区农业农村委": {"2": ("已完成", 1)}}, "逾期", {"区农业农村委": 3}, ["区农业农村委"]),
    ("4 未到期未报", "1", NOV30, {}, None, "未报送", {"区住房城乡建委": 4}, []),
    ("4 长期坚持未报", "4", NOV30, {}, None, "未报送", {"区河长办": 4}, []),
    ("4 阶段已完成后本期未报", "3", NOV30, {}, {"区河长办": {"3": ("已完成", 1)}}, "未报送", {"区河长办": 4}, []),
    ("4 只有配合单位报送", "1", NOV30, {"区生态环境局": {"1": ("已完成", 1)}}, None, "未报送",
     {"区住房城乡建委": 4}, []),
    ("5 报进度滞后", "1", NOV30, {"区住房城乡建委": {"1": ("进度滞后", 0.8)}}, None, "进度滞后",
     {"区住房城乡建委": 5}, ["区住房城乡建委"]),
    ("5 报未启动", "1", NOV30, {"区住房城乡建委": {"1": ("未启动", None)}}, None, "进度滞后",
     {"区住房城乡建委": 5}, ["区住房城乡建委"]),
    ("5 比例低于序时进度", "1", NOV30, {"区住房城乡建委": {"1": ("序时推进", 0.5)}}, None, "进度滞后",
     {"区住房城乡建委": 5}, ["区住房城乡建委"]),
    ("5 长期坚持报进度滞后", "4", NOV30, {"区河长办": {"4": ("进度滞后", None)}}, None, "进度滞后",
     {"区河长办": 5}, ["区河长办"]),
    ("5 比例正好低10个百分点（以上含本数）", "8", D(2020, 12, 10), {"区城市管理局": {"8": ("序时推进", 0.9)}}, None,
     "进度滞后", {"区城市管理局": 5}, ["区城市管理局"]),
    ("6 临期", "8", NOV30, {"区城市管理局": {"8": ("序时推进", 0.95)}}, None, "临期", {"区城市管理局": 6}, []),
    ("7 长期坚持报持续推进", "4", NOV30, {"区河长办": {"4": ("持续推进", None)}}, None, "长期坚持",
     {"区河长办": 7}, []),
    ("7 周期性报持续推进", "5", NOV30, {"区生态环境局": {"5": ("持续推进", None)}}, None, "长期坚持",
     {"区生态环境局": 7}, []),
    ("7 阶段已完成后报持续推进", "3", NOV30, {"区河长办": {"3": ("持续推进", None)}},
     {"区河长办": {"3": ("已完成", 1)}}, "长期坚持", {"区河长办": 7}, []),
    ("8 未到期报序时推进", "1", NOV30, {"区住房城乡建委": {"1": ("序时推进", 0.95)}}, None, "序时推进",
     {"区住房城乡建委": 8}, []),
    ("8 适时启动报序时推进", "6", NOV30, {"区水利局": {"6": ("序时推进", None)}}, None, "序时推进", {"区水利局": 8}, []),
    ("8 阶段到期前报序时推进", "3", D(2020, 8, 31), {"区河长办": {"3": ("序时推进", 0.9)}}, None, "序时推进",
     {"区河长办": 8}, []),
    # joint tasks: no 牵头单位, each responsible unit answers for its share; the worst share decides
    ("共同负责都完成", "7", NOV30, {"何埂镇": {"7": ("已完成", 1)}, "双石镇": {"7": ("已完成", 1)}}, None, "已完成",
     {"何埂镇": 1, "双石镇": 1}, []),
    ("共同负责一家未报", "7", NOV30, {"何埂镇": {"7": ("已完成", 1)}}, None, "未报送", {"何埂镇": 1, "双石镇": 4}, []),
    ("共同负责一家滞后只督办它", "7", NOV30, {"何埂镇": {"7": ("序时推进", 0.95)}, "双石镇": {"7": ("进度滞后", 0.4)}},
     None, "进度滞后", {"何埂镇": 8, "双石镇": 5}, ["双石镇"]),
    ("共同负责过期一家未报", "7", D(2021, 1, 10), {"何埂镇": {"7": ("已完成", 1)}}, None, "逾期",
     {"何埂镇": 1, "双石镇": 3}, ["双石镇"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_decision_table_row(plan, tmp_path, case):
    _, seq, on, now, before, status, rules, pressed = case
    history = tmp_path / "档案"
    if before is not None:
        prev = (on.replace(day=1) - dt.timedelta(days=1)).replace(day=28)
        _month(plan, tmp_path, prev, before, history)
    m = _month(plan, tmp_path, on, now, history)
    ts = next(t for t in m.statuses if t.task.seq == seq)
    assert ts.status == status, ts.reason
    assert ts.light == LIGHT[status]
    assert {s.unit: s.rule for s in ts.shares} == rules, [(s.unit, s.rule, s.reason) for s in ts.shares]
    assert [s.unit for s in ts.pressed_shares] == pressed
    assert sorted(u for u, items in m.pressed.items() if any(p.ts is ts for p in items)) == sorted(pressed)
    # every count agrees with the one status
    assert m.totals[status] >= 1 and sum(m.totals[s] for s in LIGHT) == len(m.statuses)
    if status == "逾期" and not all(u in now for u in rules):
        assert ts.status_text == "逾期（未报送）" and ts.not_reported


def _readme_table() -> dict[int, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.split(r"\n##+ ", text.split("### 任务状态怎么定", 1)[1], maxsplit=1)[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"\|\s*(\d+)\s*\|.*\|\s*\*\*(\S+?)\*\*\s*\|\s*(\S)\s*\|\s*$", line)
        if m:
            rows[int(m.group(1))] = (m.group(2), m.group(3))
    return rows


def test_every_readme_row_is_tested_and_says_the_same():
    table = _readme_table()
    assert sorted(table) == list(range(1, 9)), table
    seen = {}
    for _, seq, on, now, before, status, rules, _ in CASES:
        for unit, rule in rules.items():
            seen.setdefault(rule, set())
    for rule, (status, light) in table.items():
        assert rule in seen, f"README row {rule} has no case"
        assert LIGHT[status] == light
    # a single-unit case for each row gives that row's status
    for _, seq, on, now, before, status, rules, _ in CASES:
        if len(rules) == 1:
            (rule,) = rules.values()
            assert table[rule][0] == status


def test_unknown_lead_is_nobodys_share(plan, tmp_path):
    """A lead unit the directory lacks answers for nothing: the task is judged on its deadline."""
    root, tl, _ = plan
    src = root / "清单.xlsx"
    wb = openpyxl.load_workbook(src)
    wb["责任清单"]["D3"] = "区林业局"      # not in the directory
    p = tmp_path / "清单.xlsx"
    wb.save(p)
    tl2 = load_list(p)
    inbox = tmp_path / "空"
    inbox.mkdir()
    m = run_month(tl2, [inbox], NOV, NOV30, use_history=False, allow_empty=True)
    ts = next(t for t in m.statuses if t.task.seq == "2")
    assert (ts.status, ts.shares, ts.pressed_shares) == ("逾期", [], [])
    assert "区林业局" not in [u.unit for u in m.units]
    assert [f.code for f in m.unknown_units] == ["UNKNOWN_UNIT"] and m.unknown_units[0].cell == "D3"
    shutil.rmtree(inbox)


def test_two_units_far_apart_are_one_disagreement(plan, tmp_path):
    """Two units answering together, both 序时推进 at 95% and 60%: one line in 分歧, not one per
    direction, each unit with what it said (README 「各单位报的不一致（分歧）」, tested row by row in
    tests/test_status_disagreement.py)."""
    m = _month(plan, tmp_path, NOV30, {"何埂镇": {"7": ("序时推进", 0.95)}, "双石镇": {"7": ("序时推进", 0.6)}}, None)
    ts = next(t for t in m.statuses if t.task.seq == "7")
    assert ts.disagreements == ["何埂镇（共同负责）报「序时推进」、完成95%；双石镇（共同负责）报「序时推进」、完成60%"]
    (tmp_path / "b").mkdir()
    m2 = _month(plan, tmp_path / "b", NOV30, {"何埂镇": {"7": ("已完成", 1)}, "双石镇": {"7": ("进度滞后", 0.4)}}, None)
    ts2 = next(t for t in m2.statuses if t.task.seq == "7")
    assert ts2.disagreements == ["何埂镇（共同负责）报「已完成」、完成100%；双石镇（共同负责）报「进度滞后」、完成40%"]


def test_a_finished_stage_is_not_due_next_month(plan, tmp_path):
    """The 通报's 「下月到期任务」 (Month.due_in_month): task 3, 「2020年9月底完成,并长期坚持」, seen at
    the end of August. Reported 已完成 it is 长期坚持 and not due in September; reported 序时推进 it is."""
    sep = D(2020, 9, 1)
    m = _month(plan, tmp_path, D(2020, 8, 31), {"区河长办": {"3": ("已完成", 1)}}, None)
    ts = next(t for t in m.statuses if t.task.seq == "3")
    assert ts.status == "长期坚持" and ts.due == D(2020, 9, 30) and ts.stage_done
    assert "3" not in [t.task.seq for t in m.due_in_month(sep)]
    (tmp_path / "b").mkdir()
    m2 = _month(plan, tmp_path / "b", D(2020, 8, 31), {"区河长办": {"3": ("序时推进", 0.9)}}, None)
    ts2 = next(t for t in m2.statuses if t.task.seq == "3")
    assert ts2.status == "序时推进" and not ts2.stage_done
    assert "3" in [t.task.seq for t in m2.due_in_month(sep)]


def test_the_consolidating_office_is_not_pressed_by_itself(plan, tmp_path):
    # README 「谁被催报、谁被督办」: 督办通知（汇总单位自己）. Task 3 (区河长办, 2020年9月底) is overdue on 11月30日 with
    # nothing reported: 逾期, its share pressed in principle — but 区河长办 is the 汇总单位 that signs the 督办通知
    from zhishui.month import summary_lines
    _root, tl, _ = plan
    before = tl.settings.office
    tl.settings.office = "区河长办"
    try:
        m = _month(plan, tmp_path, NOV30, {}, tmp_path / "档案")
    finally:
        tl.settings.office = before
    ts = next(t for t in m.statuses if t.task.seq == "3")
    assert ts.status == "逾期" and [s.unit for s in ts.pressed_shares] == ["区河长办"]
    assert "区河长办" not in m.pressed
    # the other units late on their tasks are pressed as ever (task 2, 区农业农村委, 2020年9月底)
    assert "区农业农村委" in m.pressed
    assert any("汇总单位「区河长办」自己的" in line and "不给自己发督办通知" in line for line in summary_lines(m))
    assert m.totals["逾期"] >= 2
    # the 通报 names it with the other units behind on overdue tasks (a new-user trial of session 14 found it left
    # out of 「进度滞后任务…涉及」 while the fallback to the tasks' leads named it for 逾期)
    from zhishui.generators.month_documents import _behind_for
    assert "区河长办" in m.behind and "区河长办" in _behind_for(m, "逾期") and "区农业农村委" in _behind_for(m, "逾期")
    assert {u: ps for u, ps in m.behind.items() if u != "区河长办"} == m.pressed


def test_what_the_other_units_said_is_in_the_reason_when_the_lead_is_silent(plan, tmp_path):
    # the trial of session 13: 县水利局 (责任单位) reported 已完成 100%, 县生态环境局 (牵头) nothing; the 督办通知 and the
    # 通报 said only 「县生态环境局本期未报送」. The status stays the lead's (README table, row 4); the reason says the rest
    m = _month(plan, tmp_path, NOV30, {"区生态环境局": {"1": ("已完成", 1)}}, tmp_path / "档案")
    ts = next(t for t in m.statuses if t.task.seq == "1")
    assert ts.status == "未报送"
    assert ts.reason.endswith("（区生态环境局报「已完成」、完成100%）"), ts.reason
    # a lead that reported: its own words, nothing added
    (tmp_path / "b").mkdir()
    m = _month(plan, tmp_path / "b", NOV30, {"区住房城乡建委": {"1": ("序时推进", 0.95)},
                                              "区生态环境局": {"1": ("已完成", 1)}}, tmp_path / "档案b")
    assert "区生态环境局报" not in next(t for t in m.statuses if t.task.seq == "1").reason


def test_the_returns_reporter_and_phone_stand_in_for_an_empty_directory(plan, tmp_path):
    # the fixture's 单位名录 has no 联系人/联系电话; fill_return writes 填报人 张三, 联系电话 023-49880000
    m = _month(plan, tmp_path, NOV30, {"区住房城乡建委": {"1": ("序时推进", 0.95)}}, tmp_path / "档案")
    ur = next(u for u in m.units if u.unit == "区住房城乡建委")
    assert (ur.contact, ur.phone) == ("张三", "023-49880000")
    assert next(u for u in m.units if u.unit == "区水利局").contact == ""      # no return, nothing to show


def test_a_row_left_blank_in_a_sheet_that_came_in_is_not_called_unreported(plan, tmp_path):
    # a browser trial of session 15: 区农业农村委 handed its sheet in with one task's row empty; the page, its 督办通知
    # and the 通报 said 「区农业农村委本期未报送」 of that task. The status stays 未报送 (row 4); the reason says what came
    m = _month(plan, tmp_path, NOV30, {"区河长办": {"3": ("已完成", 1)}}, tmp_path / "档案")
    blank = [s for t in m.statuses for s in t.shares if s.unit == "区河长办" and s.report is None]
    assert [s.reason for s in blank] == ["区河长办本期报送表这一项未填写"]      # task 4, its row empty
    assert next(t for t in m.statuses if t.task.seq == "4").status == "未报送"
    silent = [s for t in m.statuses for s in t.shares if s.unit == "区水利局"]
    assert silent and all("本期未报送" in s.reason for s in silent if s.report is None)


def test_a_node_past_is_said_and_the_status_is_judged_on_the_final_date(plan, tmp_path):
    """README 「任务状态怎么定」: a task with nodes (6月30日前完成方案、12月底前全面施行) is judged on its final date, since
    the one state a unit reports is for the whole task; a node past while the task is not done is said (the session-18
    trial: 序时推进, green, 「距完成时限153天」 and nothing said of the 6月30日 node)."""
    from zhishui.tables import SUMMARY_HEADERS, summary_rows
    m = _month(plan, tmp_path, NOV30, {"区水利局": {"9": ("序时推进", 0.95)}}, tmp_path / "档案a")
    ts = next(t for t in m.statuses if t.task.seq == "9")
    assert ts.status == "序时推进" and ts.due == D(2020, 12, 31)
    assert [(n.due, n.text) for n in ts.nodes_passed] == [(D(2020, 6, 30), "6月30日前完成方案")]
    row = next(r for r in summary_rows(m.statuses) if r[0] == "9")
    assert "已过节点「6月30日前完成方案」，本期未报完成" in row[SUMMARY_HEADERS.index("说明")]
    assert ts.to_dict()["nodes_passed"] == [{"due": "2020-06-30", "text": "6月30日前完成方案"}]
    # the 通报 lists it under 下月到期任务 with the node and what the unit reported
    from docx import Document
    from zhishui.generators.month_documents import make_documents
    make_documents(m, tmp_path / "文书", kinds=("bulletin",))
    doc = Document(next((tmp_path / "文书").rglob("*.docx")))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][-2:] == ["已过节点", "本期报送"])
    assert [[c.text for c in r.cells] for r in table.rows[1:]] == [
        ["9", "制定并实施农村生活污水治理方案", "区水利局", "6月30日前完成方案", "区水利局报「序时推进」"]]
    assert any(p.text.startswith("另有1项任务已过阶段节点、本期未报完成") for p in doc.paragraphs)
    # before the node, and once the task is done, nothing is said
    (tmp_path / "b").mkdir()
    early = _month(plan, tmp_path / "b", D(2020, 6, 15), {"区水利局": {"9": ("序时推进", 0.5)}}, tmp_path / "档案b")
    assert not next(t for t in early.statuses if t.task.seq == "9").nodes_passed
    (tmp_path / "c").mkdir()
    done = _month(plan, tmp_path / "c", NOV30, {"区水利局": {"9": ("已完成", 1)}}, tmp_path / "档案c")
    assert next(t for t in done.statuses if t.task.seq == "9").status == "已完成" and not done.nodes_passed


def test_the_printed_summary_hides_the_columns_no_task_fills(plan, tmp_path):
    """The 汇总 sheet of a month with no history, 销号, 延期 or targets: those printed columns are hidden (the session-18
    list trial found 19 columns fitted to one A4 page unreadable); a column some task fills stays shown."""
    from zhishui.result_writer import write_result
    # (a history of its own: the module's list keeps one beside it that other tests fill)
    m = _month(plan, tmp_path, NOV30, {"区住房城乡建委": {"1": ("序时推进", 0.95)}}, tmp_path / "新档案")
    write_result(m, tmp_path / "汇总.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总"]
    head = [c.value for c in ws[1]]
    hidden = {head[i] for i in range(len(head)) if ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].hidden}
    assert hidden == {"重点任务", "上期状态", "与上期比较", "销号", "调整后时限", "目标和本期数值"}, hidden   # (no categories)
    # next month, with this one in the history: 上期状态 is filled and shown
    (tmp_path / "b").mkdir()
    history = tmp_path / "档案"
    _month(plan, tmp_path / "b", NOV30, {"区住房城乡建委": {"1": ("序时推进", 0.95)}}, history)
    (tmp_path / "c").mkdir()
    dec = _month(plan, tmp_path / "c", D(2020, 12, 31), {"区住房城乡建委": {"1": ("序时推进", 0.99)}}, history)
    write_result(dec, tmp_path / "汇总12.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "汇总12.xlsx")["汇总"]
    col = openpyxl.utils.get_column_letter(head.index("上期状态") + 1)
    assert not ws.column_dimensions[col].hidden and ws[f"{col}2"].value


def test_a_blank_sheet_is_said_in_the_task_row_as_in_the_chase(plan, tmp_path):
    # the session-18 re-trial: a unit whose sheet came back blank was 「本期未报送」 in the task rows while the 催报 said
    # 「报来的是空表」; the status is the same (row 4), the reason says what came
    m = _month(plan, tmp_path, NOV30, {"区水利局": {}}, tmp_path / "档案")
    assert next(u for u in m.units if u.unit == "区水利局").state == "空表"
    six = next(t for t in m.statuses if t.task.seq == "6")
    assert six.status == "未报送" and [s.reason for s in six.shares] == ["区水利局本期报来的是空表"]


def test_a_target_not_reported_is_said_once():
    from zhishui.tables import target_text
    from zhishui.targets import GE, NO_FIGURE, Measured, Target
    unread = Measured(Target("一般公共预算收入增长", GE, 3, "%"), None, NO_FIGURE, 0)
    assert target_text(unread) == "≥3%；本期未报数值"       # not 「本期未报数值；未报数值」 (the re-trial)
