"""Every CLI command through click's CliRunner, with real files."""
from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import DIR003, LIST001, LIST003, fixture_file
from zhishui.cli import cli


def run(*args):
    r = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return r


def test_deadline_json_one_object_per_input():
    r = run("deadline", "2020年12月底完成,并长期坚持", "今年12月底", "尽快", "--ref", "2019-11-13", "--json")
    assert r.exit_code == 0
    objs = [json.loads(line) for line in r.output.splitlines()]
    assert len(objs) == 3
    for o in objs:
        assert set(o) >= {"raw", "due", "start", "recurrence", "ongoing", "immediate", "understood"}
    assert objs[0]["due"] == "2020-12-31" and objs[0]["ongoing"] is True
    assert objs[1]["due"] == "2019-12-31"
    assert objs[2]["understood"] is False and objs[2]["due"] is None


def test_deadline_text_output_and_bad_ref():
    r = run("deadline", "每年1月20日前")
    assert r.exit_code == 0 and "已识别" in r.output
    r = run("deadline", "2020年", "--ref", "2020/13/01")
    assert r.exit_code == 2 and "不是日期" in r.output


def test_tasks_json():
    r = run("tasks", LIST001, "--json")
    assert r.exit_code == 0
    d = json.loads(r.output)
    assert len(d["tasks"]) == 63
    t = d["tasks"][0]
    assert t["seq"] == "1" and t["lead"] == ["区农业农村委"] and t["category"].startswith("一、")
    assert t["deadline"]["due"] == "2020-12-31" and t["source"] == {
        "sheet": "整改任务分解表", "row": 4, "cells": t["source"]["cells"]}
    assert t["source"]["cells"]["牵头单位"] == "E4"


def test_tasks_text():
    r = run("tasks", LIST003, "--directory", DIR003)
    assert r.exit_code == 0 and "37项任务" in r.output and "市住房和城乡建设局" in r.output


def test_check_exit_codes_and_json():
    r = run("check", LIST001, "--date", "2020-09-24", "--json")
    assert r.exit_code == 1           # one error: 区市场管理局
    d = json.loads(r.output)
    assert d["tasks"] == 63
    assert [f for f in d["findings"] if f["severity"] == "错误"][0]["cell"] == "G13"
    for f in d["findings"]:
        assert set(f) >= {"severity", "code", "task", "field", "sheet", "cell", "message", "suggestion"}
    r = run("check", LIST003, "--directory", DIR003, "--date", "2019-11-14")
    assert r.exit_code == 0 and "错误 0 项" in r.output


def test_check_human_output_is_readable():
    r = run("check", LIST001, "--date", "2020-09-24")
    assert "结果：错误 1 项" in r.output and "建议：是否为「区市场监管局」" in r.output


def _no_traceback(r):
    assert "Traceback" not in r.output and "Error:" not in r.output.replace("错误：", "")


@pytest.mark.parametrize("content, words", [
    (b"", "空"),
    (b"just some text, not a list", "纯文本"),
    (b"PK\x03\x04broken", "损坏"),
])
def test_bad_input_exits_2_with_chinese_message(tmp_path, content, words):
    p = tmp_path / "清单.xlsx"
    p.write_bytes(content)
    for cmd in ("tasks", "check"):
        r = run(cmd, p)
        assert r.exit_code == 2, r.output
        assert "清单.xlsx" in r.output and words in r.output
        _no_traceback(r)


def test_password_protected_and_missing_file(tmp_path):
    r = run("check", fixture_file("pass_protected.xlsb"))
    assert r.exit_code == 2 and "密码" in r.output and "pass_protected.xlsb" in r.output
    r = run("check", tmp_path / "没有这个文件.xlsx")
    assert r.exit_code == 2 and "找不到文件" in r.output
    _no_traceback(r)


def test_list_with_no_recognisable_header(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话"])
    p = tmp_path / "通讯录.xlsx"
    wb.save(p)
    r = run("check", p)
    assert r.exit_code == 2 and "找不到责任清单的表头" in r.output and "通讯录.xlsx" in r.output


def test_bad_directory_file(tmp_path):
    p = tmp_path / "名录.xlsx"
    p.write_text("not a workbook", encoding="utf-8")
    r = run("check", LIST001, "--directory", p)
    assert r.exit_code == 2 and "名录.xlsx" in r.output


def test_text_saved_as_csv_without_header(tmp_path):
    p = tmp_path / "清单.csv"
    p.write_text("随便写的一行字\n", encoding="utf-8")
    r = run("check", p)
    assert r.exit_code == 2 and "找不到责任清单的表头" in r.output
