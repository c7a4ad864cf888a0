"""Time words inside a task's text, and the document's own date, issuer and 文号.

The 完成时限 of a task written as prose is the time expressions of its text,
verbatim, joined with 「；」 (the deadline parser then reads them as due date,
milestones, start or recurrence).  Baselines (比2015年下降) and the years in
titles of other documents (《…（2018-2020年）》) are not deadlines.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .furniture import LIBRARY_PAGE_RE, PAGE_MARK_RE, is_page_furniture, is_site_nav, is_site_text

_CN = "〇○零一二三四五六七八九十"
_Y = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年"
_M = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月"
_D = r"(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
_TAIL = r"(?:份)?(?:初|底|末|上旬|中旬|下旬)?(?:前|以前|之前|起|开始|以后|后)?"
_FEST = r"(?:春节|元旦|五一|劳动节|端午节?|中秋节?|国庆节?)(?:前|之前|以前|后|之后)?"
# (2025年汛期前: the season of that year, one expression)
_SINGLE = (rf"(?:{_Y}\s*(?:{_M}\s*(?:{_D})?|[上下]半年|第?[一二三四1-4]季度|年?底|年?末|年?终|内|{_FEST}|(?:主)?汛期(?:来临|到来)?(?:之)?前|汛前)?"
           rf"|(?:今年|明年|次年|本年|当年|翌年)\s*(?:{_M}\s*(?:{_D})?|年?底|年?内|度内|{_FEST})?"
           rf"|{_M}\s*{_D}|{_M}(?:份)?(?:初|底|末|上旬|中旬|下旬)|{_FEST}|年底|年终|年末|年内|本月底?|即日)")
# 2022年6月至7月: the end of a range may be a bare month of the same year;
# 3月20日至31日: or a bare day of the same month
_RANGE = rf"{_SINGLE}\s*{_TAIL}\s*(?:至|到|—|-|~)\s*(?:{_SINGLE}|{_M}(?:份)?|{_D})\s*{_TAIL}(?:结束|止)?"
_OTHER = (r"每(?:个)?(?:年度?|半年|季度|月)(?:终了|结束)后\s*\d{1,2}\s*(?:个工作)?日内|每年(?:年初|年中|年底|年末)(?:前)?"
          r"|每(?:年|半年|季度|月|周)(?:不少于|至少|不低于)?[一二两三四五六七八九十\d]+次|每(?:一)?年(?:度)?(?:\s*\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号])?(?:底|末)?前?|底|末)?|每半年|每(?:个)?季度(?:末月?\s*\d{1,2}\s*[日号](?:前|之前|以前)?|末|底)?"
          r"|每(?:个)?月(?:\s*\d{1,2}\s*[日号](?:\s*[,，和]\s*\d{1,2}\s*[日号])*前?|(?:月)?(?:底|末)前?)?|每(?:周|星期)[一二三四五六日天]?|每日|每天|(?<!不)定期|长期坚持|长期保持"
          r"|适时启动|(?:汛期|主汛期)(?:来临|到来)?(?:之)?前|汛前|(?:\d+|[一二两三四五六七八九十半])(?:个(?:月|工作日|星期)|年|月|日|天|周|工作日)(?:内|以内)"
          r"|立行立改|立即整改|即知即改|按(?:月|季度?)(?=[报上开检统通调考填汇进召组督发公])")
# 每年3月15日至4月1日: a window that comes back each year is one range
# 上半年于当年6月5日前、下半年于12月5日前: the half (quarter) a date is for goes with it
# 利用2年时间 / 用三年左右时间: a span as plans write it, beside 3年内
_USE_SPAN = r"(?:利用|用)\s*(?:\d+|[一二两三四五六七八九十半])\s*(?:个)?(?:年|月)(?:左右)?(?:的)?时间"
# 从2008年开始,利用2年时间 / 2019年开始，3年内完成: a start and a span from it are one expression
_STARTED_SPAN = (rf"{_SINGLE}\s*(?:开始|起)[，,]?\s*(?:{_USE_SPAN}|(?:\d+|[一二两三四五六七八九十半])\s*(?:个)?(?:年|月)"
                 r"(?:内|以内|之内))")
DEADLINE_RE = re.compile(rf"(?:(?:[上下]半年|第?[一二三四]季度)(?=于|在))?(?:到|至|于|自|从|在)?\s*"
                         rf"(?:{_STARTED_SPAN}|(?:每年\s*)?{_RANGE}|{_SINGLE}\s*{_TAIL}|{_USE_SPAN}|{_OTHER})")
BASELINE_BEFORE = re.compile(r"(?:比|较|与|同|相比|对比|以)\s*$")
BASELINE_AFTER = re.compile(r"^\s*(?:相比|下降|增长|提高|减少|基础|水平|为基准|标准|版|号|第|届|以来|底数|的(?!前))")


def _inside(spans, i: int) -> bool:
    return any(a <= i < b for a, b in spans)


def find_deadlines(text: str) -> list[str]:
    """Time expressions of a task text, verbatim and in order (without repeats)."""
    quoted = [m.span() for m in re.finditer(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\d{4}[^\]]*\]", text)]
    out: list[str] = []
    for m in DEADLINE_RE.finditer(text):
        expr = m.group().strip()
        core = re.sub(r"^(?:[上下]半年|第?[一二三四]季度)?(?:到|至|于|自|从|在)\s*", "", expr)
        if not core or _inside(quoted, m.start()):
            continue
        if BASELINE_BEFORE.search(text[max(0, m.start() - 3):m.start()]) or BASELINE_AFTER.match(text[m.end():]):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}\s*年", core) and re.match(r"\s*[-—至到~]\s*(?:19|20)\d{2}", text[m.end():]):
            continue
        if PER_UNIT_RATE.search(text[max(0, m.start() - 6):m.start()]) or re.fullmatch(r"每(?:一)?年", core) \
                and re.match(r"\s*\d", text[m.end():]):
            continue        # 每公里每年1.2万元: a rate of money, not when the work is due
        if re.fullmatch(r"(?:本年|当年|今年)", core) and text[m.end():m.end() + 1] == "度":
            continue        # 编制本年度治理村的实施方案: this year's villages, not a date
        if expr not in out:
            out.append(expr)
    # 每季度监测一次，每季度末月25日前通报: the bare period is the same recurrence as the dated one
    return [e for e in out if not (e.startswith("每") and any(o != e and o.startswith(e) for o in out))]


# 每公里每年… / 每人每月…: a rate per unit of something before the period
PER_UNIT_RATE = re.compile(r"每(?:公里|千米|亩|人|户|吨|平方米|立方米|个|座|处)\s*$")


_MONTH = r"(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日)?(?:上旬|中旬|下旬|底|末)?"
# 动员部署阶段(5月) / 督查阶段(8月-11月): the months a step's title gives it in its bracket — bare months
# are no deadline in running text, but there they are the step's time
# (入库审核阶段(1—3月):…: a range whose first month leaves out 月, and a colon before the step's work)
TITLE_SPAN_RE = re.compile(r"^\s*[^，,。；;（(\s]{2,20}[（(](?P<s>(?:" + _MONTH + r"|\d{1,2}(?=\s*[-—~至到]\s*\d{1,2}月))"
                           + r"(?:\s*[-—~至到]\s*" + _MONTH + r")?)[）)](?=[。：:\s]|$)")


def title_span(text: str) -> str:
    """The months in the bracket closing a step's short title at the start of ``text``, else ""."""
    t = re.sub(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,3}[、.．])", "", text or "")
    m = TITLE_SPAN_RE.match(t)
    return m.group("s") if m else ""


