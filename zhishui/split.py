"""Split: one return workbook (报送表) per unit that has tasks, holding only its tasks.

Reference columns are locked and grey; only the fill cells are editable; the
identity needed to read a return back is hidden in the file (see returnsheet).
Only features Excel and WPS both support: cell protection, list and decimal
validation, hidden columns, a very-hidden sheet, number formats.  XlsxWriter writes the
parts every return shares once a run, and each return only its own cells (xlsxparts: the same
XML, measured in `make bench`, README 「速度」; the faster Rust writer cannot unlock cells nor
hide columns).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import returnsheet as rs
from . import xlsxparts
from .fileutil import atomic_path, safe_filename, unique_path
from .plans import PlanIdentity, identity_of
from .sheettext import workbook_text
from .tasks import TaskList

GREY, HEAD, LINE = "#EDEDED", "#D9E1F2", "#808080"
WIDTHS = {"seq": 6, "category": 16, "content": 42, "deadline": 14, "role": 8, "notice": 18, "state": 11,
          "percent": 9, "progress": 40, "problems": 24, "next_steps": 24, "evidence": 22, "target": 12, "value": 10,
          "extend_to": 12, "extend_reason": 20, "key": 10}
EXTRA_WIDTH = 16
AUTHOR = "治水督办助手"
DATE_MIN = 36526   # 2000-01-01 as an Excel serial: the 填报日期 must be a real date


def report_due(period: dt.date, settings, override: dt.date | None = None) -> dt.date:
    """When returns for a period are due: --due, else day 报送截止日 (default 25) of the period's month."""
    if override:
        return override
    day = settings.report_day
    import calendar
    last = calendar.monthrange(period.year, period.month)[1]
    return period.replace(day=min(max(day, 1), last))


def row_height(cells: list[tuple[str, float]], line_pt: float = 15.0) -> float:
    """Row height that shows wrapped Chinese text: LibreOffice and WPS do not
    recompute heights of rows written without one."""
    import math
    lines = 1
    for text, width in cells:
        chars_per_line = max(1.0, width / 2.1)   # a CJK character is about two width units
        n = sum(max(1, math.ceil(len(part) / chars_per_line)) for part in str(text or "").split("\n"))
        lines = max(lines, n)
    return min(409.0, lines * line_pt + 4)


def open_units(tl: TaskList, closed=frozenset()) -> dict[str, dict[str, str]]:
    """unit -> {task key -> role} of the tasks still asked for: a task closed out (已销号) is not
    reported on again, and a unit whose tasks are all closed out gets no return."""
    out: dict[str, dict[str, str]] = {}
    for unit, roles in tl.units().items():
        left = {k: r for k, r in roles.items() if k not in closed}
        if left:
            out[unit] = left
    return out


@dataclass
class SplitFile:
    unit: str
    path: Path
    tasks: int
    known: bool          # the unit is in the directory

    def to_dict(self):
        return {"unit": self.unit, "file": str(self.path), "tasks": self.tasks, "in_directory": self.known}


@dataclass
class Issued:
    """A period's returns as split wrote them and what the history decided for them: every front says the same."""
    files: list[SplitFile]
    plan: PlanIdentity
    closed: int = 0            # tasks closed out (已销号), no longer asked for
    found_at: list[str] = field(default_factory=list)    # the history's line when found elsewhere than beside the list
    plan_date_note: str = ""     # the period ends before the plan's 成文日期 (status.before_plan_note)
    due_rest: str = ""           # the 报送截止日 falls on a day off (workdays.rest_day_text), "" on a working day

    def due_note(self, how: str) -> str:
        """The warning for a 报送截止日 on a day off, ``how`` being the front's own way to move it ("" if none)."""
        if not self.due_rest:
            return ""
        return (f"注意：报送截止日{self.due_rest}。各单位这一天以后报来的按逾期报送算；要顺延到工作日，请{how}，"
                f"重新下发报送表。")

    @property
    def closed_note(self) -> str:
        return f"已销号的{self.closed}项任务不再列出" if self.closed else ""


