"""Rules added after heldout63's errors were first looked at (its clean runs: tests/data/plans/heldout63_first_run.txt,
32 of 53 tasks, 19 with every unit in the right role on the rules of rounds 49-58).  heldout63 holds tax-information
sharing, tax collection, invoice crime, illegal fundraising, township and village debts, village finance and state
assets.  Each rule is checked on a text written for the test and on the document it was found in."""
from __future__ import annotations

import datetime as dt

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.deadlines import parse_deadline
from zhishui.plan.dates import find_deadlines
from zhishui.unitnames import split_units


def test_an_article_addressed_to_the_departments(tmp_path):
    # 第十八条 各部门应当将资产管理责任落实到岗位和人员…: a regulation's articles addressed to 各部门 gave no task
    res = _read(tmp_path, "第十八条 各部门应当将资产管理责任落实到岗位和人员,防止资产非正常损失和浪费。造成损失的,相关责任人应当承担责任。 "
                          "第十九条 各部门应当加强资产的日常维护保养和维修。\n")
    assert [t.responsible for t in res.tasks] == [["各部门"], ["各部门"]]
    assert "相关责任人应当承担责任" in res.tasks[0].content
    res = _imported("h6310_guoguanju_zichan_guanli")
    assert _task(res, "各部门应当每年进行资产全面清查盘点").responsible == ["各部门"]


def test_an_item_that_is_one_office_s_duties_after_its_name_and_a_colon(tmp_path):
    # (一)发改委:每季度终了后20日内向同级税务部门提供…。每年年初提供…: the items had no unit (no 负责 in them)
    res = _read(tmp_path, "一、明确有关部门的涉税信息交流职责\n(一)发改委:每季度终了后20日内向同级税务部门提供重点建设项目计划。"
                          "每年年初提供当年度国民经济和社会发展计划。\n(二)经委:每月终了后20日内向同级税务部门提供矿产品开采量。\n")
    assert [(t.content[:6], t.responsible, t.category) for t in res.tasks] == [
        ("每季度终了后", ["发改委"], "一、明确有关部门的涉税信息交流职责"),
        ("每年年初提供", ["发改委"], "一、明确有关部门的涉税信息交流职责"),
        ("每月终了后2", ["经委"], "一、明确有关部门的涉税信息交流职责")]
    assert res.tasks[1].deadline == "每年年初"
    # what an item is about is no office (重点排放污水企业: / 县级各有关部门: under 考核内容)
    res = _read(tmp_path, "二、考核内容\n(一)各乡镇(街道):引进项目的数量和质量。\n(二)县级各有关部门:在招商服务保障方面工作情况。\n")
    assert not any(t.responsible == ["县级各有关部门"] for t in res.tasks)
    t = _task(_imported("h6301_fangchanju_shuishou_xinxi"), "每年年初提供當")
    assert t.responsible == ["發改委"]


def test_a_deadline_counted_from_the_end_of_each_period():
    # 每季度终了后20日内: split into 「每季度；20日内」 and refused as counted from an event
    assert find_deadlines("每季度终了后20日内向同级税务部门提供") == ["每季度终了后20日内"]
    d = parse_deadline("每季度终了后20日内", dt.date(2020, 1, 1))
    assert not d.understood and "从每期结束起算" in d.problems[0] and "会议" not in d.problems[0]


def test_bare_place_names_share_the_level_of_the_last_one_s_government():
    # 中宁、海原县政府: 「中宁政府」
    assert [u.name for u in split_units("中宁、海原县政府")] == ["中宁县政府", "海原县政府"]
    assert [u.name for u in split_units("城关、新城镇政府")] == ["城关镇政府", "新城镇政府"]
    assert [u.name for u in split_units("市、县人民政府")] == ["市人民政府", "县人民政府"]
    t = _task(_imported("h6305_zhongwei_feifajizi_paicha2008"), "中宁、海原县政府、各行业主管部门要认真履责")
    assert t.responsible == ["中宁县政府", "海原县政府", "各行业主管部门"]
