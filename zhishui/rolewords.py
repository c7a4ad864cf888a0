"""The words a plan uses for who does a task: one lexicon for every reader.

A field label is built the same way in every layout — an optional qualifier, a role
stem, a noun for the unit — so it is recognised by that build, not from a list of
the labels seen so far: 牵头单位, 主办部门, 牵头科室, 主要责任单位, 问题整改责任单位,
责任主体, 配合部门, 协办单位 are all one pattern.  Persons (责任人, 分管领导) and
times (完成时限, 整改期限) are labels of their own.
"""
from __future__ import annotations

import re

# role stems, longest first inside each role
STEMS = {
    "lead": ("牵头督导", "牵头领导", "牵头责任", "牵头", "主办", "主责"),
    "responsible": ("主体责任", "责任", "负责", "落实", "实施", "承办", "承担", "执行"),
    "cooperating": ("协同责任", "配合", "参与", "协办", "协助", "协同", "协作"),
}
# what a unit label may start with: 主要责任单位, 问题整改责任单位, 具体实施单位, 属地责任单位
QUALIFIERS = "(?:问题整改|整改|主要|具体|直接|属地|项目|工作|任务)?"
UNIT_NOUNS = "(?:领导单位|单位|部门|科室|处室|机构)"
PERSON_LABEL = r"(?:项目|具体|主要|直接|牵头|第一)?(?:责任人|(?:责任|牵头|分管|包保|联系)(?:负责)?领导|负责人)"
DEADLINE_LABEL = r"(?:完成|整改|办结|达标|工作|治理|整治|实施)?(?:时限要求|时限|期限|时间节点)|完成时间"


# role verbs after a unit (市住建局牵头 / …等部门按职责分工负责 / Y配合), and the words that may come before them
VERBS = {
    "lead": ("牵头负责", "牵头", "主办"),
    "responsible": ("负责落实", "负责", "落实", "承办"),
    "cooperating": ("参与", "参加", "配合", "协助", "协同", "协办"),
}
# (X、Y密切配合 / 积极配合 / 主动参与: how they help, the role word after it)
MANNERS = ("按照职责分工", "按职责分工", "按职责", "分工", "具体", "共同", "密切", "积极", "主动")


def role_phrases() -> list[tuple[str, str]]:
    """(phrase, role) for every manner + verb: the lead's first, then the responsible's, then the
    co-units', each role's longest first (按照职责分工牵头 … 牵头, 按照职责分工负责 … 落实, 参与 … 协办)."""
    out: list[tuple[str, str]] = []
    for role, verbs in VERBS.items():
        phrases = dict.fromkeys(m + v for v in verbs for m in MANNERS + ("",))
        out.extend((x, role) for x in sorted(phrases, key=len, reverse=True))
    return out


def _stem_alt(role: str) -> str:
    return "|".join(STEMS[role])


# (任务单位:院团委 / 任务部门:宣传部: the unit the task is given to, h6503)
ROLE_LABEL = {role: rf"{QUALIFIERS}(?:{_stem_alt(role)}){UNIT_NOUNS}" + (r"|责任主体|任务(?:单位|部门)" if role == "responsible" else "")
              for role in STEMS}
# any label of a unit field, as a regular-expression source (no groups)
UNIT_LABEL = "|".join(f"(?:{ROLE_LABEL[r]})" for r in STEMS)
ANY_LABEL = rf"{UNIT_LABEL}|{PERSON_LABEL}|{DEADLINE_LABEL}"
_FIELD_RES = [(role, re.compile(ROLE_LABEL[role])) for role in STEMS] + [
    ("person", re.compile(PERSON_LABEL)), ("deadline", re.compile(DEADLINE_LABEL))]


def label_field(label: str) -> str | None:
    """lead | responsible | cooperating | person | deadline for a field label, else None."""
    s = re.sub(r"\s+", "", label or "").rstrip(":：")
    for field, rx in _FIELD_RES:
        if rx.fullmatch(s):
            return field
    return None


def unit_label_role(text: str) -> str | None:
    """The unit role a label or table header names (lead / responsible / cooperating), else None;
    a header naming two with 或 (责任单位或牵头单位) names the first."""
    first = re.split(r"或", re.sub(r"\s+", "", text or ""), maxsplit=1)[0]
    got = label_field(first)
    return got if got in STEMS else None
