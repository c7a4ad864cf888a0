"""Lines of text -> paragraphs and tables.

Plans reach the clerk as text that was once laid out: a web page that printed a
table one cell per line (an empty cell as an extra blank line, a merged
category cell left out), a table copied with tabs between the cells, a table
whose cells a page ran together with spaces, and paragraphs that a page break
or a copy cut in two.  This module finds the tables among the lines (by a
header row of known column names) and mends the paragraphs.
"""
from __future__ import annotations

import re
from typing import Callable

from ..columns import looks_like_unit
from ..workbook_reader import Grid
from .cellshapes import kind_of_field, lay_out
from .centred import place_categories
from .celllines import _cell_run_header, _one_cell_per_line
from .dates import DOC_KIND_END_RE
from .document import Para, Table
from .furniture import CONTINUED_RE, LIBRARY_PAGE_RE, PAGE_MARK_RE, is_page_furniture
from .pipetables import _bars_as_blanks, _pipe_header, _pipe_table, box_rows, closed_cells_as_rows, wrapped_pipe_headers
from ..rolewords import ANY_LABEL
from .runtogether import PAGE_MARKER_RE, run_together_table
from .spacedrows import spaced_rows_table
from .spacing import close_gaps
from .textheaders import FOOTER_RE, SEQ_RE, UNIT_FIELDS, _header_fields, _is_header, header_fields, match_field
from .itemmark import ITEM_DOT

MARKUP_RE = re.compile(r"^\s*#{1,6}\s*|\*\*|^\s*[-*_]{3,}\s*$")
TERMINAL = "。；;！？!?：:」”』）)】]〕"
NUMBER_ONLY_RE = re.compile(r"^\s*(?:(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．]|第[一二三四五六七八九十百零〇]{1,5}条)\s*$")
ITEM_START_RE = re.compile(r"^\s*(?:\d{1,3}\s*" + ITEM_DOT + r"|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|"
                           r"[一二三四五六七八九十]{1,3}\s*、|第[一二三四五六七八九十\d]+[条章节])")
HEADING_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*、|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)])")
LABEL_START_RE = re.compile(r"^\s*(?:配合|参与|协办|责任|牵头)(?:单位|部门)\s*[:：]")
# 反馈问题：… / 主体责任单位：… / 整改措施：: the fields of a notice, one a line
LABELLED_RE = re.compile(r"^\s*[^，,。；;:：|]{1,12}[:：]")
FIELD_LINE_RE = re.compile(r"^\s*[\u4e00-\u9fff]{0,8}(?:单位|部门|目标|措施|问题|情况|领导|任务)\s*[:：]")
LABEL_ONLY_RE = re.compile(r"^\s*[\u4e00-\u9fff（）()]{2,12}\s*[:：]\s*$")
# 2.绵阳火车站站前广场及周边配套设施建设项目(票决项目): a numbered title whose text follows in the next paragraph
# 1.…。责任单位:生态环境局,自然资源局: an item closed by its field line, however long, is no broken sentence
FIELD_TAIL_RE = re.compile(rf"(?:^|[。；;])\s*(?:{ANY_LABEL})\s*[:：][^。；;]*$")
TITLE_ITEM_RE = re.compile(r"^\s*\d{1,3}\s*" + ITEM_DOT + r"[^。；;，,]{4,60}$")




# ! @) ` F% J$ w3 x" I: a forum's anti-copy jammer, pairs of ASCII signs spaced out between the sentences
JAMMER_RE = re.compile(r"(?<![!-~])(?:[!-~]{1,2} ){4,}[!-~]{1,2}(?![!-~])")


def _jammer(m: re.Match) -> str:
    signs = sum(1 for tok in m.group().split() if re.search(r"[^0-9A-Za-z]", tok))
    return "" if signs >= 3 else m.group()


# 对发第3页共4页生重大…: a document library's page marker, left wherever the page broke (inside a word)


# ? ?(一)属地管理。: a paragraph's indent of full-width spaces that a copy through a narrow code page turned
# into question marks
LOST_INDENT_RE = re.compile(r"^[ \t\u3000]*[?？][? ？\u3000]*(?=[\u4e00-\u9fff（(【\d])"
                            # (…总 则 ? ? ? ?第一条 为了…: inside a line run on, the same marks after a space)
                            r"|(?<=[ \t\u3000])[?？](?:[ \t\u3000]*[?？])*[ \t\u3000]*(?=[\u4e00-\u9fff（(【])")


