"""Trial 20 (session 24): three months of one list, judged against the README's rule tables.  A unit whose every task
was closed out (销号) is sent no sheet the next month; the 排名 sheet, the JSON and the 通报 ranked it 「未报送」 with no
报送 points (rank down four places) beside 「应报单位 8 个：…未报送 0」 and 「所有单位都已报送」.

清溪县's list (test_bulletin_wording): in February task 4 (县农业农村局's only task) and task 9 (桥头镇's only task)
are reported done and closed out on 1 March.  The oracle for March, by hand from the README's 「单位怎么排名」: both
units answer only for closed-out tasks, counted 已完成 (progress 80 × 1); they were asked for nothing, so their 报送 is
full (20): 100 points, 报送情况 「无需报送」, not 未报送, and no month of theirs is a late one."""
from __future__ import annotations

import json

import pytest
from docx import Document

from returns_factory import fill_return
from test_bulletin_wording import D, DECIDED_ON, run, values, write_list

CLOSED_UNITS = {"清溪县农业农村局", "桥头镇"}


def feb_seven_done(i, seq, unit):
    """February's returns, and task 7 (县住建局's 老旧小区雨污分流) reported done, its close-out to be returned."""
    if seq == "7":
        return {"完成状态": "已完成", "完成比例": 1, "进展情况": "一期工程完工", "佐证材料": "完工照片.pdf"}
    if seq == "1":      # typed by hand, no option of the list
        return {"完成状态": "基本完成", "完成比例": 0.8, "进展情况": "管网排查完成八成"}
    return values(i, seq, unit)


@pytest.fixture(scope="module")
def march(tmp_path_factory):
    import datetime as dt
    root = tmp_path_factory.mktemp("qingxi20")
    mp = pytest.MonkeyPatch()
    mp.setenv("ZHISHUI_HOME", str(root / "home"))     # (this plan's history only: another copy shares its 文号)
    lst = root / "清溪县责任清单.xlsx"
    write_list(lst)
    for period, sent, on in (("2021-02", D(2021, 2, 20), D(2021, 2, 28)), ("2021-03", D(2021, 3, 20), D(2021, 3, 31))):
        out, inbox = root / f"下发{period}", root / f"收回{period}"
        run("split", lst, "--period", period, "--out", out, "--date", D(int(period[:4]), int(period[5:]), 1))
        for p in sorted(out.glob("*.xlsx")):
            fill_return(p, inbox / p.name, p.name.split("_")[1], values=feb_seven_done if period == "2021-02" else values,
                        report_date=sent, mtime=dt.datetime(sent.year, sent.month, sent.day, 10))
        run("collect", lst, inbox, "--period", period, "--date", on, "--out", root / f"汇总{period}.xlsx",
            "--json", root / f"汇总{period}.json")
        if period == "2021-02":
            run("close", lst, "4", "--period", period, "--date", DECIDED_ON)
            run("close", lst, "9", "--period", period, "--date", DECIDED_ON)
            run("close", lst, "7", "--period", period, "--date", DECIDED_ON, "--return", "--reason", "缺竣工验收资料")
            run("docs", lst, inbox, "--period", period, "--date", on, "--out", root / "文书2021-02")
    docs = run("docs", lst, root / "收回2021-03", "--period", "2021-03", "--date", D(2021, 3, 31), "--out", root / "文书")
    data = json.loads((root / "汇总2021-03.json").read_text(encoding="utf-8"))
    [bulletin] = (root / "文书" / "进展通报").glob("*.docx")
    mp.undo()
    return {"root": root, "list": lst, "data": data, "docs": docs, "bulletin": Document(bulletin)}


def test_units_whose_tasks_are_all_closed_are_sent_nothing_and_counted_nowhere_as_late(march):
    issued = {p.name.split("_")[1] for p in (march["root"] / "下发2021-03").glob("*.xlsx")}
    assert not issued & CLOSED_UNITS and issued
    assert march["data"]["unit_counts"]["未报送"] == 0
    assert not set(march["data"]["missing_units"]) & CLOSED_UNITS


