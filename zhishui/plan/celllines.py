"""Tables a web page printed one cell per line (an empty cell as an extra blank line, a
merged category cell left out): rows rebuilt from the header's column count."""
from __future__ import annotations

import re
from itertools import combinations

from ..columns import DATEISH_RE, Profile, content_fit, looks_like_unit, profile
from .textheaders import FOOTER_RE, PROGRESS_HEADER_RE, SEQ_RE, UNIT_FIELDS, _is_header, field_of, header_fields
from .itemmark import ITEM_DOT


def _cell_run_header(lines: list[str], i: int) -> int:
    """Number of consecutive single-cell lines from i (blank lines between) that name columns."""
    n, j = 0, i
    fields: list[str] = []
    while j < len(lines):
        t = lines[j].strip()
        if not t:
            j += 1
            continue
        # 整改任务分解表: the table's title above its header, not a column
        f = field_of(t) if len(t) <= 12 and "\t" not in t and not re.search(r"(?:表|清单|方案)$", t) else None
        if f == "content" and fields.count("content") == 1 and "category" not in fields:
            fields[fields.index("content")] = "category"     # 项目内容 | 工作要求: the first groups
        elif (f and f in fields and f not in ("category", "content")) or (not f and (not fields or not _extra_header(t))):
            break       # (类别 | 主要任务 | 细化措施: text columns side by side do not end the header)
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


OWN_NUMBER_RE = re.compile(r"^\d{1,3}\s*" + ITEM_DOT)


def _extra_header(t: str) -> bool:
    """当前进度, 备注: a short column name with no role, between or after the known ones."""
    if PROGRESS_HEADER_RE.search(t):      # 目前完成情况、存在问题及下一步工作措施
        return len(t) <= 24 and not re.search(r"[。；;：:]", t)
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
    # the header's own lines
    j, found = i, 0
    while found < ncols:
        if lines[j].strip():
            found += 1
        j += 1
    if j - i == ncols and _spanned(headers) == headers:
        dense = _dense_rows(lines, j, ncols)
        if dense is not None:
            rows, end = dense
            return [headers] + rows, end, []
    headers = _spanned(headers)
    ncols = len(headers)
    fields = header_fields(headers)
    cat = fields.index("category") if "category" in fields else None
    task = fields.index("content") if "content" in fields else None
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
        # the first row may start at any number (a page of a longer table: 7, 8, 9…), and after a
        # full row the numbers may skip (an excerpt: 3, 6, 7, 8, 10)
        if SEQ_RE.match(text) and (int(text) == last_seq + 1 or cur is None and last_seq == 0
                                   or cur is not None and len(cur) >= ncols and int(text) > last_seq
                                   and not (n + 1 < len(cells) and cells[n + 1][0] == str(last_seq + 1))) \
                and (cur is None or len(cur) >= ncols - 2):
            if cur is not None:
                rows.append(cur)
            cur = [text]
            last_seq = int(text)
            continue
        if cur is None:
            continue
        if task is not None and len(cur) > task + 1 and OWN_NUMBER_RE.match(cur[task]) and OWN_NUMBER_RE.match(text):
            # the tasks carry the source's own numbers (56. / 86.): a second one is the task of a row
            # whose merged cells before it (序号, 牵头单位) the page left out
            rows.append(cur)
            cur = [""] * task + [text]
            continue
        if len(cur) >= ncols and text == "" and any(t for t, _k in cells[n + 1:n + ncols]):
            # a full row, then an empty cell where the number goes: a row under merged cells (序号, 项目名称…)
            rows.append(cur)
            cur = [""]
            continue
        if len(cur) >= ncols and not _row_goes_on(cells, n, cur, last_seq, ncols):
            end = k
            break
        cur.append(text)
    if cur is not None:
        rows.append(cur)
    if cat is None and task == 1 and any(len(r) == ncols + 1 for r in rows[1:]):
        # 工程类别与名称 over two cells: the merged category cell printed on the first row of its group only
        rows = [r[:1] + [("类别" if n == 0 else "")] + r[1:] if len(r) <= ncols else r for n, r in enumerate(rows)]
        ncols += 1
        fields = header_fields(rows[0])
        cat, task = 1, 2
    out = [rows[0]]
    kinds = header_fields([h.replace(" ", "") for h in headers])     # (分管 领导: a header the page wrapped)
    for r0 in rows[1:]:
        r, parts = _fit_row(r0, fields, ncols) if len(r0) > ncols else (r0, [])
        if len(r) == ncols and not r[-1].strip("| ") and cat is not None:
            # 24 | 优化提升…。 | 徐国江 | 城管局 | 市政局、相关街道 | … | 是 | || : one cell short (the task written once over
            # 主要任务 and 全年目标任务) and a bar-only line at its end: the blank goes where the cells fit their columns
            # (徐国江 under 分管领导, 城管局 under 牵头单位), else every unit column reads the next column's words
            moved = _cells_missing(r[:-1], kinds)
            if _row_fit(moved, kinds) > _row_fit(r, kinds):
                r = moved
        while r and len(r) > 1 and not r[-1] and len(r) > ncols:
            r.pop()
        if len(r) == ncols and cat is not None and not r[-1] and r[cat].endswith("。") and len(r[cat]) > 30:
            r = r[:-1]               # the last row picked up the blank line before the footer
        if len(r) == ncols - 1 and cat is not None:
            r.insert(cat, "")        # the page left out the merged category cell
        elif len(r) < ncols:
            # (the blanks go where the cells fit their columns best: 徐国江 under 分管领导, 城管局 under 牵头单位)
            fitted = _cells_missing(r, kinds)
            in_order = fitted == r + [""] * (ncols - len(r))
            notes.append(f"{'序号' + r[0] if r[0] else '「' + ''.join(r)[:12] + '」'}这一行只有{len(r)}个单元格（表头有{ncols}列），"
                         + ("已按顺序填入" if in_order else "已按各格的内容对齐到列（如人名对分管领导、单位名对牵头单位）") + "，请核对")
            r = fitted
        out.append(r[:ncols])
        out.extend(parts)
    return out, end, notes


