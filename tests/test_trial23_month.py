"""Trial 23 (session 25): a county 河长办 clerk with her own list and her units' real returns.  Every judgement was
right; what follows is what a unit typed and the clerk could not see, and one fact said two ways."""
from __future__ import annotations

import json

import openpyxl
from docx import Document

from returns_factory import fill_issued, issued_month, write_rule_list
from test_bulletin_wording import run

LEAD, HELPER = "县公安局", "县水利局"


def test_the_pressed_reason_is_one_fact_in_the_letter_the_sheet_and_the_json(tmp_path, monkeypatch):
    """Task 1 is past due; its lead sent nothing, its co-unit reported 「已完成」.  The 督办通知 said so
    (「…本期未报送（县水利局报「已完成」、完成100%）」); the 汇总's 督办 sheet and the JSON gave only 「…本期未报送」, so a
    clerk working from the sheet did not see the task may be done.  The three now give one reason (Month._pressed_reason, kept as Pressed.reason)."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["开展河道非法采砂专项整治", "2026年10月底前", LEAD, "", HELPER],
                                  "2": ["完成水库除险加固", "2027年6月底前", HELPER, "", ""]}, [LEAD, HELPER], "2026-11",
                       {HELPER: {"1": ("已完成", 1, "配合完成整治"), "2": ("序时推进", 0.5, "主体工程施工")}},
                       settings=[("汇总单位", "县河长制办公室")])
    month = [lst, tmp_path / "收回", "--period", "2026-11", "--date", "2026-11-30"]
    run("collect", *month, "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json", code=0)
    run("docs", *month, "--out", tmp_path / "文书", code=0)
    said = f"本期未报送（{HELPER}报「已完成」、完成100%）"
    [p] = json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["pressed"][LEAD]
    assert said in p["reason"]
    rows = list(openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)["督办"].iter_rows(values_only=True))
    head = next(r for r in rows if r and r[0] == "单位")
    [row] = [r for r in rows[rows.index(head) + 1:] if r and r[0] == LEAD]
    assert row[head.index("督办原因")] == p["reason"]
    [letter] = (tmp_path / "文书" / "督办通知").glob(f"*{LEAD}*.docx")
    cells = [c.text for t in Document(letter).tables for r in t.rows for c in r.cells]
    assert any(p["reason"] in c for c in cells), cells


def test_a_status_in_the_units_own_words_stays_visible_beside_the_option_it_is_read_as(tmp_path, monkeypatch):
    """A unit typed 「正在推进」 (read as 序时推进, like 推进中); the 汇总, the reasons and `history` showed only
    「序时推进」, quoted as if the unit had written it, its own words being in the JSON only."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成城区雨污分流改造", "2026年11月底前", LEAD, "", ""],
                                  "2": ["完成水库除险加固", "2027年6月底前", HELPER, "", ""]}, [LEAD, HELPER], "2026-11",
                       {LEAD: {"1": ("正在推进", 0.6, "完成管网改造六成")}, HELPER: {"2": ("序时推进", 0.5, "主体工程施工")}},
                       settings=[("汇总单位", "县河长制办公室")])
    run("collect", lst, tmp_path / "收回", "--period", "2026-11", "--date", "2026-12-01",
        "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json")
    rows = list(openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)["汇总"].iter_rows(values_only=True))
    head = rows[0]
    cells = {r[0]: r for r in rows[1:] if r and r[0]}
    assert cells["1"][head.index("牵头（负责）单位报送")].startswith(f"{LEAD}：序时推进（原文「正在推进」），60%")
    assert cells["2"][head.index("牵头（负责）单位报送")].startswith(f"{HELPER}：序时推进，50%")   # the option itself
    t1 = next(t for t in json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["tasks"] if t["seq"] == "1")
    assert t1["status"] == "逾期" and f"{LEAD}报「正在推进」（按序时推进）、完成60%" in t1["reason"]
    out = run("history", lst, "--unit", LEAD, "--task", "1")
    assert "完成状态：序时推进（原文「正在推进」）" in out


