"""Rules added after heldout27's errors were first looked at (its clean runs: tests/data/plans/
heldout27_first_run.txt, 46 of 84 tasks, 35 with every unit in the right role, on the rules of round 13; 51 and 44
with rounds 14-19; 52 and 44 with rounds 20-26; 63 and 46 with rounds 27-28; 67 and 46 with round 29, none of
which saw it).  Each rule reads a kind of layout or phrase: it is checked on a short text written for the test
(other units, other words) and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit, unit_names
from zhishui.plan.subjects import sentence_subject


def test_a_table_drawn_with_box_characters(tmp_path):
    # ┌─┬─┐ / │序号│责任单位│任务目标│完成时间│ / ├─┼─┤ / │ │ ├─┤: rows between rules, a rule blank under a column
    # leaving that cell merged down (the unit of the rows below), a cell's text wrapped over two lines
    text = ("┌──┬────┬──────────┬─────┐\n"
            "│序号│责任单位│ 任务目标 │ 完成时间 │\n"
            "├──┼────┼──────────┼─────┤\n"
            "│ 1 │ 东城区 │1.新建绿地20万平方米。 │2024.11.30│\n"
            "│ │ ├──────────┼─────┤\n"
            "│ │ │2.新建游园3个,每个面积不少于 │2024.10.31│\n"
            "│ │ │3000平方米。 │ │\n"
            "├──┼────┼──────────┼─────┤\n"
            "│ 2 │ 西城区 │1.新植乔木1万株。 │2024.04.30│\n"
            "└──┴────┴──────────┴─────┘\n")
    res = _read(tmp_path, text)
    t = _task(res, "新建游园3个")
    assert (t.responsible, t.deadline) == (["东城区"], "2024.10.31") and "每个面积不少于3000平方米" in t.content
    assert _task(res, "新植乔木1万株").responsible == ["西城区"]
    res = _imported("h2702_zhengzhou_yuanlin_zhengzhi2006")
    assert [t.responsible for t in res.tasks] == [["金水区"]] * 6


def test_the_writers_own_place_and_an_adverb_before_the_verb():
    # 我市X工作小组 is X工作小组 (本市各级人民政府, a regulation's term, is kept); 各区也要…: the places
    assert unit_names("我市涉企违规收费专项整治工作小组") == ["涉企违规收费专项整治工作小组"]
    assert unit_names("本市各级人民政府") == ["本市各级人民政府"]
    assert sentence_subject("各县也要相应建立工作专班,负责本县整治工作")[0] == ["各县"]
    t = _task(_imported("h2705_guangzhou_sheqi_shoufei2022"), "各区也要相应建立")
    assert t.responsible == ["各区"]


def test_a_units_items_after_a_heading_that_names_no_unit(tmp_path):
    # (一)各部门职责1、教育体育局职责:①…: the heading ends where the items begin
    res = _imported("h2708_nanzheng_yundonghui_anbao2011")
    assert _task(res, "负责安全保卫方案的制定和实施").responsible == ["教育体育局"]
    assert _task(res, "游行申请报告的报送").responsible == ["教育体育局"]


def test_a_regulations_designated_department_and_the_time_before_a_modal(tmp_path):
    # 县级以上地方人民政府确定的盐业主管部门负责…: the law names the department by who designates it
    assert looks_like_unit("县级以上地方人民政府确定的盐业主管部门")
    assert not looks_like_unit("本行政区域的食盐专营工作")
    # 审计组在实施审计过程中,应当督促…: the subject before the time it acts in
    assert sentence_subject("审计组在实施审计过程中,应当督促被审计对象及时整改")[0] == ["审计组"]
    res = _read(tmp_path, "第四条 县级以上地方人民政府确定的林业主管部门负责本行政区域的林木采伐管理工作。\n"
                          "第五条 检查组在实施检查过程中,应当如实记录检查情况。\n")
    assert _task(res, "负责本行政区域的林木采伐").responsible == ["县级以上地方人民政府确定的林业主管部门"]
    assert _task(res, "应当如实记录").responsible == ["检查组"]
    assert _task(_imported("h2703_shengzhou_shenji_zhenggai_zhidu"), "审计组在实施审计过程中").responsible == ["审计组"]


def test_the_time_a_whole_campaign_runs_is_the_time_of_a_task_that_sets_none(tmp_path):
    # 二、整治时间: / 从9月10日至9月 / 17日结束。: every task with no time of its own runs in it, said for the review;
    # a task with its own time keeps it
    res = _read(tmp_path, "一、整治范围:\n校园周边无照经营户。\n二、整治时间:\n从3月1日至3月\n31日结束。\n三、整治安排:\n"
                          "(一)县市场监管局负责对校园周边经营户进行拉网式检查。\n(二)县城管局负责清理占道摊点,3月15日前完成。\n")
    t = _task(res, "拉网式检查")
    assert t.deadline == "从3月1日至3月31日结束" and any("整个行动的时间" in n for n in t.review)
    assert _task(res, "清理占道摊点").deadline == "3月15日前"
    assert {t.deadline for t in _imported("h2712_qu_chuangwei_xuanchuan").tasks} == {"20* 年 6 月 12 日——6 月 18 日"}
