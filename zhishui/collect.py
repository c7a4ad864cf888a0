"""Collect: a folder of whatever came back becomes one picture, losing nothing.

Each file is identified (hidden identity; failing that the title lines, the
sheet and file names matched against the directory), each row matched to its
task (hidden key; failing that 序号 and text), each value normalised and kept
verbatim beside its normalised form with its source (file, sheet, cell).
Every non-empty cell of every readable file is recorded, used or not; every
problem becomes an anomaly naming file, sheet and cell.  Inputs are only read.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import returnsheet as rs
from .errors import ZhishuiError
from .findings import ERROR, INFO, WARNING, Finding
from .plans import Evidence, PlanIdentity, decide_plan, identity_of
from .plans import similar as _similar
from .receipts import FILLED, Arrival, Receipts, is_log_name, name_chain, read_log, unused_findings
from .tasks import TITLE_WORD_RE, Task, TaskList
from .unitnames import norm
from .childread import drop_ahead
from .intake import Received, gather
from .listreader import LEDGER_STATUS_HEADS
from .evidence import file_evidence
from .split import open_units
from .targets import figure, target_of
from .values import normalize_date, normalize_percent, normalize_state
from .sheettext import workbook_text
from .yearrules import evidence_decides
from .workbook_reader import SPREADSHEET_SUFFIXES, Book, Grid, cell_ref, cell_text

ATTACHMENT_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".doc", ".docx",
                       ".wps", ".ofd", ".txt", ".mp4", ".mov"}
def book_identity(book: Book) -> dict | None:
    """What an issued return's hidden sheet says of it (unit, period, list fingerprint, its tasks), or None."""
    g = book.sheet(rs.IDENTITY_SHEET)
    if g is None:
        return None
    meta, tasks, in_table = {}, {}, False
    for r in range(g.nrows):
        a, b = g.text(r, 0).strip(), g.text(r, 1).strip()
        if a == "task_key":
            in_table = True
            continue
        if in_table and a:
            tasks[a] = {"seq": b, "row": g.text(r, 2), "digest": g.text(r, 3), "role": g.text(r, 4)}
        elif a:
            meta[a] = b
    if meta.get("magic") != rs.IDENTITY_MAGIC:
        return None
    meta["tasks"] = tasks
    return meta


# Which of a unit's files the month takes (README 「报送情况和收到时间」): the month's 报送情况, the notes on its other
# files, the unit's page and receipts on ``zhishui serve`` all follow this one rule, and say it in these words.
ADOPTION_ORDER = ("counted", "empty", "unreadable")
ADOPTION_WORDS = "以最晚收到的、填了内容的报送表为准（空表和打不开的文件不替换它）"


def adopted_of(versions, status):
    """The one of a unit's files, given in order of arrival, the month adopts; ``status(v)`` is how it was read
    (counted: a return with content; empty; unreadable; anything else is never adopted).  The unit's page on
    ``zhishui serve`` marks its uploads by this same rule."""
    for want in ADOPTION_ORDER:
        hit = [v for v in versions if status(v) == want]
        if hit:
            return hit[-1]
    return None


def arrival_order(s) -> tuple:
    """A unit's files in the order they arrived (by evidence; the file's own time only to break ties)."""
    return (s.received or dt.datetime.min, s.mtime, s.file)


def adopted_files(subs) -> dict:
    """unit -> the file the month adopts for it (``adopted_of`` over its files in order of arrival)."""
    by_unit: dict[str, list] = {}
    for s in sorted(subs, key=arrival_order):
        if s.unit and s.status in ADOPTION_ORDER:
            by_unit.setdefault(s.unit, []).append(s)
    return {u: adopted_of(v, lambda s: s.status) for u, v in by_unit.items()}


def adopted_words(adopted) -> str:
    """What a unit counts as by the file the month adopts for it, said beside another of its files (a refused upload,
    a file that cannot be opened): 「该单位另有采用的报送表「…」，按它算报送情况，不催报」."""
    if adopted.status == "counted":
        return f"该单位另有采用的报送表「{adopted.file}」，按它算报送情况，不催报"
    return f"该单位另交的「{adopted.file}」按「{STATUS_CN[adopted.status]}」算，催报时会说明"


def unreadable_note(unit: str | None, this=None, adopted=None) -> str:
    """The clerk's note on a file that cannot be opened (``this``): whose it is, and what the unit counts as by the
    file the month adopts for it (trial 14: 教体局's unreadable 1.6 MB upload said 「按「无法读取」催报」 while the
    unit counted 按时报送 on an earlier return).  A 回执 shows the unit the finding without it: ``UNREADABLE_NOTE``."""
    if not unit:
        return ""
    if adopted is None or adopted is this:
        return f"（文件对应单位「{unit}」，按「无法读取」催报）"
    return f"（文件对应单位「{unit}」；{adopted_words(adopted)}）"


INTERRUPTED_WORDS = "上传中断"   # how zhishui serve words an upload its server stopped receiving (web/workspace.py)
# every form of the note above (a file name in it may hold one pair of full-width brackets)
UNREADABLE_NOTE = re.compile(r"（文件对应单位「[^」]*」[，；](?:[^（）]|（[^（）]*）)*）")
UNSUPPORTED_ARCHIVES = {".rar", ".7z"}     # no pure-Python reader ships with us: said, kept, never read
IGNORED_NAMES = {"thumbs.db", ".ds_store", "desktop.ini"}


# --- what was read ---------------------------------------------------------------------

@dataclass(slots=True)
class Value:
    """One non-empty cell of a received file, and what became of it."""
    file: str
    sheet: str
    cell: str
    raw: str
    unit: str = ""
    task: str = ""            # task key
    field: str = ""           # state, percent, progress, ... or a role of the cell: title, header, reference, identity
    normalized: object = None
    used: bool = False
    note: str = ""

    def to_dict(self) -> dict:
        n = self.normalized
        if isinstance(n, (dt.date, dt.datetime)):
            n = n.isoformat()
        return {"file": self.file, "sheet": self.sheet, "cell": self.cell, "raw": self.raw, "unit": self.unit,
                "task": self.task, "field": self.field, "normalized": n, "used": self.used, "note": self.note}


# 填报人：王会计 / 填报人:王会计　联系电话:0373-… in one cell (a unit's own table), label and value together
_FOOTER_LABELS = "填报人|联系电话|填报日期"
FOOTER_IN_CELL_RE = re.compile(rf"(?:{_FOOTER_LABELS})\s*[:：]\s*\S")
FOOTER_PART_RE = re.compile(rf"(?P<label>{_FOOTER_LABELS})\s*[:：]\s*(?P<value>.*?)\s*(?=(?:{_FOOTER_LABELS})\s*[:：]|$)")


@dataclass
class Report:
    """What one unit reported on one task."""
    unit: str
    task: str
    file: str
    sheet: str
    row: int
    state: str | None = None
    state_raw: str = ""
    percent: float | None = None
    percent_raw: str = ""
    progress: str = ""
    problems: str = ""
    next_steps: str = ""
    evidence: str = ""
    value: float | None = None          # 本期数值, as typed (in the target's unit: see targets.figure)
    value_raw: str = ""
    extend_to: dt.date | None = None    # 申请延期至
    extend_raw: str = ""
    extend_reason: str = ""
    cells: dict = field(default_factory=dict)
    blank_cells: dict = field(default_factory=dict)    # field -> the cell the unit left empty (where to point)

    @property
    def text(self) -> str:
        return self.progress

    @property
    def filled(self) -> bool:
        """The unit said something about this task (even in a form we could not use)."""
        return bool(self.state or self.percent is not None or self.progress or self.problems or self.next_steps
                    or self.evidence or self.state_raw or self.percent_raw or self.value_raw or self.extend_raw
                    or self.extend_reason)

    @property
    def source(self) -> str:
        return f"{self.file}!{self.sheet}!{self.row}行"

    def to_dict(self) -> dict:
        return {"unit": self.unit, "state": self.state, "state_raw": self.state_raw, "percent": self.percent,
                "percent_raw": self.percent_raw, "text": self.progress, "problems": self.problems,
                "next_steps": self.next_steps, "evidence": self.evidence, "value": self.value,
                "value_raw": self.value_raw,
                "extend_to": self.extend_to.isoformat() if self.extend_to else None,
                "extend_reason": self.extend_reason,
                "source": {"file": self.file, "sheet": self.sheet, "row": self.row, "cells": self.cells}}


