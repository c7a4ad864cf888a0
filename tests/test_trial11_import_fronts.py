"""Trial 16 (session 21): the three front ends of the plan import say the same thing.

2. In the 督办台账 the per-task notes vanished: the ledger's 任务清单 has no 待核实 column, and the deadline notes
   (「9月底」 without a year, a deadline tied to an event) were on no sheet, only in 控制台's 说明, which the next click
   overwrites.  Now 导入核对 repeats every 待核实 note (「序号N：…」) in the command line's workbook and the ledger alike.
3. 「需要核对 N 处」 was counted three ways: the web page counted the importer's own doubts only (0 for a plan whose
   notes are all about deadlines, over a page listing 4 errors).  Now one count (writer.doubts) for all three.
9. The web list page told a browser user 「命令行加 --columns …」 and showed a path on the server.

The plans are written as an office has them: a Word table (python-docx) and a GBK text saved by Notepad.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from web_helpers import clerk_client
from zhishui.addin.macros import run
from zhishui.addin.remote import Replay, remote_book, save_replayed
from zhishui.cli import cli

TEMPLATE = Path(__file__).resolve().parent.parent / "workbook_templates" / "督办台账.xlsx"

# a division of work in a Word table: no date on the document, so 「9月底前」 has no year; one deadline hangs on an event
TABLE = [["序号", "工作任务", "负责单位", "完成时限"],
         ["1", "制定低保审核确认办法", "县民政局", "省出台办法后完成"],
         ["2", "建立救助申请家庭经济状况核对机制", "县民政局、县财政局", "9月底前"],
         ["3", "开展社会救助政策宣传", "县民政局", "2022年12月底前"]]
# the shape of a meeting report whose duties are 「由X牵头，Y配合，在N月底前完成…」 (no year anywhere)
TEXT = ("县召开批而未供土地处置工作推进会\r\n"
        "会议要求，由县发展和改革局牵头，县自然资源局配合，在9月底前完成政务服务中心项目供地工作；"
        "由县工业园区管委会牵头，县自然资源局配合，在12月底前完成工业园区批而未供土地处置任务。\r\n")


def _word(tmp_path: Path) -> Path:
    d = Document()
    d.add_paragraph("某县社会救助重点任务分工方案")
    d.add_paragraph("为贯彻落实《社会救助暂行办法》，现将重点任务分工如下。")
    t = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    p = tmp_path / "分工方案.docx"
    d.save(p)
    return p


def _text(tmp_path: Path) -> Path:
    p = tmp_path / "推进会.txt"
    p.write_bytes(TEXT.encode("gbk"))
    return p


PLANS = {"word": _word, "gbk": _text}


def _cli(plan: Path, out: Path) -> tuple[int, list, list]:
    """The command line's import: its count, its 任务清单 rows (序号, 待核实) and its 导入核对 rows."""
    r = CliRunner().invoke(cli, ["import", str(plan), "--out", str(out)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    head = [c.value for c in wb["任务清单"][1]]
    notes = [(row[0], row[head.index("待核实")]) for row in wb["任务清单"].iter_rows(min_row=2, values_only=True)]
    review = [tuple(row[:3]) for row in wb["导入核对"].iter_rows(min_row=2, values_only=True)]
    return int(re.search(r"需要核对 (\d+) 处", r.output).group(1)), notes, review


def _ledger(plan: Path, tmp_path: Path):
    """The 督办台账's 导入方案 through xlwings' remote engine: 控制台 B4 and B10, 运行, the writes saved."""
    book, payload = remote_book(TEMPLATE, {("控制台", "B4"): "导入方案", ("控制台", "B10"): str(plan)})
    outcome = run(book)
    assert outcome.outcome == "成功", outcome.notes
    filled = save_replayed(TEMPLATE, Replay(payload, book.json()["actions"]), tmp_path / "台账.xlsx")
    return outcome, openpyxl.load_workbook(filled)


def _web_flash(plan: Path, data: Path) -> str:
    app, c, tok = clerk_client(data)
    try:
        r = c.post("/list/import", data={"csrf_token": tok, "plan": (plan.open("rb"), plan.name)},
                   content_type="multipart/form-data", follow_redirects=True)
        page = r.get_data(as_text=True)
    finally:
        app.config["STORE"].close()
    return next(html.unescape(f) for f in re.findall(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', page, re.S)
                if "已从方案导入" in f)


@pytest.mark.parametrize("kind", sorted(PLANS))
def test_the_ledger_keeps_every_note_of_the_list(tmp_path, kind):
    plan = PLANS[kind](tmp_path)
    _n, notes, review = _cli(plan, tmp_path / "清单.xlsx")
    assert any("没有写明年份" in (n or "") for _s, n in notes), notes      # the trial's deadline notes are there
    _outcome, wb = _ledger(plan, tmp_path)
    ledger = [tuple(row[:3]) for row in wb["导入核对"].iter_rows(min_row=2, values_only=True) if any(row[:3])]
    # the ledger's 导入核对 holds the command line's rows, in the same order (then the plan table's columns the
    # ledger's 任务清单 has no room for, if any)
    assert ledger[:len(review)] == review
    # and every 待核实 note of the command line's list is among them, said against its task
    for seq, note in notes:
        if seq and note:
            said = [why.split("：", 1)[1] for _w, _t, why in ledger if why.startswith(f"序号{seq}：")]
            assert "；".join(said) == note, (seq, note, said)
    # the ledger's 任务清单 has no 待核实 column: the notes are nowhere else
    assert "待核实" not in [c.value for row in wb["任务清单"].iter_rows(max_row=3) for c in row]


@pytest.mark.parametrize("kind", sorted(PLANS))
def test_the_command_line_the_ledger_and_the_web_page_give_one_count(tmp_path, kind):
    plan = PLANS[kind](tmp_path)
    n, notes, review = _cli(plan, tmp_path / "清单.xlsx")
    # what the count is: the list's rows with a note, and the 导入核对 rows about no one task
    in_list = sum(1 for _s, note in notes if note)
    assert n == in_list + sum(1 for _w, _t, why in review if not why.startswith("序号")) and in_list
    # the web page: the same number (the trial's page said 0 for such a plan), and where it is in the download
    flash = _web_flash(plan, tmp_path / "data")
    assert re.search(r"需要核对 (\d+) 处", flash).group(1) == str(n), flash
    assert f"「待核实」列（黄色）写了说明的 {in_list} 项任务" in flash, flash
    # the ledger: the same number, all of it on its 导入核对 sheet (no 待核实 column there)
    outcome, _wb = _ledger(plan, tmp_path)
    said = next(x for x in outcome.notes if "需要核对" in x)
    assert re.search(r"需要核对 (\d+) 处", said).group(1) == str(n), said
    assert f"都在「导入核对」表里：{in_list} 项任务的说明" in said, said


# --- 9. the web page speaks to a browser user --------------------------------------------------------------------

# 立山区2023年重点工作任务分解 (as tests/test_lists_real.py has it), headed with words that name no role, with its deadlines
AMBIGUOUS = [["立山区政府2023年重点工作任务分解"],
             ["序号", "重点工作", "单位甲", "单位乙", "完成时限"],
             ["1", "努力实现地区生产总值增长6.2%左右。", "区发改局", "立山经济开发区,全区经济运行各专班", "2023年12月底"],
             ["2", "规模上工业增加值增长5%左右。", "区工信局", "立山经济开发区", "2023年12月底"]]
OPTION = re.compile(r"(?<![\w-])--[a-z]")


def _xlsx(path: Path, rows: list, mapping: str | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    for r in rows:
        ws.append(r)
    if mapping:
        st = wb.create_sheet("设置")
        st.append(["项目", "值"])
        st.append(["列对应", mapping])
    wb.save(path)
    return path


def _page_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_list_page_gives_advice_for_the_page_not_the_command_line(tmp_path):
    lists = [_xlsx(tmp_path / "立山清单.xlsx", AMBIGUOUS),
             _xlsx(tmp_path / "立山清单_列对应.xlsx", AMBIGUOUS, "内容=B,牵头=C,责任=D,时限=E"),
             tmp_path / "清单.csv"]
    # a CSV saved by Excel on a Chinese Windows (GBK): no 设置 sheet, a deadline without its year
    lists[2].write_bytes("序号,具体举措,牵头单位,完成时限\r\n1,完成河道清淤,县水利局,9月底前\r\n".encode("gbk"))
    pages = {}
    for i, f in enumerate(lists):
        data = tmp_path / f"data{i}"
        app, c, tok = clerk_client(data)
        try:
            r = c.post("/list", data={"csrf_token": tok, "list": (f.open("rb"), f.name)},
                       content_type="multipart/form-data", follow_redirects=True)
            pages[f.name] = text = _page_text(r.get_data(as_text=True))
        finally:
            app.config["STORE"].close()
        assert f"已载入责任清单「{f.name}」" in text, text
        # no command-line option, no folder of the server (the trial's page showed …/lists/1/…_督办档案/列对应.json)
        assert not OPTION.search(text), (f.name, OPTION.findall(text), text)
        assert str(tmp_path) not in text and "列对应.json" not in text, text
    # what to do instead, on this page
    ambiguous = pages["立山清单.xlsx"]
    assert "有的列不能确定是什么" in ambiguous
    assert "写一项「列对应」，值照本页「读取的列」下面写的" in ambiguous and "在「载入清单」重新载入" in ambiguous
    assert "或者在「载入清单」时把单位名录文件和清单一起选上" in ambiguous          # no 单位名录
    assert "按设置表「列对应」给定的列对应读取：" in pages["立山清单_列对应.xlsx"]
    assert "已记住" not in pages["立山清单_列对应.xlsx"]        # each list on the page has a folder of its own
    assert "加一张「设置」表（A列「项目」、B列「值」）填上「成文日期」" in pages["清单.csv"]


def test_a_header_not_understood_is_said_for_the_page(tmp_path):
    f = _xlsx(tmp_path / "甲乙清单.xlsx", [["甲", "乙", "丙"], ["1", "完成河道清淤", "县水利局"]])
    app, c, tok = clerk_client(tmp_path / "data")
    try:
        r = c.post("/list", data={"csrf_token": tok, "list": (f.open("rb"), f.name)},
                   content_type="multipart/form-data", follow_redirects=True)
        text = _page_text(r.get_data(as_text=True))
    finally:
        app.config["STORE"].close()
    assert "找不到责任清单的表头" in text and not OPTION.search(text), text
    assert "写一项「列对应」，值如「内容=B,时限=C,牵头=D」" in text
