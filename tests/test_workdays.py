"""Working-day calendar: the State Council holiday table, make-up days, unknown years."""
import datetime as dt
import json
from importlib import resources

import pytest

from zhishui.workdays import (add_workdays, calendar_note, is_workday, known_years, source_of,
                              workdays_between)

D = dt.date


def test_national_day_2020_with_makeup_saturday():
    # 10月1日至8日放假; 10月9日 (Fri) is a normal workday, 10月10日 (Sat) is 调休上班.
    assert not is_workday(D(2020, 10, 8))
    assert is_workday(D(2020, 10, 9))
    assert is_workday(D(2020, 10, 10))
    assert not is_workday(D(2020, 10, 11))
    # 9/30 + 5 working days: 10/9, 10/10 (make-up), 10/12, 10/13, 10/14.
    assert add_workdays(D(2020, 9, 30), 5) == D(2020, 10, 14)
    # Ignoring the make-up Saturday the answer would be 10/15.
    assert add_workdays(D(2020, 9, 30), 5, extra_holidays=[D(2020, 10, 10)]) == D(2020, 10, 15)


def test_ordinary_weeks():
    assert add_workdays(D(2020, 11, 30), 5) == D(2020, 12, 7)
    assert add_workdays(D(2020, 11, 30), 0) == D(2020, 11, 30)
    assert workdays_between(D(2020, 11, 30), D(2020, 12, 7)) == 5
    assert workdays_between(D(2020, 12, 7), D(2020, 11, 30)) == -5


@pytest.mark.parametrize("day,work", [
    ("2020-01-19", True),    # Sunday make-up before 春节
    ("2020-01-31", False),   # extended 春节
    ("2020-02-01", False),   # the original make-up Saturday, cancelled by the extension
    ("2020-02-03", True),
    ("2020-04-26", True), ("2020-05-05", False), ("2020-05-09", True),
    ("2020-06-25", False), ("2020-06-28", True),
    ("2020-09-27", True), ("2020-10-01", False),
    ("2019-05-04", False), ("2019-05-05", True),
    ("2018-12-29", True), ("2018-12-31", False),  # 2019 元旦 arrangement
    ("2021-09-18", True), ("2022-04-02", True), ("2023-10-07", True),
    ("2024-02-18", True), ("2024-02-16", False), ("2025-02-08", True), ("2025-01-28", False),
])
def test_table_dates(day, work):
    assert is_workday(D.fromisoformat(day)) is work


def test_table_is_consistent():
    raw = json.loads(resources.files("zhishui").joinpath("data/holidays.json").read_text("utf-8"))
    for year, entry in raw["years"].items():
        assert entry["source"].startswith("国务院办公厅")
        for s in entry["workdays"]:
            assert D.fromisoformat(s).weekday() >= 5, (year, s)   # make-up days are weekends
        for a, b in entry["holidays"]:
            assert D.fromisoformat(a) <= D.fromisoformat(b)
    assert known_years() == list(range(2019, 2026))
    assert "〔2019〕16号" in source_of(2020)


def test_extra_dates_from_settings_win():
    assert is_workday(D(2030, 10, 1))              # a Tuesday; the built-in table knows nothing of 2030
    assert not is_workday(D(2030, 10, 1), extra_holidays=[D(2030, 10, 1)])
    assert is_workday(D(2030, 9, 29), extra_workdays=[D(2030, 9, 29)])  # a Sunday make-up
    assert is_workday(dt.datetime(2020, 10, 10, 9, 0))


def test_unknown_year_falls_back_to_weekends_with_note():
    assert calendar_note(2020) is None
    note = calendar_note(2030)
    assert note and "2030年" in note and "周六、周日" in note and "设置" in note and "调休上班日" in note
    assert add_workdays(D(2030, 9, 30), 3) == D(2030, 10, 3)   # Mon 9/30 -> Thu 10/3, weekends only
    assert add_workdays(D(2030, 10, 4), 1) == D(2030, 10, 7)