@dataclass
class Submission:
    file: str
    sha256: str
    size: int
    mtime: dt.datetime          # the file's own time: never evidence of arrival
    received: dt.datetime | None = None   # when it arrived, from evidence (see receipts.py); None: unknown
    received_how: str = ""      # 邮件 | 收件记录 | 填报日期 | "" (unknown)
    received_source: str = ""   # where that evidence is
    received_date_only: bool = False
    sender: str = ""            # the e-mail address it came from
    sender_unit: str = ""       # the unit whose 电子邮箱 that is, when it is not the unit the file is taken as
    same_as: str = ""           # superseded by a byte-identical copy (that file): the same return, not an older one
    unit: str | None = None
    unit_how: str = ""          # identity | title | sheet | filename | sender
    period: str | None = None   # YYYY-MM
    period_how: str = ""
    # counted|superseded|other_period|unexpected_unit|unidentified|unreadable|empty|attachment|email|receipts|ignored
    status: str = "counted"
    rows: int = 0
    late: bool = False          # this file arrived after the deadline (the unit's punctuality: month.unit_reports)
    was_counted: bool = False   # superseded by a later version, but had content when it came
    format: str = ""
    reports: list[Report] = field(default_factory=list)
    reporter: str = ""
    phone: str = ""
    report_date: dt.date | None = None
    fingerprint: str = ""
    has_identity: bool = False
    filled_any: bool = False    # some fill cell (完成状态 … 延期理由) holds text, on a row of a task or not
    plan_verdict: str = ""      # 本方案 | 其他方案 | 不确定 (plans.py); "" when no table was read
    plan_how: str = ""          # the evidence that decided
    plan_other: str = ""        # the plan it belongs to, when another and known
    plan_rule: int = 0
    task: str = ""              # an evidence file (attachment): the task it is filed under (README 「佐证材料归到哪项任务」)
    task_rule: int = 0
    task_how: str = ""
    # a file that cannot be opened: its finding, which says what the unit counts as once the month's adoption is known
    unreadable_finding: Finding | None = field(default=None, repr=False)

    @property
    def plan_text(self) -> str:
        """The plan check as the 收到文件 table shows it."""
        if not self.plan_verdict:
            return ""
        if self.plan_verdict == "其他方案":
            return f"其他方案{self.plan_other}" if self.plan_other else "其他方案"
        return self.plan_verdict

    def to_dict(self) -> dict:
        return {"file": self.file, "sha256": self.sha256, "unit": self.unit, "period": self.period,
                "status": self.status, "rows": self.rows,
                "received": self.received.isoformat(sep=" ") if self.received else None,
                "received_how": self.received_how or "不明", "received_source": self.received_source,
                "sender": self.sender, "late": self.late, "format": self.format, "identified_by": self.unit_how,
                "reporter": self.reporter, "phone": self.phone,
                "report_date": self.report_date.isoformat() if self.report_date else None,
                "plan": {"verdict": self.plan_verdict, "rule": self.plan_rule, "how": self.plan_how,
                         "other": self.plan_other},
                **({"evidence_for": {"task": self.task, "rule": self.task_rule, "how": self.task_how}}
                   if self.status == "attachment" else {})}


# the checks of one report's values against each other (check_consistency): said of a file whose values count
ROW_CHECKS = frozenset({"REFERENCE_EDITED", "TASK_NOT_ASSIGNED", "TASK_MISSING_IN_RETURN", "UNMATCHED_ROW",
                        "DUPLICATE_ROW", "TASK_CLOSED"})
VALUE_CHECKS = frozenset({"COMPLETED_BELOW_100", "COMPLETED_NO_EVIDENCE", "STATE_PERCENT_MISMATCH", "PERCENT_100_NOT_DONE"})
STATUS_CN = {"counted": "已采用", "superseded": "已被新版本替代", "other_period": "其他报送期", "unexpected_unit": "非报送单位",
             "unidentified": "无法识别单位", "unreadable": "无法读取", "empty": "空表", "attachment": "附件（非报送表）",
             "email": "邮件（附件逐个汇总）", "receipts": "收件记录", "ignored": "已忽略",
             "other_plan": "其他方案（未采用）"}


def status_cn(s) -> str:
    """A file's 状态 as the 收到文件 table and the 原始数据 notes say it: a copy identical to the adopted file is not
    「已被新版本替代」 (trial 34: one sheet by e-mail and by WeChat read as if a newer version had come)."""
    if s.status == "superseded" and s.same_as:
        return f"与采用的「{Path(s.same_as).name}」内容相同（同一份报送）"
    return STATUS_CN.get(s.status, s.status)


HOW_CN = {"identity": "隐藏标识", "title": "标题", "sheet": "工作表名", "filename": "文件名", "sender": "发件邮箱",
          "assigned": "人工指定", "receipts": "收件记录", "": ""}


# --- reading one return ---------------------------------------------------------------

