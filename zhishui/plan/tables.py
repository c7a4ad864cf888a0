"""Responsibility tables found in a plan (Word, PDF, web page or text): rows -> tasks.

Which column is which is decided by the list reader (zhishui/columns.py: header
words and cell content together), the same rules as for a list workbook:
continuation rows, merged categories, note rows, extra columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..listreader import ListSheet, read_list_sheet
from ..unitnames import split_persons
from ..workbook_reader import Grid
from .attributions import unit_names
from .dates import find_deadlines
from .document import Table
from .infobar import is_info_bar, label_pairs
from .leadorder import strip_rule
from .model import PlanTask
from ..rolewords import STEMS, UNIT_LABEL


@dataclass
class TableRead:
    sheet: ListSheet | None
    problem: str = ""        # Chinese: why the table could not be read as a list


# 主办单位 beside 协办单位 leads; alone it names the unit that does the work (承办), the responsible one
HOST_RE = re.compile(r"^\s*主办(?:单位|部门)\s*$")
HELPERS_RE = re.compile("|".join(STEMS["cooperating"]))
SECTION_RE = re.compile(r"科室|处室|股室")


def _one_role_headers(grid: Grid) -> Grid:
    rows = [list(r) for r in grid.rows]
    changed = False
    helpers = any(HELPERS_RE.search(str(v or "")) for r in rows[:3] for v in r)
    # 责任科室 with no unit column beside it: the section of the office that wrote the plan is who does the row
    # (h6104, an office's own inspection plan); beside a 责任单位 column it stays a column of its own
    units = any(re.fullmatch(UNIT_LABEL, str(v or "").replace(" ", "")) and not SECTION_RE.search(str(v))
                for r in rows[:3] for v in r)
    for r in rows[:3]:
        for c, v in enumerate(r):
            two = re.fullmatch(rf"(?P<first>{UNIT_LABEL})或(?:{UNIT_LABEL})", str(v or "").replace(" ", ""))
            if two:
                # 责任单位 或牵头单位: a header naming two unit roles with 或 is read as the first one named
                r[c], changed = two.group("first"), True
            elif not helpers and HOST_RE.match(str(v or "")):
                r[c], changed = "责任单位", True
            elif not units and (sec := re.fullmatch(r"\s*(责任|牵头|主办)\s*(?:科室|处室|股室)\s*(?:[（(]单位[）)])?\s*",
                                                    str(v or ""))):
                # (责任股室(单位): a county bureau's sections are its 股室; the header wrapped its 「(单位)」, h7306)
                r[c], changed = sec.group(1) + "单位", True
    return Grid(grid.name, rows, list(grid.merged), grid.visible) if changed else grid


def read_table(grid: Grid, where: str) -> TableRead:
    """The table as a responsibility list, or why not (naming the columns it has)."""
    grid = _one_role_headers(grid)
    # a blank category cell of a plan's table is the merged category above (the copy lost the merge)
    ls = read_list_sheet(grid, where, blank_category_carries=True)
    if ls is not None:
        return TableRead(ls)
    headers = [t for t in (grid.text(r, c).strip() for r in range(min(3, grid.nrows)) for c in range(grid.ncols)) if t]
    if grid.nrows >= 2 and grid.ncols >= 3:
        return TableRead(None, f"{where}的各列无法分辨（前几行为：{'、'.join(headers[:12])}），"
                               f"需要有「具体举措」一类的任务内容列和「完成时限」或「牵头单位/责任单位」列")
    return TableRead(None)


def table_tasks(tab: Table, review: list) -> list[PlanTask]:
    got = read_table(tab.grid, tab.where)
    for n in tab.notes:
        review.append((tab.where, "", n))
    if got.sheet is None:
        if got.problem and is_info_bar(tab.grid):
            review.append((tab.where, "；".join(label_pairs(tab.grid))[:60],
                           f"{tab.where}是文件信息栏（文号、成文日期等），不是任务表，其中的文号、日期已用于「设置」"))
        elif got.problem:
            review.append((tab.where, "", got.problem))
        return []
    ls = got.sheet
    for f in ls.notes:
        if f.code in ("STRAY_ROW",):
            review.append((f"{tab.where}第{f.cell[1:]}行", "", f.message))
    for head in dict.fromkeys(ls.extras.values()):
        # a column no role claims (责任科室, 投资估算) is kept, never dropped: the writer puts it last
        if any((rt.extras.get(head) or "").strip() for rt in ls.tasks):
            # (said for the clerk: where the words are and what to do; the add-in's list has no room for the column, so it
            # writes them task by task into 导入核对 — addin/macros.py)
            review.append((tab.where, head, f"{tab.where}的「{head}」列不是清单的列，其中的文字一字不改地保留在「任务清单」表"
                                            f"最右边（「待核实」列之后；督办台账里逐项记在本表后面），下发时印在各单位的报送表上"
                                            f"供参考，单位不用填。如果这一列写的其实是任务内容、完成时限或单位，请移到清单相应的列"))
        else:
            # (a table whose cells a copy's line wrapping shifted: the column's words went into the next cells — a
            # new-user trial was told they were kept in a column that was not there)
            review.append((tab.where, head, f"{tab.where}的「{head}」列在读出的各行里都是空的：这一列的文字可能因为原文格子里"
                                            f"的换行空格并进了相邻的列（如重点任务），请对照原文核对各行的重点任务和内容"))
    repeated = repeated_content(ls)
    if repeated:
        text, n, kinds, rows, head = repeated
        same = f"{rows}行都是「{text}」" if kinds == 1 else f"{rows}行中只有{kinds}种文字（{n}行是「{text}」）"
        review.append((tab.where, text, f"{tab.where}读出的「具体举措」{same}，而「{head}」列每行各不相同："
                                        f"任务可能在「{head}」列，重复的那一列可能是类别（重点任务）。请对照原文核对；如果是这样，"
                                        f"请在「任务清单」把「{head}」列的文字移到「具体举措」，原来的文字移到「重点任务」"))
    out = []
    for rt in ls.tasks:
        t = rt.texts
        pt = PlanTask(rt.seq, rt.category, t.get("content", ""), t.get("deadline", ""),
                      source=f"{tab.where}第{rt.row}行", extras=dict(rt.extras))
        # (a cell of names may say which of them leads: 县民政局、…（县政府部门中列在首位的为牵头部门，下同）; the rule is
        # applied with the document's others, leadorder.py, and is no part of the last name)
        pt.lead = _names(strip_rule(t.get("lead", "")))
        pt.responsible = _names(strip_rule(t.get("responsible", "")))
        pt.cooperating = _names(strip_rule(t.get("cooperating", "")))
        pt.persons = split_persons(t.get("person", ""))
        if not pt.deadline.strip():
            found = find_deadlines(pt.content)
            if found:
                pt.deadline = "；".join(found)
                pt.review.append("表中没有完成时限，已从任务内容中摘出「" + pt.deadline + "」，请核对")
        for p in rt.parts:
            pt.continuation.append((p.content, p.deadline, f"{tab.where}第{p.row}行"))
        for row in [rt.row] + [p.row for p in rt.parts]:
            if row - 1 in tab.row_notes:
                pt.review.append(f"第{row}行：{tab.row_notes[row - 1]}")
        if not (pt.lead or pt.responsible):
            pt.review.append("表中没有牵头单位或责任单位")
        out.append(pt)
    return out


def repeated_content(ls: ListSheet) -> tuple[str, int, int, int, str] | None:
    """(most frequent text, its rows, distinct texts, rows, header) when the task text read repeats on many rows
    while a column no role claims has a text of its own on each of them: the rows' own tasks are then likely in
    that column (a category merged down the column the content was taken from: a new-user trial's 工程类别与名称
    over two columns read the category as every row's task)."""
    from collections import Counter

    from ..columns import profile
    contents = [(rt.texts.get("content") or "").strip() for rt in ls.tasks]
    counts = Counter(c for c in contents if c)
    shared = [rt for rt, c in zip(ls.tasks, contents) if c and counts[c] > 1]
    if len(shared) < 3 or 2 * len(shared) < len(contents):
        return None
    for head in dict.fromkeys(ls.extras.values()):
        vals = [v for v in ((rt.extras.get(head) or "").strip() for rt in shared) if v]
        if len(vals) < 0.8 * len(shared) or len(set(vals)) < 0.8 * len(vals):
            continue
        p = profile(vals)
        # words, not figures, dates or units: 投资估算 may differ on every row too
        if p.avg_len >= 4 and p.number < 0.5 and p.unit < 0.5 and p.seq < 0.5 and p.deadline < 0.5:
            text, n = counts.most_common(1)[0]
            return text, n, len(counts), len(contents), head
    return None


def _names(text: str) -> list[str]:
    return unit_names(text) if text.strip() else []
