"""Build the three Word templates (催报通知, 督办通知, 进展通报) in the GB/T 9704-2012 format.

    python -m zhishui.generators.build_templates [out_dir]

The base document is written by LibreOffice (a real office suite: no theme that
maps East-Asian text to MS Mincho, unlike python-docx's default template); we
then set page, grid, styles, headers/footers and the jinja tags with
python-docx + lxml. The result is deterministic for a given LibreOffice version
(fixed zip timestamps, no dates in the metadata).

Layout facts (tech-notes 1.1-1.4, 2.1-2.2):
* A4, margins 37/35/28/26 mm, 22 lines x 28 chars: exact 28.95 pt line spacing gives 22 lines (no line
  grid: see GRID); 3号 characters condensed by 0.25 pt
  (w:spacing -5 in docDefaults and Normal) give 28 characters of 15.75 pt in the 156 mm
  line. A character grid (linesAndChars, charSpace -849) is not used: LibreOffice gives a
  16 pt character two 15.79 pt cells (14 characters a line, letter-spaced); character
  spacing is honoured alike by Word, WPS and LibreOffice (模板说明.md, 版面 section).
* Body 3号仿宋_GB2312, line spacing exactly 28.95 pt; headings 黑体 / 楷体_GB2312;
  title 2号方正小标宋简体. Every East-Asian font is set with w:eastAsia and no
  theme attribute is left anywhere.
* Page numbers "— 1 —" in 4号宋体, odd pages right / even pages left, 1 字 in.
* Letters (信函格式): red 机关标志 30 mm from the top and a red double line
  (thick over thin, 170 mm) in the first-page header, another (thin over thick)
  20 mm above the bottom edge in the first-page footer; no number on page 1.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from zhishui.year import LATE_MONTHS

TEMPLATES = Path(__file__).resolve().parent / "templates"
FILES = {"chase": "催报通知.docx", "supervise": "督办通知.docx", "bulletin": "进展通报.docx",
         "annual": "年度工作总结.docx", "assessment": "年度考核结果.docx"}

# ---- units: twips (1/20 pt); 1 mm = 56.7 twips; 1 字 of 3号 = 16 pt = 320 twips
MM = 56.6929
PAGE_W, PAGE_H = 11906, 16838
MARGIN = dict(top=2098, bottom=1984, left=1587, right=1474)
TEXT_W = PAGE_W - MARGIN["left"] - MARGIN["right"]      # 8845 ≈ 156 mm
LINE = 579                                              # 28.95 pt
CHAR = 320                                              # 1 字 of 3号 as Word counts indents
CHAR_SPACING = -5                                       # twips: 16 - 0.25 = 15.75 pt a character
# no line grid (type="lines"): the exact 28.95 pt line spacing alone gives the 22 lines in Word, WPS and LibreOffice,
# and LibreOffice 7.4 with a line grid lost the rows of a table carried over to the next page (its repeated header
# and unsplittable rows: trial 22's December 通报 printed one of three close-outs)
GRID = f'<w:docGrid w:linePitch="{LINE}"/>'
OVERHANG = round(7 * MM)                                # 170 mm line = 版心 + 7 mm each side
RED = "FF0000"

FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XBS = "方正小标宋简体"
SONG = "宋体"
# Font table: (name, altName that Word/WPS may use when the font is missing, charset, family, pitch)
FONTS = [
    (FANGSONG, "仿宋", "86", "modern", "fixed"),
    (KAITI, "楷体", "86", "modern", "fixed"),
    (HEITI, "SimHei", "86", "modern", "fixed"),
    (XBS, "宋体", "86", "auto", "variable"),
    (SONG, "SimSun", "86", "auto", "variable"),
]

PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
             "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
             "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
             "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
             "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
             "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]
RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
             "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
             "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
             "eastAsianLayout", "specVanish", "oMath"]


# ---------------------------------------------------------------- XML helpers

def _el(xml: str):
    """Parse a snippet written with the w: prefix (namespace declarations added to its root)."""
    i = re.match(r"<([\w:]+)", xml).end()
    return parse_xml(xml[:i] + " " + nsdecls("w", "r") + xml[i:])


def fonts_xml(name: str) -> str:
    return (f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}" '
            f'w:hint="eastAsia"/>')


def rpr_xml(font=None, size=None, color=None, bold=False, extra: dict | None = None) -> str:
    parts = {}
    if font:
        parts["rFonts"] = fonts_xml(font)
    if bold:
        parts["b"] = "<w:b/>"
        parts["bCs"] = "<w:bCs/>"
    if color:
        parts["color"] = f'<w:color w:val="{color}"/>'
    if size:
        parts["sz"] = f'<w:sz w:val="{int(size * 2)}"/>'
        parts["szCs"] = f'<w:szCs w:val="{int(size * 2)}"/>'
    parts.update(extra or {})
    return "<w:rPr>" + "".join(parts[k] for k in RPR_ORDER if k in parts) + "</w:rPr>"


def ppr_xml(style=None, jc=None, first_chars=None, left=None, right=None, right_chars=None,
            before=None, after=None, line=None, rule="exact", keep_next=False,
            page_break_before=False, snap=None, borders=None, tabs=None, outline=None,
            widow=None, frame=None, rpr=None) -> str:
    p = {}
    if style:
        p["pStyle"] = f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        p["keepNext"] = "<w:keepNext/>"
    if page_break_before:
        p["pageBreakBefore"] = "<w:pageBreakBefore/>"
    if frame:
        p["framePr"] = frame
    if widow is not None:
        p["widowControl"] = f'<w:widowControl w:val="{"1" if widow else "0"}"/>'
    if borders:
        p["pBdr"] = "<w:pBdr>" + "".join(
            f'<w:{side} w:val="{val}" w:sz="{sz}" w:space="{space}" w:color="{color}"/>'
            for side, val, sz, space, color in borders) + "</w:pBdr>"
    if tabs:
        p["tabs"] = "<w:tabs>" + "".join(f'<w:tab w:val="{v}" w:pos="{pos}"/>' for v, pos in tabs) + "</w:tabs>"
    if snap is not None:
        p["snapToGrid"] = f'<w:snapToGrid w:val="{"1" if snap else "0"}"/>'
    if any(v is not None for v in (before, after, line)):
        a = ""
        if before is not None:
            a += f' w:before="{before}"'
        if after is not None:
            a += f' w:after="{after}"'
        if line is not None:
            a += f' w:line="{line}" w:lineRule="{rule}"'
        p["spacing"] = f"<w:spacing{a}/>"
    ind = ""
    if left is not None:
        ind += f' w:left="{left}"'
    if right is not None:
        ind += f' w:right="{right}"'
    if right_chars is not None:
        ind += f' w:rightChars="{right_chars}"'
    if first_chars is not None:
        ind += f' w:firstLineChars="{first_chars}" w:firstLine="{first_chars * CHAR // 100}"'
    if ind:
        p["ind"] = f"<w:ind{ind}/>"
    if jc:
        p["jc"] = f'<w:jc w:val="{jc}"/>'
    if outline is not None:
        p["outlineLvl"] = f'<w:outlineLvl w:val="{outline}"/>'
    if rpr:
        p["rPr"] = rpr
    return "<w:pPr>" + "".join(p[k] for k in PPR_ORDER if k in p) + "</w:pPr>"


# ---------------------------------------------------------------- styles

# (styleId, Chinese name, basedOn, pPr kwargs, rPr kwargs, next)
PARA_STYLES = [
    ("GwBody", "公文正文", "Normal", dict(first_chars=200, jc="both"), {}, None),
    ("GwTitle", "公文标题", "Normal",
     dict(jc="center", before=2 * LINE, after=LINE, line=700, keep_next=True, snap=False),
     dict(font=XBS, size=22),
     "GwRecipient"),
    ("GwH1", "一级标题", "Normal", dict(first_chars=200, keep_next=True, outline=0), dict(font=HEITI), "GwBody"),
    ("GwH2", "二级标题", "Normal", dict(first_chars=200, keep_next=True, outline=1), dict(font=KAITI), "GwBody"),
    ("GwH3", "三级标题", "Normal", dict(first_chars=200, keep_next=True, outline=2), dict(font=FANGSONG), "GwBody"),
    ("GwH4", "四级标题", "Normal", dict(first_chars=200, outline=3), dict(font=FANGSONG), "GwBody"),
    # (no keep-with-next: a 主送 of fifty units kept with the text after it left page 1 blank under the 版头)
    ("GwRecipient", "主送", "Normal", dict(jc="left"), {}, "GwBody"),
    ("GwSigner", "落款", "Normal", dict(jc="right", right=4 * CHAR, before=2 * LINE, keep_next=True), {},
     "GwDate"),
    ("GwDate", "成文日期", "Normal", dict(jc="right", right=4 * CHAR), {}, None),
    ("GwAttachNote", "附件说明", "Normal", dict(first_chars=200, before=LINE, jc="left", keep_next=True),
     {}, None),
    ("GwNote", "附注", "Normal", dict(first_chars=200, jc="left"), {}, None),
    ("GwAttachLabel", "附件标识", "Normal", dict(jc="left", keep_next=True), dict(font=HEITI), None),
    ("GwOrgMark", "机关标志", "Normal", dict(jc="center", snap=False, line=240, rule="auto"),
     dict(font=XBS, size=22, color=RED), None),
    ("GwDocNumber", "发文字号", "Normal", dict(jc="center"), {}, None),
    ("GwLetterNumber", "信函文号", "Normal", dict(jc="left", tabs=[("right", TEXT_W)]), {}, None),
    ("GwRecord", "版记", "Normal",
     dict(jc="left", left=280, right=280, tabs=[("right", TEXT_W - 280)], snap=False),
     dict(size=14), None),
    ("GwTableText", "表格文字", "Normal", dict(jc="left", snap=False, line=360), dict(size=12), None),
    ("GwTableCenter", "表格居中", "GwTableText", dict(jc="center"), {}, None),
    ("GwTableHead", "表头", "GwTableText", dict(jc="center", keep_next=True), dict(font=HEITI), None),
    ("GwFigure", "图片", "Normal", dict(jc="center", snap=False, line=240, rule="auto", keep_next=True,
                                       before=120), {}, None),
    ("GwCaption", "图题", "Normal", dict(jc="center", snap=False, line=400, after=120), dict(size=14), None),
    ("GwLine", "分隔线", "Normal", dict(jc="center", snap=False, line=20, left=-OVERHANG, right=-OVERHANG),
     dict(size=1), None),
    ("GwPageNumber", "页码", "Normal", dict(snap=False, line=240, rule="auto"), dict(font=SONG, size=14), None),
    ("Header", "header", "Normal", dict(snap=False, line=20, jc="center"), dict(size=1), None),
    ("Footer", "footer", "Normal", dict(snap=False, line=240, rule="auto"), dict(size=9), None),
]


def style_xml(sid, name, based, ppr_kw, rpr_kw, nxt) -> str:
    custom = "" if sid in ("Header", "Footer") else ' w:customStyle="1"'
    s = f'<w:style w:type="paragraph"{custom} w:styleId="{sid}"><w:name w:val="{name}"/>'
    s += f'<w:basedOn w:val="{based}"/>'
    if nxt:
        s += f'<w:next w:val="{nxt}"/>'
    s += '<w:qFormat/>' if sid.startswith("Gw") else '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    s += ppr_xml(**ppr_kw) if ppr_kw else ""
    s += rpr_xml(**rpr_kw) if rpr_kw else ""
    return s + "</w:style>"


TABLE_STYLE = (
    '<w:style w:type="table" w:customStyle="1" w:styleId="GwTable"><w:name w:val="公文表格"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
    '<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="360" w:lineRule="exact"/></w:pPr>'
    '<w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>'
    '<w:tblPr><w:tblBorders>'
    + "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
    '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:style>')
TABLE_NORMAL = (
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>')


def setup_styles(doc) -> None:
    styles = doc.styles.element
    # drop LibreOffice's own paragraph styles (Heading, Text Body, List, Caption, Index): unused
    for st in list(styles.findall(qn("w:style"))):
        if st.get(qn("w:styleId")) != "Normal":
            styles.remove(st)
    dd = styles.find(qn("w:docDefaults"))
    if dd is not None:
        styles.remove(dd)
    styles.insert(0, _el(
        "<w:docDefaults><w:rPrDefault>"
        + rpr_xml(font=FANGSONG, size=16, extra={
            "spacing": f'<w:spacing w:val="{CHAR_SPACING}"/>', "kern": '<w:kern w:val="2"/>',
            "lang": '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'})
        + "</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/>"
        + "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"))
    # latent styles are not needed; Normal: 3号仿宋_GB2312, exactly 28.95 pt
    normal = _el(
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        + ppr_xml(jc="both", line=LINE, widow=False)
        + rpr_xml(font=FANGSONG, size=16, extra={"spacing": f'<w:spacing w:val="{CHAR_SPACING}"/>',
                                                  "kern": '<w:kern w:val="2"/>'})
        + "</w:style>")
    old = styles.find(qn("w:style"))
    if old is not None:
        styles.remove(old)
    styles.append(normal)
    for spec in PARA_STYLES:
        styles.append(_el(style_xml(*spec)))
    styles.append(_el(TABLE_NORMAL))
    styles.append(_el(TABLE_STYLE))
    # no theme fonts anywhere (tech-notes 2.1)
    for rf in styles.iter(qn("w:rFonts")):
        for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rf.attrib.pop(qn(a), None)


def setup_font_table(doc) -> None:
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = parse_xml(part.blob)
    for f in list(root):
        if f.get(qn("w:name")) in {x[0] for x in FONTS}:
            root.remove(f)
    for name, alt, charset, family, pitch in FONTS:
        root.append(_el(f'<w:font w:name="{name}"><w:altName w:val="{alt}"/>'
                        f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/>'
                        f'<w:pitch w:val="{pitch}"/></w:font>'))
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- page, grid, headers, footers

def setup_page(doc, letter: bool) -> None:
    sec = doc.sections[0]
    sp = sec._sectPr
    pgSz = sp.find(qn("w:pgSz"))
    pgSz.set(qn("w:w"), str(PAGE_W))
    pgSz.set(qn("w:h"), str(PAGE_H))
    pgMar = sp.find(qn("w:pgMar"))
    for k, v in MARGIN.items():
        pgMar.set(qn(f"w:{k}"), str(v))
    pgMar.set(qn("w:gutter"), "0")
    # letters: the 机关标志 top edge 30 mm from the top; footer line 20 mm above the bottom
    pgMar.set(qn("w:header"), str(round(30 * MM)) if letter else str(round(15 * MM)))
    pgMar.set(qn("w:footer"), str(round(20 * MM)) if letter else str(round(22 * MM)))
    for g in sp.findall(qn("w:docGrid")):
        sp.remove(g)
    grid = _el(GRID)
    ps = sp.find(qn("w:printerSettings"))
    if ps is not None:
        ps.addprevious(grid)
    else:
        sp.append(grid)
    doc.settings.odd_and_even_pages_header_footer = True
    sec.different_first_page_header_footer = letter
    settings = doc.settings.element
    ah = settings.find(qn("w:autoHyphenation"))
    if ah is not None:
        settings.remove(ah)


def _fill(hf, paragraphs: list[str]) -> None:
    """Replace a header/footer's content with raw <w:p> snippets."""
    el = hf._element
    for child in list(el):
        el.remove(child)
    for p in paragraphs:
        el.append(_el(p))


