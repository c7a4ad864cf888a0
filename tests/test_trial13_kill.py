"""Trial 13: ``zhishui serve`` killed (kill -9) with uploads in flight.  Five cut uploads had their bytes stored
and no row, and after the restart no page mentioned them (河长办's page showed its v7 「以这一份为准」 as if v8 was
never sent); the sixth was recorded though the unit never got its reply.

Here the server runs as ``zhishui serve`` does, a real process on SQLite and on a real PostgreSQL (two processes on
one database: the killed server and the one started after it), and kills itself at a crash point
(ZHISHUI_TEST_KILL_AFTER, honoured only under pytest: zhishui/testhooks.py) in the middle of an upload request:
after the file is stored and before it is read, or after its row is written and before the reply.  The restarted
server must show what the unit sent: the cut upload as 「上传中断，未确认收到」 with what to do, on the unit's page and
the clerk's; an upload whose reply was lost, on the unit's page with its receipt.  A file an older version stored
without a row (the trial's data folder) is found on start the same way."""
from __future__ import annotations

import html
import http.cookiejar
import io
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from conftest import LIST001
from returns_factory import fill_return
from web_helpers import free_port

CODE = "KILL0013"
PASSWORD = "k" * 10
UNIT = "区水利局"


@pytest.fixture(params=["sqlite", "postgresql"])
def new_db(request):
    """A maker of databases: None (the data folder's SQLite file), or a new database on the test PostgreSQL server."""
    if request.param == "sqlite":
        return lambda: None
    from pgserver import fresh_database
    server = request.getfixturevalue("pg_server")
    return lambda: fresh_database(server, f"kill13_{uuid.uuid4().hex[:10]}")


def prepare(data: Path, db: str | None, url: str):
    """A desk as the clerk leaves it: signed up, the 永川 list, 2020-12 open and due in ten days."""
    import datetime as dt
    from zhishui.web.app import create_app
    app = create_app(data, db, public_url=url, setup_code=CODE, testing=True)
    c = app.test_client()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/setup").get_data(as_text=True)).group(1)
    c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": PASSWORD, "again": PASSWORD})
    ws = app.config["WORKSPACE"]
    ws.add_list(LIST001.name, LIST001.read_bytes(), "办事员")
    period = ws.start_period("2020-12", dt.date.today() + dt.timedelta(days=10), None)
    links = ws.links(period)
    issued = next((ws.period_folder("2020-12") / "下发报送表").glob(f"*_{UNIT}_进展情况报送表.xlsx"))
    app.config["STORE"].close()
    return links, issued


