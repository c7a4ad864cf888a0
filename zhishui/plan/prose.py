"""Duties written as sentences rather than brackets.

- one paragraph per unit: ``县建设局：负责…；牵头…；督促…。`` — each clause is a duty of
  that unit (its lead when the clause says 牵头), and ``会同/协同 Y`` makes Y a co-unit;
- prose clauses: ``由X牵头督促Y…`` (X leads, Y is responsible), ``由X负责…``,
  ``X会同Y…``, ``X负责…``, ``X要…`` (the unit opening its sentence) — and in a paragraph of such
  clauses, ``X实施…`` too;
- a paragraph whose unit is its subject (``环保部门负责A；负责B；监测C。``): the clauses after the
  first that name no unit of their own are duties of the same unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .attributions import looks_like_unit, looks_like_unit_list, unit_names, unit_run
from .itemmark import ITEM_DOT
from .model import title_end
from .setupbodies import POST_HELD_RE, set_up_body
from .subjects import OWNS_IT_RE, PLACES_RE, SUBJECT_VERB_RE, sentence_subject

UNIT_PARA_RE = re.compile(r"^(?P<u>[^：:。；;]{2,30}?)[：:](?P<b>.+)$")
DUTIES_ARE_RE = re.compile(r"的?(?:主要|工作)?(?:职责|任务)(?:是|为|包括|如下)?$")
NOT_UNIT_LABELS = re.compile(r"^(?:联系人|联系电话|电话|邮箱|电子邮箱|附件|抄送|主送|组长|副组长|成员|地址|传真|说明|注|备注|"
                             r"索引号|发布|来源|主题|文号|时间|日期|标题|责任人)")
# 汇同: the same word as 会同 as documents often mistype it
CO_RE = re.compile(r"会同|汇同|协同")
# 联合财政部门制定… / 联合相关部门出具…: whom it works with, when a unit follows (联合验收, 联合开展 name no one)
WITH_UNITS_RE = re.compile(CO_RE.pattern + r"|联合")
ITEM_NUMBER_RE = re.compile(r"^(?:\d{1,3}\s*" + ITEM_DOT + r"|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)])\s*")
# 市农委 组织实施…。下达…。: the unit's name and a space before its duties (a table's two cells run into a line)
SPACED_UNIT_RE = re.compile(r"^(?P<u>[^\s：:。；;，,、（(]{2,20})[ \u3000\t]+(?P<b>(?:负责|组织|牵头|会同|指导|督促|做好|开展|"
                            r"推进|加强|落实|完成|建立|制定|统筹|协调|配合|协助)[^\s].*)$")
RUN_IN_UNIT_RE = re.compile(r"^(?P<u>[^：:，,。；;、]{2,24}?)。(?P<b>.+)$")
# ·县执法大队。 / .县执法大队。: a list bullet a copy kept as a stray mark before the unit's run-in name
STRAY_BULLET_RE = re.compile(r"^[.·•●▪■◆○]\s*(?=[\u4e00-\u9fff])")
# X。…主要职责是… / X。其职责为…: a block that gives the unit's duties
DUTY_BODY_RE = re.compile(r"^[^：:，,。；;、]{2,24}?。[^。；;]{0,40}?(?:主要|工作)?职责(?:是|为|包括)")
DUTY_PREAMBLE_RE = re.compile(r"^[^。；;]{0,40}?(?:主要|工作)?职责(?:是|为|包括)[:：]?(?=负责|[\u4e00-\u9fff])")
# 即县水务局牵头，…: a word that opens the clause before its unit
CONNECTOR_RE = re.compile(r"(?:即(?![时将可日刻])|其中|同时|联合|特别是|尤其是)[，,]?")
# 三是相关部门要… / 二是按照属地管理原则,各镇街要…: a point counted 一是…二是… in the sentence, before its subject
ORDINAL_OPEN_RE = re.compile(r"(?:[一二三四五六七八九十]{1,3}|[首再])是[，,]?")
# 年底县商务局对…综合审核: the time of the work, written before its subject with no comma
TIME_WORD_OPEN_RE = re.compile(r"(?:每年|每季度?|每月|每半年|年底|年初|年中|年终|年末|月底|月初|季末|届时)(?=[省市县区州乡镇旗])")


@dataclass
class Duty:
    text: str
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)


# 负责…工作，具体包括：A；B；C。: the ;-clauses after 包括 are parts of the one duty, up to the sentence's end
INCLUDES_RE = re.compile(r"(?:具体|主要)?包括[:：]")


def join_included(clauses: list[str]) -> list[str]:
    out: list[str] = []
    open_list = False
    for c in clauses:
        if open_list and out:
            out[-1] += c
        else:
            out.append(c)
        if "。" in c:
            c = c.rsplit("。", 1)[-1]      # a full stop ends the list (a new 包括: after it opens another)
            open_list = False
        open_list = open_list or bool(INCLUDES_RE.search(c))
    return out


def split_clauses(text: str, marks: str = "。；;") -> list[str]:
    out, cur, depth = [], [], 0
    for ch in text:
        if ch in "(（[【":
            depth += 1
        elif ch in ")）]】":
            depth = max(0, depth - 1)
        cur.append(ch)
        if ch in marks and depth == 0:
            out.append("".join(cur).strip())
            cur = []
    if "".join(cur).strip():
        out.append("".join(cur).strip())
    return [c for c in out if c.strip("。；; ")]


# 与安全生产办公室密切协作 / 加强与民政部门衔接 / 商请片区公安派出所、工商所介入支持: the bodies it works with
# (not the 与 inside a name: 市规划与国土资源局、城管办配合)
WORKS_WITH_RE = re.compile(r"(?:(?<=[要并强应须，,])与|商请)(?P<u>[^，,。；;与]{2,30}?)(?:密切|紧密|加强|做好|积极)?(?:协作|配合|衔接|联动|介入)")


def co_units(clause: str) -> list[str]:
    names: list[str] = []
    for m in WITH_UNITS_RE.finditer(clause):
        # 会同Y等部门开展… / 会同Y等部门,做好…: the list ends at its verb, or at the comma
        run = unit_run(clause, m.end()) or _list_to_comma(clause, m.end())
        if run:
            names.extend(n for n in unit_names(run[0]) if n not in names)
    for m in WORKS_WITH_RE.finditer(clause):
        u = m.group("u")
        if looks_like_unit_list(u) and not re.match(r"各|有关|相关|其他|其它", u):
            names.extend(n for n in unit_names(u) if n not in names)
    return names


# how a notice opens its text to its addressees (为切实…, 根据…, 现将…, 经区政府研究): no unit's duty opens so
# (根据本部门的职责,… may open a unit's duties: not among them)
NOTICE_OPENING_RE = re.compile(r"为了?(?:切实|进一步|认真|全面|深入|加强|加快|确保|贯彻|落实|做好|推进|规范|有效)|现将|"
                               r"经[^，,。]{1,10}(?:研究|同意)")


def unit_paragraph(text: str) -> tuple[str, list[Duty]] | None:
    """``县建设局：负责…`` -> (unit, one duty per clause); None when the paragraph is not one.
    A numbered paragraph may name its unit as a run-in heading: ``1、区住建局。排查…``."""
    t = text.strip()
    num = ITEM_NUMBER_RE.match(t)
    bullet = STRAY_BULLET_RE.match(t) if not num else None
    body_of_item = t[num.end():] if num else t[bullet.end():] if bullet else t
    m = UNIT_PARA_RE.match(body_of_item) or SPACED_UNIT_RE.match(body_of_item)
    if not m and (num or bullet or DUTY_BODY_RE.match(body_of_item)):
        # 1、区住建局。排查… / ·县执法大队。…主要职责是负责…: a unit's block under its run-in name; unnumbered
        # only when its body says it gives that unit's duties
        m = RUN_IN_UNIT_RE.match(body_of_item)
        if m and not (looks_like_unit(m.group("u")) and (num or DUTY_BODY_RE.match(body_of_item))):
            return None
    if not m:
        return None
    unit, body = m.group("u").strip(), m.group("b").strip()
    # 县委宗教工作领导小组的主要职责是:A;B: the name before what its duties are called
    unit = DUTIES_ARE_RE.sub("", unit) or unit
    # …下设的执法大队主要职责是负责A；B: what the block says of the unit before its first duty
    body = DUTY_PREAMBLE_RE.sub("", body, count=1)
    # 各乡(镇)人民政府,栖山管理局： several units sharing the block
    several = bool(re.search(r"[，,、]", unit))
    if NOT_UNIT_LABELS.match(unit) or len(body) < 6 or not (
            looks_like_unit_list(unit) if several else looks_like_unit(unit) or group_like(unit)):
        return None
    if looks_like_unit_list(body.rstrip("。；; ")):
        return None          # 受理部门：常德市住房和城乡建设局 — a field holding a name, not duties
    if several and re.search(r"各|有关|相关", unit) and NOTICE_OPENING_RE.match(body):
        return None          # 各有关镇办,区政府有关部门: 为切实整顿…: the notice's salutation run on with its opening
    duties = []
    names = unit_names(unit) if several else [unit]
    clauses = join_included(split_clauses(body))
    for i, clause in enumerate(clauses):
        nxt = NEXT_BLOCK_RE.match(clause)
        if nxt and looks_like_unit_list(nxt.group("u")):
            # 3.人民检察院。A。B。 4.公安机关。C。: a page run together, the next unit's run-in name starts its block
            names = unit_names(nxt.group("u"))
            continue
        d = Duty(clause)
        # 22.市城管执法局:负责…。各区县城管大队、分局在辖区政府领导下,…: a later sentence opening with other
        # bodies is theirs
        other = sentence_subject(clause) if i and clauses[i - 1].endswith("。") else None
        if other and other[0] != names:
            d.responsible = other[0]
        else:
            (d.lead if "牵头" in clause else d.responsible).extend(names)
        d.cooperating = co_units(clause)
        duties.append(d)
    return unit, duties


NEXT_BLOCK_RE = re.compile(r"^\s*\d{1,3}\s*" + ITEM_DOT + r"\s*(?P<u>[^，,。；;：:、]{2,24})。\s*$")


def group_like(s: str) -> bool:
    return bool(re.match(r"^(?:各|其他|其它|有关|相关)?[\u4e00-\u9fff]{0,8}(?:部门和单位|部门|单位)$", s)) or \
        bool(re.match(r"^乡镇[（(]街道[）)]$|^镇街$|^乡镇$|^街道$", s))


_DUTY_START = re.compile(r"由(?!于)|(?:^|(?<=[，,]))")


# 由X牵头，Y配合/参与/协助，…: the units after the comma help the duty before them
CO_ROLE_RE = re.compile(r"(?:共同|积极|做好|搞好|全力|密切)?(?:配合|参与|协助|协办)(?![^，,。；;]*(?:牵头|负责))")


# …，Y负责落实。: no duty of its own, only who carries out the one before
# …各区政府负责落实。 / …各乡镇人民政府负责具体实施，2025年4月底前…: who carries out what the unit before leads
# …执法分局牵头,各工商所具体落实, / …各工商所按照各自辖区分工负责,…: the same said without 负责 or with the remit
CARRY_OUT_WORDS_RE = re.compile(r"具体(?:落实|实施)|按照?各自[^，,。；;]{0,10}(?:分工|职责)负责")
ONLY_CARRY_OUT_RE = re.compile(r"(?:(?:具体)?负责(?:具体)?(?:组织)?(?:落实|实施)?(?:工作)?|为(?:责任)?主体)[。；;，,]?$"
                               r"|(?:具体)?负责(?:具体)?(?:组织)?(?:落实|实施)(?:工作)?[，,]|" + CARRY_OUT_WORDS_RE.pattern)


def _list_to_comma(clause: str, pos: int) -> tuple[str, int] | None:
    """X会同Y，建立…: the co-units' list ends at the comma, with no verb after it."""
    m = re.compile(r"[^，,。；;（(]{2,40}").match(clause, pos)
    if m and looks_like_unit_list(m.group()):
        return m.group(), m.end()
    return None


