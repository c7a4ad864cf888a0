"""Run the add-in's macros on a workbook file through xlwings' own remote engine.

Excel cannot run here, so the tests and the demo call the macros the way an
xlwings client does: ``remote_book`` turns a workbook file into the JSON
payload a client sends (values of every sheet, dates as the clients send
them); ``Replay`` applies the actions the macros emit back onto those values;
``save_replayed`` writes them into a new copy of the workbook, so a person can
look at what Excel would show after the click.  The remote engine needs
xlwings' licence key; "noncommercial" is its key for non-commercial use.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import os

import python_calamine as pc

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
import xlwings as xw  # noqa: E402  (the key must be set before the import)


def _client_value(v):
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if v is None:
        return ""
    return v


def sheet_values(path: Path) -> dict[str, list[list]]:
    wb = pc.CalamineWorkbook.from_path(str(path))
    out = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        width = max((len(r) for r in rows), default=1) or 1
        out[name] = [[_client_value(v) for v in r] + [""] * (width - len(r)) for r in rows] or [[""]]
    return out


def remote_book(path: Path, edits: dict[tuple[str, str], object] | None = None, *, full_path: bool = False):
    """A remote xlwings Book made from a workbook file, with some cells changed (sheet, 'B4') -> value.
    ``full_path``: the book knows where it is saved (as in desktop Excel, whose fullname is the path)."""
    values = sheet_values(path)
    for (sheet, ref), v in (edits or {}).items():
        col = ord(ref[0]) - 65
        row = int(ref[1:]) - 1
        grid = values[sheet]
        while len(grid) <= row:
            grid.append([""] * len(grid[0]))
        for r in grid:
            while len(r) <= col:
                r.append("")
        grid[row][col] = _client_value(v)
    payload = {"client": "VBA", "version": xw.__version__,
               "book": {"name": str(Path(path).resolve()) if full_path else path.name, "active_sheet_index": 1,
                        "selection": "B4"}, "names": [],
               "sheets": [{"name": n, "values": v, "pictures": [], "tables": []} for n, v in values.items()]}
    book = xw.Book(json=payload)
    book.set_mock_caller()
    return book, payload


class Replay:
    """What each sheet holds after the emitted actions (values and fill colours)."""

    def __init__(self, payload: dict, actions: list[dict]):
        self.names = [s["name"] for s in payload["sheets"]]
        self.values = {s["name"]: [list(r) for r in s["values"]] for s in payload["sheets"]}
        self.colors: dict[tuple[str, int, int], str] = {}
        self.alerts: list[dict] = []
        self.autofit_rows: dict[str, set[int]] = {}
        for a in actions:
            getattr(self, "_" + a["func"], self._other)(a)

    def _grid(self, a):
        name = self.names[a["sheet_position"]]
        return name, self.values[name]

    @staticmethod
    def _ensure(grid, r, c):
        while len(grid) <= r:
            grid.append([""] * (len(grid[0]) if grid else 1))
        for row in grid:
            while len(row) <= c:
                row.append("")

    def _setValues(self, a):
        name, grid = self._grid(a)
        for i, row in enumerate(a["values"]):
            for j, v in enumerate(row):
                self._ensure(grid, a["start_row"] + i, a["start_column"] + j)
                grid[a["start_row"] + i][a["start_column"] + j] = v

    def _rangeClearContents(self, a):
        name, grid = self._grid(a)
        for r in range(a["start_row"], min(len(grid), a["start_row"] + a["row_count"])):
            for c in range(a["start_column"], min(len(grid[r]), a["start_column"] + a["column_count"])):
                grid[r][c] = ""

    def _addSheet(self, a):
        pos = a["args"][0] if a["args"] and isinstance(a["args"][0], int) else len(self.names)
        name = a["args"][1] if len(a["args"]) > 1 and a["args"][1] else f"Sheet{len(self.names) + 1}"
        self.names.insert(pos, name)
        self.values[name] = [[""]]

    def _setRangeColor(self, a):
        name, _ = self._grid(a)
        self.colors[(name, a["start_row"], a["start_column"])] = a["args"][0]

    def _setAutofit(self, a):
        if a["args"] == "rows" or a["args"] == ["rows"]:
            name, _ = self._grid(a)
            self.autofit_rows.setdefault(name, set()).update(range(a["start_row"], a["start_row"] + a["row_count"]))

    def _alert(self, a):
        self.alerts.append({"prompt": a["args"][0], "title": a["args"][1]})

    def _other(self, a):
        pass

    def cell(self, sheet: str, ref: str):
        col, row = ord(ref[0]) - 65, int(ref[1:]) - 1
        grid = self.values[sheet]
        return grid[row][col] if row < len(grid) and col < len(grid[row]) else ""

    def table(self, sheet: str) -> list[list]:
        """Rows below the header, up to the last non-empty one."""
        rows = [r for r in self.values[sheet][1:]]
        while rows and not any(v not in ("", None) for v in rows[-1]):
            rows.pop()
        return rows


def save_replayed(src: Path, replay: "Replay", target: Path) -> Path:
    """A new copy of ``src`` with the replayed values and fill colours written in."""
    from copy import copy

    import openpyxl
    from openpyxl.styles import PatternFill

    from zhishui.fileutil import save_workbook
    wb = openpyxl.load_workbook(src)
    for name, grid in replay.values.items():
        ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
        merged = {c for rng in ws.merged_cells.ranges for row in ws.iter_rows(
            min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col) for c in row
                  if c.coordinate != rng.start_cell.coordinate}
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                cell = ws.cell(r + 1, c + 1)
                if cell in merged:
                    continue
                if isinstance(v, str) and v.startswith("'"):
                    v = v[1:]   # Excel's text prefix
                if v in ("", None):
                    if cell.value not in (None, ""):
                        cell.value = None
                    continue
                if isinstance(v, str) and len(v) >= 20 and v[4] == "-" and v[10] == "T":
                    v = dt.datetime.fromisoformat(v[:19])
                if not cell.has_style and ws.column_dimensions[cell.column_letter].has_style:
                    # Excel gives a value written into an unformatted cell its column's format
                    cell._style = copy(ws.column_dimensions[cell.column_letter]._style)
                cell.value = v
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"
    for name, rows in replay.autofit_rows.items():
        # Excel's AutoFit of rows, as the row height our own writers give wrapped text: a cell that does not wrap
        # is one line however long, a row with nothing in it goes back to the default height
        from zhishui.split import row_height
        ws = wb[name]
        widths = {c.column: ws.column_dimensions[c.column_letter].width or 8.43 for c in ws[1]}
        for r in rows:
            cells = [ws.cell(r + 1, c) for c in widths]
            if all(c.value in (None, "") for c in cells):
                ws.row_dimensions[r + 1].height = None
                continue
            ws.row_dimensions[r + 1].height = row_height(
                [(c.value if c.alignment.wrap_text else "", widths[c.column]) for c in cells])
    for (name, r, c), colour in replay.colors.items():
        wb[name].cell(r + 1, c + 1).fill = PatternFill("solid", fgColor=colour.lstrip("#"))
    return save_workbook(wb, target)