def clean(line: str) -> str:
    line = LOST_INDENT_RE.sub("", CONTINUED_RE.sub("", line))
    line = PAGE_MARK_RE.sub("", line.replace("\u3000", " ").replace("\xa0", " "))
    line = LIBRARY_PAGE_RE.sub("", JAMMER_RE.sub(_jammer, line))
    return close_gaps(MARKUP_RE.sub("", line).rstrip())


# --- cells separated by tabs or spaces ----------------------------------------------------------

def _split_cells(line: str, sep: str) -> list[str]:
    if sep == "\t":
        return [c.strip() for c in line.split("\t")]
    return [c.strip() for c in re.split(r" {1,}|\u3000+", line.strip())]


def _tab_table(lines: list[str], i: int):
    headers = _split_cells(lines[i], "\t")
    while headers and not headers[-1]:
        headers.pop()
    rows = [headers]
    k = i + 1
    last = i + 1
    while k < len(lines):
        t = lines[k]
        if not t.strip():
            k += 1
            continue
        if "\t" not in t:
            break
        cells = _split_cells(t, "\t")
        rows.append((cells + [""] * len(headers))[:max(len(headers), len(cells))])
        k += 1
        last = k
    return rows, last, []


def _space_table(lines: list[str], i: int):
    """Cells a page ran together with spaces: the sequence number first, the unit columns
    taken from the right, the rest of the text shared out to the text columns (the
    last sentence-like run is the task itself)."""
    headers = _split_cells(lines[i], " ")
    fields = [match_field(h) for h in headers]
    n = len(headers)
    right = 0
    for f in reversed(fields):
        if f in UNIT_FIELDS or f == "person":
            right += 1
        else:
            break
    kinds = [kind_of_field(f) for f in fields[1:]]
    shaped = any(kd != "text" for kd in kinds[:len(kinds) - right])
    rows = [headers]
    notes = []
    k = i + 1
    last = k
    while k < len(lines):
        t = lines[k].strip()
        if not t:
            k += 1
            continue
        toks = [x for x in re.split(r" +", t)]
        if not SEQ_RE.match(toks[0]):
            if len(rows) > 1 and not FOOTER_RE.match(t) and not ITEM_START_RE.match(t):
                rows[-1][-1] += t       # a cell continued on the next line
                k += 1
                last = k
                continue
            break
        toks = [x for x in toks if x]
        seq, rest = toks[0], toks[1:]
        laid = lay_out(rest, kinds) if shaped else None
        if laid is not None:
            # 序号 民生实事 责任单位 完成时限: a unit or time column before the text's end — pieces by their shape
            rows.append([seq] + laid)
            k += 1
            last = k
            continue
        units = rest[len(rest) - right:] if right and len(rest) > right else []
        middle = rest[:len(rest) - len(units)]
        mid_cols = n - 1 - right
        sentence = [x for x in middle if re.search(r"[。；，,]", x)]
        if sentence and mid_cols >= 1:
            first = middle.index(sentence[0])
            text_part, lead_part = middle[first:], middle[:first]
            mids = [""] * mid_cols
            mids[-1] = "".join(text_part)
            if mid_cols > 1:
                mids[0] = " ".join(lead_part)
        else:
            mids = ([" ".join(middle)] + [""] * mid_cols)[:mid_cols] if mid_cols else []
            notes.append(f"序号{seq}这一行的文字列无法区分，已全部放入第一列，请核对")
        rows.append([seq] + mids + units + [""] * (right - len(units)))
        k += 1
        last = k
    return rows, last, notes


# --- paragraphs ---------------------------------------------------------------------------

# 整改目标 / 整改措施 / 责任单位 on a line of its own (a form's field name, no colon): the next field,
# never the end of the unwrapped line before it
BARE_FIELD_RE = re.compile(r"(?:整改|工作|具体|主要|完成|责任|牵头|配合|协办)(?:目标|措施|要求|任务|时限|单位|部门)")


