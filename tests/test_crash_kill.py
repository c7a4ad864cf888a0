"""Crash safety shown by killing: collect, docs and split run as real processes and are
SIGKILLed at 20 or more of their crash points (the N-th file write or history step,
ZHISHUI_TEST_KILL_AFTER, honoured only under pytest).  After each kill:

* every output that existed before is intact: each final file is byte for byte either
  the previous run's or the complete new one, and opens (workbook, JSON, Word, PNG);
* the history database passes its integrity check and holds either the previous month
  record or the complete new one (one transaction), never a part;
* a re-run gives byte-identical outputs and the same history as an uninterrupted run
  (when the kill came after the run had committed everything, the re-run is a second
  run and is compared with an uninterrupted second run).

With the history on a PostgreSQL server, a collect killed around the history's COMMIT leaves the
server holding the previous month record or the whole new one, and its re-run equals an
uninterrupted run (the last test).

The kill points are a seeded sample (ZHISHUI_KILL_SEED, default 0; CI runs three seeds).
A small month keeps it fast: the first twelve tasks of the seed001 list (32 units) and
eight of its returns.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import LIST001, office_convert
from generators.month_documents import UNFINISHED

SEED = int(os.environ.get("ZHISHUI_KILL_SEED", "0"))
POINTS = 20
FIRST, SECOND = "2020-11-26", "2020-11-30"


def small_list(dst: Path, tasks: int = 12) -> Path:
    """The seed001 list cut to its first ``tasks`` tasks (merged 重点任务 cells clipped to them)."""
    wb = openpyxl.load_workbook(LIST001)
    ws = wb["整改任务分解表"]
    head = next(r for r in range(1, 15) if any(str(c.value or "").strip() == "序号" for c in ws[r]))
    last = head + tasks
    for rng in list(ws.merged_cells.ranges):
        c0, r0, c1, r1 = rng.bounds
        ws.unmerge_cells(str(rng))
        r1 = min(r1, last)
        if r0 <= last and (c1 > c0 or r1 > r0):
            ws.merge_cells(start_column=c0, start_row=r0, end_column=c1, end_row=r1)
    ws.delete_rows(last + 1, ws.max_row - last)
    for row in ws.iter_rows():   # the list's one slip corrected: a clean run exits 0
        for c in row:
            if isinstance(c.value, str) and "区市场管理局" in c.value:
                c.value = c.value.replace("区市场管理局", "区市场监管局")
    wb.save(dst)
    return dst


def _returns(dst: Path, lst: Path) -> Path:
    """Eight units' returns of this (cut) list, filled as units fill them: six .xlsx, one saved
    as .xls by LibreOffice, one as a GBK CSV (returns of the plan's own list: another plan's
    returns are not adopted)."""
    import datetime as dt
    from returns_factory import fill_return, write_csv_gbk
    from zhishui.split import split_returns
    from zhishui.tasks import load_list
    issued = split_returns(load_list(lst), dt.date(2020, 11, 1), dst.parent / "下发11月")
    dst.mkdir(parents=True)
    for i, f in enumerate(issued[:8]):
        filled = fill_return(f.path, dst / f.path.name, f.unit)
        if i == 6:
            xls = office_convert(filled.path, "xls", dst.parent / "xls")
            filled.path.unlink()
            shutil.copy2(xls, dst / xls.name)
        elif i == 7:
            write_csv_gbk(filled.path, dst / (filled.path.stem + ".csv"))
            filled.path.unlink()
    return dst


def inbox(w: Path, date: str) -> str:
    """The earlier run saw two returns; the run that is killed sees all eight (six new to the history)."""
    return str(w.parent / ("收件前" if date == FIRST else "收件"))


COMMANDS = {
    "collect": lambda w, date: ["collect", str(w / "清单.xlsx"), inbox(w, date), "--period", "2020-11",
                                "--date", date, "--out", str(w / "结果" / "汇总.xlsx"),
                                "--json", str(w / "结果" / "汇总.json")],
    "docs": lambda w, date: ["docs", str(w / "清单.xlsx"), inbox(w, date), "--period", "2020-11",
                             "--date", date, "--out", str(w / "文书")],
    "split": lambda w, date: ["split", str(w / "清单.xlsx"), "--period", "2020-12", "--date", date,
                              "--out", str(w / "下发")],
}


def run(cmd: str, work: Path, date: str, **env) -> subprocess.CompletedProcess:
    # each command's runs on a computer of their own: the history of the list beside it, never the
    # one another command's runs made of the same plan elsewhere (archives.py's index)
    home = work.parent / f"home-{cmd}"
    full = {**os.environ, "ZHISHUI_HOME": str(home), **{k: str(v) for k, v in env.items()}}
    return subprocess.run([sys.executable, "-m", "zhishui.cli", *COMMANDS[cmd](work, date)], capture_output=True,
                          text=True, env=full, timeout=300)


def outputs(work: Path) -> dict[str, bytes]:
    """Every final output file (not the list, not the history, not temporaries) -> bytes."""
    out = {}
    for p in sorted(work.rglob("*")):
        rel = p.relative_to(work).as_posix()
        if not p.is_file() or rel == "清单.xlsx" or rel.startswith("清单_督办档案") or p.name.startswith(".~zhishui-"):
            continue
        out[rel] = p.read_bytes()
    return out


def history(work: Path):
    """The history's content (the wall-clock time of a run aside), or None if there is none."""
    db = work / "清单_督办档案" / "history.sqlite"
    if not db.exists():
        return None
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        dump = {}
        for t in ("runs", "submissions", "cell_values", "task_status"):
            cols = [c[1] for c in con.execute(f"PRAGMA table_info({t})") if c[1] != "at"]
            dump[t] = sorted(con.execute(f"SELECT {','.join(cols)} FROM {t}").fetchall(), key=repr)
    finally:
        con.close()
    archive = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
               for p in (work / "清单_督办档案" / "archive").rglob("*") if p.is_file() and not p.name.startswith(".~")}
    for sha_name, digest in archive.items():   # an archived file is whole (named by its hash)
        assert sha_name.split(".")[0] == digest, sha_name
    return dump