def issue_period(tl: TaskList, period: dt.date, out_dir, *, due: dt.date | None = None,
                 generated: dt.datetime | None = None, history_dir=None, use_history: bool = True, db=None,
                 progress=None, links: dict[str, str] | None = None) -> Issued:
    """split as the command line and the add-in run it: the list's history (found as collect finds it) names the
    plan, leaves out the tasks closed out and gives each return its 办理意见 (README 「销号」「延期」). One function,
    so that no front splits without the clerk's decisions (the trial-12 ledger's 生成报送表 still asked for a task
    closed out and had no 办理意见 for an extension, while split on the same file did; the browser desk's sheets
    too, ``links`` its units' own pages)."""
    from .archives import plan_and_issue
    said: list[str] = []
    plan, issue = plan_and_issue(tl, f"{period:%Y-%m}", history_dir, use_history=use_history, db=db, said=said)
    files = split_returns(tl, period, out_dir, due=due, generated=generated, plan=plan, progress=progress,
                          issue=issue, links=links)
    from .status import before_plan_note
    from .workdays import rest_day_text
    st = tl.settings
    rest = rest_day_text(report_due(period, st, due), st.holidays or [], st.workdays or [])
    return Issued(files, plan, len(issue.closed), said, before_plan_note(tl.tasks, tl.ref_date, period), rest)


def split_returns(tl: TaskList, period: dt.date, out_dir, *, due: dt.date | None = None,
                  generated: dt.datetime | None = None, plan: PlanIdentity | None = None,
                  links: dict[str, str] | None = None, progress=None, issue=None) -> list[SplitFile]:
    """``plan``: the plan the returns belong to (archives.plan_for); by default this list's own.
    ``links``: unit -> its own upload page (zhishui serve), written into its workbook.
    ``issue``: what the history says about the tasks (decisions.Issue: tasks closed out are not
    asked for again; the clerk's word on a task goes into its 办理意见).
    ``progress``, if given, is called with (done, total) after each file."""
    plan = plan or identity_of(tl)
    out_dir = Path(out_dir)
    due = report_due(period, tl.settings, due)
    # ``generated``: the issue date given (split --date), or none: never the clock, so that the same list and
    # options give the same bytes (README 「运行中途被强行结束也不丢东西」)
    closed = issue.closed if issue else frozenset()
    units = open_units(tl, closed)
    tasks_of: dict[str, list] = {u: [] for u in units}   # one pass over the tasks, not one per unit
    for t in tl.tasks:
        if t.key in closed:
            continue
        for u in t.unit_roles():
            tasks_of[u].append(t)
    order = {u.name: i for i, u in enumerate(tl.directory.units)}
    taken: set = set()
    issued = IssuedText()
    made = []
    chosen = sorted(units, key=lambda u: (order.get(u, 10 ** 6), u))
    for i, unit in enumerate(chosen, 1):
        stem = safe_filename(f"{rs.period_cn(period)}_{unit}_进展情况报送表")
        path = unique_path(out_dir, stem, ".xlsx", taken)
        with atomic_path(path, sweep=i == 1) as tmp:   # the first file sweeps the folder for all
            write_return(tmp, tl, unit, tasks_of[unit], units[unit], period, due, generated, plan,
                         link=(links or {}).get(unit), notices=issue.notices_for(unit) if issue else None, issued=issued)
        made.append(SplitFile(unit, path, len(tasks_of[unit]), tl.directory.get(unit) is not None))
        if progress:
            progress(i, len(chosen))
    return made


def _shown_as_target(head: str, tasks) -> bool:
    """The list's 目标值 column, which the sheet's own 目标值 column already shows read (trial 22: 「≥95%」 and again
    「参考：目标值 95%」); kept as 参考 when a task's figure there could not be read as a target."""
    from .targets import TARGET_HEADERS, target_of
    return head in TARGET_HEADERS and all(target_of(t) is not None for t in tasks if str(t.extras.get(head) or "").strip())


_BOX = {"border": 1, "border_color": LINE}
_WRAP = {"text_wrap": True, "valign": "top"}
FORMATS = {   # the cell formats of a return workbook, by name
    "title": {"bold": True, "font_size": 14, "align": "center", "valign": "vcenter", "text_wrap": True},
    "bold": {"bold": True},
    "note": _WRAP,
    "head": {"bold": True, "bg_color": HEAD, "align": "center", "valign": "vcenter", "text_wrap": True, **_BOX},
    "ref": {"bg_color": GREY, **_WRAP, **_BOX},             # locked: Excel's default
    "fill": {"locked": False, **_WRAP, **_BOX},
    "percent": {"locked": False, "num_format": "0%", **_WRAP, **_BOX},
    # where a unit types words: text (@), so that Excel, WPS and LibreOffice keep 「=已完成…」 as typed, not as a
    # formula that cannot be worked out (trial 23); (after percent: the order a row first uses them, as XlsxWriter
    # numbers its formats)
    "text": {"locked": False, "num_format": "@", **_WRAP, **_BOX},
    "date": {"locked": False, "num_format": "yyyy-mm-dd", **_WRAP, **_BOX},
    "footer": {"locked": False, "bottom": 1, "bottom_color": LINE},
    "footer_date": {"locked": False, "bottom": 1, "bottom_color": LINE, "num_format": "yyyy-mm-dd"},
}
FILL_FORMAT = {"percent": "percent", "extend_to": "date", "progress": "text", "problems": "text", "next_steps": "text",
               "evidence": "text", "extend_reason": "text"}
