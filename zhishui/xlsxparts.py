"""Many workbooks of one layout, written fast: XlsxWriter makes the shared parts once, we write the cells.

split writes one return workbook per unit, hundreds a month.  XlsxWriter builds an object per
cell and writes every part of every workbook anew, although most parts are the same for all of
them (styles, theme, workbook, sheet settings, protection, the validations' rules).  Here
XlsxWriter writes one frame workbook with those (``Frame``); each ``Book`` then writes only what
differs: its cells (shared strings), column widths, row heights, merged ranges and the ranges of
the frame's validations.  The XML is the same XlsxWriter writes for the same calls
(tests/test_split_writer.py compares them part by part), so Excel, WPS and LibreOffice see what
they saw before; measured in `make bench` (README 「速度」).

Only what split needs: strings, numbers, blanks, merged ranges, widths, hidden columns, heights.
Strings are always text (never a formula, a number or a link), like XlsxWriter's write_string.
"""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

_PLACEHOLDER_ROW = 1_040_000          # validations sit here in the frame; each book gives their real ranges
_TITLE_MARK = "\ue000title\ue000"     # the frame's document title, replaced per book
_ESCAPED_MARK = re.compile(r"(_x[0-9a-fA-F]{4}_)")        # Excel reads _xHHHH_ as an escape:
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")          # escape it, and controls become one
_XML_SPECIAL = re.compile('[&<>"\n]')
_COLS = [xl_col_to_name(c) for c in range(256)]


def _xml_text(s: str) -> str:
    if _XML_SPECIAL.search(s):
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s


def _attr(s: str) -> str:
    return (s.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "&#xA;")) if _XML_SPECIAL.search(s) else s


def _si(s: str) -> str:
    """One shared-string item, as XlsxWriter writes it."""
    s = _ESCAPED_MARK.sub(r"_x005F\1", s)
    s = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", s).replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    space = ' xml:space="preserve"' if s and (s[0].isspace() or s[-1].isspace()) else ""
    return f"<si><t{space}>{_xml_text(s)}</t></si>"


def col_width(width: float) -> str:
    """A column width (characters, as set_column takes it) as the file stores it."""
    pixels = int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)
    return f"{(pixels * 256 // 7) / 256.0:.16g}"


def row_height(points: float) -> str:
    return f"{int(points * 4.0 / 3.0 + 0.5) * 0.75:.16g}"


class _SheetFrame:
    """One sheet's XML from the frame, cut where each book puts its own pieces."""

    def __init__(self, xml: str, validations: int):
        m = re.fullmatch(r'(.*?)<dimension ref="[^"]*"/>(.*?)(?:<sheetData/>|<sheetData>.*?</sheetData>)'
                         r'(.*?)(<dataValidations .*?</dataValidations>)?(<pageMargins.*)', xml, re.S)
        if not m:
            raise RuntimeError("unexpected sheet XML from XlsxWriter")
        self.head, self.views, self.protection, self.validations, self.tail = m.groups(default="")
        self.marks = [f'sqref="{_COLS[n]}{_PLACEHOLDER_ROW + 1 + n}"' for n in range(validations)]


class Frame:
    """The parts every book shares, written once by XlsxWriter.

    ``formats``: name -> XlsxWriter format properties; a book refers to them by name.
    ``sheets``: for each sheet, a function given (frame, workbook, worksheet) that sets what every book
    has alike (protection, panes, page setup, hidden state, print titles); it may add data
    validations with ``frame.validate(ws, n, options)``, n counting from 0 on that sheet, each
    book then giving the n-th validation's range.  ``author``: the document's author."""

    def __init__(self, formats: dict[str, dict], sheets: dict[str, object], author: str):
        buf = io.BytesIO()
        wb = xlsxwriter.Workbook(buf, {"in_memory": True})
        made = {name: wb.add_format(props) for name, props in formats.items()}
        counts = []
        for i, (name, setup) in enumerate(sheets.items()):
            ws = wb.add_worksheet(name)
            self._count = 0
            setup(self, wb, ws)
            counts.append(self._count)
            if i == 0:   # one cell per format, in order, so that each gets its number in styles.xml,
                for c, f in enumerate(made.values()):   # and a string, so that the shared strings part is there
                    ws.write_blank(0, c, None, f)
                ws.write_string(1, 0, "")
        wb.set_properties({"title": _TITLE_MARK, "author": author})
        wb.close()
        self.style = {name: f' s="{f.xf_index}"' if f.xf_index else "" for name, f in made.items()}
        self.style[None] = ""
        with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        self.order = list(parts)
        self.packed = {n: _pack(data) for n, data in parts.items()}   # compressed once, used by every book
        self.sheets = [_SheetFrame(parts[f"xl/worksheets/sheet{i + 1}.xml"].decode("utf-8"), n)
                       for i, n in enumerate(counts)]
        core = parts["docProps/core.xml"].decode("utf-8")
        self.core = re.sub(r"(<dcterms:(created|modified) [^>]*>)[^<]*", r"\1{date}",
                           core.replace("{", "{{").replace("}", "}}")).replace(_TITLE_MARK, "{title}")
        # with no date given the properties carry none (both are optional): a re-run is then byte for byte the
        # same, never stamped with the clock (README: no output contains the current time)
        self.core_undated = re.sub(r"<dcterms:(created|modified) [^>]*>\{date\}</dcterms:\1>", "", self.core)
        self._escaped: dict[str, str] = {}

    def validate(self, ws, n: int, options: dict) -> None:
        """A validation of this sheet whose range each book gives (the n-th, from 0)."""
        assert n == self._count, "validations are numbered in order"
        ws.data_validation(_PLACEHOLDER_ROW + n, n, _PLACEHOLDER_ROW + n, n, options)
        self._count += 1

    def si(self, s: str) -> str:
        """The shared-string item of s; the same strings recur in many books, so made once."""
        x = self._escaped.get(s)
        if x is None:
            if len(self._escaped) > 200_000:    # a long-running server: keep the memory bounded
                self._escaped.clear()
            x = self._escaped[s] = _si(s)
        return x


