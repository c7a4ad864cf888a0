"""Read any spreadsheet the clerk or a unit may have: xlsx, xlsm, xlsb, xls/et, ods, csv and
UTF-16 text, and the HTML tables and Excel 2003 XML that OA systems export under an .xls name.

Every format becomes the same thing: a list of ``Grid`` (one per sheet) whose
row 0 / column 0 are Excel's A1, with merged ranges and visibility.  The format
is decided by the file's bytes, not its extension (units rename files), and
every failure becomes a ``ZhishuiError`` that says, in Chinese, what to do.
python-calamine does most of the reading (no Windows, no Excel needed), in a child
process that a hostile file can only take down with itself (childread.py).
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import html
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from .errors import ZhishuiError
from .limits import MAX_CELL_TEXT, MAX_CELLS_PER_FILE, MAX_FILE_BYTES, count_cn, size_cn
from .sheettext import ILLEGAL_CHARS

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".txt", ".tsv", ".et", ".ett", ".htm",
                        ".html", ".xml"}


@functools.lru_cache(maxsize=4096)
def col_letter(c: int) -> str:
    """0-based column index -> Excel letters (0 -> A)."""
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


@functools.lru_cache(maxsize=1 << 16)
def cell_ref(r: int, c: int) -> str:
    """0-based (row, col) -> 'B3'."""
    return f"{col_letter(c)}{r + 1}"


def cell_text(v) -> str:
    """One cell value as the text a clerk sees (numbers without '.0', ISO dates)."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v != v:  # NaN from pandas-made files
            return ""
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    if isinstance(v, dt.datetime):
        if v.time() == dt.time(0):
            return v.date().isoformat()
        return v.isoformat(sep=" ", timespec="minutes")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        # calamine gives durations for time-only cells in some formats
        secs = int(v.total_seconds())
        return f"{secs // 3600:02d}:{secs % 3600 // 60:02d}"
    return str(v)


@dataclass
class Grid:
    """One sheet: values anchored at A1, merged ranges (r0, c0, r1, c1 inclusive)."""
    name: str
    rows: list[list]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    visible: bool = True

    def __post_init__(self):
        # the width is asked for once per row by readers: count it once
        self._ncols = max((len(r) for r in self.rows), default=0)
        self._merge_of: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for rng in self.merged:
            r0, c0, r1, c1 = rng
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self._merge_of[(r, c)] = rng

    @property
    def nrows(self) -> int:
        return len(self.rows)

    @property
    def ncols(self) -> int:
        return self._ncols

    def raw(self, r: int, c: int):
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return ""

    def text(self, r: int, c: int) -> str:
        return cell_text(self.raw(r, c))

    def merge_range(self, r: int, c: int):
        return self._merge_of.get((r, c))

    def merged_text(self, r: int, c: int) -> tuple[str, bool]:
        """Text of a cell, taking the value of its merged range; and whether it
        came from a range that starts in an earlier row (a vertical merge)."""
        rng = self._merge_of.get((r, c))
        if rng is None:
            return self.text(r, c), False
        return self.text(rng[0], rng[1]), rng[0] < r

    def row_texts(self, r: int) -> list[str]:
        return [cell_text(v) for v in (self.rows[r] if r < len(self.rows) else [])]


@dataclass
class Issue:
    """Something in a readable file the clerk should know (a cell a workbook cannot hold as is)."""
    code: str
    sheet: str
    cell: str
    message: str
    hint: str = ""


@dataclass
class Book:
    path: Path
    format: str           # xlsx | xlsm | xlsb | xls | et | ods | csv | html | xml2003
    sheets: list[Grid]
    encoding: str | None = None  # text formats only
    issues: list[Issue] = field(default_factory=list)

    def sheet(self, name: str) -> Grid | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None

    @property
    def visible_sheets(self) -> list[Grid]:
        return [s for s in self.sheets if s.visible]

    @property
    def cells(self) -> int:
        """Non-empty cells in all sheets."""
        return sum(1 for g in self.sheets for row in g.rows for v in row if v != "" and v is not None)


# --- format sniffing -------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WPS_SUFFIXES = (".et", ".ett")


# a file cut short or otherwise broken: said as damaged, and asked for again (README 「无法读取」)
DAMAGED_WHAT = "文件已损坏（不完整），无法作为Excel工作簿打开"
DAMAGED_HINT = "请让报送单位确认原文件能在Excel或WPS中正常打开，重新保存后再发送（可能是文件没有传完整）"


def ole_truncated(data: bytes) -> bool:
    """An OLE2 (Excel 97-2003, WPS .et, Word .doc) file whose header points at sectors past its end: the
    file allocation table's sectors or the directory's first sector.  A file cut short loses them."""
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        return False
    shift = int.from_bytes(data[30:32], "little")
    size = 1 << shift if shift in (9, 12) else 512
    sectors = [int.from_bytes(data[48:52], "little")]                               # the directory's first
    sectors += [int.from_bytes(data[76 + 4 * i:80 + 4 * i], "little") for i in range(109)]   # FAT sectors
    return any(n < 0xFFFFFFFA and (n + 1) * size >= len(data) for n in sectors)   # starts at or past the end


