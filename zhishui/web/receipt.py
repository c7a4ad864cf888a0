"""An upload's 回执: what the reader made of that one file, and how uploads lie in an inbox.

The reader is ``collect`` over an inbox holding just the uploaded file and the server's receipt
log; the state is ``month.unit_reports`` of that collection.  So the receipt says what the month
will say about the file, nothing of its own.
"""
from __future__ import annotations

import csv
import json
import datetime as dt
import re
import tempfile
from pathlib import Path

from .. import returnsheet as rs
from ..collect import UNREADABLE_NOTE, collect
from ..fileutil import atomic_path, safe_filename
from ..findings import ERROR
from ..collect import adopted_of
from ..month import unit_reports
from ..receipts import REFUSED, UPLOAD
from ..tasks import TaskList

INBOX_DIR, UPLOADS_DIR, CLERK_DIR, LOCAL_DIR = "收到", "网页上传", "办事员添加", "本机文件夹"
REFUSED_DIR = "未采用的上传"     # beside 收到 in the export, never read with the month
LOG_NAME = "网页上传收件记录.csv"
SHOWN_NOTES = ("PERIOD_ASSUMED", "LIST_CHANGED")   # 提示 a unit should see on its receipt


def upload_name(unit: str, receipt_no: str, suffix: str) -> str:
    """How an upload is named in an inbox: the token's unit and the receipt, never the user's name."""
    return f"{safe_filename(unit)}_{receipt_no}{suffix}"


