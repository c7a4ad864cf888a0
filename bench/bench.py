"""`make bench`: province-scale speed, measured beside a floor and a baseline in the same run.

Collect: 300 returns (one per unit) over a 1,000-task list.
  floor    = read every cell of the same files with python-calamine and nothing else
  baseline = the usual script: pandas.read_excel (openpyxl) per file, then concat
  collect  = zhishui's collect + status (and, separately, writing the result workbook)
Documents: 300 督办通知 and one 通报 over the same month.
  baseline = load the template afresh for every letter
Web: the start time of the web stacks (bench/web_start.py) and 300 units uploading to
``zhishui serve`` on PostgreSQL within a minute, then at once (bench/web_load.py).
Every phase runs in its own process so its peak memory (max RSS) is its own.
Reports ratios collect/floor and baseline/collect; nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "out" / "bench"
REPEAT = 3


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- phases (each run in a child process) ----------------------------------------------

def phase_floor(data: Path) -> dict:
    import io
    import python_calamine as pc
    files = sorted((data / "returns").glob("*.xlsx"))
    t = time.perf_counter()
    cells = 0
    for f in files:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(f.read_bytes()))
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
                cells += sum(1 for v in row if v != "")
        wb.close()
    return {"seconds": time.perf_counter() - t, "cells": cells, "files": len(files)}


def phase_baseline(data: Path) -> dict:
    import pandas as pd
    files = sorted((data / "returns").glob("*.xlsx"))
    t = time.perf_counter()
    frames = []
    for f in files:
        for name, df in pd.read_excel(f, sheet_name=None, header=None, engine="openpyxl").items():
            df["文件"] = f.name
            df["工作表"] = name
            frames.append(df)
    allrows = pd.concat(frames, ignore_index=True)
    return {"seconds": time.perf_counter() - t, "rows": len(allrows)}


def phase_collect(data: Path) -> dict:
    from bench.province import DUE, PERIOD
    from zhishui.collect import collect
    from zhishui.status import decide_all
    from zhishui.tasks import load_list
    tl = load_list(data / "list.xlsx")
    t = time.perf_counter()
    col = collect(tl, [data / "returns"], PERIOD, due=DUE)
    statuses = decide_all(col, DUE)
    seconds = time.perf_counter() - t
    lost = sum(1 for v in col.values if not v.used and not v.note)
    return {"seconds": seconds, "values": len(col.values), "tasks": len(statuses),
            "counted": sum(s.status == "counted" for s in col.submissions), "unexplained": lost}


def phase_result(data: Path) -> dict:
    from bench.province import DUE, PERIOD
    from zhishui.month import run_month
    from zhishui.result_writer import write_result
    from zhishui.tasks import load_list
    tl = load_list(data / "list.xlsx")
    res = run_month(tl, [data / "returns"], PERIOD, DUE, due=DUE, use_history=False)
    t = time.perf_counter()
    write_result(res, data / "result.xlsx")
    return {"seconds": time.perf_counter() - t, "rows": len(res.col.values)}


def phase_docs(data: Path, fresh: bool) -> dict:
    from bench.province import DUE, PERIOD
    from zhishui.generators.month_documents import bulletin_context, supervise_contexts
    from zhishui.generators.render import TemplateRenderer, render_document
    from zhishui.month import run_month
    from zhishui.tasks import load_list
    tl = load_list(data / "list.xlsx")
    res = run_month(tl, [data / "returns"], PERIOD, DUE, due=DUE, use_history=False)
    contexts = supervise_contexts(res)
    letters = (contexts * (300 // max(1, len(contexts)) + 1))[:300]
    out = data / ("docs_fresh" if fresh else "docs")
    out.mkdir(exist_ok=True)
    t = time.perf_counter()
    if fresh:
        for i, ctx in enumerate(letters):
            render_document("supervise", ctx, out / f"{i:03d}.docx")
    else:
        r = TemplateRenderer("supervise")
        for i, ctx in enumerate(letters):
            r.render(ctx, out / f"{i:03d}.docx")
    letters_s = time.perf_counter() - t
    t = time.perf_counter()
    render_document("bulletin", bulletin_context(res, out / "charts"), out / "通报.docx")
    return {"seconds": letters_s, "letters": len(letters), "bulletin_seconds": time.perf_counter() - t}


PHASES = {"floor": phase_floor, "baseline": phase_baseline, "collect": phase_collect, "result": phase_result,
          "docs": lambda d: phase_docs(d, False), "docs_fresh": lambda d: phase_docs(d, True)}


def child(phase: str, data: Path) -> None:
    out = PHASES[phase](data)
    out["max_rss_mb"] = round(_rss_mb(), 1)
    print(json.dumps(out))


def run_phase(phase: str, data: Path) -> dict:
    runs = []
    for _ in range(REPEAT):
        r = subprocess.run([sys.executable, __file__, "--child", phase, "--data", str(data)], cwd=ROOT,
                           capture_output=True, text=True)
        if r.returncode:
            raise SystemExit(f"{phase} failed:\n{r.stderr[-3000:]}")
        runs.append(json.loads(r.stdout.strip().splitlines()[-1]))
    best = dict(runs[0])
    best["seconds"] = statistics.median(x["seconds"] for x in runs)
    best["max_rss_mb"] = max(x["max_rss_mb"] for x in runs)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--only", nargs="*", help="only these phases (for development)")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if a.child:
        child(a.child, a.data)
        return
    if a.regenerate or not (a.data / "list.xlsx").exists():
        from bench.province import make
        t = time.perf_counter()
        print("生成全省规模数据：1000项任务、300个单位、每单位一份已填报的报送表……", flush=True)
        make(a.data)
        print(f"  用时 {time.perf_counter() - t:.1f} 秒")
    if a.only:
        for p in a.only:
            if p == "web":
                web()
                continue
            print(p, run_phase(p, a.data))
        return
    res = {p: run_phase(p, a.data) for p in PHASES}
    f, b, c, w = res["floor"], res["baseline"], res["collect"], res["result"]
    d, df = res["docs"], res["docs_fresh"]
    print(f"\n汇总（{f['files']}个文件，{f['cells']}个非空单元格，取{REPEAT}次中位数）")
    print(f"  floor    calamine 只读单元格      {f['seconds']:7.2f} 秒   峰值内存 {f['max_rss_mb']:6.0f} MB")
    print(f"  baseline pandas+openpyxl+concat   {b['seconds']:7.2f} 秒   峰值内存 {b['max_rss_mb']:6.0f} MB")
    print(f"  collect  zhishui 汇总+判定状态    {c['seconds']:7.2f} 秒   峰值内存 {c['max_rss_mb']:6.0f} MB"
          f"   （{c['values']}个值，{c['counted']}份采用，未说明去向的值 {c['unexplained']} 个）")
    print(f"  写汇总结果工作簿                  {w['seconds']:7.2f} 秒   峰值内存 {w['max_rss_mb']:6.0f} MB")
    print(f"  collect/floor = {c['seconds'] / f['seconds']:.2f}×（目标 ≤ 2×）   baseline/collect = {b['seconds'] / c['seconds']:.2f}×")
    print(f"\n文书（{d['letters']}份督办通知 + 1份通报）")
    print(f"  模板加载一次   {d['letters'] / d['seconds']:6.1f} 份/秒   峰值内存 {d['max_rss_mb']:6.0f} MB")
    print(f"  每份重新加载   {df['letters'] / df['seconds']:6.1f} 份/秒（baseline）")
    print(f"  加速 {df['seconds'] / d['seconds']:.2f}×；通报（含图表）{d['bulletin_seconds']:.1f} 秒")
    (a.data / "results.json").write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    web()


def web() -> None:
    """zhishui serve: the framework's start time, and 300 units uploading (bench/web_load.py,
    PostgreSQL), each in its own process."""
    print("\n网页框架启动时间（进程启动到第一页，bench/web_start.py）")
    subprocess.run([sys.executable, str(ROOT / "bench" / "web_start.py")], cwd=ROOT, check=False)
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "web_load.py")], cwd=ROOT, check=False)
    if r.returncode:
        raise SystemExit("网页上传负载测试发现问题（见上）")


if __name__ == "__main__":
    main()