# the words of a role other than the one unit answering for it (X牵头 / Y配合 / Y协办)
OTHER_ROLES_RE = re.compile(r"牵头|主办|配合|参与|协助|协办")

# 公安部门是城市燃放烟花爆竹的主管机关，负责…: what the unit is, then its duty
# (海关是国家进出境关境监督管理机关,依法独立履行走私侦查职责: a regulation's 依法…履行)
# (水电局、采砂办是负责我县河道采砂管理工作的主要职能部门,对规范河道采砂管理工作负总责: what it answers for)
OFFICE_OF_RE = re.compile(r"(?:是|为|作为)[^，,。；;]{0,30}(?:机关|部门|单位|主体|机构)[，,](?=(?:全面|具体|统一)?负责|依法[^，,。；;]{0,6}履行"
                          r"|对[^，,。；;]{1,30}负(?:总|全面|主体|直接)?责)")

# 督办事项完成后, / 汛期来临前,: a time clause before the sentence's subject
# 活动结束后, / 按照谁主管谁负责、属地管理的原则, / 对通过设计审查的尾矿库,: a clause of when, by what rule or
# about what before the sentence's subject
# 《通知》还要求, / 《方案》明确, / 通知明确,: a report on a document, what it asks of whom follows
# 会议强调, / 会议要求,: a report on a meeting, as on a document
_REPORTED = r"(?:《[^》]{1,40}》|通知|文件|方案|意见|会议|讲话)(?:还|也|同时|并|进一步)?(?:要求|提出|明确|强调|指出|规定)[，,:：]"
TIME_CLAUSE_RE = re.compile(r"[^，,。；;]{2,20}(?:后|前|时|期间)[，,]|在[^，,。；;]{2,30}(?:时间中|时间内|期间|之际)[，,]|(?:按照|根据|依照|遵循)[^，,。；;]{2,30}(?:原则|要求|规定|授权|部署|方案|安排)[，,]"
                            r"|对[^，,。；;]{2,24}的[^，,。；;]{1,12}[，,]"
                            # 为促进既有住宅加装电梯工作,区政府应…: what it is for, before the subject
                            r"|为了?(?:促进|推进|加快|确保|做好|保障|进一步|切实|全面|加强|贯彻|落实|推动|规范|提高)[^，,。；;]{2,30}[，,]"
                            # 在城市规划区内, / 凡组建沼气服务站(公司)的,: the place or the case the sentence is about
                            r"|在[^，,。；;]{2,30}(?:区内|范围内|以内|境内)[，,]|凡[^，,。；;]{2,40}的[，,]"
                            r"|" + _REPORTED +
                            # 民政部要求,各试点单位要…: who asks it, then who must do it
                            r"|[^，,。；;]{2,20}?(?:还|也|同时|进一步)?(?:要求|强调)[，,:：]")

