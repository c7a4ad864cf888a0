"""Lines of text -> paragraphs and tables.

Plans reach the clerk as text that was once laid out: a web page that printed a
table one cell per line (an empty cell as an extra blank line, a merged
category cell left out), a table copied with tabs between the cells, a table
whose cells a page ran together with spaces, and paragraphs that a page break
or a copy cut in two.  This module finds the tables among the lines (by a
header row of known column names) and mends the paragraphs.
"""
from __future__ import annotations

import re
from typing import Callable

from ..columns import DATEISH_RE, looks_like_unit
from ..columns import header_role as match_field
from ..workbook_reader import Grid
from .document import Para, Table

MARKUP_RE = re.compile(r"^\s*#{1,6}\s*|\*\*|^\s*[-*_]{3,}\s*$")
TERMINAL = "。；;！？!?：:」”』）)】]"
NUMBER_ONLY_RE = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．]\s*$")
ITEM_START_RE = re.compile(r"^\s*(?:\d{1,3}\s*[.、．](?!\d)|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|"
                           r"[一二三四五六七八九十]{1,3}\s*、|第[一二三四五六七八九十\d]+[条章节])")
HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*、|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])")
FOOTER_RE = re.compile(r"^\s*(?:抄送|印发|主题词|附件\s*\d|注\s*[:：]|备注\s*[:：])")
SEQ_RE = re.compile(r"^\d{1,3}$")
LABEL_START_RE = re.compile(r"^\s*(?:配合|参与|协办|责任|牵头)(?:单位|部门)\s*[:：]")
# 反馈问题：… / 主体责任单位：… / 整改措施：: the fields of a notice, one a line
LABELLED_RE = re.compile(r"^\s*[^，,。；;:：|]{1,12}[:：]")
FIELD_LINE_RE = re.compile(r"^\s*[\u4e00-\u9fff]{0,8}(?:单位|部门|目标|措施|问题|情况|领导|任务)\s*[:：]")
# 2.绵阳火车站站前广场及周边配套设施建设项目(票决项目): a numbered title whose text follows in the next paragraph
TITLE_ITEM_RE = re.compile(r"^\s*\d{1,3}\s*[.、．](?!\d)[^。；;，,]{4,60}$")
UNIT_FIELDS = ("lead", "responsible", "cooperating")


def clean(line: str) -> str:
    return MARKUP_RE.sub("", line.replace("\u3000", " ").replace("\xa0", " ")).rstrip()


def _header_fields(cells: list[str]) -> list[str | None]:
    return [match_field(c) if c and len(c) <= 12 else None for c in cells]


def header_fields(headers: list[str]) -> list[str | None]:
    """The role of each header cell; of two text columns (项目内容 | 工作要求) the first is the
    category the rows are grouped under, the second the task."""
    fields = [match_field(h) for h in headers]
    if fields.count("content") == 2 and "category" not in fields:
        fields[fields.index("content")] = "category"
    return fields


def _is_header(fields: list[str | None]) -> bool:
    known = set(f for f in fields if f)      # 类别 and 主要任务 may both read as the category
    return (len(known) >= 3
            and bool(set(known) & {"deadline", *UNIT_FIELDS}) and bool(set(known) & {"content", "category", "seq"}))


# --- one cell per line ----------------------------------------------------------------

def _cell_run_header(lines: list[str], i: int) -> int:
    """Number of consecutive single-cell lines from i (blank lines between) that name columns."""
    n, j = 0, i
    fields: list[str] = []
    while j < len(lines):
        t = lines[j].strip()
        if not t:
            j += 1
            continue
        f = match_field(t) if len(t) <= 12 and "\t" not in t else None
        if f == "content" and fields.count("content") == 1 and "category" not in fields:
            fields[fields.index("content")] = "category"     # 项目内容 | 工作要求: the first groups
        elif (f and f in fields) or (not f and (not fields or not _extra_header(t))):
            break
        fields.append(f)
        n += 1
        j += 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines) or not SEQ_RE.match(lines[j].strip()):
        while n and fields and fields[-1] is None:      # a title after the header is not a column
            fields.pop()
            n -= 1
    return n if _is_header([*fields]) else 0


def _extra_header(t: str) -> bool:
    """当前进度, 备注: a short column name with no role, between or after the known ones."""
    return len(t) <= 8 and not SEQ_RE.match(t) and not re.search(r"[，,。；;：:、\d]", t)


