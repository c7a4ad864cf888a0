"""Every sheet of the workbooks zhishui writes prints as a leader reads it (trial 15, problem 7).

The trial printed its 汇总结果 and 年度考核结果 workbooks with LibreOffice: the 年度考核结果's 逐月状态 put its month
columns on pages of their own with no 序号 and no header, 每月得分 and 考核办法 had no page set-up at all, and the
汇总结果's 收到文件 (14 columns fitted to one page wide) printed at about 3 pt.  Now every page of every sheet starts
with the sheet's header row and its first columns (序号 and the task, or the unit), and the text prints at 7 pt or
more (a sheet too wide for that prints its column groups side by side, a band of rows at a time).

The month is seed 001's November as `make demo` runs it (the units' real returns); the year is test_year.py's.
Both workbooks are converted by LibreOffice, as the trial did, and read back from the PDF.
"""
from __future__ import annotations

import datetime as dt
import shutil
import statistics
from pathlib import Path

import openpyxl
import pytest

import pdf_layout as L
from conftest import LIST001, SAMPLES

FONT_PT = 10                 # the workbooks' text (宋体 10)
MIN_PT = 7
# the first header cells of each table sheet of the 汇总结果: printed on every page, beside every column group
SUMMARY_TITLES = {"汇总": ("序号重点任务具体举措", "序号具体举措"), "报送情况": ("单位",), "督办": ("单位序号任务内容",),
                  "排名": ("排名单位",), "销号延期": ("事项序号任务内容",), "目标": ("序号指标",), "佐证材料": ("文件",),
                  "清单变更": ("变更原序号",), "收到文件": ("文件单位",), "异常清单": ("严重程度类别（代码）序号",),
                  "原始数据": ("文件工作表单元格",)}


def printed(xlsx: Path, out: Path) -> tuple[list, float]:
    """(pages of words as LibreOffice prints the workbook, the height of a header word printed at 100 %)."""
    out.mkdir(parents=True, exist_ok=True)
    full = out / f"{xlsx.stem}_100.xlsx"
    wb = openpyxl.load_workbook(xlsx)
    for ws in wb.worksheets:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = 100
    wb.save(full)
    copy = out / xlsx.name
    shutil.copy(xlsx, copy)
    pdfs = L.convert_many([copy, full], out)
    heights = [band(p)[0].height for p in L.pdf_words(pdfs[full]) if p and band(p)[0].text in ("序号", "单位", "文件")]
    return L.pdf_words(pdfs[copy]), statistics.median(heights)


def band(page) -> list:
    """The words of a page's header row, left to right: its first line and the cells of one line centred beside
    cells of two (the data rows start lower).  A page header (in the top margin, 0.6 in) is not the sheet's."""
    page = [w for w in page if w.y0 > 0.55 * 72] or page
    first = min(page, key=lambda w: w.y0)
    return sorted((w for w in page if w.y0 < first.y0 + 0.9 * first.height), key=lambda w: w.x0)


def check_pages(pages, full_height: float, titles: tuple[str, ...], skip=()) -> int:
    """Every page but those whose top row says one of ``skip`` starts with a header row beginning with one of
    ``titles``, its text printed at MIN_PT or more; returns how many pages were checked."""
    n = 0
    for i, page in enumerate(pages, 1):
        if not page:
            continue
        head = "".join(w.text for w in band(page))
        if any(s in head for s in skip):
            continue
        n += 1
        assert head.startswith(titles), (i, head[:60])
        size = FONT_PT * band(page)[0].height / full_height
        assert size >= MIN_PT - 0.2, f"page {i} ({head[:20]}) prints at {size:.1f} pt"
    return n


@pytest.fixture(scope="module")
def november(tmp_path_factory) -> Path:
    from zhishui.month import run_month
    from zhishui.result_writer import write_result
    from zhishui.tasks import load_list
    root = tmp_path_factory.mktemp("november")
    received = root / "收到的报送表"
    shutil.copytree(SAMPLES / "seed001" / "2020年11月报送", received)
    m = run_month(load_list(LIST001), [received], dt.date(2020, 11, 1), dt.date(2020, 11, 30),
                  due=dt.date(2020, 11, 25), use_history=False)
    return write_result(m, root / "汇总.xlsx")


def test_every_sheet_of_the_months_result_prints_readably(november, tmp_path):
    wb = openpyxl.load_workbook(november)
    pages, full = printed(november, tmp_path / "pdf")
    checked = 0
    for ws in wb.worksheets:
        if ws.title == "概况":
            continue
        assert ws.print_title_rows == "$1:$1", ws.title           # the header row on every page
    titles = tuple(t for sheet in wb.sheetnames if sheet in SUMMARY_TITLES for t in SUMMARY_TITLES[sheet])
    checked = check_pages(pages, full, titles, skip=("报送汇总结果",))
    assert checked >= len(wb.sheetnames) - 1
    # 收到文件: 14 columns, the file's name and the unit beside each group of them
    ws = wb["收到文件"]
    assert ws.print_title_cols == "$A:$B" and ws.page_setup.scale == 70, (ws.print_title_cols, ws.page_setup.scale)
    files = [p for p in pages if p and "".join(w.text for w in band(p)).startswith("文件单位")]
    said = "".join(w.text for p in files for w in band(p))
    assert all(h in said for h in ("识别方式", "收到时间", "时间依据", "SHA-256")), said
