"""``zhishui serve``: the 督办台 in a browser, and the page where units hand in their returns.

Flask (chosen by measured start time: bench/web_start.py) served by waitress, a pure-Python
production server, so the same process serves the clerk's own machine (127.0.0.1, the browser
opened for her) and an office server (``--host``) with hundreds of units uploading.
"""
from __future__ import annotations

import datetime as dt
import secrets
import threading
import webbrowser
from pathlib import Path

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from ..errors import ZhishuiError, log_internal_error
from ..month import state_word
from . import auth
from .files import MAX_UPLOAD
from .store import Store
from .workspace import Workspace

HERE = Path(__file__).parent


def create_app(data_dir, db_url: str | None = None, *, public_url: str = "http://127.0.0.1:8765",
               setup_code: str | None = None, testing: bool = False) -> Flask:
    # absolute: the preview's page images (LibreOffice writes absolute paths) are served relative to it — a relative
    # --data (the README's default, 治水督办台数据) made every 预览 an internal error (the session-16 browser trial)
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store(db_url or str(data_dir / "督办台.sqlite"))
    app = Flask(__name__, template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    workspace = Workspace(data_dir, store, public_url)
    app.config.update(
        STORE=store, WORKSPACE=workspace, RECOVERED=workspace.recover(),   # uploads a killed server was receiving
        SETUP_CODE=setup_code or secrets.token_hex(4).upper(),
        SECRET_KEY=store.setting_once("session_key", lambda: secrets.token_hex(32)),
        MAX_CONTENT_LENGTH=MAX_UPLOAD * 3 + 1024 * 1024,   # a form with a return and a directory
        MAX_FORM_MEMORY_SIZE=2 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_NAME="zhishui",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=12), TESTING=testing)
    app.jinja_env.globals.update(csrf_token=auth.csrf_token, current_user=auth.current_user)
    from ..findings import code_cn
    app.jinja_env.filters.update(when=_when, size=_size, code_cn=code_cn,
                                 state_word=state_word)   # (month.state_word: 按时报送)
    app.before_request(auth.check_csrf)

    from . import clerk_docs, clerk_year, water  # noqa: F401 - their routes join the clerk blueprint
    from .clerk import bp as clerk_bp
    from .unit import bp as unit_bp
    app.register_blueprint(clerk_bp)
    app.register_blueprint(unit_bp)

    @app.after_request
    def headers(resp):
        # links carry a unit's token: never sent on to another site; nothing loads from elsewhere
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Content-Security-Policy"] = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                                   "script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    @app.errorhandler(ZhishuiError)
    def zhishui_error(e):
        return render_template("error.html", title="无法完成", message=e.message), 400

    @app.errorhandler(HTTPException)
    def http_error(e):
        messages = {404: "没有这个页面（链接可能不完整，或已经失效）。", 403: "没有权限访问这个页面。",
                    413: f"上传的内容太大（单个文件不超过{MAX_UPLOAD // 1048576}MB）。",
                    405: "不能这样访问这个页面。"}
        msg = e.description if e.code == 400 else messages.get(e.code, "请求无法处理。")
        return render_template("error.html", title=f"错误 {e.code}", message=msg), e.code

    @app.errorhandler(Exception)
    def internal(e):
        log = log_internal_error("zhishui-web-error.log")
        return render_template("error.html", title="程序内部出错",
                               message=f"操作未完成。详细信息已写入服务器上的 {log}，请把该文件发给维护人员。"), 500

    return app


def _when(v) -> str:
    if not v:
        return ""
    if isinstance(v, str):
        try:
            v = dt.datetime.fromisoformat(v)
        except ValueError:
            return v
    return f"{v:%Y-%m-%d %H:%M:%S}" if isinstance(v, dt.datetime) else f"{v:%Y-%m-%d}"


def _size(n) -> str:
    if n < 1024:
        return f"{n} 字节"
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"


def serve(data_dir, db_url=None, host="127.0.0.1", port=8765, public_url=None, open_browser=True,
          threads=8, echo=print) -> None:
    import waitress
    public = public_url or f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    app = create_app(data_dir, db_url, public_url=public)
    store = app.config["STORE"]
    first = store.user_count() == 0
    echo(f"治水督办台：{public}/  （数据文件夹：{Path(data_dir).resolve()}；数据库：{store.kind}）")
    if host not in ("127.0.0.1", "localhost", "::1") and not public_url:
        echo("提示：在办公网上提供服务时，请用 --public-url 写明各单位能访问的地址（写进报送链接）。")
    start = f"{public}/setup?code={app.config['SETUP_CODE']}" if first else f"{public}/"
    if first:
        echo(f"第一次启动：请在 {start} 设置办事员密码（设置码 {app.config['SETUP_CODE']}）")
    if app.config["RECOVERED"]:
        names = "、".join(dict.fromkeys(r["unit"] for r in app.config["RECOVERED"]))
        echo(f"上次停止时有{len(app.config['RECOVERED'])}份上传没有处理完（{names}）：已存档，记为「上传中断，未确认收到」，"
             "不算报送；报送情况页「未采用的上传」和各单位的报送页都写明了，请让这些单位重新上传。")
    if open_browser:
        threading.Timer(0.5, lambda: webbrowser.open(start)).start()
    echo("按 Ctrl+C 停止。")
    waitress.serve(app, host=host, port=port, threads=threads, ident="zhishui", _quiet=True,
                   max_request_body_size=MAX_UPLOAD * 3 + 1024 * 1024)
