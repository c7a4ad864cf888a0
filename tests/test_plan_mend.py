"""Lines of a .txt plan joined into paragraphs (texttables.mend_paragraphs): a long line that ends
with a field (责任单位:X) is a complete item, not a sentence the page wrapped, so the next item and
the next heading start their own paragraphs (dev document d07, read as one paragraph before)."""
from __future__ import annotations

import plan_scoring as ps
from zhishui.plan import import_plan
from zhishui.plan.texttables import mend_paragraphs


def test_an_item_closed_by_its_field_line_is_not_a_broken_sentence():
    lines = ["1.完成市下达的主要污染物和重金属总量减排任务,碳排放强度指标达到年度目标要求。",
             "责任单位:生态环境局、工信局、发改局、开发区、各乡(镇)人民政府",
             "(二)加快绿色转型",
             "6.有序推进碳达峰、碳中和工作。"]
    paras = mend_paragraphs([(t, f"第{i + 1}行") for i, t in enumerate(lines)])
    assert [p.text for p in paras] == [lines[0] + lines[1], lines[2], lines[3]]


def test_a_wrapped_sentence_still_joins():
    lines = ["1.加快推进城镇污水处理设施建设与改造,到2020年底前,全县城镇污水处理率达到",
             "85%以上。"]
    assert [p.text for p in mend_paragraphs([(t, "") for t in lines])] == ["".join(lines)]


def test_each_item_keeps_its_heading_and_its_own_line():
    res = import_plan(ps.CORPUS / "d07_jiangle_2022.txt")
    got = [(t.seq, t.category, t.source) for t in res.tasks]
    assert got == [(str(i), "(一)强化绿色管控", f"第{10 + 2 * i}行") for i in range(1, 6)] + \
        [(str(i), "(二)加快绿色转型", f"第{11 + 2 * i}行") for i in range(6, 9)]
    assert not any("加快绿色转型" in t.content for t in res.tasks)
