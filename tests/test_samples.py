"""Checks on the sample workbooks in samples/ against the seed documents.

The expectations here are computed independently of samples/build_samples.py:
the seed text is only cut into lines (seed 001) or tab-separated fields
(seed 003), never parsed into rows with the build script's rules.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED001 = SEEDS / "001_68d812cbbc76274b.txt"
SEED003 = SEEDS / "003_7e3bd5380a7311d5.txt"

WB001 = SAMPLES / "seed001" / "永川区整改任务分解表.xlsx"
WB003 = SAMPLES / "seed003" / "新乡市污水处理提质增效三年行动方案责任清单.xlsx"
DIR003 = SAMPLES / "seed003" / "新乡市单位名录.xlsx"

HEADER001 = ["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"]
HEADER003 = ["序号", "重点任务", "工作具体内容", "工作完成期限", "责任单位", "责任人", "配合单位"]
HEADING003 = "新乡市污水处理提质增效三年行动方案（2019—2021年）责任清单"
DIR_HEADER = ["单位名称", "简称/别名", "类型", "分组", "联系人", "联系电话", "电子邮箱"]

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"seed folder not found: {SEEDS} (expected as ../shared/seeds beside the project root)",
)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def list_sheet(path: Path, title: str):
    wb = openpyxl.load_workbook(path)
    return wb, wb[title]


def header_row(ws) -> int:
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == "序号":
            return r
    raise AssertionError(f"no header row in {ws.title}")


def data_rows(ws) -> list[tuple[int, list]]:
    """(sheet row, cells) for every non-empty row below the header row."""
    h = header_row(ws)
    out = []
    for r in range(h + 1, ws.max_row + 1):
        cells = [ws.cell(r, c) for c in range(1, ws.max_column + 1)]
        if any(not isinstance(c, MergedCell) and c.value not in (None, "") for c in cells):
            out.append((r, cells))
    return out


def value(cell):
    """Value of a cell; None for the non-top-left cells of a merged range."""
    if isinstance(cell, MergedCell):
        return None
    return cell.value


def as_text(v) -> str:
    return str(v).strip() if v is not None else ""


def merges(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def seed001_table_lines() -> list[str]:
    """Non-empty lines of seed 001's table: after the bare 附件 line, before 抄送."""
    text = SEED001.read_text(encoding="utf-8")
    start = text.index("\n附件\n")
    end = text.index("\n抄送", start)
    lines = [l.strip() for l in text[start:end].split("\n") if l.strip()]
    assert lines[:2] == ["附件", "整改任务分解表"]
    return lines[2:]


def seed003_table_lines() -> list[list[str]]:
    """Tab-separated lines of seed 003's table (header included), fields stripped."""
    text = SEED003.read_text(encoding="utf-8")
    start = text.index("## " + HEADING003)
    lines = [l for l in text[start:].split("\n")[1:] if l.strip()]
    return [[f.strip() for f in l.split("\t")] for l in lines]


def split_units(cell: str) -> list[str]:
    """Split on 、，,；; outside brackets, drop 等… tails."""
    parts, buf, depth = [], "", 0
    for ch in cell:
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
        if depth == 0 and ch in "、，,；;":
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return [re.sub(r"等.*$", "", p.strip()) for p in parts if p.strip()]


def directory(path: Path) -> list[dict]:
    ws = openpyxl.load_workbook(path)["单位名录"]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == DIR_HEADER
    return [dict(zip(DIR_HEADER, r)) for r in rows[1:] if any(v is not None for v in r)]


def known_names(entries: list[dict]) -> set[str]:
    names = set()
    for e in entries:
        names.add(e["单位名称"])
        names.update(a for a in re.split(r"[、]", e["简称/别名"] or "") if a)
    return names


# --------------------------------------------------------------------------
# 1. row counts and 序号
# --------------------------------------------------------------------------
def test_seed001_rows_and_numbers():
    _, ws = list_sheet(WB001, "整改任务分解表")
    assert ws["A1"].value == "附件"
    assert ws["A2"].value == "整改任务分解表"
    h = header_row(ws)
    assert h == 3
    assert [ws.cell(h, c).value for c in range(1, 8)] == HEADER001
    rows = data_rows(ws)
    assert len(rows) == 63
    assert [value(cells[0]) for _, cells in rows] == list(range(1, 64))
    assert [r for r, _ in rows] == list(range(4, 67))


