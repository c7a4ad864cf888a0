"""Scores and ranks the units that answer for tasks (各单位推进情况, the 晾晒 table and the year's
考核), and decides which units a 通报 names.  The rules are the README's tables 「单位怎么排名」 and
「考核和晾晒」; this is the only place they live.  The weights are the office's: items of the 设置
sheet (``SCHEME_ITEMS``), today's values by default.

* Ranked: every unit that answers for at least one task (牵头, or 共同负责 without a 牵头单位).
  Units that only co-operate are not ranked: they have nothing of their own to rank.
* Score (out of 100 with the default weights) = reporting (20) + progress (80)
  − overdue tasks × 逾期任务扣分 − 督办 received × 督办扣分 + targets met × 目标达标加分, never below 0:
  reporting: on time or time unknown 20, late 10, not reported or empty 0;
  progress: 80 × the mean over the unit's task shares of 1 (已完成, 长期坚持, 序时推进, 临期),
  0.5 (进度滞后) or 0 (逾期, 未报送).  An overdue task stays overdue when its unit does not
  report, so not reporting never raises a unit's score.
* Year to date: the mean of the unit's monthly scores this year (the months it was ranked),
  ranked the same way.
* Rank: by score, highest first; equal scores share a rank (1, 2, 2, 4).
* Named in the 通报: the units with the highest score and those with the lowest, each only when
  the scores are not all equal and the group is at most ``NAME_MAX`` units (otherwise the
  number is given instead of the names).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .errors import ZhishuiError
from .status import DONE, DUE_SOON, LAGGING, MISSING, ON_SCHEDULE, ONGOING, OVERDUE, TaskStatus

NAME_MAX = 5
# 设置 item -> (Scheme field, what it is); the README's 「考核和晾晒」 table and the 督办台账's 设置 sheet
SCHEME_ITEMS = {
    "考核按时报送分": ("on_time", "按时报送（或收到时间不明）得的分"),
    "考核逾期报送分": ("late", "逾期报送得的分（未报送、空表、文件无法读取0分）"),
    "考核进度分": ("progress", "进度满分：乘以负责任务的平均得分（已完成、长期坚持、序时推进、临期1，进度滞后按下一项，逾期、未报送0）"),
    "考核滞后任务得分": ("lagging", "进度滞后的任务算几成（0到1）"),
    "考核逾期任务扣分": ("overdue_penalty", "每项逾期任务扣的分"),
    "考核督办扣分": ("pressed_penalty", "本期督办通知里每项任务扣的分"),
    "考核目标达标加分": ("target_bonus", "每项达到目标值的任务加的分"),
}


# the 报送 state of a unit whose every task is closed out (README 「单位怎么排名」)
NOTHING_ASKED = "无需报送"


@dataclass(frozen=True)
class Scheme:
    """The scoring scheme (考核办法); the defaults are round 1's ranking."""
    on_time: float = 20.0
    late: float = 10.0
    progress: float = 80.0
    lagging: float = 0.5
    overdue_penalty: float = 0.0
    pressed_penalty: float = 0.0
    target_bonus: float = 0.0

    @classmethod
    def from_settings(cls, settings) -> "Scheme":
        """The 设置 sheet's 考核 items (numbers); a value that is not a number stops the month."""
        given = {}
        for item, (attr, _) in SCHEME_ITEMS.items():
            raw = str(settings.extra.get(item, "") or "").strip()
            if not raw:
                continue
            try:
                given[attr] = float(raw.rstrip("分"))
            except ValueError:
                raise ZhishuiError(f"设置表「{item}」的值「{raw}」不是数字", code="SCHEME_VALUE",
                                   hint=f"请填写数字（{SCHEME_ITEMS[item][1]}），或清空使用默认值{getattr(cls(), attr):g}")
        if "lagging" in given and not 0 <= given["lagging"] <= 1:
            raise ZhishuiError(f"设置表「考核滞后任务得分」应在0到1之间（现为{given['lagging']:g}）", code="SCHEME_VALUE",
                               hint="例如0.5表示进度滞后的任务按一半计")
        return cls(**given)

    def share_points(self) -> dict[str, float]:
        return {DONE: 1.0, ONGOING: 1.0, ON_SCHEDULE: 1.0, DUE_SOON: 1.0, LAGGING: self.lagging, MISSING: 0.0,
                OVERDUE: 0.0}

    def report_points(self) -> dict[str, float]:
        return {"已报送": self.on_time, "逾期报送": self.late, "未报送": 0.0, "空表": 0.0, "无法读取": 0.0,
                NOTHING_ASKED: self.on_time}

    def rows(self) -> list[tuple[str, float, str]]:
        """(设置 item, value, what it is), for the 设置 sheet, the 考核 workbook and the README."""
        return [(item, getattr(self, attr), what) for item, (attr, what) in SCHEME_ITEMS.items()]

    @property
    def is_default(self) -> bool:
        return self == Scheme()


DEFAULT = Scheme()
SHARE_POINTS = DEFAULT.share_points()
REPORT_POINTS = DEFAULT.report_points()
REPORT_WEIGHT, PROGRESS_WEIGHT = DEFAULT.on_time, DEFAULT.progress


