"""A rectification record run on in one paragraph (a copy that lost its line breaks):

    问题… 整改目标:… 责任单位:X 责任人:… 整改时限:… 整改措施:… 1.… 2.… 3.…

is cut back into its field lines and numbered measures, so that the units above the measures
are read as for a notice printed a field a line (see assemble._body_tasks: each measure a task
of the units above it).  Only a paragraph with a unit field, then a measures field, then
numbered measures is cut; anything else is left as it is.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .attributions import LABEL_RE, looks_like_unit, looks_like_unit_list
from ..rolewords import UNIT_LABEL, label_field
from .document import Para
from .furniture import CONTINUED_RE
from .unitblocks import split_unit_blocks
from .dutylists import BELOW_COLON
from .itemmark import ITEM_DOT

# fields with no role in them: 整改目标: / 整改措施: / 反馈问题:
OTHER_FIELD_RE = re.compile(r"(?:整改|工作|具体|主要|完成)?(?:目标|措施|要求)[:：]|(?:反馈|存在)问题[:：]")
MEASURES_RE = re.compile(r"(?:整改|工作|具体|主要)?措施[:：]")
MEASURE_RE = re.compile(r"(?<=[。；;:：])\s*\d{1,3}\s*" + ITEM_DOT)
UNIT_LABEL_RE = re.compile(rf"(?:{UNIT_LABEL})[:：]")


def split_record(text: str) -> list[str] | None:
    """The field lines and measures of a run-on record, or None when the paragraph is not one."""
    unit = UNIT_LABEL_RE.search(text)
    measures = MEASURES_RE.search(text, unit.end()) if unit else None
    if measures is None or not MEASURE_RE.search(text, measures.end()):
        return None
    cuts = {m.start() for m in LABEL_RE.finditer(text, 0, measures.end())}
    cuts |= {m.start() for m in OTHER_FIELD_RE.finditer(text, 0, measures.end())}
    cuts |= {m.start() + len(m.group()) - len(m.group().lstrip()) for m in MEASURE_RE.finditer(text, measures.end())}
    pieces, last = [], 0
    for c in sorted(cuts):
        if c > last:
            pieces.append(text[last:c])
        last = c
    pieces.append(text[last:])
    return [p.strip() for p in pieces if p.strip()]


# 第七条 after the full stop of the article before: articles of a regulation run together on one line
# (a chapter's heading run on before it: 。第二章机构及其职责第六条…; a quoted law's name: 《…规定》第四条…)
# (中华人民共和国招标投标法实施条例第四条国务院…: an article glued to the law's name a page printed before it)
ARTICLE_RE = re.compile(r"(?:^|(?<=[。；;》])|(?<=[条例办法规定细则]{2}(?<=条例|办法|规定|细则)))\s*(?:第[一二三四五六七八九十]{1,3}章\s*[^。，,；;：:\s]{1,20}?)?"
                        r"第[一二三四五六七八九十百零〇]{1,5}条\s*")


ARTICLE_TITLE_RE = re.compile(r"^【[^】]{1,12}】\s*")
LOOSE_ARTICLE_RE = re.compile(r"(?:^|(?<=[。；;，,\s]))\s*第(?P<n>[一二三四五六七八九十百零〇]{1,5})条[\s、]*")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def _cn_number(s: str) -> int:
    """一 -> 1, 十六 -> 16, 二十 -> 20, 一百零五 -> 105."""
    total, cur = 0, 0
    for ch in s:
        if ch == "百":
            total, cur = total + (cur or 1) * 100, 0
        elif ch == "十":
            total, cur = total + (cur or 1) * 10, 0
        else:
            cur = _DIGITS[ch]
    return total + cur


def _counting_on(numbers: list[str]) -> bool:
    values = [_cn_number(n) for n in numbers]
    return all(a < b for a, b in zip(values, values[1:]))


def split_articles(p: Para) -> list[Para] | None:
    """The articles of a run-on regulation, each its own paragraph (the article number goes to
    where it is, not into the text), or None when the paragraph has none.  One article is cut too:
    (六)法律法规规定的其他职责。第七条市人民政府生态环境主管部门负责…: the number would read as part of the
    unit's name, and what stands before it belongs to the article before."""
    marks = list(ARTICLE_RE.finditer(p.text))
    loose = list(LOOSE_ARTICLE_RE.finditer(p.text))
    if len(loose) >= 3 and len(loose) > len(marks) and _counting_on([m.group("n") for m in loose]):
        # 第一条为…,第五条市、县…负责…,第六条…: a page that strung picked articles together with commas
        marks = loose
    if not marks:
        return None
    out = [Para(p.text[:marks[0].start()].strip(), p.where)] if p.text[:marks[0].start()].strip() else []
    for m, nxt in zip(marks, marks[1:] + [None]):
        # 第四条【政府职责】县政府…: the article's own short title in brackets, not part of the subject's name
        body = ARTICLE_TITLE_RE.sub("", p.text[m.end():nxt.start() if nxt else len(p.text)].strip(), count=1)
        where = f"{p.where}{m.group().strip()}"
        out.extend(Para(x, where) for x in _listed_items(body))
    return out