# 在8月28日至9月12日的集中整治时间中,X要…;Y要…: the window a paragraph opens with is the time of each duty in it
OPENING_WINDOW_RE = re.compile(r"^\s*(?:在|于)?(?P<s>(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日(?:至|到|—|-|~)(?:(?:19|20)\d{2}年)?"
                               r"(?:\d{1,2}月)?\d{1,2}日)(?:的[^，,。；;]{0,12})?(?:期间|时间中|时间内|之间|内)[，,]")


def opening_window(text: str) -> str:
    m = OPENING_WINDOW_RE.match(text or "")
    return m.group("s") if m else ""


# --- the document's own date, issuer and number ------------------------------------------

DOCNO_RE = re.compile(r"[\u4e00-\u9fff]{1,14}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")
DATE_LINE_RE = re.compile(rf"^\s*(?P<d>{_Y}\s*{_M}\s*{_D})\s*(?:印发)?\s*$")
ISSUER_END = re.compile(r"(?:人民政府|政府|办公室|办公厅|局|委员会|委|厅|管委会|指挥部|领导小组|分局|办事处|(?<![督承交代主协经])办)$")


def cn_date(text: str) -> dt.date | None:
    """2021年5月20日 / 二〇二一年五月二十日 / 2020-09-30 -> date."""
    s = re.sub(r"\s+", "", text)
    m = re.match(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = re.match(rf"([0-9{_CN}]{{4}})年([0-9{_CN}]{{1,3}})月([0-9{_CN}]{{1,3}})[日号]", s)
        if not m:
            return None
        y = int("".join(c if c.isdigit() else str("〇一二三四五六七八九".index(c) if c in "〇一二三四五六七八九" else 0)
                        for c in m.group(1)))
        mo, d = _cn_num(m.group(2)), _cn_num(m.group(3))
    try:
        return dt.date(y, mo, d)
    except (ValueError, TypeError):
        return None


def _cn_num(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "○": 0})
    if "十" in s:
        a, _, b = s.partition("十")
        return (digits.get(a, 1) if a else 1) * 10 + (digits.get(b, 0) if b else 0)
    return digits.get(s)