# 根据《通知》,对于…项目,交通运输部将予以优先支持: the document it follows, then the case, before the subject
LEADS_RE = re.compile(r"根据《[^》]{1,40}》[，,](?:" + TIME_CLAUSE_RE.pattern + r"|对于[^，,。；;]{2,60}[，,])")

# 在国家禁止使用实心粘土砖的城市规划区内,新建、改建、扩建建筑工程,设计单位应当…: a rule's scene (where, which
# works, which case: 已经依法成立的,), up to two clauses naming no one, before the unit that must act
SCENE_RE = re.compile(r"(?:(?:在|凡|对)[^，,。；;]{2,40}|[^，,。；;]{2,40}的)[，,](?:[^，,。；;]{2,24}[，,])?")

REPORTED_RE = re.compile(_REPORTED + "$")
# 《实施办法》要求各地… / 并要求各地各校…: what a document (or the writer) asks of the bodies named after it
# (请各乡镇接此通知后高度重视,…: a notice's request to the bodies it names)
# (请有关单位每半年向市局报送…: a notice's request to the units it concerns)
# (请交通局按照整改要求,尽快销号: a letter's request to one named office)
ASKS_RE = re.compile(r"(?:(?<=》)|(?<=[并还也])|(?<=^)|(?<=[，,]))(?:(?:要求|请)(?=各|[省市县区]|(?:有关|相关)(?:单位|部门))"
                     r"|请(?=[\u4e00-\u9fff]{1,10}?(?:局|委|办|厅|中心|政府|部门|单位|站|所|队)))")
# 明确各地教育部门要…: a report of what a notice makes clear, the bodies named must do it
STATES_RE = re.compile(r"(?:还|并|同时)?明确[，,]?(?=各|[省市县区])")
_ASKED_ONE = r"(?:各(?:地区|地|级|县|市|区|乡镇|学校|校|有关部门|相关部门|部门|成员单位|有关单位|单位)|(?:有关|相关)(?:单位|部门))"
ASKED_RE = re.compile(_ASKED_ONE + r"(?:[、和]?" + _ASKED_ONE + ")*")
PERSONS_ASKED_RE = re.compile(r"的?(?:主要|分管|有关)?(?:负责同志|负责人|领导|同志|人员|干部|联络员)")
# 同时,要求县级部门牵头实施好八大行动。即县水务局牵头,…: the departments of a level in general, named one by one after
ASKED_KIND_RE = re.compile(r"[省市县区乡镇]级(?:有关|相关)?(?:部门|单位)")

# 由X牵头 (not 由于, not the 由 of 自由贸易试验区)
BY_RE = re.compile(r"(?<!自)由(?!于)")


def _office_run(clause: str, start: int) -> tuple[str, int] | None:
    m = re.compile(r"[^，,。；;]{2,24}?(?=" + OFFICE_OF_RE.pattern + ")").match(clause, start)
    return (m.group(), m.end()) if m and looks_like_unit_list(m.group()) else None


CO_MODAL_RE = re.compile(r"(?:应当|应|要|须|必须)(?=会同|汇同|协同)")
LEADS_MODAL_RE = re.compile(r"(?:要|应当|应|须|必须|主要|总体|分别|各自)(?=(?:共同)?牵头|(?:具体|全面|统一)?负责(?!人|同志))")


EVERY_PERIOD_RE = re.compile(r"每(?:半个?|[一二两三四五六1-9]个?)?(?:周|月|季度?|年|日|天|星期)")
MANNER_RE = re.compile(r"(?:按照?|依照|遵循)[^，,。；;]{2,16}原则[，,]")
LEADS_THE_WORK_RE = re.compile(r"负责[^，,。；;]{2,30}(?:的)?牵头(?:工作|职责)")
LEVEL_START_RE = re.compile(r"各?[省市县区州乡镇村]|各?社区")


def helped_unit(clause: str, at: int, verbs: tuple[str, ...] = ("配合", "协助")) -> tuple[str, int] | None:
    """配合县生态环境局做好… at ``at``: the named unit helped (its list and where it ends), which carries the duty
    out; None when no verb of helping is there or it helps a kind (有关部门, 各单位)."""
    verb = next((v for v in verbs if clause.startswith(v, at)), None)
    run = unit_run(clause, at + len(verb)) if verb else None
    if run and looks_like_unit_list(run[0]) and not re.match(r"各|有关|相关|其他|其它", run[0]):
        return run
    return None