def test_they_are_ranked_with_full_marks_as_nothing_asked(march):
    ranking = {s["unit"]: s for s in march["data"]["ranking"]}
    for unit in CLOSED_UNITS:
        s = ranking[unit]
        assert s["state"] == "无需报送"
        assert s["parts"]["报送"] == 20 and s["parts"]["进度"] == 80 and s["score"] == 100
        assert s["rank"] == 1


def test_the_bulletin_table_says_nothing_asked_not_missing(march):
    rows = {}
    for t in march["bulletin"].tables:
        head = [c.text for c in t.rows[0].cells]
        if head[:2] == ["排名", "单位"]:
            rows.update({r.cells[1].text: r.cells[-1].text for r in t.rows[1:]})
    assert rows["桥头镇"] == "无需报送" and rows["清溪县农业农村局"] == "无需报送"
    text = "".join(p.text for p in march["bulletin"].paragraphs)
    assert "未报送的单位" not in text


def _bulletin_text(folder) -> str:
    [p] = folder.glob("*.docx")
    doc = Document(p)
    return "".join(x.text for x in doc.paragraphs) + "".join(c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_a_returned_close_out_is_news_once(march):
    """README 「延期申请带到以后各期」: each decision is said as news in one period's 通报 — the return of February's
    close-out of task 7, made on 1 March before February's documents, is February's news, not March's again."""
    feb = _bulletin_text(march["root"] / "文书2021-02" / "进展通报")
    assert "销号被退回1项（序号7）" in feb
    mar = _bulletin_text(march["root"] / "文书" / "进展通报")
    assert "销号被退回" not in mar
    # the task's state stays 退回 in March's 汇总 (its unit has not reported it done again)
    task7 = next(t for t in march["data"]["tasks"] if t["seq"] == "7")
    assert task7["closeout"] == "退回"


def test_history_gives_the_state_a_unit_typed_and_each_decision_in_its_own_month(march):
    """`history` said 「完成状态：未填」 of a state typed by hand (基本完成), and printed February's 退回 under every month."""
    out = run("history", march["list"], "--task", "1", "--period", "2021-02")
    assert "完成状态：「基本完成」（不是下拉选项，未认作任何状态）；完成比例：80%" in out and "未填" not in out
    rows = run("history", march["list"], "--task", "7").split("清溪县住房和城乡建设局　")
    feb = next(r for r in rows if r.startswith("2021年2月"))
    mar = next(r for r in rows if r.startswith("2021年3月"))
    assert "退回销号，理由：缺竣工验收资料" in feb and "销号" not in mar.replace("（本期状态", "").split("）", 1)[1]


def test_a_sheet_of_another_month_is_said_alike_in_history_and_the_units_sheet(tmp_path, monkeypatch):
    """A unit that sent February's sheet again in March: the 催报 and the 通报 said 「报来的是2021年2月的报送表」,
    `history` only 「未报送，历史记录里没有它那期的报送内容」, and the 报送情况 sheet put the February file under
    「采用的文件」 with no 收到时间."""
    import datetime as dt
    import shutil
    import openpyxl
    # (the same list's history elsewhere, the module's fixture, is found by its 文号: this plan's own history only)
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = tmp_path / "清溪县责任清单.xlsx"
    write_list(lst)
    for period, sent, on in (("2021-02", D(2021, 2, 20), D(2021, 2, 28)), ("2021-03", D(2021, 3, 20), D(2021, 3, 31))):
        out, inbox = tmp_path / f"下发{period}", tmp_path / f"收回{period}"
        run("split", lst, "--period", period, "--out", out, "--date", D(int(period[:4]), int(period[5:]), 1))
        inbox.mkdir()
        for p in sorted(out.glob("*.xlsx")):
            if period == "2021-03" and "城关镇" in p.name:
                old = next((tmp_path / "收回2021-02").glob("*城关镇*"))
                shutil.copy(old, inbox / old.name)
                continue
            fill_return(p, inbox / p.name, p.name.split("_")[1], values=values, report_date=sent,
                        mtime=dt.datetime(sent.year, sent.month, sent.day, 10))
        run("collect", lst, inbox, "--period", period, "--date", on, "--out", tmp_path / f"汇总{period}.xlsx")
    said = run("history", lst, "--unit", "城关镇", "--period", "2021-03")
    assert "城关镇2021年3月未报送（报来的是2021年2月的报送表）" in said
    rows = list(openpyxl.load_workbook(tmp_path / "汇总2021-03.xlsx", read_only=True)["报送情况"].iter_rows(values_only=True))
    head = next(r for r in rows if r and r[0] == "单位")
    mine = next(r for r in rows if r and r[0] == "城关镇")
    assert mine[head.index("报送情况")] == "未报送" and not mine[head.index("采用的文件")]
    assert mine[head.index("核对")].startswith("收到的是2021年2月的报送表，不是本期的（2021年2月_城关镇_进展情况报送表.xlsx")


@pytest.mark.parametrize("plan, title", [
    # the plan's own year is said once (trial 20: 「关于2026年8月2026年民生实事…」)
    ("2026年民生实事目标任务分解方案", "关于2026年8月民生实事目标任务分解方案推进情况的通报"),
    ("2026年度重点工作任务", "关于2026年8月重点工作任务推进情况的通报"),
    # another year, or none, stays as written
    ("2025年民生实事项目", "关于2026年8月2025年民生实事项目推进情况的通报"),
    ("区人大常委会水污染防治工作情况评议意见整改方案", "关于2026年8月区人大常委会水污染防治工作情况评议意见整改方案推进情况的通报"),
])
def test_a_plan_named_with_its_year_is_not_given_the_year_twice(plan, title):
    from generators.contexts import default_title
    assert default_title("bulletin", {"plan_name": plan, "period_cn": "2026年8月"}) == title
    assert default_title("chase", {"plan_name": plan, "period_cn": "2026年8月"}) == \
        title.replace("关于", "关于报送").replace("推进情况的通报", "进展情况的催报通知")


def test_the_pressed_sheet_gives_the_units_own_words_as_the_json_does(tmp_path, monkeypatch):
    """The 汇总's 督办 sheet gave the rule's reason only, the 督办通知, the 通报 and the JSON the unit's own 存在问题
    after it (「…；区发展改革委：资金尚未全部到位」)."""
    import shutil
    import openpyxl
    from conftest import LIST001, SAMPLES
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    shutil.copytree(SAMPLES / "seed001" / "2020年11月报送", tmp_path / "收到")
    run("collect", LIST001, tmp_path / "收到", "--period", "2020-11", "--date", "2020-11-30", "--due", "2020-11-25",
        "--no-history", "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json", code=1)
    pressed = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["pressed"]
    want = {(u, p["task"]): p["reason"] for u, ps in pressed.items() for p in ps}
    rows = list(openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)["督办"].iter_rows(values_only=True))
    head = next(r for r in rows if r and r[0] == "单位")
    got = {(r[0], r[head.index("序号")]): r[head.index("督办原因")] for r in rows[rows.index(head) + 1:] if r and r[0]}
    assert got == want
    assert got[("区发展改革委", "47")].endswith("；区发展改革委：资金尚未全部到位")


