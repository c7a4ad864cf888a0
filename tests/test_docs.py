"""The month's documents from real consolidated data: the right units and tasks in each,
the 通报's totals equal the collect report's, and LibreOffice opens every one."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from conftest import LIST001, SAMPLES, office_convert
from zhishui.cli import cli
from zhishui.generators.month_documents import make_documents
from zhishui.month import run_month
from zhishui.tasks import load_list

RETURNS = SAMPLES / "seed001" / "2020年11月报送"
PERIOD, REPORT, DUE = dt.date(2020, 11, 1), dt.date(2020, 11, 30), dt.date(2020, 11, 25)


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    root = tmp_path_factory.mktemp("docs")
    received = root / "收到的报送表"
    shutil.copytree(RETURNS, received)
    res = run_month(load_list(LIST001), [received], PERIOD, REPORT, due=DUE, use_history=False)
    made = make_documents(res, root / "文书")
    return res, made, root


def body_text(path) -> list[str]:
    """Paragraph and table-cell texts in document order."""
    d = Document(path)
    out = []
    for el in d.element.body.iter():
        if el.tag == qn("w:p"):
            t = "".join(x.text or "" for x in el.iter(qn("w:t")))
            if t.strip():
                out.append(t)
    return out


def table_column(path, header: str) -> list[str]:
    d = Document(path)
    for tbl in d.tables:
        heads = [c.text.strip() for c in tbl.rows[0].cells]
        if header in heads:
            i = heads.index(header)
            return [r.cells[i].text.strip() for r in tbl.rows[1:]]
    raise AssertionError(f"no table with column {header} in {path}")


def test_chase_lists_exactly_the_missing_units(month):
    res, made, _ = month
    [doc] = made.files["chase"]
    assert res.missing_units == ["区金融办"]        # 区市场管理局 is the list's slip: no letter to it
    units = [u for u in table_column(doc, "单位") if u and u != "合计"]
    assert units == res.missing_units
    text = "".join(body_text(doc))
    assert "截至2020年11月30日，" in text and "2020年12月2日" in text     # 2 working days later
    messages = made.messages.read_text(encoding="utf-8")
    assert messages.count("【催报提醒】") == 1 and "区金融办" in messages and "区市场管理局" not in messages


def expected_supervision(res) -> dict[str, list[str]]:
    """unit -> 序号 of the tasks its 督办通知 must list, from the units' own reports (README
    「谁被催报、谁被督办」): tasks 逾期 or 进度滞后, units whose own part is missing, not done
    past the deadline, reported lagging, or well below time-proportional progress."""
    out: dict[str, list[str]] = {}
    on = res.report_date
    for ts in res.statuses:
        if ts.status not in ("逾期", "进度滞后"):
            continue
        own = {r.unit: r for r in ts.lead_reports}
        d = ts.task.deadline
        for unit in ts.task.answering_units():
            r = own.get(unit)
            if r is None:
                pressed = True
            elif r.state == "已完成":
                pressed = False
            elif d.due and d.due < on:
                pressed = True
            else:
                pressed = r.state in ("进度滞后", "未启动") or (
                    r.percent is not None and ts.expected_progress is not None
                    and round(ts.expected_progress - r.percent, 6) >= 0.1)   # 低10个百分点以上, ten included
            if pressed:
                out.setdefault(unit, []).append(ts.task.seq)
    return out


def test_each_supervision_notice_lists_exactly_its_units_tasks(month):
    res, made, _ = month
    expected = expected_supervision(res)
    docs = {re.sub(r"^督办通知_|\.docx$", "", p.name): p for p in made.files["supervise"]}
    assert set(docs) == set(expected)
    for unit, path in docs.items():
        assert table_column(path, "序号") == expected[unit], unit
        text = body_text(path)
        assert f"{unit}：" in text                                   # 主送
        assert any(re.fullmatch(r"永环督〔2020〕[1-9]\d*号", t) for t in text)
        assert not any("由你单位牵头的" in t for t in text) or all(
            p.role == "牵头" for p in res.pressed[unit])           # joint units are not told they lead
        assert "回执" in "".join(text)


def test_bulletin_totals_equal_the_collect_report(month):
    res, made, _ = month
    [doc] = made.files["bulletin"]
    t = res.totals
    text = "".join(body_text(doc))
    sentence = re.search(r"共有任务(\d+)项，其中([^。]*)", text.replace(" ", ""))
    assert sentence, text[:400]
    assert int(sentence.group(1)) == t["任务总数"]
    for name in ("已完成", "序时推进", "进度滞后", "临期", "逾期", "长期坚持", "未报送"):
        m = re.search(name + r"(\d+)项", sentence.group(2))
        assert (int(m.group(1)) if m else 0) == t[name], name      # a status with no task is not mentioned
    assert f"完成率{t['完成率'] * 100:.1f}%" in text
    # the category table adds up to the same totals
    totals_row = [c for c in table_column(doc, "任务数")][-1]
    assert int(totals_row) == t["任务总数"]
    assert "2020年11月30日" in text and "〔2020〕" in text


def test_official_format_of_generated_documents(month):
    res, made, _ = month
    for path in [made.files["chase"][0], made.files["supervise"][0], made.files["bulletin"][0]]:
        d = Document(path)
        s = d.sections[0]
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
        assert (round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm)) \
            == (37, 35, 28, 26)
        normal = d.styles["Normal"].element.rPr.rFonts
        assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
        dates = re.findall(r"\d{4}年\d{1,2}月\d{1,2}日", "".join(body_text(path)))
        assert dates and not any(re.search(r"年0\d月|月0\d日", x) for x in dates)


def test_every_document_opens_in_libreoffice_and_says_what_it_should(month, tmp_path):
    res, made, _ = month
    expected = expected_supervision(res)
    picks = made.files["chase"] + made.files["bulletin"] + made.files["supervise"][:3]
    for path in picks:
        pdf = office_convert(path, "pdf", tmp_path)
        text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = re.sub(r"\s+", "", text)
        if "督办通知_" in path.name:
            unit = path.stem.split("_", 1)[1]
            assert unit in flat
            for seq in expected[unit]:
                task = res.tl.task(seq)
                assert task.content[:12].replace(" ", "") in flat
        elif "催报" in path.name:
            assert all(u in flat for u in res.missing_units)
        else:
            assert "工作进展情况" in flat or "推进情况的通报" in flat
            overdue = [ts for ts in res.statuses if ts.status == "逾期"]
            assert overdue and overdue[0].task.content[:12].replace(" ", "") in flat


def test_docs_command_one_kind(tmp_path, month):
    _, _, root = month
    r = CliRunner().invoke(cli, ["docs", str(LIST001), str(root / "收到的报送表"), "--period", "2020-11",
                                 "--date", "2020-11-30", "--due", "2020-11-25", "--out", str(tmp_path / "文书"),
                                 "--kind", "催报通知", "--no-history"])
    assert r.exit_code == 1, r.output          # done; the list names a unit the directory lacks
    assert "「区市场管理局」不在单位名录中" in r.output and "G13" in r.output
    assert "催报通知 1 份" in r.output and "督办通知" not in r.output
    assert (tmp_path / "文书" / "催报通知" / "催报通知_2020年11月.docx").exists()
    assert not (tmp_path / "文书" / "督办通知").exists()


def test_bulletin_compares_with_the_previous_month_from_the_history(tmp_path):
    """October (nobody reported) then November: the November 通报 says how things moved."""
    history = tmp_path / "档案"
    empty = tmp_path / "10月收回"
    empty.mkdir()
    tl = load_list(LIST001)
    october = run_month(tl, [empty], dt.date(2020, 10, 1), dt.date(2020, 10, 31), due=dt.date(2020, 10, 25),
                        history_folder=history, allow_empty=True)
    # past-due tasks nobody reported stay overdue; the rest are not reported
    past = sum(1 for t in tl.tasks if t.deadline.due and t.deadline.due < dt.date(2020, 10, 31))
    assert (october.totals["逾期"], october.totals["未报送"]) == (past, 63 - past) and october.previous is None
    received = tmp_path / "11月收回"
    shutil.copytree(RETURNS, received)
    november = run_month(tl, [received], PERIOD, REPORT, due=DUE, history_folder=history)
    assert november.previous_period == "2020-10" and november.previous["未报送"] == 63 - past
    made = make_documents(november, tmp_path / "文书", ("bulletin",))
    text = "".join(body_text(made.files["bulletin"][0]))
    assert "与2020年10月相比" in text and f"未报送任务减少{63 - past - november.totals['未报送']}项" in text


def test_a_sole_responsible_unit_is_told_it_leads(month):
    """A task naming one 责任单位 and no 牵头单位 (task 7: 区农业农村委) is led by it (check says so,
    its return says 牵头), so its 督办通知 must not call it jointly responsible; a task whose
    several responsible units have no lead (task 24: 区水利局、各镇街) is answered jointly."""
    res, made, _ = month
    roles = {(u, p.ts.task.seq): p.role for u, items in res.pressed.items() for p in items}
    sole = {t.seq for t in res.tl.tasks if not t.lead and len(t.answering_units()) == 1}
    joint = {t.seq for t in res.tl.tasks if not t.lead and len(t.answering_units()) > 1}
    led = [(u, seq) for (u, seq) in roles if seq in sole]
    shared = [(u, seq) for (u, seq) in roles if seq in joint]
    assert led and shared, "the sample month presses units on both kinds of task"
    assert all(roles[k] == "牵头" for k in led) and all(roles[k] == "共同负责" for k in shared)
    unit = next(u for u, seq in led if all(roles[(v, q)] == "牵头" for v, q in roles if v == u))
    letter = next(p for p in made.files["supervise"] if p.stem.endswith(unit))
    text = "".join(body_text(letter))
    assert "由你单位牵头" in text and "共同负责的" not in text
