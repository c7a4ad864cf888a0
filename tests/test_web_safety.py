"""The server's protections, over HTTP (Flask's test client, the real app): login and its
throttle, sessions ended by a password change, CSRF on every form, pages that need a login,
uploads checked by content and bounded, files served only from inside their folders, and a
unit link that shows one unit's tasks and nothing else."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import LIST001, SAMPLES
from zhishui.errors import ZhishuiError
from zhishui.tasks import load_list
from zhishui.web import files as F
from zhishui.web.app import create_app

CODE = "SAFE0001"
INBOX = SAMPLES / "seed001" / "2020年11月报送"


def _csrf(resp) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True)).group(1)


@pytest.fixture
def app(tmp_path):
    a = create_app(tmp_path / "data", setup_code=CODE, testing=True)
    yield a
    a.config["STORE"].close()


def _setup(c, password="正确的密码-2020"):
    tok = _csrf(c.get("/setup"))
    return c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": password,
                                  "again": password})


def test_first_start_needs_the_setup_code_then_a_login(app):
    c = app.test_client()
    assert c.get("/p/2020-11").headers["Location"].endswith("/setup")
    tok = _csrf(c.get("/setup"))
    r = c.post("/setup", data={"csrf_token": tok, "code": "WRONG", "name": "x", "password": "a" * 10, "again": "a" * 10})
    assert "设置码不对" in r.get_data(as_text=True) and app.config["STORE"].user_count() == 0
    r = c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "x", "password": "short", "again": "short"})
    assert "至少8个字符" in r.get_data(as_text=True)
    assert _setup(c).status_code == 302
    assert c.get("/setup").headers["Location"].endswith("/login")     # only once
    # every clerk page, without a login, goes to the login page
    anon = app.test_client()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("clerk.") and "GET" in rule.methods and rule.endpoint not in (
                "clerk.login", "clerk.setup"):
            url = rule.build({a: "2020-11" if a == "key" else "x" for a in rule.arguments})[1]
            r = anon.get(url)
            assert r.status_code == 302 and "/login" in r.headers["Location"], url


def test_login_throttle_and_password_change_ends_sessions(app):
    c = app.test_client()
    _setup(c)
    other = app.test_client()
    tok = _csrf(other.get("/login"))
    r = other.post("/login", data={"csrf_token": tok, "name": "办事员", "password": "正确的密码-2020"})
    assert r.status_code == 302 and other.get("/").status_code == 200
    # the password changes in the first session: the second one is over
    tok = _csrf(c.get("/password"))
    r = c.post("/password", data={"csrf_token": tok, "old": "正确的密码-2020", "password": "新的密码-2021", "again": "新的密码-2021"})
    assert r.status_code == 302 and c.get("/").status_code == 200
    assert other.get("/").headers["Location"].startswith("/login")
    # guessing: refused after a few tries even with the right password
    g = app.test_client()
    g.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    tok = _csrf(g.get("/login"))
    for _ in range(8):
        assert "用户名或密码不对" in g.post("/login", data={"csrf_token": tok, "name": "办事员", "password": "x"}).get_data(as_text=True)
    r = g.post("/login", data={"csrf_token": tok, "name": "办事员", "password": "新的密码-2021"})
    assert "次数太多" in r.get_data(as_text=True)
    stored = app.config["STORE"].user(name="办事员")["pw_hash"]
    assert stored.startswith("scrypt$16384$8$1$") and "新的密码" not in stored


def test_every_form_needs_the_session_token(app):
    c = app.test_client()
    _setup(c)
    for url in ("/list", "/list/import", "/periods/new", "/logout", "/password"):
        r = c.post(url, data={})
        assert r.status_code == 400 and "防伪造" in r.get_data(as_text=True), url
        r = c.post(url, data={"csrf_token": "forged"})
        assert r.status_code == 400, url


@pytest.fixture
def period(app):
    ws = app.config["WORKSPACE"]
    ws.add_list(LIST001.name, LIST001.read_bytes(), "办事员")
    ws.start_period("2020-11", dt.date(2020, 11, 25), None)
    return app.config["STORE"].period("2020-11")


def test_unit_link_shows_its_own_tasks_only(app, period):
    ws = app.config["WORKSPACE"]
    tl = load_list(LIST001)                        # an independent reading of the list
    links = ws.links(period)
    c = app.test_client()
    for unit in ("区水利局", "何埂镇"):
        html = c.get(links[unit].split("8765", 1)[1]).get_data(as_text=True)
        own = tl.units()[unit]
        seqs = re.findall(r"<tr><td>([^<]+)</td><td>[^<]*</td><td class=\"text\">", html)
        assert seqs == [t.label for t in tl.tasks if t.key in own]
        own_text = "".join(t.category + t.full_content + t.deadline_text for t in tl.tasks if t.key in own)
        leaked = [u for u in tl.units() if u != unit and u in html and u not in own_text]
        assert leaked == []                            # no other unit is named, but inside its own tasks' text
        assert "csrf_token" in html and "办事员登录" not in html


def test_uploads_checked_by_content_and_bounded(tmp_path):
    xlsx = (INBOX / "2020年11月_区河长办_进展情况报送表.xlsx").read_bytes()
    assert F.kind_of(xlsx) == ".xlsx"
    assert F.kind_of((INBOX / "2020年11月_区水利局_进展情况报送表.xls").read_bytes()) == ".xls"
    assert F.kind_of((INBOX / "收件记录.csv").read_bytes()) == ".csv"
    assert F.kind_of((INBOX / "报送2020年11月进展情况（何埂镇）.eml").read_bytes()) == ".eml"
    assert F.kind_of((INBOX / "区农业农村委_佐证材料_验收报告.pdf").read_bytes()) == ".pdf"
    assert F.kind_of(b"MZ\x90\x00" + bytes(200)) == ".bin"
    with pytest.raises(ZhishuiError, match="PDF"):
        F.accept((INBOX / "区农业农村委_佐证材料_验收报告.pdf").read_bytes(), F.RETURN_KINDS, "报送表")
    with pytest.raises(ZhishuiError, match="超过20MB"):
        F.accept(b"a" * (F.MAX_UPLOAD + 1), F.RETURN_KINDS, "报送表")

    def zipped(members: dict, *, level=zipfile.ZIP_DEFLATED) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", level) as z:
            for n, d in members.items():
                z.writestr(n, d)
        return buf.getvalue()
    assert F.accept(zipped({"a.xlsx": xlsx}), F.RETURN_KINDS, "报送表") == ".zip"
    with pytest.raises(ZhishuiError, match="超过50个"):
        F.check_zip(zipped({f"{i}.csv": b"a,b" for i in range(51)}))
    with pytest.raises(ZhishuiError, match="压缩比异常"):
        F.check_zip(zipped({"bomb.csv": b"0" * (15 * 1024 * 1024)}))
    with pytest.raises(ZhishuiError, match="多层"):
        F.check_zip(zipped({"a.zip": zipped({"b.zip": zipped({"c.csv": b"a,b"})})}))
    with pytest.raises(ZhishuiError, match="损坏"):
        F.check_zip(b"PK\x03\x04broken")
    store = F.FileStore(tmp_path / "files")
    s = store.put(xlsx, ".xlsx")
    assert s.path == tmp_path / "files" / s.sha256[:2] / f"{s.sha256}.xlsx" and s.path.read_bytes() == xlsx
    with pytest.raises(ValueError):
        store.path("../../etc/passwd", ".xlsx")


def test_form_text_stays_text(app, period):
    """What a unit types on the web form is written as text: never a formula in the workbook,
    never markup on the receipt."""
    ws = app.config["WORKSPACE"]
    tl = ws.task_list()
    unit = "区河长办"
    keys = list(tl.units()[unit])
    typed = {f"{keys[0]}:state": "序时推进", f"{keys[0]}:progress": '=HYPERLINK("http://x","点我")',
             f"{keys[0]}:problems": "<script>alert(1)</script>", f"{keys[0]}:percent": "55",
             "reporter": "=1+1", "phone": "+86 023"}
    data = ws.form_workbook(period, unit, typed)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    cells = {c.value: c.data_type for row in wb["报送表"].iter_rows() for c in row if isinstance(c.value, str)}
    assert cells['=HYPERLINK("http://x","点我")'] == "s" and cells["=1+1"] == "s"
    res = ws.receive(period, unit, "网页填写.xlsx", data)
    row = next(r for r in res.summary["rows"] if r["progress"])
    assert row["progress"] == '=HYPERLINK("http://x","点我")' and row["problems"] == "<script>alert(1)</script>"
    assert row["percent"] == pytest.approx(0.55)
    c = app.test_client()
    token = ws.links(period)[unit].rsplit("/", 1)[1]
    html = c.get(f"/u/{token}/r/{res.row['receipt_no']}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html


def test_files_served_only_from_their_folders(app, period):
    c = app.test_client()
    _setup(c)
    ws = app.config["WORKSPACE"]
    folder = ws.make_docs(period, dt.date(2020, 11, 30))
    secret = folder.parent.parent / "secret.txt"
    secret.write_text("x")
    for url in (f"/p/2020-11/docs/{folder.name}/file/../../secret.txt",
                f"/p/2020-11/docs/{folder.name}/file/%2e%2e/%2e%2e/secret.txt",
                "/p/2020-11/docs/..%2f..%2f/file/x", "/p/2020-11/returns/..%2fx.xlsx", "/p/../etc/passwd",
                f"/p/2020-11/docs/{folder.name}/page/汇总结果.xlsx"):
        assert c.get(url).status_code == 404, url
    ok = c.get(f"/p/2020-11/docs/{folder.name}/file/汇总结果.xlsx")
    assert ok.status_code == 200 and ok.data[:2] == b"PK"
    r = c.get("/")
    assert r.headers["Referrer-Policy"] == "no-referrer" and "default-src 'self'" in r.headers["Content-Security-Policy"]
    html = Path(app.template_folder, "base.html").read_text(encoding="utf-8") + \
        Path(app.static_folder, "style.css").read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html        # nothing loads from elsewhere


def test_a_list_that_cannot_be_used_does_not_replace_the_current_one(app, period):
    """A workbook without the list's columns is refused with the reader's message; the list in
    use stays, and so does the period."""
    c = app.test_client()
    _setup(c)
    tok = _csrf(c.get("/list"))
    ret = INBOX / "2020年11月_区河长办_进展情况报送表.xlsx"      # a return, not a list
    r = c.post("/list", data={"csrf_token": tok, "list": (ret.open("rb"), ret.name)}, content_type="multipart/form-data",
               follow_redirects=True)
    html = r.get_data(as_text=True)
    assert 'class="flash error"' in html and app.config["STORE"].current_list()["name"] == LIST001.name
    assert "63 项任务" in html


def test_inbox_names_never_look_like_a_period(app):
    """The reader takes 「1203-03」 in a file name for a period: the server's names never hold one."""
    from zhishui import returnsheet as rs
    from zhishui.unitnames import norm
    from zhishui.web.receipt import upload_name
    ws = app.config["WORKSPACE"]
    when = dt.datetime(2020, 11, 20, 9, 30)
    for _ in range(3000):
        name = upload_name("区水利局", ws.new_receipt_no(when), ".xlsx")
        assert rs.PERIOD_RE.search(norm(name)) is None and "月" not in name, name


