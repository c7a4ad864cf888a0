"""Water quality at the assessed sections (断面): monitoring data in, GB 3838-2002
classes, 超标 alerts and the 水质 documents out.

read sections (sections.py) -> read monitoring data (readings.py) -> judge
(judge.py, with the limits and class rules of standard.py) -> present
(output.py: result workbook and JSON; zhishui.generators.water_documents: Word).
"""
from __future__ import annotations

import datetime as dt

from ..errors import ZhishuiError


def check_report_date(period: dt.date, on: dt.date | None, hint: str = "请让报告日期落在报告期那个月里") -> None:
    """The report date (预警、日报 day) must fall in the report month: a date typed in another month or year
    would date the letters wrongly (the CLI's --date and the browser desk's 报告日期 alike)."""
    from ..status import month_end
    if on is not None and not period <= on <= month_end(period):
        raise ZhishuiError(f"日期 {on.isoformat()} 不在报告期 {period:%Y-%m} 内", code="BAD_DATE",
                           hint=hint)


def run(paths, sections, period: dt.date, report_date: dt.date | None = None):
    """Read the monitoring files for ``sections`` (a SectionList) and judge ``period``."""
    from .judge import judge
    from .readings import read_data
    return judge(read_data(paths, sections, period), period, report_date)
