"""Unit names as government text writes them: split lists, strip tails, spot groups.

``区发展和改革委员会、工业和商务局`` is two units (the second inherits 区);
``市水利局等部门按职责分工负责`` is one; ``各县(市、区)政府、管委会`` is one group
phrase, not two units.  Also the built-in knowledge of standard abbreviations
and of the 2018–2019 institutional-reform renamings, so that names compare
equal whichever form a document used.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from .unitwords import ending_re

SEPARATORS = "、，,；;/／"
LEVEL_PREFIXES = ("省", "市", "州", "县", "区", "旗", "盟")

# Short form -> long form of department stems (without the level prefix).
# Applied to both sides of a comparison, so each entry only has to map
# two spellings of the same office onto one form.
ABBREVIATIONS = {
    "住建局": "住房和城乡建设局",
    "住房城乡建设局": "住房和城乡建设局",
    "住建委": "住房和城乡建设委员会",
    "住房城乡建委": "住房和城乡建设委员会",
    "城乡建委": "城乡建设委员会",
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "发展改革局": "发展和改革局",
    "经信委": "经济和信息化委员会",
    "经济信息委": "经济和信息化委员会",
    "经信局": "经济和信息化局",
    "工信局": "工业和信息化局",
    "工信委": "工业和信息化委员会",
    "卫健委": "卫生健康委员会",
    "卫生健康委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "市场监管局": "市场监督管理局",
    "市监局": "市场监督管理局",
    "环保局": "环境保护局",
    "自规局": "自然资源和规划局",
    "资规局": "自然资源和规划局",
    "农业农村委": "农业农村委员会",
    "农委": "农业委员会",
    "城管局": "城市管理局",
    "综合执法局": "综合行政执法局",
    "商务委": "商务委员会",
    "金融办": "金融工作办公室",
    "金融局": "地方金融监督管理局",
    "河长办": "河长制办公室",
    "治水办": "治水办公室",
    "委编办": "委机构编制委员会办公室",
    "编办": "机构编制委员会办公室",
    "人社局": "人力资源和社会保障局",
    "教委": "教育委员会",
    "文旅委": "文化和旅游发展委员会",
    "文旅局": "文化和旅游局",
    "应急局": "应急管理局",
    "国资委": "国有资产监督管理委员会",
    "交通委": "交通委员会",
    "规资局": "规划和自然资源局",
    "管委会": "管理委员会",
    "政府办": "人民政府办公室",
    "纪委监委": "纪律检查委员会监察委员会",
    "人民政府": "政府",  # 卫辉市政府 = 卫辉市人民政府 (applied as a normalisation)
}

# 2018–2019 reform: old stem -> today's stems (first that the directory knows wins).
RENAMES = {
    "环境保护局": ["生态环境局"],
    "卫生和计划生育局": ["卫生健康局", "卫生健康委员会"],
    "卫生和计划生育委员会": ["卫生健康委员会", "卫生健康局"],
    "卫计局": ["卫生健康局", "卫生健康委员会"],
    "卫计委": ["卫生健康委员会", "卫生健康局"],
    "国土资源局": ["自然资源局", "自然资源和规划局", "规划和自然资源局"],
    "国土局": ["自然资源局", "自然资源和规划局", "规划和自然资源局"],
    "规划局": ["自然资源和规划局", "规划和自然资源局"],
    "城乡规划局": ["自然资源和规划局", "规划和自然资源局"],
    "农牧局": ["农业农村局"],
    "农业局": ["农业农村局"],
    "农业委员会": ["农业农村委员会", "农业农村局"],
    "工商行政管理局": ["市场监督管理局"],
    "工商局": ["市场监督管理局"],
    "质量技术监督局": ["市场监督管理局"],
    "质监局": ["市场监督管理局"],
    "食品药品监督管理局": ["市场监督管理局"],
    "食药监局": ["市场监督管理局"],
    "安全生产监督管理局": ["应急管理局"],
    "安监局": ["应急管理局"],
    "林业局": ["林业和草原局"],
    "国税局": ["税务局"],
    "地税局": ["税务局"],
    "旅游局": ["文化和旅游局"],
    "文化广电新闻出版局": ["文化和旅游局"],
}

# Stems of ordinary departments: a list item with one of these and no level
# prefix inherits the prefix of the item before it (区检察院、法院 -> 区法院).
DEPARTMENT_STEMS = (set(ABBREVIATIONS) | set(ABBREVIATIONS.values()) | set(RENAMES) | {
    s for v in RENAMES.values() for s in v} | {
    "财政局", "水利局", "水务局", "公安局", "司法局", "法院", "检察院", "人民法院", "人民检察院",
    "生态环境局", "林业局", "农业农村局", "交通局", "交通运输局", "教育局", "民政局", "审计局",
    "统计局", "税务局", "商务局", "工业和商务局", "自然资源局", "城市管理局", "气象局",
    "住房和规划建设局", "城市管理综合执法局", "文化旅游体育局", "人力资源和社会保障局",
    "委宣传部", "委组织部", "委办", "人大办", "政协办", "政府办公室", "水利和湖泊局",
    "发展和改革委员会", "市场监督管理局", "卫生健康委员会", "卫生健康局", "应急管理局",
}) - {"管委会", "管理委员会", "人民政府", "政府", "政府办", "人民政府办公室"}

# Group phrases (after 各/全/所有 is removed) -> kinds of units they cover.
GROUP_KINDS = {
    "镇街": {"镇", "街道"}, "镇(街道)": {"镇", "街道"}, "镇街道": {"镇", "街道"}, "镇(街)": {"镇", "街道"},
    "乡镇(街道)": {"乡", "镇", "街道"}, "乡镇街道": {"乡", "镇", "街道"}, "乡(镇)街道": {"乡", "镇", "街道"},
    "乡镇(街)": {"乡", "镇", "街道"}, "乡(镇、街道)": {"乡", "镇", "街道"},
    "乡镇": {"乡", "镇"}, "乡(镇)": {"乡", "镇"},
    "街道": {"街道"}, "街道办事处": {"街道"}, "办事处": {"街道"}, "镇": {"镇"}, "乡": {"乡"},
    "县(市、区)": {"县", "县级市", "区"}, "县市区": {"县", "县级市", "区"}, "县(市,区)": {"县", "县级市", "区"},
    "区(县)": {"县", "区"}, "县(区)": {"县", "区"}, "县区": {"县", "区"}, "区县": {"县", "区"},
    "县(市)": {"县", "县级市"}, "县市": {"县", "县级市"}, "区": {"区"}, "县": {"县"},
    "管委会": {"管委会"}, "管理委员会": {"管委会"}, "开发区": {"管委会"},
    "产业促进中心": {"产业促进中心"},
    "部门": {"部门"}, "区级部门": {"部门"}, "县级部门": {"部门"}, "市级部门": {"部门"},
    "区直部门": {"部门"}, "县直部门": {"部门"}, "市直部门": {"部门"}, "单位": None,
    "企业": {"企业"},
}
# Bare kind words that, after 各…、, continue the group phrase instead of naming a unit.
_GOVERNMENT_END_RE = re.compile(r"政府(?:[（(][^）)]*[）)])?$")
GROUP_CONTINUATIONS = ("管委会", "管理委员会", "街道", "街道办事处", "乡镇", "镇", "开发区", "园区")

# (等区级有关部门 / 等市直相关单位: the level before 有关 too, session 18's 鄞州 list)
TAIL_RE = re.compile(
    r"等(?:[省市州县区乡镇]级|[省市县区]直)?各?(?:有关|相关|其他|其它)?(?:部门|单位|企业)?"
    r"(?:按职责分工负责|按照职责分工负责|按职责负责|分工负责|负责|参与|配合|落实)?$")
# the part of a tail that stands for bodies nobody named (等区级有关部门), said to the clerk as 泛指
# (a bare 等 closing the list too: 「市发展改革委等」 names some of the units, the rest nobody — trial 35)
_CATCH_ALL_TAIL_RE = re.compile(r"^等(?:.*?(?:部门|单位|企业)|$)")
ROLE_TAIL_RE = re.compile(r"(?:(?:按照?职责分工|按职责|分工)负责|牵头负责|牵头|负责落实|具体落实|负责|参与|配合|落实)$")


_SPACE_RE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Matching form: NFKC (full-width -> half-width), no spaces, () brackets."""
    return _norm(text or "")