def test_last_months_return_through_this_months_link_is_kept_not_counted(app, period, tmp_path):
    from returns_factory import fill_return
    ws, store = app.config["WORKSPACE"], app.config["STORE"]
    dec = ws.start_period("2020-12", dt.date(2020, 12, 25), None)
    nov_return = next((ws.period_folder("2020-11") / "下发报送表").glob("*_区水利局_*"))
    filled = fill_return(nov_return, tmp_path / "11月.xlsx", "区水利局")
    res = ws.receive(dec, "区水利局", "11月.xlsx", filled.path.read_bytes())
    assert not res.summary["accepted"] and res.summary["state"] == "未能采用"
    assert any("不是本期" in f["message"] for f in res.summary["fixes"])
    # (the 回执 speaks to the unit: 「请报送本期的报送表」, not the clerk's 「请让该单位…」 — a session-15 trial)
    said = " ".join(f["message"] + f["suggestion"] for f in res.summary["fixes"])
    assert "该单位" not in said and "请报送本期的报送表" in said
    m = ws.month(store.period("2020-12"), dt.date(2020, 12, 31))     # the month is not stopped by it
    assert next(u for u in m.units if u.unit == "区水利局").state == "未报送"
    assert store.uploads(dec["id"])[0]["sha256"] == res.row["sha256"]     # and it is kept


