"""Rules added after heldout39's errors were first looked at (its clean runs: tests/data/plans/
heldout39_first_run.txt, 35 of 52 tasks, 13 with every unit in the right role, on the rules of round 13; 35 and 18
with rounds 27-32; 35 and 20 with rounds 33-41, none of which saw it).  Each rule is checked on a short text written
for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from zhishui.plan.unitshapes import split_units_by_shape


def test_names_run_together_are_not_cut_inside_a_committee_nor_through_a_copula():
    # 二是…。各级公安禁毒专门机构同时是各级禁毒委员会的办事机构,…: one body, not 「同时是各级禁毒委」「员会」
    names, _end = split_units_by_shape("县公安局同时是县禁毒委员会的办事机构,负责日常工作")
    assert names == ["县公安局"]
    assert split_units_by_shape("县住建局县水利局县禁毒委员会负责")[0] == ["县住建局", "县水利局", "县禁毒委员会"]
    res = _imported("h3913_suzhou_jindu")
    task = next(t for t in res.tasks if "同时是各级禁毒委员会的办事机构" in t.content)
    assert task.responsible == ["各级公安禁毒专门机构"]
