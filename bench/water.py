"""`make bench`, water part: a province's year of automatic monitoring judged and written.

    python bench/water.py [--regenerate] [--repeat N]

Data (generated once into out/bench_water/): 300 sections, 4-hourly readings from
2021-01-01 to 2021-12-31 (657,000 rows, 7.9 million cells), one export file per month as
the national publication system gives them (断面名称, 监测时间, a column per parameter,
站点情况).  Values wander around each section's level (set from its target class) with
rain-driven episodes, so some sections exceed for days; about 1% of values are ``--``, TP
below the detection limit is written ``<0.01``, stations are under 维护 now and then.

Every phase is a whole process (interpreter start and imports included), timed from
outside, its peak memory the child's max RSS:
  floor    python-calamine alone reads every cell of the same files
  water    zhishui water … --period 2021-12 (the year is the judgement window): read,
           judge, result workbook and JSON
  docs     the same with --docs (预警 for the day, 水质日报, 水质月报 with its charts)
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "out" / "bench_water"

YEAR = 2021
SECTIONS = 300
HEADER = ["断面名称", "监测时间", "水温(℃)", "pH(无量纲)", "溶解氧(mg/L)", "电导率(μS/cm)", "浊度(NTU)",
          "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "站点情况"]
RIVERS = ["滹沱河", "汾河", "桑干河", "沁河", "漳河", "涑水河", "昕水河", "三川河", "岚河", "文峪河"]
TOWNS = "东西南北中上下新老大小"


# levels a section keeps to when it meets its target: (NH3-N, TP, CODMn) ranges per target class
LEVELS = {"Ⅱ类": ((0.12, 0.4), (0.03, 0.08), (2.0, 3.6)), "Ⅲ类": ((0.25, 0.8), (0.05, 0.17), (2.5, 5.4)),
          "Ⅳ类": ((0.5, 1.3), (0.08, 0.26), (4.0, 9.0))}


def sections(rnd: random.Random) -> list[dict]:
    out = []
    for i in range(SECTIONS):
        target = rnd.choice(["Ⅱ类", "Ⅲ类", "Ⅲ类", "Ⅳ类"])
        nh, tp, cod = LEVELS[target]
        out.append({"name": f"{rnd.choice(RIVERS)}{i + 1:03d}号断面", "river": rnd.choice(RIVERS),
                    "level": rnd.choice(["国考", "省考", "市考"]), "target": target,
                    "town": f"{rnd.choice(TOWNS)}{rnd.choice(TOWNS)}镇", "nh3n": rnd.uniform(*nh),
                    "tp": rnd.uniform(*tp), "codmn": rnd.uniform(*cod), "do": rnd.uniform(6.5, 9.0)})
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


FLOOR = """
import glob, sys, python_calamine as pc
cells = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.xlsx")):
    wb = pc.CalamineWorkbook.from_path(f)
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
            cells += sum(1 for v in row if v != "")
print(cells)
"""


def measure(cmd: list[str], cwd: Path) -> dict:
    """Wall time and peak memory of one whole child process."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.read()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.perf_counter() - t
    if status:
        raise SystemExit(f"{cmd[:4]} failed:\n{err.decode('utf-8', 'replace')[-3000:]}")
    return {"seconds": seconds, "max_rss_mb": usage.ru_maxrss / 1024, "stdout": out.decode("utf-8", "replace")}


def phase(name: str, data: Path, repeat: int) -> dict:
    py = sys.executable
    water = [py, "-m", "zhishui.cli", "water", str(data / "data"), "--sections", str(data / "断面.xlsx"),
             "--period", "2021-12", "--date", "2021-12-31", "--out", str(data / "result.xlsx"),
             "--json", str(data / "result.json")]
    cmd = {"floor": [py, "-c", FLOOR, str(data / "data")], "water": water,
           "docs": water + ["--docs", str(data / "docs")]}[name]
    runs = [measure(cmd, ROOT) for _ in range(repeat)]
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "max_rss_mb": max(r["max_rss_mb"] for r in runs), "stdout": runs[-1]["stdout"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    if a.regenerate or not (a.data / "data" / "2021-12.xlsx").exists():
        print("生成全省一年的自动监测数据：300个断面、每4小时一次（约66万行）……", flush=True)
        t = time.perf_counter()
        make(a.data)
        print(f"  用时 {time.perf_counter() - t:.0f} 秒")
    res = {name: phase(name, a.data, a.repeat) for name in ("floor", "water", "docs")}
    f, w, d = res["floor"], res["water"], res["docs"]
    report = json.loads((a.data / "result.json").read_text(encoding="utf-8"))
    used = sum(s["counts"].get("used", 0) for s in report["sources"])
    print(f"\n水质研判（300个断面一年的4小时数据，12个文件，{f['stdout'].strip()}个非空单元格，采用{used}个数值；"
          f"每项为完整进程，取{a.repeat}次中位数）")
    print(f"  floor  calamine 只读单元格                {f['seconds']:7.1f} 秒   峰值内存 {f['max_rss_mb']:6.0f} MB")
    print(f"  water  读取+判定+写结果工作簿和JSON       {w['seconds']:7.1f} 秒   峰值内存 {w['max_rss_mb']:6.0f} MB")
    print(f"  docs   同上，再加预警、日报、月报（含图）  {d['seconds']:7.1f} 秒   峰值内存 {d['max_rss_mb']:6.0f} MB")
    print(f"  water/floor = {w['seconds'] / f['seconds']:.2f}×   预警 {len(report['alerts'])} 条")
    (a.data / "results.json").write_text(json.dumps({k: {x: v[x] for x in ("seconds", "max_rss_mb")}
                                                      for k, v in res.items()}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
