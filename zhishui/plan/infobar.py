"""A web page's information bar (索引号：| … | 文号：| 石政办函〔2020〕31号 | 成文日期：| …) is a
table of label cells and value cells, not a task table: its pairs are lines for the document's
date, issuer and 文号, and it is not reported as a table whose columns cannot be told apart."""
from __future__ import annotations

import re

from ..workbook_reader import Grid

LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]$")


def label_pairs(grid: Grid) -> list[str]:
    """「label：value」 for every label cell followed by a value in its row."""
    out = []
    for r in range(grid.nrows):
        cells = [grid.text(r, c).strip() for c in range(grid.ncols)]
        for c, v in enumerate(cells[:-1]):
            if LABEL_RE.match(v) and cells[c + 1] and not LABEL_RE.match(cells[c + 1]):
                out.append(v + cells[c + 1])
    return out


def is_info_bar(grid: Grid) -> bool:
    """Every non-empty row holds label：value pairs and nothing else."""
    rows = [[grid.text(r, c).strip() for c in range(grid.ncols)] for r in range(grid.nrows)]
    rows = [[v for v in row if v] for row in rows]
    rows = [row for row in rows if row]
    return bool(rows) and all(len(row) % 2 == 0 and all(LABEL_RE.match(row[i]) for i in range(0, len(row), 2))
                              for row in rows)
