"""GB 3838-2002 Table 1 (basic items) and the rules that turn a concentration into a class.

Limits are mg/L unless the item says otherwise.  A value equal to a limit
meets that class (the better one where two classes share a limit, e.g. COD 15
is Ⅰ); dissolved oxygen meets a class when it is *at least* the limit; pH
meets every class inside 6–9.  Anything worse than Ⅴ is 劣Ⅴ (class 6).

Which items decide a section's class follows 《地表水环境质量评价办法（试行）》
(环办〔2011〕22号): Table 1 without 水温, 总氮 and 粪大肠菌群 (21 items);
lakes and reservoirs use the 湖、库 limits for 总磷, and show 总氮 as a
reference only.  Automatic stations also report items that are not in Table 1
(电导率, 浊度, 叶绿素a ...): they are read and shown, never classed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

CLASS_NAMES = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ", 6: "劣Ⅴ"}
WORST = 6


@dataclass(frozen=True)
class Param:
    key: str
    name: str                 # the standard's name, as a clerk writes it
    unit: str                 # mg/L, 个/L, 无量纲, ℃ ...
    direction: str            # "max": value <= limit; "min": value >= limit (DO); "range": pH; "none"
    limits: tuple | None      # Ⅰ..Ⅴ
    item: int | None          # row number in GB 3838-2002 Table 1 (None: not in Table 1)
    decimals: int             # places a mean is rounded to before it is judged (GB/T 8170)
    plausible: tuple          # (low, high) a surface-water value can take, in ``unit``
    aliases: tuple = ()
    lake_limits: tuple | None = None
    assessed: bool = True     # takes part in the class by default
    short: str = ""           # for chart titles and narrow columns

    @property
    def label(self) -> str:
        return self.short or self.name


def _p(key, name, unit, direction, limits, item, decimals, plausible, aliases=(), **kw) -> Param:
    return Param(key, name, unit, direction, limits, item, decimals, plausible, tuple(aliases), **kw)


# Table 1 in its own order; plausible ranges are generous (heavily polluted streams
# included) and only serve to catch a value typed in the wrong unit.
PARAMS: tuple[Param, ...] = (
    _p("temp", "水温", "℃", "none", None, 1, 1, (-5, 45), ("温度", "水温度", "WT", "T"), assessed=False),
    _p("ph", "pH", "无量纲", "range", (6, 9), 2, 2, (0, 14), ("pH值", "PH", "PH值", "酸碱度")),
    _p("do", "溶解氧", "mg/L", "min", (7.5, 6, 5, 3, 2), 3, 2, (0, 25), ("DO", "溶氧")),
    _p("codmn", "高锰酸盐指数", "mg/L", "max", (2, 4, 6, 10, 15), 4, 1, (0, 100),
       ("CODMn", "COD_Mn", "CODmn", "高锰酸钾指数", "锰法COD", "化学需氧量(高锰酸盐指数)")),
    _p("cod", "化学需氧量", "mg/L", "max", (15, 15, 20, 30, 40), 5, 1, (0, 1000),
       ("COD", "CODCr", "COD_Cr", "CODcr", "重铬酸盐指数")),
    _p("bod5", "五日生化需氧量", "mg/L", "max", (3, 3, 4, 6, 10), 6, 1, (0, 500),
       ("BOD5", "BOD₅", "BOD", "生化需氧量", "五日生化需氧量(BOD5)")),
    _p("nh3n", "氨氮", "mg/L", "max", (0.15, 0.5, 1.0, 1.5, 2.0), 7, 3, (0, 100),
       ("NH3-N", "NH₃-N", "NH3N", "NH3_N", "NH4-N", "NH4+-N", "氨氮(以N计)")),
    _p("tp", "总磷", "mg/L", "max", (0.02, 0.1, 0.2, 0.3, 0.4), 8, 3, (0, 20),
       ("TP", "总磷(以P计)", "总磷（以P计）"), lake_limits=(0.01, 0.025, 0.05, 0.1, 0.2)),
    _p("tn", "总氮", "mg/L", "max", (0.2, 0.5, 1.0, 1.5, 2.0), 9, 2, (0, 100),
       ("TN", "总氮(以N计)", "总氮（湖、库，以N计）"), assessed=False),
    _p("cu", "铜", "mg/L", "max", (0.01, 1.0, 1.0, 1.0, 1.0), 10, 4, (0, 5), ("Cu", "总铜")),
    _p("zn", "锌", "mg/L", "max", (0.05, 1.0, 1.0, 2.0, 2.0), 11, 3, (0, 20), ("Zn", "总锌")),
    _p("f", "氟化物", "mg/L", "max", (1.0, 1.0, 1.0, 1.5, 1.5), 12, 2, (0, 20), ("氟化物(以F-计)", "F-", "氟")),
    _p("se", "硒", "mg/L", "max", (0.01, 0.01, 0.01, 0.02, 0.02), 13, 4, (0, 0.5), ("Se", "总硒")),
    _p("as", "砷", "mg/L", "max", (0.05, 0.05, 0.05, 0.1, 0.1), 14, 4, (0, 2), ("As", "总砷")),
    _p("hg", "汞", "mg/L", "max", (0.00005, 0.00005, 0.0001, 0.001, 0.001), 15, 5, (0, 0.05), ("Hg", "总汞")),
    _p("cd", "镉", "mg/L", "max", (0.001, 0.005, 0.005, 0.005, 0.01), 16, 4, (0, 0.5), ("Cd", "总镉")),
    _p("cr6", "铬(六价)", "mg/L", "max", (0.01, 0.05, 0.05, 0.05, 0.1), 17, 3, (0, 2),
       ("六价铬", "Cr6+", "Cr(VI)", "铬（六价）", "Cr6")),
    _p("pb", "铅", "mg/L", "max", (0.01, 0.01, 0.05, 0.05, 0.1), 18, 4, (0, 2), ("Pb", "总铅")),
    _p("cn", "氰化物", "mg/L", "max", (0.005, 0.05, 0.2, 0.2, 0.2), 19, 3, (0, 2), ("CN", "CN-", "总氰化物")),
    _p("phenol", "挥发酚", "mg/L", "max", (0.002, 0.002, 0.005, 0.01, 0.1), 20, 4, (0, 5), ("挥发性酚", "挥发性酚类")),
    _p("oil", "石油类", "mg/L", "max", (0.05, 0.05, 0.05, 0.5, 1.0), 21, 2, (0, 50), ("油类", "石油")),
    _p("las", "阴离子表面活性剂", "mg/L", "max", (0.2, 0.2, 0.2, 0.3, 0.3), 22, 2, (0, 20), ("LAS",), short="LAS"),
    _p("sulfide", "硫化物", "mg/L", "max", (0.05, 0.1, 0.2, 0.5, 1.0), 23, 3, (0, 50), ("S2-",)),
    _p("fecal", "粪大肠菌群", "个/L", "max", (200, 2000, 10000, 20000, 40000), 24, 0, (0, 1e10),
       ("粪大肠菌群数", "粪大肠杆菌"), assessed=False),
    # measured by automatic stations, not in Table 1: shown, never classed
    _p("cond", "电导率", "μS/cm", "none", None, None, 1, (0, 200000), ("电导", "EC"), assessed=False),
    _p("turb", "浊度", "NTU", "none", None, None, 1, (0, 50000), ("浑浊度",), assessed=False),
    _p("chla", "叶绿素a", "mg/L", "none", None, None, 4, (0, 5), ("叶绿素α", "叶绿素", "Chl-a", "Chla"),
       assessed=False),
    _p("sd", "透明度", "m", "none", None, None, 2, (0, 100), ("SD",), assessed=False),
    _p("algae", "藻密度", "cells/L", "none", None, None, 0, (0, 1e13), (), assessed=False),
    _p("toc", "总有机碳", "mg/L", "none", None, None, 2, (0, 2000), ("TOC",), assessed=False),
)
BY_KEY = {p.key: p for p in PARAMS}
TABLE1 = tuple(p for p in PARAMS if p.item is not None)
# 环办〔2011〕22号: Table 1 minus 水温, 总氮, 粪大肠菌群
DEFAULT_ASSESSED = tuple(p.key for p in TABLE1 if p.assessed)


def _norm(text: str) -> str:
    """Fold what people vary in a parameter label: width, case, spaces, brackets, subscripts."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    s = s.translate(_TRAD).replace("₃", "3").replace("₅", "5").replace("₄", "4")
    s = re.sub(r"[\s_*＊]+", "", s)
    return s.lower().replace("（", "(").replace("）", ")")


