"""Rules added after heldout52's errors were first looked at (its clean runs: tests/data/plans/heldout52_first_run.txt,
35 of 54 tasks, 20 with every unit in the right role on the rules up to round 48, 21 with round 49).  heldout52 holds
city-appearance and elderly-home regulations, anti-drug and veterans' plans.  Each rule is checked on a text written
for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.texttables import clean


def test_question_marks_of_a_lost_indent_inside_a_run_on_line():
    # 农村敬老院管理办法 ? ?第一章 总 则 ? ? ? ?第一条 为了…: the marks after a space, inside the line (the unit had
    # been read as 「?第五条农村敬老院」)
    assert clean("农村敬老院管理办法 ? ?第一章 总 则 ? ? ? ?第一条 为了加强") == "农村敬老院管理办法 第一章 总 则 第一条 为了加强"
    assert clean("为什么? 因为") == "为什么? 因为"       # a question's mark after its word stays
    res = _imported("h5210_xian_jinglaoyuan")
    assert _task(res, "农村敬老院应当遵守国家法律").responsible == ["农村敬老院"]


def test_a_subject_doing_it_in_the_course_of_its_work(tmp_path):
    # 市容环境卫生行政主管部门在执法中应当坚持处罚与教育相结合: the body, then when it must (在…中应当)
    res = _read(tmp_path, "第十条 市容环境卫生行政主管部门在执法中应当坚持处罚与教育相结合。\n")
    assert _task(res, "坚持处罚与教育相结合").responsible == ["市容环境卫生行政主管部门"]
    t = _task(_imported("h5201_shi_shirong_tiaoli"), "堅持處罰與教育相結合")
    assert t.responsible == ["市容環境衛生行政主管部門"]
