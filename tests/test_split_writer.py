"""split writes each return from parts XlsxWriter made once (zhishui.xlsxparts); the result must be
the workbook XlsxWriter alone wrote before (tests/xlsxwriter_return.py, the old code kept as it was):
compared part by part, byte for byte, and read back cell by cell with openpyxl (an independent
reader): values, types, fonts, fills, borders, alignment, protection, number formats, widths, hidden
columns, heights, merges, validations, sheet protection, the very-hidden identity sheet, page setup.
The list is the seed's, made hostile: extra columns, text Excel would take for a formula or an
escape, control characters, spaces at the ends, XML's special characters, a cell over Excel's limit,
units with more than 16 tasks (rows past the first block of 16), notices and links."""
from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest

import xlsxwriter_return as old
from conftest import LIST001
from zhishui import returnsheet as rs
from zhishui.plans import identity_of
from zhishui.split import IssuedText, open_units, write_return
from zhishui.tasks import load_list

PERIOD, DUE, MADE = dt.date(2020, 11, 1), dt.date(2020, 11, 25), dt.datetime(2020, 11, 2, 9, 30)
# as stored in the list's XML: _x005F_x0041_ is the text "_x0041_", _x000B_ a vertical tab (readers decode both)
HOSTILE = {
    "C4": '=SUM(A1)_x005F_x0041_ 恶意 & <b>"引号"_x000B_竖制表_x0001_控制 ',   # formula- and escape-like, controls
    "C5": " 前导空格：具体举措",
    "B4": "一、表情😀与 &amp; 实体",
    "D8": "2020年12月底前 ",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    wb = openpyxl.load_workbook(LIST001)
    ws = wb["整改任务分解表"]
    ws["H3"], ws["I3"] = "投资估算（万元）", "备注"
    for r in range(4, ws.max_row + 1):
        ws.cell(r, 8, [120.5, "约3000", "=1+1", None][r % 4])
        ws.cell(r, 9, "备注<" + "很长的说明" * (r % 7) if r % 3 else None)
    for ref, text in HOSTILE.items():
        ws[ref] = text
        ws[ref].data_type = "s"
    p = tmp_path_factory.mktemp("list") / "清单.xlsx"
    wb.save(p)
    tl = load_list(p)
    assert tl.tasks[0].content.startswith('=SUM(A1)_x0041_ 恶意') and "\x0b" in tl.tasks[0].content
    tl.tasks[2].content = "长" * 40000      # over Excel's 32,767 characters (a list read from CSV can hold it)
    return tl


def _both(tl, unit, roles, tmp_path, **kw):
    tasks = [t for t in tl.tasks if t.key in roles]
    new, was = tmp_path / f"new_{unit}.xlsx", tmp_path / f"old_{unit}.xlsx"
    write_return(new, tl, unit, tasks, roles, PERIOD, DUE, MADE, identity_of(tl), issued=kw.pop("issued", None), **kw)
    old.write_return(was, tl, unit, tasks, roles, PERIOD, DUE, MADE, identity_of(tl), **kw)
    return new, was


def test_every_unit_is_written_byte_for_byte_as_xlsxwriter_wrote_it(hostile, tmp_path):
    tl = hostile
    units = open_units(tl)
    assert any(len(r) > 16 for r in units.values()) and any(t.extras for t in tl.tasks)
    issued = IssuedText()          # shared by all units, as in a split run
    for n, (unit, roles) in enumerate(sorted(units.items())):
        first = next(t.key for t in tl.tasks if t.key in roles)
        kw = {"link": "http://192.168.1.5:8080/u/abc?x=1&y=<2>" if n % 2 else None,
              "notices": {first: "延期已同意：完成时限调整为2021年03月31日 & <以后>"} if n % 3 == 0 else None}
        new, was = _both(tl, unit, roles, tmp_path, issued=issued, **kw)
        with zipfile.ZipFile(new) as a, zipfile.ZipFile(was) as b:
            assert a.namelist() == b.namelist(), unit
            for name in b.namelist():
                assert a.read(name) == b.read(name), (unit, name)
        assert new.read_bytes() == was.read_bytes(), unit      # the zip itself too
    assert len(units) > 40


def _cells(ws):
    out = {}
    for row in ws.iter_rows():
        for c in row:
            out[c.coordinate] = (c.value, c.data_type, c.number_format, c.protection.locked, c.protection.hidden,
                                 repr(c.font), repr(c.fill), repr(c.border), repr(c.alignment))
    return out


def _sheet(ws):
    dv = [(v.type, v.operator, v.formula1, v.formula2, str(v.sqref), v.allow_blank, v.showErrorMessage,
           v.showInputMessage, v.errorTitle, v.error, v.promptTitle, v.prompt) for v in ws.data_validations.dataValidation]
    p = ws.protection
    return {"cells": _cells(ws), "validations": dv, "merged": sorted(str(m) for m in ws.merged_cells.ranges),
            "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
            "heights": {k: (d.height, d.hidden) for k, d in ws.row_dimensions.items()},
            "protection": (p.sheet, p.password, p.formatColumns, p.formatRows, p.formatCells, p.insertRows,
                           p.deleteRows, p.selectLockedCells, p.selectUnlockedCells, p.objects, p.scenarios),
            "state": ws.sheet_state, "freeze": ws.freeze_panes, "print_titles": ws.print_title_rows,
            "page": (ws.page_setup.orientation, ws.page_setup.paperSize, ws.page_setup.fitToWidth,
                     ws.page_setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage
                     if ws.sheet_properties.pageSetUpPr else None),
            "dimensions": ws.dimensions}


def test_read_back_cell_by_cell_the_same(hostile, tmp_path):
    tl = hostile
    units = open_units(tl)
    # the unit with the most tasks among those given the hostile first and the over-long third task
    big = max(set(tl.tasks[0].unit_roles()) & set(tl.tasks[2].unit_roles()), key=lambda u: len(units[u]))
    first = next(t.key for t in tl.tasks if t.key in units[big])
    new, was = _both(tl, big, units[big], tmp_path, link="http://x/u/1", notices={first: "销号已退回"})
    a, b = openpyxl.load_workbook(new), openpyxl.load_workbook(was)
    assert a.sheetnames == b.sheetnames == [rs.SHEET, rs.IDENTITY_SHEET]
    for name in b.sheetnames:
        assert _sheet(a[name]) == _sheet(b[name]), name
    ws, idn = a[rs.SHEET], a[rs.IDENTITY_SHEET]
    # what the comparison covers is really there (not two equally empty reads)
    r = rs.FIRST_TASK_ROW
    assert ws.protection.sheet and ws.column_dimensions["L"].hidden and idn.sheet_state == "veryHidden"
    assert ws.cell(r, 3).protection.locked and not ws.cell(r, 6).protection.locked
    assert len(ws.data_validations.dataValidation) == 4 and len(units[big]) > 16
    assert ws.cell(rs.HEADER_ROW, 18).value == rs.EXTRA_PREFIX + "投资估算（万元）"
    texts = {c.value for row in ws.iter_rows(min_row=r) for c in row if isinstance(c.value, str)}
    assert "长" * 100 in "".join(texts) and any(t.startswith("=SUM(A1)_x0041_") for t in texts)
    assert (a.properties.title, a.properties.creator, a.properties.created) == \
        (b.properties.title, b.properties.creator, b.properties.created)


def test_hostile_text_survives_in_the_units_that_have_it(hostile, tmp_path):
    """The tasks made hostile, read back from the unit's return: text as written (controls and the
    over-long cell made to fit as before), never a formula."""
    tl = hostile
    units = open_units(tl)
    task = next(t for t in tl.tasks if t.content.startswith("=SUM"))
    unit = next(iter(task.unit_roles()))
    new, was = _both(tl, unit, units[unit], tmp_path)
    for path in (new, was):
        ws = openpyxl.load_workbook(path)[rs.SHEET]
        keys = [ws.cell(r, 12).value for r in range(rs.FIRST_TASK_ROW, rs.FIRST_TASK_ROW + len(units[unit]))]
        c = ws.cell(rs.FIRST_TASK_ROW + keys.index(task.key), 3)
        assert c.data_type == "s" and c.value.startswith('=SUM(A1)_x0041_ 恶意 & <b>"引号"\n竖制表\ufffd控制'), repr(c.value)
