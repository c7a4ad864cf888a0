"""Column widths of the rendered tables from what their columns hold.

docxtpl repeats a template row once per item, so the right widths are only known
after rendering. For every data table of a rendered document (no merged cells,
not floating: the 回执 form and the 版记 keep their own layout) we

* measure each cell's text in twips at its own font size (its paragraph style or
  run size, character spacing included);
* start short columns (numbers, dates, names) at their width on one line and
  the others at 6 characters of their font, so no column that wraps holds fewer
  than 6 characters a line;
* hand out the rest of the table's width where it saves the most lines per
  twip (column_widths): the long free-text columns end up widest because that
  is where the lines are;
* mark the first row as a header that repeats on every page (w:tblHeader) and
  every row as not to be split across pages (w:cantSplit).

The table keeps its total width (the template's, normally the 156 mm 版心) and
its fixed layout, so Word, WPS and LibreOffice draw the same columns.
"""
from __future__ import annotations

import math
import unicodedata

from docx.oxml.ns import qn
from lxml import etree

MIN_CHARS = 6                 # a column that wraps holds at least this many characters a line
SHORT_CHARS = 10              # a column whose widest cell is narrower than this never wraps if it fits
ROW_LINE = 4                  # a line of table height costs as much as 4 wrapped lines inside cells
SAFETY = 20                   # twips per column for borders and rounding, so one-liners stay on one line
NARROW = 0.62                 # width of a half-width character (digits, Latin) in 字: generous for
                              # fallback fonts (DejaVu digits are 0.64 em, 仿宋_GB2312's 0.5 em)
SCRIPT_GAP = 0.25             # the space Word/WPS put between Chinese and digits/Latin (autoSpaceDN)


class _Styles:
    """Font size (half-points) and character spacing (twips) of paragraph styles, resolved."""

    def __init__(self, styles_el):
        self._by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
        self._default_para = next((sid for sid, s in self._by_id.items()
                                   if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) == "1"),
                                  None)
        dd = styles_el.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
        self._defaults = _rpr_values(dd, {"sz": 20, "spacing": 0})
        self._cache: dict = {}

    def values(self, style_id: str | None) -> dict:
        style_id = style_id if style_id in self._by_id else self._default_para
        if style_id in self._cache:
            return self._cache[style_id]
        chain, sid = [], style_id
        while sid in self._by_id and sid not in chain:
            chain.append(sid)
            based = self._by_id[sid].find(qn("w:basedOn"))
            sid = based.get(qn("w:val")) if based is not None else None
        vals = dict(self._defaults)
        for sid in reversed(chain):
            vals = _rpr_values(self._by_id[sid].find(qn("w:rPr")), vals)
        self._cache[style_id] = vals
        return vals


def _rpr_values(rpr, base: dict) -> dict:
    vals = dict(base)
    if rpr is None:
        return vals
    sz = rpr.find(qn("w:sz"))
    if sz is not None and sz.get(qn("w:val"), "").isdigit():
        vals["sz"] = int(sz.get(qn("w:val")))
    sp = rpr.find(qn("w:spacing"))
    if sp is not None and sp.get(qn("w:val")) is not None:
        try:
            vals["spacing"] = int(sp.get(qn("w:val")))
        except ValueError:
            pass
    return vals


def text_twips(text: str, size_half_points: int, spacing: int = 0) -> float:
    """Printed width of one line of ``text`` in twips (full-width = the font size)."""
    em = size_half_points * 10            # twips
    w, prev = 0.0, None
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in "WF"
        w += (em if wide else NARROW * em) + spacing
        if prev is not None and wide != prev and not ch.isspace():
            w += SCRIPT_GAP * em
        prev = wide
    return w


def _cell_lines(tc, styles: _Styles) -> list[tuple[float, int]]:
    """(width in twips, 1 字 in twips) of every paragraph line of a cell."""
    out = []
    for p in tc.iter(qn("w:p")):
        ps = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        vals = styles.values(ps.get(qn("w:val")) if ps is not None else None)
        runs = [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
        first = runs[0] if runs else None
        if first is not None:
            vals = _rpr_values(first.find(qn("w:rPr")), vals)
        text = ""
        for el in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            text += (el.text or "") if el.tag == qn("w:t") else "\n"
        for line in text.split("\n") or [""]:
            out.append((text_twips(line, vals["sz"], vals["spacing"]), vals["sz"] * 10))
    return out or [(0.0, styles.values(None)["sz"] * 10)]


def _margins(tbl) -> tuple[int, int]:
    mar = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))
    left = right = 108                     # Word's default cell margins
    if mar is not None:
        for side, attr in (("left", "left"), ("start", "left"), ("right", "right"), ("end", "right")):
            el = mar.find(qn(f"w:{side}"))
            if el is not None and (el.get(qn("w:w")) or "").isdigit():
                if attr == "left":
                    left = int(el.get(qn("w:w")))
                else:
                    right = int(el.get(qn("w:w")))
    return left, right


