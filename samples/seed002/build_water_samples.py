"""Sample water-quality month for seed 002 (代县保汛期水质稳定专项行动, 2021): July 2021.

    python samples/seed002/build_water_samples.py [out_dir]

Writes, next to this script (or into out_dir):
* 代县断面清单.xlsx — the 断面 sheet (three sections, targets, responsible towns and
  departments) and a 设置 sheet with the plan, its number and the contacts of seed 002;
* 2021年7月监测数据/ — what arrives in a flood-season month: the automatic stations'
  export (June and July, 4-hourly), a hand-kept daily sheet for the 市考 section, and the
  monthly lab results for the items the stations do not measure;
* 代县督办台账.xlsx — the master workbook with that 断面 sheet and 设置, its 控制台 set to
  水质研判 for July with the data folder beside it.

Seed 002 names no sections: the names, rivers and numbers are made up for the demo
(代县's towns and departments are the seed's).  Rain on 11–13 July lifts 氨氮 and 总磷 at
the 国考 section for three days (a 督办 on the 13th); a storm on the 13th makes the other
station exceed for one day (a 预警); one value in the daily sheet was mistyped.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXED = dt.datetime(2021, 7, 1)

SECTIONS = [
    # 断面名称, 所在河流, 级别, 水体, 目标, 责任乡镇, 责任部门
    ("滹沱河阳明堡", "滹沱河", "国考", "河流", "Ⅲ类", "阳明堡镇、上馆镇",
     "市生态环境局代县分局、县住建局、县水利局"),
    ("滹沱河峨河口", "滹沱河", "省考", "河流", "Ⅲ类", "峨口镇、聂营镇", "市生态环境局代县分局、县农业农村局"),
    ("峪河入滹沱河口", "峪河", "市考", "河流", "Ⅳ类", "雁门关乡、上馆镇", "县住建局、县水利局"),
]
SETTINGS = [
    ("发文机关", "代县人民政府办公室"),
    ("文件标题", "代县人民政府办公室关于印发代县保汛期水质稳定专项行动实施方案的通知"),
    ("文号", "代政办函〔2021〕31号"), ("成文日期", dt.datetime(2021, 7, 7)),
    ("方案名称", "代县保汛期水质稳定专项行动实施方案"), ("地区", "山西省忻州市代县"),
    ("汇总单位", "代县保汛期水质稳定专项行动领导组办公室"), ("发文单位", "代县保汛期水质稳定专项行动领导组办公室"),
    ("联系人", "安晓红"), ("联系电话", "13593229533"), ("电子邮箱", "dxwrkz@163.com"),
    ("汛期开始", dt.datetime(2021, 6, 20)), ("汛期结束", dt.datetime(2021, 9, 30)),
    ("督办文号前缀", "代水督"), ("督办起始编号", 5), ("回复时限工作日", 3), ("抄送", "县人民政府办公室，市生态环境局代县分局"),
    ("预警文号前缀", "代水预"),
]
AUTO_HEAD = ["断面名称", "监测时间", "水质类别", "水温(℃)", "pH(无量纲)", "溶解氧(mg/L)", "电导率(μS/cm)", "浊度(NTU)",
             "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "站点情况"]
BASE = {"滹沱河阳明堡": {"do": 7.4, "codmn": 3.6, "nh3n": 0.46, "tp": 0.12},
        "滹沱河峨河口": {"do": 7.0, "codmn": 4.2, "nh3n": 0.58, "tp": 0.14}}
# (section, day) -> multipliers on the base: the rain of 11–13 July and the storm of the 13th
RAIN = {("滹沱河阳明堡", 11): {"nh3n": 2.6, "tp": 1.9}, ("滹沱河阳明堡", 12): {"nh3n": 3.1, "tp": 2.2},
        ("滹沱河阳明堡", 13): {"nh3n": 2.5, "tp": 1.5}, ("滹沱河峨河口", 13): {"tp": 1.8, "nh3n": 1.2},
        ("滹沱河峨河口", 22): {"codmn": 1.3}}


def auto_export(folder: Path, rnd: random.Random) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "实时数据"
    ws.append(AUTO_HEAD)
    day = dt.date(2021, 6, 1)
    while day <= dt.date(2021, 7, 31):
        for hour in range(0, 24, 4):
            for name, base in BASE.items():
                boost = RAIN.get((name, day.day), {}) if day.month == 7 else {}
                down = name == "滹沱河峨河口" and day == dt.date(2021, 7, 27) and hour >= 8   # station serviced
                v = {k: base[k] * boost.get(k, 1.0) * rnd.uniform(0.9, 1.1) for k in base}
                tp = round(v["tp"], 3)
                row = [name, f"{day:%Y-%m-%d} {hour:02d}:00", "", round(17 + 0.2 * day.day + rnd.gauss(0, 0.3), 1),
                       round(7.9 + rnd.gauss(0, 0.1), 2), round(v["do"] - (1.2 if boost else 0), 2),
                       round(410 + rnd.gauss(0, 15), 1), round(abs(rnd.gauss(25 if boost else 12, 4)), 1),
                       round(v["codmn"], 1), round(v["nh3n"], 3), tp if tp >= 0.01 else "<0.01",
                       round(v["nh3n"] * 2.4, 2), "维护" if down else "正常"]
                if down:
                    row[3:12] = ["--"] * 9
                elif rnd.random() < 0.006:
                    row[rnd.randrange(4, 12)] = "--"
                ws.append(row)
        day += dt.timedelta(days=1)
    wb.properties.created = wb.properties.modified = FIXED
    path = folder / "国家地表水自动监测_2021年6-7月.xlsx"
    wb.save(path)
    return path


def daily_sheet(folder: Path, rnd: random.Random) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "峪河入滹沱河口"
    ws.append(["峪河入滹沱河口断面水质日报（2021年7月）"])
    ws.append(["日期", "pH", "溶解氧", "高锰酸盐指数", "氨氮", "总磷", "备注"])
    ws.append(["", "无量纲", "mg/L", "mg/L", "mg/L", "mg/L", ""])
    for d in range(1, 32):
        nh3n = {12: 1.62, 13: 1.71}.get(d) or round(0.9 * rnd.uniform(0.85, 1.15), 2)   # the rain: worse than Ⅳ
        row = [dt.date(2021, 7, d), round(7.7 + rnd.gauss(0, 0.1), 2), round(6.2 + rnd.gauss(0, 0.3), 1),
               round(6.5 * rnd.uniform(0.9, 1.1), 1), nh3n, round(0.18 * rnd.uniform(0.85, 1.15), 2), ""]
        if d == 17:
            row[4], row[6] = "0..85", "录入"           # a slip the clerk has to fix
        ws.append(row)
        ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd"
    wb.properties.created = wb.properties.modified = FIXED
    path = folder / "峪河入滹沱河口_7月手工日报.xlsx"
    wb.save(path)
    return path


def lab_results(folder: Path) -> Path:
    """Monthly manual items (化学需氧量, 五日生化需氧量, 石油类 …), as the lab's system exports them."""
    rows = [("滹沱河阳明堡", "2021-07-06", [("化学需氧量", "14", "mg/L"), ("五日生化需氧量", "2.6", "mg/L"),
                                        ("石油类", "0.01L", "mg/L"), ("挥发酚", "0.0003L", "mg/L"),
                                        ("粪大肠菌群", "3300", "个/L")]),
            ("滹沱河峨河口", "2021-07-06", [("化学需氧量", "17", "mg/L"), ("五日生化需氧量", "3.4", "mg/L"),
                                        ("石油类", "30", "μg/L"), ("挥发酚", "0.0011", "mg/L"),
                                        ("粪大肠菌群", "5400", "个/L")]),
            ("峪河入滹沱河口", "2021-07-07", [("化学需氧量", "24", "mg/L"), ("五日生化需氧量", "4.8", "mg/L"),
                                          ("石油类", "0.04", "mg/L"), ("挥发酚", "0.0021", "mg/L")])]
    path = folder / "7月手工监测化验结果.csv"
    with open(path, "w", encoding="gbk", newline="") as f:
        w = csv.writer(f)
        w.writerow(["样品编号", "断面名称", "采样日期", "监测项目", "监测结果", "单位"])
        n = 0
        for name, day, items in rows:
            for item, value, unit in items:
                n += 1
                w.writerow([f"DXS2107{n:03d}", name, day, item, value, unit])
    return path


