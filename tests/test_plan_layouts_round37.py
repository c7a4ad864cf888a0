"""Rules added after heldout35's errors were first looked at (its clean runs: tests/data/plans/
heldout35_first_run.txt, 38 of 67 tasks, 21 with every unit in the right role, on the rules of round 13; 42 and 22
with rounds 27-32; 43 and 23 with round 33; 48 and 23 with rounds 34-35 and the trial's fixes, the same with round
36, none of which saw it).  Each rule is checked on a short text written for the test and on the document it was
found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.unitcheck import tidy_name


def test_a_star_before_each_units_block_in_a_page_run_together(tmp_path):
    # …形成合力:*海关部门:负责…。*市场监管部门:负责…。*交通运输部门:负责…
    res = _read(tmp_path, "某县农村供水保障工作方案 一、工作目标 确保农村供水安全。 二、职责分工 各部门密切协作:"
                          "*县水利局:负责农村供水工程建设管理。*县卫生健康局:负责饮用水卫生监测。"
                          "*县生态环境局:负责水源地环境监管。 三、工作要求 各单位要高度重视。\n")
    assert _task(res, "负责饮用水卫生监测").responsible == ["县卫生健康局"]
    assert _task(res, "负责水源地环境监管").responsible == ["县生态环境局"]
    res = _imported("h3502_jinkou_lenglian_fangkong2025")
    assert _task(res, "负责进口冷链食品在国内生产、流通、销售环节").responsible == ["市场监管部门"]


def test_a_reports_gai_before_a_name_is_dropped():
    # 收费标准由该市教委…提出意见,经该市物价局会同市财政局审核后…: 该 is the report's "that city"
    assert tidy_name("该市教委")[0] == ["市教委"]
    assert tidy_name("经该县发展改革局")[0] == ["县发展改革局"]
    res = _imported("h3504_shanghai_youeryuan_shoufei2015")
    assert _task(res, "經該市物價局會同市財政局審核").responsible == ["市物價局"]
