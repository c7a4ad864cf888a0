"""What a unit typed under 下步打算 is in the 汇总 workbook and in its 督办通知, verbatim (session 20's browser trial).

The trial's 市住建局 wrote 「{{x}} 加快剩余4个乡镇施工」 under 下步打算: it was only in the JSON and the database; the
汇总 named its cell in 来源 (「下步打算J5」) and 原始数据 lists unadopted values only, though README says adopted content
is 「已经带出处列在「汇总」里」. The 督办通知's 本期报送情况 also cut 进展情况 at 60 characters. README (「3. 汇总交回的文件」,
「4. 文书」): the 汇总's report columns give every column the unit filled, 下步打算 included; the 督办通知 quotes the
unit's 进展情况 and 下步打算 whole; the unit's own words keep their {{ }}, <, & and = .

Real files: the list written with openpyxl, split by zhishui, each return filled as a unit fills it in Excel, then
``zhishui collect`` and ``zhishui docs``; the workbook read with openpyxl, the letter with python-docx.
"""
from __future__ import annotations

import datetime as dt

import openpyxl
from click.testing import CliRunner
from docx import Document

from returns_factory import fill_return, write_rule_list
from zhishui.cli import cli
from zhishui.tables import SUMMARY_HEADERS

ZJ, ST = "市住建局", "市生态环境局"
TASKS = {"5": ("持续推进城乡生活污水治理，完成12个乡镇污水处理设施提标改造", "2026年12月31日", ZJ, "", ST),
         "6": ("持续推进城乡垃圾治理，建立沿河垃圾收运长效机制", "2027年6月底", "市综合行政执法局", "", "")}
# longer than 60 characters: the end was lost in the 督办通知
PROGRESS = ("<script>alert('住建')</script>完成8个乡镇污水处理设施提标改造，其中3个乡镇已通水试运行，"
            "剩余4个乡镇因征地协调未完成尚未开工，第12个乡镇设计变更待审批，末尾这句不能丢")
NEXT = "{{x}} 加快剩余4个乡镇施工 & 12月底前完成<3个>乡镇 =SUM(A1)"
VALUES = {ZJ: {"完成状态": "进度滞后", "完成比例": 0.3, "进展情况": PROGRESS, "存在问题": "征地协调 & <补偿> 未完成", "下步打算": NEXT},
          ST: {"完成状态": "序时推进", "完成比例": 0.5, "进展情况": "配合开展出水水质监测", "下步打算": "{% raw %}每月监测一次"}}


def run(*args):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code in (0, 1), r.output + str(r.exception)
    return r.output


def test_next_steps_are_in_the_summary_and_the_letter_verbatim(tmp_path):
    lst = write_rule_list(tmp_path / "清单.xlsx", TASKS, [ZJ, ST, "市综合行政执法局"],
                          settings=[("方案名称", "某市2026年河湖长制重点任务"), ("汇总单位", "市河长办")])
    run("split", lst, "--period", "2026-11", "--out", tmp_path / "下发")
    issued = {p.stem.split("_")[1]: p for p in (tmp_path / "下发").glob("*.xlsx")}
    inbox = tmp_path / "收到"
    inbox.mkdir()
    for unit, vals in VALUES.items():
        fill_return(issued[unit], inbox / f"{unit}.xlsx", unit, report_date=dt.date(2026, 11, 20), mtime=None,
                    values=lambda i, seq, u, v=vals: v if seq == "5" else {})
    common = [lst, inbox, "--period", "2026-11", "--date", "2026-11-30"]
    run("collect", *common, "--out", tmp_path / "汇总结果.xlsx")
    run("docs", *common, "--kind", "supervise", "--out", tmp_path / "文书")
    # the 汇总: each unit's 下步打算 beside its 进展, verbatim, in the lead's and the others' columns
    ws = openpyxl.load_workbook(tmp_path / "汇总结果.xlsx")["汇总"]
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if str(r[0]) == "5")
    lead = row[SUMMARY_HEADERS.index("牵头（负责）单位报送")]
    others = row[SUMMARY_HEADERS.index("其他单位报送")]
    assert head == SUMMARY_HEADERS
    assert f"进展：{PROGRESS}" in lead and f"下步打算：{NEXT}" in lead and "问题：征地协调 & <补偿> 未完成" in lead, lead
    assert "下步打算：{% raw %}每月监测一次" in others, others
    # the 督办通知 to 市住建局 (进度滞后): 本期报送情况 quotes its 进展 whole and its 下步打算
    [letter] = (tmp_path / "文书").rglob(f"*{ZJ}*.docx")
    doc = Document(letter)
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][-1] == "本期报送情况")
    said = table.rows[1].cells[-1].text
    assert said.startswith("已报送：进度滞后，完成30%。"), said
    assert PROGRESS in said and "末尾这句不能丢" in said
    assert said.endswith(f"下步打算：{NEXT}"), said