@functools.lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    # the same few thousand names are compared again and again (every task, every return)
    s = _SPACE_RE.sub("", unicodedata.normalize("NFKC", text))
    return s.replace("〔", "(").replace("〕", ")").replace("【", "(").replace("】", ")")


def expand(name: str) -> str:
    """Long form of a name: every known abbreviation replaced (longest first)."""
    s = norm(name)
    for short in sorted(ABBREVIATIONS, key=len, reverse=True):
        if short in s:
            long = ABBREVIATIONS[short]
            if long in s and short in long:
                continue  # already long (e.g. 管理委员会 contains no 管委会, but be safe)
            s = s.replace(short, long)
    return s


def level_prefix(name: str) -> str | None:
    """The level character that a department name starts with (区/县/市...), if the
    rest is an ordinary department stem (市场监管局 is not 市 + 场监管局)."""
    s = norm(name)
    if s and s[0] in LEVEL_PREFIXES and is_department_stem(s[1:]):
        return s[0]
    return None


def is_department_stem(s: str) -> bool:
    s = norm(s)
    return s in DEPARTMENT_STEMS or expand(s) in DEPARTMENT_STEMS


@dataclass
class Token:
    text: str             # as written (tails removed)
    is_group: bool = False
    relative: bool = False  # 相关/有关: a subset nobody named
    inherited: str | None = None  # the level prefix it inherited, if any
    tail: str = ""        # a catch-all written after the name (区科技局「等区级有关部门」): bodies nobody named

    @property
    def name(self) -> str:
        """The name with an inherited prefix applied."""
        return (self.inherited or "") + self.text


def _split_outside_brackets(text: str, seps: str) -> list[str]:
    out, cur, depth = [], [], 0
    for ch in text:
        if ch in "(（[【〔":
            depth += 1
        elif ch in ")）]】〕":
            depth = max(0, depth - 1)
        if ch in seps and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


GROUP_START_RE = re.compile(r"^(各|全体|所有|全)(?!国)")
RELATIVE_RE = re.compile(r"^(各)?(相关|有关|其他|其它)")
RELATIVE_ANY_RE = re.compile(r"(相关|有关|其他|其它)(部门|单位|成员单位|企业|镇街|乡镇|街道|排污单位)")
# 区级各部门 / 区直各部门 / 区政府各部门 / 区安委会各成员单位 / 区经济运行监测联席会议成员单位: every body of a kind
# or every member of a committee, never one unit (session 18's trial chased 区级各部门 with a return of its own)
CATCH_ALL_RE = re.compile(r"^(?:[省市州县区乡镇]级|[省市县区]直|[省市州县区](?:人民)?政府)各(?:部门|单位)$|成员单位$")
# 属地政府 / 属地区政府 / 属地区级政府 / 属地乡镇 / 属地镇街 / 属地县(市、区)政府 / 属地街道: the government or office of
# wherever the work is, another one in each place, never one unit (the session-19 trial's import and check took
# 属地区政府 and 属地区级政府 for two near-alike units, and split sent each a return).  Opened only by the 名录:
# the unit that has it as an alias, or the units of that 分组 (Directory.expand_group).
LOCAL_RE = re.compile(r"^各?属地")


