"""水质研判 in the browser desk (README 「不用 Excel」): a clerk on a machine without Excel loads the 断面清单,
adds each morning's monitoring data, runs, reads who gets a 预警 or 督办 and with which 文号, previews and
downloads the documents — and the web run is the CLI's run on the same files.

The data are written the way the systems write them (openpyxl workbooks shaped as the national automatic
stations' export, one file a morning); the expected facts come from the data as written (the test's own
readings and the README's rules), not from zhishui."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from test_water_month import docx_text
from water_factory import write_sections
from web_helpers import chromium, clerk_client, running_server, shot
from zhishui.cli import cli

CODE = "TEST1234"
PASSWORD = "河长制-2020"
DRJ, JHP = "大茹解", "界河铺"
SECTIONS = [(DRJ, "滹沱河", "国考", "河流", "Ⅲ类", "上馆镇、峨口镇", "县住建局、市生态环境局代县分局"),
            (JHP, "滹沱河", "国考", "河流", "III", "阳明堡镇", "县农业农村局、县水利局")]
SETTINGS = [("方案名称", "代县保汛期水质稳定专项行动实施方案"), ("文号", "代政办函〔2021〕31号"),
            ("发文单位", "代县保汛期水质稳定专项行动领导组办公室"), ("联系人", "安晓红"), ("联系电话", "13593229533"),
            ("预警文号前缀", "代水预"), ("督办文号前缀", "代水督"), ("督办起始编号", 11), ("抄送", "县人民政府办公室")]
BASE = {"ph": 7.8, "do": 6.5, "codmn": 4.2, "nh3n": 0.45, "tp": 0.12}
HEAD = {"ph": "pH(无量纲)", "do": "溶解氧(mg/L)", "codmn": "高锰酸盐指数(mg/L)", "nh3n": "氨氮(mg/L)", "tp": "总磷(mg/L)"}
# 大茹解: 氨氮 1.30 mg/L (Ⅳ类 for a Ⅲ target: limit 1.0, 超标0.30倍) on the 10th, 11th and 12th — a 督办 on the 12th;
# 界河铺: 总磷 0.25 (limit 0.2, 超标0.25倍) on the 11th only — a 预警 that day
OVER = {(DRJ, 10): {"nh3n": 1.30}, (DRJ, 11): {"nh3n": 1.30}, (DRJ, 12): {"nh3n": 1.30}, (JHP, 11): {"tp": 0.25}}
BAD_CELL = (JHP, 12, 2, "do", "6.5.5")      # a typing slip the reader must point at: 12th, 08:00 row, 溶解氧


def export(folder: Path, day: int) -> Path:
    """One morning's export of the automatic stations (the day before's 4-hourly rows), as the publication
    system writes it: title row, header, one row per station and hour."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实时数据"
    ws.append(["国家地表水水质自动监测实时数据发布系统 数据导出"])
    ws.append(["省份", "流域", "断面名称", "监测时间"] + [HEAD[k] for k in HEAD] + ["站点情况"])
    bad_cell = None
    for name in (DRJ, JHP):
        for i, hour in enumerate(range(0, 24, 4)):
            values = {**BASE, **OVER.get((name, day), {})}
            row = ["山西省", "海河流域", name, f"2021-08-{day:02d} {hour:02d}:00"] + [values[k] for k in HEAD] + ["正常"]
            if (name, day, i) == BAD_CELL[:3]:
                row[4 + list(HEAD).index(BAD_CELL[3])] = BAD_CELL[4]
                bad_cell = f"{openpyxl.utils.get_column_letter(5 + list(HEAD).index(BAD_CELL[3]))}{ws.max_row + 1}"
            ws.append(row)
    path = folder / f"自动监测_2021-08-{day:02d}.xlsx"
    wb.save(path)
    return path if bad_cell is None else (path, bad_cell)


