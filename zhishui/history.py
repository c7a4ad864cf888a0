"""History of one plan: every submission and value, in SQLite; received files archived by hash.

Re-running a collect over the same files adds nothing: a submission is the
pair (content hash, period).  Last month's statuses and each unit's report are
here too, so this month can be compared with it.  The history belongs to a plan,
not to a file name: its 方案编号, the versions of the list it has seen (their
fingerprints and task digests) and the 设置 are stored, so archives.py finds it
again when the list is renamed, moved or saved as a new version.

The database is a SQLite file in the folder, or a PostgreSQL database (``db``, historydb.py);
received files and evidence copies are always kept in the folder.  The schema only grows and is
versioned (``MIGRATIONS``, run in order by historydb.migrate), so a database from any earlier
version opens and is upgraded in place.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import historydb
from .errors import ZhishuiError
from .fileutil import atomic_path
from .historydb import DB_ERRORS, DB_NAME
from .intake import copy_received
from .testhooks import crash_point

# round 1's tables, unchanged: later columns are added by ADDED_COLUMNS, in the same way
# for new and old databases, so every database has the same layout
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
CREATE TABLE IF NOT EXISTS plan (
    plan_id TEXT PRIMARY KEY, name TEXT, created TEXT, settings TEXT, set_ids TEXT);
CREATE TABLE IF NOT EXISTS list_versions (
    plan_id TEXT, fingerprint TEXT, first_seen TEXT, last_seen TEXT, list_path TEXT, tasks INTEGER,
    digests TEXT, PRIMARY KEY (plan_id, fingerprint));
CREATE TABLE IF NOT EXISTS assignments (
    sha256 TEXT PRIMARY KEY, unit TEXT, file TEXT, source TEXT, at TEXT, plan_id TEXT);
CREATE TABLE IF NOT EXISTS version_tasks (
    plan_id TEXT, fingerprint TEXT, task TEXT, tid TEXT, seq TEXT, category TEXT, content TEXT, deadline TEXT,
    units TEXT, PRIMARY KEY (plan_id, fingerprint, task));
CREATE TABLE IF NOT EXISTS task_lineage (
    plan_id TEXT, tid TEXT, parents TEXT, fingerprint TEXT, PRIMARY KEY (plan_id, tid));
CREATE TABLE IF NOT EXISTS list_changes (
    plan_id TEXT, from_fp TEXT, to_fp TEXT, kind TEXT, rule INTEGER, old_tasks TEXT, new_tasks TEXT, detail TEXT);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY, plan_id TEXT, kind TEXT, tid TEXT, task TEXT, unit TEXT, period TEXT, decision TEXT,
    reason TEXT, new_due TEXT, old_due TEXT, decided_by TEXT, at TEXT, source TEXT);
CREATE TABLE IF NOT EXISTS unit_scores (
    plan_id TEXT, period TEXT, unit TEXT, score REAL, rank INTEGER, state TEXT, parts TEXT,
    PRIMARY KEY (plan_id, period, unit));
CREATE TABLE IF NOT EXISTS evidence_files (
    plan_id TEXT, period TEXT, sha256 TEXT, file TEXT, unit TEXT, tid TEXT, task TEXT, rule INTEGER, how TEXT,
    filed TEXT, PRIMARY KEY (plan_id, period, sha256, file));
"""
ADDED_COLUMNS = {
    "runs": {"plan_id": "TEXT", "list_path": "TEXT"},
    "submissions": {"plan_id": "TEXT", "plan_verdict": "TEXT"},
    "task_status": {"plan_id": "TEXT",
                    # the year (issue 11): the task's lineage id and list version, the deadline it was
                    # judged against, its close-out state, its measured target
                    "tid": "TEXT", "fingerprint": "TEXT", "due": "TEXT", "closeout": "TEXT",
                    "target_value": "REAL", "target_verdict": "TEXT"},
    "share_status": {"plan_id": "TEXT", "progress": "TEXT",
                     "tid": "TEXT", "problems": "TEXT", "next_steps": "TEXT", "evidence": "TEXT", "value": "REAL",
                     "value_raw": "TEXT", "extend_to": "TEXT", "extend_reason": "TEXT", "file": "TEXT"},
}
# a task's month row is rewritten only when one of these changed (the list version too: a month collected again on
# another version of the list was judged on that one, which the year's report checks it is given)
CHANGED = ("status", "light", "lagging", "percent", "tid", "fingerprint", "due", "closeout", "target_value")
# rows written before lineage ids existed are keyed by their task key
TID = "COALESCE(tid, task)"
# the 设置 items that say which plan a list is (kept with the plan, compared by archives.py)
PLAN_SETTINGS = {"方案名称": "plan_name", "文号": "notice_number", "文件标题": "notice_title", "发文机关": "issuer",
                 "方案编号": "plan_id"}


