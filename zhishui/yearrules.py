"""The year's rules on one month's task statuses: close-out states (README 「销号」), extension
requests (「延期」) and measured targets (「目标怎么判」).  Each is the README table, first row
that applies wins; month.py calls them once per task and every output presents the result.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .decisions import (AGREE, CLOSED, EXT_AGREED, EXT_INVALID, EXT_PENDING, EXT_REFUSED, NO_EVIDENCE, PENDING,
                        RETURNED)
from .status import DONE, ONE_OFF, deadline_kind, expected_progress
from .targets import judge, target_of


def closes_out(task) -> bool:
    """Only a one-off task is closed out (销号); long-term and periodic ones are not (README 「销号」)."""
    return deadline_kind(task.deadline) == ONE_OFF


def evidence_decides(task, unit: str) -> bool:
    """Whether this unit's 佐证材料 decides the task's 销号: README 「销号」 rules 3–4 count the answering units of a
    one-off task (``closeout_state``'s shares), never a 配合单位 — so only they are told 「销号需要佐证」."""
    return closes_out(task) and unit in task.answering_units()


EARLIER_EVIDENCE = "（以前报送的）"    # beside evidence given with an earlier 已完成 (README 「销号」 rule 3)


def closeout_state(ts, rv) -> tuple[str, int, str]:
    """(state, README row, note) of one task; ("", 0, "") when none applies."""
    if ts.closeout == CLOSED:          # decided in status.decide (row 1)
        return ts.closeout, ts.closeout_rule, ts.closeout_note
    key = ts.task.key
    returned = rv.returned.get(key) if rv else None
    done = ts.status == DONE and closes_out(ts.task)
    if returned is not None and not done:
        return RETURNED, 2, returned.text()
    if not done:
        return "", 0, ""
    earlier = rv.done_evidence.get(key, {}) if rv else {}

    def given(s) -> str:
        # the unit's own 佐证 this period; else what it gave when it last reported the task done (and nobody returned
        # it since): trial 29's unit re-reported 已完成 without retyping its 竣工验收意见 and fell back to 缺佐证
        own = str(s.report.evidence or "").strip() if s.report else ""
        if own or not earlier.get(s.unit):
            return own
        return earlier[s.unit] + (EARLIER_EVIDENCE if s.report else "")
    evidence = {s.unit: given(s) for s in ts.shares}
    lacking = [u for u, e in evidence.items() if not str(e or "").strip()]
    if ts.shares and not lacking:
        return PENDING, 3, "佐证材料：" + "；".join(f"{u}：{e}" for u, e in evidence.items())
    if ts.shares:
        return NO_EVIDENCE, 4, "没有填写佐证材料的单位：" + "、".join(lacking)
    return "", 0, ""


@dataclass
class ExtensionRequest:
    """One unit's request for more time on one task this period."""
    task: object               # tasks.Task
    unit: str
    asked: dt.date | None      # 申请延期至 (None: not a date)
    asked_raw: str
    reason: str
    due: dt.date | None        # the deadline in force when asked
    state: str                 # 待审批 | 已同意 | 不同意 | 申请无效
    rule: int
    decision: object = None    # decisions.Decision, once decided
    asked_in: str = ""         # YYYY-MM of an earlier period whose return asked ("" : this period's)

    @property
    def when_text(self) -> str:
        """本期, or 2026年10月 for a request carried from an earlier period."""
        return f"{int(self.asked_in[:4])}年{int(self.asked_in[5:7])}月" if self.asked_in else "本期"

    @property
    def note(self) -> str:
        """What the clerk did with it: the decision, or (carried) that it is still waiting since its period."""
        if self.decision is not None:
            return self.decision.text()
        return f"{self.when_text}申请，尚未办理" if self.asked_in else ""

    def to_dict(self) -> dict:
        return {"task": self.task.seq or self.task.label, "key": self.task.key, "unit": self.unit,
                "requested": self.asked.isoformat() if self.asked else None, "requested_raw": self.asked_raw,
                "reason": self.reason, "due": self.due.isoformat() if self.due else None, "state": self.state,
                "rule": self.rule, "decision": self.decision.to_dict() if self.decision else None,
                "asked_in": self.asked_in or None}


def request_state(asked: dt.date | None, due: dt.date | None, decision) -> tuple[str, int]:
    """README 「延期」, first row that applies wins."""
    if asked is None or due is None or asked <= due:
        return EXT_INVALID, 4
    if decision is None:
        return EXT_PENDING, 1
    return (EXT_AGREED, 2) if decision.decision == AGREE else (EXT_REFUSED, 3)


def extension_requests(statuses, rv, col) -> list[ExtensionRequest]:
    """This period's requests, then those of earlier periods still to be decided (or decided since the last
    period's report) that no request of the same unit this period supersedes (README 「延期」)."""
    out = []
    for ts in statuses:
        now = set()
        for s in ts.shares:
            r = s.report
            if r is None or not (r.extend_raw or r.extend_reason):
                continue
            now.add(col.tl.directory.current(s.unit))
            decision = rv.ext_decided.get((ts.task.key, s.unit)) if rv else None
            due = ts.original_due if decision is not None and ts.extension is decision else ts.due
            state, rule = request_state(r.extend_to, due, decision)
            out.append(ExtensionRequest(ts.task, s.unit, r.extend_to, r.extend_raw, r.extend_reason, due, state, rule,
                                        decision))
        for c in (rv.carried.get(ts.task.key, []) if rv else []):
            if c.unit in now or ts.closeout == CLOSED:
                continue
            due = ts.original_due if c.decision is not None and ts.extension is c.decision else ts.due
            state, rule = request_state(c.asked, due, c.decision)
            if state == EXT_INVALID:
                continue    # said when it was made (申请无效), or moot since (the deadline in force is as late)
            out.append(ExtensionRequest(ts.task, c.unit, c.asked, c.asked.isoformat() if c.asked else "", c.reason,
                                        due, state, rule, c.decision, asked_in=c.period))
    return out


def measure(ts, rv, on: dt.date, plan_date: dt.date | None):
    """The task's target this period (targets.judge), or None when it has none."""
    target = target_of(ts.task)
    if target is None:
        return None
    figures = {s.unit: s.report.value for s in ts.shares if s.report is not None and s.report.value is not None}
    progress = expected_progress(ts.task.deadline, on, plan_date, ts.due)
    return judge(target, figures, baseline=rv.baseline.get(ts.task.key) if rv else None, progress=progress,
                 due=ts.due)