def test_check_does_not_ask_again_about_a_stage_reported_done(tmp_path, monkeypatch):
    """「2021年2月底完成,并长期坚持」: once every answering unit reported the stage 已完成, the date asks nothing more
    (trial 20's check told the clerk to confirm a stage done two months before); a stage nobody reported done is still
    pointed out (the control)."""
    import datetime as dt
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    from returns_factory import write_rule_list
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["建立河道保洁长效机制", "2021年2月底完成,并长期坚持", "县水利局", "", ""],
                                                 "2": ["建立排污口巡查制度", "2021年2月底完成,并长期坚持", "县住建局", "", ""]},
                          ["县水利局", "县住建局"])
    run("split", lst, "--period", "2021-02", "--out", tmp_path / "下发", "--date", D(2021, 2, 1))

    def done_or_not(i, seq, unit):
        return {"完成状态": "已完成" if seq == "1" else "序时推进", "进展情况": "机制已建立" if seq == "1" else "推进中"}
    for p in sorted((tmp_path / "下发").glob("*.xlsx")):
        fill_return(p, tmp_path / "收回" / p.name, p.name.split("_")[1], values=done_or_not, report_date=D(2021, 2, 20),
                    mtime=dt.datetime(2021, 2, 20, 10))
    run("collect", lst, tmp_path / "收回", "--period", "2021-02", "--date", D(2021, 2, 28), "--out", tmp_path / "汇总.xlsx")
    out = json.loads(run("check", lst, "--date", "2021-04-15", "--json"))
    past = {f["task"] for f in out["findings"] if f["code"] == "DEADLINE_PAST"}
    assert past == {"2"}
    assert out["settled"] == {next(k for k in out["settled"]): {"kind": "阶段完成", "new_due": None}}
    said = run("check", lst, "--date", "2021-04-15")
    assert "阶段任务已报完成1项" in said


