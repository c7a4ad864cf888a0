"""Read a plan document of any kind the clerk receives into paragraphs and tables.

.docx directly (python-docx's XML, merged cells kept); .doc and .wps through
LibreOffice headless (converted to .docx in a private temporary profile);
.pdf with pdfplumber (text lines and ruled tables; a scan without a text layer
is said so); .html/.htm (a saved web page) with lxml; .txt in UTF-8 or GBK.
The kind is decided by the file's bytes, not its name.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..errors import ZhishuiError
from ..workbook_reader import Grid
from .document import Document, Para, Table
from .texttables import ITEM_START_RE, blocks_from_lines

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def sniff(path: Path) -> str:
    head = path.read_bytes()[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(OLE_MAGIC):
        return "doc"          # Word 97-2003 and WPS 文字 (.wps) share the OLE container
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return "unknown"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "unknown"
    low = head.lower()
    if b"<html" in low or b"<!doctype html" in low or (low.lstrip().startswith(b"<") and b"<body" in low):
        return "html"
    return "txt"


def read_plan(path) -> Document:
    path = Path(path)
    if not path.exists():
        raise ZhishuiError("找不到方案文件", file=path, hint="请检查文件路径")
    if path.is_dir():
        raise ZhishuiError("这是一个文件夹，不是方案文件", file=path, hint="请指定一个 Word、PDF、网页或文本文件")
    if path.stat().st_size == 0:
        # (a download or a copy that stopped: said as such, not as a plan with no task)
        raise ZhishuiError("文件是空的（0 字节），里面没有内容", file=path, hint="请重新下载或从原件重新复制这份方案后再导入")
    kind = sniff(path)
    if kind == "docx":
        return read_docx(path)
    if kind == "doc":
        return read_doc(path)
    if kind == "pdf":
        return read_pdf(path)
    if kind == "html":
        return read_html(path)
    if kind == "xlsx":
        raise ZhishuiError("这是一个Excel工作簿，不是方案文件", file=path,
                           hint="已经是责任清单的工作簿请直接用 zhishui check / tasks 读取")
    if kind == "unknown":
        raise ZhishuiError("无法识别的文件格式", file=path,
                           hint="请提供 Word（.docx/.doc/.wps）、PDF、网页（.html）或文本（.txt）格式的方案")
    return read_txt(path)


# --- text ------------------------------------------------------------------------

def decode_text(data: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ZhishuiError("文本文件既不是UTF-8也不是GBK编码，无法读取", file=path,
                       hint="请用记事本或WPS另存为UTF-8编码后再导入")


def read_txt(path: Path) -> Document:
    text = decode_text(path.read_bytes(), path)
    doc = Document(path, "txt", lines=text.splitlines())
    doc.blocks = blocks_from_lines(doc.lines, lambda i: f"第{i + 1}行")
    return doc


# --- Word ------------------------------------------------------------------------

def _cell_text(tc) -> str:
    """A cell's paragraphs, one a line; a line break inside one (Shift+Enter: one unit a line) is a line too,
    not nothing (「市建设局市环保局…」 ran the units together)."""
    paras = []
    for p in tc.iter(W + "p"):
        paras.append("".join(el.text or "" if el.tag == W + "t" else "\n"
                             for el in p.iter(W + "t", W + "br", W + "cr")))
    return "\n".join(x for x in paras if x.strip()).strip()


def docx_table_grid(tbl, name: str) -> Grid:
    """A w:tbl as a grid: horizontal spans (gridSpan) and vertical merges (vMerge) become merged ranges."""
    rows: list[list[str]] = []
    merges: list[list[int]] = []
    open_v: dict[int, list[int]] = {}     # column -> [r0, c0, r1, c1] of the vertical merge under way
    for r, tr in enumerate(tbl.findall(W + "tr")):
        row: list[str] = []
        c = 0
        for tc in tr.findall(W + "tc"):
            pr = tc.find(W + "tcPr")
            span, vmerge = 1, None
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                if gs is not None:
                    span = int(gs.get(W + "val", "1"))
                vm = pr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(W + "val", "continue")
            text = _cell_text(tc)
            if vmerge == "continue" and c in open_v:
                open_v[c][2] = r
                row.extend([""] * span)
            else:
                row.append(text)
                row.extend([""] * (span - 1))
                rng = [r, c, r, c + span - 1]
                if vmerge == "restart":
                    open_v[c] = rng
                else:
                    open_v.pop(c, None)
                if span > 1 or vmerge == "restart":
                    merges.append(rng)
            c += span
        rows.append(row)
    ranges = [tuple(m) for m in merges if m[2] > m[0] or m[3] > m[1]]
    return Grid(name, rows, ranges)


def _para_text(p) -> str:
    """A paragraph's text with its tabs: a table saved from text keeps its cells apart by tabs (w:tab)."""
    out = []
    for r in p.iter(W + "r"):           # runs only: a w:tab in the paragraph's properties is a tab stop
        for el in r:
            if el.tag == W + "t":
                out.append(el.text or "")
            elif el.tag == W + "tab":
                out.append("\t")
    return "".join(out)