def page_number_p(odd: bool, letter: bool) -> str:
    after = 170 if letter else None      # lift numbers to ~23 mm above the edge (letters' footer is at 20 mm)
    ppr = ppr_xml(style="GwPageNumber", jc="right" if odd else "left",
                  right=280 if odd else None, left=None if odd else 280, after=after)
    r = lambda t: f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>'
    fld = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
           '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return f"<w:p>{ppr}{r('— ')}{fld}{r(' —')}</w:p>"


EMPTY_HEADER_P = f'<w:p>{ppr_xml(style="Header")}</w:p>'


def setup_headers_footers(doc, letter: bool) -> None:
    sec = doc.sections[0]
    for hf in (sec.header, sec.even_page_header):
        hf.is_linked_to_previous = False
        _fill(hf, [EMPTY_HEADER_P])
    sec.footer.is_linked_to_previous = False
    _fill(sec.footer, [page_number_p(True, letter)])
    sec.even_page_footer.is_linked_to_previous = False
    _fill(sec.even_page_footer, [page_number_p(False, letter)])
    if not letter:
        return
    # First page: red 机关标志 + double line (thick over thin), 170 mm wide.
    fh = sec.first_page_header
    fh.is_linked_to_previous = False
    mark = ppr_xml(style="GwOrgMark", left=-OVERHANG, right=-OVERHANG,
                   borders=[("bottom", "single", 24, 11, RED)])
    thin = ppr_xml(style="GwLine", borders=[("bottom", "single", 6, 0, RED)])
    _fill(fh, [f'<w:p>{mark}<w:r><w:t>{{{{ office_mark }}}}</w:t></w:r></w:p>', f"<w:p>{thin}</w:p>"])
    # First-page footer: double line (thin over thick) 20 mm above the bottom edge; no number.
    ff = sec.first_page_footer
    ff.is_linked_to_previous = False
    _fill(ff, [f'<w:p>{ppr_xml(style="GwLine", borders=[("bottom", "single", 6, 0, RED)])}</w:p>',
               f'<w:p>{ppr_xml(style="GwLine", borders=[("bottom", "single", 24, 0, RED)])}</w:p>'])