def _cells_after(lines: list[str], start: int) -> list[tuple[str, int]]:
    """Cells one per line; one blank line separates cells, each further blank line is an empty cell."""
    cells: list[tuple[str, int]] = []
    blanks = 0
    seen = False
    for k in range(start, len(lines)):
        t = lines[k].strip()
        if not t:
            blanks += 1
            continue
        if seen and blanks > 1:
            cells.extend(("", k) for _ in range(blanks - 1))
        cells.append((t, k))
        blanks = 0
        seen = True
    return cells


def _one_cell_per_line(lines: list[str], i: int, ncols: int, headers: list[str]):
    """-> (grid rows, index of the first line after the table, notes)."""
    fields = header_fields(headers)
    cat = fields.index("category") if "category" in fields else None
    # the header's own lines
    j, found = i, 0
    while found < ncols:
        if lines[j].strip():
            found += 1
        j += 1
    cells = _cells_after(lines, j)
    rows: list[list[str]] = [headers]
    notes: list[str] = []
    cur: list[str] | None = None
    last_seq = 0
    end = len(lines)
    for n, (text, k) in enumerate(cells):
        if FOOTER_RE.match(text):
            end = k
            break
        # the first row may start at any number (a page of a longer table: 7, 8, 9…)
        if SEQ_RE.match(text) and (int(text) == last_seq + 1 or cur is None and last_seq == 0) \
                and (cur is None or len(cur) >= ncols - 2):
            if cur is not None:
                rows.append(cur)
            cur = [text]
            last_seq = int(text)
            continue
        if cur is None:
            continue
        if len(cur) >= ncols and not _row_goes_on(cells, n, cur, last_seq, ncols):
            end = k
            break
        cur.append(text)
    if cur is not None:
        rows.append(cur)
    out = [rows[0]]
    for r0 in rows[1:]:
        r, parts = _fit_row(r0, fields, ncols) if len(r0) > ncols else (r0, [])
        while r and len(r) > 1 and not r[-1] and len(r) > ncols:
            r.pop()
        if len(r) == ncols and cat is not None and not r[-1] and r[cat].endswith("。") and len(r[cat]) > 30:
            r = r[:-1]               # the last row picked up the blank line before the footer
        if len(r) == ncols - 1 and cat is not None:
            r.insert(cat, "")        # the page left out the merged category cell
        elif len(r) < ncols:
            notes.append(f"序号{r[0]}这一行只有{len(r)}个单元格（表头有{ncols}列），已按顺序填入，请核对")
            r = r + [""] * (ncols - len(r))
        out.append(r[:ncols])
        out.extend(parts)
    return out, end, notes


def _row_goes_on(cells: list[tuple[str, int]], n: int, cur: list[str], last_seq: int, ncols: int) -> bool:
    """A row with more cells than columns: a cell that names several units printed one unit
    per line (县水务局 / 县住建局 / 县护城河指挥部), or a second line of the item (its own task
    and deadline) before the next sequence number."""
    text = cells[n][0]
    ahead = [t for t, _k in cells[n:n + 2 * ncols]]
    nxt = str(last_seq + 1)
    if looks_like_unit(text) and looks_like_unit(cur[-1]):
        # the last row: only when a deadline follows the unit lines (not a signature after the table)
        after = next((t for t in ahead if not looks_like_unit(t)), "")
        return nxt in ahead or bool(DATEISH_RE.search(after)) and len(after) <= 20
    return len(cur) < 2 * ncols and nxt in ahead[:ncols]


def _fit_row(cells: list[str], fields: list[str | None], ncols: int) -> tuple[list[str], list[list[str]]]:
    """Cells of one item (more than the columns) -> the item's row, with the unit lines of one
    cell joined by 、, and rows for its further lines (no sequence number: a continuation)."""
    row: list[str] = []
    i = 0
    for c, f in enumerate(fields):
        if i >= len(cells):
            row.append("")
            continue
        cell = cells[i]
        i += 1
        if f in UNIT_FIELDS:
            left = ncols - c - 1          # columns after this one still need a cell each
            while i < len(cells) and len(cells) - i > left and looks_like_unit(cells[i]) and looks_like_unit(cell.split("、")[-1]):
                cell += "、" + cells[i]
                i += 1
        row.append(cell)
    parts: list[list[str]] = []
    rest = cells[i:]
    while rest:
        part = [""] * ncols
        for c, f in enumerate(fields):
            if f == "seq" or not rest:
                continue
            t = rest[0]
            if f in UNIT_FIELDS and not looks_like_unit(t) or f == "deadline" and not DATEISH_RE.search(t) \
                    or f in ("content", "category", None) and (looks_like_unit(t) or DATEISH_RE.search(t) and len(t) <= 12):
                continue
            part[c] = rest.pop(0)
        if part == [""] * ncols:
            break
        parts.append(part)
    return row, parts


