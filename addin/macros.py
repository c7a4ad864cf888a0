"""The macros behind the ribbon's 运行 button: read the master workbook through xlwings,
call the same engine as the command line, write the results back into the workbook.

Only the part of the xlwings API that every client executes is used (read
values; write values, one range per table; clear contents; add sheets; one
fill colour; alerts), so the same code runs in desktop Excel, under xlwings
Server and in xlwings Lite, and the number of calls does not grow with the
number of tasks.  Traffic-light colours come from the master workbook's
conditional formatting, which Excel, WPS and LibreOffice all show.
Errors reach the clerk as an Excel alert in Chinese, never a traceback.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

from zhishui.addin.xlwings_light import xlwings as xw
from zhishui import master as m
from zhishui.checks import check_with_history, summary_counts
from zhishui.errors import ZhishuiError, log_internal_error
from zhishui.findings import ERROR, INFO, WARNING
from zhishui.returnsheet import period_cn
from zhishui.tables import (FINDING_HEADERS, LIST_STATUS_HEADERS, SUMMARY_HEADERS, UNIT_HEADERS, finding_rows,
                            list_status_columns, summary_rows, unit_rows)
from zhishui.tasks import TaskList, list_from_book, require_tasks
from zhishui.workbook_reader import Book, Grid

TITLE = "治水督办助手"
OUTCOME_COLORS = {"成功": "#B7EB8F", "完成（有错误）": "#FFE58F", "失败": "#FFA39E"}
CLEAR_ROWS = 5000     # tables are cleared down to here (or further, if they were longer)
DOC_KINDS = {"生成催报通知": ("chase",), "生成督办通知": ("supervise",), "生成进展通报": ("bulletin",),
             "一键生成": ("chase", "supervise", "bulletin")}


@dataclass
class Outcome:
    action: str
    outcome: str = "成功"
    counts: list[str] = field(default_factory=list)
    statuses: str = ""
    files: list[str] = field(default_factory=list)
    folder: str = ""
    # who has not reported, said before every other note (README: 「说明」先写未报送的单位): 一键生成's 校验清单 adds
    # its history notes before the month is run (trial 14: 未报送 came third, after two 「历史记录」 sentences)
    first: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # long background notices (the holiday calendar's), said after the notes the clerk acts on: the session-20 trial's
    # 说明 put ~300 characters of calendar before 「未报送：区金融办」
    later: list[str] = field(default_factory=list)
    timings: list[tuple[str, float]] = field(default_factory=list)   # (stage, seconds)

    def all_notes(self) -> list[str]:
        return self.first + self.notes + self.later

    @contextlib.contextmanager
    def timed(self, stage: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.timings.append((stage, time.perf_counter() - t))

    def time_line(self, started: float) -> str:
        """How long the click took, said in 控制台 at the end (xlwings' clients show nothing while
        Python runs: they apply what it wrote once it is done)."""
        parts = "，".join(f"{k} {v:.1f} 秒" for k, v in self.timings)
        return f"用时 {time.perf_counter() - started:.1f} 秒" + (f"（{parts}）" if parts else "")


def main() -> None:
    """Entry point of the ribbon button (see zhishui.main): a fresh Python per click, timed from
    the moment it imported zhishui."""
    import zhishui
    run(xw.Book.caller(), started=zhishui.STARTED)


def run(book, today: dt.date | None = None, started: float | None = None) -> Outcome | None:
    """Run the action chosen on 控制台; report success or the problem in the workbook and an alert."""
    started = time.perf_counter() if started is None else started
    action = ""
    try:
        ctl = _control(book)
        action = ctl.action
        result = _dispatch(book, ctl, today or dt.date.today())
        result.counts.append(result.time_line(started))
        _write_result(book, result)
        return result
    except ZhishuiError as e:
        _fail(book, action, e.message)
    except Exception:  # noqa: BLE001 - the clerk must never see a Python traceback
        log = log_internal_error("zhishui-addin-error.log")
        _fail(book, action, f"程序内部出错，操作未完成。详细信息已写入 {log}，请把该文件发给维护人员。")
    return None


# --- reading the workbook -----------------------------------------------------------

def _sheet_names(book) -> list[str]:
    return [s.name for s in book.sheets]


def _grid(book, name: str) -> Grid | None:
    """A sheet's values as a grid anchored at A1 (merged cells read as Excel gives them:
    the value in the first cell, the rest empty; the engine carries categories down)."""
    if name not in _sheet_names(book):
        return None
    used = book.sheets[name].used_range
    vals = used.options(ndim=2).value or []
    pad_rows, pad_cols = used.row - 1, used.column - 1
    rows = [[""] * pad_cols + ["" if v is None else v for v in row] for row in vals]
    return Grid(name, [[] for _ in range(pad_rows)] + rows)


def _base(book) -> Path | None:
    full = getattr(book, "fullname", "") or ""
    p = Path(full)
    return p.parent if p.is_absolute() else None


def _control(book) -> m.Control:
    if m.CONTROL not in _sheet_names(book):
        raise ZhishuiError("当前工作簿没有「控制台」工作表，不是督办台账",
                           hint="请打开督办台账工作簿（workbook_templates/督办台账.xlsx）后再点「运行」")
    rows = [r for _, _, r, _ in m.INPUTS]
    vals = book.sheets[m.CONTROL].range(f"B{min(rows)}:B{max(rows)}").options(ndim=1).value
    values = {k: vals[r - min(rows)] for k, _, r, _ in m.INPUTS}
    return m.read_control(values, _base(book))


def _task_list(book) -> TaskList:
    grids = [g for g in (_grid(book, n) for n in (m.LIST_SHEET, "单位名录", "设置")) if g is not None]
    if not grids or grids[0].name != m.LIST_SHEET:
        raise ZhishuiError("工作簿没有「任务清单」工作表", hint="请把责任清单放在名为「任务清单」的工作表中")
    src = Book(Path(getattr(book, "fullname", "") or book.name), "excel", grids)
    return require_tasks(list_from_book(src, sheet=m.LIST_SHEET))


def _receipt_log(book) -> list[Book]:
    """A 收件记录 sheet the clerk keeps in the 督办台账 (文件、单位、收到时间): received times, and the
    unit of a file nothing else identifies (README 「人工指定」)."""
    grid = _grid(book, m.RECEIPTS_SHEET)
    return [Book(Path(getattr(book, "fullname", "") or book.name), "excel", [grid])] if grid is not None else []


def _must_exist(path: Path, key: str, what: str) -> None:
    """A path typed in 控制台 that is not there: said as the 控制台 cell holding it, not as a file with a sheet in
    it (the trial-12 alert read 「文件「D:\\督办\\收回\\12月」工作表「控制台」…」)."""
    if not path.exists():
        raise ZhishuiError(f"填的{what}「{path}」不存在", sheet=m.CONTROL, cell=f"B{m.INPUT_ROW[key]}",
                           hint="请填这台电脑上能打开的完整路径（在资源管理器里打开它，从地址栏复制）")


def _output(ctl: m.Control, book) -> Path:
    out = ctl.output or ((_base(book) or Path.cwd()) / "输出")
    return out


def _history(ctl: m.Control, book) -> Path | None:
    """A saved 督办台账's history is found by its plan (beside it, or wherever it was before it
    was renamed or moved); an unsaved one keeps it in the output folder."""
    return None if _base(book) else _output(ctl, book) / "督办档案"


# --- the actions ----------------------------------------------------------------------------

def _dispatch(book, ctl: m.Control, today: dt.date) -> Outcome:
    out = Outcome(ctl.action)
    if ctl.action == "导入方案":
        return _import_plan(book, ctl, out)
    if ctl.action == "水质研判":          # needs the 断面 sheet, not the task list
        return _water(book, ctl, out)
    tl = _task_list(book)
    if ctl.action == "办理销号延期":
        return _decide(book, tl, ctl, today, out)
    if ctl.action in ("校验清单", "一键生成"):
        _check(book, tl, ctl, ctl.report_date or today, out)
    if ctl.action == "生成报送表":
        ctl.need("period")
        from zhishui.split import issue_period, report_due
        folder = _output(ctl, book) / f"{period_cn(ctl.period)}报送表"
        with out.timed("生成报送表"):
            # the command line's split: tasks closed out are left out, 办理意见 from the history
            issued = issue_period(tl, ctl.period, folder, due=ctl.due, history_dir=_history(ctl, book))
        out.counts.append(f"生成报送表 {len(issued.files)} 份（报送截止 {report_due(ctl.period, tl.settings, ctl.due):%Y-%m-%d}）"
                          + (f"，{issued.closed_note}" if issued.closed else ""))
        out.notes.extend(issued.found_at)
        if issued.plan_date_note:
            out.notes.append(issued.plan_date_note)
        if issued.due_rest:
            out.notes.append(issued.due_note("在控制台填「报送截止日期」"))
        out.files = [f.path.name for f in issued.files]
        out.folder = str(folder)
        _unknown_units(tl, out)
    if ctl.action in ("汇总报送", "一键生成") or ctl.action in DOC_KINDS:
        res = _collect(book, tl, ctl, today, out, write_tables=ctl.action in ("汇总报送", "一键生成"))
        if ctl.action in DOC_KINDS:
            from zhishui.generators.month_documents import make_documents
            with out.timed("生成文书"):
                made = make_documents(res, _output(ctl, book) / "文书", DOC_KINDS[ctl.action])
            for kind, paths in made.files.items():
                out.files.extend(p.name for p in paths)
            out.counts.extend(made.lines()[:3])
            out.notes.extend(made.notes)
            out.folder = str(_output(ctl, book) / "文书")
    return out


def _decide(book, tl: TaskList, ctl: m.Control, today: dt.date, out: Outcome) -> Outcome:
    """办理销号延期: each row of the 销号延期 sheet not yet done, recorded in the history; what happened
    is written in the row's 结果 (one write)."""
    from zhishui.archives import locate
    from zhishui.decisions import SHEET_HEADERS, apply_rows
    from zhishui.settings import parse_date
    grid = _grid(book, m.DECISIONS_SHEET)
    if grid is None or grid.nrows < 2:
        _ensure_sheet(book, m.DECISIONS_SHEET, SHEET_HEADERS)
        raise ZhishuiError(f"「{m.DECISIONS_SHEET}」表里没有要办理的决定",
                           hint="每行写一个决定：" + "、".join(SHEET_HEADERS[:-1]) + "；已添加这张表")
    heads = [grid.text(0, c).strip() for c in range(grid.ncols)]
    col = {h: heads.index(h) for h in SHEET_HEADERS if h in heads}
    missing = [h for h in SHEET_HEADERS[:3] + ["结果"] if h not in col]
    if missing:
        raise ZhishuiError(f"「{m.DECISIONS_SHEET}」表第1行缺少列：{'、'.join(missing)}", sheet=m.DECISIONS_SHEET,
                           cell="A1", hint="第1行依次写：" + "、".join(SHEET_HEADERS))
    raw = ("报送期", "延期至")        # dates as Excel sends them; the rest as the text the clerk sees (7, not 7.0)
    rows = [dict({h: grid.raw(r, c) if h in raw else grid.text(r, c) for h, c in col.items()}, row=r + 1)
            for r in range(1, grid.nrows)]
    place = locate(tl, _history(ctl, book))
    if place.stored is None:
        raise ZhishuiError("这份台账还没有历史记录（还没有汇总过）", hint="请先「汇总报送」，销号和延期针对汇总过的报送期")
    h = place.open(tl)
    try:
        with out.timed("办理销号延期"):
            # decided on the day of the click (README: 日期默认今天), not on 控制台's 报告日期 of the month decided
            done = apply_rows(h, tl, rows, on=today, parse_period=m.parse_period, parse_date=parse_date)
    finally:
        h.close()
    if done:
        result = col["结果"]
        values = [[done.get(r, grid.raw(r - 1, result))] for r in range(2, max(done) + 1)]
        book.sheets[m.DECISIONS_SHEET].range((2, result + 1)).value = _rows_safe(values)
    failed = [r for r, t in done.items() if t.startswith("未办理")]
    out.counts.append(f"办理 {len(done) - len(failed)} 条" + (f"，未办理 {len(failed)} 条（原因见「结果」列）" if failed else "")
                      + (f"；办理日期 {today:%Y-%m-%d}" if len(done) > len(failed) else ""))
    if failed:
        out.outcome = "完成（有错误）"
        out.notes.append(f"「{m.DECISIONS_SHEET}」第{'、'.join(str(r) for r in failed)}行未办理，原因见该行「结果」列")
    if not done:
        out.notes.append(f"「{m.DECISIONS_SHEET}」表里没有新的决定（「办理」空着或「结果」已有内容的行不再办理）")
    return out