def is_local(text: str) -> bool:
    """A 属地… reference: the local body wherever the work is, not a unit's name."""
    return bool(LOCAL_RE.match(norm(text)))


def classify_group(text: str) -> tuple[bool, bool]:
    """(is_group, relative) for one list item."""
    s = norm(text)
    if LOCAL_RE.match(s):
        return True, False
    if RELATIVE_RE.match(s) or RELATIVE_ANY_RE.search(s):
        return True, True
    if GROUP_START_RE.match(s) or CATCH_ALL_RE.search(s):
        return True, False
    core = re.sub(r"(人民政府|政府)$", "", s)
    if core in GROUP_KINDS and core not in ("区", "县", "镇", "乡"):
        return True, False
    return False, False


SPACED_UNIT_RE = re.compile(r"(局|委|办|院|政府|管委会|委员会|中心|公司|街道|办事处|镇|乡|部|厅|处|所|站|队|区|县|市)$")


def _split_spaced(part: str) -> list[str]:
    """「市规划局 市建设局」: names a table cell separates by spaces only.  Split only
    when every piece is shaped like a unit name (a name with a space inside stays whole)."""
    pieces = re.split(r"[ \t　]+", part)
    if len(pieces) > 1 and all(len(x) >= 2 and SPACED_UNIT_RE.search(x) for x in pieces):
        return pieces
    # 「区城管局 区水投」: a short abbreviation of the same level (区水投 = 区水务投资公司) beside a unit
    levels = {x[0] for x in pieces if len(x) >= 3 and SPACED_UNIT_RE.search(x) and x[0] in "省市县区"}
    if len(pieces) > 1 and levels and all(
            SPACED_UNIT_RE.search(x) and len(x) >= 2 or (x[0] in levels and 3 <= len(x) <= 6 and re.fullmatch(r"[\u4e00-\u9fff]+", x))
            for x in pieces):
        return pieces
    return [part]


SLASHES = "/／"
# a slash inside a name the directory knows (县城管局/执法局), hidden from the splitter
_KEPT = {"/": "\ue000", "／": "\ue001"}
_BACK = str.maketrans({v: k for k, v in _KEPT.items()})


def split_units(text, known=None) -> list[Token]:
    """Split one cell of unit names into items, as government text writes them.  ``known(name)``:
    whether the unit directory lists a name; a name it lists is never split at its ``/``."""
    if text is None:
        return []
    s = str(text).strip()
    if not s:
        return []
    if known is not None and any(c in s for c in SLASHES):
        s = _keep_known_slashes(s, known)
    # lists repeat the same cells (牵头单位) many times: split each text once, hand out fresh tokens
    return [Token(t[0].translate(_BACK), *t[1:]) for t in _split_units(s)]


def _keep_known_slashes(s: str, known) -> str:
    """The whole cell, then the longest runs of ``/``-separated pieces of each list item, tried
    against the directory before splitting at ``/``."""
    def keep(text):
        return "".join(_KEPT.get(c, c) for c in text)
    if known(s):
        return keep(s)
    out = []
    for seg in re.split(r"([、，,；;\n])", s):
        pieces = re.split(r"([/／])", seg)       # piece, slash, piece, …
        n, i = len(pieces) // 2 + 1, 0
        while i < n:
            j = n
            while j > i + 1 and not known("".join(pieces[2 * i:2 * j - 1]).strip()):
                j -= 1
            run = "".join(pieces[2 * i:2 * j - 1])
            out.append(keep(run) if j > i + 1 else run)
            if j < n:
                out.append(pieces[2 * j - 1])      # the slash after it: a separator
            i = j
    return "".join(out)


@functools.lru_cache(maxsize=1 << 14)
def _split_units(s: str) -> tuple[tuple, ...]:
    return tuple((t.text, t.is_group, t.relative, t.inherited, t.tail) for t in _split_units_uncached(s))


# 「应急管理局\n(安委办)」「高新园\n(邹区镇)」: a piece that is only a bracketed note
NOTE_ONLY_RE = re.compile(r"[(（][^()（）]{1,20}[)）]")


def _glue_notes(parts: list[str]) -> list[str]:
    """A piece that is only a bracketed note belongs to the name before it: Excel wraps a long name at its
    bracket (应急管理局（安委办）), and a bracket alone is no unit (session 18's trial chased 「(安委办)」)."""
    out: list[str] = []
    for p in parts:
        if out and NOTE_ONLY_RE.fullmatch(p.strip()):
            out[-1] += p.strip()
        else:
            out.append(p)
    return out


# 市和区、县卫生行政部门 / 市、县两级财政部门 / 设区的市、县(市、区)档案部门: bare levels before one body written
# once are that body at each level (市、县级人民政府… says 级 and names the law's one body)
_LEVEL = r"(?:设区的市|区县|乡镇|[省市州县区乡镇])(?:[(（](?:[省市州县区乡镇旗、]|自治){1,8}[)）])?"
_LEVEL_RUN_RE = re.compile(rf"(?:^|(?<=[、，,；;\s]))(?<![省市州县区乡镇]、)(?P<levels>{_LEVEL}(?:[、和及]{_LEVEL})+)"
                           r"(?:两级|三级|四级)?(?P<body>(?![级各(（省市州县区乡镇])[^、，,；;\s(（]{2,24})")


def _each_level(m: re.Match) -> str:
    levels = re.findall(_LEVEL, m.group("levels"))
    return "、".join(level + m.group("body") for level in levels)


