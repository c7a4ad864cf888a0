"""Rules added after heldout30's errors were first looked at (its clean runs: tests/data/plans/
heldout30_first_run.txt, 45 of 74 tasks, 37 with every unit in the right role, on the rules of round 13; 48 and 43
with rounds 14-19; 53 and 45 with rounds 20-26; 54 and 46 with rounds 27-32 and the trial's fixes, none of which saw
it), and after tracing the tasks rounds 20-26 had cost heldout29 (h2914).  Each rule reads a kind of layout or phrase:
it is checked on a short text written for the test (other units, other words) and on the document it was found in."""
from __future__ import annotations

import datetime as dt

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.deadlines import parse_deadline
from zhishui.plan.attributions import unit_names
from zhishui.plan.dates import find_deadlines
from zhishui.plan.subjects import sentence_subject


def test_an_items_text_after_its_short_title_is_read_as_a_paragraph_of_its_own(tmp_path):
    # (三)制定优惠政策,推进沼气建设。各级政府要…。各级财政部门要…: the sentence rules read no subject after the title
    # (its first sentence names no one), so nothing of the item was a task; a slogan's 社会参与 kept the subject
    # reading away too
    res = _read(tmp_path, "(二)完善扶持政策,加快设施建设。各级政府要加大投入,统筹安排建设资金。各级财政部门要安排专项资金,"
                          "支持设施运行维护。金融部门要给予贷款支持,形成“政府主导、社会参与”的投入机制。\n")
    assert _task(res, "各级政府要加大投入").responsible == ["各级政府"]
    assert _task(res, "各级财政部门要安排专项资金").responsible == ["各级财政部门"]
    assert _task(res, "金融部门要给予贷款支持").responsible == ["金融部门"]
    res = _imported("h2914_sheng_nongcun_zhaoqi_zhengce")
    assert _task(res, "各级政府要充分发挥引导作用").responsible == ["各级政府"]
    assert _task(res, "各级财政部门要安排专项资金").responsible == ["各级财政部门"]


def test_a_units_verb_may_open_with_according_to_or_grant(tmp_path):
    # 由自治区人民政府依照国家有关规定制定… / 由各级人民政府给予表彰和奖励: 依照/依据/根据 and 给予/予以 start the verb
    res = _read(tmp_path, "第五条 监测经费纳入财政预算,专款专用,由县人民政府依照有关规定制定使用办法。\n"
                          "第六条 在河道保护中成绩显著的单位和个人,由市人民政府予以表彰。\n")
    assert _task(res, "由县人民政府依照有关规定").responsible == ["县人民政府"]
    assert _task(res, "由市人民政府予以表彰").responsible == ["市人民政府"]
    res = _imported("h3006_zizhiqu_xinxing_qiangti_cailiao")
    assert _task(res, "新型墙体材料专项基金纳入财政管理").responsible == ["自治区人民政府"]
    res = _imported("h3002_sheng_tuigeng_huanlin_guiding")
    assert _task(res, "在退耕還林工作中做出突出貢獻的單位和個人").responsible == ["各級人民政府"]


def test_the_case_a_sentence_is_about_may_come_before_its_subject(tmp_path):
    # 凡组建沼气服务站(公司)…的,工商、税务、民政等部门要… / 在城市规划区内,…: the case or the place, then the subject
    res = _read(tmp_path, "三、工作措施\n各乡镇要做好宣传。凡新建农村污水处理站的,生态环境部门要及时办理环评审批。\n")
    assert _task(res, "凡新建农村污水处理站的").responsible == ["生态环境部门"]
    res = _imported("h2914_sheng_nongcun_zhaoqi_zhengce")
    assert _task(res, "凡组建沼气服务站").responsible == ["工商部门", "税务部门", "民政部门"]


