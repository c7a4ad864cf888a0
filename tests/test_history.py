"""The history belongs to the plan (README 「历史记录跟着方案走」) and remembers what the clerk said.

The README's table row by row (the list found again after a rename, a move, a new version,
by its 方案编号 or 文号; not found when it names another plan); a round-1 database opens and
is adopted; ``--assign`` attributes a hand-made return, remembered by the file's hash for the
next run without the option; a receipt log's 文件/单位 columns do the same.

Each test runs with the history in the SQLite file beside the list and on a PostgreSQL server
(conftest.history_db).  On the server the database is the plan's history: nothing is searched for,
so the README's table reads there as "the same plan continues; another plan is refused".
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import readme_rows
from plan_lists import PLAN_A, TASKS_A, TASKS_B, UNITS, write_list
from returns_factory import fill_return
from zhishui.archives import locate
from zhishui.cli import cli
from zhishui.errors import ZhishuiError
from zhishui.month import run_month
from zhishui.tasks import load_list

NOV, NOV30 = dt.date(2020, 11, 1), dt.date(2020, 11, 30)
MONTH = ["--period", "2020-11", "--date", "2020-11-30"]


@pytest.fixture
def home(tmp_path, monkeypatch, history_db):
    """This test's own index of histories (nothing another test recorded can be found), with the
    history on each database in turn."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def sqlite_home(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ZHISHUI_HISTORY_DB", raising=False)
    return tmp_path / "home"


RULES = readme_rows("历史记录跟着方案走")
SETTINGS = {"文号": "永川府办发〔2020〕82号"}


def _start(tmp_path, settings=None):
    """A history made by a real month: the list beside its archive, nothing received yet."""
    lst = write_list(tmp_path / "原" / "清单.xlsx", TASKS_A, plan_name=PLAN_A, settings={**SETTINGS, **(settings or {})})
    (tmp_path / "空").mkdir()
    m = run_month(load_list(lst), [tmp_path / "空"], NOV, NOV30, allow_empty=True)
    return lst, m


def _variant(tmp_path, rule):
    """A list elsewhere (another folder, another name) that the README says is (or is not) the plan."""
    edited = dict(TASKS_A, **{"5": ("编制水库消落带生态修复专项规划", "2021年6月底", "区水利局")})
    other = {s: (t + "（续）", d, u) for s, (t, d, u) in TASKS_B.items()}
    where = tmp_path / "别处" / f"规则{rule}.xlsx"
    if rule == 1:
        return write_list(where, other, plan_name=PLAN_A, settings={"方案编号": "{id}"})
    if rule == 2:
        return write_list(where, TASKS_A, plan_name=PLAN_A, settings=SETTINGS)
    if rule == 3:
        return write_list(where, edited, plan_name="永川区另一个方案", settings=SETTINGS)
    if rule == 4:
        return write_list(where, other, plan_name=PLAN_A, settings=SETTINGS)
    return write_list(where, edited, plan_name=PLAN_A)


def test_readme_table_has_every_rule():
    assert RULES == {1: "同一方案", 2: "同一方案", 3: "不是", 4: "同一方案", 5: "同一方案"}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_history_rule(tmp_path, home, history_db, rule):
    lst, first = _start(tmp_path)
    path = _variant(tmp_path, rule)
    if rule == 1:    # the 方案编号 the first month showed in its 概况, copied into the 设置 sheet
        wb = openpyxl.load_workbook(path)
        for row in wb["设置"].iter_rows():
            if row[1].value == "{id}":
                row[1].value = first.plan.plan_id
        wb.save(path)
    if history_db:      # the server's database is this plan's: found whatever the list's name, or refused
        if RULES[rule] == "不是":
            with pytest.raises(ZhishuiError, match="属于另一个方案") as e:
                locate(load_list(path))
            assert e.value.code == "HISTORY_OTHER_PLAN"
        else:
            place = locate(load_list(path))
            assert not place.new and place.db == history_db and place.stored.plan_id == first.plan.plan_id
            assert place.stored.periods == ["2020-11"]
        return
    place = locate(load_list(path))
    if RULES[rule] == "不是":
        assert place.new and place.folder != first.history_folder and "新建" in place.note
    else:
        assert (place.folder, place.rule, place.new) == (first.history_folder, rule, False), place.note
        assert "沿用" in place.note and "移动" in place.note


