"""Rules added after heldout45's errors were first looked at (its clean run: tests/data/plans/heldout45_first_run.txt,
25 of 39 tasks, 13 with every unit in the right role).  heldout45 holds the water field's own documents: river-chief
patrol rules, river-maintenance divisions, rural sewage and drinking-water-source rules.  Each rule is checked on a
text written for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit_list
from zhishui.plan.texttables import clean
from zhishui.unitnames import split_units


def _names(s: str) -> list[str]:
    return [t.text for t in split_units(s)]


def test_the_chiefs_of_a_level_are_the_owners_of_their_patrols(tmp_path):
    # 镇级河长每月需要…巡河至少1次 / 乡级河长巡河不少于2公里: a river-chief plan gives its duties to the chiefs of
    # each level (and the patrollers), not to an office
    res = _read(tmp_path, "巡河要求\n\n一、乡级河长巡河不少于2公里,提示:巡河里程不够。\n\n"
                          "二、县(市)级河湖长每季度巡查不少于1次;村(社区)级河湖长每月巡查不少于1次。\n")
    assert _task(res, "不少于2公里").responsible == ["乡级河长"]
    assert _task(res, "每季度").responsible == ["县(市)级河湖长"]
    assert _task(res, "每月巡查").responsible == ["村(社区)级河湖长"]
    # (河长制 / 河长办 are what they are: no level written)
    assert not looks_like_unit_list("河长制")
    res = _imported("h4503_aheqi_xunhe2022")
    assert [t.responsible for t in res.tasks][:3] == [["县、乡级、村级河长"], ["乡级、村级河长"], ["县(市)级河湖长"]]


def test_levels_written_once_before_the_last_one_are_one_body():
    # 县、乡级、村级河长: as 市、县级人民政府, the levels of one holder the text names once (not a unit called 县)
    assert _names("县、乡级、村级河长") == ["县、乡级、村级河长"]
    assert _names("县水利局、市、县级人民政府") == ["县水利局", "市、县级人民政府"]
    assert looks_like_unit_list("县、乡级、村级河长")


def test_numbered_items_run_on_in_one_line_are_items_of_their_own(tmp_path):
    # 1.镇级河长…。 2.村级河长…。 3.…: a page that lost its line breaks
    text = "1.镇级河长每月需要对每条责任河湖巡河至少1次。 2.村级河长每月需要对每条责任河湖巡河至少2次。 3.巡河时间需要达到5分钟以上。"
    res = _read(tmp_path, text)
    assert [(t.content, t.responsible, t.deadline) for t in res.tasks] == [
        ("镇级河长每月需要对每条责任河湖巡河至少1次。", ["镇级河长"], "每月"),
        ("村级河长每月需要对每条责任河湖巡河至少2次。", ["村级河长"], "每月")]
    # (a number inside a sentence, not after its end, starts nothing: 按1.5倍计 / 第2.3条)
    res = _read(tmp_path, "1.县水利局负责按1.5倍标准核定,2.0以上的报县政府。2.县环保局负责监测。")
    assert [t.responsible for t in res.tasks] == [["县水利局"], ["县环保局"]]
    assert [t.responsible for t in _imported("h4501_dinghu_xunhe").tasks] == [["镇级河长"], ["村级河长"]]


def test_a_lead_person_label_is_a_person_not_the_task_text(tmp_path):
    # 牵头责任人:涂天健 / 责任单位:农业综合服务中心 after the point: the lead person goes to 责任人, and the point's
    # text stays the task (it had become 「牵头」, its text lost)
    res = _imported("h4510_beijinggang_xixihu2021")
    first = res.tasks[0]
    assert first.content.startswith("严格禁止投肥养殖。") and first.persons == ["涂天健"]
    assert first.responsible == ["农业综合服务中心", "综合行政执法大队"]
    assert _task(res, "畜禽退养").deadline == "在2021年底前"
    res = _read(tmp_path, "二、整治内容\n1、严格禁止投肥养殖。各水体要禁止投肥投饵。\n第一责任人:张三\n责任单位:县农业局\n"
                          "2、减量施用化肥。逐年减少施用农药化肥。\n第一责任人:李四\n责任单位:县农业局\n")
    assert [t.persons for t in res.tasks] == [["张三"], ["李四"]]


def test_either_body_of_a_rule_is_named():
    # 村民委员会或者村民小组应当组织制定村规民约: each of the two (or 或者 between two offices' names)
    assert _names("村民委员会或者村民小组") == ["村民委员会", "村民小组"]
    assert _names("公安机关或者市场监管部门") == ["公安机关", "市场监管部门"]
    res = _imported("h4507_shaoguan_shuiyuan2021")
    assert _task(res, "村规民约").responsible == ["村民委员会", "村民小组"]


def test_a_body_of_a_level_guided_by_another(tmp_path):
    # 村级组织在乡镇(街道)人民政府指导下负责…: 村级组织 (a body of a level) does it, not 「村级组织在乡镇…政府」
    res = _read(tmp_path, "二、职责\n村级组织在乡镇(街道)人民政府指导下负责村级自管设施的运行维护。\n")
    assert _task(res, "村级自管设施").responsible == ["村级组织"]
    assert _task(_imported("h4505_hubei_nongcunwushui"), "村级自管设施").responsible == ["村级组织"]


def test_places_and_villages_as_the_text_names_them(tmp_path):
    # 由乡镇、村共同负责… (the villages after the townships) / 各相关乡镇要… (the townships the work concerns) /
    # X所在地的区人民政府和开发区管委会,应当… (the district government where it lies is a body, 的 or not)
    res = _read(tmp_path, "二、运管模式\n(一)属地管理。由乡镇、村共同负责污水收集设施的运行维护管理。\n"
                          "(二)经费。各相关乡镇要设立农村生活污水治理和运维专项资金。\n"
                          "(三)设施所在地的区人民政府和开发区管委会,应当共同做好本辖区内的城市排水工作。\n")
    assert _task(res, "收集设施").responsible == ["乡镇", "村"]
    assert _task(res, "专项资金").responsible == ["各相关乡镇"]
    assert _task(res, "本辖区内").responsible == ["设施所在地的区人民政府", "开发区管委会"]
    assert _task(_imported("h4509_city_paishui"), "本轄區內").responsible == ["城市排水與汙水處理設施所在地的區人民政府", "開發區管委會"]


def test_an_indent_lost_as_question_marks():
    # ? ?(一)屬地管理。: the full-width indent a copy through a narrow code page turned into question marks
    assert clean("? ?(一)属地管理。由乡镇负责。") == "(一)属地管理。由乡镇负责。"
    assert clean("?? ?为推动我县农村环境保护") == "为推动我县农村环境保护"
    assert clean("是否?是") == "是否?是"
    res = _imported("h4506_yanshan_nongcunwushui2020")
    assert _task(res, "共同負責").responsible == ["鄉鎮", "村"]
    assert _task(res, "專項資金").responsible == ["各相關鄉鎮"]


def test_a_town_government_guiding_the_work(tmp_path):
    # 镇政府统一指导管护,县水利局监管,…: 统一指导 is the town government's duty (as 统一领导)
    res = _read(tmp_path, "3、镇村级河道\n镇政府统一指导管护,县水利局监管,镇级河道由所在乡镇落实管护部门。\n")
    assert [t.responsible for t in res.tasks] == [["镇政府"], ["所在乡镇"]]


def test_a_later_subjects_clauses_after_its_semicolon(tmp_path):
    # X要A。Y负责B;会同Z开展C。: the clause after ； is Y's (it was dropped once X's sentence was read as a task)
    res = _read(tmp_path, "五、监测预防责任 各县人民政府要加强地质灾害防治工作的领导。 各县国土资源主管部门负责本行政区域内的组织工作;"
                          "会同同级建设、水利等部门开展地质灾害调查。\n")
    assert [(t.responsible, t.cooperating) for t in res.tasks] == [
        (["各县人民政府"], []), (["各县国土资源主管部门"], []), (["各县国土资源主管部门"], ["同级建设部门", "水利部门"])]