def default_folder(list_path) -> Path:
    p = Path(list_path)
    return p.parent / f"{p.stem}_督办档案"


def now_text() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def plan_settings(settings) -> dict:
    return {item: getattr(settings, attr) or "" for item, attr in PLAN_SETTINGS.items()}


@dataclass
class Stored:
    """What a history folder says about its plan (read without changing anything)."""
    folder: Path
    plan_id: str | None                  # None: a history from before plans were recorded
    name: str = ""
    settings: dict = field(default_factory=dict)
    set_ids: set = field(default_factory=set)        # 方案编号 values the 设置 sheet gave
    fingerprints: set = field(default_factory=set)   # list versions seen (lineage)
    digests: dict = field(default_factory=dict)      # task key -> digest, latest version
    list_path: str = ""                  # where the list was last time
    last_used: str = ""
    periods: list = field(default_factory=list)


@dataclass
class PrevShare:
    status: str
    reported: bool
    state: str | None
    percent: float | None
    progress: str


@dataclass
class PrevTask:
    status: str
    shares: dict        # unit -> PrevShare


@dataclass
class Lineage:
    """The tasks of this list version by lineage id (listchanges.py), and what changed when the
    version was first seen."""
    fingerprint: str
    tids: dict                       # task key -> tid
    parents: dict                    # tid -> [parent tids] (split and merged tasks)
    changes: list = field(default_factory=list)        # listchanges.Change, against prev_tasks
    prev_fingerprint: str = ""
    prev_tasks: list = field(default_factory=list)     # listchanges.VersionTask of the version before
    tasks: list = field(default_factory=list)          # listchanges.VersionTask of this version

    def sources(self, tid: str, depth: int = 0) -> list[str]:
        """tid's parents (and theirs), nearest first."""
        out = []
        for p in self.parents.get(tid, []):
            if p not in out:
                out.append(p)
            if depth < 5:
                out.extend(x for x in self.sources(p, depth + 1) if x not in out)
        return out


def read_stored(folder, db: str | None = None) -> Stored | None:
    """The plan of the history in ``folder`` (or in the database ``db``), or None when there is no
    history there."""
    folder = Path(folder)
    if not historydb.exists(folder, db):
        return None
    try:
        conn = historydb.connect(folder, db, readonly=True)
    except DB_ERRORS:
        if db:      # a server that cannot be reached is not "no history": say so
            raise ZhishuiError(f"无法连接历史记录数据库「{historydb.shown(db)}」", code="HISTORY_DB",
                               hint="请检查 --db 的地址、用户名和密码，以及数据库服务器是否在运行") from None
        return None
    try:
        tables = historydb.tables(conn)
        if "runs" not in tables:
            return None
        st = Stored(folder, None)
        if "plan" in tables:
            row = conn.execute("SELECT plan_id, name, settings, set_ids FROM plan LIMIT 1").fetchone()
            if row:
                st.plan_id, st.name = row[0], row[1] or ""
                st.settings = json.loads(row[2] or "{}")
                st.set_ids = set(json.loads(row[3] or "[]"))
        if "list_versions" in tables:
            rows = conn.execute("SELECT fingerprint, digests, list_path, last_seen FROM list_versions "
                                "ORDER BY last_seen").fetchall()
            st.fingerprints = {r[0] for r in rows}
            if rows:
                st.digests = json.loads(rows[-1][1] or "{}")
                st.list_path, st.last_used = rows[-1][2] or "", rows[-1][3] or ""
        # a round-1 history knows its list versions only from its runs
        st.fingerprints |= {r[0] for r in conn.execute("SELECT DISTINCT list_fingerprint FROM runs") if r[0]}
        last_run = conn.execute("SELECT MAX(at) FROM runs").fetchone()[0]
        st.last_used = max(st.last_used, last_run or "")
        if "task_status" in tables:
            st.periods = [r[0] for r in conn.execute("SELECT DISTINCT period FROM task_status ORDER BY period")]
        return st
    except (*DB_ERRORS, ValueError):
        return None
    finally:
        conn.close()


# what a month is made from: a unit's sheets counted, replaced by a later one or blank (the rows a run did not read are
# these marked 「unread_」, History._record)
READ_STATUSES = ("counted", "superseded", "empty")
READ_SQL = "(" + ", ".join(f"'{x}'" for x in READ_STATUSES) + ")"


