"""Spaces a page puts after the punctuation inside a sentence (「交通运输、 公安交警、 应急管理部门要强化…，
督促…」): not part of the text.  Closed in paragraphs only (a table printed with spaces between its cells
is read before), and only after 、，： — after 。；) a page that lost its line breaks leaves a space as
the only mark of where an item or a short title ended (「…报告工作。 (二)…」, 「总结阶段(11月) 各县…」)."""
from __future__ import annotations

import re

from .document import Document

_GAP_RE = re.compile(r"(?:(?<=[，：、])|(?<=[\u4e00-\u9fff][,:]))[ \t\u3000\xa0]+(?=\S)")


def close_gaps(text: str) -> str:
    return _GAP_RE.sub("", text)


# 推进完善 PPP 健康运行: the space a PDF's text layer puts between Chinese and Latin letters (LibreOffice's
# spacing between scripts), not the document's
_SCRIPT_GAP_RE = re.compile(r"(?:(?<=[\u4e00-\u9fff])[ \u00a0](?=[A-Za-z]))|(?:(?<=[A-Za-z])[ \u00a0](?=[\u4e00-\u9fff]))")


def close_paragraph_gaps(doc: Document) -> Document:
    for b in doc.paragraphs:
        b.text = _SCRIPT_GAP_RE.sub("", close_gaps(b.text))
    return doc
