"""Chinese deadline language (完成时限) -> a structure the software can act on.

A deadline is not a date: it is a due date (or none), a start, milestones, a
recurrence, an "ongoing" flag and the raw text, kept verbatim.  What cannot be
understood is flagged (``understood=False`` with a Chinese problem), never
guessed.  Relative forms (今年, 年底前, 年内, 明年, 次年, 本月底, 即日起) resolve
against the document's date (成文日期), which the caller passes as ``ref``;
festivals (春节前) come from the lunar calendar.  Readings the clerk should
confirm (定期, 三个月内, a festival without a year) are listed in ``uncertain``.

CONTRACT (other modules rely on it; implementation below).

Public API:
    parse_deadline(text, ref=None, *, flood_season=None) -> Deadline
    Recurrence.next_due(on) / Recurrence.last_due(on)
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, asdict
from typing import Callable


@dataclass
class Milestone:
    due: dt.date
    text: str                 # the clause it came from, verbatim
    action: str | None = None  # 完成 / 建成 / 开工建设 / 启动 ... when stated


@dataclass
class Recurrence:
    # daily | weekly | monthly | bimonthly_odd | quarterly | semiannual | yearly
    freq: str
    month: int | None = None     # yearly: month of the yearly due day
    day: int | None = None       # day of month the report is due (None = period end)
    weekday: int | None = None   # weekly: 0=Monday
    since: dt.date | None = None  # 自2018年起 -> 2018-01-01
    text: str = ""

    def next_due(self, on: dt.date) -> dt.date | None:
        """First due date on or after ``on`` (None when it cannot be computed)."""
        try:
            return _rec_next_due(self, on)
        except (TypeError, ValueError, OverflowError):
            return None

    def last_due(self, on: dt.date) -> dt.date | None:
        """Latest due date on or before ``on`` (None when there is none)."""
        try:
            return _rec_last_due(self, on)
        except (TypeError, ValueError, OverflowError):
            return None


@dataclass
class Deadline:
    raw: str
    due: dt.date | None = None
    precision: str | None = None   # day | xun | month | quarter | half | year
    action: str | None = None      # verb attached to the due date: 完成 / 建成 / 启动 ...
    start: dt.date | None = None
    milestones: list[Milestone] = field(default_factory=list)
    recurrence: Recurrence | None = None
    ongoing: bool = False       # 长期坚持 / 长期保持 / 持续 ...
    immediate: bool = False     # 立行立改 / 立即
    conditional: bool = False   # 适时启动
    relative: bool = False      # resolved against the document date
    understood: bool = True
    notes: list[str] = field(default_factory=list)     # Chinese, how it was read
    problems: list[str] = field(default_factory=list)  # Chinese, what was not understood
    # Chinese: a reading the software made that the clerk should confirm (定期, 三个月内, 春节前 without a year)
    uncertain: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.raw.strip()

    def to_dict(self) -> dict:
        def conv(v):
            if isinstance(v, dt.date):
                return v.isoformat()
            if isinstance(v, list):
                return [conv(x) for x in v]
            if isinstance(v, dict):
                return {k: conv(x) for k, x in v.items()}
            return v
        return conv(asdict(self))


FloodSeason = tuple[tuple[int, int], tuple[int, int]]


def parse_deadline(text, ref: dt.date | None = None, *,
                   flood_season: FloodSeason | None = None) -> Deadline:
    """Read one 完成时限 cell (or a task text with an inline deadline).

    ``ref`` is the document date (成文日期) for relative forms; ``flood_season``
    is ((start_month, start_day), (end_month, end_day)) of the local 汛期.
    Never raises: anything unexpected becomes ``understood=False``.
    """
    raw = _raw_of(text)
    try:
        many = _MANY_DAYS_RE.search(text) if isinstance(text, str) else None
        if many:
            # 每月6号,16号,26号: several days each month; the first is when the month's work is first due
            days = [int(x) for x in re.findall(r"\d{1,2}", many.group("days"))]
            first = re.match(r"\d{1,2}\s*[日号]", many.group("days")).group()
            d = _parse(text[:many.start("days")] + first + text[many.end("days"):], raw, _as_ref(ref), flood_season)
            d.notes.append(f"每月写了几个日子（{'、'.join(f'{x}日' for x in days)}），按每月第一个日子（{days[0]}日）计")
            return d
        return _parse(text, raw, _as_ref(ref), flood_season)
    except Exception as exc:  # robustness: a cell must never crash the run
        return Deadline(raw=raw, understood=False,
                        problems=[P_INTERNAL.format(t=raw, e=type(exc).__name__)])


# ---------------------------------------------------------------------------
# Messages (Chinese, shown to clerks)
# ---------------------------------------------------------------------------

P_EMPTY = "未填写完成时限"
P_UNKNOWN = "无法识别「{t}」中的完成时限，请写成「2020年12月底」这样的具体时间"
P_NEED_REF = ("「{t}」没有写明年份（或是相对时间），需要文件日期（成文日期）才能确定年份，"
              "请在设置中填写")
P_NEED_REF_IMM = "「{t}」表示立即办理，需要文件日期（成文日期）才能确定日期，请在设置中填写"
P_FLOOD = "「汛期」的起止日期因地区而异，请在设置中填写汛期开始和结束日期"
# the same problems for a list that holds no 设置 sheet (a CSV): what is needed, not where to write it
P_FLOOD_NEEDED = "「汛期」的起止日期因地区而异，需要汛期开始和结束日期"


def without_settings_sheet(problem: str) -> str:
    """A problem above without its 「请在设置中填写」, for a list that cannot hold a 设置 sheet."""
    return problem.replace(P_FLOOD, P_FLOOD_NEEDED).replace("，请在设置中填写", "")


P_FLOOD_BAD = "设置中的汛期日期无效，请按「6月1日」「9月30日」这样的月、日重新填写汛期开始和结束日期"
P_STATUS = ("「{t}」是完成情况，不是完成时限；请在完成时限中写原定的完成时间"
            "（如「2020年12月底」），完成情况另行填写")
P_WORKDAY = ("「{t}」按工作日计算，需要节假日安排才能算出日期，软件不做推测；"
             "请写成具体日期，如「2020年12月31日前」或「每月5日前」")
P_EVENT = ("「{t}」从会议、收到通知等事件起算，软件不知道该事件的日期；"
           "请写成具体日期，如「2020年12月31日前」")
P_PERIOD_END = ("「{t}」从每期结束起算，软件不推算这种写法的日期；"
                "请写成「每月20日前」「每季度最后一个月25日前」「每年1月20日前」这样的写法")
P_BADDATE = "「{t}」不是有效日期，请核对"
P_MULTI_REC = "一个完成时限里写了多个周期（「{a}」和「{b}」），只能识别一个，请拆成多项任务或只保留一个周期"
P_UNSUPPORTED_REC = ("「{t}」这种周期写法无法确定具体日期，请写成「每月5日前」"
                     "「每季度最后一个月25日前」「每年1月20日前」这样的写法")
P_NUMBER = ("「{t}」是一个数字，不是完成时限；如果是Excel日期，请把单元格设为日期格式，"
            "或写成「2020年12月31日」这样的文字")
P_INTERNAL = "解析完成时限「{t}」时出错（{e}），请检查写法"


_MANY_DAYS_RE = re.compile(r"每(?:个)?月\s*(?P<days>\d{1,2}\s*[日号](?:\s*[,，、和]\s*\d{1,2}\s*[日号])+)")


def _fmt(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------------------
# Small date helpers
# ---------------------------------------------------------------------------

def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _clamped(y: int, m: int, day: int | None) -> dt.date:
    """Day ``day`` of the month, clamped to its length; None = month end."""
    last = calendar.monthrange(y, m)[1]
    return dt.date(y, m, last if day is None else max(1, min(day, last)))


def _as_date(v) -> dt.date:
    return v.date() if isinstance(v, dt.datetime) else v


def _as_ref(ref) -> dt.date | None:
    if isinstance(ref, dt.datetime):
        return ref.date()
    if isinstance(ref, dt.date):
        return ref
    if isinstance(ref, str):
        try:
            return dt.date.fromisoformat(ref.strip()[:10])
        except ValueError:
            return None
    return None


def _raw_of(text) -> str:
    if text is None:
        return ""
    if type(text) is str:
        return text
    if isinstance(text, dt.datetime):
        return text.date().isoformat() if text.time() == dt.time() else text.isoformat(sep=" ")
    if isinstance(text, dt.date):
        return text.isoformat()
    try:
        return str(text)
    except Exception:
        return ""


# ---------------------------------------------------------------------------
# Recurrence arithmetic
# ---------------------------------------------------------------------------

_REC_MONTHS = {
    "monthly": tuple(range(1, 13)),
    "bimonthly_odd": (1, 3, 5, 7, 9, 11),
    "quarterly": (3, 6, 9, 12),
    "semiannual": (6, 12),
}


def _rec_dues_in_year(rec: Recurrence, year: int) -> list[dt.date]:
    if rec.freq == "yearly":
        months = (rec.month or 12,)
    else:
        months = _REC_MONTHS.get(rec.freq)
    if not months or not 1 <= year <= 9999 or any(not 1 <= m <= 12 for m in months):
        return []
    return [_clamped(year, m, rec.day) for m in months]


def _rec_next_due(rec: Recurrence, on) -> dt.date | None:
    on = _as_date(on)
    lo = max(on, rec.since) if rec.since else on
    if rec.freq == "daily":
        return lo
    if rec.freq == "weekly":
        wd = 6 if rec.weekday is None else rec.weekday  # no weekday stated: end of week
        return lo + dt.timedelta(days=(wd - lo.weekday()) % 7)
    for y in (lo.year, lo.year + 1):
        for d in _rec_dues_in_year(rec, y):
            if d >= lo:
                return d
    return None


def _rec_last_due(rec: Recurrence, on) -> dt.date | None:
    on = _as_date(on)
    if rec.since and on < rec.since:
        return None
    found = None
    if rec.freq == "daily":
        found = on
    elif rec.freq == "weekly":
        wd = 6 if rec.weekday is None else rec.weekday
        found = on - dt.timedelta(days=(on.weekday() - wd) % 7)
    else:
        for y in (on.year, on.year - 1):
            earlier = [d for d in _rec_dues_in_year(rec, y) if d <= on]
            if earlier:
                found = earlier[-1]
                break
    if found is None or (rec.since and found < rec.since):
        return None
    return found


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "[一二两三四五六七八九十]"


def _cn_int(s: str) -> int:
    """'十二' -> 12, '二十' -> 20, '三十一' -> 31, '7' -> 7."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_DIGIT[a] if a else 1) * 10 + (_CN_DIGIT[b] if b else 0)
    return _CN_DIGIT[s]