def _utf16(s: str) -> bytes:
    return s.encode("utf-16-le")


def sniff_format(data: bytes, path: Path) -> str:
    """Decide what the bytes are. Raises ZhishuiError for what is no spreadsheet."""
    name = path.name
    if not data:
        raise ZhishuiError("文件是空的（0字节）", file=path, code="EMPTY_FILE",
                           hint="请确认文件已完整保存或重新发送")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                mimetype = z.read("mimetype")[:200].decode("ascii", "replace") if "mimetype" in names else ""
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
            raise ZhishuiError(DAMAGED_WHAT, file=path, code="CORRUPT", hint=DAMAGED_HINT)
        if "xl/workbook.bin" in names:
            return "xlsb"
        if "xl/workbook.xml" in names:
            return "xlsm" if name.lower().endswith((".xlsm", ".xltm")) else "xlsx"
        if "spreadsheet" in mimetype:
            return "ods"
        if "word/document.xml" in names or "text" in mimetype:
            raise ZhishuiError("这是Word文档，不是电子表格", file=path, code="NOT_SPREADSHEET",
                               hint="请使用下发的Excel报送表填报")
        raise ZhishuiError("文件是压缩包或已损坏，不是可读取的电子表格", file=path, code="NOT_SPREADSHEET",
                           hint="请确认文件类型，或用Excel另存为.xlsx")
    if data.startswith(OLE_MAGIC):
        head = data[:1 << 20]
        if _utf16("EncryptionInfo") in head or _utf16("EncryptedPackage") in head:
            raise ZhishuiError("工作簿设置了打开密码，无法读取", file=path, code="PASSWORD",
                               hint="请让报送单位取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后重新发送")
        if _utf16("WordDocument") in head:
            raise ZhishuiError("这是Word文档（.doc），不是电子表格", file=path, code="NOT_SPREADSHEET",
                               hint="请使用下发的Excel报送表填报")
        if ole_truncated(data):   # cut short: its sectors lie past the end (a copy or an upload that stopped)
            raise ZhishuiError(DAMAGED_WHAT, file=path, code="CORRUPT", hint=DAMAGED_HINT)
        # WPS saves .et/.ett in the same compound-document format as Excel 97-2003
        return "et" if name.lower().endswith(WPS_SUFFIXES) else "xls"
    if data.startswith(b"%PDF"):
        raise ZhishuiError("这是PDF文件，不是电子表格", file=path, code="NOT_SPREADSHEET",
                           hint="PDF可作为佐证材料，但报送表请用下发的Excel文件填报")
    if data[:4] in (b"\x89PNG", b"GIF8") or data[:3] == b"\xff\xd8\xff":
        raise ZhishuiError("这是图片文件，不是电子表格", file=path, code="NOT_SPREADSHEET",
                           hint="截图无法汇总，请报送Excel文件")
    enc = _text_encoding(data)
    if enc is None:
        raise ZhishuiError("文件不是电子表格，也不是文本表格（CSV）", file=path, code="NOT_SPREADSHEET",
                           hint="请用Excel另存为.xlsx或.csv后再试")
    head = data[:8192].decode(enc[0], errors="ignore").lstrip("\ufeff").lstrip().lower()
    if head.startswith("mime-version:"):
        raise ZhishuiError("这是「单个文件网页」（.mht）格式，只是扩展名像Excel", file=path, code="NOT_SPREADSHEET",
                           hint="请在Excel中打开后「另存为」Excel工作簿（.xlsx）再发送")
    if head.startswith("<?xml") or head.startswith("<workbook"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in head:
            return "xml2003"
        if "<html" not in head:
            raise ZhishuiError("这是XML文件，不是电子表格", file=path, code="NOT_SPREADSHEET",
                               hint="请在Excel中打开后「另存为」Excel工作簿（.xlsx）再汇总")
    if head.startswith(("<html", "<!doctype html", "<table", "<?xml", "<head", "<meta", "<body", "<style", "<!--")):
        if "<table" in data[:MAX_FILE_BYTES].decode(enc[0], errors="ignore").lower():
            return "html"
        raise ZhishuiError("这是网页（HTML）格式的文件，其中没有表格", file=path, code="NOT_SPREADSHEET",
                           hint="请在Excel中打开后「另存为」Excel工作簿（.xlsx）再汇总")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb", ".ods"):
        # (.xls is left out: some systems export tab-separated text under that name)
        raise ZhishuiError(f"文件扩展名是{path.suffix}，但内容是纯文本，不是Excel工作簿", file=path,
                           code="NOT_SPREADSHEET", hint="请确认发来的是Excel文件；如果是导出的文本，请改名为.csv")
    return "csv"


def _text_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) of a text file, or None for binary. UTF-16 without a BOM (some
    exports) is recognised by its zero bytes: every ASCII character has one, on one side."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", 3
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", 2
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", 2
    head = data[:4096]
    if b"\x00" not in head:
        return "utf-8", 0      # or GBK: decided when the whole text is decoded
    n = len(head) // 2
    odd = sum(1 for i in range(1, 2 * n, 2) if head[i] == 0)
    even = sum(1 for i in range(0, 2 * n, 2) if head[i] == 0)
    for codec, ours, theirs in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if n >= 2 and ours >= n / 10 and theirs * 4 <= ours and _plain_text(head[:2 * n], codec):
            return codec, 0
    return None


