"""Upload storage: size-limited, type-checked by content, stored by hash.

A file is kept under ``files/<sha[:2]>/<sha256><suffix>`` where the suffix comes from what the
bytes are (an xlsx is a zip holding xl/workbook.xml, an xls is an OLE2 compound file, …), never
from the name the user gave; that name is only data in the uploads table.  Zip archives are
opened before they are accepted and bounded in members, sizes and nesting.
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import ZhishuiError
from ..fileutil import atomic_path

MAX_UPLOAD = 20 * 1024 * 1024          # one uploaded file
MAX_MEMBERS = 50                        # files in one zip
MAX_MEMBER = 20 * 1024 * 1024           # one member, uncompressed
MAX_UNPACKED = 100 * 1024 * 1024        # all members, uncompressed
MAX_RATIO = 200                         # uncompressed / compressed: a zip bomb is thousands

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RETURN_KINDS = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".zip"}
LIST_KINDS = RETURN_KINDS - {".zip"}
PLAN_KINDS = {".docx", ".doc", ".pdf", ".html", ".txt"}
KIND_CN = {".xlsx": "Excel 工作簿", ".xlsm": "Excel 启用宏的工作簿", ".xlsb": "Excel 二进制工作簿",
           ".xls": "Excel 97-2003 工作簿", ".ods": "OpenDocument 表格", ".csv": "CSV 文本表格", ".zip": "zip 压缩包",
           ".docx": "Word 文档", ".doc": "Word 97-2003 文档（或 WPS 文字）", ".pdf": "PDF 文件", ".html": "网页",
           ".txt": "文本文件", ".eml": "邮件", ".png": "图片", ".jpg": "图片", ".gif": "图片", ".bin": "未知类型的文件"}


def kind_of(data: bytes) -> str:
    """What the bytes are, as a suffix; '.bin' when nothing fits."""
    return sniff(data)[0]


def sniff(data: bytes) -> tuple[str, bool]:
    """(kind, damaged): what the bytes are and whether they are a damaged one of it.  A workbook cut short
    (half an upload, a copy that did not finish) still shows what it was in its first bytes: a zip's local
    headers name xl/workbook.xml, an OLE2 file's first sector starts the Workbook stream.  It is that kind,
    damaged (README: a damaged file is 无法读取, not an unknown kind of file: trial 13)."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
                mimetype = z.read("mimetype")[:80] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError, EOFError, zlib.error):
            names, mimetype = _local_names(data)
            kind = _zip_kind(names, mimetype, damaged=True)
            return (".zip" if kind == ".bin" else kind), True     # a damaged zip of any kind is a damaged zip
        return _zip_kind(names, mimetype), False
    if head == OLE2:
        return _ole_kind(data)
    if data[:5] == b"%PDF-":
        return ".pdf", False
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return ".png", False
    if data[:3] == b"\xff\xd8\xff":
        return ".jpg", False
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return ".gif", False
    return _text_kind(data), False


def _zip_kind(names: set[str], mimetype: bytes, damaged: bool = False) -> str:
    """An Office or OpenDocument file by its members.  A damaged one by the members its first part shows:
    its workbook part and [Content_Types].xml may be past the cut (openpyxl writes [Content_Types].xml
    last), but an xl/ or word/ member tells."""
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return ".ods"
    if damaged:
        if any(n.startswith("xl/") for n in names):
            return ".xlsb" if "xl/workbook.bin" in names else ".xlsm" if "xl/vbaProject.bin" in names else ".xlsx"
        if any(n.startswith("word/") for n in names):
            return ".docx"
    if "[Content_Types].xml" in names:
        if "xl/workbook.bin" in names:
            return ".xlsb"
        if "xl/workbook.xml" in names:
            return ".xlsm" if "xl/vbaProject.bin" in names else ".xlsx"
        if "word/document.xml" in names:
            return ".docx"
        return ".bin"
    return ".bin" if mimetype else ".zip"


