"""Make the demo month's returns for seed 001 (period 2020-11), the way real units send them.

    python samples/make_returns.py [--out DIR]

Splits the seed-001 list for 2020-11, then each unit "fills in" its return with
realistic text and sends it back in its own way: most on time, three late,
one not at all (区金融办; nor does 区市场管理局, the list's slip), one renamed (区农业农村委), one saved as .xls
(区水利局, through LibreOffice), one as a GBK CSV (区财政局), one with the task
text and deadline edited (区城市管理局), one sent twice (区住房城乡建委), plus an
evidence PDF and an Excel lock file.  <folder>_收件记录.csv records when each file
arrived (git does not keep file times); `make demo` applies it.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zhishui import returnsheet as rs  # noqa: E402
from zhishui.split import split_returns  # noqa: E402
from zhishui.tasks import load_list  # noqa: E402

LIST = ROOT / "samples" / "seed001" / "永川区整改任务分解表.xlsx"
OUT = ROOT / "samples" / "seed001" / "2020年11月报送"
PERIOD = dt.date(2020, 11, 1)
DUE = dt.date(2020, 11, 25)
COL = {f: i + 1 for i, (f, _) in enumerate(rs.COLUMNS)}
FIXED = dt.datetime(2020, 11, 2, 9, 0)

# 区金融办 does not report; 区市场管理局 is the list's slip for 区市场监管局 (the check
# reports it), so nobody answers under that name either
MISSING = {"区金融办", "区市场管理局"}
LATE = {"区委编办": dt.datetime(2020, 11, 27, 16, 12), "何埂镇": dt.datetime(2020, 11, 28, 9, 40),
        "重庆市渝西水务有限公司": dt.datetime(2020, 11, 30, 11, 5)}
RENAMED = {"区农业农村委": "农业农村委11月进展情况(最终版).xlsx"}
AS_XLS = "区水利局"
AS_GBK_CSV = "区财政局"
EDITED_REFERENCE = "区城市管理局"
TWICE = "区住房城乡建委"
# unit -> how its mail client writes the attachment's name: RFC 2047 in GBK (Foxmail, 网易) or
# RFC 2231 in UTF-8 (Outlook); sender addresses are examples
MAILED = {"区委编办": ("gbk", "qwbb_yc@example.cn"), "何埂镇": ("rfc2231", "hgz_zf@example.cn"),
          "区财政局": ("gbk", "czj_yc@example.cn")}
OFFICE_MAIL = "ychbj_shuiban@example.com"
LOG_NAME = "收件记录.csv"

PROGRESS = ["已完成现场排查{n}处，建立问题清单和整改台账，按计划推进。",
            "本月召开专题会议{n}次，督促相关镇街落实整改措施，已整改问题{m}个。",
            "完成方案编制并报区政府审定，组织开展现场检查{n}次。",
            "项目已完成招标，正在施工，累计完成工程量的{p}%。",
            "持续开展日常巡查，本月巡查{n}次，发现并处置问题{m}个。"]
PROBLEMS = ["", "", "资金尚未全部到位。", "部分点位涉及征地拆迁，进度受影响。", ""]
NEXT = ["继续加大巡查力度，确保按期完成。", "加快施工进度，力争提前完成。", "巩固整改成果，建立长效机制。"]


ISSUED = dt.date(2020, 9, 30)        # the plan's date: the time-proportional share runs from here
REPORT = dt.date(2020, 11, 30)
# a few units fall behind on many of their tasks, most keep pace: what a real month looks like
WEAK_SHARE = 0.15


def _subject(content: str) -> str:
    """What the task is about, for the unit's progress text: its first clause, shortened."""
    for clause in re.split(r"[，,。；;：:、]", content.strip()):
        if 4 <= len(clause) <= 16:
            return clause
    return ""


def _state(task, weak: bool, rnd: random.Random) -> str:
    d = task.deadline
    passed = d.due is not None and d.due < REPORT
    lag = 0.35 if weak else 0.05
    if d.ongoing and not d.due:
        return "进度滞后" if rnd.random() < lag else "持续推进"
    if d.ongoing and passed:
        # 「X完成,并长期坚持」 after X: the stage is reported done, the work goes on
        x = rnd.random()
        return "进度滞后" if x < lag else ("持续推进" if x < lag + 0.05 else "已完成")
    if passed:
        return "进度滞后" if rnd.random() < lag * 2 else "已完成"
    x = rnd.random()
    if x < lag:
        return "进度滞后"
    if weak and x < lag + 0.1:
        return "未启动"
    return "已完成" if x > 0.9 else "序时推进"


