"""Normalising what units type into the fill cells: states, percentages, dates.

Each function returns (normalised value or None, Chinese problem or "").  The
raw text is always kept beside the normalised value by the caller.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

from .returnsheet import STATES

STATE_SYNONYMS = {
    "已完成": ("已完成", "完成", "已办结", "办结", "已结", "已落实", "已销号", "销号", "全部完成", "已全部完成",
             "√", "✓", "✔", "是", "已建成", "已整改", "整改完成", "已整改完成", "已完成整改", "整改到位", "已整改到位",
             "已完工", "完工", "已建成投用", "已建成投运", "已全部办结"),
    "序时推进": ("序时推进", "按序时推进", "推进中", "正在推进", "进行中", "按计划推进", "有序推进", "正常推进",
             "正在实施", "实施中", "按时序推进", "序时", "正常", "在建"),
    "进度滞后": ("进度滞后", "滞后", "滞后推进", "未按期", "延期", "进度缓慢", "落后", "推进缓慢"),
    "未启动": ("未启动", "未开始", "尚未启动", "没有启动", "未开展", "尚未开展", "×", "否", "无进展"),
    "持续推进": ("持续推进", "长期坚持", "常态化", "持续开展", "常态化推进", "长期推进", "持续落实", "持续",
             "持续推进中", "长期坚持中", "持续开展中"),
}
_STATE_INDEX = {unicodedata.normalize("NFKC", s).replace(" ", ""): k
                for k, vs in STATE_SYNONYMS.items() for s in vs}


def text_of(v) -> str:
    from .workbook_reader import cell_text
    return cell_text(v).strip()


def normalize_state(v) -> tuple[str | None, str]:
    return _normalize_state_text(text_of(v))


@functools.lru_cache(maxsize=1024)
def _normalize_state_text(text: str) -> tuple[str | None, str]:
    s = unicodedata.normalize("NFKC", text).replace(" ", "").rstrip("。.")
    # 「=已完成」: Excel and WPS keep a status typed after an 「=」 as a formula with no value, read back as the
    # unit's text (FORMULA_TEXT); the sign is not part of the word (trial 34: 已完成 with evidence judged 逾期)
    s = s.lstrip("=+") or s
    if not s:
        return None, ""
    if s in _STATE_INDEX:
        return _STATE_INDEX[s], ""
    for key in sorted(_STATE_INDEX, key=len, reverse=True):   # 已完成（见附件）
        if len(key) >= 2 and s.startswith(key) and _plain_note(s[len(key):]):
            return _STATE_INDEX[key], ""
    return None, f"完成状态「{s}」不在规定选项（{'、'.join(STATES)}）中"


def state_as_written(state: str | None, raw: str | None) -> str:
    """序时推进（原文「正在推进」）: the option a unit's 完成状态 was read as, with the unit's own words where they are
    not the option itself (trial 23: 「正在推进」 showed as 序时推进 in the 汇总 and the history, the unit's words only
    in the JSON); 「基本完成」 for words read as no option; 未填状态 for none."""
    raw = (raw or "").strip()
    if not state:
        return f"「{raw}」" if raw else "未填状态"
    same = not raw or unicodedata.normalize("NFKC", raw).replace(" ", "").rstrip("。.") == state
    return state if same else f"{state}（原文「{raw}」）"


# A state word followed by a note is that state (已完成（见附件）, 已完成，已验收); followed by
# anything that qualifies it (完成一半, 已完成80%, 已落实资金, 已整改部分) it is a different,
# partial state the unit wrote in its own words: never read as the word it starts with.
_NOTE_START = "（([【〔<《,，;；:：、/-—"
_PARTIAL = re.compile(r"\d+(?:\.\d+)?[%成]|[一二三四五六七八九十两几]成|分之|半|部分|正在|基本|尚未|未完成|未全部|剩余")


def _plain_note(rest: str) -> bool:
    if not rest or re.fullmatch(r"100(?:\.0+)?%", rest):
        return True
    return rest[0] in _NOTE_START and not _PARTIAL.search(rest)


CN_PERCENT = {"一成": 0.1, "二成": 0.2, "三成": 0.3, "四成": 0.4, "五成": 0.5, "一半": 0.5, "六成": 0.6,
              "七成": 0.7, "八成": 0.8, "九成": 0.9, "全部": 1.0}


def normalize_percent(v) -> tuple[float | None, str]:
    """80% / 0.8 / "80" / "８０％" / 八成 -> 0.8."""
    if isinstance(v, bool):
        return None, "完成比例不是数字"
    if isinstance(v, (int, float)):
        x = float(v)
    else:
        s = unicodedata.normalize("NFKC", text_of(v)).replace(" ", "")
        s = s.lstrip("=+") or s      # (「=80%」 kept as a formula with no value: the unit's 80%)
        if not s:
            return None, ""
        if s in CN_PERCENT:
            return CN_PERCENT[s], ""
        m = re.fullmatch(r"(?:约|大约|已完成)?(\d+(?:\.\d+)?)(%|％|percent)?(?:以上|左右)?", s)
        if not m:
            return None, f"完成比例「{s}」不是数字，应填0%到100%之间的比例"
        x = float(m.group(1))
        if m.group(2):
            x /= 100.0
        elif x > 1:
            x /= 100.0
        return _check_percent(x, s)
    if x > 1:
        x /= 100.0
    return _check_percent(x, text_of(v))


def _check_percent(x: float, s: str) -> tuple[float | None, str]:
    if x < 0 or x > 1.0000001:
        return None, f"完成比例「{s}」超出0%到100%的范围"
    return round(x, 4), ""


def normalize_date(v, year: int | None = None) -> tuple[dt.date | None, str]:
    """A date typed any common way; 11月20日 takes ``year`` (the period's) when given."""
    if isinstance(v, dt.datetime):
        return v.date(), ""
    if isinstance(v, dt.date):
        return v, ""
    s = unicodedata.normalize("NFKC", text_of(v)).replace(" ", "")
    if not s:
        return None, ""
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), ""
        except ValueError:
            pass
    m = re.fullmatch(r"(\d{1,2})[月/-](\d{1,2})日?", s)
    if m and year:
        try:
            return dt.date(year, int(m.group(1)), int(m.group(2))), ""
        except ValueError:
            pass
    if re.fullmatch(r"\d{5}(\.0)?", s):   # an Excel serial typed through as text
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(float(s))), ""
    return None, f"「{s}」不是日期"

