"""Each check finds its problem and points at the cell."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from conftest import DIR003, LIST001, LIST003
from zhishui.checks import check_list
from zhishui.findings import ERROR, INFO, WARNING
from zhishui.tasks import load_list


def codes(findings):
    return sorted({f.code for f in findings})


def test_seed001_reports_the_slip_and_suggests_the_right_name():
    findings = check_list(load_list(LIST001), dt.date(2020, 9, 24))
    unknown = [f for f in findings if f.code == "UNKNOWN_UNIT"]
    assert len(unknown) == 1
    f = unknown[0]
    assert (f.severity, f.task, f.field, f.sheet, f.cell) == (ERROR, "10", "配合单位", "整改任务分解表", "G13")
    assert "区市场管理局" in f.message and "区市场监管局" in f.suggestion
    # 相关镇街 (G10, G44); 区住房城乡建委「等区级部门」 (G51), 「区市场监管局等」 (G52, G60: a bare 等, trial 35): the
    # named units keep their tasks, the tail is 泛指
    assert [x.cell for x in findings if x.code == "GROUP_UNEXPANDABLE"] == ["G10", "G44", "G51", "G52", "G60"]
    assert not [x for x in findings if x.code == "DEADLINE_PAST"]   # nothing was past on the day after issue


def test_seed001_on_a_later_date_finds_past_deadlines():
    findings = check_list(load_list(LIST001), dt.date(2020, 10, 1))
    past = [f for f in findings if f.code == "DEADLINE_PAST"]
    # every task due 2020-09-30: count read off the seed's 完成时限 column
    assert len(past) == sum(1 for t in load_list(LIST001).tasks if t.deadline.due == dt.date(2020, 9, 30))
    assert all(f.severity == WARNING and f.field == "完成时限" and f.cell.startswith("D") for f in past)


def test_seed003_is_clean_but_for_the_undated_and_gap():
    findings = check_list(load_list(LIST003, directory_path=DIR003), dt.date(2019, 11, 14))
    assert not [f for f in findings if f.severity == ERROR]
    assert [(f.code, f.task, f.cell) for f in findings if f.code == "DEADLINE_NONE"] == [
        ("DEADLINE_NONE", "4", "D7"), ("DEADLINE_NONE", "9", "D12")]
    gap = [f for f in findings if f.code == "SEQ_GAP"]
    assert gap and "2" in gap[0].message
    assert "PERSON_MISMATCH" not in codes(findings)
    variant = [f for f in findings if f.code == "UNIT_VARIANT"]
    assert variant and "市卫健委" in variant[0].message and "市卫生健康委" in variant[0].message


@pytest.fixture
def bad_list(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "责任单位", "责任人", "配合单位"])
    rows = [
        [1, "完善农田排灌体系", "2020年12月底", "区农业农村委", "各镇街", "", ""],
        [1, "重复序号的任务", "2020年12月底", "区水利局", "", "", ""],
        [3, "", "2020年12月底", "区水利局", "", "", ""],
        [4, "时限写得含糊", "尽快", "区水利局", "", "", ""],
        [5, "没有时限", "", "区水利局", "", "", ""],
        [6, "已经过期", "2020年3月底", "区水利局", "", "", ""],
        [7, "适时启动的任务", "适时启动", "区水利局", "", "", ""],
        [8, "责任人对不上", "2020年12月底", "", "区水利局、区财政局", "张三、李四、王五", ""],
        [9, "没有任何单位", "2020年12月底", "", "", "", ""],
        [10, "两种写法", "2020年12月底", "区市场监督管理局", "", "", "区市场监管局"],
        [11, "名录里没有镇街", "2020年12月底", "区水利局", "", "", "各街道"],
        [12, "改名前的名称", "2020年12月底", "区环境保护局", "", "", "区市场管理局"],
    ]
    for r in rows:
        ws.append(r)
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "简称/别名", "类型"])
    for name, alias, kind in [("区农业农村委", "", "部门"), ("区水利局", "", "部门"), ("区财政局", "", "部门"),
                              ("区市场监管局", "区市场监督管理局", "部门"), ("区生态环境局", "", "部门"),
                              ("何埂镇", "", "镇"), ("双石镇", "", "镇")]:
        d.append([name, alias, kind])
    p = tmp_path / "问题清单.xlsx"
    wb.save(p)
    return p


def test_every_check_points_at_its_cell(bad_list):
    findings = check_list(load_list(bad_list), dt.date(2020, 6, 1))
    got = {(f.code, f.task, f.cell) for f in findings}
    expected = {
        ("DUPLICATE_SEQ", "1", "A3"),
        ("EMPTY_CONTENT", "3", "B4"),
        ("DEADLINE_UNREADABLE", "4", "C5"),
        ("DEADLINE_MISSING", "5", "C6"),
        ("DEADLINE_PAST", "6", "C7"),
        ("DEADLINE_NONE", "7", "C8"),
        ("PERSON_MISMATCH", "8", "F9"),
        ("LEAD_JOINT", "8", "D9"),
        ("MISSING_LEAD", "9", "D10"),
        ("GROUP_UNEXPANDABLE", "11", "G12"),
        ("UNIT_RENAMED", "12", "D13"),
        ("UNKNOWN_UNIT", "12", "G13"),
    }
    assert expected <= got, expected - got
    by_code = {f.code: f for f in findings}
    assert by_code["DUPLICATE_SEQ"].severity == ERROR and "第2、3行" in by_code["DUPLICATE_SEQ"].message
    assert "尽快" in by_code["DEADLINE_UNREADABLE"].message
    assert "区生态环境局" in by_code["UNIT_RENAMED"].message
    assert by_code["UNKNOWN_UNIT"].suggestion.startswith("是否为「区市场监管局」")
    assert "区市场监督管理局" in by_code["UNIT_VARIANT"].message and "区市场监管局" in by_code["UNIT_VARIANT"].message
    for f in findings:
        assert f.severity in (ERROR, WARNING, INFO) and f.message
        d = f.to_dict()
        assert set(d) >= {"severity", "code", "task", "field", "sheet", "cell", "message", "suggestion"}


def test_without_directory_two_spellings_are_suspected(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "配合单位"])
    ws.append([1, "任务一", "2020年12月底", "区农业农村委", "区市场监管局"])
    ws.append([2, "任务二", "2020年12月底", "区农业农村委", "区市场管理局"])
    p = tmp_path / "无名录.xlsx"
    wb.save(p)
    findings = check_list(load_list(p), dt.date(2020, 6, 1))
    assert "NO_DIRECTORY" in codes(findings)
    v = [f for f in findings if f.code == "UNIT_VARIANT"]
    assert v and v[0].severity == WARNING and "区市场管理局" in v[0].message and "区市场监管局" in v[0].message


def test_two_directory_units_named_almost_alike_are_pointed_out(tmp_path):
    """A directory made from a plan's text can hold one office written two ways (区市场管理局 in the
    body, 区市场监管局 in the annex): both get tasks, returns and reminders, so check warns; units
    merely alike in their ending (区水利局, 区水务局 differ in a word that matters) are not paired."""
    import openpyxl
    from zhishui.checks import check_list
    p = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位"])
    for i, u in enumerate(["区市场管理局", "区市场监管局", "区水利局", "区水务局"], 1):
        ws.append([i, f"任务{i}", "2020年12月底", u])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for u in ["区市场管理局", "区市场监管局", "区水利局", "区水务局"]:
        d.append([u, "部门"])
    wb.save(p)
    found = [f for f in check_list(load_list(p)) if f.code == "UNIT_VARIANT"]
    assert len(found) == 1 and "「区市场管理局」" in found[0].message and "「区市场监管局」" in found[0].message, \
        [f.message for f in found]
    assert found[0].severity == "警告"


def _task_list(rows, units=None):
    """A 任务清单 (序号 | 重点任务 | 具体举措 | 完成时限 | 牵头单位 | 责任单位) with its rows, and a 单位名录 of (名称, 类型)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位"])
    for r in rows:
        ws.append(r)
    if units is not None:
        d = wb.create_sheet("单位名录")
        d.append(["单位名称", "类型"])
        for u in units:
            d.append(list(u))
    return wb