def _duty_at(clause: str, pos: int, subject_may_open: bool = False, after_duty: bool = False,
             collective: bool = False) -> tuple[Duty, int] | None:
    """A duty starting at pos (after 由 or at a clause/comma start): the Duty and where its units end
    (``after_duty``: a duty was read before it in the same sentence, so an office of a level after a comma
    may open the next one: …,各级政府要…责令其停产,省经贸委督促…停止供电)."""
    by = clause.startswith("由", pos) and not clause.startswith("由于", pos)
    start = pos + 1 if by else pos
    if by and POST_HELD_RE.match(clause, start):
        return None
    if not by and (body := set_up_body(clause, pos)):
        # 领导小组下设办公室,负责… / 丰镇市委成立X领导小组,统筹…: the body the sentence sets up holds the duty
        return Duty("", responsible=body[0]), body[1]
    if asks := ASKS_RE.match(clause, pos):
        # 《实施办法》要求各地大力推进… / …,并要求各地各校加强…: those asked carry it out
        asked = ASKED_RE.match(clause, asks.end())
        run = unit_run(clause, asks.end())
        if PERSONS_ASKED_RE.match(clause, run[1] if run else asked.end() if asked else asks.end()):
            return None     # 请各单位主要负责同志准时参加: persons asked to attend, no duty of a body
        if run and looks_like_unit_list(run[0]) and not ASKED_KIND_RE.fullmatch(run[0]):
            leads = clause.startswith(("牵头", "负责牵头"), run[1])
            return Duty("", lead=unit_names(run[0]) if leads else [], responsible=[] if leads else unit_names(run[0])), run[1]
        return (Duty("", responsible=unit_names(asked.group())), asked.end()) if asked else None
    if (stated := STATES_RE.match(clause, pos)) and (run := unit_run(clause, stated.end())) \
            and looks_like_unit_list(run[0]) and MODAL_DUTY_RE.match(clause, run[1]):
        # 明确各地教育部门要会同…: what the notice makes clear the bodies it names must do
        return Duty("", responsible=unit_names(run[0])), run[1]
    if clause.startswith("责成", pos):
        by, start = True, pos + 2          # 责成X督促…: X is charged with it, as 由X负责
    if not by:
        counted = ORDINAL_OPEN_RE.match(clause, start) if start == 0 else None
        conn = CONNECTOR_RE.match(clause, start) or counted or TIME_WORD_OPEN_RE.match(clause, start)
        if conn and unit_run(clause, conn.end()):
            start = conn.end()
            # (a point of 一是…二是… is a demand of its own: 三是相关部门要… names the bodies asked, as a list would)
            collective = collective or bool(counted)
    # (the cheap look at the first character first: this runs at every comma after a duty)
    if after_duty and pos > 0 and not by and LEVEL_START_RE.match(clause, pos) and (sub := sentence_subject(clause[pos:])) \
            and all(LEVEL_START_RE.match(u) for u in sub[0]) and (MODAL_DUTY_RE.match(clause, pos + sub[1])
                                                                 or OWNS_IT_RE.match(clause, pos)
                                                                 or EVERY_PERIOD_RE.match(clause, pos + sub[1])
                                                                 or MANNER_RE.match(clause, pos + sub[1])):
        # (镇级河长每月巡河3次以上,…,村级河长每周至少巡河1次: how often the next level must do it, h6603)
        # (市政府是应对…的主体,县(市、区)政府是应对…的主体: the next level's part after the first's, h1516)
        # …,对违规向社会销售村民回迁房的项目,各区政府要进行全面清查: the places of a level that must act
        return Duty("", responsible=sub[0]), pos + sub[1]
    before = ORDINAL_OPEN_RE.sub("", clause[:pos], count=1) if ORDINAL_OPEN_RE.match(clause) else clause[:pos]
    timed = pos == 0 or TIME_CLAUSE_RE.fullmatch(before) or LEADS_RE.fullmatch(before)
    scene = subject_may_open and not timed and not by and SCENE_RE.fullmatch(clause[:pos])
    # 为有效排除潜在风险,…,《通知》要求,各发卡企业要…: what the document asks, the bodies of a kind it names too
    reported = pos > 0 and not by and REPORTED_RE.search(clause[:pos])
    if (subject_may_open or reported) and (timed or scene or reported) and not by:
        sub = sentence_subject(clause[start:], collective=bool(reported) or collective)
        if sub and scene and not MODAL_DUTY_RE.match(clause, start + sub[1]):
            sub = None      # after the scene of a rule only a unit that 应当/必须… is its subject
        if sub and pos == 0 and CO_ROLE_RE.match(clause, start + sub[1]) and not helped_unit(clause, start + sub[1]):
            # 县水利局、县城管局配合做好河道沿线排口核查。: units that only help, naming no one they help
            return Duty("", cooperating=sub[0]), start + sub[1]
        helper = unit_run(clause, start) if sub else None
        # (村(居)民委员会协助乡镇人民政府…做好…: the corpus labels the one who 协助s as the task's unit; 配合 is helping)
        helped = helped_unit(clause, helper[1], ("配合",)) if helper else None
        if helped:
            # 县自然资源局配合县生态环境局做好…: the unit helped carries the duty out, the one 配合ing works with it
            return Duty("", responsible=unit_names(helped[0]), cooperating=unit_names(helper[0])), helped[1]
        if sub and not any(BY_RE.search(u) for u in sub[0]):
            # 各地、各有关部门务必… / 各市组织…: the bodies that open the sentence carry it out (乡爱卫办负责牵头…: lead it)
            at = start + sub[1]
            modal = LEADS_MODAL_RE.match(clause, at)
            if clause.startswith(("负责牵头", "牵头", "共同牵头"), modal.end() if modal else at):
                return Duty("", lead=sub[0]), at
            return Duty("", responsible=sub[0]), start + sub[1]
    run = unit_run(clause, start) or _office_run(clause, start)
    if not run:
        return None
    units, end = run
    if not by and BY_RE.search(units):
        return None          # 河道保洁工作由县水务局牵头: the unit is the one after 由, read from there
    i = end
    d = Duty("")
    names = unit_names(units)
    co_modal = CO_MODAL_RE.match(clause, i)
    if co_modal:
        i = co_modal.end()      # 乡镇人民政府、街道办事处应当会同…: the modal before 会同
    if clause.startswith(("会同", "汇同", "协同"), i):
        co = unit_run(clause, i + 2) or _list_to_comma(clause, i + 2)
        if co:
            d.cooperating = unit_names(co[0])
            i = co[1]
    rest = clause[i:]
    manner = MANNER_RE.match(rest)
    if manner and not by:
        # 县(市、区)人民政府按照属地管理原则,负责…: how the unit takes the work, between it and its verb (h6105)
        i += manner.end()
        rest = clause[i:]
    modal = LEADS_MODAL_RE.match(rest)
    if modal:
        # 其中,组织部门要牵头组织… / 省级有关部门主要负责…: the modal or adverb before the role's word
        i += modal.end()
        rest = clause[i:]
    if rest.startswith(("牵头", "共同牵头", "负责牵头")) or by and re.match(r"统筹[，,](?:组织|协调)", rest):
        # 乡爱卫办负责牵头推进…: the lead (夜间整治由城管执法局统筹,组织…: so is the one 由 whom it is 统筹ed)
        d.lead = names
        # 由X牵头督促Y完成… / 由X牵头，督促Y完成…: Y carries out what X leads
        m = re.match(r"(?:共同|负责)?牵头[，,]?(?:组织)?(?:督促|督导)(?:指导)?", rest)
        if m:
            z = unit_run(clause, i + m.end())
            if z:
                d.responsible = unit_names(z[0])
        # 由公安局牵头组织城管、交警等执法部门,负责…: the bodies it gathers work with it
        m = None if d.responsible else re.match(r"(?:(?:共同|负责)?牵头|统筹)[，,]?组织", rest)
        z = (unit_run(clause, i + m.end()) or _list_to_comma(clause, i + m.end())) if m else None
        if z and not re.match(r"各|有关|相关", z[0]):
            d.cooperating = unit_names(z[0])
    elif (office_of := OFFICE_OF_RE.match(rest)) and "牵头" in office_of.group():
        d.lead = names      # 市水务部门作为牵头责任单位,负责…
    elif LEADS_THE_WORK_RE.match(rest):
        d.lead = names      # 开发处负责露天矿山综合整治牵头工作: what it does is lead
    elif by or re.match(r"(?:具体|全面|统一)?负责|负总责|会同|汇同|对[^，,。；;]{1,30}负(?:总|全面|主体|直接)?责", rest) or d.cooperating or office_of \
            or pos > 0 and (re.match(r"为(?:责任)?主体[。；;，,]?$", rest) or CARRY_OUT_WORDS_RE.match(rest)):
        d.responsible = names
    elif not by and pos > 0 and CO_ROLE_RE.match(rest):
        d.cooperating = names      # 由X牵头，Y配合，…: a co-unit of the duty before it (prose_duties joins them)
    elif not by and pos == 0 and subject_may_open and re.match(r"(?:积极|共同|全力)?参与", rest) \
            and looks_like_unit_list(units) and not group_like(units) and not re.match(r"各|有关|相关", units):
        d.cooperating = names      # 县公安局参与联合执法行动。: a sentence of its own (assemble says whose it is left to)
    elif (subject_may_open and pos == 0 or after_duty and pos > 0 and re.match(r"[省市县区州乡镇]", units)) \
            and (SUBJECT_VERB_RE.match(clause, len(clause) - len(rest)) and not (pos and rest.startswith("共同"))
                 or _work_verb_opens(rest, pos, clause)) \
            and looks_like_unit_list(units) and not group_like(units) \
            and not re.match(r"各(?![省市州县区乡镇旗])|有关|相关|其他|其它", units):
        # 区环保局要加强… / 各县(市)区政府要…: a named unit (or the governments of a level) opening its
        # sentence as the subject (not 各地要…, 各部门要…)
        d.responsible = names
    else:
        return None
    return d, end


