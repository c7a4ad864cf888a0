"""What the new user's trial of session 12 found (two plans written as a county office sends them: a .txt work plan
and a Word notice whose units are named on lines of their own), each fixed and checked here on a text like the
trial's and, where the corpus has the form, on the document it is in."""
from __future__ import annotations

from docx import Document as WordDocument
from openpyxl import load_workbook

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan import import_plan
from zhishui.plan.attributions import looks_like_unit
from zhishui.plan.writer import write_workbook


NOTICE = ["某县人民政府办公室关于开展污水专项整治的通知", "各乡镇人民政府，县直有关单位：", "现将有关事项通知如下：",
          "一、整治任务", "县住建局", "负责县城污水管网排查，2025年6月底前完成。", "牵头推进污水处理厂提标改造，2025年11月底前完成。",
          "县生态环境局", "会同县工业和信息化局开展工业园区专项检查，每季度开展一次。",
          "县水利局", "配合县生态环境局做好河道水质监测。",
          "二、整改要求", "县公安局参与联合执法行动。", "三、工作要求", "各单位要高度重视。"]


def _word(tmp_path, paragraphs):
    doc = WordDocument()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / "notice.docx"
    doc.save(path)
    return import_plan(path)


def test_a_units_name_on_its_own_line_owns_the_paragraphs_below(tmp_path):
    # before: 3 of 14 tasks imported from the trial's notice, the unit lines read as nothing
    res = _word(tmp_path, NOTICE)
    pt = _task(res, "负责县城污水管网排查")
    assert pt.responsible == ["县住建局"] and pt.deadline == "2025年6月底前"
    assert any("单独一行的单位名" in r for r in pt.review)
    assert _task(res, "牵头推进污水处理厂提标改造").lead == ["县住建局"]
    pt = _task(res, "会同县工业和信息化局开展")
    assert pt.responsible == ["县生态环境局"] and pt.cooperating == ["县工业和信息化局"]
    pt = _task(res, "配合县生态环境局做好河道水质监测")
    assert pt.responsible == ["县生态环境局"] and pt.cooperating == ["县水利局"]
    # a unit line needs its work below it: 县公安局参与… opens with the unit, no list
    assert "单位名称一行、下面各段职责" in res.layouts


def test_a_sentence_whose_unit_only_takes_part_is_imported_flagged(tmp_path):
    # 县公安局参与联合执法行动。 on its own: before, listed in 导入核对 only
    res = _word(tmp_path, NOTICE)
    pt = _task(res, "县公安局参与联合执法行动")
    assert pt.responsible == ["县公安局"] and any("参与或配合" in r for r in pt.review)


def test_the_unit_helped_carries_the_duty_the_one_who_cooperates_works_with_it(tmp_path):
    # 县自然资源局配合县生态环境局做好水源保护区界标设立工作: before, 县自然资源局 responsible and 县生态环境局 lost
    res = _read(tmp_path, "三、重点工作\n（六）保障饮用水水源安全。县自然资源局配合县生态环境局做好水源保护区界标设立工作，"
                          "2025年7月底前完成。\n")
    pt = _task(res, "县自然资源局配合县生态环境局")
    assert (pt.responsible, pt.cooperating) == (["县生态环境局"], ["县自然资源局"])
    # (协助 as the corpus labels it: the one who 协助s is the task's unit, h1104)
    res = _imported("h1104_hainan_fangnishui")
    assert _task(res, "村(居)民委员会协助乡镇人民政府").responsible == ["村(居)民委员会"]


def test_the_whole_of_society_is_no_unit(tmp_path):
    # 各乡镇、各部门要充分利用…媒体，营造全社会共同参与的良好氛围: 营造全社会 went into the directory as a 部门
    assert not looks_like_unit("营造全社会") and not looks_like_unit("全社会")
    assert looks_like_unit("县红十字会")
    res = _read(tmp_path, "四、保障措施\n（四）加强宣传引导。各乡镇、各部门要充分利用广播、电视等媒体，营造全社会共同参与的良好氛围。\n")
    assert not any("营造全社会" in u for t in res.tasks for u in t.lead + t.responsible + t.cooperating)


def test_every_printed_page_names_its_sheet(tmp_path):
    # the trial's printout could not tell the 任务清单 pages from the 导入核对 ones
    res = _word(tmp_path, NOTICE)
    out = write_workbook(res, tmp_path / "list.xlsx")
    wb = load_workbook(out)
    for name in ("任务清单", "导入核对", "设置", "单位名录"):
        ws = wb[name]
        assert ws.oddHeader.center.text == "&A" and "&P" in ws.oddFooter.center.text


def test_an_empty_document_number_in_settings_says_what_to_do(tmp_path):
    # the trial's 设置 had 文号 empty with nothing in its 说明
    from zhishui.plan.writer import settings_rows
    res = _word(tmp_path, NOTICE)
    row = next(r for r in settings_rows(res) if r[0] == "文号")
    assert row[1] == "" and "没有找到文号" in row[2]
    res = _word(tmp_path, NOTICE[:1] + ["某政办发〔2025〕12号"] + NOTICE[1:])
    row = next(r for r in settings_rows(res) if r[0] == "文号")
    assert row[1] == "某政办发〔2025〕12号" and row[2] == ""
