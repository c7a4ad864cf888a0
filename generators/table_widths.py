"""Column widths of the rendered tables from what their columns hold.

docxtpl repeats a template row once per item, so the right widths are only known
after rendering. For every data table of a rendered document (no merged cells,
not floating: the 回执 form and the 版记 keep their own layout) we

* measure each cell's text in twips at its own font size (its paragraph style or
  run size, character spacing included);
* start short columns (numbers, dates, names) at their width on one line and
  the others at 6 characters of their font, so no column that wraps holds fewer
  than 6 characters a line;
* share the rest of the table's width among the other columns in proportion
  to how much text each holds (column_widths): the long free-text columns are
  the widest;
* then, a row being as tall as its tallest cell, take lines off the rows from
  the top (the header row last): width moves to the cells that make a row tall
  from columns with room to spare (no row gets taller, a date or a name on one
  line stays on it), so a 督办通知's first task fits under its opening paragraph;
* mark the first row as a header that repeats on every page (w:tblHeader) and
  every row of up to 12 lines as not to be split across pages (w:cantSplit); a taller
  row may break at the page's end, or it leaves half a page empty before it.

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
SAFETY = 20                   # twips per column for borders and rounding, so one-liners stay on one line
# Widths of half-width characters in 字, generous enough for the fonts a document meets:
# 仿宋_GB2312 prints them at 0.5, LibreOffice's fallback DejaVu Sans at up to 1.0 (%, @, W)
NARROW = 0.64
NARROW_WIDE = dict.fromkeys("%@MWmw", 1.0) | dict.fromkeys("ABCDGHKNOQRUVXY", 0.78)
NARROW_THIN = dict.fromkeys(".,:;'!|ilIjf()[] ", 0.4)
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
        w += (em if wide else NARROW_WIDE.get(ch, NARROW_THIN.get(ch, NARROW)) * em) + spacing
        if prev is not None and wide != prev and not ch.isspace():
            w += SCRIPT_GAP * em
        prev = wide
    return w


# Line breaking as Word, WPS and LibreOffice do it for Chinese: a closing mark never starts a line and an opening
# one never ends it (they go with the character beside them), and a run of digits or Latin letters is not broken
NO_LINE_START = set("，。、；：？！）」』》〉】〕’”…·%,.;:!?)]}")
NO_LINE_END = set("（「『《〈【〔‘“([{")


class Line(float):
    """A paragraph line's printed width (twips) that knows its unbreakable pieces' widths, so that its lines in a
    column are counted as they break, not as its width divided by the column's (a cell of 「（区财政局报「持续推进」、
    完成100%）」 takes a line more than its width says: trial 15)."""
    pieces: tuple = ()


def line_of(text: str, size_half_points: int, spacing: int = 0) -> Line:
    em = size_half_points * 10
    groups: list[str] = []
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in "WF"
        latin = not wide and not ch.isspace() and ch not in NO_LINE_START and ch not in NO_LINE_END
        if groups and (ch in NO_LINE_START or ch.isspace()
                       or (latin and groups[-1][-1:] and _latin(groups[-1][-1]))
                       or groups[-1][-1:] in NO_LINE_END):
            groups[-1] += ch
        else:
            groups.append(ch)
    pieces, prev = [], None
    for g in groups:
        w = text_twips(g, size_half_points, spacing)
        wide = unicodedata.east_asian_width(g[0]) in "WF"
        if prev is not None and wide != prev:
            w += SCRIPT_GAP * em
        pieces.append(w)
        prev = unicodedata.east_asian_width(g.rstrip()[-1:] or g[-1]) in "WF"
    out = Line(sum(pieces))
    out.pieces = tuple(pieces)
    return out


def _latin(ch: str) -> bool:
    return not ch.isspace() and unicodedata.east_asian_width(ch) not in "WF" and ch not in NO_LINE_START \
        and ch not in NO_LINE_END


def _cell_lines(tc, styles: _Styles) -> list[tuple[float, int]]:
    """(width in twips, 1 字 in twips) of every paragraph line of a cell."""
    out = []
    for p in tc.iter(qn("w:p")):
        ps = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
        vals = styles.values(ps.get(qn("w:val")) if ps is not None else None)
        first = next((r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None), None)
        if first is not None:
            vals = _rpr_values(first.find(qn("w:rPr")), vals)
        text = ""
        for el in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
            text += (el.text or "") if el.tag == qn("w:t") else "\n"
        for line in text.split("\n"):
            out.append((line_of(line, vals["sz"], vals["spacing"]), vals["sz"] * 10))
    return out or [(0.0, styles.values(None)["sz"] * 10)]


def _margins(tbl) -> tuple[int, int]:
    """Left and right cell margins (twips) of a table; Word's default 108 when not set."""
    mar = tbl.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))

    def side(*names) -> int:
        for name in names:
            el = mar.find(qn(f"w:{name}")) if mar is not None else None
            if el is not None and (el.get(qn("w:w")) or "").isdigit():
                return int(el.get(qn("w:w")))
        return 108

    return side("left", "start"), side("right", "end")


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


