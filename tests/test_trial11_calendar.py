"""Working-day deadlines and the holiday table (session 19's new-user trial).

The trial's 催报期限 for September 2026 (report date 2026-09-30) was 「10月2日」, inside the National Day holiday:
the table stopped at 2025, and no command said the year was counted by weekends alone (the text was made in
generators/contexts.py and never shown).  Now 2026 is in the table (国务院办公厅 notice of 2025-11-04), and for a
year it lacks (2027 today; 2014 in the trial) the month says it once — the command line's collect and docs, the
汇总's 「概况」, the JSON, the web page and the add-in's 控制台 — and never in a letter the units receive.
The list is the trial's 南湖 list written as Excel keeps it (trial11_nanhu.py); the month is run on an empty
folder after the returns' deadline, so every unit is chased and the 催报期限 is counted in working days.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from trial11_nanhu import write_list
from zhishui.cli import cli

WARN = "注意：软件内置的法定节假日安排只有"


def run(*args, code=0) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r.output


def collect(tmp_path: Path, period: str, date: str, **kw) -> tuple[str, dict, Path]:
    lst = write_list(tmp_path / "南湖责任清单.xlsx", **kw)
    (tmp_path / "收回").mkdir(exist_ok=True)
    out = tmp_path / "汇总.xlsx"
    text = run("collect", lst, tmp_path / "收回", "--period", period, "--date", date, "--allow-empty",
               "--out", out, "--json", tmp_path / "汇总.json")
    return text, json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8")), out


def overview(path: Path) -> str:
    ws = openpyxl.load_workbook(path)["概况"]
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


def test_2026_is_in_the_table_and_national_day_moves_the_chase_past_it(tmp_path):
    text, js, out = collect(tmp_path, "2026-09", "2026-09-30")
    # 9/30 (Wed) + 2 working days: 10/1-10/7 off (国庆节), 10/8 (Thu), 10/9 (Fri)
    assert "催报期限：10月9日" in text and js["chase_due"] == "2026-10-09"
    # the 督办's 5 working days: 10/8, 10/9, 10/10 (Sat, 调休上班), 10/12, 10/13
    assert js["reply_due"] == "2026-10-13"
    assert WARN not in text and js["calendar_note"] == "" and WARN not in overview(out)


@pytest.mark.parametrize("period, date, year, chase", [
    ("2027-09", "2027-09-30", 2027, "2027-10-04"),      # the 2027 notice is not out: weekends only
    ("2014-01", "2014-01-31", 2014, "2014-02-04"),      # the trial's own month (2014 春节 was 1/31-2/6)
])
def test_a_year_the_table_lacks_is_said_once_everywhere_the_clerk_looks(tmp_path, period, date, year, chase):
    text, js, out = collect(tmp_path, period, date)
    assert js["chase_due"] == chase
    [line] = [x for x in text.splitlines() if x.startswith(WARN)]
    assert text.count(WARN) == 1
    d = dt.date.fromisoformat(chase)
    for words in (f"没有{year}年的", f"催报期限（{d.year}年{d.month}月{d.day}日）", "督办通知的反馈期限",
                  "按周六、周日休息推算", "「设置」工作表", "「节假日」「调休上班日」", f"如「{year}年10月1日、"):
        assert words in line, words
    assert js["calendar_note"] == line and line in overview(out)
    # docs says it too, once; the letters the units receive do not carry it
    docs = tmp_path / "文书"
    said = run("docs", tmp_path / "南湖责任清单.xlsx", tmp_path / "收回", "--period", period, "--date", date,
               "--allow-empty", "--no-history", "--out", docs)
    assert said.count(WARN) == 1
    letters = list(docs.rglob("*.docx"))
    assert letters
    for p in letters:
        body = "\n".join(par.text for par in Document(p).paragraphs)
        assert "法定节假日" not in body and "周六、周日" not in body, p.name


def test_the_years_dates_in_the_settings_sheet_are_used_and_silence_the_note(tmp_path):
    # README 「设置」: 节假日 / 调休上班日, every date written out; 2027's National Day as a clerk would type it
    off = "、".join(f"2027年10月{d}日" for d in range(1, 8))
    text, js, _ = collect(tmp_path, "2027-09", "2027-09-30", settings=[("节假日", off), ("调休上班日", "2027年9月26日")])
    # 9/30 (Thu) + 2: 10/1-10/7 off, 10/8 (Fri), 10/11 (Mon)
    assert js["chase_due"] == "2027-10-11" and "催报期限：10月11日" in text
    assert WARN not in text and js["calendar_note"] == ""


def test_before_the_deadline_nothing_is_counted_and_nothing_is_said(tmp_path):
    # a reminder on the 20th keeps the returns' deadline (the 25th): no working day was counted for it
    text, js, _ = collect(tmp_path, "2027-09", "2027-09-20")
    assert js["chase_due"] == "2027-09-25"
    # the 督办's 反馈期限 is still counted from the report date, and said
    assert (WARN in text) == bool(js["pressed"]) and "催报期限（" not in text


# --- the web page and the add-in ----------------------------------------------------------------------

def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_web_page_and_its_documents_say_it(tmp_path):
    from web_helpers import clerk_client
    lst = write_list(tmp_path / "南湖责任清单.xlsx")
    app, c, tok = clerk_client(tmp_path / "data")
    r = c.post("/list", data={"csrf_token": tok, "list": (lst.open("rb"), lst.name)}, content_type="multipart/form-data")
    assert r.status_code == 302
    for period, year in (("2027-09", 2027), ("2026-09", None)):
        r = c.post("/periods/new", data={"csrf_token": tok, "period": period, "due": f"{period}-25"})
        assert r.status_code == 302, r.get_data(as_text=True)
        c.post(f"/p/{period}/settings", data={"csrf_token": tok, "report_date": f"{period}-30"})
        page = c.get(f"/p/{period}").get_data(as_text=True)
        r = c.post(f"/p/{period}/docs", data={"csrf_token": tok, "report_date": f"{period}-30"}, follow_redirects=True)
        flashed = r.get_data(as_text=True)
        if year:
            assert 'id="calendar-note"' in page and f"没有{year}年的" in page
            assert f"没有{year}年的" in flashed and "「节假日」「调休上班日」" in flashed
        else:
            assert 'id="calendar-note"' not in page and WARN not in flashed


def test_addin_control_sheet_says_it(tmp_path):
    from returns_factory import fill_return
    from zhishui.addin.macros import run as run_addin
    from zhishui.addin.remote import Replay, remote_book
    from zhishui.master import RESULT_ROW
    lst = write_list(tmp_path / "南湖责任清单.xlsx")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "workbook_templates"))
    import build_master
    master = tmp_path / "南湖督办台账.xlsx"
    build_master.main(["--from-list", str(lst), "--out", str(master), "--period", "2027-09",
                       "--report-date", "2027-09-30"])
    received = tmp_path / "收回"
    received.mkdir()

    def click(action):
        cells = {("控制台", "B4"): action, ("控制台", "B5"): "2027-09", ("控制台", "B6"): "2027-09-30",
                 ("控制台", "B8"): str(received), ("控制台", "B9"): str(tmp_path / "输出")}
        book, payload = remote_book(master, cells)
        run_addin(book, today=dt.date(2027, 9, 30))
        return Replay(payload, book.json()["actions"])
    click("生成报送表")
    src = next((tmp_path / "输出").rglob("*_市规划局_*.xlsx"))
    fill_return(src, received / src.name, "市规划局", report_date=dt.date(2027, 9, 20),
                mtime=dt.datetime(2027, 9, 20, 10))
    x = click("汇总报送")
    note = x.cell("控制台", f"B{RESULT_ROW['note']}") or ""
    assert note.count(WARN) == 1 and "没有2027年的" in note and "催报期限（2027年10月4日）" in note


def test_water_letters_say_it_too(tmp_path):
    """The water command's 预警/督办 ask for a reply in working days as well: September 2027 at one automatic
    station (the export's columns, 4-hourly), 氨氮 over Ⅲ类 on the 28th-30th (a 督办 on the 30th)."""
    import water_factory as wf
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实时数据"
    ws.append(["国家地表水水质自动监测实时数据发布系统 数据导出"])
    ws.append([])
    ws.append(["省份", "流域", "断面名称", "监测时间", "水质类别"] + [h for _, h in wf.AUTO_COLUMNS] + ["站点情况"])
    for day in range(1, 31):
        for hour in range(0, 24, 4):
            v = {**wf.AUTO_BASE, "temp": 20.0, "cond": 420.0, "turb": 18.0, "chla": "--", "algae": "--", "tn": 1.9}
            if day >= 28:
                v["nh3n"] = 1.30
            ws.append(["山西省", "海河流域", wf.A, f"2027-09-{day:02d} {hour:02d}:00", "Ⅲ"]
                      + [v[k] for k, _ in wf.AUTO_COLUMNS] + ["正常"])
    data = tmp_path / "监测数据"
    data.mkdir()
    wb.save(data / "自动监测数据_2027年9月.xlsx")
    sections = wf.write_sections(tmp_path, sections=[wf.SECTIONS[0]])
    said = run("water", data, "--sections", sections, "--period", "2027-09", "--date", "2027-09-30",
               "--out", tmp_path / "结果.xlsx", "--docs", tmp_path / "文书")
    assert said.count(WARN) == 1 and "水质督办通知的反馈期限（2027年10月7日）" in said, said
    [letter] = list((tmp_path / "文书").rglob("水质督办_*.docx"))
    assert "周六、周日" not in "\n".join(p.text for p in Document(letter).paragraphs)
