"""Paragraphs whose sentences each open with the bodies that do them, whatever the verb.  The steps of a
schedule written as run-in paragraphs: ``第一阶段(5月25日前):摸清情况,制定方案。各街道办事处
(社区)、区各相关部门依照整治任务,开展摸底排查…。区城管局搜集…``.  The step's bracket gives the time of
every sentence in it, its words up to the first 。 are its title, and each sentence after that which opens
with bodies is their task (whatever verb follows the names: 搜集, 召开, 对照 are as good as 负责 here, since
a step's sentences say who does what in it), the sentences naming no one going on with the one before.
"""
from __future__ import annotations

import re

from .attributions import looks_like_unit_list, unit_names
from .dates import find_deadlines, title_span
from .model import title_end
from .prose import Duty, split_clauses
from .subjects import sentence_subject
from .unitshapes import units_at

# 第一阶段(5月25日前): / 动员部署阶段(5月25日至6月30日)： — a step named with its time, then its words
PHASE_RE = re.compile(r"^\s*(?P<name>第[一二三四五六七八九十]{1,2}阶段|[\u4e00-\u9fff]{2,8}阶段)\s*"
                      r"(?P<when>[（(][^）)]{2,30}[）)])\s*[:：]\s*")


def opening_bodies(sentence: str) -> list[str]:
    """The bodies a sentence of a step opens with, whatever verb follows them ([] when none)."""
    sub = sentence_subject(sentence, collective=True)
    if sub:
        return sub[0]
    names, end = units_at(sentence, 0)
    # the names, then the verb (not 的 / 和 of a phrase that only mentions them)
    if names and 0 < end < len(sentence) and re.match(r"[\u4e00-\u9fff]", sentence[end]) \
            and sentence[end] not in "的和及与等" and looks_like_unit_list(sentence[:end]):
        return unit_names(sentence[:end])
    return []


def phase_duties(text: str) -> tuple[list[str], list[Duty]]:
    """(the step's time, its duties) of a step paragraph; ([], []) when ``text`` is none."""
    m = PHASE_RE.match(text)
    if not m:
        return [], []
    when = m.group("when")[1:-1]
    dates = [span] if (span := title_span(when)) else find_deadlines(when)
    rest = text[m.end():]
    k = title_end(rest)
    # 摸清情况,制定方案。 is a title; 动员部署,制定排查工作细则,组建排查队伍。 is work: it opens the first duty
    titled = 0 < k <= 12 or 0 < k <= 30 and not re.search(r"[，,]", rest[:k])
    body = rest[k + 1:] if titled else rest
    out: list[Duty] = []
    lead_in = ""
    for sentence in split_clauses(body, "。"):
        names = opening_bodies(sentence)
        if names:
            out.append(Duty(lead_in + sentence, responsible=names))
            lead_in = ""
        elif out:
            out[-1].text += sentence
        else:
            lead_in += sentence
    return dates, out


def sentences_by_bodies(text: str) -> list[Duty]:
    """第四条 国务院发展改革部门指导和协调…。国务院工业和信息化…等部门,按照…对…进行监督。县级以上…: an article whose
    sentences each open with the bodies that do it, whatever the verb: one duty a sentence, a sentence naming no one
    going on with the one before; [] unless the first sentence and one more open with bodies."""
    opened = [(x, opening_bodies(x)) for x in split_clauses(text, "。")]
    n = sum(1 for _x, names in opened if names)
    # (第三条 节约用水工作应当遵循…的原则。市、县(区)人民政府应当建立…机制。: the article's principle first, then
    # the bodies it gives the work to; the principle's words stay with the first duty)
    if n < 2 and not (n and not opened[0][1]) or len(opened) < 2:
        return []
    out: list[Duty] = []
    ahead = ""
    for sentence, names in opened:
        if names:
            out.append(Duty(ahead + sentence, responsible=names))
            ahead = ""
        elif out:
            out[-1].text += sentence
        else:
            ahead += sentence
    return out


ARTICLE_MODAL_RE = re.compile(r"(?:也|还|均|都)?(?:应当|应|必须|须|要|不得|严禁|可以)")
LEADING_CONDITION_RE = re.compile(r"[^，,。；;]{2,10}[，,]")


def addressed_article(text: str) -> list[Duty]:
    """第十八条 各部门应当将资产管理责任落实到岗位和人员… / 第二十一条 未经批准,各部门不得出租…: an article whose first
    sentence opens with the bodies it is addressed to (各部门, 各单位 too) and what they must do, after a short
    condition perhaps: one duty of theirs, the whole article (h6310); [] otherwise."""
    first = split_clauses(text, "。")[0] if text else ""
    for start in (0, m.end() if (m := LEADING_CONDITION_RE.match(first)) else None):
        if start is None:
            continue
        sub = sentence_subject(first[start:], collective=True)
        if sub and ARTICLE_MODAL_RE.match(first, start + sub[1]):
            return [Duty(text, responsible=sub[0])]
    return []