# the few traditional forms of the parameter words (monitoring pages in Hong Kong /
# Taiwan encodings, and re-typed tables)
_TRAD = str.maketrans({"錳": "锰", "鹽": "盐", "數": "数", "總": "总", "濁": "浊", "電": "电", "導": "导",
                       "溫": "温", "學": "学", "機": "机", "揮": "挥", "發": "发", "鉻": "铬", "鉛": "铅",
                       "銅": "铜", "鋅": "锌", "鎘": "镉", "類": "类", "綠": "绿", "葉": "叶", "價": "价",
                       "糞": "粪", "腸": "肠", "離": "离", "陰": "阴", "劑": "剂", "濃": "浓", "測": "测"})

_INDEX: dict[str, str] = {}
for _par in PARAMS:
    for _name in (_par.name, _par.key, *_par.aliases):
        _INDEX[_norm(_name)] = _par.key
UNIT_RE = re.compile(r"[\(\[]\s*([^()\[\]]*?)\s*[\)\]]\s*$")
UNIT_WORDS = ("mg/l", "μg/l", "ug/l", "µg/l", "ng/l", "个/l", "mpn/l", "cfu/l", "无量纲", "℃", "°c", "ntu",
              "μs/cm", "us/cm", "ms/cm", "cells/l", "m", "cm", "g/l", "mg/m3")


