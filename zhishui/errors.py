"""User-facing errors: what is wrong, where, and what to do, in Chinese.

Every problem the clerk can fix is raised as ``ZhishuiError``; the CLI and the
add-in turn it into a message (exit code 2 / an Excel alert), never a traceback.
"""
from __future__ import annotations

from pathlib import Path


def where(file=None, sheet=None, cell=None) -> str:
    """Chinese location text: 文件「a.xlsx」工作表「清单」单元格 B3."""
    parts = []
    if file:
        parts.append(f"文件「{Path(str(file)).name}」")
    if sheet:
        parts.append(f"工作表「{sheet}」")
    if cell:
        parts.append(f"单元格 {cell}")
    return "".join(parts)


class ZhishuiError(Exception):
    """A problem with the user's input, explained in Chinese."""

    def __init__(self, what: str, *, file=None, sheet=None, cell=None,
                 hint: str | None = None, code: str = "INPUT"):
        self.what = what
        self.file = str(file) if file else None
        self.sheet = sheet
        self.cell = cell
        self.hint = hint
        self.code = code
        super().__init__(self.message)

    def __reduce__(self):   # crosses the pipe from the reading child whole, not as args[0]
        return (_rebuild, (self.what, self.file, self.sheet, self.cell, self.hint, self.code))

    @property
    def message(self) -> str:
        loc = where(self.file, self.sheet, self.cell)
        text = f"{loc}：{self.what}" if loc else self.what
        if not text.endswith(("。", "！", "？")):
            text += "。"
        if self.hint:
            text += self.hint
            if not self.hint.endswith(("。", "！", "？")):
                text += "。"
        return text

    def to_dict(self) -> dict:
        return {"code": self.code, "file": self.file, "sheet": self.sheet,
                "cell": self.cell, "message": self.message}


def _rebuild(what, file, sheet, cell, hint, code):
    return ZhishuiError(what, file=file, sheet=sheet, cell=cell, hint=hint, code=code)


def log_internal_error(name: str = "zhishui-error.log"):
    """Write the current traceback to a log file in the temp folder (for the maintainer);
    the clerk is told where it is, never shown the traceback itself."""
    import tempfile
    import traceback
    log = Path(tempfile.gettempdir()) / name
    try:
        log.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        pass
    return log
