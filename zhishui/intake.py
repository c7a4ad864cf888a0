"""Intake: what was received — files, folders and zip archives — with a name, a time and a hash.

Nothing here interprets a file; it finds, names and unpacks what came in,
turning every problem (unreadable file, damaged or encrypted archive, a name in
a foreign encoding, a date no calendar has, a file or archive past a limit) into
an anomaly, so that one bad file never stops the month.  File contents are never
all held in memory: files are hashed as streams, zip members are unpacked to a
spool folder on disk, and a file is read only when it is looked at.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import stat
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ZhishuiError
from .findings import ERROR, INFO, WARNING, Finding
from .limits import (MAX_CELLS_PER_RUN, MAX_FILE_BYTES, MAX_FILES, MAX_TOTAL_BYTES, MAX_ZIP_DEPTH, count_cn,
                     size_cn)
from .mail import read_message
from .receipts import EMAIL, Arrival
from .workbook_reader import SPREADSHEET_SUFFIXES, Book, looks_like_text_table, read_file_ahead, read_file_as

MAX_ZIP_MEMBER = MAX_FILE_BYTES       # the name round 1 used
CHUNK = 1 << 20
SPOOL_PREFIX = "zhishui-spool-"


def _sweep_spools() -> None:
    """Remove the spool folders of collects that were killed (their process is gone)."""
    if os.name != "posix":
        return
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return
    for e in entries:
        if not e.name.startswith(SPOOL_PREFIX):
            continue
        try:
            pid = int(e.name[len(SPOOL_PREFIX):].split("-", 1)[0])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(e.path, ignore_errors=True)
        except (ValueError, OSError):
            continue


# --- what was received -----------------------------------------------------------

@dataclass
class _Run:
    """What one gather has taken in so far, against the limits of one collect."""
    files: int = 0
    bytes: int = 0
    cells: int = 0
    over_files: list[str] = field(default_factory=list)
    spool: tempfile.TemporaryDirectory | None = None
    spooled: int = 0

    def spool_path(self, suffix: str) -> Path:
        if self.spool is None:   # removed when the last Received using it is gone, or at exit
            _sweep_spools()
            self.spool = tempfile.TemporaryDirectory(prefix=f"{SPOOL_PREFIX}{os.getpid()}-")
        self.spooled += 1
        return Path(self.spool.name) / f"{self.spooled:05d}{suffix[:12]}"


@dataclass
class Received:
    """One file as received: a file in a folder, a member of a zip archive, an e-mail's attachment."""
    display: str          # how the clerk finds it: relative path, or archive.zip!member, or mail.eml!attachment
    mtime: dt.datetime    # the file's own time: only to order versions when nothing else tells (never arrival)
    origin: Path          # what was handed over: the file itself or the outermost zip
    path: Path            # where its bytes are now: the file itself, or its unpacked copy
    size: int
    sha256: str
    run: _Run | None = field(default=None, repr=False, compare=False)
    arrival: Arrival | None = None    # evidence of when it arrived: the e-mail it came in
    sender: str = ""                  # the e-mail address it came from
    damaged: str = ""                 # why a zip archive cannot be opened: the archive itself is then the unit's file

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()

    @property
    def name(self) -> str:
        return self.display.replace("\\", "/").split("!")[-1].split("/")[-1]

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def is_text_table(self) -> bool:
        """A .txt that is a table (Excel's 另存为「Unicode文本」or「文本文件（制表符分隔）」)."""
        if self.suffix != ".txt":
            return False
        try:
            with open(self.path, "rb") as f:
                head = f.read(8192)
        except OSError:
            return False
        return looks_like_text_table(head)

    def read_ahead(self) -> None:
        """Have this file read while the one before it is worked on (read_book then takes it)."""
        if self.suffix in SPREADSHEET_SUFFIXES:
            read_file_ahead(self.path, Path(self.name))

    def read_book(self) -> Book:
        """The file as a spreadsheet, within the cells one collect may read (ZhishuiError if not)."""
        book = read_file_as(self.path, Path(self.name))
        if self.run is not None:
            n = book.cells
            if self.run.cells + n > MAX_CELLS_PER_RUN:
                raise ZhishuiError(
                    f"本次汇总已读取{count_cn(self.run.cells)}个单元格，加上本文件的{count_cn(n)}个将超过一次汇总最多"
                    f"{count_cn(MAX_CELLS_PER_RUN)}个单元格的限制，本文件未读取", code="TOO_MANY_CELLS",
                    hint="请把报送表分成几批分别汇总，或删除文件中与报送无关的内容")
            self.run.cells += n
        return book