def sections_book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "断面"
    ws.append(["序号", "断面名称", "所在河流（湖库）", "断面级别", "水体类型", "水质目标", "责任乡镇", "责任部门"])
    for i, row in enumerate(SECTIONS, 1):
        ws.append([i, *row])
    st = wb.create_sheet("设置")
    st.append(["项目", "值"])
    for k, v in SETTINGS:
        st.append([k, v])
        if isinstance(v, dt.datetime):
            st.cell(st.max_row, 2).number_format = 'yyyy"年"m"月"d"日"'
    wb.properties.created = wb.properties.modified = FIXED
    wb.save(path)
    return path


def master_book(sections: Path, path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "workbook_templates"))
    import build_master
    from zhishui.fileutil import save_workbook
    control = {"action": "水质研判", "period": "2021-07", "report_date": dt.date(2021, 7, 13), "due": None,
               "returns": "", "output": "输出", "water_data": "2021年7月监测数据"}
    wb = build_master.build(None, control, sections)
    st = wb["设置"]
    given = dict(SETTINGS)
    for row in st.iter_rows(min_row=2):
        if row[0].value in given:
            row[1].value = given[row[0].value]
    return save_workbook(wb, path)


def build(out: Path = HERE) -> list[Path]:
    rnd = random.Random(2021)
    data = out / "2021年7月监测数据"
    data.mkdir(parents=True, exist_ok=True)
    files = [auto_export(data, rnd), daily_sheet(data, rnd), lab_results(data)]
    sections = sections_book(out / "代县断面清单.xlsx")
    return files + [sections, master_book(sections, out / "代县督办台账.xlsx")]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
