"""The month's documents as the page offers them: made whole into a dated folder, listed,
zipped, previewed as pages LibreOffice laid out."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..month import Month

PREVIEW = "预览"
# beside a set's documents (hidden, not in its zip): what the month was made from (Workspace.basis)
BASIS_NAME = ".生成依据.json"


def make_docs(m: Month, root: Path, links: dict[str, str], extra: dict[str, str] | None = None) -> Path:
    """The documents, the result workbook and its JSON, in ``root/<YYYYmmdd-HHMMSS>``; ``extra``: more text
    files (name -> text) written into the set before it appears."""
    from ..generators.month_documents import make_documents
    from ..result_writer import write_json, write_result
    folder = root / dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    tmp = folder.with_name("." + folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    make_documents(m, tmp, links=links)
    write_result(m, tmp / "汇总结果.xlsx")
    write_json(m, tmp / "汇总结果.json")
    (tmp / "报告日期.txt").write_text(m.report_date.isoformat(), encoding="utf-8")
    for name, text in (extra or {}).items():
        (tmp / name).write_text(text, encoding="utf-8")
    tmp.rename(folder)   # a set of documents appears whole or not at all
    return folder


def doc_sets(root: Path) -> list[Path]:
    return sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True) \
        if root.exists() else []


def zip_of(folder: Path, notes: dict[str, str] | None = None) -> bytes:
    """The folder's files (not the previews, not a set's basis), and ``notes`` (name -> text) beside them."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (notes or {}).items():
            z.writestr(name, text)
        for f in sorted(folder.rglob("*")):
            if f.is_file() and PREVIEW not in f.relative_to(folder).parts and f.name != BASIS_NAME:
                z.write(f, f.relative_to(folder).as_posix())
    return buf.getvalue()


def preview(doc: Path) -> list[Path]:
    """PNG pages of a document, made by LibreOffice (PDF) and pdftoppm; [] where they are missing."""
    out = doc.parent / PREVIEW / doc.stem
    pages = sorted(out.glob("page-*.png"))
    if pages:
        return pages
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftoppm"):
        return []
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zhishui-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(out), str(doc)], capture_output=True, timeout=180,
                       env={"HOME": profile, "PATH": "/usr/bin:/bin:/usr/local/bin"})
    pdf = out / (doc.stem + ".pdf")
    if pdf.exists():
        subprocess.run(["pdftoppm", "-png", "-r", "72", str(pdf), str(out / "page")], capture_output=True,
                       timeout=120)
    return sorted(out.glob("page-*.png"))
