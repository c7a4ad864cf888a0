"""A list that changes (README 「清单改了以后」): the tasks of a new version of the list matched
to the tasks of the version before, so every month's status stays comparable across the change.

Tasks are matched by key (序号) and then by text, first row of the table that applies wins: a
new task holding the texts of two old ones (merged); same 序号 and similar text; another 序号
and very similar text (renumbered); most of a new task's text from one old task (split); the
rest are added or dropped.  Each task has a lineage id (tid) in the history:
matched tasks keep it; pieces of a split task and a merged task get new ids whose parents are
the old ones, so last period's status, its 已完成 reports, its extension and its close-out carry
over (``HistoryView`` in history.py reads through the parents).
"""
from __future__ import annotations

import difflib
import functools
from collections import Counter
from dataclasses import dataclass, field

from .plans import similar
from .unitnames import norm

SAME_KEY_TEXT = 0.5      # same 序号: the text is this similar
RENUMBERED = 0.6         # another 序号: the text is this similar
PART_OF = 0.8            # a split piece / a merged part: this share of its text comes from the other

SAME, MODIFIED, RENUMBERED_KIND, SPLIT, MERGED, ADDED, DROPPED = (
    "相同", "修改", "重新编号", "拆分", "合并", "新增", "删除")
KINDS = [MERGED, SAME, RENUMBERED_KIND, SPLIT, ADDED, DROPPED]     # README rows 1..6 (修改 is row 2 with changes)


@dataclass
class VersionTask:
    """A task as a version of the list holds it (history.version_tasks)."""
    key: str
    seq: str
    content: str
    deadline: str
    units: str
    category: str = ""
    tid: str = ""

    @classmethod
    def of(cls, t, tid: str = "") -> "VersionTask":
        units = "；".join("、".join(r.name or r.raw for r in getattr(t, role)) for role in ("lead", "responsible"))
        return cls(t.key, t.seq, t.full_content, t.deadline_text, units, t.category, tid)


@dataclass
class Change:
    kind: str                 # one of the kinds above
    rule: int                 # the README table's row
    old: list = field(default_factory=list)    # old task keys
    new: list = field(default_factory=list)    # new task keys
    detail: str = ""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "rule": self.rule, "old": self.old, "new": self.new, "detail": self.detail}


def contained(part: str, whole: str, at_least: float = 0.0) -> float:
    """How much of ``part``'s text occurs in ``whole`` (0..1).  ``at_least``: a value under it is as good as 0 to
    the caller, and is returned as 0 when the characters the two share already cannot reach it (no matching
    blocks can hold more than the characters in common): a revised list of 220 tasks matched every old task
    against every new one with difflib, 0.4 s → 22 s for every command (trial 25)."""
    a, ca = _prefix(part, 400)
    b, cb = _prefix(whole, 800)
    if not a or not b:
        return 0.0
    if at_least and sum(min(n, cb[ch]) for ch, n in ca.items() if ch in cb) < at_least * len(a):
        return 0.0
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(x.size for x in m.get_matching_blocks()) / len(a)


@functools.lru_cache(maxsize=1 << 14)
def _prefix(text: str, n: int) -> tuple[str, Counter]:
    """The normalised text's first ``n`` characters and their counts (each task's text is compared many times)."""
    a = norm(text)[:n]
    return a, Counter(a)


def _better_elsewhere(o: VersionTask, n: VersionTask, holders: list[VersionTask]) -> bool:
    """Another new task holds the old one as well (``holders``: the new tasks holding it) and is more like it: two
    near-identical old tasks left as they were (查找双石污水处理厂污水溢流原因… / 查找石庙污水处理站…) are each their own
    new task, not a merge into one of them (the session-17 trial); a true merge (查找双石污水处理厂、石庙污水处理站…) has
    no such other task."""
    mine = similar(o.content, n.content)
    return any(m is not n and similar(o.content, m.content) > mine for m in holders)