def _plain_text(head: bytes, codec: str) -> bool:
    """The bytes decode as text with hardly any control characters (tab and line ends aside)."""
    try:
        text = head.decode(codec)
    except UnicodeDecodeError:
        return False
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n")
    return bad * 100 <= len(text)


def looks_like_text_table(head: bytes) -> bool:
    """The start of a text file is a tab-separated table: two lines with the same number (>1) of tabs."""
    enc = _text_encoding(head)
    if enc is None:
        return False
    body = head[enc[1]:]
    if enc[0].startswith("utf-16") and len(body) % 2:
        body = body[:-1]
    text = body.decode(enc[0], errors="ignore")
    counts = [line.count("\t") for line in text.splitlines()[:20] if line.strip()]
    return any(a == b and a > 1 for a, b in zip(counts, counts[1:]))


# --- readers ---------------------------------------------------------------

def _decode_text(data: bytes, path: Path) -> tuple[str, str]:
    enc = _text_encoding(data)
    if enc is None:
        raise ZhishuiError("文件不是电子表格，也不是文本表格（CSV）", file=path, code="NOT_SPREADSHEET",
                           hint="请用Excel另存为.xlsx或.csv后再试")
    codec, bom = enc
    body = data[bom:]
    if codec.startswith("utf-16"):
        if len(body) % 2:
            body = body[:-1]   # a cut-off last byte
        label = "utf-16" if bom else codec
        return body.decode(codec, errors="replace"), label
    if bom:
        return body.decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Chinese Excel saves CSV in the ANSI code page (GBK); GB18030 is its superset
        return body.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ZhishuiError("无法识别文本文件的编码（不是UTF-8，也不是GBK）", file=path, code="ENCODING",
                           hint="请用Excel打开后另存为「CSV UTF-8」或.xlsx")


def _too_many_cells(path: Path, sheet: str, cells: int, far: str = "") -> ZhishuiError:
    where_far = f"，最远的单元格在{far}" if far else ""
    return ZhishuiError(f"文件的使用范围共约{count_cn(cells)}个单元格{where_far}，超过每个文件最多"
                        f"{count_cn(MAX_CELLS_PER_FILE)}个单元格的限制，未读取", file=path, sheet=sheet or None,
                        cell=far or None, code="TOO_LARGE",
                        hint="多半是远处的单元格里有内容或格式：在Excel中按Ctrl+End找到它，删除多余的行列后重新保存")


def _read_csv(data: bytes, path: Path) -> Book:
    text, enc = _decode_text(data, path)
    sample = text[:8192]
    delim = ","
    if path.suffix.lower() == ".tsv":
        delim = "\t"
    else:
        counts = {d: sample.count(d) for d in (",", "\t", ";")}
        best = max(counts, key=counts.get)
        if counts[best]:
            delim = best
    rows, cells = [], 0
    try:
        for r in csv.reader(io.StringIO(text.replace("\x00", ""), newline=""), delimiter=delim):
            cells += len(r)
            if cells > MAX_CELLS_PER_FILE:
                raise _too_many_cells(path, path.stem, cells, cell_ref(len(rows), len(r) - 1))
            rows.append(list(r))
    except csv.Error as e:
        raise ZhishuiError(f"文本表格的格式不正确（第{len(rows) + 1}行：{e}）", file=path, code="CORRUPT",
                           hint="请用Excel打开后另存为.xlsx再发送")
    while rows and not any(x.strip() for x in rows[-1]):
        rows.pop()
    return Book(path=path, format="csv", sheets=[Grid(path.stem, rows)], encoding=enc)


csv.field_size_limit(MAX_FILE_BYTES)   # a long cell is reported (CELL_TEXT_TOO_LONG), not a csv error


# --- HTML tables and Excel 2003 XML: what OA systems export under an .xls name -------------

_WS = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_X_NAME = re.compile(r"<x:Name>\s*([^<]{1,100}?)\s*</x:Name>", re.I)
_BR = "\x1f"       # stands for <br> while the text is gathered (no cell text holds it: it is a control character)
MAX_SPAN = 1000    # a colspan/rowspan beyond this is no real table (browsers cap colspan at 1000 too)