# …应当履行下列职责:(一)组织开展…,(五)协调…: an article's list run on after its colon
LIST_COLON_RE = re.compile(BELOW_COLON + r"(?=\s*[（(]一[）)])")
ITEM_AFTER_MARK_RE = re.compile(r"(?<=[:：，,；;。])\s*(?=[（(][一二三四五六七八九十]{1,3}[）)])")


# 第三条各镇(街道)职责(一)责任主体。…(二)…: an article titled by a body's duties, its items run on with no colon
TITLED_DUTIES_RE = re.compile(r"^(?P<u>[^，,。；;:：（(]{2,30}?(?:[（(][^）)]{1,10}[）)])?)的?(?:主要|工作)?职责(?=\s*[（(]一[）)])")


def _listed_items(body: str) -> list[str]:
    """The article's text, cut before each item of a list it runs on after 下列职责: (all of it when none)."""
    titled = TITLED_DUTIES_RE.match(body)
    if titled and looks_like_unit_list(titled.group("u")):
        # (the title is given its colon, as 职责: heads the items of a body's duties)
        body = body[:titled.end()] + "：" + body[titled.end():]
        intro = re.compile("：").search(body, titled.end())
    else:
        intro = LIST_COLON_RE.search(body)
    if not intro:
        return [body] if body else []
    cuts = [m.start() for m in ITEM_AFTER_MARK_RE.finditer(body, intro.end())]
    bounds = [0, *cuts, len(body)]
    return [body[a:b].strip() for a, b in zip(bounds, bounds[1:]) if body[a:b].strip()]


# 。 (三)检查验收阶段 / 。 四、责任分工: a heading or item after a sentence end and a space, inside one line
# (…工作安排 一、强化… 1.持续…。牵头部门:… 主体责任单位:各村(居) 2.落实…: a heading after a title's last word, and an
# item numbered 1. 2. after the unit that closes the item before)
RUN_ON_ITEM_RE = re.compile(r"(?<=[。；;)）])[ \t]+(?=[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
                            r"|(?<=[\u4e00-\u9fff])[ \t]+(?=[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、[\u4e00-\u9fff])"
                            r"|(?<=[)）\u4e00-\u9fff])[ \t]+(?=\d{1,3}[.．、][\u4e00-\u9fff])")


RUN_ON_UNIT_RE = re.compile(r"(?<=[。；;\u4e00-\u9fff])[ \t]+(?=(?P<u>[^\s：:，,。；;、]{2,20})[:：]\s*(?:负责|牵头|承担|组织))"
                            # 形成合力:*海关部门:负责…。*市场监管部门:负责…: a star a page put for each unit's bullet
                            r"|[*＊](?=(?P<s>[^\s：:，,。；;、*＊]{2,20})[:：]\s*(?:负责|牵头|承担|组织))")


