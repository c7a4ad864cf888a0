"""The header is found by meaning; title rows, two-row headers, category rows, notes,
blank and repeated-header rows, and continuation rows are handled and said so."""
from __future__ import annotations

import openpyxl
import pytest

from zhishui.errors import ZhishuiError
from zhishui.tasks import load_list


def make(path, rows, merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def test_title_rows_two_row_header_and_synonyms(tmp_path):
    p = make(tmp_path / "a.xlsx", [
        ["附件2"],
        ["某县2021年水污染防治重点任务清单"],
        [],
        ["编号", "整改事项", "整改措施", "整改时限", "责任主体", None, "责任领导"],
        [None, None, None, None, "牵头部门", "配合部门", None],
        [1, "工业污染", "完成园区污水管网改造", "2021年6月底", "县经信局", "县生态环境局", "张三"],
        [2, None, "开展排污口排查", "长期坚持", "县生态环境局", "", "李四"],
    ], merges=["E4:F4", "B6:B7"])
    tl = load_list(p)
    assert tl.header_row == 5
    assert tl.columns == {"序号": "A", "重点任务": "B", "具体举措": "C", "完成时限": "D",
                          "牵头单位": "E", "配合单位": "F", "责任人": "G"}
    assert [t.seq for t in tl.tasks] == ["1", "2"]
    assert tl.tasks[1].category == "工业污染"             # merged category carried down
    assert tl.tasks[0].cells["牵头单位"] == "E6"


def test_category_rows_notes_blanks_repeated_headers(tmp_path):
    header = ["序号", "具体举措", "完成时限", "牵头单位", "责任单位"]
    p = make(tmp_path / "b.xlsx", [
        header,
        ["一、农业农村污染治理"],
        [1, "完善农田排灌体系", "2020年12月底", "区农业农村委", "各镇街"],
        [],
        [],
        header,
        ["二、工业污染防治"],
        [2, "完成污水处理厂在线监测", "2020年9月底", "", "三教产业促进中心"],
        ["注：牵头单位负责汇总报送。"],
        ["合计", "2项"],
    ], merges=["A2:E2", "A7:E7", "A9:E9"])
    tl = load_list(p)
    assert [(t.seq, t.category) for t in tl.tasks] == [("1", "一、农业农村污染治理"), ("2", "二、工业污染防治")]
    codes = {n.code: n for n in tl.notes}
    assert set(codes) >= {"CATEGORY_ROW", "BLANK_ROWS", "REPEATED_HEADER", "NOTE_ROW", "TOTAL_ROW"}
    assert "第4-5行" in codes["BLANK_ROWS"].message
    assert codes["NOTE_ROW"].cell == "A9" and codes["REPEATED_HEADER"].cell == "A6"


def test_continuation_row_without_merges(tmp_path):
    p = make(tmp_path / "c.xlsx", [
        ["序号", "工作具体内容", "工作完成期限", "责任单位", "责任人"],
        [1, "2019年完成黑臭水体整治", "2019年12月", "市住建局", "吴毅强"],
        [None, "2020年全面消除生活污水直排口", "2020年12月", None, None],
        [None, "另一个没有序号但有自己单位的任务", "2020年12月", "市水利局", "李国钧"],
    ])
    tl = load_list(p)
    assert len(tl.tasks) == 2
    t1, t2 = tl.tasks
    assert [pt.row for pt in t1.parts] == [3] and t1.deadline.due.year == 2020
    assert t2.seq == "" and t2.key == "R4"


def test_a_list_whose_only_text_column_is_called_zhongdian_renwu(tmp_path):
    p = make(tmp_path / "d.xlsx", [["序号", "重点任务", "完成时限", "责任单位"],
                                   [1, "编制规划", "2020年9月底", "区水利局"]])
    tl = load_list(p)
    assert tl.tasks[0].content == "编制规划" and tl.columns["具体举措"] == "B"


def test_no_recognisable_header(tmp_path):
    p = make(tmp_path / "e.xlsx", [["姓名", "电话"], ["张三", "123"]])
    with pytest.raises(ZhishuiError) as ei:
        load_list(p)
    assert ei.value.code == "NO_HEADER" and "e.xlsx" in ei.value.message and "表头" in ei.value.message


def test_named_sheet_that_does_not_exist(tmp_path):
    p = make(tmp_path / "f.xlsx", [["序号", "具体举措", "完成时限", "牵头单位"], [1, "x", "2020年", "区水利局"]])
    with pytest.raises(ZhishuiError) as ei:
        load_list(p, sheet="清单")
    assert "任务分解" in ei.value.message


@pytest.mark.parametrize("lead,resp,coop", [
    ("牵头责任部门", "具体实施单位", "协同部门"),
    ("主办部门", "属地责任单位", "协同单位"),
    ("牵头督导单位", "主体责任部门", "参与部门"),
])
def test_role_headers_built_the_way_offices_build_them(tmp_path, lead, resp, coop):
    """Role headers no list of words had collected (牵头责任部门 was read as 责任) are read by how a role
    label is built: qualifier, role stem, unit noun (责任科室 stays a column of its own: test_import_month_trial)."""
    p = make(tmp_path / "b.xlsx", [
        ["序号", "工作任务", "完成时限", lead, resp, coop],
        [1, "完成园区污水管网改造", "2021年6月底", "县住建局", "县城投公司", "县生态环境局"],
        [2, "开展入河排污口排查", "2021年9月底", "县生态环境局", "各乡镇", "县水利局"],
    ])
    tl = load_list(p)
    assert {k: tl.columns[k] for k in ("牵头单位", "责任单位", "配合单位")} == \
        {"牵头单位": "D", "责任单位": "E", "配合单位": "F"}
    assert tl.tasks[1].cells["牵头单位"] == "D3"
