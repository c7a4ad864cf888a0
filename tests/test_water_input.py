"""Bad monitoring data: each problem reported with its file, sheet and cell, in Chinese, and
nothing dropped - every non-empty value cell is either used or counted under a reason."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from click.testing import CliRunner

from zhishui.cli import cli
from zhishui.water import run
from zhishui.water.sections import read_sections

PERIOD = dt.date(2021, 7, 1)
HEAD = ["断面名称", "监测时间", "pH(无量纲)", "溶解氧(mg/L)", "氨氮(mg/L)", "总磷(mg/L)"]


def sections_file(tmp_path, rows=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "断面"
    ws.append(["断面名称", "所在河流", "断面级别", "水质目标", "责任乡镇", "责任部门", "评价指标"])
    for r in rows or [["阳明堡", "滹沱河", "国考", "Ⅲ类", "阳明堡镇", "县住建局", ""],
                      ["峨口", "峨河", "省考", "Ⅲ类", "峨口镇", "县农业农村局", ""]]:
        ws.append(r)
    p = tmp_path / "断面.xlsx"
    wb.save(p)
    return p


def good_day(name, day, nh3n=0.4):
    return [[name, dt.datetime(2021, 7, day, h), 7.8, 7.0, nh3n, 0.1] for h in range(0, 24, 4)]


@pytest.fixture
def bad_month(tmp_path):
    """Rows are numbered as Excel shows them (header on row 1)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "导出"
    ws.append(HEAD)
    rows = []
    for d in (1, 2, 3):
        rows += good_day("阳明堡", d)
    rows += [
        ["阳明堡", dt.datetime(2021, 7, 4, 0), 7.8, 7.0, "abc", 0.1],            # row 20: E20 not a number
        ["阳明堡", dt.datetime(2021, 7, 4, 4), 7.8, 7.0, 0.4, 45],               # row 21: F21 45 mg/L of TP
        ["阳明堡", dt.datetime(2021, 7, 4, 8), 7.8, -1.0, 0.4, 0.1],             # row 22: D22 negative DO
        ["阳明堡桥", dt.datetime(2021, 7, 4, 12), 7.8, 7.0, 0.4, 0.1],           # row 23: A23 not in the list
        ["阳明堡", dt.datetime(2021, 8, 3, 12), 7.8, 7.0, 0.4, 0.1],             # row 24: B24 after the period
        ["阳明堡", dt.datetime(2012, 7, 4, 16), 7.8, 7.0, 0.4, 0.1],             # row 25: B25 year typed 2012
        ["阳明堡", "2021-13-01 04:00", 7.8, 7.0, 0.4, 0.1],                      # row 26: B26 not a date
        [None, dt.datetime(2021, 7, 4, 20), 7.8, 7.0, 0.4, 0.1],                 # row 27: A27 no section
        ["阳明堡", dt.datetime(2021, 7, 1, 4), 7.8, 7.0, 0.4, 0.1],              # row 28: same as row 3
        ["阳明堡", dt.datetime(2021, 7, 1, 8), 7.8, 7.0, 1.9, 0.1],              # row 29: E29 vs E4 (0.4)
        ["峨口", dt.datetime(2021, 7, 1, 0), 7.8, 7.0, dt.datetime(2021, 1, 2), 0.1],   # row 30: E30 a date
    ]
    for r in rows:
        ws.append(r)
    data = tmp_path / "数据"
    data.mkdir()
    wb.save(data / "站点导出.xlsx")
    wb = openpyxl.Workbook()                                  # μg/L declared, values plainly mg/L
    ws = wb.active
    ws.title = "峨口"
    ws.append(["日期", "氨氮(mg/L)", "总磷(μg/L)", "溶解氧(℃)"])
    ws.append([dt.date(2021, 7, 1), 0.3, 0.05, 7.0])           # C2: 0.05 μg/L
    ws.append([dt.date(2021, 7, 2), 0.3, 50, 7.0])             # C3: 50 μg/L = 0.05 mg/L, fine
    wb.save(data / "峨口日报.xlsx")
    (data / "说明.pdf").write_bytes(b"%PDF-1.4 not a table")
    return sections_file(tmp_path), data


def findings_by_code(res):
    out = {}
    for f in res.findings:
        out.setdefault(f.code, []).append(f)
    return out


def test_each_problem_names_file_sheet_and_cell(bad_month):
    secs, data = bad_month
    res = run([data], read_sections(secs), PERIOD)
    by = findings_by_code(res)

    def one(code, cell, words, sheet="导出", file="站点导出.xlsx"):
        hits = [f for f in by.get(code, []) if f.cell == cell]
        assert hits, (code, cell, [(f.cell, f.message) for f in by.get(code, [])])
        f = hits[0]
        assert f.sheet == sheet and f.file.endswith(file), f
        for w in words:
            assert w in f.message + f.suggestion, (w, f.message)
        return f

    one("NOT_A_NUMBER", "E20", ["氨氮", "「abc」不是数值"])
    one("NOT_A_NUMBER", "E30", ["是日期或时间", "自动改成了日期"])
    one("UNIT_SUSPECT", "F21", ["总磷", "「45」", "μg/L"])
    one("NEGATIVE", "D22", ["溶解氧"])
    one("UNKNOWN_SECTION", "A23", ["阳明堡桥", "是否为「阳明堡」"])
    one("OUT_OF_PERIOD", "B24", ["晚于", "2021-07-31"])
    one("OUT_OF_PERIOD", "B25", ["早于"])
    one("BAD_TIME", "B26", ["2021-13-01 04:00"])
    one("NO_SECTION", "A27", ["没有断面名称"])
    dup = one("DUPLICATE", "C28", ["重复", "只计一次", "C3与C28"])
    conflict = one("DUPLICATE_CONFLICT", "E29", ["E4＝0.4", "E29＝1.9", "较差的1.9"])
    assert dup.severity == "提示" and conflict.severity == "警告"
    one("UNIT_SUSPECT", "C2", ["μg/L", "mg/L"], sheet="峨口", file="峨口日报.xlsx")
    one("UNIT_UNKNOWN", "D1", ["溶解氧", "℃"], sheet="峨口", file="峨口日报.xlsx")
    assert [f.file.endswith("说明.pdf") for f in by["DATA_FILE"]] == [True]
    assert next(f for f in by["OUT_OF_PERIOD"] if f.cell == "B24").severity == "警告"
    assert next(f for f in by["OUT_OF_PERIOD"] if f.cell == "B25").severity == "警告"   # years before: likely a typo


