"""What can go wrong when the returns come back, and that collect survives each case.

Every test puts the awkward file in a folder (with a normal return beside it
where that matters), runs collect, and checks: the specific anomaly (code,
severity, file, sheet/cell, Chinese message); that the run went on (the normal
return was still consolidated); that nothing was lost (every non-empty cell of
every readable input, read independently of our reader, is in
``collection.values`` with its file, sheet, cell and text, and is either used or
says why not); and that the inputs were not touched.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import LIST001, fixture_file, office_convert
from returns_factory import (FILL_HEADERS, LATE, ON_TIME, blank_values, copy_to_new_workbook, default_fill, fill_return,
                             footer_row, header_columns, independent_cells, received_files, set_mtime,
                             sha256_tree, task_rows, write_csv_gbk, write_zip)
from zhishui.collect import collect
from zhishui.history import History
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list

PERIOD = dt.date(2020, 11, 1)
DUE = dt.date(2020, 11, 25)
REPORT_DATE = dt.date(2020, 11, 30)
SEVERITIES = {"错误", "警告", "提示"}
CJK = re.compile(r"[\u4e00-\u9fff]")
FILL_FIELDS = ("state", "percent", "progress", "problems", "next_steps", "evidence")

AGRI = "区农业农村委"      # 19 tasks
WATER = "区水利局"         # 11 tasks
RIVER = "区河长办"         # 6 tasks


# --- fixtures ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tl():
    return load_list(LIST001)


@pytest.fixture(scope="module")
def returns(tl, tmp_path_factory):
    """unit -> the return workbook split wrote for it (period 2020-11, due 2020-11-25)."""
    out = tmp_path_factory.mktemp("split_2020_11")
    made = split_returns(tl, PERIOD, out, due=DUE, generated=dt.datetime(2020, 11, 1, 9))
    return {m.unit: m.path for m in made}


@pytest.fixture(scope="module")
def october_returns(tl, tmp_path_factory):
    out = tmp_path_factory.mktemp("split_2020_10")
    made = split_returns(tl, dt.date(2020, 10, 1), out, due=dt.date(2020, 10, 25),
                         generated=dt.datetime(2020, 10, 1, 9))
    return {m.unit: m.path for m in made}


@pytest.fixture(scope="module")
def office(returns, tmp_path_factory):
    """The 区河长办 return, filled, then saved by LibreOffice as .xls and .ods, and the
    .ods saved back as .xlsx (a round trip through another office suite)."""
    base = tmp_path_factory.mktemp("office")
    filled = fill_return(returns[RIVER], base / "src" / "区河长办报送表.xlsx", RIVER)
    out = {"filled": filled,
           "xls": office_convert(filled.path, "xls", base / "xls"),
           "ods": office_convert(filled.path, "ods", base / "ods")}
    out["xlsx_roundtrip"] = office_convert(out["ods"], "xlsx", base / "roundtrip")
    # the same, with the hidden identity gone first (identity sheet and 任务编号 column deleted)
    wb = openpyxl.load_workbook(filled.path)
    del wb["_zhishui"]
    wb["报送表"].delete_cols(12)
    bare = base / "bare" / "区河长办报送表.xlsx"
    bare.parent.mkdir()
    wb.save(bare)
    out["bare_roundtrip"] = office_convert(office_convert(bare, "ods", base / "bare_ods"), "xlsx", base / "bare_rt")
    return out


# --- helpers -----------------------------------------------------------------------------

def folder(tmp_path: Path, name="收到的报送表") -> Path:
    d = tmp_path / name
    d.mkdir(parents=True, exist_ok=True)
    return d


def add_normal(returns, d: Path, unit=WATER, name=None, **kw):
    """A normal, correctly filled return beside the awkward one."""
    return fill_return(returns[unit], d / (name or f"{unit}11月报送表.xlsx"), unit, **kw)


def display(d: Path, path: Path) -> str:
    """How collect names a file found in folder d: the path relative to d's parent."""
    return path.relative_to(d.parent).as_posix()


def run(tl, *inputs):
    """collect, checking the inputs were not modified and every anomaly is well formed."""
    before = sha256_tree(inputs)
    col = collect(tl, list(inputs), PERIOD, due=DUE)
    assert sha256_tree(inputs) == before, "collect modified its inputs"
    for a in col.anomalies:
        assert a.severity in SEVERITIES, a
        assert CJK.search(a.message), f"anomaly message is not Chinese: {a}"
        assert a.file, f"anomaly does not name its file: {a}"
    return col


def anomaly(col, code, *, severity=None, file=None, sheet=None, cell=None):
    """The one anomaly of this code (and file/sheet/cell); asserts its severity."""
    found = [a for a in col.anomalies if a.code == code and (file is None or a.file == file)
             and (sheet is None or a.sheet == sheet) and (cell is None or a.cell == cell)]
    assert found, (f"no {code} anomaly for file={file} sheet={sheet} cell={cell}; got "
                   + "; ".join(f"{a.code}@{a.file}!{a.sheet}!{a.cell}" for a in col.anomalies))
    a = found[0]
    if severity:
        assert a.severity == severity, a
    assert CJK.search(a.message)
    return a


def submission(col, file):
    subs = [s for s in col.submissions if s.file == file]
    assert len(subs) == 1, f"{file}: {[s.file for s in col.submissions]}"
    return subs[0]


def assert_consolidated(col, filled, file=None):
    """The return was counted for its unit and every filled value landed in the right field."""
    counted = col.counted()
    assert filled.unit in counted, f"{filled.unit} not counted: {[(s.file, s.unit, s.status) for s in col.submissions]}"
    s = counted[filled.unit]
    if file:
        assert s.file == file
    assert_reports(s, filled.expected)
    return s


def assert_reports(s, expected: dict):
    reps = {r.task: r for r in s.reports}
    for key, vals in expected.items():
        if not vals:
            continue
        assert key in reps, f"task {key} not read from {s.file}"
        r = reps[key]
        for f, v in vals.items():
            if f == "state":
                assert r.state_raw == str(v).strip()
            elif f == "percent":
                assert r.percent == pytest.approx(_percent(v)), (key, v)
            else:
                assert getattr(r, f) == v, (key, f, getattr(r, f), v)


