"""Numbered items that name no unit: which of them are tasks (the leaves of a task section), and whose.

An item with nothing deeper under it is a task when its section holds tasks; its unit is the one its
heading names (区水务局为…牵头单位 / X职责), or it is listed for the clerk to fill in.  Items a section of
duties (四、职责分工) says again, and items that only set up how the work is led, are said in the review.
"""
from __future__ import annotations

import re

from .attributed import deadline_of
from .attributions import looks_like_unit_list, unit_names, unit_run
from .model import NO_UNIT_NOTE, PlanTask, heading_text
from .sections import division_section, founded_owner, heading_owner, section_of

TASK_SECTION_RE = re.compile(r"任务|重点|措施|安排|分工|职责|行动|整治|整改|项目|工作内容")
NOT_TASK_SECTION_RE = re.compile(r"总体要求|指导思想|基本原则|工作目标|主要目标|目标任务|保障|组织领导|工作要求|实施步骤|"
                                 r"进度安排|时间安排|附则|考核|(?:整改|完成|进展)情况")


def task_section(heading: str) -> bool:
    return bool(heading) and bool(TASK_SECTION_RE.search(heading)) and not NOT_TASK_SECTION_RE.search(heading)


def leaf_items(items, bounds, task_pidx) -> list[tuple[int, PlanTask]]:
    """Items with nothing deeper under them: no numbered paragraph of a deeper level and no task
    before the next paragraph of their own level or above (such an item is a category)."""
    out = []
    for idx, pt, lvl in items:
        start = pt._pidx
        end = next((pi for pi, lv in bounds if pi > start and lv <= lvl), 10 ** 9)
        deeper = any(start < pi < end and lv > lvl for pi, lv in bounds)
        children = any(start < tp < end for tp in task_pidx)
        if not deeper and not children and pt.content.strip():
            if not (pt.lead or pt.responsible):
                # 动员部署（3月10日）。: a dated step title, not 各乡镇政府继续推进…（1分，…）
                body = re.sub(r"^[^。]{0,30}[（(][^）)]*\d+\s*[年月日号][^）)]*[）)]。?", "", pt.content)
                run = unit_run(body, 0)
                if run and looks_like_unit_list(run[0]):
                    pt.responsible = unit_names(run[0])
            out.append((idx, pt))
    return out


def place_leaf_items(paras, items, bounds, tasks: list[PlanTask], task_pidx: list[int], review: list,
                     layouts: set) -> None:
    """Put the items that are tasks into ``tasks`` where they stand, each with its unit or a note."""
    # numbered items with no unit anywhere in them: tasks when they are the leaves of a task section
    leaves = leaf_items(items, bounds, task_pidx)
    if leaves:
        layouts.add("编号条目（未写单位）")
    division = division_section(paras, bounds, tasks, task_pidx, leaves)
    for idx, pt in reversed(leaves):
        owner = pt._owner or heading_owner(pt.category) or founded_owner(paras[:max(pt._pidx, 0)], pt.category)
        if not owner and not (pt.lead or pt.responsible) and division and section_of(paras, bounds, pt._pidx) != division:
            # 三、主要任务 (一)…(九) with no unit, then 四、职责分工 giving each unit its duties: the units'
            # duties are the tasks, the items they carry out are said once more there
            review.append((pt.source, pt.content[:60], f"条目没有写单位，各单位的职责另在「{division[:20]}」中列出，"
                                                       "未作为任务导入"))
            continue
        if not owner and not (pt.lead or pt.responsible or pt.cooperating) \
                and NOT_TASK_SECTION_RE.search(heading_text(pt.content)[:12]):
            # 1、加强组织领导。成立…领导小组,由…任组长: an item that sets up how the work is led (its
            # title that of a section which holds no tasks), naming no unit for a task
            review.append((pt.source, pt.content[:60], "这一条是组织保障（如成立领导小组），没有分派任务，未作为任务导入"))
            continue
        if owner:
            # (一)区水务局为…的牵头、协调单位。 / 1、具体负责协调…: the heading names whose duties follow
            # (一)卫生部门 / 2、牵头监管…: a duty that opens with 牵头 is one the unit leads
            leads = re.match(r"(?:负责)?牵头", pt.content.strip()) is not None
            if leads:
                pt.lead = owner
            else:
                pt.responsible = owner
            pt.review.append(f"这项任务没有写单位，已按上级标题「{(pt._owner_heading or pt.category)[:30]}」记为{'、'.join(owner)}的任务"
                             f"（列为{'牵头' if leads else '责任'}单位），请核对其角色")
            deadline_of(pt)
            tasks.insert(idx, pt)
            continue
        pt.review.append(NO_UNIT_NOTE)
        deadline_of(pt)
        tasks.insert(idx, pt)
    for _idx, pt, _lvl in items:
        if all(pt is not x for _, x in leaves) and _lvl >= 3:
            review.append((pt.source, pt.content[:60], "编号条目没有写明责任单位，未作为任务导入"))
