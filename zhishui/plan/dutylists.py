"""A unit's duties listed under the sentence that names it:

    第七条 市生态环境主管部门负责…，履行下列职责：
    （一）制定饮用水水源保护专项规划；
    （二）定期监测饮用水水源水质；
    （七）法律法规规定的其他职责。

Each item is a duty of the unit the sentence names (in its role there); the catch-all last item
(法律法规规定的其他职责) assigns nothing and is left out.
"""
from __future__ import annotations

import re

from .attributions import looks_like_unit_list, unit_names
from .model import PlanTask
from .prose import Duty

# …履行下列职责： / …负责以下工作： / 主要职责如下： / …负责本行政区域内的献血工作：
BELOW_COLON = r"(?:下列|以下|如下)[^，,。；;:：]{0,16}[:：]"
# (…,建立落实“五个一”工作机制: — the mechanism's parts follow, each one the body's work)
LIST_INTRO_RE = re.compile(BELOW_COLON + r"\s*$|(?:职责|任务|工作|责任|工作机制)(?:如下|是)?[:：]\s*$")
ITS_DUTIES_RE = re.compile(r"(?:设立|成立|设置|组建|明确)(?P<u>[^，,。；;]{2,30}?)[，,]\s*其(?:主要)?(?:职责|任务)")
EACH_UNITS_RE = re.compile(r"(?:各|有关|相关|各有关|各相关|各成员)(?:部门|单位)(?:和单位)?(?:的)?(?:主要)?(?:职责|任务|分工)")
# 十二条 主办单位承担下列职责: / X是开展信访工作的专门机构,履行下列职责: / X主要承担的网络安全责任是: — the body named before the verb
# of the list's opening sentence, read when no duty of the sentence names it (承担, 履行 say no task themselves)
ARTICLE_NO_RE = re.compile(r"^第?[一二三四五六七八九十百零〇\d]{1,4}条\s*")
INTRO_SUBJECT_RE = re.compile(r"^(?P<u>[^，,。；;:：]{2,30}?)(?:是[^，,。；;]{2,30}[，,])?(?:应当|应|要)?(?:主要|具体|分别)?"
                              r"(?:(?:承担|履行|行使|负责|具有)(?=下列|以下|如下)|(?:承担|履行)的[^，,。；;]{0,12}(?:责任|职责)(?:是|为|如下))")
# 乡(镇)政府在农村公路养护管理中具体责任如下: / 市级农村公路养护管理部门具体工作职能如下: — the body, then its duties' name
INTRO_DUTIES_RE = re.compile(r"^(?P<u>[^，,。；;:：]{2,30}?)(?:在[^，,。；;:：]{2,24}中)?的?(?:主要|具体)?(?:工作)?(?:责任|职责|职能|任务)"
                             r"(?:如下|是|为|有|$)")
# 法律法规规定的其他职责 assigns nothing; 完成领导小组交办的其他事项 / 承担市政府赋予的其他任务 is a standing duty
# the unit answers for (labelled a task in all four corpus documents that list one under a named unit)
CATCH_ALL_RE = re.compile(r"^(?:法律|法规|上级|本级|市|县|区)?[^，,。；;]{0,12}规定的其他[^，,。；;]{0,10}(?:职责|事项|工作)[。；;]?$")


def list_owner(text: str, duties: list[Duty]) -> Duty | None:
    """The duty whose unit the items after this paragraph belong to, or None."""
    if not duties or not LIST_INTRO_RE.search(text):
        return None
    its = ITS_DUTIES_RE.search(text)
    if its and looks_like_unit_list(its.group("u")):
        # X应当…设立湿地保护管理机构,其主要职责是: — the items are the duties of the body just set up
        return Duty("", responsible=unit_names(its.group("u")))
    last = duties[-1]
    # …建立联络协调机制。各部门职责如下: — the list is of several units' duties: the items name theirs
    if EACH_UNITS_RE.match(_intro(text)):
        return None
    return last if last.lead or last.responsible else None


def intro_owner(text: str) -> Duty | None:
    """The body a list's opening sentence names as its subject (主办单位承担下列职责:), or None."""
    if not LIST_INTRO_RE.search(text):
        return None
    intro = ARTICLE_NO_RE.sub("", _intro(text))
    # (各部门职责如下: the items name each department's own)
    m = INTRO_SUBJECT_RE.match(intro) or (None if EACH_UNITS_RE.match(intro) else INTRO_DUTIES_RE.match(intro))
    if not m or not looks_like_unit_list(m.group("u")):
        return None
    return Duty(text, responsible=unit_names(m.group("u")))


def names_its_duties(text: str) -> bool:
    """乡(镇)政府在…中具体责任如下: — a line that names the body and its duties, and heads the items as a heading would
    (…履行下列职责: is a law's article, under its chapter's heading)."""
    intro = ARTICLE_NO_RE.sub("", _intro(text))
    return not INTRO_SUBJECT_RE.match(intro) and not EACH_UNITS_RE.match(intro) and bool(INTRO_DUTIES_RE.match(intro))


def _intro(text: str) -> str:
    """The sentence that opens the list: the last of the paragraph, without its colon."""
    return re.split(r"[。；;]", text.rstrip().rstrip(":："))[-1].strip()


def owned_item(owner: Duty, num: str | None, category: str, rest: str, where: str, review: list) -> PlanTask | None:
    """One listed item as a task of the owner's units, or None (to the review) for the catch-all."""
    body = rest.strip().rstrip("；;")
    if CATCH_ALL_RE.match(body):
        review.append((where, body[:60], "兜底条款（其他职责），没有具体任务，未作为任务导入"))
        return None
    units = "、".join(owner.lead or owner.responsible)
    lead, responsible = list(owner.lead), list(owner.responsible)
    if body.startswith("牵头") and not lead:
        # （四）牵头开展…督导检查评估: the item says the unit leads this one
        lead, responsible = responsible, []
    pt = PlanTask(num or "", category, body, lead=lead, responsible=responsible,
                  cooperating=list(owner.cooperating), source=where)
    # the document's own words for the list, as the clerk finds them above the items
    intro = _intro(owner.text)
    said = intro if len(intro) <= 30 else f"{units}…{intro[-12:]}"
    pt.review.append(f"单位取自条目前的「{said}：」，请核对")
    return pt
