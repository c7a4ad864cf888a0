"""Official-document helpers: Chinese dates, percentages, document numbers, titles, file names.

GB/T 9704-2012 wants Arabic dates without zero padding (2020年11月30日), so
dates are formatted here and never with strftime's %m/%d.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from zhishui.fileutil import safe_filename  # noqa: F401  (one sanitiser for every file name)

from .titlewords import cut_costs

DOC_NUMBER_RE = re.compile(r"^(?P<code>[\u4e00-\u9fa5A-Za-z]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")
CN_DIGITS = "零一二三四五六七八九"


def _as_date(v) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", v)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise TypeError(f"not a date: {v!r}")


def cn_date(v) -> str:
    """2020年11月30日 (no zero padding); '' for None; other text is returned as is."""
    if isinstance(v, str) and not re.match(r"\s*\d{4}\s*[-/.年]", v):
        return v
    d = _as_date(v)
    return "" if d is None else f"{d.year}年{d.month}月{d.day}日"


def cn_datetime(v) -> str:
    """2020年11月30日17时 (17时30分 when minutes are not zero); a plain date gives cn_date."""
    if v is None or v == "":
        return ""
    if isinstance(v, dt.datetime):
        s = f"{v.year}年{v.month}月{v.day}日{v.hour}时"
        return s + (f"{v.minute}分" if v.minute else "")
    return cn_date(v)


def cn_month(v) -> str:
    """2020年11月."""
    d = _as_date(v)
    return "" if d is None else f"{d.year}年{d.month}月"


def pct(v, digits: int = 1) -> str:
    """0.852 -> 85.2%; 1 -> 100%; None -> ''. Values above 1 are taken as percentages already."""
    if v is None or v == "":
        return ""
    x = float(v)
    if x > 1.0 + 1e-9:
        x /= 100.0
    s = f"{x * 100:.{digits}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s + "%"


def cn_num(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十 (for 层次序数 up to 99)."""
    n = int(n)
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + ("" if ones == 0 else CN_DIGITS[ones])


def doc_number(prefix: str, year: int, seq: int) -> str:
    """永环督〔2020〕3号 from its parts (六角括号 U+3014/U+3015, no leading zeros, no 第)."""
    return f"{prefix}〔{int(year)}〕{int(seq)}号"


def text_width(text: str) -> float:
    """Width in 字 (a full-width character = 1, ASCII/half-width = 0.5)."""
    w = 0.0
    for ch in text or "":
        w += 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5
    return w


def display_width(text: str) -> float:
    """Printed width in 字, a little generous: half-width characters 0.55 and the extra
    space Word/WPS insert between Chinese and Latin/digits (autoSpaceDN) 0.25."""
    w, prev = 0.0, None
    for ch in text or "":
        wide = unicodedata.east_asian_width(ch) in "WF"
        w += 1.0 if wide else 0.55
        if prev is not None and wide != prev and not ch.isspace():
            w += 0.25
        prev = wide
    return w


def title_lines(title: str, max_chars: float = 18, words=()) -> list[str]:
    """Split a long title into balanced lines (GB/T 9704: "标题回行时，要做到词意完整，排列对称，
    长短适宜，间距恰当，标题排列应当使用梯形或菱形").  Lines break between words
    (titlewords.cut_costs: dates such as 2021年2月 and words such as 治水 stay whole; ``words`` adds
    the names this document knows, e.g. the issuing office).  Explicit line breaks are kept as typed.
    """
    title = (title or "").strip()
    if "\n" in title or display_width(title) <= max_chars:
        return [ln.strip() for ln in title.split("\n") if ln.strip()] or [title]
    cuts = cut_costs(title, words)
    total = display_width(title)
    n_min = int(-(-total // max_chars))
    best = None
    for n in (n_min, n_min + 1, n_min + 2):
        found = _best_split(title, n, max_chars, total / n, cuts)
        if found is not None:
            cost = found[0] + 6.0 * (n - n_min)
            if best is None or cost < best[0]:
                best = (cost, found[1])
    if best is None:
        k = int(max_chars)
        return [title[i:i + k] for i in range(0, len(title), k)]
    return best[1]


def _best_split(title: str, n: int, max_chars: float, target: float, cuts: list[float]):
    """Dynamic programme: n lines, each <= max_chars wide, near ``target`` wide, cheap cuts."""
    size = len(title)
    inf = float("inf")
    cost = [[inf] * (size + 1) for _ in range(n + 1)]
    back = [[0] * (size + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for k in range(1, n + 1):
        for i in range(1, size + 1):
            for j in range(i - 1, -1, -1):
                w = display_width(title[j:i])
                if w > max_chars:
                    break
                if cost[k - 1][j] == inf or (j == 0) != (k == 1):
                    continue
                c = cost[k - 1][j] + 0.5 * (w - target) ** 2 + (cuts[j] if j else 0.0)
                if c < cost[k][i]:
                    cost[k][i], back[k][i] = c, j
    if cost[n][size] == inf:
        return None
    lines, i = [], size
    for k in range(n, 0, -1):
        j = back[k][i]
        lines.append(title[j:i])
        i = j
    return cost[n][size], lines[::-1]
