"""``--no-history`` is a trial run: it writes nothing and does not compare with last period, but the
clerk's approved 销号 and agreed 延期 (and units' earlier 已完成) still apply.  A real three-month run
on seed 003's list through the command line: the trial of month 3 must judge every task, chase and
press exactly as the recorded run does (the oracle: the same month consolidated with its history)."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from returns_factory import fill_return
from zhishui.cli import cli

D = dt.date
SAMPLE = ROOT / "samples" / "seed003"
LIST_NAME = "新乡市污水处理提质增效三年行动方案责任清单.xlsx"
DIRECTORY = "新乡市单位名录.xlsx"
PERIODS = ["2020-01", "2020-02", "2020-03"]
DONE_2019 = ["1", "3", "5", "15"]        # 2019 tasks reported 已完成 in January and closed out
EXTENDED = "37"                           # a 2019 task one unit asks more time for; agreed


def run(*args, code=0):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r.output


def rows_of(path: Path) -> set[str]:
    import openpyxl
    ws = openpyxl.load_workbook(path)["报送表"]
    return {str(ws.cell(r, 1).value) for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}


@pytest.fixture(scope="module")
def months(tmp_path_factory):
    root = tmp_path_factory.mktemp("three")
    lst, directory = root / LIST_NAME, root / DIRECTORY
    shutil.copy(SAMPLE / LIST_NAME, lst)
    shutil.copy(SAMPLE / DIRECTORY, directory)
    asker = None
    res = {"root": root, "list": lst, "directory": directory}
    for period in PERIODS:
        m = int(period[5:])
        blank = root / "下发" / period
        run("split", lst, "--directory", directory, "--period", period, "--out", blank, "--date", D(2020, m, 1))
        inbox = root / "收回" / period
        for p in sorted(blank.glob("*.xlsx")):
            unit = p.name.split("_")[1]
            if asker is None and EXTENDED in rows_of(p):
                asker = unit

            def row(i, seq, u, m=m):
                if seq in DONE_2019:
                    return ({"完成状态": "已完成", "进展情况": "已完成2019年度任务", "佐证材料": "验收报告.pdf"}
                            if m == 1 else {})
                out = {"完成状态": "序时推进", "进展情况": f"第{seq}项任务{m}月按计划推进"}
                if seq == EXTENDED and u == asker and m == 1:
                    out.update({"申请延期至": D(2020, 6, 30), "延期理由": "管网改造受冬季施工影响"})
                return out
            fill_return(p, inbox / p.name, unit, values=row, report_date=D(2020, m, 20),
                        mtime=dt.datetime(2020, m, 20, 10))
        common = [lst, "--directory", directory, inbox, "--period", period, "--date", D(2020, m, 28)]
        if period == "2020-03":    # the trial first (it must not depend on month 3 being recorded)
            run("collect", *common, "--no-history", "--out", root / "试算.xlsx", "--json", root / "试算.json")
            res["trial_docs"] = run("docs", *common, "--no-history", "--out", root / "文书试算")
        run("collect", *common, "--out", root / f"{period}.xlsx", "--json", root / f"{period}.json")
        if period == "2020-01":
            run("close", lst, "--directory", directory, *DONE_2019, "--period", period)
            run("extend", lst, "--directory", directory, EXTENDED, "--period", period)
        if period == "2020-03":
            res["docs"] = run("docs", *common, "--out", root / "文书")
    res["asker"] = asker
    res["real"] = json.loads((root / "2020-03.json").read_text(encoding="utf-8"))
    res["trial"] = json.loads((root / "试算.json").read_text(encoding="utf-8"))
    return res


def test_trial_judges_like_the_recorded_month(months):
    real, trial = months["real"], months["trial"]
    assert months["asker"]
    assert trial["totals"] == real["totals"]
    assert real["totals"]["完成率"] > 0
    keep = ("key", "status", "due", "original_due", "closeout", "missing_units", "pressed_units", "shares")
    assert [{k: t[k] for k in keep} for t in trial["tasks"]] == [{k: t[k] for k in keep} for t in real["tasks"]]
    assert trial["missing_units"] == real["missing_units"] and trial["pressed"] == real["pressed"]
    by = {t["key"]: t for t in trial["tasks"]}
    for k in DONE_2019:      # closed out in January: done, asked of nobody, pressed on nobody
        assert (by[k]["status"], by[k]["closeout"]) == ("已完成", "已销号")
        assert not by[k]["missing_units"] and not by[k]["pressed_units"]
    t = by[EXTENDED]         # 2019年12月底 moved to 2020-06-30: not overdue in March
    assert (t["status"], t["due"], t["original_due"]) == ("序时推进", "2020-06-30", "2019-12-31")


def test_trial_skips_only_the_comparison_and_the_record(months):
    real, trial = months["real"], months["trial"]
    assert real["history"]["folder"] and not trial["history"]["folder"]
    assert "试算（--no-history）" in trial["history"]["note"] and "已销号4项" in trial["history"]["note"]
    assert all(t["previous_status"] is None for t in trial["tasks"])
    assert any(t["previous_status"] for t in real["tasks"])
    import sqlite3
    db = months["root"] / f"{Path(LIST_NAME).stem}_督办档案" / "history.sqlite"
    with sqlite3.connect(db) as c:   # the trial recorded nothing: month 3 once, from the real run
        assert c.execute("SELECT COUNT(DISTINCT period) FROM task_status").fetchone()[0] == 3
    import openpyxl
    ws = openpyxl.load_workbook(months["root"] / "试算.xlsx")["概况"]
    said = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "试算（--no-history）" in said and "已销号4项" in said and "不与上期比较" in said


def test_trial_docs_press_and_chase_the_same_units(months):
    real, trial = months["root"] / "文书", months["root"] / "文书试算"
    names = lambda d: sorted(p.name for p in d.rglob("*.docx") if "督办" in p.name or "催报" in p.name)  # noqa: E731
    assert names(trial) == names(real) and names(real)
    for name in names(real):     # the same tasks, the same reasons, for each unit
        assert docx_text(next(trial.rglob(name))) == docx_text(next(real.rglob(name))), name


def docx_text(path: Path) -> list[str]:
    from docx import Document
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]


def test_help_says_what_no_history_skips():
    out = CliRunner().invoke(cli, ["collect", "--help"]).output
    assert "不与上期比较" in out and "已批准的销号、已同意的延期" in out