class _Reader:
    def __init__(self, tl: TaskList, period: dt.date, anomalies: list[Finding], values: list[Value], *,
                 plan: PlanIdentity | None = None, closed=frozenset(), settled=None):
        self.tl = tl
        self.plan = plan or identity_of(tl)
        self.assigned: dict = {}     # sha256 -> (unit, how the clerk gave it)
        self.log_units: dict = {}    # file name key -> (unit, where in the receipt log)
        self.period = rs.period_key(period)
        self.period_date = period
        self.anomalies = anomalies
        self.values = values
        self.ahead: Received | None = None   # the file read() will be given next (collect sets it)
        self.closed = frozenset(closed)      # tasks closed out (已销号): no longer asked for
        self.settled = settled or {}         # task key -> units whose 已完成 still counts (waiting for 销号)
        self.all_units = tl.units()
        self.expected = open_units(tl, self.closed)
        self.by_email = {u.email.strip().lower(): u.name for u in tl.directory.units if u.email.strip()}
        self.tasks_by_key = {t.key: t for t in tl.tasks}
        # the list's extra columns, which split shows on the returns as 参考：… (the importer's 来源 and 待核实 too: a
        # return split before they were kept off still carries them; so does one split from a 督办台账 before its
        # own status columns were kept off: 参考：本期状态 …, read and set aside, see check_extras)
        self.extra_heads = frozenset(h for t in tl.tasks for h in t.extras) | LEDGER_STATUS_HEADS
        # the list's own header words (具体措施, 工作任务, 完成期限): a unit's own table copies them (trial 23)
        self.list_heads = _list_header_fields(tl)
        self.tasks_by_seq: dict[str, list[Task]] = {}
        for t in tl.tasks:
            if t.seq:
                self.tasks_by_seq.setdefault(t.seq, []).append(t)
        # every name and alias a file may carry (normalised) -> (unit, order it was listed in)
        names: dict[str, str] = {}
        for u in tl.directory.units:
            for n in [u.name] + u.aliases:
                names[norm(n)] = u.name
        for u in self.all_units:
            names.setdefault(norm(u), u)
        self.unit_names = {n: (canon, i) for i, (n, canon) in enumerate(names.items()) if len(n) >= 2}
        self.longest_name = max((len(n) for n in self.unit_names), default=0)
        self.strings: dict[str, str] = {}   # one copy of each text (the issued text recurs in every return)
        self.content_counts: dict[str, Counter] = {}

    def target_of(self, task: Task):
        """The task's measured target (targets.target_of), worked out once per task."""
        cache = self.__dict__.setdefault("_targets", {})
        if task.key not in cache:
            cache[task.key] = target_of(task)
        return cache[task.key]

    def anomaly(self, sev, code, msg, sugg="", *, file, sheet="", cell="", task="", fld="") -> Finding:
        f = Finding(sev, code, msg, sugg, task=task, field=fld, sheet=sheet, cell=cell, file=file)
        self.anomalies.append(f)
        return f

    # identity ------------------------------------------------------------------
    def unit_from_outside(self, sub: Submission, rec: Received) -> None:
        """Whose file it is from what is outside it (its name, the sender, the receipt log), for a
        file that cannot be read: the unit is then asked to send it again."""
        logged = self.logged_unit(rec.display)
        for how, unit in (("filename", self.match_unit(rec.display)), ("sender", self.by_email.get(rec.sender)),
                          ("receipts", logged[0] if logged else None)):
            if unit:
                sub.unit, sub.unit_how = unit, how
                return

    def logged_unit(self, display: str):
        """(unit, where) from a receipt-log line naming the file, else the nearest archive, folder or
        e-mail it came out of; None if no line names one."""
        return next((self.log_units[k] for k in name_chain(display) if k in self.log_units), None)

    def match_unit(self, text: str) -> str | None:
        """The directory (or expected) unit whose name or alias occurs in text; longest wins
        (of equally long ones, the first listed).  The text's substrings are looked up, so the
        cost grows with the text, not with the number of units."""
        s = norm(text)
        if not s:
            return None
        best = None   # (length, -order, unit)
        names, top = self.unit_names, self.longest_name
        for i in range(len(s) - 1):
            for j in range(i + 2, min(len(s), i + top) + 1):
                hit = names.get(s[i:j])
                if hit is not None:
                    key = (j - i, -hit[1], hit[0])
                    if best is None or key > best:
                        best = key
        return best[2] if best else None

    def resolve_name(self, name: str) -> str | None:
        """A unit written loosely (农业农村委, 区住建委): the directory's resolution rules."""
        toks = self.tl.directory.split(name)
        if len(toks) != 1 or toks[0].is_group:
            return None
        ref = self.tl.directory.resolve(toks[0])
        return ref.name if ref.how != "unknown" and ref.name else None

    def canonical_unit(self, name: str) -> str:
        u = self.tl.directory.get(name)
        if u is not None:
            return u.name
        return self.match_unit(name) or name

    def period_from_text(self, text: str) -> str | None:
        t = norm(text)
        m = rs.PERIOD_RE.search(t)
        if m and 1 <= int(m.group(2)) <= 12:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        m = re.search(r"(?<!\d)(1[0-2]|[1-9])月", t)
        if m:   # "11月报送表": the year of the period being collected
            return f"{self.period_date.year:04d}-{int(m.group(1)):02d}"
        return None

    # the table -------------------------------------------------------------------
    def find_table(self, g: Grid):
        """(header row, field -> column) of a return table in this sheet, or (None, {})."""
        best = (None, {})
        for r in range(min(g.nrows, 40)):
            cols = {}
            for c, v in enumerate(g.rows[r]):
                if v == "" or v is None or not isinstance(v, str):
                    continue   # headers are text; numbers and dates are data
                f = _header_field(v) or self.list_heads.get(_HEADER_JUNK.sub("", norm(v).lower()))
                if f and f not in cols:
                    cols[f] = c
            fills = set(cols) & set(rs.FILL_FIELDS)
            if fills and len(cols) >= 3 and len(cols) > len(best[1]):
                best = (r, cols)
            if len(best[1]) >= 6 and r > best[0]:
                break   # a full header was found and the next row is data
        return best

    def read(self, rec: Received) -> Submission:
        sub = Submission(rec.display, rec.sha256, rec.size, rec.mtime, sender=rec.sender)
        name_l = rec.name.lower()
        if rec.suffix == ".eml":
            sub.status = "email"
            return sub
        if rec.suffix == ".msg":   # Outlook's own format: no maintained reader under a licence we can ship
            sub.status = "attachment"
            self.anomaly(WARNING, "EMAIL_MSG", "这是 Outlook 保存的 .msg 邮件，软件读不出其中的附件和收件时间（已存档）",
                         "请在 Outlook 中打开该邮件，把附件另存到报送表文件夹，并在收件记录中写上收到时间"
                         "（Foxmail、网页邮箱导出的 .eml 邮件可以直接放进文件夹）", file=rec.display)
            return sub
        if rec.name.startswith("~$"):
            sub.status = "ignored"
            self.anomaly(INFO, "LOCK_FILE", "这是Excel/WPS打开文件时留下的临时锁定文件，不是报送表，已忽略", file=rec.display)
            return sub
        if name_l in IGNORED_NAMES or rec.name.startswith("._"):
            sub.status = "ignored"
            self.anomaly(INFO, "SYSTEM_FILE", "系统生成的文件，已忽略", file=rec.display)
            return sub
        if rec.damaged:
            sub.status = "unreadable"
            self.unit_from_outside(sub, rec)
            sub.unreadable_finding = self.anomaly(
                ERROR, "CORRUPT_ARCHIVE", rec.damaged,
                "请让报送单位重新压缩后再发送（可能是文件没有传完整），或直接发送报送表", file=rec.display)
            return sub
        if rec.suffix in UNSUPPORTED_ARCHIVES:
            # a return may be inside: the unit is asked to send it again, not told nothing arrived
            sub.status = "unreadable"
            self.unit_from_outside(sub, rec)
            sub.unreadable_finding = self.anomaly(
                ERROR, "ARCHIVE_UNSUPPORTED", f"{rec.suffix[1:]} 压缩包打不开（只能解压 zip），里面的文件没有汇总，原文件已存档",
                "请让报送单位把报送表直接发来，或改用 zip 压缩；也可以自己解压后把文件放进报送文件夹", file=rec.display)
            return sub
        if rec.suffix in ATTACHMENT_SUFFIXES and not rec.is_text_table:
            sub.status = "attachment"
            unit = self.match_unit(rec.display) or self.by_email.get(rec.sender)
            sub.unit = unit
            self.anomaly(INFO, "ATTACHMENT", "不是报送表（可能是佐证材料），已存档，未汇总"
                         + (f"；文件名对应单位「{unit}」" if unit else ""), "佐证材料请在报送表「佐证材料」栏列明",
                         file=rec.display)
            return sub
        try:
            book = rec.read_book()
        except ZhishuiError as e:
            sub.status = "unreadable"
            # whose file it is, from what is outside it: its name, the sender, the receipt log (the
            # unit is then asked to send it again, not told that nothing arrived)
            self.unit_from_outside(sub, rec)
            sub.unreadable_finding = self.anomaly(
                ERROR, e.code if e.code != "INPUT" else "UNREADABLE", e.what, e.hint or "",
                file=rec.display, sheet=e.sheet or "", cell=e.cell or "")
            return sub
        finally:
            if self.ahead is not None:      # the reading child reads the next file while this one is worked on
                self.ahead.read_ahead()
        sub.format = book.format
        for i in book.issues:
            self.anomaly(WARNING, i.code, i.message, i.hint, file=rec.display, sheet=i.sheet, cell=i.cell)
        ident = book_identity(book)
        self._record_cells(book, rec.display)
        assigned = self.assigned.get(rec.sha256)
        if ident:
            sub.has_identity = True
            sub.unit, sub.unit_how = self.canonical_unit(ident.get("unit", "")), "identity"
            sub.period, sub.period_how = ident.get("period"), "identity"
            sub.fingerprint = ident.get("fingerprint", "")
            self._mark(rec.display, rs.IDENTITY_SHEET, None, field="identity", used=True,
                       note="报送表隐藏标识（单位、报送期、方案、任务编号）")
            named = self.match_unit(rec.name)
            if sub.unit and named and named != sub.unit and not assigned:
                # a form passed on or renamed: taken as the unit it was issued to, and said
                self.anomaly(INFO, "FILENAME_UNIT_DIFFERS",
                             f"文件名写的是「{named}」，报送表的隐藏标识是下发给「{sub.unit}」的，按「{sub.unit}」的报送表汇总",
                             f"如这份确是「{named}」填报的，请用 --assign 「文件名={named}」指定", file=rec.display)
        by_sender = self.by_email.get(rec.sender)
        if ident and sub.unit and by_sender and by_sender != sub.unit and not assigned:
            # another unit's sheet sent from a unit's own mailbox (trial 34: 卫星湖街道 filled 陈食街道's sheet; 陈食街道,
            # which sent nothing, ranked first, 卫星湖街道 chased as 「尚未收到」 and nothing said)
            sub.sender_unit = by_sender
            self.anomaly(WARNING, "SENDER_UNIT_DIFFERS",
                         f"这份报送表从「{by_sender}」的电子邮箱（{rec.sender}）发来，报送表的隐藏标识是下发给「{sub.unit}」的，"
                         f"按「{sub.unit}」的报送表汇总，「{by_sender}」本期仍算未报送",
                         f"请核实：如是「{by_sender}」填错了表，请它用自己的报送表重新报送，或用 --assign "
                         f"「文件名={by_sender}」指定；如是代「{sub.unit}」转发的，不用处理", file=rec.display)
        if assigned:
            if sub.unit and sub.unit != assigned[0]:
                self.anomaly(INFO, "ASSIGNED_UNIT", f"按人工指定（{assigned[1]}）作为「{assigned[0]}」的报送表，"
                             f"文件本身写的是「{sub.unit}」", "如指定错了，请用 --assign 重新指定", file=rec.display)
            sub.unit, sub.unit_how = assigned[0], "assigned"
        tables = []
        for g in book.sheets:
            if g.name == rs.IDENTITY_SHEET:
                continue
            hr, cols = self.find_table(g)
            if hr is not None:
                tables.append((g, hr, cols))
        # unit and period from the visible text when the identity is gone
        top_text = " ".join(" ".join(g.row_texts(r)) for g, hr, _ in tables for r in range(hr)) if tables else ""
        if not sub.unit:
            m = rs.INFO_UNIT_RE.search(unicodedata.normalize("NFKC", top_text))
            cand = (self.match_unit(m.group(1)) or self.resolve_name(m.group(1))) if m else None
            if cand:
                sub.unit, sub.unit_how = cand, "title"
            else:
                for how, text in (("title", top_text), ("sheet", " ".join(g.name for g, _, _ in tables)),
                                  ("filename", rec.display)):
                    cand = self.match_unit(text)
                    if cand:
                        sub.unit, sub.unit_how = cand, how
                        break
        if not sub.unit and rec.sender in self.by_email:
            sub.unit, sub.unit_how = self.by_email[rec.sender], "sender"
        logged = self.logged_unit(rec.display)
        if not sub.unit and logged:
            sub.unit, sub.unit_how = logged[0], "receipts"
            assigned = assigned or (logged[0], f"收件记录{logged[1]}")
        if not sub.period:
            for how, text in (("title", top_text), ("filename", rec.name)):
                p = self.period_from_text(text)
                if p:
                    sub.period, sub.period_how = p, how
                    break
        if not tables:
            sub.status = "unidentified" if not sub.unit else "empty"
            self.anomaly(ERROR, "NO_RETURN_TABLE", "找不到报送表的表格（没有「完成状态」「进展情况」等列）",
                         "请使用下发的报送表填报，不要删除表头", file=rec.display)
            self._unused_summary(rec.display)
            return sub
        if not self.judge_plan(sub, rec, book, ident, tables, assigned):
            return sub
        if not sub.unit:
            sub.status = "unidentified"
            self.anomaly(ERROR, "UNIDENTIFIED_FILE", "无法确定是哪个单位的报送表（隐藏标识、标题、工作表名、文件名和发件邮箱都对不上单位名录）",
                         "请在文件名或标题中写明单位全称，或使用下发的报送表", file=rec.display)
        if not sub.period:
            sub.period, sub.period_how = self.period, "assumed"
            self.anomaly(INFO, "PERIOD_ASSUMED", f"报送表没有写明报送期，按本期（{rs.period_cn(self.period_date)}）处理",
                         file=rec.display)
        # rows already read are tracked over all tables of the file, not per table: a blank
        # backup copy of the sheet must not replace the filled rows, and tasks spread over two
        # sheets are not missing from either
        seen: dict[str, tuple[str, int]] = {}
        for g, hr, cols in tables:
            self.read_table(sub, rec, g, hr, cols, ident, seen)
        self.check_missing(sub, rec, tables, seen)
        self.read_footer(sub, rec, tables)
        if sub.unit and sub.unit not in self.all_units:
            sub.status = "unexpected_unit"
            self.anomaly(WARNING, "UNEXPECTED_UNIT", f"「{sub.unit}」在清单中没有任务，本次没有要求它报送",
                         "如确需该单位报送，请在清单中补充；其报送内容已存档", file=rec.display)
        elif sub.period != self.period and sub.status == "counted":
            sub.status = "other_period"
            # (its values are not this period's: no 「销号需要佐证」 for them — trial 29)
            # (nor how its rows match this period's list: trial 33's September sheet in October had nine warnings)
            self.anomalies[:] = [a for a in self.anomalies if not (a.file == rec.display and a.code in
                                                                   VALUE_CHECKS | ROW_CHECKS)]
            self.anomaly(WARNING, "WRONG_PERIOD",
                         f"这是{period_label(sub.period)}的报送表，不是本期（{rs.period_cn(self.period_date)}）的",
                         "请让该单位报送本期的报送表；该文件已存档", file=rec.display)
        elif sub.status == "counted" and not any(r.filled for r in sub.reports) and not self.all_settled(sub):
            sub.status = "empty"
            self.anomaly(WARNING, "EMPTY_RETURN", "报送表是空的（没有填写任何完成状态或进展）",
                         "报送情况按「空表」计，和未报送一样要催报；请该单位填写后重新报送", file=rec.display)
        self._unused_summary(rec.display)
        return sub

    def all_settled(self, sub: Submission) -> bool:
        """A blank return is not 空表 when every task it asks the unit about is one the unit has
        already reported 已完成 (it waits for 销号; README 「报送情况和收到时间」)."""
        asked = [k for k, roles in self.all_units.get(sub.unit, {}).items() if k not in self.closed]
        return bool(asked) and all(sub.unit in self.settled.get(k, ()) for k in asked)

    def judge_plan(self, sub: Submission, rec: Received, book: Book, ident, tables, assigned) -> bool:
        """Which plan the file is (plans.decide_plan); False when it is another plan's: then it is
        reported and kept, and none of its values is used."""
        titles = [t for g, hr, _ in tables for r in range(hr) for t in g.row_texts(r) if t.strip()]
        known = ident and (ident.get("plan") in self.plan.ids or ident.get("fingerprint") in self.plan.fingerprints)
        rows, guessed = [], []
        for g, hr, cols in ([] if known or assigned else tables):    # the texts are only read when needed
            # a unit's own table with no task-content column may hold the task texts under the category's word (its
            # 「工作任务」 column, trial 23): tried as the content, kept only if they agree with this list (below)
            text = "content" if "content" in cols else "category"
            for r in range(hr + 1, g.nrows):
                key, seq, content = (g.text(r, cols[f]).strip() if f in cols else "" for f in ("key", "seq", text))
                if key or content:
                    (rows if text == "content" else guessed).append((re.sub(r"\.0$", "", key), seq, content))
        who = assigned[1] if assigned else ""
        v = decide_plan(self.plan, self.tl, Evidence(ident, titles, rows + guessed, who))
        if guessed and v.rule != 6:
            # (the column held headings after all: judged as before, on the other tables' task texts alone)
            v = decide_plan(self.plan, self.tl, Evidence(ident, titles, rows, who))
        elif guessed:
            for _g, _hr, cols in tables:        # read as what it holds: the task's text, not an edited heading
                if "content" not in cols and "category" in cols:
                    cols["content"] = cols.pop("category")
        sub.plan_verdict, sub.plan_how, sub.plan_other, sub.plan_rule = v.verdict, v.how, v.other, v.rule
        if not v.adopted:
            sub.status = "other_plan"
            self.anomaly(WARNING, "OTHER_PLAN",
                         f"这是另一个方案{v.other or '（不明）'}的报送表，不是本方案{self.plan.label}的（{v.how}），未采用",
                         "内容已存档并列入原始数据，不计入本方案；如确是本方案的报送表（如自制表格、内容改写过），"
                         "请用 --assign 「文件名=单位」指定", file=rec.display)
            for g in book.sheets:
                if g.name != rs.IDENTITY_SHEET:
                    self._mark(rec.display, g.name, None, note=f"其他方案{v.other}的报送表，未采用")
            return False
        if v.uncertain:
            self.anomaly(WARNING, "PLAN_UNCERTAIN", f"不能确定这份报送表属于本方案{self.plan.label}（{v.how}），"
                         "已按序号对应采用", "请打开文件核对；确认后可用 --assign 「文件名=单位」指定，下次不再提示",
                         file=rec.display)
        if sub.fingerprint and sub.fingerprint != self.tl.fingerprint:
            self.anomaly(INFO, "LIST_CHANGED", "报送表是按本方案另一版责任清单生成的（清单在下发后修改过）",
                         "各行按任务内容对应到现在的清单（对应不上的行列入原始数据）；以后各期请用现在的清单下发报送表",
                         file=rec.display)
        return True

    def read_table(self, sub: Submission, rec: Received, g: Grid, hr: int, cols: dict, ident: dict | None,
                   seen: dict | None = None):
        unit_tasks = self.expected.get(sub.unit or "", {})
        # split's own 参考： columns (the list's extra columns, grey and locked): issued text like 具体举措, read with the
        # row and checked against the list, never "content not put into any task"; a column the unit added is not one
        cols = {**cols, **_reference_columns(g, hr, cols, self.extra_heads)}
        seen = {} if seen is None else seen   # task key -> (sheet, row) where it was read
        merged_rows = {r for r0, _, r1, _ in g.merged for r in range(r0, r1 + 1)}
        # (the task texts of the sheet's rows: a stale sheet's row of a split task goes to a task no other row is)
        contents = [g.text(r, cols["content"]).strip() for r in range(hr + 1, g.nrows)] \
            if "content" in cols and self.stale(sub) else []
        for r in range(hr + 1, g.nrows):
            if r in merged_rows:
                cells = {f: g.merged_text(r, c) for f, c in cols.items()}
            else:   # no merged cell in this row (most rows): the cells' own text, read directly
                row = g.rows[r]
                cells = {f: (cell_text(row[c]) if c < len(row) else "", False) for f, c in cols.items()}
            texts = {f: t.strip() for f, (t, _) in cells.items()}
            if not any(texts.values()):
                continue
            if not texts.get("key"):   # footer and note rows never carry a task key
                first = next((x for x in g.row_texts(r) if x.strip()), "")
                if any(first.startswith(lbl) for _, lbl in rs.FOOTER_FIELDS) or first.startswith("填表说明"):
                    continue
            fill_present = any(texts.get(f) for f in rs.FILL_FIELDS)
            sub.filled_any = sub.filled_any or fill_present
            task = self.match_row(texts, unit_tasks, stale=self.stale(sub), taken=seen, rows=contents)
            if task is None:
                if fill_present or texts.get("content"):
                    self.anomaly(WARNING, "UNMATCHED_ROW",
                                 f"第{r + 1}行对应不上清单中的任何任务（序号「{texts.get('seq', '')}」，内容「{texts.get('content', '')[:20]}」）",
                                 "该行内容已列入原始数据；请核对序号和任务内容", file=rec.display, sheet=g.name,
                                 cell=cell_ref(r, 0))
                    for f, c in cols.items():
                        self._mark(rec.display, g.name, cell_ref(r, c), note="对应不上任务的行")
                continue
            if task.key in self.closed:
                self.anomaly(INFO, "TASK_CLOSED", f"第{r + 1}行是已销号的任务（序号{task.label}），不再需要报送",
                             "内容已列入原始数据，不计入状态", file=rec.display, sheet=g.name,
                             cell=cell_ref(r, cols.get("seq", 0)), task=task.label)
                for f, c in cols.items():
                    self._mark(rec.display, g.name, cell_ref(r, c), task=task.key, note="已销号的任务，未采用")
                continue
            if task.key not in unit_tasks and sub.unit in self.expected:
                self.anomaly(WARNING, "TASK_NOT_ASSIGNED",
                             f"第{r + 1}行是任务（序号{task.label}），但清单没有安排「{sub.unit}」承担这项任务",
                             "已作为该单位的补充报送列入原始数据，不计入状态", file=rec.display, sheet=g.name,
                             cell=cell_ref(r, cols.get("seq", 0)), task=task.label)
                for f, c in cols.items():
                    self._mark(rec.display, g.name, cell_ref(r, c), task=task.key, note="未安排给本单位的任务")
                continue
            if task.key in seen:
                s0, r0 = seen[task.key]
                where = f"第{r0}行和第{r + 1}行" if s0 == g.name else f"「{s0}」第{r0}行和「{g.name}」第{r + 1}行"
                earlier = next((x for x in sub.reports if x.task == task.key), None)
                if not fill_present and earlier is not None and earlier.filled:
                    # a blank repeat of a filled row (a copied sheet) no longer replaces it
                    self.anomaly(INFO, "DUPLICATE_ROW", f"任务（序号{task.label}）在{where}出现了两次，后一处未填写",
                                 "采用已填写的一处；请删除重复行", file=rec.display, sheet=g.name,
                                 cell=cell_ref(r, 0), task=task.label)
                    for f, c in cols.items():
                        self._mark(rec.display, g.name, cell_ref(r, c), task=task.key,
                                   note=f"任务重复出现（未填写），采用「{s0}」第{r0}行")
                    continue
                self.anomaly(WARNING, "DUPLICATE_ROW", f"任务（序号{task.label}）在{where}出现了两次",
                             "采用后一行；请删除重复行", file=rec.display, sheet=g.name, cell=cell_ref(r, 0),
                             task=task.label)
                if earlier is not None:
                    # the replaced row's values stay in the result, marked not used
                    for ref in earlier.cells.values():
                        v = self._cells.get((earlier.sheet, ref))
                        if v is not None and v.task == task.key:
                            v.used, v.note = False, f"任务重复出现，采用「{g.name}」第{r + 1}行"
                    sub.rows -= 1
                sub.reports = [x for x in sub.reports if x.task != task.key]
            seen[task.key] = (g.name, r + 1)
            edited = self.check_reference(sub, rec, g, r, cols, texts, task, ident)
            rep = Report(sub.unit or "", task.key, rec.display, g.name, r + 1)
            for f in rs.FILL_FIELDS:
                if f not in cols:
                    continue
                c = cols[f]
                raw_text, from_merge = cells[f]
                ref = cell_ref(r, c)
                rng = g.merge_range(r, c)
                if rng and c != rng[1]:
                    # a cell covered by a merge that starts in another column (进展情况 merged over
                    # 存在问题) has no text of its own: the text belongs to the first column only
                    continue
                if rng and rng[2] > rng[0]:
                    top = cell_ref(rng[0], rng[1])
                    if r == rng[0]:
                        self.anomaly(WARNING, "MERGED_FILL_CELLS",
                                     f"「{rs.FIELD_CN[f]}」在{top}:{cell_ref(rng[2], rng[3])}合并了{rng[2] - rng[0] + 1}行，同一内容用于这几项任务",
                                     "请每项任务分别填写，不要合并单元格", file=rec.display, sheet=g.name, cell=top, fld=rs.FIELD_CN[f])
                    ref = top
                raw_val = g.raw(rng[0], rng[1]) if rng else g.raw(r, c)
                raw_text = raw_text.strip()
                if not raw_text:
                    rep.blank_cells[f] = ref
                    continue
                rep.cells[f] = ref
                note = ""
                if f == "state":
                    val, problem = normalize_state(raw_val)
                    rep.state, rep.state_raw = val, raw_text
                    if problem:
                        note = problem
                        self.anomaly(WARNING, "STATE_INVALID", problem, "请从下拉列表中选择；本条按「未填状态」处理，原文已保留",
                                     file=rec.display, sheet=g.name, cell=ref, task=task.label, fld="完成状态")
                elif f == "percent":
                    val, problem = normalize_percent(raw_val)
                    rep.percent, rep.percent_raw = val, raw_text
                    if problem:
                        note = problem
                        self.anomaly(WARNING, "PERCENT_INVALID", problem, "请填写0%—100%的比例；原文已保留",
                                     file=rec.display, sheet=g.name, cell=ref, task=task.label, fld="完成比例")
                elif f == "value":
                    target = self.target_of(task)
                    val, problem = figure(raw_val, target.unit if target else "")
                    rep.value, rep.value_raw = val, raw_text
                    if problem:
                        note = problem
                        self.anomaly(WARNING, "VALUE_INVALID", problem, "请填写数字（单位同「目标值」）；原文已保留",
                                     file=rec.display, sheet=g.name, cell=ref, task=task.label, fld="本期数值")
                    elif target is None:
                        note = problem = "这项任务没有目标值"
                        self.anomaly(INFO, "VALUE_WITHOUT_TARGET", f"任务（序号{task.label}）没有目标值，本期数值「{raw_text}」未使用",
                                     "如该任务有量化目标，请在清单「目标值」列填写", file=rec.display, sheet=g.name,
                                     cell=ref, task=task.label, fld="本期数值")
                elif f == "extend_to":
                    val, problem = extension_date(raw_val, self.period_date)
                    rep.extend_to, rep.extend_raw = val, raw_text
                    if problem:
                        note = problem
                        self.anomaly(WARNING, "EXTENSION_INVALID", problem,
                                     "请填写申请延期到的日期，如2020-12-31；本条延期申请无效，原文已保留",
                                     file=rec.display, sheet=g.name, cell=ref, task=task.label, fld="申请延期至")
                else:
                    val = raw_text
                    setattr(rep, f, raw_text)
                self._mark(rec.display, g.name, ref, unit=sub.unit or "", task=task.key, field=f,
                           normalized=val, used=not problem if f in ("state", "percent", "value", "extend_to") else True,
                           note=note)
            self.check_consistency(rep, rec, g, task)
            if "state" in cols and not rep.state_raw and rep.filled:
                # 进展情况 written, 完成状态 left blank: judged as a return with no state (by its deadline and
                # percent), said here so the clerk can ask the unit to choose one
                self.anomaly(WARNING, "STATE_MISSING", f"任务（序号{task.label}）填了报送内容，但没有选择完成状态",
                             "请单位从下拉列表中选择完成状态；本条按「未填状态」处理（不算已完成，状态按时限和完成比例判）",
                             file=rec.display, sheet=g.name, cell=cell_ref(r, cols["state"]), task=task.label,
                             fld="完成状态")
            sub.reports.append(rep)
            sub.rows += 1
            self.check_extras(sub, rec, g, r, cols, texts, task)
            # reference cells of a matched row are the issued text: used as identification
            for f in ("seq", "category", "content", "deadline", "role", "notice", "target", "key"):
                # a reference cell the unit edited stays "not used" with its note (REFERENCE_EDITED)
                if f in cols and cell_ref(r, cols[f]) not in edited:
                    self._mark(rec.display, g.name, cell_ref(r, cols[f]), unit=sub.unit or "", task=task.key,
                               field="reference", used=True, note="下发的任务信息")
        for c in cols.values():
            self._mark(rec.display, g.name, cell_ref(hr, c), field="header", used=True, note="表头")

    def check_missing(self, sub: Submission, rec: Received, tables, seen: dict):
        """The unit's tasks found in none of the file's tables (moved here from read_table, see read)."""
        if sub.unit in self.expected:
            missing = [k for k in self.expected[sub.unit] if k not in seen]
            if missing and any(x.filled for x in sub.reports):
                labels = "、".join(self.tasks_by_key[k].label for k in missing[:15])
                self.anomaly(WARNING, "TASK_MISSING_IN_RETURN", f"报送表中缺少{len(missing)}项本单位任务（序号{labels}）",
                             "这些任务按未报送处理；请该单位补报", file=rec.display,
                             sheet=tables[0][0].name if len(tables) == 1 else "")

    def stale(self, sub) -> bool:
        """A sheet split from another version of this plan's list (清单在下发后修改过): its 任务编号 and 序号 are that
        version's, which a revision renumbers."""
        return bool(sub.fingerprint) and sub.fingerprint != self.tl.fingerprint

    def match_row(self, texts: dict, unit_tasks: dict, stale: bool = False, taken=(), rows=()) -> Task | None:
        content = texts.get("content", "")
        same = self.tasks_by_key.get(re.sub(r"\.0$", "", texts.get("key", "")))
        if stale and content and not (same is not None and norm(same.full_content) == norm(content)):
            # by the task's text first (trial 33: a sheet issued before task 5 was split had its rows put on the tasks
            # that now carry their numbers — another unit's task, and its own shown as 未报送)
            pool = [self.tasks_by_key[k] for k in unit_tasks] or self.tl.tasks
            best = self.most_similar(content, pool, 0.6) or (
                self.most_similar(content, self.tl.tasks, 0.8) if pool is not self.tl.tasks else None)
            # a task the revision split: the row's text is the whole task, the unit's part of it is one of its own
            # tasks no other row of the sheet answers (trial 36: 鹤溪街道's row of old 5 was 「not its task」 and it was
            # asked to 补报 new 6, its part of 5)
            left = [t for t in pool if t.key not in taken
                    and not any(c != content and _similar(c, t.full_content) > 0.6 for c in rows)] \
                if best is None and pool is not self.tl.tasks else []
            best = best or self.most_similar(content, left, 0.35)
            if best is not None:
                return best
        key = texts.get("key", "")
        if key and key in self.tasks_by_key:
            return self.tasks_by_key[key]
        key = re.sub(r"\.0$", "", key)
        if key in self.tasks_by_key:
            return self.tasks_by_key[key]
        seq = re.sub(r"\.0$", "", texts.get("seq", "").strip())
        content = texts.get("content", "")
        cands = self.tasks_by_seq.get(seq, [])
        mine = [t for t in cands if t.key in unit_tasks] or cands
        if len(mine) == 1 and (not content or _similar(content, mine[0].full_content) > 0.5):
            return mine[0]
        if content:
            pool = [self.tasks_by_key[k] for k in unit_tasks] or self.tl.tasks
            best = self.most_similar(content, pool, 0.6)
            if best is not None:
                return best
            if pool is not self.tl.tasks:
                best = self.most_similar(content, self.tl.tasks, 0.8)
                if best is not None:
                    return best
        if len(mine) == 1:
            return mine[0]
        return None

    def most_similar(self, content: str, pool, threshold: float) -> Task | None:
        """The first task of the pool most similar to content, if at least threshold similar
        (what sorting the pool by _similar gives).  A task whose upper bounds (lengths, then
        characters in common) are below the threshold cannot win and is not compared in full:
        a row matched against a whole province's list costs a few microseconds per task."""
        a = norm(content)
        if not a:
            return None
        a3 = a[:300]
        ca = Counter(a3)
        best, best_score = None, -1.0
        for t in pool:
            b = norm(t.full_content)
            if not b:
                continue
            if a != b:
                b3 = b[:300]
                total = len(a3) + len(b3)
                if 2.0 * min(len(a3), len(b3)) / total < max(threshold, best_score):
                    continue
                cb = self.content_counts.get(b3)
                if cb is None:
                    cb = self.content_counts[b3] = Counter(b3)
                common = sum(min(n, cb[ch]) for ch, n in ca.items() if ch in cb)
                if 2.0 * common / total < max(threshold, best_score):
                    continue
            score = _similar(content, t.full_content)
            if score > best_score:
                best, best_score = t, score
        return best if best_score >= threshold else None

    def check_reference(self, sub, rec, g, r, cols, texts, task: Task, ident):
        if self.stale(sub):
            # the sheet was issued from another version of the list: what differs is the clerk's revision, not the
            # unit's edit (LIST_CHANGED says so once; trial 33's five 「被改动」 warnings blamed the unit)
            return set()
        issued = {"seq": task.seq, "category": task.category, "content": task.full_content,
                  "deadline": task.deadline_text}
        if not ident:
            issued.pop("seq")       # a unit's own table numbers its rows as it likes (no 序号 was issued in it)
        changed = []
        for f, v in issued.items():
            got = texts.get(f, "")
            if f in cols and got and got != v and norm(got) != norm(v):
                changed.append((f, cell_ref(r, cols[f]), texts[f], v))
        if ident and task.key in ident.get("tasks", {}):
            digest = ident["tasks"][task.key].get("digest")
            now = rs.reference_digest(*(texts.get(f, "") for f in ("seq", "category", "content", "deadline")))
            if digest and digest != now and not changed:
                changed.append(("content", cell_ref(r, cols.get("content", 0)), texts.get("content", ""), issued["content"]))
        for f, ref, got, want in changed:
            self.anomaly(WARNING, "REFERENCE_EDITED",
                         f"下发的「{rs.FIELD_CN[f]}」被改动：原为「{want[:40]}」，现为「{got[:40]}」",
                         "以下发的清单为准，改动内容已列入原始数据；如需调整任务请与牵头部门联系",
                         file=rec.display, sheet=g.name, cell=ref, task=task.label, fld=rs.FIELD_CN[f])
            self._mark(rec.display, g.name, ref, unit=sub.unit or "", task=task.key, field="reference", used=False,
                       note=f"改动了下发的{rs.FIELD_CN[f]}（原为「{want[:40]}」）")
        return {ref for _, ref, _, _ in changed}   # the edited cells: read_table leaves them unused

    def check_extras(self, sub, rec, g, r, cols, texts, task: Task):
        """The row's 参考： cells against the list's extra columns: the issued text is marked as such; a cell the
        unit changed stays unused, with its note, and is said (REFERENCE_EDITED); a column the list no longer has
        is left to the unused-cells note (kept, looked at by hand)."""
        for f, c in cols.items():
            if not f.startswith(rs.EXTRA_PREFIX):
                continue
            head, got = f[len(rs.EXTRA_PREFIX):], texts.get(f, "")
            if got and head not in task.extras and head in LEDGER_STATUS_HEADS:
                # the ledger's results as they were when the sheet was split: never 下发内容, so never compared
                self._mark(rec.display, g.name, cell_ref(r, c), unit=sub.unit or "", task=task.key, field="reference",
                           used=False, note=f"下发时带出的台账「{head}」（旧版本生成的报送表），不是下发内容，不比较")
                continue
            if not got or head not in task.extras:
                continue
            want = workbook_text(str(task.extras.get(head) or "")).strip()
            ref = cell_ref(r, c)
            if got == want or norm(got) == norm(want):
                self._mark(rec.display, g.name, ref, unit=sub.unit or "", task=task.key, field="reference", used=True,
                           note="下发的参考内容")
                continue
            was = f"原为「{want[:40]}」" if want else "下发时是空的"
            self.anomaly(WARNING, "REFERENCE_EDITED", f"下发的参考内容「{head}」被改动：{was}，现为「{got[:40]}」",
                         "以下发的清单为准，改动内容已列入原始数据；如需调整请与牵头部门联系", file=rec.display,
                         sheet=g.name, cell=ref, task=task.label, fld=f)
            self._mark(rec.display, g.name, ref, unit=sub.unit or "", task=task.key, field="reference", used=False,
                       note=f"改动了下发的参考内容「{head}」（{was}）")

    def check_consistency(self, rep: Report, rec: Received, g: Grid, task: Task):
        cell = rep.cells.get("state", "")
        if rep.state == "已完成":
            if rep.percent is not None and rep.percent < 1:
                self.anomaly(WARNING, "COMPLETED_BELOW_100", f"完成状态为「已完成」，但完成比例只有{rep.percent:.0%}",
                             "请核实：已完成的任务完成比例应为100%", file=rec.display, sheet=g.name, cell=cell,
                             task=task.label, fld="完成状态")
            if not rep.evidence.strip() and evidence_decides(task, rep.unit):
                self.anomaly(WARNING, "COMPLETED_NO_EVIDENCE", "完成状态为「已完成」，但没有填写佐证材料",
                             "请在「佐证材料」中列明文件、照片等；销号需要佐证", file=rec.display, sheet=g.name,
                             cell=rep.blank_cells.get("evidence", cell), task=task.label, fld="佐证材料")
        elif rep.state == "未启动" and rep.percent:
            self.anomaly(WARNING, "STATE_PERCENT_MISMATCH", f"完成状态为「未启动」，但完成比例为{rep.percent:.0%}",
                         "请核实：未启动的任务完成比例应为0%；判定时按「未启动」（进度滞后）处理", file=rec.display,
                         sheet=g.name, cell=rep.cells.get("percent", cell), task=task.label, fld="完成比例")
        elif rep.percent is not None and rep.percent >= 1 and rep.state and rep.state != "持续推进":
            self.anomaly(INFO, "PERCENT_100_NOT_DONE", f"完成比例为100%，但完成状态为「{rep.state}」",
                         "请核实任务是否已完成", file=rec.display, sheet=g.name, cell=rep.cells.get("percent", ""),
                         task=task.label, fld="完成比例")

    def read_footer(self, sub: Submission, rec: Received, tables):
        labels = {lbl for _, lbl in rs.FOOTER_FIELDS}
        for g, hr, _ in tables:
            for r in range(hr + 1, g.nrows):
                # only a text cell can be a label: skip the row unless one is (the cheap test first)
                if not any(isinstance(v, str) and (v.strip().rstrip("：:") in labels or FOOTER_IN_CELL_RE.match(v.strip()))
                           for v in g.rows[r]):
                    continue
                row = g.row_texts(r)
                for c, t in enumerate(row):
                    if self._footer_in_cell(sub, rec, g, r, c, t):
                        continue
                    label = t.strip().rstrip("：:")
                    for f, lbl in rs.FOOTER_FIELDS:
                        if label == lbl:
                            val_c = next((cc for cc in range(c + 1, min(c + 4, len(row))) if row[cc].strip()), None)
                            if val_c is None:
                                continue
                            raw = g.raw(r, val_c)
                            self._mark(rec.display, g.name, cell_ref(r, c), field="label", used=True, note="填报信息标签")
                            if f == "report_date":
                                d, problem = self._footer_date(sub, rec, g.name, cell_ref(r, val_c), raw)
                                self._mark(rec.display, g.name, cell_ref(r, val_c), unit=sub.unit or "", field=f,
                                           normalized=d, used=not problem, note=problem)
                            else:
                                setattr(sub, f, cell_text(raw).strip())
                                self._mark(rec.display, g.name, cell_ref(r, val_c), unit=sub.unit or "", field=f,
                                           normalized=cell_text(raw).strip(), used=True)

    def _footer_in_cell(self, sub: Submission, rec: Received, g, r: int, c: int, text: str) -> bool:
        """填报人：王会计　联系电话：0373-1234567 typed in one cell, as a unit's own table writes it (trial 21: filed as
        「未归入任务的内容」, and the 报送情况 had no contact for the unit)."""
        if not FOOTER_IN_CELL_RE.match(text.strip()):
            return False
        field_of = {lbl: f for f, lbl in rs.FOOTER_FIELDS}
        said = []
        for m in FOOTER_PART_RE.finditer(text.strip()):
            label, value = m.group("label"), m.group("value").strip()
            if not value:
                continue
            if field_of[label] == "report_date":
                self._footer_date(sub, rec, g.name, cell_ref(r, c), value)
            else:
                setattr(sub, field_of[label], value)
            said.append(label)
        self._mark(rec.display, g.name, cell_ref(r, c), unit=sub.unit or "", field="footer", normalized=text.strip(),
                   used=True, note="填报信息：" + "、".join(said))
        return True

    def _footer_date(self, sub: Submission, rec: Received, sheet: str, cell: str, raw) -> tuple:
        """The 填报日期 read; an unreadable one is kept and said, not used."""
        d, problem = normalize_date(raw, self.period_date.year)
        sub.report_date = d
        if problem:
            self.anomaly(INFO, "REPORT_DATE_INVALID", f"填报日期{problem}，无法识别", "请填写日期，如2020-11-20；原文已保留",
                         file=rec.display, sheet=sheet, cell=cell, fld="填报日期")
        return d, problem

    # every cell ------------------------------------------------------------------
    def _record_cells(self, book: Book, display: str):
        self._cells: dict[tuple[str, str], Value] = {}
        cells, values, strings = self._cells, self.values, self.strings
        for g in book.sheets:
            name = g.name
            for r, row in enumerate(g.rows):
                for c, v in enumerate(row):
                    if v == "" or v is None:
                        continue
                    t = (v if isinstance(v, str) else cell_text(v)).strip()
                    if t:
                        # the issued text and the identity recur in every return: keep one copy
                        t = strings.setdefault(t, t)
                        val = Value(display, name, cell_ref(r, c), t)
                        cells[(name, val.cell)] = val
                        values.append(val)

    def _mark(self, file, sheet, cell, *, unit="", task="", field="", normalized=None, used=False, note=""):
        if cell is None:
            for (s, _), v in self._cells.items():
                if s == sheet:
                    v.field, v.used, v.note = field, used, note
            return
        v = self._cells.get((sheet, cell))
        if v is None:
            return
        if v.used and (not used or (task and v.task and task != v.task)):
            return   # first use wins (a merged cell used for several tasks)
        v.unit, v.task, v.field, v.normalized, v.used = unit or v.unit, task or v.task, field or v.field, normalized, used
        if note:
            v.note = note

    def _unused_summary(self, display: str):
        by_sheet: dict[str, list[str]] = {}
        for (sheet, cell), v in getattr(self, "_cells", {}).items():
            if v.used or v.note:
                continue
            if sheet != rs.IDENTITY_SHEET and self._is_form_text(v):
                v.used, v.field, v.note = True, "form", "表格标题或说明"
                continue
            by_sheet.setdefault(sheet, []).append(cell)
            v.note = "未归入任何任务"
        for sheet, cells in by_sheet.items():
            shown = "、".join(cells[:12]) + ("等" if len(cells) > 12 else "")
            self.anomaly(INFO, "UNUSED_CELLS", f"有{len(cells)}个单元格的内容没有归入任何任务（{shown}）",
                         "这些内容已列入「原始数据」，请人工查看", file=display, sheet=sheet,
                         cell=cells[0])

    @staticmethod
    def _is_form_text(v: Value) -> bool:
        t = v.raw
        return (t.startswith(("填表说明", "填报单位", "报送单位")) or t.endswith("报送表")
                or "进展情况报送表" in t or t.rstrip("：:") in {lbl for _, lbl in rs.FOOTER_FIELDS})