def _what_changed(o: VersionTask, n: VersionTask) -> str:
    bits = []
    if norm(o.content) != norm(n.content):
        bits.append("内容")
    if norm(o.deadline) != norm(n.deadline):
        bits.append(f"时限（{o.deadline}→{n.deadline}）")
    ou, nu = o.units.strip("；"), n.units.strip("；")     # "；X": a task without 牵头单位 (units = 牵头；责任)
    if norm(ou) != norm(nu):
        bits.append(f"责任单位（{ou}→{nu}）")
    return "、".join(bits)


def match(old: list[VersionTask], new: list[VersionTask]) -> list[Change]:
    """The README table, row by row, over two versions of a list (first row that applies wins)."""
    out: list[Change] = []
    by_key = {t.key: t for t in old}
    taken: dict[str, str] = {}        # old key -> new key
    done: set[str] = set()            # new keys decided
    # 1. merged: a new task holding two or more old tasks' texts (together most of it)
    # (which new tasks hold each old task's text, worked out once: each pair was compared again for every candidate)
    holders = {o.key: [m for m in new if contained(o.content, m.content, PART_OF) >= PART_OF] for o in old}
    for n in new:
        parts = [o for o in old if o.key not in taken and any(m is n for m in holders[o.key])]
        if len(parts) >= 2:     # (only a candidate merge is checked against the other new tasks)
            parts = [o for o in parts if not _better_elsewhere(o, n, holders[o.key])]
        if len(parts) >= 2 and sum(len(norm(o.content)) for o in parts) >= 0.6 * len(norm(n.content)):
            for o in parts:
                taken[o.key] = n.key
            done.add(n.key)
            out.append(Change(MERGED, 1, [o.key for o in parts], [n.key],
                              "由原序号" + "、".join(o.seq or o.key for o in parts) + "合并"))
    # 2. same 序号, similar text
    for n in new:
        o = by_key.get(n.key)
        if n.key in done or o is None or o.key in taken:
            continue
        if similar(o.content, n.content) > SAME_KEY_TEXT:
            taken[o.key] = n.key
            done.add(n.key)
            diff = _what_changed(o, n)
            out.append(Change(MODIFIED if diff else SAME, 2, [o.key], [n.key], diff))
    # 3. another 序号, very similar text (the best old task left)
    for n in new:
        if n.key in done:
            continue
        free = [o for o in old if o.key not in taken]
        best = max(free, key=lambda o: similar(o.content, n.content), default=None)
        if best is not None and similar(best.content, n.content) >= RENUMBERED:
            taken[best.key] = n.key
            done.add(n.key)
            diff = _what_changed(best, n)
            out.append(Change(RENUMBERED_KIND, 3, [best.key], [n.key],
                              f"序号{best.seq or best.key}→{n.seq or n.key}" + (f"；{diff}" if diff else "")))
    # 4. split: most of a new task's text comes from one old task (matched or not) that is not
    # mostly in it; the old task's own match, if any, is one of its pieces
    pieces: dict[str, list[str]] = {}
    for n in new:
        if n.key in done:
            continue
        src = max(old, key=lambda o: contained(n.content, o.content, PART_OF), default=None)
        if src is not None and contained(n.content, src.content) >= PART_OF and \
                contained(src.content, n.content) < PART_OF:
            pieces.setdefault(src.key, []).append(n.key)
            done.add(n.key)
    for o_key, news in pieces.items():
        if o_key in taken:
            mate = taken.pop(o_key)
            out[:] = [c for c in out if c.new != [mate] or c.kind == MERGED]
            news = [mate] + news
        out.append(Change(SPLIT, 4, [o_key], news, f"原序号{by_key[o_key].seq or o_key}拆分为{len(news)}项"))
        taken[o_key] = news[0]
    # 5. added, 6. dropped
    for n in new:
        if n.key not in done:
            out.append(Change(ADDED, 5, [], [n.key]))
    for o in old:
        if o.key not in taken:
            out.append(Change(DROPPED, 6, [o.key], []))
    order = {t.key: i for i, t in enumerate(new)}
    return sorted(out, key=lambda c: (order.get(c.new[0], 10 ** 6) if c.new else 10 ** 6, c.old))


