"""The server's own tables, for SQLite (one machine) and PostgreSQL (an office server), through
SQLAlchemy Core: one set of queries, one schema, versioned and migrated in order.

Tables: clerk users, server settings (the session key), responsibility lists, periods, unit
tokens, uploads (hash, size, kind, the server's receipt time, what was read).  Files are not
here: they are stored by hash in the data folder (uploads.py); rows point at them by hash.
The month history (zhishui/history.py, through zhishui/historydb.py) is in the SQLite file
``<data>/history/history.sqlite``, or, when this database is PostgreSQL, in this database beside
these tables (its own tables and its own ``history_schema_version``); its received files stay in
``<data>/history``.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import secrets
import threading
from pathlib import Path

from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Integer, MetaData, String, Table, Text,
                        UniqueConstraint, create_engine, event, func, insert, select, text, update)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from ..errors import ZhishuiError

md = MetaData()

schema_version = Table("schema_version", md, Column("version", Integer, nullable=False))

users = Table(
    "users", md,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("pw_hash", String(300), nullable=False),
    Column("session_gen", Integer, nullable=False, default=1),   # bumped to end every session
    Column("created_at", DateTime, nullable=False))

server_settings = Table(
    "server_settings", md,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False))

lists = Table(
    "lists", md,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False),        # the clerk's file name: shown, never a path
    Column("sha256", String(64), nullable=False),
    Column("suffix", String(10), nullable=False),
    Column("directory_sha256", String(64)),              # a separate 单位名录 workbook, if given
    Column("directory_suffix", String(10)),
    Column("directory_name", String(300)),               # v3: the clerk's name of that workbook: shown, never a path
    Column("source", String(20), nullable=False),        # 上传 | 导入 | 路径
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(64)))

periods = Table(
    "periods", md,
    Column("id", Integer, primary_key=True),
    Column("period", String(7), nullable=False, unique=True),   # YYYY-MM
    Column("list_id", Integer, ForeignKey("lists.id"), nullable=False),
    Column("due", String(10), nullable=False),
    Column("report_date", String(10)),                  # None: today, as returns arrive
    Column("inbox_folder", Text),                       # a folder on this machine with e-mailed returns
    Column("opened_at", DateTime, nullable=False),
    Column("closed_at", DateTime))                      # v2: no uploads after this

tokens = Table(
    "unit_tokens", md,
    Column("token", String(64), primary_key=True),
    Column("period_id", Integer, ForeignKey("periods.id"), nullable=False),
    Column("unit", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("period_id", "unit"))

uploads = Table(
    "uploads", md,
    Column("id", Integer, primary_key=True),
    Column("receipt_no", String(32), nullable=False, unique=True),
    Column("period_id", Integer, ForeignKey("periods.id"), nullable=False),
    Column("unit", String(200)),                        # the token's unit; None for the clerk's own files
    Column("via", String(10), nullable=False),          # 链接 | 网页表单 | 办事员
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("suffix", String(10), nullable=False),       # from the content, never from the name
    Column("original_name", String(300), nullable=False),   # as the user named it: data only
    Column("received_at", DateTime, nullable=False),    # the server's receipt time: the evidence
    Column("accepted", Boolean, nullable=False),        # False: kept, but not part of the month
    Column("summary", Text, nullable=False),            # JSON: what was read, what needs fixing
    Column("client_addr", String(64)))                  # v2

LATEST = 3


def _v1(conn):
    """The first schema, frozen as it was released (later versions change it only by migration)."""
    v1 = MetaData()
    Table("users", v1, Column("id", Integer, primary_key=True), Column("name", String(64), nullable=False, unique=True),
          Column("pw_hash", String(300), nullable=False), Column("session_gen", Integer, nullable=False),
          Column("created_at", DateTime, nullable=False))
    Table("server_settings", v1, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False))
    Table("lists", v1, Column("id", Integer, primary_key=True), Column("name", String(300), nullable=False),
          Column("sha256", String(64), nullable=False), Column("suffix", String(10), nullable=False),
          Column("directory_sha256", String(64)), Column("directory_suffix", String(10)),
          Column("source", String(20), nullable=False), Column("created_at", DateTime, nullable=False),
          Column("created_by", String(64)))
    Table("periods", v1, Column("id", Integer, primary_key=True), Column("period", String(7), nullable=False, unique=True),
          Column("list_id", Integer, ForeignKey("lists.id"), nullable=False), Column("due", String(10), nullable=False),
          Column("report_date", String(10)), Column("inbox_folder", Text), Column("opened_at", DateTime, nullable=False))
    Table("unit_tokens", v1, Column("token", String(64), primary_key=True),
          Column("period_id", Integer, ForeignKey("periods.id"), nullable=False),
          Column("unit", String(200), nullable=False), Column("created_at", DateTime, nullable=False),
          UniqueConstraint("period_id", "unit"))
    Table("uploads", v1, Column("id", Integer, primary_key=True),
          Column("receipt_no", String(32), nullable=False, unique=True),
          Column("period_id", Integer, ForeignKey("periods.id"), nullable=False), Column("unit", String(200)),
          Column("via", String(10), nullable=False), Column("sha256", String(64), nullable=False),
          Column("size", Integer, nullable=False), Column("suffix", String(10), nullable=False),
          Column("original_name", String(300), nullable=False), Column("received_at", DateTime, nullable=False),
          Column("accepted", Boolean, nullable=False), Column("summary", Text, nullable=False))
    v1.create_all(conn)


V2_COLUMNS = {("periods", "closed_at"): "TIMESTAMP", ("uploads", "client_addr"): "VARCHAR(64)"}


def _v2(conn):
    """When a period was closed to uploads, and which address each upload came from (audit)."""
    for (table, column), kind in V2_COLUMNS.items():
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))


def _v3(conn):
    """The 单位名录's own file name (清河县单位名录.xlsx): the list page and the exported 收到 name it as the clerk did."""
    conn.execute(text("ALTER TABLE lists ADD COLUMN directory_name VARCHAR(300)"))


