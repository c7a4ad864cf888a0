"""The clerk's decisions over the year: 销号 (close-out) and 延期 (extension), README 「销号」「延期」.

* A one-off task reported 已完成 by every answering unit, each with 佐证材料, is 待销号.  The
  clerk approves (批准: the task is 已销号 from that period on and leaves later returns) or returns
  it (退回, with the reason: the unit's 已完成 up to that period no longer counts, and the reason
  is printed in 办理意见 on its next return).
* A unit asks for more time in its return (申请延期至, 延期理由).  The clerk agrees (同意: from the
  period of the request the task is judged against the new date, the original kept and shown)
  or refuses (不同意).

Decisions are kept in the history (who, when, why), by the task's lineage id, so they follow a
task when the list is revised.  The command line (``zhishui close``, ``zhishui extend``) and the
督办台账 (sheet 销号延期, action 办理销号延期) and the browser desk (``zhishui serve``, page 销号和延期) record them
through ``close_out`` and ``extend``; each says what to do in its own words (``front_words``).
"""
from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass, field

from .errors import ZhishuiError

CLOSE, EXTEND = "销号", "延期"
APPROVE, RETURN = "批准", "退回"          # 销号
AGREE, REFUSE = "同意", "不同意"          # 延期
# the close-out states a task shows (README 「销号」 rows 1..4)
CLOSED, RETURNED, PENDING, NO_EVIDENCE = "已销号", "退回", "待销号", "缺佐证"
CLOSEOUT_STATES = [CLOSED, RETURNED, PENDING, NO_EVIDENCE]
# said after the source (命令行 | 督办台账 | 网页督办台) when nobody named the 办理人 and the login name was kept
LOGIN_MARK = "（办理人为登录用户名）"
CLI, LEDGER, WEB = "命令行", "督办台账", "网页督办台"     # where a decision was made (its ``source``)
# the extension states (README 「延期」 rows 1..4)
EXT_PENDING, EXT_AGREED, EXT_REFUSED, EXT_INVALID = "待审批", "已同意", "不同意", "申请无效"
EXTENSION_STATES = [EXT_PENDING, EXT_AGREED, EXT_REFUSED, EXT_INVALID]
# what each state means for the clerk, as the README's tables say it (the browser desk's 销号和延期 page: why a task is
# listed, what can be done with it)
STATE_MEANING = {
    PENDING: "一次性任务，答复单位都报了「已完成」，都填了佐证材料：可以批准销号，或退回",
    NO_EVIDENCE: "一次性任务，答复单位都报了「已完成」，但有单位没填佐证材料：不能批准，只能退回（写明理由）",
    CLOSED: "已批准销号：按已完成计，以后的报送表不再列出；批准错了，可以在批准的这一期撤销（退回，写明理由）",
    RETURNED: "销号已退回：退回那一期和以前报的「已完成」不再算数，理由写进单位下期报送表的「办理意见」；单位重新报「已完成」后再办理",
    EXT_PENDING: "单位申请延期，还没有办理：批准前仍按原时限判断",
    EXT_AGREED: "已同意：从办理算在的那一期（申请的那一期，或办理时已汇总的最近一期）起按调整后的时限判断；可以改日期或改为不同意（以后一次为准）",
    EXT_REFUSED: "不同意：仍按原时限判断；可以改为同意（以后一次为准）",
    EXT_INVALID: "申请无效（没写日期、写的不是日期，或不晚于现在的时限）：同意时要写明延期至哪一天",
}


