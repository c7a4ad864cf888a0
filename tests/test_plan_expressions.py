"""Deadlines and unit lists as real plans write them: every labelled expression of the corpus
(tests/data/plans/expressions), and the forms issue 10 names, read right."""
from __future__ import annotations

import datetime as dt

import pytest

import plan_scoring as ps
from zhishui.deadlines import parse_deadline
from zhishui.unitnames import split_units

REF = dt.date(2020, 9, 23)


@pytest.mark.parametrize("part", ["dev", "heldout", "heldout2"])
def test_every_corpus_deadline_reads_right(part):
    acc, ok, total, wrong = ps.deadline_accuracy(part)
    assert total > 40
    assert not wrong, "\n".join(f"#{r.id} {r.raw}: {m}" for r, m in wrong)


@pytest.mark.parametrize("part", ["dev", "heldout", "heldout2"])
def test_every_corpus_unit_list_splits_right(part):
    acc, ok, total, wrong = ps.unit_accuracy(part)
    assert total > (30 if part == "heldout2" else 100)
    assert not wrong, "\n".join(f"{r.raw}: {got} != {r.expected}" for r, got in wrong)


def test_the_corpus_has_several_hundred_real_expressions():
    assert sum(r.count for r in ps.deadline_rows()) >= 300
    assert sum(r.count for r in ps.unit_rows()) >= 400


def test_heldout2_expressions_meet_the_aim():
    """heldout2 (tests/data/plans/heldout2_first_run.txt: 58/59 deadlines, 38/39 unit lists on the
    first run): kept aside by source until the round that added heldout3, when its two wrong rows
    were looked at (利用30天时间, 区城管局 区水投) and read right since; so every row must read right
    above too.  Fails below 95%."""
    acc, ok, total, _wrong = ps.deadline_accuracy("heldout2")
    assert total >= 50 and acc >= 0.95, (ok, total)
    acc, ok, total, _wrong = ps.unit_accuracy("heldout2")
    assert total >= 30 and acc >= 0.95, (ok, total)


def test_spring_festival_from_the_lunar_calendar():
    # 2021's Spring Festival fell on 12 February, 2020's on 25 January.
    d = parse_deadline("2021年春节前", REF)
    assert d.due == dt.date(2021, 2, 11) and d.understood and not d.uncertain
    d = parse_deadline("春节前", REF)   # a September document: next year's festival, to be confirmed
    assert d.due == dt.date(2021, 2, 11) and d.uncertain
    assert parse_deadline("2021年端午节前", REF).due == dt.date(2021, 6, 13)
    assert parse_deadline("2020年国庆节前", REF).due == dt.date(2020, 9, 30)


def test_next_year_follows_the_year_written_before_it():
    assert parse_deadline("次年3月", REF).due == dt.date(2021, 3, 31)
    d = parse_deadline("2022年完成，次年3月验收", REF)
    assert d.due == dt.date(2023, 3, 31) and [m.due for m in d.milestones] == [dt.date(2022, 12, 31), d.due]
    assert not parse_deadline("次年3月").understood     # no document date: said so, not guessed


def test_this_month_and_today_are_settled_by_the_document_date():
    assert parse_deadline("本月底", REF).due == dt.date(2020, 9, 30)
    assert parse_deadline("下月底", REF).due == dt.date(2020, 10, 31)
    assert parse_deadline("本季度末", REF).due == dt.date(2020, 9, 30)
    d = parse_deadline("即日起", REF)
    assert d.start == REF and d.ongoing and d.due is None
    d = parse_deadline("即日起至2020年12月底", REF)
    assert (d.start, d.due) == (REF, dt.date(2020, 12, 31))
    for text in ("本月底", "即日起"):
        d = parse_deadline(text)
        assert not d.understood and "文件日期" in d.problems[0]


def test_spans_count_from_the_document_or_the_start_and_are_flagged():
    d = parse_deadline("三个月内", REF)
    assert d.due == dt.date(2020, 12, 23) and d.understood and "请核实" in d.uncertain[0]
    d = parse_deadline("2019年开始，3年内完成", REF)
    assert (d.start, d.due) == (dt.date(2019, 1, 1), dt.date(2021, 12, 31)) and d.uncertain
    assert parse_deadline("半年内", REF).due == dt.date(2021, 3, 23)
    # counted from an event nobody dated: refused, as before
    assert not parse_deadline("收到通知后三个月内", REF).understood
    assert not parse_deadline("在7日内", REF).understood


def test_recurring_words_get_a_reading_the_clerk_confirms():
    d = parse_deadline("定期", REF)
    assert d.understood and d.ongoing and d.recurrence is None and "周期" in d.uncertain[0]
    d = parse_deadline("每年", REF)
    assert d.recurrence.freq == "yearly" and d.uncertain
    d = parse_deadline("每年1月20日前", REF)
    assert (d.recurrence.month, d.recurrence.day) == (1, 20) and not d.uncertain
    assert parse_deadline("每日", REF).recurrence.freq == "daily"


@pytest.mark.parametrize("text, expected", [
    ("市工信委、城乡建设局", ["市工信委", "市城乡建设局"]),
    ("市政、环保部门", ["市政部门", "环保部门"]),
    ("城乡一体化示范区、高新区党工委和管委会", ["城乡一体化示范区党工委和管委会", "高新区党工委和管委会"]),
    ("有关区县人民政府和市政府有关部门、有关单位", ["有关区县人民政府", "市政府有关部门", "有关单位"]),
    ("市水利局、规划局市国土资源局、住建局", ["市水利局", "市规划局", "市国土资源局", "市住建局"]),
    ("督导组以及纪检、组织人事部门", ["督导组", "纪检部门", "组织人事部门"]),
    # 和 inside a name, and 党委和人民政府 as one body, stay whole
    ("区发展和改革委员会、人力资源和社会保障局", ["区发展和改革委员会", "区人力资源和社会保障局"]),
    ("各县(市、区)党委和人民政府", ["各县(市、区)党委和人民政府"]),
    ("红旗区、卫滨区、市住建局", ["红旗区", "卫滨区", "市住建局"]),
    ("区住房城乡建委、临江河指挥部办公室", ["区住房城乡建委", "临江河指挥部办公室"]),
])
def test_unit_lists_as_plans_write_them(text, expected):
    assert [t.name for t in split_units(text)] == expected
