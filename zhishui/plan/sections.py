"""Which section a paragraph sits under, and who a heading says owns the items below it:

- (一)区水务局为…的牵头、协调单位。 / 1、… / 2、…: the heading names the unit whose duties follow;
- 四、职责分工 / 部门职责: a section that shares the work out unit by unit, so that the items of
  another section that name no unit are what those duties carry out, not tasks of their own.
"""
from __future__ import annotations

import re

from .attributions import looks_like_unit_list, unit_names
from .document import Para
from .model import strip_item
from .unitheadings import heading_unit

# sections that ask for attitudes and support, not work: a body opening a sentence there gives no task
# (a schedule, 时间安排 / 实施步骤, does: 动员部署阶段(5月) 各县…领导小组结合…)
SUPPORT_SECTION_RE = re.compile(r"保障|组织领导|工作要求|总体要求|指导思想|基本原则|附则")

# (一)区水务局为宝山区城镇生活污水截污纳管工作的牵头、协调单位: a heading whose subject is the unit
# whose duties are listed under it
HEADING_OWNER_RE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[、.．])?\s*"
                              r"(?P<u>[^，,。；;：:为是]{2,24}?)(?:(?:为|是|作为)[^，,。；;]{0,40}(?:单位|部门|主体)"
                              r"|的?(?:主要)?(?:工作)?(?:职责(?:[、和及]?任务)?|工作任务|任务))\s*[:：。]?$")


# 一、主要职责 / (一)工作职责: a heading that names no body, only that duties follow
BARE_DUTIES_RE = re.compile(r"(?:主要|工作)?职责(?:任务)?")
# 市政府决定成立X领导小组(以下简称领导小组) / 设立X局(简称…): the body a notice or a 三定 page sets up
FOUNDED_RE = re.compile(r"(?:成立|设立|组建)(?P<u>[^，,。；;：:（(“”]{2,40}?"
                        r"(?:领导小组|委员会|指挥部|工作组|工作专班|专班|联席会议|局|办公室))(?=[（(，,。；;]|$)")


def founded_owner(above: list[Para], heading: str) -> list[str]:
    """Under a heading that says only 主要职责: the body the text above sets up (its last 成立X领导小组 /
    设立X局), whose duties these are; [] otherwise."""
    if not BARE_DUTIES_RE.fullmatch(strip_item((heading or "").strip())[1].strip().rstrip("：:。")):
        return []
    for q in reversed(above):
        m = FOUNDED_RE.search(q.text)
        if m and looks_like_unit_list(m.group("u")):
            return [m.group("u")]
    return []


def heading_owner(heading: str) -> list[str]:
    m = HEADING_OWNER_RE.match(heading or "")
    if not m or not looks_like_unit_list(m.group("u")):
        return heading_unit(heading)        # (二)公安部门 / 1.… 2.…: the heading is the unit's name
    return unit_names(m.group("u"))


# 四、职责分工 / 部门职责 / 责任分工: a section that shares the work out unit by unit
DIVISION_SECTION_RE = re.compile(r"职责分工|责任分工|任务分工|部门职责|工作职责|分工负责|职责")


def section_of(paras: list[Para], bounds: list[tuple[int, int]], pidx: int) -> str:
    """The level-1 heading (一、…) a paragraph sits under, '' before the first."""
    top = [pi for pi, lv in bounds if lv == 1 and pi <= pidx]
    return paras[top[-1]].text.strip() if top else ""


def division_section(paras, bounds, tasks, task_pidx, leaves) -> str:
    """The heading of a section that shares the work out by unit (四、职责分工) and whose tasks name
    their units, '' when the plan has none."""
    owned = [task_pidx[i] for i, t in enumerate(tasks) if t.lead or t.responsible] + \
        [pt._pidx for _, pt in leaves if heading_owner(pt.category) or pt.lead or pt.responsible]
    for pidx in owned:
        head = section_of(paras, bounds, pidx)
        if DIVISION_SECTION_RE.search(strip_item(head)[1][:12]):
            return head
    return ""
