"""A month of monitoring data for three sections with known exceedances (July 2021, seed 002's
flood-season campaign), written the three ways data arrive:

* 阳明堡 (国考, 河流, target Ⅲ): the automatic station's export, 4-hourly, text times, the
  publication's columns (水质类别, 叶绿素α, 藻密度, 站点情况), ``--``, ``*``, ``<0.01``, 维护;
* 峨口 (省考, 河流, target Ⅲ): a hand-kept daily sheet, June and July, section named in the
  sheet name and title, one day left empty (仪器故障);
* 上馆水库 (市考, 湖库, target Ⅱ): weekly lab results, one row per sample and parameter,
  a CSV saved by Chinese Excel (GBK), a value in μg/L, a value written ``0.025L``.

``READINGS`` lists every value as written, with its section, time, parameter, unit, kind
and whether the station said it was valid; the oracle (water_oracle.py) works from that
list alone.  The expected facts a person can check by hand are in EXPECTED.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl

PERIOD = dt.date(2021, 7, 1)
A, B, C = "阳明堡", "峨口", "上馆水库"
SECTIONS = [
    # name, river, level, water, target, towns, departments
    (A, "滹沱河", "国考", "河流", "Ⅲ类", "阳明堡镇", "市生态环境局代县分局、县住建局、县水利局"),
    (B, "峨河", "省考", "河流", "III", "峨口镇", "县农业农村局"),
    (C, "上馆水库", "市考", "湖库", "Ⅱ类", "上馆镇", "县水利局"),
]
SETTINGS = [("方案名称", "代县保汛期水质稳定专项行动实施方案"),
            ("文件标题", "代县人民政府办公室关于印发代县保汛期水质稳定专项行动实施方案的通知"),
            ("文号", "代政办函〔2021〕31号"), ("发文单位", "代县保汛期水质稳定专项行动领导组办公室"),
            ("联系人", "安晓红"), ("联系电话", "13593229533"), ("电子邮箱", "dxwrkz@163.com"),
            ("督办文号前缀", "代水督"), ("抄送", "县人民政府办公室")]


@dataclass
class Reading:
    section: str
    time: dt.datetime          # midnight for daily and lab values
    param: str                 # key in the oracle's table
    raw: object                # as written in the file
    unit: str = "mg/L"
    kind: str = "auto"         # auto | daily | lab
    valid: bool = True         # False: the station marked the row (维护)


READINGS: list[Reading] = []
EXPECTED = {
    "runs": {A: [("2021-07-05", "2021-07-07"), ("2021-07-18", "2021-07-20")],
             B: [("2021-06-01", "2021-07-27"), ("2021-07-29", "2021-07-31")], C: []},
    "month_class": {A: 3, B: 6, C: 2},
    "exceeding_days": {A: [5, 6, 7, 12, 13, 18, 19, 20, 24, 26, 27],
                       B: [d for d in range(1, 32) if d != 28], C: [13]},
}

# --- 阳明堡: automatic station ----------------------------------------------------------
AUTO_BASE = {"ph": 7.8, "do": 7.0, "codmn": 3.0, "nh3n": 0.40, "tp": 0.10}
AUTO_STEP = {"ph": 0.05, "do": 0.1, "codmn": 0.2, "nh3n": 0.02, "tp": 0.01}
OFFSETS = [-2, -1, 0, 0, 1, 2]          # six readings whose mean is the day's level
AUTO_EPISODES = {5: {"nh3n": 1.30}, 6: {"nh3n": 1.30}, 7: {"nh3n": 1.30}, 12: {"tp": 0.25}, 13: {"tp": 0.25},
                 18: {"nh3n": 1.60}, 19: {"tp": 0.45}, 20: {"do": 4.00}, 24: {"nh3n": 1.20}, 25: {"nh3n": 1.20},
                 26: {"nh3n": 1.20}, 27: {"nh3n": 1.20}}
AUTO_COLUMNS = [("temp", "水温(℃)"), ("ph", "pH(无量纲)"), ("do", "溶解氧(mg/L)"), ("cond", "电导率(μS/cm)"),
                ("turb", "浊度(NTU)"), ("codmn", "高锰酸盐指数(mg/L)"), ("nh3n", "氨氮(mg/L)"), ("tp", "总磷(mg/L)"),
                ("tn", "总氮(mg/L)"), ("chla", "叶绿素α(mg/L)"), ("algae", "藻密度(cells/L)")]


def _auto_rows():
    rows = []
    for day in range(1, 32):
        levels = {**AUTO_BASE, **AUTO_EPISODES.get(day, {})}
        for i, hour in enumerate(range(0, 24, 4)):
            t = dt.datetime(2021, 7, day, hour)
            status = "维护" if day == 25 and i >= 3 else "正常"       # 25th: three valid readings only
            values = {"temp": round(24 + i * 0.3, 1), "cond": 420.0, "turb": 18.0, "chla": "--", "algae": "--",
                      "tn": round(1.9 + OFFSETS[i] * 0.05, 2)}
            for k, level in levels.items():
                values[k] = round(level + OFFSETS[i] * AUTO_STEP[k], 3)
            if day == 9:
                values["tp"] = "<0.01" if i < 2 else 0.02            # mean (2 × 0.005 + 4 × 0.02) / 6 = 0.015
            if day == 15 and i == 0:
                values["codmn"] = "--"                               # 5 valid readings: still a daily mean
            if day == 16 and i < 3:
                values["codmn"] = "*" if i < 2 else "--"             # 3 valid: no daily mean for CODMn
            rows.append((t, status, values))
    return rows


def write_auto(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实时数据"
    ws.append(["国家地表水水质自动监测实时数据发布系统 数据导出"])
    ws.append([])
    ws.append(["省份", "流域", "断面名称", "监测时间", "水质类别"] + [h for _, h in AUTO_COLUMNS] + ["站点情况"])
    for t, status, values in _auto_rows():
        ws.append(["山西省", "海河流域", A, t.strftime("%Y-%m-%d %H:%M"), "Ⅲ" if status == "正常" else "--"]
                  + [values[k] if status == "正常" else "--" for k, _ in AUTO_COLUMNS] + [status])
        for k, _ in AUTO_COLUMNS:
            if k in ("chla", "algae"):
                continue
            READINGS.append(Reading(A, t, k, values[k], kind="auto", valid=status == "正常"))
    path = folder / "自动监测数据_2021年7月.xlsx"
    wb.save(path)
    return path


# --- 峨口: hand-kept daily sheet -------------------------------------------------------------
DAILY = {"ph": 7.6, "do": 6.5, "codmn": 4.5, "tp": 0.15}


def _b_nh3n(d: dt.date):
    if d.month == 6:
        return 1.30
    if d.day == 28:
        return None
    return 2.50 if d.day <= 20 else 1.40


def write_daily(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = B
    ws.append(["峨口断面水质日报（2021年6—7月）"])
    ws.append(["日期", "pH", "溶解氧(mg/L)", "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "备注"])
    d = dt.date(2021, 6, 1)
    while d <= dt.date(2021, 7, 31):
        nh = _b_nh3n(d)
        if nh is None:
            ws.append([d, None, None, None, None, None, "仪器故障"])
        else:
            ws.append([d, DAILY["ph"], DAILY["do"], DAILY["codmn"], nh, DAILY["tp"], None])
            for k, v in (("ph", DAILY["ph"]), ("do", DAILY["do"]), ("codmn", DAILY["codmn"]), ("nh3n", nh),
                         ("tp", DAILY["tp"])):
                READINGS.append(Reading(B, dt.datetime.combine(d, dt.time()), k, v, kind="daily"))
        ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd"
        d += dt.timedelta(days=1)
    path = folder / "峨口断面水质日报.xlsx"
    wb.save(path)
    return path


# --- 上馆水库: lab results -------------------------------------------------------------------
LAB = {6: {"ph": 8.1, "do": 8.2, "codmn": 3.2, "nh3n": 0.30, "tp": 0.020, "tn": 1.20},
       13: {"ph": 8.1, "do": 8.2, "codmn": 3.2, "nh3n": 0.30, "tp": 0.030, "tn": 1.20},
       20: {"ph": 8.1, "do": 8.2, "codmn": 3.2, "nh3n": 0.30, "tp": 0.020, "tn": 1.20},
       27: {"ph": 8.1, "do": 8.2, "codmn": 3.2, "nh3n": "0.025L", "tp": 20, "tn": 1.20}}
LAB_NAMES = {"ph": ("pH值", "无量纲"), "do": ("溶解氧", "mg/L"), "codmn": ("高锰酸盐指数", "mg/L"), "nh3n": ("氨氮", "mg/L"),
             "tp": ("总磷", "mg/L"), "tn": ("总氮", "mg/L")}


def write_lab(folder: Path) -> Path:
    path = folder / "上馆水库化验结果.csv"
    with open(path, "w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["样品编号", "断面名称", "采样日期", "监测项目", "监测结果", "单位"])
        n = 0
        for day, values in LAB.items():
            for k, v in values.items():
                n += 1
                name, unit = LAB_NAMES[k]
                if day == 27 and k == "tp":
                    unit = "μg/L"
                w.writerow([f"DX2107-{n:03d}", C, f"2021/7/{day}", name, v, unit])
                READINGS.append(Reading(C, dt.datetime(2021, 7, day), k, v, unit=unit, kind="lab"))
    return path


def write_sections(folder: Path, sections=None, settings=None, name: str = "代县断面清单.xlsx") -> Path:
    """The 断面清单 with its 设置 sheet, as a clerk types it (this month's sections unless others are given)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "断面"
    ws.append(["序号", "断面名称", "所在河流（湖库）", "断面级别", "水体类型", "水质目标", "责任乡镇", "责任部门"])
    for i, row in enumerate(SECTIONS if sections is None else sections, 1):
        ws.append([i, *row])
    st = wb.create_sheet("设置")
    st.append(["项目", "值"])
    for k, v in (SETTINGS if settings is None else settings):
        st.append([k, v])
    path = folder / name
    wb.save(path)
    return path


def make_month(folder: Path) -> tuple[Path, Path]:
    """Write the sections workbook and the data folder; return (sections, data folder)."""
    READINGS.clear()
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "监测数据"
    data.mkdir(exist_ok=True)
    write_auto(data)
    write_daily(data)
    write_lab(data)
    return write_sections(folder), data
