"""The master workbook (督办台账): built by a script, opens in LibreOffice, read by the engine."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from click.testing import CliRunner

from conftest import LIST001, ROOT, SAMPLES, office_convert
from zhishui import master as m
from zhishui.cli import cli
from zhishui.errors import ZhishuiError
from zhishui.tasks import load_list

sys.path.insert(0, str(ROOT / "workbook_templates"))
import build_master  # noqa: E402

TEMPLATE = ROOT / "workbook_templates" / "督办台账.xlsx"
FILLED = SAMPLES / "seed001" / "永川区督办台账.xlsx"


def all_values(path: Path) -> dict:
    wb = pc.CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def test_template_has_the_sheets_and_the_action_dropdown():
    wb = openpyxl.load_workbook(TEMPLATE)
    assert wb.sheetnames == m.SHEETS
    ctl = wb[m.CONTROL]
    dv = [d for d in ctl.data_validations.dataValidation if f"B{m.INPUT_ROW['action']}" in str(d.sqref)]
    assert dv and dv[0].formula1 == '"' + ",".join(m.ACTIONS) + '"'
    for key, label, row, _ in m.INPUTS:
        assert ctl.cell(row, 1).value == label
    settings = [r[0].value for r in wb["设置"].iter_rows(min_row=2)]
    assert "成文日期" in settings and "汇总单位" in settings and "回复时限工作日" in settings


@pytest.mark.parametrize("path", [TEMPLATE, FILLED])
def test_master_opens_in_libreoffice(path, tmp_path):
    out = office_convert(path, "ods", tmp_path)
    assert pc.CalamineWorkbook.from_path(str(out)).sheet_names == m.SHEETS


def test_committed_workbooks_are_what_the_script_builds(tmp_path):
    build_master.main(["--out", str(tmp_path / "t.xlsx")])
    assert all_values(tmp_path / "t.xlsx") == all_values(TEMPLATE)
    build_master.main(["--from-list", str(LIST001), "--out", str(tmp_path / "f.xlsx"), "--period", "2020-11",
                       "--report-date", "2020-11-30", "--due", "2020-11-25", "--returns", "2020年11月报送"])
    assert all_values(tmp_path / "f.xlsx") == all_values(FILLED)


def test_the_filled_master_is_a_list_the_engine_reads_like_the_original():
    a, b = load_list(LIST001), load_list(FILLED)
    assert b.sheet == m.LIST_SHEET and len(b.tasks) == len(a.tasks) == 63
    assert [(t.seq, t.category, t.content, t.deadline.raw, t.lead_units()) for t in a.tasks] == \
           [(t.seq, t.category, t.content, t.deadline.raw, t.lead_units()) for t in b.tasks]
    assert b.settings.doc_date == dt.date(2020, 9, 23) and len(b.directory) == 52


def test_empty_template_says_the_list_is_empty():
    r = CliRunner().invoke(cli, ["check", str(TEMPLATE)])
    assert r.exit_code == 2 and "下面没有任务" in r.output


@pytest.mark.parametrize("values, cell, words", [
    ({"action": "乱写"}, "B4", "不在可选范围内"),
    ({"action": "汇总报送", "period": "2020年13月"}, "B5", "写法不对"),
    ({"action": "汇总报送", "period": "2020-11", "report_date": "月底"}, "B6", "不是日期"),
])
def test_control_sheet_errors_point_at_the_cell(values, cell, words):
    with pytest.raises(ZhishuiError) as ei:
        m.read_control(values, None)
    assert ei.value.cell == cell and ei.value.sheet == "控制台" and words in ei.value.message


def test_control_relative_folders_are_beside_the_workbook(tmp_path):
    c = m.read_control({"action": "汇总报送", "period": dt.datetime(2020, 11, 1), "returns": "2020年11月报送",
                        "output": "输出"}, tmp_path)
    assert c.period == dt.date(2020, 11, 1) and c.returns == tmp_path / "2020年11月报送" and c.output == tmp_path / "输出"


def test_addin_install_from_the_command_line(tmp_path):
    r = CliRunner().invoke(cli, ["addin", "install", "--dry-run"])
    assert r.exit_code == 0 and "myaddin.conf" in r.output
    r = CliRunner().invoke(cli, ["addin", "install"])
    assert r.exit_code == 2 and "Windows" in r.output and "Traceback" not in r.output
