"""Round trip: split seed 001's list, fill every return by script with known values, collect:
every value is in the result with its source, and every task's status is right."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

import openpyxl
import pytest
import python_calamine as pc
from click.testing import CliRunner

from conftest import LIST001
from zhishui import returnsheet as rs
from zhishui.cli import cli
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list

PERIOD = dt.date(2020, 11, 1)
DUE = dt.date(2020, 11, 25)
COL = {f: i + 1 for i, (f, _) in enumerate(rs.COLUMNS)}


def planned(unit: str, key: str, ongoing: bool) -> dict:
    """The values a unit 'types' for a task: varied but known."""
    h = int(hashlib.sha256(f"{unit}|{key}".encode()).hexdigest(), 16)
    state = ["已完成", "序时推进", "进度滞后", "持续推进" if ongoing else "序时推进"][h % 4]
    pct = 1.0 if state == "已完成" else [0.3, 0.6, 0.9][h % 3]
    return {"state": state, "percent": pct, "progress": f"{unit}第{key}项：本月完成排查{h % 50}处，<整改>&推进中",
            "problems": "" if h % 3 else "=资金不足", "next_steps": "继续推进", "evidence": "验收报告.pdf" if state == "已完成" else ""}


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    root = tmp_path_factory.mktemp("month")
    tl = load_list(LIST001)
    files = split_returns(tl, PERIOD, root / "下发", due=DUE, generated=dt.datetime(2020, 11, 2, 9))
    ret = root / "收回"
    ret.mkdir()
    typed = {}
    for f in files:
        wb = openpyxl.load_workbook(f.path)
        ws = wb[rs.SHEET]
        r = rs.FIRST_TASK_ROW
        while ws.cell(r, COL["key"]).value:
            key = ws.cell(r, COL["key"]).value
            vals = planned(f.unit, key, tl.task(key).deadline.ongoing)
            for fld, v in vals.items():
                c = ws.cell(r, COL[fld])
                c.value = v if v != "" else None
                if isinstance(v, str) and v.startswith("="):
                    c.data_type = "s"
            typed[(f.unit, key)] = (vals, r)
            r += 1
        out = ret / f.path.name
        wb.save(out)
        t = dt.datetime(2020, 11, 20, 10).timestamp()
        os.utime(out, (t, t))
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in ret.iterdir()}
    res = run_month(tl, [ret], PERIOD, dt.date(2020, 11, 30), due=DUE, history_folder=root / "档案")
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in ret.iterdir()}
    return tl, files, typed, res, before, after, root


def test_every_unit_received_on_time(month):
    tl, files, typed, res, *_ = month
    assert len(res.units) == len(files) == len(tl.units())
    assert {u.state for u in res.units} == {"已报送"}
    assert res.missing_units == []
    assert all(s.status == "counted" and s.unit_how == "identity" for s in res.col.submissions)


def test_inputs_are_never_modified(month):
    *_, before, after, _root = month
    assert before == after


def test_every_typed_value_is_reported_with_its_source(month):
    tl, files, typed, res, *_ = month
    reports = res.col.reports()
    for (unit, key), (vals, row) in typed.items():
        rep = reports[key][unit]
        assert rep.state == vals["state"] and rep.percent == pytest.approx(vals["percent"])
        assert rep.progress == vals["progress"] and rep.problems == vals["problems"]
        assert rep.row == row and rep.sheet == rs.SHEET and rep.unit == unit
        assert rep.cells["progress"] == f"H{row}"
        # the source really holds that value
        path = next(f.path for f in files if f.unit == unit)
        ws = openpyxl.load_workbook(path.parent.parent / "收回" / path.name)[rep.sheet]
        assert ws[rep.cells["progress"]].value == vals["progress"]


# the sample month has tasks reported 已完成 (待销号): the 销号延期 sheet is there; no targets,
# no evidence files, the list unchanged: no 目标, 佐证材料, 清单变更 sheets
RESULT_SHEETS = ["概况", "汇总", "报送情况", "督办", "排名", "销号延期", "收到文件", "异常清单", "原始数据"]


def _raw_rows(path):
    wb = pc.CalamineWorkbook.from_path(str(path))
    assert wb.sheet_names == RESULT_SHEETS
    raw = wb.get_sheet_by_name("原始数据").to_python()
    header = raw[0]
    return wb, [dict(zip(header, r)) for r in raw[1:]]


def test_result_workbook_keeps_every_value(month, tmp_path):
    """With all_values every value read is in 原始数据 with its source."""
    tl, files, typed, res, *_ = month
    from zhishui.result_writer import write_result
    wb, rows = _raw_rows(write_result(res, tmp_path / "汇总.xlsx", all_values=True))
    assert len(rows) == len(res.col.values)
    keyed = {(r["文件"], r["单元格"]): r for r in rows}
    for (unit, key), (vals, row) in typed.items():
        fname = next(f.path.name for f in files if f.unit == unit)
        hit = keyed[(f"收回/{fname}", f"H{row}")]
        assert hit["原始值"] == vals["progress"] and hit["是否采用"] == "是" and hit["单位"] == unit
        if vals["problems"]:
            assert keyed[(f"收回/{fname}", f"I{row}")]["原始值"] == "=资金不足"   # text, not a formula
    summary = wb.get_sheet_by_name("汇总").to_python()
    assert len(summary) == 1 + len(tl.tasks)


def test_result_workbook_shows_what_was_not_used_and_the_history_keeps_every_value(month, tmp_path):
    """By default 原始数据 holds exactly the values not used; every value, used or not, is in the
    history database with its file, sheet and cell."""
    import sqlite3
    tl, files, typed, res, *_, root = month
    from zhishui.result_writer import write_result
    _, rows = _raw_rows(write_result(res, tmp_path / "汇总.xlsx"))
    not_used = {(v.file, v.sheet, v.cell) for v in res.col.values if not v.used}
    assert {(r["文件"], r["工作表"], r["单元格"]) for r in rows} == not_used
    assert all(r["是否采用"] == "否" and r["说明"] for r in rows)
    db = sqlite3.connect(root / "档案" / "history.sqlite")
    stored = {(f, sheet, cell): (raw, used) for f, sheet, cell, raw, used in db.execute(
        "SELECT s.file, v.sheet, v.cell, v.raw, v.used FROM cell_values v JOIN submissions s ON s.id = v.submission_id")}
    assert len(stored) == len(res.col.values)
    for (unit, key), (vals, row) in typed.items():
        fname = next(f.path.name for f in files if f.unit == unit)
        assert stored[(f"收回/{fname}", rs.SHEET, f"H{row}")] == (vals["progress"], 1)


WORST_FIRST = ["逾期", "进度滞后", "未报送", "临期", "序时推进", "长期坚持", "已完成"]


def expected_share(d, state, pct, on, plan_date):
    """An independent oracle: README 「任务状态怎么定」 for one unit's share, no history."""
    kind = "staged" if d.ongoing and d.due else "ongoing" if (d.ongoing or d.recurrence) else "once"
    if state == "已完成":
        return "已完成" if kind == "once" else "长期坚持"
    if d.due and d.due < on and kind != "ongoing":
        return "逾期"
    if state in ("进度滞后", "未启动"):
        return "进度滞后"
    if kind != "ongoing" and d.due and pct is not None:
        start = d.start or plan_date
        expected = min(1.0, max(0.0, (on - start).days / (d.due - start).days))
        if round(round(expected, 4) - pct, 6) >= 0.1:    # 低10个百分点以上, ten included
            return "进度滞后"
    if d.due and kind != "ongoing" and (d.due - on).days <= 15:
        return "临期"
    return "长期坚持" if kind == "ongoing" else "序时推进"


