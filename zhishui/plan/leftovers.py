"""Text that writes who does what but became no task: one review line per paragraph.

The importer reads layouts it knows; a layout it does not know may leave duties behind
(「县国土资源局：积极协助开展…」 in a notice it could not split).  Point 6 of the import is that no
task text is dropped without a line in 导入核对, so after the tasks are assembled every sentence
that gives a duty — a unit next to a role verb (X负责 / 由X牵头 / X配合), a unit heading (X：…), a
role field (责任单位：X), a clause that starts with the verb (负责…, its unit said just before), or,
outside 保障措施 and the like, a body as the subject of what it must do (X要… / X依法… / X等部门共同…)
— is checked against what was imported.  So is, outside those sections and in a plan whose list is not
its table, a body of a kind as the subject of what it must do (经营者应当… / 各村要… / 建设单位不得…): no
office a task can be handed to, but text a clerk may want in the list (not 各有关部门要…, which asks every
office).  Its paragraph is named when most of the sentence's own words
(brackets and fields of units, unit names and role words taken out) are in no task, no heading and no
review line, or when its unit is in no task (the text went into another unit's task).  The words are
compared as 4-character pieces so that a task whose text was trimmed or split still covers the
sentence it came from.
"""
from __future__ import annotations

import re

from ..unitnames import expand
from .attributions import PREPOSITION_START_RE, WORK_START_RE, looks_like_unit
from .furniture import is_page_furniture
from ..rolewords import ANY_LABEL, VERBS
from .model import PlanTask, level_of
from .sections import SUPPORT_SECTION_RE

_VERB = "|".join(sorted({v for vs in VERBS.values() for v in vs} | {"协同"}, key=len, reverse=True))
# a unit-like word: 2–25 characters ending as offices end (局、委、办、政府、中心…)
_UNIT = (r"(?P<unit>[\u4e00-\u9fff（）()]{1,24}?(?:政府|部门|局|厅|委|委员会|办|办公室|中心|公司|集团|街道|管委会|院|队|站|"
         r"所|分局|部|处|科|社区|村委会|镇|乡|指挥部))")
_MANNER = r"(?:按照?职责分工|(?:按照?|依照?|根据)(?:各自)?职责|具体|共同|总)?"
# an item's own number before its first word (2、发改委：… / 1、负责… / (三)负责…)
_ITEM = r"(?:\d{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*、)?\s*"
_SIGNALS = [
    re.compile(_UNIT + _MANNER + r"(?:" + _VERB + ")"),                               # 县环保局负责 / 市水利局牵头
    re.compile(r"由" + _UNIT + _MANNER + r"(?:" + _VERB + "|组织|统筹)"),               # 由市住建局牵头
    # 县国土资源局：… (not 受理部门：X, a field; not the addressees' line, with nothing after its colon)
    re.compile(r"^\s*[.．·、]?\s*" + _ITEM + r"(?!\S{0,4}部门\s*[:：])" + _UNIT + r"(?:[，,、][^：:]{1,30})?\s*[:：]\s*\S"),
    re.compile(r"(?:" + ANY_LABEL + r")\s*[:：]\s*" + _UNIT),                       # 责任单位：县环保局
]
_VERB_FIRST = re.compile(r"^\s*" + _ITEM + r"(?:" + _VERB + ")")           # 负责…（单位在前一句）
_SIGNALS.append(_VERB_FIRST)
# 县交通局要… / 各乡镇依法… / …等部门共同做好: a body as the subject of what it must do — a duty in the
# body of a plan, an exhortation under 保障措施 / 组织领导 (not looked for there)
# (县专班办公室每月对各乡镇进度排名通报 / X定期…: how often the body does it, the trial's unread second subject)
_SUBJECT = re.compile(_UNIT + r"(?:要|应当|须|必须|依法|共同|(?:按照?|依照?|根据)(?:各自)?职责|每[月周季年日天]|定期)")
# 县防火办公室接到报告后，要立即… / 县林技中心在接到报告后，30分钟内…: a time clause between the body that
# opens the sentence and what it does (the body a real office's name, not 工业园内的工业废水…经预处)
_SUBJECT_THEN_TIME = re.compile(r"(?:^|(?<=[。；;]))\s*" + _UNIT + r"在?[^，,。；;]{1,14}(?:后|时)[，,]")
# 经营者应当… / 各村要… / 任何单位和个人不得… / 各级政府要…: a body of any kind (a holder of a licence, a kind of
# office, the places of a level) as the subject of what it must do, at a sentence's or a clause's start.  Not
# an office the importer can hand a task to, but a duty a clerk may want in the list: its paragraph is named
# in 导入核对 so that none of it is dropped without a word (the forms above named 242 of the 636 tasks the opened
# parts miss; with this one 292, for 51 more lines in 888 documents; the clean parts' 19 of 47 unchanged)
_BODY = (r"(?:政府|部门|局|厅|委|委员会|办|办公室|中心|公司|集团|街道|管委会|院|队|站|所|分局|部|处|科|社区|村|居|镇|乡|"
         r"指挥部|单位|机构|组织|企业|学校|医院|协会|小组|专班|工委|[\u4e00-\u9fff]{0,6}者|人)")
