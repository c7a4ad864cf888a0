"""Trial 16 (session 21), problems 7 and 8: what a plan's head is, in 设置 and in 原文对照.

7. A county's saved web page (site menu 「首页 | 政务公开 | 通知公告 | 工作方案」 above the <h1>, the article's
   information line under it, the site's footer): the menu was taken for the plan's title (设置 文件标题 and 方案名称,
   the command line's 「文件：」, and so every notice quoting 方案名称), while the <h1> and the footer were yellow
   「未导入：是任务的」.
8. A county office's notice (Word with a real table, and LibreOffice's PDF of it): the 主送机关 line and the 印发
   sentence (经县政府同意，现将《…》印发给你们，请认真贯彻执行。) were yellow 「是任务的」; in the PDF the title, 文号 and
   主送 run into one yellow row.
The texts are the trial's (tmp/trial16/src: 县2022年农村人居环境整治工作方案, 盘山县社会救助重点任务分工方案)."""
from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from conftest import office_convert
from zhishui.cli import cli
from zhishui.plan import import_plan
from zhishui.plan.readthrough import UNREAD, read_through

from trial16_docs import HEAD_A

TITLE_B = "县2022年农村人居环境整治工作方案"
BODY_B = [
    "为做好2022年的农村人居环境整治工作，着力提升村容村貌品质，推动乡村环境从基础整治向品质提升迈进，持续巩固脱贫攻坚成果，制定本方案。",
    "一、总体要求",
    "深入贯彻落实中央、省、市乡村建设和农村人居环境整治五年提升行动精神，聚焦影响农村人居环境“脏乱差”突出问题，"
    "坚持以绿色发展理念为统领，持续整治提升村容村貌，统筹推进农村生活垃圾治理、农村“厕所革命”、农村污水治理。",
    "二、整治重点",
    "（一）扎实推进村庄环境整治",
    "1.抓好各类乱象整治。乡镇、村在巩固农村环境专项综合整治工作成果的基础上，全面彻底拆除工棚、板房、遮阳棚等临时建筑物，"
    "及时清理拆除后的建筑垃圾，确保辖区无乱涂乱画、广告横幅乱批乱挂现象。"
    "（责任单位：各乡（镇）人民政府、县生态环境局、县农业农村局、县城管局）"]
MENU = '<div class="nav"><a href="#">首页</a> | <a href="#">政务公开</a> | <a href="#">通知公告</a> | <a href="#">工作方案</a></div>'
FOOTER = '<div class="footer">版权所有：县人民政府 &nbsp; 技术支持：县信息中心 &nbsp; 网站标识码：0000000000</div>'


def _page(path, title_tag: str, h1: str | None):
    """A web page as a browser saves it: the site's menu, the article (<h1>, information line, text), the footer."""
    body = "\n".join(f"<p>{x}</p>" for x in BODY_B)
    head = f"<h1>{h1}</h1>" if h1 else ""
    path.write_text(f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title_tag}</title></head>
<body>
{MENU}
<div class="article">
{head}
<div class="info">发布时间：2022-03-18 来源：县农业农村局 浏览次数：</div>
{body}
</div>
{FOOTER}
</body></html>
""", encoding="utf-8")
    return path


def _settings(xlsx) -> dict:
    return {r[0]: r[1] for r in openpyxl.load_workbook(xlsx)["设置"].iter_rows(min_row=2, values_only=True)}


def test_a_saved_page_is_titled_by_its_h1_not_by_the_site_menu(tmp_path):
    page = _page(tmp_path / "B_方案.html", TITLE_B, TITLE_B)
    out = tmp_path / "清单.xlsx"
    r = CliRunner().invoke(cli, ["import", str(page), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert f"文件：{TITLE_B}；" in r.output and "首页" not in r.output
    s = _settings(out)
    assert s["文件标题"] == TITLE_B and s["方案名称"] == TITLE_B
    by = {x.text: x for x in read_through(import_plan(page))}
    # the menu, the article's information line and the footer are the site's; the <h1> is the document's title
    for text in ("首页 | 政务公开 | 通知公告 | 工作方案", "发布时间：2022-03-18 来源：县农业农村局 浏览次数：",
                 "版权所有：县人民政府   技术支持：县信息中心   网站标识码：0000000000"):
        assert by[text].note.startswith("网页导航或页脚") and not by[text].unread, by[text]
    assert by[TITLE_B].note.startswith("文件版头或版记") and not by[TITLE_B].unread
    # what may be a task stays yellow
    assert by[BODY_B[2]].unread and by[BODY_B[2]].note.startswith(UNREAD)


def test_a_page_without_h1_is_titled_by_its_title_tag_without_the_sites_name(tmp_path):
    page = _page(tmp_path / "B_方案.html", f"{TITLE_B}_县人民政府网", None)
    res = import_plan(page)
    assert res.meta.title == TITLE_B and res.meta.plan_name == TITLE_B
    assert "网页的标题" in res.meta.where["title"]


def test_a_text_copied_from_a_page_skips_the_menu_for_its_title(tmp_path):
    """The same page copied into a text file: the menu line first, the plan's name on the next line."""
    txt = tmp_path / "B_方案.txt"
    txt.write_text("\n".join(["首页 | 政务公开 | 通知公告 | 工作方案", TITLE_B] + BODY_B), encoding="utf-8")
    res = import_plan(txt)
    assert res.meta.title == TITLE_B and res.meta.plan_name == TITLE_B
    first = read_through(res)[0]
    assert first.note.startswith("网页导航或页脚") and not first.unread


