"""销号 and 延期 on the browser desk (README 「一年怎么用」, 「不用 Excel」): the page's decisions are the command line's.

The desk runs the first month of tests/decisions_desk.py through the Flask test client (the units upload the sheets
the desk issued, filled as a unit fills them).  Before any decision the desk's history is copied; the same decisions
are then made on the page and with ``zhishui close``/``zhishui extend`` on the copy, over the list, 名录 and inbox the
page exports.  The history's decision rows, the month and every document's text must be the same."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import sqlite3
import time
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document

from decisions_desk import (AGREED_4, ASKED_5, BY, END_1, GA, GX, HB, KEY_1, KEY_2, MONTH_1, NY, REFUSE_REASON, RETURN_REASON,
                            SL, TODAY, ZJ, filled_sheet, issued_sheet, return_rows, text_of_html, write_directory,
                            write_list)
from zhishui.cli import cli
from zhishui.web.app import create_app

CODE = "DECIDE01"
DUE_1 = TODAY + dt.timedelta(days=5)


def _csrf(resp) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True)).group(1)


def _flashes(resp) -> list[str]:
    import html
    return [html.unescape(x) for x in re.findall(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', resp.get_data(as_text=True), re.S)]


def doc_text(data) -> str:
    d = Document(io.BytesIO(data) if isinstance(data, bytes) else data)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        parts += ["|".join(c.text for c in r.cells) for r in t.rows]
    return "\n".join(parts)


def _timeless(v):
    """A month's JSON without the decisions' time and front (made a few seconds apart, on the page and on the
    command line): everything else must be the same."""
    if isinstance(v, dict):
        return {k: _timeless(x) for k, x in v.items() if k not in ("at", "source")}
    if isinstance(v, list):
        return [_timeless(x) for x in v]
    return v


class Desk:
    """The list and 名录 loaded on the list page, last month's period started, every unit's return uploaded
    through its own link (MONTH_1)."""

    def __init__(self, root, db=None):
        self.root, self.db = root, db
        root.mkdir(parents=True, exist_ok=True)
        self.list = write_list(root / "某市河湖长制重点任务责任清单.xlsx")
        self.directory = write_directory(root / "某市单位名录.xlsx")
        self.app = create_app(root / "data", db, setup_code=CODE, public_url="http://192.0.2.2:8765", testing=True)
        self.c = self.app.test_client()
        tok = _csrf(self.c.get("/setup"))
        self.c.post("/setup", data={"csrf_token": tok, "code": CODE, "name": "办事员", "password": "p" * 10, "again": "p" * 10})
        self.tok = _csrf(self.c.get("/list"))
        r = self.c.post("/list", data={"csrf_token": self.tok, "list": (self.list.open("rb"), self.list.name),
                                       "directory": (self.directory.open("rb"), self.directory.name)},
                        content_type="multipart/form-data")
        assert r.status_code == 302
        self.ws, self.store = self.app.config["WORKSPACE"], self.app.config["STORE"]
        self.start(KEY_1, DUE_1)
        for unit, rows in MONTH_1.items():
            self.upload(KEY_1, unit, rows)

    def start(self, key, due):
        r = self.c.post("/periods/new", data={"csrf_token": self.tok, "period": key, "due": due.isoformat()})
        assert r.status_code == 302, r.get_data(as_text=True)

    def upload(self, key, unit, rows):
        path = filled_sheet(issued_sheet(self.ws, self.store, key, unit), self.root / f"{key}_{unit}.xlsx", unit, rows)
        tok = self.ws.links(self.store.period(key))[unit].rsplit("/", 1)[1]
        r = self.c.post(f"/u/{tok}/upload", data={"csrf_token": _csrf(self.c.get(f"/u/{tok}")),
                                                   "file": (path.open("rb"), path.name)},
                        content_type="multipart/form-data")
        assert r.status_code == 303, r.status_code

    def decide(self, key=KEY_1, **form):
        return self.c.post(f"/p/{key}/decisions", data={"csrf_token": self.tok, **form}, follow_redirects=True)

    def decisions(self) -> list[tuple]:
        from zhishui.history import History
        h = History(self.ws.history_folder, readonly=True, db=self.db)     # (the desk's database on PostgreSQL)
        try:
            return [tuple(r) for r in h.db.execute(
                "SELECT kind, tid, task, unit, period, decision, reason, new_due, old_due, decided_by, at, source "
                "FROM decisions ORDER BY id").fetchall()]
        finally:
            h.close()

    def export(self, key, to):
        """The period's 收到 and 清单 as the page exports them, unpacked with the files' own times (as unzip does)."""
        with zipfile.ZipFile(io.BytesIO(self.c.get(f"/p/{key}/inbox.zip").data)) as z:
            for info in z.infolist():
                z.extract(info, to)
                stamp = time.mktime(info.date_time + (0, 0, -1))
                os.utime(to / info.filename, (stamp, stamp))
        return to

    def docs(self, key, on=TODAY) -> zipfile.ZipFile:
        before = {p.name for p in self.ws.doc_sets(key)}
        r = self.c.post(f"/p/{key}/docs", data={"csrf_token": self.tok, "report_date": on.isoformat()})
        assert r.status_code == 302
        if not {p.name for p in self.ws.doc_sets(key)} - before:     # (within the second of the last set)
            time.sleep(1.1)
            self.c.post(f"/p/{key}/docs", data={"csrf_token": self.tok, "report_date": on.isoformat()})
        name = self.ws.doc_sets(key)[0].name
        return zipfile.ZipFile(io.BytesIO(self.c.get(f"/p/{key}/docs/{name}.zip").data))


# the decisions, once for the page and once for the command line
WEB = [dict(kind="销号", task="1", action="yes", by=BY),
       dict(kind="销号", task="2", action="no", reason=RETURN_REASON, by=BY),
       dict(kind="延期", task="4", unit=NY, action="yes", to=AGREED_4.isoformat(), by=BY),
       dict(kind="延期", task="5", unit=SL, action="no", reason=REFUSE_REASON, by=BY)]
CLI = [["close", "1", "--by", BY],
       ["close", "2", "--return", "--reason", RETURN_REASON, "--by", BY],
       ["extend", "4", "--unit", NY, "--to", AGREED_4.isoformat(), "--by", BY],
       ["extend", "5", "--unit", SL, "--refuse", "--reason", REFUSE_REASON, "--by", BY]]


def test_page_decides_as_the_command_line_does(tmp_path):
    desk = Desk(tmp_path / "desk")
    # what is listed and why: the month's own close-out states and requests
    page = text_of_html(desk.c.get(f"/p/{KEY_1}").get_data(as_text=True))
    assert "销号和延期：待办理 6 项（待销号 2项，缺佐证 1项，延期申请待审批 3 项）" in page
    page = desk.c.get(f"/p/{KEY_1}/decisions").get_data(as_text=True)
    todo = text_of_html(re.search(r'id="closeout-todo">(.*?)</table>', page, re.S).group(1))
    assert "待销号 一次性任务，答复单位都报了「已完成」，都填了佐证材料" in todo and "竣工验收报告.pdf" in todo
    assert f"缺佐证 一次性任务，答复单位都报了「已完成」，但有单位没填佐证材料：不能批准，只能退回（写明理由）。没有填写佐证材料的单位：{GX}" in todo
    assert "强化督察督办" not in todo            # 长期坚持: no close-out
    asked = text_of_html(re.search(r'id="extension-todo">(.*?)</table>', page, re.S).group(1))
    assert all(u in asked for u in (NY, SL, GA)) and "待审批（本期申请）" in asked

    # the same month for the command line, before any decision: the history copied, the inbox and list exported
    desk.c.get(f"/p/{KEY_1}")
    cli_hist = tmp_path / "命令行的历史记录"
    shutil.copytree(desk.ws.history_folder, cli_hist)
    export = desk.export(KEY_1, tmp_path / "导出")
    lst, dirs = export / "清单" / desk.list.name, export / "清单" / desk.directory.name
    common = [str(lst), "--period", KEY_1, "--directory", str(dirs), "--history", str(cli_hist)]

    # refused on both, in the engine's words, nothing recorded: 3 has no 佐证材料; a return without a reason
    before = desk.decisions()
    r = desk.decide(kind="销号", task="3", action="yes", by=BY)
    said = " ".join(_flashes(r))
    assert f"没有办理，什么都没有记录：序号3在{KEY_1}报了已完成，但{GX}没有填写佐证材料，不能销号" in said
    assert "请退回（「理由」写「请补充佐证材料」，点「退回」）" in said and "--return" not in said   # the page's words
    r = desk.decide(kind="销号", task="2", action="no", by=BY)
    assert "退回销号要写明理由。请在「理由」栏写明退回的理由" in " ".join(_flashes(r))
    r = desk.decide(kind="延期", task="4", unit=NY, action="yes", to=(TODAY.replace(day=1) - dt.timedelta(days=1)).isoformat())
    assert "不晚于现在的时限" in " ".join(_flashes(r))
    assert desk.decisions() == before
    r = CliRunner().invoke(cli, ["close", *common[:1], "3", *common[1:]])
    assert r.exit_code == 2 and f"序号3在{KEY_1}报了已完成，但{GX}没有填写佐证材料，不能销号" in r.output
    assert "--return" in r.output            # (the command line's own words)

    # the documents made before the decisions
    desk.docs(KEY_1)
    old = desk.ws.doc_sets(KEY_1)[0]

    for form in WEB:
        r = desk.decide(**form)
        assert r.status_code == 200 and not any(f.startswith("没有办理") for f in _flashes(r)), _flashes(r)
    for args in CLI:
        r = CliRunner().invoke(cli, [args[0], *common[:1], *args[1:2], *common[1:], *args[2:]])
        assert r.exit_code == 0, r.output

    # one history: the same rows but for the time and where they were made
    db = sqlite3.connect(cli_hist / "history.sqlite")
    cli_rows = db.execute("SELECT kind, tid, task, unit, period, decision, reason, new_due, old_due, decided_by, at, "
                          "source FROM decisions ORDER BY id").fetchall()
    db.close()
    web_rows = desk.decisions()
    assert [r[:10] for r in web_rows] == [r[:10] for r in cli_rows] and len(web_rows) == 4
    assert {r[11] for r in web_rows} == {"网页督办台"} and {r[11] for r in cli_rows} == {"命令行"}
    assert {r[10][:10] for r in web_rows} == {TODAY.isoformat()}          # 办理日期: today on the server
    assert ("延期", web_rows[2][1], "4", NY, KEY_1, "同意", None, AGREED_4.isoformat()) == web_rows[2][:8]

    # the page says what was decided, who and when, and the month obeys it at once
    page = desk.c.get(f"/p/{KEY_1}/decisions").get_data(as_text=True)
    done = text_of_html(re.search(r'id="closeout-done">(.*?)</table>', page, re.S).group(1))
    assert "已销号" in done and f"{KEY_1}报送的完成情况：批准，{BY}，{TODAY.isoformat()}" in done
    assert "退回" in done and f"理由：{RETURN_REASON}" in done
    ext = text_of_html(re.search(r'id="extension-done">(.*?)</table>', page, re.S).group(1))
    assert f"已同意：延期至{AGREED_4.isoformat()}" in ext and f"不同意 不同意，{BY}" in ext
    assert GA in text_of_html(re.search(r'id="extension-todo">(.*?)</table>', page, re.S).group(1))

    # the documents made before are marked out of date, the decisions named as the reason
    docs = text_of_html(desk.c.get(f"/p/{KEY_1}/docs").get_data(as_text=True))
    assert "这套文书已过时" in docs
    assert f"生成后销号已办理：序号1，{KEY_1}报送的完成情况已批准销号（{BY}" in docs
    assert f"生成后延期已办理：序号4，{NY}申请延期至{AGREED_4:%Y-%m-%d}已同意（{BY}" in docs
    assert desk.ws.changes_since(desk.store.period(KEY_1), old)

    # the same month and the same documents from the page and from the command line
    web = desk.docs(KEY_1)
    out = tmp_path / "命令行文书"
    month = [*common[:1], str(export / "收到"), *common[1:], "--due", DUE_1.isoformat(), "--date", TODAY.isoformat()]
    r = CliRunner().invoke(cli, ["collect", *month, "--out", str(tmp_path / "汇总.xlsx"), "--json", str(tmp_path / "汇总.json")])
    assert r.exit_code in (0, 1), r.output
    r = CliRunner().invoke(cli, ["docs", *month, "--out", str(out)])
    assert r.exit_code in (0, 1), r.output
    wj = json.loads(web.read("汇总结果.json"))
    cj = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))
    status = {t["seq"]: (t["status"], t["closeout"]) for t in wj["tasks"]}
    assert status["1"] == ("已完成", "已销号") and status["2"][1] == "退回" and status["3"] == ("已完成", "缺佐证")
    assert status["4"][0] != "逾期"
    names = sorted(n for n in web.namelist() if n.endswith(".docx"))
    assert names == sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    ways = ("各单位的专用报送网页（链接在下发的报送表第3行）或", "本单位专用报送网页或",
            "通过各单位的专用报送网页（链接在下发的报送表第3行）报送")
    for n in names:
        text = doc_text(web.read(n))
        for w in ways:
            text = text.replace(w, "报送" if w.endswith("报送") else "")
        assert text == doc_text(out / n), n
    bulletin = doc_text(web.read(next(n for n in names if n.startswith("进展通报/"))))
    assert "经审核批准销号" in bulletin and BY in bulletin
    for key in ("totals", "unit_counts", "tasks", "pressed", "ranking", "requests"):
        assert _timeless(wj.get(key)) == _timeless(cj.get(key)), key
    desk.store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request):
    if request.param == "sqlite":
        return None
    from pgserver import fresh_database
    return fresh_database(request.getfixturevalue("pg_server"), f"decide_{abs(hash(request.node.nodeid)) % 10 ** 9}")


def test_next_period_and_a_request_carried_to_it(tmp_path, database):
    """After the decisions the next period's sheets leave out the task closed out and carry the 办理意见; a request
    nobody decided last month is decided on this month's page, kept on the month that asked (the desk's history in
    its data folder, and on an office server's PostgreSQL)."""
    desk = Desk(tmp_path / "desk", database)
    for form in WEB:
        desk.decide(**form)
    desk.start(KEY_2, TODAY + dt.timedelta(days=10))
    assert "1" not in return_rows(issued_sheet(desk.ws, desk.store, KEY_2, ZJ))
    assert return_rows(issued_sheet(desk.ws, desk.store, KEY_2, HB))["2"]["办理意见"].endswith(f"：{RETURN_REASON}")
    assert return_rows(issued_sheet(desk.ws, desk.store, KEY_2, NY))["4"]["办理意见"].startswith("延期已同意：完成时限调整为")
    assert return_rows(issued_sheet(desk.ws, desk.store, KEY_2, SL))["5"]["办理意见"].endswith(f"未同意：{REFUSE_REASON}")

    # the units' own pages and web forms ask for what their sheets ask for, with the same 办理意见
    links = desk.ws.links(desk.store.period(KEY_2))
    zj = links[ZJ].rsplit("/", 1)[1]
    assert "完成城区雨污分流管网改造工程" not in text_of_html(desk.c.get(f"/u/{zj}").get_data(as_text=True))
    assert "完成城区雨污分流管网改造工程" not in text_of_html(desk.c.get(f"/u/{zj}/form").get_data(as_text=True))
    hb = links[HB].rsplit("/", 1)[1]
    assert f"：{RETURN_REASON}" in text_of_html(desk.c.get(f"/u/{hb}").get_data(as_text=True))
    assert "办理意见：销号已退回" in text_of_html(desk.c.get(f"/u/{hb}/form").get_data(as_text=True))

    page = desk.c.get(f"/p/{KEY_2}/decisions").get_data(as_text=True)
    waiting = text_of_html(re.search(r'id="extension-todo">(.*?)</table>', page, re.S).group(1))
    first = dt.date.fromisoformat(KEY_1 + "-01")
    assert GA in waiting and f"待审批（{first.year}年{first.month}月申请）" in waiting and SL not in waiting
    # trial 18: the page speaks its own words (no 「命令行 zhishui close」), and the extension in force is dated
    # the way the rows above date theirs (2020年10月申请, not 2020-10申请)
    assert "zhishui" not in text_of_html(re.search(r'id="decisions-intro">(.*?)</p>', page, re.S).group(1))
    done = text_of_html(re.search(r'id="extension-done">(.*?)</table>', page, re.S).group(1))
    assert NY in done and f"（{first.year}年{first.month}月申请）" in done and f"（{KEY_1}申请）" not in done, done
    r = desk.decide(KEY_2, kind="延期", task="5", unit=GA, action="yes", to=ASKED_5.isoformat())   # (no 办理人 typed)
    assert f"同意{GA}（{KEY_1}申请）延期" in " ".join(_flashes(r))
    assert "已过时" not in " ".join(_flashes(r))       # (no documents of this period yet: trial 21)
    row = desk.decisions()[-1]
    # kept on the month that asked; the signed-in clerk kept for the history, marked, never printed
    assert row[3:6] == (GA, KEY_1, "同意") and row[9] == "办事员" and row[11] == "网页督办台（办理人为登录用户名）"
    # a decision made before is changed on the month that asked (以后一次为准)
    page = desk.c.get(f"/p/{KEY_2}/decisions").get_data(as_text=True)
    assert f'name="period" value="{KEY_1}"' in page
    r = desk.decide(KEY_2, kind="延期", task="5", unit=SL, period=KEY_1, action="yes", to=ASKED_5.isoformat(), by=BY)
    assert "以这次为准" in " ".join(_flashes(r))
    web = desk.docs(KEY_2)
    text = "\n".join(doc_text(web.read(n)) for n in web.namelist() if n.endswith(".docx"))
    assert "办事员" not in text
    desk.store.close()