NUMERALS = "一二三四五六七八九十"
# 。一、做好…状况(一)开展…。…配合)(二)建立…: the same with nothing at all before each mark
GLUED_MARK_RE = re.compile(r"(?:(?<=[。；;)）:：])|(?<=[\u4e00-\u9fff])|(?<=[。；;)）] ))(?=[（(](?P<sub>[一二三四五六七八九十]{1,2})[）)]"
                           r"|(?P<top>[一二三四五六七八九十]{1,2})、)"
                           # (一)卫生部门1、负责…。2、牵头…: a unit's items run on after its name
                           r"|(?:(?<=[。；;])|(?<=[\u4e00-\u9fff]))(?=(?P<num>\d{1,2})、(?!\d))")


def _numeral(s: str) -> int:
    return NUMERALS.index(s) + 1 if len(s) == 1 else (10 + (NUMERALS.index(s[1]) + 1 if s[1] != "十" else 0))


def _glued_cuts(text: str) -> list[int]:
    """Where headings (一、) and items ((一)) begin in a text run together without spaces, kept only
    as they count on (一、 二、 …; (一) (二) … again from (一) under each heading), so a mark that
    only quotes a number is not a cut; an item may follow a heading's last word, a heading only
    a sentence end or a bracket."""
    cuts, top, sub, num = [], None, 0, 0
    for m in GLUED_MARK_RE.finditer(text):
        k = m.start()
        while k and text[k - 1].isspace():          # 。 二、: a page's space after the mark is no word
            k -= 1
        before = text[k - 1:k]
        if m.group("num"):
            n = int(m.group("num"))
            # 1、 straight after a unit's name that a (一) opened; 2、 3、 … after a sentence end, counting on
            # (一)卫生部门1、… / (一)各部门职责1、教育体育局职责:…: a short heading with no stop of its own
            named = bool(cuts) and UNIT_ITEM_HEAD_RE.fullmatch(text, cuts[-1], m.start()) is not None \
                and text[m.start() - 1] not in "年月第至"
            if n == 1 and named or n > 1 and n == num + 1 and before in "。；;":
                num = n
                cuts.append(m.start())
            continue
        num = 0
        if m.group("top"):
            n = _numeral(m.group("top"))
            if before not in "。；;)）" and not (top is None and n == 1 and (_unit_heading_at(text, m.start() + 2)
                                                                         or _TITLE_BEFORE_RE.fullmatch(text[:k]))) \
                    or top is not None and n != top + 1:
                continue
            top, sub = n, 0
        else:
            n = _numeral(m.group("sub"))
            if n != sub + 1 or n > 1 and before not in "。；;)）":
                continue
            sub = n
        cuts.append(m.start())
    return cuts


# 关于加强公路桥梁养护管理的通知一、进一步…: the first heading glued to the document's title
_TITLE_BEFORE_RE = re.compile(r"\s*(?:关于)?[^，,。；;：:]{4,50}(?:通知|方案|意见|办法|规定|计划|决定|细则|要点)")


UNIT_ITEM_HEAD_RE = re.compile(r"[（(][一二三四五六七八九十]{1,2}[）)][^，,。；;：:（(]{2,20}")


def _unit_heading_at(text: str, pos: int) -> bool:
    """…责任单位职责分解一、县城区办事处(一)积极…: the first heading glued to a title's last word is
    let in when it is a unit's name followed by its first item (统一、规范 is no heading)."""
    m = UNIT_THEN_FIRST_ITEM_RE.match(text, pos)
    return bool(m) and looks_like_unit(m.group(1))


UNIT_THEN_FIRST_ITEM_RE = re.compile(r"\s*([^（(。；;，,、\s]{2,20})(?=[（(]一[）)])")


