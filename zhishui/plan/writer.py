"""Write an imported plan: the responsibility-list workbook the rest of zhishui reads, and JSON.

Sheets: 任务清单 (the list: 序号 · 重点任务 · 具体举措 · 完成时限 · 牵头单位 · 责任单位 ·
配合单位 · 责任人, then 来源 and 待核实 for the clerk) · 导入核对 (every doubt and every
piece of text not imported) · 原文对照 (every paragraph and table row of the document, with the tasks
it became; yellow where its words are in no task) · 设置 (the document's date, issuer, 文号, title) · 单位名录
(proposed from the units found; kinds guessed from the names, groups to be filled in).
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..columns import DATEISH_RE, looks_like_unit
from ..deadlines import parse_deadline
from ..directory import infer_kind
from ..fileutil import atomic_path, print_landscape
from ..master import (IMPORT_REVIEW_HEADERS, IMPORT_REVIEW_SHEET, IMPORT_REVIEW_WIDTHS, READ_THROUGH_HEADERS,
                      READ_THROUGH_SHEET, READ_THROUGH_WIDTHS)
from ..office import consolidating_office
from ..unitnames import classify_group, expand, group_kinds, is_local, norm
from .assemble import PlanImport
from .readthrough import read_through

LIST_HEADERS = ["序号", "重点任务", "具体举措", "完成时限", "牵头单位", "责任单位", "配合单位", "责任人", "来源", "待核实"]
# 174 characters in all: printed one page wide on landscape A4 the text stays near 8 points (261 printed it at 4)
WIDTHS = [6, 14, 44, 12, 14, 18, 18, 8, 14, 26]
EXTRA_WIDTH = 14
HEAD = PatternFill("solid", fgColor="D9E1F2")
DOUBT = PatternFill("solid", fgColor="FFF2CC")


def extra_headers(res: PlanImport) -> list[str]:
    """Columns of the plan's tables no list column claims, in order; written after 待核实 under
    their own header (renamed 原表X if it is one of ours), so the list reader keeps them as extras."""
    return list(dict.fromkeys(h for t in res.tasks for h in t.extras))


def _extra_title(head: str) -> str:
    return "原表" + head if head in LIST_HEADERS else head


def task_rows(res: PlanImport) -> list[list[str]]:
    """The 8 list columns (and the two for the clerk) of every task and continuation row, then the
    plan table's own extra columns."""
    rows = []
    ref = res.meta.date
    extras = extra_headers(res)
    for t in res.tasks:
        rows.append([t.seq, t.category, t.content, t.deadline, "、".join(t.lead), "、".join(t.responsible),
                     "、".join(t.cooperating), "、".join(t.persons), t.source, "；".join(task_notes(t, ref))]
                    + [t.extras.get(h, "") for h in extras])
        for content, deadline, source in t.continuation:
            rows.append(["", t.category, content, deadline, "", "", "", "", source, CONTINUATION_NOTE]
                        + [""] * len(extras))
    return rows


CONTINUATION_NOTE = "续行：属于上一项任务"


def task_notes(t, ref) -> list[str]:
    """One task's 待核实, a note each: the importer's doubts, then what its deadline leaves open (a row whose
    cells slid, a deadline not understood, a year not written). The same notes are the task's 「序号N：」 rows
    of 导入核对, so the 督办台账, whose 任务清单 has no 待核实 column, keeps every one of them."""
    doubts = list(t.review)
    shifted = _shifted(t)
    if shifted:
        doubts.append(shifted)
    elif t.deadline.strip():
        d = parse_deadline(t.deadline, ref)
        doubts += d.problems + d.uncertain
    return list(dict.fromkeys(doubts))


def _shifted(t) -> str:
    """A row whose cells slid one column (a table printed one cell a line, an empty cell lost): a
    unit name where the deadline belongs and a time where the task belongs. Said as such, since
    「无法识别完成时限」 alone would send the clerk to fix the wrong thing."""
    if not (t.deadline.strip() and looks_like_unit(t.deadline.strip()) and not DATEISH_RE.search(t.deadline)):
        return ""
    content = t.content.strip()
    if content and not (len(content) <= 15 and DATEISH_RE.search(content)):
        return ""
    return (f"这一行的单元格像是错了位（「完成时限」里是单位名「{t.deadline.strip()}」"
            + (f"，「具体举措」里是时间「{content}」" if content else "，「具体举措」是空的")
            + "），请对照原文逐格核对这一行")