def column_widths(cells, ems, available: float) -> list[float]:
    """Content widths (twips) of the columns of a table, summing to ``available``.

    ``cells[i][j]`` lists the printed widths of the paragraphs of row i, column j; ``ems``
    is each column's character width.

    1. Floors. A *short* column (its widest cell under SHORT_CHARS characters: numbers,
       dates, unit names) starts at its natural width, so it never wraps; any other
       column starts at MIN_CHARS characters, or at its widest short cell if wider. When
       that is too wide, columns come down to MIN_CHARS characters (or their natural
       width) one by one: the long ones first, then the short ones, widest first.
    2. The room left goes to the other columns in proportion to how much text each holds
       (the sum of its cells' widths), none beyond its natural width: the long free-text
       columns end up widest.
    3. What remains when nothing wraps goes to all columns by how much text they hold.
    4. If a short column came out wider than a wrapping column left at its floor, or
       wider than the wrapping column with the most text, the widest such short column is
       treated as long (it may wrap) and the widths are worked out again. A long column
       held wider than the one with the most text by its preferred floor gives that floor up.
    5. Rows shortened (_shorten), the data rows from the top and the header row last: width moves to a row's
       tallest cells from columns with room to spare, while some row loses a line by it.

    When a column that wraps would get fewer than MIN_CHARS characters, the widths are
    worked out again with the headers of the short columns on two lines (a table of many
    counts: 序时/推进).  When even that does not fit, the floors are scaled down together
    (the tests report such a table).
    """
    n = len(ems)
    naturals = _naturals(cells, ems, two_line_headers=False)
    w = _solve(cells, ems, available, naturals)
    if len(cells) > 1 and any(w[j] < MIN_CHARS * ems[j] - 0.5 and _wraps(cells, j, w[j]) for j in range(n)):
        # too many columns for one-line headers: let the headers of short columns take two lines
        naturals = _naturals(cells, ems, two_line_headers=True)
        w = _solve(cells, ems, available, naturals)
    return _shorten(cells, ems, w, naturals)


def lines_at(texts: list[float], width: float) -> int:
    """Lines a cell's paragraphs (their printed widths) take in a column this wide (one at least each): a Line
    breaks between its pieces, a piece wider than the column over as many lines as it needs."""
    width = max(1.0, width)
    if not texts:
        return 1
    n = 0
    for t in texts:
        pieces = getattr(t, "pieces", ())
        if not pieces:
            n += max(1, math.ceil(t / width - 1e-9))
            continue
        lines, room = 1, width
        for p in pieces:
            if p <= room + 0.5:
                room -= p
                continue
            if room < width - 0.5:       # on a new line
                lines += 1
            k = max(1, math.ceil(p / width - 1e-9))     # a piece wider than the column is broken where it must be
            lines += k - 1
            room = width * k - p
        n += lines
    return n


def _width_for(texts: list[float], most: int) -> float:
    """The narrowest width at which the paragraphs take at most ``most`` lines (inf: more paragraphs than that)."""
    if len(texts) > most:
        return math.inf
    if len(texts) <= 1 and not (texts and getattr(texts[0], "pieces", ())):
        return (texts[0] / most if texts else 0.0) + 0.01
    lo, hi = 0.0, max(texts) + 1.0
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if lines_at(texts, mid) <= most else (mid, hi)
    return hi


def _short_cell(texts: list[float], em: float) -> bool:
    return all(t <= SHORT_CHARS * em for t in texts)


SHORTEN_ROUNDS = 400          # a table of many tall rows stops here (each round takes a line off a row)


