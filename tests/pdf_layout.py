"""Reading a page layout back from a PDF made by LibreOffice (pdftotext -bbox).

What a clerk checks with a ruler, measured: characters in a full body line, body
lines on a full page, gaps between the characters of a 文号 or a date. The page
geometry is GB/T 9704's (A4, 版心 156 x 225 mm at 28 mm from the left and 37 mm
from the top), not read from our templates.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from html import unescape
from pathlib import Path

MM = 72 / 25.4
LEFT, RIGHT = 28 * MM, (28 + 156) * MM
TOP, BOTTOM = 37 * MM, (37 + 225) * MM
BODY_PT = 16                      # 3号


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def convert_many(paths, outdir: Path, timeout: int = 600) -> dict[Path, Path]:
    """Convert .docx files to PDF with one LibreOffice start (private profile)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise AssertionError("LibreOffice is required (make sysdeps installs it)")
    outdir.mkdir(parents=True, exist_ok=True)
    paths = list(paths)
    stems = [p.stem for p in paths]
    assert len(set(stems)) == len(stems), "file names must differ"
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        r = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)],
                           capture_output=True, text=True, timeout=timeout,
                           env={**os.environ, "HOME": profile})
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = {p: outdir / (p.stem + ".pdf") for p in paths}
    missing = [p.name for p, pdf in out.items() if not pdf.exists()]
    if r.returncode != 0 or missing:
        raise AssertionError(f"LibreOffice did not convert {missing}: {r.stdout} {r.stderr}")
    return out


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_words(pdf: Path) -> list[list[Word]]:
    """The words of every page, as poppler splits them (a gap above ~0.1 em ends a word)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([Word(*map(float, m.groups()[:4]), unescape(m.group(5))) for m in _WORD.finditer(page)])
    return pages


def rows(words: list[Word]) -> list[list[Word]]:
    """Words on the same baseline (bottom within 1 pt), top to bottom, left to right."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.y1, w.x0)):
        if out and abs(out[-1][0].y1 - w.y1) < 1.0:
            out[-1].append(w)
        else:
            out.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in out]


def text_of(row: list[Word]) -> str:
    return "".join(w.text for w in row)


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def body_height(pages: list[list[Word]]) -> float:
    """Height of a word box of body text (3号): the most common height between 1.1 and 1.6
    times 16 pt, which leaves out 小四 table text and the 2号 title whatever the font."""
    hs = [round(w.height, 1) for page in pages for w in page
          if TOP <= w.y0 and w.y1 <= BOTTOM and 1.1 * BODY_PT <= w.height <= 1.6 * BODY_PT]
    return statistics.mode(hs)


def in_block(row: list[Word]) -> bool:
    return row[0].y0 >= TOP - 2 and row[-1].y1 <= BOTTOM + 2


def is_body_row(row: list[Word], height: float) -> bool:
    return all(abs(w.height - height) < 0.6 for w in row)


def full_lines(pages: list[list[Word]]) -> list[tuple[int, float, str]]:
    """(page, characters, text) of every full body line made only of full-width characters.

    A full line starts at the left edge of the 版心 (or at a first-line indent, counted in
    characters) and reaches its right edge; its characters are counted one by one.
    """
    h = body_height(pages)
    em = BODY_PT
    out = []
    for i, page in enumerate(pages, 1):
        for row in rows(page):
            if not (in_block(row) and is_body_row(row, h)):
                continue
            text = text_of(row)
            if not text or not all(is_wide(c) for c in text):
                continue
            x0, x1 = row[0].x0, row[-1].x1
            if x1 < RIGHT - em / 2 or x0 < LEFT - em / 2:
                continue
            indent = round((x0 - LEFT) / em, 1)
            if indent > 2.6:        # centred or right-aligned lines are not full lines
                continue
            out.append((i, len(text) + indent, text))
    return out


def full_pages(pages: list[list[Word]]) -> list[tuple[int, int]]:
    """(page, body lines) of every full page: its 版心 holds body text only and the text
    runs down to the bottom of the 版心 (within a line), then on to the next page. Lines
    are counted from the first to the last at the page's own line pitch, so the empty
    lines before a 署名 count as the lines they are."""
    h = body_height(pages)
    out = []
    for i, page in enumerate(pages[:-1], 1):
        block = [r for r in rows(page) if in_block(r)]
        if len(block) < 2 or not all(is_body_row(r, h) for r in block):
            continue
        steps = sorted(b[0].y1 - a[0].y1 for a, b in zip(block, block[1:]))
        pitch = steps[len(steps) // 2]
        if block[-1][0].y1 >= BOTTOM - 1.5 * pitch:
            out.append((i, round((block[-1][0].y1 - block[0][0].y1) / pitch) + 1))
    return out


def gaps(row: list[Word]) -> list[float]:
    """Blank space between neighbouring words of a row, in points."""
    return [b.x0 - a.x1 for a, b in zip(row, row[1:])]


def phrase(row: list[Word], pattern: str) -> list[Word]:
    """The words of ``row`` that print the text matching ``pattern``, e.g. the 文号 at the
    end of the 信函 number line."""
    text = text_of(row)
    m = re.search(pattern, text)
    if not m:
        return []
    out, pos = [], 0
    for w in row:
        start, end = pos, pos + len(w.text)
        if end > m.start() and start < m.end():
            out.append(w)
        pos = end
    return out
