"""Plans written in traditional characters (港澳台 mirrors, old pages) are read as simplified.

Every rule of the importer is written with simplified words (牵头, 负责, 责任单位), so a document
that is mostly traditional is converted, character for character (same length), before it is
understood; what the clerk gets back (task text, unit names, deadlines) is given back in the
document's own characters, so that nothing in the list differs from the original.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..workbook_reader import Grid
from .document import Document, Para, Table

# share of Chinese characters that change under t2s above which a document is traditional:
# simplified plans change none or one in several hundred (a variant), traditional ones a quarter
TRADITIONAL_SHARE = 0.05
TRADITIONAL_MIN = 10


@lru_cache(maxsize=1)
def _converter():
    from opencc_purepy import OpenCC
    return OpenCC("t2s")


def simplified(text: str) -> str:
    """Same length as text: OpenCC's phrase conversion when it keeps the length, else char by char.
    壹 is read as 一: converters that made the traditional copy often turn every 一 into the
    banker's 壹 (統壹, 壹級保護區, (壹)), which is the same number."""
    if not text:
        return text
    out = _converter().convert(text)
    if len(out) != len(text):
        chars = []
        for ch in text:
            s = _converter().convert(ch)
            chars.append(s if len(s) == 1 else ch)
        out = "".join(chars)
    return out.replace("壹", "一")


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def is_traditional(text: str) -> bool:
    changed = sum(1 for a, b in zip(text, simplified(text)) if a != b)
    return changed >= TRADITIONAL_MIN and changed >= TRADITIONAL_SHARE * max(_han(text), 1)


class Restorer:
    """Gives a simplified string read from the document back in the document's characters: the
    same span of the original when the string is a piece of it, else character by character
    (the traditional character this document uses most for each simplified one)."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.simple = "\n".join(s for _, s in pairs)
        self.original = "\n".join(o for o, _ in pairs)
        seen: dict[str, Counter] = {}
        for o, s in zip(self.original, self.simple):
            if o != s:
                seen.setdefault(s, Counter())[o] += 1
        self.chars = {s: c.most_common(1)[0][0] for s, c in seen.items()}

    def __call__(self, text: str) -> str:
        if not text:
            return text
        k = self.simple.find(text)
        if k >= 0:
            return self.original[k:k + len(text)]
        return "".join(self.chars.get(ch, ch) for ch in text)


def _grid(g: Grid) -> Grid:
    rows = [[simplified(v) if isinstance(v, str) else v for v in row] for row in g.rows]
    return Grid(g.name, rows, list(g.merged), g.visible)


def read_as_simplified(doc: Document) -> tuple[Document, Restorer | None]:
    """The document converted to simplified and the restorer of its characters, or the document
    itself and None when it is not written in traditional characters."""
    texts = list(doc.lines) + [b.text for b in doc.paragraphs]
    texts += [v for t in doc.tables for row in t.grid.rows for v in row if isinstance(v, str)]
    if not is_traditional("\n".join(texts)):
        return doc, None
    restore = Restorer([(t, simplified(t)) for t in texts])
    blocks = [replace(b, text=simplified(b.text)) if isinstance(b, Para) else replace(b, grid=_grid(b.grid))
              for b in doc.blocks]
    new = replace(doc, blocks=blocks, lines=[simplified(x) for x in doc.lines],
                  notes=doc.notes + ["文件以繁体字书写：按简体读取，任务内容、单位名称和时限保留原文字形"])
    return new, restore


def restore_tasks(tasks, restore: Restorer) -> None:
    for t in tasks:
        t.category, t.content, t.deadline = restore(t.category), restore(t.content), restore(t.deadline)
        t.lead = [restore(u) for u in t.lead]
        t.responsible = [restore(u) for u in t.responsible]
        t.cooperating = [restore(u) for u in t.cooperating]
        t.persons = [restore(p) for p in t.persons]
        t.continuation = [(restore(c), restore(d), s) for c, d, s in t.continuation]
