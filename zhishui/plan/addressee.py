"""A letter to one body (督办函, 交办函, a notice to one bureau) calls it 你局 / 你委 / 你单位 in its text.

The addressee is the salutation line near the top (``滨州市环保局:`` alone on its line); in the
paragraphs below, the second person with that body's own ending (你局 for …局) is that body, so
the sentence rules read its name.  你市 / 你县 in a letter to a bureau is the place the bureau
serves, not the bureau: left as written.  你们 in a notice to the bodies of one kind (各办事处环保所:) is
those bodies.  A letter to several named bodies is not read here.

The 主送机关 line and the sentence that hands the plan to them (现将《X》印发给你们，请认真贯彻执行。) are the
notice's own words to its addressees, no one's task: the read-through says so (readthrough.py).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .attributions import looks_like_unit, looks_like_unit_list, unit_names
from .dates import find_deadlines
from .document import Para

SALUTATION_RE = re.compile(r"^\s*(?P<u>[^，,。；;：:、\s]{3,30})\s*[:：]\s*$")
# the endings a body's name and its second person share
ENDINGS = ("局", "委", "办", "厅", "院", "处", "站", "中心", "公司", "单位", "政府")


def addressee(paras: list[Para], kinds: bool = False) -> str:
    """The one body a letter is addressed to, from a salutation among its first lines, else ""
    (``kinds``: the bodies of one kind too, 各办事处环保所:)."""
    for p in paras[:6]:
        m = SALUTATION_RE.match(p.text)
        if m and looks_like_unit(m.group("u")) and (kinds or not m.group("u").startswith(("各", "有关", "相关"))) \
                and len(unit_names(m.group("u"))) == 1:
            return m.group("u")
    return ""


def name_second_person(paras: list[Para]) -> tuple[list[Para], tuple[str, str, set]]:
    """The paragraphs with 你局 (…) written as the addressee's name, when the letter has one, and
    (name, pronoun, where) to give the tasks back the letter's own words (restore_second_person)."""
    who = addressee(paras)
    ending = next((e for e in ENDINGS if who.endswith(e)), "")
    pronoun = "你" + ending
    if not ending:
        # 各办事处环保所: …请你们高度重视: 你们 are the bodies the notice is addressed to
        who, pronoun = addressee(paras, kinds=True), "你们"
        if not who or not any(pronoun in p.text for p in paras):
            return paras, ("", "", set())
    where = {p.where for p in paras if pronoun in p.text}
    return [replace(p, text=p.text.replace(pronoun, who)) if p.where in where else p for p in paras], (who, pronoun, where)


def restore_second_person(tasks: list, named: tuple[str, str, set]) -> None:
    """A task's text as the letter wrote it (责成你局…): only its units carry the name."""
    who, pronoun, where = named
    for pt in tasks:
        if who and pt.source in where:
            pt.content = pt.content.replace(who, pronoun)


# --- the notice's own words to its addressees: no one's task ------------------------------------------

# 各镇人民政府，县政府各有关部门、直属机构：: the 主送机关 line under the title, every name a body (or a kind of
# body); 各部、委、办、局,法院、检察院,…: short names after 各 that the unit shapes do not all read
_ADDRESSEES_RE = re.compile(r"^\s*(?P<u>[^。；;：:！？!?]{2,150}?)\s*[:：]\s*$")
_NOT_ADDRESSEE = re.compile(r"职责|任务|工作|要求|如下|负责|牵头|配合|要|应|须|是|为")


def is_addressee_line(text: str) -> bool:
    """The 主送机关 line: the bodies the notice is sent to, then a colon and nothing else."""
    m = _ADDRESSEES_RE.match(text or "")
    if not m or _NOT_ADDRESSEE.search(m.group("u")):
        return False
    names = m.group("u")
    if looks_like_unit_list(names):
        return True
    parts = [x for x in re.split(r"[，,、]", names) if x]
    return names.startswith("各") and len(parts) >= 2 and all(len(x) <= 10 for x in parts)


# 经县政府同意，现将《X》印发给你们，请认真贯彻执行。/ 《X》已经市政府同意，现印发给你们，请结合实际，认真贯彻执行。:
# the notice handing its plan to the addressees (现印发你们 without 给 too), and the plea to carry it out
_TRANSMIT_RE = re.compile(r"现(?:正式|予以)?(?:将[^。]{2,200}?)?(?:印发|转发|下发|发)给?你们(?:[（(][^）)]{0,30}[）)])?")
# what makes the plea more than a plea: a time, something to send back, a duty's role
_PLEA_DUTY = re.compile(r"\d|报送|上报|报告|反馈|报至|送至|书面|联系|负责|牵头|配合")


def is_transmittal(text: str) -> bool:
    """A paragraph that is only the notice's 印发 sentence (经…同意，现将《X》印发给你们，请…。): one
    sentence, no time or report asked for in its plea (请于3月底前报送… may be a task and stays for the clerk)."""
    s = (text or "").strip()
    m = _TRANSMIT_RE.search(s)
    if not m:
        return False
    before, plea = s[:m.start()], s[m.end():].strip()
    if re.search(r"[。；;！？!?]", before) or re.search(r"负责|牵头|配合|要求[^，,]{0,6}(?:于|在)", before):
        return False        # a sentence before it, or a duty in it: words the clerk should read
    if re.search(r"[。；;！？!?：:]", plea.rstrip("。：: ")) or len(plea) > 60:
        return False        # a second sentence after it (执行中遇到的问题，请径向X反映。)
    return not _PLEA_DUTY.search(plea) and not find_deadlines(plea)