def split_run_on_items(p: Para) -> list[Para] | None:
    """A page that lost its line breaks but kept a space before each heading and item: the
    headings and items go back to paragraphs of their own (two or more such breaks only).
    A text that kept no space at all is cut where its numbering counts on (_glued_cuts)."""
    cuts = [m.end() for m in RUN_ON_ITEM_RE.finditer(p.text)]
    glued = _glued_cuts(p.text) if len(p.text) > 120 else []
    # a page that put a space after some marks and none before others (。 二、县建设局(一)加强…): both
    cuts = sorted(set(cuts) | set(glued)) if len(cuts) >= 2 or len(glued) >= 2 else []
    if len(cuts) < 2:
        return None
    # 三、成员单位职责 市环保局:负责…。 市监察局:负责…: each unit's block after a space, as its own paragraph
    cuts = sorted(set(cuts) | {m.end() for m in RUN_ON_UNIT_RE.finditer(p.text)
                               if looks_like_unit(m.group("u") or m.group("s"))
                               and label_field(m.group("u") or m.group("s")) is None})
    bounds = [0, *cuts, len(p.text)]
    return [Para(p.text[a:b].strip(), p.where) for a, b in zip(bounds, bounds[1:]) if p.text[a:b].strip()]


def without_continued_marks(paras: list[Para]) -> list[Para]:
    """Paragraphs of any format without a page's [接上页] mark (a .txt line loses it when read)."""
    return [replace(p, text=CONTINUED_RE.sub("", p.text, count=1)) if CONTINUED_RE.match(p.text) else p for p in paras]


def split_records(paras: list[Para]) -> list[Para]:
    out: list[Para] = []
    for p in paras:
        pieces = split_record(p.text)
        if pieces:
            out.extend(Para(x, p.where) for x in pieces)
            continue
        for q in split_run_on_items(p) or [p]:
            for r in split_articles(q) or [q]:
                for u in split_unit_blocks(r) or [r]:
                    out.extend(_duties_sentence_apart(u))
    return _duties_go_on(out)


# …办公室设在市旅游局。市红办的主要职责是:A;B;C。: the body's list of duties is a block of its own, read as that
# body's (prose.unit_paragraph), not as more of the sentences before it
_DUTIES_OF_RE = re.compile(r"(?<=。)(?P<u>[^，,。；;:：]{2,24}?)的?(?:主要)?职责(?:是|为|包括)?[:：]")


def _duties_sentence_apart(p: Para) -> list[Para]:
    m = _DUTIES_OF_RE.search(p.text)
    if not m or not looks_like_unit_list(m.group("u")) or not p.text[:m.start()].strip():
        return [p]
    return [Para(p.text[:m.start()], p.where), Para(p.text[m.start():], p.where)]


_UNIT_BLOCK_RE = re.compile(r"^[^：:，,。；;]{2,30}[：:](?=\S)")
_DUTY_VERB_RE = re.compile(r"^(?:负责|配合|协助|参与|牵头|督促|指导|组织)")


def _duties_go_on(paras: list[Para]) -> list[Para]:
    """区建设局:负责A; / 负责B;: a paragraph that opens with a duty's verb and names no one, right after a
    unit's block that ends with ；, goes on with that unit's duties."""
    out: list[Para] = []
    for p in paras:
        prev = out[-1].text.rstrip() if out else ""
        if prev.endswith(("；", ";")) and _UNIT_BLOCK_RE.match(prev) and _DUTY_VERB_RE.match(p.text.strip()) \
                and looks_like_unit_list(_UNIT_BLOCK_RE.match(prev).group()[:-1]):
            out[-1] = Para(prev + p.text.strip(), out[-1].where, out[-1].heading)
            continue
        out.append(p)
    return out


# 我单位所承担的…整改任务 / 本局: a notice written by the unit itself, which signs it
FIRST_PERSON_RE = re.compile(r"(?:我|本)(?:单位|局|委|办|街道|镇|乡|中心|公司|部门)")
MEASURES_LINE_RE = re.compile(r"^\s*(?:整改|具体|工作|主要)?措施\s*[:：]\s*(?=\S)")


def signed_measures(paras: list[Para], signer: str) -> list[tuple[str, Para]]:
    """The measures (整改措施:…) of a notice in the first person that names no unit but its
    signature: (measure text, paragraph) each, the signer being the unit responsible."""
    if not signer or not any(FIRST_PERSON_RE.search(p.text) for p in paras):
        return []
    return [(MEASURES_LINE_RE.sub("", p.text, count=1).strip(), p) for p in paras if MEASURES_LINE_RE.match(p.text)]