def test_a_plan_numbered_otherwise_is_not_the_same(tmp_path, home, history_db):
    """Rule 3's other half: both lists carry a 方案编号, different ones."""
    lst, first = _start(tmp_path, {"方案编号": "YC-2020-01"})
    edited = dict(TASKS_A, **{"6": ("完成城区雨污分流管网改造二期工程", "2021年12月底", "区住房城乡建委")})
    path = write_list(tmp_path / "别处" / "清单.xlsx", edited, plan_name=PLAN_A,
                      settings={**SETTINGS, "方案编号": "YC-2020-02"})
    if history_db:
        with pytest.raises(ZhishuiError, match="属于另一个方案"):
            locate(load_list(path))
    else:
        assert locate(load_list(path)).new


def test_an_explicit_history_of_another_plan_stops(tmp_path, home):
    lst, first = _start(tmp_path)
    b = write_list(tmp_path / "乙.xlsx", TASKS_B, plan_name="永川区汛期方案")
    r = CliRunner().invoke(cli, ["collect", str(b), str(tmp_path / "空"), *MONTH, "--allow-empty",
                                 "--history", str(first.history_folder), "--out", str(tmp_path / "汇总.xlsx")])
    assert r.exit_code == 2 and "属于另一个方案" in r.stderr and first.plan.plan_id in r.stderr, r.output
    assert not (tmp_path / "汇总.xlsx").exists()


# a database as round 1 wrote it (zhishui/history.py before plans were recorded)
ROUND1 = """
CREATE TABLE runs (id INTEGER PRIMARY KEY, at TEXT, period TEXT, report_date TEXT, list_fingerprint TEXT,
    files INTEGER, new_submissions INTEGER);
CREATE TABLE submissions (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, period TEXT NOT NULL, file TEXT, received TEXT,
    unit TEXT, sub_period TEXT, status TEXT, rows INTEGER, late INTEGER, archived TEXT, run_id INTEGER,
    UNIQUE (sha256, period, file));
CREATE TABLE cell_values (submission_id INTEGER, sheet TEXT, cell TEXT, field TEXT, task TEXT, unit TEXT, raw TEXT,
    normalized TEXT, used INTEGER, note TEXT);
CREATE TABLE task_status (period TEXT, task TEXT, status TEXT, light TEXT, lagging INTEGER, percent REAL,
    report_date TEXT, PRIMARY KEY (period, task));
CREATE TABLE share_status (period TEXT, task TEXT, unit TEXT, status TEXT, reported INTEGER, done INTEGER, state TEXT,
    percent REAL, PRIMARY KEY (period, task, unit));
"""


