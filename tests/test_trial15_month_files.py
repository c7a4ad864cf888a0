"""Trial 15 (session 21): a year on the command line, the README's order each month — collect, then close/extend, then
docs — and what the month's files said of one another.

- The September 汇总 said 已完成5, 7.9%, task 17 缺佐证, task 26 待审批; after ``close 17 --return`` and ``extend 26
  --refuse`` the 通报 said 已完成4, 临期1, 6.3%, and neither close, extend nor docs said that the 汇总 no longer agreed
  (README 「汇总、文书和办理的先后」).
- The extension of task 42, granted on 2020-08-31, was in the October and November 通报 again as 「经审核同意延期1项」,
  办理「已同意」 (README 「延期申请带到以后各期」 rule 3: said in an earlier month's 通报, 不再列出).
- The annual table's 「逾期或未报送月数」 (months of late or missing returns) beside 「年底逾期」 (tasks) read as a
  contradiction; 「得分最低的月份」 named one month of two tied; docs printed the file names under 「所有单位都已报送，不需要
  催报」; 办理意见 wrote 「2020年09月30日」.

The same story on a small list (three units answering, one silent two months), months August to October, every
return filled from the sheet ``split`` issued (openpyxl, as a unit's Excel saves it), every decision by the commands
the clerk types.  What each file must say is written out here from the script, not taken from the engine.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from returns_factory import fill_return, write_rule_list
from zhishui.cli import cli

D = dt.date
FARM, CANAL, WATER, MONEY = "区农业农村委", "临江河指挥部办公室", "区水利局", "区财政局"
# 序号 -> (具体举措, 完成时限, 牵头单位, 责任单位, 配合单位)
TASKS = {
    "1": ("完成板桥食品片区污水处理厂在线监测设备安装", "2020年9月30日", FARM, "", ""),
    "2": ("完成城南污水处理厂建设", "2020年9月30日", CANAL, "", ""),
    "3": ("编制水库消落带治理专项规划", "2020年9月30日", WATER, "", ""),
    "4": ("编制海绵城市建设专项规划", "2020年12月31日", FARM, "", ""),
    "5": ("落实污水处理厂建设资金", "2020年12月31日", MONEY, "", ""),
}
PERIODS = ["2020-08", "2020-09", "2020-10"]
REPORT = {"2020-08": D(2020, 8, 31), "2020-09": D(2020, 9, 30), "2020-10": D(2020, 10, 31)}
SILENT = {MONEY: ("2020-08", "2020-09")}      # sends nothing these months
EXTEND_2 = D(2020, 12, 31)
RETURN_WHY = "请补充在线监测设备安装验收单"
REFUSE_WHY = "规划编制不得延期，请加快进度"


def values_for(period: str, unit: str):
    """What ``unit`` types into its sheet in ``period``."""
    def values(i, seq, u):
        out = {"完成状态": "序时推进", "完成比例": 0.5, "进展情况": f"{unit}第{seq}项{period}按计划推进"}
        if (period, seq) == ("2020-08", "2"):
            out.update({"完成状态": "进度滞后", "完成比例": 0.55, "存在问题": "征地拆迁滞后，设备到货推迟",
                        "申请延期至": EXTEND_2, "延期理由": "征地拆迁滞后"})
        if (period, seq) == ("2020-09", "1"):          # done, but no evidence named: 缺佐证
            out.update({"完成状态": "已完成", "完成比例": 1, "进展情况": "在线监测、监控已安装完毕"})
        if seq == "4" and period in ("2020-09", "2020-10"):
            out.update({"完成状态": "已完成", "完成比例": 1, "进展情况": "规划已印发", "佐证材料": "规划印发文件.pdf"})
        if (period, seq) == ("2020-09", "3"):
            out.update({"申请延期至": D(2021, 6, 30), "延期理由": "规划编制周期长"})
        if (period, seq) == ("2020-10", "1"):
            out.update({"完成状态": "已完成", "完成比例": 1, "进展情况": "已补充验收单", "佐证材料": "验收单.pdf"})
        return out
    return values


def run(*args, code=(0,)) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code in code, r.output + (r.stderr if r.stderr_bytes is not None else "")
    return r.output


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    root = tmp_path_factory.mktemp("trial15")
    lst = write_rule_list(root / "清单.xlsx", TASKS, [FARM, CANAL, WATER, MONEY])
    out = {"root": root, "list": lst}
    for period in PERIODS:
        here = root / period
        date = f"{REPORT[period]:%Y-%m-%d}"
        run("split", lst, "--period", period, "--out", here / "下发")
        issued = {f.stem.split("_")[1]: f for f in (here / "下发").glob("*.xlsx")}
        for unit, sheet in issued.items():
            if period not in SILENT.get(unit, ()):
                fill_return(sheet, here / "收回" / f"{unit}.xlsx", unit, values=values_for(period, unit),
                            report_date=D(int(period[:4]), int(period[5:]), 20), mtime=None)
        (here / "收回").mkdir(exist_ok=True)
        m = out[period] = {"issued": here / "下发"}
        month = [lst, here / "收回", "--period", period, "--date", date]
        m["collect"] = run("collect", *month, "--out", here / "汇总.xlsx", "--json", here / "汇总.json")
        m["collected"] = json.loads((here / "汇总.json").read_text(encoding="utf-8"))
        by = ("--by", "李明", "--date", date, "--period", period)
        if period == "2020-08":
            m["decided"] = [run("extend", lst, "2", *by, "--reason", "同意延期")]
        if period == "2020-09":
            m["decided"] = [run("close", lst, "4", *by),
                            run("close", lst, "1", *by, code=(2,)),          # no evidence: refused, nothing kept
                            run("close", lst, "1", *by, "--return", "--reason", RETURN_WHY),
                            run("extend", lst, "3", *by, "--refuse", "--reason", REFUSE_WHY)]
        m["docs"] = run("docs", *month, "--out", here / "文书")
        if period == "2020-10":     # decided after the documents: both files of October are out of date
            m["after_docs"] = run("close", lst, "1", *by)
    out["year_docs"] = run("docs", lst, "--year", "2020", "--date", "2021-01-15", "--out", root / "年度")
    return out


def docx_text(path: Path) -> str:
    d = Document(path)
    return "\n".join([p.text for p in d.paragraphs] + ["|".join(c.text for c in r.cells) for t in d.tables
                                                       for r in t.rows]).replace("\u200b", "")


def bulletin(year, period) -> Path:
    return next((year["root"] / period / "文书" / "进展通报").glob("*.docx"))


def table_after(path: Path, header0: list[str]) -> list[list[str]]:
    """The rows (below the header) of the table whose header row begins with ``header0``."""
    for t in Document(path).tables:
        rows = [[c.text.replace("\u200b", "") for c in r.cells] for r in t.rows]
        if rows and rows[0][:len(header0)] == header0:
            return rows[1:]
    return []


# --- problem 3: a file of the month written before a decision is said to be out of date, with its command ------------

def test_close_and_extend_name_the_summary_written_before_them(year):
    sep = year["2020-09"]
    approve, refused, returned, extend = sep["decided"]
    summary = year["root"] / "2020-09" / "汇总.xlsx"
    for said in (approve, returned, extend):
        assert "注意：下面的文件是这次办理之前写出的，没有这次办理的结果" in said, said
        line = next(x for x in said.splitlines() if x.strip().startswith("2020年9月汇总结果"))
        assert str(summary) in line and str(summary.with_suffix(".json")) in line, line
        # the command that wrote it, with its report date written out
        assert "重新汇总：zhishui collect " in line and "--period 2020-09 --date 2020-09-30" in line, line
        assert "文书" not in line.split("（")[0]           # no documents of September were written yet
    assert "这次办理之前写出" not in refused            # nothing was recorded: nothing is out of date
    # August's files are not September's decisions' business
    assert "2020年8月" not in approve + returned + extend


def test_docs_says_the_summary_disagrees_and_why_then_collect_again_agrees(year, tmp_path):
    sep = year["2020-09"]
    said = sep["docs"]
    note = next((x for x in said.splitlines() if x.startswith("注意：本期汇总结果")), None)
    assert note, said
    assert "与这次的文书不一致" in note and "汇总之后办理了序号4批准销号、序号1退回销号、序号3不同意延期" in note, note
    before = sep["collected"]["totals"]
    # the collect that the note names, run as typed: its 汇总 now says what the 通报 says
    command = note.split("请重新汇总，使两者一致：", 1)[1]
    args = shlex.split(command)
    assert args[:2] == ["zhishui", "collect"]
    again = run(*args[1:], code=(0,))
    assert "注意：本期" not in again, again           # the documents of September agree with it
    after = json.loads((year["root"] / "2020-09" / "汇总.json").read_text(encoding="utf-8"))
    now = after["totals"]
    # the oracle: 1 returned (no longer 已完成; due 2020-09-30 = the report date: 临期), 4 closed out (still 已完成)
    assert before["已完成"] == 2 and now["已完成"] == 1 and now["临期"] == before["临期"] + 1, (before, now)
    status = {t["seq"]: t["status"] for t in after["tasks"]}
    assert status["1"] == "临期" and status["4"] == "已完成"
    assert f"汇总结果写的是已完成{before['已完成']}" in note and f"这次的文书是已完成{now['已完成']}" in note, note
    assert f"完成率{before['完成率']:.1%}" in note and f"完成率{now['完成率']:.1%}" in note, note
    assert "序号1已完成→临期" in note and "序号3" in note and "待审批→不同意" in note, note
    # the 通报 says the same figures as the 汇总 written again
    text = docx_text(bulletin(year, "2020-09"))
    assert f"已完成{now['已完成']}项" in text, text
    # and documents made again say nothing: both files of September agree now
    redo = run("docs", year["list"], year["root"] / "2020-09" / "收回", "--period", "2020-09", "--date", "2020-09-30",
               "--out", tmp_path / "文书")
    assert "注意：本期" not in redo and "不一致" not in redo, redo


def test_a_decision_after_the_documents_names_both_files_of_that_period_only(year):
    said = year["2020-10"]["after_docs"]
    assert said.startswith("序号1："), said
    listed = [x.strip() for x in said.splitlines() if x.startswith("  ")]
    assert [x.split("「")[0] for x in listed] == ["2020年10月文书", "2020年10月汇总结果"], listed
    assert "重新生成文书：zhishui docs " in listed[0] and "重新汇总：zhishui collect " in listed[1], listed


def test_the_readme_says_when_a_file_of_the_month_is_out_of_date():
    from conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = readme.split("### 汇总、文书和办理的先后", 1)[1].split("\n### ", 1)[0]
    for said in ("注意：下面的文件是这次办理之前写出的，没有这次办理的结果", "与这次的文书不一致", "请重新汇总，使两者一致",
                 "本期以哪个报告日期为准，就用它重新生成另一份", "`docs` 不改写汇总结果"):
        assert said in part, said


# --- problem 4: an extension decided before the last report is not news ------------------------------------------------

def test_an_old_extension_is_not_said_again_as_newly_granted(year):
    head = ["序号", "延期任务", "申请单位", "原时限", "调整后时限", "办理"]
    shown = {p: {(r[0], r[5]) for r in table_after(bulletin(year, p), head)} for p in PERIODS}
    # the oracle, README 「延期申请带到以后各期」: 2's extension was decided on 2020-08-31 after August's collect, before
    # August's documents: news in August's 通报 (rule 4), which said it, so not again in September or October (rule 3;
    # trial 18 found each decision in two consecutive 通报). 3's refusal (2020-09-30) likewise in September only
    assert shown["2020-08"] == {("2", "已同意")}, shown
    assert shown["2020-09"] == {("3", "不同意")}, shown
    assert shown["2020-10"] == set(), shown
    october = docx_text(bulletin(year, "2020-10"))
    assert "经审核同意延期" not in october and "不同意延期" not in october, october
    # the 汇总 of the same month shows it in force, as it has (「在执行」)
    wb = openpyxl.load_workbook(year["root"] / "2020-10" / "汇总.xlsx", read_only=True)
    rows = [[str(v) if v is not None else "" for v in r] for r in wb["销号延期"].iter_rows(values_only=True)]
    assert any("2" in r and "在执行" in r for r in rows), rows
    # and 2 is judged against its new date all the same (October: not overdue)
    tasks = {t["seq"]: t for t in json.loads((year["root"] / "2020-10" / "汇总.json").read_text("utf-8"))["tasks"]}
    assert tasks["2"]["due"] == EXTEND_2.isoformat() and tasks["2"]["status"] != "逾期", tasks["2"]


# --- problem 9: the 办理意见's dates, the listing of the documents ----------------------------------------------------

def test_the_units_read_the_clerks_word_with_chinese_dates(year):
    notes = {}
    for p in year["2020-10"]["issued"].glob("*.xlsx"):
        ws = openpyxl.load_workbook(p)["报送表"]
        cols = {c.value: c.column for c in ws[4] if c.value}
        r = 5
        while ws.cell(r, 1).value not in (None, ""):
            if ws.cell(r, cols["办理意见"]).value:
                notes[(p.name.split("_")[1], str(ws.cell(r, 1).value))] = ws.cell(r, cols["办理意见"]).value
            r += 1
    assert notes == {
        (CANAL, "2"): "延期已同意：完成时限调整为2020年12月31日（原时限2020年9月30日）",
        (FARM, "1"): f"销号已退回（2020年9月报送的完成情况，2020年9月30日）：{RETURN_WHY}",
        (WATER, "3"): f"2020年9月的延期申请未同意：{REFUSE_WHY}",
    }, notes


def test_docs_lists_each_kinds_files_under_it(year):
    lines = year["2020-10"]["docs"].splitlines()       # everyone reported in October: nobody is chased
    kinds = [i for i, x in enumerate(lines) if re.match(r"  (催报通知|督办通知|进展通报) \d+ 份", x)]
    assert len(kinds) == 3, lines
    for i in kinds:
        n = int(re.search(r"(\d+) 份", lines[i]).group(1))
        files = lines[i + 1:i + 1 + n]
        assert all(x.startswith("    ") and x.endswith(".docx") for x in files), lines
    notes = [x for x in lines if "不需要催报" in x]
    assert notes and all(not x.endswith(".docx") for x in lines[lines.index(notes[0]) + 1:]), lines


# --- problems 6 and 9: the annual 考核 tables say what they count ------------------------------------------------------

def test_the_annual_tables_name_what_they_count(year):
    root = year["root"] / "年度"
    wb = openpyxl.load_workbook(next(root.rglob("*考核结果.xlsx")), read_only=True)
    rows = list(wb["年度考核"].iter_rows(values_only=True))
    head = list(rows[2])
    late = "报送不及时月数"
    assert late in head and not any("逾期或未报送" in str(h) for h in head), head
    # what it counts is said under the table, as in the annual summary (a header saying it wrapped to five lines)
    assert any(str(r[0]).startswith("报送不及时月数：本年逾期报送、未报送、空表、无法读取的月数") for r in rows if r[0]), rows[-2:]
    by_unit = {r[1]: dict(zip(head, r)) for r in rows[3:] if r[1]}
    # the oracle: 区财政局 sent nothing in August and September; 区水利局's refused task 3 is overdue in October, its
    # returns all on time: one task 年底逾期 and no month late, now under headers that say so
    assert by_unit[MONEY][late] == 2 and by_unit[WATER][late] == 0 and by_unit[WATER]["年底逾期"] == 1, by_unit
    summary = docx_text(next(root.rglob("*年度工作总结.docx")))
    assert "|已完成|年底逾期|报送不及时月数" in summary and "逾期或未报送" not in summary, summary
    assert "报送不及时月数是本年逾期报送、未报送、交来空表或文件无法读取的月数" in summary


def test_the_annual_annex_names_every_month_tied_for_the_lowest_score(year):
    root = year["root"] / "年度"
    wb = openpyxl.load_workbook(next(root.rglob("*考核结果.xlsx")), read_only=True)
    rows = list(wb["年度考核"].iter_rows(values_only=True))
    money = dict(zip(rows[2], next(r for r in rows[3:] if r[1] == MONEY)))
    annex = next(root.rglob("*考核结果.docx"))
    worst = {r[1]: r[4] for r in table_after(annex, ["名次", "单位", "年度得分", "考核月数", "得分最低的月份"])}
    scores = {m: money[f"{int(m[5:])}月"] for m in PERIODS}
    low = min(scores.values())
    tied = [f"{int(m[5:])}月" for m in PERIODS if scores[m] == low]
    assert len(tied) == 2 and worst[MONEY] == f"{'、'.join(tied)}（{low:g}分）", (worst, scores)


def test_a_supervision_letter_says_the_units_extension_was_refused(year):
    """Trial 18: after 「不同意」 on 区城市管理局's request, its 督办通知 listed the task with the unit's own reason
    (「清掏设备招标流标」) as the cause of the delay and nothing of the request, which read as if it were still
    pending.  Here 区水利局 asked in September to move task 3 to 2021-06-30 and was refused (REFUSE_WHY) before
    September's documents were made: the September letter says so, and that the old deadline holds; October's does
    not say it again (a decision is news in one month: README 「延期申请带到以后各期」 row 3, session 22's fixW)."""
    refused = f"申请延期至2021年6月30日，2020年9月30日经审核不同意（{REFUSE_WHY}），仍按原时限督办"
    rows = table_after(next((year["root"] / "2020-09" / "文书" / "督办通知").glob(f"*{WATER}*.docx")), ["序号"])
    [row] = [r for r in rows if r[0] == "3"]
    assert row[3].endswith("；本期" + refused), row
    rows = table_after(next((year["root"] / "2020-10" / "文书" / "督办通知").glob(f"*{WATER}*.docx")), ["序号"])
    [row] = [r for r in rows if r[0] == "3"]
    assert refused not in row[3] and row[3].startswith("逾期"), row


def test_the_assessment_points_at_the_table_it_means(year):
    """Trial 18: 年度考核结果.docx said 「（按月汇总时的考核办法计分，见下表）」 above the ranking; the 考核办法 table
    is the last one.  The sentence says where the 考核办法 is and that the table below is the ranking."""
    doc = Document(next((year["root"] / "年度").rglob("*年度考核结果.docx")))
    [p] = [p for p in doc.paragraphs if p.text.startswith("年度考核得分为")]
    assert "见下表）" not in p.text and "考核办法见文末" in p.text and p.text.endswith("各单位的名次和得分如下表。"), p.text
    nxt = p._p.getnext()
    assert nxt.tag.endswith("}tbl") and doc.tables[0].rows[0].cells[0].text == "名次"
    assert doc.tables[-1].rows[0].cells[0].text == "项目"          # the 考核办法, at the end
