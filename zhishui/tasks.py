"""Understand a responsibility list: raw rows -> tasks with deadlines and canonical units.

``load_list`` is the one entry point the CLI, the add-in and every later step
use: read the workbook (any format), find the list, its directory and its
settings, parse each deadline and resolve each unit name.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .bulk import paused_gc
from .deadlines import Deadline, Milestone, parse_deadline
from .directory import Directory, UnitRef
from .errors import ZhishuiError
from .findings import Finding
from .listreader import FIELD_NAMES, ListSheet, RawTask, read_list
from .settings import Settings, load_settings_file, settings_from_book
from .unitnames import split_persons
from .workbook_reader import col_letter, read_book

ROLE_NAMES = {"lead": "牵头", "responsible": "责任", "cooperating": "配合"}
ROLE_RANK = {"lead": 0, "responsible": 1, "cooperating": 2}


@dataclass
class TaskPart:
    row: int
    content: str
    deadline: Deadline
    cells: dict


@dataclass
class Task:
    key: str
    seq: str
    category: str
    content: str
    deadline: Deadline
    lead: list[UnitRef]
    responsible: list[UnitRef]
    cooperating: list[UnitRef]
    persons: list[str]
    sheet: str
    row: int
    cells: dict                      # Chinese field name -> cell ref
    raw: dict                        # field -> text as written
    parts: list[TaskPart] = field(default_factory=list)
    lead_implied: bool = False       # no 牵头单位 given; the first 责任单位 leads
    row_deadlines: list = field(default_factory=list)  # (cell, Deadline) for each row with a 时限
    extras: dict = field(default_factory=dict)         # header -> text of columns no role claims (投资估算 …)

    @property
    def label(self) -> str:
        return self.seq or f"第{self.row}行"

    @property
    def full_content(self) -> str:
        texts = [self.content] + [p.content for p in self.parts if p.content]
        return "\n".join(t for t in texts if t)

    @property
    def deadline_text(self) -> str:
        """The 完成时限 as issued: every row's own text (continuation rows have theirs)."""
        return "；".join(str(d.raw) for _, d in self.row_deadlines if str(d.raw).strip()) or str(self.deadline.raw or "")

    def lead_units(self) -> list[str]:
        """Names of the unit(s) whose report decides the task's status, as resolved (unknown
        names as written).  Without a 牵头单位 the responsible units answer jointly."""
        return unit_names(self.lead or self.responsible)

    def answering_units(self) -> list[str]:
        """lead_units() without the names the directory does not know: those are errors of
        the list, never recipients of a return or a letter."""
        return unit_names(self.lead or self.responsible, known_only=True)

    @property
    def answering_text(self) -> str:
        """Who answers, as a document prints it: groups as written (各镇街), known units by their
        names, a joint task marked as such."""
        refs = [r for r in (self.lead or self.responsible) if r.how != "unknown"]
        text = "、".join(r.raw if r.is_group else (r.name or r.raw) for r in refs)
        return f"{text}（共同负责）" if not self.lead and len(self.answering_units()) > 1 else text

    def unknown_refs(self) -> list[tuple[str, UnitRef]]:
        """(role, ref) of every name the directory does not know."""
        return [(role, r) for role in ("lead", "responsible", "cooperating") for r in getattr(self, role)
                if r.how == "unknown"]

    def unit_roles(self) -> dict[str, str]:
        """Every known unit that must report on this task -> its strongest role (lead/responsible/
        cooperating).  Groups are expanded; unknown names are left out (see unknown_refs)."""
        roles: dict[str, str] = {}
        for role in ("lead", "responsible", "cooperating"):
            for n in unit_names(getattr(self, role), known_only=True):
                if n not in roles or ROLE_RANK[role] < ROLE_RANK[roles[n]]:
                    roles[n] = role
        if self.lead_implied:
            for n in self.answering_units():
                roles[n] = "lead"
        return roles

    def to_dict(self) -> dict:
        return {
            "key": self.key, "seq": self.seq, "category": self.category, "content": self.content,
            "deadline": self.deadline.to_dict(),
            "lead": [r.name or r.raw for r in self.lead] if self.lead else [],
            "responsible": [r.name or r.raw for r in self.responsible],
            "cooperating": [r.name or r.raw for r in self.cooperating],
            "lead_units": self.lead_units(),
            "lead_implied": self.lead_implied,
            "units": {"lead": [r.to_dict() for r in self.lead],
                      "responsible": [r.to_dict() for r in self.responsible],
                      "cooperating": [r.to_dict() for r in self.cooperating]},
            "persons": self.persons,
            "parts": [{"row": p.row, "content": p.content, "deadline": p.deadline.to_dict()} for p in self.parts],
            "extras": dict(self.extras),
            "source": {"sheet": self.sheet, "row": self.row, "cells": self.cells},
        }


