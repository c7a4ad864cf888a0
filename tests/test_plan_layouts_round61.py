"""Rules added after heldout65's errors were first looked at (its clean runs: tests/data/plans/heldout65_first_run.txt,
21 of 33 tasks, 16 with every unit in the right role on the rules of rounds 49-58).  heldout65 holds electronic
licences, open government, network-security weeks, government websites, archives and confidentiality.  Each rule is
checked on a text written for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import unit_names
from zhishui.rolewords import label_field


def test_the_unit_a_task_is_given_to_by_its_label(tmp_path):
    # 任务单位:院团委 / 任务部门:宣传部: no unit label before, the items had no unit
    assert label_field("任务单位") == "responsible" and label_field("任务部门") == "responsible"
    res = _read(tmp_path, "三、活动安排\n(二)开展网络安全教育专题活动\n1、网站宣传\n在学院网站首页开辟网络安全专题。\n"
                          "任务部门:宣传部\n2、微信推送\n通过学校公众号面向全校师生推送网络安全信息。\n任务部门:宣传部\n")
    assert [t.responsible for t in res.tasks] == [["宣传部"], ["宣传部"]]
    t = _task(_imported("h6503_xueyuan_wangluoanquan_zhou"), "校園廣播站廣播有關網路安全的常識")
    assert t.responsible == ["宣傳部"]


def test_an_empty_field_before_the_unit_s_line(tmp_path):
    # 各系组织学生参加…竞赛。 / 竞赛网址: / 任务单位:院团委: the empty field became the task's text and the item was lost
    res = _read(tmp_path, "三、活动安排\n(一)举办全校大学生网络安全知识竞赛\n9月9日至10月31日,各系组织学生参加全国大学生网络安全知识竞赛。\n"
                          "竞赛网址:\n任务单位:院团委\n(二)开展宣传活动\n")
    t = _task(res, "各系组织学生参加")
    assert t.responsible == ["院团委"]
    t = _task(_imported("h6503_xueyuan_wangluoanquan_zhou"), "各系組織學生參加")
    assert t.responsible == ["院團委"]


def test_a_bare_kind_after_a_relative_one():
    # 市直有关部门、单位: the bare 单位 had been dropped
    assert unit_names("市直有关部门、单位,各区市政府、开发区管委") == ["市直有关部门", "市直有关单位", "各区市政府", "开发区管委"]
    # (其他部门和单位 is one group of the rest: seed 000's label keeps it so, no 「其他单位」 is made of it)
    assert "其他单位" not in unit_names("其他部门和单位")
    t = _task(_imported("h6507_weihai_shuzi2023"), "深化政务服务")
    assert t.responsible == ["市直有关部门", "市直有关单位", "各区市政府", "开发区管委"]
