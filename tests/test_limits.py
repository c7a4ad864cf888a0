"""Each documented limit (README「限制」, zhishui/limits.py) at the limit and one past it, each
with its own message; and the reading child's memory and time limits."""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest

import hostile_files as H
from conftest import SAMPLES
from zhishui import childread
from zhishui.errors import ZhishuiError
from zhishui.intake import gather
from zhishui.limits import (MAX_CELL_TEXT, MAX_CELLS_PER_FILE, MAX_CELLS_PER_RUN, MAX_FILE_BYTES, MAX_FILES,
                            MAX_TOTAL_BYTES, MAX_ZIP_DEPTH, MB)
from zhishui.sheettext import CUT_MARK, workbook_text
from zhishui.workbook_reader import read_book, read_bytes

CJK = re.compile(r"[\u4e00-\u9fff]")
RETURN = SAMPLES / "seed001" / "2020年11月报送" / "2020年11月_区交通局_进展情况报送表.xlsx"


def codes(anomalies):
    return [a.code for a in anomalies]


def test_largest_file(tmp_path):
    H.sparse(tmp_path / "恰好.pdf", MAX_FILE_BYTES)
    H.sparse(tmp_path / "多一字节.pdf", MAX_FILE_BYTES + 1)
    found = []
    recs = gather([tmp_path], found)
    assert [r.name for r in recs] == ["恰好.pdf"] and recs[0].size == MAX_FILE_BYTES
    (a,) = found
    assert a.code == "TOO_LARGE" and a.file.endswith("多一字节.pdf") and "100MB" in a.message


def test_largest_zip_member_whatever_its_header_says(tmp_path):
    H.zeros_zip(tmp_path / "甲.zip", ["恰好.pdf"], MAX_FILE_BYTES)
    H.zeros_zip(tmp_path / "乙.zip", ["多一字节.pdf"], MAX_FILE_BYTES + 1)
    found = []
    recs = gather([tmp_path / "甲.zip", tmp_path / "乙.zip"], found)
    assert [r.display for r in recs] == ["甲.zip!恰好.pdf"] and recs[0].size == MAX_FILE_BYTES
    assert codes(found) == ["TOO_LARGE"] and found[0].file == "乙.zip!多一字节.pdf"
    # a header that understates the size: unpacking stops at the limit all the same
    data = bytearray((tmp_path / "乙.zip").read_bytes())
    cd = data.rfind(b"PK\x01\x02")
    for off in (22, cd + 24):    # uncompressed size in the local header and in the central directory
        data[off:off + 4] = (1000).to_bytes(4, "little")
    (tmp_path / "丙.zip").write_bytes(bytes(data))
    found = []
    assert gather([tmp_path / "丙.zip"], found) == []
    assert codes(found) in (["TOO_LARGE"], ["CORRUPT_ARCHIVE"]) and CJK.search(found[0].message)


def test_most_files(tmp_path):
    d = tmp_path / "收件"
    d.mkdir()
    for i in range(MAX_FILES):
        (d / f"{i:05d}.txt").write_bytes(b"x")
    found = []
    assert len(gather([d], found)) == MAX_FILES and found == []
    (d / "99999.txt").write_bytes(b"x")
    found = []
    assert len(gather([d], found)) == MAX_FILES
    (a,) = found
    assert a.code == "TOO_MANY_FILES" and a.file == "收件/99999.txt" and "另有1个文件" in a.message


def test_most_received_bytes(tmp_path):
    n = MAX_TOTAL_BYTES // MAX_FILE_BYTES
    for i in range(n):
        H.sparse(tmp_path / f"{i:02d}.pdf", MAX_FILE_BYTES)
    H.sparse(tmp_path / "98.pdf", MAX_TOTAL_BYTES - n * MAX_FILE_BYTES)
    H.sparse(tmp_path / "99.pdf", 1)
    found = []
    recs = gather([tmp_path], found)
    assert sum(r.size for r in recs) == MAX_TOTAL_BYTES
    (a,) = found
    assert a.code == "TOO_MUCH_DATA" and a.file.endswith("99.pdf")


def test_deepest_zip(tmp_path):
    data = RETURN.read_bytes()
    H.nested_zip(tmp_path / "五层.zip", MAX_ZIP_DEPTH, "报送表.xlsx", data)
    H.nested_zip(tmp_path / "六层.zip", MAX_ZIP_DEPTH + 1, "报送表.xlsx", data)
    found = []
    recs = gather([tmp_path / "五层.zip"], found)
    assert found == [] and len(recs) == 1 and recs[0].display.count("!") == MAX_ZIP_DEPTH and recs[0].data == data
    recs = gather([tmp_path / "六层.zip"], found)
    assert recs == [] and codes(found) == ["ZIP_TOO_DEEP"] and f"{MAX_ZIP_DEPTH}层" in found[0].message


