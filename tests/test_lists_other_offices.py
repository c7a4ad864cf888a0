"""Lists other offices made, typed from their public documents the way a clerk types them (merged cells,
an .xls saved by LibreOffice, a GBK CSV from an OA system): the session-18 trial's four lists.

The oracle is written from each table (the clerk's truth, written before any run), not from the reader:
钟楼 2024 目标任务责任分解表 (zhonglou.gov.cn 2024-03-11), 西安 放管服分工方案 (西安市人民政府办公厅
2022-07-27), 鄞州 目标任务分解清单 (鄞政办发〔2024〕2号, OA export), 鼓楼 督办台账 (鼓政〔2024〕2号).
"""
from __future__ import annotations

import csv
import datetime as dt

import openpyxl
import pytest
from openpyxl.styles import Alignment

from conftest import office_convert
from zhishui.checks import check_list
from zhishui.columns import header_role
from zhishui.tasks import load_list

WRAP = Alignment(wrap_text=True, vertical="center")


def _save(wb, path):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                c.alignment = WRAP
    wb.save(path)
    return path


def zhonglou(path):
    """钟楼: 序号 1 and 目标名称 merged over the seven targets; the targets under 「工 作 标 准」."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "附件1"
    ws["A2"] = "2024年《政府工作报告》主要目标任务责任分解表"
    ws.merge_cells("A2:F2")
    for i, h in enumerate(["序号", "目标名称", "工 作 标 准", "区政府\n分管领导", "牵头单位", "配合单位"], 1):
        ws.cell(3, i, h)
    ws["A4"] = 1
    ws.merge_cells("A4:A10")
    ws["B4"] = "全区经济社会发展的主要预期目标"
    ws.merge_cells("B4:B10")
    for k, s in enumerate(ZHONGLOU_TARGETS):
        ws.cell(4 + k, 3, s)
    ws["D4"] = "王旭锋"
    ws.merge_cells("D4:D5")
    ws["D6"] = "吴  伟"
    ws.merge_cells("D6:D8")
    ws["D9"] = "谢志诚"
    ws.merge_cells("D9:D10")
    ws["E4"], ws["E5"], ws["E6"] = "发改局", "财政局", "商务局"
    ws.merge_cells("E6:E8")
    ws["E9"], ws["E10"] = "工信局\n生态环境局", "应急管理局\n(安委办)"
    ws["F4"] = "经开区\n高新园\n(邹区镇)\n各街道\n统计局"
    ws.merge_cells("F4:F9")
    ws["F10"] = "区安委会各成员单位"
    return _save(wb, path)


ZHONGLOU_TARGETS = ["(1)地区生产总值增长6%左右。", "(2)一般公共预算收入增长3%以上。", "(3)社会消费品零售总额增长6%左右。",
                    "(4)实际使用外资和进出口总额稳中提质。", "(5)居民人均可支配收入增速与经济增速同步。",
                    "(6)主要污染物减排、单位GDP能耗下降，大气、水环境质量改善完成市下达任务。", "(7)安全生产形势平稳向好。"]
PROVINCE = ("1.按照国务院要求，2022年底前编制并公布省、市、县三级行政许可事项清单，将依法设定的行政许可事项全部纳入清单管理，"
            "清单之外一律不得违法实施行政许可。")
XIAN_1 = ("(1)全面准确依法编制市、区(县)行政许可事项清单，8月底前编制完成市级行政许可事项清单并向社会公布，"
          "9月底前编制完成区(县)级行政许可事项清单并向社会公布。")
XIAN_2 = "(2)严格落实行政许可事项清单之外一律不得违法实施行政许可的要求，大力清理整治变相许可，11月底前完成变相许可清查整治。"


def xian_xls(tmp_path):
    """西安: title merged over the table, a category row spanning it, the sub-category typed in the 序号 cell
    and the provincial task merged over the city's two measures; saved as .xls by LibreOffice."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分工方案"
    ws["A1"] = "附件"
    ws["A2"] = "西安市贯彻落实陕西省《2022年深化“放管服”改革优化营商环境工作要点》分工方案"
    ws.merge_cells("A2:G2")
    for i, h in enumerate(["序号", "陕西省《工作要点》部署任务", "西安市落实措施", "牵头单位", "责任单位", "完成时限", "备注"], 1):
        ws.cell(3, i, h)
    ws["A4"] = "一、全链条优化审批"
    ws.merge_cells("A4:G4")
    ws["A5"] = "(一)全面实施行政许可事项清单管理。"
    ws.merge_cells("A5:A6")
    ws["B5"] = PROVINCE
    ws.merge_cells("B5:B6")
    ws["C5"], ws["C6"] = XIAN_1, XIAN_2
    for r in (5, 6):
        ws.cell(r, 4, "市行政审批局\n市司法局")
        ws.cell(r, 5, "市级相关单位，各区县政府、西咸新区管委会")
    ws["F5"], ws["F6"] = "2022年9月底", "2022年11月底"
    x = _save(wb, tmp_path / "西安分工方案.xlsx")
    return office_convert(x, "xls", tmp_path / "xls")


