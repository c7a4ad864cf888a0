"""原文对照: the imported plan read through, every paragraph and table row beside the tasks it became,
yellow where its words are in no task (zhishui/plan/readthrough.py).  Point 6 of the import: no task
text is dropped without a line for the clerk."""
from __future__ import annotations

import json
import re

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

import plan_scoring as ps
from conftest import SEEDS, seed_text
from zhishui.cli import cli
from zhishui.plan import import_plan
from zhishui.plan.readthrough import PART_UNREAD, UNREAD, read_through

RIVER = ["青溪县人民政府办公室文件", "青政办发〔2021〕17号",
         "青溪县人民政府办公室关于印发青溪县2021年河道整治行动方案的通知",
         "各乡镇人民政府、街道办事处，县政府各部门：",
         "《青溪县2021年河道整治行动方案》已经县政府同意，现印发给你们，请认真抓好落实。",
         "青溪县2021年河道整治行动方案",
         "一、重点任务",
         "（一）加强河道清淤。2021年6月底前完成城区河道清淤。（牵头单位：县水利局；配合单位：县财政局）",
         "（二）整治入河排污口。县生态环境局负责全面排查入河排污口，2021年9月底前完成整治。",
         "（三）落实河道保洁。各村要落实河道保洁员制度，每周巡查不少于一次，发现问题当天处理。",
         "（四）治理畜禽养殖污染。县农业农村局负责畜禽养殖污染整治，2021年底前完成。沿河两岸500米范围内的"
         "规模养殖场全部配套粪污处理设施，=SUM(A1)<b>&{{x}}照原样。",
         "二、保障措施",
         "（一）加强组织领导。成立县河道整治工作领导小组，统筹推进各项工作。",
         "抄送：县委办，县人大办。",
         "青溪县人民政府办公室 2021年1月18日印发"]


def _docx(path, lines):
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(path)
    return path


def test_every_paragraph_has_one_line_in_order_with_the_tasks_it_became(tmp_path):
    res = import_plan(_docx(tmp_path / "方案.docx", RIVER))
    lines = read_through(res)
    assert [x.where for x in lines] == [b.where for b in res.document.blocks if b.text.strip()]
    by = {x.where: x for x in lines}
    for t in res.tasks:                       # each task is on its own paragraph's line
        assert t.seq in by[t.source].seqs
    assert [(x.where, x.seqs) for x in lines if x.seqs and not x.note] == \
        [("第8段", ["1"]), ("第9段", ["2"]), ("第10段", ["3"]), ("第11段", ["4"])]
    under = [t.seq for t in res.tasks if t.category == "一、重点任务"]
    assert by["第7段"].note == "重点任务（分类标题）" and by["第7段"].seqs == under and under
    assert by["第12段"].note == "标题" and not by["第12段"].unread
    # the document's head and foot are said as such, not left for the clerk to read: the notice's title run into its
    # addressees (主送机关) and the sentence issuing the plan to them too (trial 16: they were yellow 「是任务的」)
    for w in ("第1段", "第2段", "第3段", "第5段", "第6段", "第14段", "第15段"):
        assert by[w].note.startswith("文件版头或版记") and not by[w].unread, (w, by[w])
    assert "主送机关" in by["第3段"].note and by["第5段"].note == "文件版头或版记（印发方案的通知语，不是任务）"
    # what is in no task is yellow: the 保障措施
    yellow = [x.where for x in lines if x.unread]
    assert yellow == ["第13段"]
    assert by["第13段"].note == UNREAD + "（「导入核对」有说明）"     # 保障措施: the review says why already


def test_a_sentence_of_a_paragraph_no_task_holds_is_quoted(tmp_path):
    """An article's run-on text: 第三条's task is read, the sentence before it (a duty of the press, the
    tail of 第二条) is in no task.  Its paragraph is yellow and the sentence is quoted."""
    res = import_plan(_docx(tmp_path / "办法.docx", [
        "青溪县节约用水管理办法",
        "第一条为加强节约用水管理，制定本办法。第二条县水利局负责全县节约用水的监督管理工作。",
        "新闻媒体应当免费做好节约用水知识的宣传教育工作。第三条县住建局负责城镇公共供水管网漏损控制。",
        "第四条县发改局负责制定阶梯水价实施方案，2021年底前出台。"]))
    by = {x.where: x for x in read_through(res)}
    assert by["第3段"].seqs == ["2"] and by["第3段"].unread
    assert by["第3段"].note == f"{PART_UNREAD}：「新闻媒体应当免费做好节约用水知识的宣传教育工作。」不在任何一项任务里，请核对"
    assert by["第4段"].seqs == ["3"] and not by["第4段"].unread and by["第4段"].note == ""