def read_docx(path: Path, shown: Path | None = None) -> Document:
    from docx import Document as Docx
    try:
        d = Docx(str(path))
    except Exception as e:  # noqa: BLE001 - a broken file is the clerk's input, say so
        raise ZhishuiError(f"Word文件已损坏或无法打开（{type(e).__name__}）", file=shown or path,
                           hint="请用Word或WPS打开确认，另存为.docx后再导入")
    doc = Document(shown or path, "docx")
    n_par = n_tab = 0
    lines: list[tuple[str, str]] = []

    def flush():
        if lines:
            texts = [t for t, _ in lines]
            wheres = [w for _, w in lines]
            doc.blocks.extend(blocks_from_lines(texts, lambda i: wheres[i]))
            lines.clear()
    body = list(d.element.body)
    for i, el in enumerate(body):
        if el.tag == W + "p":
            n_par += 1
            text = _para_text(el)
            doc.lines.append(text)
            lines.append((text, f"第{n_par}段"))
            # Word paragraphs are separate paragraphs; but a document saved from text (LibreOffice,
            # WPS) already has an empty paragraph between them, which must count once, as in the text
            nxt = body[i + 1] if i + 1 < len(body) else None
            next_empty = (nxt is not None and nxt.tag == W + "p"
                          and not _para_text(nxt).strip())
            if text.strip() and not next_empty:
                lines.append(("", ""))
        elif el.tag == W + "tbl":
            flush()
            n_tab += 1
            doc.blocks.append(Table(docx_table_grid(el, f"表{n_tab}"), f"表{n_tab}"))
    flush()
    return doc


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(path: Path) -> Document:
    """.doc/.wps: converted to .docx by LibreOffice headless, then read as .docx."""
    exe = _soffice()
    if not exe:
        raise ZhishuiError("读取.doc/.wps文件需要LibreOffice，本机没有安装", file=path,
                           hint="请安装LibreOffice，或在Word/WPS中把文件另存为.docx后再导入")
    work = Path(tempfile.mkdtemp(prefix="zhishui-plan-"))
    try:
        src = work / ("plan" + (path.suffix.lower() if path.suffix.lower() in (".doc", ".wps") else ".doc"))
        shutil.copyfile(path, src)
        profile = work / "profile"
        try:
            subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work), str(src)],
                           capture_output=True, timeout=180, env={**os.environ, "HOME": str(work)})
        except subprocess.TimeoutExpired:
            raise ZhishuiError("LibreOffice转换超时", file=path, hint="请在Word/WPS中另存为.docx后再导入")
        out = work / "plan.docx"
        if not out.exists():
            raise ZhishuiError("LibreOffice无法转换该文件（可能已损坏或加密）", file=path,
                               hint="请在Word/WPS中打开确认，另存为.docx后再导入")
        doc = read_docx(out, shown=path)
        doc.kind = "doc"
        doc.notes.append("已用LibreOffice转换为.docx后读取")
        return doc
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- PDF -------------------------------------------------------------------------

def _pdf_table_grid(rows: list[list], name: str) -> Grid:
    """pdfplumber gives None for cells covered by a merged cell: under a cell it continues the
    cell above (a vertical merge, like a category over several tasks); elsewhere it is empty."""
    width = max((len(r) for r in rows), default=0)
    rows = [list(r) + [""] * (width - len(r)) for r in rows]
    texts = [[("" if v is None else re.sub(r"\s*\n\s*", "", str(v)).strip()) for v in row] for row in rows]
    merges = []
    for c in range(width):
        r = 0
        while r < len(rows):
            r1 = r
            while rows[r][c] is not None and r1 + 1 < len(rows) and rows[r1 + 1][c] is None:
                r1 += 1
            if r1 > r:
                merges.append((r, c, r1, c))
            r = r1 + 1
    return Grid(name, texts, merges)


def _join_cell(a, b):
    if a is None and b is None:
        return None
    return (a or "") + (b or "")