@dataclass
class TaskList:
    path: Path
    sheet: str
    header_row: int
    columns: dict               # Chinese field name -> column letter
    tasks: list[Task]
    notes: list[Finding]        # what reading the list found (skipped rows, continuations)
    directory: Directory
    settings: Settings
    ref_date: dt.date | None    # the document date relative deadlines resolve against
    has_lead_column: bool = True
    book_format: str = ""       # csv | xlsx | …: a CSV has no 设置 sheet to fill in (--settings / --ref instead)
    settings_file: bool = False  # the settings came from --settings
    headers: dict = field(default_factory=dict)   # Chinese field name -> the header words read as it (时间节点)
    extra_columns: dict = field(default_factory=dict)   # column letter -> header of a column kept as 参考 (no role)
    title_date: tuple | None = None      # (a date written above the header, its cell): offered as the 成文日期

    @property
    def lead_word(self) -> str:
        """牵头单位 where the list names leads; 责任单位 where it has no 牵头 column and every task's units answer jointly
        (trial 21: seed 003's 通报 asked 「各牵头单位」 and headed its tables 牵头单位 over sixteen joint units)."""
        return "牵头单位" if self.has_lead_column or any(t.lead for t in self.tasks) else "责任单位"

    @property
    def no_settings_sheet(self) -> bool:
        """Advice to fill in the 设置 sheet is impossible here: a text table holds one sheet and none was given."""
        return self.book_format in ("csv", "html", "xml2003") and not self.settings_file

    @functools.cached_property
    def fingerprint(self) -> str:
        """Identifies this version of the list (keys, texts, deadlines, units)."""
        h = hashlib.sha256()
        for t in self.tasks:
            h.update(json.dumps([t.key, t.full_content, t.deadline.raw, t.raw.get("lead", ""),
                                 t.raw.get("responsible", ""), t.raw.get("cooperating", "")],
                                ensure_ascii=False).encode())
        return h.hexdigest()[:16]

    def task(self, key: str) -> Task | None:
        for t in self.tasks:
            if t.key == key:
                return t
        return None

    def units(self) -> dict[str, dict[str, str]]:
        """unit -> {task key -> role}, every unit that has tasks."""
        out: dict[str, dict[str, str]] = {}
        for t in self.tasks:
            for name, role in t.unit_roles().items():
                out.setdefault(name, {})[t.key] = role
        return out


def unit_names(refs: list[UnitRef], known_only: bool = False) -> list[str]:
    """Names the refs stand for (groups expanded, unknown names as written unless known_only)."""
    out: list[str] = []
    for r in refs:
        if known_only and r.how == "unknown":
            continue
        for n in (r.members if r.is_group else [r.name or r.raw]):
            if n not in out:
                out.append(n)
    return out


def combine_deadlines(parts: list[tuple[str, Deadline]]) -> Deadline:
    """One deadline for a task whose rows carry several (continuation rows)."""
    if len(parts) == 1:
        return parts[0][1]
    raws = [d.raw for _, d in parts if str(d.raw or "").strip()]
    out = Deadline(raw="；".join(raws))
    dated = [(text, d) for text, d in parts if d.due]
    for text, d in dated:
        if d.milestones:
            out.milestones.extend(d.milestones)
        else:
            out.milestones.append(Milestone(d.due, text[:40], d.action))
    if dated:
        last = max(dated, key=lambda x: x[1].due)[1]
        out.due, out.precision, out.action = last.due, last.precision, last.action
    starts = [d.start for _, d in parts if d.start]
    out.start = min(starts) if starts else None
    recs = [d.recurrence for _, d in parts if d.recurrence]
    out.recurrence = recs[0] if recs else None
    out.ongoing = any(d.ongoing for _, d in parts)
    out.immediate = any(d.immediate for _, d in parts)
    out.conditional = any(d.conditional for _, d in parts)
    out.relative = any(d.relative for _, d in parts)
    out.understood = all(d.understood for _, d in parts if str(d.raw or "").strip()) and bool(raws)
    for _, d in parts:
        out.notes.extend(d.notes)
        out.problems.extend(d.problems)
    return out


def _refs(text: str, directory: Directory) -> list[UnitRef]:
    return [directory.resolve(t) for t in directory.split(text)]