class Server:
    """``zhishui serve`` in its own process (PYTEST_CURRENT_TEST is inherited: its crash points are live)."""

    def __init__(self, data: Path, db: str | None, port: int, **env):
        args = [sys.executable, "-m", "zhishui.cli", "serve", "--data", str(data), "--port", str(port), "--no-browser",
                "--public-url", f"http://127.0.0.1:{port}"] + (["--db", db] if db else [])
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env={**os.environ, **env})
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/login", timeout=5).read()
                break
            except OSError:
                if self.proc.poll() is not None:
                    raise AssertionError(self.proc.stdout.read())
                time.sleep(0.1)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=60) as r:
            return r.read().decode()

    def post(self, path: str, fields: dict, files: dict | None = None):
        boundary = uuid.uuid4().hex
        body = io.BytesIO()
        for k, v in fields.items():
            body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
        for k, (name, data) in (files or {}).items():
            body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\n'
                       f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        req = urllib.request.Request(self.url + path, data=body.getvalue(), method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        return self.opener.open(req, timeout=60)

    def upload(self, path: str, name: str, data: bytes):
        tok = re.search(r'name="csrf_token" value="([^"]+)"', self.get(path)).group(1)
        return self.post(path + "/upload", {"csrf_token": tok}, {"file": (name, data)})

    def login(self):
        tok = re.search(r'name="csrf_token" value="([^"]+)"', self.get("/login")).group(1)
        self.post("/login", {"csrf_token": tok, "name": "办事员", "password": PASSWORD})

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
        self.proc.wait(timeout=30)


def words(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _link_path(link: str) -> str:
    from urllib.parse import urlsplit
    return urlsplit(link).path


def _versions(issued: Path, tmp: Path) -> list[bytes]:
    """v1 and v2 of 区水利局's return, filled as a unit fills the issued sheet."""
    out = []
    for v in (1, 2):
        f = fill_return(issued, tmp / f"{UNIT}_v{v}.xlsx", UNIT,
                        values=lambda i, seq, u, v=v: {"完成状态": "序时推进", "完成比例": 0.3 * v, "进展情况": f"第{v}版"})
        out.append(f.path.read_bytes())
    return out


def _kill_point(tmp: Path, db: str | None, point: str) -> int:
    """The number of the crash point ``point`` in a server that takes one upload (the count includes its start),
    counted on a desk of its own: a server that counts is not killed.  ``STORED`` is the moment the uploaded
    file is in place under files/ (the file store's own crash point, named by the file's hash)."""
    import hashlib
    port = free_port()
    links, issued = prepare(tmp / "data", db, f"http://127.0.0.1:{port}")
    steps = tmp / "steps.txt"
    v1 = _versions(issued, tmp)[0]
    s = Server(tmp / "data", db, port, ZHISHUI_TEST_STEPS=str(steps))
    try:
        assert s.upload(_link_path(links[UNIT]), "count.xlsx", v1).status == 200
    finally:
        s.stop()
    point = f"replaced {hashlib.sha256(v1).hexdigest()}.xlsx" if point == STORED else point
    return next(int(n) for n, step in (ln.split("\t", 1) for ln in steps.read_text().splitlines())
                if step.strip() == point)


STORED = "stored"


def _killed_upload(tmp: Path, new_db, point: str):
    """v1 uploaded and answered; then v2, whose request kills the server at ``point``; then the server started
    again on the same data folder and database.  (server, links, sha-256 of v2)"""
    import hashlib
    n = _kill_point(tmp / "count", new_db(), point)
    data, db, port = tmp / "data", new_db(), free_port()
    links, issued = prepare(data, db, f"http://127.0.0.1:{port}")
    v1, v2 = _versions(issued, tmp)
    s = Server(data, db, port)
    assert s.upload(_link_path(links[UNIT]), f"{UNIT}_v1.xlsx", v1).status == 200
    s.stop()
    s = Server(data, db, port, ZHISHUI_TEST_KILL_AFTER=str(n))
    with pytest.raises(OSError):                              # the connection dropped: no reply
        s.upload(_link_path(links[UNIT]), f"{UNIT}_v2.xlsx", v2)
    assert s.proc.wait(timeout=30) == -9                       # SIGKILL in the middle of the request
    return Server(data, db, port), links, hashlib.sha256(v2).hexdigest()


def test_an_upload_cut_off_after_its_file_was_stored_is_shown_as_interrupted(tmp_path, new_db):
    s, links, sha = _killed_upload(tmp_path, new_db, STORED)
    try:
        unit_page = words(s.get(_link_path(links[UNIT])))
        lines = [ln for ln in unit_page.splitlines() if ln.startswith("回执 ")]      # the list of uploads
        cut = next(ln for ln in lines if f"，{UNIT}_v2.xlsx，" in ln)
        assert "上传中断，未确认收到" in cut and "请重新上传" in cut
        first = next(ln for ln in lines if f"，{UNIT}_v1.xlsx，" in ln)      # (the cut one names v1 as what counts)
        assert "以这一份为准" in first and "以这一份为准" not in cut       # v1 is what the month counts
        no = re.search(r"回执 (\S+)：", cut).group(1)
        receipt = words(s.get(_link_path(links[UNIT]) + f"/r/{no}"))
        assert "上传中断，未确认收到" in receipt and "不算本期报送" in receipt
        # the clerk: among the refused uploads, saying what to do; the file kept, byte for byte
        s.login()
        period = words(s.get("/p/2020-12"))
        assert "上传中断，未确认收到" in period and "单位没有收到回执：请让它重新上传" in period
        files = words(s.get("/p/2020-12/uploads"))
        assert no in files and "上传中断，未确认收到" in files
        import hashlib
        with s.opener.open(s.url + f"/p/2020-12/uploads/{no}?download=1", timeout=60) as r:
            assert hashlib.sha256(r.read()).hexdigest() == sha
        # the 异常清单 says it too, with what to do, and the unit still counts by v1
        assert "单位没有收到回执：请让该单位重新上传" in period and "该单位另有采用的报送表" in period \
            and "按它算报送情况，不催报" in period
    finally:
        s.stop()
    assert not list((tmp_path / "data" / "pending").glob("*/*.json"))        # taken over, nothing left pending


def test_an_upload_recorded_whose_reply_was_lost_is_on_the_units_page(tmp_path, new_db):
    s, links, sha = _killed_upload(tmp_path, new_db, "upload recorded")
    try:
        unit_page = words(s.get(_link_path(links[UNIT])))
        v2 = next(ln for ln in unit_page.splitlines() if ln.startswith("回执 ") and f"{UNIT}_v2.xlsx" in ln)
        assert "按时报送" in v2 and "以这一份为准" in v2 and "上传中断" not in unit_page
        no = re.search(r"回执 (\S+)：", v2).group(1)
        assert "按时报送" in words(s.get(_link_path(links[UNIT]) + f"/r/{no}"))
    finally:
        s.stop()
    assert not list((tmp_path / "data" / "pending").glob("*/*.json"))


def test_a_stored_file_without_a_row_is_found_on_start(tmp_path, new_db):
    """The trial's data folder: an older version stored the file before writing anything down, so a kill left
    the file alone.  On start it is read (the return's hidden sheet names its unit and period) and shown."""
    data, db, port = tmp_path / "data", new_db(), free_port()
    links, issued = prepare(data, db, f"http://127.0.0.1:{port}")
    v1, v2 = _versions(issued, tmp_path)
    from zhishui.web.files import FileStore
    FileStore(data / "files").put(v2, ".xlsx")             # what the older server did before it was killed
    s = Server(data, db, port)
    try:
        line = next(ln for ln in words(s.get(_link_path(links[UNIT]))).splitlines() if ln.startswith("回执 ") and "上传中断" in ln)
        assert "上传中断，未确认收到" in line and "请重新上传" in line
    finally:
        s.stop()
    # found once: the next start does not record it again
    s = Server(data, db, port)
    try:
        assert words(s.get(_link_path(links[UNIT]))).count("上传中断，未确认收到") == 1
    finally:
        s.stop()