def test_documents_date_is_checked_as_typed(app, period):
    """The live page dates the month today; the documents' report date is typed by the clerk and
    is checked as the command line checks it: a mistyped year is refused, with what to do."""
    c = app.test_client()
    _setup(c)
    tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/p/2020-11/docs").get_data(as_text=True)).group(1)
    r = c.post("/p/2020-11/docs", data={"csrf_token": tok, "report_date": "2012-11-30"}, follow_redirects=True)
    html = r.get_data(as_text=True)
    assert "报告日期2012-11-30不在报送期2020年11月之内" in html and "2020-11-30" in html
    assert app.config["WORKSPACE"].doc_sets("2020-11") == []
    r = c.post("/p/2020-11/docs", data={"csrf_token": tok, "report_date": "2020-11-30"}, follow_redirects=True)
    assert len(app.config["WORKSPACE"].doc_sets("2020-11")) == 1


def test_late_correction_after_an_on_time_upload_says_what_the_month_says(app, period, tmp_path):
    """README 「报送情况和收到时间」: punctuality is the unit's first return with content.  The
    receipt of a correction sent after the deadline, and the unit's page, say so, as the month does."""
    from returns_factory import fill_return
    from sqlalchemy import update
    from zhishui.web.store import uploads
    ws, store = app.config["WORKSPACE"], app.config["STORE"]
    issued = ws.period_folder("2020-11") / "下发报送表"
    first = fill_return(next(issued.glob("*_区水利局_*")), tmp_path / "1.xlsx", "区水利局")
    res = ws.receive(period, "区水利局", "1.xlsx", first.path.read_bytes())
    assert res.summary["state"] == "逾期报送"          # today is after 2020-11-25
    # the first upload came in time: the server's time of it, moved back to before the deadline
    with store.engine.begin() as c:
        c.execute(update(uploads).where(uploads.c.id == res.row["id"]).values(
            received_at=dt.datetime(2020, 11, 24, 9, 30)))
    html = app.test_client().get(ws.links(period)["区水利局"].split("8765", 1)[1]).get_data(as_text=True)
    assert "本单位11月24日已按时报送" in html and "不算逾期报送" in html
    second = fill_return(next(issued.glob("*_区水利局_*")), tmp_path / "2.xlsx", "区水利局",
                         values=lambda i, seq, unit: {"完成状态": "进度滞后", "进展情况": "更正"})
    res = ws.receive(period, "区水利局", "2.xlsx", second.path.read_bytes())
    assert res.summary["state"] == "已报送" and res.summary["late"]
    assert res.summary["late_note"].startswith("逾期更正：本单位11月24日已按时报送")
    token = ws.links(period)["区水利局"].rsplit("/", 1)[1]
    receipt = app.test_client().get(f"/u/{token}/r/{res.row['receipt_no']}").get_data(as_text=True)
    assert 'id="state" class="ok">按时报送<' in receipt and "内容采用，不算逾期报送" in receipt
    # a unit with no earlier return: late, and told how an e-mailed on-time return would count
    other = fill_return(next(issued.glob("*_何埂镇_*")), tmp_path / "3.xlsx", "何埂镇")
    res = ws.receive(period, "何埂镇", "3.xlsx", other.path.read_bytes())
    assert res.summary["state"] == "逾期报送" and "逾期更正" in res.summary["late_note"]
    m = ws.month(store.period("2020-11"), dt.date(2020, 11, 30))
    water = next(u for u in m.units if u.unit == "区水利局")
    assert water.state == "已报送" and "逾期更正" in water.check
    assert next(u for u in m.units if u.unit == "何埂镇").state == "逾期报送"