def test_longest_cell_text(tmp_path):
    at = "字" * MAX_CELL_TEXT
    past = "字" * (MAX_CELL_TEXT + 1)
    book = read_bytes(f"序号,进展情况\n1,{at}\n2,{past}\n".encode("utf-8"), Path("长.csv"))
    (issue,) = book.issues
    assert (issue.code, issue.cell) == ("CELL_TEXT_TOO_LONG", "B3") and "32767" in issue.message
    assert book.sheets[0].rows[2][1] == past                 # read in full (kept in the history)
    assert workbook_text(at) == at                            # at the limit: written as it is
    shown = workbook_text(past)
    assert len(shown) == MAX_CELL_TEXT and shown.endswith(CUT_MARK)


def _area_xlsx(path: Path, rows: int, cols: int) -> Path:
    return H.spread_sheets(path, 1, rows, cols)


def test_most_cells_per_file(tmp_path):
    assert MAX_CELLS_PER_FILE == 20 * 10_000
    ok = read_book(_area_xlsx(tmp_path / "恰好.xlsx", 10_000, 20))
    assert len(ok.sheets[0].rows) == 10_000
    # 200,001 = 3 x 66,667: one cell past the limit
    with pytest.raises(ZhishuiError) as ei:
        read_bytes(_area_xlsx(tmp_path / "多一格.xlsx", 66_667, 3).read_bytes(), Path("多一格.xlsx"))
    e = ei.value
    assert e.code == "TOO_LARGE" and e.cell == "C66667" and e.sheet == "表1" and "20万" in e.message
    # the same for text tables (counted while reading)
    rows = "\n".join(",".join("x" for _ in range(20)) for _ in range(10_000))
    assert read_bytes(rows.encode(), Path("恰好.csv")).cells == MAX_CELLS_PER_FILE
    with pytest.raises(ZhishuiError) as ei:
        read_bytes((rows + "\nx").encode(), Path("多一格.csv"))
    assert ei.value.code == "TOO_LARGE"