def _work_verb_opens(rest: str, pos: int, clause: str) -> bool:
    """县政府加强对…的领导,… / …,县水利局督促…: the work's first verb right after a named unit.  Opening the sentence only
    加强/做好/抓好 (督促, 指导 there describe; a title with no stop — 水利局加强河道采砂整治通知 — is no sentence)."""
    if pos:
        return rest.startswith(("督促", "加强", "做好", "抓好", "指导"))
    return rest.startswith(("加强", "做好", "抓好")) and bool(re.search(r"[，,。；;]", clause))


def _named_subject(clause: str) -> bool:
    """…报市局基教处;各市管学校于5月25日前将…: a ;-clause after a duty that opens with bodies of its own, named (not
    各部门 / 有关单位), as its subject: a duty of theirs, as a new sentence would be."""
    if m := ITEM_NUMBER_RE.match(clause):
        clause = clause[m.end():]
    sub = sentence_subject(clause)
    return bool(sub) and not any(group_like(u) or re.match(r"有关|相关|其他|其它", u)
                                 or re.search(r"(?:干部|领导|同志|人员|负责人)$", u) for u in sub[0])     # (persons)


def prose_duties(text: str, any_sentence: bool = False) -> list[Duty]:
    """Duties in the sentences of a paragraph; [] when it has none.  A body opening a later sentence is its
    subject once a duty was read before it, or (``any_sentence``: in a section of the work, not of its
    support) after any sentence (为…,按照…。河东新区综合行政执法局集中开展…)."""
    duties: list[Duty] = []
    clauses = split_clauses(text)
    found_any = False
    for ci, clause in enumerate(clauses):
        if clause.rstrip().endswith(("?", "？")):
            continue        # 辖区政府、职能部门应做好哪些工作?: a question (a news page's heading) gives no one a duty
        starts: list[tuple[int, Duty]] = []
        last_end = -1
        for m in re.finditer(BY_RE.pattern + "|" + ASKS_RE.pattern + r"|(?:^|(?<=[，,]))(?=[\u4e00-\u9fff])", clause):
            got = _duty_at(clause, m.start() if clause.startswith("由", m.start()) else m.start(),
                           ci == 0 or (any_sentence or bool(duties)) and clauses[ci - 1].endswith("。")
                           or bool(duties) and clauses[ci - 1].endswith(("；", ";")) and (
                               TIME_CLAUSE_RE.match(clause) or _named_subject(clause)),
                           bool(starts),
                           # …应优先录用残疾人。各地要切实维护…: after a duty, the bodies asked as a whole open a sentence too
                           collective=m.start() == 0 and ci > 0 and bool(duties) and clauses[ci - 1].endswith("。"))
            if got and starts and got[0].responsible and not got[0].lead and \
                    ONLY_CARRY_OUT_RE.match(clause, got[1]) \
                    and (starts[-1][1].lead or not CARRY_OUT_WORDS_RE.match(clause, got[1])):
                # (…县水利局…负责…,发展和改革、财政等有关部门按照各自职责负责…: with no one leading, those in their
                # remit have a duty of their own, not the carrying out of the one before)
                # 由X牵头，Y参与，各区政府负责落实。: the units that carry out the duty before it
                starts[-1][1].responsible.extend(u for u in got[0].responsible if u not in starts[-1][1].responsible)
                continue
            if got and starts and got[0].responsible and not got[0].lead and starts[-1][1].lead \
                    and not starts[-1][1].responsible and re.fullmatch(r"(?:共同)?牵头[，,]", clause[last_end:m.start()]) \
                    and clause.startswith("负责", got[1]):
                # 由X牵头,Y、Z负责,加快…: one duty, X leading and Y, Z carrying it out
                starts[-1][1].responsible.extend(u for u in got[0].responsible if u not in starts[-1][1].responsible)
                last_end = got[1]
                continue
            if not got and starts and starts[-1][1].lead and not starts[-1][1].responsible \
                    and re.fullmatch(r"(?:共同)?牵头[，,]", clause[last_end:m.start()]) \
                    and (sub := sentence_subject(clause[m.start():], collective=True)) \
                    and MODAL_DUTY_RE.match(clause, m.start() + sub[1]):
                # 专项行动由镇平安办牵头,重点任务责任部门和各村居要…组建工作专班: those asked carry out what it leads
                starts[-1][1].responsible.extend(u for u in sub[0] if u not in starts[-1][1].responsible)
                last_end = m.start() + sub[1]
                continue
            if got and starts and got[0].lead and not got[0].responsible and clause.startswith("负总责", last_end):
                # 由各级人民政府负总责,政府法制部门牵头: one duty, the government answering for what the department leads
                starts[-1][1].lead.extend(u for u in got[0].lead if u not in starts[-1][1].lead)
                last_end = got[1]
                continue
            if got and not (got[0].lead or got[0].responsible):
                if starts:      # Y配合: joins the duty before it, whose text runs on over it
                    starts[-1][1].cooperating.extend(u for u in got[0].cooperating if u not in starts[-1][1].cooperating)
                elif m.start() == 0 and got[0].cooperating and duties and ci and clauses[ci - 1].endswith("。"):
                    # …由县生态环境局负责，…。县水利局、县城管局配合做好…。: they help with the duty before
                    duties[-1].cooperating.extend(u for u in got[0].cooperating if u not in duties[-1].cooperating)
                    duties[-1].text += clause
                    last_end = len(clause)
                elif m.start() == 0 and got[0].cooperating:
                    starts.append((0, got[0]))      # 县公安局参与联合执法行动。
                    last_end = got[1]
                continue
            if got and got[1] != last_end:     # 其中,组织部门要…: read once, from the connector
                starts.append((m.start(), got[0]))
            if got:
                last_end = got[1]
        # cut the clause before each later duty (at the comma before it)
        if not starts:
            continue
        found_any = True
        cuts = []
        for i, (pos, d) in enumerate(starts):
            cut = pos
            if i > 0:
                k = clause.rfind("，", 0, pos)
                k2 = clause.rfind(",", 0, pos)
                k = max(k, k2)
                cut = k + 1 if k >= starts[i - 1][0] else pos
                # …由X查处,对属于土地违规行为,由国土部门查处: the case a later duty is about heads it
                j = max(clause.rfind("，", 0, k), clause.rfind(",", 0, k))
                if cut == k + 1 and j > starts[i - 1][0] and clause.startswith("对", j + 1):
                    cut = j + 1
            cuts.append(cut)
        for i, (pos, d) in enumerate(starts):
            a = 0 if i == 0 else cuts[i]
            b = cuts[i + 1] if i + 1 < len(starts) else len(clause)
            d.text = clause[a:b].strip("，, ")
            duties.append(d)
    if found_any:
        # in a paragraph of duties, a clause that opens with a unit and a verb is one too
        for clause in clauses:
            if any(clause in d.text or d.text in clause for d in duties):
                continue
            run = unit_run(clause, 0)
            if run and looks_like_unit_list(run[0]) and not clause.startswith(("各有关", "各相关")):
                # (卫生健康、公安部门要牵头严打…: the role its words give)
                modal = LEADS_MODAL_RE.match(clause, run[1])
                leads = clause.startswith(("牵头", "共同牵头", "负责牵头"), modal.end() if modal else run[1])
                later = _later_named_duties(clause, run[1])
                duties.append(Duty(clause[:later[0][0]].rstrip("，, ") if later else clause,
                                   lead=unit_names(run[0]) if leads else [],
                                   responsible=[] if leads else unit_names(run[0])))
                duties.extend(d for _, d in later)
        _same_subject(clauses, duties)
        _titled_by_sentence_before(clauses, duties)
        order = {c: i for i, c in enumerate(clauses)}
        duties.sort(key=lambda d: min((i for c, i in order.items() if d.text and d.text in c), default=0))
        _time_for_the_duty_before(clauses, duties)
        for d in duties:
            # X负责A，会同Y开展B: Y works with X on the duty (会同 inside the duty's text, not only after X)
            d.cooperating += [u for u in co_units(d.text) if u not in d.lead + d.responsible + d.cooperating]
    return duties