def test_nothing_is_dropped(bad_month):
    secs, data = bad_month
    res = run([data], read_sections(secs), PERIOD)
    sheets = {}
    for name, sheet, cols in (("站点导出.xlsx", "导出", (3, 6)), ("峨口日报.xlsx", "峨口", (2, 4))):
        ws = openpyxl.load_workbook(data / name)[sheet]
        sheets[sheet] = sum(1 for row in ws.iter_rows(min_row=2, min_col=cols[0], max_col=cols[1], values_only=True)
                            for v in row if v not in (None, ""))
    for b in res.readings.blocks:
        assert sum(b.counts.values()) == sheets[b.sheet], (b.sheet, dict(b.counts))
    blk = next(b for b in res.readings.blocks if b.sheet == "导出")
    assert blk.counts["duplicate"] == 4 + 3 + 1      # row 28: four equal; row 29: three equal, and E4 (0.4) loses to E29
    # the conflict is judged on the worse value: 1.9 mg/L on 7月1日 among five 0.4
    a = res.results[0]
    assert a.day(dt.date(2021, 7, 1)).params["nh3n"].value == round((0.4 * 5 + 1.9) / 6, 3)


def test_a_conflicting_duplicate_counts_once_in_the_mean(bad_month):
    secs, data = bad_month
    res = run([data], read_sections(secs), PERIOD)
    d = res.results[0].day(dt.date(2021, 7, 1)).params["nh3n"]
    assert d.n == 6


def test_sections_list_problems(tmp_path):
    p = sections_file(tmp_path, [["甲", "某河", "国考", "", "", "", ""],
                                 ["乙", "某河", "国考", "Ⅱ~Ⅲ", "", "", ""],
                                 ["丙水库", "丙水库", "国考", "Ⅲ类", "", "", "氨氮、总磷、锰"],
                                 ["甲", "某河", "国考", "Ⅲ类", "", "", ""]])
    secs = read_sections(p)
    got = {(f.code, f.cell) for f in secs.findings}
    assert ("SECTION_TARGET", "D2") in got and ("SECTION_TARGET", "D3") in got
    assert ("SECTION_PARAMS", "G4") in got and ("SECTION_DUPLICATE", "A5") in got
    assert ("SECTION_WATER", "A4") in got                       # 水库 without a 水体类型: told, judged as river
    assert [s.name for s in secs.sections] == ["甲", "乙", "丙水库"]
    assert secs.sections[2].params == ("nh3n", "tp")


@pytest.mark.parametrize("args, words", [
    (["--date", "2021-08-01"], "不在报告期"),
    (["--sections", "没有这个文件.xlsx"], "找不到文件"),
])
def test_command_line_errors_are_chinese_messages(bad_month, args, words, tmp_path):
    secs, data = bad_month
    base = ["water", str(data), "--sections", str(secs), "--period", "2021-07", "--out", str(tmp_path / "r.xlsx")]
    if "--sections" in args:
        base = ["water", str(data), "--period", "2021-07", "--out", str(tmp_path / "r.xlsx")]
    r = CliRunner().invoke(cli, base + args)
    assert r.exit_code == 2 and words in r.output and "Traceback" not in r.output


def test_a_sheet_that_is_not_a_sections_list(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["随便", "什么"])
    p = tmp_path / "不是断面.xlsx"
    wb.save(p)
    r = CliRunner().invoke(cli, ["water", str(tmp_path), "--sections", str(p), "--period", "2021-07"])
    assert r.exit_code == 2 and "没有找到断面清单" in r.output


def test_problems_are_in_the_result_workbook_and_json(bad_month, tmp_path):
    secs, data = bad_month
    out, js = tmp_path / "结果.xlsx", tmp_path / "结果.json"
    r = CliRunner().invoke(cli, ["water", str(data), "--sections", str(secs), "--period", "2021-07",
                                 "--out", str(out), "--json", str(js)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["问题清单"]
    cells = {(row[4], row[5]) for row in ws.iter_rows(min_row=2, values_only=True)}
    assert {("导出", "E20"), ("导出", "F21"), ("导出", "A23"), ("导出", "E29"), ("峨口", "C2")} <= cells
    report = json.loads(js.read_text(encoding="utf-8"))
    assert any(f["cell"] == "E20" and f["sheet"] == "导出" for f in report["findings"])