def understand(raw: RawTask, directory: Directory, ref: dt.date | None, flood, seen_keys: set,
               parsed: dict | None = None) -> Task:
    """``parsed`` memoises deadlines of one list (text -> Deadline; never changed once parsed)."""
    parsed = {} if parsed is None else parsed

    def deadline_of(text):
        d = parsed.get(text)
        if d is None:
            d = parsed[text] = parse_deadline(text, ref, flood_season=flood)
        return d
    texts = raw.texts
    first_deadline = deadline_of(texts.get("deadline", ""))
    parts = [TaskPart(p.row, p.content, deadline_of(p.deadline), p.cells) for p in raw.parts]
    deadline = combine_deadlines([(texts.get("content", ""), first_deadline)]
                                 + [(p.content, p.deadline) for p in parts if str(p.deadline.raw).strip()])
    lead = _refs(texts.get("lead", ""), directory)
    responsible = _refs(texts.get("responsible", ""), directory)
    cooperating = _refs(texts.get("cooperating", ""), directory)
    persons = split_persons(texts.get("person", ""))
    holders = responsible or lead
    if persons and len(persons) == len(holders):
        for ref_, person in zip(holders, persons):
            ref_.person = person
    key = raw.seq or f"R{raw.row}"
    if key in seen_keys:
        key = f"{key}@{raw.row}"
    seen_keys.add(key)
    return Task(
        key=key, seq=raw.seq, category=raw.category, content=texts.get("content", ""),
        deadline=deadline, lead=lead, responsible=responsible, cooperating=cooperating,
        persons=persons, sheet=raw.sheet, row=raw.row,
        cells={FIELD_NAMES[f]: c for f, c in raw.cells.items()}, raw=dict(texts), parts=parts,
        lead_implied=not lead and bool(responsible),
        row_deadlines=[(raw.cells.get("deadline", ""), first_deadline)]
        + [(p.cells.get("deadline", ""), p.deadline) for p in parts if str(p.deadline.raw).strip()],
        extras=dict(raw.extras),
    )


def load_list(path, *, directory_path=None, settings_path=None, sheet: str | None = None,
              ref: dt.date | None = None, columns: str | None = None) -> TaskList:
    """Read and understand a responsibility list (any spreadsheet format).
    ``columns`` is the clerk's column mapping (「内容=D,牵头=E」), remembered for this list."""
    path = Path(path)
    with paused_gc():
        directory = Directory.load(directory_path) if directory_path else None
        return list_from_book(read_book(path), directory=directory, settings_path=settings_path, sheet=sheet,
                              ref=ref, columns=columns)


def list_from_book(book, *, directory: Directory | None = None, settings_path=None, sheet: str | None = None,
                   ref: dt.date | None = None, columns: str | None = None) -> TaskList:
    """Understand a list already read into grids (from a file, or from Excel through xlwings)."""
    from . import column_mappings as cm
    from .listreader import column_letters
    settings = settings_from_book(book)
    if settings_path:
        settings = load_settings_file(settings_path, settings)
    if directory is None:
        directory = Directory.from_book(book, required=False) or Directory()
    mapping, source = None, ""
    if columns:
        mapping, source = cm.mapping_from(columns, "--columns"), "命令行 --columns"
    elif settings.extra.get("列对应"):
        mapping, source = cm.mapping_from(settings.extra["列对应"], "设置表「列对应」"), "设置表「列对应」"
    ls: ListSheet = read_list(book, sheet, directory=directory if directory else None, mapping=mapping,
                              remembered=cm.remembered(book.path))
    _column_notes(ls, book.path, mapping, source)
    ref_date = ref or settings.doc_date
    flood = settings.flood_season()
    seen: set = set()
    parsed: dict = {}
    tasks = [understand(rt, directory, ref_date, flood, seen, parsed) for rt in ls.tasks]
    return TaskList(Path(book.path), ls.sheet, ls.header_row, column_letters(ls.columns), tasks, ls.notes,
                    directory, settings, ref_date, has_lead_column="lead" in ls.columns,
                    book_format=getattr(book, "format", ""), settings_file=bool(settings_path),
                    headers={FIELD_NAMES[f]: _headers(ls).get(c, "") for f, c in ls.columns.items()},
                    extra_columns={col_letter(c): h for c, h in ls.extras.items()}, title_date=ls.title_date)


# a title typed above the header (「整改任务分解表」): the list's reading joins it to column A's header words
TITLE_WORD_RE = re.compile(r"(?:表|清单|方案|台账)$")