def _percent(v) -> float:
    """The proportion a clerk meant by what they typed: 0.6, 60, "60%", "６０％" -> 0.6."""
    import unicodedata
    t = unicodedata.normalize("NFKC", str(v)).strip()
    x = float(t.rstrip("%"))
    return x / 100 if t.endswith("%") or x > 1 else x


def assert_nothing_lost(col, inputs):
    """Every non-empty cell of every readable input spreadsheet is in col.values with the
    same file, sheet, cell and text; every value is used or says why not; every received
    file has one submission, and one that was not counted has an anomaly that says so."""
    files = received_files(inputs)
    seen = {}
    for v in col.values:
        k = (v.file, v.sheet, v.cell)
        assert k not in seen, f"cell recorded twice: {k}"
        seen[k] = v
        assert v.used or v.note.strip(), f"value neither used nor explained: {v}"
    assert sorted(s.file for s in col.submissions) == sorted(files), "a received file has no submission"
    checked: dict[str, int] = {}
    for disp, data in files.items():
        cells = independent_cells(disp, data)
        s = submission(col, disp)
        if s.status != "counted":
            assert any(a.file == disp or disp in a.message for a in col.anomalies), \
                f"{disp} was not counted ({s.status}) and no anomaly says so"
        if cells is None:
            continue     # no readable spreadsheet (attachment, corrupt, encrypted...): the anomaly says so
        mine = {(v.sheet, v.cell): v for v in col.values if v.file == disp}
        for (sheet, cell), text in cells.items():
            v = mine.get((sheet, cell))
            assert v is not None, f"LOST: {disp}!{sheet}!{cell} = {text!r}"
            assert v.raw.strip() == text, f"{disp}!{sheet}!{cell}: read {v.raw!r}, the file has {text!r}"
            checked[disp] = checked.get(disp, 0) + 1
        extra = set(mine) - set(cells)
        assert not extra, f"values not in the file {disp}: {sorted(extra)[:5]}"
        # a value not used is explained, and an unexplained-by-design one is flagged
        for (sheet, cell), v in mine.items():
            if not v.used and v.note == "未归入任何任务":
                assert any(a.code == "UNUSED_CELLS" and a.file == disp and a.sheet == sheet for a in col.anomalies), \
                    f"unused cell without an anomaly: {v}"
    return checked


def values_at(col, file, sheet, cell):
    vs = [v for v in col.values if (v.file, v.sheet, v.cell) == (file, sheet, cell)]
    assert len(vs) == 1, (file, sheet, cell)
    return vs[0]


# --- the cases ----------------------------------------------------------------------------

def test_01_renamed_file_identified_by_hidden_identity(tl, returns, tmp_path):
    d = folder(tmp_path)
    f = fill_return(returns[AGRI], d / "农业农村委报表(1).xlsx", AGRI)
    normal = add_normal(returns, d)
    col = run(tl, d)
    s = submission(col, display(d, f.path))
    assert (s.unit, s.unit_how, s.status, s.period) == (AGRI, "identity", "counted", "2020-11")
    assert s.rows == 19 and s.has_identity
    assert (s.reporter, s.phone, s.report_date) == ("张三", "023-49880000", dt.date(2020, 11, 20))
    assert_consolidated(col, f)
    assert_consolidated(col, normal)
    assert not [a for a in col.anomalies if a.severity == "错误"]
    assert_nothing_lost(col, [d])


def test_01b_a_return_renamed_to_another_unit_is_taken_by_its_identity_and_said(tl, returns, tmp_path):
    """A form passed on and renamed after another unit (区水利局's name on 区农业农村委's form):
    counted for the unit it was issued to, as before, and the mismatch is said, with the way to
    attribute it otherwise."""
    d = folder(tmp_path)
    f = fill_return(returns[AGRI], d / "2020年11月_区水利局_进展情况报送表.xlsx", AGRI)
    col = run(tl, d)
    s = submission(col, display(d, f.path))
    assert (s.unit, s.unit_how, s.status) == (AGRI, "identity", "counted")
    [a] = [a for a in col.anomalies if a.code == "FILENAME_UNIT_DIFFERS"]
    assert "「区水利局」" in a.message and f"按「{AGRI}」的报送表汇总" in a.message and "--assign" in a.suggestion