def _split_units_uncached(s: str) -> list[Token]:
    # "…等区级部门及各镇街": 及/以及 join two items; 和 only between two whole names
    s = re.sub(r"以及|及(?=各|相关|有关|[区县市州省旗])", "、", s)
    s = _LEVEL_RUN_RE.sub(_each_level, s)
    # 城管执法、生态环境、公安等相关职能部门: 职能 says what kind of department they are, as 等部门 does
    s = re.sub(r"(?<=[\u4e00-\u9fff])等(有关|相关)?职能部门$", r"等\1部门", s.strip())
    # 市综合执法局、市生态环境局(按职能分工): how the list shares the work, not part of the last name
    s = re.sub(r"[（(]按(?:各自)?(?:职能|职责)(?:分工)?[）)]\s*$", "", s.strip())
    s = re.sub(r"(?<=部门|单位)和", "、", s)
    # 村民委员会或者村民小组 / 公安机关或者市场监管部门: either body of a rule, each of them named
    s = re.sub(r"(?<=[会局组府委办处室门位所站队院司心道镇乡村关])或者(?=[\u4e00-\u9fff]{2})", "、", s)
    # 各县、市、区政府: the levels of one collective written with 、 instead of brackets stay one name
    s = _LEVELS_GROUP_RE.sub(lambda m: m.group().replace("、", _KEEP), s)
    s = _AND_RE.sub(_split_and, s)
    # a flattened table glues two cells: 规划局市国土资源局
    s = _GLUED_RE.sub("、", s)
    # a list that ends a sentence keeps its full stop; a cell of dots only (..) stays as written
    parts = [p.strip(" \t\r\n　") for p in _split_outside_brackets(s, SEPARATORS + "\n")]
    parts = [(p.rstrip("。.") or p).replace(_KEEP, "、") for p in parts]
    parts = _glue_notes([q for p in parts if p for q in _split_spaced(p)])
    parts = _shared_suffix(_shared_level(_shared_organs(_shared_group(_levels_of_one_body(parts)))))
    parts = each_kind(_shared_office(parts))
    # glue 各县(市、区)政府 + 管委会 / 各乡镇 + 街道 back into one group phrase (各镇人民政府、街道办事处:
    # a town's government and a subdistrict office are the two kinds of body of that level, two groups)
    glued: list[str] = []
    for p in parts:
        bare = norm(p)
        if glued and GROUP_START_RE.match(norm(glued[-1])) and not (_GOVERNMENT_END_RE.search(norm(glued[-1])) and bare.startswith("街道")) and (
                bare in GROUP_CONTINUATIONS or re.sub(r"(主要领导|负责人|主要负责同志)$", "", bare) in GROUP_CONTINUATIONS):
            glued[-1] = glued[-1] + "、" + p
        elif glued and _BARE_LEVEL_GROUP_RE.match(norm(glued[-1])) and _LEVEL_GOVERNMENT_RE.match(bare):
            # 各县、区人民政府(管委会): 各县 alone is half of one group phrase
            glued[-1] = glued[-1] + "、" + p
        else:
            glued.append(p)
    glued = _bare_kind(_shared_each(_shared_prefix(glued)))
    tokens: list[Token] = []
    prev_prefix = None
    for p in glued:
        # 环境保护等行政主管部门 / 公安等管理部门: the list's 等 before the kind of department they all are
        p = _KIND_AFTER_DENG_RE.sub("", p) if not _UNIT_END_RE.search(p.split("等")[0]) else p
        t = TAIL_RE.sub("", p).strip()
        kind = re.search(r"部门|单位", p[len(t):])
        # 区科技局等区级有关部门: the named unit keeps its task, the bodies after 等 are nobody in particular
        tail = _CATCH_ALL_TAIL_RE.match(p[len(t):]) if t and _UNIT_END_RE.search(t) else None
        if kind and t and not _UNIT_END_RE.search(t):
            t += kind.group()       # 财政、环保、水利等有关部门: the last of bare kinds takes the word too
        t = ROLE_TAIL_RE.sub("", t).strip() if len(t) > 3 else t
        t = t or p      # a cell that is only a tail (等部门) is kept as written, never dropped
        is_group, relative = classify_group(t)
        tok = Token(t, is_group, relative, tail=tail.group() if tail and not is_group else "")
        if not is_group:
            own = level_prefix(t) or _own_level(t)
            if own:
                prev_prefix = own
            elif prev_prefix and (is_department_stem(t) or _looks_like_department(t)) and not re.search(r"[省市县区]委|党(?:\(工\)|（工）|工)?委$", t):
                tok.inherited = prev_prefix
        tokens.append(tok)
    return tokens


def _bare_kind(parts: list[str]) -> list[str]:
    """市直有关部门、单位: a bare 单位 (部门) after a name ending in the other is that name's kind of body too
    (市直有关单位, h6507), not a name of its own."""
    out = list(parts)
    for i in range(1, len(out)):
        kind = norm(out[i])
        other = {"单位": "部门", "部门": "单位"}.get(kind)
        prev = norm(out[i - 1])
        # (only after a relative kind, 市直有关部门 / 县级相关单位: 其他部门和单位 is one group of the rest)
        if other and re.search(rf"(?:有关|相关){other}$", prev) and not re.match(r"其[他它]", prev):
            out[i] = prev[:-len(other)] + kind
    return out


_KEEP = "\x00"
_KIND_AFTER_DENG_RE = re.compile(r"等(?:有关|相关)?(?=(?:行政)?(?:主管|管理)部门$|行政部门$)")
_LEVELS_GROUP_RE = re.compile(r"各[省市州县区旗乡镇](?:、[省市州县区旗乡镇](?:[(（〔][省市州县区旗乡镇、]{1,5}[)）〕])?){1,3}"
                              r"(?=(?:人民)?政府|党委|管委会)")
