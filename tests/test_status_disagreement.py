"""README 「各单位报的不一致（分歧）」, row by row, from real return files.

As tests/test_status.py: every case splits the list's returns, fills the return of each reporting unit the way the
unit would (state and 完成比例 typed into its row), collects the folder and reads the task.  The expected 分歧 text and
status are written here by hand from the README's table (the oracle), not computed by the code under test; a test
also checks that every row of the README's table has a case and says the same.

The session-19 trial: on task 1 the lead unit reported 已完成 100% without evidence, two co-operating units 序时推进
80%; the 汇总's 分歧 column was empty (the code only flagged states two steps apart, or 30 points).
"""
from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import ROOT
from returns_factory import fill_return, state_values, write_rule_list
from zhishui.month import run_month, summary_lines
from zhishui.split import split_returns
from zhishui.tasks import load_list

NOV = dt.date(2020, 11, 1)
NOV30 = dt.date(2020, 11, 30)
# seq -> (具体举措, 完成时限, 牵头单位, 责任单位, 配合单位); 成文日期 2020-01-01, so on 11月30日 the 序时进度 of a task due
# 2021年12月底 is 46%: 40% and more is on schedule, less is behind (README 「任务状态怎么定」 row 5)
TASKS = {
    "1": ("完善管网规划", "2021年12月底", "区住房城乡建委", "", "区生态环境局、区水利局"),
    "2": ("建成场镇污水管网", "2021年12月底", "", "何埂镇、双石镇", ""),
    "3": ("开展日常巡河", "长期坚持", "区河长办", "区水利局", ""),
}
UNITS = ["区住房城乡建委", "区生态环境局", "区水利局", "何埂镇", "双石镇", "区河长办"]
L, C1, C2, J1, J2 = "区住房城乡建委", "区生态环境局", "区水利局", "何埂镇", "双石镇"

# (id, README row, seq, {unit: {seq: (state, percent)}}, expected status, expected 分歧 or None)
CASES = [
    ("1 牵头报已完成、两个配合单位报序时推进（试用）", 1, "1",
     {L: {"1": ("已完成", 1)}, C1: {"1": ("序时推进", 0.8)}, C2: {"1": ("序时推进", 0.8)}}, "已完成",
     "区住房城乡建委（牵头）报「已完成」、完成100%；区生态环境局（配合）、区水利局（配合）报「序时推进」、完成80%"),
    ("1 共同负责一家已完成一家进度滞后", 1, "2", {J1: {"2": ("已完成", 1)}, J2: {"2": ("进度滞后", 0.4)}}, "进度滞后",
     "何埂镇（共同负责）报「已完成」、完成100%；双石镇（共同负责）报「进度滞后」、完成40%"),
    ("1 牵头序时推进、配合报未启动", 1, "1", {L: {"1": ("序时推进", 0.5)}, C1: {"1": ("未启动", None)}}, "序时推进",
     "区住房城乡建委（牵头）报「序时推进」、完成50%；区生态环境局（配合）报「未启动」"),
    ("1 牵头没报、两个配合单位不一致", 1, "1", {C1: {"1": ("已完成", 1)}, C2: {"1": ("序时推进", 0.5)}}, "未报送",
     "区生态环境局（配合）报「已完成」、完成100%；区水利局（配合）报「序时推进」、完成50%"),
    ("1 长期坚持的牵头报持续推进、责任单位报进度滞后", 1, "3",
     {"区河长办": {"3": ("持续推进", None)}, C2: {"3": ("进度滞后", None)}}, "长期坚持",
     "区河长办（牵头）报「持续推进」；区水利局（责任）报「进度滞后」"),
    ("2 同档比例相差30个百分点（含本数）", 2, "2", {J1: {"2": ("序时推进", 0.8)}, J2: {"2": ("序时推进", 0.5)}}, "序时推进",
     "何埂镇（共同负责）报「序时推进」、完成80%；双石镇（共同负责）报「序时推进」、完成50%"),
    ("2 配合单位没选状态、只填比例", 2, "1", {L: {"1": ("序时推进", 0.9)}, C1: {"1": (None, 0.5)}}, "序时推进",
     "区住房城乡建委（牵头）报「序时推进」、完成90%；区生态环境局（配合）未填写完成状态、完成50%"),
    ("3 同档比例相差29个百分点", 3, "2", {J1: {"2": ("序时推进", 0.8)}, J2: {"2": ("序时推进", 0.51)}}, "序时推进", None),
    ("3 序时推进与持续推进同档", 3, "1", {L: {"1": ("序时推进", 0.5)}, C1: {"1": ("持续推进", None)}}, "序时推进", None),
    ("3 进度滞后与未启动同档", 3, "2", {J1: {"2": ("进度滞后", 0.2)}, J2: {"2": ("未启动", None)}}, "进度滞后", None),
    ("3 只有一个单位报送", 3, "1", {L: {"1": ("已完成", 1)}}, "已完成", None),
    ("3 都报已完成", 3, "1", {L: {"1": ("已完成", 1)}, C1: {"1": ("已完成", 1)}}, "已完成", None),
]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("disagree")
    p = root / "清单.xlsx"
    write_rule_list(p, TASKS, UNITS)
    tl = load_list(p)
    issued = {f.unit: f.path for f in split_returns(tl, NOV, root / "下发")}
    return root, tl, issued


