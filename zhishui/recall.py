"""What the history says for one month, by the tasks of the list as it is now.

Rows are stored by the task's lineage id (listchanges.py), so a task renumbered, split or merged
when the list was revised is still found: a task's own rows first, else its parents' (a merged
task takes the worst of its parts' statuses and counts as done by a unit only when every part
was).  Everything the month needs from the past is read here once: last period's statuses and
reports, each unit's latest 已完成 (a returned close-out cancels the ones before it), the
clerk's 销号 and 延期 decisions, the first figure of each target, this year's scores.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from .decisions import AGREE, APPROVE, CLOSE, EXTEND, RETURN, Decision, latest
from .history import TID, History, Lineage, PrevShare, PrevTask
from .returnsheet import key_after
from .status import SEVERITY


@dataclass
class MonthView:
    period: str
    line: Lineage
    prev_period: str | None = None
    prev_statuses: dict = field(default_factory=dict)      # key -> status
    # every task of the last period as that period stored it (the figures its documents published), whatever
    # this period's list made of them (merged, split, dropped)
    prev_published: dict = field(default_factory=dict)     # task id -> status
    prev_tasks: dict = field(default_factory=dict)         # key -> PrevTask
    prev_fingerprint: str = ""
    done_before: dict = field(default_factory=dict)        # key -> units whose 已完成 still counts
    done_ever: dict = field(default_factory=dict)          # key -> units that reported 已完成 in any earlier period
    done_evidence: dict = field(default_factory=dict)      # key -> unit -> 佐证材料 of that 已完成
    decisions: list = field(default_factory=list)          # every Decision
    closed: dict = field(default_factory=dict)             # key -> the approving Decision (this period or before)
    returned: dict = field(default_factory=dict)           # key -> the latest 退回 (this period or before)
    extension: dict = field(default_factory=dict)          # key -> the agreed 延期 in force
    refused: dict = field(default_factory=dict)            # key -> refused 延期 decisions
    ext_decided: dict = field(default_factory=dict)        # (key, unit) -> Decision on this period's request
    baseline: dict = field(default_factory=dict)           # key -> the first figure of its target
    scores: dict = field(default_factory=dict)             # unit -> [(period, score)] this year, before this period
    prev_ranks: dict = field(default_factory=dict)         # unit -> last period's rank
    added: dict = field(default_factory=dict)              # key -> the period a task a revision added first came in
    silent: dict = field(default_factory=dict)             # unit -> the periods just before this one it did not report
    contact: dict = field(default_factory=dict)            # unit -> (填报人, 联系电话) of its latest earlier return
    # key -> the extension requests of earlier periods this period still shows (README 「延期」: 待审批 until decided)
    carried: dict = field(default_factory=dict)
    # whether a decision of the period collected before this one is still news here (is_news): that period, and the
    # sets of documents made for earlier periods with the last decision each knew
    news_prev: str | None = None
    doc_sets: list = field(default_factory=list)

    def is_news(self, d: Decision) -> bool:
        return is_news(d, self.period, self.news_prev, self.doc_sets)

    @property
    def list_changed(self) -> bool:
        """The list changed since last period (its 清单变更 is shown)."""
        return bool(self.prev_fingerprint) and self.prev_fingerprint != self.line.fingerprint and \
            self.line.prev_fingerprint == self.prev_fingerprint and bool(self.line.changes)

    def closed_keys(self) -> frozenset:
        """Tasks no longer asked for this period: closed out in an earlier month (``news_in``). A close-out
        approved on this period's own report (or counted in this month) keeps this period's rows (consolidating the
        month again must not lose what the unit reported, nor the record of who approved it)."""
        return frozenset(k for k, d in self.closed.items() if d.news_in < self.period)


@dataclass
class CarriedRequest:
    """A unit's extension request made in an earlier period: still to be decided, or decided since the
    last period's report (its decision is news this period)."""
    unit: str                  # as the 名录 names the unit now
    period: str                # YYYY-MM: the period whose return asked
    asked: dt.date | None
    reason: str
    decision: Decision | None = None


COMPARISON = ("prev_period", "prev_statuses", "prev_published", "prev_tasks", "prev_fingerprint", "prev_ranks")


def without_comparison(mv: MonthView) -> MonthView:
    """What a run with ``--no-history`` uses of the past: everything that judges this period (销号
    and 延期 decisions, units' earlier 已完成 that still count, targets' first figures) but not last
    period (no comparison, no change marks)."""
    out = MonthView(mv.period, mv.line)
    out.__dict__.update({k: v for k, v in mv.__dict__.items() if k not in COMPARISON})
    return out


