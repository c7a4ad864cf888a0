"""The session-19 trial's import, as a clerk reads it: the terminal and the 导入核对 sheet say what to look at and where,
not how the program arranged its output (「其中 12 行按原文位置重列「待核实」的说明」, 「命令行写出的清单放在最右边」)."""
from __future__ import annotations

import re

import openpyxl
from click.testing import CliRunner

from zhishui.cli import cli

ROWS = [["序号", "工作任务", "完成时限", "牵头单位", "投资估算（万元）"],
        ["1", "完成城区河道清淤", "2024年开始2年内完成", "县水利局", "1200"],
        ["2", "建成污水管网12公里", "2024年12月底", "县住建局", "3000"],
        ["3", "开展河道日常巡查", "长期坚持", "县水利局", "50"]]


def _plan(tmp_path):
    from docx import Document
    d = Document()
    d.add_paragraph("青溪县河道整治工程实施方案")
    d.add_paragraph("为推进河道整治，制定本方案。县治水办负责汇总各单位进展。")
    t = d.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    p = tmp_path / "方案.docx"
    d.save(p)
    return p


def test_the_import_says_where_to_look_in_the_clerks_words(tmp_path):
    out = tmp_path / "清单.xlsx"
    r = CliRunner().invoke(cli, ["import", str(_plan(tmp_path)), "--out", str(out)], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    assert "重列" not in r.output and "按原文位置" not in r.output
    m = re.search(r"需要核对 (\d+) 处：\n  「任务清单」表：「待核实」列（黄色）写了说明的 (\d+) 项任务\n"
                  r"  「导入核对」表：另外 (\d+) 处（表中以「序号…：」开头的 (\d+) 行是「待核实」列里的说明", r.output)
    assert m, r.output
    total, in_list, other, repeated = map(int, m.groups())
    wb = openpyxl.load_workbook(out)
    head = [c.value for c in wb["任务清单"][1]]
    notes = [row[head.index("待核实")] for row in wb["任务清单"].iter_rows(min_row=2, values_only=True)]
    review = list(wb["导入核对"].iter_rows(min_row=2, values_only=True))
    # what the terminal says is what the workbook holds
    assert in_list == sum(1 for n in notes if n) and total == in_list + other
    assert repeated == sum(1 for row in review if str(row[2]).startswith("序号")) and len(review) == other + repeated
    # the plan table's extra column: said where its words are (the list's last column, after 待核实) and what to do
    said = next(row[2] for row in review if row[1] == "投资估算（万元）")
    assert "命令行写出的" not in said and "一字不改地保留在「任务清单」表最右边（「待核实」列之后" in said, said
    assert "请移到清单相应的列" in said
    assert head[-1] == "投资估算（万元）" and head.index("待核实") < head.index("投资估算（万元）")
    col = head.index("投资估算（万元）")
    assert [row[col] for row in wb["任务清单"].iter_rows(min_row=2, max_row=4, values_only=True)] == ["1200", "3000", "50"]
    # 「下发时印在各单位的报送表上供参考」: the return sheet has it as a 参考 column
    r = CliRunner().invoke(cli, ["split", str(out), "--period", "2024-03", "--out", str(tmp_path / "下发")],
                           catch_exceptions=False)
    ws = openpyxl.load_workbook(next((tmp_path / "下发").glob("*县水利局*.xlsx")))["报送表"]
    assert "参考：投资估算（万元）" in [c.value for c in ws[4]]
