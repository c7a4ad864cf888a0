"""Where a plan's history is: beside the list, or found again after the list was renamed, moved
or saved as a new version (README 「历史记录跟着方案走」).

With a history on a PostgreSQL server (``--db``, or ``ZHISHUI_HISTORY_DB``), the database is the
history (one database per plan) and the folder (``--history``, else beside the list) keeps its
received files; nothing else is searched.  Otherwise looked for, in order: the folder given with
``--history``; ``<清单名>_督办档案`` beside the
list; the other ``*_督办档案`` folders beside it; every history this computer has used (an
index in ``ZHISHUI_HOME``, default ``~/.zhishui``).  ``same_plan`` says whether a history
is this list's plan, first row that applies wins.  Nothing is written until the month has
passed its input checks (``Place.open``).
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ZhishuiError
from .fileutil import atomic_path
from .history import History, Stored, default_folder, now_text, read_stored
from .historydb import ENV, is_server, shown
from .plans import PlanIdentity, identity_of, task_digest
from .unitnames import norm

INDEX_NAME = "督办档案索引.json"
SAME_TASKS = 0.5     # share of the list's tasks unchanged since the history's latest version


def home() -> Path:
    return Path(os.environ.get("ZHISHUI_HOME") or Path.home() / ".zhishui")


def same_plan(st: Stored, tl) -> tuple[int, str] | None:
    """(row of the README table, why) when the history ``st`` is this list's plan, else None."""
    given = tl.settings.plan_id
    if given and (given == st.plan_id or given in st.set_ids):
        return 1, f"设置表「方案编号」{given}相同"
    if tl.fingerprint in st.fingerprints:
        return 2, "清单版本相同"
    name, old_name = norm(tl.settings.plan_name), norm(st.settings.get("方案名称", ""))
    if (name and old_name and name != old_name) or (given and st.set_ids):
        return None     # rule 3: both name their plan, differently
    number = norm(tl.settings.notice_number)
    if number and number == norm(st.settings.get("文号", "")):
        return 4, f"设置表「文号」{tl.settings.notice_number}相同"
    if st.digests:
        same = sum(1 for t in tl.tasks if st.digests.get(t.key) == task_digest(t))
        if tl.tasks and same >= SAME_TASKS * len(tl.tasks):
            return 5, f"{len(tl.tasks)}项任务中{same}项与上一版相同"
    return None


@dataclass
class Place:
    """The history this month uses, and what the clerk is told about it."""
    folder: Path
    stored: Stored | None       # None: a new history
    rule: int = 0               # the row of same_plan that found it (0: beside the list, or new)
    why: str = ""
    note: str = ""              # the Chinese line for the CLI summary and the 概况 ("" when nothing to say)
    plan: PlanIdentity | None = None
    db: str | None = None       # a PostgreSQL database's address; None: history.sqlite in the folder

    @property
    def new(self) -> bool:
        return self.stored is None

    def history(self, *, readonly: bool = False) -> History:
        return History(self.folder, readonly=readonly, db=self.db)

    def assignments(self) -> dict[str, tuple[str, str]]:
        if self.stored is None:
            return {}
        h = self.history()
        try:
            return h.assignments()
        finally:
            h.close()

    def recall(self, tl, period: str):
        """What this history says for the month (recall.MonthView), read without changing anything;
        an empty view for a new history."""
        from .history import Lineage
        from .recall import MonthView, view
        if self.stored is None:
            return MonthView(period, Lineage(tl.fingerprint, {t.key: t.key for t in tl.tasks}, {}))
        h = self.history(readonly=True)
        try:
            return view(h, period, tl, h.lineage_for(tl))
        finally:
            h.close()

    def open(self, tl) -> History:
        """The history, created if new; this plan and this list version recorded; the index updated."""
        h = self.history()
        h.adopt(self.plan, tl)
        if not self.db:     # the index finds history folders; a server database is always named
            remember(self.folder, self.plan, tl)
        return h