def _added_since(h: History, period: str, line: Lineage, keys: list[str]) -> dict:
    """Tasks a revision of the list added (no task of an earlier version is their source): key -> the first period
    a list holding them was consolidated for (this one when none was yet).  Their 序时进度 starts there, not at the
    plan's date: a task added in December is not behind by September's clock (the session-17 trial)."""
    first = h.db.execute("SELECT MIN(period) FROM runs").fetchone()[0]
    if not first or first >= period:
        return {}
    seen: dict[str, str] = {}
    for tid, p in h.db.execute("SELECT v.tid, MIN(r.period) FROM version_tasks v JOIN runs r "
                               "ON r.list_fingerprint = v.fingerprint GROUP BY v.tid"):
        seen[tid] = p
    out = {}
    for k in keys:
        tid = line.tids.get(k, k)
        if line.sources(tid):
            continue            # a piece of a split or a merge: its sources' clock
        since = seen.get(tid, period)
        if since > first:
            out[k] = since
    return out


def decisions_of(h: History) -> list[Decision]:
    if not h.columns["decisions"]:
        return []
    out, reported = [], None
    for (i, kind, tid, task, unit, period, decision, reason, new_due, old_due, by, at, source,
         news_in) in h.db.execute("SELECT id, kind, tid, task, unit, period, decision, reason, new_due, old_due, "
                                  f"decided_by, at, source, {h.col('decisions', 'news_in')} FROM decisions ORDER BY id"):
        d = Decision(kind, tid or task, task, period, decision, unit or "", reason or "",
                     _date(new_due), _date(old_due), by or "", at or "", source or "", i)
        if not news_in:         # (kept before decisions said it: dated by the periods' report dates)
            reported = _reported_on(h) if reported is None else reported
            news_in = max([period] + [p for p, rd in reported if d.when and rd <= d.when])
        d.news_in = news_in
        out.append(d)
    return out


def _reported_on(h: History) -> list[tuple[str, str]]:
    """(period, its first report date) of every period collected."""
    return [(p, (rd or "")[:10]) for p, rd in h.db.execute(
        "SELECT period, MIN(report_date) FROM task_status GROUP BY period ORDER BY period") if rd]


DOC_SETS = ("文书", "督办台文书")     # outputs.kind of the sets of documents a 通报 is in (command line, web desk)


def said_before(h: History, period: str) -> list[tuple[str, int]]:
    """(period, the last decision it knew of) of each set of documents made for a period before ``period``: a
    decision such a set knew, of a period it obeyed, was news there, not again (README 「延期申请带到以后各期」)."""
    if not h.columns.get("outputs"):
        return []
    return [(p, n or 0) for p, n in h.db.execute(
        f"SELECT period, decisions FROM outputs WHERE period < ? AND kind IN ({','.join('?' * len(DOC_SETS))})",
        (period, *DOC_SETS))]


def is_news(d: Decision, period: str, prev: str | None, sets: list[tuple[str, int]]) -> bool:
    """A decision is news in the first month that obeys it (``news_in``: its own period, or the latest period
    collected when it was made), or — when no set of documents of that month was made after it — in the next month
    (``prev``: the period collected before ``period``), never later (the trial-18 clerk's decisions on October's
    requests were in October's regenerated 通报 and again in November's; one on October's request made from the
    November page rewrote October)."""
    if d.news_in == period:
        return True
    return d.news_in == prev and not any(p == prev and n >= d.seq for p, n in sets)


def _date(text):
    return dt.date.fromisoformat(text) if text else None


class _Mapper:
    """Reads rows kept by lineage id as the current list's keys."""

    def __init__(self, line: Lineage):
        self.line = line

    def sources(self, key: str) -> list[str]:
        tid = self.line.tids.get(key, key)
        return [tid] + self.line.sources(tid)

    def pick(self, raw: dict, key: str) -> list:
        """The rows of the task itself, else of its nearest ancestors that have rows."""
        tid = self.line.tids.get(key, key)
        if tid in raw:
            return [raw[tid]]
        direct = [raw[p] for p in self.line.parents.get(tid, []) if p in raw]
        if direct:
            return direct
        return [raw[p] for p in self.line.sources(tid) if p in raw][:1]


