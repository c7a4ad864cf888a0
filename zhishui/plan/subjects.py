"""The bodies a sentence names as its subject: 各地、各有关部门务必… / 各市组织… / 各县(市、区)领导小组结合….

A sentence of a notice or a plan that opens with the bodies that must act, then a modal (要, 务必,
应当, 必须, 将) or the first verb of the work (组织, 结合, 根据, 负责), gives them the task
(responsible).  The bodies are named units (区环保局, 县(市、区)和乡(镇), 市专项行动领导小组) or the
places of a level taken together (各地, 各市, 各县(市、区), 各乡(镇)), which may bring the departments
with them (各地、各有关部门).  A role word alone (各责任单位要…, 各部门要…: the addressees of a cover
letter) names no body: it is not read here.
"""
from __future__ import annotations

import re

from .attributions import SAME_BELOW_RE, SHORT_NAME_RE, WITH_PARTY, looks_like_unit, looks_like_unit_list, unit_names

# a modal, the first verb of the work or how often it is done, right after the subject
SUBJECT_VERB_RE = re.compile(WITH_PARTY + r"|(?<![主重需])要(?!求)|集中(?=开展|整治|清理|治理|排查|攻坚)|务必|必须|应当|应(?![用急对])|须|将(?!其)|组织(?![，,、部])|结合|根据|(?<!主要)负责|(?<!所)承担(?!下列|以下|如下)(?=[^，,。；;]{0,30}(?:责任|职责|任务|工作))|对(?!于|此)"
                             r"|主管(?!部门|机关)|领导(?=本)|统一(?:领导|指导)|严格(?=落实|执行|按照|依照|遵守|履行)"
                             r"|在(?:本|各自)(?:辖区|行政区域?|区域)(?:内|范围内)"
                             r"|接受(?=[^，,。；;]{1,20}(?:指导|监督|领导))|每(?:半个?|[一二两三四五六1-9]个?)?(?:周|月|季度?|年|日|天|星期)|每学期|巡(?:河|湖|查)|定期|按期|共同|积极|立即|做好|依法|依职责|依据(?=[^，,。；;]{0,6}职责)|在(?=[^，,。；;]{0,20}(?:领导|指导|统筹)下)|在(?=[^，,。；;]{1,8}(?:期间|期|时|中)(?:要|应当|应|必须|须))"
                             r"|(?:按照|依照|按)(?:各自|其)?职责(?!分工)|按照?(?=[^，,。；;]{2,20}(?:要求|部署|规定|安排)[，,])|在各自(?:的)?职责|在(?:职责|职能)范围内|统筹(?=协调|推进|指导|负责)"
                             # 各县(市)区教育主管部门于5月30日前将…报… / 各市管学校充分认识…: the time it must report by,
                             # or how it must take the work, right after the subject
                             r"|于(?=[^，,。；;]{2,16}(?:前|底|内)[，,]?(?:将|把|完成|报送|上报|报|提交))|充分认识|高度重视|认真(?=抓|落实|做好|组织|开展|整改)")
# 各村迅速开展… / 各级人民政府强化管理 / 各村是…责任主体: after the places of a level, the work's own first word
# says it too, and so does their being the responsible subject (地方政府是…责任主体 is a principle, not a duty)
PLACE_VERB_RE = re.compile(r"迅速|立即|及时|积极|认真|切实|充分|加快|加强|强化|开展|建立|落实|做好|设立|成立|组建|采取|严格"
                           # 各村按照巡查结果填写… / 各乡镇汇总…报…: the rule it follows, or the report it makes
                           r"|按照|依照|汇总|填写|上报|报送"
                           r"|按照?(?=[^，,。；;]{2,16}原则[，,])"
                           r"|[为是](?=[^，,。；;]{0,16}(?:责任)?主体[，,。；;])")
# X是…的责任主体 / X作为…责任主体: a named body (or each of a level's) made to answer for the work
# (乡镇(街道)是征地拆迁安置工作的主体,具体开展…: the 主体 of the work, h6103)
OWNS_IT_RE = re.compile(r"(?P<u>[^，,。；;：:“”]{2,30}?)(?:是|为|作为)[^，,。；;]{0,30}(?:责任主体|的主体(?=[，,。；;]))")
ROLE_STATED_RE = re.compile(r"(?P<u>[^，,。；;：:“”]{2,20}?)(?:是|为|作为)[^，,。；;]{0,30}(?:职能部门|主管部门|主管机关)"
                            # (…主管部门(以下简称“市燃气主管部门”),统筹负责…: the short name, then its work)
                            r"(?:[（(][^（()）]{0,24}[）)])?[，,](?=要|(?:统筹|具体|全面)?负责|应当|应)")
# the places of one level taken together (各相关乡镇: those the work concerns), and the departments they may bring with them
PLACES_RE = re.compile(r"各级(?:党委和)?(?:人民)?政府|各(?:(?:相关|有关)(?=乡镇|乡|镇|街道|村|社区|县|区|市))?(?:地|市|州|县|区|旗|乡镇|乡|镇|街道|村(?:[（(]居[）)])?委会|村|社区|居委会)"
                       r"(?:[（(][市州县区旗乡镇街道村社居、]{1,8}[）)])?")
