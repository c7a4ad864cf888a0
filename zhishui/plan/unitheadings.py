"""A heading that is only a unit's name owns the duties written under it:

- (二)公安部门 / 1.加强… / 2.配合…: its numbered items (a duty list by department);
- (四)工商部门 / 查处…；依法取缔…: the paragraph right below it, one duty per ；-clause (a clause opening
  with 会同 Y names Y as co-operating; a clause opening with 配合 is the unit's own duty);
- (一)各镇(园区)。作为…,要制定…: the item's own text after the name run in as its title;
- 办公室(市创城办) / 主任:… / 成员:… / 主要职责: / 1.… 2.…: a body's block, its name on a line of its own
  above its members, the duties listed under 主要职责.

成员单位 / 有关部门 / 各责任单位 are role words, not a unit: such a heading owns nothing.
"""
from __future__ import annotations

import re

from .attributions import looks_like_unit_list, unit_names, unit_run
from .model import strip_item, title_end
from .prose import Duty, helped_unit, join_included, split_clauses
from ..unitwords import ending_re

# a role word standing for units, not a unit's name
ROLE_WORD_RE = re.compile(r"(?:各|有关|相关|其他|其它|所有|全体)?(?:成员|责任|牵头|配合|协办|主办|参与|相关|有关)?(?:单位|部门)")

# what a unit's name ends with (组织机构 / 工作机构 name no unit: 机构 is not among them)
# a heading that is a unit's name: the offices only (「(二)工业园区」 is a category), a bracket after it
UNIT_END_RE = ending_re(after="(?:[（(][^）)]{1,8}[）)])?")


def heading_unit(heading: str) -> list[str]:
    """The units a heading names when it is nothing but their names, else []."""
    rest = strip_item((heading or "").strip())[1].strip().rstrip("：:。")
    hats = HATS_RE.search(rest)
    if hats and looks_like_unit_list(rest[:hats.start()]) \
            and all(looks_like_unit_list(x) for x in re.split("[、，,]", hats.group(1))):
        # (一)综合办公室(党群工作部、监察室、督查室、财务室): one office wearing several hats, named by its first name
        rest = rest[:hats.start()]
    if not 2 <= len(rest) <= 24 or re.search(r"[，,。；;：:\s]", rest) or ROLE_WORD_RE.fullmatch(rest) \
            or not UNIT_END_RE.search(rest) or ITS_UNITS_RE.search(rest):
        return []
    return unit_names(rest) if looks_like_unit_list(rest) else []


# the other names one office carries, listed in a bracket after its own: (党群工作部、监察室、督查室)
HATS_RE = re.compile(r"[（(]([^（）()]{2,12}(?:[、，,][^（）()、，,]{2,12})+)[）)]$")


# 一、重点普法内容及责任部门: what the items are and whose they are (each item names its own), no unit's name
ITS_UNITS_RE = re.compile(r"[及和与](?:其)?(?:责任|牵头|配合|相关|有关)(?:部门|单位)$")


def owned_paragraph(owner: list[str], text: str) -> list[Duty]:
    """The duties of the paragraph right below a unit's name: one per ；-clause."""
    out: list[Duty] = []
    for clause in join_included(split_clauses(text.strip())):
        clause = clause.strip().rstrip("；;。")
        if not clause:
            continue
        co: list[str] = []
        if clause.startswith(("会同", "汇同")):
            # 会同有关部门,对…: the co-units end at the verb or at the comma
            run = unit_run(clause, 2)
            named = run[0] if run else re.split(r"[，,]", clause[2:], maxsplit=1)[0]
            co = unit_names(named) if looks_like_unit_list(named) else []
        helped = helped_unit(clause, 0)
        if helped:
            # 配合县生态环境局做好…: the unit helped carries the duty out, the owner works with it
            out.append(Duty(clause, responsible=unit_names(helped[0]), cooperating=list(owner)))
            continue
        if clause.startswith("牵头"):
            out.append(Duty(clause, lead=list(owner), cooperating=co))
            continue
        out.append(Duty(clause, responsible=list(owner), cooperating=co))
    return out


def unit_titled(rest: str) -> Duty | None:
    """(一)各镇(园区)。作为本辖区…的责任主体,要…: an item whose title is a unit's name: its text is that
    unit's duty."""
    k = title_end(rest)
    body = rest[k + 1:].strip() if k > 0 else ""
    owner = heading_unit(rest[:k]) if body else []
    if not owner and (m := RUN_IN_DUTIES_RE.match(rest)) and looks_like_unit_list(m.group("u")):
        # (九)工商部门职责:依法确认…;配合…: the unit's duties after its label
        return Duty(rest[m.end():].strip(), responsible=unit_names(m.group("u")))
    return Duty(body, responsible=owner) if owner else None


RUN_IN_DUTIES_RE = re.compile(r"(?P<u>[^，,。；;：:]{2,30}?)的?(?:主要|工作)?职责(?:是|为)?\s*[:：](?=\S)")


DUTIES_LABEL_RE = re.compile(r"(?:主要|工作)?职责\s*[:：]?")
# 主任:XXX / 成员:从市有关单位抽调。: the members' lines of a body's block
MEMBER_LINE_RE = re.compile(r"[\u4e00-\u9fff]{1,6}\s*[:：]\s*\S.{0,40}")


def block_owner(texts: list[str]) -> list[str]:
    """The body whose duties a lone 主要职责: line (the last of ``texts``) lists: the name on a line of
    its own above the members' lines, else []."""
    if not texts or not DUTIES_LABEL_RE.fullmatch(texts[-1].strip()):
        return []
    for t in reversed(texts[-8:-1]):
        t = t.strip()
        if MEMBER_LINE_RE.fullmatch(t):
            continue
        return heading_unit(t) if strip_item(t)[0] is None else []
    return []
