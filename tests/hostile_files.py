"""Hostile and odd files a collect may receive, made the way they arise (or are crafted).

Each maker writes one file (or folder entry) and returns its path.  Large
ones are sparse or compressed so that a test costs little disk and time;
nothing here is committed: the tests make them afresh.
"""
from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl

MB = 1024 * 1024


def far_cell(base: Path, dst: Path, ref: str = "XFD1048576", text: str = "远处的单元格") -> Path:
    """A real return with one real cell at the last cell of the sheet (Excel's XFD1048576)."""
    wb = openpyxl.load_workbook(base)
    wb.worksheets[0][ref] = text
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return dst


def spread_sheets(dst: Path, sheets: int, rows: int, cols: int, *, text: str = "角") -> Path:
    """``sheets`` sheets, each with a value in A1 and one at (rows, cols): a used range of
    rows x cols cells per sheet, nearly all of it empty."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i in range(sheets):
        ws = wb.create_sheet(f"表{i + 1}")
        ws.cell(1, 1, f"{text}{i + 1}")
        ws.cell(rows, cols, f"{text}{i + 1}末")
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    return dst


def rewrite_zip(src: Path, dst: Path, edit) -> Path:
    """Copy an OOXML/zip file member by member, ``edit(name, bytes) -> bytes`` on each."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, edit(info.filename, zin.read(info)))
    return dst


def shared_string_escape(base: Path, dst: Path, find: str, escape: str = "_x0001_") -> Path:
    """An xlsx whose shared string containing ``find`` carries an OOXML escape such as
    _x0001_ (how Excel stores a control character typed or pasted into a cell)."""
    def edit(name, data):
        if name == "xl/sharedStrings.xml":
            s = data.decode("utf-8")
            assert find in s, f"{find!r} not among the shared strings"
            return s.replace(find, find[:2] + escape + find[2:], 1).encode("utf-8")
        return data
    dst.parent.mkdir(parents=True, exist_ok=True)
    return rewrite_zip(base, dst, edit)


def bytes_named(folder: Path, name: bytes, data: bytes) -> Path:
    """A file whose name on disk is raw bytes (e.g. GBK from a Windows share or an old zip tool)."""
    p = os.path.join(os.fsencode(folder), name)
    with open(p, "wb") as f:
        f.write(data)
    return Path(os.fsdecode(p))


def zip_members(dst: Path, members: list[tuple[str, bytes, tuple]]) -> Path:
    """A zip whose members carry the given DOS date_time (possibly invalid, e.g. all zeros)."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, when in members:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return dst


def nested_zip(dst: Path, depth: int, name: str, data: bytes) -> Path:
    """A zip in a zip ... ``depth`` levels deep, the innermost holding ``name``."""
    inner_name, inner = name, data
    for level in range(depth, 0, -1):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            z.writestr(zipfile.ZipInfo(inner_name, date_time=(2020, 11, 20, 10, 30, 0)), inner)
        inner_name, inner = f"第{level}层.zip", buf.getvalue()
    dst.write_bytes(inner)
    return dst


def _dos(when=(2020, 11, 20, 10, 30, 0)):
    y, mo, d, h, mi, s = when
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


def zeros_zip(dst: Path, names: list[str], size: int) -> Path:
    """A zip of members of ``size`` zero bytes each, deflated once and written raw for
    every member (so a 24 x 190 MB archive takes a second to make and 5 MB of disk)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(MB)
    parts, crc, left = [], 0, size
    while left:
        n = min(left, MB)
        parts.append(comp.compress(chunk[:n]))
        crc = zlib.crc32(chunk[:n], crc)
        left -= n
    parts.append(comp.flush())
    body = b"".join(parts)
    t, d = _dos()
    out, central = io.BytesIO(), io.BytesIO()
    for name in names:
        n = name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, t, d, crc, len(body), size, len(n), 0))
        out.write(n)
        out.write(body)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, t, d, crc, len(body), size,
                                  len(n), 0, 0, 0, 0, 0, offset))
        central.write(n)
    cd = central.getvalue()
    start = out.tell()
    out.write(cd)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(names), len(names), len(cd), start, 0))
    dst.write_bytes(out.getvalue())
    return dst


def sparse(dst: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk (a hole), e.g. a 1.5 GB 'video'."""
    with open(dst, "wb") as f:
        f.truncate(size)
    return dst


def xls_claiming(src: Path, dst: Path, rows: int = 0x7FFFFFFF, cols: int = 0xFF) -> Path:
    """An .xls whose DIMENSIONS records (BIFF8) claim ``rows`` x ``cols``: python-calamine
    reserves memory for what they claim before reading a cell."""
    data = bytearray(src.read_bytes())
    n, i = 0, 0
    while True:
        i = data.find(b"\x00\x02\x0e\x00", i)
        if i < 0:
            break
        struct.pack_into("<IIHH", data, i + 4, 0, rows, 0, cols)
        n += 1
        i += 18
    assert n, "no DIMENSIONS record found"
    dst.write_bytes(bytes(data))
    return dst
