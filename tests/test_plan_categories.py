"""The category (重点任务) of imported tasks: the heading a task sits under, as the monthly 通报 groups
tasks by it.  Each rule here comes from an error of the category score (tests/plan_scoring.py,
label "g" of the truth files); the texts are quoted from the corpus documents named."""
from __future__ import annotations

import plan_scoring as ps
from zhishui.plan import import_plan


def _tasks(tmp_path, lines: list[str]):
    src = tmp_path / "plan.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_plan(src).tasks


# h304 (heldout3) and h512 (heldout5): a numbered paragraph that is one unit's duties, with no title of
# its own, became the category of the duties cut from it — the whole paragraph, 60 characters of it,
# printed as the 重点任务 of each duty.

def test_a_paragraph_of_duties_is_not_the_heading_of_its_duties(tmp_path):
    tasks = _tasks(tmp_path, [
        "(二)市政园林部门负责组织编制温瑞塘河流域城市市政基础设施、公用事业、城市绿化、市容环卫等各项专业规划;"
        "负责组织、指导温瑞塘河流域污水、垃圾收集处理系统的建设和管理;负责组织实施排水许可制度。",
        "(七)文化部门负责文化遗产的调查、发掘和各级文物保护单位申报工作;指导、协调温瑞塘河文化遗产管理、保护、"
        "研究、鉴定和宣传工作。"])
    assert len(tasks) >= 4
    assert {t.category for t in tasks} == {""}, [(t.category, t.content[:20]) for t in tasks]


def test_duties_of_an_untitled_paragraph_stay_under_the_heading_above(tmp_path):
    tasks = _tasks(tmp_path, [
        "四、责任分工",
        "(一)各县(市)区政府要本着政府组织,属地负责,部门协调,群众参与,条块结合,以块为主原则,动员全社会参与,"
        "深入开展群众性的春季爱国卫生运动,清洁室内外环境。同时,各县(市)区要搞好春季灭鼠工作,"
        "要将每年计划内除四害的经费及时拨付到位。"])
    assert tasks and all(ps.canon_category(t.category) == "责任分工" for t in tasks), \
        [(t.category, t.content[:20]) for t in tasks]


def test_a_titled_paragraph_still_heads_its_duties():
    # c06 (dev): 「(二)生活污染反弹处置机制。」 is a title; the duties after it sit under it
    res = import_plan(ps.CORPUS / "c06_chongqing_cijiheliu.txt")
    cats = [ps.canon_category(t.category) for t in res.tasks]
    first = cats.index("畜禽养殖污染反弹处置机制")
    assert first >= 7 and set(cats[:first]) == {"生活污染反弹处置机制"} \
        and set(cats[first:]) == {"畜禽养殖污染反弹处置机制"}, cats


def test_the_documents_read_right():
    for doc in ("h304_wenruitanghe_zhize", "h512_liaoyang_qingjieyue"):
        s = [x for x in ps.corpus_scores("heldout3") + ps.corpus_scores("heldout5") if x.doc == doc][0]
        assert (s.categories_ok, s.categories) == (s.found, s.found), s.category_misses


# h511 (heldout5): a numbered item followed by paragraphs that each open with a title of their own and
# end in their units: the item was glued into the first paragraph's text as its words, and neither task
# had a category.  d02 (dev) keeps its reading: (4)'s paragraphs have no titles, (4) heads the first.

def test_an_item_over_titled_paragraphs_is_their_heading(tmp_path):
    tasks = _tasks(tmp_path, [
        "1.完善城乡环境卫生管理长效机制。",
        "加强城市道路日常保洁。开展城市道路全天候保洁,实现道路保洁管理全面覆盖。(责任单位:市城管局)",
        "推进乡镇、村屯及城中村综合整治工作。完善基础设施,配备环境卫生专业管理和清扫保洁队伍。(责任单位:各县区政府)"])
    assert [(ps.canon_category(t.category), t.content[:8]) for t in tasks] == \
        [("完善城乡环境卫生管理长效机制", "加强城市道路日常"), ("完善城乡环境卫生管理长效机制", "推进乡镇、村屯及")]


def test_an_item_over_untitled_paragraphs_heads_the_first():
    res = import_plan(ps.CORPUS / "d02_mwr_gongnengqu.txt")
    four = [t for t in res.tasks if "核定水功能区纳污能力" in t.content]
    assert len(four) == 1 and four[0].content.startswith("核定水功能区纳污能力,明确限制排污总量意见。2012年底前"), \
        [t.content[:30] for t in res.tasks]
