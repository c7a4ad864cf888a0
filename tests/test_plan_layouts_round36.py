"""Rules added after heldout32's errors were first looked at (its clean runs: tests/data/plans/
heldout32_first_run.txt, 24 of 46 tasks, 5 with every unit in the right role, on the rules of round 13; 26 and 8
with rounds 14-19; 22 and 9 with rounds 20-26; 22 and 12 with rounds 27-33, none of which saw it; mostly news pages
reporting a document).  Each rule reads a kind of phrase: it is checked on a short text written for the test (other
units, other words) and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import unit_names


def test_gedi_written_once_before_stems_that_share_the_kind():
    # 各地市场监管、教育部门要督促…: each place's 市场监管部门 and 教育部门 (not 各地市场监管 and 教育部门)
    assert unit_names("各地农业农村、生态环境部门") == ["各地农业农村部门", "各地生态环境部门"]
    assert unit_names("各地政府") == ["各地政府"]
    res = _imported("h3205_sibumen_qiuji_xiaoyuan_shipin_anquan2023")
    assert _task(res, "各地市場監管、教育部門要督促").responsible == ["各地市場監管部門", "各地教育部門"]


def test_guapai_and_lian_after_a_unit_start_its_verb(tmp_path):
    # 重大隐患由省安委会挂牌督办,较大及其他隐患由市州安委会挂牌督办
    res = _read(tmp_path, "三、工作措施\n对排查出的问题,重大问题由县安委会挂牌督办,一般问题由乡镇政府挂账整改。\n")
    assert _task(res, "由县安委会挂牌督办").responsible == ["县安委会"]
    assert _task(res, "由乡镇政府挂账整改").responsible == ["乡镇政府"]
    res = _imported("h3210_gansu_youqi_guandao_baohu2014")
    assert _task(res, "重大隐患由省安委会挂牌督办").responsible == ["省安委会"]


def test_a_report_on_a_document_named_without_title_marks(tmp_path):
    # 通知明确,各级交通运输主管部门应加强…,各地应及时总结…: what the notice asks of whom
    res = _read(tmp_path, "据报道,省水利厅近日下发通知。通知明确,各市水行政主管部门应加强河湖巡查,各县应及时报送问题清单。\n")
    assert _task(res, "各市水行政主管部门应加强河湖巡查").responsible == ["各市水行政主管部门"]
    res = _imported("h3213_gongjiao_dushi_chuangjian_chengshi2017")
    assert _task(res, "各級交通運輸主管部門應").responsible == ["各級交通運輸主管部門"]


def test_the_document_followed_and_the_case_before_the_subject(tmp_path):
    # 根据《通知》,对于…综合客运枢纽项目,交通运输部将予以优先支持。
    res = _read(tmp_path, "省财政厅将安排补助资金。根据《通知》,对于列入年度计划的农村供水项目,省水利厅将予以优先支持。\n")
    assert _task(res, "省水利厅将予以优先支持").responsible == ["省水利厅"]
    res = _imported("h3213_gongjiao_dushi_chuangjian_chengshi2017")
    assert _task(res, "交通運輸部將予以優").responsible == ["交通運輸部"]
