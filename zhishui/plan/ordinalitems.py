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
from .attributions import looks_like_unit_list, unit_names

ORDINAL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|[首再])是")
TITLE_RE = re.compile(r"[^。；;]{2,30}。")


# 林长令要求各级林长,一要建立健全…。…二要开展…。: the bodies asked, then their points counted 一要…二要…
ASKED_POINTS_RE = re.compile(r"要求(?P<u>[^，,。；;：:“”]{2,30}?)[，,：:]\s*(?=一要)")
_CN_NUMBERS = "一二三四五六七八九十"


def asked_points(text: str, category: str, where: str) -> list[PlanTask]:
    """``…要求各级林长,一要A。…二要B。…三要C。…``: one task per point, the bodies asked carrying each out (the
    sentences after a point's own go with it)."""
    m = ASKED_POINTS_RE.search(text)
    if not m or not looks_like_unit_list(m.group("u")):
        return []
    units = unit_names(m.group("u"))
    starts, pos = [m.end()], m.end() + 2
    for n in _CN_NUMBERS[1:]:
        k = text.find(n + "要", pos)
        if k < 0 or text[k - 1] not in "。；;，, ":
            break
        starts.append(k)
        pos = k + 2
    if len(starts) < 2:
        return []
    out = []
    for i, a in enumerate(starts):
        pt = PlanTask("", category, text[a:starts[i + 1] if i + 1 < len(starts) else len(text)].strip(),
                      responsible=list(units), source=where)
        pt.review.append(f"「要求{m.group('u')}」后按「一要、二要…」分成任务，各条都是{m.group('u')}的，请核对")
        out.append(pt)
    return out


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
    # (two sentences of two bodies are enough: 《禁毒法》规定,县级以上各级人民政府应当…。财政部门应当…, h3913 — one task
    # holding both was each body's wrong role; two bodies in one sentence share its one task)
    by_sentence = {tuple(u for d in ds for u in d.lead + d.responsible) for _s, ds in parts if ds}
    if (len(duties) < 3 or len({tuple(d.lead + d.responsible) for d in duties}) < 3) and len(by_sentence) < 2:
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