# ---------------------------------------------------------------- body builders

class Body:
    """Appends paragraphs/tables (raw XML) before the body's sectPr."""

    def __init__(self, doc):
        self.doc = doc
        body = doc.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.sectPr = body.find(qn("w:sectPr"))

    def add(self, xml: str):
        el = _el(xml)
        self.sectPr.addprevious(el)
        return el

    def p(self, style: str | None, *runs, **ppr):
        """A paragraph; each run is text (one <w:t>, so a tag is never split) or (text, rPr xml)."""
        return self.add(para(style, *runs, **ppr))

    def tag(self, text: str):
        """A paragraph holding only a docxtpl {%p ... %} tag."""
        return self.add(para("GwBody", text))

    def table(self, widths, header, cells, *, loop=None, tail_rows=(), style_for=None):
        self.add(table_xml(widths, header, cells, loop=loop, tail_rows=tail_rows, style_for=style_for))


def _esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(text: str, rpr: str = "") -> str:
    if text == "\t":
        return f"<w:r>{rpr}<w:tab/></w:r>"
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


def para(style, *runs, **ppr) -> str:
    out = "<w:p>" + ppr_xml(style=style, **ppr)
    for r in runs:
        out += run(*r) if isinstance(r, tuple) else run(r)
    return out + "</w:p>"


def cell_xml(width: int, content: str, style="GwTableText", span=1, height_rule=None) -> str:
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    tcpr += '<w:vAlign w:val="center"/>'
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para(style, content) if content else para(style)}</w:tc>"


def row_xml(cells: list[str], header=False, height=None, cant_split=False) -> str:
    trpr = ""
    if cant_split:
        trpr += "<w:cantSplit/>"
    if height:
        trpr += f'<w:trHeight w:val="{height}" w:hRule="atLeast"/>'
    if header:
        trpr += "<w:tblHeader/>"
    return f"<w:tr>{'<w:trPr>' + trpr + '</w:trPr>' if trpr else ''}{''.join(cells)}</w:tr>"


def tbl_open(widths, *, style="GwTable", borders=None, floating=None, cell_mar=None) -> str:
    total = sum(widths)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    bd = borders or "".join(f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                            for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    mar = cell_mar or ('<w:top w:w="57" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
                       '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>')
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/>{floating or ""}'
            f'<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{bd}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{mar}</w:tblCellMar>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>')


