"""The assessed sections (断面) and their targets, from a 断面 sheet.

One row per section: name, river, level (国考/省考/市考), water body (河流/湖库),
target class, responsible towns and departments, and optionally the assessed
parameters (default: the 21 items of 环办〔2011〕22号; 总氮 shown as a reference
for lakes and reservoirs).  The same sheet lives in the 督办台账 and can be a
workbook of its own for the command line; headers are found by meaning.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import ZhishuiError
from ..findings import ERROR, INFO, WARNING, Finding
from ..workbook_reader import Book, Grid, cell_ref, read_book
from .standard import BY_KEY, DEFAULT_ASSESSED, class_name, find_param, parse_class

SHEET_NAMES = ("断面", "断面清单", "考核断面", "断面目标", "监测断面")
# (key, header written in the 督办台账 / template, accepted headers)
COLUMNS = [
    ("seq", "序号", ("序号", "编号")),
    ("name", "断面名称", ("断面名称", "断面", "监测断面", "点位名称", "点位", "交接断面", "考核断面", "断面(点位)名称",
                       "断面（点位）名称", "断面名")),
    ("river", "所在河流（湖库）", ("所在河流(湖库)", "所在河流", "河流", "河流名称", "所处河流", "所在水体", "水体名称",
                              "河流(湖库)", "流域", "流域名称", "水系", "河流湖库", "湖库名称")),
    ("level", "断面级别", ("断面级别", "级别", "考核级别", "考核类型", "断面性质", "控制级别")),
    ("water", "水体类型", ("水体类型", "水体", "河流/湖库", "类型")),
    ("target", "水质目标", ("水质目标", "目标类别", "水质目标类别", "目标水质", "水质控制目标", "考核目标", "目标",
                         "水质考核目标", "目标水质类别")),
    ("towns", "责任乡镇", ("责任乡镇", "属地乡镇", "责任乡(镇)", "责任乡镇(街道)", "所在乡镇", "乡镇", "责任乡镇街道",
                         "属地政府")),
    ("departments", "责任部门", ("责任部门", "责任单位", "监管部门", "行业主管部门")),
    ("params", "评价指标", ("评价指标", "考核指标", "评价项目", "参评指标", "考核项目")),
    ("aliases", "数据中的其他名称", ("数据中的其他名称", "别名", "其他名称", "自动站名称", "数据中的名称", "曾用名")),
    ("note", "备注", ("备注", "说明")),
]
HEADERS = [h for _, h, _ in COLUMNS]
WIDTHS = [6, 18, 18, 10, 10, 10, 26, 30, 30, 20, 20]
LEVELS = {"国考": "国考", "国控": "国考", "国家考核": "国考", "省考": "省考", "省控": "省考", "市考": "市考",
          "市控": "市考", "县考": "县考", "县控": "县考"}
SPLIT = re.compile(r"[、，,；;/\n]+")


def _key(text: str) -> str:
    s = unicodedata.normalize("NFKC", str(text or "")).replace("（", "(").replace("）", ")")
    return re.sub(r"\s+", "", s)


_HEADER_INDEX = {_key(h): k for k, _, hs in COLUMNS for h in hs}


def name_key(name: str) -> str:
    """How section names are compared: width, spaces and a trailing 断面/点位 do not matter."""
    s = _key(name).lower()
    return re.sub(r"(断面|点位|监测断面)$", "", s) or s


@dataclass
class Section:
    name: str
    target: int | None
    target_raw: str = ""
    river: str = ""
    level: str = ""
    lake: bool = False
    towns: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    params: tuple[str, ...] = DEFAULT_ASSESSED
    reference: tuple[str, ...] = ()        # shown with a class, never deciding it (总氮 in lakes)
    aliases: list[str] = field(default_factory=list)
    note: str = ""
    file: str = ""
    sheet: str = ""
    row: int = 0                             # 1-based Excel row

    @property
    def target_name(self) -> str:
        return class_name(self.target)

    @property
    def units(self) -> list[str]:
        """Everyone the warnings go to: towns first (属地), then departments."""
        return list(dict.fromkeys(self.towns + self.departments))

    @property
    def water_text(self) -> str:
        return "湖库" if self.lake else "河流"


@dataclass
class SectionList:
    sections: list[Section]
    findings: list[Finding]
    file: str = ""
    sheet: str = ""
    header_row: int = 0                      # 1-based
    columns: dict = field(default_factory=dict)   # key -> 0-based column
    settings: object = None                  # the workbook's 设置 sheet (zhishui.settings.Settings)

    def __post_init__(self):
        self._index: dict[str, Section] = {}
        for s in self.sections:
            for n in [s.name, *s.aliases]:
                self._index.setdefault(name_key(n), s)

    def find(self, name: str) -> Section | None:
        return self._index.get(name_key(name))

    def closest(self, name: str) -> str | None:
        keys = {name_key(n): s.name for s in self.sections for n in [s.name, *s.aliases]}
        got = difflib.get_close_matches(name_key(name), list(keys), n=1, cutoff=0.6)
        if got:
            return keys[got[0]]
        # a station's short name inside the list's full one (桥头 / 清溪河桥头): too short for difflib's ratio
        k = name_key(name)
        inside = {v for n, v in keys.items() if len(k) >= 2 and (k in n or n in k)}
        return inside.pop() if len(inside) == 1 else None


def read_sections(path) -> SectionList:
    """The 断面 sheet of a workbook (the 督办台账 or a workbook of its own)."""
    book = read_book(path)
    return sections_from_book(book)


def sections_from_book(book: Book) -> SectionList:
    grids = [g for g in book.sheets if g.name in SHEET_NAMES] + [g for g in book.sheets if g.name not in SHEET_NAMES]
    from ..settings import settings_from_book
    for g in grids:
        found = _header(g)
        if found is not None:
            out = sections_from_grid(g, book.path, found)
            out.settings = settings_from_book(book)
            return out
    raise ZhishuiError("没有找到断面清单（需要有「断面名称」和「水质目标」两列的表格）", file=book.path,
                       hint="请在工作簿中放一张名为「断面」的工作表，表头至少有：断面名称、水质目标；"
                            "可以参照督办台账的「断面」表")


def section_sheet(book: Book) -> str | None:
    """The name of the first sheet laid out as a 断面清单 (断面名称 and 水质目标 columns), or None."""
    return next((g.name for g in book.sheets if _header(g) is not None), None)


def _header(g: Grid):
    for r in range(min(g.nrows, 20)):
        cols = {}
        for c, text in enumerate(g.row_texts(r)):
            k = _HEADER_INDEX.get(_key(text))
            if k and k not in cols:
                cols[k] = c
        if "name" in cols and "target" in cols:
            return r, cols
    return None


def sections_from_grid(g: Grid, file, found=None) -> SectionList:
    """Read sections from one sheet; every problem becomes a finding with its cell."""
    found = found or _header(g)
    file = str(file)
    if found is None:
        raise ZhishuiError("没有找到断面清单的表头（需要「断面名称」和「水质目标」两列）", file=file, sheet=g.name,
                           hint="请在表格第一行写上表头：" + "、".join(HEADERS[1:6]))
    hr, cols = found
    findings: list[Finding] = []
    out: list[Section] = []
    seen: dict[str, str] = {}

    def add(sev, code, msg, r, key, hint=""):
        findings.append(Finding(sev, code, msg, hint, field=dict((k, h) for k, h, _ in COLUMNS).get(key, ""),
                                sheet=g.name, cell=cell_ref(r, cols.get(key, 0)), file=file))

    def text(r, key):
        return g.text(r, cols[key]).strip() if key in cols else ""

    for r in range(hr + 1, g.nrows):
        name = text(r, "name")
        if not name:
            if any(text(r, k) for k in ("target", "river", "towns")):
                add(ERROR, "SECTION_NO_NAME", "这一行有内容但没有断面名称", r, "name", "请填写断面名称或删除该行")
            continue
        if name.startswith(("注", "说明", "备注")):
            continue
        raw_target = g.raw(r, cols["target"])
        target, problem = parse_class(raw_target)
        if problem or target is None:
            add(ERROR, "SECTION_TARGET", f"断面「{name}」的水质目标{problem or '没有填写'}", r, "target",
                "请填写Ⅰ～Ⅴ类中的一个，如「Ⅲ类」；没有目标的断面只评价类别，不判断超标")
            target = None
        elif target == 6:
            add(WARNING, "SECTION_TARGET", f"断面「{name}」的水质目标是劣Ⅴ类：任何浓度都不算超标", r, "target",
                "请核对目标是否应为Ⅴ类")
        level_raw = text(r, "level")
        water_raw = text(r, "water")
        # a 类型 column may hold the level or the water body
        if water_raw and _key(water_raw) in LEVELS and not level_raw:
            level_raw, water_raw = water_raw, ""
        level = LEVELS.get(_key(level_raw), level_raw)
        if level_raw and _key(level_raw) not in LEVELS:
            add(INFO, "SECTION_LEVEL", f"断面「{name}」的级别「{level_raw}」不是国考/省考/市考/县考，按原文显示",
                r, "level")
        river = text(r, "river")
        if water_raw:
            lake = any(w in water_raw for w in ("湖", "库", "淀"))
        else:
            lake = False
            if any(w in (river + name) for w in ("水库", "湖", "淀")):
                add(WARNING, "SECTION_WATER", f"断面「{name}」所在水体像是湖库（{river or name}），但没有填写水体类型，"
                                              "按河流评价", r, "water" if "water" in cols else "name",
                    "湖库的总磷按湖、库标准限值评价；如为湖库请在「水体类型」填写「湖库」")
        params, reference = _params(text(r, "params"), lake, name, r, add)
        key = name_key(name)
        if key in seen:
            add(ERROR, "SECTION_DUPLICATE", f"断面「{name}」在清单中出现了两次（另一次在{seen[key]}）", r, "name",
                "请删除重复的一行；同一断面的不同写法请写在「数据中的其他名称」")
            continue
        seen[key] = cell_ref(r, cols["name"])
        aliases = [a.strip() for a in SPLIT.split(text(r, "aliases")) if a.strip()]
        out.append(Section(name=name, target=target, target_raw=g.text(r, cols["target"]).strip(), river=river,
                           level=level, lake=lake, towns=_units(text(r, "towns")),
                           departments=_units(text(r, "departments")), params=params, reference=reference,
                           aliases=aliases, note=text(r, "note"), file=file, sheet=g.name, row=r + 1))
    if not out:
        raise ZhishuiError("断面清单是空的", file=file, sheet=g.name, hint="请至少填写一个断面的名称和水质目标")
    return SectionList(out, findings, file, g.name, hr + 1, cols)


def _units(text: str) -> list[str]:
    return [u.strip() for u in SPLIT.split(text or "") if u.strip()]


def _params(text: str, lake: bool, name: str, r: int, add) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not text:
        return DEFAULT_ASSESSED, (("tn",) if lake else ())
    keys, bad = [], []
    for token in (t.strip() for t in re.split(r"[、，,；;\s]+", text) if t.strip()):
        if token in ("等", "及"):
            continue
        k = find_param(token)
        if k is None or BY_KEY[k].direction == "none":
            bad.append(token)
        elif k not in keys:
            keys.append(k)
    if bad:
        add(ERROR, "SECTION_PARAMS", f"断面「{name}」的评价指标中「{'、'.join(bad)}」不是GB 3838-2002表1的项目",
            r, "params", "请使用标准中的名称，如 pH、溶解氧、高锰酸盐指数、化学需氧量、氨氮、总磷")
    if not keys:
        return DEFAULT_ASSESSED, (("tn",) if lake else ())
    reference = ("tn",) if lake and "tn" not in keys else ()
    return tuple(keys), reference


def template_rows(sections: list[Section]) -> list[list]:
    """Rows for the 断面 sheet (same columns as HEADERS)."""
    rows = []
    for i, s in enumerate(sections, 1):
        params = "" if s.params == DEFAULT_ASSESSED else "、".join(BY_KEY[k].name for k in s.params)
        rows.append([i, s.name, s.river, s.level, s.water_text, f"{s.target_name}类" if s.target else "",
                     "、".join(s.towns), "、".join(s.departments), params, "、".join(s.aliases), s.note])
    return rows


def describe(s: Section) -> str:
    bits = [b for b in (s.river, f"{s.level}断面" if s.level else "", f"水质目标{s.target_name}类" if s.target else "")
            if b]
    return f"{s.name}（{'，'.join(bits)}）" if bits else s.name


__all__ = ["Section", "SectionList", "read_sections", "sections_from_book", "sections_from_grid", "HEADERS",
           "WIDTHS", "name_key", "template_rows", "describe"]
