"""Duty sentences no reader took, read as tasks: the last reader of a plan's body.

The readers know layouts; a paragraph in a layout none of them knows may still say who does what,
sentence by sentence (「1.风险防范机制。各成员单位要加强…。各单位要指定专门机构…」, where the item's reader
kept the first sentence only).  After the readers, each sentence of the body that names its own
unit before what it must do (prose_duties' reading of any sentence: X要… / X负责… / 由X牵头…) and whose
words are in no task becomes a task of that unit, said so for the review.  Not read so:
- a plan whose list is its table (its body retells the rows);
- under 保障措施 and the like (how the plan is run: 各创建责任单位要建立…工作机制);
- a notice's own words before its first heading (现将…印发。各责任单位要…。市督查局要…);
- a paragraph a review line set aside on purpose (an 整改问题's description);
- a sentence of a bracket (〔市生态环境局牵头，…各县、区人民政府负责落实。〕 gives the tasks around it their units);
- an office a report says was directed (督导市海绵中心加强…).

Measured on the opened parts of the corpus (session 21): before the exclusions, 43 sentences read this
way, 35 of them labelled tasks; as written in, 34 read, 27 labelled (22 with every unit in its role).
"""
from __future__ import annotations

import re

from .attributed import deadline_of
from .attributions import looks_like_unit
from .document import Para
from .furniture import is_page_furniture
from .leftovers import canon_words, own_words, pieces, task_pieces, uncovered, unit_words
from .model import PlanTask, heading_text, level_of, strip_item
from .prose import prose_duties
from .sections import SUPPORT_SECTION_RE

NOTE = "这一段的版式未识别，这项任务是按句子开头写的单位读出的，请对照原文核对单位、分工和完成时限"
LAYOUT = "正文句子（按句首单位读出，逐条核对）"
# a review line that set a sentence aside on purpose (保障措施中对各单位的要求，…未作为任务导入): not read again
SET_ASIDE = "未作为任务导入"
# 督导市海绵中心加强…: the office directed, its director not written (no office's name starts so)
DIRECTED_RE = re.compile(r"督导|督促|责成|要求")
OPEN, CLOSE = "（(〔【[", "）)〕】]"


def _in_bracket(text: str) -> bool:
    """A sentence cut from a bracket: it opens with one, or its brackets do not pair."""
    return text.lstrip()[:1] in OPEN or sum(c in OPEN for c in text) != sum(c in CLOSE for c in text)


def sentence_tasks(paras: list[Para], tasks: list[PlanTask], review: list) -> list[PlanTask]:
    """The tasks of the body's duty sentences that the readers left, in document order."""
    covered = task_pieces(tasks)
    aside = {where for where, _t, why in review if SET_ASIDE in why}
    first = next((i for i, p in enumerate(paras) if level_of(p.text.strip()) == 1), 0)
    known = unit_words(tasks)
    headings: dict[int, str] = {}
    out: list[PlanTask] = []
    for p in paras[first:]:
        text = p.text.strip()
        lvl = level_of(text)
        if lvl in (1, 2) and len(text) <= 40:
            headings[lvl] = heading_text(text)
            if lvl == 1:
                headings.pop(2, None)
        if p.where in aside or is_page_furniture(text) or SUPPORT_SECTION_RE.search(headings.get(1, "")[:16]):
            continue
        _num, rest = strip_item(text)
        for d in prose_duties(rest, any_sentence=True):
            names = d.lead + d.responsible + d.cooperating
            if not names or not all(looks_like_unit(n) and not DIRECTED_RE.match(n) for n in names) \
                    or _in_bracket(d.text) or not uncovered(own_words(d.text, known + [canon_words(n) for n in names]), covered):
                continue
            pt = PlanTask("", headings.get(2) or headings.get(1) or "", d.text, lead=d.lead,
                          responsible=d.responsible, cooperating=d.cooperating, source=p.where)
            pt.review.append(NOTE)
            deadline_of(pt)
            out.append(pt)
            covered |= pieces(d.text)
    return out


def in_document_order(tasks: list[PlanTask], more: list[PlanTask], paras: list[Para]) -> list[PlanTask]:
    """tasks with each of more after the last task read from before it: an earlier paragraph, or earlier in its own."""
    at = {p.where: (i, p.text) for i, p in enumerate(paras)}

    def place(t: PlanTask) -> tuple[int, int] | None:
        if t.source not in at:
            return None
        i, text = at[t.source]
        return i, max(text.find(t.content[:12]), 0)

    out = list(tasks)
    for pt in more:
        here = place(pt)
        before = [j for j, t in enumerate(out) if (p := place(t)) is not None and p <= here]
        out.insert(before[-1] + 1 if before else 0, pt)
    return out
