"""History of every submission and value, in SQLite beside the list; received files archived by hash.

Re-running a collect over the same files adds nothing: a submission is the
pair (content hash, period).  Last month's statuses are here too, so this
month can be compared with it.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from .errors import ZhishuiError
from .fileutil import atomic_path, give_user_permissions
from .intake import copy_received
from .testhooks import crash_point

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, at TEXT, period TEXT, report_date TEXT, list_fingerprint TEXT,
    files INTEGER, new_submissions INTEGER);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, period TEXT NOT NULL, file TEXT, received TEXT,
    unit TEXT, sub_period TEXT, status TEXT, rows INTEGER, late INTEGER, archived TEXT, run_id INTEGER,
    UNIQUE (sha256, period, file));
CREATE TABLE IF NOT EXISTS cell_values (
    submission_id INTEGER, sheet TEXT, cell TEXT, field TEXT, task TEXT, unit TEXT, raw TEXT,
    normalized TEXT, used INTEGER, note TEXT);
CREATE INDEX IF NOT EXISTS cell_values_sub ON cell_values (submission_id);
CREATE TABLE IF NOT EXISTS task_status (
    period TEXT, task TEXT, status TEXT, light TEXT, lagging INTEGER, percent REAL, report_date TEXT,
    PRIMARY KEY (period, task));
CREATE TABLE IF NOT EXISTS doc_numbers (
    kind TEXT, year INTEGER, seq INTEGER, period TEXT, recipient TEXT, at TEXT,
    PRIMARY KEY (kind, year, seq), UNIQUE (kind, year, period, recipient));
CREATE TABLE IF NOT EXISTS share_status (
    period TEXT, task TEXT, unit TEXT, status TEXT, reported INTEGER, done INTEGER, state TEXT, percent REAL,
    PRIMARY KEY (period, task, unit));
"""


def default_folder(list_path) -> Path:
    p = Path(list_path)
    return p.parent / f"{p.stem}_督办档案"


