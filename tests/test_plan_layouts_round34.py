"""Rules added after heldout31's errors were first looked at (its clean runs: tests/data/plans/
heldout31_first_run.txt, 45 of 80 tasks, 26 with every unit in the right role, on the rules of round 13; 48 and 31
with rounds 14-19; 45 and 30 with rounds 20-26; 49 and 33 with rounds 27-32; 50 and 34 with the first part of round
33, none of which saw it).  Each rule reads a kind of layout or phrase: it is checked on a short text written for the
test (other units, other words) and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit, unit_names, unit_run
from zhishui.plan.subjects import sentence_subject


def test_a_mobilisation_committee_is_a_unit(tmp_path):
    # 县级以上国防动员委员会应当…: 动员 had refused every name holding it (宣传动员 is work, 国防动员委员会 a body)
    assert looks_like_unit("县级以上国防动员委员会") and looks_like_unit("市国防动员办公室")
    assert not looks_like_unit("宣传动员")
    res = _read(tmp_path, "第八条 县国防动员委员会应当定期组织开展国防动员演练。\n")
    assert _task(res, "县国防动员委员会应当定期").responsible == ["县国防动员委员会"]
    res = _imported("h3113_fujian_guofang_dongyuan_tiaoli")
    assert _task(res, "县级以上国防动员委员会应当根据国防动员实施预案").responsible == ["县级以上国防动员委员会"]


def test_a_body_and_its_own_office():
    # 县级以上国防动员委员会及其办事机构: the committee and its office, two names
    assert unit_names("县级以上国防动员委员会及其办事机构") == ["县级以上国防动员委员会", "县级以上国防动员委员会办事机构"]
    assert unit_names("市生态环境局及其办公室") == ["市生态环境局", "市生态环境局办公室"]
    assert unit_names("市场监督管理局及其派出机构") == ["市场监督管理局及其派出机构"]    # a bureau and its branches
    res = _imported("h3113_fujian_guofang_dongyuan_tiaoli")
    assert _task(res, "县级以上国防动员委员会及其办事机构在编制").responsible == \
        ["县级以上国防动员委员会", "县级以上国防动员委员会办事机构"]


def test_a_report_on_a_document_then_whom_it_asks(tmp_path):
    # 《通知》要求,各地住房城乡建设主管部门要… / 《实施办法》要求各地大力推进… / …,并要求各地各校加强…
    res = _read(tmp_path, "近日,省水利厅印发《关于加强河道采砂管理的通知》。\n"
                          "《通知》要求,各市水行政主管部门要开展采砂专项检查。\n"
                          "执法方面,《通知》要求各地严格查处非法采砂行为。\n"
                          "通知明确有关部门的职责,加强执法衔接,并要求各县各部门建立联合巡查制度。\n")
    assert _task(res, "各市水行政主管部门要开展采砂专项检查").responsible == ["各市水行政主管部门"]
    assert _task(res, "要求各地严格查处").responsible == ["各地"]
    assert _task(res, "并要求各县各部门建立").responsible == ["各县各部门"]
    res = _imported("h3111_guangxi_yinjinggai_paicha_tongzhi")
    assert _task(res, "各地住房城鄉建設主管部門要根據").responsible == ["各地住房城鄉建設主管部門"]
    res = _imported("h3115_jiaoyubu_yingyang_gaishan_banfa2022")
    assert _task(res, "要求各地大力推進學校食堂供餐").responsible == ["各地"]


def test_who_asks_then_who_must_do_it(tmp_path):
    # 民政部要求,各试点单位要…;要在…指导下…: the units asked are the subject, and the clause after theirs
    res = _read(tmp_path, "市水务局要求,各排水单位要建立巡查台账,明确专人负责;要在汛前完成管网清淤。\n")
    assert _task(res, "各排水单位要建立巡查台账").responsible == ["各排水单位"]
    assert _task(res, "要在汛前完成管网清淤").responsible == ["各排水单位"]
    res = _imported("h1207_yiyang_jiehe_shidian")
    assert _task(res, "各試點單位要結合實際").responsible == ["各試點單位"]


def test_ministries_and_peoples_groups_end_a_unit_run(tmp_path):
    # 公安部参与相关关爱行动 / 全国妇联开展…: 部 alone ends words that are no unit (内部, 全部), the ministries do
    assert unit_run("民政部指导各地民政部门设立儿童督导员", 0) == ("民政部", 3)
    assert unit_run("全国妇联开展结对关爱", 0) == ("全国妇联", 4)
    assert unit_run("内部开展自查", 0) is None
    res = _read(tmp_path, "教育部要求各地改善乡村学校办学条件。\n省残联开展残疾儿童康复救助。\n")
    assert _task(res, "省残联开展残疾儿童康复救助").responsible == ["省残联"]
    res = _imported("h3109_liushou_ertong_bumen")
    assert _task(res, "全国妇联开展").responsible == ["全国妇联"]


def test_one_leads_and_others_carry_it_out_in_one_duty(tmp_path):
    # 由国家中医药管理局牵头,国家卫生健康委、科技部负责,加快…: one duty, the second list carrying it out
    res = _read(tmp_path, "在饮用水安全方面,由市水务局牵头,市生态环境局、市卫生健康委负责,加快水源地规范化建设。\n")
    pt = _task(res, "由市水务局牵头")
    assert pt.lead == ["市水务局"] and pt.responsible == ["市生态环境局", "市卫生健康委"]
    assert "加快水源地规范化建设" in pt.content
    res = _imported("h1407_zhongyiyao_chuancheng_fengong")
    pt = _task(res, "由国家中医药管理局牵头,国家卫生健康委、科技部负责")
    assert pt.lead == ["国家中医药管理局"] and pt.responsible == ["国家卫生健康委", "科技部"]


def test_deng_inside_the_words_of_a_time_is_no_list_of_stems(tmp_path):
    # 遇暴雨等极端天气时,窨井盖权属单位要…: not the stem 遇暴雨 sharing 单位; after a ；, the clause opening with its
    # time may open with its subject
    assert unit_run("遇暴雨等极端天气时,窨井盖权属单位要安排专人值守", 0) is None
    res = _read(tmp_path, "三、工作措施\n汛期前,排水管理单位要加密巡查;遇台风等极端天气时,排水管理单位要安排人员值守。\n")
    assert _task(res, "遇台风等极端天气时").responsible == ["排水管理单位"]
    res = _imported("h3111_guangxi_yinjinggai_paicha_tongzhi")
    assert _task(res, "遇暴雨等極端天氣時,窨井蓋權屬單位要安排專人值守").responsible == ["窨井蓋權屬單位"]


def test_a_case_ending_in_de_is_a_rules_scene(tmp_path):
    # (一)已经依法成立的,民政部门应于2018年6月30日前完成标识并公告。
    res = _read(tmp_path, "(一)已经取得许可的,县市场监管局应于2025年6月30日前完成复核。\n")
    pt = _task(res, "已经取得许可的")
    assert pt.responsible == ["县市场监管局"] and "2025年6月30日前" in pt.deadline
    res = _imported("h3106_minzhengbu_zhiyuan_zuzhi_biaoshi2018")
    assert _task(res, "已经依法成立的,民政部门应于").responsible == ["民政部门"]


def test_lianhe_before_co_units_and_the_youth_league(tmp_path):
    # 由人力资源和社会保障局牵头,联合工会、共青团和妇联等共同参与: 联合 is the verb; 共青团 a whole name before 和
    assert unit_names("工会、共青团和妇联等") == ["工会", "共青团", "妇联"]
    res = _read(tmp_path, "托育服务由县卫生健康局牵头,联合县总工会、共青团和妇联等共同参与。\n")
    pt = _task(res, "由县卫生健康局牵头")
    assert pt.lead == ["县卫生健康局"] and pt.cooperating == ["县总工会", "共青团", "妇联"]
    res = _imported("h3103_jiazheng_fuwu_bumen")
    assert _task(res, "由人力资源和社会保障局牵头").cooperating == ["工会", "共青团", "妇联"]


def test_a_subject_that_only_takes_part_is_whom_the_task_is_left_to(tmp_path):
    # 公安部参与相关关爱行动,确保留守儿童的安全。: no one leads or answers for it: the unit is responsible, flagged
    res = _read(tmp_path, "县公安局参与校园周边安全整治,确保学生安全。\n")
    pt = _task(res, "县公安局参与校园周边安全整治")
    assert pt.responsible == ["县公安局"] and not pt.cooperating
    assert any("参与或配合" in r for r in pt.review)
    res = _read(tmp_path, "县教育局负责校园周边安全整治,县公安局参与。\n")
    pt = _task(res, "县教育局负责校园周边安全整治")
    assert pt.responsible == ["县教育局"] and pt.cooperating == ["县公安局"]
    res = _imported("h3109_liushou_ertong_bumen")
    assert _task(res, "公安部参与相关关爱行动").responsible == ["公安部"]


def test_the_governments_of_a_level_set_off_by_a_comma_before_their_modal():
    # 各县(市)人民政府在制定农村客运发展规划和运力投放规划时,应根据…: the subject (its time not part of the name)
    sub = sentence_subject("各县(市)人民政府在编制年度计划时,应充分听取乡镇意见。")
    assert sub is not None and sub[0] == ["各县(市)人民政府"]
    # 各区县要高度重视此项工作,…: a sentence whose places already said their verb is not a subject set off by a comma
    sub = sentence_subject("各区县要高度重视此项工作,要明确专人负责。")
    assert sub is not None and sub[0] == ["各区县"]
    res = _imported("h3102_xibu_nongcun_keyun_guihua")
    assert _task(res, "各县(市)人民政府在制定农村客运发展规划").responsible == ["各县(市)人民政府"]