def gather(inputs, anomalies: list[Finding]) -> list[Received]:
    """Files, folders (recursively) and zip archives -> received files, in a stable order."""
    out: list[Received] = []
    run = _Run()
    for item in inputs:
        p = Path(item)
        if not p.exists() and not p.is_symlink():
            raise ZhishuiError("找不到报送文件或文件夹", file=_shown(p), code="NOT_FOUND", hint="请检查路径")
        if p.is_dir():
            root = p.resolve()
            for f in _walk(p):
                out.extend(_from_file(f, p.parent, anomalies, run, inside=root))
        else:
            out.extend(_from_file(p, p.parent, anomalies, run))
    if run.over_files:
        shown = "、".join(run.over_files[:10]) + ("等" if len(run.over_files) > 10 else "")
        anomalies.append(Finding(ERROR, "TOO_MANY_FILES",
                                 f"收到的文件超过一次汇总最多{MAX_FILES}个的限制，另有{len(run.over_files)}个文件未读取、"
                                 f"未存档：{shown}", "请把报送文件分成几批分别汇总（每批不超过"
                                 f"{MAX_FILES}个文件），或移走与本期报送无关的文件", file=run.over_files[0]))
    return out


def _walk(top: Path) -> list[Path]:
    """Every entry under a folder, sorted, without following links to folders (no loops)."""
    found = []
    for root, dirs, files in os.walk(top, followlinks=False):
        dirs.sort(key=os.fsencode)
        found.extend(Path(root) / f for f in files)
        found.extend(Path(root) / d for d in dirs if os.path.islink(os.path.join(root, d)))
    return sorted(found, key=lambda x: os.fsencode(str(x)))


def _decode_fs_name(part: str) -> tuple[str, bool]:
    """A name from the file system as text: names that are not UTF-8 (GBK from a Windows share
    or an old zip tool, kept by Linux as raw bytes) are read as GBK. Returns (text, was_decoded)."""
    raw = os.fsencode(part)
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), True
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), True


def _display(p: Path, base: Path) -> tuple[str, bool]:
    """How the clerk finds a file (its path from the folder handed over), and whether a part
    of it had to be read as GBK."""
    parts = [_decode_fs_name(x) for x in p.relative_to(base).parts]
    return "/".join(t for t, _ in parts), any(f for _, f in parts)


def _shown(p: Path) -> str:
    return "/".join(_decode_fs_name(x)[0] for x in Path(p).parts)


def _mtime(st) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(st.st_mtime).replace(microsecond=0)
    except (OverflowError, OSError, ValueError):   # a time no calendar has (set by a broken tool)
        return dt.datetime(1980, 1, 1)


def _admit(display: str, size: int, anomalies: list[Finding], run: _Run, *, count: bool = True) -> bool:
    """Count one more file against the limits of a collect; False (and an anomaly) if it is past one.
    An archive itself is only held to the size of one file (count=False): its members are counted."""
    if size > MAX_FILE_BYTES:
        anomalies.append(Finding(ERROR, "TOO_LARGE",
                                 f"文件过大（{size_cn(size)}），超过单个文件最多{size_cn(MAX_FILE_BYTES)}的限制，未读取、未存档",
                                 "报送表不会这么大：请确认是否发错了文件；视频等大文件请另行保存", file=display))
        return False
    if not count:
        return True
    if run.files >= MAX_FILES:
        run.over_files.append(display)
        return False
    if run.bytes + size > MAX_TOTAL_BYTES:
        anomalies.append(Finding(ERROR, "TOO_MUCH_DATA",
                                 f"本次收到的文件合计已达{size_cn(run.bytes)}，加上本文件（{size_cn(size)}）将超过一次汇总最多"
                                 f"{size_cn(MAX_TOTAL_BYTES)}的限制，本文件未读取、未存档",
                                 "请把报送文件分成几批分别汇总，或移走视频等大文件", file=display))
        return False
    run.files += 1
    run.bytes += size
    return True


