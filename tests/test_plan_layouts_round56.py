"""Rules added after heldout58's errors were first looked at (its clean runs: tests/data/plans/heldout58_first_run.txt,
37 of 51 tasks, 22 with every unit in the right role on the rules of round 54).  heldout58 holds noise, zero-waste
city, soil, biodiversity, farmland, mine and forest-chief documents.  Each rule is checked on a text written for the
test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit


def test_a_units_name_before_its_items_in_a_run_on_line(tmp_path):
    # 地方人民政府 1、对本行政区域…负责。 2、… 地方生态环境主管部门 1、对…实施统一监督管理。 …
    res = _read(tmp_path, "治理土壤污染 地方政府部门职责如何划分?\n"
                          "地方人民政府 1、对本行政区域土壤污染防治负责。 2、加强对土壤污染防治工作的领导。 "
                          "地方生态环境主管部门 1、对本行政区域土壤污染防治工作实施统一监督管理。 2、定期对重点监管单位周边土壤进行监测。\n")
    assert _task(res, "对本行政区域土壤污染防治负责").responsible == ["地方人民政府"]
    assert _task(res, "加强对土壤污染防治工作的领导").responsible == ["地方人民政府"]
    assert _task(res, "实施统一监督管理").responsible == ["地方生态环境主管部门"]
    assert _task(res, "周边土壤进行监测").responsible == ["地方生态环境主管部门"]
    res = _imported("h5808_turang_zhize2019")
    assert _task(res, "定期對土壤污染重點監管單位周邊土壤進行監測").responsible == ["地方生態環境主管部門"]
    # (a table's header word is no unit whose items follow: 责任单位 / 1、…)
    assert not looks_like_unit("报本级人民政府")


def test_an_offices_own_list_of_duties_named_in_its_title(tmp_path):
    # 门头沟区园林绿化局生态环境保护责任清单 / 1.负责本区野生动植物和湿地保护工作…
    res = _read(tmp_path, "区园林绿化局生态环境保护责任清单\n\n1.负责本区湿地保护工作。\n\n2.指导、监督本区野生动物救护工作。\n")
    assert [t.responsible for t in res.tasks] == [["区园林绿化局"], ["区园林绿化局"]]
    res = _imported("h5804_mentougou_shengwu2024")
    assert [t.responsible for t in res.tasks] == [["门头沟区园林绿化局"]] * 3


def test_the_points_asked_of_the_bodies_counted_yi_yao_er_yao(tmp_path):
    # 林长令要求各级林长,一要建立健全林长制组织体系。…二要开展林长巡林督导。…三要…
    res = _read(tmp_path, "县级林长签发林长令。\n林长令要求各级林长,一要建立健全林长制组织体系。加强工作机构建设。"
                          "二要开展林长巡林督导。要认真履行巡林职责。三要进一步强化森林资源保护。\n")
    assert [t.responsible for t in res.tasks if t.content.startswith(("一要", "二要", "三要"))] == [["各级林长"]] * 3
    assert "加强工作机构建设" in _task(res, "一要建立健全").content
    res = _imported("h5810_jiangle_linzhang2021")
    assert [t.responsible for t in res.tasks] == [["各级林长"]] * 3


def test_an_office_whose_duty_is_to_lead(tmp_path):
    # 开发处负责露天矿山综合整治牵头工作。环境处负责矿山扬尘治理工作的指导和协调。
    res = _read(tmp_path, "省厅明确各处室职责。开发处负责露天矿山综合整治牵头工作。环境处负责矿山扬尘治理工作的指导和协调。\n")
    assert (_task(res, "综合整治牵头工作").lead, _task(res, "综合整治牵头工作").responsible) == (["开发处"], [])
    assert _task(res, "扬尘治理工作").responsible == ["环境处"]
    t = _task(_imported("h5809_henan_kuangshan2019"), "露天礦山綜合整治牽頭工作")
    assert t.lead == ["開發處"]
