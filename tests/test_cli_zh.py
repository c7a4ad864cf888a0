"""What a clerk sees of the command line when typing it wrong or asking for help: Chinese."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import LIST001
from zhishui.cli import cli

ENGLISH = re.compile(r"Usage|Options|Commands|Error|Show this|Try '|No such|Missing|Invalid value|required\]|default:")


@pytest.mark.parametrize("args, said", [
    (["collect", "--peroid", "2020-11", "x"], "没有「--peroid」这个选项，是否为 --period？"),
    (["collect", str(LIST001), "收回", "--period", "2020-11"], "缺少选项「--out」"),
    (["collect", str(LIST001), "--period", "2020-11", "--out", "a.xlsx"], "缺少参数「报送文件或文件夹...」"),
    (["tasks", str(LIST001.parent)], "「清单」的值不对：「" + str(LIST001.parent) + "」是文件夹，这里要的是文件"),
    (["colect"], "没有「colect」这个命令"),
    (["collect", str(LIST001), "收回", "--period", "十一月", "--out", "a.xlsx"], "「--period」的值不对：「十一月」不是报送期"),
    (["docs", str(LIST001), "收回", "--period", "2020-11", "--out", "d", "--kind", "通知"], "「--kind」的值不对"),
    (["split", str(LIST001), "--period"], "选项「--period」后面要写一个值"),
])
def test_usage_errors_are_chinese(args, said):
    r = CliRunner().invoke(cli, args, prog_name="zhishui")
    assert r.exit_code == 2 and said in r.output and "查看用法" in r.output, r.output
    assert not ENGLISH.search(r.output), r.output
    assert not re.search(r"\b(TASKS?|TEXT|PATH|INTEGER|UNIT|FILE)\b", r.output), r.output     # metavars too


@pytest.mark.parametrize("args", [["-h"], ["collect", "-h"], ["docs", "--help"], ["addin", "-h"], ["serve", "-h"],
                                  ["close", "-h"], ["extend", "-h"], ["history", "-h"]])
def test_help_pages_are_chinese(args):
    r = CliRunner().invoke(cli, args, prog_name="zhishui")
    assert r.exit_code == 0 and r.output.startswith("用法：zhishui"), r.output
    assert "选项：" in r.output and "显示本说明并退出" in r.output
    assert not ENGLISH.search(r.output), r.output
    assert not re.search(r"\b(TASKS?|TEXT|PATH|INTEGER|UNIT|FILE)\b", r.output), r.output     # metavars too


def test_check_names_each_kind_of_finding_in_chinese(tmp_path):
    """zhishui check printed its codes (DEADLINE_MISSING ×11, LEAD_JOINT) to the clerk (a new-user trial): each
    kind is said in Chinese; the stable codes stay in --json."""
    src = tmp_path / "方案.txt"
    src.write_text("一、工作任务\n(一)县水务局、县财政局负责河道清淤。\n(二)县住建局负责管网改造，2024年底前完成。\n",
                   encoding="utf-8")
    out = tmp_path / "清单.xlsx"
    assert CliRunner().invoke(cli, ["import", str(src), "--out", str(out)], prog_name="zhishui").exit_code == 0
    r = CliRunner().invoke(cli, ["check", str(out)], prog_name="zhishui")
    assert "分类：" in r.output and "[错误] 没有完成时限" in r.output
    assert "按共同负责处理（2个单位：县水务局、县财政局）" in r.output     # it said 「（共1个单位）」 beside two names
    assert not re.search(r"[A-Z]{2,}_[A-Z_]+", r.output), r.output
    j = CliRunner().invoke(cli, ["check", str(out), "--json"], prog_name="zhishui")
    assert "DEADLINE_MISSING" in j.output