def _from_file(p: Path, base: Path, anomalies: list[Finding], run: _Run, inside: Path | None = None
               ) -> list[Received]:
    display, foreign = _display(p, base)
    if foreign:
        anomalies.append(Finding(INFO, "FILENAME_ENCODING", "文件名不是UTF-8编码（常见于Windows共享文件夹或旧压缩软件），"
                                 "已按GBK识别", "如文件名显示不对，请改名后重新汇总", file=display))
    if inside is not None and p.is_symlink():
        try:
            target = p.resolve(strict=True)
        except (OSError, RuntimeError):
            target = None
        if target is None or not target.is_relative_to(inside):
            anomalies.append(Finding(ERROR, "LINK_OUTSIDE", "这是指向报送文件夹以外（或已失效）的链接，未读取、未存档",
                                     "请把报送文件本身复制到报送文件夹", file=display))
            return []
    try:
        st = p.stat()
    except OSError as e:
        anomalies.append(Finding(ERROR, "UNREADABLE_FILE", f"无法读取文件（{e.strerror or e}）",
                                 "如果是失效的快捷方式或链接，请改为复制文件本身", file=display))
        return []
    if stat.S_ISDIR(st.st_mode):   # a link to a folder: not followed (it could point back up)
        anomalies.append(Finding(INFO, "LINKED_FOLDER", "这是指向其他文件夹的链接，未读取其中的文件",
                                 "如需汇总其中的文件，请把文件复制到报送文件夹", file=display))
        return []
    if not stat.S_ISREG(st.st_mode):
        anomalies.append(Finding(ERROR, "NOT_A_FILE", "这不是普通文件（设备、管道等），未读取",
                                 "请只放入报送表和佐证材料", file=display))
        return []
    is_zip = _looks_like_zip(p)
    if not _admit(display, st.st_size, anomalies, run, count=not is_zip):
        return []
    try:
        sha, size = _hash_file(p)
    except OSError as e:
        anomalies.append(Finding(ERROR, "UNREADABLE_FILE", f"无法读取文件（{e.strerror or e}）",
                                 "如果文件正在Excel中打开，请关闭后重新汇总", file=display))
        return []
    when = _mtime(st)
    if is_zip:
        return _from_zip(p, display, p, when, 1, anomalies, run)
    own = Received(display, when, p, p, size, sha, run)
    if p.suffix.lower() == ".eml":
        return _from_email(own, anomalies, run)
    return [own]


def _from_email(own: Received, anomalies: list[Finding], run: _Run) -> list[Received]:
    """An e-mail saved from a mail client: the message itself (archived whole) and each attachment,
    unpacked to the spool, with the message as provenance and its received time as evidence."""
    msg = read_message(own.data)
    own.sender = msg.sender
    if msg.problem:
        anomalies.append(Finding(ERROR, "EMAIL_UNREADABLE", msg.problem, "请在邮箱中把附件另存到报送表文件夹",
                                 file=own.display))
        return [own]
    if msg.received:
        how = "收件服务器时间" if msg.received_from == "Received" else "发件时间"
        # the unit will quote the time it pressed 发送 (trial 34: sent 23:50 on the due day, received 00:02): said
        # beside the server's, which decides
        sent = (f"，发件时间{msg.sent:%m月%d日%H:%M}" if msg.received_from == "Received" and msg.sent
                and abs((msg.sent - msg.received).total_seconds()) >= 60 else "")
        own.arrival = Arrival(msg.received, EMAIL, f"{own.name}的{how}（发件人{msg.sender or '不明'}{sent}）")
    else:
        anomalies.append(Finding(WARNING, "EMAIL_NO_TIME", "邮件里没有收件时间和发件时间",
                                 "收到时间按收件记录或填报日期确定", file=own.display))
    if not msg.attachments:
        anomalies.append(Finding(WARNING, "EMAIL_NO_ATTACHMENT",
                                 f"邮件「{msg.subject}」没有附件" + (f"（正文{msg.body_chars}字，已存档）" if msg.body_chars else ""),
                                 "请让该单位把报送表作为附件重新发送", file=own.display))
    out = [own]
    for name, content in msg.attachments:
        member = f"{own.display}!{name}"
        if not _admit(member, len(content), anomalies, run, count=not name.lower().endswith(".zip")):
            continue
        target = run.spool_path(Path(name).suffix.lower())
        target.write_bytes(content)
        rec = Received(member, own.mtime, own.origin, target, len(content), hashlib.sha256(content).hexdigest(), run)
        got = _from_zip(target, member, own.origin, own.mtime, 2, anomalies, run) if name.lower().endswith(".zip") \
            else [rec]
        for r in got:
            r.arrival, r.sender = own.arrival, msg.sender
        out.extend(got)
    return out


