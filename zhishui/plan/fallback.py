"""The last resort, for a document no reader claimed: its numbered items as tasks.

When no table, attribution, field line or unit paragraph reader found a task, the
document is still a plan: its items (一、 (一) 1. (1) ① 第X条) are its tasks.  The
items with nothing numbered under them are the tasks, the items above them their
categories; sections about aims, principles or safeguards are left out.  Units are
found by their shape (…局/委/办/公司/政府/街道…) where a clause names them (a bracket
or a labelled field of the role lexicon, or a unit opening a clause, after 由 or
会同), their role from the nearest role word (牵头 / 负责 / 配合…).  Every task read
this way says so for the review; an item with no unit says that too.
"""
from __future__ import annotations

import re

from .attributions import EACH_PLACE_RE, find_attributions, looks_like_unit_list, unit_names, unit_run
from .document import Para
from .model import PlanTask
from .prose import prose_duties
from .subjects import ROLE_WORD_RE, sentence_subject
from ..rolewords import MANNERS, VERBS
from .itemmark import ITEM_DOT

# 一、 / (一) / 1. 1、 / (1) / ① / 第一条: the level of each kind of number
MARKS = [
    (1, re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]")),
    (1, re.compile(r"^\s*第[一二三四五六七八九十百\d]{1,4}条")),
    (2, re.compile(r"^\s*[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]")),
    (3, re.compile(r"^\s*\d{1,3}\s*" + ITEM_DOT)),
    (4, re.compile(r"^\s*[（(]\s*\d{1,3}\s*[）)]")),
    (5, re.compile(r"^\s*[①-⑳]")),
]
# a run-on paragraph: an item number after the end of a sentence starts a new item
# (a heading run on after a space: 分解 (一)中瑞… 46.按照…)
INNER_MARK_RE = re.compile(r"(?:(?<=[。；;])\s*|(?<=[\u4e00-\u9fff）)])[ \t]+)(?=(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|\d{1,3}\s*" + ITEM_DOT + r"|"
                           r"[①-⑳]|第[一二三四五六七八九十百\d]{1,4}条|[一二三四五六七八九十]{1,3}\s*、))")
NOT_TASKS_RE = re.compile(r"总体要求|指导思想|基本原则|工作目标|主要目标|保障措施|组织领导|工作要求|实施步骤|附则|考核|"
                          r"(?:整改|完成|进展)情况|适用范围|目的|依据")
# (一)加强组织领导。各办事处、各村要…: a safeguard may still give named bodies work (aims, principles, scope never do)
SAFEGUARD_RE = re.compile(r"保障措施|组织领导|工作要求")
# role words right after a unit (the lexicon's, 要/应当 too for the responsible: 区住建局要…)
_MANNER = "(?:等部门|等单位)?(?:" + "|".join(MANNERS + ("积极", "分别")) + ")?"
ROLE_AFTER = [(role, re.compile("^" + _MANNER + "(?:" + "|".join(VERBS[role] + (("主办", "实施", "承办", "要", "应当?")
                                                                             if role == "responsible" else ())) + ")"))
              for role in VERBS]
CO_BEFORE_RE = re.compile(r"(?:会同|汇同|协同|配合|联合)$")
NOTE = "未识别出这份文件的版式（没有分工表格、分工括号或字段行），这项任务是按编号条目读出的，单位按名称形状和最近的分工用语判断，请对照原文核对"


def _level(text: str) -> int | None:
    return next((lvl for lvl, rx in MARKS if rx.match(text)), None)


def _strip_mark(text: str) -> str:
    for _lvl, rx in MARKS:
        m = rx.match(text)
        if m:
            return text[m.end():].strip()
    return text.strip()