def table_xml(widths, header, cells, *, loop=None, tail_rows=(), style_for=None) -> str:
    """Header row, then one row per item: ``{%tr for … %}`` / data row / ``{%tr endfor %}``."""
    style_for = style_for or (lambda i: "GwTableText")
    x = tbl_open(widths)
    x += row_xml([cell_xml(w, h, "GwTableHead") for w, h in zip(widths, header)], header=True)
    if loop:
        x += row_xml([cell_xml(widths[0], f"{{%tr for {loop} %}}")]
                     + [cell_xml(w, "") for w in widths[1:]])
    x += row_xml([cell_xml(w, c, style_for(i)) for i, (w, c) in enumerate(zip(widths, cells))],
                 cant_split=True)
    if loop:
        x += row_xml([cell_xml(widths[0], "{%tr endfor %}")] + [cell_xml(w, "") for w in widths[1:]])
    for tr in tail_rows:
        x += tr
    return x + "</w:tbl>"


HEI = rpr_xml(font=HEITI)


def letter_head(b: Body) -> None:
    """发文字号 flush right under the double line; 紧急程度 (黑体) flush left on the same line."""
    b.p("GwLetterNumber", ("{{ urgency }}", HEI), "\t", "{{ doc_number }}")
    b.p("GwTitle", "{{ title }}")
    b.p("GwRecipient", "{{ recipients_text }}：")


def signature(b: Body) -> None:
    b.p("GwSigner", "{{ office }}")
    b.p("GwDate", "{{ date_cn }}")


def contact_line(b: Body) -> None:
    # kept with the signature so that the page with 署名/日期 always shows some body text
    b.tag("{%p if contact or phone or email %}")
    b.p("GwBody", "联系人：{{ contact }}{% if phone %}，联系电话：{{ phone }}{% endif %}"
                  "{% if email %}，电子邮箱：{{ email }}{% endif %}。", keep_next=True)
    b.tag("{%p endif %}")


def letter_cc(b: Body) -> None:
    b.tag("{%p if cc_text %}")
    b.p("GwRecord", "抄送：{{ cc_text }}", before=LINE)
    b.tag("{%p endif %}")


def numbered_requirements(b) -> None:
    """The office's requirements, numbered 1. 2. 3., one paragraph each."""
    b.tag("{%p for r in requirements %}")
    b.tag("{%p if loop.last %}")
    # the last one kept with the 署名 after it: a list that ended at a page's foot left the 署名 and 日期 alone on
    # the next page (trial 13's November 通报), which GB/T 9704 7.3.5 does not allow; the others flow as body text
    b.p("GwBody", "{{ loop.index }}.{{ r }}", keep_next=True)
    b.tag("{%p else %}")
    b.p("GwBody", "{{ loop.index }}.{{ r }}")
    b.tag("{%p endif %}")
    b.tag("{%p endfor %}")


def attachments_note(b: Body) -> None:
    b.tag("{%p if attachment_text %}")
    b.p("GwAttachNote", "{{ attachment_text }}")
    b.tag("{%p endif %}")


# ---------------------------------------------------------------- the three documents

def chase_body(b: Body) -> None:
    letter_head(b)
    # the monthly due date is the office's own (the return sheets it sent), not the plan's
    b.p("GwBody", "为及时掌握{% if basis %}{{ basis }}所列{% else %}{{ plan_name }}{% endif %}各项任务推进情况，{{ office }}"
                  "已向各有关单位下发{{ period_cn }}进展情况报送表，"
                  "{% if original_deadline_cn %}请于{{ original_deadline_cn }}前报送{% else %}请按时报送{% endif %}。")
    b.p("GwBody", "{{ status_text }}{{ missing_text }}")
    b.tag("{%p if not per_unit %}")
    b.table([800, 3245, 1400, 1500, 1900], ["序号", "单位", "应报任务数", "联系人", "联系电话"],
            ["{{ m.seq }}", "{{ m.name }}", "{{ m.tasks }}", "{{ m.contact }}", "{{ m.phone }}"],
            loop="m in missing", style_for=lambda i: "GwTableText" if i == 1 else "GwTableCenter")
    b.tag("{%p endif %}")
    # the consequence is a clause typed in 设置: the sentence ends with 。 whether or not it has one
    # (kept with what follows: with no 联系人 line the 署名 and 日期 would otherwise stand alone on a page, which
    # GB/T 9704 does not allow — a new-user trial's 催报通知)
    b.p("GwBody", "请{{ addressee }}于{{ new_deadline_cn }}前"
                  "{{ channel_clause }}。{{ consequence }}"
                  "{% if consequence and consequence[-1:] not in '。！？；' %}。{% endif %}", keep_next=True)
    contact_line(b)
    attachments_note(b)
    signature(b)
    letter_cc(b)