def _closed(text: str) -> bool:
    t = text.rstrip()
    if not t:
        return True
    if NUMBER_ONLY_RE.match(t):
        return False
    if t[-1] in TERMINAL:
        return True
    # a heading or a short line (title, signature, date) stands alone; a short line broken after a
    # comma (2020 年底前,上述 / 6 条河流…) is a sentence the page wrapped
    return bool(HEADING_RE.match(t)) and len(t) <= 40 or len(t) <= 24 and not re.search(r"[，,]", t)


def _addressee(label_line: str) -> bool:
    """各单位： / 县水利局：: a salutation, not a form's field name (责任单位： is one)."""
    name = re.sub(r"[:：\s]", "", label_line)
    return looks_like_unit(name) and not LABEL_START_RE.match(label_line)


def _shown_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def wrap_width(lines: list[str]) -> int | None:
    """The width a copy cut its lines at (a PDF's text, a fixed-width page: 28 characters of an official
    document's line), when most long lines end within two half-width places of it; None when lines end
    where their paragraphs do."""
    widths = [_shown_width(t.strip()) for t in lines if len(t.strip()) >= 16]
    if len(widths) < 6:
        return None
    best = max(set(widths), key=lambda w: (sum(abs(x - w) <= 2 for x in widths), w))
    near = sum(abs(x - best) <= 2 for x in widths)
    # the lines a wrap cut end at its width, and no line is wider (short ones are ends of paragraphs or items)
    wider = sum(x > best + 2 for x in widths)
    return best if near >= max(5, len(widths) * 0.2) and wider <= len(widths) * 0.05 else None


def _doc_title(line: str) -> bool:
    t = line.strip()
    return 6 <= len(t) <= 50 and bool(DOC_KIND_END_RE.search(t)) and not re.search(r"[，,。；;：:]", t)


ORDINAL_POINT_RE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}是")


def mend_paragraphs(lines: list[tuple[str, str]], wrap: int | None = None) -> list[Para]:
    """Join the pieces of a paragraph that a page break or a line wrap cut apart; with the width the
    copy wrapped its lines at, a full line goes on in the next one even after a 。 or a heading's number
    (一、加强领导。各乡镇要… cut at the width is not a heading)."""
    paras: list[Para] = []
    last_full = False
    for text, where in lines:
        t = text.strip()
        if not t:
            last_full = False
            continue
        full, last_full = last_full, bool(wrap) and _shown_width(t) >= wrap - 2
        if paras and full and not ITEM_START_RE.match(t) and not HEADING_RE.match(t) and not LABEL_START_RE.match(t):
            paras[-1].text += t
            continue
        if paras:
            prev = paras[-1].text
            broken_sentence = prev and prev[-1] not in TERMINAL and len(prev) > 40 and not HEADING_RE.match(prev) \
                and not FIELD_TAIL_RE.search(prev)
            label_cont = bool(LABEL_START_RE.match(t))       # 配合部门:… after 牵头部门:…;
            titled = bool(TITLE_ITEM_RE.match(prev)) and not ITEM_START_RE.match(t) and not HEADING_RE.match(t) \
                and "。" in t and not ORDINAL_POINT_RE.match(t)      # (3.深化工业污染防治 / 一是…: a heading over its points)
            field = bool(FIELD_LINE_RE.match(t)) and not label_cont and bool(LABELLED_RE.match(prev))
            # 责任单位: / 市政园林工程处: a web form printing each field name on a line and its value below
            value_below = bool(LABEL_ONLY_RE.match(prev)) and not LABEL_ONLY_RE.match(t) and not ITEM_START_RE.match(t) \
                and not _addressee(prev)
            if (LABEL_ONLY_RE.match(t) and LABELLED_RE.match(prev)) or BARE_FIELD_RE.fullmatch(t) and not value_below:
                paras.append(Para(t, where))          # the next field of the form
                continue
            if titled and prev.rstrip()[-1:] not in TERMINAL:
                # 1、建立台账 / 各村迅速开展…: the title on its own line keeps its end (a space, as a page that
                # lost its line breaks leaves it), so the body's own subject is still read as such
                paras[-1].text = prev.rstrip() + " " + t
                continue
            if len(paras) == 1 and _doc_title(prev):
                # 兰州市…工作部门职责分工 / 机构编制部门负责…: the document's title on its first line ends there
                paras.append(Para(t, where))
                continue
            # (…责任单位:区城乡建设局,各办事处 / 二是加快淘汰落后产能。…: a point counted 二是 starts a paragraph of its own)
            starts = ITEM_START_RE.match(t) or ORDINAL_POINT_RE.match(t)
            # (…及时落实秸秆综合 / 主办：…网站标识码: a page the store cut mid-sentence goes on in no site footer; joined,
            # the task's words were read as the footer, a trial's clerk saw them nowhere)
            if (NUMBER_ONLY_RE.match(prev) or label_cont or titled or value_below or
                    (not _closed(prev) and not field and (not starts or broken_sentence))) and not is_page_furniture(t):
                paras[-1].text = prev + ("、" if _names_go_on(prev, t) else "") + t
                continue
        paras.append(Para(t, where))
    return [q for p in paras for q in _items_run_in(p)]