def _import_plan(book, ctl: m.Control, out: Outcome) -> Outcome:
    """Fill 任务清单 (below its header row) from a plan file: one clear, one write."""
    from zhishui.plan import import_plan
    from zhishui.plan.leftovers import leftover_note
    from zhishui.plan.readthrough import read_through, read_through_note
    from zhishui.plan.writer import (doubts, proposed_units, read_through_rows, review_rows, settings_rows,
                                     task_rows)
    ctl.need("source")
    res = import_plan(ctl.source)
    if not res.tasks:
        raise ZhishuiError("方案中没有找到可识别的任务，任务清单未改动", file=ctl.source,
                           hint="请确认这是工作方案/实施方案；扫描件请先转成文字")
    header = _grid(book, m.LIST_SHEET)
    first = next((r + 2 for r in range(header.nrows) if header.text(r, 0).strip() == "序号"), 2) if header else 2
    # the master's list columns: 序号 重点任务 具体举措 完成时限 牵头单位 责任单位 责任人 配合单位
    rows = [[r[0], r[1], r[2], r[3], r[4], r[5], r[7], r[6]] for r in task_rows(res)]
    _write_table(book, m.LIST_SHEET, [], rows, first_row=first, width=8)
    # every doubt and every piece of text not imported gets its line, as in the command's workbook: the
    # list's 待核实 notes too (「序号N：…」 rows), since the master's 任务清单 has no 待核实 column
    review = review_rows(res)
    # the master's 任务清单 has no room for a plan table's extra columns (its status columns follow):
    # their text goes to the review, task by task, so none of it is lost
    review += [[t.source, f"{h}：{v}", f"序号{t.seq}：「{h}」列的内容，督办台账的任务清单没有这一列，记在这里"]
               for t in res.tasks for h, v in t.extras.items() if v]
    _write_table(book, IMPORT_REVIEW_SHEET, m.IMPORT_REVIEW_HEADERS, review)
    if review:      # long notes in wrapped cells: rows as high as their text (one action)
        book.sheets[IMPORT_REVIEW_SHEET].range((2, 1), (len(review) + 1, len(m.IMPORT_REVIEW_HEADERS))).rows.autofit()
    lines = read_through_rows(res)
    _write_table(book, m.READ_THROUGH_SHEET, m.READ_THROUGH_HEADERS, lines)
    if lines:
        book.sheets[m.READ_THROUGH_SHEET].range((2, 1), (len(lines) + 1, len(m.READ_THROUGH_HEADERS))).rows.autofit()
    filled = _fill_settings(book, settings_rows(res))
    units = _fill_directory(book, proposed_units(res))
    meta = res.meta
    out.counts.append(f"导入 {len(res.tasks)} 项任务（{'、'.join(res.layouts)}）")
    out.notes.append(f"文号：{meta.number or '未找到'}；成文日期：{meta.date or '未找到'}；"
                     + (f"已填入「设置」的{'、'.join(filled)}（原来填了的不改）" if filled else "「设置」里原来填了的不改"))
    if units:
        out.notes.append(f"「单位名录」原来是空的，按方案里的单位填了{units}个，请核对并补全分组和联系人")
    d = doubts(res)       # the count the command line and the web page give for the same import
    if d.total:
        # all of them on the 导入核对 sheet (说明 is overwritten by the next run); the first few said here too
        parts = [f"{d.in_list} 项任务的说明（表的前 {d.repeated} 行，以「序号…：」开头；督办台账的「任务清单」没有「待核实」列）"]\
            if d.in_list else []
        if d.other:
            parts.append(f"另外 {d.other} 处" if parts else f"{d.other} 处")
        first = [r[2] for r in review[:d.repeated]]
        out.notes.append(f"需要核对 {d.total} 处，都在「{IMPORT_REVIEW_SHEET}」表里：" + "，".join(parts)
                         + ("；其中" + "；".join(first[:5]) + ("等" if len(first) > 5 else "") if first else ""))
    left = leftover_note(res.review)
    if left:
        out.notes.append(left)
    unread = read_through_note(read_through(res))
    if unread:
        out.notes.append(unread)
    # nothing is generated: the plan read goes to 说明, not to 生成的文件
    out.notes.insert(0, f"方案文件：{Path(ctl.source).name}")
    return out


