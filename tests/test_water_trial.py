"""What the session-18 new-user trial of ``zhishui water`` found, on a month made the same way
(tests/water_trial_month.py): the 督办 that must not contradict itself, 文号 that never repeat,
a day with too few readings said as such everywhere, a value below the detection limit that is
not a measured zero, the cell of a date without a year, the letters' wording and layout, the
result workbook's print settings, and the 断面清单 uploaded to the web page as a 责任清单."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections import defaultdict

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

import water_oracle
import water_trial_month as wm
from conftest import office_convert
from test_water_month import docx_text
from test_water_standard import notes_table
from zhishui.cli import cli

DRJ, JHP, YK, NYQ = wm.DRJ, wm.JHP, wm.YK, wm.NYQ


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    root = tmp_path_factory.mktemp("water_trial")
    sections, data = wm.make_month(root)
    return {"root": root, "sections": sections, "data": data, "readings": list(wm.READINGS)}


def run(month, date, tag=None, docs=True):
    root = month["root"]
    tag = tag or date
    out, js, folder = root / f"结果_{tag}.xlsx", root / f"结果_{tag}.json", root / f"文书_{tag}"
    args = ["water", str(month["data"]), "--sections", str(month["sections"]), "--period", "2021-08",
            "--date", date, "--out", str(out), "--json", str(js)] + (["--docs", str(folder)] if docs else [])
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    return {"json": json.loads(js.read_text(encoding="utf-8")), "out": out, "docs": folder, "output": r.output}


def letters(res) -> dict[str, str]:
    """{section: the text of its 预警/督办 letter} of one run."""
    return {p.stem.split("_")[1]: docx_text(p) for p in sorted((res["docs"] / "水质预警").glob("*.docx"))}


def doc_number(text: str) -> str:
    return re.search(r"代水[督预]〔2021〕\d+号", text).group(0)


# --- the oracle's daily means (README rules, no zhishui code) -----------------------------

def daily_means(readings, section):
    per = defaultdict(list)
    for r in readings:
        if r.section == section and r.valid and r.param in water_oracle.PLACES:
            per[(r.param, r.time.date())].append(water_oracle.number(r.raw, r.unit))
    return {k: water_oracle.rnd(sum(v) / len(v), water_oracle.PLACES[k[0]]) for k, v in per.items() if len(v) >= 4}


# --- 1. the 督办 says which indicator exceeded on each day of the run -----------------------

def test_the_supervision_lists_each_day_of_the_run_with_its_indicator(month):
    res = run(month, "2021-08-12")
    table = notes_table()
    means = daily_means(month["readings"], DRJ)
    want = []
    for day in (10, 11, 12):
        d = dt.date(2021, 8, day)
        for k in water_oracle.ORDER:
            v = means.get((k, d))
            if v is None or k not in ("ph", "do", "codmn", "nh3n", "tp"):
                continue
            direction, river, _ = table[k]
            if water_oracle.klass(table, k, v, False) > 3:
                lim = river[2]
                want.append([f"8月{day}日", water_oracle.CN[k], f"{v:.{water_oracle.PLACES[k]}f}mg/L", f"≤{lim:g}mg/L",
                             f"{water_oracle.ROMAN[water_oracle.klass(table, k, v, False)]}类",
                             f"{water_oracle.rnd((v - lim) / lim, 2):.2f}"])
    assert [w[1] for w in want] == ["总磷", "氨氮", "高锰酸盐指数"]          # the trial's hand check
    path = next((res["docs"] / "水质预警").glob(f"水质督办_{DRJ}_*.docx"))
    doc = Document(path)
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[0] == ["日期", "超标指标", "日均值或监测值", "目标类别限值", "当日类别", "超标倍数"]
    assert rows[1:] == want
    text = docx_text(path)
    flat = text.replace("\n", "")
    assert "自2021年8月10日起已连续3日超标" in flat
    # each indicator's own days, said plainly next to the section's run (no 「1日」 that reads as the run)
    assert "总磷超标1日（8月10日）" in flat and "氨氮超标1日（8月11日）" in flat and "高锰酸盐指数超标1日（8月12日）" in flat
    assert "连续超标天数" not in flat
    # the last 7 days show every indicator that exceeded in the run, not only today's
    recent = next(p for p in text.split("\n") if p.startswith("近7日"))
    assert "10日0.240" in recent and "11日1.250" in recent and "12日7.3" in recent
    # a paragraph of figures is set flush left (justified, LibreOffice spread 「0.450 、 9 日 0.450 、」 over its lines);
    # the letter's other body paragraphs stay justified
    from docx.oxml.ns import qn
    jc = {p.text[:3]: (p._p.pPr.find(qn("w:jc")).get(qn("w:val")) if p._p.pPr is not None and
                       p._p.pPr.find(qn("w:jc")) is not None else "style") for p in doc.paragraphs}
    assert jc["近7日"] == "left" and jc["根据《"] == "style", jc
    # the command line says the run's days by indicator too (it said only the day's own indicator)
    line = next(x for x in res["output"].splitlines() if x.strip().startswith(f"{DRJ}："))
    assert "已连续3日（10日总磷；11日氨氮；12日高锰酸盐指数）（督办）" in line, line


def test_a_warning_on_the_second_day_shows_both_days(month):
    res = run(month, "2021-08-11")
    path = next((res["docs"] / "水质预警").glob(f"水质预警_{DRJ}_*.docx"))
    rows = [[c.text for c in row.cells] for row in Document(path).tables[0].rows]
    assert [r[:2] for r in rows[1:]] == [["8月10日", "总磷"], ["8月11日", "氨氮"]]
    assert "已连续2日超标" in docx_text(path).replace("\n", "")


# --- 2. 文号 never repeat, and a re-run keeps them ---------------------------------------------

def test_document_numbers_continue_across_mornings_and_a_rerun_keeps_them(month):
    n12 = doc_number(letters(run(month, "2021-08-12", tag="n12"))[DRJ])
    n13 = doc_number(letters(run(month, "2021-08-13", tag="n13"))[DRJ])
    again = doc_number(letters(run(month, "2021-08-12", tag="n12b"))[DRJ])
    assert (n12, n13, again) == ("代水督〔2021〕11号", "代水督〔2021〕12号", "代水督〔2021〕11号")
    warned = []
    for date in ("2021-08-05", "2021-08-10", "2021-08-11", "2021-08-16"):
        warned += [doc_number(t) for t in letters(run(month, date, tag="n" + date)).values()]
    assert len(warned) == len(set(warned)) == 5          # 峪口 5th, 大茹解 10th 11th, 界河铺 and 聂营桥 16th
    assert all(n.startswith("代水预〔2021〕") for n in warned)
    assert doc_number(letters(run(month, "2021-08-10", tag="n10b"))[DRJ]) == warned[1]


# --- 3. too few readings is said as such ------------------------------------------------------

def test_a_day_with_too_few_readings_is_not_called_a_day_without_data(month):
    res = run(month, "2021-08-18")
    out = res["output"]
    assert "界河铺" in out and "数据不足" in out and "3个有效读数" in out
    assert "氨氮" in out and "超过Ⅲ类限值" in out
    daily = next(res["docs"].glob("水质日报_*.txt")).read_text(encoding="utf-8")
    line = next(x for x in daily.splitlines() if "界河铺" in x)
    assert "数据不足（3个有效读数）" in line and "超过Ⅲ类限值" in line
    assert not any("界河铺" in x for x in daily.splitlines() if x.startswith("当日无有效监测数据"))
    report = docx_text(next((res["docs"] / "水质月报").glob("*.docx"))).replace("\n", "")
    assert "界河铺8月18日数据不足（3个有效读数）" in report
    res19 = run(month, "2021-08-19")
    text = letters(res19)[JHP].replace("\n", "")
    assert "18日数据不足（3个）" in text and "18日无数据" not in text


def test_the_morning_facts_say_the_short_day_that_restarted_the_count(month):
    """The JSON's report_day (what the browser desk's 水质 page shows): on the 19th 界河铺 is over target on a
    count of 1 because the 18th had 3 readings, all over the limit — said, not shown as a fresh start."""
    by_name = {s["name"]: s for s in run(month, "2021-08-19", tag="19b", docs=False)["json"]["report_day"]}
    jhp = by_name[JHP]
    assert jhp["verdict"] == "超标" and jhp["letter"] == "预警" and jhp["run_days"] == 1
    assert jhp["run_restarted"] == ("8月18日数据不足（3个有效读数），氨氮3个读数均超过Ⅲ类限值（1.300～1.500mg/L）"
                                    "（此前8月16日至17日已连续2日超标）")
    assert jhp["recipients"] == ["阳明堡镇", "县农业农村局", "县水利局"]
    assert by_name[DRJ]["letter"] is None and by_name[DRJ]["run_restarted"] == ""
    day18 = {s["name"]: s for s in run(month, "2021-08-18", tag="18b", docs=False)["json"]["report_day"]}
    assert day18[JHP]["verdict"] == "数据不足" and day18[JHP]["short"].startswith("数据不足（3个有效读数）")


# --- 4. below the detection limit is not zero ------------------------------------------------

def test_a_value_below_the_detection_limit_is_not_shown_as_zero(month):
    res = run(month, "2021-08-31", docs=False)
    oil = water_oracle.number("0.01L", "mg/L")                  # ½ DL
    sec = {s["name"]: s for s in res["json"]["sections"]}
    assert sec[NYQ]["monthly_mean"]["石油类"] == oil == 0.005
    wb = openpyxl.load_workbook(res["out"])
    ws = wb["月评价"]
    head = [c.value for c in ws[1]]
    col = head.index("石油类(mg/L)")
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == NYQ)
    assert row[col].value == oil and row[col].number_format == '"<0.01"'
    ws = wb["日均值"]
    head = [c.value for c in ws[1]]
    col = head.index("石油类(mg/L)")
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == NYQ and r[1].value.day == 16)
    assert row[col].value == oil and row[col].number_format == '"<0.01"'


# --- 6, 10. problems point at the right cells, and say what they are ---------------------------

def test_problems_name_their_cells(month):
    res = run(month, "2021-08-31", tag="f", docs=False)
    f = res["json"]["findings"]
    no_year = next(x for x in f if x["code"] == "NO_YEAR")
    assert no_year["cell"] == f"A{wm.YK_ROWS_BEFORE_DATA + wm.TEXT_DATE_DAY}" and no_year["sheet"] == "峪口断面8月"
    dup = next(x for x in f if x["code"] == "DUPLICATE")
    assert dup["message"].count("国家地表水水质自动监测实时数据_202108.xlsx") <= 1
    typo = next(x for x in f if x["code"] == "OUT_OF_PERIOD" and x["sheet"] == "8月手工监测化验结果")
    assert typo["cell"] == "C27:C28"
    assert "年份" in typo["message"] + typo["suggestion"] and "本期用不到" not in typo["suggestion"]


# --- 7. wording of the letters ----------------------------------------------------------------

def test_letters_say_what_was_measured(month):
    res = run(month, "2021-08-16", tag="w16")
    text = letters(res)[NYQ].replace("\n", "")
    assert "化学需氧量监测值34.0mg/L" in text and "日均值化学需氧量" not in text
    assert "实验室采样分析" in text
    text = letters(run(month, "2021-08-05", tag="w05"))[YK].replace("\n", "")
    assert "监测监测" not in text and "经手工监测，" in text


# --- 8. the result workbook prints -------------------------------------------------------------

def test_result_workbook_prints_landscape_fit_to_width(month):
    res = run(month, "2021-08-31", tag="p", docs=False)
    wb = openpyxl.load_workbook(res["out"])
    for ws in wb.worksheets:
        ps = ws.page_setup
        # one page wide only while the text stays at 7 pt or more (fileutil.print_readably; trial 17), else
        # column groups side by side with the first columns repeated
        assert (ps.orientation, str(ps.paperSize), ps.fitToHeight) == ("landscape", "9", 0), ws.title
        assert ps.fitToWidth == 1 or ws.print_title_cols, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        if ws.title != "概况":
            assert ws.print_title_rows == "$1:$1", ws.title


# --- 9. the 版记 stays with the text -----------------------------------------------------------

def test_the_cc_stays_on_the_page_of_the_signature(month, tmp_path):
    res = run(month, "2021-08-12", tag="l12")
    path = next((res["docs"] / "水质预警").glob("*.docx"))
    pdf = office_convert(path, "pdf", tmp_path)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    pages = ["".join(p.split()) for p in pages if p.strip()]
    last = pages[-1]
    assert "抄送" in last and "2021年8月12日" in last and "联系人" in last


# --- 5. the 断面清单 uploaded on the web page as a 责任清单 ------------------------------------

def test_the_web_page_names_a_sections_list_and_where_water_quality_is_judged(month, tmp_path):
    from web_helpers import clerk_client
    _, c, tok = clerk_client(tmp_path / "d")
    with open(month["sections"], "rb") as f:
        r = c.post("/list", data={"csrf_token": tok, "list": (f, month["sections"].name)},
                   content_type="multipart/form-data", follow_redirects=True)
    html = r.get_data(as_text=True)
    assert 'class="flash error"' in html
    flash = re.search(r'class="flash error"[^>]*>(.*?)<', html, re.S).group(1)
    assert "断面清单" in flash and "「水质」页" in flash and "预警、督办" in flash
    assert "--sheet" not in html


def test_a_run_cut_by_a_day_of_maintenance_says_so(tmp_path, monkeypatch):
    """Trial 24: a station in maintenance for whole days cut a section's run; the 督办 that followed said only 「自6月18日
    起已连续3日超标」, nothing of the dark days nor of the exceeding days before them (a day of too few readings was
    said).  Here 界河铺's 17 and 18 August are all 维护 between two runs: the letter, the JSON and the desk's note say it."""
    monkeypatch.setattr(wm, "MAINTENANCE", {(wm.JHP, 17): set(range(6)), (wm.JHP, 18): set(range(6))})
    monkeypatch.setattr(wm, "READINGS", [])
    sections, data = wm.make_month(tmp_path)
    res = run({"root": tmp_path, "sections": sections, "data": data}, "2021-08-20")
    jhp = next(s for s in res["json"]["report_day"] if s["name"] == wm.JHP)
    said = "8月17日至18日没有监测数据（自动站维护）（此前8月16日超标）"
    assert jhp["run_days"] == 2 and jhp["run_restarted"] == said, jhp
    [letter] = [t for n, t in letters(res).items() if wm.JHP in n]
    assert said + "，按规定不算超标日，连续超标天数自8月19日重新计。" in letter.replace("\u200b", ""), letter