def _reorder_delete_insert(deleted_seq, extra):
    def edit(wb, ws):
        rows = task_rows(ws)
        data = [[ws.cell(r, c).value for c in range(1, 13)] for r in rows]
        data = [x for x in reversed(data) if str(x[0]) != deleted_seq]
        data.insert(len(data) // 2, extra)
        assert len(data) == len(rows)
        for r, vals in zip(rows, data):
            for c, v in enumerate(vals, start=1):
                ws.cell(r, c).value = v
    return edit


def test_02_rows_reordered_deleted_inserted(tl, returns, tmp_path):
    d = folder(tmp_path)
    extra = ["补充", "", "另外开展了临江河沿线河道清漂专项行动", "", "", "序时推进", None,
             "本月清理河道漂浮物12吨", "", "", "", None]
    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, edit=_reorder_delete_insert("3", extra))
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    s = submission(col, disp)
    assert s.status == "counted" and s.unit == AGRI
    # every task that is still there is read from its moved row
    expected = {k: v for k, v in f.expected.items() if k != "3"}
    assert_reports(s, expected)
    assert "3" not in {r.task for r in s.reports}
    a = anomaly(col, "TASK_MISSING_IN_RETURN", severity="警告", file=disp, sheet="报送表")
    assert "序号3" in a.message
    # the inserted row: where it is, and its cells kept with a note
    wb = openpyxl.load_workbook(f.path)
    ws = wb["报送表"]
    row = next(r for r in task_rows(ws) if ws.cell(r, 1).value == "补充")
    a = anomaly(col, "UNMATCHED_ROW", severity="警告", file=disp, sheet="报送表", cell=f"A{row}")
    assert "补充" in a.message
    for c in ("A", "C", "F", "H"):
        v = values_at(col, disp, "报送表", f"{c}{row}")
        assert not v.used and v.note
    assert values_at(col, disp, "报送表", f"H{row}").raw == "本月清理河道漂浮物12吨"
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_02b_duplicated_row_later_used_earlier_explained(tl, returns, tmp_path):
    d = folder(tmp_path)

    def duplicate_first_row(wb, ws):
        last = task_rows(ws)[-1]
        for c in range(1, 13):   # the first task again, in place of the last one, with other text
            ws.cell(last, c).value = ws.cell(5, c).value
        ws.cell(last, 8).value = "第二次填写：排污口已全部整治"

    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, edit=duplicate_first_row)
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    a = anomaly(col, "DUPLICATE_ROW", severity="警告", file=disp, sheet="报送表", cell="A23")
    assert "第5行和第23行" in a.message
    s = submission(col, disp)
    assert [r.row for r in s.reports if r.task == "1"] == [23] and s.rows == len(s.reports) == 18
    assert col.reports()["1"][AGRI].progress == "第二次填写：排污口已全部整治"
    old = values_at(col, disp, "报送表", "H5")      # the replaced row is kept, and says it was not used
    assert not old.used and "重复" in old.note
    assert values_at(col, disp, "报送表", "H23").used
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_02c_sheet_copied_blank_and_tasks_over_two_sheets(tl, returns, tmp_path):
    d = folder(tmp_path)

    def blank_backup(wb, ws):
        """'Move or copy sheet' before filling: a blank 报送表 (2) after the filled one."""
        c = wb.copy_worksheet(ws)
        c.title = "报送表 (2)"
        cols = header_columns(ws)
        for r in task_rows(ws):
            for h in FILL_HEADERS:
                c.cell(r, cols[h]).value = None

    def two_sheets(wb, ws):
        """牵头 tasks on one sheet, 配合 tasks on another."""
        c = wb.copy_worksheet(ws)
        c.title = "配合任务"
        for r in task_rows(ws):
            keep, drop = (ws, c) if ws.cell(r, 5).value == "牵头" else (c, ws)
            for col_ in range(1, 13):
                drop.cell(r, col_).value = None

    f1 = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, edit=blank_backup)
    f2 = fill_return(returns[WATER], d / "区水利局.xlsx", WATER, edit=two_sheets)
    col = run(tl, d)
    d1, d2 = display(d, f1.path), display(d, f2.path)
    # the blank copy does not replace what was filled
    s1 = assert_consolidated(col, f1, d1)
    assert {r.sheet for r in s1.reports} == {"报送表"} and s1.rows == 19
    a = anomaly(col, "DUPLICATE_ROW", severity="提示", file=d1, sheet="报送表 (2)", cell="A5")
    assert "后一处未填写" in a.message
    assert all(v.note for v in col.values if v.file == d1 and v.sheet == "报送表 (2)" and not v.used)
    # tasks spread over two sheets: all read, none reported missing
    s2 = assert_consolidated(col, f2, d2)
    assert {r.sheet for r in s2.reports} == {"报送表", "配合任务"} and s2.rows == 11
    assert not [a for a in col.anomalies if a.code == "TASK_MISSING_IN_RETURN"]
    assert_nothing_lost(col, [d])


def _insert_remark_column_and_rename(wb, ws):
    fr = footer_row(ws)
    for rng in [r for r in ws.merged_cells.ranges if r.min_row > 4]:
        ws.unmerge_cells(str(rng))
    ws.insert_cols(7)                      # between 完成状态 (F) and 完成比例 (now H)
    ws.cell(4, 7, "备注")
    for r in task_rows(ws):
        ws.cell(r, 7, f"备注：第{ws.cell(r, 1).value}项由分管领导督办")
    ws.cell(4, 9).value = "工作进展"         # was 进展情况
    ws.column_dimensions["L"].hidden = False
    ws.column_dimensions["M"].hidden = True
    assert ws.cell(fr, 11).value is not None   # the 填报日期 value moved right with its label


def test_03_column_inserted_and_header_renamed(tl, returns, tmp_path):
    d = folder(tmp_path)
    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, edit=_insert_remark_column_and_rename)
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    s = assert_consolidated(col, f, disp)
    r5 = next(r for r in s.reports if r.row == 5)
    assert r5.cells["state"] == "F5" and r5.cells["percent"] == "H5" and r5.cells["progress"] == "I5"
    # the inserted column is reported, not dropped
    a = anomaly(col, "UNUSED_CELLS", severity="提示", file=disp, sheet="报送表")
    assert "G5" in a.message or a.cell == "G4"
    for r in [4] + [row for row in f.rows.values()]:
        v = values_at(col, disp, "报送表", f"G{r}")
        assert not v.used and v.note, v
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_04a_copied_into_new_workbook_identified_by_title(tl, returns, tmp_path):
    d = folder(tmp_path)
    filled = fill_return(returns[AGRI], tmp_path / "src.xlsx", AGRI)
    dst = copy_to_new_workbook(filled.path, d / "报送表（复制）.xlsx", sheet_title="11月进展")
    normal = add_normal(returns, d)
    col = run(tl, d)
    s = submission(col, display(d, dst))
    assert (s.unit, s.unit_how, s.status) == (AGRI, "title", "counted")
    assert s.period == "2020-11" and s.period_how == "title"
    assert not s.has_identity and s.rows == 19
    assert_reports(s, filled.expected)
    assert {r.sheet for r in s.reports} == {"11月进展"}
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


@pytest.mark.parametrize("which", ["xlsx_roundtrip", "bare_roundtrip"])
def test_04b_libreoffice_round_trip_still_read(tl, returns, office, tmp_path, which):
    d = folder(tmp_path)
    dst = shutil.copy2(office[which], d / "报送表.xlsx")
    set_mtime(Path(dst), ON_TIME)
    normal = add_normal(returns, d)
    col = run(tl, d)
    s = submission(col, display(d, Path(dst)))
    assert s.unit == RIVER and s.status == "counted" and s.period == "2020-11" and s.rows == 6
    # LibreOffice keeps the very-hidden identity sheet; without it the title line identifies the unit
    assert (s.unit_how, s.has_identity) == (("identity", True) if which == "xlsx_roundtrip" else ("title", False))
    assert_reports(s, office["filled"].expected)
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