@dataclass
class Meta:
    date: dt.date | None = None
    issuer: str = ""
    number: str = ""
    title: str = ""
    plan_name: str = ""
    where: dict | None = None


def _in_order(short: str, long: str) -> bool:
    """Every character of ``short`` appears in ``long`` in the same order (a short form of the name)."""
    it = iter(long)
    return all(c in it for c in short)


def document_meta(lines: list[str], page_titles: list[str] | None = None) -> Meta:
    """From the document's lines (in reading order): labels a web page shows (成文日期, 发文字号,
    发布机构) first, then the 文号 line, the signature and its date.  page_titles: a saved page's own
    titles (<h1>, <title>), where its plan's name is when the page has no 「关于…」 title."""
    meta = Meta(where={})
    head = [re.sub(r"^#{1,6}\s*|\*\*", "", x).strip() for x in lines if x.strip()]
    # the site's menu, footer and article lines (首页 | 政务公开 | … | 工作方案) are no title of the document (an
    # information line 标题：关于…的通知 文号：… may still hold the 「关于…」 title, looked for below in every line)
    titled = [x for x in head if not is_site_text(x)]
    text = "\n".join(head)
    lab = re.search(r"成文日期\s*[\]】:：]?\s*[\[【]?\s*([0-9]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?)", text)
    if lab:
        meta.date = cn_date(lab.group(1).replace("年", "-").replace("月", "-").rstrip("日"))
        meta.where["date"] = "网页信息栏「成文日期」"
    lab = re.search(r"(?:发文字号|文\s*号)\s*[\]】:：]?\s*[\[【]?\s*(" + DOCNO_RE.pattern + ")", text)
    if lab:
        meta.number = re.sub(r"\s+", "", lab.group(1))
    lab = re.search(r"(?:发布机构|发文机关|发文单位)\s*[\]】:：]\s*([\u4e00-\u9fff]{2,30})", text)
    if lab:
        meta.issuer = lab.group(1)
    for i, line in enumerate(head[:80]):
        if not meta.number:
            m = DOCNO_RE.search(line)
            if m and len(line) <= len(m.group()) + 4:
                meta.number = re.sub(r"\s+", "", m.group())
        m = DATE_LINE_RE.match(line)
        if m and cn_date(m.group("d")):
            if meta.date is None:
                meta.date = cn_date(m.group("d"))
                meta.where["date"] = f"落款日期「{line}」"
            signers = _signers_above(head, i)
            if signers and (not meta.issuer or "落款" not in meta.where.get("issuer", "")):
                meta.issuer = "、".join(signers)
                meta.where["issuer"] = "落款" + (f"（{len(signers)}个机关联合发文）" if len(signers) > 1 else "")
            break
    if meta.issuer and "落款" not in meta.where.get("issuer", ""):
        # a web page's 发布机构 is often a short name (永川区政府办公室); the document's own head or
        # signature spells it out (重庆市永川区人民政府办公室)
        full = [x for x in head[:80] if len(meta.issuer) < len(x) <= 30 and re.fullmatch(r"[\u4e00-\u9fff]+", x)
                and ISSUER_END.search(x) and _in_order(meta.issuer, x) and x[-2:] == meta.issuer[-2:]]
        if full:
            meta.issuer = full[0]
            meta.where["issuer"] = "文件版头或落款（网页信息栏是简称）"
    if "落款" not in meta.where.get("date", "") and "落款" not in meta.where.get("issuer", ""):
        _bare_signature(head, meta)
    printed = next((cn_date(m.group(1)) for x in reversed(head)
                    for m in [re.search(r"((?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s*印发$", x)] if m), None)
    if printed and meta.date and meta.date > printed:
        # a web page's 成文日期 after the date the 版记 says it was printed cannot be the signing date
        meta.where["date"] = (f"版记的印发日期（{meta.where.get('date', '')}是{cn_date_text(meta.date)}，"
                              f"晚于印发日期，不可能是成文日期；成文日期一般在印发前几天，请核实）")
        meta.date = printed
    if not meta.date:
        m = re.search(r"(?:发布日期|发文日期|日期)\s*[\]】:：]?\s*[\[【]?\s*((?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})", text)
        if m:
            meta.date = cn_date(m.group(1))
            meta.where["date"] = "网页信息栏「发布日期」（没有找到成文日期）"
    for i, line in enumerate(head[:60]):
        if "关于" in line and len(line) <= 60 and not line.startswith(("根据", "按照", "为", "《", "经")) \
                and (not _mid_sentence(line) or _title_goes_on(head, i)) and not is_page_furniture(line) \
                and not is_site_nav(line):
            # …联席会议制度的通知 西府办函〔2021〕146号: the 文号 printed after the title on its line
            tail = re.search(r"\s+(" + DOCNO_RE.pattern + r")\s*$", line)
            if tail:
                line = line[:tail.start()]
                meta.number = meta.number or re.sub(r"\s+", "", tail.group(1))
            parts = [line]
            j = i
            end = r"(?:通知|意见|决定|函|批复)$" if re.search(r"关于(?:印发|转发|下发)", line) else \
                r"(?:通知|方案|意见|决定|函|计划|要点)$"
            while not re.search(end, parts[-1]) and j + 1 < len(head) and len(head[j + 1]) <= 30 and j - i < 4:
                j += 1
                parts.append(head[j])
            meta.title = re.sub(r"\s+", "", "".join(parts))
            meta.title = re.sub(r"^" + DOCNO_RE.pattern, "", meta.title) or meta.title   # 牡东政发〔2021〕9号 关于…
            # 新乡市住房和城乡建设局 新乡市生态环境局 / 新乡市发展和改革委员会关于印发…: a jointly issued
            # document's title opens with the other issuers on the lines before
            if re.match(r"^[\u4e00-\u9fff]{2,30}?(?:" + ISSUER_END.pattern[3:-2] + r")关于", parts[0]):
                before: list[str] = []
                k = i - 1
                while k >= 0 and _issuer_names(head[k]) and k >= i - 3:
                    before = _issuer_names(head[k]) + before
                    k -= 1
                if before:
                    meta.title = " ".join(before) + " " + meta.title
            if not meta.issuer and i > 0 and i <= 4 and 4 <= len(head[i - 1]) <= 30 \
                    and re.fullmatch(r"[\u4e00-\u9fff（）()]+", head[i - 1]) and ISSUER_END.search(head[i - 1]):
                # 平顶山市河长制办公室 / 关于印发《…》的通知: the office's name as the 版头 over the title (a new-user trial)
                meta.issuer = head[i - 1]
                meta.where["issuer"] = "文件版头（标题上一行）"
            own_name = re.match(r"([\u4e00-\u9fff（）()]{4,30}?)关于", meta.title)
            if not meta.issuer and own_name and ISSUER_END.search(own_name.group(1)):
                # 阳西县人民政府办公室关于建立…的通知 (no signature on the page): the office the title names as its sender
                meta.issuer = own_name.group(1)
                meta.where["issuer"] = "标题（「…关于」前的机关名，没有找到落款）"
            break
    if not meta.title:
        # 县2022年农村人居环境整治工作方案 as the page's <h1> (or <title>): the name the page gives its document
        own_title = next((x for x in page_titles or [] if _names_document(x)), "")
        if own_title:
            meta.title = re.sub(r"\s+", "", own_title)
            meta.where["title"] = "没有找到「关于…」的标题，取自网页的标题，请核对"
    if not meta.title:
        # 省治理"餐桌污染"建设"食品放心工程"工作实施方案: a first line that is the plan's own name
        # (附件 / 清溪县2025年黑臭水体整治工作方案: the attachment's mark on its own line is not the name)
        # (附件1 / — 4 — / 大气污染防治2021年行动计划: nor a page's number a Word attachment printed above it)
        first = next((x.strip() for x in titled[:5] if x.strip() and not re.fullmatch(r"附件\s*\d*\s*[:：]?", x.strip())
                      and not (PAGE_MARK_RE.fullmatch(x.strip()) or LIBRARY_PAGE_RE.fullmatch(x.strip())
                               or x.strip().isdigit())), "")
        if _names_document(first):
            meta.title = re.sub(r"\s+", "", first)
            meta.where["title"] = "没有找到「关于…」的标题，取自文件开头的方案名称，请核对"
    # the plan the document itself issues (关于印发X的通知 / 现将《X》印发), not another plan it quotes
    own = re.search(r"关于(?:印发|转发|下发)《?(.{4,60}?)》?的通知$", meta.title)
    # (《X》已经县政府同意，现印发给你们: the other way a notice issues its plan, trial 27)
    given = re.search(r"现将《([^》]{4,60})》", text) \
        or re.search(r"《([^》]{4,60})》(?:已经?[^。；，,]{0,20}(?:同意|通过)，?)?现(?:予)?印发", text)
    # 根据《丽水市…建设实施方案》: a plan the document is based on is not its own
    # (根据《…的决定》(达市人常[2017]55号)、《…实施方案》要求: each document of the list it is based on)
    quoted = [q for q in re.finditer(r"《([^》]{4,60}(?:方案|计划|要点|意见|清单))》", text)
              if not BASIS_BEFORE_RE.search(QUOTED_LIST_RE.sub("", text[max(0, q.start() - 160):q.start()]))]
    # (where it came from is said beside it in 设置: every return sheet and document prints it, a trial's clerk
    # never looked there and two of three imports named a plan the text only cited)
    if own:
        meta.plan_name = own.group(1)
        meta.where["plan_name"] = "取自标题「关于印发《…》的通知」"
    elif given:
        meta.plan_name = given.group(1)
        meta.where["plan_name"] = f"取自正文「现将《{given.group(1)}》印发」"
    elif quoted:
        meta.plan_name = quoted[0].group(1)
        meta.where["plan_name"] = f"取自正文引用的《{quoted[0].group(1)}》，不一定是这份文件自己的方案，请核对"
    elif meta.title:
        # 广元市人民政府办公室关于加强烟花爆竹安全生产工作的通知: a notice that is itself the plan — its matter
        # names the work (关于报送…加强烟花爆竹安全生产工作进展情况的催报通知), not the whole title
        matter = re.search(r"关于(.{4,40}?)的(?:通知|意见|决定|实施意见)$", meta.title)
        meta.plan_name = matter.group(1) if matter else meta.title
        meta.where["plan_name"] = "取自文件标题" + ("「关于…的通知」中的事项" if matter else "")
    if meta.plan_name:
        # a name set on two lines (or a PDF's spaces between 汉字 and digits) is one name: every sheet's title prints it
        name = re.sub(r"\s+", "", meta.plan_name)
        meta.where["plan_name"] = meta.where["plan_name"].replace(meta.plan_name, name)
        meta.plan_name = name
        meta.where["plan_name"] += "；报送表、催报通知、督办通知和通报的标题都用它"
    return meta


