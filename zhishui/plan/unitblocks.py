"""Each unit's block of duties, run on inside one paragraph of a copy that lost its line breaks:

    …职责如下:县环保局。负责对全县…实施统一监督。加强现场执法检查,…。县交通局、公路局。负责对…
    … 。 .县环境保护局: 积极配合开展…。 检查督促…; .县国土资源局: 积极协助…。

A block starts after a sentence end (or a colon, or a space) with a unit list and then a colon
(县环境保护局:) or a full stop before 负责 (县环保局。负责…).  Cut apart, each block is a paragraph
``X：duty。duty。`` that the one-paragraph-per-unit reading (prose.unit_paragraph) takes.  A
paragraph is cut only when it holds two blocks or more.
"""
from __future__ import annotations

import re

from .attributions import looks_like_unit_list
from .document import Para
from .prose import NOT_UNIT_LABELS, group_like
from ..rolewords import label_field

BLOCK_RE = re.compile(r"(?:(?<=[。；;:：\s])|^)[ \t]*[.．·•]?[ \t]*(?P<u>[\u4e00-\u9fff][^。；;：:\s]{1,29}?)(?:[ \t]*[：:]|。(?=负责))")


def _after_lost_break(text: str, m: re.Match) -> bool:
    """The block's unit and colon come after a space that follows a sentence's end or a heading's
    title: the space is where a copy lost the line break before the unit's block."""
    before = text[:m.start("u")]
    if not re.search(r"[ \t\u3000]+[.．·•]?[ \t]*$", before) or not m.group().rstrip().endswith(("：", ":")):
        return False
    head = before.rstrip(" \t\u3000")
    return bool(head) and (head[-1] in "。；;.．·•" or bool(
        re.search(r"(?:^|[。；;.．])\s*[（(][一二三四五六七八九十]{1,3}[）)][^，,。；;.．]{2,20}$", head)))


def _block_start(text: str, m: re.Match) -> bool:
    u = m.group("u").rstrip(",，、")
    if label_field(u) or NOT_UNIT_LABELS.match(u) or group_like(u) and not m.group().endswith(("：", ":")):
        return False          # 责任单位: / 配合单位: are labels, not a unit's block
    depth = sum(1 for ch in text[:m.start()] if ch in "(（") - sum(1 for ch in text[:m.start()] if ch in ")）")
    if depth > 0:
        return False          # （牵头单位:…;配合单位:…）: inside an attribution
    body = text[m.end():m.end() + 40]
    return looks_like_unit_list(u) and not looks_like_unit_list(re.split(r"[。；;]", body)[0].strip())


def split_unit_blocks(p: Para) -> list[Para] | None:
    starts = [m for m in BLOCK_RE.finditer(p.text) if _block_start(p.text, m)]
    # …管理. 区安监局:负责… / (三)部门相关监管责任 区建设局:负责…: one block is enough when a break was lost before it
    if len(starts) < 2 and not (starts and _after_lost_break(p.text, starts[0])):
        return None
    out = [Para(p.text[:starts[0].start()].strip(), p.where)] if p.text[:starts[0].start()].strip(" 。") else []
    for m, nxt in zip(starts, starts[1:] + [None]):
        body = p.text[m.end():nxt.start() if nxt else len(p.text)].strip()
        out.append(Para(f"{m.group('u')}：{body}", p.where))
    return out
