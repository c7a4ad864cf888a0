"""The yardsticks `make bench` times zhishui against, each run as a whole process.

  floor  RETURNS            python-calamine reads every cell of every return, nothing else
  naive  RETURNS            the script a clerk's colleague would write: pandas.read_excel
                            (openpyxl) per file, then one concat
  cells  SPLIT_DIR CELLS    (setup, not timed) the values of split's workbooks -> CELLS (JSON)
  write  WRITER CELLS OUT   write those same cells, one workbook per unit, with WRITER:
                            rustpy (rustpy-xlsxwriter, Rust), xlsxwriter, openpyxl (write-only)

Each prints one JSON line (what it counted) so the bench can check the work was done.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def floor(returns: Path) -> dict:
    import python_calamine as pc
    cells = files = 0
    for f in sorted(returns.glob("*.xlsx")):
        wb = pc.CalamineWorkbook.from_path(str(f))
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
                cells += sum(1 for v in row if v != "")
        wb.close()
        files += 1
    return {"files": files, "cells": cells}


def naive(returns: Path) -> dict:
    import pandas as pd
    frames = []
    for f in sorted(returns.glob("*.xlsx")):
        for name, df in pd.read_excel(f, sheet_name=None, header=None, engine="openpyxl").items():
            df["文件"] = f.name
            df["工作表"] = name
            frames.append(df)
    allrows = pd.concat(frames, ignore_index=True)
    return {"rows": len(allrows), "cells": int(allrows.drop(columns=["文件", "工作表"]).notna().sum().sum())}


def cells(split_dir: Path, target: Path) -> dict:
    import python_calamine as pc
    books = []
    for f in sorted(split_dir.glob("*.xlsx")):
        wb = pc.CalamineWorkbook.from_path(str(f))
        books.append({"name": f.name, "sheets": [
            [name, [["" if v is None else v for v in row]
                    for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]]
            for name in wb.sheet_names]})
    target.write_text(json.dumps(books, ensure_ascii=False), encoding="utf-8")
    return {"books": len(books)}


def write(writer: str, cells_file: Path, out: Path) -> dict:
    books = json.loads(cells_file.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for b in books:
        path = str(out / b["name"])
        if writer == "rustpy":
            import rustpy_xlsxwriter as rx
            fx = rx.FastExcel(path, autofit=False)
            for name, rows in b["sheets"]:
                width = max((len(r) for r in rows), default=1)
                keys = [f"c{i}" for i in range(width)]
                fx.sheet(name, [dict(zip(keys, r)) for r in rows])
            fx.save()
        elif writer == "xlsxwriter":
            import xlsxwriter
            wb = xlsxwriter.Workbook(path, {"in_memory": True})
            for name, rows in b["sheets"]:
                ws = wb.add_worksheet(name)
                for r, row in enumerate(rows):
                    ws.write_row(r, 0, row)
            wb.close()
        elif writer == "openpyxl":
            import openpyxl
            wb = openpyxl.Workbook(write_only=True)
            for name, rows in b["sheets"]:
                ws = wb.create_sheet(name)
                for row in rows:
                    ws.append(row)
            wb.save(path)
        else:
            raise SystemExit(f"unknown writer {writer}")
        n += sum(len(r) for _, rows in b["sheets"] for r in rows)
    return {"books": len(books), "cells": n}


def main(argv: list[str]) -> None:
    what, *args = argv
    if what == "floor":
        out = floor(Path(args[0]))
    elif what == "naive":
        out = naive(Path(args[0]))
    elif what == "cells":
        out = cells(Path(args[0]), Path(args[1]))
    elif what == "write":
        out = write(args[0], Path(args[1]), Path(args[2]))
    else:
        raise SystemExit(__doc__)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
