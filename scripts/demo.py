"""`make demo`: the month on the bundled samples, printed as a clerk would see it.

Runs the real `zhishui` command (the engine the Excel add-in also calls) on
seed 001's list for November 2020, then December 2020 on the same plan (the
list saved under a new name; the returns made here from November's), then a
water-quality month in seed 002's setting (代县, July 2021), and writes everything
under out/demo/.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SAMPLES = ROOT / "samples"
OUT = ROOT / "out" / "demo"
ZHISHUI = [sys.executable, "-m", "zhishui.cli"]
LIST001 = SAMPLES / "seed001" / "永川区整改任务分解表.xlsx"
SEEDS = ROOT.parent / "shared" / "seeds"      # the five seed documents beside the project (DEVELOPERS.md)
RETURNS = SAMPLES / "seed001" / "2020年11月报送"
# the index of histories the demo uses stays in out/ (the clerk's own is ~/.zhishui)
os.environ["ZHISHUI_HOME"] = str(OUT / ".zhishui")


def run(title: str, *args, ok=(0, 1)) -> None:
    print(f"\n===== {title} =====")
    shown = [str(a.relative_to(ROOT)) if isinstance(a, Path) and a.is_relative_to(ROOT) else str(a) for a in args]
    print("$ zhishui " + " ".join(shown), flush=True)
    r = subprocess.run(ZHISHUI + [str(a) for a in args], cwd=ROOT)
    if r.returncode not in ok:
        sys.exit(f"演示失败：{title}（退出码 {r.returncode}）")


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    list003 = SAMPLES / "seed003" / "新乡市污水处理提质增效三年行动方案责任清单.xlsx"
    dir003 = SAMPLES / "seed003" / "新乡市单位名录.xlsx"

    import_plan()
    run("一、校验责任清单（永川区，印发次日）", "check", LIST001, "--date", "2020-09-24")
    run("二、校验责任清单（新乡市，单独的单位名录）", "check", list003, "--directory", dir003, "--date", "2019-11-14")
    run("三、解析完成时限", "deadline", "2020年12月底完成,并长期坚持", "2020年6月 适时启动",
        "今年12月底", "每年1月20日前", "尽快", "--ref", "2019-11-13")
    run("四、下发2020年11月报送表", "split", LIST001, "--period", "2020-11", "--due", "2020-11-25",
        "--date", "2020-11-02", "--out", OUT / "下发报送表")
    # copied as a clerk would: the copies' file times say nothing of when the returns arrived;
    # the e-mails and the receipt log (收件记录.csv) in the folder do
    received = OUT / "收到的报送表"
    shutil.copytree(RETURNS, received)
    run("五、汇总各单位报送（有的逾期、有的没报、有的改名、有xls、GBK编码的csv和邮件）", "collect", LIST001, received,
        "--period", "2020-11", "--date", "2020-11-30", "--due", "2020-11-25",
        "--out", OUT / "2020年11月汇总结果.xlsx", "--json", OUT / "2020年11月汇总结果.json",
        "--history", OUT / "督办档案")
    run("六、一键生成本期文书（催报通知、督办通知、进展通报）", "docs", LIST001, received,
        "--period", "2020-11", "--date", "2020-11-30", "--due", "2020-11-25", "--out", OUT / "文书",
        "--history", OUT / "督办档案")
    one_click(received)
    december()
    water_month()
    print(f"\n演示完成，输出在 {OUT.relative_to(ROOT)}/")


def import_plan() -> None:
    """〇: the plan as the office received it, a Word file whose annexed table is a real table (made from seed 001
    by the build-time script), becomes the list; its 原文对照 sheet is a README picture."""
    import importlib.util
    seed = next((SEEDS.glob("001_*.txt")), None) if SEEDS.is_dir() else None
    if seed is None:
        print(f"\n（没有找到种子文件夹 {SEEDS}，跳过「从方案文件导入」的演示）")
        return
    spec = importlib.util.spec_from_file_location("build_plan_docs", ROOT / "scripts" / "build_plan_docs.py")
    docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(docs)
    (OUT / "方案").mkdir()
    plan = docs.build_001(seed.read_text(encoding="utf-8"), OUT / "方案" / "永川区整改方案.docx")
    run("〇、从方案文件导入责任清单（永川区整改方案的 Word 文件，附件的任务分解表是 Word 表格）", "import", plan,
        "--out", OUT / "方案" / "永川区整改方案_责任清单.xlsx", ok=(0,))


def december() -> None:
    """The next month on the same plan: the list saved under a new name finds its history (the
    comparison with November is there); 区农业农村委 stops reporting; one task done in November is
    reported not done, one 完成比例 falls, one progress text is November's word for word."""
    lst = OUT / "清单" / "永川区整改任务分解表（12月修订）.xlsx"
    lst.parent.mkdir(parents=True)
    shutil.copy(LIST001, lst)
    run("八、下发2020年12月报送表（清单另存为新文件名）", "split", lst, "--period", "2020-12", "--due", "2020-12-25",
        "--date", "2020-12-01", "--out", OUT / "12月下发报送表")
    inbox = OUT / "12月收到的报送表"
    fill_december(json.loads((OUT / "2020年11月汇总结果.json").read_text(encoding="utf-8")),
                  OUT / "12月下发报送表", inbox)
    run("九、汇总2020年12月（历史记录跟着方案走，逐项与11月比较）", "collect", lst, inbox, "--period", "2020-12",
        "--date", "2020-12-31", "--due", "2020-12-25", "--out", OUT / "2020年12月汇总结果.xlsx",
        "--json", OUT / "2020年12月汇总结果.json")
    run("十、2020年12月文书", "docs", lst, inbox, "--period", "2020-12", "--date", "2020-12-31", "--due", "2020-12-25",
        "--out", OUT / "12月文书")


