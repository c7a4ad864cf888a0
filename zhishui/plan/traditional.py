"""Plans written in traditional characters (港澳台 mirrors, old pages) are read as simplified.

Every rule of the importer is written with simplified words (牵头, 负责, 责任单位), so a document
that is mostly traditional is converted, character for character (same length), before it is
understood; what the clerk gets back (task text, unit names, deadlines) is given back in the
document's own characters, so that nothing in the list differs from the original.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..hanzi import simplified
from ..workbook_reader import Grid
from .document import Document, Para

# share of Chinese characters that change under t2s above which a document is traditional:
# simplified plans change none or one in several hundred (a variant), traditional ones a quarter
TRADITIONAL_SHARE = 0.05
TRADITIONAL_MIN = 10


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def is_traditional(text: str) -> bool:
    changed = sum(1 for a, b in zip(text, simplified(text)) if a != b)
    return changed >= TRADITIONAL_MIN and changed >= TRADITIONAL_SHARE * max(_han(text), 1)


# 農(nóng)辦 / 負(fù)責(zé): a reading in pinyin that a site put after a character (tone marks make it one)
GLOSS_RE = re.compile(r"(?<=[\u4e00-\u9fff])[（(](?=[a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[）)]")


def without_glosses(text: str) -> tuple[str, list[int]]:
    """The text without its pinyin readings, and where each character left stands in the text."""
    keep = [True] * len(text)
    for m in GLOSS_RE.finditer(text):
        keep[m.start():m.end()] = [False] * (m.end() - m.start())
    where = [i for i, k in enumerate(keep) if k]
    return "".join(text[i] for i in where), where


class Restorer:
    """Gives a string read from the converted document back in the document's own text: the same
    span of the original (pinyin readings inside it included) when the string is a piece of it,
    else character by character (the traditional character this document uses most for each
    simplified one)."""

    def __init__(self, pairs: list[tuple[str, str, list[int]]]):
        self.simple = "\n".join(s for _, s, _ in pairs)
        self.original = "\n".join(o for o, _, _ in pairs)
        self.where: list[int] = []
        base = 0
        for o, s, w in pairs:
            self.where.extend(base + i for i in w)
            self.where.append(base + len(o))          # the line break after it
            base += len(o) + 1
        seen: dict[str, Counter] = {}
        for k, s in enumerate(self.simple):
            o = self.original[self.where[k]]
            if o != s:
                seen.setdefault(s, Counter())[o] += 1
        self.chars = {s: c.most_common(1)[0][0] for s, c in seen.items()}

    def __call__(self, text: str, reading_after: bool = False, name: bool = False) -> str:
        if not text:
            return text
        k = self.simple.find(text)
        if k >= 0:
            end = self.where[k + len(text) - 1] + 1
            # 加強(qiáng)…體系建設(shè): a heading or a task's text keeps its last character's reading; a unit's
            # name is given as the name, without the readings (县环卫处, not 县环(huán)卫处(chù)): a clerk's list
            # and directory hold names
            gloss = GLOSS_RE.match(self.original, end) if reading_after else None
            span = self.original[self.where[k]:gloss.end() if gloss else end]
            return GLOSS_RE.sub("", span) if name else span
        pieces = [x for x in re.split(r"(?<=[。；;，,])", text) if x]
        if len(pieces) > 1:
            # 属地管理原则。区管委会对…负总责: a title and the duty it heads, each a piece of the text of its own
            return "".join(self(x, reading_after, name) for x in pieces)
        return "".join(self.chars.get(ch, ch) for ch in text)


def _grid(g: Grid, read=simplified) -> Grid:
    rows = [[read(v) if isinstance(v, str) else v for v in row] for row in g.rows]
    return Grid(g.name, rows, list(g.merged), g.visible)


def read_as_simplified(doc: Document) -> tuple[Document, Restorer | None]:
    """The document converted to simplified and the restorer of its characters, or the document
    itself and None when it is not written in traditional characters."""
    texts = list(doc.lines) + [b.text for b in doc.paragraphs]
    texts += [v for t in doc.tables for row in t.grid.rows for v in row if isinstance(v, str)]
    traditional = is_traditional("\n".join(texts))
    glossed = any(GLOSS_RE.search(t) for t in texts)
    if not traditional and not glossed:
        return doc, None

    def read(t: str) -> str:
        bare = without_glosses(t)[0]
        return simplified(bare) if traditional else bare

    restore = Restorer([(t, read(t), without_glosses(t)[1]) for t in texts])
    blocks = [replace(b, text=read(b.text)) if isinstance(b, Para)
              else replace(b, grid=_grid(b.grid, read)) for b in doc.blocks]
    notes = (["文件以繁体字书写：按简体读取，任务内容、单位名称和时限保留原文字形"] if traditional else []) + \
        (["文中字后夹有拼音注音（如「农(nóng)」）：读取时略去，任务内容和单位名称保留原文"] if glossed else [])
    return replace(doc, blocks=blocks, lines=[read(x) for x in doc.lines], notes=doc.notes + notes,
                   page_titles=[read(x) for x in doc.page_titles]), restore


def restore_tasks(tasks, restore: Restorer) -> None:
    for t in tasks:
        t.category, t.content = restore(t.category, True), restore(t.content, True)
        # each expression of 完成时限 is a piece of the text on its own (joined with ；, the whole is not)
        t.deadline = "；".join(restore(x) for x in t.deadline.split("；"))
        t.lead = [restore(u, name=True) for u in t.lead]
        t.responsible = [restore(u, name=True) for u in t.responsible]
        t.cooperating = [restore(u, name=True) for u in t.cooperating]
        t.persons = [restore(p, name=True) for p in t.persons]
        # what a note quotes 「…」 is the document's text, given back in its characters too
        t.review = [re.sub(r"「([^」]*)」", lambda m: "「" + restore(m.group(1)) + "」", x) for x in t.review]
        t.continuation = [(restore(c), "；".join(restore(x) for x in d.split("；")), s) for c, d, s in t.continuation]
