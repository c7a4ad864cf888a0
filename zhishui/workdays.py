"""Chinese working days: weekends, public holidays and make-up working days (调休上班).

The built-in table (``data/holidays.json``) holds the State Council's arrangements
for the years we have checked. For any other year only weekends are known;
``calendar_note(year)`` says so in Chinese, and the clerk can add dates in the
设置 sheet (节假日 / 调休上班日), which callers pass as ``extra_holidays`` /
``extra_workdays``. Extra dates win over the table.
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


def calendar_note(year: int) -> str | None:
    """A Chinese note when ``year`` is not in the built-in table, else None."""
    if year in _table()[2]:
        return None
    have = known_years()
    span = f"{have[0]}—{have[-1]}年" if have else "任何年份"
    return (f"软件内置的法定节假日安排只覆盖{span}，{year}年按周六、周日休息计算工作日，"
            f"未计入法定节假日和调休上班日。请在「设置」工作表的「节假日」「调休上班日」两项中"
            f"填写{year}年国务院办公厅公布的放假日期和调休上班日期（多个日期用顿号分隔）。")
