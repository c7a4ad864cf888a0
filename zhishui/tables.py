"""The tables a clerk reads (汇总, 报送情况, 校验结果, 异常清单), as plain rows.

Both the result workbook (openpyxl) and the add-in (xlwings, one range write
per table) show the same tables, so their columns are defined once, here.
Each table is (headers, rows, colour key column index or None).
"""
from __future__ import annotations

import datetime as dt

from .findings import Finding, code_cn
from .returnsheet import FIELD_CN as RETURN_FIELD_CN
from .values import state_as_written

# what a leader reads first, and what prints (SUMMARY_PRINTED columns); the provenance follows
# (重点任务 beside 序号 and printed: a list numbering each category from 1 (鄞州) is told apart on paper by it, the
# session-18 re-trial; hidden when the list has no categories)
SUMMARY_HEADERS = ["序号", "重点任务", "具体举措", "完成时限", "牵头（负责）单位", "状态", "灯", "上期状态", "与上期比较",
                   "销号", "调整后时限", "目标和本期数值",
                   "本期未报送单位", "说明", "牵头（负责）单位报送", "距期限（天）", "其他单位报送", "分歧",
                   "来源"]
SUMMARY_WIDTHS = [5, 14, 30, 11, 13, 8, 4, 8, 18, 7, 12, 18, 11, 26, 40, 8, 44, 28, 40]
SUMMARY_PRINTED = 15
# printed columns a month may leave empty for every task (no history yet, no 销号, 延期 or targets): hidden then, so
# the printed page is less small (a new-user trial: 19 columns fitted to A4 were unreadable)
SUMMARY_OPTIONAL = tuple(SUMMARY_HEADERS.index(h) for h in ("重点任务", "上期状态", "与上期比较", "销号", "调整后时限",
                                                           "目标和本期数值"))
SUMMARY_STATUS_COL, SUMMARY_LIGHT_COL = SUMMARY_HEADERS.index("状态"), SUMMARY_HEADERS.index("灯")
SUMMARY_PREVIOUS_COL, SUMMARY_CHANGES_COL = SUMMARY_HEADERS.index("上期状态"), SUMMARY_HEADERS.index("与上期比较")
SUMMARY_CLOSEOUT_COL, SUMMARY_TARGET_COL = SUMMARY_HEADERS.index("销号"), SUMMARY_HEADERS.index("目标和本期数值")
SUMMARY_WRAP = tuple(SUMMARY_HEADERS.index(h) for h in (
    "重点任务", "具体举措", "完成时限", "牵头（负责）单位", "与上期比较", "调整后时限", "目标和本期数值", "本期未报送单位",
    "说明", "牵头（负责）单位报送", "其他单位报送", "分歧", "来源"))
UNIT_HEADERS = ["单位", "应报任务数", "报送情况", "采用的文件", "收到时间", "时间依据", "收到份数", "报送行数",
                "联系人", "联系电话", "核对", "报送表上的填报人、电话、日期"]
UNIT_WIDTHS = [28, 10, 10, 50, 17, 40, 8, 8, 10, 14, 30, 30]
FINDING_HEADERS = ["严重程度", "类别（代码）", "序号", "字段", "工作表", "单元格", "说明", "建议", "文件"]
FINDING_WIDTHS = [8, 34, 6, 10, 12, 8, 60, 45, 40]
# columns the add-in appends to the 任务清单 sheet
LIST_STATUS_HEADERS = ["本期状态", "灯", "未报送单位", "说明"]
# the return fields as a clerk names them (the JSON keeps the English keys): every column of the return sheet
# (本期数值, 申请延期至, 延期理由 had been shown as extend_toP8 — the session-16 browser trial), and the reader's own
FIELD_CN = {**RETURN_FIELD_CN, "state": "完成状态", "percent": "完成比例", "progress": "进展情况", "problems": "存在问题",
            "next_steps": "下步打算", "evidence": "佐证材料", "reporter": "填报人", "phone": "联系电话",
            "report_date": "填报日期", "reference": "下发内容", "header": "表头", "identity": "隐藏标识",
            "form": "表格标题或说明", "label": "填报信息标签", "seq": "序号", "content": "任务内容",
            "deadline": "完成时限", "key": "任务编号", "category": "重点任务", "role": "本单位角色"}