def view(h: History, period: str, tl, line: Lineage | None = None) -> MonthView:
    line = line or h.line or h.lineage_for(tl)
    mv = MonthView(period, line)
    mp = _Mapper(line)
    # every unit the history stored (as it wrote itself then) is looked up as the 名录 names it now: a unit renamed
    # since, its old name kept as an alias, is the same unit (the trial-15 year: 区经济信息委's September 已完成 of a
    # staged task was lost when it became 区经济和信息化局, which was then 逾期 and 督办ed three months running)
    now = tl.directory.current
    keys = [t.key for t in tl.tasks]
    # a decision news in a later month does not change this one: it was reported without it
    mv.decisions = [d for d in decisions_of(h) if d.news_in <= period]
    year = h.has_year
    # last period ------------------------------------------------------------------------
    mv.prev_period = h.previous_period(period)
    mv.news_prev, mv.doc_sets = mv.prev_period, said_before(h, period)
    if mv.prev_period:
        tid_col = TID if year else "task"
        raw: dict[str, PrevTask] = {}
        for tid, status, fp in h.db.execute(
                f"SELECT {tid_col}, status, {'fingerprint' if year else 'NULL'} FROM task_status WHERE period=?",
                (mv.prev_period,)):
            raw[tid] = PrevTask(status, {})
            mv.prev_published[tid] = status
            mv.prev_fingerprint = mv.prev_fingerprint or (fp or "")
        for tid, unit, status, reported, state, percent, progress in h.db.execute(
                f"SELECT {tid_col}, unit, status, reported, state, percent, {h.col('share_status', 'progress')} "
                f"FROM share_status WHERE period=?",
                (mv.prev_period,)):
            if tid in raw:
                raw[tid].shares[now(unit)] = PrevShare(status, bool(reported), state, percent, progress or "")
        for k in keys:
            found = mp.pick(raw, k)
            if not found:
                continue
            if len(found) == 1:
                mv.prev_tasks[k] = found[0]
            else:     # merged: the worst part, every part's reports
                shares = {}
                for p in found:
                    shares.update(p.shares)
                mv.prev_tasks[k] = PrevTask(min((p.status for p in found), key=_severity), shares)
            mv.prev_statuses[k] = mv.prev_tasks[k].status
    # tasks a revision added -------------------------------------------------------------------
    if year:
        mv.added = _added_since(h, period, line, keys)
    # decisions ----------------------------------------------------------------------------
    by_tid: dict[str, list[Decision]] = {}
    for d in mv.decisions:
        by_tid.setdefault(d.tid, []).append(d)
    for k in keys:
        srcs = mp.sources(k)
        own = [d for t in srcs[:1] for d in by_tid.get(t, [])]
        inherited = [d for t in srcs[1:] for d in by_tid.get(t, [])]
        close = latest([d for d in own if d.kind == CLOSE and d.period <= period])
        if close is not None:
            (mv.closed if close.decision == APPROVE else mv.returned)[k] = close
        ext = latest([d for d in own + inherited if d.kind == EXTEND and d.period <= period and d.decision == AGREE])
        if ext is not None:
            mv.extension[k] = ext
        mv.refused[k] = [d for d in own if d.kind == EXTEND and d.decision != AGREE and d.period <= period]
        for d in own:
            if d.kind == EXTEND and d.period == period:
                cur = mv.ext_decided.get((k, now(d.unit)))
                if cur is None or d.seq > cur.seq:
                    mv.ext_decided[(k, now(d.unit))] = d
    # 已完成 reports still counting ------------------------------------------------------------
    tid_col = TID if year else "task"
    last: dict[str, dict[str, tuple[str, bool, str]]] = {}
    ever: dict[str, dict[str, str]] = {}          # tid -> unit -> the period of its latest 已完成
    for tid, unit, p, done, evidence in h.db.execute(
            f"SELECT {tid_col}, unit, period, done, {'evidence' if year else 'NULL'} FROM share_status "
            f"WHERE period < ? AND reported = 1 ORDER BY period", (period,)):
        last.setdefault(tid, {})[now(unit)] = (p, bool(done), evidence or "")
        if done:
            ever.setdefault(tid, {})[now(unit)] = p
    returns = {}
    for d in mv.decisions:
        if d.kind == CLOSE and d.decision == RETURN and d.period < period:
            returns[d.tid] = max(returns.get(d.tid, ""), d.period)
    counted = {tid: {u: ev for u, (p, done, ev) in units.items() if done and p > returns.get(tid, "")}
               for tid, units in last.items()}
    for k in keys:
        # a staged task's stage reported 已完成 once, on it or on the task it was split or merged from, stays done
        # (the session-17 trial: a split piece went back to 逾期 the month after its own first report)
        ever_units = {u for t in mp.sources(k) for u, p in ever.get(t, {}).items() if p > returns.get(t, "")}
        if ever_units:
            mv.done_ever[k] = ever_units
        found = mp.pick(counted, k)
        if found:
            units = set(found[0])
            for other in found[1:]:
                units &= set(other)
            if units:
                mv.done_before[k] = units
                mv.done_evidence[k] = {u: next((f[u] for f in found if f.get(u)), "") for u in units}
    # targets' first figures, this year's scores ------------------------------------------------
    if year:
        first: dict[str, float] = {}
        for tid, value in h.db.execute(f"SELECT {TID}, target_value FROM task_status WHERE target_value IS NOT NULL "
                                       f"AND period < ? ORDER BY period", (period,)):
            first.setdefault(tid, value)
        for k in keys:
            found = mp.pick(first, k)
            if found:
                mv.baseline[k] = found[0]
        for p, unit, score, rank in h.db.execute(
                "SELECT period, unit, score, rank FROM unit_scores WHERE period >= ? AND period < ? ORDER BY period",
                (period[:4] + "-01", period)):
            unit = now(unit)        # (renamed since: the same unit)
            mv.scores.setdefault(unit, []).append((p, score))
            if p == mv.prev_period:
                mv.prev_ranks[unit] = rank
    if year:        # (a round-one history keeps no unit states)
        mv.silent = _silent_runs(h, period, tl)
        mv.contact = _last_contacts(h, period, tl)
        mv.carried = _carried_requests(h, period, tl, mp, keys, by_tid, mv.closed)
    return mv