def _list_in_own_words(path):
    """A 河长办's list headed in its own words: 工作任务 (the heading) and 具体措施 (the task), 牵头部门, 完成期限."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务分解表"
    ws.append(["清溪县2026年河湖长制工作要点任务分解表"])
    ws.append(["序号", "工作任务", "具体措施", "牵头部门", "完成期限"])
    ws.append([1, "一、水资源保护", "落实最严格水资源管理制度，完成年度用水总量和强度双控目标自查评估。", HELPER, "2026年12月底前"])
    ws.append([2, "二、水污染防治", "推进城区雨污分流改造，新建改造污水管网8公里。", LEAD, "2026年12月底前"])
    ws.append([3, "二、水污染防治", "巩固城区黑臭水体治理成效，每季度开展一次水质监测并向社会公开。", LEAD, "长期坚持"])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for u in (LEAD, HELPER):
        d.append([u, "部门"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["方案名称", "清溪县2026年河湖长制工作要点"])
    wb.save(path)
    return path


def _own_table(path, head: str, texts: dict):
    """县公安局's own table (no sheet of ours): its task column headed ``head``, holding ``texts`` (序号 -> text)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["县公安局2026年11月河湖长制工作进展情况"])
    ws.append(["序号", head, "进展情况", "完成状态", "完成比例"])
    for seq, text in texts.items():
        ws.append([seq, text, f"第{seq}项按计划推进", "序时推进", "50%"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


TASK_TEXTS = {2: "推进城区雨污分流改造，新建改造污水管网8公里。", 3: "巩固城区黑臭水体治理成效，每季度开展一次水质监测并向社会公开。"}


def test_a_units_own_table_headed_in_the_lists_words_is_read_as_this_plans(tmp_path):
    """A unit copied the list's own header words: 「具体措施」, or 「工作任务」 over the task texts.  It was 「不确定」
    (rule 11, 「没有…任务内容，只能按序号对应」) with the copied texts listed as unused cells; it is rule 6 now, and the
    texts under 「工作任务」 are read as the task's, not as a heading the unit edited."""
    from zhishui.collect import collect
    from zhishui.tasks import load_list
    import datetime as dt
    tl = load_list(_list_in_own_words(tmp_path / "清单.xlsx"))
    for head in ("具体措施", "工作任务"):
        inbox = tmp_path / head
        _own_table(inbox / "公安局11月报表.xlsx", head, TASK_TEXTS)
        col = collect(tl, [inbox], dt.date(2026, 11, 1), due=dt.date(2026, 11, 25))
        [s] = col.submissions
        assert (s.status, s.unit, s.plan_verdict, s.plan_rule) == ("counted", LEAD, "本方案", 6), (head, s.plan_how)
        assert not [a for a in col.anomalies if a.code in ("PLAN_UNCERTAIN", "REFERENCE_EDITED")], \
            [(a.code, a.message) for a in col.anomalies]
        assert {r.progress for r in s.reports} == {"第2项按计划推进", "第3项按计划推进"}
        unused = [v.cell for v in col.values if not v.used and v.note == "未归入任何任务"]
        assert not any(c.startswith("B") for c in unused), unused

    # the control: a 工作任务 column that holds the headings is still no task text (adopted by 序号, as before)
    inbox = tmp_path / "标题"
    _own_table(inbox / "公安局11月报表.xlsx", "工作任务", {2: "二、水污染防治", 3: "二、水污染防治"})
    col = collect(tl, [inbox], dt.date(2026, 11, 1), due=dt.date(2026, 11, 25))
    [s] = col.submissions
    assert s.status == "counted" and s.plan_verdict == "不确定" and s.plan_rule == 11


def test_the_bulletins_table_names_which_of_a_groups_units_are_behind(tmp_path, monkeypatch):
    """The 通报's 逾期 table printed 「各乡镇」 as lead of a task only 白沙乡 was late on (城关镇 and 石门镇 had reported it
    done and were not pressed): a leader reads all three towns as late.  The cell now says which."""
    from docx import Document as Doc
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    towns = ["城关镇", "石门镇", "白沙乡"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["序号", "具体举措", "完成时限", "牵头单位"])
    ws.append([1, "完成乡镇级河长公示牌更新", "2026年10月底前", "各乡镇"])
    ws.append([2, "城镇污水集中收集率达到70%以上", "2027年6月底前", HELPER])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "类型"])
    for u in towns:
        d.append([u, u[-1]])
    d.append([HELPER, "部门"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["汇总单位", "县河长制办公室"])
    lst = tmp_path / "清单.xlsx"
    wb.save(lst)
    run("split", lst, "--period", "2026-11", "--out", tmp_path / "下发", "--date", "2026-11-01")
    fill_issued(tmp_path / "下发", tmp_path / "收回", "2026-11", {
        "城关镇": {"1": ("已完成", 1, "已更新")}, "石门镇": {"1": ("已完成", 1, "已更新")},
        "白沙乡": {"1": ("序时推进", 0.6, "已更新6块")}, HELPER: {"2": ("序时推进", 0.5, "施工")}})
    run("docs", lst, tmp_path / "收回", "--period", "2026-11", "--date", "2026-11-30", "--out", tmp_path / "文书")
    [bulletin] = (tmp_path / "文书" / "进展通报").glob("*.docx")
    rows = [[c.text for c in r.cells] for t in Doc(bulletin).tables for r in t.rows]
    [row] = [r for r in rows if r[0] == "1" and "公示牌" in r[1]]
    assert "各乡镇（其中白沙乡逾期）" in row, row
    # (the list sets no 目标值: the one figure is the task's own words)
    text = "\n".join(p.text for p in Doc(bulletin).paragraphs)
    assert "从任务内容中识别的量化目标1项" in text and "纳入量化考核" not in text


def test_the_bulletin_says_where_its_targets_come_from():
    """Trial 23: targets read from the tasks' words (「≥90%」) were called 「纳入量化考核的目标」 in a list that set none."""
    from zhishui.generators.contexts import _target_text
    row = {"met": True, "verdict": "达标"}
    assert _target_text({"targets": [dict(row, source="任务内容")] * 2}).startswith("从任务内容中识别的量化目标2项，")
    assert _target_text({"targets": [dict(row, source="目标值列")]}).startswith("清单列明的量化目标1项，")
    assert _target_text({"targets": [dict(row, source="目标值列"), dict(row, source="任务内容")]}).startswith(
        "量化目标2项（清单列明1项、从任务内容中识别1项），")


def test_a_monthly_task_is_due_next_month(tmp_path, monkeypatch):
    """README 「下月到期」 lists a task whose next occurrence falls next month; a 每月 task never was (its occurrence judged
    this month is this month's), while a 每季度末 one was.  The 通报's table gives the next occurrence's date."""
    from docx import Document as Doc
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["开展县级河长巡河", "每月", LEAD, "", ""],
                                                 "2": ["开展水质监测并公开", "每季度末", HELPER, "", ""],
                                                 "3": ["完成水库除险加固", "2027年6月底前", HELPER, "", ""]},
                          [LEAD, HELPER], settings=[("汇总单位", "县河长制办公室")])
    for period, on, want in (("2026-11", "2026-11-30", {"1": "2026年12月31日", "2": "2026年12月31日"}),
                             ("2026-12", "2026-12-31", {"1": "2027年1月31日"})):
        out = tmp_path / period
        run("split", lst, "--period", period, "--out", out / "下发", "--date", f"{period}-01")
        fill_issued(out / "下发", out / "收回", period, {LEAD: {"1": ("持续推进", None, "巡河4次")},
                                                        HELPER: {"2": ("持续推进", None, "已监测"),
                                                                 "3": ("序时推进", 0.5, "施工")}})
        run("docs", lst, out / "收回", "--period", period, "--date", on, "--out", out / "文书")
        [bulletin] = (out / "文书" / "进展通报").glob("*.docx")
        doc = Doc(bulletin)
        table = next(t for t in doc.tables if len(t.columns) == 4 and t.rows[0].cells[3].text == "完成时限")
        rows = {r.cells[0].text: r.cells[3].text for r in table.rows[1:]}
        assert set(rows) == set(want) and all(want[k] in rows[k] for k in want), (period, rows)


