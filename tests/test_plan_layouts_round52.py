"""Rules added after heldout55's errors were first looked at (its clean runs: tests/data/plans/heldout55_first_run.txt,
28 of 66 tasks, 19 with every unit in the right role on the rules up to round 48; 33 of 66, 21 with rounds 50-51).
heldout55 holds rural work: customs reform, rural roads and housing, village collective economy, a rural
revitalisation task list.  Each rule is checked on a text written for the test and on the document it was found in."""
from __future__ import annotations

from test_plan_layouts_round5 import _imported
from plan_helpers import plan_from_text as _read, task_with as _task
from zhishui.plan.attributions import looks_like_unit_list


def test_a_bodys_duties_listed_under_a_line_that_names_them(tmp_path):
    # 乡(镇)政府在农村公路养护管理中具体责任如下: / (一)负责筹集…。 / … — each item a duty of that body, under that line
    res = _read(tmp_path, "乡(镇)政府在农村公路养护管理中具体责任如下:\n(一)负责筹集本辖区农村公路养护所需资金。\n"
                          "(二)组织引导村委会利用“一事一议”筹集资金。\n市级农村公路养护管理部门具体工作职能如下:\n"
                          "(一)指导乡镇政府对农村公路日常养护的招投标工作。\n")
    assert [(t.responsible, t.category) for t in res.tasks] == [
        (["乡(镇)政府"], "乡(镇)政府在农村公路养护管理中具体责任如下:"),
        (["乡(镇)政府"], "乡(镇)政府在农村公路养护管理中具体责任如下:"),
        (["市级农村公路养护管理部门"], "市级农村公路养护管理部门具体工作职能如下:")]
    assert "单位「下列职责：」后的编号条目" in res.layouts
    # (各部门职责如下: the items name each department's own)
    res = _read(tmp_path, "各部门职责如下:\n(1)建设部。\n负责组织制定房屋建筑工地起重机械事故的应急工作制度。\n")
    assert not any(t.responsible == ["各部门"] for t in res.tasks)
    res = _imported("h5505_heilongjiang_gonglu_yanghu")
    assert len(res.tasks) == 15 and all(t.responsible for t in res.tasks)


def test_a_listed_duty_opening_with_a_verb_is_not_a_unit(tmp_path):
    # (二)规定所属部门以及乡镇(街道)在…中的具体职责: 规定 is the county government's verb, not a unit's name (it ended the
    # list, and (三) was lost)
    assert not looks_like_unit_list("规定所属部门")
    res = _imported("h5504_changshan_nongcungonglu2017")
    t = _task(res, "规定所属部门")
    assert t.responsible == ["县人民政府"]
    assert _task(res, "组织、协调本行政区域内").responsible == ["县人民政府"]


def test_a_title_line_with_its_number_and_its_sender(tmp_path):
    # 阳西县人民政府办公室关于建立…的通知 西府办函〔2021〕146号 / 各镇人民政府,县府直属有关单位: — the 文号 at the end of the
    # title's line (the title had run on over it and the addressees), the sender the title names (no signature on the page)
    res = _imported("h5510_yangxi_binzang2021")
    assert res.meta.title == "阳西县人民政府办公室关于建立阳西县殡葬管理工作联席会议制度的通知"
    assert res.meta.number == "西府办函〔2021〕146号"
    assert res.meta.issuer == "阳西县人民政府办公室" and "标题" in res.meta.where["issuer"]
