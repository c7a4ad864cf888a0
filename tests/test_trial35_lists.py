"""Lists from other offices (session-27 trial 35: 平顶山, 滁州 and 立山 task tables typed as those offices keep them):
what was read wrongly, each against the README sentence it contradicted.

- 「各县、市、区政府」 and 「各县(市、区)党委和人民政府」 (the two cities' own words for their counties) expanded to no unit:
  the counties, responsible for every task, got no sheet and were never chased; writing the cell's words into the
  名录's 分组, as the warning advised, changed nothing (README 「1. 准备责任清单」: 「各县(市、区)」 by 类型);
- a list of units ending in a bare 「等」 lost the 「等」 without a word (「等部门」 was said);
- 「比2015年分别下降24%、25%以上」 became the target 「≥25%」 (README 「目标怎么判」: a relative change is no target);
- `split` issued sheets from a list with no 完成时限 column and exited 0, while `collect` refused it.
"""
from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from zhishui.cli import cli
from zhishui.targets import recognise

COUNTIES = [("天长市", "县级市"), ("明光市", "县级市"), ("来安县", "县"), ("全椒县", "县"), ("定远县", "县"),
            ("凤阳县", "县"), ("琅琊区", "区"), ("南谯区", "区")]


def list_with(path, rows, *, groups="", header=("序号", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型", "分组"])
    for n, k in [("市水利局", "部门"), ("市发展改革委", "部门"), ("市工信局", "部门")] + COUNTIES:
        d.append([n, k, groups if k != "部门" else ""])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["成文日期", "2020-02-03"])
    s.append(["汇总单位", "市水利局"])
    wb.save(path)
    return path


def tasks_json(path) -> list[dict]:
    r = CliRunner().invoke(cli, ["tasks", str(path), "--json"])
    assert r.exit_code in (0, 1), r.output
    return json.loads(r.output)["tasks"]


@pytest.mark.parametrize("cell", ["各县、市、区政府", "各县(市、区)党委和人民政府", "各县（市、区）党委和人民政府",
                                  "各县(市、区)政府", "各县市区政府"])
def test_the_counties_written_as_other_offices_write_them(tmp_path, cell):
    lst = list_with(tmp_path / "清单.xlsx", [(1, "推进节水型社会建设", "2020年12月底", "市水利局", cell, "")])
    [t] = tasks_json(lst)
    [ref] = t["units"]["responsible"]
    assert sorted(ref["members"]) == sorted(n for n, _ in COUNTIES), ref


def test_a_group_copied_into_the_directory_s_分组_is_one_group(tmp_path):
    # (the warning's advice: write the group's words into the member units' 分组 — 、 inside it split it into three)
    lst = list_with(tmp_path / "清单.xlsx", [(1, "推进节水型社会建设", "2020年12月底", "市水利局", "各县(市、区)河长办", "")],
                    groups="各县(市、区)河长办")
    [t] = tasks_json(lst)
    [ref] = t["units"]["responsible"]
    assert sorted(ref["members"]) == sorted(n for n, _ in COUNTIES), ref


def test_a_list_ending_in_a_bare_deng_is_said(tmp_path):
    lst = list_with(tmp_path / "清单.xlsx", [(1, "推进节水型社会建设", "2020年12月底", "市水利局", "", "市发展改革委、工信局等")])
    r = CliRunner().invoke(cli, ["check", str(lst), "--date", "2020-10-01"])
    assert ("配合单位「工信局等」以「等」结尾：「等」没有写出的单位无法确定（「市工信局」照常下发）"
            in r.output), r.output
    [t] = tasks_json(lst)
    assert [u["name"] for u in t["units"]["cooperating"]] == ["市发展改革委", "市工信局"]


@pytest.mark.parametrize("text", [
    "到2020年，全市万元国内生产总值用水量、万元工业增加值用水量比2015年分别下降24%、25%以上。",   # 平顶山 (trial 35)
    "化学需氧量排放总量比2015年下降10%以上",
    "万元工业增加值用水量较2015年降低20%左右",
])
def test_a_relative_change_is_no_target(text):
    assert recognise(text) is None


@pytest.mark.parametrize("text, label", [
    ("城市污水处理率达到95%以上", "≥95%"),
    ("全市用水总量控制在11.88亿立方米以内", "≤11.88亿立方米"),
    ("新建污水管网600公里以上", "≥600公里"),
])
def test_levels_are_still_targets(text, label):
    assert recognise(text).label == label


def test_split_refuses_a_list_collect_would_refuse(tmp_path):
    lst = list_with(tmp_path / "清单.xlsx", [(1, "推进节水型社会建设", "市水利局", "来安县", "")],
                    header=("序号", "细化措施", "牵头单位", "责任单位", "参与单位"))
    r = CliRunner().invoke(cli, ["split", str(lst), "--period", "2020-11", "--out", str(tmp_path / "下发")])
    assert r.exit_code == 2 and "找不到「完成时限」列" in r.output, r.output
    assert not (tmp_path / "下发").exists() or not list((tmp_path / "下发").iterdir())


def test_check_says_what_every_column_was_read_as(tmp_path):
    # (滁州's headers: 牵头负责领导 is the 责任人; 平顶山's 主要任务 beside 细化措施 and a 备注 are kept as 参考 and said)
    lst = list_with(tmp_path / "清单.xlsx", [(1, "确保完成全年目标", "推进节水型社会建设", "2020年12月底", "张三", "市水利局",
                                              "来安县", "")],
                    header=("序号", "主要任务", "细化措施", "完成时限", "牵头负责领导", "牵头责任单位", "协同责任单位", "备注"))
    r = CliRunner().invoke(cli, ["check", str(lst), "--date", "2020-10-01"])
    line = next(x for x in r.output.splitlines() if x.startswith("各列读作："))
    assert "E列「牵头负责领导」→责任人" in line and "H列「备注」→参考（印在报送表上，不参与判断）" in line, line
    assert "B列「主要任务」→" in line, line


def test_the_date_above_the_header_is_offered_as_the_document_date(tmp_path):
    # (trial 35: 立山's row 2 「鞍立政发〔2023〕2号　立山区人民政府　2023年3月28日」; 「年底」 needed a 成文日期 typed by hand)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解"
    ws.append(["立山区政府2023年重点工作任务分解表"])
    ws.append(["鞍立政发〔2023〕2号　立山区人民政府　2023年3月28日"])
    ws.append(["序号", "目标任务", "牵头单位", "时间节点"])
    ws.append([1, "地区生产总值增长6%", "区发改局", "年底"])
    wb.save(tmp_path / "清单.xlsx")
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "清单.xlsx"), "--date", "2023-06-30"])
    assert "清单表头上方写着「2023年3月28日」（任务分解!A2），如这是文件的成文日期，可以填它" in r.output, r.output
    [t] = tasks_json(tmp_path / "清单.xlsx")
    assert t["deadline"]["due"] is None          # offered, never taken silently