_MUST = r"(?:要|应当|应|须|必须|负责|牵头|配合|协助|依法|共同|不得|严禁|每[年月季周]|定期|及时|切实|积极|全力|认真|按照|按|在[^，,。]{1,12}(?:后|前|中|时)[，,])"
_ANY_SUBJECT = re.compile(r"(?:^|(?<=[。；;，,：:]))\s*" + _ITEM + r"(?P<unit>[\u4e00-\u9fff（）()、]{1,24}?" + _BODY
                          + r")(?:和|及|、)?" + _MUST)
# 各有关部门要… / 各级各部门要… / 有关单位和个人应… / 各责任单位要…: every office or everyone, an exhortation (the
# plans read whole have them in their 工作要求), not a duty of a kind of body
_ONE_OF_ALL = (r"(?:各|有关|相关|任何|其他|其它|全体|所有)*(?:[省市县区乡镇]?级|地)*"
               # 各创建责任单位 / 各项目牵头单位: the role all of them have in the work
               r"(?:[\u4e00-\u9fff]{0,4}?(?:有关|相关|责任|成员|牵头|职能|主办|承办|参与))?"
               r"(?:(?:各|有关|相关)?(?:部门|单位|政府|领导|地区|组织))+")
_EVERYONE = re.compile(_ONE_OF_ALL + r"(?:(?:和|及|、)(?:" + _ONE_OF_ALL + r"|个人))*")
# 经县委、县政府及相关部门按照… / 要求县级部门牵头… / 对在…中做出贡献的集体和个人应…: words before the body
_NOT_SUBJECT = re.compile(r"经|据|根据|依据|要求|请|由于|鉴于|" + PREPOSITION_START_RE.pattern.lstrip("^") + "|"
                          + WORK_START_RE.pattern)
# brackets that hold units and roles (（市环保局牵头，…配合）〔主要责任单位：…〕) and label: value fields
_INNER = r"(?:[^（()）〔〕【】\[\]]|[（(][^（()）]*[）)])"      # one level of brackets inside: 人民政府(管委会)
_ROLE_BRACKET = re.compile(r"[（(〔【\[]" + _INNER + r"*?(?:" + _VERB + r"|单位|部门)" + _INNER + r"*[）)〕】\]]")
_FIELD = re.compile(r"(?:" + ANY_LABEL + r")\s*[:：][^。；;]*")
_NOT_WORD = re.compile(r"[\W_\d]+")
_PIECE = 4
WHY_TAIL = "请对照原文核对，漏了的在「任务清单」中补录"   # how the CLI knows these lines
_MIN_LEFT = 8            # characters of its own words a duty sentence must have to be worth a line


def canon_words(text: str) -> str:
    return _NOT_WORD.sub("", text or "")


def pieces(text: str) -> set[str]:
    c = canon_words(text)
    return {c[i:i + _PIECE] for i in range(len(c) - _PIECE + 1)}


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph, not cut inside a bracket (（X牵头；Y配合。）stays with its task)."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        depth = max(0, depth + (ch in "（(〔【[") - (ch in "）)〕】]"))
        if depth == 0 and ch in "。；;！!？?":
            out.append(text[start:i + 1])
            start = i + 1
    return out + [text[start:]] if text[start:].strip() else out