def _html_text(data: bytes, path: Path) -> tuple[str, str]:
    enc = _text_encoding(data)
    if enc and enc[0].startswith("utf-16") or (enc and enc[1]):
        return _decode_text(data, path)
    m = _META_CHARSET.search(data[:4096])
    if m:
        codec = m.group(1).decode("ascii").lower()
        if codec in ("gb2312", "gbk", "gb_2312-80", "x-gbk"):
            codec = "gb18030"
        try:
            return data.decode(codec, errors="replace"), codec
        except LookupError:
            pass
    return _decode_text(data, path)


def _cell_html_text(el) -> str:
    """What Excel shows for a table cell: its text, <br> as a line break, runs of spaces as one."""
    parts = []

    def walk(e):
        tag = e.tag if isinstance(e.tag, str) else ""
        if tag.lower() == "br":
            parts.append(_BR)
        elif tag.lower() in ("script", "style"):
            pass
        else:
            if e.text and tag:
                parts.append(e.text)
            for child in e:
                walk(child)
        if e.tail and e is not el:
            parts.append(e.tail)
    walk(el)
    lines = ("".join(parts)).split(_BR)   # source line ends are spaces in HTML; only <br> breaks a line
    return "\n".join(_WS.sub(" ", x).strip() for x in lines).strip("\n")


def _read_html(data: bytes, path: Path) -> Book:
    import lxml.html
    text, enc = _html_text(data, path)
    try:
        root = lxml.html.document_fromstring(text.replace("\x00", ""),
                                             parser=lxml.html.HTMLParser(recover=True, no_network=True))
    except Exception as e:  # noqa: BLE001 - lxml raises several kinds on hopeless input
        raise ZhishuiError(f"网页格式的文件无法解析（{type(e).__name__}）", file=path, code="CORRUPT",
                           hint="请在Excel中打开后「另存为」Excel工作簿（.xlsx）再发送")
    m = _X_NAME.search(text[:65536])
    sheet = m.group(1).strip() if m else path.stem
    rows: list[list] = []
    merged: list[tuple[int, int, int, int]] = []
    cells = 0
    tables = [t for t in root.iter("table") if not any(a.tag == "table" for a in t.iterancestors())]
    for t in tables:
        if rows:
            rows.append([])   # Excel leaves the tables one under another
        top = len(rows)
        taken: set[tuple[int, int]] = set()
        r = top
        for tr in t.iter("tr"):
            if any(a.tag == "table" for a in tr.iterancestors() if a is not t and a in t.iterdescendants()):
                continue   # a row of a nested table: its text belongs to the outer cell
            while len(rows) <= r:
                rows.append([])
            c = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                rs = _span(td.get("rowspan"))
                cs = _span(td.get("colspan"))
                cells += rs * cs
                if cells > MAX_CELLS_PER_FILE:
                    raise _too_many_cells(path, sheet, cells, cell_ref(r + rs - 1, c + cs - 1))
                row = rows[r]
                row.extend([""] * (c + 1 - len(row)))
                row[c] = _cell_html_text(td)
                if rs > 1 or cs > 1:
                    merged.append((r, c, r + rs - 1, c + cs - 1))
                    for dr in range(rs):
                        for dc in range(cs):
                            taken.add((r + dr, c + dc))
                c += cs
            r += 1
        while len(rows) > top and not rows[-1]:
            rows.pop()
    if not any(any(v for v in row) for row in rows):
        raise ZhishuiError("这是网页（HTML）格式的文件，其中的表格是空的", file=path, code="NOT_SPREADSHEET",
                           hint="请在Excel中打开确认内容，「另存为」Excel工作簿（.xlsx）再发送")
    width = max(len(x) for x in rows)
    rows = [x + [""] * (width - len(x)) for x in rows]
    return Book(path=path, format="html", sheets=[Grid(sheet, rows, merged)], encoding=enc)


def _span(v) -> int:
    try:
        return min(max(int(str(v).strip() or 1), 1), MAX_SPAN)
    except ValueError:
        return 1


SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _read_xml2003(data: bytes, path: Path) -> Book:
    """Excel 2003 XML Spreadsheet (SpreadsheetML): Worksheet / Table / Row / Cell / Data."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except Exception as e:  # noqa: BLE001
        raise ZhishuiError(f"Excel 2003 XML格式的文件无法解析（{str(e)[:80]}）", file=path, code="CORRUPT",
                           hint="请在Excel中打开后「另存为」Excel工作簿（.xlsx）再发送")
    sheets, cells = [], 0
    for ws in root.iter(SS + "Worksheet"):
        name = ws.get(SS + "Name") or f"Sheet{len(sheets) + 1}"
        rows: list[list] = []
        merged = []
        table = ws.find(SS + "Table")
        r = -1
        for row in (table.iter(SS + "Row") if table is not None else []):
            r = _ss_index(row, r)
            while len(rows) <= r:
                rows.append([])
            c = -1
            for cell in row.iter(SS + "Cell"):
                c = _ss_index(cell, c)
                across, down = (_span(cell.get(SS + "MergeAcross", "0")) if cell.get(SS + "MergeAcross") else 0,
                                _span(cell.get(SS + "MergeDown", "0")) if cell.get(SS + "MergeDown") else 0)
                cells += 1
                if cells > MAX_CELLS_PER_FILE or r >= 1 << 20 or c >= 1 << 14:
                    raise _too_many_cells(path, name, max(cells, (r + 1) * (c + 1)), cell_ref(r, c))
                d = cell.find(SS + "Data")
                value = _ss_value(d) if d is not None else ""
                line = rows[r]
                line.extend([""] * (c + 1 - len(line)))
                line[c] = value
                if across or down:
                    merged.append((r, c, r + down, c + across))
                c += across
        width = max((len(x) for x in rows), default=0)
        if width * len(rows) > MAX_CELLS_PER_FILE:
            raise _too_many_cells(path, name, width * len(rows), cell_ref(len(rows) - 1, width - 1))
        visible = True
        for opt in ws.iter("{urn:schemas-microsoft-com:office:excel}Visible"):
            visible = (opt.text or "").strip() not in ("SheetHidden", "SheetVeryHidden")
        sheets.append(Grid(name, [x + [""] * (width - len(x)) for x in rows], merged, visible))
    if not sheets:
        raise ZhishuiError("Excel 2003 XML格式的文件中没有工作表", file=path, code="NOT_SPREADSHEET",
                           hint="请在Excel中打开确认内容后另存为.xlsx")
    return Book(path=path, format="xml2003", sheets=sheets)


def _ss_index(el, prev: int) -> int:
    v = el.get(SS + "Index")
    try:
        return int(v) - 1 if v else prev + 1
    except ValueError:
        return prev + 1


def _ss_value(d):
    t = d.get(SS + "Type", "String")
    text = "".join(d.itertext())
    try:
        if t == "Number":
            return float(text)
        if t == "Boolean":
            return text.strip() == "1"
        if t == "DateTime":
            return dt.datetime.fromisoformat(text.strip()[:19])
    except ValueError:
        pass
    return text


# --- what a workbook claims, checked before a native reader is trusted with it ---------------

_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|dimension)\b([^>]*?)(/?)>")
_R_ATTR = re.compile(rb"""\br\s*=\s*["']([A-Za-z]{0,3})(\d{0,7})["']""")
_UNIQUE = re.compile(rb"""\buniqueCount\s*=\s*["'](\d+)["']""")


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _check_ooxml(data: bytes, path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Refuse an xlsx/xlsm whose parts, shared strings or cells claim more than the limits,
    before python-calamine allocates what they claim (it aborts the process when it cannot).  Returns the formulas
    without a value of each sheet (_formulas_without_value), found in the same reading of its part."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        unpacked = sum(i.file_size for i in infos)
        if unpacked > MAX_FILE_BYTES:
            raise ZhishuiError(f"工作簿解压后有{size_cn(unpacked)}，超过单个文件最多{size_cn(MAX_FILE_BYTES)}的限制，未读取",
                               file=path, code="TOO_LARGE", hint="请删除多余的内容（图片、空白行列）后重新保存")
        names = {i.filename: i for i in infos}
        sst = names.get("xl/sharedStrings.xml")
        if sst is not None:
            with z.open(sst) as f:
                m = _UNIQUE.search(f.read(4096))
            if m and int(m.group(1)) > MAX_CELLS_PER_FILE:
                raise _too_many_cells(path, "", int(m.group(1)))
        sheet_names = _sheet_parts(z, names)
        # the usual return is small: an upper bound found at C speed settles it (the exact scan
        # below, a Python loop over every tag, took longer than calamine's whole read)
        bounds, formulas = [], {}
        for part, title in sheet_names:
            xml = _part_xml(z, names[part])
            bounds.append(_bound(z, names[part], xml))
            if xml and b"</f>" in xml:
                formulas[title] = _formulas_without_value(xml)
        if None not in bounds and sum(bounds) <= MAX_CELLS_PER_FILE:
            return formulas
        total = 0
        for part, title in sheet_names:
            rows, cols, far = _scan_sheet(z, names[part])
            total += rows * cols
            if total > MAX_CELLS_PER_FILE:
                raise _too_many_cells(path, title, total, far)
        return formulas


def _sheet_parts(z: zipfile.ZipFile, names: dict) -> list[tuple[str, str]]:
    """(part name, sheet title) of each worksheet; parts not named by workbook.xml count too."""
    out, seen = [], set()
    try:
        wb = z.read("xl/workbook.xml")[:1 << 20].decode("utf-8", "replace")
        rels = z.read("xl/_rels/workbook.xml.rels")[:1 << 20].decode("utf-8", "replace")
        target = {m.group(1): m.group(2) for m in re.finditer(r'Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)}
        target.update({m.group(2): m.group(1) for m in re.finditer(r'Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
        for m in re.finditer(r'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"', wb):
            t = target.get(m.group(2), "")
            part = t.lstrip("/") if t.startswith("/") else "xl/" + t
            if part in names:
                out.append((part, m.group(1)))
                seen.add(part)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, zlib.error):
        pass
    for n in names:
        if n.startswith("xl/worksheets/") and n.endswith(".xml") and n not in seen:
            out.append((n, Path(n).stem))
    return out


# the form every writer we know uses (Excel, WPS, LibreOffice, XlsxWriter, openpyxl): the reference
# first, unprefixed; the literal start lets the search skip the cell text at C speed
_CELL_COLS = re.compile(rb'<c r="([A-Z]{1,3})[0-9]{1,7}"')
_CELL_ROWS = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
BOUND_BYTES = 8 << 20   # larger sheet parts are streamed by the exact scan, not read whole


def _part_xml(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """A sheet part unpacked whole when it is small enough (BOUND_BYTES), else None (damage is calamine's to report)."""
    if info.file_size > BOUND_BYTES:
        return None
    try:
        return z.read(info)
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError, ValueError, NotImplementedError):
        return None


def _bound(z: zipfile.ZipFile, info: zipfile.ZipInfo, xml: bytes | None = None) -> int | None:
    """At least the cells of a sheet's used range from A1 (the last row times the last column of
    every cell written, blank or not), or None when that cannot be told this way: a large part,
    a cell written in another form (no reference, a namespace prefix), a part that does not unpack.
    ``xml``: the part already unpacked (_part_xml)."""
    xml = xml if xml is not None else _part_xml(z, info)
    if xml is None:
        return None
    n = xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>")
    if b":c " in xml or b":c>" in xml:
        return None
    if not n:
        return 0
    cols = _CELL_COLS.findall(xml)
    if len(cols) != n:
        return None
    return max(map(int, _CELL_ROWS.findall(xml))) * max(_col_number(c) for c in set(cols))


def _scan_sheet(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int, str]:
    """Rows and columns of a sheet's used range from A1, from the references of the cells that
    hold something (what calamine sizes its grid by), reading the part as a stream."""
    max_r = max_c = 0
    far = ""
    row, col = 0, 0
    tail = b""
    try:
        with z.open(info) as f:
            while True:
                chunk = f.read(1 << 20)
                buf = tail + chunk
                cut = buf.rfind(b"<") if chunk else len(buf)
                if cut < 0:
                    cut = len(buf)
                for m in _TAG.finditer(buf, 0, cut):
                    tag, attrs, empty = m.group(1), m.group(2), m.group(3)
                    if tag == b"row":
                        r = _R_ATTR.search(attrs)
                        row = int(r.group(2)) if r and r.group(2) else row + 1
                        col = 0
                        continue
                    if tag == b"dimension":
                        continue   # a claim calamine only trusts below 100,000 cells: harmless
                    r = _R_ATTR.search(attrs)
                    if r and r.group(1):
                        col = _col_number(r.group(1))
                        if r.group(2):
                            row = int(r.group(2))
                    else:
                        col += 1
                    if empty or buf.startswith(b"</", m.end()):
                        continue   # a cell with a style and nothing in it
                    if row * col > max_r * max_c or row > max_r or col > max_c:
                        max_r, max_c = max(max_r, row), max(max_c, col)
                        far = cell_ref(max(row, 1) - 1, max(col, 1) - 1)
                tail = buf[cut:]
                if not chunk:
                    break
                if len(tail) > 1 << 16:   # no tag ends in 64 KB: a cell text, keep only its end
                    tail = tail[-256:]
    except (zipfile.BadZipFile, OSError, zlib.error, EOFError, ValueError, NotImplementedError):
        pass   # damage is calamine's to report
    return max_r, max_c, far


# a cell holding a formula: its reference, its attributes, the formula and what follows up to the cell's end
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^>]*)>\s*<f(?:\s[^>]*)?>([^<]*)</f>\s*(?:<v>([^<]*)</v>)?')


def _formulas_without_value(xml: bytes) -> dict[tuple[int, int], str]:
    """{(row, col): "=formula"} for the cells of a sheet part whose formula has no value to show: none cached
    (openpyxl), or an error (#NAME?, #N/A).  Typed 「=已完成…」 in a fill-in cell, Excel, WPS and LibreOffice make the
    unit's words a formula that cannot be worked out; calamine gives such a cell as empty, so the words were lost
    without a trace (trial 23).  A formula with a value (=SUM(…) → 12) is read as its value."""
    out = {}
    for m in _FORMULA_CELL.finditer(xml):
        value, error = m.group(5), b't="e"' in m.group(3)
        formula = m.group(4).decode("utf-8", "replace")
        if (value and not error) or not formula.strip():
            continue
        formula = html.unescape(formula)     # (&lt; and the &#24050; openpyxl writes)
        out[(int(m.group(2)) - 1, _col_number(m.group(1)) - 1)] = "=" + formula
    return out


def _keep_formula_text(grid: Grid, formulas: dict[tuple[int, int], str], book_issues: list) -> None:
    """The formulas with no value put back as the text the unit typed, and said where (异常清单)."""
    refs, texts = [], []
    for (r, c), text in sorted(formulas.items()):
        if r >= len(grid.rows) or c >= len(grid.rows[r]) or grid.rows[r][c] not in ("", None):
            continue
        grid.rows[r][c] = text
        refs.append(cell_ref(r, c))
        texts.append(text)
    if refs:
        shown = "、".join(refs[:12]) + ("等" if len(refs) > 12 else "")
        first = texts[0] if len(texts[0]) <= 30 else texts[0][:30] + "…"
        book_issues.append(Issue(
            "FORMULA_TEXT", grid.name, refs[0],
            f"有{len(refs)}个单元格是以「=」开头的公式，算不出结果：{shown}（如「{first}」）；已按填写的原文读作文字",
            "多是文字前面打了「=」，Excel、WPS 把它当成了公式；请核对这些单元格的内容，"
            "以后填写时不要以「=」开头（或先输入英文单引号'）"))


def _read_calamine(data: bytes, path: Path, fmt: str) -> Book:
    formulas = {}
    if fmt in ("xlsx", "xlsm"):
        formulas = _check_ooxml(data, path)
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise ZhishuiError("工作簿设置了打开密码，无法读取", file=path, code="PASSWORD",
                           hint="请让报送单位取消密码后重新发送")
    except BaseException as e:  # calamine raises several kinds; a Rust panic is a BaseException
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        if isinstance(e, MemoryError):
            raise
        raise ZhishuiError("文件已损坏或格式不正确，无法读取", file=path, code="CORRUPT",
                           hint=_corrupt_hint(fmt, e))
    sheets, issues = [], []
    ods_merges = _ods_merges(data) if fmt == "ods" else {}
    total = 0
    try:
        metas = {m.name: m for m in wb.sheets_metadata}
        for name in wb.sheet_names:
            meta = metas.get(name)
            if meta is not None and meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue  # chart sheets, macro sheets
            sh = wb.get_sheet_by_name(name)
            h, w = sh.total_height, sh.total_width
            total += h * w
            if total > MAX_CELLS_PER_FILE:
                raise _too_many_cells(path, name, total, cell_ref(max(h, 1) - 1, max(w, 1) - 1))
            rows = sh.to_python(skip_empty_area=False)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sh.merged_cell_ranges or [])] or ods_merges.get(name, [])
            visible = meta is None or meta.visible == pc.SheetVisibleEnum.Visible
            sheets.append(Grid(name, rows, merged, visible))
            if name in formulas:
                _keep_formula_text(sheets[-1], formulas[name], issues)
    except ZhishuiError:
        raise
    except BaseException as e:
        if isinstance(e, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        raise ZhishuiError("文件内容已损坏，无法读取", file=path, code="CORRUPT", hint=_corrupt_hint(fmt, e))
    finally:
        wb.close()
    return Book(path=path, format=fmt, sheets=sheets, issues=issues)


def _corrupt_hint(fmt: str, e: BaseException) -> str:
    tech = f"（技术信息：{type(e).__name__}: {str(e)[:120]}）"
    if fmt == "et":
        return "这是WPS表格文件（.et），无法直接读取：请在WPS中打开，「文件→另存为」Excel工作簿（*.xlsx）后重新发送" + tech
    return "请用Excel或WPS打开后重新保存" + tech


# --- what a workbook cannot hold ------------------------------------------------------

def _scan_issues(book: Book) -> None:
    """Cells the result workbook cannot hold as they are: control characters (a vertical tab
    pasted from another program, an _x0001_ escape) and text past Excel's cell limit."""
    found: dict[tuple[str, str], list[str]] = {}
    for g in book.sheets:
        for r, row in enumerate(g.rows):
            for c, v in enumerate(row):
                if not isinstance(v, str) or not v:
                    continue
                if ILLEGAL_CHARS.search(v):
                    found.setdefault(("CONTROL_CHARS", g.name), []).append(cell_ref(r, c))
                if len(v) > MAX_CELL_TEXT:
                    found.setdefault(("CELL_TEXT_TOO_LONG", g.name), []).append(cell_ref(r, c))
    for (code, sheet), refs in found.items():
        shown = "、".join(refs[:12]) + ("等" if len(refs) > 12 else "")
        if code == "CONTROL_CHARS":
            msg = (f"有{len(refs)}个单元格含有Excel工作簿不能保存的控制字符（如垂直制表符）：{shown}；"
                   "汇总结果中已替换（换行类替换为换行，其余替换为�），原文保存在历史记录中")
            hint = "一般是从其他程序复制粘贴带来的，不影响汇总；如需更正请在原表中删除这些字符"
        else:
            msg = (f"有{len(refs)}个单元格的文字超过Excel单元格最多{MAX_CELL_TEXT}个字的限制：{shown}；"
                   f"汇总结果中只显示前{MAX_CELL_TEXT}个字，全文保存在历史记录中")
            hint = "请精简文字，详细材料可作为附件报送"
        book.issues.append(Issue(code, sheet, refs[0], msg, hint))


# --- reading -----------------------------------------------------------------------

ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


def _ods_merges(data: bytes) -> dict[str, list[tuple[int, int, int, int]]]:
    """Merged ranges of an .ods (calamine does not report them): cells carrying
    number-rows/columns-spanned in content.xml, positions counted with repeats."""
    from lxml import etree
    t = "{%s}" % ODS_NS["table"]
    out: dict[str, list] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("content.xml") as f:
            sheet, r = None, 0
            for ev, el in etree.iterparse(f, events=("start", "end"), huge_tree=False, resolve_entities=False):
                tag = el.tag
                if ev == "start" and tag == t + "table":
                    sheet, r = el.get(t + "name"), 0
                    out[sheet] = []
                elif ev == "end" and tag == t + "table-row" and sheet is not None:
                    c = 0
                    for cell in el:
                        if cell.tag not in (t + "table-cell", t + "covered-table-cell"):
                            continue
                        rep = int(cell.get(t + "number-columns-repeated", "1"))
                        rs = int(cell.get(t + "number-rows-spanned", "1"))
                        cs = int(cell.get(t + "number-columns-spanned", "1"))
                        if rs > 1 or cs > 1:
                            out[sheet].append((r, c, r + min(rs, 1 << 20) - 1, c + min(cs, 1 << 14) - 1))
                        c += min(rep, 16384)
                    r += min(int(el.get(t + "number-rows-repeated", "1")), 1 << 20)
                    el.clear()
    except Exception:  # merges are a help, never a reason to fail a read
        return {}
    return out


def _read_unguarded(data: bytes, path: Path) -> Book:
    fmt = sniff_format(data, path)
    if fmt == "csv":
        book = _read_csv(data, path)
    elif fmt == "html":
        book = _read_html(data, path)
    elif fmt == "xml2003":
        book = _read_xml2003(data, path)
    else:
        book = _read_calamine(data, path, fmt)
    _scan_issues(book)
    return book


def _read_path(path: str, name: Path) -> Book:
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ZhishuiError(f"文件过大（{size_cn(size)}），超过单个文件最多{size_cn(MAX_FILE_BYTES)}的限制，未读取",
                           file=name, code="TOO_LARGE", hint="请确认是否选错了文件")
    book = _read_unguarded(p.read_bytes(), name)
    return book


# Hints for the clerk's own files (list, directory, settings): what the clerk does, not a unit.
OWN_HINTS = {
    "CORRUPT": "请用Excel或WPS打开这个文件，「另存为」Excel工作簿（.xlsx）后，用另存的文件重试",
    "PASSWORD": "请在Excel中取消这个文件的打开密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后重试",
    "NOT_SPREADSHEET": "请确认选对了文件：责任清单、单位名录和设置应是Excel工作簿（.xlsx）",
    "EMPTY_FILE": "请确认文件已保存完整，或从备份中找回后重试",
    "ENCODING": "请用Excel打开后另存为Excel工作簿（.xlsx）后重试",
    "TOO_LARGE": "请删除多余的行列、图片后另存，或确认是否选错了文件",
    "READ_TIMEOUT": "请用Excel打开后另存为Excel工作簿（.xlsx）后重试",
    "READ_ABORTED": "请用Excel打开后另存为Excel工作簿（.xlsx）后重试",
}


def read_book(path) -> Book:
    """Read one of the clerk's own spreadsheet files (list, directory, settings) into grids."""
    path = Path(path)
    if not path.exists():
        raise ZhishuiError("找不到文件", file=path, code="NOT_FOUND", hint="请检查路径和文件名")
    if path.is_dir():
        raise ZhishuiError("这是文件夹，不是文件", file=path, code="NOT_FOUND", hint="请指定其中的Excel文件")
    try:
        return read_file_as(path, path)
    except ZhishuiError as e:
        hint = OWN_HINTS.get(e.code, e.hint)
        raise ZhishuiError(e.what, file=e.file, sheet=e.sheet, cell=e.cell, hint=hint, code=e.code) from None


def read_file_as(path, name) -> Book:
    """Read a file on disk, named ``name`` in messages, in the reading child (see childread)."""
    from . import childread
    try:
        return childread.run(_read_path, str(path), Path(name))
    except OSError as e:
        raise ZhishuiError(f"无法打开文件（{e.strerror or e}）", file=name, code="UNREADABLE",
                           hint="如果文件正在Excel中打开，请先关闭；或检查文件权限")


def read_file_ahead(path, name) -> None:
    """Let the reading child start on a file that read_file_as(path, name) will ask for next."""
    from . import childread
    childread.prefetch(_read_path, str(path), Path(name))


def read_bytes(data: bytes, path: Path) -> Book:
    """Read a spreadsheet given as bytes (a unit's return), in the reading child."""
    from . import childread
    return childread.run(_read_unguarded, data, Path(path))
