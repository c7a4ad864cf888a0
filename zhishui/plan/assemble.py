"""A read document -> the tasks of its responsibility list, with what the importer was unsure of.

Where the plan has a responsibility table (附件 任务分解表 / 责任清单), its rows are the
tasks and the body text is context: paragraphs there that name units go to the
review, not into the list twice.  Otherwise the tasks come from the body text:
paragraphs ending with an attribution, one paragraph per unit, prose duties, or
(where a plan names no units) the numbered items of its task sections.  Every
piece of task text that does not become a task gets a line in the review.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .attributions import Attribution, find_attributions, first_unit_leads, trailing_units
from .dates import Meta, document_meta, find_deadlines
from .document import Document, Para, Table
from .prose import prose_duties, unit_paragraph
from .tables import read_table

ITEM_RE = re.compile(r"^\s*(?:(?P<l2>[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])|(?P<l1>[一二三四五六七八九十]{1,3}\s*、)|"
                     r"(?P<l3>\d{1,3})\s*[.、．](?!\d)|(?P<l4>[（(]\s*\d{1,3}\s*[）)]))\s*")
INLINE_MARK_RE = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]")
TASK_SECTION_RE = re.compile(r"任务|重点|措施|安排|分工|职责|行动|整治|整改|项目|工作内容")
# 反馈问题：… / 主体责任单位：… / 整改措施：: the fields of a rectification notice, one a line
FIELD_LINE_RE = re.compile(r"^\s*[\u4e00-\u9fff]{0,8}(?:单位|部门|目标|措施|问题|情况|领导|任务)\s*[:：]")
NOT_TASK_SECTION_RE = re.compile(r"总体要求|指导思想|基本原则|工作目标|主要目标|目标任务|保障|组织领导|工作要求|实施步骤|"
                                 r"进度安排|时间安排|附则|考核")


@dataclass
class PlanTask:
    seq: str
    category: str
    content: str
    deadline: str = ""
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    source: str = ""
    review: list[str] = field(default_factory=list)
    continuation: list[tuple[str, str, str]] = field(default_factory=list)  # (content, deadline, source)
    _pidx: int = field(default=-1, repr=False)

    def to_dict(self) -> dict:
        return {"seq": self.seq, "category": self.category, "content": self.content, "deadline": self.deadline,
                "lead_units": self.lead, "responsible_units": self.responsible,
                "cooperating_units": self.cooperating, "persons": self.persons, "source": self.source,
                "review": self.review,
                "continuation": [{"content": c, "deadline": d, "source": s} for c, d, s in self.continuation]}


@dataclass
class PlanImport:
    document: Document
    meta: Meta
    tasks: list[PlanTask]
    review: list[tuple[str, str, str]]        # (where, text, why) — Chinese
    layouts: list[str]                        # Chinese names of the layouts found


def _strip_item(text: str) -> tuple[str | None, str]:
    m = ITEM_RE.match(text)
    if not m:
        return None, text.strip()
    num = m.group("l3")
    return num, text[m.end():].strip()


def _level(text: str) -> int | None:
    m = ITEM_RE.match(text)
    if not m:
        return None
    for lvl, g in ((1, "l1"), (2, "l2"), (3, "l3"), (4, "l4")):
        if m.group(g):
            return lvl
    return None


def _heading_text(text: str) -> str:
    t = text.strip()
    k = t.find("。")
    return t[:k] if 0 < k < 60 else t[:60]


# --- tables -----------------------------------------------------------------------------------

def _table_tasks(tab: Table, review: list) -> list[PlanTask]:
    got = read_table(tab.grid, tab.where)
    for n in tab.notes:
        review.append((tab.where, "", n))
    if got.sheet is None:
        if got.problem:
            review.append((tab.where, "", got.problem))
        return []
    ls = got.sheet
    for f in ls.notes:
        if f.code in ("STRAY_ROW",):
            review.append((f"{tab.where}第{f.cell[1:]}行", "", f.message))
    out = []
    for rt in ls.tasks:
        t = rt.texts
        pt = PlanTask(rt.seq, rt.category, t.get("content", ""), t.get("deadline", ""),
                      source=f"{tab.where}第{rt.row}行")
        pt.lead = _names(t.get("lead", ""))
        pt.responsible = _names(t.get("responsible", ""))
        pt.cooperating = _names(t.get("cooperating", ""))
        from ..unitnames import split_persons
        pt.persons = split_persons(t.get("person", ""))
        if not pt.deadline.strip():
            found = find_deadlines(pt.content)
            if found:
                pt.deadline = "；".join(found)
                pt.review.append("表中没有完成时限，已从任务内容中摘出「" + pt.deadline + "」，请核对")
        for p in rt.parts:
            pt.continuation.append((p.content, p.deadline, f"{tab.where}第{p.row}行"))
        if not (pt.lead or pt.responsible):
            pt.review.append("表中没有牵头单位或责任单位")
        out.append(pt)
    return out


def _names(text: str) -> list[str]:
    from .attributions import unit_names
    return unit_names(text) if text.strip() else []


# --- body text ----------------------------------------------------------------------------------

@dataclass
class _State:
    headings: dict = field(default_factory=dict)     # level -> heading text
    default_responsible: list[str] = field(default_factory=list)
    default_text: str = ""
    block: Attribution | None = None       # field lines naming units, for the numbered measures below
    block_used: bool = False
    block_owner: Para | None = None        # the field line before the unit lines (反馈问题：… / 重点工作：…)
    block_labels: list = field(default_factory=list)   # 主体责任单位（第4行）… for the review note
    first_leads: bool = False              # 列第一位者为牵头部门，下同
    block_used: bool = False

    def category(self, below: int) -> str:
        for lvl in range(below - 1, 0, -1):
            if self.headings.get(lvl):
                return self.headings[lvl]
        return ""

    def section(self) -> str:
        return self.headings.get(1, "")


def _apply(pt: PlanTask, a: Attribution, state: _State) -> None:
    if a.first_leads_onwards:
        state.first_leads = True
    elif state.first_leads and not a.first_leads and not a.lead and a.responsible and not a.default_responsible:
        first_unit_leads(a)
        pt.review.append("按前文「列第一位者为牵头部门，下同」，第一个单位作牵头单位，其余作配合单位")
    pt.lead, pt.responsible, pt.cooperating = list(a.lead), list(a.responsible), list(a.cooperating)
    pt.persons = list(a.persons)
    if a.deadline:
        pt.deadline = a.deadline
    if a.bare:
        pt.review.append(f"括号「{a.text}」只写了单位，没写牵头/配合，已按责任单位处理")
    if state.default_responsible and not a.default_responsible:
        added = [u for u in state.default_responsible if u not in pt.responsible + pt.lead]
        if added:
            pt.responsible.extend(added)
            pt.review.append(f"按前文「{state.default_text}」补入责任单位：{'、'.join(added)}")
    if a.default_responsible:
        state.default_responsible = list(a.default_responsible)
        state.default_text = "以下均需" + "、".join(a.default_responsible) + "落实"


def _deadline_of(pt: PlanTask) -> None:
    if not pt.deadline:
        pt.deadline = "；".join(find_deadlines(pt.content))


def _attributed_tasks(para: Para, text: str, atts: list[Attribution], num: str | None, category: str,
                      state: _State, review: list) -> list[PlanTask]:
    out = []
    pos = 0
    for a in atts:
        seg = text[pos:a.start]
        pos = a.end
        _n, seg_text = _strip_item(seg.strip(" ；;，,。"))
        seg_text = INLINE_MARK_RE.sub("", seg_text, count=1) if INLINE_MARK_RE.match(seg_text) else seg_text
        if not seg_text.strip(" 。；;，,"):
            if out:          # a second bracket for the same task
                _merge(out[-1], a)
            elif a.default_responsible:
                _apply(PlanTask("", "", ""), a, state)
            continue
        pt = PlanTask(num or "", category, seg_text.strip(), source=para.where)
        _apply(pt, a, state)
        _deadline_of(pt)
        out.append(pt)
    tail = text[pos:].strip(" ；;，,。")
    if tail:
        for piece in _split_marks(tail):
            got = trailing_units(piece)
            if got and len(piece[:got[0]].strip()) > 6:
                pt = PlanTask(num or "", category, piece[:got[0]].strip(), source=para.where,
                              responsible=got[1])
                pt.review.append("单位写在任务文字之后，没有标明牵头/责任/配合，已按责任单位处理")
                _deadline_of(pt)
                out.append(pt)
            elif piece.strip(" 。；;，,"):
                review.append((para.where, piece, "这段文字在分工括号之后，没有写明责任单位，未作为任务导入"))
    return out


def _split_marks(text: str) -> list[str]:
    cuts = [m.start() for m in INLINE_MARK_RE.finditer(text) if m.start() > 0]
    pieces, last = [], 0
    for c in cuts:
        pieces.append(text[last:c])
        last = c
    pieces.append(text[last:])
    return [p for p in pieces if p.strip()]


def _merge(pt: PlanTask, a: Attribution) -> None:
    for f in ("lead", "responsible", "cooperating"):
        for u in getattr(a, f):
            if u not in getattr(pt, f):
                getattr(pt, f).append(u)
    if a.deadline and not pt.deadline:
        pt.deadline = a.deadline


def _lone_attribution(text: str) -> Attribution | None:
    """The paragraph's attribution when the paragraph is nothing else."""
    t = text.strip()
    atts = find_attributions(t)
    if atts and atts[0].start == 0 and atts[-1].end >= len(t.rstrip("。；; ")):
        return atts[0] if len(atts) == 1 else None
    return None


