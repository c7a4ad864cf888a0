"""Rules added after heldout46's errors were first looked at (its clean run: tests/data/plans/heldout46_first_run.txt,
27 of 50 tasks, 14 with every unit in the right role, on the rules of round 44; the same on rounds 45-47).  heldout46
holds task-division tables.  The rule is checked on a table written for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.celllines import _cells_missing
from zhishui.plan.textheaders import header_fields

HEADERS = ["序号", "主要任务", "全年目标任务", "分管领导", "牵头单位", "责任主体与协同单位", "1-10月推进情况", "说明"]


def test_a_row_short_of_cells_is_aligned_by_what_its_cells_hold():
    # 24 | 优化提升…。 | 徐国江 | 城管局 | 市政局、相关街道 | 已进场施工… (the task written once over 主要任务 and
    # 全年目标任务, 说明 left out): the blanks go where the person's name falls under 分管领导 and the units under the
    # unit columns, not at the row's end (which put 「已进场施工」 in 责任主体)
    fields = header_fields(HEADERS)
    row = ["24", "优化提升50条背街后巷交通组织。", "徐国江", "城管局", "市政局、相关街道", "已进场施工,完成60%。"]
    assert _cells_missing(row, fields) == ["24", "优化提升50条背街后巷交通组织。", "", "徐国江", "城管局", "市政局、相关街道",
                                           "已进场施工,完成60%。", ""]
    # nothing to go by: the blanks stay at the end
    assert _cells_missing(["1", "甲", "乙"], [None, None, None, None]) == ["1", "甲", "乙", ""]


def test_the_table_the_rule_was_found_in(tmp_path):
    text = ("2023年重点民生实事项目推进情况\n" + "".join(h + " |\n" for h in HEADERS) +
            "24 |\n优化提升50条背街后巷交通组织。 |\n徐国江 |\n城管局 |\n市政局、相关街道 |\n已进场施工,完成60%。 |\n||\n"
            "25 |\n新增垃圾分类达标小区210个。 |\n徐国江 |\n城管局 |\n市政局、环卫处、各街道 |\n正在推进点位选址。 |\n||\n")
    res = _read(tmp_path, text)
    task = _task(res, "背街后巷")
    assert task.lead == ["城管局"] and task.responsible == ["市政局", "相关街道"]
    res = _imported("h4603_chongchuan_minsheng2023")
    assert all(t.lead == ["城管局"] for t in res.tasks)
    assert not any("已进场施工" in u or "已建成" in u for t in res.tasks for u in t.responsible)
