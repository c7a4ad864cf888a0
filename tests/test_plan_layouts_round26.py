"""Rules added after heldout23's errors were first looked at (its clean runs: tests/data/plans/
heldout23_first_run.txt, 40 of 75 tasks, 29 with every unit in the right role, on the rules of round 13; 44 and 32
with rounds 14-19; 48 and 36 with rounds 20-25 and the trial's fixes, none of which saw it).  Each rule reads a kind
of layout or phrase: it is checked on a short text written for the test (other units, other words) and on the
document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task


def test_a_section_set_up_under_an_office_holds_its_duty_and_its_list(tmp_path):
    # 第六条 县水务局下设河道管理处,专门负责…,其主要职责是: / (一)…: the section's, not the office above it
    res = _read(tmp_path, "第六条 县环保局下设监测站,专门负责水质监测的具体工作,其主要职责是:\n(一)制定监测计划;\n"
                          "(二)按月发布监测结果。\n")
    assert _task(res, "县环保局下设监测站").responsible == ["监测站"]
    assert _task(res, "按月发布监测结果").responsible == ["监测站"]
    res = _imported("h2309_county_hedao_guanli_banfa")
    assert _task(res, "依法征收河道管理的有关费用").responsible == ["河道管理处"]


def test_whom_a_body_works_together_with_cooperates(tmp_path):
    # 乡(镇)人民政府协同县水务局负责本行政区域内的河道管理: the township's duty, the bureau co-operating
    res = _read(tmp_path, "第三条 县水利局负责水库管理,乡(镇)人民政府协同县水利局负责本辖区内小型水库的巡查。\n")
    t = _task(res, "乡(镇)人民政府协同县水利局")
    assert (t.responsible, t.cooperating) == (["乡(镇)人民政府"], ["县水利局"])
    t = _task(_imported("h2309_county_hedao_guanli_banfa"), "乡(镇)人民政府协同县水务局负责本行政区域内")
    assert (t.responsible, t.cooperating) == (["乡(镇)人民政府"], ["县水务局"])
