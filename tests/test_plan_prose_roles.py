"""Who does a task, as county plans write it in running text (a clerk's trial plan, in the forms
the corpus documents use: 由X牵头，Y配合/参与，Z负责落实; X会同Y，…; a bracket naming only the
lead after a sentence saying who carries the task out), and an issuer signing as 治水办."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from zhishui.cli import cli
from zhishui.plan.dates import ISSUER_END
from zhishui.plan.prose import prose_duties

PLAN = """清溪县人民政府办公室关于印发清溪县2021年水污染防治工作方案的通知

清政办发〔2021〕8号

清溪县2021年水污染防治工作方案

　　二、重点任务
　　（一）加快城镇污水处理设施建设。2021年6月底前完成县污水处理厂提标改造。（牵头单位：县住建局；配合单位：县发改局、县生态环境局）
　　（二）加强工业污染防治。由县经信局牵头，县生态环境局配合，2021年9月底前完成工业园区污水集中处理设施提标改造。
　　（三）开展入河排污口排查整治。县生态环境局会同县水利局，建立排污口动态管理台账，长期坚持。
　　（四）落实河长制。各乡镇负责辖区河道日常保洁，每月25日前将巡河情况报县河长办。（牵头单位：县河长办）
　　三、保障措施
　　（一）加强组织领导。各乡镇、各部门要高度重视。

清溪县人民政府办公室
2021年3月10日
"""


@pytest.mark.parametrize("text, roles", [
    ("由县经信局牵头，县生态环境局配合，2021年9月底前完成工业园区污水集中处理设施提标改造。",
     [(["县经信局"], [], ["县生态环境局"])]),
    ("由市水务局牵头，市财政局、市发展改革委参与，各区政府负责落实。",
     [(["市水务局"], ["各区政府"], ["市财政局", "市发展改革委"])]),
    ("县生态环境局会同县水利局，建立排污口动态管理台账，长期坚持。",
     [([], ["县生态环境局"], ["县水利局"])]),
    # 由X牵头，Y负责<the work>: one duty, Y carrying out what X leads (round 34; the trial of session 10 made
    # 由X牵头，Y负责具体实施 one task too)
    ("由县住建局牵头，城关镇负责新建污水管网5公里。",
     [(["县住建局"], ["城关镇"], [])]),
    # a comma-started unit with its own duty after a duty of another is still a duty of its own
    ("县住建局负责管网规划，城关镇负责新建污水管网5公里。",
     [([], ["县住建局"], []), ([], ["城关镇"], [])]),
])
def test_roles_in_running_text(text, roles):
    assert [(d.lead, d.responsible, d.cooperating) for d in prose_duties(text)] == roles


def test_imported_plan_keeps_every_unit(tmp_path):
    src = tmp_path / "方案.txt"
    src.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "清单.xlsx"
    js = tmp_path / "清单.json"
    r = CliRunner().invoke(cli, ["import", str(src), "--out", str(out), "--json", str(js)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    tasks = json.loads(js.read_text(encoding="utf-8"))["tasks"]
    got = [(t["lead_units"], t["responsible_units"], t["cooperating_units"]) for t in tasks]
    assert got == [(["县住建局"], [], ["县发改局", "县生态环境局"]),
                   (["县经信局"], [], ["县生态环境局"]),
                   ([], ["县生态环境局"], ["县水利局"]),
                   (["县河长办"], ["各乡镇"], [])]
    # the unit read from the sentence, not the bracket, is for the clerk to check
    import openpyxl
    notes = [row[2] for row in openpyxl.load_workbook(out)["导入核对"].iter_rows(min_row=2, values_only=True)]
    assert any("责任单位各乡镇取自任务原文" in n for n in notes), notes


@pytest.mark.parametrize("name, ok", [("清溪县治水办", True), ("区河长办", True), ("县政府办", True),
                                      ("市督办", False), ("承办", False), ("县生态环境局", True)])
def test_issuer_may_sign_as_an_office_called_ban(name, ok):
    assert bool(ISSUER_END.search(name)) is ok


@pytest.mark.parametrize("bracket, lead, resp, coop, deadline", [
    ("(区生态环境分局负责,2023年6月底前)", [], ["区生态环境分局"], [], "2023年6月底前"),
    ("(区生态环境分局负责,2023年6月底前完成)", [], ["区生态环境分局"], [], "2023年6月底前完成"),
    ("（区水务局牵头，区住建局配合，长期坚持）", ["区水务局"], [], ["区住建局"], "长期坚持"),
])
def test_a_deadline_inside_the_bracket_of_units_is_the_tasks(tmp_path, bracket, lead, resp, coop, deadline):
    # before, the bracket did not read as units at all and the item was dropped without a review line
    from zhishui.plan import import_plan
    plan = tmp_path / "方案.txt"
    plan.write_text("某区黑臭水体整治实施方案\n1.完成东河截污管网建设(区住建局牵头,区水务局配合)。\n"
                    f"2.开展沿河排口排查{bracket}。\n", encoding="utf-8")
    got = import_plan(plan).tasks[1]
    assert (got.content, got.lead, got.responsible, got.cooperating, got.deadline) == \
        ("开展沿河排口排查", lead, resp, coop, deadline)


def test_a_matter_before_by_is_no_unit_and_a_unit_that_assists_is_a_co_unit():
    # 河道保洁工作由县水务局牵头: the unit is the one after 由 (it was read as 「河道保洁工作由县水务局」);
    # Y协助做好… after X负责… is a co-unit of X's duty (协助 was no verb after a unit)
    got = prose_duties("河道保洁工作由县水务局牵头负责统筹调度，县财政局配合保障保洁经费，"
                       "各乡镇人民政府负责本辖区河道日常保洁，县城管局协助做好垃圾清运转运和集中处置工作。")
    assert [(d.lead, d.responsible, d.cooperating) for d in got] == [
        (["县水务局"], [], ["县财政局"]), ([], ["各乡镇人民政府"], ["县城管局"])]
    # …and the 由 of 自由贸易试验区 is no 由 (it gave three units, one a fragment)
    assert [d.responsible for d in prose_duties("环境监测工作由自由贸易试验区管委会负责。")] == [["自由贸易试验区管委会"]]