def _split_row(prev: list, nxt: list) -> bool:
    """Is ``nxt`` (first row on a page) the rest of ``prev`` (last row of the page before)?
    Only when it has no 序号 and something in ``prev`` stops half way: a unit cell that is not a
    whole name, a time that is not a whole expression, or a text cut off mid-sentence."""
    from ..deadlines import parse_deadline
    from .attributions import looks_like_unit_list
    if not nxt or (nxt[0] or "").strip() or not any((v or "").strip() for v in nxt[1:]):
        return False
    for a, b in zip(prev, nxt):
        a, b = (a or "").strip(), (b or "").strip()
        if not a or not b:
            continue
        if re.search(r"\d$", a) or (len(a) >= 2 and re.search(r"[局委办室区县镇府门位]$", a + b)
                                      and not looks_like_unit_list(a) and looks_like_unit_list(a + b)):
            return True
        if len(a) > 6 and a[-1] not in "。；;）)”" and b[0] not in "0123456789":
            return True
        if re.match(r"^(?:月|日|底|前|年)", b) and not parse_deadline(a).understood:
            return True
    return False


def read_pdf(path: Path) -> Document:
    import pdfplumber
    doc = Document(path, "pdf")
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as e:  # noqa: BLE001
        raise ZhishuiError(f"PDF文件已损坏或加密，无法读取（{type(e).__name__}）", file=path,
                           hint="请向发文单位索取未加密的PDF或Word版")
    chars = 0
    lines: list[tuple[str, str, bool]] = []      # (text, where, runs to the right margin)
    pending: list[list] | None = None       # a table that may continue on the next page
    n_tab = 0
    with pdf:
        for pno, page in enumerate(pdf.pages, 1):
            chars += len(page.chars)
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj, boxes=boxes):
                x = (obj["x0"] + obj["x1"]) / 2
                y = (obj["top"] + obj["bottom"]) / 2
                return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
            items = []
            for t in tables:
                items.append((t.bbox[1], "table", t.extract()))
            text_page = page.filter(outside) if boxes else page
            page_lines = text_page.extract_text_lines() or []
            right = max((ln["x1"] for ln in page_lines), default=0)
            widths = sorted((ln["x1"] - ln["x0"]) / max(1, len(ln["text"])) for ln in page_lines)
            em = widths[len(widths) // 2] if widths else 10
            for ln in page_lines:
                # a line that runs to the right margin goes on in the next line, even after 。
                items.append((ln["top"], "line", (ln["text"], ln["x1"] >= right - 1.5 * em)))
            items.sort(key=lambda x: x[0])
            for _top, what, val in items:
                if what == "line":
                    val, full = val
                    if lines and lines[-1][2] and val.strip() and not ITEM_START_RE.match(val) \
                            and not re.match(r"^\s*[^：:，,。]{2,24}[：:]", val):
                        lines[-1] = (lines[-1][0] + val.strip(), lines[-1][1], full)
                        doc.lines.append(val)
                        continue
                    if pending is not None and val.strip():
                        n_tab += 1
                        doc.blocks.append(Table(_pdf_table_grid(pending, f"表{n_tab}"), f"第{pno}页前的表{n_tab}"))
                        pending = None
                    lines.append((val, f"第{pno}页", full))
                    doc.lines.append(val)
                    continue
                doc.blocks.extend(blocks_from_lines([t for t, _w, _f in lines], lambda i, ls=list(lines): ls[i][1]))
                lines.clear()
                rows = [r for r in val if any(v not in (None, "") for v in r)]
                if pending is not None and rows and len(rows[0]) == len(pending[0]):
                    if _split_row(pending[-1], rows[0]):
                        # a row the page break cut in two: its second half has no 序号
                        first = rows.pop(0)
                        pending[-1] = [_join_cell(a, b) for a, b in zip(pending[-1], first)]
                    pending.extend(rows)        # the table goes on across the page break
                else:
                    if pending is not None:
                        n_tab += 1
                        doc.blocks.append(Table(_pdf_table_grid(pending, f"表{n_tab}"), f"第{pno}页前的表{n_tab}"))
                    pending = rows
    # paragraphs run on across page breaks: mended once, at the end or before a table
    doc.blocks.extend(blocks_from_lines([t for t, _w, _f in lines], lambda i, ls=list(lines): ls[i][1]))
    if pending is not None:
        n_tab += 1
        doc.blocks.append(Table(_pdf_table_grid(pending, f"表{n_tab}"), f"表{n_tab}"))
    if chars == 0:
        raise ZhishuiError("这个PDF是扫描件（只有图片，没有文字层），无法读取文字", file=path,
                           hint="请向发文单位索取Word版或可复制文字的PDF，或先用OCR软件识别成文字")
    return doc


# --- web page --------------------------------------------------------------------------

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "section", "article",
              "blockquote", "pre", "dd", "dt", "center", "ul", "ol", "hr", "form", "header", "footer", "title"}