def _local_names(data: bytes) -> tuple[set[str], bytes]:
    """The member names in a zip's local headers (each member's own header, before its data), walked one
    member after the other, and an OpenDocument's stored mimetype: what a zip whose directory at the end is
    missing still says.  (Walked, not searched: a workbook zipped whole shows its own members' headers.)"""
    names, mimetype, at = set(), b"", 0
    while at + 30 <= len(data) and data[at:at + 4] == b"PK\x03\x04":
        flags, method = int.from_bytes(data[at + 6:at + 8], "little"), int.from_bytes(data[at + 8:at + 10], "little")
        csize = int.from_bytes(data[at + 18:at + 22], "little")
        nlen, xlen = int.from_bytes(data[at + 26:at + 28], "little"), int.from_bytes(data[at + 28:at + 30], "little")
        name = data[at + 30:at + 30 + nlen].decode("utf-8", "replace")
        names.add(name)
        start = at + 30 + nlen + xlen
        if name == "mimetype" and method == 0:
            mimetype = data[start:start + min(csize, 80)]
        if flags & 8 and not csize:     # its size is in a descriptor after the data: no way past it
            break
        at = start + csize
    return names, mimetype


def _ole_kind(data: bytes) -> tuple[str, bool]:
    """An OLE2 file is a workbook when it holds a Workbook/Book stream, a document when WordDocument.
    One cut short (its directory, at the end, lost) is known by the stream its first sectors start:
    a workbook's BOF record, a Word document's FIB."""
    from ..workbook_reader import ole_truncated
    damaged = ole_truncated(data)
    try:
        import olefile   # optional: oletools brings it in the test extra
    except ImportError:
        olefile = None
    if olefile is not None and not damaged:
        try:
            with olefile.OleFileIO(io.BytesIO(data)) as o:
                if o.exists("Workbook") or o.exists("Book"):
                    return ".xls", False
                if o.exists("WordDocument"):
                    return ".doc", False
                return ".bin", False
        except (OSError, ValueError):
            damaged = True
    # without olefile, or damaged: stream names are UTF-16 in the directory sectors
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return ".xls", damaged
    if "WordDocument".encode("utf-16-le") in data:
        return ".doc", damaged
    if damaged:
        shift = int.from_bytes(data[30:32], "little") if len(data) >= 32 else 9
        size = 1 << shift if shift in (9, 12) else 512
        for at in range(size, min(len(data), 64 * size), size):
            if data[at:at + 2] == b"\x09\x08" and data[at + 2:at + 4] in (b"\x10\x00", b"\x08\x00"):   # BIFF BOF
                return ".xls", True
            if data[at:at + 2] == b"\xec\xa5":                                                        # Word's FIB
                return ".doc", True
    return ".bin", damaged


def _text_kind(data: bytes) -> str:
    sample = data[:65536]
    if b"\x00" in sample:
        return ".bin"
    text = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = sample.decode(enc)
            break
        except UnicodeDecodeError:
            if enc == "utf-8-sig" and len(data) > len(sample):
                try:   # the sample may cut a UTF-8 character in two
                    text = sample[:-4].decode(enc)
                    break
                except UnicodeDecodeError:
                    pass
    if text is None:
        return ".bin"
    low = text.lstrip().lower()
    if low.startswith(("<!doctype html", "<html")):
        return ".html"
    if _looks_like_mail(text):
        return ".eml"
    first = text.splitlines()[0] if text.strip() else ""
    if "," in first or "\t" in first or "，" not in first and first.count(";") > 0:
        return ".csv"
    return ".txt"


def _looks_like_mail(text: str) -> bool:
    """A header block (Name: value lines, folded lines, up to the first blank line) naming a sender."""
    names = set()
    for line in text.splitlines()[:300]:
        if not line.strip():
            break
        if line[0] in " \t":
            continue
        m = re.match(r"^([!-9;-~]+):", line)
        if not m:
            return False
        names.add(m.group(1).lower())
    return bool(names & {"from", "received", "return-path"}) and bool(names & {"mime-version", "subject", "date",
                                                                                "content-type", "to"})