# Verbs recorded as a clause's action (longest first, so 建成投运 beats 建成).
_VERBS = ["建成投运", "建成投用", "建成运行", "开工建设", "编制完成", "完成", "建成", "投运",
          "投用", "开工", "启动", "出台", "制定", "编制", "消除", "实现", "办结", "印发",
          "公布", "报送", "上报", "建立", "实施", "验收"]
_VERB_RE = re.compile("|".join(_VERBS))

# Whitespace right after a date is a clause break unless what follows continues it
# (a digit, a date suffix, a verb or an adverb): "2020年6月 适时启动".
_SPACE_BREAK_RE = re.compile(
    r"(?<=[月日号底前末旬])\s+(?![\d年月日号底前末旬内以之]|基本|全面|全部|要|须|应|"
    + "|".join(_VERBS) + ")")

_YEAR_CN_RE = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_MONTH_CN_RE = re.compile(
    r"(?:^|(?<=[年至到自从于在每单前\-~—–,;、(\s]))(十[一二]?|[一二三四五六七八九])(?=月)")
_DAY_CN_RE = re.compile(r"(?<=月)(三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|"
                        r"[一二三四五六七八九])(?=[日号])")


def _normalise(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("○", "〇")
    s = _SPACE_BREAK_RE.sub(",", s)
    s = re.sub(r"\s+", "", s)
    s = _YEAR_CN_RE.sub(lambda m: "".join(str(_CN_DIGIT[c]) for c in m.group()), s)
    s = _MONTH_CN_RE.sub(lambda m: str(_cn_int(m.group(1))), s)
    s = _DAY_CN_RE.sub(lambda m: str(_cn_int(m.group(1))), s)
    # 3月20日至31日: the range ends on a day of the same month
    s = _DAY_RANGE_RE.sub(lambda m: f"{m.group('m')}月{m.group('d1')}{m.group('u')}{m.group('gap')}{m.group('m')}月", s)
    return s


_DAY_RANGE_RE = re.compile(r"(?<![\d月])(?P<m>\d{1,2})月(?P<d1>\d{1,2})(?P<u>[日号])(?P<gap>至|到|[-—–~])(?=\d{1,2}[日号])")


# ---------------------------------------------------------------------------
# Clause splitting
# ---------------------------------------------------------------------------

# 并 starts a new clause only before a deadline-ish word ("并长期坚持", "并于2020年"),
# not inside task text ("并同步实施").
_BING_SPLIT = (r"并且?(?=长期|持续|常态|长效|每|此后|适时|立|于|在|到|自|从|\d|今年|明年|本年|"
               r"年底|年内)")
_SPLIT_RE = re.compile(r"(?=此后)|然后|" + _BING_SPLIT)


def _split_clauses(s: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"[,;。]+", s):
        for q in _SPLIT_RE.split(part):
            q = q.strip()
            if q:
                out.append(q)
    # 、 separates clauses only when both sides carry a date ("2019年12月、2020年6月").
    merged: list[str] = []
    for c in out:
        pieces = c.split("、")
        cur = pieces[0]
        for p in pieces[1:]:
            if _scan_items(cur.split("、")[-1]) and _scan_items(p):
                merged.append(cur)
                cur = p
            else:
                cur += "、" + p
        merged.append(cur)
    return [m for m in merged if m.strip("、")]


# ---------------------------------------------------------------------------
# Date expressions inside a clause
# ---------------------------------------------------------------------------

@dataclass
class _Item:
    kind: str                 # due | period | imm | flood_before | flood
    start: int
    end: int
    text: str
    year: int | None = None   # explicit year
    rel: str | None = None    # 今年 / 本年 / 明年 / 次年
    needs_year: bool = True
    # year -> (first day, last day, precision); may raise ValueError
    build: Callable[[int | None], tuple[dt.date | None, dt.date, str]] | None = None


_REL_YEARS = r"今年|本年|明年|次年|翌年|下一年|第二年"
_Y_OPT = r"(?:(?<!\d)(?P<y>(?:19|20)\d{2})年|(?P<ry>" + _REL_YEARS + r"))?"
_Y_REQ = r"(?:(?<!\d)(?P<y>(?:19|20)\d{2})年|(?P<ry>" + _REL_YEARS + r"))"
_NEXT_YEAR = ("次年", "翌年", "下一年", "第二年")

# Festivals: lunar ones through a maintained lunar calendar (lunardate), solar ones fixed.
_LUNAR = {"春节": (1, 1), "元宵节": (1, 15), "元宵": (1, 15), "端午节": (5, 5), "端午": (5, 5),
          "中秋节": (8, 15), "中秋": (8, 15)}
_SOLAR = {"元旦": (1, 1), "五一": (5, 1), "劳动节": (5, 1), "国庆节": (10, 1), "国庆": (10, 1)}


def festival_date(name: str, year: int) -> dt.date:
    if name in _SOLAR:
        return dt.date(year, *_SOLAR[name])
    from lunardate import LunarDate
    return LunarDate(year, *_LUNAR[name]).to_solar_date()
_QUARTER = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}


