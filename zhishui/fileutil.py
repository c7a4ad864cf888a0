"""File names from user text, and writes that never leave half a file behind."""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import hashlib
import math
import os
import re
import socket
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from .errors import ZhishuiError
from .testhooks import crash_point

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(text: str, max_len: int = 80, default: str = "未命名") -> str:
    """A name that is safe on Windows and still readable: unit names never become
    paths unsanitised (no separators, no .., no reserved device names)."""
    s = unicodedata.normalize("NFC", str(text or ""))
    s = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", s)   # one "_" per run: 区/水利局 stays distinct from 区水利局
    s = re.sub(r"\s+", " ", s).strip(" ._")
    s = s.replace("..", "_")
    if not s:
        s = default
    if s.split(".")[0].upper() in _RESERVED:
        s = "_" + s
    if len(s) > max_len:
        s = s[:max_len].rstrip(" .")
    return s


def unique_path(folder: Path, stem: str, suffix: str, taken: set | None = None) -> Path:
    """folder/stem.suffix, numbered (2), (3) … when two names collide after sanitising."""
    taken = taken if taken is not None else set()
    cand = folder / f"{stem}{suffix}"
    n = 2
    while cand.name.lower() in taken:
        cand = folder / f"{stem}({n}){suffix}"
        n += 1
    taken.add(cand.name.lower())
    return cand


_ERRNO_CN = {errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.ENOENT: "路径不存在或不可写入",
             errno.EROFS: "这是只读的位置", errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘配额已满",
             errno.ENAMETOOLONG: "文件名或路径太长", errno.EISDIR: "这是一个文件夹"}


def os_reason(e: OSError) -> str:
    """An operating-system error as a clerk reads it."""
    return _ERRNO_CN.get(e.errno, e.strerror or str(e))


@functools.lru_cache(maxsize=1)
def _host() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def _temp_prefix() -> str:
    """.~zhishui-<host>-<pid>-: a temporary file says whose it is, so a later run can remove
    the ones a killed run left (same machine, process gone) and no other."""
    return f".~zhishui-{_host()}-{os.getpid()}-"


