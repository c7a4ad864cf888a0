"""Read any spreadsheet the clerk or a unit may have: xlsx, xlsm, xlsb, xls, ods, csv.

Every format becomes the same thing: a list of ``Grid`` (one per sheet) whose
row 0 / column 0 are Excel's A1, with merged ranges and visibility.  The format
is decided by the file's bytes, not its extension (units rename files), and
every failure becomes a ``ZhishuiError`` that says, in Chinese, what to do.
python-calamine does the reading: it needs no Windows and no Excel.
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as pc

from .errors import ZhishuiError

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".txt", ".tsv", ".et"}


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
class Book:
    path: Path
    format: str           # xlsx | xlsm | xlsb | xls | ods | csv
    sheets: list[Grid]
    encoding: str | None = None  # csv only

    def sheet(self, name: str) -> Grid | None:
        for s in self.sheets:
            if s.name == name:
                return s
        return None

    @property
    def visible_sheets(self) -> list[Grid]:
        return [s for s in self.sheets if s.visible]


# --- format sniffing -------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
                mimetype = z.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
        except zipfile.BadZipFile:
            raise ZhishuiError("文件已损坏，无法作为Excel工作簿打开", file=path, code="CORRUPT",
                               hint="请让报送单位用Excel或WPS重新保存后再发送")
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
        return "xls"
    if data.startswith(b"%PDF"):
        raise ZhishuiError("这是PDF文件，不是电子表格", file=path, code="NOT_SPREADSHEET",
                           hint="PDF可作为佐证材料，但报送表请用下发的Excel文件填报")
    if data[:4] in (b"\x89PNG", b"GIF8") or data[:3] == b"\xff\xd8\xff":
        raise ZhishuiError("这是图片文件，不是电子表格", file=path, code="NOT_SPREADSHEET",
                           hint="截图无法汇总，请报送Excel文件")
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")):
        raise ZhishuiError("这是网页（HTML/XML）格式的文件，只是扩展名像Excel", file=path, code="NOT_SPREADSHEET",
                           hint="请在Excel中打开后「另存为」Excel工作簿（.xlsx）再汇总")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ZhishuiError("文件不是电子表格，也不是文本表格（CSV）", file=path, code="NOT_SPREADSHEET",
                           hint="请用Excel另存为.xlsx或.csv后再试")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xlsb", ".ods"):
        # (.xls is left out: some systems export tab-separated text under that name)
        raise ZhishuiError(f"文件扩展名是{path.suffix}，但内容是纯文本，不是Excel工作簿", file=path,
                           code="NOT_SPREADSHEET", hint="请确认发来的是Excel文件；如果是导出的文本，请改名为.csv")
    return "csv"


# --- readers ---------------------------------------------------------------

def _decode_text(data: bytes, path: Path) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Chinese Excel saves CSV in the ANSI code page (GBK); GB18030 is its superset
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ZhishuiError("无法识别文本文件的编码（不是UTF-8，也不是GBK）", file=path, code="ENCODING",
                           hint="请用Excel打开后另存为「CSV UTF-8」或.xlsx")


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
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)]
    while rows and not any(x.strip() for x in rows[-1]):
        rows.pop()
    return Book(path=path, format="csv", sheets=[Grid(path.stem, rows)], encoding=enc)


# Readers can be tricked into enormous allocations by a hostile file; a list or
# a return is never this large, so refuse rather than exhaust memory.
MAX_CELLS = 5_000_000


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
            for ev, el in etree.iterparse(f, events=("start", "end"), huge_tree=False):
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
                            out[sheet].append((r, c, r + rs - 1, c + cs - 1))
                        c += min(rep, 16384)
                    r += min(int(el.get(t + "number-rows-repeated", "1")), 1 << 20)
                    el.clear()
    except Exception:  # merges are a help, never a reason to fail a read
        return {}
    return out


def _read_calamine(data: bytes, path: Path, fmt: str) -> Book:
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise ZhishuiError("工作簿设置了打开密码，无法读取", file=path, code="PASSWORD",
                           hint="请让报送单位取消密码后重新发送")
    except BaseException as e:  # calamine raises several kinds; a Rust panic is a BaseException
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        raise ZhishuiError("文件已损坏或格式不正确，无法读取", file=path, code="CORRUPT",
                           hint=f"请用Excel或WPS打开后重新保存（技术信息：{type(e).__name__}: {str(e)[:120]}）")
    sheets = []
    ods_merges = _ods_merges(data) if fmt == "ods" else {}
    try:
        metas = {m.name: m for m in wb.sheets_metadata}
        for name in wb.sheet_names:
            meta = metas.get(name)
            if meta is not None and meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue  # chart sheets, macro sheets
            sh = wb.get_sheet_by_name(name)
            h, w = sh.total_height, sh.total_width
            if h * w > MAX_CELLS:
                raise ZhishuiError(f"工作表「{name}」的范围大得不正常（{h}行×{w}列）", file=path, code="TOO_LARGE",
                                   hint="请删除多余的空行空列后重新保存")
            rows = sh.to_python(skip_empty_area=False)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sh.merged_cell_ranges or [])] or ods_merges.get(name, [])
            visible = meta is None or meta.visible == pc.SheetVisibleEnum.Visible
            sheets.append(Grid(name, rows, merged, visible))
    except ZhishuiError:
        raise
    except BaseException as e:
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        raise ZhishuiError("文件内容已损坏，无法读取", file=path, code="CORRUPT",
                           hint=f"请用Excel或WPS打开后重新保存（技术信息：{type(e).__name__}: {str(e)[:120]}）")
    finally:
        wb.close()
    return Book(path=path, format=fmt, sheets=sheets)


def read_book(path) -> Book:
    """Read a spreadsheet file of any supported format into grids."""
    path = Path(path)
    if not path.exists():
        raise ZhishuiError("找不到文件", file=path, code="NOT_FOUND", hint="请检查路径和文件名")
    if path.is_dir():
        raise ZhishuiError("这是文件夹，不是文件", file=path, code="NOT_FOUND", hint="请指定其中的Excel文件")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ZhishuiError(f"无法打开文件（{e.strerror or e}）", file=path, code="UNREADABLE",
                           hint="如果文件正在Excel中打开，请先关闭；或检查文件权限")
    return read_bytes(data, path)


def read_bytes(data: bytes, path: Path) -> Book:
    fmt = sniff_format(data, path)
    if fmt == "csv":
        return _read_csv(data, path)
    return _read_calamine(data, path, fmt)
