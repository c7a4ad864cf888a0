"""A table whose rows a copy ran on one after another, its cells kept apart by spaces, with no
row numbers:

    …职责清单 工作任务和内容 责任单位 配合单位 完成时间 负责全县…的舆论宣传,…公开曝光. 县委宣传部 持续开展
    负责…督导和检查考核工作. 县委县政府 督查室 持续开展 …

Empty cells left no trace, so pieces are not columns by position: each piece is put by its shape
(cellshapes.shape) — text is the task, a unit list the first unit column, a time the time column —
and a row ends where text begins again after its units.  A unit name the page wrapped inside its
cell (县交通 运输局) is joined again when the two pieces make one name and the first alone does not.
"""
from __future__ import annotations

import re

from .attributions import looks_like_unit_list
from .cellshapes import shape
from .textheaders import UNIT_FIELDS, _is_header, field_of

# 持续开展 / 长期坚持: a time cell written as a standing duty
STANDING_RE = re.compile(r"^(?:持续|长期|常态化?|每年|每月|每季度?|立即)[\u4e00-\u9fff]{0,4}$")
STOP_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|附件)")


def _header_at(toks: list[str]) -> tuple[int, int] | None:
    """(first, end) of the header cells among the pieces of a line: three or more known headers in a
    row, naming a unit column, the task and its time."""
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and len(toks[j]) <= 12 and field_of(toks[j]):
            j += 1
        fields = [field_of(t) for t in toks[i:j]]
        if j - i >= 3 and _is_header(fields) and "content" in fields and set(fields) & set(UNIT_FIELDS):
            return i, j
        i = j + 1
    return None


def _is_time(piece: str) -> bool:
    return bool(STANDING_RE.match(piece)) or shape(piece) == "deadline"


def _is_units(piece: str) -> bool:
    return len(piece) <= 30 and looks_like_unit_list(piece)


def spaced_rows_table(lines: list[str], i: int):
    """(rows, end line, notes, text before the header) of such a table starting in line i, or None."""
    toks = lines[i].split()
    found = _header_at(toks)
    if found is None:
        return None
    a, b = found
    headers = toks[a:b]
    fields = [field_of(h) for h in headers]
    body = toks[b:]
    k = i + 1
    while k < len(lines) and not STOP_RE.match(lines[k]):
        body += lines[k].split()
        k += 1
    if any(re.fullmatch(r"\d{1,3}", t) for t in body):
        return None                      # numbered rows: the other readers' layouts
    text_at = fields.index("content")
    unit_at = next(c for c, f in enumerate(fields) if f in UNIT_FIELDS)
    time_at = fields.index("deadline") if "deadline" in fields else None
    rows: list[list[str]] = [headers]
    row: list[str] | None = None
    state = "text"
    n = 0
    while n < len(body):
        t = body[n]
        nxt = body[n + 1] if n + 1 < len(body) else ""
        if state in ("units", "time") and not _is_units(t) and not _is_time(t) and (len(t) > 12 or re.search(r"[。.；;]$", t)):
            row, state = None, "text"     # text after the units: the next row's task
        starts_units = _is_units(t) or len(t) <= 6 and bool(nxt) and _is_units(t + nxt)
        if state == "text" and not starts_units or row is None:
            if row is None:
                row = [""] * len(headers)
                rows.append(row)
            if starts_units and row[text_at]:
                state = "units"
                continue
            row[text_at] += t
            n += 1
            continue
        if nxt and not _is_units(t) and _is_units(t + nxt) or _is_units(t) and nxt and len(nxt) <= 3 \
                and _is_units(t + nxt) and not _is_time(nxt):
            t, n = t + nxt, n + 1         # 县交通 运输局: one name the cell wrapped
        if _is_units(t) and state != "time":
            row[unit_at] += ("、" if row[unit_at] else "") + t
            state = "units"
        elif time_at is not None and (_is_time(t) or state == "time" and len(t) <= 12 and not re.search(r"[。.；;]$", t)):
            row[time_at] += (" " if row[time_at] else "") + t
            state = "time"
        else:
            row, state = None, "text"
            continue
        n += 1
    rows = [r for r in rows[:1] + [r for r in rows[1:] if r[text_at] and r[unit_at]]]
    if len(rows) < 3:
        return None
    notes = ["表格各行连在一起、各格以空格分隔且没有序号，各格是按内容的形状（单位名称、时间、文字）归入各列的，请逐行核对"]
    return rows, k, notes, " ".join(toks[:a])