def _pid_alive(pid: int) -> bool:
    if os.name == "nt":   # os.kill there terminates the process: never probe with it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def sweep_temporaries(folder) -> None:
    """Remove temporary files that runs killed on this machine left in a folder."""
    mine = _temp_prefix().rsplit("-", 2)[0] + "-"
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for e in entries:
        if not e.name.startswith(mine):
            continue
        try:
            pid = int(e.name[len(mine):].split("-", 1)[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _pid_alive(pid):
            with contextlib.suppress(OSError):
                os.unlink(e.path)


_swept: set[tuple[int, str]] = set()


def _sweep_once(folder: Path) -> None:
    """sweep_temporaries the first time this process writes into a folder: what a killed run
    left is gone after that (an archive of 3,000 returns swept its folders 3,000 times)."""
    key = (os.getpid(), str(folder))
    if key not in _swept:
        sweep_temporaries(folder)
        _swept.add(key)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def give_user_permissions(path) -> None:
    """The permissions a new file of the user's gets (umask), for files other programs create
    narrower (mkstemp 0600, SQLite 0644)."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o666 & ~_umask())


@contextlib.contextmanager
def atomic_path(target, *, sweep: bool = True):
    """Yield a temporary path in the target's folder; on success it replaces the
    target in one step, on failure it is removed and the target is untouched.
    The result has the permissions a new file of the user's gets (umask), not mkstemp's 0600.
    ``sweep=False``: the caller swept the folder already (one sweep for many files, not one each)."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ZhishuiError(f"无法创建输出文件夹（{os_reason(e)}）", file=target.parent,
                           hint="请检查路径和写入权限，或换一个输出位置") from None
    if sweep:
        _sweep_once(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(), suffix=target.suffix, dir=str(target.parent))
    except OSError as e:
        raise ZhishuiError(f"无法在输出文件夹中写入文件（{os_reason(e)}）", file=target,
                           hint="请检查该文件夹的写入权限，或换一个输出位置") from None
    os.close(fd)
    tmp = Path(tmp)
    try:
        try:
            yield tmp
        except OSError as e:   # the disk filled up, the share went away ...
            raise ZhishuiError(f"写入输出文件时出错（{os_reason(e)}）", file=target,
                               hint="请检查磁盘空间和写入权限后重试") from None
        give_user_permissions(tmp)
        crash_point(f"written {target.name}")
        try:
            os.replace(tmp, target)
        except PermissionError:
            raise ZhishuiError("无法写入输出文件，可能正在Excel或Word中打开", file=target,
                               hint="请关闭该文件后重试") from None
        crash_point(f"replaced {target.name}")
    finally:
        if tmp.exists():
            tmp.unlink()


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose members all carry one given time (outputs the same bytes for the same input)."""

    def __init__(self, *a, when: dt.datetime, **kw):
        self._when = when.timetuple()[:6]
        super().__init__(*a, **kw)

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._when)
            zinfo.compress_type = zipfile.ZIP_DEFLATED
            zinfo.external_attr = 0o644 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as fh:
            self.writestr(arcname or Path(filename).name, fh.read())


def print_landscape(ws, title_rows: str | None = "1:1") -> None:
    """An openpyxl sheet printed on landscape A4, all columns on one page wide, its header on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


A4_LONG_PT = 841.9                   # 297 mm: the printable width of landscape A4 is this less the side margins
A4_SHORT_PT = 595.3                  # 210 mm: portrait
NARROW_SIDE_IN = 0.25                # side margins of a wide table (Excel's 「窄」 margins)


def column_points(width: float) -> float:
    """A column's printed width in points, at its widest: LibreOffice without Calibri (DejaVu Sans for it) prints a
    width unit as 7 pt (measured); Excel with Calibri as 5.25 pt (7 px at 96 dpi).  The text is 11 pt in both, so the
    wider the columns, the smaller a table fitted to the page prints."""
    return width * 7.0


def print_readably(ws, widths: list[float], rows: int, *, font_pt: float = 11.0, min_pt: float = 7.0,
                   title_rows: str | None = "1:1", title_cols: str | None = "A:A") -> float:
    """Landscape A4 for the first ``len(widths)`` columns (these widths) of ``rows`` rows, the columns after them not
    printed: one page wide when the text still prints at ``min_pt`` or more, else as many pages wide as keep it at
    ``min_pt`` (the column groups on pages side by side, a band of rows at a time, ``title_cols`` repeated on each;
    a new-user trial's 19 columns fitted to one page printed at about 2 pt).  Header rows repeat on every page;
    pages are numbered.  The empty rows of the print area print nothing (Excel and LibreOffice leave out blank
    pages).  Returns the text's printed size (estimated)."""
    import math
    from openpyxl.utils import get_column_letter
    ws.print_area = f"A1:{get_column_letter(len(widths))}{rows}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = getattr(ws, "PAPERSIZE_A4", "9")     # a write-only sheet lacks the constants
    ws.page_margins.left = ws.page_margins.right = NARROW_SIDE_IN
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    fit = (A4_LONG_PT - 2 * 72 * NARROW_SIDE_IN) / sum(column_points(w) for w in widths)
    pages = max(1, math.ceil(min_pt / (fit * font_pt) - 1e-9))
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = pages, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if pages > 1:
        ws.page_setup.pageOrder = "overThenDown"        # a band of rows, all its column groups, then the next band
        if title_cols:
            ws.print_title_cols = title_cols
    return round(min(1.0, pages * fit) * font_pt, 1)


def xlsx_print_readably(ws, widths: list[float], last_row: int, *, header_rows: tuple[int, int] | None = (0, 0),
                        title_cols: int = 1, font_pt: float = 10.0, min_pt: float = 7.0,
                        title: str | None = None) -> float:
    """print_readably for an XlsxWriter sheet: A4, narrow side margins, the header rows (first, last; 0-based) on
    every page, pages numbered, the columns after ``widths`` not printed (a hidden column: width 0).  A table
    narrow enough for a portrait page at full size prints portrait (more rows a page); one that fits a landscape
    page at ``min_pt`` or more prints one page wide; a wider one prints at ``min_pt`` (a fixed scale: fitted to
    two pages wide it would print larger and on twice the pages), its column groups side by side a band of rows
    at a time, the first ``title_cols`` columns (序号 and the task, the unit) repeated on each.  (Trial 15: the
    年度考核结果 workbook's 逐月状态 printed its months on pages of their own, without 序号 or header; 收到文件's
    14 columns fitted to one page printed at about 3 pt.)  ``title``: the sheet's title, printed at the top of every
    page instead of its title row (a title cell cut at a column group's edge, its first words on another page, reads
    badly); the print starts at the header rows.  Returns the text's printed size (estimated)."""
    # (XlsxWriter stores a width of w as w + 0.71: the 5 pixels of cell padding)
    printed = sum(column_points(w + 0.71) for w in widths if w)
    narrow = printed <= A4_SHORT_PT - 2 * 72 * NARROW_SIDE_IN
    ws.set_portrait() if narrow else ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=NARROW_SIDE_IN, right=NARROW_SIDE_IN, top=0.6, bottom=0.6)
    ws.set_footer("&C第 &P 页，共 &N 页", {"margin": 0.3})
    if title:
        ws.set_header("&C&B" + title.replace("&", "&&"), {"margin": 0.3})
    first = header_rows[0] if title and header_rows else 0
    ws.print_area(first, 0, max(last_row, header_rows[1] if header_rows else 0), len(widths) - 1)
    if header_rows:
        ws.repeat_rows(*header_rows)
    size = font_pt * min(1.0, (A4_LONG_PT - 2 * 72 * NARROW_SIDE_IN) / printed) if printed else font_pt
    if narrow or size >= min_pt - 1e-9:
        ws.fit_to_pages(1, 0)
        return round(size, 1)
    ws.set_print_scale(math.floor(100 * min_pt / font_pt))
    ws.print_across()                       # a band of rows, all its column groups, then the next band
    if title_cols:
        ws.repeat_columns(0, title_cols - 1)
    return round(math.floor(100 * min_pt / font_pt) / 100 * font_pt, 1)


