"""The header of a table whose cells a copy ran together (序号工作内容目标任务责任单位备注1…), cut
into the words of the table vocabulary and the role lexicon."""
from __future__ import annotations

import re
from functools import lru_cache

from ..columns import EXTRA_WORDS, SECONDARY, VOCAB
from ..rolewords import label_field, unit_label_role
from .textheaders import UNIT_FIELDS, field_of

# header words that are no role but are printed in such headers
OTHER_HEADER_WORDS = ("备注", "序号", "完成情况", "进展情况", "工作进展", "说明", "服务对象", "评价", "进度")


@lru_cache(maxsize=1)
def _header_words() -> tuple[str, ...]:
    words = {w for ws in VOCAB.values() for w in ws if len(w) >= 2 and not w.isascii()}
    words.update(SECONDARY)
    words.update(w for w in EXTRA_WORDS if len(w) >= 2)
    words.update(OTHER_HEADER_WORDS)
    return tuple(sorted(words, key=len, reverse=True))


def segment_header(text: str) -> list[str] | None:
    """``序号项目名称主要内容区政府分管领导牵头单位配合单位`` -> its header cells.  A cell is a known
    word, a known word after a short unknown prefix (区政府|分管领导), or, dearer, an unknown word
    of its own (民生实事); the reading with the fewest unknown characters wins.  None when most of
    the text is no header word."""
    words = _header_words()
    text = re.sub(r"\s+", "", text)
    n = len(text)
    best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)   # (cost, cells, cells) per prefix
    best[0] = (0, 0, [])

    def offer(j, cost, cell, i):
        cand = (best[i][0] + cost, best[i][1] + 1, best[i][2] + [cell])
        if best[j] is None or cand[:2] < best[j][:2]:
            best[j] = cand
    for i in range(n):
        if best[i] is None:
            continue
        for w in words:
            for gap in range(0, 5):
                if text.startswith(w, i + gap):
                    offer(i + gap + len(w), gap, text[i:i + gap + len(w)], i)
        for j in range(i + 2, min(n, i + 8) + 1):
            offer(j, (j - i) + 1, text[i:j], i)
    if best[n] is None or best[n][0] * 2 > n:
        return None
    return best[n][2]


def cell_field(cell: str) -> str | None:
    """What a header cell names: the table vocabulary, else the role lexicon (牵头科室), else the
    known word it ends with (初见成效时限 is a time)."""
    got = field_of(cell) or unit_label_role(cell) or label_field(cell)
    if got:
        return got
    word = next((w for w in _header_words() if cell.endswith(w) and len(w) < len(cell)), None)
    return (field_of(word) or label_field(word)) if word else None


def find_header(line: str) -> tuple[int, int, list[str]] | None:
    """(start, end, cells) of a run-together header in the line: 序号 then header words up to the
    first row number; it must name a unit column, and a text column (a known one, or the unknown
    word straight after 序号: 序号民生实事责任单位 is 民生实事 | 责任单位)."""
    for m in re.finditer(r"序号", line):
        k = m.start()
        one = re.search(r"\d", line[k:])
        if not one:
            continue
        end = k + one.start()
        if end - k > 80:            # a header is a few words, not a paragraph
            continue
        cells = segment_header(line[k:end])
        if not cells or len(cells) < 3:
            continue
        first = cells[1]
        word = next((w for w in _header_words() if first.endswith(w) and len(w) < len(first)), None)
        if word and cell_field(word) in UNIT_FIELDS:
            cells[1:2] = [first[:-len(word)], word]
        fields = [cell_field(c) for c in cells]
        if set(fields) & set(UNIT_FIELDS) and (set(fields) & {"content", "category"} or fields[1] is None):
            return k, end, cells
    return None