@pytest.fixture
def files(tmp_path):
    src = tmp_path / "收到"
    src.mkdir()
    sections = write_sections(src, SECTIONS, SETTINGS, name="代县国考断面清单.xlsx")
    day10, day11 = export(src, 10), export(src, 11)
    day12, bad_cell = export(src, 12)
    damaged = src / "界河铺手工监测.xlsx"
    damaged.write_bytes(day11.read_bytes()[:2500])          # a copy that did not finish
    return {"sections": sections, 10: day10, 11: day11, 12: day12, "bad_cell": bad_cell, "damaged": damaged}


def text_of(page, sel) -> str:
    return re.sub(r"\s+", " ", page.inner_text(sel)).strip()


def letters_on_page(page) -> list[tuple[str, str, str]]:
    return [(r.locator("td").nth(0).inner_text().split("（")[0], r.locator("td").nth(1).inner_text(),
             r.locator("td").nth(2).inner_text()) for r in page.locator("#letters tbody tr").all()]


def row_of(page, section: str) -> list[str]:
    r = page.locator("#sections-today tbody tr", has_text=section).first
    return [c.inner_text().strip() for c in r.locator("td").all()]


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def test_three_mornings_in_the_browser(browser, files, tmp_path):
    with running_server(tmp_path / "data", setup_code=CODE) as (url, app):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
        page = ctx.new_page()
        page.goto(f"{url}/setup?code={CODE}")
        page.fill("input[name=password]", PASSWORD)
        page.fill("input[name=again]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/")

        # the 断面清单 uploaded on the 责任清单 page is sent to the 水质 page
        page.click("text=责任清单")
        page.set_input_files("input[name=list]", str(files["sections"]))
        page.click("form[action$='/list'] button[type=submit]")
        assert "「水质」页" in text_of(page, ".flash.error")

        page.click("header nav >> text=水质")
        page.fill("input[name=period]", "2021-08")
        page.click("#choose-period button")
        page.set_input_files("input[name=sections]", str(files["sections"]))
        page.click("#load-sections-button")
        assert "2个断面" in text_of(page, ".flash.ok")
        assert page.locator("#section-list tbody tr").count() == 2

        expected = {10: [("预警", DRJ, "代水预〔2021〕1号")],
                    11: [("预警", DRJ, "代水预〔2021〕2号"), ("预警", JHP, "代水预〔2021〕3号")],
                    12: [("督办", DRJ, "代水督〔2021〕11号")]}
        for day in (10, 11, 12):
            if day == 12:
                # a damaged file first: refused with its name, nothing else changes
                page.set_input_files("input[name=files]", str(files["damaged"]))
                page.click("#add-data-button")
                err = text_of(page, ".flash.error")
                assert "界河铺手工监测.xlsx" in err and "没有加入" in err, err
                assert page.locator("#data-files tbody tr").count() == 2
            page.set_input_files("input[name=files]", str(files[day]))
            page.click("#add-data-button")
            assert f"「自动监测_2021-08-{day:02d}.xlsx」已加入2021年8月" in text_of(page, ".flash.ok")
            assert page.locator("#data-files tbody tr").count() == day - 9
            if day == 12:
                # the slip is kept out of the month and named where it is (file｜sheet｜cell); the rest is used
                added = text_of(page, "#added-findings")
                assert f"自动监测_2021-08-12.xlsx｜实时数据｜{files['bad_cell']}" in added, added
                assert "6.5.5" in added
            page.fill("input[name=report_date]", f"2021-08-{day:02d}")
            page.click("#run-button")
            assert f"已研判（报告日期 2021-08-{day:02d}）" in text_of(page, ".flash.ok")
            assert letters_on_page(page) == expected[day], (day, letters_on_page(page))
            drj = row_of(page, DRJ)
            assert drj[3] == "Ⅳ类" and drj[4].startswith("超标")
            assert "氨氮1.300mg/L（Ⅳ类，超标0.30倍）" in drj[5]
            assert drj[6].startswith(f"{day - 9}日")
            jhp = row_of(page, JHP)
            assert jhp[4] == ("超标，预警" if day == 11 else "达标"), jhp
        assert "督办" in drj[4]
        assert "10日氨氮；11日氨氮；12日氨氮" in drj[6]
        assert text_of(page, "#n-supervise") == "1" and text_of(page, "#n-warning") == "0"
        assert "上馆镇、峨口镇、县住建局、市生态环境局代县分局" in text_of(page, "#letters")
        assert f"实时数据｜{files['bad_cell']}" in text_of(page, "#result")
        assert "已连续3日超标" in text_of(page, "#daily")
        page.evaluate("window.scrollTo(0, 0)")
        shot(page, "网页_水质研判")

        # the same morning run again: the same 文号, nothing used up
        page.fill("input[name=report_date]", "2021-08-12")
        page.click("#run-button")
        assert letters_on_page(page) == expected[12]
        assert page.locator("#runs li").count() == 4
        runs = text_of(page, "#runs")
        assert runs.count("报告日期 2021-08-12") == 2 and "大茹解督办 代水督〔2021〕11号" in runs
        assert "界河铺预警 代水预〔2021〕3号" in runs

        # a report date outside the month is stopped as the CLI stops it
        page.fill("input[name=report_date]", "2021-09-01")
        page.click("#run-button")
        assert "不在报告期 2021-08 内" in text_of(page, ".flash.error")

        # the 督办 previewed (LibreOffice pages) and downloaded; the zip holds the documents and the workbook
        page.locator("#letters a", has_text="预览").first.click()
        page.wait_for_selector(".pages img, .doc-text", timeout=120_000)
        if page.locator(".pages img").count():
            assert page.evaluate("document.querySelector('.pages img').naturalWidth") > 300
            shot(page, "网页_水质督办预览")
        with page.expect_download() as d:
            page.click("text=下载")
        got = tmp_path / "督办.docx"
        d.value.save_as(got)
        text = docx_text(got)
        assert "代水督〔2021〕11号" in text and "连续3日超标" in text and DRJ in text
        page.go_back()
        with page.expect_download() as d:
            page.click("#run-zip")
        z = zipfile.ZipFile(io.BytesIO(Path(d.value.path()).read_bytes()))
        names = z.namelist()
        assert "水质预警/水质督办_大茹解_8月12日.docx" in names and "2021年8月水质研判结果.xlsx" in names
        # (a mid-month 月报 is named by the day its data reach, as on the command line: a later run for an earlier
        # morning never replaces the whole month's)
        assert "水质月报/2021年8月水质月报（截至8月12日）.docx" in names and any(n.startswith("水质日报_") for n in names)
        assert not any(n.startswith(".") or "/预览/" in n for n in names)
        # the register is in the desk's data folder, where the page says
        assert (tmp_path / "data" / "水质" / "水质文号登记").is_dir()
        ctx.close()


