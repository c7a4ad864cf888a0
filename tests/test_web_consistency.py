"""One month, one truth across the page, the command line and the add-in.

The clerk runs the demo month on the page: the list, the e-mailed returns she saved (the
sample inbox: some added on the page, some left in the period's local mail folder), one unit
uploading through its link, one filling the web form and one sending a PDF that is refused.  The
period's inbox is downloaded from the page (the files and the server's receipt log) and given
to ``zhishui collect``/``zhishui docs`` and to the add-in's one click: every status, count, unit
list, received time, ranking and every document's text must be the same."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import time
import zipfile

import pytest
from docx import Document

from conftest import LIST001, SAMPLES
from returns_factory import fill_return
from test_month_consistency import assert_one_truth, run_everything
from zhishui.history import read_stored
from zhishui.web.app import create_app

CODE = "SAME0001"


def _csrf(resp) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True)).group(1)


def doc_text(path_or_bytes) -> str:
    d = Document(io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        parts += ["|".join(c.text for c in r.cells) for r in t.rows]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def page_month(tmp_path_factory, request):
    """The month on the page, with the server's tables (and the month history) in the data folder's
    SQLite files, and on a PostgreSQL server (an office server)."""
    root = tmp_path_factory.mktemp("page")
    db = None
    if request.param == "postgresql":
        from pgserver import fresh_database
        db = fresh_database(request.getfixturevalue("pg_server"), "page_month")
    app = create_app(root / "data", db, setup_code=CODE, public_url="http://10.0.0.8:8765", testing=True)
    c = app.test_client()
    tok = _csrf(c.get("/setup"))
    c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": "p" * 10, "again": "p" * 10})
    tok = _csrf(c.get("/list"))     # a login starts a new session with its own token
    r = c.post("/list", data={"csrf_token": tok, "list": (LIST001.open("rb"), LIST001.name)},
               content_type="multipart/form-data")
    assert r.status_code == 302
    # the first ten e-mailed files stay in a folder on the clerk's machine, named for the period;
    # their times are whole even seconds, as a zip keeps them
    mail = root / "邮件收到"
    mail.mkdir()
    inbox = sorted((SAMPLES / "seed001" / "2020年11月报送").iterdir())
    for i, p in enumerate(inbox[:10]):
        shutil.copy2(p, mail / p.name)
        os.utime(mail / p.name, (1606190000 + 2 * i, 1606190000 + 2 * i))
    inbox = inbox[10:]
    r = c.post("/periods/new", data={"csrf_token": tok, "period": "2020-11", "due": "2020-11-25", "inbox": str(mail)})
    assert r.status_code == 302, r.get_data(as_text=True)
    r = c.post("/p/2020-11/files", data={"csrf_token": tok, "files": [(p.open("rb"), p.name) for p in inbox]},
               content_type="multipart/form-data")
    assert r.status_code == 302
    ws, store = app.config["WORKSPACE"], app.config["STORE"]
    links = ws.links(store.period("2020-11"))
    issued = ws.period_folder("2020-11") / "下发报送表"
    # 区水利局 sent an .xls by e-mail in time; it uploads a newer version through its link now (a
    # late correction: noted, not late);
    # 区金融办 sends nothing and is chased, with its link in the 催报消息
    unit = "区水利局"
    filled = fill_return(next(issued.glob(f"*_{unit}_*")), root / "jr.xlsx", unit)
    u = c.get(links[unit].replace("http://10.0.0.8:8765", ""))
    r = c.post(f"/u/{links[unit].rsplit('/', 1)[1]}/upload",
               data={"csrf_token": _csrf(u), "file": (filled.path.open("rb"), "水利局.xlsx")},
               content_type="multipart/form-data")
    assert r.status_code == 303
    # 区河长办 corrects its e-mailed return on the web form
    unit = "区河长办"
    tok_u = links[unit].rsplit("/", 1)[1]
    form = c.get(f"/u/{tok_u}/form").get_data(as_text=True)
    keys = re.findall(r'name="([^"]+):state"', form)
    data = {"csrf_token": tok, "reporter": "王五", "report_date": "2020-11-28"}
    for i, k in enumerate(keys):
        data[f"{k}:state"] = "进度滞后" if i == 0 else "持续推进"
        data[f"{k}:progress"] = f"网页更正第{i + 1}项：<河道>巡查 & 清漂 {{{{ 照常 }}}}"
    r = c.post(f"/u/{tok_u}/form", data=data)
    assert r.status_code == 303
    # 区金融办 sends a PDF through its link: refused, kept, and not part of the month
    fin = links["区金融办"].rsplit("/", 1)[1]
    u = c.get(f"/u/{fin}")
    c.post(f"/u/{fin}/upload", data={"csrf_token": _csrf(u), "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "金融办.pdf")},
           content_type="multipart/form-data")
    today = "2020-11-30"     # the month's own report date (a date far from the period stops the run)
    r = c.post("/p/2020-11/docs", data={"csrf_token": tok, "report_date": today})
    assert r.status_code == 302
    [name] = [p.name for p in ws.doc_sets("2020-11")]
    docs = zipfile.ZipFile(io.BytesIO(c.get(f"/p/2020-11/docs/{name}.zip").data))
    page = c.get("/p/2020-11").get_data(as_text=True)
    export = root / "导出"
    with zipfile.ZipFile(io.BytesIO(c.get("/p/2020-11/inbox.zip").data)) as z:
        for info in z.infolist():      # as unzip does: the files' own times back
            z.extract(info, export)
            stamp = time.mktime(info.date_time + (0, 0, -1))
            os.utime(export / info.filename, (stamp, stamp))
    received = export / "收到"
    assert sorted(p.name for p in (received / "本机文件夹").iterdir()) == sorted(p.name for p in mail.iterdir())
    [refused] = list((export / "未采用的上传").iterdir())
    assert refused.name.endswith("_金融办.pdf") and refused.read_bytes().startswith(b"%PDF")
    if db:      # the month history went to the server; its received files to the data folder
        assert not (ws.history_folder / "history.sqlite").exists()
        assert any(ws.history_folder.rglob("archive/*/*"))
        assert read_stored(ws.history_folder, db).periods == ["2020-11"]
    return {"docs": docs, "page": page, "received": received, "today": today, "links": links, "root": root}


# how a web period's 催报 names the way to report (notice to all, chat message), beside the e-mail the CLI names
WEB_WAYS = ("各单位的专用报送网页（链接在下发的报送表第3行）或", "本单位专用报送网页或")


def _as_cli(text: str) -> str:
    for w in WEB_WAYS:
        text = text.replace(w, "")
    return text


def test_page_cli_addin_same_month(page_month, tmp_path):
    pm = page_month
    cli_out = run_everything(tmp_path, LIST001, pm["received"], "2020-11", pm["today"], "2020-11-25")
    facts = assert_one_truth(cli_out)          # the CLI's workbook, JSON, documents and the add-in agree
    web = json.loads(pm["docs"].read("汇总结果.json"))
    cli = cli_out["json"]

    # the month's facts: identical
    for key in ("totals", "unit_counts", "missing_units", "pressed", "ranking", "due", "report_date"):
        assert web[key] == cli[key], key
    assert web["tasks"] == cli["tasks"]
    assert web["units"] == cli["units"]
    assert [(s["file"], s["status"], s["received"], s["received_how"]) for s in web["received"]] == \
        [(s["file"], s["status"], s["received"], s["received_how"]) for s in cli["received"]]
    assert {u["unit"]: u["state"] for u in web["units"]} == facts["units"]
    water = next(u for u in web["units"] if u["unit"] == "区水利局")
    assert water["state"] == "已报送" and water["received_how"] == "上传" and water["versions"] == 2
    assert "逾期更正" in water["check"]
    assert water["file"].startswith("收到/网页上传/区水利局_")
    assert web["missing_units"] == ["区金融办"]
    river = next(u for u in web["units"] if u["unit"] == "区河长办")
    assert river["versions"] == 2 and river["received_how"] == "上传"     # the web form came after the e-mail

    # every document's text: identical (the 催报 names the units' own web links beside the e-mail, and the 催报消息
    # adds each unit's own link, and only that)
    cli_docs = cli_out["docs"]
    web_names = sorted(n for n in pm["docs"].namelist() if n.endswith(".docx"))
    assert web_names == sorted(p.relative_to(cli_docs).as_posix() for p in cli_docs.rglob("*.docx"))
    for n in web_names:
        text = doc_text(pm["docs"].read(n))
        if n.startswith("催报通知/"):
            assert WEB_WAYS[0] in text
        assert _as_cli(text) == doc_text(cli_docs / n), n
    # what the unit typed on the web form reaches its 督办通知 verbatim
    assert "<河道>巡查 & 清漂 {{ 照常 }}" in doc_text(pm["docs"].read("督办通知/督办通知_区河长办.docx"))
    web_msgs = pm["docs"].read("催报通知/催报消息.txt").decode("utf-8")
    cli_msgs = (cli_docs / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    link_lines = [ln for ln in web_msgs.splitlines() if ln.startswith("本单位专用报送网页：")]
    assert len(link_lines) == len(web["missing_units"])
    assert all(pm["links"][u] in web_msgs for u in web["missing_units"])
    assert [_as_cli(ln) for ln in web_msgs.splitlines() if ln not in link_lines] == cli_msgs.splitlines()
    assert all(WEB_WAYS[1] in ln for ln in web_msgs.splitlines() if ln.startswith("【催报提醒】"))

    # what the dashboard shows is the same month
    page = pm["page"]
    uc = cli["unit_counts"]
    for ident, key in (("n-reported", "已报送"), ("n-late", "逾期报送"), ("n-missing", "未报送")):
        assert re.search(rf'id="{ident}">{uc[key]}<', page), ident
    # (the status, then a 分歧 line under it when the units disagree: session 25)
    shown = dict(re.findall(r'<td>([^<]*)</td><td class="text">[^<]*</td><td>[^<]*</td>\s*<td>[^<]*</td><td class="status">'
                            r'([^<]*)(?:<details class="disagree">.*?</details>)?</td>', page))
    assert shown == facts["status"]
    # and every task the units reported differently says so under its status, as the 汇总's 分歧 column does
    split = {t["seq"] for t in cli["tasks"] if t["disagreements"]}
    said = set(re.findall(r'<td>([^<]*)</td><td class="text">[^<]*</td><td>[^<]*</td>\s*<td>[^<]*</td><td class="status">'
                          r'[^<]*<details class="disagree"><summary>各单位报的不一致</summary>', page))
    assert said == split and split, (said, split)



def test_printed_command_runs_as_printed_and_gives_the_same_documents(tmp_path):
    """Trial 10: 收到的文件 printed 「zhishui docs 清单.xlsx 收到 --period … --date …」: the CLI wanted --out, and the
    list downloaded from the page lacked the 单位名录 uploaded beside it (「各县(市)政府」 did not expand, the counts
    differed).  The command is run here exactly as the page prints it, in the unpacked export."""
    import html
    import shlex
    import subprocess
    import sys

    from conftest import DIR003, LIST003
    app = create_app(tmp_path / "data", setup_code=CODE, public_url="http://10.0.0.8:8765", testing=True)
    c = app.test_client()
    tok = _csrf(c.get("/setup"))
    c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": "p" * 10, "again": "p" * 10})
    tok = _csrf(c.get("/list"))
    r = c.post("/list", data={"csrf_token": tok, "list": (LIST003.open("rb"), LIST003.name),
                              "directory": (DIR003.open("rb"), DIR003.name)}, content_type="multipart/form-data")
    assert r.status_code == 302
    # this month, as a clerk starts it: the units' uploads arrive now (a report date before them is refused)
    today = dt.date.today()
    key = f"{today:%Y-%m}"
    r = c.post("/periods/new", data={"csrf_token": tok, "period": key, "due": (today + dt.timedelta(days=10)).isoformat()})
    assert r.status_code == 302
    ws, store = app.config["WORKSPACE"], app.config["STORE"]
    row = store.period(key)
    links = ws.links(row)
    issued = ws.issued_folder(row)
    # a county (a unit only the 名录 makes of 「各县(市)政府」) and a city bureau upload through their links
    for unit in ("卫辉市人民政府", "市生态环境局"):
        filled = fill_return(next(issued.glob(f"*_{unit}_*")), tmp_path / f"{unit}.xlsx", unit)
        tok_u = links[unit].rsplit("/", 1)[1]
        r = c.post(f"/u/{tok_u}/upload", data={"csrf_token": _csrf(c.get(f"/u/{tok_u}")),
                                                "file": (filled.path.open("rb"), f"{unit}.xlsx")},
                   content_type="multipart/form-data")
        assert r.status_code == 303
    # before any documents the page counts the month on today: the command says so (trial 21: no --date, so run
    # another day it judged another day's month or stopped)
    before = html.unescape(re.search(r'<code id="same-result">([^<]+)</code>',
                                     c.get(f"/p/{key}/uploads").get_data(as_text=True)).group(1))
    assert f"--date {today.isoformat()}" in before
    assert "留空：按今天" in c.get(f"/p/{key}").get_data(as_text=True)
    assert c.post(f"/p/{key}/docs", data={"csrf_token": tok, "report_date": today.isoformat()}).status_code == 302
    # (the date the documents fixed is said as such, not left looking like today's live page)
    assert "按这一天算本期，生成文书时记下的" in c.get(f"/p/{key}").get_data(as_text=True)
    [name] = [p.name for p in ws.doc_sets(key)]
    web_docs = zipfile.ZipFile(io.BytesIO(c.get(f"/p/{key}/docs/{name}.zip").data))

    page = c.get(f"/p/{key}/uploads").get_data(as_text=True)
    printed = html.unescape(re.search(r'<code id="same-result">([^<]+)</code>', page).group(1))
    export = tmp_path / "导出"
    with zipfile.ZipFile(io.BytesIO(c.get(f"/p/{key}/inbox.zip").data)) as z:
        for info in z.infolist():
            z.extract(info, export)
            stamp = time.mktime(info.date_time + (0, 0, -1))
            os.utime(export / info.filename, (stamp, stamp))
    # run as the clerk runs it: in the unpacked folder, on the same computer (its history found as the CLI finds it)
    args = shlex.split(printed)
    assert args[:2] == ["zhishui", "docs"]
    r = subprocess.run([sys.executable, "-m", "zhishui.cli", *args[1:]], cwd=export, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode in (0, 1), r.stdout + r.stderr
    out = export / args[args.index("--out") + 1]
    web_month = json.loads(web_docs.read("汇总结果.json"))
    assert web_month["unit_counts"]["应报"] == 29           # the 名录's counties and districts report
    web_names = sorted(n for n in web_docs.namelist() if n.endswith(".docx"))
    assert web_names == sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert "督办通知/督办通知_卫辉市人民政府.docx" in web_names or any("卫辉市人民政府" in doc_text(web_docs.read(n))
                                                               for n in web_names)
    # (the list's 设置 names no e-mail: the page's 催报 names only the web links, which the command line has not)
    web_only = "通过各单位的专用报送网页（链接在下发的报送表第3行）报送"
    for n in web_names:
        assert _as_cli(doc_text(web_docs.read(n))).replace(web_only, "报送") == doc_text(out / n), n
    assert (out / "催报通知" / "催报消息.txt").is_file()
    app.config["STORE"].close()