# what a document's own title ends with: a table sent as the plan is named as one (…任务分解表, …工程任务表, …一览表,
# a new-user trial's Word 附件 whose centred title ends in 任务表), or as a 台账
DOC_KIND_END_RE = re.compile(r"(?:方案|通知|意见|决定|计划|要点|办法|规定|细则|清单|表|台账|责任书|安排|分工|条例|制度)"
                             r"(?:[（(][^）)]{1,20}[）)])?$")


def _names_document(line: str) -> bool:
    """A line that is a document's own name: short, ends as a plan's title does, no sentence in it."""
    return 6 <= len(line) <= 50 and bool(DOC_KIND_END_RE.search(line)) and not _mid_sentence(line) \
        and not re.search(r"[，,。；;：:]", line) and not is_site_text(line)


def _title_goes_on(head: list[str], i: int) -> bool:
    """关于印发《青溪县2026年水污染防治攻坚行动 / 工作方案》的通知: a 红头 title set on two lines leaves its 《 open on
    the first (trial 27: no 文件标题, and the 方案名称 taken from the text with the line break in it)."""
    return bool(re.match(r"关于(?:印发|转发|下发)《[^》]*$", head[i].strip())) and any(
        re.search(r"》的?(?:通知|意见|决定|函)$", x.strip()) for x in head[i + 1:i + 4])


