"""Merged category cells of a table flattened to text, whose text a page did not put at the top.

A merged 重点任务 cell spanning rows 3–5 whose text the page centred comes out of a PDF or a
text copy in a middle row (row 4), rows 3 and 5 empty: the text no longer says where the
span begins.  Filling each empty cell from the row above (right for a top-aligned cell) then
puts row 3 under the category before it.

Between two category texts the empty rows are one run: its first part belongs to the category
above, the rest to the one below.  The cut is put where the rows' own words agree best with the
category's words (its name and the body paragraph the plan writes under the same heading,
「（一）建立污水管网排查和周期性检测制度。…制定排水管网排查和检测方案…」); with no agreement
either way every row stays with the category above (the top-aligned reading).  Each row so moved
is said in the review: it is a reading of the text, not a fact of it.
"""
from __future__ import annotations

import re

ITEM_MARK_RE = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十\d]{1,3}\s*[、.．])\s*")


def _bigrams(text: str) -> set[str]:
    t = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def _words_of(category: str, paragraphs: list[str]) -> set[str]:
    """The category's name and what the body writes under it: the paragraph it heads, or else
    the text after it where a paragraph names it (a sub-measure: 建立健全…制度。…)."""
    name = re.sub(r"\s+", "", category)
    if len(name) < 4:
        return _bigrams(name)
    flat = [re.sub(r"\s+", "", p) for p in paragraphs]
    body = next((p for p in flat if re.sub(r"\s+", "", ITEM_MARK_RE.sub("", p)).startswith(name[:8])), "")
    if not body:
        at = next(((p, p.find(name)) for p in flat if name in p), ("", -1))
        body = at[0][at[1]:at[1] + 300] if at[1] >= 0 else ""
    return _bigrams(name + body)


def _agreement(row_words: set[str], cat_words: set[str]) -> float:
    return len(row_words & cat_words) / len(row_words) if row_words else 0.0


def place_categories(rows: list[list[str]], cat: int | None, content: int | None,
                     paragraphs: list[str]) -> tuple[list[list[str]], dict[int, str]]:
    """rows[0] is the header.  -> rows with the category cells between two texts filled, and
    a note (Chinese) by row index for each row given to the category below."""
    if cat is None or content is None or len(rows) < 4:
        return rows, {}
    rows = [list(r) for r in rows]
    body = [r for r in rows[1:] if any(c.strip() for c in r) and max(cat, content) < len(r)]
    texts = [i for i, r in enumerate(body) if r[cat].strip()]
    if not texts:
        return rows, {}
    cuts: list[int] = []
    for a, b in zip(texts, texts[1:]):
        run = body[a + 1:b]
        above, below = _words_of(body[a][cat], paragraphs), _words_of(body[b][cat], paragraphs)
        words = [_bigrams(r[content]) for r in run]
        # cut = number of rows kept above; the best agreement wins, ties keep rows above
        best, cut = None, len(run)
        for k in range(len(run), -1, -1):
            score = sum(_agreement(w, above) for w in words[:k]) + sum(_agreement(w, below) for w in words[k:])
            if best is None or score > best + 1e-9:
                best, cut = score, k
        cuts.append(cut)
    # the text of a centred cell sits in the middle of its rows: as many rows before it as after it,
    # give or take the rows' heights; a reading that puts a text far from the middle of its rows
    # (or that moves nothing) is not a centred table: the rows stay with the category above
    runs = [b - a - 1 for a, b in zip(texts, texts[1:])] + [len(body) - 1 - texts[-1]]
    befores = [texts[0]] + [n - c for n, c in zip(runs, cuts)]
    afters = cuts + [runs[-1]]
    if not any(befores[1:]) or any(abs(x - y) > 2 for x, y in zip(befores, afters)):
        return rows, {}
    notes: dict[int, str] = {}
    for r in body[:texts[0]]:
        r[cat] = body[texts[0]][cat]
    for a, b, cut in zip(texts, texts[1:], cuts):
        for r in body[a + 1 + cut:b]:
            r[cat] = body[b][cat]
            notes[next(i for i, x in enumerate(rows) if x is r)] = \
                f"重点任务是合并单元格、文字在中间一行，按内容归入下面的「{body[b][cat][:16]}」，请核对"
    return rows, notes
