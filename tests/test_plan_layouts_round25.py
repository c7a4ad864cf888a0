"""Rules added after heldout22's errors were first looked at (its clean runs: tests/data/plans/
heldout22_first_run.txt, 46 of 65 tasks, 18 with every unit in the right role, on the rules of round 13; 43 and 21
with rounds 14-19; 43 and 22 with rounds 20-24, none of which saw it).  Each rule reads a kind of layout or phrase:
it is checked on a short text written for the test (other units, other words) and on the document it was found in."""
from __future__ import annotations

import datetime as dt

from test_plan_layouts_round5 import _imported
from plan_helpers import task_with as _task
from zhishui.deadlines import parse_deadline
from zhishui.plan.dates import find_deadlines
from zhishui.plan.unitshapes import split_units_by_shape


def test_a_name_cut_by_its_shape_does_not_leave_men_behind():
    # 各部门填报的申报表…: 各部门, not 各部 (a ministry's ending) with 门 left over
    assert split_units_by_shape("各部门填报的申报表")[0] == ["各部门"]
    assert split_units_by_shape("组织部宣传部负责")[0] == ["组织部", "宣传部"]
    t = _task(_imported("h2210_chifeng_jianzheng_bianmin2018"), "各部门填报的申报表")
    assert "各部" not in t.responsible


def test_a_range_that_ends_on_a_day_of_the_same_month():
    # 3月20日至31日为排查摸底阶段: the whole range is the step's time, due on the 31st
    assert find_deadlines("3月20日至31日为排查摸底阶段。") == ["3月20日至31日"]
    d = parse_deadline("3月20日至31日", dt.date(2013, 3, 15))
    assert (d.start, d.due) == (dt.date(2013, 3, 20), dt.date(2013, 3, 31))
    assert parse_deadline("2022年6月至7月").due == dt.date(2022, 7, 31)
    t = _task(_imported("h2214_city_jiayouzhan_zhengzhi2013"), "3月20日至31日为排查摸底阶段")
    assert "3月20日至31日" in t.deadline


def test_an_office_with_the_places_of_a_level_is_a_list_of_bodies():
    # 市城乡规划部门和各市、区要加快推进…: the office and each city and district; a list whose names only look like
    # offices once a shared suffix is spread over them (中央财政和地方财政分担,具体办法由国务院财政部门) is not one
    from zhishui.plan.attributions import looks_like_unit_list
    from zhishui.plan.subjects import sentence_subject
    assert looks_like_unit_list("县规划部门和各乡镇")
    assert not looks_like_unit_list("中央财政和地方财政分担,具体办法由国务院财政部门")
    # (the splitter keeps 各乡镇、街道 one group, as the list reader does)
    assert sentence_subject("县规划部门和各乡镇、街道要加快推进规划编制")[0] == ["县规划部门", "各乡镇、街道"]
    t = _task(_imported("h2202_city_bihu_changsuo_jianshe"), "市城乡规划部门和各市、区要加快推进")
    assert t.responsible[0] == "市城乡规划部门"
