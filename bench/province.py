"""A province-scale month, generated: 1,000 tasks, 300 units, one filled return each (× scale).

The list, the directory and the returns are made the way the real ones are
(the same split, filled by script with text of realistic length), so the
benchmark measures the real collect on real-shaped files.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl

from zhishui import returnsheet as rs
from zhishui.split import split_returns
from zhishui.tasks import load_list

PERIOD = dt.date(2021, 6, 1)
DUE = dt.date(2021, 6, 25)
DEPARTMENTS = ["生态环境厅", "住房和城乡建设厅", "水利厅", "农业农村厅", "自然资源厅", "发展和改革委员会", "财政厅",
               "工业和信息化厅", "交通运输厅", "卫生健康委员会", "市场监督管理局", "林业和草原局", "公安厅", "应急管理厅",
               "商务厅", "文化和旅游厅", "教育厅", "科学技术厅", "人力资源和社会保障厅", "审计厅", "统计局", "气象局",
               "地方金融监督管理局", "国有资产监督管理委员会", "司法厅", "民政厅", "河长制办公室", "机关事务管理局",
               "广播电视局", "体育局"]
SYLLABLES = "安平东川南江西山北河新城永宁长乐清泉兴华金石阳青龙凤桥松林云溪白沙红星明月丰泰高岭"
TASK_VERBS = ["加快推进", "全面完成", "持续开展", "组织实施", "建立健全", "深入推进", "严格落实", "统筹推进"]
TASK_OBJECTS = ["城镇污水处理厂提标改造", "雨污分流管网建设", "黑臭水体整治", "入河排污口排查整治", "工业园区污水集中处理设施建设",
                "畜禽养殖污染治理", "农村生活污水治理", "饮用水水源地规范化建设", "河湖岸线清理整治", "船舶港口污染防治",
                "污泥无害化处理处置", "水产养殖尾水治理", "重点行业清洁化改造", "再生水利用设施建设", "排水管网排查修复"]
DEADLINES = ["2021年6月底", "2021年9月底", "2021年12月底", "2021年12月底完成,并长期坚持", "长期坚持", "2022年6月底",
             "每半年", "2021年6月30日前", "2021年第三季度", "今年12月底"]
PHRASES = ["已完成现场排查{n}处，建立问题清单和整改台账", "召开专题推进会{n}次，研究解决资金和用地问题",
           "完成项目立项和可研批复，正在开展施工图设计", "累计完成投资{n}00万元，占计划的{p}%",
           "组织开展联合执法检查{n}次，查处违法行为{m}起", "已完成管网建设{n}公里，正在进行闭水试验",
           "完成整改问题{m}个，剩余问题正在按计划推进", "建立长效管护机制，落实运维经费和管护人员"]


def county_names(n: int, rnd: random.Random) -> list[str]:
    names: list[str] = []
    suffix = ["县", "县", "市", "区"]
    while len(names) < n:
        name = rnd.choice(SYLLABLES) + rnd.choice(SYLLABLES) + rnd.choice(suffix)
        if name not in names and name[0] != name[1]:
            names.append(name)
    return names


def paragraph(rnd: random.Random, k: int) -> str:
    return "；".join(rnd.choice(PHRASES).format(n=rnd.randint(2, 40), m=rnd.randint(1, 20), p=rnd.randint(20, 95))
                     for _ in range(k)) + "。"


def make(root: Path, tasks: int = 1000, units: int = 300, seed: int = 7) -> tuple[Path, Path]:
    """Write list.xlsx and returns/ under root; return their paths."""
    rnd = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    depts = ["省" + d for d in DEPARTMENTS]
    counties = [c + "人民政府" for c in county_names(units - len(depts), rnd)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "责任清单"
    ws.append(["附件"])
    ws.append(["全省水污染防治攻坚行动重点任务责任清单"])
    ws.append(["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位"])
    categories = [f"{n}、{o}" for n, o in zip("一二三四五六七八九十", TASK_OBJECTS)]
    for i in range(1, tasks + 1):
        content = f"{rnd.choice(TASK_VERBS)}{rnd.choice(TASK_OBJECTS)}，" + paragraph(rnd, rnd.randint(2, 4))
        ws.append([i, categories[(i - 1) * len(categories) // tasks], content, rnd.choice(DEADLINES),
                   rnd.choice(depts), "、".join(rnd.sample(counties, rnd.randint(1, 4))),
                   "、".join(rnd.sample(depts, rnd.randint(0, 2)))])
    d = wb.create_sheet("单位名录")
    d.append(["单位名称", "简称/别名", "类型"])
    for u in depts:
        d.append([u, "", "部门"])
    for u in counties:
        d.append([u, u.replace("人民政府", "政府"), {"县": "县", "市": "县级市", "区": "区"}[u[-5]]])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    s.append(["成文日期", dt.datetime(2021, 3, 1)])
    s.append(["方案名称", "全省水污染防治攻坚行动"])
    lst = root / "list.xlsx"
    wb.save(lst)

    tl = load_list(lst)
    out = root / "returns"
    files = split_returns(tl, PERIOD, out, due=DUE, generated=dt.datetime(2021, 6, 1, 9))
    col = {f: i + 1 for i, (f, _) in enumerate(rs.COLUMNS)}
    for f in files:
        wb = openpyxl.load_workbook(f.path)
        ws = wb[rs.SHEET]
        r = rs.FIRST_TASK_ROW
        while ws.cell(r, col["key"]).value:
            state = rnd.choice(rs.STATES)
            ws.cell(r, col["state"], state)
            ws.cell(r, col["percent"], 1.0 if state == "已完成" else rnd.choice([0.2, 0.4, 0.6, 0.8]))
            ws.cell(r, col["progress"], paragraph(rnd, rnd.randint(2, 5)))
            ws.cell(r, col["problems"], rnd.choice(["", "资金缺口较大，需争取上级支持。", "征地拆迁进度滞后。"]))
            ws.cell(r, col["next_steps"], "加快推进，确保按期完成。")
            if state == "已完成":
                ws.cell(r, col["evidence"], "验收报告、现场照片")
            r += 1
        wb.save(f.path)
    return lst, out