def test_a_closed_out_task_keeps_its_disagreement(tmp_path, monkeypatch):
    """Trial 21: the lead reported 已完成 with evidence, its co-operating unit 序时推进 40%; once the close-out was
    approved the 汇总 no longer said 分歧 (README 「各单位报的不一致」 rule 1 has no exception for 已销号)."""
    import datetime as dt
    from returns_factory import write_rule_list
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["建成城区污水管网", "2021年6月底", "县水利局", "", "县住建局"]},
                          ["县水利局", "县住建局"])
    run("split", lst, "--period", "2021-02", "--out", tmp_path / "下发", "--date", D(2021, 2, 1))

    def said(i, seq, unit):
        return ({"完成状态": "已完成", "完成比例": 1, "进展情况": "已建成", "佐证材料": "验收报告.pdf"} if unit == "县水利局"
                else {"完成状态": "序时推进", "完成比例": 0.4, "进展情况": "配合推进"})
    for p in sorted((tmp_path / "下发").glob("*.xlsx")):
        fill_return(p, tmp_path / "收回" / p.name, p.name.split("_")[1], values=said, report_date=D(2021, 2, 20),
                    mtime=dt.datetime(2021, 2, 20, 10))
    month = ["collect", lst, tmp_path / "收回", "--period", "2021-02", "--date", D(2021, 2, 28),
             "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json"]
    run(*month)
    before = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["tasks"][0]
    assert before["disagreements"] and before["closeout"] == "待销号"
    run("close", lst, "1", "--period", "2021-02", "--date", D(2021, 3, 1))
    run(*month)
    after = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["tasks"][0]
    assert after["closeout"] == "已销号" and after["status"] == "已完成"
    assert after["disagreements"] == before["disagreements"]


def test_history_does_not_say_a_closed_task_was_left_unfilled(tmp_path, monkeypatch):
    """Trial 21's 查询: 「…2019年12月按时报送；这项任务它那期没有填写」 of a task closed out in November, which was on
    no December sheet."""
    import datetime as dt
    from returns_factory import write_rule_list
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["建成城区污水管网", "2021年6月底", "县水利局", "", ""],
                                                 "2": ["开展河道保洁", "长期坚持", "县水利局", "", ""]}, ["县水利局"])

    def said(i, seq, unit):
        return ({"完成状态": "已完成", "完成比例": 1, "进展情况": "已建成", "佐证材料": "验收报告.pdf"} if seq == "1"
                else {"完成状态": "持续推进", "进展情况": "每周保洁"})
    for period, sent, on in (("2021-02", D(2021, 2, 20), D(2021, 2, 28)), ("2021-03", D(2021, 3, 20), D(2021, 3, 31))):
        out = tmp_path / f"下发{period}"
        run("split", lst, "--period", period, "--out", out, "--date", D(int(period[:4]), int(period[5:]), 1))
        for p in sorted(out.glob("*.xlsx")):
            fill_return(p, tmp_path / f"收回{period}" / p.name, p.name.split("_")[1], values=said, report_date=sent,
                        mtime=dt.datetime(sent.year, sent.month, sent.day, 10))
        run("collect", lst, tmp_path / f"收回{period}", "--period", period, "--date", on, "--out", tmp_path / f"{period}.xlsx")
        if period == "2021-02":
            run("close", lst, "1", "--period", period, "--date", D(2021, 3, 1))
    out = run("history", lst, "--unit", "县水利局", "--task", "1", "--period", "2021-03")
    assert "这项任务那期已销号，报送表上不再有它" in out and "没有填写" not in out


@pytest.mark.parametrize("months, ytd", [((100, 97.7), 98.9), ((97.7, 97.8), 97.8), ((90, 85.5, 85.5), 87.0),
                                          ((0.1, 0.0), 0.1)])