@pytest.mark.parametrize("fmt", ["xls", "ods", "csv"])
def test_05_other_formats(tl, returns, office, tmp_path, fmt):
    d = folder(tmp_path)
    if fmt == "csv":
        dst = write_csv_gbk(office["filled"].path, d / "区河长办报送表.csv")
        assert dst.read_bytes().decode("gbk")   # really GBK, and not UTF-8
        with pytest.raises(UnicodeDecodeError):
            dst.read_bytes().decode("utf-8")
    else:
        dst = Path(shutil.copy2(office[fmt], d / f"区河长办报送表.{fmt}"))
        set_mtime(dst, ON_TIME)
    normal = add_normal(returns, d)
    col = run(tl, d)
    s = submission(col, display(d, dst))
    assert s.format == fmt
    assert s.unit == RIVER and s.status == "counted" and s.period == "2020-11"
    assert s.rows == 6
    assert_reports(s, office["filled"].expected)
    assert s.reporter == "张三" and s.report_date == dt.date(2020, 11, 20)
    if fmt == "csv":
        assert s.unit_how == "title"
        assert {r.sheet for r in s.reports} == {"区河长办报送表"}
    assert_consolidated(col, normal)
    assert assert_nothing_lost(col, [d])[display(d, dst)] > 50


def test_05_xlsb_unidentified_but_kept(tl, returns, tmp_path):
    d = folder(tmp_path)
    dst = Path(shutil.copy2(fixture_file("any_sheets.xlsb"), d / "any_sheets.xlsb"))
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, dst)
    s = submission(col, disp)
    assert s.status == "unidentified" and s.format == "xlsb"
    codes = {a.code for a in col.anomalies if a.file == disp}
    assert codes & {"UNIDENTIFIED_FILE", "NO_RETURN_TABLE"}
    a = next(a for a in col.anomalies if a.file == disp and a.code in ("UNIDENTIFIED_FILE", "NO_RETURN_TABLE"))
    assert a.severity == "错误"
    mine = [v for v in col.values if v.file == disp]
    assert {v.raw for v in mine} >= {"1", "2", "3", "4", "5", "6"}
    assert all(not v.used and v.note for v in mine)
    anomaly(col, "UNUSED_CELLS", severity="提示", file=disp, sheet="Visible")
    assert_consolidated(col, normal)
    assert assert_nothing_lost(col, [d])[disp] == 7


def _progress(text):
    def values(i, seq, unit):
        v = default_fill(i, seq, unit)
        v["进展情况"] = f"{text}：第{seq}项"
        return v
    return values


def test_06_two_versions_later_counts(tl, returns, tmp_path):
    d = folder(tmp_path)
    # the earlier version sorts after the later one by name: received time decides, not the name
    old = fill_return(returns[WATER], d / "区水利局_最终版.xlsx", WATER, values=_progress("初稿"),
                      mtime=dt.datetime(2020, 11, 18, 9))
    new = fill_return(returns[WATER], d / "区水利局.xlsx", WATER, values=_progress("修改稿"),
                      mtime=dt.datetime(2020, 11, 22, 17))
    other = add_normal(returns, d, AGRI)
    col = run(tl, d)
    s_old, s_new = submission(col, display(d, old.path)), submission(col, display(d, new.path))
    assert s_new.status == "counted" and s_old.status == "superseded"
    a = anomaly(col, "DUPLICATE_SUBMISSION", file=display(d, new.path))
    assert a.severity in SEVERITIES and "区水利局" in a.message and old.path.name in a.message
    assert_consolidated(col, new, display(d, new.path))
    reps = col.reports()
    assert reps["18"][WATER].progress.startswith("修改稿")
    old_fill = [v for v in col.values if v.file == s_old.file and v.field in FILL_FIELDS]
    assert len(old_fill) > 30
    assert all(not v.used and "替代" in v.note for v in old_fill)
    assert any(v.raw.startswith("初稿") for v in old_fill)
    assert_consolidated(col, other)
    assert_nothing_lost(col, [d])


@pytest.mark.parametrize("how", ["identity", "title"])
def test_07_return_for_another_period(tl, returns, october_returns, tmp_path, how):
    d = folder(tmp_path)
    if how == "identity":
        f = fill_return(october_returns[AGRI], d / "区农业农村委报送表.xlsx", AGRI)
        path = f.path
    else:   # no hidden identity: only the title says 2020年10月
        f = fill_return(october_returns[AGRI], tmp_path / "src.xlsx", AGRI)
        path = copy_to_new_workbook(f.path, d / "区农业农村委报送表.xlsx")
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, path)
    s = submission(col, disp)
    assert (s.unit, s.period, s.status) == (AGRI, "2020-10", "other_period")
    assert s.period_how == how
    a = anomaly(col, "WRONG_PERIOD", severity="警告", file=disp)
    assert "2020年10月" in a.message
    assert AGRI not in col.counted()
    fills = [v for v in col.values if v.file == disp and v.field in FILL_FIELDS]
    assert len(fills) > 40 and all(not v.used and v.note for v in fills)
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])
    # the unit is still 未报送 this period, and what came is said (the 报送情况's 核对, the 催报): a browser trial of
    # session 15 found it told 「尚未收到你单位报送材料」
    from zhishui.month import unit_reports
    ur = next(u for u in unit_reports(col) if u.unit == AGRI)
    assert (ur.state, ur.other_period) == ("未报送", "2020年10月")
    # (its file is named there, with when it came, not under 采用的文件: trial 20)
    when = f"，{s.received.month}月{s.received.day}日收到" if s.received else ""
    assert ur.check == f"收到的是2020年10月的报送表，不是本期的（{Path(disp).name}{when}；已存档，未采用）"
    assert ur.file == ""