def test_without_a_directory_a_unit_written_short_and_long_is_pointed_out(tmp_path):
    """A new office's first list, no 单位名录: 「县住建局」 and 「县住房和城乡建设局」 got two return sheets, were chased and
    ranked as two units, and `check` said nothing.  It now says they may be one unit (and nothing of different ones)."""
    import datetime as dt
    from zhishui.checks import check_list
    from zhishui.tasks import load_list
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "具体举措", "完成时限", "牵头单位"])
    for i, unit in enumerate(["县住建局", "县住房和城乡建设局", "县环保局", "县环境保护局", "县水利局", "县公安局",
                              "县水务局"], 1):
        ws.append([i, f"第{i}项任务", "2026年12月底前", unit])
    wb.save(tmp_path / "初稿.xlsx")
    said = [f.message for f in check_list(load_list(tmp_path / "初稿.xlsx"), dt.date(2026, 3, 20))
            if f.code == "UNIT_VARIANT"]
    assert sorted(said) == ["「县住建局」（D2）和「县住房和城乡建设局」（D3）可能是同一单位的两种写法",
                            "「县环保局」（D4）和「县环境保护局」（D5）可能是同一单位的两种写法"], said


def test_a_deadline_that_needs_the_settings_says_how_to_add_them(tmp_path):
    """A workbook with no 设置 sheet: 「年底前」 was told 「请在设置中填写」 with no word of how (the 汇总单位 warning says
    to add a 「设置」 sheet with 项目/值 columns); now both say it, the 汛期 one naming its two items."""
    import datetime as dt
    from zhishui.checks import check_list
    from zhishui.tasks import load_list
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "具体举措", "完成时限", "牵头单位"])
    ws.append([1, "完成河道清淤", "年底前", LEAD])
    ws.append([2, "完成堤防巡查", "2026年汛期前", LEAD])
    wb.save(tmp_path / "清单.xlsx")
    hints = {f.task: f.suggestion for f in check_list(load_list(tmp_path / "清单.xlsx"), dt.date(2026, 3, 20))
             if f.code == "DEADLINE_UNREADABLE"}
    assert hints["1"].startswith("请在清单工作簿中加一张「设置」工作表（A列「项目」、B列「值」），写一行「成文日期」")
    assert "写两行「汛期开始」「汛期结束」" in hints["2"]