def _b_day(m, d):
    return lambda y: (dt.date(y, m, d), dt.date(y, m, d), "day")


def _b_xun(m, x):
    def f(y):
        first = {"上": 1, "中": 11, "下": 21}[x]
        last = {"上": dt.date(y, m, 10), "中": dt.date(y, m, 20)}.get(x) or _month_end(y, m)
        return dt.date(y, m, first), last, "xun"
    return f


def _b_month(m):
    return lambda y: (dt.date(y, m, 1), _month_end(y, m), "month")


def _b_quarter(q):
    return lambda y: (dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")


def _b_half(h):
    return lambda y: ((dt.date(y, 1, 1), dt.date(y, 6, 30), "half") if h == "上"
                      else (dt.date(y, 7, 1), dt.date(y, 12, 31), "half"))


def _b_year():
    return lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def _h_iso(m):
    mo, d = int(m["m"]), m["d"]
    if not 1 <= mo <= 12:
        return None
    y = int(m["y"])
    if d is None:
        return _Item("due", *m.span(), m.group(), y, needs_year=False, build=_b_month(mo))
    return _Item("due", *m.span(), m.group(), y, needs_year=False, build=_b_day(mo, int(d)))


def _std(m, builder, kind="due"):
    y = int(m["y"]) if m["y"] else None
    return _Item(kind, *m.span(), m.group(), y, m["ry"], build=builder)


def _h_plan(m):
    if not (m["q1"] or m["suf"]):   # bare 十五 is a number, not the 10th plan
        return None
    k = 10 + (_CN_DIGIT[m["n"]] if m["n"] else 0)
    first = 2001 + 5 * (k - 10)
    if m["suf"] == "末":
        return _Item("due", *m.span(), m.group(), first + 4, needs_year=False,
                     build=lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31), "year"))
    return _Item("period", *m.span(), m.group(), first, needs_year=False,
                 build=lambda y: (dt.date(first, 1, 1), dt.date(first + 4, 12, 31), "year"))


