"""Read what Excel reads: a unit's return arriving as an OA system's HTML-table ".xls", as
LibreOffice's HTML export, as Excel 2003 XML, as UTF-16 text (Excel's 另存为「Unicode文本」,
LibreOffice's UTF-16 text, a UTF-16LE CSV without BOM) and as WPS .et/.ett.  Each file
is made the way its program makes it; each test checks that the unit is counted and that
every typed value arrives in the result with its provenance (file, sheet, cell).
"""
from __future__ import annotations

import datetime as dt
import html
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import LIST001, soffice
from returns_factory import ON_TIME, fill_return, set_mtime, sheet_rows, text_of
from zhishui.month import run_month
from zhishui.result_writer import write_result
from zhishui.split import split_returns
from zhishui.tasks import load_list

PERIOD = dt.date(2020, 11, 1)
DUE = dt.date(2020, 11, 25)
RIVER = "区河长办"


@pytest.fixture(scope="module")
def tl():
    return load_list(LIST001)


@pytest.fixture(scope="module")
def filled(tl, tmp_path_factory):
    out = tmp_path_factory.mktemp("split")
    made = {m.unit: m.path for m in split_returns(tl, PERIOD, out, due=DUE, generated=dt.datetime(2020, 11, 1, 9))}
    return fill_return(made[RIVER], out / "filled" / "区河长办报送表.xlsx", RIVER)


def shown(v) -> str:
    """What Excel shows and exports as text: 0.6 in a 0% cell is 60%, dates as 2020/11/20."""
    if isinstance(v, float) and 0 <= v <= 1 and not v.is_integer():
        return f"{v:.0%}"
    if isinstance(v, dt.datetime):
        return f"{v.year}/{v.month}/{v.day}"
    return text_of(v)


def rows_of(filled) -> list[list[str]]:
    return [[shown(v) for v in row[:11]] for row in sheet_rows(filled.path)]


def lo_convert(src: Path, filt: str, out: Path) -> Path:
    """LibreOffice's own export (a private profile per call)."""
    import os
    import tempfile
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run([soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", filt, "--outdir", str(out), str(src)], capture_output=True, timeout=180,
                       env={**os.environ, "HOME": profile}, check=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    made = out / f"{src.stem}.{filt.split(':')[0]}"
    assert made.exists(), filt
    return made


# --- the files, made as their programs make them ---------------------------------------

def oa_html_xls(filled, dst: Path) -> Path:
    """What OA systems send as an .xls: an HTML table with Excel's namespaces, the sheet name in
    an x:ExcelWorksheet block, GBK, merged title cells as colspan (the JSP/ASP export pattern)."""
    rows = rows_of(filled)
    body = []
    for i, row in enumerate(rows):
        if i < 3:   # title, unit/period line and the note span the table
            body.append(f'<tr><td colspan="11" style="font-weight:bold">{html.escape(row[0])}</td></tr>')
            continue
        body.append("<tr>" + "".join(f"<td style=\"mso-number-format:'\\@'\">{html.escape(v)}</td>" for v in row)
                    + "</tr>")
    page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" '
            'xmlns="http://www.w3.org/TR/REC-html40">\r\n<head><meta http-equiv="Content-Type" content="text/html; '
            'charset=GBK"><!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet>'
            '<x:Name>报送表</x:Name><x:WorksheetOptions><x:DisplayGridlines/></x:WorksheetOptions>'
            '</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>\r\n'
            '<body><table border="1" cellspacing="0">\r\n' + "\r\n".join(body) + "\r\n</table></body></html>")
    dst.write_bytes(page.encode("gbk"))
    return dst


def excel_unicode_text(filled, dst: Path) -> Path:
    """Excel's 另存为「Unicode 文本」: UTF-16LE with a BOM, tab-separated, CRLF, fields quoted
    only when they hold a tab, a quote or a line break."""
    def field(v):
        return f'"{v.replace(chr(34), chr(34) * 2)}"' if any(c in v for c in '\t"\n') else v
    text = "\r\n".join("\t".join(field(v) for v in row) for row in rows_of(filled)) + "\r\n"
    dst.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return dst


def utf16le_csv_without_bom(filled, dst: Path) -> Path:
    """A UTF-16LE CSV without a byte-order mark, as some report exporters write it."""
    import csv
    import io
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows_of(filled))
    dst.write_bytes(buf.getvalue().encode("utf-16-le"))
    return dst


def excel_2003_xml(filled, dst: Path) -> Path:
    """Excel 2003 XML Spreadsheet (another OA export under an .xls name): numbers typed, the title merged."""
    rows = sheet_rows(filled.path)
    out = ['<?xml version="1.0"?>', '<?mso-application progid="Excel.Sheet"?>',
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
           '<Worksheet ss:Name="报送表"><Table>']
    for i, row in enumerate(rows):
        cells = []
        for c, v in enumerate(row[:11]):
            if v is None or v == "":
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                data = f'<Data ss:Type="Number">{v}</Data>'
            elif isinstance(v, dt.datetime):
                data = f'<Data ss:Type="DateTime">{v:%Y-%m-%dT%H:%M:%S}.000</Data>'
            else:
                data = f'<Data ss:Type="String">{html.escape(str(v))}</Data>'
            merge = ' ss:MergeAcross="10"' if i < 3 else ""
            cells.append(f'<Cell ss:Index="{c + 1}"{merge}>{data}</Cell>')
        out.append(f'<Row ss:Index="{i + 1}">' + "".join(cells) + "</Row>")
    out += ["</Table></Worksheet>", "</Workbook>"]
    dst.write_text("\n".join(out), encoding="utf-8")
    return dst