def test_a_refused_extension_is_on_the_units_page_of_its_own_month(tmp_path):
    """Trial 21: a refused extension reached the unit only on next month's sheet, while a returned close-out's reason
    was on its page at once.  Both are now on the month's own page, web form and a sheet downloaded after the
    decision; the unit that was not refused sees nothing of it; next month's sheet still carries it."""
    desk = Desk(tmp_path / "desk")
    links = desk.ws.links(desk.store.period(KEY_1))
    sl, ga = (links[u].rsplit("/", 1)[1] for u in (SL, GA))
    before = text_of_html(desk.c.get(f"/u/{sl}").get_data(as_text=True))
    assert "未同意" not in before
    for form in WEB:
        desk.decide(**form)
    refused = f"{END_1.year}年{END_1.month}月的延期申请未同意：{REFUSE_REASON}"
    assert refused in text_of_html(desk.c.get(f"/u/{sl}").get_data(as_text=True))
    assert f"办理意见：{refused}" in text_of_html(desk.c.get(f"/u/{sl}/form").get_data(as_text=True))
    assert return_rows(issued_sheet(desk.ws, desk.store, KEY_1, SL))["5"]["办理意见"] == refused
    assert "未同意" not in text_of_html(desk.c.get(f"/u/{ga}").get_data(as_text=True))     # 市公安局: still waiting
    desk.start(KEY_2, TODAY + dt.timedelta(days=10))
    assert return_rows(issued_sheet(desk.ws, desk.store, KEY_2, SL))["5"]["办理意见"] == refused
    desk.store.close()


