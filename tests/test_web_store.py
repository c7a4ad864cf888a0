"""The server's storage layer on SQLite and on a real PostgreSQL server: schema versions and
migration with data in place, users, tokens, uploads under concurrent writers."""
from __future__ import annotations

import datetime as dt
import json
import threading

import pytest
from sqlalchemy import create_engine, inspect, text

from zhishui.errors import ZhishuiError
from zhishui.web.auth import hash_password, verify_password
from zhishui.web.store import LATEST, Store, new_token, normalize_url


def test_new_database_gets_every_migration(db_url):
    s = Store(db_url)
    assert s.version() == LATEST == 3
    cols = {c["name"] for c in inspect(s.engine).get_columns("uploads")}
    assert {"receipt_no", "sha256", "received_at", "accepted", "client_addr"} <= cols
    assert "directory_name" in {c["name"] for c in inspect(s.engine).get_columns("lists")}
    assert s.migrate() == []          # nothing left to do; opening again is harmless
    s.close()
    assert Store(db_url).version() == LATEST


def test_version_1_database_migrates_with_its_rows(db_url):
    s = Store.__new__(Store)
    s.url, s.engine = normalize_url(db_url), create_engine(normalize_url(db_url))
    assert s.migrate(upto=1) == [1]
    assert s.version() == 1
    assert "client_addr" not in {c["name"] for c in inspect(s.engine).get_columns("uploads")}
    when = dt.datetime(2020, 11, 20, 9, 30, 12, 345678)
    with s.engine.begin() as c:   # rows written by a version-1 server
        c.execute(text("INSERT INTO users (id, name, pw_hash, session_gen, created_at) VALUES (1, '办事员', 'x', 1, :t)"),
                  {"t": when})
        c.execute(text("INSERT INTO lists (id, name, sha256, suffix, source, created_at) "
                       "VALUES (1, '清单.xlsx', :h, '.xlsx', '上传', :t)"), {"h": "a" * 64, "t": when})
        c.execute(text("INSERT INTO periods (id, period, list_id, due, opened_at) VALUES (1, '2020-11', 1, '2020-11-25', :t)"),
                  {"t": when})
        c.execute(text("INSERT INTO uploads (id, receipt_no, period_id, unit, via, sha256, size, suffix, original_name, "
                       "received_at, accepted, summary) VALUES (1, 'R1', 1, '区水利局', '链接', :h, 10, '.xlsx', 'a.xlsx', "
                       ":t, :y, '{}')"), {"h": "b" * 64, "t": when, "y": True})
    s.engine.dispose()
    s2 = Store(db_url)              # a version-3 server opens it
    assert s2.version() == 3
    assert s2.get_list(1)["directory_name"] is None
    up = s2.upload("R1")
    assert up["unit"] == "区水利局" and up["received_at"] == when and up["client_addr"] is None
    assert s2.period("2020-11")["closed_at"] is None
    s2.update_period(1, closed_at=when)
    assert s2.period("2020-11")["closed_at"] == when


def test_users_passwords_and_sessions(db_url):
    s = Store(db_url)
    uid = s.add_user("办事员", hash_password("correct horse"))
    with pytest.raises(ZhishuiError, match="已经存在"):
        s.add_user("办事员", hash_password("x" * 8))
    u = s.user(name="办事员")
    assert u["pw_hash"].startswith("scrypt$") and "correct horse" not in u["pw_hash"]
    assert verify_password("correct horse", u["pw_hash"]) and not verify_password("correct hors", u["pw_hash"])
    s.set_password(uid, hash_password("battery staple"))
    assert s.user(uid=uid)["session_gen"] == u["session_gen"] + 1     # old sessions end


def test_setting_once_agrees_between_writers(db_url):
    s = Store(db_url)
    got = []
    threads = [threading.Thread(target=lambda i=i: got.append(s.setting_once("session_key", lambda i=i: f"k{i}")))
               for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(got)) == 1 and got[0] == s.setting("session_key")


def _period(s: Store, key="2020-11") -> int:
    lid = s.add_list(name="清单.xlsx", sha256="c" * 64, suffix=".xlsx", source="上传", created_by="办事员")
    return s.open_period(period=key, list_id=lid, due=dt.date(2020, 11, 25))


def test_tokens_one_per_unit_and_period(db_url):
    s = Store(db_url)
    p1 = _period(s)
    units = ["区水利局", "区农业农村委", "何埂镇"]
    toks = s.issue_tokens(p1, units)
    assert set(toks) == set(units) and len(set(toks.values())) == 3
    assert s.issue_tokens(p1, units + ["双石镇"])["区水利局"] == toks["区水利局"]   # kept on re-issue
    p2 = s.open_period(period="2020-12", list_id=s.current_list()["id"], due=dt.date(2020, 12, 25))
    toks2 = s.issue_tokens(p2, units)
    assert not set(toks2.values()) & set(toks.values())
    row = s.token(toks["何埂镇"])
    assert (row["unit"], row["period_id"]) == ("何埂镇", p1)
    tok = toks["何埂镇"]
    other = tok[:-1] + ("x" if tok[-1] != "x" else "y")          # one character changed (a token may end in x)
    assert s.token(other) is None and s.token("") is None and s.token("a" * 500) is None
    with pytest.raises(ZhishuiError, match="已经开始"):
        s.open_period(period="2020-11", list_id=s.current_list()["id"], due=dt.date(2020, 11, 25))
    t = new_token()
    assert len(t) == 24 and t.isalnum() and t == t.lower()


def test_concurrent_uploads_all_kept_in_order(db_url):
    s = Store(db_url)
    pid = _period(s)
    base = dt.datetime(2020, 11, 20, 9, 0, 0)
    errors = []

    def writer(i):
        try:
            s.add_upload(receipt_no=f"R{i:03d}", period_id=pid, unit=f"单位{i % 10}", via="链接", sha256=f"{i:064x}",
                         size=100 + i, suffix=".xlsx", original_name=f"=cmd|' /C calc'!A0 <b>{i}</b>.xlsx",
                         received_at=base + dt.timedelta(microseconds=i), accepted=i % 7 != 0,
                         summary={"state": "已报送", "i": i}, client_addr="127.0.0.1")
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)
    threads = [threading.Thread(target=writer, args=(i,)) for i in range(60)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = s.uploads(pid)
    assert [r["receipt_no"] for r in rows] == [f"R{i:03d}" for i in range(60)]     # by receipt time
    assert rows[5]["received_at"] == base + dt.timedelta(microseconds=5)          # microseconds kept
    assert rows[3]["original_name"] == "=cmd|' /C calc'!A0 <b>3</b>.xlsx"          # stored as data
    assert json.loads(rows[59]["summary"]) == {"state": "已报送", "i": 59}
    assert sum(not r["accepted"] for r in rows) == 9
    assert [r["receipt_no"] for r in s.uploads(pid, unit="单位3")] == [f"R{i:03d}" for i in range(3, 60, 10)]
    assert s.upload_signature(pid)[0] == 60