def _reference_columns(g: Grid, hr: int, cols: dict, heads) -> dict[str, int]:
    """「参考：工程目的」 -> its column: the header cells split writes for the list's extra columns ``heads``
    (rs.EXTRA_PREFIX); any other column stays outside the table (its cells are kept and said as not used)."""
    taken = set(cols.values())
    out = {}
    for c, head in enumerate(g.row_texts(hr)):
        head = head.strip()
        if head.startswith(rs.EXTRA_PREFIX) and head[len(rs.EXTRA_PREFIX):] in heads and c not in taken:
            out.setdefault(head, c)
    return out


_SYNONYM_FIELD = {norm(syn).lower(): f for f, syns in rs.RETURN_FIELDS.items() for syn in reversed(syns)}
_HEADER_JUNK = re.compile(r"[*＊:：\s]|\(.*?\)")


# the list's fields (tasks.FIELD_NAMES' Chinese names) a return's own table may carry under the list's own words
_LIST_FIELD = {"序号": "seq", "重点任务": "category", "具体举措": "content", "完成时限": "deadline"}


def _list_header_fields(tl: TaskList) -> dict[str, str]:
    """header words as the list writes them -> the return field: 具体措施 -> content, 工作任务 -> category."""
    out = {}
    for name, field_ in _LIST_FIELD.items():
        for w in (tl.headers or {}).get(name, "").split("/"):
            w = _HEADER_JUNK.sub("", norm(w).lower())
            # (not a title typed above the header, 「整改任务分解表」, which the list's reading joins to column A's words)
            if 2 <= len(w) <= 20 and not TITLE_WORD_RE.search(w):
                out.setdefault(w, field_)
    return out


