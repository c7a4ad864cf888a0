"""What a new user's trial of round 31 found (two plans written as a clerk would get them, imported, checked
and printed), each fixed and checked here on a text of the same kind."""
from __future__ import annotations

import json
import re
from pathlib import Path

import docx
from click.testing import CliRunner

from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.cli import cli
from zhishui.findings import CODE_CN
from zhishui.plan import import_plan

DUTIES_AND_TABLE = """清河县农业面源污染治理工作责任分工

县农业农村局：负责全县化肥农药减量增效工作；牵头推进畜禽粪污资源化利用。
县水利局：负责灌区节水改造和灌溉退水管理；配合县农业农村局建设生态沟渠。

附表：2025年重点工作任务清单
序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限
1 | 建设化肥减量增效示范区2个 | 县农业农村局 | 各乡镇人民政府 | 2025年9月30日
2 | 建设灌区生态沟渠12公里 | 县水利局 | 县农业农村局 | 2025年8月底前
3 | 延伸农村生活污水管网15公里 | 县住建局 | 各乡镇人民政府 | 2025年9月底前

请各单位于每月25日前将工作进展报送县治水办。
"""


def test_a_bar_table_without_bars_at_the_ends_of_its_rows(tmp_path):
    # 序号 | 工作任务 | … | 完成时限 / 1 | … | 2025年9月30日: a row a line (the trial got 1 of 7, its deadline 「2025年9月30日2」)
    res = _read(tmp_path, DUTIES_AND_TABLE)
    rows = [t for t in res.tasks if "第" not in t.source or "表" in t.source]
    t = _task(res, "建设化肥减量增效示范区2个")
    assert (t.lead, t.responsible, t.deadline) == (["县农业农村局"], ["各乡镇人民政府"], "2025年9月30日")
    assert _task(res, "延伸农村生活污水管网15公里").deadline == "2025年9月底前"
    assert rows and res.meta.title == "清河县农业面源污染治理工作责任分工"


def test_the_bodys_duties_beside_a_table_of_other_works_are_tasks_too(tmp_path):
    # 县水利局：负责灌区节水改造…: nothing like it in the table, imported (said); 配合…建设生态沟渠: the table's row 2
    res = _read(tmp_path, DUTIES_AND_TABLE)
    t = _task(res, "负责灌区节水改造")
    assert t.responsible == ["县水利局"] and any("附件表格里没有相近的任务" in n for n in t.review)
    assert _task(res, "牵头推进畜禽粪污资源化利用").lead == ["县农业农村局"]
    assert not any(t.content.startswith("配合县农业农村局建设生态沟渠") for t in res.tasks)
    assert any("附件表格里已有相近的任务" in why for _w, _t, why in res.review)


def test_a_time_after_the_units_of_a_labelled_field_is_the_deadline(tmp_path):
    # （牵头单位：县生态环境分局；配合单位：县水利局，2025年9月底前完成）: not a unit 「2025年9月底前完成」
    res = _read(tmp_path, "一、主要任务\n1.开展排污口水质监测。（牵头单位：县生态环境分局；配合单位：县水利局，2025年9月底前完成）\n")
    t = _task(res, "开展排污口水质监测")
    assert (t.lead, t.cooperating, t.deadline) == (["县生态环境分局"], ["县水利局"], "2025年9月底前完成")


def test_a_step_that_is_work_and_a_step_that_names_no_one(tmp_path):
    # 第一阶段（3月31日前）：动员部署，制定细则。各乡镇要…: the step's words open the task; 第二阶段: said for the review
    res = _read(tmp_path, "四、实施步骤\n第一阶段（3月31日前）：动员部署，制定排查工作细则，组建排查队伍。各乡镇要明确专人负责。\n"
                          "第二阶段（4月1日至9月30日）：全面排查和监测溯源，形成排污口名录。\n")
    t = _task(res, "动员部署，制定排查工作细则")
    assert t.responsible == ["各乡镇"] and "各乡镇要明确专人负责" in t.content and t.deadline == "3月31日前"
    assert any("第二阶段" in text and "没有写由哪个单位做" in why for _w, text, why in res.review)


def test_the_office_a_support_item_sets_up_is_no_task(tmp_path):
    # 五、保障措施 / （一）加强组织领导。成立…领导小组…。领导小组办公室设在X，负责日常协调调度。: said, not a task
    res = _read(tmp_path, "一、主要任务\n（一）县水利局负责河道清淤。\n五、保障措施\n（一）加强组织领导。成立清河县排查整治工作领导小组，"
                          "由县政府分管副县长任组长。领导小组办公室设在县生态环境分局，负责日常协调调度。\n"
                          "（二）压实工作责任。各乡镇、各部门要高度重视，确保按期完成。\n")
    assert [t.content[:6] for t in res.tasks] == ["县水利局负责"]
    whys = [why for _w, _t, why in res.review]
    assert "保障措施中新设机构的职责，未作为任务导入，请核对" in whys
    assert "保障措施中对各单位的要求，没有分派具体任务，未作为任务导入，请核对" in whys


def test_a_word_documents_items_numbered_under_each_heading_get_no_table_notes(tmp_path):
    # 第16段（原编号1）: a paragraph's number restarting under each heading, not a table row that moved
    d = docx.Document()
    for line in ["清河县入河排污口排查整治工作方案", "一、全面开展排查", "1.开展无人机排查。（牵头单位：县生态环境分局）",
                 "2.核查管网排口。由县住建局牵头，2025年6月底前完成。", "二、开展监测溯源", "1.开展水质监测。（牵头单位：县生态环境分局）",
                 "2.县水利局负责河道管理范围内排污口的现场核查。"]:
        d.add_paragraph(line)
    p = tmp_path / "方案.docx"
    d.save(p)
    res = import_plan(p)
    assert len(res.tasks) == 4
    assert not any("原表" in n for t in res.tasks for n in t.review)


def test_the_json_lists_what_the_review_sheet_lists(tmp_path):
    # the 导入核对 rows besides each task's doubts (单位名录, 设置!B7) are in the JSON's review too
    src = tmp_path / "方案.txt"
    src.write_text("一、主要任务\n（一）各乡镇负责河道保洁。\n（二）县治水办每月通报工作进展。\n", encoding="utf-8")
    out, js = tmp_path / "清单.xlsx", tmp_path / "清单.json"
    r = CliRunner().invoke(cli, ["import", str(src), "--out", str(out), "--json", str(js)], prog_name="zhishui")
    assert r.exit_code == 0, r.output
    wheres = [x["where"] for x in json.loads(js.read_text(encoding="utf-8"))["review"]]
    assert "单位名录" in wheres and "设置!B7" in wheres


def test_checking_a_plan_before_importing_it_says_to_import_it(tmp_path):
    src = tmp_path / "方案.txt"
    src.write_text("一、主要任务\n（一）县水利局负责河道清淤，2025年6月底前完成。\n（二）县住建局负责管网改造。\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(src)], prog_name="zhishui")
    assert r.exit_code == 1
    assert "看起来是方案原文，不是责任清单" in r.output and "zhishui import 方案.txt" in r.output
    assert not re.search(r"[A-Z]{3,}_[A-Z]", r.output)


def test_every_code_the_list_reader_notes_has_its_chinese_name():
    codes = set(re.findall(r'note\("([A-Z_]+)"', (Path(__file__).parent.parent / "zhishui" / "listreader.py")
                           .read_text(encoding="utf-8")))
    assert codes and codes <= set(CODE_CN)