def _field_line(text: str) -> bool:
    return bool(FIELD_LINE_RE.match(text))


def _join_lone_attributions(paras: list[Para]) -> list[Para]:
    """A paragraph that is only an attribution bracket belongs to the paragraph before it —
    unless both are field lines of a notice (反馈问题：… / 主体责任单位：…): then the units
    head the numbered measures below (see _body_tasks)."""
    out: list[Para] = []
    for p in paras:
        t = p.text.strip()
        atts = find_attributions(t)
        if out and atts and atts[0].start == 0 and atts[-1].end >= len(t.rstrip("。；; ")) \
                and not (_field_line(t) and _field_line(out[-1].text)):
            out[-1] = Para(out[-1].text + t, out[-1].where)
            continue
        out.append(p)
    return out


def _body_tasks(paras: list[Para], review: list, layouts: set) -> list[PlanTask]:
    state = _State()
    tasks: list[PlanTask] = []
    items: list[tuple[int, PlanTask, int]] = []     # unattributed numbered items: (index in tasks, task, level)
    bounds: list[tuple[int, int]] = []               # (paragraph index, level) of every numbered paragraph
    task_pidx: list[int] = []
    in_list_part = False
    paras = _join_lone_attributions(paras)
    title: tuple[int, str, int] | None = None     # (index, text, number of tasks then) of the last numbered item
    for pidx, p in enumerate(paras):
        while len(task_pidx) < len(tasks):
            task_pidx.append(pidx - 1)
        text = p.text.strip()
        if re.match(r"^附件\s*\d*\s*[:：]?\s*$", text):
            in_list_part = True
        lvl = _level(text)
        num, rest = _strip_item(text)
        atts = find_attributions(text)
        lone = _lone_attribution(text) if lvl is None and _field_line(text) else None
        if lone is not None and not lone.default_responsible:
            # 主体责任单位：X / 牵头督导单位：Y on lines of their own: the units of the measures below
            if state.block is None or state.block_used:
                _unused_block(state, tasks)
                prev = paras[pidx - 1] if pidx else None
                owner = prev if prev is not None and _field_line(prev.text) and task_pidx.count(pidx - 1) == 0 \
                    and len(task_pidx) == len(tasks) else None
                state.block, state.block_used, state.block_owner = Attribution(0, 0, ""), False, owner
                state.block_labels = []
            _merge(state.block, lone)
            state.block_labels.append(re.split(r"[:：]", text, maxsplit=1)[0].strip() + f"（{p.where}）")
            layouts.add("整改公示（单位在前，措施编号在后）")
            continue
        if state.block is not None:
            if lvl and not atts and rest.strip(" 。；;") and not NOT_TASK_SECTION_RE.search(rest[:12]):
                pt = PlanTask(num or "", state.category(lvl), rest.rstrip("；;"), source=p.where)
                _apply(pt, state.block, state)
                pt.review.append("单位取自措施前面的字段行「" + "、".join(state.block_labels)
                                 + "」，已用于其下每一条措施，请核对")
                _deadline_of(pt)
                tasks.append(pt)
                state.block_used = True
                continue
            if state.block_used and lvl is None:
                state.block = None
        if lvl:
            bounds.append((pidx, lvl))
            if not atts and len(rest) <= 80:
                title = (pidx, rest, len(tasks))
        if lvl in (1, 2) and not atts:
            # a heading, or a numbered item whose text follows
            state.headings[lvl] = _heading_text(text)
            for deeper in range(lvl + 1, 5):
                state.headings.pop(deeper, None)
            duties = prose_duties(rest) if len(rest) > 30 else []
            if duties:
                layouts.add("正文「由…牵头/负责」")
                for d in duties:
                    pt = PlanTask("", state.category(lvl + 1), d.text, lead=d.lead, responsible=d.responsible,
                                  cooperating=d.cooperating, source=p.where)
                    _deadline_of(pt)
                    tasks.append(pt)
            elif lvl == 2 and _task_section(state.section()) and len(text) > 4:
                pt = PlanTask("", state.category(lvl), rest, source=p.where)
                pt._pidx = pidx
                items.append((len(tasks), pt, lvl))
            continue
        category = state.category(lvl or 5)
        if atts:
            layouts.add("正文分工括号")
            body = text if lvl is None else text[ITEM_RE.match(text).end():]
            got = _attributed_tasks(p, body, find_attributions(body), num, category, state, review)
            if got and lvl is None and title and title[0] == pidx - 1 and title[2] == len(tasks):
                # (4)核定水功能区纳污能力。 / 2012年底前，…（X负责）: the item's own words head its task
                got[0].content = title[1].rstrip("。") + "。" + got[0].content
                items[:] = [it for it in items if getattr(it[1], "_pidx", None) != title[0]]
            tasks.extend(got)
            continue
        up = unit_paragraph(text)
        if up:
            unit, duties = up
            layouts.add("一个单位一段职责")
            for d in duties:
                pt = PlanTask("", state.category(5), d.text, lead=d.lead, responsible=d.responsible,
                              cooperating=d.cooperating, source=p.where)
                _deadline_of(pt)
                tasks.append(pt)
            continue
        duties = prose_duties(rest)
        if duties:
            layouts.add("正文「由…牵头/负责」")
            for d in duties:
                pt = PlanTask("", category, d.text, lead=d.lead, responsible=d.responsible,
                              cooperating=d.cooperating, source=p.where)
                _deadline_of(pt)
                tasks.append(pt)
            continue
        if lvl in (3, 4) and _task_section(state.section()):
            pt = PlanTask(num or "", category, rest, source=p.where)
            pt._pidx = pidx
            items.append((len(tasks), pt, lvl))
            continue
        if items and lvl is None and items[-1][0] == len(tasks) and not in_list_part:
            # the body of the numbered item above it
            items[-1][1].content = (items[-1][1].content + text).strip()
    _unused_block(state, tasks)
    while len(task_pidx) < len(tasks):
        task_pidx.append(len(paras) - 1)
    # numbered items with no unit anywhere in them: tasks when they are the leaves of a task section
    leaves = _leaf_items(items, bounds, task_pidx)
    if leaves:
        layouts.add("编号条目（未写单位）")
    for idx, pt in reversed(leaves):
        pt.review.append("方案没有写明这项任务的责任单位，请补填")
        _deadline_of(pt)
        tasks.insert(idx, pt)
    for _idx, pt, _lvl in items:
        if all(pt is not x for _, x in leaves) and _lvl >= 3:
            review.append((pt.source, pt.content[:60], "编号条目没有写明责任单位，未作为任务导入"))
    return tasks