def test_a_unit_that_sent_a_password_protected_file_is_told_so(tmp_path, monkeypatch):
    """Trial 25: a unit whose file had an opening password was told 「本期未报送」 in its 督办通知 and 「可能已损坏」 in its
    催报消息.  Both now say the file came and could not be opened because of the password, and what to do."""
    from docx import Document as Doc
    from msoffcrypto.format.ooxml import OOXMLFile
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道非法采砂整治", "2026年10月底前", LEAD, "", ""],
                                  "2": ["完成水库除险加固", "2027年6月底前", HELPER, "", ""]}, [LEAD, HELPER], "2026-11",
                       {LEAD: {"1": ("序时推进", 0.5, "整治过半")}, HELPER: {"2": ("序时推进", 0.5, "施工")}},
                       settings=[("汇总单位", "县河长制办公室")])
    plain = tmp_path / "收回" / f"{LEAD}.xlsx"
    with open(plain, "rb") as fi, open(tmp_path / "收回" / f"{LEAD}（加密）.xlsx", "wb") as fo:
        OOXMLFile(fi).encrypt("123456", fo)
    plain.unlink()
    run("docs", lst, tmp_path / "收回", "--period", "2026-11", "--date", "2026-11-30", "--out", tmp_path / "文书", code=0)
    chat = (tmp_path / "文书" / "催报通知" / "催报消息.txt").read_text(encoding="utf-8")
    assert "你单位报来的文件无法打开（设置了打开密码），请取消密码后重新报送" in chat and "可能已损坏" not in chat
    [letter] = (tmp_path / "文书" / "督办通知").glob(f"*{LEAD}*.docx")
    cells = "".join(c.text for t in Doc(letter).tables for r in t.rows for c in r.cells)
    assert f"{LEAD}本期报来的文件无法打开（设置了打开密码）" in cells and "本期未报送" not in cells, cells


