"""August 2021 at four sections, the shape of the session-18 new-user trial (its findings are
what tests/test_water_trial.py holds the engine to), written the way the systems write them:

* 大茹解 and 界河铺: the automatic stations' export (4-hourly, a 站点情况 column).  大茹解
  exceeds on 10–13 August with a different indicator each day (总磷, 氨氮, 高锰酸盐指数, 总磷);
  one of its rows is exported twice.  界河铺 exceeds on 16–17 and 19–20 August; on the 18th
  three of the six rows are 维护, and the three valid readings are all over the target;
* 峪口: the town's hand-kept daily sheet (title, a units row, one date typed as text 「8月9日」),
  氨氮 over target on the 5th;
* 聂营桥: the lab's result sheet (GBK CSV, one row per sample and item, 检出限 column,
  石油类 always 「0.01L」), one sample a week; 化学需氧量 34 on the 16th; one sample's date
  typed 2020 instead of 2021.

``READINGS`` is every value as written, for the oracle (tests/water_oracle.py).
"""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl

import water_factory
from water_factory import Reading

PERIOD = dt.date(2021, 8, 1)
DRJ, JHP, YK, NYQ = "大茹解", "界河铺", "峪口", "聂营桥"
SECTIONS = [
    # name, river, level, water, target, towns, departments
    (DRJ, "滹沱河", "国考", "河流", "Ⅲ类", "上馆镇、峨口镇", "县住建局、市生态环境局代县分局"),
    (JHP, "滹沱河", "国考", "河流", "III", "阳明堡镇", "县农业农村局、县水利局"),
    (YK, "峪河", "省考", "河流", "Ⅳ", "峪口乡", "县农业农村局"),
    (NYQ, "中解河", "市考", "河流", "Ⅳ类", "聂营镇", "县住建局"),
]
SETTINGS = [("方案名称", "代县保汛期水质稳定专项行动实施方案"), ("文号", "代政办函〔2021〕31号"),
            ("发文单位", "代县保汛期水质稳定专项行动领导组办公室"), ("联系人", "安晓红"), ("联系电话", "13593229533"),
            ("督办文号前缀", "代水督"), ("督办起始编号", 11), ("预警文号前缀", "代水预"),
            ("抄送", "县人民政府办公室，市生态环境局代县分局")]
READINGS: list[Reading] = []

BASE = {"ph": 7.8, "do": 6.5, "codmn": 4.2, "nh3n": 0.45, "tp": 0.12}
# six readings a day for the days that exceed (their means are checked by hand in the trial's notes)
EPISODES = {
    DRJ: {10: {"tp": [0.22, 0.24, 0.26, 0.25, 0.23, 0.24]}, 11: {"nh3n": [1.2, 1.3, 1.4, 1.3, 1.2, 1.1]},
          12: {"codmn": [7.0, 7.4, 7.8, 7.6, 7.2, 6.8]}, 13: {"tp": [0.31, 0.33, 0.35, 0.34, 0.32, 0.33]}},
    JHP: {16: {"nh3n": [1.2] * 6}, 17: {"nh3n": [1.3, 1.4, 1.35, 1.35, 1.3, 1.4]}, 18: {"nh3n": [1.3, 1.4, 1.5] * 2},
          19: {"nh3n": [1.2] * 6}, 20: {"nh3n": [1.1] * 6}},
}
MAINTENANCE = {(JHP, 18): {3, 4, 5}}          # rows of the day marked 维护 by the station
EXPORTED_TWICE = (DRJ, 25, 2)                  # the 08:00 row of 25 August, exported twice
AUTO_COLUMNS = [("temp", "水温(℃)"), ("ph", "pH(无量纲)"), ("do", "溶解氧(mg/L)"), ("codmn", "高锰酸盐指数(mg/L)"),
                ("nh3n", "氨氮(mg/L)"), ("tp", "总磷(mg/L)"), ("tn", "总氮(mg/L)")]


