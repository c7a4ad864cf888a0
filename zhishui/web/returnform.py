"""The web form a unit fills instead of the workbook: generated from the return's own
definition (returnsheet), and turned back into split's own workbook, which then goes the way of
an uploaded file."""
from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl

from .. import returnsheet as rs
from ..plans import identity_of
from ..split import write_return
from ..tasks import TaskList


def form_workbook(tl: TaskList, unit: str, period: dt.date, due: dt.date, values: dict, link: str | None,
                  issue=None) -> bytes:
    """``values``: ``<task key>:<field>`` for the fill columns, and the footer fields.  Every value
    is written as text or a number, never a formula.  ``issue``: the history's word (decisions.Issue), as on the
    issued sheet: the tasks closed out left out, the 办理意见 written."""
    roles = tl.units()[unit]
    closed = issue.closed if issue else frozenset()
    tasks = [t for t in tl.tasks if t.key in roles and t.key not in closed]
    # split's own workbook (XlsxWriter writes new files only), then filled in as Excel would
    with tempfile.TemporaryDirectory(prefix="zhishui-form-") as tmp:
        issued = Path(tmp) / "报送表.xlsx"
        write_return(issued, tl, unit, tasks, roles, period, due, dt.datetime.now().replace(microsecond=0),
                     identity_of(tl), link=link, notices=issue.notices_for(unit) if issue else None)
        wb = openpyxl.load_workbook(issued)
    ws = wb[rs.SHEET]
    col = {f: i + 1 for i, (f, _) in enumerate(rs.COLUMNS)}
    for i, t in enumerate(tasks):
        r = rs.FIRST_TASK_ROW + i
        for f in rs.FILL_FIELDS:
            v = (values.get(f"{t.key}:{f}") or "").strip()
            if not v:
                continue
            if f == "percent":
                try:
                    ws.cell(r, col[f], float(v.rstrip("%")) / 100)
                    continue
                except ValueError:
                    pass
            if f == "extend_to":
                try:
                    ws.cell(r, col[f], dt.date.fromisoformat(v)).number_format = "yyyy-mm-dd"     # the date picker's value
                    continue
                except ValueError:
                    pass
            _text(ws.cell(r, col[f]), v)
    footer = rs.FIRST_TASK_ROW + len(tasks) + 1
    for i, (f, _label) in enumerate(rs.FOOTER_FIELDS):
        v = (values.get(f) or "").strip()
        if not v:
            continue
        c = ws.cell(footer, 2 + i * 4)
        if f == "report_date":
            try:
                c.value = dt.date.fromisoformat(v)
                continue
            except ValueError:
                pass
        _text(c, v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text(cell, value: str) -> None:
    cell.value = value
    cell.data_type = "s"     # 「=HYPERLINK(…)」 a unit typed stays text