def locate(tl, explicit=None, db=None) -> Place:
    """Find this list's history (read-only).  ``db``: a PostgreSQL database holding it (default
    ``ZHISHUI_HISTORY_DB``)."""
    db = db or os.environ.get(ENV) or None
    if db and not is_server(db):
        raise ZhishuiError(f"历史记录数据库的地址「{shown(db)}」不是 PostgreSQL 的（应以 postgresql:// 开头）",
                           code="HISTORY_DB", hint="--db（或环境变量 ZHISHUI_HISTORY_DB）只用于 PostgreSQL，如 "
                           "postgresql://用户:密码@主机/库名；SQLite 的历史记录用 --history 指定文件夹")
    if db:
        return _on_server(tl, Path(explicit) if explicit else default_folder(tl.path), db)
    if explicit:
        folder = Path(explicit)
        st = read_stored(folder)
        if st is not None and st.plan_id is not None and same_plan(st, tl) is None:
            raise ZhishuiError(f"历史记录文件夹「{folder}」属于另一个方案「{st.name or st.plan_id}」"
                               f"（方案编号{st.plan_id}），不是这份清单的", file=folder, code="HISTORY_OTHER_PLAN",
                               hint=f"请换一个 --history 文件夹；如果确是同一方案（清单改动很大），请在清单的设置表加一项"
                                    f"「方案编号」，值为 {st.plan_id}")
        return _place(tl, folder, st, 0, "", "" if st else f"历史记录：新建「{folder}」——--history 指定的文件夹里还没有记录")
    here = default_folder(tl.path)
    # beside the list under its own name; when that name is taken by another plan, with the number
    alt = here.with_name(f"{Path(tl.path).stem}_{identity_of(tl).plan_id}_督办档案")
    st = read_stored(here)
    refused = ""
    if st is not None:
        if st.plan_id is None or same_plan(st, tl) is not None:
            return _place(tl, here, st, 0, "", "")
        refused = f"清单旁的「{here.name}」是另一个方案「{st.name or st.plan_id}」的记录"
        own = read_stored(alt)
        if own is not None and same_plan(own, tl) is not None:
            return _place(tl, alt, own, 0, "", "")
    found = []
    beside_dir = Path(tl.path).resolve().parent
    for folder in _candidates(Path(tl.path).parent, here):
        other = read_stored(folder)
        if other is None or other.plan_id is None:
            continue
        m = same_plan(other, tl)
        if m:
            # a record beside the list first (README 查找顺序): a folder copied with its archive uses the copy, never
            # the original the index knows of elsewhere (trial 33 wrote a sandbox's month into the live record)
            away = Path(folder).resolve().parent != beside_dir
            found.append((away, m[0], _neg(other.last_used), str(folder), other, m[1]))
    if found:
        _, rule, _, _, other, why = min(found)
        was = Path(other.list_path) if other.list_path else None
        beside = Path(other.folder).resolve().parent == Path(tl.path).resolve().parent
        if was == Path(tl.path).resolve():
            note = f"历史记录：沿用「{other.folder}」（{'同一文件夹里另一个名字的记录' if beside else '不在清单旁'}；按{why}找到）"
        else:
            moved = "移动" if was and was.parent != Path(tl.path).resolve().parent else "改名"
            note = (f"历史记录：沿用「{other.folder}」（清单{moved}或另存过" + (f"，上次是「{was.name}」" if was else "")
                    + f"；按{why}找到，与上期比较照常）")
        return _place(tl, other.folder, other, rule, why, note)
    folder = here if st is None else alt
    searched = "清单旁和本机用过的督办档案里都没有同一方案（方案编号、清单版本、文号、任务内容都对不上）的记录"
    why = (refused + "；" if refused else "") + searched
    return _place(tl, folder, None, 0, why, f"历史记录：新建「{folder}」——{why}，本期没有上期可比")


def _on_server(tl, folder: Path, db: str) -> Place:
    st = read_stored(folder, db)
    if st is not None and st.plan_id is not None and same_plan(st, tl) is None:
        raise ZhishuiError(f"数据库「{shown(db)}」里的历史记录属于另一个方案「{st.name or st.plan_id}」"
                           f"（方案编号{st.plan_id}），不是这份清单的", code="HISTORY_OTHER_PLAN",
                           hint=f"每个方案用一个数据库：请为这份清单另建一个数据库；如果确是同一方案（清单改动很大），"
                                f"请在清单的设置表加一项「方案编号」，值为 {st.plan_id}")
    place = _place(tl, folder, st, 0, "", "" if st else f"历史记录：新建于数据库「{shown(db)}」（存档文件在「{folder}」）")
    place.db = db
    return place