def _header_field(text: str) -> str | None:
    """The return field a header cell names (完成状态, 工作进展, 完成比例（%） ...)."""
    if len(text) > 20:
        return None
    return _SYNONYM_FIELD.get(_HEADER_JUNK.sub("", norm(text).lower()))


def extension_date(raw, period: dt.date) -> tuple[dt.date | None, str]:
    """The date a unit asks to extend a task to: a date, or a deadline written as a clerk writes one
    (2020年12月底, 12月底: the period's year)."""
    d, problem = normalize_date(raw, period.year)
    if d is not None:
        return d, ""
    from .deadlines import parse_deadline
    dl = parse_deadline(cell_text(raw).strip(), period)
    if dl.due and not dl.ongoing and not dl.recurrence:
        return dl.due, ""
    return None, f"申请延期至「{cell_text(raw).strip()}」不是日期"


def period_label(key: str | None) -> str:
    """2020-10 -> 2020年10月 (a period as a submission names it)."""
    if not key:
        return "未知报送期"
    y, m = key.split("-")
    return f"{int(y)}年{int(m)}月"


# --- the whole collection ------------------------------------------------------------------

@dataclass
class Collection:
    tl: TaskList
    period: dt.date
    due: dt.date
    submissions: list[Submission]
    anomalies: list[Finding]
    values: list[Value]
    received: list[Received] = field(default_factory=list)
    plan: PlanIdentity | None = None
    assigned_now: dict = field(default_factory=dict)   # sha256 -> (unit, file): given with --assign this run
    expected: dict = field(default_factory=dict)       # unit -> {task key -> role}: the tasks still asked for
    refused: dict = field(default_factory=dict)        # unit -> [LogEntry]: uploads the server refused (REFUSED rows)

    @property
    def evidence(self) -> list[Submission]:
        """The files sent beside the returns (佐证材料), each with the task it is filed under."""
        return [s for s in self.submissions if s.status == "attachment"]

    def counted(self) -> dict[str, Submission]:
        return {s.unit: s for s in self.submissions if s.status == "counted" and s.unit}

    def reports(self) -> dict[str, dict[str, Report]]:
        """task key -> unit -> report, from the counted submissions."""
        out: dict[str, dict[str, Report]] = {}
        for unit, s in self.counted().items():
            for r in s.reports:
                out.setdefault(r.task, {})[unit] = r
        return out


