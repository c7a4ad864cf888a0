"""What opening the corpus parts heldout77, heldout78 and heldout79 (session 24) taught the importer, each on the
document's own words as a saved web page gives them (a .txt, one paragraph a line): what a report says a notice or a
law 规定s, a measure enumerated 一是…二是… whose sentences open with two different bodies, and the names of units written
once for several (州县发展改革、教育…部门, 县、乡党委、政府, 州县工会、共青团、妇联, 并积极协调…等有关部门参与)."""
from __future__ import annotations

import pytest

from plan_lines import import_lines
from zhishui.plan.attributions import unit_names

# h7707: a news report on a notice, each paragraph opening with what the notice says
REPORT = [
    "关于加强学校结核病防控工作的通知",
    "通知规定,教育行政部门应配合卫生等部门,制订符合本地区实际的学校结核病防控对策、措施;督促落实学校结核病疫情报告制度。",
    "通知强调,学校要开展结核病健康教育。",
]


def test_what_a_notice_rules_is_asked_of_the_body_named_after_it(tmp_path):
    # 「通知规定,」 was not read as a lead-in as 「通知强调,」 was: the education departments' task was not imported
    res, task = import_lines(tmp_path, REPORT)
    assert task("通知规定").responsible == ["教育行政部门"]
    assert task("通知强调").responsible == ["学校"]
    assert len(res.tasks) == 2


# h3913 (heldout39): a measure of a 禁毒 work report, its two sentences each a duty of another body
MEASURES = [
    "禁毒工作情况的报告",
    "三是加强禁毒经费的保障。《禁毒法》规定,县级以上各级人民政府应当将禁毒工作纳入国民经济和社会发展规划,并将禁毒经费列入本级财政预算。"
    "财政部门应当将禁毒工作作为政府公共管理和社会服务的一项重要内容,保证禁毒工作有充足的经费保障。",
]


def test_a_measure_whose_two_sentences_open_with_two_bodies_is_two_tasks(tmp_path):
    # one task holding both bodies was each body's wrong role (the split needed three bodies); h1601, h3810 and h7208
    # gained the same way
    res, task = import_lines(tmp_path, MEASURES)
    first = task("《禁毒法》规定")
    assert first.responsible == ["县级以上各级人民政府"] and first.content.endswith("列入本级财政预算。")
    assert task("财政部门应当").responsible == ["财政部门"]
    assert len(res.tasks) == 2


def test_a_measure_of_one_body_stays_one_task(tmp_path):
    # the control: both sentences are one office's, so the measure is one task (a second sentence naming no body
    # stays with it)
    res, task = import_lines(tmp_path, ["禁毒工作情况的报告",
                                        "二是加强禁毒执法。区公安分局要严厉打击毒品犯罪,区公安分局要加强易制毒化学品管理。要开展专项行动。"])
    assert len(res.tasks) == 1
    assert res.tasks[0].responsible == ["区公安分局"] and res.tasks[0].content.endswith("要开展专项行动。")


@pytest.mark.parametrize("text, names", [
    # h7804: two levels written together are the level of every item, however long the list (人力资源社会保障: 8)
    ("州县发展改革、教育、民政、财政、人力资源社会保障、环境保护等部门",
     ["州县发展改革部门", "州县教育部门", "州县民政部门", "州县财政部门", "州县人力资源社会保障部门", "州县环境保护部门"]),
    ("市县发展改革、教育部门", ["市县发展改革部门", "市县教育部门"]),
    # (not a level: 县市场监管 is 县 + 市场监管)
    ("县市场监管、教育部门", ["县市场监管部门", "县教育部门"]),
    # h7803: bare levels, then 党委 and 政府: each level's both
    ("县、乡党委、政府", ["县党委", "乡党委", "县政府", "乡政府"]),
    ("塔城市、额敏县党委、人民政府", ["塔城市党委", "塔城市人民政府", "额敏县党委", "额敏县人民政府"]),
    # h7804: the level's people's organisations after the first
    ("州县工会、共青团、妇联", ["州县工会", "州县共青团", "州县妇联"]),
    ("县工会、团县委、妇联", ["县工会", "团县委", "妇联"]),
])
def test_names_written_once_for_several(text, names):
    assert unit_names(text) == names


def test_the_verb_before_co_units_is_not_part_of_their_name(tmp_path):
    # h7803: 「并积极协调纪检监察部门」 was a co-unit's name (and would have gone into the proposed 单位名录)
    res, task = import_lines(tmp_path, ["村两委换届工作的通知",
                                        "县、乡党委、政府要高度重视,切实将严肃换届工作纪律列入重要议事日程,"
                                        "并积极协调纪检监察、宣传、信访等有关部门参与和配合做好换届选举工作。"])
    t = task("县、乡党委、政府")
    assert t.responsible == ["县党委", "乡党委", "县政府", "乡政府"]
    assert t.cooperating == ["纪检监察部门", "宣传部门", "信访部门"]
