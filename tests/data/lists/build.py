"""Build-time: type the labelled real tables in sources/*.json into workbooks, as a clerk would.

Each source file holds the table as published (title lines, one- or two-row
header with its merged cells, body rows with their merges, category and
continuation rows marked), where it was published, whether it is held out
(``split: test``, fixed before any reading rule was written) and the truth:
which column holds which role.  ``expected(src)`` turns that truth into the
tasks and (role, unit) pairs a reader must find, without using the reader.

    python tests/data/lists/build.py OUT_DIR      # writes OUT_DIR/<id>.xlsx
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, range_boundaries

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
ROLE_FIELDS = ("lead", "responsible", "cooperating")


def load_sources() -> list[dict]:
    out = []
    for p in sorted(SOURCES.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        d["id"] = p.stem
        out.append(d)
    return out


def _cells(row):
    return row["cells"] if isinstance(row, dict) else row


def _kind(row):
    return row.get("kind", "task") if isinstance(row, dict) else "task"


def offsets(src: dict) -> tuple[int, int]:
    """(first header row, first body row), 1-based Excel rows."""
    head = len(src.get("title", [])) + (1 if src.get("title") else 0) + 1
    return head, head + len(src["header"])


def _shift(rng: str, dr: int) -> str:
    c0, r0, c1, r1 = range_boundaries(rng)
    return f"{get_column_letter(c0)}{r0 + dr}:{get_column_letter(c1)}{r1 + dr}"


def build_workbook(src: dict) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = src.get("sheet", "清单")
    width = len(src["header"][0])
    last = get_column_letter(width)
    for i, t in enumerate(src.get("title", []), 1):
        ws.cell(i, 1, t).font = Font(bold=True, size=14 if i == len(src["title"]) else 11)
        if i == len(src["title"]):
            ws.merge_cells(f"A{i}:{last}{i}")
            ws.cell(i, 1).alignment = Alignment(horizontal="center")
    h0, b0 = offsets(src)
    for i, row in enumerate(src["header"]):
        for c, v in enumerate(row, 1):
            if v != "":
                ws.cell(h0 + i, c, v).font = Font(bold=True)
    for rng in src.get("header_merges", []):
        ws.merge_cells(_shift(rng, h0 - 1))
    for i, row in enumerate(src["rows"]):
        for c, v in enumerate(_cells(row), 1):
            if v != "":
                cell = ws.cell(b0 + i, c, v)
                cell.data_type = "s"          # typed text, never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for rng in src.get("merges", []):
        ws.merge_cells(_shift(rng, b0 - 1))
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    return wb


def _col(letter: str) -> int:
    return range_boundaries(f"{letter}1")[0] - 1


def _merged_value(src: dict, r: int, c: int) -> str:
    """Body cell text with vertical merges resolved (0-based body row/col)."""
    for rng in src.get("merges", []):
        c0, r0, c1, r1 = range_boundaries(rng)
        if r0 - 1 <= r <= r1 - 1 and c0 - 1 <= c <= c1 - 1:
            return _cells(src["rows"][r0 - 1])[c0 - 1]
    return _cells(src["rows"][r])[c]


def expected(src: dict) -> list[dict]:
    """The tasks of a source table: Excel row, content text, deadline text, {role: [unit texts]}."""
    from zhishui.unitnames import split_units
    truth = {role: _col(letter) for letter, role in src["truth"].items()}
    _, b0 = offsets(src)
    tasks = []
    for i, row in enumerate(src["rows"]):
        kind = _kind(row)
        if kind == "category":
            continue
        if kind == "cont":
            continue
        units = {}
        for role in ROLE_FIELDS:
            if role in truth:
                text = _merged_value(src, i, truth[role])
                names = []
                for part in text.split():
                    names += [t.text for t in split_units(part)]
                units[role] = names
        tasks.append({"row": b0 + i, "content": _cells(row)[truth["content"]],
                      "deadline": _merged_value(src, i, truth["deadline"]) if "deadline" in truth else None,
                      "units": units})
    return tasks


def score(src: dict, tl) -> dict:
    """Tasks found and unit roles right for one table read into a TaskList."""
    exp = expected(src)
    by_row = {t.row: t for t in tl.tasks}
    found = roles_total = roles_right = 0
    misses = []
    for e in exp:
        t = by_row.get(e["row"])
        texts = [t.full_content] + list(t.extras.values()) if t else []
        if t and any(e["content"].strip() and e["content"].strip() in x for x in texts):
            found += 1
        else:
            misses.append(f"task row {e['row']}")
        got = {}
        if t:
            for role in ROLE_FIELDS:
                for ref in getattr(t, role):
                    got.setdefault(ref.raw, set()).add(role)
        for role, names in e["units"].items():
            for n in names:
                roles_total += 1
                if role in got.get(n, set()):
                    roles_right += 1
                else:
                    misses.append(f"row {e['row']} {role} {n}")
    return {"tasks": len(exp), "found": found, "roles": roles_total, "roles_right": roles_right, "misses": misses}


def main(out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for src in load_sources():
        build_workbook(src).save(out / f"{src['id']}.xlsx")
        print(out / f"{src['id']}.xlsx")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE / "built"))
