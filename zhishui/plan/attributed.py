"""Body paragraphs whose tasks carry their units in an attribution (bracket or labelled run):
the tasks cut at each attribution, and what one attribution passes on to those after it
(以下均需…落实, 列第一位者为牵头部门，下同, field lines above numbered measures)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .attributions import (Attribution, find_attributions, first_unit_leads, looks_like_unit_list,
                           trailing_units, unit_run)
from .dates import find_deadlines, title_span
from .document import Para
from .model import ITEM_RE as ITEM_START_RE, PlanTask, level_of, strip_item
from ..rolewords import label_field
from .itemmark import ITEM_DOT

INLINE_MARK_RE = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")
# 反馈问题：… / 主体责任单位：… / 整改措施：: the fields of a rectification notice, one a line
# 交办日期:2024-06-05 / 交办类别:…: a form's field that says something about the matter, not the matter
# itself (工作内容:… / 整改任务:… is what the units after it do)
FORM_FIELD_RE = re.compile(r"^\s*(?P<label>[\u4e00-\u9fff]{2,10})\s*[:：]")
MATTER_WORDS_RE = re.compile(r"内容|任务|措施|事项|项目|工作|要求|问题|目标")
# 整改事项：…: the matter of a rectification notice, as 整改任务：… / 反馈问题：…
FIELD_LINE_RE = re.compile(r"^\s*[\u4e00-\u9fff]{0,8}(?:单位|部门|目标|措施|问题|情况|领导|任务|事项|时限|责任人)\s*[:：]")


@dataclass
class BodyState:
    headings: dict = field(default_factory=dict)     # level -> heading text
    default_responsible: list[str] = field(default_factory=list)
    default_text: str = ""
    block: Attribution | None = None       # field lines naming units, for the numbered measures below
    block_used: bool = False
    block_owner: Para | None = None        # the field line before the unit lines (反馈问题：… / 重点工作：…)
    block_labels: list = field(default_factory=list)   # 主体责任单位（第4行）… for the review note
    block_level: int = 0                   # the level of the heading the field lines sit under (0: none)
    first_leads: str = ""                  # 列第一位者为牵头部门，下同: the words, for the tasks after it
    list_owner: object = None              # the Duty whose unit the numbered items below carry out (dutylists)
    list_heading: str = ""                 # X主要职责: when a line of its own says whose the items are
    unit_line: list = field(default_factory=list)    # 县住建局 on a line of its own: whose the paragraphs below are

    def category(self, below: int) -> str:
        for lvl in range(below - 1, 0, -1):
            if self.headings.get(lvl):
                return self.headings[lvl]
        return ""

    def section(self) -> str:
        return self.headings.get(1, "")


def apply_attribution(pt: PlanTask, a: Attribution, state: BodyState) -> None:
    if a.first_leads_onwards:
        state.first_leads = a.first_leads_words
    elif state.first_leads and not a.first_leads and not a.lead and a.responsible and not a.default_responsible:
        first_unit_leads(a, state.first_leads, a.bare)
    pt.lead, pt.responsible, pt.cooperating = list(a.lead), list(a.responsible), list(a.cooperating)
    pt.persons = list(a.persons)
    if a.deadline:
        pt.deadline = a.deadline
    if a.note:
        pt.review.append(a.note)
    if a.bare:
        pt.review.append(f"括号「{a.text}」只写了单位，没写牵头/配合，已按责任单位处理")
    if state.default_responsible and not a.default_responsible:
        added = [u for u in state.default_responsible if u not in pt.responsible + pt.lead]
        if added:
            pt.responsible.extend(added)
            pt.review.append(f"按前文「{state.default_text}」补入责任单位：{'、'.join(added)}")
    if a.default_responsible:
        state.default_responsible = list(a.default_responsible)
        state.default_text = a.default_words


def deadline_of(pt: PlanTask) -> None:
    if not pt.deadline:
        found = find_deadlines(pt.content)
        span = title_span(pt.content)
        pt.deadline = "；".join(([span] if span and span not in found else []) + found)


RECORD_START_RE = re.compile(r"(?<=[。；;\s])\s*(\d{1,3})\s*" + ITEM_DOT)


def _record_start(seg: str) -> tuple[int, str] | None:
    """Where the last numbered record in a run-on line starts after a sentence end, and its number."""
    found = list(RECORD_START_RE.finditer(seg))
    if not found:
        return None
    m = found[-1]
    return m.start(1), m.group(1)


def attributed_tasks(para: Para, text: str, atts: list[Attribution], num: str | None, category: str,
                      state: BodyState, review: list) -> list[PlanTask]:
    out = []
    pos = 0
    for a in atts:
        first = pos == 0
        seg = text[pos:a.start]
        pos = a.end
        own = _record_start(seg)
        if own is not None:
            # 实际完成情况:…。 2.新增安装…。 牵头领导:…: records run on in one line; what stands before the
            # next record's number is the rest of the record before (or the preamble), not this task
            k, num = own
            head = seg[:k].strip(" ；;，,。")
            if (INLINE_MARK_RE.match(head) or first and re.fullmatch(r"[\u4e00-\u9fff，,、“”]+", head)) \
                    and len(head) <= 40 and not re.search(r"[。；;.]", head):
                category = INLINE_MARK_RE.sub("", head, count=1).strip()     # (五)加快推进海绵城市建设行动 22.…
            elif head:
                review.append((para.where, seg[:k].strip()[:60], "记录中分工以外的内容（如完成情况）或前言，未作为任务导入"))
            seg = seg[k:]
        _n, seg_text = strip_item(seg.strip(" ；;，,。"))
        seg_text = INLINE_MARK_RE.sub("", seg_text, count=1) if INLINE_MARK_RE.match(seg_text) else seg_text
        if not seg_text.strip(" 。；;，,"):
            if out:          # a second bracket for the same task
                merge_attribution(out[-1], a)
            elif a.default_responsible:
                apply_attribution(PlanTask("", "", ""), a, state)
            continue
        content = seg_text.strip()
        if a.bare and content.endswith("》"):
            content += a.text      # 《监狱法》（监狱管理局）: the list's line as written, the law and who teaches it
        pt = PlanTask(num or "", category, content, source=para.where)
        apply_attribution(pt, a, state)
        deadline_of(pt)
        out.append(pt)
    tail = text[pos:].strip(" ；;，,。")
    if tail:
        for n, piece in enumerate(_split_marks(tail)):
            if n == 0 and out and (when := _time_after_bracket(piece)):
                # …（牵头单位：县水利局；责任单位：各乡镇）2025年底前。 / …）每季度通报。: the item's own time limit,
                # written after its bracket (it is the task's, before any frequency inside its text)
                out[-1].content = out[-1].content.rstrip("；;，, ") + "。" + piece.strip()
                out[-1].deadline = "；".join(when)
                continue
            got = trailing_units(piece)
            if got and len(got[1]) == 1 and piece[got[0]:got[0] + 1].isspace():
                # …完成进度相对较慢的为开发区和市本级。 六安市民生办: one name set apart by a space at the
                # end is the signature a copy ran onto the last line, not the unit of the sentence
                review.append((para.where, piece.strip()[:60], f"段末的「{got[1][0]}」像是落款，未作为任务导入"))
                continue
            if got and len(piece[:got[0]].strip()) > 6:
                pt = PlanTask(num or "", category, piece[:got[0]].strip(), source=para.where,
                              responsible=got[1])
                pt.review.append("单位写在任务文字之后，没有标明牵头/责任/配合，已按责任单位处理")
                deadline_of(pt)
                out.append(pt)
            elif piece.strip(" 。；;，,"):
                review.append((para.where, piece, "这段文字在分工括号之后，没有写明责任单位，未作为任务导入"))
    return out


def _time_after_bracket(piece: str) -> list[str]:
    """2025年3月底前完成。 / 汛期前完成一轮专项整治。 / 长期坚持。: a short piece that opens with its time and names
    no unit; the time words, or [] when the piece is something else."""
    words = piece.strip(" 。；;，,")
    found = find_deadlines(words) if 2 <= len(words) <= 30 else []
    if not found or words.find(found[0]) > 1 or unit_run(words, 0) or trailing_units(words):
        return []
    return found


def _split_marks(text: str) -> list[str]:
    cuts = [m.start() for m in INLINE_MARK_RE.finditer(text) if m.start() > 0]
    pieces, last = [], 0
    for c in cuts:
        pieces.append(text[last:c])
        last = c
    pieces.append(text[last:])
    return [p for p in pieces if p.strip()]


def merge_attribution(pt: PlanTask, a: Attribution) -> None:
    for f in ("lead", "responsible", "cooperating"):
        for u in getattr(a, f):
            if u not in getattr(pt, f):
                getattr(pt, f).append(u)
    if a.deadline and not pt.deadline:
        pt.deadline = a.deadline


def lone_attribution(text: str) -> Attribution | None:
    """The paragraph's attribution when the paragraph is nothing else."""
    t = text.strip()
    atts = find_attributions(t)
    if atts and atts[0].start == 0 and atts[-1].end >= len(t.rstrip("。；; ")):
        return atts[0] if len(atts) == 1 else None
    return None


