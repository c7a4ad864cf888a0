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
from .prose import co_units, prose_duties, split_clauses
from .sections import heading_owner
from .subjects import sentence_subject
from ..unitnames import classify_group

ROLES = (("lead", "牵头单位"), ("responsible", "责任单位"), ("cooperating", "配合单位"))
# what ends a heading or a sentence glued before a name: the name is what comes after
_GLUE_RE = re.compile(r"[\s.。:：;；]+")
# a word of the sentence after the name: 乡镇人民政府具体(负责) / 县水务局牵头
_TAIL_WORD_RE = re.compile(r"(?:具体|负责|牵头|配合|参与|协助|协同|承办|主办|协办|要|应|须)$")
# 会同有关部门 / 组织相关部门: a verb of the sentence before the name — 会同/配合 make it a co-unit, the
# others (组织, 督促…) make it whom the task's unit directs, not who does it
# (并积极协调纪检监察…等有关部门参与: how the sentence goes on before the verb, h7803 — no office's name opens so)
_HEAD_VERB_RE = re.compile(r"^(?P<how>(?:并且?|同时|还)?(?:积极|主动|认真|及时)?)"
                           r"(?P<verb>(?P<co>会同|汇同|配合|协助)|组织|联合|督促|指导|协调|要求|通知|特向|向)")
# 明确职责任务分工县应急管理局 / 明确部门职责分工 教育部门: a heading run into the name with nothing (or a space) between
_RUN_IN_RE = re.compile(r"(?:职责|分工|任务|工作|要求)(?=[省市州县区镇乡各])|(?:职责|任务|责任)分工(?=[\u4e00-\u9fff]{2})")
# 市财政局(第一责任单位为牵头单位,下同) / 市防汛防台抗旱指挥部(以下简称市防指): a note in brackets, not the name
_NOTE_RE = re.compile(r"[（(][^（）()]*(?:下同|简称|牵头单位|牵头部门|责任单位)[^（）()]*[）)]")
# words of a sentence, never of an office's name; a name in the second person (你局) is only
# read once the addressee is known
_SENTENCE_RE = re.compile(r"决定|责成|按照|依照|依据|根据|均需|列出|^你|对你|实施")
_LONGEST = 30
# a table's catch-all row (其他) or an empty mark: no one's name
_NO_NAME_RE = re.compile(r"其他|其它|无|/|—+|-+|单位|部门")
# 各成员单位要… / 各有关部门务必…: a role word is no body where a unit is named elsewhere (the addressees
# of a cover letter), but for a task that names no unit at all it is who the plan asks to do it
_GROUP_SUBJECT_RE = re.compile(r"(各(?:[\u4e00-\u9fff]{0,8}(?:单位|部门)|[\u4e00-\u9fff()（）]{1,8}?))(?:要(?!求)|应当?|务必|必须|须)")


# 验收合格后移交白马关景区管委会 / 停产整顿期间供电部门: the time or condition before the body, not its name
_WHEN_RE = re.compile(r"^[^，,。；;]{2,16}?(?:后|期间|以后)(?:移交|交由|交给|由)?(?P<u>[^，,。；;]{2,30})$")


def tidy_name(name: str) -> tuple[list[str], str]:
    """(the names ``name`` stands for, a note for the clerk or "")."""
    s = _NOTE_RE.sub("", name).strip()
    note = ""
    if s.startswith(("由", "请")) and looks_like_unit_list(s[1:]):
        s = s[1:]               # 由县市场监管局(承办) / 请各乡镇人民政府于…: the sentence's word, not the name's
    this = re.match(r"(?:经|由)?该(?=[省市县区州])", s)
    if this and looks_like_unit_list(s[this.end():]):
        s = s[this.end():]      # 经该市物价局会同… / 该市教委: the report's "that city", not the name
    run_in = _RUN_IN_RE.search(s)
    if run_in and looks_like_unit_list(s[run_in.end():]) and not looks_like_unit(s[:run_in.end()]):
        note = f"单位「{s}」前面连着标题文字，已取「{s[run_in.end():]}」"
        s = s[run_in.end():]
    when = _WHEN_RE.match(s)
    if when and looks_like_unit_list(when.group("u")):
        note = f"单位「{s}」前面连着时间或条件的话，已取「{when.group('u')}」"
        s = when.group("u")
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
    if _NO_NAME_RE.fullmatch(s):
        return [], f"「{name.strip()}」不是哪个单位的名称，没有作为单位导入"
    if _SENTENCE_RE.search(core) or len(core) > _LONGEST or _GLUE_RE.search(s):
        return [], f"「{name.strip()}」不像单位名称（像是句子的一部分），没有作为单位导入"
    # 商务局和各街道办事处(乡): two offices joined by 和 (其他部门和单位 is one group, 住房和城乡建设局 one office)
    names = unit_names(s)
    if len(names) > 1 and not all(len(n) >= 3 and looks_like_unit(n) for n in names):
        names = [s]
    return names, note