def readable(rel: str, data: bytes) -> None:
    if rel.endswith((".xlsx", ".docx")):
        with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
            assert z.testzip() is None, rel
    elif rel.endswith(".json"):
        json.loads(data.decode("utf-8"))
    elif rel.endswith(".png"):
        assert data.startswith(b"\x89PNG") and data.rstrip().endswith(b"IEND\xaeB`\x82"), rel


def snapshot(work: Path):
    return outputs(work), history(work)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill")
    small_list(root / "清单.xlsx")
    full = _returns(root / "收件", root / "清单.xlsx")
    (root / "收件前").mkdir()
    for p in sorted(full.iterdir())[:2]:
        shutil.copy2(p, root / "收件前" / p.name)
    return root


@pytest.mark.parametrize("cmd", ["collect", "docs", "split"])
def test_killed_runs_lose_nothing(cmd, base, tmp_path):
    # the state before: one complete earlier run (outputs and history exist), made where
    # every later run happens and kept aside
    work = base / f"{cmd}-run"
    work.mkdir()
    shutil.copy(base / "清单.xlsx", work / "清单.xlsx")
    r = run(cmd, work, FIRST)
    assert r.returncode == 0, r.stderr
    s0 = snapshot(work)
    before = base / f"{cmd}-before"
    shutil.copytree(work, before)

    def fresh(name) -> Path:
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(before, work)
        return work

    # uninterrupted: the reference, its crash points counted; and a second run after it
    ref = fresh("ref")
    steps = tmp_path / "steps.txt"
    r = run(cmd, ref, SECOND, ZHISHUI_TEST_STEPS=steps)
    assert r.returncode == 0, r.stderr
    s1 = snapshot(ref)
    names = steps.read_text(encoding="utf-8").splitlines()
    assert len(names) >= POINTS, f"only {len(names)} crash points in {cmd}"
    assert run(cmd, ref, SECOND).returncode == 0
    s2 = snapshot(ref)
    assert s1[0] != s0[0]

    rng = random.Random(f"{SEED}-{cmd}")
    points = sorted({1, len(names)} | set(rng.sample(range(2, len(names)), POINTS - 2)))
    for k in points:
        w = fresh(f"k{k}")
        r = run(cmd, w, SECOND, ZHISHUI_TEST_KILL_AFTER=k)
        where = f"{cmd} killed at point {k}/{len(names)} ({names[k - 1]})"
        assert r.returncode == -9, f"{where}: not killed ({r.returncode}) {r.stderr}"
        outs, hist = snapshot(w)
        marker = next((rel for rel in outs if rel.endswith(UNFINISHED)), None)
        if cmd == "docs":
            # a folder holding part of a new set says so (the marker is removed once the last document is written)
            def docs_only(o):
                return {rel: d for rel, d in o.items() if "旧版_" not in rel and not rel.endswith(UNFINISHED)}
            if docs_only(outs) not in (docs_only(s0[0]), docs_only(s1[0])):
                assert marker, f"{where}: part of a set written and no word of it in the folder"
            if marker:
                assert "生成时被中断" in outs.pop(marker).decode("utf-8-sig"), where
        for rel, data in outs.items():   # each final file is the old one or the whole new one
            assert data in (s0[0].get(rel), s1[0].get(rel)), f"{where}: {rel} is partial or foreign"
            readable(rel, data)
        assert set(s0[0]) <= set(outs), f"{where}: a previous output disappeared"
        assert hist in (s0[1], s1[1]), f"{where}: the history holds part of a month"
        r = run(cmd, w, SECOND)
        assert r.returncode == 0, f"{where}: re-run failed: {r.stderr}"
        if cmd != "split":   # split writes no history and takes no lock
            assert "已接管" in r.stderr, f"{where}: the killed run's lock was not reported as taken over"
        expected = s2 if (cmd != "split" and hist == s1[1] and hist != s0[1]) else s1
        again = snapshot(w)
        assert again[1] == expected[1], f"{where}: history differs after the re-run"
        diff = [rel for rel in set(again[0]) | set(expected[0]) if again[0].get(rel) != expected[0].get(rel)]
        assert not diff, f"{where}: re-run differs from an uninterrupted run: {diff[:5]}"


