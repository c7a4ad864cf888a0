"""Rules of round 9, each a reader for a kind of layout or phrase real plans use, checked first on a
short text written here in that kind (other units, other words) and then on the corpus case it was
found in (tests/data/plans/corpus, heldout6)."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from zhishui.plan import import_plan


def _plan(tmp_path, text: str):
    p = tmp_path / "plan.txt"
    p.write_text(text, encoding="utf-8")
    return import_plan(p)


def _task(res, words: str):
    return next(t for t in res.tasks if words in t.content)


def test_items_naming_no_unit_are_not_tasks_when_a_later_section_shares_the_work_by_unit(tmp_path):
    res = _plan(tmp_path, "二、重点任务\n"
                "(一)全面排查城区易涝点,建立积水点台账。\n"
                "(二)加快老旧排水管网更新改造。\n"
                "三、部门职责\n"
                "(一)县住建局为城区排水防涝工作的牵头单位。\n"
                "1、负责组织排查城区易涝点并建立台账。\n"
                "2、负责老旧排水管网更新改造项目的实施。\n")
    assert [t.content for t in res.tasks] == ["负责组织排查城区易涝点并建立台账。", "负责老旧排水管网更新改造项目的实施。"]
    assert all(t.responsible == ["县住建局"] for t in res.tasks)
    assert sum("部门职责" in why for _w, _t, why in res.review) == 2
    # without a section sharing the work out, the same items stay tasks for the clerk to fill in
    res = _plan(tmp_path, "二、重点任务\n(一)全面排查城区易涝点,建立积水点台账。\n(二)加快老旧排水管网更新改造。\n")
    assert len(res.tasks) == 2 and all("补填" in " ".join(t.review) for t in res.tasks)
    # h614 宝山: 三、主要任务 (一)-(九) with no unit, then 四、职责分工 (一)区水务局为…的牵头、协调单位。 1、… 2、…
    res = _imported("h614_baoshan_jiewu")
    assert len(res.tasks) == 2 and all(t.responsible == ["区水务局"] for t in res.tasks)