def test_another_units_sheet_through_a_link_is_said_in_the_month_and_the_chase(app, period, tmp_path):
    """A browser trial of session 15: 区水利局 uploaded 何埂镇's sheet through its own link; the upload was
    refused (rightly) but the month, the 催报 and the chat reminder said 「尚未收到你单位报送材料」.  Now the
    server's 收件记录 carries the refused upload (方式 上传未采用, with why) and the month says what came."""
    from returns_factory import fill_return
    from zhishui.generators.contexts import chase_message, prepare
    from zhishui.generators.month_documents import chase_context
    from zhishui.month import run_month
    ws, store = app.config["WORKSPACE"], app.config["STORE"]
    issued = ws.period_folder("2020-11") / "下发报送表"
    theirs = fill_return(next(issued.glob("*_何埂镇_*")), tmp_path / "何埂镇.xlsx", "何埂镇")
    res = ws.receive(period, "区水利局", "何埂镇.xlsx", theirs.path.read_bytes())
    assert not res.summary["accepted"]
    m = ws.month(store.period("2020-11"), dt.date(2020, 11, 30))
    water = next(u for u in m.units if u.unit == "区水利局")
    assert water.state == "未报送" and water.missing                     # counts unchanged: it is no return of 区水利局
    assert water.refused_upload == "这是「何埂镇」的报送表，不是本单位（区水利局）的"
    assert water.check.startswith("网页上传的文件未采用：这是「何埂镇」的报送表")
    assert next(u for u in m.units if u.unit == "何埂镇").state == "未报送"     # nor of 何埂镇
    one = prepare("chase", chase_context(m, per_unit="区水利局"))
    assert "通过报送链接上传的文件未能采用（这是「何埂镇」的报送表" in one["missing_text"] and "尚未报送" not in one["missing_text"]
    listed = prepare("chase", chase_context(m))
    assert "区水利局上传的文件未能采用" in listed["missing_text"]
    msg = chase_message(chase_context(m), "区水利局")
    assert "你单位通过报送链接上传的文件未能采用" in msg and "尚未收到你单位" not in msg
    # the exported folder, read on the command line, says the same
    root = tmp_path / "export"
    zipfile.ZipFile(io.BytesIO(ws.inbox_zip(period))).extractall(root)
    assert len(list((root / "未采用的上传").iterdir())) == 1
    cli = run_month(load_list(LIST001), [root / "收到"], dt.date(2020, 11, 1), dt.date(2020, 11, 30),
                    due=dt.date(2020, 11, 25), use_history=False, allow_empty=True)
    assert next(u for u in cli.units if u.unit == "区水利局").check == water.check
    assert not [a for a in cli.anomalies if a.code == "RECEIPT_UNMATCHED"]     # the refused row dates no file
    refused = [a for a in m.anomalies if a.code == "UPLOAD_REFUSED"]              # and the 异常清单 lists it
    assert len(refused) == 1 and refused[0].message.startswith("区水利局通过报送链接上传的文件未采用：这是「何埂镇」的报送表")
    from zhishui.generators.month_documents import supervise_contexts
    row = next(t for c in supervise_contexts(m) if c["unit"] == "区水利局" for t in c["tasks"])
    assert "（通过报送链接上传的文件未能采用：这是「何埂镇」的报送表" in row["reason"]      # its 督办通知 says what came


