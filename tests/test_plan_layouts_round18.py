"""Rules added after heldout15's errors were first looked at (its clean runs: tests/data/plans/
heldout15_first_run.txt, 77 of 110 tasks, 34 with every unit in the right role, on the rules of round 13; 78 and 35
with rounds 14-17, none of which saw it).  Each rule reads a kind of layout or phrase: it is checked on a short text
written for the test (other units, other words) and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit, unit_names


def test_a_duty_word_before_a_name_is_no_unit():
    # 协调推进有关单位… / 指导各级政府宗教事务部门… / 3.支持政府… / 记者了解到: the words of a duty (or an item's number,
    # a reporter's) before a name do not make a unit
    for words in ("协调推进有关单位", "指导各级政府宗教事务部门", "3.支持政府", "记者了解到各级市场监管部门"):
        assert not looks_like_unit(words), words
    assert looks_like_unit("县统筹城乡发展办公室") and looks_like_unit("市推进办")


def test_a_bodys_duties_are_named_after_it_and_each_duty_may_be_carried_separately(tmp_path):
    # X的主要职责是:A;B;C — X owns each clause; 由X、Y分别负责 names the duty's units
    res = _read(tmp_path, "县禁毒委员会的主要职责是:研究部署全县禁毒工作;协调推进有关部门落实禁毒措施;督促检查各乡镇禁毒工作。\n"
                          "在社区戒毒方面,由县公安局、县卫健局分别负责,建立戒毒康复人员帮扶机制。\n")
    assert _task(res, "协调推进有关部门落实禁毒措施").responsible == ["县禁毒委员会"]
    assert _task(res, "由县公安局、县卫健局分别负责").responsible == ["县公安局", "县卫健局"]
    t = _task(_imported("h1514_guowuyuan_weichengnianren_lingdaoxiaozu"), "协调推进有关单位制定和实施")
    assert t.responsible == ["国务院未成年人保护工作领导小组"]


def test_the_duties_of_the_body_a_notice_sets_up(tmp_path):
    # 市政府决定成立X领导小组… / 一、主要职责 / A。B；C / 二、…: each sentence or clause is X's; 设立X局… / 二、主要职责 /
    # (一)… (二)…: each item is the office's
    res = _read(tmp_path, "县政府决定成立县城乡供水一体化工作领导小组(以下简称领导小组),现将有关事项通知如下:\n一、主要职责\n"
                          "统筹推进全县城乡供水一体化工作。协调解决工程建设中的重大问题;督促检查各乡镇工作进展。\n二、组成人员\n"
                          "组长由县长担任。\n")
    t = _task(res, "统筹推进全县城乡供水一体化工作")
    assert t.responsible == ["县城乡供水一体化工作领导小组"] and t.category == "一、主要职责"
    assert _task(res, "督促检查各乡镇工作进展").responsible == ["县城乡供水一体化工作领导小组"]
    res = _read(tmp_path, "根据机构改革方案,设立县数据资源管理局,为县政府工作部门。\n一、主要职责\n(一)拟订全县数据资源发展规划。\n"
                          "(二)负责政务数据共享交换平台建设。\n")
    assert _task(res, "拟订全县数据资源发展规划").responsible == ["县数据资源管理局"]
    assert _task(_imported("h1515_zhongshan_weichengnianren2021"), "統籌、協調全市未成年人保護工作").responsible == \
        ["中山市未成年人保護工作領導小組"]
    assert _task(_imported("h1512_sichuan_zongjiaoju_zhize"), "負責宗教方面的外事歸口管理工作").responsible == \
        ["四川省人民政府宗教事務局"]


def test_the_office_set_up_before_its_duties_list(tmp_path):
    # X应当…设立Y,其主要职责是: / (一)… : the items are the duties of Y, the body just set up
    res = _read(tmp_path, "第八条 县人民政府应当在水利部门设立河道管理所,其主要职责是:\n(一)组织河道巡查;\n(二)制止侵占河道行为。\n")
    assert _task(res, "组织河道巡查").responsible == ["河道管理所"]
    assert _task(_imported("h1518_zizhizhou_shidi_tiaoli"), "组织实施湿地保护规划").responsible == ["湿地保护管理机构"]


def test_the_trials_leftovers_a_provinces_departments_and_a_duty_that_lists_what_it_includes(tmp_path):
    # 省农业厅、卫生厅、公安厅: the 厅 after the first share its 省 (a provincial department, as 市公安局、卫健局);
    # X：负责…，具体包括：A；B；C。负责D。: what the duty includes is part of it, not three duties of their own
    assert unit_names("省农业厅、卫生厅、公安厅") == ["省农业厅", "省卫生厅", "省公安厅"]
    res = _read(tmp_path, "县农业农村局：负责畜禽养殖污染治理，具体包括：划定禁养区；关闭禁养区内养殖场；推进粪污资源化利用。"
                          "负责农药化肥减量。\n(二)县水务局\n负责河道整治，主要包括：清淤；护岸。负责水源保护；负责节水宣传。\n")
    t = _task(res, "负责畜禽养殖污染治理")
    assert "推进粪污资源化利用" in t.content and t.responsible == ["县农业农村局"]
    assert not any(x.content.startswith("关闭禁养区") for x in res.tasks)
    assert _task(res, "负责农药化肥减量").responsible == ["县农业农村局"]
    assert "护岸" in _task(res, "负责河道整治").content
    assert _task(res, "负责水源保护").responsible == ["县水务局"]


def test_an_ordinal_item_whose_sentences_have_their_own_departments_is_split(tmp_path):
    # 一是…。各级各部门要…。组织人事部门要…；财政部门要…；教育部门要…: one task per department (组织人事部门's 组织
    # is its name, not the verb); the first sentence, naming only a group, opens the first task
    res = _read(tmp_path, "一是明确职责任务。各级各部门要把禁毒工作纳入议事日程。组织人事部门要把禁毒知识纳入干部培训;"
                          "财政部门要保障禁毒经费;教育部门要开展校园禁毒教育。\n")
    assert _task(res, "组织人事部门要把禁毒知识").responsible == ["组织人事部门"]
    assert _task(res, "财政部门要保障禁毒经费").responsible == ["财政部门"]
    assert _task(res, "教育部门要开展校园禁毒教育").responsible == ["教育部门"]
    assert any("各级各部门要把禁毒工作纳入议事日程" in t.content for t in res.tasks)
    t = _task(_imported("h1614_qin_guofang_jiaoyu_zhize"), "財政部門要積極履行")
    assert t.responsible == ["財政部門"]


def test_numbered_items_no_reader_claims_join_the_few_tasks_the_readers_found():
    # round 14 let the readers claim a sentence or two of documents whose numbered items they cannot read (the
    # 主管部门 / 成员单位要… items); those items were then lost, because the fallback reads a document only when no
    # reader claimed anything.  Now, when the fallback reads at least three owned items none of the tasks says and
    # more than twice the readers' tasks, they join them (each flagged for review), in the document's order
    res = _imported("h1417_city_chufei_jizhi")
    t = _task(res, "各成员单位要加强对非法集资案件的防范和预警")
    assert t.responsible and any("版式" in r for r in t.review)
    lines = [int(x.source[1:].split("行")[0]) for x in res.tasks if x.source.startswith("第")]
    assert lines == sorted(lines)
    # a field line (牵头责任单位:…) or a bracket's tail is no such item: the dev part gains no extra task
    assert len(_imported("c03_jiamusi2018").tasks) == 1