def _later_named_duties(clause: str, start: int) -> list[tuple[int, Duty]]:
    """各乡镇(街道)、重大平台…及时报送相关材料,县商务局根据…进行抽查核实。: a named office opening a comma clause
    after the sentence's own subject has a duty of its own (its text runs to the next such clause)."""
    found = []
    for m in re.finditer(r"[，,](?=[\u4e00-\u9fff])", clause[start:]):
        got = _duty_at(clause, start + m.end(), False, True)
        if got and got[0].responsible and not got[0].lead and not any(group_like(u) for u in got[0].responsible):
            found.append((start + m.start(), got[0]))
    for i, (at, d) in enumerate(found):
        d.text = clause[at + 1:found[i + 1][0] if i + 1 < len(found) else len(clause)]
    return found


# 限于2016年7月31日前完成挂牌督办事项。 / 请于6月底前完成。: a sentence that only sets the time of the work before it
# (上半年于当年6月5日前报送,下半年于当年12月5日前报送。: the times of a report asked for in the sentence before)
TIME_ONLY_RE = re.compile(r"^(?:(?:限|请|须|务必|必须|并|应|要)?于?[^，,。；;]{2,16}(?:前|底|末)(?:全部|全面)?"
                          r"(?:完成|报送|上报|报出|提交)[^，,。；;]{0,12}[，,]?)+[。；;]?$")