SKIP_TAGS = {"script", "style", "noscript", "nav", "select", "option", "button", "iframe", "svg", "head"}


def html_table_grid(table, name: str) -> Grid:
    """<table> with rowspan/colspan -> grid with merged ranges."""
    rows: list[list[str]] = []
    merges = []
    taken: dict[tuple[int, int], bool] = {}
    trs = [tr for tr in table.iter("tr") if tr.getparent() is table or tr.getparent().getparent() is table]
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while taken.get((r, c)):
                c += 1
            text = re.sub(r"\s+", " ", cell.text_content()).strip().replace(" ", "") \
                if not re.search(r"[A-Za-z]\s+[A-Za-z]", cell.text_content()) else \
                re.sub(r"\s+", " ", cell.text_content()).strip()
            rs = int(cell.get("rowspan", "1") or 1) if str(cell.get("rowspan", "1")).isdigit() else 1
            cs = int(cell.get("colspan", "1") or 1) if str(cell.get("colspan", "1")).isdigit() else 1
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, c + dc)] = True
            while len(rows) <= r + rs - 1:
                rows.append([])
            for dr in range(rs):
                row = rows[r + dr]
                while len(row) < c + cs:
                    row.append("")
            rows[r][c] = text
            if rs > 1 or cs > 1:
                merges.append((r, c, r + rs - 1, c + cs - 1))
            c += cs
    return Grid(name, rows, merges)


def _page_titles(root) -> list[str]:
    """The page's own titles: its <h1>s, then <title> without the site's name after it
    (县2022年农村人居环境整治工作方案_县人民政府网 / … - 政务公开)."""
    out = [re.sub(r"\s+", "", h.text_content() or "") for h in root.iter("h1")]
    t = root.find(".//title")
    text = re.sub(r"\s+", " ", t.text_content() if t is not None else "").strip()
    if text:
        out.append(re.sub(r"\s", "", re.split(r"\s*(?:_|\s[-—|｜]\s|[|｜])\s*", text)[0]))
    return [x for x in dict.fromkeys(out) if x]


def read_html(path: Path) -> Document:
    import lxml.html
    data = path.read_bytes()
    try:
        root = lxml.html.document_fromstring(data)
    except Exception as e:  # noqa: BLE001
        raise ZhishuiError(f"网页文件无法解析（{type(e).__name__}）", file=path, hint="请在浏览器中另存为「网页，仅HTML」后再导入")
    if not (root.text_content() or "").strip():
        text = decode_text(data, path)
        root = lxml.html.document_fromstring(text)
    doc = Document(path, "html")
    lines: list[str] = []
    n_tab = 0
    out_blocks: list = []

    def flush():
        doc.lines.extend(lines)
        if lines:
            start = len(out_blocks)
            out_blocks.extend(blocks_from_lines(list(lines), lambda i, s=start: f"网页第{s + i + 1}行"))
            lines.clear()

    cur: list[str] = []

    def newline():
        if cur:
            lines.append("".join(cur))
            cur.clear()
        lines.append("")

    def walk(el):
        nonlocal n_tab
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS:
            if el.tail:
                cur.append(el.tail)
            return
        if tag == "table" and not el.xpath("ancestor::table"):
            newline()
            flush()
            n_tab += 1
            grid = html_table_grid(el, f"表{n_tab}")
            if len(grid.rows) == 1 or grid.ncols <= 1:
                # a layout table: its cells are text
                for row in grid.rows:
                    lines.extend([t for t in row if t] + [""])
            else:
                out_blocks.append(Table(grid, f"网页表{n_tab}"))
            if el.tail:
                cur.append(el.tail)
            return
        if tag in BLOCK_TAGS:
            newline()
        if el.text and tag:
            cur.append(el.text)
        for ch in el:
            walk(ch)
        if tag in BLOCK_TAGS:
            newline()
        if el.tail:
            cur.append(el.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    newline()
    flush()
    doc.page_titles = _page_titles(root)
    for b in out_blocks:
        if isinstance(b, Para):
            b.text = b.text.replace("\xa0", " ")
    doc.blocks = out_blocks
    return doc
