"""What opening the corpus parts heldout73 and heldout74 (session 22) taught the importer, each on the document's own
words as a saved web page gives them (a .txt, one paragraph a line): who a field line's units are for, whose duty a
bracket is when it says 分别, and the times a step's title or a span gives."""
from __future__ import annotations

import datetime as dt

import pytest

from plan_lines import import_lines
from zhishui.deadlines import parse_deadline
from zhishui.plan.dates import find_deadlines


_import = import_lines


# h7302 (as the page has it, two headings numbered 三、): an event's plan lists its organisers as field lines, then
# each body's duties under headings of their own
EVENT = [
    "按照市委、市政府的要求,为进一步满足贫困地区广大群众精神文化需求,我局将开展“文化扶贫”文艺巡演。现制定实施方案如下:",
    "一、时间、地点",
    "第一阶段",
    "时间:201x年5月15日-5月25日",
    "地点:xx乡、xx镇、xx乡、xx镇、xx镇、xx乡等6个贫困镇乡",
    "第二阶段",
    "时间:201x年9月17日-9月25日",
    "地点:DF乡合江村、ER镇三江村、ER乡兴宏村、ER镇高万村、GH镇双桥村、JK乡鸭池村等贫困镇乡的6个贫困村",
    "二、活动主题:砥砺奋进奔小康·携手迈向新时代",
    "三、主办、承办单位",
    "主办单位:中共xx市委宣传部",
    "xx市文化体育广电新闻出版局",
    "承办单位:xx市文化馆",
    "三、工作职责",
    "(一)市级各部门工作职责",
    "1.市委宣传部负责活动的总协调;",
    "2.市文广新局负责组织、实施;",
    "3.市文化馆负责节目的组织实施。",
    "(二)镇乡工作职责",
    "1.落实场地,准备桌凳,落实演员换服装的房间、电源等;",
    "2.安排人员,搞好环境卫生,做好安全工作,维护现场秩序;",
]


# shorter, the headings numbered in order: the heading naming the fields was then joined to the first field line
# (「三、主办、承办单位主办单位:…」) and the name below it became a task
RENUMBERED = [EVENT[0], EVENT[1], "时间:5月15日-5月25日"] + EVENT[8:13] + ["四、工作职责"] + EVENT[14:]


@pytest.mark.parametrize("lines", [EVENT, RENUMBERED], ids=["as-written", "renumbered"])
def test_organisers_field_lines_end_at_the_next_heading_of_their_level(tmp_path, lines):
    # 主办单位：… sat under 三、主办、承办单位; under 三、工作职责 each item names its own body (it was 中共xx市委宣传部 as 牵头
    # for every item to the end, with 「单位取自措施前面的字段行」)
    _res, task = _import(tmp_path, lines)
    assert (task("市委宣传部负责").lead, task("市委宣传部负责").responsible) == ([], ["市委宣传部"])
    assert task("市文广新局负责").responsible == ["市文广新局"]
    assert task("落实场地").responsible == ["镇乡"]
    assert not any("字段行" in note for t in _res.tasks for note in t.review)


@pytest.mark.parametrize("lines", [EVENT, RENUMBERED], ids=["as-written", "renumbered"])
def test_a_name_alone_between_two_field_lines_is_the_first_fields_value(tmp_path, lines):
    # xx市文化体育广电新闻出版局 (the second 主办单位) was a task of its own, 承办单位 xx市文化馆 its responsible unit
    res, _task = _import(tmp_path, lines)
    assert not any(t.content.strip() == "xx市文化体育广电新闻出版局" for t in res.tasks)


def test_a_bracket_that_says_each_does_it_gives_the_names_without_that_word(tmp_path):
    # h7403: (…、市人力社保局分别负责落实) gave the unit 「市人力社保局分别」
    _res, task = _import(tmp_path, [
        "北京市2018年政务公开工作要点",
        "一、围绕中心工作做好信息公开",
        "(一)推进支持雄安新区建设、加强京津冀产业对接协作等信息公开。(市发展改革委、市经济信息化委、市人力社保局分别负责落实)"
        "及时公开延崇高速建设情况。(市交通委负责落实)",
    ])
    assert task("推进支持雄安新区").responsible == ["市发展改革委", "市经济信息化委", "市人力社保局"]