def signature(folder, db: str | None = None, before: str = "") -> dict | None:
    """What another process may change in a history that a month computed from it depends on: the clerk's
    销号 and 延期 decisions (``zhishui close``/``extend``, the 督办台账), the files attributed (--assign), the
    months recorded before the period ``before``.  Three aggregates, read-only; None where there is no history
    yet.  The web page keys the month it keeps on it: a decision recorded by the command line on the server's
    database shows on the page's next refresh (the trial-13 page kept an extended task 逾期 until a restart)."""
    folder = Path(folder)
    if not historydb.exists(folder, db):
        return None
    try:
        conn = historydb.connect(folder, db, readonly=True)
    except (OSError, *DB_ERRORS):
        return None
    try:
        have = historydb.tables(conn)
        if "runs" not in have:
            return None
        n, top = conn.execute("SELECT COUNT(*), MAX(id) FROM decisions").fetchone() if "decisions" in have else (0, None)
        assigned = tuple(conn.execute("SELECT COUNT(*), MAX(at) FROM assignments").fetchone()) \
            if "assignments" in have else (0, None)
        runs = conn.execute("SELECT MAX(id) FROM runs WHERE period < ?", (before,)).fetchone()[0]
        # this period's files another run recorded and this one's month did not read, or the other way round: a
        # collect on the same database over another folder (trial 28: the desk kept offering a 销号 the recorded
        # month no longer had)
        unread = conn.execute("SELECT COUNT(*), SUM(id) FROM submissions WHERE period = ? AND status LIKE 'unread_%'",
                              (before,)).fetchone()
        return {"decisions": [n, top or 0], "assignments": list(assigned), "runs_before": runs or 0,
                "unread": [unread[0] or 0, int(unread[1] or 0)]}
    except DB_ERRORS:
        return None
    finally:
        conn.close()


def _v1(conn) -> None:
    """Version 1: the layout of every database before versions (round 1's tables and the columns
    added since), reached by creating what is missing and adding the missing columns."""
    historydb.run_script(conn, SCHEMA)
    for table, cols in ADDED_COLUMNS.items():
        have = historydb.columns(conn, table)
        for col, typ in cols.items():
            if col not in have:
                conn.execute(historydb.ddl(conn, f"ALTER TABLE {table} ADD COLUMN {col} {typ}"))


def _v2(conn) -> None:
    """Version 2: each list version's tasks keep their order in a column (SQLite's rowid order,
    which PostgreSQL does not have)."""
    conn.execute("ALTER TABLE version_tasks ADD COLUMN pos INTEGER")
    if not historydb.is_pg(conn):
        conn.execute("UPDATE version_tasks SET pos = rowid")


def _v3(conn) -> None:
    """Version 3: every expected unit's 报送情况 in each period, ranked or not (unit_scores holds the ranked units
    only: a unit that is only 责任 or 配合 on its tasks and sent nothing two months running was never said to be
    「已连续2个月未报送」, the session-20 trial).  Periods recorded before have no rows here (recall.py reads
    their unit_scores)."""
    historydb.run_script(conn, "CREATE TABLE IF NOT EXISTS unit_states (plan_id TEXT, period TEXT, unit TEXT, "
                               "state TEXT, PRIMARY KEY (plan_id, period, unit))")


def _v4(conn) -> None:
    """Version 4: the files the command line wrote for each period (汇总 workbook and JSON, a folder of documents),
    with what they said (Month.facts) and the last 销号/延期 decision they knew of: a later decision or run names the
    files of that period that no longer agree (outputs.py; the trial-15 September 汇总 kept 已完成5 beside a 通报
    saying 4, and nothing said so)."""
    historydb.run_script(conn, "CREATE TABLE IF NOT EXISTS outputs (plan_id TEXT, period TEXT NOT NULL, kind TEXT NOT "
                               "NULL, path TEXT NOT NULL, also TEXT, report_date TEXT, decisions INTEGER, facts TEXT, "
                               "command TEXT, cwd TEXT, at TEXT, PRIMARY KEY (period, kind, path))")


def _v5(conn) -> None:
    """Version 5: the period each 销号/延期 decision is news in (``news_in``): the latest period collected when it was
    made, or its own when later.  That month and the later ones obey it; an earlier month stays what it reported (the
    trial-18 October 通报 was rewritten by a decision made on 1 December from the November page).  Decisions kept
    before have none; recall.news_period dates them by the periods' report dates."""
    conn.execute("ALTER TABLE decisions ADD COLUMN news_in TEXT")


MIGRATIONS = [_v1, _v2, _v3, _v4, _v5]     # MIGRATIONS[i] takes a database from version i to i+1


