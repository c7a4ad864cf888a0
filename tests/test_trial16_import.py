"""What the session-21 trial of importing real plans (trial 16) found in reading units, on a Word file made as an
office makes it (python-docx): document D, a county's 财政「一卡通」 reform, one paragraph per body."""
from __future__ import annotations

import docx
import pytest

from zhishui.plan import import_plan

PARAS = [
    "推行“一卡通”改革政策性强，涉及面广，直接关系到广大人民群众的切身利益，需统一思想，明确职责，切实抓好改革的各项工作。",
    "（一）县政府职责：县政府根据改革方案要求，由县政府成立“一卡通”改革领导小组，制订“一卡通”改革方案；组织相关部门和镇政府实施"
    "“一卡通”改革；成立相关工作组，组织实施基础信息采集和录入工作。",
    "各镇政府承担对本辖区各补贴对象信息审核的责任，确保各类财政补贴对象信息准确无误，确保各类财政补贴资金发放到符合政策规定的居民。",
    "（二）纪检监察部门职责：纪检监察机关主要负责监督检查改革实施情况，查处财政惠民资金管理和发放中出现的违纪违法行为；会同财政部门，"
    "制定和实施“一卡通”改革宣传方案；联合财政部门制定实施改革的相关规章制度。",
]


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    path = tmp_path_factory.mktemp("d") / "一卡通改革职责.docx"
    d = docx.Document()
    for text in PARAS:
        d.add_paragraph(text)
    d.save(path)
    tasks = import_plan(path).tasks
    return lambda start: next(t for t in tasks if t.content.startswith(start))


def test_the_verb_of_bearing_a_duty_is_no_part_of_the_units_name(imported):
    # 各镇政府承担对本辖区…的责任: 承担 is the verb (it was read as the unit 「各镇政府承担」, and 导入核对 then asked the clerk
    # to write that name into the 名录's 分组)
    assert imported("各镇政府承担对").responsible == ["各镇政府"]


def test_working_jointly_with_a_named_office_makes_it_a_co_unit(imported):
    # 联合财政部门制定…: as 会同财政部门，制定… just before it
    assert imported("会同财政部门，").cooperating == ["财政部门"]
    assert imported("联合财政部门制定").cooperating == ["财政部门"]


def test_a_unit_that_bears_a_list_or_a_work_it_has_done_is_read_as_before():
    # 主办单位承担下列职责: (h1706) introduces its list; 我单位所承担的…整改任务,现已完成 (h414) reports work done
    from zhishui.plan.subjects import sentence_subject
    assert sentence_subject("我单位所承担的中央环保督察反馈问题的整改任务,现已完成整改") is None
    assert sentence_subject("县水利局承担河道管护的责任,加强巡查。") == (["县水利局"], 4)
    assert sentence_subject("主办单位承担下列职责:") is None


def test_a_task_of_bodies_nobody_named_is_said_to_reach_no_one(tmp_path):
    # document C (师宗县, a GBK text): 其他涉及部门要积极配合… after the named tasks; split sends 泛指 bodies no return
    # sheet, so the import says so of a task that has only them (a named unit beside 有关部门 is no such task)
    text = ("师宗县批而未供和闲置土地处置工作安排\n"
            "由县工业园区管委会牵头，县自然资源局、漾月街道配合，在12月底前完成工业园区74.0亩批而未供土地处置任务。"
            "其他涉及部门要积极配合，统筹推进师宗县2022年批而未供和闲置土地处置工作，保证完成市委、市政府下达的处置任务。\n"
            "由丹凤街道牵头，县自然资源局及有关部门配合，在12月底前完成荣海新区50.06亩批而未供土地处置任务。\n")
    path = tmp_path / "师宗县土地处置.txt"
    path.write_bytes(text.encode("gbk"))
    tasks = import_plan(path).tasks
    said = [t for t in tasks if any("报送表不会下发给任何单位" in n for n in t.review)]
    assert [t.responsible + t.cooperating for t in said] == [["其他涉及部门"]]
    assert all(not any("泛指" in n for n in t.review) for t in tasks if t not in said)
