"""Tables whose cells a copy ran together with no separator at all.

A document site that turns a Word table into text may drop every cell boundary:
``序号工作内容目标任务责任单位备注1将生活垃圾…。2021年2月底前,…。市委宣传部、…2完善…``.
Nothing separates the cells, but three things are known: the header words (the
same vocabulary as every other table reader), the row numbers (1, 2, 3… in
order, each written straight after the last cell of the row before), and the
shape of unit names (…局/委/办/公司/街道…).  So the header is cut into known
words, the rows at their consecutive numbers, and each row into its text (up to
a full stop) and its units (the run of unit-shaped names after it).  Where the
boundary between two unit columns cannot be seen, the first unit takes the first
unit column and the rest the next one, and the row says so for the review.
"""
from __future__ import annotations

import re

from .attributions import VERB_RE
from .cellshapes import kind_of_field
from .runheader import cell_field, find_header
from .unitshapes import office_like, strong_unit_start, units_at

# a site's page marker at a line start (1、 2、): the text runs on across it
PAGE_MARKER_RE = re.compile(r"^\s*(\d{1,3})、(?!、)")
# what may follow a row number: not a measure word (12个, 3%以内, 2021年)
NOT_AFTER_NUMBER = "个年月日号万千百元%％人项次条家所座公里米亩吨户件台辆届期批栋间处名册座倍位.．、,，"
# a unit name ends (…局 / …公司 / …街道 / …(管委会)): a row number may follow
CELL_END = "局委办府会司心队道镇乡区县园所院站部厅团联室社处科)）】"


def _row_starts(body: str) -> list[int]:
    """Where rows 1, 2, 3… begin: each number written straight after the end of a cell."""
    starts = [0]
    k, pos = 2, 1
    while True:
        num = str(k)
        found = None
        for m in re.finditer(re.escape(num), body[pos:]):
            p = pos + m.start()
            before = body[p - 1] if p else ""
            after = body[p + len(num)] if p + len(num) < len(body) else ""
            if before.isdigit() or after.isdigit() or not after or after in NOT_AFTER_NUMBER:
                continue
            if before == "第" or not (before in CELL_END or before in "。；;" or "\u4e00" <= before <= "\u9fff"):
                continue
            found = p
            break
        if found is None:
            return starts
        starts.append(found)
        pos, k = found + len(num), k + 1


# a deadline cell: the expression, then a short word of what happens by then (动工 / 投入使用 / 完成)
DEADLINE_CELL_RE = re.compile(r"(?:即时开始|立即(?:开始|实施)?|长期(?:坚持)?|持续(?:推进|开展)?|常年|每年|每月|每季度?|已完成)"
                              r"|(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:底|末|份|中旬|上旬|下旬)?(?:前|以前|之前)?")
DEADLINE_TAIL_RE = re.compile(r"(?:前|以前|之前)?(?:全面)?(?:完成|开始|动工|开工|建成|投入使用|投入运营|投运|竣工|见效)?")
# where a unit cell may begin after a text cell: after a full stop or a bracket, a number or a percentage
AFTER_TEXT = "。；;)）%”\""


def _deadline_at(s: str, q: int) -> int:
    """Where a deadline cell starting at q ends (q when none starts there)."""
    from .dates import DEADLINE_RE
    end = q
    for _ in range(2):                      # 即时开始 长期坚持 / 2014年开始 4年内完成
        m = DEADLINE_RE.match(s, end) or DEADLINE_CELL_RE.match(s, end)
        if not m or m.end() == end:
            break
        end = DEADLINE_TAIL_RE.match(s, m.end()).end()
    return end

def _find_units(s: str, pos: int, skip: int = 0, after: str | None = None) -> int | None:
    """Where the unit cell after a text cell starts (``skip``: a person's name before it).  A start
    after a full stop, bracket or number is tried first, one that only looks like a unit name inside
    the text (…全面截污市规划局) after; the units found must end where a cell can end."""
    stop = min(len(s), pos + 1000)          # a text cell is not longer than that
    punct = [q for q in range(pos + 2, stop) if s[q - 1] in AFTER_TEXT or s[q - 1].isdigit()]
    seen = set(punct)
    first = None
    for q in punct + [q for q in range(pos + 2, stop) if q not in seen and strong_unit_start(s, q)]:
        if s[q].isdigit() or s[q] in NOT_AFTER_NUMBER or s[q] in "。；;":
            continue
        names, end = units_at(s, q + skip)
        if names and _cell_ends(s, end, after):
            # an office (…局/…委), a group (各…) or a list first: 建公办 after 新(改、扩) is a word of the text
            if office_like(names):
                return q
            first = q if first is None else first
    return first


def _cell_ends(s: str, end: int, after: str | None) -> bool:
    """Can the unit cell end here, given the column after it?"""
    if end >= len(s) or after in ("text", "person"):
        return True
    if after == "deadline":
        return _deadline_at(s, end) > end
    # the last cell of its row: a sub-row of the same item may follow (推进…。)
    return s[end].isdigit() or s[end] in "。；;" or bool(VERB_RE.match(s, end)) and "。" in s[end:]


def _find_deadline(s: str, pos: int) -> int | None:
    for q in range(pos + 1, len(s)):
        if _deadline_at(s, q) > q and (q == 0 or not s[q - 1].isdigit()):
            return q
    return None


