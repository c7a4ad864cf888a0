"""Rules added after heldout33's errors were first looked at (its clean runs: tests/data/plans/
heldout33_first_run.txt, 44 of 93 tasks, 22 with every unit in the right role, on the rules of round 13; 50 and 27
with rounds 14-19; 53 and 29 with rounds 20-26; 63 and 34 with rounds 27-32; 64 and 36 with round 33; 65 and 38 with
the first part of round 34, none of which saw it).  Each rule reads a kind of layout or phrase: it is checked on a
short text written for the test (other units, other words) and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit, unit_run
from zhishui.plan.sections import heading_owner
from zhishui.plan.subjects import sentence_subject
from zhishui.plan.unitcheck import tidy_name


def test_a_units_heading_with_both_main_and_work_before_duties(tmp_path):
    # (一)协管办主要工作职责: / 1、…;: the office's listed duties (主要 and 工作 both before 职责)
    assert heading_owner("(一)协管办主要工作职责:") == ["协管办"]
    assert heading_owner("(二)县河长办主要工作任务:") == ["县河长办"]
    res = _read(tmp_path, "二、工作职责\n(一)县节水办主要工作职责:\n1、宣传贯彻节约用水法规;\n2、协助做好计划用水管理;\n")
    assert _task(res, "宣传贯彻节约用水法规").responsible == ["县节水办"]
    res = _imported("h3301_county_wuxiandian_xieguan")
    assert _task(res, "协助做好全县无线电干扰的协调").responsible == ["协管办"]


def test_after_what_a_document_asks_bodies_of_a_kind_are_the_subject(tmp_path):
    # 为有效排除潜在风险,防患于未然,《通知》要求,各发卡企业要…: the lead-in ends with what the document asks
    res = _read(tmp_path, "为防范安全风险,确保供水安全,《通知》要求,各供水企业要开展一次全面排查。\n")
    assert _task(res, "各供水企业要开展一次全面排查").responsible == ["各供水企业"]
    res = _imported("h3303_haikou_yufuka_guanli2018")
    assert _task(res, "各發卡企業要高度重視").responsible == ["各發卡企業"]


def test_a_duties_heading_run_into_the_name_over_a_space():
    # 2.明确部门职责分工 教育部门是…: the heading's words are no part of the name
    names, note = tidy_name("明确部门职责分工教育部门")
    assert names == ["教育部门"] and "标题" in note
    names, _note = tidy_name("明确职责任务分工县应急管理局")
    assert names == ["县应急管理局"]


def test_the_department_a_sentence_names_for_the_work_then_its_modal():
    # 教育部门是扫除文盲工作的主要职能部门,要认真做好…
    sub = sentence_subject("农业农村部门是秸秆综合利用的主管部门,要加强技术指导。")
    assert sub is not None and sub[0] == ["农业农村部门"]
    # (地方政府是…责任主体 states a principle: no 要/负责 after it)
    assert sentence_subject("地方政府是秸秆禁烧的主管部门。") is None
    res = _imported("h3302_saomang_bumen_zhize")
    assert _task(res, "教育部门是扫除文盲工作的主要职能部门").responsible == ["教育部门"]


def test_enterprises_are_given_duties_as_offices_are(tmp_path):
    # 电力企业要切实做好调度… / 州经委要会同电网企业和发电企业…
    assert looks_like_unit("电网企业") and unit_run("供水企业要加强水质检测", 0) == ("供水企业", 4)
    res = _read(tmp_path, "三、工作措施\n县发展改革局要会同供电企业和燃气企业,做好迎峰度冬保供工作。燃气企业要加强管网巡查。\n")
    assert _task(res, "县发展改革局要会同供电企业").cooperating == ["供电企业", "燃气企业"]
    assert _task(res, "燃气企业要加强管网巡查").responsible == ["燃气企业"]
    res = _imported("h3310_ganzi_dianli_sheshi_baohu")
    assert _task(res, "电力企业要切实做好调度、大坝").responsible == ["电力企业"]
    assert _task(res, "州经委要会同电网企业和发电企业").cooperating == ["电网企业", "发电企业"]