def _mid_sentence(line: str) -> bool:
    """(闽委[*]4号)和《福建省人民政府关于贯彻…: a line a PDF's text cut out of a sentence — it opens with a
    bracket's end or a joining word, or leaves a 《 open — is no title."""
    s = line.strip()
    return bool(re.match(r"^(?:[（(][^）)]{0,20}[）)]|[和及与并、，,]|以及)", s)) or s.count("《") != s.count("》") \
        or s.count("(") + s.count("（") != s.count(")") + s.count("）")


# 《A》(文号)、《B》和: the documents listed before another in one list of what the text is based on
QUOTED_LIST_RE = re.compile(r"(?:《[^《》]*》\s*(?:[（(][^（）()]{0,30}[）)]|[〔\[][^〔〕\[\]]{0,20}[〕\]])?\s*[、和及与,，]?\s*)+$")
BASIS_BEFORE_RE = re.compile(r"(?:根据|按照|依据|贯彻|落实|对照|参照|结合|执行)[^。；，,《》\n]*$")


def _issuer_names(line: str) -> list[str]:
    """A line that is only issuers' names (one, or several separated by spaces) -> the names."""
    names = [x for x in re.split(r"[ \t\u3000]+", line.strip()) if x]
    ok = names and all(len(x) <= 30 and re.fullmatch(r"[\u4e00-\u9fff（）()]+", x) and ISSUER_END.search(x)
                       for x in names)
    return names if ok else []