def test_a_collective_the_directory_cannot_open_is_said_once_not_as_joint_work_of_no_unit(tmp_path):
    # trial: 「各乡镇人民政府」 with no members in the directory was told twice, once as 「按共同负责处理（0个单位）」
    wb = _task_list([[1, "运维", "落实专人巡查设施", "2025年6月底前", "", "各乡镇人民政府"]])
    path = tmp_path / "清单.xlsx"
    wb.save(path)
    found = check_list(load_list(path), dt.date(2025, 3, 10))
    assert "LEAD_JOINT" not in codes(found)
    assert [f.code for f in found if "各乡镇人民政府" in f.message] == ["GROUP_UNEXPANDABLE"]


def test_a_collective_the_directory_opens_to_one_unit_only_is_said_once(tmp_path):
    # the trial of session 13: the imported 单位名录 held one township; 「各乡镇」 opened to it alone and check said nothing
    wb = _task_list([[1, "河长制", "调整完善河长体系", "2025年3月底前", "县河长办", "各乡镇"],
                     [2, "河长制", "开展巡河", "每月", "县河长办", "各乡镇"]],
                    [("县河长办", "部门"), ("白沙镇人民政府", "镇")])
    d = wb["单位名录"]
    path = tmp_path / "清单.xlsx"
    wb.save(path)
    found = [f for f in check_list(load_list(path), dt.date(2025, 3, 1)) if f.code == "GROUP_ONE_UNIT"]
    assert len(found) == 1 and found[0].severity == WARNING
    assert "白沙镇人民政府" in found[0].message and "2处" in found[0].message and found[0].cell == "F2"
    # two townships in the directory: nothing to say
    d.append(["石门乡人民政府", "乡"])
    wb.save(path)
    assert "GROUP_ONE_UNIT" not in codes(check_list(load_list(path), dt.date(2025, 3, 1)))
