"""A finding: one thing wrong (or worth knowing) about the user's data, pointing at its cell."""
from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "错误", "警告", "提示"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass
class Finding:
    severity: str        # 错误 | 警告 | 提示
    code: str            # stable, e.g. UNKNOWN_UNIT
    message: str         # Chinese: what is wrong
    suggestion: str = ""  # Chinese: what to do
    task: str = ""       # the task's 序号 (or its key when it has none)
    field: str = ""      # Chinese column name, e.g. 牵头单位
    sheet: str = ""
    cell: str = ""
    file: str = ""

    def to_dict(self) -> dict:
        return {"severity": self.severity, "code": self.code, "task": self.task, "field": self.field,
                "sheet": self.sheet, "cell": self.cell, "message": self.message,
                "suggestion": self.suggestion, "file": self.file}

    def sort_key(self):
        return (SEVERITY_ORDER.get(self.severity, 9), self.sheet, _cell_order(self.cell), self.code)


def _cell_order(cell: str):
    import re
    m = re.match(r"([A-Z]+)(\d+)", cell or "")
    return (int(m.group(2)), m.group(1)) if m else (0, "")