MIGRATIONS = [(1, _v1), (2, _v2), (3, _v3)]


def normalize_url(url: str) -> str:
    """postgresql://… uses psycopg 3; a bare path is a SQLite file."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    return url


def _engine(url: str) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        eng = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn, _):   # WAL: readers do not wait for the writer of an upload
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()
        return eng
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)


def new_token() -> str:
    """120 random bits in lower-case base32: no separators or digits runs that a reader of the
    return workbook could take for a date (the link is printed in it)."""
    return base64.b32encode(secrets.token_bytes(15)).decode().lower()


def now() -> dt.datetime:
    return dt.datetime.now()


class Store:
    """Every query the server makes; nothing else touches the tables."""

    def __init__(self, url: str):
        self.url = normalize_url(url)
        try:
            self.engine = _engine(url)
            self.migrate()
        except ModuleNotFoundError as e:
            raise ZhishuiError(f"连接数据库需要的程序包没有安装（{e.name}）", code="DB_DRIVER",
                               hint="PostgreSQL 需要 psycopg：pip install 'psycopg[binary]'") from None
        except SQLAlchemyError as e:
            raise ZhishuiError(f"无法打开数据库（{_short(e)}）", code="DB_OPEN",
                               hint="请检查 --db 的地址、用户名、密码和数据库是否存在") from None
        self._lock = threading.Lock()

    @property
    def kind(self) -> str:
        return self.engine.dialect.name      # sqlite | postgresql

    def close(self):
        self.engine.dispose()

    # schema ------------------------------------------------------------------------
    def version(self, conn=None) -> int:
        def read(c):
            if not self.engine.dialect.has_table(c, "schema_version"):
                return 0
            return c.execute(select(func.max(schema_version.c.version))).scalar() or 0
        if conn is not None:
            return read(conn)
        with self.engine.connect() as c:
            return read(c)

    def migrate(self, upto: int = LATEST) -> list[int]:
        """Apply the migrations this database lacks, in order, each in its own transaction."""
        done = []
        for number, step in MIGRATIONS:
            if number > upto:
                break
            with self.engine.begin() as conn:
                if self.engine.dialect.name == "postgresql":   # two servers starting at once
                    conn.execute(text("SELECT pg_advisory_xact_lock(7262)"))
                if self.version(conn) >= number:
                    continue
                if number == 1:
                    schema_version.create(conn, checkfirst=True)
                step(conn)
                conn.execute(schema_version.delete())
                conn.execute(insert(schema_version).values(version=number))
                done.append(number)
        return done

    # settings ----------------------------------------------------------------------
    def setting(self, key: str) -> str | None:
        with self.engine.connect() as c:
            return c.execute(select(server_settings.c.value).where(server_settings.c.key == key)).scalar()

    def setting_once(self, key: str, make) -> str:
        """The stored value, or ``make()`` stored now; two processes agree on one value."""
        got = self.setting(key)
        if got is not None:
            return got
        try:
            with self.engine.begin() as c:
                c.execute(insert(server_settings).values(key=key, value=make()))
        except IntegrityError:
            pass
        return self.setting(key)

    def set_setting(self, key: str, value: str) -> None:
        with self.engine.begin() as c:
            if c.execute(update(server_settings).where(server_settings.c.key == key).values(value=value)).rowcount == 0:
                c.execute(insert(server_settings).values(key=key, value=value))

    # users -------------------------------------------------------------------------
    def user_count(self) -> int:
        with self.engine.connect() as c:
            return c.execute(select(func.count()).select_from(users)).scalar()

    def add_user(self, name: str, pw_hash: str) -> int:
        try:
            with self.engine.begin() as c:
                return c.execute(insert(users).values(name=name, pw_hash=pw_hash, session_gen=1,
                                                      created_at=now())).inserted_primary_key[0]
        except IntegrityError:
            raise ZhishuiError(f"用户名「{name}」已经存在", code="USER_EXISTS", hint="请换一个用户名") from None

    def user(self, *, name: str | None = None, uid: int | None = None):
        q = select(users).where(users.c.name == name) if name is not None else select(users).where(users.c.id == uid)
        with self.engine.connect() as c:
            return c.execute(q).mappings().first()

    def set_password(self, uid: int, pw_hash: str) -> None:
        with self.engine.begin() as c:
            c.execute(update(users).where(users.c.id == uid)
                      .values(pw_hash=pw_hash, session_gen=users.c.session_gen + 1))

    # lists -------------------------------------------------------------------------
    def add_list(self, *, name, sha256, suffix, source, created_by, directory_sha256=None,
                 directory_suffix=None, directory_name=None) -> int:
        with self.engine.begin() as c:
            return c.execute(insert(lists).values(
                name=name, sha256=sha256, suffix=suffix, source=source, created_by=created_by, created_at=now(),
                directory_sha256=directory_sha256, directory_suffix=directory_suffix,
                directory_name=directory_name)).inserted_primary_key[0]

    def current_list(self):
        with self.engine.connect() as c:
            return c.execute(select(lists).order_by(lists.c.id.desc()).limit(1)).mappings().first()

    def get_list(self, list_id: int):
        with self.engine.connect() as c:
            return c.execute(select(lists).where(lists.c.id == list_id)).mappings().first()

    # periods -----------------------------------------------------------------------
    def open_period(self, *, period: str, list_id: int, due: dt.date, inbox_folder: str | None = None) -> int:
        try:
            with self.engine.begin() as c:
                return c.execute(insert(periods).values(
                    period=period, list_id=list_id, due=due.isoformat(), inbox_folder=inbox_folder,
                    opened_at=now())).inserted_primary_key[0]
        except IntegrityError:
            raise ZhishuiError(f"{period[:4]}年{int(period[5:])}月的报送期已经开始了", code="PERIOD_EXISTS",
                               hint="请在「报送期」列表中打开它") from None

    def period(self, key: str):
        with self.engine.connect() as c:
            return c.execute(select(periods).where(periods.c.period == key)).mappings().first()

    def period_by_id(self, pid: int):
        with self.engine.connect() as c:
            return c.execute(select(periods).where(periods.c.id == pid)).mappings().first()

    def periods(self) -> list:
        with self.engine.connect() as c:
            return list(c.execute(select(periods).order_by(periods.c.period.desc())).mappings())

    def update_period(self, pid: int, **values) -> None:
        allowed = {"report_date", "due", "inbox_folder", "closed_at", "list_id"}
        assert set(values) <= allowed, values
        with self.engine.begin() as c:
            c.execute(update(periods).where(periods.c.id == pid).values(**values))

    # unit tokens -------------------------------------------------------------------
    def issue_tokens(self, period_id: int, units: list[str], make=None) -> dict[str, str]:
        """unit -> its token for this period; units that already have one keep it."""
        have = self.tokens(period_id)
        make = make or new_token
        new = [{"token": make(), "period_id": period_id, "unit": u, "created_at": now()}
               for u in units if u not in have]
        if new:
            with self.engine.begin() as c:
                c.execute(insert(tokens), new)
        return self.tokens(period_id)

    def tokens(self, period_id: int) -> dict[str, str]:
        with self.engine.connect() as c:
            return {r.unit: r.token for r in c.execute(select(tokens).where(tokens.c.period_id == period_id))}

    def token(self, token: str):
        """The (period, unit) a token opens, or None."""
        if not token or len(token) > 64:
            return None
        with self.engine.connect() as c:
            return c.execute(select(tokens).where(tokens.c.token == token)).mappings().first()

    # uploads -----------------------------------------------------------------------
    def add_upload(self, *, receipt_no, period_id, unit, via, sha256, size, suffix, original_name, received_at,
                   accepted, summary: dict, client_addr=None) -> dict:
        row = dict(receipt_no=receipt_no, period_id=period_id, unit=unit, via=via, sha256=sha256, size=size,
                   suffix=suffix, original_name=original_name[:300], received_at=received_at,
                   accepted=accepted, summary=json.dumps(summary, ensure_ascii=False, default=str),
                   client_addr=client_addr)
        with self.engine.begin() as c:
            row["id"] = c.execute(insert(uploads).values(**row)).inserted_primary_key[0]
        return row

    def set_summary(self, upload_id: int, summary: dict, accepted: bool) -> None:
        with self.engine.begin() as c:
            c.execute(update(uploads).where(uploads.c.id == upload_id).values(
                summary=json.dumps(summary, ensure_ascii=False, default=str), accepted=accepted))

    def uploads(self, period_id: int, *, unit: str | None = None, via: str | None = None) -> list:
        q = select(uploads).where(uploads.c.period_id == period_id)
        if unit is not None:
            q = q.where(uploads.c.unit == unit)
        if via is not None:
            q = q.where(uploads.c.via == via)
        with self.engine.connect() as c:
            return list(c.execute(q.order_by(uploads.c.received_at, uploads.c.id)).mappings())

    def upload(self, receipt_no: str):
        with self.engine.connect() as c:
            return c.execute(select(uploads).where(uploads.c.receipt_no == receipt_no)).mappings().first()

    def stored_hashes(self) -> set[str]:
        """Every stored file a row points at: uploads, lists and their 单位名录 (a file none names was cut off)."""
        with self.engine.connect() as c:
            return ({r[0] for r in c.execute(select(uploads.c.sha256))} | {r[0] for r in c.execute(select(lists.c.sha256))}
                    | {r[0] for r in c.execute(select(lists.c.directory_sha256).where(lists.c.directory_sha256.is_not(None)))})

    def upload_signature(self, period_id: int) -> tuple:
        """Changes whenever an upload of the period is added or re-judged: the month cache key."""
        with self.engine.connect() as c:
            return tuple(c.execute(select(func.count(), func.max(uploads.c.id))
                                   .where(uploads.c.period_id == period_id)).one())


def _short(e: Exception) -> str:
    s = str(getattr(e, "orig", None) or e).strip().splitlines()
    return s[0][:200] if s else type(e).__name__


__all__ = ["Store", "LATEST", "MIGRATIONS", "normalize_url", "OperationalError"]