def test_seed003_rows_and_numbers():
    _, ws = list_sheet(WB003, "责任清单")
    assert ws["A1"].value == "附件"
    assert ws["A2"].value == HEADING003
    h = header_row(ws)
    assert h == 3
    assert [ws.cell(h, c).value for c in range(1, 8)] == HEADER003
    rows = data_rows(ws)
    assert len(rows) == 38
    numbers = [value(cells[0]) for _, cells in rows]
    assert numbers == [1, None] + list(range(3, 39))
    assert 2 not in numbers


# --------------------------------------------------------------------------
# 2. faithfulness to the seed text
# --------------------------------------------------------------------------
def _walk(rows, atoms: list[str], skip_cols: set[int]) -> None:
    """Every non-empty cell (row order, column order) equals a seed atom at or after the cursor."""
    cursor = 0
    for r, cells in rows:
        for c, cell in enumerate(cells):
            if c in skip_cols:
                continue
            v = value(cell)
            if v is None:
                continue
            if isinstance(v, str):
                assert v == v.strip(), f"row {r} col {c + 1}: untrimmed text"
            text = as_text(v)
            try:
                cursor = atoms.index(text, cursor) + 1
            except ValueError:
                pytest.fail(f"row {r} col {c + 1}: {text[:30]!r} not found in the seed after atom {cursor}")


@needs_seeds
def test_seed001_cells_verbatim():
    atoms = seed001_table_lines()
    assert atoms[:7] == HEADER001
    _, ws = list_sheet(WB001, "整改任务分解表")
    rows = data_rows(ws)
    _walk(rows, atoms[7:], skip_cols={1})
    categories = [value(cells[1]) for _, cells in rows if value(cells[1])]
    assert len(categories) == 6
    for cat in categories:
        assert cat in atoms, cat
    # Completeness: the sheet holds exactly the seed's non-empty cells.
    sheet_texts = Counter(as_text(value(c)) for _, cells in rows for c in cells if value(c) is not None)
    assert sheet_texts == Counter(atoms[7:])


@needs_seeds
def test_seed003_cells_verbatim():
    lines = seed003_table_lines()
    assert lines[0] == HEADER003
    # The table has no wrapped cells: every cell is one tab-separated field,
    # so the comparison is exact (no whitespace collapsing is needed).
    atoms = [f for line in lines[1:] for f in line]
    _, ws = list_sheet(WB003, "责任清单")
    rows = data_rows(ws)
    _walk(rows, atoms, skip_cols={1})
    table_text = "\n".join("\t".join(l) for l in lines)
    for _, cells in rows:
        cat = value(cells[1])
        if cat:
            assert cat in table_text, cat
    sheet_texts = Counter(as_text(value(c)) for _, cells in rows for c in cells if value(c) is not None)
    assert sheet_texts == Counter(a for a in atoms if a)


def test_seed001_columns_spot_checks():
    """Rows read by hand from the seed, where empty 牵头/配合 cells shift nothing."""
    _, ws = list_sheet(WB001, "整改任务分解表")
    rows = {value(cells[0]): [as_text(value(c)) for c in cells] for _, cells in data_rows(ws)}
    assert rows[1][3:] == ["2020年12月底完成,并长期坚持", "区农业农村委", "各镇街", ""]
    assert rows[2][3:] == ["2021年12月底", "", "卫星湖街道", "区农业农村委"]
    assert rows[8][3:] == ["2020年9月底", "", "区农业农村委", ""]
    assert rows[10][6] == "卫星湖街道、区生态环境局、区市场管理局"
    assert rows[18][4:] == ["区经济信息委、区水利局", "凤凰湖产业促进中心、三教产业促进中心、港桥产业促进中心", ""]
    assert rows[35][4:] == ["区住房城乡建委", "各镇街", "重庆市永川区惠永水务有限公司"]
    assert rows[41][4:] == ["区住房城乡建委", "重庆市永川区惠永水务有限公司", "相关镇街"]
    assert rows[63][4:] == ["", "区纪委监委", "区委组织部"]
    assert rows[32][2].endswith("做到还请老账、不欠新账。")  # the seed's own typo (还清 → 还请)


@needs_seeds
def test_seed003_columns_match_seed_lines():
    """Sheet row i equals seed table line i field by field (categories aside)."""
    seed_rows = seed003_table_lines()[1:]
    _, ws = list_sheet(WB003, "责任清单")
    rows = data_rows(ws)
    assert len(rows) == len(seed_rows)
    for (r, cells), fields in zip(rows, seed_rows):
        got = [as_text(value(c)) for c in cells]
        for c in (0, 2, 3, 4, 5, 6):
            assert got[c] == fields[c], (r, c)