def split_unit(label: str) -> tuple[str, str]:
    """'氨氮(mg/L)' -> ('氨氮', 'mg/L'); '总磷 mg/L' -> ('总磷', 'mg/L'); no unit -> (label, '')."""
    s = unicodedata.normalize("NFKC", str(label or "")).strip()
    s = s.replace("（", "(").replace("）", ")").replace("【", "[").replace("】", "]")
    m = UNIT_RE.search(s)
    if m and _is_unit(m.group(1)):
        return s[:m.start()].strip(), m.group(1).strip()
    m = re.search(r"[\s,，/]+((?:mg|μg|ug|µg|ng)/[lL]|个/[lL]|无量纲|℃|NTU|μS/cm|uS/cm)$", s)
    if m:
        return s[:m.start()].strip(), m.group(1)
    return s, ""


def _is_unit(text: str) -> bool:
    t = text.lower().replace(" ", "").replace("单位:", "").replace("单位：", "")
    return t in UNIT_WORDS or bool(re.fullmatch(r"(mg|μg|ug|µg|ng|g)/(l|m3|kg)", t))


def find_param(label) -> str | None:
    """The parameter a column header or a lab row names, or None (see find_param_noted)."""
    return find_param_noted(label)[0]


def find_param_noted(label) -> tuple[str | None, str]:
    """(parameter key, note): the standard's names, the usual abbreviations (NH3-N, CODMn,
    TP, DO), a unit in brackets, '以N计' notes, a trailing '值' or a limit sign (氨氮 ≤);
    a name with one character missing (高锰酸盐指) is read too, and the note says so.
    Everything else is refused, including near-misses such as 锰 for 高锰酸盐指数."""
    name, _ = split_unit(label)
    s = _norm(name)
    s = re.sub(r"^[≤≥<>]=?|[≤≥<>]=?$", "", s)
    if not s:
        return None, ""
    if s in _INDEX:
        return _INDEX[s], ""
    for cut in (r"\(以[^)]*计\)$", r"\([^)]*\)$", r"值$", r"浓度$", r"含量$", r"\*$"):
        t = re.sub(cut, "", s)
        if t != s and t in _INDEX:
            return _INDEX[t], ""
    if len(s) >= 4:          # one character dropped from a long name (typed tables): unique or nothing
        hits = {k for n, k in _INDEX.items() if len(n) == len(s) + 1 and len(n) >= 5
                and any(n[:i] + n[i + 1:] == s for i in range(len(n)))}
        if len(hits) == 1:
            key = hits.pop()
            return key, f"「{label}」按「{BY_KEY[key].name}」读取（少了一个字）"
    return None, ""