def write_auto(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实时数据"
    ws.append(["省份", "流域", "断面名称", "监测时间", "水质类别"] + [h for _, h in AUTO_COLUMNS] + ["站点情况"])
    for name in (DRJ, JHP):
        for day in range(1, 32):
            for i, hour in enumerate(range(0, 24, 4)):
                t = dt.datetime(2021, 8, day, hour)
                ok = i not in MAINTENANCE.get((name, day), ())
                values = {**BASE, "temp": 22.5, "tn": 3.5}
                for k, vals in EPISODES.get(name, {}).get(day, {}).items():
                    values[k] = vals[i]
                row = ["山西省", "海河流域", name, t.strftime("%Y-%m-%d %H:%M"), "Ⅲ" if ok else "--"] \
                    + [values[k] if ok else "--" for k, _ in AUTO_COLUMNS] + ["正常" if ok else "维护"]
                for _ in range(2 if (name, day, i) == EXPORTED_TWICE else 1):
                    ws.append(row)
                for k, _ in AUTO_COLUMNS:
                    READINGS.append(Reading(name, t, k, values[k], kind="auto", valid=ok))
    path = folder / "国家地表水水质自动监测实时数据_202108.xlsx"
    wb.save(path)
    return path


YK_ROWS_BEFORE_DATA = 3           # title, header, units
TEXT_DATE_DAY = 9                 # typed as 「8月9日」 (a text cell, no year)


def write_daily(folder: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "峪口断面8月"
    ws.append(["峪口断面水质日报（2021年8月）"])
    ws.append(["日期", "pH", "溶解氧", "高锰酸盐指数", "氨氮", "总磷"])
    ws.append(["", "无量纲", "mg/L", "mg/L", "mg/L", "mg/L"])
    for day in range(1, 32):
        nh = 1.82 if day == 5 else 1.2
        values = {"ph": 7.6, "do": 5.6, "codmn": 6.5, "nh3n": nh, "tp": 0.18}
        d = dt.date(2021, 8, day)
        ws.append([f"8月{day}日" if day == TEXT_DATE_DAY else d] + [values[k] for k in ("ph", "do", "codmn", "nh3n", "tp")])
        if day != TEXT_DATE_DAY:
            ws.cell(ws.max_row, 1).number_format = "yyyy/m/d"
        for k, v in values.items():
            READINGS.append(Reading(YK, dt.datetime.combine(d, dt.time()), k, v, kind="daily"))
    path = folder / "峪口乡水质日报8月.xlsx"
    wb.save(path)
    return path


LAB_DAYS = (2, 9, 16, 23, 30)
LAB_ITEMS = [("ph", "pH", "无量纲", ""), ("do", "溶解氧", "mg/L", ""), ("cod", "化学需氧量", "mg/L", "4"),
             ("nh3n", "氨氮", "mg/L", "0.025"), ("oil", "石油类", "mg/L", "0.01")]
TYPO_SAMPLE = ("2020-08-12", [("cod", "化学需氧量", "27", "mg/L", "4"), ("nh3n", "氨氮", "0.80", "mg/L", "0.025")])


def lab_value(key: str, day: int) -> str:
    return {"ph": "7.9", "do": "5.8", "cod": "34" if day == 16 else "24", "nh3n": "0.70", "oil": "0.01L"}[key]


def write_lab(folder: Path) -> Path:
    path = folder / "8月手工监测化验结果.csv"
    with open(path, "w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["样品编号", "断面名称", "采样日期", "采样时间", "监测项目", "监测结果", "单位", "检出限", "备注"])
        for n, day in enumerate(LAB_DAYS, 1):
            for key, name, unit, dl in LAB_ITEMS:
                v = lab_value(key, day)
                w.writerow([f"DX2108-{n:03d}", NYQ, f"2021-08-{day:02d}", "09:30", name, v, unit, dl, ""])
                READINGS.append(Reading(NYQ, dt.datetime(2021, 8, day), key, v, unit=unit, kind="lab"))
        date, items = TYPO_SAMPLE
        for key, name, v, unit, dl in items:
            w.writerow(["DX2108-009", NYQ, date, "09:30", name, v, unit, dl, ""])
    return path


def make_month(folder: Path) -> tuple[Path, Path]:
    """Write the sections workbook and the data folder; return (sections, data folder)."""
    READINGS.clear()
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "8月监测数据"
    data.mkdir(exist_ok=True)
    write_auto(data)
    write_daily(data)
    write_lab(data)
    return water_factory.write_sections(folder, SECTIONS, SETTINGS, "代县断面清单_8月.xlsx"), data