def proposed_units(res: PlanImport) -> list[list[str]]:
    """单位名录 rows: every named unit once (groups are not units); spellings that expand to the
    same long form become aliases; near-identical names are pointed out for the clerk."""
    seen: dict[str, list[str]] = {}
    for t in res.tasks:
        for name in t.lead + t.responsible + t.cooperating:
            is_group, _rel = classify_group(name)
            if is_group:
                continue
            key = expand(norm(name))
            seen.setdefault(key, [])
            if name not in seen[key]:
                seen[key].append(name)
    rows = []
    names = [v[0] for v in seen.values()]
    for key, spellings in seen.items():
        name = spellings[0]
        close = [n for n in difflib.get_close_matches(name, names, n=3, cutoff=0.8) if n != name]
        note = "导入时根据方案生成，请核对" + (f"；与「{'」「'.join(close)}」相近，可能是同一单位" if close else "")
        rows.append([name, "、".join(spellings[1:]), infer_kind(name), "", "", "", "", note])
    return rows


def review_rows(res: PlanImport) -> list[list[str]]:
    """导入核对: what the clerk should check, with where it is: every 待核实 note of the list again (「序号N：…」,
    in the list's order), then the places about no one task."""
    return task_note_rows(res) + other_review_rows(res)


def task_note_rows(res: PlanImport) -> list[list[str]]:
    """The list's 待核实 notes as 导入核对 rows, one a note: a front end without the 待核实 column (the 督办台账)
    shows them all here, and the command line's workbook lists them in the plan's order beside the rest."""
    ref = res.meta.date
    rows = []
    for t in res.tasks:
        rows += [[t.source, t.content[:80], f"序号{t.seq}：{why}"] for why in task_notes(t, ref)]
        rows += [[source, content[:80], f"序号{t.seq}：{source}是这一项任务的续行（「任务清单」里它下面没有序号的一行），"
                                        "请核对是否属于这一项"] for content, _d, source in t.continuation]
    return rows


def other_review_rows(res: PlanImport) -> list[list[str]]:
    """The 导入核对 rows about no one task: text not imported, near names, groups to complete, the 汇总单位."""
    rows = [[where, text, why] for where, text, why in res.review]
    units = proposed_units(res)
    rows += [["单位名录", r[0], r[7].split("；", 1)[1]] for r in units if "可能是同一单位" in r[7]]
    rows += group_rows(res, units)
    rows += [["", "", n] for n in res.document.notes]
    office, sentence = consolidating_office(res.document.text())
    rows.append(["设置!B7", sentence, f"汇总单位「{office}」是按方案这句话推定的，请核对（文书的发文机关标志、署名和印发机关用它）"]
                if office else ["设置!B7", "", "方案中没有找到汇总单位，请在「设置」填写（文书的发文机关标志、署名和印发机关用它）"])
    return rows


def group_rows(res: PlanImport, units: list[list[str]]) -> list[list[str]]:
    """各镇街, 各县(市、区)政府: a group is expanded from the 单位名录 by kind, and the proposed
    名录 holds only the units the plan happens to name, so the clerk must complete it."""
    rows, seen = [], set()
    for t in res.tasks:
        for name in t.lead + t.responsible + t.cooperating:
            is_group, relative = classify_group(name)
            if not is_group or relative or name in seen:
                continue
            seen.add(name)
            kinds, _ = group_kinds(name)
            if is_local(name):
                # 属地区政府: wherever the work is, one unit or several; the 名录 says which (Directory._local)
                rows.append(["单位名录", name, f"「{name}」（序号{t.seq}等任务）指任务所在地的单位，不是一个单位：所在地只有一个单位时，"
                                              f"在名录里给这个单位（没有就添一行）的「简称/别名」写上「{name}」；有几个时，给它们的"
                                              f"「分组」都写上「{name}」；补全后再下发"])
                continue
            if kinds is None:
                # 区安委会成员单位 / 联席会议各成员单位: members, not a kind of office: the 名录's 分组 column says who
                rows.append(["单位名录", name, f"「{name}」（序号{t.seq}等任务）按单位名录「分组」一列展开：请在名录里给它的"
                                              f"每个成员单位的「分组」填上「{name}」，补全后再下发"])
                continue
            members = [r[0] for r in units if r[2] in kinds]
            have = f"名录里现有{len(members)}个（{'、'.join(members[:6])}{'等' if len(members) > 6 else ''}），" if members \
                else "名录里还没有这类单位，"
            rows.append(["单位名录", name, f"「{name}」（序号{t.seq}等任务）按单位名录中的单位类型展开；{have}"
                                          "只是方案正文提到的，请补全全部单位后再下发"])
    return rows


