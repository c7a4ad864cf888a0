"""Rules added after heldout56's errors were first looked at (its clean runs: tests/data/plans/heldout56_first_run.txt,
28 of 35 tasks, 19 with every unit in the right role, unchanged since round 14).  heldout56 holds business-environment,
employment, investment-promotion and government-service plans.  Each rule is checked on a text written for the test
and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import unit_names


def test_the_measures_below_all_fall_to_units_not_listed_again(tmp_path):
    # (责任单位:市工信局…,各县区人民政府、园区管委会。以下政策措施均需各县区人民政府、园区管委会落实,不再单独列出)
    res = _read(tmp_path, "一、落实财税支持政策\n"
                          "1.设立专项引导资金。(责任单位:市财政局。以下政策措施均需各县区人民政府落实,不再单独列出)\n"
                          "2.成立工作专班。(责任单位:市工信局)\n")
    assert _task(res, "成立工作专班").responsible == ["市工信局", "各县区人民政府"]
    t = _task(_imported("h5601_huaian_shukun2022"), "智改数转”工作专班")
    assert t.responsible == ["市工信局", "市财政局", "各县区人民政府", "园区管委会"]


def test_a_town_government_and_a_subdistrict_office_are_two_groups():
    # 各镇人民政府、街道办事处要落实属地管理责任: the two kinds of body of a town's level (各县(市、区)政府、管委会,
    # the seed's one group phrase, and 各乡镇、街道 stay one)
    assert unit_names("各镇人民政府、街道办事处") == ["各镇人民政府", "各街道办事处"]
    assert unit_names("各县(市、区)政府、管委会") == ["各县(市、区)政府、管委会"]
    assert unit_names("各乡镇、街道") == ["各乡镇、街道"]
    t = _task(_imported("h5603_yongchuan_wenjiuye2020"), "落实属地管理责任")
    assert t.responsible == ["各镇人民政府", "各街道办事处"]


def test_a_group_of_offices_concerned_shares_no_kind_word():
    # 各乡镇(街道)、重大平台、县级有关部门: 重大平台 is not 「重大平台部门」
    assert unit_names("各乡镇(街道)、重大平台、县级有关部门") == ["各乡镇(街道)", "重大平台", "县级有关部门"]
    assert unit_names("财政、环保等部门") == ["财政部门", "环保部门"]


def test_a_named_office_opening_a_comma_clause_and_a_time_word_before_the_subject(tmp_path):
    # 各乡镇(街道)…及时报送相关材料,县商务局根据日常工作情况进行抽查核实。年底县商务局对…综合审核
    res = _read(tmp_path, "三、考核方式\n各乡镇(街道)、重大平台、县级有关部门及时报送相关材料,县商务局根据日常工作情况"
                          "进行抽查核实。年底县商务局对各乡镇(街道)综合审核并提出考核意见。\n")
    assert _task(res, "及时报送相关材料").responsible == ["各乡镇(街道)", "重大平台", "县级有关部门"]
    assert "抽查核实" not in _task(res, "及时报送相关材料").content
    assert _task(res, "进行抽查核实").responsible == ["县商务局"]
    assert _task(res, "综合审核").responsible == ["县商务局"]
    res = _imported("h5605_tonglu_touzicujin2022")
    assert _task(res, "进行抽查核实").responsible == ["县商务局"]
    assert _task(res, "综合审核并提出考核意见").responsible == ["县商务局"]


def test_a_list_left_open_before_a_comma_takes_the_role_word_after_it(tmp_path):
    # (区发改局牵头,区财政局、区水务局等部门,区国投公司、各街道办事处配合): all of them 配合
    res = _read(tmp_path, "二、加快推进项目建设\n4.加强项目谋划储备。编制三年滚动投资计划。"
                          "(区发改局牵头,区财政局、区水务局等部门,区国投公司、各街道办事处配合)\n")
    t = _task(res, "加强项目谋划储备")
    assert (t.lead, t.responsible, t.cooperating) == (["区发改局"], [], ["区财政局", "区水务局", "区国投公司", "各街道办事处"])
    # (a list that is not left open with 等 carries the work out: X牵头,Y,Z配合)
    res = _read(tmp_path, "二、加快推进项目建设\n4.加强项目谋划储备。编制三年滚动投资计划。(区发改局牵头,区财政局,区国投公司配合)\n")
    assert _task(res, "加强项目谋划储备").responsible == ["区财政局"]
    t = _task(_imported("h5606_guandu_wenzengzhang2016"), "加强项目谋划储备")
    assert t.cooperating == ["区财政局", "区交运局", "区经贸投促局", "区住建局", "区水务局", "区国投公司", "各街道办事处"]


def test_a_department_named_in_a_later_sentence_of_an_item_of_organisation(tmp_path):
    # (四)切实加强组织领导,…。充分发挥…的作用。劳动保障部门是…主管部门,要切实发挥统筹协调…作用;政府有关部门要…
    res = _read(tmp_path, "(四)切实加强组织领导,明确分工搞好协调。充分发挥联席会议制度的作用。劳动保障部门是政府促进就业的"
                          "职能主管部门,要切实发挥统筹协调作用;政府有关部门要按照各自职责分工,切实履行职能。\n"
                          "(五)加大财政投入力度。各县市区政府要安排就业专项资金。\n")
    assert _task(res, "劳动保障部门是").responsible == ["劳动保障部门"]
    assert _task(res, "政府有关部门要").responsible == ["政府有关部门"]
    res = _imported("h5608_shi_jiuye_zijin")
    assert _task(res, "劳动保障部门是政府促进就业").responsible == ["劳动保障部门"]


def test_offices_that_do_it_jointly(tmp_path):
    # 补贴办法由市劳动保障局、财政局联合制定 (残疾人联合会 is a name)
    res = _read(tmp_path, "一、资金保障\n补贴办法由市劳动保障局、财政局联合制定。贴息办法由市财政局牵头制定。\n")
    assert _task(res, "联合制定").responsible == ["市劳动保障局", "市财政局"]
    assert unit_names("市残疾人联合会") == ["市残疾人联合会"]
    t = _task(_imported("h5608_shi_jiuye_zijin"), "职业技能鉴定补贴办法由")
    assert t.responsible == ["市劳动保障局", "市财政局"]


def test_what_is_done_by_whom_is_no_unit_name(tmp_path):
    # 2.办公时间要相对集中。集中办公时间由各乡镇根据本地实际制定: 「集中办公时间由各乡镇」 had been the unit
    res = _read(tmp_path, "三、工作要求\n2.办公时间要相对集中。集中办公时间由各乡镇根据本地实际制定,平时要有专人值班。\n"
                          "3.制度要齐全。各乡镇要制定办事程序。\n")
    assert _task(res, "集中办公时间").responsible == ["各乡镇"]
    assert unit_names("中国(上海)自由贸易试验区管委会") == ["中国(上海)自由贸易试验区管委会"]
    t = _task(_imported("h5609_qinglong_zhengwufuwu2012"), "集中办公时间由各乡镇")
    assert t.responsible == ["各乡镇"]
