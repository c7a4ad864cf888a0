"""The 督办台账 as the session-20 new-user trial printed it (LibreOffice PDF) after the add-in's clicks in December 2026:

- the 汇总 sheet was set to fit its 19 columns on one page wide: 63 rows printed at about 2 pt, the text of each cell
  on one line and cut at the column's edge;
- 控制台 B15 and B19 (数量, 说明) were cut at the column's edge, and B19 put a ~300-character notice about the
  holiday calendar before 「未报送：区金融办」, the list the clerk needs first.

The ledger is built from the committed template the way the clerk gets it (seed 001's list), the month run through
xlwings' remote engine and written back as Excel would, and the sheets converted by LibreOffice.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import openpyxl
import pytest

import pdf_layout as L
from conftest import ROOT, list001_without_its_slip
from returns_factory import fill_return
from zhishui.addin.macros import run
from zhishui.addin.remote import Replay, remote_book, save_replayed
from zhishui.addin.xlwings_clients import client_actions, emitted_actions
from zhishui.split import split_returns
from zhishui.tables import SUMMARY_HEADERS, SUMMARY_PRINTED
from zhishui.tasks import load_list

PERIOD, REPORTED = "2026-12", dt.date(2026, 12, 31)       # the 催报 deadline falls in 2027: no built-in calendar
SILENT = "区金融办"
FONT_PT = 11                                              # the workbook's text
A4_SHORT_PT = 595.3


def clerks_ledger(root: Path) -> Path:
    """The 督办台账 built from the committed template with the clerk's 2026 plan (seed 001's list, its deadlines six
    years on)."""
    sys.path.insert(0, str(ROOT / "workbook_templates"))
    import build_master
    clean = list001_without_its_slip(root / "清单.xlsx")
    wb = openpyxl.load_workbook(clean)
    for row in wb["整改任务分解表"].iter_rows(min_row=4):      # the clerk's 2026 plan: the seed's deadlines six years on
        if isinstance(row[3].value, str):
            row[3].value = row[3].value.replace("2020", "2026").replace("2021", "2027")
    wb.save(clean)
    ledger = root / "督办台账.xlsx"
    build_master.main(["--from-list", str(clean), "--out", str(ledger)])
    return ledger


@pytest.fixture(scope="module")
def december(tmp_path_factory):
    """The ledger after 「汇总报送」 for December 2026 (every unit but 区金融办 reported)."""
    root = tmp_path_factory.mktemp("ledger")
    ledger = clerks_ledger(root)
    issued = split_returns(load_list(ledger), dt.date(2026, 12, 1), root / "下发")
    inbox = root / "收回"
    for f in issued:
        if f.unit != SILENT:
            fill_return(f.path, inbox / f"{f.unit}.xlsx", f.unit, report_date=dt.date(2026, 12, 20), mtime=None)
    cells = {("控制台", "B4"): "汇总报送", ("控制台", "B5"): PERIOD, ("控制台", "B6"): f"{REPORTED:%Y-%m-%d}",
             ("控制台", "B8"): str(inbox), ("控制台", "B9"): str(root / "输出")}
    book, payload = remote_book(ledger, cells)
    run(book, today=REPORTED)
    actions = book.json()["actions"]
    assert set(emitted_actions({"actions": actions})) <= client_actions("vba") & client_actions("js")
    x = Replay(payload, actions)
    assert x.cell("控制台", "B14") == "成功", x.cell("控制台", "B19")
    save_replayed(ledger, x, ledger)
    return {"root": root, "ledger": ledger, "replay": x}


def one_sheet_pdf(ledger: Path, sheet: str, out: Path, edit=None) -> list:
    """The sheet as LibreOffice prints it with its own page set-up (the other sheets left out): pages of words."""
    wb = openpyxl.load_workbook(ledger)
    for other in [s for s in wb.sheetnames if s != sheet]:
        del wb[other]
    if edit:
        edit(wb[sheet])
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{sheet}.xlsx"
    wb.save(path)
    pdf = L.convert_many([path], out)[path]
    return L.pdf_words(pdf)


def flat(s) -> str:
    return re.sub(r"\s+", "", str(s or ""))


def printed_text(pages) -> str:
    return "".join(w.text for page in pages for w in page)


def test_the_summary_prints_readably(december, tmp_path):
    pages = one_sheet_pdf(december["ledger"], "汇总", tmp_path / "print")
    # the size the text prints at: its words' height against the same sheet printed at 100 %
    def at_full_size(ws):
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = 100
    full = one_sheet_pdf(december["ledger"], "汇总", tmp_path / "full", edit=at_full_size)
    height = lambda ps: sorted(w.height for w in ps[0] if w.text == "序号")[0]
    size = FONT_PT * height(pages) / height(full)
    assert size >= 7, f"the 汇总 prints at {size:.1f} pt"
    # landscape A4; every page starts with the header row, and with the 序号 column when the columns run over pages
    pdf = next((tmp_path / "print").glob("*.pdf"))
    import subprocess
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(w), round(h)) == (842, 595), info
    for i, page in enumerate(pages, 1):
        first = min(w.y0 for w in page)
        head = sorted((w for w in page if w.y0 < first + 16), key=lambda w: w.x0)     # the header's line or two
        assert head[0].text == "序号", (i, [w.text for w in head])
    # the columns printed are the 汇总结果 workbook's (the provenance after them is for checking, not printing)
    text = printed_text(pages)
    assert all(h in text for h in SUMMARY_HEADERS[:SUMMARY_PRINTED] if h != "本期未报送单位")
    assert "其他单位报送" not in text and "来源" not in text
    # no cell is cut: the whole of every task's 具体举措 and 说明 is on the page
    wb = openpyxl.load_workbook(december["ledger"], read_only=True)
    rows = [r for r in wb["汇总"].iter_rows(min_row=2, values_only=True) if r[0] is not None]
    assert len(rows) == 63
    for col in (SUMMARY_HEADERS.index("具体举措"), SUMMARY_HEADERS.index("说明")):
        cells = [flat(r[col]) for r in rows]
        printed = column_text(pages, cells, [flat(r[col + 1]) for r in rows])
        assert printed == "".join(cells), (SUMMARY_HEADERS[col], printed[:300], "".join(cells)[:300])


def column_text(pages, cells: list[str], following: list[str]) -> str:
    """What a left-aligned column prints, page by page and line by line: the words that start at or right of the
    column's left edge (where the lines of its cells start) and left of the next column's."""
    def edge(page, texts):
        starts = [round(w.x0) for w in page if len(w.text) >= 2 and any(t.startswith(w.text) for t in texts if t)]
        return max(set(starts), key=starts.count) if starts else None
    out = []
    for page in pages:
        left = edge(page, cells)
        if left is None:
            continue
        # the next column's edge: where its cells start, or (a page whose rows of the next column are all one word,
        # 长期坚持) where the repeated header row puts its title, right of this column's
        right = edge(page, following) or 10_000
        top = min(w.y0 for w in page)
        heads = sorted(round(w.x0) for w in page if w.y0 < top + 16 and round(w.x0) > left + 4)
        if heads and heads[0] < right:
            right = heads[0]
        # below the header rows, above the footer (the page number, in the bottom margin)
        words = [w for w in page if left - 1 <= w.x0 < right - 1 and min(x.y0 for x in page) + 16 < w.y0
                 and w.y1 < A4_SHORT_PT - 0.6 * 72]
        out += [w.text for w in sorted(words, key=lambda w: (round(w.y1), w.x0))]
    return flat("".join(out))


def test_the_control_sheet_shows_its_whole_result_the_missing_units_first(december, tmp_path):
    x = december["replay"]
    note = x.cell("控制台", "B19")
    # who has not reported, then the rest; the calendar's long notice last
    assert note.startswith(f"未报送单位：{SILENT}"), note     # the command line's sentence (Month.not_reported_line)
    calendar = note.index("注意：软件内置的法定节假日安排只有")
    assert calendar > note.index("历史记录") and note.endswith("填好后重新运行。"), note
    pages = one_sheet_pdf(december["ledger"], "控制台", tmp_path / "print")
    text = flat(printed_text(pages))
    for cell in ("B15", "B16", "B17", "B19"):
        assert flat(x.cell("控制台", cell)) in text, (cell, x.cell("控制台", cell))
    assert len(pages) <= 2, len(pages)       # 项目, 填写 and 说明 side by side, not a page each


# --- trial 14: the third month, 一键生成 after a 销号 and a revision of the list ------------------------------------

def click(ledger: Path, action: str, today: dt.date, **cells) -> Replay:
    """One click in desktop Excel (the book knows where it is saved: its history is beside it), saved onto the file."""
    edits = {("控制台", "B4"): action, **{("控制台", k): v for k, v in cells.items()}}
    book, payload = remote_book(ledger, edits, full_path=True)
    run(book, today=today)
    actions = book.json()["actions"]
    assert set(emitted_actions({"actions": actions})) <= client_actions("vba") & client_actions("js")
    x = Replay(payload, actions)
    save_replayed(ledger, x, ledger)
    return x


def answered(ledger: Path, period: dt.date, inbox: Path, silent=(SILENT,)) -> Path:
    """The period's returns as the add-in's 生成报送表 issues them (the history's 销号 left out), filled by every unit
    but ``silent`` on the 20th."""
    from zhishui.split import issue_period
    issued = issue_period(load_list(ledger), period, inbox.parent / f"下发{period:%m}")
    for f in issued.files:
        if f.unit not in silent:
            fill_return(f.path, inbox / f"{f.unit}.xlsx", f.unit, report_date=period.replace(day=20), mtime=None)
    return inbox


def revise(ledger: Path) -> str:
    """The clerk revises the list between months: one task's 完成时限 moved (a 修改); returns its 序号."""
    wb = openpyxl.load_workbook(ledger)
    ws = wb["任务清单"]
    row = next(r for r in ws.iter_rows(min_row=4) if isinstance(r[3].value, str) and "2026" in r[3].value)
    row[3].value = "2027年6月底前"
    wb.save(ledger)
    return str(row[0].value)


@pytest.fixture(scope="module")
def third_month(tmp_path_factory):
    """The trial's third month.  November through the add-in (汇总报送: the history beside the ledger); the same
    ledger and history copied for the command line.  Then, as the trial did it: in the ledger a task closed out
    (zhishui close) before the list was revised, on the command line's copy after it (so that history met the
    revised list at the 销号, the ledger's history only at December's run).  December: 一键生成 in Excel (its
    校验清单 says the history's 销号 first), and `zhishui collect` on the copy, over the same returns."""
    import json
    import os
    import shutil
    from click.testing import CliRunner
    from zhishui.cli import cli
    root = tmp_path_factory.mktemp("third")
    # a computer of its own: the index of histories (ZHISHUI_HOME) would find december's, of the same plan
    home, os.environ["ZHISHUI_HOME"] = os.environ.get("ZHISHUI_HOME"), str(root / "home")
    try:
        ledger = clerks_ledger(root)
        nov = answered(ledger, dt.date(2026, 11, 1), root / "收回11")
        x = click(ledger, "汇总报送", dt.date(2026, 11, 30), B5="2026-11", B6="2026-11-30", B8=str(nov),
                  B9=str(root / "输出11"))
        assert x.cell("控制台", "B14") == "成功", x.cell("控制台", "B19")
        history = ledger.with_name("督办台账_督办档案")
        assert (history / "history.sqlite").is_file()
        cli_dir = root / "命令行"
        cli_dir.mkdir()
        shutil.copytree(history, cli_dir / history.name)
        # the task to close: one its only unit reported 已完成 with evidence in November
        out = CliRunner().invoke(cli, ["collect", str(ledger), str(nov), "--period", "2026-11", "--date",
                                       "2026-11-30", "--no-history", "--json", str(root / "nov.json"),
                                       "--out", str(root / "nov.xlsx")])
        assert out.exit_code in (0, 1), out.output
        done = [t for t in json.loads((root / "nov.json").read_text(encoding="utf-8"))["tasks"]
                if t["status"] == "已完成"]
        seq = str(done[0]["seq"])

        def close(path: Path):
            r = CliRunner().invoke(cli, ["close", str(path), seq, "--period", "2026-11", "--date", "2026-12-01",
                                         "--by", "郑强"])
            assert r.exit_code == 0, r.output
        close(ledger)
        revise(ledger)
        shutil.copy(ledger, cli_dir / ledger.name)
        close(cli_dir / ledger.name)
        dec = answered(ledger, dt.date(2026, 12, 1), root / "收回12")
        x = click(ledger, "一键生成", REPORTED, B5=PERIOD, B6=f"{REPORTED:%Y-%m-%d}", B8=str(dec), B9=str(root / "输出12"))
        assert x.cell("控制台", "B14") == "成功", x.cell("控制台", "B19")
        r = CliRunner().invoke(cli, ["collect", str(cli_dir / ledger.name), str(dec), "--period", PERIOD,
                                     "--date", f"{REPORTED:%Y-%m-%d}", "--out", str(cli_dir / "汇总结果.xlsx")])
        assert r.exit_code in (0, 1), r.output
        yield {"root": root, "ledger": ledger, "replay": x, "cli": cli_dir / "汇总结果.xlsx", "cli_output": r.output,
               "ledger_result": root / "输出12" / "2026年12月汇总结果.xlsx"}
    finally:
        if home is not None:
            os.environ["ZHISHUI_HOME"] = home


def test_the_control_sheet_says_who_has_not_reported_first_and_prints_on_one_page(third_month, tmp_path):
    """Trial 14, month 3: 一键生成's 校验清单 put two 「历史记录」 sentences before 「未报送单位：区金融办」, and the
    说明 (B19) went on to a second printed page.  README 「在 Excel 里用」: 「说明」先写未报送的单位; 控制台打印在一页上."""
    x = third_month["replay"]
    note = x.cell("控制台", "B19")
    assert note.startswith(f"未报送单位：{SILENT}"), note
    assert "历史记录：已销号1项" in note and note.endswith("填好后重新运行。"), note
    pages = one_sheet_pdf(third_month["ledger"], "控制台", tmp_path / "print")
    assert len(pages) == 1, len(pages)
    text = flat(printed_text(pages))
    for cell in ("B15", "B16", "B17", "B19"):
        assert flat(x.cell("控制台", cell)) in text, (cell, x.cell("控制台", cell))

    # however long the 说明 grows: ten times this one, its row as tall as the add-in's AutoFit makes it
    def longer(ws):
        from zhishui.split import row_height
        ws["B19"] = "；".join([note] * 10)
        ws.row_dimensions[19].height = row_height([(ws["B19"].value, ws.column_dimensions["B"].width)])
    assert len(one_sheet_pdf(third_month["ledger"], "控制台", tmp_path / "longer", edit=longer)) == 1


def overview(path: Path) -> list[str]:
    """The 概况 sheet's lines, the history's folder left out (the ledger's and the command line's differ)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    lines = [str(r[0]) for r in wb["概况"].iter_rows(values_only=True) if r and r[0]]
    return [ln for ln in lines if not ln.startswith("历史记录与存档：")]


def test_the_overview_says_the_list_revision_in_the_command_lines_words(third_month):
    """Trial 14, month 3: the ledger's 概况 had 「历史记录：清单有改动（新的版本），沿用「…」」 and the command line's did
    not (its history had met the revised list at `zhishui close`): a fact of each history, not of the month.  The
    month says the revision itself, once, in the same words on the command line, in 概况 and in the 控制台."""
    ledger, cli = overview(third_month["ledger_result"]), overview(third_month["cli"])
    assert ledger == cli, [x for x in zip(ledger, cli) if x[0] != x[1]][:3]
    said = [ln for ln in ledger if ln.startswith("责任清单有修订：")]
    assert said == ["责任清单有修订：与上期（2026年11月）相比修改1项（对应关系见汇总结果的「清单变更」表）"], ledger
    assert said[0] in third_month["cli_output"] and said[0] in third_month["replay"].cell("控制台", "B19")
    assert not [ln for ln in ledger if "清单有改动" in ln]
