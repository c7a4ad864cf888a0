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
        dense = _dense_rows(lines, j, ncols, header_fields(headers))
        if dense is not None:
            rows, end, notes = dense
            return [headers] + rows, end, notes
    headers = _spanned(_wrapped_headers(headers))
    ncols = len(headers)
    fields = header_fields(headers)
    cat = fields.index("category") if "category" in fields else None
    task = fields.index("content") if "content" in fields else None
    cells = _cells_after(lines, j)
    # a row's cells are placed by what they say only where that is one answer: with one unit column a name can go
    # nowhere else; with 牵头单位 | 责任单位 | 配合单位 a row whose empty cells a PDF dropped (seed 001) could be read
    # three ways, and is listed as not read instead
    by_words = sum(f in UNIT_FIELDS for f in fields) <= 1
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
                and (cur is None or len(cur) >= ncols - 2 or by_words and _short_row_ends(cells, n, cur, last_seq)):
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
    placing = _placing_fields(kinds, rows[1:], ncols, rows[0])
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
        if len(r) == ncols - 1 and cat is not None and (kinds[-1] is not None or _row_kind_fit(r[:cat] + [""] + r[cat:], kinds)
                                                        >= _row_kind_fit(r + [""], kinds)):
            # the page left out the merged category cell (not when the cells fit their columns in order, the last
            # one, 备注, left empty: 10 | 三建设一整治 | 完善…。 | 5月底 | 周 斐 | 旅游股, h7306)
            r.insert(cat, "")
        elif len(r) < ncols - 1 and len(out) > 1 and by_words and r[0]:
            # 2 | 全年组织…。 | 文化宣传股文化馆: a row most of whose cells a page left out — cells a merged cell (rowspan)
            # shares with the rows above, which a page prints on the first row only (an empty cell is a blank line):
            # the cells go to the columns their contents fit, the merged ones are the row above's (a row without its
            # number is a further line of the task above, its continuation, and is not read so)
            had = len(r)
            r, carried = _merged_cells(r, placing, next(x for x in reversed(out) if x[0]))
            notes.append(_short_row_note(r, had, ncols, "已按各格的内容对齐到列；" + (
                f"{'、'.join(headers[k] for k in carried)}按上一行填入（网页上的合并单元格），" if carried else "")))
        elif len(r) < ncols:
            # (the blanks go where the cells fit their columns best: 徐国江 under 分管领导, 城管局 under 牵头单位; with
            # one unit column every cell is placed by its words, h7306)
            fitted = _merged_cells(r, placing, [])[0] if by_words and r[0] else _cells_missing(r, kinds)
            in_order = fitted == r + [""] * (ncols - len(r))
            notes.append(_short_row_note(r, len(r), ncols, "已按顺序填入，" if in_order
                                         else "已按各格的内容对齐到列（如人名对分管领导、单位名对牵头单位），"))
            r = fitted
        out.append(r[:ncols])
        out.extend(parts)
    return out, end, notes


def _short_row_note(r: list[str], had: int, ncols: int, how: str) -> str:
    """For 导入核对: which row was short, by how much, how its cells were placed."""
    return f"{'序号' + r[0] if r[0] else '「' + ''.join(r)[:12] + '」'}这一行只有{had}个单元格（表头有{ncols}列），{how}请核对"


# (单位) / (万元) / (人): the kind of body or the measure a header's cell gives in brackets — not (起始边界), a column
# of its own whose rows print a bracketed cell too (h306)
BRACKETED_RE = re.compile(r"^[（(](?:单位|部门|科室|股室|处室|责任人|万元|亿元|元|个|人|处|公里|km|亩|%)[）)]$")


def _wrapped_headers(headers: list[str]) -> list[str]:
    """责任股室 / (单位): a header cell the page wrapped onto a line of its own — one column, not two."""
    out: list[str] = []
    for h in headers:
        if out and BRACKETED_RE.match(h):
            out[-1] += h
        else:
            out.append(h)
    return out


def _short_row_ends(cells: list[tuple[str, int]], n: int, cur: list[str], last_seq: int) -> bool:
    """3 after 2 | 全年组织…。: the next number after a row of few cells (its merged cells left out) starts the next
    row when a row's text follows it, not another number (a count in the row's own cells)."""
    nxt = cells[n + 1][0] if n + 1 < len(cells) else ""
    return cells[n][0] == str(last_seq + 1) and len(cur) >= 2 and len(nxt) >= 2 and not SEQ_RE.match(nxt)