def test_the_year_to_date_score_rounds_halves_up(months, ytd):
    """Trial 21: 100 and 97.7 made 累计得分 98.8 (98.85 in binary floating point is 98.8499…); a person writes 98.9."""
    from zhishui.ranking import tenth
    assert tenth(sum(months) / len(months)) == ytd


def test_the_bulletin_says_tasks_only_copied_in_one_sentence(march):
    """Trial 21's December 通报 ran to 29 pages: 35 rows in 「与上期相比退步或进展照抄的任务」, each naming sixteen units,
    mostly to say one county had copied its November text.  What went backwards (rules 1–3) is the table; tasks whose
    only flag is 进展照抄上期 are one sentence with the units and how many each (the 汇总 lists every one)."""
    changes = march["data"]["changes"]
    kinds = {seq: [c["kind"] for c in flags] for seq, flags in changes.items()}
    copied = sorted(s for s, k in kinds.items() if set(k) == {"进展照抄上期"})
    real = [s for s, k in kinds.items() if set(k) - {"进展照抄上期"}]
    assert copied        # (the fixture's units write 「X按计划推进」 both months)
    by_unit: dict[str, int] = {}
    for s in copied:
        for u in dict.fromkeys(c["unit"] for c in changes[s]):
            by_unit[u] = by_unit.get(u, 0) + 1
    doc = march["bulletin"]
    tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells][:6] ==
              ["序号", "任务内容", "牵头单位", "上期状态", "本期状态", "情况"]]
    assert [[r.cells[0].text for r in t.rows[1:]] for t in tables] == ([real] if real else [])
    text = "".join(p.text for p in doc.paragraphs)
    assert f"{len(copied)}项任务只是进展情况与上期一字不差" in text
    for u, n in by_unit.items():
        assert f"{u}{n}项" in text


def test_a_list_with_no_lead_column_is_not_told_of_lead_units(tmp_path, monkeypatch):
    """Trial 21 (seed 003: no 牵头 column, every task answered jointly): the 通报 asked 「各牵头单位」 and headed its
    tables 牵头单位 over sixteen joint units; check says they answer jointly, the 汇总 says 牵头（负责）单位."""
    from docx import Document as Docx
    from conftest import DIR003, LIST003
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    (tmp_path / "收到").mkdir()
    run("docs", LIST003, tmp_path / "收到", "--directory", DIR003, "--period", "2019-11", "--date", "2019-11-30",
        "--no-history", "--allow-empty", "--kind", "bulletin", "--out", tmp_path / "文书")
    [p] = (tmp_path / "文书" / "进展通报").glob("*.docx")
    doc = Docx(p)
    heads = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    text = "".join(x.text for x in doc.paragraphs)
    assert any("责任单位" in h for h in heads) and not any("牵头单位" in h for h in heads), heads
    assert "各牵头单位" not in text and "各责任单位" in text


def test_a_joint_task_closed_out_says_its_reason_once(tmp_path, monkeypatch):
    """Trial 21: task 15 (two counties jointly) closed out read 「已销号（…批准）；已销号（…批准）」 in 说明."""
    import datetime as dt
    from returns_factory import write_rule_list
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["建成城区污水管网", "2021年6月底", "", "甲镇、乙镇", ""]},
                          ["甲镇", "乙镇"])
    run("split", lst, "--period", "2021-02", "--out", tmp_path / "下发", "--date", D(2021, 2, 1))
    for p in sorted((tmp_path / "下发").glob("*.xlsx")):
        fill_return(p, tmp_path / "收回" / p.name, p.name.split("_")[1], report_date=D(2021, 2, 20),
                    values=lambda i, seq, unit: {"完成状态": "已完成", "完成比例": 1, "进展情况": "已建成", "佐证材料": "验收.pdf"},
                    mtime=dt.datetime(2021, 2, 20, 10))
    month = ["collect", lst, tmp_path / "收回", "--period", "2021-02", "--date", D(2021, 2, 28),
             "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json"]
    run(*month)
    run("close", lst, "1", "--period", "2021-02", "--date", D(2021, 3, 1))
    run(*month)
    reason = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["tasks"][0]["reason"]
    assert reason.startswith("已销号（2021-02报送的完成情况") and reason.count("已销号") == 1, reason
