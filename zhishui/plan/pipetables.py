"""Tables printed with bars: rows a line each with " | " between the cells, and cells between
lines of bars (a bar closing or opening each cell)."""
from __future__ import annotations

import re

from ..columns import looks_like_unit
from .dates import find_deadlines
from .textheaders import SEQ_RE, UNIT_FIELDS, _is_header, header_fields


def _pipe_cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.strip().split("|")]
    if cells and not cells[-1]:
        cells.pop()
    if cells and not cells[0]:
        cells.pop(0)
    return cells


def _pipe_header(line: str) -> list[str] | None:
    """"任务 内容 | 国家园林城市 标准或要求 | 工作内容及要求 | 责任单位 或牵头单位 | 协助 单位 | 完成 期限 |":
    a header row of a table printed a row a line, the cells between bars (words of a header cell
    spaced out as the page wrapped them)."""
    if line.count("|") < 2:
        return None
    cells = _pipe_cells(line)
    fields = header_fields([c.replace(" ", "") for c in cells])
    # 工作任务 | 具体要求 | 责任部门 |: three columns will do when one holds the task and one its unit
    enough = len(cells) >= 4 or len(cells) == 3 and "content" in fields and bool(
        {"lead", "responsible", "cooperating"} & set(fields))
    return cells if enough and _is_header(fields) else None


def _pipe_table(lines: list[str], i: int):
    """Rows a line each, cells between bars; a cell the page wrapped goes on at the start of the
    next line and its row ends with the line that ends with a bar.  A row one cell short left out
    its merged category cell; a row without its number left out the merged cells before the task.
    A last row the page cut off is read as far as it goes when its task cell is whole."""
    headers = _pipe_header(lines[i]) or []
    fields = header_fields([h.replace(" ", "") for h in headers])
    rows = [headers]
    notes: list[str] = []
    if not lines[i].rstrip().endswith("|"):
        return _open_ended_rows(lines, i, headers, fields, notes)
    buf = ""
    last: list[str] = []        # the cells of the row before when it stopped short of the last columns
    k = i + 1
    end = k
    while k < len(lines):
        t = lines[k].strip()
        if not t:
            k += 1
            continue
        if "|" not in t and not buf:
            break
        buf = buf + ("\n" if buf else "") + t
        k += 1
        if not t.endswith("|"):
            continue
        cells = _row_cells(buf)
        if _wrapped_tail(last, cells, fields):
            # 99 | 加大…保护力度。 | … | 落实情况 | / 市财政未安排…。 | 王家耀 6678008 |: the row's last cells,
            # wrapped onto a line of their own, fill exactly the columns it left out
            rows[-1] = last + cells
            notes.append(f"「{last[0]}」这一行的最后{len(cells)}个单元格在下一行，已接回这一行，请核对")
            last, buf, end = [], "", k
            continue
        rows.append(_realigned(_merged_from_above(_fit_cells(list(cells), fields, notes), cells, fields, rows, notes),
                               fields, rows[0], notes))
        last = cells if len(cells) < len(fields) else []
        buf = ""
        end = k
    if buf:
        cells = _row_cells(buf)
        row = _fit_cells(cells, fields, [])
        task = fields.index("content") if "content" in fields else None
        if task is not None and len(cells) >= 2 and row[task] and row[task] != cells[-1]:
            notes.append(f"表格最后一行「{buf[:20]}」不完整（网页截断），已读入到「{cells[-1][:10]}」为止，请核对原文")
            rows.append(row)
        else:
            notes.append(f"表格最后一行「{buf[:20]}」不完整（网页截断），未能读入，请核对原文")
        end = k
    return rows, end, notes


def _open_ended_rows(lines: list[str], i: int, headers: list[str], fields: list[str | None], notes: list[str]):
    """序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 / 1 | … | 2025年9月30日: rows written as the header is, a line
    each with bars only between the cells; the table ends at the first line without a bar."""
    rows = [headers]
    k = i + 1
    while k < len(lines):
        t = lines[k].strip()
        if not t:
            k += 1
            continue
        if "|" not in t:
            break
        cells = [c.strip() for c in t.split("|")]
        rows.append(_fit_cells(cells, fields, notes))
        k += 1
    return rows, k, notes


