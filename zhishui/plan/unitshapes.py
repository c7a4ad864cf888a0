"""Unit names known by their shape when nothing separates them (教育局经开区高新园(邹区镇)各街道),
or separated (县水务局、县住建局) as far as the items read as units."""
from __future__ import annotations

import re

from .attributions import VERB_RE, looks_like_unit, looks_like_unit_list
from ..unitwords import ending_re

# a shorter name ending in one of these would leave a bare suffix behind (高新区|管委会): not a cut
BARE_SUFFIX_RE = re.compile(r"^(?:门|员会|管委会|管理委员会|办事处|人民政府|政府|委员会|分局|党委|党工委|工委|街道办|办公室|办|局|委)")
# where a name run together with the next one may end: a park (高新园) and a league (团/联) too
UNIT_END_RE = ending_re("单位", "集团", "区", "县", "组", "室", "部", "会", "处", "科", "社区", "村", "司", "园", "联", "团")
LEVEL_START_RE = re.compile(r"[省市州县区镇乡]|各|属地|相关|有关")


def split_units_by_shape(text: str) -> tuple[list[str], int]:
    """Unit names written one after another with nothing between (教育局经开区高新园(邹区镇)各街道)
    -> (names, where the run stops): each name is the shortest piece ending like a unit name
    (a bracket after it stays with it) that does not leave a bare suffix behind."""
    names: list[str] = []
    pos = 0
    while pos < len(text):
        if VERB_RE.match(text, pos) or text[pos] in "。；;，,":
            break
        cut = None
        depth = 0
        for j in range(pos + 1, min(len(text), pos + 20) + 1):
            ch = text[j - 1]
            depth += ch in "(（"
            depth -= ch in ")）"
            if depth > 0:
                continue
            piece = text[pos:j]
            if j < len(text) and text[j] in "(（":
                continue                     # 高新园(邹区镇): the bracket belongs to the name
            core = re.sub(r"[（(][^）)]*[）)]$", "", piece)
            if len(core) < (3 if core[-1:] in tuple("市区县镇乡村") else 2) or not UNIT_END_RE.search(core):
                continue
            if BARE_SUFFIX_RE.match(text[j:]):
                continue
            if re.search(r"[\d，,。；;、：:是]", piece):      # (…机构同时是各级禁毒委员会的…: 是 is in no name)
                break
            if looks_like_unit(piece) or core[-1] == "园" and len(core) <= 8:
                cut = j
                break
        if cut is None:
            break
        names.append(text[pos:cut])
        pos = cut
    return names, pos


def units_at(s: str, q: int) -> tuple[list[str], int]:
    """The unit names written from q on: a list with separators (县水务局、县住建局) as far as its
    items read as units, or names run together (教育局经开区各街道) cut by their shape."""
    s = s[:q + 400]                         # a unit cell is not longer than that
    names, pos = [], q
    while pos < len(s):
        m = re.match(r"[^、，,；;。\d]+", s[pos:])
        item = m.group() if m else ""
        listed = re.search(r"[、，,]", s[q:q + 60]) is not None
        if item and looks_like_unit_list(item) and (listed or not split_units_by_shape(item)[0][1:]):
            got, end = [item], len(item)
        else:
            got, end = split_units_by_shape(s[pos:])
        if not got:
            break
        names.extend(got)
        pos += end
        if pos >= len(s) or s[pos] not in "、，," or end < len(item):
            break
        pos += 1
    if pos > q and s[pos - 1] in "、，,":
        pos -= 1
    return ["、".join(names)] if len(names) > 1 and re.search(r"[、，,]", s[q:pos]) else names, pos


def strong_unit_start(s: str, q: int) -> bool:
    """A unit name begins at q inside text only when it starts like one (县/市… or 各/属地…) and
    reads as an office (…局/委), not as a place or a thing (县残疾人综合服务中心)."""
    from ..unitnames import _looks_like_department
    if not LEVEL_START_RE.match(s, q):
        return False
    names, _ = split_units_by_shape(s[q:q + 40])
    return bool(names) and (_looks_like_department(names[0]) or bool(re.match(r"各|属地", names[0])))


def office_like(names: list[str]) -> bool:
    from ..unitnames import _looks_like_department
    first = names[0]
    return "、" in first or _looks_like_department(first) or bool(re.match(r"各|属地", first)) \
        or bool(re.search(r"政府|管委会|办公室|中心|公司|街道|办事处", first))