def _items(paras: list[Para]) -> list[tuple[int | None, str, str, str]]:
    """(level, text, where, owner) of every numbered item; an unnumbered paragraph that names its own units
    is an item below the numbered one above it (level 9), any other goes on the item above.  ``owner``: a
    unit's name alone before the items (地方人民政府 1、…。 2、…。 地方生态环境主管部门 1、…): whose items they are."""
    out: list[tuple[int | None, str, str, str]] = []
    numbered = any(_level(p.text.strip()) for p in paras)
    under_item = False
    owner = ""
    pieces = [(x.strip(), p) for p in paras for part in INNER_MARK_RE.split(p.text.strip()) for x in _consecutive(part)
              if x.strip()]
    for k, (piece, p) in enumerate(pieces):
        lvl = _level(piece)
        # (only where the numbering starts again at 1 after the name: the items of that unit)
        first_next = k + 1 < len(pieces) and FIRST_ITEM_RE.match(pieces[k + 1][0])
        if lvl is None and first_next and _lone_unit(piece):
            owner = piece
            continue
        titled = TITLE_OWNER_RE.fullmatch(piece) if lvl is None and not out and not owner else None
        if titled and _lone_unit(titled.group("u")):
            owner = titled.group("u")      # 门头沟区园林绿化局生态环境保护责任清单 / 1.负责…: the office's own list
        named = _owner_after(piece) if lvl is not None and first_next else None
        if named:
            piece, next_owner = named
        # a paragraph before the first item (the notice, the preamble) is no task of the plan
        under_item = under_item or not numbered or lvl is not None
        if lvl is None and under_item and any(units_in(piece)):
            out.extend((9, x, p.where, owner) for x in _unit_sentences(piece))
        elif lvl is None and out and out[-1][0] is not None:
            # ((三)组织保障 / 各主办、承办单位应…: a short title with no stop is the item's title, not a line a
            # PDF wrapped (those run the page's width))
            # (二、责任单位 / 区委、区政府 is a field's label and value: left as it was)
            short_title = len(_strip_mark(out[-1][1])) <= 15 and not re.search(r"[。.！!；;：:，,、]\s*$", out[-1][1]) \
                and not re.search(r"(?:单位|部门|人|时限|时间|领导)\s*$", out[-1][1])
            out[-1] = (out[-1][0], out[-1][1] + ("。" if short_title else "") + piece, out[-1][2], out[-1][3])
        else:
            out.append((lvl, piece, p.where, owner))
        if named:
            owner = next_owner
    return out


# 门头沟区园林绿化局生态环境保护责任清单: a list of one office's duties, named in its title
TITLE_OWNER_RE = re.compile(r"(?P<u>[^，,。；;：:\s]{2,24}?(?:局|委员会|委|办公室|办|政府|中心|站|所|队|院|部))"
                            r"[\u4e00-\u9fff]{0,12}?(?:责任清单|职责清单|主要职责|工作职责|职责)")
FIRST_ITEM_RE = re.compile(r"(?:1|一|[（(](?:1|一)[）)])\s*(?:" + ITEM_DOT + r")?(?=[\u4e00-\u9fff])")


def _lone_unit(text: str) -> bool:
    """A unit's name standing alone (地方生态环境主管部门): no sentence, no verb."""
    return len(text) <= 24 and not re.search(r"[，,。；;：:？?！!\s]", text) and looks_like_unit_list(text) \
        and not ROLE_WORD_RE.match(text) and not re.search(r"(?:牵头|责任|配合|协办|参与|主办)(?:单位|部门)", text) \
        and (sub := sentence_subject(text + "负责")) is not None and sub[1] == len(text)


def _owner_after(piece: str) -> tuple[str, str] | None:
    """3、将…纳入…规划。 地方生态环境主管部门: an item whose sentence ends, then the name of the unit whose items come
    next — (the item, the name)."""
    m = re.search(r"[。；;]\s+([^，,。；;：:\s]{2,24})\s*$", piece)
    return (piece[:m.start() + 1], m.group(1)) if m and _lone_unit(m.group(1)) else None


def _consecutive(text: str) -> list[str]:
    """1.…各专班2.规模上…3.…: an item numbered 1. holds the items 2., 3.… written on after it."""
    m = re.match(r"\s*(\d{1,3})\s*" + ITEM_DOT, text)
    if not m:
        return [text]
    out, k, start = [], int(m.group(1)) + 1, 0
    pos = m.end()
    while True:
        nxt = re.compile(rf"(?<![\d.．]){k}\s*{ITEM_DOT}").search(text, pos)
        if not nxt:
            break
        out.append(text[start:nxt.start()])
        start, pos, k = nxt.start(), nxt.end(), k + 1
    out.append(text[start:])
    return out


