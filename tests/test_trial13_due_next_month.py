"""「下月到期任务」 is the month after the 报送期, whatever day the 通报 is dated (session 20's browser trial).

The trial's November 通报, dated 2026-12-05, said 「下月（2027年1月）到期任务」 and 「2027年1月无到期任务」: 「下月」 was
counted from the report date, and the tasks falling due in December were never listed. README 「任务状态怎么定」
(下月到期) has a table of the rule; each of its rows is run here on real returns (a list written as Excel writes it,
split by zhishui, filled as units fill them, ``zhishui docs`` on the command line) and the 通报 read back with
python-docx: its heading and the seqs of its table. The tasks each row expects are written here from the rule (the
oracle), not computed by the code under test.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import ROOT
from returns_factory import fill_return, state_values, write_rule_list
from zhishui.cli import cli

D = dt.date
# seq -> (task, 完成时限, 牵头, 责任, 配合); 成文日期 2020-01-01
TASKS = {
    "1": ("建成城南污水处理厂", "2020年12月底", "区住房城乡建委", "", ""),
    "2": ("完成管网清淤", "2020年12月3日", "区城市管理局", "", ""),
    "3": ("报送年度工作总结", "每年1月20日前", "区生态环境局", "", ""),
    "4": ("完成屠宰场布点规划", "2021年1月底", "区农业农村委", "", ""),
    "5": ("开展日常巡河", "长期坚持", "区河长办", "", ""),
    "6": ("建成场镇污水管网", "2020年12月底", "区水利局", "", ""),
}
UNITS = ["区住房城乡建委", "区城市管理局", "区生态环境局", "区农业农村委", "区河长办", "区水利局"]
# what each unit reports (序号 -> state, percent); 区水利局 finished task 6 early (not due: done)
REPORTS = {"区住房城乡建委": {"1": ("序时推进", 0.95)}, "区河长办": {"5": ("持续推进", None)},
           "区水利局": {"6": ("已完成", 1)}}

# README row -> (报送期, 报告日期, the seqs the 通报 lists as due 「下月」)
CASES = {
    1: ("2020-11", D(2020, 11, 30), ["1", "2"]),
    2: ("2020-11", D(2020, 12, 5), ["1"]),          # task 2 (12月3日) is past: 逾期, in the overdue table
    3: ("2020-12", D(2020, 12, 31), ["3", "4"]),
    4: ("2020-12", D(2021, 1, 5), ["3", "4"]),
}


def readme_rows() -> dict[int, tuple]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text.split("* **下月到期**", 1)[1].split("\n* ", 1)[0]
    rows = {}
    for line in part.splitlines():
        m = re.match(r"\s*\|\s*(\d+)\s*\|\s*(\d{4})年(\d{1,2})月\s*\|\s*(\d{4}-\d{2}-\d{2})\S*\s*\|"
                     r"\s*(\d{4})年(\d{1,2})月\s*\|", line)
        if m:
            rows[int(m.group(1))] = (f"{m.group(2)}-{int(m.group(3)):02d}", D.fromisoformat(m.group(4)),
                                     f"{m.group(5)}年{int(m.group(6))}月")
    return rows


def test_every_readme_row_is_a_case():
    rows = readme_rows()
    assert sorted(rows) == sorted(CASES)
    for n, (period, on, _next) in rows.items():
        assert CASES[n][:2] == (period, on), n


@pytest.mark.parametrize("row", sorted(CASES))
def test_due_next_month_row(tmp_path, row):
    period, on, due = CASES[row]
    said = readme_rows()[row][2]
    lst = write_rule_list(tmp_path / "清单.xlsx", TASKS, UNITS)
    r = CliRunner().invoke(cli, ["split", str(lst), "--period", period, "--out", str(tmp_path / "下发")])
    assert r.exit_code == 0, r.output
    issued = {p.stem.split("_")[1]: p for p in (tmp_path / "下发").glob("*.xlsx")}
    inbox = tmp_path / "收到"
    inbox.mkdir()
    start = D(int(period[:4]), int(period[5:]), 20)
    for unit, rows in REPORTS.items():
        fill_return(issued[unit], inbox / f"{unit}.xlsx", unit, values=state_values(rows), report_date=start,
                    mtime=None)
    r = CliRunner().invoke(cli, ["docs", str(lst), str(inbox), "--period", period, "--date", on.isoformat(),
                                 "--kind", "bulletin", "--no-history", "--out", str(tmp_path / "文书")])
    assert r.exit_code in (0, 1), r.output + str(r.exception)
    [path] = (tmp_path / "文书").rglob("*通报*.docx")
    doc = Document(path)
    heads = [p.text for p in doc.paragraphs if re.search(r"下月（.+）到期任务$", p.text)]
    assert len(heads) == 1 and heads[0].endswith(f"下月（{said}）到期任务"), heads
    tables = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["序号", "任务内容", "牵头单位", "完成时限"]]
    listed = [r.cells[0].text for t in tables for r in t.rows[1:]]
    assert listed == due, (row, listed)
    if not due:
        assert any(p.text == f"{said}无到期任务。" for p in doc.paragraphs)
    if row == 2:     # a task past its deadline at the report date is in the overdue table, not repeated here
        text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
        assert "完成管网清淤" in text