def test_the_web_form_asks_for_an_extension_and_a_target_value(app, tmp_path):
    """A browser trial of session 15: the web form had no 申请延期至 / 延期理由 / 本期数值, which the workbook has.
    Now a unit asks for more time on the form (a date picker and a reason) and, on a task with a target, gives the
    period's figure; the month reads them as it reads the workbook's cells."""
    src = openpyxl.load_workbook(LIST001)
    sheet = src[next(n for n in src.sheetnames if "任务" in n or "分解" in n)]
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("加快"))
    cell.value = "城市生活污水集中收集率大于85%，" + cell.value          # the task now measures a target
    listed = tmp_path / "目标清单.xlsx"
    src.save(listed)
    ws, store = app.config["WORKSPACE"], app.config["STORE"]
    ws.add_list(listed.name, listed.read_bytes(), "办事员")
    ws.start_period("2020-11", dt.date(2020, 11, 25), None)
    period = store.period("2020-11")
    tl = ws.task_list()
    target_task = next(t for t in tl.tasks if "收集率大于85%" in t.content)
    unit = next(u for u, roles in tl.units().items() if target_task.key in roles)
    token = ws.links(period)[unit].rsplit("/", 1)[1]
    c = app.test_client()
    html = c.get(f"/u/{token}/form").get_data(as_text=True)
    assert html.count("申请延期至") == len(tl.units()[unit]) and html.count(":extend_reason") == len(tl.units()[unit])
    assert html.count(":value") == 1 and "本期数值（目标：" in html        # only where there is a target
    before = ws.month(period, dt.date(2020, 11, 30))
    late = next(ts.task for ts in before.statuses if ts.status == "逾期" and unit in [s.unit for s in ts.shares])
    form = {"csrf_token": _csrf(c.get(f"/u/{token}/form")), "reporter": "张三",
            f"{target_task.key}:state": "序时推进", f"{target_task.key}:progress": "管网改造完成一半",
            f"{target_task.key}:value": "83.5", f"{target_task.key}:extend_to": "2021-03-31",
            f"{target_task.key}:extend_reason": "=管材到货推迟",
            f"{late.key}:state": "进度滞后", f"{late.key}:extend_to": "2021-06-30", f"{late.key}:extend_reason": "资金未到位"}
    assert c.post(f"/u/{token}/form", data=form).status_code == 303      # to the 回执
    from sqlalchemy import update
    from zhishui.web.store import uploads
    with store.engine.begin() as conn:      # (uploads carry the server's time: today's is after the period)
        conn.execute(update(uploads).values(received_at=dt.datetime(2020, 11, 24, 9, 30)))
    m = ws.month(store.period("2020-11"), dt.date(2020, 11, 30))
    req = next(r for r in m.requests if r.unit == unit and r.task.key == target_task.key)
    assert (req.asked, req.reason) == (dt.date(2021, 3, 31), "=管材到货推迟")      # a date, and text kept as text
    ts = next(s for s in m.statuses if s.task.key == target_task.key)
    report = next(sh for sh in ts.shares if sh.unit == unit).report
    assert report.value == pytest.approx(83.5)
    from zhishui.tables import source_text          # the 汇总's 来源 cell names the columns in Chinese
    said = source_text(report)
    assert "申请延期至P" in said and "延期理由Q" in said and "本期数值" in said and "extend" not in said
    # the request is said where the clerk reads the task: the 汇总's 调整后时限 and the 督办通知's row for it
    from zhishui.tables import adjusted_text
    assert adjusted_text(next(s for s in m.statuses if s.task.key == late.key)) == f"申请延期至2021-06-30（{unit}，待审批）"
    assert adjusted_text(ts) == ""          # (a 长期坚持 task has no deadline to move: that request is 申请无效)
    c2 = app.test_client()
    _setup(c2)
    assert f"申请延期至2021-06-30（{unit}，待审批）" in c2.get("/p/2020-11").get_data(as_text=True)    # the desk page
    from zhishui.generators.month_documents import supervise_contexts
    row = next(t for c in supervise_contexts(m) if c["unit"] == unit for t in c["tasks"] if t["seq"] == (late.seq or late.label))
    assert "本期已申请延期至2021年6月30日（待审批），未批准前仍按原时限督办" in row["reason"]
    assert ts.measured is not None and ts.measured.value == pytest.approx(83.5)