def supervise_body(b: Body) -> None:
    letter_head(b)
    b.p("GwBody", "{% if basis %}根据{{ basis }}要求，{% endif %}经汇总各单位报送情况，截至"
                  "{{ report_date_cn }}，由你单位{{ role_text }}的{{ plan_tasks }}中，有{{ task_count }}项"
                  "逾期未完成或进度滞后{% if overdue_count %}（其中逾期{{ overdue_count }}项）{% endif %}。"
                  "为确保各项任务按期完成，现予以督办。")
    b.p("GwH1", "一、督办事项")
    b.table([700, 3845, 1400, 1800, 1100],
            ["序号", "任务内容", "完成时限", "逾期天数或滞后原因", "本期报送情况"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.deadline_text }}", "{{ t.lag_text }}",
             "{{ t.reported_text }}"],
            loop="t in tasks", style_for=lambda i: "GwTableText" if i in (1, 3, 4) else "GwTableCenter")
    b.p("GwH1", "二、办理要求")
    numbered_requirements(b)
    b.p("GwBody", "请于{{ reply_deadline_cn }}前{% if reply_workdays %}（{{ reply_workdays }}个工作日内）"
                  "{% endif %}将办理情况书面反馈{{ office }}（填写附件回执），反馈材料须经单位主要负责人"
                  "签字并加盖公章。确有困难不能按期办结的，请在期限届满前书面说明原因，提出整改措施和"
                  "预计完成时间。")
    b.p("GwBody", "对逾期未反馈、整改不力的，将按程序发出督查催办通知、开展现场督办，并视情予以"
                  "通报批评、提请约谈问责。", keep_next=True)      # (with the 署名, as in the 催报通知)
    contact_line(b)
    b.p("GwAttachNote", "附件：督办事项办理情况回执")
    signature(b)
    letter_cc(b)
    # 回执 on a new page
    b.p("GwAttachLabel", "附件", page_break_before=True)
    b.p("GwTitle", "督办事项办理情况回执", before=LINE)
    # each label on one line (「未完成原因及措」/「施」) and a 督办编号 such as 清河长督〔2026〕9号 whole (trial 23)
    # (督办编号 and 反馈期限 each on a row of its own: side by side, 「〔2026〕12号」 and 「2026年12月31日」 broke)
    w = [2100, 2545, 1845, 2355]
    full = sum(w[1:])
    x = tbl_open(w)
    lab = lambda t: cell_xml(w[0], t, "GwTableHead")
    x += row_xml([lab("承办单位"), cell_xml(full, "{{ unit }}", span=3)], height=700)
    x += row_xml([lab("督办编号"), cell_xml(full, "{{ doc_number }}", span=3)], height=700)
    x += row_xml([lab("反馈期限"), cell_xml(full, "{{ reply_deadline_cn }}", span=3)], height=700)
    x += row_xml([lab("办理情况"), cell_xml(full, "", span=3)], height=2300, cant_split=True)
    x += row_xml([lab("未完成原因及措施"), cell_xml(full, "", span=3)], height=1300, cant_split=True)
    x += row_xml([lab("预计完成时间"), cell_xml(w[1], ""), cell_xml(w[2], "单位负责人签字", "GwTableHead"),
                  cell_xml(w[3], "")], height=800)
    x += row_xml([lab("填报人"), cell_xml(w[1], ""), cell_xml(w[2], "联系电话", "GwTableHead"),
                  cell_xml(w[3], "")], height=700)
    x += row_xml([lab("日期"), cell_xml(full, "（单位盖章）　　　　年　　月　　日", "GwTableCenter", span=3)],
                 height=900)
    b.add(x + "</w:tbl>")
    b.p("GwNote", "注：请于{{ reply_deadline_cn }}前将本回执加盖公章后报送{{ office }}"
                  "{% if email %}（电子邮箱：{{ email }}）{% endif %}。", first_chars=None, before=120)


CAT_KEYS = ["total", "completed", "on_schedule", "lagging", "due_soon", "overdue", "ongoing", "not_reported"]


def units_table(b: Body) -> None:
    # the task columns add up to 任务数: every answering share counted once, by its status
    b.table([560, 2225, 640, 640, 640, 700, 700, 640, 700, 1400],
            ["排名", "单位", "得分", "任务数", "已完成", "正常推进", "进度滞后", "逾期", "未报送", "报送情况"],
            ["{{ u.rank }}", "{{ u.unit }}", "{{ u.score }}", "{{ u.tasks }}", "{{ u.completed }}",
             "{{ u.on_track }}", "{{ u.lagging }}", "{{ u.overdue }}", "{{ u.not_reported }}", "{{ u.reported }}"],
            loop="u in by_unit", style_for=lambda i: "GwTableText" if i == 1 else "GwTableCenter")
    b.p("GwNote", "注：正常推进含序时推进、临期和长期坚持；已过完成时限仍未完成的任务计入逾期（未报送的也计入逾期），"
                  "「未报送」是本期没有报送、尚未到期的任务。", first_chars=None, before=60)


def overdue_table(b: Body) -> None:
    # 逾期天数 shares the column of its reason (as in the 督办通知): five columns leave the
    # task text room to be read at 小四
    b.table([700, 3645, 1600, 1300, 1600],
            ["序号", "任务内容", "{{ lead_word }}", "完成时限", "逾期天数及原因"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.deadline_text }}",
             "{% if t.days_overdue %}逾期{{ t.days_overdue }}天{% if t.reason %}；{% endif %}{% endif %}"
             "{{ t.reason }}"],
            loop="t in overdue_tasks", style_for=lambda i: "GwTableText" if i in (1, 2, 4) else "GwTableCenter")


def lagging_table(b: Body) -> None:
    b.table([700, 3600, 1600, 1300, 1645],
            ["序号", "任务内容", "{{ lead_word }}", "完成时限", "滞后原因"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.deadline_text }}", "{{ t.reason }}"],
            loop="t in lagging_tasks", style_for=lambda i: "GwTableText" if i in (1, 2, 4) else "GwTableCenter")


