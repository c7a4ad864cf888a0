"""What the session-22 new-user trial of ``zhishui water`` (trial 17: April–August 2026, five sections,
run every morning) found misleading, on data made the same way (tests/water_trial17_month.py)."""
from __future__ import annotations

import re

import datetime as dt
import json

import pytest
from click.testing import CliRunner

import water_trial17_month as wm
from test_water_month import docx_text
from zhishui.cli import cli

D = dt.date


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("water_trial17")
    return {"root": root, "sections": wm.write_sections(root / "云溪县断面清单.xlsx"),
            "bare": wm.write_sections(root / "云溪县断面清单_未填其他名称.xlsx", alias=False)}


def run(county, last: dt.date, date: dt.date, tag: str, docs: str = "水质文书", sections: str = "sections"):
    """``zhishui water`` on the data folder as it stood after ``last``, for the report date ``date``."""
    root = county["root"]
    data = root / f"数据_{last.isoformat()}"
    if not data.exists():
        wm.make_data(data, last)
    out, js = root / f"结果_{tag}.xlsx", root / f"结果_{tag}.json"
    args = ["water", str(data), "--sections", str(county[sections]), "--period", f"{date:%Y-%m}",
            "--date", date.isoformat(), "--out", str(out), "--json", str(js), "--docs", str(root / docs)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    return {"json": json.loads(js.read_text(encoding="utf-8")), "out": out, "docs": root / docs, "output": r.output}


# --- 1. a morning run before the day's data came in ----------------------------------------------

def test_a_report_date_without_any_data_is_not_called_a_day_without_exceedances(county):
    res = run(county, D(2026, 6, 15), D(2026, 6, 16), "0616", docs="文书_早上")
    out = res["output"]
    assert "没有超标断面" not in out and "不需要预警" not in out
    assert "2026年6月16日各断面都还没有监测数据，不能判定当日是否超标（本期最新数据为6月15日）" in out
    assert f"6月15日：{wm.SH}超标，已连续" in out and "（督办）" in out      # what the newest day showed
    assert not list(res["docs"].glob("水质日报_*.txt"))             # nothing to publish for the 16th
    assert not (res["docs"] / "水质预警").exists()
    summary = [c.value for c in __import__("openpyxl").load_workbook(res["out"])["概况"]["A"]]
    assert any(v and "各断面都还没有监测数据" in v for v in summary)


# --- 2. the 月报 counts days over target and, apart, the letters actually sent ---------------------

@pytest.fixture(scope="module")
def may(county):
    """Four mornings of May (14–16 and the month's end), each with its letters, one register."""
    runs = {d: run(county, D(2026, 5, d), D(2026, 5, d), f"05{d}", docs="五月/水质文书") for d in (14, 15, 16, 31)}
    return runs


def test_the_month_report_says_letters_sent_apart_from_days_over_target(may):
    docs = may[31]["docs"]
    letters = sorted(p.name for p in (docs / "水质预警").glob("*.docx"))
    warnings = [n for n in letters if n.startswith("水质预警_")]
    supervisions = [n for n in letters if n.startswith("水质督办_")]
    # 桥头 over on 14-18 May: 预警 on the 14th and 15th, 督办 on the 16th; 沙河汇入口 督办 each morning
    assert (len(warnings), len(supervisions)) == (2, 5)
    text = docx_text(docs / "水质月报" / "2026年5月水质月报.docx")
    js = may[31]["json"]
    over = sum(len(s["exceeding_days"]) for s in js["sections"])
    assert f"本月日均值超标共{over}个断面·日" in text
    assert "按文号登记，本月印发水质预警2份（云水预〔2026〕1～2号）、督办通知5份（云水督〔2026〕1～5号）" in text
    assert "发出水质预警" not in text
    assert f"日均值超标 {over} 个断面·日" in may[31]["output"]          # the workbook's and terminal's count agree



# --- 3. a section written under another name in the data -----------------------------------------

def test_a_section_named_otherwise_in_the_data_is_said_where_it_shows_no_data(county):
    res = run(county, D(2026, 4, 11), D(2026, 4, 11), "0411_bare", docs="四月/水质文书", sections="bare")
    said = ("监测数据中的断面「桥头」不在断面清单中（自动站实时数据导出_202604.xlsx，66行未参与判定），可能就是「清溪河桥头」："
            "请把「桥头」填到该断面的「数据中的其他名称」后重新运行。")
    assert said in res["output"]
    daily = (res["docs"] / "水质日报_2026年4月11日.txt").read_text(encoding="utf-8")
    assert f"当日无有效监测数据：{wm.QT}（监测数据中写作「桥头」的66行不在该断面的「数据中的其他名称」中，未参与判定）" in daily
    text = docx_text(res["docs"] / "水质月报" / "2026年4月水质月报（截至4月11日）.docx")
    # the 月报 goes to the leaders: it counts the 国考 section and says it has no data this month; what the clerk is to
    # fix is the terminal's, the 日报's and the workbook's (trial 24: 「其中国考断面2个」 of 3, and 「请补填后重新运行」 in it)
    assert re.search(rf"其中国考断面\d个（{wm.QT}本月没有监测数据），达标\d个。", text), text
    assert "重新运行" not in text and "数据中的其他名称" not in text
    found = [f for f in res["json"]["findings"] if f["code"] == "UNKNOWN_SECTION"]
    assert found and "是否为「清溪河桥头」" in found[0]["suggestion"]


# --- 4. re-running a past morning does not replace the month's 月报 -------------------------------

def test_rerunning_a_past_morning_leaves_the_month_end_report_alone(county, may):
    folder = may[31]["docs"] / "水质月报"
    whole = folder / "2026年5月水质月报.docx"
    before = whole.read_bytes()
    assert "截至" not in docx_text(whole).splitlines()[0]
    again = run(county, D(2026, 5, 16), D(2026, 5, 16), "0516_again", docs="五月/水质文书")
    assert whole.read_bytes() == before
    partial = folder / "2026年5月水质月报（截至5月16日）.docx"
    assert str(partial) in again["output"] and "整月的「2026年5月水质月报.docx」没有改动" in again["output"]
    text = docx_text(partial)
    assert "现将2026年5月（截至5月16日）各断面水质情况通报如下" in text and "2026年5月（截至16日）" in text
    assert (folder / "2026年5月水质月报（截至5月14日）.docx").exists()        # each morning's 月报 keeps its own


# --- 5. a day without a sample that restarted a run ----------------------------------------------

def test_a_day_not_sampled_explains_the_restart_and_keeps_the_towns_remark(may):
    import openpyxl
    from test_water_month import docx_text as text_of
    letter = text_of(next((may[14]["docs"] / "水质预警").glob(f"水质督办_{wm.SH}_5月14日.docx")))
    assert "已连续4日超标" in letter
    # (and the run the missing day cut, as session 25 says it: 「（此前5月8日至9日已连续2日超标）」)
    said = re.search(rf"5月10日没有监测数据（{re.escape(wm.NOT_SAMPLED_NOTE)}）（此前5月\d+日(?:至\d+日已连续\d日)?超标），"
                     r"按规定不算超标日，连续超标天数自5月11日重新计。", letter.replace("\u200b", ""))
    assert said, letter
    assert f"10日无数据（{wm.NOT_SAMPLED_NOTE}）" in letter.replace("\u200b", "")        # the seven days' line
    # a hand sheet's one value a day is a 监测值 all through the letter (trial 24: 「日均值连续3日超标」 beside 「监测值」)
    assert "任一参评指标监测值超标即为超标日" in letter and "出现了监测值连续3日超标的情况" in letter
    assert "日均值" not in letter.replace("日均值」表", ""), letter
    ws = openpyxl.load_workbook(may[14]["out"], read_only=True)["日均值"]
    head = None
    for row in ws.iter_rows(values_only=True):
        head = head or list(row)
        if row[0] == wm.SH and row[1] is not None and row[1].date() == wm.NOT_SAMPLED:
            got = dict(zip(head, row))
            break
    assert got["数据"] == "无数据"
    assert got["来源（第一个和最后一个读数）"] == f"{wm.NOT_SAMPLED_NOTE}（沙河镇水质日报5月.xlsx｜沙河入口5月｜H13）"


# --- 9. the town's signature line is not a reading -----------------------------------------------

def test_the_signature_line_of_a_hand_typed_report_is_not_an_error(may):
    found = may[31]["json"]["findings"]
    assert not [f for f in found if f["code"] == "BAD_TIME"], [f["message"] for f in found if f["code"] == "BAD_TIME"]
    footer = [f for f in found if f["code"] == "FOOTER"]
    assert len(footer) == 1 and f"「{wm.SIGNATURE[0]} {wm.SIGNATURE[1]}」是表尾的填报、审核签名行" in footer[0]["message"]
    assert footer[0]["severity"] == "提示"


# --- 6. a 国考 station down for a week ------------------------------------------------------------

def test_a_station_down_for_a_week_is_said_in_the_daily_and_the_month_report(county):
    day10 = run(county, D(2026, 6, 10), D(2026, 6, 10), "0610", docs="六月/水质文书")
    daily = (day10["docs"] / "水质日报_2026年6月10日.txt").read_text(encoding="utf-8")
    assert f"1. {wm.QT}断面（清溪河，国考断面，水质目标Ⅲ类）：当日没有有效监测数据（自动站设备维护），自6月8日起已连续3日。" in daily
    assert f"当日无有效监测数据：{wm.LT}、{wm.YT}。" in daily     # a weekly-sampled lake is not news
    end = run(county, D(2026, 6, 30), D(2026, 6, 30), "0630", docs="六月/水质文书")
    said = f"国考断面{wm.QT}6月8日至14日没有有效监测数据（自动站设备维护），本月有效天数23天。"
    assert said in end["output"]
    text = docx_text(end["docs"] / "水质月报" / "2026年6月水质月报.docx").replace("\u200b", "")
    assert said in text and f"{wm.LT}6月" not in text


# --- 7. the 月报's 署名 is never alone on its page --------------------------------------------------

def test_the_month_reports_signature_keeps_the_last_paragraph_on_its_page(county, tmp_path):
    """The 月报 of a month-end, with 0 to 26 rows in its alert table: wherever the table ends, the page with
    the 署名 and 日期 also carries body text (GB/T 9704 7.3.5; trial 17's June and July 月报 had them alone)."""
    import copy
    import os
    import shutil
    import subprocess
    import tempfile

    from conftest import soffice
    from zhishui.generators.water_documents import WaterRenderer, report_context
    from zhishui.water import run as judge
    from zhishui.water.sections import read_sections
    data = county["root"] / "数据_2026-06-30"
    if not data.exists():
        wm.make_data(data, D(2026, 6, 30))
    secs = read_sections(county["sections"])
    res = judge([data], secs, D(2026, 6, 1), D(2026, 6, 30))
    ctx = report_context(res, tmp_path / "charts", secs.settings)
    assert ctx["water"]["alerts"] and ctx["water"]["next_text"]
    row = ctx["water"]["alerts"][0]
    docs = []
    for n in range(27):
        c = copy.copy(ctx)
        c["water"] = {**ctx["water"], "alerts": [dict(row) for _ in range(n + 1)]}
        docs.append(WaterRenderer("report").render(c, tmp_path / f"月报_{n:02d}.docx"))
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(tmp_path)] + [str(p) for p in docs],
                       capture_output=True, timeout=600, env={**os.environ, "HOME": profile}, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    alone = []
    for p in docs:
        text = subprocess.run(["pdftotext", str(p.with_suffix(".pdf")), "-"], capture_output=True, text=True).stdout
        last = [x for x in text.split("\f") if x.strip()][-1]
        rest = "".join(last.split())
        for said in (wm.SETTINGS[0][1], "2026年6月30日"):
            rest = rest.replace(said, "")
        if not rest.strip("—0123456789"):
            alone.append(p.name)
    assert not alone, alone


