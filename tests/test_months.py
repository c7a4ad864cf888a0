"""Three months in a row (November, December, January), run with the README's own commands.

The list is renamed between November and December and moved to another folder (and edited)
between December and January: the history is found again each time and the comparison with
last month is still there.  区农业农村委 stops reporting on its two overdue tasks after
November: they stay 逾期 and its rank does not improve.  Task 1 is reported done in December
and not done in January; task 7 goes from 序时推进 to 逾期; 区河长办's 完成比例 falls and its
progress text is copied unchanged.  Every status, count, flag and score is checked against an
oracle written here from the README's tables, in the JSON, the 汇总 workbook, the 通报 and the
add-in's table after a click.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from conftest import ROOT, readme_rows
from plan_lists import write_list
from returns_factory import fill_issued
from zhishui.addin.macros import run as click_run
from zhishui.addin.remote import Replay, remote_book
from zhishui.cli import cli

D = dt.date
U1, U2, U3, U4 = "区住房城乡建委", "区农业农村委", "区河长办", "区水利局"
# seq -> (task, deadline (a date, or None for 长期坚持), lead)
TASKS = {
    "1": ("建成城南污水处理厂一期工程", D(2020, 12, 31), U1),
    "2": ("完成生猪屠宰场布点专项规划编制", D(2020, 10, 31), U2),
    "3": ("依法查处无证家禽宰杀作坊", D(2020, 10, 31), U2),
    "4": ("完成临江河河道清淤疏浚", D(2021, 6, 30), U3),
    "5": ("开展临江河日常巡河", None, U3),
    "6": ("编制水库消落带治理专项规划", D(2021, 6, 30), U4),
    "7": ("完成城区截污干管改造", D(2021, 1, 15), U4),
    "8": ("完成镇级污水处理站提标改造", D(2021, 3, 31), U1),
}
PLAN_DATE = D(2020, 11, 1)     # 成文日期: the start of time-proportional progress


def deadline_text(d):
    return "长期坚持" if d is None else f"{d.year}年{d.month}月{d.day}日前"


# period -> (report date, {unit: {seq: (state, 完成比例, 进展情况)}}); a unit absent sends nothing
MONTHS = {
    "2020-11": (D(2020, 11, 30), {
        U1: {"1": ("序时推进", 0.6, "城南污水厂主体工程完工"), "8": ("已完成", 1.0, "提标改造已通过验收")},
        U2: {"2": ("进度滞后", 0.5, "规划初稿编制中"), "3": ("序时推进", 0.7, "已立案调查两处作坊")},
        U3: {"4": ("序时推进", 0.4, "已完成河道清淤四成"), "5": ("持续推进", None, "本月巡河20次")},
        U4: {"6": ("序时推进", 0.3, "规划编制单位已确定"), "7": ("序时推进", 0.5, "截污干管施工过半")},
    }),
    "2020-12": (D(2020, 12, 28), {
        U1: {"1": ("已完成", 1.0, "城南污水厂一期通水运行")},
        U3: {"4": ("序时推进", 0.3, "已完成河道清淤四成"), "5": ("已完成", None, "巡河制度已建立并落实")},
        U4: {"6": ("序时推进", 0.5, "规划初稿已完成"), "7": ("序时推进", 0.9, "截污干管完成九成")},
    }),
    "2021-01": (D(2021, 1, 29), {
        U1: {"1": ("序时推进", 0.95, "一期尾水管网仍在施工")},
        # (task 5's 已完成 twice in the same words: a 长期坚持 part done has nothing new to say, no 进展照抄上期)
        U3: {"4": ("序时推进", 0.5, "已完成河道清淤五成"), "5": ("已完成", None, "巡河制度已建立并落实")},
        U4: {"6": ("序时推进", 0.6, "规划通过专家评审"), "7": ("序时推进", 0.95, "截污干管完成九成五")},
    }),
}
PERIODS = list(MONTHS)


# --- the oracle: README 「任务状态怎么定」「与上期比较」「单位怎么排名」, written out for this list ---------------

def report(period, seq):
    return MONTHS[period][1].get(TASKS[seq][2], {}).get(seq)


def oracle_status(period, seq) -> str:
    on = MONTHS[period][0]
    due = TASKS[seq][1]
    rep = report(period, seq)
    if due is None:                                    # 长期坚持
        return "长期坚持" if rep else "未报送"
    earlier = [report(p, seq) for p in PERIODS[:PERIODS.index(period)]]
    last = next((r for r in reversed(earlier) if r), None)
    if rep and rep[0] == "已完成" or (rep is None and last and last[0] == "已完成"):
        return "已完成"
    if due < on:
        return "逾期"
    if rep is None:
        return "未报送"
    expected = min(1.0, (on - PLAN_DATE).days / (due - PLAN_DATE).days)
    if rep[0] in ("进度滞后", "未启动") or (rep[1] is not None and round(round(expected, 4) - rep[1], 6) >= 0.1):
        return "进度滞后"
    if (due - on).days <= 15:
        return "临期"
    return "序时推进"


def oracle_flags(period, seq) -> list[str]:
    i = PERIODS.index(period)
    if i == 0:
        return []
    prev_period = PERIODS[i - 1]
    before, now = oracle_status(prev_period, seq), oracle_status(period, seq)
    out = []
    if before == "已完成" and now != "已完成":
        out.append("完成后倒退")
    elif now == "逾期" and before != "逾期":
        out.append("转为逾期")
    a, b = report(prev_period, seq), report(period, seq)
    if a and b:
        if a[1] is not None and b[1] is not None and b[1] < a[1]:
            out.append("完成比例下降")
        if now != "已完成" and b[0] != "已完成" and len(b[2]) >= 5 and a[2] == b[2]:
            out.append("进展照抄上期")
    return out


POINTS = {"已完成": 1, "长期坚持": 1, "序时推进": 1, "临期": 1, "进度滞后": 0.5, "逾期": 0, "未报送": 0}


def oracle_scores(period) -> dict[str, float]:
    out = {}
    for unit in (U1, U2, U3, U4):
        seqs = [s for s, t in TASKS.items() if t[2] == unit]
        reporting = 20 if unit in MONTHS[period][1] else 0     # every return arrives on the 20th: on time
        out[unit] = round(reporting + 80 * sum(POINTS[oracle_status(period, s)] for s in seqs) / len(seqs), 1)
    return out


def test_the_oracle_holds_what_the_story_says():
    assert [oracle_status(p, "2") for p in PERIODS] == ["逾期"] * 3          # not reporting does not help
    assert [oracle_status(p, "1") for p in PERIODS] == ["序时推进", "已完成", "逾期"]
    assert oracle_flags("2020-12", "4") == ["完成比例下降", "进展照抄上期"]
    assert oracle_flags("2021-01", "1") == ["完成后倒退", "完成比例下降"]   # reported 100%, then 95%
    assert oracle_flags("2021-01", "7") == ["转为逾期"]
    assert oracle_scores("2020-12")[U2] < oracle_scores("2020-11")[U2]


# --- the three months -------------------------------------------------------------------------------

def list_rows(version: int) -> dict:
    rows = {s: (t, deadline_text(d), lead) for s, (t, d, lead) in TASKS.items()}
    if version == 2:   # January's list: task 6 reworded (a new version of the list)
        rows["6"] = ("编制水库消落带治理专项规划（含生态修复）", rows["6"][1], U4)
    return rows


def run(*args) -> CliRunner:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == 0, r.output + r.stderr
    return r


def one_month(root: Path, lst: Path, period: str) -> dict:
    on, fills = MONTHS[period]
    here = root / period
    run("split", lst, "--period", period, "--out", here / "下发")
    fill_issued(here / "下发", here / "收到", period, fills)
    c = run("collect", lst, here / "收到", "--period", period, "--date", on.isoformat(),
            "--out", here / "汇总.xlsx", "--json", here / "r.json")
    d = run("docs", lst, here / "收到", "--period", period, "--date", on.isoformat(), "--out", here / "文书",
            "--kind", "进展通报")
    return {"json": json.loads((here / "r.json").read_text(encoding="utf-8")), "collect": c.output,
            "docs": d.output, "xlsx": here / "汇总.xlsx", "bulletin": next((here / "文书" / "进展通报").glob("*.docx")),
            "inbox": here / "收到"}


@pytest.fixture(scope="module")
def months(tmp_path_factory):
    root = tmp_path_factory.mktemp("三个月")
    nov_list = write_list(root / "科室" / "整改任务清单.xlsx", list_rows(1), plan_name="永川区水污染防治整改方案",
                          doc_date=PLAN_DATE)
    out = {"2020-11": one_month(root, nov_list, "2020-11")}
    dec_list = nov_list.with_name("整改任务清单（12月修订）.xlsx")       # renamed in the same folder
    nov_list.rename(dec_list)
    out["2020-12"] = one_month(root, dec_list, "2020-12")
    jan_list = write_list(root / "2021年" / "督办" / "2021整改清单.xlsx", list_rows(2),      # moved, and edited
                          plan_name="永川区水污染防治整改方案", doc_date=PLAN_DATE)
    dec_list.unlink()
    out["2021-01"] = one_month(root, jan_list, "2021-01")
    out["lists"] = {"2020-11": nov_list, "2020-12": dec_list, "2021-01": jan_list}
    out["root"] = root
    return out


@pytest.mark.parametrize("period", PERIODS)
def test_statuses_counts_and_flags_follow_the_tables(months, period):
    j = months[period]["json"]
    status = {t["seq"]: t["status"] for t in j["tasks"]}
    assert status == {s: oracle_status(period, s) for s in TASKS}
    assert {s: j["totals"][s] for s in POINTS} == {s: list(status.values()).count(s) for s in POINTS}
    flags = {seq: [c["kind"] for c in cs] for seq, cs in j["changes"].items()}
    assert flags == {s: oracle_flags(period, s) for s in TASKS if oracle_flags(period, s)}
    i = PERIODS.index(period)
    if i:
        assert j["previous"]["period"] == PERIODS[i - 1]
        assert {t["seq"]: t["previous_status"] for t in j["tasks"]} == {s: oracle_status(PERIODS[i - 1], s) for s in TASKS}


def test_not_reporting_never_pays(months):
    """The overdue tasks of the unit that stops reporting stay overdue, shown as 逾期（未报送）; its score
    falls; in January it ranks below the units that reported their overdue tasks honestly."""
    scores = {p: {u["unit"]: (u["score"], u["rank"]) for u in months[p]["json"]["ranking"]} for p in PERIODS}
    for p in PERIODS:
        assert {u: s for u, (s, _) in scores[p].items()} == oracle_scores(p)
        t = months[p]["json"]["totals"]
        assert t["逾期"] >= 2
    assert [months[p]["json"]["totals"]["逾期"] for p in PERIODS] == [2, 2, 4]
    assert months["2020-12"]["json"]["totals"]["逾期未报送"] == 2
    assert scores["2020-12"][U2][0] < scores["2020-11"][U2][0] and scores["2021-01"][U2][0] <= scores["2020-12"][U2][0]
    jan = scores["2021-01"]
    assert jan[U2][1] == 4 and jan[U1][1] < jan[U2][1] and jan[U4][1] < jan[U2][1]
    for p in ("2020-12", "2021-01"):
        text = "".join(par.text for par in Document(months[p]["bulletin"]).paragraphs)
        assert "逾期任务减少" not in text
        rows = [[c.text for c in r.cells] for t in Document(months[p]["bulletin"]).tables for r in t.rows]
        overdue = [r for r in rows if r and r[0] in ("2", "3") and "未报送" in r[-1]]
        assert len(overdue) == 2, rows


def test_the_history_follows_the_list(months):
    nov, dec, jan = (months[p] for p in PERIODS)
    assert "历史记录：新建" in nov["collect"]
    assert "历史记录：沿用" in dec["collect"] and "改名" in dec["collect"] and "整改任务清单.xlsx" in dec["collect"]
    assert "清单版本相同" in dec["collect"]
    assert "历史记录：沿用" in jan["collect"] and "移动" in jan["collect"] and "与上一版相同" in jan["collect"]
    assert "历史记录：沿用" in jan["docs"]
    folders = {months[p]["json"]["history"]["folder"] for p in PERIODS}
    assert len(folders) == 1 and folders.pop().endswith("整改任务清单_督办档案")
    assert jan["json"]["plan"]["list_versions"] == 2 and jan["json"]["plan"]["id"] == nov["json"]["plan"]["id"]
    for p in ("2020-12", "2021-01"):
        assert "与上期比较：" in months[p]["collect"]
        overview = [r[0] for r in openpyxl.load_workbook(months[p]["xlsx"])["概况"].iter_rows(values_only=True)]
        assert any(str(x).startswith("历史记录：沿用") for x in overview)
    # January's returns carry the plan's number from the history found again (split looked it up)
    assert {s["plan"]["rule"] for s in jan["json"]["received"]} == {2}


@pytest.mark.parametrize("period", PERIODS[1:])
def test_regressions_are_shown_in_the_summary_and_the_bulletin(months, period):
    m = months[period]
    ws = openpyxl.load_workbook(m["xlsx"])["汇总"]
    rows = [dict(zip([c.value for c in ws[1]], [c.value for c in r])) for r in ws.iter_rows(min_row=2)]
    prev = PERIODS[PERIODS.index(period) - 1]
    for r in rows:
        seq = str(r["序号"])
        assert r["上期状态"] == oracle_status(prev, seq)
        kinds = oracle_flags(period, seq)
        text = r["与上期比较"] or ""
        assert bool(text) == bool(kinds), (seq, text)
        assert [part.split("（")[0] for part in text.split("；") if part] == kinds, (seq, text)
    doc = Document(m["bulletin"])
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:6] ==
                 ["序号", "任务内容", "牵头单位", "上期状态", "本期状态", "情况"])
    listed = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[0] for r in listed] == [s for s in TASKS if oracle_flags(period, s)]
    for r in listed:
        assert r[3] == oracle_status(prev, r[0]) and r[4].startswith(oracle_status(period, r[0]))
    text = "".join(p.text for p in doc.paragraphs)
    assert "与上期相比退步或进展照抄的任务" in text and f"以下{len(listed)}项任务" in text


def test_the_addin_table_shows_the_same_comparison(months, tmp_path):
    """The 督办台账 made from January's list (another file, elsewhere) finds the same history by its plan,
    and its 汇总 table after the click carries the same comparison."""
    sys.path.insert(0, str(ROOT / "workbook_templates"))
    import build_master as bm
    master = tmp_path / "督办台账.xlsx"
    bm.main(["--from-list", str(months["lists"]["2021-01"]), "--out", str(master), "--period", "2021-01",
             "--report-date", "2021-01-29"])
    inbox = tmp_path / "收到"
    shutil.copytree(months["2021-01"]["inbox"], inbox)
    book, payload = remote_book(master, {("控制台", "B4"): "汇总报送", ("控制台", "B6"): D(2021, 1, 29),
                                         ("控制台", "B8"): str(inbox), ("控制台", "B9"): str(tmp_path / "输出")},
                                full_path=True)
    assert click_run(book, today=D(2021, 1, 29)) is not None
    x = Replay(payload, book.json()["actions"])
    from zhishui.tables import SUMMARY_CHANGES_COL, SUMMARY_PREVIOUS_COL
    table = {str(r[0]): r for r in x.table("汇总")}
    assert {s: r[SUMMARY_PREVIOUS_COL] for s, r in table.items()} == {s: oracle_status("2020-12", s) for s in TASKS}
    assert [s for s, r in table.items() if r[SUMMARY_CHANGES_COL]] == [s for s in TASKS if oracle_flags("2021-01", s)]
    assert "历史记录：沿用" in x.cell("控制台", "B19")


FLAG_ROWS = readme_rows("与上期比较")


def test_readme_flag_table_is_the_code():
    from zhishui.changes import KINDS
    assert [FLAG_ROWS[i] for i in sorted(FLAG_ROWS)] == KINDS


@pytest.mark.parametrize("row", sorted(FLAG_ROWS))
def test_flag_rule(months, row):
    """Each row of the README's table is raised in the three months, exactly where the oracle says."""
    kind = FLAG_ROWS[row]
    seen = {(p, seq) for p in PERIODS for seq, cs in months[p]["json"]["changes"].items()
            if kind in [c["kind"] for c in cs]}
    assert seen == {(p, s) for p in PERIODS for s in TASKS if kind in oracle_flags(p, s)} and seen
