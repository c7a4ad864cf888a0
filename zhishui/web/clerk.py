"""The clerk's pages: the list and its check, periods, who has reported, documents, past months."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request, send_file,
                   url_for)

from .. import historydb
from ..errors import ZhishuiError
from ..findings import SEVERITY_ORDER
from ..month import not_read_text
from ..returnsheet import period_cn
from ..status import LIGHT_COLORS
from ..tasks import column_reading
from . import auth
from .documents import zip_of
from .workspace import VIA_CLERK, adopted_words, parse_date, parse_period, period_date, summary_json

bp = Blueprint("clerk", __name__)
PERIOD_RE = re.compile(r"^\d{4}-\d{2}$")


def ws():
    return current_app.config["WORKSPACE"]


def store():
    return current_app.config["STORE"]


def _period(key: str):
    if not PERIOD_RE.match(key or ""):
        abort(404)
    row = store().period(key)
    if row is None:
        abort(404)
    return row


def _fail(e: ZhishuiError, where: str):
    flash(e.message, "error")
    return redirect(where)


# --- first start, login ----------------------------------------------------------------

@bp.route("/setup", methods=["GET", "POST"])
def setup():
    if store().user_count() > 0:
        return redirect(url_for("clerk.login"))
    error = None
    if request.method == "POST":
        f = request.form
        if not auth.hmac.compare_digest(f.get("code", "").strip().upper(), current_app.config["SETUP_CODE"]):
            error = "设置码不对：请看启动 zhishui serve 的窗口里显示的设置码"
        elif not re.match(r"^[\w\u4e00-\u9fff.-]{1,32}$", f.get("name", "")):
            error = "用户名请用1—32个汉字、字母或数字"
        else:
            error = auth.password_problem(f.get("password", ""), f.get("again", ""))
        if not error:
            store().add_user(f["name"], auth.hash_password(f["password"]))
            auth.log_in(store().user(name=f["name"]))
            return redirect(url_for("clerk.home"))
    return render_template("setup.html", error=error, code=request.args.get("code", ""))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if store().user_count() == 0:
        return redirect(url_for("clerk.setup"))
    error = None
    addr = request.remote_addr or ""
    if request.method == "POST":
        if auth.too_many_failures(addr):
            error = "密码错误次数太多，请5分钟后再试"
        else:
            u = store().user(name=request.form.get("name", ""))
            if u and auth.verify_password(request.form.get("password", ""), u["pw_hash"]):
                auth.clear_failures(addr)
                auth.log_in(u)
                nxt = request.args.get("next", "")
                return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else url_for("clerk.home"))
            auth.note_failure(addr)
            error = "用户名或密码不对"
    return render_template("login.html", error=error)


@bp.post("/logout")
def logout():
    auth.session.clear()
    return redirect(url_for("clerk.login"))


@bp.route("/password", methods=["GET", "POST"])
@auth.clerk_required
def password():
    error = None
    if request.method == "POST":
        u = auth.current_user()
        if not auth.verify_password(request.form.get("old", ""), u["pw_hash"]):
            error = "原密码不对"
        else:
            error = auth.password_problem(request.form.get("password", ""), request.form.get("again", ""))
        if not error:
            store().set_password(u["id"], auth.hash_password(request.form["password"]))
            auth.log_in(store().user(uid=u["id"]))
            flash("密码已修改；其他地方登录的会话已失效", "ok")
            return redirect(url_for("clerk.home"))
    return render_template("password.html", error=error)


# --- home and the list -----------------------------------------------------------------

@bp.get("/")
@auth.clerk_required
def home():
    lst = store().current_list()
    tl = None
    if lst:
        try:
            tl = ws().task_list(lst)
        except ZhishuiError as e:
            flash(e.message, "error")
    periods = store().periods()
    return render_template("home.html", lst=lst, tl=tl, periods=periods,
                           on_other_list={p["period"] for p in periods if lst and tl and ws().list_note(p)})


@bp.get("/list")
@auth.clerk_required
def list_page():
    lst = store().current_list()
    on = request.args.get("date") or dt.date.today().isoformat()
    tl = findings = None
    if lst:
        try:
            tl, findings = ws().check(parse_date(on, "检查日期"))
            findings = sorted(findings, key=lambda f: f.sort_key())
        except ZhishuiError as e:
            flash(e.message, "error")
    counts = {s: sum(1 for f in findings or [] if f.severity == s) for s in SEVERITY_ORDER}
    return render_template("list.html", lst=lst, tl=tl, findings=findings, counts=counts, on=on,
                           reading=column_reading(tl) if tl else [])


@bp.post("/list")
@auth.clerk_required
def list_upload():
    f = request.files.get("list")
    if not f or not f.filename:
        flash("请选择责任清单文件", "error")
        return redirect(url_for("clerk.list_page"))
    d = request.files.get("directory")
    try:
        ws().add_list(f.filename, f.read(), auth.current_user()["name"],
                      (d.filename, d.read()) if d and d.filename else None)
    except ZhishuiError as e:
        return _fail(e, url_for("clerk.list_page"))
    flash(f"已载入责任清单「{Path(f.filename).name}」", "ok")
    _say_open_periods()
    return redirect(url_for("clerk.list_page"))


def _say_open_periods() -> None:
    """Where the clerk loads a list: the periods still taking returns stay on the list they started with."""
    for p in store().periods():
        note = ws().list_note(p) if p["closed_at"] is None else None
        if note:
            flash(note + f"（按钮在{period_cn(period_date(p['period']))}报送期的「报送情况」页）", "warning")


@bp.post("/list/import")
@auth.clerk_required
def list_import():
    f = request.files.get("plan")
    if not f or not f.filename:
        flash("请选择方案文件", "error")
        return redirect(url_for("clerk.list_page"))
    try:
        row, res = ws().import_plan(f.filename, f.read(), auth.current_user()["name"])
    except ZhishuiError as e:
        return _fail(e, url_for("clerk.list_page"))
    _say_open_periods()
    from ..plan.writer import doubts
    # the count the command line and the 督办台账 give for the same import, and where it is in the download
    d = doubts(res)
    flash(f"已从方案导入 {len(res.tasks)} 项任务，" + (f"需要核对 {d.total} 处，在下载的清单里（点下面的「下载这份清单」）：" +
                                                  "；".join(d.places()) if d.total else "没有需要核对的地方"), "ok")
    from ..plan.leftovers import leftover_note
    left = leftover_note(res.review)
    if left:
        flash(left, "warning")          # duties the import did not read: said where the clerk looks
    from ..plan.readthrough import read_through, read_through_note
    unread = read_through_note(read_through(res))
    if unread:
        flash(unread + "（在下载的清单里）", "warning")
    return redirect(url_for("clerk.list_page"))


@bp.get("/list/file")
@auth.clerk_required
def list_file():
    lst = store().current_list()
    if not lst:
        abort(404)
    return send_file(ws().list_path(lst), as_attachment=True, download_name=lst["name"])


@bp.get("/list/directory")
@auth.clerk_required
def directory_file():
    """The 单位名录 uploaded beside the list: without it the list alone does not expand 「各乡镇」."""
    lst = store().current_list()
    path = ws().directory_path(lst) if lst else None
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True, download_name=lst["directory_name"] or path.name)


# --- periods ---------------------------------------------------------------------------

@bp.route("/periods/new", methods=["GET", "POST"])
@auth.clerk_required
def period_new():
    if request.method == "POST":
        try:
            key = parse_period(request.form.get("period", ""))
            due = parse_date(request.form["due"], "报送截止日期") if request.form.get("due") else None
            ws().start_period(key, due, request.form.get("inbox", "").strip() or None)
        except ZhishuiError as e:
            return _fail(e, url_for("clerk.period_new"))
        flash(f"{period_cn(period_date(key))}报送期已开始：每个单位都有了自己的报送链接和报送表", "ok")
        return redirect(url_for("clerk.units", key=key))
    today = dt.date.today()
    return render_template("period_new.html", suggested=f"{today.year:04d}-{today.month:02d}",
                           has_list=store().current_list() is not None)


def month_or_error(row):
    """The period's month as the engine judges it, or why it cannot be judged (the page says it in place of the
    figures): the 报送情况 and 销号和延期 pages alike."""
    try:
        return ws().month(row), None
    except ZhishuiError as e:
        return None, e.message


@bp.get("/p/<key>")
@auth.clerk_required
def period(key):
    row = _period(key)
    m, error = month_or_error(row)
    uploads = store().uploads(row["id"])
    refused = [u for u in uploads if not u["accepted"]]
    return render_template("period.html", p=row, m=m, error=error, colors=LIGHT_COLORS, refused=refused,
                           uploads=len(uploads), summary=summary_json, title=period_cn(period_date(key)),
                           live=not row["report_date"], list_used=ws().list_words(store().get_list(row["list_id"])),
                           list_note=ws().list_note(row), not_read_text=not_read_text,
                           not_read=ws().not_read(row, m) if m is not None else [])


@bp.post("/p/<key>/list")
@auth.clerk_required
def period_list(key):
    """The period changes to the current list (the clerk loaded a revised one after it started)."""
    row = _period(key)
    try:
        got = ws().use_current_list(row)
    except ZhishuiError as e:
        return _fail(e, url_for("clerk.period", key=key))
    lst = store().current_list()
    said = [f"{period_cn(period_date(key))}报送期改用现在的清单{ws().list_words(lst)}"]
    if got["added"]:
        said.append(f"{'、'.join(got['added'])}有了本期的报送链接和报送表（在「报送链接和报送表」页）")
    if got["dropped"]:
        said.append(f"{'、'.join(got['dropped'])}在新清单里没有任务，本期不再要它报送")
    said.append("原有单位的链接不变，报送表已按新清单重新生成；已收到的报送照常汇总，已生成的文书请重新生成")
    flash("；".join(said), "ok")
    return redirect(url_for("clerk.period", key=key))


@bp.post("/p/<key>/settings")
@auth.clerk_required
def period_settings(key):
    row = _period(key)
    f = request.form
    try:
        values = {}
        due = parse_date(f["due"], "报送截止日期") if f.get("due") else None
        if due and due.isoformat() != row["due"]:
            # a mistyped deadline, or more time for everyone (the session-16 trial could not change it): the month
            # judges lateness by it; the issued sheets are made again with it, the links stay
            if not period_date(key) <= due <= period_date(key) + dt.timedelta(days=92):
                raise ZhishuiError(f"报送截止日期{due:%Y-%m-%d}不在报送期{period_cn(period_date(key))}之内或之后三个月内",
                                   hint="请检查年份、月份是否写对")
            values["due"] = due.isoformat()
        if "report_date" in f:
            values["report_date"] = parse_date(f["report_date"], "报告日期").isoformat() if f["report_date"] else None
        if "inbox" in f:
            inbox = f["inbox"].strip()
            if inbox and not Path(inbox).is_dir():
                raise ZhishuiError("找不到这个文件夹", file=inbox, hint="请填写本机上的文件夹路径，或留空")
            values["inbox_folder"] = inbox or None
        if f.get("uploads") == "close":
            values["closed_at"] = dt.datetime.now()
        elif f.get("uploads") == "open":
            values["closed_at"] = None
        store().update_period(row["id"], **values)
        if "due" in values:
            ws().issue_returns(store().period_by_id(row["id"]))
    except ZhishuiError as e:
        return _fail(e, url_for("clerk.period", key=key))
    flash(f"已保存；报送截止日期改为{values['due']}，下发报送表已按新日期重新生成（各单位的链接不变；"
          f"已给出的回执按当时的截止日期写，报送情况和文书按新日期判断逾期）" if "due" in values else "已保存", "ok")
    return redirect(url_for("clerk.period", key=key))


@bp.post("/p/<key>/files")
@auth.clerk_required
def period_files(key):
    row = _period(key)
    files = [(f.filename, f.read()) for f in request.files.getlist("files") if f and f.filename]
    if not files:
        flash("请选择文件", "error")
        return redirect(url_for("clerk.period", key=key))
    try:
        added = ws().add_clerk_files(row, files, auth.current_user()["name"])
    except ZhishuiError as e:
        return _fail(e, url_for("clerk.period", key=key))
    flash(f"已添加 {len(added)} 个文件，随本期一起汇总", "ok")
    return redirect(url_for("clerk.period", key=key))


@bp.get("/p/<key>/units")
@auth.clerk_required
def units(key):
    row = _period(key)
    links = ws().links(row)
    reporting = ws().units(row)     # (a unit the period's list no longer has keeps its token, not a line here)
    links = {u: links[u] for u in reporting if u in links}
    folder = ws().issued_folder(row)
    files = {p.name.split("_")[1]: p.name for p in folder.glob("*.xlsx")}
    latest = {}
    for u in store().uploads(row["id"]):
        if u["unit"]:
            latest[u["unit"]] = u
    # what the month counts for each unit now, beside its last upload: a refused upload followed by the sheet the clerk
    # added from an e-mail is 按时报送 (the trial-13 page showed only the upload's 「未能采用」)
    try:
        counted = {r.unit: r for r in ws().month(row).units}
    except ZhishuiError:
        counted = {}
    return render_template("units.html", p=row, links=links, files=files, latest=latest, summary=summary_json,
                           counted=counted, adopted_words=adopted_words,
                           title=period_cn(period_date(key)), reachable=ws().links_reach_units,
                           restart=ws().restart_command())


@bp.get("/p/<key>/returns/<path:name>")
@auth.clerk_required
def return_file(key, name):
    folder = ws().issued_folder(_period(key))
    path = folder / name
    if "/" in name or path.parent != folder or not path.is_file():
        abort(404)
    return send_file(path, as_attachment=True, download_name=name)


@bp.get("/p/<key>/returns.zip")
@auth.clerk_required
def returns_zip(key):
    data = zip_of(ws().issued_folder(_period(key)))
    return _zip_response(data, f"{key}_报送表.zip")


@bp.get("/p/<key>/inbox.zip")
@auth.clerk_required
def inbox_zip(key):
    """Everything received this period with the server's receipt log: the command line and the
    add-in give the same month over it (zhishui docs 清单 收到/ --period …)."""
    return _zip_response(ws().inbox_zip(_period(key)), f"{key}_收到的报送.zip")


@bp.get("/p/<key>/uploads")
@auth.clerk_required
def uploads(key):
    row = _period(key)
    return render_template("uploads.html", p=row, uploads=store().uploads(row["id"]), summary=summary_json,
                           title=period_cn(period_date(key)), VIA_CLERK=VIA_CLERK, command=ws().cli_command(row),
                           db=historydb.shown(ws().history_db) if ws().history_db else "")


@bp.get("/p/<key>/uploads/<no>")
@auth.clerk_required
def upload_view(key, no):
    row = _period(key)
    u = store().upload(no)
    if u is None or u["period_id"] != row["id"]:
        abort(404)
    if request.args.get("download"):
        if not ws().files.path(u["sha256"], u["suffix"]).exists():      # an upload cut off before it was saved
            abort(404)
        return send_file(ws().files.path(u["sha256"], u["suffix"]), as_attachment=True,
                         download_name=f"{u['receipt_no']}{u['suffix']}")
    return render_template("receipt.html", p=row, u=u, s=summary_json(u), clerk=True, title=period_cn(period_date(key)))


def _zip_response(data: bytes, name: str) -> Response:
    from urllib.parse import quote
    resp = Response(data, mimetype="application/zip")
    resp.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp
