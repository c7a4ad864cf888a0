"""Scores and ranks the units that answer for tasks (各单位推进情况), and decides which units a
通报 names.  The rules are the README's table 「单位怎么排名」; this is the only place they live.

* Ranked: every unit that answers for at least one task (牵头, or 共同负责 without a 牵头单位).
  Units that only co-operate are not ranked: they have nothing of their own to rank.
* Score (out of 100) = reporting (20) + progress (80):
  reporting: on time or time unknown 20, late 10, not reported or empty 0;
  progress: 80 × the mean over the unit's task shares of 1 (已完成, 长期坚持, 序时推进, 临期),
  0.5 (进度滞后) or 0 (逾期, 未报送).  An overdue task stays overdue when its unit does not
  report, so not reporting never raises a unit's score.
* Rank: by score, highest first; equal scores share a rank (1, 2, 2, 4).
* Named in the 通报: the units with the highest score and those with the lowest, each only when
  the scores are not all equal and the group is at most ``NAME_MAX`` units (otherwise the
  number is given instead of the names).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .status import DONE, DUE_SOON, LAGGING, MISSING, ON_SCHEDULE, ONGOING, OVERDUE, TaskStatus

SHARE_POINTS = {DONE: 1.0, ONGOING: 1.0, ON_SCHEDULE: 1.0, DUE_SOON: 1.0, LAGGING: 0.5, MISSING: 0.0, OVERDUE: 0.0}
REPORT_POINTS = {"已报送": 20.0, "逾期报送": 10.0, "未报送": 0.0, "空表": 0.0}
REPORT_WEIGHT, PROGRESS_WEIGHT = 20.0, 80.0
NAME_MAX = 5


@dataclass
class UnitScore:
    unit: str
    state: str                                   # reporting state this period
    counts: dict = field(default_factory=dict)   # share status -> number of tasks
    score: float = 0.0
    rank: int = 0
    parts: dict = field(default_factory=dict)

    @property
    def tasks(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        return {"unit": self.unit, "score": self.score, "rank": self.rank, "state": self.state,
                "tasks": self.tasks, "counts": self.counts, "parts": self.parts}


@dataclass
class Ranking:
    scores: list[UnitScore]
    top: list[str]            # named as best (empty when not distinguishable)
    bottom: list[str]         # named as worst
    top_count: int = 0        # how many share the highest score
    bottom_count: int = 0
    all_equal: bool = False


def rank_units(statuses: list[TaskStatus], unit_states: dict[str, str]) -> Ranking:
    by_unit: dict[str, dict[str, int]] = {}
    for ts in statuses:
        for s in ts.shares:
            c = by_unit.setdefault(s.unit, {})
            c[s.status] = c.get(s.status, 0) + 1
    scores = []
    for unit, counts in by_unit.items():
        state = unit_states.get(unit, "未报送")
        n = sum(counts.values())
        progress = PROGRESS_WEIGHT * sum(SHARE_POINTS[st] * k for st, k in counts.items()) / n
        reporting = REPORT_POINTS.get(state, 0.0)
        scores.append(UnitScore(unit, state, counts, round(reporting + progress, 1),
                                parts={"报送": reporting, "进度": round(progress, 1)}))
    scores.sort(key=lambda u: (-u.score, u.unit))
    for i, u in enumerate(scores):
        u.rank = scores[i - 1].rank if i and u.score == scores[i - 1].score else i + 1
    if not scores:
        return Ranking([], [], [])
    hi, lo = scores[0].score, scores[-1].score
    if hi == lo:
        return Ranking(scores, [], [], len(scores), len(scores), all_equal=True)
    top = [u.unit for u in scores if u.score == hi]
    bottom = [u.unit for u in scores if u.score == lo]
    return Ranking(scores, top if len(top) <= NAME_MAX else [], bottom if len(bottom) <= NAME_MAX else [],
                   len(top), len(bottom))