def _unit_sentences(text: str) -> list[str]:
    """即县水务局牵头，组织…。县环保局牵头，督促…。: a paragraph of sentences each opened by its own
    unit holds one task a sentence; any other paragraph is one task."""
    sentences = [x for x in re.split(r"(?<=[。；;])", text) if x.strip()]
    opened = [x for x in sentences if _opening_unit(x)]
    if len(opened) < 2:
        return [text]
    out: list[str] = []
    ahead = ""          # 4月1日至30日为整治处理阶段。各县市区对…: the time of the sentence after it
    for i, x in enumerate(sentences):
        if i + 1 < len(sentences) and x not in opened and sentences[i + 1] in opened and len(x.strip()) <= 32 \
                and TIME_WORD_RE.search(x):
            ahead += x
        elif x in opened or not out:
            out.append(ahead + x)
            ahead = ""
        else:
            out[-1] += x
    if ahead:
        out[-1] += ahead
    return out


TIME_WORD_RE = re.compile(r"\d{1,2}月|\d{4}年|[年月]底|阶段")


def _opening_unit(sentence: str) -> bool:
    """The sentence names its own unit: opening it (县水务局牵头，…) or after 由 (…的管网，由市水务资产公司负责…)."""
    s = re.sub(r"^(?:即|同时|其中|另外)[，,]?", "", sentence.strip())
    for pos in [0] + [m.end() for m in re.finditer("由", s)]:
        run = unit_run(s, pos)
        if run and not run[0].startswith("由") and any(rx.match(s[run[1]:]) for _r, rx in ROLE_AFTER):
            return True
    # 镇政府成立…。各村委会要成立…。各指挥机构在汛期要…: a body opening the sentence as its subject (a named one or
    # the places of a level; not 各单位 / 有关部门 at large)
    sub = sentence_subject(s)
    return bool(sub) and not any(GENERIC_BODIES_RE.fullmatch(u) for u in sub[0])


# 各单位 / 有关部门 / 各地: the addressees at large, whose sentences are any item's words
GENERIC_BODIES_RE = re.compile(r"(?:各|有关|相关|其他|其它|所有|全体)(?:级|有关|相关|责任|成员)?(?:单位|部门|地|地区|方面|镇街)")


RUN_IN_TITLE_RE = re.compile(r"([^。；;：:]{2,30})。")
# 1、区住建局。排查…: a unit written as the heading of its item
RUN_IN_RE = re.compile(r"^(?P<u>[^。：:，,；;]{2,30})[。：:](?P<rest>.+)$")


def units_in(text: str) -> tuple[list[str], list[str], list[str]]:
    """(lead, responsible, cooperating) named in a task's text: its attributions first, else every
    unit that opens a clause (or follows 由/会同) with the role of the word right after it."""
    roles: dict[str, list[str]] = {"lead": [], "responsible": [], "cooperating": []}
    for a in find_attributions(text):
        for r in roles:
            roles[r].extend(u for u in getattr(a, r) if u not in roles[r])
    if any(roles.values()):
        return roles["lead"], roles["responsible"], roles["cooperating"]
    duties = prose_duties(text)
    if not duties and re.match(r"[^，,；;。]{2,30}。", text):
        # 加强联合执法。…各乡镇农业报务中心要与安全生产办公室密切协作…: after the item's title, read so when all
        # its duties are one body's (several bodies' sentences are split into items of their own, or left to review)
        later = prose_duties(text, True)
        duties = later if len({tuple(d.lead + d.responsible) for d in later}) == 1 else []
    for d in duties:        # 由X牵头督促Y… / X会同Y…: the prose readers' roles
        for r in roles:
            roles[r].extend(u for u in getattr(d, r) if all(u not in v for v in roles.values()))
    if any(roles.values()):
        return roles["lead"], roles["responsible"], roles["cooperating"]
    starts = {0} | {m.end() for m in re.finditer(r"[。；;，,：:]\s*|由|会同|汇同|协同|联合|即(?![时将可日刻])", text)}
    m = RUN_IN_RE.match(text)
    if m and looks_like_unit_list(m.group("u")):
        return [], unit_names(m.group("u")), []
    # 分工：生态环境局，自然资源局 — a label no reader knows, its value a list of units: the role of
    # the label's own role word, else responsible
    field = re.search(r"(?:^|[。；;])\s*(?P<label>[\u4e00-\u9fff]{1,8})[:：](?P<v>[^。；;]+)[。；;]?\s*$", text)
    if field and looks_like_unit_list(field.group("v")):
        role = next((r for r, rx in ROLE_AFTER if rx.search(field.group("label"))), "responsible")
        roles[role].extend(unit_names(field.group("v")))
        return roles["lead"], roles["responsible"], roles["cooperating"]
    for pos in sorted(starts):
        run = unit_run(text, pos)
        if not run or re.match(r"由|即", run[0]) or run[0].startswith("经") and re.match(r"研究|讨论|审定|同意", text[run[1]:]):
            continue        # (经镇河长制办公室研究,现就…通知如下: who decided it, no one's duty, h6602)
        names, end = unit_names(run[0]), run[1]
        role = next((r for r, rx in ROLE_AFTER if rx.match(text[end:])), "responsible")
        if CO_BEFORE_RE.search(text[:pos]):
            role = "cooperating"
        for n in names:
            if all(n not in v for v in roles.values()):
                roles[role].append(n)
    return roles["lead"], roles["responsible"], roles["cooperating"]


