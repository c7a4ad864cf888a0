"""Which plan a return belongs to (README 「报送表属于哪个方案」), and what a plan is known by.

Offices run several plans at once with the same units and the same 序号 (a 整改方案, a
three-year action plan, a flood-season campaign), so a return is adopted only when it is
this plan's.  A plan is known by its 方案编号 (the 设置 item, or the one its history
created once), the versions of its list (their fingerprints), its name and the texts of
its tasks.  ``decide_plan`` is the README's table, first row that applies wins.
"""
from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field

from . import returnsheet as rs
from .unitnames import norm

OWN, OTHER, UNCERTAIN = "本方案", "其他方案", "不确定"
SAME_TEXT = 0.5          # a row's task text this similar to the task of the same 序号 agrees
SAME_TEXT_ANYWHERE = 0.8  # ... or this similar to any task of the list
PLACEHOLDER_NAMES = {"工作任务"}   # split's title when the plan has no 方案名称
TITLE_RE = re.compile(r"^(.*?)\d{4}年\d{1,2}月进展情况报送表$")


def similar(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a[:300], b[:300], autojunk=False).ratio()


def task_digest(t) -> str:
    """The digest split writes for a task (returnsheet.reference_digest of the issued text)."""
    return rs.reference_digest(t.seq, t.category, t.full_content, t.deadline_text)


def derived_id(fingerprint: str) -> str:
    """A 方案编号 made from the first list version a plan is seen with: the same list gives
    the same number, with or without a history."""
    return "FA" + hashlib.sha256(("plan\x1f" + fingerprint).encode()).hexdigest()[:10].upper()


@dataclass
class PlanIdentity:
    plan_id: str                       # the number returns carry (设置「方案编号」 or the history's)
    name: str                          # 方案名称
    ids: frozenset = frozenset()       # every number this plan is known by
    fingerprints: frozenset = frozenset()   # every version of its list (lineage)
    digests: dict = field(default_factory=dict)   # task key -> digest of this version's issued text

    @property
    def label(self) -> str:
        return f"「{self.name}」（{self.plan_id}）" if self.name else f"方案编号{self.plan_id}"


def identity_of(tl, *, plan_id: str | None = None, ids=(), fingerprints=()) -> PlanIdentity:
    """This list's plan: its 设置「方案编号」 first, else the history's number, else one derived
    from the list version."""
    own = tl.settings.plan_id or plan_id or derived_id(tl.fingerprint)
    all_ids = {own, *ids} | ({plan_id} if plan_id else set())
    return PlanIdentity(own, tl.settings.plan_name, frozenset(all_ids), frozenset({tl.fingerprint, *fingerprints}),
                        {t.key: task_digest(t) for t in tl.tasks})


def title_plan(text: str) -> str | None:
    """The plan a return's title names, in split's own format (「<方案名称>2020年11月进展情况报送表」)."""
    m = TITLE_RE.match(norm(text))
    name = m.group(1) if m else ""
    return name if name and name not in PLACEHOLDER_NAMES else None


@dataclass
class PlanVerdict:
    verdict: str     # 本方案 | 其他方案 | 不确定
    rule: int        # the row of the README table that decided
    how: str         # the evidence, in Chinese
    other: str = ""  # the plan it belongs to, as far as the file tells

    @property
    def adopted(self) -> bool:
        return self.verdict != OTHER

    @property
    def uncertain(self) -> bool:
        return self.verdict == UNCERTAIN


@dataclass
class Evidence:
    """What one received file says about its plan."""
    identity: dict | None = None       # the hidden identity sheet (returnsheet), if any
    titles: list = field(default_factory=list)   # texts above the table's header
    rows: list = field(default_factory=list)     # (task key, 序号, task text) of each table row
    assigned: str = ""                 # who attributed it: 命令行 --assign | 收件记录 | 历史记录


def _agreement(plan: PlanIdentity, tl, ev: Evidence) -> tuple[int, int]:
    """(rows whose task text is this list's, rows with a task text); with an identity, its
    task digests count first."""
    by_key = {t.key: t for t in tl.tasks}
    by_seq: dict[str, list] = {}
    for t in tl.tasks:
        by_seq.setdefault(t.seq, []).append(t)
    text_of = {}
    for key, seq, content in ev.rows:
        text_of.setdefault(key or seq, content)
    agree = total = 0
    if ev.identity and ev.identity.get("tasks"):
        for key, info in ev.identity["tasks"].items():
            total += 1
            if info.get("digest") and plan.digests.get(key) == info["digest"]:
                agree += 1
            elif key in by_key and similar(text_of.get(key, ""), by_key[key].full_content) > SAME_TEXT:
                agree += 1
        return agree, total
    for key, seq, content in ev.rows:
        if not content:
            continue
        total += 1
        cands = ([by_key[key]] if key in by_key else []) + by_seq.get(re.sub(r"\.0$", "", seq), [])
        if any(similar(content, t.full_content) > SAME_TEXT for t in cands) or \
                any(similar(content, t.full_content) >= SAME_TEXT_ANYWHERE for t in tl.tasks):
            agree += 1
    return agree, total


def decide_plan(plan: PlanIdentity, tl, ev: Evidence) -> PlanVerdict:
    """The README table 「报送表属于哪个方案」, row by row."""
    if ev.assigned:
        return PlanVerdict(OWN, 1, f"人工指定（{ev.assigned}）")
    ident = ev.identity
    if ident:
        pid, fp = ident.get("plan", ""), ident.get("fingerprint", "")
        if pid and pid in plan.ids:
            return PlanVerdict(OWN, 2, f"隐藏标识的方案编号{pid}")
        if fp and fp in plan.fingerprints:
            return PlanVerdict(OWN, 3, "隐藏标识的清单版本是本方案用过的")
        agree, total = _agreement(plan, tl, ev)
        if total and agree * 2 >= total:
            return PlanVerdict(OWN, 4, f"隐藏标识中{total}项任务有{agree}项与本清单相同（清单下发后改过）")
        other = ident.get("plan_name") or ""
        if pid:
            other = f"「{other}」（{pid}）" if other else f"方案编号{pid}"
        elif ident.get("list"):
            other = f"按「{ident['list']}」下发的方案"
        return PlanVerdict(OTHER, 5, f"隐藏标识中{total}项任务只有{agree}项与本清单相同", other)
    agree, total = _agreement(plan, tl, ev)
    named = next((n for n in map(title_plan, ev.titles) if n), None)
    ours = bool(plan.name) and any(norm(plan.name) in norm(t) for t in ev.titles)
    other = f"「{named}」" if named and not ours else ""
    if total:
        if agree * 2 >= total:
            return PlanVerdict(OWN, 6, f"{total}行任务内容中{agree}行与本清单相同")
        if agree * 3 < total:
            return PlanVerdict(OTHER, 7, f"{total}行任务内容中只有{agree}行与本清单相同", other)
        return PlanVerdict(UNCERTAIN, 8, f"{total}行任务内容中只有{agree}行与本清单相同，按序号和内容对应")
    if ours:
        return PlanVerdict(OWN, 9, "标题中的方案名称")
    if named:
        return PlanVerdict(OTHER, 10, "标题中的方案名称", other)
    return PlanVerdict(UNCERTAIN, 11, "没有隐藏标识、方案名称和任务内容，只能按序号对应")
