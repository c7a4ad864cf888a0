"""Rules added after heldout66's errors were first looked at (its clean runs: tests/data/plans/heldout66_first_run.txt,
33 of 45 tasks, 22 with every unit in the right role on the rules of rounds 49-58).  heldout66 holds the product's own
work: rural sewage facilities, river chiefs' patrols, drinking-water sources, aquaculture tail water, livestock manure.
Each rule is checked on a text written for the test and on the document it was found in."""
from __future__ import annotations

import datetime as dt

import plan_scoring as ps
from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.deadlines import parse_deadline
from zhishui.plan.dates import find_deadlines
from zhishui.plan.texttables import _without_chunk_numbers

ARTICLES = ("第二章管护责任第三条各镇(街道)职责(一)负责所属辖区养殖尾水处理设施的建设、维修。(二)建立相应的管理机制,"
            "落实专职管护人员。第四条区农业农村局职责(一)负责制定全区水产养殖尾水治理总体方案。(二)负责养殖尾水抽检和监督考核工作。\n")


def test_an_article_titled_by_a_body_s_duties_with_its_items_run_on(tmp_path):
    # 第三条各镇(街道)职责(一)…(二)…: with no colon after 职责 the items had no owner, and 「各镇(街道)职责(一)」 became a name
    res = _read(tmp_path, ARTICLES)
    assert [(t.content[:8], t.responsible) for t in res.tasks] == [
        ("负责所属辖区养殖", ["各镇(街道)"]), ("建立相应的管理机", ["各镇(街道)"]),
        ("负责制定全区水产", ["区农业农村局"]), ("负责养殖尾水抽检", ["区农业农村局"])]
    assert all("「各镇(街道)职责：」" in t.review[0] for t in res.tasks[:2])     # the document's words, not 「：」
    res = _imported("h6607_qu_yangzhi_weishui2023")
    assert [t.responsible for t in res.tasks] == [["各镇(街道)"]] * 3 + [["区农业农村局"]] * 3 + [["区生态环境分局"]] * 2


def test_a_page_made_only_of_a_document_site_s_numbered_chunks():
    # 1、2023年…暂行办法第一章总则第一条… / 2、负责…: the chunks were cut at a sentence's end, so 「2、」 read as an item
    first = "1、2023年水产养殖尾水处理设施运行管理暂行办法第一章总则第一条为切实提升治理成效,特制定本办法。" + "规定内容。" * 30
    second = "2、负责所属辖区的养殖尾水处理设施的建设、维修、保养。" + "(二)建立管理机制。" * 15
    out = _without_chunk_numbers([first, second])
    assert out[0].startswith("2023年") and "负责所属辖区" in out[0] and out[1] == ""
    # a list of two long items that is not a page of chunks keeps its numbers
    items = ["1、加强水源保护。" + "各村要开展巡查。" * 20, "2、强化执法监管。" + "县生态环境局要加强执法。" * 20]
    assert _without_chunk_numbers(items) == items


def test_who_decided_it_and_a_copula_are_no_names(tmp_path):
    # 经镇河长制办公室研究,现就…通知如下 / 是区对镇(街)河长制工作考核的: 「经镇河长制办公室」 and 「是区」 had become units
    res = _imported("h6602_malantun_xunhe2018")
    names = {u for t in res.tasks for u in t.lead + t.responsible + t.cooperating}
    assert not any(u.startswith(("经", "是")) for u in names) and "镇河长制办公室" in names
    # 并督察相关部门 is the sentence's next verb
    t = _task(_imported("h6606_longmen_shuiyuan_xuncha2018"), "季度末对饮用水水源进行巡查")
    assert t.responsible == ["镇饮用水水源保护工作领导小组"]


def test_recurring_days_of_each_month(tmp_path):
    # 每月月底 / 每月6号,16号,26号: the deadline had been 「在每月」 / 「每月6号」
    assert find_deadlines("镇河长制办公室将在每月月底将巡河情况上报") == ["在每月月底"]
    assert find_deadlines("镇级河长每月巡河3次以上,每月6号,16号,26号为巡河日") == ["每月6号,16号,26号"]
    d = parse_deadline("每月6号,16号,26号", dt.date(2018, 3, 1))
    assert d.understood and d.recurrence.freq == "monthly" and d.recurrence.day == 6 and not d.problems
    assert any("6日、16日、26日" in n for n in d.notes)
    # (a list of days with 、 inside a bracket is left as it was read: h5701's 每半个月(每个月14日、30日)前)
    assert find_deadlines("各村居每半个月(每个月14日、30日)前,将情况报镇平安办") == ["每个月14日"]


def test_the_next_level_s_part_by_how_often_or_by_a_principle(tmp_path):
    # 镇级河长每月巡河3次以上,…,村级河长每周至少巡河1次 / 党政办负责…,各村按属地化管理原则,负责…: the second body's part
    # after a comma had gone to the first
    res = _read(tmp_path, "明确巡河时间\n镇级河长每月巡河3次以上,每次巡河不少于15分钟,村级河长每周至少巡河1次,每次巡河不少于10分钟。\n"
                          "党政办负责将饮用水水源保护工作纳入目标管理,各村按属地化管理原则,负责辖域内饮用水水源的日常监督管理。\n")
    assert _task(res, "镇级河长每月").responsible == ["镇级河长"]
    assert _task(res, "村级河长每周").responsible == ["村级河长"]
    assert _task(res, "各村按属地化管理原则").responsible == ["各村"]
    t = _task(_imported("h6603_danianchen_xunhe"), "村级河长每周至少巡河1次")
    assert (t.responsible, t.deadline) == (["村级河长"], "每周三")
    assert _task(_imported("h6606_longmen_shuiyuan_xuncha2018"), "各村按属地化管理原则").responsible == ["各村"]


def test_an_article_s_number_is_numbering_in_a_category():
    assert ps.category_right("第三条各镇(街道)职责", "各镇(街道)职责")
    assert ps.category_right("第四條", "")
    assert not ps.category_right("第三条各镇(街道)职责", "各村职责")