def _wrapped_tail(last: list[str], cells: list[str], fields: list[str | None]) -> bool:
    """Is a line without a row number the rest of a numbered row that stopped short of the last
    columns (the two together exactly as many cells as the header)?"""
    return bool(last) and fields[:1] == ["seq"] and bool(SEQ_RE.match(last[0])) and bool(cells) \
        and not SEQ_RE.match(cells[0]) and len(last) + len(cells) == len(fields)


def _row_cells(buf: str) -> list[str]:
    return [c.replace("\n", "、" if looks_like_unit(c.split("\n")[0]) else "") for c in _pipe_cells(buf)]


def _fit_cells(cells: list[str], fields: list[str | None], notes: list[str]) -> list[str]:
    ncols = len(fields)
    cat = fields.index("category") if "category" in fields else None
    task = fields.index("content") if "content" in fields else None
    filled = len(cells)
    while filled and not cells[filled - 1]:
        filled -= 1
    if fields[:1] == ["seq"] and task and cells and not SEQ_RE.match(cells[0]) and task + filled <= ncols:
        # 新增绿化面积387亩。 | 已完成新增造林387亩。 | 已完成 | |||: no number, so the merged
        # 序号 and 项目名称 cells were left out and the row starts at the task
        return [""] * task + cells[:filled] + [""] * (ncols - task - filled)
    if len(cells) == ncols - 1:
        cells.insert(cat if cat is not None else 0, "")
    elif len(cells) != ncols:
        notes.append(f"「{cells[0][:12]}」这一行有{len(cells)}个单元格（表头有{ncols}列），已按顺序填入，请核对")
        cells = (cells + [""] * ncols)[:ncols]
    return cells


TIME_WORD_RE = re.compile(r"\d{1,2}月|\d{4}年|[上下]半年|季度|长期|持续|常态")


def _shape_score(row: list[str], fields: list[str | None]) -> tuple[int, bool]:
    """How well a row's cells fit the columns' kinds (a date under the time column, names under the unit columns),
    and whether some cell does not fit at all."""
    score, misfit = 0, False
    for v, f in zip(row, fields):
        v = v.strip()
        if not v or not (f == "deadline" or f in UNIT_FIELDS):
            continue
        fits = bool(find_deadlines(v) or TIME_WORD_RE.search(v)) if f == "deadline" else \
            all(looks_like_unit(x) for x in re.split(r"[、，,；;]", v) if x)
        score += 1 if fits else -1
        misfit = misfit or not fits
    return score, misfit


def _realigned(row: list[str], fields: list[str | None], headers: list[str], notes: list[str]) -> list[str]:
    """3 | … | 10% | 8月-11月 | 医保基金 | 市医疗保障局 | 与其它部门联合开展抽查 | |: a page that left out an empty cell in
    the middle of a row (an empty column, 信用风险分类监管要求) and closed the row with one at its end instead: every cell
    after the gap sits a column early.  The empty cell is put back where the time and unit columns then hold a time
    and names, only when that fits clearly better than the row as printed (h6104)."""
    if not row or row[-1].strip() or not any(f == "deadline" or f in UNIT_FIELDS for f in fields):
        return row
    base, misfit = _shape_score(row, fields)
    if not misfit:
        return row          # (every time and unit cell fits where it is: nothing to move, nor to try)
    best, at = base, None
    for p in range(len(row) - 2, 0, -1):        # (of two as good, the later gap moves fewer cells)
        if fields[p] == "content" or not row[p].strip():
            continue
        moved = row[:p] + [""] + row[p:-1]
        got = _shape_score(moved, fields)[0]
        if got > best:
            best, at = got, p
    if at is None or best - base < 2:
        return row
    notes.append(f"「{row[fields.index('content')][:12] if 'content' in fields else row[0][:12]}」这一行的格子从"
                 f"「{str(headers[at]).strip()}」列起错后了一列（原文少了一个空格子），已按各列的内容对齐，请核对")
    return row[:at] + [""] + row[at:-1]


