"""Rules added after heldout14's errors were first looked at (its clean runs: tests/data/plans/
heldout14_first_run.txt, 56 of 115 tasks, 31 with every unit in the right role, on the rules of round 13; 62 and 33
with rounds 14-15, 61 and 34 with round 16, none of which saw it).  Each rule reads a kind of layout or phrase: it
is checked on a short text written for the test (other units, other words) and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task


def test_banks_and_a_name_the_reader_does_not_know_do_not_lose_the_bracket(tmp_path):
    # (X、人行Y支行牵头负责) / (X、Y、新设的Z牵头负责,W参加): a bank is a body; one unknown name among known ones,
    # closed by the role word, keeps the bracket
    res = _read(tmp_path, "1.推进信用信息共享平台建设,实现数据互联互通。(县发改委、人行某某支行牵头负责)\n"
                          "2.建立守信联合激励机制。(县发改委、县营商环境促进中心、县信用体系建设专班牵头负责,县财政局参加)\n")
    assert _task(res, "推进信用信息共享平台建设").lead == ["县发改委", "人行某某支行"]
    t = _task(res, "建立守信联合激励机制")
    assert t.lead == ["县发改委", "县营商环境促进中心", "县信用体系建设专班"] and t.cooperating == ["县财政局"]
    assert _task(_imported("h1404_dean_xinyong_fengong"), "贯彻执行《征信业管理条例》").responsible == ["人行德安分行"]


def test_a_units_duties_line_owns_the_items_below_and_a_new_section_ends_them(tmp_path):
    # 各街道办事处主要职责: / 1.… 2.…: each item is that unit's, filed under that line; 二、… ends the list
    # (主要职责's 要 is no modal: 各街道办事处主 is no unit)
    res = _read(tmp_path, "一、明确职责\n各社区居委会主要职责:\n1.负责辖区内文明养犬宣传;\n2.负责组织志愿者巡查。\n"
                          "二、加强管理\n县公安局负责犬只登记。\n")
    t = _task(res, "负责辖区内文明养犬宣传")
    assert t.responsible == ["各社区居委会"] and t.category == "各社区居委会主要职责"
    t = _task(res, "负责犬只登记")
    assert t.responsible == ["县公安局"] and t.category == "二、加强管理"
    t = _task(_imported("h1410_city_zhuzhai_xiaoqu_guanli"), "负责组建小区管委会")
    assert t.responsible == ["各街道办事处"]


def test_a_headings_last_reading_is_given_back(tmp_path):
    # 加強(qiáng)…建設(shè): the reading after a heading's last character stays with it; a unit's name is
    # given as the name
    t = _task(_imported("h1403_guojia_xinyong_zhongdian2014"), "研究制定信用信息分類管理制度")
    assert t.category.endswith("體系建設(shè)")


def test_a_three_column_bar_table_and_its_task_column_named_jutiyaoqiu(tmp_path):
    # 工作任务 | 具体要求 | 责任部门 |: three columns will do when one is the task and one its unit; a table printed
    # a cell a line between bars whose task column is 具体要求 (h1401)
    res = _read(tmp_path, "工作任务 | 具体要求 | 责任部门 |\n一、做好档案公开。 | 1.按季度更新档案目录。 | 档案科 |\n"
                          "二、做好网站维护。 | 2.及时更新网站栏目信息。 | 办公室 |\n")
    assert _task(res, "按季度更新档案目录").responsible == ["档案科"]
    assert _task(res, "及时更新网站栏目信息").responsible == ["办公室"]
    res = _imported("h1401_chizhou_xinfang_zwgk")
    assert _task(res, "对行政规范性文件进行全面清理").responsible == ["办公室"]
    assert _task(res, "积极做好政策解读工作").responsible == ["各科室"]