# Unit name endings, used to tell whole names from fragments (滁州海关, 市人行 are whole names too).
_BARE_LEVEL_GROUP_RE = re.compile(r"^各[省市州县区旗乡镇]{1,2}(?:[(（][省市州县区旗乡镇、]{1,5}[)）])?$")
_LEVEL_GOVERNMENT_RE = re.compile(r"^[省市州县区旗乡镇]{1,2}(?:人民)?政府(?:\([^)]*\))?$")
# 和 between two whole names splits them; not inside 党委和人民政府 / 党工委和管委会.
_AND_RE = re.compile(r"[）)]?和(?!人民政府|政府|管委会|管理委员会)")
_GLUED_RE = re.compile(r"(?<=[局委办站所队])(?=[区县市镇乡](?!场)[^、，,；;]{1,12}?(?:局|委|委员会|办|站|所|队|中心)(?:[、，,；;]|$))"
                       # 市场监督管理局各街道办事处: the places of a level glued on after an office
                       r"|(?<=[局委])(?=各(?:街道办事处|街道|乡镇人民政府|乡镇政府|乡镇)(?:[、，,；;]|$))")
_SHARED_SUFFIXES = ("党工委和管委会", "党委和人民政府", "人民政府", "管委会", "党(工)委", "党工委", "党委", "政府",
                    "行政主管部门", "主管部门", "部门", "单位", "街道办事处")
# 工商、公安等管理部门: after 等 the kind is all of theirs (交通运输、应急管理部门: 应急管理 is the last one's name)
_SHARED_AFTER_DENG = ("行政主管部门", "行政管理部门", "主管部门", "管理部门", "行政部门", "部门", "单位")
# 街道、镇党(工)委: the party committee of each level named before it
_PARTY_RE = re.compile(r"党(?:\(工\)|（工）|工)?委$")
_LEVEL_WORD_RE = re.compile(r"(?:街道|乡镇|镇|乡)$")
# a whole name: the banks, customs and the people's groups (妇联…) too, the level's own (区/县) and a closing bracket
_UNIT_END_RE = ending_re("海关", "学校", "(?<![大])[中小]学", "党校", "[银人分支]行", "单位", "集团", "区", "县", "组", "室", "厂", "社", "会", "部", "共青团", "企业",
                         "妇联", "残联", "侨联", "文联", after="[）)]?")
_SHARED_ZONE_RE = re.compile(r"[\u4e00-\u9fff]{0,6}(?:开发区|高新区|新区|园区|工业园|产业园)(?:党工委和管委会|管委会|党工委)")
# (浙江海事局, 国家税务总局…: a body named with its province or the state has no level to take from the name before)
_PLACE_RE = re.compile(r"园|公司|集团|中心|街道|指挥部|.[区县旗](?!级)|^(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|"
                       r"福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|国家|中国|中央|全国)")


# 宿马园区党工委、管委会 / 各区县城管大队、分局: a bare body word after a name of the same kind of body
_BODY_WORD = r"(?:党工委|党委|管委会|管理委员会|分局|大队|支队|中队|人民政府|政府)"
_BODY_WORD_RE = re.compile(_BODY_WORD)


_NAMED_BODY_RE = re.compile(r"(?P<pre>.{2,}?)" + _BODY_WORD)


def _name_before(parts: list[str], named: re.Pattern, bare: re.Pattern) -> list[str]:
    """A bare item (``bare``) after one written in full (``named``, its name in group pre) takes that name."""
    out = list(parts)
    for i in range(1, len(out)):
        m = named.fullmatch(norm(out[i - 1]))
        if m and bare.fullmatch(norm(out[i])):
            out[i] = m.group("pre") + out[i]
    return out


def _shared_prefix(parts: list[str]) -> list[str]:
    """宿马园区党工委、管委会 -> 宿马园区党工委、宿马园区管委会: the bare body word takes the name before it."""
    return _name_before(parts, _NAMED_BODY_RE, _BODY_WORD_RE)


# 各街道办事处、乡镇政府 / 各县(市)区街道办事处、乡镇政府: a bare body of a level after a name of each place's
# body of another level is each place's too (各乡镇政府, 各县(市)区乡镇政府)
_LEVEL_BODY = r"(?:(?:乡镇|乡|镇|街道)(?:人民)?政府|(?:街道)?办事处|村(?:[（(]居[）)])?委会|社区居委会)"
_EACH_BODY_RE = re.compile(r"(?P<pre>各[^、，,；;]{0,8}?)" + _LEVEL_BODY)


_LEVEL_BODY_RE = re.compile(_LEVEL_BODY)


def _shared_each(parts: list[str]) -> list[str]:
    return _each_place(_name_before(parts, _EACH_BODY_RE, _LEVEL_BODY_RE))


# 各乡(镇)、街 / 各县、区: one 各 before places of several levels is each level's
_EACH_PLACE_RE = re.compile(r"各(?:[省市州县区旗乡镇街村居]|街道|乡镇|社区)(?:[(（][^)）]{1,6}[)）])?")
_BARE_PLACE_WORD_RE = re.compile(r"[省市州县区旗乡镇街村居]|街道|乡镇|社区")


def _each_place(parts: list[str]) -> list[str]:
    out = list(parts)
    for i in range(1, len(out)):
        if _EACH_PLACE_RE.fullmatch(norm(out[i - 1])) and _BARE_PLACE_WORD_RE.fullmatch(norm(out[i])):
            out[i] = "各" + out[i]
    return out


def _split_and(m: re.Match) -> str:
    """Split at 和 only between two whole names (开发区和属地乡镇), not inside 发展和改革委员会."""
    before = re.split(r"[、，,；;]", m.string[:m.start()])[-1]
    before = re.sub(r"[（(][^）)]*$", "", before)
    if not _UNIT_END_RE.search(before):
        return m.group()
    rest = m.string[m.end():]
    nxt = re.split(r"[、，,；;]", rest, maxsplit=1)[0]
    nxt = re.sub(r"[（(][^）)]*[）)]$", "", nxt)
    if _UNIT_END_RE.search(nxt) or nxt.endswith("等") or _STEMS_SHARING_KIND_RE.match(rest):
        return m.group().replace("和", "、")
    return m.group()