def _h_yrange(m):
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 < y1:
        return None
    return _Item("period", *m.span(), m.group(), y1, needs_year=False,
                 build=lambda y: (dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year"))


def _h_festival(m):
    name, when = m["f"], m["w"] or ""

    def build(y):
        day = festival_date(name, y)
        if when in ("前", "之前", "以前"):
            return None, day - dt.timedelta(days=1), "day"
        return day, day, "day"
    kind = "festival_after" if when in ("后", "之后", "以后") else "due"
    return _std(m, build, kind)


def _h_this_period(m):
    return _Item("this_" + ("month" if m["u"] == "月" else "quarter"), *m.span(), m.group(),
                 rel=m["which"], needs_year=False)


def _h_flood(m):
    # 主汛期 has no separate setting: it reads as the configured season.
    return _std(m, None, "flood_before" if (m["b1"] or m["b2"]) else "flood")


# Ordered only for readability: overlaps are settled by position, then length.
_ITEM_PATTERNS: list[tuple[re.Pattern, Callable]] = [
    (re.compile(r"(?P<q1>[“\"‘'])?十(?P<n>[一二三四五六七八九])?五[”\"’']?"
                r"(?P<suf>规划期间|规划期|期间|时期|末)?"), _h_plan),
    (re.compile(r"(?<!\d)(?P<y1>(?:19|20)\d{2})年?(?:[-—–~]+|至|到)(?P<y2>(?:19|20)\d{2})年"
                r"(?:期间|间)?"), _h_yrange),
    (re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<s>[-/.])(?P<m>\d{1,2})"
                r"(?:(?P=s)(?P<d>\d{1,2}))?(?!\d)(?:日)?"), _h_iso),
    (re.compile(_Y_OPT + r"(?<!\d)(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]"),
     lambda m: _std(m, _b_day(int(m["m"]), int(m["d"])))),
    (re.compile(_Y_OPT + r"(?<!\d)(?P<m>\d{1,2})月(?P<x>[上中下])旬"),
     lambda m: _std(m, _b_xun(int(m["m"]), m["x"]))),
    # 3月初 / 4月初之前: the first days of the month, read as its 上旬 (said in the notes)
    (re.compile(_Y_OPT + r"(?<!\d)(?P<m>\d{1,2})月(?:份)?初"),
     lambda m: _std(m, _b_xun(int(m["m"]), "上"))),
    (re.compile(_Y_OPT + r"(?<!\d)(?P<m>\d{1,2})月(?:份)?(?:底|末)?"),
     lambda m: _std(m, _b_month(int(m["m"])))),
    # 2016年6底前: the 月 left out; read as that month's end, flagged (see _NO_MONTH_RE)
    (re.compile(_Y_REQ + r"(?P<m>\d{1,2})(?:底|末)"),
     lambda m: _std(m, _b_month(int(m["m"]))) if 1 <= int(m["m"]) <= 12 else None),
    (re.compile(_Y_OPT + r"第?(?P<q>[1-4一二三四])季度(?:末|底)?"),
     lambda m: _std(m, _b_quarter(_QUARTER[m["q"]]))),
    (re.compile(_Y_OPT + r"(?P<h>[上下])半年(?:末|底)?"),
     lambda m: _std(m, _b_half(m["h"]))),
    (re.compile(_Y_REQ + r"年?(?:底|末|终|内)"), lambda m: _std(m, _b_year())),
    (re.compile(r"(?<![\d年今本明每半当上去])年(?:底|末|终|内)"),
     lambda m: _Item("due", *m.span(), m.group(), build=_b_year())),
    (re.compile(_Y_REQ + r"(?:度)?"), lambda m: _std(m, _b_year())),
    (re.compile(_Y_OPT + r"(?P<main>主)?(?:汛期(?P<b1>来临前|来临之前|到来前|到来之前|前|之前|以前)?"
                r"|汛(?P<b2>前))"), _h_flood),
    (re.compile(r"立行立改|立即整改|即知即改|立查立改|立即|马上|立刻"),
     lambda m: _Item("imm", *m.span(), m.group(), needs_year=False)),
    (re.compile(_Y_OPT + r"(?P<f>" + "|".join(sorted([*_LUNAR, *_SOLAR], key=len, reverse=True)) + r")"
                r"(?P<w>前|之前|以前|后|之后|以后|期间)?"), _h_festival),
    (re.compile(r"(?P<which>本|当|下)个?(?P<u>月|季度|季)(?P<end>底|末)?"), _h_this_period),
    (re.compile(r"即日|今日|印发之日|发文之日|本通知印发之日|方案印发之日"),
     lambda m: _Item("today", *m.span(), m.group(), needs_year=False)),
]


def _scan_items(s: str) -> list[_Item]:
    found: list[_Item] = []
    for pat, handler in _ITEM_PATTERNS:
        for m in pat.finditer(s):
            if m.end() > m.start():
                it = handler(m)
                if it is not None:
                    found.append(it)
    found.sort(key=lambda it: (it.start, -(it.end - it.start)))
    chosen: list[_Item] = []
    for it in found:
        if not chosen or it.start >= chosen[-1].end:
            chosen.append(it)
    return chosen


# ---------------------------------------------------------------------------
# Recurrences, flags and things that cannot be computed
# ---------------------------------------------------------------------------

_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6,
            "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}