def write_log(path: Path, rows, refused=()) -> None:
    """The server's 收件记录: file, unit, time received (to the microsecond), 方式 上传, receipt; then
    ``refused`` (file, unit, time, receipt, why): uploads not adopted, 方式 上传未采用 with the reason, which
    the month shows instead of 「尚未收到」 (their files are kept under 未采用的上传, not in 收到)."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(["文件", "单位", "收到时间", "方式", "回执编号", "说明"])
            for name, unit, when, no in rows:
                w.writerow([name, unit, when.isoformat(sep=" "), UPLOAD, no, ""])
            for name, unit, when, no, why in refused:
                w.writerow([name, unit, when.isoformat(sep=" "), REFUSED, no, why])


def refusal(summary: dict) -> str:
    """Why an upload was not adopted, in one sentence (the 回执's first error)."""
    if summary.get("refused"):
        return summary["refused"]
    first = next((f["message"] for f in summary.get("fixes", []) if f.get("severity") == ERROR), "")
    return first.removesuffix("，未采用") or "未能采用"


# an upload's 回执 state, as the month reads the file (collect's status): what ``adopted_of`` weighs
READ_AS = {"已报送": "counted", "逾期报送": "counted", "空表": "empty", "无法读取": "unreadable"}


def adopted_upload(uploads):
    """Of a unit's uploads through its link (in order of arrival), the one the month takes: the engine's rule
    (``collect.adopted_of``: the last with content, else the last blank, else the last that cannot be opened);
    None when every one was refused (another unit's sheet, not a return, cut off).  Trial 13
    saw a page mark a later unreadable file 「以这一份为准」 while the month took the earlier readable one."""
    return adopted_of([u for u in uploads if u["accepted"]],
                      lambda u: READ_AS.get(json.loads(u["summary"] or "{}").get("state")))


def interrupted_words(upload, adopted, adopted_state: str) -> str:
    """What an upload cut off by a stopped server means now, said beside it on the unit's page, however many
    uploads came after it (trial 14: 教体局's v2, cut off before an unreadable upload, was shown only as
    「上传中断，未确认收到」).  ``adopted``: the upload the month takes (``adopted_upload``), in ``adopted_state``."""
    text = "服务器没有处理完这份文件，没有给出回执，不算本期报送"
    if adopted is None or adopted_state not in ("已报送", "逾期报送"):
        return text + "，请重新上传"
    if adopted["received_at"] > upload["received_at"]:
        return text + f"（本期按之后收到的「{adopted['original_name']}」汇总）"
    return text + f"（本期仍按之前收到的「{adopted['original_name']}」汇总），要更正请重新上传"


def on_time_upload(uploads, due: dt.date) -> dt.datetime | None:
    """When the unit's first accepted upload with content reached the server by the deadline, if
    one did: after it, a late upload is a 逾期更正, not a late return (README 「报送情况和收到时间」)."""
    times = [u["received_at"] for u in uploads if u["accepted"] and u["received_at"].date() <= due
             and json.loads(u["summary"] or "{}").get("state") in ("已报送", "逾期报送")]
    return min(times, default=None)


def late_words(state: str, due: dt.date, on_time: dt.datetime | None) -> tuple[str, str]:
    """The state a late upload shows and the sentence beside it.  Punctuality is the unit's first
    return with content: an on-time upload before it makes this one a correction; a return e-mailed
    in time is known only to the clerk's month, so the receipt says how it would count."""
    if state != "逾期报送":
        return state, ""
    if on_time is not None:
        return "已报送", (f"逾期更正：本单位{on_time.month}月{on_time.day}日已按时报送，这次更正在截止日期"
                        f"（{due.month}月{due.day}日）之后收到，内容采用，不算逾期报送")
    return state, "截止前已用邮件等其他方式报送过的，办事员汇总时按第一次报送认定为按时，这次算逾期更正"


def _to_unit(text: str) -> str:
    """The reader's words are the clerk's (请让该单位重新报送, 请让报送单位…, and the note 「按「无法读取」催报」);
    the 回执 speaks to the unit itself (请重新报送) and keeps the clerk's notes out (trial 13)."""
    text = UNREADABLE_NOTE.sub("", text or "")
    return re.sub(r"请(?:让)?(?:该|报送)单位", "请", text).replace("该单位", "本单位")


def for_unit(summary: dict) -> dict:
    """A stored 回执 as the unit sees it now: the reader's words put to the unit (receipts given before they
    were stored so), and no task 'not filled' of a file that was not read as its return."""
    s = dict(summary)
    s["fixes"] = [{**f, "message": _to_unit(f.get("message", "")), "suggestion": _to_unit(f.get("suggestion", ""))}
                  for f in s.get("fixes", [])]
    if s.get("state") not in ("已报送", "逾期报送", "空表") or not s.get("accepted", True):
        s["missing"] = []
    return s


def _shown(r, f: str) -> str:
    """A field of a report as the receipt shows it: the value read (a percent as 80%, a date as 2026-12-31), or
    what was typed when it could not be read as one."""
    if f == "state":
        return r.state or r.state_raw
    if f == "percent":
        return f"{r.percent * 100:.0f}%" if r.percent is not None else r.percent_raw
    if f == "value":
        return r.value_raw or ("" if r.value is None else f"{r.value:g}")
    if f == "extend_to":
        return r.extend_to.isoformat() if r.extend_to else r.extend_raw
    return str(getattr(r, f, "") or "")


def read_items(r, form: bool) -> list[dict]:
    """Every field the reader took from one task's row (README: the 回执 shows 「读到的每项内容和位置」), each with
    its cell — none on a web form, where the unit typed into the task's field, not a cell."""
    return [{"field": rs.FIELD_CN[f], "value": v, "cell": "" if form else r.cells.get(f, "")}
            for f in rs.FILL_FIELDS if (v := _shown(r, f))]


def fix_place(a, form: bool) -> str:
    """Where a 回执's finding points: the cell in a workbook; on a web form the task and the field (序号2「完成状态」)."""
    if not form:
        return "!".join(x for x in (a.sheet, a.cell) if x)
    return (f"序号{a.task}" if a.task else "") + (f"「{a.field}」" if a.field else "")


def read_upload(tl: TaskList, files, period: dt.date, due: dt.date, unit: str, no: str, sha: str, suffix: str,
                received: dt.datetime, on_time: dt.datetime | None = None, *, form: bool = False) -> dict:
    """What the reader makes of one upload, for the 回执; ``accepted`` is False when the file
    is another unit's return or another period's (it then counts for nobody this month).
    ``on_time``: when the unit's earlier upload with content came in time (see ``on_time_upload``).
    ``form``: the unit filled the web form (its workbook is the server's own making)."""
    with tempfile.TemporaryDirectory(prefix="zhishui-read-") as tmp:
        inbox = Path(tmp) / INBOX_DIR
        name = upload_name(unit, no, suffix)
        files.link(sha, suffix, inbox / UPLOADS_DIR / name)
        write_log(inbox / LOG_NAME, [(name, unit, received, no)])
        col = collect(tl, [inbox], period, due=due)
    expected = tl.units().get(unit, {})
    subs = [s for s in col.submissions if s.status not in ("email", "ignored", "receipts")]
    wrong = sorted({s.unit for s in subs if s.unit and s.unit != unit})
    # a return of another period through this period's link: kept, not part of this month
    other_period = any(s.status == "other_period" for s in subs)
    mine = next((u for u in unit_reports(col) if u.unit == unit), None)
    refused = bool(wrong) or other_period
    state = mine.state if mine is not None and mine.state != "未报送" and not refused else "未能采用"
    state, late_note = late_words(state, due, on_time)
    tasks = {t.key: t for t in tl.tasks}
    reports = [r for s in subs if s.status == "counted" and s.unit == unit for r in s.reports if r.filled]
    rows = [{"seq": tasks[r.task].label if r.task in tasks else "", "content": tasks[r.task].content[:60]
             if r.task in tasks else "", "state": r.state or r.state_raw, "percent": r.percent,
             "progress": r.progress, "problems": r.problems, "next_steps": r.next_steps,
             "evidence": r.evidence, "items": read_items(r, form),
             "where": "网页填写" if form else f"{r.sheet}!第{r.row}行"} for r in reports]
    fixes = [{"severity": a.severity, "message": _to_unit(a.message), "suggestion": _to_unit(a.suggestion),
              "where": fix_place(a, form)}
             for a in col.anomalies if a.severity != "提示" or a.code in SHOWN_NOTES]
    if wrong:
        fixes.insert(0, {"severity": ERROR, "where": "",
                         "message": f"这是「{'、'.join(wrong)}」的报送表，不是本单位（{unit}）的，未采用",
                         "suggestion": "请上传本单位的报送表；每个单位只能通过自己的链接报送"})
    read = {r.task for r in reports}
    # only a return read as this unit's has tasks 'not filled': of a file that could not be opened, or was not
    # adopted, nothing was read (trial 13: a receipt of 无法读取 listed the unit's task as 没有填写)
    missing = [{"seq": tasks[k].label, "content": tasks[k].content[:60]} for k in expected
               if k not in read and k in tasks] if state in ("已报送", "逾期报送", "空表") else []
    return {"unit": unit, "accepted": not refused, "state": state, "form": form,
            "received": received.isoformat(sep=" "), "due": due.isoformat(), "late": received.date() > due,
            "late_note": late_note,
            "files": [{"file": s.file.rsplit("/", 1)[-1], "status": s.status, "unit": s.unit, "period": s.period,
                       "rows": s.rows, "format": s.format} for s in subs],
            "rows": rows, "missing": missing, "fixes": fixes, "expected": len(expected)}