def test_a_close_out_approved_by_mistake_is_undone_on_its_period(tmp_path):
    """ALREADY_CLOSED's hint always said 「如需撤销销号，请先用 --return 退回」, and the return was refused as
    「已经销号」 too: a close-out approved on a period's report is now returned on that period (the latest decision
    counts), on the page and on the command line alike."""
    desk = Desk(tmp_path / "desk")
    desk.decide(kind="销号", task="1", action="yes", by=BY)
    r = desk.decide(kind="销号", task="1", action="yes", by=BY)
    assert "序号1已经销号，不需要再办理" in " ".join(_flashes(r))
    page = desk.c.get(f"/p/{KEY_1}/decisions").get_data(as_text=True)
    assert "撤销销号（退回）" in page
    r = desk.decide(kind="销号", task="1", action="no", reason="验收报告缺少签章", by=BY)
    assert "销号已退回（验收报告缺少签章）" in " ".join(_flashes(r))
    m = desk.ws.month(desk.store.period(KEY_1))
    assert next(ts for ts in m.statuses if ts.task.label == "1").closeout == "退回"
    desk.store.close()


def test_year_page_makes_the_annual_report_on_the_last_periods_list(tmp_path):
    desk = Desk(tmp_path / "desk")
    for form in WEB:
        desk.decide(**form)
    year = int(KEY_1[:4])
    html = desk.c.get("/year").get_data(as_text=True)
    page = text_of_html(html)
    last = dt.date.fromisoformat(KEY_1 + "-01")
    # trial 18: no command line on the page; the report date box holds the engine's default, said beside it
    assert "zhishui" not in page and "1月1日至20日生成的预先填今天" in page
    from zhishui.year import default_report_date
    box = re.search(r'name="report_date" value="([^"]*)"', html).group(1)
    assert box == default_report_date(int(KEY_1[:4]), dt.date.today()).isoformat()
    assert f"按{year}年最后一个报送期（{last.year}年{last.month}月）用的清单「{desk.list.name}」" in page
    r = desk.c.post("/year", data={"csrf_token": desk.tok, "year": str(year), "report_date": ""}, follow_redirects=True)
    assert f"{year}年度文书已生成" in " ".join(_flashes(r))
    [folder] = [p for p in desk.ws.year_folder(year).iterdir()]
    files = {p.name for p in folder.iterdir() if p.suffix in (".docx", ".xlsx")}
    assert files == {f"{year}年度考核结果.docx", f"{year}年度考核结果.xlsx", f"{year}年度工作总结.docx"}
    # the same function as zhishui docs --year on the same history and list
    out = tmp_path / "命令行年度"
    r = CliRunner().invoke(cli, ["docs", str(desk.ws.list_path(desk.store.current_list())), "--directory",
                                 str(desk.ws.directory_path(desk.store.current_list())), "--year", str(year),
                                 "--history", str(desk.ws.history_folder), "--out", str(out)])
    assert r.exit_code == 0, r.output
    for name in sorted(f for f in files if f.endswith(".docx")):
        assert doc_text(folder / name) == doc_text(out / name), name
    summary = doc_text(folder / f"{year}年度工作总结.docx")
    assert "批准销号" in summary and BY in summary
    page = text_of_html(desk.c.get(f"/year?year={year}").get_data(as_text=True))
    assert "已过时" not in page
    # decided after the report was made: the set says it is out of date, and why
    desk.decide(kind="延期", task="5", unit=GA, action="no", reason="不同意", by=BY)
    page = text_of_html(desk.c.get(f"/year?year={year}").get_data(as_text=True))
    assert "这套年度文书已过时" in page and f"生成后延期已办理：序号5，{GA}申请延期至{ASKED_5:%Y-%m-%d}不同意（{BY}" in page
    desk.store.close()