def test_a_rules_scene_of_up_to_two_clauses_before_the_unit_that_must_act(tmp_path):
    # 在国家禁止使用实心粘土砖的城市规划区内,新建、改建、扩建建筑工程,设计单位应当…: only a unit with 应当/必须/要
    res = _read(tmp_path, "第九条 在饮用水水源保护区内,新建、扩建供水工程,设计单位应当同步设计水质监测设施。\n")
    assert _task(res, "在饮用水水源保护区内").responsible == ["设计单位"]
    res = _read(tmp_path, "第九条 在饮用水水源保护区内,新建、扩建供水工程,设计单位同步设计水质监测设施。\n")
    assert not any(t.responsible == ["设计单位"] for t in res.tasks)
    res = _imported("h3006_zizhiqu_xinxing_qiangti_cailiao")
    assert _task(res, "在国家禁止使用实心粘土砖的城市规划区内").responsible == ["设计单位"]


def test_a_later_sentence_under_a_numbered_heading_may_open_with_its_subject(tmp_path):
    # (五)强化目标责任追究。 / 根据…部署,制定…计划。按照属地管理、分级负责原则,各地要…。领导小组根据…,年终进行考核。:
    # a page with no 一、 level on it, the item's heading is the section of the work the paragraph is in
    res = _read(tmp_path, "(三)加强考核。\n根据年度目标,制定考核细则。按照分级负责原则,各县要将目标逐级分解。"
                          "市考核办根据各县报送的情况,年终进行考核。\n")
    assert _task(res, "各县要将目标逐级分解").responsible == ["各县"]
    pt = _task(res, "市考核办根据各县报送的情况")
    assert pt.responsible == ["市考核办"] and pt.deadline == "年终"
    res = _imported("h3011_sheng_taotai_luohou_shengchan_nengli")
    assert _task(res, "按照属地管理、分级负责原则,各地要").responsible == ["各地"]
    assert _task(res, "领导小组根据各市(州、地)").deadline == "年终"


def test_after_a_duty_in_one_sentence_an_office_or_the_places_of_a_level_open_the_next(tmp_path):
    # …,各级政府要…责令其停产…,省经贸委督促电力监管部门…停止供电: each office its own duty; …,对…的项目,各区政府要…
    res = _read(tmp_path, "三、工作措施\n对超标排放的企业,各县政府要责令限期整改,市生态环境局督促企业安装在线监测设备,"
                          "对拒不整改的企业,各区政府要依法予以关停。\n")
    assert _task(res, "对超标排放的企业,各县政府要").responsible == ["各县政府"]
    assert _task(res, "市生态环境局督促企业安装").responsible == ["市生态环境局"]
    assert _task(res, "对拒不整改的企业,各区政府要").responsible == ["各区政府"]
    # …,并会同X等部门…: the duty's own 会同, no office of its own
    res = _read(tmp_path, "(十)市整治办要做好协调工作,并会同市公安局、市监察局等部门开展督查。\n")
    assert _task(res, "市整治办要做好协调工作").cooperating == ["市公安局", "市监察局"]
    assert not any(t.responsible and t.responsible[0].startswith("并") for t in res.tasks)
    res = _imported("h3011_sheng_taotai_luohou_shengchan_nengli")
    assert _task(res, "省经贸委督促电力监管部门").responsible == ["省经贸委"]


def test_the_case_before_a_later_duty_in_the_sentence_heads_it(tmp_path):
    # …,由辖区政府监察部门进行查处,对属于土地违规行为,由国土部门查处,…: 对属于土地违规行为 is 国土部门's case
    res = _read(tmp_path, "三、工作措施\n对违法排污的企业,由区环保局依法查处,对涉嫌犯罪的,由区公安分局依法处理。\n")
    assert _task(res, "对涉嫌犯罪的,由区公安分局依法处理").responsible == ["区公安分局"]
    res = _imported("h3001_city_fangdichan_zhixu_zhengzhi")
    assert _task(res, "对属于土地违规行为,由国土部门查处").responsible == ["国土部门"]