def _heading(text: str) -> bool:
    """一、加快调整能源结构（省发改委总牵头）: a section's title, whose units lead what is under it."""
    return level_of(text) in (1, 2) and len(canon_words(_ROLE_BRACKET.sub("", text))) <= 30 and "。" not in text.rstrip("。") \
        and not _VERB_FIRST.match(text)      # (二)负责发放…: a duty, not a title


# a cut where a word was taken out: 督促企业|落实|主体责任 must not make the piece 企业主体
_CUT = "|"


def own_words(sentence: str, units: list[str]) -> str:
    """The sentence without its brackets of units, its fields, unit names and role verbs."""
    s = canon_words(_FIELD.sub("", _ROLE_BRACKET.sub("", sentence)))
    for name in units:
        s = s.replace(name, _CUT)
    return re.sub(_VERB + r"|负责|由", _CUT, s)


def covered_share(words: str, covered: set[str]) -> tuple[int, int]:
    """(pieces of the words found in ``covered``, pieces in all); a cut word is not bridged."""
    bits = [w[i:i + _PIECE] for w in words.split(_CUT) for i in range(len(w) - _PIECE + 1)]
    return sum(b in covered for b in bits), len(bits)


def uncovered(words: str, covered: set[str]) -> bool:
    """Worth a line: enough words of its own, most of them in no task, heading or review line."""
    if len(words.replace(_CUT, "")) < _MIN_LEFT:
        return False
    found, total = covered_share(words, covered)
    return bool(total) and found < total / 2


def task_pieces(tasks: list[PlanTask]) -> set[str]:
    """The 4-character pieces of every imported task's words (its text, category, deadline, continuations)."""
    out: set[str] = set()
    for t in tasks:
        for text in [t.content, t.category, t.deadline] + [c for c, _d, _s in t.continuation]:
            out |= pieces(text)
    return out


def unit_words(tasks: list[PlanTask]) -> list[str]:
    """The imported units' names as words, longest first (taken out of a sentence before its pieces are compared)."""
    return sorted({canon_words(u) for t in tasks for u in t.lead + t.responsible + t.cooperating
                   if len(canon_words(u)) >= 2}, key=len, reverse=True)


# 县级部门牵头实施 / 各有关部门负责: an instruction to every office, not a duty of one
_GENERIC_UNIT = re.compile(r"(?:(?:[省市州县区乡镇]级|有关|相关|各|职能|其他|成员|责任)部门|各级[^、，,]{0,6}(?:政府|部门|单位))$")
_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t　]+(?=[\u4e00-\u9fff])")


def _generic(hit: re.Match) -> bool:
    return bool(_GENERIC_UNIT.search(hit.groupdict().get("unit") or ""))


# where a unit's own name begins inside the words a signal took before its verb (…通报一次县财政局负责)
_NAME_START = re.compile(r"(?:各|[省市州县区])[^省市州县区各]*$")


def _shown_from(hit: re.Match) -> int:
    """Where the line shown to the clerk starts: at the unit's name, not at the words before it."""
    unit = hit.groupdict().get("unit")
    if not unit:
        return hit.start()
    m = _NAME_START.search(unit)
    return hit.start("unit") + (m.start() if m else 0)


def _unit_name(hit: re.Match) -> str:
    unit = hit.group("unit")
    return unit[_shown_from(hit) - hit.start("unit"):]


def _bare(name: str) -> str:
    return re.sub(r"^[省市州县区]", "", name)


def _unit_lost(hit: re.Match, known: list[str]) -> bool:
    """The duty's own unit (the X of X负责 / 由X / X：) is in no imported task: its text may sit
    inside a task that the reading gave to another unit."""
    unit = hit.groupdict().get("unit")
    if not unit:
        return False
    forms = {canon_words(unit), canon_words(expand(unit))}
    return not any(k in u or _bare(u) in k or _short_for(k, u) for k in known for u in forms)


