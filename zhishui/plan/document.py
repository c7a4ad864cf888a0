"""What every plan reader produces: the document as paragraphs and tables, in reading order.

A paragraph keeps where it was (第12段 / 第3页) so that every imported task and
every line of the review can point the clerk back to the original.  A table is
a plain grid of cell texts with its merged ranges (the same ``Grid`` the list
reader reads), whatever format it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..workbook_reader import Grid


@dataclass
class Para:
    text: str
    where: str               # 第12段 / 第3页第5行 / 第40行
    heading: str = ""        # 一、整改任务: the numbered heading a field line was read from (its category)


@dataclass
class Table:
    grid: Grid
    where: str               # 表1 / 第2页表1 / 第120行起的表格（网页展开）
    notes: list[str] = field(default_factory=list)   # Chinese: what rebuilding it was unsure of
    row_notes: dict[int, str] = field(default_factory=dict)   # grid row -> Chinese note for that row's task


@dataclass
class Document:
    path: Path
    kind: str                # docx | pdf | html | txt
    blocks: list = field(default_factory=list)   # Para | Table, in reading order
    notes: list[str] = field(default_factory=list)  # Chinese, how the file was read
    lines: list[str] = field(default_factory=list)  # the text lines as read (for the date, issuer, 文号)
    # a saved web page's own titles (its <h1>s, then <title>): the plan's name is among them, not in the site's menu
    page_titles: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        return "\n".join(b.text for b in self.paragraphs)
