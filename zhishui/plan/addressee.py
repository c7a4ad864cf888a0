"""A letter to one body (督办函, 交办函, a notice to one bureau) calls it 你局 / 你委 / 你单位 in its text.

The addressee is the salutation line near the top (``滨州市环保局:`` alone on its line); in the
paragraphs below, the second person with that body's own ending (你局 for …局) is that body, so
the sentence rules read its name.  你市 / 你县 in a letter to a bureau is the place the bureau
serves, not the bureau: left as written.  你们 in a notice to the bodies of one kind (各办事处环保所:) is
those bodies.  A letter to several named bodies is not read here.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .attributions import looks_like_unit, unit_names
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