def test_a_round_one_history_opens_and_is_compared_with(tmp_path, sqlite_home):
    lst = write_list(tmp_path / "清单.xlsx", TASKS_A, plan_name=PLAN_A)
    tl = load_list(lst)
    folder = tmp_path / "清单_督办档案"
    folder.mkdir()
    db = sqlite3.connect(folder / "history.sqlite")
    db.executescript(ROUND1)
    db.execute("INSERT INTO runs VALUES (1, '2020-10-30T10:00:00', '2020-10', '2020-10-30', ?, 4, 4)", (tl.fingerprint,))
    for seq, (_, _, unit) in TASKS_A.items():
        status = "已完成" if seq == "2" else "序时推进"
        db.execute("INSERT INTO task_status VALUES ('2020-10', ?, ?, '绿', 0, NULL, '2020-10-30')", (seq, status))
        db.execute("INSERT INTO share_status VALUES ('2020-10', ?, ?, ?, 1, ?, ?, NULL)",
                   (seq, unit, status, int(status == "已完成"), "已完成" if status == "已完成" else "序时推进"))
    db.commit()
    db.close()
    (tmp_path / "空").mkdir()
    r = CliRunner().invoke(cli, ["collect", str(lst), str(tmp_path / "空"), *MONTH, "--allow-empty",
                                 "--out", str(tmp_path / "out" / "汇总.xlsx"), "--json", str(tmp_path / "out" / "r.json")])
    assert r.exit_code == 0, r.output
    d = json.loads((tmp_path / "out" / "r.json").read_text(encoding="utf-8"))
    assert d["previous"]["period"] == "2020-10" and d["history"]["folder"] == str(folder)
    assert "历史记录：" not in r.output          # found beside the list: nothing to say
    # task 2 was done in October (carried: 已完成 again); the others were 序时推进 and are now 未报送
    assert {t["seq"]: t["previous_status"] for t in d["tasks"]}["2"] == "已完成"
    assert {t["seq"]: t["status"] for t in d["tasks"]}["2"] == "已完成" and "2" not in d["changes"]
    db = sqlite3.connect(folder / "history.sqlite")
    assert db.execute("SELECT plan_id FROM plan").fetchone()[0] == d["plan"]["id"]
    assert {r[1] for r in db.execute("PRAGMA table_info(share_status)")} >= {"plan_id", "progress"}
    assert db.execute("SELECT COUNT(*) FROM task_status WHERE plan_id IS NULL").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM list_versions").fetchone()[0] == 1
    db.close()


# --- --assign ----------------------------------------------------------------------------------------

