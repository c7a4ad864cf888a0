"""What each column of a responsibility table holds, read from its header words and its cells.

One understanding of tables for every reader: the list reader (spreadsheets)
and the plan importer (tables inside Word/PDF) both call ``analyse`` with a
plain grid, however they got it.

API
---
``analyse(rows, merges=(), *, directory=None, mapping=None) -> Layout | None``

- ``rows``: list of rows, each a list of cell texts (``str``; ``None``/numbers
  are turned into text).  Row 0 / column 0 is the table's top-left cell (for a
  sheet: A1).  Title rows above the table are fine.
- ``merges``: merged ranges as ``(r0, c0, r1, c1)``, 0-based, inclusive.  A
  merged cell's text counts for every cell it covers (so a category or a unit
  written once over several rows belongs to each of them).
- ``directory``: a ``zhishui.directory.Directory``; names that resolve in it
  count as unit names (without one, names are judged by their form).
- ``mapping``: the clerk's correction, role -> 0-based column; those columns
  take those roles whatever the scores say (see ``parse_mapping``).

``Layout`` says where the header is (``header_first``/``header_last``, the data
starts at ``header_last + 1``), which column holds which role (``roles``:
role -> column), which columns are kept as extra fields of the task
(``extras``: column -> header text), the combined header words of every
column (``headers``), per-column scores (``scores``), the choices that were
not clear-cut (``ambiguities``) and the header ``signature`` that a remembered
mapping is keyed by.  ``None`` means no row looks like a header of a task table.

Roles: seq 序号, category 类别/重点任务, content 任务内容, deadline 完成时限,
lead 牵头单位, responsible 责任单位, person 责任人, cooperating 配合/协助单位;
every other column with a header is an extra field (工程目的, 考核河流,
投资估算 …), shown with the task and kept, never dropped.

How a column earns a role: its header words (vocabulary below, gathered from
real lists, combined over a two-row header and merged header cells) and what
its cells hold: sequence numbers, unit names (directory hits or names shaped
like units: …局, …委, …办, …政府, 各镇街 …), deadline expressions the deadline
parser understands, person names, long task text, and plain numbers (money,
areas, counts) that are none of these.  Header evidence decides between the
unit roles (a cell cannot say whether a unit leads or helps); content decides
when the header says nothing, and overrules a header whose column plainly
holds something else.

To read the rows as tasks too, wrap the grid in
``zhishui.workbook_reader.Grid(name, rows, merges)`` and call
``zhishui.listreader.read_list_sheet(grid, file, directory=..., mapping=...)``
(it calls ``analyse`` itself and reads the rows as a person does: merged
cells carried down, continuation rows, category rows, extras kept).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .hanzi import simplified
from .rolewords import label_field
from .unitnames import norm, split_units
from .unitwords import ending_re

ROLES = ("seq", "category", "content", "deadline", "lead", "responsible", "person", "cooperating")
UNIT_ROLES = ("lead", "responsible", "cooperating")
ROLE_CN = {"seq": "序号", "category": "类别", "content": "内容", "deadline": "时限", "lead": "牵头",
           "responsible": "责任", "person": "责任人", "cooperating": "配合", "extra": "附加"}

# Header vocabulary: role -> words.  Exact match scores 1.0; a header that
# starts or ends with a word scores 0.85 (牵头单位及责任人, 具体工作内容).
VOCAB = {
    "seq": ("序号", "编号", "序", "任务编号", "任务序号", "no", "no.", "项目编号"),
    "category": ("重点任务", "任务类别", "重点工作", "主要任务", "任务名称", "类别", "分类", "整改事项",
                 "工作类别", "重点领域", "问题类别", "任务分类", "工作事项", "领域", "板块", "专项行动",
                 "工程类别", "项目类别", "行动", "类型"),
    "content": ("具体举措", "工作具体内容", "整改措施", "具体内容", "工作内容", "任务内容", "具体任务",
                "工作措施", "主要内容", "具体措施", "整改任务", "任务", "目标任务", "主要工作", "工作要求",
                "整改内容", "任务措施", "工作任务内容", "具体工作", "推进措施", "举措", "工作任务", "具体要求",
                "工程名称", "项目名称", "工程类别与名称", "项目内容", "建设内容", "考核目标", "年度考核目标",
                "年度目标", "全年目标任务", "目标", "细化措施", "考核项目", "重点工作", "工作目标",
                "指标", "考核指标", "问题", "存在问题", "问题描述", "问题具体情况", "整改目标", "工作内容及要求",
                "建设任务", "事项", "督办事项", "实事项目", "项目", "主要任务", "河湖名称", "名称", "措施",
                # a department's duty list (序号 | 部门 | 职责分工): the duties are the tasks
                "职责分工", "主要职责", "工作职责", "职责内容", "职责任务", "职责",
                # a target table (目标名称 | 工作标准 | 牵头单位): the standard each row sets is the task
                "工作标准"),
    "deadline": ("完成时限", "工作完成期限", "完成期限", "整改时限", "时限", "完成时间", "时间节点",
                 "办结时限", "时间要求", "完成时间节点", "期限", "整改期限", "时间安排", "时限要求",
                 "达标期限", "完成年限", "计划节点", "建设年限", "实施时间", "进度安排", "计划完成时间",
                 "计划完成整治时间", "整治时限", "完成时限要求", "时间", "时间进度"),
    "lead": ("牵头单位", "牵头部门", "牵头", "牵头责任单位", "牵头领导单位", "主办单位", "主责单位",
             "责任单位或牵头单位", "牵头单位(部门)"),
    "responsible": ("责任单位", "责任部门", "负责单位", "负责部门", "承办单位", "实施单位", "落实单位", "责任主体", "主体责任单位",
                    "具体责任单位", "主责部门", "负责落实", "负责落实单位", "责任城市", "责任主体与协同单位",
                    "负责考核单位", "实施主体", "建设单位", "责任乡镇", "属地责任单位", "承担单位", "主责单位",
                    "涉及部门", "相关部门", "部门", "部门名称", "职能部门", "单位名称", "责任分工"),
    "person": ("责任人", "负责人", "责任领导", "分管领导", "具体责任人", "河长", "湖长", "河(湖)长", "包保领导",
               "牵头领导", "联系领导", "责任人及职务", "河湖长", "牵头负责领导", "责任领导及职务", "分管负责同志"),
    "cooperating": ("配合单位", "配合部门", "协办单位", "参与单位", "协助单位", "协同单位", "配合", "协助",
                    "参与", "协办", "协作单位", "参与部门", "协助部门"),
}
# Second choices for headers that name two roles in practice (主责单位 leads
# unless a 牵头 column exists, then it is the responsible unit).
# 负责单位 is the unit that does the task (X负责，Y配合), unless the table also names the units
# that carry it out (负责落实单位): then it is the lead.
SECONDARY = {"主办": ("lead", 1.0),    # 责任单位 over 主办 | 协办 (a 督办台账): 主办 is the 主办单位, it leads
             "主责单位": ("responsible", 0.8), "负责单位": ("lead", 0.8), "负责部门": ("lead", 0.8), "主要任务": ("content", 0.7),
             "重点工作": ("content", 0.7), "重点任务": ("content", 0.7), "任务名称": ("content", 0.75),
             "项目": ("category", 0.5), "考核项目": ("category", 0.5)}
GIVES_WAY_TO_RESPONSIBLE = ("负责单位", "负责部门")
# Words that mark a column as data about the task, not a role.
EXTRA_WORDS = ("目的", "投资", "万元", "资金", "估算", "河流", "断面", "水体", "水质", "面积", "长度", "规模",
               "类型", "级别", "备注", "进展", "推进情况", "完成情况", "情况", "分值", "得分", "评分", "标准分",
               "标准", "地点", "位置", "区域", "所在", "电话", "职务", "现状", "是否", "进度", "说明", "依据",
               "省份", "地区", "交接", "超标", "关系", "来源", "考核类别",
               "对象")      # (检查对象 / 服务对象: whom the work is done to, never who does it, h6104)

# headers read by their ending where the lists above have not the whole word: who does it (检查主体, 执法主体: the
# body a plan of inspections names; a 股室 / 责任科室 column stays a column of its own, kept as it is), what is done (检查内容, 整治事项) and by when (计划开展时间, 办结日期)
MEANT_BY_ENDING = (
    ("responsible", re.compile(r"^[\u4e00-\u9fff]{0,4}(?:检查|执法|监管|实施|执行|工作|整改|建设|管理|责任)主体$"), 0.9),
    ("content", re.compile(r"^[\u4e00-\u9fff]{0,4}(?:内容|措施|事项)$"), 0.85),
    ("deadline", re.compile(r"^[\u4e00-\u9fff]{0,4}(?:开展|完成|办结|实施|整改|截止)(?:时间|日期|时限|期限)$"), 0.85),
)

# a cell of a unit column: a place's name (市/区/县/村) or a 专班 is a unit there too
UNIT_SUFFIX_RE = ending_re("集团", "部", "处", "室", "团", "社", "专班", "市", "区", "县", "旗", "单位", "镇街", "村", "社区",
                           "工委", "党委", "法院", "检察院", "海关", "银行", "支队", "大队", "司", "机构", "会")
HEADING_NO_RE = re.compile(r"^\s*([一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[）)])")
PERSON_RE = re.compile(r"^[\u4e00-\u9fa5]{2,4}$")
SEQ_RE = re.compile(r"^\s*(\d{1,4}(\.\d{1,3})*|[（(]?[一二三四五六七八九十]{1,3}[)）、.]?|[①-⑳])\s*[.、．]?\s*$")
NUMBER_RE = re.compile(r"^[\s\d.,，%‰≥≤<>＜＞~～\-—/+万亿元个座处公里米千平方吨kmKM]+$")
DATEISH_RE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|月底|长期|持续|每年|每月|每季|立即|前完成|之前|完成$|已完成|"
                        r"\d{4}[-./]\d{1,2}|适时|季度|上半年|下半年|年内")
TASKY_RE = re.compile(r"[，,。；;：:]|(开展|推进|加强|完善|建立|实施|完成|落实|强化|推动|建设|整治|编制|组织|提升|"
                      r"开展|健全|严格|全面|确保|加快|深化|治理|改造|消除|达到|控制)")


def cell_str(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


@lru_cache(maxsize=8192)
def header_key(text: str) -> str:
    # (責任單位 / 完成時限: a table copied from a page a site converted to traditional characters)
    s = norm(simplified(text)).lower()
    return re.sub(r"[*＊:：\s]", "", s)


def _word_scores(text: str) -> dict:
    """role -> score from one header text."""
    s = header_key(text)
    out: dict[str, float] = {}
    if not s:
        return out
    core = re.sub(r"\(.*?\)", "", s) or s
    for role, words in VOCAB.items():
        best = 0.0
        for w in words:
            if s == w or core == w:
                best = 1.0
                break
            if len(w) >= 2 and (core.startswith(w) or core.endswith(w)):
                best = max(best, 0.85 if len(w) >= 3 or len(core) <= 4 else 0.75)
            elif len(w) >= 3 and w in core:
                best = max(best, 0.6)
        if best:
            out[role] = best
    for w, (role, sc) in SECONDARY.items():
        if core == w:
            out[role] = max(out.get(role, 0), sc)
    # a unit label built the way every office builds one (qualifier, role stem, unit noun: 牵头责任部门,
    # 主办部门, 协同单位), whatever words the list above has collected; not 责任科室 / 主办处室, a section
    # inside the lead office that the list keeps as a column of its own
    built = label_field(core)
    if built in ("lead", "responsible", "cooperating") and out.get(built, 0) < 1.0 and not re.search(r"科室|处室$", core):
        out[built] = 1.0
    for role, rx, sc in MEANT_BY_ENDING:
        # 检查主体 / 计划开展时间 / 检查内容 / 股室: a header no list above has, read by what its words mean
        if rx.search(core) and out.get(role, 0) < sc:
            out[role] = sc
    ends_as_task = any(core.endswith(w) for w in ("目标", "任务", "措施", "内容", "名称", "事项", "问题"))
    if any(w in core for w in EXTRA_WORDS) and not ends_as_task:
        # "工程目的", "投资估算", "考核河流": data about the task, not the task
        strong = {r: v for r, v in out.items() if v >= 1.0}
        out = strong or {}
        out.setdefault("extra", 0.9)
    return out


def header_role(text: str) -> str | None:
    """The role one header cell names by its words alone (score 0.85 or more), or None;
    for readers that must find a header before any content is known (plans flattened
    one cell per line)."""
    scores = {r: v for r, v in _word_scores(text).items() if r != "extra" and v >= 0.85}
    return max(scores, key=scores.get) if scores else None


def header_scores(words: list[str]) -> dict:
    """Scores from the words of a (possibly two-row) header: the lower row is
    the more specific one (责任单位 over 牵头单位 / 协助单位)."""
    out: dict[str, float] = {}
    for i, w in enumerate(words):
        for role, sc in _word_scores(w).items():
            sc = sc if i == len(words) - 1 else sc * 0.8
            out[role] = max(out.get(role, 0), sc)
    if len(words) > 1:
        low = _word_scores(words[-1])
        if low and "extra" not in low:
            out = {r: v for r, v in out.items() if r in low or r == "extra" and False} or out
            out.update(low)
    return out


# --- what the cells hold ---------------------------------------------------

def looks_like_unit(token: str, directory=None) -> bool:
    t = norm(token)
    if not t or len(t) > 30 or len(t) < 2:
        return False
    if directory is not None and directory:
        if directory.get(t) is not None:
            return True
    if re.match(r"^(各|全体|所有|相关|有关)", t):
        return True
    t = re.sub(r"\(.*?\)$", "", t)
    return bool(UNIT_SUFFIX_RE.search(t)) and not TASKY_RE.search(t[:-1] if len(t) > 6 else "")


def unit_share(text: str, directory=None) -> float:
    """Share of the names in a cell that look like units (0 when it is prose)."""
    if not text or len(text) > 120:
        return 0.0
    parts = []
    for p in re.split(r"[\s\u3000]+", text):
        parts.extend(tok.text for tok in split_units(p))
    if not parts:
        return 0.0
    return sum(looks_like_unit(p, directory) for p in parts) / len(parts)


def deadline_like(text: str) -> bool:
    if not text or len(text) > 40:
        return False
    if not DATEISH_RE.search(text):
        return False
    from .deadlines import parse_deadline
    d = parse_deadline(text)
    return bool(d.due or d.ongoing or d.recurrence or d.immediate or d.conditional or d.start or d.milestones)


@dataclass
class Profile:
    filled: float = 0.0        # share of data rows with text
    seq: float = 0.0
    unit: float = 0.0
    deadline: float = 0.0
    person: float = 0.0
    number: float = 0.0
    avg_len: float = 0.0
    tasky: float = 0.0
    repeats: float = 0.0       # share of cells equal to the cell above (carried categories)


def profile(cells: list[str], directory=None) -> Profile:
    n = len(cells)
    vals = [c for c in cells if c]
    p = Profile()
    if not n or not vals:
        return p
    k = len(vals)
    p.filled = k / n
    p.seq = sum(bool(SEQ_RE.match(v)) for v in vals) / k
    p.number = sum(bool(NUMBER_RE.match(v)) and not SEQ_RE.match(v) for v in vals) / k
    p.unit = sum(unit_share(v, directory) for v in vals) / k
    p.deadline = sum(deadline_like(v) for v in vals) / k
    p.person = sum(bool(PERSON_RE.match(re.split(r"[\s、，,]", v)[0])) and not looks_like_unit(v) for v in vals) / k
    p.avg_len = sum(len(v) for v in vals) / k
    p.tasky = sum(bool(TASKY_RE.search(v)) and len(v) >= 8 for v in vals) / k
    p.repeats = sum(1 for a, b in zip(cells, cells[1:]) if b and a == b) / max(1, k - 1) if k > 1 else 0.0
    return p


def content_fit(role: str, p: Profile) -> float:
    """How well what a column holds fits a role (0..1)."""
    if p.filled == 0:
        return 0.0
    if role == "seq":
        return p.seq
    if role == "deadline":
        return p.deadline
    if role in UNIT_ROLES:
        return p.unit
    if role == "person":
        return p.person * (1 - p.unit)
    if role == "content":
        length = min(1.0, p.avg_len / 25)
        return max(0.0, min(1.0, 0.55 * length + 0.45 * p.tasky) * (1 - p.unit) * (1 - p.seq) * (1 - p.number))
    if role == "category":
        return 0.3 * (1 - p.unit) * (1 - p.seq) if p.avg_len >= 2 else 0.0
    return 0.0


# --- the layout ------------------------------------------------------------

@dataclass
class Ambiguity:
    column: int
    chosen: str
    others: list[str]
    reason: str

    def text(self, headers: dict) -> str:
        from .workbook_reader import col_letter
        h = headers.get(self.column, "")
        alt = "、".join(ROLE_CN[o] for o in self.others)
        return (f"{col_letter(self.column)}列「{h or '（无表头）'}」按「{ROLE_CN[self.chosen]}」读取"
                + (f"（也可能是「{alt}」）" if alt else "") + f"：{self.reason}")


@dataclass
class Layout:
    header_first: int
    header_last: int
    roles: dict                        # role -> column
    extras: dict                       # column -> header text
    headers: dict                      # column -> combined header words ("责任单位/牵头单位")
    scores: dict = field(default_factory=dict)   # column -> {role: score}
    ambiguities: list[Ambiguity] = field(default_factory=list)
    signature: str = ""
    mapped: bool = False               # the clerk's mapping decided (some of) it

    @property
    def data_start(self) -> int:
        return self.header_last + 1

    @property
    def nrows_header(self) -> int:
        return self.header_last - self.header_first + 1


def _filled_grid(rows: list[list], merges) -> tuple[list[list[str]], int, dict]:
    """Cell texts with merged values copied into every covered cell."""
    ncols = max((len(r) for r in rows), default=0)
    grid = [[cell_str(r[c]) if c < len(r) else "" for c in range(ncols)] for r in rows]
    owner = {}
    for r0, c0, r1, c1 in merges or ():
        if r0 >= len(grid):
            continue
        v = grid[r0][c0] if c0 < ncols else ""
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, ncols - 1) + 1):
                grid[r][c] = v
                owner[(r, c)] = (r0, c0, r1, c1)
    return grid, ncols, owner


def _header_words(grid, owner, r0: int, r1: int, c: int) -> list[str]:
    words = []
    for r in range(r0, r1 + 1):
        t = grid[r][c] if c < len(grid[r]) else ""
        if t and t not in words:
            words.append(t)
    return words


def signature_of(headers: dict) -> str:
    text = "|".join(header_key(headers[c]) for c in sorted(headers))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _row_header_strength(grid, owner, r0, r1, ncols) -> tuple[float, dict]:
    per = {}
    total = 0.0
    for c in range(ncols):
        sc = header_scores(_header_words(grid, owner, r0, r1, c))
        per[c] = sc
        best = max(sc.values(), default=0)
        total += best
    return total, per


def _looks_like_data_row(cells: list[str]) -> bool:
    filled = [x for x in cells if x]
    if not filled:
        return False
    long = sum(len(x) > 14 for x in filled)
    return long >= 1 or bool(SEQ_RE.match(filled[0]) and len(filled) > 2)


def _one_text_row(cells: list[str]) -> bool:
    """A row that says one thing across the table (the title 「西安市…分工方案」 merged over it, or typed in A
    alone): glued onto the header it made every column read 「标题/序号」 and lent the title's words
    (目标任务 …) to all of them.  A lone header word (责任单位 over 牵头 | 配合) is not such a row."""
    texts = {x for x in cells if x}
    if len(texts) != 1:
        return False
    text = next(iter(texts))
    if HEADING_NO_RE.match(text) or len(text) >= 14:
        return True     # 「一、区长…牵头重点工作」 under the header of a CSV: a category row, not header words
    return not any(v >= 0.75 for r, v in _word_scores(text).items() if r != "extra")


def analyse(rows: list[list], merges=(), *, directory=None, mapping: dict | None = None,
            max_header_row: int = 30, sample: int = 80) -> Layout | None:
    grid, ncols, owner = _filled_grid(rows, merges)
    nrows = len(grid)
    if not ncols or not nrows:
        return None
    best = None
    for r0 in range(min(nrows, max_header_row)):
        if not any(grid[r0]):
            continue
        for depth in (1, 2):
            r1 = r0 + depth - 1
            if r1 >= nrows:
                continue
            if depth == 2 and (_looks_like_data_row(grid[r1]) and not any(
                    owner.get((r1, c), (r1,))[0] < r1 for c in range(ncols))):
                continue
            if depth == 2 and (_one_text_row(grid[r0]) or _one_text_row(grid[r1])):
                continue    # a title (or a category spanning the table) is not half of a two-row header
            strength, per = _row_header_strength(grid, owner, r0, r1, ncols)
            roles_seen = {r for sc in per.values() for r, v in sc.items() if v >= 0.75 and r != "extra"}
            if not (roles_seen & {"content", "lead", "responsible", "cooperating", "deadline", "person"}):
                continue
            if len(roles_seen) < 2:
                continue
            # (a header with nothing under it is still a header: the template of an empty list)
            # a header row is followed by rows that are not themselves header-like
            if depth == 1 and r1 + 1 < nrows:
                s_next, per_next = _row_header_strength(grid, owner, r1 + 1, r1 + 1, ncols)
                new_roles = {r for c, sc in per_next.items() for r, v in sc.items()
                             if v >= 0.75 and grid[r1 + 1][c] != grid[r0][c]}
                if new_roles and not _looks_like_data_row(grid[r1 + 1]):
                    strength -= 0.5   # the two-row reading will do better
            score = strength + 0.5 * len(roles_seen)
            if best is None or score > best[0] + 1e-9:
                best = (score, r0, r1, per)
    if best is None and mapping:
        # the clerk named the columns (--columns, 设置「列对应」) of a header in words we do not know
        # (甲乙丙丁, a code per column): the header is the first row with its own text in each of them
        named = [c for c in mapping.values() if c is not None and c < ncols]
        for r0 in range(min(nrows, max_header_row)):
            texts = [grid[r0][c] for c in named]
            if named and all(texts) and len(set(texts)) == len(texts):
                best = (0.0, r0, r0, {c: {} for c in range(ncols)})
                break
    if best is None:
        return None
    _, r0, r1, per = best
    headers = {c: "/".join(_header_words(grid, owner, r0, r1, c)) for c in range(ncols)}
    data_rows = [grid[r] for r in range(r1 + 1, nrows) if any(grid[r])][:sample]
    profiles = {c: profile([row[c] for row in data_rows], directory) for c in range(ncols)}
    scores: dict[int, dict] = {}
    for c in range(ncols):
        h = per[c]
        p = profiles[c]
        sc = {}
        for role in ROLES:
            hs = h.get(role, 0.0)
            cf = content_fit(role, p)
            if hs:
                # the header names the role; content confirms or, when it plainly
                # holds something else, overrules it
                if role in UNIT_ROLES and p.filled and p.unit < 0.25 and p.avg_len > 20:
                    hs *= 0.3
                if role == "deadline" and p.filled and p.deadline < 0.2 and p.avg_len > 20:
                    hs *= 0.4
                if role == "seq" and p.filled and p.seq < 0.3:
                    hs *= 0.3
                sc[role] = hs + 0.35 * cf
            elif cf > 0 and role != "person":   # a name alone does not make a 责任人 column
                weight = 0.55 if role in ("seq", "deadline") else 0.5
                if role in UNIT_ROLES:
                    weight = 0.55 if role == "responsible" else 0.35
                if h.get("extra") and role not in ("content",):
                    weight *= 0.3
                if h.get("extra") and role == "content":
                    weight *= 0.5
                sc[role] = weight * cf
        if h.get("extra"):
            sc["extra"] = h["extra"]
        scores[c] = sc
    # 负责单位 beside a column of the units that carry the task out (负责落实单位): it leads
    yielding = [c for c in range(ncols) if header_key(headers[c]) in GIVES_WAY_TO_RESPONSIBLE]
    if yielding and any(per[c].get("responsible", 0) >= 1.0 for c in range(ncols) if c not in yielding):
        for c in yielding:
            scores[c].pop("responsible", None)
    # 重点任务 beside 具体举措 / 任务内容: the column whose header names the category heads the tasks, the one whose
    # header names only the task text holds them.  重点任务 alone is the task text too (it ends in 任务), and its
    # longer, repeated words outscored 具体举措 on content: the list zhishui import writes read back with the
    # category as every task (a new-user trial)
    plain = [c for c in range(ncols) if per[c].get("content", 0) >= 1.0 and per[c].get("category", 0) < 0.85
             and not per[c].get("extra") and profiles[c].filled >= 0.5]
    if plain:
        for c in range(ncols):
            if c not in plain and per[c].get("category", 0) >= 1.0 and per[c].get("content", 0) < 1.0:
                scores[c].pop("content", None)
    # the list's own name for the task text or the deadline (具体举措, 完成时限: the template's, and what zhishui import
    # writes) says which column holds it: a column only named like it (落实措施, a plan table's column the import kept
    # right of 待核实) is kept as an extra, no rival — the import's own workbook read back asked for --columns
    for role, own_name in (("content", "具体举措"), ("deadline", "完成时限")):
        own = [c for c in range(ncols) if header_key(headers[c]) == own_name and profiles[c].filled >= 0.5]
        if len(own) == 1:
            for c in range(ncols):
                if c != own[0]:
                    scores[c].pop(role, None)
    roles: dict[str, int] = {}
    taken: set[int] = set()
    mapped = False
    if mapping:
        for role, c in mapping.items():
            if c is None or c >= ncols:
                continue
            if role == "extra":
                taken.add(c)
                continue
            roles[role] = c
            taken.add(c)
            mapped = True
    cands = sorted(((v, c, role) for c, sc in scores.items() for role, v in sc.items() if role != "extra"),
                   key=lambda x: (-x[0], x[1]))
    for v, c, role in cands:
        if v < 0.3 or role in roles or c in taken:
            continue
        if scores[c].get("extra", 0) > v:
            continue
        roles[role] = c
        taken.add(c)
    # a lone unit column nobody named: the units answer for the task
    ambiguities: list[Ambiguity] = []
    weighed: set[int] = set()     # columns already said to be no rival of the content (the merged parent)
    if "content" not in roles:
        text_cols = [c for c in range(ncols) if c not in taken and profiles[c].filled and profiles[c].avg_len >= 6
                     and profiles[c].unit < 0.5 and profiles[c].number < 0.5
                     and not re.search(r"备注|说明|情况|电话", headers[c])]
        if text_cols:
            c = max(text_cols, key=lambda c: profiles[c].avg_len * profiles[c].filled)
            roles["content"] = c
            taken.add(c)
            ambiguities.append(Ambiguity(c, "content", [], "没有列名表明任务内容，按文字最多的一列读取"))
    if "content" not in roles and "category" in roles:
        roles["content"] = roles.pop("category")   # a list whose only text column is called 重点任务
    if "content" not in roles:
        return None
    # order sanity: a category sits left of the content it heads.  Decided before the finer column is looked
    # for: a column right of the content cannot head it, so it is free to be the task text (工程类别与名称 over
    # two columns, the category merged down the left one and each project in the right one, a new-user trial)
    if "category" in roles and roles["category"] > roles["content"] and not mapping:
        c = roles.pop("category")
        taken.discard(c)
    # the task text merged over several rows beside a column with a text of its own on each of those rows:
    # the rows are the tasks, the merged text heads them (钟楼's 目标名称 over 工作标准 (1)…(7); 西安's provincial
    # task over the city's measures (1) (2))
    if not (mapping and "content" in mapping):
        finer = _finer_column(grid, owner, r1 + 1, roles["content"], taken, per, directory, sample)
        if finer is not None:
            weighed.add(roles["content"])
            from .workbook_reader import col_letter
            c, c2 = roles["content"], finer
            roles["content"] = c2
            taken.add(c2)
            heads = "category" not in roles and profiles[c].avg_len <= 40
            if heads:
                roles["category"] = c
            else:
                taken.discard(c)     # a paragraph (the parent task): kept with each task as an extra field
            ambiguities.append(Ambiguity(
                c2, "content", [],
                f"{col_letter(c)}列「{headers[c] or '（无表头）'}」一格合并跨几行，{col_letter(c2)}列每行各有自己的文字："
                f"任务按{col_letter(c2)}列逐行读，{col_letter(c)}列作为" + ("类别" if heads else "附加信息")))
    # two columns named as task text (工作任务 | 具体内容, 水体名称 | 整治措施): the shorter one to the
    # left of the content heads it, as 重点任务 does
    if "category" not in roles and not mapping:
        cc = roles["content"]
        heads = [c for c in range(cc) if c not in taken and per[c].get("content", 0) >= 0.85
                 and not per[c].get("extra") and profiles[c].filled
                 and profiles[c].avg_len < profiles[cc].avg_len and profiles[c].unit < 0.5]
        if heads:
            roles["category"] = heads[-1]
            taken.add(heads[-1])
    # and the other way round (工作任务 | 落实措施, a division-of-work table): the column taken as the task text has,
    # to its right, a column of measures (…措施 / …举措) with longer words — the measures are the tasks, the shorter
    # left one heads them.  Not a project's details (项目名称 | 建设内容: the project is the task, n12), nor the
    # list's own 具体举措 (the import's workbook: its extras stay extras)
    if "category" not in roles and not mapping:
        cc = roles["content"]
        if per[cc].get("content", 0) >= 0.85 and header_key(headers[cc]) != "具体举措" and profiles[cc].unit < 0.5:
            # (目前完成情况、存在问题及下一步工作措施: a column of progress ends in 措施 too, h409)
            longer = [c for c in range(cc + 1, ncols) if c not in taken and per[c].get("content", 0) >= 0.85
                      and not per[c].get("extra") and not any(w in header_key(headers[c]) for w in EXTRA_WORDS)
                      and re.sub(r"\(.*?\)", "", header_key(headers[c])).endswith(("措施", "举措"))
                      and profiles[c].filled >= 0.5
                      and profiles[c].avg_len > profiles[cc].avg_len and profiles[c].unit < 0.5
                      and profiles[c].number < 0.5 and profiles[c].seq < 0.5]
            if longer:
                roles["category"], roles["content"] = cc, longer[0]
                taken.add(longer[0])
    extras = {c: headers[c] for c in range(ncols) if c not in taken and headers[c]
              and any(row[c] for row in data_rows)}
    if not mapped:
        ambiguities.extend(_ambiguities(roles, scores, per, profiles, weighed))
    lay = Layout(r0, r1, roles, extras, headers, scores, ambiguities, signature_of(headers), mapped)
    return lay


def _finer_column(grid, owner, start: int, c: int, taken: set, per: dict, directory, sample: int) -> int | None:
    """A column right of the content column ``c`` that has its own task text on the rows one merged cell of
    ``c`` covers, or None.  Rows that say one thing across the table (category rows) are left out."""
    body = [r for r in range(start, len(grid)) if any(grid[r]) and not _one_text_row(grid[r])][:sample]
    filled = [r for r in body if grid[r][c]]
    blocks: dict = {}
    for r in filled:
        rng = owner.get((r, c))
        if rng is not None and rng[2] > rng[0]:
            blocks.setdefault(rng, []).append(r)
    merged = [r for rows in blocks.values() if len(rows) > 1 for r in rows]
    if len(merged) < 2 or 2 * len(merged) < len(filled):
        return None
    for c2 in range(c + 1, len(grid[0]) if grid else 0):
        if c2 in taken:
            continue
        named = per[c2].get("content", 0) >= 0.75
        if not named and any(v >= 0.5 for v in per[c2].values()):
            continue    # a header naming something else (备注, 推进情况, 工程目的): not the task
        vals = [grid[r][c2] for r in body if grid[r][c2]]
        if len(vals) < 0.6 * len(body) or len(set(vals)) < 0.8 * len(vals):
            continue
        p = profile(vals, directory)
        if p.avg_len < 6 or p.unit >= 0.5 or p.seq >= 0.5 or p.number >= 0.5:
            continue
        if any(len({grid[r][c2] for r in rows if grid[r][c2]}) > 1 for rows in blocks.values()):
            return c2
    return None


def _ambiguities(roles: dict, scores: dict, per: dict, profiles: dict, weighed=frozenset()) -> list[Ambiguity]:
    out = []
    by_col = {c: r for r, c in roles.items()}
    for c, role in sorted(by_col.items()):
        if role not in ("content", "deadline", *UNIT_ROLES):
            continue
        mine = scores[c].get(role, 0)
        header_says = per[c].get(role, 0)
        if role in UNIT_ROLES and header_says < 0.75:
            out.append(Ambiguity(c, role, [r for r in UNIT_ROLES if r != role],
                                 "列中是单位名称，但列名没有说明是牵头、责任还是配合"))
            continue
        rivals = [(v, c2) for c2, sc in scores.items() if c2 != c for r2, v in sc.items()
                  if r2 == role and v >= 0.5 and c2 not in by_col and c2 not in weighed]
        if rivals:
            v, c2 = max(rivals)
            if mine - v < 0.15:
                from .workbook_reader import col_letter
                out.append(Ambiguity(c, role, [], f"{col_letter(c2)}列同样像「{ROLE_CN[role]}」，取了把握更大的一列"))
    return out


# --- the clerk's mapping ---------------------------------------------------

MAPPING_WORDS = {
    "序号": "seq", "编号": "seq", "类别": "category", "重点任务": "category", "分类": "category",
    "内容": "content", "任务": "content", "具体举措": "content", "任务内容": "content", "工作内容": "content",
    "时限": "deadline", "完成时限": "deadline", "期限": "deadline", "时间": "deadline",
    "牵头": "lead", "牵头单位": "lead", "责任": "responsible", "责任单位": "responsible",
    "责任人": "person", "配合": "cooperating", "配合单位": "cooperating", "协助": "cooperating",
    "协助单位": "cooperating", "附加": "extra", "忽略": "extra", "其他": "extra",
}


def col_index(letters: str) -> int | None:
    s = letters.strip().upper()
    if not re.fullmatch(r"[A-Z]{1,3}", s):
        return None
    n = 0
    for ch in s:
        n = n * 26 + ord(ch) - 64
    return n - 1


def parse_mapping(text: str) -> tuple[dict, list[str]]:
    """'内容=D,牵头=E' -> ({'content': 3, 'lead': 4}, problems in Chinese)."""
    out: dict[str, int] = {}
    problems = []
    for part in re.split(r"[,，;；、\s]+", text or ""):
        if not part:
            continue
        if "=" not in part and "＝" not in part:
            problems.append(f"「{part}」应写成「内容=D」这样的形式")
            continue
        k, v = re.split(r"[=＝]", part, maxsplit=1)
        role = MAPPING_WORDS.get(k.strip())
        c = col_index(v)
        if role is None:
            problems.append(f"「{k}」不是可识别的列（可用：{'、'.join(sorted(set(MAPPING_WORDS)))}）")
        elif c is None:
            problems.append(f"「{v}」不是列字母（如 D）")
        else:
            out[role] = c
    return out, problems


def mapping_text(mapping: dict) -> str:
    from .workbook_reader import col_letter
    return ",".join(f"{ROLE_CN[r]}={col_letter(c)}" for r, c in mapping.items())
