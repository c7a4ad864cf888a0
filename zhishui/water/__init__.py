"""Water quality at the assessed sections (断面): monitoring data in, GB 3838-2002
classes, 超标 alerts and the 水质 documents out.

read sections (sections.py) -> read monitoring data (readings.py) -> judge
(judge.py, with the limits and class rules of standard.py) -> present
(output.py: result workbook and JSON; zhishui.generators.water_documents: Word).
"""
from __future__ import annotations

import datetime as dt


def run(paths, sections, period: dt.date, report_date: dt.date | None = None):
    """Read the monitoring files for ``sections`` (a SectionList) and judge ``period``."""
    from .judge import judge
    from .readings import read_data
    return judge(read_data(paths, sections, period), period, report_date)