def test_year_page_stops_on_another_lists_last_month(tmp_path):
    """The list-version check of ``docs --year`` on the page: the history's last month of the year was collected on
    the command line with a revised list; the desk's list is not the year's last, and the page says so, in its words."""
    import openpyxl
    desk = Desk(tmp_path / "desk")
    desk.c.get(f"/p/{KEY_1}")
    revised = tmp_path / "某市河湖长制重点任务责任清单（修订）.xlsx"
    wb = openpyxl.load_workbook(desk.list)
    wb["责任清单"].append([8, "河道管理", "完成城区黑臭水体整治", "2027年6月底", "市住建局", "", ""])
    wb.save(revised)
    empty = tmp_path / "收到"
    empty.mkdir()
    r = CliRunner().invoke(cli, ["collect", str(revised), str(empty), "--directory", str(desk.directory), "--period", KEY_2,
                                 "--date", TODAY.isoformat(), "--history", str(desk.ws.history_folder), "--allow-empty",
                                 "--out", str(tmp_path / "汇总.xlsx")])
    assert r.exit_code in (0, 1), r.output
    year = int(KEY_1[:4])
    if year != TODAY.year:          # (in January last month is last year's: the year's last month is the desk's own)
        return
    r = desk.c.post("/year", data={"csrf_token": desk.tok, "year": str(year), "report_date": ""}, follow_redirects=True)
    said = " ".join(_flashes(r))
    assert f"不是{year}年最后一期" in said and "没有生成文书" in said
    assert f"不是在督办台上汇总的（督办台上{year}年最后一个报送期是{KEY_1}，用的是清单「{desk.list.name}」）" in said
    assert not desk.ws.year_folder(year).exists() or not any(desk.ws.year_folder(year).iterdir())
    desk.store.close()


