"""Rules added after heldout21's errors were first looked at (its clean runs: tests/data/plans/
heldout21_first_run.txt, 50 of 64 tasks, 32 with every unit in the right role, on the rules of round 13; 51 and 37
with rounds 14-19 and the same with rounds 20-23, none of which saw it).  Each rule reads a kind of layout or phrase:
it is checked on a short text written for the test (other units, other words) and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import unit_names


def test_each_level_with_an_autonomous_countys_bracket_shares_the_body():
    # 市、区县(自治县)人民政府特种设备安全监督管理部门: each level's department
    assert unit_names("市、区县(自治县)人民政府水行政主管部门") == ["市人民政府水行政主管部门", "区县(自治县)人民政府水行政主管部门"]
    t = _task(_imported("h2108_chongqing_dianti_banfa"), "市、区县(自治县)人民政府特种设备安全监督管理部门负责")
    assert t.responsible[0] == "市人民政府特种设备安全监督管理部门"


def test_the_places_of_a_level_set_up_take_measures_and_keep_strictly(tmp_path):
    res = _read(tmp_path, "一、任务\n各级政府采取以奖代补方式推进改造。各村严格落实日常巡查制度。\n")
    assert _task(res, "各级政府采取以奖代补方式").responsible == ["各级政府"]
    assert _task(res, "各村严格落实日常巡查制度").responsible == ["各村"]
    assert _task(_imported("h2111_zhen_nongcun_zhufang_anquan"), "各村严格落实日常巡查制度").responsible == ["各村"]


def test_the_other_departments_each_within_its_remit(tmp_path):
    # 其他有关部门按照各自职责,做好… / 各有关单位在职能范围内…: a regulation's standing clause, a task of those
    # departments (各部门要高度重视 still is not)
    res = _read(tmp_path, "第五条 县水利局负责河道管理工作。\n其他有关部门按照各自职责,做好河道管理相关工作。\n")
    assert _task(res, "其他有关部门按照各自职责").responsible == ["其他有关部门"]
    t = _task(_imported("h2105_city_chuantong_cunluo_tiaoli"), "其他有關部門按照各自職責")
    assert t.responsible == ["其他有關部門"]
