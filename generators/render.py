"""Render 催报通知 / 督办通知 / 进展通报 from the Word templates with docxtpl.

* ``render_document(kind, context, out_path)`` renders one document.
* ``TemplateRenderer(kind)`` loads and checks a template once and renders many
  documents (300 letters): the patched XML and the compiled jinja templates are
  reused; only the python-docx package is re-read per letter.

Safety: autoescape is always on (a raw ``&`` or ``<`` would otherwise make
docxtpl's recovering XML parser drop text), ``None`` prints as nothing, user
text is cleaned of XML-illegal characters, and every output is written to a
temporary file in the target folder and moved into place only when complete.
A template a clerk broke (a misspelt variable, an unclosed ``{%tr for %}``, a
tag garbled by formatting) gives a ZhishuiError naming the template and the tag.
"""
from __future__ import annotations

import datetime as dt
import difflib
import io
import os
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta
from lxml import etree

from zhishui.errors import ZhishuiError
from zhishui.fileutil import atomic_path, restamp_zip
from zhishui.sheettext import xml_text

from .contexts import HIDDEN_UNDERSCORE, KINDS, kind_of, prepare, sample_context
from .official import cn_date, cn_datetime, cn_month, cn_num, pct, safe_filename, text_width
from .table_widths import fit_tables

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_FILES = {"chase": "催报通知.docx", "supervise": "督办通知.docx", "bulletin": "进展通报.docx",
                  "annual": "年度工作总结.docx", "assessment": "年度考核结果.docx"}
CHART_WIDTH = Mm(150)
ZIP_EPOCH = dt.datetime(1980, 1, 1)
CHAR_TWIPS = 315            # one 字 of body text: 16 pt condensed by 0.25 pt (28 a line)
FULL_WIDTH_MARKS = "｛｝％"


def template_path(kind: str) -> Path:
    return TEMPLATE_DIR / TEMPLATE_FILES[kind_of(kind)]


def _finalize(v):
    # text a Word document cannot hold (control characters from a unit's cell) is replaced here
    return "" if v is None else xml_text(v) if isinstance(v, str) else v


def make_env() -> Environment:
    """The jinja environment every render uses (autoescape, None -> '', Chinese filters)."""
    env = Environment(autoescape=True, finalize=_finalize, undefined=StrictUndefined)
    env.filters.update(cn_date=cn_date, cn_datetime=cn_datetime, cn_month=cn_month, pct=pct,
                       cn_num=cn_num)
    return env


# ---------------------------------------------------------------- docxtpl with caches

