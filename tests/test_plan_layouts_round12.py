"""Rules added after heldout9's errors were first looked at (its clean runs: tests/data/plans/
heldout9_first_run.txt, 70 of 101 tasks, 45 with every unit in the right role, 16 extra).  Each rule reads a
kind of layout or phrase: it is checked on a short text written for the test (other units, other words) and
on the heldout9 document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import parse_body
from zhishui.plan.model import PlanTask
from zhishui.plan.unitcheck import check_units


def test_a_units_duty_heading_ending_in_a_colon_owns_the_numbered_duties_under_it(tmp_path):
    # (一)X部门职责: / 1、…; 2、…: a heading that ends with its colon is still the unit's duty heading
    res = _read(tmp_path, "第五条 有关部门应当按照各自职责做好河道管理工作。\n(一)水行政主管部门职责:\n"
                          "1、负责河道采砂的许可和监督检查;\n2、组织查处非法采砂行为。\n(二)交通运输部门职责:\n"
                          "1、负责航道范围内的采砂船舶管理。\n")
    assert _task(res, "河道采砂的许可").responsible == ["水行政主管部门"]
    assert _task(res, "组织查处非法采砂").responsible == ["水行政主管部门"]
    assert _task(res, "航道范围内").responsible == ["交通运输部门"]
    # h920 抚顺: (一)安全生产监督管理部门职责: / 1、…4、, (二)公安部门职责: / 1、…3、
    res = _imported("h920_fushun_yanhua2005")
    assert _task(res, "组织查处烟花爆竹安全生产事故").responsible == ["安全生产监督管理部门"]
    assert _task(res, "查处燃放烟花爆竹的违法行为").responsible == ["公安部门"]


def test_what_a_unit_is_then_its_duties(tmp_path):
    # X是…主管机关,负责A;B;C。: the unit is the subject of every clause, as X负责A;B;C。
    res = _read(tmp_path, "一、明确分工\n县水务局是全县河道管理的主管部门,负责河道日常巡查;组织清理河道障碍物;"
                          "审批涉河建设项目。\n")
    assert _task(res, "县水务局是全县河道管理的主管部门").responsible == ["县水务局"]
    assert _task(res, "组织清理河道障碍物").responsible == ["县水务局"]
    assert _task(res, "审批涉河建设项目").responsible == ["县水务局"]
    # h919 广元: 公安部门是城市燃放烟花爆竹的主管机关,负责…;许可…;…
    res = _imported("h919_guangyuan_yanhua2006")
    assert _task(res, "公安部门是城市燃放烟花爆竹的主管机关").responsible == ["公安部门"]
    assert _task(res, "组织销毁废旧和罚没的非法烟花爆竹").responsible == ["公安部门"]


def test_a_three_column_duty_table_printed_with_spaces(tmp_path):
    # 序号 部门 职责 with spaces between the cells: three columns are a table when every header word is known
    # (职责分工 / 涉及部门 were not words of the header vocabulary, and a space table needed four columns)
    res = _read(tmp_path, "河道管理部门职责分工\n序号 涉及部门 职责分工\n1 县水务局 负责河道日常巡查和保洁监督。\n"
                          "2 县公安局 负责打击非法采砂,会同有关部门查处涉河违法行为。\n")
    assert "责任清单表格" in res.layouts
    assert _task(res, "河道日常巡查").responsible == ["县水务局"]
    t = _task(res, "打击非法采砂")
    assert t.responsible == ["县公安局"] and t.cooperating == ["有关部门"]     # the cell's 会同 names a co-unit
    # h918 石家庄
    res = _imported("h918_shijiazhuang_yanhua")
    t = _task(res, "负责烟花爆竹生产、经营、储存单位的安全生产监督管理")
    assert t.responsible == ["市应急管理局"] and t.cooperating == ["有关部门"]
    assert not any("其他" in t.responsible for t in res.tasks)     # the catch-all row names no one


def test_undertaken_by_and_assisted_by(tmp_path):
    # 由X承办,Y、Z协办: 承办 is the unit's role verb (responsible), 协办 the co-units'
    res = _read(tmp_path, "一、工作任务\n(一)开展农贸市场整治。由县市场监管局承办,县城管局、县卫健局协办。\n")
    t = _task(res, "开展农贸市场整治")
    assert t.responsible == ["县市场监管局"] and t.cooperating == ["县城管局", "县卫健局"]
    # h905 福建
    t = _task(_imported("h905_fujian_canzhuo_wuran"), "由省经贸委承办")
    assert t.responsible == ["省经贸委"] and "省农业厅" in t.cooperating and "省经贸委" not in t.cooperating


def test_names_that_carry_a_verb_a_heading_or_a_note():
    pt = PlanTask("1", "", "督促整改。", responsible=["明确职责任务分工县应急管理局", "会同有关部门"],
                  cooperating=["组织相关部门", "组织人事部门"])
    check_units([pt])
    assert pt.responsible == ["县应急管理局"]
    assert pt.cooperating == ["组织人事部门", "有关部门"]
    pt = PlanTask("1", "", "推进PPP。", responsible=["市发改委", "市财政局(第一责任单位为牵头单位,下同)"])
    check_units([pt])
    assert pt.responsible == ["市发改委", "市财政局"]


def test_the_first_unit_said_to_lead_in_other_words():
    # (X、Y,第一责任单位为牵头单位): as 列第一位者为牵头部门, the first unit leads, the others take part
    a = parse_body("县住建局、县财政局,第一责任单位为牵头单位")
    assert a.lead == ["县住建局"] and a.cooperating == ["县财政局"]


def test_a_subject_after_a_run_in_title(tmp_path):
    # 加强队伍建设各(村)居要…: a title run into the sentence, the subject a group of places: the task's unit
    res = _read(tmp_path, "三、工作措施\n(一)建立工作机制各(村)居要按照街道统一布局,制定垃圾分类工作计划。\n"
                          "(二)加强队伍建设各(村)居要配备专职分类指导员。\n")
    assert _task(res, "制定垃圾分类工作计划").responsible == ["各(村)居"]
    assert _task(res, "配备专职分类指导员").responsible == ["各(村)居"]
    res = _imported("h913_jiedao_laji_fenlei")
    assert _task(res, "各(村)居要按照市、县、街道的统一布局").responsible == ["各(村)居"]
