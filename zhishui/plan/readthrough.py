"""The document read through, paragraph by paragraph (and table row by row), beside what became of it.

Point 6 of the import is that no task text is dropped without a line for the clerk.  The
review (导入核对) names the paragraphs the rules can tell hold a duty; a layout the rules do not
know leaves duties no rule can point at (half of the tasks the importer misses on documents it
has never seen).  So the 原文对照 sheet lists every paragraph and table row of the document in
order, with the tasks it became (序号) or why it is none (a heading, a page footer, a short line),
and marks in yellow each one whose words are in no task: the clerk who reads the yellow rows
has seen every word of the document that is not in the list.

A paragraph's words are in a task when a task's 来源 names it, or when most of its own words
(brackets and fields of units, unit names and role words taken out) are in the imported tasks'
text, compared as 4-character pieces as leftovers.py does (a task's text is often trimmed or
split from its paragraph).  A paragraph that became a task but has a sentence in no task is
marked too (部分未导入), with that sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..columns import deadline_like, unit_share
from .addressee import is_addressee_line, is_transmittal
from .document import Para, Table
from .furniture import is_site_text
from .leftovers import canon_words, covered_share, own_words, pieces, sentences, task_pieces, uncovered, unit_words
from .model import PlanTask, heading_text, level_of

# a line of figures or marks only (a flattened table's 2020年｜100｜120): nothing a clerk could miss
_WORD = re.compile(r"[\u4e00-\u9fff]{2}")
_ROLE_WORD = re.compile(r"牵头|牽頭|负责|負責|配合|责任|責任|协助|協助")
# 抄送：… / …印发 / （此件公开发布） / 附件 / 附件1：…清单: the record at a document's foot, an annex's title;
# X人民政府办公室文件: the red head
_RECORD = re.compile(r"^(?:抄送|抄报|主题词|联系人|联系电话)\s*[:：]|^\S{2,40}文件$|^[（(]此件[^）)]{0,8}[）)]$|^附件\s*\d*\s*[:：]?\s*\S{0,40}$|"
                     r"^\S{2,30}\s+\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发")
_TABLE_TITLE = re.compile(r"^[^。，,；;：:]{2,40}(?:表|清单|台账|一览)(?:[（(][^）)]{0,20}[）)])?$")
# 建立问题清单 / 编制任务分解表: a short duty, not the title of a table
_DOING = re.compile(r"(?:建立|编制|制定|完善|梳理|形成|报送|上报|填报|更新|印发)")
# 第一章 总则: a regulation's chapter
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇]{1,4}章")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]{1,5}条\s*")
# 第一条 为加强河道管理，…，制定本办法。/ 本办法适用于…: why and where a regulation applies, no one's duty
_PURPOSE = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]{1,5}条\s*)?为(?:了)?[^。]{2,120}(?:特)?(?:制定|制订|修订)本(?:办法|方案|规定|条例|细则|制度|意见|预案|实施方案|工作方案)[。；]?\s*$")
_SCOPE = re.compile(r"^本(?:办法|方案|规定|条例|细则|制度|预案)(?:所称[^。]{1,60}|适用于[^。]{1,120})[。；]?\s*$")
_MIN_WORDS = 8          # characters of words a line needs to hold a task (a truth task's text is at least that)
_HEADING_MAX = 30       # a title is short: 一、加快调整能源结构
_CELL_MAX = 32000       # a spreadsheet cell holds 32767 characters
UNREAD = "未导入"
HEAD_NOTE = "文件版头或版记（发文机关、文号、标题、主送机关、抄送等）"
PART_UNREAD = "部分未导入"
_HELD = "文字已在所列任务里"


@dataclass
class ReadLine:
    where: str              # 第12段 / 表1第3行: as the tasks' 来源 write it
    text: str               # the paragraph, or the table row's cells joined by ｜
    seqs: list[str] = field(default_factory=list)     # the tasks it became
    note: str = ""          # Chinese: why it is no task, or what of it is in none
    unread: bool = False    # words of the document in no task: yellow, for the clerk to read

    def to_dict(self) -> dict:
        return {"where": self.where, "text": self.text, "tasks": self.seqs, "note": self.note, "unread": self.unread}


def _names(source: str, where: str) -> bool:
    """A task's 来源 names this block: 第1行 names 第1行第四条 and 第1行（原编号1）, not 第12行 or 第1行起的表格."""
    if not source.startswith(where):
        return False
    rest = source[len(where):]
    return not rest or not (rest[0].isdigit() or rest.startswith("起"))