# --- cells separated by tabs or spaces ----------------------------------------------------------

def _split_cells(line: str, sep: str) -> list[str]:
    if sep == "\t":
        return [c.strip() for c in line.split("\t")]
    return [c.strip() for c in re.split(r" {1,}|\u3000+", line.strip())]


def _tab_table(lines: list[str], i: int):
    headers = _split_cells(lines[i], "\t")
    while headers and not headers[-1]:
        headers.pop()
    rows = [headers]
    k = i + 1
    last = i + 1
    while k < len(lines):
        t = lines[k]
        if not t.strip():
            k += 1
            continue
        if "\t" not in t:
            break
        cells = _split_cells(t, "\t")
        rows.append((cells + [""] * len(headers))[:max(len(headers), len(cells))])
        k += 1
        last = k
    return rows, last, []


def _space_table(lines: list[str], i: int):
    """Cells a page ran together with spaces: the sequence number first, the unit columns
    taken from the right, the rest of the text shared out to the text columns (the
    last sentence-like run is the task itself)."""
    headers = _split_cells(lines[i], " ")
    fields = [match_field(h) for h in headers]
    n = len(headers)
    right = 0
    for f in reversed(fields):
        if f in UNIT_FIELDS or f == "person":
            right += 1
        else:
            break
    rows = [headers]
    notes = []
    k = i + 1
    last = k
    while k < len(lines):
        t = lines[k].strip()
        if not t:
            k += 1
            continue
        toks = [x for x in re.split(r" +", t)]
        if not SEQ_RE.match(toks[0]):
            if len(rows) > 1 and not FOOTER_RE.match(t) and not ITEM_START_RE.match(t):
                rows[-1][-1] += t       # a cell continued on the next line
                k += 1
                last = k
                continue
            break
        toks = [x for x in toks if x]
        seq, rest = toks[0], toks[1:]
        units = rest[len(rest) - right:] if right and len(rest) > right else []
        middle = rest[:len(rest) - len(units)]
        mid_cols = n - 1 - right
        sentence = [x for x in middle if re.search(r"[。；，,]", x)]
        if sentence and mid_cols >= 1:
            first = middle.index(sentence[0])
            text_part, lead_part = middle[first:], middle[:first]
            mids = [""] * mid_cols
            mids[-1] = "".join(text_part)
            if mid_cols > 1:
                mids[0] = " ".join(lead_part)
        else:
            mids = ([" ".join(middle)] + [""] * mid_cols)[:mid_cols] if mid_cols else []
            notes.append(f"序号{seq}这一行的文字列无法区分，已全部放入第一列，请核对")
        rows.append([seq] + mids + units + [""] * (right - len(units)))
        k += 1
        last = k
    return rows, last, notes


# --- rows with " | " between the cells --------------------------------------------------------

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
    if line.count("|") < 3:
        return None
    cells = _pipe_cells(line)
    fields = header_fields([c.replace(" ", "") for c in cells])
    return cells if len(cells) >= 4 and _is_header(fields) else None


def _pipe_table(lines: list[str], i: int):
    """Rows a line each, cells between bars; a cell the page wrapped goes on at the start of the
    next line and its row ends with the line that ends with a bar.  A row one cell short left out
    its merged category cell."""
    headers = _pipe_header(lines[i]) or []
    fields = header_fields([h.replace(" ", "") for h in headers])
    cat = fields.index("category") if "category" in fields else None
    ncols = len(headers)
    rows = [headers]
    notes: list[str] = []
    buf = ""
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
        cells = [c.replace("\n", "、" if looks_like_unit(c.split("\n")[0]) else "") for c in _pipe_cells(buf)]
        buf = ""
        end = k
        if len(cells) == ncols - 1:
            cells.insert(cat if cat is not None else 0, "")
        elif len(cells) != ncols:
            notes.append(f"「{cells[0][:12]}」这一行有{len(cells)}个单元格（表头有{ncols}列），已按顺序填入，请核对")
            cells = (cells + [""] * ncols)[:ncols]
        rows.append(cells)
    if buf:
        notes.append(f"表格最后一行「{buf[:20]}」不完整（网页截断），未能读入，请核对原文")
        end = k
    return rows, end, notes