# --- 8. the result workbook prints readably ----------------------------------------------------------

def test_the_result_workbook_prints_its_wide_tables_at_7pt_or_more(county, tmp_path):
    """The 月评价 and 日均值 of a month-end (20 and 14 columns here, 26 in the trial) printed by LibreOffice: every
    page starts with the header row and the section's name, and the text prints at 7 pt or more (fitted to one page
    wide it was 3–4 pt)."""
    import openpyxl

    from test_trial11_print import band, printed
    res = run(county, D(2026, 6, 30), D(2026, 6, 30), "0630_print", docs="六月_打印/水质文书")
    wb = openpyxl.load_workbook(res["out"])
    assert wb["月评价"].max_column >= 19 and wb["日均值"].max_column >= 13
    assert wb["月评价"].print_title_cols == "$A:$B" and wb["日均值"].print_title_cols == "$A:$B"
    pages, full = printed(res["out"], tmp_path / "pdf")
    seen = {"月评价": 0, "日均值": 0}
    for i, page in enumerate(pages, 1):
        if not page:
            continue
        head = "".join(w.text for w in band(page))
        # (the band holds the header row and the first row's cells beside it: 序号1断面名称清溪河桥头…)
        sheet = ("月评价" if head.startswith("序号") and "断面名称" in head[:20] else
                 "日均值" if head.startswith("断面名称") and "日期" in head[:20] else None)
        if sheet is None:
            continue
        seen[sheet] += 1
        size = 11 * band(page)[0].height / full          # openpyxl's Calibri 11
        assert size >= 6.8, f"page {i} ({sheet}) prints at {size:.1f} pt"
    assert seen["月评价"] >= 2 and seen["日均值"] >= 2, seen      # column groups side by side, not squeezed