def _values(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {ws.title: [[c for c in row] for row in ws.iter_rows(values_only=True)
                       if not (row and isinstance(row[0], str) and row[0].startswith("生成时间"))]
            for ws in wb.worksheets}


NUMBER = re.compile(r"代水[预督]〔\d{4}〕\d+号")


def _poster(c, tok):
    """post(url, **fields): a form sent by the signed-in clerk, the page it leads to."""
    def post(url, **fields):
        r = c.post(url, data={"csrf_token": tok, **fields}, content_type="multipart/form-data", follow_redirects=True)
        assert r.status_code == 200
        return r.get_data(as_text=True)
    return post


def test_the_web_run_is_the_cli_run(files, tmp_path):
    """Same files, period and date: the web's result workbook, JSON and documents are the CLI's (the 文号
    too here, as both registers start the year empty; they are separate registers: the desk's in its data
    folder, the CLI's beside --docs)."""
    data = tmp_path / "data"
    post = _poster(*clerk_client(data, CODE)[1:])

    post("/water/sections", sections=(open(files["sections"], "rb"), files["sections"].name), period="2021-08")
    post("/water/data", files=[(open(files[d], "rb"), files[d].name) for d in (10, 11, 12)], period="2021-08")
    html = post("/water/run", period="2021-08", report_date="2021-08-11")
    assert "已研判" in html
    run = sorted((data / "水质" / "研判" / "2021-08").iterdir())[-1]
    meta = json.loads((run / ".研判.json").read_text(encoding="utf-8"))
    listed = data / "水质" / "断面清单" / meta["sections"]["folder"] / meta["sections"]["file"]
    months = [data / "水质" / "监测数据" / m for m in meta["months"]]

    out = tmp_path / "cli"
    r = CliRunner().invoke(cli, ["water", *map(str, months), "--sections", str(listed), "--period", "2021-08",
                                 "--date", "2021-08-11", "--out", str(out / "结果.xlsx"), "--json",
                                 str(out / "结果.json"), "--docs", str(out / "水质文书")])
    assert r.exit_code == 0, r.output

    assert _values(run / "2021年8月水质研判结果.xlsx") == _values(out / "结果.xlsx")
    web_json = json.loads((run / "2021年8月水质研判结果.json").read_text(encoding="utf-8"))
    assert web_json == json.loads((out / "结果.json").read_text(encoding="utf-8"))
    web_docs = sorted(p.relative_to(run).as_posix() for p in run.rglob("*.docx"))
    cli_docs = sorted(p.relative_to(out / "水质文书").as_posix() for p in (out / "水质文书").rglob("*.docx"))
    assert web_docs == cli_docs and len(web_docs) == 3          # 2 预警 and the 月报
    for rel in web_docs:
        assert NUMBER.sub("〔文号〕", docx_text(run / rel)) == NUMBER.sub("〔文号〕", docx_text(out / "水质文书" / rel))
        assert NUMBER.findall(docx_text(run / rel)) == NUMBER.findall(docx_text(out / "水质文书" / rel))
    daily = [p.name for p in run.glob("水质日报_*.txt")]
    assert daily and (run / daily[0]).read_text(encoding="utf-8") == \
        (out / "水质文书" / daily[0]).read_text(encoding="utf-8")

    # the page shows the JSON's facts, nothing of its own
    today = {s["name"]: s for s in web_json["report_day"]}
    assert today[DRJ]["letter"] == "预警" and today[DRJ]["run_days"] == 2 and today[JHP]["letter"] == "预警"
    assert today[JHP]["exceeding"] == ["总磷0.250mg/L（Ⅳ类，超标0.25倍）"]
    for name, s in today.items():
        row = re.search(rf"<tr class=\"verdict-[a-z]+\">\s*<td>{name}</td>(.*?)</tr>", html, re.S).group(1)
        cells = [re.sub(r"<[^>]+>", "", x).strip() for x in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        assert cells[2] == s["class"] and cells[3].startswith(s["verdict"])
        assert cells[4] == "；".join(s["exceeding"]) and cells[6] == s["month_class"]


def test_a_morning_before_the_days_data_is_not_no_exceedance(files, tmp_path):
    """Trial 18: the 报告日期 box held today's date while each morning's export holds yesterday's readings;
    研判 on 14 July before that day's file said 「当日没有超标断面，不需要预警或督办」 with every section 无数据
    while 大茹解 was in its 4th day over.  The box is left empty (the engine then takes the last day with
    data), and a day with no reading at all is said to be undecidable, with the newest day's news."""
    data = tmp_path / "data"
    post = _poster(*clerk_client(data, CODE)[1:])

    this_month = dt.date.today().strftime("%Y-%m")
    html = post("/water/sections", sections=(open(files["sections"], "rb"), files["sections"].name), period=this_month)
    box = re.search(r'<input type="date" name="report_date" value="([^"]*)"', html).group(1)
    assert box == "", f"the report date box is pre-filled with {box!r}"

    post("/water/data", files=[(open(files[d], "rb"), files[d].name) for d in (10, 11, 12)], period="2021-08")
    html = post("/water/run", period="2021-08", report_date="2021-08-13")       # the 13th's file not in yet
    result = re.search(r'<section class="card" id="result">(.*?)</section>', html, re.S).group(1)
    assert "没有超标断面" not in result
    letters = re.sub(r"<[^>]+>", "", re.search(r'id="letters"[^>]*>(.*?)</p>', result, re.S).group(1))
    assert "2021年8月13日各断面都还没有监测数据，不能判定当日是否超标（本期最新数据为8月12日）" in letters
    assert f"{DRJ}超标，已连续3日（督办）" in letters and "2021-08-12" in letters
    assert 'id="n-over">—<' in result
