"""`make bench`: the speed the clerk feels, as whole commands, beside a floor and a naive script.

Every figure is one whole process (Python's start, imports, reading, writing), measured from
outside with os.wait4: its processor time (user + system seconds) and its own peak memory.
Processor time, not wall time: the machine is shared by several engineers, and the wall time
of a single-threaded command there mostly measures the others (it is kept in results.json);
on a machine of its own a command's wall time is about its processor time.  Rows of one table
are run in turn, repetition by repetition, and ratios are taken run by run; medians are shown.

  floor     python-calamine reads every cell of the returns and nothing else
  naive     the usual script: pandas.read_excel (openpyxl) per file, then concat
  collect   `zhishui collect … --out 汇总.xlsx --json r.json` (history kept, in a fresh folder)
  split     `zhishui split` (1×: 300 workbooks), bytecode compiled as an installed package has it,
            against writing the same cells with the fastest writer found (rustpy-xlsxwriter,
            XlsxWriter, openpyxl write-only)
  click     a fresh Python importing the add-in's entry point (Excel starts one per click)
  docs      300 督办通知 and one 通报 (as before: template loaded once vs. per letter)
  before    the same commands on the code before issue 13 (git BEFORE), 1× only

Scales: 1× = 1,000 tasks / 300 units, 3× and 10× likewise; 10× runs once.  Nothing here
asserts a time: the bench reports, the README quotes it.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "out" / "bench"
BASE = Path(__file__).resolve().parent / "baselines.py"
PY = sys.executable
SCALES = {1: 3, 3: 2, 10: 1}          # scale -> repetitions
BEFORE = "c619b9e"                    # main before issue 13 (split with openpyxl, full 原始数据, heavy add-in import)
ROUND = "f3f9b5c"                     # main before this round's collect work (autocommitted list rows, eager psycopg)
PERIOD, DATE, DUE = "2021-06", "2021-06-30", "2021-06-25"
HEAVY = ("numpy", "pandas", "matplotlib", "PIL", "openpyxl", "docx", "docxtpl", "lxml", "jinja2")
# issue 13's figures (old code, same kind of machine), shown beside today's
ISSUE = {"floor": (0.24, 13), "naive": (4.2, 112), "collect1": (7.4, 116), "result1": (6.0, None),
         "list1": (0.24, None), "collect3": (22.4, 250), "collect10": (80.0, 711), "list10": (5.8, None),
         "split": (6.3, 69), "click": (0.9, None)}


# --- running one whole process ---------------------------------------------------------------

def run(cmd: list, *, env=None, ok=(0,), fresh: Path | None = None, cwd: Path = ROOT) -> dict:
    """Run cmd once; wall seconds and peak memory (MB) of that process alone."""
    if fresh is not None:
        shutil.rmtree(fresh, ignore_errors=True)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=err, cwd=cwd, env=_env(env))
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, etext = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if p.returncode not in ok:
        raise SystemExit(f"失败（退出码 {p.returncode}）：{' '.join(map(str, cmd))}\n{etext[-3000:]}")
    return {"s": wall, "cpu": ru.ru_utime + ru.ru_stime, "mb": ru.ru_maxrss / 1024, "out": text, "err": etext}


def _env(extra=None) -> dict:
    """The environment of a timed process: compiled modules used as an installed copy uses them
    (some machines set PYTHONDONTWRITEBYTECODE, which makes every process compile the package again)."""
    env = {**os.environ, **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_tree(tree: Path) -> None:
    """Compile a package tree once, as pip does on installing it, before anything is timed."""
    subprocess.run([PY, "-m", "compileall", "-q", str(tree)], env=_env(), check=False, capture_output=True)


def rounds(cmds: dict, reps: int) -> dict:
    """Run each command reps times, in turn; name -> median seconds, max peak MB, runs."""
    runs: dict[str, list] = {k: [] for k in cmds}
    for _ in range(reps):
        for name, (cmd, kw) in cmds.items():
            runs[name].append(run(cmd, **kw))
    return {k: {"s": statistics.median(r["cpu"] for r in v), "wall": statistics.median(r["s"] for r in v),
                "mb": max(r["mb"] for r in v), "runs": v, "out": v[-1]["out"]} for k, v in runs.items()}


def paired(res: dict, a: str, b: str) -> float:
    """Median of the run-by-run ratios a/b of processor time (runs made one after the other)."""
    return statistics.median(x["cpu"] / y["cpu"] for x, y in zip(res[a]["runs"], res[b]["runs"]))


# --- data -----------------------------------------------------------------------------------

def data_for(k: int, regenerate: bool) -> Path:
    d = DATA / f"{k}x"
    if regenerate or not (d / "list.xlsx").exists() or not (d / "returns").is_dir():
        sys.path.insert(0, str(ROOT))
        from bench.province import make
        shutil.rmtree(d, ignore_errors=True)
        t = time.perf_counter()
        print(f"生成 {k}× 数据：{1000 * k} 项任务、{300 * k} 个单位、每单位一份已填报的报送表……", flush=True)
        make(d, tasks=1000 * k, units=300 * k)
        print(f"  用时 {time.perf_counter() - t:.0f} 秒", flush=True)
    return d


def collect_cmd(d: Path, work: Path, py: list | None = None) -> list:
    return [*(py or [PY, "-m", "zhishui.cli"]), "collect", d / "list.xlsx", d / "returns", "--period", PERIOD,
            "--date", DATE, "--due", DUE, "--out", work / "汇总.xlsx", "--json", work / "r.json",
            "--history", work / "档案"]


def split_cmd(d: Path, work: Path, py: list | None = None) -> list:
    return [*(py or [PY, "-m", "zhishui.cli"]), "split", d / "list.xlsx", "--period", PERIOD, "--due", DUE,
            "--out", work / "split"]


# --- in-process stages (where the time of a collect goes) --------------------------------------

def stages(d: Path) -> dict:
    import datetime as dt
    from zhishui.month import run_month
    from zhishui.result_writer import write_json, write_result
    from zhishui.tasks import load_list
    work = Path(tempfile.mkdtemp(prefix="zhishui-bench-"))
    try:
        out = {}
        t = time.process_time()
        tl = load_list(d / "list.xlsx")
        out["list"] = time.process_time() - t
        t = time.process_time()
        res = run_month(tl, [d / "returns"], dt.date(2021, 6, 1), dt.date(2021, 6, 30), due=dt.date(2021, 6, 25),
                        history_folder=work / "档案")
        out["month"] = time.process_time() - t
        t = time.process_time()
        write_result(res, work / "汇总.xlsx")
        out["result"] = time.process_time() - t
        t = time.process_time()
        write_json(res, work / "r.json")
        out["json"] = time.process_time() - t
        out["values"] = len(res.col.values)
        out["unexplained"] = sum(1 for v in res.col.values if not v.used and not v.note)
        out["counted"] = sum(s.status == "counted" for s in res.col.submissions)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def docs(d: Path, fresh: bool) -> dict:
    import datetime as dt
    from zhishui.generators.month_documents import bulletin_context, supervise_contexts
    from zhishui.generators.render import TemplateRenderer, render_document
    from zhishui.month import run_month
    from zhishui.tasks import load_list
    tl = load_list(d / "list.xlsx")
    res = run_month(tl, [d / "returns"], dt.date(2021, 6, 1), dt.date(2021, 6, 25), due=dt.date(2021, 6, 25),
                    use_history=False)
    contexts = supervise_contexts(res)
    letters = (contexts * (300 // max(1, len(contexts)) + 1))[:300]
    out = Path(tempfile.mkdtemp(prefix="zhishui-docs-"))
    try:
        t = time.process_time()
        if fresh:
            for i, ctx in enumerate(letters):
                render_document("supervise", ctx, out / f"{i:03d}.docx")
        else:
            r = TemplateRenderer("supervise")
            for i, ctx in enumerate(letters):
                r.render(ctx, out / f"{i:03d}.docx")
        letters_s = time.process_time() - t
        t = time.process_time()
        render_document("bulletin", bulletin_context(res, out / "charts"), out / "通报.docx")
        return {"seconds": letters_s, "letters": len(letters), "bulletin_seconds": time.process_time() - t}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def child(what: str, d: Path) -> None:
    sys.path.insert(0, str(ROOT))
    out = stages(d) if what == "stages" else docs(d, what == "docs_fresh")
    print(json.dumps(out))


def in_child(what: str, d: Path) -> dict:
    r = run([PY, __file__, "--child", what, "--data", d])
    out = json.loads(r["out"].strip().splitlines()[-1])
    out["mb"] = r["mb"]
    return out


# --- the code before issue 13, for a live comparison ------------------------------------------

def before_tree(commit: str = BEFORE) -> Path | None:
    """The package as it was at ``commit``, laid out as installed (zhishui/, zhishui/generators, zhishui/addin)."""
    tree = DATA / f"before-{commit}"
    if (tree / "zhishui" / "cli.py").exists():
        return tree
    tmp = DATA / "before-tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    arch = subprocess.run(["git", "-C", ROOT, "archive", commit, "zhishui", "generators", "addin"],
                          capture_output=True)
    if arch.returncode:
        return None   # a shallow clone without that commit: the issue's figures stand alone
    subprocess.run(["tar", "-x", "-C", tmp], input=arch.stdout, check=True)
    shutil.move(str(tmp / "generators"), str(tmp / "zhishui" / "generators"))
    shutil.move(str(tmp / "addin"), str(tmp / "zhishui" / "addin"))
    shutil.rmtree(tree, ignore_errors=True)
    tmp.rename(tree)
    return tree


# --- the report ----------------------------------------------------------------------------------

def fmt_s(x) -> str:
    return "—" if x is None else (f"{x:.2f} 秒" if x < 10 else f"{x:.1f} 秒")


def fmt_mb(x) -> str:
    return "—" if x is None else f"{x:.0f} MB"


def row(label, old, before, now, mb, note="") -> str:
    return f"| {label} | {fmt_s(old[0]) if old else '—'} | {fmt_s(before)} | {fmt_s(now)} | {fmt_mb(mb)} | {note} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child")
    ap.add_argument("--data", type=Path)
    ap.add_argument("--regenerate", action="store_true", help="重新生成测试数据")
    ap.add_argument("--scales", type=int, nargs="*", default=list(SCALES), help="只跑这些规模（1 3 10）")
    ap.add_argument("--no-before", action="store_true", help="不实测改动之前的代码")
    ap.add_argument("--no-docs", action="store_true", help="不测文书")
    a = ap.parse_args()
    if a.child:
        child(a.child, a.data)
        return
    t_start = time.perf_counter()
    dirs = {k: data_for(k, a.regenerate) for k in a.scales}
    results: dict = {"scales": {}}
    work = Path(tempfile.mkdtemp(prefix="zhishui-bench-"))
    tree = None if a.no_before else before_tree()
    round_tree = None if a.no_before else before_tree(ROUND)
    for t in (ROOT / "zhishui", ROOT / "generators", ROOT / "addin", BASE.parent, tree, round_tree):
        if t is not None:
            compile_tree(t)
    lines = []
    try:
        for k, d in dirs.items():
            reps = SCALES.get(k, 1)
            print(f"测 {k}×（{reps} 轮）……", flush=True)
            cmds = {"floor": ([PY, BASE, "floor", d / "returns"], {}),
                    "naive": ([PY, BASE, "naive", d / "returns"], {}),
                    "collect": (collect_cmd(d, work), {"ok": (0, 1), "fresh": work / "档案"})}
            res = rounds(cmds, reps)
            st = in_child("stages", d)
            floor_out = json.loads(res["floor"]["out"])
            results["scales"][k] = {"floor": res["floor"]["s"], "floor_mb": res["floor"]["mb"],
                                    "naive": res["naive"]["s"], "naive_mb": res["naive"]["mb"],
                                    "collect": res["collect"]["s"], "collect_mb": res["collect"]["mb"],
                                    "collect_wall": res["collect"]["wall"],
                                    "collect_floor": paired(res, "collect", "floor"),
                                    "naive_collect": paired(res, "naive", "collect"),
                                    "cells": floor_out["cells"], "files": floor_out["files"], "stages": st}
        if 1 in dirs:
            d = dirs[1]
            print("测 split、写出工具、点击启动……", flush=True)
            # split runs as installed: with its bytecode compiled (pip compiles on install; the writers'
            # packages have theirs), here by this first run, into out/bench/pycache, whatever
            # PYTHONDONTWRITEBYTECODE says (compiling zhishui from source costs a process about 0.8 s)
            as_installed = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(DATA / "pycache")}
            run(split_cmd(d, work), fresh=work / "split", env=as_installed)
            split_files = len(list((work / "split").glob("*.xlsx")))
            run([PY, BASE, "cells", work / "split", work / "cells.json"])
            writers = {}
            for w in ("rustpy", "xlsxwriter", "openpyxl"):
                try:
                    run([PY, BASE, "write", w, work / "cells.json", work / "w"], fresh=work / "w")
                    writers[w] = ([PY, BASE, "write", w, work / "cells.json", work / "w"], {"fresh": work / "w"})
                except SystemExit:
                    pass   # a writer that is not installed
            cmds = {"split": (split_cmd(d, work), {"fresh": work / "split", "env": as_installed}), **writers}
            sp = rounds(cmds, SCALES[1])
            fastest = min(writers, key=lambda w: sp[w]["s"])
            click = rounds({"click": ([PY, "-c", "import zhishui, zhishui.addin.macros"], {})}, 5)
            imp = run([PY, "-X", "importtime", "-c", "import zhishui, zhishui.addin.macros; import sys; "
                       "print(','.join(m for m in %r if m in sys.modules))" % (HEAVY,)])
            results["split"] = {"split": sp["split"]["s"], "split_mb": sp["split"]["mb"],
                                "files": split_files,
                                "writers": {w: sp[w]["s"] for w in writers}, "fastest": fastest,
                                "split_fastest": paired(sp, "split", fastest)}
            results["click"] = {"s": click["click"]["s"], "mb": click["click"]["mb"],
                                "heavy": [m for m in imp["out"].strip().split(",") if m],
                                "top": top_imports(imp["err"])}
            if not a.no_docs:
                print("测文书……", flush=True)
                results["docs"] = in_child("docs", d)
                results["docs_fresh"] = in_child("docs_fresh", d)
            if tree is not None:
                print(f"实测改动之前的代码（{BEFORE}，1×，1轮）……", flush=True)
                # run from inside the old tree: Python puts the current folder first on its path
                old = {"env": {"PYTHONPATH": str(tree)}, "cwd": tree}
                old_py = [PY, "-m", "zhishui.cli"]
                probe = run([PY, "-c", "import zhishui.split as s; print(s.__file__)"], **old)["out"]
                assert str(tree) in probe, f"改动之前的代码没有被导入：{probe}"
                results["before"] = {
                    "collect": run(collect_cmd(d, work, old_py), ok=(0, 1), fresh=work / "档案", **old)["cpu"],
                    "split": [run(split_cmd(d, work, old_py), fresh=work / "split", cwd=tree,   # as installed, as above
                                  env={**old["env"], **as_installed})["cpu"] for _ in range(2)][-1],
                    "click": statistics.median(run([PY, "-c", "import zhishui, zhishui.addin.macros"], **old)["cpu"]
                                               for _ in range(3))}
            if round_tree is not None:
                print(f"实测本轮改动之前的代码（{ROUND}，1×，1轮）……", flush=True)
                old = {"env": {"PYTHONPATH": str(round_tree)}, "cwd": round_tree}
                r0 = run(collect_cmd(d, work, [PY, "-m", "zhishui.cli"]), ok=(0, 1), fresh=work / "档案", **old)
                results["before_round"] = {"collect": r0["cpu"], "wall": r0["s"], "mb": r0["mb"]}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = report(results)
    print("\n".join(lines))
    print(f"\n（整个 make bench 用时 {time.perf_counter() - t_start:.0f} 秒）")
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str),
                                       encoding="utf-8")
    (DATA / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def top_imports(importtime: str, n: int = 4) -> list[str]:
    """The largest top-level imports of a -X importtime log: 'name 0.12 秒'."""
    tops = []
    for line in importtime.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
            tops.append((int(parts[1]), parts[2].strip()))
    return [f"{name} {us / 1e6:.2f} 秒" for us, name in sorted(tops, reverse=True)[:n]]


def report(r: dict) -> list[str]:
    sc, before = r["scales"], r.get("before", {})
    L = ["", "## 整条命令（单独进程的处理器时间，中位数；峰值内存为该进程自己的）", "",
         "| 职员运行的 | 之前（issue 13） | 之前（本次实测） | 现在 | 现在的峰值内存 | 比值（同一次运行） |",
         "| --- | --- | --- | --- | --- | --- |"]
    one = sc.get(1)
    if one:
        L.append(row("地板：python-calamine 读出 300 个文件的每个单元格", ISSUE["floor"], None, one["floor"],
                     one["floor_mb"], f"{one['cells']} 个非空单元格"))
        L.append(row("常见脚本：每个文件 pandas.read_excel 再 concat", ISSUE["naive"], None, one["naive"],
                     one["naive_mb"], ""))
        st = one["stages"]
        L.append(row("`zhishui collect … --out 汇总.xlsx --json r.json`", ISSUE["collect1"], before.get("collect"),
                     one["collect"], one["collect_mb"],
                     f"地板的 {one['collect_floor']:.1f} 倍；比常见脚本快 {one['naive_collect']:.1f} 倍"
                     + (f"；比之前快 {before['collect'] / one['collect']:.1f} 倍" if before.get("collect") else "")
                     + (f"；比本轮之前（{ROUND}，{fmt_s(r['before_round']['collect'])}）快 "
                        f"{r['before_round']['collect'] / one['collect']:.1f} 倍" if r.get("before_round") else "")))
        L.append(row("  其中读清单", ISSUE["list1"], None, st["list"], None, "进程内分步计时"))
        L.append(row("  其中读取、判定、存历史", None, None, st["month"], None, f"{st['values']} 个值"))
        L.append(row("  其中写汇总结果工作簿", ISSUE["result1"], None, st["result"], None, "「原始数据」只列未采用的值"))
        L.append(row("  其中写 JSON", None, None, st["json"], None, ""))
    for k in (3, 10):
        s = sc.get(k)
        if not s:
            continue
        grow = f"；是 1× 的 {s['collect'] / one['collect']:.1f} 倍（数据 {k} 倍）" if one else ""
        L.append(row(f"同上，{k}×（{1000 * k} 项任务、{300 * k} 个单位）", ISSUE.get(f"collect{k}"), None,
                     s["collect"], s["collect_mb"],
                     f"地板的 {s['collect_floor']:.1f} 倍；比常见脚本快 {s['naive_collect']:.1f} 倍{grow}"))
        L.append(row(f"  {k}× 地板 / 常见脚本", None, None, s["floor"], s["floor_mb"],
                     f"常见脚本 {fmt_s(s['naive'])}，{fmt_mb(s['naive_mb'])}"))
        if k == 10:
            L.append(row("  10× 其中读清单", ISSUE["list10"], None, s["stages"]["list"], None,
                         f"是 1× 的 {s['stages']['list'] / one['stages']['list']:.1f} 倍" if one else ""))
    sp = r.get("split")
    if sp:
        w = sp["writers"]
        names = {"rustpy": "rustpy-xlsxwriter（Rust）", "xlsxwriter": "XlsxWriter", "openpyxl": "openpyxl（只写模式）"}
        L.append(row(f"`zhishui split`，1×（{sp['files']} 个工作簿）", ISSUE["split"], before.get("split"), sp["split"],
                     sp["split_mb"], f"是最快写出工具的 {sp['split_fastest']:.1f} 倍"
                     + (f"；比之前快 {before['split'] / sp['split']:.1f} 倍" if before.get("split") else "")))
        L.append(row("  写出同样的单元格（只有值）：" + "；".join(f"{names[k]} {fmt_s(v)}" for k, v in w.items()),
                     None, None, w[sp["fastest"]], None, f"最快：{names[sp['fastest']]}"))
    ck = r.get("click")
    if ck:
        L.append(row("每次点击：新的 Python 导入加载项入口", ISSUE["click"], before.get("click"), ck["s"], ck["mb"],
                     ("导入了 " + "、".join(ck["heavy"]) if ck["heavy"] else "没有导入 numpy/pandas/matplotlib 等")
                     + "；最大的导入：" + "，".join(ck["top"])))
    dd, df = r.get("docs"), r.get("docs_fresh")
    if dd and df:
        L += ["", f"文书（{dd['letters']} 份督办通知 + 1 份通报，进程内处理器时间）：模板只加载一次每秒 {dd['letters'] / dd['seconds']:.0f} 份，"
              f"每份重新加载模板每秒 {df['letters'] / df['seconds']:.0f} 份（快 {df['seconds'] / dd['seconds']:.1f} 倍）；"
              f"通报（含两张图）{dd['bulletin_seconds']:.1f} 秒；峰值内存 {dd['mb']:.0f} MB"]
    if one and len(sc) > 1:
        L += ["", "## 随规模增长（现在的代码）", "", "| 规模 | 地板 | collect | collect/地板 | collect 墙钟时间 | 读清单 "
              "| 读取、判定、存历史 | collect 峰值内存 |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for k, s in sc.items():
            L.append(f"| {k}× | {fmt_s(s['floor'])} | {fmt_s(s['collect'])}（{s['collect'] / one['collect']:.1f} 倍） "
                     f"| {s['collect_floor']:.1f} | {fmt_s(s.get('collect_wall'))} "
                     f"| {fmt_s(s['stages']['list'])}（{s['stages']['list'] / one['stages']['list']:.1f} 倍） "
                     f"| {fmt_s(s['stages']['month'])}（{s['stages']['month'] / one['stages']['month']:.1f} 倍） "
                     f"| {fmt_mb(s['collect_mb'])} |")
    return L


if __name__ == "__main__":
    main()
