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
    # (two sets made in one second — a second click, two clerks — used to be renamed one onto the other and the
    # second failed with 「程序内部出错」)
    tmp = making_folder(root)
    make_documents(m, tmp, links=links)
    write_result(m, tmp / "汇总结果.xlsx")
    write_json(m, tmp / "汇总结果.json")
    (tmp / "报告日期.txt").write_text(m.report_date.isoformat(), encoding="utf-8")
    for name, text in (extra or {}).items():
        (tmp / name).write_text(text, encoding="utf-8")
    return publish(tmp, root)


def making_folder(root: Path) -> Path:
    """A hidden folder of its own to make a set in (two clerks, or two clicks, never share one)."""
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=root, prefix=".making-"))


def publish(tmp: Path, root: Path) -> Path:
    """The made set renamed to ``root/<YYYYmmdd-HHMMSS>`` in one step, so it appears whole or not at all; a second
    set in the same second is ``…-2`` (sorted after the first, newest first), never renamed onto the first."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        folder = root / (stamp if n == 1 else f"{stamp}-{n}")
        try:
            tmp.rename(folder)
            return folder
        except OSError:
            if not folder.exists():
                raise
    raise OSError(f"{root}：同一秒生成的文书太多")


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


def preview_page(path: Path, folder: Path, *, title: str, back: str, back_text: str, download: str, page_url) -> str:
    """The preview page of a Word file of a set (the 文书, 年度 and 水质 pages alike): LibreOffice's pages, or where
    this machine has no LibreOffice the document's own text and tables.  ``page_url``: a page's path in the set -> URL."""
    from flask import abort, render_template
    if path.suffix != ".docx":
        abort(404)
    pages = preview(path)
    text = None
    if not pages:
        from docx import Document
        d = Document(path)
        text = {"paras": [p.text for p in d.paragraphs if p.text.strip()],
                "tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables]}
    return render_template("preview.html", doc=path.name, title=title, back=back, back_text=back_text,
                           download=download, pages=[page_url(pg.relative_to(folder).as_posix()) for pg in pages],
                           text=text)


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