def fill_december(nov: dict, issued: Path, inbox: Path) -> None:
    """Each unit's December return, typed from what it reported in November."""
    import openpyxl
    from zhishui import returnsheet as rs
    said = {}
    due_now = set()       # tasks due by the end of December: most units finish them this month
    for t in nov["tasks"]:
        if t.get("due") and t["due"] <= "2020-12-31":
            due_now.add(t["key"])
        for r in t["reports"]:
            said[(r["unit"], t["key"])] = (r["state"], r["percent"], r["text"] or "", t["status"], r["role"])
    leads = [k for k, v in said.items() if v[4] == "lead" and k[0] != "区农业农村委"]
    ongoing = [k for k in leads if said[k][0] == "序时推进" and said[k][1]]
    done = [k for k in leads if said[k][3] == "已完成"]
    changed = {done[0]: ("序时推进", 0.9, "验收时发现问题，正在整改"),
               ongoing[0]: ("序时推进", round(said[ongoing[0]][1] - 0.2, 2), said[ongoing[0]][2] + "（重新核定工程量）"),
               ongoing[1]: said[ongoing[1]][:3]}                                  # November's text, word for word
    col = {f: i + 1 for i, (f, _) in enumerate(rs.COLUMNS)}
    inbox.mkdir(parents=True)
    for path in sorted(issued.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        ws = wb[rs.SHEET]
        unit = path.stem.split("_")[1]
        if unit == "区农业农村委":
            continue          # stops reporting: its overdue tasks stay overdue
        r = rs.FIRST_TASK_ROW
        while ws.cell(r, col["key"]).value:
            key = str(ws.cell(r, col["key"]).value)
            state, pct, text, status, _ = said.get((unit, key), ("序时推进", 0.5, "", "", ""))
            if (unit, key) in changed:
                state, pct, text = changed[(unit, key)]
            elif state == "持续推进":
                text = (text.rstrip("。；") + "；" if text else "") + "12月持续推进，开展日常巡查"
            elif state == "已完成":
                text = (text.rstrip("。；") + "；" if text else "") + "12月巩固整改成果，建立长效机制"
            elif status != "已完成" and state != "已完成":
                pct = min(1.0, round((pct or 0) + 0.2, 2))
                if key in due_now and state == "序时推进" and sum(map(ord, unit + key)) % 5:
                    pct = 1.0
                if pct >= 1.0:
                    state, text = "已完成", (text + "；" if text else "") + "12月已完成"
                else:
                    # a unit that lagged catches up this month on half its tasks
                    if state in ("进度滞后", "未启动") and sum(map(ord, key)) % 2 == 0:
                        state = "序时推进"
                    text = (text + "；" if text else "") + "12月按计划推进"
            ws.cell(r, col["state"], state)
            ws.cell(r, col["percent"], pct)
            ws.cell(r, col["progress"], text)
            if state == "已完成":
                ws.cell(r, col["evidence"], "验收报告.pdf")
            r += 1
        ws.cell(r + 1, 10, dt.date(2020, 12, 18))      # 填报日期
        wb.save(inbox / path.name)


def one_click(received: Path) -> None:
    """What the ribbon's 运行 button does in Excel, on the filled 督办台账.  Excel cannot
    run here, so the macros are called through xlwings' own remote engine and what
    they write is put into a new copy of the workbook to look at."""
    print("\n===== 七、在督办台账中点「治水督办 → 运行」（一键生成；此处用xlwings远程引擎代替Excel） =====")
    from zhishui.addin.remote import Replay, remote_book, save_replayed   # first: it sets xlwings' key
    from zhishui.addin.macros import run
    master = SAMPLES / "seed001" / "永川区督办台账.xlsx"
    # saved where it is (as Excel knows): its history is found by the plan, the one the commands above used
    book, payload = remote_book(master, {("控制台", "B8"): str(received), ("控制台", "B9"): str(OUT / "一键生成输出")},
                                full_path=True)
    outcome = run(book, today=dt.date(2020, 11, 30))
    replay = Replay(payload, book.json()["actions"])
    after = save_replayed(master, replay, OUT / "永川区督办台账（一键生成后）.xlsx")
    for key, label, row in [("outcome", "结果", 14), ("counts", "数量", 15), ("statuses", "任务状态", 16),
                            ("folder", "文件位置", 18), ("note", "说明", 19)]:
        print(f"  {label}：{replay.cell('控制台', f'B{row}')}")
    print(f"  xlwings动作 {len(book.json()['actions'])} 个；写回后的台账：{after.relative_to(ROOT)}")
    if outcome is None:
        sys.exit("演示失败：一键生成没有完成")


SEED002 = SAMPLES / "seed002"


def water_month() -> None:
    """Seed 002's flood-season campaign: the stations' export, a hand-kept daily sheet and lab
    results for July 2021 (built by samples/seed002/build_water_samples.py) judged against the
    sections' targets; on 13 July one section exceeds for the third day running (a 督办)."""
    water = OUT / "水质研判"
    run("十一、水质研判（代县保汛期水质稳定专项行动，2021年7月，以7月13日为预警日）", "water",
        SEED002 / "2021年7月监测数据", "--sections", SEED002 / "代县断面清单.xlsx", "--period", "2021-07",
        "--date", "2021-07-13", "--out", water / "2021年7月水质研判结果.xlsx", "--json", water / "2021年7月水质研判结果.json",
        "--docs", water / "文书")
    print("\n===== 十二、在代县督办台账中点「运行」（水质研判；xlwings远程引擎代替Excel） =====")
    from zhishui.addin.remote import Replay, remote_book, save_replayed
    from zhishui.addin.macros import run as run_macro
    master = SEED002 / "代县督办台账.xlsx"
    book, payload = remote_book(master, {("控制台", "B9"): str(water / "台账输出"),
                                         ("控制台", "B10"): str(SEED002 / "2021年7月监测数据")})
    outcome = run_macro(book, today=dt.date(2021, 7, 13))
    replay = Replay(payload, book.json()["actions"])
    after = save_replayed(master, replay, water / "代县督办台账（水质研判后）.xlsx")
    for label, row in [("结果", 14), ("数量", 15), ("当日", 16), ("说明", 19)]:
        print(f"  {label}：{replay.cell('控制台', f'B{row}')}")
    print(f"  xlwings动作 {len(book.json()['actions'])} 个；写回后的台账：{after.relative_to(ROOT)}")
    if outcome is None:
        sys.exit("演示失败：水质研判没有完成")


if __name__ == "__main__":
    main()