def read_through_rows(res: PlanImport) -> list[list[str]]:
    """原文对照: every paragraph and table row, the tasks it became (序号), and why it is none."""
    return [[x.where, x.text, "、".join(x.seqs), x.note] for x in read_through(res)]


@dataclass(frozen=True)
class Doubts:
    """「需要核对 N 处」, counted once here for the command line, the web page and the 督办台账 alike: the list's
    rows with a 待核实 note (``in_list``) and the 导入核对 rows about no one task (``other``); 导入核对 also
    repeats each 待核实 note (``repeated`` rows 「序号N：…」, not counted twice)."""
    in_list: int
    other: int
    repeated: int

    @property
    def total(self) -> int:
        return self.in_list + self.other

    def places(self) -> list[str]:
        """Where they are in the workbook the import writes (the command line's and the web page's download)."""
        if not self.total:
            return []
        again = (f"表中以「序号…：」开头的 {self.repeated} 行是「待核实」列里的说明，按原文顺序再列一遍，便于对照原文，不用重复核对"
                 if self.repeated else "")
        review = (f"「导入核对」表：另外 {self.other} 处" if self.other else "「导入核对」表：没有另外要核对的") + \
            (f"（{again}）" if again else "")
        if not self.in_list:
            return [f"「导入核对」表：{self.other} 处"]
        return [f"「任务清单」表：「待核实」列（黄色）写了说明的 {self.in_list} 项任务", review]


def doubts(res: PlanImport) -> Doubts:
    """The places to check of one import (see ``Doubts``)."""
    return Doubts(sum(1 for r in task_rows(res) if r[9]), len(other_review_rows(res)), len(task_note_rows(res)))


def doubt_count(res: PlanImport) -> int:
    """Places to check: list rows with something in 待核实, and the 导入核对 rows not about a task."""
    return doubts(res).total


