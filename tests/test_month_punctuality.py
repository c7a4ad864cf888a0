"""When a unit counts as late, and what a 催报 asks for (README 「催报的报送期限」 and
「报送情况和收到时间」), from real split returns filled the way a unit fills them.

The expected dates and states are written here from the README's tables and the clerk's
calendar (the oracle), not computed by the code under test.
"""
from __future__ import annotations

import datetime as dt
import json
import re

import openpyxl
import pytest

from conftest import ROOT
from returns_factory import fill_return, state_values
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list

D = dt.date
JAN, FEB = D(2021, 1, 1), D(2021, 2, 1)
UNITS = ["县水利局", "县农业农村局", "城关镇"]
TASKS = [("建成城南污水处理厂", "2021年12月底", "县水利局"), ("完成畜禽养殖场整治", "2021年6月底", "县农业农村局"),
         ("完成镇区管网改造", "2021年9月底", "城关镇")]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = tmp_path_factory.mktemp("punctual")
    p = root / "清单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位"])
    for i, row in enumerate(TASKS, 1):
        ws.append([i, *row])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型", "联系人"])
    for n in UNITS:
        d.append([n, "镇" if n.endswith("镇") else "部门", "王五"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["成文日期", dt.datetime(2021, 1, 1)])
    s.append(["方案名称", "清溪县水污染防治工作方案"])
    wb.save(p)
    tl = load_list(p)
    issued = {}
    for period in (JAN, FEB):
        for f in split_returns(tl, period, root / f"下发{period:%m}"):
            issued[(period, f.unit)] = f.path
    return tl, issued


def _fill(plan, inbox, period, unit, name, on, state=("序时推进", 0.5), empty=False):
    tl, issued = plan
    seq = str(TASKS.index(next(t for t in TASKS if t[2] == unit)) + 1)
    values = (lambda i, s, u: {}) if empty else state_values({seq: state})
    return fill_return(issued[(period, unit)], inbox / name, unit, values=values, report_date=on, mtime=None)


# --- 催报的报送期限 ------------------------------------------------------------------------

def readme_chase_rows() -> list[tuple[int, dt.date, dt.date]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("#### 催报的报送期限", 1)[1].split("\n### ", 1)[0]
    rows = re.findall(r"^\|\s*(\d+)\s*\|.*报告日期(\d{4}-\d\d-\d\d)\D*→\s*(\d{4}-\d\d-\d\d)\s*\|\s*$", section, re.M)
    return [(int(r), D.fromisoformat(a), D.fromisoformat(b)) for r, a, b in rows]


CHASE = readme_chase_rows()


def test_readme_chase_table_has_both_rows():
    assert [r for r, _, _ in CHASE] == [1, 2]


@pytest.mark.parametrize("rule,on,expected", CHASE, ids=[f"规则{r}" for r, _, _ in CHASE])
def test_chase_deadline_row(plan, tmp_path, rule, on, expected):
    """February's returns are due on the 25th; one unit of three has reported."""
    from generators.month_documents import make_documents
    tl, _ = plan
    inbox = tmp_path / "收到"
    inbox.mkdir()
    _fill(plan, inbox, FEB, "县水利局", "水利局.xlsx", D(2021, 2, 8))
    m = run_month(tl, [inbox], FEB, on, use_history=False)
    assert m.due == D(2021, 2, 25)
    assert m.chase_due == expected and m.chase_due >= m.due
    assert m.before_due == (rule == 1)
    assert [u.unit for u in m.chase] == ["县农业农村局", "城关镇"]
    assert m.to_dict()["chase_due"] == expected.isoformat()
    cn = f"{expected.year}年{expected.month}月{expected.day}日"
    assert any(f"催报期限：{expected.month}月{expected.day}日" in line for line in __import__(
        "zhishui.month", fromlist=["summary_lines"]).summary_lines(m))
    if rule == 1:     # nobody is late before the deadline: the original deadline is the reminder's
        assert m.unit_counts["逾期报送"] == 0
    made = make_documents(m, tmp_path / "文书", kinds=("chase",))
    msg = made.messages.read_text(encoding="utf-8")
    asked = re.findall(r"请于(\d{4}年\d{1,2}月\d{1,2}日)前", msg)
    assert asked and set(asked) == {cn}, msg
    # the letter itself: the original deadline and the chase deadline, never an earlier one
    import zipfile
    docx = next((tmp_path / "文书").rglob("*.docx"))
    xml = re.sub(r"<[^>]+>", "", zipfile.ZipFile(docx).read("word/document.xml").decode())
    dates = [D(int(y), int(mo), int(d)) for y, mo, d in re.findall(r"于(\d{4})年(\d{1,2})月(\d{1,2})日前", xml)]
    assert D(2021, 2, 25) in dates and expected in dates and min(dates) >= D(2021, 2, 25), xml[:600]


# --- one late correction -------------------------------------------------------------------

def _january(plan, tmp_path, files, on=D(2021, 1, 31)):
    """files: (unit, name, 填报日期, empty?); January's returns are due on 2021-01-25."""
    tl, _ = plan
    inbox = tmp_path / "收到"
    inbox.mkdir(exist_ok=True)
    for unit, name, when, empty in files:
        _fill(plan, inbox, JAN, unit, name, when, empty=empty)
    return run_month(tl, [inbox], JAN, on, use_history=False, allow_empty=True)


def test_correction_after_deadline_keeps_the_unit_on_time(plan, tmp_path):
    m = _january(plan, tmp_path, [("县水利局", "水利局v1.xlsx", D(2021, 1, 20), False),
                                  ("县水利局", "水利局v2更正.xlsx", D(2021, 1, 27), False),
                                  ("县农业农村局", "农业.xlsx", D(2021, 1, 27), False)])
    units = {u.unit: u for u in m.units}
    water = units["县水利局"]
    assert water.state == "已报送" and water.versions == 2
    assert water.file.endswith("水利局v2更正.xlsx")          # the content adopted is the latest
    assert "逾期更正" in water.check and "首次报送1月20日收到（按时）" in water.check and "更正版1月27日收到" in water.check
    assert units["县农业农村局"].state == "逾期报送" and "逾期更正" not in units["县农业农村局"].check
    # the file itself did arrive late: the 收到文件 table says so
    subs = {s.file.split("/")[-1]: s for s in m.col.submissions}
    assert subs["水利局v2更正.xlsx"].late and not subs["水利局v1.xlsx"].late
    # the score: on time is 20 (README 考核), late 10
    scores = {s.unit: s for s in m.ranking.scores}
    assert scores["县水利局"].parts["报送"] == 20 and scores["县农业农村局"].parts["报送"] == 10
    assert m.unit_counts["已报送"] == 1 and m.unit_counts["逾期报送"] == 1
    d = m.to_dict()
    assert next(u for u in d["units"] if u["unit"] == "县水利局")["state"] == "已报送"


def test_late_first_return_is_late_and_a_blank_form_on_time_is_no_return(plan, tmp_path):
    m = _january(plan, tmp_path, [("县水利局", "水利局空表.xlsx", D(2021, 1, 20), True),
                                  ("县水利局", "水利局.xlsx", D(2021, 1, 27), False),
                                  ("县农业农村局", "农业v1.xlsx", D(2021, 1, 26), False),
                                  ("县农业农村局", "农业v2.xlsx", D(2021, 1, 28), False)])
    units = {u.unit: u for u in m.units}
    assert units["县水利局"].state == "逾期报送" and "逾期更正" not in units["县水利局"].check
    assert units["县农业农村局"].state == "逾期报送" and units["县农业农村局"].file.endswith("农业v2.xlsx")


# --- received after the report date ------------------------------------------------------------

def test_return_received_after_the_report_date_is_counted_and_said(plan, tmp_path):
    files = [("县水利局", "水利局.xlsx", D(2021, 1, 20), False), ("城关镇", "城关镇.xlsx", D(2021, 2, 3), False)]
    m = _january(plan, tmp_path, files)
    units = {u.unit: u for u in m.units}
    town = units["城关镇"]
    assert town.state == "逾期报送" and "收到时间晚于报告日期1月31日" in town.check
    assert "晚于报告日期" not in units["县水利局"].check
    found = [a for a in m.anomalies if a.code == "RECEIVED_AFTER_DATE"]
    assert len(found) == 1 and found[0].file.endswith("城关镇.xlsx")
    assert "2021-02-03" in found[0].message and "2021-01-31" in found[0].message
    # the same files, the same date: the same month
    again = run_month(plan[0], [tmp_path / "收到"], JAN, D(2021, 1, 31), use_history=False, allow_empty=True)
    assert json.dumps(again.to_dict()["units"], ensure_ascii=False) == json.dumps(m.to_dict()["units"], ensure_ascii=False)
    assert [a.to_dict() for a in again.anomalies] == [a.to_dict() for a in m.anomalies]
