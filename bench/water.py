"""A province's year of automatic monitoring, generated: 300 sections, 4-hourly readings,
2021-01-01 to 2021-12-31 (657,000 rows), one export file per month as the national
publication system gives them (断面名称, 监测时间, a column per parameter, 站点情况).

Values wander around each section's own level with rain-driven episodes, so some
sections exceed their targets for days; about 1% of values are ``--``, TP below the
detection limit is written ``<0.01``, and stations are under 维护 now and then.
"""
from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

from openpyxl import Workbook

YEAR = 2021
SECTIONS = 300
HEADER = ["断面名称", "监测时间", "水温(℃)", "pH(无量纲)", "溶解氧(mg/L)", "电导率(μS/cm)", "浊度(NTU)",
          "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "站点情况"]
RIVERS = ["滹沱河", "汾河", "桑干河", "沁河", "漳河", "涑水河", "昕水河", "三川河", "岚河", "文峪河"]
TOWNS = "东西南北中上下新老大小"


def sections(rnd: random.Random) -> list[dict]:
    out = []
    for i in range(SECTIONS):
        out.append({"name": f"{rnd.choice(RIVERS)}{i + 1:03d}号断面", "river": rnd.choice(RIVERS),
                    "level": rnd.choice(["国考", "省考", "市考"]), "target": rnd.choice(["Ⅱ类", "Ⅲ类", "Ⅲ类", "Ⅳ类"]),
                    "town": f"{rnd.choice(TOWNS)}{rnd.choice(TOWNS)}镇", "nh3n": rnd.uniform(0.15, 1.1),
                    "tp": rnd.uniform(0.03, 0.22), "codmn": rnd.uniform(2.0, 7.0), "do": rnd.uniform(5.5, 9.0)})
    return out


def make(root: Path, seed: int = 11) -> tuple[Path, Path]:
    """Write 断面.xlsx and data/2021-MM.xlsx under root; return (sections file, data folder)."""
    rnd = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    secs = sections(rnd)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("断面")
    ws.append(["序号", "断面名称", "所在河流（湖库）", "断面级别", "水体类型", "水质目标", "责任乡镇", "责任部门"])
    for i, s in enumerate(secs, 1):
        ws.append([i, s["name"], s["river"], s["level"], "河流", s["target"], s["town"], "县生态环境分局、县住建局"])
    sec_file = root / "断面.xlsx"
    wb.save(sec_file)
    data = root / "data"
    data.mkdir(exist_ok=True)
    # rain episodes: a few per section and year, 1-6 days, raising NH3-N and TP
    episodes = {i: [(rnd.randint(1, 365), rnd.randint(1, 6), rnd.uniform(1.5, 3.5)) for _ in range(rnd.randint(0, 6))]
                for i in range(SECTIONS)}
    for month in range(1, 13):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(f"{month}月")
        ws.append(HEADER)
        day = dt.date(YEAR, month, 1)
        while day.month == month:
            doy = day.timetuple().tm_yday
            season = math.sin((doy - 100) / 365 * 2 * math.pi)
            for h in range(0, 24, 4):
                t = dt.datetime(YEAR, month, day.day, h)
                for i, s in enumerate(secs):
                    boost = max((f for d0, n, f in episodes[i] if d0 <= doy < d0 + n), default=1.0)
                    status = "维护" if rnd.random() < 0.004 else "正常"

                    def val(x, nd=None):
                        if rnd.random() < 0.01 or status != "正常":
                            return "--"
                        if nd is not None and x < nd:
                            return f"<{nd}"
                        return x
                    ws.append([s["name"], t, round(15 + 10 * season + rnd.gauss(0, 0.5), 1),
                               val(round(7.8 + rnd.gauss(0, 0.2), 2)),
                               val(round(max(0.5, s["do"] - 1.5 * season - (boost - 1) + rnd.gauss(0, 0.3)), 2)),
                               val(round(400 + rnd.gauss(0, 30), 1)), val(round(abs(rnd.gauss(20, 8)), 1)),
                               val(round(s["codmn"] * (1 + 0.3 * (boost - 1)) * rnd.uniform(0.9, 1.1), 1)),
                               val(round(s["nh3n"] * boost * rnd.uniform(0.85, 1.15), 3)),
                               val(round(s["tp"] * boost * rnd.uniform(0.8, 1.2), 3), nd=0.01),
                               val(round(s["nh3n"] * 2.2 * rnd.uniform(0.9, 1.1), 2)), status])
            day += dt.timedelta(days=1)
        wb.save(data / f"{YEAR}-{month:02d}.xlsx")
    return sec_file, data