def settings_rows(res: PlanImport) -> list[list]:
    m = res.meta
    where = m.where or {}
    return [["发文机关", m.issuer, "方案的发文机关（导入时从" + where.get("issuer", "文件") + "读取）" if m.issuer
             else "文件里没有找到发文机关，请按原件填写（文书的发文机关标志和署名用它）"],
            ["文件标题", m.title, where.get("title", "")],
            # the trial's 设置 left 文号 empty with nothing said: the documents print it, the clerk fills it in
            ["文号", m.number, "" if m.number else "文件里没有找到文号，有文号的请按原件填写（通报和督办通知引用方案时要用）"],
            ["成文日期", m.date, "用于「今年」「年底前」等相对写法；" + where.get("date", "没有找到，请填写")],
            ["方案名称", m.plan_name, where.get("plan_name", "" if m.plan_name else "没有找到方案名称，请填写（报送表和文书的标题都用它）")],
            ["汇总单位", consolidating_office(res.document.text())[0], "汇总报送、印发文书的单位，导入时从方案正文推定，请核对"]]


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell of this width takes: a CJK character about two width units, a digit, letter or
    half-width comma about one (a web page's 「[ 发文字号 ] 永川府办发〔2020〕82号」 is half that long)."""
    units = sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in text)
    return max(1, -(-int(units) // max(1, int(width * 1.05))))


def _wrap_rows(ws, widths, max_lines: int) -> None:
    """Wrapped text below the header, each row as high as its longest cell (up to ``max_lines``
    lines: spreadsheet programs do not all fit heights on opening); user text stays text."""
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    for row in ws.iter_rows(min_row=2):
        # a cell's own line breaks count (a Word table cell with one unit a line: the trial's sheet hid all but the first)
        lines = max(sum(_lines(part, widths[i]) for part in str(c.value or "").split("\n")) for i, c in enumerate(row))
        # 16 points a line and the cell's margins: at 15 a line LibreOffice cut the last line of a four-line paragraph
        ws.row_dimensions[row[0].row].height = 16 * max(1, min(lines, max_lines)) + 4
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                cell.data_type = "s"     # 「=…」 stays text, never a formula


def write_workbook(res: PlanImport, out) -> Path:
    out = Path(out)
    wb = Workbook()
    ws = wb.active
    ws.title = "任务清单"
    extras = extra_headers(res)
    ws.append(LIST_HEADERS + [_extra_title(h) for h in extras])
    for row in task_rows(res):
        ws.append(row)
    widths = WIDTHS + [EXTRA_WIDTH] * len(extras)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEAD
    _wrap_rows(ws, widths, 12)
    for row in ws.iter_rows(min_row=2):
        if row[9].value:
            row[9].fill = DOUBT
    ws.freeze_panes = "A2"
    print_landscape(ws)

    rv = wb.create_sheet(IMPORT_REVIEW_SHEET)
    rv.append(IMPORT_REVIEW_HEADERS)
    for row in review_rows(res):
        rv.append(row)
    _wrap_rows(rv, IMPORT_REVIEW_WIDTHS, 12)
    rv.freeze_panes = "A2"
    print_landscape(rv)

    rt = wb.create_sheet(READ_THROUGH_SHEET)
    rt.append(READ_THROUGH_HEADERS)
    for row in read_through_rows(res):
        rt.append(row)
    _wrap_rows(rt, READ_THROUGH_WIDTHS, 20)
    for row in rt.iter_rows(min_row=2):
        if str(row[3].value or "").startswith(("未导入", "部分未导入")):
            for cell in row:
                cell.fill = DOUBT
    rt.freeze_panes = "A2"
    rt.auto_filter.ref = f"A1:D{rt.max_row}"      # 说明 filtered to 未导入: the rows left to read
    print_landscape(rt)

    st = wb.create_sheet("设置")
    st.append(["项目", "值", "说明"])
    for row in settings_rows(res):
        st.append(row)
    st["B5"].number_format = 'yyyy"年"m"月"d"日"'
    # a jointly issued document's issuers and title run long: wrapped, rows high enough to show them
    _wrap_rows(st, (12, 56, 50), 6)
    # a date sits by its label, not right-aligned against the 说明 beside it
    st["B5"].alignment = Alignment(horizontal="left", wrap_text=True, vertical="top")
    print_landscape(st, None)

    ud = wb.create_sheet("单位名录")
    ud.append(["单位名称", "简称/别名", "类型", "分组", "联系人", "联系电话", "电子邮箱", "说明"])
    for row in proposed_units(res):
        ud.append(row)
    for c, w in zip("ABCDEFGH", (30, 24, 10, 10, 10, 14, 20, 40)):
        ud.column_dimensions[c].width = w
    print_landscape(ud)        # the trial printed it over three pages, a column group each
    for sheet in (ws, rv, rt, st, ud):
        # the trial's printout could not tell the 任务清单 pages from the 导入核对 ones: each page says its sheet
        sheet.oddHeader.center.text = "&A"
        sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    for sheet in (rv, rt, st, ud):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = HEAD
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out


def to_json(res: PlanImport) -> dict:
    m = res.meta
    return {"document": {"file": str(res.document.path), "kind": res.document.kind, "date": m.date.isoformat()
                         if m.date else None, "issuer": m.issuer, "number": m.number, "title": m.title,
                         "plan_name": m.plan_name},
            "layouts": res.layouts,
            # (each task's review the same notes as its 待核实 cell: its deadline's doubts too — trial 27 counted 8 and 9)
            "tasks": [{**t.to_dict(), "review": task_notes(t, m.date)} for t in res.tasks],
            # what the 导入核对 sheet lists besides each task's own doubts (those are in tasks[].review)
            "review": [{"where": w, "text": t, "why": y} for w, t, y in other_review_rows(res)],
            "units": [r[0] for r in proposed_units(res)],
            "read_through": [x.to_dict() for x in read_through(res)]}


def write_json(res: PlanImport, out) -> Path:
    out = Path(out)
    with atomic_path(out) as tmp:
        Path(tmp).write_text(json.dumps(to_json(res), ensure_ascii=False, indent=2), encoding="utf-8")
    return out