def bulletin_body(b: Body) -> None:
    # 版头 (文件格式): 机关标志 35 mm below the top of the 版心, 发文字号 two lines below it,
    # red separator 4 mm under the number.
    b.p("GwOrgMark", "{{ office_mark }}", before=round(35 * MM))
    b.p("GwDocNumber", "{{ doc_number }}", before=2 * LINE,
        borders=[("bottom", "single", 12, 11, RED)])
    b.p("GwTitle", "{{ title }}")
    b.p("GwRecipient", "{{ recipients_text }}：")
    b.p("GwBody", "{% if basis %}根据{{ basis }}要求，{% endif %}现将截至{{ report_date_cn }}"
                  "{{ plan_name }}各项任务推进情况通报如下。")
    b.p("GwH1", "{{ h.overall }}总体情况")
    b.p("GwBody", "{{ totals_text }}{{ comparison_text }}")
    b.tag("{%p if list_change_text %}")
    b.p("GwBody", "{{ list_change_text }}")
    b.tag("{%p endif %}")
    b.tag("{%p if charts.status_by_category %}")
    b.p("GwFigure", "{{ charts.status_by_category }}")
    b.p("GwCaption", "图1　各类重点任务推进情况")
    b.tag("{%p endif %}")

    b.p("GwH1", "{{ h.categories }}分类推进情况")
    b.p("GwBody", "按重点任务分类，各类任务推进情况如下表。")
    w = [2245] + [700] * 8 + [1000]
    head = ["重点任务", "任务数", "已完成", "序时推进", "进度滞后", "临期", "逾期", "长期坚持", "未报送", "完成率"]
    total_row = row_xml([cell_xml(w[0], "合计", "GwTableHead")]
                        + [cell_xml(w[i + 1], f"{{{{ totals.{k} }}}}", "GwTableCenter")
                           for i, k in enumerate(CAT_KEYS)]
                        + [cell_xml(w[9], "{{ totals.completion_rate_pct }}", "GwTableCenter")])
    b.table(w, head, ["{{ c.category }}"] + [f"{{{{ c.{k} }}}}" for k in CAT_KEYS]
            + ["{{ c.completion_rate_pct }}"], loop="c in by_category",
            tail_rows=[total_row], style_for=lambda i: "GwTableText" if i == 0 else "GwTableCenter")

    # measured targets (zhishui/targets.py): only when the list has some
    b.tag("{%p if targets %}")
    b.p("GwH1", "{{ h.targets }}主要目标完成情况")
    b.p("GwBody", "{{ target_text }}")
    b.table([700, 2745, 1100, 1100, 1100, 2100],
            ["序号", "指标", "目标值", "本期数值", "序时目标值", "完成情况"],
            ["{{ t.seq }}", "{{ t.indicator }}", "{{ t.target }}", "{{ t.value }}", "{{ t.path }}",
             "{{ t.verdict }}{% if t.gap %}，{{ t.gap }}{% endif %}"],
            loop="t in targets", style_for=lambda i: "GwTableText" if i in (1, 5) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.p("GwH1", "{{ h.units }}各单位推进情况")
    b.p("GwBody", "{{ ranking_text }}{{ reporting_text }}")
    b.tag("{%p if not units_annexed %}")
    units_table(b)
    b.tag("{%p endif %}")
    b.tag("{%p if charts.units_ranked %}")
    b.p("GwFigure", "{{ charts.units_ranked }}")
    b.p("GwCaption", "图2　各单位得分{{ units_chart_partial }}")
    b.tag("{%p endif %}")
    # 晾晒: this month's score and the year to date, ranked by the year (ranking.py)
    b.tag("{%p if sunning %}")
    b.p("GwBody", "{{ sunning_text }}")
    b.table([700, 3345, 1100, 1500, 1100, 1100],
            ["年度名次", "单位", "本月得分", "年度累计得分", "本月名次", "较上月"],
            ["{{ r.ytd_rank }}", "{{ r.unit }}", "{{ r.score }}", "{{ r.ytd }}", "{{ r.rank }}", "{{ r.change }}"],
            loop="r in sunning", style_for=lambda i: "GwTableText" if i == 1 else "GwTableCenter")
    b.tag("{%p endif %}")

    b.p("GwH1", "{{ h.problems }}存在问题")
    b.p("GwBody", "{{ problem_text }}")
    # many overdue and lagging tasks: the body counts them by unit, the tables are annexes (trial 25)
    b.tag("{%p if problems_annex_text %}")
    b.p("GwBody", "{{ problems_annex_text }}", keep_next=True)
    b.tag("{%p endif %}")
    b.tag("{%p if behind_units %}")
    # (no row number: the only numbers here are the list's 序号)
    b.table([2445, 850, 2350, 850, 2350],
            ["单位", "逾期任务数", "逾期任务序号", "滞后任务数", "滞后任务序号"],
            ["{{ r.unit }}", "{{ r.overdue or '' }}", "{{ r.overdue_seqs }}", "{{ r.lagging or '' }}", "{{ r.lagging_seqs }}"],
            loop="r in behind_units", style_for=lambda i: "GwTableText" if i in (0, 2, 4) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.tag("{%p if h2.overdue %}")
    b.p("GwH2", "{{ h2.overdue }}逾期未完成任务")
    overdue_table(b)
    b.tag("{%p endif %}")
    b.tag("{%p if h2.lagging %}")
    b.p("GwH2", "{{ h2.lagging }}进度滞后任务")
    lagging_table(b)
    b.tag("{%p endif %}")
    # month over month (zhishui/changes.py): tasks gone backwards, progress copied from last month
    # (tasks whose only flag is progress copied are one sentence, the table is what went backwards: trial 21)
    b.tag("{%p if regression_text %}")
    b.p("GwH2", "{{ h2.regressions }}与上期相比退步或进展照抄的任务")
    b.p("GwBody", "{{ regression_text }}")
    b.tag("{%p endif %}")
    b.tag("{%p if regressions %}")
    b.table([700, 3045, 1500, 900, 900, 1800],
            ["序号", "任务内容", "{{ lead_word }}", "上期状态", "本期状态", "情况"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.previous }}", "{{ t.status }}", "{{ t.changes }}"],
            loop="t in regressions", style_for=lambda i: "GwTableText" if i in (1, 2, 5) else "GwTableCenter")
    b.tag("{%p endif %}")

    # 销号 and 延期 (zhishui/decisions.py): tasks closed out this period, extensions decided or in force
    b.tag("{%p if decisions_shown %}")
    b.p("GwH1", "{{ h.decisions }}销号和延期")
    b.p("GwBody", "{{ closeout_text }}{{ extension_text }}")
    # each table after its own sentence: two tables never touch (a new-user trial)
    b.tag("{%p if closed_now %}")
    b.p("GwBody", "本期批准销号的任务如下表。", keep_next=True)
    b.table([700, 3845, 1800, 2500], ["序号", "销号任务", "{{ lead_word }}", "批准情况"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.note }}"],
            loop="t in closed_now", style_for=lambda i: "GwTableText" if i in (1, 2, 3) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.tag("{%p if extensions %}")
    b.p("GwBody", "延期申请办理情况如下表。", keep_next=True)
    b.table([700, 3045, 1700, 1300, 1300, 800], ["序号", "延期任务", "申请单位", "原时限", "调整后时限", "办理"],
            ["{{ e.seq }}", "{{ e.content }}", "{{ e.unit }}", "{{ e.original_cn }}", "{{ e.adjusted_cn }}",
             "{{ e.decision }}"],
            loop="e in extensions", style_for=lambda i: "GwTableText" if i in (1, 2) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.tag("{%p endif %}")
    b.p("GwH1", "{{ h.next }}下月（{{ next_month_cn }}）到期任务")
    b.tag("{%p if due_next_month %}")
    b.p("GwBody", "{{ next_month_cn }}共有{{ due_next_month|length }}项任务到期，请各{{ lead_word }}抓紧推进，"
                  "确保按期完成。", keep_next=True)
    b.table([700, 4945, 1800, 1400], ["序号", "任务内容", "{{ lead_word }}", "完成时限"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.deadline_text }}"],
            loop="t in due_next_month", style_for=lambda i: "GwTableText" if i in (1, 2) else "GwTableCenter")
    b.tag("{%p else %}")
    b.p("GwBody", "{{ next_month_cn }}无到期任务。")
    b.tag("{%p endif %}")
    # a node past and the task not done: judged on the final date, said here (README 「任务状态怎么定」)
    b.tag("{%p if nodes_passed %}")
    b.p("GwBody", "另有{{ nodes_passed|length }}项任务已过阶段节点、本期未报完成（状态按最终完成时限判定），"
                  "请{{ lead_word }}对照节点核实，并在下期报送中说明节点完成情况。", keep_next=True)
    b.table([700, 3245, 1500, 1700, 1700], ["序号", "任务内容", "{{ lead_word }}", "已过节点", "本期报送"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.nodes }}", "{{ t.reported }}"],
            loop="t in nodes_passed", style_for=lambda i: "GwTableText" if i else "GwTableCenter")
    b.tag("{%p endif %}")

    b.p("GwH1", "{{ h.requirements }}下一步工作要求")
    numbered_requirements(b)
    attachments_note(b)
    b.p("GwSigner", "{{ office }}")
    # the date kept with the 附注 after it: alone on the last page beside the 版记 it read as cut off (trial 22)
    b.tag("{%p if contact %}")
    b.p("GwDate", "{{ date_cn }}", keep_next=True)
    b.p("GwNote", "（联系人：{{ contact }}{% if phone %}，联系电话：{{ phone }}{% endif %}）")
    b.tag("{%p else %}")
    b.p("GwDate", "{{ date_cn }}")
    b.tag("{%p endif %}")
    # many units, many overdue and lagging tasks: the full tables as annexes, each on its own pages before the 版记
    for shown, name, table in (("units_annexed", "各单位推进情况表", units_table),
                               ("problems_annexed and overdue_tasks", "逾期未完成任务清单", overdue_table),
                               ("problems_annexed and lagging_tasks", "进度滞后任务清单", lagging_table)):
        b.tag(f"{{%p if {shown} %}}")
        b.p("GwAttachLabel", f"{{{{ annex['{name}'] }}}}", page_break_before=True)
        b.p("GwTitle", name, before=LINE)
        table(b)
        b.tag("{%p endif %}")
    # 版记: 抄送 and 印发机关/日期 between thick (first, last) and thin (middle) lines,
    # a table anchored to the bottom of the 版心 on the last page.
    _record(b)