def test_a_same_below_note_in_a_list_of_levels_is_no_part_of_the_names():
    # 省、市(含行署,下同)、县(含县级市、区,下同)人民政府: each level's government, the note dropped
    assert unit_names("省、市(含地区,下同)、县(含县级市、区,下同)人民政府") == ["省人民政府", "市人民政府", "县人民政府"]
    assert unit_names("市、县(下同)水行政主管部门") == ["市水行政主管部门", "县水行政主管部门"]
    res = _imported("h3002_sheng_tuigeng_huanlin_guiding")
    assert _task(res, "省、市(含行署,下同)、縣").responsible == ["省人民政府", "市人民政府", "縣人民政府"]


def test_each_on_its_own_before_its_role_word(tmp_path):
    # 省林业工业局和省农垦总局分别负责本系统的…: 分别/各自, as 要 or 应当, before 负责
    res = _read(tmp_path, "县水务局和县农业农村局分别负责本系统的节水工作,接受县发展改革局的指导。\n")
    assert _task(res, "县水务局和县农业农村局分别负责").responsible == ["县水务局", "县农业农村局"]
    res = _imported("h3002_sheng_tuigeng_huanlin_guiding")
    assert _task(res, "省林業工業局和省農墾總局分別負責").responsible == ["省林業工業局", "省農墾總局"]


def test_a_first_line_that_is_the_documents_title_is_not_joined_to_the_line_below(tmp_path):
    # 兰州市促进3岁以下婴幼儿照护服务发展工作部门职责分工 / 机构编制部门负责…: the title ends there
    res = _read(tmp_path, "某县农村饮水安全工作部门职责分工\n水利部门负责农村供水工程建设管理。\n卫生健康部门负责饮用水卫生监测。\n")
    assert _task(res, "水利部门负责农村供水工程建设管理").content.startswith("水利部门")
    res = _imported("h3004_lanzhou_tuoyu_zhize_fengong")
    assert _task(res, "机构编制部门负责为举办事业单位性质").responsible == ["机构编制部门"]


def test_year_end_written_nianzhong():
    # 年终进行考核: 年终 is the year's end, as 年底 and 年末 are; a year before it is read with it
    assert find_deadlines("领导小组年终进行考核。") == ["年终"]
    assert find_deadlines("2010年年终前完成验收。") == ["2010年年终前"]
    assert find_deadlines("2010年年末完成验收。") == ["2010年年末"]
    d = parse_deadline("年终", ref=dt.date(2010, 5, 1))
    assert d.due == dt.date(2010, 12, 31) and not d.problems and d.notes
    d = parse_deadline("每年年终", ref=dt.date(2010, 5, 1))
    assert d.recurrence is not None and d.recurrence.freq == "yearly"


def test_a_link_word_before_a_sentences_subject():
    # 为此,各地、各部门要充分认识…: the link word is not one of the names
    sub = sentence_subject("为此,各地、各部门要充分认识加强管理的重要性。")
    assert sub is not None and sub[0] == ["各地", "各部门"]
    res = _imported("h2909_sheng_feijiu_jinshu_shougou")
    assert _task(res, "各地、各部门要充分认识").responsible == ["各地", "各部门"]


def test_and_after_a_whole_name_before_stems_that_share_the_kind_after_deng():
    # 各级政府和经贸、供销等部门: the government, then 经贸部门 and 供销部门 (not 各级政府和经贸部门, 各级供销部门)
    assert unit_names("各级政府和经贸、供销等部门") == ["各级政府", "经贸部门", "供销部门"]
    assert unit_names("市政府和发展改革、财政等部门") == ["市政府", "发展改革部门", "财政部门"]
    assert unit_names("发展和改革、财政等部门") == ["发展和改革部门", "财政部门"]
    res = _imported("h2909_sheng_feijiu_jinshu_shougou")
    assert _task(res, "各级政府和经贸、供销等部门要按照").responsible == ["各级政府", "经贸部门", "供销部门"]