def test_preview_with_the_readmes_relative_data_folder(tmp_path, monkeypatch):
    """The session-16 browser trial: `zhishui serve` with its default --data (a relative folder) gave 程序内部出错 on
    every 预览 (the page images' absolute paths against a relative folder).  The pages now come back."""
    monkeypatch.chdir(tmp_path)
    a = create_app("治水督办台数据", setup_code=CODE, testing=True)
    try:
        ws = a.config["WORKSPACE"]
        ws.add_list(LIST001.name, LIST001.read_bytes(), "办事员")
        ws.start_period("2020-11", dt.date(2020, 11, 25), None)
        p = a.config["STORE"].period("2020-11")
        made = ws.make_docs(p, dt.date(2020, 11, 30))
        rel = next(made.rglob("催报通知_*.docx")).relative_to(made).as_posix()
        c = a.test_client()
        _setup(c)
        r = c.get(f"/p/2020-11/docs/{made.name}/preview/{rel}")
        assert r.status_code == 200, r.status_code
        page = re.search(r'src="([^"]+/page/[^"]+\.png)"', r.get_data(as_text=True))
        assert page and c.get(page.group(1)).status_code == 200          # the rendered page itself
    finally:
        a.config["STORE"].close()


def test_links_to_this_machine_are_said_and_not_named_in_the_chase(app, period):
    """The session-16 trial: started as the README says (127.0.0.1), every unit's link was this machine's address,
    with no word of it, and the 催报 told the units to report through them."""
    c = app.test_client()
    _setup(c)
    html = c.get("/p/2020-11/units").get_data(as_text=True)
    assert 'id="links-local"' in html and "--public-url" in html
    ws = app.config["WORKSPACE"]
    made = ws.make_docs(period, dt.date(2020, 11, 30))
    from docx import Document
    text = "".join(p.text for p in Document(next(made.rglob("催报通知_*.docx"))).paragraphs)
    assert "报送网页" not in text and "通过电子邮箱" in text
    messages = (made / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    # (trial 21: each reminder still ended 「本单位专用报送网页：http://127.0.0.1:…」)
    assert "报送网页或" not in messages and "本单位专用报送网页" not in messages and "127.0.0.1" not in messages
    assert messages.count("【催报提醒】") >= 1
    docs = c.get("/p/2020-11/docs").get_data(as_text=True)
    assert 'id="links-local"' in docs and "催报消息不带链接" in docs
    ws.public_url = "http://10.0.0.8:8765"          # --public-url: the office network's address
    assert 'id="links-local"' not in c.get("/p/2020-11/units").get_data(as_text=True)
    assert 'id="links-local"' not in c.get("/p/2020-11/docs").get_data(as_text=True)
    made = ws.make_docs(period, dt.date(2020, 11, 30))
    assert "本单位专用报送网页：http://10.0.0.8:8765/u/" in (made / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")


def test_the_deadline_can_be_corrected_on_the_period_page(app, period):
    """The session-16 trial: once a period had started its 报送截止 could not be changed.  Now the period page takes
    a new date (checked as typed), the issued sheets are made again with it, the links stay."""
    ws, store = app.config["WORKSPACE"], app.config["STORE"]
    links = ws.links(period)
    c = app.test_client()
    _setup(c)
    tok = _csrf(c.get("/p/2020-11"))
    r = c.post("/p/2020-11/settings", data={"csrf_token": tok, "due": "2021-11-28"}, follow_redirects=True)
    assert "不在报送期2020年11月之内" in r.get_data(as_text=True) and store.period("2020-11")["due"] == "2020-11-25"
    r = c.post("/p/2020-11/settings", data={"csrf_token": tok, "due": "2020-11-28"}, follow_redirects=True)
    assert "报送截止日期改为2020-11-28" in r.get_data(as_text=True)
    row = store.period("2020-11")
    assert row["due"] == "2020-11-28" and ws.links(row) == links
    sheet = openpyxl.load_workbook(next((ws.period_folder("2020-11") / "下发报送表").glob("*_区水利局_*")))
    text = " ".join(str(v) for r in sheet["报送表"].iter_rows(max_row=3, values_only=True) for v in r if v)
    assert "11月28日" in text and "11月25日" not in text
    assert ws.month(row, dt.date(2020, 11, 30)).due == dt.date(2020, 11, 28)


def test_the_office_that_signs_the_chase_is_not_chased(app, period):
    """The session-16 browser trial: 区生态环境局 (the 汇总单位, which signs the 催报) had not reported its own tasks and was
    a recipient of its own 催报.  It is still 未报送 in the facts (汇总, 通报), but no 催报 goes to it, and the notice says so."""
    ws = app.config["WORKSPACE"]
    m = ws.month(period, dt.date(2020, 11, 30))
    assert m.office_unit == "区生态环境局" and "区生态环境局" in m.missing_units      # the fact
    assert "区生态环境局" not in [u.unit for u in m.chase] and len(m.chase) == len(m.missing_units) - 1
    made = ws.make_docs(period, dt.date(2020, 11, 30))
    from docx import Document
    doc = Document(next(made.rglob("催报通知_*.docx")))
    text = "".join(p.text for p in doc.paragraphs)
    assert f"尚有以下{len(m.chase)}个单位未报送（另有汇总单位区生态环境局未报送，不列入）" in text
    recipients = next(p.text for p in doc.paragraphs if p.style.name == "主送")
    assert "区生态环境局" not in recipients and "区水利局" in recipients            # not in the 主送
    assert "【催报提醒】区生态环境局" not in (made / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    bulletin = " ".join(p.text for p in Document(next(made.rglob("*通报.docx"))).paragraphs)
    assert "区生态环境局" in bulletin          # the 通报 names it among those that did not report, as before
    c = app.test_client()
    _setup(c)
    assert 'id="office-missing"' in c.get("/p/2020-11").get_data(as_text=True)