STATE_V, PERCENT_V, EXTEND_V, REPORT_DATE_V = range(4)   # the return sheet's validations, in order


def _return_sheet(frame: xlsxparts.Frame, wb, ws) -> None:
    """What every return sheet has alike: validations, panes, page, protection."""
    frame.validate(ws, STATE_V, {
        "validate": "list", "source": list(rs.STATES), "ignore_blank": True,
        "error_title": "完成状态", "error_message": "请从下拉列表中选择：" + "、".join(rs.STATES),
        "input_title": "完成状态", "input_message": "请从下拉列表中选择"})
    frame.validate(ws, PERCENT_V, {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1, "ignore_blank": True,
        "error_title": "完成比例", "error_message": "请填写0%到100%之间的比例，如80%"})
    frame.validate(ws, EXTEND_V, {
        "validate": "date", "criteria": ">", "value": DATE_MIN, "ignore_blank": True,
        "error_title": "申请延期至", "error_message": "请填写申请延期到的日期，如2020-12-31",
        "input_title": "申请延期至", "input_message": "确需延期时填写新的完成日期，并在「延期理由」中说明"})
    frame.validate(ws, REPORT_DATE_V, {
        "validate": "date", "criteria": ">", "value": DATE_MIN, "ignore_blank": True,
        "error_title": "填报日期", "error_message": "请填写日期，如2020-11-20"})
    ws.freeze_panes(rs.FIRST_TASK_ROW - 1, 0)
    ws.repeat_rows(rs.HEADER_ROW - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect(rs.PASSWORD, {"format_columns": True, "format_rows": True})   # resizing stays allowed
    ws.activate()


def _identity_sheet(frame, wb, ws) -> None:
    ws.very_hidden()
    ws.protect(rs.PASSWORD)


@functools.cache
def _frame() -> xlsxparts.Frame:
    """The parts all return workbooks share (styles, sheet settings, validations), made once."""
    return xlsxparts.Frame(FORMATS, {rs.SHEET: _return_sheet, rs.IDENTITY_SHEET: _identity_sheet}, AUTHOR)


class IssuedText:
    """What a task shows on every unit's form, made once per run: a task goes to several units."""

    def __init__(self):
        self._tasks: dict[str, tuple] = {}
        self._heights: dict[tuple, float] = {}

    def of(self, t) -> tuple[dict[str, str], str]:
        """(field -> cell text of the unit-independent reference fields, digest of the issued text)."""
        got = self._tasks.get(t.key)
        if got is None:
            from .targets import target_of
            measured = target_of(t)
            ref = {"seq": t.seq, "category": t.category, "content": t.full_content, "deadline": t.deadline_text,
                   "target": measured.label if measured else "", "key": t.key}
            got = self._tasks[t.key] = (
                {f: workbook_text(str(v or "")) for f, v in ref.items()},
                rs.reference_digest(t.seq, t.category, t.full_content, str(t.deadline_text or "")))
        return got

    def height(self, t, notice: str, extras: tuple) -> float:
        k = (t.key, notice, extras)
        h = self._heights.get(k)
        if h is None:
            h = self._heights[k] = row_height(
                [(t.full_content, WIDTHS["content"]), (t.category, WIDTHS["category"]),
                 (t.deadline_text, WIDTHS["deadline"]), (notice, WIDTHS["notice"])]
                + [(t.extras.get(x, ""), EXTRA_WIDTH) for x in extras])
        return h


def role_text(task, role: str) -> str:
    """本单位角色 as the form shows it: several 责任单位 with no 牵头单位 answer jointly (共同负责,
    the 督办通知's word); one of them alone leads."""
    if role == "lead" and task.lead_implied and len(task.answering_units()) > 1:
        return "共同负责"
    return rs.ROLE_CN[role]


def write_return(target, tl: TaskList, unit: str, tasks, roles: dict, period: dt.date, due: dt.date,
                 generated: dt.datetime | None, plan: PlanIdentity, link: str | None = None,
                 notices: dict[str, str] | None = None, issued: IssuedText | None = None) -> Path:
    """Write one unit's return workbook to ``target`` (a new file); ``notices``: task key -> the
    clerk's word on it for this unit (办理意见); ``issued``: the tasks' text, shared by a run's units."""
    notices = notices or {}
    issued = issued or IssuedText()
    book = xlsxparts.Book(_frame())
    ws, idn = book.sheets
    ncol = len(rs.COLUMNS)
    col = {f: i for i, (f, _) in enumerate(rs.COLUMNS)}          # 0-based
    last_visible = ncol - 1     # the title and notes span every column (the hidden 任务编号 too)
    title_r, info_r, note_r, head_r = rs.TITLE_ROW - 1, rs.INFO_ROW - 1, 2, rs.HEADER_ROW - 1

    ws.merge(title_r, 0, title_r, last_visible, workbook_text(rs.title_text(tl.settings.plan_name, period)), "title")
    ws.merge(info_r, 0, info_r, last_visible, rs.info_text(unit, period, due), "bold")
    ws.merge(note_r, 0, note_r, last_visible,
             "填表说明：灰色部分为下发内容，请勿修改；请在白色单元格中填写。「完成状态」请从下拉列表中选择（"
             + "；".join(f"{k}：{v}" for k, v in rs.STATE_HELP.items()) + "）；「完成比例」填0%—100%；"
             "选「已完成」的请在「佐证材料」中列明材料名称（材料文件可随本表一并报送，文件名写明序号）。"
             "有「目标值」的任务请在「本期数值」填写本期实际达到的数值（单位同目标值）。"
             "确需延期的，在「申请延期至」填写新的完成日期，并写明延期理由。"
             + (f"填好后可在本单位专用网页上传本表（也可在网页上直接填写）：{link}" if link else ""), "note")
    ws.height(note_r, 80 if link else 64)

    for f, header in rs.COLUMNS:
        ws.string(head_r, col[f], header, "head")
        ws.width(col[f], WIDTHS[f], hidden=f == "key")

    # columns of the list no role claims (工程目的, 投资估算 …): shown for reference,
    # grey and locked like the issued text, after the columns the unit fills
    # (each header judged once: _shown_as_target reads every task's target)
    extra_heads = tuple(h for h in dict.fromkeys(h for t in tasks for h in t.extras)
                        if h not in rs.CLERK_ONLY_EXTRAS and not _shown_as_target(h, tasks))
    extra_col = {h: ncol + i for i, h in enumerate(extra_heads)}
    for h, c in extra_col.items():
        ws.string(head_r, c, rs.EXTRA_PREFIX + h, "head")
        ws.width(c, EXTRA_WIDTH)

    first = rs.FIRST_TASK_ROW - 1
    fill = [(col[f], FILL_FORMAT.get(f, "fill")) for f in rs.FILL_FIELDS]
    ref_cols = [(f, col[f]) for f in rs.REFERENCE_FIELDS]
    digests = []
    for i, t in enumerate(tasks):
        r = first + i
        text, digest = issued.of(t)
        notice = str(notices.get(t.key, "") or "")
        own = {"role": role_text(t, roles[t.key]), "notice": workbook_text(notice)}
        # strings: user text is data, "=…" never becomes a formula
        ws.row(r, [(c, own[f] if f in own else text[f], "ref") for f, c in ref_cols]
               + [(c, workbook_text(str(t.extras.get(h, "") or "")), "ref") for h, c in extra_col.items()], fill)
        ws.height(r, issued.height(t, notice, extra_heads))
        digests.append(digest)
    last_task = first + len(tasks) - 1

    footer_r = first + len(tasks) + 1
    for i, (f, label) in enumerate(rs.FOOTER_FIELDS):
        ws.string(footer_r, i * 4, label + "：", "bold")
        ws.merge(footer_r, 1 + i * 4, footer_r, 2 + i * 4, None, "footer_date" if f == "report_date" else "footer")

    if tasks:
        for v, f in ((STATE_V, "state"), (PERCENT_V, "percent"), (EXTEND_V, "extend_to")):
            ws.validation_range(v, first, col[f], last_task, col[f])
        ws.validation_range(REPORT_DATE_V, footer_r, 9, footer_r, 9)

    rows = [["magic", rs.IDENTITY_MAGIC], ["unit", unit], ["period", rs.period_key(period)],
            ["fingerprint", tl.fingerprint], ["list", Path(tl.path).name], ["due", due.isoformat()],
            *([["generated", generated.isoformat()]] if generated else []),
            ["plan", plan.plan_id], ["plan_name", plan.name], [], ["task_key", "seq", "row", "digest", "role"]]
    rows += [[t.key, t.seq, first + 1 + i, digests[i], roles[t.key]] for i, t in enumerate(tasks)]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if isinstance(v, int):
                idn.number(r, c, v)
            else:
                idn.string(r, c, workbook_text(str(v)))

    book.save(target, f"{unit} {rs.period_cn(period)} 进展情况报送表", generated)
    return Path(target)