def collect(tl: TaskList, inputs, period: dt.date, *, due: dt.date, receipts=(), plan: PlanIdentity | None = None,
            assigned: dict | None = None, assign=(), progress=None, closed=frozenset(), settled=None) -> Collection:
    """Read every file of the inbox; ``receipts`` are receipt logs (收件记录) given by the clerk;
    ``plan`` the plan whose returns are adopted (plans.py); ``assigned`` (sha256 -> (unit, how))
    the files the clerk attributed before, ``assign`` ((file, unit) pairs) those attributed now;
    ``closed`` the tasks closed out (no longer asked for); ``settled`` task key -> the units whose
    已完成 still counts (a blank return from a unit with nothing else to report is not 空表);
    ``progress``, if given, is called with (files read, files) after each file."""
    anomalies: list[Finding] = []
    values: list[Value] = []
    received = gather(inputs, anomalies)
    entries = [e for path in receipts for e in _load_log(path, period.year, anomalies)]
    logs = {i for i, rec in enumerate(received)
            if is_log_name(rec.name) and rec.suffix in SPREADSHEET_SUFFIXES | {".csv", ".txt"}}
    for i in sorted(logs):
        entries.extend(read_log(received[i].data, received[i].display, period.year, anomalies))
    log = Receipts(entries)
    reader = _Reader(tl, period, anomalies, values, plan=plan, closed=closed, settled=settled)
    reader.log_units = {k: (reader.canonical_unit(reader.resolve_name(u) or u), where)
                        for k, (u, where) in log.units_by_file().items()}
    now = _assignments(assign, received, reader)
    # (a file attributed in an earlier period to a unit renamed since is the renamed unit's: its name as the 名录 says now)
    reader.assigned = {**{sha: (tl.directory.current(unit), how) for sha, (unit, how) in (assigned or {}).items()},
                       **{sha: (unit, "命令行 --assign") for sha, (unit, _) in now.items()}}
    subs = []
    for i, rec in enumerate(received):
        reader.ahead = received[i + 1] if i + 1 < len(received) and i + 1 not in logs else None
        if i in logs:
            subs.append(Submission(rec.display, rec.sha256, rec.size, rec.mtime, status="receipts"))
        else:
            subs.append(reader.read(rec))
        if progress:
            progress(i + 1, len(received))
    drop_ahead()        # the last file read ahead may be one read() did not read (an attachment)
    _arrivals(subs, received, log, tl)
    anomalies.extend(unused_findings(log))
    _versions(subs, anomalies)
    _old_versions_said(subs, anomalies)
    file_evidence(subs, reader.expected, tl)
    _listed_evidence_said(subs, anomalies, tl)
    for s in subs:
        if s.status in ("counted", "empty", "superseded") and s.received and s.received.date() > due:
            s.late = True
    not_counted = {s.file: status_cn(s) for s in subs if s.status != "counted"}
    for v in values:
        if v.file in not_counted and v.field not in ("identity", "header", "form", "label"):
            if v.used:
                v.used = False
                v.note = f"未采用：{not_counted[v.file]}" + (f"（{v.note}）" if v.note else "")
        if not v.used and not v.note:
            v.note = "未归入任何任务"
    refused: dict = {}
    # what else the unit sent decides what a refusal, or a file that cannot be opened, means now: the file the month
    # adopts for the unit (the trial-13 clerk added 工信局's e-mailed sheet, counted 按时报送, and the advice still
    # said 「它仍算未报送」; trial 14: 教体局's unreadable upload said 「按「无法读取」催报」 beside its adopted return)
    adopted = adopted_files(subs)
    for s in subs:
        if s.unreadable_finding is not None and s.unit:
            mine = adopted.get(s.unit)
            s.unreadable_finding.message += unreadable_note(s.unit, s, mine)
            if mine is not None and mine.status == "counted":
                s.unreadable_finding.severity = WARNING      # the unit's month stands on its other return
    for e in log.refused():
        unit = reader.canonical_unit(reader.resolve_name(e.unit) or e.unit)
        refused.setdefault(unit, []).append(e)
        file, sheet, cell = e.source
        severity, advice = WARNING, "它仍算未报送，催报时会说明；请与该单位核实"
        if (s := adopted.get(unit)) is not None and s.status == "counted":
            severity, advice = INFO, (f"{adopted_words(s)}；这份未采用的上传存档备查"
                                      "（若其中有要更正的内容，请该单位用本单位的报送表重新报送）")
        elif s is not None:
            advice = f"{adopted_words(s)}；请与该单位核实"
        if e.refused.startswith(INTERRUPTED_WORDS):
            # an upload cut off (the server stopped: trial 13) gave the unit no receipt
            advice = ("单位没有收到回执：请让该单位重新上传；也可以核对「未采用的上传」里的原文件后，作为收到的文件加入汇总。"
                      + advice.replace("；请与该单位核实", ""))
        # (in the 异常清单 too: the trial of session 16 found the refused upload nowhere in the 汇总)
        anomalies.append(Finding(severity, "UPLOAD_REFUSED", f"{e.unit}通过报送链接上传的文件未采用：{e.refused}"
                                 f"（{e.arrival.when:%m月%d日 %H:%M}收到，文件「{e.file}」在「未采用的上传」中）",
                                 advice, file=file, sheet=sheet, cell=cell))
    return Collection(tl, period, due, subs, anomalies, values, received, reader.plan, now, reader.expected, refused)