# --------------------------------------------------------------------------
# 3. merged cells
# --------------------------------------------------------------------------
def _sheet_row_of(rows, number) -> int:
    return next(r for r, cells in rows if value(cells[0]) == number)


def test_seed001_merges():
    _, ws = list_sheet(WB001, "整改任务分解表")
    rows = data_rows(ws)
    spans = [(1, 11), (12, 19), (20, 29), (30, 46), (47, 55), (56, 63)]
    expected = {f"B{_sheet_row_of(rows, a)}:B{_sheet_row_of(rows, b)}" for a, b in spans}
    got = merges(ws)
    assert "A2:G2" in got
    assert {m for m in got if m.startswith("B")} == expected
    assert got == expected | {"A2:G2"}
    for a, _ in spans:
        top = ws.cell(_sheet_row_of(rows, a), 2)
        assert isinstance(top.value, str) and re.match(r"^[一二三四五六]、", top.value)


@needs_seeds
def test_seed003_merges():
    _, ws = list_sheet(WB003, "责任清单")
    rows = data_rows(ws)
    got = merges(ws)
    assert "A2:G2" in got
    # Continuation row: right below task 1, 序号 empty and not merged,
    # its category and unit cells merged with task 1's.
    r1 = _sheet_row_of(rows, 1)
    cont = r1 + 1
    assert ws.cell(cont, 1).value is None
    assert not any(f"A{r1}:A{cont}" == m or m.startswith(f"A{cont}") for m in got)
    for col in "BEFG":
        assert f"{col}{r1}:{col}{cont}" in got
    assert ws.cell(cont, 3).value and ws.cell(cont, 4).value == "2020年12月"

    spans = [
        (1, None), (3, 5), (6, 6), (7, 9), (10, 12), (13, 14), (15, 17), (18, 18),
        (19, 19), (20, 20), (21, 21), (22, 24), (25, 26), (27, 28), (29, 30),
        (31, 32), (33, 34), (35, 36), (37, 37), (38, 38),
    ]
    # The category printed in the seed for each span (seed lines keyed by 序号).
    seed_rows = seed003_table_lines()[1:]
    by_number: dict[object, list[str]] = {}
    for i, f in enumerate(seed_rows):
        by_number[int(f[0]) if f[0] else None] = f
    expected_merges = set()
    for a, b in spans:
        top = _sheet_row_of(rows, a)
        bottom = cont if b is None else _sheet_row_of(rows, b)
        if bottom > top:
            expected_merges.add(f"B{top}:B{bottom}")
        numbers = [a, None] if b is None else list(range(a, b + 1))
        printed = [by_number[n][1] for n in numbers if by_number[n][1]]
        assert len(printed) == 1, (a, b, printed)
        assert ws.cell(top, 2).value == printed[0]
        for r in range(top + 1, bottom + 1):
            assert value(ws.cell(r, 2)) is None
    assert {m for m in got if m.startswith("B")} == expected_merges
    assert got == expected_merges | {"A2:G2", f"E{r1}:E{cont}", f"F{r1}:F{cont}", f"G{r1}:G{cont}"}
    assert ws.cell(_sheet_row_of(rows, 37), 2).value == ws.cell(_sheet_row_of(rows, 38), 2).value


def test_list_sheet_layout():
    for path, title in ((WB001, "整改任务分解表"), (WB003, "责任清单")):
        _, ws = list_sheet(path, title)
        assert ws.freeze_panes == "A4"
        assert ws.print_title_rows == "$3:$3"
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
        assert ws["A3"].font.b and ws["A2"].font.b and ws["A2"].font.sz == 16
        assert all(ws.cell(4, c).alignment.wrap_text for c in range(2, 8))
        assert ws.column_dimensions["C"].width > 2 * ws.column_dimensions["D"].width


# --------------------------------------------------------------------------
# 4. unit directories
# --------------------------------------------------------------------------
def _list_units(ws, cols: list[int]) -> set[str]:
    units = set()
    for _, cells in data_rows(ws):
        for c in cols:
            units.update(split_units(as_text(value(cells[c]))))
    return {u for u in units if u}