def _time_for_the_duty_before(clauses: list[str], duties: list[Duty]) -> None:
    """The sentence goes with the duty it follows (its text, hence its deadline)."""
    for i, clause in enumerate(clauses):
        if i == 0 or not TIME_ONLY_RE.match(clause) or unit_run(clause, 0) \
                or any(clause in d.text for d in duties):
            continue
        at = [(min((k for k, c in enumerate(clauses) if d.text.rstrip("。；;，, ") in c), default=i), d)
              for d in duties if d.text]
        before = max((x for x in at if x[0] < i), key=lambda x: x[0], default=(0, None))[1]
        if before is not None:
            before.text = before.text + clause


# 关于砂石行业整治。 / 污水管网排查。: a short sentence naming a matter, with no verb of a duty
TITLE_SENTENCE_RE = re.compile(r"[^，,；;：:（(]{2,24}。")
# 县水务局牵头负责, / 县国土局负责,: a unit and its role, the matter left to the sentence before
ROLE_ONLY_RE = re.compile(r"[^，,。；;]{2,30}?(?:牵头负责|牵头|负责落实|负责)[，,]")


def _titled_by_sentence_before(clauses: list[str], duties: list[Duty]) -> None:
    """关于砂石行业整治。县水务局牵头负责,结合…推进。: a duty that only says who leads or answers for
    something, right after a short title sentence, is that title's task: the title heads its text."""
    for ci in range(1, len(clauses)):
        title = clauses[ci - 1]
        if not TITLE_SENTENCE_RE.fullmatch(title) or unit_run(title, 0) or not ROLE_ONLY_RE.match(clauses[ci]):
            continue
        d = next((d for d in duties if d.text and clauses[ci].startswith(d.text[:12])), None)
        if d is not None and not any(title in x.text for x in duties):
            d.text = title + d.text


# a clause that only continues the sentence before it, not a duty of its own
# 各尾矿库企业法人代表是本企业安全生产第一责任人: who answers for it, a sentence of its own, not the unit's duty
PERSONS_ANSWER_RE = re.compile(r"[^，,。；;]{0,20}(?:法人代表|法定代表人|负责人|主要领导|领导)(?:是|为|对)")
_NOT_A_DUTY_START = re.compile(r"^(?:确保|力争|争取|做到|实现|达到|使|以|为|其中|并|同时|从而|切实|努力|形成|推动|促进)")


# 水务主管部门应当加强…；充分发挥…。: a regulation's unit and its modal, the duties listed after it in ;-clauses
MODAL_DUTY_RE = re.compile(r"应当|应(?![用急对])|必须|须|要(?!求)")


# 各地教育部门要…。要会同有关部门指导…: a further sentence of the same subject's, with the others it works with
WITH_OTHERS_MUST_RE = re.compile(r"要(?:会同|协同|联合|牵头)")
# 同时,针对本次督查存在问题,要在规定的期限内予以整改: a further demand on the same subject, not a rounding off
ALSO_MUST_RE = re.compile(r"同时[，,](?:[^，,。；;]{2,30}[，,])?要(?!求)")


def _same_subject(clauses: list[str], duties: list[Duty]) -> None:
    """环保部门负责A；负责B；开展C，…；监测D。: when the paragraph opens with its unit as the subject,
    a later clause that names no unit of its own is a duty of the same unit (as seed 000 writes
    a unit's duties).  Clauses that only round off the sentence (确保…, 力争…) are left as they are."""
    if not duties or not clauses:
        return
    _later_subjects(clauses, duties)
    # 地质灾害的监测预防责任。X负责A;会同Y开展B。: the subject's clause may follow the item's title sentence
    k = next((i for i, c in enumerate(clauses[:2]) if c.startswith(duties[0].text[:8])), None)
    if k is None or k and not clauses[0].endswith("。"):
        return
    first = duties[0]
    opening = clauses[k]
    # 民政部要求,各试点单位要…;要在…: the subject after what leads the sentence in
    j = opening.find(first.responsible[0]) if first.responsible else -1
    if j > 0 and TIME_CLAUSE_RE.fullmatch(opening[:j]):
        opening = opening[j:]
    run = unit_run(opening, 0) or _office_run(opening, 0)
    # X负责牵头A;B: the subject who leads A does B (X牵头A;B may be any of the units A brings in)
    owner = first.responsible or (first.lead if run and opening.startswith("负责牵头", run[1]) else [])
    listed = opening.startswith("负责", run[1]) or OFFICE_OF_RE.match(opening, run[1]) if run else False
    modal = run is not None and bool(MODAL_DUTY_RE.match(opening, run[1]))
    if first.responsible and first.lead or not owner or run is None or not (
            listed or modal and opening.endswith(("；", ";", "。"))):
        return
    for clause in clauses[k + 1:]:
        if any(clause in d.text or d.text in clause for d in duties):
            continue
        body = clause.strip("。；; ")
        if not listed and not opening.endswith(("；", ";")) and not WITH_OTHERS_MUST_RE.match(body):
            continue        # X要A。B。: only a sentence that brings in others of its own is a duty of its own
        if _not_a_duty_of_its_own(body):
            continue
        d = Duty(clause)
        (d.lead if body.startswith("牵头") else d.responsible).extend(owner)
        d.cooperating = co_units(clause)
        duties.append(d)


def _not_a_duty_of_its_own(body: str) -> bool:
    return len(body) < 6 or bool(unit_run(body, 0)) or bool(_NOT_A_DUTY_START.match(body)) and not ALSO_MUST_RE.match(body) \
        or body[0] in "[【(（" or bool(PERSONS_ANSWER_RE.match(body))