# 各级政府和经贸、供销等部门: after a whole name, stems that share the kind the list ends with after 等
_STEMS_SHARING_KIND_RE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,6})+等(?:有关|相关)?(?:部门|单位)")


# 塔城市、额敏县、裕民县党委、人民政府: the Party committee and the government of each place before them
_PLACE_ORGAN_RE = re.compile(r"^(?P<place>[\u4e00-\u9fff]{1,8}?[市县区旗])(?P<organ>党委|党工委|委员会)$")
_BARE_PLACE_RE = re.compile(r"^[\u4e00-\u9fff]{1,8}[市县区旗]$")


def _levels_of_one_body(parts: list[str]) -> list[str]:
    """市、县级人民政府水行政主管部门: bare levels before one that says 级 are the levels of one
    body the law names once (the body at each level), not a unit called 市."""
    out: list[str] = []
    bare = 0        # how many bare levels (县 / 乡级) end out: 县、乡级、村级河长 is the chiefs of three levels
    for p in parts:
        if bare and re.match(r"[省市州县区乡镇村]级.", norm(p)):
            out[-bare:] = ["、".join(out[-bare:] + [p])]
            bare = 0
        else:
            out.append(p)
            bare = bare + 1 if re.fullmatch(r"[省市州县区乡镇村]级?", norm(p)) else 0
    return out


_LEVEL_ORGAN_RE = re.compile(r"^(?P<level>乡镇|[省市州县区旗乡镇])(?P<organ>党委|党工委)$")
# 州县工会、共青团、妇联: the people's organisations of the level named before the first
_MASS_ORGS = ("工会", "共青团", "妇联", "残联", "科协", "文联", "侨联", "工商联", "红十字会", "团委")
_LEVELLED_ORG_RE = re.compile(r"^(?P<level>[省市州县区旗](?:[省市州县区旗](?![场政]))*)(?P<org>" + "|".join(_MASS_ORGS) + ")$")


def _shared_organs(parts: list[str]) -> list[str]:
    """A list of bare place names whose last carries 党委、人民政府 (the pair split by 、): each
    place's 党委 and 人民政府, as the list means (not a 人民政府 with no place); the same of bare levels
    (县、乡党委、政府: each level's 党委 and 政府, h7803); a level's mass organisations after the first."""
    out = list(parts)
    for i in range(len(out) - 1):
        lv = _LEVEL_ORGAN_RE.match(norm(out[i]))
        if lv and norm(out[i + 1]) in ("人民政府", "政府"):
            k = i
            while k > 0 and (m0 := _LEVEL_ORGAN_RE.match(norm(out[k - 1]))) and m0.group("organ") == lv.group("organ"):
                k -= 1
            levels = [_LEVEL_ORGAN_RE.match(norm(x)).group("level") for x in out[k:i + 1]]
            return (out[:k] + [x + lv.group("organ") for x in levels] + [x + norm(out[i + 1]) for x in levels]
                    + out[i + 2:])
        org = _LEVELLED_ORG_RE.match(norm(out[i]))
        if org and i + 1 < len(out) and norm(out[i + 1]) in _MASS_ORGS:
            k = i + 1
            while k < len(out) and norm(out[k]) in _MASS_ORGS:
                out[k] = org.group("level") + norm(out[k])
                k += 1
    for i in range(len(out) - 1):
        m = _PLACE_ORGAN_RE.match(norm(out[i]))
        if not m or norm(out[i + 1]) not in ("人民政府", "政府"):
            continue
        k = i
        while k > 0 and _BARE_PLACE_RE.match(norm(out[k - 1])):
            k -= 1
        places = [norm(x) for x in out[k:i]] + [m.group("place")]
        pairs = [p + organ for p in places for organ in (m.group("organ"), norm(out[i + 1]))]
        return out[:k] + pairs + out[i + 2:]
    return out


# 各有关乡镇区及部门 / 各乡镇和单位: the bare kind after a group is that group's kind (各有关部门), not a name
_GROUP_WORDS_RE = re.compile(r"^各(?:有关|相关)?")


def each_kind(parts: list[str]) -> list[str]:
    out = list(parts)
    for i in range(1, len(out)):
        m = _GROUP_WORDS_RE.match(norm(out[i - 1]))
        if m and norm(out[i]) in ("部门", "单位"):
            out[i] = m.group() + out[i]
    return out


def _shared_office(parts: list[str]) -> list[str]:
    """市发改、经贸等局 -> 市发改局、经贸局: the bare stems before 'X等局' (委, 办) are offices of that kind too."""
    m = re.fullmatch(r"(?P<stem>[\u4e00-\u9fff]{1,8})等(?P<word>局|委|办)", norm(parts[-1])) if len(parts) > 1 else None
    if not m or any(_UNIT_END_RE.search(norm(p)) or GROUP_START_RE.match(norm(p)) for p in parts[:-1]):
        return parts
    return [p + m.group("word") for p in parts[:-1]] + [m.group("stem") + m.group("word")]


# 各级科技、扶贫部门 / 市教育、卫生部门 / 县发改、财政等部门: a level written once before bare stems whose kind the
# last one carries is every stem's level and kind (各级科技部门、各级扶贫部门)
# (县(市、区)组织、财政、农业农村部门: the level with the levels it includes in brackets, h5503)
# (州县发展改革、教育部门: the levels 州 and 县 together are the one level of every item, h7804; not 县市场监管)
_LEVEL_HEAD_RE = re.compile(r"^(?:各级|各地|[省市县区]级|[省市州县区旗](?:[省市州县区旗](?![场政]))*(?:[（(][省市州县区旗乡镇、]{1,8}[）)])?)"
                            r"(?=[\u4e00-\u9fff]{2,6}$)")