def save_workbook(wb, target, when: dt.datetime | None = None) -> Path:
    """openpyxl workbook -> target, atomically.  With ``when`` the file's dates (document
    properties, zip entries) are that time, so the same input gives the same bytes."""
    try:
        with atomic_path(target) as tmp:
            if when is None:
                wb.save(tmp)
            else:
                from openpyxl.writer.excel import ExcelWriter
                if wb.write_only and not wb.worksheets:
                    wb.create_sheet()
                wb.properties.created = wb.properties.modified = when
                with _FixedTimeZip(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True, when=when) as archive:
                    ExcelWriter(wb, archive).save()
    except BaseException:
        _discard(wb)
        raise
    return Path(target)


def _discard(wb) -> None:
    """Finish and remove the sheets of a write-only workbook that was not saved: left to the
    garbage collector, their open XML writers print ~80 lines of lxml noise after our message."""
    for ws in getattr(wb, "_sheets", []):
        writer = getattr(ws, "_writer", None)
        if writer is None or getattr(ws, "closed", True):
            continue
        with contextlib.suppress(Exception):
            ws.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def restamp_zip(path, when: dt.datetime) -> None:
    """Give every entry of a (small) zip file, e.g. a .docx, one time, in place."""
    path = Path(path)
    stamp = when.timetuple()[:6]
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i)) for i in z.infolist()]
    tmp = path.with_name(path.name + ".stamp")
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in entries:
            info.date_time = stamp
            out.writestr(info, data, compress_type=info.compress_type)
    os.replace(tmp, path)