def test_most_cells_per_collect(tmp_path):
    d = tmp_path / "收件"
    d.mkdir()
    per = MAX_CELLS_PER_FILE // 20
    left = MAX_CELLS_PER_RUN
    i = 0
    while left:
        rows = min(per, left // 20)
        (d / f"表{i}.csv").write_text("\n".join(",".join("值" for _ in range(20)) for _ in range(rows)), "utf-8")
        left -= rows * 20
        i += 1
    (d / "表9.csv").write_text("多一格", "utf-8")
    found = []
    recs = gather([d], found)
    books = []
    for r in recs[:-1]:
        books.append(r.read_book())
    assert sum(b.cells for b in books) == MAX_CELLS_PER_RUN
    with pytest.raises(ZhishuiError) as ei:
        recs[-1].read_book()
    assert ei.value.code == "TOO_MANY_CELLS" and "50万" in ei.value.message


# --- the reading child ---------------------------------------------------------------------

def _sleep(seconds, name):
    time.sleep(seconds)


@pytest.mark.skipif(not childread.ISOLATED, reason="the reading child exists on POSIX only")
def test_reading_child_time_limit(monkeypatch):
    monkeypatch.setattr(childread, "READ_SECONDS", 1)
    t = time.monotonic()
    with pytest.raises(ZhishuiError) as ei:
        childread.run(_sleep, 30, Path("慢.xlsx"))
    assert ei.value.code == "READ_TIMEOUT" and time.monotonic() - t < 10 and "慢.xlsx" in ei.value.message
    # the next file gets a new child
    assert read_bytes(RETURN.read_bytes(), Path("下一个.xlsx")).cells > 0


@pytest.mark.skipif(not childread.ISOLATED, reason="the reading child exists on POSIX only")
def test_reading_child_dies_alone_on_a_claim_calamine_believes(tmp_path):
    xls = SAMPLES / "seed001" / "2020年11月报送" / "2020年11月_区水利局_进展情况报送表.xls"
    bad = H.xls_claiming(xls, tmp_path / "声称二十亿行.xls")
    with pytest.raises(ZhishuiError) as ei:
        read_book(bad)
    assert ei.value.code == "READ_ABORTED" and "内存分配失败" in ei.value.message
    assert read_book(xls).cells > 0    # this process and the next reading are fine


@pytest.mark.skipif(not childread.ISOLATED, reason="the reading child exists on POSIX only")
def test_read_ahead_is_taken_by_its_own_read_and_dropped_by_any_other(tmp_path, monkeypatch):
    """collect sends the next file to the reading child before working on the current one
    (workbook_reader.read_file_ahead): the read it was meant for takes that answer; a read of
    another file first drops it and gets its own; a file read ahead that kills the child or runs
    past the time limit gets its message when it is read, and the next file is fine."""
    from zhishui.workbook_reader import read_file_ahead, read_file_as
    xls = SAMPLES / "seed001" / "2020年11月报送" / "2020年11月_区水利局_进展情况报送表.xls"
    sent = []
    real_send = childread._Child.send
    monkeypatch.setattr(childread._Child, "send", lambda self, fn, args: (sent.append(args[-1].name),
                                                                          real_send(self, fn, args))[1])
    read_file_ahead(RETURN, Path("甲.xlsx"))
    assert read_file_as(RETURN, Path("甲.xlsx")).path == Path("甲.xlsx")
    assert sent == ["甲.xlsx"]                        # read once, ahead
    read_file_ahead(RETURN, Path("乙.xlsx"))
    book = read_file_as(xls, Path("丙.xls"))           # another file first: 乙 dropped, 丙 is 丙
    assert book.path == Path("丙.xls") and book.format == "xls"
    assert sent == ["甲.xlsx", "乙.xlsx", "丙.xls"]
    bad = H.xls_claiming(xls, tmp_path / "声称二十亿行.xls")
    read_file_ahead(bad, Path("声称二十亿行.xls"))
    with pytest.raises(ZhishuiError) as ei:
        read_file_as(bad, Path("声称二十亿行.xls"))
    assert ei.value.code == "READ_ABORTED" and "声称二十亿行.xls" in ei.value.message
    read_file_ahead(bad, Path("声称二十亿行.xls"))    # dies ahead, dropped by another read
    assert read_file_as(RETURN, Path("丁.xlsx")).cells > 0
    monkeypatch.setattr(childread, "READ_SECONDS", 1)
    childread.prefetch(_sleep, 30, Path("慢.xlsx"))
    time.sleep(1.5)                                     # the limit counts from when it was sent
    t = time.monotonic()
    with pytest.raises(ZhishuiError) as ei:
        childread.run(_sleep, 30, Path("慢.xlsx"))
    assert ei.value.code == "READ_TIMEOUT" and time.monotonic() - t < 1
    assert read_bytes(RETURN.read_bytes(), Path("下一个.xlsx")).cells > 0


@pytest.mark.skipif(not childread.ISOLATED, reason="the reading child exists on POSIX only")
def test_reading_child_holds_none_of_the_parents_descriptors():
    """A pipe this process opened before the child was forked (Playwright's driver, a server's
    socket) reaches EOF when this process closes its end: the child holds no copy."""
    import os
    import select
    childread._shutdown()
    r, w = os.pipe()
    try:
        assert read_bytes(RETURN.read_bytes(), Path("甲.xlsx")).cells > 0    # forks the child now
        os.close(w)
        w = None
        assert select.select([r], [], [], 5)[0] == [r] and os.read(r, 1) == b""
    finally:
        os.close(r)
        if w is not None:
            os.close(w)


def test_threads_reading_at_once_each_get_their_own_file():
    """The web server reads uploads on several threads through the one reading child: each thread
    gets its own file back (they once shared the child's pipe, and answers crossed)."""
    import threading
    import openpyxl
    datas = {}
    for i in range(6):
        wb = openpyxl.Workbook()
        wb.active.title = f"单位{i}"
        for r in range(1, 200):
            wb.active.cell(r, 1, f"单位{i}第{r}行")
        buf = io.BytesIO()
        wb.save(buf)
        datas[i] = buf.getvalue()
    wrong, errors = [], []

    def work(i):
        for _ in range(15):
            try:
                book = read_bytes(datas[i], Path(f"单位{i}.xlsx"))
            except Exception as e:  # noqa: BLE001 - every failure is counted, not raised in a thread
                errors.append(repr(e))
                continue
            if book.sheets[0].name != f"单位{i}":
                wrong.append((i, book.sheets[0].name))
    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in datas]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a reading thread never got its answer"
    assert not wrong and not errors, (wrong[:3], errors[:3])


def test_quick_bound_never_below_the_exact_scan_and_far_styles_still_read(tmp_path):
    """The cell check first takes an upper bound found at C speed (workbook_reader._bound) and
    scans tag by tag only when the bound is over the limit: on every xlsx of the samples and
    fixtures (written by openpyxl, XlsxWriter, LibreOffice) the bound is at least the exact count,
    and a sheet whose only far cell is a blank styled one (bound over the limit) is still read."""
    import zipfile

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from zhishui import workbook_reader as wr
    here = Path(__file__).resolve().parent
    files = sorted([*SAMPLES.rglob("*.xlsx"), *(here / "data").rglob("*.xlsx")])
    assert len(files) > 30
    bounded = 0
    for f in files:
        if not zipfile.is_zipfile(f):    # an .xlsx that is really a web page or a damaged file
            continue
        with zipfile.ZipFile(f) as z:
            names = {i.filename: i for i in z.infolist()}
            for part, _ in wr._sheet_parts(z, names):
                b = wr._bound(z, names[part])
                rows, cols, _ = wr._scan_sheet(z, names[part])
                assert b is None or b >= rows * cols, (f, part, b, rows, cols)
                bounded += b is not None
    assert bounded > 20
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "序号"
    ws.cell(row=300_000, column=2).font = Font(bold=True)    # styled, empty: calamine does not count it
    far = tmp_path / "远处有格式.xlsx"
    wb.save(far)
    with zipfile.ZipFile(far) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        assert wr._bound(z, info) >= 300_000 * 2 > MAX_CELLS_PER_FILE
    assert read_book(far).sheets[0].rows[0][0] == "序号"