@dataclass
class UnitScore:
    unit: str
    state: str                                   # reporting state this period
    counts: dict = field(default_factory=dict)   # share status -> number of tasks
    score: float = 0.0
    rank: int = 0
    parts: dict = field(default_factory=dict)
    ytd: float | None = None          # year to date: the mean of this year's monthly scores
    ytd_rank: int = 0
    months: int = 0                   # months of this year the mean is over
    previous_rank: int | None = None
    previous_score: float | None = None   # last period's score, when last period is of this year

    @property
    def tasks(self) -> int:
        return sum(self.counts.values())

    @property
    def rank_change(self) -> str:
        """Against last period's rank: ↑2, ↓1, 持平, or "" (not ranked then)."""
        if self.previous_rank is None:
            return ""
        d = self.previous_rank - self.rank
        if d and self.previous_score is not None and self.previous_score == self.score:
            # (a unit at 0 two months running moved up two places as others fell: 「↑2」 read as its own progress,
            # the session-17 trial)
            return "得分未变"
        return "持平" if d == 0 else (f"↑{d}" if d > 0 else f"↓{-d}")

    def to_dict(self) -> dict:
        return {"unit": self.unit, "score": self.score, "rank": self.rank, "state": self.state,
                "tasks": self.tasks, "counts": self.counts, "parts": self.parts,
                "ytd": {"score": self.ytd, "rank": self.ytd_rank, "months": self.months},
                "previous_rank": self.previous_rank}


@dataclass
class Ranking:
    scores: list[UnitScore]
    top: list[str]            # named as best (empty when not distinguishable)
    bottom: list[str]         # named as worst
    top_count: int = 0        # how many share the highest score
    bottom_count: int = 0
    all_equal: bool = False


def tenth(x: float) -> float:
    """To one decimal, halves up as a person rounds (round(98.85, 1) is 98.8 in binary floating point: the trial-21
    累计得分 of 100 and 97.714 was printed 98.8)."""
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _ranks(values: list[float]) -> list[int]:
    """Competition ranks of values sorted highest first (1, 2, 2, 4)."""
    out: list[int] = []
    for i, v in enumerate(values):
        out.append(out[i - 1] if i and v == values[i - 1] else i + 1)
    return out


def rank_units(statuses: list[TaskStatus], unit_states: dict[str, str], scheme: Scheme = DEFAULT, *,
               pressed: dict[str, int] | None = None, targets_met: dict[str, int] | None = None,
               earlier: dict[str, list] | None = None, previous_ranks: dict[str, int] | None = None) -> Ranking:
    """``pressed``: unit -> tasks in its 督办通知; ``targets_met``: unit -> its targets met;
    ``earlier``: unit -> [(period, score)] of this year's earlier months (history);
    ``previous_ranks``: unit -> last period's rank."""
    pressed, targets_met, earlier = pressed or {}, targets_met or {}, earlier or {}
    points, report_points = scheme.share_points(), scheme.report_points()
    by_unit: dict[str, dict[str, int]] = {}
    open_tasks: set[str] = set()      # units answering for a task not closed out: asked for a return this period
    for ts in statuses:
        for s in ts.shares:
            c = by_unit.setdefault(s.unit, {})
            c[s.status] = c.get(s.status, 0) + 1
            if ts.closeout != "已销号":
                open_tasks.add(s.unit)
    scores = []
    for unit, counts in by_unit.items():
        # a unit whose every task was closed out was sent no sheet: it has nothing to report, and finishing early
        # does not cost it the 报送 points (trial 20 ranked such a unit 未报送, 0 points, beside 「未报送 0」)
        state = unit_states.get(unit) or ("未报送" if unit in open_tasks else NOTHING_ASKED)
        n = sum(counts.values())
        progress = scheme.progress * sum(points[st] * k for st, k in counts.items()) / n
        reporting = report_points.get(state, 0.0)
        overdue = -scheme.overdue_penalty * counts.get(OVERDUE, 0)
        supervised = -scheme.pressed_penalty * pressed.get(unit, 0)
        bonus = scheme.target_bonus * targets_met.get(unit, 0)
        total = max(0.0, reporting + progress + overdue + supervised + bonus)
        scores.append(UnitScore(unit, state, counts, tenth(total),
                                parts={"报送": reporting, "进度": tenth(progress), "逾期扣分": tenth(overdue),
                                       "督办扣分": tenth(supervised), "目标加分": tenth(bonus)},
                                previous_rank=(previous_ranks or {}).get(unit)))
    scores.sort(key=lambda u: (-u.score, u.unit))
    for u, r in zip(scores, _ranks([u.score for u in scores])):
        u.rank = r
    for u in scores:          # year to date: this month with the earlier ones
        months = [s for _, s in earlier.get(u.unit, [])] + [u.score]
        if u.previous_rank is not None and earlier.get(u.unit):
            u.previous_score = earlier[u.unit][-1][1]
        u.ytd, u.months = tenth(sum(months) / len(months)), len(months)
    by_ytd = sorted(scores, key=lambda u: (-u.ytd, u.unit))
    for u, r in zip(by_ytd, _ranks([u.ytd for u in by_ytd])):
        u.ytd_rank = r
    if not scores:
        return Ranking([], [], [])
    hi, lo = scores[0].score, scores[-1].score
    if hi == lo:
        return Ranking(scores, [], [], len(scores), len(scores), all_equal=True)
    top = [u.unit for u in scores if u.score == hi]
    bottom = [u.unit for u in scores if u.score == lo]
    return Ranking(scores, top if len(top) <= NAME_MAX else [], bottom if len(bottom) <= NAME_MAX else [],
                   len(top), len(bottom))