def _percent(task, state: str, rnd: random.Random) -> float:
    """A share that agrees with the state: on pace is about the time elapsed towards the deadline."""
    if state == "已完成":
        return 1.0
    if state == "未启动":
        return 0.0
    due = task.deadline.due
    pace = 0.6 if not due or due <= ISSUED else min(1.0, (REPORT - ISSUED).days / max(1, (due - ISSUED).days))
    if state == "进度滞后":
        return round(max(0.1, pace - rnd.choice([0.2, 0.3, 0.4])), 1)
    return round(min(0.9, max(0.3, pace + rnd.choice([-0.1, 0.0, 0.1]))), 1)


def fill(path: Path, unit: str, rnd: random.Random, tl) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[rs.SHEET]
    weak = rnd.random() < WEAK_SHARE
    r = rs.FIRST_TASK_ROW
    while ws.cell(r, COL["key"]).value:
        task = tl.task(str(ws.cell(r, COL["key"]).value))
        state = _state(task, weak, rnd)
        pct = _percent(task, state, rnd)
        ws.cell(r, COL["state"], state)
        ws.cell(r, COL["percent"], pct)
        text = rnd.choice(PROGRESS).format(n=rnd.randint(2, 12), m=rnd.randint(1, 9), p=int(pct * 100))
        if state == "未启动":
            text = "前期准备中，尚未开工。"
        subject = _subject(task.content or "")
        ws.cell(r, COL["progress"], f"{subject}：{text}" if subject else text)
        problem = rnd.choice(PROBLEMS) if state != "已完成" else ""
        if state in ("进度滞后", "未启动") and not problem:
            problem = rnd.choice(["资金尚未全部到位。", "部分点位涉及征地拆迁，进度受影响。", "设计方案调整，审批尚未完成。"])
        if problem:
            ws.cell(r, COL["problems"], problem)
        ws.cell(r, COL["next_steps"], rnd.choice(NEXT))
        if state == "已完成" and rnd.random() < 0.95:
            ws.cell(r, COL["evidence"], rnd.choice(["验收报告、现场照片", "会议纪要、整改台账", "项目竣工验收资料"]))
        r += 1
    footer = r + 1
    ws.cell(footer, 2, rnd.choice(["张敏", "李强", "王芳", "刘洋", "陈静", "杨帆"]))
    ws.cell(footer, 6, f"023-4{rnd.randint(1000000, 9999999)}")
    ws.cell(footer, 10, dt.date(2020, 11, rnd.randint(18, 25)))
    wb.properties.modified = FIXED
    wb.save(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rnd = random.Random(20201130)
    tl = load_list(LIST)
    arrivals: list[tuple[str, dt.datetime]] = []
    with tempfile.TemporaryDirectory() as tmp:
        made = split_returns(tl, PERIOD, Path(tmp), due=DUE, generated=FIXED)
        for f in made:
            if f.unit in MISSING:
                continue
            fill(f.path, f.unit, rnd, tl)
            when = LATE.get(f.unit, dt.datetime(2020, 11, rnd.randint(16, 25), rnd.randint(8, 17), rnd.randint(0, 59)))
            name = RENAMED.get(f.unit, f.path.name)
            target = out / name
            if f.unit == EDITED_REFERENCE:
                wb = openpyxl.load_workbook(f.path)
                ws = wb[rs.SHEET]
                ws.cell(rs.FIRST_TASK_ROW, COL["content"]).value += "（本单位认为应由镇街负责）"
                ws.cell(rs.FIRST_TASK_ROW, COL["deadline"]).value = "2021年6月底"
                wb.save(f.path)
            if f.unit == AS_XLS:
                conv = Path(tmp) / "xls"
                profile = tempfile.mkdtemp(prefix="lo-")
                subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                                "--convert-to", "xls", "--outdir", str(conv), str(f.path)],
                               check=True, capture_output=True, env={**os.environ, "HOME": profile})
                shutil.rmtree(profile, ignore_errors=True)
                target = out / (f.path.stem + ".xls")
                shutil.copy(conv / (f.path.stem + ".xls"), target)
            elif f.unit == AS_GBK_CSV:
                ws = openpyxl.load_workbook(f.path)[rs.SHEET]
                buf = io.StringIO()
                w = csv.writer(buf)
                for row in ws.iter_rows(values_only=True):
                    w.writerow(["" if v is None else (v.strftime("%Y/%m/%d") if isinstance(v, dt.datetime) else v)
                                for v in row])
                target = out / (f.path.stem + ".csv")
                target.write_bytes(buf.getvalue().encode("gbk"))   # 「CSV（逗号分隔）」 in Chinese Excel
            else:
                shutil.copy(f.path, target)
            if f.unit == TWICE:
                when = dt.datetime(2020, 11, 19, 15, 30)     # sent early, corrected the next day: on time
            arrivals.append((target.name, when))
            if f.unit == TWICE:
                wb = openpyxl.load_workbook(target)
                ws = wb[rs.SHEET]
                ws.cell(rs.FIRST_TASK_ROW, COL["progress"]).value = "（更正版）" + str(ws.cell(rs.FIRST_TASK_ROW, COL["progress"]).value)
                wb.properties.modified = FIXED
                second = out / (target.stem + "（更正）.xlsx")
                wb.save(second)
                arrivals.append((second.name, when + dt.timedelta(days=1, hours=2)))
    evidence = out / "区农业农村委_佐证材料_验收报告.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% sample evidence attached to an e-mail\n")
    arrivals.append((evidence.name, dt.datetime(2020, 11, 20, 10, 0)))
    lock = out / "~$2020年11月_区水利局_进展情况报送表.xlsx"   # the clerk had it open in Excel
    lock.write_bytes(b"\x05zhangmin" + b"\x00" * 150)
    arrivals = mail_returns(out, arrivals)
    write_log(out / LOG_NAME, arrivals)
    print(f"已生成{len(arrivals)}个文件到 {out}")