def check_zip(data: bytes, *, nested: bool = False) -> None:
    """Refuse an archive that is too big unpacked, holds too many files, or nests archives."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ZhishuiError("压缩包已损坏，无法打开", code="CORRUPT_ARCHIVE", hint="请重新压缩后上传，或直接上传报送表") from None
    with z:
        members = [i for i in z.infolist() if not i.is_dir()]
        if len(members) > MAX_MEMBERS:
            raise ZhishuiError(f"压缩包里有{len(members)}个文件，超过{MAX_MEMBERS}个", code="ZIP_TOO_MANY",
                               hint="请只放本单位的报送表（和佐证材料）")
        total = 0
        for i in members:
            total += i.file_size
            if i.file_size > MAX_MEMBER:
                raise ZhishuiError(f"压缩包里的「{i.filename[-60:]}」解压后有{i.file_size // 1048576}MB，"
                                   f"超过{MAX_MEMBER // 1048576}MB", code="ZIP_MEMBER_TOO_LARGE",
                                   hint="请单独上传报送表，佐证材料请另行报送")
            if i.compress_size and i.file_size / max(i.compress_size, 1) > MAX_RATIO and i.file_size > 1024 * 1024:
                raise ZhishuiError(f"压缩包里的「{i.filename[-60:]}」压缩比异常（{i.file_size // max(i.compress_size, 1)}倍）",
                                   code="ZIP_BOMB", hint="请直接上传报送表")
            if i.filename.lower().endswith(".zip"):
                if nested:
                    raise ZhishuiError("压缩包里套了多层压缩包", code="ZIP_NESTED", hint="请解压后直接上传报送表")
                if i.file_size <= MAX_MEMBER:
                    check_zip(z.read(i), nested=True)
        if total > MAX_UNPACKED:
            raise ZhishuiError(f"压缩包解压后共{total // 1048576}MB，超过{MAX_UNPACKED // 1048576}MB",
                               code="ZIP_TOO_LARGE", hint="请只上传报送表")


@dataclass
class Stored:
    sha256: str
    suffix: str
    size: int
    path: Path


class FileStore:
    """Content-addressed files under one folder."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str, suffix: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256) or not suffix.startswith("."):
            raise ValueError("not a stored file's hash")
        return self.folder / sha256[:2] / f"{sha256}{suffix}"

    def put(self, data: bytes, suffix: str) -> Stored:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha, suffix)
        if not target.exists():
            with atomic_path(target) as tmp:
                tmp.write_bytes(data)
        return Stored(sha, suffix, len(data), target)

    def read(self, sha256: str, suffix: str) -> bytes:
        return self.path(sha256, suffix).read_bytes()

    def link(self, sha256: str, suffix: str, target: Path) -> None:
        """Make ``target`` show a stored file (a hard link where the file system allows)."""
        src = self.path(sha256, suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src, target)
        except OSError:
            target.write_bytes(src.read_bytes())


def accept(data: bytes, allowed: set[str], what: str) -> str:
    """The content's kind if it is one of ``allowed``; otherwise a clear refusal.  A damaged file of an
    allowed kind is accepted: the reader then says it is damaged and where (README 「无法读取」)."""
    if not data:
        raise ZhishuiError("上传的文件是空的（0字节）", code="EMPTY_UPLOAD", hint="请重新选择文件")
    if len(data) > MAX_UPLOAD:
        raise ZhishuiError(f"文件有{len(data) / 1048576:.1f}MB，超过{MAX_UPLOAD // 1048576}MB的上限",
                           code="UPLOAD_TOO_LARGE", hint="报送表一般只有几十KB；佐证材料请不要放进来")
    kind, damaged = sniff(data)
    if kind not in allowed:
        names = "、".join(sorted({KIND_CN[k] for k in allowed if k in KIND_CN}))
        if damaged:
            raise ZhishuiError(f"这个文件已损坏（不完整），打不开；从开头看是{KIND_CN.get(kind, '未知类型的文件')}，不是{what}",
                               code="WRONG_KIND", hint=f"请确认原文件能正常打开后重新上传；可以上传：{names}")
        raise ZhishuiError(f"这个文件是{KIND_CN.get(kind, '未知类型的文件')}，不是{what}", code="WRONG_KIND",
                           hint=f"可以上传：{names}")
    if kind == ".zip" and not damaged:
        check_zip(data)
    return kind
