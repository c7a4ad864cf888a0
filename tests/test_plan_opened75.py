"""What opening the corpus parts heldout75 and heldout76 (session 23) taught the importer, each on the document's own
words as a saved web page gives them (a .txt, one paragraph a line): an office's list of circled items, the other
names an office carries, the subjects of a report chain, a notice's salutation run on with its text, a sentence's
lead-in, units' names (an autonomous region's level, a named place, schools) and two deadline words."""
from __future__ import annotations

import pytest

from plan_lines import import_lines
from zhishui.plan.attributions import unit_names
from zhishui.plan.subjects import sentence_subject

_import = import_lines


# h7506: an industrial park's offices, each with its year's tasks as circled items on one line
OFFICES = [
    "双牌工业集中区部室简介",
    "(一)综合办公室(党群工作部、监察室、督查室、财务室)",
    "(1)年度主要任务与要求:",
    "①积极宣传推介园区,在省、市、县相关新闻媒体完成上稿8篇;②积极协调落实单位“三定方案”,理顺园区体制机制;"
    "③负责党建、意识形态、人事政工等工作无差错,年内新增入统企业5家以上;④每月拿出部门当月小结和下月计划。",
    "(二)招商合作局(行政审批局、政务服务中心)",
    "(1)年度主要任务与要求:",
    "①制作和更新园区招商手册,年内新增入统企业5家以上;②积极主动服务企业,为企业全程代办相关证照手续。",
]


def test_circled_items_under_a_title_are_tasks_of_the_office_heading_them(tmp_path):
    # the (1) line only titles the list: each ① is a task (it was one task holding ①…⑤, or none: the first office's
    # name, its bracket longer than a short note, was not read as a unit)
    res, task = _import(tmp_path, OFFICES)
    assert [t.content[:8] for t in res.tasks] == ["积极宣传推介园区", "积极协调落实单位", "负责党建、意识形", "每月拿出部门当月",
                                                  "制作和更新园区招", "积极主动服务企业"]
    assert task("积极宣传推介园区").responsible == ["综合办公室"]
    assert task("负责党建").deadline == "年内"
    assert task("每月拿出").deadline == "每月"
    assert task("积极主动服务企业").responsible == ["招商合作局"]


def test_a_titled_item_with_a_sentence_below_it_is_not_split_at_circled_numbers_inside_the_sentence(tmp_path):
    # only a paragraph that is nothing but ①②… in order is a list; a sentence citing ② is the item's text
    lines = ["一、主要任务", "(一)县农业农村局", "1.加强监管:", "完成①号、②号地块的整治,年底前验收。"]
    res, _task = _import(tmp_path, lines)
    assert len(res.tasks) == 1 and "①号、②号地块" in res.tasks[0].content


# h7603: a land-inspection system, each line a body's part in a report chain
CHAIN = [
    "(四)建立延庆国土资源分局、乡镇、村三级动态巡查机制。明确土地动态巡查责任制,按照属地管理职责在全县范围内开展动态巡查工作;",
    "延庆国土资源分局土地执法监察大队、国土资源管理所严格落实动态巡查实施方案;",
    "国土资源管理所和各乡镇人民政府在本辖区内4至10月份每周动态巡查不少于一次,11月至次年3月份每月不少于两次;",
    "各村也要积极组织动态巡查。",
    "(五)建立国土资源管理动态巡查报表制度。动态巡查情况报表分为村级动态巡查报告表、乡镇统计表和国土管理动态巡查汇总表三种;",
    "各村按照巡查结果填写动态巡查报告表报乡镇人民政府;",
    "各乡镇汇总行政区域内的各村报告表并结合乡镇动态巡查工作填写乡镇动态巡查统计表,并附说明报辖区国土资源管理所;",
]


def test_each_line_of_a_report_chain_is_its_subjects_task(tmp_path):
    # 严格落实 / 在本辖区内 / 按照 / 汇总 after the bodies: their work (three lines were not read, and 各村按照 was a unit)
    _res, task = _import(tmp_path, CHAIN)
    assert task("延庆国土资源分局土地执法监察大队").responsible == ["延庆国土资源分局土地执法监察大队", "国土资源管理所"]
    assert task("国土资源管理所和各乡镇").responsible == ["国土资源管理所", "各乡镇人民政府"]
    assert task("各村按照").responsible == ["各村"]
    assert task("各乡镇汇总").responsible == ["各乡镇"]


@pytest.mark.parametrize("clause, subject", [
    ("由国土资源管理所结合动态巡查汇总所辖各乡镇的统计表", ["国土资源管理所"]),
    ("各村按照巡查结果填写报告表", ["各村"]),
    ("区林业局严格执行采伐限额", ["区林业局"]),
    # h7502: 主要 is how the bodies work (the last name was 「市旅游局主」), 按X部署 what the places follow
    ("市规划局、市旅游局主要做好市内招商合作项目的前期审查等工作。", ["市规划局", "市旅游局"]),
    ("各县市区按市团统一部署,主要做好本地区招商合作项目的策划", ["各县市区"]),
])
def test_sentence_subjects(clause, subject):
    assert sentence_subject(clause)[0] == subject


def test_a_salutation_run_on_with_the_notice_is_no_units_duties(tmp_path):
    # h7608: a document-sharing site runs the title, the 主送机关 and the text together: the addressees were the
    # responsible units of every sentence of the notice
    lines = ["1、全区非法采矿整治通知 各有关镇办,区政府有关部门、有关单位: 为切实整顿全区矿产资源秩序,严厉打击各类非法采矿,"
             "现将有关事项通知如下: 一、明确职责,加强领导 各镇办和有关部门要依据各自职责,分工负责,共同做好专项整治工作任务。"
             "区政府由区矿产资源安全生产委员会具体负责本次活动的开展,各镇办也要落实责任单位,切实抓好落实。"]
    res, _task = _import(tmp_path, lines)
    assert res.tasks
    assert all("有关单位" not in t.responsible for t in res.tasks)
    assert any(t.responsible == ["区矿产资源安全生产委员会"] for t in res.tasks)