def _sources(tasks: list[PlanTask]) -> list[tuple[str, str]]:
    """(来源, 序号) of every task and continuation row."""
    out = []
    for t in tasks:
        out.append((t.source, t.seq))
        out += [(src, t.seq) for _c, _d, src in t.continuation]
    return out


class _Reader:
    def __init__(self, res):
        self.tasks: list[PlanTask] = res.tasks
        self.sources = _sources(self.tasks)
        # a plan table's own columns (责任科室, 投资估算) are kept in the list, right of 待核实
        self.covered = task_pieces(self.tasks) | {p for t in self.tasks for v in t.extras.values() for p in pieces(v)}
        self.units = unit_words(self.tasks)
        self.by_task = [(t.seq, task_pieces([t])) for t in self.tasks]
        self.categories: dict[str, list[str]] = {}
        for t in self.tasks:
            self.categories.setdefault(canon_words(heading_text(t.category) or t.category), []).append(t.seq)
        self.reviewed = {w for w, _t, _why in res.review if w}
        self.persons = sorted({p for t in self.tasks for p in t.persons if len(p) >= 2}, key=len, reverse=True)
        m = res.meta
        self.head = canon_words("".join(x or "" for x in (m.title, m.issuer, m.number, m.plan_name)))
        # the same, each as a pattern that spaces and line breaks may cut (a PDF runs the title, the 文号 and the
        # addressees into one line)
        parts = sorted({re.sub(r"\s+", "", x) for x in (m.title, m.issuer, m.number, m.plan_name) if x}, key=len, reverse=True)
        self.head_parts = [re.compile(r"\s*".join(map(re.escape, x))) for x in parts if len(x) >= 4]
        # a title guessed from the first line (…责任分解细则) may be a duty's own line: kept yellow if it has role words
        self.head_guessed = "title" in (m.where or {})
        # above the body: no line yet became a task, is yellow or is numbered (the 主送机关 line is only here)
        self.in_head = True

    def named_by(self, where: str, exact: bool = False) -> list[str]:
        return list(dict.fromkeys(seq for src, seq in self.sources
                                  if (src == where if exact else _names(src, where))))

    def holding(self, text: str) -> list[str]:
        """The tasks that hold most of a paragraph's words (a task whose 来源 is the paragraph before)."""
        mine = pieces(text)
        if not mine:
            return []
        shares = sorted(((len(mine & p) / len(mine), seq) for seq, p in self.by_task), reverse=True)
        best = [seq for share, seq in shares[:3] if share >= 0.3]
        return best or [shares[0][1]]

    def line(self, where: str, text: str, named: list[str], row: bool = False) -> ReadLine:
        words = own_words(text, self.units)
        found, total = covered_share(words, self.covered)
        if named:
            # a paragraph a task was made from, with a sentence in no task (a second duty the reading ran past);
            # a table row, with a cell in no task (a second task the columns were read past)
            parts = [c for c in text.split("｜") if not self.names_only(c)] if row else sentences(text)
            missing = [s.strip() for s in parts if uncovered(own_words(s, self.units), self.covered)]
            out = ReadLine(where, text, named)
            if missing:
                out.unread = True
                many = f"等{len(missing)}句" if len(missing) > 1 else ""
                out.note = f"{PART_UNREAD}：「{missing[0][:40]}」{many}不在任何一项任务里，请核对"
            return out
        if total and found >= total / 2 and len(canon_words(text)) >= _MIN_WORDS:
            # its words are in tasks made elsewhere (a plan's body retold in its annexed table)
            return ReadLine(where, text, self.holding(text), _HELD)
        words_only = canon_words(text)
        # 四、职责分工 as the 重点任务 of the tasks under it, even where the plan's title was taken from it
        seqs = self.categories.get(canon_words(heading_text(text)), []) if len(words_only) <= _HEADING_MAX else []
        if seqs and "。" not in text.strip().rstrip("。"):
            return ReadLine(where, text, seqs, "重点任务（分类标题）")
        if self.furniture(text):
            return ReadLine(where, text, [], HEAD_NOTE)
        rest = self.without_head(text) if not (self.head_guessed and _ROLE_WORD.search(text)) else text
        if rest != text and not _WORD.search(rest) or self.in_head and is_addressee_line(rest):
            # 各镇人民政府，县政府各有关部门、直属机构：, alone or after the title and 文号 run into its line
            return ReadLine(where, text, [], HEAD_NOTE)
        if is_transmittal(text):
            return ReadLine(where, text, [], "文件版头或版记（印发方案的通知语，不是任务）")
        if _CHAPTER.match(text.strip()) and len(words_only) <= _HEADING_MAX:
            return ReadLine(where, text, [], "标题")                 # 第一章总则 / 第二章 河道管理职能职责
        if _PURPOSE.search(text) or _SCOPE.match(_ARTICLE.sub("", text.strip())):
            return ReadLine(where, text, [], "制定目的或适用范围（不是任务）")
        if level_of(text) and len(words_only) <= _HEADING_MAX and "。" not in text.strip().rstrip("。") \
                and not (text.strip().endswith("。") and re.search(r"[,，]", text)):
            # 一、指导思想: a chapter's title; a short numbered item below it may be a task (1.妇女享有…服务); a sentence
            # of clauses closed by 。 is no title (h4113 「二、加强宣传力度,发放《告家长书》、悬挂横幅,营造…氛围。」)
            if level_of(text) == 1 and not _ROLE_WORD.search(text):
                return ReadLine(where, text, [], "标题")
        if len(words_only) <= _HEADING_MAX and _TABLE_TITLE.search(text.strip()) and not level_of(text) \
                and not _ROLE_WORD.search(text) and not _DOING.match(text.strip()):
            return ReadLine(where, text, [], "标题")        # 整改任务分解表: the title over the annexed table
        if not _WORD.search(text):
            return ReadLine(where, text, [], "没有文字（数字、符号）")
        said = "（「导入核对」有说明）" if where in self.reviewed else "：是任务的，请在「任务清单」补录"
        return ReadLine(where, text, [], UNREAD + said, True)

    def names_only(self, cell: str) -> bool:
        """A table cell of units and persons (各县(市)政府主要领导,王景书,吴毅强), or a deadline: a column of the task."""
        for name in self.persons:
            cell = cell.replace(name, "")
        cell = re.sub(r"主要(?:领导|负责同志)|分管(?:领导|负责同志)|负责人", "", cell)
        return not canon_words(cell) or unit_share(cell) >= 0.5 or deadline_like(cell)

    def furniture(self, text: str) -> bool:
        """The head and foot of an official document: its issuer, 文号 and title lines, 抄送, 印发, 附件."""
        words = canon_words(text)
        if _RECORD.match(text.strip()):
            return True
        return bool(words) and len(words) <= 60 and not _ROLE_WORD.search(text) and words in self.head

    def without_head(self, text: str) -> str:
        """The line without the document's title, 文号, issuer and plan name in it."""
        for rx in self.head_parts:
            text = rx.sub("", text)
        return text.strip()

    def para(self, p: Para) -> ReadLine | None:
        text = p.text.strip()
        if not text:
            return None
        if is_site_text(text):
            return ReadLine(p.where, text, [], "网页导航或页脚（栏目、发布信息、主办、版权等），不是方案正文")
        got = self.line(p.where, text, self.named_by(p.where))
        # (a title line whose words tasks happen to hold, 文字已在所列任务里, is still the head)
        self.in_head = self.in_head and not (got.seqs and got.note != _HELD or got.unread or level_of(text))
        return got

    def table(self, tab: Table) -> list[ReadLine]:
        self.in_head = False
        out, started = [], False
        grid = tab.grid
        for r in range(grid.nrows):
            cells = [grid.text(r, c).strip() for c in range(grid.ncols)]
            text = "｜".join(c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1]))
            if not text:
                continue
            where = f"{tab.where}第{r + 1}行"
            named = self.named_by(where, exact=True)
            if named:
                started = True
            if not named and not started and _header_like(cells):
                out.append(ReadLine(where, text, [], "表头"))     # above the table's first task, short names
                continue
            out.append(self.line(where, text, named, row=True))
        return out