def _names_go_on(prev: str, t: str) -> bool:
    """配合单位:县发改委、环保局、水利局、农业局 / 各乡镇(街道)、黎阳建管办: a unit field's list wrapped onto the next
    line goes on with a name of its own (not glued to the last one: 「农业局各乡镇(街道)」)."""
    return bool(FIELD_TAIL_RE.search(prev)) and prev[-1:] not in "、，,；;" \
        and looks_like_unit(re.split(r"[、，,]", prev)[-1].split("：")[-1].split(":")[-1]) \
        and looks_like_unit(re.split(r"[、，,；;。]", t)[0])


# 1.镇级河长每月…。 2.村级河长每月…。 3.巡河时间…: a page that lost its line breaks runs numbered items on
# in one line; the next number in order after a sentence's end starts the next item (items after a space, with
# headings between them, are records.split_run_on_items')
_RUN_IN_FIRST_RE = re.compile(r"^\s*(?:(?P<d>1)\s*[.．、]|[（(]\s*1\s*[）)])")


def _items_run_in(p: Para) -> list[Para]:
    m = _RUN_IN_FIRST_RE.match(p.text)
    if not m:
        return [p]
    cuts, k = [], 2
    while True:
        mark = rf"{k}\s*[.．、]" if m.group("d") else rf"[（(]\s*{k}\s*[）)]"
        nxt = re.compile(rf"(?<=[。；;！!])\s*(?={mark}\s*[\u4e00-\u9fff])").search(p.text, cuts[-1] if cuts else m.end())
        if not nxt:
            break
        cuts.append(nxt.end())
        k += 1
    if not cuts:
        return [p]
    bounds = [0] + cuts + [len(p.text)]
    return [Para(p.text[a:b].strip(), p.where, p.heading) for a, b in zip(bounds, bounds[1:])]


TERMINAL_END_RE = re.compile(r"[。；;！!？?：:”」）)]\s*$")


def _without_chunk_numbers(lines: list[str]) -> list[str]:
    """1、…将节 / 2、约用水工作…: a document site that stores a file in numbered chunks of some hundred characters
    puts 1、 2、 3、 before each, wherever the chunk was cut (inside a word too): those numbers are taken away
    so that the text runs on.  They are told from the items of a list by their order (1, 2, 3… one a line), the
    chunks' length and at least one cut inside a sentence."""
    marked = [(i, int(m.group(1))) for i, ln in enumerate(lines) if (m := PAGE_MARKER_RE.match(ln))]
    if len(marked) < 2 or [n for _i, n in marked] != list(range(1, len(marked) + 1)):
        return lines
    full = [i for i, _n in marked if len(lines[i]) >= 150]
    if len(full) < len(marked) - 1:
        return lines        # (the last chunk may be short)
    cut_inside = any(not TERMINAL_END_RE.search(prev) for i, _n in marked[1:]
                     if (prev := next((x for x in reversed(lines[:i]) if x.strip()), "")))
    # (1、2023年…暂行办法第一章总则第一条… / 2、…: a page that is nothing but its numbered chunks, the first opening with
    # the document's own title and chapter — the chunks may happen to be cut at a sentence's end, h6607)
    only_chunks = len(full) == len(marked) and all(PAGE_MARKER_RE.match(x) for x in lines if x.strip()) \
        and bool(re.search(r"第一[章条]", lines[marked[0][0]][:80]))
    if not cut_inside and not only_chunks:
        return lines
    out = list(lines)
    for i, _n in marked:
        out[i] = PAGE_MARKER_RE.sub("", out[i], count=1)
    if only_chunks and not cut_inside:
        # the file's text runs on from chunk to chunk: one paragraph, read from the first chunk's line (the lines of
        # the later chunks are left blank, so that every other line keeps its place)
        first = marked[0][0]
        out[first] = "".join(out[i] for i, _n in marked)
        for i, _n in marked[1:]:
            out[i] = ""
    return out