def _kind_fit(cell: str, field: str | None, p: Profile) -> float:
    """How well a cell's words fit a column, -1..1 (a unit's name under 完成时限 -2), for a row whose cells must be
    placed by what they say."""
    dated = _dated(cell)
    if field in UNIT_FIELDS and not dated and len(cell) <= 12 and not re.search(r"[，,。；;：:]", cell):
        return max(_fits(p, field), -0.1)     # (广电事业股: a section's name no list of unit endings knows, before 备注)
    if field == "person" and re.search(r"(?:股|室|馆|会|队|所|站|院|局|办|委|部|中心|公司)$", cell):
        return -1.0       # (文物股: a section's name, three characters as a name has)
    if field == "bodies":
        return max(_fits(p, "responsible"), -0.1)
    if field in ("person", "seq", *UNIT_FIELDS):
        return _fits(p, field)
    if field == "deadline":
        return _date_fit(cell, field) - (1.0 if not dated and looks_like_unit(cell) else 0.0)
    if field == "content":
        return -1.0 if dated or looks_like_unit(cell) else 1.0 if len(cell) >= 12 or cell.endswith(("。", "；", ";")) else 0.0
    if field == "category":
        return -1.0 if len(cell) > 16 or re.search(r"[，,。；;]", cell) or dated else 0.3
    return -0.2      # 备注 and columns of no role: the last place a cell goes


def _solid(cell: str) -> str:
    """周 斐: a two-character name a page spaced out to the width of three."""
    return re.sub(r"[ \u3000]+", "", cell)


def _placing_fields(fields: list[str | None], rows: list[list[str]], ncols: int,
                    headers: list[str]) -> list[str | None]:
    """The columns as a short row's cells are placed: a category column that no row fills with a short word of its
    own before a longer text (主要任务 | 全年目标任务, the task written once over both, h4603) is one more text column, the task going to
    the first (a real one — 指标: 公共文化服务 — holds short words, h7306)."""
    # 评分部门 / 考核单位: a column of bodies in no role of the work — a unit's name still goes there, not into the
    # unit column before it (h5509)
    fields = ["bodies" if f is None and re.search(r"(?:部门|单位|科室|处室)$", h.replace(" ", "")) else f
              for f, h in zip(fields, headers)]
    cat = fields.index("category") if "category" in fields else None
    if cat is None or any(len(r) > cat + 1 and r[cat] and len(r[cat]) <= 16 and not re.search(r"[，,。；;]", r[cat])
                          and len(r[cat + 1]) > 16 for r in rows):
        return fields
    return fields[:cat] + ["content"] + fields[cat + 1:]


def _row_kind_fit(row: list[str], fields: list[str | None]) -> float:
    return sum(_kind_fit(c, f, profile([_solid(c)])) for c, f in zip(row, fields) if c)


def _aligned(cells: list[str], fields: list[str | None]) -> list[int]:
    """The column of each cell, in order, where the cells' words fit their columns best (dynamic programming); cells
    side by side may share a unit column (文物股 / 郙阁公司: a cell of two names a page printed as two cells)."""
    profiles = [profile([_solid(c)]) for c in cells]
    n, m = len(cells), len(fields)
    NEG = float("-inf")
    # best[i][k]: the first i cells placed, the last of them in column k; back[i][k]: the column of cell i-2
    best = [[NEG] * m for _ in range(n + 1)]
    back = [[-1] * m for _ in range(n + 1)]
    for i in range(1, n + 1):
        fits = [_kind_fit(cells[i - 1], f, profiles[i - 1]) for f in fields]
        for k in range(m):
            if i == 1:
                best[1][k] = fits[k]
                continue
            prev = max(range(k), key=lambda j: best[i - 1][j], default=None)
            if prev is not None and best[i - 1][prev] > NEG:
                best[i][k], back[i][k] = best[i - 1][prev] + fits[k], prev
            if fields[k] in UNIT_FIELDS and best[i - 1][k] > NEG and fits[k] > -0.5 \
                    and best[i - 1][k] + fits[k] - 0.05 > best[i][k]:
                best[i][k], back[i][k] = best[i - 1][k] + fits[k] - 0.05, k
    k = max(range(m), key=lambda c: (best[n][c], -c))
    cols = [k]
    for i in range(n, 1, -1):
        k = back[i][k]
        cols.append(k)
    return cols[::-1]


def _merged_cells(cells: list[str], fields: list[str | None], above: list[str]) -> tuple[list[str], list[int]]:
    """-> (the row, the columns filled from the row above)."""
    row = [""] * len(fields)
    for c, k in zip(cells, _aligned(cells, fields)):
        row[k] = row[k] + "、" + c if row[k] else c
    carried = [k for k, f in enumerate(fields)
               if not row[k] and f in ("category", "deadline", "person", *UNIT_FIELDS) and k < len(above) and above[k]]
    for k in carried:
        row[k] = above[k]
    return row, carried