class _CachedTemplate(DocxTemplate):
    """DocxTemplate that keeps the patched XML and compiled templates between renders."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._data = data
        self._patched: dict = {}
        self._compiled: dict = {}

    def init_docx(self, reload: bool = True):
        if not self.docx or (self.is_rendered and reload):
            self.docx = Document(io.BytesIO(self._data))
            self.is_rendered = False

    def patched_parts(self) -> dict:
        """{part name: patched XML} for the body, headers and footers (what jinja sees)."""
        self.init_docx()
        if "body" not in self._patched:
            self._patched["body"] = (self.patch_xml(self.get_xml()), "utf-8")
        for uri in (self.HEADER_URI, self.FOOTER_URI):
            for rel_key, part in self.get_headers_footers(uri):
                if rel_key not in self._patched:
                    xml = self.get_part_xml(part)
                    self._patched[rel_key] = (self.patch_xml(xml), self.get_headers_footers_encoding(xml))
        return {k: v[0] for k, v in self._patched.items()}

    def part_label(self, key: str) -> str:
        if key == "body":
            return "正文"
        rel = self.docx._part.rels.get(key)
        name = str(rel.target_part.partname) if rel is not None else key
        return "页眉" if "header" in name else "页脚"

    def build_xml(self, context, jinja_env=None):
        self.patched_parts()
        return self.render_xml_part(self._patched["body"][0], self.docx._part, context, jinja_env)

    def build_headers_footers_xml(self, context, uri, jinja_env=None):
        self.patched_parts()
        for rel_key, part in self.get_headers_footers(uri):
            xml, enc = self._patched[rel_key]
            yield rel_key, self.render_xml_part(xml, part, context, jinja_env).encode(enc)

    def compiled(self, src_xml: str, jinja_env):
        t = self._compiled.get(src_xml)
        if t is None:
            t = jinja_env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml))
            self._compiled[src_xml] = t
        return t

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        self.current_rendering_part = part
        dst_xml = self.compiled(src_xml, jinja_env or make_env()).render(context)
        dst_xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml)
        dst_xml = (dst_xml.replace("{_{", "{{").replace("}_}", "}}")
                   .replace("{_%", "{%").replace("%_}", "%}"))
        dst_xml = self.resolve_listing(dst_xml)
        return dst_xml.replace(HIDDEN_UNDERSCORE, "_")


# ---------------------------------------------------------------- template checks

_TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_BLOCK_OPEN = {"for", "if", "with", "macro", "call", "filter", "raw", "block"}


def _paragraph_texts(doc) -> list[tuple[str, str]]:
    """(where, text) of every paragraph a clerk can edit: body (tables included), headers, footers."""
    out = []
    n = 0
    for p in doc.element.body.iter(qn("w:p")):
        n += 1
        in_table = any(a.tag == qn("w:tc") for a in p.iterancestors())
        out.append((f"正文第{n}段" + ("（表格内）" if in_table else ""),
                    "".join(t.text or "" for t in p.iter(qn("w:t")))))
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            kind = "页眉" if rel.reltype.endswith("/header") else "页脚"
            root = etree.fromstring(rel.target_part.blob)
            for p in root.iter(qn("w:p")):
                out.append((kind, "".join(t.text or "" for t in p.iter(qn("w:t")))))
    return out


def _short(s: str, n: int = 40) -> str:
    s = s.strip()
    return s if len(s) <= n else s[:n] + "…"


def lint_template(doc, name: str) -> None:
    """Find tags a clerk's edits broke before jinja sees them; raise ZhishuiError."""
    stack: list[tuple[str, str, str]] = []
    for where, text in _paragraph_texts(doc):
        if not any(ch in text for ch in "{}%" + FULL_WIDTH_MARKS):
            continue
        # full-width braces typed by an input method next to a tag
        for m in re.finditer(r"[{｛][{｛%％]|[%％}｝][}｝]", text):
            bad = "".join(c for c in m.group() if c in FULL_WIDTH_MARKS)
            if bad:
                raise ZhishuiError(
                    f"模板{where}的标签「{_fragment(text, m.start())}」中有全角符号「{bad}」，"
                    "软件无法识别这个标签", file=name,
                    hint="请在英文输入法下重新输入整个标签，例如 {{ unit }}、{%p if cc %}")
        pos = 0
        while True:
            i = _next_open(text, pos)
            if i < 0:
                stray = re.search(r"\}\}|%\}", text[pos:])
                if stray:
                    frag = _fragment(text, pos + stray.start(), back=True)
                    raise ZhishuiError(f"模板{where}的「{frag}」多出结束符「{stray.group()}」，前面缺少开始符",
                                       file=name, hint=_TYPE_HINT)
                break
            opener = text[i:i + 2]
            closer = {"{{": "}}", "{%": "%}", "{#": "#}"}[opener]
            j = text.find(closer, i + 2)
            nxt = _next_open(text, i + 2)
            if j < 0 or (0 <= nxt < j):
                frag = _short(text[i:nxt if 0 <= nxt else None] or text[i:], 30)
                raise ZhishuiError(f"模板{where}的标签「{frag}」不完整：缺少结束符「{closer}」",
                                   file=name, hint=_TYPE_HINT)
            tag = text[i:j + 2]
            pos = j + 2
            if opener == "{%":
                _check_block(tag, where, name, stack)
    if stack:
        tag, where, kw = stack[-1]
        end = "end" + kw
        prefix = re.match(r"\{%-?\s*(p|tr|tc|r)(?=\s)", tag)
        want = "{%" + (prefix.group(1) + " " if prefix else " ") + end + " %}"
        raise ZhishuiError(f"模板{where}的标签「{tag}」没有对应的结束标签「{want}」", file=name,
                           hint="循环和条件必须成对出现：{%tr for … %} 与 {%tr endfor %}、"
                                "{%p if … %} 与 {%p endif %}，请补上或删除整对标签")


_TYPE_HINT = ("请在Word中删除这个标签后一次性重新输入（不要只给标签的一部分设置格式），"
              "或从模板说明中复制标签，用「只保留文本」方式粘贴")


def _next_open(text: str, pos: int) -> int:
    m = re.compile(r"\{[{%#]").search(text, pos)
    return m.start() if m else -1