def hand_made(path):
    """A return 区水利局 made itself: no title, no unit name, its own columns; task 5 of plan A."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "工作任务", "完成情况", "完成进度", "工作进展"])
    ws.append([5, "编制水库消落带治理专项规划", "序时推进", "60%", "规划编制单位已进场"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


@pytest.fixture
def inbox(tmp_path, home):
    lst = write_list(tmp_path / "清单.xlsx", TASKS_A, plan_name=PLAN_A)
    r = CliRunner().invoke(cli, ["split", str(lst), "--period", "2020-11", "--out", str(tmp_path / "下发")])
    assert r.exit_code == 0, r.output
    issued = {f.stem.split("_")[1]: f for f in (tmp_path / "下发").glob("*.xlsx")}
    box = tmp_path / "收到"
    for unit in UNITS[:3]:
        fill_return(issued[unit], box / f"{unit}.xlsx", unit, mtime=None)
    hand_made(box / "进展表.xlsx")
    return lst, box


def _collect(lst, box, out, *extra):
    r = CliRunner().invoke(cli, ["collect", str(lst), str(box), *MONTH, "--out", str(out / "汇总.xlsx"),
                                 "--json", str(out / "r.json"), *extra])
    assert r.exit_code == 0, r.output + r.stderr
    d = json.loads((out / "r.json").read_text(encoding="utf-8"))
    sub = next(s for s in d["received"] if s["file"].endswith("进展表.xlsx"))
    unit = next(u for u in d["units"] if u["unit"] == "区水利局")
    task5 = next(t for t in d["tasks"] if t["seq"] == "5")
    return d, sub, unit, task5


def test_assign_a_hand_made_return_and_remember_it(inbox, tmp_path):
    lst, box = inbox
    d, sub, unit, task5 = _collect(lst, box, tmp_path / "1")
    assert sub["status"] == "unidentified" and unit["state"] == "未报送" and task5["status"] == "未报送"
    assert any(a["code"] == "UNIDENTIFIED_FILE" and a["file"].endswith("进展表.xlsx") for a in d["anomalies"])
    d, sub, unit, task5 = _collect(lst, box, tmp_path / "2", "--assign", "进展表.xlsx=区水利局")
    assert (sub["status"], sub["unit"], sub["identified_by"]) == ("counted", "区水利局", "assigned")
    assert sub["plan"]["rule"] == 1 and unit["state"] == "已报送" and unit["check"] == "人工指定单位"
    assert task5["status"] == "序时推进" and task5["reports"][0]["percent"] == pytest.approx(0.6)
    # the next run, without the option: the file is known by its content
    d, sub, unit, task5 = _collect(lst, box, tmp_path / "3")
    assert (sub["status"], sub["unit"], sub["identified_by"]) == ("counted", "区水利局", "assigned")
    assert unit["state"] == "已报送" and task5["status"] == "序时推进"
    files = {r[0]: r for r in openpyxl.load_workbook(tmp_path / "3" / "汇总.xlsx")["收到文件"].iter_rows(values_only=True)}
    assert files["收到/进展表.xlsx"][2] == "人工指定"
    # the same file renamed in another folder next time is still 区水利局's
    moved = tmp_path / "又收到"
    shutil.copytree(box, moved)
    (moved / "进展表.xlsx").rename(moved / "水利局材料.xlsx")
    r = CliRunner().invoke(cli, ["collect", str(lst), str(moved), *MONTH, "--out", str(tmp_path / "4.xlsx"),
                                 "--json", str(tmp_path / "4.json")])
    assert r.exit_code == 0, r.output
    d = json.loads((tmp_path / "4.json").read_text(encoding="utf-8"))
    assert next(s for s in d["received"] if s["file"].endswith("水利局材料.xlsx"))["unit"] == "区水利局"


@pytest.mark.parametrize("arg, message", [("进展表.xlsx=区林业局", "不在单位名录中"),
                                          ("没有这个文件.xlsx=区水利局", "不在收到的文件中"),
                                          ("进展表.xlsx", "应写成「文件名=单位」")])
def test_assign_mistakes_stop_before_writing(inbox, tmp_path, arg, message):
    lst, box = inbox
    r = CliRunner().invoke(cli, ["collect", str(lst), str(box), *MONTH, "--out", str(tmp_path / "x.xlsx"),
                                 "--assign", arg])
    assert r.exit_code == 2 and message in r.stderr + r.output, r.output
    assert not (tmp_path / "x.xlsx").exists()


def test_a_receipt_log_row_attributes_the_file(inbox, tmp_path):
    lst, box = inbox
    (box / "收件记录.csv").write_text("文件,单位,收到时间\n进展表.xlsx,水利局,2020-11-21 09:30\n", encoding="utf-8")
    d, sub, unit, task5 = _collect(lst, box, tmp_path / "1")
    assert (sub["status"], sub["unit"], sub["identified_by"]) == ("counted", "区水利局", "receipts")
    assert sub["received"] == "2020-11-21 09:30:00" and unit["state"] == "已报送"


def test_the_master_workbooks_receipt_log_attributes_the_file(inbox, tmp_path):
    """The same through the 督办台账: a 收件记录 sheet the clerk keeps in it, read by the add-in."""
    import sys

    from conftest import ROOT as root
    from zhishui.addin.macros import run as click_run
    from zhishui.addin.remote import Replay, remote_book
    from zhishui.tables import UNIT_HEADERS
    lst, box = inbox
    sys.path.insert(0, str(root / "workbook_templates"))
    import build_master as bm
    master = tmp_path / "督办台账.xlsx"
    bm.main(["--from-list", str(lst), "--out", str(master), "--period", "2020-11", "--report-date", "2020-11-30"])
    wb = openpyxl.load_workbook(master)
    log = wb.create_sheet("收件记录")
    log.append(["文件", "单位", "收到时间"])
    log.append(["进展表.xlsx", "区水利局", dt.datetime(2020, 11, 21, 9, 30)])
    wb.save(master)
    book, payload = remote_book(master, {("控制台", "B4"): "汇总报送", ("控制台", "B6"): NOV30,
                                         ("控制台", "B8"): str(box), ("控制台", "B9"): str(tmp_path / "输出")})
    assert click_run(book, today=NOV30) is not None
    units = {r[0]: dict(zip(UNIT_HEADERS, r)) for r in Replay(payload, book.json()["actions"]).table("报送情况")}
    assert units["区水利局"]["报送情况"] == "按时报送" and units["区水利局"]["核对"] == "人工指定单位"
    assert "收件记录" in units["区水利局"]["时间依据"]