def _unused_block(state: _State, tasks: list[PlanTask]) -> None:
    """Unit lines with no numbered measures under them (重点工作：… / 牵头单位：… / 年度目标：…):
    they are the units of the field line before them."""
    if state.block is None or state.block_used or state.block_owner is None:
        return
    owner = state.block_owner
    pt = PlanTask("", "", owner.text.strip(), source=owner.where)
    _apply(pt, state.block, state)
    _deadline_of(pt)
    tasks.append(pt)
    state.block, state.block_owner = None, None


def _task_section(heading: str) -> bool:
    return bool(heading) and bool(TASK_SECTION_RE.search(heading)) and not NOT_TASK_SECTION_RE.search(heading)


def _leaf_items(items, bounds, task_pidx) -> list[tuple[int, PlanTask]]:
    """Items with nothing deeper under them: no numbered paragraph of a deeper level and no task
    before the next paragraph of their own level or above (such an item is a category)."""
    out = []
    for idx, pt, lvl in items:
        start = pt._pidx
        end = next((pi for pi, lv in bounds if pi > start and lv <= lvl), 10 ** 9)
        deeper = any(start < pi < end and lv > lvl for pi, lv in bounds)
        children = any(start < tp < end for tp in task_pidx)
        if not deeper and not children and pt.content.strip():
            if not (pt.lead or pt.responsible):
                from .attributions import looks_like_unit_list, unit_names, unit_run
                # 动员部署（3月10日）。: a dated step title, not 各乡镇政府继续推进…（1分，…）
                body = re.sub(r"^[^。]{0,30}[（(][^）)]*\d+\s*[年月日号][^）)]*[）)]。?", "", pt.content)
                run = unit_run(body, 0)
                if run and looks_like_unit_list(run[0]):
                    pt.responsible = unit_names(run[0])
            out.append((idx, pt))
    return out


