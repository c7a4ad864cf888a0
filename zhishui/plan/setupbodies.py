"""The bodies a sentence sets up, and the duty it gives them:

    领导小组下设办公室,具体负责本方案的组织实施…          -> 领导小组办公室
    市、区平安建设组织协调机构下设办公室,负责…            -> 市…办公室, 区…办公室
    联席会议办公室(暨放心消费创建工作办公室)设在市工商局,承担… -> 联席会议办公室
    县级以上X领导小组的办事机构设在同级司法行政部门,负责…  -> 县级以上X领导小组的办事机构
    在黄水镇设置森林公安派出机构,负责…                  -> 森林公安派出机构
    丰镇市委成立村集体经济领导小组,统筹协调推进…          -> 村集体经济领导小组
    县水务局下设河道管理处,专门负责河道管理的具体工作…     -> 河道管理处

The office it sits in (设在Y) and the persons who head it (主任由…兼任) are not the body.  Under a 保障 section
these are how the plan is run, not its tasks (assemble lists them in the review).
"""
from __future__ import annotations

import re

from .attributions import looks_like_unit, looks_like_unit_list, unit_names

SET_UP_OFFICE_RE = re.compile(r"(?P<u>[^，,。；;：:]{2,30}?)下设办公室(?:[（(][^）)]{0,20}[）)])?(?=[，,])"
                              r"|(?P<o>[^，,。；;、：:]{2,30}?(?:办公室|的办事机构))(?:[（(][^）)]{0,30}[）)])?设在")
# the sentence gives the office a duty (领导小组下设办公室,办公室设在县农业局。 alone gives none)
DUTY_LATER_RE = re.compile(r"负责(?!人|同志)|承担")
# 办公室主任由市医保局局长兼任: whom a post goes to, not a duty of that office
POST_HELD_RE = re.compile(r"[^，,。；;]{0,30}(?:兼任|担任)")
# 县水务局下设河道管理处,专门负责…: a section set up under an office, the body that holds the duty
SETS_UP_UNDER_RE = re.compile(r"[^，,。；;：:]{2,30}?下设(?P<b>[^，,。；;、办]{2,20}(?:处|科|中心|站|所|队|股))[，,]")
SETS_UP_THERE_RE = re.compile(r"(?:在[^，,。；;]{2,12})?(?:设置|设立|组建|成立)(?P<b>[^，,。；;]{2,20}(?:机构|中心|站|所|队|办公室|专班|小组))"
                              r"[，,](?=(?:具体|主要)?负责)")
FOUNDS_BODY_RE = re.compile(r"(?P<a>[^，,。；;]{2,20}?)(?:决定)?(?:成立|组建|设立)(?:[^。；;]{0,80}?的)?"
                            r"(?P<b>[^，,。；;的]{2,30}?(?:领导小组|领导组|指挥部|工作组|委员会|专班))(?:[（(][^）)]{0,20}[）)])?"
                            r"[，,](?=统筹|统一|负责|全面|具体|研究|协调|组织|指导)")


def set_up_body(clause: str, pos: int) -> tuple[list[str], int] | None:
    """(the names of the body the sentence sets up at ``pos``, where its duty's words start), or None."""
    return _office(clause, pos) or _under(clause, pos) or _set_up_there(clause, pos) or _founded(clause, pos)


# 成立由县政府分管副县长任组长的X领导小组，领导小组办公室设在…: a group founded, its founder the plan itself
FOUNDED_HERE_RE = re.compile(r"(?:成立|组建|设立)[^。；;]{0,80}?(?:领导小组|领导组|指挥部|工作组|委员会|专班)"
                             r"(?:[（(][^）)]{0,20}[）)])?[，,。]")


def sets_up_body(text: str) -> bool:
    """A duty's text that opens by setting up the body that holds it (办公室 or a group founded)."""
    return bool(SET_UP_OFFICE_RE.match(text) or FOUNDS_BODY_RE.match(text) or FOUNDED_HERE_RE.match(text))


def _office(clause: str, pos: int) -> tuple[list[str], int] | None:
    m = SET_UP_OFFICE_RE.match(clause, pos)
    if not m or not DUTY_LATER_RE.search(clause, m.end()):
        return None
    if m.group("u") is not None:
        names = unit_names(m.group("u"))        # 市、区平安建设组织协调机构: each level's body
        return ([n + "办公室" for n in names], m.end()) if all(looks_like_unit(n) for n in names) else None
    office = m.group("o")
    if office.endswith("的办事机构"):
        # the law's name for the body's office, kept as written
        return ([office], m.end()) if looks_like_unit(office[:-5]) else None
    return (unit_names(office), m.end()) if looks_like_unit_list(office) else None


def _under(clause: str, pos: int) -> tuple[list[str], int] | None:
    m = SETS_UP_UNDER_RE.match(clause, pos)
    if not m or not DUTY_LATER_RE.search(clause, m.end()) or not looks_like_unit(m.group("b")):
        return None
    return [m.group("b")], m.end()


def _set_up_there(clause: str, pos: int) -> tuple[list[str], int] | None:
    m = SETS_UP_THERE_RE.match(clause) if pos == 0 else None
    return ([m.group("b")], m.end()) if m and looks_like_unit(m.group("b")) else None


def _founded(clause: str, pos: int) -> tuple[list[str], int] | None:
    m = FOUNDS_BODY_RE.match(clause, pos)
    if m and looks_like_unit_list(m.group("a")) and looks_like_unit(m.group("b")):
        return [m.group("b")], m.end()
    return None