def _record(b: Body) -> None:
    """版记: 抄送 and 印发机关/日期 between lines, anchored to the bottom of the last page."""
    thick, thin = 8, 6
    borders = (f'<w:top w:val="single" w:sz="{thick}" w:space="0" w:color="000000"/>'
               '<w:left w:val="nil"/>'
               f'<w:bottom w:val="single" w:sz="{thick}" w:space="0" w:color="000000"/>'
               '<w:right w:val="nil"/>'
               f'<w:insideH w:val="single" w:sz="{thin}" w:space="0" w:color="000000"/>'
               '<w:insideV w:val="nil"/>')
    floating = ('<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" '
                f'w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="{MARGIN["left"]}" w:tblpYSpec="bottom"/>')
    mar = ('<w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
           '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>')
    rec_w = TEXT_W
    x = tbl_open([rec_w], borders=borders, floating=floating, cell_mar=mar)
    rec = lambda text: cell_xml(rec_w, text, "GwRecord")
    x += row_xml([rec("{%tr if cc_text %}")])
    x += row_xml([rec("抄送：{{ cc_text }}")], cant_split=True)
    x += row_xml([rec("{%tr endif %}")])
    x += row_xml([f'<w:tc><w:tcPr><w:tcW w:w="{rec_w}" w:type="dxa"/></w:tcPr>'
                  + para("GwRecord", "{{ office }}", "\t", "{{ print_date_cn }}印发") + "</w:tc>"],
                 cant_split=True)
    b.add(x + "</w:tbl>")
    b.p("GwLine")       # a document must end with a paragraph; it also anchors the floating 版记


