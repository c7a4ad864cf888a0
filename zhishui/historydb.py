"""The month history's database: a SQLite file in the 督办档案 folder (the default, one machine)
or a PostgreSQL database (``--db postgresql://…``, an office server), one access layer for both.

History (history.py) and its readers (recall, year, historyquery, decisions) write their SQL once,
SQLite's way, with ``?`` parameters, and call ``.execute``/``.executemany``/``.cursor``/``.commit``
on the connection.  For SQLite the connection is sqlite3's own, unchanged.  For PostgreSQL it is
a psycopg 3 connection (the driver ``zhishui serve`` uses through SQLAlchemy) behind ``PgConnection``,
which carries over the few places where the two differ: the parameter marks, ``IS NOT`` between
values (``IS DISTINCT FROM``), ``cursor.lastrowid`` (``RETURNING id``), ``BEGIN IMMEDIATE`` (an
advisory lock that serializes writers as SQLite's write lock does), the column types of the DDL,
and asking which tables and columns exist.  Transactions are explicit on both: a statement outside
``BEGIN`` is committed at once, as with sqlite3's ``isolation_level=None``.

The schema is versioned (table ``history_schema_version``: the 督办台's own tables, web/store.py,
have their ``schema_version`` and may share a PostgreSQL database with the history) and migrated
in order (``migrate``); an unversioned
database (from before versions: round 1, or the code up to issue 12) is brought to version 1 by
creating what is missing and adding the later columns, as the code did until then.
"""
from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path

from .errors import ZhishuiError
from .fileutil import give_user_permissions

DB_NAME = "history.sqlite"
SERVER_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://")
ENV = "ZHISHUI_HISTORY_DB"      # the server's address, so that it need not be typed (or seen) every run



class ServerError(Exception):
    """An error of the PostgreSQL server or of psycopg, with psycopg's message.  psycopg is imported
    only when a history is on a server (importing it costs every command about 0.1 s), so callers
    catch this, in DB_ERRORS, instead of psycopg.Error; the original is its __cause__."""


DB_ERRORS: tuple = (sqlite3.Error, ServerError)


@contextlib.contextmanager
def _server_errors():
    import psycopg
    try:
        yield
    except psycopg.Error as e:
        raise ServerError(str(e)) from e

# tables whose rows are numbered by the database (``INTEGER PRIMARY KEY`` in SQLite)
SERIAL_TABLES = {"runs", "submissions", "decisions"}
# one key for PostgreSQL's advisory lock: the history's writers wait for each other
WRITE_LOCK = 0x7A6873   # "zhs"


def is_server(url) -> bool:
    return isinstance(url, str) and url.startswith(SERVER_PREFIXES)


def shown(url: str) -> str:
    """The address for messages: the password hidden."""
    return re.sub(r"(://[^:/@?]*:)[^@/?]*@", r"\1***@", url)


def where(folder, url=None) -> str:
    """What the clerk is told the history is."""
    return f"数据库「{shown(url)}」" if url else str(Path(folder) / DB_NAME)


def connect(folder: Path, url: str | None, *, readonly: bool):
    """An open connection: ``url`` a PostgreSQL database, else the SQLite file in ``folder``.
    Raises the driver's error (the caller turns it into the clerk's message)."""
    if url:
        return PgConnection(url, readonly=readonly)
    db = Path(folder) / DB_NAME
    if readonly:     # split and the add-in's look-ups: nothing is created or migrated
        return sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    Path(folder).mkdir(parents=True, exist_ok=True)
    new = not db.exists()
    # isolation_level=None: transactions are begun and ended by History, explicitly (see record)
    conn = sqlite3.connect(db, isolation_level=None)
    if new:
        give_user_permissions(db)   # SQLite makes it 0644 whatever the umask
    return conn


def exists(folder: Path, url: str | None) -> bool:
    """There is a database to read (a server database always exists; its tables may not)."""
    return bool(url) or (Path(folder) / DB_NAME).is_file()


def is_pg(conn) -> bool:
    return isinstance(conn, PgConnection)