def _later_subjects(clauses: list[str], duties: list[Duty]) -> None:
    """X要A。Y负责B;会同Z开展C。: a later sentence opening with its own body that 负责s and goes on after a ；
    — the clauses up to the sentence's end are that body's too (the paragraph's first subject is _same_subject's)."""
    for d0 in duties[1:]:
        if d0.lead or not d0.responsible:
            continue
        k = next((i for i, c in enumerate(clauses) if c.startswith(d0.text[:8]) and d0.text.strip("；;") in c), None)
        if k is None or not clauses[k].endswith(("；", ";")):
            continue
        run = unit_run(clauses[k], 0)
        if run is None or not clauses[k].startswith("负责", run[1]):
            continue
        for clause in clauses[k + 1:]:
            body = clause.strip("。；; ")
            if any(clause in d.text or d.text in clause for d in duties) or _not_a_duty_of_its_own(body):
                break
            duties.append(Duty(clause, responsible=list(d0.responsible), cooperating=co_units(clause)))
            if clause.endswith("。"):
                break


# 进一步 / 分别: adverbs between a subject unit and its verb
ADVERB_RE = re.compile(r"进一步|分别|要|将|继续|认真|全面|负责")


def subject_sentences(rest: str, collective: bool = False) -> list[Duty]:
    """一、抓建设质量。…。各地要…，县(市、区)和乡(镇)要…。: a titled item whose sentences open with
    different bodies: one duty per such sentence (its clauses up to the next body's)."""
    k = title_end(rest)
    body = rest[k + 1:]
    if not 0 < k <= 30 or unit_run(rest[:k], 0) or _sentence_subjects(body) != [] or _roles_said(body):
        return []
    out: list[Duty] = []
    lead_in = ""        # 涉及的搬迁经费,财政、民政部门必须及时到位: what the sentence is about, before its subject
    for clause in split_clauses(body, "。；;，,"):
        sub = sentence_subject(clause, collective)
        if sub:
            out.append(Duty(lead_in + clause, responsible=sub[0]))
            lead_in = ""
        elif out and not out[-1].text.endswith(("。", "；", ";")):
            out[-1].text += clause
        else:
            lead_in = "" if clause.endswith(("。", "；", ";")) else lead_in + clause
    for d in out:
        d.text = d.text.rstrip("，,")
    return out


def _roles_said(body: str) -> bool:
    """The text says who leads, helps or is in charge (X牵头, Y配合, 由X负责, X负责…): the sentence rules
    read it (prose_duties), not the subjects of its sentences (…要确定专人负责… is no such clause)."""
    # 落实责任,密切配合,通力协作: how all work together, no role given to anyone
    if OTHER_ROLES_RE.search(ALL_TOGETHER_RE.sub("", body)) or CO_RE.search(body):
        return True
    for clause in split_clauses(body, "。；;，,"):
        start = 1 if clause.startswith("由") and not clause.startswith("由于") else 0
        run = unit_run(clause, start)
        if run and clause.startswith("负责", run[1]):
            return True
    return False


ALL_TOGETHER_RE = re.compile(r"(?<=[，,、])(?:密切|相互|互相|通力|协作|紧密)(?:配合|协作)(?=[，,、。；;])")


_DATES_ONLY_RE = re.compile(r"\s*(?:每年|(?:19|20)\d{2}年)?[\d年月日号至到—~\-上中下旬底末前起止]+[。；;，,]?\s*")


def _no_one_said(clauses: list[str]) -> bool:
    """The sentences before an item's first body only say what must be done (要…) or which document or meeting
    says what follows (《禁毒法》规定,)."""
    return all(x.startswith("要") or REPORTED_RE.match(x) for x in split_clauses("".join(clauses)))


def _sentence_subjects(body: str) -> list[str] | None:
    """The bodies the sentences of an item's text open with, when they name the places of a level
    (各地, 各市…) or when every sentence before the first such one names no unit; [] when two
    sentences name different bodies (see subject_sentences); None when no sentence opens with its bodies."""
    found: list[list[str]] = []
    # 宣传动员阶段。每年3月15日至4月1日。X等部门共同做好…: a sentence that only gives the time is not one before it
    sentences = [x for x in split_clauses(body, "。；;，,") if not _DATES_ONLY_RE.fullmatch(x)]
    for i, sentence in enumerate(sentences):
        sub = sentence_subject(sentence)
        if sub is None:
            if not found and unit_run(sentence, 0) is not None:
                return None
            continue
        if not found and i > 0 and not PLACES_RE.match(sentence) and not _no_one_said(sentences[:i]):
            # (要全力谋划项目。各特色工业园区每年要…: a sentence before it that only says what must be done names no one)
            return None
        found.append(sub[0])
    if not found:
        return None
    return found[0] if all(f == found[0] for f in found) else []


def titled_item_duty(rest: str, units_only: bool = False, subjects: bool = True) -> Duty | None:
    """1、压实各级河长责任。市河长办(市水务局)进一步明确…: a numbered measure whose short title is
    followed by a sentence with its unit as subject — one task (title and sentence), that unit
    responsible."""
    k = title_end(rest)
    if not 0 < k <= 30 or unit_run(rest[:k], 0):
        return None
    body = rest[k + 1:].strip()
    bodies = _sentence_subjects(body) if subjects else None
    if bodies is not None and not _roles_said(body):
        # 排查梳理(8月10日前)。各市组织… / 抓建设进度。…是一项重要的民生工程。各地、各有关部门务必…: the bodies
        # its sentences open with (the places of a level too), one and the same in every such sentence
        # (…，县生态环境局、县农业农村局加强技术指导: other offices given a duty of their own: the sentence rules)
        if bodies and len({tuple(d.responsible) for d in prose_duties(body) if d.responsible}) > 1:
            return None
        return Duty(rest, responsible=bodies) if bodies else None
    if bodies is None and units_only:
        return None
    run = re.match(r"[^，,。；;：:]{2,30}?(?=" + ADVERB_RE.pattern + ")", body)
    units = run.group() if run else (unit_run(body, 0) or ("",))[0]
    if not units or not looks_like_unit_list(units) or group_like(units) or units.startswith(("各", "有关", "相关")) \
            or OTHER_ROLES_RE.search(body) or CO_RE.search(body):
        return None      # several roles (X会同Y，…): the sentence rules read them (prose_duties)
    owners = {tuple(d.responsible) for d in prose_duties(body) if d.responsible}
    if len(owners) > 1:
        return None      # 明确部门职责。X负责…；Y负责…: each clause is its own unit's duty (prose_duties)
    return Duty(rest, responsible=unit_names(units))

