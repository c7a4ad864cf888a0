"""Cells put back in their columns by what they look like.

A table flattened with spaces between the cells loses its empty cells, so the n-th
piece of a row is not the n-th column.  But each piece has a shape — a list of unit
names, a time, a short name, text — and each column a kind from its header.  The
pieces are laid on the columns in order, each on a column of its kind (text columns
take anything, at a price for a unit or a time), the cheapest laying wins.
"""
from __future__ import annotations

import re

from ..columns import DATEISH_RE
from .attributions import looks_like_unit_list
from .textheaders import UNIT_FIELDS

INF = 10 ** 6


def kind_of_field(field: str | None) -> str:
    if field in UNIT_FIELDS:
        return "units"
    return field if field in ("person", "deadline") else "text"


def shape(piece: str) -> str:
    if looks_like_unit_list(piece):
        return "units"
    if DATEISH_RE.search(piece) and len(piece) <= 20 and not re.search(r"[。；;]", piece):
        return "deadline"
    if re.fullmatch(r"[\u4e00-\u9fff]{2,3}(?:[、，,][\u4e00-\u9fff]{2,3})*", piece):
        return "person"
    return "text"


def _cost(piece_shape: str, kind: str) -> int:
    if kind == "text":
        return 0 if piece_shape in ("text", "person") else 10
    if kind == piece_shape:
        return 0
    return INF


def _skip(kinds: list[str], a: int, b: int) -> int:
    """Columns a..b-1 left empty: cheap for a unit, time or name column, dear for a text column."""
    return sum(20 if kinds[k] == "text" else 1 for k in range(a, b))


def lay_out(pieces: list[str], kinds: list[str]) -> list[str] | None:
    """The pieces of a row laid on columns of the given kinds, in order (several pieces on one
    column are joined: text by nothing, names by 、); None when no laying fits."""
    n, m = len(pieces), len(kinds)
    if not n:
        return [""] * m
    shapes = [shape(p) for p in pieces]
    # best[i][c]: cost of laying pieces[:i] with piece i-1 on column c
    best = [[INF] * m for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * m for _ in range(n + 1)]
    for c in range(m):
        best[1][c] = _cost(shapes[0], kinds[c]) + _skip(kinds, 0, c)
    for i in range(2, n + 1):
        for c in range(m):
            here = _cost(shapes[i - 1], kinds[c])
            if here >= INF:
                continue
            for prev in range(c + 1):
                # two pieces on one column cost a little: each piece its own column when it can be
                step = best[i - 1][prev] + here + (1 if prev == c else _skip(kinds, prev + 1, c))
                if step < best[i][c]:
                    best[i][c], back[i][c] = step, prev
    end = min(range(m), key=lambda c: best[n][c])
    if best[n][end] >= INF:
        return None
    cols: list[list[str]] = [[] for _ in range(m)]
    c = end
    for i in range(n, 0, -1):
        cols[c].insert(0, pieces[i - 1])
        c = back[i][c] if i > 1 else c
    return [("、" if kinds[k] in ("units", "person") else "").join(v) if kinds[k] != "deadline" else " ".join(v)
            for k, v in enumerate(cols)]