# a stem with a level of its own (县财政, 各乡镇), not 市场监管 / 市政
_LEVELLED_RE = re.compile(r"^(?:各|[省市州县区旗](?!场|政))")
_BARE_STEM_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}$")     # (人力资源社会保障: eight characters, h7804)
_KIND_TAIL_RE = re.compile(r"^(?P<stem>[\u4e00-\u9fff]{2,6}?)(?:等(?:有关|相关)?)?(?P<kind>(?:行政)?(?:主管)?部门)$")


def _shared_level(parts: list[str]) -> list[str]:
    out = list(parts)
    i = 0
    while i < len(out):
        head = _LEVEL_HEAD_RE.match(out[i])
        stem = out[i][head.end():] if head else ""
        # (the first stem of the run: 区农业农村、市场监管…部门 has no level 市 in its second item)
        after_stem = i > 0 and not _UNIT_END_RE.search(out[i - 1])
        if not head or after_stem or _UNIT_END_RE.search(stem) or GROUP_START_RE.match(stem):
            i += 1
            continue
        k = i + 1
        while k < len(out) and _BARE_STEM_RE.match(out[k]) and not _UNIT_END_RE.search(out[k]) \
                and not _KIND_TAIL_RE.match(out[k]) and not _LEVELLED_RE.match(out[k]):
            k += 1
        tail = _KIND_TAIL_RE.match(out[k]) if k < len(out) and k > i else None
        if tail is None or _LEVELLED_RE.match(tail.group("stem")):
            i += 1
            continue
        level, kind = head.group(), tail.group("kind")
        out[i] = level + stem + kind
        for x in range(i + 1, k):
            out[x] = level + out[x] + kind
        out[k] = level + tail.group("stem") + kind
        i = k + 1
    return out


# 重大平台、县级有关部门: a group of whatever offices concern it shares its 部门 with no name before it
_LEVEL_RELATIVE_RE = re.compile(r"(?:[省市县区乡镇]级|[省市县区]直)各?(?:有关|相关|其他|其它)")
_LONE_LEVEL_RE = re.compile(r"(?:自治区|直辖市|自治州|自治县|[省市州县区旗]|乡镇|乡|镇|街道)(?:[（(][^）)]{1,8}[）)])?")


_PLACE_GOV_RE = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,3}?)(?P<level>[县区市旗乡镇](?:人民)?政府)")


def _shared_suffix(parts: list[str]) -> list[str]:
    """市政、环保部门 -> 市政部门、环保部门; 示范区、高新区党工委和管委会 -> both 党工委和管委会."""
    out = list(parts)
    for i in range(len(out) - 2, -1, -1):
        a, b = norm(out[i]), norm(out[i + 1])
        # 市、区、镇人民政府(街道办事处): the last name's own bracket is not part of the shared word
        core = re.sub(r"[（(][^）)]*[）)]$", "", b)
        # 环境保护、环境卫生行政主管等相关部门: the list's tail (等相关) is not part of the shared word
        kinds = _SHARED_AFTER_DENG if re.search(r"等(?:有关|相关)?(?:行政)?(?:主管|管理)?部门$", core) else _SHARED_SUFFIXES
        core = re.sub(r"等(?:有关|相关)?(?=(?:行政)?(?:主管|管理)?部门$|单位$)", "", core)
        suffix = next((x for x in kinds if core.endswith(x) and len(core) > len(x)), None)
        # 市供销社,各县(区)政府: a group phrase's 政府 is its own, not shared with the item before
        if suffix is None or GROUP_START_RE.match(a) or RELATIVE_RE.match(a) or GROUP_START_RE.match(b) \
                or _LEVEL_RELATIVE_RE.match(b):
            continue
        bare = not _UNIT_END_RE.search(a)
        lone = _LONE_LEVEL_RE.fullmatch(a)
        if suffix == "街道办事处" and (lone or _LEVEL_WORD_RE.search(a) or len(a) < 2):
            continue        # 竹阳、白塔街道办事处: place names share it (乡镇、街道办事处 are two kinds of body)
        own = _LONE_LEVEL_RE.match(b) if lone else None
        if own and own.end() < len(b) and b[own.end():] not in ("部门", "单位"):
            # 市、区(县、市)、街道(乡镇)财政部门: levels written once before the body each of them has
            out[i] = out[i] + b[own.end():]
            continue
        party = _PARTY_RE.search(suffix)
        place = re.search(r"[区县市旗]$", a) and suffix not in ("部门", "单位") and not party \
            or party and _LEVEL_WORD_RE.search(a)
        # 临汾、侯马、洪洞经济开发区管委会: bare place names of the last one's length share its
        # zone as well as its 管委会 (临汾经济开发区管委会)
        zone = _SHARED_ZONE_RE.fullmatch(core[len(a):]) if bare and len(a) <= 4 else None
        # 中宁、海原县政府: a bare place name of the last one's length shares its level with its government
        # (中宁县政府, not 中宁政府, h6305)
        gov = _PLACE_GOV_RE.fullmatch(core) if bare and 2 <= len(a) <= 3 else None
        if gov and len(gov.group("place")) == len(a) and not re.search(r"[区县市旗乡镇]$", a):
            out[i] = a + gov.group("level")
            continue
        if zone:
            out[i] = out[i] + core[len(a):]
        elif bare or place:
            out[i] = out[i] + suffix
    return out


# 市级和各县(市、区) / 各县(市、区): a group of levels written once before the departments it applies to
_GROUP_PREFIX_RE = re.compile(r"^(?:[省市县区]级和)?各[省市州县区乡镇]{1,2}[（(][^）)]{1,8}[）)]")
_LEVEL_GOV_RE = re.compile(r"^[省市州县区乡镇]{1,2}[（(][^）)]{1,8}[）)](?P<gov>(?:人民)?政府)$")