def _assignments(assign, received: list[Received], reader: _Reader) -> dict[str, tuple[str, str]]:
    """--assign FILE=UNIT: FILE is a path, a file name or the name shown in 收到文件; UNIT a unit of
    the directory.  Anything that does not resolve stops the month (nothing is written)."""
    out = {}
    for file, unit in assign:
        p = Path(file)
        sha = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None
        hits = [r for r in received if (sha and r.sha256 == sha) or r.display == file or r.name == p.name]
        if not hits:
            raise ZhishuiError(f"--assign 指定的文件「{file}」不在收到的文件中", code="ASSIGN_NO_FILE",
                               hint="请写报送表文件夹里的文件名（或完整路径），如 --assign \"自制表.xlsx=区水利局\"")
        name = reader.resolve_name(unit) or unit
        canon = reader.canonical_unit(name)
        if canon not in reader.expected and reader.tl.directory.get(canon) is None:
            raise ZhishuiError(f"--assign 指定的单位「{unit}」不在单位名录中，也不是清单里有任务的单位",
                               code="ASSIGN_UNKNOWN_UNIT", hint="请写单位名录中的单位全称")
        for r in hits:
            out[r.sha256] = (canon, r.display)
    return out


def _load_log(path, year: int, anomalies: list[Finding]):
    from .receipts import load_log
    return load_log(path, year, anomalies)