# (pattern, builder(match) -> Recurrence | str problem)
_REC_PATTERNS: list[tuple[re.Pattern, Callable]] = [
    (re.compile(r"每(?:个)?季度(?:第一个|首|第二个|次)月"), lambda m: P_UNSUPPORTED_REC),
    (re.compile(r"每(?:个)?季度(?P<d>\d{1,2})[日号]"), lambda m: P_UNSUPPORTED_REC),
    (re.compile(r"每双月(?:\d{1,2}[日号])?"), lambda m: P_UNSUPPORTED_REC),
    # (「每季度末月25日前」 is the quarter's last month's 25th, not the quarter's end: trial 29)
    (re.compile(r"每(?:个)?季度(?:最后一个月|末月)(?P<d>\d{1,2})[日号]"),
     lambda m: Recurrence("quarterly", day=int(m["d"]))),
    (re.compile(r"每(?:个)?季度(?:末|底)?|按季度?(?=[报上开检统通调考填汇进召组督发公]|\s*$)"), lambda m: Recurrence("quarterly")),
    (re.compile(r"每单月(?:(?P<d>\d{1,2})[日号]|底|末)?"),
     lambda m: Recurrence("bimonthly_odd", day=int(m["d"]) if m["d"] else None)),
    (re.compile(r"每(?:个)?月(?:(?P<d>\d{1,2})[日号]|底|末)?|按月(?=[报上开检统通调考填汇进召组督发公]|\s*$)"),
     lambda m: Recurrence("monthly", day=int(m["d"]) if m["d"] else None)),
    (re.compile(r"每半年|半年(?:反馈|报送|报告|通报|公布|上报|总结|评估)?一次"),
     lambda m: Recurrence("semiannual")),
    (re.compile(r"每一?年度?(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]|底|末)?|底|末|终)?"),
     lambda m: Recurrence("yearly", month=int(m["m"]) if m["m"] else None,
                          day=int(m["d"]) if m["d"] else None)),
    (re.compile(r"每(?:个)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天1-7])?"),
     lambda m: Recurrence("weekly", weekday=_WEEKDAY[m["wd"]] if m["wd"] else None)),
    (re.compile(r"每(?:日|天)|逐日"), lambda m: Recurrence("daily")),
]

_TIME_RE = re.compile(r"(?:上午|中午|下午|晚上|早上)?[\d一二三四五六七八九十]{1,3}(?:时|点)"
                      r"(?:\d{1,2}分|半)?")
_HOLIDAY_RE = re.compile(r"\(?(?:遇)?节假日顺延[^)]*\)?")
_EVENT_RE = re.compile(r"(?<![\d月])(?:\d+|[一二两三四五六七八九十]+)个?"
                       r"(?P<u>工作日|自然日|日|天|周|个月)(?:内|以内|之内)")

# 3年内 / 三个月以内, and 利用2年时间 / 用三年左右时间 (时间 only after 用: 3年时间 alone may be a past span)
_SPAN_RE = re.compile(r"(?<![\d月年])(?P<use>利用|用)?\s*(?P<n>\d+|[一二两三四五六七八九十]+|半)个?(?P<u>年|个月|月)(?:左右)?"
                      r"(?(use)(?:的)?时间|(?:内|以内|之内))")
# 利用30天时间 / 30天内: a span of days from the document date
_DAY_SPAN_RE = re.compile(r"(?<![\d月年])(?:利用|用)?(?P<n>\d+|[一二两三四五六七八九十]+)天(?:时间|内|以内|之内)")
# A span counted from an event (收到通知后三个月内) is not counted from the document date.
_EVENT_BEFORE_RE = re.compile(r"(?:后|起|之日|收到|接到|会议|发现|出现)[^,;。]{0,6}$")
_PERIODIC_RE = re.compile(r"定期")
_NO_MONTH_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}年(?P<m>\d{1,2})(?:底|末)")
# 2014年南水北调中线工程通水前: a year, then an event; the day of the event is not written.
_PERIOD_END_RE = re.compile(r"每(?:个)?(?:月|季度|半年|年度?)(?:终了|结束)(?:之)?后\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:个工作|个)?(?:日|天)(?:内|以内)?")
_YEAR_EVENT_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}年(?P<ev>[\u4e00-\u9fff]{3,}?)(?:之|以)?前")
_DATE_WORD_RE = re.compile(r"[底末内度季月旬日号半汛]|" + "|".join(["春节", "元宵", "端午", "中秋", "元旦", "五一",
                                                                  "劳动节", "国庆"]))


def _span_int(s: str) -> int:
    return int(s) if s.isdigit() else _cn_int(s.replace("两", "二"))


_ONGOING_RE = re.compile(r"长期坚持|长期保持|长期执行|长期|持续推进|持续开展|持续整改|持续|"
                         r"常态化推进|常态化|常态工作|常态|长效")
_CONDITIONAL_RE = re.compile(r"适时启动|适时")
_STATUS_RE = re.compile(r"(?:已经?)?(?:完成|办结|整改完成|完成整改|落实|销号|整改到位)了?")
_START_BEFORE_RE = re.compile(r"(?:自|从)$")
_START_AFTER_RE = re.compile(r"^(?:起|开始|以来|始)")
_RANGE_GAP_RE = re.compile(r"(?:起|开始)?(?:[-—–~]+|至|到)")
_RANGE_TAIL_RE = re.compile(r"^(?:结束|止|为止)")


def _mask(s: str, a: int, b: int) -> str:
    return s[:a] + "\x00" * (b - a) + s[b:]


# ---------------------------------------------------------------------------
# Clause analysis
# ---------------------------------------------------------------------------

@dataclass
class _Clause:
    text: str
    due: dt.date | None = None
    precision: str | None = None
    action: str | None = None
    start: dt.date | None = None
    start_only: bool = False
    recurrences: list[Recurrence] = field(default_factory=list)
    after_previous: bool = False      # 此后…
    ongoing: bool = False
    immediate: bool = False
    conditional: bool = False
    relative: bool = False
    recognised: bool = False
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    uncertain: list[str] = field(default_factory=list)
    span: tuple[int, str, str] | None = None   # (n, 年|月, text): 三个月内, 3年内完成


