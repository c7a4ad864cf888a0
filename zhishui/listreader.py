"""Find the responsibility list in a workbook and read its rows as raw tasks.

The header row and what each column holds are read by zhishui.columns (header
words and cell content together), not by position: title rows above it and
two-row headers are fine; columns no role claims are kept as extras.  Merged category
cells carry down; a row without a 序号 that continues the task above stays
attached to it; blank, note and repeated-header rows are skipped and said so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import columns as colmod
from .errors import ZhishuiError
from .findings import INFO, WARNING, Finding
from .tables import LIST_STATUS_HEADERS
from .workbook_reader import Book, Grid, cell_ref, col_letter

FIELD_NAMES = {"seq": "序号", "category": "重点任务", "content": "具体举措", "deadline": "完成时限",
               "lead": "牵头单位", "responsible": "责任单位", "person": "责任人", "cooperating": "配合单位"}
UNIT_FIELDS = ("lead", "responsible", "cooperating")
SKIP_SHEETS = ("单位名录", "单位目录", "设置", "参数", "配置", "使用说明", "控制台", "校验结果", "报送情况", "汇总",
               "导入核对", "原文对照")

CATEGORY_HEADING_RE = re.compile(r"^\s*([一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[）)])")
NOTE_RE = re.compile(r"^\s*(注|备注|说明|填表说明|附注)\s*[:：\d一.、]")
TOTAL_RE = re.compile(r"^\s*(合计|小计|总计)")


def _header_key(text: str) -> str:
    return colmod.header_key(text)


@dataclass
class Part:
    """One row of a task: its first row or a continuation row."""
    row: int                 # Excel row number (1-based)
    content: str
    deadline: str
    cells: dict = field(default_factory=dict)   # field -> 'C5'


@dataclass
class RawTask:
    seq: str
    category: str
    sheet: str
    row: int
    texts: dict                         # field -> text (merged values resolved)
    cells: dict                         # field -> cell ref
    parts: list[Part] = field(default_factory=list)   # continuation rows
    seq_from_merge: bool = False
    extras: dict = field(default_factory=dict)          # header -> text of columns no role claims
    group: tuple | None = None                          # the merged 序号 range the row sits under


@dataclass
class ListSheet:
    sheet: str
    header_row: int                     # Excel row number of the (last) header row
    columns: dict                       # field -> 0-based column
    tasks: list[RawTask]
    notes: list[Finding]
    extras: dict = field(default_factory=dict)        # 0-based column -> header text
    signature: str = ""                               # header signature (remembered column mappings)
    ambiguities: list = field(default_factory=list)   # columns.Ambiguity
    mapped: bool = False
    headers: dict = field(default_factory=dict)       # 0-based column -> header words
    # a date written above the header (「鞍立政发〔2023〕2号 立山区人民政府 2023年3月28日」): (its text, cell), offered to
    # the clerk as the 成文日期 a relative deadline needs, never taken silently
    title_date: tuple | None = None


def _seq_text(s: str) -> str:
    s = s.strip()
    if re.fullmatch(r"\d+\.0+", s):
        return s.split(".")[0]
    return s


CHINESE_SEQ_RE = re.compile(r"^\s*([一二三四五六七八九十]+[、.．]?|[（(][一二三四五六七八九十]+[）)])\s*$")


def grid_texts(grid: Grid) -> list[list[str]]:
    """Every cell as text, once (rows are read many times below)."""
    n = grid.ncols
    return [[grid.text(r, c) for c in range(n)] for r in range(grid.nrows)]


def choose_layout(grid: Grid, *, directory=None, mapping: dict | None = None,
                  remembered=None) -> tuple[int | None, dict, int, colmod.Layout | None]:
    """(header row, field -> column, header rows, layout): columns read by their
    header words and what they hold (zhishui.columns); a mapping the clerk gave
    (or one remembered for this header) decides the columns it names."""
    texts = grid_texts(grid)
    lay = colmod.analyse(texts, grid.merged, directory=directory)
    if lay is not None and mapping is None and remembered is not None:
        mapping = remembered(lay.signature)
    if mapping:
        mlay = colmod.analyse(texts, grid.merged, directory=directory, mapping=mapping)
        if mlay is not None:
            mlay.signature = lay.signature if lay is not None else mlay.signature
            return mlay.header_first, dict(mlay.roles), mlay.nrows_header, mlay
    if lay is None:
        return None, {}, 1, None
    return lay.header_first, dict(lay.roles), lay.nrows_header, lay


def _extra_columns(grid: Grid, lay, hr: int, nhead: int, cols: dict) -> dict:
    """Columns no role claims, with header words, that hold something: kept as extra fields."""
    used = set(cols.values())
    heads = {}
    for c in range(grid.ncols):
        if lay is not None and lay.header_first == hr and c in lay.headers:
            head = lay.headers[c]
        else:
            words = []
            for r in range(hr, hr + nhead):
                t = grid.merged_text(r, c)[0].strip()
                if t and t not in words:
                    words.append(t)
            head = "/".join(words)
        if head:
            heads[c] = head.replace("\n", "")
    output = _ledger_status_columns(heads)     # the whole run, though a role had taken one of its columns
    return {c: h for c, h in heads.items() if c not in used and c not in output}


# The 督办台账's own result columns, which the add-in writes beside 任务清单 every month (tables.LIST_STATUS_HEADERS;
# a ledger of the first version still says 滞后 until its next run): output, not the plan's. Kept as extras, split
# printed last month's results (other units' names among them) on every return as 参考：…, and collect compared
# them as 下发内容 once the next run had rewritten them.
LEDGER_STATUS_RUNS = (tuple(LIST_STATUS_HEADERS), ("本期状态", "灯", "滞后", "说明"))
LEDGER_STATUS_HEADS = frozenset(h for run in LEDGER_STATUS_RUNS for h in run)


def _ledger_status_columns(heads: dict) -> set[int]:
    """The columns of ``heads`` (column -> header) that are a run of the ledger's status headers, side by side
    and in order; a plan's lone 「说明」 column stays an extra."""
    out: set[int] = set()
    for c in heads:
        for run in LEDGER_STATUS_RUNS:
            if all(heads.get(c + i, "").strip() == h for i, h in enumerate(run)):
                out.update(range(c, c + len(run)))
    return out


