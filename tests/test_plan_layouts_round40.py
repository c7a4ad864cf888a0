"""Rules added after heldout37's errors were first looked at (its clean runs: tests/data/plans/
heldout37_first_run.txt, 26 of 41 tasks, 15 with every unit in the right role, on the rules of round 13; 30 and 18
with rounds 27-32; 30 and 19 with rounds 33-37 and the same with round 38, none of which saw it), and the scoring
convention its labels showed.  Each rule is checked on a short text written for the test and on the document it was
found in."""
from __future__ import annotations

import plan_scoring as ps
from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import unit_names


def test_levels_of_a_two_level_government_with_a_township():
    # 本县的森林火灾应急处置工作,由县、乡镇两级政府负责: each level's government
    assert unit_names("县、乡镇两级政府") == ["县政府", "乡镇政府"]
    assert unit_names("市、县两级财政部门") == ["市财政部门", "县财政部门"]
    res = _imported("h3702_xiushui_senlin_huozai_yuan2008")
    assert _task(res, "由县、乡镇两级政府负责").responsible == ["县政府", "乡镇政府"]


def test_a_notices_request_to_the_bodies_it_names(tmp_path):
    # 请各乡镇接此通知后高度重视,加大河道整治力度,…于2017年3月3日前完成整治工作
    res = _read(tmp_path, "关于开展河道清障的通知\n各乡镇人民政府:\n"
                          "近期,县水利局巡查发现部分河道存在乱堆乱放问题。请各乡镇、各成员单位接此通知后立即组织清理,"
                          "于6月30日前完成。\n")
    task = _task(res, "立即组织清理")
    assert task.responsible == ["各乡镇", "各成员单位"]
    assert "6月30日前" in task.deadline
    res = _imported("h3714_huangzhong_hedao_duban2017")
    assert _task(res, "请各乡镇接此通知后高度重视").responsible == ["各乡镇"]


def test_a_label_quoting_a_units_paragraph_with_its_name():
    # 乡人武部:负责本乡人民武装力量参与疫情处置工作: the importer keeps the name in the unit columns
    truth = [{"c": "乡人武部:负责本乡人民武装力量参与疫情处置工作", "d": "", "L": [], "R": ["乡人武部"], "C": [], "g": ""}]
    task = {"content": "负责本乡人民武装力量参与疫情处置工作,必要时组织民兵参与。", "lead_units": [],
            "responsible_units": ["乡人武部"], "cooperating_units": [], "deadline": "", "category": ""}
    s = ps.score_tasks("t", truth, [task])
    assert (s.found, s.roles_ok) == (1, 1)
    # the words after the name must be in the task's text: another duty of the unit is no match
    other = dict(task, content="负责组织民兵训练。")
    assert ps.score_tasks("t", truth, [other]).found == 0
