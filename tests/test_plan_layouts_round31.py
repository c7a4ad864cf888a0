"""Rules added after heldout28's errors were first looked at (its clean runs: tests/data/plans/
heldout28_first_run.txt, 54 of 80 tasks, 37 with every unit in the right role, on the rules of round 13; 61 and 47
with rounds 14-19; 61 and 48 with rounds 20-26, unchanged by rounds 27-30, none of which saw it).  Each rule reads a
kind of layout or phrase: it is checked on a short text written for the test (other units, other words) and on the
document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task


def test_a_numbered_unit_name_on_its_line_and_its_duties_below(tmp_path):
    # 1.卫生部门 / 将…;通过…;培训…: the item's title is the unit, each ;-clause of the text below one of its duties
    res = _read(tmp_path, "1.教育部门\n将防溺水教育纳入学校安全教育计划;开展家长安全教育;排查校园周边危险水域。\n"
                          "2.水利部门\n设置危险水域警示标志;加强水库巡查。\n")
    assert _task(res, "开展家长安全教育").responsible == ["教育部门"]
    assert _task(res, "设置危险水域警示标志").responsible == ["水利部门"]
    res = _imported("h2811_heilongjiang_canji_kangfu_zhize")
    assert _task(res, "加大对残疾人康复事业的投入").responsible == ["财政部门"]
    assert _task(res, "开展在校残疾儿童的康复服务").responsible == ["教育部门"]