def _carried_requests(h: History, period: str, tl, mp: _Mapper, keys: list, by_tid: dict, closed: dict) -> dict:
    """key -> the requests of earlier periods this period shows: each unit's latest request on the task (or on the
    task it was split or merged from) before ``period``, while the task is not closed out, when the clerk has not
    decided it, or the decision is news this month (``is_news``) (the session-19 trial: a request nobody decided was
    gone from every page and document the month after it was made).  A request this period supersedes it
    (yearrules.extension_requests)."""
    latest_req: dict[str, dict[str, tuple]] = {}
    for tid, by_unit in h.earlier_requests(period).items():
        # (in period order: a unit's later request wins, under whichever name it wrote)
        for unit, (p, to, reason) in sorted(by_unit.items(), key=lambda x: x[1][0]):
            latest_req.setdefault(tid, {})[tl.directory.current(unit)] = (p, _date(to), reason)
    if not latest_req:
        return {}
    sets, prev = said_before(h, period), h.previous_period(period)      # (as MonthView.is_news)
    out: dict[str, list] = {}
    for k in keys:
        if k in closed:
            continue
        srcs = mp.sources(k)
        asked: dict[str, tuple] = {}
        for t in srcs:
            for unit, req in latest_req.get(t, {}).items():
                if unit not in asked or req[0] > asked[unit][0]:
                    asked[unit] = req
        decided = [d for t in srcs for d in by_tid.get(t, []) if d.kind == EXTEND]
        for unit, (p, to, reason) in sorted(asked.items()):
            d = latest([x for x in decided if x.period == p and tl.directory.current(x.unit) == unit])
            if d is not None and not is_news(d, period, prev, sets):
                continue        # news in an earlier month's documents, said then (an agreed one is in force since)
            out.setdefault(k, []).append(CarriedRequest(unit, p, to, reason, d))
    return out


def _last_contacts(h: History, period: str, tl) -> dict:
    """unit -> (填报人, 联系电话) it wrote on its latest return before ``period``: whom the 催报 names for a unit that has
    not sent this month's, where the 名录 has no contact (the session-17 trial found the columns empty)."""
    out: dict[str, list] = {}
    for unit, field_, raw in h.db.execute(
            "SELECT s.unit, c.field, c.raw FROM cell_values c JOIN submissions s ON s.id = c.submission_id "
            "WHERE c.field IN ('reporter', 'phone') AND s.period < ? AND s.unit IS NOT NULL ORDER BY s.period, s.id",
            (period,)):
        got = out.setdefault(tl.directory.current(unit), ["", ""])
        if raw and str(raw).strip():
            got[0 if field_ == "reporter" else 1] = str(raw).strip()
    return {u: (a, b) for u, (a, b) in out.items()}


