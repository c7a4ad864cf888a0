"""Who does a task, as plan text writes it inside or after the task.

- labelled: ``(牵头部门:区环境保护局;配合部门:…;责任单位:…)``, with or without brackets;
- role words: ``（市住房和城乡建设局牵头，…等部门参与，各县（市、区）政府、管委会负责落实。
  以下均需各县（市、区）政府、管委会落实，不再列出。）`` — the last sentence is a default
  for the tasks after it;
- a bracket holding only unit names: ``（市水务局）``.

A bracket is an attribution only when all of it reads as one; ``（总氮指标除外）`` is not.
Unit runs (``由X牵头``, ``会同Y做好``) are found by ``unit_run``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..unitnames import each_kind, norm, split_units
from .dates import find_deadlines
from ..rolewords import ANY_LABEL, label_field, role_phrases
from .itemmark import ITEM_DOT
from .leadorder import RULE as LEAD_RULE
from ..unitwords import LEVEL_BODY, SECTION_OFFICE, ending_re

OPEN, CLOSE = "(（[【〔", ")）]】〕"

# 牵头单位: / 主要责任单位: / 配合部门: / 责任人: / 完成时限:: any field label of the role lexicon
LABEL_RE = re.compile("(" + ANY_LABEL + r")\s*[:：]")


# role words after a unit list, longest first
ROLE_WORDS = role_phrases()
# （X、Y。列第一位者为牵头部门，下同） / 责任单位：X、Y（列第一位者为工作牵头单位或汇总单位，下同）:
# the first unit named leads, the others take part
# (the rule's words are general, leadorder.py: 列在首位的 / 排在第一位的 / 第一个单位, with what the others do)
FIRST_LEADS_RE = re.compile(r"[。；;，,]?\s*[（(]?\s*" + LEAD_RULE + r"\s*[）)]?")
# 排在前位为牵头部门: "the ones placed first" — the first group of names (joined by 、, before the first
# comma) leads; whether 前位 means only the first name the text does not say, so the task says so
FRONT_GROUP_RE = re.compile(r"[。；;，,]?\s*排(?:在)?前位(?:的)?(?:单位|部门)?为牵头(?:单位|部门)(?:[，,]\s*(?P<same>下同))?[。.]?")
# …以下均需X落实,不再列出 (以下政策措施均需…,不再单独列出) / 相关乡镇政府为责任主体,以下不再列出 (the second also for the task it closes)
DEFAULT_RE = re.compile(r"(?:以下(?!简称|称)(?:各项|所有)?(?:政策措施|工作|任务|措施|政策|事项)?(?:均|都)?(?:需|须|由)?(?P<u>[^。]+?)(?:负责|具体)?落实[^。]*?"
                        r"|(?P<v>[^。；;，,:：()（）]+?)为责任主体[，,]\s*以下)不(?:再|重复)(?:一一|单独|另行)?列出[。.]?")

# 区财政局、区水务局等部门,: a list of one kind left open before a comma
OPEN_LIST_END_RE = re.compile(r"等(?:有关|相关)?(?:部门|单位)$")

# 市、区反走私综合治理机构(以下简称综治机构): the short name the text will use, not part of the name
SHORT_NAME_RE = re.compile(r"[（(〔](?:以下简称|以下称|下称|简称)[^）)〕]*[）)〕]")

# 外卖平台 / 网络餐饮服务第三方平台提供者: a platform's operator is a body (协同监管平台, a system, is not)
PLATFORM = r"(?:第三方|外卖|电商|配送)平台|平台(?:提供者|经营者)"
# a unit of a plan's text: the offices, the places (市/区/县/村/社区) and the units inside an office (处/科/组)
UNIT_SUFFIX_RE = ending_re("单位", "集团", "区", "县", "市", "管理委员会", "组", "室", "厂", "部", "会", "处", "科", "社区", "团中央", "科协",
                           "村", "村居", "司", "机构", "社", "学校", "党校", "幼儿园", "(?<![大])[中小]学", "联席会议", "妇联", "残联", "侨联", "文联", "海关", "[银人分支]行", "企业", "共青团", PLATFORM, LEVEL_BODY)
# (…娱乐场所, 住宅小区: places, whose 所 and 区 are not an office's or a district's)
NOT_UNIT_RE = re.compile(r"[，。；:：%“”\"]|\d{2,}|负责|担任|会同|汇同|要求|强调|指出|落实|切实|完成|开展|达到|实现|提高|确保|督促|做好|属于|实行|依法|要(?=[站所院队办处室局会]$)|(?<=[室局委办府])抓|^(?:规定|制定|协调|督促)|配合|支持|提请|(?<!所在地)的|动员(?!委员会|办公室|办)|场所$|小区$|全社会$|^社会$"
                         # 集中办公时间由各乡镇: what is done, then by whom (自由贸易试验区 is a name)
                         r"|(?<=[\u4e00-\u9fff])(?<!自)由(?!于)"
                         # 第二章规划建设第五条农贸市场专项规划: a chapter's or an article's number is in no name (h6110)
                         r"|第[一二三四五六七八九十百零〇\d]{1,5}[章条條节節]")
# 对重点生态功能保护区开展…: a clause that opens with a preposition names a place, not a unit
# (以乡镇社区(村居)为单位,…: the unit of the work's division, not a body)
PREPOSITION_START_RE = re.compile(r"^(?:对(?!外)|在|按照?|把|与(?!会)|向|为(?!民)|其(?![他它]|(?:上级)?主管部门)|以|关于"
                                  # 本办法适用于本县行政区域…: the document speaking of itself (本办 is not an office there)
                                  r"|本(?:办法|条例|规定|细则|方案|意见|通知|决定|规则|制度|实施)"
                                  # 经镇河长制办公室研究 / 是区对镇(街)…考核的: who decided it, and a copula (h6602)
                                  r"|经(?=[^，,。；;]{2,30}(?:研究|同意|批准|审定|讨论))|是(?=[省市县区])(?!市[场政])"
                                  # 并督察相关部门: the sentence's next verb, never a name's start (并州 is a place)
                                  r"|并(?!州)"
                                  r")")
# 县政府与各成员单位、各乡镇签订目标管理责任书: the subject, then whom it signs or works with
WITH_PARTY = r"与(?=[^，,。；;]{1,40}?(?:签订|签署|联合开展|共同开展|对接))"
# 由市劳动保障局、财政局联合制定: done together (残疾人联合会, 联合执法大队 are names)
JOINTLY = r"联合(?=制定|印发|下发|出台|开展|组织|召开|推进|实施|督查)"
# verbs that end a unit run in prose (由X牵头督促…, 会同Y做好…)
VERB_RE = re.compile(r"(?:牵头|负总责|召开|初审|" + WITH_PARTY + "|" + JOINTLY + "|为(?=(?:责任)?主体)|(?:具体|全面|统一)?负责(?!人|同志)|会同|汇同|协同|配合|协助|协办|承办|主办|督促|组织(?!部)|完善|依法|依照|依据|根据|给予|予以|挂牌|挂账|立案|对|在|于|做好|开展|完成|共同|按|要|实施|加强|推进|继续|"
                     r"落实|建立|制定|抓好|指导|扣减|责令|开|发布|处理|研究|统筹|提供|强化|进行|参与|做|将|把|从|严格|"
                     r"切实|全面|及时|定期|每|明确|确保|协调|审核|编制|办理|查处|监督|检查|组建|成立|设立|向|贯彻|应当|加大|加快|高度重视|搞好|"
                     r"认真|积极|抓紧|尽快|迅速|立即|提出|统一|通过|批准|审批|备案|集中(?=开展|整治|清理|治理|排查|攻坚)|具体(?=落实|实施)|列入|承担|分别(?=负责|牵头|承担|落实)|(?:全力|密切|主动)(?=配合|协助|参与)|(?:主要|总体)(?=负责(?!人|同志)))")


@dataclass
class Attribution:
    start: int
    end: int
    text: str
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    deadline: str = ""
    default_responsible: list[str] = field(default_factory=list)
    bare: bool = False       # only unit names, no role written
    first_leads: bool = False          # 列第一位者为牵头部门
    note: str = ""                     # what the task's review must say about how its roles were read
    first_leads_onwards: bool = False  # …，下同: for the brackets after it too
    first_leads_words: str = ""        # the document's own words for it (列第一位者为牵头部门 / 第一责任单位为牵头单位)
    default_words: str = ""            # the document's words for default_responsible (以下均需…落实,不再列出)

    @property
    def empty(self) -> bool:
        return not (self.lead or self.responsible or self.cooperating)


# 我局执法分局 / 本委办公室 / 我市X工作小组: the writer's own office or place before the name
# (本市各级人民政府 is how a regulation names the city's governments: kept)
FIRST_PERSON_OWN_RE = re.compile(r"^(?:(?:我|本)(?:局|委|厅|办|院|中心|部)|我(?:市|县|区|省))(?=[\u4e00-\u9fff]{2,})")


COUNTED_RE = re.compile(r"(?<=[\u4e00-\u9fff）)])等?(?:\d{1,3}|[两二三四五六七八九十]{1,3})个(?:部门|单位)$")
STEMS_OF_KIND_RE = re.compile(r"(?P<stems>[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})+)等(?P<kind>行业主管部门|行业部门|主管部门|职能部门)")


def unit_names(text: str) -> list[str]:
    """Names as resolved without a directory: the splitter's names (shared prefixes applied);
    ``区城管大队法制办及街道城管中队`` is two units joined by 及."""
    out: list[str] = []
    # 区发改 局 / 石 岩街道办: a PDF's text puts spaces inside words; a name has none between its characters
    text = re.sub(r"(?<=[\u4e00-\u9fff])[ \t]+(?=[\u4e00-\u9fff])", "", text)
    # 市、区反走私综合治理机构(以下简称综治机构): the short name the text will use, not part of the name
    # (〔以下简称省涉海涉渔专委办〕: the brackets Zhejiang's documents use inside a bracket)
    text = SHORT_NAME_RE.sub("", text)
    # 工会、共青团、妇联等人民团体: the kind the names are of, not a name
    text = re.sub(r"(?<=[\u4e00-\u9fff])等(?:人民团体|群团组织)$", "", text)
    # 县教育局、卫生局等行业主管部门: the kind the offices are of
    text = re.sub(r"(?<=[局委办厅])等(?:行业主管部门|行业部门|主管部门|职能部门)$", "", text)
    # 发展改革委、水利部、…、能源局20个部门: how many the list names, not part of its last name
    text = COUNTED_RE.sub("", text)
    stems = STEMS_OF_KIND_RE.fullmatch(text)
    if stems:
        # 住建、城管等行业主管部门: short stems, each with the kind named once after 等
        return [x + stems.group("kind") for x in stems.group("stems").split("、")]
    text = SAME_BELOW_RE.sub("", text)
    for t in split_units(text):
        name = FIRST_PERSON_OWN_RE.sub("", t.name)
        if name != t.name and looks_like_unit(name):
            out.append(name)
            continue
        own = re.fullmatch(r"(.{2,30}?)及其(办事机构|办公室|工作机构)", t.name)
        if own and looks_like_unit(own.group(1)):
            # 县级以上国防动员委员会及其办事机构: the body and the office that does its work (市场监督管理局及其派出机构,
            # a bureau with its branches, stays one name)
            out.extend([own.group(1), own.group(1) + own.group(2)])
            continue
        parts = [x for x in re.split(r"及(?!其)", t.name) if x]
        kind = re.search(r"(?:部门|单位)$", parts[-1]) if len(parts) == 2 else None
        if kind and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", parts[0]) and not looks_like_unit(parts[0]) \
                and len(parts[1]) - len(kind.group()) >= 2:
            # 公安及维稳部门: two stems sharing the kind the second carries
            parts[0] += kind.group()
        if len(parts) > 1 and all(looks_like_unit(x) for x in parts):
            out.extend(each_kind(parts))
        else:
            out.append(t.name)
    return out


def looks_like_unit(item: str) -> bool:
    s = norm(item).replace("设区的市", "设区市")     # the law's name for a city with districts: no 的 of a phrase
    # 县级以上地方人民政府确定的盐业主管部门: the law names the department by who designates it
    if "的" in s:       # (looks_like_unit runs for every piece of every clause: the regex only where it can match)
        s = re.sub(r"^[^，,。；;的]{2,20}政府(?:确定|指定)的(?=[\u4e00-\u9fff]{2,})", "", s)
    s = re.sub(r"[（(][^）)]*[）)]", "", s)
    if re.fullmatch(r"[\u4e00-\u9fff]{2,6}等(?:有关|相关)?部门", s) and not WORK_START_RE.match(s) \
            and not NOT_UNIT_RE.search(s) and not PREPOSITION_START_RE.match(s) \
            and not UNIT_SUFFIX_RE.search(s.split("等")[0]):
        return True     # 会同环境保护等部门: the departments of one kind, as 水利、农业等部门 are of two
    s = COUNTED_RE.sub("", s)
    s = re.sub(r"等(?:[区县市]级|[区县市]直|有关|相关)?(?:部门|单位|人民团体|群团组织)?$", "", s)
    if not 2 <= len(s) <= 30 or NOT_UNIT_RE.search(s) or PREPOSITION_START_RE.match(s) or SECTION_WORD_RE.fullmatch(s) \
            or WORK_START_RE.match(s):
        return False
    return bool(UNIT_SUFFIX_RE.search(s))


# 协调推进有关单位… / 指导各级政府宗教事务部门… / 3.支持政府…: a duty's words (or an item's number) before a name
WORK_START_RE = re.compile(r"\d|要(?!塞)|积极|应当|必须|请|你|进一步|召集|召开|协同|组织(?=协调|开展|实施|指导|推动|落实|召开|编制|城区|全[县市区镇乡]|各|辖区|本)|会同|汇同|协调|推进|推动|指导|督促|支持|协助|配合|牵头|负责|参与|做好|加强|落实|建立|完善|制定|研究|统筹|"
                           r"记者|据悉|根据|按照"
                           # …,报本级人民政府批准后公布: whom it is sent to (报社, 报业集团 are names)
                           r"|报(?=[省市县区州旗本上])")
# 二、组织机构 / 工作机构: what a section is about, not a body (疾病预防控制机构, 医疗卫生机构 are)
SECTION_WORD_RE = re.compile(r"(?:组织|工作|领导|议事|办事|管理|执行|常设|成员)机构")


EACH_PLACE_RE = re.compile(r"各(?:省|市|州|县|区|乡镇|乡|镇|街道|村|社区)")


# 省、市(含行署,下同)、县(含县级市、区,下同)人民政府: a note on what a level includes, not part of a name
SAME_BELOW_RE = re.compile(r"[（(][^（()）]{0,20}下同[）)]")


def looks_like_unit_list(text: str) -> bool:
    s = norm(SAME_BELOW_RE.sub("", text)).strip("，,、；;。. ")
    if not s:
        return False
    pieces = re.split(r"([、，,；;]|以及|及(?=各|相关|有关))", _protect(s))
    # (the mark after each item: a stem shares the kind of a later item across 、/及, not across a comma —
    # 会议强调,各相关部门 / 近年来,各地区、各有关部门 are words before a subject, not stems of 部门)
    marks = pieces[1::2] + [""]
    kept = [(_unprotect(x), marks[k]) for k, x in enumerate(pieces[::2]) if x]
    items = [x for x, _m in kept]
    if not items:
        return False
    for i, x in enumerate(items):
        if looks_like_unit(x) or _group_phrase(x):
            continue
        if i and x == "村" and looks_like_unit(items[i - 1]):
            continue        # 由乡镇、村共同负责…: the villages, after the bodies of the level above them
        if re.fullmatch(r"[，,；;]", kept[i][1]):
            return _names_read_as_bodies(s, items)
        # 纪检、组织人事部门: a short stem sharing the next item's 部门/单位
        # 临汾、侯马、洪洞经济开发区管委会: several stems before the one that carries the word
        nxt = items[i + 1] if i + 1 < len(items) else ""
        zone = next((y for y in items[i + 1:] if len(y) > 4 or _UNIT_TAIL_RE.search(y)), "")
        if _ZONE_TAIL_RE.search(zone):
            nxt = zone
        # 交通运输、公安交警、应急管理部门: every short stem before the one carrying 部门 shares it
        # (加强巡查、落实责任、林业部门: words of work, not stems)
        k = next((j for j in range(i + 1, len(items)) if len(items[j].split("等")[0]) > 6
                  or _UNIT_TAIL_RE.search(items[j])), None)
        if k is not None and _UNIT_TAIL_RE.search(items[k]) and not any(
                NOT_UNIT_RE.search(y) or VERB_RE.match(y) for y in items[i:k]):
            nxt = items[k]
        # 财政、环保、水利等有关部门: the stems share the word the last one carries after 等
        shared_after = len(items) > 1 and bool(
            re.fullmatch(r"[\u4e00-\u9fff]{2,6}等(?:(?:有关|相关)?(?:行政)?(?:主管)?(?:部门|单位)|局|委|办)", items[-1])
            or re.fullmatch(r"[省市区县镇乡]人民政府(?:[（(][^）)]*[）)])?", items[-1]) and len(x) == 1 and x in "省市区县镇乡"
            # 市、区反走私综合治理机构: levels written once before the body each has
            or len(x) == 1 and x in "省市州区县镇乡" and items[-1][:1] in "省市州区县镇乡" and looks_like_unit(items[-1]))
        # 县级以上人民政府发展和改革、人力资源和社会保障、…、教育等部门: before a shared 等部门 a stem may be a long
        # department's name, after the level's government that heads the list
        stem = x.split("等")[0]
        if "等" in x and not re.fullmatch(r"(?:[区县市]级|有关|相关)?(?:部门|单位)?", x.split("等", 1)[1]):
            stem = x      # 遇暴雨等极端天气时: 等 inside words of a time, no list of stems
        longest = 6 if not shared_after else 12
        if shared_after and i == 0:
            stem = re.sub(r"^[^、]{0,8}?人民政府", "", stem)
        # (县(市、区)财政、农业农村部门: the levels' bracket after the first stem is not part of its length)
        if len(re.sub(r"[（(][^（()）]*[）)]", "", stem)) <= longest and not NOT_UNIT_RE.search(x) and not (shared_after and VERB_RE.match(stem)) \
                and (re.search(r"(?:部门|单位|政府|管委会|街道办事处)$", nxt) or shared_after):
            continue
        return _names_read_as_bodies(s, items)
    return True


def _names_read_as_bodies(s: str, items: list[str]) -> bool:
    """The list once its shared prefixes and suffixes are spread (unit_names): read only where the items as written
    fail, since it splits the whole text again."""
    if len(items) < 2:
        return False
    names = unit_names(s)
    if len(names) >= 2 and any(EACH_PLACE_RE.fullmatch(x) for x in names) and any(looks_like_unit(x) for x in names) \
            and all(looks_like_unit(x) or EACH_PLACE_RE.fullmatch(x) for x in names):
        # 市城乡规划部门和各市、区: an office with the places of a level
        return True
    odd = [x for x in names if not looks_like_unit(x)]
    # 市港航局、市运管局、…和市长运集团、市城市公交: one body of the level named by its short name among offices
    return len(names) >= 4 and len(odd) == 1 and bool(re.fullmatch(r"[省市县区][\u4e00-\u9fff]{2,8}", odd[0])) \
        and not NOT_UNIT_RE.search(odd[0]) and not VERB_RE.match(odd[0][1:])


_UNIT_TAIL_RE = re.compile(r"(?:部门|单位|政府|管委会|街道办事处)$")
_ZONE_TAIL_RE = re.compile(r"(?:开发区|高新区|新区|园区|工业园|产业园)(?:党工委和管委会|管委会|党工委)$")


LEVELS_OF_ONE_RE = re.compile(r"(?<![\u4e00-\u9fff])(?:[省市州县区乡镇村]级?、)+(?=[省市州县区乡镇村]级)")


def _protect(s: str) -> str:
    # 各县(市、区)政府: the 、 inside brackets does not split; nor does it between levels of one body written
    # once (县、乡级、村级河长, as unitnames reads it)
    s = LEVELS_OF_ONE_RE.sub(lambda m: m.group().replace("、", "\x00"), s)
    return re.sub(r"[（(][^）)]*[）)]", lambda m: m.group().replace("、", "\x00").replace(",", "\x01"), s)


def _unprotect(s: str) -> str:
    return s.replace("\x00", "、").replace("\x01", ",")


def _group_phrase(s: str) -> bool:
    # (各乡镇(街道)签订目标管理责任书: a long phrase is a group of bodies only when it ends like one)
    bare = re.sub(r"[（(][^）)]*[）)]", "", s)
    return bool(re.match(r"^(?:各|全体|所有|有关|相关|所在|属地|其他|其它)", s)) and len(s) <= 24 and \
        not NOT_UNIT_RE.search(s) and (len(bare) <= 8 or bool(UNIT_SUFFIX_RE.search(bare))
                                       or bool(re.search(r"(?:部门|地区|地方|乡镇|街道|学校|医院)$", bare)))


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """Outermost bracketed spans (any bracket kind; mismatched pairs like [ … )] tolerated)."""
    spans = []
    depth, start = 0, None
    for i, ch in enumerate(text):
        if ch in OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
            if depth == 0:
                # a doubled closer ")]" belongs to the same bracket
                end = i + 1
                while end < len(text) and text[end] in CLOSE and text[end - 1] in CLOSE and end - i < 2:
                    end += 1
                spans.append((start, end))
    return spans


_ROLE_WORD_RE = re.compile("|".join(w for w, _ in ROLE_WORDS))


def names_only(body: str) -> bool:
    """(X、Y。列第一位者为牵头部门) / （市水务局）: the bracket says no label and no role word of its own."""
    return not LABEL_RE.search(body) and not _ROLE_WORD_RE.search(body)


def parse_body(body: str) -> Attribution | None:
    """The inside of a bracket (or a run after the task) as an attribution, or None."""
    s = body.strip().strip("。.；;，,")
    if not s:
        return None
    a = Attribution(0, 0, body)
    first = FIRST_LEADS_RE.search(s)
    if first:
        a.first_leads, a.first_leads_onwards = True, bool(first.group("same"))
        a.first_leads_words = first.group().strip(" 。.；;，,（()）")
        s = (s[:first.start()] + s[first.end():]).strip().strip("。.；;，,")
        if not s:
            return None
    front = FRONT_GROUP_RE.search(s)
    if front:
        s = (s[:front.start()] + s[front.end():]).strip().strip("。.；;，,")
        d = DEFAULT_RE.search(s)
        if d:
            _set_default(a, d)
            s = (s[:d.start()] + s[d.end():]).strip().strip("。.；;，,")
    got = _parse_body(a, s)
    if got is not None and got.first_leads:
        first_unit_leads(got, got.first_leads_words, names_only(s))
    if got is not None and front and not got.lead and got.responsible:
        _front_group_leads(got, s)
    return got


def _set_default(a: Attribution, m: re.Match) -> None:
    """The units every task from here on is carried out by; X为责任主体 names them for this task too."""
    a.default_responsible = unit_names((m.group("u") or m.group("v")).strip("由"))
    a.default_words = m.group().strip("，,。. ")
    if m.group("v"):
        a.responsible.extend(u for u in a.default_responsible if u not in a.responsible)


def _front_group_leads(a: Attribution, s: str) -> None:
    """责任单位:市环保局、市国土资源局,市财政局、…,各镇街区 (排在前位为牵头部门): the first group leads, the
    units the text says carry out every task (以下均需各镇街区落实) stay responsible, the rest take part."""
    value = re.split(r"[:：]", s, maxsplit=1)[-1]
    groups = [g for g in re.split(r"[，,]", _protect(value)) if g.strip()]
    if len(groups) < 2:
        return
    first = unit_names(_unprotect(groups[0]))
    if not first or any(u not in a.responsible for u in first):
        return
    rest = [u for u in a.responsible if u not in first]
    a.lead = first
    a.responsible = [u for u in rest if u in a.default_responsible]
    a.cooperating = [u for u in rest if u not in a.default_responsible] + a.cooperating
    a.note = (f"按「排在前位为牵头部门」，已把排在最前、用顿号连着的「{'、'.join(first)}」作牵头单位，其余作配合单位；"
              "文中没有说「前位」是第一个单位还是第一组单位，请核对")


def first_unit_leads(a: Attribution, words: str, bare: bool) -> None:
    """列第一位者为牵头部门 / 第一责任单位为牵头单位: the first unit of the list leads.  The others keep the
    role their label gave them (责任单位：A、B — B is still a 责任单位); a bare list of names says no role,
    so they take part (co-operating), as 参与 would say."""
    if a.lead or not a.responsible:
        return
    # (…，其他为配合单位 / …，有关部门按职责分工负责: the rule itself says what the others do, whatever the list says)
    said = FIRST_LEADS_RE.search(words)
    others = (said.group("others") or "") if said else ""
    if others:
        bare = bool(re.search(r"配合|协助|协办|参与", others))
    a.lead, rest = a.responsible[:1], a.responsible[1:]
    if bare:
        a.responsible = []
        a.cooperating = rest + [u for u in a.cooperating if u not in rest]
    else:
        a.responsible = rest
    how = "" if not rest else f"，其余的「{'、'.join(rest)}」作{'配合' if bare else '责任'}单位"
    a.note = (a.note + "；" if a.note else "") + f"按原文「{words}」，第一个单位「{a.lead[0]}」作牵头单位{how}，请核对"
    a.bare = False


def _parse_body(a: Attribution, s: str) -> Attribution | None:
    m = DEFAULT_RE.search(s) if LABEL_RE.search(s) else None
    if m:
        # (责任单位:A、B,乡镇人民政府具体落实,以下均需乡镇人民政府具体落实,不重复列出): the default after the label's value
        _set_default(a, m)
        s = (s[:m.start()] + s[m.end():]).strip(" ;；,，。")
    if LABEL_RE.search(s):
        parts = LABEL_RE.split(s)
        if parts[0].strip(" ;；,，。"):
            return None
        for i in range(1, len(parts) - 1, 2):
            f = label_field(parts[i])
            val = _strip_closers(parts[i + 1].strip(" ;；,，。"))
            if f == "deadline":
                a.deadline = val
            elif f == "person":
                a.persons.extend(t.text for t in split_units(val))
            else:
                # 配合单位：县水利局，2025年9月底前完成: the time after the units is the task's deadline
                pieces = re.split(r"[，,；;]", val)
                when = [x for x in pieces[1:] if _deadline_only(x.strip())]
                if when:
                    val = "，".join(x for x in pieces if x not in when)
                    a.deadline = "；".join(x for x in (a.deadline, *[w.strip() for w in when]) if x)
                # 牵头单位:XX镇人民政府整治时间:2023年3月21日: another field run on after the unit (h6102) is no part of it
                val = RUN_ON_TIME_FIELD_RE.split(val, maxsplit=1)[0]
                # 牵头单位:市房产局,星宇物业公司配合: a later piece closed by its own role word has that role
                own = [(x, *_role_segment(x.strip())) for x in re.split(r"[，,；;]", val)[1:]]
                own = [(x, role, units) for x, role, units in own if role and role != f and units != x.strip()]
                if own:
                    val = "，".join(x for x in re.split(r"[，,；;]", val) if x not in {o[0] for o in own})
                    for _x, role, units in own:
                        getattr(a, role).extend(unit_names(units))
                getattr(a, f).extend(unit_names(val))
        return a if not a.empty or a.deadline else None
    m = DEFAULT_RE.search(s)
    if m:
        _set_default(a, m)
        s = (s[:m.start()] + s[m.end():]).strip(" ;；,，。")
    if not s:
        return a if a.default_responsible else None
    # (县美丽办、县住建局牵头、各乡镇配合): a 、 after a role's word ends that role's units as a comma would
    segments = [x for x in re.split(r"[，,；;。]|(?<=牵头)、|(?<=负责)、|(?<=配合)、|(?<=参与)、|(?<=协助)、|(?<=协办)、",
                                    _protect(s)) if x.strip()]
    read = []
    for seg in segments:
        seg = _unprotect(seg).strip()
        role, units = _role_segment(seg)
        if role is None and _deadline_only(seg):
            a.deadline = "；".join(x for x in (a.deadline, seg) if x)     # (X负责,2023年6月底前完成)
            continue
        if role is None:
            return None
        read.append((role, units, units == seg))
    for i, (role, units, bare) in enumerate(read):
        if bare and i + 1 < len(read) and read[i + 1][0] == "cooperating" and not read[i + 1][2] \
                and OPEN_LIST_END_RE.search(units):
            # (区发改局牵头,区财政局、区水务局等部门,区国投公司、各街道办事处配合): a list left open by 等部门 goes on
            # after the comma, the role word closing both
            role = "cooperating"
        getattr(a, role).extend(unit_names(units))
    return a if not a.empty else None


RUN_ON_TIME_FIELD_RE = re.compile(r"(?<=[\u4e00-\u9fff）)])[\u4e00-\u9fff]{2}时间[:：]")


def _deadline_only(seg: str) -> bool:
    """A piece of an attribution that only says when (2023年6月底前完成, 长期坚持): it is the deadline."""
    found = find_deadlines(seg)
    rest = seg
    for d in found:
        rest = rest.replace(d, "")
    return bool(found) and not re.sub(r"[完成前底止内持续\s]", "", rest)


def _strip_closers(val: str) -> str:
    """Closing brackets that end the attribution, not the ones of a name: 各镇(办、区)] -> 各镇(办、区)."""
    while val and val[-1] in CLOSE:
        opened = sum(val.count(c) for c in OPEN)
        closed = sum(val.count(c) for c in CLOSE)
        if closed <= opened:
            break
        val = val[:-1].rstrip(" ;；,，。")
    return val


MANNER_TAIL_RE = re.compile(r"(?<=[\u4e00-\u9fff）)])(?:分别|各自)$")


def _role_segment(seg: str) -> tuple[str | None, str]:
    for word, role in ROLE_WORDS:
        k = seg.rfind(word)
        if k <= 0:
            continue
        units, rest = seg[:k], seg[k + len(word):]
        # (市环保局、市人力社保局分别负责落实): how each does it, not the last name's end
        units = MANNER_TAIL_RE.sub("", units)
        # 市住建局牵头 / …负责指导和督促各地开展 (a short duty may follow the role word)
        if (looks_like_unit_list(units) or not rest and _mostly_units(units)) \
                and (not rest or (len(rest) <= 24 and role != "cooperating")):
            return role, units
    if looks_like_unit_list(seg):
        return "responsible", seg
    return None, ""


def _mostly_units(units: str) -> bool:
    """(县政府法制办、人行德安分行、县信息中心牵头负责): a list the role word closes, most of it names this
    reader knows and the rest short names with no word of work — one name it does not know (a bank, a
    new office) does not lose the whole bracket."""
    items = [x for x in re.split(r"[、，,]", _unprotect(_protect(norm(units)))) if x]
    known = sum(1 for x in items if looks_like_unit(x) or _group_phrase(x))
    return len(items) >= 2 and known * 2 >= len(items) and all(
        2 <= len(x) <= 12 and not NOT_UNIT_RE.search(x) and not VERB_RE.match(x) for x in items)


def find_attributions(text: str) -> list[Attribution]:
    """Attributions in a paragraph, in order, not overlapping."""
    found: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    for b0, b1 in _bracket_spans(text):
        inner = text[b0 + 1:b1 - 1]
        inner = _strip_closers(inner)
        a = parse_body(inner)
        if a is None:
            continue
        if names_only(inner) and a.responsible and not (a.lead or a.cooperating):
            # only names: an attribution when it stands after a sentence (…完成。（市水务局）),
            # not a part of a name (乡镇（街道）, 县（市、区）)
            before = text[:b0].rstrip()
            after = text[b1:b1 + 1]
            # …《监狱法》（监狱管理局）: a law's title and the office that teaches it
            if before and before[-1] not in "。；;，,！!》" or (after and after not in "。；;，, \n"):
                continue
            a.bare = True
        a.start, a.end, a.text = b0, b1, text[b0:b1]
        found.append(a)
        taken.append((b0, b1))
    # labelled runs without brackets: 牵头单位:市水利局、环保局责任单位:…
    for m in LABEL_RE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        start = m.start()
        stop = re.compile(r"。|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}" + ITEM_DOT)
        end_m = stop.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        end = _other_field(text, m.end(), end)
        # the run ends where the label values stop being unit names
        a = parse_body(text[start:end])
        if a is None:
            continue
        a.start, a.end, a.text = start, end, text[start:end]
        if found and found[-1].start < start and found[-1].end > start:
            continue
        found.append(a)
        taken.append((start, end))
        # consecutive labels belong to the same run
    found.sort(key=lambda a: a.start)
    merged: list[Attribution] = []
    for a in found:
        if merged and a.start < merged[-1].end:
            continue
        merged.append(a)
    return merged


# 责任单位:X 项目责任人:Y 实际完成情况:…: fields of one record written on one line, a space before each
FIELD_AFTER_RE = re.compile(r"\s+([\u4e00-\u9fff]{2,10})[:：]")


def _other_field(text: str, start: int, end: int) -> int:
    """Where a labelled run stops before ``end``: at the first field after a space that names no role."""
    for f in FIELD_AFTER_RE.finditer(text, start, end):
        if label_field(f.group(1)) is None:
            end = f.start()
            break
    # 配合单位:市公安局、各区政府 鄞州 海曙 … 合计 10: a table flattened after the last value
    last = list(LABEL_RE.finditer(text, start, end))[-1:]
    value = text[last[0].end():end] if last else ""
    head = value.strip().split()[0] if value.strip() else ""
    if head != value.strip() and looks_like_unit_list(head) and not looks_like_unit_list(value):
        end = text.index(head, last[0].end()) + len(head)
    return end


def trailing_units(segment: str) -> tuple[int, list[str]] | None:
    """A task text that ends with a bare run of unit names after its last sentence
    (a table a page ran together): -> (where the run starts, names)."""
    s = segment.rstrip()
    k = max(s.rfind("。"), s.rfind("；"))
    if k < 0 or k == len(s) - 1:
        return None
    run = s[k + 1:]
    if looks_like_unit_list(run):
        return k + 1, unit_names(run)
    return None


# 民政部 / 教育部 / 公安部: the ministries (部 alone ends many words that are no unit: 内部, 全部, 局部)
_MINISTRY = (r"(?:外交|国防|教育|科学技术|科技|工业和信息化|工信|公安|国家安全|民政|司法|财政|人力资源和社会保障|人社|自然资源|国土资源"
             r"|生态环境|环境保护|住房和城乡建设|住房城乡建设|交通运输|水利|农业农村|农业|商务|文化和旅游|文化|卫生|退役军人事务"
             r"|应急管理|铁道|监察|审计)")


def unit_run(text: str, pos: int = 0) -> tuple[str, int] | None:
    """The unit list starting at ``pos`` and the position where the verb after it starts:
    ``由市市政委牵头督促…`` -> (市市政委, …); ``会同经商科技局、开发区和属地乡镇（街道）等做好…``."""
    best = None
    for m in re.finditer(r"(?:(?:组织|宣传|统战|武装)部(?!门)|" + _MINISTRY + r"部(?!门)|妇联|残联|侨联|文联|机关|机构|馆|政府|部门|单位|局|厅|委|委员会|办事处|办|办公室|中心|公司|集团|街道|镇|乡|村|"
                         r"区|县|管委会|院|队|站|所(?![在属有需得])|组|室|企业|" + PLATFORM + r"|(?<![调到好此各住出用难长短益相])处|(?<![学专本])科|分局|会|学校|(?<![大])[中小]学|党校|" + SECTION_OFFICE + "|" + LEVEL_BODY + r")(?:[（(](?:以下简称|简称)?[^）)]{1,8}[）)])?(?:等(?:[区县市]级|有关|相关)?(?:部门|单位)?)?",
                         text[pos:pos + 120]):
        end = pos + m.end()
        units = text[pos:end]
        if not VERB_RE.match(text, end):
            continue
        if looks_like_unit_list(units):
            best = (units, end)
            break
    return best