def _bare_signature(head: list[str], meta: Meta) -> None:
    """A signature whose date lost its 年月日 in a web copy (「海东市乐都区人民政府办公室」 over
    「2017720」): the issuer is taken, and the date when its digits split one way only into a
    month and a day (7/20; not 2017112, which may be 1/12 or 11/2), said to be checked."""
    for i, line in enumerate(head[:80]):
        m = re.fullmatch(r"((?:19|20)\d{2})(\d{2,4})", line)
        if not m or i == 0:
            continue
        signers = _signers_above(head, i)
        if not signers:
            continue
        year, rest = int(m.group(1)), m.group(2)
        days = set()
        for cut in (1, 2):
            try:
                days.add(dt.date(year, int(rest[:cut]), int(rest[cut:])))
            except ValueError:
                pass
        meta.issuer = "、".join(signers)
        meta.where["issuer"] = "落款"
        if len(days) == 1 and not meta.date:
            meta.date = days.pop()
            meta.where["date"] = f"落款日期「{line}」（缺年月日字样，按{cn_date_text(meta.date)}读，请核实）"
        return


def cn_date_text(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _signers_above(head: list[str], i: int) -> list[str]:
    """The issuers signing above the date line at i: a jointly issued document has several,
    one a line (or several on one line)."""
    out: list[str] = []
    k = i - 1
    while k >= 0 and i - k <= 6:
        names = _issuer_names(head[k])
        if not names:
            break
        out = names + out
        k -= 1
    return out