def read_list_sheet(grid: Grid, file: str, *, directory=None, mapping: dict | None = None,
                    remembered=None, blank_category_carries: bool | None = None) -> ListSheet | None:
    """``blank_category_carries``: whether a blank 重点任务 cell takes the category above; None decides by the
    sheet (see below), True for a plan's table, whose merges a text or PDF copy lost and whose category cells
    the plan reader fills only in part."""
    hr, cols, nhead, lay = choose_layout(grid, directory=directory, mapping=mapping, remembered=remembered)
    if hr is None:
        return None
    if "content" not in cols and "category" in cols:
        cols["content"] = cols.pop("category")
    extra_cols = _extra_columns(grid, lay, hr, nhead, cols)
    notes: list[Finding] = []
    data_start = hr + nhead
    header_texts = [_header_key(grid.text(hr, c)) for c in range(grid.ncols)]
    tasks: list[RawTask] = []
    current: RawTask | None = None
    category = ""
    heading = ""        # the category row in force (一、…): a category column's text comes under it
    col_category = ""   # the category column's text in force (carried down until the next category row)
    itemised: dict = {}  # merged 序号 range -> (its number, [(row, 序号 given)]) of the rows with item numbers
    skipped_blank: list[int] = []
    width = max(cols.values()) + 1

    def note(code, msg, r, sev=INFO, sugg=""):
        notes.append(Finding(sev, code, msg, sugg, sheet=grid.name, cell=f"A{r + 1}", file=file))

    # a category column that writes its text again on the next row of the same block (the list zhishui import
    # writes, a list filled in row by row) says 「no category」 with a blank cell; only a list that writes each
    # category once over its rows means 「the same as above」 by one
    cat_col = cols.get("category")
    cat_cells = [grid.text(r, cat_col).strip() if not grid.merged_text(r, cat_col)[1] else ""
                 for r in range(data_start, grid.nrows)] if cat_col is not None else []
    cat_every_row = any(a and a == b for a, b in zip(cat_cells, cat_cells[1:])) if blank_category_carries is None \
        else not blank_category_carries
    seq_col = cols.get("seq")
    seq_cells = [grid.text(r, seq_col).strip() for r in range(data_start, grid.nrows)] if seq_col is not None else []
    seq_is_chinese = bool(seq_cells) and not any(re.fullmatch(r"\d+(\.0)?", x) for x in seq_cells)

    for r in range(data_start, grid.nrows):
        texts, own, from_merge = {}, {}, {}
        for f, c in cols.items():
            t, above = grid.merged_text(r, c)
            texts[f] = t.strip()
            from_merge[f] = above
            own[f] = "" if above else t.strip()
        row_all = [grid.text(r, c).strip() for c in range(grid.ncols)]
        kind, said = _row_kind(grid, r, row_all, own, cols, header_texts, width, seq_is_chinese)
        if kind == "blank":
            skipped_blank.append(r + 1)
            continue
        if kind == "heading":
            category = heading = said
            col_category = ""
            current = None
            note("CATEGORY_ROW", f"第{r + 1}行是分类标题「{said[:30]}」，作为其下各任务的重点任务", r)
            continue
        if kind is not None:
            note(kind, said, r)
            continue
        filled = [x for x in row_all if x]
        first = filled[0] if filled else ""
        if texts.get("category"):
            col_category = texts["category"]
        elif cat_every_row:
            col_category = ""
        seq = _seq_text(own.get("seq", ""))
        # a row under a 序号 merged over several rows (钟楼's 1 over (1)…(7), 西安's (一) over (1) (2)) has that
        # 序号; when its text opens with an item number of its own, it is a task of its own
        seq_rng = grid.merge_range(r, seq_col) if seq_col is not None else None
        group = seq_rng if seq_rng is not None and seq_rng[2] > seq_rng[0] else None
        item = _item_no(own.get("content", "")) if group is not None and not from_merge.get("content") else None
        if group is not None:
            number, sub = _group_no(texts.get("seq", ""))   # sub: 「(一)全面实施…」 typed in the 序号 cell
        else:
            sub = ""
        category = _levels(heading, sub, col_category)
        if group is not None:
            if item is not None:
                seq = _join_no(number, item)
                itemised.setdefault(group, (number, []))[1].append((r + 1, seq))
        has_body = bool(texts.get("content") or own.get("deadline"))
        if not has_body and not seq:
            if any(own.values()):
                note("STRAY_ROW", f"第{r + 1}行没有任务内容也没有序号（「{first[:20]}」），已跳过", r, WARNING,
                     "如果这是一项任务，请补上序号和任务内容")
            else:
                skipped_blank.append(r + 1)
            continue
        cells = {f: cell_ref(r, c) for f, c in cols.items()}
        has_seq_col = "seq" in cols
        continues = (has_seq_col and not seq and current is not None
                     and not any(own.get(f) and own.get(f) != current.texts.get(f) for f in UNIT_FIELDS))
        if continues:
            current.parts.append(Part(r + 1, own.get("content", "") if not from_merge.get("content") else "",
                                      own.get("deadline", ""), cells))
            why = (f"在合并的序号「{_group_no(texts.get('seq', ''))[0]}」下，任务文字没有自己的编号"
                   if group is not None else "没有序号")
            note("CONTINUATION_ROW",
                 f"第{r + 1}行{why}，作为上一项任务（序号{current.seq or current.row}）的续行", r)
            continue
        if group is not None and item is None:
            number = _group_no(texts.get("seq", ""))[0]
            mates = [t for t in tasks if t.group == group]
            if not seq:
                # its own units under the merged 序号 and no item number: a task of the group, numbered within it
                seq = _join_no(number, str(len(mates) + 1))
                for k, t in enumerate(mates, 1):
                    if t.seq == number:
                        t.seq = _join_no(number, str(k))
                note("MERGED_SEQ_ITEM", f"第{r + 1}行在合并的序号「{number}」下，有自己的单位，作为单独一项任务，"
                                        f"序号记为「{seq}」", r)
            elif number != seq:
                seq = number    # 「(一)全面实施…」 in the 序号 cell: its number is the 序号, its words the category
        extras = {}
        for c, head in extra_cols.items():
            v = grid.merged_text(r, c)[0].strip()
            if v:
                extras[head] = v
        task = RawTask(seq, category, grid.name, r + 1, texts, cells,
                       seq_from_merge=from_merge.get("seq", False), extras=extras, group=group)
        tasks.append(task)
        current = task
    for number, got in itemised.values():
        rows = [r for r, _ in got]
        note("MERGED_SEQ_ITEM",
             f"第{_ranges(rows)}行在合并的序号「{number}」下，任务文字各以自己的编号开头，各作为一项任务，"
             f"序号记为「{'」「'.join(s for _, s in got[:8])}」" + ("等" if len(got) > 8 else ""), rows[0] - 1)
    if skipped_blank:
        note("BLANK_ROWS", f"跳过了{len(skipped_blank)}个空行（第{_ranges(skipped_blank)}行）", skipped_blank[0] - 1)
    ls = ListSheet(grid.name, hr + nhead, cols, tasks, notes, extras=extra_cols,
                   signature=lay.signature if lay is not None else "",
                   ambiguities=list(lay.ambiguities) if lay is not None else [],
                   mapped=bool(lay is not None and lay.mapped),
                   headers=dict(lay.headers) if lay is not None else {},
                   title_date=_title_date(grid, hr))
    return ls


