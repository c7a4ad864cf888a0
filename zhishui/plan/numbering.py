"""After the tasks are read: the review lines for what could not be read, and the task numbers."""
from __future__ import annotations

import re

from .attributions import LABEL_RE, looks_like_unit
from .document import Document
from .model import PlanTask, level_of, strip_item


def nothing_read(doc: Document, review: list) -> None:
    """No task could be read (a table whose cells a copy ran together with nothing between them,
    a layout not met before): every paragraph that may hold task text is listed in 导入核对 so
    that nothing of it is dropped without a word."""
    listed = {(w, t) for w, t, _y in review}
    for p in doc.paragraphs:
        t = p.text.strip()
        if len(t) < 20 or (p.where, t[:60]) in listed:
            continue
        review.append((p.where, t[:60], "未能从这段文字读出任务和单位，未导入（若这段写的是任务，可能是版式无法可靠读取，"
                                         "例如表格各格连在一起、没有分隔）：请对照原文，是任务的手工录入"))


def numbered_not_read(doc: Document, tasks: list[PlanTask], review: list) -> None:
    """A table printed one cell a line (a PDF made from such text: no blank lines left between the
    cells, so a missing cell cannot be told) shows its rows by their numbers, alone on their lines,
    1, 2, 3…: every number no imported task carries is listed in 导入核对 with the line after it,
    so that no task is dropped without a word."""
    lines = [ln.strip() for ln in doc.lines]
    run: list[tuple[int, int]] = []        # (number, line index) of the longest 1, 2, 3… run
    cur: list[tuple[int, int]] = []
    for i, t in enumerate(lines):
        if re.fullmatch(r"\d{1,3}", t):
            n = int(t)
            if n == (cur[-1][0] + 1 if cur else 1):
                cur.append((n, i))
            elif n == 1:
                cur = [(1, i)]
            if len(cur) > len(run):
                run = list(cur)
    if len(run) < 5:
        return
    have = {t.seq for t in tasks}
    missed = [(n, i) for n, i in run if str(n) not in have]
    if len(missed) <= len(run) // 4:
        return
    review.append(("", "", f"文件中有编号1—{len(run)}的{len(run)}个条目（表格每格一行），只导入了其中{len(run) - len(missed)}项；"
                           "其余条目的格子对不上列（空白的格子在这种文本里看不出来），未导入，请对照原文核对，或改用方案的Word原件"))
    for n, i in missed:
        text = next((t for t in lines[i + 1:i + 4] if t and not re.fullmatch(r"\d{1,3}", t)), "")
        review.append(("", text[:60], f"第{n}项未导入：请对照原文手工录入"))


def number_tasks(tasks: list[PlanTask]) -> None:
    """Keep the plan's own task numbers when they are unique; otherwise number 1, 2, 3…"""
    seqs = [t.seq for t in tasks]
    counts: dict[str, int] = {}
    for s in seqs:
        counts[s] = counts.get(s, 0) + 1
    if seqs and all(s for s in seqs) and all(c == 1 for c in counts.values()):
        return
    if any(s for s in seqs) and all(s for s in seqs):
        # a paragraph that held several tasks: 12-1, 12-2
        seen: dict[str, int] = {}
        for t in tasks:
            if counts[t.seq] > 1:
                seen[t.seq] = seen.get(t.seq, 0) + 1
                t.source += f"（原编号{t.seq}）"
                t.seq = f"{t.seq}-{seen[t.seq]}"
        if len({t.seq for t in tasks}) == len(tasks):
            return
    # a table numbered 1, 2, 3 with a row of its own (text and units) but no number: the numbers after
    # it move on by one, which the clerk must be told, not only find in 来源
    # (a task the body's prose adds beside the table has no number of the table's: nothing slid)
    mixed = any(seqs) and any(not t.seq and _table_row(t) for t in tasks)
    for i, t in enumerate(tasks, 1):
        if mixed and not t.seq and _table_row(t):
            t.review.append(f"原表这一行没有序号；它有自己的任务内容和单位，已作为单独的一项（清单序号{i}），"
                            "请核对它是否只是上一项的一部分")
        elif mixed and t.seq and t.seq != str(i):
            t.review.append(f"原表序号{t.seq}，清单中为序号{i}（前面没有序号的行已单列为一项，其后序号依次错开）")
        if t.seq and not t.source.endswith("）"):
            t.source += f"（原编号{t.seq}）"
        t.seq = str(i)


def _table_row(t: PlanTask) -> bool:
    """Read from a table's row (「附件1第3行」), not from the body's text (「第11行」「第11段」), whose items restart at 1
    under each heading: there the number kept in 来源 says enough, a shift is no news to the clerk."""
    # (第11段: a Word document's paragraph; 第3页: a PDF's text; 网页第9行: a web page's)
    return not re.match(r"(?:网页)?第\d+(?:行|段|页)(?!前的表)", t.source)