def _shorten(cells, ems, w: list[float], naturals: list[float]) -> list[float]:
    """Step 5: a row is as tall as its tallest cell, so the widths by amount of text can leave a row taller than it
    need be (trial 15: a 督办通知's first task row of seven lines, its 任务内容 in a column of seven characters beside
    wider ones of four lines, went to page 2 and left page 1 half empty; five lines were enough).  The data rows
    from the top, then the header row: the first that can lose a line does — its tallest cells widened, the room
    taken first from what no cell needs (every cell keeps its lines, with half a character to spare), then from
    what keeps every row within its height — and the rows are looked at again.  Top rows first: they decide whether
    a table starts under the text before it (and the seed's and the trial's documents came out a line shorter in
    all than taking the cheapest line first).  No row gets taller; a short cell on one line (a date, a unit's name)
    stays on it; no column goes under its floor (a column on one line stays so, a wrapping column keeps its 6
    characters)."""
    n, m = len(ems), len(cells)
    if m < 2 or n < 2:
        return w
    floor = [min(w[j], naturals[j] if not _wraps(cells, j, w[j]) else min(naturals[j], MIN_CHARS * ems[j]))
             for j in range(n)]
    w = list(w)

    def top_two(values):            # (need, row) of the two rows needing most, to leave one row out
        by = sorted(((x, i) for i, x in enumerate(values)), reverse=True)[:2]
        return by + [(0.0, -1)] * (2 - len(by))

    def without(top, i):
        return top[0][0] if top[0][1] != i else top[1][0]
    for _ in range(SHORTEN_ROUNDS):
        lines = [[lines_at(row[j], w[j]) for j in range(n)] for row in cells]
        height = [max(r) for r in lines]
        # each column's narrowest width keeping every cell's lines (kept: half a character to spare, or what it
        # has — LibreOffice wraps a name measured to fit exactly) and every row's height (within)
        kept = [top_two([min(w[j], _width_for(cells[i][j], lines[i][j]) + ems[j] / 2) for i in range(m)])
                for j in range(n)]
        def most(i, j, h):          # the lines a cell may take in a row h lines high
            return 1 if lines[i][j] == 1 and _short_cell(cells[i][j], ems[j]) else h
        within = [top_two([_width_for(cells[i][j], most(i, j, height[i])) for i in range(m)]) for j in range(n)]
        for i in list(range(1, m)) + [0]:
            row, target = cells[i], height[i] - 1
            if target < 1:
                continue
            grow = {j: _width_for(row[j], target) for j in range(n) if lines[i][j] > target}
            if any(math.isinf(x) for x in grow.values()):
                continue
            extra = sum(x - w[j] for j, x in grow.items())
            free, more = {}, {}
            for j in range(n):
                if j in grow:
                    continue
                keep = max(floor[j], kept[j][0][0])
                hold = max(floor[j], without(within[j], i), _width_for(row[j], most(i, j, target)))
                free[j] = max(0.0, w[j] - keep)
                more[j] = max(0.0, w[j] - hold - free[j])
            if sum(free.values()) + sum(more.values()) + 1e-6 < extra:
                continue
            for j, x in grow.items():
                w[j] = x
            for pool in (free, more):
                total = sum(pool.values())
                take = min(extra, total)
                if take > 0:
                    for j, x in pool.items():
                        w[j] -= take * x / total
                    extra -= take
            break
        else:
            return w
    return w


def _naturals(cells, ems, *, two_line_headers: bool) -> list[float]:
    """Each column's widest line; a header on two lines needs half its characters, rounded up
    (at least three: a header of two or three characters is not split, 已销/号 and 任务/数 read badly)."""
    n = len(ems)
    head = cells[0] if len(cells) > 1 else [[] for _ in range(n)]
    body = cells[1:] or cells
    out = []
    for j in range(n):
        # on two lines a header needs half its characters, but one of two or three (逾期, 已销号) stays whole
        heads = [(round(t / ems[j]) if round(t / ems[j]) <= 3 else math.ceil(t / ems[j] / 2 - 0.01)) * ems[j]
                 if two_line_headers and ems[j] else t for t in head[j]]
        out.append(max([t for row in body for t in row[j]] + heads, default=0.0))
    return out


def _wraps(cells, j: int, width: float) -> bool:
    return any(t > width + 0.5 for row in cells[1:] for t in row[j])


