"""Make the returns units send back, in every shape they send them, for the collect tests.

Start from a return workbook written by ``split_returns`` and fill it the way a
clerk does (openpyxl writes into the protected sheet as Excel would after the
clerk types), then damage it: move rows, insert columns, copy into a new book,
save as CSV in GBK, zip it with GBK names, and so on.  Also an independent
reader (openpyxl for xlsx, python-calamine for the others, the csv module for
csv) that the "nothing lost" assertion compares the collect's values with.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

SHEET = "报送表"
HEADER_ROW = 4
FIRST_ROW = 5
FILL_HEADERS = ["完成状态", "完成比例", "进展情况", "存在问题", "下步打算", "佐证材料"]
FIELD_OF = {"完成状态": "state", "完成比例": "percent", "进展情况": "progress", "存在问题": "problems",
            "下步打算": "next_steps", "佐证材料": "evidence", "本期数值": "value", "申请延期至": "extend_to",
            "延期理由": "extend_reason"}

ON_TIME = dt.datetime(2020, 11, 20, 10, 30)     # before the due date 2020-11-25
LATE = dt.datetime(2020, 11, 28, 16, 0)         # after it


# --- filling a return ------------------------------------------------------------------

def header_columns(ws) -> dict[str, int]:
    """Header text -> 1-based column of the return sheet."""
    return {str(c.value).strip(): c.column for c in ws[HEADER_ROW] if c.value not in (None, "")}


def task_rows(ws) -> list[int]:
    """Rows that hold a task (序号 filled), from row 5 down to the footer."""
    rows = []
    r = FIRST_ROW
    while ws.cell(r, 1).value not in (None, ""):
        rows.append(r)
        r += 1
    return rows


def footer_row(ws) -> int:
    for r in range(FIRST_ROW, ws.max_row + 1):
        if str(ws.cell(r, 1).value or "").startswith("填报人"):
            return r
    raise AssertionError("footer not found")


def default_fill(i: int, seq: str, unit: str) -> dict:
    """The known values a unit types into task row i (0-based) of its return."""
    if i % 3 == 0:
        return {"完成状态": "已完成", "完成比例": 1, "进展情况": f"{unit}第{seq}项任务已全部完成并通过验收",
                "存在问题": "无", "下步打算": "巩固成果，防止反弹", "佐证材料": f"验收报告{seq}.pdf"}
    if i % 3 == 1:
        return {"完成状态": "序时推进", "完成比例": 0.6, "进展情况": f"{unit}第{seq}项任务正按计划推进，已完成六成工程量",
                "存在问题": "资金拨付较慢", "下步打算": "加快施工进度"}
    return {"完成状态": "持续推进", "进展情况": f"{unit}第{seq}项任务已常态化开展巡查",
            "下步打算": "继续开展日常巡查"}


@dataclass
class Filled:
    path: Path
    unit: str
    expected: dict          # task key -> {field: raw value written}
    rows: dict              # task key -> row


def fill_return(src: Path, dst: Path, unit: str, *, values=None, reporter="张三", phone="023-49880000",
                report_date=dt.date(2020, 11, 20), mtime: dt.datetime | None = ON_TIME, edit=None) -> Filled:
    """Copy split's return ``src`` to ``dst`` with every task row filled.

    ``values(i, seq, unit)`` gives {header: value} for row i (default ``default_fill``);
    ``edit(wb, ws)`` may change the workbook further before it is saved."""
    values = values or default_fill
    wb = openpyxl.load_workbook(src)
    ws = wb[SHEET]
    cols = header_columns(ws)
    expected, rows = {}, {}
    for i, r in enumerate(task_rows(ws)):
        seq = str(ws.cell(r, 1).value)
        key = str(ws.cell(r, cols["任务编号"]).value)
        vals = values(i, seq, unit)
        for h, v in vals.items():
            c = ws.cell(r, cols[h])
            c.value = v
            if h == "完成比例" and isinstance(v, str):
                c.data_type = "s"
        expected[key] = {FIELD_OF[h]: v for h, v in vals.items()}
        rows[key] = r
    fr = footer_row(ws)
    if reporter is not None:
        ws.cell(fr, 2, reporter)
    if phone is not None:
        ws.cell(fr, 6, phone)
    if report_date is not None:
        ws.cell(fr, 10, report_date)
    if edit:
        edit(wb, ws)
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)
    if mtime:
        set_mtime(dst, mtime)
    return Filled(dst, unit, expected, rows)


def with_far_sheet(path: Path) -> Path:
    """A filled return with an appendix sheet whose used range reaches T22000 (the trial-13 unit's 附表: 44万 cells,
    over the 20万 a file may have): 无法读取."""
    wb = openpyxl.load_workbook(path)
    extra = wb.create_sheet("附表")
    extra["A1"] = "附：佐证材料清单"
    extra["T22000"] = "（完）"
    wb.save(path)
    return path


def blank_values(i, seq, unit):
    return {}


def state_values(rows: dict):
    """A values function for fill_return: {序号: (完成状态, 完成比例 or None)}; other rows blank.
    The progress text carries < and & (user text is data); 已完成 comes with evidence."""
    def values(i, seq, unit):
        if seq not in rows:
            return {}
        state, pct = rows[seq]
        out = {"完成状态": state, "进展情况": f"{unit}：第{seq}项<进展>&说明"}
        if pct is not None:
            out["完成比例"] = pct
        if state == "已完成":
            out["佐证材料"] = "验收报告.pdf"
        return out
    return values


def set_mtime(path: Path, when: dt.datetime):
    t = when.timestamp()
    os.utime(path, (t, t))


def sheet_rows(path: Path, sheet: str = SHEET) -> list[list]:
    """Values of the visible sheet, row by row (openpyxl), for copying into other shapes."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    return [[c.value for c in row] for row in ws.iter_rows()]