def _cut_off(text: str) -> bool:
    """Text a copy cut off: it stops inside a bracket or a quotation, or in the middle of a
    sentence after a finished one (…进行清理和)."""
    t = text.rstrip()
    if not t or t[-1] in "。；;！？!?：:」”’』）)】]》.":
        return False
    opened = sum(t.count(c) for c in "（([【“") - sum(t.count(c) for c in "）)]】”")
    return opened > 0 or "。" in t


def _cut_in_attribution(text: str) -> bool:
    """…(责任单位:市水务局、市发展改革委、市财政 / …(区河长制办公室牵头,: the copy stops inside the units' bracket."""
    k = max(text.rfind("("), text.rfind("（"))
    return k >= 0 and not re.search(r"[)）]", text[k:]) and bool(LABEL_RE.search(text[k:]) or CUT_ROLE_RE.search(text[k:]))


# (X牵头, / (X负责、Y配合: a role word said inside the open bracket
CUT_ROLE_RE = re.compile(r"^[（(][^，,。；;]{2,30}?(?:牵头|负责|配合|参与|协助|落实)")


def drop_cut_last_task(doc: Document, tasks: list[PlanTask], review: list) -> None:
    """The last task of a document whose text ends cut off — in its units' bracket, or before any
    unit of it was named — is not imported with half its units or none: it is listed.  One whose text
    ends inside its last unit's name (…城乡一体化示范区、高) keeps its task without that piece of a name."""
    _cut_last_unit(doc, tasks, review)
    paras = [p for p in doc.paragraphs if p.text.strip()]
    if not tasks or not paras or tasks[-1].source != paras[-1].where:
        return
    pt, last = tasks[-1], paras[-1].text
    if _cut_in_attribution(last) or _cut_off(last) and not (pt.lead or pt.responsible or pt.cooperating):
        tasks.pop()
        review.append((pt.source, pt.content[:60], "文件在这一项中间截断（文字或分工括号不完整），未导入，请对照原文录入"))
    elif _cut_off(last):
        # (…农业部门在推进化肥使用量零增长行动中,定: kept for the unit it names, but its text is not whole — a trial of
        # session 16 found it imported with no word of the cut)
        pt.review.append(f"原文在这一项中间截断（到「…{last.rstrip()[-12:]}」为止），这一项的内容和时限可能不全，请对照原文补全")


def numbered_items_unread(doc: Document, tasks: list[PlanTask], review: list) -> None:
    """9.…（X牵头） 10.…（Y牵头） 13.加快推进…（no bracket, or cut by the page）: an item numbered like the items the tasks
    were read from that gave no task of its own is listed in 导入核对 (a new-user trial found one dropped without a
    word) — as cut off when the document ends inside it, else as naming no unit."""
    paras = [p for p in doc.paragraphs if p.text.strip()]
    sources = {t.source for t in tasks}
    levels = [level_of(p.text.strip()) for p in paras if p.where in sources]
    levels = [x for x in levels if x is not None]
    if len(levels) < 2:
        return
    lvl = max(set(levels), key=levels.count)
    seqs = {t.seq for t in tasks}
    listed = {w for w, _t, _y in review}
    for k, p in enumerate(paras):
        text = p.text.strip()
        if level_of(text) != lvl or p.where in sources or p.where in listed:
            continue
        num, rest = strip_item(text)
        if num is not None and num in seqs or len(rest) < 6:
            continue
        if k == len(paras) - 1 and (_cut_off(text) or text[-1] not in "。；;！？!?）)】]"):
            why = "文件在这一项中间截断（文字或分工括号不完整），未导入，请对照原文录入"
        else:
            why = "这一条和导入的任务编号方式相同，但没有写明（或未能识别）牵头、责任单位，未导入：是任务的请在「任务清单」中补录并填写单位"
        review.append((p.where, text[:60], why))


def _cut_last_unit(doc: Document, tasks: list[PlanTask], review: list) -> None:
    """…、高新区党工委和管委会 cut by the page after 「高」: the fragment is no unit (a new-user trial found 「高」 in
    the list's directory, to be sent a return sheet of its own)."""
    lines = [x.rstrip() for x in doc.lines if x.strip()]
    if not tasks or not lines:
        return
    pt = tasks[-1]
    for role in ("cooperating", "responsible", "lead"):
        names = getattr(pt, role)
        if names and lines[-1].endswith(names[-1]) and not looks_like_unit(names[-1]):
            cut = names.pop()
            pt.review.append(f"文件在这一项的单位栏中间截断：「{cut}」不是完整的单位名称，未记入，请对照原文补全")
            review.append((pt.source, lines[-1][-60:], f"文件在这里截断，单位名称「{cut}」不完整，未记入，请对照原文补全"))
            return