def _dense_rows(lines: list[str], j: int, ncols: int) -> tuple[list[list[str]], int] | None:
    """LibreOffice's text export of a Word table: the header's cells on consecutive lines (no blank
    line between cells), then every row exactly one line per cell, an empty line for an empty cell
    (a merged category cell below its first row, a row without its number).  Rows are cut every
    ncols lines while each starts with a number or an empty 序号 cell; None when the lines do not
    keep that shape (a web page's blank-line spacing)."""
    rows: list[list[str]] = []
    k = j
    while k + ncols <= len(lines):
        row = [x.strip() for x in lines[k:k + ncols]]
        if FOOTER_RE.match(row[0]) or not (SEQ_RE.match(row[0]) or not row[0] and any(row[1:])):
            break
        if not rows and not row[0]:
            return None
        if any(FOOTER_RE.match(x) for x in row[1:]) or SEQ_RE.match(row[-1] or "x") and len(row[-1]) <= 3:
            return None     # a number where a row's last cell goes: the lines are not one per cell
        rows.append(row)
        k += ncols
    if not rows or any(not any(r[1:]) for r in rows):
        return None
    return rows, k


def _spanned(headers: list[str]) -> list[str]:
    """序号 | … | 责任单位 | 时间安排 | 投资估算 | 牵头单位 | 协助单位: a header cell spanning two columns
    whose sub-headers come after the first header row — the sub-headers take its place."""
    fields = header_fields(headers)
    subs = 0
    while subs < len(fields) and fields[len(fields) - 1 - subs] in ("lead", "cooperating", "responsible"):
        subs += 1
    if subs < 2 or subs == len(fields):
        return headers
    top = fields[:len(fields) - subs]
    span = next((k for k, f in enumerate(top) if f in UNIT_FIELDS), None)
    if span is None or any(f in UNIT_FIELDS for f in top[span + 1:]):
        return headers
    return headers[:span] + headers[len(headers) - subs:] + headers[span + 1:len(headers) - subs]


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


def _fits(p: Profile, field: str | None) -> float:
    """How well a cell fits its column, -1..1, by the list reader's own measure of what a column holds (a person's name
    under 分管领导, units in a unit column, a number in 序号); the text columns say nothing here."""
    if not p.filled or field not in ("person", "seq", *UNIT_FIELDS):
        return 0.0
    return 2 * content_fit(field, p) - 1


def _row_fit(row: list[str], fields: list[str | None]) -> float:
    return sum(_fits(profile([c]), f) for c, f in zip(row, fields))


def _cells_missing(cells: list[str], fields: list[str | None]) -> list[str]:
    """A row a cell or a few short: blanks where the cells then fit their columns best (at the end on a tie)."""
    gaps = len(fields) - len(cells)
    if not 0 < gaps <= 3:
        return cells + [""] * max(gaps, 0)
    kinds = [profile([c]) for c in cells]          # (each cell measured once, whatever column it is tried under)

    def placed(at: tuple[int, ...]) -> list[int | None]:
        rest = iter(range(len(cells)))
        return [None if k in at else next(rest) for k in range(len(fields))]

    def fit(at: tuple[int, ...]) -> float:
        return sum(_fits(kinds[i], f) for i, f in zip(placed(at), fields) if i is not None)
    best = max(combinations(range(len(fields)), gaps), key=lambda at: (fit(at), at))
    return ["" if i is None else cells[i] for i in placed(best)]


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