# --- 10. the smaller ones -------------------------------------------------------------------------

def test_a_rejected_value_a_lakes_samples_and_the_quarters_class_are_said_as_they_are(county, may):
    import openpyxl
    # a day classed without its rejected 总磷 says so, in the 日报 and in the 日均值 row
    day12 = run(county, D(2026, 5, 12), D(2026, 5, 12), "0512", docs="五月_12日/水质文书")
    daily = (day12["docs"] / "水质日报_2026年5月12日.txt").read_text(encoding="utf-8")
    assert f"{wm.LT}（省考断面，水质目标Ⅱ类）：Ⅱ类，达标。总磷的值单位可疑未采用，类别按其他指标评价。" in daily
    ws = openpyxl.load_workbook(day12["out"], read_only=True)["日均值"]
    rows = ws.iter_rows(values_only=True)
    head = next(rows)
    got = next(dict(zip(head, r)) for r in rows if r[0] == wm.LT and r[1].date() == wm.TP_IN_UG)
    assert got["当日类别"] == "Ⅱ类（不含总磷）" and got["总磷(mg/L)"] == "未采用（单位可疑）"
    # the lake's weekly samples are 监测值 in its chart, and its warning does not ask to prevent a 3-day run
    day19 = run(county, D(2026, 5, 19), D(2026, 5, 19), "0519", docs="五月_19日/水质文书")
    letter = docx_text(day19["docs"] / "水质预警" / f"水质预警_{wm.LT}_5月19日.docx")
    assert "连续3日" not in letter and "加密采样监测" in letter
    report = docx_text(may[31]["docs"] / "水质月报" / "2026年5月水质月报.docx")
    assert f"{wm.LT}断面总磷监测值变化" in report and f"{wm.LT}断面总磷日均值变化" not in report
    # the 月报's table says whose class is 劣Ⅴ类: the quarter's mean
    assert "季度均值劣Ⅴ类" in report