def test_every_status_is_right(month):
    tl, files, typed, res, *_ = month
    on = dt.date(2020, 11, 30)
    seen = set()
    light = {"已完成": "绿", "序时推进": "绿", "长期坚持": "绿", "临期": "黄", "进度滞后": "黄", "未报送": "黄", "逾期": "红"}
    for ts in res.statuses:
        t = ts.task
        shares = [expected_share(t.deadline, typed[(u, t.key)][0]["state"], typed[(u, t.key)][0]["percent"], on,
                                 tl.ref_date) for u in t.answering_units()]
        exp = min(shares, key=WORST_FIRST.index)
        assert ts.status == exp, (t.seq, shares, t.deadline.raw)
        assert ts.light == light[exp]
        seen.add(exp)
    assert {"已完成", "长期坚持", "逾期", "序时推进", "进度滞后"} <= seen


def test_overdue_tasks_count_days_and_are_red(month):
    tl, files, typed, res, *_ = month
    overdue = [ts for ts in res.statuses if ts.task.deadline.due == dt.date(2020, 9, 30)
               and not ts.task.deadline.ongoing
               and any(typed[(u, ts.task.key)][0]["state"] != "已完成" for u in ts.task.lead_units())]
    assert overdue
    for ts in overdue:
        assert (ts.status, ts.days_overdue, ts.light) == ("逾期", 61, "红")


