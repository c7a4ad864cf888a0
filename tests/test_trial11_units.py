"""「属地区政府」「属地区级政府」 are no units (session 19's new-user trial).

The trial imported the 南湖 plan (a Word table) and got both into its 单位名录 as units; `check` called them two
near-alike names of one unit, and `split` sent each a return sheet.  They mean 「the district government of the
place」: a catch-all (README 「「属地…」不是单位」), opened only by the 单位名录 — the unit whose 简称/别名 it is
(the trial's clerk: 岳阳楼区政府), or the units of that 分组 — else said as 「统称无法展开」 and never sent a sheet.
The plan is the trial's Word file (python-docx, trial11_nanhu.py), imported with `zhishui import`; the lists the
clerk edits are changed with openpyxl, as the trial did.
"""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from trial11_nanhu import LOCAL, UNITS, write_docx, write_list
from zhishui.checks import check_list
from zhishui.cli import cli
from zhishui.directory import Directory, Unit
from zhishui.tasks import load_list
from zhishui.unitnames import classify_group, split_units

PERIOD = "2026-09"


def run(*args, code=0) -> str:
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == code, (args, r.output, r.exception)
    return r.output


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("nanhu")
    plan = write_docx(root / "南湖流域截污与养殖污染整治工程任务表.docx")
    out = root / "南湖流域截污与养殖污染整治工程任务表.xlsx"
    run("import", plan, "--out", out)
    return out


def rows(path: Path, sheet: str) -> list[list]:
    ws = openpyxl.load_workbook(path)[sheet]
    return [[c.value for c in r] for r in ws.iter_rows()]


@pytest.mark.parametrize("text", ["属地政府", "属地区政府", "属地区级政府", "属地乡镇", "属地镇街", "属地县（市、区）政府",
                                  "属地街道", "各属地乡镇（街道）"])
def test_every_local_reference_is_a_catch_all(text):
    assert classify_group(text) == (True, False)
    [tok] = split_units(text)
    assert tok.is_group and tok.name == text


def test_import_keeps_them_out_of_the_directory_and_says_how_to_open_them(imported):
    names = [r[0] for r in rows(imported, "单位名录")[1:] if r[0]]
    assert set(UNITS) <= set(names) and not any(n.startswith("属地") for n in names)
    review = {r[1]: r[2] for r in rows(imported, "导入核对")[1:] if r[1]}
    for local in ("属地区政府", "属地区级政府"):
        assert "可能是同一单位" not in review.get(local, "")
        assert "不是一个单位" in review[local] and "「简称/别名」" in review[local] and "「分组」" in review[local]
    assert not any("可能是同一单位" in (r[2] or "") for r in rows(imported, "导入核对")[1:])


def test_check_and_split_never_take_them_for_units(imported, tmp_path):
    tl = load_list(imported)
    found = check_list(tl)
    flagged = {(f.task, f.field) for f in found if f.code == "GROUP_UNEXPANDABLE"}
    assert {("2", "配合单位"), ("3", "配合单位"), ("4", "配合单位"), ("6", "配合单位"),    # 属地区级政府
            ("9", "牵头单位"), ("10", "牵头单位"), ("11", "牵头单位")} <= flagged         # 属地区政府
    assert not any(f.code == "UNIT_VARIANT" and "属地" in f.message for f in found)
    lead = next(f for f in found if f.code == "GROUP_UNEXPANDABLE" and "属地区政府" in f.message)
    assert "不是一个单位" in lead.message and "「简称/别名」" in lead.suggestion and "「分组」" in lead.suggestion
    out = tmp_path / "下发"
    run("split", imported, "--period", PERIOD, "--date", "2026-09-01", "--out", out)
    made = sorted(p.name for p in out.glob("*.xlsx"))
    assert made and not any("属地" in n for n in made), made


def test_a_directory_imported_before_says_its_local_rows_are_no_units(imported, tmp_path):
    # the trial's 单位名录 (imported by the code before): 属地区级政府 and 属地区政府 as two rows of type 区
    lst = tmp_path / "old.xlsx"
    wb = openpyxl.load_workbook(imported)
    d = wb["单位名录"]
    d.append(["属地区级政府", None, "区", None])
    d.append(["属地区政府", None, "区", None])
    wb.save(lst)
    found = check_list(load_list(lst))
    bad = [f for f in found if f.code == "DIRECTORY_PROBLEM"]
    assert {f.message.split("」")[0].split("「")[-1] for f in bad} == {"属地区级政府", "属地区政府"}
    assert all("不是一个单位" in f.message and f.cell.startswith("A") for f in bad)
    out = tmp_path / "下发"
    run("split", lst, "--period", PERIOD, "--date", "2026-09-01", "--out", out)
    assert not any("属地" in p.name for p in out.glob("*.xlsx"))


def test_the_clerks_alias_sends_the_tasks_to_the_district(tmp_path):
    # the trial's fix: 岳阳楼区政府 with 简称/别名 「属地区政府、属地区级政府」 — its sheet holds the 7 tasks
    lst = write_list(tmp_path / "清单.xlsx")
    found = check_list(load_list(lst))
    assert not any(f.code in ("GROUP_UNEXPANDABLE", "DIRECTORY_PROBLEM") for f in found)
    out = tmp_path / "下发"
    run("split", lst, "--period", PERIOD, "--date", "2026-09-01", "--out", out)
    [sheet] = list(out.glob(f"*_{LOCAL}_*.xlsx"))
    seqs = {str(r[0]) for r in rows(sheet, "报送表") if r[0] and str(r[0]).isdigit()}
    assert seqs == {"2", "3", "4", "6", "9", "10", "11"}
    assert not any("属地" in p.name for p in out.glob("*.xlsx"))


def test_a_group_of_districts_takes_the_tasks_each(tmp_path):
    # several districts around the lake: each has 属地区政府 in its 分组 (the 名录 may write 各 or not)
    directory = [(u, "", "部门", "") for u in UNITS] + [
        ("岳阳楼区政府", "", "区", "属地区政府、属地区级政府"), ("南湖新区管委会", "", "管委会", "各属地区政府、属地区级政府"),
        ("君山区政府", "", "区", "")]
    lst = write_list(tmp_path / "清单.xlsx", directory=directory)
    tl = load_list(lst)
    nine = next(t for t in tl.tasks if t.seq == "9")
    assert nine.lead_units() == ["岳阳楼区政府", "南湖新区管委会"]        # not 君山区政府: not by 类型
    units = tl.units()
    assert "君山区政府" not in units and not any(u.startswith("属地") for u in units)
    # a directory unit named by an alias elsewhere is never taken for a local reference's own unit
    d = Directory([Unit("属地乡镇", kind="镇")])
    assert d.problems and "不是一个单位" in d.problems[0][1] and not d.units