def test_a_units_duties_may_open_with_the_rule_it_follows(tmp_path):
    # (根据… is how a unit's duties may start: the salutation rule is only for 为切实… / 现将… after addressees)
    lines = ["县林业局、县财政局:根据本部门的职责,协调对接好林改工作;负责林权证发放。"]
    res, _task = _import(tmp_path, lines)
    assert res.tasks and all(t.responsible == ["县林业局", "县财政局"] for t in res.tasks)


@pytest.mark.parametrize("text, names", [
    # h7607: the region's level written once before its departments, as 省 is
    ("自治区农业农村厅、自然资源厅、林草局", ["自治区农业农村厅", "自治区自然资源厅", "自治区林草局"]),
    # one collective of several levels, a bracket after one of them (as 各区、县(市)政府 and 各市、县人民政府 are)
    ("各市、县〔区〕人民政府", ["各市、县〔区〕人民政府"]),
    ("各市、县(区)人民政府", ["各市、县(区)人民政府"]),
    ("自治区党委宣传部、文化厅", ["自治区党委宣传部", "文化厅"]),
    # h7202: a named place written once before its departments (as 市 is); a bare name with no place stays bare
    ("银川市市场监督管理局、工业和信息化局", ["银川市市场监督管理局", "银川市工业和信息化局"]),
    ("市场监督管理局、工业和信息化局", ["市场监督管理局", "工业和信息化局"]),
    # h7101: the places of a level glued on after an office (a page lost the 、)
    ("综合行政执法局、市场监督管理局各街道办事处", ["综合行政执法局", "市场监督管理局", "各街道办事处"]),
    ("县水利局各股室", ["县水利局各股室"]),
])
def test_unit_names(text, names):
    assert unit_names(text) == names


def test_what_a_sentence_is_about_before_its_subject_is_part_of_its_task(tmp_path):
    # h7604: 「涉及的地质灾害搬迁经费,财政、民政、国土部门必须及时到位。」 was the task 「财政、民政、国土部门必须及时到位。」,
    # its first words lost (on no task)
    lines = ["一、工作措施",
             "(七)全面完成搬迁工作。各街道办事处和乡镇人民政府对已经认定的地质灾害点内必须实施搬迁避让的农户要严格按照时限要求"
             "组织实施搬迁工作。涉及的地质灾害搬迁经费,财政、民政、国土部门必须及时到位。"]
    _res, task = _import(tmp_path, lines)
    assert task("涉及的地质灾害搬迁经费").responsible == ["财政部门", "民政部门", "国土部门"]
    assert task("各街道办事处").content.endswith("组织实施搬迁工作。")


def test_schools_among_the_co_units(tmp_path):
    # h7005: 「由乡综治办牵头,教办、中学、派出所、文广站、共青团、各村小学密切配合」 gave no co-unit: 中学 and 各村小学 were no
    # units' names, and 密切 was no way of helping
    lines = ["一、整治安排", "由乡综治办牵头,教办、中学、派出所、文广站、共青团、各村小学密切配合,3至4月在全乡开展学校及周边整治行动。"]
    res, _task = _import(tmp_path, lines)
    assert [(t.lead, t.cooperating) for t in res.tasks] == [
        (["乡综治办"], ["教办", "中学", "派出所", "文广站", "共青团", "各村小学"])]


def test_bodies_opening_later_sentences_of_an_item_after_what_must_be_done(tmp_path):
    # h7507: 「要全力谋划项目。各特色工业园区每年要…。要全力促使项目开工。各地要加强项目跟踪服务…」: the 各地 sentence was no
    # task (a sentence of the item before the first body named no one, so only the places of a level could open one,
    # and 各特色工业园区 was no body)
    lines = ["二、主要任务",
             "(八)加快园区项目建设进程。要全力谋划项目。各特色工业园区每年要谋划建设10个以上投资超3000万元项目。要全力促使项目开工。"
             "各地要加强项目跟踪服务,着力解决影响项目开工的困难和问题,保证引进项目如期开工建设。"]
    _res, task = _import(tmp_path, lines)
    assert task("各特色工业园区每年要").responsible == ["各特色工业园区"]
    assert task("各地要加强项目跟踪服务").responsible == ["各地"]


@pytest.mark.parametrize("text, found, due, freq", [
    # 3月初 / 4月初之前: the month's first days (上旬), said in the notes; it was read as the month's end (3月31日)
    ("层层召开动员大会,3月初完成部署", "3月初", "2008-03-10", None),
    ("2008年4月初之前完成摸底", "2008年4月初之前", "2008-04-10", None),
    # 按月报送 / 按季度通报: a recurrence as 每月 / 每季度 is (it was no deadline at all)
    ("各区整治情况按月报送市城管局", "按月", None, "monthly"),
    ("加大社会宣传力度,按季度通报", "按季度", None, "quarterly"),
])
def test_deadline_words_of_the_month_start_and_per_period(text, found, due, freq):
    import datetime as dt
    from zhishui.deadlines import parse_deadline
    from zhishui.plan.dates import find_deadlines
    assert find_deadlines(text) == [found]
    d = parse_deadline(found, dt.date(2008, 1, 10))
    assert (str(d.due) if d.due else None, d.recurrence.freq if d.recurrence else None) == (due, freq)
    assert not d.problems
    if due:
        assert any("上旬" in n for n in d.notes)