def person_value(text: str) -> str | None:
    """牵头负责领导：张三。 — a line that is only a person field: its value (张三), else None."""
    m = re.match(r"^\s*([\u4e00-\u9fff]{2,8})\s*[:：]\s*(?P<v>[^。；;:：]{1,30})[。；;]?\s*$", text)
    return m.group("v").strip() if m and label_field(m.group(1)) == "person" else None


def field_line(text: str) -> bool:
    return bool(FIELD_LINE_RE.match(text))


def join_lone_attributions(paras: list[Para]) -> list[Para]:
    """A paragraph that is only an attribution bracket belongs to the paragraph before it —
    unless both are field lines of a notice (反馈问题：… / 主体责任单位：…): then the units
    head the numbered measures below (see _body_tasks)."""
    out: list[Para] = []
    paras = _label_then_value(paras)
    for i, p in enumerate(paras):
        t = p.text.strip()
        atts = find_attributions(t)
        if not atts and out and field_line(out[-1].text) and i + 1 < len(paras) and field_line(paras[i + 1].text) \
                and looks_like_unit_list(t):
            # 主办单位：中共xx市委宣传部 / xx市文化体育广电新闻出版局 / 承办单位：xx市文化馆: a name on a line of its
            # own between two field lines is the rest of the first field's value, not a task
            out[-1] = Para(out[-1].text.rstrip("。；; ") + "、" + t, out[-1].where)
            continue
        # (竞赛网址:任务单位:院团委: a field left empty before the unit's label does not make it more than the unit's
        # line: the item above is the task, h6503)
        lone = bool(atts) and (atts[0].start == 0 or bool(EMPTY_FIELD_RE.fullmatch(t[:atts[0].start].strip()))) \
            and atts[-1].end >= len(t.rstrip("。；; "))
        if lone and len(out) > 1 and person_value(out[-1].text) is not None and ITEM_START_RE.match(out[-2].text) \
                and not field_line(out[-2].text):
            # 1. 财政收入增长8%。 / 牵头负责领导：X。 / 牵头责任单位：Y: the item's own field lines below it,
            # the person's first; they are the item's, not the units of the items below
            out[-2:] = [Para(out[-2].text + out[-1].text.strip().rstrip("。；;") + "；", out[-2].where)]
        if out and lone \
                and not (field_line(t) and (field_line(out[-1].text) or _about_field(out[-1].text)
                                            or _names_fields(out[-1].text))) \
                or out and _open_item(out[-1].text, t):
            _join_sub_items(out)
            out[-1] = Para(out[-1].text + t, out[-1].where)
            continue
        out.append(p)
    return out