_TITLE_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


def _title_date(grid: Grid, hr: int) -> tuple | None:
    for r in range(min(hr, 8)):
        for c in range(grid.ncols):
            m = _TITLE_DATE_RE.search(grid.text(r, c))
            if m:
                return re.sub(r"\s", "", m.group()), cell_ref(r, c)
    return None


def _row_kind(grid: Grid, r: int, row_all: list[str], own: dict, cols: dict, header_texts: list[str],
              width: int, seq_is_chinese: bool) -> tuple[str | None, str]:
    """What a row is when it is not a task: ("blank", ""), ("heading", its text), (a note's code, what to
    say) for a repeated header, a total or a note; (None, "") for a row that may hold a task."""
    if not any(row_all) and not any(own.values()):
        return "blank", ""
    if _repeats_header(grid, r, header_texts):
        return "REPEATED_HEADER", f"第{r + 1}行是重复的表头，已跳过"
    filled = [x for x in row_all if x]
    first = filled[0] if filled else ""
    if TOTAL_RE.match(first):
        return "TOTAL_ROW", f"第{r + 1}行是合计行，已跳过"
    if len(set(filled)) == 1 and not re.fullmatch(r"\d+(\.0)?", first):
        text_cols = [c for c, v in enumerate(row_all) if v]
        rng = grid.merge_range(r, text_cols[0])
        spans = rng is not None and rng[3] - rng[1] + 1 >= min(3, width)
        in_body = any(cols.get(f) in text_cols for f in ("content", "deadline", *UNIT_FIELDS))
        if NOTE_RE.match(first):
            return "NOTE_ROW", f"第{r + 1}行是说明文字（「{first[:20]}」），不是任务，已跳过"
        if spans or (CATEGORY_HEADING_RE.match(first) and not in_body):
            return "heading", first
    if (CHINESE_SEQ_RE.match(own.get("seq", "")) and not any(own.get(f) for f in UNIT_FIELDS)
            and not own.get("deadline") and not seq_is_chinese):
        # 一 / （一） over arabic-numbered tasks: a heading row, whatever else it holds
        return "heading", own.get("content") or first
    return None, ""