class _Ctx:
    def __init__(self, ref: dt.date | None, flood):
        self.ref = ref
        self.flood = flood          # ((m,d),(m,d)) validated, or None
        self.flood_bad = False
        self.last_year: int | None = None   # for 次年


def _resolve(it: _Item, ctx: _Ctx, cl: _Clause, default_year: int | None = None):
    """-> (first, last, precision, year_used) or None after adding a problem."""
    if it.kind in ("imm", "today"):     # 立即 / 即日: the document's own date
        if ctx.ref is None:
            cl.problems.append(P_NEED_REF_IMM.format(t=it.text))
            return None
        cl.relative = True
        cl.notes.append(f"「{it.text}」按文件日期（{_fmt(ctx.ref)}）理解")
        return ctx.ref, ctx.ref, "day", ctx.ref.year

    if it.kind in ("this_month", "this_quarter"):
        if ctx.ref is None:
            cl.problems.append(P_NEED_REF.format(t=it.text))
            return None
        y, m = ctx.ref.year, ctx.ref.month
        if it.kind == "this_month":
            if it.rel == "下":
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            first, last, prec = dt.date(y, m, 1), _month_end(y, m), "month"
        else:
            q = (m - 1) // 3 + 1
            if it.rel == "下":
                y, q = (y + 1, 1) if q == 4 else (y, q + 1)
            first, last, prec = dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
        cl.relative = True
        cl.notes.append(f"「{it.text}」按文件日期（{_fmt(ctx.ref)}）理解为{_fmt(last)}")
        return first, last, prec, y

    if it.kind in ("flood", "flood_before") and ctx.flood is None:
        # Checked before the year: the season itself is unknown without settings.
        cl.problems.append(P_FLOOD_BAD if ctx.flood_bad else P_FLOOD)
        return None

    year = it.year
    if year is None and it.needs_year:
        if it.rel in ("今年", "本年"):
            if ctx.ref is None:
                cl.problems.append(P_NEED_REF.format(t=it.text))
                return None
            year = ctx.ref.year
            cl.relative = True
            cl.notes.append(f"「{it.rel}」按文件日期所在的{year}年理解")
        elif it.rel == "明年":
            if ctx.ref is None:
                cl.problems.append(P_NEED_REF.format(t=it.text))
                return None
            year = ctx.ref.year + 1
            cl.relative = True
            cl.notes.append(f"「明年」按文件日期的下一年（{year}年）理解")
        elif it.rel in _NEXT_YEAR:
            # 次年 follows the year last written in the same cell, else the document's year.
            if ctx.last_year is not None:
                year = ctx.last_year + 1
                cl.notes.append(f"「{it.rel}」按前文{ctx.last_year}年的下一年（{year}年）理解")
            elif ctx.ref is not None:
                year = ctx.ref.year + 1
                cl.relative = True
                cl.notes.append(f"「{it.rel}」按文件日期的下一年（{year}年）理解")
            else:
                cl.problems.append(P_NEED_REF.format(t=it.text))
                return None
        elif default_year is not None:
            year = default_year
        else:
            if ctx.ref is None:
                cl.problems.append(P_NEED_REF.format(t=it.text))
                return None
            year = ctx.ref.year
            cl.relative = True
            cl.notes.append(f"「{it.text}」未写年份，按文件日期所在的{year}年理解")
            if it.kind in ("due", "festival_after") and any(f in it.text for f in (*_LUNAR, *_SOLAR)):
                cl.uncertain.append(f"「{it.text}」没有写年份，请核实是哪一年的节日")

    if re.search(r"月(?:份)?初", it.text):
        cl.notes.append(f"「{it.text}」按该月上旬（10日）理解")
    if it.kind in ("flood", "flood_before"):
        (sm, sd), (em, ed) = ctx.flood
        first = dt.date(year, sm, sd)
        last = dt.date(year + (1 if (em, ed) < (sm, sd) else 0), em, ed)
        cl.notes.append(f"「汛期」按设置的{sm}月{sd}日至{em}月{ed}日理解")
        if it.kind == "flood_before":
            before = first - dt.timedelta(days=1)
            return None, before, "day", year
        return first, last, "day", year

    try:
        first, last, prec = it.build(year)
    except (ValueError, OverflowError):
        cl.problems.append(P_BADDATE.format(t=it.text))
        return None
    if (it.year is None and not it.rel and ctx.ref is not None and last < ctx.ref
            and any(f in it.text for f in (*_LUNAR, *_SOLAR))):
        # 春节前 in a September document is next year's festival.
        year += 1
        first, last, prec = it.build(year)
        cl.notes = [n for n in cl.notes if not n.startswith(f"「{it.text}」未写年份")]
        cl.notes.append(f"「{it.text}」未写年份，文件日期所在年的节日已过，按{year}年理解")
    if it.year is not None or it.rel:
        ctx.last_year = year
    return first, last, prec, year


def _find_action(s: str) -> str | None:
    m = _VERB_RE.search(s)
    return m.group() if m else None