# --- units -------------------------------------------------------------------------

UNIT_FACTORS = {"mg/l": 1.0, "μg/l": 1e-3, "ug/l": 1e-3, "µg/l": 1e-3, "ng/l": 1e-6, "g/l": 1e3}


def unit_factor(param: Param, unit: str) -> float | None:
    """Factor that turns a value in ``unit`` into the parameter's own unit; None if the
    unit cannot belong to the parameter (e.g. ℃ for 氨氮). An empty unit means 'as the
    standard' (mg/L, 无量纲 ...)."""
    u = unicodedata.normalize("NFKC", unit or "").lower().replace(" ", "").replace("µ", "μ")
    if not u:
        return 1.0
    own = unicodedata.normalize("NFKC", param.unit).lower().replace("µ", "μ")
    if u == own:
        return 1.0
    if own == "mg/l" and u in UNIT_FACTORS:
        return UNIT_FACTORS[u]
    if own == "个/l" and u in ("mpn/l", "cfu/l", "个/l"):
        return 1.0
    if own == "无量纲" and u in ("无", "无量纲", "—", "-", "/"):
        return 1.0
    if own == "℃" and u in ("°c", "℃", "度"):
        return 1.0
    if own == "μs/cm" and u in ("us/cm", "μs/cm"):
        return 1.0
    if own == "μs/cm" and u == "ms/cm":
        return 1000.0
    return None


# --- classes -----------------------------------------------------------------------

def limits_for(param: Param, lake: bool = False) -> tuple | None:
    return param.lake_limits if lake and param.lake_limits else param.limits


def class_of(param: Param, value: float, lake: bool = False) -> int | None:
    """1..5 for Ⅰ..Ⅴ, 6 for 劣Ⅴ; None when the item has no classes (水温, 电导率 ...)."""
    if value is None or param.direction == "none":
        return None
    if param.direction == "range":
        lo, hi = param.limits
        return 1 if lo <= value <= hi else WORST
    lims = limits_for(param, lake)
    if param.direction == "min":
        for i, lim in enumerate(lims, 1):
            if value >= lim:
                return i
        return WORST
    for i, lim in enumerate(lims, 1):
        if value <= lim:
            return i
    return WORST


def limit_of(param: Param, cls: int, lake: bool = False):
    """The limit of class ``cls`` (1..5): a number, or (6, 9) for pH; None for 劣Ⅴ/no classes."""
    if param.direction == "none" or not 1 <= cls <= 5:
        return None
    if param.direction == "range":
        return param.limits
    return limits_for(param, lake)[cls - 1]


def exceedance(param: Param, value: float, target: int, lake: bool = False) -> float | None:
    """超标倍数 against the target class: (C − L) / L, two decimals; None when the value
    meets the target or the item has no multiple (pH, DO, 水温: 环办〔2011〕22号)."""
    if param.direction != "max" or value is None:
        return None
    lim = limit_of(param, target, lake)
    if lim is None or value <= lim:
        return None
    return float(round_half_even((value - lim) / lim, 2))


def round_half_even(x: float, places: int) -> Decimal:
    """GB/T 8170 rounding (四舍六入五成双) of a mean, after removing binary noise."""
    d = Decimal(repr(round(x, 9)))
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def places_for(x: float, places: int) -> int:
    """The places a positive value keeps: the parameter's, or more where those would make it 0
    (½ of a detection limit such as 石油类 0.01L is 0.005, not a measured zero): one significant
    figure then."""
    p = places
    while x > 0 and p < 12 and round_half_even(x, p) == 0:
        p += 1
    return p


def round_mean(param: Param, x: float) -> float:
    return float(round_half_even(x, places_for(x, param.decimals)))


def round_means_array(values, places: int):
    """round_half_even_array, keeping a positive mean that would round to 0 (see places_for)."""
    import numpy as np
    v = np.asarray(values, dtype=float)
    out = round_half_even_array(v, places)
    lost = np.flatnonzero((out == 0) & (v > 0))
    for i in lost.tolist():
        out[i] = float(round_half_even(float(v[i]), places_for(float(v[i]), places)))
    return out