def test_a_steps_months_in_its_title_bracket_are_its_time(tmp_path):
    # h7307: (一)入库审核阶段(1—3月):… — a range whose first month leaves out 月, a colon after the bracket
    _res, task = _import(tmp_path, [
        "全民健身中心工程建设实施方案",
        "一、实施步骤",
        "各县(市、区)要把乡镇全民健身中心工程建设列为年度重点工作,按以下步骤实施:",
        "(一)入库审核阶段(1—3月):出台本区域全民健身中心工程建设实施方案,完成本年度工程入库审核工作。",
        "(二)场地建设阶段(6—8月):完成场地建设工作。",
        "(三)竣工验收阶段(12月):完成竣工验收挂牌。",
    ])
    assert task("入库审核阶段").deadline == "1—3月"
    assert task("场地建设阶段").deadline == "6—8月"
    assert task("竣工验收阶段").deadline == "12月"


@pytest.mark.parametrize("text, expr, due", [
    # h7305: a start and a span from it are one expression, read from the start
    ("从2008年开始,利用2年时间,完成全市古籍普查登记工作", "从2008年开始,利用2年时间", dt.date(2009, 12, 31)),
    ("2019年开始，3年内完成改造", "2019年开始，3年内", dt.date(2021, 12, 31)),
    # 用…时间 alone: counted from the document's date, and said so
    ("力争用2年时间完成", "用2年时间", dt.date(2010, 3, 1)),
])
def test_a_span_written_with_its_start_is_one_deadline(text, expr, due):
    assert find_deadlines(text) == [expr]
    read = parse_deadline(expr, dt.date(2008, 3, 1))
    assert read.due == due and not read.problems
    assert read.uncertain       # a span is always put to the clerk


def test_a_past_span_is_no_deadline():
    # 经过3年时间的努力: how long something took, not when work is due
    assert find_deadlines("经过3年时间的努力,全市古籍保护工作取得明显成效") == []


# h7306: a bureau's target table a web page printed one cell per line; a merged cell (rowspan) is printed on its first
# row only, so most rows have fewer cells than the header; the header's 「(单位)」 wrapped onto a line of its own
TARGETS = """序号
指标
工作任务
完成时限
责任领导
责任股室
(单位)
备注
1
公共文化服务
“两馆一站”免费开放服务人次较上年增长15%。
12月底前
夏俊贵
文化宣传股
2
全年组织开展文化下乡等惠民演出不少于100场。
3
开展好“三下乡”活动。
4
广电
完成县级应急广播系统(二期)建设。
广电事业股
5
三建设一整治
新建、改建旅游厕所6 座。
5月底
周 斐
旅游股
6
旅游项目
实施灵岩寺景区综合开发,完成年度建设任务。
文物股
郙阁公司
7
指导完成八渡河旅游带恢复重建。
"""


def test_a_flattened_tables_merged_cells_are_the_rows_above(tmp_path):
    # every row was read before only as far as its first short row (1 task of 6), the rest of the table lost
    res, task = _import(tmp_path, TARGETS.splitlines())
    assert [t.content[:6] for t in res.tasks] == ["“两馆一站”", "全年组织开展", "开展好“三下", "完成县级应急", "新建、改建旅",
                                                "实施灵岩寺景", "指导完成八渡"]
    # a row the page printed with only its number and its task: the merged 完成时限 and 责任股室 above it
    assert (task("开展好").deadline, task("开展好").responsible) == ("12月底前", ["文化宣传股"])
    # a row of its own category and unit, the merged 完成时限 above it — not the section's name as its deadline
    assert (task("完成县级应急").deadline, task("完成县级应急").responsible) == ("12月底前", ["广电事业股"])
    # a row one cell short whose cells fit their columns in order (the 备注 left empty): 周 斐 (a name spaced out, kept
    # as written) under 责任领导, 旅游股 under 责任股室 — not the category cell taken for the one left out
    assert (task("新建、改建").persons, task("新建、改建").responsible) == (["周 斐"], ["旅游股"])
    # the two names of one cell printed as two cells: both responsible, the merged 完成时限 and 责任领导 above
    assert task("实施灵岩寺").responsible == ["文物股", "郙阁公司"] and task("实施灵岩寺").deadline == "5月底"
    assert task("实施灵岩寺").persons == ["周 斐"]
    assert task("指导完成八渡").responsible == ["文物股", "郙阁公司"] and task("指导完成八渡").deadline == "5月底"
    # the clerk is told which cells were filled from the row above, row by row
    notes = " ".join(why for _where, _text, why in res.review)
    assert "序号3这一行只有2个单元格（表头有7列）" in notes and "按上一行填入（网页上的合并单元格）" in notes


def test_a_section_column_with_no_unit_column_beside_it_is_who_does_the_row(tmp_path):
    # 责任股室(单位): a county bureau's sections; with no 责任单位 column it was kept as an extra column and every task had
    # 「表中没有牵头单位或责任单位」
    _res, task = _import(tmp_path, TARGETS.splitlines())
    assert task("“两馆一站”").responsible == ["文化宣传股"]
    assert "表中没有牵头单位或责任单位" not in task("“两馆一站”").review
