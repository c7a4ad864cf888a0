"""The year's documents (`zhishui docs --year`): the annual summary (年度工作总结, seed 003's
"每年1月20日前" report), the yearly 考核 result as its Word annex, and the 考核 workbook.

They present zhishui.year.Year (the months as the history recorded them) and compute nothing
of their own beyond sums of those months.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

from zhishui.fileutil import atomic_path, xlsx_print_readably
from zhishui.month import state_word
from zhishui.sheettext import workbook_text
from zhishui.split import row_height
from zhishui.year import (LATE_MONTHS, LATE_MONTHS_KINDS, Year, closed_in, extensions_in, month_label, returned_in,
                          task_of)

from .month_documents import _common_settings, office_name, period_text
from .official import cn_date
from .render import TemplateRenderer, document_filename

DEFAULT_REQUIREMENTS = [
    "对尚未完成的任务，各责任单位要逐项制定计划、明确时限，列入下一年度重点督办事项。",
    "已完成的任务要及时报送佐证材料、申请销号；确需延期的，须在月度报送表中申请并说明理由。",
    "各单位要对照年度考核结果，查找报送和推进中的薄弱环节，确保按期完成方案确定的各项目标任务。",
]
STATUS_KEYS = {"已完成": "completed", "序时推进": "on_schedule", "进度滞后": "lagging", "临期": "due_soon",
               "逾期": "overdue", "长期坚持": "ongoing", "未报送": "not_reported"}


@dataclass
class MadeYear:
    files: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{Path(p).name}" for p in self.files] + self.notes


def _months(y: Year) -> list[dict]:
    out = []
    for p in y.periods:
        t = y.by_month[p]
        out.append({"period": dt.date(int(p[:4]), int(p[5:]), 1), "total": t["任务总数"],
                    **{v: t.get(k, 0) for k, v in STATUS_KEYS.items()}, "completion_rate": t["完成率"]})
    return out


def _fmt(x) -> str:
    return f"{round(x, 2):g}" if isinstance(x, (int, float)) else ""


def annual_context(y: Year, tl, on: dt.date, charts_dir) -> dict:
    by_seq = {t.seq: t for t in y.tasks}
    tasks_cn = {t.key: t for t in y.tasks if t.key}
    units = [{"rank": u.rank or "", "unit": u.unit, "score": f"{u.score:g}" if u.months else "未参加",
              "tasks": u.tasks, "done": u.done, "overdue": u.overdue, "months": len(u.months),
              "late_months": u.late_months} for u in y.units]
    closed = []
    for d in closed_in(y):
        t = task_of(y, d.tid) or tasks_cn.get(d.task) or by_seq.get(d.task)
        # an official document: Chinese dates, no login name (month_documents.closeout_note)
        closed.append({"seq": t.seq if t else d.task, "content": t.content if t else "", "period": period_text(d.period),
                       "by": cn_date(d.when) + (f"（{d.named_by}）" if d.named_by else "")})
    ext = []
    for d in extensions_in(y):
        t = task_of(y, d.tid) or tasks_cn.get(d.task) or by_seq.get(d.task)
        ext.append({"seq": t.seq if t else d.task, "content": t.content if t else "", "unit": tl.directory.current(d.unit),
                    "decision": d.decision, "original": cn_date(d.old_due),
                    "adjusted": cn_date(d.new_due) if d.new_due and d.approved else "—"})
    # (a Chinese month and the task's own words: trial 15's table printed 「2020-10 新增 64」 and an empty 说明)
    changes = [{"period": period_text(c.period), "kind": c.kind, "old": "、".join(c.old), "new": "、".join(c.new),
                "content": c.content, "detail": c.note} for c in y.changes]
    targets = [{"seq": t.seq, "indicator": t.target["indicator"], "target": t.target["target"],
                "value": f"{_fmt(t.target['value'])}{t.target['unit']}" if t.target["value"] is not None else "未报",
                "verdict": t.target["verdict"], "met": t.target["met"]} for t in y.targets()]
    by_key = {t.key: t for t in tl.tasks}

    def units_text(ty) -> str:
        """Many answering units (各县（市、区）政府…) as the list words them, not sixteen names a row."""
        task = by_key.get(ty.key)
        written = (task.raw.get("lead") or task.raw.get("responsible") or "").strip() if task else ""
        return written if len(ty.units) > 5 and written else "、".join(ty.units)
    open_tasks = [{"seq": t.seq, "content": t.content, "lead": units_text(t), "status": t.last}
                  for t in y.open_tasks()]
    months = _months(y)
    from . import charts
    charts_dir = Path(charts_dir)
    charts_dir.mkdir(parents=True, exist_ok=True)
    by_month_rows = [{"category": month_label(p), **{k: m[k] for k in STATUS_KEYS.values()}}
                     for p, m in zip(y.periods, months)]
    chart_files = {"months": charts.status_by_category(by_month_rows, charts_dir / "各月推进情况.png"),
                   "units": charts.units_ranked([{"unit": u.unit, "score": u.score, "rank": u.rank}
                                                 for u in y.units if u.months], charts_dir / "年度考核得分.png",
                                                 out_of_100=y.scheme.is_default)}
    st = tl.settings
    return {**_common_settings(tl, on), "year": y.year, "period": dt.date(y.year, 12, 1), "months": months,
            "by_category": y.by_category(), "by_unit": units, "targets": targets, "open_tasks": open_tasks,
            "kept_up_count": len(y.kept_up()),
            "closed": closed, "extensions": ext, "list_changes": changes, "requirements": DEFAULT_REQUIREMENTS,
            "returned": [t.seq if (t := task_of(y, d.tid) or tasks_cn.get(d.task) or by_seq.get(d.task)) else d.task
                         for d in returned_in(y)],
            "renamed": [{"old": o, "new": n, "since": period_text(p) if p else ""} for o, n, p in y.renamed],
            # the office's 代字 of its 通报 (永环〔2021〕　　号), the number left to fill in: the year's document is
            # numbered with the office's own series, which this tool does not keep (trial 22 printed 〔2021〕　　号)
            "doc_code": (tl.settings.bulletin_prefix or "").strip(),
            "charts": chart_files, "recipients": [x for x in (st.bulletin_recipients or "").split("、") if x]
            or ["各有关单位"], "attachments": [f"{y.year}年度考核结果"],
            "scheme": [{"item": i, "value": f"{v:g}", "what": w} for i, v, w in y.scheme.rows()]}


def assessment_context(y: Year, tl, on: dt.date) -> dict:
    units = []
    for u in y.units:
        if not u.months:
            continue
        units.append({"rank": u.rank, "unit": u.unit, "score": f"{u.score:g}", "months": len(u.months),
                      "worst": lowest_months(u.months)})
    return {**_common_settings(tl, on), "year": y.year, "period": dt.date(y.year, 12, 1), "units": units,
            "periods": y.periods,
            "scheme": [{"item": i, "value": f"{v:g}", "what": w} for i, v, w in y.scheme.rows()]}


def lowest_months(months: dict) -> str:
    """「8月、9月（0分）」: every month that ties for a unit's lowest score, not the first of them alone (the
    trial-15 区财政局 read 「8月（0分）」 though September was 0 too); 「各月相同（100分）」 when no month was lower."""
    low = min(v[0] for v in months.values())
    tied = sorted(p for p, v in months.items() if v[0] == low)
    if len(tied) == len(months) > 1:
        return f"各月相同（{low:g}分）"
    return "、".join(month_label(p) for p in tied) + f"（{low:g}分）"


def write_assessment_workbook(y: Year, target) -> Path:
    """年度考核: each unit's monthly scores, their mean and rank; the scheme; every month's detail."""
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_urls": False,
                                            "strings_to_numbers": False})
        wb.set_properties({"title": f"{y.year}年度考核结果", "creator": "治水督办助手",
                           "created": dt.datetime(y.year + 1, 1, 1)})
        head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "align": "center",
                              "valign": "vcenter", "font_name": "宋体", "font_size": 10})
        cell = wb.add_format({"border": 1, "font_name": "宋体", "font_size": 10, "valign": "top", "text_wrap": True})
        title = wb.add_format({"bold": True, "font_size": 14, "font_name": "宋体"})
        months = [month_label(p) for p in y.periods]
        # every sheet prints as a leader reads it (fileutil.xlsx_print_readably): landscape, its header on every
        # page, 序号 and the task (or 名次 and the unit) beside every column group (trial 15: only 年度考核 had a page
        # set-up; 逐月状态 printed its months on pages of their own, its tasks cut to one line)
        ws = wb.add_worksheet("年度考核")
        heading = workbook_text(f"{y.plan_name or ''}{y.year}年度考核结果（年度得分为各月得分的平均）")
        ws.write(0, 0, heading, title)
        headers = ["名次", "单位", "年度得分", "考核月数"] + months + ["负责任务数", "年底已完成", "年底逾期", LATE_MONTHS]
        ws.write_row(2, 0, headers, head)
        widths = [6, 30, 9, 8] + [7] * len(months) + [9, 9, 8, 10]
        for i, w in enumerate(widths):
            ws.set_column(i, i, w)
        ws.set_row(2, row_height([(h, widths[i]) for i, h in enumerate(headers)]))
        r = 3
        for u in y.units:
            row = [u.rank or "", u.unit, u.score if u.months else "", len(u.months)]
            row += [u.months[p][0] if p in u.months else "" for p in y.periods]
            row += [u.tasks, u.done, u.overdue, u.late_months]
            for c, v in enumerate(row):
                ws.write(r, c, workbook_text(v) if isinstance(v, str) else v, cell)
            r += 1
        # what the last two columns count, under the table as the annual summary's Word table has it (a header long
        # enough to say it wrapped to five lines above 名次 and 单位)
        # (in 名次 and 单位, which every column group of the print repeats, so each page says it whole)
        note = f"{LATE_MONTHS}：本年{LATE_MONTHS_KINDS}的月数，说的是报送；年底逾期：年底仍逾期的任务数，说的是任务。"
        ws.merge_range(r + 1, 0, r + 1, 1, note, wb.add_format({"font_name": "宋体", "font_size": 10, "text_wrap": True,
                                                                 "valign": "top"}))
        ws.set_row(r + 1, row_height([(note, widths[0] + widths[1])]))
        ws.freeze_panes(3, 2)
        ws.autofilter(2, 0, max(r - 1, 3), len(headers) - 1)
        xlsx_print_readably(ws, widths, r + 1, header_rows=(2, 2), title_cols=2, title=heading)
        ws.activate()
        sc = wb.add_worksheet("考核办法")
        widths = [18, 8, 80]
        sc.write_row(0, 0, ["设置项", "分值", "说明"], head)
        r = 0
        for r, (item, value, what) in enumerate(y.scheme.rows(), 1):
            sc.write_row(r, 0, [item, value, what], cell)
            sc.set_row(r, row_height([(item, widths[0]), (what, widths[2])]))
        for i, w in enumerate(widths):
            sc.set_column(i, i, w)
        sc.freeze_panes(1, 0)
        xlsx_print_readably(sc, widths, r, title_cols=1)
        det = wb.add_worksheet("每月得分")
        widths = [9, 30, 8, 8, 10]
        det.write_row(0, 0, ["报送期", "单位", "得分", "当月名次", "报送情况"], head)
        r = 0
        for p in y.periods:
            for u in sorted((u for u in y.units if p in u.months), key=lambda u: u.months[p][1]):
                score, rank, state = u.months[p]
                r += 1
                det.write_row(r, 0, [p, u.unit, score, rank, state_word(state or "")], cell)
        for i, w in enumerate(widths):
            det.set_column(i, i, w)
        det.freeze_panes(1, 0)
        xlsx_print_readably(det, widths, r, title_cols=2)
        grid = wb.add_worksheet("逐月状态")
        widths = [12 if any(t.dropped for t in y.tasks) else 8, 50, 8, 8] + [8] * len(months)    # 「60（已删除）」
        grid.write_row(0, 0, ["序号", "任务内容", "年底状态", "销号"] + months, head)
        r = 0
        for r, t in enumerate(y.tasks, 1):
            content = workbook_text(t.content)
            grid.write_row(r, 0, [t.seq + ("（已删除）" if t.dropped else ""), content, t.last,
                                  t.closeout] + [t.months.get(p, "") for p in y.periods], cell)
            grid.set_row(r, row_height([(content, widths[1])]))     # the whole task, not its first line
        for i, w in enumerate(widths):
            grid.set_column(i, i, w)
        grid.freeze_panes(1, 2)
        xlsx_print_readably(grid, widths, r, title_cols=2)
        wb.close()
    return Path(target)


def make_year_documents(y: Year, tl, out_dir, on: dt.date) -> MadeYear:
    out_dir = Path(out_dir)
    made = MadeYear()
    ctx = annual_context(y, tl, on, out_dir / "图表")
    made.files.append(TemplateRenderer("annual").render(ctx, out_dir / document_filename("annual", ctx)))
    code = ctx["doc_code"]
    made.notes.append(f"年度工作总结的文号按「通报文号前缀」写作「{code}〔{on.year}〕　　号」，序号印发前手工填写" if code else
                      f"设置中没有填写「通报文号前缀」（发文机关代字），年度工作总结的文号留空，印发前手工填写：〔{on.year}〕　　号")
    actx = assessment_context(y, tl, on)
    made.files.append(TemplateRenderer("assessment").render(actx, out_dir / document_filename("assessment", actx)))
    made.files.append(write_assessment_workbook(y, out_dir / f"{y.year}年度考核结果.xlsx"))
    return made


__all__ = ["make_year_documents", "annual_context", "assessment_context", "write_assessment_workbook", "office_name"]