def test_a_table_row_is_read_as_the_task_its_cells_became(tmp_path):
    """Seed 003's responsibility table flattened by the web page: its header is 表头; the cells of persons
    and units (各县(市)政府主要领导,王景书,吴毅强) are the task's columns, not text left out; the body's prose,
    retold by the table, is said to be in the tasks."""
    seed_text("003")
    res = import_plan(next(SEEDS.glob("003_*.txt")))
    lines = read_through(res)
    rows = [x for x in lines if "表格第" in x.where]
    assert rows[0].note == "表头" and not rows[0].unread
    assert len([x for x in rows if x.seqs]) == len(res.tasks) + sum(len(t.continuation) for t in res.tasks)
    assert not [x.where for x in rows if x.unread]
    retold = [x for x in lines if x.note == "文字已在所列任务里"]
    assert retold and all(x.seqs and not x.unread for x in retold)


def test_the_workbook_json_and_terminal_say_the_same(tmp_path):
    plan = _docx(tmp_path / "方案.docx", RIVER)
    out, js = tmp_path / "清单.xlsx", tmp_path / "清单.json"
    r = CliRunner().invoke(cli, ["import", str(plan), "--out", str(out), "--json", str(js)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["任务清单", "导入核对", "原文对照", "设置", "单位名录"]
    sh = wb["原文对照"]
    rows = list(sh.iter_rows(min_row=2))
    assert [c.value for c in sh[1]] == ["位置", "原文", "导入为（序号）", "说明"]
    got = json.loads(js.read_text(encoding="utf-8"))["read_through"]
    assert [[c.value or "" for c in row] for row in rows] == [[x["where"], x["text"], "、".join(x["tasks"]), x["note"]]
                                                              for x in got]
    # yellow exactly where the words are in no task; the filter is on, so 说明 can be narrowed to 未导入
    assert [row[0].value for row in rows if row[1].fill.fgColor.rgb == "00FFF2CC"] == [x["where"] for x in got
                                                                                       if x["unread"]]
    assert sh.auto_filter.ref == f"A1:D{len(rows) + 1}"
    text = next(row[1] for row in rows if row[0].value == "第11段")
    assert text.data_type == "s" and "=SUM(A1)<b>&{{x}}照原样" in text.value     # user text stays text
    n, unread = len(got), sum(x["unread"] for x in got)
    assert f"原文对照：全文{n}段（表格逐行）中，{unread}段没有导入任何任务" in r.output
    # the list the rest of zhishui reads is still the 任务清单, not the read-through
    assert CliRunner().invoke(cli, ["check", str(out), "--date", "2021-02-01"]).exit_code in (0, 1)


def _corpus_lines():
    for d in ps.manifest():
        if d["split"] in ps.CLEAN:
            continue            # a clean part is scored for its totals only (plan_scoring)
        truth = json.loads((ps.TRUTH / f"{d['id']}.json").read_text(encoding="utf-8"))["tasks"]
        yield d["id"], truth, read_through(import_plan(ps.CORPUS / f"{d['id']}.txt"))


@pytest.fixture(scope="module")
def corpus():
    return list(_corpus_lines())


def test_every_labelled_task_is_in_a_task_or_on_a_yellow_line(corpus):
    """The invariant the sheet is for: each task a person labelled in the opened parts of the corpus (4,000
    tasks in 800 documents) is on a line that became a task or on a yellow line."""
    lost, n = [], 0
    for doc, truth, lines in corpus:
        for t in truth:
            key = ps.canon(t["c"])[:12]
            on = [x for x in lines if key in ps.canon(x.text)]
            n += bool(on)
            if on and not any(x.seqs or x.unread for x in on):
                lost.append((doc, t["c"][:30], [(x.where, x.note) for x in on]))
    assert n > 4000 and lost == []


def test_yellow_is_what_the_importer_missed_not_the_whole_document(corpus):
    """Yellow must not be everything: titles, heads and feet, figures and lines whose words are in tasks
    are not yellow.  Measured: under half of the lines; of the tasks the importer misses, over 90% on them."""
    lines = [x for _d, _t, ls in corpus for x in ls]
    assert sum(x.unread for x in lines) < 0.5 * len(lines)
    missed = yellow = 0
    for doc, truth, ls in corpus:
        for t in truth:
            key = ps.canon(t["c"])[:12]
            on = [x for x in ls if key in ps.canon(x.text)]
            if on and not any(x.seqs for x in on):
                missed += 1
                yellow += any(x.unread for x in on)
    assert missed > 100 and yellow == missed
    assert not [x for x in lines if x.unread and re.fullmatch(r"[\d\s.,，。%％|｜-]*", x.text)]


# --- trial 14: what a clerk reading the sheet met -----------------------------------------------------------

def test_chapters_purpose_and_scope_are_said_not_yellow(tmp_path):
    """A county regulation (the trial's h2309): 第一章总则, the purpose article and the scope article are no one's duty;
    they were yellow with 「是任务的，请…补录」."""
    res = import_plan(_docx(tmp_path / "办法.docx", [
        "某县河道管理办法", "第一章总则",
        "第一条为加强河道管理，保障防洪安全，根据有关法律法规，结合本县实际，制定本办法。",
        "第二条本办法适用于本县行政区域内河道的整治、利用和保护。",
        "第二章河道管理职能职责",
        "第三条县水利局负责全县河道的统一管理和监督检查。",
        "第四条各乡镇人民政府负责本辖区内河道的日常巡查和保洁。"]))
    by = {x.where: x for x in read_through(res)}
    assert by["第2段"].note == "标题" and by["第5段"].note == "标题"
    assert by["第3段"].note == by["第4段"].note == "制定目的或适用范围（不是任务）"
    assert not [x.where for x in read_through(res) if x.unread]


def test_a_heading_the_tasks_sit_under_is_their_category_not_the_masthead(tmp_path):
    """An excerpt that opens with 「四、职责分工」: its words were taken for the plan's title, and the line was called
    the document's masthead although every task sits under it."""
    res = import_plan(_docx(tmp_path / "分工.docx", [
        "四、职责分工",
        "（一）县水利局：负责河道清淤和堤防加固，2021年汛前完成。",
        "（二）县生态环境局：负责入河排污口排查整治。"]))
    first = read_through(res)[0]
    assert first.note == "重点任务（分类标题）" and first.seqs == [t.seq for t in res.tasks]


def test_the_terminal_says_so_when_nothing_is_yellow(tmp_path):
    plan = _docx(tmp_path / "方案.docx", ["（一）县水利局负责河道清淤，2021年6月底前完成。",
                                          "（二）县生态环境局负责入河排污口排查整治，2021年9月底前完成。"])
    r = CliRunner().invoke(cli, ["import", str(plan), "--out", str(tmp_path / "清单.xlsx")])
    assert "原文对照：全文2段（表格逐行）都已在任务里，或是标题、页脚，没有标黄色的段落" in r.output, r.output


def test_a_table_cell_with_one_unit_a_line_shows_every_line(tmp_path):
    """A Word table whose 责任单位 cell holds one unit a line: the row was as high as one line of text, so the sheet
    (and its print) showed 「市建设局」 and hid 「镇江新区管委会」."""
    doc = Document()
    doc.add_paragraph("某市污水处理设施建设任务分解表")
    t = doc.add_table(rows=2, cols=4)
    for i, h in enumerate(["序号", "工作任务", "完成时限", "责任单位"]):
        t.cell(0, i).text = h
    units = ["市建设局", "市环保局", "京口区政府", "润州区政府", "镇江新区管委会"]
    for i, v in enumerate(["1", "建成城市污水处理厂配套管网", "2008年底前", "\n".join(units)]):
        t.cell(1, i).text = v
    doc.save(tmp_path / "表.docx")
    out = tmp_path / "清单.xlsx"
    assert CliRunner().invoke(cli, ["import", str(tmp_path / "表.docx"), "--out", str(out)]).exit_code == 0
    sh = openpyxl.load_workbook(out)["原文对照"]
    row = next(r for r in sh.iter_rows(min_row=2) if "镇江新区管委会" in str(r[1].value))
    assert sh.row_dimensions[row[0].row].height >= 15 * len(units)
    # and the line breaks (w:br) part the units in the list, as paragraphs in the cell would
    lst = openpyxl.load_workbook(out)["任务清单"]
    assert lst["F2"].value == "、".join(units)


def test_n_ge_nian_nei_is_within_the_year_not_a_span():
    """「其中16个年内建成投运」: 16 of them within the year, not 「16个年内」 (a span no one writes)."""
    from zhishui.plan.dates import find_deadlines
    assert find_deadlines("其中16个年内建成投运，2008年6月底前完成") == ["年内", "2008年6月底前"]
    assert find_deadlines("5个工作日内报送") == ["5个工作日内"] and find_deadlines("三个月内") == ["三个月内"]
