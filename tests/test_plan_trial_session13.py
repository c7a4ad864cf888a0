"""What a new user's trial of session 13 found importing two county plans: a Word 方案 whose duties are written in
prose with a small table of projects inside it, and a GBK text 通知 whose items end with their time after the
bracket of units.  Each test is one finding, on a text written the way those plans were."""
from __future__ import annotations

from click.testing import CliRunner
from docx import Document

from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.cli import cli
from zhishui.plan import import_plan
from zhishui.plan.dates import find_deadlines


def _plan_with_a_table(path):
    doc = Document()
    for line in ("附件", "清溪县2025年黑臭水体整治工作方案", "一、总体要求", "到2025年底，县城建成区黑臭水体保持动态清零。",
                 "二、主要任务",
                 "（一）全面排查黑臭水体。县生态环境局牵头，县住建局、县农业农村局配合，2025年4月底前完成排查复核。",
                 "（二）开展排污口排查整治。由县生态环境局负责，2025年9月底前完成溯源。县水利局、县城管局配合做好河道沿线排口核查。",
                 "（三）加强河道清淤疏浚。由县水利局负责，2025年汛期前完成城区白沙河清淤疏浚。",
                 "（四）重点工程项目清单"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=5)
    for r, row in enumerate((("序号", "项目名称", "牵头单位", "配合单位", "完成时限"),
                             ("1", "城东片区污水管网延伸工程", "县住建局", "县自然资源局", "2025年9月底前"),
                             ("2", "白沙河生态缓冲带建设工程", "县水利局", "县林业局", "2025年12月底前"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in ("三、保障措施",
                 "（一）加强组织领导。成立由县政府分管副县长任组长的黑臭水体整治工作领导小组，领导小组办公室设在县生态环境局，"
                 "负责统筹协调、调度督办。各责任单位要明确分管领导和联络员。",
                 "清溪县人民政府办公室", "2025年3月18日"):
        doc.add_paragraph(line)
    doc.save(path)
    return path


def test_prose_duties_beside_a_small_table_of_projects_are_imported(tmp_path):
    # before: 「已导入 4 项任务（责任清单表格）」, the seven prose items only in 导入核对
    res = import_plan(_plan_with_a_table(tmp_path / "方案.docx"))
    assert _task(res, "全面排查黑臭水体").lead == ["县生态环境局"]
    assert _task(res, "城东片区污水管网延伸工程").lead == ["县住建局"]
    # the table sits under （四）重点工程项目清单: its rows' category
    assert _task(res, "白沙河生态缓冲带建设工程").category.endswith("重点工程项目清单")
    # the body's tasks have no number of the table's: no 「原表这一行没有序号」
    assert not any("原表" in r for t in res.tasks for r in t.review)
    # the attachment's mark on the first line is not the plan's name
    assert res.meta.title == "清溪县2025年黑臭水体整治工作方案"


def test_units_that_only_help_after_a_duty_are_its_co_units(tmp_path):
    # 由县生态环境局负责，…。县水利局、县城管局配合做好河道沿线排口核查。: not a task of theirs
    res = import_plan(_plan_with_a_table(tmp_path / "方案.docx"))
    task = _task(res, "开展排污口排查整治")
    assert task.responsible == ["县生态环境局"] and task.cooperating == ["县水利局", "县城管局"]
    assert not any(t.responsible == ["县水利局", "县城管局"] for t in res.tasks)


def test_a_group_founded_in_the_support_section_and_the_units_asked_as_a_kind_are_no_tasks(tmp_path):
    res = import_plan(_plan_with_a_table(tmp_path / "方案.docx"))
    assert not any("领导小组" in u or u == "各责任单位" for t in res.tasks for u in t.lead + t.responsible)
    assert any("新设机构" in why for _w, _t, why in res.review)
    assert any("各责任单位要明确分管领导" in t and "某类部门" in why for _w, t, why in res.review)


def test_a_year_and_the_flood_season_are_one_deadline():
    assert find_deadlines("由县水利局负责，2025年汛期前完成城区白沙河清淤") == ["2025年汛期前"]


def test_the_time_written_after_the_bracket_is_the_tasks_deadline(tmp_path):
    # …（牵头单位：县水利局；责任单位：各乡镇）2025年底前。: before, 完成时限 empty and the time in 导入核对 as
    # 「这段文字在分工括号之后，没有写明责任单位，未作为任务导入」
    res = _read(tmp_path, "一、压实河长责任\n"
                          "1.调整完善县、乡、村三级河长体系。（牵头单位：县河长办；责任单位：各乡镇）2025年3月底前完成。\n"
                          "2.各级河长按规定频次开展巡河，乡级河长每月不少于1次。（牵头单位：县河长办；责任单位：各乡镇）每季度通报。\n"
                          "3.深入推进河湖“清四乱”常态化。（牵头单位：县水利局；责任单位：各乡镇）长期坚持。\n")
    assert _task(res, "三级河长体系").deadline == "2025年3月底前"
    # the item's own time, not the patrol frequency inside its text
    assert _task(res, "按规定频次开展巡河").deadline == "每季度"
    assert _task(res, "清四乱").deadline == "长期坚持"
    assert not any("分工括号之后" in why for _w, _t, why in res.review)


def test_a_meeting_notice_has_no_task(tmp_path):
    # 请各单位主要负责同志准时参加。: persons asked to attend; before, one task for 各单位
    doc = Document()
    for line in ("清溪县人民政府办公室关于召开全县河长制工作会议的通知", "各乡镇人民政府，县直有关单位：",
                 "经县政府同意，定于2025年3月10日上午9时在县政府三楼会议室召开全县河长制工作会议。请各单位主要负责同志准时参加。",
                 "清溪县人民政府办公室", "2025年3月5日"):
        doc.add_paragraph(line)
    doc.save(tmp_path / "会议通知.docx")
    r = CliRunner().invoke(cli, ["import", str(tmp_path / "会议通知.docx"), "--out", str(tmp_path / "清单.xlsx")])
    assert r.exit_code == 2 and "没有找到可识别的任务" in r.output
    assert not (tmp_path / "清单.xlsx").exists()


def test_an_empty_file_is_said_to_be_empty(tmp_path):
    (tmp_path / "空.docx").write_bytes(b"")
    r = CliRunner().invoke(cli, ["import", str(tmp_path / "空.docx")])
    assert r.exit_code == 2 and "文件是空的" in r.output


def test_the_consoles_count_when_every_doubt_is_in_the_review_sheet(tmp_path):
    # before: 「「任务清单」里 0 项任务的「待核实」…（该表共 8 行，其余各行是逐项任务的核对说明）」
    src = tmp_path / "方案.txt"
    src.write_text("一、主要任务\n（一）加强巡查。县水利局负责，2025年底前完成河道巡查。\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["import", str(src), "--out", str(tmp_path / "清单.xlsx")])
    assert r.exit_code == 0, r.output
    assert "0 项" not in r.output and "其余各行" not in r.output


def test_offices_of_a_level_that_strengthen_after_a_duty_have_a_duty_of_their_own(tmp_path):
    # 各乡镇人民政府要落实属地主体责任，…完成…整治任务，县生态环境局、县农业农村局加强技术指导。: before, the two were
    # dropped without a line
    res = _read(tmp_path, "二、主要任务\n（一）实施农村黑臭水体治理。各乡镇人民政府要落实属地主体责任，2025年11月底前完成"
                          "6条农村黑臭水体整治任务，县生态环境局、县农业农村局加强技术指导。\n")
    assert any(t.responsible == ["县生态环境局", "县农业农村局"] for t in res.tasks)