def test_two_sets_made_in_one_second_are_both_kept(tmp_path):
    # a decision then 「生成文书」 within the same second (this file's own consistency test, on a busy machine) renamed
    # the second set onto the first: 「程序内部出错」 (OSError: Directory not empty) and no documents
    import datetime as dt

    from zhishui.web.documents import doc_sets, making_folder, publish
    root = tmp_path / "文书"
    now = dt.datetime.now()
    taken = [root / (now + dt.timedelta(seconds=s)).strftime("%Y%m%d-%H%M%S") for s in range(3)]
    for folder in taken:            # this second's name and the next two's, each already a set
        folder.mkdir(parents=True)
        (folder / "通报.docx").write_bytes(b"first")
    made = making_folder(root)
    (made / "通报.docx").write_bytes(b"second")
    got = publish(made, root)
    assert got.name.endswith("-2") and (got / "通报.docx").read_bytes() == b"second"
    assert all((f / "通报.docx").read_bytes() == b"first" for f in taken)
    assert doc_sets(root)[0] in (got, *taken) and got in doc_sets(root) and not made.exists()
    # and the pages find it: its preview, files and zip (a 404 before, seen when a set was made again in one second)
    from zhishui.web.clerk_docs import SET_RE
    assert SET_RE.match(got.name) and all(SET_RE.match(f.name) for f in taken)


