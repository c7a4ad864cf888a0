"""The 通报 of a month with many overdue and lagging tasks (trial 25: 220 tasks, 29 pages, 18 of them these two tables
in the body): past PROBLEMS_INLINE_MAX rows the body counts them by unit and the tables become annexes."""
from __future__ import annotations

from docx import Document

from returns_factory import issued_month
from test_bulletin_wording import run

A, B, C = "县水利局", "县住建局", "县农业农村局"
OFFICE = [("汇总单位", "县河长制办公室")]


def _month(tmp_path, overdue_a: int, overdue_b: int, lagging_a: int, lagging_b: int):
    """Tasks numbered from 1: A's overdue, B's overdue (due September), A's lagging, B's lagging (due next year),
    two of C's done; each unit reports its own. Returns the 通报's path and the oracle {unit: (overdue, lagging)}."""
    tasks, fills = {}, {A: {}, B: {}, C: {}}
    n = 0

    def add(unit, due, state, pct):
        nonlocal n
        n += 1
        tasks[str(n)] = [f"第{n}项治理工程", due, unit, "", ""]
        fills[unit][str(n)] = (state, pct, "推进中" if state != "已完成" else "已完工")
    for unit, k in ((A, overdue_a), (B, overdue_b)):
        for _ in range(k):
            add(unit, "2020年9月底前", "序时推进", 0.6)
    for unit, k in ((A, lagging_a), (B, lagging_b)):
        for _ in range(k):
            add(unit, "2021年6月底前", "进度滞后", 0.2)
    for _ in range(2):
        add(C, "2020年9月底前", "已完成", 1)
    lst = issued_month(tmp_path, tasks, [A, B, C], "2020-10", fills, settings=OFFICE)
    run("docs", lst, tmp_path / "收回", "--period", "2020-10", "--date", "2020-10-31", "--out", tmp_path / "文书")
    paths = list((tmp_path / "文书" / "进展通报").glob("*.docx"))
    assert len(paths) == 1
    return paths[0], {A: (overdue_a, lagging_a), B: (overdue_b, lagging_b)}


def _parts(path):
    """Paragraph texts and tables (rows of cell texts), in the document's order (without the zero-width spaces the
    documents put where a line may break)."""
    d = Document(path)
    paras = [p.text.replace("\u200b", "") for p in d.paragraphs]
    tables = [[[c.text.replace("\u200b", "").strip() for c in row.cells] for row in t.rows] for t in d.tables]
    return paras, tables


def test_many_overdue_and_lagging_tasks_are_counted_by_unit_and_listed_in_annexes(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    path, truth = _month(tmp_path, 8, 4, 4, 6)                    # 12 + 10 rows: more than 20
    paras, tables = _parts(path)
    assert "各单位逾期、进度滞后的任务项数如下表，任务明细见附件1、2。" in paras
    assert not any(p.endswith("逾期未完成任务") and p.startswith("（") for p in paras)   # no body sub-heading
    by_unit = next(t for t in tables if t[0][0] == "单位")
    assert by_unit[0] == ["单位", "逾期任务数", "逾期任务序号", "滞后任务数", "滞后任务序号"]
    got = {r[0]: (int(r[1] or 0), int(r[3] or 0)) for r in by_unit[1:]}
    assert got == truth
    row_a = next(r for r in by_unit if r[0] == A)
    assert row_a[2] == "、".join(str(i) for i in range(1, 9))          # A's overdue tasks are 1-8
    assert row_a[4] == "、".join(str(i) for i in range(13, 17))        # A's lagging tasks 13-16
    assert [r[0] for r in by_unit[1:]] == [A, B]                        # most overdue first
    # the annexes: labelled 附件1 / 附件2, titled, with every task once
    assert ["附件：1.逾期未完成任务清单", "2.进度滞后任务清单"] == [x.strip("\u3000") for x in
                                                    next(p for p in paras if p.startswith("附件：")).split("\n")]
    i1, i2 = paras.index("附件1"), paras.index("附件2")
    assert paras[i1 + 1] == "逾期未完成任务清单" and paras[i2 + 1] == "进度滞后任务清单"
    overdue = next(t for t in tables if "逾期天数及原因" in t[0])
    lagging = next(t for t in tables if "滞后原因" in t[0])
    assert sorted(int(r[0]) for r in overdue[1:]) == list(range(1, 13))
    assert sorted(int(r[0]) for r in lagging[1:]) == list(range(13, 23))


def test_up_to_twenty_rows_stay_in_the_body(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    path, _ = _month(tmp_path, 6, 4, 4, 6)                        # 10 + 10 rows: in the body, as before
    paras, tables = _parts(path)
    assert "（一）逾期未完成任务" in paras and "（二）进度滞后任务" in paras
    assert not any(p.startswith("附件") for p in paras)
    assert not any("任务明细见附件" in p for p in paras)
    assert not any(t[0][0] == "单位" and "逾期任务数" in t[0] for t in tables)
