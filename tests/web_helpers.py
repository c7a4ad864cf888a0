"""Shared by the web tests: a real server on loopback (waitress, in a thread), Debian's chromium
driven by Playwright, screenshots for the README."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ZHISHUI_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = os.environ.get("ZHISHUI_SCREENSHOTS")   # a folder: README pictures are written there


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(data_dir: Path, db_url: str | None = None, setup_code: str = "TEST1234"):
    """The app as ``zhishui serve`` runs it (waitress), on a free loopback port."""
    import waitress
    from zhishui.web.app import create_app
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    app = create_app(data_dir, db_url, public_url=url, setup_code=setup_code)
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=8)
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    try:
        yield url, app
    finally:
        server.close()
        t.join(timeout=10)
        app.config["STORE"].close()


@contextlib.contextmanager
def chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"没有找到 chromium（{CHROMIUM}）：scripts/install-system-deps.sh 安装 Debian 的 chromium；浏览器测试未运行")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("没有安装 playwright（pip install -e '.[test]'）；浏览器测试未运行")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                    args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def shot(page, name: str) -> None:
    """A README picture (only when ZHISHUI_SCREENSHOTS names a folder), palette PNG under ~200 KB."""
    if not SHOTS:
        return
    from PIL import Image
    out = Path(SHOTS) / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=False)
    img = Image.open(out).convert("RGB").quantize(colors=64)
    img.save(out, optimize=True)


def clerk_client(data_dir: Path, setup_code: str = "TEST1234"):
    """(app, Flask test client signed in as the clerk who set the app up, the form token)."""
    import re
    from zhishui.web.app import create_app
    app = create_app(data_dir, setup_code=setup_code, testing=True)
    c = app.test_client()
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/setup").get_data(as_text=True)).group(1)
    c.post("/setup", data={"csrf_token": tok, "code": setup_code, "name": "办事员", "password": "p" * 9, "again": "p" * 9})
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/list").get_data(as_text=True)).group(1)
    return app, c, tok


@contextlib.contextmanager
def open_period_desk(data_dir: Path, setup_code: str, period: str = "2020-12"):
    """The 永川 list with ``period`` open and due in ten days (uploads now are on time): (app, workspace, store, period)."""
    import datetime as dt
    from conftest import LIST001
    from zhishui.web.app import create_app
    app = create_app(data_dir, setup_code=setup_code, testing=True)
    ws = app.config["WORKSPACE"]
    ws.add_list(LIST001.name, LIST001.read_bytes(), "办事员")
    started = ws.start_period(period, dt.date.today() + dt.timedelta(days=10), None)
    try:
        yield app, ws, app.config["STORE"], started
    finally:
        app.config["STORE"].close()


def issued_sheet(ws, unit: str, period: str = "2020-12") -> Path:
    """The return sheet the desk issued to ``unit`` for ``period``."""
    return next((ws.period_folder(period) / "下发报送表").glob(f"*_{unit}_进展情况报送表.xlsx"))