def test_the_year_reports_default_date():
    """Trial 18: the 年度 page offered 2021-01-20 on 10 January.  Made in 1–20 January after the year, the report
    is dated the day it is made; a draft during the year, or a report made late, carries the due date (20 January)."""
    from zhishui.year import default_report_date
    D = dt.date
    assert default_report_date(2020, D(2021, 1, 10)) == D(2021, 1, 10)
    assert default_report_date(2020, D(2021, 1, 1)) == D(2021, 1, 1)
    assert default_report_date(2020, D(2021, 1, 20)) == D(2021, 1, 20)
    assert default_report_date(2020, D(2021, 2, 3)) == D(2021, 1, 20)
    assert default_report_date(2020, D(2020, 12, 31)) == D(2021, 1, 20)


def _bulletin_counts(z: zipfile.ZipFile) -> tuple[int, int, str]:
    """(同意延期 N, 不同意延期 N, text) the set's 进展通报 says as news (README 「延期申请带到以后各期」 rule 4)."""
    text = doc_text(z.read(next(n for n in z.namelist() if n.startswith("进展通报/") and n.endswith(".docx"))))
    text = text.replace("\u200b", "")
    agreed = re.search(r"经审核同意延期(\d+)项", text)
    refused = re.search(r"不同意延期(\d+)项", text)
    return (int(agreed.group(1)) if agreed else 0), (int(refused.group(1)) if refused else 0), text


