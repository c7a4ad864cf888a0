"""Rules of round 9, each a reader for a kind of layout or phrase real plans use, checked first on a
short text written here in that kind (other units, other words) and then on the corpus case it was
found in (tests/data/plans/corpus, heldout6)."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _plan, task_with as _task




def test_items_naming_no_unit_are_not_tasks_when_a_later_section_shares_the_work_by_unit(tmp_path):
    res = _plan(tmp_path, "二、重点任务\n"
                "(一)全面排查城区易涝点,建立积水点台账。\n"
                "(二)加快老旧排水管网更新改造。\n"
                "三、部门职责\n"
                "(一)县住建局为城区排水防涝工作的牵头单位。\n"
                "1、负责组织排查城区易涝点并建立台账。\n"
                "2、负责老旧排水管网更新改造项目的实施。\n")
    assert [t.content for t in res.tasks] == ["负责组织排查城区易涝点并建立台账。", "负责老旧排水管网更新改造项目的实施。"]
    assert all(t.responsible == ["县住建局"] for t in res.tasks)
    assert sum("部门职责" in why for _w, _t, why in res.review) == 2
    # without a section sharing the work out, the same items stay tasks for the clerk to fill in
    res = _plan(tmp_path, "二、重点任务\n(一)全面排查城区易涝点,建立积水点台账。\n(二)加快老旧排水管网更新改造。\n")
    assert len(res.tasks) == 2 and all("补填" in " ".join(t.review) for t in res.tasks)
    # h614 宝山: 三、主要任务 (一)-(九) with no unit, then 四、职责分工 (一)区水务局为…的牵头、协调单位。 1、… 2、…
    res = _imported("h614_baoshan_jiewu")
    assert len(res.tasks) == 2 and all(t.responsible == ["区水务局"] for t in res.tasks)


def test_a_notice_printed_a_field_name_a_line_with_its_time_and_checking_units(tmp_path):
    # headed fields, each value on the next line: 整改事项 is the matter, 验收单位 and 整改措施 are
    # field names (not measures), 整改时限 the time of every measure
    res = _plan(tmp_path, "一、整改事项\n第九项,督察发现,城东片区污水直排入河。\n二、责任单位\n甲县住建局、甲县水利局\n"
                "三、验收单位\n甲县生态环境局\n四、整改时限\n2026年6月底前\n五、整改措施\n"
                "(一)排查溯源。对片区排口逐一排查,建立问题清单。\n(二)截污纳管。完成片区管网改造。\n")
    assert [t.content[:4] for t in res.tasks] == ["排查溯源", "截污纳管"]
    assert all(t.responsible == ["甲县住建局", "甲县水利局"] and t.deadline == "2026年6月底前" for t in res.tasks)
    # h604 镇江: 一、整改事项 / 二、责任单位 / **区委、区政府 / 三、验收单位 / … / 五、整改时限 / 2025年12月底前 / 六、整改措施
    res = _imported("h604_zhenjiang_banyuegou_zhenggai")
    assert [t.content[:6] for t in res.tasks] == ["加大排口整治", "完成雨污分流", "强化河道管护"]
    assert all(t.deadline == "2025年12月底前" and t.responsible == ["区委", "区政府"] for t in res.tasks)


def test_a_notice_of_one_matter_its_target_and_its_units_is_one_task_timed_by_the_target(tmp_path):
    res = _plan(tmp_path, "一、整改任务:\n乙河支流沿岸垃圾长期堆积,河道管护责任不落实。\n二、整改目标:\n"
                "2027年3月底前完成乙河支流沿岸垃圾清理。\n三、整改责任单位:\n乙市城管局、乙市水务局\n四、整改完成情况:\n"
                "已清理垃圾300吨。\n")
    assert len(res.tasks) == 1
    t = res.tasks[0]
    assert t.content.startswith("乙河支流沿岸垃圾长期堆积") and t.deadline == "2027年3月底前"
    assert t.responsible == ["乙市城管局", "乙市水务局"]
    # h616 塔城: 一、整改任务: / … / 二、整改目标: / 2018年底前… / 三、整改责任单位: / …裕民县党委、人民政府
    t = _imported("h616_tacheng_zhenggai2018").tasks[0]
    assert "放宽为非确定性要求" in t.content and t.deadline == "2018年底前"


def test_places_before_a_shared_party_committee_and_government_each_have_both():
    from zhishui.unitnames import split_units
    assert [t.name for t in split_units("省交通厅、丙市、丁县党委、人民政府")] == \
        ["省交通厅", "丙市党委", "丙市人民政府", "丁县党委", "丁县人民政府"]
    assert [t.name for t in split_units("县委、县政府")] == ["县委", "县政府"]
    t = _imported("h616_tacheng_zhenggai2018").tasks[0]
    assert t.responsible == ["地区住房和城乡建设局", "塔城市党委", "塔城市人民政府", "额敏县党委", "额敏县人民政府",
                             "托里县党委", "托里县人民政府", "裕民县党委", "裕民县人民政府"]


def test_the_last_cells_of_a_bar_row_wrapped_onto_a_line_of_their_own_go_back_to_it(tmp_path):
    res = _plan(tmp_path, "序号 | 工作任务 | 牵头单位 | 配合单位 | 进展 | 存在问题 | 联系人 |\n"
                "3 | 完成城北污水厂扩建。 | 县水务局 | 县财政局 | 已开工 |\n"
                "资金尚未到位。 | 李明 13900000000 |\n"
                "4 | 新建雨水管网5公里。 | 县住建局 | 县自然资源局 | 序时推进 | 无 | 张红 |\n")
    assert [t.content for t in res.tasks] == ["完成城北污水厂扩建。", "新建雨水管网5公里。"]
    assert res.tasks[0].lead == ["县水务局"] and res.tasks[0].cooperating == ["县财政局"]
    assert any("下一行" in why for _w, _t, why in res.review)
    # h609 淮南: row 99's 进度滞后原因 and 联系人 cells on the line after it
    res = _imported("h609_huainan_linye2021")
    assert len(res.tasks) == 2 and not any("王家耀" in t.content for t in res.tasks)


def test_a_short_title_sentence_heads_the_duty_that_only_names_who_leads_it(tmp_path):
    res = _plan(tmp_path, "三、下步重点工作\n关于畜禽养殖污染治理。县农业农村局牵头负责,年内完成规模养殖场粪污设施配套。"
                "关于黑臭水体整治。县住建局负责,6月底前完成城区两条黑臭水体清淤。\n")
    t = _task(res, "关于畜禽养殖污染治理")
    assert t.lead == ["县农业农村局"] and t.content.startswith("关于畜禽养殖污染治理。县农业农村局牵头负责")
    assert _task(res, "关于黑臭水体整治").responsible == ["县住建局"]
    # h607 四川: 关于砂石行业整治。县水务局牵头负责,结合之前省环保督察“回头看”整改工作一并推进。
    assert _task(_imported("h607_sichuan_huanjing_jianghua"), "关于砂石行业整治").lead == ["县水务局"]


def test_an_item_that_only_sets_up_the_leading_group_is_not_a_task(tmp_path):
    res = _plan(tmp_path, "二、工作措施\n1、加强组织领导。成立街道河道保洁工作领导小组,由街道主任任组长,分管副主任任副组长。\n"
                "2、开展河道清障。全面清理河道内的漂浮物和阻水障碍。\n")
    assert [t.content[:6] for t in res.tasks] == ["开展河道清障"]
    assert any("领导小组" in t and "组织保障" in why for _w, t, why in res.review)
    # h606 嘉善: 1、加强组织领导。成立镇农村环境卫生集中整治行动领导小组,… (not labelled: no task assigned)
    assert not any("领导小组,由镇党委书记任顾问" in t.content for t in _imported("h606_jiashan_huanwei").tasks)


def test_a_units_duties_listed_under_its_sentence_are_its_tasks_and_the_catch_all_is_not(tmp_path):
    res = _plan(tmp_path, "第十条 县农业农村主管部门负责畜禽养殖污染防治的监督指导,履行下列职责:\n"
                "(一)编制畜禽养殖污染防治规划;\n(二)指导养殖场配套建设粪污处理设施;\n(三)法律法规规定的其他职责。\n"
                "第十一条 乡镇人民政府应当做好本辖区的养殖场巡查工作。\n")
    assert [t.content for t in res.tasks][1:3] == ["编制畜禽养殖污染防治规划", "指导养殖场配套建设粪污处理设施"]
    assert all(t.responsible == ["县农业农村主管部门"] for t in res.tasks[:3])
    assert not any("其他职责" in t.content for t in res.tasks)
    assert _task(res, "做好本辖区的养殖场巡查工作").responsible == ["乡镇人民政府"]
    # h618 内蒙古: 第七條市人民政府生態環境主管部門負責…,履行下列職責: / (壹)制定飲用水水源保護專項規劃; …
    res = _imported("h618_neimenggu_shuiyuan_tiaoli")
    assert _task(res, "制定飲用水水源保護專項規劃").responsible == ["市人民政府生態環境主管部門"]
    assert _task(res, "實行取水許可制度").responsible == ["市、縣級人民政府水行政主管部門"]


def test_an_article_number_after_the_article_before_is_not_part_of_the_unit(tmp_path):
    res = _plan(tmp_path, "(五)其他有关工作。第九条县水利局负责河道采砂的监督管理。\n")
    assert _task(res, "河道采砂").responsible == ["县水利局"]
    res = _imported("h618_neimenggu_shuiyuan_tiaoli")
    assert _task(res, "對飲用水水源汙染防治實施統壹監督管理").responsible == ["市人民政府生態環境主管部門"]


def test_a_regulations_subject_acting_by_its_duties_and_the_levels_of_one_body():
    from zhishui.plan.prose import prose_duties
    from zhishui.unitnames import split_units
    d = prose_duties("省、市级人民政府林业主管部门按照职责对湿地保护实施监督管理。")
    assert [x.responsible for x in d] == [["省、市级人民政府林业主管部门"]]
    assert [t.name for t in split_units("镇人民政府和街道办事处")] == ["镇人民政府", "街道办事处"]


def test_a_traditional_copy_that_wrote_every_one_as_banker_one_is_read_with_its_numbers(tmp_path):
    from zhishui.plan.traditional import simplified
    assert simplified("(壹)統壹規劃") == "(一)统一规划"


def test_rows_run_on_with_spaces_between_cells_and_no_row_numbers(tmp_path):
    res = _plan(tmp_path, "附件 责任分解表 工作任务 责任单位 配合单位 完成时限 组织开展城区餐饮油烟专项检查,依法查处超标排放. "
                "区市场监管局 6月底前 负责渣土运输车辆密闭化改造. 区城市 管理局 长期坚持 督促建筑工地落实六个百分之百. "
                "区住建局 9月底前完成 验收\n")
    got = [(t.content[:8], t.responsible, t.deadline) for t in res.tasks]
    assert got == [("组织开展城区餐饮", ["区市场监管局"], "6月底前"), ("负责渣土运输车辆", ["区城市管理局"], "长期坚持"),
                   ("督促建筑工地落实", ["区住建局"], "9月底前完成 验收")]
    # h610 监利: …职责清单 工作任务和内容 责任单位 配合单位 完成时间 负责…. 县委宣传部 持续开展 …. 县交通 运输局 12月底前…
    res = _imported("h610_jianli_daqi2018")
    assert _task(res, "砂石场的扬尘污染防治").responsible == ["县交通运输局"]
    assert _task(res, "百日攻坚工作方案").deadline == "7月底前制定 扬尘治理方案"


def test_pinyin_readings_after_characters_are_read_past_and_kept_in_what_is_given_back(tmp_path):
    res = _plan(tmp_path, "(一)河道保洁。县环卫处(chù)负(fù)责城区河道的日常保洁。\n")
    t = _task(res, "河道的日常保洁")
    assert t.responsible == ["县环卫处"] and "负(fù)责" in t.content      # a reading inside a span is kept
    assert any("拼音" in n for n in res.document.notes)
    # h613 (traditional characters): 農(nóng)辦 / 農(nóng)機(jī)站 are given as the names 農辦 / 農機站 (round 29: a list and
    # its directory hold names, the readings stay in the task's text)
    t = _task(_imported("h613_town_jiegan_forum"), "搞好秸稈還田")
    assert t.responsible == ["農辦", "農機站"] and "(" in t.content


def test_a_forums_anti_copy_jammer_between_sentences_is_dropped():
    from zhishui.plan.texttables import clean
    assert clean("二是开展宣传。发放倡议书。. E# u' w6 V: b+ E") == "二是开展宣传。发放倡议书。"
    assert clean("7 }7 g$ [9 a5 Q: J' x! r: w% F五是加强执法。") == "五是加强执法。"
    assert clean("PM2.5 年均浓度下降 5 % 以上") == "PM2.5 年均浓度下降 5 % 以上"


def test_measures_enumerated_first_second_are_one_task_each_with_their_subject_units(tmp_path):
    res = _plan(tmp_path, "一是开展入河排污口排查。县生态环境局组织排查全县入河排污口,建立台账。\n"
                "二是加强宣传引导。各村张贴公告。\n"
                "三是推进农村改厕。县农业农村局负责改厕技术指导,乡镇卫生院负责粪污无害化处理。\n")
    assert [(t.content[:6], t.responsible) for t in res.tasks] == [
        ("开展入河排污", ["县生态环境局"]), ("推进农村改厕", ["县农业农村局", "乡镇卫生院"])]
    res = _imported("h613_town_jiegan_forum")
    assert _task(res, "依法加大對焚燒秸稈行為的打擊力度").responsible == ["派出所"]


def test_each_units_block_of_duties_run_on_in_one_paragraph_is_read_as_its_own(tmp_path):
    # a copy that lost its line breaks: …如下:X。负责…。Y、Z。负责… and … .X: duty。 duty。 .Y: …
    res = _plan(tmp_path, "三、职责分工 各成员单位职责如下:市城管局。负责城区垃圾清运。加强渣土车辆管理。"
                "市水务局、市排水公司。负责排水管网疏通,汛前完成管网清淤。\n"
                "四、保障措施 。 .区教育局: 开展节水宣传进校园。 组织学生参观污水处理厂。 .区卫健委: 做好饮用水卫生监测。\n")
    got = [(t.content[:8], t.responsible) for t in res.tasks]
    assert got == [("负责城区垃圾清运", ["市城管局"]), ("加强渣土车辆管理", ["市城管局"]),
                   ("负责排水管网疏通", ["市水务局", "市排水公司"]), ("开展节水宣传进校", ["区教育局"]),
                   ("组织学生参观污水", ["区教育局"]), ("做好饮用水卫生监", ["区卫健委"])]
    # h612 (…各组成单位及其职责如下:县环保局。负责…) and h615 (.各乡(镇)人民政府,栖山管理局: 组织…)
    res = _imported("h612_county_jiegan_jinshao")
    assert _task(res, "两侧燃烧秸秆情况的巡查").responsible == ["县交通局", "县公路局"]
    res = _imported("h615_county_xuqin_zhengzhi")
    assert _task(res, "开展有关污染整治法规宣传教育").responsible == ["各乡(镇)人民政府", "栖山管理局"]
    # an attribution's labels inside brackets are not blocks
    res = _plan(tmp_path, "1.加强排口监管。(牵头单位:县环保局;配合单位:县水利局)严控新增排口。(责任单位:县住建局)\n")
    assert [t.lead or t.responsible for t in res.tasks] == [["县环保局"], ["县住建局"]]


def test_a_document_librarys_page_marker_inside_a_word_is_dropped():
    from zhishui.plan.texttables import clean
    assert clean("对发第3页共4页生重大事故的责任人追责") == "对发生重大事故的责任人追责"
    assert clean("第1页，共12页") == ""


def test_a_heading_run_on_after_the_attribution_that_closes_the_task_before(tmp_path):
    res = _plan(tmp_path, "二、重点任务 (一)控源截污 1.完成城西片区雨污分流改造。(责任单位:区住建局) 2.整治沿河排口。"
                "(责任单位:区水务局) 三、示范工程 (一)生态缓冲带建设 3.建设河道生态缓冲带5公里。(责任单位:区林业局)\n")
    t = _task(res, "建设河道生态缓冲带")
    assert t.responsible == ["区林业局"] and t.category.endswith("生态缓冲带建设")
    assert _task(res, "整治沿河排口").category.endswith("控源截污")
    # h502 无锡: …(责任部门:市环保局、监察局) 三、示范项目任务分解 (一)中瑞低碳生态城建设示范项目 46.按照规划设计方案…
    t = _task(_imported("h502_wuxi_shengtai_fengong"), "按照规划设计方案,高标准建设供水")
    assert t.category.endswith("中瑞低碳生态城建设示范项目")


def test_a_pages_continued_note_is_not_text():
    from zhishui.plan.texttables import clean
    assert clean("[接上页] 3.建设水土保持示范园。") == "3.建设水土保持示范园。"
    assert clean("（续上页）(二)集中整治阶段。") == "(二)集中整治阶段。"


def test_headings_and_items_run_together_with_no_space_are_cut_where_the_numbering_counts_on(tmp_path):
    text = ("河道保洁工作方案为改善河道环境,制定本方案。工作目标:到年底河道保洁覆盖率达到100%,其中一、二级河道全部落实专人。"
            "一、强化日常保洁,落实长效管护(一)建立保洁队伍。各镇组建专业保洁队伍,配备保洁船只。(各镇人民政府负责)"
            "(二)落实保洁经费。将河道保洁经费纳入年度预算。(县财政局负责)二、加强监督考核(一)开展月度考核。"
            "每月对各镇河道保洁情况进行考核。(县河长办牵头)")
    res = _plan(tmp_path, text + "\n")
    got = [(t.content[:6], t.lead or t.responsible, t.category) for t in res.tasks]
    assert got == [("建立保洁队伍", ["各镇人民政府"], "一、强化日常保洁,落实长效管护"),
                   ("落实保洁经费", ["县财政局"], "一、强化日常保洁,落实长效管护"),
                   ("开展月度考核", ["县河长办"], "二、加强监督考核")]
    # h413: …主要指标:…。一、做好土壤污染详查,全面掌握土壤污染状况(一)开展土壤环境质量详查。…(县环保局牵头,…配合)(二)…
    t = _task(_imported("h413_xian_turang2020"), "开展土壤环境质量详查")
    assert t.content.startswith("开展土壤环境质量详查") and t.category == "一、做好土壤污染详查,全面掌握土壤污染状况"


def test_the_matter_of_a_notice_read_from_a_numbered_heading_keeps_it_as_its_category(tmp_path):
    res = _plan(tmp_path, "一、整改任务\n丙镇垃圾中转站渗滤液直排问题。\n二、整改责任单位\n丙镇人民政府\n三、整改完成情况\n已完成。\n")
    t = res.tasks[0]
    assert t.content.startswith("丙镇垃圾中转站") and t.responsible == ["丙镇人民政府"] and t.category == "一、整改任务"
    # h506 和布克赛尔: 一、整改任务 / 自治区住建厅推进落实环保基础设施建设不力… / 二、 整改责任单位 / …
    assert _task(_imported("h506_hebukesaier_zhenggai2020"), "自治区住建厅推进落实").category == "一、整改任务"