def fmt(param: Param, x) -> str:
    """A value as printed in tables: the parameter's decimals (more for a value they would make 0),
    no exponent."""
    if x is None:
        return ""
    x = float(x)
    return f"{round_half_even(x, places_for(abs(x), param.decimals)):f}"


def class_name(cls: int | None) -> str:
    return CLASS_NAMES.get(cls, "") if cls else ""


_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}


def parse_class(text) -> tuple[int | None, str]:
    """'Ⅲ' / 'Ⅲ类' / 'III' / '3类' / '三类' / '年均值Ⅲ类（…）' -> (3, ''); '劣Ⅴ' -> (6, '').
    Returns (None, problem) when there is no class or more than one different class."""
    raw = str(text or "").strip()
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        n = int(text)
        return (n, "") if n == text and 1 <= n <= 5 else (None, f"「{raw}」不是水质类别（应为Ⅰ～Ⅴ类）")
    s = unicodedata.normalize("NFKC", raw)          # Ⅲ -> III, Ⅳ -> IV, full-width digits -> ASCII
    if not s:
        return None, ""
    found = []
    for m in re.finditer(r"(?<![A-Za-z0-9])(劣于?)?\s*(IV|V|I{1,3}|[1-5]|[一二三四五])(?=\s*(?:类|$|[^A-Za-z0-9]))", s,
                         flags=re.IGNORECASE):
        token = m.group(2)
        n = int(token) if token.isdigit() else (_ROMAN.get(token.lower()) or _CN_NUM.get(token))
        if m.group(1):
            n = 6 if n == 5 else None
        if n:
            # a year or a percentage is not a class: '2016年达50%'
            before, after = s[max(0, m.start() - 1):m.start()], s[m.end():m.end() + 1]
            if token.isdigit() and (before.isdigit() or after.isdigit() or after in "%年月日."):
                continue
            found.append(n)
    kinds = sorted(set(found))
    if len(kinds) == 1:
        return kinds[0], ""
    if not kinds:
        return None, f"「{raw}」中没有水质类别（应写成Ⅲ类、III类或3类）"
    return None, f"「{raw}」中有不止一个水质类别（{'、'.join(CLASS_NAMES[k] for k in kinds)}），无法确定目标"


# --- the same rules over arrays (a year of daily means at once) ----------------------

def classes(param: Param, values, lake: bool = False):
    """class_of for a numpy array of values (NaN -> 0, meaning 'no class')."""
    import numpy as np
    v = np.asarray(values, dtype=float)
    out = np.zeros(v.shape, dtype=np.int8)
    ok = ~np.isnan(v)
    if param.direction == "none":
        return out
    if param.direction == "range":
        lo, hi = param.limits
        out[ok] = np.where((v[ok] >= lo) & (v[ok] <= hi), 1, WORST)
        return out
    lims = np.asarray(limits_for(param, lake), dtype=float)
    if param.direction == "min":
        asc = lims[::-1]
        out[ok] = 1 + (len(asc) - np.searchsorted(asc, v[ok], side="right"))
    else:
        out[ok] = 1 + np.searchsorted(lims, v[ok], side="left")
    return out


def round_half_even_array(values, places: int):
    """round_half_even for a numpy array (binary noise removed at 1e-9 first)."""
    import numpy as np
    v = np.asarray(values, dtype=float)
    out = np.full(v.shape, np.nan)
    ok = ~np.isnan(v)
    if not ok.any():
        return out
    if np.nanmax(np.abs(v)) * 1e9 > 9e18:        # beyond int64: fall back to Decimal
        out[ok] = [float(round_half_even(float(x), places)) for x in v[ok]]
        return out
    y = np.rint(v[ok] * 1e9).astype(np.int64)
    q = 10 ** (9 - places)
    base = np.floor_divide(y, q)
    rem = y - base * q
    half = q // 2
    up = (rem > half) | ((rem == half) & (base % 2 == 1))
    out[ok] = (base + up) / 10 ** places
    return out