def _analyse(text: str, ctx: _Ctx) -> list[_Clause]:
    """One clause of normalised text -> one or more analysed clauses."""
    cl = _Clause(text)
    work = text

    sp = _SPAN_RE.search(work)
    days = _DAY_SPAN_RE.search(work) if not sp else None
    if days and not _EVENT_BEFORE_RE.search(work[:days.start()]):
        cl.span = (_span_int(days["n"]), "天", days.group())
        cl.recognised = True
        cl.action = _find_action(work[days.end():])
        work = _mask(work, *days.span())
    if sp and not _EVENT_BEFORE_RE.search(work[:sp.start()]):
        # 三个月内 / 3年内完成: a span from the document date (or from a start written in the cell).
        n = 6 if sp["n"] == "半" else _span_int(sp["n"])
        unit = "年" if sp["u"] == "年" else "月"
        if sp["n"] == "半":
            unit = "月"
        cl.span = (n, unit, sp.group())
        cl.recognised = True
        cl.action = _find_action(work[sp.end():])
        work = _mask(work, *sp.span())

    ye = _YEAR_EVENT_RE.search(work)
    if ye and not _DATE_WORD_RE.search(ye["ev"]):
        cl.recognised = True
        cl.problems.append(P_EVENT.format(t=text))
        return [cl]
    for m in _NO_MONTH_RE.finditer(work):
        cl.uncertain.append(f"「{m.group()}」少写了「月」字，按{m['m']}月底理解，请核实")

    pe = _PERIOD_END_RE.search(work)
    if pe:
        # 每季度终了后20日内: counted from the end of each period, not from a meeting or a notice (h6301)
        cl.recognised = True
        cl.problems.append(P_PERIOD_END.format(t=pe.group()))
        return [cl]
    ev = _EVENT_RE.search(work)
    if ev:
        cl.recognised = True
        msg = P_WORKDAY if ev["u"] == "工作日" else P_EVENT
        cl.problems.append(msg.format(t=text))
        return [cl]

    for m in _HOLIDAY_RE.finditer(work):
        cl.notes.append(f"「{m.group().strip('()')}」需要节假日安排，软件未计算顺延，请人工留意")
        work = _mask(work, *m.span())

    if work.startswith("此后"):
        cl.after_previous = True
        cl.recognised = True
        work = _mask(work, 0, 2)

    # Recurrences first, so 每年/每季度末 are not read as dates.
    for pat, build in _REC_PATTERNS:
        for m in pat.finditer(work):
            r = build(m)
            if isinstance(r, str):
                cl.problems.append(r.format(t=m.group()))
            else:
                r.text = text
                cl.recurrences.append(r)
            cl.recognised = True
            work = _mask(work, *m.span())
            if isinstance(r, Recurrence) and r.freq == "weekly":
                for t in _TIME_RE.finditer(work):
                    cl.notes.append(f"「{t.group()}」是具体时刻，只按日期计算")
                    work = _mask(work, *t.span())
    for r in cl.recurrences:
        if r.day is not None and not 1 <= r.day <= 31 or r.month is not None and not 1 <= r.month <= 12:
            cl.problems.append(P_BADDATE.format(t=text))

    for m in _PERIODIC_RE.finditer(work):
        # 定期: recurring, period not stated; a duty from now on, the period for the clerk to fill in.
        cl.ongoing = cl.recognised = True
        cl.uncertain.append(f"「{m.group()}」没有写明周期（每月、每季度还是每年），按长期工作处理，请核实")
        work = _mask(work, *m.span())
    for r in cl.recurrences:
        if r.freq == "yearly" and r.month is None:
            cl.uncertain.append(f"「{r.text}」没有写明每年哪一天，按每年年底（12月31日）计算，请核实")

    for regex, attr in ((_ONGOING_RE, "ongoing"), (_CONDITIONAL_RE, "conditional")):
        for m in regex.finditer(work):
            setattr(cl, attr, True)
            cl.recognised = True
            work = _mask(work, *m.span())

    items = _scan_items(work)
    if items:
        cl.recognised = True

    # Pair up ranges (a 至 b) and mark starts (自 a 起); the rest are deadlines.
    entries = []   # (kind, item, item2 or None)
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        if (b is not None and a.kind in ("due", "today") and b.kind == "due"
                and _RANGE_GAP_RE.fullmatch(work[a.end:b.start])):
            entries.append(("range", a, b))
            i += 2
            continue
        before, after = work[:a.start], work[a.end:]
        if a.kind == "festival_after" or (a.kind in ("due", "today") and _START_AFTER_RE.match(after)):
            entries.append(("start", a, None))
        elif a.kind in ("due", "today") and _START_BEFORE_RE.search(before) and not after:
            entries.append(("start", a, None))
        else:
            entries.append(("due", a, None))
        i += 1

    dated = [e for e in entries if e[0] != "start"]
    if len(dated) > 1:
        # Two deadlines in one clause without punctuation: split before each later one.
        cuts = [e[1].start for e in dated[1:]]
        pieces, last = [], 0
        for c in cuts:
            pieces.append(text[last:c])
            last = c
        pieces.append(text[last:])
        pieces = [p for p in pieces if p.strip()]
        if len(pieces) > 1:
            out: list[_Clause] = []
            for p in pieces:
                out.extend(_analyse(p, ctx))
            return out

    for kind, a, b in entries:
        if kind == "start":
            r = _resolve(a, ctx, cl)
            if r:
                cl.start = r[0] or r[1]
                cl.start_only = True
            continue
        if kind == "range":
            r1 = _resolve(a, ctx, cl)
            if not r1:
                continue
            r2 = _resolve(b, ctx, cl, default_year=r1[3])
            if not r2:
                continue
            if r2[1] < (r1[0] or r1[1]) and b.year is None and b.rel is None:
                r2b = _resolve(b, ctx, cl, default_year=r1[3] + 1)
                if r2b:
                    cl.notes.append(f"「{b.text}」早于起始日期，按次年（{r1[3] + 1}年）理解")
                    r2 = r2b
            cl.start, cl.due, cl.precision = r1[0] or r1[1], r2[1], r2[2]
            cl.action = _find_action(work[b.end:])
            continue
        r = _resolve(a, ctx, cl)
        if a.kind == "imm":
            cl.immediate = True
        if not r:
            continue
        first, last, prec, _y = r
        cl.due, cl.precision = last, prec
        if a.kind in ("period", "flood"):
            cl.start = first
        cl.action = _find_action(work[a.end:])
    return [cl]


# ---------------------------------------------------------------------------
# Whole cell
# ---------------------------------------------------------------------------