YINZHOU = [
    ["2024年政府工作报告目标任务分解清单", "", "", "", "", ""],
    ["序号", "目标任务", "牵头单位", "配合单位", "时间节点", "备注"],
    ["一、区长陈兴立牵头重点工作", "", "", "", "", ""],
    ["1", "一般公共预算收入增速与经济增长同步", "区财政局", "区税务局,各镇(街道、园区)", "2024年12月底前", ""],
    ["2", "财政科技经费投入增长15%以上", "区财政局", "区科技局", "2024年第三季度", ""],
    ["3", "施行新一轮镇街财政运行体制,优化成本效益导向的财政扶持方式", "区财政局", "区发改局、区经信局,各镇(街道)",
     "6月30日前完成方案、12月底前全面施行", ""],
    ["二、常务副区长姚珂军牵头重点工作", "", "", "", "", ""],
    ["1", "地区生产总值增长6%左右", "区发改局", "各镇(街道、园区)", "2024年12月底前", ""],
]


def gbk_csv(path, rows):
    with open(path, "w", encoding="gbk", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def gulou(path):
    """鼓楼 督办台账: 责任单位 over 主办 | 协办 (a two-row header); task 1 has a continuation row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "督办台账"
    ws["A1"] = "附件2"
    ws["A2"] = "2024年区政府主要工作目标任务分解落实方案督办台账"
    ws.merge_cells("A2:G2")
    for col, h in zip("ABEFG", ("序号", "工作任务", "时间节点", "序时进度", "备注")):
        ws[f"{col}3"] = h
        ws.merge_cells(f"{col}3:{col}4")
    ws["C3"] = "责任单位"
    ws.merge_cells("C3:D3")
    ws["C4"], ws["D4"] = "主办", "协办"
    ws["A5"] = "一、聚力提升发展能级，加快实现综合实力新跃升"
    ws.merge_cells("A5:G5")
    ws["A6"], ws["B6"] = 1, "地区生产总值增长5%以上，一般公共预算收入增长2%以上，固定资产投资保持稳定增长、力争达到3%。"
    ws["C6"] = "区发改委、区财政局"
    ws.merge_cells("C6:C7")
    ws["D6"] = "区相关部门、\n各街道板块"
    ws.merge_cells("D6:D7")
    ws["E6"], ws["F6"] = "每季度末", "按季度"
    ws["B7"], ws["E7"] = "居民人均可支配收入与经济增长基本同步。", "2024年12月底前"
    ws["A8"], ws["B8"] = 2, "社会消费品零售总额增长6%以上，外贸进出口力争正增长，实际使用外资稳中提质。"
    ws["C8"], ws["D8"], ws["E8"], ws["F8"] = "区商务局", "各街道板块", "6月30日前完成过半、12月底前全面完成", "50%"
    return _save(wb, path)


# --- 1. the task text is read from the column of distinct texts, not the merged category ---------------

@pytest.mark.parametrize("words", ["工 作 标 准", "工作标准", "工　作　标　准"])
def test_spaced_header_words_read_as_the_word(words):
    assert header_role(words) == "content"


def test_zhonglou_targets_are_the_tasks_and_the_merged_name_their_category(tmp_path):
    tl = load_list(zhonglou(tmp_path / "钟楼.xlsx"))
    assert tl.columns["具体举措"] == "C" and tl.columns["重点任务"] == "B"
    assert [t.content for t in tl.tasks] == ZHONGLOU_TARGETS
    assert {t.category for t in tl.tasks} == {"全区经济社会发展的主要预期目标"}
    assert all(not t.extras for t in tl.tasks)


def test_a_merged_parent_beside_distinct_measures_is_not_the_task_and_is_said(tmp_path):
    """西安: both headers name task text (部署任务 | 落实措施); the provincial task is merged over the two measures."""
    tl = load_list(xian_xls(tmp_path))
    assert tl.columns["具体举措"] == "C"
    assert [t.content for t in tl.tasks] == [XIAN_1, XIAN_2]
    assert tl.tasks[0].extras["陕西省《工作要点》部署任务"] == PROVINCE       # kept with each task, as context
    amb = next(n for n in tl.notes if n.code == "COLUMN_AMBIGUOUS")
    assert "B列「陕西省《工作要点》部署任务」一格合并跨几行" in amb.message and "任务按C列逐行读" in amb.message


# --- 2. rows under a merged 序号 cell with their own item numbers are tasks of their own -----------------

def test_zhonglou_rows_under_a_merged_unit_are_separate_tasks(tmp_path):
    tl = load_list(zhonglou(tmp_path / "钟楼.xlsx"))
    assert [t.seq for t in tl.tasks] == [f"1({k})" for k in range(1, 8)]
    assert [(t.lead_units(), t.deadline_text, [p.row for p in t.parts]) for t in tl.tasks[2:5]] == \
        [(["商务局"], "", [])] * 3
    assert [t.lead_units() for t in tl.tasks] == [["发改局"], ["财政局"], ["商务局"], ["商务局"], ["商务局"],
                                                  ["工信局", "生态环境局"], ["应急管理局"]]
    # (「应急管理局\n(安委办)」 is one unit with a note: tests/test_units_other_offices.py)
    msgs = [n.message for n in tl.notes]
    assert not any("没有序号" in m for m in msgs)
    assert any("第4-10行在合并的序号「1」下" in m and "「1(1)」" in m for m in msgs)


def test_xian_measures_keep_their_own_deadlines(tmp_path):
    tl = load_list(xian_xls(tmp_path))
    assert [(t.seq, t.deadline.due) for t in tl.tasks] == [("(一)(1)", dt.date(2022, 9, 30)),
                                                           ("(一)(2)", dt.date(2022, 11, 30))]
    assert [t.lead_units() for t in tl.tasks] == [["市行政审批局", "市司法局"]] * 2
    assert not any(n.code == "CONTINUATION_ROW" for n in tl.notes)


def test_a_row_under_a_merged_seq_without_a_number_of_its_own_continues(tmp_path):
    """No item number of its own, same (merged) units: the row goes on the task above, and says why
    without claiming the row has no 序号."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "工作内容", "完成时限", "牵头单位"])
    ws.append([1, "完成城南污水处理厂提标改造", "2024年6月底", "区住建局"])
    ws.append([None, "出水稳定达到一级A标准", "2024年12月底", None])
    ws.merge_cells("A2:A3")
    ws.merge_cells("D2:D3")
    p = _save(wb, tmp_path / "merged.xlsx")
    tl = load_list(p)
    assert len(tl.tasks) == 1 and [pt.row for pt in tl.tasks[0].parts] == [3]
    note = next(n for n in tl.notes if n.code == "CONTINUATION_ROW")
    assert "在合并的序号「1」下" in note.message and "没有序号" not in note.message


# --- 3. 主办 under 责任单位 leads ---------------------------------------------------------------------

def test_gulou_zhuban_under_zeren_danwei_leads(tmp_path):
    tl = load_list(gulou(tmp_path / "鼓楼.xlsx"))
    assert tl.columns["牵头单位"] == "C" and tl.columns["配合单位"] == "D" and "责任单位" not in tl.columns
    t1, t2 = tl.tasks
    assert [r.raw for r in t1.lead] == ["区发改委", "区财政局"] and [r.raw for r in t2.lead] == ["区商务局"]
    assert [r.raw for r in t1.cooperating] == ["区相关部门", "各街道板块"]
    assert [p.row for p in t1.parts] == [7]                      # the continuation row stays (README rule)
    assert "NO_LEAD_COLUMN" not in {f.code for f in check_list(tl, on=dt.date(2024, 3, 1))}


# --- 4. the title row is no header; a 类别 column given keeps the category rows ------------------------

def test_xian_title_row_is_not_glued_into_the_header(tmp_path):
    p = xian_xls(tmp_path)
    tl = load_list(p)
    assert tl.header_row == 3
    assert {t.category for t in tl.tasks} == {"一、全链条优化审批／(一)全面实施行政许可事项清单管理。"}
    mapped = load_list(p, columns="类别=B,内容=C")
    assert [t.content for t in mapped.tasks] == [XIAN_1, XIAN_2]
    assert all(t.category.startswith("一、全链条优化审批／") and t.category.endswith(PROVINCE)
               for t in mapped.tasks)


def test_yinzhou_csv_title_is_not_part_of_the_header(tmp_path):
    from zhishui.listreader import read_list
    from zhishui.workbook_reader import read_book
    p = gbk_csv(tmp_path / "鄞州.csv", YINZHOU)
    assert read_list(read_book(p)).headers[0] == "序号"      # not 「2024年…分解清单/序号」
    tl = load_list(p)
    assert tl.header_row == 2 and tl.columns["序号"] == "A"
    assert [(t.seq, t.category[:2]) for t in tl.tasks] == [("1", "一、"), ("2", "一、"), ("3", "一、"), ("1", "二、")]


# --- 5. numbering that restarts in each category ---------------------------------------------------

def test_numbering_restarting_per_category_is_a_warning_not_an_error(tmp_path):
    tl = load_list(gbk_csv(tmp_path / "鄞州.csv", YINZHOU), ref=dt.date(2024, 2, 2))
    found = check_list(tl, on=dt.date(2024, 3, 1))
    codes = {f.code: f for f in found}
    assert "DUPLICATE_SEQ" not in codes
    assert codes["SEQ_PER_CATEGORY"].severity == "警告" and "按分类区分" in codes["SEQ_PER_CATEGORY"].message


def test_a_duplicate_within_one_category_stays_an_error(tmp_path):
    rows = [r[:] for r in YINZHOU]
    rows[4][0] = "1"           # two 1s under 一、
    tl = load_list(gbk_csv(tmp_path / "鄞州.csv", rows), ref=dt.date(2024, 2, 2))
    dup = [f for f in check_list(tl, on=dt.date(2024, 3, 1)) if f.code == "DUPLICATE_SEQ"]
    assert len(dup) == 1 and dup[0].severity == "错误" and "第4、5行" in dup[0].message


# --- 6. smaller ----------------------------------------------------------------------------------------

def test_a_csv_is_not_told_to_fill_in_a_settings_sheet(tmp_path):
    tl = load_list(gbk_csv(tmp_path / "鄞州.csv", YINZHOU))
    f = next(f for f in check_list(tl, on=dt.date(2024, 3, 1)) if f.code == "DEADLINE_UNREADABLE")
    assert "请在设置中填写" not in f.message + f.suggestion
    assert "--settings" in f.suggestion and "--ref" in f.suggestion


def test_a_csv_told_of_the_flood_season_reads_whole(tmp_path):
    # 「汛期前」 in a CSV: the flood season is needed; the sentence stays whole (a cut of 「，请在设置中填写」 out of
    # 「…因地区而异，请在设置中填写汛期开始和结束日期」 had left 「…因地区而异汛期开始和结束日期」)
    rows = [r[:] for r in YINZHOU]
    rows[3][4] = "汛期前"
    tl = load_list(gbk_csv(tmp_path / "鄞州.csv", rows), ref=dt.date(2024, 2, 2))
    f = next(f for f in check_list(tl, on=dt.date(2024, 3, 1)) if f.code == "DEADLINE_UNREADABLE" and "汛期" in f.message)
    assert "因地区而异，需要汛期开始和结束日期" in f.message and "请在设置中填写" not in f.message, f.message
    assert "--settings 设置.xlsx（在其中填「成文日期」、汛期）" in f.suggestion


def test_tasks_under_a_merged_seq_have_a_number_and_a_task_without_one_shows_its_row_plainly(tmp_path):
    from zhishui.tables import seq_and_text
    tl = load_list(zhonglou(tmp_path / "钟楼.xlsx"))
    assert seq_and_text(tl.tasks[1], tl.tasks[1].content) == ("1(2)", "(2)一般公共预算收入增长3%以上。")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "工作具体内容", "工作完成期限", "责任单位"])
    ws.append([1, "2019年完成黑臭水体整治", "2019年12月", "市住建局"])
    ws.append([None, "另一个没有序号但有自己单位的任务", "2020年12月", "市水利局"])
    bare = load_list(_save(wb, tmp_path / "bare.xlsx")).tasks[1]
    assert seq_and_text(bare, bare.content) == ("", "（清单第3行，无序号）另一个没有序号但有自己单位的任务")