EMPTY_FIELD_RE = re.compile(r"[^，,。；;:：\s]{1,10}[:：]")
MATTER_LABEL_RE = re.compile(r"(?:整改|反馈|存在|督办|交办)?(?:任务|问题|目标|事项)")


def _label_then_value(paras: list[Para]) -> list[Para]:
    """二、 整改责任单位 / 和布克赛尔县住房和城乡建设局: a heading that is only a unit label (or the
    matter's label: 整改任务, 反馈问题, 整改目标), with its value on the next line, is read as the
    field line 整改责任单位：… (a form printed a field name a line)."""
    out: list[Para] = []
    i = 0
    # 一、整改任务 / … / 三、整改措施 / 1、…: where numbered measures follow, the matter stays a section
    # (its text the problem found, the measures the tasks)
    measures = any(level_of(p.text) == 1 and "措施" in p.text for p in paras)
    while i < len(paras):
        label = strip_item(paras[i].text)[1].strip(" ：:")
        nxt = paras[i + 1].text.strip() if i + 1 < len(paras) else ""
        # 三、验收单位 / 市生态环境局: a unit field of no role in the work (验收/监督/审核单位) is a field too
        unit_label = label_field(label) in ("lead", "responsible", "cooperating") \
            or bool(re.fullmatch(r"[\u4e00-\u9fff]{1,6}(?:单位|部门)", label))
        # 五、整改时限 / 2025年12月底前: a time label whose value is a time
        time_label = label_field(label) == "deadline" and bool(find_deadlines(nxt)) and len(nxt) <= 40
        # a matter label only inside a form: a field label (or another matter label: 一、整改任务: /
        # … / 二、整改目标:) follows its value, or a field line precedes it
        after = strip_item(paras[i + 2].text)[1].strip(" ：:") if i + 2 < len(paras) else ""
        in_form = label_field(after) is not None or not measures and bool(MATTER_LABEL_RE.fullmatch(after)) \
            or bool(out) and field_line(out[-1].text)
        if unit_label and looks_like_unit_list(nxt.rstrip("。")) or time_label or not unit_label and nxt and in_form \
                and MATTER_LABEL_RE.fullmatch(label) and not ITEM_START_RE.match(nxt) and not field_line(nxt):
            numbered = level_of(paras[i].text) is not None
            out.append(Para(f"{label}：{paras[i + 1].text.strip()}", paras[i].where,
                            heading=paras[i].text.strip().rstrip("：:") if numbered else ""))
            i += 2
            continue
        out.append(paras[i])
        i += 1
    return out