class Sheet:
    def __init__(self, book: "Book", frame: _SheetFrame):
        self.book, self.frame = book, frame
        self.style = book.frame.style      # format name -> the cell's style attribute
        self.cells: dict[int, dict[int, str]] = {}
        self.heights: dict[int, str] = {}
        self.widths: dict[int, tuple[str, bool]] = {}
        self.merged: list[str] = []
        self.ranges: list[str | None] = [None] * len(frame.marks)

    def string(self, r: int, c: int, text: str, fmt: str | None = None) -> None:
        """Text, always text (0-based row and column); the caller makes it fit a cell (sheettext)."""
        self.cells.setdefault(r, {})[c] = f'<c r="{_COLS[c]}{r + 1}"{self.style[fmt]} t="s"><v>{self.book.index(text)}</v></c>'

    def number(self, r: int, c: int, value: float, fmt: str | None = None) -> None:
        self.cells.setdefault(r, {})[c] = f'<c r="{_COLS[c]}{r + 1}"{self.style[fmt]}><v>{value:.16G}</v></c>'

    def blank(self, r: int, c: int, fmt: str) -> None:
        self.cells.setdefault(r, {})[c] = f'<c r="{_COLS[c]}{r + 1}"{self.style[fmt]}/>'

    def row(self, r: int, strings: list[tuple[int, str, str | None]], blanks: list[tuple[int, str]]) -> None:
        """A row at once, as string() and blank() cell by cell but faster: ``strings`` (column, text,
        format) in the order they are numbered in the shared strings, ``blanks`` (column, format)."""
        rr, style, known = r + 1, self.style, self.book.strings
        row = self.cells.setdefault(r, {})
        for c, text, fmt in strings:
            i = known.get(text)
            if i is None:
                i = known[text] = len(known)
            row[c] = f'<c r="{_COLS[c]}{rr}"{style[fmt]} t="s"><v>{i}</v></c>'
        self.book.count += len(strings)
        for c, fmt in blanks:
            row[c] = f'<c r="{_COLS[c]}{rr}"{style[fmt]}/>'

    def merge(self, r1: int, c1: int, r2: int, c2: int, text: str | None, fmt: str) -> None:
        """A merged range holding text (or nothing), every cell of it formatted."""
        if text is None:
            self.blank(r1, c1, fmt)
        else:
            self.string(r1, c1, text, fmt)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    self.blank(r, c, fmt)
        self.merged.append(f'<mergeCell ref="{_COLS[c1]}{r1 + 1}:{_COLS[c2]}{r2 + 1}"/>')

    def width(self, c: int, width: float, hidden: bool = False) -> None:
        self.widths[c] = (col_width(width), hidden)

    def height(self, r: int, points: float) -> None:
        self.heights[r] = row_height(points)

    def validation_range(self, n: int, r1: int, c1: int, r2: int, c2: int) -> None:
        a, b = f"{_COLS[c1]}{r1 + 1}", f"{_COLS[c2]}{r2 + 1}"
        self.ranges[n] = a if a == b else f"{a}:{b}"

    def xml(self) -> str:
        f = self.frame
        out = [f.head]
        rows = sorted(set(self.cells) | set(self.heights))
        if rows:
            cols = [c for r in self.cells.values() for c in r]
            lo, hi = min(cols, default=0), max(cols, default=0)
            a, b = f"{_COLS[lo]}{rows[0] + 1}", f"{_COLS[hi]}{rows[-1] + 1}"
            out.append(f'<dimension ref="{a if a == b else a + ":" + b}"/>')
        else:
            out.append('<dimension ref="A1"/>')
        out.append(f.views)
        if self.widths:
            out.append("<cols>")
            run = None
            for c in sorted(self.widths):
                w = self.widths[c]
                if run and c == run[1] + 1 and w == run[2]:
                    run[1] = c
                    continue
                if run:
                    out.append(self._col(*run))
                run = [c, c, w]
            out.append(self._col(*run))
            out.append("</cols>")
        if rows:
            spans: dict[int, str] = {}   # the columns used in each block of 16 rows (optional; as Excel writes)
            for block in {r // 16 for r in self.cells}:
                used = [c for r in range(block * 16, block * 16 + 16) for c in self.cells.get(r, ())]
                spans[block] = f' spans="{min(used) + 1}:{max(used) + 1}"'
            out.append("<sheetData>")
            for r in rows:
                h = self.heights.get(r)
                attrs = f'<row r="{r + 1}"{spans.get(r // 16, "")}' + (f' ht="{h}" customHeight="1"' if h else "")
                cells = self.cells.get(r)
                if cells:
                    out.append(attrs + ">")
                    out.extend(cells[c] for c in sorted(cells))
                    out.append("</row>")
                else:
                    out.append(attrs + "/>")
            out.append("</sheetData>")
        else:
            out.append("<sheetData/>")
        out.append(f.protection)
        if self.merged:
            out.append(f'<mergeCells count="{len(self.merged)}">')
            out.extend(self.merged)
            out.append("</mergeCells>")
        if any(self.ranges):   # all of the frame's validations, or none
            if not all(self.ranges):
                raise ValueError("every validation of the frame needs its range")
            v = f.validations
            for m, r in zip(f.marks, self.ranges):
                v = v.replace(m, f'sqref="{r}"')
            out.append(v)
        out.append(f.tail)
        return "".join(out)

    @staticmethod
    def _col(first: int, last: int, w: tuple[str, bool]) -> str:
        return (f'<col min="{first + 1}" max="{last + 1}" width="{w[0]}"' + (' hidden="1"' if w[1] else "")
                + ' customWidth="1"/>')


class Book:
    """One workbook: its sheets (in the frame's order), then ``save``."""

    def __init__(self, frame: Frame):
        self.frame = frame
        self.strings: dict[str, int] = {}
        self.count = 0
        self.sheets = [Sheet(self, f) for f in frame.sheets]

    def index(self, s: str) -> int:
        self.count += 1
        i = self.strings.get(s)
        if i is None:
            i = self.strings[s] = len(self.strings)
        return i

    def save(self, target, title: str, created) -> None:
        """Write the workbook to ``target`` (a path or a binary file); ``created``: a datetime, or None for
        a workbook whose properties carry no date."""
        f = self.frame
        own = {f"xl/worksheets/sheet{i + 1}.xml": s.xml() for i, s in enumerate(self.sheets)}
        own["docProps/core.xml"] = (f.core_undated.format(title=_xml_text(title)) if created is None else
                                    f.core.format(title=_xml_text(title), date=f"{created:%Y-%m-%dT%H:%M:%SZ}"))
        own["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{self.count}" '
            f'uniqueCount="{len(self.strings)}">' + "".join(map(f.si, self.strings)) + "</sst>")
        data = _zip([(name, _pack(own[name].encode("utf-8")) if name in own else f.packed[name]) for name in f.order])
        if hasattr(target, "write"):
            target.write(data)
        else:
            with open(target, "wb") as out:
                out.write(data)


def _pack(data: bytes) -> tuple[int, int, bytes]:
    """(crc, size, deflated) of a part, compressed as zipfile does (zlib's default level)."""
    c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), len(data), c.compress(data) + c.flush()


_DOS_1980 = (0, 33)   # time, date: 1980-01-01 00:00, the timestamp Excel and XlsxWriter give parts


def _zip(parts: list[tuple[str, tuple[int, int, bytes]]]) -> bytes:
    """A zip file of deflated parts with ASCII names, laid out as zipfile lays it out (no data descriptors)."""
    local, central, offset = [], [], 0
    for name, (crc, size, packed) in parts:
        n = name.encode("ascii")
        head = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, *_DOS_1980, crc, len(packed), size, len(n), 0) + n
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", (3 << 8) | 20, 20, 0, 8, *_DOS_1980, crc,
                                   len(packed), size, len(n), 0, 0, 0, 0, 0o600 << 16, offset) + n)
        local += (head, packed)
        offset += len(head) + len(packed)
    cd = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(cd), offset, 0)
    return b"".join(local) + cd + end