def report_text(r) -> str:
    bits = [state_as_written(r.state, r.state_raw)]
    if r.percent is not None:
        bits.append(f"{r.percent:.0%}")
    elif r.percent_raw:
        bits.append(f"比例「{r.percent_raw}」")
    parts = [f"{r.unit}：{'，'.join(bits)}"]
    # every column of the unit's row in the return's order, 下步打算 too (the session-20 trial found it only in the JSON
    # and the database, the 来源 column naming its cell: README says adopted content is in this workbook)
    for label, value in (("进展", r.progress), ("问题", r.problems), ("下步打算", r.next_steps), ("佐证", r.evidence)):
        if value and value.strip():
            # the unit's own sentence loses its closing mark: 「…推进中。；问题」 reads badly
            parts.append(f"{label}：{value.strip().rstrip('。；;，,')}")
    return "；".join(parts)


def source_text(r) -> str:
    cells = "、".join(f"{FIELD_CN.get(k, k)}{v}" for k, v in r.cells.items())
    return f"{r.file}｜{r.sheet}｜第{r.row}行（{cells}）"


def summary_rows(statuses, changes: dict | None = None) -> list[list]:
    """One row per task; ``changes`` (Month.changes) fills 与上期比较."""
    from .changes import changes_text
    changes = changes or {}
    rows = []
    for ts in statuses:
        t = ts.task
        rows.append([t.seq, t.category, t.full_content, t.deadline_text, "、".join(s.unit for s in ts.shares),
                     ts.status, ts.light, ts.previous or "", changes_text(changes.get(t.key, [])),
                     ts.closeout, adjusted_text(ts), target_text(ts.measured),
                     "、".join(ts.missing_units), ts.reason + node_note(ts),
                     "\n".join(report_text(r) for r in ts.lead_reports), ts.days_left,
                     "\n".join(report_text(r) for r in ts.other_reports), "；".join(ts.disagreements),
                     "\n".join(source_text(r) for r in ts.lead_reports + ts.other_reports)])
    return rows


def node_note(ts) -> str:
    """；已过节点「6月30日前完成方案」，本期未报完成，请核实 (README 「任务状态怎么定」: a node is said, not judged)."""
    return f"；已过节点「{ts.nodes_text}」，本期未报完成，请核实该节点是否按时完成" if ts.nodes_passed else ""


def adjusted_text(ts) -> str:
    """调整后时限 (原时限) when an approved extension moved the deadline; else the requests still to be decided."""
    if ts.extension is None or ts.due is None:
        return ts.asked_text()
    return f"{ts.due:%Y-%m-%d}（原{ts.original_due:%Y-%m-%d}）" if ts.original_due else f"{ts.due:%Y-%m-%d}"


def _num(x) -> str:
    """A figure as printed: at most two decimals (94.9008 -> 94.9)."""
    return f"{round(x, 2):g}" if isinstance(x, (int, float)) else ""


def target_text(ms) -> str:
    """The target in one cell: ≥85%；本期86.5%；达标."""
    if ms is None:
        return ""
    unit = ms.target.unit
    if ms.value is None:     # (「本期未报数值；未报数值」 said it twice: the session-18 re-trial)
        return f"{ms.target.label}；本期未报数值" + (f"，{ms.gap_text}" if ms.gap_text else "")
    return f"{ms.target.label}；本期{_num(ms.value)}{unit}；{ms.verdict}" + (f"，{ms.gap_text}" if ms.gap_text else "")


# the year's tables (README 「销号」「延期」「目标怎么判」「佐证材料归到哪项任务」)
CLOSEOUT_HEADERS = ["序号", "任务内容", "答复单位", "本期状态", "销号", "依据", "佐证材料文件"]
CLOSEOUT_WIDTHS = [6, 44, 20, 9, 8, 50, 36]
EXTENSION_HEADERS = ["序号", "任务内容", "申请单位", "原时限", "申请延期至", "延期理由", "办理", "办理情况"]
EXTENSION_WIDTHS = [6, 40, 20, 11, 12, 36, 8, 44]
TARGET_HEADERS = ["序号", "指标", "目标值", "目标来源", "完成时限", "本期数值", "基期值", "序时目标值", "判定", "差距", "各单位数值"]
TARGET_WIDTHS = [6, 36, 10, 10, 11, 10, 8, 10, 16, 14, 36]
EVIDENCE_HEADERS = ["文件", "单位", "序号", "任务内容", "归入依据"]
EVIDENCE_WIDTHS = [50, 24, 6, 40, 36]