def column_reading(tl: TaskList) -> list[tuple[str, str, str]]:
    """(column letter, its header as written, the field it was read as) in the sheet's order: a list headed
    时间节点 / 协办单位 shows the clerk it was read as 完成时限 / 配合单位 (the trial-10 page said only 「12 项任务」)."""
    words = {name: [w for w in tl.headers.get(name, "").split("/") if w] for name in tl.columns}
    # a title merged over the whole header (「整改任务分解表」 above 序号, 重点任务 …) is part of every column's
    # words: it says nothing about any one column
    common = set.intersection(*(set(w) for w in words.values())) if len(words) > 1 else set()
    # (a title typed in A1 above the header, 「整改任务分解表」, is read with column A's header: not its name either,
    # trial 22's check showed 「整改任务分解表/序号」)
    titles = {w for ws in words.values() for w in ws[:-1] if TITLE_WORD_RE.search(w)}
    shown = {name: "/".join(w for w in ws if w not in common | titles) or "/".join(ws) for name, ws in words.items()}
    # the columns no field claims are said too, as what they are (trial 35: 「主要任务」 and 「牵头负责领导」 were missing
    # from the line, read as if lost; they are printed on the sheets as 参考)
    extra = [(letter, "/".join(w for w in h.split("/") if w not in common | titles) or h, EXTRA_READING)
             for letter, h in tl.extra_columns.items()]
    return sorted([(letter, shown[name], name) for name, letter in tl.columns.items()] + extra,
                  key=lambda x: (len(x[0]), x[0]))


EXTRA_READING = "参考（印在报送表上，不参与判断）"


def missing_columns(tl: TaskList) -> list[tuple[str, str, tuple[str, ...]]]:
    """(column, why it is needed, header words looked for) for each column the month cannot do without."""
    from .columns import VOCAB as FIELDS
    out = []
    if "具体举措" not in tl.columns:
        out.append(("任务内容", "报送表和文书要列出任务", FIELDS["content"]))
    if "完成时限" not in tl.columns:
        out.append(("完成时限", "判断逾期和临期", FIELDS["deadline"]))
    if "牵头单位" not in tl.columns and "责任单位" not in tl.columns:
        out.append(("牵头单位或责任单位", "知道由谁报送、督办谁", FIELDS["lead"] + FIELDS["responsible"]))
    return out


# the command line's way to another sheet of the workbook (the web page, which has no --sheet, says its own)
SHEET_OPTION_HINT = "，或用 --sheet 指定清单所在的工作表"


def require_month_columns(tl: TaskList) -> TaskList:
    """Collect and docs judge the month: a list without these columns stops here, before anything is written."""
    missing = missing_columns(tl)
    if missing:
        what = "；".join(f"找不到「{name}」列（用于{why}）" for name, why, _ in missing)
        looked = "；".join(f"{name}：{'、'.join(words[:12])}" for name, _, words in missing)
        raise ZhishuiError(f"清单「{tl.sheet}」{what}", file=tl.path, sheet=tl.sheet, code="LIST_COLUMNS",
                           hint=f"请在表头写明这些列（能识别的列名——{looked}）{SHEET_OPTION_HINT}")
    return tl


def _column_notes(ls: ListSheet, list_path, mapping, source: str) -> None:
    """Say how the columns were read when it was not clear-cut, and remember a mapping given."""
    from . import column_mappings as cm
    from .columns import ROLE_CN
    from .findings import INFO, WARNING
    from .workbook_reader import col_letter
    where = cm.store_path(list_path)
    if mapping:
        saved = cm.remember(list_path, ls.signature, mapping, ls.sheet)
        ls.notes.insert(0, Finding(INFO, "COLUMN_MAPPING",
                                   f"按{source}给定的列对应读取：{cm.mapping_text(mapping)}"
                                   + (f"；已记住，以后读取同样表头的清单自动使用（{where}）" if saved else ""),
                                   sheet=ls.sheet, file=str(list_path)))
    elif ls.mapped:
        ls.notes.insert(0, Finding(INFO, "COLUMN_MAPPING", f"按以前给定并记住的列对应读取（{where}）",
                                   sheet=ls.sheet, file=str(list_path)))
    elif ls.ambiguities:
        chosen = "，".join(f"{ROLE_CN[f]}={col_letter(c)}" for f, c in sorted(ls.columns.items(), key=lambda x: x[1]))
        detail = "；".join(a.text(ls.extras | {c: h for c, h in _headers(ls).items()}) for a in ls.ambiguities)
        ls.notes.insert(0, Finding(
            WARNING, "COLUMN_AMBIGUOUS",
            f"有的列不能确定是什么，已按推测读取（{chosen}）：{detail}",
            f"如果读错了，请给出一次列对应：命令行加 --columns \"{chosen}\"（改成正确的列字母），"
            f"或在「设置」表加一项「列对应」，值写成同样的形式；给出后会记在 {where}，以后同样表头的清单自动使用",
            sheet=ls.sheet, file=str(list_path)))


def _headers(ls: ListSheet) -> dict:
    return getattr(ls, "headers", {}) or {}


def require_tasks(tl: TaskList) -> TaskList:
    if not tl.tasks:
        raise ZhishuiError("清单里没有任务行", file=tl.path, sheet=tl.sheet, code="NO_TASKS",
                           hint="请确认表头下面有任务数据")
    return tl
