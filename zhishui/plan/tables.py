"""Responsibility tables found in a plan (Word, PDF, web page or text): rows -> tasks.

Which column is which is decided by ``read_table`` alone, today with the list
reader's header detection (the same rules as for a list workbook: continuation
rows, merged categories, note rows).  It is the one place to switch to the
column-role module (zhishui/columns.py) when that is merged.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..listreader import FIELD_NAMES, ListSheet, match_field, read_list_sheet
from ..workbook_reader import Grid


@dataclass
class TableRead:
    sheet: ListSheet | None
    problem: str = ""        # Chinese: why the table could not be read as a list


def read_table(grid: Grid, where: str) -> TableRead:
    """The table as a responsibility list, or why not (naming the columns it has)."""
    grid = _with_content_column(grid)
    ls = read_list_sheet(grid, where)
    if ls is not None:
        return TableRead(ls)
    headers = [t for t in (grid.text(r, c).strip() for r in range(min(3, grid.nrows)) for c in range(grid.ncols)) if t]
    if grid.nrows >= 2 and grid.ncols >= 3:
        return TableRead(None, f"{where}的各列无法分辨（前几行为：{'、'.join(headers[:12])}），"
                               f"需要有「具体举措」一类的任务内容列和「完成时限」或「牵头单位/责任单位」列")
    return TableRead(None)


def _with_content_column(grid: Grid) -> Grid:
    """A header without a task-text column (细化措施 is not a known name): the unnamed column
    whose cells are the longest text is the task text.  Renames that header cell only."""
    for r in range(min(grid.nrows, 10)):
        texts = [grid.text(r, c).strip() for c in range(grid.ncols)]
        fields = [match_field(t) if t and len(t) <= 12 else None for t in texts]
        known = {f for f in fields if f}
        if len(known) < 3 or "content" in known or not known & {"lead", "responsible", "cooperating", "deadline"}:
            continue
        unnamed = [c for c, (t, f) in enumerate(zip(texts, fields)) if t and not f]
        if not unnamed:
            return grid
        body = range(r + 1, grid.nrows)

        def mean_len(c):
            vals = [len(grid.text(x, c)) for x in body]
            return sum(vals) / len(vals) if vals else 0
        best = max(unnamed, key=mean_len)
        rows = [list(row) for row in grid.rows]
        rows[r][best] = FIELD_NAMES["content"]
        return Grid(grid.name, rows, grid.merged, grid.visible)
    return grid