def _join_sub_items(out: list[Para]) -> None:
    """1. 市科技馆 / (1)… / (2)… / 问题整改责任单位:X: a unit line after the sub-items (1)(2) of an
    item that names no unit is the item's, not its last sub-item's: the item and its sub-items
    become one paragraph (the item's title, then the sub-items)."""
    k = len(out)
    while k and level_of(out[k - 1].text) == 4 and not find_attributions(out[k - 1].text):
        k -= 1
    if k == len(out) or not k or level_of(out[k - 1].text) not in (1, 2, 3) or find_attributions(out[k - 1].text):
        return
    head = out[k - 1].text.rstrip()
    body = "".join(x.text.strip() for x in out[k:])
    out[k - 1:] = [Para(head + ("" if head.endswith(("：", ":", "。")) else "：") + body, out[k - 1].where)]


def _names_fields(text: str) -> bool:
    """三、主办、承办单位 / 主办单位：… / 承办单位：…: a heading that only names the unit fields below it."""
    return level_of(text) is not None and bool(re.fullmatch(r"[\u4e00-\u9fff、和及]{0,12}(?:单位|部门)",
                                                               strip_item(text)[1].strip(" ：:")))


def _about_field(text: str) -> bool:
    m = FORM_FIELD_RE.match(text)
    return bool(m) and not MATTER_WORDS_RE.search(m.group("label"))


def _open_item(prev: str, t: str) -> bool:
    """…协办单位:…) 23.编制年度海绵城市建设计划.…制定我区年度海绵城市建设计划; / 全面落实…(牵头单位:…):
    an item begun after the last attribution of a paragraph and left open (no 。 at its end) goes on
    in the next paragraph when that one starts no item of its own and names units before any item."""
    atts = find_attributions(prev)
    tail = prev[atts[-1].end:].strip() if atts else ""
    if not tail or not re.match(r"\d{1,3}\s*" + ITEM_DOT, tail) or tail[-1] in "。.":
        return False
    nxt = find_attributions(t)
    return strip_item(t)[0] is None and not ITEM_START_RE.match(t) and bool(nxt) \
        and _record_start(t[:nxt[0].start]) is None