def test_seed001_directory():
    wb = openpyxl.load_workbook(WB001)
    entries = directory(WB001)
    names = known_names(entries)
    for e in entries:
        assert e["类型"] in {"部门", "街道", "镇", "乡", "县", "县级市", "区", "管委会", "产业促进中心", "企业", "其他"}
    # No slip and no group word anywhere in the directory.
    for row in wb["单位名录"].iter_rows(values_only=True):
        for v in row:
            assert "区市场管理局" not in as_text(v)
    for e in entries:
        assert not e["单位名称"].startswith(("各", "相关"))
    units = _list_units(wb["整改任务分解表"], [4, 5, 6])
    used = {u for u in units if not u.startswith(("各", "相关")) and u != "区市场管理局"}
    missing = sorted(used - names)
    assert not missing, missing
    assert "区市场管理局" in units  # the slip is really in the seed-derived list
    # Group members.
    zhenjie = [e["单位名称"] for e in entries if e["分组"] == "镇街"]
    assert len(zhenjie) == 23
    assert sum(e["类型"] == "街道" for e in entries) == 7
    assert sum(e["类型"] == "镇" for e in entries) == 16
    assert sorted(e["单位名称"] for e in entries if e["分组"] == "产业促进中心") == sorted(
        ["凤凰湖产业促进中心", "三教产业促进中心", "港桥产业促进中心"])
    for e in entries:
        if e["分组"]:
            assert (e["分组"] == "镇街") == (e["类型"] in {"镇", "街道"})
    eco = next(e for e in entries if e["单位名称"] == "区生态环境局")
    assert (eco["联系人"], str(eco["联系电话"]), eco["电子邮箱"]) == ("郑强", "49584707", "283782263@qq.com")
    assert sum(1 for e in entries if e["联系人"]) == 1
    assert len({e["单位名称"] for e in entries}) == len(entries)


def test_seed003_directory():
    wb = openpyxl.load_workbook(WB003)
    assert "单位名录" not in wb.sheetnames
    entries = directory(DIR003)
    names = known_names(entries)
    units = _list_units(wb["责任清单"], [4, 6])
    used = {u for u in units if not u.startswith(("各", "相关")) and u != "管委会"}
    city_depts = {u for u in used if u.startswith("市")}
    assert {"市住建局", "市发改委", "市卫健委", "市市场监管局", "市金融局", "市工信局"} <= city_depts
    assert not sorted(city_depts - names), sorted(city_depts - names)
    assert not sorted(used - names), sorted(used - names)
    # Abbreviations are aliases, not names.
    for abbr in ("市住建局", "市发改委", "市卫健委", "市市场监管局", "市金融局", "市工信局"):
        assert abbr not in {e["单位名称"] for e in entries}
    kinds = {e["单位名称"]: e["类型"] for e in entries}
    assert kinds["卫辉市人民政府"] == "县级市" and kinds["获嘉县人民政府"] == "县"
    assert kinds["红旗区人民政府"] == "区" and kinds["新乡经济技术开发区管理委员会"] == "管委会"
    assert kinds["新乡投资集团有限公司"] == "企业"
    assert all(not e["分组"] and not e["联系人"] for e in entries)


# --------------------------------------------------------------------------
# settings sheets
# --------------------------------------------------------------------------
def test_settings():
    for path, date, doc_no in ((WB001, dt.datetime(2020, 9, 23), "永川府办发〔2020〕82号"),
                               (WB003, dt.datetime(2019, 11, 13), "新建〔2019〕182号")):
        ws = openpyxl.load_workbook(path)["设置"]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == ["项目", "值", "说明"]
        items = {r[0]: r[1] for r in rows[1:]}
        codes = ["通报文号前缀", "督办文号前缀", "催报文号前缀"] if path == WB001 else []   # examples for the demo
        assert list(items) == ["发文机关", "文件标题", "文号", "成文日期", "方案名称", "地区",
                               "汇总单位", "联系人", "联系电话", "电子邮箱"] + codes
        assert items["成文日期"] == date
        assert items["文号"] == doc_no
        date_cell = next(ws.cell(r, 2) for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "成文日期")
        assert date_cell.number_format == 'yyyy"年"m"月"d"日"'
        assert all(r[2] for r in rows[1:])


# --------------------------------------------------------------------------
# 5. freshness: the committed files are what the build script makes
# --------------------------------------------------------------------------
def _snapshot(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {
        ws.title: (
            [[c.value for c in row] for row in ws.iter_rows()],
            sorted(merges(ws)),
        )
        for ws in wb
    }


@needs_seeds
def test_samples_are_fresh(tmp_path):
    subprocess.run(
        [sys.executable, str(SAMPLES / "build_samples.py"), "--out", str(tmp_path), "--seeds", str(SEEDS)],
        check=True, capture_output=True,
    )
    for committed in (WB001, WB003, DIR003):
        rebuilt = tmp_path / committed.relative_to(SAMPLES)
        assert rebuilt.is_file(), rebuilt
        assert _snapshot(rebuilt) == _snapshot(committed), f"{committed.name} is stale: run samples/build_samples.py"