def _fragment(text: str, at: int, back: bool = False) -> str:
    """The tag around position ``at``: from its opening {{ / {% (half- or full-width) on."""
    if back:
        return _short(text[max(0, at - 20):at + 2], 30)
    starts = [m.start() for m in re.finditer(r"[{｛][{｛%％]", text[:at + 1])]
    a = starts[-1] if starts else max(0, at - 10)
    end = re.compile(r"[%％}｝][}｝]").search(text, at)
    b = end.end() if end else at + 12
    return _short(text[a:b], 40)


def _check_block(tag: str, where: str, name: str, stack: list) -> None:
    m = re.match(r"\{%-?(?:(p|tr|tc|r)(?=\s))?\s*(\w+)", tag)
    if not m:
        return
    prefix, kw = m.group(1), m.group(2)
    if prefix is None and kw in ("p", "tr", "tc", "r"):
        raise ZhishuiError(f"模板{where}的标签「{tag}」中「{{%」和「{kw}」之间不能有空格", file=name,
                           hint=f"应写成「{{%{kw} …」，例如 {{%tr for t in tasks %}}")
    if kw in _BLOCK_OPEN:
        stack.append((tag, where, kw))
    elif kw.startswith("end") and kw[3:] in _BLOCK_OPEN:
        if not stack or stack[-1][2] != kw[3:]:
            if stack:
                otag, owhere, okw = stack[-1]
                raise ZhishuiError(f"模板{where}的结束标签「{tag}」与{owhere}的「{otag}」不配对",
                                   file=name, hint=f"「{otag}」应以 end{okw} 结束")
            raise ZhishuiError(f"模板{where}的结束标签「{tag}」前面没有对应的开始标签", file=name,
                               hint="请删除它，或补上对应的 {%… for/if … %}")
        stack.pop()


_JINJA_MESSAGES = [
    (r"unexpected 'end of (?:print statement|statement block)'", "标签中的表达式没有写完"),
    (r"Encountered unknown tag '(\w+)'", "不认识的标签「{0}」"),
    (r"Unexpected end of template.*looking for the following tags: (.*?)\.", "模板提前结束，缺少结束标签（{0}）"),
    (r"unexpected '(.*?)'", "出现了多余的「{0}」"),
    (r"unexpected char '(.*?)'", "出现了无法识别的字符「{0}」"),
    (r"expected token '(.*?)', got '(.*?)'", "此处应为「{0}」，实际是「{1}」"),
]


def _cn_jinja(msg: str) -> str:
    for pat, cn in _JINJA_MESSAGES:
        m = re.search(pat, msg, re.S)
        if m:
            return cn.format(*m.groups())
    return msg


def _all_tags(doc) -> list[str]:
    return [m.group() for _, t in _paragraph_texts(doc) for m in _TAG_RE.finditer(t)]


# ---------------------------------------------------------------- fields the templates print

NUMBER_BLANK = "\u3000\u3000"          # two full-width spaces: the clerk writes the number in


def supervise_title(matter: str) -> str:
    """关于加快推进{matter}任务的督办通知 ("任务"/"工作" not doubled)."""
    matter = matter.strip()
    tail = "" if matter.endswith(("任务", "工作", "事项")) else "任务"
    return f"关于加快推进{matter}{tail}的督办通知"


def prepare_for_template(kind: str, context: dict) -> dict:
    """contexts.prepare plus what only the printed page needs.

    * ``title`` of a 督办通知 names the matter: from ``matter`` (e.g. "生猪屠宰厂布点专项规划
      编制等3项逾期"), else from the plan's name; an explicit ``title`` wins.
    * ``doc_number`` when none is given: ``doc_code`` (发文机关代字, e.g. 永环督) +
      〔``doc_year`` or the year of ``date``〕 + ``doc_seq`` + 号; without a code or without a
      sequence number the place of the number is left blank to fill in by hand (〔2020〕　　号),
      and no code is invented. ``doc_number_blank`` says a blank was left.
    """
    kind = kind_of(kind)
    ctx = dict(context) if isinstance(context, dict) else context
    if isinstance(ctx, dict):
        ctx.setdefault("matter", "")
        if kind == "supervise" and not ctx.get("title"):
            plan = (ctx.get("plan_name") or "").strip()
            matter = (ctx.get("matter") or "").strip() or (f"{plan}逾期和滞后" if plan else "逾期和滞后")
            ctx["title"] = supervise_title(matter)
    c = prepare(kind, ctx)
    for k in ("doc_code", "doc_seq", "doc_year"):
        c.setdefault(k, None)
    c["doc_number_blank"] = False
    if not c["doc_number"]:
        year = c["doc_year"] or c["date"].year
        code = (c["doc_code"] or "").strip()
        seq = c["doc_seq"] if code else None      # a number without its code is no document number
        c["doc_number"] = f"{code}〔{int(year)}〕{int(seq) if seq else NUMBER_BLANK}号"
        c["doc_number_blank"] = not seq
    return c


