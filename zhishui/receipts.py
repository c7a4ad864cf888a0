"""When each return arrived, from evidence: never from a file's modification time, which is
the time it was copied.

In order: the e-mail it came in (``.eml``: the receiving server's time), a
receipt log (收件记录) kept by the clerk or written by ``zhishui serve`` for the
files units upload (方式「上传」: the server's own receipt time), the 填报日期 the
unit wrote.  A file with
none of these has an unknown received time and is never called late.

A receipt log is a CSV or a workbook (or a 收件记录 sheet of one) with a header
row holding 收到时间 and 文件 and/or 单位 (see ``COLUMNS``); it is given with
``--receipts`` or found in the inbox by its name (…收件记录…).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import ZhishuiError
from .findings import ERROR, INFO, WARNING, Finding
from .values import normalize_date
from .workbook_reader import Book, cell_ref, read_book, read_bytes

EMAIL, LOG, UPLOAD, FILLED, UNKNOWN = "邮件", "收件记录", "上传", "填报日期", "不明"
# an upload the server refused (another unit's or another period's sheet, not a return): a row of the
# log that dates nothing, so the month can say what the unit sent instead of 「尚未收到」
REFUSED = "上传未采用"
COLUMNS = {
    "file": ("文件", "文件名", "附件", "附件名", "文件名称"),
    "unit": ("单位", "报送单位", "发件单位", "单位名称"),
    "time": ("收到时间", "接收时间", "收件时间", "收到日期", "时间", "日期"),
    "how": ("方式", "报送方式", "来源", "发件人", "备注"),
    "receipt": ("回执编号", "回执"),
    "note": ("说明", "未采用原因"),
}
LOG_NAME = "收件记录"


@dataclass
class Arrival:
    """Evidence of when a file arrived."""
    when: dt.datetime
    how: str                  # 邮件 | 收件记录 | 上传 | 填报日期
    source: str               # where the evidence is: the message, the log's cell
    date_only: bool = False   # a date without a time (收件记录 with dates only, 填报日期)

    def text(self) -> str:
        t = f"{self.when:%Y-%m-%d}" if self.date_only else f"{self.when:%Y-%m-%d %H:%M}"
        return f"{t}（{self.how}：{self.source}）"


@dataclass
class LogEntry:
    file: str
    unit: str
    arrival: Arrival
    source: tuple = ("", "", "")     # (file, sheet, cell) of the time
    used: bool = False
    refused: str = ""                # REFUSED rows: why the server did not adopt the upload


def is_log_name(name: str) -> bool:
    return LOG_NAME in unicodedata.normalize("NFKC", name)


def file_key(name: str) -> str:
    """A file name as the receipt log and the received file are matched on."""
    return unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1].strip().lower()


def name_chain(display: str) -> list[str]:
    """The keys a received file answers to in a receipt log: its own name, then every container
    it came out of, innermost first (a folder, a zip archive, the e-mail it was attached to).
    ``display`` is how intake shows it: ``inbox/城关镇3月.zip!sub/表.xlsx``."""
    parts = [p for p in re.split(r"[!/\\]", unicodedata.normalize("NFKC", display)) if p.strip()]
    return [file_key(p) for p in reversed(parts)]


def _field(text: str) -> str | None:
    t = unicodedata.normalize("NFKC", str(text)).strip().rstrip(":：")
    for f, names in COLUMNS.items():
        if t in names:
            return f
    return None


def read_log(data: bytes, name: str, year: int, anomalies: list[Finding]) -> list[LogEntry]:
    """Every row of a receipt log; rows that cannot be used are reported, not dropped."""
    try:
        book = read_bytes(data, Path(name))
    except ZhishuiError as e:
        anomalies.append(Finding(ERROR, "RECEIPTS_UNREADABLE", f"收件记录无法读取：{e.what}",
                                 "请把收件记录另存为CSV或xlsx后重新汇总", file=name))
        return []
    return _entries(book, name, year, anomalies)


def load_log(path, year: int, anomalies: list[Finding]) -> list[LogEntry]:
    """A receipt log given by the clerk: a file, or a workbook already read (the 督办台账's own
    收件记录 sheet, read by the add-in through Excel)."""
    if isinstance(path, Book):
        return _entries(path, f"{Path(str(path.path)).name}!{path.sheets[0].name}", year, anomalies)
    p = Path(path)
    if not p.is_file():
        raise ZhishuiError("找不到收件记录文件", file=p, hint="请检查 --receipts 后面的路径")
    return _entries(read_book(p), p.name, year, anomalies)


def _entries(book, name: str, year: int, anomalies: list[Finding]) -> list[LogEntry]:
    sheets = [g for g in book.sheets if LOG_NAME in g.name] or book.sheets
    out: list[LogEntry] = []
    for g in sheets:
        header, cols = None, {}
        for r in range(min(g.nrows, 10)):
            found = {}
            for c, v in enumerate(g.rows[r]):
                f = _field(v) if isinstance(v, str) else None
                if f and f not in found:
                    found[f] = c
            if "time" in found and ("file" in found or "unit" in found):
                header, cols = r, found
                break
        if header is None:
            continue
        for r in range(header + 1, g.nrows):
            file = g.text(r, cols["file"]).strip() if "file" in cols else ""
            unit = g.text(r, cols["unit"]).strip() if "unit" in cols else ""
            raw = g.raw(r, cols["time"])
            if not (file or unit) and not str(raw or "").strip():
                continue
            ref = cell_ref(r, cols["time"])
            when, date_only = _when(raw, year)
            if when is None:
                anomalies.append(Finding(WARNING, "RECEIPT_TIME_INVALID",
                                         f"收件记录第{r + 1}行的收到时间「{g.text(r, cols['time'])}」无法识别，该行未采用",
                                         "请写成 2020-11-20 09:30 这样的时间", file=name, sheet=g.name, cell=ref))
                continue
            how = g.text(r, cols["how"]).strip() if "how" in cols else ""
            if how in (UPLOAD, REFUSED):   # the server's receipt of an upload (zhishui serve writes these rows)
                no = g.text(r, cols["receipt"]).strip() if "receipt" in cols else ""
                arrival = Arrival(when, UPLOAD, f"网页上传，服务器收到时间（回执{no or f'见{Path(name).name}第{r + 1}行'}）",
                                  date_only)
            else:
                arrival = Arrival(when, LOG, f"{Path(name).name}第{r + 1}行", date_only)
            refused = (g.text(r, cols["note"]).strip() if "note" in cols else "") or "未能采用" if how == REFUSED else ""
            out.append(LogEntry(file, unit, arrival, source=(name, g.name, ref), refused=refused))
        return out
    anomalies.append(Finding(ERROR, "RECEIPTS_NO_HEADER", "收件记录没有「收到时间」和「文件」（或「单位」）列，未采用",
                             "收件记录的表头应有：文件、单位、收到时间（文件和单位至少一个）", file=name))
    return out


def _when(raw, year: int) -> tuple[dt.datetime | None, bool]:
    if isinstance(raw, dt.datetime):
        return raw.replace(microsecond=0), raw.time() == dt.time(0, 0)
    if isinstance(raw, dt.date):
        return dt.datetime.combine(raw, dt.time(0, 0)), True
    s = unicodedata.normalize("NFKC", str(raw or "")).strip()
    for fmt in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
                "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M", "%Y.%m.%d %H:%M"):
        try:
            return dt.datetime.strptime(s, fmt), False
        except ValueError:
            pass
    d, problem = normalize_date(s, year)
    if d and not problem:
        return dt.datetime.combine(d, dt.time(0, 0)), True
    return None, False


class Receipts:
    """The receipt logs of one collect, looked up by file name, then by unit."""

    def __init__(self, entries: list[LogEntry]):
        self.entries = entries
        self.by_file: dict[str, list[LogEntry]] = {}
        self.by_unit: dict[str, list[LogEntry]] = {}
        self._canon_fn, self._by_canon = None, {}
        for e in entries:
            if e.refused:
                continue        # dates no file: the file is not among those received (未采用的上传)
            if e.file:
                self.by_file.setdefault(file_key(e.file), []).append(e)
            elif e.unit:
                self.by_unit.setdefault(e.unit, []).append(e)

    def for_file(self, name: str) -> Arrival | None:
        hits = self.by_file.get(file_key(name))
        if not hits:
            return None
        for e in hits:
            e.used = True
        return max(hits, key=lambda e: e.arrival.when).arrival

    def for_path(self, display: str) -> Arrival | None:
        """The log line naming the file itself, else the nearest container it came out of (a zip
        archive, a folder, an e-mail): a line naming an archive applies to everything unpacked from
        it.  Every line naming the file or one of its containers counts as matched."""
        found = None
        for i, key in enumerate(name_chain(display)):
            hits = self.by_file.get(key)
            if not hits:
                continue
            for e in hits:
                e.used = True
            if found is None:
                e = max(hits, key=lambda e: e.arrival.when)
                a = e.arrival
                if i:
                    a = Arrival(a.when, a.how, f"{a.source}，记的是本文件所在的「{e.file}」", a.date_only)
                found = a
        return found

    def for_unit(self, unit: str, canonical) -> Arrival | None:
        """A log row naming the unit, not the file: only when the unit sent one file (the caller checks)."""
        # the log's unit names resolved once per collect, not once per file
        if self._canon_fn is not canonical:
            self._canon_fn, self._by_canon = canonical, {}
            for u, es in self.by_unit.items():
                self._by_canon.setdefault(canonical(u), []).extend(es)
        hits = list(self._by_canon.get(unit, []))
        if not hits:
            return None
        for e in hits:
            e.used = True
        return max(hits, key=lambda e: e.arrival.when).arrival

    def units_by_file(self) -> dict[str, tuple[str, str]]:
        """file key -> (unit, where) for rows naming both: the clerk's word on whose file it is, used
        for files nothing else identifies (README 「人工指定」)."""
        return {file_key(e.file): (e.unit, e.arrival.source) for e in self.entries if e.file and e.unit}

    def unused(self) -> list[LogEntry]:
        return [e for e in self.entries if not e.used and not e.refused]

    def refused(self) -> list[LogEntry]:
        return [e for e in self.entries if e.refused and e.unit]


def unused_findings(receipts: Receipts) -> list[Finding]:
    out = []
    for e in receipts.unused():
        what = f"文件「{e.file}」" if e.file else f"单位「{e.unit}」"
        file, sheet, cell = e.source
        out.append(Finding(INFO, "RECEIPT_UNMATCHED", f"收件记录中的{what}（{e.arrival.text()}）在收到的文件中没有找到",
                           "请核对文件是否已放入报送表文件夹，或收件记录中的文件名是否写对",
                           file=file, sheet=sheet, cell=cell))
    return out
