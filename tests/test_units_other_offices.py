"""Unit cells of lists typed by other offices (session 18's trial: 钟楼区 and 鄞州区 2024 分解表).

* A line break inside one name (Excel wraps 「应急管理局\\n(安委办)」, 「高新园\\n(邹区镇)」) is one unit: a line that
  is only a bracketed note belongs to the name before it, and is said in 「check」, never a unit of its own.
* A catch-all (区级各部门, 区安委会各成员单位, …联席会议成员单位, 等区级有关部门) is a group: expanded by the 单位名录
  (类型/分组) where it can be, else flagged with its cell and never chased as one unit; a named unit before
  「等…部门」 keeps its task.
* The 通报's ranking sentence keeps its 「；」 on the page when several units tie for first.

The lists are workbooks as Excel writes them (multi-line cells with wrap text, a merged 配合单位 cell).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from openpyxl.styles import Alignment

import pdf_layout as L
from returns_factory import fill_issued
from zhishui.checks import check_list
from zhishui.generators.contexts import sample_context
from zhishui.generators.month_documents import make_documents
from zhishui.generators.render import render_document
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list
from zhishui.unitnames import split_units

PERIOD = dt.date(2024, 6, 1)
REPORT = dt.date(2024, 6, 30)
DUE = dt.date(2024, 6, 25)

# 钟楼区 2024《政府工作报告》主要目标任务责任分解表 (zhonglou.gov.cn, 2024-03-11), a 完成时限 column added
ZHONGLOU = [
    ("(1)地区生产总值增长6%左右。", "王旭锋", "发改局"),
    ("(2)一般公共预算收入增长3%以上。", "王旭锋", "财政局"),
    ("(3)社会消费品零售总额增长6%左右。", "吴  伟", "商务局"),
    ("(6)主要污染物减排、单位GDP能耗下降，大气、水环境质量改善完成市下达任务。", "谢志诚", "工信局\n生态环境局"),
    ("(7)安全生产形势平稳向好。", "谢志诚", "应急管理局\n(安委办)"),
]
CO = "经开区\n高新园\n(邹区镇)\n各街道\n统计局"


def _wrap(ws):
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and "\n" in c.value:
                c.alignment = Alignment(wrap_text=True, vertical="center")


def zhonglou(path: Path, directory: list[tuple] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["附件1"])
    ws.append(["2024年《政府工作报告》主要目标任务责任分解表"])
    ws.append(["序号", "工 作 标 准", "区政府\n分管领导", "牵头单位", "配合单位", "完成时限"])
    for i, (content, leader, lead) in enumerate(ZHONGLOU, 1):
        co = CO if i < len(ZHONGLOU) else "区安委会各成员单位"
        ws.append([i, content, leader, lead, co if i in (1, len(ZHONGLOU)) else None,
                   "长期坚持" if i == len(ZHONGLOU) else "2024年12月底前"])
    ws.merge_cells(f"E4:E{3 + len(ZHONGLOU) - 1}")      # 配合单位 merged over tasks (1)-(6), as the original
    _wrap(ws)
    return _save(wb, path, (("汇总单位", "钟楼区人民政府办公室"), ("成文日期", "2024年3月11日"),
                            ("文件标题", "关于印发2024年《政府工作报告》主要目标任务责任分解落实方案的通知")), directory)


def _save(wb, path: Path, settings, directory) -> Path:
    """The list's 设置 sheet and, when given, its 单位名录, as a clerk adds them; saved."""
    s = wb.create_sheet("设置")
    for row in (("项目", "值"), *settings):
        s.append(row)
    if directory is not None:
        d = wb.create_sheet("单位名录")
        d.append(["单位名称", "简称/别名", "类型", "分组"])
        for row in directory:
            d.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# 鄞州区 2024年政府工作报告目标任务分解清单 (nbyz.gov.cn, 鄞政办发〔2024〕2号), as the trial typed it
YINZHOU = [
    ("一般公共预算收入增速与经济增长同步", "区财政局", "区税务局,各镇(街道、园区)", "2024年12月底前"),
    ("财政科技经费投入增长15%以上", "区财政局", "区科技局", "2024年第三季度"),
    ("施行新一轮镇街财政运行体制,优化成本效益导向的财政扶持方式", "区财政局",
     "区发改局、区经信局、区科技局等区级有关部门,各镇(街道)", "6月30日前完成方案、12月底前全面施行"),
    ("坚持财力向保障和改善民生倾斜,政府要习惯过紧日子", "区财政局", "区级各部门,各镇(街道、园区)", "长期坚持"),
    ("地区生产总值增长6%左右", "区发改局", "区经济运行监测联席会议成员单位,各镇(街道、园区)", "2024年12月底前"),
]
YINZHOU_UNITS = [("区财政局", "", "部门", ""), ("区税务局", "", "部门", ""), ("区科技局", "", "部门", "经济运行监测"),
                 ("区发改局", "", "部门", "区经济运行监测联席会议成员单位"),
                 ("区经信局", "", "部门", "区经济运行监测联席会议成员单位"),
                 ("区统计局", "", "部门", "区经济运行监测联席会议成员单位"),
                 ("首南街道", "", "街道", ""), ("姜山镇", "", "镇", "")]