IMPORT_REVIEW_SHEET = m.IMPORT_REVIEW_SHEET


def _fill_settings(book, rows: list[list]) -> list[str]:
    """The plan's date, issuer, 文号, title, name and 汇总单位 into the 设置 sheet's empty 值 cells
    (a value the clerk typed is never replaced): only those cells are written, nothing around them
    (a formula the clerk keeps there stays a formula). Items filled, by name."""
    grid = _grid(book, "设置")
    if grid is None:
        return []
    want = {r[0]: r[1] for r in rows if r[1]}
    filled = []
    for i in range(1, grid.nrows):
        item = grid.text(i, 0).strip()
        if item in want and not grid.text(i, 1).strip():
            book.sheets["设置"].range((i + 1, 2)).value = _text_safe(want.pop(item))
            filled.append(item)
    return filled


def _fill_directory(book, rows: list[list]) -> int:
    """The units the plan names into an empty 单位名录 (one write); a directory the clerk keeps is left alone."""
    grid = _grid(book, "单位名录")
    if grid is None or not rows or any(grid.text(r, 0).strip() for r in range(1, grid.nrows)):
        return 0
    _write_table(book, "单位名录", [], [r[:7] for r in rows], width=7)
    return len(rows)


def _water(book, ctl: m.Control, out: Outcome) -> Outcome:
    """水质研判: the 断面 sheet and the monitoring files -> status beside each section, the
    水质预警 sheet, the result workbook and the water documents in the output folder."""
    from zhishui.generators.water_documents import make_water_documents
    from zhishui.water import output as wo
    from zhishui.water import run as judge_files
    from zhishui.water.judge import RUN_DAYS
    from zhishui.water.sections import sections_from_book
    ctl.need("period", "source")
    _must_exist(ctl.source, "source", "水质监测数据文件或文件夹")
    from zhishui.status import month_end
    if ctl.report_date and not ctl.period <= ctl.report_date <= month_end(ctl.period):
        raise ZhishuiError(f"报告日期 {ctl.report_date.isoformat()} 不在报送期 {ctl.period:%Y-%m} 内", sheet=m.CONTROL,
                           cell=f"B{m.INPUT_ROW['report_date']}", hint="水质研判的报告日期就是预警日期，请填写报送期内的一天")
    grids = [g for g in (_grid(book, n) for n in (m.SECTIONS_SHEET, "设置")) if g is not None]
    if not grids or grids[0].name != m.SECTIONS_SHEET:
        raise ZhishuiError("工作簿没有「断面」工作表", hint="请在督办台账的「断面」表填写断面名称、水质目标和责任乡镇、部门")
    secs = sections_from_book(Book(Path(getattr(book, "fullname", "") or book.name), "excel", grids))
    res = judge_files([ctl.source], secs, ctl.period, ctl.report_date)
    _write_section_status(book, secs, wo.section_status(res))
    _write_table(book, m.WATER_SHEET, wo.ALERT_HEADERS, [[_excel_date(v) for v in row] for row in wo.alert_rows(res)])
    output = _output(ctl, book)
    target = output / f"{period_cn(ctl.period)}水质研判结果.xlsx"
    wo.write_result(res, target)
    wo.write_json(res, target.with_suffix(".json"))
    made = make_water_documents(res, output / "水质文书", secs.settings)
    out.files = [target.name] + [p.name for paths in made.files.values() for p in paths]
    out.folder = str(output)
    lines = wo.summary_lines(res)
    out.counts = [line.rstrip("。") for line in lines[:2]]
    today = [r for r in res.results if (d := r.day(res.report_date)) is not None and d.exceeding]
    out.statuses = (f"{res.report_date.month}月{res.report_date.day}日超标断面 {len(today)} 个"
                    + ("：" + "、".join(r.section.name + ("（督办）" if r.run_on(res.report_date) >= RUN_DAYS else "（预警）")
                                       for r in today) if today else ""))
    if res.report_day_empty:        # no reading yet that day: not 「超标断面 0 个」
        from zhishui.water.judge import no_data_note
        out.statuses = no_data_note(res)
    errors = sum(1 for f in res.findings if f.severity == ERROR)
    if errors:
        out.outcome = "完成（有错误）"
        out.notes.append(f"监测数据或断面表有{errors}个错误，详见「{target.name}」的「问题清单」")
    out.notes.extend(made.notes)
    return out