def test_a_number_in_the_settings_is_read_with_the_word_after_it(tmp_path):
    """Trial 25 wrote 设置 「报送截止日」 as README does, 「25日」, and was told 「不是整数」; 「2个工作日」 likewise."""
    import datetime as dt
    from zhishui.checks import check_list
    from zhishui.tasks import load_list
    lst = write_rule_list(tmp_path / "清单.xlsx", {"1": ["完成河道清淤", "2026年12月底前", LEAD, "", ""]}, [LEAD],
                          settings=[("汇总单位", "县河长制办公室"), ("报送截止日", "25日"), ("催报期限工作日", "2个工作日"),
                                    ("回复时限工作日", "五天")])
    tl = load_list(lst)
    assert tl.settings.report_day == 25 and tl.settings.chase_workdays == 2
    said = [f.message for f in check_list(tl, dt.date(2026, 3, 20)) if "不是整数" in f.message]
    assert said == ["设置项「回复时限工作日」的值「五天」不是整数"], said       # (a number in words is still asked for)


def test_the_returns_own_contact_is_in_the_workbook(tmp_path, monkeypatch):
    """Trial 25: the 填报人, 联系电话 and 填报日期 a unit typed were in the history only; the 报送情况 sheet's 联系人 is the
    名录's.  A column gives the adopted return's own."""
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2026年12月底前", LEAD, "", ""]}, [LEAD], "2026-11",
                       {LEAD: {"1": ("序时推进", 0.5, "清淤过半")}}, settings=[("汇总单位", "县河长制办公室")])
    run("collect", lst, tmp_path / "收回", "--period", "2026-11", "--date", "2026-11-30", "--out", tmp_path / "汇总.xlsx")
    rows = [r for r in openpyxl.load_workbook(tmp_path / "汇总.xlsx", read_only=True)["报送情况"].iter_rows(values_only=True)]
    head = next(r for r in rows if r and r[0] == "单位")
    [mine] = [r for r in rows if r and r[0] == LEAD]
    assert mine[head.index("报送表上的填报人、电话、日期")] == "张三，023-49880000，2026-11-20"


def test_a_disagreement_reaches_the_bulletin_and_the_pressed_unit(tmp_path, monkeypatch):
    """Trial 26: the lead said 序时推进 98%, a co-unit 已完成; the disagreement was in the 汇总's 分歧 column and the
    JSON only, while the 通报 and the 督办通知 pressing the lead on that task said nothing of it."""
    from docx import Document as Doc
    monkeypatch.setenv("ZHISHUI_HOME", str(tmp_path / "home"))
    lst = issued_month(tmp_path, {"1": ["完成河道清淤", "2026年10月底前", LEAD, "", HELPER],
                                  "2": ["完成水库除险加固", "2027年6月底前", HELPER, "", ""]}, [LEAD, HELPER], "2026-11",
                       {LEAD: {"1": ("序时推进", 0.98, "清淤基本完成")},
                        HELPER: {"1": ("已完成", 1, "配合清淤完成"), "2": ("序时推进", 0.5, "施工")}},
                       settings=[("汇总单位", "县河长制办公室")])
    month = [lst, tmp_path / "收回", "--period", "2026-11", "--date", "2026-11-30"]
    run("collect", *month, "--out", tmp_path / "汇总.xlsx", "--json", tmp_path / "汇总.json")
    t1 = next(t for t in json.loads((tmp_path / "汇总.json").read_text(encoding="utf-8"))["tasks"] if t["seq"] == "1")
    assert t1["status"] == "逾期" and t1["disagreements"], t1
    run("docs", *month, "--out", tmp_path / "文书")
    [bulletin] = (tmp_path / "文书" / "进展通报").glob("*.docx")
    text = "\n".join(p.text for p in Doc(bulletin).paragraphs)
    assert "另有1项任务各单位报的不一致（序号1），请牵头单位会同有关单位核实后如实报送。" in text
    [letter] = (tmp_path / "文书" / "督办通知").glob(f"*{LEAD}*.docx")
    cells = "".join(c.text for t in Doc(letter).tables for r in t.rows for c in r.cells)
    assert "各单位报的不一致：" + t1["disagreements"][0] in cells, cells
