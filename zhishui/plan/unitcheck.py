"""The last look at every task's units, whatever reader gave them.

Readers are written layout by layout, and a layout none of them knows leaves its marks in the
units: a heading glued before the name (明确职责.县矿山联合执法大队, 总结阶段(11月) 各县(市、区)),
a word of the sentence after it (乡镇人民政府具体), a piece of a sentence taken for a name
(严格按照省发改委, 我厅决定对你市…实施挂牌督办), two units joined by 和.  These checks look at the
name alone, not at the layout, so they hold for documents no reader was written for.  A task left
with no unit at all takes the subject of its own sentence (各成员单位要…), flagged for the clerk.
"""
from __future__ import annotations

import re

from .attributions import looks_like_unit, looks_like_unit_list, unit_names
from .model import NO_UNIT_NOTE, PlanTask
from .prose import prose_duties, split_clauses
from .subjects import sentence_subject

ROLES = (("lead", "牵头单位"), ("responsible", "责任单位"), ("cooperating", "配合单位"))
# what ends a heading or a sentence glued before a name: the name is what comes after
_GLUE_RE = re.compile(r"[\s.。:：;；]+")
# a word of the sentence after the name: 乡镇人民政府具体(负责) / 县水务局牵头
_TAIL_WORD_RE = re.compile(r"(?:具体|负责|牵头|配合|参与|协助|协同|要|应|须)$")
# words of a sentence, never of an office's name; a name in the second person (你局) is only
# read once the addressee is known
_SENTENCE_RE = re.compile(r"决定|责成|按照|依照|依据|根据|均需|列出|^你|对你|实施")
_LONGEST = 30
# 各成员单位要… / 各有关部门务必…: a role word is no body where a unit is named elsewhere (the addressees
# of a cover letter), but for a task that names no unit at all it is who the plan asks to do it
_GROUP_SUBJECT_RE = re.compile(r"(各[\u4e00-\u9fff]{0,8}(?:单位|部门))(?:要(?!求)|应当?|务必|必须|须)")


def tidy_name(name: str) -> tuple[list[str], str]:
    """(the names ``name`` stands for, a note for the clerk or "")."""
    s = name.strip()
    note = ""
    parts = [x for x in _GLUE_RE.split(s) if x]
    if len(parts) > 1 and all(looks_like_unit_list(x) for x in parts):
        # 县水务局 县住建局: names a space (a cell's line break) keeps apart
        return [n for x in parts for n in tidy_name(x)[0]], ""
    if len(parts) > 1 and looks_like_unit_list(parts[-1]):
        note = f"单位「{s}」前面连着别的文字，已取「{parts[-1]}」"
        s = parts[-1]
    m = _TAIL_WORD_RE.search(s)
    if m and looks_like_unit(s[:m.start()]):
        note = note or f"单位「{s}」后面连着「{m.group()}」，已取「{s[:m.start()]}」"
        s = s[:m.start()]
    core = re.sub(r"[（(][^）)]*[）)]", "", s)
    if _SENTENCE_RE.search(core) or len(core) > _LONGEST or _GLUE_RE.search(s):
        return [], f"「{name.strip()}」不像单位名称（像是句子的一部分），没有作为单位导入"
    # 商务局和各街道办事处(乡): two offices joined by 和 (其他部门和单位 is one group, 住房和城乡建设局 one office)
    names = unit_names(s)
    if len(names) > 1 and not all(len(n) >= 3 and looks_like_unit(n) for n in names):
        names = [s]
    return names, note


def check_units(tasks: list[PlanTask]) -> None:
    for pt in tasks:
        notes = []
        for attr, label in ROLES:
            kept: list[str] = []
            for name in getattr(pt, attr):
                names, note = tidy_name(name)
                if note:
                    notes.append(f"{label}{note}")
                kept.extend(n for n in names if n not in kept)
            setattr(pt, attr, kept)
        if not (pt.lead or pt.responsible or pt.cooperating):
            own_subject(pt)
        for n in notes:
            pt.review.append(n + "，请核对")


def own_subject(pt: PlanTask) -> None:
    """A task no reader gave a unit: the units its own sentences give it (X牵头，Y配合 / X要…)."""
    for d in prose_duties(pt.content):
        if d.lead or d.responsible:
            pt.lead, pt.responsible, pt.cooperating = list(d.lead), list(d.responsible), list(d.cooperating)
            break
    else:
        for clause in split_clauses(pt.content):
            got = sentence_subject(clause.strip())
            group = _GROUP_SUBJECT_RE.match(clause.strip())
            if got and got[0] or group:
                pt.responsible = list(got[0]) if got and got[0] else [group.group(1)]
                break
    named = pt.lead + pt.responsible
    if named:
        pt.review = [r for r in pt.review if r != NO_UNIT_NOTE]
        pt.review.append(f"任务没有写明单位，已按它自己的句子读出「{'、'.join(named)}」，请核对")