def copy_to_new_workbook(src: Path, dst: Path, *, sheet_title="11月进展", drop_key=True,
                         mtime=ON_TIME) -> Path:
    """What a clerk does with 'select all, copy, paste into a new workbook': values only,
    no identity sheet, and (drop_key) without the hidden 任务编号 column."""
    rows = sheet_rows(src)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet_title
    for row in rows:
        ws.append(row[:11] if drop_key else row)
    wb.save(dst)
    if mtime:
        set_mtime(dst, mtime)
    return dst


def write_csv_gbk(src: Path, dst: Path, *, mtime=ON_TIME) -> Path:
    """Save the visible sheet as CSV the way Chinese Excel does: ANSI code page (GBK)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for row in sheet_rows(src):
        out = []
        for v in row:
            if v is None:
                out.append("")
            elif isinstance(v, dt.datetime):
                out.append(f"{v.year}/{v.month}/{v.day}")
            elif isinstance(v, float) and v.is_integer():
                out.append(str(int(v)))
            else:
                out.append(str(v))
        w.writerow(out)
    dst.write_bytes(buf.getvalue().encode("gbk"))
    if mtime:
        set_mtime(dst, mtime)
    return dst


class _GbkZipInfo(zipfile.ZipInfo):
    """A member name stored in GBK without the UTF-8 flag, as Windows' zip tools write it."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_zip(dst: Path, members: dict[str, bytes], *, gbk_names=(), when=ON_TIME) -> Path:
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            cls = _GbkZipInfo if name in gbk_names else zipfile.ZipInfo
            info = cls(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    set_mtime(dst, when)
    return dst


def sha256_tree(paths) -> dict[str, str]:
    out = {}
    for p in paths:
        p = Path(p)
        files = [p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file())
        for f in files:
            out[str(f)] = hashlib.sha256(f.read_bytes()).hexdigest() + f":{f.stat().st_mtime_ns}"
    return out


# --- an independent reader ----------------------------------------------------------------

def text_of(v) -> str:
    """A cell value as text, the way the clerk sees it (0.8 -> '0.8', 1.0 -> '1', dates ISO)."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ", timespec="minutes")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dt.time):
        return f"{v.hour:02d}:{v.minute:02d}"
    if isinstance(v, dt.timedelta):
        s = int(v.total_seconds())
        return f"{s // 3600:02d}:{s % 3600 // 60:02d}"
    return str(v)


def independent_cells(name: str, data: bytes) -> dict[tuple[str, str], str] | None:
    """(sheet, cell) -> text of every non-empty cell, or None when the file is no readable
    spreadsheet.  openpyxl for xlsx, python-calamine for xls/xlsb/ods, csv module for csv."""
    suffix = Path(name).suffix.lower()
    out: dict[tuple[str, str], str] = {}
    if suffix in (".xlsx", ".xlsm"):
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
            formulas = openpyxl.load_workbook(io.BytesIO(data))
        except Exception:
            return None
        errors = ("#NAME?", "#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NULL!")
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    v = c.value
                    typed = formulas[ws.title][c.coordinate].value
                    if (v is None or v in errors) and isinstance(typed, str) and typed.startswith("="):
                        v = typed        # a formula with nothing to show: what the unit typed is the cell's text
                    t = text_of(v).strip()
                    if t:
                        out[(ws.title, c.coordinate)] = t
        return out
    if suffix in (".xls", ".xlsb", ".ods"):
        import python_calamine as pc
        try:
            wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except BaseException as e:  # noqa: BLE001
            if isinstance(e, KeyboardInterrupt):
                raise
            return None
        for name_ in wb.sheet_names:
            try:
                rows = wb.get_sheet_by_name(name_).to_python(skip_empty_area=False)
            except BaseException as e:  # noqa: BLE001 - a chart sheet has no cells
                if isinstance(e, KeyboardInterrupt):
                    raise
                continue
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    t = text_of(v).strip()
                    if t:
                        out[(name_, f"{get_column_letter(c + 1)}{r + 1}")] = t
        return out
    if suffix == ".csv":
        for enc in ("utf-8-sig", "gbk"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            return None
        for r, row in enumerate(csv.reader(io.StringIO(text, newline=""))):
            for c, v in enumerate(row):
                if v.strip():
                    out[(Path(name).stem, f"{get_column_letter(c + 1)}{r + 1}")] = v.strip()
        return out
    return None


def decode_member(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def received_files(inputs) -> dict[str, bytes]:
    """display name -> bytes of everything the clerk handed over: folder files as
    'folder/relative/path', zip members as 'archive.zip!member' (zip in zip too)."""
    out: dict[str, bytes] = {}

    def add(display: str, data: bytes):
        if display.lower().endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist():
                    if not info.is_dir():
                        add(f"{display}!{decode_member(info)}", z.read(info))
        else:
            out[display] = data

    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                add(f.relative_to(p.parent).as_posix(), f.read_bytes())
        else:
            add(p.name, p.read_bytes())
    return out


def fill_issued(issued_dir: Path, inbox: Path, period: str, fills: dict) -> None:
    """Each unit of ``fills`` ({unit: {序号: (完成状态, 完成比例 or None, 进展情况)}}) fills the sheet split issued it
    (``issued_dir``) into ``inbox`` on the 20th of the period; 已完成 lists its evidence."""
    issued = {f.stem.split("_")[1]: f for f in Path(issued_dir).glob("*.xlsx")}
    y, m = map(int, period.split("-"))
    for unit, rows in fills.items():
        def values(i, seq, u, rows=rows):
            if seq not in rows:
                return {}
            state, pct, text = rows[seq]
            v = {"完成状态": state, "进展情况": text}
            if pct is not None:
                v["完成比例"] = pct
            if state == "已完成":
                v["佐证材料"] = "验收报告.pdf"
            return v
        fill_return(issued[unit], Path(inbox) / f"{unit}.xlsx", unit, values=values, report_date=dt.date(y, m, 20),
                    mtime=None)


def issued_month(root: Path, tasks: dict, units: list[str], period: str, fills: dict, *, settings=()) -> Path:
    """A rule list (write_rule_list) in ``root``, its ``period`` split by the command line into root/下发 and filled
    into root/收回 (fill_issued); returns the list's path."""
    from click.testing import CliRunner
    from zhishui.cli import cli
    lst = write_rule_list(root / "清单.xlsx", tasks, units, settings=settings)
    r = CliRunner().invoke(cli, ["split", str(lst), "--period", period, "--out", str(root / "下发"),
                                 "--date", f"{period}-01"])
    assert r.exit_code == 0, r.output
    fill_issued(root / "下发", root / "收回", period, fills)
    return lst


def write_rule_list(path: Path, tasks: dict, units: list[str], *, settings=()) -> Path:
    """The small list the rule tables' tests judge: 序号, 具体举措, 完成时限 and the three unit columns (tasks: seq ->
    the other five cells), a 单位名录 (a name ending in 镇 is a town) and 设置 with 成文日期 2020-01-01 and the items given."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"])
    for seq, row in tasks.items():
        ws.append([int(seq), *row])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for n in units:
        d.append([n, "镇" if n.endswith("镇") else "部门"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["成文日期", dt.datetime(2020, 1, 1)])
    for item in settings:
        s.append(list(item))
    wb.save(path)
    return path


def blank_in_place_of(inbox: Path, unit: str, list_path: Path, issued: Path, period=dt.date(2020, 11, 1),
                      due=dt.date(2020, 11, 25), received="2020-11-20 09:00") -> None:
    """The folder of returns with ``unit``'s replaced by the sheet it was issued, sent back blank (空表), and its time
    in the clerk's 收件记录.csv."""
    from zhishui.split import split_returns
    from zhishui.tasks import load_list
    import shutil
    for p in inbox.glob(f"*{unit}*"):
        p.unlink()
    [mine] = [f for f in split_returns(load_list(list_path), period, issued, due=due) if f.unit == unit]
    shutil.copy(mine.path, inbox / mine.path.name)
    log = inbox / "收件记录.csv"
    log.write_text(log.read_text(encoding="utf-8-sig") + f"{mine.path.name},{received}\n", encoding="utf-8-sig")

