"""The return workbooks: one per unit, only its tasks, only the fill cells editable,
identity hidden, and a real office suite opens them."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import python_calamine as pc

from conftest import LIST001, office_convert
from zhishui import returnsheet as rs
from zhishui.split import split_returns
from zhishui.tasks import load_list


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    tl = load_list(LIST001)
    out = tmp_path_factory.mktemp("split")
    return tl, split_returns(tl, dt.date(2020, 11, 1), out, due=dt.date(2020, 11, 25),
                             generated=dt.datetime(2020, 11, 2, 9))


def test_one_file_per_unit_with_only_its_tasks(made):
    tl, files = made
    units = tl.units()
    assert sorted(f.unit for f in files) == sorted(units)
    for f in files:
        assert f.path.name == f"2020年11月_{f.unit}_进展情况报送表.xlsx"
        ws = openpyxl.load_workbook(f.path)[rs.SHEET]
        keys = [ws.cell(r, 12).value for r in range(rs.FIRST_TASK_ROW, rs.FIRST_TASK_ROW + f.tasks)]
        assert keys == [t.key for t in tl.tasks if t.key in units[f.unit]]
        roles = [ws.cell(r, 5).value for r in range(rs.FIRST_TASK_ROW, rs.FIRST_TASK_ROW + f.tasks)]
        # several 责任单位 and no 牵头单位: each is told it answers jointly, not that it leads
        joint = {t.key for t in tl.tasks if not t.lead and len(t.answering_units()) > 1}
        assert roles == ["共同负责" if k in joint and f.unit in tl.task(k).answering_units()
                         else rs.ROLE_CN[units[f.unit][k]] for k in keys]
        assert f"填报单位：{f.unit}" in ws["A2"].value and "2020年11月" in ws["A2"].value
    # a name the directory lacks (the list's slip 区市场管理局) gets no return; every file is a known unit
    assert all(f.known for f in files) and "区市场管理局" not in {f.unit for f in files}
    assert [r.raw for t in tl.tasks for _, r in t.unknown_refs()] == ["区市场管理局"]
    nandajie = next(f for f in files if f.unit == "南大街街道")
    ws = openpyxl.load_workbook(nandajie.path)[rs.SHEET]
    told = {ws.cell(r, 1).value: ws.cell(r, 5).value for r in range(rs.FIRST_TASK_ROW, rs.FIRST_TASK_ROW + nandajie.tasks)}
    assert told["24"] == "共同负责"                  # 区水利局、各镇街, no 牵头单位
    sole = next(f for f in files if f.unit == "区农业农村委")
    ws = openpyxl.load_workbook(sole.path)[rs.SHEET]
    told = {ws.cell(r, 1).value: ws.cell(r, 5).value for r in range(rs.FIRST_TASK_ROW, rs.FIRST_TASK_ROW + sole.tasks)}
    assert told["7"] == "牵头"                       # its only 责任单位, no 牵头单位: it leads


def test_protection_validation_and_hidden_identity(made):
    tl, files = made
    f = next(x for x in files if x.unit == "区农业农村委")
    wb = openpyxl.load_workbook(f.path)
    ws = wb[rs.SHEET]
    assert ws.protection.sheet and ws.column_dimensions["L"].hidden
    r = rs.FIRST_TASK_ROW
    assert ws.cell(r, 3).protection.locked and not ws.cell(r, 6).protection.locked   # 具体举措 locked, 完成状态 open
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"' + ",".join(rs.STATES) + '"'
    assert any(dv.type == "decimal" for dv in ws.data_validations.dataValidation)
    idn = wb[rs.IDENTITY_SHEET]
    assert idn.sheet_state == "veryHidden"
    meta = {row[0].value: row[1].value for row in idn.iter_rows(max_row=7)}
    assert meta["unit"] == "区农业农村委" and meta["period"] == "2020-11" and meta["fingerprint"] == tl.fingerprint


def test_user_text_that_looks_like_a_formula_stays_text(tmp_path):
    wb = openpyxl.load_workbook(LIST001)
    wb["整改任务分解表"]["C4"] = "=HYPERLINK(\"http://x\")恶意"
    wb["整改任务分解表"]["C4"].data_type = "s"
    p = tmp_path / "清单.xlsx"
    wb.save(p)
    tl = load_list(p)
    [f] = [x for x in split_returns(tl, dt.date(2020, 11, 1), tmp_path / "out") if x.unit == "区农业农村委"]
    cell = openpyxl.load_workbook(f.path)[rs.SHEET].cell(rs.FIRST_TASK_ROW, 3)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_unit_names_never_become_paths(tmp_path):
    wb = openpyxl.load_workbook(LIST001)
    wb["整改任务分解表"]["E4"] = "../../区农业/农村委"
    p = tmp_path / "清单.xlsx"
    wb.save(p)
    files = split_returns(load_list(p), dt.date(2020, 11, 1), tmp_path / "out")
    assert all(f.path.parent == tmp_path / "out" for f in files)


def test_returns_open_in_libreoffice(made, tmp_path):
    _, files = made
    for f in files[:2]:
        ods = office_convert(f.path, "ods", tmp_path)
        names = pc.CalamineWorkbook.from_path(str(ods)).sheet_names
        assert rs.SHEET in names


def _features(path):
    """What the clerk relies on in a return, read back with openpyxl (an independent reader)."""
    wb = openpyxl.load_workbook(path)
    ws, idn = wb[rs.SHEET], wb[rs.IDENTITY_SHEET]
    r = rs.FIRST_TASK_ROW
    dvs = {dv.type: (dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation}
    return {"protected": ws.protection.sheet, "key_hidden": ws.column_dimensions["L"].hidden,
            "reference_locked": all(ws.cell(r, c).protection.locked for c in range(1, 6)),
            "fill_open": not any(ws.cell(r, c).protection.locked for c in range(6, 12)),
            "percent_format": ws.cell(r, 7).number_format, "validations": dvs,
            "identity_state": idn.sheet_state, "identity_protected": idn.protection.sheet,
            "identity_unit": next(row[1].value for row in idn.iter_rows(max_row=7) if row[0].value == "unit")}


def test_libreoffice_keeps_protection_validation_and_the_hidden_identity(made, tmp_path):
    """A return opened and saved again by LibreOffice (as a unit without Excel would) keeps every
    feature, and collect still knows whose it is from the hidden identity."""
    import shutil

    from zhishui.collect import collect
    tl, files = made
    f = next(x for x in files if x.unit == "区农业农村委")
    mine = _features(f.path)
    last = rs.FIRST_TASK_ROW + f.tasks - 1
    assert mine["validations"] == {"list": ('"' + ",".join(rs.STATES) + '"', f"F{rs.FIRST_TASK_ROW}:F{last}"),
                                   "decimal": ("0", f"G{rs.FIRST_TASK_ROW}:G{last}"),
                                   "date": ("36526", f"J{last + 2}")}
    assert mine["protected"] and mine["key_hidden"] and mine["reference_locked"] and mine["fill_open"]
    assert mine["percent_format"] == "0%" and mine["identity_state"] == "veryHidden" and mine["identity_protected"]
    resaved = office_convert(f.path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    theirs = _features(resaved)
    assert theirs["identity_state"] == "hidden"     # LibreOffice has no very-hidden sheets: plain hidden
    assert {k: v for k, v in theirs.items() if k != "identity_state"} == \
        {k: v for k, v in mine.items() if k != "identity_state"}
    inbox = tmp_path / "收到"
    inbox.mkdir()
    shutil.copy(resaved, inbox / "农业农村委.xlsx")
    col = collect(tl, [inbox], dt.date(2020, 11, 1), due=dt.date(2020, 11, 25))
    [sub] = col.submissions
    assert (sub.unit, sub.unit_how, sub.period, sub.rows) == ("区农业农村委", "identity", "2020-11", f.tasks)


def test_a_rerun_without_a_date_gives_the_same_bytes(tmp_path):
    """README 「运行中途被强行结束也不丢东西」: no output holds the current time. The session-19 trial ran `zhishui split`
    twice (no --date) and every return differed: the clock was in the identity sheet and the file's properties.
    Now split with no --date records no date, and one with --date records that date (nothing else changes)."""
    import shutil
    import time
    import zipfile

    from click.testing import CliRunner
    from zhishui.cli import cli
    lst = tmp_path / "清单.xlsx"
    shutil.copy(LIST001, lst)

    def split(out, *more):
        r = CliRunner().invoke(cli, ["split", str(lst), "--period", "2020-11", "--out", str(tmp_path / out), *more],
                               catch_exceptions=False)
        assert r.exit_code in (0, 1), r.output      # (1: the sample list's one unit not in the directory)
        return sorted((tmp_path / out).glob("*.xlsx"))

    first = split("a")
    time.sleep(1.1)          # a clock in the files would now read another second
    second = split("b")
    assert [p.name for p in first] == [p.name for p in second] and len(first) > 10
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
    with zipfile.ZipFile(first[0]) as z:
        assert "dcterms:created" not in z.read("docProps/core.xml").decode("utf-8")
    wb = openpyxl.load_workbook(first[0])
    ident = {r[0]: r[1] for r in wb[rs.IDENTITY_SHEET].iter_rows(values_only=True) if r[0]}
    assert "generated" not in ident and ident["period"] == "2020-11"
    # LibreOffice opens a workbook whose properties carry no date
    assert office_convert(first[0], "csv", tmp_path / "lo").stat().st_size > 0
    # an issue date given is the one recorded, and the same again on a re-run
    dated = split("c", "--date", "2020-11-02")
    again = split("d", "--date", "2020-11-02")
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(dated, again))
    with zipfile.ZipFile(dated[0]) as z:
        assert "2020-11-02T09:00:00Z</dcterms:created>" in z.read("docProps/core.xml").decode("utf-8")