ITEM_NO_RE = re.compile(r"^\s*(?:[（(]\s*(\d{1,2})\s*[）)]|(\d{1,2})\s*[.、．](?!\d)|([①-⑳]))")
GROUP_NO_RE = re.compile(r"^\s*([（(]?[一二三四五六七八九十百\d]{1,4}[）)]|[一二三四五六七八九十百]{1,4}(?=[、.．])|\d{1,4}(?=[、.．]\D))"
                         r"[、.．]?\s*(.*)$", re.S)


def _item_no(text: str) -> str | None:
    """The item number a task text opens with, as written in ASCII: (1), 1. or ① -> "(1)", "1", "(1)"."""
    m = ITEM_NO_RE.match(text or "")
    if not m:
        return None
    if m.group(2):
        return m.group(2)
    return f"({m.group(1) or ord(m.group(3)) - ord('①') + 1})"


def _group_no(text: str) -> tuple[str, str]:
    """(number, heading words) of a merged 序号 cell: "1" -> ("1", ""); "(一)全面实施…" -> ("(一)", "(一)全面实施…")."""
    t = _seq_text(text or "")
    if not t or colmod.SEQ_RE.match(t):
        return t.rstrip("、.．").replace("（", "(").replace("）", ")"), ""
    m = GROUP_NO_RE.match(t)
    if m and m.group(2).strip():
        return m.group(1).replace("（", "(").replace("）", ")"), t
    return t, ""