def tables(conn) -> set[str]:
    if is_pg(conn):
        return {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = current_schema()")}
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def columns(conn, table: str) -> set[str]:
    if is_pg(conn):
        return {r[0] for r in conn.execute("SELECT column_name FROM information_schema.columns "
                                           "WHERE table_schema = current_schema() AND table_name = ?", (table,))}
    return {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def ddl(conn, sql: str) -> str:
    """SQLite's column types in PostgreSQL's words (REAL is single precision there)."""
    if not is_pg(conn):
        return sql
    sql = re.sub(r"\bid INTEGER PRIMARY KEY\b", "id BIGSERIAL PRIMARY KEY", sql)
    return re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)


def text_value(conn, v):
    """A number bound for a TEXT column, stored as SQLite stores it (its 15 significant digits, 1.0
    not 1): PostgreSQL would write 1 for 1.0, and the same value must read back the same."""
    if not is_pg(conn) or isinstance(v, bool) or not isinstance(v, (int, float)):
        return v
    if isinstance(v, int):
        return str(v)
    if v == 0:
        return "0.0"
    mantissa, e, exp = ("%.15g" % v).partition("e")
    if mantissa.lstrip("-").isdigit():
        mantissa += ".0"
    return mantissa + e + exp


# --- the schema's versions ---------------------------------------------------------------------

def version(conn) -> int:
    """The schema version; 0 for a database from before versions (or an empty one)."""
    if "history_schema_version" not in tables(conn):
        return 0
    row = conn.execute("SELECT MAX(version) FROM history_schema_version").fetchone()
    return row[0] or 0


def migrate(conn, steps: list, *, path: str) -> list[int]:
    """Bring the database to the latest version (``len(steps)``), in one transaction: ``steps[i]``
    takes it from version i to i+1.  Return the versions applied."""
    latest = len(steps)
    if version(conn) == latest:
        return []
    conn.execute("BEGIN IMMEDIATE")     # two runs opening an old database: one migrates, the other waits
    try:
        have = version(conn)
        if have > latest:
            raise ZhishuiError(f"历史记录是较新版本的 zhishui 建立的（结构版本{have}，本程序只认到{latest}）",
                               file=path, code="HISTORY_NEWER",
                               hint="请把 zhishui 升级到与建立这份历史记录的电脑相同或更新的版本")
        done = []
        for v in range(have, latest):
            steps[v](conn)
            done.append(v + 1)
        conn.execute(ddl(conn, "CREATE TABLE IF NOT EXISTS history_schema_version (version INTEGER NOT NULL)"))
        conn.execute("DELETE FROM history_schema_version")
        conn.execute("INSERT INTO history_schema_version (version) VALUES (?)", (latest,))
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
    return done


def run_script(conn, script: str) -> None:
    """Each statement of ``script`` (sqlite3's executescript would commit the open transaction)."""
    for stmt in script.split(";"):
        if stmt.strip():
            conn.execute(ddl(conn, stmt))


# --- PostgreSQL -------------------------------------------------------------------------------

_IS_NOT = re.compile(r"\bIS NOT (?!NULL\b)", re.I)
_INSERT = re.compile(r"^\s*INSERT INTO (\w+)", re.I)


def _pg_sql(sql: str) -> str:
    sql = sql.replace("%", "%%")
    sql = _IS_NOT.sub("IS DISTINCT FROM ", sql)
    return sql.replace("?", "%s")


class PgCursor:
    """sqlite3's cursor surface over a psycopg cursor: execute returns the cursor, lastrowid."""

    def __init__(self, conn: PgConnection):
        self._conn = conn
        self._cur = conn.raw.cursor()
        self.lastrowid = None

    def execute(self, sql: str, params=()) -> PgCursor:
        with _server_errors():
            return self._execute(sql, params)

    def _execute(self, sql: str, params=()) -> PgCursor:
        if sql.strip().upper() == "BEGIN IMMEDIATE":
            self._cur.execute("BEGIN")
            if not self._conn.readonly:
                self._cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return self
        m = _INSERT.match(sql)
        serial = m and m.group(1).lower() in SERIAL_TABLES and "RETURNING" not in sql.upper()
        self._cur.execute(_pg_sql(sql) + (" RETURNING id" if serial else ""), tuple(params))
        if serial:
            self.lastrowid = self._cur.fetchone()[0]
        return self

    def executemany(self, sql: str, rows) -> PgCursor:
        rows = [tuple(r) for r in rows]
        if rows:
            with _server_errors():
                self._cur.executemany(_pg_sql(sql), rows)
        return self

    def fetchone(self):
        with _server_errors():
            return self._cur.fetchone()

    def fetchall(self):
        with _server_errors():
            return self._cur.fetchall()

    def __iter__(self):
        with _server_errors():
            return iter(self._cur.fetchall() if self._cur.description else [])


class PgConnection:
    """The history on a PostgreSQL server, used as History uses a sqlite3 connection."""

    def __init__(self, url: str, *, readonly: bool):
        try:
            import psycopg
        except ImportError:     # pragma: no cover - psycopg is installed with zhishui
            raise ZhishuiError("历史记录放在 PostgreSQL 上需要 psycopg",
                               hint="请安装：pip install 'zhishui[postgresql]'") from None
        self.url = url
        self.readonly = readonly
        self.idle = psycopg.pq.TransactionStatus.IDLE
        with _server_errors():
            # autocommit: a statement outside BEGIN is committed at once (sqlite3's isolation_level=None)
            self.raw = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1), autocommit=True,
                                       connect_timeout=15)
            if readonly:
                self.raw.execute("SET default_transaction_read_only = on")

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def execute(self, sql: str, params=()) -> PgCursor:
        return self.cursor().execute(sql, params)

    def executemany(self, sql: str, rows) -> PgCursor:
        return self.cursor().executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != self.idle

    def commit(self) -> None:
        with _server_errors():
            self.raw.commit()       # sends COMMIT only when a transaction is open

    def rollback(self) -> None:
        with _server_errors():
            self.raw.rollback()

    def close(self) -> None:
        with _server_errors():
            self.raw.close()        # an open transaction is rolled back
