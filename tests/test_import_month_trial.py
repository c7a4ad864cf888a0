"""A new clerk's month after `zhishui import` (trial 7): a plan written in Word the way county
offices write them (主办单位/协办单位/时间节点, a merged 工作任务 category, a group as co-unit,
an extra 责任科室 column), imported, then split and collected through the command line.

Truth is the plan text itself, written here; the importer and split run as the clerk runs them.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ZHISHUI = [sys.executable, "-m", "zhishui.cli"]

HEAD = ["序号", "工作任务", "具体内容", "时间节点", "主办单位", "协办单位", "责任科室"]
ROWS = [
    ("1", "城镇污水治理", "完成县城污水处理厂提标改造，出水达到一级A标准。", "2021年6月底前完成设计；2021年12月底前完工",
     "县住建局", "县生态环境分局、县发改局", "市政科"),
    ("2", "城镇污水治理", "同步实施老旧小区雨污分流改造。", "2021年9月底", "县住建局", "各街道办事处", "市政科"),
    ("3", "农业农村污染治理", "定期开展农村生活污水处理设施运行巡查。", "定期", "县农业农村局", "县生态环境分局", "农村科"),
]


def _run(*args, cwd=None):
    return subprocess.run([*ZHISHUI, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def _plan_docx(path: Path) -> Path:
    from docx import Document
    doc = Document()
    for line in ("青溪县人民政府办公室文件", "青政办发〔2021〕17号",
                 "青溪县人民政府办公室关于印发青溪县2021年水污染防治攻坚行动方案的通知",
                 "各乡镇人民政府、街道办事处，县政府各部门：",
                 "《青溪县2021年水污染防治攻坚行动方案》已经县政府同意，现印发给你们，请认真抓好落实。",
                 "青溪县人民政府办公室", "2021年1月18日", "青溪县2021年水污染防治攻坚行动方案",
                 "县治水办要发挥牵头抓总作用，每月通报各单位工作进展。", "附件：任务分解表"):
        doc.add_paragraph(line)
    t = doc.add_table(rows=1, cols=len(HEAD))
    t.style = "Table Grid"
    for i, h in enumerate(HEAD):
        t.rows[0].cells[i].text = h
    for r in ROWS:
        for i, v in enumerate(r):
            t.add_row() if i == 0 else None
            t.rows[-1].cells[i].text = v
    top = t.cell(1, 1)
    top.merge(t.cell(2, 1)).text = ROWS[0][1]     # 工作任务 merged over the first two tasks
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    d = tmp_path_factory.mktemp("trial")
    plan = _plan_docx(d / "攻坚行动方案.docx")
    r = _run("import", plan, "--out", d / "清单.xlsx")
    assert r.returncode == 0, r.stderr
    return d


def test_return_sheets_do_not_carry_the_importers_notes_for_the_clerk(imported):
    r = _run("split", imported / "清单.xlsx", "--period", "2021-03", "--out", imported / "下发")
    assert r.returncode == 0, r.stderr
    wb = openpyxl.load_workbook(imported / "下发" / "2021年3月_县农业农村局_进展情况报送表.xlsx")
    ws = wb["报送表"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    # the clerk's list has them (来源 = where in the plan, 待核实 = the importer's doubt about 定期) …
    lst = openpyxl.load_workbook(imported / "清单.xlsx")["任务清单"]
    heads = [c.value for c in lst[1]]
    assert "来源" in heads and "待核实" in heads
    doubt = lst.cell(4, heads.index("待核实") + 1).value
    assert doubt and "定期" in doubt
    # … the unit's return sheet does not
    assert not any(t in ("参考：来源", "参考：待核实") for t in texts)
    assert not any("请核实" in t and "定期" in t for t in texts)
    assert "定期开展农村生活污水处理设施运行巡查。" in texts


def test_split_collect_and_docs_say_which_groups_get_no_return(imported):
    r = _run("split", imported / "清单.xlsx", "--period", "2021-03", "--out", imported / "下发2")
    assert r.returncode == 0
    assert "各街道办事处" in r.stderr and "不给它下发报送表" in r.stderr
    assert "序号2" in r.stderr and "Traceback" not in r.stderr
    (imported / "收回").mkdir()
    r = _run("collect", imported / "清单.xlsx", imported / "收回", "--period", "2021-03", "--date", "2021-03-31",
             "--allow-empty", "--out", imported / "汇总.xlsx")
    assert r.returncode == 0, r.stderr
    assert "各街道办事处" in r.stderr and "不催报" in r.stderr
    r = _run("docs", imported / "清单.xlsx", imported / "收回", "--period", "2021-03", "--date", "2021-03-31",
             "--allow-empty", "--out", imported / "文书")
    assert r.returncode == 0, r.stderr
    assert "各街道办事处" in r.stderr and "不发文书" in r.stderr
