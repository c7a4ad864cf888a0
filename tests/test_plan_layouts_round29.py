"""Rules added after heldout26's errors were first looked at (its clean runs: tests/data/plans/
heldout26_first_run.txt, 53 of 66 tasks, 30 with every unit in the right role, on the rules of round 13; 55 and 32
with rounds 14-19; 53 and 32 with rounds 20-26; 54 and 33 with rounds 27 and 28, none of which saw it).  Each rule
reads a kind of layout or phrase: it is checked on a short text written for the test (other units, other words) and
on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import unit_names
from zhishui.plan.subjects import sentence_subject


def test_a_units_label_and_its_duties_after_a_colon(tmp_path):
    # (九)工商部门职责:依法确认…;配合…: the item is the unit's duty, whatever verb opens it
    res = _read(tmp_path, "二、职责分工\n(一)公安部门职责:依法查处非法营运车辆;配合交通部门开展联合检查。\n"
                          "(二)城管部门的主要职责:负责清理占道停放的车辆。\n")
    assert _task(res, "依法查处非法营运车辆").responsible == ["公安部门"]
    assert _task(res, "负责清理占道停放的车辆").responsible == ["城管部门"]
    res = _imported("h2606_ziyang_feifa_yingyun_zhize")
    assert _task(res, "负责出租汽车计价器调校").responsible == ["质监部门"]
    assert _task(res, "依法确认道路客运行业").responsible == ["工商部门"]


def test_a_units_items_run_on_after_its_name(tmp_path):
    # 三、监管职责…如下:(一)卫生部门1、负责监管…。2、牵头监管…,其他部门要密切配合。: the items are the unit's,
    # the one opening with 牵头 led by it
    text = ("一、工作目标全面规范食品摊贩经营秩序,切实保障群众饮食安全。二、监管职责按照分段监管的原则,各成员单位职责分工如下:"
            "(一)市场监管部门1、负责监管有固定门店的食品加工店。2、牵头监管无固定门店的食品摊贩,其他部门要密切配合。"
            "(二)城管部门1、负责查处占道经营的食品摊贩。\n")
    res = _read(tmp_path, text)
    assert _task(res, "负责监管有固定门店").responsible == ["市场监管部门"]
    assert _task(res, "牵头监管无固定门店").lead == ["市场监管部门"]
    assert _task(res, "负责查处占道经营").responsible == ["城管部门"]
    assert _task(_imported("h2610_county_xiaozuofang_tanfan"), "负责监管加工食品有固定门店").responsible == ["卫生部门"]


def test_words_between_a_subject_and_its_modal_and_two_stems_sharing_a_kind():
    # 各县(市、区)政府也应成立…: 也 is no part of the name; 公安及维稳部门: two departments
    assert sentence_subject("各县(市、区)政府也应成立领导小组")[0] == ["各县(市、区)政府"]
    assert unit_names("公安及维稳部门") == ["公安部门", "维稳部门"]
    assert unit_names("各有关乡镇区及部门") == ["各有关乡镇区", "各有关部门"]
    # 住宅小区: a place, not a district's body
    assert sentence_subject("新建住宅小区均应建立业主委员会") is None
    t = _task(_imported("h2614_city_linquan_gaige_zhize"), "制定林改工作应急预案")
    assert t.responsible == ["公安部门", "维稳部门"]


def test_a_body_taking_on_work_and_a_mandate_before_the_subject(tmp_path):
    # 根据…授权,国家统计局组织开展…; X统计执法监督局承担…日常工作: the office after the other's name
    res = _read(tmp_path, "第三条 根据省委、省政府授权,省统计局组织开展统计督察。\n"
                          "第四条 省统计局负责统筹统计督察工作。省统计局执法监督处承担统计督察日常工作。\n")
    assert _task(res, "省统计局组织开展统计督察").responsible == ["省统计局"]
    assert _task(res, "执法监督处承担").responsible == ["省统计局执法监督处"]
    t = _task(_imported("h2612_quanguo_tongji_ducha_guiding"), "統計執法監督局承擔")
    assert t.responsible == ["國家統計局統計執法監督局"]


def test_a_steps_title_and_time_run_into_its_text(tmp_path):
    # (一)动员部署阶段(3月1日-3月10日)各区城管局召开动员会…: the step is the heading, the bodies after it the owners
    res = _read(tmp_path, "三、整治步骤\n(一)动员部署阶段(3月1日-3月10日)各区城管局召开专项动员会,布置工作任务。\n")
    t = _task(res, "各区城管局召开专项动员会")
    assert t.responsible == ["各区城管局"] and t.category == "动员部署阶段(3月1日-3月10日)"
    assert _task(_imported("h2601_city_canyin_youyan_chunji"), "各县区城管局召开专项动员会").responsible == ["各县区城管局"]


def test_unit_names_are_given_without_a_pages_pinyin_readings():
    # 刑釋解教人員安置幫教工作領(lǐng)導(dǎo)小組: the name for the list is 領導小組; the task's text keeps the page's
    res = _imported("h2604_xiang_anzhi_bangjiao_zhize")
    t = _task(res, "抓好刑滿釋放人員")
    assert t.responsible == ["刑釋解教人員安置幫教工作領導小組"]


def test_a_table_printed_a_cell_a_line_with_its_headings_in_merged_rows(tmp_path):
    # 重点工作 | / 责任分工 | / 牵头部门 | / 完成时限 | then 二、主要任务 | ||| / 1. title | ||| / task | units | lead | date |:
    # each cell closed by a bar, a heading row ended by a line of bars; a cell the page wrapped goes on
    text = ("重点工作 |\n责任分工 |\n牵头部门 |\n完成时限 |\n一、主要任务 |\n|||\n1. 规范摊点经营 |\n|||\n"
            "(1)各地要划定摊点经营区域, |\n各县(市、区)市场监管部门 |\n市市场监管局 |\n2024年6月底 |\n"
            "(2)建立摊点登记制度,实行\n动态管理。 |\n各县(市、区)城管部门 |\n市城管局 |\n持续进行 |\n"
            "2. 加强监督检查 |\n|||\n(1)开展联合检查。 |\n各县(市、区)政府 |\n市政府办 |\n每季度 |\n")
    res = _read(tmp_path, text)
    assert [t.content[:6] for t in res.tasks] == ["(1)各地要", "(2)建立摊", "(1)开展联"]
    t = _task(res, "建立摊点登记制度")
    assert (t.lead, t.responsible, t.deadline, t.category) == (["市城管局"], ["各县(市、区)城管部门"], "持续进行",
                                                               "1. 规范摊点经营")
    assert "实行动态管理" in t.content
    assert _task(res, "开展联合检查").category == "2. 加强监督检查"
    t = _task(_imported("h2609_jiangxi_xiaozuofang_fengong"), "强化登记服务")
    assert (t.lead, t.deadline, t.category) == (["省市场监管局"], "2019年12月底", "1. 全力推动食品小作坊登记工作")