def blocks_from_lines(raw_lines: list[str], page_where: Callable[[int], str]) -> list:
    """Paragraphs and tables from lines of text (blank lines kept: they carry the layout)."""
    boxed, zeroth = box_rows(_without_chunk_numbers([clean(x) for x in raw_lines]))
    rows_lines, first = closed_cells_as_rows(boxed)
    headed, wrapped = wrapped_pipe_headers(rows_lines)
    lines, second = _bars_as_blanks(headed)
    origin = [zeroth[first[wrapped[k]]] for k in second]

    def where_of(i: int) -> str:
        """The page's own line (lines were added for its bars)."""
        return page_where(origin[min(i, len(origin) - 1)]) if origin else page_where(i)
    blocks: list = []
    pending: list[tuple[str, str]] = []
    n_tab = 0

    wrap = wrap_width(lines)

    def flush():
        blocks.extend(mend_paragraphs(pending, wrap))
        pending.clear()

    i = 0
    while i < len(lines):
        t = lines[i]
        found = None
        if t.strip():
            if "\t" in t and _is_header(_header_fields(_split_cells(t, "\t"))):
                found = _tab_table(lines, i)
            elif "|" in t and _pipe_header(t):
                found = _pipe_table(lines, i)
            elif " " in t.strip() and _is_header(_header_fields(_split_cells(t, " "))) \
                    and (len(_split_cells(t, " ")) >= 4 or all(_header_fields(_split_cells(t, " ")))):
                # 序号 涉及部门 职责分工: three columns when every header word is known
                found = _space_table(lines, i)
            elif "序号" in t and (together := run_together_table(lines, i)):
                rows, end, placed, before = together
                pending.append((PAGE_MARKER_RE.sub("", before, count=1), where_of(i)))
                flush()
                n_tab += 1
                width = max(len(r) for r in rows)
                tab = Table(Grid(f"表{n_tab}", [r + [""] * (width - len(r)) for r in rows]), f"{where_of(i)}起的表格")
                tab.row_notes = placed
                tab.notes = ["表格各格连在一起（没有分隔），各格的边界是按表头、序号和单位名称的形状推断的，请逐行核对"]
                blocks.append(tab)
                i = end
                continue
            else:
                n = _cell_run_header(lines, i)
                if n >= 4:
                    headers = [x.strip() for x in lines[i:] if x.strip()][:n]
                    found = _one_cell_per_line(lines, i, n, headers)
        if (not found or len(found[0]) <= 1) and t.strip() and (spaced := spaced_rows_table(lines, i)):
            rows, end, notes, before = spaced
            pending.append((before, where_of(i)))
            found = rows, end, notes
        if found and len(found[0]) > 1:
            rows, end, notes = found
            flush()
            fields = header_fields([h.replace(" ", "") for h in rows[0]])
            rows, placed = place_categories(rows, fields.index("category") if "category" in fields else None,
                                            fields.index("content") if "content" in fields else None,
                                            [b.text for b in blocks if isinstance(b, Para)])
            n_tab += 1
            width = max(len(r) for r in rows)
            grid = Grid(f"表{n_tab}", [r + [""] * (width - len(r)) for r in rows])
            tab = Table(grid, f"{where_of(i)}起的表格")
            tab.notes = notes
            tab.row_notes = placed
            blocks.append(tab)
            i = max(end, i + 1)
            continue
        pending.append((t, where_of(i)))
        i += 1
    flush()
    return blocks
