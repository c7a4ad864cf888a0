"""Chinese working days: weekends, public holidays and make-up working days (调休上班).

The built-in table (``data/holidays.json``) holds the State Council's arrangements
for the years we have checked. For any other year only weekends are known;
``weekend_only_note`` says so in Chinese for the deadlines a run counted, and the clerk
can add dates in the 设置 sheet (节假日 / 调休上班日), which callers pass as
``extra_holidays`` / ``extra_workdays``. Extra dates win over the table.
"""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Iterable


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset, frozenset, dict]:
    """(holidays, make-up workdays, {year: source}) from the packaged JSON."""
    raw = json.loads(resources.files("zhishui").joinpath("data/holidays.json").read_text("utf-8"))
    holidays, workdays, sources = set(), set(), {}
    for year, entry in raw["years"].items():
        sources[int(year)] = entry["source"]
        for start, end in entry["holidays"]:
            d, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
            while d <= last:
                holidays.add(d)
                d += dt.timedelta(days=1)
        workdays.update(dt.date.fromisoformat(s) for s in entry["workdays"])
    return frozenset(holidays), frozenset(workdays), sources


def known_years() -> list[int]:
    """Years whose official arrangement is built in."""
    return sorted(_table()[2])


def source_of(year: int) -> str | None:
    """The notice(s) the built-in year comes from, or None."""
    return _table()[2].get(year)


def _as_date(d) -> dt.date:
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    raise TypeError(f"expected a date, got {type(d).__name__}")


def _dates(values: Iterable) -> frozenset:
    return frozenset(_as_date(v) for v in (values or ()))


def is_workday(d, extra_holidays: Iterable = (), extra_workdays: Iterable = ()) -> bool:
    """True when ``d`` is a working day in mainland China."""
    d = _as_date(d)
    holidays, workdays, _ = _table()
    if d in _dates(extra_workdays):
        return True
    if d in _dates(extra_holidays):
        return False
    if d in workdays:
        return True
    if d in holidays:
        return False
    return d.weekday() < 5


def add_workdays(d, n: int, extra_holidays: Iterable = (), extra_workdays: Iterable = ()) -> dt.date:
    """The n-th working day after ``d`` (n >= 0; n == 0 gives ``d`` itself).

    E.g. a 5-working-day reply window for a letter dated 2020-11-30 ends on
    2020-12-07.
    """
    d = _as_date(d)
    if n < 0:
        raise ValueError("n must be >= 0")
    hol, work = _dates(extra_holidays), _dates(extra_workdays)
    while n > 0:
        d += dt.timedelta(days=1)
        if is_workday(d, hol, work):
            n -= 1
    return d


def workdays_between(a, b, extra_holidays: Iterable = (), extra_workdays: Iterable = ()) -> int:
    """Working days after ``a`` up to and including ``b`` (negative when b < a)."""
    a, b = _as_date(a), _as_date(b)
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    hol, work = _dates(extra_holidays), _dates(extra_workdays)
    count, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        if is_workday(d, hol, work):
            count += 1
    return sign * count


def _span() -> str:
    have = known_years()
    return f"{have[0]}—{have[-1]}年" if have else "任何年份"


def calendar_note(year: int) -> str | None:
    """A Chinese note when ``year`` is not in the built-in table, else None."""
    if year in _table()[2]:
        return None
    return (f"软件内置的法定节假日安排只覆盖{_span()}，{year}年按周六、周日休息计算工作日，"
            f"未计入法定节假日和调休上班日。请在「设置」工作表的「节假日」「调休上班日」两项中"
            f"填写{year}年国务院办公厅公布的放假日期和调休上班日期（多个日期用顿号分隔）。")


def weekend_only_years(start, end, extra_holidays: Iterable = (), extra_workdays: Iterable = ()) -> list[int]:
    """The years of the days after ``start`` up to ``end`` that were counted by weekends alone: not in the
    built-in table, and none of the clerk's own dates (设置: 节假日, 调休上班日) in them (a clerk who wrote
    a year's dates has given its arrangement)."""
    a, b = sorted((_as_date(start), _as_date(end)))
    if a == b:
        return []
    own = {d.year for d in _dates(extra_holidays) | _dates(extra_workdays)}
    table = _table()[2]
    return [y for y in range((a + dt.timedelta(days=1)).year, b.year + 1) if y not in table and y not in own]


# where the clerk gives a year's dates (README 「设置」: 节假日, 调休上班日), as a list workbook holds them
SETTINGS_SHEET = "「设置」工作表"
SETTINGS_FILE = "设置工作簿（运行时加 --settings 设置.xlsx）"


def weekend_only_note(deadlines: Iterable, extra_holidays: Iterable = (), extra_workdays: Iterable = (),
                      where: str = SETTINGS_SHEET) -> str:
    """The one warning for working-day deadlines counted in a year the calendar does not know ("" when
    none was): ``deadlines`` are (what, counted from, deadline), e.g. ("催报期限", report date, chase due).
    Said once by every front (command line, 汇总「概况」, web page, add-in), never in a letter."""
    counted = [(what, _as_date(b), weekend_only_years(a, b, extra_holidays, extra_workdays))
               for what, a, b in deadlines if a is not None and b is not None]
    counted = [(what, b, ys) for what, b, ys in counted if ys]
    if not counted:
        return ""
    years = sorted({y for _, _, ys in counted for y in ys})
    ys = "、".join(f"{y}年" for y in years)
    which = "、".join(f"{what}（{b.year}年{b.month}月{b.day}日）" for what, b, _ in counted)
    return (f"注意：软件内置的法定节假日安排只有{_span()}，没有{ys}的。本次的{which}按周六、周日休息推算，"
            f"没有计入{ys}的法定节假日和调休上班日，可能落在放假期间。请在{where}填写「节假日」「调休上班日」两项"
            f"（没有这两行就在表末添加，项目｜值）：值写国务院办公厅公布的{ys}放假日期（每个放假的日子都写，"
            f"含与周末连休的）和调休上班日期，每个日期写全年、月、日，用顿号分隔，如「{years[0]}年10月1日、"
            f"{years[0]}年10月2日」；填好后重新运行。")


WEEKDAYS_CN = "一二三四五六日"


def rest_day_text(d, extra_holidays: Iterable = (), extra_workdays: Iterable = ()) -> str:
    """「2026年10月25日是星期日，不是工作日（下一个工作日是10月26日，星期一）」 for a day off, "" for a working
    day: a 报送截止日 on a rest day makes a unit that sends on the next working day late, and nothing said so
    (trial 29: README 已知的限制)."""
    d = _as_date(d)
    if is_workday(d, extra_holidays, extra_workdays):
        return ""
    nxt = add_workdays(d, 1, extra_holidays, extra_workdays)
    holidays, _, _ = _table()
    why = "法定节假日" if d in holidays or d in _dates(extra_holidays) else f"星期{WEEKDAYS_CN[d.weekday()]}"
    return (f"{d.year}年{d.month}月{d.day}日是{why}，不是工作日（下一个工作日是{nxt.month}月{nxt.day}日，"
            f"星期{WEEKDAYS_CN[nxt.weekday()]}）")