def _month(plan, tmp_path, reports: dict):
    _, tl, issued = plan
    inbox = tmp_path / "收到"
    inbox.mkdir()
    for unit, rows in reports.items():
        fill_return(issued[unit], inbox / f"{unit}.xlsx", unit, values=state_values(rows), report_date=NOV30 - dt.timedelta(1),
                    mtime=None)
    return run_month(tl, [inbox], NOV, NOV30, use_history=False, allow_empty=True)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_disagreement_row(plan, tmp_path, case):
    _, _row, seq, reports, status, said = case
    m = _month(plan, tmp_path, reports)
    ts = next(t for t in m.statuses if t.task.seq == seq)
    assert ts.status == status, ts.reason
    assert ts.disagreements == ([said] if said else []), ts.disagreements
    assert ts.to_dict()["disagreements"] == ts.disagreements
    from zhishui.tables import SUMMARY_HEADERS, summary_rows
    row = next(r for r in summary_rows(m.statuses) if r[0] == seq)
    assert row[SUMMARY_HEADERS.index("分歧")] == (said or "")
    line = next((x for x in summary_lines(m) if x.startswith("分歧：")), None)
    assert (line is not None) == bool(said) and (not said or f"序号{seq}" in line)


def _readme_rows() -> dict[int, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.split(r"\n##+ ", text.split("### 各单位报的不一致（分歧）", 1)[1], maxsplit=1)[0]
    rows = {}
    for line in section.splitlines():
        m = re.match(r"\|\s*(\d+)\s*\|[^|]*\|\s*\*\*(标分歧|不标)\*\*", line)
        if m:
            rows[int(m.group(1))] = m.group(2)
    return rows


def test_every_readme_row_is_tested_and_says_the_same():
    rows = _readme_rows()
    assert sorted(rows) == [1, 2, 3], rows
    for _, row, _seq, _reports, _status, said in CASES:
        assert rows[row] == ("标分歧" if said else "不标"), row
    assert {c[1] for c in CASES} == set(rows)


def test_the_trial_case_is_marked_in_the_summary_workbook_and_on_the_command_line(plan, tmp_path):
    """The trial's task 1 through the command line: the 汇总 sheet's 分歧 column and the summary line say it; the status
    stays the lead's 已完成 (and the missing evidence is said as before)."""
    root, tl, issued = plan
    inbox = tmp_path / "收回"
    rows = {L: {"1": ("已完成", 1)}, C1: {"1": ("序时推进", 0.8)}, C2: {"1": ("序时推进", 0.8)}}
    for unit, r in rows.items():
        no_evidence = {"1": {"完成状态": r["1"][0], "完成比例": r["1"][1], "进展情况": "专项规划已审议通过"}}
        fill_return(issued[unit], inbox / f"{unit}.xlsx", unit, values=lambda i, seq, u, v=no_evidence: v.get(seq, {}),
                    report_date=NOV30 - dt.timedelta(1), mtime=None)
    from zhishui.cli import cli
    r = CliRunner().invoke(cli, ["collect", str(tl.path), str(inbox), "--period", "2020-11", "--date", "2020-11-30",
                                 "--out", str(tmp_path / "汇总.xlsx"), "--no-history"], catch_exceptions=False)
    assert "分歧：1 项任务各单位报的不一致（状态按牵头或责任单位的报送定，详见汇总「分歧」列）：序号1" in r.output, r.output
    assert "已完成但未列佐证材料" in r.output
    ws = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总"]
    head = [c.value for c in ws[1]]
    one = next(row for row in ws.iter_rows(min_row=2, values_only=True) if str(row[0]) == "1")
    assert one[head.index("状态")] == "已完成"
    assert one[head.index("分歧")] == CASES[0][5]