# ---------------------------------------------------------------- the renderer

class TemplateRenderer:
    """Load and check a template once; render any number of documents from it."""

    def __init__(self, kind: str, template_path: str | os.PathLike | None = None):
        self.kind = kind_of(kind)
        self.path = Path(template_path) if template_path else TEMPLATE_DIR / TEMPLATE_FILES[self.kind]
        self.name = self.path.name
        if not self.path.is_file():
            raise ZhishuiError("找不到模板文件", file=self.path, hint="请检查模板路径，或删除自定义模板改用内置模板")
        data = self.path.read_bytes()
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ZhishuiError("模板不是有效的Word文档（.docx）", file=self.path,
                               hint="请在Word或WPS中「另存为」Word文档（*.docx）")
        self.env = make_env()
        try:
            self._tpl = _CachedTemplate(data)
            self._tpl.init_docx()
        except Exception as e:  # damaged package
            raise ZhishuiError(f"模板无法打开（{type(e).__name__}）", file=self.path,
                               hint="请在Word或WPS中打开并重新保存为 .docx") from e
        lint_template(self._tpl.docx, self.name)
        self._tags = _all_tags(self._tpl.docx)
        self.variables = self._compile_all()

    def _compile_all(self) -> set[str]:
        names: set[str] = set()
        for key, xml in self._tpl.patched_parts().items():
            src = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
            try:
                self._tpl.compiled(xml, self.env)
                names |= meta.find_undeclared_variables(self.env.parse(src))
            except TemplateSyntaxError as e:
                raise self._syntax_error(e, key, src) from e
        return names - set(self.env.globals)

    def _syntax_error(self, e: TemplateSyntaxError, key: str, src: str) -> ZhishuiError:
        lines = src.splitlines()
        line = e.lineno or 0
        text = re.sub(r"<[^>]+>", "", lines[line - 1]) if 0 < line <= len(lines) else ""
        part = self._tpl.part_label(key)
        # the paragraph count of the patched XML differs from Word's (table-row tags are
        # collapsed), so show the text, not a paragraph number
        where = part + (f"「{_short(text)}」附近" if text.strip() else "")
        return ZhishuiError(f"模板语法错误：{_cn_jinja(e.message or str(e))}（{where}，jinja第{line}行）",
                            file=self.name, hint=_TYPE_HINT)

    def _tag_with(self, word: str) -> str:
        for t in self._tags:
            if re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)|\.{re.escape(word)}(?!\w)", t):
                return t
        return "{{ " + word + " }}"

    def check_context(self, ctx: dict) -> None:
        missing = sorted(self.variables - set(ctx))
        if missing:
            v = missing[0]
            close = difflib.get_close_matches(v, list(ctx), n=1)
            hint = (f"是否应为「{close[0]}」？" if close else "") + "可用的变量见 模板说明.md"
            raise ZhishuiError(f"模板中的标签「{self._tag_with(v)}」用到的变量「{v}」在数据中不存在"
                               f"（可能是拼写错误）", file=self.name, hint=hint)

    def prepare(self, context: dict) -> dict:
        return prepare_for_template(self.kind, context)

    def render(self, context: dict, out_path, *, font_map: dict | None = None) -> Path:
        """Render ``context`` to ``out_path`` (.docx); returns the path."""
        out = Path(out_path)
        ctx = self.prepare(context)
        self.check_context(ctx)
        ctx = self._images(ctx)
        tpl = self._tpl
        try:
            tpl.render(ctx, self.env, autoescape=True)
        except UndefinedError as e:
            m = re.search(r"has no attribute '(.+?)'|'(.+?)' is undefined", str(e))
            word = next((g for g in (m.groups() if m else ()) if g), "")
            close = difflib.get_close_matches(word, sorted(_all_keys(ctx)), n=1)
            raise ZhishuiError(f"模板中的标签「{self._tag_with(word)}」用到的「{word}」在数据中不存在"
                               "（可能是拼写错误）", file=self.name,
                               hint=(f"是否应为「{close[0]}」？" if close else "")
                               + "可用的变量和字段见 模板说明.md") from e
        except TemplateSyntaxError as e:
            raise ZhishuiError(f"模板语法错误：{_cn_jinja(e.message or str(e))}", file=self.name,
                               hint=_TYPE_HINT) from e
        except TemplateError as e:
            raise ZhishuiError(f"模板无法生成：{_cn_jinja(str(e))}", file=self.name, hint=_TYPE_HINT) from e
        _post_process(tpl.docx, font_map)
        return _atomic_save(tpl, out, ctx.get("date"))

    def _images(self, ctx: dict) -> dict:
        charts = ctx.get("charts")
        if not isinstance(charts, dict):
            return ctx
        out = {}
        for k, v in charts.items():
            if v is None or isinstance(v, InlineImage):
                out[k] = v
                continue
            src = io.BytesIO(v) if isinstance(v, (bytes, bytearray)) else Path(v)
            if isinstance(src, Path) and not src.is_file():
                raise ZhishuiError(f"找不到图表文件「{src.name}」", file=src)
            out[k] = InlineImage(self._tpl, src if isinstance(src, io.BytesIO) else str(src),
                                 width=CHART_WIDTH)
        return {**ctx, "charts": out}