@dataclass
class Decision:
    kind: str                 # 销号 | 延期
    tid: str                  # the task's lineage id (history.version_tasks)
    task: str                 # its key in the list version the decision was made on
    period: str               # YYYY-MM: the period whose report it decides
    decision: str             # 批准 | 退回 | 同意 | 不同意
    unit: str = ""            # 延期: the unit that asked
    reason: str = ""
    new_due: dt.date | None = None
    old_due: dt.date | None = None
    by: str = ""
    at: str = ""              # ISO date (and time) of the decision
    source: str = ""          # 命令行 | 督办台账
    seq: int = 0              # order of recording (the latest decision on the same thing wins)
    # YYYY-MM: the one period whose month the decision is news in and which it changes first (recall.news_periods):
    # its own period, or the latest period already reported when it was made; earlier months stay as reported
    news_in: str = ""

    @property
    def approved(self) -> bool:
        return self.decision in (APPROVE, AGREE)

    @property
    def when(self) -> str:
        return self.at[:10]

    @property
    def by_login(self) -> bool:
        """The 办理人 is the computer's login name (nobody named one), not a name the clerk gave."""
        return self.source.endswith(LOGIN_MARK)

    @property
    def named_by(self) -> str:
        """The 办理人 a document may print: a person or unit the clerk named, never a login name.
        Decisions recorded before the login was marked are printed only when the name is Chinese
        (a login such as root or Administrator is not)."""
        if self.by_login or not any("\u4e00" <= ch <= "\u9fff" for ch in self.by):
            return ""
        return self.by

    def text(self, clerk: bool = False) -> str:
        """One line for the 汇总 (workbook, ledger, command line) and the 通报: documents, so the 办理人 is
        the printed one (``named_by``), never the login name kept when nobody was named.  ``clerk``: a line
        for the clerk's own pages (what changed since a set was made), which say who, the login marked."""
        by = (f"{self.by}（登录名）" if self.by_login else self.by) if clerk else self.named_by
        who = f"{by}，{self.when}" if by else self.when
        if self.kind == CLOSE:
            return f"{self.period}报送的完成情况{'已批准销号' if self.approved else '销号被退回'}（{who}）" + \
                (f"：{self.reason}" if self.reason else "")
        what = f"延期至{self.new_due:%Y-%m-%d}" if self.new_due else "延期"
        return f"{self.unit}申请{what}{'已同意' if self.approved else '不同意'}（{who}）" + \
            (f"：{self.reason}" if self.reason else "")

    def to_dict(self) -> dict:
        return {"kind": self.kind, "task": self.task, "tid": self.tid, "period": self.period,
                "decision": self.decision, "unit": self.unit, "reason": self.reason,
                "new_due": self.new_due.isoformat() if self.new_due else None,
                "old_due": self.old_due.isoformat() if self.old_due else None,
                "by": self.by, "at": self.at, "source": self.source}


def latest(decisions, **match) -> Decision | None:
    """The latest decision (by period, then by when it was recorded) matching the fields."""
    hits = [d for d in decisions if all(getattr(d, k) == v for k, v in match.items())]
    return max(hits, key=lambda d: (d.period, d.seq), default=None)