def yinzhou(path: Path, directory: list[tuple] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分解清单"
    ws.append(["2024年政府工作报告目标任务分解清单"])
    ws.append(["序号", "目标任务", "牵头单位", "配合单位", "时间节点", "备注"])
    for i, row in enumerate(YINZHOU, 1):
        ws.append([i, *row, None])
    return _save(wb, path, (("汇总单位", "鄞州区人民政府办公室"), ("成文日期", "2024年2月21日")), directory)


def _all_units(tl) -> set[str]:
    return set(tl.units())


def _task(tl, seq):
    return next(t for t in tl.tasks if t.seq == str(seq))


def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(texts)


# ------------------------------------------------------------------ 1. a line break inside one name

def test_the_splitter_glues_a_bracketed_line_to_the_name_before_it():
    assert [t.text for t in split_units("应急管理局\n(安委办)")] == ["应急管理局(安委办)"]
    assert [t.text for t in split_units(CO)] == ["经开区", "高新园(邹区镇)", "各街道", "统计局"]
    assert [t.text for t in split_units("各县(市、区)政府\n(管委会)")] == ["各县(市、区)政府(管委会)"]


def test_a_line_break_inside_one_name_is_one_unit_without_a_directory(tmp_path):
    tl = load_list(zhonglou(tmp_path / "钟楼区分解表.xlsx"))
    units = _all_units(tl)
    assert not [u for u in units if u.startswith(("(", "（"))], units
    t7 = _task(tl, 5)
    assert [r.name for r in t7.lead] == ["应急管理局"] and t7.lead[0].raw == "应急管理局(安委办)"
    assert "安委办" in t7.lead[0].note
    assert [r.name or r.raw for r in _task(tl, 1).cooperating] == ["经开区", "高新园", "各街道", "统计局"]
    # the clerk sees the note where the units are checked, with the cell
    notes = [f for f in check_list(tl) if "安委办" in f.message]
    assert notes and notes[0].cell == "D8" and notes[0].severity == "提示", [f.message for f in notes]
    assert not [f for f in check_list(tl) if "「(安委办)」" in f.message or "「(邹区镇)」" in f.message]


def test_a_bracketed_note_resolves_by_the_directory(tmp_path):
    # the 名录 knows 应急管理局 (its 安委办 as an alias) and the zone only by its town's name
    tl = load_list(zhonglou(tmp_path / "钟楼区分解表.xlsx", [
        ("发改局", "", "部门", ""), ("财政局", "", "部门", ""), ("商务局", "", "部门", ""), ("工信局", "", "部门", ""),
        ("生态环境局", "", "部门", ""), ("应急管理局", "安委办", "部门", ""), ("统计局", "", "部门", "区安委会成员单位"),
        ("经开区", "", "管委会", ""), ("邹区镇", "", "镇", "区安委会成员单位"), ("南大街街道", "", "街道", "")]))
    lead = _task(tl, 5).lead
    assert [r.name for r in lead] == ["应急管理局"] and lead[0].how != "unknown" and "安委办" in lead[0].note
    co = {r.raw: r for r in _task(tl, 1).cooperating}
    assert co["高新园(邹区镇)"].name == "邹区镇" and "邹区镇" in co["高新园(邹区镇)"].note
    # 区安委会各成员单位: the units whose 分组 says so
    assert _task(tl, 5).unit_roles() == {"应急管理局": "lead", "统计局": "cooperating", "邹区镇": "cooperating"}
    assert not [f for f in check_list(tl) if f.code == "UNKNOWN_UNIT"]


def test_the_month_chases_the_unit_not_its_bracket(tmp_path):
    tl = load_list(zhonglou(tmp_path / "钟楼区分解表.xlsx"))
    issued = tmp_path / "下发"
    names = sorted(f.path.name for f in split_returns(tl, PERIOD, issued, due=DUE))
    assert not [n for n in names if "(安委办)" in n or "(邹区镇)" in n or "成员单位" in n], names
    assert "2024年6月_应急管理局_进展情况报送表.xlsx" in names
    inbox = tmp_path / "收回"
    fill_issued(issued, inbox, "2024-06", {
        "发改局": {"1": ("序时推进", 50, "一季度地区生产总值增长5.8%，二季度力争回升。")},
        "财政局": {"2": ("已完成", 100, "上半年一般公共预算收入增长3.6%。")},
        "应急管理局": {"5": ("序时推进", None, "上半年未发生较大以上生产安全事故，开展安全生产大检查。")}})
    m = run_month(tl, [inbox], PERIOD, REPORT, due=DUE, use_history=False)
    t7 = next(s for s in m.statuses if s.task.seq == "5")
    made = make_documents(m, tmp_path / "文书", kinds=("chase", "bulletin"))
    chase = _docx_text(made.files["chase"][0])
    bulletin = _docx_text(made.files["bulletin"][0])
    for text in (chase, bulletin):
        assert "(安委办)" not in text and "(邹区镇)" not in text and "成员单位" not in text
    assert "应急管理局" not in chase            # it reported: not chased
    assert "得分最高的是" in bulletin and "应急管理局" in bulletin
    assert t7.status != "未报送" and t7.task.answering_units() == ["应急管理局"]


# ------------------------------------------------------------------ 2. catch-all groups

def test_a_named_unit_before_its_catch_all_tail_keeps_its_task(tmp_path):
    tl = load_list(yinzhou(tmp_path / "鄞州区分解清单.xlsx"))
    t3 = _task(tl, 3)
    assert t3.unit_roles() == {"区财政局": "lead", "区发改局": "cooperating", "区经信局": "cooperating",
                               "区科技局": "cooperating"}
    found = [f for f in check_list(tl) if "等区级有关部门" in f.message]
    assert len(found) == 1 and found[0].cell == "D5" and "泛指" in found[0].message, [f.message for f in found]
    assert found[0].code == "GROUP_UNEXPANDABLE" and "「区科技局」照常下发" in found[0].message


@pytest.mark.parametrize("cell, group", [("区级各部门,各镇(街道、园区)", "区级各部门"),
                                         ("区经济运行监测联席会议成员单位,各镇(街道、园区)", "区经济运行监测联席会议成员单位"),
                                         ("区安委会各成员单位", "区安委会各成员单位"),
                                         ("区直各部门", "区直各部门")])
def test_catch_alls_are_groups(cell, group):
    toks = {t.text: t for t in split_units(cell)}
    assert toks[group].is_group and not toks[group].relative


def test_catch_alls_are_never_chased_as_one_unit(tmp_path):
    tl = load_list(yinzhou(tmp_path / "鄞州区分解清单.xlsx"))
    units = _all_units(tl)
    assert units == {"区财政局", "区税务局", "区科技局", "区发改局", "区经信局"}, units
    flagged = {re.search(r"「(.+?)」", f.message).group(1): f.cell for f in check_list(tl)
               if f.code == "GROUP_UNEXPANDABLE"}
    assert flagged.get("区级各部门") == "D6" and flagged.get("区经济运行监测联席会议成员单位") == "D7", flagged
    issued = tmp_path / "下发"
    split_returns(tl, PERIOD, issued, due=DUE)
    names = sorted(p.name for p in issued.glob("*.xlsx"))
    assert len(names) == 5 and not [n for n in names if "各部门" in n or "成员单位" in n], names


def test_catch_alls_are_expanded_by_the_directory(tmp_path):
    tl = load_list(yinzhou(tmp_path / "鄞州区分解清单.xlsx", YINZHOU_UNITS))
    departments = {u for u, _, kind, _ in YINZHOU_UNITS if kind == "部门"}
    towns = {"首南街道", "姜山镇"}
    # 区级各部门: every unit of the kind 部门 (README: 「各…」按类型或分组展开); 各镇(街道、园区): towns and streets
    assert set(_task(tl, 4).unit_roles()) == departments | towns
    # …联席会议成员单位: the units whose 分组 names it
    assert set(_task(tl, 5).unit_roles()) == {"区发改局", "区经信局", "区统计局"} | towns
    assert not [f for f in check_list(tl) if f.code == "GROUP_UNEXPANDABLE" and "成员单位" in f.message]


# ------------------------------------------------------------------ 3. the 通报's ranking sentence on the page

def test_the_ranking_sentence_keeps_its_semicolon_on_the_page(tmp_path):
    """The trial's sentence: 「…财政局（100分）；」 ends a full line, and LibreOffice hung the 「；」 past the
    margin and drew nothing (「…财政局（100 分）得分最低的是…」 on the page)."""
    c = sample_context("bulletin")
    units = [("发改局", 100), ("应急管理局", 100), ("财政局", 100), ("商务局", 90), ("经开区", 0), ("工信局", 0),
             ("生态环境局", 0)]
    c.update(by_unit=[dict(unit=u, score=s, tasks=1, rank=r) for r, (u, s) in
                      zip((1, 1, 1, 4, 5, 5, 5), units)],
             named_top=["发改局", "应急管理局", "财政局"], named_bottom=["经开区", "工信局", "生态环境局"],
             top_count=3, bottom_count=3, scores_equal=False, scheme_default=True)
    out = render_document("bulletin", c, tmp_path / "通报.docx")
    assert "财政局（100分）；得分最低的是" in _docx_text(out)
    pdf = L.convert_many([out], tmp_path / "pdf")[out]
    words = "".join(w.text for page in L.pdf_words(pdf) for w in page)
    assert "财政局（100分）；得分最低的是" in re.sub(r"\s", "", words)
