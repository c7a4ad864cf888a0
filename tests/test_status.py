"""Status rules, one at a time, on a small list made for the purpose."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from zhishui.collect import Report
from zhishui.status import decide, totals
from zhishui.tasks import load_list

D = dt.date


@pytest.fixture(scope="module")
def tasks(tmp_path_factory):
    p = tmp_path_factory.mktemp("st") / "清单.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"])
    ws.append([1, "建成污水处理厂", "2020年12月底", "区住房城乡建委", "", "区生态环境局"])
    ws.append([2, "长期巡河", "长期坚持", "区河长办", "", ""])
    ws.append([3, "年度报告", "每年1月20日前", "区生态环境局", "", ""])
    ws.append([4, "修复管网", "2020年9月底完成,并长期坚持", "", "何埂镇、双石镇", ""])
    ws.append([5, "适时启动的项目", "适时启动", "区水利局", "", ""])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for n, k in [("区住房城乡建委", "部门"), ("区生态环境局", "部门"), ("区河长办", "部门"), ("区水利局", "部门"),
                 ("何埂镇", "镇"), ("双石镇", "镇")]:
        d.append([n, k])
    s = wb.create_sheet("设置")
    s.append(["成文日期", dt.datetime(2020, 1, 1)])
    wb.save(p)
    tl = load_list(p)
    return {t.seq: t for t in tl.tasks}, tl


def rep(unit, state=None, pct=None, text="进展"):
    return Report(unit, "", "f.xlsx", "报送表", 5, state=state, percent=pct, progress=text)


def test_not_reported_is_yellow_then_red(tasks):
    t = tasks[0]["1"]
    assert (decide(t, {}, D(2020, 11, 30)).status, decide(t, {}, D(2020, 11, 30)).light) == ("未报送", "黄")
    late = decide(t, {}, D(2021, 1, 10))
    assert (late.status, late.light, late.days_overdue) == ("未报送", "红", 10)


def test_completed_and_carried_from_history(tasks):
    t = tasks[0]["1"]
    assert decide(t, {"区住房城乡建委": rep("区住房城乡建委", "已完成", 1.0)}, D(2020, 11, 30)).status == "已完成"
    carried = decide(t, {}, D(2020, 12, 30), previous="已完成")
    assert carried.status == "已完成" and carried.carried


def test_due_soon_overdue_and_on_schedule(tasks):
    t = tasks[0]["1"]
    r = {"区住房城乡建委": rep("区住房城乡建委", "序时推进", 0.9)}
    assert decide(t, r, D(2020, 11, 30), due_soon_days=15).status == "序时推进"
    soon = decide(t, r, D(2020, 12, 20), due_soon_days=15)
    assert (soon.status, soon.light, soon.days_left) == ("临期", "黄", 11)
    over = decide(t, r, D(2021, 1, 5))
    assert (over.status, over.light, over.days_overdue) == ("逾期", "红", 5)


def test_lagging_by_state_or_by_progress_below_schedule(tasks, ):
    t, plan = tasks[0]["1"], tasks[1].ref_date
    by_state = decide(t, {"区住房城乡建委": rep("区住房城乡建委", "进度滞后", 0.5)}, D(2020, 6, 1), plan_date=plan)
    assert by_state.status == "序时推进" and by_state.lagging and by_state.light == "黄"
    # 2020-01-01 .. 2020-12-31: on 2020-10-01 about 75% of the time has passed
    slow = decide(t, {"区住房城乡建委": rep("区住房城乡建委", "序时推进", 0.4)}, D(2020, 10, 1), plan_date=plan)
    assert slow.lagging and "低于序时进度" in slow.reason and slow.expected_progress == pytest.approx(0.75, abs=0.01)
    fine = decide(t, {"区住房城乡建委": rep("区住房城乡建委", "序时推进", 0.7)}, D(2020, 10, 1), plan_date=plan)
    assert not fine.lagging and fine.light == "绿"


def test_disagreement_between_lead_and_cooperating(tasks):
    t = tasks[0]["1"]
    ts = decide(t, {"区住房城乡建委": rep("区住房城乡建委", "已完成", 1.0),
                    "区生态环境局": rep("区生态环境局", "未启动", 0.0)}, D(2020, 11, 30))
    assert ts.status == "已完成"          # the lead's report decides
    assert [r.unit for r in ts.other_reports] == ["区生态环境局"]
    assert ts.disagreements == ["区住房城乡建委报「已完成」，区生态环境局报「未启动」"]


def test_ongoing_and_recurring(tasks):
    assert decide(tasks[0]["2"], {"区河长办": rep("区河长办", "持续推进")}, D(2020, 11, 30)).status == "长期坚持"
    assert decide(tasks[0]["2"], {}, D(2020, 11, 30)).status == "未报送"
    yearly = tasks[0]["3"]
    ts = decide(yearly, {"区生态环境局": rep("区生态环境局", "序时推进")}, D(2021, 1, 10))
    assert ts.due == D(2021, 1, 20) and ts.status == "长期坚持"


def test_joint_responsible_units_all_must_finish(tasks):
    t = tasks[0]["4"]          # no 牵头单位: 何埂镇 and 双石镇 answer jointly
    assert t.lead_units() == ["何埂镇", "双石镇"]
    one = decide(t, {"何埂镇": rep("何埂镇", "已完成", 1.0)}, D(2020, 11, 30))
    assert one.missing_leads == ["双石镇"] and one.light == "黄" and "双石镇" in one.reason
    both = decide(t, {"何埂镇": rep("何埂镇", "已完成", 1.0), "双石镇": rep("双石镇", "已完成", 1.0)}, D(2020, 11, 30))
    assert both.status == "长期坚持" and not both.missing_leads      # done, and kept up afterwards
    behind = decide(t, {"何埂镇": rep("何埂镇", "进度滞后", 0.5), "双石镇": rep("双石镇", "已完成", 1.0)}, D(2020, 11, 30))
    assert behind.status == "逾期" and behind.light == "红"


def test_conditional_without_date_is_on_schedule_when_reported(tasks):
    ts = decide(tasks[0]["5"], {"区水利局": rep("区水利局", "未启动")}, D(2020, 11, 30))
    assert ts.status == "序时推进" and ts.due is None and ts.lagging


def test_totals():
    class S:
        def __init__(self, status, lagging=False):
            self.status, self.lagging = status, lagging
    t = totals([S("已完成"), S("逾期", True), S("未报送"), S("已完成")])
    assert t["任务总数"] == 4 and t["已完成"] == 2 and t["完成率"] == 0.5 and t["滞后"] == 1
