"""What the importer makes of a plan: its tasks (PlanTask) and the whole import (PlanImport),
and the item numbers (一、 (一) 1. (1)) that give a paragraph its level."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import Meta
from .document import Document
from .itemmark import ITEM_DOT

ITEM_RE = re.compile(r"^\s*(?:(?P<l2>[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])|(?P<l1>[一二三四五六七八九十]{1,3}\s*、)|"
                     r"(?P<l3>\d{1,3})\s*" + ITEM_DOT + r"|(?P<l4>[（(]\s*\d{1,3}\s*[）)]))\s*")

# said of a task that no reader gave a unit (the last look at the units may still find one in its sentences)
NO_UNIT_NOTE = "方案没有写明这项任务的责任单位，请补填"


@dataclass
class PlanTask:
    seq: str
    category: str
    content: str
    deadline: str = ""
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    source: str = ""
    review: list[str] = field(default_factory=list)
    continuation: list[tuple[str, str, str]] = field(default_factory=list)  # (content, deadline, source)
    extras: dict[str, str] = field(default_factory=dict)   # table header -> text of columns no role claims
    _pidx: int = field(default=-1, repr=False)
    # the units a heading above gives a task that names none (区水务局为…牵头单位 / X职责), and that heading
    _owner: list[str] = field(default_factory=list, repr=False)
    _owner_heading: str = field(default="", repr=False)

    def to_dict(self) -> dict:
        return {"seq": self.seq, "category": self.category, "content": self.content, "deadline": self.deadline,
                "lead_units": self.lead, "responsible_units": self.responsible,
                "cooperating_units": self.cooperating, "persons": self.persons, "source": self.source,
                "review": self.review, "extras": self.extras,
                "continuation": [{"content": c, "deadline": d, "source": s} for c, d, s in self.continuation]}


@dataclass
class PlanImport:
    document: Document
    meta: Meta
    tasks: list[PlanTask]
    review: list[tuple[str, str, str]]        # (where, text, why) — Chinese
    layouts: list[str]                        # Chinese names of the layouts found
    # the plan's own conventions for the lead (leadorder.LeadRule) that decided tasks' leads: 原文对照 says so
    lead_rules: list = field(default_factory=list)
    # the document read through beside the tasks (readthrough.py), worked out once when first asked for
    lines_read: list | None = field(default=None, repr=False, compare=False)


def strip_item(text: str) -> tuple[str | None, str]:
    m = ITEM_RE.match(text)
    if not m:
        return None, text.strip()
    num = m.group("l3")
    return num, text[m.end():].strip()


def level_of(text: str) -> int | None:
    m = ITEM_RE.match(text)
    if not m:
        return None
    for lvl, g in ((1, "l1"), (2, "l2"), (3, "l3"), (4, "l4")):
        if m.group(g):
            return lvl
    return None


def heading_text(text: str) -> str:
    t = text.strip()
    rest = t[ITEM_RE.match(t).end():] if ITEM_RE.match(t) else ""
    k = title_end(rest) if rest else -1
    if k > 0 and rest[k] != "。":
        return t[:len(t) - len(rest) + k]       # (四)总结阶段(11月) 各县…: the title a lost line break left
    k = t.find("。")
    return t[:k] if 0 < k < 60 else t[:60]


def title_end(rest: str) -> int:
    """Where an item's short title ends: at its 。, or at the space a page that lost its line
    breaks left after it (动员部署阶段(5月) 各县…); -1 when it has none."""
    k = rest.find("。")
    lead = len(rest) - len(rest.lstrip())
    m = re.compile(r"[ \t\u3000]+").search(rest, lead)
    if m and 0 < m.start() - lead <= 30 and (k < 0 or m.start() < k) and m.end() < len(rest) \
            and not re.search(r"[，,。；;]", rest[:m.start()]):
        return m.start()
    return k