def _short_for(short: str, name: str) -> bool:
    """市金融局 for 市金融工作局, 市发改委 for 市发展和改革委员会: a short form keeps the name's characters
    in order, its first and its last."""
    if len(short) < 3 or short[-1] != name[-1:] or short[0] not in name[:len(name) - len(short) + 1]:
        return False
    rest = iter(name)
    return all(ch in rest for ch in short)


def unimported_duties(paras, tasks: list[PlanTask], review: list, from_table: bool = False) -> list[tuple[str, str, str]]:
    """(where, text, why) for each paragraph with duty sentences that no task, heading or review
    line holds, or whose unit no task has.  from_table: the plan's list is its table (seed 003), whose
    body says the table's tasks in prose, in other words (what a kind of body must do is not looked for)."""
    covered = task_pieces(tasks)
    for _w, text, _why in review:
        covered |= pieces(text)
    units = unit_words(tasks)
    full = units + [canon_words(expand(u)) for u in units]      # 市住建局 is 市住房和城乡建设局 written short
    known = full + [b for b in (_bare(u) for u in full) if len(b) >= 2]
    named = {w for w, _t, _why in review}            # a paragraph 导入核对 already speaks of
    out = []
    section = ""
    for p in paras:
        if level_of(p.text) == 1:
            section = p.text
        if p.where in named or is_page_furniture(p.text) or _heading(p.text):
            continue
        support = bool(SUPPORT_SECTION_RE.search(section[:16]))
        signals = _SIGNALS + ([] if support else [_SUBJECT, _SUBJECT_THEN_TIME])
        left, lost_units, asked = [], [], []
        for s in sentences(p.text):
            s = _GAP.sub("", s)          # 县财政局 负责…: a cell's gap is not a break in the sentence
            # every duty the sentence gives (县水务局牵头…，县财政局配合…，县城管局协助…), not only its first
            hits = [m for rx in signals for m in rx.finditer(s) if not _generic(m)
                    and (rx is not _SUBJECT_THEN_TIME or looks_like_unit(m.group("unit")))]
            if not hits:
                kind = None if support or from_table else _ANY_SUBJECT.search(s)
                if kind and not _EVERYONE.fullmatch(canon_words(kind.group("unit"))) \
                        and not _NOT_SUBJECT.match(kind.group("unit")) \
                        and uncovered(own_words(s, units), covered):
                    asked.append(s[kind.start("unit"):].strip())
                continue
            lost = [m for m in hits if _unit_lost(m, known)]
            if uncovered(own_words(s, units), covered):
                left.append(s[min(_shown_from(m) for m in lost or hits):].strip())
            elif lost:
                lost_units.append((s[_shown_from(lost[0]):].strip(), _unit_name(lost[0])))
        if left:
            many = f"有{len(left)}处" if len(left) > 1 else ""
            out.append((p.where, left[0][:60],
                        f"这段文字{many}写了单位分工{'（原文列是第一处）' if many else ''}，没有导入为任务：{WHY_TAIL}"))
        elif lost_units:
            shown, unit = lost_units[0]
            out.append((p.where, shown[:60],
                        f"这段文字写了「{unit}」的分工，文字已导入，但导入的任务里没有这个单位（可能读成了别的单位）："
                        f"{WHY_TAIL}"))
        elif asked:
            many = f"有{len(asked)}处" if len(asked) > 1 else ""
            out.append((p.where, asked[0][:60],
                        f"这段文字{many}写了某类单位应做的事{'（原文列是第一处）' if many else ''}，没有导入为任务（没有写具体单位，"
                        f"或版式未识别）：{WHY_TAIL}"))
    return out


def leftover_note(review: list) -> str | None:
    """The one sentence the command line, the add-in and the web page say when duties were left
    unread (the lines themselves are in 导入核对)."""
    left = [w for w, _t, why in review if why.endswith(WHY_TAIL)]
    if not left:
        return None
    shown = "、".join(left[:5]) + ("等" if len(left) > 5 else "")
    return (f"有{len(left)}段文字写了单位分工，却没有导入为任务或没有读出单位（{shown}），"
            "请在「导入核对」中逐段对照原文，漏了的任务手工补录")