def _identity_unit(name):
    def edit(wb, ws):
        idn = wb["_zhishui"]
        assert idn["A2"].value == "unit"
        idn["B2"] = name
        ws["A2"] = ws["A2"].value.replace(AGRI, name)
    return edit


def test_08a_unit_not_asked(tl, returns, tmp_path):
    d = folder(tmp_path)
    f = fill_return(returns[AGRI], d / "报送表.xlsx", "区文化旅游委", edit=_identity_unit("区文化旅游委"))
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    s = submission(col, disp)
    assert (s.unit, s.status) == ("区文化旅游委", "unexpected_unit")
    a = anomaly(col, "UNEXPECTED_UNIT", severity="警告", file=disp)
    assert "区文化旅游委" in a.message
    fills = [v for v in col.values if v.file == disp and v.field in FILL_FIELDS]
    assert fills and all(not v.used and v.note for v in fills)
    assert "区文化旅游委" not in col.counted()
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_08b_made_up_unit_without_identity(tl, returns, tmp_path):
    d = folder(tmp_path)
    f = fill_return(returns[AGRI], tmp_path / "src.xlsx", "区文化旅游委", edit=_identity_unit("区文化旅游委"))
    dst = copy_to_new_workbook(f.path, d / "报送表.xlsx", sheet_title="Sheet1")
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, dst)
    s = submission(col, disp)
    assert s.unit is None and s.status == "unidentified"
    anomaly(col, "UNIDENTIFIED_FILE", severity="错误", file=disp)
    mine = [v for v in col.values if v.file == disp]
    assert len(mine) > 100 and all(v.used or v.note for v in mine)
    assert all(not v.used for v in mine if v.field in FILL_FIELDS)
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def _edit_reference(wb, ws):
    ws["C5"] = "（本单位修改）" + ws["C5"].value
    ws["D5"] = "2021年12月底前"


def test_09_reference_content_edited(tl, returns, tmp_path):
    d = folder(tmp_path)
    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, edit=_edit_reference)
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    assert_consolidated(col, f, disp)
    a = anomaly(col, "REFERENCE_EDITED", severity="警告", file=disp, sheet="报送表", cell="C5")
    assert "具体举措" in a.message
    a = anomaly(col, "REFERENCE_EDITED", severity="警告", file=disp, sheet="报送表", cell="D5")
    assert "完成时限" in a.message and "2021年12月底前" in a.message
    for cell in ("C5", "D5"):
        v = values_at(col, disp, "报送表", cell)
        assert not v.used and "改动" in v.note, v   # the edited text is kept, not taken as the task
    assert values_at(col, disp, "报送表", "C6").used   # untouched reference cells are
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


ODD_VALUES = {
    0: {"完成状态": "基本完成", "完成比例": "80%", "进展情况": "大部分已完成"},
    1: {"完成状态": "完成", "完成比例": 1, "进展情况": "已完成", "佐证材料": "验收单"},
    2: {"完成状态": "√", "进展情况": "已完成", "佐证材料": "照片"},
    3: {"完成状态": "已办结", "进展情况": "已办结", "佐证材料": "办结通知"},
    4: {"完成状态": "推进中", "完成比例": 0.8, "进展情况": "推进中"},
    5: {"完成状态": "序时推进", "完成比例": "80", "进展情况": "推进"},
    6: {"完成状态": "序时推进", "完成比例": "８０％", "进展情况": "推进"},
    7: {"完成状态": "序时推进", "完成比例": 80, "进展情况": "推进"},
}