def _arrivals(subs: list[Submission], received: list[Received], log: Receipts, tl: TaskList) -> None:
    """Each file's received time from evidence, in order: its e-mail, the receipt log (by file,
    then by unit when the unit sent one file), the 填报日期 it carries; otherwise unknown."""
    by_unit: dict[str, list[Submission]] = {}
    for s in subs:
        if s.unit and s.status not in ("receipts", "ignored"):
            by_unit.setdefault(s.unit, []).append(s)
    canonical = lambda name: (tl.directory.get(name).name if tl.directory.get(name) else name)  # noqa: E731
    for s, rec in zip(subs, received):
        if s.status == "receipts":
            continue
        logged = log.for_path(rec.display)     # a line naming the file or an archive it came out of
        arrival = rec.arrival or logged
        if arrival is None and s.unit and len(by_unit.get(s.unit, [])) == 1:
            arrival = log.for_unit(s.unit, canonical)
        if arrival is None and s.report_date:
            arrival = Arrival(dt.datetime.combine(s.report_date, dt.time(0, 0)), FILLED,
                              "报送表中填写的填报日期", date_only=True)
        if arrival is not None:
            s.received, s.received_how, s.received_source = arrival.when, arrival.how, arrival.source
            s.received_date_only = arrival.date_only
    _same_content_same_arrival(subs)


def _same_content_same_arrival(subs: list[Submission]) -> None:
    """Byte-identical copies of one unit's file are one return: a copy with no time of its own, or only the 填报日期
    it carries, takes the time the same content is known to have arrived (the earliest of the copies that have one).
    Trial 31: a mail system saved the attachment of a late e-mail into a folder of its own as well; that copy, of no
    known time, was taken as a first return 「收到时间不明（未判逾期）」 and the late unit counted on time."""
    groups: dict[tuple[str, str], list[Submission]] = {}
    for s in subs:
        if s.unit and s.status not in ("receipts", "ignored"):
            groups.setdefault((s.unit, s.sha256), []).append(s)
    for copies in groups.values():
        known = sorted((c for c in copies if c.received and not c.received_date_only), key=lambda c: c.received)
        if len(copies) < 2 or not known:
            continue
        first = known[0]
        for c in copies:
            if not c.received or c.received_date_only:
                c.received, c.received_how, c.received_date_only = first.received, first.received_how, False
                c.received_source = f"与「{first.file}」内容相同，按它的{first.received_how}时间（{first.received_source}）"


# what a unit is asked to correct in a cell: of a version it has since replaced, nothing is left to correct
CELL_CHECKS = VALUE_CHECKS | {"STATE_INVALID", "STATE_MISSING", "PERCENT_INVALID", "VALUE_INVALID", "EXTENSION_INVALID",
                              "REPORT_DATE_INVALID", "FORMULA_TEXT", "REFERENCE_EDITED"}


def _listed_evidence_said(subs: list[Submission], anomalies: list[Finding], tl) -> None:
    """An evidence file the unit's return lists is where it belongs: the 异常清单 says which task it went to, not
    「请在报送表「佐证材料」栏列明」 (trial 33: the advice stood beside a PDF its sheet listed)."""
    listed = {s.file: s for s in subs if s.status == "attachment" and s.task_rule == 1 and s.task}
    for a in anomalies:
        s = listed.get(a.file)
        if a.code == "ATTACHMENT" and s is not None:
            t = tl.task(s.task)
            a.message += f"；报送表「佐证材料」栏列了它，归入序号{t.label if t else s.task}"
            a.suggestion = ""


def _old_versions_said(subs: list[Submission], anomalies: list[Finding]) -> None:
    """The cell findings of a version a later one replaced are 提示 and say so (trial 34: six 「完成状态不在选项中」 of
    a replaced sheet counted among the month's warnings, two of them corrected in the version adopted)."""
    old = {s.file for s in subs if s.status == "superseded" and not s.same_as}
    # a byte-identical copy's findings are the adopted file's, said once (trial 36: 「完成80%」 warned of twice)
    same = {s.file for s in subs if s.status == "superseded" and s.same_as}
    anomalies[:] = [a for a in anomalies if not (a.file in same and a.code in CELL_CHECKS)]
    for a in anomalies:
        if a.file in old and a.code in CELL_CHECKS:
            a.severity = INFO
            a.message += "（这份已被后来报送的版本替代，未采用）"


def _versions(subs: list[Submission], anomalies: list[Finding]) -> None:
    """One unit, several versions: the one received last counts, all are kept.  Without
    evidence of when each arrived, the 填报日期 decides, then (said so) the file's own time."""
    by_unit: dict[str, list[Submission]] = {}
    for s in subs:
        if s.status in ("counted", "empty") and s.unit:
            by_unit.setdefault(s.unit, []).append(s)
    for unit, versions in by_unit.items():
        if len(versions) < 2:
            continue
        def evidence(v):
            return v.received or dt.datetime.min, v.report_date or dt.date.min
        versions.sort(key=lambda v: (evidence(v), v.mtime, v.file))
        # (byte-identical copies are one version: they share their time, _same_content_same_arrival; trial 32 was told
        # 「按文件修改时间…请核对」 of two copies of one e-mail's attachment)
        distinct = list({v.sha256: v for v in versions}.values())
        if len({evidence(v) for v in distinct}) == len(distinct):
            basis = "收到时间" if all(v.received and not v.received_date_only for v in versions) else "收到时间和填报日期"
        else:
            basis = "文件修改时间（没有能分出先后的收到时间或填报日期，请核对）"
        filled = [v for v in versions if v.status == "counted"] or versions
        keep = filled[-1]
        for v in versions:
            if v is not keep:
                v.was_counted = v.status == "counted"
                v.status = "superseded"
                v.same_as = keep.file if v.sha256 == keep.sha256 else ""
        names = "、".join(f"「{v.file}」" + (f"（{v.received:%m月%d日%H:%M}）" if v.received and not v.received_date_only
                                            else f"（{v.received:%m月%d日}）" if v.received else "") for v in versions)
        if len(distinct) == 1:
            # (one return come by two ways: no version is newer — trial 34)
            anomalies.append(Finding(INFO, "DUPLICATE_SUBMISSION",
                                     f"「{unit}」的同一份报送表收到了{len(versions)}次（内容完全相同）：{names}，按一份汇总",
                                     "重复的已存档，不用处理", file=keep.file))
            continue
        same = len(versions) - len(distinct)
        anomalies.append(Finding(INFO if basis == "收到时间" else WARNING, "DUPLICATE_SUBMISSION",
                                 f"「{unit}」报送了{len(distinct)}个版本" + (f"（另有{same}份与其中一份内容完全相同）" if same else "")
                                 + f"：{names}，按{basis}采用最后的「{keep.file}」",
                                 "其余版本已存档，内容列入原始数据", file=keep.file))
