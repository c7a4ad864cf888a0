"""Page pictures of the sample documents (for the README and for eyeballing the layout).

    python -m zhishui.generators.render_previews [out_dir] [--all-pages] [--keep-docx]

Renders the sample 督办通知, 催报通知 and 进展通报, converts them to PDF with
LibreOffice and page 1 to PNG (``pdftoppm -r 80 -f 1 -l 1``). The README's pictures
come from the demo month instead (scripts/make_pictures.py).

The pictures are LibreOffice's rendering of exactly the .docx that is delivered
(no modified copy): what a clerk sees who opens it in LibreOffice. On a machine
without the Chinese office fonts LibreOffice draws 仿宋_GB2312 etc. with the
installed CJK fonts (here Noto Sans CJK); the layout (28 characters a line, 22
lines a page) does not depend on it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .charts import make_charts
from .contexts import sample_context
from .render import render_document

NAMES = {"supervise": "督办通知", "chase": "催报通知", "bulletin": "进展通报"}


def to_pdf(src: Path, outdir: Path) -> Path:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is needed: make sysdeps")
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        r = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", "pdf", "--outdir", str(outdir), str(src)],
                           capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": profile})
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / (src.stem + ".pdf")
    if r.returncode != 0 or not out.exists():
        raise SystemExit(f"LibreOffice could not convert {src.name}: {r.stdout} {r.stderr}")
    return out


def page_pngs(pdf: Path, stem: Path, *, dpi: int = 80, first: int = 1, last: int | None = 1) -> list[Path]:
    args = ["pdftoppm", "-r", str(dpi), "-f", str(first)]
    if last:
        args += ["-l", str(last)]
    subprocess.run(args + ["-png", str(pdf), str(stem)], check=True, capture_output=True, timeout=120)
    return sorted(stem.parent.glob(stem.name + "-*.png"))


def render_previews(out_dir, kinds=("supervise", "bulletin", "chase"), *, all_pages=False,
                    dpi: int = 80, keep_docx: bool = False) -> dict[str, list[Path]]:
    """Render samples and their page pictures into ``out_dir``; {kind: [png, ...]}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="zhishui-preview-"))
    result = {}
    try:
        for kind in kinds:
            ctx = sample_context(kind)
            if kind == "bulletin":
                ctx["charts"] = make_charts(ctx, work)
            docx = render_document(kind, ctx, (out_dir if keep_docx else work) / f"{NAMES[kind]}_示例.docx")
            pdf = to_pdf(docx, work)
            for old in out_dir.glob(f"{NAMES[kind]}_第*页*.png"):
                old.unlink()
            pngs = page_pngs(pdf, work / "page", dpi=dpi, last=None if all_pages else 1)
            final = []
            for i, p in enumerate(pngs, 1):
                dst = out_dir / f"{NAMES[kind]}_第{i}页.png"
                shutil.move(str(p), dst)
                final.append(dst)
            result[kind] = final
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    res = render_previews(Path(args[0]) if args else Path("out/previews"), all_pages="--all-pages" in sys.argv,
                          keep_docx="--keep-docx" in sys.argv)
    for kind, pngs in res.items():
        for p in pngs:
            print(p)