def test_one_leader_in_charge_of_two_units_is_no_mismatch(tmp_path):
    # 钟楼 D9:D10: 区政府分管领导 谢志诚 over 「工信局\n生态环境局」 — one leader for both, not a list to pair with the units
    # (the session-18 re-trial: check asked the clerk to write his name once per unit)
    tl = load_list(zhonglou(tmp_path / "钟楼.xlsx"))
    six = next(t for t in tl.tasks if t.seq == "1(6)")
    assert six.persons == ["谢志诚"] and six.lead_units() == ["工信局", "生态环境局"]
    assert not [f for f in check_list(tl, dt.date(2024, 6, 30)) if f.code == "PERSON_MISMATCH"]


def test_a_csv_without_an_office_is_told_to_give_its_settings_beside_it(tmp_path):
    # a CSV cannot hold a 设置 sheet: the advice is --settings (the session-18 re-trial: 「请在清单工作簿中加一张「设置」工作表」)
    tl = load_list(gbk_csv(tmp_path / "鄞州.csv", YINZHOU), ref=dt.date(2024, 2, 2))
    gap = [f for f in check_list(tl, dt.date(2024, 6, 30)) if "汇总单位" in f.message]
    assert gap and "--settings 设置.xlsx" in gap[0].suggestion and "加一张「设置」工作表" not in gap[0].suggestion, gap


