"""The 督办台 in a real browser (Debian's chromium driven by Playwright, a real server on
loopback): the clerk's whole month, and a unit's upload with a bad file, another unit's token,
another unit's return, a late upload, a correction, text that must stay text.

Each value on a page is checked against an independent reading: the returns the test itself
filled (openpyxl), the receipt times the server gave, and the JSON the month wrote."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import LIST001, SAMPLES
from returns_factory import fill_return
from web_helpers import chromium, running_server, shot

CODE = "TEST1234"
PASSWORD = "河长制-2020"


def login(page, url):
    page.goto(f"{url}/setup?code={CODE}")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=again]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{url}/")


def text_of(page, sel) -> str:
    return re.sub(r"\s+", " ", page.inner_text(sel)).strip()


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_clerk_whole_month(browser, tmp_path):
    with running_server(tmp_path / "data", setup_code=CODE) as (url, app):
        ctx = browser.new_context(viewport={"width": 1200, "height": 820}, accept_downloads=True, locale="zh-CN")
        page = ctx.new_page()
        # nothing without a login
        page.goto(f"{url}/list")
        assert page.url.startswith(f"{url}/setup")
        login(page, url)

        # the list, and the check results with the cell each points to
        page.click("text=责任清单")
        page.set_input_files("input[name=list]", str(LIST001))
        page.click("form[action$='/list'] button[type=submit]")
        assert "已载入责任清单" in text_of(page, ".flash.ok")
        assert "63 项任务" in text_of(page, "section.card h2")
        counts = text_of(page, "#check-counts")
        assert re.search(r"错误 1 项", counts), counts
        row = page.locator("#findings tr", has_text="UNKNOWN_UNIT").first
        assert "区市场管理局" in row.inner_text() and "G13" in row.locator("td.cell").inner_text()
        shot(page, "网页_责任清单校验")

        # a period: a link and a return workbook per unit
        page.click("text=开始报送期")
        page.fill("input[name=period]", "2020-11")
        page.fill("input[name=due]", "2020-11-25")
        page.click("#start-period")
        assert "报送期已开始" in text_of(page, ".flash.ok")
        links = {r.locator("td").nth(0).inner_text(): r.locator("input.link-text").input_value()
                 for r in page.locator("#links tbody tr").all()}
        assert len(links) == 52 and all(v.startswith(f"{url}/u/") for v in links.values())
        shot(page, "网页_报送链接")
        with page.expect_download() as d:
            page.locator("#links tr", has_text="区水利局").locator("a", has_text="下载").click()
        issued = tmp_path / "issued.xlsx"
        d.value.save_as(issued)
        intro = openpyxl.load_workbook(issued)["报送表"]["A3"].value
        assert links["区水利局"] in intro          # the unit's own link is in its workbook

        # two units upload their filled returns through their own links (no clerk session there)
        unit_ctx = browser.new_context(locale="zh-CN")
        upage = unit_ctx.new_page()
        filled = fill_return(issued, tmp_path / "水利局.xlsx", "区水利局")
        upage.goto(links["区水利局"])
        assert "区水利局" in text_of(upage, "h1") and "办事员" not in text_of(upage, "header")
        upage.set_input_files("input[name=file]", str(filled.path))
        upage.click("#upload")
        assert text_of(upage, "#state") == "逾期报送"      # 2020-11-25 is long past
        water_time = text_of(upage, "#received")
        assert len(upage.locator("#read tbody tr").all()) == len(filled.expected)
        shot(upage, "网页_单位回执")
        # the other one fills the web form
        upage.goto(links["区河长办"])
        upage.click("#fill-form")
        n = upage.locator("select").count()
        for i in range(n):
            upage.locator("select").nth(i).select_option("序时推进")
        upage.locator("input[type=number]").first.fill("60")
        upage.locator("textarea").first.fill("已完成河道巡查；=SUM(A1:A9) 和 <b>加粗</b> 原样保留")
        upage.fill("input[name=reporter]", "李四")
        upage.evaluate("window.scrollTo(0, 0)")
        shot(upage, "网页_单位填写")
        upage.click("#submit-form")
        assert text_of(upage, "#state") == "逾期报送"
        assert "=SUM(A1:A9) 和 <b>加粗</b> 原样保留" in upage.inner_text("#read")
        assert upage.locator("#read b").count() == 0     # markup stayed text
        river_time = text_of(upage, "#received")

        # e-mailed returns the clerk saved: added on the period page
        page.goto(f"{url}/p/2020-11")
        page.set_input_files("input[name=files]", [str(p) for p in sorted((SAMPLES / "seed001" / "2020年11月报送").iterdir())])
        page.click("form[action$='/files'] button[type=submit]")
        assert "已添加" in text_of(page, ".flash.ok")
        page.goto(f"{url}/p/2020-11")
        units = {r.locator("td").nth(0).inner_text(): [c.inner_text() for c in r.locator("td").all()]
                 for r in page.locator("#units tbody tr").all()}
        # both e-mailed in time, then corrected through the page after the deadline: noted, not late
        assert units["区水利局"][2] == "按时报送" and units["区水利局"][3] == water_time[:16]
        assert "逾期更正" in units["区水利局"][7] and "逾期更正" in units["区河长办"][7]
        assert units["区水利局"][4].startswith("上传：网页上传") and "网页上传/区水利局_" in units["区水利局"][5]
        assert units["区河长办"][2] == "按时报送" and units["区河长办"][3] == river_time[:16]
        assert units["区金融办"][2] == "未报送"
        assert units["何埂镇"][4].startswith("邮件")        # its .eml's server time
        shot(page, "网页_报送情况")

        # documents: generated, listed, previewed, downloaded whole
        page.click("text=文书")
        page.fill("input[name=report_date]", dt.date.today().isoformat())
        page.click("#make-docs")
        assert "文书已生成" in text_of(page, ".flash.ok")
        with page.expect_download() as d:
            page.locator("a", has_text="全部下载（zip）").first.click()
        z = zipfile.ZipFile(io.BytesIO(Path(d.value.path()).read_bytes()))
        names = z.namelist()
        assert "汇总结果.xlsx" in names and any(n.startswith("督办通知/") for n in names)
        month = json.loads(z.read("汇总结果.json"))
        msgs = z.read("催报通知/催报消息.txt").decode("utf-8")
        # (the server runs on 127.0.0.1: no other office can open the links, so the reminders leave them out and the
        # page says why — trial 21)
        assert "【催报提醒】区金融办" in msgs and links["区金融办"] not in msgs and "本单位专用报送网页" not in msgs
        assert "催报消息不带链接" in text_of(page, "#links-local")

        # the dashboard says what the month's JSON says
        page.goto(f"{url}/p/2020-11")
        page.fill("input[name=report_date]", month["report_date"])
        page.click("form[action$='/settings'] button[type=submit]")
        uc = month["unit_counts"]
        assert text_of(page, "#n-reported") == str(uc["已报送"]) and text_of(page, "#n-late") == str(uc["逾期报送"])
        assert text_of(page, "#n-missing") == str(uc["未报送"])
        # (the status, and under it, folded, what the units reported differently: session 25)
        shown = {r.locator("td").nth(1).inner_text(): r.locator("td.status").inner_text().split("\n")
                 for r in page.locator("#tasks tbody tr").all()}
        assert {k: v[0] for k, v in shown.items()} == {t["seq"]: t["status"] for t in month["tasks"]}
        assert {k for k, v in shown.items() if v[1:] == ["各单位报的不一致"]} == \
            {t["seq"] for t in month["tasks"] if t["disagreements"]}
        assert text_of(page, "#chase") == "、".join(month["missing_units"])

        page.click("text=文书")
        page.locator("a", has_text="预览").first.click()
        page.wait_for_selector(".pages img, .doc-text", timeout=120_000)
        assert page.locator(".pages img").count() >= 1
        assert page.evaluate("document.querySelector('.pages img').naturalWidth") > 300
        shot(page, "网页_文书预览")

        # last months
        page.click("text=往期")
        row = text_of(page, "#history tbody tr")
        assert "2020年11月" in row and f"{month['totals']['完成率'] * 100:.1f}%" in row
        # every unit state has its column, so the states add up to 应报 on the page
        cells = [c.inner_text() for c in page.locator("#history tbody tr").first.locator("td").all()]
        heads = [h.inner_text() for h in page.locator("#history thead th").all()]
        by_head = dict(zip(heads, cells))
        # (the on-time state said 按时报送, as everywhere: 已报送 alone would read as on time and late together)
        words = {"应报": "应报", "已报送": "按时报送", "逾期报送": "逾期报送", "未报送": "未报送", "空表": "空表",
                 "无法读取": "无法读取"}
        for state, word in words.items():
            assert by_head[word] == str(uc[state]), state
        assert sum(int(by_head[words[s]]) for s in ("已报送", "逾期报送", "未报送", "空表", "无法读取")) == uc["应报"]
        ctx.close()
        unit_ctx.close()


@pytest.fixture
def unit_server(tmp_path):
    """A server with the 永川 list and two periods: 2020-11 (due long past) and one due in ten days."""
    with running_server(tmp_path / "data", setup_code=CODE) as (url, app):
        ws = app.config["WORKSPACE"]
        ws.add_list(LIST001.name, LIST001.read_bytes(), "办事员")
        ws.start_period("2020-11", dt.date(2020, 11, 25), None)
        ws.start_period("2020-12", dt.date.today() + dt.timedelta(days=10), None)
        yield url, app, ws


def _issued(ws, key, unit) -> Path:
    return next((ws.period_folder(key) / "下发报送表").glob(f"*_{unit}_进展情况报送表.xlsx"))


def test_unit_uploads_bad_file_wrong_unit_late(browser, unit_server, tmp_path):
    url, app, ws = unit_server
    store = app.config["STORE"]
    nov, dec = store.period("2020-11"), store.period("2020-12")
    links = ws.links(dec)
    ctx = browser.new_context(locale="zh-CN")
    page = ctx.new_page()

    # a token nobody was given, and a real token cut short: nothing about anybody
    for bad in (f"{url}/u/aaaaaaaaaaaaaaaaaaaaaaaa", links["区水利局"][:-1]):
        resp = page.goto(bad)
        assert resp.status == 404 and "区水利局" not in page.content()

    # a bad file: a PDF sent as if it were the return; kept, refused, said why
    page.goto(links["区水利局"])
    assert page.locator("#late-warning").count() == 0
    pdf = SAMPLES / "seed001" / "2020年11月报送" / "区农业农村委_佐证材料_验收报告.pdf"
    bad = tmp_path / "报送表.xlsx"
    bad.write_bytes(pdf.read_bytes())
    page.set_input_files("input[name=file]", str(bad))
    page.click("#upload")
    assert text_of(page, "#state") == "未能采用" and "PDF" in text_of(page, "#refused")
    shot(page, "网页_单位上传错误文件")
    # a workbook that is not a return: read, and told what to fix
    page.goto(links["区水利局"])
    page.set_input_files("input[name=file]", str(LIST001))
    page.click("#upload")
    assert "找不到报送表的表格" in text_of(page, "#fixes")

    # another unit's return through this unit's link: refused, and it counts for nobody
    other = fill_return(_issued(ws, "2020-12", "区农业农村委"), tmp_path / "农业.xlsx", "区农业农村委")
    page.goto(links["区水利局"])
    page.set_input_files("input[name=file]", str(other.path))
    page.click("#upload")
    assert text_of(page, "#state") == "未能采用" and "区农业农村委" in text_of(page, "#fixes")
    wrong_receipt = page.url
    m = ws.month(store.period("2020-12"))
    state = {u.unit: u.state for u in m.units}
    # the workbook with no return table is this unit's 空表 (as in a folder); the other unit's return is nobody's
    assert state["区农业农村委"] == "未报送" and state["区水利局"] == "空表"
    # one unit's receipt cannot be opened through another unit's link
    agri_link = links["区农业农村委"]
    resp = page.goto(agri_link + "/r/" + wrong_receipt.rsplit("/", 1)[1])
    assert resp.status == 404

    # on time, then corrected before the deadline: the last one counts
    first = fill_return(_issued(ws, "2020-12", "区水利局"), tmp_path / "水利1.xlsx", "区水利局")
    page.goto(links["区水利局"])
    page.set_input_files("input[name=file]", str(first.path))
    page.click("#upload")
    assert text_of(page, "#state") == "按时报送"
    second = fill_return(_issued(ws, "2020-12", "区水利局"), tmp_path / "水利2.xlsx", "区水利局",
                         values=lambda i, seq, unit: {"完成状态": "进度滞后", "完成比例": 0.2, "进展情况": "更正：资金未到位"})
    page.goto(links["区水利局"])
    page.set_input_files("input[name=file]", str(second.path))
    page.click("#upload")
    assert text_of(page, "#state") == "按时报送"
    t2 = text_of(page, "#received")
    m = ws.month(store.period("2020-12"))
    water = next(u for u in m.units if u.unit == "区水利局")
    assert water.state == "已报送" and water.versions == 3 and water.received_how == "上传"   # 空表, first, correction
    assert f"{water.received:%Y-%m-%d %H:%M:%S}" == t2
    reports = m.col.reports()
    assert {r.state for k, by in reports.items() for u, r in by.items() if u == "区水利局"} == {"进度滞后"}

    # late: the 2020-11 link says so before, and the receipt and the month after
    late_link = ws.links(nov)["区水利局"]
    page.goto(late_link)
    assert "逾期报送" in text_of(page, "#late-warning")
    late = fill_return(_issued(ws, "2020-11", "区水利局"), tmp_path / "水利11.xlsx", "区水利局")
    page.set_input_files("input[name=file]", str(late.path))
    page.click("#upload")
    assert text_of(page, "#state") == "逾期报送"
    shot(page, "网页_逾期回执")
    m = ws.month(store.period("2020-11"))
    assert next(u for u in m.units if u.unit == "区水利局").state == "逾期报送"

    # forms without the session's token are refused; a closed period takes nothing
    resp = page.request.post(late_link + "/upload", multipart={"file": {"name": "a.xlsx", "mimeType": "application/octet-stream",
                                                                        "buffer": late.path.read_bytes()}})
    assert resp.status == 400 and "防伪造" in resp.text()
    store.update_period(nov["id"], closed_at=dt.datetime.now())
    page.goto(late_link)
    assert page.locator("#upload").count() == 0
    # too big: refused before it is read, but kept and recorded (the clerk sees it: README 「被拒的上传也按哈希存档」)
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (21 * 1024 * 1024))
    page.goto(links["区河长办"])
    page.set_input_files("input[name=file]", str(big))
    page.click("#upload")
    assert "20MB" in page.content() and text_of(page, "#state") == "未能采用"
    assert len(store.uploads(dec["id"])) == 6 and len(store.uploads(nov["id"])) == 1
    assert not store.uploads(dec["id"], unit="区河长办")[0]["accepted"]
    ctx.close()


def test_clerk_decides_the_year_in_the_browser(browser, tmp_path):
    """The year on a machine with no Excel (README 「不用 Excel」, 「一年怎么用」): two months in a real chromium.  Units
    report 已完成 with and without 佐证材料 and ask for more time; on the period's 「销号和延期」 page the clerk approves
    one close-out, returns one with a reason, is refused one (no 佐证材料: the engine's message, nothing recorded),
    agrees one extension to another date and refuses another; the next period's sheets carry the 办理意见 and leave out
    the task closed out, a request left undecided is decided on the next month's page, and the 年度 page makes the
    annual summary and the 考核 result."""
    import sqlite3

    from decisions_desk import (AGREED_4, ASKED_5, BY, GA, HB, KEY_1, KEY_2, MONTH_1, NY, REFUSE_REASON, RETURN_REASON,
                                SL, TODAY, ZJ, filled_sheet, issued_sheet, return_rows, write_directory, write_list)
    lst, dirs = write_list(tmp_path / "某市河湖长制重点任务责任清单.xlsx"), write_directory(tmp_path / "某市单位名录.xlsx")
    with running_server(tmp_path / "data", setup_code=CODE) as (url, app):
        ws, store = app.config["WORKSPACE"], app.config["STORE"]

        def decisions() -> list:
            db = sqlite3.connect(ws.history_folder / "history.sqlite")
            try:
                return db.execute("SELECT task, unit, period, decision, reason, new_due, decided_by, source FROM decisions "
                                  "ORDER BY id").fetchall()
            finally:
                db.close()

        ctx = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True, locale="zh-CN")
        page = ctx.new_page()
        login(page, url)
        page.click("text=责任清单")
        page.set_input_files("input[name=list]", str(lst))
        page.set_input_files("input[name=directory]", str(dirs))
        page.click("form[action$='/list'] button[type=submit]")
        assert "已载入责任清单" in text_of(page, ".flash.ok")

        def start(key, due):
            page.click("text=开始报送期")
            page.fill("input[name=period]", key)
            page.fill("input[name=due]", due.isoformat())
            page.click("#start-period")
            assert "报送期已开始" in text_of(page, ".flash.ok")

        start(KEY_1, TODAY + dt.timedelta(days=5))
        unit_ctx = browser.new_context(locale="zh-CN")
        upage = unit_ctx.new_page()
        for unit, rows in MONTH_1.items():          # each through its own link, as the unit does
            sheet = filled_sheet(issued_sheet(ws, store, KEY_1, unit), tmp_path / f"{unit}.xlsx", unit, rows)
            upage.goto(ws.links(store.period(KEY_1))[unit])
            upage.set_input_files("input[name=file]", str(sheet))
            upage.click("#upload")
            assert text_of(upage, "#state") == "按时报送"
        # the month's documents, made before any decision
        page.goto(f"{url}/p/{KEY_1}/docs")
        page.fill("input[name=report_date]", TODAY.isoformat())
        page.click("#make-docs")
        assert "文书已生成" in text_of(page, ".flash.ok")

        # 报送情况 says what waits for the clerk and leads to the page where it is decided
        page.goto(f"{url}/p/{KEY_1}")
        assert "待办理 6 项（待销号 2项，缺佐证 1项，延期申请待审批 3 项）" in text_of(page, "#decisions-due")
        assert "序号4" in text_of(page, "#pressed")
        page.click("#decisions-due a")
        assert page.url.endswith(f"/p/{KEY_1}/decisions")
        shot(page, "网页_销号和延期")

        def row(table, text):
            return page.locator(f"#{table} tbody tr", has_text=text)

        r = row("closeout-todo", "完成城区雨污分流管网改造工程")
        assert "待销号" in r.inner_text() and "竣工验收报告.pdf" in r.inner_text()
        r.locator("input[name=by]").fill(BY)
        r.locator("button.approve").click()
        assert "序号1：" in text_of(page, ".flash.ok") and "已批准销号" in text_of(page, ".flash.ok")
        # no 佐证材料: the engine refuses, the page says why, nothing is recorded
        n = len(decisions())
        r = row("closeout-todo", "完成沿江化工企业搬迁改造")
        assert "缺佐证" in r.inner_text() and "没有填写佐证材料的单位：市工业和信息化局" in r.inner_text()
        r.locator("button.approve").click()
        said = text_of(page, ".flash.error")
        assert "什么都没有记录" in said and "市工业和信息化局没有填写佐证材料，不能销号" in said and "--return" not in said
        assert len(decisions()) == n
        r = row("closeout-todo", "完成工业园区污水集中处理设施提标改造")
        r.locator("input[name=reason]").fill(RETURN_REASON)
        r.locator("button.return").click()
        assert f"销号已退回（{RETURN_REASON}）" in text_of(page, ".flash.ok")
        # the extensions: one agreed to another date than asked, one of the two units' requests on task 5 refused
        r = row("extension-todo", NY)
        assert "待审批（本期申请）" in r.inner_text()
        r.locator("input[name=to]").fill(AGREED_4.isoformat())
        r.locator("button.agree").click()
        assert f"调整为{AGREED_4:%Y-%m-%d}" in text_of(page, ".flash.ok")
        r = row("extension-todo", SL)
        r.locator("input[name=reason]").fill(REFUSE_REASON)
        r.locator("button.refuse").click()
        assert f"不同意{SL}的延期申请（{REFUSE_REASON}）" in text_of(page, ".flash.ok")
        done = text_of(page, "#closeout-done")
        assert f"{KEY_1}报送的完成情况：批准，{BY}，{TODAY.isoformat()}" in done and f"理由：{RETURN_REASON}" in done
        assert GA in text_of(page, "#extension-todo") and "已同意：延期至" in text_of(page, "#extension-done")
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, "网页_销号和延期_办理后")
        assert [d[:4] for d in decisions()] == [("1", None, KEY_1, "批准"), ("2", None, KEY_1, "退回"),
                                               ("4", NY, KEY_1, "同意"), ("5", SL, KEY_1, "不同意")]
        # (the 办理人 typed once is offered again on the page's later forms)
        assert {d[6:] for d in decisions()} == {(BY, "网页督办台")}

        # the period recomputed: statuses, counts, 督办
        page.goto(f"{url}/p/{KEY_1}")
        tasks = {r.locator("td").nth(1).inner_text(): [c.inner_text() for c in r.locator("td").all()]
                 for r in page.locator("#tasks tbody tr").all()}
        assert tasks["1"][5] == "已完成" and tasks["2"][5] != "已完成"
        assert f"已延期至{AGREED_4.year}年{AGREED_4.month}月{AGREED_4.day}日" in tasks["4"][3] and tasks["4"][5] != "逾期"
        assert "序号4" not in text_of(page, "#pressed")
        assert "待办理 2 项" in text_of(page, "#decisions-due")
        # the documents made before say they are out of date, and why
        page.click("text=文书")
        stale = text_of(page, ".stale")
        assert "这套文书已过时" in stale and f"生成后销号已办理：序号1，{KEY_1}报送的完成情况已批准销号（{BY}" in stale
        assert f"生成后延期已办理：序号5，{SL}申请延期至{ASKED_5:%Y-%m-%d}不同意" in stale

        # the next month: its sheets carry the 办理意见 and leave out the task closed out
        start(KEY_2, TODAY + dt.timedelta(days=10))

        def sheet_of(unit):
            with page.expect_download() as d:
                page.locator("#links tr", has_text=unit).locator("a", has_text="下载").click()
            path = tmp_path / f"下发_{unit}.xlsx"
            d.value.save_as(path)
            return return_rows(path)
        assert list(sheet_of(ZJ)) == ["7"]
        assert sheet_of(HB)["2"]["办理意见"].endswith(f"）：{RETURN_REASON}")
        assert sheet_of(SL)["5"]["办理意见"].endswith(f"的延期申请未同意：{REFUSE_REASON}")
        # the request nobody decided last month waits on this month's page, and is decided there
        page.goto(f"{url}/p/{KEY_2}/decisions")
        first = dt.date.fromisoformat(KEY_1 + "-01")
        r = row("extension-todo", GA)
        assert f"待审批（{first.year}年{first.month}月申请）" in r.inner_text()
        r.locator("input[name=by]").fill(BY)
        r.locator("button.agree").click()
        assert f"同意{GA}（{KEY_1}申请）延期" in text_of(page, ".flash.ok")
        assert decisions()[-1][:4] == ("5", GA, KEY_1, "同意")

        # the year: the annual summary and the 考核 result, on the list of the year's last period
        page.click("header >> text=年度")
        year = TODAY.year
        assert f"按{year}年最后一个报送期（{year}年{TODAY.month}月）用的清单「{lst.name}」" in text_of(page, "#year-list")
        page.click("#make-year")
        assert f"{year}年度文书已生成" in text_of(page, ".flash.ok")
        files = [li.inner_text() for li in page.locator("ul.files li").all()]
        assert any(f.startswith(f"{year}年度工作总结.docx") for f in files)
        assert any(f.startswith(f"{year}年度考核结果.docx") for f in files)
        with page.expect_download() as d:
            page.locator("ul.files li", has_text="考核结果.xlsx").locator("a", has_text="下载").click()
        d.value.save_as(tmp_path / "考核.xlsx")
        assert "年度考核" in openpyxl.load_workbook(tmp_path / "考核.xlsx").sheetnames
        shot(page, "网页_年度")
        page.locator("ul.files li", has_text="工作总结.docx").locator("a", has_text="预览").click()
        page.wait_for_selector(".pages img, .doc-text", timeout=180_000)
        assert page.locator(".pages img").count() >= 1
        assert page.evaluate("document.querySelector('.pages img').naturalWidth") > 300
        shot(page, "网页_年度总结预览")
        ctx.close()
        unit_ctx.close()


def test_clerk_asks_the_history_in_the_browser(browser, tmp_path):
    """README 「随时查」 without a command line (session 23): tests/history_desk.py's three months on a real server; in
    chromium the clerk opens 「查询」 from the navigation, chooses a unit (typed short, as the command line takes it)
    and a task, and reads what it reported each month, from which uploaded file, and who approved and then returned
    the 销号; a 序号 the list does not have is said on the page."""
    from decisions_desk import BY, ZJ
    from history_desk import P0, P1, P2, RETURNED, build, cn
    with running_server(tmp_path / "data", setup_code=CODE) as (url, app):
        build(app, tmp_path / "files")
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = ctx.new_page()
        login(page, url)
        page.click("header >> text=查询")
        assert page.url.startswith(f"{url}/query")
        # the unit's box offers the list's units; the 序号 box the current list's tasks
        assert ZJ in [o.get_attribute("value") for o in page.locator("#query-units option").all()]
        assert "1" in [o.get_attribute("value") for o in page.locator("#query-tasks option").all()]
        page.fill("input[name=unit]", "住建局")
        page.fill("input[name=task]", "1")
        page.click("#ask")
        assert text_of(page, "#query-meant") == f"单位「住建局」按「{ZJ}」查"
        rows = page.locator("#query-rows tbody tr.report").all()
        assert [r.locator("td").nth(0).inner_text() for r in rows] == [cn(P0), cn(P1), cn(P2)]
        first = re.sub(r"\s+", " ", rows[0].inner_text())
        assert "完成状态：已完成；完成比例：100%" in first and "竣工验收报告.pdf" in first
        assert f"「{P0}_{ZJ}报送表.xlsx」（单位通过报送链接上传，回执" in first and "收到/" not in first
        assert f"销号：{P0}报送的完成情况由{BY}于" in first and "批准销号" in first
        assert f"退回销号，理由：{RETURNED}" in first
        shot(page, "网页_查询")
        # the receipt of the file the report came from opens from the row
        rows[0].locator("td.file a").click()
        assert "回执" in page.locator("main").inner_text() and page.url.startswith(f"{url}/p/{P0}/uploads/")
        page.go_back()
        # a 序号 the list does not have
        page.fill("input[name=task]", "99")
        page.click("#ask")
        said = text_of(page, "#query-error")
        assert "清单里没有序号为「99」的任务" in said and "--" not in said
        assert page.locator("#query-rows").count() == 0
        ctx.close()
