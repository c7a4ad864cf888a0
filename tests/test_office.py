"""The 汇总单位 (zhishui/office.py): proposed by the plan import from the plan's own sentences, and
said clearly by ``check`` and ``docs`` when 设置 lacks it (the documents then carry a placeholder
in the masthead, the signature and the 印发 line).  A new-user trial imported a plan and got three
documents headed 「（请在设置中填写汇总单位）」 with only a 文号 note in the terminal.

The expected offices are read off the seeds by hand (the sentence is quoted beside each).
"""
from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from conftest import seed_text
from returns_factory import fill_return
from zhishui.cli import cli
from zhishui.office import PLACEHOLDER, consolidating_office
from zhishui.findings import code_cn

D = dt.date

# seed -> the office, by hand
SEED_OFFICES = {
    "000": "县治水办",                 # 「县治水办：发挥牵头抓总作用」
    "001": "区生态环境局",             # 「…于12月10日前…统一汇总,报送至区生态环境局」
    "002": "市生态环境局代县分局",     # 「领导组办公室设在市生态环境局代县分局，具体负责…调度、通报等工作」
    "004": "",                         # no sentence names one: nothing is proposed
}


def run(*args, code=0):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r.output


@pytest.mark.parametrize("seed", sorted(SEED_OFFICES))
def test_the_office_a_seed_names(seed):
    office, sentence = consolidating_office(seed_text(seed))
    assert office == SEED_OFFICES[seed]
    assert (office in sentence) if office else sentence == ""


def test_an_office_that_circulates_is_preferred_to_one_that_receives():
    text = ("各乡镇负责辖区河道日常保洁，每月25日前将巡河情况报县河长办。\n"
            "（二）强化督查考核。县治水办每月通报工作进展，对进度滞后的单位进行督办。")
    assert consolidating_office(text)[0] == "县治水办"
    assert consolidating_office(text.split("\n")[0])[0] == "县河长办"


def test_import_proposes_it_in_settings_and_says_to_check(tmp_path):
    plan = tmp_path / "景宁方案.txt"
    plan.write_text(seed_text("000"), encoding="utf-8")
    out = tmp_path / "清单.xlsx"
    run("import", plan, "--out", out)
    wb = openpyxl.load_workbook(out)
    settings = {r[0]: (r[1], r[2]) for r in wb["设置"].iter_rows(min_row=2, values_only=True)}
    assert settings["汇总单位"][0] == "县治水办" and "请核对" in settings["汇总单位"][1]
    review = [r for r in wb["导入核对"].iter_rows(min_row=2, values_only=True) if r[2] and "汇总单位" in r[2]]
    assert len(review) == 1 and "县治水办" in review[0][2] and "请核对" in review[0][2]
    assert review[0][0] == "设置!B7" and wb["设置"]["A7"].value == "汇总单位"
    # check: nothing to say about the office now
    r = CliRunner().invoke(cli, ["check", str(out), "--date", "2021-03-01"])
    assert code_cn("NO_OFFICE") not in r.output


def qingxi_list(path, office_row: bool):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "工作任务", "牵头部门", "办结时限"])
    ws.append([1, "完成县城区污水管网排查", "城关镇", "2021年3月底"])
    ws.append([2, "完成沿河畜禽养殖场关停搬迁", "桥头镇", "2021年2月15日"])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    d.append(["城关镇", "镇"])
    d.append(["桥头镇", "镇"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["发文机关", "清溪县人民政府办公室"])
    s.append(["方案名称", "清溪县2021年水污染防治工作方案"])
    if office_row:
        s.append(["汇总单位", None])
    wb.save(path)


@pytest.mark.parametrize("office_row", [True, False])
def test_check_and_docs_say_the_office_is_missing(tmp_path, office_row):
    lst = tmp_path / "清溪县清单.xlsx"
    qingxi_list(lst, office_row)
    where = "B4" if office_row else "A4"
    r = CliRunner().invoke(cli, ["check", str(lst), "--date", "2021-02-28"])
    assert code_cn("NO_OFFICE") in r.output and f"设置!{where}" in r.output, r.output
    assert "设置中没有填写「汇总单位」" in r.output and PLACEHOLDER in r.output
    assert ("B4 单元格" in r.output) if office_row else ("第4行加一行：A4写「汇总单位」" in r.output)

    run("split", lst, "--period", "2021-02", "--out", tmp_path / "下发", "--date", D(2021, 2, 1))
    inbox = tmp_path / "收回"
    for p in sorted((tmp_path / "下发").glob("*.xlsx")):
        fill_return(p, inbox / p.name, p.name.split("_")[1], report_date=D(2021, 2, 20),
                    mtime=dt.datetime(2021, 2, 20, 10))
    out = run("docs", lst, inbox, "--period", "2021-02", "--date", D(2021, 2, 28), "--out", tmp_path / "文书")
    assert "注意：设置中没有填写「汇总单位」" in out and PLACEHOLDER in out and "重新生成文书" in out
    # the documents do carry the placeholder (what the terminal warns about)
    [bulletin] = (tmp_path / "文书" / "进展通报").glob("*.docx")
    assert PLACEHOLDER in "\n".join(p.text for p in Document(bulletin).paragraphs)

    # filled in: neither says anything, and the documents are signed by the office
    wb = openpyxl.load_workbook(lst)
    if office_row:
        wb["设置"]["B4"] = "县治水办"
    else:
        wb["设置"].append(["汇总单位", "县治水办"])
    wb.save(lst)
    r = CliRunner().invoke(cli, ["check", str(lst), "--date", "2021-02-28"])
    assert code_cn("NO_OFFICE") not in r.output
    shutil.rmtree(tmp_path / "文书")
    out = run("docs", lst, inbox, "--period", "2021-02", "--date", D(2021, 2, 28), "--out", tmp_path / "文书")
    assert "汇总单位" not in out
    [bulletin] = (tmp_path / "文书" / "进展通报").glob("*.docx")
    text = "\n".join(p.text for p in Document(bulletin).paragraphs)
    assert PLACEHOLDER not in text and "县治水办" in text
