"""The 水质月报 is written so that it can become part of the monthly 通报: its body is one
builder function whose tags all live under ``water.``.  Here the 通报 template is built with
that function inserted before 「四、存在问题」 and rendered with the 通报's own renderer and
context plus the water context - the way the lead can wire it into build_templates.py and
month_documents.py - and the result opens in LibreOffice with both parts."""
from __future__ import annotations

import datetime as dt
import io
import subprocess

from docx import Document
from docx.oxml.ns import qn

from conftest import office_convert
from water_factory import PERIOD, make_month
from zhishui.generators import build_templates as bt
from zhishui.generators import build_water_templates as bwt
from zhishui.generators.charts import make_charts
from zhishui.generators.contexts import sample_context
from zhishui.generators.render import TemplateRenderer
from zhishui.generators.water_documents import report_context
from zhishui.water import run as judge_files
from zhishui.water.sections import read_sections


def bulletin_with_water(path):
    doc = Document(io.BytesIO(bt.libreoffice_base()))
    bt.setup_styles(doc)
    bt.setup_font_table(doc)
    bt.setup_page(doc, False)
    bt.setup_headers_footers(doc, False)
    b = bt.Body(doc)
    bt.bulletin_body(b)
    body = doc.element.body
    before = len(body)
    bwt.water_section(b)
    added = list(body)[before - 1:-1]                     # the water paragraphs and tables, before sectPr
    anchor = next(p for p in body.iter(qn("w:p")) if "".join(t.text or "" for t in p.iter(qn("w:t"))) == "{{ h.problems }}存在问题")   # numbered when rendered
    for el in added:
        anchor.addprevious(el)
    doc.save(path)
    return path


def test_the_water_section_renders_inside_the_bulletin(tmp_path):
    sections, data = make_month(tmp_path / "month")
    secs = read_sections(sections)
    res = judge_files([data], secs, PERIOD, dt.date(2021, 7, 13))
    water = report_context(res, tmp_path / "charts", secs.settings, heading="四、", figure_start=3)
    ctx = sample_context("bulletin")
    ctx["charts"] = {**make_charts(ctx, tmp_path / "charts"), **water["charts"]}
    ctx["water"] = water["water"]
    template = bulletin_with_water(tmp_path / "进展通报_含水质.docx")
    out = TemplateRenderer("bulletin", template).render(ctx, tmp_path / "通报.docx")
    doc = Document(out)
    heads = [p.text for p in doc.paragraphs if p.style.name == "一级标题"]
    assert heads.index("四、地表水断面水质情况") == heads.index("三、各单位推进情况") + 1
    captions = [p.text for p in doc.paragraphs if p.style.name == "图题"]
    assert captions[:2] == ["图1　各类重点任务推进情况", "图2　各单位得分"]
    assert captions[2].startswith("图3　阳明堡断面") and len(captions) == 5
    pdf = office_convert(out, "pdf", tmp_path)
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "地表水断面水质情况" in text and "氨氮（1.13倍）" in text and "各单位推进情况" in text


def test_committed_water_templates_are_what_the_script_builds(tmp_path):
    from zhishui.generators.render import TEMPLATE_DIR
    for p in bwt.build(tmp_path):
        assert p.read_bytes() == (TEMPLATE_DIR / p.name).read_bytes(), p.name
