"""The plan of session 19's new-user trial: 岳阳市《南湖流域截污与养殖污染整治工程任务表》(2013), the table of
tests/data/plans/corpus/h501_yueyang_nanhu2013.txt, as the clerk received it (a Word table, made with python-docx as
the trial made it) and as the clerk's list after the README's fixes (a workbook, written with openpyxl as Excel
keeps it: 任务清单, 设置, 单位名录 with 岳阳楼区政府 standing for 属地区政府 and 属地区级政府)."""
from __future__ import annotations

from pathlib import Path

import openpyxl

CAT1 = "完善环南湖截污管网与污水处理厂规划、建设与管理"
CAT2 = "全流域畜禽、水产养殖业污染整治"
# 序号, 工程类别, 工程名称, 工程目的, 牵头单位, 协助单位, 时间安排, 投资估算（万元）
ROWS = [
    ("1", CAT1, "完善管网规划", "雨污分流全面截污", "市规划局", "市住建局\n市环保局\n市城管局", "2013年底完成", "50"),
    ("2", CAT1, "环湖新建区分流制管网建设", "雨污分流同步截污", "市住建局", "属地区级政府", "即时开始长期坚持", "10000"),
    ("3", CAT1, "环湖无网区补建分流制管网", "雨污分流全面截污", "市住建局", "属地区级政府", "2013年开始2年内完成", "5000"),
    ("4", CAT1, "环湖合流制管网提质改造", "雨污分流全面截污", "市住建局", "属地区级政府", "2014年开始4年内完成", "20000"),
    ("5", CAT1, "湖滨污水处理厂建设", "处理污水排洞庭湖", "南湖风景区", "市住建局", "2014年投入运营", "15000"),
    ("6", CAT1, "罗家坡、黄梅港污水处理厂污水排放口改址", "削减南湖纳污量", "市住建局", "属地区级政府", "2015年前完成", "15000"),
    ("7", CAT1, "管网、泵站与污水处理厂管理", "确保常年正常运行", "市城管局", "市住建局\n市环保局", "即时开始长期坚持", "4000"),
    ("8", CAT2, "草拟划定牲猪禁养区、限养区文件报市政府审议印发", "按规定实行禁养、限养", "市环保局", "市畜牧水产局", "2013年完成", "--"),
    ("9", CAT2, "牲猪禁养区内禁止、限养区内限制牲猪养殖", "削减流域排污量", "属地区政府", "市畜牧水产局\n市环保局", "即时开始长期坚持", "2000"),
    ("10", CAT2, "取缔污水直排南湖的牲猪养殖场户", "削减流域排污量", "属地区政府", "市畜牧水产局\n市环保局", "2014年完成", "4000"),
    ("11", CAT2, "整治超标排污畜禽养殖场户", "削减流域排污量", "属地区政府", "市畜牧水产局\n市环保局", "2014年完成", "6000"),
]
UNITS = ["市规划局", "市住建局", "市环保局", "市城管局", "南湖风景区", "市畜牧水产局"]
LOCAL = "岳阳楼区政府"          # the trial's clerk: 属地区政府 here is this district
SETTINGS = [("发文机关", "岳阳市人民政府办公室"), ("文件标题", "南湖流域截污与养殖污染整治工程任务表"),
            ("成文日期", "2013年5月20日"), ("方案名称", "南湖流域截污与养殖污染整治工程实施方案"),
            ("汇总单位", "市南湖治理办"), ("联系人", "李明"), ("联系电话", "0730-8888123"),
            # (as the trial's clerk gave it: 重点任务 and 具体举措 both read as task text)
            ("列对应", "序号=A,类别=B,内容=C,时限=D,牵头=E,责任=F,配合=G")]


def write_docx(path: Path) -> Path:
    """The plan's table as a Word document: a two-row header (工程类别与名称 and 责任单位 merged over two
    columns each), the category merged down its rows, one unit per line in 协助单位 (the trial's file)."""
    import docx
    from docx.shared import Pt
    d = docx.Document()
    d.add_paragraph("附件")
    title = d.add_paragraph("南湖流域截污与养殖污染整治工程任务表")
    title.runs[0].font.size = Pt(18)
    t = d.add_table(rows=2, cols=8)
    t.style = "Table Grid"
    h, h2 = t.rows[0].cells, t.rows[1].cells
    for k, s in enumerate(["序号", "工程类别与名称", "", "工程目的", "责任单位", "", "时间安排", "投资估算（万元）"]):
        h[k].text = s
    h2[4].text, h2[5].text = "牵头单位", "协助单位"
    h[4].merge(h[5])
    for k in (0, 3, 6, 7):
        h[k].merge(h2[k])
    h[1].merge(h2[2])
    for seq, cat, name, aim, lead, co, when, money in ROWS:
        r = t.add_row().cells
        r[0].text, r[1].text, r[2].text, r[3].text, r[4].text = seq, cat if seq in ("1", "8") else "", name, aim, lead
        lines = co.split("\n")
        r[5].text = lines[0]
        for x in lines[1:]:
            r[5].add_paragraph(x)
        r[6].text, r[7].text = when, money
    t.cell(2, 1).merge(t.cell(8, 1))
    t.cell(9, 1).merge(t.cell(12, 1))
    d.save(path)
    return path


def write_list(path: Path, *, directory: list[tuple] | None = None, settings: list[tuple] = ()) -> Path:
    """The clerk's list: ``directory`` rows (单位名称, 简称/别名, 类型, 分组), by default the six named units and
    岳阳楼区政府 for 属地区政府/属地区级政府; ``settings`` added to the 设置 sheet (项目, 值)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"])
    for seq, cat, name, _aim, lead, co, when, _money in ROWS:
        ws.append([seq, cat, name, when, lead, None, co.replace("\n", "、")])
    st = wb.create_sheet("设置")
    st.append(["项目", "值"])
    for row in list(SETTINGS) + list(settings):
        st.append(list(row))
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "简称/别名", "类型", "分组", "联系人", "联系电话"])
    rows = directory if directory is not None else \
        [(u, "", "部门", "") for u in UNITS] + [(LOCAL, "属地区政府、属地区级政府", "区", "")]
    for i, row in enumerate(rows):
        d.append(list(row) + ["联系人", f"0730-800100{i}"])
    wb.save(path)
    return path