def _head_verb(name: str) -> tuple[str, bool, bool] | None:
    """(the name after a verb of the sentence, whether the verb makes it a co-unit, whether it works with them:
    协调/联合 — a co-unit where the sentence already made it one), or None."""
    m = _HEAD_VERB_RE.match(name.strip())
    if not m or not looks_like_unit_list(name.strip()[m.end():]):
        return None
    if not m.group("co") and not m.group("how") and not re.match(r"相关|有关|各|所辖|全", name.strip()[m.end():]):
        return None             # 组织人事部门, 协调办: the verb's word is the office's own name
    return name.strip()[m.end():], bool(m.group("co")), name.strip()[m.start("verb"):].startswith(("协调", "联合"))


def check_units(tasks: list[PlanTask]) -> None:
    for pt in tasks:
        notes = []
        co_more: list[str] = []
        for attr, label in ROLES:
            kept: list[str] = []
            for name in getattr(pt, attr):
                verb = _head_verb(name)
                if verb is not None:
                    rest, co, works_with = verb
                    if co and attr != "cooperating":
                        co_more.extend(unit_names(rest))
                        notes.append(f"{label}「{name}」是句中的「会同/配合…」，已把「{rest}」列为配合单位")
                        continue
                    if not co and not (works_with and attr == "cooperating"):
                        notes.append(f"{label}「{name}」是句中被组织、督促的对象，不是承担单位，没有作为单位导入")
                        continue
                    # (…协调X等有关部门参与和配合: co-units the sentence names, the verb before them is not theirs;
                    # those a unit 组织/督促 are whom it directs, round 12)
                    name = rest
                names, note = tidy_name(name)
                if note:
                    notes.append(f"{label}{note}")
                kept.extend(n for n in names if n not in kept)
            setattr(pt, attr, kept)
        pt.cooperating += [u for u in dict.fromkeys(co_more) if u not in pt.cooperating]
        if "表" in pt.source:
            # a table's 职责 cell 「…，会同有关部门依法查处…」: whom the task's own text works with is a co-unit
            # (the sentence rules read this in prose; a table's text cell is read by no one else)
            named = set(pt.lead + pt.responsible + pt.cooperating)
            co = [u for u in co_units(pt.content) if u not in named and tidy_name(u)[0] == [u]]
            if co:
                pt.cooperating += co
                notes.append(f"配合单位「{'、'.join(co)}」取自任务原文里的「会同…」")
        owner = heading_owner(pt.category) if pt.cooperating and not (pt.lead or pt.responsible) else []
        if owner:
            # (九)县公安局主要工作任务: / 3、… / 协助单位:交通局: who helps is said, who does it is the heading's unit
            pt.responsible = [u for u in owner if u not in pt.cooperating]
            notes.append(f"责任单位「{'、'.join(pt.responsible)}」取自上级标题「{pt.category[:30]}」（本项只写了配合单位）")
        if not (pt.lead or pt.responsible or pt.cooperating):
            own_subject(pt)
            if not (pt.lead or pt.responsible) and NO_UNIT_NOTE not in pt.review:
                pt.review.append(NO_UNIT_NOTE)
        units = pt.lead + pt.responsible + pt.cooperating
        if units and all(classify_group(u)[1] for u in units):
            # 其他涉及部门要积极配合…: only bodies nobody named, which the list reader calls 泛指 and split sends no
            # return sheet (trial 16: such a task stood in the list with no word, and nobody would report on it)
            notes.append(f"这项任务只写了泛指的「{'、'.join(units)}」，报送表不会下发给任何单位；知道是哪些单位的请写明，"
                         "不是要督办的任务就删去这一项")
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
            # 加强垃圾分类队伍建设各(村)居要…: a run-in title before the subject, with nothing between
            group = _GROUP_SUBJECT_RE.search(clause.strip()[:40])
            if group and re.search(r"[，,：:]", clause.strip()[:group.start()]):
                group = None
            if got and got[0] or group:
                pt.responsible = list(got[0]) if got and got[0] else [group.group(1)]
                break
    named = pt.lead + pt.responsible
    if named:
        pt.review = [r for r in pt.review if r != NO_UNIT_NOTE]
        pt.review.append(f"任务没有写明单位，已按它自己的句子读出「{'、'.join(named)}」，请核对")


def glued_names(tasks: list[PlanTask], text: str) -> None:
    """镇城建办镇农技站: two offices' names the document writes with nothing between them are read as two
    (unitnames) — each task that has them says so, for the clerk to check against the original."""
    for pt in tasks:
        for role, label in ROLES:
            names = getattr(pt, role)
            pt.review.extend(f"{label}「{a}」「{b}」在原文中连写在一起（中间没有顿号），已按两个单位导入，请核对"
                             for a, b in zip(names, names[1:]) if a + b in text)