# --- the same with the history on a PostgreSQL server -------------------------------------------

def pg_history(url: str):
    """The history's content in the server database (wall-clock times and the database's own row
    numbers aside: PostgreSQL does not give back the numbers a rolled-back transaction took)."""
    from zhishui import historydb
    con = historydb.connect(None, url, readonly=True)
    try:
        dump = {}
        for t in ("runs", "submissions", "cell_values", "task_status", "share_status", "doc_numbers"):
            cols = sorted(historydb.columns(con, t) - {"at", "id", "run_id", "submission_id"})
            dump[t] = sorted((tuple(r) for r in con.execute(f"SELECT {','.join(cols)} FROM {t}")), key=repr)
    finally:
        con.close()
    return dump


def test_killed_collect_on_postgresql_records_the_month_wholly_or_not(base, tmp_path, pg_server):
    """Killed before the history's COMMIT: the server holds the previous month record only, and
    the re-run records the month as an uninterrupted run does; killed after it: the whole month."""
    from pgserver import fresh_database
    work = base / "pg-run"
    work.mkdir()
    shutil.copy(base / "清单.xlsx", work / "清单.xlsx")
    start = fresh_database(pg_server, "kill_start")
    assert run("collect", work, FIRST, ZHISHUI_HISTORY_DB=start).returncode == 0
    assert not (work / "清单_督办档案" / "history.sqlite").exists()
    h0 = pg_history(start)
    before = base / "pg-before"
    shutil.copytree(work, before)

    def fresh(name) -> tuple[Path, str]:
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(before, work)
        return work, fresh_database(pg_server, f"kill_{name}", template="kill_start")

    w, ref = fresh("ref")
    steps = tmp_path / "steps.txt"
    assert run("collect", w, SECOND, ZHISHUI_HISTORY_DB=ref, ZHISHUI_TEST_STEPS=steps).returncode == 0
    h1 = pg_history(ref)
    assert h1 != h0 and len(h1["submissions"]) > len(h0["submissions"])
    names = [n.split("\t", 1)[1] for n in steps.read_text(encoding="utf-8").splitlines()]
    commit = names.index("history before commit") + 1
    inside = next(i for i, n in enumerate(names, 1) if n.startswith("history ") and i < commit)
    for k in sorted({inside, commit - 1, commit, commit + 1, len(names)}):
        w, db = fresh(f"k{k}")
        r = run("collect", w, SECOND, ZHISHUI_HISTORY_DB=db, ZHISHUI_TEST_KILL_AFTER=k)
        where = f"killed at point {k}/{len(names)} ({names[k - 1]})"
        assert r.returncode == -9, f"{where}: not killed ({r.returncode}) {r.stderr}"
        hist = pg_history(db)
        assert hist == (h0 if k <= commit else h1), f"{where}: the history holds part of a month"
        r = run("collect", w, SECOND, ZHISHUI_HISTORY_DB=db)
        assert r.returncode == 0, f"{where}: re-run failed: {r.stderr}"
        if k <= commit:
            assert pg_history(db) == h1, f"{where}: history differs after the re-run"