class History:
    def __init__(self, folder):
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            db = self.folder / "history.sqlite"
            new = not db.exists()
            # isolation_level=None: transactions are begun and ended here, explicitly (see record)
            self.db = sqlite3.connect(db, isolation_level=None)
            if new:
                give_user_permissions(db)   # SQLite makes it 0644 whatever the umask
            self.db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise ZhishuiError(f"无法打开历史记录数据库（{e}）", file=self.folder / "history.sqlite",
                               hint="请检查文件夹的写入权限，或用 --history 指定其他文件夹")

    def close(self):
        self.db.close()   # an open transaction is rolled back

    def counts(self) -> dict:
        c = self.db.cursor()
        return {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("runs", "submissions", "cell_values", "task_status")}

    def archive(self, sha: str, suffix: str, source) -> Path:
        """Keep a received file (bytes, or a Received streamed from disk) under its hash."""
        target = self.folder / "archive" / sha[:2] / f"{sha}{suffix or '.bin'}"
        if not target.exists():
            with atomic_path(target) as tmp:
                if isinstance(source, (bytes, bytearray)):
                    tmp.write_bytes(source)
                else:
                    copy_received(source, tmp)
        return target

    def record(self, col, statuses, report_date: dt.date, received_data: dict, *, commit: bool = True) -> list[str]:
        """Store what is new, in one transaction: a month is recorded wholly or not at all.
        Return the files that were new to the history.  With commit=False the transaction
        stays open until ``commit()`` (the CLI commits once its outputs are written, so that a
        run killed before then leaves the history as it was and a re-run gives the same result)."""
        from .returnsheet import period_key
        period = period_key(col.period)
        try:
            new_files = self._record(col, statuses, report_date, received_data, period)
        except BaseException:
            self.db.rollback()
            raise
        if commit:
            self.commit()
        return new_files

    def commit(self):
        if self.db.in_transaction:
            crash_point("history before commit")
            self.db.commit()
            crash_point("history committed")

    def _record(self, col, statuses, report_date, received_data, period) -> list[str]:
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        new_files = []
        values_by_file: dict[str, list] = {}
        for v in col.values:
            values_by_file.setdefault(v.file, []).append(v)
        pending = []
        for s in col.submissions:
            row = cur.execute("SELECT id FROM submissions WHERE sha256=? AND period=? AND file=?",
                              (s.sha256, period, s.file)).fetchone()
            if row:
                cur.execute("UPDATE submissions SET status=?, late=? WHERE id=?", (s.status, int(s.late), row[0]))
                continue
            pending.append(s)
        run_id = None
        if pending:
            cur.execute("INSERT INTO runs (at, period, report_date, list_fingerprint, files, new_submissions) "
                        "VALUES (?,?,?,?,?,?)", (dt.datetime.now().isoformat(timespec="seconds"), period,
                                                 report_date.isoformat(), col.tl.fingerprint,
                                                 len(col.submissions), len(pending)))
            run_id = cur.lastrowid
        for s in pending:
            data = received_data.get(s.file)
            archived = ""
            if data is not None:
                archived = str(self.archive(s.sha256, Path(s.file.split("!")[-1]).suffix.lower(), data)
                               .relative_to(self.folder))
            cur.execute("INSERT INTO submissions (sha256, period, file, received, unit, sub_period, status, rows, "
                        "late, archived, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (s.sha256, period, s.file, s.received.isoformat(sep=" ") if s.received else None, s.unit,
                         s.period, s.status,
                         s.rows, int(s.late), archived, run_id))
            sid = cur.lastrowid
            cur.executemany("INSERT INTO cell_values VALUES (?,?,?,?,?,?,?,?,?,?)",
                            [(sid, v.sheet, v.cell, v.field, v.task, v.unit, v.raw, _jsonable(v.normalized),
                              int(v.used), v.note) for v in values_by_file.get(s.file, [])])
            new_files.append(s.file)
            crash_point(f"history {s.file}")
        for ts in statuses:
            pct = next((r.percent for r in ts.lead_reports if r.percent is not None), None)
            cur.execute("INSERT INTO task_status VALUES (?,?,?,?,?,?,?) ON CONFLICT (period, task) DO UPDATE SET "
                        "status=excluded.status, light=excluded.light, lagging=excluded.lagging, "
                        "percent=excluded.percent, report_date=excluded.report_date "
                        "WHERE status IS NOT excluded.status OR light IS NOT excluded.light OR "
                        "lagging IS NOT excluded.lagging OR percent IS NOT excluded.percent",
                        (period, ts.task.key, ts.status, ts.light, int(ts.status == "进度滞后"), pct,
                         report_date.isoformat()))
            cur.execute("DELETE FROM share_status WHERE period=? AND task=?", (period, ts.task.key))
            cur.executemany("INSERT INTO share_status VALUES (?,?,?,?,?,?,?,?)",
                            [(period, ts.task.key, sh.unit, sh.status, int(sh.report is not None),
                              int(sh.report is not None and sh.report.state == "已完成"),
                              sh.report.state if sh.report else None, sh.report.percent if sh.report else None)
                             for sh in ts.shares])
        return new_files

    def doc_number(self, kind: str, year: int, period: str, recipient: str, start: int = 1) -> int:
        """The sequence number of a document: the same letter of the same period keeps its number
        when the documents are made again; a new one takes the next number of that kind and year.
        Not committed here: the caller commits (the CLI once every document is written)."""
        row = self.db.execute("SELECT seq FROM doc_numbers WHERE kind=? AND year=? AND period=? AND recipient=?",
                              (kind, year, period, recipient)).fetchone()
        if row:
            return row[0]
        top = self.db.execute("SELECT MAX(seq) FROM doc_numbers WHERE kind=? AND year=?", (kind, year)).fetchone()[0]
        seq = max(start, (top or 0) + 1)
        self.db.execute("INSERT INTO doc_numbers VALUES (?,?,?,?,?,?)",
                        (kind, year, seq, period, recipient, dt.datetime.now().isoformat(timespec="seconds")))
        return seq      # committed with the month (or by the caller): numbers of a killed run are not used up

    def previous_period(self, period: str) -> str | None:
        row = self.db.execute("SELECT MAX(period) FROM task_status WHERE period < ?", (period,)).fetchone()
        return row[0] if row else None

    def statuses(self, period: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT task, status FROM task_status WHERE period=?", (period,)).fetchall())

    def done_before(self, before: str) -> dict[str, set[str]]:
        """task -> the units whose latest report before this period said 已完成."""
        last: dict[tuple[str, str], int] = {}
        for task, unit, done in self.db.execute(
                "SELECT task, unit, done FROM share_status WHERE period < ? AND reported = 1 ORDER BY period",
                (before,)):
            last[(task, unit)] = done
        out: dict[str, set[str]] = {}
        for (task, unit), done in last.items():
            if done:
                out.setdefault(task, set()).add(unit)
        return out


def _jsonable(v):
    if v is None or isinstance(v, (str, int, float)):
        return v
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return json.dumps(v, ensure_ascii=False, default=str)