def _all_keys(v, out=None) -> set:
    """Every dict key in a context, nested rows included (for spelling suggestions)."""
    out = set() if out is None else out
    if isinstance(v, dict):
        for k, x in v.items():
            out.add(str(k))
            _all_keys(x, out)
    elif isinstance(v, list):
        for x in v[:3]:
            _all_keys(x, out)
    return out


def render_document(kind: str, context: dict, out_path, *, template_path=None,
                    font_map: dict | None = None) -> Path:
    """Render one document (loads the template; use TemplateRenderer for many)."""
    return TemplateRenderer(kind, template_path).render(context, out_path, font_map=font_map)


def document_filename(kind: str, context: dict) -> str:
    """A readable, Windows-safe file name, e.g. 督办通知_区农业农村委.docx."""
    kind = kind_of(kind)
    c = prepare_for_template(kind, context)
    if kind == "chase":
        stem = f"催报通知_{c['unit']}" if c.get("per_unit") else f"催报通知_{c['period_cn']}"
    elif kind == "supervise":
        stem = f"督办通知_{c['unit']}"
    elif kind in ("annual", "assessment"):
        stem = f"{c['year']}年度{'工作总结' if kind == 'annual' else '考核结果'}"
    else:
        stem = f"{c['period_cn']}工作进展情况通报"
    return safe_filename(stem, max_len=80) + ".docx"


def render_many(kind: str, contexts, out_dir, *, template_path=None, font_map=None, each=None) -> list[Path]:
    """Render many documents with one template load; names from document_filename, made unique.
    ``each`` is called after each document (progress)."""
    r = TemplateRenderer(kind, template_path)
    out_dir = Path(out_dir)
    taken: set[str] = set()
    paths = []
    for ctx in contexts:
        name = document_filename(kind, ctx)
        stem, n = name[:-5], 2
        while name.lower() in taken:
            name = f"{stem}({n}).docx"
            n += 1
        taken.add(name.lower())
        paths.append(r.render(ctx, out_dir / name, font_map=font_map))
        if each:
            each()
    return paths


# ---------------------------------------------------------------- post-processing

def _style_of(p) -> str | None:
    ps = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    return ps.get(qn("w:val")) if ps is not None else None


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _set_ind(p, **attrs) -> None:
    ppr = p.get_or_add_pPr() if hasattr(p, "get_or_add_pPr") else p.find(qn("w:pPr"))
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = etree.SubElement(ppr, qn("w:ind"))
        # keep schema order: ind comes before jc/outlineLvl/rPr
        for tag in ("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"):
            nxt = ppr.find(qn(tag))
            if nxt is not None:
                nxt.addprevious(ind)
                break
    for k in list(ind.attrib):
        if k.endswith("Chars"):
            del ind.attrib[k]
    for k, v in attrs.items():
        ind.set(qn(f"w:{k}"), str(v))


