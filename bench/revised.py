"""`make bench`, the revised list: what every command pays once the list has been revised mid-year.

    python bench/revised.py [--tasks N] [--repeat N]

A province's list (bench/province.py, 300 tasks by default: the code before took minutes at 1,000) is collected once, so its history holds that
version; then the clerk revises it as trial 25 did: one task in six reworded, one in thirty added.  A revised
version not yet stored is matched to the one before it (listchanges.py) by every command that reads the
history; `check` is the lightest such command.  Each figure is a whole process (start and imports included),
its processor time, median of the repetitions, taken in turn:

  floor     `zhishui check` on the list the history already knows (no matching)
  now       `zhishui check` on the revised list
  before    the same on the code before session 25 (git 0ce3e81: every old task against every new one with
            difflib, each pair again for every candidate merge, and twice per check)
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.bench import PY, before_tree, compile_tree, run  # noqa: E402

DATA = ROOT / "out" / "bench_revised"
BEFORE = "0ce3e81"
DATE = "2021-07-01"


def revise(src: Path, dst: Path) -> tuple[int, int]:
    """One task in six reworded, one in thirty added (at the end, as a revision appends them)."""
    wb = openpyxl.load_workbook(src)
    ws = wb["责任清单"]
    head = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    rows = list(range(head + 1, ws.max_row + 1))
    edited = 0
    for i, r in enumerate(rows):
        if i % 6 == 0:
            ws.cell(r, 3).value = f"{ws.cell(r, 3).value}，并于年底前完成验收评估"
            edited += 1
    added = len(rows) // 30
    last = rows[-1]
    for k in range(added):
        src_row = rows[(7 * k) % len(rows)]
        ws.append([int(ws.cell(last, 1).value) + k + 1, ws.cell(src_row, 2).value,
                   f"新增：开展第{k + 1}批入河排污口规范化整治", ws.cell(src_row, 4).value, ws.cell(src_row, 5).value,
                   ws.cell(src_row, 6).value, ws.cell(src_row, 7).value])
    wb.save(dst)
    return edited, added


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", type=int, default=300)        # (the code before takes minutes at 1,000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    from bench.province import make
    d = DATA / f"{a.tasks}"
    shutil.rmtree(d, ignore_errors=True)
    make(d, tasks=a.tasks, units=max(30, a.tasks * 3 // 10))
    home = {"ZHISHUI_HOME": str(d / "home")}      # (this bench's own index of histories)
    cli = [PY, "-m", "zhishui.cli"]
    run([*cli, "collect", d / "list.xlsx", d / "returns", "--period", "2021-06", "--date", "2021-06-30",
         "--out", d / "汇总.xlsx"], ok=(0, 1), env=home)
    edited, added = revise(d / "list.xlsx", d / "修订.xlsx")     # found by its 文号, as README says
    check = lambda lst: [*cli, "check", lst, "--date", DATE]  # noqa: E731
    tree = before_tree(BEFORE)
    for t in (ROOT / "zhishui", tree):
        if t is not None:
            compile_tree(t)
    old = {"env": {"PYTHONPATH": str(tree), **home}, "cwd": tree} if tree is not None else None
    times: dict[str, list] = {"floor": [], "now": [], "before": []}
    for _ in range(a.repeat):
        times["floor"].append(run(check(d / "list.xlsx"), ok=(0, 1), env=home)["cpu"])
        now = run(check(d / "修订.xlsx"), ok=(0, 1), env=home)
        assert "历史记录" in now["out"], now["out"][:500]          # (the revised list did find the history)
        times["now"].append(now["cpu"])
        if old is not None:
            times["before"].append(run(check(d / "修订.xlsx"), ok=(0, 1), **old)["cpu"])
    med = {k: statistics.median(v) for k, v in times.items() if v}
    print(f"修订后的清单（{a.tasks}项任务，改写{edited}项、新增{added}项，历史记录里是修订前的一版）：`zhishui check`")
    print(f"| | 处理器时间（秒，{a.repeat}次的中位数） | 与下限之比 |")
    print("| --- | --- | --- |")
    for k, label in (("floor", "下限：未修订的清单"), ("now", "现在：修订后的清单"), ("before", f"改前（{BEFORE}）：修订后的清单")):
        if k in med:
            print(f"| {label} | {med[k]:.2f} | {med[k] / med['floor']:.1f} |")
    if "before" in med:
        print(f"改前/现在 = {med['before'] / med['now']:.1f} 倍")


if __name__ == "__main__":
    main()