def _excel_date(v):
    """Dates as the clients send and take them (a datetime at midnight)."""
    return dt.datetime.combine(v, dt.time()) if type(v) is dt.date else v


def _write_section_status(book, secs, status: dict) -> None:
    """Status columns beside each section's own row (one write, rows without a section left empty)."""
    sh = book.sheets[m.SECTIONS_SHEET]
    first = m.SECTION_STATUS_FIRST_COL
    from zhishui.water.output import SECTION_STATUS_HEADERS
    sh.range((1, first)).value = [SECTION_STATUS_HEADERS]
    last = max((s.row for s in secs.sections), default=1)
    used = sh.used_range.last_cell.row
    sh.range((2, first), (max(used, last, CLEAR_ROWS // 5), first + 3)).clear_contents()
    by_row = {s.row: status[s.name] for s in secs.sections}
    sh.range((2, first)).value = _rows_safe([by_row.get(r, [None] * 4) for r in range(2, last + 1)])


def _check(book, tl: TaskList, ctl: m.Control, on: dt.date, out: Outcome) -> None:
    checked = check_with_history(tl, on, _history(ctl, book))     # the command line's check, 销号 and 延期 included
    findings = checked.findings
    out.notes.extend(checked.notes)
    c = summary_counts(findings)
    _write_table(book, m.CHECK_SHEET, FINDING_HEADERS, finding_rows(findings))
    out.counts.append(f"校验：{len(tl.tasks)}项任务，错误 {c[ERROR]}，警告 {c[WARNING]}，提示 {c[INFO]}")
    if c[ERROR]:
        out.outcome = "完成（有错误）"
        out.notes.append(f"清单有{c[ERROR]}个错误，详见「{m.CHECK_SHEET}」")


def _collect(book, tl: TaskList, ctl: m.Control, today: dt.date, out: Outcome, *, write_tables: bool):
    from zhishui.month import ADDIN_CHASE_ALL, run_month
    from zhishui.result_writer import write_json, write_result
    from zhishui.status import STATUSES
    from zhishui.runlock import list_lock
    ctl.need("period", "returns")
    _must_exist(ctl.returns, "returns", "报送表文件夹")
    on = ctl.report_date or today
    output = _output(ctl, book)
    history = _history(ctl, book)
    # one run per list at a time: a click here and a scheduled task or a colleague's run (see runlock)
    with list_lock(Path(book.fullname), history, "Excel加载项", out.notes):
        with out.timed("读取报送表并判定"):
            # choosing 生成催报通知 on a folder without returns chases every unit (the command line's --allow-empty)
            everyone = ctl.action == ADDIN_CHASE_ALL
            res = run_month(tl, [ctl.returns], ctl.period, on, due=ctl.due, history_folder=history,
                            receipts=_receipt_log(book), front="addin", allow_empty=everyone)
        if everyone and res.unit_counts["未报送"] == res.unit_counts["应报"]:
            out.notes.append(f"报送表文件夹「{ctl.returns}」里没有本期的报送表：全部{res.unit_counts['应报']}个单位按未报送催报")
        t = res.totals
        out.statuses = "，".join(f"{s} {t[s]}" for s in STATUSES) + f"；完成率 {t['完成率']:.1%}"
        # the command line's sentences: 空表 and 无法读取 apart from 未报送, 连续N个月 named (README 「报送情况和收到时间」)
        out.counts.append(f"{res.units_line}；异常 {len(res.anomalies)} 条")
        _unknown_units(tl, out)
        if write_tables:
            _write_table(book, m.SUMMARY_SHEET, SUMMARY_HEADERS, summary_rows(res.statuses, res.changes), autofit=True)
            _write_table(book, m.UNITS_SHEET, UNIT_HEADERS, unit_rows(res.units))
            _write_list_status(book, tl, res.statuses)
            target = output / f"{period_cn(ctl.period)}汇总结果.xlsx"
            with out.timed("写汇总结果"):
                write_result(res, target)
                write_json(res, target.with_suffix(".json"))
            out.files.append(target.name)
            out.folder = str(output)
    # who has not reported first: it is what the clerk chases next (the command line's sentence: 空表 and 无法读取
    # apart, 连续N个月 named); the calendar's long notice last
    if res.not_reported:
        out.first.append(res.not_reported_line)
    if res.plan_date_note:
        out.notes.append(res.plan_date_note)
    if res.unasked:
        out.notes.append(res.unasked_line)
    if res.list_change_line:
        out.notes.append(res.list_change_line)
    if res.regressions:
        out.notes.append(f"与上期比较：{len(res.regressions)}项任务有标记（见「汇总」的「与上期比较」列）")
    if res.history_note:
        out.notes.append(res.history_note)
    if res.calendar_note:
        out.later.append(res.calendar_note)
    if res.due_rest_note:
        out.notes.append(res.due_rest_note)
    return res


def _unknown_units(tl: TaskList, out: Outcome) -> None:
    """Names the directory lacks get no return and no letter: say so in the outcome."""
    names = "、".join(dict.fromkeys(ref.raw for t in tl.tasks for _, ref in t.unknown_refs()))
    if names:
        out.outcome = "完成（有错误）"
        out.notes.append(f"单位名录中没有{names}，未给它们下发报送表、不催报、不发文书；"
                         f"请改正清单或在单位名录中补充（单元格见「{m.CHECK_SHEET}」）")


# --- writing back ------------------------------------------------------------------------------

def _text_safe(v):
    """Text that starts like a formula stays text in Excel (user text is data)."""
    if isinstance(v, str) and v[:1] in ("=", "+", "@") and len(v) > 1:
        return "'" + v
    return v


def _rows_safe(rows):
    return [[_text_safe(v) for v in row] for row in rows]


def _ensure_sheet(book, name: str, headers: list[str]):
    if name not in _sheet_names(book):
        sh = book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
        sh.range("A1").value = [headers]
        return sh, 1
    sh = book.sheets[name]
    return sh, sh.used_range.last_cell.row


def _write_table(book, name: str, headers: list[str], rows: list[list], first_row: int = 2,
                 width: int | None = None, autofit: bool = False) -> None:
    """One clear and one write per table, however many rows."""
    sh, used_rows = _ensure_sheet(book, name, headers)
    n = width or len(headers)
    sh.range((first_row, 1), (max(CLEAR_ROWS, used_rows), n)).clear_contents()
    if rows:
        sh.range((first_row, 1)).value = _rows_safe(rows)
    if autofit:
        # rows as tall as their wrapped text (LibreOffice and WPS keep the height a file gives them), and rows a
        # longer table left behind back to one line
        last = max(first_row + len(rows) - 1, used_rows, first_row)
        sh.range((first_row, 1), (last, n)).rows.autofit()


def _write_list_status(book, tl: TaskList, statuses) -> None:
    sh = book.sheets[m.LIST_SHEET]
    first_col = m.LIST_STATUS_FIRST_COL
    header_row = tl.header_row
    last = max((ts.task.row for ts in statuses), default=header_row)
    last = max([last] + [p.row for ts in statuses for p in ts.task.parts])
    sh.range((header_row, first_col)).value = [LIST_STATUS_HEADERS]
    used = sh.used_range.last_cell.row
    sh.range((header_row + 1, first_col), (max(used, last, CLEAR_ROWS), first_col + 3)).clear_contents()
    sh.range((header_row + 1, first_col)).value = _rows_safe(list_status_columns(statuses, header_row + 1, last))


def _result_values(r: Outcome) -> list[list]:
    return [[dt.datetime.now().replace(microsecond=0)], [r.action], [r.outcome], ["；".join(r.counts)],
            [r.statuses], [f"{len(r.files)}个：" + "、".join(r.files[:20]) + ("等" if len(r.files) > 20 else "")
                           if r.files else ""],
            [r.folder], ["；".join(dict.fromkeys(r.all_notes()))]]    # (一键生成's check and collect may name one history)


def _write_result(book, r: Outcome) -> None:
    sh = book.sheets[m.CONTROL]
    first, last = m.RESULTS[0][2], m.RESULTS[-1][2]
    sh.range(f"B{first}").value = _rows_safe(_result_values(r))
    # the result cells wrap; their rows grow to show all of it (B15 and B19 were cut at the column's edge)
    sh.range(f"A{first}:C{last}").rows.autofit()
    sh.range(f"B{m.RESULT_ROW['outcome']}").color = OUTCOME_COLORS[r.outcome]
    if r.outcome != "成功":
        book.app.alert("；".join(r.all_notes()) or r.outcome, title=TITLE,
                       mode="critical" if r.outcome == "失败" else "info")


def _fail(book, action: str, message: str) -> None:
    try:
        if m.CONTROL in _sheet_names(book):
            _write_result(book, Outcome(action or "（未选择）", "失败", notes=[message]))
            return
    except Exception:  # noqa: BLE001 - still tell the clerk what went wrong
        pass
    book.app.alert(message, title=TITLE, mode="critical")


# xlwings Lite (and xlwings Server) call scripts with the book; the same run.
try:
    @xw.script
    def 治水督办_运行(book: xw.Book):   # noqa: N802 - the script's name is what the clerk sees
        run(book)
except Exception:  # noqa: BLE001 - older xlwings without scripts: the ribbon button still works
    pass