def _merged_from_above(row: list[str], cells: list[str], fields: list[str | None], rows: list[list[str]],
                       notes: list[str]) -> list[str]:
    """…2024年底前,…完成城镇污水工程专项规划的编制或修编工作。 | 市建设局 | 市“五水共治”办 |: a row without its
    number that stops before the last columns (no cell there at all, not an empty one) sits beside
    cells merged down from the row above (实施主体 各县(市、区)政府): their units are that row's."""
    task = fields.index("content") if "content" in fields else None
    if fields[:1] != ["seq"] or not task or not cells or SEQ_RE.match(cells[0]) or len(rows) < 2:
        return row
    start = task + len(cells)
    above = rows[-1]
    took = [k for k in range(start, len(fields))
            if fields[k] in ("lead", "responsible", "cooperating") and not row[k] and k < len(above) and above[k]]
    for k in took:
        row[k] = above[k]
    if took:
        notes.append(f"「{cells[0][:12]}」这一行没有{'、'.join(str(rows[0][k]).strip() for k in took)}单元格"
                     f"（与上一行合并），已沿用上一行的「{'；'.join(above[k] for k in took)}」，请核对")
    return row


# 投资 估算 | ||: the empty cells that pad a row out to the table's width add nothing
CELL_CLOSED_RE = re.compile(r"(?P<cell>[^|]*[^|\s])\s*\|[\s|]*")


# "牵头单位: | 市城市管理综合执法局 |": a two-column table of field names and values, a field a line
KEY_VALUE_RE = re.compile(r"\s*(?P<k>[^|:：]{1,30}[:：])\s*\|\s*(?P<v>[^|]*?)\s*\|?\s*")
CELL_OPENED_RE = re.compile(r"\s*\|\s*(?P<cell>[^|]*\S)\s*")


def _bars_as_blanks(lines: list[str]) -> tuple[list[str], list[int]]:
    """A page that printed a table as cells between lines of "|": each run of bar lines
    separates two cells, like one blank line.  A page that closed each cell with a bar on
    its own line ("玉带河 |") separates the cells the same way.  A page that opened each cell
    with a bar ("| 市建设局") and wrapped a cell onto the lines after it without one: the
    wrapped lines belong to that cell (unit names joined by 、)."""
    opening = sum(1 for x in lines if CELL_OPENED_RE.fullmatch(x)) >= 3
    closing = sum(1 for x in lines if CELL_CLOSED_RE.fullmatch(x)) >= 3
    out: list[str] = []
    origin: list[int] = []           # the line of the page each line of ``out`` comes from
    in_cell = False
    for k, x in enumerate(lines):
        origin.extend([max(k - 1, 0)] * (len(out) - len(origin)))
        opened = CELL_OPENED_RE.fullmatch(x) if opening else None
        if opening and x.strip() == "|" and CELL_OPENED_RE.fullmatch(
                next((y for y in lines[k + 1:] if y.strip() and y.strip() != "|"), "")):
            out.append("")          # cells opened by a bar: a lone bar before the next cell is an empty cell
            in_cell = False
            continue
        if opened:
            out.extend(["", opened.group("cell")])
            in_cell = True
            continue
        if opening and in_cell and x.strip() and "|" not in x and out and out[-1]:
            prev, t = out[-1], x.strip()
            out[-1] = prev + ("、" if looks_like_unit(prev.split("、")[-1]) and looks_like_unit(t) else "") + t
            continue
        in_cell = False
        kv = KEY_VALUE_RE.fullmatch(x)
        if kv:
            out.append(kv.group("k") + kv.group("v"))     # 牵头单位: | 市城市管理综合执法局 | -> a field line
            continue
        closed = CELL_CLOSED_RE.fullmatch(x)
        if closed:
            out.extend([closed.group("cell"), ""])
        elif re.fullmatch(r"\s*\|+\s*", x):
            nxt = next((y for y in lines[k + 1:] if y.strip() and y.strip() != "|"), "")
            empty_cell = closing and x.strip() == "|" and bool(CELL_CLOSED_RE.fullmatch(nxt))
            if out and out[-1] == "" and not empty_cell:
                continue
            out.append("")          # (cells closed by a bar: a lone bar between two cells is an empty cell)
        else:
            out.append(x)
    origin.extend([len(lines) - 1] * (len(out) - len(origin)))
    return out, origin


BARS_ONLY_RE = re.compile(r"\s*\|+\s*")
HEADER_CELL_MAX = 12


def _closed_cell(line: str) -> str | None:
    """「重点工作 |」: the one cell a line closes with a bar, else None."""
    m = CELL_CLOSED_RE.fullmatch(line)
    return m.group("cell").strip() if m and "|" not in m.group("cell") else None


