"""Unit field lines on their own above the measures they own, as a notice or a 整改公示 writes them:

    整改任务：… / 整改目标：2018年底前… / 主体责任单位：X / 牵头督导单位：Y / 1.… 2.…

The field lines make one attribution (a block); the numbered measures below each take it.  A block with no
measure under it belongs to the field line before it (重点工作：… / 牵头单位：…), and a form whose matter
comes after its unit field (责任单位：X … 交办单标题：关于…的通知) has that matter as its task.
"""
from __future__ import annotations

import re

from .attributed import BodyState, apply_attribution, deadline_of, field_line, merge_attribution
from .attributions import Attribution
from .dates import find_deadlines
from .document import Para
from .leafitems import NOT_TASK_SECTION_RE
from .model import PlanTask

# 交办单标题: / 督办事项: / 反馈问题:: the field naming the matter of a one-matter form
MATTER_RE = re.compile(r"^\s*[\u4e00-\u9fff]{0,6}(?:标题|事项|问题)(?:名称)?\s*[:：]\s*(?=\S)")
# 三、验收单位 / 六、整改措施: a heading that is only a field's name, not a measure
FIELD_HEADING_RE = re.compile(r"[\u4e00-\u9fff]{0,8}(?:单位|部门|目标|措施|问题|情况|任务|事项|时限)\s*[:：]?")
# 整改目标：… / 整改任务：…(反馈问题：… / 整改事项：…): the target and the matter fields of a notice
TARGET_FIELD_RE = re.compile(r"^\s*(?:整改|工作)?目标\s*[:：]")
MATTER_FIELD_RE = re.compile(r"^\s*(?:整改|反馈|存在|督办|交办)?(?:任务|问题|事项)\s*[:：]")


def field_block_line(state: BodyState, paras: list[Para], pidx: int, lone: Attribution, tasks: list[PlanTask],
                     task_pidx: list[int]) -> None:
    """主体责任单位：X / 牵头督导单位：Y on lines of their own: the units of the measures below."""
    if state.block is None or state.block_used:
        unused_block(state, tasks)
        prev = paras[pidx - 1] if pidx else None
        owner = prev if prev is not None and field_line(prev.text) and task_pidx.count(pidx - 1) == 0 \
            and len(task_pidx) == len(tasks) else None
        state.block, state.block_used, state.block_owner = Attribution(0, 0, ""), False, owner
        state.block_labels = []
        state.block_level = max((k for k, v in state.headings.items() if v), default=0)
        before = paras[pidx - 2] if pidx >= 2 else None
        if owner is not None and TARGET_FIELD_RE.match(owner.text) and before is not None \
                and MATTER_FIELD_RE.match(before.text) and task_pidx.count(pidx - 2) == 0:
            # 整改任务：… / 整改目标：2018年底前… / 整改责任单位：…: the matter is the task, its
            # target says by when
            state.block.deadline = "；".join(find_deadlines(owner.text))
            state.block_owner = before
    merge_attribution(state.block, lone)
    text = paras[pidx].text.strip()
    state.block_labels.append(re.split(r"[:：]", text, maxsplit=1)[0].strip() + f"（{paras[pidx].where}）")


def block_matter(state: BodyState, text: str, p: Para) -> bool:
    """责任单位:X … 交办单标题:关于…的通知: a form whose matter comes after its unit field."""
    if state.block is None or state.block_used or state.block_owner is not None or not MATTER_RE.match(text):
        return False
    state.block_owner = Para(MATTER_RE.sub("", text, count=1).strip(), p.where)
    return True


def block_measure(state: BodyState, num: str | None, lvl: int, rest: str, p: Para, tasks: list[PlanTask]) -> bool:
    """A numbered measure under the block: a task with the block's units (not a heading that only
    names a field, not a section that holds no tasks)."""
    if not rest.strip(" 。；;") or NOT_TASK_SECTION_RE.search(rest[:12]) or FIELD_HEADING_RE.fullmatch(rest):
        return False
    pt = PlanTask(num or "", state.category(lvl), rest.rstrip("；;"), source=p.where)
    apply_attribution(pt, state.block, state)
    pt.review.append("单位取自措施前面的字段行「" + "、".join(state.block_labels) + "」，已用于其下每一条措施，请核对")
    deadline_of(pt)
    tasks.append(pt)
    state.block_used = True
    return True


def block_ends(state: BodyState, lvl: int | None) -> bool:
    """三、主办、承办单位 / 主办单位：X / 承办单位：Y / 四、工作职责 / 1.…: the field lines belong to the heading
    they sit under; a heading of that level or higher is a new part, not the measures of those fields."""
    return state.block is not None and bool(lvl) and bool(state.block_level) and lvl <= state.block_level


def unused_block(state: BodyState, tasks: list[PlanTask]) -> None:
    """Unit lines with no numbered measures under them (重点工作：… / 牵头单位：… / 年度目标：…):
    they are the units of the field line before them."""
    if state.block is None or state.block_used or state.block_owner is None:
        return
    owner = state.block_owner
    # 整改任务：… read from a field name a line (attributed._label_then_value): the task without its label
    # (反馈问题：… stays as written: it says what the task answers)
    pt = PlanTask("", owner.heading, re.sub(r"^(?:整改)?任务[:：]", "", owner.text.strip()),
                  source=owner.where)
    apply_attribution(pt, state.block, state)
    deadline_of(pt)
    tasks.append(pt)
    state.block, state.block_owner = None, None