def _dense_rows(lines: list[str], j: int, ncols: int, fields: list[str | None]) \
        -> tuple[list[list[str]], int, list[str]] | None:
    """LibreOffice's text export of a Word table: the header's cells on consecutive lines (no blank
    line between cells), then every row exactly one line per cell, an empty line for an empty cell
    (a merged category cell below its first row, a row without its number).  Rows are cut every
    ncols lines while each starts with a number or an empty 序号 cell; None when the lines do not
    keep that shape (a web page's blank-line spacing).  A cell of two paragraphs is two lines: a numbered row
    whose next number comes a line or three late has those lines joined where the cells then fit their columns
    best (trial 27: 「2026年6月底前完成截污纳管；⏎2026年11月底前消除黑臭」 lost its second deadline and the table its
    other twelve rows), and a note says so."""
    rows: list[list[str]] = []
    notes: list[str] = []
    k = j
    while k + ncols <= len(lines):
        row = [x.strip() for x in lines[k:k + ncols]]
        if FOOTER_RE.match(row[0]) or not (SEQ_RE.match(row[0]) or not row[0] and any(row[1:])):
            break
        if not rows and not row[0]:
            return None
        extra = _extra_lines(lines, k, ncols, row[0])
        if extra:
            row = _joined([x.strip() for x in lines[k:k + ncols + extra]], fields)
            notes.append(f"第{row[0]}项有{extra}个格子在文本里分成了几行，已按各列的内容合并，请对照原文核对")
            rows.append(row)
            k += ncols + extra
            continue
        if any(FOOTER_RE.match(x) for x in row[1:]) or SEQ_RE.match(row[-1] or "x") and len(row[-1]) <= 3:
            return None     # a number where a row's last cell goes: the lines are not one per cell
        if row[0] and str(int(row[0]) + 1) in row[1:]:
            return None     # the next row's number inside this one: rows of fewer cells (merged ones left out)
        rows.append(row)
        k += ncols
    if not rows or any(not any(r[1:]) for r in rows):
        return None
    return rows, k, notes


def _extra_lines(lines: list[str], k: int, ncols: int, seq: str) -> int:
    """How many lines past its columns a numbered row runs: its next number (seq + 1) one to three lines late, the lines
    between it and the row's last cell all written (a paragraph of a cell, never an empty cell); 0 otherwise."""
    if not SEQ_RE.match(seq):
        return 0
    nxt = str(int(seq) + 1)
    here = [x.strip() for x in lines[k:k + ncols + 4]]
    if nxt in here[1:ncols + 1]:
        return 0
    for extra in range(1, 4):
        if ncols + extra < len(here) and here[ncols + extra] == nxt and all(here[ncols:ncols + extra]):
            return extra
    return 0


def _joined(cells: list[str], fields: list[str | None]) -> list[str]:
    """A row's lines, more than its columns, joined back into cells (a cell's paragraphs by a line break) where each
    cell fits its column best — a date under 完成时限, units under a unit column; at the end on a tie.  序号 stays
    alone."""
    extra = len(cells) - len(fields)

    def placed(at: tuple[int, ...]) -> list[str]:
        out: list[str] = []
        for i, c in enumerate(cells):
            if i in at:
                out[-1] += "\n" + c
            else:
                out.append(c)
        return out

    def fit(at: tuple[int, ...]) -> float:
        score = 0.0
        for c, f in zip(placed(at), fields):
            parts = c.split("\n")
            score += sum(_date_fit(x, f) for x in parts) + _fits(profile(parts), f)
        return score
    best = max(combinations(range(2, len(cells)), extra), key=lambda at: (fit(at), at))
    return placed(best)


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


def _dated(cell: str) -> bool:
    return bool(DATEISH_RE.search(cell)) and len(cell) <= 24


def _date_fit(cell: str, field: str | None) -> float:
    """A 完成时限 cell holds a time (羌研会 is no deadline, h7306); the other columns say nothing here."""
    if field != "deadline" or not cell:
        return 0.0
    return 1.0 if _dated(cell) else -1.0


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
        return sum(_fits(kinds[i], f) + _date_fit(cells[i], f) for i, f in zip(placed(at), fields) if i is not None)
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
            # columns after this one still need a cell each (备注, a column of no role, a page may leave out)
            left = sum(1 for g in fields[c + 1:] if g is not None)
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
