"""Rules added after heldout57's errors were first looked at (its clean runs: tests/data/plans/heldout57_first_run.txt,
38 of 57 tasks, 26 with every unit in the right role on the rules of rounds 50-54).  heldout57 holds social-governance
plans and rules: disputes and petitions, audit rectification, religious affairs, ethnic unity, telecom fraud, gas
safety, grid management.  Each rule is checked on a text written for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit, unit_names


def test_a_title_about_a_place_names_no_unit():
    # 关于某镇集中开展矛盾纠纷…专项行动实施方案: the title had been a task of 「关于某镇」
    assert not looks_like_unit("关于某镇")
    res = _imported("h5701_zhen_maodun_paicha")
    assert not [t for t in res.tasks if "关于某镇" in t.responsible]


def test_villages_and_communities_written_cunju():
    # 村居每月向镇平安办报送专项推进情况 / 镇区、村居负责修复和维护
    assert looks_like_unit("村居") and unit_names("镇区、村居") == ["镇区", "村居"]
    t = _task(_imported("h5701_zhen_maodun_paicha"), "村居每月向镇平安办报送")
    assert t.responsible == ["村居"]


def test_every_half_month_or_two_months_after_the_subject(tmp_path):
    # 各有关县(市、区)每半年向市发展改革委报送 / 各省河长制办公室每两月将…报送水利部
    res = _read(tmp_path, "三、工作要求\n各乡镇每半年向县发展改革局报送工作进展情况。县河长办每两月将进展情况报送市河长办。\n")
    assert _task(res, "每半年向县发展改革局").responsible == ["各乡镇"]
    assert _task(res, "每两月将进展情况").responsible == ["县河长办"]
    t = _task(_imported("h2201_yuncheng_tese_xiaozhen"), "每半年向市发展改革委报送")
    assert t.responsible == ["各有关县(市、区)"]


def test_those_asked_after_the_lead_carry_it_out(tmp_path):
    # 专项行动由镇平安办牵头,重点任务责任部门和各村居要坚持…,组建工作专班
    res = _read(tmp_path, "四、工作机制\n(一)建立完善专班推进机制。专项行动由镇平安办牵头,重点任务责任部门和各村居要组建工作专班,"
                          "细化工作方案。\n")
    t = _task(res, "由镇平安办牵头")
    assert (t.lead, t.responsible) == (["镇平安办"], ["重点任务责任部门", "各村居"])
    t = _task(_imported("h5701_zhen_maodun_paicha"), "专项行动由镇平安办牵头")
    assert (t.lead, t.responsible) == (["镇平安办"], ["重点任务责任部门", "各村居"])


def test_its_competent_department_and_a_word_of_posts(tmp_path):
    # …由其主管部门负责解决,地方党委、政府积极配合 (「其」 had opened no name); 局领导担任审计组长的 is no unit
    res = _read(tmp_path, "一、调处机制\n垂直管理单位的矛盾纠纷,由其主管部门负责解决,地方党委、政府积极配合。\n")
    t = _task(res, "由其主管部门负责解决")
    assert (t.responsible, t.cooperating) == (["其主管部门"], ["地方党委", "地方政府"])
    assert not looks_like_unit("局领导担任审计组") and not looks_like_unit("其他事项")
    t = _task(_imported("h5703_shi_shenji_zhenggai_ducha"), "业务科室对本科室实施")
    assert t.responsible == ["业务科室"]


def test_a_department_named_as_the_competent_one_with_its_short_name(tmp_path):
    # 市市政行政管理部门是本市燃气行政主管部门(以下简称“市燃气主管部门”),统筹负责…。区建设(市政)行政主管部门(以下简称
    # “区燃气主管部门”)统筹负责…。镇人民政府、街道办事处(…)接受燃气主管部门的指导,…
    res = _read(tmp_path, "第二条 市市政行政管理部门是本市燃气行政主管部门(以下简称“市燃气主管部门”),统筹负责全市燃气安全监管工作。"
                          "区建设行政主管部门(以下简称“区燃气主管部门”)统筹负责辖区内燃气安全监管工作。\n"
                          "第三条 镇人民政府接受燃气主管部门的指导,负责日常巡查。\n")
    assert _task(res, "是本市燃气行政主管部门").responsible == ["市市政行政管理部门"]
    assert _task(res, "统筹负责辖区内").responsible == ["区建设行政主管部门"]
    assert _task(res, "接受燃气主管部门的指导").responsible == ["镇人民政府"]
    res = _imported("h5707_tequ_ranqi_anquan")
    assert _task(res, "区建设(市政)行政主管部门(以下简称").responsible == ["区建设(市政)行政主管部门"]


def test_an_adverb_between_the_subject_and_its_verb_is_no_part_of_its_name():
    # 各级人民政府全面负责本行政区域内的宗教活动场所安全管理工作: 「各级人民政府全面」 had been the unit
    t = _task(_imported("h5708_hunan_zongjiao_anquan2018"), "全面负责本行政区域内")
    assert t.responsible == ["各级人民政府"]