def _shared_group(parts: list[str]) -> list[str]:
    """各县(市、区)、乡(镇)政府 -> 各县(市、区)政府、各乡(镇)政府; 各县(市、区)市政、工商等部门 -> each
    各县(市、区)X部门: the group of levels before the first stem is written once for the bare stems
    after it, up to the one that carries the shared word (部门/单位)."""
    out = list(parts)
    i = 0
    while i < len(out):
        m = _GROUP_PREFIX_RE.match(out[i])
        if not m:
            i += 1
            continue
        prefix, stem = out[i][:m.end()], out[i][m.end():]
        lone = _LEVEL_GOV_RE.match(out[i + 1]) if i + 1 < len(out) and not stem else None
        if lone:
            out[i] += lone.group("gov")
            out[i + 1] = "各" + out[i + 1] if prefix.startswith("各") else out[i + 1]
            i += 2
            continue
        k = i + 1
        while k < len(out) and len(out[k]) <= 10 and not _UNIT_END_RE.search(out[k]) and not GROUP_START_RE.match(out[k]):
            k += 1
        word = re.search(r"(部门|单位)$", out[k]) if k < len(out) and not GROUP_START_RE.match(out[k]) else None
        if not stem or word is None or (k == i + 1 and _UNIT_END_RE.search(stem)):
            i += 1
            continue
        if not _UNIT_END_RE.search(stem):
            out[i] += word.group()
        for x in range(i + 1, k + 1):
            out[x] = prefix + out[x] + ("" if x == k else word.group())
        i = k + 1
    return out


def _own_level(name: str) -> str | None:
    s = norm(name)
    if s.startswith("自治区") and _looks_like_department(s[3:]):
        return "自治区"     # 自治区农业农村厅、自然资源厅: the region's level, as 省 is a province's
    for m in _PLACE_END_RE.finditer(s, 2):
        if m.end() <= 9 and is_department_stem(s[m.end():]):
            # 银川市市场监督管理局、工业和信息化局: a named place written once before the departments it has
            return s[:m.end()]
    if s and s[0] in LEVEL_PREFIXES and not s.startswith("市场") and _looks_like_department(s[1:]):
        return s[0]
    return None


_PLACE_END_RE = re.compile(r"[省市州县区旗盟]")


def _looks_like_department(s: str) -> bool:
    """城乡建设局, 工业和信息化委, 卫生厅: an office of some level, not a named body (乐都工业园管委会)."""
    s = norm(s)
    return bool(re.search(r"(?:局|委|委员会|厅)$", s)) and not _PLACE_RE.search(s) and len(s) <= 12


def split_persons(text) -> list[str]:
    """责任人 lists split the same way, so that they line up with the units."""
    return [t.text for t in split_units(text)]


# the bodies of a level a group phrase names (各县(市、区)党委和人民政府): the level's units themselves
_BODY_WORDS = "党委和人民政府|党委和政府|党委政府|党委|人民政府|政府"


def group_kinds(phrase: str) -> tuple[set[str] | None, bool]:
    """Kinds a group phrase covers, e.g. 各县(市、区)政府、管委会 -> {县, 县级市, 区, 管委会}.
    Returns (None, relative) when it cannot be expanded by kinds."""
    s = norm(phrase)
    relative = bool(RELATIVE_RE.match(s))
    s = RELATIVE_RE.sub("", s)
    s = GROUP_START_RE.sub("", s)
    # 区级各部门 / 区政府各部门: every department of the level (区级部门)
    s = re.sub(r"^(?:[省市州县区乡镇]级|[省市县区]直|[省市州县区](?:人民)?政府)各(?=部门$)", "", s)
    # 各县、市、区政府 / 各县、市、区党委和人民政府: the levels of one collective written with 、 (trial 35)
    s = re.sub(rf"^[县市区旗](?:、[县市区旗])+(?=(?:{_BODY_WORDS})?$)", lambda m: m.group().replace("、", ""), s)
    kinds: set[str] = set()
    for part in _split_outside_brackets(s, "、,"):
        # (a county's 党委和人民政府 answer as the county: the 名录 has one unit a county)
        core = re.sub(rf"({_BODY_WORDS}|主要领导|负责人)$", "", part)
        core = GROUP_START_RE.sub("", core)
        k = GROUP_KINDS.get(core) or _bracketed_kinds(core)
        if k is None:
            return None, relative
        kinds |= k
    return (kinds or None), relative


# 各镇(街道、园区): the kinds in the bracket are covered too (a 园区 is run by its 管委会)
_BRACKET_KINDS = {**GROUP_KINDS, "园区": {"管委会"}, "功能区": {"管委会"}}


def _bracketed_kinds(core: str) -> set[str] | None:
    m = re.fullmatch(r"(?P<head>[^()]+)\((?P<inner>[^()]+)\)", core)
    if not m:
        return None
    kinds: set[str] = set()
    for word in [m.group("head")] + re.split(r"[、,]", m.group("inner")):
        k = _BRACKET_KINDS.get(word)
        if not k:
            return None
        kinds |= k
    return kinds


def group_label(phrase: str) -> str:
    """The form a group phrase and a 单位名录 「分组」 are compared in: 各办事处 = 办事处, 区级各部门 = 区级部门,
    区安委会各成员单位 = 区安委会成员单位 (the list and the 名录 write 各 or leave it out)."""
    s = re.sub(r"^(各|全体|所有|全)", "", norm(phrase))
    s = re.sub(r"(人民政府|政府)$", "", s)
    return re.sub(r"各(?=(?:部门|单位|成员单位)$)", "", s)