def _closed_header_at(lines: list[str], i: int) -> list[str]:
    if i and _closed_cell(lines[i - 1]) is not None:
        return []           # the header is the whole run of closed cells, read from its first
    cells = []
    k = i
    while k < len(lines):            # (every line of every text file passes here: no slice of the rest)
        cell = _closed_cell(lines[k])
        if cell is None or len(cell) > HEADER_CELL_MAX or re.match(r"[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）]", cell):
            break
        cells.append(cell)
        k += 1
    if len(cells) < 3:
        return []
    fields = header_fields([c.replace(" ", "") for c in cells])
    # a table whose rows carry a number is read by those numbers (celllines); this one is for rows without
    # one, whose headings are merged rows of bars (「|||」)
    merged = any(BARS_ONLY_RE.fullmatch(x) and x.count("|") >= 2 for x in lines[k:k + 40])
    return cells if _is_header(fields) and "seq" not in fields and merged else []


def closed_cells_as_rows(lines: list[str]) -> tuple[list[str], list[int]]:
    """A Word table a page printed a cell a line, each cell closed by a bar (「重点工作 |」 / 「责任分工 |」 …), a
    row of merged cells ended by a line of bars only (「二、主要任务 |」 「|||」), a cell the page wrapped going on
    over lines without a bar: each row written back on a line of its own between bars, as _pipe_table reads
    them (a merged row as its one cell: the category of the rows under it).  Returns the lines and the line
    of the page each comes from."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(lines):
        header = _closed_header_at(lines, i)
        if not header:
            out.append(lines[i])
            origin.append(i)
            i += 1
            continue
        n = len(header)
        # the merged rows (二、主要任务 / (一)… / 1.…) are the headings the rows under them are grouped by: given
        # as a column of their own before the page's columns, each row carrying the last one above it
        grouped = "category" not in [f for f in header_fields([c.replace(" ", "") for c in header])[1:]]
        out.append(("类别 | " if grouped else "") + " | ".join(header) + " |")
        origin.append(i)
        j = i + n
        cur: list[str] = []
        buf: list[str] = []
        start = j
        heading = ""

        def emit(cells: list[str], at: int) -> None:
            nonlocal heading
            if len(cells) < n and grouped and len(cells) == 1:
                heading = cells[0]
                return
            # a merged row opens with a bar, so that no reader takes it for a cell of its own
            row = " | ".join(cells) + " |" if len(cells) == n else "| " + " | ".join(cells + [""] * (n - len(cells))) + " |"
            out.append((f"| {heading} | " + row.lstrip("| ")) if grouped else row)
            origin.append(at)

        while j < len(lines):
            t = lines[j].strip()
            if not t:
                j += 1
                continue
            if BARS_ONLY_RE.fullmatch(t):
                if buf:
                    cur.append("".join(buf))
                    buf = []
                if cur:
                    emit(cur, start)
                    cur = []
                j += 1
                start = j
                continue
            cell = _closed_cell(t)
            if cell is None:
                if not buf and not cur and not any(_closed_cell(x) for x in lines[j + 1:j + 3]):
                    break           # the text after the table
                buf.append(t)
                j += 1
                continue
            cur.append("".join(buf) + cell)
            buf = []
            j += 1
            if len(cur) == n:
                emit(cur, start)
                cur = []
                start = j
        if cur or buf:
            emit(cur + (["".join(buf)] if buf else []), start)
        i = j
    return out, origin


ROW_START_RE = re.compile(r"^\s*\d{1,3}\s*\|")


def wrapped_pipe_headers(lines: list[str]) -> tuple[list[str], list[int]]:
    """序号 | / 抽查 / 类别 | / 抽查事项 | 检查对象 | / 检查 / 方式 | …: a header row whose cells the page broke over
    lines (a cell's words a line each, a bar closing each cell) written back on one line, as _pipe_table reads it.
    Taken only when the lines up to the first numbered row make a header of short cells and at least one cell
    was broken.  Returns the lines and the line of the page each comes from."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(lines):
        got = _wrapped_header_at(lines, i) if "|" in lines[i] or i + 1 < len(lines) and "|" in lines[i + 1] else None
        if got is None:
            out.append(lines[i])
            origin.append(i)
            i += 1
            continue
        header, end = got
        out.append(header)
        origin.append(i)
        i = end
    return out, origin


def _wrapped_header_at(lines: list[str], i: int) -> tuple[str, int] | None:
    if _pipe_header(lines[i]) or ROW_START_RE.match(lines[i]):
        return None
    k = i
    while k < len(lines) and k - i < 40 and lines[k].strip() and not ROW_START_RE.match(lines[k]):
        k += 1
    if k == i or k >= len(lines) or not ROW_START_RE.match(lines[k]) or not lines[k - 1].rstrip().endswith("|"):
        return None
    broken = [x for x in lines[i:k - 1] if not x.rstrip().endswith("|")]
    # (a header cell's words broken over lines are a few characters each: 背景色: before a header is the page's)
    if not broken or not all(re.fullmatch(r"\s*[\u4e00-\u9fff]{1,6}\s*", x) for x in broken):
        return None
    joined = "".join(x.strip() for x in lines[i:k])
    joined = re.sub(r"\|(?=\S)", "| ", joined)
    cells = _pipe_cells(joined)
    if len(cells) < 4 or any(len(c.replace(" ", "")) > HEADER_CELL_MAX for c in cells) or not _pipe_header(joined):
        return None
    return joined, k


# ┌──┬────┐ / │序号│责任单位│ / ├──┼────┤ / │ │ ├────┤: a table a legal database drew with box characters
BOX_CHARS = "│┃├┤┼┌┐└┘┬┴─━┏┓┗┛┣┫╋┳┻"
BOX_OR_SPACE = frozenset(BOX_CHARS + " ")


def _rule_line(line: str) -> bool:
    """A line of box characters only (┌──┬──┐ / │ │ ├──┤): no text."""
    t = line.strip()
    return bool(t) and all(ch in BOX_OR_SPACE for ch in t)
BOX_ROW_RE = re.compile(r"\s*[│┃].*[│┃]\s*")
BOX_RULE_RE = re.compile(r"\s*[├┌└┣┏┗│┃][─━┼┬┴┤├│┃╋┳┻┫┐┘┓┛\s]*")


def _box_segments(rule: str) -> list[bool]:
    """Which columns a rule line crosses (─ under them), in order: a column the rule leaves blank (│ │)
    is a cell merged down from the row above."""
    parts = [x for x in re.split(r"[│┃├┤┼┌┐└┘┬┴┏┓┗┛┣┫╋┳┻]", rule.strip())]
    if parts and not parts[0]:
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    return ["─" in x or "━" in x for x in parts]


def box_rows(lines: list[str]) -> tuple[list[str], list[int]]:
    """The rows of a box-drawn table written back a line each between bars (as _pipe_table reads them): the
    text lines of a row joined cell by cell, a cell merged down from the row above (its rule line blank under
    it) carrying that row's text.  Returns the lines and the line of the page each comes from."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    while i < len(lines):
        if _rule_line(lines[i]) and ("─" in lines[i] or "━" in lines[i]):
            i += 1              # a rule line: no text
            continue
        if not (BOX_ROW_RE.fullmatch(lines[i]) and lines[i].count("│") + lines[i].count("┃") >= 4):
            out.append(lines[i])
            origin.append(i)
            i += 1
            continue
        prev: list[str] = []
        cur: list[str] | None = None
        crossed: list[bool] = []
        start = i

        def flush(at: int) -> None:
            nonlocal prev, cur
            if cur is None:
                return
            row = [c if c or k >= len(prev) or (k < len(crossed) and crossed[k]) else prev[k] for k, c in enumerate(cur)]
            out.append(" | ".join(row) + " |")
            origin.append(at)
            prev, cur = row, None

        while i < len(lines):
            line = lines[i]
            if BOX_ROW_RE.fullmatch(line) and not _rule_line(line):
                cells = [c.strip() for c in re.split(r"[│┃]", line.strip())[1:-1]]
                if cur is None or len(cells) != len(cur):
                    flush(start)
                    cur, start = cells, i
                else:
                    cur = [a + b for a, b in zip(cur, cells)]
            elif _rule_line(line):
                flush(start)
                crossed = _box_segments(line)
            else:
                break
            i += 1
        flush(start)
    return out, origin