def test_10_values_normalised(tl, returns, tmp_path):
    d = folder(tmp_path)

    def text_date(wb, ws):
        ws.cell(footer_row(ws), 10).value = "2020年11月20日"

    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI,
                    values=lambda i, seq, unit: ODD_VALUES.get(i, default_fill(i, seq, unit)), edit=text_date)
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    s = submission(col, disp)
    assert s.status == "counted"
    by_row = {r.row: r for r in s.reports}
    # a status outside the list: flagged at its cell, raw kept, no normalised value
    a = anomaly(col, "STATE_INVALID", severity="警告", file=disp, sheet="报送表", cell="F5")
    assert "基本完成" in a.message
    v = values_at(col, disp, "报送表", "F5")
    assert v.raw == "基本完成" and v.normalized is None and not v.used and v.note
    assert by_row[5].state is None and by_row[5].state_raw == "基本完成"
    # synonyms
    assert [by_row[r].state for r in (6, 7, 8, 9)] == ["已完成", "已完成", "已完成", "序时推进"]
    assert values_at(col, disp, "报送表", "F7").normalized == "已完成"
    # 完成比例 written four ways
    for r in (5, 9, 10, 11, 12):
        assert by_row[r].percent == pytest.approx(0.8), (r, by_row[r].percent_raw)
        v = values_at(col, disp, "报送表", f"G{r}")
        assert v.used and v.normalized == pytest.approx(0.8)
    assert by_row[11].percent_raw == "８０％"
    # a date typed as text
    assert s.report_date == dt.date(2020, 11, 20)
    fr = 5 + 19 + 1
    v = values_at(col, disp, "报送表", f"J{fr}")
    assert v.raw == "2020年11月20日" and v.normalized == dt.date(2020, 11, 20) and v.used
    assert not [a for a in col.anomalies if a.code == "PERCENT_INVALID"]
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_10b_unreadable_report_date_flagged(tl, returns, tmp_path):
    d = folder(tmp_path)

    def no_year(wb, ws):
        ws.cell(footer_row(ws), 10).value = "11月下旬"

    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, edit=no_year)
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    a = anomaly(col, "REPORT_DATE_INVALID", file=disp, sheet="报送表", cell="J25")
    assert "11月下旬" in a.message
    v = values_at(col, disp, "报送表", "J25")
    assert v.raw == "11月下旬" and v.normalized is None and not v.used and v.note
    assert submission(col, disp).report_date is None
    assert_consolidated(col, f, disp)
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_11_completed_without_evidence_or_below_100(tl, returns, tmp_path):
    d = folder(tmp_path)
    # 佐证 is asked of the units whose word closes the task out (README 「销号」 rules 3-4: the answering units of a
    # one-off task): row 6 (序号7, led, one-off) is told; row 0 (序号1, led, 「完成并长期坚持」: never closed out)
    # and row 2 (序号3, only 配合) are not (trial 10: a 配合单位 was told 「销号需要佐证」)
    odd = {0: {"完成状态": "已完成", "完成比例": 1, "进展情况": "已完成"},
           1: {"完成状态": "已完成", "完成比例": "60%", "进展情况": "已完成", "佐证材料": "验收报告"},
           2: {"完成状态": "已完成", "完成比例": 1, "进展情况": "配合完成"},
           6: {"完成状态": "已完成", "完成比例": 1, "进展情况": "已完成"}}
    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI,
                    values=lambda i, seq, unit: odd.get(i, default_fill(i, seq, unit)))
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    # (the empty 佐证材料 cell itself, where the unit is to write it; the status cell until session 17)
    evidence = openpyxl.load_workbook(f.path)["报送表"]
    col_of = {str(c.value).strip(): c.column_letter for row in evidence.iter_rows(max_row=4) for c in row if c.value}
    a = anomaly(col, "COMPLETED_NO_EVIDENCE", severity="警告", file=disp, sheet="报送表", cell=f"{col_of['佐证材料']}11")
    assert a.task == "7"
    a = anomaly(col, "COMPLETED_BELOW_100", severity="警告", file=disp, sheet="报送表", cell="F6")
    assert "60%" in a.message and a.task == "2"
    assert not [a for a in col.anomalies if a.code == "COMPLETED_NO_EVIDENCE" and a.cell != f"{col_of['佐证材料']}11"]
    assert_consolidated(col, f, disp)
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_12_merged_fill_cells(tl, returns, tmp_path):
    d = folder(tmp_path)
    text = "两项任务合并推进：已完成沿河排污口排查"

    def merge(wb, ws):
        ws["H5"] = text
        ws["H6"] = None
        ws.merge_cells("H5:H6")

    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, edit=merge)
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    a = anomaly(col, "MERGED_FILL_CELLS", severity="警告", file=disp, sheet="报送表", cell="H5")
    assert "H5:H6" in a.message
    s = submission(col, disp)
    by_row = {r.row: r for r in s.reports}
    assert by_row[5].progress == text and by_row[6].progress == text
    assert by_row[5].cells["progress"] == "H5" and by_row[6].cells["progress"] == "H5"
    v = values_at(col, disp, "报送表", "H5")
    assert v.used and v.task == by_row[5].task and v.field == "progress"   # first use wins
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_12b_merged_across_fill_columns(tl, returns, tmp_path):
    """进展情况 merged over 存在问题 in one row: the text is the progress, not also the problems."""
    d = folder(tmp_path)

    def merge(wb, ws):
        ws["I5"] = None
        ws.merge_cells("H5:I5")

    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, edit=merge)
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    r5 = next(r for r in submission(col, disp).reports if r.row == 5)
    assert r5.progress == f.expected[r5.task]["progress"]
    assert r5.problems == "" and "problems" not in r5.cells
    assert values_at(col, disp, "报送表", "H5").field == "progress"
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_13_empty_return(tl, returns, tmp_path):
    d = folder(tmp_path)
    f = fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI, values=blank_values,
                    reporter=None, phone=None, report_date=None)
    normal = add_normal(returns, d)
    col = run(tl, d)
    disp = display(d, f.path)
    assert submission(col, disp).status == "empty"
    anomaly(col, "EMPTY_RETURN", severity="警告", file=disp)
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])
    res = run_month(tl, [d], PERIOD, REPORT_DATE, due=DUE, use_history=False)
    units = {u.unit: u for u in res.units}
    assert units[AGRI].state == "空表" and units[AGRI].file == disp
    assert units[WATER].state == "已报送"
    assert AGRI in res.missing_units and WATER not in res.missing_units
    assert res.to_dict()["units"]


