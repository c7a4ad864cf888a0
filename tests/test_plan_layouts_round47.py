"""Rules added after heldout48's errors were first looked at (its clean run: tests/data/plans/
heldout48_first_run.txt, 40 of 54 tasks, 26 with every unit in the right role, on the rules of round 45; the same
on round 46).  heldout48 holds notices and letters that hand units their tasks (督查通知单, 整改通知, 交办函).  Each rule is
checked on a short text written for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.prose import prose_duties


def test_the_problems_an_attachment_lists_take_the_time_the_cover_letter_sets(tmp_path):
    # 请各事涉部门对存在的问题立即进行整改,并于5月20日前将问题整改完成。 / 附件: / 1.…(责任单位:住建局)
    text = ("区住建局、区执法局:\n请各事涉部门对存在的问题立即进行整改,并于5月20日前将问题整改完成,整改情况报区政府督查室。\n"
            "附件:存在问题\n1.春江医院北侧胡同内垃圾。(责任单位:区执法局)\n2.天桥下路面破损。(责任单位:区住建局)\n"
            "3.河道护栏缺损。(责任单位:区住建局,6月底前)\n")
    res = _read(tmp_path, text)
    assert _task(res, "胡同内垃圾").deadline == "5月20日前"
    assert any("通知正文" in r for r in _task(res, "胡同内垃圾").review)
    assert _task(res, "河道护栏缺损").deadline == "6月底前"       # its own time stays
    # two times in the letter: none is given to the list
    res = _read(tmp_path, text.replace("整改情况报区政府督查室。", "并于6月10日前完成复查整改。"))
    assert _task(res, "胡同内垃圾").deadline == ""
    res = _imported("h4809_siping_tiexi_zhenggai2019")
    assert all(t.deadline == "5月20日前" for t in res.tasks if "责任单位" not in t.content and t.source != res.tasks[0].source)


def test_a_letter_asks_a_named_office_and_another_helps():
    # 海洋局认真抓紧整改,市督查室搞好配合。请交通局按照整改要求,尽快销号。
    d = prose_duties("市海洋局认真抓紧整改,市督查室搞好配合。请市交通局按照整改要求,尽快销号。")
    assert [(x.responsible, x.cooperating) for x in d] == [(["市海洋局"], ["市督查室"]), (["市交通局"], [])]
    assert prose_duties("请认真贯彻执行。") == []


def test_the_bodies_whose_heads_answer_for_the_work():
    # 各地各部门党政主要负责同志是属地、包保小区防控的第一责任人: 各地各部门 (not 「各地各部门党政主」)
    d = prose_duties("各地各部门党政主要负责同志是属地、包保小区防控的第一责任人,要亲自部署、亲自督导。")
    assert [x.responsible for x in d] == [["各地各部门"]]
    res = _imported("h4810_huizhou_yiqing_fengbi2020")
    assert not any(u.endswith("主") for t in res.tasks for u in t.responsible)