SENT_STATES = ("已报送", "逾期报送")


def _month_before(period: str) -> str:
    y, m = (int(x) for x in period.split("-")[:2])
    return f"{y - 1:04d}-12" if m == 1 else f"{y:04d}-{m - 1:02d}"


def _silent_runs(h: History, period: str, tl) -> dict:
    """unit -> the periods right before ``period`` (as collected, latest last) for which it sent no usable return:
    consecutive months only, the first of them the month before ``period`` (the session-19 trial: a unit silent in
    a period recorded 32 months earlier was 「连续2个月」 late; a month not collected breaks the run, as nobody
    knows whether the unit would have reported it).  Every expected unit's state is in unit_states (the session-20
    trial: 团市委, only 责任 and 配合 on its tasks, is never ranked and was never said to be silent two months
    running); a period recorded before that table existed has only its ranked units', in unit_scores."""
    states: dict[str, dict[str, str]] = {}
    if h.columns.get("unit_states"):
        for p, unit, state in h.db.execute("SELECT period, unit, state FROM unit_states WHERE period < ?", (period,)):
            states.setdefault(p, {})[tl.directory.current(unit)] = state or ""
    every = set(states)
    for p, unit, state in h.db.execute("SELECT period, unit, state FROM unit_scores WHERE period < ?", (period,)):
        if p not in every:
            states.setdefault(p, {})[tl.directory.current(unit)] = state or ""
    out: dict[str, list] = {}
    for unit in {u for by in states.values() for u in by}:
        run, want = [], _month_before(period)
        for p in sorted(states, reverse=True):
            if p != want or states[p].get(unit, "") in SENT_STATES or unit not in states[p]:
                break
            run.insert(0, p)
            want = _month_before(p)
        if run:
            out[unit] = run
    return out


def _severity(status: str) -> int:
    return SEVERITY.index(status) if status in SEVERITY else len(SEVERITY)


def parents_json(line: Lineage) -> str:
    return json.dumps(line.parents, ensure_ascii=False)


def settled(tl, history_dir=None, db: str | None = None) -> tuple[dict, str]:
    """key -> ("销号", None), ("延期", new date), ("阶段完成", None) or ("待销号", the period it was reported done in) for
    the tasks the list's history closed out, extended, finished the stage of or saw reported done, as of its
    latest period (`check` asks nothing of a closed task's deadline), and the line naming the history when it is not
    beside the list; ({}, "") without a history."""
    from .archives import locate
    place = locate(tl, history_dir, db)
    if place.stored is None:
        return {}, ""
    h = place.history(readonly=True)
    try:
        periods = h.periods()
        if not periods or not h.has_year:
            return {}, ""
        mv = view(h, periods[-1], tl)
        out = {k: ("延期", d.new_due) for k, d in mv.extension.items()}
        # 「X完成,并长期坚持」 whose stage every answering unit has reported done, up to the latest period included:
        # its date asks nothing more (trial 20's check told the clerk to confirm a stage done two months before)
        after = view(h, key_after(periods[-1]), tl)
        ever = after.done_ever
        # the latest period's close-out state of each task (trial 36: a task 缺佐证 was 「待销号」 in check, which advised
        # a 销号 that close refuses)
        line = h.lineage_for(tl)
        states = dict(h.db.execute(f"SELECT {h.col('task_status', 'tid')}, {h.col('task_status', 'closeout')} "
                                   "FROM task_status WHERE period = ?", (periods[-1],)).fetchall())
        for t in tl.tasks:
            units = set(t.answering_units())
            if t.deadline.ongoing and t.deadline.due and units and units <= ever.get(t.key, set()):
                out[t.key] = ("阶段完成", None)
            elif after.prev_statuses.get(t.key) == "已完成" and t.key not in mv.closed:
                # reported done in the latest period, waiting for its 销号: not a deadline to confirm (trial 22)
                no_evidence = states.get(line.tids.get(t.key, t.key)) == "缺佐证"
                out.setdefault(t.key, ("缺佐证" if no_evidence else "待销号", periods[-1]))
        out.update({k: ("销号", None) for k, d in mv.closed.items()})
        return out, place.note if out else ""
    finally:
        h.close()