def _join_no(group: str, item: str) -> str:
    """The 序号 of item ``item`` under group ``group``: 1 + (2) -> 1(2); 1 + 2 -> 1.2; (一) + (1) -> (一)(1)."""
    if not group:
        return item
    return f"{group}.{item}" if group[-1].isdigit() and item[0].isdigit() else f"{group}{item}"


def _levels(*names: str) -> str:
    """A category under the category row in force (一、全链条优化审批／1.按照…): neither level is lost."""
    out: list[str] = []
    for n in names:
        if n and n not in out:
            out.append(n)
    return "／".join(out)


def _repeats_header(grid: Grid, r: int, header_texts: list[str]) -> bool:
    """The row repeats the header (a list pasted together from pages); stops at the first cell that differs."""
    row = grid.rows[r] if r < grid.nrows else []
    if len(row) < len(header_texts):
        return False
    return all(_header_key(grid.text(r, c)) == h for c, h in enumerate(header_texts))


def _ranges(rows: list[int]) -> str:
    out, start, prev = [], None, None
    for x in rows:
        if start is None:
            start = prev = x
        elif x == prev + 1:
            prev = x
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = x
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return "、".join(out)


def read_list(book: Book, sheet: str | None = None, *, directory=None, mapping: dict | None = None,
              remembered=None) -> ListSheet:
    """The list sheet of a workbook: the named one, else the best-matching visible sheet."""
    if sheet:
        g = book.sheet(sheet)
        if g is None:
            raise ZhishuiError(f"找不到名为「{sheet}」的工作表（现有：{'、'.join(s.name for s in book.sheets)}）",
                               file=book.path, hint="请检查工作表名称")
        candidates = [g]
    else:
        candidates = [g for g in book.visible_sheets if g.name not in SKIP_SHEETS] or book.visible_sheets
    best = empty = None
    for g in candidates:
        ls = read_list_sheet(g, str(book.path), directory=directory, mapping=mapping, remembered=remembered)
        if ls and not ls.tasks:
            empty = empty or ls
        if ls and ls.tasks and (best is None or len(ls.columns) > len(best.columns)):
            best = ls
    if best is None and empty is not None:
        raise ZhishuiError(f"清单表头在第{empty.header_row}行，但下面没有任务", file=book.path, sheet=empty.sheet,
                           code="NO_TASKS", hint="请把责任清单的任务粘贴到表头下面")
    if best is None:
        names = "、".join(FIELD_NAMES.values())
        where = "、".join(f"「{g.name}」" for g in candidates)
        raise ZhishuiError(f"找不到责任清单的表头（看过的工作表：{where}）" if where else "找不到责任清单的表头",
                           file=book.path, code="NO_HEADER",
                           hint=f"清单要有一行表头，至少包括任务内容列（如「具体举措」）和「完成时限」或「牵头单位」/「责任单位」列；可识别的列名有：{names}等。"
                                + COLUMNS_OPTION_HINT)
    return best


# the command line's way to name the columns (the web page, which has no --columns, says its own: web/workspace.py)
COLUMNS_OPTION_HINT = "表头用的是别的词时，可以指定各列：--columns 内容=B,时限=C,牵头=D（或在设置表加一项「列对应」）"


def column_letters(columns: dict) -> dict:
    return {FIELD_NAMES[f]: col_letter(c) for f, c in columns.items()}
