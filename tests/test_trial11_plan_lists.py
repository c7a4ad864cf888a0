"""What the new-user trial of session 19 found importing a Word task table and reading back the list the import
wrote: a header cell over two columns (category merged down the left one, the project in the right one), a
list whose 重点任务 was read as its task text, and a centred title the 设置 did not get."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from conftest import ROOT, SEEDS
from zhishui.cli import cli
from zhishui.plan import import_plan
from zhishui.plan.writer import write_workbook
from zhishui.tasks import load_list

CORPUS = ROOT / "tests" / "data" / "plans" / "corpus"
TITLE = "南湖流域截污与养殖污染整治工程任务表"
PIPES = "完善环南湖截污管网与污水处理厂规划、建设与管理"
FARMS = "全流域畜禽、水产养殖业污染整治"
ROWS = [  # category, project, aim, lead, helpers, time, money
    (PIPES, "完善管网规划", "雨污分流全面截污", "市规划局", "市住建局\n市环保局", "2013年底完成", "50"),
    (PIPES, "环湖新建区分流制管网建设", "雨污分流同步截污", "市住建局", "属地区级政府", "即时开始长期坚持", "10000"),
    (PIPES, "湖滨污水处理厂建设", "处理污水排洞庭湖", "南湖风景区", "市住建局", "2014年投入运营", "15000"),
    (FARMS, "草拟划定牲猪禁养区、限养区文件报市政府审议印发", "按规定实行禁养、限养", "市环保局", "市畜牧水产局",
     "2013年完成", "--"),
    (FARMS, "取缔污水直排南湖的牲猪养殖场户", "削减流域排污量", "属地区政府", "市畜牧水产局", "2014年完成", "4000"),
]


def _put(cell, text):
    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for x in lines[1:]:
        cell.add_paragraph(x)


def _two_column_header_docx(path: Path) -> Path:
    """The trial's Word table, made the way Word makes it: 「工程类别与名称」 one header cell over two grid columns
    and two header rows (gridSpan + vMerge), each category merged down the left column, a project a row in the
    right one; the title a centred bold paragraph above the table, under 附件."""
    doc = Document()
    doc.add_paragraph("附件")
    p = doc.add_paragraph(TITLE)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.runs[0].bold = True
    t = doc.add_table(rows=2, cols=8)
    t.style = "Table Grid"
    top, low = t.rows[0].cells, t.rows[1].cells
    for k, s in enumerate(["序号", "工程类别与名称", "", "工程目的", "责任单位", "", "时间安排", "投资估算（万元）"]):
        _put(top[k], s)
    _put(low[4], "牵头单位")
    _put(low[5], "协助单位")
    top[1].merge(low[2])
    top[4].merge(top[5])
    for k in (0, 3, 6, 7):
        top[k].merge(low[k])
    for n, row in enumerate(ROWS, 1):
        cells = t.add_row().cells
        _put(cells[0], str(n))
        for k, v in enumerate(row, 1):
            _put(cells[k], v)
    t.cell(2, 1).merge(t.cell(4, 1)).text = PIPES
    t.cell(5, 1).merge(t.cell(6, 1)).text = FARMS
    doc.save(path)
    return path


def test_a_header_over_two_columns_heads_the_projects_with_its_merged_category(tmp_path):
    # before: 具体举措 was the category on every row, the projects in an extra column 「工程类别与名称」
    res = import_plan(_two_column_header_docx(tmp_path / "任务表.docx"))
    assert [(t.category, t.content) for t in res.tasks] == [(r[0], r[1]) for r in ROWS]
    assert res.tasks[0].lead == ["市规划局"] and res.tasks[0].cooperating == ["市住建局", "市环保局"]
    assert "工程类别与名称" not in res.tasks[0].extras and res.tasks[0].extras.get("工程目的") == "雨污分流全面截污"


def test_the_centred_title_of_a_task_table_reaches_the_settings(tmp_path):
    # before: 标题 and 方案名称 stayed empty (a first line ending in 任务表 was not taken for the document's name),
    # so the return sheets were headed 「工作任务2014年1月进展情况报送表」
    res = import_plan(_two_column_header_docx(tmp_path / "任务表.docx"))
    assert res.meta.title == TITLE and res.meta.plan_name == TITLE
    assert "请核对" in res.meta.where["title"]


def _repeated_task_docx(path: Path) -> Path:
    """A table typed with the same 工作内容 on every row and each row's own project in a column whose header is
    none of the list's (分项工程): no merged cell tells the reader which is which."""
    doc = Document()
    doc.add_paragraph("附件：重点工程任务分解表")
    heads = ("序号", "工作内容", "分项工程", "牵头单位", "完成时限")
    rows = [("1", PIPES, "环湖新建区分流制管网建设", "市住建局", "2014年底"),
            ("2", PIPES, "环湖无网区补建分流制管网", "市住建局", "2015年底"),
            ("3", PIPES, "环湖合流制管网提质改造", "市住建局", "2016年底"),
            ("4", PIPES, "罗家坡、黄梅港污水处理厂排放口改址", "市住建局", "2015年底")]
    t = doc.add_table(rows=1 + len(rows), cols=len(heads))
    for r, row in enumerate([heads] + rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    doc.save(path)
    return path


def test_one_task_text_on_every_row_beside_a_column_of_distinct_texts_is_said(tmp_path):
    # before: the review only said 「分项工程」 was not a column of the list
    res = import_plan(_repeated_task_docx(tmp_path / "分解表.docx"))
    assert {t.content for t in res.tasks} == {PIPES}
    said = [why for _w, _t, why in res.review if f"「具体举措」4行都是「{PIPES}」" in why]
    assert len(said) == 1 and "「分项工程」列每行各不相同" in said[0] and "移到「具体举措」" in said[0], res.review


def test_the_list_written_from_the_word_table_reads_back_with_its_category_and_projects(tmp_path):
    # the whole way a clerk goes: zhishui import, then check reads the list it wrote, without a column warning
    plan = _two_column_header_docx(tmp_path / "任务表.docx")
    out = tmp_path / "清单.xlsx"
    r = CliRunner().invoke(cli, ["import", str(plan), "--out", str(out)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["设置"]
    assert {row[0].value: row[1].value for row in ws.iter_rows(min_row=2)}["方案名称"] == TITLE
    tl = load_list(out)
    assert [(t.category, t.content) for t in tl.tasks] == [(r[0], r[1]) for r in ROWS]
    r = CliRunner().invoke(cli, ["check", str(out)])
    assert "COLUMN_AMBIGUOUS" not in r.output and "同样像" not in r.output, r.output


def _round_trip(plan: Path, tmp_path: Path) -> tuple[list, list]:
    res = import_plan(plan)
    out = write_workbook(res, tmp_path / (plan.stem + ".xlsx"))
    tl = load_list(out)
    return ([(t.category.strip(), t.content.strip()) for t in res.tasks],
            [(t.category.strip(), t.content.strip()) for t in tl.tasks])


# documents with categories whose written list was read back otherwise: 重点任务 read as the task text
# (h501 and the others before h814), a blank 重点任务 (a task under no heading) given the category above (h814…)
WITH_CATEGORIES = ("h501_yueyang_nanhu2013", "h704_chuzhou_zhongdian2020", "h4202_shenzhen_jiaotong",
                   "h2601_city_canyin_youyan_chunji", "h2715_ningbo_zhifa_zerenzhi2006", "h814_city_zhichao_bumen",
                   "h920_fushun_yanhua2005", "h1017_datong_daqi2010")


@pytest.mark.parametrize("name", WITH_CATEGORIES)
def test_the_list_an_import_writes_is_read_back_with_the_same_category_and_task(tmp_path, name):
    wrote, read = _round_trip(CORPUS / f"{name}.txt", tmp_path)
    assert any(c for c, _ in wrote)
    assert read == wrote


def test_the_seeds_lists_are_read_back_with_the_same_category_and_task(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("seeds absent")
    done = 0
    for plan in sorted(SEEDS.glob("*.txt")):
        wrote, read = _round_trip(plan, tmp_path)
        if wrote:
            assert read == wrote, plan.name
            done += 1
    assert done >= 3


def _list_xlsx(path: Path, rows: list[tuple]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "配合单位"])
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def test_a_list_with_both_a_category_and_a_task_column_reads_the_category_as_such(tmp_path):
    # before: B「重点任务」 (long, the same on several rows) was read as the task text, C「具体举措」 left aside
    rows = [(str(n), PIPES if n <= 3 else FARMS, r[1], r[5], r[3], "") for n, r in enumerate(ROWS, 1)]
    tl = load_list(_list_xlsx(tmp_path / "清单.xlsx", rows))
    assert [(t.category, t.content) for t in tl.tasks] == [(r[1], r[2]) for r in rows]
    assert not any(n.code == "COLUMN_AMBIGUOUS" for n in tl.notes)


def test_a_blank_category_in_a_list_that_writes_it_on_every_row_is_none(tmp_path):
    # before: task 3 (no heading in the plan) got 「完善…管理」 from the row above
    rows = [("1", PIPES, "完善管网规划", "2013年底", "市规划局", ""),
            ("2", PIPES, "环湖新建区分流制管网建设", "2014年底", "市住建局", ""),
            ("3", "", "整治超标排污畜禽养殖场户", "2014年底", "属地区政府", "")]
    tl = load_list(_list_xlsx(tmp_path / "清单.xlsx", rows))
    assert [t.category for t in tl.tasks] == [PIPES, PIPES, ""]
    # a list that writes each category once over its rows still means 「as above」 by a blank
    rows = [("1", PIPES, "完善管网规划", "2013年底", "市规划局", ""),
            ("2", "", "环湖新建区分流制管网建设", "2014年底", "市住建局", ""),
            ("3", FARMS, "整治超标排污畜禽养殖场户", "2014年底", "属地区政府", ""),
            ("4", "", "取缔污水直排南湖的牲猪养殖场户", "2014年底", "属地区政府", "")]
    tl = load_list(_list_xlsx(tmp_path / "清单2.xlsx", rows))
    assert [t.category for t in tl.tasks] == [PIPES, PIPES, FARMS, FARMS]


def test_a_units_clause_keeps_its_duty_words_without_the_closing_semicolon(tmp_path):
    # the trial's text, GBK as it came: 「X：负责A；负责B；C。」 one paragraph per unit.  Before: 「负责A；」
    plan = tmp_path / "部门职责.txt"
    plan.write_bytes("市经贸委:负责按照国家产业政策要求,抓好市区内市属企业炉外脱硫工程调度;做好老旧汽车报废工作。\n"
                     "市规划局:负责白浪河河道整治等工程的扬尘污染防治。\n"
                     "市公安局:负责对尾气污染严重的车辆强制安排尾气检测;负责市区四个外环路的交通管制,杜绝扬尘车辆上路行驶;"
                     "会同市经贸委做好老旧汽车报废工作。\n".encode("gb18030"))
    res = import_plan(plan)
    assert [t.content for t in res.tasks] == [
        "负责按照国家产业政策要求,抓好市区内市属企业炉外脱硫工程调度", "做好老旧汽车报废工作。",
        "负责白浪河河道整治等工程的扬尘污染防治。", "负责对尾气污染严重的车辆强制安排尾气检测",
        "负责市区四个外环路的交通管制,杜绝扬尘车辆上路行驶", "会同市经贸委做好老旧汽车报废工作。"]
    # 负责 stays: without it 「白浪河…的扬尘污染防治」 no longer says the unit answers for the work
    assert res.tasks[0].responsible == ["市经贸委"] and res.tasks[5].cooperating == ["市经贸委"]