def annual_body(b: Body) -> None:
    """The year's summary (seed 003's 每年1月20日前 report): 文件格式 like the 通报, the 考核 result
    as its annex (a document of its own: assessment_body)."""
    b.p("GwOrgMark", "{{ office_mark }}", before=round(35 * MM))
    b.p("GwDocNumber", "{{ doc_number }}", before=2 * LINE, borders=[("bottom", "single", 12, 11, RED)])
    b.p("GwTitle", "{{ title }}")
    b.p("GwRecipient", "{{ recipients_text }}：")
    b.p("GwBody", "{% if basis %}根据{{ basis }}要求，{% endif %}现将{{ year }}年度{{ plan_name }}"
                  "实施情况总结如下。")
    b.p("GwH1", "{{ h.overall }}总体情况")
    b.p("GwBody", "{{ summary_text }}")
    b.tag("{%p if charts.months %}")
    b.p("GwFigure", "{{ charts.months }}")
    b.p("GwCaption", "图1　各月任务推进情况")
    b.tag("{%p endif %}")
    w = [1000] + [850] * 8 + [1045]          # the 版心 wide, as every data table (a 3-character header stays whole)
    b.table(w, ["月份", "任务数", "已完成", "序时推进", "进度滞后", "临期", "逾期", "长期坚持", "未报送", "完成率"],
            ["{{ r.month_cn }}"] + [f"{{{{ r.{k} }}}}" for k in CAT_KEYS] + ["{{ r.completion_rate_pct }}"],
            loop="r in months", style_for=lambda i: "GwTableCenter")
    b.p("GwH1", "{{ h.categories }}分类完成情况")
    # (长期坚持 apart from 未完成, as the text of 尚未完成的任务 counts them: the session-17 trial)
    b.table([2245, 700, 900, 900, 800, 800, 900, 700, 900],
            # (the first month summed up, not 「年初」: a plan started in September read as done before the year, trial 22)
            ["重点任务", "任务数", "{{ done_start_head }}", "{{ done_end_head }}", "已销号", "未完成", "长期坚持", "逾期",
             "完成率"],
            ["{{ c.category }}", "{{ c.tasks }}", "{{ c.done_start }}", "{{ c.done }}", "{{ c.closed }}",
             "{{ c.open }}", "{{ c.kept_up }}", "{{ c.overdue }}", "{{ c.rate_pct }}"],
            loop="c in by_category", style_for=lambda i: "GwTableText" if i == 0 else "GwTableCenter")
    b.p("GwH1", "{{ h.units }}各单位完成情况和年度考核")
    b.p("GwBody", "{{ ranking_text }}各单位年度考核得分见附件。")
    # 年底逾期 counts tasks, 报送不及时月数 months of the unit's returns: each header says which (the trial-15 table's
    # 「逾期」 beside 「逾期或未报送月数」 read as a contradiction where a unit had one and not the other)
    b.table([800, 2745, 900, 800, 1000, 1000, 1600],
            ["考核名次", "单位", "年度得分", "任务数", "已完成", "年底逾期", LATE_MONTHS],
            ["{{ u.rank }}", "{{ u.unit }}", "{{ u.score }}", "{{ u.tasks }}", "{{ u.done }}", "{{ u.overdue }}",
             "{{ u.late_months }}"],
            loop="u in by_unit", style_for=lambda i: "GwTableText" if i == 1 else "GwTableCenter")
    b.p("GwBody", "注：任务数、已完成、年底逾期按单位参与的任务在年底的状态计（共同负责的任务由最慢的单位决定）；"
                  f"{LATE_MONTHS}是本年逾期报送、未报送、交来空表或文件无法读取的月数，说的是报送，不是任务；"
                  "年度得分按单位自己那一份的报送和推进情况计，所以逾期任务多的单位得分也可能高。")
    b.tag("{%p if charts.units %}")
    b.p("GwFigure", "{{ charts.units }}")
    b.p("GwCaption", "图2　各单位年度考核得分")
    b.tag("{%p endif %}")
    b.tag("{%p if targets %}")
    b.p("GwH1", "{{ h.targets }}主要目标完成情况")
    b.p("GwBody", "{{ target_text }}")
    b.table([700, 3645, 1200, 1200, 2100], ["序号", "指标", "目标值", "年底数值", "完成情况"],
            ["{{ t.seq }}", "{{ t.indicator }}", "{{ t.target }}", "{{ t.value }}", "{{ t.verdict }}"],
            loop="t in targets", style_for=lambda i: "GwTableText" if i in (1, 4) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.p("GwH1", "{{ h.decisions }}销号、延期和清单调整")
    b.p("GwBody", "{{ decisions_text }}")
    b.tag("{%p if closed %}")
    b.p("GwBody", "全年批准销号的任务如下表。", keep_next=True)
    b.table([700, 4645, 1500, 2000], ["序号", "销号任务", "报送期", "批准日期"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.period }}", "{{ t.by }}"],
            loop="t in closed", style_for=lambda i: "GwTableText" if i == 1 else "GwTableCenter")
    b.tag("{%p endif %}")
    b.tag("{%p if extensions %}")
    b.p("GwBody", "全年办理的延期申请如下表。", keep_next=True)
    b.table([700, 2845, 1700, 800, 1400, 1400], ["序号", "延期任务", "申请单位", "办理", "原时限", "调整后时限"],
            ["{{ e.seq }}", "{{ e.content }}", "{{ e.unit }}", "{{ e.decision }}", "{{ e.original }}", "{{ e.adjusted }}"],
            loop="e in extensions", style_for=lambda i: "GwTableText" if i in (1, 2) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.tag("{%p if list_changes %}")
    b.p("GwBody", "全年责任清单的修订如下表（修订前后的任务按对应关系逐月比较）。", keep_next=True)
    b.table([1300, 800, 800, 800, 3045, 2100], ["启用月份", "变更", "原序号", "新序号", "任务内容", "说明"],
            ["{{ x.period }}", "{{ x.kind }}", "{{ x.old }}", "{{ x.new }}", "{{ x.content }}", "{{ x.detail }}"],
            loop="x in list_changes", style_for=lambda i: "GwTableText" if i in (4, 5) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.p("GwH1", "{{ h.open }}尚未完成的任务")
    b.p("GwBody", "{{ open_text }}")
    b.tag("{%p if open_tasks %}")
    b.table([700, 4345, 2500, 1300], ["序号", "任务内容", "责任单位", "年底状态"],
            ["{{ t.seq }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.status }}"],
            loop="t in open_tasks", style_for=lambda i: "GwTableText" if i in (1, 2) else "GwTableCenter")
    b.tag("{%p endif %}")
    b.p("GwH1", "{{ h.next }}下一步工作")
    numbered_requirements(b)
    attachments_note(b)
    signature(b)
    _record(b)


def assessment_body(b: Body) -> None:
    """The yearly 考核 result, the annual summary's annex: the ranking table and the scheme."""
    b.p("GwAttachLabel", "附件")
    b.p("GwTitle", "{{ title }}", before=LINE)
    b.p("GwBody", "{{ scheme_text }}")
    b.table([900, 3845, 1200, 1200, 1700], ["名次", "单位", "年度得分", "考核月数", "得分最低的月份"],
            ["{{ u.rank }}", "{{ u.unit }}", "{{ u.score }}", "{{ u.months }}", "{{ u.worst }}"],
            loop="u in units", style_for=lambda i: "GwTableText" if i == 1 else "GwTableCenter")
    b.tag("{%p if scheme %}")
    b.p("GwBody", "考核办法（设置表中的各项，单位可据此核对得分）：")
    b.table([2645, 1000, 5200], ["项目", "分值", "说明"], ["{{ x.item }}", "{{ x.value }}", "{{ x.what }}"],
            loop="x in scheme", style_for=lambda i: "GwTableCenter" if i == 1 else "GwTableText")
    b.tag("{%p endif %}")


BUILDERS = {"chase": (chase_body, True, "催报通知"), "supervise": (supervise_body, True, "督办通知"),
            "bulletin": (bulletin_body, False, "工作进展情况通报"), "annual": (annual_body, False, "年度工作总结"),
            "assessment": (assessment_body, False, "年度考核结果")}


# ---------------------------------------------------------------- base document and saving

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles><style:default-style style:family="paragraph"><style:text-properties
 fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
</style:default-style></office:styles>
<office:body><office:text><text:p/></office:text></office:body></office:document>
"""


def libreoffice_base() -> bytes:
    """A minimal .docx written by LibreOffice (converted from a tiny flat ODT)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("LibreOffice (soffice) is needed to build the templates: make sysdeps")
    work = Path(tempfile.mkdtemp(prefix="zhishui-base-"))
    profile = work / "profile"
    try:
        src = work / "base.fodt"
        src.write_text(FODT, encoding="utf-8")
        r = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work), str(src)],
                           capture_output=True, text=True, timeout=180,
                           env={**os.environ, "HOME": str(work)})
        out = work / "base.docx"
        if r.returncode != 0 or not out.exists():
            raise SystemExit(f"LibreOffice failed: {r.stdout} {r.stderr}")
        return out.read_bytes()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def deterministic_zip(data: bytes) -> bytes:
    """Same bytes for the same content: fixed timestamps and attributes, same order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


def build_one(kind: str, base: bytes, out_dir: Path, builders: dict | None = None, files: dict | None = None) -> Path:
    """One template: ``builders[kind]`` is (body function, 信函格式?, title); the water templates
    pass their own tables."""
    fn, letter, title = (builders or BUILDERS)[kind]
    doc = Document(io.BytesIO(base))
    setup_styles(doc)
    setup_font_table(doc)
    setup_page(doc, letter)
    setup_headers_footers(doc, letter)
    fn(Body(doc))
    cp = doc.core_properties
    cp.title = f"{title}（模板）"
    cp.language = "zh-CN"
    cp.author = "治水督办助手"
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    out = Path(out_dir) / (files or FILES)[kind]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(deterministic_zip(buf.getvalue()))
    return out


def build(out_dir: Path = TEMPLATES) -> list[Path]:
    base = libreoffice_base()
    return [build_one(k, base, Path(out_dir)) for k in BUILDERS]


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES):
        print(p)