def _center_signature(body) -> None:
    """署名 centred over 成文日期 (date right-indented 4 字), whatever their lengths."""
    paras = list(body.iter(qn("w:p")))
    for a, b in zip(paras, paras[1:]):
        if _style_of(a) == "GwSigner" and _style_of(b) == "GwDate":
            w_name, w_date = text_width(_text(a)), text_width(_text(b))
            right = 4 + (w_date - w_name) / 2
            _set_ind(a, right=max(0, round(right * CHAR_TWIPS)))
            _set_ind(b, right=4 * CHAR_TWIPS)


_LONG_LATIN = re.compile(r"[!-~]{10,}")       # an e-mail, a web address, a phone number
_FIGURE = re.compile(r"[0-9.]+")


def _mostly_figures(text: str) -> bool:
    """A run of figures (近7日日均值：6日0.120、7日0.120…): justified, LibreOffice spreads its lines
    character by character (the session-18 water letters); such a paragraph is set flush left too."""
    return len(text) >= 60 and sum(len(m) for m in _FIGURE.findall(text)) >= 0.3 * len(text)


def _ragged_before_long_latin(body) -> None:
    """Body paragraphs holding a long unbreakable Latin run (an e-mail address), or made mostly of
    figures, are set flush left: justified, the line before such a run is spread letter by letter
    when the run goes to the next line (Word, WPS and LibreOffice alike)."""
    for p in body.iter(qn("w:p")):
        if any(a.tag == qn("w:tc") for a in p.iterancestors()):
            continue
        if _style_of(p) not in ("GwBody", "GwNote", "GwAttachNote"):
            continue
        text = _text(p)
        if not (_LONG_LATIN.search(text) or _mostly_figures(text)):
            continue
        ppr = p.find(qn("w:pPr"))
        jc = ppr.find(qn("w:jc"))
        if jc is None:
            jc = etree.SubElement(ppr, qn("w:jc"))
            for tag in ("w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                        "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"):
                nxt = ppr.find(qn(tag))
                if nxt is not None:
                    nxt.addprevious(jc)
                    break
        jc.set(qn("w:val"), "left")


def _fit_org_mark(root, width_pt: float, max_pt: float) -> None:
    """Choose the 机关标志 size so the name fits on one line (GB/T: 'size chosen to look right')."""
    for p in root.iter(qn("w:p")):
        if _style_of(p) != "GwOrgMark":
            continue
        w = text_width(_text(p))
        if not w:
            continue
        size = min(max_pt, int(width_pt / (w * 1.05)))
        half = str(max(12, size) * 2)
        for r in p.iter(qn("w:r")):
            rpr = r.find(qn("w:rPr"))
            if rpr is None:
                rpr = etree.Element(qn("w:rPr"))
                r.insert(0, rpr)
            for tag in ("w:sz", "w:szCs"):
                el = rpr.find(qn(tag))
                if el is None:
                    el = etree.SubElement(rpr, qn(tag))
                el.set(qn("w:val"), half)
            _reorder_rpr(rpr)


_RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
              "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
              "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
              "specVanish", "oMath"]


def _reorder_rpr(rpr) -> None:
    order = {qn(f"w:{t}"): i for i, t in enumerate(_RPR_ORDER)}
    kids = sorted(rpr, key=lambda e: order.get(e.tag, 99))
    for k in kids:
        rpr.append(k)


def _header_footer_roots(doc):
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(("/header", "/footer")):
            yield rel.target_part


def _part_root(part):
    return part.element if hasattr(part, "element") else part._element


# pPr children that come after w:overflowPunct (ECMA-376 CT_PPrBase order)
_AFTER_OVERFLOW_PUNCT = frozenset(qn("w:" + n) for n in ("topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing",
                         "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
                         "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"))


def _keep_line_end_punctuation(styles) -> None:
    """w:overflowPunct written out as Word's own default (1: punctuation may hang past the margin).  LibreOffice
    7.4 reads the explicit value the other way round and then wraps the character before a line-end 「；」
    onto the next line; without it, it hangs the 「；」 past the margin and draws nothing (the session-18 trial's
    通报 read 「财政局（100分）得分最低的是」).  Word and WPS read 1 as they read no element: unchanged."""
    ppr = styles.find(qn("w:docDefaults") + "/" + qn("w:pPrDefault") + "/" + qn("w:pPr"))
    if ppr is None or ppr.find(qn("w:overflowPunct")) is not None:
        return
    el = OxmlElement("w:overflowPunct")
    el.set(qn("w:val"), "1")
    after = next((c for c in ppr if c.tag in _AFTER_OVERFLOW_PUNCT), None)
    if after is None:
        ppr.append(el)
    else:
        after.addprevious(el)


