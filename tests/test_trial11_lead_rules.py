"""What the new-user trial 16 (session 21) found importing a county's division-of-work table (盘山县社会救助, a Word
table and LibreOffice's PDF of it): the table's own rule on the lead 「（县政府部门中列在首位的为牵头部门，有关部门按职责
分工负责，下同）」 was ignored and vanished from 原文对照, and its 落实措施 column (the measures: the tasks) was set aside
as an extra while 工作任务 became the task text — a list its own reader then read asking for --columns."""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from conftest import office_convert
from zhishui.cli import cli
from zhishui.plan import import_plan
from zhishui.plan.readthrough import read_through
from zhishui.plan.writer import LIST_HEADERS, write_workbook
from zhishui.tasks import load_list

from trial16_docs import HEAD_A

HEAD = HEAD_A
HEADER = ["序号", "工作任务", "落实措施", "负责单位", "时间进度"]
RULE = "县政府部门中列在首位的为牵头部门，有关部门按职责分工负责，下同"
UNITS = ["县民政局、县发展改革委、县财政局、县政府其他有关部门，各镇人民政府",
         "县民政局、县编委办、县发展和改革局、县财政局、县卫生局、县计生局、县教育局、县住房城乡建设局、县人力资源社会保障局",
         "县民政局、县政府其他有关部门，各镇人民政府"]
TASKS = [("社会救助制度与其他社会保障制度相衔接，社会救助水平与经济社会发展水平相适应",
          "健全完善低保与就业（扶贫）、医疗救助与城镇居民医保（新农合）制度等衔接；完善社会救助标准与物价上涨挂钩联动机制；"
          "全县城乡低保和农村五保供养标准平均提高10%，新标准从2014年7月1日起执行。", "2014年12月底前落实并持续实施"),
         ("统筹全县社会救助体系建设", "研究制定盘锦市落实《社会救助暂行办法》的实施办法。", "省出台办法后完成"),
         ("研究制定村民委员会、居民委员会协助做好有关社会救助工作的指导意见", "根据国家和省出台的指导意见，及时制定全县实施意见。",
          "省意见出台后6个月内完成")]


def _rows(rule_in_cell: bool = True) -> list[list[str]]:
    rows = []
    for n, ((task, measures, when), units) in enumerate(zip(TASKS, UNITS), 1):
        cell = units + (f"（{RULE}）" if rule_in_cell and n == 1 else "")
        rows.append([str(n), task, measures, cell, when])
    return rows