TABLE_A = [["序号", "工作任务", "落实措施", "负责单位", "时间进度"],
           ["1", "社会救助制度与其他社会保障制度相衔接，社会救助水平与经济社会发展水平相适应",
            "健全完善低保与就业（扶贫）、医疗救助与城镇居民医保（新农合）制度等衔接；完善社会救助标准与物价上涨挂钩联动机制。",
            "县民政局、县发展改革委、县财政局、县政府其他有关部门，各镇人民政府", "2014年12月底前落实并持续实施"],
           ["2", "统筹全县社会救助体系建设", "研究制定盘锦市落实《社会救助暂行办法》的实施办法。",
            "县民政局、县编委办、县发展和改革局、县财政局、县卫生局", "省出台办法后完成"]]


def _notice(path, head=HEAD_A):
    doc = Document()
    for line in head:
        doc.add_paragraph(line)
    t = doc.add_table(rows=len(TABLE_A), cols=len(TABLE_A[0]))
    t.style = "Table Grid"
    for i, row in enumerate(TABLE_A):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    doc.save(path)
    return path


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_the_addressees_and_the_issuing_sentence_are_the_notices_head(tmp_path, kind):
    path = _notice(tmp_path / "A_分工方案.docx")
    if kind == "pdf":           # LibreOffice's export runs the title, 文号 and 主送 into one line
        path = office_convert(path, "pdf", tmp_path / "pdf")
    res = import_plan(path)
    lines = read_through(res)
    assert [(x.where, x.text) for x in lines if x.unread] == []
    head = [x for x in lines if "表" not in x.where]
    assert all(x.note.startswith(("文件版头或版记", "没有文字")) for x in head), [(x.text, x.note) for x in head]
    said = {x.note for x in head if "各镇人民政府，县政府各有关部门、直属机构：" in x.text}
    assert said and all("主送机关" in n for n in said)      # alone (Word) or run into the title's row (PDF)
    issuing = next(x for x in head if x.text.startswith("经县政府同意"))
    assert issuing.note == "文件版头或版记（印发方案的通知语，不是任务）"
    assert [t.source for t in res.tasks] == ["表1第2行", "表1第3行"]
    # 设置 as before: the title, its 文号, the plan it issues
    assert (res.meta.title, res.meta.number, res.meta.plan_name) == (
        HEAD_A[0], "盘县政办发〔2014〕103号", "关于贯彻落实<社会救助暂行办法>重点任务分工方案")


def test_an_issuing_sentence_that_asks_for_a_report_stays_yellow(tmp_path):
    """「…印发给你们，请于2014年12月10日前报送落实情况。」 asks something by a date: it may be a task."""
    head = HEAD_A[:3] + ["经县政府同意，现将《关于贯彻落实<社会救助暂行办法>重点任务分工方案》印发给你们，"
                         "请于2014年12月10日前将落实情况报送县民政局。"] + HEAD_A[4:]
    lines = read_through(import_plan(_notice(tmp_path / "A_分工方案.docx", head)))
    asked = next(x for x in lines if x.text.startswith("经县政府同意"))
    assert asked.unread and asked.note.startswith(UNREAD)
