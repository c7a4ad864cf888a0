"""`make demo`: the main job on the bundled samples, printed as a clerk would see it.

Runs the real `zhishui` command (same engine as the Excel add-in) and writes
everything under out/demo/.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
OUT = ROOT / "out" / "demo"
ZHISHUI = [sys.executable, "-m", "zhishui.cli"]


def run(title: str, *args: str, ok=(0, 1)) -> None:
    print(f"\n===== {title} =====")
    print("$ zhishui " + " ".join(str(a) for a in args), flush=True)
    r = subprocess.run(ZHISHUI + [str(a) for a in args], cwd=ROOT)
    if r.returncode not in ok:
        sys.exit(f"演示失败：{title}（退出码 {r.returncode}）")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    list001 = SAMPLES / "seed001" / "永川区整改任务分解表.xlsx"
    list003 = SAMPLES / "seed003" / "新乡市污水处理提质增效三年行动方案责任清单.xlsx"
    dir003 = SAMPLES / "seed003" / "新乡市单位名录.xlsx"
    run("一、校验责任清单（永川区，印发次日）", "check", list001, "--date", "2020-09-24")
    run("二、校验责任清单（新乡市，单独的单位名录）", "check", list003, "--directory", dir003, "--date", "2019-11-14")
    run("三、解析完成时限", "deadline", "2020年12月底完成,并长期坚持", "2020年6月 适时启动",
        "今年12月底", "每年1月20日前", "尽快", "--ref", "2019-11-13")
    print(f"\n演示完成，输出在 {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
