#!/usr/bin/env python3
"""Build the sample workbooks in samples/ from the seed documents.

Usage::

    python samples/build_samples.py [--out DIR] [--seeds DIR]

The seeds are the plain-text copies of two real government documents kept in
``../shared/seeds`` beside the project root:

* ``001_68d812cbbc76274b.txt`` -- 永川区 整改任务分解表 (63 tasks), a table that
  was flattened to one cell per line;
* ``003_7e3bd5380a7311d5.txt`` -- 新乡市 责任清单 (38 rows), a tab-separated
  table.

Every cell text is copied verbatim from the seed (only leading/trailing
whitespace is stripped), including the seeds' own typos and their mix of
full-width and half-width punctuation.  The output is deterministic: fixed
document properties and fixed timestamps inside the zip container.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
DEFAULT_SEEDS = HERE.parent.parent / "shared" / "seeds"

SEED001 = "001_68d812cbbc76274b.txt"
SEED003 = "003_7e3bd5380a7311d5.txt"

OUT001 = Path("seed001") / "永川区整改任务分解表.xlsx"
OUT003 = Path("seed003") / "新乡市污水处理提质增效三年行动方案责任清单.xlsx"
OUT003_DIR = Path("seed003") / "新乡市单位名录.xlsx"

FIXED_TIME = dt.datetime(2024, 1, 1, 0, 0, 0)
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------
# Column layouts
# --------------------------------------------------------------------------
HEADER001 = ["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"]
HEADER003 = ["序号", "重点任务", "工作具体内容", "工作完成期限", "责任单位", "责任人", "配合单位"]
WIDTHS001 = [6, 20, 62, 16, 20, 26, 26]
WIDTHS003 = [6, 20, 58, 14, 26, 24, 28]

DIR_HEADER = ["单位名称", "简称/别名", "类型", "分组", "联系人", "联系电话", "电子邮箱"]
DIR_WIDTHS = [34, 40, 12, 12, 10, 14, 22]
UNIT_KINDS = ["部门", "街道", "镇", "乡", "县", "县级市", "区", "管委会", "产业促进中心", "企业", "其他"]

SETTINGS_HEADER = ["项目", "值", "说明"]
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

# --------------------------------------------------------------------------
# Seed 001: 永川区
# --------------------------------------------------------------------------
CATEGORY_RE = re.compile(r"^[一二三四五六七八九十]+、")

# The 23 镇街 and the 3 产业促进中心 of 永川区: the members of the groups the
# list uses (各镇街, 相关镇街, 各产业促进中心).
YC_STREETS = ["中山路街道", "胜利路街道", "南大街街道", "茶山竹海街道", "大安街道", "陈食街道", "卫星湖街道"]
YC_TOWNS = [
    "青峰镇", "金龙镇", "临江镇", "何埂镇", "松溉镇", "仙龙镇", "吉安镇", "五间镇",
    "来苏镇", "宝峰镇", "双石镇", "红炉镇", "永荣镇", "三教镇", "板桥镇", "朱沱镇",
]
YC_CENTRES = ["凤凰湖产业促进中心", "三教产业促进中心", "港桥产业促进中心"]

# Units named in the seed-001 list, with kind and aliases (full official
# names only where they are certain).  Order: departments, other bodies,
# companies.  The slip 区市场管理局 (for 区市场监管局) is deliberately absent.
YC_UNITS: list[tuple[str, str, list[str]]] = [
    ("区农业农村委", "部门", ["永川区农业农村委员会"]),
    ("区生态环境局", "部门", ["永川区生态环境局"]),
    ("区商务委", "部门", ["永川区商务委员会"]),
    ("区市场监管局", "部门", ["永川区市场监督管理局"]),
    ("区经济信息委", "部门", ["永川区经济和信息化委员会"]),
    ("区水利局", "部门", ["永川区水利局"]),
    ("区城市管理局", "部门", ["永川区城市管理局"]),
    ("区发展改革委", "部门", ["永川区发展和改革委员会"]),
    ("区河长办", "部门", ["永川区河长制办公室"]),
    ("区住房城乡建委", "部门", ["永川区住房和城乡建设委员会"]),
    ("区新城建管委", "部门", []),
    ("区卫健委", "部门", ["永川区卫生健康委员会"]),
    ("区财政局", "部门", ["永川区财政局"]),
    ("区交通局", "部门", ["永川区交通局"]),
    ("区委编办", "部门", ["中共重庆市永川区委机构编制委员会办公室"]),
    ("区公安局", "部门", ["重庆市公安局永川区分局"]),
    ("区金融办", "部门", []),
    ("区司法局", "部门", ["永川区司法局"]),
    ("区纪委监委", "部门", []),
    ("区委组织部", "部门", ["中共重庆市永川区委组织部"]),
    ("临江河指挥部办公室", "其他", []),
    ("区检察院", "其他", ["重庆市永川区人民检察院"]),
    ("重庆市永川区三峰环保发电有限公司", "企业", []),
    ("重庆市永川区惠永水务有限公司", "企业", []),
    ("重庆环投永川分公司", "企业", []),
    ("重庆市渝西水务有限公司", "企业", []),
]

SLIP_NAMES = {"区市场管理局"}  # slips in the seed, never directory entries


def read_seed(seeds: Path, name: str) -> str:
    path = seeds / name
    if not path.is_file():
        raise SystemExit(f"seed not found: {path}")
    return path.read_text(encoding="utf-8")


def parse_seed001(text: str) -> list[dict]:
    """Return the 63 task rows of seed 001 as dicts keyed by HEADER001."""
    lines = text.split("\n")
    # The table starts after the line 整改任务分解表 that follows a bare 附件.
    start = None
    for i, line in enumerate(lines):
        if line.strip() == "附件":
            nxt = next((l.strip() for l in lines[i + 1:] if l.strip()), "")
            if nxt == "整改任务分解表":
                j = i + 1
                while lines[j].strip() != "整改任务分解表":
                    j += 1
                start = j + 1
                break
    if start is None:
        raise ValueError("seed 001: table heading not found")
    end = next(i for i in range(start, len(lines)) if lines[i].strip().startswith("抄送"))

    # One cell per line; k blank lines between two non-empty lines mean k-1
    # empty cells between them.  The gap before 抄送 is not between cells.
    cells: list[str] = []
    blanks = None
    for line in lines[start:end]:
        s = line.strip()
        if not s:
            blanks = (blanks or 0) + 1
            continue
        if blanks is not None and cells:
            cells.extend([""] * (blanks - 1))
        blanks = 0
        cells.append(s)

    if cells[:7] != HEADER001:
        raise ValueError(f"seed 001: unexpected header {cells[:7]}")
    pos = 7
    rows: list[dict] = []
    n = 1
    while pos < len(cells):
        if cells[pos] != str(n):
            raise ValueError(f"seed 001: expected 序号 {n} at cell {pos}, got {cells[pos]!r}")
        has_category = bool(CATEGORY_RE.match(cells[pos + 1]))
        width = 7 if has_category else 6
        row_cells = cells[pos:pos + width]
        nxt = cells[pos + width] if pos + width < len(cells) else None
        if nxt is not None and nxt != str(n + 1):
            raise ValueError(f"seed 001: row {n} has an inconsistent cell count")
        if not has_category:
            row_cells = [row_cells[0], ""] + row_cells[1:]
        row = dict(zip(HEADER001, row_cells))
        row["序号"] = int(row["序号"])
        rows.append(row)
        pos += width
        n += 1
    if [r["序号"] for r in rows] != list(range(1, 64)):
        raise ValueError("seed 001: 序号 does not run 1..63")
    if not rows[0]["重点任务"]:
        raise ValueError("seed 001: first row has no category")
    return rows


def seed001_contact(text: str) -> dict:
    m = re.search(r"联系人:(?P<name>[^;]+);联系电话:(?P<phone>[^;]+);邮箱:(?P<mail>[^)）]+)", text)
    if not m:
        raise ValueError("seed 001: contact not found")
    return {"联系人": m["name"].strip(), "联系电话": m["phone"].strip(), "电子邮箱": m["mail"].strip()}


def split_units(cell: str) -> list[str]:
    """Split a unit cell on 、，,；; outside brackets (各县(市、区)政府 stays whole)."""
    parts, buf, depth = [], [], 0
    for ch in cell or "":
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(depth - 1, 0)
        if depth == 0 and ch in "、，,；;":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p.strip() for p in parts if p.strip()]


def yc_directory(rows: list[dict], contact: dict) -> list[list]:
    """Directory rows for 永川区; checks that it covers every unit the list names."""
    named: list[str] = []
    for r in rows:
        for col in ("牵头单位", "责任单位", "配合单位"):
            for u in split_units(r[col]):
                u = re.sub(r"等.*$", "", u)  # tails: 等, 等区级部门及各镇街
                if u and not u.startswith(("各", "相关")) and u not in named:
                    named.append(u)
    known = {u for u, _, _ in YC_UNITS} | set(YC_STREETS) | set(YC_TOWNS) | set(YC_CENTRES)
    missing = [u for u in named if u not in known and u not in SLIP_NAMES]
    if missing:
        raise ValueError(f"seed 001: units without a directory entry: {missing}")
    unused = [u for u, _, _ in YC_UNITS if u not in named]
    if unused:
        raise ValueError(f"seed 001: directory entries not named in the list: {unused}")

    out: list[list] = []
    for name, kind, aliases in YC_UNITS:
        row = [name, "、".join(aliases), kind, "", "", "", ""]
        if name == "区生态环境局":
            row[4:7] = [contact["联系人"], contact["联系电话"], contact["电子邮箱"]]
        out.append(row)
    for name in YC_STREETS:
        out.append([name, f"{name}办事处", "街道", "镇街", "", "", ""])
    for name in YC_TOWNS:
        out.append([name, f"{name}人民政府", "镇", "镇街", "", "", ""])
    for name in YC_CENTRES:
        out.append([name, "", "产业促进中心", "产业促进中心", "", "", ""])
    return out


def yc_settings(text: str, contact: dict) -> list[list]:
    items = [
        ["发文机关", "重庆市永川区人民政府办公室", "印发方案的机关"],
        ["文件标题", "重庆市永川区人民政府办公室关于印发区人大常委会水污染防治工作情况评议意见整改方案的通知", "印发通知的标题"],
        ["文号", "永川府办发〔2020〕82号", "发文字号"],
        ["成文日期", dt.datetime(2020, 9, 23), "文件落款日期"],
        ["方案名称", "区人大常委会水污染防治工作情况评议意见整改方案", "责任清单所属的方案"],
        ["地区", "重庆市永川区", "方案适用的行政区域"],
        ["汇总单位", "区生态环境局", "收集、汇总各单位报送情况的单位"],
        ["联系人", contact["联系人"], "汇总单位联系人"],
        ["联系电话", contact["联系电话"], "汇总单位联系电话"],
        ["电子邮箱", contact["电子邮箱"], "报送材料的电子邮箱"],
        # the office's 发文机关代字 for its own letters: examples (the seed does not give them)
        ["通报文号前缀", "永环", "发文机关代字（示例）：通报的文号 永环〔2020〕N号"],
        ["督办文号前缀", "永环督", "发文机关代字（示例）"],
        ["催报文号前缀", "永环办函", "发文机关代字（示例）"],
    ]
    for key in ("发文机关", "文件标题", "文号", "方案名称"):
        value = next(v for k, v, _ in items if k == key)
        if value not in text:
            raise ValueError(f"seed 001: setting {key} not found in the seed: {value}")
    return items


# --------------------------------------------------------------------------
# Seed 003: 新乡市
# --------------------------------------------------------------------------
HEADING003 = "新乡市污水处理提质增效三年行动方案（2019—2021年）责任清单"

# Category spans (first..last 序号; "C" is the continuation row of task 1),
# decided from the plan's body text.  The category is printed on one row of
# its span in the seed.
SPANS003: list[tuple[object, object]] = [
    (1, "C"), (3, 5), (6, 6), (7, 9), (10, 12), (13, 14), (15, 17), (18, 18),
    (19, 19), (20, 20), (21, 21), (22, 24), (25, 26), (27, 28), (29, 30),
    (31, 32), (33, 34), (35, 36), (37, 37), (38, 38),
]
# Columns of the continuation row that are merged with task 1 above it.
CONT_MERGED = ["重点任务", "责任单位", "责任人", "配合单位"]

XX_UNITS: list[tuple[str, str, list[str]]] = [
    ("市住房和城乡建设局", "部门", ["市住建局"]),
    ("市生态环境局", "部门", []),
    ("市发展和改革委员会", "部门", ["市发改委"]),
    ("市自然资源和规划局", "部门", []),
    ("市卫生健康委员会", "部门", ["市卫健委", "市卫生健康委"]),
    ("市市场监督管理局", "部门", ["市市场监管局"]),
    ("市水利局", "部门", []),
    ("市财政局", "部门", []),
    ("市地方金融监督管理局", "部门", ["市金融局", "市金融工作局"]),
    ("市工业和信息化局", "部门", ["市工信局"]),
    ("市商务局", "部门", []),
    ("市城市管理局", "部门", []),
    ("卫辉市人民政府", "县级市", ["卫辉市政府"]),
    ("辉县市人民政府", "县级市", []),
    ("长垣市人民政府", "县级市", []),
    ("新乡县人民政府", "县", []),
    ("获嘉县人民政府", "县", ["获嘉县政府"]),
    ("原阳县人民政府", "县", []),
    ("延津县人民政府", "县", []),
    ("封丘县人民政府", "县", []),
    ("红旗区人民政府", "区", ["红旗区"]),
    ("卫滨区人民政府", "区", ["卫滨区"]),
    ("凤泉区人民政府", "区", ["凤泉区"]),
    ("牧野区人民政府", "区", ["牧野区"]),
    ("新乡高新技术产业开发区管理委员会", "管委会", ["高新区", "高新区管委会"]),
    ("新乡经济技术开发区管理委员会", "管委会", ["经开区管委会", "经开区"]),
    ("平原城乡一体化示范区管理委员会", "管委会", ["平原示范区管委会"]),
    ("新乡投资集团有限公司", "企业", ["新乡投资集团"]),
    ("厦门水务（新乡）城建集团", "企业", ["厦门水务(新乡)城建集团"]),
]


def parse_seed003(text: str) -> list[dict]:
    """Return the 38 rows of seed 003 (37 numbered + 1 continuation row).

    Each dict is keyed by HEADER003 plus "_span" (index into SPANS003);
    序号 is an int, or None for the continuation row.  重点任务 holds the
    category text as printed on that row (often empty).
    """
    lines = text.split("\n")
    idx = next(i for i, l in enumerate(lines) if l.strip() == "## " + HEADING003)
    body = [l for l in lines[idx + 1:] if l.strip()]
    header = [c.strip() for c in body[0].split("\t")]
    if header != HEADER003:
        raise ValueError(f"seed 003: unexpected header {header}")
    rows: list[dict] = []
    for line in body[1:]:
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 7:
            raise ValueError(f"seed 003: row with {len(cells)} cells: {line[:40]}")
        row = dict(zip(HEADER003, cells))
        row["序号"] = int(row["序号"]) if row["序号"] else None
        rows.append(row)
    numbers = [r["序号"] for r in rows]
    if numbers != [1, None] + list(range(3, 39)):
        raise ValueError(f"seed 003: unexpected 序号 sequence {numbers}")
    cont = rows[1]
    if any(cont[c] for c in CONT_MERGED):
        raise ValueError("seed 003: continuation row has its own unit cells")

    # Assign spans and check that each span prints exactly one category.
    keys = [r["序号"] if r["序号"] is not None else "C" for r in rows]
    pos = 0
    for s, (first, last) in enumerate(SPANS003):
        if keys[pos] != first:
            raise ValueError(f"seed 003: span {first}..{last} does not start at row {keys[pos]}")
        members = []
        while True:
            members.append(rows[pos])
            rows[pos]["_span"] = s
            pos += 1
            if keys[pos - 1] == last:
                break
        printed = [m["重点任务"] for m in members if m["重点任务"]]
        if len(printed) != 1:
            raise ValueError(f"seed 003: span {first}..{last} prints {len(printed)} categories")
    if pos != len(rows):
        raise ValueError("seed 003: spans do not cover every row")
    return rows


def xx_directory(rows: list[dict]) -> list[list]:
    names = {n for n, _, _ in XX_UNITS} | {a for _, _, al in XX_UNITS for a in al}
    missing = []
    for r in rows:
        for col in ("责任单位", "配合单位"):
            for u in split_units(r[col]):
                u = re.sub(r"等.*$", "", u)
                if u and not u.startswith(("各", "相关")) and u != "管委会" and u not in names:
                    missing.append(u)
    if missing:
        raise ValueError(f"seed 003: units without a directory entry: {sorted(set(missing))}")
    return [[n, "、".join(al), kind, "", "", "", ""] for n, kind, al in XX_UNITS]


def xx_settings(text: str) -> list[list]:
    return [
        ["发文机关", "新乡市住房和城乡建设局、新乡市生态环境局、新乡市发展和改革委员会", "联合印发方案的机关"],
        ["文件标题", "新乡市住房和城乡建设局 新乡市生态环境局 新乡市发展和改革委员会关于印发新乡市城镇污水处理提质增效三年行动方案(2019-2021年)的通知", "印发通知的标题"],
        ["文号", "新建〔2019〕182号", "发文字号"],
        ["成文日期", dt.datetime(2019, 11, 13), "文件落款日期"],
        ["方案名称", "新乡市城镇污水处理提质增效三年行动方案(2019—2021年)", "责任清单所属的方案"],
        ["地区", "河南省新乡市", "方案适用的行政区域"],
        ["汇总单位", "市住房和城乡建设局", "收集、汇总各单位报送情况的单位"],
        ["联系人", "", "汇总单位联系人（原文未载明）"],
        ["联系电话", "", "汇总单位联系电话（原文未载明）"],
        ["电子邮箱", "", "报送材料的电子邮箱（原文未载明）"],
    ]


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="center", wrap_text=True)
WRAP_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "zhishui"
    wb.properties.lastModifiedBy = "zhishui"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    return wb


def write_header(ws, row: int, header: list[str], widths: list[int]) -> None:
    for col, (name, width) in enumerate(zip(header, widths), start=1):
        c = ws.cell(row=row, column=col, value=name)
        c.font = HEADER_FONT
        c.fill = HEADER_FILL
        c.alignment = HEADER_ALIGN
        c.border = BORDER
        ws.column_dimensions[get_column_letter(col)].width = width


def write_list_sheet(wb, title: str, heading: str, header: list[str], widths: list[int],
                     rows: list[list], merges: list[str]) -> None:
    """A responsibility-list sheet: 附件 / title / header / data rows."""
    ws = wb.create_sheet(title)
    ncol = len(header)
    last = get_column_letter(ncol)
    ws["A1"] = "附件"
    ws["A1"].font = Font(size=12)
    ws["A2"] = heading
    ws["A2"].font = Font(bold=True, size=16)
    ws["A2"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 30
    write_header(ws, 3, header, widths)
    for r, values in enumerate(rows, start=4):
        for col, value in enumerate(values, start=1):
            c = ws.cell(row=r, column=col, value=value if value != "" else None)
            c.border = BORDER
            c.alignment = WRAP_CENTRE if col in (1, 4) else WRAP
    for rng in merges:
        ws.merge_cells(rng)
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def write_directory_sheet(wb, rows: list[list]) -> None:
    ws = wb.create_sheet("单位名录")
    write_header(ws, 1, DIR_HEADER, DIR_WIDTHS)
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            c = ws.cell(row=r, column=col, value=value if value != "" else None)
            c.border = BORDER
            c.alignment = WRAP
    dv = DataValidation(type="list", formula1='"' + ",".join(UNIT_KINDS) + '"', allow_blank=True)
    dv.error = "请从列表中选择单位类型"
    dv.errorTitle = "类型"
    ws.add_data_validation(dv)
    dv.add(f"C2:C{max(len(rows) + 1, 2) + 200}")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:G{len(rows) + 1}"


def write_settings_sheet(wb, items: list[list]) -> None:
    ws = wb.create_sheet("设置")
    write_header(ws, 1, SETTINGS_HEADER, [14, 60, 34])
    for r, (key, value, note) in enumerate(items, start=2):
        ws.cell(row=r, column=1, value=key).font = HEADER_FONT
        c = ws.cell(row=r, column=2, value=value if value != "" else None)
        if isinstance(value, dt.datetime):
            c.number_format = DATE_FORMAT
            c.alignment = Alignment(horizontal="left", vertical="center")
        else:
            c.alignment = WRAP
        ws.cell(row=r, column=3, value=note).alignment = WRAP
        for col in (1, 2, 3):
            ws.cell(row=r, column=col).border = BORDER
    ws.freeze_panes = "A2"


class _FixedTimeZip(ZipFile):
    """A zip archive whose members all carry one fixed timestamp."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, ZipInfo):
            zinfo = ZipInfo(zinfo_or_arcname, date_time=FIXED_ZIP_TIME)
            zinfo.compress_type = ZIP_DEFLATED
            zinfo.external_attr = 0o644 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as fh:
            self.writestr(arcname or Path(filename).name, fh.read())