def _docx(path: Path, *, header=HEADER, rows=None, before=(), after=()) -> Path:
    """The trial's file as make_files.py made it: python-docx, the notice's lines, then a real Word table."""
    rows = _rows() if rows is None else rows
    doc = Document()
    for line in HEAD + list(before):
        doc.add_paragraph(line)
    t = doc.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    for r, row in enumerate([header] + rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    for line in after:
        doc.add_paragraph(line)
    doc.save(path)
    return path


OTHERS = [["县发展改革委", "县财政局", "县政府其他有关部门", "各镇人民政府"],
          ["县编委办", "县发展和改革局", "县财政局", "县卫生局", "县计生局", "县教育局", "县住房城乡建设局", "县人力资源社会保障局"],
          ["县政府其他有关部门", "各镇人民政府"]]


def _assert_rule_applied(res, words: str, others: str = "responsible") -> None:
    assert [t.lead for t in res.tasks] == [["县民政局"]] * 3
    assert [getattr(t, others) for t in res.tasks] == OTHERS
    for t in res.tasks:
        said = "；".join(t.review)
        assert f"按原文「{words}」" in said and "第一个单位「县民政局」作牵头单位" in said, t.review
    # bodies nobody named stay where the plan wrote them, said as the list reader says them (泛指, no return sheet)
    assert "「县政府其他有关部门」是泛指" in "；".join(res.tasks[0].review)
    assert not any(re.search(r"[（(]", u) for t in res.tasks for u in t.lead + t.responsible + t.cooperating)


def test_a_cell_of_names_that_says_the_first_office_leads_gives_every_row_its_lead(tmp_path):
    # before: 牵头单位 empty on all three rows, no 待核实, 县民政局 one of the 责任单位
    res = import_plan(_docx(tmp_path / "A.docx"))
    _assert_rule_applied(res, RULE)


def test_the_pdf_libreoffice_makes_of_the_word_file_reads_the_same(tmp_path):
    pdf = office_convert(_docx(tmp_path / "A.docx"), "pdf", tmp_path / "pdf")
    _assert_rule_applied(import_plan(pdf), RULE)


def test_the_read_through_says_where_the_rule_went(tmp_path):
    # before: the row was 「imported」 with nothing said, the rule's sentence in no task and nowhere else
    res = import_plan(_docx(tmp_path / "A.docx"))
    row = next(x for x in read_through(res) if x.where == "表1第2行")
    assert RULE in row.text and not row.unread
    assert f"「{RULE}」是方案写明的牵头单位排法，已用于序号1、2、3的牵头单位" in row.note, row.note


@pytest.mark.parametrize("where", ["header", "note", "body"])
def test_the_rule_in_a_header_a_note_under_the_table_or_the_body_is_applied(tmp_path, where):
    rows, header, before, after = _rows(rule_in_cell=False), list(HEADER), [], []
    others = "responsible"
    if where == "header":
        header[3] = "负责单位（排在第一位的为牵头单位）"
        words = "排在第一位的为牵头单位"
    elif where == "note":
        words = "责任单位中第一个单位为牵头单位，其他为配合单位"
        after = [f"注：{words}。"]
        others = "cooperating"
    else:
        words = "责任分解中，列第一位的责任单位为牵头单位或汇总单位"
        before = [f"二、{words}。"]
    res = import_plan(_docx(tmp_path / f"{where}.docx", header=header, rows=rows, before=before, after=after))
    _assert_rule_applied(res, words, others)
    if where != "header":
        line = next(x for x in read_through(res) if words in x.text)
        assert not line.unread and "已用于序号1、2、3的牵头单位" in line.note, line


def test_a_list_with_no_rule_keeps_its_units_as_written(tmp_path):
    res = import_plan(_docx(tmp_path / "A.docx", rows=_rows(rule_in_cell=False)))
    assert [t.lead for t in res.tasks] == [[]] * 3 and res.tasks[1].responsible[0] == "县民政局"


# --- problem 5: which column is the task ---------------------------------------------------------------------

def test_the_measures_right_of_the_task_column_are_the_tasks_and_it_their_category(tmp_path):
    # README: two columns of task text side by side, the shorter left one heads the other.  Before: 工作任务 was the
    # task text and 落实措施 (the measures) an extra column right of 待核实
    res = import_plan(_docx(tmp_path / "A.docx"))
    assert [(t.category, t.content) for t in res.tasks] == [(task, measures) for task, measures, _ in TASKS]
    assert not any(t.extras for t in res.tasks)
    assert not any("落实措施" in why for _w, _t, why in res.review)


def _no_column_question(text: str) -> None:
    # (the web page explains 列对应 on every list; what it must not do is say it could not tell the columns apart)
    assert "同样像" not in text and "有的列不能确定" not in text and "COLUMN_AMBIGUOUS" not in text, text


def test_the_list_the_import_writes_reads_back_in_check_split_and_the_web_without_columns(tmp_path):
    # before: check, split and the web page all said 「C列「具体举措」按「内容」读取：K列同样像「内容」」
    plan = _docx(tmp_path / "A.docx")
    out = tmp_path / "A清单.xlsx"
    r = CliRunner().invoke(cli, ["import", str(plan), "--out", str(out)])
    assert r.exit_code == 0, r.output
    tl = load_list(out)
    assert [(t.category, t.content) for t in tl.tasks] == [(task, measures) for task, measures, _ in TASKS]
    assert [[u.raw for u in t.lead] for t in tl.tasks] == [["县民政局"]] * 3
    r = CliRunner().invoke(cli, ["check", str(out)])
    _no_column_question(r.output)
    r = CliRunner().invoke(cli, ["split", str(out), "--period", "2014-12", "--out", str(tmp_path / "下发")])
    assert r.exit_code == 0, r.output
    _no_column_question(r.output)
    from web_helpers import clerk_client
    app, c, tok = clerk_client(tmp_path / "web")
    try:
        page = c.post("/list/import", data={"csrf_token": tok, "plan": (plan.open("rb"), plan.name)},
                      content_type="multipart/form-data", follow_redirects=True)
        assert page.status_code == 200
        _no_column_question(page.get_data(as_text=True))
        got = tmp_path / "网页清单.xlsx"
        got.write_bytes(c.get("/list/file").data)
        assert [[u.raw for u in t.lead] for t in load_list(got).tasks] == [["县民政局"]] * 3
    finally:
        app.config["STORE"].close()


def test_a_list_with_its_task_text_under_具体举措_and_a_measures_column_at_the_right_reads_without_columns(tmp_path):
    # the workbook the trial's import wrote (openpyxl, as writer.py writes it): 具体举措 and, right of 待核实, the
    # plan's 落实措施 with longer words.  The list's own column name says where the task is; before, check asked
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append(LIST_HEADERS + ["落实措施"])
    for n, ((task, measures, when), units) in enumerate(zip(TASKS, UNITS), 1):
        ws.append([str(n), "", task, when, "", units.replace("，", "、"), "", "", f"表1第{n + 1}行", "", measures])
    wb.save(tmp_path / "旧清单.xlsx")
    tl = load_list(tmp_path / "旧清单.xlsx")
    assert [t.content for t in tl.tasks] == [task for task, _m, _w in TASKS]
    assert [t.extras.get("落实措施") for t in tl.tasks] == [m for _t, m, _w in TASKS]
    assert not any(n.code == "COLUMN_AMBIGUOUS" for n in tl.notes), [n.message for n in tl.notes]


def test_a_task_column_kept_beside_a_longer_one_still_reads_back_without_columns(tmp_path):
    # a table whose right-hand 具体措施 is shorter than its 工作任务: the import keeps it as an extra (README: only the
    # shorter left one heads); the workbook it writes has two columns named as task text, and reads back as written
    rows = [[str(n), task + "，确保按期完成各项目标任务并建立长效工作机制", measures, units, when]
            for n, ((task, measures, when), units) in enumerate(zip(TASKS, UNITS), 1)]
    rows = [[r[0], r[1], r[2][:30] if len(r[2]) > 30 else r[2] + "，加强督促检查", r[3], r[4]] for r in rows]
    plan = _docx(tmp_path / "B.docx", header=["序号", "工作任务", "具体措施", "责任单位", "完成时限"], rows=rows)
    res = import_plan(plan)
    out = write_workbook(res, tmp_path / "B清单.xlsx")
    tl = load_list(out)
    assert [t.content for t in tl.tasks] == [t.content for t in res.tasks]
    assert not any(n.code == "COLUMN_AMBIGUOUS" for n in tl.notes), [n.message for n in tl.notes]


@pytest.mark.parametrize("rule, others", [("排在第一位的为牵头单位，下同", "cooperating"),
                                          ("列在首位的为牵头部门，有关部门按职责分工负责，下同", "responsible")])
def test_the_rule_in_a_bracket_after_a_task_is_read_in_any_of_its_wordings(tmp_path, rule, others):
    # before: only 「列第一位者…」「第一个单位…」 were known; 「排在第一位的…」 left the first task with no unit at all
    doc = Document()
    for line in ["关于社会救助重点工作的分工方案", "一、重点任务",
                 f"1.健全完善低保与就业衔接机制，完善社会救助标准与物价上涨挂钩联动机制。（县民政局、县财政局、县人力资源社会保障局。{rule}）",
                 "2.研究制定全县落实《社会救助暂行办法》的实施办法。（县民政局、县编委办）"]:
        doc.add_paragraph(line)
    doc.save(tmp_path / "括号.docx")
    res = import_plan(tmp_path / "括号.docx")
    assert [t.lead for t in res.tasks] == [["县民政局"], ["县民政局"]]
    assert [getattr(t, others) for t in res.tasks] == [["县财政局", "县人力资源社会保障局"], ["县编委办"]]
    assert all(f"按原文「{rule}」" in "；".join(t.review) for t in res.tasks)