def test_due_soon_in_december(month):
    tl, files, typed, res, before, after, root = month
    res2 = run_month(tl, [root / "收回"], PERIOD, dt.date(2020, 12, 20), due=DUE, use_history=False)
    soon = [ts for ts in res2.statuses if ts.status == "临期"]
    assert soon and all(ts.due == dt.date(2020, 12, 31) and ts.days_left == 11 for ts in soon)


def test_cli_split_and_collect_json(tmp_path):
    r = CliRunner().invoke(cli, ["split", str(LIST001), "--period", "2020-11", "--due", "2020-11-25",
                                 "--out", str(tmp_path / "下发"), "--json"])
    assert r.exit_code == 1, r.output            # 区市场管理局 (the list's slip) gets no return
    assert "「区市场管理局」不在单位名录中" in r.stderr and "G13" in r.stderr
    made = json.loads(r.stdout)["files"]
    assert len(made) == 52 and all(m["file"].endswith(".xlsx") for m in made)
    # three units send theirs back untouched, one of them late
    back = tmp_path / "收回"
    back.mkdir()
    for i, m in enumerate(made[:3]):
        p = back / os.path.basename(m["file"])
        p.write_bytes(open(m["file"], "rb").read())
        t = dt.datetime(2020, 11, 26 if i == 0 else 20).timestamp()
        os.utime(p, (t, t))
    r = CliRunner().invoke(cli, ["collect", str(LIST001), str(back), "--period", "2020-11", "--date", "2020-11-30",
                                 "--due", "2020-11-25", "--out", str(tmp_path / "汇总.xlsx"),
                                 "--json", str(tmp_path / "r.json"), "--history", str(tmp_path / "h")])
    assert r.exit_code == 1, r.output
    d = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert set(d) >= {"period", "expected_units", "received", "missing_units", "anomalies", "tasks"}
    assert d["period"] == "2020-11" and len(d["expected_units"]) == 52
    for s in d["received"]:
        assert set(s) >= {"file", "sha256", "unit", "period", "status", "rows"}
    assert len(d["missing_units"]) == 52          # three sent a file back, but untouched: empty counts as missing
    assert sorted(u["state"] for u in d["units"]).count("空表") == 3
    assert {a["code"] for a in d["anomalies"]} == {"EMPTY_RETURN"}
    for a in d["anomalies"]:
        assert set(a) >= {"file", "sheet", "cell", "code", "severity", "message"}
    t = d["tasks"][0]
    assert set(t) >= {"seq", "status", "light", "reports"}
    assert "应报单位 52 个" in r.output


def test_result_workbook_opens_in_libreoffice(month, tmp_path):
    from conftest import office_convert
    from zhishui.result_writer import write_result
    tl, files, typed, res, *_ = month
    out = write_result(res, tmp_path / "汇总.xlsx")
    ods = office_convert(out, "ods", tmp_path / "lo")
    wb = pc.CalamineWorkbook.from_path(str(ods))
    assert wb.sheet_names == RESULT_SHEETS
    summary = wb.get_sheet_by_name("汇总").to_python()
    assert [str(r[0]) for r in summary[1:]] == [t.seq for t in tl.tasks]