def lineage(old: list[VersionTask], new: list[VersionTask], fingerprint: str) -> tuple[dict, dict, list[Change]]:
    """(key -> tid for the new version, tid -> parent tids for the new ids, the changes)."""
    changes = match(old, new)
    old_tid = {o.key: o.tid or o.key for o in old}
    used = set(old_tid.values())
    tids: dict[str, str] = {}
    parents: dict[str, list[str]] = {}

    def fresh(key: str) -> str:
        tid = key if key not in used else f"{key}@{fingerprint[:6]}"
        used.add(tid)
        return tid
    for c in changes:
        if c.kind in (SAME, MODIFIED, RENUMBERED_KIND):
            tids[c.new[0]] = old_tid[c.old[0]]
        elif c.kind == SPLIT:
            for k in c.new:
                tids[k] = fresh(k)
                parents[tids[k]] = [old_tid[c.old[0]]]
        elif c.kind == MERGED:
            tids[c.new[0]] = fresh(c.new[0])
            parents[tids[c.new[0]]] = [old_tid[k] for k in c.old]
        elif c.kind == ADDED:
            tids[c.new[0]] = fresh(c.new[0])
    return tids, parents, changes


def units_words(units: str) -> str:
    """VersionTask.units (「牵头；责任」, 「；责任」 for a task without 牵头单位) as a sentence's words."""
    lead, _, resp = units.partition("；")
    bits = ([f"牵头单位{lead}"] if lead else []) + ([f"责任单位{resp}"] if resp else [])
    return "，".join(bits)


def change_note(c: Change, old: dict, new: dict) -> str:
    """The 说明 of one change (``old``/``new``: key -> VersionTask): what a reader needs beside the task's words —
    a task added, its deadline and units; one dropped, what it was (trial 15: the annual summary's revision table
    printed 「新增 64」 and an empty 说明)."""
    if c.detail:
        return c.detail
    if c.kind == ADDED and c.new and c.new[0] in new:
        n = new[c.new[0]]
        return "新增任务" + "".join(f"，{x}" for x in (f"完成时限{n.deadline}" if n.deadline else "",
                                                      units_words(n.units)) if x)
    if c.kind == DROPPED and c.old and c.old[0] in old:
        o = old[c.old[0]]
        was = "，".join(x for x in (f"完成时限{o.deadline}" if o.deadline else "", units_words(o.units)) if x)
        return "修订后的清单不再列入" + (f"（原{was}）" if was else "")
    return ""


def change_task_words(c: Change, old: dict, new: dict) -> str:
    """The words of the task a change is about: the new version's (each piece of a split, 序号 before it), a dropped
    task's own."""
    tasks = [new[k] for k in c.new if k in new] or [old[k] for k in c.old if k in old]
    if len(tasks) == 1:
        return tasks[0].content
    return "；".join(f"{t.seq or t.key}．{t.content.rstrip('。；')}" for t in tasks) + "。"


def change_rows(changes: list[Change], old: list[VersionTask], new: list[VersionTask]) -> list[list]:
    """The 清单变更 sheet: one row per change (unchanged tasks left out)."""
    o_by, n_by = {t.key: t for t in old}, {t.key: t for t in new}
    rows = []
    for c in changes:
        if c.kind == SAME:
            continue
        rows.append([c.kind, "、".join(o_by[k].seq or k for k in c.old if k in o_by),
                     "\n".join(o_by[k].content for k in c.old if k in o_by),
                     "、".join(n_by[k].seq or k for k in c.new if k in n_by),
                     "\n".join(n_by[k].content for k in c.new if k in n_by), change_note(c, o_by, n_by)])
    return rows


CHANGE_HEADERS = ["变更", "原序号", "原任务内容", "新序号", "新任务内容", "说明"]
CHANGE_WIDTHS = [10, 8, 50, 8, 50, 36]
