"""A new clerk's month after `zhishui import` (trial 7): a plan written in Word the way county
offices write them (主办单位/协办单位/时间节点, a merged 工作任务 category, a group as co-unit,
an extra 责任科室 column), imported, then split and collected through the command line.

Truth is the plan text itself, written here; the importer and split run as the clerk runs them.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from zhishui.findings import code_cn

ZHISHUI = [sys.executable, "-m", "zhishui.cli"]

HEAD = ["序号", "工作任务", "具体内容", "时间节点", "主办单位", "协办单位", "责任科室"]
ROWS = [
    ("1", "城镇污水治理", "完成县城污水处理厂提标改造，出水达到一级A标准。", "2021年6月底前完成设计；2021年12月底前完工",
     "县住建局", "县生态环境分局、县发改局", "市政科"),
    ("2", "城镇污水治理", "同步实施老旧小区雨污分流改造。", "2021年9月底", "县住建局", "各街道办事处", "市政科"),
    ("3", "农业农村污染治理", "定期开展农村生活污水处理设施运行巡查。", "定期", "县农业农村局", "县生态环境分局", "农村科"),
]


def _run(*args, cwd=None):
    return subprocess.run([*ZHISHUI, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def _plan_docx(path: Path) -> Path:
    from docx import Document
    doc = Document()
    for line in ("青溪县人民政府办公室文件", "青政办发〔2021〕17号",
                 "青溪县人民政府办公室关于印发青溪县2021年水污染防治攻坚行动方案的通知",
                 "各乡镇人民政府、街道办事处，县政府各部门：",
                 "《青溪县2021年水污染防治攻坚行动方案》已经县政府同意，现印发给你们，请认真抓好落实。",
                 "青溪县人民政府办公室", "2021年1月18日", "青溪县2021年水污染防治攻坚行动方案",
                 "县治水办要发挥牵头抓总作用，每月通报各单位工作进展。", "附件：任务分解表"):
        doc.add_paragraph(line)
    t = doc.add_table(rows=1, cols=len(HEAD))
    t.style = "Table Grid"
    for i, h in enumerate(HEAD):
        t.rows[0].cells[i].text = h
    for r in ROWS:
        for i, v in enumerate(r):
            t.add_row() if i == 0 else None
            t.rows[-1].cells[i].text = v
    top = t.cell(1, 1)
    top.merge(t.cell(2, 1)).text = ROWS[0][1]     # 工作任务 merged over the first two tasks
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    d = tmp_path_factory.mktemp("trial")
    plan = _plan_docx(d / "攻坚行动方案.docx")
    r = _run("import", plan, "--out", d / "清单.xlsx")
    assert r.returncode == 0, r.stderr
    return d


def test_the_review_sheet_prints_whole_on_landscape_a4(imported):
    """导入核对 is read on paper: every column on one page wide, long notes wrapped in rows high
    enough to show them (its layout is the 台账 template's, so both say the same)."""
    ws = openpyxl.load_workbook(imported / "清单.xlsx")["导入核对"]
    assert [ws.column_dimensions[c].width for c in "ABC"] == [22, 50, 80]
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$1:$1"
    longest = max(range(2, ws.max_row + 1), key=lambda r: len(str(ws.cell(r, 3).value or "")))
    assert len(ws.cell(longest, 3).value) > 50 and ws.cell(longest, 3).alignment.wrap_text
    assert ws.row_dimensions[longest].height >= 30


def test_return_sheets_do_not_carry_the_importers_notes_for_the_clerk(imported):
    r = _run("split", imported / "清单.xlsx", "--period", "2021-03", "--out", imported / "下发")
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(imported / "下发" / "2021年3月_县农业农村局_进展情况报送表.xlsx")
    ws = wb["报送表"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    # the clerk's list has them (来源 = where in the plan, 待核实 = the importer's doubt about 定期) …
    lst = openpyxl.load_workbook(imported / "清单.xlsx")["任务清单"]
    heads = [c.value for c in lst[1]]
    assert "来源" in heads and "待核实" in heads
    doubt = lst.cell(4, heads.index("待核实") + 1).value
    assert doubt and "定期" in doubt
    # … the unit's return sheet does not
    assert not any(t in ("参考：来源", "参考：待核实") for t in texts)
    assert not any("请核实" in t and "定期" in t for t in texts)
    assert "定期开展农村生活污水处理设施运行巡查。" in texts


def test_split_collect_and_docs_say_which_groups_get_no_return(imported):
    r = _run("split", imported / "清单.xlsx", "--period", "2021-03", "--out", imported / "下发2")
    assert r.returncode == 0
    assert "各街道办事处" in r.stderr and "不给它下发报送表" in r.stderr
    assert "序号2" in r.stderr and "Traceback" not in r.stderr
    (imported / "收回").mkdir()
    r = _run("collect", imported / "清单.xlsx", imported / "收回", "--period", "2021-03", "--date", "2021-03-31",
             "--allow-empty", "--out", imported / "汇总.xlsx")
    assert r.returncode == 0, r.stderr
    assert "各街道办事处" in r.stderr and "不催报" in r.stderr
    r = _run("docs", imported / "清单.xlsx", imported / "收回", "--period", "2021-03", "--date", "2021-03-31",
             "--allow-empty", "--out", imported / "文书")
    assert r.returncode == 0, r.stderr
    assert "各街道办事处" in r.stderr and "不发文书" in r.stderr


# --- two columns named as task text: the shorter one on the left heads the other ----------------

def test_imported_category_comes_from_the_merged_work_task_column(imported):
    ws = openpyxl.load_workbook(imported / "清单.xlsx")["任务清单"]
    got = [(r[1], r[2]) for r in ws.iter_rows(min_row=2, values_only=True) if r[2]]
    assert got == [(r[1], r[2]) for r in ROWS]


WATER_HEAD = ["序号", "水体名称", "整治措施", "完成时间", "牵头单位", "配合单位"]
WATER_ROWS = [
    ("1", "柳叶溪", "完成沿线12个排口截污纳管。", "2020年6月底", "区住建局", "柳叶街道办事处"),
    ("2", "柳叶溪", "实施清淤疏浚3.2公里，清淤底泥无害化处置。", "2020年8月底前", "区水利局", "区生态环境分局"),
    ("3", "护城河", "建设初期雨水调蓄池1座。", "2020年10月底", "区住建局", "区自然资源局"),
]


def test_a_saved_web_pages_measures_column_is_the_task_not_the_water_body(tmp_path):
    cells = "".join(f"<td>{v}</td>" for v in WATER_HEAD)
    body = [f"<tr>{cells}</tr>"]
    for i, r in enumerate(WATER_ROWS):
        tds = [f"<td>{r[0]}</td>"]
        if i == 0:
            tds.append(f'<td rowspan="2">{r[1]}</td>')
        elif i == 2:
            tds.append(f"<td>{r[1]}</td>")
        tds += [f"<td>{v}</td>" for v in r[2:]]
        body.append("<tr>" + "".join(tds) + "</tr>")
    page = tmp_path / "方案.htm"
    page.write_text('<html><head><meta charset="utf-8"><title>石门区黑臭水体治理攻坚实施方案</title></head><body>'
                    "<p>石门区城市黑臭水体治理攻坚实施方案</p><p>附件：任务清单</p>"
                    f'<table border="1">{"".join(body)}</table></body></html>', encoding="utf-8")
    r = _run("import", page, "--out", tmp_path / "清单.xlsx")
    assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(tmp_path / "清单.xlsx")["任务清单"]
    got = [(r[1], r[2], r[3]) for r in ws.iter_rows(min_row=2, values_only=True) if r[2]]
    assert got == [(r[1], r[2], r[3]) for r in WATER_ROWS]


def test_list_workbook_with_two_task_text_columns(tmp_path):
    from zhishui.tasks import load_list
    for head, rows in ((HEAD, ROWS), (WATER_HEAD, WATER_ROWS)):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "任务清单"
        ws.append(head)
        for r in rows:
            ws.append(list(r))
        path = tmp_path / f"{head[1]}.xlsx"
        wb.save(path)
        tl = load_list(path)
        assert [(t.category, t.content) for t in tl.tasks] == [(r[1], r[2]) for r in rows]


# --- a column of the plan's table that is none of the list's columns is kept ---------------------

def test_a_table_column_the_list_has_no_place_for_is_kept_and_said(imported, tmp_path):
    from zhishui.tasks import load_list
    wb = openpyxl.load_workbook(imported / "清单.xlsx")
    ws = wb["任务清单"]
    heads = [c.value for c in ws[1]]
    assert "责任科室" in heads
    col = heads.index("责任科室")
    assert [r[col] for r in ws.iter_rows(min_row=2, values_only=True) if r[2]] == [r[6] for r in ROWS]
    review = [r for r in wb["导入核对"].iter_rows(min_row=2, values_only=True)]
    assert any("责任科室" in (r[2] or "") and r[0] == "表1" for r in review)
    # the rest of zhishui reads it as the list's extra column, the tasks unchanged …
    tl = load_list(imported / "清单.xlsx")
    assert [(t.category, t.content, t.extras.get("责任科室")) for t in tl.tasks] == [(r[1], r[2], r[6]) for r in ROWS]
    # … and shows it to the unit for reference
    r = _run("split", imported / "清单.xlsx", "--period", "2021-04", "--out", tmp_path / "下发")
    assert r.returncode == 0, r.stderr
    ret = openpyxl.load_workbook(tmp_path / "下发" / "2021年4月_县住建局_进展情况报送表.xlsx")["报送表"]
    rows = [[c.value for c in row] for row in ret.iter_rows()]
    head = next(r for r in rows if r[0] == "序号")
    k = head.index("参考：责任科室")
    assert [r[k] for r in rows if r[0] in ("1", "2")] == ["市政科", "市政科"]


def test_json_keeps_the_extra_columns(tmp_path):
    plan = _plan_docx(tmp_path / "方案.docx")
    r = _run("import", plan, "--out", tmp_path / "清单.xlsx", "--json", tmp_path / "任务.json")
    assert r.returncode == 0, r.stderr
    import json
    tasks = json.loads((tmp_path / "任务.json").read_text(encoding="utf-8"))["tasks"]
    assert [t["extras"] for t in tasks] == [{"责任科室": r[6]} for r in ROWS]


# --- the add-in's 导入方案 in the 督办台账 (xlwings' remote engine) ------------------------------

def test_addin_import_keeps_the_review_and_fills_empty_settings_and_directory(tmp_path):
    from zhishui.addin.macros import run
    from zhishui.addin.remote import Replay, remote_book, save_replayed
    from zhishui.tasks import load_list
    root = Path(__file__).resolve().parents[1]
    template = root / "workbook_templates" / "督办台账.xlsx"
    plan = _plan_docx(tmp_path / "方案.docx")
    # the clerk already typed the 汇总单位 and a 联系人: they stay
    book, payload = remote_book(template, {("控制台", "B4"): "导入方案", ("控制台", "B10"): str(plan),
                                           ("设置", "B9"): "县水利局", ("设置", "B11"): "李四"})
    outcome = run(book)
    assert outcome.outcome == "成功", outcome.notes
    actions = book.json()["actions"]
    from zhishui.addin.xlwings_clients import unsupported_actions
    for kind in ("vba", "js"):      # every call is one the shipped clients execute
        assert unsupported_actions(book.json(), kind) == []
    assert any(a["func"] == "setAutofit" and a["args"] in ("rows", ["rows"]) for a in actions)
    names = [s["name"] for s in payload["sheets"]]
    writes = [a for a in actions if a["func"] == "setValues" and a["sheet_position"] == names.index("任务清单")]
    assert len(writes) == 1
    filled = save_replayed(template, Replay(payload, actions), tmp_path / "台账.xlsx")
    wb = openpyxl.load_workbook(filled)
    review = [r for r in wb["导入核对"].iter_rows(min_row=2, values_only=True) if any(r)]
    assert any("责任科室" in (r[2] or "") for r in review)
    # laid out by the template (the add-in writes values only): wide columns, wrapped text, A4 landscape
    sheet = wb["导入核对"]
    assert [sheet.column_dimensions[c].width for c in "ABC"] == [22, 50, 80]
    assert all(sheet.cell(2, c).alignment.wrap_text for c in (1, 2, 3))
    assert sheet.page_setup.orientation == "landscape"
    assert any("各街道办事处" == r[1] for r in review)
    # 原文对照: the plan read through, written into the ledger's own sheet, laid out and coloured by the template
    read = wb["原文对照"]
    lines = [r for r in read.iter_rows(min_row=2, values_only=True) if any(r)]
    from zhishui.plan import import_plan
    from zhishui.plan.writer import read_through_rows
    assert [list(r) for r in lines] == [[v or None for v in row] for row in read_through_rows(import_plan(plan))]
    assert [read.column_dimensions[c].width for c in "ABCD"] == [22, 80, 14, 44]
    assert any('LEFT($D2,3)="未导入"' in r.formula[0] for cf in read.conditional_formatting for r in cf.rules)
    assert any("原文对照" in n for n in outcome.notes) == any(row[3].startswith("未导入") for row in lines)
    # the master has no 责任科室 column: each task's value is kept in the review
    assert sorted(r[1] for r in review if (r[1] or "").startswith("责任科室：")) == sorted(f"责任科室：{r[6]}" for r in ROWS)
    st = {r[0]: r[1] for r in wb["设置"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert st["文号"] == "青政办发〔2021〕17号" and st["发文机关"] == "青溪县人民政府办公室"
    assert str(st["成文日期"])[:10] == "2021-01-18"
    assert st["汇总单位"] == "县水利局" and st["联系人"] == "李四"
    units = [r[0] for r in wb["单位名录"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert set(units) == {"县住建局", "县生态环境分局", "县发改局", "县农业农村局"}
    tl = load_list(filled, sheet="任务清单")
    assert tl.settings.notice_number == "青政办发〔2021〕17号"
    assert [t.content for t in tl.tasks] == [r[2] for r in ROWS]
    assert any("导入核对" in n for n in outcome.notes)


# --- a table a conversion ran into one paragraph -------------------------------------------------

def test_a_table_run_into_one_paragraph_is_named_when_other_tasks_are_found(tmp_path):
    """What LibreOffice makes of this very plan when it saves the .docx straight to .doc: the table
    is gone and its cells are one paragraph.  The body still yields tasks (县治水办要…), so the
    paragraph used to vanish without a line."""
    from docx import Document
    doc = Document()
    for line in ("青溪县2021年水污染防治攻坚行动方案", "二、工作要求",
                 "县治水办要发挥牵头抓总作用，每月通报各单位工作进展。各责任单位于每月25日前将进展情况报送县治水办。",
                 "附件：任务分解表"):
        doc.add_paragraph(line)
    doc.add_paragraph("".join(HEAD) + "".join("".join(r) for r in ROWS))
    plan = doc.save(tmp_path / "方案.docx") or tmp_path / "方案.docx"
    r = _run("import", plan, "--out", tmp_path / "清单.xlsx")
    assert r.returncode == 0, r.stderr
    review = [row for row in openpyxl.load_workbook(tmp_path / "清单.xlsx")["导入核对"].iter_rows(min_row=2, values_only=True)]
    line = [row for row in review if "各格连在一起的表格" in (row[2] or "")]
    assert len(line) == 1 and line[0][0] == "第5段" and line[0][1].startswith("序号工作任务具体内容")
    assert "主办单位" in line[0][2] and "未导入" in line[0][2]
    assert "第5段" in r.stderr and "各格连在一起的表格" in r.stderr
    # never a half-right reading: runtogether.py cut row 1 with no unit, 各街道办事处 into 各街道办/事处 and row 3
    # in two, so none of the table's rows is imported (the body's own task is)
    cells = [str(v) for row in openpyxl.load_workbook(tmp_path / "清单.xlsx")["任务清单"].iter_rows(min_row=2, values_only=True)
             for v in row if v]
    assert not any("雨污分流" in x or "提标改造" in x or "运行巡查" in x for x in cells)
    assert any("县治水办" in x for x in cells)


# --- a web page's information bar laid out as a table ----------------------------------------------

def test_a_web_pages_information_table_gives_the_number_and_date_and_is_no_task_table(tmp_path):
    bar = ('<table class="xxgk"><tr><td>索引号：</td><td>11430703MB1234567X/2020-00123</td><td>主题分类：</td><td>生态环境</td></tr>'
           "<tr><td>发布机构：</td><td>石门区人民政府办公室</td><td>成文日期：</td><td>2020年04月26日</td></tr>"
           "<tr><td>文号：</td><td>石政办函〔2020〕31号</td><td>发布日期：</td><td>2020年04月29日</td></tr></table>")
    rows = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in [WATER_HEAD] + WATER_ROWS)
    page = tmp_path / "方案.htm"
    page.write_text('<html><head><meta charset="utf-8"><title>通知</title></head><body>' + bar +
                    "<h1>石门区人民政府办公室关于印发石门区城市黑臭水体治理攻坚实施方案的通知</h1>"
                    "<p>石门区人民政府办公室</p><p>2020年4月28日</p>"
                    f'<p>附件：任务清单</p><table border="1">{rows}</table></body></html>', encoding="utf-8")
    r = _run("import", page, "--out", tmp_path / "清单.xlsx")
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(tmp_path / "清单.xlsx")
    st = {row[0]: row[1] for row in wb["设置"].iter_rows(min_row=2, values_only=True)}
    assert st["文号"] == "石政办函〔2020〕31号"
    assert str(st["成文日期"])[:10] == "2020-04-26"      # the bar's 成文日期, not the signature's 4月28日
    review = [row for row in wb["导入核对"].iter_rows(min_row=2, values_only=True)]
    assert not any("无法分辨" in (row[2] or "") for row in review)
    assert any(row[0] == "网页表1" and "信息栏" in row[2] for row in review)
    assert len([row for row in wb["任务清单"].iter_rows(min_row=2, values_only=True) if row[2]]) == len(WATER_ROWS)


def test_the_date_given_with_ref_says_so_in_settings(tmp_path):
    plan = tmp_path / "方案.txt"
    plan.write_text("关于开展入河排污口排查整治的工作方案\n\n一、工作任务\n"
                    "1.开展城区入河排污口全面排查，本月底前完成。（县生态环境分局牵头，县水利局配合）\n"
                    "2.即日起对排查发现的问题排口实施动态清零。（县住建局负责）\n", encoding="gbk")
    r = _run("import", plan, "--out", tmp_path / "无日期.xlsx")
    assert r.returncode == 0, r.stderr
    st = {row[0]: row[1:] for row in openpyxl.load_workbook(tmp_path / "无日期.xlsx")["设置"].iter_rows(values_only=True)}
    assert st["成文日期"][0] is None and "没有找到" in st["成文日期"][1]
    r = _run("import", plan, "--ref", "2021-01-10", "--out", tmp_path / "清单.xlsx")
    assert r.returncode == 0, r.stderr
    st = {row[0]: row[1:] for row in openpyxl.load_workbook(tmp_path / "清单.xlsx")["设置"].iter_rows(values_only=True)}
    assert str(st["成文日期"][0])[:10] == "2021-01-10"
    assert "--ref" in st["成文日期"][1] and "没有找到" not in st["成文日期"][1]
    # and the relative deadlines are then read from that date, not refused
    r = _run("check", tmp_path / "清单.xlsx", "--date", "2021-01-20")
    assert code_cn("DEADLINE_UNREADABLE") not in r.stdout and "2021年1月31日" in r.stdout


# --- a row whose cells slid: said as such ----------------------------------------------------------

SLID_ROWS = [
    ("1", "城镇污水治理", "完成县城污水处理厂提标改造，出水达到一级A标准。", "2021年6月底前完成设计；2021年12月底前完工",
     "县住建局", "县生态环境分局、县发改局", "市政科"),
    ("2", "城镇污水治理", "新建城东片区污水管网12公里，消除管网空白区。", "次年3月", "县住建局", "县自然资源局", "市政科"),
    ("", "城镇污水治理", "同步实施老旧小区雨污分流改造。", "2021年春节前", "县住建局", "各街道办事处", "市政科"),
    ("3", "工业污染防治", "开展工业园区污水集中处理设施排查整治。", "本月底", "县生态环境分局", "县工信局", "水环境科"),
]


def test_a_row_whose_cells_slid_says_so(tmp_path):
    """The Word plan saved as text by LibreOffice (one cell a line, an empty line for each cell under
    a merged one) and then as GBK, as a clerk gets it from a colleague: the row under the merged
    category cell is read one cell off (content 「次年3月」, deadline 「县住建局」).  Reading it right is
    the reader's business; the list must at least say that this row slid, not only that 「县住建局」
    is no deadline (which sends the clerk to fix the wrong cell)."""
    from docx import Document

    from conftest import office_convert
    doc = Document()
    doc.add_paragraph("青溪县2021年水污染防治攻坚行动方案")
    doc.add_paragraph("附件：任务分解表")
    t = doc.add_table(rows=1 + len(SLID_ROWS), cols=len(HEAD))
    for i, h in enumerate(HEAD):
        t.cell(0, i).text = h
    for r, row in enumerate(SLID_ROWS, 1):
        for i, v in enumerate(row):
            t.cell(r, i).text = v
    t.cell(1, 1).merge(t.cell(3, 1)).text = "城镇污水治理"
    doc.save(tmp_path / "方案.docx")
    txt = office_convert(tmp_path / "方案.docx", "txt:Text (encoded):UTF8", tmp_path / "txt")
    gbk = tmp_path / "方案_GBK.txt"
    gbk.write_bytes(txt.read_text(encoding="utf-8-sig").encode("gbk"))
    r = _run("import", gbk, "--out", tmp_path / "清单.xlsx")
    assert r.returncode == 0, r.stderr
    ws = openpyxl.load_workbook(tmp_path / "清单.xlsx")["任务清单"]
    heads = [c.value for c in ws[1]]
    rows = [dict(zip(heads, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    wrong = 0
    for want in SLID_ROWS:
        if any(x["具体举措"] == want[2] and x["完成时限"] == want[3] and x["牵头单位"] == want[4] for x in rows):
            continue                      # read right
        wrong += 1
        # read wrong: where its deadline went into 具体举措, that row says it slid
        for x in rows:
            if x["具体举措"] == want[3]:
                assert "错了位" in (x["待核实"] or ""), x
    assert wrong <= 2