def test_14_attachments_and_text_named_xlsx(tl, returns, tmp_path):
    import docx
    d = folder(tmp_path)
    pdf = d / "区水利局佐证材料.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    doc = docx.Document()
    doc.add_paragraph("区水利局11月工作完成情况说明")
    docx_path = d / "工作说明.docx"
    doc.save(docx_path)
    fake = d / "区水利局报送表(2).xlsx"
    fake.write_text("这不是Excel文件，只是改了扩展名的文本\n", encoding="utf-8")
    normal = add_normal(returns, d)
    col = run(tl, d)
    for p in (pdf, docx_path):
        disp = display(d, p)
        anomaly(col, "ATTACHMENT", severity="提示", file=disp)
        assert submission(col, disp).status == "attachment"
    assert submission(col, display(d, pdf)).unit == WATER
    disp = display(d, fake)
    # 区水利局 also sent its return, which the month adopts: the file that cannot be read is a warning that says so
    a = anomaly(col, "NOT_SPREADSHEET", severity="警告", file=disp)
    assert "该单位另有采用的报送表" in a.message and "按「无法读取」催报" not in a.message, a.message
    assert submission(col, disp).status == "unreadable"
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_15_corrupt_and_password_protected(tl, returns, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile
    d = folder(tmp_path)
    src = fill_return(returns[AGRI], tmp_path / "src.xlsx", AGRI)
    data = src.path.read_bytes()
    cut = d / "区农业农村委(损坏).xlsx"
    cut.write_bytes(data[: len(data) // 2])
    enc = d / "区农业农村委(加密).xlsx"
    with open(src.path, "rb") as fi, open(enc, "wb") as fo:
        OOXMLFile(fi).encrypt("123456", fo)
    xlsb = Path(shutil.copy2(fixture_file("pass_protected.xlsb"), d / "pass_protected.xlsb"))
    normal = add_normal(returns, d)
    col = run(tl, d)
    anomaly(col, "CORRUPT", severity="错误", file=display(d, cut))
    anomaly(col, "PASSWORD", severity="错误", file=display(d, enc))
    anomaly(col, "PASSWORD", severity="错误", file=display(d, xlsb))
    for p in (cut, enc, xlsb):
        assert submission(col, display(d, p)).status == "unreadable"
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_16_lock_file_ignored(tl, returns, tmp_path):
    d = folder(tmp_path)
    normal = add_normal(returns, d, name="区水利局报送表.xlsx")
    lock = d / "~$区水利局报送表.xlsx"
    lock.write_bytes(b"\x08zhangsan" + b" " * 46 + b"\x08\x00z\x00h\x00a\x00n\x00g\x00" + b"\x00" * 100)
    col = run(tl, d)
    disp = display(d, lock)
    anomaly(col, "LOCK_FILE", severity="提示", file=disp)
    assert submission(col, disp).status == "ignored"
    assert not [v for v in col.values if v.file == disp]
    assert_consolidated(col, normal)
    assert_nothing_lost(col, [d])


def test_17_zip_with_gbk_member_names(tl, returns, tmp_path):
    d = folder(tmp_path)
    agri = fill_return(returns[AGRI], tmp_path / "a.xlsx", AGRI)
    water = fill_return(returns[WATER], tmp_path / "b.xlsx", WATER)
    members = {"区农业农村委11月报送表.xlsx": agri.path.read_bytes(),
               "子文件夹/": b"",
               "子文件夹/区水利局报送表.xlsx": water.path.read_bytes(),
               "子文件夹/说明.txt": "附件说明".encode("gbk")}
    z = write_zip(d / "11月报送表汇总.zip", members,
                  gbk_names={"区农业农村委11月报送表.xlsx", "子文件夹/", "子文件夹/说明.txt"})
    with zipfile.ZipFile(z) as zf:   # the archive really stores GBK bytes without the UTF-8 flag
        info = zf.infolist()[0]
        assert not info.flag_bits & 0x800 and info.filename != "区农业农村委11月报送表.xlsx"
    normal = add_normal(returns, d, RIVER)
    col = run(tl, d)
    zdisp = display(d, z)
    assert zdisp == "收到的报送表/11月报送表汇总.zip"
    assert not [s for s in col.submissions if s.file.endswith("/")]     # the folder entry is no file
    s = submission(col, f"{zdisp}!区农业农村委11月报送表.xlsx")
    assert s.unit == AGRI and s.status == "counted" and s.unit_how == "identity"
    s = submission(col, f"{zdisp}!子文件夹/区水利局报送表.xlsx")
    assert s.unit == WATER and s.status == "counted"
    anomaly(col, "ATTACHMENT", severity="提示", file=f"{zdisp}!子文件夹/说明.txt")
    assert_consolidated(col, agri, f"{zdisp}!区农业农村委11月报送表.xlsx")
    assert_consolidated(col, water)
    assert_consolidated(col, normal)
    assert assert_nothing_lost(col, [d])[f"{zdisp}!区农业农村委11月报送表.xlsx"] > 200


def _snapshot(col):
    return ([s.to_dict() for s in col.submissions], [a.to_dict() for a in col.anomalies],
            [v.to_dict() for v in col.values])


def test_18_deterministic_and_history_adds_only_new(tl, returns, tmp_path, history_db):
    """On each database (history_db: the SQLite file, or a PostgreSQL server)."""
    d = folder(tmp_path)
    fill_return(returns[AGRI], d / "区农业农村委.xlsx", AGRI)
    add_normal(returns, d)
    (d / "说明.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert _snapshot(run(tl, d)) == _snapshot(run(tl, d))

    hist = tmp_path / "档案"
    r1 = run_month(tl, [d], PERIOD, REPORT_DATE, due=DUE, history_folder=hist)
    assert sorted(r1.new_files) == sorted(display(d, p) for p in d.iterdir())
    h = History(hist, db=history_db)
    c1 = h.counts()
    h.close()
    r2 = run_month(tl, [d], PERIOD, REPORT_DATE, due=DUE, history_folder=hist)
    # the history adds nothing, and the month says the same 新文件 (README: the files whose content came first this
    # period, not the ones new to this run: the session-19 trial's first month said 「新文件 0 个」)
    assert r2.new_files == r1.new_files
    h = History(hist, db=history_db)
    c2 = h.counts()
    h.close()
    for t in ("submissions", "cell_values", "runs"):
        assert c2[t] == c1[t], t
    assert r2.to_dict()["units"] == r1.to_dict()["units"]

    # late by evidence (its 填报日期), not by the file's time
    late = fill_return(returns[RIVER], d / "区河长办报送表.xlsx", RIVER, mtime=LATE, report_date=LATE.date())
    r3 = run_month(tl, [d], PERIOD, REPORT_DATE, due=DUE, history_folder=hist)
    late_disp = display(d, late.path)
    assert sorted(r3.new_files) == sorted(r1.new_files + [late_disp])
    h = History(hist, db=history_db)
    c3 = h.counts()
    h.close()
    assert c3["submissions"] == c2["submissions"] + 1
    assert c3["runs"] == c2["runs"] + 1
    assert c3["cell_values"] == c2["cell_values"] + len([v for v in r3.col.values if v.file == late_disp])
    units = {u.unit: u for u in r3.units}
    assert units[RIVER].state == "逾期报送" and units[RIVER].file == late_disp
    assert units[AGRI].state == "已报送" and units[WATER].state == "已报送"
    assert submission(r3.col, late_disp).late
    assert_nothing_lost(r3.col, [d])


def test_04c_title_with_a_loosely_written_unit_and_date_without_year(tl, returns, tmp_path):
    """A unit writes its own name without the level (农业农村委) and the date as 11月20日."""
    d = folder(tmp_path)
    filled = fill_return(returns[AGRI], tmp_path / "src.xlsx", AGRI)
    dst = copy_to_new_workbook(filled.path, d / "进展.xlsx", sheet_title="Sheet1")
    wb = openpyxl.load_workbook(dst)
    ws = wb.active
    ws["A2"] = "填报单位：农业农村委　　报送期：2020年11月"
    ws.cell(footer_row(ws), 10).value = "11月20日"
    wb.save(dst)
    set_mtime(dst, ON_TIME)
    col = run(tl, d)
    s = submission(col, display(d, dst))
    assert (s.unit, s.unit_how, s.status) == (AGRI, "title", "counted")
    assert s.report_date == dt.date(2020, 11, 20)
    assert_nothing_lost(col, [d])


def test_31_not_started_with_progress_is_flagged(tl, returns, tmp_path):
    """「未启动」 with a 完成比例 above 0 contradicts itself: the cell is named; the state decides."""
    d = folder(tmp_path)

    def values(i, seq, unit):
        return {"完成状态": "未启动", "完成比例": 0.6, "进展情况": "前期工作已完成六成"} if i == 0 else {}
    f = fill_return(returns[RIVER], d / "区河长办.xlsx", RIVER, values=values)
    col = run(tl, d)
    key, row = next(iter(f.rows.items()))
    a = anomaly(col, "STATE_PERCENT_MISMATCH", file=display(d, f.path))
    assert a.cell == f"G{row}" and "60%" in a.message
    assert col.reports()[key][RIVER].state == "未启动"


def test_04a2_contact_typed_in_one_cell_is_the_returns_contact(tl, returns, tmp_path):
    """Trial 21: a county's own table ended with one cell 「填报人：王会计　联系电话：0373-5556677」, filed as
    「未归入任务的内容」; the 报送情况 had no contact for it (README: the sheet's 填报人 where the 名录 has none)."""
    d = folder(tmp_path)
    filled = fill_return(returns[AGRI], tmp_path / "src.xlsx", AGRI)
    dst = copy_to_new_workbook(filled.path, d / "报送表（复制）.xlsx", sheet_title="11月进展")
    wb = openpyxl.load_workbook(dst)
    ws = wb.active
    [r] = [c.row for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("填报人")]
    for c in ws[r]:
        c.value = None
    ws.cell(r, 1).value = "填报人：王会计\u3000联系电话：0373-5556677"
    wb.save(dst)
    col = run(tl, d)
    s = submission(col, display(d, dst))
    assert (s.unit, s.status) == (AGRI, "counted")
    assert (s.reporter, s.phone) == ("王会计", "0373-5556677")
    v = values_at(col, display(d, dst), "11月进展", f"A{r}")
    assert v.used and v.note == "填报信息：填报人、联系电话"
    assert not any(a.code == "UNUSED_CELLS" and f"A{r}" in a.message for a in col.anomalies if a.file == display(d, dst))


FORMULA_WORDS = "=已完成2020年度雨污分流改造自查评估报告，报区政府审定"


def test_32_words_typed_after_an_equals_sign_are_kept_and_said(tl, returns, tmp_path):
    """Trial 23: a unit typed 「=已完成…」 in 进展情况; Excel, WPS and LibreOffice make it a formula that cannot be
    worked out (LibreOffice caches #NAME?; openpyxl, as a script writes it, caches nothing).  Its words vanished from
    the 汇总 and the JSON with no line anywhere.  Now the cell reads as the text typed, and 异常清单 says where; a
    formula with a value (=SUM → 5) is read as its value."""
    d = folder(tmp_path)

    def formulas(wb, ws):
        cols = header_columns(ws)
        first = task_rows(ws)[0]
        ws.cell(first, cols["进展情况"]).value = FORMULA_WORDS           # openpyxl: a formula, no cached value
        ws.cell(first + 1, cols["存在问题"]).value = "=SUM(2,3)"
    f = fill_return(returns[RIVER], tmp_path / "src" / "区河长办报送表.xlsx", RIVER, edit=formulas)
    script = shutil.copy2(f.path, d / "区河长办报送表.xlsx")
    set_mtime(Path(script), ON_TIME)
    col = run(tl, d)
    disp = display(d, Path(script))
    s = submission(col, disp)
    assert s.status == "counted"
    by_row = {r.row: r for r in s.reports}
    assert by_row[5].progress == FORMULA_WORDS and by_row[6].problems == "=SUM(2,3)"     # nothing cached: both said
    a = anomaly(col, "FORMULA_TEXT", severity="警告", file=disp, sheet="报送表", cell="H5")
    assert "H5、I6" in a.message and "已按填写的原文读作文字" in a.message
    assert values_at(col, disp, "报送表", "H5").raw == FORMULA_WORDS
    assert_nothing_lost(col, [d])

    # the same sheet opened and saved by LibreOffice: it works the formulas out (#NAME? and 5)
    lo = folder(tmp_path, "另存")
    saved = office_convert(office_convert(f.path, "ods", tmp_path / "ods"), "xlsx", tmp_path / "xlsx")
    assert b"</f>" in zipfile.ZipFile(saved).read("xl/worksheets/sheet1.xml")       # still formulas
    dst = shutil.copy2(saved, lo / "区河长办报送表.xlsx")
    set_mtime(Path(dst), ON_TIME)
    col = run(tl, lo)
    disp = display(lo, Path(dst))
    by_row = {r.row: r for r in submission(col, disp).reports}
    assert by_row[5].progress == FORMULA_WORDS and by_row[6].problems == "5"
    a = anomaly(col, "FORMULA_TEXT", file=disp, cell="H5")
    assert "有1个单元格" in a.message and "I6" not in a.message


def test_32b_the_issued_sheet_takes_typed_text_as_text(returns):
    """Where a unit types words, the issued sheet's cells are formatted as text (@): Excel, WPS and LibreOffice then
    keep 「=…」 as typed instead of making it a formula; 完成比例 and 申请延期至 keep their number formats."""
    wb = openpyxl.load_workbook(returns[RIVER])
    ws = wb["报送表"]
    cols = header_columns(ws)
    r = task_rows(ws)[0]
    for h in ("进展情况", "存在问题", "下步打算", "佐证材料", "延期理由"):
        assert ws.cell(r, cols[h]).number_format == "@", h
    assert ws.cell(r, cols["完成比例"]).number_format == "0%"
    assert ws.cell(r, cols["申请延期至"]).number_format == "yyyy-mm-dd"