@dataclass
class Issue:
    """What split needs from the history: the tasks no longer asked for, and the clerk's word on
    each task for each unit (办理意见 on its return)."""
    closed: frozenset = frozenset()
    notices: dict = field(default_factory=dict)     # (unit or "", task key) -> text

    def notices_for(self, unit: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for (u, key), text in self.notices.items():
            if u in ("", unit):
                out[key] = "；".join(x for x in (out.get(key, ""), text) if x)
        return out


def clerk_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (a service): the decision is still kept
        return ""


def _who(by: str, source: str, login: str | None = None) -> tuple[str, str]:
    """The 办理人 as given; none given: the login name (``login``: the browser desk's signed-in clerk; else this
    computer's user), kept for the history and marked so that no document prints it."""
    by = (by or "").strip()
    if by:
        return by, source
    return (clerk_name() if login is None else login), source + LOGIN_MARK


def front_words(source: str, cli: str, ledger: str, web: str) -> str:
    """What to do, in the words of the front the clerk is using: the command line's options, the 督办台账's
    columns, the browser page's buttons and boxes (a page that said 「--return」 would send a WPS clerk nowhere)."""
    return web if source.startswith(WEB) else ledger if source.startswith(LEDGER) else cli


def check_close(task_label: str, state: str, reported: bool, period: str, approve: bool,
                unfinished: list[str] | tuple = (), ongoing: bool = False, no_evidence: list[str] | tuple = (),
                source: str = CLI) -> None:
    """Refuse a close-out decision that cannot be right (nothing is recorded). ``unfinished``: the
    answering units that did not report 已完成 that period; ``ongoing``: the task is 长期坚持 that period
    (its 已完成 is the stage done, kept up: it has no close-out)."""
    if ongoing and not reported and state != CLOSED:
        raise ZhishuiError(f"序号{task_label}在{period}是长期坚持的任务：单位报「已完成」按长期坚持落实计，没有销号",
                           code="ONGOING_NO_CLOSE",
                           hint="长期坚持、周期性的任务不销号；一次性任务（或「X完成,并长期坚持」中X之前的阶段）报了已完成才能销号")
    if state == CLOSED:
        raise ZhishuiError(f"序号{task_label}已经销号，不需要再办理", code="ALREADY_CLOSED",
                           hint=front_words(source, "如需撤销销号，请用 --return 退回批准的那一期（--period 写批准销号的报送期，写明理由）",
                                     "如需撤销销号，请写一行「退回销号」，「报送期」写批准销号的报送期（写明理由）",
                                     "如需撤销销号，请在批准销号的那一期的「销号和延期」页点「撤销销号（退回）」（写明理由）"))
    if not reported and unfinished:
        more = f"等{len(unfinished)}个" if len(unfinished) > 8 else ""
        raise ZhishuiError(f"序号{task_label}在{period}还有单位没有报「已完成」（{'、'.join(unfinished[:8])}{more}），"
                           "不是待销号的任务", code="NOT_PENDING",
                           hint="几个单位共同负责的任务要每家都报了已完成才能销号；请待这些单位报已完成后再办理")
    if not reported:
        raise ZhishuiError(f"序号{task_label}在{period}没有单位报「已完成」，不是待销号的任务", code="NOT_PENDING",
                           hint="只有报了已完成的任务才能销号或退回")
    if approve and state == NO_EVIDENCE:
        who = "、".join(no_evidence) if no_evidence else "有单位"
        raise ZhishuiError(f"序号{task_label}在{period}报了已完成，但{who}没有填写佐证材料，不能销号", code="NO_EVIDENCE",
                           hint=front_words(source, "请退回（--return --reason \"请补充佐证材料\"），或待单位补报佐证材料后再销号",
                                     "请退回（「办理」写「退回销号」，「理由」写「请补充佐证材料」），或待单位补报佐证材料后再销号",
                                     "请退回（「理由」写「请补充佐证材料」，点「退回」），或待单位补报佐证材料后再销号"))


def check_extend(task_label: str, requests: dict, unit: str | None, period: str, source: str = CLI) -> str:
    """The unit whose request is decided; refuses when there is none (nothing is recorded)."""
    if not requests:
        raise ZhishuiError(f"序号{task_label}在{period}没有单位申请延期", code="NO_EXTENSION_REQUEST",
                           hint="延期由单位在报送表「申请延期至」「延期理由」中申请；办事员直接调整时限请修改清单")
    if unit is None:
        if len(requests) > 1:
            raise ZhishuiError(f"序号{task_label}在{period}有{len(requests)}个单位申请延期（{'、'.join(requests)}）",
                               code="WHICH_UNIT", hint=front_words(source, "请用 --unit 指定办理哪个单位的申请",
                                                            "请在「单位」列写明办理哪个单位的申请",
                                                            "请在那个单位的申请所在的行办理"))
        return next(iter(requests))
    if unit not in requests:
        raise ZhishuiError(f"{unit}在{period}没有申请序号{task_label}延期", code="NO_EXTENSION_REQUEST",
                           hint="申请延期的单位：" + "、".join(requests))
    return unit


# --- recording a decision (the command line and the 督办台账 both come here) --------------------

def find_task(tl, label: str):
    """A task by its 序号 (or key) as the clerk writes it."""
    label = str(label).strip()
    hits = [t for t in tl.tasks if t.key == label] or [t for t in tl.tasks if t.seq == label]
    if not hits:
        raise ZhishuiError(f"清单里没有序号为「{label}」的任务", code="NO_SUCH_TASK",
                           hint="请写清单「序号」列中的序号，如 7")
    return hits[0]


def _period_row(h, tid: str, period: str):
    return h.db.execute("SELECT task, status, closeout, due FROM task_status WHERE period=? AND COALESCE(tid, task)=?",
                        (period, tid)).fetchone()


def _unfinished(h, tid: str, period: str) -> list[str]:
    """The answering units of a task that did not report 已完成 in ``period``, when some others did."""
    rows = list(h.db.execute("SELECT unit, state FROM share_status WHERE period=? AND COALESCE(tid, task)=?",
                             (period, tid)))
    if not any(state == "已完成" for _u, state in rows):
        return []
    return [u for u, state in rows if state != "已完成"]


def _without_evidence(h, tid: str, period: str) -> list[str]:
    """The units that reported the task 已完成 in ``period`` with no 佐证材料 (the session-17 trial: not named)."""
    if not h.has_year:
        return []           # (a round-one history keeps no 佐证材料 column)
    return [u for u, in h.db.execute("SELECT unit FROM share_status WHERE period=? AND COALESCE(tid, task)=? "
                                     "AND state='已完成' AND COALESCE(evidence, '')=''", (period, tid))]


def _said_done(h, tid: str, period: str) -> bool:
    """Some unit reported 已完成 on the task in ``period``."""
    return h.db.execute("SELECT 1 FROM share_status WHERE period=? AND COALESCE(tid, task)=? AND state='已完成' LIMIT 1",
                        (period, tid)).fetchone() is not None


def _waiting(h, tl, tid: str, period: str) -> dict:
    """unit -> (申请延期至, 理由, the period that asked) of each unit's latest request on the task (or the task it was
    split or merged from) before ``period`` that nobody has decided: what the month carries as 待审批."""
    tids = [tid] + h.line.sources(tid)
    marks = ",".join("?" * len(tids))
    latest_req: dict[str, tuple] = {}
    asked = sorted(((p, u, to, reason) for by_unit in h.earlier_requests(period, tids).values()
                    for u, (p, to, reason) in by_unit.items()), key=lambda x: x[0])
    for p, u, to, reason in asked:
        latest_req[tl.directory.current(u)] = (u, to, reason, p)
    out = {}
    for u, to, reason, p in latest_req.values():
        names = tl.directory.names_of(tl.directory.current(u))
        done = h.db.execute(f"SELECT 1 FROM decisions WHERE kind=? AND period=? AND COALESCE(tid, task) IN ({marks}) "
                            f"AND unit IN ({','.join('?' * len(names))}) LIMIT 1",
                            (EXTEND, p, *tids, *names)).fetchone()
        if done is None:
            out[u] = (to, reason, p)
    return out


def _need_period(h, period: str) -> None:
    if not h.db.execute("SELECT 1 FROM task_status WHERE period=? LIMIT 1", (period,)).fetchone():
        known = "、".join(h.periods()[-6:]) or "（还没有）"
        raise ZhishuiError(f"历史记录里没有{period}的汇总结果", code="PERIOD_NOT_COLLECTED",
                           hint=f"请先汇总该报送期（zhishui collect）；已汇总的报送期：{known}")


def close_out(h, tl, labels, period: str, *, approve: bool, reason: str = "", by: str = "", at: str = "",
              source: str = CLI, login: str | None = None) -> list[str]:
    """Approve or return the close-out of tasks reported 已完成 in ``period``; every task is checked
    before anything is recorded.  Returns one Chinese line per task.  ``login``: who is signed in, kept (marked)
    when no 办理人 is given (``_who``)."""
    from .recall import decisions_of
    _need_period(h, period)
    if not approve and not reason.strip():
        raise ZhishuiError("退回销号要写明理由", code="NO_REASON",
                           hint=front_words(source, "请加 --reason \"退回的理由\"", "请在「理由」列写明退回的理由",
                                     "请在「理由」栏写明退回的理由") + "，单位会在下期报送表「办理意见」中看到")
    earlier = decisions_of(h)
    todo = []
    refused: list[tuple[str, ZhishuiError]] = []
    for label in labels:
        t = find_task(tl, label)
        tid = h.line.tids.get(t.key, t.key)
        row = _period_row(h, tid, period)
        state = (row[2] or "") if row else ""
        now = latest([d for d in earlier if d.tid == tid and d.kind == CLOSE and d.period <= period])
        if now is not None and now.decision == APPROVE:
            state = CLOSED
        done = bool(row) and (row[1] == "已完成" or state in (PENDING, NO_EVIDENCE))
        if not approve and state == CLOSED and now is not None and now.period == period:
            # a close-out approved on this period's report, returned: the approval is undone (the latest decision
            # counts, recall.py), as ALREADY_CLOSED's hint has always said
            todo.append((t, tid, row[0] if row else t.key))
            continue
        unfinished = [] if done else _unfinished(h, tid, period)
        try:
            check_close(t.label, state, done, period, approve, unfinished,
                        ongoing=bool(row) and row[1] == "长期坚持" and _said_done(h, tid, period),
                        no_evidence=_without_evidence(h, tid, period) if state == NO_EVIDENCE else (), source=source)
        except ZhishuiError as e:
            refused.append((t.label, e))
            continue
        todo.append((t, tid, row[0] if row else t.key))
    if refused and len(labels) > 1:
        # every task is checked before anything is recorded: say that the others were not done either (the
        # session-17 trial: 「close 3 28」 refused 28 and closed nothing, without a word about 3)
        others = [t.label for t, _tid, _k in todo]
        raise ZhishuiError("；".join(e.what for _l, e in refused)
                           + (f"。序号{'、'.join(others)}可以办理，但这次一项都没有记录" if others else ""),
                           code=refused[0][1].code,
                           hint=front_words(source, "请去掉不能办理的序号后再运行", "请去掉不能办理的序号后再运行",
                                     "请去掉不能办理的序号后再办理") if others
                           else "；".join(dict.fromkeys(f"序号{lb}：{e.hint}" for lb, e in refused if e.hint)))
    if refused:
        raise refused[0][1]
    at = at or dt.datetime.now().isoformat(timespec="seconds")
    by, source = _who(by, source, login)
    lines = []
    for t, tid, key_then in todo:
        h.add_decision(Decision(CLOSE, tid, key_then, period, APPROVE if approve else RETURN, reason=reason.strip(),
                                by=by, at=at, source=source))
        lines.append(f"序号{t.label}：{period}报送的完成情况" + ("已批准销号，以后的报送表不再列出这项任务" if approve
                                                           else f"销号已退回（{reason.strip()}），单位下期报送表「办理意见」中写明"))
    return lines


def extend(h, tl, label: str, period: str, *, agree: bool, unit: str | None = None, to: dt.date | None = None,
           reason: str = "", by: str = "", at: str = "", source: str = CLI, login: str | None = None) -> str:
    """Decide a unit's extension request of ``period`` (or of an earlier period, still undecided)."""
    named = period
    _need_period(h, period)
    t = find_task(tl, label)
    tid = h.line.tids.get(t.key, t.key)
    requests = {u: (d, r or "", period) for u, d, r in h.db.execute(
        "SELECT unit, extend_to, extend_reason FROM share_status WHERE period=? AND COALESCE(tid, task)=? "
        "AND (extend_to IS NOT NULL OR extend_reason IS NOT NULL)", (period, tid))}
    # an earlier period's request still waiting is this period's to decide too (README 「延期」 row 1: the month shows
    # it 待审批 until decided); the decision is kept on the period that asked, from which an agreed date applies
    for u, req in _waiting(h, tl, tid, period).items():
        if not any(tl.directory.current(x) == tl.directory.current(u) for x in requests):
            requests[u] = req
    if not requests:
        last = h.db.execute("SELECT period, unit, decision FROM decisions WHERE kind=? AND COALESCE(tid, task)=? "
                            "AND period < ? ORDER BY period DESC, id DESC LIMIT 1", (EXTEND, tid, period)).fetchone()
        if last is not None:
            raise ZhishuiError(f"序号{t.label}在{period}没有待办理的延期申请（{last[1]}{last[0]}的申请已办理：{last[2]}）",
                               code="NO_EXTENSION_REQUEST",
                               hint=front_words(source, f"要改那次的办理结果，请写 --period {last[0]}（以后一次为准）",
                                         f"要改那次的办理结果，请在「报送期」写{last[0]}（以后一次为准）",
                                         f"要改那次的办理结果，请在{last[0]}报送期的「销号和延期」页修改（以后一次为准）"))
    if unit is not None:
        # (a request made under a unit's old name is the renamed unit's: either name finds it)
        unit = next((u for u in requests if u == unit or tl.directory.current(u) == tl.directory.current(unit)), unit)
    who = check_extend(t.label, requests, unit, period, source)
    asked = dt.date.fromisoformat(requests[who][0]) if requests[who][0] else None
    period = requests[who][2]
    row = _period_row(h, tid, period) or _period_row(h, tid, named)
    old_due = dt.date.fromisoformat(row[3]) if row and row[3] else t.deadline.due
    new_due = to or asked
    if agree:
        if new_due is None:
            raise ZhishuiError(f"{who}的延期申请没有写明日期", code="NO_EXTENSION_DATE",
                               hint=front_words(source, "请用 --to 2020-12-31 写明同意延期到哪一天",
                                         "请在「延期至」列写明同意延期到哪一天", "请在「延期至」栏写明同意延期到哪一天"))
        if old_due and new_due <= old_due:
            raise ZhishuiError(f"延期后的时限{new_due:%Y-%m-%d}不晚于现在的时限{old_due:%Y-%m-%d}", code="EXTENSION_NOT_LATER",
                               hint=front_words(source, "请用 --to 写一个更晚的日期，或用 --refuse 不同意",
                                         "请在「延期至」列写一个更晚的日期，或写「不同意延期」",
                                         "请在「延期至」栏写一个更晚的日期，或点「不同意」"))
        start = dt.date(int(named[:4]), int(named[5:7]), 1)
        if new_due < start:
            # granted on this period's report, a deadline already past makes the task overdue at once
            raise ZhishuiError(f"延期后的时限{new_due:%Y-%m-%d}在报送期{named}之前，同意后任务仍然逾期", code="EXTENSION_PAST",
                               hint=front_words(source, "请检查同意延期到的日期（命令行 --to，督办台账「延期至」列）的年份和月份，或不同意延期",
                                         "请检查「延期至」列的年份和月份，或不同意延期",
                                         "请检查「延期至」栏的年份和月份，或点「不同意」"))
    at = at or dt.datetime.now().isoformat(timespec="seconds")
    by, source = _who(by, source, login)
    # the latest decision counts: one made before on the same request is replaced, and said so
    before = h.db.execute("SELECT decision, new_due, at FROM decisions WHERE kind=? AND tid=? AND period=? AND unit=? "
                          "ORDER BY id DESC LIMIT 1", (EXTEND, tid, period, who)).fetchone()
    made = Decision(EXTEND, tid, row[0] if row else t.key, period, AGREE if agree else REFUSE, who,
                    reason.strip(), new_due if agree else asked, old_due, by, at, source)
    h.add_decision(made)        # (sets made.news_in: the period from which it applies)
    replaced = ""
    if before is not None:
        was = f"同意延期至{before[1]}" if before[0] == AGREE and before[1] else f"{before[0]}延期"
        replaced = f"；此前（{str(before[2])[:10]}）已{was}，以这次为准"
    asked_then = f"（{period}申请）" if period != named else ""
    who = tl.directory.current(who)     # (said by its name now; the request is kept under the name it was made by)
    if agree:
        return (f"序号{t.label}：同意{who}{asked_then}延期，完成时限由{old_due:%Y-%m-%d}调整为{new_due:%Y-%m-%d}"
                f"（自{made.news_in}起按调整后时限判断）" if old_due else f"序号{t.label}：同意{who}延期至{new_due:%Y-%m-%d}") + replaced
    return (f"序号{t.label}：不同意{who}{asked_then}的延期申请" + (f"（{reason.strip()}）" if reason.strip() else "") + "，仍按原时限判断"
            + replaced)


# --- the 督办台账's 销号延期 sheet ------------------------------------------------------------------

SHEET_HEADERS = ["序号", "报送期", "办理", "单位", "延期至", "理由", "办理人", "结果"]
SHEET_ACTIONS = {"批准销号": (CLOSE, True), "退回销号": (CLOSE, False), "同意延期": (EXTEND, True),
                 "不同意延期": (EXTEND, False)}


def apply_rows(h, tl, rows: list[dict], *, on: dt.date, parse_period, parse_date) -> dict[int, str]:
    """Decide each row of the 销号延期 sheet not yet done (结果 empty); row number -> what happened.
    A row that cannot be decided records nothing and says why; the others are still decided."""
    out: dict[int, str] = {}
    for r in rows:
        if not str(r.get("办理") or "").strip() or str(r.get("结果") or "").strip():
            continue
        try:
            action = str(r["办理"]).strip()
            if action not in SHEET_ACTIONS:
                raise ZhishuiError(f"「办理」写的是「{action}」", hint="请写：" + "、".join(SHEET_ACTIONS))
            period = parse_period(r.get("报送期"))
            if period is None:
                raise ZhishuiError("没有填写报送期", hint="请写成 2020-11")
            kind, yes = SHEET_ACTIONS[action]
            common = dict(reason=str(r.get("理由") or ""), by=str(r.get("办理人") or ""), at=on.isoformat(),
                          source="督办台账")
            with h.transaction():
                if kind == CLOSE:
                    lines = close_out(h, tl, [str(r.get("序号") or "")], f"{period:%Y-%m}", approve=yes, **common)
                    out[r["row"]] = "；".join(lines)
                else:
                    to = parse_date(r.get("延期至")) if r.get("延期至") not in (None, "") else None
                    out[r["row"]] = extend(h, tl, str(r.get("序号") or ""), f"{period:%Y-%m}", agree=yes,
                                           unit=str(r.get("单位") or "").strip() or None, to=to, **common)
        except ZhishuiError as e:
            out[r["row"]] = "未办理：" + e.message      # (the message holds its hint already)
    return out