WITH_DEPTS_RE = re.compile(r"[、和及](?:各|有关|相关|各有关|各相关)(?:部门|单位)")
COMMA_MODAL_RE = re.compile(r"([^，,。；;：:“”]{2,40})[，,](?=应当|应(?![用急对])|必须|务必|要(?!求)|须)")
# the verb of helping, guiding or joining another body: what follows it names that body, not the subject
HELPS_RE = re.compile(r"协助|配合|会同|指导|督促|帮助|支持|协调|推动|引导|动员")
ROLE_WORD_RE = re.compile(r"^(?:各|有关|相关|其他|其它|所有|全体|凡)")
# 其他有关部门按照各自职责,做好…: the departments not named, each within its remit (a regulation's standing clause)
REMIT_RE = re.compile(r"(?:按照|依照|按|在|依)各自(?:的)?(?:职责|职能)|在(?:各自)?(?:的)?(?:职责|职能)范围内")
# 各运输部门要… / 各级宣传部门负责… / 各级人民调解工作指导委员会要…: each body of one named kind, unlike 各部门 / 各有关单位 / 各责任单位
KIND_OF_EACH_RE = re.compile(r"各级?(?!有关|相关|责任|成员|参加|级|地|部门|单位)[\u4e00-\u9fff]{2,8}(?<!责任|成员|牵头|配合)(?:部门|单位|景区|企业|学校|医院|场所|机构|园区|开发区|工业园|产业园)"
                             r"|各级[\u4e00-\u9fff]{2,14}(?:委员会|领导小组)")
# 各企业许可机关 / 各区环保分局: a group of one kind of office is a body, unlike 各责任单位 / 各有关部门
# 各责任单位 / 各成员单位: the units the plan gives its tasks to, asked of as a whole (not the addressees at large)
PLAN_ROLES_RE = re.compile(r"(?:责任|成员|牵头|配合|协办|参与)单位")
# 人民调解工作指导委员会 / 协调小组: a helping verb that is part of the body's name
NAMED_BY_HELP_RE = re.compile(r"(?:工作)?(?:委员会|中心|小组|组|办公室|办|站|处|科)")
OFFICE_END_RE = re.compile(r"(?:机关|局|委|办|中心|站|所|队)$")


TITLE_SPACE_RE = re.compile(r"([^\s，,。；;：:、()（）\d]{4,30})[ \u3000]+(?=\S)")
# (三、各县(市)区教育主管部门于…: a run-on page's item number before the subject, not a stem of its name)
LINK_RE = re.compile(r"(?:为此|因此)[，,]|[一二三四五六七八九十]{1,3}、(?=各|[\u4e00-\u9fff]{2,})")


HEADS_ANSWER_RE = re.compile(r"(?P<u>[^，,。；;]{2,30}?)的?(?:党政)?主要(?:负责同志|负责人|领导)(?:是|为)[^，,。；;]{0,30}第一责任人")


