"""Trial 19 (session 23): a new user imported three real plans not in the corpus (a Word table, a notice saved as a
web page and as Word, a GBK text in traditional characters).  What a clerk would have signed without noticing, each
on the plan's own words in the kind of file the clerk received."""
from __future__ import annotations

import pytest
from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from zhishui.plan import import_plan
from zhishui.plan.attributions import unit_names
from zhishui.plan.writer import settings_rows

# 达州 2019 秸秆禁烧 (kaijiang.gov.cn): a notice that cites two documents it is based on in one list
NOTICE = [
    "达州市大气水土壤污染防治“三大战役”领导小组办公室关于做好2019年度秋季农作物秸秆禁烧工作的通知",
    "各县(市、区)人民政府、达州经开区管委会,市级有关部门:",
    "为切实做好2019年度秋季农作物秸秆禁烧工作,根据《达州市人大常委会关于秸秆露天禁烧和综合利用的决定》(达市人常[2017]55号)、"
    "《达州市2019年农作物秸秆综合利用和禁烧工作实施方案》要求,坚持“属地管理、分级负责”,现就有关事项通知如下:",
    "一、落实工作责任",
    "各县(市、区)人民政府要切实履行秸秆禁烧主体责任,层层签订目标责任书。",
    "二、加强督查检查",
    "市城管执法、生态环境、农业农村、公安等相关职能部门要按照职责分工,加强对秸秆禁烧工作的监督检查。",
]
# 河道環境整改工作方案 (GBK, traditional characters): the laws and plans it is based on, one after another
RIVER = [
    "河道環境整改工作方案",
    "依據《中華人民共和國防洪法》《中華人民共和國水法》《市區生態環境保護工作職責規定(試行)》《市區關于全面推行河長制工作實施方案》,"
    "結合我區實際,制定本方案。",
    "一、整改措施",
    "1.區水務局職責:負責河道日常巡查,對非法采砂行為及時制止並依法查處。",
    "2.區公安分局職責:配合區水務局打擊非法采砂違法犯罪行為。",
]


def _settings(res) -> dict:
    return {row[0]: (row[1], row[2]) for row in settings_rows(res)}


def _docx(path, lines, centred=()):
    d = Docx()
    for i, line in enumerate(lines):
        p = d.add_paragraph(line)
        if i in centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.save(path)
    return path


def test_a_plan_the_notice_only_cites_is_not_its_plan_name(tmp_path):
    # it was 「达州市2019年农作物秸秆综合利用和禁烧工作实施方案」 (the second of two documents after 根据), printed on every
    # return sheet, 督办通知 and 通报, with nothing said in 设置
    res = import_plan(_docx(tmp_path / "秸秆禁烧通知.docx", NOTICE, centred=(0,)))
    name, note = _settings(res)["方案名称"]
    assert name == "做好2019年度秋季农作物秸秆禁烧工作"
    assert "取自文件标题" in note and "标题都用它" in note


def test_documents_a_plan_is_based_on_in_a_row_are_not_its_name(tmp_path):
    path = tmp_path / "河道環境整改工作方案.txt"
    path.write_bytes(("\n".join(RIVER) + "\n").encode("gbk"))
    res = import_plan(path)
    name, _note = _settings(res)["方案名称"]
    assert name == "河道环境整改工作方案"       # (设置 is written in simplified characters; it was the cited 河长制 plan)


def test_a_word_attachments_page_number_above_its_title(tmp_path):
    # 附件1 / — 4 — / 大气污染防治2021年行动计划: the title was left empty and marked yellow as a line not imported
    lines = ["附件1", "— 4 —", "大气污染防治2021年行动计划",
             "一、空气质量目标",
             "1.在完成国家目标任务基础上,全市及各区尽最大努力巩固改善空气质量。(市生态环境局牵头,各区政府负责,年底前)"]
    res = import_plan(_docx(tmp_path / "行动计划.docx", lines, centred=(2,)))
    assert _settings(res)["文件标题"][0] == "大气污染防治2021年行动计划"
    assert _settings(res)["方案名称"][0] == "大气污染防治2021年行动计划"
    # (no issuer on the page: 设置 says so, not 「导入时从文件读取」 beside an empty cell)
    assert _settings(res)["发文机关"] == ("", "文件里没有找到发文机关，请按原件填写（文书的发文机关标志和署名用它）")


@pytest.mark.parametrize("text, names", [
    # it was 市城管执法部门、生态环境部门、农业农村部门、公安等相关职能部门 (the last a unit of its own in 单位名录, issued a
    # sheet and named in the 通报 as not reporting)
    ("市城管执法、生态环境、农业农村、公安等相关职能部门", ["市城管执法部门", "市生态环境部门", "市农业农村部门", "市公安部门"]),
    ("县发改、财政、水利等部门", ["县发改部门", "县财政部门", "县水利部门"]),
])
def test_unit_names(text, names):
    assert unit_names(text) == names


def test_the_notices_units_in_the_imported_tasks(tmp_path):
    res = import_plan(_docx(tmp_path / "秸秆禁烧通知.docx", NOTICE, centred=(0,)))
    task = next(t for t in res.tasks if "监督检查" in t.content)
    assert task.responsible == ["市城管执法部门", "市生态环境部门", "市农业农村部门", "市公安部门"]


def test_a_page_cut_mid_sentence_does_not_go_on_in_the_sites_footer(tmp_path):
    # the saved page ends inside its last task (the store cut it), the site's footer after it: the two were one line,
    # read as the footer — the task was neither imported nor yellow in 原文对照
    body = "".join(f"<p>{x}</p>" for x in NOTICE[:6])
    page = ("<html><head><meta charset='utf-8'><title>通知</title></head><body><div class='article'>" + body +
            "<p>四、强化督查,逗硬考核</p><p>各县(市、区)人民政府、经开区管委会要加强秸秆禁烧工作督促检查,及时落实秸秆综合</p></div>"
            "<div class='footer'>主办：开江县人民政府办公室 版权所有 网站标识码：5117230001</div></body></html>")
    path = tmp_path / "通知.html"
    path.write_text(page, encoding="utf-8")
    res = import_plan(path)
    last = next(t for t in res.tasks if "督促检查" in t.content)
    assert last.content.endswith("及时落实秸秆综合") and "网站标识码" not in last.content
    assert last.responsible == ["各县(市、区)人民政府", "经开区管委会"]


def test_towns_of_a_traditional_character_plan_are_typed_as_towns(tmp_path):
    # the proposed 单位名录 typed 鄉鎮/街道辦事處 as 部门: a 「各镇」 in the list would then not open to them
    from zhishui.plan.writer import proposed_units
    path = tmp_path / "河道環境整改工作方案.txt"
    path.write_bytes(("\n".join(RIVER + ["3.城關鎮人民政府職責:負責轄區河道保潔。",
                                         "4.東街街道辦事處職責:負責轄區河道巡查。",
                                         "5.石門鄉人民政府職責:負責轄區河道清淤。"]) + "\n").encode("gbk"))
    kinds = {row[0]: row[2] for row in proposed_units(import_plan(path))}
    assert kinds == {"區水務局": "部门", "區公安分局": "部门", "城關鎮人民政府": "镇", "東街街道辦事處": "街道",
                     "石門鄉人民政府": "乡"}
