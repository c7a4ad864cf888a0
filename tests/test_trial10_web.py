"""Trial 10 (a new user's three periods on ``zhishui serve`` with another office's list): the links written
into the return sheets, the restart advice, what a unit's 回执 says, and the smaller things a WPS clerk met.

Every check reads what the server really wrote (the sheets with openpyxl, the pages as HTML) against an
independent reading (the list read by ``load_list``, the values the test typed)."""
from __future__ import annotations

import datetime as dt
import html
import io
import re
import shlex
import zipfile
from urllib.parse import unquote

import openpyxl

from conftest import LIST001
from zhishui.web.app import create_app

CODE = "TRIAL010"


def _csrf(resp) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True)).group(1)


def _clerk(data_dir, public_url: str):
    """(app, signed-in client, form token) of a server as ``zhishui serve`` makes it with this --public-url."""
    app = create_app(data_dir, setup_code=CODE, public_url=public_url, testing=True)
    c = app.test_client()
    if app.config["STORE"].user_count() == 0:
        tok = _csrf(c.get("/setup"))
        c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": "p" * 10, "again": "p" * 10})
    else:
        tok = _csrf(c.get("/login"))
        c.post("/login", data={"csrf_token": tok, "name": "办事员", "password": "p" * 10})
    return app, c, _csrf(c.get("/list"))


def _note_link(xlsx: bytes) -> str:
    """The link row 3 of a return sheet gives the unit."""
    note = openpyxl.load_workbook(io.BytesIO(xlsx))["报送表"]["A3"].value
    return re.search(r"https?://\S+", note).group(0)


def test_sheets_carry_the_link_as_it_is_now_after_a_restart(tmp_path):
    # started without --public-url (the links are this machine's own), period started; then restarted with the
    # office address: every sheet downloaded must say the new address, as the links page and 催报通知 do
    data = tmp_path / "data"
    app, c, tok = _clerk(data, "http://127.0.0.1:8710")
    r = c.post("/list", data={"csrf_token": tok, "list": (LIST001.open("rb"), LIST001.name)},
               content_type="multipart/form-data")
    assert r.status_code == 302
    assert c.post("/periods/new", data={"csrf_token": tok, "period": "2020-11", "due": "2020-11-25"}).status_code == 302
    page = c.get("/p/2020-11/units").get_data(as_text=True)
    # the advice names this server's own data folder and port: run as written it opens this desk again
    shown = html.unescape(re.search(r'<code id="restart-command">([^<]+)</code>', page).group(1))
    from zhishui.cli import cli
    args = shlex.split(shown)
    assert args[:2] == ["zhishui", "serve"]
    ctx = cli.commands["serve"].make_context("serve", args[2:])
    assert ctx.params["port"] == 8710 and ctx.params["host"] == "0.0.0.0"
    assert (tmp_path / ctx.params["data_dir"]).resolve() == data.resolve()
    assert ctx.params["public_url"] == "http://本机在办公网的地址:8710"
    old_links = app.config["WORKSPACE"].links(app.config["STORE"].period("2020-11"))
    app.config["STORE"].close()

    app, c, tok = _clerk(data, "http://192.0.2.2:8710")
    links = app.config["WORKSPACE"].links(app.config["STORE"].period("2020-11"))
    assert links == {u: v.replace("127.0.0.1", "192.0.2.2") for u, v in old_links.items()}     # the tokens stay
    page = c.get("/p/2020-11/units").get_data(as_text=True)
    assert links["区水利局"] in page and "127.0.0.1" not in page
    [name] = [h for h in map(unquote, re.findall(r'href="(/p/2020-11/returns/[^"]+)"', page)) if "_区水利局_" in h]
    assert _note_link(c.get(name).data) == links["区水利局"]
    with zipfile.ZipFile(io.BytesIO(c.get("/p/2020-11/returns.zip").data)) as z:
        sheets = [n for n in z.namelist() if n.endswith(".xlsx")]
        assert len(sheets) == len(links)
        for n in sheets:
            unit = n.split("_")[1]
            assert _note_link(z.read(n)) == links[unit], n
    app.config["STORE"].close()
