"""The same list saved as xlsx, xls, ods, csv (UTF-8, UTF-8 with BOM, GBK) gives identical tasks;
files made by other programs (xlsb, hostile files) read or fail with a Chinese message."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from conftest import LIST001, LIST003, DIR003, fixture_file, office_convert
from zhishui.errors import ZhishuiError
from zhishui.tasks import load_list
from zhishui.workbook_reader import cell_text, read_book


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    """seed 001's list as every format LibreOffice (a real office suite) can write, plus GBK/BOM csv."""
    out = tmp_path_factory.mktemp("formats")
    files = {"xlsx": LIST001}
    files["xls"] = office_convert(LIST001, "xls", out / "xls")
    files["ods"] = office_convert(LIST001, "ods", out / "ods")
    files["xlsx(LibreOffice)"] = office_convert(LIST001, "xlsx", out / "lo")
    csv = office_convert(LIST001, "csv:Text - txt - csv (StarCalc):44,34,76", out / "csv")
    text = csv.read_bytes().decode("utf-8")
    files["csv"] = csv
    bom = out / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    files["csv(BOM)"] = bom
    gbk = out / "gbk.csv"
    gbk.write_bytes(text.encode("gbk"))  # what Chinese Excel's "CSV (逗号分隔)" writes
    files["csv(GBK)"] = gbk
    return files


def comparable(tl):
    """Everything a task means, without what legitimately differs by format (sheet name of a csv)."""
    out = []
    for t in tl.tasks:
        d = t.to_dict()
        d["source"] = {"row": d["source"]["row"], "cells": d["source"]["cells"]}
        out.append(d)
    return out


def test_all_formats_give_identical_tasks(variants):
    reference = comparable(load_list(variants["xlsx"], directory_path=LIST001))
    assert len(reference) == 63
    for fmt, path in variants.items():
        tl = load_list(path, directory_path=LIST001)
        assert comparable(tl) == reference, fmt


def test_gbk_csv_is_decoded_as_gbk(variants):
    book = read_book(variants["csv(GBK)"])
    assert book.format == "csv" and book.encoding == "gb18030"
    assert any("整改任务分解表" in cell_text(v) for row in book.sheets[0].rows for v in row)
    assert read_book(variants["csv(BOM)"]).encoding == "utf-8-sig"


def test_format_is_decided_by_content_not_extension(tmp_path, variants):
    renamed = tmp_path / "报送表.xls"           # really an xlsx
    renamed.write_bytes(LIST001.read_bytes())
    assert read_book(renamed).format == "xlsx"
    no_ext = tmp_path / "清单"
    no_ext.write_bytes(variants["ods"].read_bytes())
    assert read_book(no_ext).format == "ods"


def test_merges_survive_in_xls_and_ods(variants):
    for fmt in ("xlsx", "xls", "ods"):
        g = read_book(variants[fmt]).sheet("整改任务分解表")
        assert (3, 1, 13, 1) in g.merged, fmt   # 重点任务 B4:B14 over tasks 1-11


def test_seed003_in_xls_keeps_continuation_and_merges(tmp_path):
    xls = office_convert(LIST003, "xls", tmp_path)
    a = comparable(load_list(LIST003, directory_path=DIR003))
    b = comparable(load_list(xls, directory_path=DIR003))
    assert a == b and len(a) == 37


# --- files made by other programs (calamine's own test files) ----------------------

def test_xlsb_made_by_excel_reads():
    book = read_book(fixture_file("any_sheets.xlsb"))
    assert book.format == "xlsb"
    vis = {s.name: s.visible for s in book.sheets}
    assert vis["Visible"] is True and vis["Hidden"] is False and vis["VeryHidden"] is False
    assert "Chart" not in vis
    dates = read_book(fixture_file("date.xlsb")).sheets[0]
    assert dates.raw(0, 0) == dt.date(2021, 1, 1) and cell_text(dates.raw(0, 0)) == "2021-01-01"


def test_xls_with_merged_cells_made_by_excel():
    g = read_book(fixture_file("merge_cells.xls")).sheets[0]
    assert (1, 0, 3, 0) in g.merged
    assert g.merged_text(2, 0) == ("Column Merge", True)


@pytest.mark.parametrize("name, code", [
    ("pass_protected.xlsb", "PASSWORD"),
    ("issue_594_dos.ods", None),
    ("issue_666_panic.xlsb", None),
    ("OOM_alloc.xls", None),
])
def test_hostile_files_never_crash(name, code):
    path = fixture_file(name)
    try:
        book = read_book(path)
    except ZhishuiError as e:
        assert path.name in e.message and "。" in e.message
        if code:
            assert e.code == code
        return
    assert code is None
    assert isinstance(book.sheets, list)


def test_password_protected_xlsx(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile
    out = io.BytesIO()
    with open(LIST001, "rb") as f:
        OOXMLFile(f).encrypt("123456", out)
    p = tmp_path / "加密.xlsx"
    p.write_bytes(out.getvalue())
    with pytest.raises(ZhishuiError) as ei:
        read_book(p)
    assert ei.value.code == "PASSWORD" and "密码" in ei.value.message and "加密.xlsx" in ei.value.message


@pytest.mark.parametrize("content, code, words", [
    (b"", "EMPTY_FILE", "空"),
    (b"PK\x03\x04 this zip was cut short", "CORRUPT", "损坏"),
    (b"%PDF-1.4 ...", "NOT_SPREADSHEET", "PDF"),
    (b"<html><body><p>1</p></body></html>", "NOT_SPREADSHEET", "网页"),   # a page without a table
    (b"\x89PNG\r\n\x1a\n\x00\x00", "NOT_SPREADSHEET", "图片"),
    (b"\x00\x01\x02\x03binary", "NOT_SPREADSHEET", "不是电子表格"),
])
def test_bad_files_get_chinese_messages(tmp_path, content, code, words):
    p = tmp_path / "报送表.xlsx"
    p.write_bytes(content)
    with pytest.raises(ZhishuiError) as ei:
        read_book(p)
    assert ei.value.code == code
    assert words in ei.value.message and "报送表.xlsx" in ei.value.message


def test_truncated_xlsx_is_corrupt(tmp_path):
    p = tmp_path / "坏.xlsx"
    p.write_bytes(LIST001.read_bytes()[:5000])
    with pytest.raises(ZhishuiError) as ei:
        read_book(p)
    assert ei.value.code == "CORRUPT"


def test_docx_is_not_a_spreadsheet(tmp_path):
    import docx
    p = tmp_path / "进展.xlsx"
    d = docx.Document()
    d.add_paragraph("进展情况")
    d.save(p)
    with pytest.raises(ZhishuiError) as ei:
        read_book(p)
    assert "Word" in ei.value.message
