"""Rules added after heldout20's errors were first looked at (its clean runs: tests/data/plans/
heldout20_first_run.txt, 63 of 97 tasks, 46 with every unit in the right role, on the rules of round 13; 65 and 51
with rounds 14-19; 66 and 52 with rounds 20-22, none of which saw it).  Each rule reads a kind of layout or phrase:
it is checked on a short text written for the test (other units, other words) and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.unitcheck import tidy_name


def test_the_responsibility_a_body_mainly_bears_listed_below(tmp_path):
    # 第三条 各级党委(党组)主要承担的网络安全责任是: / (一)…: the items are the body's
    res = _read(tmp_path, "第五条 各级河长办主要承担的河湖管护责任是:\n(一)组织河湖巡查;\n(二)督促问题整改。\n")
    assert _task(res, "督促问题整改").responsible == ["各级河长办"]
    t = _task(_imported("h2003_dangwei_wangluo_anquan_banfa"), "建立和落实网络安全责任制")
    assert t.responsible == ["各级党委(党组)"]


def test_whoever_answers_for_it_in_person_is_no_duty_of_the_unit_before(tmp_path):
    # X负责A;B。各企业法人代表是本企业第一责任人…: a sentence of its own, not X's duty
    res = _read(tmp_path, "二、职责\n县应急局负责尾矿库日常监管;督促企业整改隐患。各尾矿库企业法人代表是本企业安全生产第一责任人。\n")
    assert _task(res, "督促企业整改隐患").responsible == ["县应急局"]
    assert not any(t.content.startswith("各尾矿库企业法人代表") and t.responsible == ["县应急局"] for t in res.tasks)


def test_a_time_or_condition_run_into_a_name_is_not_the_name():
    assert tidy_name("验收合格后移交白马关景区管委会")[0] == ["白马关景区管委会"]
    assert tidy_name("停产整顿期间供电部门")[0] == ["供电部门"]
    assert tidy_name("县水务局")[0] == ["县水务局"]


def test_overall_charge_a_body_set_up_there_and_the_lead_a_body_is_made(tmp_path):
    # X总体负责… / 在Y设置Z机构,负责… / X作为牵头责任单位,负责…
    res = _read(tmp_path, "第三条 县水利局总体负责水库保护管理工作。\n在库区设置水政监察站,负责库区巡查。\n"
                          "县水务局作为牵头责任单位,负责工程审查。\n")
    assert _task(res, "县水利局总体负责").responsible == ["县水利局"]
    assert _task(res, "在库区设置水政监察站").responsible == ["水政监察站"]
    t = _task(res, "县水务局作为牵头责任单位")
    assert (t.lead, t.responsible) == (["县水务局"], [])
    res = _imported("h2009_shizhu_huangshui_baohuqu_banfa2009")
    assert _task(res, "在黄水镇设置森林公安派出机构").responsible == ["森林公安派出机构"]
    assert _task(_imported("h2010_city_nongcun_yinshui_anquan"), "市水务部门作为牵头责任单位").lead == ["市水务部门"]


def test_a_clause_about_what_before_the_subject(tmp_path):
    # …。对通过设计审查的尾矿库,安监部门要组织专家…: the subject after the clause of what it is about
    res = _read(tmp_path, "二、措施\n县应急局负责全面排查。对排查出隐患的尾矿库,县自然资源局要组织专家复核。\n")
    assert _task(res, "县自然资源局要组织专家复核").responsible == ["县自然资源局"]
    t = _task(_imported("h2001_city_weikuangku_zhengdun"), "对通过设计审查的尾矿库,安监部门要组织专家")
    assert t.responsible == ["安监部门"]