def is_data_table(tbl) -> bool:
    """A table of rows of values: no merged or spanning cells, not floating, not nested."""
    if tbl.find(qn("w:tblPr") + "/" + qn("w:tblpPr")) is not None:
        return False
    if any(a.tag == qn("w:tbl") for a in tbl.iterancestors()):
        return False
    for tag in ("w:gridSpan", "w:vMerge", "w:hMerge"):
        if next(tbl.iter(qn(tag)), None) is not None:
            return False
    rows = tbl.findall(qn("w:tr"))
    n = len(tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol")))
    return n >= 2 and bool(rows) and all(len(r.findall(qn("w:tc"))) == n for r in rows)


def _lines(t: float, w: float, em: float) -> int:
    """Lines a paragraph of printed width ``t`` takes in a column of content width ``w``
    (line breaks waste up to half a character a line: punctuation rules, Latin words)."""
    if t <= w:
        return 1
    return max(2, math.ceil(t / max(w - em / 2, em)))


def _next_width(t: float, w: float, em: float) -> float | None:
    """The smallest width above ``w`` at which the paragraph takes one line fewer."""
    n = _lines(t, w, em)
    if n == 1:
        return None
    x = t if n == 2 else t / (n - 1) + em / 2
    while _lines(t, x, em) >= n:
        x += 1
    return x


def column_widths(cells, ems, available: float) -> list[float]:
    """Content widths (twips) of the columns of a table, summing to ``available``.

    ``cells[i][j]`` lists the printed widths of the paragraphs of row i, column j; ``ems``
    is each column's character width.

    1. Floors. A *short* column (its widest cell under SHORT_CHARS characters: numbers,
       dates, unit names) starts at its natural width, so it never wraps; any other
       column starts at MIN_CHARS characters. When that is too wide, the widest short
       columns come down to MIN_CHARS characters (or their natural width) one by one.
    2. The room left goes, step by step, where it saves the most per twip: lines of table
       height (a row is as high as its tallest cell) and wrapped lines in cells (a wrapped
       short value counts as much as a line of height). The long free-text columns hold
       the lines, so they end up widest.
    3. What remains when nothing wraps goes to the columns by how much text they hold.
    4. If a short column came out wider than a long column that still wraps, the widest
       such short column is treated as long (it may wrap) and the widths are worked out
       again: the long free-text columns are the widest.

    When even MIN_CHARS a column does not fit, the floors are scaled down together (the
    tests report such a table).
    """
    n = len(ems)
    naturals = [max((t for row in cells for t in row[j]), default=0.0) for j in range(n)]
    short = [naturals[j] <= SHORT_CHARS * ems[j] for j in range(n)]
    while True:
        w = _allocate(cells, ems, available, naturals, short)
        # the long free-text columns widest: a short column wider than a long one that
        # still wraps gives up its one-line width (the widest first)
        wrapping = [w[j] for j in range(n) if not short[j] and w[j] < naturals[j] - 0.5]
        wide = [j for j in range(n) if short[j] and wrapping and w[j] > min(wrapping) + 0.5
                and naturals[j] > MIN_CHARS * ems[j]]
        if not wide:
            return w
        short[max(wide, key=lambda j: w[j])] = False


def _allocate(cells, ems, available: float, naturals, short) -> list[float]:
    n = len(ems)
    low = [min(naturals[j], MIN_CHARS * ems[j]) for j in range(n)]
    w = [naturals[j] if short[j] else low[j] for j in range(n)]
    for j in sorted((k for k in range(n) if short[k]), key=lambda k: -naturals[k]):
        if sum(w) <= available:
            break
        w[j] = low[j]
    if sum(w) > available:
        total = sum(w)
        return [x * available / total for x in w] if total else [available / n] * n
    room = available - sum(w)

    def col_lines(j, x):
        return [sum(_lines(t, x, ems[j]) for t in row[j]) or 1 for row in cells]

    lines = [col_lines(j, w[j]) for j in range(n)]          # lines[j][i]
    rows = range(len(cells))
    while room > 0.5:
        # per row: the tallest cell, and the tallest outside that cell's column
        first = [max(range(n), key=lambda k: lines[k][i]) for i in rows]
        second = [max((lines[k][i] for k in range(n) if k != first[i]), default=1) for i in rows]
        best = None
        for j in range(n):
            if w[j] >= naturals[j]:
                continue
            steps = [_next_width(t, w[j], ems[j]) for row in cells for t in row[j]]
            steps = sorted({x for x in steps if x is not None and x - w[j] <= room})
            tries = steps[:1] + ([naturals[j]] if naturals[j] - w[j] <= room else [])
            for x in tries:
                new = col_lines(j, x)
                saved_rows = sum(lines[first[i]][i] - max(new[i], second[i] if first[i] == j
                                                          else lines[first[i]][i]) for i in rows)
                saved_cells = sum(lines[j]) - sum(new)
                gain = (ROW_LINE * saved_rows + (ROW_LINE if short[j] else 1) * saved_cells) / (x - w[j])
                if gain > 0 and (best is None or gain > best[0]):
                    best = (gain, j, x, new)
        if best is None:
            break
        _, j, x, new = best
        room -= x - w[j]
        w[j], lines[j] = x, new
    if room > 0:
        weights = [sum(t for row in cells for t in row[j]) for j in range(n)]
        total = sum(weights) or n
        w = [x + room * ((weights[j] if sum(weights) else 1) / total) for j, x in enumerate(w)]
    return w


def fit_table(tbl, styles: _Styles) -> list[int]:
    """Set the widths of one data table; returns the new column widths in twips."""
    grid = tbl.findall(qn("w:tblGrid") + "/" + qn("w:gridCol"))
    n = len(grid)
    total = sum(int(g.get(qn("w:w")) or 0) for g in grid)
    tblw = tbl.find(qn("w:tblPr") + "/" + qn("w:tblW"))
    if tblw is not None and tblw.get(qn("w:type")) == "dxa" and (tblw.get(qn("w:w")) or "").isdigit():
        total = int(tblw.get(qn("w:w"))) or total
    left, right = _margins(tbl)
    pad = left + right + SAFETY
    rows = tbl.findall(qn("w:tr"))
    cells = [[[] for _ in range(n)] for _ in rows]
    ems = [0.0] * n
    for i, tr in enumerate(rows):
        for j, tc in enumerate(tr.findall(qn("w:tc"))):
            for width, em in _cell_lines(tc, styles):
                cells[i][j].append(width)
                ems[j] = max(ems[j], em)
    content = column_widths(cells, ems, total - n * pad)
    widths = [int(round(c + pad)) for c in content]
    widths[max(range(n), key=lambda j: widths[j])] += total - sum(widths)
    for g, w in zip(grid, widths):
        g.set(qn("w:w"), str(w))
    for tr in rows:
        for tc, w in zip(tr.findall(qn("w:tc")), widths):
            tcpr = tc.find(qn("w:tcPr"))
            if tcpr is None:
                tcpr = etree.Element(qn("w:tcPr"))
                tc.insert(0, tcpr)
            tcw = tcpr.find(qn("w:tcW"))
            if tcw is None:
                tcw = etree.Element(qn("w:tcW"))
                tcpr.insert(0, tcw)
            tcw.set(qn("w:w"), str(w))
            tcw.set(qn("w:type"), "dxa")
    if tblw is not None:
        tblw.set(qn("w:w"), str(sum(widths)))
        tblw.set(qn("w:type"), "dxa")
    _row_flags(rows)
    return widths


# w:trPr children in schema order (CT_TrPr is a choice, but Word writes this order)
_TRPR_ORDER = ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
               "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden"]


def _row_flags(rows) -> None:
    for i, tr in enumerate(rows):
        trpr = tr.find(qn("w:trPr"))
        if trpr is None:
            trpr = etree.Element(qn("w:trPr"))
            tblpr_ex = tr.find(qn("w:tblPrEx"))
            (tblpr_ex.addnext if tblpr_ex is not None else lambda e: tr.insert(0, e))(trpr)
        wanted = ["cantSplit"] + (["tblHeader"] if i == 0 else [])
        for name in wanted:
            if trpr.find(qn(f"w:{name}")) is None:
                trpr.append(etree.Element(qn(f"w:{name}")))
        order = {qn(f"w:{t}"): k for k, t in enumerate(_TRPR_ORDER)}
        for el in sorted(trpr, key=lambda e: order.get(e.tag, 99)):
            trpr.append(el)


def fit_tables(body, styles_el) -> int:
    """Fit every data table under ``body``; returns how many were fitted."""
    styles = _Styles(styles_el)
    n = 0
    for tbl in list(body.iter(qn("w:tbl"))):
        if is_data_table(tbl):
            fit_table(tbl, styles)
            n += 1
    return n
