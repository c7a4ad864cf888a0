"""A 报送截止日 on a day off is said (README 「报送情况和收到时间」): when the sheets go out, so the clerk can move it,
and in the month, with the units it made late by one working day (trial 29 saw no word of it)."""
from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from click.testing import CliRunner

from conftest import LIST001
from returns_factory import fill_return
from zhishui.cli import cli
from zhishui.split import split_returns
from zhishui.tasks import load_list
from zhishui.workdays import rest_day_text

AGRI, WATER, RIVER = "区农业农村委", "区水利局", "区河长办"


@pytest.mark.parametrize("day, said", [
    # the State Council's 2026 arrangement: 10月1日至7日放假, 9月20日（周日）、10月10日（周六）上班
    ("2026-10-25", "2026年10月25日是星期日，不是工作日（下一个工作日是10月26日，星期一）"),
    ("2026-10-01", "2026年10月1日是法定节假日，不是工作日（下一个工作日是10月8日，星期四）"),
    ("2026-10-07", "2026年10月7日是法定节假日，不是工作日（下一个工作日是10月8日，星期四）"),
    ("2026-10-10", ""),          # a Saturday worked (调休上班)
    ("2026-09-20", ""),          # a Sunday worked
    ("2026-11-25", ""),          # a Wednesday
    ("2020-11-22", "2020年11月22日是星期日，不是工作日（下一个工作日是11月23日，星期一）"),
])
def test_rest_day_text(day, said):
    assert rest_day_text(dt.date.fromisoformat(day)) == said


def test_split_says_a_deadline_on_a_sunday(tmp_path):
    run = CliRunner().invoke(cli, ["split", str(LIST001), "--period", "2020-11", "--due", "2020-11-22",
                                   "--out", str(tmp_path / "a"), "--no-history"])
    assert "注意：报送截止日2020年11月22日是星期日" in run.output, run.output
    note = run.output.split("注意：报送截止日")[1].split("\n")[0]
    assert "各单位这一天以后报来的按逾期报送算" in note and "--due" in note, note
    run = CliRunner().invoke(cli, ["split", str(LIST001), "--period", "2020-11", "--due", "2020-11-23",
                                   "--out", str(tmp_path / "b"), "--no-history"])
    assert "不是工作日" not in run.output, run.output


def test_month_names_the_units_late_by_the_next_working_day(tmp_path):
    tl = load_list(LIST001)
    issued = {f.unit: f.path for f in split_returns(tl, dt.date(2020, 11, 1), tmp_path / "issued",
                                                    due=dt.date(2020, 11, 22))}
    inbox = tmp_path / "收件"
    fill_return(issued[AGRI], inbox / "农业.xlsx", AGRI, report_date=dt.date(2020, 11, 23))
    fill_return(issued[WATER], inbox / "水利.xlsx", WATER, report_date=dt.date(2020, 11, 24))
    fill_return(issued[RIVER], inbox / "河长办.xlsx", RIVER, report_date=dt.date(2020, 11, 21))
    with open(inbox / "收件记录.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["文件", "单位", "收到时间"])
        w.writerow(["农业.xlsx", "", "2020-11-23 09:10"])     # Monday after the Sunday deadline
        w.writerow(["水利.xlsx", "", "2020-11-24 16:00"])     # two working days late
        w.writerow(["河长办.xlsx", "", "2020-11-21 10:00"])   # Saturday, on time
    out = tmp_path / "汇总.xlsx"
    run = CliRunner().invoke(cli, ["collect", str(LIST001), str(inbox), "--period", "2020-11", "--date", "2020-11-30",
                                   "--due", "2020-11-22", "--out", str(out), "--json", str(tmp_path / "r.json"),
                                   "--no-history"])
    d = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    states = {u["unit"]: u["state"] for u in d["units"]}
    assert (states[AGRI], states[WATER], states[RIVER]) == ("逾期报送", "逾期报送", "已报送")
    want = ("报送截止日2020年11月22日是星期日，不是工作日（下一个工作日是11月23日，星期一）；"
            f"1个单位到11月23日才报来，按逾期报送算：{AGRI}。如果下发报送表时已告知各单位顺延，请把报送截止日改为顺延后的日期。")
    assert d["due_rest_note"] == want
    assert want in run.output
    import openpyxl
    ws = openpyxl.load_workbook(out, read_only=True)["概况"]
    assert any(want in str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