def _header_like(cells: list[str]) -> bool:
    """序号｜重点任务｜牵头单位｜完成时限: short words, no sentence."""
    return all(len(c) <= 10 and not re.search(r"[。，,；;]", c) for c in cells if c)


def read_through(res) -> list[ReadLine]:
    """Every paragraph and table row of the imported document, in order, with what became of it
    (worked out once per import: the workbook, the JSON and the messages say the same)."""
    if res.lines_read is not None:
        return res.lines_read
    reader = _Reader(res)
    out: list[ReadLine] = []
    for b in res.document.blocks:
        if isinstance(b, Table):
            out += reader.table(b)
        else:
            got = reader.para(b)
            if got is not None:
                out.append(got)
    for rule in getattr(res, "lead_rules", ()):
        _rule_line(out, rule)
    for line in out:
        if len(line.text) > _CELL_MAX:
            line.text = line.text[:_CELL_MAX] + "…（以下略，见原文）"
    res.lines_read = out
    return out


def _rule_line(lines: list[ReadLine], rule) -> None:
    """The line holding the plan's convention for the lead (列在首位的为牵头部门) says which tasks it decided: its
    words went into their 牵头单位, not into any task's text, and would otherwise vanish (a cell of names) or be
    yellow (a note under the table)."""
    line = next((x for x in lines if x.where == rule.where), None)
    if line is None:
        return
    seqs = list(dict.fromkeys(t.seq for t in rule.tasks))
    which = "、".join(seqs[:8]) + (f"等{len(seqs)}项" if len(seqs) > 8 else "")
    said = f"「{rule.words}」是方案写明的牵头单位排法，已用于序号{which}的牵头单位（各项第一个单位作牵头单位）"
    if line.unread and not line.note.startswith(PART_UNREAD):
        rest = line.text.replace(rule.words, "")
        if len(canon_words(rest)) < _MIN_WORDS:
            line.unread, line.note = False, said     # a note under the table that says only the rule
            return
    line.note = f"{line.note}；{said}" if line.note else said


def read_through_note(lines: list[ReadLine]) -> str | None:
    """The one sentence the command line, the add-in and the web page say of the 原文对照 sheet."""
    unread = [x for x in lines if x.unread]
    if not lines:
        return None
    if not unread:
        return f"原文对照：全文{len(lines)}段（表格逐行）都已在任务里，或是标题、页脚，没有标黄色的段落"
    part = sum(1 for x in unread if x.note.startswith(PART_UNREAD))
    return (f"原文对照：全文{len(lines)}段（表格逐行）中，{len(unread) - part}段没有导入任何任务"
            + (f"、{part}段只导入了一部分" if part else "")
            + "，在「原文对照」表中标成黄色；其余各段已在任务里，或是标题、页脚。请把黄色各段看一遍，是任务的在「任务清单」补录")
