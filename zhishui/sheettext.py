"""What a cell of a workbook (or a run of a Word document) can hold, applied where we write.

XML 1.0, which both are made of, has no place for most control characters (a vertical
tab pasted from another program, an _x0001_ escape read back from a shared string) nor
for lone surrogates; Excel holds at most 32,767 characters in a cell.  The text read is
kept verbatim (values, history); only what is written is made to fit, and the reading
side reports the cells concerned (CONTROL_CHARS, CELL_TEXT_TOO_LONG).
"""
from __future__ import annotations

import re

from .limits import MAX_CELL_TEXT

ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n"}   # vertical tab, form feed: line breaks in Word/Mac Excel
CUT_MARK = "…（已截断）"


def _replace(m: re.Match) -> str:
    return _LINE_BREAKS.get(m.group(0), "\ufffd")


def xml_text(s: str) -> str:
    """s with what XML cannot hold replaced (line-break controls by a line break, the rest by �)."""
    return ILLEGAL_CHARS.sub(_replace, s) if ILLEGAL_CHARS.search(s) else s


def workbook_text(s: str) -> str:
    """s as a workbook cell can hold it: XML-safe and at most MAX_CELL_TEXT characters."""
    s = xml_text(s)
    if len(s) > MAX_CELL_TEXT:
        s = s[:MAX_CELL_TEXT - len(CUT_MARK)] + CUT_MARK
    return s


def workbook_value(v):
    """A value for a cell: text made to fit, anything else as it is."""
    return workbook_text(v) if isinstance(v, str) else v
