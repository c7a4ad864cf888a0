"""How a typed 完成状态 is read (README 「单位写的完成状态怎么认」), row by row, from a real return.

The README's table is the oracle: each row's typed text goes into one task row of
区农业农村委's split return (seed 001), the folder is consolidated, and the row must be
read as the table says; a text the table says is not recognised keeps its raw text, is
flagged STATE_INVALID at its cell and never makes the task 已完成.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import LIST001, ROOT
from returns_factory import fill_return
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list
from zhishui.values import normalize_state

PERIOD, REPORT, DUE = dt.date(2020, 11, 1), dt.date(2020, 11, 30), dt.date(2020, 11, 25)
AGRI = "区农业农村委"


def readme_rows() -> list[tuple[str, str | None]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.split(r"\n##+ ", text.split("### 单位写的完成状态怎么认", 1)[1], maxsplit=1)[0]
    rows = re.findall(r"^\|\s*`([^`]+)`\s*\|\s*(\S+)\s*\|\s*$", section, flags=re.M)
    return [(typed, None if said == "认不出" else said) for typed, said in rows]


ROWS = readme_rows()


def test_the_table_has_the_forms_the_trial_found():
    typed = {t for t, _ in ROWS}
    assert {"完成一半", "完成三分之一", "已完成80%", "已落实资金", "已整改部分", "已完成", "已办结"} <= typed
    assert len(ROWS) >= 15


@pytest.mark.parametrize("typed,said", ROWS, ids=[t for t, _ in ROWS])
def test_row_read_alone(typed, said):
    state, problem = normalize_state(typed)
    assert state == said
    assert bool(problem) == (said is None)


WATER = "区水利局"      # the README rows 区农业农村委's 21 task rows do not hold


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    tl = load_list(LIST001)
    root = tmp_path_factory.mktemp("words")
    issued = {f.unit: f.path for f in split_returns(tl, PERIOD, root / "下发", due=DUE)}
    inbox = root / "收到"
    inbox.mkdir()
    filled, start = {}, 0
    for unit in (AGRI, WATER):
        def values(i, seq, unit, start=start):
            if start + i >= len(ROWS):
                return {}
            return {"完成状态": ROWS[start + i][0], "进展情况": f"第{seq}项进展", "佐证材料": "验收报告.pdf"}
        filled[unit] = fill_return(issued[unit], inbox / f"{unit}.xlsx", unit, values=values,
                                   report_date=dt.date(2020, 11, 20))
        start += len(filled[unit].rows)
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    return m, filled


def test_every_row_in_a_real_return(month):
    m, filled = month
    rows = [(u, key, f) for u, f in filled.items() for key in f.rows]
    assert len(rows) >= len(ROWS), "区农业农村委 and 区水利局 have a task row for every README row"
    reports = {(s.unit, r.task): r for s in m.col.submissions if s.status == "counted" for r in s.reports}
    flagged = {(a.file.split("/")[-1], a.cell) for a in m.anomalies if a.code == "STATE_INVALID"}
    statuses = {ts.task.key: ts for ts in m.statuses}
    answered = 0
    for i, (typed, said) in enumerate(ROWS):
        unit, key, f = rows[i]
        r = reports[(unit, key)]
        assert (r.state_raw, r.state) == (typed, said), (i, typed)
        cell = f"F{f.rows[key]}"
        assert ((f"{unit}.xlsx", cell) in flagged) == (said is None), (typed, cell)
        share = next((sh for sh in statuses[key].shares if sh.unit == unit), None)
        if share is None:       # it only co-operates on this task: its word decides nothing
            continue
        answered += 1
        if said is None:        # never done: judged on its deadline like a return without a state
            assert share.status != "已完成", (typed, share.status, share.reason)
        elif said == "已完成":
            assert share.status in ("已完成", "长期坚持"), (typed, share.status)
    assert answered >= 10


def test_a_row_filled_but_with_no_state_chosen_is_said(tmp_path):
    """进展情况 written and 完成状态 left blank: read as no state (never 已完成) and said at the state's cell
    (STATE_MISSING); a row left blank altogether is a task not reported, with no such note."""
    tl = load_list(LIST001)
    src = next(f.path for f in split_returns(tl, PERIOD, tmp_path / "下发", due=DUE) if f.unit == AGRI)
    inbox = tmp_path / "收到"
    inbox.mkdir()

    def values(i, seq, unit):
        if i == 0:
            return {"进展情况": "已完成项目招标，正在施工", "完成比例": "60%"}
        return {"完成状态": "推进中", "进展情况": f"第{seq}项进展"} if i == 1 else {}

    filled = fill_return(src, inbox / "农业农村委.xlsx", AGRI, values=values, report_date=dt.date(2020, 11, 20))
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    keys = list(filled.rows)
    missing = [a for a in m.anomalies if a.code == "STATE_MISSING"]
    assert [a.cell for a in missing] == [f"F{filled.rows[keys[0]]}"]
    assert "完成状态" in missing[0].message and missing[0].task
    share = next(sh for ts in m.statuses if ts.task.key == keys[0] for sh in ts.shares if sh.unit == AGRI)
    assert share.status != "已完成"
