#!/usr/bin/env python3
"""Build Word documents of the five seed plans, the way an office would have them (build time, tests).

    python scripts/build_plan_docs.py OUT_DIR [--seeds DIR]

Every non-empty line of a seed becomes a Word paragraph (markdown marks removed);
the responsibility tables of seeds 001 and 003 become real Word tables with the
category cells merged vertically over their tasks, read from the seed by the
sample builder's own parsers (samples/build_samples.py), not by the importer.
The PDFs the tests use are LibreOffice exports of these files.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))
import build_samples as bs  # noqa: E402

MARKS = re.compile(r"^\s*#{1,6}\s*|\*\*|^\s*-{3,}\s*$")


def _doc() -> Document:
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Noto Sans CJK SC"
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans CJK SC")
    return d


def _paragraphs(d: Document, lines: list[str]) -> None:
    for line in lines:
        t = MARKS.sub("", line).strip()
        if t:
            d.add_paragraph(t)


def _table(d: Document, header: list[str], rows: list[list[str]], merge_col: int | None,
           groups: list[tuple[int, int]]):
    """A Word table; (first, last) row groups of the category column are merged vertically."""
    t = d.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    for c, h in enumerate(header):
        t.cell(0, c).text = h
        t.cell(0, c).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            if c != merge_col:
                t.cell(r, c).text = v
    if merge_col is not None:
        for first, last in groups:
            text = next((rows[i][merge_col] for i in range(first, last + 1) if rows[i][merge_col]), "")
            cell = t.cell(first + 1, merge_col)
            if last > first:
                cell = cell.merge(t.cell(last + 1, merge_col))
            cell.text = text
    return t


def _groups(cats: list[str]) -> list[tuple[int, int]]:
    """Row groups under each category: a new group starts where a category is written."""
    out, start = [], 0
    for i in range(1, len(cats) + 1):
        if i == len(cats) or cats[i]:
            out.append((start, i - 1))
            start = i
    return out


def build_001(text: str, out: Path) -> Path:
    lines = text.split("\n")
    head = next(i for i, l in enumerate(lines) if l.strip() == "序号")
    tail = next(i for i, l in enumerate(lines) if l.strip().startswith("抄送"))
    rows = bs.parse_seed001(text)
    d = _doc()
    _paragraphs(d, lines[:head])
    body = [[str(r["序号"]), r["重点任务"], r["具体举措"], r["完成时限"], r["牵头单位"], r["责任单位"], r["配合单位"]]
            for r in rows]
    _table(d, bs.HEADER001, body, 1, _groups([r[1] for r in body]))
    _paragraphs(d, lines[tail:])
    d.save(out)
    return out


def build_003(text: str, out: Path) -> Path:
    lines = text.split("\n")
    idx = next(i for i, l in enumerate(lines) if l.strip() == "## " + bs.HEADING003)
    rows = bs.parse_seed003(text)
    d = _doc()
    _paragraphs(d, lines[:idx + 1])
    body = [["" if r["序号"] is None else str(r["序号"])] + [r[h] for h in bs.HEADER003[1:]] for r in rows]
    spans = [r["_span"] for r in rows]
    groups, start = [], 0
    for i in range(1, len(spans) + 1):
        if i == len(spans) or spans[i] != spans[i - 1]:
            groups.append((start, i - 1))
            start = i
    t = _table(d, bs.HEADER003, body, 1, groups)
    for h in bs.CONT_MERGED[1:]:           # the continuation row shares task 1's unit cells
        c = bs.HEADER003.index(h)
        t.cell(1, c).merge(t.cell(2, c))
    d.save(out)
    return out


def build_prose(text: str, out: Path) -> Path:
    d = _doc()
    _paragraphs(d, text.split("\n"))
    d.save(out)
    return out


def build(out_dir: Path, seeds: Path = bs.DEFAULT_SEEDS) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    made = {}
    for path in sorted(seeds.glob("0*.txt")):
        key = path.name[:3]
        text = path.read_text(encoding="utf-8")
        target = out_dir / f"seed{key}.docx"
        made[key] = {"001": build_001, "003": build_003}.get(key, build_prose)(text, target)
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=Path, default=bs.DEFAULT_SEEDS)
    a = ap.parse_args(argv)
    for key, p in build(a.out, a.seeds).items():
        print(key, p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
