"""Tests for zhishui.deadlines: Chinese deadline text -> Deadline structure."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from zhishui.deadlines import Deadline, Milestone, Recurrence, parse_deadline

D = dt.date
REF = D(2019, 11, 13)          # 成文日期 of seed 003 (新乡市)
REF_FLOOD = D(2021, 7, 7)      # seed 002 (代县, flood-season campaign)
NORTH = ((6, 1), (9, 30))      # a northern 汛期


def _check(d: Deadline, exp: dict) -> None:
    """Compare the fields named in ``exp``; milestones as (due, action) pairs."""
    assert isinstance(d, Deadline)
    for key, want in exp.items():
        if key == "milestones":
            got = [(m.due, m.action) for m in d.milestones]
        elif key == "milestone_texts":
            got = [m.text for m in d.milestones]
        elif key == "recurrence":
            r = d.recurrence
            got = None if r is None else {k: getattr(r, k) for k in want} if want else r
        elif key == "problem_has":
            assert any(want in p for p in d.problems), d.problems
            continue
        elif key == "note_has":
            assert any(want in n for n in d.notes), d.notes
            continue
        else:
            got = getattr(d, key)
        assert got == want, f"{key}: {got!r} != {want!r} ({d})"
    # Invariant: understood <=> no problems.
    assert d.understood == (not d.problems)


def _case(text, exp, ref=REF, flood=None, id=None):
    return pytest.param(text, ref, flood, exp, id=id or str(text))


# --------------------------------------------------------------------------
# Exact strings from the seeds and DOMAIN.md
# --------------------------------------------------------------------------

SEED_CASES = [
    _case("2020年12月底完成,并长期坚持",
          dict(due=D(2020, 12, 31), precision="month", action="完成", ongoing=True,
               milestones=[(D(2020, 12, 31), "完成")], understood=True, relative=False)),
    _case("2020年12月底完成并长期坚持",
          dict(due=D(2020, 12, 31), precision="month", action="完成", ongoing=True,
               milestones=[(D(2020, 12, 31), "完成")], understood=True)),
    _case("2020年11月底完成,并长期保持",
          dict(due=D(2020, 11, 30), precision="month", action="完成", ongoing=True,
               milestones=[(D(2020, 11, 30), "完成")], understood=True)),
    _case("2020年9月底完成,并长期坚持",
          dict(due=D(2020, 9, 30), precision="month", action="完成", ongoing=True,
               milestones=[(D(2020, 9, 30), "完成")], understood=True)),
    _case("2021年12月底", dict(due=D(2021, 12, 31), precision="month", ongoing=False,
                              milestones=[], understood=True, action=None)),
    _case("2020年9月底", dict(due=D(2020, 9, 30), precision="month", understood=True)),
    _case("2020年10月底", dict(due=D(2020, 10, 31), precision="month", understood=True)),
    _case("2019年12月", dict(due=D(2019, 12, 31), precision="month", understood=True,
                            relative=False, start=None)),
    _case("2020年12月", dict(due=D(2020, 12, 31), precision="month", understood=True)),
    _case("2021年12月", dict(due=D(2021, 12, 31), precision="month", understood=True)),
    _case("长期坚持", dict(due=None, ongoing=True, understood=True, milestones=[],
                          recurrence=None)),
    _case("适时启动", dict(due=None, conditional=True, ongoing=False, understood=True,
                          action=None)),
    _case("2020年6月 适时启动",
          dict(due=D(2020, 6, 30), precision="month", conditional=True,
               milestones=[(D(2020, 6, 30), None)], milestone_texts=["2020年6月"],
               understood=True)),
    _case("2017年底前", dict(due=D(2017, 12, 31), precision="year", understood=True)),
    _case("2019年12月底前", dict(due=D(2019, 12, 31), precision="month", understood=True)),
    _case("到2020年", dict(due=D(2020, 12, 31), precision="year", understood=True)),
    _case("今年12月底",
          dict(due=D(2019, 12, 31), precision="month", relative=True, understood=True,
               note_has="「今年」按文件日期所在的2019年理解")),
    _case("2019年底开工建设,2020年底前完成",
          dict(due=D(2020, 12, 31), precision="year", action="完成",
               milestones=[(D(2019, 12, 31), "开工建设"), (D(2020, 12, 31), "完成")],
               milestone_texts=["2019年底开工建设", "2020年底前完成"], understood=True)),
    _case("2019 年底开工建设,2020 年底前完成",
          dict(due=D(2020, 12, 31), precision="year", action="完成",
               milestones=[(D(2019, 12, 31), "开工建设"), (D(2020, 12, 31), "完成")],
               understood=True), id="spaced-milestones"),
    _case("2019年底开工建设2020年底前完成",
          dict(due=D(2020, 12, 31),
               milestones=[(D(2019, 12, 31), "开工建设"), (D(2020, 12, 31), "完成")],
               understood=True), id="two-dates-no-punctuation"),
    _case("自2018年起", dict(start=D(2018, 1, 1), due=None, ongoing=True, understood=True)),
    _case("每半年", dict(due=None, recurrence={"freq": "semiannual", "day": None},
                        understood=True)),
    _case("每年1月20日前", dict(due=None, recurrence={"freq": "yearly", "month": 1, "day": 20,
                                                      "since": None}, understood=True)),
    _case("6月20日至9月30日",
          dict(start=D(2021, 6, 20), due=D(2021, 9, 30), precision="day", relative=True,
               understood=True, note_has="2021年理解"), ref=REF_FLOOD),
    _case("2021年6月20日至9月30日",
          dict(start=D(2021, 6, 20), due=D(2021, 9, 30), precision="day", relative=False,
               understood=True), ref=None),
    _case("从2021年6月20日开始至9月30日结束",
          dict(start=D(2021, 6, 20), due=D(2021, 9, 30), understood=True), ref=None),
    _case("汛期来临前",
          dict(due=D(2021, 5, 31), precision="day", relative=True, understood=True,
               note_has="6月1日至9月30日"),
          ref=REF_FLOOD, flood=NORTH, id="flood-before-configured"),
    _case("汛期来临前",
          dict(due=None, understood=False,
               problem_has="「汛期」的起止日期因地区而异，请在设置中填写汛期开始和结束日期"),
          ref=REF_FLOOD, flood=None, id="flood-before-unconfigured"),
    _case("每日", dict(due=None, recurrence={"freq": "daily"}, understood=True)),
    _case("2021年6月底前建成",
          dict(due=D(2021, 6, 30), precision="month", action="建成", understood=True)),
    _case("今年 12 月底建成投运",
          dict(due=D(2019, 12, 31), precision="month", action="建成投运", relative=True,
               understood=True)),
    _case("于2017年底前", dict(due=D(2017, 12, 31), precision="year", understood=True)),
    _case("2020年底前", dict(due=D(2020, 12, 31), precision="year", understood=True)),
    _case("2017年底前基本消除建成区黑臭水体",
          dict(due=D(2017, 12, 31), precision="year", action="消除", understood=True)),
    _case("2017年底前完成环境激素类化学品生产使用调查",
          dict(due=D(2017, 12, 31), action="完成", understood=True)),
    _case("2020年中心城区启动第二污水处理厂建设,2021年6月底前建成;"
          "各县(市、区)结合本地实际适时启动污泥处理设施建设。",
          dict(due=D(2021, 6, 30), action="建成", conditional=True,
               milestones=[(D(2020, 12, 31), "启动"), (D(2021, 6, 30), "建成")],
               understood=True), id="seed003-row18-text"),
    _case("于2017年底前基本消除建成区黑臭水体,于2020年底前完成黑臭水体治理目标,"
          "每半年向社会公布治理情况。",
          dict(due=D(2020, 12, 31), action="完成",
               milestones=[(D(2017, 12, 31), "消除"), (D(2020, 12, 31), "完成")],
               recurrence={"freq": "semiannual"}, understood=True), id="seed004-task22"),
    _case("自2020年起，各县（市、区）要于每年1月20日前向市住房和城乡建设局报送上年度工作情况",
          dict(start=D(2020, 1, 1), due=None, ongoing=False,
               recurrence={"freq": "yearly", "month": 1, "day": 20, "since": D(2020, 1, 1)},
               understood=True), id="seed003-yearly-report"),
]

# --------------------------------------------------------------------------
# The tech-notes §5 table and the other forms of the brief
# --------------------------------------------------------------------------

FORM_CASES = [
    # month forms
    _case("2019年12月底", dict(due=D(2019, 12, 31), precision="month")),
    _case("12月底前", dict(due=D(2019, 12, 31), precision="month", relative=True,
                          note_has="未写年份")),
    _case("12月末", dict(due=D(2019, 12, 31), precision="month", relative=True)),
    _case("2月底", dict(due=D(2019, 2, 28), precision="month")),
    _case("2020年2月底", dict(due=D(2020, 2, 29), precision="month"), id="feb-leap"),
    _case("2019年12月31日前", dict(due=D(2019, 12, 31), precision="day")),
    _case("2019年9月30日前", dict(due=D(2019, 9, 30), precision="day")),
    # year forms
    _case("2017年年底前", dict(due=D(2017, 12, 31), precision="year")),
    _case("2017年底", dict(due=D(2017, 12, 31), precision="year")),
    _case("2017年末", dict(due=D(2017, 12, 31), precision="year")),
    _case("2017年", dict(due=D(2017, 12, 31), precision="year")),
    _case("2025年前", dict(due=D(2025, 12, 31), precision="year")),
    _case("到2025年", dict(due=D(2025, 12, 31), precision="year")),
    # half years and quarters
    _case("2018年上半年", dict(due=D(2018, 6, 30), precision="half")),
    _case("2018年上半年前", dict(due=D(2018, 6, 30), precision="half")),
    _case("上半年前", dict(due=D(2019, 6, 30), precision="half", relative=True)),
    _case("2018年下半年", dict(due=D(2018, 12, 31), precision="half")),
    _case("下半年", dict(due=D(2019, 12, 31), precision="half", relative=True)),
    _case("2018年一季度", dict(due=D(2018, 3, 31), precision="quarter")),
    _case("2018年第二季度", dict(due=D(2018, 6, 30), precision="quarter")),
    _case("2018年三季度末", dict(due=D(2018, 9, 30), precision="quarter")),
    _case("2018年4季度", dict(due=D(2018, 12, 31), precision="quarter")),
    _case("第一季度末", dict(due=D(2019, 3, 31), precision="quarter", relative=True)),
    _case("二季度", dict(due=D(2019, 6, 30), precision="quarter", relative=True)),
    # 旬
    _case("2020年6月上旬", dict(due=D(2020, 6, 10), precision="xun")),
    _case("2020年6月中旬", dict(due=D(2020, 6, 20), precision="xun")),
    _case("2020年6月下旬", dict(due=D(2020, 6, 30), precision="xun")),
    _case("2020年2月下旬", dict(due=D(2020, 2, 29), precision="xun")),
    # verbs
    _case("2020年6月启动", dict(due=D(2020, 6, 30), precision="month", action="启动")),
    _case("2019年12月底前出台", dict(due=D(2019, 12, 31), action="出台")),
    _case("2019年12月底前制定", dict(due=D(2019, 12, 31), action="制定")),
    _case("2019年12月底前编制完成", dict(due=D(2019, 12, 31), action="编制完成")),
    # relative to the document date
    _case("明年6月底前", dict(due=D(2020, 6, 30), precision="month", relative=True,
                            note_has="2020年")),
    _case("今年", dict(due=D(2019, 12, 31), precision="year", relative=True)),
    _case("本年底", dict(due=D(2019, 12, 31), precision="year", relative=True)),
    _case("年内", dict(due=D(2019, 12, 31), precision="year", relative=True)),
    _case("今年内", dict(due=D(2019, 12, 31), precision="year", relative=True)),
    _case("年底前", dict(due=D(2019, 12, 31), precision="year", relative=True)),
    _case("年底", dict(due=D(2019, 12, 31), precision="year", relative=True)),
    # spans
    _case("“十四五”期间", dict(start=D(2021, 1, 1), due=D(2025, 12, 31), precision="year"),
          ref=None),
    _case("2021—2025年", dict(start=D(2021, 1, 1), due=D(2025, 12, 31), precision="year"),
          ref=None),
    _case("2021-2025年", dict(start=D(2021, 1, 1), due=D(2025, 12, 31)), ref=None,
          id="year-range-hyphen"),
    _case("2019年12月至2020年6月", dict(start=D(2019, 12, 1), due=D(2020, 6, 30),
                                       precision="month"), ref=None),
    _case("2020年11月至3月", dict(start=D(2020, 11, 1), due=D(2021, 3, 31),
                                note_has="次年"), ref=None),
    _case("自2018年7月起", dict(start=D(2018, 7, 1), due=None, ongoing=True), ref=None),
    _case("从2018年开始", dict(start=D(2018, 1, 1), due=None, ongoing=True), ref=None),
    # ongoing
    _case("长期保持", dict(ongoing=True, due=None)),
    _case("长期执行", dict(ongoing=True)),
    _case("长期", dict(ongoing=True)),
    _case("持续推进", dict(ongoing=True)),
    _case("持续开展", dict(ongoing=True)),
    _case("持续", dict(ongoing=True)),
    _case("常态化推进", dict(ongoing=True)),
    _case("常态化", dict(ongoing=True)),
    _case("长效", dict(ongoing=True)),
    _case("持续整改", dict(ongoing=True)),
    _case("2020年12月底完成，此后长期坚持",
          dict(due=D(2020, 12, 31), ongoing=True, milestones=[(D(2020, 12, 31), "完成")])),
    _case("2020年底前完成，此后每年持续开展",
          dict(due=D(2020, 12, 31), precision="year", action="完成", ongoing=True,
               recurrence={"freq": "yearly", "month": None, "day": None,
                           "since": D(2021, 1, 1)},
               milestones=[(D(2020, 12, 31), "完成")])),
    # immediate
    _case("立行立改", dict(due=REF, precision="day", immediate=True, relative=True)),
    _case("立即整改", dict(due=REF, immediate=True)),
    _case("即知即改", dict(due=REF, immediate=True)),
    _case("立即", dict(due=REF, immediate=True)),
    _case("马上", dict(due=REF, immediate=True)),
    _case("立行立改，长期坚持",
          dict(due=REF, immediate=True, ongoing=True, relative=True,
               milestones=[(REF, None)])),
    # conditional
    _case("适时", dict(conditional=True, due=None)),
    # recurrences
    _case("每天", dict(recurrence={"freq": "daily"})),
    _case("每周", dict(recurrence={"freq": "weekly", "weekday": None})),
    _case("每周二", dict(recurrence={"freq": "weekly", "weekday": 1})),
    _case("每周二中午12时前", dict(recurrence={"freq": "weekly", "weekday": 1},
                                  note_has="中午12时")),
    _case("每周二中午12时前（节假日顺延至节后第二个工作日）",
          dict(recurrence={"freq": "weekly", "weekday": 1}, note_has="节假日")),
    _case("每月", dict(recurrence={"freq": "monthly", "day": None})),
    _case("每月5日前", dict(recurrence={"freq": "monthly", "day": 5})),
    _case("每月25日前报送当月进展", dict(recurrence={"freq": "monthly", "day": 25})),
    _case("每单月10日前", dict(recurrence={"freq": "bimonthly_odd", "day": 10}, due=None)),
    _case("每季度", dict(recurrence={"freq": "quarterly", "day": None})),
    _case("每季度末", dict(recurrence={"freq": "quarterly", "day": None}, due=None)),
    _case("每季度最后一个月20日前", dict(recurrence={"freq": "quarterly", "day": 20})),
    _case("每季度末月25日前", dict(recurrence={"freq": "quarterly", "day": 25})),     # (trial 29: was the 31st)
    _case("半年反馈一次", dict(recurrence={"freq": "semiannual"})),
    _case("每半年向社会公布", dict(recurrence={"freq": "semiannual"})),
    _case("每年", dict(recurrence={"freq": "yearly", "month": None, "day": None})),
    _case("每年1月10日前报送上年度工作情况",
          dict(recurrence={"freq": "yearly", "month": 1, "day": 10})),
    _case("自2020年起，每年1月20日前",
          dict(start=D(2020, 1, 1), ongoing=False,
               recurrence={"freq": "yearly", "month": 1, "day": 20, "since": D(2020, 1, 1)})),
    # flood season
    _case("汛前", dict(due=D(2021, 5, 31), precision="day"), ref=REF_FLOOD, flood=NORTH),
    _case("汛期前", dict(due=D(2021, 3, 31)), ref=REF_FLOOD, flood=((4, 1), (10, 31)),
          id="flood-before-south"),
    _case("2022年汛期前", dict(due=D(2022, 5, 31), relative=False), ref=None, flood=NORTH),
    _case("汛期", dict(start=D(2021, 6, 1), due=D(2021, 9, 30)), ref=REF_FLOOD, flood=NORTH),
    _case("主汛期", dict(start=D(2021, 6, 1), due=D(2021, 9, 30)), ref=REF_FLOOD,
          flood=NORTH),
    _case("汛期", dict(understood=False, problem_has="汛期开始和结束日期"),
          ref=REF_FLOOD, flood=None, id="flood-unconfigured"),
    _case("汛期", dict(understood=False, problem_has="汛期日期无效"),
          ref=REF_FLOOD, flood=((13, 1), (9, 30)), id="flood-invalid-setting"),
]

# --------------------------------------------------------------------------
# Normalisation: Chinese numerals, full width, ISO-like dates
# --------------------------------------------------------------------------

NORMALISE_CASES = [
    _case("二〇二〇年十二月底", dict(due=D(2020, 12, 31), precision="month")),
    _case("二○二〇年十二月底", dict(due=D(2020, 12, 31), precision="month"),
          id="white-circle-zero"),
    _case("二○一九年", dict(due=D(2019, 12, 31), precision="year")),
    _case("2020年十二月二十日", dict(due=D(2020, 12, 20), precision="day")),
    _case("二〇二〇年十二月三十一日前", dict(due=D(2020, 12, 31), precision="day")),
    _case("2020年六月底", dict(due=D(2020, 6, 30))),
    _case("每年一月二十日前", dict(recurrence={"freq": "yearly", "month": 1, "day": 20})),
    _case("２０２０年１２月底", dict(due=D(2020, 12, 31), precision="month")),
    _case("２０２０年１２月底完成，并长期坚持", dict(due=D(2020, 12, 31), ongoing=True)),
    _case("2020-12-31", dict(due=D(2020, 12, 31), precision="day")),
    _case("2020/12/31", dict(due=D(2020, 12, 31), precision="day")),
    _case("2020.12.31", dict(due=D(2020, 12, 31), precision="day")),
    _case("2020.12", dict(due=D(2020, 12, 31), precision="month")),
    _case("2020-12", dict(due=D(2020, 12, 31), precision="month")),
    _case("2020-2-15", dict(due=D(2020, 2, 15), precision="day")),
    _case("２０２０－１２－３１", dict(due=D(2020, 12, 31), precision="day")),
    _case("  2020年12月底  ", dict(due=D(2020, 12, 31)), id="padded"),
    _case("2019年12月、2020年6月",
          dict(due=D(2020, 6, 30), milestones=[(D(2019, 12, 31), None),
                                              (D(2020, 6, 30), None)])),
]


@pytest.mark.parametrize("text,ref,flood,exp", SEED_CASES + FORM_CASES + NORMALISE_CASES)
def test_parse(text, ref, flood, exp):
    d = parse_deadline(text, ref, flood_season=flood)
    exp = {"understood": True, **exp}
    _check(d, exp)
    assert d.raw == text   # verbatim, never normalised


# --------------------------------------------------------------------------
# What must NOT be understood (flagged, never guessed)
# --------------------------------------------------------------------------

NEED_REF = "需要文件日期（成文日期）"

NOT_UNDERSTOOD = [
    _case(None, dict(problem_has="未填写完成时限", due=None)),
    _case("", dict(problem_has="未填写完成时限")),
    _case("   ", dict(problem_has="未填写完成时限")),
    _case("\u3000", dict(problem_has="未填写完成时限"), id="ideographic-space"),
    _case("已完成", dict(problem_has="不是完成时限", due=None)),
    _case("完成", dict(problem_has="「完成」是完成情况")),
    _case("已办结", dict(problem_has="「已办结」是完成情况")),
    _case("尽快", dict(problem_has="无法识别「尽快」中的完成时限，请写成「2020年12月底」这样的具体时间")),
    _case("抓紧", dict(problem_has="无法识别「抓紧」")),
    _case("及时", dict(problem_has="无法识别「及时」")),
    _case("abc xyz", dict(problem_has="无法识别「abc xyz」")),
    _case("视情况而定", dict(problem_has="无法识别「视情况而定」")),
    _case("2020", dict(problem_has="无法识别"), id="bare-year-number-text"),
    _case("2019年2月29日", dict(problem_has="不是有效日期", due=None)),
    _case("2019年13月", dict(problem_has="不是有效日期"), id="month-13"),
    _case("每季度结束后10个工作日内", dict(problem_has="工作日", recurrence=None)),
    _case("收到通知后30个工作日内", dict(problem_has="工作日")),
    _case("会后7日内", dict(problem_has="事件")),
    _case("会后七日内", dict(problem_has="事件")),
    _case("每双月", dict(problem_has="每双月")),
    _case("每季度第一个月10日前", dict(problem_has="周期写法")),
    _case("每月5日前报送，每季度末总结", dict(problem_has="多个周期")),
    # relative forms without a document date
    _case("今年12月底", dict(problem_has=NEED_REF, due=None), ref=None),
    _case("12月底前", dict(problem_has=NEED_REF), ref=None),
    _case("年内", dict(problem_has=NEED_REF), ref=None),
    _case("今年内", dict(problem_has=NEED_REF), ref=None),
    _case("本年", dict(problem_has=NEED_REF), ref=None),
    _case("年底前", dict(problem_has=NEED_REF), ref=None),
    _case("明年6月底前", dict(problem_has=NEED_REF), ref=None),
    _case("上半年前", dict(problem_has=NEED_REF), ref=None),
    _case("6月20日至9月30日", dict(problem_has=NEED_REF), ref=None),
    _case("立行立改", dict(problem_has=NEED_REF, immediate=True, due=None), ref=None),
    _case("汛期来临前", dict(problem_has="汛期开始和结束日期"), ref=None, flood=None),
    _case("汛期来临前", dict(problem_has=NEED_REF), ref=None, flood=NORTH,
          id="flood-configured-no-ref"),
]


@pytest.mark.parametrize("text,ref,flood,exp", NOT_UNDERSTOOD)
def test_not_understood(text, ref, flood, exp):
    d = parse_deadline(text, ref, flood_season=flood)
    _check(d, {"understood": False, **exp})
    assert d.raw == ("" if text is None else text)
    assert all(isinstance(p, str) and p for p in d.problems)


PARTIAL = [
    ("2020年12月底，视情况而定", D(2020, 12, 31), "视情况而定"),
    ("2020年12月底 视情况而定", D(2020, 12, 31), "视情况而定"),
    ("2020年12月底；尽快", D(2020, 12, 31), "尽快"),
    ("2020年12月底，已完成", D(2020, 12, 31), "已完成"),
]


@pytest.mark.parametrize("text,due,bad", PARTIAL)
def test_partly_understood_keeps_what_it_can(text, due, bad):
    d = parse_deadline(text, REF)
    assert d.due == due
    assert d.understood is False
    assert any(f"「{bad}」" in p for p in d.problems), d.problems


def test_verb_after_comma_continues_dated_clause():
    d = parse_deadline("2020年12月底前，完成清淤", REF)
    assert d.understood and d.due == D(2020, 12, 31) and d.action == "完成"


# --------------------------------------------------------------------------
# Non-string inputs and robustness
# --------------------------------------------------------------------------

@pytest.mark.parametrize("value,due,raw", [
    (D(2020, 12, 31), D(2020, 12, 31), "2020-12-31"),
    (dt.datetime(2020, 12, 31), D(2020, 12, 31), "2020-12-31"),
    (dt.datetime(2020, 12, 31, 9, 30), D(2020, 12, 31), "2020-12-31 09:30:00"),
])
def test_date_inputs(value, due, raw):
    d = parse_deadline(value)
    assert (d.due, d.precision, d.understood, d.raw) == (due, "day", True, raw)


@pytest.mark.parametrize("value", [44196, 2020, 3.5, True, ["2020年"], {"a": 1}, object(), b"x"])
def test_other_inputs_never_raise(value):
    d = parse_deadline(value, REF)
    assert d.understood is False and d.problems
    assert isinstance(d.raw, str)


def test_excel_serial_number_explained():
    d = parse_deadline(44196)
    assert d.raw == "44196"
    assert any("数字" in p and "日期格式" in p for p in d.problems)


class _BrokenStr(str):
    """A str whose methods fail, to reach the internal-error safety net."""

    def strip(self, *args):
        raise RuntimeError("boom")


def test_internal_failure_is_wrapped():
    d = parse_deadline(_BrokenStr("2020年12月底"), REF)
    assert d.understood is False
    assert d.raw == "2020年12月底" and type(d.raw) is str
    assert any("出错" in p for p in d.problems)


@pytest.mark.parametrize("ref", [dt.datetime(2019, 11, 13, 8, 0), "2019-11-13"])
def test_ref_accepts_datetime_and_iso_text(ref):
    assert parse_deadline("今年12月底", ref).due == D(2019, 12, 31)


@pytest.mark.parametrize("text", [
    "年年年", "月月", "至至", "—", "每", "汛", "2020年至", "至2020年", "十五", "第十五条",
    "，，，", "、、", "并并", "此后", "(((", "2020年12月" * 50, "\x00", "2020.12.",
])
def test_odd_text_never_raises(text):
    d = parse_deadline(text, REF, flood_season=NORTH)
    assert isinstance(d, Deadline)
    assert d.understood == (not d.problems)
    json.dumps(d.to_dict(), ensure_ascii=False)


def test_raw_is_verbatim_not_normalised():
    text = "２０１９ 年底开工建设，２０２０ 年底前完成"
    d = parse_deadline(text, REF)
    assert d.raw == text
    assert [m.due for m in d.milestones] == [D(2019, 12, 31), D(2020, 12, 31)]


# --------------------------------------------------------------------------
# to_dict contract
# --------------------------------------------------------------------------

def test_to_dict_is_json_with_iso_dates():
    d = parse_deadline("2020年底前完成，此后每年持续开展", REF)
    out = d.to_dict()
    for key in ("raw", "due", "start", "recurrence", "ongoing", "immediate", "understood"):
        assert key in out
    text = json.dumps(out, ensure_ascii=False)
    back = json.loads(text)
    assert back["due"] == "2020-12-31"
    assert back["recurrence"]["since"] == "2021-01-01"
    assert back["milestones"][0]["due"] == "2020-12-31"
    assert back["raw"] == "2020年底前完成，此后每年持续开展"


def test_to_dict_start_is_iso():
    out = parse_deadline("2021年6月20日至9月30日").to_dict()
    assert out["start"] == "2021-06-20" and out["due"] == "2021-09-30"
    json.dumps(out)


def test_contract_types():
    d = parse_deadline("2019年底开工建设,2020年底前完成", REF)
    assert all(isinstance(m, Milestone) for m in d.milestones)
    assert d.empty is False
    assert parse_deadline(None).empty is True


# --------------------------------------------------------------------------
# Recurrence.next_due / last_due
# --------------------------------------------------------------------------

R = Recurrence

RECURRENCE_CASES = [
    # rule, on, next_due, last_due
    (R("daily"), D(2021, 3, 15), D(2021, 3, 15), D(2021, 3, 15)),
    (R("daily", since=D(2021, 4, 1)), D(2021, 3, 15), D(2021, 4, 1), None),
    (R("weekly", weekday=1), D(2021, 3, 15), D(2021, 3, 16), D(2021, 3, 9)),   # Mon -> Tue
    (R("weekly", weekday=1), D(2021, 3, 16), D(2021, 3, 16), D(2021, 3, 16)),
    (R("weekly"), D(2021, 3, 15), D(2021, 3, 21), D(2021, 3, 14)),            # Sunday
    (R("weekly", weekday=0, since=D(2021, 3, 10)), D(2021, 3, 12), D(2021, 3, 15), None),
    (R("monthly", day=5), D(2021, 3, 15), D(2021, 4, 5), D(2021, 3, 5)),
    (R("monthly", day=5), D(2021, 3, 5), D(2021, 3, 5), D(2021, 3, 5)),
    (R("monthly", day=25), D(2021, 12, 26), D(2022, 1, 25), D(2021, 12, 25)),
    (R("monthly"), D(2021, 2, 1), D(2021, 2, 28), D(2021, 1, 31)),             # month end
    (R("monthly", day=31), D(2021, 2, 1), D(2021, 2, 28), D(2021, 1, 31)),     # clamp
    (R("monthly", day=30), D(2020, 2, 1), D(2020, 2, 29), D(2020, 1, 30)),     # leap clamp
    (R("monthly", day=31), D(2021, 4, 30), D(2021, 4, 30), D(2021, 4, 30)),
    (R("bimonthly_odd", day=10), D(2021, 2, 1), D(2021, 3, 10), D(2021, 1, 10)),
    (R("bimonthly_odd", day=10), D(2021, 11, 11), D(2022, 1, 10), D(2021, 11, 10)),
    (R("bimonthly_odd"), D(2021, 2, 1), D(2021, 3, 31), D(2021, 1, 31)),
    (R("quarterly"), D(2021, 3, 15), D(2021, 3, 31), D(2020, 12, 31)),
    (R("quarterly"), D(2021, 3, 31), D(2021, 3, 31), D(2021, 3, 31)),
    (R("quarterly", day=20), D(2021, 7, 1), D(2021, 9, 20), D(2021, 6, 20)),
    (R("quarterly", day=31), D(2021, 4, 1), D(2021, 6, 30), D(2021, 3, 31)),   # clamp in June
    (R("semiannual"), D(2021, 3, 15), D(2021, 6, 30), D(2020, 12, 31)),
    (R("semiannual"), D(2021, 7, 1), D(2021, 12, 31), D(2021, 6, 30)),
    (R("yearly", month=1, day=20), D(2021, 3, 15), D(2022, 1, 20), D(2021, 1, 20)),
    (R("yearly", month=1, day=20), D(2021, 1, 20), D(2021, 1, 20), D(2021, 1, 20)),
    (R("yearly", month=1, day=20, since=D(2020, 1, 1)), D(2019, 6, 1), D(2020, 1, 20), None),
    (R("yearly", month=1, day=20, since=D(2020, 1, 1)), D(2020, 1, 19), D(2020, 1, 20), None),
    (R("yearly", month=1, day=20, since=D(2020, 1, 1)), D(2020, 3, 1), D(2021, 1, 20),
     D(2020, 1, 20)),
    (R("yearly"), D(2021, 3, 15), D(2021, 12, 31), D(2020, 12, 31)),            # year end
    (R("yearly", since=D(2021, 1, 1)), D(2021, 3, 15), D(2021, 12, 31), None),
    (R("yearly", month=2, day=29), D(2021, 1, 1), D(2021, 2, 28), D(2020, 2, 29)),
    (R("yearly", month=6), D(2021, 1, 1), D(2021, 6, 30), D(2020, 6, 30)),
    (R("monthly", day=5, since=D(2021, 3, 10)), D(2021, 3, 1), D(2021, 4, 5), None),
    (R("monthly", day=5, since=D(2021, 3, 10)), D(2021, 4, 6), D(2021, 5, 5), D(2021, 4, 5)),
]


@pytest.mark.parametrize("rule,on,nxt,last", RECURRENCE_CASES)
def test_recurrence(rule, on, nxt, last):
    assert rule.next_due(on) == nxt
    assert rule.last_due(on) == last


def test_recurrence_accepts_datetime_and_unknown_freq():
    assert R("monthly", day=5).next_due(dt.datetime(2021, 3, 6, 12)) == D(2021, 4, 5)
    assert R("fortnightly").next_due(D(2021, 1, 1)) is None
    assert R("fortnightly").last_due(D(2021, 1, 1)) is None


def test_parsed_recurrences_compute():
    d = parse_deadline("2020年底前完成，此后每年持续开展", REF)
    assert d.recurrence.next_due(D(2020, 6, 1)) == D(2021, 12, 31)
    assert d.recurrence.last_due(D(2021, 6, 1)) is None
    assert parse_deadline("每单月10日前").recurrence.next_due(D(2021, 2, 11)) == D(2021, 3, 10)
    assert parse_deadline("每季度末").recurrence.next_due(D(2021, 4, 1)) == D(2021, 6, 30)
    assert parse_deadline("每半年").recurrence.last_due(D(2021, 6, 29)) == D(2020, 12, 31)
    assert parse_deadline("每周二").recurrence.next_due(D(2021, 3, 17)) == D(2021, 3, 23)
    rec = parse_deadline("自2020年起，每年1月20日前").recurrence
    assert rec.next_due(D(2019, 11, 13)) == D(2020, 1, 20)


def test_the_flood_season_is_set_by_month_and_day():
    # the trial of session 13: 「汛期开始 = 6月1日」 was refused (「不是日期，应写成2020年9月23日」) though the season comes back
    # every year and the check's own message asks for 「6月1日」「9月30日」
    from zhishui.settings import Settings
    s = Settings()
    s.set("汛期开始", "6月1日", "设置!B9")
    s.set("汛期结束", "9-30", "设置!B10")
    assert s.problems == [] and s.flood_season() == ((6, 1), (9, 30))
    s.set("汛期结束", "13月1日", "设置!B10")
    assert s.problems and "6月1日或2025年6月1日" in s.problems[-1][1]
    d = parse_deadline("2025年汛期前", dt.date(2025, 3, 1), flood_season=s.flood_season())
    assert d.due == dt.date(2025, 5, 31)
    # a row 「汛期」 holding both dates is said, not silently ignored
    t = Settings()
    t.set("汛期", "6月1日-9月30日", "设置!B9")
    assert t.problems and "汛期开始" in t.problems[0][1] and t.flood_season() is None
