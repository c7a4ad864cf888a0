"""The 通报's rules (模板说明.md 「五、文书里的数字和名单是怎么定的」) on months built to trigger
each: every score equal, ties at the top, 300 units, nothing changed since last month; and
document numbers that continue from one month to the next.  Months are real: a list, split
returns filled as units fill them, collected, documents rendered and read back."""
from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from docx import Document

from returns_factory import fill_return
from zhishui.generators.month_documents import make_documents
from zhishui.month import run_month
from zhishui.split import split_returns
from zhishui.tasks import load_list


def make_list(path, units: list[str], *, prefixes=True):
    """One task per unit (due 2020-12-31), led by that unit."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位"])
    for i, u in enumerate(units, 1):
        ws.append([i, f"完成第{i}段河道整治", "2020年12月底", u])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for u in units:
        d.append([u, "镇"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    items = [("成文日期", dt.datetime(2020, 1, 1)), ("方案名称", "河道整治方案"), ("汇总单位", "区河长办")]
    if prefixes:
        items += [("通报文号前缀", "河长办"), ("督办文号前缀", "河长督"), ("催报文号前缀", "河长办函")]
    for k, v in items:
        s.append([k, v])
    wb.save(path)
    return load_list(path)


def month(tmp_path, tl, period: dt.date, states: dict[str, tuple], history=None, name="收到"):
    """units -> (state, percent); absent units send nothing."""
    issued = {f.unit: f.path for f in split_returns(tl, period, tmp_path / f"下发{period:%m}")}
    inbox = tmp_path / f"{name}{period:%m}"
    inbox.mkdir()
    for unit, (state, pct) in states.items():
        vals = {"完成状态": state, "进展情况": f"{unit}本月进展"}
        if pct is not None:
            vals["完成比例"] = pct
        fill_return(issued[unit], inbox / f"{unit}.xlsx", unit, values=lambda i, s, u, v=vals: v,
                    report_date=period.replace(day=20), mtime=None)
    on = period.replace(day=28)
    return run_month(tl, [inbox], period, on, use_history=history is not None, history_folder=history,
                     allow_empty=True)


def paragraphs(path) -> list[str]:
    return [p.text for p in Document(path).paragraphs if p.text.strip()]


def bulletin_text(made) -> str:
    return "\n".join(paragraphs(made.files["bulletin"][0]))


def check_writing(made):
    """Punctuation a leader would strike out, and paragraphs that say the same twice."""
    for paths in made.files.values():
        for p in paths:
            paras = paragraphs(p)
            text = "\n".join(paras)
            assert not re.search(r"[。，；：、]{2}|，。|；。|。，", text.replace("……", "")), (p.name, text)
            long = [x for x in paras if len(x) > 30]
            assert len(long) == len(set(long)), p.name
            for a in long:
                for b in long:
                    if a is not b and a[:20] == b[:20]:
                        raise AssertionError(f"{p.name}: two paragraphs start alike: {a[:30]}")


TOWNS = [f"{n}镇" for n in ("青峰", "金龙", "临江", "何埂", "松溉", "仙龙", "吉安", "五间")]


def test_every_score_equal_names_nobody_and_draws_no_chart(tmp_path):
    tl = make_list(tmp_path / "清单.xlsx", TOWNS)
    m = month(tmp_path, tl, dt.date(2020, 11, 1), {})            # nobody reported
    assert m.ranking.all_equal and m.ranking.top == [] and m.ranking.bottom == []
    made = make_documents(m, tmp_path / "文书")
    text = bulletin_text(made)
    assert f"参加排名的{len(TOWNS)}个单位得分相同，本期不排先后。" in text
    assert "得分最高的是" not in text and "图2" not in text
    check_writing(made)


def test_ties_at_the_top_are_counted_not_named(tmp_path):
    tl = make_list(tmp_path / "清单.xlsx", TOWNS)
    states = {u: ("序时推进", 0.95) for u in TOWNS[:6]} | {TOWNS[6]: ("进度滞后", 0.3)}   # 五间镇 silent
    m = month(tmp_path, tl, dt.date(2020, 11, 1), states)
    scores = {s.unit: s.score for s in m.ranking.scores}
    assert scores == {**{u: 100.0 for u in TOWNS[:6]}, "吉安镇": 60.0, "五间镇": 0.0}
    assert (m.ranking.top, m.ranking.top_count, m.ranking.bottom) == ([], 6, ["五间镇"])
    assert [s.rank for s in m.ranking.scores] == [1, 1, 1, 1, 1, 1, 7, 8]
    made = make_documents(m, tmp_path / "文书")
    text = bulletin_text(made)
    assert "6个单位并列得分最高" in text and "得分最低的是五间镇（0分）" in text
    units = [t for t in Document(made.files["bulletin"][0]).tables if t.rows[0].cells[0].text == "排名"]
    assert [[c.text for c in r.cells][:3] for r in units[0].rows[1:]][-2:] == [["7", "吉安镇", "60"], ["8", "五间镇", "0"]]
    check_writing(made)


def test_300_units_chart_shows_best_and_worst_and_table_goes_to_an_annex(tmp_path):
    units = [f"第{i:03d}村" for i in range(1, 301)]
    tl = make_list(tmp_path / "清单.xlsx", units)
    states = {u: ("序时推进", 0.95) if i % 3 else ("进度滞后", 0.2) for i, u in enumerate(units[:297])}
    states[units[0]] = ("已完成", 1)
    m = month(tmp_path, tl, dt.date(2020, 11, 1), states)
    made = make_documents(m, tmp_path / "文书")
    doc = Document(made.files["bulletin"][0])
    texts = [p.text for p in doc.paragraphs]
    # (a third of the villages lag: their 99 tasks are the second annex, the body counts them by unit)
    note = next(t for t in texts if t.startswith("附件："))
    assert note.split("\n") == ["附件：1.各单位推进情况表", "\u3000" * 5 + "2.进度滞后任务清单"]
    assert "各单位推进情况表" in texts and texts[texts.index("各单位推进情况表") - 1] == "附件1"
    # (99 villages behind: the body does not list them again, it points at the annexed unit table)
    assert "各单位逾期、进度滞后的任务项数见附件1，任务明细见附件2。" in [t.replace("\u200b", "") for t in texts]
    assert not [t for t in doc.tables if t.rows[0].cells[0].text == "单位" and "逾期任务数" in t.rows[0].cells[1].text]
    annex = [t for t in doc.tables if t.rows[0].cells[0].text == "排名"]
    assert len(annex) == 1 and len(annex[0].rows) == 301          # the full table, once, in the annex
    # (第001村 reported 已完成: 待销号 opens 「五、销号和延期」, so the 要求 are 七)
    assert texts.index("各单位推进情况表") > texts.index("七、下一步工作要求")
    caption = next(t for t in texts if t.startswith("图2"))
    # (199 villages tie at 100, 98 at 60, 3 at 0: a tie is drawn whole or not at all — trial 34 — so the best are one
    # bar for the 199, the worst the three at 0; the 98 at 60 would not fit beside them)
    assert caption == "图2　各单位得分（得分最高的199个单位并列，合为一条；得分最低的3个单位）"
    # three units did not report: the lowest score, named (3 <= 5)
    assert m.ranking.bottom == units[297:] and "得分最低的是第298村（0分）、第299村（0分）、第300村（0分）" in "".join(texts)
    check_writing(made)


def test_no_change_since_last_month_says_so(tmp_path):
    tl = make_list(tmp_path / "清单.xlsx", TOWNS)
    history = tmp_path / "档案"
    states = {u: ("序时推进", 0.9) for u in TOWNS}
    month(tmp_path, tl, dt.date(2020, 10, 1), states, history)
    nov = month(tmp_path, tl, dt.date(2020, 11, 1), states, history)
    made = make_documents(nov, tmp_path / "文书")
    assert "与2020年10月相比，完成率持平，均为0%，各类任务数量均无变化。" in bulletin_text(made)
    check_writing(made)


def test_document_numbers_continue_from_month_to_month(tmp_path):
    tl = make_list(tmp_path / "清单.xlsx", TOWNS)
    history = tmp_path / "档案"
    lagging = {u: ("进度滞后", 0.2) for u in TOWNS[:3]}
    octo = month(tmp_path, tl, dt.date(2020, 10, 1), lagging, history)
    made_oct = make_documents(octo, tmp_path / "十月")
    nov = month(tmp_path, tl, dt.date(2020, 11, 1), {u: ("进度滞后", 0.2) for u in TOWNS[:5]}, history)
    made_nov = make_documents(nov, tmp_path / "十一月")

    def numbers(made, kind):
        out = {}
        for p in made.files[kind]:
            n = next(t for t in paragraphs(p) if re.search(r"〔2020〕\d+号$", t)).strip()
            out[p.stem.split("_")[-1]] = n
        return out
    assert sorted(numbers(made_oct, "supervise").values()) == [f"河长督〔2020〕{i}号" for i in (1, 2, 3)]
    assert sorted(numbers(made_nov, "supervise").values(), key=lambda s: int(s.split("〕")[1][:-1])) == \
        [f"河长督〔2020〕{i}号" for i in range(4, 9)]
    assert numbers(made_oct, "bulletin") == {"2020年10月工作进展情况通报": "河长办〔2020〕1号"}
    assert list(numbers(made_nov, "bulletin").values()) == ["河长办〔2020〕2号"]
    assert list(numbers(made_nov, "chase").values()) == ["河长办函〔2020〕2号"]
    # made again for the same month: the same numbers
    again = make_documents(nov, tmp_path / "十一月重做")
    assert numbers(again, "supervise") == numbers(made_nov, "supervise")


def test_without_a_code_the_number_is_left_blank_and_said_once(tmp_path):
    tl = make_list(tmp_path / "清单.xlsx", TOWNS, prefixes=False)
    m = month(tmp_path, tl, dt.date(2020, 11, 1), {u: ("进度滞后", 0.2) for u in TOWNS[:4]})
    made = make_documents(m, tmp_path / "文书")
    for p in made.files["supervise"] + made.files["bulletin"]:
        assert any(t.endswith("〔2020〕\u3000\u3000号") for t in paragraphs(p)), p.name
    said = [n for n in made.notes if "文号前缀" in n]
    assert len(said) == 3 and any("督办文号前缀" in n for n in said)


@pytest.mark.parametrize("count, matter", [(1, "河道整治第1项"), (3, "河道整治滞后")])
def test_supervision_title_names_the_matter(tmp_path, count, matter):
    units = ["青峰镇"]
    tl = make_list(tmp_path / "清单.xlsx", units)
    if count > 1:   # three tasks of one unit
        wb = openpyxl.load_workbook(tmp_path / "清单.xlsx")
        ws = wb["责任清单"]
        ws.append([2, "完成第2段河道整治", "2020年12月底", "青峰镇"])
        ws.append([3, "完成第3段河道整治", "2020年12月底", "青峰镇"])
        wb.save(tmp_path / "清单.xlsx")
        tl = load_list(tmp_path / "清单.xlsx")
    m = month(tmp_path, tl, dt.date(2020, 11, 1), {"青峰镇": ("进度滞后", 0.2)})
    made = make_documents(m, tmp_path / "文书")
    title = "".join(t for t in paragraphs(made.files["supervise"][0]) if "督办通知" in t and t.startswith("关于"))
    assert title.replace("\n", "") == f"关于加快推进{matter}任务的督办通知"


def test_what_waits_for_the_clerk_is_said_though_nothing_was_decided(tmp_path):
    """A close-out and an extension request still waiting open the 通报's 「销号和延期」 on their own (the
    session-20 trial: task 33's request, pending in October and November, was in neither month's 通报, nor were the
    six tasks 待销号, because the section came only with a decision); the request is said again the next month."""
    tl = make_list(tmp_path / "清单.xlsx", TOWNS[:3])
    history = tmp_path / "档案"
    asked = {"完成状态": "进度滞后", "完成比例": 0.3, "进展情况": "临江镇本月进展", "申请延期至": dt.date(2021, 6, 30),
             "延期理由": "汛期无法施工"}
    for period, sheets in ((dt.date(2020, 10, 1), {
            "青峰镇": {"完成状态": "已完成", "完成比例": 1, "进展情况": "已完工", "佐证材料": "验收报告.pdf"},
            "金龙镇": {"完成状态": "已完成", "完成比例": 1, "进展情况": "已完工"},
            "临江镇": asked}),
            # November: 临江镇 no longer writes the request; nobody has decided it
            (dt.date(2020, 11, 1), {"临江镇": {"完成状态": "进度滞后", "完成比例": 0.4, "进展情况": "继续施工"}})):
        issued = {f.unit: f.path for f in split_returns(tl, period, tmp_path / f"下发{period:%m}")}
        inbox = tmp_path / f"收到{period:%m}"
        inbox.mkdir()
        for unit, vals in sheets.items():
            fill_return(issued[unit], inbox / f"{unit}.xlsx", unit, values=lambda i, s, u, v=vals: v,
                        report_date=period.replace(day=20), mtime=None)
        m = run_month(tl, [inbox], period, period.replace(day=28), use_history=True, history_folder=history,
                      allow_empty=True)
        assert [r.task.seq for r in m.pending_requests] == ["3"], period
        text = bulletin_text(make_documents(m, tmp_path / f"文书{period:%m}"))
        assert "五、销号和延期" in text and "六、下月（" in text, text
        said = "有1项延期申请正在审核（序号3），批准前仍按原时限考核。"
        if period.month == 10:
            assert "待销号1项（序号1）；报已完成但缺少佐证材料1项（序号2），请补报佐证材料后申请销号。" + said in text, text
        else:
            assert said in text, text


@pytest.mark.parametrize("address, shown", [("http://127.0.0.1:8765", False), ("http://localhost:8765", False),
                                            ("http://10.0.0.5:8765", True)])
def test_the_chat_reminder_gives_a_units_link_only_when_other_offices_can_open_it(tmp_path, address, shown):
    """Trial 21: a desk started on this machine's own address (127.0.0.1) wrote 「本单位专用报送网页：http://127.0.0.1…」
    under every 催报消息; no unit can open it.  The link is left out and the clerk is told why."""
    tl = make_list(tmp_path / "清单.xlsx", TOWNS[:3])
    m = month(tmp_path, tl, dt.date(2020, 11, 1), {TOWNS[0]: ("序时推进", 0.5)})      # two towns silent: chased
    links = {u: f"{address}/u/token{i}" for i, u in enumerate(TOWNS[:3])}
    made = make_documents(m, tmp_path / "文书", kinds=("chase",), links=links)
    text = made.messages.read_text(encoding="utf-8")
    assert text.count("【催报提醒】") == 2
    for i, u in enumerate(TOWNS[1:3], 1):
        assert (f"本单位专用报送网页：{address}/u/token{i}" in text) == shown
    assert ("本单位专用报送网页" in text) == shown
    said = [n for n in made.notes if "催报消息里没有写各单位的报送链接" in n]
    assert bool(said) != shown
    if said:
        assert address.split("//")[1] in said[0] and "「报送链接」页" in said[0]


def test_units_that_only_help_are_said_not_ranked(tmp_path):
    """A new user (2026-12-04) read 「参加排名的2个单位」 beside nine units sent sheets: the co-units (配合) have no task
    of their own and are not ranked (README 「单位怎么排名」); the 通报 now says which of the units sent sheets those are."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位", "配合单位"])
    ws.append([1, "完成第1段河道整治", "2020年12月底", TOWNS[0], "区水利局、区财政局"])
    ws.append([2, "完成第2段河道整治", "2020年12月底", TOWNS[1], "区水利局"])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for u in TOWNS[:2]:
        d.append([u, "镇"])
    for u in ("区水利局", "区财政局"):
        d.append([u, "部门"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    for k, v in [("成文日期", dt.datetime(2020, 1, 1)), ("方案名称", "河道整治方案"), ("汇总单位", "区河长办")]:
        s.append([k, v])
    wb.save(tmp_path / "清单.xlsx")
    tl = load_list(tmp_path / "清单.xlsx")
    m = month(tmp_path, tl, dt.date(2020, 11, 1), {TOWNS[0]: ("序时推进", 0.9), TOWNS[1]: ("进度滞后", 0.1),
                                                   "区水利局": ("序时推进", 0.5)})
    assert {u.unit for u in m.units} == {*TOWNS[:2], "区水利局", "区财政局"}        # four sheets sent
    assert {s.unit for s in m.ranking.scores} == set(TOWNS[:2])                    # two ranked
    text = bulletin_text(make_documents(m, tmp_path / "文书", kinds=("bulletin",)))
    assert "只做配合的2个单位（区水利局、区财政局）没有自己负责的任务，不参加排名。" in text
    assert f"得分最高的是{TOWNS[0]}" in text


def test_responsible_units_under_a_lead_are_not_called_co_units(tmp_path):
    """Trial 25: 60 镇街 named in the 责任单位 column under a 牵头单位 (not ranked: the lead answers) were called
    「只做配合的」 in the 通报."""
    from returns_factory import write_rule_list
    tl = load_list(write_rule_list(tmp_path / "清单.xlsx", {"1": ["完成第1段河道整治", "2020年12月底", TOWNS[0], "区水利局", ""],
                                                          "2": ["完成第2段河道整治", "2020年12月底", TOWNS[1], "", "区财政局"]},
                                   [*TOWNS[:2], "区水利局", "区财政局"], settings=[("汇总单位", "区河长办")]))
    m = month(tmp_path, tl, dt.date(2020, 11, 1), {TOWNS[0]: ("序时推进", 0.9), TOWNS[1]: ("序时推进", 0.9)})
    text = bulletin_text(make_documents(m, tmp_path / "文书", kinds=("bulletin",)))
    assert "另有2个单位（区水利局、区财政局）只作为责任单位或配合单位，任务由牵头单位答复，不参加排名。" in text
    assert "只做配合的" not in text


def test_when_every_unit_answers_nothing_is_said_of_co_units(tmp_path):
    tl = make_list(tmp_path / "清单.xlsx", TOWNS[:3])
    m = month(tmp_path, tl, dt.date(2020, 11, 1), {TOWNS[0]: ("序时推进", 0.9)})
    assert "不参加排名" not in bulletin_text(make_documents(m, tmp_path / "文书", kinds=("bulletin",)))