# --- the whole document -------------------------------------------------------------------------

def assemble(doc: Document) -> PlanImport:
    review: list[tuple[str, str, str]] = []
    layouts: set[str] = set()
    meta = document_meta(doc.lines or [b.text for b in doc.paragraphs])
    table_tasks: list[PlanTask] = []
    for tab in doc.tables:
        got = _table_tasks(tab, review)
        if got:
            layouts.add("责任清单表格")
        table_tasks.extend(got)
    if table_tasks:
        tasks = table_tasks
        # the body's own attributions are the same tasks said in prose: listed, not imported twice
        for p in doc.paragraphs:
            if find_attributions(p.text) or unit_paragraph(p.text):
                review.append((p.where, p.text[:60], "正文中的分工，附件表格已列出任务，未重复导入"))
    else:
        tasks = _body_tasks(doc.paragraphs, review, layouts)
    if not tasks:
        _nothing_read(doc, review)
    _numbered_not_read(doc, tasks, review)
    _number(tasks)
    for pt in tasks:
        if not pt.content.strip():
            pt.review.append("任务内容为空")
        if not pt.deadline.strip():
            pt.review.append("没有写完成时限")
    return PlanImport(doc, meta, tasks, review, sorted(layouts))


def _nothing_read(doc: Document, review: list) -> None:
    """No task could be read (a table whose cells a copy ran together with nothing between them,
    a layout not met before): every paragraph that may hold task text is listed in 导入核对 so
    that nothing of it is dropped without a word."""
    listed = {(w, t) for w, t, _y in review}
    for p in doc.paragraphs:
        t = p.text.strip()
        if len(t) < 20 or (p.where, t[:60]) in listed:
            continue
        review.append((p.where, t[:60], "未能从这段文字读出任务和单位（版式无法可靠读取，例如表格各格连在一起、"
                                         "没有分隔），未导入，请对照原文手工录入"))


def _numbered_not_read(doc: Document, tasks: list[PlanTask], review: list) -> None:
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


def _number(tasks: list[PlanTask]) -> None:
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
    for i, t in enumerate(tasks, 1):
        if t.seq and not t.source.endswith("）"):
            t.source += f"（原编号{t.seq}）"
        t.seq = str(i)
