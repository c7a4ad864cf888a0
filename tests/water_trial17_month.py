"""April–July 2026 at five sections, the shape of the session-22 new-user trial (trial 17), written the
way the county receives the data (openpyxl, as Excel writes them; the lab's July results as a GBK CSV):

* 桥头 and 河口村: the automatic stations' export, 4-hourly, a 站点情况 column.  The 断面清单 calls the
  first 「清溪河桥头」 and, unless ``alias``, does not list 「桥头」 among its other names.  桥头 exceeds
  (氨氮) on 10–11 April and on 14–18 May; it is 「设备维护」 from 8 to 14 June;
* 沙河汇入口: the town's hand-typed daily report (title, units row, 总磷 in μg/L), over its Ⅳ target
  (氨氮) every day; 10 May is 「未测（采样人员外出）」; a signature line under the data;
* 龙潭水库: the lab's weekly results (one row per sample and item); 总磷 on 12 May typed as 24 (μg/L in
  an mg/L row); 总磷 0.031 on 19 May, over its Ⅱ target.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

Y = 2026
D = dt.date
START = D(Y, 4, 1)
HOURS = [0, 4, 8, 12, 16, 20]
REL = [-0.04, 0.02, 0.06, -0.02, 0.0, -0.02]     # sums to 0: a day's mean is the day's base
QT, HK, SH, LT, YT = "清溪河桥头", "清溪河河口", "沙河汇入口", "龙潭水库", "清溪河源头"
MAINTENANCE = (D(Y, 6, 8), D(Y, 6, 14))
NOT_SAMPLED = D(Y, 5, 10)
NOT_SAMPLED_NOTE = "未测（采样人员外出）"
TP_IN_UG = D(Y, 5, 12)
LAKE_OVER = D(Y, 5, 19)                          # 总磷 0.031: over the lake's Ⅱ target (0.025)
SIGNATURE = ("填报人：沙河镇环保站 李强", "审核：王刚")
SETTINGS = [("发文单位", "云溪县保汛期水质稳定专项行动领导组办公室"), ("方案名称", "云溪县保汛期水质稳定专项行动实施方案"),
            ("文号", "云政办函〔2026〕18号"), ("联系人", "周敏"), ("联系电话", "0351-5521234"),
            ("预警文号前缀", "云水预"), ("督办文号前缀", "云水督"), ("预警起始编号", 1), ("督办起始编号", 1)]


def write_sections(path: Path, alias: bool = True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "断面"
    ws.append(["序号", "断面名称", "所在河流（湖库）", "断面级别", "水体类型", "水质目标", "责任乡镇", "责任部门",
               "评价指标", "数据中的其他名称"])
    ws.append([1, QT, "清溪河", "国考", "河流", "Ⅲ类", "桥头镇", "县住建局、市生态环境局云溪分局", "", "桥头" if alias else ""])
    ws.append([2, HK, "清溪河", "国考", "河流", "Ⅳ类", "河口镇、城关镇", "县农业农村局、县水利局", "", "河口村"])
    ws.append([3, SH, "沙河", "省考", "河流", "IV", "沙河镇", "县农业农村局、市生态环境局云溪分局", "", ""])
    ws.append([4, LT, "龙潭水库", "省考", "湖库", "2类", "龙潭乡", "县水利局", "", ""])
    ws.append([5, YT, "清溪河", "省考", "河流", "Ⅱ类", "石门乡", "市生态环境局云溪分局", "", "源头村"])
    s = wb.create_sheet("设置")
    s.append(["项目", "值"])
    for k, v in SETTINGS:
        s.append([k, v])
    wb.save(path)
    return path


def auto_base(st: str, d: dt.date) -> dict:
    if st == "桥头":
        b = dict(ph=7.82, do=7.40, mn=4.5, nh3=0.45, tp=0.120, tn=2.60)
        if d in (D(Y, 4, 10), D(Y, 4, 11)) or D(Y, 5, 14) <= d <= D(Y, 5, 18):
            b["nh3"] = 1.30
        return b
    return dict(ph=7.95, do=6.50, mn=6.5, nh3=0.90, tp=0.20, tn=3.10)


DIG = dict(ph=2, do=2, mn=1, nh3=3, tp=3, tn=2)
AUTO_HEAD = ["省份", "流域", "断面名称", "监测时间", "水质类别", "pH(无量纲)", "溶解氧(mg/L)", "高锰酸盐指数(mg/L)",
             "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "站点情况"]


def days(first: dt.date, last: dt.date):
    d = first
    while d <= last:
        yield d
        d += dt.timedelta(days=1)


def write_auto(folder: Path, month: int, last: dt.date) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实时数据"
    ws.append(AUTO_HEAD)
    for st in ("桥头", "河口村"):
        for d in days(D(Y, month, 1), last):
            b = auto_base(st, d)
            down = st == "桥头" and MAINTENANCE[0] <= d <= MAINTENANCE[1]
            for i, h in enumerate(HOURS):
                t = dt.datetime(d.year, d.month, d.day, h)
                if down:
                    ws.append(["云溪省", "清溪河流域", st, t.strftime("%Y-%m-%d %H:%M"), "--"] + ["维护"] * len(DIG) + ["设备维护"])
                    continue
                vals = [round(v + REL[i] * 2, 2) if k == "ph" else round(v * (1 + REL[(i + len(k)) % 6]), DIG[k])
                        for k, v in b.items()]
                ws.append(["云溪省", "清溪河流域", st, t.strftime("%Y-%m-%d %H:%M"), "Ⅲ"] + vals + ["正常"])
    wb.save(folder / f"自动站实时数据导出_{Y}{month:02d}.xlsx")


def write_sand(folder: Path, month: int, last: dt.date) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = f"沙河入口{month}月"
    ws.append([f"沙河镇沙河汇入口断面水质日报（{Y}年{month}月）"])
    ws.merge_cells("A1:H1")
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["日期", "pH", "溶解氧", "高锰酸盐指数", "化学需氧量", "氨氮", "总磷", "备注"])
    ws.append(["", "无量纲", "mg/L", "mg/L", "mg/L", "mg/L", "μg/L", ""])
    for d in days(D(Y, month, 1), last):
        n = (d - START).days
        if d == NOT_SAMPLED:
            ws.append([d, "", "", "", "", "", "", NOT_SAMPLED_NOTE])
        else:
            ws.append([d, 7.6 + (n % 3) * 0.1, 5.2 + (n % 4) * 0.2, 7.8, 26, [2.31, 2.45, 2.52, 2.28][n % 4], 260, ""])
        ws.cell(ws.max_row, 1).number_format = "m月d日"
    ws.append([SIGNATURE[0], "", "", SIGNATURE[1]])
    wb.save(folder / f"沙河镇水质日报{month}月.xlsx")


LAB_ITEMS = [("pH", "无量纲", "7.9"), ("溶解氧", "mg/L", "7.8"), ("高锰酸盐指数", "mg/L", "3.2"), ("氨氮", "mg/L", "0.10"),
             ("总磷", "mg/L", "0.024")]


def write_lab(folder: Path, month: int, last: dt.date) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "检测结果"
    ws.append(["样品编号", "采样点位", "采样日期", "检测项目", "检测结果", "单位"])
    d = D(Y, 4, 7)                                   # every Tuesday
    while d <= last:
        if d.month == month:
            for item, unit, v in LAB_ITEMS:
                if item == "总磷" and d in (TP_IN_UG, LAKE_OVER):
                    v = "24" if d == TP_IN_UG else "0.031"
                ws.append([f"YX{d:%Y%m%d}-LT01", LT, d, item, v, unit])
                ws.cell(ws.max_row, 3).number_format = "yyyy-mm-dd"
        d += dt.timedelta(days=7)
    wb.save(folder / f"龙潭水库水质检测结果{Y}年{month}月.xlsx")


def make_data(folder: Path, last: dt.date) -> Path:
    """The data folder as it stands on the morning after ``last``: the month of ``last`` up to that day."""
    folder.mkdir(parents=True, exist_ok=True)
    write_auto(folder, last.month, last)
    write_sand(folder, last.month, last)
    write_lab(folder, last.month, last)
    return folder