def _looks_like_zip(p: Path) -> bool:
    """A zip archive to unpack (not a workbook, which is a zip too)."""
    suffix = p.suffix.lower()
    if suffix == ".zip":
        return True
    if suffix in SPREADSHEET_SUFFIXES:
        return False
    try:
        with open(p, "rb") as f:
            head = f.read(4)
    except OSError:
        return False
    return head == b"PK\x03\x04" and _is_plain_zip(p)


def _hash_file(p: Path) -> tuple[str, int]:
    h, size = hashlib.sha256(), 0
    with open(p, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:   # grew since it was looked at
                raise OSError(f"文件在读取时变大，超过{size_cn(MAX_FILE_BYTES)}")
    return h.hexdigest(), size


def _is_plain_zip(p) -> bool:
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False
    return not ({"[Content_Types].xml", "mimetype"} & names)


def _gb_rank(ch: str) -> int:
    """How ordinary a character is in a Chinese file name: 0 ASCII, a common (level-1) hanzi or
    common punctuation; 1 elsewhere in GB2312 (level-2 hanzi, symbols); 3 outside GB2312."""
    if ch < "\x80":
        return 0
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return 3
    return 0 if 0xB0 <= b[0] <= 0xD7 or 0xA1 <= b[0] <= 0xA3 else 1


def _unicode_path_field(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    """Info-ZIP's Unicode Path extra field (0x7075): the UTF-8 name, when it still matches the raw one."""
    extra, i = info.extra or b"", 0
    while i + 4 <= len(extra):
        tag, size = int.from_bytes(extra[i:i + 2], "little"), int.from_bytes(extra[i + 2:i + 4], "little")
        body = extra[i + 4:i + 4 + size]
        if tag == 0x7075 and len(body) > 5 and body[0] == 1 and int.from_bytes(body[1:5], "little") == zlib.crc32(raw):
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
        i += 4 + size
    return None


def decode_name_bytes(raw: bytes) -> tuple[str, str]:
    """A zip member name stored without the UTF-8 flag -> (name, encoding).  Windows tools write
    GBK; Linux/mac ``zip`` and some libraries write UTF-8 without saying so.  Valid UTF-8 that is
    not also plausible GBK is UTF-8; else GBK (GB18030); else the bytes as cp437 (encoding "")."""
    try:
        u = raw.decode("utf-8")
    except UnicodeDecodeError:
        u = None
    g = None
    for enc in ("gbk", "gb18030"):
        try:
            g = raw.decode(enc)
            break
        except UnicodeDecodeError:
            pass
    if u is not None and g is not None:
        # both decode: GBK when its reading is all GB2312 and no rarer than the UTF-8 one (UTF-8
        # hanzi read as GBK give level-2 and out-of-GB2312 characters; GBK read as UTF-8 gives
        # Latin/Greek/Cyrillic letters)
        ranks = [_gb_rank(c) for c in g]
        if max(ranks, default=0) < 3 and sum(ranks) <= sum(_gb_rank(c) for c in u):
            return g, "gbk"
        return unicodedata.normalize("NFC", u), "utf-8"
    if u is not None:
        return unicodedata.normalize("NFC", u), "utf-8"     # mac writes NFD
    if g is not None:
        return g, "gbk"
    return raw.decode("cp437"), ""


def _decode_member_name(info: zipfile.ZipInfo) -> tuple[str, str]:
    """(name, encoding) of a member: the UTF-8 flag, else Info-ZIP's Unicode path, else decided by
    the bytes (decode_name_bytes)."""
    if info.flag_bits & 0x800:
        return info.filename, "utf-8"
    raw = info.filename.encode("cp437")     # zipfile read the bytes as cp437: this gives them back
    named = _unicode_path_field(info, raw)
    if named is not None:
        return unicodedata.normalize("NFC", named), "utf-8"
    return decode_name_bytes(raw)


def _member_time(info: zipfile.ZipInfo) -> dt.datetime | None:
    try:
        return dt.datetime(*info.date_time)
    except (ValueError, TypeError):   # 1980-00-00: written by tools that leave the DOS date empty
        return None


def _from_zip(source: Path, display: str, origin: Path, when: dt.datetime, depth: int,
              anomalies: list[Finding], run: _Run) -> list[Received]:
    if depth > MAX_ZIP_DEPTH:
        anomalies.append(Finding(ERROR, "ZIP_TOO_DEEP",
                                 f"压缩包套压缩包超过{MAX_ZIP_DEPTH}层，更深的内容未解压",
                                 "请把报送表直接放进一个压缩包（或不压缩）后重新发送", file=display))
        return []
    try:
        z = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # the archive itself is what came: read as a file that cannot be opened, so its unit (by name, sender or
        # receipt log) is 无法读取 and asked to send it again, not told nothing came (README 「报送情况和收到时间」)
        try:
            sha, size = _hash_file(source)
        except OSError:
            anomalies.append(Finding(ERROR, "CORRUPT_ARCHIVE", "压缩包已损坏，无法解压", "请让报送单位重新发送", file=display))
            return []
        return [Received(display, when, origin, source, size, sha, run, damaged="压缩包已损坏（不完整），无法解压")]
    out: list[Received] = []
    with z:
        try:
            infos = z.infolist()
        except Exception:  # noqa: BLE001 - a damaged central directory
            infos = []
        for info in infos:
            if info.is_dir():
                continue
            name, encoding = _decode_member_name(info)
            member_display = f"{display}!{name}"
            if not encoding:
                anomalies.append(Finding(WARNING, "ZIP_NAME_ENCODING",
                                         "压缩包内文件名的编码无法识别（既不是UTF-8也不是GBK），按原样显示",
                                         "如文件名显示不对，请让报送单位把文件改名后重新压缩", file=member_display))
            if info.flag_bits & 0x1:
                anomalies.append(Finding(ERROR, "PASSWORD", "压缩包内文件设置了密码，无法解压",
                                         "请让报送单位发送不加密的压缩包", file=member_display))
                continue
            if not _admit(member_display, info.file_size, anomalies, run):
                continue
            member_when = _member_time(info)
            if member_when is None:
                member_when = when
                anomalies.append(Finding(INFO, "ZIP_DATE_INVALID",
                                         f"压缩包内文件的修改时间无效（{info.date_time}），按压缩包的时间{when:%Y-%m-%d %H:%M}计",
                                         "如收到时间有误，请在收件记录中写明", file=member_display))
            rec = _unpack(z, info, name, member_display, origin, member_when, anomalies, run)
            if rec is None:
                continue
            if name.lower().endswith(".zip"):
                out.extend(_from_zip(rec.path, member_display, origin, member_when, depth + 1, anomalies, run))
            else:
                out.append(rec)
    return out


def _unpack(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, display: str, origin: Path, when: dt.datetime,
            anomalies: list[Finding], run: _Run) -> Received | None:
    """One member unpacked to the spool, never past the size limit whatever its header claims."""
    target = run.spool_path(Path(name.replace("\\", "/")).suffix.lower())
    h, size = hashlib.sha256(), 0
    try:
        with z.open(info) as src, open(target, "wb") as dst:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    break
                h.update(chunk)
                dst.write(chunk)
    except Exception as e:  # noqa: BLE001 - any damage inside the archive (CRC, deflate, truncation)
        target.unlink(missing_ok=True)
        anomalies.append(Finding(ERROR, "CORRUPT_ARCHIVE", f"压缩包内文件无法解压（{type(e).__name__}: {str(e)[:80]}）",
                                 "请让报送单位重新发送", file=display))
        return None
    if size > MAX_FILE_BYTES:
        target.unlink(missing_ok=True)
        anomalies.append(Finding(ERROR, "TOO_LARGE",
                                 f"压缩包内文件解压后超过单个文件最多{size_cn(MAX_FILE_BYTES)}的限制"
                                 f"（压缩包中标明的大小是{size_cn(info.file_size)}），未解压、未存档",
                                 "请确认是否发错了文件；如确需报送，请单独发送该文件", file=display))
        return None
    run.bytes += size - info.file_size   # the header's claim was counted; count what it really was
    return Received(display, when, origin, target, size, h.hexdigest(), run)


def copy_received(rec: Received, target: Path) -> None:
    """The received bytes to a path (for the archive), streamed."""
    with open(rec.path, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, CHUNK)