def _neg(text: str) -> str:
    """Sort key: the most recently used first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def _place(tl, folder: Path, st: Stored | None, rule: int, why: str, note: str) -> Place:
    # a version of the list the history has not met yet is not said here: whether it has depends on what was run
    # before (a `zhishui close` on the revised list records it), so the command line and the ledger said different
    # things of one month (trial 14); the month says the revision itself (Month.list_change_line)
    if st is None:
        plan = identity_of(tl)
    else:
        plan = identity_of(tl, plan_id=st.plan_id, ids=st.set_ids, fingerprints=st.fingerprints)
    return Place(folder, st, rule, why, note, plan)


def _candidates(where: Path, skip: Path):
    seen = {skip.resolve()}
    try:
        beside = sorted(p for p in where.glob("*_督办档案") if p.is_dir())
    except OSError:
        beside = []
    for p in beside + [Path(f) for f in _index()]:
        try:
            r = p.resolve()
        except OSError:
            continue
        if r not in seen and (p / "history.sqlite").is_file():
            seen.add(r)
            yield p


def _index() -> dict:
    p = home() / INDEX_NAME
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(folder: Path, plan: PlanIdentity, tl) -> None:
    """Add the history to this computer's index, so the list is found again wherever it goes."""
    index = _index()
    index[str(Path(folder).resolve())] = {"方案编号": plan.plan_id, "方案名称": plan.name,
                                          "清单": str(Path(tl.path).resolve()), "最近使用": now_text()}
    try:
        with atomic_path(home() / INDEX_NAME) as tmp:
            tmp.write_text(json.dumps(index, ensure_ascii=False, indent=1), encoding="utf-8")
    except (OSError, ZhishuiError):
        pass    # a read-only home: the history beside the list still works, only the search is narrower


def issue_for(tl, period: str, explicit=None, use_history: bool = True, db=None, place: Place | None = None):
    """What split needs from the history for ``period`` (decisions.Issue): the tasks closed out, and
    the clerk's word on tasks (a returned close-out, an extension agreed or refused) for 办理意见.
    ``place``: the history, already located."""
    from .checks import cn_date
    from .decisions import Issue, REFUSE
    if not use_history:
        return Issue()
    place = place or locate(tl, explicit, db)
    mv = place.recall(tl, period)
    notices: dict = {}
    # the unit reads these on its return: dates as a document writes them, 2020年9月30日 (not 2020年09月30日 nor
    # 2020-09-30, the trial-15 办理意见)
    for key, d in mv.returned.items():
        try:
            when = cn_date(dt.date.fromisoformat(d.when))
        except ValueError:
            when = d.when       # (kept as recorded: never a date guessed)
        notices[("", key)] = f"销号已退回（{_period_cn(d.period)}报送的完成情况" + (f"，{when}" if when else "") + \
            f"）：{d.reason}"
    for key, d in mv.extension.items():
        notices[("", key)] = f"延期已同意：完成时限调整为{cn_date(d.new_due)}" + (
            f"（原时限{cn_date(d.old_due)}）" if d.old_due else "")
    for key, refused in mv.refused.items():
        for d in refused:
            # its own period too: the unit's page and a sheet downloaded after the decision say it at once (trial 21:
            # the refusal waited for next month's sheet while a returned close-out's reason was there)
            if d.decision == REFUSE and d.period in (mv.prev_period, period):
                notices[(d.unit, key)] = f"{_period_cn(d.period)}的延期申请未同意" + (f"：{d.reason}" if d.reason else "")
    return Issue(mv.closed_keys(), notices)


def _period_cn(key: str) -> str:
    """2020年9月 for the period 2020-09."""
    return f"{int(key[:4])}年{int(key[5:7])}月"


def plan_for(tl, explicit=None, use_history: bool = True, db=None) -> PlanIdentity:
    """The plan identity split writes into returns (read-only: split creates no history)."""
    if not use_history:
        return identity_of(tl)
    return locate(tl, explicit, db).plan


def plan_and_issue(tl, period: str, explicit=None, use_history: bool = True, db=None, said: list | None = None):
    """plan_for and issue_for, the history looked for once; ``said`` gets the line naming a history found elsewhere
    than beside the list (the session-17 trial: split left out tasks closed in another folder's record, unsaid)."""
    place = locate(tl, explicit, db)
    if said is not None and place.note and place.stored is not None:
        said.append(place.note)
    if not use_history:     # the plan number from the list; the clerk's 销号 and 延期 still apply
        return identity_of(tl), issue_for(tl, period, place=place)
    return place.plan, issue_for(tl, period, place=place)
