"""Rules added after heldout59's errors were first looked at (its clean runs: tests/data/plans/heldout59_first_run.txt,
41 of 45 tasks, 25 with every unit in the right role on the rules of rounds 51-55).  heldout59 holds public-safety
campaigns: drowning prevention, fire safety, electric bicycles, road traffic, hazardous chemicals.  Each rule is
checked on a text written for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task


def test_a_deadline_labelled_by_the_kind_of_work(tmp_path):
    # (责任单位:县安委办;治理时限:2022年11月): 「治理」 had become a unit and the time no deadline
    res = _read(tmp_path, "三、具体举措、责任主体和治理时限\n(一)强化统筹协调\n1.修订完善安全生产职能职责规定。"
                          "(责任单位:县安委办;治理时限:2022年11月)\n2.开展隐患排查整治。(牵头责任单位:县应急局;责任单位:县公安局;"
                          "整治时限:2022年8月)\n")
    t = _task(res, "修订完善")
    assert (t.responsible, t.deadline) == (["县安委办"], "2022年11月")
    t = _task(res, "开展隐患排查整治")
    assert (t.lead, t.responsible, t.deadline) == (["县应急局"], ["县公安局"], "2022年8月")
    t = _task(_imported("h5907_daying_weihuapin2022"), "修订完善《大英县安全生产职能职责规定》")
    assert (t.responsible, t.deadline) == (["县安委办"], "2022年11月")


# The session-16 import trial's page (洛阳市老城区2018年水污染防治攻坚战实施方案, an excerpt as a web page gives it: a blank
# line after every paragraph): points 一是/二是/三是, each followed by its 牵头单位:/责任单位: lines
LAOCHENG = """河南洛阳市老城区2018年水污染防治攻坚战实施方案

3.深化工业污染防治

一是严格环境准入。分区分类实施差别化环境准入政策,2018年年底前完成区域水资源、水环境承载能力现状评价。

牵头单位:老城环保分局、区农办

责任单位:区城乡建设局、老城国土资源分局,各办事处

二是加快淘汰落后产能。依据《产业结构调整指导目录》等文件要求,2018年3月底前制定年度落后产能淘汰方案。

牵头单位:区工业和信息化委

责任单位:区发展改革委、老城环保分局,各办事处

三是推动工业节水。对化工、食品、制药等行业企业用水情况进行摸底调查,建立重点用水企业数据库。

牵头单位:区工业和信息化委、区农办

责任单位:各办事处

4.强化农业农村污染防治

一是控制种植业污染。开展化肥、农药使用量零增长行动。不定期开展化肥使用量零增长行动落实情况督查指导。农业部门在推进化肥使用量零增长行动中,定
"""


def test_points_with_their_field_lines_each_a_task(tmp_path):
    # the points had run together with their field lines into one paragraph: task 1's text became 「老城环保分局、区农办」,
    # its 责任单位 「…各办事处二是加快淘汰落后产能」, and its own text was lost without a word
    res = _read(tmp_path, LAOCHENG)
    one, two, three = (_task(res, w) for w in ("一是严格环境准入", "二是加快淘汰落后产能", "三是推动工业节水"))
    assert (one.lead, one.deadline) == (["老城环保分局", "区农办"], "2018年年底前")
    assert one.responsible[0] == "区城乡建设局" and one.responsible[-1] == "各办事处"
    assert (two.lead, two.responsible[-1], two.deadline) == (["区工业和信息化委"], "各办事处", "2018年3月底前")
    assert (three.lead, three.responsible) == (["区工业和信息化委", "区农办"], ["各办事处"])
    assert one.category == "3.深化工业污染防治"
    # 不定期 is no 定期; the page's cut end is said on the task it cuts
    last = _task(res, "控制种植业污染")
    assert last.deadline == "" and any("原文在这一项中间截断" in r for r in last.review)