def fallback_tasks(paras: list[Para]) -> list[PlanTask]:
    items = _items(paras)
    tasks: list[PlanTask] = []
    heads: dict[int, str] = {}
    for i, (lvl, text, where, owner) in enumerate(items):
        if lvl is None:
            continue
        body = _strip_mark(text)
        nxt = next((x[0] for x in items[i + 1:] if x[0] is not None), None)
        under = [x for x in items[i + 1:i + 3] if x[0] == 9]
        if nxt == 9 and len(under) == 1 and (len(items) == i + 2 or items[i + 2][0] != 9) and not any(units_in(body)):
            # (4)核定水功能区纳污能力。 / 2012年底前，…（X负责）: the item's title heads its one paragraph
            items[i + 1] = (9, text + under[0][1], items[i + 1][2], items[i + 1][3])
            continue
        if nxt is not None and nxt > lvl:          # an item with items under it: their category
            heads[lvl] = re.split(r"[。：:]", body, maxsplit=1)[0][:40]
            for deeper in [k for k in heads if k > lvl]:
                heads.pop(deeper)
            continue
        above = [heads[k] for k in sorted(heads) if k < lvl]
        if any(NOT_TASKS_RE.search(h[:12]) for h in above) or len(body) < 6:
            continue
        support = NOT_TASKS_RE.search(body[:8])
        # (各办事处、各村要…: bodies, the places of a level among them; 各责任单位要…: a role word, no body)
        if support and not (SAFEGUARD_RE.fullmatch(support.group())
                            and any(not ROLE_WORD_RE.match(u) or EACH_PLACE_RE.match(u)
                                    for units in units_in(body) for u in units)):
            continue
        titled = RUN_IN_TITLE_RE.match(body)
        # (二)加大宣传,营造氛围。各乡镇要…: the item's own title is its heading when none is above it
        category = above[-1] if above else titled.group(1) if titled and not units_in(titled.group(1))[1] else ""
        for part in _segments(body):
            lead, resp, coop = units_in(part)
            owned = bool(owner) and not (lead or resp)
            if owned:
                resp = unit_names(owner)        # 地方人民政府 1、对本行政区域…负责: the items of the unit named above them
            pt = PlanTask("", category, part, lead=lead, responsible=resp, cooperating=coop, source=where)
            pt.review.append(NOTE)
            if owned:       # (a unit is never filled in silently)
                pt.review.append(f"这一条没有写单位，按上面单独写的「{owner}」作责任单位，请核对")
            if support:
                # (一)加强组织领导。各办事处、各村要…: a safeguard that gives named bodies work is theirs to report on
                pt.review.append(f"这一条是「{support.group()}」类条目，因写明了单位，作为任务导入，请核对是否列入清单")
            pt._numbered = lvl != 9        # an item of its own, not a paragraph under one
            if not (lead or resp or coop):
                pt.review.append("这一条没有写明（或未能识别）责任单位，请补填")
            tasks.append(pt)
    return tasks


def _segments(body: str) -> list[str]:
    """An item holding several measures, each closed by its own attribution (…。（X牵头）…。（Y负责）)
    or opened by its own unit (由X牵头…。由Y负责…。): one task each."""
    atts = find_attributions(body)
    if len(atts) >= 2:
        cuts = [a.end for a in atts[:-1]]
        cuts = [c + 1 if c < len(body) and body[c] in "。；;" else c for c in cuts]
        parts = [body[a:b] for a, b in zip([0] + cuts, cuts + [len(body)])]
        return [x for x in parts if x.strip(" 。；;")] or [body]
    return _unit_sentences(body)