def write_log(path: Path, arrivals: list[tuple[str, dt.datetime]]) -> None:
    """The clerk's receipt log: file and when it arrived, as kept in Excel and saved as CSV."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["文件", "收到时间"])
        for name, when in sorted(arrivals, key=lambda x: x[1]):
            w.writerow([name, when.strftime("%Y-%m-%d %H:%M")])


def read_log(path: Path) -> list[tuple[str, dt.datetime]]:
    with open(path, encoding="utf-8-sig") as fh:
        return [(r["文件"], dt.datetime.strptime(r["收到时间"], "%Y-%m-%d %H:%M")) for r in csv.DictReader(fh)]


def mail_message(name: str, data: bytes, when: dt.datetime, sender: str, style: str) -> bytes:
    """An e-mail as a mail client saves it (.eml), with the return attached and the office
    server's Received header at the time it arrived (Beijing time).  ``style`` is how the
    client writes the attachment's name: RFC 2047 in GBK (Foxmail, 网易) or RFC 2231 in UTF-8 (Outlook)."""
    import base64
    from email.mime.application import MIMEApplication
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from email.utils import format_datetime
    tz = dt.timezone(dt.timedelta(hours=8))
    msg = MIMEMultipart()
    msg["From"] = sender
    msg["To"] = OFFICE_MAIL
    subject = f"报送{name.split('_')[0]}进展情况"
    msg["Subject"] = "=?GBK?B?" + base64.b64encode(subject.encode("gbk")).decode() + "?="
    msg["Date"] = format_datetime((when - dt.timedelta(minutes=3)).replace(tzinfo=tz))
    msg["Received"] = (f"from mail.example.cn ([10.1.2.3]) by mx.example.com with ESMTP; "
                       f"{format_datetime(when.replace(tzinfo=tz))}")
    msg.attach(MIMEText("您好，附件是我单位本月进展情况报送表，请查收。", "plain", "gbk"))
    att = MIMEApplication(data, "vnd.ms-excel" if name.endswith(".csv") else
                          "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if style == "gbk":
        att["Content-Disposition"] = 'attachment; filename="=?GBK?B?' + base64.b64encode(name.encode("gbk")).decode() + '?="'
    else:
        att.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    msg.attach(att)
    return msg.as_bytes()


def mail_returns(out: Path, arrivals: list[tuple[str, dt.datetime]]) -> list[tuple[str, dt.datetime]]:
    """Replace the MAILED units' files by the .eml messages they came in; the log keeps the rest."""
    kept = []
    for name, when in arrivals:
        unit = next((u for u in MAILED if f"_{u}_" in name), None)
        if unit is None:
            kept.append((name, when))
            continue
        style, sender = MAILED[unit]
        p = out / name
        (out / f"报送{name.split('_')[0]}进展情况（{unit}）.eml").write_bytes(
            mail_message(name, p.read_bytes(), when, sender, style))
        p.unlink()
    return kept


if __name__ == "__main__":
    main()