def seq_and_text(task, text: str) -> tuple[str, str]:
    """(序号 cell, text cell) of a task in a table: a task with no 序号 of its own shows its row with its text,
    plainly, not as if 「第5行」 were its number (the session-18 trial's 目标 table: 「第5行」 in the 序号 column)."""
    if task.seq:
        return task.seq, text
    return "", f"（清单第{task.row}行，无序号）{text}"


def closeout_rows(m) -> list[list]:
    files: dict[tuple, list[str]] = {}
    for s in m.evidence:
        files.setdefault((s.unit, s.task), []).append(s.file)
    out = []
    for ts in m.statuses:
        if not ts.closeout:
            continue
        mine = [f for s in ts.shares for f in files.get((s.unit, ts.task.key), [])]
        out.append([*seq_and_text(ts.task, ts.task.full_content), "、".join(s.unit for s in ts.shares),
                    ts.status, ts.closeout, ts.closeout_note, "\n".join(mine)])
    return out


def extension_rows(m) -> list[list]:
    out = [[*seq_and_text(r.task, r.task.full_content), r.unit, f"{r.due:%Y-%m-%d}" if r.due else "",
            f"{r.asked:%Y-%m-%d}" if r.asked else r.asked_raw, r.reason, r.state,
            r.note] for r in m.requests]
    asked = {(r.task.key, r.unit) for r in m.requests}
    for ts in m.extended:      # agreed earlier, in force this period
        d = ts.extension
        if (ts.task.key, d.unit) in asked:
            continue
        out.append([*seq_and_text(ts.task, ts.task.full_content), d.unit, f"{ts.original_due:%Y-%m-%d}",
                    f"{d.new_due:%Y-%m-%d}", "", "在执行", d.text()])
    return out


def target_rows(m) -> list[list]:
    out = []
    for ts in m.measured:
        ms = ts.measured
        unit = ms.target.unit
        out.append([*seq_and_text(ts.task, ms.target.indicator), ms.target.label, ms.target.source,
                    f"{ms.due:%Y-%m-%d}" if ms.due else "",
                    f"{_num(ms.value)}{unit}" if ms.value is not None else "", _num(ms.baseline),
                    _num(ms.path), ms.verdict, ms.gap_text,
                    "；".join(f"{u}：{_num(x)}{unit}" for u, x in ms.by_unit.items())])
    return out


def evidence_rows(m) -> list[list]:
    by_key = {t.key: t for t in m.tl.tasks}
    return [[s.file, s.unit or "（单位不明）",
             *(seq_and_text(by_key[s.task], by_key[s.task].full_content) if s.task in by_key else ("", "")),
             s.task_how] for s in m.evidence]


def unit_rows(units) -> list[list]:
    from .month import state_word
    # (a time known only as a day — the sheet's 填报日期 — is a date, not 「00:00:00」: trial 29)
    return [[u.unit, u.tasks, state_word(u.state), u.file,
             (u.received.date() if u.received_date_only else plain(u.received)) if u.received else u.received_text,
             u.received_source if u.received_how else u.received_text,
             u.versions, u.rows, u.contact, u.phone, u.check_text, u.filled_by] for u in units]


def finding_rows(findings: list[Finding]) -> list[list]:
    """异常清单, 校验结果, 问题清单: the 代码 column names the kind in Chinese with the stable code beside it
    (单位不在名录中（UNKNOWN_UNIT）); the JSON keeps the bare code."""
    return [[f.severity, kind_text(f.code), f.task, f.field, f.sheet, f.cell, f.message, f.suggestion, f.file]
            for f in findings]


def kind_text(code: str) -> str:
    cn = code_cn(code)
    return code if cn == code else f"{cn}（{code}）"


def list_status_columns(statuses, first_row: int, last_row: int) -> list[list]:
    """Status columns aligned with the rows of the list sheet (1-based Excel rows),
    empty on rows that are not the first row of a task (one block write)."""
    by_row = {ts.task.row: ts for ts in statuses}
    out = []
    for r in range(first_row, last_row + 1):
        ts = by_row.get(r)
        out.append([ts.status, ts.light, "、".join(ts.missing_units), ts.reason] if ts else [None] * 4)
    return out


def plain(v):
    """A value both openpyxl and xlwings write as shown (dates stay dates)."""
    if isinstance(v, dt.datetime):
        return v.replace(microsecond=0)
    return v