def test_a_later_pages_decision_on_an_earlier_request_is_news_once(tmp_path):
    """Trial 18: on the next month's page the clerk agreed a request of last month; last month's set was marked
    「已过时」, regenerating it rewrote its 通报 (its figures, its 同意延期 count) and the year's table followed; and each
    decision was news in two consecutive 通报.  Now (README 「延期申请带到以后各期」, 「汇总、文书和办理的先后」 rule 1)
    last month's set stays what it reported, and each decision is news in exactly one month's 通报."""
    desk = Desk(tmp_path / "desk")
    for form in WEB:            # last month's decisions on its own page (close 1, return 2, agree 4, refuse 市水利局's 5)
        desk.decide(**form)
    first = desk.docs(KEY_1)                     # made after them: their news is in this 通报
    a1, r1, text1 = _bulletin_counts(first)
    assert (a1, r1) == (1, 1) and f"另有1项延期申请正在审核（序号5）" in text1, text1
    issued = desk.ws.doc_sets(KEY_1)[0]
    desk.start(KEY_2, TODAY + dt.timedelta(days=10))
    desk.c.get(f"/p/{KEY_2}")                    # this month's page: this month is collected
    r = desk.decide(KEY_2, kind="延期", task="5", unit=GA, action="yes", to=ASKED_5.isoformat(), by=BY)
    assert f"同意{GA}（{KEY_1}申请）延期" in " ".join(_flashes(r))
    # last month's set is not out of date for a decision news this month, and nothing invites making it again
    assert desk.ws.changes_since(desk.store.period(KEY_1), issued) == []
    assert "已过时" not in text_of_html(desk.c.get(f"/p/{KEY_1}/docs").get_data(as_text=True))
    # made again all the same, it says what it said (its figures, its news)
    again = desk.docs(KEY_1)
    assert _bulletin_counts(again)[2] == text1
    for key in ("totals", "unit_counts", "tasks", "ranking", "requests"):
        assert _timeless(json.loads(again.read("汇总结果.json")).get(key)) == \
            _timeless(json.loads(first.read("汇总结果.json")).get(key)), key
    # this month's 通报: only the decision made since (5, agreed), not last month's again
    a2, r2, text2 = _bulletin_counts(desk.docs(KEY_2))
    assert (a2, r2) == (1, 0), text2
    # the oracle from the script: every request decided, by its latest decision, once
    decided = {(f["task"], f["unit"]): f["action"] for f in WEB if f["kind"] == "延期"} | {("5", GA): "yes"}
    assert (a1 + a2, r1 + r2) == (sum(v == "yes" for v in decided.values()), sum(v == "no" for v in decided.values()))
    # the year's report counts the same decisions, and its month table is what each month's set said
    year = int(KEY_2[:4])
    if KEY_1[:4] == KEY_2[:4]:
        r = desk.c.post("/year", data={"csrf_token": desk.tok, "year": str(year), "report_date": ""},
                        follow_redirects=True)
        assert f"{year}年度文书已生成" in " ".join(_flashes(r))
        [folder] = list(desk.ws.year_folder(year).iterdir())
        summary = doc_text(folder / f"{year}年度工作总结.docx")
        assert f"（同意{a1 + a2}项、不同意{r1 + r2}项）" in summary, summary
    desk.store.close()
