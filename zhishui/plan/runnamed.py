"""A responsibility table whose cells a conversion ran into one paragraph and that no reader
(runtogether.py reads the ones it can cut) turned into tasks (a .doc saved by a program
that lost the table: 序号工作任务具体内容时间节点主办单位协办单位1城镇污水治理…): it cannot be
read back into rows, but it must not vanish when the body yields other tasks, so it is named."""
from __future__ import annotations

from .document import Document
from .model import PlanTask
from .runheader import find_header


def run_together_header(text: str) -> list[str]:
    """The header cells run together after 序号 (runtogether.py's own header finder), or []."""
    found = find_header(text)
    return found[2][1:] if found else []


def run_together_tables(doc: Document, tasks: list[PlanTask], review: list) -> None:
    used = {t.source for t in tasks}
    for p in doc.paragraphs:
        words = run_together_header(p.text)
        if words and p.where not in used:
            review.append((p.where, p.text.strip()[:60],
                           f"这一段是各格连在一起的表格（表头「{'」「'.join(words)}」等连成一串，没有分隔），"
                           "无法分出各行各列，其中的任务未导入；请改用方案的原表格（Word原件）导入，或对照原文手工录入"))