def save_deterministic(wb: Workbook, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.properties.modified = FIXED_TIME  # openpyxl's save_workbook would reset it
    archive = _FixedTimeZip(path, "w", ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()


# --------------------------------------------------------------------------
# Workbooks
# --------------------------------------------------------------------------
def build_seed001(text: str) -> Workbook:
    rows = parse_seed001(text)
    contact = seed001_contact(text)
    data = [[r[h] for h in HEADER001] for r in rows]
    # Category merges: from each row carrying a category down to the row
    # before the next one (rows start at sheet row 4).
    starts = [i for i, r in enumerate(rows) if r["重点任务"]] + [len(rows)]
    merges = [f"B{a + 4}:B{b + 3}" for a, b in zip(starts, starts[1:]) if b - a > 1]
    wb = new_workbook()
    write_list_sheet(wb, "整改任务分解表", "整改任务分解表", HEADER001, WIDTHS001, data, merges)
    write_directory_sheet(wb, yc_directory(rows, contact))
    write_settings_sheet(wb, yc_settings(text, contact))
    return wb


def build_seed003(text: str) -> tuple[Workbook, Workbook]:
    rows = parse_seed003(text)
    data = []
    for r in rows:
        values = [r[h] for h in HEADER003]
        # The category goes to the top cell of its span.
        values[1] = ""
        data.append(values)
    merges = []
    first_of_span: dict[int, int] = {}
    for i, r in enumerate(rows):
        first_of_span.setdefault(r["_span"], i)
    for s in range(len(SPANS003)):
        members = [i for i, r in enumerate(rows) if r["_span"] == s]
        category = next(rows[i]["重点任务"] for i in members if rows[i]["重点任务"])
        data[members[0]][1] = category
        if len(members) > 1:
            merges.append(f"B{members[0] + 4}:B{members[-1] + 4}")
    # The continuation row (sheet row 5) shares task 1's unit cells.
    for h in CONT_MERGED[1:]:
        col = get_column_letter(HEADER003.index(h) + 1)
        merges.append(f"{col}4:{col}5")
    wb = new_workbook()
    write_list_sheet(wb, "责任清单", HEADING003, HEADER003, WIDTHS003, data, merges)
    write_settings_sheet(wb, xx_settings(text))

    wb_dir = new_workbook()
    write_directory_sheet(wb_dir, xx_directory(rows))
    return wb, wb_dir


def build(out: Path, seeds: Path = DEFAULT_SEEDS) -> list[Path]:
    text001 = read_seed(seeds, SEED001)
    text003 = read_seed(seeds, SEED003)
    written = []
    wb = build_seed001(text001)
    save_deterministic(wb, out / OUT001)
    written.append(out / OUT001)
    wb, wb_dir = build_seed003(text003)
    save_deterministic(wb, out / OUT003)
    written.append(out / OUT003)
    save_deterministic(wb_dir, out / OUT003_DIR)
    written.append(out / OUT003_DIR)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the sample workbooks from the seed documents.")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: the samples folder)")
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder holding the seed .txt files")
    args = ap.parse_args(argv)
    for path in build(args.out, args.seeds):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
