"""The return workbook (报送表) every unit gets: its layout and its hidden identity.

Split writes it, collect reads it back whatever the unit did to it, so both
take the layout from here.  Identity is kept three ways, each surviving more
abuse than the last: a very-hidden sheet (unit, period, list fingerprint,
task keys, digests of the reference text), a hidden 任务编号 column on every
row (survives copying the sheet into a new workbook and saving as CSV), and
the visible title lines (填报单位 / 报送期), which a person can read too.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

SHEET = "报送表"
IDENTITY_SHEET = "_zhishui"
IDENTITY_MAGIC = "zhishui-return-v1"
PASSWORD = "zhishui"   # protection against accidental edits, not a secret (documented)

# columns, in order: (field, header).  Grey (issued, locked): REFERENCE, the 任务编号 (hidden) and
# the 办理意见 and 目标值 after it; white (the unit fills): FILL.  The year's columns come after
# the hidden 任务编号, so a return keeps round 1's A:L layout: 办理意见 carries the clerk's word on
# the task (an approved extension, a returned close-out); 目标值 / 本期数值 the measured target
# (targets.py); 申请延期至 / 延期理由 a request for more time (decisions.py).
REFERENCE = [("seq", "序号"), ("category", "重点任务"), ("content", "具体举措"),
             ("deadline", "完成时限"), ("role", "本单位角色")]
FILL = [("state", "完成状态"), ("percent", "完成比例"), ("progress", "进展情况"),
        ("problems", "存在问题"), ("next_steps", "下步打算"), ("evidence", "佐证材料"),
        ("value", "本期数值"), ("extend_to", "申请延期至"), ("extend_reason", "延期理由")]
KEY_HEADER = "任务编号"
YEAR_REFERENCE = [("notice", "办理意见"), ("target", "目标值")]
EXTRA_PREFIX = "参考："   # extra columns of the list, shown after the fill columns (never read back)
# The plan importer's notes for the clerk (zhishui/plan/writer.py: where a task came from, what it
# was unsure of): not the unit's business, so never shown on a return sheet.
CLERK_ONLY_EXTRAS = frozenset({"来源", "待核实"})
COLUMNS = REFERENCE + FILL[:6] + [("key", KEY_HEADER)] + YEAR_REFERENCE + FILL[6:]
REFERENCE_FIELDS = [f for f, _ in REFERENCE] + ["key"] + [f for f, _ in YEAR_REFERENCE]
TITLE_ROW, INFO_ROW, HEADER_ROW = 1, 2, 4   # Excel rows
FIRST_TASK_ROW = HEADER_ROW + 1
FOOTER_FIELDS = [("reporter", "填报人"), ("phone", "联系电话"), ("report_date", "填报日期")]

STATES = ["已完成", "序时推进", "进度滞后", "未启动", "持续推进"]
STATE_HELP = {
    "已完成": "任务全部完成（请在「佐证材料」中列明文件、照片等）",
    "序时推进": "正在推进，进度符合时间要求",
    "进度滞后": "正在推进，但进度落后于时间要求（请在「存在问题」中说明原因）",
    "未启动": "尚未开始",
    "持续推进": "长期坚持类任务，本期已按要求落实",
}
ROLE_CN = {"lead": "牵头", "responsible": "责任", "cooperating": "配合"}

# Header synonyms for reading a return back (units rename and insert columns).
RETURN_FIELDS = {
    "key": (KEY_HEADER, "任务id", "任务key"),
    "seq": ("序号", "编号", "任务序号"),
    "category": ("重点任务", "任务类别", "工作任务", "主要任务"),
    "content": ("具体举措", "工作具体内容", "任务内容", "工作内容", "整改措施", "具体任务", "任务", "具体措施", "工作措施",
                "主要措施"),
    "deadline": ("完成时限", "完成期限", "工作完成期限", "时限", "整改时限"),
    "role": ("本单位角色", "角色", "责任类型"),
    "state": ("完成状态", "状态", "进展状态", "是否完成", "完成情况"),
    "percent": ("完成比例", "完成进度", "进度", "完成率", "完成百分比", "比例"),
    "progress": ("进展情况", "工作进展", "进展", "推进情况", "落实情况", "工作进展情况", "本期进展"),
    "problems": ("存在问题", "问题", "存在的问题", "困难和问题"),
    "next_steps": ("下步打算", "下一步打算", "下步计划", "下一步工作", "下一步计划"),
    "evidence": ("佐证材料", "佐证", "证明材料", "附件"),
    "notice": ("办理意见",),
    "target": ("目标值", "目标"),
    "value": ("本期数值", "本期值", "实际值", "本期完成值"),
    "extend_to": ("申请延期至", "延期至", "申请延期"),
    "extend_reason": ("延期理由", "延期原因", "申请延期理由"),
}
FIELD_CN = {f: h for f, h in COLUMNS} | {f: h for f, h in FOOTER_FIELDS}
FILL_FIELDS = [f for f, _ in FILL]


def period_cn(period: dt.date) -> str:
    return f"{period.year}年{period.month}月"


def period_key(period: dt.date) -> str:
    return f"{period.year:04d}-{period.month:02d}"


def key_after(key: str) -> str:
    """2020-12 -> 2021-01: the period after a period key."""
    y, m = (int(x) for x in key.split("-")[:2])
    return f"{y + 1:04d}-01" if m == 12 else f"{y:04d}-{m + 1:02d}"


def reference_digest(seq: str, category: str, content: str, deadline: str) -> str:
    """Digest of the reference text as issued; a different digest on read-back
    means the unit edited the task text or deadline."""
    h = hashlib.sha256("\x1f".join([seq, category, content, deadline]).encode("utf-8"))
    return h.hexdigest()[:12]


def title_text(plan_name: str, period: dt.date) -> str:
    return f"{plan_name or '工作任务'}{period_cn(period)}进展情况报送表"


def info_text(unit: str, period: dt.date, due: dt.date | None) -> str:
    s = f"填报单位：{unit}　　报送期：{period_cn(period)}"
    if due:
        s += f"　　报送截止：{due.year}年{due.month}月{due.day}日"
    return s


INFO_UNIT_RE = re.compile(r"(?:填报单位|报送单位|单位名称|单位)\s*[:：]\s*([^\s　:：]+?)(?=报送期|填报日期|\s|$)")
PERIOD_RE = re.compile(r"(\d{4})\s*(?:年|-|/|\.|_)\s*(\d{1,2})\s*月?")
