"""The last look at every task's units (zhishui/plan/unitcheck.py), whatever reader gave them.

The names below are the marks unseen layouts left in units on the first clean runs of heldout7 and
heldout8 (a heading glued before the name, a word of the sentence after it, a piece of a sentence),
and names that must pass untouched; the expected names are written by hand."""
from __future__ import annotations

import pytest

from zhishui.plan import import_plan
from zhishui.plan.model import NO_UNIT_NOTE, PlanTask
from zhishui.plan.unitcheck import check_units, tidy_name

NAMES = [
    # (name a reader gave, names it stands for, a note is said)
    ("明确职责.县矿山联合执法大队", ["县矿山联合执法大队"], True),
    ("总结阶段(11月) 各县(市、区)", ["各县(市、区)"], True),
    ("摸底和集中整治阶段(5月-8月) 各县(市、区)环保专项行动领导小组", ["各县(市、区)环保专项行动领导小组"], True),
    ("乡镇人民政府具体", ["乡镇人民政府"], True),
    ("县水务局牵头", ["县水务局"], True),
    ("以下均需乡镇人民政府具体", [], True),
    ("不重复列出", [], True),
    ("严格按照省发改委", [], True),
    ("我厅决定对你市无棣县新海工业园突出环境问题实施挂牌督办", [], True),
    ("责成你局", [], True),
    ("商务局和各街道办事处(乡)", ["商务局", "各街道办事处(乡)"], False),
    ("县水务局 县住建局", ["县水务局", "县住建局"], False),
    # untouched
    ("其他部门和单位", ["其他部门和单位"], False),
    ("住房和城乡建设局", ["住房和城乡建设局"], False),
    ("自然资源和规划局", ["自然资源和规划局"], False),
    ("县(市、区)", ["县(市、区)"], False),
    ("市“五水共治”办", ["市“五水共治”办"], False),
    ("滁州海关", ["滁州海关"], False),
    ("市人行", ["市人行"], False),
    ("各成员单位", ["各成员单位"], False),
    ("高新园(邹区镇)", ["高新园(邹区镇)"], False),
    ("县农村人居环境整治工作专班", ["县农村人居环境整治工作专班"], False),
]


@pytest.mark.parametrize("name,want,noted", NAMES)
def test_tidy_name(name, want, noted):
    got, note = tidy_name(name)
    assert got == want
    assert bool(note) == noted


def test_a_dropped_name_is_said_and_the_good_ones_kept():
    pt = PlanTask("1", "", "督促整改。", responsible=["严格按照省发改委", "县交通局"], cooperating=["乡镇人民政府具体"])
    check_units([pt])
    assert pt.responsible == ["县交通局"] and pt.cooperating == ["乡镇人民政府"]
    assert any("「严格按照省发改委」不像单位名称" in r for r in pt.review)
    assert any(r.startswith("配合单位单位「乡镇人民政府具体」后面连着「具体」") for r in pt.review)


@pytest.mark.parametrize("content,lead,resp,coop", [
    ("构建共建共治体系。各成员单位要加强协同联动，强化信息互通。", [], ["各成员单位"], []),
    ("加强领导。县水务局牵头，县财政局配合，建立联席会议制度。", ["县水务局"], [], ["县财政局"]),
    ("严格执法。各乡镇要加强巡查，发现问题及时处置。", [], ["各乡镇"], []),
])
def test_a_task_with_no_unit_takes_its_own_sentence(content, lead, resp, coop):
    pt = PlanTask("1", "", content, review=[NO_UNIT_NOTE])
    check_units([pt])
    assert (pt.lead, pt.responsible, pt.cooperating) == (lead, resp, coop)
    assert NO_UNIT_NOTE not in pt.review
    assert any("已按它自己的句子读出" in r for r in pt.review)


def test_a_task_whose_sentences_name_nobody_keeps_asking():
    pt = PlanTask("1", "", "加强宣传引导，营造良好氛围。", review=[NO_UNIT_NOTE])
    check_units([pt])
    assert not (pt.lead or pt.responsible or pt.cooperating) and pt.review == [NO_UNIT_NOTE]


ITEMS = """某县道路运输安全专项整治实施方案
二、主要任务
(一)健全责任体系。
1. 构建共建共治体系。各成员单位要加强协同联动，强化信息互通，2020年底前建立联席机制。
2. 督促落实企业主责。县交通运输局负责督促企业落实主体责任，县公安局配合。
3. 加强路面管控。县公安局负责加强路面巡查，2020年底前完成。
"""


def test_numbered_items_keep_their_titles_numbers_and_units(tmp_path):
    """1. 标题。X负责…，Y配合。: the title stays the task's first words (it was dropped when the item named
    two roles), the item keeps its number (it was told 「原表这一行没有序号」), the item whose sentence
    names only 各成员单位 gets them, and no line of 导入核对 says a duty was left unread."""
    src = tmp_path / "方案.txt"
    src.write_text(ITEMS, encoding="utf-8")
    res = import_plan(src)
    got = [(t.seq, t.content[:9], t.lead, t.responsible, t.cooperating) for t in res.tasks]
    assert got == [
        ("1", "构建共建共治体系。", [], ["各成员单位"], []),
        ("2", "督促落实企业主责。", [], ["县交通运输局"], ["县公安局"]),
        ("3", "加强路面管控。县公", [], ["县公安局"], []),
    ]
    assert not any("原表" in r for t in res.tasks for r in t.review)
    assert not any("没有导入为任务" in why for _w, _t, why in res.review)
