"""Unit lists split the way government text writes them; names resolve against a directory."""
from __future__ import annotations

import re

import openpyxl
import pytest

from conftest import DIR003, LIST001, seed_text
from zhishui.directory import Directory, Unit, resolve_units
from zhishui.unitnames import split_units


@pytest.mark.parametrize("text, expected", [
    ("区发展和改革委员会、工业和商务局,乐都工业园管委会", ["区发展和改革委员会", "区工业和商务局", "乐都工业园管委会"]),
    ("区检察院、法院,区公安局、市场监督管理局", ["区检察院", "区法院", "区公安局", "区市场监督管理局"]),
    ("市生态环境局、市住建局、市发改委、市水利局等部门按职责分工负责", ["市生态环境局", "市住建局", "市发改委", "市水利局"]),
    ("区水利局、区交通局、区住房城乡建委等区级部门及各镇街", ["区水利局", "区交通局", "区住房城乡建委", "各镇街"]),
    ("区生态环境局、区市场监管局等", ["区生态环境局", "区市场监管局"]),
    ("各县(市、区)政府、管委会,新乡投资集团,厦门水务(新乡)城建集团",
     ["各县(市、区)政府、管委会", "新乡投资集团", "厦门水务(新乡)城建集团"]),
    ("各县（市）政府、经开区管委会，市住建局", ["各县（市）政府", "经开区管委会", "市住建局"]),
    ("政府相关部门和乐都工业园管委会", ["政府相关部门", "乐都工业园管委会"]),
    ("区委宣传部,区教育局、住房和规划建设局", ["区委宣传部", "区教育局", "区住房和规划建设局"]),
    ("区住房城乡建委、临江河指挥部办公室", ["区住房城乡建委", "临江河指挥部办公室"]),
    ("市住房和城乡建设局牵头", ["市住房和城乡建设局"]),
    ("", []),
])
def test_split(text, expected):
    assert [t.name for t in split_units(text)] == expected


def test_groups_are_marked():
    toks = split_units("各镇街、相关镇街、乡镇（街道）、区财政局")
    assert [(t.is_group, t.relative) for t in toks] == [(True, False), (True, True), (True, False), (False, False)]


@pytest.fixture(scope="module")
def yongchuan():
    return Directory.load(LIST001)


def test_unknown_gets_closest_suggestion(yongchuan):
    [ref] = resolve_units("区市场管理局", yongchuan)
    assert ref.how == "unknown" and ref.name is None
    assert ref.suggestions[0] == "区市场监管局"


def test_group_expansion(yongchuan):
    [ref] = resolve_units("各镇街", yongchuan)
    assert ref.is_group and len(ref.members) == 23
    [rel] = resolve_units("相关镇街", yongchuan)
    assert rel.is_group and rel.relative and rel.members == [] and not rel.resolved
    [centres] = resolve_units("各产业促进中心", yongchuan)
    assert centres.members == ["凤凰湖产业促进中心", "三教产业促进中心", "港桥产业促进中心"]


def test_expansion_by_kind_without_group_labels():
    xx = Directory.load(DIR003)
    [ref] = resolve_units("各县(市、区)政府、管委会", xx)
    assert len(ref.members) == 15
    [ref] = resolve_units("各县(市)政府", xx)
    assert sorted(ref.members) == sorted(u.name for u in xx.units if u.kind in ("县", "县级市"))


def test_a_group_written_as_the_list_writes_it_and_offices_of_a_subdistrict():
    """The session-16 import trial: 「各办事处」 expanded neither by 分组 「各办事处」 nor by 类型 「街道」."""
    by_label = Directory([Unit("西关办事处", groups=["各办事处"]), Unit("南关办事处", groups=["各办事处"]), Unit("区农办")])
    [ref] = resolve_units("各办事处", by_label)
    assert ref.members == ["西关办事处", "南关办事处"]
    by_kind = Directory([Unit("西关办事处", kind="街道"), Unit("南关办事处", kind="街道"), Unit("邙山镇", kind="镇")])
    [ref] = resolve_units("各办事处", by_kind)
    assert ref.members == ["西关办事处", "南关办事处"]


def test_abbreviation_without_alias():
    d = Directory([Unit("市住房和城乡建设局", kind="部门"), Unit("永川区生态环境局", kind="部门")])
    [a, b] = resolve_units("市住建局、区生态环境局", d)
    assert (a.name, a.how) == ("市住房和城乡建设局", "abbreviation") and "规范简称" in a.note
    assert (b.name, b.how) == ("永川区生态环境局", "alias")


# Today's 乐都区 departments (after the 2018–2019 reform), as a clerk would list them.
LEDU_TODAY = ["区生态环境局", "区卫生健康局", "区自然资源局", "区农业农村局", "区发展和改革委员会", "区工业和商务局",
              "区水务局", "区住房和规划建设局", "区林业和草原局", "区财政局", "区市场监督管理局", "区公安局",
              "区人民法院", "区人民检察院", "区城市管理综合执法局", "区文化旅游体育局", "区人力资源和社会保障局",
              "区委宣传部", "区教育局", "区税务局", "乐都工业园管委会"]


def test_seed004_old_names_resolve_to_todays_with_a_note(tmp_path):
    text = seed_text("004")
    attributions = re.findall(r"[（(]牵头部门[:：]([^）)]*)[）)]", text)
    assert len(attributions) >= 40
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "单位名录"
    ws.append(["单位名称", "简称/别名", "类型"])
    for n in LEDU_TODAY:
        ws.append([n, {"区人民法院": "区法院", "区人民检察院": "区检察院"}.get(n, ""), ""])
    p = tmp_path / "乐都区单位名录.xlsx"
    wb.save(p)
    directory = Directory.load(p)
    renamed: dict[str, str] = {}
    unknown = set()
    for a in attributions:
        for part in re.split(r"[;；]", a):
            names = re.sub(r"^(牵头部门|配合部门|责任单位)[:：]", "", part.strip())
            for ref in resolve_units(names, directory):
                if ref.how == "renamed":
                    assert "机构改革" in ref.note and ref.name in ref.note
                    renamed[ref.raw] = ref.name
                elif not ref.resolved and not ref.is_group:
                    unknown.add(ref.raw)
    assert renamed["区环境保护局"] == "区生态环境局"
    assert renamed["环境保护局"] == "区生态环境局"        # 区…、环境保护局: inherits 区, then renamed
    assert renamed["卫生和计划生育局"] == "区卫生健康局"
    assert renamed["国土资源局"] == "区自然资源局"
    assert renamed["区农牧局"] == "区农业农村局"
    assert renamed["国税局"] == renamed["地税局"] == "区税务局"
    assert renamed["林业局"] == "区林业和草原局" or renamed.get("区林业局") == "区林业和草原局"
    assert unknown == set(), unknown


def test_suggestion_needs_the_distinctive_part_of_the_name():
    # 区应急管理局 shares only 区…管理局 with 区城市管理局: suggesting it would send a letter to the wrong office
    d = Directory([Unit("区城市管理局", kind="部门"), Unit("区市场监管局", kind="部门"), Unit("区生态环境局", kind="部门")])
    assert d.suggest("区应急管理局") == []
    assert d.suggest("区市场管理局")[0] == "区市场监管局"
    assert d.suggest("区生态环保局") == ["区生态环境局"]
