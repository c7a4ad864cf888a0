"""Monitoring data in, whatever its shape, every value kept with its cell.

Three shapes, all read with zhishui.workbook_reader (any format, bytes sniffed):

* the automatic stations' export: one row per section and time, a column per
  parameter (``氨氮(mg/L)``), values like ``0.12``, ``<0.01``, ``--``, ``*``, ``维护``;
* a hand-kept daily sheet: one row per day, a column per parameter; the section
  is a column, the sheet's name or its title (``阳明堡断面水质日报``);
* lab results: one row per sample and parameter (断面, 采样日期, 项目, 结果, 单位).

Readings are stored compactly per (section, parameter) - a year of 4-hourly
data for 300 sections is millions of values - with a packed pointer to their
cell, so any value can be traced back to file, sheet and cell.  Every non-empty
value cell ends up either used or in a finding that says why not and where.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ZhishuiError
from ..findings import ERROR, INFO, WARNING, Finding
from ..workbook_reader import SPREADSHEET_SUFFIXES, Grid, cell_ref, cell_text, read_book
from .sections import SectionList, name_key
from .standard import BY_KEY, Param, find_param, find_param_noted, split_unit, unit_factor

AUTO, DAILY, LAB = 0, 1, 2
KIND_NAMES = {AUTO: "自动监测", DAILY: "手工日报", LAB: "化验结果"}
CENSORED, DATE_ONLY = 4, 8          # flag bits above the 2-bit kind
MINUTES_PER_DAY = 1440

# header words (compared without spaces/brackets/width)
SECTION_WORDS = ("断面名称", "断面", "监测断面", "点位名称", "点位", "站点名称", "站点", "测站名称", "监测点位", "采样点位",
                 "采样点", "断面(点位)名称", "断面（点位）名称", "监测点")
TIME_WORDS = ("监测时间", "时间", "日期时间", "数据时间", "采样时间", "监测日期", "日期", "采样日期", "时段", "检测日期",
              "分析日期", "采样日期时间")
HOUR_WORDS = ("时间", "时刻", "小时", "时次", "监测时刻")
ITEM_WORDS = ("项目", "监测项目", "检测项目", "分析项目", "指标", "监测指标", "检测指标", "污染物", "项目名称", "参数")
RESULT_WORDS = ("结果", "监测结果", "检测结果", "测定值", "监测值", "浓度", "数值", "检测值", "实测值", "测定结果",
                "分析结果", "结果值")
UNIT_WORDS = ("单位", "计量单位", "结果单位")
DL_WORDS = ("检出限", "方法检出限", "最低检出浓度")
STATUS_WORDS = ("站点情况", "站点状态", "运行状态", "仪器状态", "数据状态")

MARKERS = {"--": "无数据", "—": "无数据", "-": "无数据", "/": "无数据", "—-": "无数据", "——": "无数据", "*": "无效数据",
           "维护": "维护", "故障": "故障", "停运": "停运", "断流": "断流", "仪器故障": "故障", "校准": "维护",
           "调试": "维护", "未监测": "未监测", "缺测": "未监测", "无数据": "无数据", "冰封": "冰封", "停电": "停运",
           "通讯中断": "故障", "null": "无数据", "NULL": "无数据", "NA": "无数据", "N/A": "无数据"}
OK_STATUS = ("", "正常", "在线", "运行", "正常运行", "有效")
NOT_DETECTED = ("未检出", "nd", "ND", "N.D.", "n.d.", "<DL", "低于检出限")


def _k(text: str) -> str:
    s = unicodedata.normalize("NFKC", str(text or "")).replace("（", "(").replace("）", ")")
    return re.sub(r"[\s*＊:：]+", "", s)


_SECTION = {_k(w) for w in SECTION_WORDS}
_TIME = {_k(w) for w in TIME_WORDS}
_HOUR = {_k(w) for w in HOUR_WORDS}
_ITEM = {_k(w) for w in ITEM_WORDS}
_RESULT = {_k(w) for w in RESULT_WORDS}
_UNIT = {_k(w) for w in UNIT_WORDS}
_DL = {_k(w) for w in DL_WORDS}
_STATUS = {_k(w) for w in STATUS_WORDS}


@dataclass
class Window:
    """The days whose readings are judged for a period (the month): from the start of the
    year - or of the previous quarter when that is earlier - to the month's last day."""
    start: dt.date
    end: dt.date

    @classmethod
    def for_period(cls, period: dt.date) -> "Window":
        q0 = dt.date(period.year, 3 * ((period.month - 1) // 3) + 1, 1)
        prev_q = (q0 - dt.timedelta(days=1)).replace(day=1)
        prev_q = dt.date(prev_q.year, 3 * ((prev_q.month - 1) // 3) + 1, 1)
        start = min(dt.date(period.year, 1, 1), prev_q)
        from ..status import month_end
        return cls(start, month_end(period))

    @property
    def first_minute(self) -> int:
        return self.start.toordinal() * MINUTES_PER_DAY

    @property
    def last_minute(self) -> int:
        return (self.end.toordinal() + 1) * MINUTES_PER_DAY - 1


@dataclass
class Block:
    """One sheet that holds monitoring data, and what became of its values."""
    index: int
    file: str
    sheet: str
    kind: int
    header_row: int                          # 1-based
    columns: dict = field(default_factory=dict)   # param key -> 0-based column (wide sheets)
    section_fixed: str = ""                  # the section of a sheet without a section column
    rows: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    sections: set = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]


class Series:
    """Readings of one parameter at one section: parallel arrays, 25 bytes a value."""
    __slots__ = ("minutes", "values", "src", "flags")

    def __init__(self):
        self.minutes = array("q")
        self.values = array("d")
        self.src = array("q")        # block << 34 | row << 14 | col (0-based row/col)
        self.flags = array("b")      # kind | CENSORED | DATE_ONLY

    def __len__(self):
        return len(self.values)


def pack(block: int, row: int, col: int) -> int:
    return (block << 34) | (row << 14) | col


def unpack(src: int) -> tuple[int, int, int]:
    return src >> 34, (src >> 14) & 0xFFFFF, src & 0x3FFF


@dataclass
class Readings:
    sections: SectionList
    window: Window
    blocks: list[Block] = field(default_factory=list)
    series: dict = field(default_factory=dict)      # (section index, param key) -> Series
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # names in the data that are not in the list: name -> [rows, the listed section it may be, [file names]]
    unknown: dict = field(default_factory=dict)
    # sections read from a name found inside a sheet's name or title (峨口桥 → 峨口): what was guessed, said
    guessed: list = field(default_factory=list)
    # a day's row with no value but a remark (未测（采样人员外出）): (section index, day ordinal) -> (text, src)
    day_notes: dict = field(default_factory=dict)
    # rows the station marked (设备维护, 故障): (section index, day ordinal) -> {status: rows}
    day_status: dict = field(default_factory=dict)
    # values found but not used: (section index, day ordinal, param key) -> why (单位可疑, 不是数值…)
    rejected: dict = field(default_factory=dict)

    def where(self, src: int) -> tuple[str, str, str]:
        """(file, sheet, cell) of a packed pointer."""
        b, r, c = unpack(src)
        blk = self.blocks[b]
        return blk.file, blk.sheet, cell_ref(r, c)

    def where_text(self, src: int) -> str:
        f, s, c = self.where(src)
        return f"{Path(f).name}｜{s}｜{c}"

    def total(self, key: str) -> int:
        return sum(b.counts[key] for b in self.blocks)


# --- values ------------------------------------------------------------------------------

_NUM = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


_FOOTER = re.compile(r"填报|审核|审定|制表|负责人|签字|签名|校核|复核|报送人|监测人|分析人")


def parse_value(v, dl=None):
    """A cell of a value column -> (status, number, detail).

    status: 'num' | 'censored' (below the detection limit: number = ½ DL, detail = the DL) |
    'marker' (detail = what it means) | 'empty' | 'bad' (detail = the Chinese problem) |
    'unit' (a unit written in the cell: number, detail = unit)."""
    if v is None or v == "":
        return "empty", None, ""
    t = type(v)
    if t is float or t is int:
        return "num", float(v), ""
    if t is bool:
        return "bad", None, "是逻辑值（TRUE/FALSE），不是数值"
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return "bad", None, f"是日期或时间（{cell_text(v)}），不是数值；可能是Excel把输入的内容自动改成了日期"
    s = unicodedata.normalize("NFKC", str(v)).strip()
    if not s:
        return "empty", None, ""
    if s in MARKERS:
        return "marker", None, MARKERS[s]
    s2 = s.replace(" ", "").replace("＜", "<").replace("﹤", "<")
    if _NUM.fullmatch(s2):
        return "num", float(s2), ""
    m = re.fullmatch(r"<(" + _NUM.pattern + r")", s2) or re.fullmatch(r"(" + _NUM.pattern + r")[Ll]", s2)
    if m:
        d = float(m.group(1))
        return "censored", d / 2, d
    if s2 in NOT_DETECTED or s2.lower() in ("nd", "n.d."):
        if dl is not None:
            return "censored", dl / 2, dl
        return "bad", None, f"「{s}」（未检出）没有给出检出限，无法按½检出限计算"
    m = re.fullmatch(r"(" + _NUM.pattern + r")((?:mg|μg|ug|µg)/[Ll])", s2)
    if m:
        return "unit", float(m.group(1)), m.group(2)
    if s2.startswith(">"):
        return "bad", None, f"「{s}」超出仪器量程，不是确定的数值"
    return "bad", None, f"「{s}」不是数值"


# --- times -------------------------------------------------------------------------------

_DT = re.compile(r"(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                 r"(?:[\sT]*(\d{1,2})\s*(?:[:：时点])\s*(?:(\d{1,2})\s*(?:[:：分])?\s*(?:(\d{1,2})\s*秒?)?)?)?")


def parse_time(v, year: int):
    """A time cell -> (minute number, date_only, no_year, problem)."""
    if isinstance(v, dt.datetime):
        return v.toordinal() * MINUTES_PER_DAY + v.hour * 60 + v.minute, False, False, ""
    if isinstance(v, dt.date):
        return v.toordinal() * MINUTES_PER_DAY, True, False, ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 20000 < v < 80000:          # an Excel date serial that lost its format
            day = dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
            frac = v - int(v)
            minute = round(frac * MINUTES_PER_DAY)
            return day.toordinal() * MINUTES_PER_DAY + minute, frac == 0, False, ""
        return None, False, False, f"「{cell_text(v)}」不是日期"
    s = unicodedata.normalize("NFKC", str(v or "")).strip()
    if not s:
        return None, False, False, "没有填写时间"
    m = _DT.fullmatch(s)
    if not m:
        return None, False, False, f"「{s}」不是日期或时间"
    y = int(m.group(1)) if m.group(1) else year
    try:
        day = dt.date(y, int(m.group(2)), int(m.group(3)))
        hour = int(m.group(4)) if m.group(4) else 0
        minute = int(m.group(5)) if m.group(5) else 0
        if hour == 24 and minute == 0:            # "24:00" = midnight ending the day
            day, hour = day + dt.timedelta(days=1), 0
        if not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError
    except ValueError:
        return None, False, False, f"「{s}」不是有效的日期或时间"
    return (day.toordinal() * MINUTES_PER_DAY + hour * 60 + minute, m.group(4) is None, m.group(1) is None, "")


def parse_hour(v) -> int | None:
    """A separate 时间 column: 04:00, 4时, 4, 0.1667 (a fraction of a day)."""
    if isinstance(v, dt.time):
        return v.hour * 60 + v.minute
    if isinstance(v, dt.timedelta):
        return int(v.total_seconds() // 60) % MINUTES_PER_DAY
    if isinstance(v, dt.datetime):
        return v.hour * 60 + v.minute
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if 0 <= v < 1:
            return round(v * MINUTES_PER_DAY)
        if v == int(v) and 0 <= v <= 24:
            return int(v) * 60 % MINUTES_PER_DAY
        return None
    s = unicodedata.normalize("NFKC", str(v or "")).strip()
    m = re.fullmatch(r"(\d{1,2})\s*(?:[:：时点]\s*(\d{1,2})?\s*分?)?", s)
    if m and int(m.group(1)) <= 24:
        return (int(m.group(1)) * 60 + int(m.group(2) or 0)) % MINUTES_PER_DAY
    return None


def minute_to_datetime(minute: int) -> dt.datetime:
    day, rest = divmod(minute, MINUTES_PER_DAY)
    return dt.datetime.combine(dt.date.fromordinal(day), dt.time(rest // 60, rest % 60))


# --- reading -----------------------------------------------------------------------------

def data_files(paths) -> tuple[list[Path], list[Path]]:
    """(spreadsheets, other files) among the paths given: folders are searched; Excel's
    ~$ lock files are left out; other files are returned so they can be mentioned."""
    out: list[Path] = []
    other: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                if f.name.startswith(("~$", ".~")):
                    continue
                (out if f.suffix.lower() in SPREADSHEET_SUFFIXES else other).append(f)
        elif p.exists():
            out.append(p)
        else:
            raise ZhishuiError("找不到监测数据文件或文件夹", file=p, hint="请检查路径")
    return out, other


def shown_names(paths, files) -> dict[Path, str]:
    """Each file as the 问题清单 and 数据来源 name it: its path inside the folder given (for the browser desk,
    the name it was uploaded under), or its own name when given by itself — never the server's folders
    (trial 18: 「/tmp/…/data/水质/监测数据/2021-07/…」 in the workbook the clerk hands out)."""
    out = {}
    for f in files:
        for p in map(Path, paths):
            if p.is_dir() and p in f.parents:
                out[f] = f.relative_to(p).as_posix()
                break
        else:
            out[f] = f.name
    return out


def read_data(paths, sections: SectionList, period: dt.date) -> Readings:
    """Read every monitoring file given; nothing is dropped without a finding."""
    res = Readings(sections, Window.for_period(period))
    files, other = data_files(paths)
    shown = shown_names(paths, files + other)
    for f in other:
        res.findings.append(Finding(INFO, "DATA_FILE", f"「{f.name}」不是电子表格，未读取", "监测数据请用Excel或CSV文件",
                                    file=shown[f]))
    if not files:
        raise ZhishuiError("没有找到监测数据文件（xlsx、xls、csv 等）", file=paths[0] if paths else None,
                           hint="请指定监测数据文件或放有这些文件的文件夹")
    for f in files:
        res.files.append(str(f))
        try:
            book = read_book(f)
        except ZhishuiError as e:
            res.findings.append(Finding(ERROR, "DATA_FILE", e.what, e.hint or "", file=shown[f]))
            continue
        for g in book.sheets:
            if not g.visible:
                if g.nrows:
                    res.findings.append(Finding(INFO, "HIDDEN_SHEET", f"隐藏的工作表「{g.name}」未读取", "如需读取请取消隐藏",
                                                sheet=g.name, file=shown[f]))
                continue
            _SheetReader(res, shown[f], g, period).read()
    if not res.blocks:
        # said as it is: a damaged file is not "a file without a data table" (the browser desk refuses the file
        # with this message, so it must name what is wrong and where)
        broken = [f for f in res.findings if f.code == "DATA_FILE" and f.severity == ERROR]
        if len(broken) == len(files):
            raise ZhishuiError(broken[0].message, file=broken[0].file, hint=broken[0].suggestion or None)
        sheets = [f.sheet for f in res.findings if f.code == "NO_DATA_TABLE"]
        raise ZhishuiError("这些文件里没有找到监测数据表格（需要有时间列和监测项目列，或「项目」「结果」两列）",
                           file=files[0], sheet=sheets[0] if len(files) == 1 and len(sheets) == 1 else None,
                           hint="请检查文件内容；表头写法见 README「水质研判」一节")
    _dedupe(res)
    return res


class _SheetReader:
    def __init__(self, res: Readings, file: str, g: Grid, period: dt.date):
        self.res, self.file, self.g, self.period = res, file, g, period
        self.year = period.year
        self.sec_cache: dict = {}
        self.unknown: dict[str, list] = defaultdict(list)     # section text -> [cells]
        self.outside: list[list] = []         # [first row, last row, after the window?, rows, time column]
        self.markers: dict[tuple, list] = defaultdict(list)   # (column, meaning, text as written) -> [cells]
        self.no_year_cells: list[str] = []   # the date cells written without a year
        self.run = None           # the open run of out-of-window rows
        self.units_row = None     # {column: unit} of a units row under the header
        self.here = None          # (section index, day ordinal) of the row being read: where a rejected value belongs

    def _outside(self, r: int, minute: int, tcol: int) -> None:
        """Rows outside the window, as runs closed only by a row inside it.  Later than the
        window, or a year and more before it, is likely a typing slip: a warning."""
        w = self.res.window
        where = "after" if minute > w.last_minute else \
            "far" if minute < w.first_minute - 365 * MINUTES_PER_DAY else "before"
        day = dt.date.fromordinal(minute // MINUTES_PER_DAY)
        typo = 0
        if day.year != self.year:
            try:
                moved = day.replace(year=self.year)
            except ValueError:
                moved = None
            if moved is not None and (moved.year, moved.month) == (self.period.year, self.period.month):
                typo = day.year
        if self.run is None or self.run[2] != where or self.run[5] != typo:
            self.run = [r, r, where, 0, tcol, typo]
            self.outside.append(self.run)
        self.run[1] = r
        self.run[3] += 1

    # -- header ----------------------------------------------------------------------------
    def _find_header(self):
        g = self.g
        for r in range(min(g.nrows, 30)):
            texts = [_k(g.merged_text(r, c)[0]) for c in range(len(g.rows[r]))]
            roles: dict[str, int] = {}
            params: dict[str, int] = {}
            for c, t in enumerate(texts):
                if not t:
                    continue
                key = find_param(g.merged_text(r, c)[0])
                if key and key not in params:
                    params[key] = c
                    continue
                for role, words in (("section", _SECTION), ("time", _TIME), ("item", _ITEM), ("result", _RESULT),
                                    ("unit", _UNIT), ("dl", _DL), ("status", _STATUS)):
                    if t in words and role not in roles:
                        roles[role] = c
                        break
                else:
                    if t in _HOUR and "time" in roles and "hour" not in roles:
                        roles["hour"] = c
            if "time" in roles and "item" in roles and "result" in roles:
                return r, roles, {}
            if "time" in roles and params:
                return r, roles, params
        return None

    def read(self) -> None:
        g = self.g
        if not any(any(v not in ("", None) for v in row) for row in g.rows):
            return
        found = self._find_header()
        if found is None:
            self.res.findings.append(Finding(
                INFO, "NO_DATA_TABLE", f"工作表「{g.name}」没有监测数据表头，未读取",
                "监测数据表需要时间列（监测时间/日期）和监测项目列（如 氨氮(mg/L)），或「项目」「结果」两列",
                sheet=g.name, file=self.file))
            return
        hr, roles, params = found
        long = not params
        kind = LAB if long else AUTO
        fixed = ""
        if "section" not in roles:
            fixed = self._section_from_titles(hr)
            if not fixed:
                self._finding(ERROR, "NO_SECTION", f"工作表「{g.name}」没有断面名称列，表名和标题中也没有断面清单里的断面",
                              hr, 0, "请增加「断面名称」列，或把工作表命名为断面名称；这张表的数据未参与判定")
                blk = self._block(kind, hr, params, "")
                blk.counts["no_section"] += self._count_values(hr, params, roles)
                return
        blk = self._block(kind, hr, params, fixed)
        if long:
            self._read_long(blk, hr, roles)
        else:
            self._read_wide(blk, hr, roles, params)
        self._summaries(blk)

    def _block(self, kind, hr, params, fixed) -> Block:
        blk = Block(len(self.res.blocks), self.file, self.g.name, kind, hr + 1, dict(params), fixed)
        self.res.blocks.append(blk)
        return blk

    def _count_values(self, hr, params, roles) -> int:
        cols = list(params.values()) or [roles.get("result", -1)]
        return sum(1 for row in self.g.rows[hr + 1:] for c in cols if 0 <= c < len(row) and row[c] not in ("", None))

    def _section_from_titles(self, hr: int) -> str:
        """A daily sheet names its section in the sheet name or in a title row above the header."""
        secs = self.res.sections
        s = secs.find(self.g.name)
        if s:
            return s.name
        candidates = [self.g.name] + [" ".join(self.g.row_texts(r)) for r in range(hr)]
        names = sorted(((n, sec) for sec in secs.sections for n in [sec.name, *sec.aliases]), key=lambda x: -len(x[0]))
        for i, text in enumerate(candidates):
            k = name_key(text)
            for n, sec in names:
                if name_key(n) and name_key(n) in k:
                    # a name found inside another (sheet 「峨口桥」 read as 峨口): a guess, so it is said — in the
                    # 问题清单 and the 概况 — never taken silently (trial 18)
                    where = f"表名「{self.g.name}」" if i == 0 else f"标题「{text.strip()}」"
                    said = f"工作表「{self.g.name}」没有断面名称列，按{where}中包含的「{n}」读作断面「{sec.name}」"
                    self._finding(WARNING, "SECTION_BY_NAME", said, i - 1 if i else 0, 0 if i else None,
                                  f"请核对：是这个断面的，把「{self.g.name if i == 0 else text.strip()}」填到「{sec.name}」的"
                                  "「数据中的其他名称」，这条就不再出现；不是的，请在断面清单中增加该断面")
                    self.res.guessed.append(f"{said}（{self.file}），请核对")
                    return sec.name
        return ""

    # -- rows ------------------------------------------------------------------------------
    def _section_index(self, raw, r: int, c: int) -> int:
        hit = self.sec_cache.get(raw)
        if hit is None:
            text = cell_text(raw).strip()
            sec = self.res.sections.find(text) if text else None
            hit = self.res.sections.sections.index(sec) if sec else -1
            if isinstance(raw, (str, int, float)):
                self.sec_cache[raw] = hit
        if hit < 0:
            self.unknown[cell_text(raw).strip()].append(cell_ref(r, c))
        return hit

    def _time(self, row, r, roles):
        tc = roles["time"]
        raw = row[tc] if tc < len(row) else ""
        minute, date_only, no_year, problem = parse_time(raw, self.year)
        if problem:
            return None, False, problem, tc
        if no_year:
            self.no_year_cells.append(cell_ref(r, tc))
        if "hour" in roles and date_only:
            hc = roles["hour"]
            h = parse_hour(row[hc] if hc < len(row) else "")
            if h is None:
                hv = cell_text(row[hc] if hc < len(row) else "")
                if hv.strip():
                    return None, False, f"时间「{hv}」不是时刻（应写成04:00）", hc
            else:
                minute += h
                date_only = False
        return minute, date_only, "", tc

    def _units_row(self, hr: int, params: dict) -> dict | None:
        """A row of units under the header (无量纲 | mg/L | mg/L ...): {column: unit}, else None."""
        if hr + 1 >= self.g.nrows:
            return None
        units = {}
        for key, c in params.items():
            t = self.g.text(hr + 1, c).strip()
            if not t:
                continue
            if unit_factor(BY_KEY[key], t) is None and t not in ("无量纲", "—", "/"):
                return None
            units[c] = t
        return units or None

    def _columns(self, blk: Block, hr: int, params: dict) -> list:
        """(param, column, unit factor) for each parameter column whose unit can be right."""
        g = self.g
        cols = []
        under = self.units_row or {}
        for key, c in params.items():
            p = BY_KEY[key]
            label = g.merged_text(hr, c)[0]
            _, unit = split_unit(label)
            if not unit:
                unit = under.get(c, "")
            if not unit and hr > 0:          # 主要监测项目(单位:mg/L) spanning the columns above
                m = re.search(r"单位\s*[:：]\s*([^)）\s]+)", g.merged_text(hr - 1, c)[0])
                unit = m.group(1) if m else ""
            note = find_param_noted(label)[1]
            if note:
                self._finding(WARNING, "HEADER_GUESS", note, hr, c, "如果不对，请改正表头后重新判定")
            factor = unit_factor(p, unit)
            if factor is None:
                self._finding(ERROR, "UNIT_UNKNOWN", f"「{label}」的单位「{unit}」不是{p.name}能用的单位（应为{p.unit}）",
                              hr, c, "请核对表头单位；这一列的数据未参与判定")
                blk.counts["unit"] += sum(1 for row in g.rows[hr + 1:] if c < len(row) and row[c] not in ("", None))
                continue
            if factor != 1.0:
                self._finding(INFO, "UNIT_CONVERTED", f"「{label}」按{unit}读取，已换算为{p.unit}", hr, c)
            cols.append((p, c, factor))
        return cols

    def _read_wide(self, blk: Block, hr: int, roles: dict, params: dict) -> None:
        """The hot loop (a year of a province is millions of values): plain numbers take
        a short path; everything else goes through parse_value and the findings."""
        g, res = self.g, self.res
        self.units_row = self._units_row(hr, params)
        cols = self._columns(blk, hr, params)
        if self.units_row:
            hr += 1                          # the data start under the units
        width = max([c for _, c, _ in cols] + list(roles.values())) + 1
        sc, tc = roles.get("section"), roles["time"]
        status_c = roles.get("status")
        fixed_idx = res.sections.sections.index(res.sections.find(blk.section_fixed)) if blk.section_fixed else -1
        lo, hi = res.window.first_minute, res.window.last_minute
        # readings with a time of day are an automatic station's; a sheet of dates is a daily sheet
        # (a midnight reading comes back from Excel as a plain date, so look at the whole column)
        blk.kind = AUTO if self._has_times(hr, roles) else DAILY
        flags = blk.kind | (0 if blk.kind == AUTO else DATE_ONLY)
        fast = [(p, c, f, p.plausible[0], p.plausible[1], p.key) for p, c, f in cols]
        by_sec: dict[int, list] = {}
        bad_status: dict[str, list] = defaultdict(list)
        counts = blk.counts
        used = rows_seen = 0
        first = last = None
        block_bits = blk.index << 34
        sec_cache = self.sec_cache
        datetime_t, date_t = dt.datetime, dt.date
        for r in range(hr + 1, g.nrows):
            row = g.rows[r]
            if len(row) < width:
                row = list(row) + [""] * (width - len(row))
            n_here = 0
            for _, c, _, _, _, _ in fast:
                v = row[c]
                if v != "" and v is not None:
                    n_here += 1
            if not n_here:
                self._day_note(row, r, roles, cols, fixed_idx, block_bits)
                continue
            rows_seen += 1
            if sc is not None:
                raw = row[sc]
                si = sec_cache.get(raw) if type(raw) is str else None
                if si is None:
                    if raw in ("", None):
                        self._finding(ERROR, "NO_SECTION", f"第{r + 1}行没有断面名称，这一行{n_here}个数值未参与判定",
                                      r, sc, "请补上断面名称")
                        counts["no_section"] += n_here
                        continue
                    si = self._section_index(raw, r, sc)
                elif si < 0:
                    self.unknown[cell_text(raw).strip()].append(cell_ref(r, sc))
                if si < 0:
                    counts["unknown_section"] += n_here
                    continue
            else:
                si = fixed_idx
            tv = row[tc]
            if type(tv) is datetime_t:
                minute = tv.toordinal() * MINUTES_PER_DAY + tv.hour * 60 + tv.minute
            elif type(tv) is date_t and "hour" not in roles:
                minute = tv.toordinal() * MINUTES_PER_DAY
            else:
                minute, _, problem, tcol = self._time(row, r, roles)
                if problem and self._footer(row, r, fast):
                    counts["footer"] += n_here
                    continue
                if problem:
                    self._finding(ERROR, "BAD_TIME", f"{problem}，这一行{n_here}个数值未参与判定", r, tcol,
                                  "请写成 2021-07-01 04:00 或 2021年7月1日 这样的时间")
                    counts["bad_time"] += n_here
                    continue
            if minute < lo or minute > hi:
                counts["out_of_period"] += n_here
                self._outside(r, minute, tc)
                continue
            self.run = None
            self.here = (si, minute // MINUTES_PER_DAY)
            if status_c is not None:
                st = row[status_c]
                if st not in OK_STATUS and st is not None:
                    st = cell_text(st).strip()
                    if st not in OK_STATUS:
                        bad_status[st].append(cell_ref(r, status_c))
                        day = res.day_status.setdefault((si, minute // MINUTES_PER_DAY), Counter())
                        day[st] += 1
                        counts["station_status"] += n_here
                        continue
            series = by_sec.get(si)
            if series is None:
                series = by_sec[si] = [None] * len(fast)
                blk.sections.add(si)
            if first is None or minute < first:
                first = minute
            if last is None or minute > last:
                last = minute
            for j, (p, c, f, plo, phi, key) in enumerate(fast):
                v = row[c]
                if type(v) is float and f == 1.0 and plo <= v <= phi:
                    x, fl = v, flags                    # the usual case: a plain number in range
                else:
                    if v == "" or v is None:
                        continue
                    x, fl = self._slow_value(p, v, f, r, c, blk, flags)
                    if x is None:
                        continue
                ser = series[j]
                if ser is None:
                    ser = series[j] = res.series.get((si, key))
                    if ser is None:
                        ser = res.series[(si, key)] = Series()
                ser.minutes.append(minute)
                ser.values.append(x)
                ser.src.append(block_bits | (r << 14) | c)
                ser.flags.append(fl)
                used += 1
        counts["used"] += used
        blk.rows += rows_seen
        if first is not None:
            blk.first = _earliest(blk.first, minute_to_datetime(first))
            blk.last = _latest(blk.last, minute_to_datetime(last))
        for st, cells in bad_status.items():
            self._finding(INFO, "STATION_STATUS", f"站点情况为「{st}」的{len(cells)}行数据按无效数据处理，未参与判定："
                          + _cells_text(cells), 0, status_c, cell=cells[0])

    def _footer(self, row, r: int, fast) -> bool:
        """A hand-typed report's signature line under the data (填报人：… | 审核：王刚): no date, no number, a
        signing word — not a reading, so not an error every month; said once as a 提示."""
        text = " ".join(cell_text(v).strip() for v in row if v not in ("", None))
        if not _FOOTER.search(text):
            return False
        if any(parse_value(row[c])[0] in ("num", "censored", "unit") for _, c, *_ in fast):
            return False
        self._finding(INFO, "FOOTER", f"第{r + 1}行「{text}」是表尾的填报、审核签名行，不是监测数据，未读取", r, 0)
        return True

    def _day_note(self, row, r: int, roles: dict, cols, fixed_idx: int, block_bits: int) -> None:
        """A day's row with no value but a remark (未测（采样人员外出））: kept for that section and day, so
        the 日均值 row, the 日报 and a letter whose run restarted after that day can say why it has no data."""
        skip = {c for _, c, _ in cols} | set(roles.values())
        notes = [(c, cell_text(row[c]).strip()) for c in range(len(row)) if c not in skip and cell_text(row[c]).strip()]
        if not notes:
            return
        si = fixed_idx
        if "section" in roles:
            raw = row[roles["section"]]
            sec = self.res.sections.find(cell_text(raw).strip()) if raw not in ("", None) else None
            si = self.res.sections.sections.index(sec) if sec else -1
        if si < 0:
            return
        minute, _, problem, _ = self._time(row, r, roles)
        if problem or minute is None:
            return
        c, text = notes[0]
        self.res.day_notes.setdefault((si, minute // MINUTES_PER_DAY), ("；".join(t for _, t in notes),
                                                                        block_bits | (r << 14) | c))

    def _slow_value(self, p: Param, v, factor: float, r: int, c: int, blk: Block, flags: int):
        """Anything but a plain number in range: markers, '<DL', text, units in the cell,
        out-of-range values.  Returns (value, flags) or (None, 0) after counting why."""
        status, x, detail = parse_value(v)
        if status == "marker":
            self.markers[(c, detail, str(v).strip())].append(r)
            blk.counts["marker"] += 1
            return None, 0
        if status == "bad":
            self._finding(ERROR, "NOT_A_NUMBER", f"{p.name}的值{detail}", r, c, "请改为数值；这个值未参与判定")
            blk.counts["bad"] += 1
            self._reject(p.key, "不是数值")
            return None, 0
        f = factor
        if status == "unit":
            f = unit_factor(p, detail)
            if f is None:
                self._finding(ERROR, "UNIT_UNKNOWN", f"{p.name}的值「{cell_text(v)}」带的单位不对（应为{p.unit}）", r, c,
                              "请核对；这个值未参与判定")
                blk.counts["unit"] += 1
                self._reject(p.key, "单位不对")
                return None, 0
        x *= f
        if not self._plausible(p, x, f, v, r, c, blk):
            return None, 0
        return x, flags | (CENSORED if status == "censored" else 0)

    def _has_times(self, hr: int, roles: dict) -> bool:
        if "hour" in roles:
            return True
        tc = roles["time"]
        for row in self.g.rows[hr + 1:]:
            v = row[tc] if tc < len(row) else ""
            if isinstance(v, dt.datetime):
                if v.hour or v.minute:
                    return True
            elif isinstance(v, str) and re.search(r"\d\s*[:：时点]\s*\d*", v):
                return True
            elif isinstance(v, float) and v != int(v):
                return True
        return False

    def _read_long(self, blk: Block, hr: int, roles: dict) -> None:
        g, res = self.g, self.res
        sc, ic, rc = roles.get("section"), roles["item"], roles["result"]
        uc, dc = roles.get("unit"), roles.get("dl")
        fixed_idx = res.sections.sections.index(res.sections.find(blk.section_fixed)) if blk.section_fixed else -1
        lo, hi = res.window.first_minute, res.window.last_minute
        unknown_items: dict[str, list] = defaultdict(list)
        guessed: dict[str, list] = defaultdict(list)
        for r in range(hr + 1, g.nrows):
            row = g.rows[r]
            v = row[rc] if rc < len(row) else ""
            if v in ("", None):
                continue
            blk.rows += 1
            item = cell_text(row[ic] if ic < len(row) else "").strip()
            key, note = find_param_noted(item)
            if note:
                guessed[note].append(cell_ref(r, ic))
            if key is None:
                unknown_items[item or "（空）"].append(cell_ref(r, ic))
                blk.counts["unknown_item"] += 1
                continue
            p = BY_KEY[key]
            if sc is not None:
                raw = row[sc] if sc < len(row) else ""
                if raw in ("", None):
                    self._finding(ERROR, "NO_SECTION", f"第{r + 1}行没有断面名称，{p.name}的值未参与判定", r, sc)
                    blk.counts["no_section"] += 1
                    continue
                si = self._section_index(raw, r, sc)
                if si < 0:
                    blk.counts["unknown_section"] += 1
                    continue
            else:
                si = fixed_idx
            minute, date_only, problem, tcol = self._time(row, r, roles)
            if problem:
                self._finding(ERROR, "BAD_TIME", f"{problem}，{p.name}的值未参与判定", r, tcol,
                              "请写成 2021-07-01 这样的日期")
                blk.counts["bad_time"] += 1
                continue
            if minute < lo or minute > hi:
                blk.counts["out_of_period"] += 1
                self._outside(r, minute, roles["time"])
                continue
            self.run = None
            self.here = (si, minute // MINUTES_PER_DAY)
            dl = None
            if dc is not None and dc < len(row):
                st, dlv, _ = parse_value(row[dc])
                dl = dlv if st == "num" else None
                if st == "unit":
                    dl = dlv
            status, x, detail = parse_value(v, dl)
            if status == "marker":
                self.markers[(rc, detail, str(v).strip())].append(r)
                blk.counts["marker"] += 1
                continue
            if status == "bad":
                self._finding(ERROR, "NOT_A_NUMBER", f"{p.name}的值{detail}", r, rc, "请改为数值；这个值未参与判定")
                blk.counts["bad"] += 1
                self._reject(p.key, "不是数值")
                continue
            unit = cell_text(row[uc] if uc is not None and uc < len(row) else "").strip()
            if status == "unit":
                unit = detail
            f = unit_factor(p, unit)
            if f is None:
                self._finding(ERROR, "UNIT_UNKNOWN", f"{p.name}的单位「{unit}」不对（应为{p.unit}）",
                              r, uc if uc is not None else rc, "请核对单位；这个值未参与判定")
                blk.counts["unit"] += 1
                self._reject(p.key, "单位不对")
                continue
            x *= f
            if not self._plausible(p, x, f, v, r, rc, blk):
                continue
            blk.kind = LAB
            blk.sections.add(si)
            t = minute_to_datetime(minute)
            blk.first, blk.last = _earliest(blk.first, t), _latest(blk.last, t)
            s = res.series.get((si, key))
            if s is None:
                s = res.series[(si, key)] = Series()
            s.minutes.append(minute)
            s.values.append(x)
            s.src.append(pack(blk.index, r, rc))
            s.flags.append(LAB | (DATE_ONLY if date_only else 0) | (CENSORED if status == "censored" else 0))
            blk.counts["used"] += 1
        for note, cells in guessed.items():
            self._finding(WARNING, "HEADER_GUESS", f"{note}：" + _cells_text(cells), 0, ic, cell=cells[0],
                          hint="如果不对，请改正项目名称后重新判定")
        for item, cells in unknown_items.items():
            self._finding(INFO, "UNKNOWN_ITEM", f"项目「{item}」不是地表水环境质量评价的项目，{len(cells)}个值未读取："
                          + _cells_text(cells), 0, ic, cell=cells[0])

    def _plausible(self, p: Param, x: float, factor: float, raw, r, c, blk: Block) -> bool:
        lo, hi = p.plausible
        if lo <= x <= hi and not (factor < 1 and x > 0 and p.limits and p.direction == "max"):
            return True
        shown = cell_text(raw)
        if x < lo:
            self._finding(ERROR, "NEGATIVE", f"{p.name}的值「{shown}」小于{lo}，不可能", r, c, "请核对；这个值未参与判定")
            blk.counts["implausible"] += 1
            self._reject(p.key, "数值不可能")
            return False
        if x > hi:
            if x / 1000 <= hi and p.unit == "mg/L":
                msg = (f"{p.name}的值「{shown}」按mg/L远超地表水可能的范围（不超过{hi:g}mg/L），"
                       "单位可能是μg/L而不是mg/L")
                code = "UNIT_SUSPECT"
            else:
                msg = f"{p.name}的值「{shown}」超出地表水可能的范围（{lo:g}～{hi:g}{p.unit}）"
                code = "IMPLAUSIBLE"
            self._finding(ERROR, code, msg, r, c, "请核对数值和单位；这个值未参与判定")
            blk.counts["unit" if code == "UNIT_SUSPECT" else "implausible"] += 1
            self._reject(p.key, "单位可疑" if code == "UNIT_SUSPECT" else "数值不可能")
            return False
        if factor < 1 and x > 0 and p.limits and p.direction == "max" and x < min(p.limits) / 100:
            self._finding(ERROR, "UNIT_SUSPECT", f"{p.name}的值「{shown}」按μg/L换算后只有{x:.2g}mg/L，远低于检出水平，"
                          "单位可能是mg/L而不是μg/L", r, c, "请核对单位；这个值未参与判定")
            blk.counts["unit"] += 1
            self._reject(p.key, "单位可疑")
            return False
        return True

    def _reject(self, key: str, why: str) -> None:
        """A value of the row being read that was not used: kept by section, day and parameter, so the day's
        class can say it was judged without that parameter (总磷 24 mg/L rejected: 「Ⅱ类」 with a blank cell)."""
        if self.here is not None:
            self.res.rejected.setdefault((*self.here, key), why)

    # -- findings --------------------------------------------------------------------------
    def _finding(self, sev, code, msg, r=0, c=None, hint="", cell=None):
        self.res.findings.append(Finding(sev, code, msg, hint, sheet=self.g.name,
                                         cell=cell or (cell_ref(r, c) if c is not None else ""), file=self.file))

    def _summaries(self, blk: Block) -> None:
        secs = self.res.sections
        for text, cells in self.unknown.items():
            close = secs.closest(text) if text else None
            seen = self.res.unknown.setdefault(text, [0, close, []])
            seen[0] += len(cells)
            if Path(self.file).name not in seen[2]:
                seen[2].append(Path(self.file).name)
            self._finding(ERROR, "UNKNOWN_SECTION",
                          f"断面「{text}」不在断面清单中，{len(cells)}行数据未参与判定：" + _cells_text(cells),
                          hint=(f"是否为「{close}」？" if close else "")
                          + "请在断面清单中增加该断面，或把它的写法填到对应断面的「数据中的其他名称」", cell=cells[0])
        w = self.res.window
        for a, b, where, n, tc, typo in self.outside:
            span = f"第{a + 1}行" if a == b else f"第{a + 1}～{b + 1}行中有{n}行"
            if typo:
                # the same day in the report's year is in the report month: more likely a slip of the year
                # than older data (a 2020 date in a sheet of August 2021)
                hint = (f"日期可能把年份写错了（{typo}年改成{self.year}年就落在本报告期内），请核对这些单元格的日期；"
                        "如确是更早的数据，可不理会")
            elif where == "before":
                hint = "这些是更早的数据，本期用不到"
            else:
                hint = "请核对日期是否写错，或选择正确的报告期"
            self._finding(WARNING if typo or where != "before" else INFO, "OUT_OF_PERIOD",
                          f"{span}的监测时间" + ("晚于" if where == "after" else "早于")
                          + f"本次判定的时间范围（{w.start.isoformat()}至{w.end.isoformat()}）"
                          + ("一年以上" if where == "far" else "") + "，未参与判定",
                          hint=hint, cell=cell_ref(a, tc) + (f":{cell_ref(b, tc)}" if b > a else ""))
        for (c, meaning, raw), rows in self.markers.items():
            cells = [cell_ref(r, c) for r in rows]
            label = self.g.merged_text(blk.header_row - 1, c)[0] or cell_ref(blk.header_row - 1, c)
            # what the cells hold, then what it is taken to mean: 「标为「无数据」」 of cells holding 「--」 sent
            # the clerk looking for a word that is not in the file (trial 18)
            said = f"写的是「{raw}」" + ("" if raw == meaning else f"（{meaning}）")
            self._finding(INFO, "MARKER", f"「{label}」列有{len(rows)}个值{said}，按缺测处理："
                          + _cells_text(cells), 0, c, cell=cells[0])
        if self.no_year_cells:
            # the cells themselves (the header's cell pointed at the wrong place: the trial's 「A2」)
            cells = list(dict.fromkeys(self.no_year_cells))
            self._finding(INFO, "NO_YEAR", f"有{len(cells)}行的日期没有写年份，按报告期的年份（{self.year}年）理解："
                          + _cells_text(cells), cell=cells[0], hint="如不对请在日期中写上年份")

def _earliest(a, b):
    return b if a is None or b < a else a


def _latest(a, b):
    return b if a is None or b > a else a


def _cells_text(cells: list[str], n: int = 20) -> str:
    """'B5、B6、B9' or the first 20 and a count; runs of one column shown as ranges."""
    runs: list[str] = []
    prev = None
    start = None
    for c in cells:
        m = re.match(r"([A-Z]+)(\d+)", c)
        col, row = m.group(1), int(m.group(2))
        if prev and prev[0] == col and prev[1] + 1 == row:
            prev = (col, row)
            continue
        if start:
            runs.append(start if start == f"{prev[0]}{prev[1]}" else f"{start}:{prev[0]}{prev[1]}")
        start, prev = c, (col, row)
    if start:
        runs.append(start if start == f"{prev[0]}{prev[1]}" else f"{start}:{prev[0]}{prev[1]}")
    text = "、".join(runs[:n])
    return text + (f" 等{len(runs)}处" if len(runs) > n else "")


# --- duplicates --------------------------------------------------------------------------

def _dedupe(res: Readings) -> None:
    """Readings of one section, parameter and time given twice (same kind of data):
    identical ones count once; different ones are both reported and the worse is used."""
    import numpy as np
    same: dict[tuple[int, int], list] = defaultdict(list)
    for (si, key), s in list(res.series.items()):
        n = len(s)
        if n < 2:
            continue
        m = np.frombuffer(s.minutes, dtype=np.int64)
        kinds = np.frombuffer(s.flags, dtype=np.int8) & 3
        if bool(np.all(m[1:] > m[:-1])):
            continue                       # in time order without repeats: the usual export
        order = np.lexsort((np.frombuffer(s.src, dtype=np.int64), kinds, m))
        ms, ks = m[order], kinds[order]
        tie = np.nonzero((ms[1:] == ms[:-1]) & (ks[1:] == ks[:-1]))[0]
        if not len(tie):
            continue
        groups: list[list[int]] = []
        for i in tie.tolist():
            if groups and groups[-1][-1] == int(order[i]):
                groups[-1].append(int(order[i + 1]))
            else:
                groups.append([int(order[i]), int(order[i + 1])])
        p = BY_KEY[key]
        drop = set()
        for group in groups:
            first = group[0]
            if len({s.values[k] for k in group}) == 1:
                for k in group[1:]:
                    drop.add(k)
                    same[(s.src[first] >> 34, s.src[k] >> 34)].append((s.src[first], s.src[k]))
                continue
            worse = _worse(p, group, s)
            drop.update(k for k in group if k != worse)
            for k in group:
                if k != worse:
                    res.blocks[s.src[k] >> 34].counts["duplicate"] += 1
                    res.blocks[s.src[k] >> 34].counts["used"] -= 1
            cells = "、".join(f"{res.where_text(s.src[k])}＝{s.values[k]:g}" for k in group)
            f, sh, c = res.where(s.src[worse])
            res.findings.append(Finding(
                WARNING, "DUPLICATE_CONFLICT",
                f"断面「{res.sections.sections[si].name}」{minute_to_datetime(s.minutes[first]):%Y-%m-%d %H:%M}的"
                f"{p.name}有{len(group)}个不同的读数（{cells}），判定时从严采用较差的{s.values[worse]:g}",
                "请核实哪个读数正确，删去错误的一个后重新判定", sheet=sh, cell=c, file=f))
        new = Series()
        for k in range(n):
            if k not in drop:
                new.minutes.append(s.minutes[k])
                new.values.append(s.values[k])
                new.src.append(s.src[k])
                new.flags.append(s.flags[k])
        res.series[(si, key)] = new
    for (ba, bb), pairs in same.items():
        A, B = res.blocks[ba], res.blocks[bb]
        B.counts["duplicate"] += len(pairs)
        B.counts["used"] -= len(pairs)
        more = f" 等{len(pairs)}处" if len(pairs) > 20 else ""
        shown = "、".join(f"{res.where(x)[2]}与{res.where(y)[2]}" for x, y in pairs[:20])
        # the file and sheet are the finding's own columns: named here only when the other copy is elsewhere
        # (the trial's message named the same file twice)
        other = "本表" if ba == bb else f"文件「{Path(A.file).name}」工作表「{A.sheet}」" if A.file != B.file \
            else f"工作表「{A.sheet}」"
        msg = (f"工作表「{B.sheet}」有{len(pairs)}个读数与{other}同一断面、同一时间的读数重复且数值相同，只计一次："
               f"{shown}{more}")
        res.findings.append(Finding(INFO, "DUPLICATE", msg, "", sheet=B.sheet, cell=res.where(pairs[0][1])[2],
                                    file=B.file))


def _worse(p: Param, group: list[int], s: Series) -> int:
    if p.direction == "min":
        return min(group, key=lambda k: s.values[k])
    if p.direction == "range":
        return max(group, key=lambda k: abs(s.values[k] - 7.5))
    return max(group, key=lambda k: s.values[k])