def _solve(cells, ems, available: float, naturals: list[float]) -> list[float]:
    n = len(ems)
    short = [naturals[j] <= SHORT_CHARS * ems[j] for j in range(n)]
    amount = [sum(t for row in cells[1:] or cells for t in row[j]) for j in range(n)]
    plain: set[int] = set()          # long columns that give up their preferred floor
    while True:
        w = _allocate(cells, ems, available, naturals, short, plain)
        # a short column keeps its one-line width unless a wrapping column is left at its
        # floor by it, or the column with the most text comes out narrower than it
        wrapping = [j for j in range(n) if not short[j] and w[j] < naturals[j] - 0.5]
        starved = [w[j] for j in wrapping if w[j] <= MIN_CHARS * ems[j] + 0.5]
        most = w[max(wrapping, key=lambda j: amount[j])] if wrapping else None
        wide = [j for j in range(n) if short[j] and naturals[j] > MIN_CHARS * ems[j]
                and ((starved and w[j] > min(starved) + 0.5) or (most is not None and w[j] > most + 0.5))]
        if wide:
            short[max(wide, key=lambda j: w[j])] = False
            continue
        # likewise a long column held wide by its one short cell (宝峰镇报「进度滞后」) gives way
        # to the column with the most text
        held = [j for j in wrapping if j not in plain and most is not None and w[j] > most + 0.5]
        if not held:
            return w
        plain.add(max(held, key=lambda j: w[j]))


def _allocate(cells, ems, available: float, naturals, short, plain=frozenset()) -> list[float]:
    n = len(ems)
    low = [min(naturals[j], MIN_CHARS * ems[j]) for j in range(n)]
    # a long column whose other cells are short (dates beside one "…并长期坚持") would
    # rather keep those on one line: its preferred floor is its widest short cell
    body = cells[1:] or cells                    # the header row may wrap
    shorts = [0.0 if j in plain else max([t for row in body for t in row[j] if t <= SHORT_CHARS * ems[j]] or [0.0])
              for j in range(n)]
    w = [naturals[j] if short[j] else max(low[j], shorts[j]) for j in range(n)]
    for j in sorted(range(n), key=lambda k: (short[k], -w[k])):    # long columns first, widest first
        if sum(w) <= available:
            break
        w[j] = low[j]
    if sum(w) > available:
        total = sum(w)
        return [x * available / total for x in w] if total else [available / n] * n
    room = available - sum(w)
    grow = [j for j in range(n) if not short[j] and naturals[j] > w[j]]
    weights = [sum(t for row in cells[1:] or cells for t in row[j]) for j in range(n)]
    if grow and room > 0:
        # water-filling: every growing column at lam x its text, within [floor, natural]
        def fill(lam):
            return {j: min(naturals[j], max(w[j], lam * weights[j])) for j in grow}

        lo, hi = 0.0, max(naturals[j] / max(weights[j], 1e-9) for j in grow) + 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            if sum(fill(mid).values()) - sum(w[j] for j in grow) < room:
                lo = mid
            else:
                hi = mid
        new = fill(lo)
        room -= sum(new.values()) - sum(w[j] for j in grow)
        for j, x in new.items():
            w[j] = x
    if room > 0:
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
    lines = [max([lines_at(row[j], c) for j, c in enumerate(content)] or [1]) for row in cells]
    _row_flags(rows, lines)
    return widths


# w:trPr children in schema order (CT_TrPr is a choice, but Word writes this order)
_TRPR_ORDER = ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
               "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden"]


TALL_ROW_LINES = 12      # a row taller than this may break across pages rather than leave half a page empty
# (4 until session 17: a 督办通知's one task row of six lines broke across two pages, README says a row does not)


def _row_flags(rows, lines: list[int]) -> None:
    for i, tr in enumerate(rows):
        trpr = tr.find(qn("w:trPr"))
        if trpr is None:
            trpr = etree.Element(qn("w:trPr"))
            tblpr_ex = tr.find(qn("w:tblPrEx"))
            (tblpr_ex.addnext if tblpr_ex is not None else lambda e: tr.insert(0, e))(trpr)
        wanted = (["cantSplit"] if i == 0 or lines[i] <= TALL_ROW_LINES else []) + (["tblHeader"] if i == 0 else [])
        for name in wanted:
            if trpr.find(qn(f"w:{name}")) is None:
                trpr.append(etree.Element(qn(f"w:{name}")))
        if "cantSplit" not in wanted:
            for el in trpr.findall(qn("w:cantSplit")):
                trpr.remove(el)
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