def made_file(kind: str, filled, folder: Path) -> tuple[Path, str, str]:
    """(file in the inbox, expected format, sheet name the values carry)."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "oa_html_xls":
        return oa_html_xls(filled, folder / "区河长办报送表.xls"), "html", "报送表"
    if kind == "libreoffice_html_xls":
        src = lo_convert(filled.path, "html:HTML (StarCalc)", folder.parent / "lo_html")
        dst = folder / "区河长办报送表.xls"
        shutil.copy(src, dst)
        return dst, "html", "区河长办报送表"
    if kind == "excel_unicode_text":
        return excel_unicode_text(filled, folder / "区河长办报送表.txt"), "csv", "区河长办报送表"
    if kind == "libreoffice_utf16_text":
        src = lo_convert(filled.path, "csv:Text - txt - csv (StarCalc):9,34,65535,1", folder.parent / "lo_txt")
        assert src.read_bytes()[:2] == b"\xff\xfe"
        dst = folder / "区河长办报送表.txt"
        shutil.copy(src, dst)
        return dst, "csv", "区河长办报送表"
    if kind == "utf16le_csv_without_bom":
        return utf16le_csv_without_bom(filled, folder / "区河长办报送表.csv"), "csv", "区河长办报送表"
    if kind == "excel_2003_xml":
        return excel_2003_xml(filled, folder / "区河长办报送表.xls"), "xml2003", "报送表"
    if kind in ("wps_et", "wps_ett"):
        ext = kind[4:]
        filt = "et:MS Excel 97" if ext == "et" else "ett:MS Excel 97 Vorlage/Template"
        src = lo_convert(filled.path, filt, folder.parent / f"lo_{ext}")
        dst = folder / f"区河长办报送表.{ext}"
        shutil.copy(src, dst)
        return dst, "et", "报送表"
    raise AssertionError(kind)


KINDS = ["oa_html_xls", "libreoffice_html_xls", "excel_unicode_text", "libreoffice_utf16_text",
         "utf16le_csv_without_bom", "excel_2003_xml", "wps_et", "wps_ett"]


@pytest.mark.parametrize("kind", KINDS)
def test_values_arrive_with_provenance(kind, tl, filled, tmp_path):
    inbox = tmp_path / "收件"
    path, fmt, sheet = made_file(kind, filled, inbox)
    set_mtime(path, ON_TIME)
    res = run_month(tl, [inbox], PERIOD, dt.date(2020, 11, 30), due=DUE, use_history=False)
    col = res.col
    display = f"收件/{path.name}"
    sub = next(s for s in col.submissions if s.file == display)
    assert (sub.status, sub.unit, sub.format) == ("counted", RIVER, fmt), \
        (sub.status, sub.unit, sub.format, [(a.code, a.message) for a in col.anomalies][:5])
    values = {(v.sheet, v.cell): v for v in col.values if v.file == display}
    reports = {r.task: r for r in sub.reports}
    checked = 0
    for key, typed in filled.expected.items():
        row = filled.rows[key]
        rep = reports[key]
        assert rep.row == row and rep.sheet == sheet
        if "progress" in typed:
            v = values[(sheet, f"H{row}")]        # the cell the unit typed it into
            assert v.raw == typed["progress"] and v.used and v.task == key
            assert rep.progress == typed["progress"] and rep.cells["progress"] == f"H{row}"
            checked += 1
        if "state" in typed:
            assert rep.state == typed["state"]
        if "percent" in typed:
            assert rep.percent == pytest.approx(typed["percent"])
    assert checked >= 5
    # and in the result workbook, with file, sheet and cell
    import python_calamine as pc
    out = write_result(res, tmp_path / "汇总.xlsx", all_values=True)
    raw = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("原始数据").to_python()
    head = raw[0]
    rows = [dict(zip(head, r)) for r in raw[1:]]
    key, typed = next((k, t) for k, t in filled.expected.items() if "progress" in t)
    hit = [r for r in rows if r["文件"] == display and r["工作表"] == sheet and r["单元格"] == f"H{filled.rows[key]}"]
    assert hit and hit[0]["原始值"] == typed["progress"] and hit[0]["是否采用"] == "是" and hit[0]["单位"] == RIVER


def test_html_rowspan_colspan_and_line_breaks_become_a_grid(tmp_path):
    from zhishui.workbook_reader import read_book
    p = tmp_path / "导出.xls"
    p.write_bytes('<html><body><table><tr><td rowspan="2">甲</td><td colspan="2">乙<br>丙</td></tr>'
                  '<tr><td>1</td><td>  2\n  3 </td></tr></table></body></html>'.encode("utf-8"))
    g = read_book(p).sheets[0]
    assert g.rows == [["甲", "乙\n丙", ""], ["", "1", "2 3"]]
    assert sorted(g.merged) == [(0, 0, 1, 0), (0, 1, 0, 2)]


def test_damaged_et_says_how_to_save_it(tmp_path):
    from zhishui.errors import ZhishuiError
    from zhishui.workbook_reader import OLE_MAGIC, read_bytes
    with pytest.raises(ZhishuiError) as ei:
        read_bytes(OLE_MAGIC + b"\x00" * 600, Path("区河长办报送表.et"))
    assert "WPS" in ei.value.message and "另存为" in ei.value.message and ".xlsx" in ei.value.message