# --- paragraphs ---------------------------------------------------------------------------

def _closed(text: str) -> bool:
    t = text.rstrip()
    if not t:
        return True
    if NUMBER_ONLY_RE.match(t):
        return False
    if t[-1] in TERMINAL:
        return True
    # a heading or a short line (title, signature, date) stands alone
    return bool(HEADING_RE.match(t)) and len(t) <= 40 or len(t) <= 24


def mend_paragraphs(lines: list[tuple[str, str]]) -> list[Para]:
    """Join the pieces of a paragraph that a page break or a line wrap cut apart."""
    paras: list[Para] = []
    for text, where in lines:
        t = text.strip()
        if not t:
            continue
        if paras:
            prev = paras[-1].text
            broken_sentence = prev and prev[-1] not in TERMINAL and len(prev) > 40 and not HEADING_RE.match(prev)
            label_cont = bool(LABEL_START_RE.match(t))       # 配合部门:… after 牵头部门:…;
            titled = bool(TITLE_ITEM_RE.match(prev)) and not ITEM_START_RE.match(t) and not HEADING_RE.match(t) \
                and "。" in t
            field = bool(FIELD_LINE_RE.match(t)) and not label_cont and bool(LABELLED_RE.match(prev))
            if NUMBER_ONLY_RE.match(prev) or label_cont or titled or \
                    (not _closed(prev) and not field and (not ITEM_START_RE.match(t) or broken_sentence)):
                paras[-1].text = prev + t
                continue
        paras.append(Para(t, where))
    return paras


CELL_CLOSED_RE = re.compile(r"(?P<cell>[^|]*\S)\s*\|\s*")


# "牵头单位: | 市城市管理综合执法局 |": a two-column table of field names and values, a field a line
KEY_VALUE_RE = re.compile(r"\s*(?P<k>[^|:：]{1,30}[:：])\s*\|\s*(?P<v>[^|]*?)\s*\|?\s*")
CELL_OPENED_RE = re.compile(r"\s*\|\s*(?P<cell>[^|]*\S)\s*")


def _bars_as_blanks(lines: list[str]) -> list[str]:
    """A page that printed a table as cells between lines of "|": each run of bar lines
    separates two cells, like one blank line.  A page that closed each cell with a bar on
    its own line ("玉带河 |") separates the cells the same way.  A page that opened each cell
    with a bar ("| 市建设局") and wrapped a cell onto the lines after it without one: the
    wrapped lines belong to that cell (unit names joined by 、)."""
    opening = sum(1 for x in lines if CELL_OPENED_RE.fullmatch(x)) >= 3
    out: list[str] = []
    in_cell = False
    for x in lines:
        opened = CELL_OPENED_RE.fullmatch(x) if opening else None
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
            if out and out[-1] == "":
                continue
            out.append("")
        else:
            out.append(x)
    return out


def blocks_from_lines(raw_lines: list[str], where_of: Callable[[int], str]) -> list:
    """Paragraphs and tables from lines of text (blank lines kept: they carry the layout)."""
    lines = _bars_as_blanks([clean(x) for x in raw_lines])
    blocks: list = []
    pending: list[tuple[str, str]] = []
    n_tab = 0

    def flush():
        blocks.extend(mend_paragraphs(pending))
        pending.clear()

    i = 0
    while i < len(lines):
        t = lines[i]
        found = None
        if t.strip():
            if "\t" in t and _is_header(_header_fields(_split_cells(t, "\t"))):
                found = _tab_table(lines, i)
            elif "|" in t and _pipe_header(t):
                found = _pipe_table(lines, i)
            elif " " in t.strip() and _is_header(_header_fields(_split_cells(t, " "))) \
                    and len(_split_cells(t, " ")) >= 4:
                found = _space_table(lines, i)
            else:
                n = _cell_run_header(lines, i)
                if n >= 4:
                    headers = [x.strip() for x in lines[i:] if x.strip()][:n]
                    found = _one_cell_per_line(lines, i, n, headers)
        if found and len(found[0]) > 1:
            rows, end, notes = found
            flush()
            n_tab += 1
            width = max(len(r) for r in rows)
            grid = Grid(f"表{n_tab}", [r + [""] * (width - len(r)) for r in rows])
            tab = Table(grid, f"{where_of(i)}起的表格")
            tab.notes = notes
            blocks.append(tab)
            i = max(end, i + 1)
            continue
        pending.append((t, where_of(i)))
        i += 1
    flush()
    return blocks