# 、 or ， between half-width figures or letters (序号10、16、17, 0.450、9日): LibreOffice finds no place to break the
# line there, so the whole list goes to the next line and the justified line before it is spread character by
# character (the session-20 trial's 通报: 「累 计 销 号 1 项 ； 待 销 号 9 项 （ 序 号」).  A zero-width space after the
# mark is the break Word and WPS already make there; it prints nothing.  (； and ： break in LibreOffice too.)
_NO_BREAK_AFTER = re.compile(r"(?<=[、，])(?=[0-9A-Za-z])")
ZWSP = "\u200b"


def _break_after_list_marks(root) -> None:
    for t in root.iter(qn("w:t")):
        if t.text and ("、" in t.text or "，" in t.text):
            t.text = _NO_BREAK_AFTER.sub(ZWSP, t.text)


# CT_Compat children that come before w:doNotExpandShiftReturn (ECMA-376 order)
_BEFORE_NO_EXPAND = frozenset(qn("w:" + n) for n in (
    "useSingleBorderforContiguousCells", "wpJustification", "noTabHangInd", "noLeading", "spaceForUL",
    "noColumnBalance", "balanceSingleByteDoubleByteWidth", "noExtraLineSpacing", "doNotLeaveBackslashAlone",
    "ulTrailSpace"))
# CT_Settings children that come after w:compat
_AFTER_COMPAT = [qn("w:" + n) for n in (
    "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
    "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")]


def _no_spread_before_line_breaks(settings) -> None:
    """w:doNotExpandShiftReturn: a line that ends with a hard line break (a unit's text typed with Alt+Enter comes
    out as one) is not justified out to the margin.  Without it Word and LibreOffice spread such a line like any
    full line (「Don't expand character spaces on a line that ends with SHIFT+RETURN」 in Word's layout options)."""
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        after = next((c for c in settings if c.tag in _AFTER_COMPAT), None)
        if after is None:
            settings.append(compat)
        else:
            after.addprevious(compat)
    if compat.find(qn("w:doNotExpandShiftReturn")) is not None:
        return
    el = OxmlElement("w:doNotExpandShiftReturn")
    before = [c for c in compat if c.tag in _BEFORE_NO_EXPAND]
    if before:
        before[-1].addnext(el)
    else:
        compat.insert(0, el)


def _post_process(doc, font_map: dict | None) -> None:
    body = doc.element.body
    _keep_line_end_punctuation(doc.styles.element)
    _no_spread_before_line_breaks(doc.settings.element)
    fit_tables(body, doc.styles.element)
    _ragged_before_long_latin(body)
    _center_signature(body)
    _fit_org_mark(body, 442, 36)                        # 文件格式: 版心 156 mm
    for part in _header_footer_roots(doc):
        _fit_org_mark(_part_root(part), 482, 26)                  # 信函格式: 170 mm line
    _break_after_list_marks(body)                       # after the widths above are measured on the text itself
    if font_map:
        _map_fonts(doc, font_map)


def _map_fonts(doc, font_map: dict) -> None:
    """Rewrite font names everywhere (e.g. {'仿宋_GB2312': '仿宋'} for PCs without the GB2312 fonts)."""
    roots = [doc.element, doc.styles.element]
    roots += [_part_root(p) for p in _header_footer_roots(doc)]
    attrs = [qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs")]
    for root in roots:
        for rf in root.iter(qn("w:rFonts")):
            for a in attrs:
                v = rf.get(a)
                if v in font_map:
                    rf.set(a, font_map[v])


def _atomic_save(tpl: DocxTemplate, out: Path, when=None) -> Path:
    """Save atomically; the zip entries carry the document's date, not the clock, so the same
    month gives the same bytes (a re-run after a crash too)."""
    with atomic_path(out) as tmp:
        tpl.save(tmp)
        restamp_zip(tmp, when if isinstance(when, dt.datetime) else
                    dt.datetime.combine(when, dt.time()) if isinstance(when, dt.date) else ZIP_EPOCH)
    return out


__all__ = ["TemplateRenderer", "render_document", "render_many", "document_filename", "make_env",
           "prepare_for_template", "supervise_title",
           "template_path", "lint_template", "KINDS", "sample_context", "safe_filename"]