def sentence_subject(clause: str, collective: bool = False) -> tuple[list[str], int] | None:
    """(names, where the verb starts) when ``clause`` opens with its subject bodies, else None
    (``collective``: 各有关单位 / 各有关乡镇区及部门 count too, as a numbered item of the tasks names them)."""
    titled = TITLE_SPACE_RE.match(clause)
    if titled and not looks_like_unit_list(titled.group(1)) and (sub := sentence_subject(clause[titled.end():], collective)):
        # 明确部门职责分工 教育部门是…: an item's title kept on its line (a space after it), then the subject
        return sub[0], sub[1] + titled.end()
    if clause.startswith("由") and (sub := sentence_subject(clause[1:], collective)):
        # 由国土资源管理所结合…汇总…: the body the work is given to (由 is not part of its name)
        return sub[0], sub[1] + 1
    link = LINK_RE.match(clause)
    if link:
        # 为此,各地、各部门要…: the sentence's link word before its subject
        sub = sentence_subject(clause[link.end():], collective)
        return (sub[0], sub[1] + link.end()) if sub else None
    heads = HEADS_ANSWER_RE.match(clause)
    if heads and looks_like_unit_list(heads.group("u")):
        # 各地各部门党政主要负责同志是属地…防控的第一责任人: the bodies whose heads answer for the work
        return unit_names(heads.group("u")), heads.end("u")
    owner = OWNS_IT_RE.match(clause)
    body = owner.group("u") if owner else ""
    if body and (looks_like_unit_list(body) and re.match(r"[省市州县区乡镇旗]", body) or _body_of_places(body)):
        # 各乡镇人民政府是农村生活污水治理设施运行维护的责任主体，要落实专人…: the body the sentence makes answer for it
        # (a level's office or each place of a level; 地方政府是…责任主体 states a principle)
        return unit_names(body), owner.end("u")
    stated = ROLE_STATED_RE.match(clause)
    if stated and looks_like_unit_list(stated.group("u")):
        # 教育部门是扫除文盲工作的主要职能部门,要认真做好…: the department the sentence names for the work
        return unit_names(stated.group("u")), stated.end()
    m = PLACES_RE.match(clause)
    if m:
        end = m.end()
        d = WITH_DEPTS_RE.match(clause, end)
        if d:
            end = d.end()
        # 各区也要相应建立…: an adverb between the places and their verb
        adverb = re.match(r"也|还|均|都|亦", clause[end:])
        at = end + (adverb.end() if adverb else 0)
        if SUBJECT_VERB_RE.match(clause, at) or PLACE_VERB_RE.match(clause, at):
            return unit_names(clause[:end]), at
        # 各县(市、区)环保专项行动领导小组结合…: a body of each place
    m = COMMA_MODAL_RE.match(clause)
    # (审计组在实施审计过程中,应当督促…: the time the subject does it in is not part of its name)
    # (建设单位在申请领取建设工程规划许可证前,应当…: nor the time before which it must)
    body = re.sub(r"(?<=[\u4e00-\u9fff])在[^，,。；;]{2,20}(?:过程中|中|时|期间|前|之前|以前)$", "", m.group(1)) if m else ""
    # (各县(市)人民政府在制定…规划时,应…: the governments of a level too, its name holding no verb of its own)
    if m and looks_like_unit_list(body) and (not ROLE_WORD_RE.match(body)
                                             or PLACES_RE.match(body) and not SUBJECT_VERB_RE.search(body)):
        # 市和区、县人民政府以及街道办事处,应当建立…: a long subject set off by a comma before its modal
        return unit_names(body), m.end()
    for v in SUBJECT_VERB_RE.finditer(clause[:130]):      # (a list of twenty ministries is a subject too)
        head = clause[:v.start()]
        if len(head) < 2:
            continue        # 组织人事部门要…: a verb's word inside the name at its start, not the verb after it
        # (区建设行政主管部门(以下简称“区燃气主管部门”)统筹负责…: the short name it will go by is in the name's bracket)
        if re.search(r"[，,。；;：:“”]", SHORT_NAME_RE.sub("", SAME_BELOW_RE.sub("", head))):
            break       # (县(区)人民政府(含…管委会,下同)、乡镇政府必须…: the note's comma is inside the name)
        # 各地有关部门要在党委、政府的统一领导下…: the modal before the verb's word is not part of the name
        # (各管养单位于每年12月10日前将…: nor the 于 of the time that follows)
        # (市旅游局主要做好…: 主要 is how, not the end of its name)
        head = re.sub(r"(?:主要|要|应当|应|须|必须|务必|于)$", "", head)
        head = re.sub(r"(?<=[\u4e00-\u9fff）)])(?:也|亦|还|均|都|全面)$", "", head)
        # (镇…领导小组季度末对饮用水水源进行巡查: when it does it, between the body and its verb, h6606)
        head = re.sub(r"(?<=[组办局委会室队所站])(?:每(?:个)?)?(?:季度|季|月|年|周)(?:末|底|初)$", "", head)     # 各县(市、区)政府也应… / 各级人民政府全面负责…
        helps = HELPS_RE.search(head, 2)
        if helps and looks_like_unit_list(head[:helps.start()]) and not NAMED_BY_HELP_RE.fullmatch(head, helps.end()):
            # 村(居)民委员会协助乡镇人民政府、街道办事处做好…: the subject is who helps; whom it helps is no owner
            head = head[:helps.start()]
            v = helps
        # 宣传部门要… / 水务主管部门应当…: a kind of department is how plans and regulations name the one
        # that holds the duty, a subject like a named office
        if looks_like_unit_list(head) and not HELPS_RE.match(head) and "由" not in head[1:] \
                and (collective and _addressees(head) or not ROLE_WORD_RE.match(head) or _body_of_places(head) or OFFICE_END_RE.search(head)
                     or REMIT_RE.match(clause, v.start())
                     or _each_of_a_kind(head)):
            return unit_names(head), v.start()
    return None


def _each_of_a_kind(head: str) -> bool:
    """各运输部门 / 各级宣传部门和各旅游景区 / 各级科技、扶贫部门 (each read with the kind it shares): bodies of
    named kinds, not 各部门 / 各有关单位."""
    names = unit_names(head)
    return bool(names) and all(KIND_OF_EACH_RE.fullmatch(u) or not ROLE_WORD_RE.match(u) for u in names) \
        and any(KIND_OF_EACH_RE.fullmatch(u) for u in names)


def _addressees(head: str) -> bool:
    """各有关乡镇区及部门 / 各有关单位: bodies a plan asks as a whole, each named like a body (not 各成员单位指定一名)
    and none of the roles its own tasks give (各责任单位, 各成员单位)."""
    return not PLAN_ROLES_RE.search(head) and all(looks_like_unit(u) for u in unit_names(head))


def _body_of_places(head: str) -> bool:
    """各县(市、区)环保专项行动领导小组: a named body of each place, not a role word (各责任单位)."""
    m = PLACES_RE.match(head)
    return bool(m) and m.end() < len(head) and not re.fullmatch(r"(?:有关|相关)?(?:部门|单位|责任单位)", head[m.end():])
