"""Working-day calendar: the State Council holiday table, make-up days, unknown years."""
import datetime as dt
import json
from importlib import resources

import pytest

from zhishui.workdays import (add_workdays, calendar_note, is_workday, known_years, source_of,
                              weekend_only_note, weekend_only_years, workdays_between)

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
    # 2026 (国务院办公厅 notice of 2025-11-04): 元旦 1/1-1/3, 1/4 (Sun) 上班; 春节 2/15-2/23, 2/14 and 2/28 (Sat) 上班;
    # 清明 4/4-4/6; 劳动节 5/1-5/5, 5/9 (Sat) 上班; 端午 6/19-6/21; 中秋 9/25-9/27; 国庆 10/1-10/7, 9/20 (Sun) and
    # 10/10 (Sat) 上班
    ("2026-01-02", False), ("2026-01-04", True), ("2026-02-14", True), ("2026-02-23", False), ("2026-02-24", True),
    ("2026-02-28", True), ("2026-04-06", False), ("2026-05-05", False), ("2026-05-09", True), ("2026-06-19", False),
    ("2026-09-20", True), ("2026-09-25", False), ("2026-10-07", False), ("2026-10-08", True), ("2026-10-10", True),
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
    assert known_years() == list(range(2019, 2027))
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


def test_2026_national_day_and_the_note_for_a_year_not_in_the_table():
    # the session-19 trial: 9/30 + 2 working days was 10/2, inside 2026's National Day holiday
    assert add_workdays(D(2026, 9, 30), 2) == D(2026, 10, 9)
    assert weekend_only_years(D(2026, 9, 30), D(2026, 10, 9)) == []
    assert weekend_only_years(D(2026, 12, 30), D(2027, 1, 6)) == [2027]      # the count runs into 2027
    assert weekend_only_years(D(2027, 3, 1), D(2027, 3, 1)) == []            # nothing counted
    # the clerk's own dates for the year are its arrangement
    assert weekend_only_years(D(2027, 9, 30), D(2027, 10, 11), extra_holidays=[D(2027, 10, 1)]) == []
    assert weekend_only_note([("催报期限", D(2026, 9, 30), D(2026, 10, 9))]) == ""
    note = weekend_only_note([("催报期限", D(2027, 9, 30), D(2027, 10, 4)), ("督办通知的反馈期限", D(2027, 9, 30), D(2027, 10, 7))])
    assert note.startswith("注意：软件内置的法定节假日安排只有2019—2026年，没有2027年的")
    assert "催报期限（2027年10月4日）、督办通知的反馈期限（2027年10月7日）按周六、周日休息推算" in note
    assert "「设置」工作表" in note and "「节假日」「调休上班日」" in note and "2027年10月1日、2027年10月2日" in note
