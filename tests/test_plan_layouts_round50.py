"""Rules added after heldout51's errors were first looked at (its clean runs: tests/data/plans/heldout51_first_run.txt,
26 of 47 tasks, 14 with every unit in the right role, on the rules of rounds 39-49; 36 of 47 on those of round 38).
heldout51 holds flood-control notices, reservoir and water-saving regulations and water-supply plans.  Two findings of
the session-15 trial (a town's 河长制 plan stored by a document site in numbered chunks; a county plan whose unit field
wraps onto a line of its own) are here too.  Each rule is checked on a text written for the test and on the document
it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.unitnames import split_units


def test_an_unread_items_sentences_each_opened_by_its_own_body(tmp_path):
    # 二、健全防汛机构,…。镇、村两级,分别成立指挥机构…。各村委会要成立…。各指挥机构在汛期要坚持值班制度…: one task a
    # sentence that opens with its body (the numbered-item reader had made the item one task of every body in it)
    res = _imported("h5101_jiedong_fangxun")
    assert _task(res, "各村委会要成立").responsible == ["各村委会"]
    assert _task(res, "各指挥机构在汛期").responsible == ["各指挥机构"]
    assert _task(res, "各单位要对负责的工程").responsible == ["各单位"]


def test_a_phase_sentence_goes_with_the_duty_after_it(tmp_path):
    # 4月1日至30日为整治处理阶段。各县市区对…: the phase's time is the next sentence's, not the one before
    res = _imported("h2214_city_jiayouzhan_zhengzhi2013")
    assert _task(res, "各县市区对排查出的").content.startswith("4月1日至30日为整治处理阶段。")
    assert _task(res, "市政府安委会组织").responsible == ["市政府安委会"]


def test_an_articles_title_in_brackets_is_not_part_of_the_name(tmp_path):
    # 第四条【政府职责】县政府加强对地下水管理工作的领导,…: 县政府, not 「【政府职责】县政府」
    res = _read(tmp_path, "县地下水资源管理办法\n第四条【政府职责】县政府加强对地下水管理工作的领导,所需经费列入本级财政预算。\n"
                          "第五条 【部门职责】县水务局负责本县行政区域内地下水资源的统一管理工作。\n")
    assert [t.responsible for t in res.tasks] == [["县政府"], ["县水务局"]]
    # (a title with no comma or full stop is no sentence: 水利局加强河道采砂整治通知)
    res = _read(tmp_path, "水利局加强河道采砂整治通知\n县水务局负责河道采砂管理工作。\n")
    assert [t.responsible for t in res.tasks] == [["县水务局"]]


def test_an_articles_principle_then_the_bodies_it_gives_the_work_to(tmp_path):
    # 第三条 节约用水工作应当遵循…原则。市、县(区)人民政府应当建立…机制。
    res = _imported("h5105_gansu_jieyueyongshui2023")
    t = _task(res, "应当建立政府主导")
    assert t.content.startswith("节约用水工作应当遵循") and t.responsible == ["市人民政府", "县(区)人民政府"]


def test_an_article_number_alone_on_its_line_and_a_note_with_a_comma_in_the_subject(tmp_path):
    # 第四条 / 小型水库安全管理实行…负责制。县(区)人民政府(含大亚湾开发区、仲恺高新区管委会,下同)、乡镇政府(街道办事处)必须…
    res = _imported("h5102_huizhou_xiaoxingshuiku")
    assert _task(res, "必须明确各责任主体").responsible == ["县(区)人民政府", "乡镇政府(街道办事处)"]
    assert _task(res, "通过媒体公布").responsible == ["县人民政府", "区人民政府"]
    # (实行 is a verb, never part of a name: 「小型水库安全管理实行地方人民政府」 was read as one)
    assert not any("实行" in u for t in res.tasks for u in t.responsible)


def test_a_document_sites_chunk_numbers(tmp_path):
    # 1、…将节 / 2、约用水工作…: the numbers a document site puts before each stored chunk, wherever it was cut
    from zhishui.plan.texttables import _without_chunk_numbers
    lines = ["1、" + "甲" * 160 + "将节", "2、约用水工作纳入规划。" + "乙" * 150, "3、丙。"]
    assert _without_chunk_numbers(lines) == ["甲" * 160 + "将节", "约用水工作纳入规划。" + "乙" * 150, "丙。"]
    # (a list of items, short or each ending its sentence, keeps its numbers)
    items = ["1、县水利局负责河道保洁。", "2、县环保局负责水质监测。"]
    assert _without_chunk_numbers(items) == items
    long_items = ["1、" + "甲" * 160 + "。", "2、" + "乙" * 160 + "。"]
    assert _without_chunk_numbers(long_items) == long_items
    res = _imported("h5105_gansu_jieyueyongshui2023")
    assert _task(res, "加强对节约用水工作的领导").content.find("将节约用水工作纳入") > 0


def test_numbered_items_run_on_after_a_title_and_a_space(tmp_path):
    # …工作安排 一、强化水资源爱护行动 1.持续…。牵头部门:镇水利站 协作部门:镇工业办公室 主体责任单位:各村(居) 2.落实…:
    # each item its own task, numbered as the plan numbers it (they were 1-1, 1-2 of one 「原编号1」)
    text = ("镇2020年河长制湖长制工作安排 一、强化水资源爱护行动 1.持续实施水资源消耗总量和强度双控行动。牵头部门:镇水利站 "
            "协作部门:镇工业办公室 主体责任单位:各村(居) 2.落实国家节水行动方案。牵头部门:镇水利站 协作部门:镇城建办 "
            "主体责任单位:各村(居)\n")
    res = _read(tmp_path, text)
    assert [(t.seq, t.lead, t.cooperating) for t in res.tasks] == [("1", ["镇水利站"], ["镇工业办公室"]),
                                                                  ("2", ["镇水利站"], ["镇城建办"])]
    # (a record's numbered measures after its fields stay the record's: 整改时限:…整改措施:…。1.… 2.…)
    assert len(_imported("h407_chuxiong_duchazhenggai").tasks) >= 3


def test_two_office_names_written_together_are_two_and_said(tmp_path):
    # 镇城建办镇农技站: two units (a return sheet each), and the task says the document wrote them together
    assert [t.text for t in split_units("镇城建办镇农技站")] == ["镇城建办", "镇农技站"]
    assert [t.text for t in split_units("县林业局乡镇林业站")] == ["县林业局", "乡镇林业站"]
    assert [t.text for t in split_units("市委办公室")] == ["市委办公室"]
    res = _read(tmp_path, "一、重点任务\n1.落实国家节水行动方案。牵头部门:镇水利站 协作部门:镇工业办公室,镇城建办镇农技站\n")
    t = res.tasks[0]
    assert t.cooperating == ["镇工业办公室", "镇城建办", "镇农技站"]
    assert any("「镇城建办」「镇农技站」在原文中连写" in r for r in t.review)


def test_a_unit_field_wrapped_onto_a_line_of_its_own(tmp_path):
    # 配合单位:县发改委、环保局、水利局、农业局 / 各乡镇(街道)、黎阳建管办: the list goes on (not 「农业局各乡镇(街道)」)
    res = _read(tmp_path, "(一)实施流域环境综合治理\n1. 深入开展城市黑臭水体整治。2018年10月底前,县城建成区全面消除黑臭水体。\n"
                          "牵头单位:县住建局\n配合单位:县发改委、环保局、水利局、农业局\n各乡镇(街道)、黎阳建管办\n")
    t = res.tasks[0]
    assert t.lead == ["县住建局"]
    assert t.cooperating == ["县发改委", "县环保局", "县水利局", "县农业局", "各乡镇(街道)", "黎阳建管办"]