def test_check_says_what_each_column_was_read_as(tmp_path):
    """The command line, like the web page's list page, shows each column's header and the field it was read
    as (钟楼's 「工 作 标 准」 is the task text, its 区政府分管领导 the person in charge): the clerk sees the
    reading before trusting the month."""
    from click.testing import CliRunner
    from zhishui.cli import cli
    p = zhonglou(tmp_path / "钟楼.xlsx")
    r = CliRunner().invoke(cli, ["check", str(p), "--date", "2024-03-01"])
    line = next(x for x in r.output.splitlines() if x.startswith("各列读作："))
    assert "C列「工 作 标 准」→具体举措；D列「区政府分管领导」→责任人；E列「牵头单位」；" in line, line
    got = CliRunner().invoke(cli, ["check", str(p), "--date", "2024-03-01", "--json"])
    import json
    cols = json.loads(got.output)["columns"]
    assert {"column": "C", "header": "工 作 标 准", "field": "具体举措"} in cols


def test_a_list_copied_from_a_page_in_traditional_characters(tmp_path):
    # a page a site converted to traditional characters (洋县十大民生实事 as reprinted): the list was refused with
    # 「找不到责任清单的表头」; its header words read as simplified, its cells stay as written
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年十大民生實事清單"])
    ws.append(["序號", "項目名稱", "2024年建設內容", "責任單位", "完成時限"])
    ws.append(["1", "城區供水管網改造", "改造老舊供水管網12公里", "縣住建局", "2024年10月底前"])
    ws.append(["2", "農村公路養護", "完成縣鄉道路養護120公里", "縣交通運輸局、各鎮(街道)", "2024年12月底前"])
    tl = load_list(_save(wb, tmp_path / "民生實事.xlsx"))
    # (the project's name is the task, its year's work beside it: both kept)
    assert [t.content for t in tl.tasks] == ["城區供水管網改造", "農村公路養護"]
    assert [t.extras.get("2024年建設內容") for t in tl.tasks] == ["改造老舊供水管網12公里", "完成縣鄉道路養護120公里"]
    assert [[u.raw for u in t.responsible] for t in tl.tasks] == [["縣住建局"], ["縣交通運輸局", "各鎮(街道)"]]
    assert [t.deadline_text for t in tl.tasks] == ["2024年10月底前", "2024年12月底前"]
    assert header_role("責任單位") == "responsible" and header_role("完成時限") == "deadline"


def test_a_title_typed_above_the_header_is_not_a_columns_name(tmp_path):
    """Trial 22: a title typed in A1 above the header (「整改任务分解表」) was shown as column A's name,
    「A列「整改任务分解表/序号」→序号」."""
    from click.testing import CliRunner
    from zhishui.cli import cli
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["整改任务分解表"])
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位"])
    ws.append([1, "一、城乡污水", "完成管网排查", "2020年12月底", "区水利局"])
    wb.save(tmp_path / "清单.xlsx")
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "清单.xlsx"), "--date", "2020-10-01"])
    line = next(x for x in r.output.splitlines() if x.startswith("各列读作："))
    assert line.startswith("各列读作：A列「序号」；") and "整改任务分解表" not in line, line
