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


def test_an_ambiguous_column_is_named_in_chinese(tmp_path):
    """The session-19 trial: check printed 「分类：警告「COLUMN_AMBIGUOUS」1项」 and 「[警告] COLUMN_AMBIGUOUS」. A list whose
    unit column is headed only 「单位」 (lead, responsible or co-operating?) is read by a guess, said in Chinese."""
    import openpyxl
    p = tmp_path / "清单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append(["单位", "序号", "工作内容", "完成时限"])
    ws.append(["县水务局", 1, "完成城区河道清淤", "2024年12月底"])
    ws.append(["县住建局", 2, "完成老旧管网改造", "2024年10月底"])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    d.append(["县水务局", "部门"])
    d.append(["县住建局", "部门"])
    wb.save(p)
    j = CliRunner().invoke(cli, ["check", str(p), "--date", "2024-03-01", "--json"], prog_name="zhishui")
    assert "COLUMN_AMBIGUOUS" in j.output          # the stable code stays in the JSON
    r = CliRunner().invoke(cli, ["check", str(p), "--date", "2024-03-01"], prog_name="zhishui")
    assert "警告「列的对应不确定」1项" in r.output and "[警告] 列的对应不确定" in r.output, r.output
    assert not re.search(r"[A-Z]{2,}_[A-Z_]+", r.output), r.output


def test_every_code_a_finding_can_carry_has_a_chinese_name():
    """Every finding a clerk is shown (check, collect's 异常清单 summary, the web page's tables, water) names its kind
    through findings.CODE_CN: each code the engine writes into a Finding, found in the source, must have a name."""
    from conftest import ROOT
    from zhishui.findings import CODE_CN
    codes = {}
    for path in (ROOT / "zhishui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\b(?:ERROR|WARNING|INFO|sev)\s*,\s*\"([A-Z][A-Z0-9_]+)\"", text):
            codes.setdefault(m.group(1), path.name)
        for m in re.finditer(r"Finding\([^()]*?code=\"([A-Z][A-Z0-9_]+)\"", text):
            codes.setdefault(m.group(1), path.name)
    assert len(codes) > 80
    unnamed = {c: f for c, f in codes.items() if c not in CODE_CN}
    assert not unnamed, unnamed
    assert all(re.search(r"[\u4e00-\u9fff]", name) for name in CODE_CN.values())


def test_the_web_pages_name_each_finding_in_chinese_beside_its_code(tmp_path):
    """The browser's 责任清单 page (校验结果) showed only the code (UNKNOWN_UNIT): the clerk reads the kind in Chinese,
    the code stays beside it."""
    from zhishui.web.app import create_app
    app = create_app(tmp_path / "data", setup_code="123456", testing=True)
    try:
        app.config["WORKSPACE"].add_list(LIST001.name, LIST001.read_bytes(), "办事员")
        c = app.test_client()
        tok = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/setup").get_data(as_text=True)).group(1)
        c.post("/setup", data={"csrf_token": tok, "code": "123456", "name": "办事员", "password": "正确的密码-2020",
                               "again": "正确的密码-2020"})
        html = c.get("/list").get_data(as_text=True)
    finally:
        app.config["STORE"].close()
    table = html.split('id="findings"', 1)[1].split("</table>", 1)[0]
    assert "<th>类别（代码）</th>" in table
    assert "<td>单位不在名录中 <code>UNKNOWN_UNIT</code></td>" in table, table[:2000]


def test_python_dash_m_zhishui_is_the_same_command(tmp_path):
    # trial 17 ran `python -m zhishui` (a machine whose scripts folder is not on PATH) and got Python's English
    # 「No module named zhishui.__main__」
    import subprocess
    import sys
    r = subprocess.run([sys.executable, "-m", "zhishui", "check", str(LIST001)], capture_output=True, text=True,
                       env={**__import__("os").environ, "ZHISHUI_HOME": str(tmp_path)})
    assert "No module named" not in r.stderr
    assert "检查清单：永川区整改任务分解表.xlsx（工作表「整改任务分解表」，63项任务）" in r.stdout
