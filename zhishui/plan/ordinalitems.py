"""Measures enumerated 一是…二是…三是…, each a paragraph opening with its title sentence:

    三是搞好秸秆还田和综合利用。农办向群众发放…。农机站负责合理引导…。

Each such item is one measure: the task is the whole item (its title says what is done), and the
units are those its sentences open with as subjects (农办, 农机站), responsible together.  An item
whose sentences name no unit is not read here.
"""
from __future__ import annotations

import re

from .model import PlanTask
from .prose import prose_duties, split_clauses
from .unitshapes import split_units_by_shape

ORDINAL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|[首再])是")
TITLE_RE = re.compile(r"[^。；;]{2,30}。")


def ordinal_items(text: str, category: str, where: str) -> list[PlanTask]:
    """The measure's task, or one task per body when its sentences open with different bodies
    (一是明确职责任务。各级各部门要…。组织人事部门要…；财政部门要…: each department's own duty).  Each
    sentence or ;-clause is read on its own (one naming a group does not hide the departments after it); one
    naming no body stays with the duty before it (or opens the first), so no words are lost."""
    m = ORDINAL_RE.match(text)
    title = TITLE_RE.match(text, m.end()) if m else None
    if not title:
        return []
    parts: list[tuple[str, list]] = []          # (sentence or clause, its duties that name a body)
    for sentence in split_clauses(text[title.end():], "。；;"):
        parts.append((sentence, [d for d in prose_duties(sentence) if d.lead or d.responsible]))
    duties = [d for _s, ds in parts for d in ds]
    if len(duties) < 3 or len({tuple(d.lead + d.responsible) for d in duties}) < 3:
        one = ordinal_item(text, category, where)
        return [one] if one else []
    out: list[PlanTask] = []
    pending = ""
    for sentence, ds in parts:
        if not ds:
            if out:
                out[-1].content += sentence
            else:
                pending += sentence
            continue
        for d in ds:
            pt = PlanTask("", category, pending + d.text, lead=list(d.lead), responsible=list(d.responsible),
                          cooperating=list(d.cooperating), source=where)
            pt.review.append(f"「{m.group().strip()}{title.group()[:16]}」条目中各句主语不同，按句分成任务，请核对")
            out.append(pt)
            pending = ""
    return out


def ordinal_item(text: str, category: str, where: str) -> PlanTask | None:
    m = ORDINAL_RE.match(text)
    if not m:
        return None
    title = TITLE_RE.match(text, m.end())
    if not title:
        return None
    body = text[title.end():]
    units: list[str] = []
    helpers: list[str] = []
    for d in prose_duties(body):
        units.extend(u for u in d.lead + d.responsible if u not in units)
        helpers.extend(u for u in d.cooperating if u not in helpers)
    for clause in split_clauses(body, "。") if not units else []:
        # 派出所24小时值班 / 指挥部负责…: a sentence opening with a unit name (not with a group word), read by its
        # shape only where no sentence of the item names its unit as the duty rules read them
        names, end = split_units_by_shape(clause)
        if names and end < len(clause) and not re.match(r"[、和与及]", clause[end:]):
            units.extend(u for u in names if u not in units)
    if not units:
        return None
    pt = PlanTask("", category, text[m.end():].strip(), responsible=units,
                  cooperating=[u for u in helpers if u not in units], source=where)
    pt.review.append(f"「{m.group().strip()}」条目中各句的单位（{'、'.join(units)}）都记为责任单位，请核对其角色")
    return pt