def _valid_flood(fs):
    try:
        (sm, sd), (em, ed) = fs
        dt.date(2000, int(sm), int(sd))
        dt.date(2000, int(em), int(ed))
        return (int(sm), int(sd)), (int(em), int(ed))
    except (TypeError, ValueError):
        return None


def _dedupe(xs: list[str]) -> list[str]:
    return list(dict.fromkeys(xs))


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return _clamped(d.year + y, m + 1, d.day)


def _resolve_spans(clauses: list[_Clause], ref: dt.date | None) -> None:
    """三个月内 counts from the document date; 2019年开始，3年内完成 from the start written before it."""
    start = next((cl.start for cl in clauses if cl.start_only), None)
    for cl in clauses:
        if cl.span is None or cl.due is not None:
            continue
        n, unit, text = cl.span
        months = n * 12 if unit == "年" else n
        if unit == "天":
            base = start if start is not None else ref
            if base is None:
                cl.problems.append(P_NEED_REF.format(t=text))
                continue
            cl.due, cl.precision, cl.relative = base + dt.timedelta(days=n), "day", start is None
            cl.uncertain.append(f"「{text}」按{'开始时间' if start is not None else '文件日期'}（{_fmt(base)}）起算，"
                                f"理解为{_fmt(cl.due)}前，请核实")
            continue
        if start is not None:
            if unit == "年" and (start.month, start.day) == (1, 1):
                cl.due, cl.precision = dt.date(start.year + n - 1, 12, 31), "year"
            else:
                cl.due, cl.precision = _add_months(start, months) - dt.timedelta(days=1), "day"
            cl.uncertain.append(f"「{text}」按开始时间{_fmt(start)}起算，理解为{_fmt(cl.due)}前，请核实")
        elif ref is not None:
            cl.due, cl.precision, cl.relative = _add_months(ref, months), "day", True
            cl.uncertain.append(f"「{text}」按文件日期（{_fmt(ref)}）起算，理解为{_fmt(cl.due)}前，请核实")
        else:
            cl.problems.append(P_NEED_REF.format(t=text))


def _parse(text, raw: str, ref: dt.date | None, flood_season) -> Deadline:
    if isinstance(text, (dt.date, dt.datetime)):
        return Deadline(raw=raw, due=_as_date(text), precision="day")
    if text is None or (isinstance(text, str) and not text.strip()):
        return Deadline(raw=raw, understood=False, problems=[P_EMPTY])
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return Deadline(raw=raw, understood=False, problems=[P_NUMBER.format(t=raw)])
    if not isinstance(text, str):
        return Deadline(raw=raw, understood=False, problems=[P_UNKNOWN.format(t=raw)])

    ctx = _Ctx(ref, None)
    if flood_season is not None:
        ctx.flood = _valid_flood(flood_season)
        ctx.flood_bad = ctx.flood is None

    norm = _normalise(text)
    raw_clauses = _split_clauses(norm)
    if not raw_clauses:
        return Deadline(raw=raw, understood=False, problems=[P_UNKNOWN.format(t=text.strip())])

    clauses: list[_Clause] = []
    for c in raw_clauses:
        clauses.extend(_analyse(c, ctx))
    _resolve_spans(clauses, ref)

    d = Deadline(raw=raw)
    prev_dated: _Clause | None = None
    latest_due: dt.date | None = None
    dated: list[_Clause] = []
    for cl in clauses:
        if not cl.recognised:
            stripped = cl.text.strip("、:：()")
            if _STATUS_RE.fullmatch(stripped):
                cl.problems.append(P_STATUS.format(t=stripped))
            elif prev_dated is not None and _find_action(cl.text):
                # "2020年12月底前，完成清淤": the verb continues the dated clause.
                if prev_dated.action is None:
                    prev_dated.action = _find_action(cl.text)
            else:
                # A one-clause cell is quoted as the clerk typed it.
                shown = text.strip() if len(clauses) == 1 else cl.text
                cl.problems.append(P_UNKNOWN.format(t=shown))
        if cl.due is not None:
            dated.append(cl)
            prev_dated = cl
            if latest_due is None or cl.due > latest_due:
                latest_due = cl.due
        if cl.after_previous and latest_due is not None:
            since = latest_due + dt.timedelta(days=1)
            for r in cl.recurrences:
                r.since = r.since or since
            if cl.recurrences:
                cl.notes.append(f"「此后」按{_fmt(latest_due)}之后（自{_fmt(since)}起）理解")
        d.notes.extend(cl.notes)
        d.problems.extend(cl.problems)
        d.uncertain.extend(cl.uncertain)
        d.ongoing |= cl.ongoing
        d.immediate |= cl.immediate
        d.conditional |= cl.conditional
        d.relative |= cl.relative

    if dated:
        best = dated[0]
        for cl in dated[1:]:
            if cl.due >= best.due:
                best = cl
        d.due, d.precision, d.action = best.due, best.precision, best.action
        if len(clauses) > 1:
            d.milestones = [Milestone(cl.due, cl.text, cl.action) for cl in dated]

    starts = [cl.start for cl in clauses if cl.start is not None]
    if starts:
        d.start = starts[0]
    explicit_start = next((cl.start for cl in clauses if cl.start_only), None)

    recs = [r for cl in clauses for r in cl.recurrences]
    if recs:
        d.recurrence = recs[0]
        if explicit_start and d.recurrence.since is None:
            d.recurrence.since = explicit_start
        if len(recs) > 1:
            d.problems.append(P_MULTI_REC.format(a=recs[0].text, b=recs[1].text))
    elif explicit_start and not dated:
        d.ongoing = True    # 自2018年起 alone: a duty from then on

    d.notes = _dedupe(d.notes)
    d.problems = _dedupe(d.problems)
    d.uncertain = _dedupe(d.uncertain)
    d.understood = not d.problems
    return d