class History:
    def __init__(self, folder, *, readonly: bool = False, db: str | None = None):
        self.folder = Path(folder)
        self.url = db or None          # None: the SQLite file in the folder
        self.plan_id: str | None = None
        self.line: Lineage | None = None
        self.readonly = readonly
        # (file, the earlier file with the same bytes, its period) of the last record()
        self.repeated: list[tuple[str, str, str]] = []
        self.not_read: list[tuple[str, str, str]] = []   # set by record(): earlier returns of the period not read now
        self.later_periods: list[str] = []   # set by record(): later periods recorded on this one's former result
        where = historydb.where(self.folder, self.url)
        try:
            if not readonly:
                self.folder.mkdir(parents=True, exist_ok=True)    # the archive, and the SQLite file
            self.db = historydb.connect(self.folder, self.url, readonly=readonly)
            if not readonly:
                historydb.migrate(self.db, MIGRATIONS, path=where)
            self.columns = {t: historydb.columns(self.db, t)
                            for t in ("task_status", "share_status", "plan", "version_tasks", "decisions",
                                      "unit_scores", "task_lineage", "unit_states", "outputs")}
            row = self.db.execute("SELECT plan_id FROM plan LIMIT 1").fetchone() if self.columns["plan"] else None
        except BaseException as e:
            if getattr(self, "db", None) is not None:
                self.db.close()
            if not isinstance(e, (OSError, *DB_ERRORS)):
                raise
            raise ZhishuiError(f"无法打开历史记录数据库（{historydb.shown(str(e))}）",
                               file=where if self.url else self.folder / DB_NAME,
                               hint="请检查 --db 的地址和数据库服务器" if self.url else
                               "请检查文件夹的写入权限，或用 --history 指定其他文件夹") from None
        self.plan_id = row[0] if row else None

    def col(self, table: str, name: str) -> str:
        """The column in a query, or NULL where an older database (opened read-only) lacks it."""
        return name if name in self.columns.get(table, ()) else "NULL"

    @property
    def has_year(self) -> bool:
        """The database has the year's tables and columns (a read-only look at an older one may not)."""
        return bool(self.columns["version_tasks"]) and "tid" in self.columns["share_status"]

    def close(self):
        self.db.close()   # an open transaction is rolled back

    def counts(self) -> dict:
        c = self.db.cursor()
        return {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("runs", "submissions", "cell_values", "task_status")}

    # the plan -----------------------------------------------------------------------------
    def adopt(self, plan, tl) -> None:
        """Record the plan this history belongs to (once) and this version of its list, its tasks and
        their lineage.  Rows written before plans were recorded (a round-1 history) are this plan's."""
        at = now_text()
        settings = plan_settings(tl.settings)
        cur = self.db.cursor()
        # one transaction: outside one, each of the list's thousand task rows would be a commit of
        # its own (a journal written and removed per row: half a second of a province's collect)
        cur.execute("BEGIN IMMEDIATE")
        try:
            self._adopt(cur, plan, tl, at, settings)
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    def _adopt(self, cur, plan, tl, at, settings) -> None:
        if self.plan_id is None:
            self.plan_id = plan.plan_id
            cur.execute("INSERT INTO plan (plan_id, name, created, settings, set_ids) VALUES (?,?,?,?,?)",
                        (self.plan_id, plan.name, at, json.dumps(settings, ensure_ascii=False), "[]"))
            for table in ADDED_COLUMNS:
                cur.execute(f"UPDATE {table} SET plan_id=? WHERE plan_id IS NULL", (self.plan_id,))
        set_ids = set(json.loads(cur.execute("SELECT set_ids FROM plan").fetchone()[0] or "[]"))
        if tl.settings.plan_id:
            set_ids.add(tl.settings.plan_id)
        cur.execute("UPDATE plan SET name=?, settings=?, set_ids=?",
                    (plan.name, json.dumps(settings, ensure_ascii=False), json.dumps(sorted(set_ids))))
        cur.execute("INSERT INTO list_versions (plan_id, fingerprint, first_seen, last_seen, list_path, tasks, digests) "
                    "VALUES (?,?,?,?,?,?,?) ON CONFLICT (plan_id, fingerprint) DO UPDATE SET "
                    "last_seen=excluded.last_seen, list_path=excluded.list_path",
                    (self.plan_id, tl.fingerprint, at, at, str(Path(tl.path).resolve()), len(tl.tasks),
                     json.dumps(plan.digests, ensure_ascii=False)))
        self.line = self.lineage_for(tl, write=True)

    def lineage_for(self, tl, *, write: bool = False) -> Lineage:
        """This list version's lineage ids: stored when the version was first seen; a new version
        is matched against the latest one before it (listchanges.py), and stored when ``write``."""
        from .listchanges import VersionTask, lineage
        fp = tl.fingerprint
        new = [VersionTask.of(t) for t in tl.tasks]
        if not self.has_year:
            return Lineage(fp, {t.key: t.key for t in tl.tasks}, {}, tasks=new)
        parents = {tid: json.loads(p or "[]") for tid, p in self.db.execute("SELECT tid, parents FROM task_lineage")}
        known = dict(self.db.execute("SELECT task, tid FROM version_tasks WHERE fingerprint=?", (fp,)).fetchall())
        prev_fp = self._previous_version(fp)
        prev = self._version_tasks(prev_fp) if prev_fp else []
        if known and len(known) == len(tl.tasks):
            for t in new:
                t.tid = known.get(t.key, t.key)
            changes = [self._change(r) for r in self.db.execute(
                "SELECT kind, rule, old_tasks, new_tasks, detail FROM list_changes WHERE to_fp=? AND from_fp=?",
                (fp, prev_fp or ""))]
            return Lineage(fp, {t.key: t.tid for t in new}, parents, changes, prev_fp or "", prev, new)
        if prev:
            # (a unit renamed in the 名录, its old name kept as an alias, is the same unit: no 修改 of 责任单位)
            prev = [replace(v, units=current_names(v.units, tl)) for v in prev]
            # (matched once per open history: a read-only command asks it for each view it builds, and a version not
            # yet stored is matched anew by each command: trial 25's check built two views)
            memo = self.__dict__.setdefault("_matched", {})
            if (fp, prev_fp) not in memo:
                memo[(fp, prev_fp)] = lineage(prev, new, fp)
            tids, new_parents, changes = memo[(fp, prev_fp)]
        else:
            tids, new_parents, changes = {t.key: t.key for t in new}, {}, []
        parents.update(new_parents)
        for t in new:
            t.tid = tids.get(t.key, t.key)
        if write:
            cur = self.db.cursor()
            cur.executemany("INSERT INTO version_tasks (plan_id, fingerprint, task, tid, seq, category, content, "
                            "deadline, units, pos) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (plan_id, fingerprint, task) "
                            "DO UPDATE SET tid=excluded.tid",
                            [(self.plan_id, fp, t.key, t.tid, t.seq, t.category, t.content, t.deadline, t.units, i)
                             for i, t in enumerate(new, 1)])
            cur.executemany("INSERT INTO task_lineage (plan_id, tid, parents, fingerprint) VALUES (?,?,?,?) "
                            "ON CONFLICT (plan_id, tid) DO NOTHING",
                            [(self.plan_id, tid, json.dumps(ps, ensure_ascii=False), fp)
                             for tid, ps in new_parents.items()])
            cur.executemany("INSERT INTO list_changes (plan_id, from_fp, to_fp, kind, rule, old_tasks, new_tasks, "
                            "detail) VALUES (?,?,?,?,?,?,?,?)",
                            [(self.plan_id, prev_fp or "", fp, c.kind, c.rule, json.dumps(c.old, ensure_ascii=False),
                              json.dumps(c.new, ensure_ascii=False), c.detail) for c in changes])
        return Lineage(fp, {t.key: t.tid for t in new}, parents, changes, prev_fp or "", prev, new)

    @staticmethod
    def _change(row):
        from .listchanges import Change
        kind, rule, old, new, detail = row
        return Change(kind, rule, json.loads(old or "[]"), json.loads(new or "[]"), detail or "")

    def _previous_version(self, fp: str) -> str | None:
        row = self.db.execute(
            "SELECT v.fingerprint FROM list_versions v WHERE v.fingerprint <> ? AND EXISTS "
            "(SELECT 1 FROM version_tasks t WHERE t.fingerprint = v.fingerprint) "
            "ORDER BY v.last_seen DESC, v.first_seen DESC LIMIT 1", (fp,)).fetchone()
        return row[0] if row else None

    def _version_tasks(self, fp: str) -> list:
        from .listchanges import VersionTask
        return [VersionTask(task, seq or "", content or "", deadline or "", units or "", category or "", tid or task)
                for task, tid, seq, category, content, deadline, units in self.db.execute(
                    "SELECT task, tid, seq, category, content, deadline, units FROM version_tasks WHERE fingerprint=? "
                    f"ORDER BY {'pos' if 'pos' in self.columns['version_tasks'] else 'rowid'}", (fp,))]

    # files the clerk attributed ---------------------------------------------------------------
    def assignments(self) -> dict[str, tuple[str, str]]:
        """sha256 -> (unit, how it was given) for every file the clerk attributed."""
        return {sha: (unit, f"{source}，{at[:10]}") for sha, unit, source, at in
                self.db.execute("SELECT sha256, unit, source, at FROM assignments")}

    def assign(self, sha256: str, unit: str, file: str, source: str) -> None:
        self.db.execute("INSERT INTO assignments (sha256, unit, file, source, at, plan_id) VALUES (?,?,?,?,?,?) "
                        "ON CONFLICT (sha256) DO UPDATE SET unit=excluded.unit, file=excluded.file, "
                        "source=excluded.source, at=excluded.at",
                        (sha256, unit, file, source, now_text(), self.plan_id))
        self.db.commit()

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

    def file_copy(self, rel: str, archived: Path) -> Path:
        """An evidence file's copy under 佐证材料/<period>/<unit>/<序号>/ (evidence.filed_path)."""
        target = self.folder / rel
        if not target.exists():
            with atomic_path(target) as tmp:
                tmp.write_bytes(archived.read_bytes())
        return target

    # one month ----------------------------------------------------------------------------
    def record(self, col, statuses, report_date: dt.date, received_data: dict, *, commit: bool = True,
               scores=None, units=None) -> list[str]:
        """Store what is new, in one transaction: a month is recorded wholly or not at all.
        Return this period's 新文件 (``first_received``).  With commit=False the transaction
        stays open until ``commit()`` (the CLI commits once its outputs are written, so that a
        run killed before then leaves the history as it was and a re-run gives the same result).
        ``scores``: the month's ranking (ranking.UnitScore), kept for the year-to-date scores; ``units``: every
        expected unit's 报送情况 (month.UnitReport), kept for 「已连续N个月未报送」."""
        from .returnsheet import period_key
        period = period_key(col.period)
        try:
            new_files = self._record(col, statuses, report_date, received_data, period, scores or [], units)
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

    def _tid(self, key: str) -> str:
        return self.line.tids.get(key, key) if self.line else key

    def _record(self, col, statuses, report_date, received_data, period, scores, units) -> list[str]:
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        before = self._month_result(cur, period)
        values_by_file: dict[str, list] = {}
        for v in col.values:
            values_by_file.setdefault(v.file, []).append(v)
        pending = []
        for s in col.submissions:
            row = cur.execute("SELECT id FROM submissions WHERE sha256=? AND period=? AND file=? ORDER BY id LIMIT 1",
                              (s.sha256, period, s.file)).fetchone()     # (its first record: a re-run adds more)
            if row:
                cur.execute("UPDATE submissions SET status=?, late=?, unit=?, plan_verdict=? WHERE id=?",
                            (s.status, int(s.late), s.unit, s.plan_verdict, row[0]))
                continue
            pending.append(s)
        run_id = None
        if pending:
            cur.execute("INSERT INTO runs (at, period, report_date, list_fingerprint, files, new_submissions, "
                        "plan_id, list_path) VALUES (?,?,?,?,?,?,?,?)",
                        (now_text(), period, report_date.isoformat(), col.tl.fingerprint, len(col.submissions),
                         len(pending), self.plan_id, str(col.tl.path)))
            run_id = cur.lastrowid
        seq_of = {t.key: t.seq or t.label for t in col.tl.tasks}
        for s in pending:
            data = received_data.get(s.file)
            archived = ""
            if data is not None:
                kept = self.archive(s.sha256, Path(s.file.split("!")[-1]).suffix.lower(), data)
                archived = str(kept.relative_to(self.folder))
                if s.status == "attachment":
                    self._file_evidence(cur, s, period, kept, seq_of)
            cur.execute("INSERT INTO submissions (sha256, period, file, received, unit, sub_period, status, rows, "
                        "late, archived, run_id, plan_id, plan_verdict) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (s.sha256, period, s.file, s.received.isoformat(sep=" ") if s.received else None, s.unit,
                         s.period, s.status, s.rows, int(s.late), archived, run_id, self.plan_id, s.plan_verdict))
            sid = cur.lastrowid
            cur.executemany("INSERT INTO cell_values (submission_id, sheet, cell, field, task, unit, raw, normalized, "
                            "used, note) VALUES (?,?,?,?,?,?,?,?,?,?)",
                            [(sid, v.sheet, v.cell, v.field, v.task, v.unit, v.raw,
                              # most values are text or nothing: converted only when they are not
                              v.normalized if v.normalized is None or type(v.normalized) is str
                              else historydb.text_value(self.db, _jsonable(v.normalized)),
                              int(v.used), v.note) for v in values_by_file.get(s.file, [])])
            crash_point(f"history {s.file}")
        for ts in statuses:
            pct = next((r.percent for r in ts.lead_reports if r.percent is not None), None)
            measured = getattr(ts, "measured", None)
            row = (ts.status, ts.light, int(ts.status == "进度滞后"), pct, report_date.isoformat(), self.plan_id,
                   self._tid(ts.task.key), col.tl.fingerprint, ts.due.isoformat() if ts.due else None,
                   getattr(ts, "closeout", "") or None, measured.value if measured else None,
                   measured.verdict if measured else None)
            # rewritten only when something changed: a re-run over the same month leaves the row as it was
            cur.execute("INSERT INTO task_status (status, light, lagging, percent, report_date, plan_id, tid, fingerprint, "
                        "due, closeout, target_value, target_verdict, period, task) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        "ON CONFLICT (period, task) DO UPDATE SET status=excluded.status, light=excluded.light, "
                        "lagging=excluded.lagging, percent=excluded.percent, report_date=excluded.report_date, "
                        "plan_id=excluded.plan_id, tid=excluded.tid, fingerprint=excluded.fingerprint, due=excluded.due, "
                        "closeout=excluded.closeout, target_value=excluded.target_value, "
                        "target_verdict=excluded.target_verdict "
                        "WHERE " + " OR ".join(f"task_status.{c} IS NOT excluded.{c}" for c in CHANGED),
                        row + (period, ts.task.key))
            cur.execute("DELETE FROM share_status WHERE period=? AND task=?", (period, ts.task.key))
            cur.executemany("INSERT INTO share_status (period, task, unit, status, reported, done, state, percent, "
                            "plan_id, progress, tid, problems, next_steps, evidence, value, value_raw, extend_to, "
                            "extend_reason, file) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            [(period, ts.task.key, sh.unit, sh.status, int(sh.report is not None),
                              int(sh.report is not None and sh.report.state == "已完成"),
                              *(_share_report(sh.report)), self.plan_id,
                              sh.report.progress if sh.report else None, self._tid(ts.task.key),
                              *(_share_more(sh.report)))
                             for sh in ts.shares])
        new_files, self.repeated = self.first_received(col.submissions, period, cur)
        self.not_read = self.earlier_not_read(col.submissions, period, cur)
        # the period's files this run did not read are no longer what the month is made of: 「counted」 by another
        # run (the desk's uploads, another folder), they made `history` quote one file's words beside another's status
        # and name a third as the source (trial 28); their rows stay, marked, and come back when a run reads them
        here = {(s.sha256, s.file) for s in col.submissions}
        cur.executemany("UPDATE submissions SET status = 'unread_' || status WHERE id=?",
                        [(i,) for i, sha, file in cur.execute(
                            f"SELECT id, sha256, file FROM submissions WHERE period=? AND status IN {READ_SQL}",
                            (period,)).fetchall() if (sha, file) not in here])
        if scores:
            cur.execute("DELETE FROM unit_scores WHERE period=?", (period,))
            cur.executemany("INSERT INTO unit_scores (plan_id, period, unit, score, rank, state, parts) "
                            "VALUES (?,?,?,?,?,?,?)",
                            [(self.plan_id, period, u.unit, u.score, u.rank, u.state,
                              json.dumps(u.parts, ensure_ascii=False)) for u in scores])
        if units is not None:
            cur.execute("DELETE FROM unit_states WHERE period=?", (period,))
            cur.executemany("INSERT INTO unit_states (plan_id, period, unit, state) VALUES (?,?,?,?)",
                            [(self.plan_id, period, u.unit, u.state) for u in units])
        # a month recorded again with another result, later months already recorded on the former one: their
        # 上期, 连续未报送 and year-to-date scores are not this one's until they are run again (trial 29)
        changed = before[0] and self._month_result(cur, period) != before
        self.later_periods = [r[0] for r in cur.execute(
            "SELECT DISTINCT period FROM task_status WHERE period > ? ORDER BY period", (period,)).fetchall()] \
            if changed else []
        return new_files

    @staticmethod
    def _month_result(cur, period: str) -> tuple:
        """What later months read of this one: its tasks' statuses, its units' 报送情况 and scores."""
        return tuple(tuple(sorted(tuple(x) for x in cur.execute(q, (period,)).fetchall())) for q in (
            "SELECT task, status FROM task_status WHERE period=?",
            "SELECT unit, state FROM unit_states WHERE period=?",
            "SELECT unit, score FROM unit_scores WHERE period=?"))

    def earlier_not_read(self, submissions, period: str, cur=None) -> list[tuple[str, str, str]]:
        """The period's returns an earlier run read (a unit's sheet, counted or replaced by a later one) whose content
        this run did not: (file, unit, received).  Two clerks on one server's database, the desk taking uploads and the
        command line an e-mail folder, each recorded its own month over the other's without a word (trial 28)."""
        cur = cur or self.db
        here = {s.sha256 for s in submissions}
        out, seen = [], set()
        for sha, file, unit, received in cur.execute(
                "SELECT sha256, file, unit, received FROM submissions WHERE period=? AND unit IS NOT NULL "
                "AND status IN ('counted', 'superseded', 'unread_counted', 'unread_superseded') ORDER BY id",
                (period,)).fetchall():
            if sha not in here and sha not in seen:
                seen.add(sha)
                out.append((file, unit, received or ""))
        return out

    def first_received(self, submissions, period: str, cur=None) -> tuple[list[str], list[tuple[str, str, str]]]:
        """This period's files split into 新文件 (their content received here for the first time) and the others, each
        with the file (and period) that brought the same bytes first: an e-mail sent twice, a 「(1)」 copy, last
        month's sheet sent again.  A property of the files and of when each content first came, so a month recorded
        again (a re-run, the web desk's status page before the documents) says the same (the session-19 trial: a
        first month's documents said 「新文件 0 个」 after the page had recorded the files)."""
        cur = cur or self.db
        new, same = [], []
        for s in submissions:
            row = cur.execute("SELECT id FROM submissions WHERE sha256=? AND period=? AND file=? ORDER BY id LIMIT 1",
                              (s.sha256, period, s.file)).fetchone()     # (its first record: a re-run adds more)
            first = cur.execute("SELECT file, period FROM submissions WHERE sha256=? AND id<? ORDER BY id LIMIT 1",
                                (s.sha256, row[0])).fetchone() if row else None
            if first is None:
                new.append(s.file)
            else:
                same.append((s.file, first[0], first[1]))
        return new, same

    def _file_evidence(self, cur, s, period: str, kept: Path, seq_of: dict) -> None:
        from .evidence import filed_path
        rel = filed_path(period, s.unit or "", seq_of.get(s.task, ""), s.file)
        self.file_copy(rel, kept)
        cur.execute("INSERT INTO evidence_files (plan_id, period, sha256, file, unit, tid, task, rule, how, filed) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (plan_id, period, sha256, file) DO NOTHING",
                    (self.plan_id, period, s.sha256, s.file, s.unit, self._tid(s.task) if s.task else None, s.task,
                     s.task_rule, s.task_how, rel))

    @contextlib.contextmanager
    def transaction(self):
        """Everything inside is recorded together, or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    def add_decision(self, d) -> None:
        """Keep a decision (decisions.Decision): never changed afterwards; the latest one counts.  It is news in
        the latest period collected now, or in its own when that is later (README 「延期申请带到以后各期」)."""
        latest = self.db.execute("SELECT MAX(period) FROM task_status").fetchone()[0] or ""
        d.news_in = max(d.period, latest)
        self.db.execute("INSERT INTO decisions (plan_id, kind, tid, task, unit, period, decision, reason, new_due, "
                        "old_due, decided_by, at, source, news_in) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (self.plan_id, d.kind, d.tid, d.task, d.unit or None, d.period, d.decision, d.reason or None,
                         d.new_due.isoformat() if d.new_due else None, d.old_due.isoformat() if d.old_due else None,
                         d.by or None, d.at, d.source or None, d.news_in))

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

    def earlier_requests(self, period: str, tids=None) -> dict[str, dict[str, tuple]]:
        """tid -> {unit as it wrote itself: (period, 申请延期至, 延期理由)} of each unit's latest extension request
        before ``period`` (on the tasks ``tids`` only, when given): what the month carries as 待审批 until decided
        (recall) and what ``zhishui extend`` may decide from a later period (decisions)."""
        marks = f" AND {TID} IN ({','.join('?' * len(tids))})" if tids else ""
        out: dict[str, dict[str, tuple]] = {}
        for tid, unit, p, to, reason in self.db.execute(
                f"SELECT {TID}, unit, period, extend_to, extend_reason FROM share_status WHERE period < ? AND reported = 1"
                f"{marks} AND (extend_to IS NOT NULL OR extend_reason IS NOT NULL) ORDER BY period", (period, *(tids or ()))):
            out.setdefault(tid, {})[unit] = (p, to, reason or "")
        return out

    def previous_period(self, period: str) -> str | None:
        row = self.db.execute("SELECT MAX(period) FROM task_status WHERE period < ?", (period,)).fetchone()
        return row[0] if row else None

    def periods(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT period FROM task_status ORDER BY period")]

    def statuses(self, period: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT task, status FROM task_status WHERE period=?", (period,)).fetchall())

    def tasks_of(self, period: str) -> dict[str, PrevTask]:
        """Each task's status in ``period`` and what each answering unit reported then (by task key)."""
        out = {task: PrevTask(status, {}) for task, status in self.statuses(period).items()}
        for task, unit, status, reported, state, percent, progress in self.db.execute(
                "SELECT task, unit, status, reported, state, percent, progress FROM share_status WHERE period=?",
                (period,)):
            if task in out:
                out[task].shares[unit] = PrevShare(status, bool(reported), state, percent, progress or "")
        return out

    def done_before(self, before: str) -> dict[str, set[str]]:
        """task -> the units whose latest report before this period said 已完成 (by task key)."""
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


def _share_report(r) -> tuple:
    return (r.state if r else None, r.percent if r else None)


def _share_more(r) -> tuple:
    """problems, next_steps, evidence, value, value_raw, extend_to, extend_reason, file"""
    if r is None:
        return (None,) * 8
    return (r.problems or None, r.next_steps or None, r.evidence or None, r.value, r.value_raw or None,
            r.extend_to.isoformat() if r.extend_to else None, r.extend_reason or None, r.file)


def _jsonable(v):
    if v is None or isinstance(v, (str, int, float)):
        return v
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return json.dumps(v, ensure_ascii=False, default=str)


def current_names(units: str, tl) -> str:
    """「区城市管理局；…」 with each name as the 单位名录 names that unit now."""
    return re.sub(r"[^；、]+", lambda m: tl.directory.current(m.group()), units)
