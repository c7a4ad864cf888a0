"""Pictures for the README, rendered by LibreOffice from exactly the files `make demo` wrote.

    make demo && python scripts/make_pictures.py

docs/images/督办通知_第1页.png   pages 1 and 2 (the table) of the demo's 督办通知 to the unit pressed on most tasks
docs/images/进展通报_第1页.png   page 1 of the generated 进展通报, and its page 3
docs/images/督办台账_汇总.png    the 汇总 sheet of the 督办台账 after the one-click action
docs/images/督办台账_控制台.png  its 控制台 with the result of the run
docs/images/方案导入_原文对照.png  the 原文对照 sheet of the plan the demo imports (step 〇)
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from zhishui.fileutil import save_workbook  # noqa: E402
from zhishui.generators.render_previews import page_pngs, to_pdf  # noqa: E402

DEMO = ROOT / "out" / "demo"
IMAGES = ROOT / "docs" / "images"


def document_page(docx: Path, name: str, pages=(1,)) -> None:
    """Pages of a delivered document exactly as LibreOffice lays the file out (no copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pdf = to_pdf(docx, tmp)
        for page in pages:
            [png] = page_pngs(pdf, tmp / f"p{page}", dpi=70, first=page, last=page)
            shutil.move(str(png), IMAGES / (f"{name}_第{page}页.png"))


def sheet_picture(xlsx: Path, sheet: str, name: str, columns: str, tall: int = 0) -> None:
    """One sheet of a workbook as LibreOffice prints it (the others removed in a copy)."""
    wb = openpyxl.load_workbook(xlsx)
    for other in [s for s in wb.sheetnames if s != sheet]:
        del wb[other]
    ws = wb[sheet]
    ws.print_area = f"A1:{columns}{min(ws.max_row, 40)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, tall    # tall=1: the whole sheet on the page
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        copy = save_workbook(wb, tmp / f"{name}.xlsx")
        pdf = to_pdf(copy, tmp)
        [png] = page_pngs(pdf, tmp / "p", dpi=80, first=1, last=1)
        shutil.move(str(png), IMAGES / f"{name}.png")


def main() -> None:
    if not (DEMO / "文书").exists():
        raise SystemExit("请先运行 make demo")
    IMAGES.mkdir(parents=True, exist_ok=True)
    import json
    pressed = json.loads((DEMO / "2020年11月汇总结果.json").read_text(encoding="utf-8"))["pressed"]
    unit = max(sorted(pressed), key=lambda u: len(pressed[u]))
    document_page(DEMO / "文书" / "督办通知" / f"督办通知_{unit}.docx", "督办通知", pages=(1, 2))
    document_page(next((DEMO / "文书" / "进展通报").glob("*.docx")), "进展通报", pages=(1, 3))
    after = DEMO / "永川区督办台账（一键生成后）.xlsx"
    sheet_picture(after, "汇总", "督办台账_汇总", "J")
    sheet_picture(after, "控制台", "督办台账_控制台", "C", tall=1)      # as the template prints it: one page
    imported = DEMO / "方案" / "永川区整改方案_责任清单.xlsx"
    if imported.exists():       # the demo's 〇 step (skipped without the seeds)
        sheet_picture(imported, "原文对照", "方案导入_原文对照", "D")
    for p in sorted(IMAGES.glob("*.png")):
        print(p.relative_to(ROOT))


if __name__ == "__main__":
    main()
