"""Rules added after heldout38's errors were first looked at (its clean runs: tests/data/plans/
heldout38_first_run.txt, 25 of 46 tasks, 8 with every unit in the right role, on the rules of round 13; 26 and 10
with rounds 20-32; 27 and 10 with rounds 33-38, none of which saw it).  Each rule is checked on a short text written
for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit, unit_names


def test_the_bodies_a_lead_gathers_work_with_it(tmp_path):
    # 白天整治由公安局牵头组织城管、交警等执法部门,负责…;夜间整治由城管执法局统筹,组织环保局、文广局等部门,负责…
    res = _read(tmp_path, "二、职责分工\n"
                          "（一）巡河由县水利局牵头组织县公安局、县农业农村局,负责对非法捕捞进行整治;"
                          "夜间巡查由县城管局统筹,组织县交通局、县文旅局,负责对河岸夜市进行整治。\n")
    day = _task(res, "非法捕捞")
    assert day.lead == ["县水利局"] and day.cooperating == ["县公安局", "县农业农村局"]
    night = _task(res, "河岸夜市")
    assert night.lead == ["县城管局"] and night.cooperating == ["县交通局", "县文旅局"]
    res = _imported("h3807_shehong_jinzao2017")
    assert _task(res, "夜間整治由城管執").lead == ["城管執法局"]


def test_offices_named_before_the_kind_they_are():
    # 县教育局、卫生局等行业主管部门负责…: each office at the level the first one gives
    assert unit_names("县教育局、卫生局等行业主管部门") == ["县教育局", "县卫生局"]
    res = _imported("h3802_eshan_qingjiao_huohuan")
    assert _task(res, "卫生局等行业主管部门负责组织开展本行业").responsible == ["县教育局", "县卫生局"]


def test_words_of_carrying_out_are_no_part_of_a_name():
    # 要求各地切实落实住房和城乡建设部…: no unit called 各地切实落实住房和城乡建设部
    assert not looks_like_unit("各地切实落实住房和城乡建设部")
    # 协同市城管执法局加强对…: the verb before a name
    assert not looks_like_unit("协同市城管执法局")
    res = _imported("h3810_guangdong_wushui_tizhi2019")
    assert all("落實" not in u for t in res.tasks for u in t.lead + t.responsible + t.cooperating)
