"""Intake: what was received — files, folders and zip archives — as bytes with a name and a time.

Nothing here interprets a file; it only finds, names and unpacks what came in,
turning every problem (unreadable file, damaged or encrypted archive) into an
anomaly so that one bad file never stops the month.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ZhishuiError
from .findings import ERROR, Finding
from .workbook_reader import SPREADSHEET_SUFFIXES

MAX_ZIP_MEMBER = 200 * 1024 * 1024


# --- what was received -----------------------------------------------------------

@dataclass
class Received:
    """One file as received: a file in a folder or a member of a zip archive."""
    display: str          # how the clerk finds it: relative path, or archive.zip!member
    data: bytes
    received: dt.datetime
    origin: Path

    @property
    def name(self) -> str:
        return self.display.replace("\\", "/").split("!")[-1].split("/")[-1]

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def gather(inputs, anomalies: list[Finding]) -> list[Received]:
    """Files, folders (recursively) and zip archives -> received files, in a stable order."""
    out: list[Received] = []
    for item in inputs:
        p = Path(item)
        if not p.exists():
            raise ZhishuiError("找不到报送文件或文件夹", file=p, code="NOT_FOUND", hint="请检查路径")
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                out.extend(_from_file(f, f.relative_to(p.parent).as_posix(), anomalies))
        else:
            out.extend(_from_file(p, p.name, anomalies))
    return out


def _mtime(p: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(p.stat().st_mtime).replace(microsecond=0)


def _from_file(p: Path, display: str, anomalies: list[Finding]) -> list[Received]:
    try:
        data = p.read_bytes()
    except OSError as e:
        anomalies.append(Finding(ERROR, "UNREADABLE_FILE", f"无法读取文件（{e.strerror or e}）",
                                 "如果文件正在Excel中打开，请关闭后重新汇总", file=display))
        return []
    if p.suffix.lower() == ".zip" or (data[:4] == b"PK\x03\x04" and p.suffix.lower() not in SPREADSHEET_SUFFIXES
                                      and _is_plain_zip(data)):
        return _from_zip(data, display, p, anomalies)
    return [Received(display, data, _mtime(p), p)]


def _is_plain_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile:
        return False
    return not ({"[Content_Types].xml", "mimetype"} & names)


def _decode_member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:   # Windows zip tools write Chinese names in GBK without the UTF-8 flag
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _from_zip(data: bytes, display: str, p: Path, anomalies: list[Finding]) -> list[Received]:
    out = []
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        anomalies.append(Finding(ERROR, "CORRUPT_ARCHIVE", "压缩包已损坏，无法解压", "请让报送单位重新发送", file=display))
        return []
    with z:
        for info in z.infolist():
            if info.is_dir():
                continue
            name = _decode_member_name(info)
            member_display = f"{display}!{name}"
            if info.flag_bits & 0x1:
                anomalies.append(Finding(ERROR, "PASSWORD", "压缩包内文件设置了密码，无法解压",
                                         "请让报送单位发送不加密的压缩包", file=member_display))
                continue
            if info.file_size > MAX_ZIP_MEMBER:
                anomalies.append(Finding(ERROR, "TOO_LARGE", f"压缩包内文件过大（{info.file_size // 1048576}MB），未解压",
                                         "请单独发送该文件", file=member_display))
                continue
            try:
                content = z.read(info)
            except Exception as e:  # noqa: BLE001 - any damage inside the archive
                anomalies.append(Finding(ERROR, "CORRUPT_ARCHIVE", f"压缩包内文件无法解压（{e}）",
                                         "请让报送单位重新发送", file=member_display))
                continue
            when = dt.datetime(*info.date_time)
            if name.lower().endswith(".zip"):
                out.extend(_from_zip(content, member_display, p, anomalies))
            else:
                out.append(Received(member_display, content, when, p))
    return out