def parse_row(s: str, kinds: list[str]) -> list[str]:
    """A row's text (its number taken off) -> one text per column, in header order."""
    out = [""] * len(kinds)
    pos = 0
    i = 0
    while i < len(kinds) and pos < len(s):
        kind = kinds[i]
        if kind == "units":
            names, end = units_at(s, pos)
            out[i] = "、".join(names)
            pos = end if names else pos
        elif kind == "deadline":
            end = _deadline_at(s, pos)
            out[i], pos = s[pos:end], end
        elif kind == "text" and i and kinds[i - 1] == "text":
            pass                    # text columns side by side share one span (given to the first)
        else:
            later = [k for k in kinds[i + 1:] if k != "text"]
            nxt = later[0] if later else None
            end = None
            if nxt in ("units", "person") and kind == "text" and "units" in later:
                # text, then (a person's name and) the units: found by the units' shape
                at = later.index("units")
                after = later[at + 1] if at + 1 < len(later) else _after_units(kinds, i)
                skip = 3 if nxt == "person" else 0
                end = _find_units(s, pos, skip, after)
            elif nxt == "deadline":
                end = _find_deadline(s, pos)
            if nxt is None or end is None:
                end = len(s) if nxt is None else _sentence_end(s, pos)
            if kind == "person":
                # 何海平教育局 / 耿春峰2017年末: a name of two or three characters
                k = 2 if len(s) > pos + 2 and s[pos + 2] in "市区县省镇乡各" else 3
                end = min(end, pos + k) if nxt == "units" else end
            out[i], pos = s[pos:end], end
        i += 1
    if pos < len(s):
        out.append(s[pos:])         # what is left: a sub-row, said by the caller
    return out


def _after_units(kinds: list[str], i: int) -> str | None:
    """The kind of column after the unit columns that follow column i (None: they end the row)."""
    k = kinds.index("units", i)
    while k < len(kinds) and kinds[k] == "units":
        k += 1
    return kinds[k] if k < len(kinds) else None


def _sentence_end(s: str, pos: int) -> int:
    k = s.find("。", pos)
    return len(s) if k < 0 else k + 1


def run_together_table(lines: list[str], i: int):
    """(rows, end line, row notes, text before the header) of a run-together table starting in line i."""
    line = lines[i]
    found = find_header(line)
    if found is None:
        return None
    start, end, cells = found
    body = line[end:]
    k = i + 1
    while k < len(lines) and lines[k].strip() and not re.match(r"^\s*(?:[一二三四五六七八九十]+、|附件)", lines[k]):
        body += PAGE_MARKER_RE.sub("", lines[k].strip(), count=1)
        k += 1
    # 雨污分流 全面截污 / 市住建局 市环保局: a cell's own line breaks became spaces
    body = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", body)
    fields = [cell_field(c) for c in cells][1:]
    kinds = [kind_of_field(f) for f in fields]
    unit_cols = [c for c, k_ in enumerate(kinds) if k_ == "units"]
    text_at = next((c for c, f in enumerate(fields) if f == "content"), None)
    if text_at is None:
        text_at = next((c for c, f in enumerate(fields) if f == "category"), 0)
    kept = [c for c, k_ in enumerate(kinds) if k_ != "text" or c == text_at]
    rows = [["序号"] + [cells[1 + c] for c in kept]]
    notes: dict[int, str] = {}
    starts = _row_starts(body)
    first = re.match(r"\d+", body)
    n0 = int(first.group()) if first else 1
    for n, (a, b) in enumerate(zip(starts, starts[1:] + [len(body)]), n0):
        rest = body[a:b][len(str(n)):]
        sub = 0
        while rest:
            vals = parse_row(rest, kinds)
            texts = "".join(vals[c] for c, k_ in enumerate(kinds) if k_ == "text" and c < len(kinds))
            row = [str(n) if sub == 0 else ""] + [texts if c == text_at else vals[c] for c in kept]
            if len(unit_cols) >= 2 and "、" in vals[unit_cols[0]] and not any(vals[c] for c in unit_cols[1:]):
                # 教育局经开区各街道: where the 牵头单位 cell ends cannot be seen
                names = vals[unit_cols[0]].split("、")
                row[1 + kept.index(unit_cols[0])] = names[0]
                row[1 + kept.index(unit_cols[1])] = "、".join(names[1:])
                notes[len(rows)] = (f"表格各格连在一起，已按表头把第一个单位「{names[0]}」作为{cells[1 + unit_cols[0]]}、"
                                    f"其余作为{cells[1 + unit_cols[1]]}，请核对")
            rows.append(row)
            left = vals[len(kinds):]
            # what is left: a sub-row of the same item (推进…。芮春祥住建局…), when the row moved on
            rest = left[0] if left and len(left[0]) > 4 and "。" in left[0] and len(left[0]) < len(rest) else ""
            sub += 1
    if len(rows) < 2:
        return None
    unit_at = [1 + kept.index(c) for c in unit_cols if c in kept]
    has_units = [any(r[c] for c in unit_at) for r in rows[1:] if r[0]]
    if any(has_units) and not all(has_units):
        # numbered rows with units beside one left with none: its units went into another cell, and a
        # half-right reading is worse than none — the table is named as unread instead (runnamed.py)
        return None
    return rows, k, notes, line[:start]
