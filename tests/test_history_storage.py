"""The history's storage (zhishui/historydb.py): the same months on SQLite and on PostgreSQL give the
same results; an older SQLite history is upgraded in place to the current schema version; a newer
one is refused; a read-only opening writes nothing.

The oracle for PostgreSQL is the SQLite run of the same commands (the SQLite history is what
every earlier round tested); the oracle for an upgrade is the old database itself, read with
sqlite3 before zhishui opens it.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import ROOT
from plan_lists import PLAN_A, TASKS_A, UNITS, write_list
from returns_factory import fill_return
from zhishui import historydb
from zhishui.cli import cli
from zhishui.history import MIGRATIONS, History

OLD = ROOT / "tests" / "data" / "old_history"
TABLES = ("runs", "submissions", "cell_values", "task_status", "share_status", "doc_numbers", "unit_scores",
          "version_tasks", "list_versions", "plan", "evidence_files", "assignments", "decisions", "task_lineage",
          "list_changes", "unit_states", "outputs")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ZHISHUI_HISTORY_DB", raising=False)


def invoke(*args):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == 0, r.output + r.stderr
    return r


def docx_text(path: Path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def two_months(work: Path, db: str | None, inputs: Path | None = None) -> dict:
    """November and December of plan A (split, collect, docs), with the history in the SQLite file
    beside the list (db None) or in the PostgreSQL database ``db``.  ``inputs``: an earlier run's
    folder whose list and filled returns are used again (the same bytes)."""
    opt = ["--db", db] if db else []
    if inputs:
        shutil.copytree(inputs, work, ignore=lambda d, names: [n for n in names if n.startswith(("下发", "2020"))])
        shutil.rmtree(work / "清单_督办档案")
    lst = work / "清单.xlsx" if inputs else write_list(work / "清单.xlsx", TASKS_A, plan_name=PLAN_A)
    out = {}
    for month, units, day in (("2020-11", UNITS[:3], 30), ("2020-12", UNITS, 31)):
        filled = dt.datetime(int(month[:4]), int(month[5:]), 20, 10, 30)
        invoke("split", lst, "--period", month, "--date", f"{month}-01", "--out", work / f"下发{month}", *opt)
        issued = {p.stem.split("_")[1]: p for p in (work / f"下发{month}").glob("*.xlsx")}
        box = work / f"收到{month}"
        for unit in units if not inputs else ():
            fill_return(issued[unit], box / f"{unit}.xlsx", unit, mtime=filled, report_date=filled.date())
        common = [lst, box, "--period", month, "--date", f"{month}-{day}", *opt]
        invoke("collect", *common, "--out", work / month / "汇总.xlsx", "--json", work / month / "r.json")
        invoke("docs", *common, "--out", work / month / "文书")
        d = json.loads((work / month / "r.json").read_text(encoding="utf-8"))
        out[month] = {"json": d, "docs": {p.relative_to(work / month).as_posix(): docx_text(p)
                                          for p in sorted((work / month / "文书").rglob("*.docx"))}}
    # the year's commands read and write the same history: a close-out returned, the history
    # queried, the annual documents
    done = next(t["seq"] for t in out["2020-12"]["json"]["tasks"] if t["status"] == "已完成")
    out["close"] = invoke("close", lst, done, "--period", "2020-12", "--return", "--reason", "佐证材料不全",
                          "--date", "2020-12-31", *opt).output
    out["query"] = json.loads(invoke("history", lst, "--json", *opt).output)
    invoke("docs", lst, "--year", "2020", "--date", "2020-12-31", "--out", work / "年度", *opt)
    out["year"] = {p.name: docx_text(p) for p in sorted((work / "年度").rglob("*.docx"))}
    return out


def rows(conn, table: str, cols=None) -> list:
    """A table's rows (``cols``, default all but the wall-clock columns and the database's own ids),
    sorted."""
    # (an output's command names the --db it was given: the PostgreSQL run's has it, the SQLite run's not)
    cols = sorted(cols or historydb.columns(conn, table) - {"at", "id", "run_id", "submission_id", "created",
                                                            "first_seen", "last_seen", "list_path", "archived", "pos",
                                                            "command"})
    return sorted((tuple(r) for r in conn.execute(f"SELECT {', '.join(cols)} FROM {table}")), key=repr)


def comparable(d: dict) -> dict:
    d = json.loads(json.dumps(d))
    d.pop("history", None)
    return d


def test_two_months_on_postgresql_are_the_months_on_sqlite(tmp_path, home, pg_server):
    from pgserver import fresh_database
    url = fresh_database(pg_server, "two_months")
    # the same folder for both (the plan's number is made of the list's path), one after the other
    lite = two_months(tmp_path / "w", None)
    (tmp_path / "w").rename(tmp_path / "lite")
    pg = two_months(tmp_path / "w", url, inputs=tmp_path / "lite")
    (tmp_path / "w").rename(tmp_path / "pg")
    # December read November from each history: the comparison with last month is there
    for run in (lite, pg):
        dec = run["2020-12"]["json"]
        nov = {t["seq"]: t["status"] for t in run["2020-11"]["json"]["tasks"]}
        assert dec["previous"]["period"] == "2020-11"
        assert {t["seq"]: t["previous_status"] for t in dec["tasks"]} == nov
        assert run["2020-12"]["docs"] and any("通报" in k for k in run["2020-12"]["docs"])
    for month in ("2020-11", "2020-12"):
        assert comparable(pg[month]["json"]) == comparable(lite[month]["json"]), month
        assert pg[month]["docs"] == lite[month]["docs"], month
    # (the commands close names for the files gone out of date carry the run's own --db)
    assert re.sub(r' --db "[^"]+"', "", pg["close"]) == lite["close"] and "退回" in lite["close"]
    assert "2020年12月汇总结果" in lite["close"] and "2020年12月文书" in lite["close"], lite["close"]
    assert pg["query"] == lite["query"] and any(r.get("decisions") for r in lite["query"])
    assert pg["year"] == lite["year"] and lite["year"]
    assert pg["2020-12"]["json"]["history"]["db"] == historydb.shown(url)
    # the database holds what the SQLite file holds; the folder only the received files
    folder = tmp_path / "pg" / "清单_督办档案"
    assert not (folder / "history.sqlite").exists() and any((folder / "archive").rglob("*.xlsx"))
    a = sqlite3.connect(tmp_path / "lite" / "清单_督办档案" / "history.sqlite")
    b = historydb.connect(folder, url, readonly=True)
    try:
        for t in TABLES:
            assert rows(b, t) == rows(a, t), t
        assert historydb.version(b) == historydb.version(a) == len(MIGRATIONS)
        assert b.execute("SELECT COUNT(*) FROM cell_values").fetchone()[0] > 100
    finally:
        a.close()
        b.close()


@pytest.mark.parametrize("made_by", ["main", "year"])
def test_an_older_sqlite_history_is_upgraded_in_place(tmp_path, home, made_by):
    """Histories made by the code before schema versions (tests/data/old_history/make.py): the next
    month opens, upgrades and reads them; nothing stored is lost or changed."""
    work = tmp_path / "w"
    shutil.copytree(OLD / made_by, work)
    folder = work / "清单_督办档案"
    folder.mkdir()
    shutil.move(work / "history.sqlite", folder / "history.sqlite")
    old = sqlite3.connect(folder / "history.sqlite")
    assert "history_schema_version" not in historydb.tables(old)
    # every column the old database had (the new ones are added empty), its own ids included
    before = {t: (historydb.columns(old, t), rows(old, t, historydb.columns(old, t)))
              for t in TABLES if t in historydb.tables(old)}
    nov = dict(old.execute("SELECT task, status FROM task_status WHERE period='2020-11'").fetchall())
    order = [r[0] for r in old.execute("SELECT task FROM version_tasks ORDER BY rowid")] \
        if "version_tasks" in before else []
    old.close()
    assert len(nov) == len(TASKS_A)
    (work / "空").mkdir()
    invoke("collect", work / "清单.xlsx", work / "空", "--period", "2020-12", "--date", "2020-12-31",
           "--allow-empty", "--out", work / "12" / "汇总.xlsx", "--json", work / "12" / "r.json")
    d = json.loads((work / "12" / "r.json").read_text(encoding="utf-8"))
    assert d["previous"]["period"] == "2020-11" and d["history"]["folder"] == str(folder)
    assert {t["seq"]: t["previous_status"] for t in d["tasks"]} == nov
    db = sqlite3.connect(folder / "history.sqlite")
    try:
        assert db.execute("SELECT version FROM history_schema_version").fetchall() == [(len(MIGRATIONS),)]
        for t, (cols, old_rows) in before.items():     # every old row is still there, as it was
            if t in ("plan", "list_versions"):
                continue    # rewritten by design each run: the plan's settings, when the list was last seen
            assert set(old_rows) <= set(rows(db, t, cols)), t
        assert db.execute("SELECT COUNT(*) FROM task_status WHERE period='2020-12'").fetchone()[0] == len(TASKS_A)
        # the list version's tasks keep their order (version 2's column, filled from SQLite's rowid)
        fp = db.execute("SELECT fingerprint FROM version_tasks LIMIT 1").fetchone()[0]
        assert [r[0] for r in db.execute("SELECT task FROM version_tasks WHERE fingerprint=? ORDER BY pos",
                                         (fp,))] == (order or list(TASKS_A))
        assert db.execute("SELECT COUNT(*) FROM version_tasks WHERE pos IS NULL").fetchone()[0] == 0
    finally:
        db.close()
    h = History(folder)     # opened again: already current, nothing to do
    assert historydb.migrate(h.db, MIGRATIONS, path="") == []
    h.close()


def test_a_history_from_a_newer_zhishui_is_refused(tmp_path, home):
    work = tmp_path / "w"
    shutil.copytree(OLD / "year", work)
    folder = work / "清单_督办档案"
    folder.mkdir()
    shutil.move(work / "history.sqlite", folder / "history.sqlite")
    h = History(folder)
    h.db.execute("UPDATE history_schema_version SET version = 99")
    h.close()
    (work / "空").mkdir()
    r = CliRunner().invoke(cli, ["collect", str(work / "清单.xlsx"), str(work / "空"), "--period", "2020-12",
                                 "--allow-empty", "--out", str(work / "x.xlsx")])
    assert r.exit_code == 2 and "较新版本" in r.stderr and "Traceback" not in r.output, r.output + r.stderr
    assert not (work / "x.xlsx").exists()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_read_only_history_writes_nothing(tmp_path, home, kind, request):
    url = None
    if kind == "postgresql":
        from pgserver import fresh_database
        url = fresh_database(request.getfixturevalue("pg_server"), "read_only")
    h = History(tmp_path / "档案", db=url)
    h.db.execute("INSERT INTO doc_numbers VALUES (?,?,?,?,?,?)", ("催报", 2020, 1, "2020-11", "区水利局", "x"))
    h.close()
    ro = History(tmp_path / "档案", readonly=True, db=url)
    try:
        with pytest.raises(historydb.DB_ERRORS):
            ro.db.execute("INSERT INTO doc_numbers VALUES (?,?,?,?,?,?)", ("催报", 2020, 2, "2020-11", "区河长办", "x"))
        assert ro.db.execute("SELECT COUNT(*) FROM doc_numbers").fetchone()[0] == 1
    finally:
        ro.close()


def test_a_server_that_cannot_be_reached_is_said_plainly(tmp_path, home):
    lst = write_list(tmp_path / "清单.xlsx", TASKS_A, plan_name=PLAN_A)
    (tmp_path / "空").mkdir()
    url = f"postgresql://zhishui:secret@/nothing?host={tmp_path / 'nosock'}&port=5432"
    r = CliRunner().invoke(cli, ["collect", str(lst), str(tmp_path / "空"), "--period", "2020-11", "--allow-empty",
                                 "--out", str(tmp_path / "x.xlsx"), "--db", url])
    assert r.exit_code == 2 and "无法连接历史记录数据库" in r.stderr, r.output + r.stderr
    assert "secret" not in r.stderr and "Traceback" not in r.output
    assert not (tmp_path / "x.xlsx").exists()


def test_a_db_that_is_not_postgresql_is_refused(tmp_path, home):
    lst = write_list(tmp_path / "清单.xlsx", TASKS_A, plan_name=PLAN_A)
    (tmp_path / "空").mkdir()
    r = CliRunner().invoke(cli, ["collect", str(lst), str(tmp_path / "空"), "--period", "2020-11", "--allow-empty",
                                 "--out", str(tmp_path / "x.xlsx"), "--db", str(tmp_path / "h.sqlite")])
    assert r.exit_code == 2 and "不是 PostgreSQL 的" in r.stderr and "--history" in r.stderr, r.output + r.stderr
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "h.sqlite").exists()


def test_writers_wait_for_each_other_on_the_server(tmp_path, pg_server):
    """BEGIN IMMEDIATE on PostgreSQL: the second writer waits until the first commits (as SQLite's
    write lock makes it), so a month is never interleaved with another run's."""
    import threading
    import time
    from pgserver import fresh_database
    url = fresh_database(pg_server, "writers")
    a, b = History(tmp_path / "a", db=url), History(tmp_path / "b", db=url)
    got = []
    a.db.execute("BEGIN IMMEDIATE")

    def second():
        b.db.execute("BEGIN IMMEDIATE")
        got.append(time.monotonic())
        b.db.commit()
    t = threading.Thread(target=second)
    t.start()
    time.sleep(0.5)
    assert not got          # still waiting
    released = time.monotonic()
    a.db.commit()
    t.join(10)
    assert got and got[0] >= released
    a.close()
    b.close()


def test_numbers_in_text_columns_read_back_as_sqlite_stores_them(pg_server):
    """historydb.text_value against SQLite itself (the oracle): the same text on both databases."""
    from pgserver import fresh_database
    pg = historydb.connect(None, fresh_database(pg_server, "text_values"), readonly=False)
    lite = sqlite3.connect(":memory:")
    values = [1.0, 0.1, 0.1 + 0.2, 1e20, 1e-7, 123456789012345678.0, 2.5, -0.0, 1e15, 1e16, 0.6,
              100 / 3, -3.0, -1e20, 5, -7, 2 ** 62, 0.000123, 99.99]
    try:
        for conn in (pg, lite):
            conn.execute("CREATE TABLE t (i INTEGER, x TEXT)")
            for i, v in enumerate(values):
                conn.execute("INSERT INTO t VALUES (?, ?)", (i, historydb.text_value(conn, v)))
        assert pg.execute("SELECT x FROM t ORDER BY i").fetchall() == lite.execute("SELECT x FROM t ORDER BY i").fetchall()
    finally:
        pg.close()
        lite.close()
